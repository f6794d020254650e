/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-notes-dialog.h: the dialog where the user writes the case's notes. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DH_TYPE_NOTES_DIALOG (dh_notes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DhNotesDialog, dh_notes_dialog, DH, NOTES_DIALOG, AdwMessageDialog)

GtkWidget *dh_notes_dialog_new       (GtkWindow     *parent,
                                      const char    *notes);
char      *dh_notes_dialog_get_notes (DhNotesDialog *self);

G_END_DECLS
