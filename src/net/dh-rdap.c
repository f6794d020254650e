/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rdap.c: RDAP owner lookup (libsoup, json-glib): bootstrap, query, and reading the answer. */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <string.h>

#include "dh-json.h"
#include "dh-rdap.h"
#include "dh-net-private.h"
#include "dh-data.h"

#define RDAP_ACCEPT "application/rdap+json, application/json;q=0.8"

void
dh_rdap_result_free (DhRdapResult *result)
{
  if (result == NULL)
    return;
  g_free (result->address);
  g_free (result->registry_url);
  g_free (result->url);
  g_free (result->handle);
  g_free (result->name);
  g_free (result->start_address);
  g_free (result->end_address);
  g_strfreev (result->cidrs);
  g_free (result->country);
  g_free (result->organisation);
  g_free (result->abuse_email);
  g_free (result->abuse_email_source);
  g_free (result->registry_abuse_email);
  g_free (result->port43);
  g_free (result);
}

static const char *
array_string (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_nonempty (const char *text)
{
  g_autofree char *stripped = text ? g_strstrip (g_strdup (text)) : NULL;

  return stripped && *stripped ? g_steal_pointer (&stripped) : NULL;
}

/* The first value of the jCard property @name ("fn", "email") of an entity. */
static const char *
vcard_get (JsonObject *entity,
           const char *name)
{
  JsonArray *vcard = dh_json_get_array (entity, "vcardArray");
  JsonNode *node;
  JsonArray *items;

  if (vcard == NULL || json_array_get_length (vcard) < 2)
    return NULL;
  node = json_array_get_element (vcard, 1);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item_node = json_array_get_element (items, i);
      JsonArray *item;
      const char *value;

      if (!JSON_NODE_HOLDS_ARRAY (item_node))
        continue;
      item = json_node_get_array (item_node);
      if (json_array_get_length (item) < 4 || g_strcmp0 (array_string (item, 0), name) != 0)
        continue;
      if ((value = array_string (item, 3)) != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

static gboolean
has_role (JsonObject *entity,
          const char *role)
{
  JsonArray *roles = dh_json_get_array (entity, "roles");

  for (guint i = 0; roles && i < json_array_get_length (roles); i++)
    if (g_strcmp0 (array_string (roles, i), role) == 0)
      return TRUE;
  return FALSE;
}

/* The first entity with @role, depth first (ARIN nests the abuse contact in the registrant), that
 * has the jCard property @property. */
static JsonObject *
find_entity (JsonArray  *entities,
             const char *role,
             const char *property,
             guint       depth)
{
  if (entities == NULL || depth > 4)
    return NULL;
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = dh_json_array_get_object (entities, i);

      if (entity && has_role (entity, role) && vcard_get (entity, property))
        return entity;
    }
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = dh_json_array_get_object (entities, i);
      JsonObject *found = entity ? find_entity (dh_json_get_array (entity, "entities"), role, property, depth + 1)
                                 : NULL;

      if (found)
        return found;
    }
  return NULL;
}

/* An e-mail address in the remarks that is not the registry's own: the provider's abuse address
 * that APNIC keeps for JPNIC ranges only as "Email address for spam or abuse complaints : …".
 * A line that speaks of abuse or spam wins over any other line with an address. */
#define MAX_REMARK_LINE_BYTES 1024
#define MAX_REMARK_LINES      200

static char *
remarks_email (JsonArray *remarks)
{
  static GRegex *email;
  g_autofree char *any = NULL;
  guint n_lines = 0;

  /* Compiled once, on first use; kept for the life of the process. */
  if (g_once_init_enter (&email))
    g_once_init_leave (&email, g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", 0, 0, NULL));

  for (guint i = 0; remarks && i < json_array_get_length (remarks); i++)
    {
      JsonArray *lines = dh_json_get_array (dh_json_array_get_object (remarks, i), "description");

      for (guint l = 0; lines && l < json_array_get_length (lines) && n_lines++ < MAX_REMARK_LINES; l++)
        {
          const char *line = array_string (lines, l);
          g_autoptr(GMatchInfo) match = NULL;
          g_autofree char *lower = NULL;
          g_autofree char *found = NULL;
          g_autofree char *capped = NULL;

          if (line == NULL || !g_utf8_validate (line, -1, NULL))
            continue;
          /* The pattern sees a bounded piece of each line: a remark line is a sentence, and a
           * megabyte of letters with no "@" would keep it busy for minutes. */
          if (strlen (line) > MAX_REMARK_LINE_BYTES)
            {
              g_free (capped);
              capped = g_strndup (line, g_utf8_find_prev_char (line, line + MAX_REMARK_LINE_BYTES + 1) - line);
              line = capped;
            }
          if (!g_regex_match (email, line, 0, &match))
            continue;
          found = g_match_info_fetch (match, 0);
          /* The registry's own addresses are what the abuse entity already says. */
          if (g_str_has_suffix (found, "@nic.ad.jp") || g_str_has_suffix (found, "@apnic.net"))
            continue;
          lower = g_utf8_strdown (line, -1);
          if (strstr (lower, "abuse") || strstr (lower, "spam"))
            return g_steal_pointer (&found);
          if (any == NULL)
            any = g_steal_pointer (&found);
        }
    }
  return g_steal_pointer (&any);
}

/* The first line of the remark titled "description": APNIC's organisation when there is no
 * registrant entity. */
static char *
remarks_description (JsonArray *remarks)
{
  for (guint i = 0; remarks && i < json_array_get_length (remarks); i++)
    {
      JsonObject *remark = dh_json_array_get_object (remarks, i);
      JsonArray *lines = dh_json_get_array (remark, "description");

      if (g_strcmp0 (dh_json_get_string (remark, "title"), "description") == 0 &&
          lines && json_array_get_length (lines) > 0)
        return dup_nonempty (array_string (lines, 0));
    }
  return NULL;
}

/* @start - @end as one prefix, or NULL when the range is not one. */
static char *
range_to_cidr (const char *start,
               const char *end)
{
  g_autoptr(GInetAddress) first = start ? g_inet_address_new_from_string (start) : NULL;
  g_autoptr(GInetAddress) last = end ? g_inet_address_new_from_string (end) : NULL;
  const guint8 *a, *b;
  gsize size;
  guint prefix = 0;
  gboolean host_part = FALSE;

  if (first == NULL || last == NULL || g_inet_address_get_family (first) != g_inet_address_get_family (last))
    return NULL;
  a = g_inet_address_to_bytes (first);
  b = g_inet_address_to_bytes (last);
  size = g_inet_address_get_native_size (first);
  /* A prefix: the bits agree up to some point, after which the first address has only zeros and
   * the last only ones. */
  for (gsize i = 0; i < size * 8; i++)
    {
      gboolean bit_a = (a[i / 8] >> (7 - i % 8)) & 1;
      gboolean bit_b = (b[i / 8] >> (7 - i % 8)) & 1;

      if (!host_part && bit_a == bit_b)
        prefix++;
      else
        {
          host_part = TRUE;
          if (bit_a != 0 || bit_b != 1)
            return NULL;
        }
    }
  return g_strdup_printf ("%s/%u", start, prefix);
}

static char **
parse_cidrs (JsonObject *root,
             const char *start,
             const char *end)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *cidrs = dh_json_get_array (root, "cidr0_cidrs");
  gboolean any = FALSE;

  for (guint i = 0; cidrs && i < json_array_get_length (cidrs); i++)
    {
      JsonObject *cidr = dh_json_array_get_object (cidrs, i);
      const char *prefix = dh_json_get_string (cidr, "v4prefix");
      JsonNode *length = cidr ? json_object_get_member (cidr, "length") : NULL;
      g_autofree char *text = NULL;

      if (prefix == NULL)
        prefix = dh_json_get_string (cidr, "v6prefix");
      if (prefix == NULL || length == NULL || !JSON_NODE_HOLDS_VALUE (length) ||
          json_node_get_value_type (length) != G_TYPE_INT64)
        continue;
      text = g_strdup_printf ("%s/%" G_GINT64_FORMAT, prefix, json_node_get_int (length));
      g_strv_builder_add (builder, text);
      any = TRUE;
    }
  if (!any)
    {
      g_autofree char *cidr = range_to_cidr (start, end);

      if (cidr)
        g_strv_builder_add (builder, cidr);
    }
  return g_strv_builder_end (builder);
}

/* Reads an RDAP "ip network" object. */
DhRdapResult *
dh_rdap_result_new_from_json (const char  *address,
                              GBytes      *json,
                              GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(DhRdapResult) result = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *root;
  JsonArray *entities, *remarks;
  JsonObject *abuse, *registrant;
  g_autofree char *remark_email = NULL;
  const char *class_name;

  g_return_val_if_fail (json != NULL, NULL);

  if (g_bytes_get_size (json) > DH_RDAP_MAX_ANSWER_BYTES)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TOO_LARGE,
                   /* Translators: %u is a number of kilobytes. */
                   _("The registry’s answer is larger than %u KB, far more than an answer about one network; it was not read."),
                   DH_RDAP_MAX_ANSWER_BYTES / 1024);
      return NULL;
    }
  root_node = dh_json_parse_untrusted (g_bytes_get_data (json, NULL), g_bytes_get_size (json), &parse_error);
  if (root_node == NULL)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED,
                   /* Translators: %s is the reason from the JSON reader. */
                   _("The registry’s answer cannot be read: %s"), parse_error->message);
      return NULL;
    }
  class_name = root_node && JSON_NODE_HOLDS_OBJECT (root_node)
               ? dh_json_get_string (json_node_get_object (root_node), "objectClassName") : NULL;
  if (g_strcmp0 (class_name, "ip network") != 0)
    {
      g_set_error_literal (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED,
                           _("The registry’s answer is not a description of an IP network."));
      return NULL;
    }
  root = json_node_get_object (root_node);

  result = g_new0 (DhRdapResult, 1);
  result->address = g_strdup (address);
  result->handle = dup_nonempty (dh_json_get_string (root, "handle"));
  result->name = dup_nonempty (dh_json_get_string (root, "name"));
  if (result->name == NULL)
    result->name = g_strdup (result->handle);
  result->start_address = dup_nonempty (dh_json_get_string (root, "startAddress"));
  result->end_address = dup_nonempty (dh_json_get_string (root, "endAddress"));
  result->cidrs = parse_cidrs (root, result->start_address, result->end_address);
  result->country = dup_nonempty (dh_json_get_string (root, "country"));
  result->port43 = dup_nonempty (dh_json_get_string (root, "port43"));

  entities = dh_json_get_array (root, "entities");
  remarks = dh_json_get_array (root, "remarks");

  registrant = find_entity (entities, "registrant", "fn", 0);
  result->organisation = registrant ? dup_nonempty (vcard_get (registrant, "fn")) : remarks_description (remarks);

  abuse = find_entity (entities, "abuse", "email", 0);
  if (abuse != NULL)
    {
      const char *handle = dh_json_get_string (abuse, "handle");
      const char *email = vcard_get (abuse, "email");

      result->jpnic = g_str_has_suffix (email, "@nic.ad.jp") ||
                      (handle && strstr (handle, "JPNIC") != NULL);
      result->abuse_email = dup_nonempty (email);
      result->abuse_email_source = g_strdup ("entity");
    }
  if (result->port43 && strstr (result->port43, "nic.ad.jp"))
    result->jpnic = TRUE;

  /* For JPNIC ranges APNIC's abuse entity is JPNIC itself; the provider's address is only in the
   * remarks. With no abuse entity at all, the remarks are all there is. A provider's own abuse
   * entity (JPNIC's server may give one) stays. */
  remark_email = remarks_email (remarks);
  if (remark_email && (result->abuse_email == NULL || g_str_has_suffix (result->abuse_email, "@nic.ad.jp")))
    {
      result->registry_abuse_email = g_steal_pointer (&result->abuse_email);
      result->abuse_email = g_steal_pointer (&remark_email);
      g_free (result->abuse_email_source);
      result->abuse_email_source = g_strdup ("remarks");
    }
  return g_steal_pointer (&result);
}

