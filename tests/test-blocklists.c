/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-blocklists.c: data/blocklists.json loads, names the right list (and part) for real bounce
 * lines, keeps its DNS answers apart from refusals, and refuses broken data. */
#include "config.h"

#include <string.h>

#include "dh-blocklists.h"
#include "dh-data.h"

static void
test_default (void)
{
  DhBlocklists *lists = dh_blocklists_get_default ();
  const char *ids[] = { "spamhaus", "spamcop", "barracuda", "uceprotect", "psbl", "mailspike" };

  g_assert_nonnull (lists);
  g_assert_cmpuint (dh_blocklists_get_n_lists (lists), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const DhBlocklist *list = dh_blocklists_get_list (lists, i);

      g_assert_cmpstr (list->id, ==, ids[i]);
      g_assert_cmpuint (list->zones->len, >, 0);
      g_assert_true (list->url == NULL || g_str_has_prefix (list->url, "https://"));
    }
  g_assert_cmpstr (dh_blocklists_get_list (lists, 0)->url, ==, "https://check.spamhaus.org/");
  g_assert_cmpstr (dh_blocklists_get_list (lists, 2)->url, ==, "https://www.barracudacentral.org/rbl/removal-request");
  /* Mailspike is only explained. SORBS, shut down in 2024, is not in @ids. */
  g_assert_null (dh_blocklists_get_list (lists, 5)->url);
}

static const struct {
  const char *text;
  const char *list;     /* NULL: no list */
  const char *listing;  /* NULL: no part named */
  DhBlocklistScope scope;
} finds[] = {
  /* Exchange Online consulting Spamhaus (AS3130): which part is not said. */
  { "550 5.7.1 Service unavailable, Client host [203.0.113.45] blocked using Spamhaus. To request removal from "
    "this list see https://www.spamhaus.org/query/ip/203.0.113.45 (AS3130). "
    "[VE1EUR01FT062.eop-EUR01.prod.protection.outlook.com]", "spamhaus", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/sbl/query/SBL123456", "spamhaus", "spamhaus-sbl", DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/203.0.113.45 http://www.spamhaus.org/pbl/query/PBL1234567",
    "spamhaus", "spamhaus-pbl", DH_BLOCKLIST_SCOPE_RANGE },
  { "550 5.7.1 Client host [203.0.113.45] blocked using xbl.spamhaus.org", "spamhaus", "spamhaus-xbl", DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Sender address [info@bad.example] blocked using dbl.spamhaus.org",
    "spamhaus", "spamhaus-dbl", DH_BLOCKLIST_SCOPE_DOMAIN },
  /* A zone that covers two parts does not say which. */
  { "554 5.7.1 Client host [203.0.113.45] blocked using sbl-xbl.spamhaus.org", "spamhaus", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using b.barracudacentral.org; "
    "http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.45", "barracuda", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.spamcop.net; "
    "Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.45", "spamcop", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using dnsbl-1.uceprotect.net",
    "uceprotect", "uceprotect-1", DH_BLOCKLIST_SCOPE_IP },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using dnsbl-2.uceprotect.net; "
    "IP 203.0.113.45 is UCEPROTECT-Level2 listed.", "uceprotect", "uceprotect-2", DH_BLOCKLIST_SCOPE_RANGE },
  { "550 5.7.1 Net 203.0.113.0/24 is UCEPROTECT-Level3 listed because of spam from AS64500",
    "uceprotect", "uceprotect-3", DH_BLOCKLIST_SCOPE_NETWORK },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using psbl.surriel.com",
    "psbl", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "550 5.7.1 Listed in PSBL, see http://psbl.org/listing?ip=203.0.113.45", "psbl", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.mailspike.net",
    "mailspike", NULL, DH_BLOCKLIST_SCOPE_IP },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using rbl.example-list.net", NULL, NULL, 0 },
  { "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. (S3150)", NULL, NULL, 0 },
  { "", NULL, NULL, 0 },
};

