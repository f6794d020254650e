/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window under Xvfb: paste text, analyse, see the facts. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-application.h"
#include "dh-window.h"

static const char bounce[] =
  "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550\n"
  "    5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please\n"
  "    contact your Internet service provider since part of their network is on\n"
  "    our block list (S3150). [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com]\n";

static void
wait_until_idle (DhWindow *window)
{
  while (dh_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Collects the titles and subtitles of every row in the results, as a person would read them. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "[%s|%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_string_append_printf (out, "{%s}", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static DhWindow *
new_window (void)
{
  DhWindow *window = dh_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_paste_and_analyze (void)
{
  DhWindow *window = new_window ();
  g_autoptr(GString) text = g_string_new (NULL);

  dh_window_set_text (window, bounce);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.analyze", NULL);
  wait_until_idle (window);

  collect_text (dh_window_get_results (window), text);
  g_test_message ("%s", text->str);
  g_assert_nonnull (strstr (text->str, "{Microsoft is refusing mail from your server’s address 203.0.113.45.}"));
  g_assert_nonnull (strstr (text->str, "[Blocked address (IP)|203.0.113.45]"));
  g_assert_nonnull (strstr (text->str, "[Recipients|user@outlook.jp]"));
  g_assert_nonnull (strstr (text->str, "[Error code|550 5.7.1 (S3150)]"));
  g_assert_nonnull (strstr (text->str, "[Refusing server|apc.olc.protection.outlook.com]"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_bounce (void)
{
  DhWindow *window = new_window ();
  g_autoptr(GString) text = g_string_new (NULL);

  dh_window_set_text (window, "Just a note, no bounce here.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.analyze", NULL);
  wait_until_idle (window);
  collect_text (dh_window_get_results (window), text);
  g_assert_cmpstr (text->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_file (void)
{
  DhWindow *window = new_window ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  dh_window_load_file (window, file);
  wait_until_idle (window);
  collect_text (dh_window_get_results (window), text);
  g_assert_nonnull (strstr (text->str, "203.0.113.45"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GResource) resource = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "en", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dh/window/paste-and-analyze", test_paste_and_analyze);
  g_test_add_func ("/dh/window/no-bounce", test_no_bounce);
  g_test_add_func ("/dh/window/open-file", test_open_file);

  return g_test_run ();
}