JsonNode *
dh_rdap_result_to_json (const DhRdapResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "address", result->address);
  dh_json_add_string (builder, "registry_url", result->registry_url);
  dh_json_add_string (builder, "url", result->url);
  dh_json_add_string (builder, "handle", result->handle);
  dh_json_add_string (builder, "name", result->name);
  dh_json_add_string (builder, "start_address", result->start_address);
  dh_json_add_string (builder, "end_address", result->end_address);
  json_builder_set_member_name (builder, "cidrs");
  json_builder_begin_array (builder);
  for (guint i = 0; result->cidrs && result->cidrs[i]; i++)
    json_builder_add_string_value (builder, result->cidrs[i]);
  json_builder_end_array (builder);
  dh_json_add_string (builder, "country", result->country);
  dh_json_add_string (builder, "organisation", result->organisation);
  dh_json_add_string (builder, "abuse_email", result->abuse_email);
  dh_json_add_string (builder, "abuse_email_source", result->abuse_email_source);
  dh_json_add_string (builder, "registry_abuse_email", result->registry_abuse_email);
  dh_json_add_string (builder, "port43", result->port43);
  json_builder_set_member_name (builder, "jpnic");
  json_builder_add_boolean_value (builder, result->jpnic);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Bootstrap. */

static const char *
family_file (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? "rdap-bootstrap-ipv6.json" : "rdap-bootstrap-ipv4.json";
}

