/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-case.c: cases survive: JSON round trip, state, the store's files and problems, export. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "dh-case.h"
#include "dh-case-export.h"
#include "dh-case-store.h"
#include "dh-case-private.h"
#include "dh-json.h"
#include "dh-test-samples.h"

#define NOT_QUALIFIED_REPLY \
  "We have completed reviewing the IP(s) you submitted. The following table contains the results of our investigation.\n" \
  "Not qualified for mitigation\n" \
  "203.0.113.45\n" \
  "Our investigation has determined that the above IP(s) do not qualify for mitigation.\n" \
  "Your mail to shop.tanaka@outlook.jp was refused.\n"

/* A case as a user leaves it after a few steps: the second of two bounces chosen, the IP and the
 * sender corrected, contact details, what was chosen on the pages, replies, tickets, notes. */
static DhCase *
make_case (void)
{
  DhCase *c = dh_case_new ();
  g_autofree char *input = dh_test_read_sample ("postfix-two-recipients-two-providers.eml");
  g_autoptr(GError) error = NULL;
  DhAnalysis *analysis = dh_analyze (input, strlen (input), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (analysis->reports->len, ==, 2);
  dh_case_set_analysis (c, input, analysis);
  dh_case_select_report (c, 1);
  dh_case_select_report (c, 0);
  dh_case_set (c, DH_CASE_IP, "203.0.113.46");
  dh_case_set (c, DH_CASE_SENDER_ADDRESS, "shop@example.co.jp");
  dh_case_set_contact_name (c, "田中 花子");
  dh_case_set_contact_email (c, "hanako@example.co.jp");
  dh_case_set_hosting (c, DH_HOSTING_SHARED);
  dh_case_set_user_website (c, "https://shop.example.co.jp/");

  dh_case_set_portal_ip (c, "203.0.113.46");
  dh_case_set_portal_tick (c, DH_PORTAL_STEP_SUBMIT, TRUE);
  dh_case_set_portal_tick (c, DH_PORTAL_STEP_DELIST, TRUE);
  dh_case_set_form_sent (c, TRUE);
  dh_case_set_hosting_chosen (c, TRUE);
  dh_case_set_title_language (c, "ja");
  dh_case_set_time_zone (c, "Tokyo Standard Time");
  dh_case_set_message_language (c, DH_CASE_MESSAGE_HOST, "en");
  dh_case_set_message_language (c, DH_CASE_MESSAGE_REPLY, "ja");

  dh_case_add_event (c, "step", "host");
  dh_case_add_event (c, "tick", "portal-1");
  dh_case_add_event (c, "form-sent", NULL);
  dh_case_add_reply (c, "Subject: Reported deliverability problem to Outlook.com SRX1234567890ID\n",
                     "acknowledgement", "SRX1234567890ID");
  dh_case_add_reply (c, NOT_QUALIFIED_REPLY, "not-qualified", NULL);
  g_assert_false (dh_case_add_ticket (c, " srx1234567890id "));
  g_assert_true (dh_case_add_ticket (c, "7096915173"));
  dh_case_set_notes (c, "Called the host on Monday.\nThey said: wait.");
  dh_case_set_step (c, "reply");
  return c;
}

static JsonNode *
reparse (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a)
    g_assert_cmpint (g_date_time_compare (a, b), ==, 0);
}

static void
assert_same_case (DhCase *a,
                  DhCase *b)
{
  g_assert_cmpstr (dh_case_get_id (a), ==, dh_case_get_id (b));
  assert_same_time (dh_case_get_created (a), dh_case_get_created (b));
  assert_same_time (dh_case_get_updated (a), dh_case_get_updated (b));
  g_assert_cmpuint (dh_case_get_revision (a), ==, dh_case_get_revision (b));
  g_assert_cmpstr (dh_case_get_input (a), ==, dh_case_get_input (b));
  g_assert_cmpuint (dh_case_get_report_index (a), ==, dh_case_get_report_index (b));
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    g_assert_cmpstr (dh_case_get (a, i), ==, dh_case_get (b, i));
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    g_assert_cmpstr (dh_case_get_line (a, i), ==, dh_case_get_line (b, i));
  g_assert_cmpstr (dh_case_get_system (a), ==, dh_case_get_system (b));
  g_assert_cmpstr (dh_case_get_remedy (a), ==, dh_case_get_remedy (b));
  g_assert_cmpstr (dh_case_get_contact_name (a), ==, dh_case_get_contact_name (b));
  g_assert_cmpstr (dh_case_get_contact_email (a), ==, dh_case_get_contact_email (b));
  g_assert_cmpint (dh_case_get_hosting (a), ==, dh_case_get_hosting (b));
  g_assert_cmpstr (dh_case_get_user_website (a), ==, dh_case_get_user_website (b));
  g_assert_cmpstr (dh_case_get_step (a), ==, dh_case_get_step (b));
  g_assert_cmpstr (dh_case_get_notes (a), ==, dh_case_get_notes (b));
  assert_same_time (dh_case_get_wait_until (a), dh_case_get_wait_until (b));
  g_assert_cmpint (dh_case_get_done (a), ==, dh_case_get_done (b));

  for (guint i = 0; i < DH_PORTAL_N_STEPS; i++)
    g_assert_cmpint (dh_case_get_portal_tick (a, i), ==, dh_case_get_portal_tick (b, i));
  g_assert_cmpstr (dh_case_get_portal_ip (a), ==, dh_case_get_portal_ip (b));
  g_assert_cmpint (dh_case_get_form_sent (a), ==, dh_case_get_form_sent (b));
  g_assert_cmpint (dh_case_get_hosting_chosen (a), ==, dh_case_get_hosting_chosen (b));
  g_assert_cmpstr (dh_case_get_title_language (a), ==, dh_case_get_title_language (b));
  g_assert_cmpstr (dh_case_get_time_zone (a), ==, dh_case_get_time_zone (b));
  for (guint i = 0; i < DH_CASE_N_MESSAGES; i++)
    g_assert_cmpstr (dh_case_get_message_language (a, i), ==, dh_case_get_message_language (b, i));

  g_assert_cmpuint (dh_case_get_events (a)->len, ==, dh_case_get_events (b)->len);
  for (guint i = 0; i < dh_case_get_events (a)->len; i++)
    {
      DhCaseEvent *ea = g_ptr_array_index (dh_case_get_events (a), i), *eb = g_ptr_array_index (dh_case_get_events (b), i);

      assert_same_time (ea->time, eb->time);
      g_assert_cmpstr (ea->kind, ==, eb->kind);
      g_assert_cmpstr (ea->detail, ==, eb->detail);
    }
  g_assert_cmpuint (dh_case_get_replies (a)->len, ==, dh_case_get_replies (b)->len);
  for (guint i = 0; i < dh_case_get_replies (a)->len; i++)
    {
      DhCaseReply *ra = g_ptr_array_index (dh_case_get_replies (a), i), *rb = g_ptr_array_index (dh_case_get_replies (b), i);

      assert_same_time (ra->received, rb->received);
      g_assert_cmpstr (ra->text, ==, rb->text);
      g_assert_cmpstr (ra->kind, ==, rb->kind);
      g_assert_cmpstr (ra->ticket, ==, rb->ticket);
    }
  g_assert_cmpuint (dh_case_get_tickets (a)->len, ==, dh_case_get_tickets (b)->len);
  for (guint i = 0; i < dh_case_get_tickets (a)->len; i++)
    g_assert_cmpstr (g_ptr_array_index (dh_case_get_tickets (a), i), ==, g_ptr_array_index (dh_case_get_tickets (b), i));
}

