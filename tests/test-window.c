/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the wizard under Xvfb, driven as a person would: paste, Next, read, correct, Back. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dh-links.h"
#include "dh-test-utils.h"
#include "pages/dh-diagnosis-page.h"
#include "pages/dh-start-page.h"
#include "dh-test-samples.h"

static gboolean japanese;   /* --ja: the app in Japanese */

/* Asserts that @haystack holds @format filled in (a translated text in a test's markers). */
G_GNUC_PRINTF (2, 3)
static void
assert_contains_printf (const char *haystack,
                        const char *format,
                        ...)
{
  va_list args;
  g_autofree char *needle = NULL;

  va_start (args, format);
  needle = g_strdup_vprintf (format, args);
  va_end (args);
  dh_test_assert_contains (haystack, needle);
}

static char *bounce;  /* tests/samples/fragment-postfix-s3150-short.txt, read in main () */

static void
test_block_route (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;
  DhPage *diagnosis;
  GtkWidget *ip_row;

  g_assert_false (dh_page_get_complete (dh_wizard_get_current_page (dh_window_get_wizard (window))));
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  g_assert_true (dh_page_get_complete (dh_wizard_get_current_page (dh_window_get_wizard (window))));
  dh_test_next (window);

  diagnosis = dh_wizard_get_page (dh_window_get_wizard (window), "diagnosis");
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == diagnosis);
  text = dh_test_page_text (window);
  g_test_message ("%s", text);
  {
    g_autofree char *headline = g_strdup_printf (_("Microsoft is refusing mail from your server’s address %s."),
                                                 "203.0.113.45");
    assert_contains_printf (text, "{%s}", headline);
  }
  if (japanese)
    assert_contains_printf (text, "{%s}", _("The receiving side refuses all mail from your server’s address, because the address is on its block list. On a shared server this usually happens because of another customer, not because of you."));
  else
    g_assert_nonnull (strstr (text, "another customer"));
  assert_contains_printf (text, "[%s=203.0.113.45]", _("Blocked address (IP)"));
  assert_contains_printf (text, "[%s=outlook.jp]", _("Recipient’s domain"));
  assert_contains_printf (text, "[%s=S3150]", _("Error code"));
  assert_contains_printf (text, "[%s=apc.olc.protection.outlook.com]", _("Refusing server"));
  assert_contains_printf (text, "[%s|%s]", _("Refused by"), _("Outlook.com (Hotmail, Outlook, Live and MSN addresses)"));
  {
    g_autofree char *step = g_strdup_printf (_("Step %1$u of %2$u"), 2, dh_wizard_get_n_steps (dh_window_get_wizard (window)));
    g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, step);
    g_assert_true (g_str_has_prefix (dh_wizard_get_step_label (dh_window_get_wizard (window)), japanese ? "ステップ 2 / " : "Step 2 of "));
  }

  /* An address that does not parse is refused with a reason, and Next waits. */
  ip_row = dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (diagnosis), DH_CASE_IP);
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "203.0.113.456");
  g_assert_false (dh_page_get_complete (diagnosis));
  g_free (text);
  text = dh_test_page_text (window);
  if (japanese)
    assert_contains_printf (text, "{%s}", _("This is not an IP address. An IPv4 address is four numbers from 0 to 255 with dots between them, such as 203.0.113.45."));
  else
    g_assert_nonnull (strstr (text, "This is not an IP address."));
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "10.0.0.5");
  g_assert_false (dh_page_get_complete (diagnosis));
  gtk_editable_set_text (GTK_EDITABLE (ip_row), "203.0.113.46");
  g_assert_true (dh_page_get_complete (diagnosis));

  /* Back keeps the pasted text, and Next again keeps nothing stale. */
  dh_test_back (window);
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  {
    g_autofree char *pasted = dh_start_page_get_text (DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start")));
    g_assert_cmpstr (pasted, ==, bounce);
  }
  g_assert_cmpstr (dh_case_get (dh_wizard_get_case (dh_window_get_wizard (window)), DH_CASE_IP), ==, "203.0.113.46");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_not_a_block (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window),
                      "<nobody@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.5.0\n"
                      "    Requested action not taken: mailbox unavailable (S2017) [TYZAPC01FT1.eop-APC01.prod.protection.outlook.com]\n"
                      "    (in reply to RCPT TO command)\n");
  dh_test_next (window);
  text = dh_test_page_text (window);
  g_test_message ("%s", text);
  assert_contains_printf (text, "{%s}", _("Your mail was refused, but your server is not blocked."));
  if (japanese)
    assert_contains_printf (text, "%s", _("Check the recipient’s address; nothing needs to be removed from a list."));
  else
    g_assert_nonnull (strstr (text, "nothing needs to be removed"));
  /* No delisting steps: the diagnosis is the last page. */
  g_assert_cmpuint (dh_wizard_get_n_steps (dh_window_get_wizard (window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_bounce (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window), "Just a note, no bounce here.");
  dh_test_next (window);
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  text = dh_test_page_text (window);
  if (japanese)
    assert_contains_printf (text, "{%s}", _("No bounce was found in this text. Paste the whole returned message, or open it as an .eml file."));
  else
    g_assert_nonnull (strstr (text, "No bounce was found in this text."));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_file (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  dh_window_load_file (window, file);
  dh_test_wait_until_idle (window);
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "diagnosis"));
  text = dh_test_page_text (window);
  g_assert_nonnull (strstr (text, "203.0.113.45"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first step takes a file or a text dropped onto it: dropped text fills the paste area; a
 * dropped file is read and analysed like an opened one. */
static void
test_drop (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  DhWizard *wizard = dh_window_get_wizard (window);
  GtkWidget *start = GTK_WIDGET (dh_wizard_get_page (wizard, "start"));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (start);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *pasted = NULL;
  GdkContentFormats *formats;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  formats = gtk_drop_target_get_formats (target);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  g_assert_cmpint (gtk_drop_target_get_actions (target), ==, GDK_ACTION_COPY);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, bounce);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  pasted = dh_start_page_get_text (DH_START_PAGE (start));
  g_assert_cmpstr (pasted, ==, bounce);
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");

  handled = FALSE;
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  dh_test_wait_until_idle (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  g_assert_nonnull (strstr (dh_test_page_text (window), "203.0.113.45"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Next on the first step reads and analyses in one task; New Case or closing the window while it
 * runs stops it, and nothing of it reaches the case. */
static void
test_cancel_apply (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  DhWizard *wizard = dh_window_get_wizard (window);
  DhPage *start = dh_wizard_get_current_page (wizard);

  dh_wizard_set_text (wizard, bounce);
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  g_assert_true (dh_wizard_is_busy (wizard));
  g_assert_true (dh_page_get_busy (start));
  /* Back and Next wait while the bounce is read. */
  g_assert_false (g_action_group_get_action_enabled (dh_wizard_get_actions (wizard), "next"));
  g_assert_false (g_action_group_get_action_enabled (dh_wizard_get_actions (wizard), "back"));

  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  g_assert_false (dh_wizard_is_busy (wizard));
  g_assert_false (dh_page_get_busy (start));
  /* The task's end, when it comes, changes nothing. */
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");
  g_assert_null (dh_case_get_analysis (dh_wizard_get_case (wizard)));
  g_assert_true (g_action_group_get_action_enabled (dh_wizard_get_actions (wizard), "next"));

  /* Next again goes on as usual. */
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  dh_test_back (window);

  /* A window closed while the bounce is read goes away without waiting for it. */
  dh_wizard_set_text (wizard, "<a@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1\n"
                              "    Unfortunately, messages from [203.0.113.99] weren't sent. (S3150)\n");
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  g_assert_true (dh_wizard_is_busy (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static void
test_several_bounces (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window),
                      "<a@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1\n"
                      "    Unfortunately, messages from [203.0.113.45] weren't sent. (S3150)\n"
                      "\n"
                      "<b@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
                      "    550 5.7.606 Access denied, banned sending IP [203.0.113.45]. To request\n"
                      "    removal from this list please visit https://sender.office.com/ (AS16012609)\n");
  dh_test_next (window);
  text = dh_test_page_text (window);
  assert_contains_printf (text, "{%s}", _("Several bounces were found"));
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "outlook-delist-form");
  {
    DhPage *diagnosis = dh_wizard_get_page (dh_window_get_wizard (window), "diagnosis");
    g_autoptr(GPtrArray) pickers = dh_test_find_all (diagnosis, ADW_TYPE_COMBO_ROW);
    GtkWidget *picker = pickers->len ? g_ptr_array_index (pickers, 0) : NULL;

    g_assert_nonnull (picker);
    adw_combo_row_set_selected (ADW_COMBO_ROW (picker), 1);
    g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "office365-delist-portal");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The whole window, header bar included, fits a 360 pixel wide screen on every page. */
static void
test_narrow (void)
{
  DhWindow *window = dh_test_new_window (360, 700);
  static const char *names[] = { "start", "diagnosis", "host", "portal", "form", "reply",
                                 "delist-email", "blocklist", "wait", "done" };

  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_next (window);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DhPage *page = dh_wizard_get_page (dh_window_get_wizard (window), names[i]);
      int minimum = 0;

      g_assert_nonnull (page);
      gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: at least %d pixels wide", names[i], minimum);
      g_assert_cmpint (minimum, <=, 360);
    }
  {
    int minimum = 0;
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("window: at least %d pixels wide", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With no browser at all (no handler for https), opening a link tells the user and shows the
 * address to copy. */
static void
test_no_browser (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autoptr(GPtrArray) dialogs = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before = g_list_model_get_n_items (toplevels);
  gint64 end;
  gboolean found = FALSE;

  dh_links_set_launcher (NULL, NULL);
  dh_links_open (GTK_WIDGET (window), "https://sender.office.com/");
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!found && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = before; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
          if (ADW_IS_MESSAGE_DIALOG (item))
            {
              g_autoptr(GString) text = g_string_new (NULL);
              dh_test_collect_text (GTK_WIDGET (item), text);
              g_test_message ("%s", text->str);
              dh_test_assert_contains (text->str, "https://sender.office.com/");
              dh_test_assert_contains (text->str, _("No browser could be opened"));
              gtk_window_destroy (GTK_WINDOW (item));
              found = TRUE;
              break;
            }
        }
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = g_dir_make_tmp ("dh-test-XXXXXX", NULL);

  /* --ja runs the same tests with the app in Japanese: the expected texts go through gettext. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--ja"))
      {
        japanese = TRUE;
        g_setenv ("LANGUAGE", "ja", TRUE);
        g_setenv ("LANG", "C.UTF-8", TRUE);
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  /* No application is registered for https in an empty data directory: no browser opens. */
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);
  g_setenv ("XDG_DATA_HOME", empty, TRUE);
  dh_test_init (&argc, &argv);
  bounce = dh_test_read_sample ("fragment-postfix-s3150-short.txt");
  g_test_add_func ("/dh/window/narrow", test_narrow);
  g_test_add_func ("/dh/window/no-browser", test_no_browser);

  g_test_add_func ("/dh/window/block-route", test_block_route);
  g_test_add_func ("/dh/window/not-a-block", test_not_a_block);
  g_test_add_func ("/dh/window/no-bounce", test_no_bounce);
  g_test_add_func ("/dh/window/open-file", test_open_file);
  g_test_add_func ("/dh/window/drop", test_drop);
  g_test_add_func ("/dh/window/several-bounces", test_several_bounces);
  g_test_add_func ("/dh/window/cancel-apply", test_cancel_apply);

  return g_test_run ();
}
