/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rdns.c: PTR lookup and its forward confirmation through GResolver. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-json.h"
#include "dh-rdns.h"
#include "dh-net-private.h"

void
dh_reverse_dns_free (DhReverseDns *rdns)
{
  if (rdns == NULL)
    return;
  g_free (rdns->address);
  g_free (rdns->ptr);
  g_strfreev (rdns->forward_addresses);
  g_free (rdns);
}

JsonNode *
dh_reverse_dns_to_json (const DhReverseDns *rdns)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (rdns != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "address", rdns->address);
  dh_json_add_string (builder, "ptr", rdns->ptr);
  dh_json_add_strv (builder, "forward_addresses", rdns->forward_addresses);
  json_builder_set_member_name (builder, "forward_confirmed");
  json_builder_add_boolean_value (builder, rdns->forward_confirmed);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct {
  GInetAddress *address;
  DhReverseDns *rdns;
  DhDeadline   *deadline;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_clear_object (&lookup->address);
  g_clear_pointer (&lookup->rdns, dh_reverse_dns_free);
  g_clear_pointer (&lookup->deadline, dh_deadline_free);
  g_free (lookup);
}

/* A resolver failure other than "no such name", as a DH_NET_ERROR (or the caller's cancellation). */
static void
return_resolver_error (GTask  *task,
                       GError *resolver_error)
{
  Lookup *lookup = g_task_get_task_data (task);
  GError *error = NULL;

  switch (dh_net_failure_from_io (resolver_error, lookup->deadline))
    {
    case DH_NET_FAILURE_CANCELLED:
      error = g_error_copy (resolver_error);
      break;
    case DH_NET_FAILURE_TIMEOUT:
      error = g_error_new_literal (DH_NET_ERROR, DH_NET_ERROR_TIMEOUT,
                                   _("The name server did not answer in time."));
      break;
    case DH_NET_FAILURE_NO_SUCH_HOST:   /* "no such name" is an answer: the callers take it first */
    case DH_NET_FAILURE_UNREACHABLE:
    default:
      error = g_error_new (DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                           /* Translators: %s is the reason from the system. */
                           _("The name server cannot be asked: %s"), resolver_error->message);
      break;
    }
  g_task_return_error (task, error);
}

static void
forward_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GList *addresses;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), res, &error);
  if (error && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    {
      return_resolver_error (task, error);
      return;
    }
  for (GList *l = addresses; l; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);

      g_strv_builder_add (builder, text);
      if (g_inet_address_equal (l->data, lookup->address))
        lookup->rdns->forward_confirmed = TRUE;
    }
  g_resolver_free_addresses (addresses);
  g_strfreev (lookup->rdns->forward_addresses);
  lookup->rdns->forward_addresses = g_strv_builder_end (builder);
  g_task_return_pointer (task, g_steal_pointer (&lookup->rdns), (GDestroyNotify) dh_reverse_dns_free);
}

static void
reverse_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *name;

  name = g_resolver_lookup_by_address_finish (G_RESOLVER (source), res, &error);
  if (name == NULL)
    {
      if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
        g_task_return_pointer (task, g_steal_pointer (&lookup->rdns), (GDestroyNotify) dh_reverse_dns_free);
      else
        return_resolver_error (task, error);
      return;
    }
  lookup->rdns->ptr = name;
  g_resolver_lookup_by_name_async (G_RESOLVER (source), name, lookup->deadline->cancellable,
                                   forward_done, g_steal_pointer (&task));
}

void
dh_reverse_dns_async (GInetAddress       *address,
                      const DhNetOptions *options,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  GTask *task;
  Lookup *lookup;

  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_reverse_dns_async);
  lookup = g_new0 (Lookup, 1);
  g_task_set_task_data (task, lookup, lookup_free);
  lookup->address = g_object_ref (address);
  lookup->rdns = g_new0 (DhReverseDns, 1);
  lookup->rdns->address = g_inet_address_to_string (address);
  lookup->rdns->forward_addresses = g_new0 (char *, 1);
  lookup->deadline = dh_deadline_new (cancellable, options ? options->dnsbl_timeout_ms : DH_NET_DEFAULT_DNSBL_TIMEOUT_MS);
  g_resolver_lookup_by_address_async (resolver, address, lookup->deadline->cancellable, reverse_done, task);
}

DhReverseDns *
dh_reverse_dns_finish (GAsyncResult  *result,
                       GError       **error)
{
  return dh_net_task_propagate_pointer (result, dh_reverse_dns_async, error);
}
