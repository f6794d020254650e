/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-report.h: one bounce found in the input, its facts (each with its source line) and verdict. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dh-ip.h"

G_BEGIN_DECLS

/* A fact and the unfolded line it was read from. */
typedef struct {
  char *value;
  char *line;
} DhFact;

typedef enum {
  DH_FACT_SENDING_IP,
  DH_FACT_SENDER,
  DH_FACT_REPORTING_HOST,
  DH_FACT_REMOTE_HOST,
  DH_FACT_PROVIDER_CODE,
  DH_FACT_DIAGNOSTIC,
  DH_FACT_DATE,
  DH_FACT_RECIPIENT,
  DH_N_FACTS
} DhFactId;

typedef struct {
  /* Verdict (interned strings from the rules data). */
  gboolean    is_block;
  const char *system;
  const char *kind;
  const char *remedy;
  const char *rule;

  /* Facts. */
  DhFact      facts[DH_N_FACTS];
  gboolean    sending_ip_guess;
  DhIpFlags   ip_flags;
  GPtrArray  *recipients;          /* char*, lower-cased addresses, in order */
  GPtrArray  *recipient_domains;   /* char* */
  char       *sender_domain;
  char       *remote_ip;
  char       *reply_code;
  char       *status;
  char       *reference_host;
  char       *action;              /* "failed", "delayed", ... from the DSN when stated */
  char       *envelope_sender;     /* Return-Path, X-Postfix-Sender, MAIL FROM or the bounce's To: */
  GDateTime  *date;
  guint       message_index;       /* which message of an mbox, from 0 */
} DhReport;

DhReport   *dh_report_new              (void);
void        dh_report_free             (DhReport    *report);
const char *dh_report_get              (DhReport    *report,
                                        DhFactId     id);
const char *dh_report_get_line         (DhReport    *report,
                                        DhFactId     id);
void        dh_report_set              (DhReport    *report,
                                        DhFactId     id,
                                        const char  *value,
                                        const char  *line);
gboolean    dh_report_add_recipient    (DhReport    *report,
                                        const char  *address);
const char *dh_report_get_blocked_ip   (DhReport    *report);
void        dh_report_to_json          (DhReport    *report,
                                        JsonBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhReport, dh_report_free)

G_END_DECLS
