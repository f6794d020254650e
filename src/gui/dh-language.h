/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-language.h: the language of the app's own windows (the `ui-language` setting). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void dh_language_save_initial (void);
void dh_language_apply        (const char *language);

G_END_DECLS
