/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-formats.c: loads data/formats.json (built in) once: the phrases that differ per mail server. */
#include "config.h"

#include "dh-formats.h"
#include "dh-data.h"

#include <json-glib/json-glib.h>

static GStrv read_strings (JsonObject *object, const char *where, const char *name, gboolean lower);

/* The "phrases" of list @name, case-folded when @lower. Built-in data that does not read is a
 * broken build: the program stops with a message. */
static GStrv
read_list (JsonObject *root,
           const char *name,
           gboolean    lower)
{
  JsonObject *list = json_object_get_object_member (root, name);

  if (list == NULL)
    g_error ("formats.json: the list %s is missing", name);
  return read_strings (list, name, "phrases", lower);
}

/* The "patterns" of list @name as one anchored, case-insensitive regex of alternatives. */
static GRegex *
read_alternatives (JsonObject *root,
                   const char *name)
{
  JsonObject *list = json_object_get_object_member (root, name);
  g_auto(GStrv) patterns = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  if (list == NULL)
    g_error ("formats.json: the list %s is missing", name);
  patterns = read_strings (list, name, "patterns", FALSE);
  joined = g_strjoinv (")|(?:", patterns);
  {
    g_autofree char *full = g_strdup_printf ("(?:%s)", joined);
    regex = g_regex_new (full, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, G_REGEX_MATCH_ANCHORED, &error);
  }
  if (regex == NULL)
    g_error ("formats.json: %s: %s", name, error->message);
  return regex;
}

/* The "patterns" of "line_patterns": each a lower-case hint and a case-insensitive regex. */
static DhLinePattern *
read_line_patterns (JsonObject *root)
{
  JsonObject *list = json_object_get_object_member (root, "line_patterns");
  JsonArray *patterns = list ? json_object_get_array_member (list, "patterns") : NULL;
  DhLinePattern *out;

  if (patterns == NULL)
    g_error ("formats.json: the list line_patterns is missing");
  out = g_new0 (DhLinePattern, json_array_get_length (patterns) + 1);
  for (guint i = 0; i < json_array_get_length (patterns); i++)
    {
      JsonObject *pattern = json_array_get_object_element (patterns, i);
      const char *hint = pattern ? json_object_get_string_member_with_default (pattern, "hint", NULL) : NULL;
      const char *regex = pattern ? json_object_get_string_member_with_default (pattern, "regex", NULL) : NULL;
      g_autoptr(GError) error = NULL;

      if (hint == NULL || *hint == '\0' || regex == NULL)
        g_error ("formats.json: line_patterns[%u] needs a hint and a regex", i);
      out[i].hint = g_ascii_strdown (hint, -1);
      out[i].regex = g_regex_new (regex, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      if (out[i].regex == NULL)
        g_error ("formats.json: line_patterns[%u]: %s", i, error->message);
    }
  return out;
}

static GStrv
read_strings (JsonObject *object,
              const char *where,
              const char *name,
              gboolean    lower)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_object_get_array_member (object, name);

  if (array == NULL)
    g_error ("formats.json: %s.%s is missing", where, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);

      if (value == NULL || *value == '\0')
        g_error ("formats.json: %s.%s[%u] is not a string", where, name, i);
      if (lower)
        {
          g_autofree char *down = g_utf8_casefold (value, -1);
          g_strv_builder_add (builder, down);
        }
      else
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

/* The strings of @object_name.@name, case-folded. */
static GStrv
read_folded (JsonObject *root,
             const char *object_name,
             const char *name)
{
  JsonObject *object = json_object_get_object_member (root, object_name);
  g_auto(GStrv) strings = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (object == NULL)
    g_error ("formats.json: %s is missing", object_name);
  strings = read_strings (object, object_name, name, FALSE);
  for (guint i = 0; strings[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (strings[i], -1);
      g_strv_builder_add (builder, folded);
    }
  return g_strv_builder_end (builder);
}

static void
read_json_events (JsonObject        *root,
                  DhJsonEventFields *out)
{
  JsonObject *events = json_object_get_object_member (root, "json_events");
  JsonObject *fields = events ? json_object_get_object_member (events, "fields") : NULL;

  if (fields == NULL)
    g_error ("formats.json: json_events.fields is missing");
  out->recipient = read_strings (fields, "json_events.fields", "recipient", FALSE);
  out->diagnostic = read_strings (fields, "json_events.fields", "diagnostic", FALSE);
  out->reply_code = read_strings (fields, "json_events.fields", "reply_code", FALSE);
  out->status = read_strings (fields, "json_events.fields", "status", FALSE);
  out->action = read_strings (fields, "json_events.fields", "action", FALSE);
  out->remote_host = read_strings (fields, "json_events.fields", "remote_host", FALSE);
  out->remote_ip = read_strings (fields, "json_events.fields", "remote_ip", FALSE);
  out->sending_ip = read_strings (fields, "json_events.fields", "sending_ip", FALSE);
  out->sender = read_strings (fields, "json_events.fields", "sender", FALSE);
  out->envelope_sender = read_strings (fields, "json_events.fields", "envelope_sender", FALSE);
  out->reporting_host = read_strings (fields, "json_events.fields", "reporting_host", FALSE);
  out->event_fields = read_strings (events, "json_events", "event_fields", FALSE);
  out->not_failures = read_strings (events, "json_events", "not_failures", TRUE);
  out->delayed = read_strings (events, "json_events", "delayed", TRUE);
}

const DhFormats *
dh_formats_get (void)
{
  static DhFormats formats;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(JsonParser) parser = dh_data_get_json ("formats.json");
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

      formats.original_message_markers = read_list (root, "original_message_markers", FALSE);
      formats.reporting_host_openers = read_list (root, "reporting_host_openers", TRUE);
      formats.recipient_line_continuations = read_list (root, "recipient_line_continuations", FALSE);
      formats.bounce_header_signs = read_list (root, "bounce_header_signs", TRUE);
      formats.auto_reply_subjects = read_list (root, "auto_reply_subjects", TRUE);
      formats.read_receipt_subject_prefixes = read_list (root, "read_receipt_subject_prefixes", TRUE);
      formats.delay_subjects = read_list (root, "delay_subjects", TRUE);
      formats.transcript_line_prefix = read_alternatives (root, "transcript_line_prefixes");
      formats.line_patterns = read_line_patterns (root);
      read_json_events (root, &formats.json_events);
      formats.bounce_senders = read_folded (root, "bounce_signs", "senders");
      formats.bounce_subjects = read_folded (root, "bounce_signs", "subjects");
      formats.deciding_reasons = read_folded (root, "deciding_text", "reasons");
      formats.deciding_failures = read_folded (root, "deciding_text", "failures");
      formats.recipient_labels = read_list (root, "recipient_labels", FALSE);
      formats.reason_labels = read_list (root, "reason_labels", FALSE);
      formats.forward_header_labels = read_list (root, "forward_header_labels", FALSE);
      formats.notice_phrases = read_list (root, "notice_phrases", TRUE);
      formats.failed_phrases = read_list (root, "failed_phrases", TRUE);
      formats.delayed_phrases = read_list (root, "delayed_phrases", TRUE);
      formats.auto_reply_mailers = read_list (root, "auto_reply_mailers", TRUE);
      formats.placeholder_diagnostics = read_list (root, "placeholder_diagnostics", FALSE);
      g_once_init_leave (&initialized, 1);
    }
  return &formats;
}
