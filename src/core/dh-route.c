/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-route.c: which steps a case goes through for its remedy, and the waits the steps start. */
#include "config.h"

#include <string.h>

#include "dh-route.h"
#include "dh-replies.h"

/* The step pages for each remedy (the remedy ids of data/rules.json), after "start" and
 * "diagnosis", in order. */
static const struct {
  const char *remedy;
  const char *steps[6];
} routes[] = {
  { "outlook-delist-form", { "host", "portal", "form", "reply", "done", NULL } },
  { "office365-delist-portal", { "portal", "reply", "done", NULL } },
  { "delist-email", { "delist-email", "reply", "done", NULL } },
  { "spamhaus-removal", { "blocklist", "done", NULL } },
  { "dnsbl-removal", { "blocklist", "done", NULL } },
  { "wait-and-retry", { "wait", "done", NULL } },
};

/* The steps after "start" and "diagnosis" for @remedy (NULL-terminated, static), or NULL for a
 * remedy with no steps of its own (the diagnosis is then the last step). */
const char *const *
dh_route_steps (const char *remedy)
{
  for (guint i = 0; remedy && i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (routes[i].remedy, remedy))
      return routes[i].steps;
  return NULL;
}

/* Adds the event @kind (@detail may be NULL) to the case's timeline, with what it starts: after
 * "portal-delisted" on Microsoft 365's portal ("Delist IP"; the portal sends no verdict by mail)
 * the case waits DH_ROUTE_PORTAL_WAIT_HOURS from @now (NULL: the current time). On the
 * Outlook.com route the portal is only a first try, and the form comes next: no wait. */
void
dh_route_record_event (DhCase     *dh_case,
                       const char *kind,
                       const char *detail,
                       GDateTime  *now)
{
  g_return_if_fail (DH_IS_CASE (dh_case));
  g_return_if_fail (kind != NULL);

  dh_case_add_event (dh_case, kind, detail);
  if (g_str_equal (kind, "portal-delisted") &&
      g_strcmp0 (dh_case_get_remedy (dh_case), "office365-delist-portal") == 0)
    {
      g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
      g_autoptr(GDateTime) until = g_date_time_add_hours (current, DH_ROUTE_PORTAL_WAIT_HOURS);

      dh_case_start_wait (dh_case, until);
    }
}

/* Shared or dedicated, from who owns the sending address (RDAP): the sender's own organisation
 * has a dedicated server; anyone else's address (a hosting company's) means a shared one.
 * @sender_base_domain is the registrable domain of the sending domain (example.co.jp); its first
 * label is looked for, case-insensitively, in the owner's organisation and name. Unknown when the
 * label is shorter than DH_ROUTE_MIN_OWNER_LABEL or there is no domain. */
DhHosting
dh_route_guess_hosting (const char *sender_base_domain,
                        const char *owner_organisation,
                        const char *owner_name)
{
  g_autofree char *label = NULL;
  g_autofree char *org = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (sender_base_domain == NULL || *sender_base_domain == '\0')
    return DH_HOSTING_UNKNOWN;
  label = g_ascii_strdown (sender_base_domain, -1);
  dot = strchr (label, '.');
  if (dot)
    *dot = '\0';
  if (strlen (label) < DH_ROUTE_MIN_OWNER_LABEL)
    return DH_HOSTING_UNKNOWN;
  org = owner_organisation ? g_ascii_strdown (owner_organisation, -1) : NULL;
  name = owner_name ? g_ascii_strdown (owner_name, -1) : NULL;
  return (org && strstr (org, label)) || (name && strstr (name, label)) ? DH_HOSTING_DEDICATED
                                                                        : DH_HOSTING_SHARED;
}

/* What to do after Microsoft's latest answer kept in the case (a DH_REPLY_STEP_* id, see
 * dh_reply_step_text ()), or NULL when there is none: the answer's own next step, except that a
 * wait the case started is over at @now (NULL: the current time), when it is time to test. */
const char *
dh_route_next_step (DhCase    *dh_case,
                    GDateTime *now)
{
  GPtrArray *replies;
  DhCaseReply *latest;
  const char *step;
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (DH_IS_CASE (dh_case), NULL);

  replies = dh_case_get_replies (dh_case);
  if (replies->len == 0)
    return NULL;
  latest = g_ptr_array_index (replies, replies->len - 1);
  step = dh_reply_kind_next_step (dh_reply_kind_from_id (latest->kind));
  if (!g_str_equal (step, DH_REPLY_STEP_WAIT_THEN_TEST) || dh_case_get_wait_until (dh_case) == NULL)
    return step;
  current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  return g_date_time_compare (current, dh_case_get_wait_until (dh_case)) >= 0 ? DH_REPLY_STEP_TEST_NOW : step;
}
