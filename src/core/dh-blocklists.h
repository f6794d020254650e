/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklists.h: the public DNS block lists of data/blocklists.json, and which one a bounce names. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DH_BLOCKLISTS_ERROR (dh_blocklists_error_quark ())
GQuark dh_blocklists_error_quark (void);

typedef enum {
  DH_BLOCKLISTS_ERROR_INVALID,
} DhBlocklistsError;

/* What one listing covers. */
typedef enum {
  DH_BLOCKLIST_SCOPE_IP,       /* this address only */
  DH_BLOCKLIST_SCOPE_RANGE,    /* a range of addresses around it */
  DH_BLOCKLIST_SCOPE_NETWORK,  /* the provider's whole network */
  DH_BLOCKLIST_SCOPE_DOMAIN,   /* the sender's domain name, not an address */
} DhBlocklistScope;

/* One part of a list (Spamhaus PBL, UCEPROTECT level 2, …). */
typedef struct {
  const char       *id;
  const char       *name;
  DhBlocklistScope  scope;
} DhBlocklistListing;

/* One DNS answer of a zone: a listing (listing may be NULL: the list as a whole) or a refusal. */
typedef struct {
  const char               *code;     /* the A record, such as 127.0.0.2 */
  const DhBlocklistListing *listing;
  const char               *error;    /* NULL for a listing; else why the query was refused */
} DhBlocklistAnswer;

typedef struct {
  const char *zone;
  gboolean    public_resolvers;  /* FALSE: answers through public resolvers are refusals */
  gboolean    query_domain;      /* the zone is queried with a domain name, not an address */
  GPtrArray  *answers;           /* DhBlocklistAnswer* */
  gboolean    ipv6;              /* the zone lists IPv6 addresses too (nibble format) */
  const char *test_negative;     /* an IPv4 address the zone never lists (RFC 5782): 127.0.0.1 */
  const char *test_positive;     /* an IPv4 address the zone always lists (RFC 5782): 127.0.0.2 */
  const char *test_positive_ipv6; /* the IPv6 one, for a zone that has it (::ffff:7f00:2), or NULL */
} DhBlocklistZone;

typedef struct {
  const char       *id;
  const char       *name;
  const char       *url;         /* fixed https lookup or removal page, or NULL */
  DhBlocklistScope  scope;       /* of a listing no part of the list was recognised for */
  GPtrArray        *listings;    /* DhBlocklistListing* */
  GPtrArray        *zones;       /* DhBlocklistZone* */
} DhBlocklist;

typedef struct _DhBlocklists DhBlocklists;

DhBlocklists      *dh_blocklists_new_from_bytes (GBytes                    *json,
                                                 GError                   **error);
DhBlocklists      *dh_blocklists_get_default    (void);
void               dh_blocklists_free           (DhBlocklists              *self);

guint              dh_blocklists_get_n_lists    (DhBlocklists              *self);
const DhBlocklist *dh_blocklists_get_list       (DhBlocklists              *self,
                                                 guint                      index);
const DhBlocklist *dh_blocklists_find           (DhBlocklists              *self,
                                                 const char                *text,
                                                 const DhBlocklistListing **listing);

const DhBlocklistAnswer *dh_blocklist_zone_get_answer (const DhBlocklistZone *zone,
                                                       const char            *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhBlocklists, dh_blocklists_free)

G_END_DECLS
