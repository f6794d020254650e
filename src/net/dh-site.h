/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-site.h: is a domain's web site up, and at which address (to prefill a "web site" field). */
#pragma once

#include "dh-net.h"

G_BEGIN_DECLS

typedef struct {
  char  *domain;
  char  *url;     /* the address that answered with a status below 400, after redirects */
  guint  status;  /* that answer's HTTP status */
} DhSiteCheck;

void dh_site_check_free (DhSiteCheck *check);

/* Tries https://DOMAIN/ and then http://DOMAIN/, each with HEAD and, when HEAD is refused, GET,
 * following redirects; the first that answers below 400 wins. @domain is a host name (IDN allowed)
 * or an address, optionally with ":PORT". Each attempt takes at most options->site_timeout_ms.
 * Errors: DH_NET_ERROR_INVALID_ADDRESS for a @domain that is no host name; otherwise the error of
 * the last attempt (DH_NET_ERROR_*), or G_IO_ERROR_CANCELLED. */
void         dh_site_check_async   (const char         *domain,
                                    const DhNetOptions *options,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
DhSiteCheck *dh_site_check_finish  (GAsyncResult       *result,
                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhSiteCheck, dh_site_check_free)

G_END_DECLS
