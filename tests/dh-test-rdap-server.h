/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-rdap-server.h: a SoupServer on 127.0.0.1 that answers like APNIC, ARIN and JPNIC do. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _DhTestRdapServer DhTestRdapServer;

/* Paths, under the server's URL:
 *   apnic/ip/203.0.113.10   a JPNIC range as APNIC returns it (abuse entity is JPNIC, the
 *                           provider's address is in the remarks)
 *   apnic/ip/2001:db8::25   an APNIC IPv6 network without cidr0
 *   arin/ip/198.51.100.7    ARIN: registrant with the abuse contact nested in it
 *   arin/ip/203.0.113.10    301 to apnic/ip/203.0.113.10, as ARIN does for APNIC space
 *   arin/ip/…, apnic/ip/…   otherwise 404 with an RDAP error object
 *   rate/ip/…               429 with Retry-After: 30
 *   down/ip/…               503
 *   broken/ip/…             200 with truncated JSON
 *   slow/ip/…               never answers
 *   bootstrap/ipv4.json, bootstrap/ipv6.json   IANA-format data naming this server's apnic/ and arin/
 *   bootstrap-broken/…      200 that is not JSON
 *   /                       302 to /home, which answers 200 (the site check); with
 *                           set_endless_root, 200 with a body that never ends
 *   hostile/big/ip/…        2 MB of JSON (Content-Length says so)
 *   hostile/endless/ip/…    a chunked body that never ends
 *   hostile/deep/ip/…       an ip network with remarks nested 100,000 deep
 *   hostile/remark/ip/…     one remark line of 900 KB, the only address at its very end, then
 *                           a line "Abuse: abuse@near.example"
 *   hostile/hops/N/ip/…     N redirects (to hostile/hops/N-1/…), then apnic/ip/203.0.113.10
 *   hostile/loop/ip/…       a redirect to itself, for ever
 *   hostile/to-name/ip/…    301 to http://rdap.redirect.test:PORT/apnic/ip/203.0.113.10 (the
 *                           test resolver makes that name 127.0.0.1)
 *   hostile/to-mapped/ip/…  301 to http://[::ffff:127.0.0.1]:PORT/apnic/ip/203.0.113.10
 *   hostile/to-private/ip/… 301 to https://192.168.1.1/admin
 *   hostile/to-ftp/ip/…     301 to an ftp:// address */
DhTestRdapServer *dh_test_rdap_server_new            (void);
void              dh_test_rdap_server_free           (DhTestRdapServer *self);
const char       *dh_test_rdap_server_get_url        (DhTestRdapServer *self);  /* ends in "/" */
char             *dh_test_rdap_server_get_authority  (DhTestRdapServer *self);  /* "127.0.0.1:PORT" */
guint             dh_test_rdap_server_get_n_requests (DhTestRdapServer *self);
const char       *dh_test_rdap_server_get_last_accept (DhTestRdapServer *self);
void              dh_test_rdap_server_set_endless_root (DhTestRdapServer *self,
                                                        gboolean          endless);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhTestRdapServer, dh_test_rdap_server_free)

G_END_DECLS
