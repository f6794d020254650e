/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-letter.h: the letters of data/letters/ (<letter>.<lang>.txt) and the one function that renders them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A letter is a text with named placeholders and optional sections (HACKING.md, "Letters"):
 *   {name}            the value of name; an error if it has none
 *   {?name}…{/name}   shown only when name has a value (a non-empty string)
 *   {!name}…{/name}   shown only when name has none
 *   {{                a literal "{"
 * Sections nest; a line holding nothing but one section tag is dropped with its line break.
 * Lines starting with "#" at the top of a file are comments. The rendered text ends without
 * white space (it is pasted into a mail that adds its own signature). Values are inserted
 * verbatim, never read as a template. */

#define DH_LETTER_ERROR (dh_letter_error_quark ())
GQuark dh_letter_error_quark (void);

typedef enum {
  DH_LETTER_ERROR_NOT_FOUND,      /* no such letter in that language */
  DH_LETTER_ERROR_SYNTAX,         /* an unclosed or mismatched section, a bad tag */
  DH_LETTER_ERROR_MISSING_VALUE,  /* {name} shown without a value */
} DhLetterError;

/* The languages ("en", "ja", …) and letter names the data has, sorted; every letter exists in
 * every language (tests/test-letters.c). */
GStrv     dh_letter_get_languages (void);
GStrv     dh_letter_get_names     (void);
gboolean  dh_letter_has_language  (const char  *lang);

/* @values: name → value (char *); NULL, "" or absent mean no value. */
char     *dh_letter_render        (const char  *name,
                                   const char  *lang,
                                   GHashTable  *values,
                                   GError     **error);

/* The same for a template given as text (tests, tools); @label names it in errors. */
char     *dh_letter_render_template (const char  *label,
                                     const char  *template,
                                     GHashTable  *values,
                                     GError     **error);

/* What the letter uses, sorted: "name" for each placeholder, "?name" for each section on name
 * ({?name} or {!name}). */
GStrv     dh_letter_get_fields    (const char  *name,
                                   const char  *lang,
                                   GError     **error);

G_END_DECLS
