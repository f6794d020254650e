/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-replies.c: Microsoft's replies (tests/replies/manifest.json), bad input, next steps, and
 * the ready answer to "not qualified" in both languages. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dh-analyzer.h"
#include "dh-case.h"
#include "dh-letters.h"
#include "dh-replies.h"
#include "dh-route.h"
#include "dh-data.h"

static JsonNode *manifest;

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack ? haystack : "(null)");
}

static void
assert_strings (GPtrArray  *got,
                JsonArray  *expected,
                const char *what,
                const char *file)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < got->len; i++)
    g_string_append_printf (list, "%s%s", i ? ", " : "", (const char *) got->pdata[i]);
  if (got->len != json_array_get_length (expected))
    g_error ("%s: %s: got [%s], expected %u", file, what, list->str, json_array_get_length (expected));
  for (guint i = 0; i < got->len; i++)
    if (g_strcmp0 (got->pdata[i], json_array_get_string_element (expected, i)) != 0)
      g_error ("%s: %s: got [%s], expected %s at %u", file, what, list->str,
               json_array_get_string_element (expected, i), i);
}

static DhReply *
analyze_file (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "replies", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  DhReply *reply;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  reply = dh_reply_analyze (contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static void
test_sample (gconstpointer data)
{
  JsonObject *entry = (JsonObject *) data;
  const char *file = json_object_get_string_member (entry, "file");
  JsonObject *expect = json_object_get_object_member (entry, "expect");
  g_autoptr(DhReply) reply = analyze_file (file);

  g_assert_cmpstr (reply->kind_id, ==, json_object_get_string_member (expect, "kind"));
  g_assert_cmpstr (reply->kind_id, ==, dh_reply_kind_to_id (reply->kind));

  if (json_object_has_member (expect, "tickets"))
    {
      JsonArray *tickets = json_object_get_array_member (expect, "tickets");
      assert_strings (reply->tickets, tickets, "tickets", file);
      if (json_array_get_length (tickets) > 0)
        g_assert_cmpstr (reply->ticket, ==, json_array_get_string_element (tickets, 0));
      else
        g_assert_null (reply->ticket);
    }
  if (json_object_has_member (expect, "ips"))
    assert_strings (reply->ips, json_object_get_array_member (expect, "ips"), "ips", file);
  if (json_object_has_member (expect, "wait_hours"))
    g_assert_cmpint (reply->wait_hours, ==, json_object_get_int_member (expect, "wait_hours"));
  if (json_object_has_member (expect, "line_contains"))
    {
      if (json_object_get_null_member (expect, "line_contains"))
        g_assert_null (reply->line);
      else
        assert_contains (reply->line, json_object_get_string_member (expect, "line_contains"));
    }
  if (json_object_has_member (expect, "subject_contains"))
    assert_contains (reply->subject, json_object_get_string_member (expect, "subject_contains"));
  if (json_object_has_member (expect, "date_prefix"))
    {
      if (json_object_get_null_member (expect, "date_prefix"))
        g_assert_null (reply->date);
      else
        {
          g_autofree char *iso = NULL;

          g_assert_nonnull (reply->date);
          iso = g_date_time_format_iso8601 (reply->date);
          g_assert_true (g_str_has_prefix (iso, json_object_get_string_member (expect, "date_prefix")));
          g_assert_nonnull (reply->date_line);
        }
    }

  /* The JSON form says the same. */
  {
    g_autoptr(JsonNode) node = dh_reply_to_json (reply);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, reply->kind_id);
    g_assert_cmpstr (json_object_get_string_member (object, "next_step"), ==,
                     dh_reply_kind_next_step (reply->kind));
    g_assert_cmpstr (json_object_get_string_member (object, "ticket"), ==, reply->ticket);
    g_assert_cmpint (json_object_get_int_member (object, "wait_hours"), ==, reply->wait_hours);
    if (json_object_has_member (expect, "ips"))
      g_assert_true (json_node_equal (json_object_get_member (object, "ips"),
                                      json_object_get_member (expect, "ips")));
    if (json_object_has_member (expect, "tickets"))
      g_assert_true (json_node_equal (json_object_get_member (object, "tickets"),
                                      json_object_get_member (expect, "tickets")));
  }

  /* Every decided kind keeps its evidence; the line is one line, from the reply. */
  if (reply->kind != DH_REPLY_UNKNOWN)
    {
      g_assert_nonnull (reply->line);
      g_assert_null (strchr (reply->line, '\n'));
    }
}

/* Cut every sample short at many places: any prefix is read without a crash or a warning. */
static void
test_truncated (void)
{
  JsonArray *entries = json_node_get_array (manifest);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const char *file = json_object_get_string_member (json_array_get_object_element (entries, i), "file");
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "replies", file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (gsize cut = 0; cut <= length; cut += 1 + length / 97)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(DhReply) reply = dh_reply_analyze (contents, cut, &error);

          g_assert_true ((reply != NULL) != (error != NULL));
          if (reply != NULL)
            g_assert_cmpstr (reply->kind_id, ==, dh_reply_kind_to_id (reply->kind));
        }
    }
}