/* Checks that @json is bootstrap data: an object with a "services" array. */
static gboolean
bootstrap_parse (GBytes      *json,
                 JsonNode   **root_out,
                 JsonArray  **services,
                 GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (g_bytes_get_size (json) > DH_RDAP_MAX_BOOTSTRAP_BYTES)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TOO_LARGE,
                   /* Translators: %u is a number of kilobytes. */
                   _("The list of registries is larger than %u KB; it was not read."),
                   DH_RDAP_MAX_BOOTSTRAP_BYTES / 1024);
      return FALSE;
    }
  root = dh_json_parse_untrusted (g_bytes_get_data (json, NULL), g_bytes_get_size (json), &parse_error);
  if (root == NULL)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED,
                   /* Translators: %s is the reason from the JSON reader. */
                   _("The list of registries cannot be read: %s"), parse_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (*services = dh_json_get_array (json_node_get_object (root), "services")) == NULL)
    {
      g_set_error_literal (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED,
                           _("The list of registries is not in the expected format."));
      return FALSE;
    }
  *root_out = g_steal_pointer (&root);
  return TRUE;
}

char *
dh_rdap_bootstrap_find (GBytes        *json,
                        GInetAddress  *address,
                        GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonArray *services;
  const char *best = NULL;
  gint best_length = -1;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);

  if (!bootstrap_parse (json, &root, &services, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonArray *service, *cidrs, *urls;
      const char *url = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (service = json_node_get_array (node)) < 2 ||
          !JSON_NODE_HOLDS_ARRAY (json_array_get_element (service, 0)) ||
          !JSON_NODE_HOLDS_ARRAY (json_array_get_element (service, 1)))
        continue;
      cidrs = json_array_get_array_element (service, 0);
      urls = json_array_get_array_element (service, 1);
      /* The first https address; another only when there is none. */
      for (guint u = 0; u < json_array_get_length (urls); u++)
        {
          const char *candidate = array_string (urls, u);

          if (candidate && (g_str_has_prefix (candidate, "https://") || (url == NULL && g_str_has_prefix (candidate, "http://"))))
            {
              url = candidate;
              if (g_str_has_prefix (candidate, "https://"))
                break;
            }
        }
      if (url == NULL)
        continue;
      for (guint c = 0; c < json_array_get_length (cidrs); c++)
        {
          const char *cidr = array_string (cidrs, c);
          g_autoptr(GInetAddressMask) mask = cidr ? g_inet_address_mask_new_from_string (cidr, NULL) : NULL;

          if (mask && g_inet_address_mask_get_family (mask) == g_inet_address_get_family (address) &&
              g_inet_address_mask_matches (mask, address) && (gint) g_inet_address_mask_get_length (mask) > best_length)
            {
              best = url;
              best_length = g_inet_address_mask_get_length (mask);
            }
        }
    }
  if (best == NULL)
    {
      text = g_inet_address_to_string (address);
      /* Translators: %s is an IP address. */
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_NO_REGISTRY, _("No registry is known for the address %s."), text);
      return NULL;
    }
  return g_str_has_suffix (best, "/") ? g_strdup (best) : g_strconcat (best, "/", NULL);
}

