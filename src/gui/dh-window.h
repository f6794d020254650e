/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.h: the main window: paste or open a bounce, see what was found. */
#pragma once

#include <adwaita.h>

#include "dh-application.h"

G_BEGIN_DECLS

#define DH_TYPE_WINDOW (dh_window_get_type ())
G_DECLARE_FINAL_TYPE (DhWindow, dh_window, DH, WINDOW, AdwApplicationWindow)

DhWindow   *dh_window_new          (DhApplication *app);
void        dh_window_load_file    (DhWindow      *self,
                                    GFile         *file);
void        dh_window_set_text     (DhWindow      *self,
                                    const char    *text);
void        dh_window_analyze      (DhWindow      *self);
GtkWidget  *dh_window_get_results  (DhWindow      *self);
gboolean    dh_window_is_busy      (DhWindow      *self);

G_END_DECLS
