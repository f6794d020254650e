/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-copy-row.h: a row with a label, a value and a button that copies the value. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DH_TYPE_COPY_ROW (dh_copy_row_get_type ())
G_DECLARE_FINAL_TYPE (DhCopyRow, dh_copy_row, DH, COPY_ROW, AdwActionRow)

GtkWidget  *dh_copy_row_new        (const char *title,
                                    const char *value);
void        dh_copy_row_set_value  (DhCopyRow  *self,
                                    const char *value);
const char *dh_copy_row_get_value  (DhCopyRow  *self);
GtkWidget  *dh_copy_row_get_button (DhCopyRow  *self);
void        dh_copy_row_copy       (DhCopyRow  *self);

G_END_DECLS
