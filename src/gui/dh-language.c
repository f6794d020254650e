/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-language.c: the language of the app's own windows (the `ui-language` setting: "" for the
 * system's, "ja" or "en"). It is LANGUAGE, which gettext reads before LC_MESSAGES / LANG; the
 * locale itself (dates, numbers, sorting) stays the system's. The command-line modes never come
 * here: they follow the environment. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "dh-language.h"

static gboolean  saved;
static char     *initial_language;   /* LANGUAGE as the process started; NULL when unset */
static char     *initial_messages;   /* the LC_MESSAGES locale as the process started */

/* GNU gettext (glibc's, and GNU libintl) caches each translation it found; the cache is checked
 * against this counter, which setlocale () increments. Changing LANGUAGE alone is not noticed until
 * it changes. Other gettext implementations read LANGUAGE on every call and need nothing. */
#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;
#endif

static void
gettext_forget_cache (void)
{
#ifdef __GLIBC__
  ++_nl_msg_cat_cntr;
#endif
}

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0;
}

/* Remembers the language the process started with, for "" (the system's) later. Call it before
 * the first dh_language_apply (); once is enough. */
void
dh_language_save_initial (void)
{
  const char *messages;

  if (saved)
    return;
  saved = TRUE;
  initial_language = g_strdup (g_getenv ("LANGUAGE"));
  messages = setlocale (LC_MESSAGES, NULL);
  initial_messages = g_strdup (messages ? messages : "C");
}

/* Makes gettext translate into @language from now on: "ja", "en", or "" for the language the
 * process started with. What is already on screen stays as it is: the caller rebuilds it. */
void
dh_language_apply (const char *language)
{
  dh_language_save_initial ();

  if (language == NULL || *language == '\0')
    {
      if (initial_language)
        g_setenv ("LANGUAGE", initial_language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      setlocale (LC_MESSAGES, initial_messages);
    }
  else
    {
      g_setenv ("LANGUAGE", language, TRUE);
      /* gettext ignores LANGUAGE in the plain "C" locale (LANG unset): C.UTF-8 is the same
       * locale for everything but messages, and lets LANGUAGE choose them. */
      if (is_c_locale (setlocale (LC_MESSAGES, NULL)))
        setlocale (LC_MESSAGES, "C.UTF-8");
    }
  gettext_forget_cache ();
}
