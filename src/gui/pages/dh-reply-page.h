/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-reply-page.h: step: what Microsoft’s answers look like, what to do with each, and a ready reply. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_REPLY_PAGE (dh_reply_page_get_type ())
G_DECLARE_FINAL_TYPE (DhReplyPage, dh_reply_page, DH, REPLY_PAGE, DhPage)

GtkWidget *dh_reply_page_new        (void);
gboolean   dh_reply_page_is_reading (DhReplyPage *self);

G_END_DECLS
