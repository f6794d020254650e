/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-data.h: the machine data compiled into the core (rules, forms, time zones, block lists). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GBytes     *dh_data_get        (const char *name);
/* The built-in JSON file @name, read: its root is an object (json_parser_get_root ()). Data that
 * does not read is a broken build: the program stops with a message. */
JsonParser *dh_data_get_json   (const char *name);

/* Reads data into its loaded form (the rules, the block lists): NULL with @error when it does not
 * load. With @check_now, every pattern is compiled and checked at once, not when first used. */
typedef gpointer (*DhDataLoadFunc) (GBytes   *json,
                                    gboolean  check_now,
                                    GError  **error);
/* The built-in file @name loaded by @load (patterns checked when first used). Data that does not
 * load is a broken build: the program stops with a message. */
gpointer    dh_data_load       (const char     *name,
                                DhDataLoadFunc  load);

G_END_DECLS
