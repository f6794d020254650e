/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-regex.c: GRegexes compiled on first use: a run that needs no pattern of the data compiles
 * none (PCRE2's JIT compilation is most of a short run's time otherwise). */
#include "config.h"

#include "dh-regex.h"

gboolean
dh_lazy_regex_init (DhLazyRegex         *lazy,
                    const char          *pattern,
                    GRegexCompileFlags   flags,
                    gboolean             now,
                    GError             **error)
{
  g_return_val_if_fail (lazy != NULL && lazy->pattern == NULL && lazy->regex == NULL, FALSE);

  lazy->pattern = g_strdup (pattern);
  lazy->flags = flags;
  if (!now || pattern == NULL)
    return TRUE;
  lazy->regex = g_regex_new (pattern, flags, 0, error);
  return lazy->regex != NULL;
}

GRegex *
dh_lazy_regex_get (DhLazyRegex *lazy)
{
  g_return_val_if_fail (lazy != NULL, NULL);

  if (lazy->pattern == NULL)
    return NULL;
  if (g_once_init_enter (&lazy->regex))
    {
      g_autoptr(GError) error = NULL;
      GRegex *regex = g_regex_new (lazy->pattern, lazy->flags, 0, &error);

      /* The tests load the shipped data with every pattern compiled. */
      if (regex == NULL)
        g_error ("A built-in pattern does not compile: %s", error->message);
      g_once_init_leave (&lazy->regex, regex);
    }
  return lazy->regex;
}

void
dh_lazy_regex_clear (DhLazyRegex *lazy)
{
  g_clear_pointer (&lazy->pattern, g_free);
  g_clear_pointer (&lazy->regex, g_regex_unref);
}
