/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-host.c: the hosting-company, delist-portal and reply steps in the real wizard, read
 * and clicked as a person would: the text on screen, what each copy button puts on the
 * clipboard, the portal link, the Japanese / English switch and Back.
 * With DH_SCREENSHOT_DIR set, /dh/steps/screenshots saves PNGs of the three pages
 * (DH_SCREENSHOT_SIZES, default "900x900,360x900"; DH_SCREENSHOT_EXPAND=1 opens the expanders). */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dh-application.h"
#include "dh-copy-row.h"
#include "dh-links.h"
#include "dh-message-view.h"
#include "dh-texts.h"
#include "dh-window.h"
#include "pages/dh-diagnosis-page.h"

/* A whole bounce as Postfix on a Japanese shared host writes it: it names the date, the
 * reporting server and the sender. */
static const char bounce_s3150[] =
  "Return-Path: <>\n"
  "Received: by mail.example-hosting.jp (Postfix)\n"
  "\tid 1234ABC; Tue, 14 Jan 2025 10:23:45 +0900 (JST)\n"
  "Date: Tue, 14 Jan 2025 10:23:45 +0900 (JST)\n"
  "From: MAILER-DAEMON@mail.example-hosting.jp (Mail Delivery System)\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "To: info@my-shop.jp\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
  "\n"
  "--B\n"
  "Content-Type: text/plain; charset=us-ascii\n"
  "\n"
  "This is the mail system at host mail.example-hosting.jp.\n"
  "\n"
  "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550\n"
  "    5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please\n"
  "    contact your Internet service provider since part of their network is on\n"
  "    our block list (S3150). [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com]\n"
  "    (in reply to MAIL FROM command)\n"
  "\n"
  "--B\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns; mail.example-hosting.jp\n"
  "X-Postfix-Sender: rfc822; info@my-shop.jp\n"
  "Arrival-Date: Tue, 14 Jan 2025 10:23:40 +0900 (JST)\n"
  "\n"
  "Final-Recipient: rfc822; user@outlook.jp\n"
  "Action: failed\n"
  "Status: 5.7.1\n"
  "Remote-MTA: dns; apc.olc.protection.outlook.com\n"
  "Diagnostic-Code: smtp; 550 5.7.1 Unfortunately, messages from [203.0.113.45]\n"
  "    weren't sent. Please contact your Internet service provider since part of\n"
  "    their network is on our block list (S3150).\n"
  "    [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com]\n"
  "\n"
  "--B--\n";

static const char diagnostic_s3150[] =
  "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact your Internet "
  "service provider since part of their network is on our block list (S3150). "
  "[TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL FROM command)";

/* Only the text part, as people often paste it: no date, no reporting server, no sender. */
static const char bounce_s3150_bare[] =
  "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550\n"
  "    5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please\n"
  "    contact your Internet service provider since part of their network is on\n"
  "    our block list (S3150). [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com]\n";

static const char bounce_606[] =
  "<b@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
  "    550 5.7.606 Access denied, banned sending IP [198.51.100.7]. To request\n"
  "    removal from this list please visit https://sender.office.com/ and follow\n"
  "    the directions. For more information please go to\n"
  "    http://go.microsoft.com/fwlink/?LinkID=526655 (AS16012609)\n"
  "    [TY1JPN01FT004.eop-JPN01.prod.protection.outlook.com] (in reply to MAIL FROM command)\n";

static const char bounce_511[] =
  "<b@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
  "    550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal\n"
  "    from this list, forward this message to delist@microsoft.com. For more\n"
  "    information, go to https://go.microsoft.com/fwlink/?LinkId=526653.\n"
  "    [TY1JPN01FT004.eop-JPN01.prod.protection.outlook.com] (in reply to MAIL FROM command)\n";

/* ---- driving the window ---- */

