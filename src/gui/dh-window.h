/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.h: the main window: the saved cases, the menu, toasts, notes, reports, and one DhWizard. */
#pragma once

#include <adwaita.h>

#include "dh-case-export.h"

#include "dh-application.h"
#include "dh-case.h"
#include "dh-wizard.h"

G_BEGIN_DECLS

#define DH_TYPE_WINDOW (dh_window_get_type ())
G_DECLARE_FINAL_TYPE (DhWindow, dh_window, DH, WINDOW, AdwApplicationWindow)

DhWindow   *dh_window_new              (DhApplication *app);
gboolean    dh_window_open_case        (DhWindow      *self,
                                        const char    *id);
void        dh_window_save_now         (DhWindow      *self);
AdwMessageDialog *dh_window_get_notes_dialog (DhWindow  *self);
GtkFileChooserNative *dh_window_get_report_chooser (DhWindow *self);
void        dh_window_save_report      (DhWindow      *self,
                                        GFile         *file,
                                        DhExportFormat format);
char       *dh_window_get_report       (DhWindow      *self,
                                        DhExportFormat format);
void        dh_window_load_file        (DhWindow      *self,
                                        GFile         *file);
DhWizard   *dh_window_get_wizard       (DhWindow      *self);
gboolean    dh_window_is_busy          (DhWindow      *self);
void        dh_window_transfer_state   (DhWindow      *from,
                                        DhWindow      *to);
DhWindow   *dh_window_relocalize       (DhWindow      *self);

G_END_DECLS
