/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-route.c: the steps of each remedy, the wait "Delist IP" starts, the shared / dedicated
 * guess from who owns the address. */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-route.h"
#include "dh-test-samples.h"

static DhCase *
case_from_sample (const char *name)
{
  gsize length;
  g_autofree char *text = dh_test_read ("samples", name, &length);
  DhCase *c = dh_case_new ();

  dh_case_set_analysis (c, text, dh_analyze (text, length, NULL));
  return c;
}

static guint
count_steps (const char *const *steps)
{
  guint n = 0;

  while (steps && steps[n])
    n++;
  return n;
}

/* Outlook.com: the host, the portal as a first try, the form, the answer; Microsoft 365: the
 * portal, then the result. */
static void
test_steps (void)
{
  g_autoptr(DhCase) consumer = case_from_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(DhCase) m365 = case_from_sample ("m365-5.7.606-exchange-ndr.eml");
  const char *const *steps;

  steps = dh_route_steps (dh_case_get_remedy (consumer));
  g_assert_cmpuint (count_steps (steps), ==, 5);
  g_assert_cmpstr (steps[0], ==, "host");
  g_assert_cmpstr (steps[1], ==, "portal");
  g_assert_cmpstr (steps[2], ==, "form");
  g_assert_cmpstr (steps[3], ==, "reply");
  g_assert_cmpstr (steps[4], ==, "done");

  steps = dh_route_steps (dh_case_get_remedy (m365));
  g_assert_cmpuint (count_steps (steps), ==, 3);
  g_assert_cmpstr (steps[0], ==, "portal");
  g_assert_cmpstr (steps[1], ==, "reply");

  g_assert_cmpstr (dh_route_steps ("wait-and-retry")[0], ==, "wait");
  g_assert_cmpstr (dh_route_steps ("delist-email")[0], ==, "delist-email");
  g_assert_cmpstr (dh_route_steps ("spamhaus-removal")[0], ==, "blocklist");
  g_assert_null (dh_route_steps ("no-such-remedy"));
  g_assert_null (dh_route_steps (NULL));
}

/* "Delist IP" on Microsoft 365's portal starts a 24-hour wait; on the Outlook.com route the
 * portal is only a first try and starts none. */
static void
test_portal_wait (void)
{
  g_autoptr(DhCase) m365 = case_from_sample ("m365-5.7.606-exchange-ndr.eml");
  g_autoptr(DhCase) consumer = case_from_sample ("fragment-postfix-body-s3150.txt");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  GPtrArray *events;

  dh_route_record_event (m365, "tick", "portal-submit", now);
  g_assert_null (dh_case_get_wait_until (m365));
  dh_route_record_event (m365, "portal-delisted", NULL, now);
  g_assert_nonnull (dh_case_get_wait_until (m365));
  g_assert_cmpint (g_date_time_difference (dh_case_get_wait_until (m365), now), ==,
                   DH_ROUTE_PORTAL_WAIT_HOURS * G_TIME_SPAN_HOUR);
  events = dh_case_get_events (m365);
  g_assert_cmpstr (((DhCaseEvent *) g_ptr_array_index (events, events->len - 2))->kind, ==, "portal-delisted");
  g_assert_cmpstr (((DhCaseEvent *) g_ptr_array_index (events, events->len - 1))->kind, ==, "wait-started");
  g_assert_cmpint (dh_case_get_state (m365, NULL), ==, DH_CASE_STATE_WAIT_OVER);

  dh_route_record_event (consumer, "portal-delisted", NULL, now);
  g_assert_null (dh_case_get_wait_until (consumer));
  g_assert_cmpint (dh_case_get_state (consumer, NULL), ==, DH_CASE_STATE_WAITING_FOR_REPLY);
}

/* The sender's own organisation owning the address means a dedicated server. */
static void
test_guess_hosting (void)
{
  g_assert_cmpint (dh_route_guess_hosting ("example-shop.co.jp", "EXAMPLE-SHOP Inc.", NULL), ==,
                   DH_HOSTING_DEDICATED);
  g_assert_cmpint (dh_route_guess_hosting ("example-shop.co.jp", NULL, "Example-Shop network"), ==,
                   DH_HOSTING_DEDICATED);
  g_assert_cmpint (dh_route_guess_hosting ("example-shop.co.jp", "Sakura Hosting K.K.", "SAKURA-NET"), ==,
                   DH_HOSTING_SHARED);
  g_assert_cmpint (dh_route_guess_hosting ("example-shop.co.jp", NULL, NULL), ==, DH_HOSTING_SHARED);
  /* Too short a name to look for, or none. */
  g_assert_cmpint (dh_route_guess_hosting ("ab.jp", "AB Corporation", NULL), ==, DH_HOSTING_UNKNOWN);
  g_assert_cmpint (dh_route_guess_hosting (NULL, "Example", NULL), ==, DH_HOSTING_UNKNOWN);
  g_assert_cmpint (dh_route_guess_hosting ("", "Example", NULL), ==, DH_HOSTING_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dh/route/steps", test_steps);
  g_test_add_func ("/dh/route/portal-wait", test_portal_wait);
  g_test_add_func ("/dh/route/guess-hosting", test_guess_hosting);
  return g_test_run ();
}