GBytes *
dh_rdap_bootstrap_load (const DhNetOptions *options,
                        GSocketFamily       family)
{
  g_autofree char *dir = dh_net_options_get_cache_dir (options);
  g_autofree char *path = g_build_filename (dir, family_file (family), NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* A small local file: read at once rather than through another round of callbacks. */
  if (g_file_get_contents (path, &contents, &length, NULL))
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *services;

      if (bootstrap_parse (bytes, &root, &services, NULL))
        return g_steal_pointer (&bytes);
    }
  return dh_data_get (family_file (family));
}

GDateTime *
dh_rdap_bootstrap_get_cache_time (const DhNetOptions *options)
{
  g_autofree char *dir = dh_net_options_get_cache_dir (options);
  g_autofree char *path = g_build_filename (dir, family_file (G_SOCKET_FAMILY_IPV4), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_file_info_get_modification_date_time (info) : NULL;
}

gboolean
dh_rdap_bootstrap_is_stale (const DhNetOptions *options)
{
  g_autoptr(GDateTime) cached = dh_rdap_bootstrap_get_cache_time (options);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan age;

  if (cached == NULL)
    return TRUE;
  age = g_date_time_difference (now, cached);
  return age < 0 || age >= DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS * G_TIME_SPAN_DAY;
}

/* Lookup. */

typedef struct {
  SoupSession  *session;
  DhRdapResult *partial;   /* address, registry_url */
  GBytes       *body;
  char         *final_uri;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_clear_object (&lookup->session);
  g_clear_pointer (&lookup->partial, dh_rdap_result_free);
  g_clear_pointer (&lookup->body, g_bytes_unref);
  g_free (lookup->final_uri);
  g_free (lookup);
}

/* Reading the answer runs in a worker thread: however the answer is made, the window's main
 * loop goes on. */
static void
lookup_parse (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  GError *error = NULL;
  DhRdapResult *result;

  result = dh_rdap_result_new_from_json (lookup->partial->address, lookup->body, &error);
  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result->registry_url = g_steal_pointer (&lookup->partial->registry_url);
  result->url = g_steal_pointer (&lookup->final_uri);
  g_task_return_pointer (task, result, (GDestroyNotify) dh_rdap_result_free);
}

static void
lookup_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  lookup->body = dh_net_http_get_finish (res, &lookup->final_uri, &error);
  if (lookup->body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, lookup_parse);
}

