/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: delist-helper-gui, the application: sets up translations and runs it. `delist-helper`
 * (dh-launcher.c) starts it, or delist-helper-cli for a command-line mode. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-i18n.h"
#include "dh-application.h"

/* --version prints the name and version and exits, before anything else runs. */
static int
handle_version (GApplication *app,
                GVariantDict *options,
                gpointer      user_data)
{
  if (!g_variant_dict_contains (options, "version"))
    return -1;
  g_print ("delist-helper %s\n", PACKAGE_VERSION);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DhApplication) app = NULL;
  dh_i18n_init ();

  app = dh_application_new ();
  g_application_add_main_option (G_APPLICATION (app), "version", 0, 0, G_OPTION_ARG_NONE,
                                 _("Print the version and exit"), NULL);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_version), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
