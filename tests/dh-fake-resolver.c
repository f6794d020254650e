/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-fake-resolver.c: a GResolver test double: tests install it with g_resolver_set_default (). */
#include "config.h"

#include "dh-fake-resolver.h"
#include "dh-dnsbl.h"

struct _DhFakeResolver
{
  GResolver   parent_instance;

  GHashTable *names;     /* name → GPtrArray of address strings */
  GHashTable *ptrs;      /* address string → name */
  GHashTable *delays;    /* suffix → delay in ms (GUINT_TO_POINTER) */
  GHashTable *failing;   /* suffix set */
  char       *rewrite;
  guint       n_lookups;
};

G_DEFINE_FINAL_TYPE (DhFakeResolver, dh_fake_resolver, G_TYPE_RESOLVER)

static const char *
match_suffix (GHashTable *table,
              const char *name)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_suffix (name, key))
      return key;
  return NULL;
}

/* What @name answers, as a list of GInetAddress, or an error. */
static GList *
answer_name (DhFakeResolver          *self,
             const char              *name,
             GResolverNameLookupFlags flags,
             GError                 **error)
{
  GPtrArray *addresses = g_hash_table_lookup (self->names, name);
  GList *list = NULL;

  if (match_suffix (self->failing, name))
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE, "SERVFAIL for %s", name);
      return NULL;
    }
  for (guint i = 0; addresses && i < addresses->len; i++)
    {
      GInetAddress *address = g_inet_address_new_from_string (g_ptr_array_index (addresses, i));
      GSocketFamily family = g_inet_address_get_family (address);

      if (((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY) && family != G_SOCKET_FAMILY_IPV4) ||
          ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) && family != G_SOCKET_FAMILY_IPV6))
        g_object_unref (address);
      else
        list = g_list_append (list, address);
    }
  if (addresses == NULL && self->rewrite && !(flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY))
    list = g_list_append (list, g_inet_address_new_from_string (self->rewrite));
  if (list == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such name: %s", name);
  return list;
}

/* An answer waiting for its delay, or for a cancellation that never comes for a silent name. */
typedef struct {
  GTask        *task;
  GList        *addresses;
  char         *ptr;
  GError       *error;
  GSource      *timer;
  GCancellable *cancellable;
  gulong        cancelled_id;
  GSource      *cancel_idle;
} Pending;

static void
pending_complete (Pending *pending,
                  gboolean cancelled)
{
  if (pending->timer)
    {
      g_source_destroy (pending->timer);
      g_source_unref (pending->timer);
    }
  if (pending->cancel_idle)
    {
      g_source_destroy (pending->cancel_idle);
      g_source_unref (pending->cancel_idle);
    }
  if (pending->cancelled_id)
    g_cancellable_disconnect (pending->cancellable, pending->cancelled_id);
  if (cancelled)
    {
      g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
      g_resolver_free_addresses (pending->addresses);
      g_free (pending->ptr);
      g_clear_error (&pending->error);
    }
  else if (pending->error)
    g_task_return_error (pending->task, pending->error);
  else if (pending->ptr)
    g_task_return_pointer (pending->task, pending->ptr, g_free);
  else
    g_task_return_pointer (pending->task, pending->addresses, (GDestroyNotify) g_resolver_free_addresses);
  g_object_unref (pending->task);
  g_clear_object (&pending->cancellable);
  g_free (pending);
}

