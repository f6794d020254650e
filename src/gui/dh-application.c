/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-application.c: the application: actions, the main window (main.c hands the command-line
 * modes to delist-helper-cli). */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dh-application.h"
#include "dh-bench-hook.h"
#include "dh-language.h"
#include "dh-links.h"
#include "dh-preferences-window.h"
#include "dh-window.h"

/* The built metainfo (data/about.gresource.xml.in), for the About window's release notes. */
GResource *dh_about_get_resource (void);

/* The project's pages, as the metainfo names them. */
#define WEBSITE_URL "https://github.com/delisthelper/DelistHelper"
#define ISSUE_URL   "https://github.com/delisthelper/DelistHelper/issues"

struct _DhApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  gboolean       no_schema;       /* the settings schema was looked for and is not installed */
  char          *language;        /* the `ui-language` in effect: "", "ja" or "en" */
  guint          relocalize_id;   /* a pending rebuild of the windows in that language */
  DhCaseStore   *store;           /* the saved cases */
  guint          waits_id;        /* the minute timer that looks for waits that are over */
  GHashTable    *notified;        /* ids of the cases whose wait this run has announced */
  gboolean       cases_changed;   /* a case was saved since the cases were last read */
  GDateTime     *next_wait_end;   /* the earliest wait not yet over, as last read, or NULL */
};

/* How often the app looks for a mitigation wait that has ended, in seconds. */
#define WAIT_CHECK_INTERVAL 60
/* While a window reads or analyses a bounce, a language switch looks again this often (ms). */
#define RELOCALIZE_RETRY_MS 100

G_DEFINE_FINAL_TYPE (DhApplication, dh_application, ADW_TYPE_APPLICATION)

static void
dh_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (dh_window_new (DH_APPLICATION (app)));
  dh_bench_hook_watch (window);   /* nothing unless DH_BENCH_FIRST_FRAME is set */
  gtk_window_present (window);
}

static void
dh_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DhWindow *window;

  dh_application_activate (app);
  window = DH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (n_files > 0)
    dh_window_load_file (window, files[0]);
}

/* The saved cases whose mitigation wait is over at @now and not yet announced in this run get a
 * desktop notification that suggests a test mail; returns their ids. */
GPtrArray *
dh_application_check_waits (DhApplication *self,
                            GDateTime     *now)
{
  g_autoptr(GPtrArray) summaries = NULL;
  GPtrArray *announced = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (DH_IS_APPLICATION (self), announced);

  summaries = dh_case_store_list (dh_application_get_case_store (self), NULL, NULL);
  self->cases_changed = FALSE;
  g_clear_pointer (&self->next_wait_end, g_date_time_unref);
  for (guint i = 0; summaries && i < summaries->len; i++)
    {
      DhCaseSummary *summary = g_ptr_array_index (summaries, i);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *notification_id = NULL;
      g_autofree char *body = NULL;

      if (summary->state != DH_CASE_STATE_MITIGATION_WAIT && summary->state != DH_CASE_STATE_WAIT_OVER)
        continue;
      if (summary->since && g_date_time_compare (summary->since, now) > 0)
        {
          /* Not over yet: the timer reads the cases again only when the first wait ends. */
          if (self->next_wait_end == NULL || g_date_time_compare (summary->since, self->next_wait_end) < 0)
            {
              g_clear_pointer (&self->next_wait_end, g_date_time_unref);
              self->next_wait_end = g_date_time_ref (summary->since);
            }
          continue;
        }
      if (summary->since == NULL || g_hash_table_contains (self->notified, summary->id))
        continue;

      g_hash_table_add (self->notified, g_strdup (summary->id));
      notification = g_notification_new (_("Time to send a test mail"));
      if (summary->ip)
        /* Translators: %s is the blocked IP address. */
        body = g_strdup_printf (_("The wait after Microsoft lifted the block on %s is over. Send a test mail to the address that bounced to see whether it gets through."),
                                summary->ip);
      else
        body = g_strdup (_("The wait after Microsoft lifted the block is over. Send a test mail to the address that bounced to see whether it gets through."));
      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.open-case", "s", summary->id);
      notification_id = g_strconcat ("wait-over-", summary->id, NULL);
      g_application_send_notification (G_APPLICATION (self), notification_id, notification);
      g_ptr_array_add (announced, g_strdup (summary->id));
    }
  return announced;
}

