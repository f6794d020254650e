/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-format.c: dates, times and durations as the app's language writes them. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-format.h"
#include "dh-letter.h"

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

/* The date letter's values: the numbers, the offset ("UTC+09:00"), the month as a section (m01 …
 * m12) and jst when the offset is Japan's. The words are the letter's. */
char *
dh_format_letter_date (GDateTime  *date,
                       const char *lang)
{
  static const char * const month_sections[] = {
    "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12"
  };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  GTimeSpan offset;
  gint64 minutes;
  char *text;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  offset = g_date_time_get_utc_offset (date);
  minutes = (offset < 0 ? -offset : offset) / G_TIME_SPAN_MINUTE;
  g_hash_table_insert (values, "year", g_strdup_printf ("%d", g_date_time_get_year (date)));
  g_hash_table_insert (values, "month", g_strdup_printf ("%d", g_date_time_get_month (date)));
  g_hash_table_insert (values, (gpointer) month_sections[g_date_time_get_month (date) - 1], g_strdup ("yes"));
  g_hash_table_insert (values, "day", g_strdup_printf ("%d", g_date_time_get_day_of_month (date)));
  g_hash_table_insert (values, "hour", g_strdup_printf ("%02d", g_date_time_get_hour (date)));
  g_hash_table_insert (values, "minute", g_strdup_printf ("%02d", g_date_time_get_minute (date)));
  g_hash_table_insert (values, "zone", g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+',
                                                        (int) (minutes / 60), (int) (minutes % 60)));
  if (offset == 9 * G_TIME_SPAN_HOUR)
    g_hash_table_insert (values, "jst", g_strdup ("yes"));

  text = dh_letter_render ("date", lang, values, &error);
  if (text == NULL)
    g_critical ("The date letter does not render: %s", error->message);
  return text;
}