static void
wait_until_idle (DhWindow *window)
{
  while (dh_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static DhWindow *
new_window (int width,
            int height)
{
  DhWindow *window = dh_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
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

static const char *
current_name (DhWindow *window)
{
  static const char *names[] = { "start", "diagnosis", "host", "portal", "form", "reply",
                                 "delist-email", "blocklist", "wait", "done" };
  DhPage *page = dh_window_get_current_page (window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (page == dh_window_get_page (window, names[i]))
      return names[i];
  return "?";
}

/* Next until the page @name is shown; other people's pages on the way are passed through. */
static DhPage *
go_to (DhWindow   *window,
       const char *name)
{
  for (guint i = 0; i < 12 && !g_str_equal (current_name (window), name); i++)
    {
      DhPage *before = dh_window_get_current_page (window);

      next (window);
      if (dh_window_get_current_page (window) == before)
        g_error ("Next does not leave the page “%s” on the way to “%s”", current_name (window), name);
    }
  g_assert_cmpstr (current_name (window), ==, name);
  return dh_window_get_current_page (window);
}

/* ---- reading what is on screen ---- */

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
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_string_append_printf (out, "<%s|%s>", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                            adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "{%s}", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    g_string_append_printf (out, "(%s)", gtk_button_get_label (GTK_BUTTON (widget)));
  else if (DH_IS_MESSAGE_VIEW (widget))
    {
      g_autofree char *text = dh_message_view_get_text (DH_MESSAGE_VIEW (widget));
      g_string_append_printf (out, "<<%s>>", text);
    }
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_ACTION_ROW (widget) || GTK_IS_BUTTON (widget))
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

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

/* The widgets of @type under @root, in screen order. */
static void
find_all_rec (GtkWidget *widget,
              GType      type,
              GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_all_rec (c, type, out);
}

static GPtrArray *
find_all (gpointer root,
          GType    type)
{
  GPtrArray *out = g_ptr_array_new ();

  find_all_rec (GTK_WIDGET (root), type, out);
  return out;
}

static DhCopyRow *
find_copy_row (DhPage     *page,
               const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (page, DH_TYPE_COPY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no copy row “%s”", title);
}

static DhMessageView *
find_message_view (DhPage *page)
{
  g_autoptr(GPtrArray) views = find_all (page, DH_TYPE_MESSAGE_VIEW);

  g_assert_cmpuint (views->len, ==, 1);
  return g_ptr_array_index (views, 0);
}

static GtkWidget *
find_button (DhPage     *page,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = find_all (page, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", label);
}

/* The page fits the narrowest window (360 pixels, less the window's border). */
static void
assert_fits_narrow (DhPage *page)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s is at least %d pixels wide", G_OBJECT_TYPE_NAME (page), minimum);
  g_assert_cmpint (minimum, <=, 340);
}

/* ---- the clipboard, read back through a second connection to the X server ---- */

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  *out = text ? text : g_strdup_printf ("(read failed: %s)", error->message);
}

static char *
read_clipboard_once (GdkClipboard *clipboard)
{
  char *text = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gdk_clipboard_read_text_async (clipboard, NULL, read_done, &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return text ? text : g_strdup ("(timed out)");
}

/* What another program would paste. The other connection learns of the new owner
 * asynchronously, so a stale value is read again for a short while. */
static char *
clipboard_text (GtkWidget  *widget,
                const char *expected)
{
  static GdkDisplay *other;
  GdkClipboard *clipboard;
  gint64 end = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;
  char *text = NULL;

  gdk_display_flush (gtk_widget_get_display (widget));
  if (other == NULL)
    other = gdk_display_open (NULL);
  clipboard = other ? gdk_display_get_clipboard (other) : gtk_widget_get_clipboard (widget);
  do
    {
      g_free (text);
      text = read_clipboard_once (clipboard);
    }
  while (g_strcmp0 (text, expected) != 0 && g_get_monotonic_time () < end);
  return text;
}

/* A click, at once (gtk_widget_activate on a button clicks only after a short animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button) && gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_copies (GtkWidget  *button,
               const char *expected)
{
  g_autofree char *text = NULL;

  click (button);
  text = clipboard_text (button, expected);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_row_copies (DhCopyRow  *row,
                   const char *expected)
{
  g_assert_cmpstr (dh_copy_row_get_value (row), ==, expected);
  assert_copies (dh_copy_row_get_button (row), expected);
}

/* ---- URI launches ---- */

static void
record_launch (GtkWindow  *parent,
               const char *uri,
               gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (uri));
}

/* ---- the tests ---- */

static void
test_outlook_route (void)
{
  DhWindow *window = new_window (760, 720);
  DhCase *c = dh_window_get_case (window);
  g_autoptr(GPtrArray) launched = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  DhPage *host, *portal, *reply;
  DhMessageView *message;
  g_autoptr(GPtrArray) checks = NULL;

  dh_links_set_launcher (record_launch, launched);
  dh_window_set_text (window, bounce_s3150);
  next (window);
  g_assert_cmpstr (current_name (window), ==, "diagnosis");
  g_assert_cmpstr (c->remedy, ==, "outlook-delist-form");

  /* Tell your hosting company. */
  next (window);
  host = go_to (window, "host");
  g_assert_cmpstr (dh_page_get_title (host), ==, _("Tell your hosting company"));
  g_assert_true (dh_page_get_complete (host));
  assert_fits_narrow (host);
  text = page_text (window);
  g_test_message ("host: %s", text);
  assert_contains (text, _("Send the message below to your hosting company’s support."));
  {
    g_autofree char *row = g_strdup_printf ("[%s|example-hosting.jp]", _("Hosting company"));
    assert_contains (text, row);
    g_free (row);
    row = g_strdup_printf ("[%s|mail.example-hosting.jp]", _("Your mail server"));
    assert_contains (text, row);
  }
  {
    g_autofree char *description =
      g_strdup_printf (_("Your mail server’s name ends in %s, so that is probably your hosting company. Use the support form or the support e-mail address in its control panel or on its web site."),
                       "example-hosting.jp");
    assert_contains (text, description);
  }

  message = find_message_view (host);
  /* The message speaks the app's language at first; either way it has every fact. */
  g_assert_cmpstr (dh_message_view_get_language (message), ==,
                   g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en");
  dh_message_view_set_language (message, "en");
  g_free (text);
  text = dh_message_view_get_text (message);
  assert_contains (text, "Hello,");
  assert_contains (text, "Sending IP: 203.0.113.45");
  assert_contains (text, diagnostic_s3150);
  assert_contains (text, "Date of the bounce: 14 January 2025, 10:23 (UTC+09:00)");
  assert_contains (text, "Recipient domain: outlook.jp");
  assert_contains (text, "ask Microsoft to delist this IP address");
  assert_contains (text, "another customer on the same IP address has been sending spam");
  assert_contains (text, "clean IP address");
  expected = dh_texts_host_body (c, "en");
  g_assert_cmpstr (text, ==, expected);
  assert_copies (find_button (host, _("_Copy Message")), expected);
  g_free (expected);
  expected = dh_texts_host_subject (c, "en");
  g_assert_cmpstr (expected, ==, "Mail to Microsoft (Outlook.com) refused: sending IP 203.0.113.45 is on its block list");
  assert_row_copies (find_copy_row (host, _("Subject")), expected);

  /* The switch beside the text changes the message and the subject to Japanese. */
  click (dh_message_view_get_language_button (message, "ja"));
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "ja");
  g_free (text);
  text = dh_message_view_get_text (message);
  assert_contains (text, "サポートご担当者様");
  assert_contains (text, "送信 IP: 203.0.113.45");
  assert_contains (text, diagnostic_s3150);
  assert_contains (text, "2025年1月14日 10:23（日本時間）");
  assert_contains (text, "ご対応いただけますでしょうか");
  assert_not_contains (text, "Hello,");
  g_free (expected);
  expected = dh_texts_host_body (c, "ja");
  assert_copies (find_button (host, _("_Copy Message")), expected);
  g_free (expected);
  expected = dh_texts_host_subject (c, "ja");
  assert_contains (expected, "送信 IP 203.0.113.45");
  assert_row_copies (find_copy_row (host, _("Subject")), expected);

  /* Exclusion portal: a first try for an Outlook.com block. */
  next (window);
  portal = go_to (window, "portal");
  g_assert_true (dh_page_get_complete (portal));
  assert_fits_narrow (portal);
  g_free (text);
  text = page_text (window);
  g_test_message ("portal: %s", text);
  assert_contains (text, _("Try Microsoft’s delist portal first."));
  assert_contains (text, _("This is normal for Outlook.com blocks (such as S3150): the portal does not see them. Nothing is wrong; go on to the delisting form in the next step."));
  assert_contains (text, _("Open the mail “Microsoft Office 365 Delisting Service” and click its link. The link works for about 10 minutes."));
  assert_contains (text, _("On the page that opens, press “Delist IP”."));
  assert_contains (text, _("The confirmation mail does not come"));
  assert_contains (text, _("The portal says “temporary issue, please resubmit”"));
  assert_contains (text, _("The characters in the picture (CAPTCHA) cannot be read"));
  assert_not_contains (text, _("This is the fix for this block"));
  assert_row_copies (find_copy_row (portal, _("E-mail address")), "info@my-shop.jp");
  assert_row_copies (find_copy_row (portal, _("IP address")), "203.0.113.45");
  click (find_button (portal, _("_Open the Portal")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://sender.office.com/");

  /* Tick the first two steps. */
  checks = find_all (portal, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 4);
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  gtk_widget_activate (g_ptr_array_index (checks, 1));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  /* Microsoft's reply. */
  reply = go_to (window, "reply");
  g_assert_cmpstr (dh_page_get_title (reply), ==, _("Microsoft’s reply"));
  g_assert_true (dh_page_get_complete (reply));
  assert_fits_narrow (reply);
  g_free (text);
  text = page_text (window);
  g_test_message ("reply: %s", text);
  assert_contains (text, _("Wait for Microsoft’s answer to your form, then find it below to see what to do."));
  assert_contains (text, _("A ticket number starting with “SRX” in the subject, or a “Microsoft Request ID”."));
  assert_contains (text, _("“Conditionally mitigated” or “We have implemented mitigation”"));
  assert_contains (text, _("“Not qualified for mitigation”"));
  assert_contains (text, "緩和処置の対象外");
  assert_contains (text, _("“Not currently blocked” or “nothing detected”"));
  assert_contains (text, _("Send the English version: Microsoft’s support team works in English. The Japanese version shows you what it says."));
  message = find_message_view (reply);
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "en");
  g_free (text);
  text = dh_message_view_get_text (message);
  assert_contains (text, "IP address: 203.0.113.45");
  assert_contains (text, diagnostic_s3150);
  assert_contains (text, "the block persists");
  assert_contains (text, "shared hosting server");
  assert_contains (text, "informed my hosting company");
  assert_contains (text, "14 January 2025, 10:23 (UTC+09:00)");
  g_free (expected);
  expected = dh_texts_reply_body (c, "en");
  assert_copies (find_button (reply, _("_Copy Reply")), expected);
  click (dh_message_view_get_language_button (message, "ja"));
  g_free (text);
  text = dh_message_view_get_text (message);
  assert_contains (text, "IP アドレス: 203.0.113.45");
  assert_contains (text, diagnostic_s3150);
  assert_contains (text, "ブロックが続いています");
  g_free (expected);
  expected = dh_texts_reply_body (c, "ja");
  assert_copies (find_button (reply, _("_Copy Reply")), expected);

  /* Back keeps the ticks and the chosen language. */
  while (!g_str_equal (current_name (window), "portal"))
    back (window);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  back (window);
  g_assert_cmpstr (current_name (window), ==, "host");
  message = find_message_view (host);
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "ja");
  g_free (text);
  text = dh_message_view_get_text (message);
  assert_contains (text, "サポートご担当者様");

  /* A corrected address reaches every step, and the portal's ticks start again. */
  back (window);
  g_assert_cmpstr (current_name (window), ==, "diagnosis");
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (dh_window_get_current_page (window)),
                                                                  DH_CASE_IP)),
                         "203.0.113.46");
  next (window);
  g_free (text);
  text = dh_message_view_get_text (find_message_view (host));
  assert_contains (text, "203.0.113.46");
  assert_not_contains (text, "203.0.113.45]\n");
  assert_not_contains (text, "送信 IP: 203.0.113.45");
  next (window);
  g_assert_cmpstr (current_name (window), ==, "portal");
  assert_row_copies (find_copy_row (portal, _("IP address")), "203.0.113.46");
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  dh_links_set_launcher (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* When the bounce names no server, the page does not guess a company. */
static void
test_unknown_host (void)
{
  DhWindow *window = new_window (760, 720);
  g_autofree char *text = NULL;
  DhPage *host, *portal;

  dh_window_set_text (window, bounce_s3150_bare);
  next (window);
  host = go_to (window, "host");
  text = page_text (window);
  {
    g_autofree char *row = g_strdup_printf ("[%s|", _("Hosting company"));
    assert_not_contains (text, row);
  }
  assert_contains (text, _("Write to the support of the company you rent your server from: use the support form or the support e-mail address in its control panel or on its web site."));
  g_free (text);
  text = dh_message_view_get_text (find_message_view (host));
  assert_contains (text, "203.0.113.45");
  assert_not_contains (text, "(null)");

  /* No sender address: the portal says any mailbox works, and offers none to copy. */
  portal = go_to (window, "portal");
  g_free (text);
  text = page_text (window);
  assert_contains (text, _("The portal takes one e-mail address and one IP address per visit. Any mailbox you can read works, such as a Gmail or Outlook.com address: it only receives the confirmation mail."));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_copy_row (portal, _("E-mail address")))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A Microsoft 365 ban: the portal is the fix, and no hosting-company step. */
static void
test_office365_route (void)
{
  DhWindow *window = new_window (760, 720);
  g_autoptr(GPtrArray) launched = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  DhPage *portal, *reply;

  dh_links_set_launcher (record_launch, launched);
  dh_window_set_text (window, bounce_606);
  next (window);
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "office365-delist-portal");
  next (window);
  g_assert_cmpstr (current_name (window), ==, "portal");
  portal = dh_window_get_current_page (window);
  text = page_text (window);
  g_test_message ("portal: %s", text);
  assert_contains (text, _("Remove your server’s address on Microsoft’s delist portal."));
  assert_contains (text, _("This is the fix for this block: Microsoft 365 lets you remove the address yourself. It takes a few minutes and an e-mail address that can receive a confirmation mail."));
  assert_not_contains (text, _("Try Microsoft’s delist portal first."));
  assert_not_contains (text, _("This is normal for Outlook.com blocks (such as S3150): the portal does not see them. Nothing is wrong; go on to the delisting form in the next step."));
  assert_row_copies (find_copy_row (portal, _("IP address")), "198.51.100.7");
  click (find_button (portal, _("_Open the Portal")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://sender.office.com/");

  next (window);
  g_assert_cmpstr (current_name (window), ==, "reply");
  reply = dh_window_get_current_page (window);
  g_assert_cmpstr (dh_page_get_title (reply), ==, _("Check the result"));
  g_free (text);
  text = page_text (window);
  assert_contains (text, _("Wait up to 24 hours, then send a test mail to the address that bounced."));
  assert_not_contains (text, _("“Not qualified for mitigation”"));
  assert_not_contains (text, _("_Copy Reply"));

  /* Back to the portal, and the route never passes a hosting-company step. */
  back (window);
  back (window);
  g_assert_cmpstr (current_name (window), ==, "diagnosis");
  dh_links_set_launcher (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 5.7.511: the answer comes by mail within 48 hours. */
static void
test_delist_email_route (void)
{
  DhWindow *window = new_window (760, 720);
  g_autofree char *text = NULL;

  dh_window_set_text (window, bounce_511);
  next (window);
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "delist-email");
  go_to (window, "reply");
  text = page_text (window);
  assert_contains (text, _("Microsoft says it answers within 48 hours with the next steps, to the address you wrote from. Look in the junk folder too."));
  assert_contains (text, _("“Not qualified for mitigation”"));
  g_free (text);
  text = dh_message_view_get_text (find_message_view (dh_window_get_current_page (window)));
  assert_contains (text, "203.0.113.45");
  assert_contains (text, "5.7.511 Access denied, banned sender[203.0.113.45]");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- screenshots, for looking at the pages (and for the README) ---- */

static gboolean
frame_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_two_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      return TRUE;
  return FALSE;
}

static void
save_screenshot (DhWindow   *window,
                 const char *path)
{
  GtkWidget *widget = GTK_WIDGET (window);
  guint frames = 0;
  guint tick = gtk_widget_add_tick_callback (widget, frame_tick, &frames, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot;
      g_autoptr(GskRenderNode) node = NULL;
      int width, height;

      /* A few frames, so that the layout has settled and the page has been drawn. */
      for (guint start = frames; frames < start + 30;)
        g_main_context_iteration (NULL, TRUE);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        continue;
      g_clear_object (&texture);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (has_two_colours (texture))
        break;
    }
  gtk_widget_remove_tick_callback (widget, tick);
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
expand_all (DhPage *page)
{
  g_autoptr(GPtrArray) rows = find_all (page, ADW_TYPE_EXPANDER_ROW);

  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (rows, i), TRUE);
}

static void
shoot (DhWindow   *window,
       const char *dir,
       const char *name,
       int         width)
{
  const char *lang = g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en";
  g_autofree char *file = g_strdup_printf ("%s-%s-%d.png", name, lang, width);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  if (g_getenv ("DH_SCREENSHOT_EXPAND"))
    expand_all (dh_window_get_current_page (window));
  save_screenshot (window, path);
}

static void
test_screenshots (void)
{
  const char *dir = g_getenv ("DH_SCREENSHOT_DIR");
  g_auto(GStrv) sizes = NULL;

  if (dir == NULL)
    {
      g_test_skip ("DH_SCREENSHOT_DIR is not set");
      return;
    }
  /* No animations to catch half-way, and GNOME's title bar buttons (only "close"), not the
   * bare X server's (minimize, maximize, close), which would widen the narrowest window. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-decoration-layout", ":close", NULL);
  sizes = g_strsplit (g_getenv ("DH_SCREENSHOT_SIZES") ? g_getenv ("DH_SCREENSHOT_SIZES")
                                                       : "900x900,360x900", ",", 0);
  for (guint i = 0; sizes[i]; i++)
    {
      int width = 0, height = 0;
      DhWindow *window;

      if (sscanf (sizes[i], "%dx%d", &width, &height) != 2)
        g_error ("bad size %s", sizes[i]);
      window = new_window (width, height);
      dh_window_set_text (window, bounce_s3150);
      next (window);
      go_to (window, "host");
      shoot (window, dir, "host", width);
      go_to (window, "portal");
      shoot (window, dir, "portal", width);
      go_to (window, "reply");
      shoot (window, dir, "reply", width);
      gtk_window_destroy (GTK_WINDOW (window));

      window = new_window (width, height);
      dh_window_set_text (window, bounce_606);
      next (window);
      go_to (window, "portal");
      shoot (window, dir, "portal-365", width);
      go_to (window, "reply");
      shoot (window, dir, "reply-365", width);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* --ja runs the same tests with the app in Japanese (the expected texts go through gettext). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--ja"))
      {
        g_setenv ("LANGUAGE", "ja", TRUE);
        g_setenv ("LANG", "C.UTF-8", TRUE);
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dh/steps/outlook-route", test_outlook_route);
  g_test_add_func ("/dh/steps/unknown-host", test_unknown_host);
  g_test_add_func ("/dh/steps/office365-route", test_office365_route);
  g_test_add_func ("/dh/steps/delist-email-route", test_delist_email_route);
  g_test_add_func ("/dh/steps/screenshots", test_screenshots);

  return g_test_run ();
}
