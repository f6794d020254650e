/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-input.h: reads a whole input (a file or a stream) into memory, up to a limit. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @stream to its end. More than @limit bytes is DH_ANALYZER_ERROR_TOO_LARGE, with a
 * translated message; nothing is returned then. */
GBytes *dh_read_stream (GInputStream  *stream,
                        gsize          limit,
                        GCancellable  *cancellable,
                        GError       **error);
/* Reads the whole of @file the same way. */
GBytes *dh_read_file   (GFile         *file,
                        gsize          limit,
                        GCancellable  *cancellable,
                        GError       **error);

G_END_DECLS
