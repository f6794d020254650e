/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analyzer.c: the analysis core, driven by tests/samples/manifest*.json, plus edge cases. */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-ip.h"
#include "dh-rules.h"
#include "dh-data.h"
#include "dh-test-samples.h"

static JsonNode *
analyze_to_json (const char *data,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhAnalysis) analysis = dh_analyze (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return dh_analysis_to_json (analysis);
}

static char *
node_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

/* Compares one expected key against a report produced by the analyser. */
static void
check_key (const char *file,
           guint       index,
           JsonObject *report,
           const char *key,
           JsonNode   *expected)
{
  g_autofree char *want = node_to_string (expected);

  if (g_str_equal (key, "diagnostic_contains"))
    {
      const char *diag = json_object_get_string_member_with_default (report, "diagnostic", NULL);
      if (diag == NULL || strstr (diag, json_node_get_string (expected)) == NULL)
        g_test_fail_printf ("%s report %u: diagnostic %s does not contain %s", file, index,
                            diag ? diag : "(null)", want);
      return;
    }
  if (g_str_equal (key, "date_prefix"))
    {
      const char *date = json_object_get_string_member_with_default (report, "date", NULL);
      if (date == NULL || !g_str_has_prefix (date, json_node_get_string (expected)))
        g_test_fail_printf ("%s report %u: date %s does not start with %s", file, index,
                            date ? date : "(null)", want);
      return;
    }
  if (!json_object_has_member (report, key))
    {
      g_test_fail_printf ("%s report %u: the output has no key %s", file, index, key);
      return;
    }

  {
    JsonNode *got_node = json_object_get_member (report, key);
    g_autofree char *got = node_to_string (got_node);

    if (!json_node_equal (got_node, expected) && !(JSON_NODE_HOLDS_NULL (got_node) && JSON_NODE_HOLDS_NULL (expected)))
      g_test_fail_printf ("%s report %u: %s is %s, expected %s", file, index, key, got, want);
  }
}

static void
test_sample (gconstpointer data)
{
  JsonObject *entry = (JsonObject *) data;
  const char *file = json_object_get_string_member (entry, "file");
  const char *kind = json_object_get_string_member_with_default (entry, "message_kind", "bounce");
  JsonArray *expect = json_object_get_array_member (entry, "expect");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "samples", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *result;
  JsonArray *reports;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  root = analyze_to_json (contents, length);
  result = json_node_get_object (root);
  reports = json_object_get_array_member (result, "reports");

  if (g_str_equal (kind, "feedback-report"))
    g_assert_cmpint (json_object_get_int_member (result, "feedback_reports"), >, 0);

  /* The kinds of the messages that hold no bounce, in order. */
  if (json_object_has_member (entry, "not_bounces"))
    {
      JsonArray *want = json_object_get_array_member (entry, "not_bounces");
      JsonArray *got = json_object_has_member (result, "not_bounces")
                       ? json_object_get_array_member (result, "not_bounces") : NULL;
      guint n_got = got ? json_array_get_length (got) : 0;

      if (n_got != json_array_get_length (want))
        g_test_fail_printf ("%s: %u not_bounces, %u expected", file, n_got, json_array_get_length (want));
      for (guint i = 0; i < n_got && i < json_array_get_length (want); i++)
        {
          JsonObject *entry_got = json_array_get_object_element (got, i);
          const char *kind_got = json_object_get_string_member_with_default (entry_got, "kind", "");

          if (g_strcmp0 (kind_got, json_array_get_string_element (want, i)) != 0)
            g_test_fail_printf ("%s: not_bounces[%u] is %s, expected %s", file, i, kind_got,
                                json_array_get_string_element (want, i));
        }
    }

  if (json_array_get_length (reports) != json_array_get_length (expect))
    {
      g_autofree char *got = json_to_string (root, TRUE);
      g_test_fail_printf ("%s: %u reports found, %u expected:\n%s", file, json_array_get_length (reports),
                          json_array_get_length (expect), got);
      return;
    }

  for (guint i = 0; i < json_array_get_length (expect); i++)
    {
      JsonObject *want = json_array_get_object_element (expect, i);
      JsonObject *got = json_array_get_object_element (reports, i);
      g_autoptr(GList) keys = json_object_get_members (want);

      for (GList *k = keys; k; k = k->next)
        check_key (file, i, got, k->data, json_object_get_member (want, k->data));
    }
}

