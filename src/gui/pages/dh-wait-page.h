/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-wait-page.h: step: a temporary delay (rate limit): what to do now, and when to act. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_WAIT_PAGE (dh_wait_page_get_type ())
G_DECLARE_FINAL_TYPE (DhWaitPage, dh_wait_page, DH, WAIT_PAGE, DhPage)

GtkWidget *dh_wait_page_new (void);

G_END_DECLS
