/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the wizard under Xvfb, driven as a person would: paste, Next, read, correct, Back. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-application.h"
#include "dh-copy-row.h"
#include "dh-window.h"
#include "pages/dh-diagnosis-page.h"
#include "pages/dh-start-page.h"

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

/* Every label, row title and subtitle and entry text of @widget, as a person would read them. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_ENTRY_ROW (widget))
    g_string_append_printf (out, "[%s=%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "[%s|%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "{%s}", gtk_label_get_text (GTK_LABEL (widget)));
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_ACTION_ROW (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
page_text (DhWindow *window)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (dh_window_get_current_page (window)), out);
  return g_string_free (out, FALSE);
}

static DhWindow *
new_window (void)
{
  DhWindow *window = dh_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
next (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  wait_until_idle (window);
}

static void
back (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.back", NULL);
  wait_until_idle (window);
}

static void
test_block_route (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;
  DhPage *diagnosis;
  GtkWidget *ip_row;

  g_assert_false (dh_page_get_complete (dh_window_get_current_page (window)));
  dh_window_set_text (window, bounce);
  g_assert_true (dh_page_get_complete (dh_window_get_current_page (window)));
  next (window);

  diagnosis = dh_window_get_page (window, "diagnosis");
  g_assert_true (dh_window_get_current_page (window) == diagnosis);
  text = page_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "{Microsoft is refusing mail from your server’s address 203.0.113.45.}"));
  g_assert_nonnull (strstr (text, "another customer"));
  g_assert_nonnull (strstr (text, "[Blocked address (IP)=203.0.113.45]"));
  g_assert_nonnull (strstr (text, "[Recipient’s domain=outlook.jp]"));
  g_assert_nonnull (strstr (text, "[Error code=S3150]"));
  g_assert_nonnull (strstr (text, "[Refusing server=apc.olc.protection.outlook.com]"));
  g_assert_nonnull (strstr (text, "[Refused by|Outlook.com (Hotmail, Outlook, Live and MSN addresses)]"));
  g_assert_true (g_str_has_prefix (dh_window_get_step_label (window), "Step 2 of "));

  /* An address that does not parse is refused with a reason, and Next waits. */
  ip_row = dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (diagnosis), DH_CASE_IP);
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "203.0.113.456");
  g_assert_false (dh_page_get_complete (diagnosis));
  g_free (text);
  text = page_text (window);
  g_assert_nonnull (strstr (text, "This is not an IP address."));
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "10.0.0.5");
  g_assert_false (dh_page_get_complete (diagnosis));
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "203.0.113.46");
  g_assert_true (dh_page_get_complete (diagnosis));

  /* Back keeps the pasted text, and Next again keeps nothing stale. */
  back (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "start"));
  {
    g_autofree char *pasted = dh_start_page_get_text (DH_START_PAGE (dh_window_get_page (window, "start")));
    g_assert_cmpstr (pasted, ==, bounce);
  }
  g_assert_cmpstr (dh_case_get (dh_window_get_case (window), DH_CASE_IP), ==, "203.0.113.46");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_not_a_block (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;

  dh_window_set_text (window,
                      "<nobody@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.5.0\n"
                      "    Requested action not taken: mailbox unavailable (S2017) [TYZAPC01FT1.eop-APC01.prod.protection.outlook.com]\n"
                      "    (in reply to RCPT TO command)\n");
  next (window);
  text = page_text (window);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "{Your mail was refused, but your server is not blocked.}"));
  g_assert_nonnull (strstr (text, "nothing needs to be removed"));
  /* No delisting steps: the diagnosis is the last page. */
  g_assert_cmpuint (dh_window_get_n_steps (window), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_bounce (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;

  dh_window_set_text (window, "Just a note, no bounce here.");
  next (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "start"));
  text = page_text (window);
  g_assert_nonnull (strstr (text, "No bounce was found in this text."));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_file (void)
{
  DhWindow *window = new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  dh_window_load_file (window, file);
  wait_until_idle (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "diagnosis"));
  text = page_text (window);
  g_assert_nonnull (strstr (text, "203.0.113.45"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_several_bounces (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;

  dh_window_set_text (window,
                      "<a@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1\n"
                      "    Unfortunately, messages from [203.0.113.45] weren't sent. (S3150)\n"
                      "\n"
                      "<b@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
                      "    550 5.7.606 Access denied, banned sending IP [203.0.113.45]. To request\n"
                      "    removal from this list please visit https://sender.office.com/ (AS16012609)\n");
  next (window);
  text = page_text (window);
  g_assert_nonnull (strstr (text, "{Several bounces were found}"));
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "outlook-delist-form");
  {
    DhPage *diagnosis = dh_window_get_page (window, "diagnosis");
    GtkWidget *picker = NULL;
    GString *found = g_string_new (NULL);
    /* Choosing the second bounce switches the case to Microsoft 365. */
    for (GtkWidget *w = GTK_WIDGET (diagnosis); w; )
      {
        if (ADW_IS_COMBO_ROW (w))
          {
            picker = w;
            break;
          }
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w && !gtk_widget_get_next_sibling (w) && w != GTK_WIDGET (diagnosis))
              w = gtk_widget_get_parent (w);
            if (w == NULL || w == GTK_WIDGET (diagnosis))
              break;
            w = gtk_widget_get_next_sibling (w);
          }
      }
    g_string_free (found, TRUE);
    g_assert_nonnull (picker);
    adw_combo_row_set_selected (ADW_COMBO_ROW (picker), 1);
    g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "office365-delist-portal");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dh/window/block-route", test_block_route);
  g_test_add_func ("/dh/window/not-a-block", test_not_a_block);
  g_test_add_func ("/dh/window/no-bounce", test_no_bounce);
  g_test_add_func ("/dh/window/open-file", test_open_file);
  g_test_add_func ("/dh/window/several-bounces", test_several_bounces);

  return g_test_run ();
}
