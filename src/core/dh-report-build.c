/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-report-build.c: a message's events merged into DhReports, with the Received: guess
 * for the sending IP and the verdict from the rules. */
#include "config.h"

#include "dh-analyzer-private.h"
#include "dh-ip.h"

#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* From events to reports */

static void
report_fill (DhReport   *report,
             DhFactId    id,
             const char *value,
             const char *line)
{
  if (dh_report_get (report, id) == NULL && value != NULL)
    dh_report_set (report, id, value, line);
}

/* TRUE when @longer says what @shorter says and more (a truncated first line, say). */
static gboolean
diagnostic_extends (const char *longer,
                    const char *shorter)
{
  g_autofree char *a = dh_scan_diagnostic_key (longer);
  g_autofree char *b = dh_scan_diagnostic_key (shorter);

  return strlen (a) > strlen (b) && g_str_has_prefix (a, b) && strlen (longer) > strlen (shorter);
}

static void
merge_event (DhReport *report,
             Event    *event)
{
  const char *diag = dh_report_get (report, DH_FACT_DIAGNOSTIC);

  if (event->recipient)
    {
      if (dh_report_add_recipient (report, event->recipient) &&
          dh_report_get_line (report, DH_FACT_RECIPIENT) == NULL)
        dh_report_set (report, DH_FACT_RECIPIENT, event->recipient, event->recipient_line);
    }
  if (event->diagnostic &&
      (diag == NULL || (!dh_scan_starts_with_reply (diag) && event->diagnostic_has_code) ||
       (event->diagnostic_has_code && diagnostic_extends (event->diagnostic, diag))))
    dh_report_set (report, DH_FACT_DIAGNOSTIC, event->diagnostic, event->diagnostic_line);
  report_fill (report, DH_FACT_REMOTE_HOST, event->remote_host, event->remote_host_line);
  dh_scan_fill_str (&report->remote_ip, event->remote_ip);
  dh_scan_fill_str (&report->status, event->status);
  dh_scan_fill_str (&report->action, event->action);
}

static char *
find_report_key (DhReport *report)
{
  return dh_scan_diagnostic_key (dh_report_get (report, DH_FACT_DIAGNOSTIC));
}

/* The last Received: hop with a public address, as a guess for the sending IP. */
static char *
guess_from_received (Scan   *scan,
                     char  **line)
{
  DhRules *rules = scan->rules;

  for (guint i = scan->received->len; i > 0; i--)
    {
      const char *value = g_ptr_array_index (scan->received, i - 1);
      const char *from = dh_scan_find_ci (value, strlen (value), "from ");
      const char *by = dh_scan_find_ci (value, strlen (value), " by ");
      g_autofree char *segment = NULL;
      g_autofree char *ip = NULL;

      if (from == NULL)
        continue;
      segment = g_strndup (from, by && by > from ? (gsize) (by - from) : strlen (from));
      ip = dh_rules_find_sending_ip (rules, segment, NULL);
      if (ip != NULL)
        {
          g_autoptr(GInetAddress) address = dh_ip_parse (ip);
          if (address && dh_ip_is_public (address))
            {
              *line = g_strdup (value);
              return g_steal_pointer (&ip);
            }
        }
    }
  return NULL;
}

