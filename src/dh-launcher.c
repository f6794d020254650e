/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-launcher.c: `delist-helper`, which links no GTK: a command-line mode (--analyze, --check-ip,
 * --list-cases, --export-case) runs delist-helper-cli, anything else the application,
 * delist-helper-gui. Either replaces this process (execv), so nothing of GTK is ever loaded for
 * the command line. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "dh-i18n.h"

/* The options that only delist-helper-cli knows; --format and --mask go with --export-case. */
static const char *const cli_options[] = {
  "--analyze", "--check-ip", "--list-cases", "--export-case", "--format", "--mask", NULL
};

static gboolean
wants_cli (int    argc,
           char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      for (guint j = 0; cli_options[j]; j++)
        {
          gsize len = strlen (cli_options[j]);

          if (strncmp (argv[i], cli_options[j], len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }
  return FALSE;
}

/* @name beside this executable (the build tree), else @installed. Returns only when it cannot
 * be run. */
static int
run (const char  *name,
     const char  *installed,
     char       **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir ? g_build_filename (dir, name, NULL) : NULL;
  const char *path = installed;
  int saved;

  if (beside && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    path = beside;
  execv (path, argv);
  saved = errno;
  /* Translators: %1$s is a program's path, %2$s the reason it cannot be started. */
  g_printerr (_("delist-helper: cannot run “%1$s”: %2$s\n"), path, g_strerror (saved));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  dh_i18n_init ();

  /* The version needs neither program. */
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--version") == 0)
      {
        g_print ("delist-helper %s\n", PACKAGE_VERSION);
        return 0;
      }
  if (wants_cli (argc, argv))
    return run ("delist-helper-cli", BINDIR "/delist-helper-cli", argv);
  return run ("delist-helper-gui", LIBEXECDIR "/delist-helper-gui", argv);
}
