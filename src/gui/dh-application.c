/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-application.c: the application: command-line modes, actions, the main window. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-application.h"
#include "dh-bench-hook.h"
#include "dh-cli.h"
#include "dh-window.h"

struct _DhApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (DhApplication, dh_application, ADW_TYPE_APPLICATION)

static int
dh_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *analyze = NULL;

  /* Command-line modes run here, before start-up, so they never need a display. */
  if (g_variant_dict_lookup (options, "analyze", "^ay", &analyze))
    return dh_cli_analyze (analyze);

  return G_APPLICATION_CLASS (dh_application_parent_class)->handle_local_options (app, options);
}

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

static void
dh_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_activated },
    { .name = "about", .activate = about_activated },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (dh_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
dh_application_finalize (GObject *object)
{
  g_clear_object (&DH_APPLICATION (object)->settings);
  G_OBJECT_CLASS (dh_application_parent_class)->finalize (object);
}

static void
dh_application_class_init (DhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dh_application_finalize;

  app_class->handle_local_options = dh_application_handle_local_options;
  app_class->startup = dh_application_startup;
  app_class->activate = dh_application_activate;
  app_class->open = dh_application_open;
}

static void
dh_application_init (DhApplication *self)
{
  static const GOptionEntry options[] = {
    { "analyze", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Analyse a bounce (a file, or - for standard input) and print what was found as JSON"),
      N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Delist Helper reads a bounced e-mail and guides you through getting your server’s address off Microsoft’s block list."));
}

/* The one GSettings of the application, or NULL when the schema is not installed (the app then
 * works without remembering anything). */
GSettings *
dh_application_get_settings (DhApplication *self)
{
  g_return_val_if_fail (DH_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema =
        source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

      if (schema == NULL)
        {
          g_message ("The settings schema %s is not installed; nothing will be remembered.", APP_ID);
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