void
dh_rdap_lookup_async (GInetAddress       *address,
                      const DhNetOptions *options,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DhNetOptions) defaults = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  Lookup *lookup;

  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_rdap_lookup_async);
  if (options == NULL)
    options = defaults = dh_net_options_new ();

  lookup = g_new0 (Lookup, 1);
  g_task_set_task_data (task, lookup, lookup_free);
  lookup->partial = g_new0 (DhRdapResult, 1);
  lookup->partial->address = g_inet_address_to_string (address);

  if (options->rdap_base_url && *options->rdap_base_url)
    lookup->partial->registry_url = g_str_has_suffix (options->rdap_base_url, "/")
                                    ? g_strdup (options->rdap_base_url)
                                    : g_strconcat (options->rdap_base_url, "/", NULL);
  else
    {
      g_autoptr(GBytes) bootstrap = dh_rdap_bootstrap_load (options, g_inet_address_get_family (address));

      lookup->partial->registry_url = dh_rdap_bootstrap_find (bootstrap, address, &error);
      if (lookup->partial->registry_url == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  uri = g_strconcat (lookup->partial->registry_url, "ip/", lookup->partial->address, NULL);
  lookup->session = dh_net_session_new ();
  dh_net_http_get_async (lookup->session, uri, RDAP_ACCEPT, options, options->rdap_timeout_ms,
                         DH_RDAP_MAX_ANSWER_BYTES, cancellable, lookup_done, g_steal_pointer (&task));
}

DhRdapResult *
dh_rdap_lookup_finish (GAsyncResult  *result,
                       GError       **error)
{
  return dh_net_task_propagate_pointer (result, dh_rdap_lookup_async, error);
}

/* Refresh: ipv4.json, then ipv6.json, then both written. */

typedef struct {
  SoupSession  *session;
  DhNetOptions *options;
  char         *base;
  GBytes       *files[2];
  guint         index;
} Refresh;

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_clear_object (&refresh->session);
  g_clear_pointer (&refresh->options, dh_net_options_free);
  g_free (refresh->base);
  g_clear_pointer (&refresh->files[0], g_bytes_unref);
  g_clear_pointer (&refresh->files[1], g_bytes_unref);
  g_free (refresh);
}

