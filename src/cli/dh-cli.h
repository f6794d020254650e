/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli.h: the command-line modes, which never need a display. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DH_CLI_EXIT_OK 0
#define DH_CLI_EXIT_BAD_INPUT 2

GBytes *dh_cli_read_input (const char *path,
                           gsize       limit,
                           GError    **error);
int     dh_cli_analyze    (const char *path);
int     dh_cli_list_cases (void);
int     dh_cli_export_case (const char *id,
                            const char *format,
                            gboolean    mask);

G_END_DECLS
