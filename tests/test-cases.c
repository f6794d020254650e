/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cases.c: cases in the window: closed half-way and reopened at the same step with everything
 * entered, listed with their state, Microsoft's answer read on the reply step, deleted with undo,
 * reports, and the notification when a wait is over. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dh-test-utils.h"
#include "dh-case-store.h"
#include "dh-case-text.h"
#include "dh-replies.h"
#include "pages/dh-start-page.h"
#include "pages/dh-reply-page.h"
#include "dh-test-samples.h"

/* The saved cases, as the start page lists them. */
static GPtrArray *
saved_cases (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries = dh_case_store_list (store, NULL, &error);

  if (summaries == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_ptr_array_new ();
  g_assert_no_error (error);
  return summaries;
}

static void
remove_all_cases (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autoptr(GPtrArray) summaries = saved_cases ();

  for (guint i = 0; i < summaries->len; i++)
    g_assert_true (dh_case_store_delete (store, ((DhCaseSummary *) g_ptr_array_index (summaries, i))->id, NULL));
}

/* The @n-th button (from 0) labelled @label: the labels' and the title's switches both say
 * "Japanese". */
static GtkWidget *
nth_button (gpointer    root,
            const char *label,
            guint       n)
{
  g_autoptr(GPtrArray) buttons = dh_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0 && n-- == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", label);
}

/* "Read Answer", and the wait while the answer is read in its thread. */
static void
read_answer (DhPage *page)
{
  dh_test_click (dh_test_find_button (page, _("_Read Answer")));
  while (dh_reply_page_is_reading (DH_REPLY_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
}

static GtkCheckButton *
check_of_row (gpointer    root,
              const char *title)
{
  AdwActionRow *row = dh_test_find_row (root, ADW_TYPE_ACTION_ROW, title);
  g_autoptr(GPtrArray) checks = dh_test_find_all (row, GTK_TYPE_CHECK_BUTTON);

  g_assert_cmpuint (checks->len, ==, 1);
  return g_ptr_array_index (checks, 0);
}

/* The user fills in the form, ticks "sent", closes the window; the next window lists the case
 * as waiting, and opening it shows the form again with everything as it was. */
static void
test_close_and_reopen (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(GPtrArray) cases = NULL;
  DhCaseSummary *summary;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *state = NULL;
  DhPage *page;
  GtkWidget *row;

  remove_all_cases ();
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "form");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Taro Yamada");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "taro@example.jp");
  /* The ready title in Japanese (the title's switch is the second "Japanese"). */
  dh_test_click (nth_button (page, _("Japanese"), 1));
  gtk_check_button_set_active (check_of_row (page, _("I have sent the form")), TRUE);
  id = g_strdup (dh_case_get_id (dh_wizard_get_case (dh_window_get_wizard (window))));
  g_assert_nonnull (id);

  /* Closing writes what is pending; nothing else is needed. */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  summary = g_ptr_array_index (cases, 0);
  g_assert_cmpstr (summary->id, ==, id);
  g_assert_cmpstr (summary->ip, ==, "203.0.113.45");
  g_assert_cmpint (summary->state, ==, DH_CASE_STATE_WAITING_FOR_REPLY);
  g_assert_cmpstr (summary->step, ==, "form");

  /* The start page of a new window lists it, in words. */
  window = dh_test_new_window (900, 900);
  text = dh_test_page_text (window);
  g_test_message ("%s", text);
  dh_test_assert_contains (text, _("Your cases"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    state = dh_case_text_state (summary->state, summary->since, summary->step, now);
  }
  dh_test_assert_contains (text, state);
  dh_test_assert_contains (text, "203.0.113.45");
  row = dh_start_page_get_case_row (DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start")), id);
  g_assert_nonnull (row);

  /* The list fits a 360-pixel window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (dh_wizard_get_page (dh_window_get_wizard (window), "start")), GTK_ORIENTATION_HORIZONTAL,
                        -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* Opening it goes straight back to the form, filled in as it was left. */
  g_signal_emit_by_name (row, "activate");
  dh_test_wait_until_idle (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "form");
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Your name"))), ==, "Taro Yamada");
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Contact e-mail address"))), ==,
                   "taro@example.jp");
  g_assert_true (gtk_check_button_get_active (check_of_row (page, _("I have sent the form"))));
  /* The title in the language chosen before. */
  dh_test_assert_row_copies (g_ptr_array_index (dh_test_find_all (page, DH_TYPE_COPY_ROW), 0),
                             "203.0.113.45 のブロックリスト解除のお願い（S3150、共用サーバー）");
  g_assert_cmpstr (dh_case_get_id (dh_wizard_get_case (dh_window_get_wizard (window))), ==, id);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Microsoft's "not qualified" answer pasted on the reply step: recognised, kept with its ticket,
 * shown in the history, and the case's state follows. */
static void
test_answer (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autofree char *answer = dh_test_read ("replies", "not-qualified-2021-pasted.txt", NULL);
  g_autofree char *subject_answer = NULL;
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(GPtrArray) text_views = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *text = NULL;
  g_autofree char *history = NULL;
  DhPage *page;
  GtkTextView *view = NULL;

  remove_all_cases ();
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "form");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Taro Yamada");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "taro@example.jp");
  page = dh_test_go_to (window, "reply");
  text_views = dh_test_find_all (page, GTK_TYPE_TEXT_VIEW);
  g_assert_cmpuint (text_views->len, ==, 1);
  view = g_ptr_array_index (text_views, 0);

  /* Not an answer: said, and nothing is added. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Hello, how are you?", -1);
  read_answer (page);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("This does not look like an answer from Microsoft to a delisting request, so it was not added. Paste the whole mail, with its subject if you can."));
  g_assert_cmpuint (dh_case_get_replies (dh_wizard_get_case (dh_window_get_wizard (window)))->len, ==, 0);
  g_clear_pointer (&text, g_free);

  /* The answer, with the ticket number in its subject as it arrives. */
  subject_answer = g_strconcat ("Subject: RE: [SRX1234567890ID] Delisting request\n\n", answer, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), subject_answer, -1);
  read_answer (page);
  text = dh_test_page_text (window);
  g_test_message ("%s", text);
  dh_test_assert_contains (text, _("Microsoft’s latest answer"));
  dh_test_assert_contains (text, dh_reply_kind_title (DH_REPLY_NOT_QUALIFIED));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Ticket number")), "SRX1234567890ID");
  history = g_strdup_printf (_("Answer from Microsoft: %s"), dh_reply_kind_title (DH_REPLY_NOT_QUALIFIED));
  dh_test_assert_contains (text, history);
  g_clear_pointer (&history, g_free);
  history = g_strdup_printf (_("Ticket number %s"), "SRX1234567890ID");
  dh_test_assert_contains (text, history);
  /* Once, though the subject and the reply both name it. */
  g_assert_true (strstr (strstr (text, history) + 1, history) == NULL);
  /* The ready answer to "not qualified" gives Microsoft its ticket number. */
  {
    g_autofree char *letter = dh_message_view_get_text (dh_test_find_message_view (page));

    dh_test_assert_contains (letter, "SRX1234567890ID");
  }
  /* The sample answer names 192.0.2.10, not this case's address: kept, but said. */
  {
    g_autofree char *other = g_strdup_printf (_("This answer is about %1$s, not %2$s. It was kept with this case; check that it belongs here."),
                                              "192.0.2.10", "203.0.113.45");

    dh_test_assert_contains (text, other);
  }
  /* The paste area is emptied for the next answer. */
  {
    GtkTextIter start, end;
    g_autofree char *left = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    left = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (left, ==, "");
  }

  /* With the answer, the history and the tickets, the page fits a 360-pixel window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  dh_window_save_now (window);
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((DhCaseSummary *) g_ptr_array_index (cases, 0))->state, ==, DH_CASE_STATE_NOT_QUALIFIED);

  /* Notes, from the main menu, kept with the case. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.notes", NULL);
  {
    AdwMessageDialog *dialog = dh_window_get_notes_dialog (window);
    g_autoptr(GPtrArray) views = NULL;

    g_assert_nonnull (dialog);
    views = dh_test_find_all (dialog, GTK_TYPE_TEXT_VIEW);
    g_assert_cmpuint (views->len, ==, 1);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (views, 0)),
                              "Hosting support said: ticket HS-4711, they asked Microsoft too.", -1);
    adw_message_dialog_response (dialog, "save");
    g_assert_null (dh_window_get_notes_dialog (window));
    g_assert_cmpstr (dh_case_get_notes (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "Hosting support said: ticket HS-4711, they asked Microsoft too.");
  }

  /* The report for the hosting company carries the answer and the ticket; masked, the recipient's
   * address is hidden. */
  {
    g_autofree char *report = dh_window_get_report (window, DH_EXPORT_TEXT);
    g_autofree char *masked = NULL;

    dh_test_assert_contains (report, "203.0.113.45");
    dh_test_assert_contains (report, "SRX1234567890ID");
    dh_test_assert_contains (report, "HS-4711");
    dh_test_assert_contains (report, "kenji.sato@outlook.jp");
    g_object_set (window, "mask-recipients", TRUE, NULL);
    masked = dh_window_get_report (window, DH_EXPORT_TEXT);
    dh_test_assert_not_contains (masked, "kenji.sato@outlook.jp");
    dh_test_assert_contains (masked, "@outlook.jp");
    dh_test_assert_contains (masked, "203.0.113.45");
    /* Copy Report puts the same text on the clipboard. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-report", NULL);
    g_assert_cmpstr (dh_test_clipboard_text (GTK_WIDGET (window), NULL), ==, masked);
  }

  /* Save Report…: the format chosen in the file chooser, written to the file chosen. */
  {
    g_autofree char *dir = g_dir_make_tmp ("dh-test-report-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "report.md", NULL);
    g_autofree char *written = NULL;
    g_autofree char *expected = dh_window_get_report (window, DH_EXPORT_MARKDOWN);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkFileChooserNative *chooser;
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.save-report", NULL);
    chooser = dh_window_get_report_chooser (window);
    g_assert_nonnull (chooser);
    g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format"), ==, "text");
    /* Cancelled: nothing written, the chooser gone. */
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
    g_assert_null (dh_window_get_report_chooser (window));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    /* What the chooser's "Save" does with the file and format chosen there. */
    dh_window_save_report (window, file, DH_EXPORT_MARKDOWN);
    /* Written in the background; the toast says when it is done. */
    {
      g_autofree char *saved = g_strdup_printf (_("Report saved as “%s”"), "report.md");

      for (;;)
        {
          g_autoptr(GString) shown = g_string_new (NULL);

          dh_test_collect_text (GTK_WIDGET (window), shown);
          if (strstr (shown->str, saved))
            break;
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_main_context_iteration (NULL, TRUE);
        }
    }
    g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
    /* Still masked, as chosen in the menu. */
    g_assert_cmpstr (written, ==, expected);
    dh_test_assert_not_contains (written, "kenji.sato@outlook.jp");
    g_unlink (path);
    g_rmdir (dir);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Delete from the list, then Undo: the case is back, unchanged. */
static void
test_delete_undo (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *id = NULL;
  DhStartPage *start;

  remove_all_cases ();
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_go_to (window, "host");
  id = g_strdup (dh_case_get_id (dh_wizard_get_case (dh_window_get_wizard (window))));
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  start = DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  g_assert_nonnull (dh_start_page_get_case_row (start, id));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-case", "s", id);
  g_assert_null (dh_start_page_get_case_row (start, id));
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 0);
  g_clear_pointer (&cases, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  g_assert_nonnull (dh_start_page_get_case_row (start, id));
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((DhCaseSummary *) g_ptr_array_index (cases, 0))->id, ==, id);
  g_assert_cmpstr (((DhCaseSummary *) g_ptr_array_index (cases, 0))->step, ==, "host");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that is not a case is said on the start page, and set aside, not lost. */
static void
test_corrupt_file (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  DhWindow *window;

  remove_all_cases ();
  g_assert_cmpint (g_mkdir_with_parents (dh_case_store_get_dir (store), 0700), ==, 0);
  path = g_build_filename (dh_case_store_get_dir (store), "0b7c7c8e-0000-4000-8000-000000000000.json", NULL);
  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"id\": ", -1, NULL));

  window = dh_test_new_window (900, 900);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("A saved case could not be read"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}


static guint
count_of (const char *text,
          const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p; p = strstr (p + 1, part))
    n++;
  return n;
}

/* Hostile files in the cases folder at start-up: one nested 100,000 deep (which would overflow
 * json-glib's recursion), a link to /dev/zero (read without end) and a FIFO (blocks). The window
 * opens and says what each is, once, also after the list is read again. */
static void
test_hostile_files (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  const char *dir = dh_case_store_get_dir (store);
  g_autofree char *deep_path = g_build_filename (dir, "0b7c7c8e-0000-4000-8000-000000000001.json", NULL);
  g_autofree char *zero_path = g_build_filename (dir, "0b7c7c8e-0000-4000-8000-000000000002.json", NULL);
  g_autofree char *fifo_path = g_build_filename (dir, "0b7c7c8e-0000-4000-8000-000000000003.json", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"format\": 1, \"x\": ");
  g_autofree char *text = NULL;
  g_autofree char *deeper = g_strdup_printf (_("The case file is damaged: it nests deeper than %1$u levels."), 64);
  const char *link_text = _("it is a symbolic link, and only a regular file is read. It is left as it is.");
  const char *fifo_text = _("it is not a regular file (a folder, a pipe or a device). It is left as it is.");
  DhWindow *window;

  remove_all_cases ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  g_assert_true (g_file_set_contents (deep_path, deep->str, deep->len, NULL));
  g_assert_cmpint (symlink ("/dev/zero", zero_path), ==, 0);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);

  window = dh_test_new_window (900, 900);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("A saved case could not be read"));
  dh_test_assert_contains (text, deeper);
  g_assert_cmpuint (count_of (text, link_text), ==, 1);
  g_assert_cmpuint (count_of (text, fifo_text), ==, 1);

  /* Back on the start page after a case: the list is read again, each still said once. */
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_go_to (window, "host");
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, deeper);
  g_assert_cmpuint (count_of (text, link_text), ==, 1);
  g_assert_cmpuint (count_of (text, fifo_text), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  g_unlink (zero_path);
  g_unlink (fifo_path);
  remove_all_cases ();
}

/* `cases` a symbolic link to a shared folder: the window says so, saves there, and never changes
 * the shared folder's permissions. */
static void
test_folder_link (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  const char *dir = dh_case_store_get_dir (store);
  g_autofree char *kept = g_strconcat (dir, ".kept", NULL);
  g_autofree char *shared = g_dir_make_tmp ("dh-test-shared-XXXXXX", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  DhWindow *window;
  GStatBuf st;

  remove_all_cases ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (dir, kept), ==, 0);
  g_assert_cmpint (symlink (shared, dir), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0755), ==, 0);

  window = dh_test_new_window (900, 900);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("The cases folder is a symbolic link"));
  dh_test_assert_contains (text, shared);

  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_go_to (window, "host");
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (g_stat (shared, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0755);
  g_free (text);
  text = dh_test_page_text (window);
  g_assert_cmpuint (count_of (text, _("The cases folder is a symbolic link")), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  remove_all_cases ();
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (kept, dir), ==, 0);
  g_rmdir (shared);
}

/* The test mail arrived: ticked on the last step, the case is listed as done. */
static void
test_done (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *text = NULL;
  DhPage *page;

  remove_all_cases ();
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "form");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Taro Yamada");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "taro@example.jp");
  page = dh_test_go_to (window, "done");
  gtk_check_button_set_active (check_of_row (page, _("My mail gets through again")), TRUE);
  dh_window_save_now (window);
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((DhCaseSummary *) g_ptr_array_index (cases, 0))->state, ==, DH_CASE_STATE_DONE);

  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("Done"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A saved case opened while another bounce is being read: the reading stops, the saved case is on
 * screen, and the bounce that was being read never becomes a case. */
static void
test_open_while_reading (void)
{
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  DhWindow *window = dh_test_new_window (900, 900);
  DhWizard *wizard = dh_window_get_wizard (window);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *id = NULL;

  remove_all_cases ();
  dh_wizard_set_text (wizard, bounce);
  dh_test_go_to (window, "host");
  id = g_strdup (dh_case_get_id (dh_wizard_get_case (wizard)));
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");

  dh_wizard_set_text (wizard, "<a@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1\n"
                              "    Unfortunately, messages from [203.0.113.99] weren't sent. (S3150)\n");
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  g_assert_true (dh_wizard_is_busy (wizard));
  g_assert_true (dh_window_open_case (window, id));
  g_assert_false (dh_wizard_is_busy (wizard));
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpstr (dh_test_current_name (window), ==, "host");
  g_assert_cmpstr (dh_case_get_id (dh_wizard_get_case (wizard)), ==, id);
  g_assert_cmpstr (dh_case_get (dh_wizard_get_case (wizard), DH_CASE_IP), ==, "203.0.113.45");
  dh_window_save_now (window);
  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The folder cannot be written: the user is told, and the case stays open in the window. */
static void
test_save_failed (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  DhWindow *window;
  DhPage *page;

  remove_all_cases ();
  /* A file where the folder should be: nothing can be saved in it, even as root. */
  {
    g_autoptr(GDir) dir = g_dir_open (dh_case_store_get_dir (store), 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (dh_case_store_get_dir (store), name, NULL);

        g_assert_cmpint (g_unlink (path), ==, 0);
      }
  }
  g_assert_cmpint (g_rmdir (dh_case_store_get_dir (store)), ==, 0);
  g_assert_true (g_file_set_contents (dh_case_store_get_dir (store), "", -1, NULL));

  window = dh_test_new_window (900, 900);
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "host");
  dh_window_save_now (window);
  /* The toast is on the window, over the page. */
  {
    GString *out = g_string_new (NULL);

    dh_test_collect_text (GTK_WIDGET (window), out);
    text = g_string_free (out, FALSE);
  }
  g_test_message ("%s", text);
  expected = g_strdup (_("Could not save the case: %s. It stays open here; keep this window open and try again later."));
  *strstr (expected, "%s") = '\0';
  dh_test_assert_contains (text, expected);
  /* Still there, on the same step. */
  g_assert_cmpstr (dh_test_current_name (window), ==, "host");
  g_assert_cmpstr (dh_case_get (dh_wizard_get_case (dh_window_get_wizard (window)), DH_CASE_IP), ==, "203.0.113.45");
  (void) page;

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (dh_case_store_get_dir (store)), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (dh_case_store_get_dir (store), 0700), ==, 0);
}