static const char *refresh_names[] = { "ipv4.json", "ipv6.json" };
static const GSocketFamily refresh_families[] = { G_SOCKET_FAMILY_IPV4, G_SOCKET_FAMILY_IPV6 };

static void refresh_fetched (GObject *source, GAsyncResult *res, gpointer user_data);

static void
refresh_next (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (refresh->base, refresh_names[refresh->index], NULL);

  dh_net_http_get_async (refresh->session, uri, "application/json", refresh->options,
                         refresh->options->rdap_timeout_ms, DH_RDAP_MAX_BOOTSTRAP_BYTES,
                         g_task_get_cancellable (task), refresh_fetched, task);
}

static void
refresh_fetched (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  GBytes *body;
  JsonArray *services;

  body = dh_net_http_get_finish (res, NULL, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  refresh->files[refresh->index] = body;
  if (!bootstrap_parse (body, &root, &services, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (++refresh->index < G_N_ELEMENTS (refresh_names))
    {
      refresh_next (g_steal_pointer (&task));
      return;
    }

  dir = dh_net_options_get_cache_dir (refresh->options);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", dir, g_strerror (saved_errno));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (refresh_names); i++)
    {
      g_autofree char *path = g_build_filename (dir, family_file (refresh_families[i]), NULL);
      gsize length;
      const char *data = g_bytes_get_data (refresh->files[i], &length);

      if (!g_file_set_contents (path, data, length, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

void
dh_rdap_bootstrap_refresh_async (const DhNetOptions *options,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GTask *task;
  Refresh *refresh;
  const char *base;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_rdap_bootstrap_refresh_async);
  refresh = g_new0 (Refresh, 1);
  g_task_set_task_data (task, refresh, refresh_free);
  refresh->options = options ? dh_net_options_copy (options) : dh_net_options_new ();
  base = refresh->options->rdap_bootstrap_url && *refresh->options->rdap_bootstrap_url
         ? refresh->options->rdap_bootstrap_url : DH_NET_DEFAULT_BOOTSTRAP_URL;
  refresh->base = g_str_has_suffix (base, "/") ? g_strdup (base) : g_strconcat (base, "/", NULL);
  refresh->session = dh_net_session_new ();
  refresh_next (task);
}

gboolean
dh_rdap_bootstrap_refresh_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dh_rdap_bootstrap_refresh_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