/* @text with every line end (CRLF, LF or CR) written as @eol. */
static GString *
with_line_ends (const char *text,
                gsize       length,
                const char *eol)
{
  GString *out = g_string_sized_new (length + length / 16);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\r')
        {
          if (i + 1 < length && text[i + 1] == '\n')
            i++;
          g_string_append (out, eol);
        }
      else if (text[i] == '\n')
        g_string_append (out, eol);
      else
        g_string_append_c (out, text[i]);
    }
  return out;
}

/* CRLF, LF and bare CR (old Mac mail exports) give the same analysis of every sample: its
 * reports and not_bounces, as --analyze writes them. */
static void
test_sample_line_ends (gconstpointer data)
{
  JsonObject *entry = (JsonObject *) data;
  const char *file = json_object_get_string_member (entry, "file");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "samples", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) as_written = NULL;
  g_autofree char *want = NULL;
  const char *eols[] = { "\r\n", "\r" };
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  as_written = analyze_to_json (contents, length);
  want = json_to_string (as_written, TRUE);

  for (guint e = 0; e < G_N_ELEMENTS (eols); e++)
    {
      g_autoptr(GString) text = with_line_ends (contents, length, eols[e]);
      g_autoptr(JsonNode) root = analyze_to_json (text->str, text->len);
      g_autofree char *got = json_to_string (root, TRUE);

      if (g_strcmp0 (got, want) != 0)
        g_test_fail_printf ("%s with %s line ends:\n%s\nas written:\n%s", file,
                            e == 0 ? "CRLF" : "CR", got, want);
    }
}

/* --- Edge cases ---------------------------------------------------------------------------- */

static char *s3150_body;  /* tests/samples/fragment-postfix-s3150-with-intro.txt, read in main () */

static JsonObject *
first_report (JsonNode *root)
{
  JsonArray *reports = json_object_get_array_member (json_node_get_object (root), "reports");

  g_assert_cmpuint (json_array_get_length (reports), >=, 1);
  return json_array_get_object_element (reports, 0);
}

static void
test_line_ends (void)
{
  const char *variants[] = { "\n", "\r\n", "\r" };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(GString) text = g_string_new (s3150_body);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *report;

      g_string_replace (text, "\n", variants[v], 0);
      root = analyze_to_json (text->str, text->len);
      report = first_report (root);
      g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, "203.0.113.45");
      g_assert_cmpstr (json_object_get_string_member (report, "provider_code"), ==, "S3150");
      g_assert_cmpstr (json_object_get_string_member (report, "remote_host"), ==, "apc.olc.protection.outlook.com");
      g_assert_cmpstr (json_object_get_string_member (report, "remote_ip"), ==, "52.101.128.3");
      g_assert_cmpstr (json_object_get_string_member (report, "reporting_host"), ==, "sv1234.example-hosting.jp");
      g_assert_cmpstr (json_object_get_string_member (report, "system"), ==, "microsoft-consumer");
      g_assert_cmpstr (json_object_get_string_member (report, "remedy"), ==, "outlook-delist-form");
      g_assert_cmpstr (json_object_get_string_member (report, "reference_host"), ==,
                       "TYZAPC01FT012.eop-APC01.prod.protection.outlook.com");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (report, "diagnostic"),
                                       "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent."));
      g_assert_null (strchr (json_object_get_string_member (report, "diagnostic"), '\n'));
    }
}

static void
test_quoted_reply (void)
{
  /* The same bounce quoted in a reply ("> ") and with a note around it. */
  g_autoptr(GString) text = g_string_new ("Hello, my mail to a customer came back, what is this?\n\n");
  g_auto(GStrv) lines = g_strsplit (s3150_body, "\n", -1);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;

  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (text, "> %s\n", lines[i]);
  g_string_append (text, "\nThanks, Tanaka\n");

  root = analyze_to_json (text->str, text->len);
  report = first_report (root);
  g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, "203.0.113.45");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "reports")), ==, 1);
}

static void
test_no_bounce (void)
{
  const char *texts[] = {
    "",
    "   \n\n\t  ",
    "Dear customer, your invoice 550 is attached. Call 03-1234-5678.",
    "Meeting at 10:15:03 in room 203.0.113.45? No, room 5.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) root = analyze_to_json (texts[i], strlen (texts[i]));
      JsonArray *reports = json_object_get_array_member (json_node_get_object (root), "reports");
      g_assert_cmpuint (json_array_get_length (reports), ==, 0);
    }
}

