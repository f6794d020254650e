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

G_END_DECLS
