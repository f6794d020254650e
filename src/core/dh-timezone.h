/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-timezone.h: Windows time zones (the Outlook.com form's ddlTimezones) for IANA zone ids. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of data/timezones.tsv. Rows live as long as the process; never free them. */
typedef struct {
  const char         *windows_id;      /* the option value, "Tokyo Standard Time" */
  const char         *display_en;      /* en-US, "(UTC+09:00) Osaka, Sapporo, Tokyo" */
  const char         *display_ja;      /* ja-JP, "(UTC+09:00) 大阪、札幌、東京" */
  const char * const *iana_ids;        /* CLDR spelling; the first is the default (001) */
  int                 offset_minutes;  /* the base offset the display name states */
} DhTimezone;

const DhTimezone *dh_timezone_find_windows       (const char       *iana_id);
const DhTimezone *dh_timezone_find_by_windows_id (const char       *windows_id);
const char       *dh_timezone_get_display        (const DhTimezone *zone,
                                                  const char       *language);
char             *dh_timezone_get_local_iana     (void);
GPtrArray        *dh_timezone_list_all           (void);

G_END_DECLS