/* A bounce is not a reply: every bounce sample (and fuzz regression) is read as "unknown", whose
 * next step is to check it as a bounce. */
static void
test_bounces_are_unknown (void)
{
  const char *folders[] = { "samples", "fuzz-regressions" };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *contents = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(DhReply) reply = NULL;
          gsize length;

          if (g_str_has_suffix (name, ".json") || !g_file_get_contents (path, &contents, &length, NULL))
            continue;
          reply = dh_reply_analyze (contents, length, &error);
          if (reply == NULL)
            {
              g_assert_true (error->domain == DH_REPLY_ERROR);
              continue;
            }
          if (f == 0 && reply->kind != DH_REPLY_UNKNOWN)
            g_error ("%s: a bounce read as “%s” (%s)", name, reply->kind_id, reply->line);
        }
    }
}

/* Subjects decoded one encoded word at a time (GMime 3.2.13 loses what follows a padded base64
 * word when it merges them), white space between encoded words dropped, other white space kept. */
static void
test_subject_words (void)
{
  static const struct {
    const char *header;
    const char *subject;
  } cases[] = {
    { "=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=", "Hello world" },
    { "=?UTF-8?B?SGVsbG8=?=\n =?UTF-8?B?IHdvcmxk?=", "Hello world" },
    { "RE: =?utf-8?q?caf=C3=A9?= [SRX1234567890ID]", "RE: café [SRX1234567890ID]" },
    { "=?ISO-2022-JP?B?GyRCR1s/LiRLNFgbKEI=?= =?ISO-2022-JP?B?GyRCJDkka0xkQmobKEI=?=", "配信に関する問題" },
    { "plain  two spaces", "plain  two spaces" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = g_strdup_printf ("From: a@example.jp\nSubject: %s\nDate: Mon, 12 Jan 2026 10:00:00 +0000\n\nbody\n",
                                                  cases[i].header);
      g_autoptr(DhMessageText) text = dh_message_text_read (message, strlen (message), NULL);

      g_assert_cmpint (text->format, ==, DH_INPUT_MESSAGE);
      g_assert_cmpstr (text->subject, ==, cases[i].subject);
    }
}

static void
test_empty (void)
{
  const char *blanks[] = { "", " ", "\n\n\r\n", "\t \n" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhReply) reply = dh_reply_analyze (blanks[i], strlen (blanks[i]), &error);

      g_assert_error (error, DH_REPLY_ERROR, DH_REPLY_ERROR_EMPTY);
      g_assert_null (reply);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DhReply) reply = dh_reply_analyze (NULL, 0, &error);
    g_assert_error (error, DH_REPLY_ERROR, DH_REPLY_ERROR_EMPTY);
    g_assert_null (reply);
  }
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a\0\0\0\x01sRGB";
  g_autoptr(GError) error = NULL;
  g_autoptr(DhReply) reply = dh_reply_analyze (png, sizeof png - 1, &error);

  g_assert_error (error, DH_REPLY_ERROR, DH_REPLY_ERROR_NOT_TEXT);
  g_assert_null (reply);
}

/* Invalid UTF-8 is made valid: a recognisable reply still is one, noise is unknown. */
static void
test_invalid_utf8 (void)
{
  static const char reply_text[] =
    "Outlook.com Deliverability Support\n\xff\xfe\n"
    "Not qualified for mitigation\n203.0.113.5\xc3\n\x80\x80\x80 SRX5678901234ID\n";
  static const char noise[] = "\xff\xfe\xfd\xc3\x28\xa0\xa1\xe2\x28\xa1 mitigation \xf0\x28\x8c\xbc\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DhReply) reply = dh_reply_analyze (reply_text, sizeof reply_text - 1, &error);
  g_autoptr(DhReply) unknown = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (reply->kind_id, ==, "not-qualified");
  g_assert_cmpstr (reply->ticket, ==, "SRX5678901234ID");
  g_assert_cmpuint (reply->ips->len, ==, 1);
  g_assert_cmpstr (reply->ips->pdata[0], ==, "203.0.113.5");
  g_assert_true (g_utf8_validate (reply->line, -1, NULL));

  unknown = dh_reply_analyze (noise, sizeof noise - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknown->kind_id, ==, "unknown");
  g_assert_null (unknown->line);
}