static void
test_binary_junk (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);

  for (guint round = 0; round < 50; round++)
    {
      gsize length = g_rand_int_range (rand, 1, 20000);
      g_autofree guint8 *junk = g_malloc (length);
      g_autoptr(DhAnalysis) analysis = NULL;
      g_autoptr(GError) error = NULL;

      for (gsize i = 0; i < length; i++)
        junk[i] = g_rand_int_range (rand, 0, 256);
      /* Sometimes make it look like a message or an mbox. */
      if (round % 3 == 1 && length > 20)
        memcpy (junk, "From: a@b\nTo: c@d\n\n", 19);
      else if (round % 3 == 2 && length > 20)
        memcpy (junk, "From x@y Sun Nov 29\n", 20);

      analysis = dh_analyze ((const char *) junk, length, &error);
      g_assert_no_error (error);
      g_assert_nonnull (analysis);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GString) text = g_string_new (s3150_body);
  g_autoptr(JsonNode) root = NULL;

  g_string_prepend (text, "\xff\xfe\xc3\x28 broken \x80\x80\n\n");
  g_string_append (text, "\n\xe3\x81\n");
  root = analyze_to_json (text->str, text->len);
  g_assert_cmpstr (json_object_get_string_member (first_report (root), "blocked_ip"), ==, "203.0.113.45");
}

static void
test_too_large (void)
{
  gsize length = DH_ANALYZER_MAX_INPUT + 1;
  g_autofree char *data = g_malloc0 (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(DhAnalysis) analysis = NULL;

  analysis = dh_analyze (data, length, &error);
  g_assert_null (analysis);
  g_assert_error (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE);
}

/* 10 MB of text built to make a backtracking matcher or a quadratic joiner slow: it must finish,
 * and find the one real bounce at the end. (Time is measured by the benchmark, not here.) */
static void
test_pathological (void)
{
  static const char *pieces[] = {
    "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    "    550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1 550-5.7.1",
    "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1",
    "::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::::",
    "messages from messages from messages from messages from [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a@a",
    "host host host host host host host [ [ [ [ [ [ [ said: said: said: smtp; smtp; smtp; smtp;",
  };
  gsize target = 10 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (target + strlen (s3150_body) + 1);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *reports;
  guint i = 0;

  while (text->len < target)
    {
      g_string_append (text, pieces[i++ % G_N_ELEMENTS (pieces)]);
      /* Long lines and short ones. */
      g_string_append_c (text, (i % 97 == 0) ? '\n' : ((i % 5 == 0) ? '\n' : ' '));
    }
  g_string_append (text, "\n\n");
  g_string_append (text, s3150_body);

  root = analyze_to_json (text->str, text->len);
  reports = json_object_get_array_member (json_node_get_object (root), "reports");
  g_assert_cmpuint (json_array_get_length (reports), >=, 1);
  {
    JsonObject *last = json_array_get_object_element (reports, json_array_get_length (reports) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "blocked_ip"), ==, "203.0.113.45");
  }
}

/* A message that wraps @inner in @levels message/rfc822 parts, one inside the other. */
static void
append_nested_messages (GString    *out,
                        guint       levels,
                        const char *inner)
{
  for (guint i = 0; i < levels; i++)
    g_string_append (out, "From: forwarder@example.jp\nSubject: Fwd\nMIME-Version: 1.0\n"
                          "Content-Type: message/rfc822\n\n");
  g_string_append (out, inner);
}

static const char s3150_message[] =
  "From: Mail Delivery System <MAILER-DAEMON@sv1234.example-hosting.jp>\n"
  "To: user@example.jp\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Content-Type: text/plain; charset=utf-8\n"
  "\n";