static void
test_round_trip (void)
{
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(DhCase) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  /* The second bounce was chosen, then the first: each choice counts. */
  dh_case_select_report (c, 1);
  dh_case_set (c, DH_CASE_IP, "203.0.113.99");
  node = reparse (dh_case_to_json (c));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "format"), ==, 2);
  g_assert_false (json_object_has_member (json_node_get_object (node), "page_states"));
  back = dh_case_from_json (node, &error);
  g_assert_no_error (error);
  assert_same_case (c, back);

  /* Analysed again: the chosen bounce, with the user's correction on top. */
  g_assert_nonnull (dh_case_get_analysis (back));
  g_assert_cmpuint (dh_case_get_report_index (back), ==, 1);
  g_assert_cmpstr (dh_case_get_report (back)->remote_ip, ==, "142.250.157.26");
  g_assert_cmpstr (dh_case_get (back, DH_CASE_IP), ==, "203.0.113.99");
  g_assert_cmpstr (dh_case_get (back, DH_CASE_RECIPIENT_DOMAIN), ==, "gmail.com");
  g_assert_nonnull (strstr (dh_case_get_line (back, DH_CASE_IP), "203.0.113.45"));

  /* What was chosen on the pages comes back typed. */
  g_assert_true (dh_case_get_portal_tick (back, DH_PORTAL_STEP_SUBMIT));
  g_assert_false (dh_case_get_portal_tick (back, DH_PORTAL_STEP_MAIL));
  g_assert_true (dh_case_get_portal_tick (back, DH_PORTAL_STEP_DELIST));
  g_assert_cmpstr (dh_case_get_portal_ip (back), ==, "203.0.113.46");
  g_assert_true (dh_case_get_form_sent (back));
  g_assert_cmpstr (dh_case_get_time_zone (back), ==, "Tokyo Standard Time");
  g_assert_cmpstr (dh_case_get_message_language (back, DH_CASE_MESSAGE_HOST), ==, "en");
  g_assert_null (dh_case_get_message_language (back, DH_CASE_MESSAGE_DELIST_MAIL));

  /* Tickets in the order seen, without duplicates. */
  g_assert_cmpuint (dh_case_get_tickets (back)->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (dh_case_get_tickets (back), 0), ==, "SRX1234567890ID");
  g_assert_cmpstr (g_ptr_array_index (dh_case_get_tickets (back), 1), ==, "7096915173");
}

/* An opened file is analysed as bytes; its text alone would not give the same analysis. */
static void
test_round_trip_bytes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "samples", "jp-hosting-iso2022jp-s3150.eml", NULL);
  g_autofree char *raw = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhCase) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
  bytes = g_bytes_new (raw, length);
  dh_case_set_analysis_for_bytes (c, "(shown as text)", bytes, dh_analyze (raw, length, NULL));
  g_assert_nonnull (dh_case_get_input_bytes (c));
  node = reparse (dh_case_to_json (c));
  back = dh_case_from_json (node, &error);
  g_assert_no_error (error);
  assert_same_case (c, back);
  g_assert_true (g_bytes_equal (dh_case_get_input_bytes (back), bytes));
  g_assert_cmpstr (dh_case_get (back, DH_CASE_CODE), ==, "S3150");

  /* Masked, the raw bytes go: an address in them could not be masked. */
  {
    g_autofree char *plain = dh_case_export (back, DH_EXPORT_JSON, FALSE);
    g_autofree char *masked = dh_case_export (back, DH_EXPORT_JSON, TRUE);

    g_assert_nonnull (strstr (plain, "\"input_bytes\""));
    g_assert_null (strstr (masked, "\"input_bytes\""));
  }
}

/* Text that is not UTF-8 (a bug elsewhere) must not make the file unreadable. */
static void
test_invalid_utf8 (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhCase) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  dh_case_set_notes (c, "caf\xe9 \xff");
  node = reparse (dh_case_to_json (c));
  back = dh_case_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (dh_case_get_notes (back), -1, NULL));
  g_assert_true (g_str_has_prefix (dh_case_get_notes (back), "caf"));
}

static void
count_change (DhCase *c,
              guint  *count)
{
  (*count)++;
}

/* Every change counts in revision and emits "changed" once; no change, no signal. */
static void
test_revision (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(GDateTime) created = g_date_time_ref (dh_case_get_created (c));
  guint64 r = dh_case_get_revision (c);
  guint changes = 0;
  g_autofree char *notes = NULL;

  g_signal_connect (c, "changed", G_CALLBACK (count_change), &changes);

  g_assert_true (g_uuid_string_is_valid (dh_case_get_id (c)));
  g_assert_cmpuint (dh_case_get_events (c)->len, ==, 1);
  g_assert_cmpstr (((DhCaseEvent *) g_ptr_array_index (dh_case_get_events (c), 0))->kind, ==, "created");
  dh_case_set_notes (c, "a");
  g_assert_cmpuint (dh_case_get_revision (c), ==, ++r);
  dh_case_set_notes (c, "a");          /* no change, no count */
  g_assert_cmpuint (dh_case_get_revision (c), ==, r);
  dh_case_set_step (c, "host");
  g_assert_cmpuint (dh_case_get_revision (c), ==, ++r);
  g_assert_cmpuint (changes, ==, 2);
  dh_case_set_message_language (c, DH_CASE_MESSAGE_HOST, "ja");
  g_assert_cmpuint (dh_case_get_revision (c), ==, ++r);
  dh_case_set_message_language (c, DH_CASE_MESSAGE_HOST, "ja");
  g_assert_cmpuint (dh_case_get_revision (c), ==, r);
  g_assert_cmpuint (changes, ==, 3);
  dh_case_set (c, DH_CASE_IP, "198.51.100.1");
  g_assert_cmpuint (dh_case_get_revision (c), ==, ++r);
  dh_case_add_event (c, "tick", "x");
  g_assert_cmpuint (dh_case_get_revision (c), ==, ++r);
  g_assert_cmpuint (changes, ==, 5);
  /* A mitigating reply with a ticket: the reply, the ticket and the wait are one change. */
  dh_case_add_reply (c, "We have implemented mitigation.", "mitigated", "SRX42");
  g_assert_cmpuint (changes, ==, 6);
  g_assert_nonnull (dh_case_get_wait_until (c));
  /* Through the properties as through the functions. */
  g_object_set (c, "contact-name", "Taro", "form-sent", TRUE, "hosting", DH_HOSTING_DEDICATED, NULL);
  g_assert_cmpstr (dh_case_get_contact_name (c), ==, "Taro");
  g_assert_true (dh_case_get_form_sent (c));
  g_assert_cmpint (dh_case_get_hosting (c), ==, DH_HOSTING_DEDICATED);
  g_assert_cmpuint (changes, ==, 9);
  g_object_get (c, "notes", &notes, NULL);
  g_assert_cmpstr (notes, ==, "a");
  /* A corrected IP starts the portal's list again. */
  dh_case_set_portal_ip (c, "198.51.100.1");
  dh_case_set_portal_tick (c, DH_PORTAL_STEP_SUBMIT, TRUE);
  dh_case_set_portal_ip (c, "198.51.100.2");
  g_assert_false (dh_case_get_portal_tick (c, DH_PORTAL_STEP_SUBMIT));
  g_assert_cmpint (g_date_time_compare (dh_case_get_updated (c), created), >=, 0);
}

/* A format-1 file's page_states become typed fields: every known key, unknown ones ignored; the
 * start page's text is not kept (the case has the bounce). */
static void
test_migrate_page_states (void)
{
  g_autofree char *input = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhCase) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  dh_case_set_analysis (c, input, dh_analyze (input, strlen (input), NULL));
  node = reparse (dh_case_to_json (c));
  root = json_node_get_object (node);
  json_object_set_int_member (root, "format", 1);
  g_assert_true (json_parser_load_from_data (parser,
    "{\"portal\": {\"ticks\": {\"type\": \"ab\", \"value\": [false, true, true, false, true]},"
    "             \"checked-ip\": {\"type\": \"s\", \"value\": \"203.0.113.45\"},"
    "             \"count\": {\"type\": \"u\", \"value\": 7}},"
    " \"form\": {\"zone\": {\"type\": \"s\", \"value\": \"Tokyo Standard Time\"},"
    "           \"hosting-chosen\": {\"type\": \"b\", \"value\": true},"
    "           \"title-language\": {\"type\": \"s\", \"value\": \"ja\"},"
    "           \"sent\": {\"type\": \"b\", \"value\": true}},"
    " \"host\": {\"message-language\": {\"type\": \"s\", \"value\": \"en\"}},"
    " \"delist-mail\": {\"message-language\": {\"type\": \"s\", \"value\": \"ja\"}},"
    " \"reply\": {\"message-language\": {\"type\": \"s\", \"value\": \"en\"}},"
    " \"start\": {\"text\": {\"type\": \"s\", \"value\": \"pasted\"},"
    "            \"file\": {\"type\": \"ay\", \"base64\": \"RnIA/wo=\"}},"
    " \"a-page-of-tomorrow\": {\"x\": {\"type\": \"i\", \"value\": 3}}}", -1, &error));
  g_assert_no_error (error);
  json_object_set_member (root, "page_states", json_node_copy (json_parser_get_root (parser)));

  back = dh_case_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_false (dh_case_get_portal_tick (back, DH_PORTAL_STEP_SUBMIT));
  g_assert_true (dh_case_get_portal_tick (back, DH_PORTAL_STEP_MAIL));
  g_assert_true (dh_case_get_portal_tick (back, DH_PORTAL_STEP_DELIST));
  g_assert_false (dh_case_get_portal_tick (back, DH_PORTAL_STEP_WAIT));
  g_assert_cmpstr (dh_case_get_portal_ip (back), ==, "203.0.113.45");
  g_assert_cmpstr (dh_case_get_time_zone (back), ==, "Tokyo Standard Time");
  g_assert_true (dh_case_get_hosting_chosen (back));
  g_assert_cmpstr (dh_case_get_title_language (back), ==, "ja");
  g_assert_true (dh_case_get_form_sent (back));
  g_assert_cmpstr (dh_case_get_message_language (back, DH_CASE_MESSAGE_HOST), ==, "en");
  g_assert_cmpstr (dh_case_get_message_language (back, DH_CASE_MESSAGE_DELIST_MAIL), ==, "ja");
  g_assert_cmpstr (dh_case_get_message_language (back, DH_CASE_MESSAGE_REPLY), ==, "en");
  g_assert_cmpstr (dh_case_get_input (back), ==, input);
  g_assert_cmpuint (dh_case_get_revision (back), ==, dh_case_get_revision (c));

  /* A blob that is not one is damage, as it was in format 1. */
  json_object_set_member (root, "page_states", json_from_string ("{\"form\": {\"sent\": 1}}", NULL));
  g_clear_object (&back);
  back = dh_case_from_json (node, &error);
  g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
  g_assert_null (back);
}