/* Many cases: the newest five, then a row that shows them all. */
static void
test_many_cases (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *show_all = NULL;
  DhStartPage *start;
  DhWindow *window;
  GtkWidget *row;

  remove_all_cases ();
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(DhCase) c = dh_case_new ();

      dh_case_set_analysis (c, bounce, dh_analyze (bounce, strlen (bounce), NULL));
      g_assert_true (dh_case_store_save (store, c, NULL));
      g_ptr_array_add (ids, g_strdup (dh_case_get_id (c)));
      g_usleep (2000);
    }

  window = dh_test_new_window (900, 900);
  start = DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  /* The newest five are listed; the two oldest wait behind "Show All 7 Cases". */
  for (guint i = 0; i < 7; i++)
    if (i < 2)
      g_assert_null (dh_start_page_get_case_row (start, g_ptr_array_index (ids, i)));
    else
      g_assert_nonnull (dh_start_page_get_case_row (start, g_ptr_array_index (ids, i)));
  show_all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Cases", "Show All %u Cases", 7), 7);
  row = dh_test_find_row (start, ADW_TYPE_ACTION_ROW, show_all);
  g_signal_emit_by_name (row, "activate");
  for (guint i = 0; i < 7; i++)
    g_assert_nonnull (dh_start_page_get_case_row (start, g_ptr_array_index (ids, i)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Microsoft 365: "Delist IP" ticked on the portal starts Microsoft's 24-hour wait, and the case
 * list says until when. */
static void
test_portal_wait (void)
{
  g_autofree char *bounce = dh_test_read_sample ("m365-5.7.606-exchange-ndr.eml");
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  DhCaseSummary *summary;
  DhPage *page;
  GTimeSpan wait;
  g_autofree char *delist = NULL;

  remove_all_cases ();
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "portal");
  g_assert_null (dh_case_get_wait_until (dh_wizard_get_case (dh_window_get_wizard (window))));
  delist = g_strdup_printf (_("On the page that opens, press “%s”."), "Delist IP");
  gtk_check_button_set_active (check_of_row (page, delist), TRUE);
  dh_window_save_now (window);

  cases = saved_cases ();
  g_assert_cmpuint (cases->len, ==, 1);
  summary = g_ptr_array_index (cases, 0);
  g_assert_cmpint (summary->state, ==, DH_CASE_STATE_MITIGATION_WAIT);
  wait = g_date_time_difference (summary->since, now);
  g_assert_cmpint (wait, >, 23 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (wait, <=, 25 * G_TIME_SPAN_HOUR);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A case file saved by the format-1 window (tests/fixtures/cases-format1/) opens on its step with
 * everything in place, and is saved back in the current format. */
static void
test_format1_file (void)
{
  g_autofree char *data = dh_test_read ("fixtures", "cases-format1/form-sent-reply.json", NULL);
  const char *id = "c7f65807-e0a4-476f-8f4d-6a655f341384";
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autofree char *path = dh_case_store_get_path (store, id);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  DhWindow *window;
  DhWizard *wizard;
  GtkWidget *row;
  DhPage *page;

  remove_all_cases ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, -1, &error));
  window = dh_test_new_window (900, 900);
  wizard = dh_window_get_wizard (window);
  row = dh_start_page_get_case_row (DH_START_PAGE (dh_wizard_get_page (wizard, "start")), id);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  dh_test_wait_until_idle (window);

  /* The reply step, its message in the language chosen, the ticket. */
  g_assert_cmpstr (dh_test_current_name (window), ==, "reply");
  page = dh_wizard_get_current_page (wizard);
  g_assert_cmpstr (dh_message_view_get_language (dh_test_find_message_view (page)), ==, "en");
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Ticket number")), "SRX1234567890ID");

  /* The form as it was left: sent, the title in Japanese, the time zone chosen. */
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "form");
  page = dh_wizard_get_current_page (wizard);
  g_assert_true (gtk_check_button_get_active (check_of_row (page, _("I have sent the form"))));
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Your name"))), ==, "Taro Yamada");
  dh_test_assert_row_copies (g_ptr_array_index (dh_test_find_all (page, DH_TYPE_COPY_ROW), 0),
                             "203.0.113.45 のブロックリスト解除のお願い（S3150、共用サーバー）");
  {
    GObject *item = adw_combo_row_get_selected_item (dh_test_find_combo_row (page, _("Time zone")));

    g_assert_true (GTK_IS_STRING_OBJECT (item));
    dh_test_assert_contains (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), "UTC-10:00");
  }

  dh_window_save_now (window);
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));
  dh_test_assert_contains (saved, "\"format\" : 2");
  dh_test_assert_not_contains (saved, "page_states");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* When a wait is over, the application announces it once. */
