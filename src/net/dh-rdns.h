/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rdns.h: the reverse DNS name (PTR) of an IP address, and whether it leads back to the address. */
#pragma once

#include "dh-net.h"

G_BEGIN_DECLS

typedef struct {
  char     *address;
  char     *ptr;                /* the PTR name, or NULL when there is none */
  char    **forward_addresses;  /* the addresses the PTR name resolves to; never NULL */
  gboolean  forward_confirmed;  /* @address is one of them (forward-confirmed reverse DNS) */
} DhReverseDns;

void          dh_reverse_dns_free    (DhReverseDns       *rdns);
JsonNode     *dh_reverse_dns_to_json (const DhReverseDns *rdns);

/* Looks up the PTR of @address through the default GResolver, then the addresses of that name.
 * No PTR is a result (ptr NULL), not an error. Both lookups together take at most
 * options->dnsbl_timeout_ms. Errors: DH_NET_ERROR_TIMEOUT, DH_NET_ERROR_UNREACHABLE (the resolver
 * failed), G_IO_ERROR_CANCELLED. */
void          dh_reverse_dns_async   (GInetAddress       *address,
                                      const DhNetOptions *options,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
DhReverseDns *dh_reverse_dns_finish  (GAsyncResult       *result,
                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhReverseDns, dh_reverse_dns_free)

G_END_DECLS
