/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-i18n.h: what every program of Delist Helper does first: the locale and its translations
 * (DH_LOCALEDIR, set by the tests, wins over the installed catalogue). Header only, GLib only, so
 * that the launcher can use it without linking anything more. */
#pragma once

#include <glib/gi18n.h>
#include <locale.h>

static inline void
dh_i18n_init (void)
{
  const char *localedir = g_getenv ("DH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
