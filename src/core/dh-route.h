/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-route.h: which steps a case goes through for its remedy, and the waits the steps start. */
#pragma once

#include <gio/gio.h>

#include "dh-case.h"

G_BEGIN_DECLS

/* The first two steps of every case with a bounce: pasting it and reading the diagnosis. */
#define DH_ROUTE_STEP_START     "start"
#define DH_ROUTE_STEP_DIAGNOSIS "diagnosis"

/* How long Microsoft says a removal on the Microsoft 365 delist portal ("Delist IP") takes: "up to
 * 24 hours". The case waits that long, then the user tests. (A mitigating reply by mail starts
 * DH_CASE_MITIGATION_WAIT_HOURS instead.) */
#define DH_ROUTE_PORTAL_WAIT_HOURS 24

/* The shortest name of an organisation's own domain ("example" of example.co.jp) that is looked
 * for in an address owner's name: a shorter one would match too much. */
#define DH_ROUTE_MIN_OWNER_LABEL 3

const char *const *dh_route_steps          (const char  *remedy);
void               dh_route_record_event   (DhCase      *dh_case,
                                            const char  *kind,
                                            const char  *detail,
                                            GDateTime   *now);
DhHosting          dh_route_guess_hosting  (const char  *sender_base_domain,
                                            const char  *owner_organisation,
                                            const char  *owner_name);
const char        *dh_route_next_step      (DhCase      *dh_case,
                                            GDateTime   *now);

G_END_DECLS
