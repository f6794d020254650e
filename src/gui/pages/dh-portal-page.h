/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-portal-page.h: step: remove the address on Microsoft’s delist portal (sender.office.com). */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_PORTAL_PAGE (dh_portal_page_get_type ())
G_DECLARE_FINAL_TYPE (DhPortalPage, dh_portal_page, DH, PORTAL_PAGE, DhPage)

GtkWidget *dh_portal_page_new (void);

G_END_DECLS