static void
test_wait_notification (void)
{
  g_autoptr(DhApplication) app = dh_application_new ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autofree char *bounce = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(DhAnalysis) analysis = dh_analyze (bounce, strlen (bounce), NULL);
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_hours (now, 48);
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 49);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  remove_all_cases ();
  dh_case_set_analysis (c, bounce, g_steal_pointer (&analysis));
  dh_case_add_reply (c, NULL, "We have implemented mitigation for your IP.", "mitigated", NULL, 0);
  dh_case_start_wait (c, until);
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  before = dh_application_check_waits (app, now);
  g_assert_cmpuint (before->len, ==, 0);
  after = dh_application_check_waits (app, later);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (after, 0), ==, dh_case_get_id (c));
  again = dh_application_check_waits (app, later);
  g_assert_cmpuint (again->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  dh_test_init (&argc, &argv);
  g_test_add_func ("/dh/cases/close-and-reopen", test_close_and_reopen);
  g_test_add_func ("/dh/cases/answer", test_answer);
  g_test_add_func ("/dh/cases/delete-undo", test_delete_undo);
  g_test_add_func ("/dh/cases/corrupt-file", test_corrupt_file);
  g_test_add_func ("/dh/cases/hostile-files", test_hostile_files);
  g_test_add_func ("/dh/cases/folder-link", test_folder_link);
  g_test_add_func ("/dh/cases/done", test_done);
  g_test_add_func ("/dh/cases/many", test_many_cases);
  g_test_add_func ("/dh/cases/portal-wait", test_portal_wait);
  g_test_add_func ("/dh/cases/save-failed", test_save_failed);
  g_test_add_func ("/dh/cases/open-while-reading", test_open_while_reading);
  g_test_add_func ("/dh/cases/format1-file", test_format1_file);
  /* Last: the notification it sends is answered (or refused) after the test. */
  g_test_add_func ("/dh/cases/wait-notification", test_wait_notification);
  return g_test_run ();
}
