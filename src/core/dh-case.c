/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.c: one delisting case: the bounce, the facts as the user corrected them, the choices. */
#include "config.h"

#include "dh-case.h"

#include <string.h>

DhCase *
dh_case_new (void)
{
  return g_new0 (DhCase, 1);
}

static void
clear_facts (DhCase *self)
{
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    {
      g_clear_pointer (&self->facts[i], g_free);
      g_clear_pointer (&self->fact_lines[i], g_free);
    }
  g_clear_pointer (&self->date, g_date_time_unref);
}

void
dh_case_free (DhCase *self)
{
  if (self == NULL)
    return;
  clear_facts (self);
  g_free (self->input);
  g_clear_pointer (&self->analysis, dh_analysis_free);
  g_free (self->contact_name);
  g_free (self->contact_email);
  g_free (self->website);
  g_free (self);
}

/* Takes ownership of @analysis. */
void
dh_case_set_analysis (DhCase     *self,
                      const char *input,
                      DhAnalysis *analysis)
{
  g_return_if_fail (self != NULL);

  g_free (self->input);
  self->input = g_strdup (input);
  g_clear_pointer (&self->analysis, dh_analysis_free);
  self->analysis = analysis;
  self->analysis_serial++;
  self->report_index = 0;
  clear_facts (self);
  self->is_block = FALSE;
  self->system = self->kind = self->remedy = NULL;

  if (analysis != NULL && analysis->reports->len > 0)
    dh_case_select_report (self, 0);
}

static void
take_fact (DhCase     *self,
           DhCaseFact  fact,
           const char *value,
           const char *line)
{
  g_free (self->facts[fact]);
  self->facts[fact] = g_strdup (value);
  g_free (self->fact_lines[fact]);
  self->fact_lines[fact] = g_strdup (line);
}

void
dh_case_select_report (DhCase *self,
                       guint   index)
{
  DhReport *report;
  g_autofree char *code = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->analysis != NULL && index < self->analysis->reports->len);

  self->report_index = index;
  report = g_ptr_array_index (self->analysis->reports, index);
  clear_facts (self);

  take_fact (self, DH_CASE_IP, dh_report_get (report, DH_FACT_SENDING_IP),
             dh_report_get_line (report, DH_FACT_SENDING_IP));
  take_fact (self, DH_CASE_SENDER_ADDRESS, dh_report_get (report, DH_FACT_SENDER),
             dh_report_get_line (report, DH_FACT_SENDER));
  take_fact (self, DH_CASE_SENDER_DOMAIN, report->sender_domain,
             dh_report_get_line (report, DH_FACT_SENDER));
  take_fact (self, DH_CASE_RECIPIENT_DOMAIN,
             report->recipient_domains->len ? g_ptr_array_index (report->recipient_domains, 0) : NULL,
             dh_report_get_line (report, DH_FACT_RECIPIENT));
  code = dh_report_get (report, DH_FACT_PROVIDER_CODE)
           ? g_strdup (dh_report_get (report, DH_FACT_PROVIDER_CODE))
           : g_strdup (report->status);
  take_fact (self, DH_CASE_CODE, code, dh_report_get_line (report, DH_FACT_DIAGNOSTIC));
  take_fact (self, DH_CASE_REPORTING_HOST, dh_report_get (report, DH_FACT_REPORTING_HOST),
             dh_report_get_line (report, DH_FACT_REPORTING_HOST));
  take_fact (self, DH_CASE_REMOTE_HOST, dh_report_get (report, DH_FACT_REMOTE_HOST),
             dh_report_get_line (report, DH_FACT_REMOTE_HOST));
  take_fact (self, DH_CASE_DIAGNOSTIC, dh_report_get (report, DH_FACT_DIAGNOSTIC),
             dh_report_get_line (report, DH_FACT_DIAGNOSTIC));
  if (report->date)
    self->date = g_date_time_ref (report->date);

  self->is_block = report->is_block;
  self->system = report->system;
  self->kind = report->kind;
  self->remedy = report->remedy;
}

DhReport *
dh_case_get_report (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->analysis == NULL || self->report_index >= self->analysis->reports->len)
    return NULL;
  return g_ptr_array_index (self->analysis->reports, self->report_index);
}

const char *
dh_case_get (DhCase     *self,
             DhCaseFact  fact)
{
  g_return_val_if_fail (self != NULL && fact < DH_CASE_N_FACTS, NULL);
  return self->facts[fact];
}

const char *
dh_case_get_line (DhCase     *self,
                  DhCaseFact  fact)
{
  g_return_val_if_fail (self != NULL && fact < DH_CASE_N_FACTS, NULL);
  return self->fact_lines[fact];
}

/* A user's correction: the value changes, the source line stays as evidence. */
void
dh_case_set (DhCase     *self,
             DhCaseFact  fact,
             const char *value)
{
  g_return_if_fail (self != NULL && fact < DH_CASE_N_FACTS);

  if (g_strcmp0 (self->facts[fact], value) == 0)
    return;
  g_free (self->facts[fact]);
  self->facts[fact] = (value && *value) ? g_strdup (value) : NULL;

  /* The sending domain follows the address unless the user set it apart. */
  if (fact == DH_CASE_SENDER_ADDRESS && value && strchr (value, '@'))
    {
      g_free (self->facts[DH_CASE_SENDER_DOMAIN]);
      self->facts[DH_CASE_SENDER_DOMAIN] = g_ascii_strdown (strrchr (value, '@') + 1, -1);
    }
}

/* The site to name in Microsoft's form: the user's, or https://<sending domain>/. */
char *
dh_case_get_website (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->website && *self->website)
    return g_strdup (self->website);
  if (self->facts[DH_CASE_SENDER_DOMAIN])
    return g_strdup_printf ("https://%s/", self->facts[DH_CASE_SENDER_DOMAIN]);
  return NULL;
}
