/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-widgets.h: the widgets every page builds the same way (labels, property rows, a text view's text). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget  *dh_page_label_new          (const char   *text,
                                        const char   *css_class);
GtkWidget  *dh_page_property_row_new   (const char   *title);
GtkWidget  *dh_text_row_new            (const char   *title,
                                        const char   *subtitle);
void        dh_row_set_subtitle        (GtkWidget    *row,
                                        const char   *text);
char       *dh_page_text_view_get_text (GtkTextView  *view);
GtkWindow  *dh_widget_get_window       (GtkWidget    *widget);
GSettings  *dh_widget_get_settings     (GtkWidget    *widget);
void        dh_widget_class_bind_template_array (GtkWidgetClass    *widget_class,
                                                 const char *const *ids,
                                                 guint              n,
                                                 const char        *suffix,
                                                 gssize             offset,
                                                 gsize              stride);

G_END_DECLS
