/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklists.c: loads data/blocklists.json (json-glib), checks it, and finds the list a bounce names. */
#include "config.h"

#include "dh-blocklists.h"
#include "dh-data.h"
#include "dh-json.h"
#include "dh-regex.h"

#include <json-glib/json-glib.h>

G_DEFINE_QUARK (dh-blocklists-error-quark, dh_blocklists_error)

/* The public structs come first so that a pointer to one is a pointer to the other. */
typedef struct {
  DhBlocklistListing  pub;
  DhLazyRegex         pattern;   /* compiled on first use */
} Listing;

typedef struct {
  DhBlocklist  pub;
  DhLazyRegex  pattern;
} List;

struct _DhBlocklists {
  GStringChunk *strings;  /* every string the structs point to */
  GPtrArray    *lists;    /* List* */
};

static const char *scope_names[] = { "ip", "range", "network", "domain", NULL };

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  dh_lazy_regex_clear (&listing->pattern);
  g_free (listing);
}

static void
zone_free (gpointer data)
{
  DhBlocklistZone *zone = data;

  g_clear_pointer (&zone->answers, g_ptr_array_unref);
  g_free (zone);
}

static void
list_free (gpointer data)
{
  List *list = data;

  dh_lazy_regex_clear (&list->pattern);
  g_clear_pointer (&list->pub.listings, g_ptr_array_unref);
  g_clear_pointer (&list->pub.zones, g_ptr_array_unref);
  g_free (list);
}

void
dh_blocklists_free (DhBlocklists *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  if (self->strings)
    g_string_chunk_free (self->strings);
  g_free (self);
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DH_BLOCKLISTS_ERROR, DH_BLOCKLISTS_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
compile (DhLazyRegex  *lazy,
         const char   *pattern,
         gboolean      now,
         const char   *where,
         GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (pattern == NULL || *pattern == '\0')
    return invalid (error, "%s: no pattern", where);
  if (!dh_lazy_regex_init (lazy, pattern, G_REGEX_CASELESS, now, &local_error))
    return invalid (error, "%s: bad pattern: %s", where, local_error->message);
  return TRUE;
}

static gboolean
parse_scope (JsonObject       *object,
             const char       *where,
             DhBlocklistScope  fallback,
             DhBlocklistScope *scope,
             GError          **error)
{
  const char *name = dh_json_get_string (object, "scope");

  *scope = fallback;
  if (name == NULL)
    return TRUE;
  for (guint i = 0; scope_names[i]; i++)
    if (g_str_equal (scope_names[i], name))
      {
        *scope = i;
        return TRUE;
      }
  return invalid (error, "%s: unknown scope “%s”", where, name);
}

/* An answer code is an IPv4 address in 127.0.0.0/8, as DNS block lists answer. */
static gboolean
valid_code (const char *code)
{
  g_autoptr(GInetAddress) address = NULL;

  if (code == NULL || (address = g_inet_address_new_from_string (code)) == NULL)
    return FALSE;
  return g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 && g_str_has_prefix (code, "127.");
}

static const DhBlocklistListing *
find_listing (List       *list,
              const char *id)
{
  for (guint i = 0; i < list->pub.listings->len; i++)
    {
      const DhBlocklistListing *listing = g_ptr_array_index (list->pub.listings, i);

      if (g_str_equal (listing->id, id))
        return listing;
    }
  return NULL;
}

static gboolean
load_answers (DhBlocklists    *self,
              List            *list,
              DhBlocklistZone *zone,
              JsonArray       *array,
              gboolean         errors,
              GError         **error)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = dh_json_array_get_object (array, i);
      const char *code = object ? dh_json_get_string (object, "code") : NULL;
      const char *listing_id = object ? dh_json_get_string (object, "listing") : NULL;
      const char *reason = object ? dh_json_get_string (object, "error") : NULL;
      DhBlocklistAnswer *answer;

      if (!valid_code (code))
        return invalid (error, "zone %s: answer %u: the code must be an address in 127.0.0.0/8", zone->zone, i);
      if (dh_blocklist_zone_get_answer (zone, code) != NULL)
        return invalid (error, "zone %s: answer %s appears twice", zone->zone, code);
      if (errors != (reason != NULL) || (errors && listing_id != NULL))
        return invalid (error, "zone %s: answer %s: %s", zone->zone, code,
                        errors ? "an error has an error id and no listing" : "a listing has no error id");

      answer = g_new0 (DhBlocklistAnswer, 1);
      g_ptr_array_add (zone->answers, answer);
      answer->code = g_string_chunk_insert_const (self->strings, code);
      if (reason)
        answer->error = g_string_chunk_insert_const (self->strings, reason);
      if (listing_id && (answer->listing = find_listing (list, listing_id)) == NULL)
        return invalid (error, "zone %s: answer %s names an unknown listing “%s”", zone->zone, code, listing_id);
    }
  return TRUE;
}

