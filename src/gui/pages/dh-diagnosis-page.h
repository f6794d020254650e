/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-diagnosis-page.h: step 2: what happened, in plain words, and the facts, editable. */
#pragma once

#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_DIAGNOSIS_PAGE (dh_diagnosis_page_get_type ())
G_DECLARE_FINAL_TYPE (DhDiagnosisPage, dh_diagnosis_page, DH, DIAGNOSIS_PAGE, DhPage)

GtkWidget *dh_diagnosis_page_new       (void);
GtkWidget *dh_diagnosis_page_get_row   (DhDiagnosisPage *self,
                                        DhCaseFact       fact);

G_END_DECLS