/* Every minute, but the case files are read only when a case was saved since, or when the first
 * known wait has ended: an idle app does no I/O. */
static gboolean
check_waits_cb (gpointer user_data)
{
  DhApplication *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->cases_changed ||
      (self->next_wait_end && g_date_time_compare (now, self->next_wait_end) >= 0))
    g_ptr_array_unref (dh_application_check_waits (self, now));
  return G_SOURCE_CONTINUE;
}

static void
case_saved (DhApplication *self)
{
  self->cases_changed = TRUE;
}

static void
open_case_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWindow *window;

  dh_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (DH_IS_WINDOW (window))
    dh_window_open_case (DH_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The language the windows are in now: "ja" or "en". */
static const char *
current_language (DhApplication *self)
{
  const char * const *names;

  if (self->language && *self->language)
    return self->language;
  names = g_get_language_names ();
  return names[0] && g_str_has_prefix (names[0], "ja") ? "ja" : "en";
}

typedef struct {
  const char *version;    /* the release wanted */
  const char *language;   /* "ja" or "en" */
  gboolean    in_release;
  int         depth;      /* inside its <description>: 1 and deeper */
  gboolean    skip;       /* in an element of another language */
  GString    *notes;      /* what the About window shows, AppStream markup */
  GString    *text;       /* the text of the <p> or <li> being read */
  char       *pending;    /* the last untranslated <p> or <li>, written once we know none follows */
} NotesParser;

static void
flush_pending (NotesParser *parser)
{
  if (parser->pending)
    g_string_append (parser->notes, parser->pending);
  g_clear_pointer (&parser->pending, g_free);
}

static void
notes_start (GMarkupParseContext *context,
             const char          *element,
             const char         **names,
             const char         **values,
             gpointer             user_data,
             GError             **error)
{
  NotesParser *parser = user_data;
  const char *lang = NULL;

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "xml:lang"))
        lang = values[i];
      else if (g_str_equal (element, "release") && g_str_equal (names[i], "version"))
        parser->in_release = g_str_equal (values[i], parser->version);
    }
  if (!parser->in_release)
    return;
  if (parser->depth == 0)
    {
      if (g_str_equal (element, "description"))
        parser->depth = 1;
      return;
    }
  parser->depth++;
  if (g_str_equal (element, "p") || g_str_equal (element, "li"))
    {
      /* A translation replaces the untranslated element before it. */
      parser->skip = lang != NULL && !g_str_equal (lang, parser->language);
      if (lang && !parser->skip)
        g_clear_pointer (&parser->pending, g_free);
      else if (!lang)
        flush_pending (parser);
      g_string_truncate (parser->text, 0);
    }
  else if (g_str_equal (element, "ul") || g_str_equal (element, "ol"))
    {
      flush_pending (parser);
      g_string_append_printf (parser->notes, "<%s>", element);
    }
}

static void
notes_end (GMarkupParseContext *context,
           const char          *element,
           gpointer             user_data,
           GError             **error)
{
  NotesParser *parser = user_data;
  g_autofree char *escaped = NULL;

  if (!parser->in_release || parser->depth == 0)
    {
      if (g_str_equal (element, "release"))
        parser->in_release = FALSE;
      return;
    }
  parser->depth--;
  if (parser->depth == 0)
    {
      flush_pending (parser);
      return;
    }
  if ((g_str_equal (element, "p") || g_str_equal (element, "li")) && !parser->skip)
    {
      escaped = g_markup_escape_text (parser->text->str, -1);
      flush_pending (parser);
      parser->pending = g_strdup_printf ("<%s>%s</%s>", element, escaped, element);
    }
  else if (g_str_equal (element, "ul") || g_str_equal (element, "ol"))
    {
      flush_pending (parser);
      g_string_append_printf (parser->notes, "</%s>", element);
    }
  parser->skip = FALSE;
}

