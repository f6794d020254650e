/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-wizard.h: the wizard: the pages of one case, the route through them, Back / Next and each
 * page's apply. */
#pragma once

#include <adwaita.h>

#include "dh-case.h"
#include "dh-page.h"

G_BEGIN_DECLS

#define DH_TYPE_WIZARD (dh_wizard_get_type ())
G_DECLARE_FINAL_TYPE (DhWizard, dh_wizard, DH, WIZARD, AdwBin)

GActionGroup *dh_wizard_get_actions        (DhWizard   *self);
DhCase       *dh_wizard_get_case           (DhWizard   *self);
void          dh_wizard_set_case           (DhWizard   *self,
                                            DhCase     *dh_case);
gboolean      dh_wizard_has_bounce         (DhWizard   *self);
DhPage       *dh_wizard_get_page           (DhWizard   *self,
                                            const char *name);
DhPage       *dh_wizard_get_current_page   (DhWizard   *self);
const char   *dh_wizard_get_page_name      (DhWizard   *self);
const char   *dh_wizard_get_step_label     (DhWizard   *self);
guint         dh_wizard_get_n_steps        (DhWizard   *self);
gboolean      dh_wizard_is_busy            (DhWizard   *self);
void          dh_wizard_cancel             (DhWizard   *self);
void          dh_wizard_set_text           (DhWizard   *self,
                                            const char *text);
void          dh_wizard_load_file          (DhWizard   *self,
                                            GFile      *file);
void          dh_wizard_restart            (DhWizard   *self);
void          dh_wizard_take_over          (DhWizard   *self,
                                            DhWizard   *from);

G_END_DECLS