/* Case files saved by the window of the release with format 1 (tests/fixtures/cases-format1/):
 * opened through the store with every value in place, then saved back as format 2. */
static void
test_format1_fixtures (void)
{
  static const char *names[] = { "form-sent-reply.json", "portal-wait.json", "opened-file-form.json" };
  g_autofree char *dir = g_dir_make_tmp ("dh-test-format1-XXXXXX", NULL);
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(GError) error = NULL;
  char *ids[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_build_filename ("cases-format1", names[i], NULL);
      gsize length;
      g_autofree char *data = dh_test_read ("fixtures", name, &length);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *target = NULL;

      node = json_from_string (data, &error);
      g_assert_no_error (error);
      g_assert_cmpint (dh_case_json_format (node), ==, 1);
      ids[i] = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
      target = dh_case_store_get_path (store, ids[i]);
      g_assert_true (g_file_set_contents (target, data, length, &error));
    }

  /* The form was sent, a "not qualified" answer read with its ticket. */
  {
    g_autoptr(DhCase) c = dh_case_store_load (store, ids[0], &error);
    DhCaseReply *reply;

    g_assert_no_error (error);
    g_assert_cmpstr (dh_case_get (c, DH_CASE_IP), ==, "203.0.113.45");
    g_assert_cmpstr (dh_case_get (c, DH_CASE_CODE), ==, "S3150");
    g_assert_cmpstr (dh_case_get_contact_name (c), ==, "Taro Yamada");
    g_assert_cmpstr (dh_case_get_contact_email (c), ==, "taro@example.jp");
    g_assert_cmpint (dh_case_get_hosting (c), ==, DH_HOSTING_SHARED);
    g_assert_cmpstr (dh_case_get_user_website (c), ==, "");
    g_assert_cmpstr (dh_case_get_step (c), ==, "reply");
    g_assert_true (dh_case_get_form_sent (c));
    g_assert_false (dh_case_get_hosting_chosen (c));
    g_assert_cmpstr (dh_case_get_title_language (c), ==, "ja");
    g_assert_cmpstr (dh_case_get_time_zone (c), ==, "Hawaiian Standard Time");
    g_assert_cmpstr (dh_case_get_message_language (c, DH_CASE_MESSAGE_HOST), ==, "en");
    g_assert_null (dh_case_get_message_language (c, DH_CASE_MESSAGE_DELIST_MAIL));
    g_assert_cmpstr (dh_case_get_message_language (c, DH_CASE_MESSAGE_REPLY), ==, "en");
    g_assert_cmpstr (dh_case_get_portal_ip (c), ==, "203.0.113.45");
    for (guint i = 0; i < DH_PORTAL_N_STEPS; i++)
      g_assert_false (dh_case_get_portal_tick (c, i));
    g_assert_cmpuint (dh_case_get_replies (c)->len, ==, 1);
    reply = g_ptr_array_index (dh_case_get_replies (c), 0);
    g_assert_cmpstr (reply->kind, ==, "not-qualified");
    g_assert_cmpstr (reply->ticket, ==, "SRX1234567890ID");
    g_assert_cmpuint (dh_case_get_tickets (c)->len, ==, 1);
    g_assert_cmpstr (dh_case_get_notes (c), ==, "Hosting support said: ticket HS-4711, they asked Microsoft too.");
    g_assert_cmpuint (dh_case_get_revision (c), ==, 26);
    g_assert_cmpint (dh_case_get_state (c, NULL), ==, DH_CASE_STATE_NOT_QUALIFIED);
  }

  /* Microsoft 365's portal: three ticks, the 24-hour wait after "Delist IP". */
  {
    g_autoptr(DhCase) c = dh_case_store_load (store, ids[1], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dh_case_get (c, DH_CASE_IP), ==, "198.51.100.7");
    g_assert_cmpstr (dh_case_get_remedy (c), ==, "office365-delist-portal");
    g_assert_cmpstr (dh_case_get_step (c), ==, "portal");
    g_assert_true (dh_case_get_portal_tick (c, DH_PORTAL_STEP_SUBMIT));
    g_assert_true (dh_case_get_portal_tick (c, DH_PORTAL_STEP_MAIL));
    g_assert_true (dh_case_get_portal_tick (c, DH_PORTAL_STEP_DELIST));
    g_assert_false (dh_case_get_portal_tick (c, DH_PORTAL_STEP_WAIT));
    g_assert_cmpstr (dh_case_get_portal_ip (c), ==, "198.51.100.7");
    g_assert_cmpstr (dh_case_get_message_language (c, DH_CASE_MESSAGE_HOST), ==, "en");
    g_assert_false (dh_case_get_form_sent (c));
    g_assert_null (dh_case_get_time_zone (c));
    g_assert_nonnull (dh_case_get_wait_until (c));
    g_assert_cmpstr (dh_case_get_notes (c), ==, "Portal confirmation mail arrived at 10:12.");
  }

  /* An opened Shift_JIS file, analysed again from its bytes; left on the form. */
  {
    g_autoptr(DhCase) c = dh_case_store_load (store, ids[2], &error);

    g_assert_no_error (error);
    g_assert_nonnull (dh_case_get_input_bytes (c));
    g_assert_nonnull (dh_case_get_report (c));
    g_assert_cmpstr (dh_case_get (c, DH_CASE_IP), ==, "153.126.200.17");
    g_assert_cmpstr (dh_case_get (c, DH_CASE_CODE), ==, "S3140");
    g_assert_cmpstr (dh_case_get_contact_name (c), ==, "Hanako Suzuki");
    g_assert_cmpstr (dh_case_get_step (c), ==, "form");
    g_assert_cmpstr (dh_case_get_title_language (c), ==, "en");
    g_assert_cmpstr (dh_case_get_time_zone (c), ==, "UTC");
    g_assert_false (dh_case_get_form_sent (c));
    g_assert_cmpstr (dh_case_get_message_language (c, DH_CASE_MESSAGE_HOST), ==, "ja");

    /* Saved back: format 2, the typed members, no page_states; and it opens the same. */
    dh_case_set_notes (c, "Opened again.");
    g_assert_true (dh_case_store_save (store, c, &error));
    g_assert_no_error (error);
    {
      g_autofree char *path = dh_case_store_get_path (store, ids[2]);
      g_autofree char *data = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(DhCase) again = NULL;
      JsonObject *root;

      g_assert_true (g_file_get_contents (path, &data, NULL, &error));
      node = json_from_string (data, &error);
      g_assert_no_error (error);
      root = json_node_get_object (node);
      g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 2);
      g_assert_false (json_object_has_member (root, "page_states"));
      g_assert_cmpstr (json_object_get_string_member (root, "title_language"), ==, "en");
      again = dh_case_store_load (store, ids[2], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dh_case_get_time_zone (again), ==, "UTC");
      g_assert_cmpstr (dh_case_get_message_language (again, DH_CASE_MESSAGE_HOST), ==, "ja");
      g_assert_cmpstr (dh_case_get_notes (again), ==, "Opened again.");
      g_assert_nonnull (dh_case_get_input_bytes (again));
    }
  }

  /* A file of a newer format stays refused. */
  {
    g_autofree char *path = dh_case_store_get_path (store, ids[0]);
    g_autofree char *data = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(DhCase) c = NULL;

    g_assert_true (g_file_get_contents (path, &data, NULL, &error));
    node = json_from_string (data, &error);
    json_object_set_int_member (json_node_get_object (node), "format", DH_CASE_FORMAT + 1);
    c = dh_case_from_json (node, &error);
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NEWER_FORMAT);
    g_assert_null (c);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      dh_case_store_delete (store, ids[i], NULL);
      g_free (ids[i]);
    }
  g_rmdir (dir);
}

