/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-application.c: the application: actions, the main window (main.c hands the command-line
 * modes to delist-helper-cli). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-application.h"
#include "dh-bench-hook.h"
#include "dh-language.h"
#include "dh-window.h"

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

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Delist Helper"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Get your server’s address off Microsoft’s block list, step by step."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Every main window again, in the language now in effect, with what the user entered. */
static gboolean
relocalize_windows (gpointer user_data)
{
  DhApplication *self = DH_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  self->relocalize_id = 0;
  for (GList *l = windows; l; l = l->next)
    if (DH_IS_WINDOW (l->data) && dh_window_is_busy (l->data))
      {
        /* A bounce is being read or analysed: rebuild once its result is on screen. */
        self->relocalize_id = g_timeout_add (RELOCALIZE_RETRY_MS, relocalize_windows, self);
        return G_SOURCE_REMOVE;
      }
  for (GList *l = windows; l; l = l->next)
    if (DH_IS_WINDOW (l->data))
      dh_window_relocalize (l->data);
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
    { .name = "open-case", .activate = open_case_activated, .parameter_type = "s" },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
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
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

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
