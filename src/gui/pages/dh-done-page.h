/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-done-page.h: last step: what was done, what to expect, and how to check. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_DONE_PAGE (dh_done_page_get_type ())
G_DECLARE_FINAL_TYPE (DhDonePage, dh_done_page, DH, DONE_PAGE, DhPage)

GtkWidget *dh_done_page_new (void);

G_END_DECLS