/* issue 11, 2: a message nested 100,000 deep neither overflows GMime's parser nor ours, and
 * what follows the too-deep part is still read. (Time and memory: tests/bench-analyzer.c.) */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("From: user@example.jp\nTo: user@example.jp\n"
                                          "Subject: two forwarded mails\nMIME-Version: 1.0\n"
                                          "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
                                          "--outer\nContent-Type: message/rfc822\n\n");
  g_autofree char *bounce = g_strconcat (s3150_message, s3150_body, NULL);
  g_autoptr(JsonNode) root = NULL;

  append_nested_messages (text, 100000, "From: a@example.jp\n\nhello\n");
  g_string_append (text, "\n--outer\nContent-Type: message/rfc822\n\n");
  g_string_append (text, bounce);
  g_string_append (text, "\n--outer--\n");

  root = analyze_to_json (text->str, text->len);
  g_assert_cmpstr (json_object_get_string_member (first_report (root), "blocked_ip"), ==, "203.0.113.45");
}

/* The same with 100,000 multiparts, each inside the one before. */
static void
test_deep_multipart (void)
{
  g_autoptr(GString) text = g_string_new ("From: Mail Delivery System <MAILER-DAEMON@sv1234.example-hosting.jp>\n"
                                          "To: user@example.jp\nMIME-Version: 1.0\n"
                                          "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
                                          "--b0\nContent-Type: text/plain\n\n");
  g_autoptr(JsonNode) root = NULL;

  g_string_append (text, s3150_body);
  g_string_append (text, "\n--b0\n");
  for (guint i = 1; i <= 100000; i++)
    g_string_append_printf (text, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i, i);
  g_string_append (text, "Content-Type: text/plain\n\ndeep\n");
  for (guint i = 100000; i > 0; i--)
    g_string_append_printf (text, "--b%u--\n", i);
  g_string_append (text, "--b0--\n");

  root = analyze_to_json (text->str, text->len);
  g_assert_cmpstr (json_object_get_string_member (first_report (root), "blocked_ip"), ==, "203.0.113.45");
}

/* A bounce forwarded a few times is read; one inside more than eight forwarded messages is not. */
static void
test_embedded_depth (void)
{
  g_autofree char *bounce = g_strconcat (s3150_message, s3150_body, NULL);
  g_autoptr(GString) shallow = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) shallow_root = NULL;
  g_autoptr(JsonNode) deep_root = NULL;
  JsonArray *reports;

  append_nested_messages (shallow, 3, bounce);
  shallow_root = analyze_to_json (shallow->str, shallow->len);
  g_assert_cmpstr (json_object_get_string_member (first_report (shallow_root), "blocked_ip"), ==, "203.0.113.45");

  append_nested_messages (deep, 12, bounce);
  deep_root = analyze_to_json (deep->str, deep->len);
  reports = json_object_get_array_member (json_node_get_object (deep_root), "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 0);
}

/* issue 11, 5: "<!--" a quarter of a million times before the bounce in an HTML-only NDR. */
static void
test_html_comments (void)
{
  g_autoptr(GString) text = g_string_new ("From: Mail Delivery System <MAILER-DAEMON@sv1234.example-hosting.jp>\n"
                                          "To: user@example.jp\nMIME-Version: 1.0\n"
                                          "Content-Type: text/html; charset=utf-8\n\n<html><body>");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;

  for (guint i = 0; i < 250000; i++)
    g_string_append (text, "<!--");
  g_string_append (text, "><p>&lt;user@outlook.jp&gt;: host apc.olc.protection.outlook.com[52.101.128.3] said:"
                         " 550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please"
                         " contact your Internet service provider since part of their network is on"
                         " our block list (S3150).<!-- a comment -->  (in reply to MAIL FROM command)</p>"
                         "</body></html>\n");

  root = analyze_to_json (text->str, text->len);
  report = first_report (root);
  g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, "203.0.113.45");
  g_assert_nonnull (strstr (json_object_get_string_member (report, "diagnostic"), "our block list (S3150)."));
  g_assert_null (strstr (json_object_get_string_member (report, "diagnostic"), "comment"));
}

/* issue 11, 6: a NUL byte in a body is one more unprintable byte, at the start or inside the
 * diagnostic. */
static void
test_nul_in_body (void)
{
  static const char head[] =
    "From: Mail Delivery System <MAILER-DAEMON@sv1234.example-hosting.jp>\n"
    "To: user@example.jp\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n";
  const char *at_start = s3150_body;
  const char *inside = strstr (s3150_body, "Please");
  const char *where[] = { at_start, inside };

  g_assert_nonnull (inside);
  for (guint i = 0; i < G_N_ELEMENTS (where); i++)
    {
      g_autoptr(GString) text = g_string_new (head);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *report;

      g_string_append_len (text, s3150_body, where[i] - s3150_body);
      g_string_append_c (text, '\0');
      g_string_append (text, where[i]);
      root = analyze_to_json (text->str, text->len);
      report = first_report (root);
      g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, "203.0.113.45");
      g_assert_true (json_object_get_boolean_member (report, "is_block"));
      g_assert_nonnull (strstr (json_object_get_string_member (report, "diagnostic"), "block list (S3150)"));
    }
}