static DhCaseState
state_of (DhCase *c)
{
  return dh_case_get_state (c, NULL);
}

static void
test_state (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  g_autofree char *input = dh_test_read_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) three_days_ago = g_date_time_add_days (now, -3);
  DhCaseEvent *sent;

  g_assert_cmpint (dh_case_get_state (c, &since), ==, DH_CASE_STATE_NEW);
  assert_same_time (since, dh_case_get_created (c));
  g_assert_cmpstr (dh_case_state_to_string (DH_CASE_STATE_NEW), ==, "new");

  dh_case_set_analysis (c, input, dh_analyze (input, strlen (input), NULL));
  dh_case_set_step (c, "portal");
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_IN_PROGRESS);

  dh_case_add_event (c, "form-sent", NULL);
  sent = g_ptr_array_index (dh_case_get_events (c), dh_case_get_events (c)->len - 1);
  g_clear_pointer (&since, g_date_time_unref);
  g_assert_cmpint (dh_case_get_state (c, &since), ==, DH_CASE_STATE_WAITING_FOR_REPLY);
  assert_same_time (since, sent->time);

  dh_case_add_reply (c, "ack", "acknowledgement", "SRX1");
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_WAITING_FOR_REPLY);
  dh_case_add_reply (c, "?", "unknown", NULL);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_WAITING_FOR_REPLY);

  dh_case_add_reply (c, NOT_QUALIFIED_REPLY, "not-qualified", NULL);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_NOT_QUALIFIED);
  g_assert_cmpstr (dh_case_state_to_string (state_of (c)), ==, "not-qualified");

  /* Sent again after the refusal: waiting again. */
  dh_case_add_event (c, "form-sent", NULL);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_WAITING_FOR_REPLY);

  /* Mitigated yesterday: the 48 h wait runs until tomorrow. */
  dh_case_add_reply_full (c, yesterday, "Conditionally mitigated", "conditionally-mitigated", NULL);
  g_clear_pointer (&since, g_date_time_unref);
  g_assert_cmpint (dh_case_get_state (c, &since), ==, DH_CASE_STATE_MITIGATION_WAIT);
  assert_same_time (since, dh_case_get_wait_until (c));
  g_assert_cmpint (g_date_time_difference (dh_case_get_wait_until (c), yesterday), ==, 48 * G_TIME_SPAN_HOUR);

  /* Mitigated three days ago: the wait is over, time to test. */
  dh_case_add_reply_full (c, three_days_ago, "We have implemented mitigation", "mitigated", NULL);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_WAIT_OVER);

  dh_case_add_reply (c, "I do not see anything offhand", "not-blocked", NULL);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_NOT_BLOCKED);

  dh_case_set_done (c, TRUE);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_DONE);
  g_assert_cmpstr (dh_case_state_to_string (state_of (c)), ==, "done");
  dh_case_set_done (c, FALSE);
  g_assert_cmpint (state_of (c), ==, DH_CASE_STATE_NOT_BLOCKED);

  /* Microsoft 365's portal: no verdict by mail; the GUI starts a wait. */
  {
    g_autoptr(DhCase) portal = dh_case_new ();
    g_autoptr(GDateTime) later = g_date_time_add_hours (now, 24);

    dh_case_set_analysis (portal, input, dh_analyze (input, strlen (input), NULL));
    dh_case_add_event (portal, "portal-delisted", NULL);
    g_assert_cmpint (state_of (portal), ==, DH_CASE_STATE_WAITING_FOR_REPLY);
    dh_case_start_wait (portal, later);
    g_assert_cmpint (state_of (portal), ==, DH_CASE_STATE_MITIGATION_WAIT);
    dh_case_start_wait (portal, yesterday);
    g_assert_cmpint (state_of (portal), ==, DH_CASE_STATE_WAIT_OVER);
  }

  for (guint s = DH_CASE_STATE_NEW; s <= DH_CASE_STATE_DONE; s++)
    {
      DhCaseState back;

      g_assert_true (dh_case_state_from_string (dh_case_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_json_errors (void)
{
  static const char *corrupt[] = {
    "[]",
    "{\"format\": \"one\"}",
    "{\"format\": 1}",
    "{\"format\": 1, \"id\": \"../../etc/passwd\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1}",
    "{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"yesterday\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1}",
    "{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"events\": {}}",
    "{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"page_states\": {\"x\": {\"k\": {\"type\": \"u\", \"value\": \"no\"}}}}",
    "{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"replies\": [{\"kind\": \"mitigated\"}]}",
    "{\"format\": 2, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"form_sent\": \"yes\"}",
    "{\"format\": 2, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"portal_ticks\": [true]}",
    "{\"format\": 2, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"created\": \"2026-01-01T00:00:00Z\", "
      "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1, \"message_languages\": {\"host\": 1}}",
  };
  g_autoptr(JsonNode) newer = parse ("{\"format\": 3, \"id\": \"whatever\"}");
  g_autoptr(JsonNode) minimal = parse ("{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", "
                                       "\"created\": \"2026-01-01T00:00:00Z\", "
                                       "\"updated\": \"2026-01-02T00:00:00+09:00\", \"revision\": 3}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DhCase) c = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    {
      g_autoptr(JsonNode) node = parse (corrupt[i]);

      g_assert_null (dh_case_from_json (node, &error));
      g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_clear_error (&error);
    }

  g_assert_null (dh_case_from_json (newer, &error));
  g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NEWER_FORMAT);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);

  c = dh_case_from_json (minimal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dh_case_get_revision (c), ==, 3);
  g_assert_cmpint (dh_case_get_state (c, NULL), ==, DH_CASE_STATE_NEW);
  g_assert_cmpint (g_date_time_get_hour (dh_case_get_updated (c)), ==, 15);   /* kept in UTC */

  /* A bounce this version's rules no longer find: still a case about it, with its facts. */
  {
    g_autoptr(JsonNode) node = parse ("{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", "
                                      "\"created\": \"2026-01-01T00:00:00Z\", \"updated\": \"2026-01-01T00:00:00Z\", "
                                      "\"revision\": 9, \"input\": \"Hello, nothing bounced here.\", "
                                      "\"report_index\": 0, \"facts\": {\"ip\": \"192.0.2.1\"}, \"step\": \"portal\", "
                                      "\"future_member\": [1, 2]}");
    g_autoptr(DhCase) gone = dh_case_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_null (dh_case_get_report (gone));
    g_assert_cmpstr (dh_case_get (gone, DH_CASE_IP), ==, "192.0.2.1");
    g_assert_cmpint (dh_case_get_state (gone, NULL), ==, DH_CASE_STATE_IN_PROGRESS);
  }
}

/* Stores */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dh-test-case-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0700);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_store_default_dir (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(DhCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), USER_DIR_NAME, "cases", NULL);
  g_autofree char *path = NULL;

  /* $XDG_DATA_HOME is honoured (the test's isolated one). */
  g_assert_cmpstr (dh_case_store_get_dir (store), ==, expected);
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);
  path = dh_case_store_get_path (store, dh_case_get_id (c));
  g_assert_true (g_str_has_prefix (path, expected));
  g_assert_true (g_str_has_suffix (path, ".json"));
  g_assert_cmpuint (mode_of (expected), ==, 0700);
  g_assert_cmpuint (mode_of (path), ==, 0600);

  back = dh_case_store_load (store, dh_case_get_id (c), &error);
  g_assert_no_error (error);
  assert_same_case (c, back);

  /* A folder someone made looser is narrowed on the next save, never widened. */
  g_chmod (expected, 0755);
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_cmpuint (mode_of (expected), ==, 0700);

  g_assert_null (dh_case_store_get_path (store, "../x"));
  g_assert_true (dh_case_store_delete (store, dh_case_get_id (c), &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (dh_case_store_load (store, dh_case_get_id (c), &error));
  g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, dh_case_get_id (c)));
  g_clear_error (&error);
  g_assert_false (dh_case_store_delete (store, dh_case_get_id (c), &error));
  g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NOT_FOUND);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
file_contents (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static const char *
dir_file (const char *dir,
          const char *name)
{
  static char *last;

  g_free (last);
  last = g_build_filename (dir, name, NULL);
  return last;
}

static DhCaseProblem *
find_problem (GPtrArray  *problems,
              const char *file_name)
{
  for (guint i = 0; i < problems->len; i++)
    {
      DhCaseProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->file_name, file_name))
        return problem;
    }
  return NULL;
}

