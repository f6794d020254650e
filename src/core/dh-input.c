/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-input.c: reads a whole input into memory for the analyser, refusing more than a limit;
 * shared by the command line (files, standard input) and the window (Open…). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-input.h"
#include "dh-analyzer.h"

GBytes *
dh_read_stream (GInputStream  *stream,
                gsize          limit,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error);

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

GBytes *
dh_read_file (GFile         *file,
              gsize          limit,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return dh_read_stream (G_INPUT_STREAM (stream), limit, cancellable, error);
}