static void
notes_text (GMarkupParseContext *context,
            const char          *text,
            gsize                length,
            gpointer             user_data,
            GError             **error)
{
  NotesParser *parser = user_data;

  if (parser->depth > 1 && !parser->skip)
    g_string_append_len (parser->text, text, length);
}

/* The description of release @version in the metainfo, in @language, as the AppStream markup the
 * About window shows; NULL when there is none. */
char *
dh_application_get_release_notes (const char *version,
                                  const char *language)
{
  static const GMarkupParser markup_parser = {
    .start_element = notes_start, .end_element = notes_end, .text = notes_text,
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  NotesParser parser = { .version = version, .language = language };

  bytes = g_resource_lookup_data (dh_about_get_resource (), RESOURCE_BASE "/metainfo.xml",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_warning ("No metainfo for the release notes: %s", error->message);
      return NULL;
    }
  parser.notes = g_string_new (NULL);
  parser.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&markup_parser, 0, &parser, NULL);
  if (!g_markup_parse_context_parse (context, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    {
      g_warning ("The metainfo cannot be read: %s", error->message);
      g_string_truncate (parser.notes, 0);
    }
  g_free (parser.pending);
  g_string_free (parser.text, TRUE);
  if (parser.notes->len == 0)
    {
      g_string_free (parser.notes, TRUE);
      return NULL;
    }
  return g_string_free (parser.notes, FALSE);
}

/* What a bug report needs: the version, the profile and the libraries in use. */
static char *
debug_info (void)
{
  return g_strdup_printf ("Delist Helper %s (%s)\n"
                          "Profile: %s\n"
                          "GLib %u.%u.%u\n"
                          "GTK %u.%u.%u\n"
                          "libadwaita %u.%u.%u\n"
                          "libsoup %u.%u.%u\n"
                          "GMime %u.%u.%u\n"
                          "json-glib %s (built with)\n"
                          "Language: %s\n",
                          PACKAGE_VERSION, APP_ID,
                          DEVELOPMENT_PROFILE ? "development" : "default",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                          soup_get_major_version (), soup_get_minor_version (), soup_get_micro_version (),
                          gmime_major_version, gmime_minor_version, gmime_micro_version,
                          JSON_VERSION_S,
                          g_get_language_names ()[0]);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DhApplication *self = DH_APPLICATION (user_data);
  static const char *developers[] = { "The Delist Helper developers", NULL };
  g_autofree char *notes = dh_application_get_release_notes (PACKAGE_VERSION, current_language (self));
  g_autofree char *debug = debug_info ();
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Delist Helper"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Delist Helper developers"),
                        "developers", developers,
                        "comments", _("Get your server’s address off Microsoft’s block list, step by step."),
                        "website", WEBSITE_URL,
                        "issue-url", ISSUE_URL,
                        "copyright", _("© 2026 The Delist Helper developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes", notes,
                        "debug-info", debug,
                        "debug-info-filename", "delist-helper-debug.txt",
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DhApplication *self = DH_APPLICATION (user_data);
  GSettings *settings = dh_application_get_settings (self);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (settings == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (DH_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  preferences = dh_preferences_window_new (parent, settings);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The user guide's page in @language: DH_HELP_DIR (the source tree's help/, for a build that is
 * not installed) or HELPDIR, then <language>/index.html. */
GFile *
dh_application_get_help_file (const char *language)
{
  const char *dir = g_getenv ("DH_HELP_DIR");

  return g_file_new_build_filename (dir && *dir ? dir : HELPDIR, language, "index.html", NULL);
}

/* F1: the user guide, installed with the app, in the browser and in the app's language. */
static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DhApplication *self = DH_APPLICATION (user_data);
  g_autoptr(GFile) file = dh_application_get_help_file (current_language (self));
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *path = g_file_get_path (file);
      /* Translators: %s is the path of a file. */
      g_autofree char *body = g_strdup_printf (_("The guide should be at %s. Installing Delist Helper again puts it back."),
                                               path);
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The User Guide Is Missing"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  dh_links_open_file (parent, file);
}

/* Every main window again, in the language now in effect, with what the user entered. */
static gboolean
relocalize_windows (gpointer user_data)
{
  DhApplication *self = DH_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  gboolean preferences_open = FALSE;

  self->relocalize_id = 0;
  for (GList *l = windows; l; l = l->next)
    if (DH_IS_WINDOW (l->data) && dh_window_is_busy (l->data))
      {
        /* A bounce is being read or analysed: rebuild once its result is on screen. */
        self->relocalize_id = g_timeout_add (RELOCALIZE_RETRY_MS, relocalize_windows, self);
        return G_SOURCE_REMOVE;
      }
  /* Preferences open (where the language was chosen) come back in the new language too. */
  for (GList *l = windows; l; l = l->next)
    if (DH_IS_PREFERENCES_WINDOW (l->data))
      {
        preferences_open = TRUE;
        gtk_window_destroy (l->data);
        l->data = NULL;
      }
  for (GList *l = windows; l; l = l->next)
    if (DH_IS_WINDOW (l->data))
      dh_window_relocalize (l->data);
  if (preferences_open)
    g_action_group_activate_action (G_ACTION_GROUP (self), "preferences", NULL);
  return G_SOURCE_REMOVE;
}

/* "" (the system's), "ja" or "en": gettext uses it from now on and the windows are rebuilt in it.
 * The rebuild waits for the main loop, so that the menu item that chose it has finished. */
static void
set_language (DhApplication *self,
              const char    *language)
{
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  dh_language_apply (language);
  if (self->relocalize_id == 0)
    self->relocalize_id = g_idle_add (relocalize_windows, self);
}

static void
ui_language_changed (DhApplication *self,
                     const char    *key,
                     GSettings     *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "ui-language");

  set_language (self, language);
}

/* Without the settings schema the choice holds until the app quits. */
static void
ui_language_change_state (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  const char *language = g_variant_get_string (value, NULL);

  if (!g_str_equal (language, "") && !g_str_equal (language, "ja") && !g_str_equal (language, "en"))
    return;
  g_simple_action_set_state (action, value);
  set_language (DH_APPLICATION (user_data), language);
}

/* The stateful action app.ui-language ("", "ja", "en") behind the Language items of the primary
 * menu, bound to the `ui-language` setting when there are settings. */
static void
add_language_action (DhApplication *self)
{
  GSettings *settings = dh_application_get_settings (self);
  g_autoptr(GAction) action = NULL;

  if (settings)
    {
      action = g_settings_create_action (settings, "ui-language");
      g_signal_connect_object (settings, "changed::ui-language", G_CALLBACK (ui_language_changed),
                               self, G_CONNECT_SWAPPED);
      /* GSettings reports changes of a key only once it was read with a handler connected. */
      g_free (g_settings_get_string (settings, "ui-language"));
    }
  else
    {
      action = G_ACTION (g_simple_action_new_stateful ("ui-language", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string (self->language)));
      g_signal_connect (action, "change-state", G_CALLBACK (ui_language_change_state), self);
    }
  g_action_map_add_action (G_ACTION_MAP (self), action);
}

static void
dh_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_activated },
    { .name = "about", .activate = about_activated },
    { .name = "preferences", .activate = preferences_activated },
    { .name = "help", .activate = help_activated },
    { .name = "open-case", .activate = open_case_activated, .parameter_type = "s" },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "wizard.restart", { "<Control>n", NULL } },
    { "win.save-report", { "<Control>s", NULL } },
  };
  DhApplication *self = DH_APPLICATION (app);
  GSettings *settings = dh_application_get_settings (self);

  /* The chosen language before anything is translated, GTK's own start-up included. */
  dh_language_save_initial ();
  self->language = settings ? g_settings_get_string (settings, "ui-language") : g_strdup ("");
  if (*self->language)
    dh_language_apply (self->language);

  G_APPLICATION_CLASS (dh_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  add_language_action (self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  /* Preferences need the settings schema. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences")),
                               settings != NULL);

  /* While the app is open, a wait that ends is announced. */
  self->waits_id = g_timeout_add_seconds (WAIT_CHECK_INTERVAL, check_waits_cb, self);
}

static void
dh_application_shutdown (GApplication *app)
{
  DhApplication *self = DH_APPLICATION (app);

  g_clear_handle_id (&self->waits_id, g_source_remove);
  G_APPLICATION_CLASS (dh_application_parent_class)->shutdown (app);
  /* The windows are gone and have saved; whatever is still pending is written now. */
  if (self->store)
    dh_case_store_flush (self->store);
}

static void
dh_application_dispose (GObject *object)
{
  g_clear_handle_id (&DH_APPLICATION (object)->relocalize_id, g_source_remove);
  g_clear_handle_id (&DH_APPLICATION (object)->waits_id, g_source_remove);
  G_OBJECT_CLASS (dh_application_parent_class)->dispose (object);
}

static void
dh_application_finalize (GObject *object)
{
  g_clear_object (&DH_APPLICATION (object)->settings);
  g_clear_object (&DH_APPLICATION (object)->store);
  g_clear_pointer (&DH_APPLICATION (object)->notified, g_hash_table_unref);
  g_clear_pointer (&DH_APPLICATION (object)->next_wait_end, g_date_time_unref);
  g_free (DH_APPLICATION (object)->language);
  G_OBJECT_CLASS (dh_application_parent_class)->finalize (object);
}

static void
dh_application_class_init (DhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dh_application_dispose;
  object_class->finalize = dh_application_finalize;

  app_class->startup = dh_application_startup;
  app_class->shutdown = dh_application_shutdown;
  app_class->activate = dh_application_activate;
  app_class->open = dh_application_open;
}

static void
dh_application_init (DhApplication *self)
{
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cases_changed = TRUE;   /* nothing read yet */
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Delist Helper reads a bounced e-mail and guides you through getting your server’s address off Microsoft’s block list."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Command-line modes (no window): --analyze FILE, --check-ip IP, --list-cases, --export-case ID. They run delist-helper-cli; see delist-helper-cli --help."));
}

/* The saved cases, in the user's data folder. */
DhCaseStore *
dh_application_get_case_store (DhApplication *self)
{
  g_return_val_if_fail (DH_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    {
      self->store = dh_case_store_new (NULL);
      g_signal_connect_object (self->store, "saved", G_CALLBACK (case_saved), self, G_CONNECT_SWAPPED);
    }
  return self->store;
}

/* The one GSettings of the application, or NULL when the schema is not installed (the app then
 * works without remembering anything). */
GSettings *
dh_application_get_settings (DhApplication *self)
{
  g_return_val_if_fail (DH_IS_APPLICATION (self), NULL);

  if (self->settings == NULL && !self->no_schema)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema =
        source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

      if (schema == NULL)
        {
          g_message ("The settings schema %s is not installed; nothing will be remembered.", APP_ID);
          self->no_schema = TRUE;
          return NULL;
        }
      self->settings = g_settings_new_full (schema, NULL, NULL);
    }
  return self->settings;
}

DhApplication *
dh_application_new (void)
{
  return g_object_new (DH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
