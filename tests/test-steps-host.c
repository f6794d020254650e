/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-host.c: the hosting-company, delist-portal and reply steps in the real wizard, read
 * and clicked as a person would: the text on screen, what each copy button puts on the
 * clipboard, the portal link, the Japanese / English switch and Back. --ja runs them with the app
 * in Japanese. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-test-utils.h"
#include "dh-links.h"
#include "dh-letters.h"
#include "pages/dh-diagnosis-page.h"
#include "dh-test-samples.h"

/* A whole bounce as Postfix on a Japanese shared host writes it: it names the date, the
 * reporting server and the sender. */
static char *bounce_s3150;  /* tests/samples/postfix-outlookjp-s3150-2025.eml, read in main () */

static const char diagnostic_s3150[] =
  "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact your Internet "
  "service provider since part of their network is on our block list (S3150). "
  "[TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL FROM command)";

/* Only the text part, as people often paste it: no date, no reporting server, no sender. */
static char *bounce_s3150_bare;  /* tests/samples/fragment-postfix-s3150-short.txt, read in main () */

static char *bounce_606;  /* tests/samples/fragment-m365-5.7.606-banned-ip.txt, read in main () */

static char *bounce_511;  /* tests/samples/fragment-m365-5.7.511-banned-sender.txt, read in main () */

/* The page fits the narrowest window (360 pixels, less the window's border). */
static void
assert_fits_narrow (DhPage *page)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s is at least %d pixels wide", G_OBJECT_TYPE_NAME (page), minimum);
  g_assert_cmpint (minimum, <=, 340);
}

/* ---- the tests ---- */

