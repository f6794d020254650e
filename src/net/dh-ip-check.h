/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-ip-check.h: every online check of one IP address at once: owner, block lists, reverse DNS. */
#pragma once

#include "dh-net.h"
#include "dh-rdap.h"
#include "dh-dnsbl.h"
#include "dh-rdns.h"

G_BEGIN_DECLS

typedef enum {
  DH_IP_CHECK_OWNER       = 1 << 0,  /* RDAP */
  DH_IP_CHECK_BLOCKLISTS  = 1 << 1,  /* DNS block lists */
  DH_IP_CHECK_REVERSE_DNS = 1 << 2,  /* PTR and its forward confirmation */
  DH_IP_CHECK_ALL         = 0x7,
} DhIpCheckParts;

/* Each part that ran is either its result or the error that stopped it (never both). */
typedef struct {
  char          *address;
  DhRdapResult  *owner;
  GError        *owner_error;
  DhDnsblReport *blocklists;
  GError        *blocklists_error;
  DhReverseDns  *reverse_dns;
  GError        *reverse_dns_error;
} DhIpCheck;

void       dh_ip_check_free    (DhIpCheck       *check);
/* {"address", "owner" | "owner_error", "blocklists" | "blocklists_error",
 *  "reverse_dns" | "reverse_dns_error"}; errors as dh_net_error_to_json (). */
JsonNode  *dh_ip_check_to_json (const DhIpCheck *check);

/* Runs the @parts asked for side by side: dh_rdap_lookup_async (), dh_dnsbl_check_async () (with
 * @lists, NULL for the built-in ones) and dh_reverse_dns_async (); done when the last is. Fails
 * only with G_IO_ERROR_CANCELLED; each part's own failure is kept in the result. */
void       dh_ip_check_async   (GInetAddress       *address,
                                DhIpCheckParts      parts,
                                DhBlocklists       *lists,
                                const DhNetOptions *options,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
DhIpCheck *dh_ip_check_finish  (GAsyncResult       *result,
                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhIpCheck, dh_ip_check_free)

G_END_DECLS
