/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-format.h: dates, times and durations as the app's language writes them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dh_format_date_time (GDateTime *time);
char *dh_format_duration  (GDateTime *from,
                           GDateTime *to);

G_END_DECLS
