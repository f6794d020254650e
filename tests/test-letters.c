/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-letters.c: every letter in every language and variant, rendered from our own samples, equals
 * its golden file tests/letters/<letter>.<lang>.<variant>.txt byte for byte. */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-case.h"
#include "dh-form.h"
#include "dh-mail-texts.h"
#include "dh-replies.h"
#include "dh-texts.h"

static const char *languages[] = { "en", "ja" };

static char *
read_test_file (const char *dir,
                const char *name,
                gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* A case from a bounce of tests/samples/, with what a user adds on the pages. */
static DhCase *
sample_case (const char *sample,
             DhHosting   hosting,
             const char *contact_name,
             const char *website)
{
  DhCase *c = dh_case_new ();
  gsize length;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  DhAnalysis *analysis;

  if (sample == NULL)
    return c;
  text = read_test_file ("samples", sample, &length);
  analysis = dh_analyze (text, length, &error);
  g_assert_no_error (error);
  dh_case_set_analysis (c, text, analysis);
  c->hosting = hosting;
  c->contact_name = g_strdup (contact_name);
  c->website = g_strdup (website);
  dh_case_touch (c);
  return c;
}

static DhReply *
sample_reply (const char *file)
{
  gsize length;
  g_autofree char *text = read_test_file ("replies", file, &length);
  g_autoptr(GError) error = NULL;
  DhReply *reply = dh_reply_analyze (text, length, &error);

  g_assert_no_error (error);
  return reply;
}

/* The cases the variants are made of. */
static DhCase *
case_of (const char *variant)
{
  if (g_str_has_prefix (variant, "shared"))
    return sample_case ("exim-hotmail-s3150.eml", DH_HOSTING_SHARED, NULL, NULL);
  if (g_str_has_prefix (variant, "dedicated"))
    return sample_case ("m365-5.7.606-exchange-ndr.eml", DH_HOSTING_DEDICATED, "Taro Yamada",
                        "https://shop.example.jp/");
  if (g_str_has_prefix (variant, "banned"))
    return sample_case ("postfix-m365-5.7.511-banned-sender.eml", DH_HOSTING_UNKNOWN, NULL, NULL);
  g_assert_true (g_str_has_prefix (variant, "empty"));
  return sample_case (NULL, DH_HOSTING_UNKNOWN, NULL, NULL);
}

/* Microsoft's reply a variant answers: with a ticket number, without one, or none. */
static DhReply *
reply_of (const char *variant)
{
  if (g_str_has_suffix (variant, "-with-ticket"))
    return sample_reply ("not-qualified-ja-iso2022jp.eml");
  if (g_str_has_suffix (variant, "-without-ticket"))
    return sample_reply ("not-qualified-2021-pasted.txt");
  return NULL;
}

static char *
form_title (DhCase     *c,
            const char *lang)
{
  DhFormInput input = { 0 };
  g_autoptr(DhFormValues) values = NULL;

  input.hosting = c->hosting;
  input.title_language = lang;
  values = dh_form_fill_outlook (dh_case_get_report (c), &input);
  return g_strdup (dh_form_values_get (values, "IssueTitle")->value);
}

static char *
render (const char *letter,
        const char *variant,
        const char *lang)
{
  g_autoptr(DhCase) c = case_of (variant);
  g_autoptr(DhReply) reply = reply_of (variant);

  if (g_str_equal (letter, "host-subject"))
    return dh_texts_host_subject (c, lang);
  if (g_str_equal (letter, "host-body"))
    return dh_texts_host_body (c, lang);
  if (g_str_equal (letter, "delist-subject"))
    return dh_mail_delist_subject (c);
  if (g_str_equal (letter, "delist-body"))
    return dh_mail_delist_body (c, lang);
  if (g_str_equal (letter, "reply-subject"))
    return dh_mail_reply_subject (reply);
  if (g_str_equal (letter, "reply-body"))
    return reply ? dh_mail_reply_body (c, reply, lang) : dh_texts_reply_body (c, lang);
  if (g_str_equal (letter, "form-title"))
    return form_title (c, lang);
  g_assert_not_reached ();
}

typedef struct {
  const char *letter;
  const char *variant;
} Golden;

static const Golden goldens[] = {
  { "host-subject", "shared" },
  { "host-subject", "dedicated" },
  { "host-subject", "banned" },
  { "host-subject", "empty" },
  { "host-body", "shared" },
  { "host-body", "dedicated" },
  { "host-body", "banned" },
  { "host-body", "empty" },
  { "delist-subject", "banned" },
  { "delist-subject", "dedicated" },
  { "delist-subject", "empty" },
  { "delist-body", "banned" },
  { "delist-body", "dedicated" },
  { "delist-body", "empty" },
  { "reply-subject", "shared-with-ticket" },
  { "reply-subject", "shared-without-ticket" },
  { "reply-body", "shared-with-ticket" },
  { "reply-body", "shared" },
  { "reply-body", "dedicated-with-ticket" },
  { "reply-body", "empty-without-ticket" },
  { "form-title", "shared" },
  { "form-title", "dedicated" },
  { "form-title", "banned" },
};

/* DH_UPDATE_LETTERS=1 writes the golden files instead of comparing (then review the diff). */
static void
test_golden (gconstpointer data)
{
  const Golden *golden = data;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s.%s.txt", golden->letter, languages[i], golden->variant);
      g_autofree char *text = render (golden->letter, golden->variant, languages[i]);
      g_autofree char *expected = NULL;
      gsize length;

      g_assert_nonnull (text);
      if (g_getenv ("DH_UPDATE_LETTERS") != NULL)
        {
          g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "letters", name, NULL);
          g_autoptr(GError) error = NULL;

          g_file_set_contents (path, text, -1, &error);
          g_assert_no_error (error);
          continue;
        }
      expected = read_test_file ("letters", name, &length);
      if (strlen (text) != length || memcmp (text, expected, length) != 0)
        g_error ("%s differs from its golden file:\n--- rendered\n%s\n--- expected\n%s", name, text, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "Asia/Tokyo", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/letters/golden/%s/%s", goldens[i].letter, goldens[i].variant);

      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  return g_test_run ();
}
