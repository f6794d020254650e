/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screenshots-prefs.c: PNGs of Preferences, About and the keyboard shortcuts of the real
 * application, for looking at and for the README. Run by build-aux/screenshots.sh.
 * Usage: screenshots-prefs OUTPUT-DIR; the language comes from LANGUAGE. */
#include "config.h"

#include <stdio.h>

#include "dh-application.h"
#include "dh-preferences-window.h"
#include "dh-test-utils.h"

static const char *
language (void)
{
  return g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en";
}

static void
shoot (GtkWindow  *window,
       const char *dir,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, language ());
  g_autofree char *path = g_build_filename (dir, file, NULL);

  dh_test_save_screenshot (window, path);
  printf ("%s\n", path);
}

/* The newest window of @type among all windows, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = GTK_WINDOW (window);
    }
  return found;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DhApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  const char *dir;

  dh_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  g_mkdir_with_parents (dir, 0755);
  /* The app's icon, as installed (About shows it). */
  {
    g_autofree char *icons = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                                               "..", "data", "icons", NULL);

    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
  }

  app = dh_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_activate (G_APPLICATION (app));
  g_settings_set_boolean (dh_application_get_settings (app), "remember-online-consent", TRUE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window = find_toplevel (DH_TYPE_PREFERENCES_WINDOW);
  gtk_window_set_default_size (window, 640, 1100);
  shoot (window, dir, "preferences");
  gtk_window_destroy (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  window = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  shoot (window, dir, "about");
  gtk_window_destroy (window);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  window = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  shoot (window, dir, "shortcuts");
  gtk_window_destroy (window);
  return 0;
}
