/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail-texts.c: the mail to delist@microsoft.com carries the address, the verbatim error, the
 * date and who writes, in English to send and in Japanese to read. */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-case.h"
#include "dh-letters.h"
#include "dh-test-samples.h"

static const char ndr[] =
  "550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal from this list, forward this "
  "message to delist@microsoft.com. For more information, go to https://go.microsoft.com/fwlink/?LinkId=526653. "
  "(in reply to MAIL FROM command)";

static char *bounce;  /* tests/samples/postfix-m365-5.7.511-plain-notice.eml, read in main () */

static DhCase *
new_case (const char *text)
{
  DhCase *c = dh_case_new ();
  g_autoptr(GError) error = NULL;
  DhAnalysis *analysis = dh_analyze (text, strlen (text), &error);

  g_assert_no_error (error);
  dh_case_set_analysis (c, text, analysis);
  g_assert_cmpstr (dh_case_get_remedy (c), ==, "delist-email");
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
test_subject (void)
{
  g_autoptr(DhCase) c = new_case (bounce);
  g_autofree char *code = dh_letters_delist_code (c);
  g_autofree char *subject = dh_letters_delist_subject (c, "en");

  g_assert_cmpstr (code, ==, "550 5.7.511");
  g_assert_cmpstr (subject, ==, "Delisting request for 203.0.113.45 (550 5.7.511)");

  /* The user's corrections count. */
  dh_case_set (c, DH_CASE_IP, "203.0.113.46");
  g_free (subject);
  subject = dh_letters_delist_subject (c, "en");
  g_assert_cmpstr (subject, ==, "Delisting request for 203.0.113.46 (550 5.7.511)");
  dh_case_set (c, DH_CASE_IP, NULL);
  g_free (subject);
  subject = dh_letters_delist_subject (c, "en");
  g_assert_cmpstr (subject, ==, "Delisting request (550 5.7.511)");
}

static void
test_body (void)
{
  g_autoptr(DhCase) c = new_case (bounce);
  g_autofree char *en = dh_letters_delist_body (c, "en");
  g_autofree char *ja = dh_letters_delist_body (c, "ja");

  g_test_message ("%s\n\n%s", en, ja);
  assert_contains (en, "Hello,\n\n");
  assert_contains (en, "- IP address: 203.0.113.45\n");
  assert_contains (en, "- Date of the error: 14 November 2025, 10:23 (UTC+09:00)\n");
  /* The error line as the bounce gives it, on a line of its own. */
  assert_contains (en, "- Error message (verbatim):\n" "550 5.7.511 Access denied");
  assert_contains (en, ndr);
  assert_contains (en, "with the error 550 5.7.511");
  assert_contains (en, "I run the website https://example.jp/.");
  assert_contains (en, "I send my mail from the domain example.jp.");
  assert_contains (en, "remove the IP address from the list?");
  /* Signed with the sender's address while no name is known; no blank line at the end. */
  g_assert_true (g_str_has_suffix (en, "Best regards,\ninfo@example.jp"));
  assert_not_contains (en, "My name is");
  /* Only ASCII in the English text: Microsoft reads it, and nothing Japanese slips in. */
  for (const char *p = en; *p; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);

  assert_contains (ja, "Microsoft ご担当者様\n");
  assert_contains (ja, "・IP アドレス: 203.0.113.45\n");
  assert_contains (ja, "・エラーの日時: 2025年11月14日 10:23（日本時間）\n");
  assert_contains (ja, ndr);
  assert_contains (ja, "リストから削除していただけますでしょうか");
  g_assert_true (g_str_has_suffix (ja, "よろしくお願いいたします。\n\ninfo@example.jp"));
}

static void
test_about (void)
{
  g_autoptr(DhCase) c = new_case (bounce);
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;

  dh_case_set_contact_name (c, "Taro Yamada");
  dh_case_set_user_website (c, "https://shop.example.jp/");
  dh_case_set_hosting (c, DH_HOSTING_SHARED);
  en = dh_letters_delist_body (c, "en");
  ja = dh_letters_delist_body (c, "ja");
  assert_contains (en, "My name is Taro Yamada. I run the website https://shop.example.jp/.");
  assert_contains (en, "shared with other customers of my hosting company");
  g_assert_true (g_str_has_suffix (en, "Best regards,\nTaro Yamada"));
  assert_contains (ja, "Taro Yamada と申します。ウェブサイト https://shop.example.jp/ を運営しています。");
  assert_contains (ja, "他の利用者と共用しています");
  g_assert_true (g_str_has_suffix (ja, "\n\nTaro Yamada"));

  dh_case_set_hosting (c, DH_HOSTING_DEDICATED);
  g_free (en);
  en = dh_letters_delist_body (c, "en");
  assert_contains (en, "only my mail is sent from this IP address");
}

static void
test_no_date (void)
{
  /* A pasted fragment: no date, no sender. */
  g_autoptr(DhCase) c = new_case ("<boss@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
                                  "    550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal from\n"
                                  "    this list, forward this message to delist@microsoft.com.\n");
  g_autofree char *en = dh_letters_delist_body (c, "en");

  assert_contains (en, "- IP address: 203.0.113.45\n");
  assert_not_contains (en, "Date of the error");
  assert_not_contains (en, "website");
  g_assert_true (g_str_has_suffix (en, "Best regards,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bounce = dh_test_read_sample ("postfix-m365-5.7.511-plain-notice.eml");

  g_test_add_func ("/dh/mail-texts/subject", test_subject);
  g_test_add_func ("/dh/mail-texts/body", test_body);
  g_test_add_func ("/dh/mail-texts/about", test_about);
  g_test_add_func ("/dh/mail-texts/no-date", test_no_date);

  return g_test_run ();
}
