/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli-main.c: delist-helper-cli, the command-line modes on the core and net libraries alone: no
 * GTK, libadwaita or graphics library is loaded (tests/check-cli-libraries.sh). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-i18n.h"
#include "dh-cli.h"

int
main (int   argc,
      char *argv[])
{
  dh_i18n_init ();

  return dh_cli_main (argc, argv);
}
