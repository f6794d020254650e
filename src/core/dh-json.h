/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-json.h: the JsonBuilder members every JSON output of the app writes the same way. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @value, or null; text that is not UTF-8 gets replacement characters, so the JSON reads back. */
void dh_json_add_string       (JsonBuilder *builder,
                               const char  *name,
                               const char  *value);
/* ISO 8601 with its offset, or null. */
void dh_json_add_time         (JsonBuilder *builder,
                               const char  *name,
                               GDateTime   *time);
/* An array of the strings of @values (char*), or of the NULL-terminated @strv; [] when empty. */
void dh_json_add_string_array (JsonBuilder *builder,
                               const char  *name,
                               GPtrArray   *values);
void dh_json_add_strv         (JsonBuilder *builder,
                               const char  *name,
                               char       **strv);

G_END_DECLS
