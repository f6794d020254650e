/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-format.h: dates, times and durations as the app's language writes them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dh_format_date_time (GDateTime *time);
char *dh_format_duration  (GDateTime *from,
                           GDateTime *to);

/* A date in a letter (data/letters/date.<lang>.txt), in @date's own time zone, in the letter's
 * language @lang rather than the app's: "14 January 2025, 10:23 (UTC+09:00)". */
char *dh_format_letter_date (GDateTime  *date,
                             const char *lang);

G_END_DECLS
