/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-timezone.c: data/timezones.tsv and timezone-aliases.tsv, loaded once; IANA id -> Windows. */
#include "config.h"

#include "dh-timezone.h"
#include "dh-data.h"

#include <string.h>

typedef struct {
  GHashTable *by_iana;     /* lower-case IANA id (CLDR spelling or alias) -> DhTimezone* */
  GHashTable *by_windows;  /* windows_id -> DhTimezone*, obsolete rows left out */
  /* DhTimezone*, obsolete rows left out, in file order: the order of the Windows list (en-US).
   * That is by offset, then name, with one exception that re-sorting would lose: "(UTC+01:00)
   * Casablanca" comes before "(UTC+01:00) Amsterdam...", probably because Windows sorts by the
   * registry's standard bias, which for Morocco is 0 (its +01:00 modelled as daylight time). */
  GPtrArray  *sorted;
} Table;

/* The lines of a TSV file without comments and blank lines; the first is the header. */
static GStrv
tsv_lines (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);  /* also drops a '\r' */
      if (lines[i][0] != '\0' && lines[i][0] != '#')
        g_strv_builder_add (kept, lines[i]);
    }
  return g_strv_builder_end (kept);
}

static int
column (GStrv        header,
        const char  *name,
        const char  *file)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("%s: no column %s", file, name);
}

/* "(UTC+09:00) ..." -> 540, "(UTC-03:30) ..." -> -210, "(UTC) ..." -> 0. */
static gboolean
parse_offset (const char *display,
              int        *minutes)
{
  const char *p;

  if (g_str_has_prefix (display, "(UTC)"))
    {
      *minutes = 0;
      return TRUE;
    }
  if (!g_str_has_prefix (display, "(UTC"))
    return FALSE;
  /* "(UTC" sign hh ":" mm ")" */
  p = display + strlen ("(UTC");
  if ((p[0] != '+' && p[0] != '-') ||
      !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != ':' ||
      !g_ascii_isdigit (p[4]) || !g_ascii_isdigit (p[5]) || p[6] != ')')
    return FALSE;
  *minutes = (p[0] == '-' ? -1 : 1) *
             (g_ascii_digit_value (p[1]) * 600 + g_ascii_digit_value (p[2]) * 60 +
              g_ascii_digit_value (p[4]) * 10 + g_ascii_digit_value (p[5]));
  return TRUE;
}

static Table *
table_load (void)
{
  g_autoptr(GBytes) zones_bytes = dh_data_get ("timezones.tsv");
  g_autoptr(GBytes) alias_bytes = dh_data_get ("timezone-aliases.tsv");
  g_auto(GStrv) lines = tsv_lines (zones_bytes);
  g_auto(GStrv) alias_lines = tsv_lines (alias_bytes);
  g_auto(GStrv) header = NULL;
  Table *table = g_new0 (Table, 1);
  int col_windows, col_iana, col_en, col_ja, n_columns;

  if (lines[0] == NULL)
    g_error ("timezones.tsv: empty");
  header = g_strsplit (lines[0], "\t", -1);
  n_columns = g_strv_length (header);
  col_windows = column (header, "windows_id", "timezones.tsv");
  col_iana = column (header, "iana_ids", "timezones.tsv");
  col_en = column (header, "display_en", "timezones.tsv");
  col_ja = column (header, "display_ja", "timezones.tsv");

  table->by_iana = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->by_windows = g_hash_table_new (g_str_hash, g_str_equal);
  table->sorted = g_ptr_array_new ();

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      DhTimezone *zone;

      if (g_strv_length (cols) < (guint) n_columns)
        g_error ("timezones.tsv: line %u has %u columns", i + 1, g_strv_length (cols));

      /* The obsolete "... - Old" rows: kept in the file, which is a verbatim copy, never offered. */
      if (g_str_equal (cols[col_iana], "-"))
        continue;

      zone = g_new0 (DhTimezone, 1);
      zone->windows_id = g_intern_string (cols[col_windows]);
      zone->display_en = g_intern_string (cols[col_en]);
      zone->display_ja = g_intern_string (cols[col_ja]);
      if (!parse_offset (zone->display_en, &zone->offset_minutes))
        g_error ("timezones.tsv: no offset in “%s”", zone->display_en);
      zone->iana_ids = (const char * const *) g_strsplit (cols[col_iana], " ", -1);
      for (const char * const *id = zone->iana_ids; *id != NULL; id++)
        if (!g_hash_table_insert (table->by_iana, g_ascii_strdown (*id, -1), zone))
          g_error ("timezones.tsv: %s is in two rows", *id);
      g_hash_table_insert (table->by_windows, (gpointer) zone->windows_id, zone);
      g_ptr_array_add (table->sorted, zone);
    }

  /* Modern tzdb names and backward links -> the CLDR spelling the table lists. */
  for (guint i = 1; alias_lines[0] != NULL && alias_lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (alias_lines[i], "\t", -1);
      g_autofree char *target = NULL;
      DhTimezone *zone;

      if (g_strv_length (cols) < 2)
        g_error ("timezone-aliases.tsv: line %u has no target", i + 1);
      target = g_ascii_strdown (cols[1], -1);
      if ((zone = g_hash_table_lookup (table->by_iana, target)) == NULL)
        g_error ("timezone-aliases.tsv: %s points to %s, which timezones.tsv does not list",
                 cols[0], cols[1]);
      g_hash_table_insert (table->by_iana, g_ascii_strdown (cols[0], -1), zone);
    }

  return table;
}