static void
test_find (void)
{
  DhBlocklists *lists = dh_blocklists_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (finds); i++)
    {
      const DhBlocklistListing *listing = (gpointer) 1;
      const DhBlocklist *list = dh_blocklists_find (lists, finds[i].text, &listing);

      g_test_message ("%s", finds[i].text);
      g_assert_cmpstr (list ? list->id : NULL, ==, finds[i].list);
      g_assert_cmpstr (listing ? listing->id : NULL, ==, finds[i].listing);
      if (list)
        g_assert_cmpint (listing ? listing->scope : list->scope, ==, finds[i].scope);
    }

  /* No text, text that is not UTF-8, and no out argument. */
  g_assert_null (dh_blocklists_find (lists, NULL, NULL));
  g_assert_null (dh_blocklists_find (lists, "blocked using \xff spamhaus", NULL));
  g_assert_nonnull (dh_blocklists_find (lists, "SPAMHAUS", NULL));
}

static void
test_answers (void)
{
  const DhBlocklist *spamhaus = dh_blocklists_get_list (dh_blocklists_get_default (), 0);
  const DhBlocklist *uceprotect = dh_blocklists_get_list (dh_blocklists_get_default (), 3);
  const DhBlocklistZone *zen = g_ptr_array_index (spamhaus->zones, 0);
  const DhBlocklistAnswer *answer;

  g_assert_cmpstr (zen->zone, ==, "zen.spamhaus.org");
  /* Spamhaus refuses queries through public resolvers. */
  g_assert_false (zen->public_resolvers);
  g_assert_false (zen->query_domain);
  /* Every zone has a name that must not exist, to notice a resolver that invents answers. */
  g_assert_cmpstr (zen->test_negative, ==, "127.0.0.1");
  /* And one that must always be listed (RFC 5782), so that "no such name" is believed only from
   * a zone that answers; IPv6 addresses are proven with the IPv6 test entry. */
  g_assert_cmpstr (zen->test_positive, ==, "127.0.0.2");
  g_assert_cmpstr (zen->test_positive_ipv6, ==, "::ffff:7f00:2");
  g_assert_cmpstr (((DhBlocklistZone *) g_ptr_array_index (uceprotect->zones, 0))->test_positive, ==, "127.0.0.2");
  g_assert_null (((DhBlocklistZone *) g_ptr_array_index (uceprotect->zones, 0))->test_positive_ipv6);
  g_assert_true (zen->ipv6);
  g_assert_false (((DhBlocklistZone *) g_ptr_array_index (uceprotect->zones, 0))->ipv6);

  answer = dh_blocklist_zone_get_answer (zen, "127.0.0.10");
  g_assert_nonnull (answer);
  g_assert_null (answer->error);
  g_assert_cmpstr (answer->listing->id, ==, "spamhaus-pbl");
  answer = dh_blocklist_zone_get_answer (zen, "127.0.0.2");
  g_assert_cmpstr (answer->listing->id, ==, "spamhaus-sbl");
  /* An error code resolves too, but it never means "listed". */
  answer = dh_blocklist_zone_get_answer (zen, "127.255.255.254");
  g_assert_nonnull (answer);
  g_assert_null (answer->listing);
  g_assert_cmpstr (answer->error, ==, "public-resolver");
  g_assert_null (dh_blocklist_zone_get_answer (zen, "127.0.0.99"));
  g_assert_null (dh_blocklist_zone_get_answer (zen, NULL));

  g_assert_true (((DhBlocklistZone *) g_ptr_array_index (spamhaus->zones, 1))->query_domain);

  /* Each UCEPROTECT level is its own zone, with its own scope. */
  g_assert_cmpuint (uceprotect->zones->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const DhBlocklistZone *zone = g_ptr_array_index (uceprotect->zones, i);
      const DhBlocklistListing *listing = g_ptr_array_index (uceprotect->listings, i);

      answer = dh_blocklist_zone_get_answer (zone, "127.0.0.2");
      g_assert_true (answer->listing == listing);
    }
  g_assert_cmpint (((DhBlocklistListing *) g_ptr_array_index (uceprotect->listings, 2))->scope, ==,
                   DH_BLOCKLIST_SCOPE_NETWORK);
}

