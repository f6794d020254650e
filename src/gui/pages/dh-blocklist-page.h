/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklist-page.h: step: which public block list holds the address, what that means, and its removal page. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_BLOCKLIST_PAGE (dh_blocklist_page_get_type ())
G_DECLARE_FINAL_TYPE (DhBlocklistPage, dh_blocklist_page, DH, BLOCKLIST_PAGE, DhPage)

GtkWidget *dh_blocklist_page_new (void);

G_END_DECLS
