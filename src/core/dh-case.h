/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.h: one delisting case: the bounce, the facts as the user corrected them, the choices. */
#pragma once

#include <gio/gio.h>

#include "dh-analyzer.h"

G_BEGIN_DECLS

typedef enum {
  DH_HOSTING_UNKNOWN,
  DH_HOSTING_SHARED,
  DH_HOSTING_DEDICATED,
} DhHosting;

/* The facts a user may correct; indexes into DhCase.facts. */
typedef enum {
  DH_CASE_IP,
  DH_CASE_SENDER_ADDRESS,
  DH_CASE_SENDER_DOMAIN,
  DH_CASE_RECIPIENT_DOMAIN,
  DH_CASE_CODE,
  DH_CASE_REPORTING_HOST,
  DH_CASE_REMOTE_HOST,
  DH_CASE_DIAGNOSTIC,
  DH_CASE_N_FACTS
} DhCaseFact;

typedef struct {
  char       *input;             /* the bounce as pasted or opened (valid UTF-8) */
  DhAnalysis *analysis;
  guint       report_index;      /* which bounce of the analysis the case is about */
  guint       analysis_serial;   /* grows with every new analysis */

  char       *facts[DH_CASE_N_FACTS];
  char       *fact_lines[DH_CASE_N_FACTS];
  GDateTime  *date;

  gboolean    is_block;
  const char *system;
  const char *kind;
  const char *remedy;

  char       *contact_name;
  char       *contact_email;
  DhHosting   hosting;
  char       *website;
} DhCase;

DhCase     *dh_case_new            (void);
void        dh_case_free           (DhCase      *self);
void        dh_case_set_analysis   (DhCase      *self,
                                    const char  *input,
                                    DhAnalysis  *analysis);
void        dh_case_select_report  (DhCase      *self,
                                    guint        index);
DhReport   *dh_case_get_report     (DhCase      *self);
const char *dh_case_get            (DhCase      *self,
                                    DhCaseFact   fact);
void        dh_case_set            (DhCase      *self,
                                    DhCaseFact   fact,
                                    const char  *value);
const char *dh_case_get_line       (DhCase      *self,
                                    DhCaseFact   fact);
char       *dh_case_get_website    (DhCase      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhCase, dh_case_free)

G_END_DECLS