static guint
count_files_with_prefix (const char *dir_path,
                         const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_store_list_problems (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) older = make_case ();
  g_autoptr(DhCase) newer = make_case ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *valid = NULL;
  g_autofree char *newer_path = g_build_filename (dir, "0f8fad5b-d9cb-469f-a165-70867728950e.json", NULL);
  g_autofree char *newer_text = NULL;
  g_autofree char *p = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *fresh = NULL;
  DhCaseSummary *first;
  DhCaseProblem *problem;
  gboolean root = geteuid () == 0;
  static const char *damaged[] = { "11111111-1111-4111-8111-111111111111.json",   /* garbage */
                                   "22222222-2222-4222-8222-222222222222.json",   /* truncated */
                                   "33333333-3333-4333-8333-333333333333.json",   /* empty */
                                   "44444444-4444-4444-8444-444444444444.json" }; /* not UTF-8 */

  g_assert_true (dh_case_store_save (store, older, &error));
  dh_case_add_event (newer, "form-sent", NULL);
  g_assert_true (dh_case_store_save (store, newer, &error));
  g_assert_no_error (error);

  node = dh_case_to_json (older);
  json_generator_set_root (generator, node);
  valid = json_generator_to_data (generator, NULL);

  p = g_build_filename (dir, damaged[0], NULL);
  write_file (p, "this is not JSON at all", -1);
  g_free (p);
  p = g_build_filename (dir, damaged[1], NULL);
  write_file (p, valid, strlen (valid) / 2);
  g_free (p);
  p = g_build_filename (dir, damaged[2], NULL);
  write_file (p, "", 0);
  g_free (p);
  p = g_build_filename (dir, damaged[3], NULL);
  write_file (p, "{\"format\": 1, \"id\": \"\xff\xfe\"}", -1);
  g_free (p);

  newer_text = g_strdup ("{\"format\": 3, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"future\": true}\n");
  write_file (newer_path, newer_text, -1);

  /* Unreadable: a file with no permissions; root reads it anyway, so a folder in its place. */
  p = g_build_filename (dir, "55555555-5555-4555-8555-555555555555.json", NULL);
  if (root)
    g_assert_cmpint (g_mkdir (p, 0700), ==, 0);
  else
    {
      write_file (p, valid, -1);
      g_chmod (p, 0);
    }
  /* Not cases at all: left alone. */
  g_free (p);
  p = g_build_filename (dir, "README.txt", NULL);
  write_file (p, "hello", -1);
  /* What saves killed before their rename left: removed by the next list, old or new, since no
   * save is running (test_store_temporaries: one that is). */
  g_free (p);
  p = g_strdup_printf ("%s/%s.json.Ab12Cd", dir, dh_case_get_id (older));
  write_file (p, "{\"format\": 1, \"id\"", -1);
  {
    struct utimbuf times = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

    g_assert_cmpint (g_utime (p, &times), ==, 0);
  }
  stale = g_steal_pointer (&p);
  fresh = g_strdup_printf ("%s/%s.json.Xy34Zw", dir, dh_case_get_id (older));
  write_file (fresh, "{", -1);

  summaries = dh_case_store_list (store, &problems, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (summaries->len, ==, 2);
  first = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (first->id, ==, dh_case_get_id (newer));    /* the newest change first */
  g_assert_cmpint (first->state, ==, DH_CASE_STATE_WAITING_FOR_REPLY);
  g_assert_cmpstr (first->ip, ==, "203.0.113.46");
  g_assert_cmpstr (first->sender_domain, ==, "example.co.jp");
  g_assert_cmpstr (first->step, ==, "reply");
  g_assert_cmpuint (first->revision, ==, dh_case_get_revision (newer));
  assert_same_time (first->updated, dh_case_get_updated (newer));
  g_assert_cmpstr (((DhCaseSummary *) g_ptr_array_index (summaries, 1))->id, ==, dh_case_get_id (older));

  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dir_file (dir, "README.txt"), G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *original = g_build_filename (dir, damaged[i], NULL);

      problem = find_problem (problems, damaged[i]);
      g_assert_nonnull (problem);
      g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_CORRUPT);
      g_assert_nonnull (strstr (problem->message, i == 2 ? "empty" : "damaged"));
      g_assert_nonnull (problem->moved_to);
      g_assert_true (g_str_has_prefix (problem->moved_to, original));
      g_assert_nonnull (strstr (problem->moved_to, ".json.corrupt-"));
      g_assert_false (g_file_test (original, G_FILE_TEST_EXISTS));
    }
  /* Moved aside untouched. */
  {
    g_autofree char *moved = file_contents (find_problem (problems, damaged[1])->moved_to);

    g_assert_cmpuint (strlen (moved), ==, strlen (valid) / 2);
    g_assert_true (strncmp (moved, valid, strlen (moved)) == 0);
  }

  problem = find_problem (problems, "0f8fad5b-d9cb-469f-a165-70867728950e.json");
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_NEWER_FORMAT);
  g_assert_nonnull (strstr (problem->message, "newer version"));
  g_assert_null (problem->moved_to);

  problem = find_problem (problems, "55555555-5555-4555-8555-555555555555.json");
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_UNREADABLE);
  g_assert_nonnull (strstr (problem->message, "cannot be read"));
  g_assert_null (problem->moved_to);

  /* The newer version's file is never written, nor moved. */
  {
    g_autoptr(JsonNode) other_node = NULL;
    g_autoptr(DhCase) impostor = NULL;
    g_autofree char *json = NULL;
    g_autofree char *after = NULL;

    json = g_strdup_printf ("{\"format\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", "
                            "\"created\": \"2026-01-01T00:00:00Z\", \"updated\": \"2026-01-01T00:00:00Z\", "
                            "\"revision\": 1}");
    other_node = parse (json);
    impostor = dh_case_from_json (other_node, &error);
    g_assert_no_error (error);
    g_assert_false (dh_case_store_save (store, impostor, &error));
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    after = file_contents (newer_path);
    g_assert_cmpstr (after, ==, newer_text);
    g_assert_null (dh_case_store_load (store, dh_case_get_id (impostor), &error));
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NEWER_FORMAT);
    g_clear_error (&error);
  }

  /* Listed again: the damaged files are not reported twice; the others still are. */
  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  summaries = dh_case_store_list (store, &problems, &error);
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);

  /* A second damaged file of the same name never replaces the first one moved aside. */
  g_free (p);
  p = g_build_filename (dir, damaged[0], NULL);
  write_file (p, "second", -1);
  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  summaries = dh_case_store_list (store, &problems, &error);
  problem = find_problem (problems, damaged[0]);
  g_assert_nonnull (problem->moved_to);
  {
    g_autofree char *second = file_contents (problem->moved_to);

    g_assert_cmpstr (second, ==, "second");
  }
  g_assert_cmpuint (count_files_with_prefix (dir, damaged[0]), ==, 2);

  remove_tree (dir);
}

