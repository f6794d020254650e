/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-form-page.h: step: the values to copy into Microsoft's Outlook.com delisting form. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_FORM_PAGE (dh_form_page_get_type ())
G_DECLARE_FINAL_TYPE (DhFormPage, dh_form_page, DH, FORM_PAGE, DhPage)

GtkWidget  *dh_form_page_new               (void);
const char *dh_form_page_get_form_language (DhFormPage *self);
void        dh_form_page_set_form_language (DhFormPage *self,
                                            const char *language);
void        dh_form_page_set_title_language (DhFormPage *self,
                                             const char *language);
char       *dh_form_page_get_text          (DhFormPage *self);
void        dh_form_page_copy_all          (DhFormPage *self);

G_END_DECLS
