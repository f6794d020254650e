/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-preferences-window.h: the Preferences window, bound to the application's settings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DH_TYPE_PREFERENCES_WINDOW (dh_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DhPreferencesWindow, dh_preferences_window, DH, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *dh_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
