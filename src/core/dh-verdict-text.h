/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-verdict-text.h: the sentences a person reads for a verdict's system, kind and remedy. */
#pragma once

#include <glib.h>

#include "dh-case.h"
#include "dh-report.h"

G_BEGIN_DECLS

const char *dh_verdict_system_name (const char *system);
const char *dh_verdict_kind_text   (const char *kind);
const char *dh_verdict_remedy_text (const char *remedy);
char       *dh_verdict_headline    (DhReport   *report);
char       *dh_verdict_headline_with_ip (DhReport   *report,
                                         const char *ip);
char       *dh_verdict_headline_for_case (DhCase    *dh_case);

G_END_DECLS
