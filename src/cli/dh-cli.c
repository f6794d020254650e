/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli.c: `delist-helper --analyze FILE` prints what the analyser found as JSON. */
#include "config.h"

#include "dh-cli.h"
#include "dh-analyzer.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>

/* Reads a whole file, or standard input for "-", refusing more than @limit bytes. */
GBytes *
dh_cli_read_input (const char *path,
                   gsize       limit,
                   GError    **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  g_return_val_if_fail (path != NULL, NULL);

  if (g_strcmp0 (path, "-") == 0)
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > limit)
        {
          g_set_error (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE,
                       /* Translators: %u is a size in megabytes. */
                       _("The input is larger than %u MB, the most Delist Helper reads."),
                       (guint) (limit / (1024 * 1024)));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

int
dh_cli_analyze (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(DhAnalysis) analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *json = NULL;
  gsize length;
  const char *data;

  input = dh_cli_read_input (path, DH_ANALYZER_MAX_INPUT, &error);
  if (input == NULL)
    {
      /* Translators: %1$s is a file name, %2$s the reason it cannot be read. */
      g_printerr (_("delist-helper: cannot read “%1$s”: %2$s\n"), path, error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  data = g_bytes_get_data (input, &length);
  analysis = dh_analyze (data, length, &error);
  if (analysis == NULL)
    {
      g_printerr (_("delist-helper: cannot read “%1$s”: %2$s\n"), path, error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  root = dh_analysis_to_json (analysis);
  if (analysis->reports->len == 0)
    {
      const char *message;

      if (analysis->n_feedback_reports > 0)
        message = _("This is a spam complaint (feedback loop report), not a bounce: no mail was refused.");
      else if (length == 0)
        message = _("The input is empty.");
      else
        message = _("No bounce was found in the input. Paste the whole returned message, or open it as an .eml file.");
      json_object_set_string_member (json_node_get_object (root), "message", message);
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  return DH_CLI_EXIT_OK;
}