/* A cancelled analysis stops with G_IO_ERROR_CANCELLED, for pasted text and for a message. */
static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *message = g_strconcat (s3150_message, s3150_body, NULL);
  const char *inputs[] = { s3150_body, message };

  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhAnalysis) analysis = dh_analyze_full (inputs[i], strlen (inputs[i]), cancellable, &error);

      g_assert_null (analysis);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* The kinds of not_bounces, one per message with no report, in order (tests/samples/README.md). */
static void
test_not_bounces (void)
{
  static const struct {
    const char *input;
    const char *kinds;   /* comma-separated */
    const char *first_subject;
  } cases[] = {
    { "just a note\n", "plain", NULL },
    { "From: boss@example.com\nTo: user@example.jp\nSubject: Away\nAuto-Submitted: auto-replied\n\nBack on Monday.\n",
      "auto-reply", "Away" },
    { "From: boss@example.com\nTo: user@example.jp\nSubject: Re: order\nX-Autoreply: yes\n\nThanks.\n",
      "auto-reply", "Re: order" },
    { "From: boss@example.com\nTo: user@example.jp\nSubject: =?UTF-8?B?5LiN5Zyo44Gu44GK55+l44KJ44Gb?=\n\n"
      "I am away.\n", "auto-reply", "不在のお知らせ" },
    { "From: boss@example.com\nTo: user@example.jp\nSubject: Read: order\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"x\"\n\n"
      "--x\nContent-Type: text/plain\n\nRead.\n--x\nContent-Type: message/disposition-notification\n\n"
      "Disposition: manual-action/MDN-sent-manually; displayed\n--x--\n", "read-receipt", "Read: order" },
    { "From: abuse@example.net\nTo: fbl@example.jp\nSubject: complaint\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=\"y\"\n\n"
      "--y\nContent-Type: text/plain\n\nA complaint.\n--y\nContent-Type: message/feedback-report\n\n"
      "Feedback-Type: abuse\n--y--\n", "feedback-report", "complaint" },
    { "From a@example.jp Mon Jan  5 10:00:00 2026\nFrom: boss@example.com\nTo: user@example.jp\n"
      "Subject: Out of Office\n\nAway.\n\n"
      "From b@example.jp Mon Jan  5 10:01:00 2026\nFrom: MAILER-DAEMON@sv1234.example-hosting.jp\n"
      "To: user@example.jp\nSubject: Undelivered Mail\n\n"
      "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550 5.7.1\n"
      "    messages from [203.0.113.45] weren't sent (S3150).\n\n"
      "From c@example.jp Mon Jan  5 10:02:00 2026\nFrom: friend@example.com\nTo: user@example.jp\n"
      "Subject: lunch\n\nLunch?\n", "auto-reply,plain", "Out of Office" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = analyze_to_json (cases[i].input, strlen (cases[i].input));
      JsonObject *result = json_node_get_object (root);
      JsonArray *not_bounces = json_object_get_array_member (result, "not_bounces");
      g_auto(GStrv) kinds = g_strsplit (cases[i].kinds, ",", -1);
      JsonObject *first;

      g_assert_cmpuint (json_array_get_length (not_bounces), ==, g_strv_length (kinds));
      for (guint k = 0; kinds[k] != NULL; k++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (not_bounces, k), "kind"),
                         ==, kinds[k]);
      first = json_array_get_object_element (not_bounces, 0);
      g_assert_cmpstr (json_object_get_string_member_with_default (first, "subject", NULL), ==, cases[i].first_subject);
      if (g_str_equal (kinds[0], "feedback-report"))
        g_assert_cmpint (json_object_get_int_member (result, "feedback_reports"), ==, 1);
      if (strstr (cases[i].input, "S3150"))
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "reports")), ==, 1);
    }
}