/* A phrase alone, in a text that never names Microsoft's service or a ticket, decides nothing. */
static void
test_needs_context (void)
{
  static const char text[] = "Our review: your request does not qualify for mitigation.\n";
  static const char with_ticket[] = "[SRX1111111111ID]\nOur review: your request does not qualify for mitigation.\n";
  g_autoptr(DhReply) a = dh_reply_analyze (text, strlen (text), NULL);
  g_autoptr(DhReply) b = dh_reply_analyze (with_ticket, strlen (with_ticket), NULL);

  g_assert_cmpstr (a->kind_id, ==, "unknown");
  g_assert_cmpstr (b->kind_id, ==, "not-qualified");
}

/* Private, loopback and Microsoft's own addresses are not the user's. */
static void
test_ips (void)
{
  static const char text[] =
    "Outlook.com Deliverability Support\n"
    "Conditionally mitigated\n"
    "203.0.113.45\n"
    "192.0.2.7, 198.51.100.8 and 203.0.113.45 again\n"
    "Received: from mail.example.jp (203.0.113.200)\n"
    "by BN8NAM12HT123.mail.protection.outlook.com (10.13.1.1) and\n"
    "sent via NAM12-MW2-obe.outbound.protection.outlook.com [40.107.200.10]\n"
    "127.0.0.1 192.168.1.1 10.0.0.1 0.0.0.0 999.1.1.1 1.2.3.4.5 at 10:23:45\n";
  g_autoptr(DhReply) reply = dh_reply_analyze (text, strlen (text), NULL);
  const char *expected[] = { "203.0.113.45", "192.0.2.7", "198.51.100.8" };

  g_assert_cmpuint (reply->ips->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (reply->ips->pdata[i], ==, expected[i]);
}

/* Short variants of each kind, and near misses that must stay unknown. */
static void
test_phrases (void)
{
  static const struct {
    const char *text;
    const char *kind;
    const char *ip;
  } cases[] = {
    { "Outlook.com サポート\nIP アドレス192.0.2.55について、条件付きで緩和いたしました。", "conditionally-mitigated", "192.0.2.55" },
    { "Outlook.com 配信サポート\n203.0.113.8 は緩和措置の対象外です。", "not-qualified", "203.0.113.8" },
    { "Outlook.com\n緩和措置を実施することはできません。", "unknown", NULL },
    { "Deliverability Support: Your IP(s) 203.0.113.5 are not currently blocked.", "not-blocked", "203.0.113.5" },
    { "Outlook.com Deliverability Support\n2001:db8::25 is not eligible for mitigation.", "not-qualified", "2001:db8::25" },
    { "SRX1234567890ID\nBedingt entsperrt\n192.0.2.1\nDie Entsperrung kann 24 bis 48 Stunden dauern.", "conditionally-mitigated", "192.0.2.1" },
    { "Outlook.com: we have implemented mitigation steps for our VPN.", "unknown", NULL },
    { "Hotmail newsletter: our conditionally mitigated risks.", "unknown", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhReply) reply = dh_reply_analyze (cases[i].text, strlen (cases[i].text), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (reply->kind_id, cases[i].kind) != 0)
        g_error ("“%s”: read as %s, expected %s", cases[i].text, reply->kind_id, cases[i].kind);
      if (cases[i].ip != NULL)
        {
          g_assert_cmpuint (reply->ips->len, ==, 1);
          g_assert_cmpstr (reply->ips->pdata[0], ==, cases[i].ip);
        }
    }
}

static void
test_kind_ids (void)
{
  const char *ids[] = { "unknown", "acknowledgement", "conditionally-mitigated", "mitigated",
                        "not-qualified", "not-blocked" };

  g_assert_cmpint (G_N_ELEMENTS (ids), ==, DH_REPLY_N_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      DhReplyKind kind = dh_reply_kind_from_id (ids[i]);
      g_assert_cmpstr (dh_reply_kind_to_id (kind), ==, ids[i]);
      g_assert_nonnull (dh_reply_kind_title (kind));
      g_assert_nonnull (dh_reply_kind_explanation (kind));
      g_assert_nonnull (dh_reply_step_text (dh_reply_kind_next_step (kind)));
    }
  g_assert_cmpint (dh_reply_kind_from_id ("no-such-kind"), ==, DH_REPLY_UNKNOWN);
  g_assert_cmpint (dh_reply_kind_from_id (NULL), ==, DH_REPLY_UNKNOWN);
  g_assert_null (dh_reply_step_text ("no-such-step"));
}

static void
test_next_step (void)
{
  g_autoptr(DhReply) mitigated = analyze_file ("conditionally-mitigated-2017.eml");
  g_autoptr(DhReply) pasted = analyze_file ("not-qualified-2021-pasted.txt");
  g_autoptr(GDateTime) soon = g_date_time_new_utc (2026, 1, 13, 10, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 1, 14, 10, 2, 41);

  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_ACKNOWLEDGEMENT), ==, "wait-for-reply");
  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_CONDITIONALLY_MITIGATED), ==, "wait-then-test");
  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_MITIGATED), ==, "wait-then-test");
  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_NOT_QUALIFIED), ==, "reply-not-qualified");
  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_NOT_BLOCKED), ==, "test-now");
  g_assert_cmpstr (dh_reply_kind_next_step (DH_REPLY_UNKNOWN), ==, "check-bounce");

  /* Kept in a case: 48 hours after the reply's Date:, the wait is over; the latest answer counts. */
  {
    g_autoptr(DhCase) c = dh_case_new ();

    g_assert_null (dh_route_next_step (c, later));
    dh_case_add_reply_full (c, mitigated->date, "mitigated", dh_reply_kind_to_id (mitigated->kind), NULL);
    g_assert_cmpstr (dh_route_next_step (c, soon), ==, "wait-then-test");
    g_assert_cmpstr (dh_route_next_step (c, later), ==, "test-now");
    dh_case_add_reply (c, "pasted", dh_reply_kind_to_id (pasted->kind), NULL);
    g_assert_cmpstr (dh_route_next_step (c, later), ==, "reply-not-qualified");
  }
}

