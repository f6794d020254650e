/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: delist-helper-gui, the application: sets up translations and runs it. `delist-helper`
 * (dh-launcher.c) starts it, or delist-helper-cli for a command-line mode. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DhApplication) app = NULL;
  const char *localedir = g_getenv ("DH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dh_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
