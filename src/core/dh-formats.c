/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-formats.c: loads data/formats.json (built in) once: the phrases that differ per mail server. */
#include "config.h"

#include "dh-formats.h"
#include "dh-data.h"

#include <json-glib/json-glib.h>

/* The "phrases" of list @name, lower-cased when @lower. Built-in data that does not read is a
 * broken build: the program stops with a message. */
static GStrv
read_list (JsonObject *root,
           const char *name,
           gboolean    lower)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *list = json_object_get_object_member (root, name);
  JsonArray *phrases = list ? json_object_get_array_member (list, "phrases") : NULL;

  if (phrases == NULL)
    g_error ("formats.json: the list %s is missing", name);
  for (guint i = 0; i < json_array_get_length (phrases); i++)
    {
      const char *phrase = json_array_get_string_element (phrases, i);

      if (phrase == NULL || *phrase == '\0')
        g_error ("formats.json: %s[%u] is not a phrase", name, i);
      if (lower)
        {
          g_autofree char *down = g_utf8_casefold (phrase, -1);
          g_strv_builder_add (builder, down);
        }
      else
        g_strv_builder_add (builder, phrase);
    }
  return g_strv_builder_end (builder);
}

const DhFormats *
dh_formats_get (void)
{
  static DhFormats formats;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = dh_data_get ("formats.json");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        g_error ("formats.json: %s", error->message);
      root = json_node_get_object (json_parser_get_root (parser));
      formats.original_message_markers = read_list (root, "original_message_markers", FALSE);
      formats.reporting_host_openers = read_list (root, "reporting_host_openers", TRUE);
      formats.recipient_line_continuations = read_list (root, "recipient_line_continuations", FALSE);
      formats.bounce_header_signs = read_list (root, "bounce_header_signs", TRUE);
      formats.auto_reply_subjects = read_list (root, "auto_reply_subjects", TRUE);
      formats.read_receipt_subject_prefixes = read_list (root, "read_receipt_subject_prefixes", TRUE);
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