static void
test_outlook_route (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  DhCase *c = dh_wizard_get_case (dh_window_get_wizard (window));
  g_autoptr(GPtrArray) launched = dh_test_record_launches ();
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  DhPage *host, *portal, *reply;
  DhMessageView *message;
  g_autoptr(GPtrArray) checks = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_s3150);
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  g_assert_cmpstr (dh_case_get_remedy (c), ==, "outlook-delist-form");

  /* Tell your hosting company. */
  dh_test_next (window);
  host = dh_test_go_to (window, "host");
  g_assert_cmpstr (dh_page_get_title (host), ==, _("Tell your hosting company"));
  g_assert_true (dh_page_get_complete (host));
  assert_fits_narrow (host);
  text = dh_test_page_text (window);
  g_test_message ("host: %s", text);
  dh_test_assert_contains (text, _("Send the message below to your hosting company’s support."));
  {
    g_autofree char *row = g_strdup_printf ("[%s|example-hosting.jp]", _("Hosting company"));
    dh_test_assert_contains (text, row);
    g_free (row);
    row = g_strdup_printf ("[%s|mail.example-hosting.jp]", _("Your mail server"));
    dh_test_assert_contains (text, row);
  }
  {
    g_autofree char *description =
      g_strdup_printf (_("Your mail server’s name ends in %s, so that is probably your hosting company. Use the support form or the support e-mail address in its control panel or on its web site."),
                       "example-hosting.jp");
    dh_test_assert_contains (text, description);
  }

  message = dh_test_find_message_view (host);
  /* The message speaks the app's language at first; either way it has every fact. */
  g_assert_cmpstr (dh_message_view_get_language (message), ==,
                   g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en");
  dh_message_view_set_language (message, "en");
  g_free (text);
  text = dh_message_view_get_text (message);
  dh_test_assert_contains (text, "Hello,");
  dh_test_assert_contains (text, "Sending IP: 203.0.113.45");
  dh_test_assert_contains (text, diagnostic_s3150);
  dh_test_assert_contains (text, "Date of the bounce: 14 January 2025, 10:23 (UTC+09:00)");
  dh_test_assert_contains (text, "Recipient domain: outlook.jp");
  dh_test_assert_contains (text, "ask Microsoft to delist this IP address");
  dh_test_assert_contains (text, "another customer on the same IP address has been sending spam");
  dh_test_assert_contains (text, "clean IP address");
  expected = dh_letters_host_body (c, "en");
  g_assert_cmpstr (text, ==, expected);
  dh_test_assert_copies (dh_test_find_button (host, _("_Copy Message")), expected);
  g_free (expected);
  expected = dh_letters_host_subject (c, "en");
  g_assert_cmpstr (expected, ==, "Mail to Microsoft (Outlook.com) refused: sending IP 203.0.113.45 is on its block list");
  dh_test_assert_row_copies (dh_test_find_copy_row (host, _("Subject")), expected);

  /* The switch beside the text changes the message and the subject to Japanese. */
  dh_test_click (dh_message_view_get_language_button (message, "ja"));
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "ja");
  g_free (text);
  text = dh_message_view_get_text (message);
  dh_test_assert_contains (text, "サポートご担当者様");
  dh_test_assert_contains (text, "送信 IP: 203.0.113.45");
  dh_test_assert_contains (text, diagnostic_s3150);
  dh_test_assert_contains (text, "2025年1月14日 10:23（日本時間）");
  dh_test_assert_contains (text, "ご対応いただけますでしょうか");
  dh_test_assert_not_contains (text, "Hello,");
  g_free (expected);
  expected = dh_letters_host_body (c, "ja");
  dh_test_assert_copies (dh_test_find_button (host, _("_Copy Message")), expected);
  g_free (expected);
  expected = dh_letters_host_subject (c, "ja");
  dh_test_assert_contains (expected, "送信 IP 203.0.113.45");
  dh_test_assert_row_copies (dh_test_find_copy_row (host, _("Subject")), expected);

  /* Exclusion portal: a first try for an Outlook.com block. */
  dh_test_next (window);
  portal = dh_test_go_to (window, "portal");
  g_assert_true (dh_page_get_complete (portal));
  assert_fits_narrow (portal);
  g_free (text);
  text = dh_test_page_text (window);
  g_test_message ("portal: %s", text);
  dh_test_assert_contains (text, _("Try Microsoft’s delist portal first."));
  dh_test_assert_contains (text, _("This is normal for Outlook.com blocks (such as S3150): the portal does not see them. Nothing is wrong; go on to the delisting form in the next step."));
  dh_test_assert_contains (text, _("Open the mail “Microsoft Office 365 Delisting Service” and click its link. The link works for about 10 minutes."));
  {
    g_autofree char *delist = g_strdup_printf (_("On the page that opens, press “%s”."), "Delist IP");

    dh_test_assert_contains (text, delist);
  }
  dh_test_assert_contains (text, _("The confirmation mail does not come"));
  dh_test_assert_contains (text, _("The portal says “temporary issue, please resubmit”"));
  dh_test_assert_contains (text, _("The characters in the picture (CAPTCHA) cannot be read"));
  dh_test_assert_not_contains (text, _("This is the fix for this block"));
  dh_test_assert_row_copies (dh_test_find_copy_row (portal, _("E-mail address")), "info@example.jp");
  dh_test_assert_row_copies (dh_test_find_copy_row (portal, _("IP address")), "203.0.113.45");
  dh_test_click (dh_test_find_button (portal, _("_Open the Portal")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://sender.office.com/");

  /* Tick the first two steps. */
  checks = dh_test_find_all (portal, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 4);
  gtk_widget_activate (g_ptr_array_index (checks, 0));
  gtk_widget_activate (g_ptr_array_index (checks, 1));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  /* Microsoft's reply. */
  reply = dh_test_go_to (window, "reply");
  g_assert_cmpstr (dh_page_get_title (reply), ==, _("Microsoft’s reply"));
  g_assert_true (dh_page_get_complete (reply));
  assert_fits_narrow (reply);
  g_free (text);
  text = dh_test_page_text (window);
  g_test_message ("reply: %s", text);
  dh_test_assert_contains (text, _("Wait for Microsoft’s answer to your form, then find it below to see what to do."));
  dh_test_assert_contains (text, _("A ticket number starting with “SRX” in the subject, or a “Microsoft Request ID”."));
  dh_test_assert_contains (text, _("“Conditionally mitigated” or “We have implemented mitigation”"));
  dh_test_assert_contains (text, _("“Not qualified for mitigation”"));
  dh_test_assert_contains (text, "緩和処置の対象外");
  dh_test_assert_contains (text, _("“Not currently blocked” or “nothing detected”"));
  dh_test_assert_contains (text, _("Send the English version: Microsoft’s support team works in English. The Japanese version shows you what it says."));
  message = dh_test_find_message_view (reply);
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "en");
  g_free (text);
  text = dh_message_view_get_text (message);
  dh_test_assert_contains (text, "IP address: 203.0.113.45");
  dh_test_assert_contains (text, diagnostic_s3150);
  dh_test_assert_contains (text, "the block persists");
  dh_test_assert_contains (text, "shared hosting server");
  dh_test_assert_contains (text, "informed my hosting company");
  dh_test_assert_contains (text, "14 January 2025, 10:23 (UTC+09:00)");
  g_free (expected);
  expected = dh_letters_reply_body (c, NULL, "en");
  dh_test_assert_copies (dh_test_find_button (reply, _("_Copy Reply")), expected);
  dh_test_click (dh_message_view_get_language_button (message, "ja"));
  g_free (text);
  text = dh_message_view_get_text (message);
  dh_test_assert_contains (text, "IP アドレス: 203.0.113.45");
  dh_test_assert_contains (text, diagnostic_s3150);
  dh_test_assert_contains (text, "ブロックが続いています");
  g_free (expected);
  expected = dh_letters_reply_body (c, NULL, "ja");
  dh_test_assert_copies (dh_test_find_button (reply, _("_Copy Reply")), expected);

  /* Back keeps the ticks and the chosen language. */
  while (!g_str_equal (dh_test_current_name (window), "portal"))
    dh_test_back (window);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "host");
  message = dh_test_find_message_view (host);
  g_assert_cmpstr (dh_message_view_get_language (message), ==, "ja");
  g_free (text);
  text = dh_message_view_get_text (message);
  dh_test_assert_contains (text, "サポートご担当者様");

  /* A corrected address reaches every step, and the portal's ticks start again. */
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (dh_wizard_get_current_page (dh_window_get_wizard (window))),
                                                                  DH_CASE_IP)),
                         "203.0.113.46");
  dh_test_next (window);
  g_free (text);
  text = dh_message_view_get_text (dh_test_find_message_view (host));
  dh_test_assert_contains (text, "203.0.113.46");
  dh_test_assert_not_contains (text, "203.0.113.45]\n");
  dh_test_assert_not_contains (text, "送信 IP: 203.0.113.45");
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "portal");
  dh_test_assert_row_copies (dh_test_find_copy_row (portal, _("IP address")), "203.0.113.46");
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));

  dh_links_set_launcher (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* When the bounce names no server, the page does not guess a company. */
static void
test_unknown_host (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;
  DhPage *host, *portal;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_s3150_bare);
  dh_test_next (window);
  host = dh_test_go_to (window, "host");
  text = dh_test_page_text (window);
  {
    g_autofree char *row = g_strdup_printf ("[%s|", _("Hosting company"));
    dh_test_assert_not_contains (text, row);
  }
  dh_test_assert_contains (text, _("Write to the support of the company you rent your server from: use the support form or the support e-mail address in its control panel or on its web site."));
  g_free (text);
  text = dh_message_view_get_text (dh_test_find_message_view (host));
  dh_test_assert_contains (text, "203.0.113.45");
  dh_test_assert_not_contains (text, "(null)");

  /* No sender address: the portal says any mailbox works, and offers none to copy. */
  portal = dh_test_go_to (window, "portal");
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("The portal takes one e-mail address and one IP address per visit. Any mailbox you can read works, such as a Gmail or Outlook.com address: it only receives the confirmation mail."));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dh_test_find_copy_row (portal, _("E-mail address")))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A Microsoft 365 ban: the portal is the fix, and no hosting-company step. */
static void
test_office365_route (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autoptr(GPtrArray) launched = dh_test_record_launches ();
  g_autofree char *text = NULL;
  DhPage *portal, *reply;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_606);
  dh_test_next (window);
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "office365-delist-portal");
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "portal");
  portal = dh_wizard_get_current_page (dh_window_get_wizard (window));
  text = dh_test_page_text (window);
  g_test_message ("portal: %s", text);
  dh_test_assert_contains (text, _("Remove your server’s address on Microsoft’s delist portal."));
  dh_test_assert_contains (text, _("This is the fix for this block: Microsoft 365 lets you remove the address yourself. It takes a few minutes and an e-mail address that can receive a confirmation mail."));
  dh_test_assert_not_contains (text, _("Try Microsoft’s delist portal first."));
  dh_test_assert_not_contains (text, _("This is normal for Outlook.com blocks (such as S3150): the portal does not see them. Nothing is wrong; go on to the delisting form in the next step."));
  dh_test_assert_row_copies (dh_test_find_copy_row (portal, _("IP address")), "198.51.100.7");
  dh_test_click (dh_test_find_button (portal, _("_Open the Portal")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://sender.office.com/");

  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "reply");
  reply = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_cmpstr (dh_page_get_title (reply), ==, _("Check the result"));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("Wait up to 24 hours, then send a test mail to the address that bounced."));
  dh_test_assert_not_contains (text, _("“Not qualified for mitigation”"));
  dh_test_assert_not_contains (text, _("_Copy Reply"));

  /* Back to the portal, and the route never passes a hosting-company step. */
  dh_test_back (window);
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  dh_links_set_launcher (NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 5.7.511: the answer comes by mail within 48 hours. */
static void
test_delist_email_route (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_511);
  dh_test_next (window);
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "delist-email");
  dh_test_go_to (window, "reply");
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("Microsoft says it answers within 48 hours with the next steps, to the address you wrote from. Look in the junk folder too."));
  dh_test_assert_contains (text, _("“Not qualified for mitigation”"));
  g_free (text);
  text = dh_message_view_get_text (dh_test_find_message_view (dh_wizard_get_current_page (dh_window_get_wizard (window))));
  dh_test_assert_contains (text, "203.0.113.45");
  dh_test_assert_contains (text, "5.7.511 Access denied, banned sender[203.0.113.45]");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dh_test_init (&argc, &argv);
  bounce_s3150_bare = dh_test_read_sample ("fragment-postfix-s3150-short.txt");
  bounce_s3150 = dh_test_read_sample ("postfix-outlookjp-s3150-2025.eml");
  bounce_606 = dh_test_read_sample ("fragment-m365-5.7.606-banned-ip.txt");
  bounce_511 = dh_test_read_sample ("fragment-m365-5.7.511-banned-sender.txt");

  g_test_add_func ("/dh/steps/outlook-route", test_outlook_route);
  g_test_add_func ("/dh/steps/unknown-host", test_unknown_host);
  g_test_add_func ("/dh/steps/office365-route", test_office365_route);
  g_test_add_func ("/dh/steps/delist-email-route", test_delist_email_route);

  return g_test_run ();
}
