/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-start-page.h: step 1: paste, open or drop the bounce. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_START_PAGE (dh_start_page_get_type ())
G_DECLARE_FINAL_TYPE (DhStartPage, dh_start_page, DH, START_PAGE, DhPage)

GtkWidget *dh_start_page_new        (void);
void       dh_start_page_set_text   (DhStartPage *self,
                                     const char  *text);
char      *dh_start_page_get_text   (DhStartPage *self);
void        dh_start_page_copy_input (DhStartPage *self,
                                      DhStartPage *from);
void       dh_start_page_set_status (DhStartPage *self,
                                     const char  *message);
void       dh_start_page_load_file  (DhStartPage *self,
                                     GFile       *file);
void       dh_start_page_set_cases  (DhStartPage *self,
                                     GPtrArray   *summaries,
                                     GPtrArray   *problems);
GtkWidget *dh_start_page_get_case_row (DhStartPage *self,
                                       const char  *id);

G_END_DECLS
