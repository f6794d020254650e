/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-links.h: opens the app's own fixed https addresses in the browser, or says how to. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*DhUriLauncher) (GtkWindow  *parent,
                               const char *uri,
                               gpointer    user_data);

gboolean dh_links_is_known   (const char    *uri);
void     dh_links_open       (GtkWidget     *widget,
                              const char    *uri);
void     dh_links_set_launcher (DhUriLauncher launcher,
                              gpointer       user_data);
void     dh_links_open_file  (GtkWindow     *parent,
                              GFile         *file);
GtkWidget *dh_links_button_new (const char  *label,
                                const char  *uri);

G_END_DECLS
