/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screenshots.c: walks every route of the wizard with sample bounces and saves a PNG of every
 * page, for looking at and for the README and the metainfo. Run by build-aux/screenshots.sh.
 * Usage: screenshots OUTPUT-DIR [WIDTHxHEIGHT]; the language comes from LANGUAGE, the dark style
 * from DH_SCREENSHOT_DARK=1. */
#include "config.h"

#include <stdio.h>

#include "dh-test-utils.h"
#include "pages/dh-reply-page.h"

static const struct {
  const char *sample;
  const char *prefix;
  const char *pages[8];
} routes[] = {
  { "postfix-outlookjp-s3150-dsn.eml", "", { "diagnosis", "host", "portal", "form", "reply", "done", NULL } },
  { "m365-5.7.606-exchange-ndr.eml", "m365-", { "diagnosis", "portal", "reply", NULL } },
  { "postfix-m365-5.7.511-banned-sender.eml", "m365-511-", { "delist-email", NULL } },
  { "postfix-m365-spamhaus-as3130.eml", "spamhaus-", { "blocklist", NULL } },
  { "postfix-delay-s775-outlookjp.eml", "s775-", { "wait", NULL } },
  { "trap-user-unknown-blocked-word.eml", "not-a-block-", { "diagnosis", NULL } },
  { "mta/postfix-spamhaus-dbl-sender-domain.eml", "domain-listed-", { "diagnosis", NULL } },
  { "mta/postfix-surbl-url-in-body.eml", "content-", { "diagnosis", NULL } },
  { "unknown/postmaster-html-only-no-reason.eml", "unknown-", { "diagnosis", NULL } },
};

static const char *
language (void)
{
  return g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en";
}

static void
shoot (DhWindow   *window,
       const char *dir,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, language ());
  g_autofree char *path = g_build_filename (dir, file, NULL);

  dh_test_save_screenshot (GTK_WINDOW (window), path);
  printf ("%s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  const char *dir;
  int width = 900, height = 900;
  g_autofree char *samples = NULL;

  dh_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR [WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  if (argc > 2 && sscanf (argv[2], "%dx%d", &width, &height) != 2)
    return 2;
  g_mkdir_with_parents (dir, 0755);
  if (g_getenv ("DH_SCREENSHOT_DARK"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  samples = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests", "samples", NULL);
  /* Links must not open a browser while the pages are walked. */
  g_ptr_array_unref (dh_test_record_launches ());

  /* The empty start page. */
  {
    DhWindow *window = dh_test_new_window (width, height);
    shoot (window, dir, "start");
    gtk_window_destroy (GTK_WINDOW (window));
  }

  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      DhWindow *window = dh_test_new_window (width, height);
      g_autofree char *path = g_build_filename (samples, routes[r].sample, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      DhCase *c = dh_wizard_get_case (dh_window_get_wizard (window));

      /* What a user types on the form page. */
      dh_case_set_contact_name (c, "Taro Yamada");
      dh_case_set_contact_email (c, "info@example.jp");

      dh_window_load_file (window, file);
      dh_test_wait_until_idle (window);
      for (guint p = 0; routes[r].pages[p]; p++)
        {
          g_autofree char *name = g_strconcat (routes[r].prefix, routes[r].pages[p], NULL);

          dh_test_go_to (window, routes[r].pages[p]);
          shoot (window, dir, name);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }

  /* The start page again, now with the cases above walked through; then the first case reopened
   * on its reply step with Microsoft's "not qualified" answer read. */
  {
    DhWindow *window = dh_test_new_window (width, height);
    g_autofree char *replies = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                                                 "replies", "not-qualified-2021-pasted.txt", NULL);
    g_autofree char *answer = NULL;
    g_autoptr(GPtrArray) views = NULL;
    DhPage *page;

    shoot (window, dir, "cases");
    g_file_get_contents (replies, &answer, NULL, NULL);
    dh_wizard_set_text (dh_window_get_wizard (window), NULL);
    {
      DhCase *c = dh_wizard_get_case (dh_window_get_wizard (window));
      g_autofree char *path = g_build_filename (samples, routes[0].sample, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      dh_case_set_contact_name (c, "Taro Yamada");
      dh_case_set_contact_email (c, "info@example.jp");
      dh_window_load_file (window, file);
      dh_test_wait_until_idle (window);
    }
    page = dh_test_go_to (window, "reply");
    views = dh_test_find_all (page, GTK_TYPE_TEXT_VIEW);
    if (answer && views->len > 0)
      {
        g_autofree char *text = g_strconcat ("Subject: RE: [SRX1234567890ID] Delisting request\n\n", answer, NULL);

        gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (views, 0)), text, -1);
        dh_test_click (dh_test_find_button (page, g_dgettext (GETTEXT_PACKAGE, "_Read Answer")));
        while (dh_reply_page_is_reading (DH_REPLY_PAGE (page)))
          g_main_context_iteration (NULL, TRUE);
      }
    shoot (window, dir, "answer");
    /* The notes, a dialog of their own. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.notes", NULL);
    if (dh_window_get_notes_dialog (window))
      {
        g_autofree char *file = g_strdup_printf ("notes-%s.png", language ());
        g_autofree char *path = g_build_filename (dir, file, NULL);

        dh_test_save_screenshot (GTK_WINDOW (dh_window_get_notes_dialog (window)), path);
        printf ("%s\n", path);
      }
    gtk_window_destroy (GTK_WINDOW (window));
  }
  return 0;
}