/* envelope_sender is the envelope's, while sender_address stays the returned original's. */
static void
test_envelope_sender (void)
{
  static const char postfix[] =
    "From: MAILER-DAEMON@sv1234.example-hosting.jp\nTo: info@example.jp\nSubject: Undelivered Mail\n"
    "X-Postfix-Sender: rfc822; bounces@example.jp\n\n"
    "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550 5.7.1\n"
    "    messages from [203.0.113.45] weren't sent (S3150).\n";
  static const char exim[] =
    "From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: info@example.jp\n"
    "Subject: Mail delivery failed\n\n"
    "  user@outlook.jp\n    host apc.olc.protection.outlook.com [52.101.128.3]\n"
    "    SMTP error from remote mail server after RCPT TO:<user@outlook.jp>:\n"
    "    550 5.7.1 messages from [203.0.113.45] weren't sent (S3150).\n\n"
    "------ This is a copy of the message, including all the headers. ------\n\n"
    "From: Author <author@example.jp>\nTo: user@outlook.jp\nSubject: hello\n\nhello\n";
  static const char verp[] =
    "From: MAILER-DAEMON@sv1234.example-hosting.jp\nTo: bounce-12@mailer.example.net\nSubject: Undelivered Mail\n"
    "X-Postfix-Sender: rfc822; bounce-12@mailer.example.net\n\n"
    "<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550 5.7.1\n"
    "    messages from [203.0.113.45] weren't sent (S3150).\n\n"
    "--- Below this line is a copy of the message.\n\n"
    "Return-Path: <bounce-12@mailer.example.net>\nFrom: Shop <shop@example.jp>\nSubject: hello\n\nhello\n";
  g_autoptr(JsonNode) a = analyze_to_json (postfix, strlen (postfix));
  g_autoptr(JsonNode) b = analyze_to_json (exim, strlen (exim));
  g_autoptr(JsonNode) c = analyze_to_json (verp, strlen (verp));

  g_assert_cmpstr (json_object_get_string_member (first_report (a), "envelope_sender"), ==, "bounces@example.jp");
  g_assert_cmpstr (json_object_get_string_member (first_report (b), "envelope_sender"), ==, "info@example.jp");
  g_assert_cmpstr (json_object_get_string_member (first_report (b), "sender_address"), ==, "author@example.jp");
  /* The author of the returned message wins over the envelope (a VERP address here). */
  g_assert_cmpstr (json_object_get_string_member (first_report (c), "sender_address"), ==, "shop@example.jp");
  g_assert_cmpstr (json_object_get_string_member (first_report (c), "sender_domain"), ==, "example.jp");
  g_assert_cmpstr (json_object_get_string_member (first_report (c), "envelope_sender"), ==, "bounce-12@mailer.example.net");
}

/* The definitions of is_block, kind and blocked_ip (README, "Verdicts"), one Postfix line each:
 * what the words say is not enough, the cause decides. */
