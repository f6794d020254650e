/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-dnsbl.c: eight block-list lookups with different delays take as long as the slowest, not the sum. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dh-dnsbl.h"
#include "dh-fake-resolver.h"

static const guint delays[] = { 50, 120, 90, 200, 160, 240, 75, 300 };  /* ms, one per zone */
#define ROUNDS 5

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) json = g_string_new ("{\"lists\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhBlocklists) lists = NULL;
  g_autoptr(DhFakeResolver) resolver = dh_fake_resolver_new ();
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  g_autoptr(DhNetOptions) options = dh_net_options_new ();
  guint totals[ROUNDS];
  guint sum = 0, slowest = 0;

  /* Eight lists, one zone each, every zone answering after its own delay. */
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      g_autofree char *zone = g_strdup_printf ("zone%u.bench.test", i);
      g_autofree char *name = g_strdup_printf ("10.113.0.203.%s", zone);

      g_string_append_printf (json, "%s{\"id\": \"list%u\", \"name\": \"List %u\", \"pattern\": \"list%u\", "
                              "\"zones\": [{\"zone\": \"%s\", \"answers\": [{\"code\": \"127.0.0.2\"}]}]}",
                              i ? ", " : "", i, i, i, zone);
      dh_fake_resolver_set_delay (resolver, zone, delays[i]);
      if (i % 2 == 0)
        dh_fake_resolver_add_address (resolver, name, "127.0.0.2");
      sum += delays[i];
      slowest = MAX (slowest, delays[i]);
    }
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  lists = dh_blocklists_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  /* Each zone lists its RFC 5782 test entry, so that its silence counts as "not listed". */
  dh_fake_resolver_add_test_entries (resolver, lists, options);
  g_resolver_set_default (G_RESOLVER (resolver));
  options->dnsbl_timeout_ms = 5000;

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(DhDnsblReport) report = NULL;
      gint64 start = g_get_monotonic_time ();

      dh_dnsbl_check_async (address, lists, options, NULL, got_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      report = dh_dnsbl_check_finish (result, &error);
      g_assert_no_error (error);
      totals[round] = (g_get_monotonic_time () - start) / 1000;
      g_assert_cmpuint (report->results->len, ==, G_N_ELEMENTS (delays));
      g_assert_cmpuint (dh_dnsbl_report_count (report, DH_DNSBL_STATUS_LISTED), ==, 4);
      g_assert_cmpuint (dh_dnsbl_report_count (report, DH_DNSBL_STATUS_NOT_LISTED), ==, 4);
      if (round == 0)
        for (guint i = 0; i < report->results->len; i++)
          {
            const DhDnsblResult *r = g_ptr_array_index (report->results, i);

            printf ("dnsbl: %-20s delay %3u ms, verdict after %3u ms: %s\n", r->zone->zone, delays[i],
                    r->elapsed_ms, dh_dnsbl_status_to_string (r->status));
          }
    }
  qsort (totals, ROUNDS, sizeof totals[0], compare_guint);
  printf ("dnsbl: 8 zones (24 lookups with the test-negative and test-positive names), %u rounds: median %u ms, min %u ms, max %u ms\n",
          ROUNDS, totals[ROUNDS / 2], totals[0], totals[ROUNDS - 1]);
  printf ("dnsbl: slowest zone %u ms, sum of all delays %u ms: median/slowest = %.2fx, median/sum = %.2fx\n",
          slowest, sum, (double) totals[ROUNDS / 2] / slowest, (double) totals[ROUNDS / 2] / sum);
  /* Concurrent: near the slowest, far below the sum. */
  return totals[ROUNDS / 2] < sum / 2 ? 0 : 1;
}