/* Many changes, one write, at most about a second after the first change. */
static void
on_saved (DhCaseStore *store,
          const char  *id,
          guint64      revision,
          gpointer     user_data)
{
  guint *count = user_data;

  (*count)++;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_store_coalesce (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(DhCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dh_case_store_get_path (store, dh_case_get_id (c));
  guint saves = 0;
  gint64 start, written = 0;

  g_signal_connect (store, "saved", G_CALLBACK (on_saved), &saves);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *note = g_strdup_printf ("note %u", i);

      dh_case_set_notes (c, note);
      dh_case_store_schedule_save (store, c);
    }
  g_assert_true (dh_case_store_has_pending (store));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  while (saves == 0 && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  written = g_get_monotonic_time ();
  g_assert_cmpuint (saves, ==, 1);
  g_assert_cmpint (written - start, <=, 1300 * 1000);
  g_test_message ("500 changes written once, %.0f ms after the first", (written - start) / 1000.0);

  /* Nothing else follows. */
  g_timeout_add (1200, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (saves, ==, 1);
  g_assert_false (dh_case_store_has_pending (store));

  back = dh_case_store_load (store, dh_case_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dh_case_get_notes (back), ==, "note 499");
  g_assert_cmpuint (dh_case_get_revision (back), ==, dh_case_get_revision (c));

  /* A pending change is written when the store goes away. */
  dh_case_set_notes (c, "last words");
  dh_case_store_schedule_save (store, c);
  g_clear_object (&store);
  {
    g_autoptr(DhCaseStore) again = dh_case_store_new (dir);
    g_autoptr(DhCase) last = dh_case_store_load (again, dh_case_get_id (c), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dh_case_get_notes (last), ==, "last words");
  }
  remove_tree (dir);
}

/* The timer runs on the caller's thread-default context; load gives the pending case itself;
 * deleting a case drops its pending save. */
static void
test_store_pending (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(DhCaseStore) store = NULL;
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhCase) other = dh_case_new ();
  g_autoptr(DhCase) same = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  guint saves = 0;
  gint64 start;

  g_main_context_push_thread_default (context);
  store = dh_case_store_new (dir);
  path = dh_case_store_get_path (store, dh_case_get_id (c));
  other_path = dh_case_store_get_path (store, dh_case_get_id (other));
  g_signal_connect (store, "saved", G_CALLBACK (on_saved), &saves);

  dh_case_set_notes (c, "pending");
  dh_case_store_schedule_save (store, c);
  dh_case_store_schedule_save (store, other);
  same = dh_case_store_load (store, dh_case_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_true (same == c);

  g_assert_true (dh_case_store_delete (store, dh_case_get_id (other), &error));
  g_assert_no_error (error);

  /* Nothing happens on the global default context. */
  g_main_context_iteration (NULL, FALSE);
  start = g_get_monotonic_time ();
  while (saves == 0 && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (saves, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));

  /* Flush writes at once. */
  dh_case_set_notes (c, "flushed");
  dh_case_store_schedule_save (store, c);
  g_assert_true (dh_case_store_flush (store));
  g_assert_cmpuint (saves, ==, 2);
  g_assert_false (dh_case_store_has_pending (store));

  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
  remove_tree (dir);
}

typedef struct {
  guint   failures;
  char   *id;
  GError *error;
} FailData;

static void
on_save_failed (DhCaseStore *store,
                const char  *id,
                GError      *error,
                gpointer     user_data)
{
  FailData *data = user_data;

  data->failures++;
  g_free (data->id);
  data->id = g_strdup (id);
  g_clear_error (&data->error);
  data->error = g_error_copy (error);
}

/* A folder that cannot be written: the GUI hears of it, the case stays as it is in memory, and
 * the next change is saved once the folder is writable again. */
static void
test_store_read_only (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *cases_dir = g_build_filename (dir, "cases", NULL);
  g_autoptr(DhCaseStore) store = dh_case_store_new (cases_dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GError) error = NULL;
  FailData data = { 0 };
  guint saves = 0;
  guint64 revision;
  gboolean root = geteuid () == 0;

  /* Root writes into a read-only folder; for root, a file stands where the folder should be. */
  if (root)
    write_file (cases_dir, "in the way", -1);
  else
    g_chmod (dir, 0500);

  g_signal_connect (store, "save-failed", G_CALLBACK (on_save_failed), &data);
  g_signal_connect (store, "saved", G_CALLBACK (on_saved), &saves);
  dh_case_set_notes (c, "typed while the disk was full");
  revision = dh_case_get_revision (c);
  dh_case_store_schedule_save (store, c);
  while (data.failures == 0 && saves == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (data.failures, ==, 1);
  g_assert_cmpuint (saves, ==, 0);
  g_assert_cmpstr (data.id, ==, dh_case_get_id (c));
  g_assert_nonnull (data.error);
  g_assert_true (data.error->domain == G_FILE_ERROR);
  g_assert_nonnull (strstr (data.error->message, cases_dir));
  /* Still all there in memory, and the store keeps nothing. */
  g_assert_cmpstr (dh_case_get_notes (c), ==, "typed while the disk was full");
  g_assert_cmpuint (dh_case_get_revision (c), ==, revision);
  g_assert_false (dh_case_store_has_pending (store));

  g_assert_false (dh_case_store_save (store, c, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Writable again: the next change is saved. */
  if (root)
    g_unlink (cases_dir);
  else
    g_chmod (dir, 0700);
  dh_case_add_event (c, "note", NULL);
  dh_case_store_schedule_save (store, c);
  while (saves == 0 && data.failures == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (saves, ==, 1);
  g_assert_cmpuint (data.failures, ==, 1);

  g_free (data.id);
  g_clear_error (&data.error);
  g_clear_object (&store);
  remove_tree (dir);
}

static GString *
big_input (DhCase     *c,
           const char *line)
{
  GString *input = g_string_new (dh_case_get_input (c));

  while (input->len < 2 * 1024 * 1024)
    g_string_append (input, line);
  return input;
}

static guint
count_input_files (const char *dir,
                   const char *id)
{
  g_autofree char *prefix = g_strconcat (id, ".input-", NULL);

  return count_files_with_prefix (dir, prefix);
}

/* A large bounce is kept in a file of its own, written once: every change does not write it again. */
static void
test_store_large_input (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GString) input = big_input (c, "An ordinary line of the message that came back, 日本語も少し。\n");
  g_autoptr(GString) other = big_input (c, "Another message altogether.\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dh_case_store_get_path (store, dh_case_get_id (c));
  g_autofree char *orphan = g_strdup_printf ("%s/%s.input-0123abcd", dir, dh_case_get_id (c));
  GStatBuf st;
  gint64 start;

  dh_case_set_analysis (c, input->str, dh_analyze (input->str, input->len, NULL));
  g_assert_cmpuint (dh_case_get_analysis (c)->reports->len, ==, 2);
  dh_case_select_report (c, 1);
  dh_case_set (c, DH_CASE_IP, "203.0.113.77");
  /* What a crash between writing a bounce file and the case file leaves. */
  write_file (orphan, "{}", -1);

  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 64 * 1024);
  g_assert_cmpuint (count_input_files (dir, dh_case_get_id (c)), ==, 1);
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      dh_case_add_event (c, "tick", "x");
      g_assert_true (dh_case_store_save (store, c, &error));
    }
  g_test_message ("a case with a %.0f MB bounce saves in %.1f ms once its bounce is written",
                  input->len / 1048576.0, (g_get_monotonic_time () - start) / 1000.0 / 10);

  {
    g_autoptr(DhCaseStore) again = dh_case_store_new (dir);
    g_autoptr(DhCase) back = dh_case_store_load (again, dh_case_get_id (c), &error);
    g_autofree char *exported = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_assert_no_error (error);
    assert_same_case (c, back);
    g_assert_cmpuint (dh_case_get_report_index (back), ==, 1);
    g_assert_cmpstr (dh_case_get (back, DH_CASE_IP), ==, "203.0.113.77");
    /* The case's own JSON has the bounce in it, wherever the store keeps it. */
    exported = dh_case_export (back, DH_EXPORT_JSON, FALSE);
    node = parse (exported);
    g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (node), "input")), ==, input->len);
  }

  /* Another bounce: the old file goes once the case names the new one. */
  dh_case_set_analysis (c, other->str, dh_analyze (other->str, other->len, NULL));
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_cmpuint (count_input_files (dir, dh_case_get_id (c)), ==, 1);
  {
    g_autoptr(DhCaseStore) again = dh_case_store_new (dir);
    g_autoptr(DhCase) back = dh_case_store_load (again, dh_case_get_id (c), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dh_case_get_input (back), ==, other->str);
  }

  /* A small one goes back into the case file. */
  dh_case_set_analysis (c, "550 5.7.1 no bounce here", NULL);
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_cmpuint (count_input_files (dir, dh_case_get_id (c)), ==, 0);

  /* A missing bounce file is a damaged case. */
  dh_case_set_analysis (c, input->str, dh_analyze (input->str, input->len, NULL));
  g_assert_true (dh_case_store_save (store, c, &error));
  {
    g_autoptr(DhCaseStore) again = dh_case_store_new (dir);
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      if (strstr (name, ".input-"))
        {
          g_autofree char *p = g_build_filename (dir, name, NULL);
          g_assert_cmpuint (mode_of (p), ==, 0600);
          g_unlink (p);
        }
    g_assert_null (dh_case_store_load (again, dh_case_get_id (c), &error));
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "bounce"));
    g_clear_error (&error);
  }

  /* Deleting the case deletes its bounce file. */
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (dh_case_store_delete (store, dh_case_get_id (c), &error));
  g_assert_cmpuint (count_input_files (dir, dh_case_get_id (c)), ==, 0);
  remove_tree (dir);
}

