/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-message-view.h: a ready message to read and copy, with a Japanese / English switch. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DH_TYPE_MESSAGE_VIEW (dh_message_view_get_type ())
G_DECLARE_FINAL_TYPE (DhMessageView, dh_message_view, DH, MESSAGE_VIEW, GtkBox)

void        dh_message_view_set_text        (DhMessageView *self,
                                             const char    *text);
char       *dh_message_view_get_text        (DhMessageView *self);
const char *dh_message_view_get_language    (DhMessageView *self);
void        dh_message_view_set_language    (DhMessageView *self,
                                             const char    *language);
void        dh_message_view_add_row         (DhMessageView *self,
                                             GtkWidget     *row);
GtkWidget  *dh_message_view_get_copy_button (DhMessageView *self);
GtkWidget  *dh_message_view_get_language_button (DhMessageView *self,
                                                 const char    *language);
void        dh_message_view_copy            (DhMessageView *self);

const char *dh_message_view_default_language (void);

G_END_DECLS
