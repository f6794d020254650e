/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-utils.h: what the UI tests and the screenshot tool share: drive the wizard, read the
 * screen as a person would, read the clipboard back, record link launches, save a PNG. */
#pragma once

#include <adwaita.h>

#include "dh-copy-row.h"
#include "dh-message-view.h"
#include "dh-application.h"
#include "dh-window.h"

G_BEGIN_DECLS

void            dh_test_init                (int         *argc,
                                             char      ***argv);
DhWindow       *dh_test_new_window          (int          width,
                                             int          height);
void            dh_test_wait_until_idle     (DhWindow    *window);
void            dh_test_next                (DhWindow    *window);
void            dh_test_back                (DhWindow    *window);
const char     *dh_test_current_name        (DhWindow    *window);
void            dh_test_assert_japanese_page (DhWindow   *window);
DhPage         *dh_test_go_to               (DhWindow    *window,
                                             const char  *name);

void            dh_test_collect_text        (GtkWidget   *widget,
                                             GString     *out);
char           *dh_test_page_text           (DhWindow    *window);
void            dh_test_assert_contains     (const char  *haystack,
                                             const char  *needle);
void            dh_test_assert_not_contains (const char  *haystack,
                                             const char  *needle);

GPtrArray      *dh_test_find_all            (gpointer     root,
                                             GType        type);
gpointer        dh_test_find_row            (gpointer     root,
                                             GType        type,
                                             const char  *title);
DhCopyRow      *dh_test_find_copy_row       (gpointer     root,
                                             const char  *title);
GtkEditable    *dh_test_find_entry_row      (gpointer     root,
                                             const char  *title);
AdwComboRow    *dh_test_find_combo_row      (gpointer     root,
                                             const char  *title);
GtkWidget      *dh_test_find_button         (gpointer     root,
                                             const char  *label);
DhMessageView  *dh_test_find_message_view   (gpointer     root);

char           *dh_test_clipboard_text      (GtkWidget   *widget,
                                             const char  *expected);
void            dh_test_click               (GtkWidget   *button);
void            dh_test_assert_copies       (GtkWidget   *button,
                                             const char  *expected);
void            dh_test_assert_row_copies   (DhCopyRow   *row,
                                             const char  *expected);

GPtrArray      *dh_test_record_launches     (void);

void            dh_test_save_screenshot     (GtkWindow   *window,
                                             const char  *path);

DhApplication  *dh_test_start_app           (const char  *ui_language);
gboolean        dh_test_in_own_process      (void);

G_END_DECLS