static const char bounce[] =
  "From: MAILER-DAEMON@mail.example-hosting.jp\n"
  "To: info@example-shop.jp\n"
  "Date: Fri, 9 Jan 2026 10:23:45 +0900\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "\n"
  "<kenji.sato@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550 5.7.1\n"
  "    Unfortunately, messages from [203.0.113.77] weren't sent. Please contact your Internet service\n"
  "    provider since part of their network is on our block list (S3150). You can also refer your\n"
  "    provider to http://mail.live.com/mail/troubleshooting.aspx#errors. (in reply to MAIL FROM command)\n";

/* The answer to "not qualified": the same facts (IP, ticket, both domains) in both languages,
 * and the subject keeps Microsoft's ticket number. */
static void
test_reply_text (void)
{
  g_autoptr(DhReply) reply = analyze_file ("not-qualified-ja-iso2022jp.eml");
  g_autoptr(DhCase) c = dh_case_new ();
  DhAnalysis *analysis = dh_analyze (bounce, strlen (bounce), NULL);  /* the case takes it */
  g_autofree char *subject = dh_letters_reply_subject (c, reply, "en");
  const char *langs[] = { "ja", "en" };
  const char *facts[] = { "203.0.113.77", "SRX2345678901ID", "example-shop.jp", "outlook.jp" };
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;

  dh_case_set_analysis (c, bounce, analysis);
  g_assert_cmpstr (dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN), ==, "outlook.jp");
  g_assert_true (g_str_has_prefix (subject, "RE: "));
  assert_contains (subject, "SRX2345678901ID");
  g_assert_null (strchr (subject, '\n'));

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *body = dh_letters_reply_body (c, reply, langs[i]);

      for (guint f = 0; f < G_N_ELEMENTS (facts); f++)
        assert_contains (body, facts[f]);
      g_assert_null (strstr (body, "(null)"));
    }
  ja = dh_letters_reply_body (c, reply, "ja");
  en = dh_letters_reply_body (c, reply, "en");
  assert_contains (ja, "チケット番号: SRX2345678901ID");
  assert_contains (en, "Ticket number: SRX2345678901ID");
  assert_contains (ja, "ブロックが続いています");
  assert_contains (en, "the block persists");
  g_assert_null (strstr (ja, "Hello"));
  g_assert_null (strstr (en, "ご担当者様"));
}

/* Without a bounce in the case, the reply's own IP fills in; no ticket, no ticket line. */
static void
test_reply_text_from_reply (void)
{
  g_autoptr(DhReply) reply = analyze_file ("not-qualified-2021-pasted.txt");
  g_autoptr(DhCase) c = dh_case_new ();
  g_autofree char *subject = dh_letters_reply_subject (c, reply, "en");
  g_autofree char *ja = dh_letters_reply_body (c, reply, "ja");
  g_autofree char *en = dh_letters_reply_body (c, reply, "en");

  g_assert_cmpstr (subject, ==, "RE: Request for further investigation");
  assert_contains (ja, "IP アドレス: 192.0.2.10");
  assert_contains (en, "IP address: 192.0.2.10");
  g_assert_null (strstr (ja, "チケット番号"));
  g_assert_null (strstr (en, "Ticket number"));
}