static void
test_save_time (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n = 20;

  for (guint i = 0; i < n; i++)
    {
      dh_case_add_event (c, "tick", "x");
      g_assert_true (dh_case_store_save (store, c, &error));
    }
  g_test_message ("a typical case (%.0f KB) saves in %.2f ms (JSON, write, fsync, rename)",
                  strlen (dh_case_get_input (c)) / 1024.0, (g_get_monotonic_time () - start) / 1000.0 / n);

  /* A large mailbox pasted or opened: every save writes it again. */
  {
    g_autoptr(DhCase) big = dh_case_new ();
    g_autoptr(GString) input = g_string_new (dh_case_get_input (c));

    while (input->len < 4 * 1024 * 1024)
      g_string_append (input, "A line of an ordinary message that came with the bounce, 日本語も少し。\n");
    dh_case_set_analysis (big, input->str, NULL);
    start = g_get_monotonic_time ();
    for (guint i = 0; i < 5; i++)
      {
        dh_case_add_event (big, "tick", "x");
        g_assert_true (dh_case_store_save (store, big, &error));
      }
    g_test_message ("a case with a %.0f MB bounce saves in %.1f ms",
                    input->len / 1048576.0, (g_get_monotonic_time () - start) / 1000.0 / 5);
  }
  remove_tree (dir);
}

/* Export */

static void
test_export (void)
{
  g_autoptr(DhCase) c = make_case ();
  g_autofree char *text = dh_case_export (c, DH_EXPORT_TEXT, FALSE);
  g_autofree char *markdown = dh_case_export (c, DH_EXPORT_MARKDOWN, FALSE);
  g_autofree char *masked = dh_case_export (c, DH_EXPORT_TEXT, TRUE);
  g_autofree char *masked_md = dh_case_export (c, DH_EXPORT_MARKDOWN, TRUE);
  g_autofree char *masked_json = dh_case_export (c, DH_EXPORT_JSON, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *musts[] = { "Blocked IP address: 203.0.113.46", "S3150", "550", "5.7.1", "outlook.jp",
                          "example.co.jp", "microsoft-consumer", "outlook-delist-form",
                          "(S3150)", "SRX1234567890ID", "7096915173", "Not qualified for mitigation",
                          "Called the host on Monday.", "Delisting form sent",
                          "Step done: “Tell your hosting company”",
                          "Kind: Microsoft declined to lift the block",
                          "State: Not qualified for mitigation — reply ready" };

  for (guint i = 0; i < G_N_ELEMENTS (musts); i++)
    {
      if (!strstr (text, musts[i]))
        g_error ("“%s” missing from:\n%s", musts[i], text);
      /* In Markdown the label is bold: "- **Blocked IP address**: 203.0.113.46". */
      const char *value = strstr (musts[i], ": ") && g_ascii_isupper (musts[i][0]) && !strstr (musts[i], "Step")
                          ? strstr (musts[i], ": ") : musts[i];
      if (!strstr (markdown, value))
        g_error ("“%s” missing from:\n%s", value, markdown);
    }
  g_assert_nonnull (strstr (markdown, "# Delisting case report"));
  g_assert_nonnull (strstr (markdown, "- **Blocked IP address**: 203.0.113.46"));
  g_assert_nonnull (strstr (markdown, "```\n"));
  g_assert_nonnull (strstr (text, "shop.tanaka@outlook.jp"));

  /* Masked: every recipient, in the diagnostic, the pasted bounce and the replies alike; the
   * sender stays. */
  {
    const char *outs[] = { masked, masked_md, masked_json };

    for (guint i = 0; i < G_N_ELEMENTS (outs); i++)
      {
        g_assert_null (strstr (outs[i], "shop.tanaka@"));
        g_assert_null (strstr (outs[i], "k.inoue@"));
        g_assert_nonnull (strstr (outs[i], "s***@outlook.jp"));
        g_assert_nonnull (strstr (outs[i], "k***@gmail.com"));
        g_assert_nonnull (strstr (outs[i], "info@example.jp"));
      }
  }
  /* The masked JSON is still JSON, without the bytes that cannot be masked. */
  json_parser_load_from_data (parser, masked_json, -1, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "input_bytes"));
}

/* A case file's start with "x": [[[…]]] @depth deep. */
static char *
nested_json (guint depth)
{
  GString *text = g_string_sized_new (depth * 2 + 100);

  g_string_append (text, "{\"format\": 1, \"id\": \"66666666-6666-4666-8666-666666666666\", \"x\": ");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}\n");
  return g_string_free (text, FALSE);
}

/* A case file nested 100,000 deep would overflow json-glib's recursion: it is a damaged file,
 * set aside, listed as such, and opening it says so. */
static void
test_store_deep_nesting (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = nested_json (100000);
  g_autofree char *shallow = nested_json (DH_JSON_MAX_DEPTH - 2);
  const char *deep_name = "66666666-6666-4666-8666-666666666666.json";
  g_autofree char *deep_path = g_build_filename (dir, deep_name, NULL);
  DhCaseProblem *problem;

  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);

  /* Opened directly, before any list. */
  write_file (deep_path, deep, -1);
  g_assert_null (dh_case_store_load (store, "66666666-6666-4666-8666-666666666666", &error));
  g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "deeper than 64 levels"));
  g_clear_error (&error);

  summaries = dh_case_store_list (store, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpstr (((DhCaseSummary *) g_ptr_array_index (summaries, 0))->id, ==, dh_case_get_id (c));
  g_assert_cmpuint (problems->len, ==, 1);
  problem = find_problem (problems, deep_name);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_CORRUPT);
  g_assert_nonnull (strstr (problem->message, "deeper than 64 levels"));
  g_assert_nonnull (problem->moved_to);
  {
    g_autofree char *moved = file_contents (problem->moved_to);

    g_assert_cmpstr (moved, ==, deep);   /* set aside untouched */
  }

  /* Nesting within the bound is not refused for its depth (it is simply not a case). */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&summaries, g_ptr_array_unref);
  write_file (deep_path, shallow, -1);
  summaries = dh_case_store_list (store, &problems, &error);
  problem = find_problem (problems, deep_name);
  g_assert_nonnull (problem);
  g_assert_null (strstr (problem->message, "deeper"));

  /* A bounce file nested deep: the case cannot be opened, and says why; nothing crashes. */
  {
    g_autoptr(GString) input = g_string_new (NULL);
    g_autoptr(DhCase) big = make_case ();
    g_autoptr(DhCaseStore) again = dh_case_store_new (dir);
    g_autoptr(GDir) d = NULL;
    const char *name;

    while (input->len <= 70 * 1024)
      g_string_append (input, "550 5.7.1 Unfortunately, messages from [203.0.113.7] weren't sent.\n");
    dh_case_set_analysis (big, input->str, dh_analyze (input->str, input->len, NULL));
    g_assert_true (dh_case_store_save (store, big, &error));
    g_assert_no_error (error);
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)))
      if (g_str_has_prefix (name, dh_case_get_id (big)) && strstr (name, ".input-"))
        {
          g_autofree char *p = g_build_filename (dir, name, NULL);

          write_file (p, deep, -1);
        }
    g_assert_null (dh_case_store_load (again, dh_case_get_id (big), &error));
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "bounce"));
    g_clear_error (&error);
  }
}

/* Makes @path a sparse regular file of @size bytes (no disk used). */
static void
make_sparse (const char *path,
             goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  g_close (fd, NULL);
}

/* Only regular files are read, and only up to a case's size: a link to /dev/zero would be read
 * without end, a FIFO would block the list for ever. Each is listed as a file that cannot be read,
 * left as it is and never written over. */
