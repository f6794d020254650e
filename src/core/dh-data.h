/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-data.h: the machine data compiled into the core (rules, forms, time zones, block lists). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *dh_data_get (const char *name);

G_END_DECLS
