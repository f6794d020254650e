/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-ip-check.c: owner, block lists and reverse DNS of one address, side by side. */
#include "config.h"

#include "dh-ip-check.h"
#include "dh-json.h"
#include "dh-net-private.h"

#include <glib/gi18n.h>

void
dh_ip_check_free (DhIpCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->address);
  g_clear_pointer (&check->owner, dh_rdap_result_free);
  g_clear_error (&check->owner_error);
  g_clear_pointer (&check->blocklists, dh_dnsbl_report_free);
  g_clear_error (&check->blocklists_error);
  g_clear_pointer (&check->reverse_dns, dh_reverse_dns_free);
  g_clear_error (&check->reverse_dns_error);
  g_free (check);
}

static void
add_part (JsonBuilder  *builder,
          const char   *name,
          JsonNode     *node,
          const GError *error)
{
  g_autofree char *error_name = g_strconcat (name, "_error", NULL);

  if (node)
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, node);
    }
  else if (error)
    {
      json_builder_set_member_name (builder, error_name);
      json_builder_add_value (builder, dh_net_error_to_json (error));
    }
}

JsonNode *
dh_ip_check_to_json (const DhIpCheck *check)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (check != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "address", check->address);
  add_part (builder, "owner", check->owner ? dh_rdap_result_to_json (check->owner) : NULL, check->owner_error);
  add_part (builder, "blocklists", check->blocklists ? dh_dnsbl_report_to_json (check->blocklists) : NULL,
            check->blocklists_error);
  add_part (builder, "reverse_dns", check->reverse_dns ? dh_reverse_dns_to_json (check->reverse_dns) : NULL,
            check->reverse_dns_error);
  /* No block list answered anything: the other parts' "no such name" (no PTR, no registry host)
   * is then what an offline computer hears, not a fact about the address. */
  if (check->blocklists && check->blocklists->offline)
    {
      json_builder_set_member_name (builder, "offline");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct {
  DhIpCheck    *check;
  guint         pending;
  GCancellable *cancellable;          /* the caller's, or NULL */
  GCancellable *reverse_cancellable;  /* the reverse DNS's own, cancelled with the caller's */
  gulong        cancelled_id;
} Run;

static void
cancel_child (GCancellable *cancellable,
              gpointer      child)
{
  g_cancellable_cancel (child);
}

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_pointer (&run->check, dh_ip_check_free);
  if (run->cancellable)
    g_cancellable_disconnect (run->cancellable, run->cancelled_id);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->reverse_cancellable);
  g_free (run);
}

static void
part_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (--run->pending == 0)
    g_task_return_pointer (task, g_steal_pointer (&run->check), (GDestroyNotify) dh_ip_check_free);
  g_object_unref (task);
}

static void
owner_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Run *run = g_task_get_task_data (user_data);

  run->check->owner = dh_rdap_lookup_finish (res, &run->check->owner_error);
  part_done (user_data);
}

static void
blocklists_done (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Run *run = g_task_get_task_data (user_data);

  run->check->blocklists = dh_dnsbl_check_finish (res, &run->check->blocklists_error);
  /* Not one block-list question was answered: the reverse DNS asks the same name servers, and
   * waiting for its own time limit would only say the same thing later. */
  if (run->check->blocklists && run->check->blocklists->offline)
    g_cancellable_cancel (run->reverse_cancellable);
  part_done (user_data);
}

static void
reverse_dns_done (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Run *run = g_task_get_task_data (user_data);

  run->check->reverse_dns = dh_reverse_dns_finish (res, &run->check->reverse_dns_error);
  if (g_error_matches (run->check->reverse_dns_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (run->cancellable))
    {
      g_clear_error (&run->check->reverse_dns_error);
      run->check->reverse_dns_error =
        g_error_new_literal (DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                             _("No name server answered: this computer seems to be offline."));
    }
  part_done (user_data);
}

void
dh_ip_check_async (GInetAddress       *address,
                   DhIpCheckParts      parts,
                   DhBlocklists       *lists,
                   const DhNetOptions *options,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_ip_check_async);
  run = g_new0 (Run, 1);
  g_task_set_task_data (task, run, run_free);
  run->check = g_new0 (DhIpCheck, 1);
  run->check->address = g_inet_address_to_string (address);
  run->reverse_cancellable = g_cancellable_new ();
  if (cancellable)
    {
      run->cancellable = g_object_ref (cancellable);
      run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_child),
                                                 g_object_ref (run->reverse_cancellable), g_object_unref);
    }
  /* One count for this function, so that the task cannot finish before every part has started. */
  run->pending = 1;
  if (parts & DH_IP_CHECK_OWNER)
    {
      run->pending++;
      dh_rdap_lookup_async (address, options, cancellable, owner_done, g_object_ref (task));
    }
  if (parts & DH_IP_CHECK_BLOCKLISTS)
    {
      run->pending++;
      dh_dnsbl_check_async (address, lists, options, cancellable, blocklists_done, g_object_ref (task));
    }
  if (parts & DH_IP_CHECK_REVERSE_DNS)
    {
      run->pending++;
      dh_reverse_dns_async (address, options, run->reverse_cancellable, reverse_dns_done, g_object_ref (task));
    }
  part_done (g_steal_pointer (&task));
}

DhIpCheck *
dh_ip_check_finish (GAsyncResult  *result,
                    GError       **error)
{
  return dh_net_task_propagate_pointer (result, dh_ip_check_async, error);
}
