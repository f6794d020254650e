/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-regex.h: a GRegex compiled on its first use, once, for the patterns in the built-in data. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char               *pattern;   /* NULL: there is no pattern */
  GRegexCompileFlags  flags;
  GRegex             *regex;     /* set once, under g_once_init_enter () */
} DhLazyRegex;

/* Keeps @pattern; with @now, compiles it at once and says here when it is bad (data from
 * elsewhere than the build); otherwise dh_lazy_regex_get () compiles it. */
gboolean dh_lazy_regex_init  (DhLazyRegex         *lazy,
                              const char          *pattern,
                              GRegexCompileFlags   flags,
                              gboolean             now,
                              GError             **error);
/* The compiled pattern, or NULL when there is none; thread-safe. A built-in pattern that does not
 * compile is a broken build: the program stops with a message. */
GRegex  *dh_lazy_regex_get   (DhLazyRegex         *lazy);
void     dh_lazy_regex_clear (DhLazyRegex         *lazy);

G_END_DECLS
