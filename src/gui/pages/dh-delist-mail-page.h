/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-delist-mail-page.h: step: write to delist@microsoft.com for 550 5.7.511 (the portal refuses this code). */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_DELIST_MAIL_PAGE (dh_delist_mail_page_get_type ())
G_DECLARE_FINAL_TYPE (DhDelistMailPage, dh_delist_mail_page, DH, DELIST_MAIL_PAGE, DhPage)

GtkWidget *dh_delist_mail_page_new (void);

G_END_DECLS
