/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-json.h: the JsonBuilder members every JSON output of the app writes the same way, and the
 * members every JSON input reads the same way. */
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

/* Reading members of JSON that may not have the expected shape (data files, a server's answer):
 * json_object_get_*_member () is critical about a missing member in json-glib 1.6, and a value
 * of another type reads as NULL here. @object may be NULL. */
const char *dh_json_get_string       (JsonObject *object,
                                      const char *member);
JsonArray  *dh_json_get_array        (JsonObject *object,
                                      const char *member);
JsonObject *dh_json_get_object       (JsonObject *object,
                                      const char *member);
/* The member's node when it holds a value of @type (G_TYPE_STRING, G_TYPE_INT64, ...), or NULL. */
JsonNode   *dh_json_get_value        (JsonObject *object,
                                      const char *member,
                                      GType       type);
/* TRUE when @member is missing or null: a reader that refuses a mistyped member (a case file)
 * tells that apart from a member of another type, which the getters above also give as NULL. */
gboolean    dh_json_is_absent        (JsonObject *object,
                                      const char *member);
/* @fallback when the member is missing or not a boolean. */
gboolean    dh_json_get_boolean      (JsonObject *object,
                                      const char *member,
                                      gboolean    fallback);
/* The object at @index of @array, or NULL when that element is not an object. */
JsonObject *dh_json_array_get_object (JsonArray  *array,
                                      guint       index);

/* Untrusted JSON (an RDAP answer, a case file) nests at most this deep: json-glib recurses once per
 * level, so a document nested 100,000 deep would overflow the stack before it says anything. */
#define DH_JSON_MAX_DEPTH 64

/* Reading JSON text byte by byte before it is parsed, for brackets outside its strings. */
typedef struct {
  gboolean in_string;
  gboolean escaped;    /* the byte before was a backslash in a string */
} DhJsonScan;

/* What the next byte @c does to the nesting: 1 when it opens an object or array, -1 when it closes
 * one, 0 otherwise (also inside strings). Inline: it runs once per byte. */
static inline int
dh_json_scan_byte (DhJsonScan *scan,
                   char        c)
{
  if (scan->in_string)
    {
      if (scan->escaped)
        scan->escaped = FALSE;
      else if (c == '\\')
        scan->escaped = TRUE;
      else if (c == '"')
        scan->in_string = FALSE;
      return 0;
    }
  if (c == '"')
    scan->in_string = TRUE;
  else if (c == '{' || c == '[')
    return 1;
  else if (c == '}' || c == ']')
    return -1;
  return 0;
}

/* TRUE when @data nests objects and arrays at most @max_depth deep; counts outside strings only,
 * in one pass. Otherwise FALSE with G_IO_ERROR_INVALID_DATA. */
gboolean  dh_json_check_depth (const char  *data,
                               gsize        length,
                               guint        max_depth,
                               GError     **error);
/* json_parser_load_from_data () on untrusted input: refuses nesting beyond DH_JSON_MAX_DEPTH
 * first. Returns the root (a new reference) or NULL with @error set. */
JsonNode *dh_json_parse_untrusted (const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
