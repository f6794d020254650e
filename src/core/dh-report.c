/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-report.c: the facts and verdict of one bounce, and their JSON form for --analyze. */
#include "config.h"

#include "dh-json.h"
#include "dh-report.h"

#include <string.h>

DhReport *
dh_report_new (void)
{
  DhReport *report = g_new0 (DhReport, 1);

  report->recipients = g_ptr_array_new_with_free_func (g_free);
  report->recipient_domains = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
dh_report_free (DhReport *report)
{
  if (report == NULL)
    return;

  for (guint i = 0; i < DH_N_FACTS; i++)
    {
      g_free (report->facts[i].value);
      g_free (report->facts[i].line);
    }
  g_ptr_array_unref (report->recipients);
  g_ptr_array_unref (report->recipient_domains);
  g_free (report->sender_domain);
  g_free (report->remote_ip);
  g_free (report->reply_code);
  g_free (report->status);
  g_free (report->reference_host);
  g_free (report->action);
  g_free (report->envelope_sender);
  g_clear_pointer (&report->date, g_date_time_unref);
  g_free (report);
}

const char *
dh_report_get (DhReport *report,
               DhFactId  id)
{
  g_return_val_if_fail (report != NULL && id < DH_N_FACTS, NULL);
  return report->facts[id].value;
}

const char *
dh_report_get_line (DhReport *report,
                    DhFactId  id)
{
  g_return_val_if_fail (report != NULL && id < DH_N_FACTS, NULL);
  return report->facts[id].line;
}

void
dh_report_set (DhReport   *report,
               DhFactId    id,
               const char *value,
               const char *line)
{
  g_return_if_fail (report != NULL && id < DH_N_FACTS);

  if (value != report->facts[id].value)
    {
      g_free (report->facts[id].value);
      report->facts[id].value = g_strdup (value);
    }
  if (line != report->facts[id].line)
    {
      g_free (report->facts[id].line);
      report->facts[id].line = g_strdup (line);
    }
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

/* Adds an address (and its domain) once; returns FALSE if it was there already or is no address. */
gboolean
dh_report_add_recipient (DhReport   *report,
                         const char *address)
{
  const char *at;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (report != NULL, FALSE);

  if (address == NULL || (at = strrchr (address, '@')) == NULL || at == address || at[1] == '\0')
    return FALSE;

  lower = g_ascii_strdown (address, -1);
  if (str_array_contains (report->recipients, lower))
    return FALSE;

  g_ptr_array_add (report->recipients, g_strdup (lower));
  at = strrchr (lower, '@');
  if (!str_array_contains (report->recipient_domains, at + 1))
    g_ptr_array_add (report->recipient_domains, g_strdup (at + 1));
  return TRUE;
}

const char *
dh_report_get_blocked_ip (DhReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->is_block ? report->facts[DH_FACT_SENDING_IP].value : NULL;
}

void
dh_report_to_json (DhReport    *report,
                   JsonBuilder *builder)
{
  static const char *line_keys[DH_N_FACTS] = {
    [DH_FACT_SENDING_IP] = "sending_ip",
    [DH_FACT_SENDER] = "sender_address",
    [DH_FACT_REPORTING_HOST] = "reporting_host",
    [DH_FACT_REMOTE_HOST] = "remote_host",
    [DH_FACT_PROVIDER_CODE] = "provider_code",
    [DH_FACT_DIAGNOSTIC] = "diagnostic",
    [DH_FACT_DATE] = "date",
    [DH_FACT_RECIPIENT] = "recipients",
  };
  g_autofree char *date = NULL;
  const char *blocked_ip = dh_report_get_blocked_ip (report);

  g_return_if_fail (report != NULL && JSON_IS_BUILDER (builder));

  if (report->date != NULL)
    date = g_date_time_format (report->date, "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "is_block");
  json_builder_add_boolean_value (builder, report->is_block);
  dh_json_add_string (builder, "system", report->system);
  dh_json_add_string (builder, "kind", report->kind);
  dh_json_add_string (builder, "remedy", report->remedy);
  dh_json_add_string (builder, "rule", report->rule);
  dh_json_add_string (builder, "blocked_ip", blocked_ip);
  dh_json_add_string (builder, "blocked_ip_line",
                      blocked_ip ? report->facts[DH_FACT_SENDING_IP].line : NULL);
  json_builder_set_member_name (builder, "blocked_ip_guess");
  json_builder_add_boolean_value (builder, blocked_ip != NULL && report->sending_ip_guess);
  dh_json_add_string (builder, "sending_ip", report->facts[DH_FACT_SENDING_IP].value);
  json_builder_set_member_name (builder, "ip_flags");
  json_builder_begin_array (builder);
  if (report->facts[DH_FACT_SENDING_IP].value != NULL)
    for (const char **f = dh_ip_flag_names (report->ip_flags); *f; f++)
      json_builder_add_string_value (builder, *f);
  json_builder_end_array (builder);
  dh_json_add_string_array (builder, "recipients", report->recipients);
  dh_json_add_string_array (builder, "recipient_domains", report->recipient_domains);
  dh_json_add_string (builder, "sender_address", report->facts[DH_FACT_SENDER].value);
  dh_json_add_string (builder, "sender_domain", report->sender_domain);
  dh_json_add_string (builder, "envelope_sender", report->envelope_sender);
  dh_json_add_string (builder, "reporting_host", report->facts[DH_FACT_REPORTING_HOST].value);
  dh_json_add_string (builder, "remote_host", report->facts[DH_FACT_REMOTE_HOST].value);
  dh_json_add_string (builder, "remote_ip", report->remote_ip);
  dh_json_add_string (builder, "reply_code", report->reply_code);
  dh_json_add_string (builder, "status", report->status);
  dh_json_add_string (builder, "provider_code", report->facts[DH_FACT_PROVIDER_CODE].value);
  dh_json_add_string (builder, "reference_host", report->reference_host);
  dh_json_add_string (builder, "action", report->action);
  dh_json_add_string (builder, "diagnostic", report->facts[DH_FACT_DIAGNOSTIC].value);
  dh_json_add_string (builder, "date", date);

  /* Where each fact came from, so a reader can check it. */
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_object (builder);
  for (guint i = 0; i < DH_N_FACTS; i++)
    if (report->facts[i].line != NULL && line_keys[i] != NULL)
      dh_json_add_string (builder, line_keys[i], report->facts[i].line);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}
