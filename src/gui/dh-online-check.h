/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-online-check.h: "Check online": the owner of the blocked address, other block lists, reverse
 * DNS and the web site, only after the user agrees. */
#pragma once

#include <adwaita.h>

#include "dh-case.h"

G_BEGIN_DECLS

#define DH_TYPE_ONLINE_CHECK (dh_online_check_get_type ())
G_DECLARE_FINAL_TYPE (DhOnlineCheck, dh_online_check, DH, ONLINE_CHECK, GtkBox)

void              dh_online_check_set_case           (DhOnlineCheck *self,
                                                      DhCase        *dh_case);
void              dh_online_check_run                (DhOnlineCheck *self);
gboolean          dh_online_check_is_running         (DhOnlineCheck *self);
AdwMessageDialog *dh_online_check_get_consent_dialog (DhOnlineCheck *self);

G_END_DECLS
