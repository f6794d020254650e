/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-json.c: the JsonBuilder members every JSON output of the app writes the same way, and the
 * members every JSON input reads the same way. */
#include "config.h"

#include "dh-json.h"

#include <glib/gi18n.h>

void
dh_json_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (!g_utf8_validate (value, -1, NULL))
    {
      /* A case file that does not read back would be set aside as damaged: better a replacement
       * character than the whole case. */
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
  else
    json_builder_add_string_value (builder, value);
}

void
dh_json_add_time (JsonBuilder *builder,
                  const char  *name,
                  GDateTime   *time)
{
  g_autofree char *iso = time ? g_date_time_format_iso8601 (time) : NULL;

  dh_json_add_string (builder, name, iso);
}

void
dh_json_add_string_array (JsonBuilder *builder,
                          const char  *name,
                          GPtrArray   *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values && i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
}

void
dh_json_add_strv (JsonBuilder *builder,
                  const char  *name,
                  char       **strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

JsonNode *
dh_json_get_value (JsonObject *object,
                   const char *member,
                   GType       type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type ? node : NULL;
}

const char *
dh_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = dh_json_get_value (object, member, G_TYPE_STRING);

  return node ? json_node_get_string (node) : NULL;
}

JsonArray *
dh_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
dh_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
dh_json_is_absent (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
dh_json_get_boolean (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node = dh_json_get_value (object, member, G_TYPE_BOOLEAN);

  return node ? json_node_get_boolean (node) : fallback;
}

JsonObject *
dh_json_array_get_object (JsonArray *array,
                          guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
dh_json_check_depth (const char  *data,
                     gsize        length,
                     guint        max_depth,
                     GError     **error)
{
  DhJsonScan scan = { FALSE, FALSE };
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      int step = dh_json_scan_byte (&scan, data[i]);

      if (step > 0 && ++depth > max_depth)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The data nests deeper than %u levels."), max_depth);
          return FALSE;
        }
      if (step < 0 && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
dh_json_parse_untrusted (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (!dh_json_check_depth (data, length, DH_JSON_MAX_DEPTH, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The data is empty."));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}
