/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli-main.c: delist-helper-cli, the command-line modes on the core and net libraries alone: no
 * GTK, libadwaita or graphics library is loaded (tests/check-cli-libraries.sh). */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-cli.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return dh_cli_main (argc, argv);
}