static gboolean
pending_timeout (gpointer data)
{
  pending_complete (data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
pending_cancel_idle (gpointer data)
{
  pending_complete (data, TRUE);
  return G_SOURCE_REMOVE;
}

static void
pending_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  Pending *pending = data;

  /* Not from inside the signal: g_cancellable_disconnect () there would deadlock. */
  if (pending->cancel_idle == NULL)
    {
      pending->cancel_idle = g_idle_source_new ();
      g_source_set_callback (pending->cancel_idle, pending_cancel_idle, pending, NULL);
      g_source_attach (pending->cancel_idle, g_main_context_get_thread_default ());
    }
}

static void
answer_later (DhFakeResolver *self,
              GTask          *task,
              const char     *name,
              GList          *addresses,
              char           *ptr,
              GError         *error)
{
  const char *suffix = match_suffix (self->delays, name);
  guint delay = suffix ? GPOINTER_TO_UINT (g_hash_table_lookup (self->delays, suffix)) : 0;
  Pending *pending = g_new0 (Pending, 1);

  pending->task = task;
  pending->addresses = addresses;
  pending->ptr = ptr;
  pending->error = error;
  if (delay != G_MAXUINT)
    {
      pending->timer = g_timeout_source_new (delay);
      g_source_set_callback (pending->timer, pending_timeout, pending, NULL);
      g_source_attach (pending->timer, g_main_context_get_thread_default ());
    }
  if (g_task_get_cancellable (task))
    {
      pending->cancellable = g_object_ref (g_task_get_cancellable (task));
      pending->cancelled_id = g_cancellable_connect (pending->cancellable, G_CALLBACK (pending_cancelled), pending, NULL);
    }
}

static void
lookup_name_async (GResolver               *resolver,
                   const char              *name,
                   GResolverNameLookupFlags flags,
                   GCancellable            *cancellable,
                   GAsyncReadyCallback      callback,
                   gpointer                 user_data)
{
  DhFakeResolver *self = DH_FAKE_RESOLVER (resolver);
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *addresses;

  g_task_set_check_cancellable (task, FALSE);
  self->n_lookups++;
  addresses = answer_name (self, name, flags, &error);
  answer_later (self, task, name, addresses, NULL, error);
}

static void
dh_fake_resolver_lookup_by_name_async (GResolver          *resolver,
                                       const char         *name,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  lookup_name_async (resolver, name, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, cancellable, callback, user_data);
}

static GList *
dh_fake_resolver_lookup_by_name_finish (GResolver    *resolver,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
dh_fake_resolver_lookup_by_name (GResolver    *resolver,
                                 const char   *name,
                                 GCancellable *cancellable,
                                 GError      **error)
{
  DH_FAKE_RESOLVER (resolver)->n_lookups++;
  return answer_name (DH_FAKE_RESOLVER (resolver), name, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, error);
}

static GList *
dh_fake_resolver_lookup_by_name_with_flags (GResolver               *resolver,
                                            const char              *name,
                                            GResolverNameLookupFlags flags,
                                            GCancellable            *cancellable,
                                            GError                 **error)
{
  DH_FAKE_RESOLVER (resolver)->n_lookups++;
  return answer_name (DH_FAKE_RESOLVER (resolver), name, flags, error);
}

static void
dh_fake_resolver_lookup_by_address_async (GResolver          *resolver,
                                          GInetAddress       *address,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  DhFakeResolver *self = DH_FAKE_RESOLVER (resolver);
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);
  g_autofree char *text = g_inet_address_to_string (address);
  const char *name = g_hash_table_lookup (self->ptrs, text);
  GError *error = NULL;

  g_task_set_check_cancellable (task, FALSE);
  self->n_lookups++;
  if (name == NULL)
    g_set_error (&error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No PTR for %s", text);
  answer_later (self, task, text, NULL, g_strdup (name), error);
}

static char *
dh_fake_resolver_lookup_by_address_finish (GResolver    *resolver,
                                           GAsyncResult *result,
                                           GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
dh_fake_resolver_lookup_by_address (GResolver    *resolver,
                                    GInetAddress *address,
                                    GCancellable *cancellable,
                                    GError      **error)
{
  DhFakeResolver *self = DH_FAKE_RESOLVER (resolver);
  g_autofree char *text = g_inet_address_to_string (address);
  const char *name = g_hash_table_lookup (self->ptrs, text);

  self->n_lookups++;
  if (name == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No PTR for %s", text);
  return g_strdup (name);
}

/* Nothing in Delist Helper asks for SRV or other records: any such lookup is a test failure. */
static GList *
dh_fake_resolver_lookup_records (GResolver            *resolver,
                                 const char           *rrname,
                                 GResolverRecordType   record_type,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No records for %s in the test resolver", rrname);
  return NULL;
}

static void
dh_fake_resolver_lookup_records_async (GResolver           *resolver,
                                       const char          *rrname,
                                       GResolverRecordType  record_type,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No records for %s in the test resolver", rrname);
}

static GList *
dh_fake_resolver_lookup_records_finish (GResolver    *resolver,
                                        GAsyncResult *result,
                                        GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dh_fake_resolver_finalize (GObject *object)
{
  DhFakeResolver *self = DH_FAKE_RESOLVER (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->ptrs, g_hash_table_unref);
  g_clear_pointer (&self->delays, g_hash_table_unref);
  g_clear_pointer (&self->failing, g_hash_table_unref);
  g_free (self->rewrite);
  G_OBJECT_CLASS (dh_fake_resolver_parent_class)->finalize (object);
}

static void
dh_fake_resolver_class_init (DhFakeResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = dh_fake_resolver_finalize;
  resolver_class->lookup_by_name = dh_fake_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = dh_fake_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = dh_fake_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = dh_fake_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = lookup_name_async;
  resolver_class->lookup_by_name_with_flags_finish = dh_fake_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_address = dh_fake_resolver_lookup_by_address;
  resolver_class->lookup_by_address_async = dh_fake_resolver_lookup_by_address_async;
  resolver_class->lookup_by_address_finish = dh_fake_resolver_lookup_by_address_finish;
  resolver_class->lookup_records = dh_fake_resolver_lookup_records;
  resolver_class->lookup_records_async = dh_fake_resolver_lookup_records_async;
  resolver_class->lookup_records_finish = dh_fake_resolver_lookup_records_finish;
}

static void
dh_fake_resolver_init (DhFakeResolver *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->ptrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->delays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DhFakeResolver *
dh_fake_resolver_new (void)
{
  return g_object_new (DH_TYPE_FAKE_RESOLVER, NULL);
}

void
dh_fake_resolver_add_address (DhFakeResolver *self,
                              const char     *name,
                              const char     *address)
{
  GPtrArray *addresses = g_hash_table_lookup (self->names, name);

  if (addresses == NULL)
    {
      addresses = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->names, g_strdup (name), addresses);
    }
  g_ptr_array_add (addresses, g_strdup (address));
}

/* What a working block list answers for its test entries (RFC 5782): 127.0.0.2, and for an IPv6
 * zone ::ffff:7f00:2, are listed. */
void
dh_fake_resolver_add_test_entries (DhFakeResolver     *self,
                                   DhBlocklists       *lists,
                                   const DhNetOptions *options)
{
  if (lists == NULL)
    lists = dh_blocklists_get_default ();
  for (guint i = 0; i < dh_blocklists_get_n_lists (lists); i++)
    {
      const DhBlocklist *list = dh_blocklists_get_list (lists, i);

      for (guint z = 0; z < list->zones->len; z++)
        {
          const DhBlocklistZone *zone = g_ptr_array_index (list->zones, z);
          g_autofree char *zone_name = dh_dnsbl_zone_name (zone, options);
          const char *entries[] = { zone->test_positive, zone->test_positive_ipv6 };

          for (guint e = 0; e < G_N_ELEMENTS (entries); e++)
            {
              g_autoptr(GInetAddress) entry = entries[e] ? g_inet_address_new_from_string (entries[e]) : NULL;
              g_autofree char *name = entry ? dh_dnsbl_query_name (entry, zone_name) : NULL;

              if (name != NULL)
                dh_fake_resolver_add_address (self, name, "127.0.0.2");
            }
        }
    }
}

void
dh_fake_resolver_add_ptr (DhFakeResolver *self,
                          const char     *address,
                          const char     *name)
{
  g_hash_table_insert (self->ptrs, g_strdup (address), g_strdup (name));
}

void
dh_fake_resolver_set_delay (DhFakeResolver *self,
                            const char     *suffix,
                            guint           delay_ms)
{
  g_hash_table_insert (self->delays, g_strdup (suffix), GUINT_TO_POINTER (delay_ms));
}

void
dh_fake_resolver_set_failing (DhFakeResolver *self,
                              const char     *suffix)
{
  g_hash_table_add (self->failing, g_strdup (suffix));
}

void
dh_fake_resolver_set_rewrite (DhFakeResolver *self,
                              const char     *address)
{
  g_free (self->rewrite);
  self->rewrite = g_strdup (address);
}

guint
dh_fake_resolver_get_n_lookups (DhFakeResolver *self)
{
  return self->n_lookups;
}
