/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-net.h: what every online check shares: the error domain and the options a caller fills in.
 *
 * The checks (each an _async / _finish pair on GTask that takes a GCancellable and runs in the
 * caller's thread-default main context):
 *   dh-rdap.h      dh_rdap_lookup_async ()       who owns an address (RDAP), DhRdapResult
 *   dh-dnsbl.h     dh_dnsbl_check_async ()       which DNS block lists list it, DhDnsblReport
 *   dh-rdns.h      dh_reverse_dns_async ()       its PTR and forward confirmation, DhReverseDns
 *   dh-site.h      dh_site_check_async ()        which address of a domain's web site answers
 *   dh-ip-check.h  dh_ip_check_async ()          the first three side by side, DhIpCheck
 * Each result has a _free and a _to_json. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Errors of the online checks. Each message is translated and names the server involved; a
 * cancelled call returns G_IO_ERROR_CANCELLED instead. */
#define DH_NET_ERROR (dh_net_error_quark ())
GQuark dh_net_error_quark (void);

typedef enum {
  DH_NET_ERROR_INVALID_ADDRESS,  /* not an address that can be looked up */
  DH_NET_ERROR_UNREACHABLE,      /* offline, connection refused, no route, TLS failure */
  DH_NET_ERROR_NO_SUCH_HOST,     /* the server's name does not exist (NXDOMAIN) */
  DH_NET_ERROR_TIMEOUT,          /* no answer within the time allowed */
  DH_NET_ERROR_NOT_FOUND,        /* HTTP 404: the registry has no object for this address */
  DH_NET_ERROR_RATE_LIMITED,     /* HTTP 429; dh_net_error_get_retry_after () says for how long */
  DH_NET_ERROR_SERVER,           /* HTTP 5xx */
  DH_NET_ERROR_HTTP,             /* another HTTP status that is not success */
  DH_NET_ERROR_MALFORMED,        /* the answer is not the JSON it should be */
  DH_NET_ERROR_NO_REGISTRY,      /* the bootstrap data names no registry for the address */
  DH_NET_ERROR_TOO_LARGE,        /* the answer is larger than such an answer can sensibly be */
  DH_NET_ERROR_TOO_MANY_REDIRECTS, /* more than DH_NET_MAX_REDIRECTS redirects */
  DH_NET_ERROR_REDIRECT_REFUSED, /* a redirect to an address the checks do not follow (not https,
                                  * or not a public address) */
} DhNetError;

guint       dh_net_error_get_retry_after (const GError *error);
const char *dh_net_error_to_id           (const GError *error);

/* The defaults of DhNetOptions. */
#define DH_NET_DEFAULT_RDAP_TIMEOUT_MS  15000
#define DH_NET_DEFAULT_DNSBL_TIMEOUT_MS 6000
#define DH_NET_DEFAULT_SITE_TIMEOUT_MS  10000
#define DH_NET_DEFAULT_BOOTSTRAP_URL    "https://data.iana.org/rdap/"

/* Bounds on what a server can make the checks do. A real RDAP answer is a few kilobytes (ARIN's
 * largest, with every contact nested, some tens); IANA's bootstrap files about 10 KB. */
#define DH_RDAP_MAX_ANSWER_BYTES        (1024 * 1024)
#define DH_RDAP_MAX_BOOTSTRAP_BYTES     (1024 * 1024)
#define DH_SITE_MAX_BODY_BYTES          (256 * 1024)
#define DH_NET_MAX_REDIRECTS            5

/* Whether a redirect may lead to @address: not loopback, private, link-local, shared
 * (100.64/10), unspecified, multicast or documentation; an IPv4-mapped IPv6 address counts as the
 * IPv4 address. */
gboolean dh_net_address_is_public (GInetAddress *address);

/* Everything a caller may change about the checks. The library makes no GSettings: the CLI and
 * the GUI pass theirs to dh_net_options_apply_settings () and then call dh_net_options_apply_env (). Strings are owned; NULL or "" means the default. A time limit of 0 means none. */
typedef struct {
  char  *rdap_base_url;        /* a registry base ("https://rdap.apnic.net/") to ask instead of
                                * the one the bootstrap data names; env DH_RDAP_BASE_URL */
  char  *rdap_bootstrap_url;   /* where ipv4.json and ipv6.json are fetched on refresh (ends in
                                * "/"); env DH_RDAP_BOOTSTRAP_URL */
  char  *cache_dir;            /* where a refreshed bootstrap is kept; default
                                * $XDG_CACHE_HOME/delist-helper */
  guint  rdap_timeout_ms;      /* per RDAP request, redirects included; env DH_RDAP_TIMEOUT_MS */
  guint  dnsbl_timeout_ms;     /* the bound on all block-list lookups together, and on the PTR
                                * lookup with its forward confirmation; env DH_DNSBL_TIMEOUT_MS */
  guint  site_timeout_ms;      /* per address tried by the site check; env DH_SITE_TIMEOUT_MS */
  char  *dnsbl_zone_suffix;    /* appended to every zone ("example.test" makes zen.spamhaus.org
                                * zen.spamhaus.org.example.test); env DH_DNSBL_ZONE_SUFFIX */
  char  *spamhaus_dqs_key;     /* a Spamhaus Data Query Service key: zen.spamhaus.org is then asked
                                * as KEY.zen.dq.spamhaus.net, which public resolvers may use;
                                * env DH_SPAMHAUS_DQS_KEY */
  char  *redirect_allow;       /* addresses or prefixes ("127.0.0.1,10.0.0.0/8") an HTTP redirect
                                * may lead to besides public ones: for a test server on this
                                * computer; env DH_REDIRECT_ALLOW */
} DhNetOptions;

DhNetOptions *dh_net_options_new       (void);
DhNetOptions *dh_net_options_copy      (const DhNetOptions *options);
void          dh_net_options_free      (DhNetOptions       *options);
void          dh_net_options_apply_settings (DhNetOptions *options,
                                             GSettings    *settings);
void          dh_net_options_apply_env (DhNetOptions       *options);
char         *dh_net_options_get_cache_dir (const DhNetOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhNetOptions, dh_net_options_free)

/* The error as JSON: {"error": "timeout", "message": "…", "retry_after": 30 (429 only)}. */
JsonNode *dh_net_error_to_json (const GError *error);

G_END_DECLS
