/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-texts.c: the ready messages carry the facts (IP, verbatim error, date) in both languages. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dh-case.h"
#include "dh-case-private.h"
#include "dh-format.h"
#include "dh-letters.h"
#include "dh-verdict-text.h"
#include "dh-test-samples.h"
#include "dh-analyzer.h"

static const char diagnostic[] =
  "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact your Internet "
  "service provider since part of their network is on our block list (S3150). "
  "[TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL FROM command)";

static DhCase *
new_case (const char *iso_date)
{
  DhCase *c = dh_case_new ();

  dh_case_set (c, DH_CASE_IP, "203.0.113.45");
  dh_case_set (c, DH_CASE_DIAGNOSTIC, diagnostic);
  dh_case_set (c, DH_CASE_RECIPIENT_DOMAIN, "outlook.jp");
  dh_case_set (c, DH_CASE_SENDER_ADDRESS, "info@my-shop.jp");
  dh_case_set (c, DH_CASE_REPORTING_HOST, "mail.example-hosting.jp");
  g_autoptr(GDateTime) date = iso_date ? g_date_time_new_from_iso8601 (iso_date, NULL) : NULL;

  dh_case_set_classification (c, TRUE, "microsoft-consumer", NULL, "outlook-delist-form", date);
  return c;
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

static void
test_date (void)
{
  g_autoptr(GDateTime) tokyo = g_date_time_new_from_iso8601 ("2025-01-14T10:23:45+09:00", NULL);
  g_autoptr(GDateTime) berlin = g_date_time_new_from_iso8601 ("2025-12-03T07:05:00+01:00", NULL);
  g_autoptr(GDateTime) newyork = g_date_time_new_from_iso8601 ("2025-03-01T23:59:00-05:30", NULL);
  g_autofree char *ja = dh_format_letter_date (tokyo, "ja");
  g_autofree char *en = dh_format_letter_date (tokyo, "en");
  g_autofree char *ja2 = dh_format_letter_date (berlin, "ja");
  g_autofree char *en2 = dh_format_letter_date (berlin, "en");
  g_autofree char *en3 = dh_format_letter_date (newyork, "en");

  g_assert_cmpstr (ja, ==, "2025年1月14日 10:23（日本時間）");
  g_assert_cmpstr (en, ==, "14 January 2025, 10:23 (UTC+09:00)");
  g_assert_cmpstr (ja2, ==, "2025年12月3日 07:05（UTC+01:00）");
  g_assert_cmpstr (en2, ==, "3 December 2025, 07:05 (UTC+01:00)");
  g_assert_cmpstr (en3, ==, "1 March 2025, 23:59 (UTC-05:30)");
}

static void
test_host_message (void)
{
  g_autoptr(DhCase) c = new_case ("2025-01-14T10:23:45+09:00");
  g_autofree char *ja = dh_letters_host_body (c, "ja");
  g_autofree char *en = dh_letters_host_body (c, "en");
  g_autofree char *ja_subject = dh_letters_host_subject (c, "ja");
  g_autofree char *en_subject = dh_letters_host_subject (c, "en");

  for (guint i = 0; i < 2; i++)
    {
      const char *body = i == 0 ? ja : en;

      assert_contains (body, "203.0.113.45");
      /* The error line stays whole, on a line of its own. */
      assert_contains (body, diagnostic);
      {
        g_autofree char *own_line = g_strdup_printf ("\n%s\n", diagnostic);
        assert_contains (body, own_line);
      }
      assert_contains (body, "outlook.jp");
      assert_contains (body, "mail.example-hosting.jp");
      assert_contains (body, "my-shop.jp");
    }
  assert_contains (ja, "2025年1月14日 10:23（日本時間）");
  assert_contains (en, "14 January 2025, 10:23 (UTC+09:00)");

  /* The three asks, in polite business Japanese and plain English. */
  assert_contains (ja, "ご担当者様");
  assert_contains (ja, "ご対応いただけますでしょうか");
  assert_contains (ja, "Microsoft へのブロックリスト解除（緩和）の申請");
  assert_contains (ja, "迷惑メールが送信されていないか");
  assert_contains (ja, "収容替え");
  assert_contains (en, "ask Microsoft to delist this IP address");
  assert_contains (en, "another customer on the same IP address has been sending spam");
  assert_contains (en, "moving my site to a server with a clean IP address");
  assert_contains (en, "Outlook.com delisting form");
  assert_not_contains (ja, "Hello");
  assert_not_contains (en, "ご担当者様");

  assert_contains (ja_subject, "203.0.113.45");
  assert_contains (en_subject, "203.0.113.45");
  assert_not_contains (ja_subject, "\n");
  assert_not_contains (en_subject, "\n");
}

static void
test_reply_message (void)
{
  g_autoptr(DhCase) c = new_case ("2025-01-14T10:23:45+09:00");
  g_autofree char *ja = dh_letters_reply_body (c, NULL, "ja");
  g_autofree char *en = dh_letters_reply_body (c, NULL, "en");

  for (guint i = 0; i < 2; i++)
    {
      const char *body = i == 0 ? ja : en;

      assert_contains (body, "203.0.113.45");
      assert_contains (body, diagnostic);
      assert_contains (body, "my-shop.jp");
    }
  assert_contains (ja, "2025年1月14日 10:23（日本時間）");
  assert_contains (en, "14 January 2025, 10:23 (UTC+09:00)");
  assert_contains (en, "the block persists");
  assert_contains (en, "small business");
  assert_contains (en, "shared hosting server");
  assert_contains (en, "informed my hosting company");
  assert_contains (ja, "ブロックが続いています");
  assert_contains (ja, "共用のレンタルサーバー");
  assert_contains (ja, "ホスティング会社にはこのブロックについて連絡し");
  assert_contains (ja, "いただけますでしょうか");
}

/* Facts the bounce did not state are left out, never printed as "(null)" or an empty line. */
static void
test_missing_facts (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  const char *langs[] = { "ja", "en" };

  dh_case_set (c, DH_CASE_IP, "198.51.100.7");
  dh_case_set_classification (c, FALSE, "microsoft-365", NULL, "office365-delist-portal", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *host = dh_letters_host_body (c, langs[i]);
      g_autofree char *reply = dh_letters_reply_body (c, NULL, langs[i]);
      g_autofree char *subject = dh_letters_host_subject (c, langs[i]);

      assert_contains (host, "198.51.100.7");
      assert_contains (reply, "198.51.100.7");
      assert_contains (subject, "Microsoft 365");
      assert_contains (host, "sender.office.com");
      assert_not_contains (host, "(null)");
      assert_not_contains (reply, "(null)");
      assert_not_contains (host, ": \n");
      assert_not_contains (host, "日時");
      assert_not_contains (host, "Date of the bounce");
    }
}

/* A dedicated server has no other customers on its address. */
static void
test_dedicated (void)
{
  g_autoptr(DhCase) c = new_case (NULL);
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;
  g_autofree char *reply = NULL;

  dh_case_set_hosting (c, DH_HOSTING_DEDICATED);
  ja = dh_letters_host_body (c, "ja");
  en = dh_letters_host_body (c, "en");
  reply = dh_letters_reply_body (c, NULL, "en");
  assert_not_contains (ja, "共用サーバー");
  assert_not_contains (en, "another customer");
  assert_not_contains (reply, "shared hosting");
  assert_contains (en, "same network");
}


/* The diagnosis' headline of @sample names @from_bounce; once the user sets @fact to @value it
 * names @corrected instead; cleared, it names neither but says the same verdict (@cleared). */
static void
assert_headline_follows (const char *sample,
                         DhCaseFact  fact,
                         const char *value,
                         const char *from_bounce,
                         const char *corrected,
                         const char *cleared_text)
{
  gsize length;
  g_autofree char *text = dh_test_read ("samples", sample, &length);
  g_autoptr(DhCase) c = dh_case_new ();
  g_autofree char *none = dh_verdict_headline_for_case (c);
  g_autofree char *found = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *cleared = NULL;

  g_assert_cmpstr (none, ==, "");
  dh_case_set_analysis (c, text, dh_analyze (text, length, NULL));
  found = dh_verdict_headline_for_case (c);
  assert_contains (found, from_bounce);
  dh_case_set (c, fact, value);
  changed = dh_verdict_headline_for_case (c);
  assert_contains (changed, corrected);
  assert_not_contains (changed, from_bounce);
  dh_case_set (c, fact, NULL);
  cleared = dh_verdict_headline_for_case (c);
  g_assert_cmpstr (cleared, ==, cleared_text);
}

/* The diagnosis' headline names the blocked IP, and a listed domain, as the user corrected them. */
static void
test_headline (void)
{
  assert_headline_follows ("fragment-postfix-body-s3150.txt", DH_CASE_IP, "203.0.113.99",
                           "203.0.113.45", "203.0.113.99", _("Microsoft is refusing mail from your server."));
  assert_headline_follows ("mta/postfix-spamhaus-dbl-sender-domain.eml", DH_CASE_SENDER_DOMAIN,
                           "example-shop.jp", "example.com", "example-shop.jp", _("Your domain is on a block list."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dh/texts/date", test_date);
  g_test_add_func ("/dh/texts/host-message", test_host_message);
  g_test_add_func ("/dh/texts/reply-message", test_reply_message);
  g_test_add_func ("/dh/texts/missing-facts", test_missing_facts);
  g_test_add_func ("/dh/texts/dedicated", test_dedicated);

  g_test_add_func ("/dh/texts/headline", test_headline);
  return g_test_run ();
}