/* Microsoft's reference hosts carry a UTC time stamp: "... 2026-01-24T07:00:10.851Z ...". */
static GRegex *
timestamp_regex (void)
{
  static GRegex *regex;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("\\b(20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,7})?Z)\\b", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  return regex;
}

static void
finish_report (Scan     *scan,
               DhReport *report)
{
  DhRules *rules = scan->rules;
  const char *diag = dh_report_get (report, DH_FACT_DIAGNOSTIC);
  const char *diag_line = dh_report_get_line (report, DH_FACT_DIAGNOSTIC);
  g_autofree char *code = NULL;
  g_autofree char *ip = NULL;
  const char *system = NULL;
  DhRuleInput input = { 0 };
  DhRuleResult result = { 0 };
  gboolean all_consumer;

  report->message_index = scan->index;
  report->envelope_sender = g_strdup (scan->envelope);
  dh_scan_fill_str (&report->action, scan->action_hint);

  /* Message-level facts. */
  report_fill (report, DH_FACT_SENDER, scan->sender, scan->sender_line);
  report_fill (report, DH_FACT_REPORTING_HOST, scan->reporting_host, scan->reporting_line);
  if (scan->date)
    {
      report->date = g_date_time_ref (scan->date);
      dh_report_set (report, DH_FACT_DATE, NULL, scan->date_line);
    }
  else if (scan->dsn_date)
    {
      report->date = g_date_time_ref (scan->dsn_date);
      dh_report_set (report, DH_FACT_DATE, NULL, scan->dsn_date_line);
    }
  if (dh_report_get (report, DH_FACT_SENDER))
    report->sender_domain = g_strdup (dh_scan_domain_of (dh_report_get (report, DH_FACT_SENDER)));

  if (diag != NULL)
    {
      const char *s = diag;

      if (dh_scan_starts_with_reply (s))
        {
          report->reply_code = g_strndup (s, 3);
          s += s[3] ? 4 : 3;
          while (*s == ' ' || *s == '#')
            s++;
          if (s[0] >= '2' && s[0] <= '5' && s[1] == '.' && g_ascii_isdigit (s[2]))
            {
              gsize n = strspn (s, "0123456789.");
              while (n > 0 && s[n - 1] == '.')
                n--;
              g_free (report->status);
              report->status = g_strndup (s, n);
            }
        }
      code = dh_rules_find_provider_code (rules, diag);
      if (code)
        dh_report_set (report, DH_FACT_PROVIDER_CODE, code, diag_line);
      report->reference_host = dh_rules_find_reference_host (rules, diag);
      ip = dh_rules_find_sending_ip (rules, diag, report->remote_ip);
      if (ip)
        dh_report_set (report, DH_FACT_SENDING_IP, ip, diag_line);

      if (report->date == NULL)
        {
          g_autoptr(GMatchInfo) match = NULL;
          if (g_regex_match (timestamp_regex (), diag, 0, &match))
            {
              g_autofree char *when = g_match_info_fetch (match, 1);
              if ((report->date = g_date_time_new_from_iso8601 (when, NULL)) != NULL)
                dh_report_set (report, DH_FACT_DATE, NULL, diag_line);
            }
        }
    }

  /* Which system refused. */
  system = dh_rules_system_for_host (rules, dh_report_get (report, DH_FACT_REMOTE_HOST));
  all_consumer = report->recipient_domains->len > 0;
  for (guint i = 0; i < report->recipient_domains->len; i++)
    if (!dh_rules_is_consumer_domain (rules, g_ptr_array_index (report->recipient_domains, i)))
      all_consumer = FALSE;
  if (system == NULL && dh_rules_is_consumer_code (rules, code))
    system = "microsoft-consumer";
  if (system == NULL && (report->reference_host || dh_rules_is_microsoft_code (rules, code)))
    system = all_consumer ? "microsoft-consumer" : "microsoft-365";
  if (system == NULL && all_consumer && dh_report_get (report, DH_FACT_REMOTE_HOST) == NULL)
    system = "microsoft-consumer";
  if (system == NULL)
    system = "other";

  input.diagnostic = diag;
  input.status = report->status;
  input.reply_code = report->reply_code;
  input.provider_code = code;
  input.system = system;
  input.action = report->action;
  input.sending_ip = dh_report_get (report, DH_FACT_SENDING_IP);
  dh_rules_classify (rules, &input, &result);

  report->is_block = result.is_block;
  report->system = g_intern_string (result.set_system ? result.set_system : system);
  report->kind = result.kind;
  report->remedy = result.remedy;
  report->rule = g_intern_string (result.id);

  if (report->is_block && dh_report_get (report, DH_FACT_SENDING_IP) == NULL)
    {
      g_autofree char *line = NULL;
      g_autofree char *guess = guess_from_received (scan, &line);

      if (guess)
        {
          dh_report_set (report, DH_FACT_SENDING_IP, guess, line);
          report->sending_ip_guess = TRUE;
        }
    }
  if (dh_report_get (report, DH_FACT_SENDING_IP))
    {
      g_autoptr(GInetAddress) address = dh_ip_parse (dh_report_get (report, DH_FACT_SENDING_IP));
      if (address)
        report->ip_flags = dh_ip_classify (address);
    }
}

void
dh_scan_finish (Scan       *scan,
                DhAnalysis *analysis)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_report_free);
  g_autoptr(GHashTable) by_recipient = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Event *bare = NULL;   /* a code-only diagnostic, kept in case nothing else is found */

  if (scan->is_feedback)
    {
      analysis->n_feedback_reports++;
      return;
    }

  /* 1. One report per recipient; diagnostics without a recipient join the report with the same
   *    diagnostic, or stand alone. */
  for (guint i = 0; i < scan->events->len; i++)
    {
      Event *event = g_ptr_array_index (scan->events, i);
      DhReport *report = NULL;
      gboolean last_resort = FALSE;

    again:

      if (event->diagnostic == NULL && event->status == NULL)
        continue;
      if (event->recipient)
        report = g_hash_table_lookup (by_recipient, event->recipient);
      if (report == NULL && event->diagnostic)
        {
          g_autofree char *key = dh_scan_diagnostic_key (event->diagnostic);
          DhReport *same = g_hash_table_lookup (by_key, key);

          /* "Status code: 550 5.7.26" alone adds nothing to a bounce found elsewhere: keep it
           * only when there is nothing else (decided after this loop). */
          if (*key == '\0' && event->recipient == NULL && !last_resort)
            {
              if (bare == NULL)
                bare = event;
              goto next;
            }
          /* Sendmail and some DSNs keep only a reply's first line: a diagnostic that is the
           * start of another is the same one. Only recent reports are compared (bounded). */
          if (same == NULL && strlen (key) >= 24)
            for (guint r = reports->len; r > 0 && r + 16 > reports->len; r--)
              {
                DhReport *other = g_ptr_array_index (reports, r - 1);
                g_autofree char *other_key = find_report_key (other);

                if (*other_key && (g_str_has_prefix (key, other_key) || g_str_has_prefix (other_key, key)) &&
                    strlen (other_key) >= 24)
                  {
                    same = other;
                    break;
                  }
              }
          if (same && (event->recipient == NULL || same->recipients->len == 0))
            report = same;
        }
      if (report == NULL)
        {
          report = dh_report_new ();
          g_ptr_array_add (reports, report);
        }
      merge_event (report, event);
      if (event->recipient && !g_hash_table_contains (by_recipient, event->recipient))
        g_hash_table_insert (by_recipient, event->recipient, report);
      if (event->diagnostic)
        {
          g_autofree char *key = dh_scan_diagnostic_key (event->diagnostic);
          if (*key && !g_hash_table_contains (by_key, key))
            g_hash_table_insert (by_key, g_steal_pointer (&key), report);
        }
    next:
      if (last_resort)
        break;
      if (i + 1 == scan->events->len && reports->len == 0 && bare != NULL)
        {
          event = bare;
          last_resort = TRUE;
          goto again;
        }
    }

  /* 2. Recipients with the same diagnostic make one report. */
  g_hash_table_remove_all (by_key);
  for (guint i = 0; i < reports->len;)
    {
      DhReport *report = g_ptr_array_index (reports, i);
      g_autofree char *key = find_report_key (report);
      DhReport *first = *key ? g_hash_table_lookup (by_key, key) : NULL;

      if (first != NULL && first != report)
        {
          for (guint r = 0; r < report->recipients->len; r++)
            dh_report_add_recipient (first, g_ptr_array_index (report->recipients, r));
          report_fill (first, DH_FACT_REMOTE_HOST, dh_report_get (report, DH_FACT_REMOTE_HOST),
                       dh_report_get_line (report, DH_FACT_REMOTE_HOST));
          dh_scan_fill_str (&first->remote_ip, report->remote_ip);
          dh_scan_fill_str (&first->status, report->status);
          dh_scan_fill_str (&first->action, report->action);
          g_ptr_array_remove_index (reports, i);
          continue;
        }
      if (*key)
        g_hash_table_insert (by_key, g_steal_pointer (&key), report);
      i++;
    }

  /* 3. Recipients a notice names apart from any reason ("宛先：a@b" above the reply, or with
   *    only the notice's sentence as reason) join the one report that names nobody, or make
   *    one from the notice; so do "<a@b>" lines with nothing after them (Sendmail). A bare
   *    address alone on a line (a signature) does not. */
  {
    DhReport *target = NULL;
    guint n_without = 0;

    for (guint i = 0; i < reports->len; i++)
      if (((DhReport *) g_ptr_array_index (reports, i))->recipients->len == 0)
        {
          target = g_ptr_array_index (reports, i);
          n_without++;
        }
    if (n_without > 1)
      target = NULL;
    for (guint i = 0; i < scan->events->len; i++)
      {
        Event *event = g_ptr_array_index (scan->events, i);

        if (!(event->labelled || event->wants_reason) || event->diagnostic != NULL || event->status != NULL ||
            g_hash_table_contains (by_recipient, event->recipient))
          continue;
        if (target == NULL && reports->len == 0 && scan->notice != NULL)
          {
            target = dh_report_new ();
            dh_report_set (target, DH_FACT_DIAGNOSTIC, scan->notice, scan->notice);
            g_ptr_array_add (reports, target);
          }
        if (target == NULL)
          break;
        if (dh_report_add_recipient (target, event->recipient) &&
            dh_report_get_line (target, DH_FACT_RECIPIENT) == NULL)
          dh_report_set (target, DH_FACT_RECIPIENT, event->recipient, event->recipient_line);
        g_hash_table_insert (by_recipient, event->recipient, target);
      }
  }

  for (guint i = 0; i < reports->len; i++)
    {
      DhReport *report = g_ptr_array_index (reports, i);

      finish_report (scan, report);
      if (analysis->reports->len < DH_ANALYZER_MAX_REPORTS)
        g_ptr_array_add (analysis->reports, g_ptr_array_steal_index (reports, i--));
      else
        analysis->dropped_reports++;
    }
  analysis->dropped_reports += scan->n_events_dropped;
}