static gboolean
load_list (DhBlocklists  *self,
           JsonObject    *object,
           GHashTable    *ids,
           gboolean       now,
           GError       **error)
{
  List *list = g_new0 (List, 1);
  const char *id = dh_json_get_string (object, "id");
  const char *name = dh_json_get_string (object, "name");
  const char *url = dh_json_get_string (object, "url");
  JsonArray *array;

  list->pub.listings = g_ptr_array_new_with_free_func (listing_free);
  list->pub.zones = g_ptr_array_new_with_free_func (zone_free);
  g_ptr_array_add (self->lists, list);

  if (id == NULL || name == NULL)
    return invalid (error, "list %u: no id or name", self->lists->len - 1);
  if (!g_hash_table_add (ids, (gpointer) id))
    return invalid (error, "list %s: the id is used twice", id);
  list->pub.id = g_string_chunk_insert_const (self->strings, id);
  list->pub.name = g_string_chunk_insert_const (self->strings, name);
  /* The app opens only fixed https addresses. */
  if (url != NULL && !g_str_has_prefix (url, "https://"))
    return invalid (error, "list %s: the url must be https", id);
  list->pub.url = url ? g_string_chunk_insert_const (self->strings, url) : NULL;
  if (!parse_scope (object, id, DH_BLOCKLIST_SCOPE_IP, &list->pub.scope, error))
    return FALSE;
  if (!compile (&list->pattern, dh_json_get_string (object, "pattern"), now, id, error))
    return FALSE;

  array = dh_json_get_array (object, "listings");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = dh_json_array_get_object (array, i);
      const char *listing_id = entry ? dh_json_get_string (entry, "id") : NULL;
      const char *listing_name = entry ? dh_json_get_string (entry, "name") : NULL;
      Listing *listing;

      if (listing_id == NULL || listing_name == NULL)
        return invalid (error, "list %s: listing %u has no id or name", id, i);
      if (!g_hash_table_add (ids, (gpointer) listing_id))
        return invalid (error, "list %s: the id %s is used twice", id, listing_id);
      listing = g_new0 (Listing, 1);
      g_ptr_array_add (list->pub.listings, listing);
      listing->pub.id = g_string_chunk_insert_const (self->strings, listing_id);
      listing->pub.name = g_string_chunk_insert_const (self->strings, listing_name);
      if (!parse_scope (entry, listing_id, list->pub.scope, &listing->pub.scope, error))
        return FALSE;
      if (!compile (&listing->pattern, dh_json_get_string (entry, "pattern"), now, listing_id, error))
        return FALSE;
    }

  array = dh_json_get_array (object, "zones");
  if (array == NULL || json_array_get_length (array) == 0)
    return invalid (error, "list %s: no zones", id);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = dh_json_array_get_object (array, i);
      const char *zone_name = entry ? dh_json_get_string (entry, "zone") : NULL;
      const char *query = entry ? dh_json_get_string (entry, "query") : NULL;
      const char *test_negative, *test_positive;
      DhBlocklistZone *zone;

      if (zone_name == NULL)
        return invalid (error, "list %s: zone %u has no name", id, i);
      if (query != NULL && !g_str_equal (query, "ip") && !g_str_equal (query, "domain"))
        return invalid (error, "zone %s: unknown query “%s”", zone_name, query);
      zone = g_new0 (DhBlocklistZone, 1);
      zone->answers = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (list->pub.zones, zone);
      zone->zone = g_string_chunk_insert_const (self->strings, zone_name);
      zone->public_resolvers = dh_json_get_boolean (entry, "public_resolvers", TRUE);
      zone->query_domain = g_strcmp0 (query, "domain") == 0;
      zone->ipv6 = dh_json_get_boolean (entry, "ipv6", FALSE);
      test_negative = dh_json_get_string (entry, "test_negative");
      if (test_negative == NULL)
        test_negative = "127.0.0.1";
      if (!valid_code (test_negative))
        return invalid (error, "zone %s: the test_negative must be an address in 127.0.0.0/8", zone_name);
      zone->test_negative = g_string_chunk_insert_const (self->strings, test_negative);
      test_positive = dh_json_get_string (entry, "test_positive");
      if (test_positive == NULL)
        test_positive = "127.0.0.2";
      if (!valid_code (test_positive) || g_str_equal (test_positive, test_negative))
        return invalid (error, "zone %s: the test_positive must be an address in 127.0.0.0/8 other than the test_negative", zone_name);
      zone->test_positive = g_string_chunk_insert_const (self->strings, test_positive);
      test_positive = dh_json_get_string (entry, "test_positive_ipv6");
      if (test_positive != NULL)
        {
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (test_positive);

          if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6 || !zone->ipv6)
            return invalid (error, "zone %s: the test_positive_ipv6 must be an IPv6 address, for a zone that lists IPv6", zone_name);
          zone->test_positive_ipv6 = g_string_chunk_insert_const (self->strings, test_positive);
        }
      if (!load_answers (self, list, zone, dh_json_get_array (entry, "answers"), FALSE, error) ||
          !load_answers (self, list, zone, dh_json_get_array (entry, "errors"), TRUE, error))
        return FALSE;
      if (zone->answers->len == 0)
        return invalid (error, "zone %s: no answers", zone_name);
    }
  return TRUE;
}

