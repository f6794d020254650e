/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-text.c: a saved case in words: its state (case list, report) and its timeline's events. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-case-text.h"
#include "dh-format.h"
#include "dh-replies.h"

/* The wizard's page names and their titles (the same words as the pages' own titles). */
static const struct {
  const char *name;
  const char *title;
} step_titles[] = {
  { "start", N_("The bounce") },
  { "diagnosis", N_("What happened") },
  { "host", N_("Tell your hosting company") },
  { "portal", N_("Exclusion portal") },
  { "form", N_("Delisting form") },
  { "reply", N_("Microsoft’s reply") },
  { "delist-email", N_("Write to Microsoft") },
  { "blocklist", N_("Block list removal") },
  { "wait", N_("Temporary delay") },
  { "done", N_("Done") },
};

const char *
dh_case_text_step_title (const char *step)
{
  for (guint i = 0; step && i < G_N_ELEMENTS (step_titles); i++)
    if (g_str_equal (step_titles[i].name, step))
      return _(step_titles[i].title);
  return NULL;
}

/* What the case list says of a case, such as "Waiting for Microsoft’s reply for 2 days". */
char *
dh_case_text_state (DhCaseState  state,
                    GDateTime   *since,
                    const char  *step,
                    GDateTime   *now)
{
  g_autofree char *duration = since && now ? dh_format_duration (since, now) : NULL;
  g_autofree char *date = since ? dh_format_date_time (since) : NULL;
  const char *step_title = dh_case_text_step_title (step);

  switch (state)
    {
    case DH_CASE_STATE_NEW:
      return g_strdup (_("Not started"));
    case DH_CASE_STATE_IN_PROGRESS:
      if (step_title)
        /* Translators: %s is a step's title, such as "Delisting form". */
        return g_strdup_printf (_("In progress, at step “%s”"), step_title);
      return g_strdup (_("In progress"));
    case DH_CASE_STATE_WAITING_FOR_REPLY:
      if (duration)
        /* Translators: %s is a duration, such as "2 days". */
        return g_strdup_printf (_("Waiting for Microsoft’s reply for %s"), duration);
      return g_strdup (_("Waiting for Microsoft’s reply"));
    case DH_CASE_STATE_NOT_QUALIFIED:
      return g_strdup (_("Not qualified for mitigation — reply ready"));
    case DH_CASE_STATE_MITIGATION_WAIT:
      if (date)
        /* Translators: %s is a date and time. */
        return g_strdup_printf (_("Unblocked — wait until %s, then send a test mail"), date);
      return g_strdup (_("Unblocked — wait a day or two, then send a test mail"));
    case DH_CASE_STATE_WAIT_OVER:
      return g_strdup (_("Unblocked — time to send a test mail"));
    case DH_CASE_STATE_NOT_BLOCKED:
      return g_strdup (_("Microsoft sees no block — send a test mail"));
    case DH_CASE_STATE_DONE:
      return g_strdup (_("Done"));
    default:
      g_assert_not_reached ();
    }
}

/* What happened, for the case's timeline; NULL for an event not worth a line (a step shown). */
char *
dh_case_text_event (const DhCaseEvent *event)
{
  const char *kind = event->kind;
  const char *detail = event->detail;

  if (g_strcmp0 (kind, "created") == 0)
    return g_strdup (_("Case started"));
  if (g_strcmp0 (kind, "analysed") == 0)
    return g_strdup (_("Bounce read"));
  if (g_strcmp0 (kind, "step") == 0 && detail)
    /* Translators: %s is a step's title, such as "Delisting form". */
    return g_strdup_printf (_("Step done: “%s”"),
                            dh_case_text_step_title (detail) ? dh_case_text_step_title (detail) : detail);
  if (g_strcmp0 (kind, "tick") == 0 || g_strcmp0 (kind, "untick") == 0)
    {
      const char *what = NULL;

      if (g_strcmp0 (detail, "portal-submit") == 0)
        what = _("Portal: e-mail and IP address submitted");
      else if (g_strcmp0 (detail, "portal-mail") == 0)
        what = _("Portal: link in the confirmation mail opened");
      else if (g_strcmp0 (detail, "portal-delist") == 0)
        what = _("Portal: “Delist IP” pressed");
      else if (g_strcmp0 (detail, "portal-wait") == 0)
        what = _("Portal: waiting for the removal");
      if (what == NULL)
        return NULL;
      if (g_str_equal (kind, "untick"))
        /* Translators: %s is a step that the user unticked, such as "Portal: “Delist IP” pressed". */
        return g_strdup_printf (_("Unticked: %s"), what);
      return g_strdup (what);
    }
  if (g_strcmp0 (kind, "portal-delisted") == 0)
    return g_strdup (_("Portal: “Delist IP” pressed"));
  if (g_strcmp0 (kind, "form-sent") == 0)
    return g_strdup (_("Delisting form sent"));
  if (g_strcmp0 (kind, "form-unsent") == 0)
    return g_strdup (_("“Form sent” unticked"));
  if (g_strcmp0 (kind, "reply") == 0)
    /* Translators: %s says what Microsoft answered, such as "Not qualified for mitigation". */
    return g_strdup_printf (_("Answer from Microsoft: %s"),
                            dh_reply_kind_title (dh_reply_kind_from_id (detail)));
  if (g_strcmp0 (kind, "ticket") == 0 && detail)
    /* Translators: %s is Microsoft's ticket number, such as SRX1234567890ID. */
    return g_strdup_printf (_("Ticket number %s"), detail);
  if (g_strcmp0 (kind, "wait-started") == 0)
    {
      g_autoptr(GDateTime) until = detail ? g_date_time_new_from_iso8601 (detail, NULL) : NULL;
      g_autofree char *date = until ? dh_format_date_time (until) : NULL;

      if (date)
        /* Translators: %s is a date and time. */
        return g_strdup_printf (_("Waiting for the mitigation to spread, until %s"), date);
      return g_strdup (_("Waiting for the mitigation to spread"));
    }
  if (g_strcmp0 (kind, "done") == 0)
    return g_strdup (_("Marked as done"));
  if (g_strcmp0 (kind, "reopened") == 0)
    return g_strdup (_("Opened again"));
  if (g_strcmp0 (kind, "note") == 0)
    return g_strdup (_("Note changed"));
  return NULL;
}
