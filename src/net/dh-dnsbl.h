/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-dnsbl.h: which DNS block lists of data/blocklists.json list an IP address, all asked at once. */
#pragma once

#include "dh-net.h"
#include "dh-blocklists.h"

G_BEGIN_DECLS

typedef enum {
  DH_DNSBL_STATUS_NOT_LISTED,      /* the zone answered NXDOMAIN */
  DH_DNSBL_STATUS_LISTED,          /* a documented listing code; listing_ids says which part */
  DH_DNSBL_STATUS_UNCHECKED,       /* the check could not be done; reason says why */
  DH_DNSBL_STATUS_NOT_APPLICABLE,  /* an IPv6 address and a zone that lists only IPv4 */
} DhDnsblStatus;

typedef enum {
  DH_DNSBL_REASON_NONE,
  DH_DNSBL_REASON_TIMEOUT,         /* no answer within options->dnsbl_timeout_ms */
  DH_DNSBL_REASON_RESOLVER_ERROR,  /* the resolver failed (SERVFAIL, no network); detail: its message */
  DH_DNSBL_REASON_REFUSED,         /* the list refused: detail is the zone's error id, such as
                                    * "public-resolver" (Spamhaus 127.255.255.254) */
  DH_DNSBL_REASON_UNKNOWN_ANSWER,  /* an answer the zone does not document; detail: the code */
  DH_DNSBL_REASON_REWRITTEN,       /* the resolver answers for a name that must not exist (the
                                    * zone's test-negative), so NXDOMAIN cannot be trusted */
  DH_DNSBL_REASON_UNPROVEN,        /* the zone did not list its test entry (RFC 5782: 127.0.0.2),
                                    * so its "no such name" proves nothing; detail: the answer
                                    * for the test entry when there was one */
  DH_DNSBL_REASON_OFFLINE,         /* no lookup of any zone got an answer: this computer seems to
                                    * be offline (or its DNS server answers nothing); detail: the
                                    * resolver's message when it gave one */
} DhDnsblReason;

/* The answer of one zone. */
typedef struct {
  const DhBlocklist     *list;          /* from the DhBlocklists the check was given */
  const DhBlocklistZone *zone;
  char                  *query;         /* the name asked: 10.2.0.192.zen.spamhaus.org */
  DhDnsblStatus          status;
  DhDnsblReason          reason;
  char                  *detail;        /* see DhDnsblReason; NULL otherwise */
  char                 **codes;         /* the A records answered; never NULL */
  char                 **listing_ids;   /* LISTED: the listing of each documented code (the list's
                                         * own id when a code names no part); never NULL */
  guint                  elapsed_ms;    /* from the start of the check to this zone's verdict */
} DhDnsblResult;

typedef struct {
  char      *address;
  GPtrArray *results;     /* DhDnsblResult*, in the order of the lists and their zones */
  guint      elapsed_ms;  /* the whole check */
  gboolean   offline;     /* no zone answered anything: every result is UNCHECKED, OFFLINE */
} DhDnsblReport;

void        dh_dnsbl_report_free     (DhDnsblReport       *report);
JsonNode   *dh_dnsbl_report_to_json  (const DhDnsblReport *report);
JsonNode   *dh_dnsbl_result_to_json  (const DhDnsblResult *result);
const char *dh_dnsbl_status_to_string (DhDnsblStatus      status);  /* "listed", "not-listed", … */
const char *dh_dnsbl_reason_to_string (DhDnsblReason      reason);  /* NULL for NONE, "timeout", … */
guint       dh_dnsbl_report_count    (const DhDnsblReport *report,
                                      DhDnsblStatus        status);

/* The name to look up for @address in @zone: reversed octets for IPv4, reversed nibbles for IPv6. */
char       *dh_dnsbl_query_name      (GInetAddress        *address,
                                      const char          *zone);
/* @zone as asked with @options: a Spamhaus DQS key and the zone suffix applied. */
char       *dh_dnsbl_zone_name       (const DhBlocklistZone *zone,
                                      const DhNetOptions    *options);

/* How long a check waits for the first lookup to return, answer or error, before it calls the
 * lists unreachable: a working resolver answers some of the 3 x 8 questions well within it. */
#define DH_DNSBL_SILENCE_MS 2000

/* Asks every IP zone of @lists (NULL: the built-in lists) about @address, all at the same time
 * through the default GResolver, each alongside the zone's test-negative name and its test-positive
 * name (a zone is "not listed" only when it lists its test entry at the same time); the whole check
 * takes at most options->dnsbl_timeout_ms, after which the zones still unanswered are UNCHECKED
 * with reason TIMEOUT. When no lookup at all (not even a test entry) has returned after
 * DH_DNSBL_SILENCE_MS, the resolver is taken to swallow every question and the check ends there,
 * every zone OFFLINE. Zones queried by domain (Spamhaus DBL) are left out. @lists must outlive
 * the report. Fails only with G_IO_ERROR_CANCELLED or DH_NET_ERROR_INVALID_ADDRESS. */
void           dh_dnsbl_check_async  (GInetAddress        *address,
                                      DhBlocklists        *lists,
                                      const DhNetOptions  *options,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
DhDnsblReport *dh_dnsbl_check_finish (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhDnsblReport, dh_dnsbl_report_free)

G_END_DECLS
