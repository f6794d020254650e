/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rdap.h: who owns an IP address, asked of its registry over RDAP (RFC 9083, RFC 9224). */
#pragma once

#include "dh-net.h"

G_BEGIN_DECLS

/* What the registry says about the network an address belongs to. Every string may be NULL when
 * the registry does not say. */
typedef struct {
  char     *address;               /* the address asked about, normalised */
  char     *registry_url;          /* the registry base asked ("https://rdap.arin.net/registry/") */
  char     *url;                   /* the address that answered, after redirects */
  char     *handle;                /* "NET-203-0-112-0-1", "203.0.112.0 - 203.0.113.255" */
  char     *name;                  /* the network's name; the handle when it has none */
  char     *start_address;
  char     *end_address;
  char    **cidrs;                 /* the range as prefixes ("203.0.112.0/23"); never NULL, may be empty */
  char     *country;               /* ISO 3166 code, "JP" */
  char     *organisation;          /* the registrant's name, else the first description line */
  char     *abuse_email;           /* where to report abuse of this address: the best guess */
  char     *abuse_email_source;    /* "entity" (an entity with the abuse role) or "remarks" */
  char     *registry_abuse_email;  /* the abuse entity's own address when remarks gave a better
                                    * one (JPNIC ranges: hostmaster@nic.ad.jp) */
  char     *port43;                /* the registry's whois server */
  gboolean  jpnic;                 /* the range is managed by JPNIC */
} DhRdapResult;

DhRdapResult *dh_rdap_result_new_from_json (const char         *address,
                                            GBytes             *json,
                                            GError            **error);
void          dh_rdap_result_free          (DhRdapResult       *result);
JsonNode     *dh_rdap_result_to_json       (const DhRdapResult *result);

/* Asks the registry of @address (from the bootstrap data, or options->rdap_base_url) for the
 * network it belongs to, following redirects (ARIN sends APNIC's addresses to APNIC). @options
 * may be NULL for the defaults. Errors: DH_NET_ERROR (each failure its own code), or
 * G_IO_ERROR_CANCELLED. */
void          dh_rdap_lookup_async         (GInetAddress       *address,
                                            const DhNetOptions *options,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
DhRdapResult *dh_rdap_lookup_finish        (GAsyncResult       *result,
                                            GError            **error);

/* The registry base URL that bootstrap data @json (IANA's ipv4.json or ipv6.json format) names for
 * @address: the longest matching prefix, its first https URL. NULL with DH_NET_ERROR_MALFORMED or
 * DH_NET_ERROR_NO_REGISTRY. */
char         *dh_rdap_bootstrap_find       (GBytes             *json,
                                            GInetAddress       *address,
                                            GError            **error);
/* The bootstrap data in use for @family: the refreshed copy in the cache folder when there is a
 * readable one, else the copy built into the program. */
GBytes       *dh_rdap_bootstrap_load       (const DhNetOptions *options,
                                            GSocketFamily       family);
/* How old the refreshed copy may get before it is refreshed again: IANA changes the files rarely. */
#define DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS 30

/* When the refreshed copy in the cache folder was written, or NULL when there is none (the
 * built-in copy is in use). */
GDateTime    *dh_rdap_bootstrap_get_cache_time (const DhNetOptions *options);
/* Whether the bootstrap data wants refreshing: there is no refreshed copy, or it is
 * DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS old (or written in the future, by a clock set wrong). */
gboolean      dh_rdap_bootstrap_is_stale       (const DhNetOptions *options);
/* Fetches ipv4.json and ipv6.json from options->rdap_bootstrap_url (IANA by default) and keeps
 * them in the cache folder; the cached copy is left alone unless both arrive and parse. */
void          dh_rdap_bootstrap_refresh_async  (const DhNetOptions *options,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean      dh_rdap_bootstrap_refresh_finish (GAsyncResult       *result,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhRdapResult, dh_rdap_result_free)

G_END_DECLS