/* What the reply page shows: the answer to the case's own latest "not qualified" reply, with its
 * ticket number (the number Microsoft needs to find the request). */
static void
test_reply_text_of_case (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "replies", "not-qualified-ja-iso2022jp.eml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *subject = NULL;

  dh_case_set_analysis (c, bounce, dh_analyze (bounce, strlen (bounce), NULL));
  before = dh_letters_reply_body (c, NULL, "en");
  g_assert_null (strstr (before, "Ticket number"));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  dh_case_add_reply (c, text, "acknowledgement", NULL);
  dh_case_add_reply (c, text, "not-qualified", "SRX2345678901ID");
  en = dh_letters_reply_body (c, NULL, "en");
  ja = dh_letters_reply_body (c, NULL, "ja");
  subject = dh_letters_reply_subject (c, NULL, "en");
  assert_contains (en, "Ticket number: SRX2345678901ID");
  assert_contains (en, "IP address: 203.0.113.77");
  assert_contains (ja, "チケット番号: SRX2345678901ID");
  assert_contains (subject, "SRX2345678901ID");

  /* A "not qualified" reply without a number: the case's latest ticket (from the acknowledgement). */
  {
    g_autoptr(DhCase) other = dh_case_new ();
    g_autofree char *answer = NULL;

    dh_case_add_ticket (other, "SRX1111111111ID");
    dh_case_add_reply (other, "Not qualified for mitigation", "not-qualified", NULL);
    answer = dh_letters_reply_body (other, NULL, "en");
    assert_contains (answer, "Ticket number: SRX1111111111ID");
  }
}

/* The program compiles each pattern of data/replies.json on its first use; here every one is
 * compiled, so that a bad one fails the tests, not a user's paste. */
static void
compile_or_fail (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;

  g_assert_nonnull (pattern);
  regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);
}

static void
compile_all (JsonObject *object,
             const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    compile_or_fail (json_array_get_string_element (array, i));
}

static void
test_patterns_compile (void)
{
  g_autoptr(GBytes) bytes = dh_data_get ("replies.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *kinds;
  static const char *singles[] = { "context", "wait_hours", "ip", "microsoft_host_ip", NULL };
  static const char *arrays[] = { "tickets", "not_ip_lines", "quote_markers", NULL };

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; singles[i]; i++)
    compile_or_fail (json_object_get_string_member (root, singles[i]));
  for (guint i = 0; arrays[i]; i++)
    compile_all (root, arrays[i]);
  kinds = json_object_get_array_member (root, "kinds");
  g_assert_cmpuint (json_array_get_length (kinds), >, 0);
  for (guint i = 0; i < json_array_get_length (kinds); i++)
    compile_all (json_array_get_object_element (kinds, i), "patterns");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *entries;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "replies", "manifest.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  manifest = json_parser_get_root (parser);
  entries = json_node_get_array (manifest);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      g_autofree char *name = g_strdup_printf ("/dh/replies/sample/%s", json_object_get_string_member (entry, "file"));
      g_test_add_data_func (name, entry, test_sample);
    }

  g_test_add_func ("/dh/replies/truncated", test_truncated);
  g_test_add_func ("/dh/replies/bounces-are-unknown", test_bounces_are_unknown);
  g_test_add_func ("/dh/replies/subject-words", test_subject_words);
  g_test_add_func ("/dh/replies/empty", test_empty);
  g_test_add_func ("/dh/replies/patterns-compile", test_patterns_compile);
  g_test_add_func ("/dh/replies/binary", test_binary);
  g_test_add_func ("/dh/replies/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/dh/replies/needs-context", test_needs_context);
  g_test_add_func ("/dh/replies/ips", test_ips);
  g_test_add_func ("/dh/replies/phrases", test_phrases);
  g_test_add_func ("/dh/replies/kind-ids", test_kind_ids);
  g_test_add_func ("/dh/replies/next-step", test_next_step);
  g_test_add_func ("/dh/replies/reply-text", test_reply_text);
  g_test_add_func ("/dh/replies/reply-text-from-reply", test_reply_text_from_reply);
  g_test_add_func ("/dh/replies/reply-text-of-case", test_reply_text_of_case);

  return g_test_run ();
}
