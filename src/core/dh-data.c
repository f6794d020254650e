/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-data.c: the machine data compiled into the core's GResource. */
#include "config.h"

#include "dh-data.h"
#include "dh-core-resources.h"

/* The file @name of data/, as built in. Missing built-in data is a broken build, not bad input:
 * the program stops with a message. */
GBytes *
dh_data_get (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_BASE "/", name, NULL);
  GBytes *bytes;

  g_return_val_if_fail (name != NULL, NULL);

  bytes = g_resource_lookup_data (dh_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in data %s is missing: %s", name, error->message);
  return bytes;
}

gpointer
dh_data_load (const char     *name,
              DhDataLoadFunc  load)
{
  g_autoptr(GBytes) bytes = dh_data_get (name);
  g_autoptr(GError) error = NULL;
  gpointer loaded = load (bytes, FALSE, &error);

  if (loaded == NULL)
    g_error ("The built-in data %s cannot be loaded: %s", name, error->message);
  return loaded;
}

JsonParser *
dh_data_get_json (const char *name)
{
  g_autoptr(GBytes) bytes = dh_data_get (name);
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s: %s", name, error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    g_error ("%s: not a JSON object", name);
  return parser;
}
