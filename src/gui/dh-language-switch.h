/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-language-switch.h: the linked toggle buttons that choose the language of a ready message, of
 * the form's labels or of a title: one button per language the data has (data/languages.json). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DH_TYPE_LANGUAGE_SWITCH (dh_language_switch_get_type ())
G_DECLARE_FINAL_TYPE (DhLanguageSwitch, dh_language_switch, DH, LANGUAGE_SWITCH, GtkBox)

GtkWidget  *dh_language_switch_new          (void);
const char *dh_language_switch_get_language (DhLanguageSwitch *self);
void        dh_language_switch_set_language (DhLanguageSwitch *self,
                                             const char       *language);
GtkWidget  *dh_language_switch_get_button   (DhLanguageSwitch *self,
                                             const char       *language);

GStrv       dh_languages_get                (void);
const char *dh_languages_get_name           (const char       *language);
const char *dh_languages_get_endonym        (const char       *language);

G_END_DECLS