static void
test_store_not_regular (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *zero_id = "77777777-7777-4777-8777-777777777777";
  const char *fifo_id = "88888888-8888-4888-8888-888888888888";
  const char *big_id = "99999999-9999-4999-8999-999999999999";
  const char *link_id = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
  g_autofree char *zero_name = g_strconcat (zero_id, ".json", NULL);
  g_autofree char *fifo_name = g_strconcat (fifo_id, ".json", NULL);
  g_autofree char *big_name = g_strconcat (big_id, ".json", NULL);
  g_autofree char *link_name = g_strconcat (link_id, ".json", NULL);
  g_autofree char *zero_path = g_build_filename (dir, zero_name, NULL);
  g_autofree char *fifo_path = g_build_filename (dir, fifo_name, NULL);
  g_autofree char *big_path = g_build_filename (dir, big_name, NULL);
  g_autofree char *link_path = g_build_filename (dir, link_name, NULL);
  g_autofree char *case_path = NULL;
  DhCaseProblem *problem;

  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);
  case_path = dh_case_store_get_path (store, dh_case_get_id (c));

  g_assert_cmpint (symlink ("/dev/zero", zero_path), ==, 0);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  make_sparse (big_path, (goffset) DH_ANALYZER_MAX_INPUT + 1);
  /* A link even to a good case is not followed: the store writes regular files only. */
  g_assert_cmpint (symlink (case_path, link_path), ==, 0);

  summaries = dh_case_store_list (store, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 4);

  problem = find_problem (problems, zero_name);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_UNREADABLE);
  g_assert_nonnull (strstr (problem->message, "symbolic link"));
  g_assert_null (problem->moved_to);
  g_assert_true (g_file_test (zero_path, G_FILE_TEST_IS_SYMLINK));

  problem = find_problem (problems, link_name);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_UNREADABLE);
  g_assert_nonnull (strstr (problem->message, "symbolic link"));

  problem = find_problem (problems, fifo_name);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_UNREADABLE);
  g_assert_nonnull (strstr (problem->message, "not a regular file"));
  g_assert_null (problem->moved_to);

  problem = find_problem (problems, big_name);
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_UNREADABLE);
  g_assert_nonnull (strstr (problem->message, "larger than a case can be"));
  g_assert_null (problem->moved_to);

  /* Opening them says the same and does not hang either. */
  g_assert_null (dh_case_store_load (store, zero_id, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_clear_error (&error);
  g_assert_null (dh_case_store_load (store, fifo_id, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_null (dh_case_store_load (store, big_id, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "larger"));
  g_clear_error (&error);

  /* Never written over: a case with the same id is refused, and the link still points where it did. */
  {
    g_autofree char *json = g_strdup_printf ("{\"format\": 1, \"id\": \"%s\", \"created\": \"2026-01-01T00:00:00Z\", "
                                             "\"updated\": \"2026-01-01T00:00:00Z\", \"revision\": 1}", zero_id);
    g_autoptr(JsonNode) node = parse (json);
    g_autoptr(DhCase) impostor = dh_case_from_json (node, &error);
    g_autofree char *target = NULL;

    g_assert_no_error (error);
    g_assert_false (dh_case_store_save (store, impostor, &error));
    g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    target = g_file_read_link (zero_path, NULL);
    g_assert_cmpstr (target, ==, "/dev/zero");
  }

  /* The bounce's own file follows the same rules: a link to /dev/zero, a FIFO and one too large
   * make the case fail to open, at once. */
  {
    g_autoptr(GString) input = g_string_new (NULL);
    g_autoptr(DhCase) big = make_case ();
    g_autofree char *input_path = NULL;
    g_autoptr(GDir) d = NULL;
    const char *name;

    while (input->len <= 70 * 1024)
      g_string_append (input, "550 5.7.1 Unfortunately, messages from [203.0.113.7] weren't sent.\n");
    dh_case_set_analysis (big, input->str, dh_analyze (input->str, input->len, NULL));
    g_assert_true (dh_case_store_save (store, big, &error));
    g_assert_no_error (error);
    d = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (d)))
      if (g_str_has_prefix (name, dh_case_get_id (big)) && strstr (name, ".input-"))
        input_path = g_build_filename (dir, name, NULL);
    g_assert_nonnull (input_path);

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(DhCaseStore) again = dh_case_store_new (dir);

        g_assert_cmpint (g_unlink (input_path), ==, 0);
        if (i == 0)
          g_assert_cmpint (symlink ("/dev/zero", input_path), ==, 0);
        else if (i == 1)
          g_assert_cmpint (mkfifo (input_path, 0600), ==, 0);
        else
          make_sparse (input_path, (goffset) 4 * DH_ANALYZER_MAX_INPUT + 1);
        g_assert_null (dh_case_store_load (again, dh_case_get_id (big), &error));
        g_assert_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT);
        g_assert_nonnull (strstr (error->message, "bounce"));
        g_clear_error (&error);
      }
  }
}

/* `cases` a symbolic link to a shared folder: used as it is, never chmod ()ed through the link
 * (a link to /tmp would break /tmp for everyone), and the list says so. The folder above,
 * "delist-helper", is made private as the cases folder is. */
static void
test_store_folder_link (void)
{
  g_autofree char *shared = make_temp_dir ();
  g_autofree char *parent = g_build_filename (g_get_user_data_dir (), "delist-helper", NULL);
  g_autofree char *cases = g_build_filename (parent, "cases", NULL);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  DhCaseProblem *problem;

  remove_tree (parent);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_cmpint (g_chmod (parent, 0755), ==, 0);
  g_assert_cmpint (g_chmod (shared, 01777), ==, 0);
  g_assert_cmpint (symlink (shared, cases), ==, 0);

  {
    g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
    g_autoptr(DhCase) back = NULL;

    g_assert_true (dh_case_store_save (store, c, &error));
    g_assert_no_error (error);
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (shared, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, 01777);   /* the sticky bit too */
    }
    g_assert_cmpuint (mode_of (parent), ==, 0700);
    g_assert_true (g_file_test (cases, G_FILE_TEST_IS_SYMLINK));

    summaries = dh_case_store_list (store, &problems, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 1);
    g_assert_cmpuint (problems->len, ==, 1);
    problem = find_problem (problems, "cases");
    g_assert_nonnull (problem);
    g_assert_cmpint (problem->kind, ==, DH_CASE_PROBLEM_FOLDER_LINK);
    g_assert_cmpstr (dh_case_problem_kind_to_string (problem->kind), ==, "folder-link");
    g_assert_nonnull (strstr (problem->message, "symbolic link"));
    g_assert_nonnull (strstr (problem->message, shared));
    g_assert_null (problem->moved_to);

    back = dh_case_store_load (store, dh_case_get_id (c), &error);
    g_assert_no_error (error);
    assert_same_case (c, back);
  }

  g_unlink (cases);
  remove_tree (shared);
  remove_tree (parent);
}

/* The temporary file of a save that was killed goes on the next list, however new, unless a save
 * is running in another instance (which holds the folder's lock shared while it writes): then
 * only one older than ten minutes goes. */
static void
test_store_temporaries (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) c = make_case ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *fresh_input = NULL;
  g_autofree char *case_name = NULL;
  struct utimbuf times = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };
  int lock;

  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);
  fresh = g_strdup_printf ("%s/%s.json.Ab12Cd", dir, dh_case_get_id (c));
  stale = g_strdup_printf ("%s/%s.json.Ef56Gh", dir, dh_case_get_id (c));
  fresh_input = g_strdup_printf ("%s/%s.input-0123abcd.Ij78Kl", dir, dh_case_get_id (c));

  /* Another instance is saving: its new temporary files stay. */
  write_file (fresh, "{\"format\": 1, \"id\"", -1);
  write_file (fresh_input, "{", -1);
  write_file (stale, "{", -1);
  g_assert_cmpint (g_utime (stale, &times), ==, 0);
  lock = g_open (dir, O_RDONLY | O_DIRECTORY, 0);
  g_assert_cmpint (flock (lock, LOCK_SH), ==, 0);
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) summaries = dh_case_store_list (store, &problems, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 1);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh_input, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* This instance saves meanwhile too (the lock is shared). */
  dh_case_add_event (c, "tick", "x");
  g_assert_true (dh_case_store_save (store, c, &error));
  g_assert_no_error (error);
  g_close (lock, NULL);

  /* It was killed before its rename: the next start removes them at once. */
  {
    g_autoptr(DhCaseStore) next = dh_case_store_new (dir);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) summaries = dh_case_store_list (next, &problems, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 1);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fresh_input, G_FILE_TEST_EXISTS));
  case_name = g_strconcat (dh_case_get_id (c), ".json", NULL);
  g_assert_true (g_file_test (dir_file (dir, case_name), G_FILE_TEST_IS_REGULAR));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dh/case/round-trip", test_round_trip);
  g_test_add_func ("/dh/case/round-trip-bytes", test_round_trip_bytes);
  g_test_add_func ("/dh/case/revision", test_revision);
  g_test_add_func ("/dh/case/migrate-page-states", test_migrate_page_states);
  g_test_add_func ("/dh/case/format1-fixtures", test_format1_fixtures);
  g_test_add_func ("/dh/case/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/dh/case/state", test_state);
  g_test_add_func ("/dh/case/json-errors", test_json_errors);
  g_test_add_func ("/dh/case/export", test_export);
  g_test_add_func ("/dh/case-store/default-dir", test_store_default_dir);
  g_test_add_func ("/dh/case-store/list-problems", test_store_list_problems);
  g_test_add_func ("/dh/case-store/coalesce", test_store_coalesce);
  g_test_add_func ("/dh/case-store/pending", test_store_pending);
  g_test_add_func ("/dh/case-store/read-only", test_store_read_only);
  g_test_add_func ("/dh/case-store/large-input", test_store_large_input);
  g_test_add_func ("/dh/case-store/save-time", test_save_time);
  g_test_add_func ("/dh/case-store/deep-nesting", test_store_deep_nesting);
  g_test_add_func ("/dh/case-store/not-regular", test_store_not_regular);
  g_test_add_func ("/dh/case-store/folder-link", test_store_folder_link);
  g_test_add_func ("/dh/case-store/temporaries", test_store_temporaries);

  return g_test_run ();
}