#define LIST(extra) \
  "{\"lists\": [{\"id\": \"x\", \"name\": \"X\", \"pattern\": \"x\", " extra "}]}"
#define ZONE "\"zones\": [{\"zone\": \"x.example\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"

static void
test_invalid (void)
{
  const char *bad[] = {
    "[]",
    "{}",
    "{\"lists\": []}",
    "{\"lists\": [1]}",
    LIST (ZONE ", \"url\": \"http://x.example/\""),
    LIST (ZONE ", \"scope\": \"planet\""),
    LIST ("\"zones\": []"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"answers\": [{\"code\": \"10.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"answers\": [{\"code\": \"127.0.0.2\", \"listing\": \"nope\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"answers\": [{\"code\": \"127.0.0.2\"}, {\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"answers\": [], \"errors\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"test_negative\": \"10.0.0.1\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"query\": \"url\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"test_positive\": \"10.0.0.2\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"test_positive\": \"127.0.0.1\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    /* An IPv6 test entry for a zone that lists no IPv6 addresses, or one that is not IPv6. */
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"test_positive_ipv6\": \"::ffff:7f00:2\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST ("\"zones\": [{\"zone\": \"x.example\", \"ipv6\": true, \"test_positive_ipv6\": \"127.0.0.2\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]"),
    LIST (ZONE ", \"listings\": [{\"id\": \"x-1\", \"name\": \"One\", \"pattern\": \"(\"}]"),
    LIST (ZONE ", \"listings\": [{\"id\": \"x\", \"name\": \"Same id as the list\", \"pattern\": \"y\"}]"),
    "{\"lists\": [{\"id\": \"x\", \"name\": \"X\", " ZONE "}]}",
    "{\"lists\": [{\"id\": \"x\", \"pattern\": \"x\", " ZONE "}]}",
    "{\"lists\": [{\"id\": \"x\", \"name\": \"X\", \"pattern\": \"x\", " ZONE "}, "
    "{\"id\": \"x\", \"name\": \"X\", \"pattern\": \"x\", " ZONE "}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(DhBlocklists) lists = dh_blocklists_new_from_bytes (bytes, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (lists);
      g_assert_error (error, DH_BLOCKLISTS_ERROR, DH_BLOCKLISTS_ERROR_INVALID);
    }

  {
    /* Not JSON at all: json-glib's own error. */
    g_autoptr(GBytes) bytes = g_bytes_new_static ("{", 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(DhBlocklists) lists = dh_blocklists_new_from_bytes (bytes, &error);

    g_assert_null (lists);
    g_assert_nonnull (error);
  }
  {
    /* The smallest valid file. */
    const char *good = LIST (ZONE);
    g_autoptr(GBytes) bytes = g_bytes_new_static (good, strlen (good));
    g_autoptr(GError) error = NULL;
    g_autoptr(DhBlocklists) lists = dh_blocklists_new_from_bytes (bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dh_blocklists_get_n_lists (lists), ==, 1);
    g_assert_null (dh_blocklists_get_list (lists, 0)->url);
    g_assert_cmpstr (dh_blocklists_find (lists, "listed by X", NULL)->id, ==, "x");
  }
  {
    /* The shipped lists load with every pattern compiled and so checked here (the program
     * compiles each on its first use). */
    g_autoptr(GBytes) bytes = dh_data_get ("blocklists.json");
    g_autoptr(GError) error = NULL;
    g_autoptr(DhBlocklists) lists = dh_blocklists_new_from_bytes (bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dh_blocklists_get_n_lists (lists), ==,
                      dh_blocklists_get_n_lists (dh_blocklists_get_default ()));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dh/blocklists/default", test_default);
  g_test_add_func ("/dh/blocklists/find", test_find);
  g_test_add_func ("/dh/blocklists/answers", test_answers);
  g_test_add_func ("/dh/blocklists/invalid", test_invalid);

  return g_test_run ();
}
