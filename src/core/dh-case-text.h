/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-text.h: a saved case in words: its state for the case list, its timeline's events. */
#pragma once

#include "dh-case.h"

G_BEGIN_DECLS

const char *dh_case_text_step_title (const char        *step);
char       *dh_case_text_state      (DhCaseState        state,
                                     GDateTime         *since,
                                     const char        *step,
                                     GDateTime         *now);
char       *dh_case_text_event      (const DhCaseEvent *event);

G_END_DECLS
