/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli.h: the command-line modes, which never need a display. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dh-net.h"

G_BEGIN_DECLS

#define DH_CLI_EXIT_OK 0
#define DH_CLI_EXIT_USAGE 1      /* an unknown option or none: as GApplication said */
#define DH_CLI_EXIT_BAD_INPUT 2

int     dh_cli_analyze    (const char *path);
int     dh_cli_list_cases (void);
int     dh_cli_export_case (const char *id,
                            const char *format,
                            gboolean    mask);

/* The whole command-line tool (delist-helper-cli, and delist-helper with a command-line option). */
int           dh_cli_main         (int                 argc,
                                   char              **argv);
/* The online-check options from GSettings (when the schema is installed), then the environment. */
DhNetOptions *dh_cli_net_options  (void);
/* Runs every online check of @address in a main loop of its own; the JSON --check-ip prints. */
JsonNode     *dh_cli_check_ip_run (GInetAddress       *address,
                                   const DhNetOptions *options);
int           dh_cli_check_ip     (const char         *text);

G_END_DECLS