static Table *
get_table (void)
{
  static Table *table;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      table = table_load ();
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

/* The Windows zone for an IANA id, also under its modern or deprecated spellings (Asia/Kolkata,
 * Europe/Kyiv, Japan, UTC...). NULL when Windows has none (Antarctica/Troll) or the id is unknown. */
const DhTimezone *
dh_timezone_find_windows (const char *iana_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (iana_id != NULL, NULL);

  key = g_ascii_strdown (iana_id, -1);
  return g_hash_table_lookup (get_table ()->by_iana, g_strstrip (key));
}

/* For a Windows id stored earlier (a chooser's choice); NULL for unknown and obsolete ids. */
const DhTimezone *
dh_timezone_find_by_windows_id (const char *windows_id)
{
  g_return_val_if_fail (windows_id != NULL, NULL);

  return g_hash_table_lookup (get_table ()->by_windows, windows_id);
}

/* The display name as the form shows it to a browser in @language ("ja" or else English). */
const char *
dh_timezone_get_display (const DhTimezone *zone,
                         const char       *language)
{
  g_return_val_if_fail (zone != NULL, NULL);

  if (language != NULL && g_str_has_prefix (language, "ja"))
    return zone->display_ja;
  return zone->display_en;
}

/* All zones a chooser may offer, in the order the Windows list has them (see Table); the obsolete
 * rows are left out. Free the array; its elements belong to the table. */
GPtrArray *
dh_timezone_list_all (void)
{
  GPtrArray *sorted = get_table ()->sorted;
  GPtrArray *list = g_ptr_array_sized_new (sorted->len);

  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (list, g_ptr_array_index (sorted, i));
  return list;
}

/* A zone name from a TZ value, a path or a link target: ":Asia/Tokyo", "/usr/share/zoneinfo/Asia/Tokyo"
 * and "../usr/share/zoneinfo/posix/Asia/Tokyo" all give "Asia/Tokyo". NULL when it names no zone. */
static char *
zone_name_from (const char *text)
{
  g_autofree char *copy = NULL;
  const char *name;
  const char *zoneinfo;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  name = copy;
  if (*name == ':')
    name++;
  if ((zoneinfo = strstr (name, "zoneinfo/")) != NULL)
    name = zoneinfo + strlen ("zoneinfo/");
  if (g_str_has_prefix (name, "posix/"))
    name += strlen ("posix/");
  else if (g_str_has_prefix (name, "right/"))
    name += strlen ("right/");
  if (*name == '\0' || *name == '/' || *name == '.' || g_str_equal (name, "localtime"))
    return NULL;
  return g_strdup (name);
}

static char *
zone_from_etc_timezone (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/etc/timezone", &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", 2);
  return zone_name_from (lines[0]);
}

static char *
zone_from_localtime_link (void)
{
  g_autofree char *target = g_file_read_link ("/etc/localtime", NULL);

  return target && strstr (target, "zoneinfo/") ? zone_name_from (target) : NULL;
}

/* The IANA id of the system's zone, or NULL. TZ wins when set, as it does for GLib. A TZ that is
 * a POSIX rule ("JST-9") is returned as it is; dh_timezone_find_windows () will not know it. */
char *
dh_timezone_get_local_iana (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *tz_env = g_getenv ("TZ");
  g_autofree char *name = zone_name_from (g_time_zone_get_identifier (local));
  char *fallback;

  if (tz_env != NULL && *tz_env != '\0' && name != NULL)
    return g_steal_pointer (&name);

  /* GLib says "UTC" both for UTC and when it could not tell; the system files may say more. */
  if (name != NULL && !g_str_equal (name, "UTC"))
    return g_steal_pointer (&name);
  if ((fallback = zone_from_etc_timezone ()) != NULL ||
      (fallback = zone_from_localtime_link ()) != NULL)
    return fallback;
  return g_steal_pointer (&name);
}
