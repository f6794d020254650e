/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-widgets.h: the widgets every page builds the same way (labels, property rows, a text view's text). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget  *dh_page_label_new          (const char   *text,
                                        const char   *css_class);
GtkWidget  *dh_page_property_row_new   (const char   *title);
void        dh_row_set_subtitle        (GtkWidget    *row,
                                        const char   *text);
char       *dh_page_text_view_get_text (GtkTextView  *view);

G_END_DECLS
