/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-format.c: dates, times and durations as the app's language writes them. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-format.h"

/* The format is translated, not taken from the locale: the app's language (LANGUAGE) may differ
 * from the locale's (LANG=C.UTF-8 with LANGUAGE=ja), and a Japanese reader wants 2026年11月29日. */
char *
dh_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: a date and time, in g_date_time_format () codes; Japanese uses
   * "%Y年%-m月%-d日 %H:%M". Keep it numeric or in your language's words. */
  return g_date_time_format (local, C_("date and time", "%b %-d, %Y, %H:%M"));
}

/* "3 days", "5 hours", "20 minutes": how long from @from to @to, rounded down to the largest
 * unit; less than a minute is "less than a minute". */
char *
dh_format_duration (GDateTime *from,
                    GDateTime *to)
{
  GTimeSpan span;
  gint64 n;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  span = g_date_time_difference (to, from);
  if (span < 0)
    span = -span;
  if ((n = span / G_TIME_SPAN_DAY) > 0)
    /* Translators: a duration. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", n), (int) n);
  if ((n = span / G_TIME_SPAN_HOUR) > 0)
    /* Translators: a duration. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", n), (int) n);
  if ((n = span / G_TIME_SPAN_MINUTE) > 0)
    /* Translators: a duration. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", n), (int) n);
  return g_strdup (_("less than a minute"));
}
