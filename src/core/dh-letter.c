/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-letter.c: renders the letters of data/letters/ (syntax in dh-letter.h). */
#include "config.h"

#include <string.h>

#include "dh-letter.h"
#include "dh-core-resources.h"

#define LETTERS_PATH RESOURCE_BASE "/letters/"

G_DEFINE_QUARK (dh-letter-error-quark, dh_letter_error)

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The resource's file names, "<letter>.<lang>.txt". */
static GStrv
letter_files (void)
{
  GStrv files = g_resource_enumerate_children (dh_core_get_resource (), LETTERS_PATH,
                                               G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (files == NULL)
    g_error ("The built-in letters (%s) are missing", LETTERS_PATH);
  return files;
}

/* The part @which (0: the letter, 1: the language) of each file name, sorted, without duplicates. */
static GStrv
file_parts (guint which)
{
  g_auto(GStrv) files = letter_files ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_auto(GStrv) split = g_strsplit (files[i], ".", -1);

      if (g_strv_length (split) != 3 || !g_str_equal (split[2], "txt"))
        continue;
      if (!g_ptr_array_find_with_equal_func (parts, split[which], g_str_equal, NULL))
        g_ptr_array_add (parts, g_strdup (split[which]));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&parts), FALSE);
}

GStrv
dh_letter_get_languages (void)
{
  return file_parts (1);
}

GStrv
dh_letter_get_names (void)
{
  return file_parts (0);
}

gboolean
dh_letter_has_language (const char *lang)
{
  g_auto(GStrv) languages = NULL;

  if (lang == NULL || *lang == '\0')
    return FALSE;
  languages = dh_letter_get_languages ();
  return g_strv_contains ((const char * const *) languages, lang);
}

static GBytes *
load (const char  *name,
      const char  *lang,
      GError     **error)
{
  g_autofree char *path = g_strdup_printf (LETTERS_PATH "%s.%s.txt", name, lang);
  GBytes *bytes = g_resource_lookup_data (dh_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (bytes == NULL)
    g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_NOT_FOUND,
                 "No letter “%s” in the language “%s”", name, lang);
  return bytes;
}

static gboolean
has_value (GHashTable *values,
           const char *name)
{
  const char *value = values ? g_hash_table_lookup (values, name) : NULL;

  return value != NULL && *value != '\0';
}

typedef struct {
  char     *name;
  gboolean  shown;
} Section;

static void
section_free (Section *section)
{
  g_free (section->name);
  g_free (section);
}

static void
add_field (GPtrArray  *fields,
           const char *prefix,
           const char *name)
{
  g_autofree char *field = g_strconcat (prefix, name, NULL);

  if (fields != NULL && !g_ptr_array_find_with_equal_func (fields, field, g_str_equal, NULL))
    g_ptr_array_add (fields, g_steal_pointer (&field));
}

/* One pass over @text: appends what is shown to @out (when not NULL) and collects the fields
 * into @fields (when not NULL). Without @out, values are not needed and none is missing. */
static gboolean
run (const char  *letter,
     const char  *text,
     gsize        length,
     GHashTable  *values,
     GString     *out,
     GPtrArray   *fields,
     GError     **error)
{
  const char *p = text;
  const char *end = text + length;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  guint hidden = 0;                         /* how many open sections hide their content */
  guint line = 1;

  /* The comment lines at the top. */
  while (p < end && *p == '#')
    {
      const char *nl = memchr (p, '\n', end - p);

      p = nl ? nl + 1 : end;
      line++;
    }
  text = p;

  while (p < end)
    {
      const char *close;
      const char *tag;
      g_autofree char *name = NULL;
      char kind;
      gboolean standalone;

      if (*p != '{')
        {
          if (*p == '\n')
            line++;
          if (out != NULL && hidden == 0)
            g_string_append_c (out, *p);
          p++;
          continue;
        }
      if (p + 1 < end && p[1] == '{')
        {
          if (out != NULL && hidden == 0)
            g_string_append_c (out, '{');
          p += 2;
          continue;
        }

      close = memchr (p, '}', end - p);
      tag = p + 1;
      kind = (close != NULL && strchr ("?!/", *tag) != NULL) ? *tag++ : '\0';
      if (close == NULL || close == tag)
        {
          g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_SYNTAX,
                       "%s, line %u: a “{” without a name and “}” (write “{{” for a brace)", letter, line);
          return FALSE;
        }
      for (const char *c = tag; c < close; c++)
        if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '_')
          {
            g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_SYNTAX,
                         "%s, line %u: a placeholder's name is made of a–z, 0–9 and “_”", letter, line);
            return FALSE;
          }
      name = g_strndup (tag, close - tag);
      standalone = kind != '\0' && (p == text || p[-1] == '\n') && (close + 1 == end || close[1] == '\n');
      p = close + 1;
      if (standalone && p < end)
        {
          p++;                               /* the line break of a line holding only the tag */
          line++;
        }

      switch (kind)
        {
        case '\0':
          add_field (fields, "", name);
          if (out != NULL && hidden == 0)
            {
              if (!has_value (values, name))
                {
                  g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_MISSING_VALUE,
                               "%s, line %u: {%s} has no value", letter, line, name);
                  return FALSE;
                }
              g_string_append (out, g_hash_table_lookup (values, name));
            }
          break;
        case '?':
        case '!':
          {
            Section *section = g_new0 (Section, 1);
            add_field (fields, "?", name);
            section->name = g_steal_pointer (&name);
            section->shown = (kind == '?') == has_value (values, section->name);
            if (!section->shown)
              hidden++;
            g_ptr_array_add (stack, section);
          }
          break;
        case '/':
          {
            Section *top = stack->len ? g_ptr_array_index (stack, stack->len - 1) : NULL;

            if (top == NULL || !g_str_equal (top->name, name))
              {
                g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_SYNTAX,
                             "%s, line %u: {/%s} closes no open section of that name", letter, line, name);
                return FALSE;
              }
            if (!top->shown)
              hidden--;
            g_ptr_array_remove_index (stack, stack->len - 1);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (stack->len > 0)
    {
      Section *top = g_ptr_array_index (stack, stack->len - 1);

      g_set_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_SYNTAX,
                   "%s: the section {%s…} is never closed", letter, top->name);
      return FALSE;
    }
  return TRUE;
}

char *
dh_letter_render_template (const char  *label,
                           const char  *template,
                           GHashTable  *values,
                           GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (label != NULL && template != NULL, NULL);

  if (!run (label, template, strlen (template), values, out, NULL, error))
    return NULL;
  return g_strchomp (g_string_free (g_steal_pointer (&out), FALSE));
}

/* The one renderer of every letter the app shows. */
char *
dh_letter_render (const char  *name,
                  const char  *lang,
                  GHashTable  *values,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (name != NULL && lang != NULL, NULL);

  if ((bytes = load (name, lang, error)) == NULL)
    return NULL;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  file = g_strdup_printf ("%s.%s.txt", name, lang);
  return dh_letter_render_template (file, text, values, error);
}

GStrv
dh_letter_get_fields (const char  *name,
                      const char  *lang,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file = NULL;
  gsize length;
  const char *text;

  g_return_val_if_fail (name != NULL && lang != NULL, NULL);

  if ((bytes = load (name, lang, error)) == NULL)
    return NULL;
  text = g_bytes_get_data (bytes, &length);
  file = g_strdup_printf ("%s.%s.txt", name, lang);
  if (!run (file, text, length, NULL, NULL, fields, error))
    return NULL;
  g_ptr_array_sort (fields, compare_strings);
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}
