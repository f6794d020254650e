/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-application.h: the application: command-line modes, actions, the main window. */
#pragma once

#include <adwaita.h>

#include "dh-case-store.h"

G_BEGIN_DECLS

#define DH_TYPE_APPLICATION (dh_application_get_type ())
G_DECLARE_FINAL_TYPE (DhApplication, dh_application, DH, APPLICATION, AdwApplication)

DhApplication *dh_application_new          (void);
GSettings     *dh_application_get_settings (DhApplication *self);
DhCaseStore   *dh_application_get_case_store (DhApplication *self);
GPtrArray     *dh_application_check_waits  (DhApplication *self,
                                            GDateTime     *now);
char          *dh_application_get_release_notes (const char *version,
                                                 const char *language);
GFile         *dh_application_get_help_file (const char *language);

G_END_DECLS