/* @now: compile every pattern while loading (and so check it) rather than on first use. */
static DhBlocklists *
blocklists_load (GBytes    *json,
                 gboolean   now,
                 GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DhBlocklists) self = g_new0 (DhBlocklists, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "blocklists: not an object");
      return NULL;
    }
  self->strings = g_string_chunk_new (1024);
  self->lists = g_ptr_array_new_with_free_func (list_free);
  array = dh_json_get_array (json_node_get_object (root), "lists");
  if (array == NULL || json_array_get_length (array) == 0)
    {
      invalid (error, "blocklists: no lists");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = dh_json_array_get_object (array, i);

      if (object == NULL)
        {
          invalid (error, "list %u: not an object", i);
          return NULL;
        }
      if (!load_list (self, object, ids, now, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* Lists from elsewhere than the build: every pattern is compiled and checked here. */
DhBlocklists *
dh_blocklists_new_from_bytes (GBytes  *json,
                              GError **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  return blocklists_load (json, TRUE, error);
}

/* The lists shipped in the GResource; loaded once, kept for the life of the process. */
DhBlocklists *
dh_blocklists_get_default (void)
{
  static DhBlocklists *lists;

  if (g_once_init_enter (&lists))
    g_once_init_leave (&lists, dh_data_load ("blocklists.json", (DhDataLoadFunc) blocklists_load));
  return lists;
}

guint
dh_blocklists_get_n_lists (DhBlocklists *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lists->len;
}

const DhBlocklist *
dh_blocklists_get_list (DhBlocklists *self,
                        guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lists->len, NULL);
  return g_ptr_array_index (self->lists, index);
}

/* The first list whose pattern matches @text (a bounce's diagnostic), or NULL. @listing is set to
 * the part of that list the text names, or NULL when it names none or more than one (a bounce
 * citing "sbl-xbl.spamhaus.org" does not say which). */
const DhBlocklist *
dh_blocklists_find (DhBlocklists              *self,
                    const char                *text,
                    const DhBlocklistListing **listing)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (listing)
    *listing = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (guint i = 0; i < self->lists->len; i++)
    {
      List *list = g_ptr_array_index (self->lists, i);
      const DhBlocklistListing *found = NULL;
      guint n_found = 0;

      if (!g_regex_match (dh_lazy_regex_get (&list->pattern), text, 0, NULL))
        continue;
      for (guint l = 0; l < list->pub.listings->len; l++)
        {
          Listing *candidate = g_ptr_array_index (list->pub.listings, l);

          if (g_regex_match (dh_lazy_regex_get (&candidate->pattern), text, 0, NULL))
            {
              found = &candidate->pub;
              n_found++;
            }
        }
      if (listing && n_found == 1)
        *listing = found;
      return &list->pub;
    }
  return NULL;
}

/* What @code (an A record such as 127.0.0.2) means in @zone, or NULL when the zone does not say. */
const DhBlocklistAnswer *
dh_blocklist_zone_get_answer (const DhBlocklistZone *zone,
                              const char            *code)
{
  g_return_val_if_fail (zone != NULL, NULL);

  for (guint i = 0; code && i < zone->answers->len; i++)
    {
      const DhBlocklistAnswer *answer = g_ptr_array_index (zone->answers, i);

      if (g_str_equal (answer->code, code))
        return answer;
    }
  return NULL;
}