static void
test_verdicts (void)
{
  const struct {
    const char *reply;
    gboolean    is_block;
    const char *kind;
    const char *remedy;
    const char *blocked_ip;
  } cases[] = {
    /* A throttle is a block when it is on the IP, and stays wait-and-retry. */
    { "421 4.7.0 Too many connections from 203.0.113.45, try again later",
      TRUE, "rate-limit", "wait-and-retry", "203.0.113.45" },
    { "421 4.7.0 Too many connections, slow down",
      FALSE, "rate-limit", "wait-and-retry", NULL },
    { "451 4.7.500 Server busy. Please try again later from [203.0.113.45]. (AS843)",
      FALSE, "rate-limit", "wait-and-retry", NULL },
    { "550 Ip frequency limited",
      TRUE, "rate-limit", "wait-and-retry", NULL },
    { "550 5.7.25 [2001:db8::25] The IPv6 address sending this message does not have a PTR record setup",
      TRUE, "rdns", "contact-host", "2001:db8::25" },
    { "554 5.7.1 Client host 192.0.2.160 rejected: host network not allowed",
      TRUE, "policy", "contact-host", "192.0.2.160" },
    { "553 5.7.1 Mail from 203.0.113.45 blocked by ldap:ou=rbl,dc=example,dc=net",
      TRUE, "listed", "contact-host", "203.0.113.45" },
    /* Not blocks, whatever words they use. */
    { "554 5.7.1 Service unavailable; Sender address [a@example.com] blocked using dbl.spamhaus.org",
      FALSE, "domain-listed", "domain-delist", NULL },
    { "554 5.7.1 Message rejected: body contains a URL listed in multi.surbl.org",
      FALSE, "content", "fix-content", NULL },
    { "550 5.7.1 [203.0.113.46 12] this message is likely unsolicited mail",
      FALSE, "content", "fix-content", NULL },
    { "554 5.7.1 <a@example.org>: Recipient address rejected: Access denied",
      FALSE, "recipient-policy", "contact-recipient", NULL },
    { "550 5.1.1 <a@example.org>: user unknown, account blocked",
      FALSE, "not-a-block", "none", NULL },
    { "552 5.2.2 <a@example.org>: mailbox full, delivery blocked",
      FALSE, "not-a-block", "contact-recipient", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("<a@example.org>: host mx.example.org[198.51.100.52] said: %s "
                                               "(in reply to RCPT TO command)\n", cases[i].reply);
      g_autoptr(JsonNode) root = analyze_to_json (text, strlen (text));
      JsonObject *report = first_report (root);

      g_test_message ("%s", cases[i].reply);
      g_assert_cmpint (json_object_get_boolean_member (report, "is_block"), ==, cases[i].is_block);
      g_assert_cmpstr (json_object_get_string_member (report, "kind"), ==, cases[i].kind);
      g_assert_cmpstr (json_object_get_string_member (report, "remedy"), ==, cases[i].remedy);
      g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, cases[i].blocked_ip);
    }
}

