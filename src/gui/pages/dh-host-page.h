/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-host-page.h: step: a ready message that asks the hosting company to act on the block. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_HOST_PAGE (dh_host_page_get_type ())
G_DECLARE_FINAL_TYPE (DhHostPage, dh_host_page, DH, HOST_PAGE, DhPage)

GtkWidget *dh_host_page_new (void);

G_END_DECLS