/* Inputs the fuzzer found crashing, kept so the crash stays fixed. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz-regressions", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GError) error = NULL;
      g_autoptr(DhAnalysis) analysis = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      analysis = dh_analyze (contents, length, &error);
      g_assert_no_error (error);
      node = dh_analysis_to_json (analysis);
      g_assert_nonnull (node);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_ip_parse (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "203.0.113.45", "203.0.113.45" },
    { "[203.0.113.45]", "203.0.113.45" },
    { "[IPv6:2001:db8::25]", "2001:db8::25" },
    { "2001:DB8:1::25", "2001:db8:1::25" },
    { "1.2.3", NULL },
    { "256.1.1.1", NULL },
    { "10:15:03", NULL },
    { "", NULL },
    { "S3150", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = dh_ip_normalize (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_ip_classify (void)
{
  const struct { const char *ip; DhIpFlags flags; } cases[] = {
    { "203.0.113.45", DH_IP_FLAG_DOCUMENTATION },
    { "2001:db8::1", DH_IP_FLAG_DOCUMENTATION },
    { "10.1.2.3", DH_IP_FLAG_PRIVATE },
    { "172.20.0.1", DH_IP_FLAG_PRIVATE },
    { "192.168.10.1", DH_IP_FLAG_PRIVATE },
    { "fd12:3456::1", DH_IP_FLAG_PRIVATE },
    { "127.0.0.1", DH_IP_FLAG_LOOPBACK },
    { "::1", DH_IP_FLAG_LOOPBACK },
    { "169.254.1.1", DH_IP_FLAG_LINK_LOCAL },
    { "133.242.10.45", DH_IP_FLAG_NONE },
    { "2400:8500::1", DH_IP_FLAG_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = dh_ip_parse (cases[i].ip);
      g_assert_nonnull (address);
      g_assert_cmpint (dh_ip_classify (address), ==, cases[i].flags);
    }
}

static void
test_rules_invalid (void)
{
  const char *bad[] = {
    "not json",
    "[]",
    "{\"reference_host\": \"x\", \"provider_code\": \"x\", \"consumer_codes\": \"x\", \"microsoft_codes\": \"x\", \"rules\": []}",
    "{\"reference_host\": \"(\", \"provider_code\": \"x\", \"consumer_codes\": \"x\", \"microsoft_codes\": \"x\", \"rules\": [{\"id\": \"a\", \"kind\": \"listed\", \"remedy\": \"none\"}]}",
    "{\"reference_host\": \"x\", \"provider_code\": \"x\", \"consumer_codes\": \"x\", \"microsoft_codes\": \"x\", \"rules\": [{\"id\": \"a\", \"kind\": \"nonsense\", \"remedy\": \"none\"}]}",
    "{\"reference_host\": \"x\", \"provider_code\": \"x\", \"consumer_codes\": \"x\", \"microsoft_codes\": \"x\", \"ip_patterns\": [\"no placeholder\"], \"rules\": [{\"id\": \"a\", \"kind\": \"listed\", \"remedy\": \"none\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(DhRules) rules = dh_rules_new_from_bytes (bytes, &error);

      g_assert_null (rules);
      g_assert_nonnull (error);
    }
  /* The shipped rules load, with every pattern compiled and so checked here (the program compiles
   * each on its first use). */
  {
    g_autoptr(GBytes) shipped = dh_data_get ("rules.json");
    g_autoptr(GError) error = NULL;
    g_autoptr(DhRules) rules = dh_rules_new_from_bytes (shipped, &error);

    g_assert_no_error (error);
    g_assert_nonnull (rules);
  }
  g_assert_nonnull (dh_rules_get_default ());
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *samples_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  /* The parsers own the entries the tests run on, so they live until the process ends. */
  GPtrArray *parsers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *entry_name;

  g_test_init (&argc, &argv, NULL);
  s3150_body = dh_test_read_sample ("fragment-postfix-s3150-with-intro.txt");

  /* Every manifest*.json in tests/samples/: manifest.json and one per family of samples
   * (manifest-exchange.json, ...), so that families are added side by side. */
  samples_dir = g_test_build_filename (G_TEST_DIST, "samples", NULL);
  dir = g_dir_open (samples_dir, 0, &error);
  if (dir == NULL)
    g_error ("cannot read %s: %s", samples_dir, error->message);
  while ((entry_name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (entry_name, "manifest") && g_str_has_suffix (entry_name, ".json"))
      g_ptr_array_add (names, g_strdup (entry_name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint m = 0; m < names->len; m++)
    {
      g_autofree char *manifest_path = g_build_filename (samples_dir, g_ptr_array_index (names, m), NULL);
      JsonParser *parser = json_parser_new ();
      JsonArray *manifest;

      if (!json_parser_load_from_file (parser, manifest_path, &error))
        g_error ("cannot read %s: %s", manifest_path, error->message);
      g_ptr_array_add (parsers, parser);
      manifest = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (manifest); i++)
        {
          JsonObject *entry = json_array_get_object_element (manifest, i);
          g_autofree char *name = g_strdup_printf ("/dh/analyzer/sample/%s",
                                                   json_object_get_string_member (entry, "file"));
          g_autofree char *le_name = g_strdup_printf ("/dh/analyzer/line-ends/%s",
                                                      json_object_get_string_member (entry, "file"));
          g_test_add_data_func (name, entry, test_sample);
          g_test_add_data_func (le_name, entry, test_sample_line_ends);
        }
    }

  g_test_add_func ("/dh/analyzer/line-ends", test_line_ends);
  g_test_add_func ("/dh/analyzer/quoted-reply", test_quoted_reply);
  g_test_add_func ("/dh/analyzer/no-bounce", test_no_bounce);
  g_test_add_func ("/dh/analyzer/binary-junk", test_binary_junk);
  g_test_add_func ("/dh/analyzer/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/dh/analyzer/too-large", test_too_large);
  g_test_add_func ("/dh/analyzer/pathological", test_pathological);
  g_test_add_func ("/dh/analyzer/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/dh/analyzer/deep-nesting", test_deep_nesting);
  g_test_add_func ("/dh/analyzer/deep-multipart", test_deep_multipart);
  g_test_add_func ("/dh/analyzer/embedded-depth", test_embedded_depth);
  g_test_add_func ("/dh/analyzer/html-comments", test_html_comments);
  g_test_add_func ("/dh/analyzer/nul-in-body", test_nul_in_body);
  g_test_add_func ("/dh/analyzer/cancelled", test_cancelled);
  g_test_add_func ("/dh/analyzer/not-bounces", test_not_bounces);
  g_test_add_func ("/dh/analyzer/envelope-sender", test_envelope_sender);
  g_test_add_func ("/dh/analyzer/verdicts", test_verdicts);
  g_test_add_func ("/dh/ip/parse", test_ip_parse);
  g_test_add_func ("/dh/ip/classify", test_ip_classify);
  g_test_add_func ("/dh/rules/invalid", test_rules_invalid);

  {
    int status = g_test_run ();

    g_ptr_array_unref (parsers);
    return status;
  }
}
