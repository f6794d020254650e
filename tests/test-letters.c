/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-letters.c: the letters of data/letters/: every letter exists in every language with the
 * same placeholders and sections; every letter in every language and variant, rendered from our
 * own samples, equals its golden file tests/letters/<letter>.<lang>.<variant>.txt byte for byte;
 * the template syntax (dh-letter.h). */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-case.h"
#include "dh-form.h"
#include "dh-letter.h"
#include "dh-letters.h"
#include "dh-replies.h"
#include "dh-test-samples.h"

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
  text = dh_test_read ("samples", sample, &length);
  analysis = dh_analyze (text, length, &error);
  g_assert_no_error (error);
  dh_case_set_analysis (c, text, analysis);
  dh_case_set_hosting (c, hosting);
  dh_case_set_contact_name (c, contact_name);
  dh_case_set_user_website (c, website);
  return c;
}

static DhReply *
sample_reply (const char *file)
{
  gsize length;
  g_autofree char *text = dh_test_read ("replies", file, &length);
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

  input.hosting = dh_case_get_hosting (c);
  input.title_language = lang;
  values = dh_form_fill_outlook (dh_case_get_report (c), &input);
  return g_strdup (dh_form_values_get (values, "IssueTitle")->value);
}

/* The reply page's path: the case holds Microsoft's reply (as reading an answer stores it) and
 * the letter is asked for the case's own latest "not-qualified" reply. */
static void
store_reply (DhCase     *c,
             const char *variant)
{
  g_autoptr(DhReply) reply = reply_of (variant);

  if (reply != NULL)
    {
      g_autofree char *file = NULL;
      g_autofree char *text = NULL;
      gsize length;

      file = g_strdup (g_str_has_suffix (variant, "-with-ticket") ? "not-qualified-ja-iso2022jp.eml"
                                                                   : "not-qualified-2021-pasted.txt");
      text = dh_test_read ("replies", file, &length);
      dh_case_add_reply (c, text, reply->kind_id, reply->ticket);
    }
}

static char *
render (const char *letter,
        const char *variant,
        const char *lang)
{
  g_autoptr(DhCase) c = case_of (variant);
  g_autoptr(DhReply) reply = reply_of (variant);

  if (g_str_equal (letter, "host-subject"))
    return dh_letters_host_subject (c, lang);
  if (g_str_equal (letter, "host-body"))
    return dh_letters_host_body (c, lang);
  if (g_str_equal (letter, "delist-subject"))
    return dh_letters_delist_subject (c, lang);
  if (g_str_equal (letter, "delist-body"))
    return dh_letters_delist_body (c, lang);
  if (g_str_equal (letter, "reply-subject"))
    return dh_letters_reply_subject (c, reply, lang);
  if (g_str_equal (letter, "reply-body"))
    {
      g_autofree char *given = dh_letters_reply_body (c, reply, lang);
      g_autofree char *shipped = NULL;

      /* The page's path (the case's own reply) writes the same letter as the reply given. */
      store_reply (c, variant);
      shipped = dh_letters_reply_body (c, NULL, lang);
      g_assert_cmpstr (shipped, ==, given);
      return g_steal_pointer (&shipped);
    }
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
  g_auto(GStrv) languages = dh_letter_get_languages ();

  for (guint i = 0; languages[i] != NULL; i++)
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
      expected = dh_test_read ("letters", name, &length);
      if (strlen (text) != length || memcmp (text, expected, length) != 0)
        g_error ("%s differs from its golden file:\n--- rendered\n%s\n--- expected\n%s", name, text, expected);
    }
}

/* The languages come from the files; both of today's are there. */
static void
test_languages (void)
{
  g_auto(GStrv) languages = dh_letter_get_languages ();

  g_assert_true (g_strv_contains ((const char * const *) languages, "en"));
  g_assert_true (g_strv_contains ((const char * const *) languages, "ja"));
  g_assert_true (dh_letter_has_language ("ja"));
  g_assert_false (dh_letter_has_language ("xx"));
  g_assert_false (dh_letter_has_language (""));
  g_assert_false (dh_letter_has_language (NULL));
}

/* The date's fields are numbers and sections that a language may use or not. */
static const char *date_fields[] = {
  "day", "hour", "minute", "month", "year", "zone", "?jst",
  "?m01", "?m02", "?m03", "?m04", "?m05", "?m06", "?m07", "?m08", "?m09", "?m10", "?m11", "?m12", NULL
};

/* Every letter in every language, parsing, with the same placeholders and sections as English;
 * a file missing in one language or a placeholder another language lacks fails here. */
static void
test_same_fields (void)
{
  g_auto(GStrv) names = dh_letter_get_names ();
  g_auto(GStrv) languages = dh_letter_get_languages ();

  g_assert_cmpuint (g_strv_length (names), >=, 8);
  for (guint n = 0; names[n] != NULL; n++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) reference = dh_letter_get_fields (names[n], "en", &error);

      g_assert_no_error (error);
      for (guint l = 0; languages[l] != NULL; l++)
        {
          g_auto(GStrv) fields = dh_letter_get_fields (names[n], languages[l], &error);
          g_autofree char *got = NULL;
          g_autofree char *want = NULL;

          if (error != NULL)
            g_error ("%s.%s: %s", names[n], languages[l], error->message);
          if (g_str_equal (names[n], "date"))
            {
              for (guint f = 0; fields[f] != NULL; f++)
                if (!g_strv_contains (date_fields, fields[f]))
                  g_error ("date.%s.txt uses %s, which dh_format_letter_date () does not fill",
                           languages[l], fields[f]);
              continue;
            }
          got = g_strjoinv (" ", fields);
          want = g_strjoinv (" ", reference);
          if (!g_str_equal (got, want))
            g_error ("%s.%s.txt uses “%s”, %s.en.txt “%s”", names[n], languages[l], got, names[n], want);
        }
    }
}

/* Every letter but the date has golden files (so a new letter cannot go untested). */
static void
test_goldens_cover_letters (void)
{
  g_auto(GStrv) names = dh_letter_get_names ();

  for (guint n = 0; names[n] != NULL; n++)
    {
      gboolean found = g_str_equal (names[n], "date");

      for (guint i = 0; i < G_N_ELEMENTS (goldens) && !found; i++)
        found = g_str_equal (goldens[i].letter, names[n]);
      if (!found)
        g_error ("The letter %s has no golden file in tests/letters/", names[n]);
    }
}

static char *
render_text (const char  *template,
             GError     **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "ip", "203.0.113.45");
  g_hash_table_insert (values, "ticket", "SRX1");
  g_hash_table_insert (values, "empty", "");
  g_hash_table_insert (values, "brace", "{ip}");
  return dh_letter_render_template ("test", template, values, error);
}

static void
assert_renders (const char *template,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = render_text (template, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_fails (const char *template,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = render_text (template, &error);

  g_assert_error (error, DH_LETTER_ERROR, code);
  g_assert_null (text);
}

static void
test_syntax (void)
{
  assert_renders ("IP {ip}.", "IP 203.0.113.45.");
  assert_renders ("a{?ticket} [{ticket}]{/ticket}b", "a [SRX1]b");
  assert_renders ("a{?missing} [{missing}]{/missing}b", "ab");
  assert_renders ("a{?empty}x{/empty}{!empty}y{/empty}b", "ayb");
  assert_renders ("{?ip}{?ticket}both{/ticket}{!ticket}ip only{/ticket}{/ip}", "both");
  assert_renders ("{!ip}{missing}{/ip}ok", "ok");              /* hidden: no value needed */
  /* A line holding only a tag goes with its line break; other lines keep theirs. */
  assert_renders ("one\n{?missing}\nhidden\n{/missing}\ntwo\n", "one\ntwo");
  assert_renders ("one\n{?ticket}\n{ticket}\n{/ticket}\ntwo", "one\nSRX1\ntwo");
  assert_renders ("# a comment\n# another\nbody", "body");
  assert_renders ("a # not a comment", "a # not a comment");
  assert_renders ("{{ip}", "{ip}");
  assert_renders ("{brace}", "{ip}");                          /* values are never templates */
  assert_renders ("text\n\n\n", "text");

  assert_fails ("{missing}", DH_LETTER_ERROR_MISSING_VALUE);
  assert_fails ("{empty}", DH_LETTER_ERROR_MISSING_VALUE);
  assert_fails ("{?ip}open", DH_LETTER_ERROR_SYNTAX);
  assert_fails ("{?ip}x{/ticket}", DH_LETTER_ERROR_SYNTAX);
  assert_fails ("x{/ip}", DH_LETTER_ERROR_SYNTAX);
  assert_fails ("{IP}", DH_LETTER_ERROR_SYNTAX);
  assert_fails ("a { b", DH_LETTER_ERROR_SYNTAX);
  assert_fails ("{}", DH_LETTER_ERROR_SYNTAX);
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dh_letter_render ("host-body", "xx", NULL, &error);

  g_assert_error (error, DH_LETTER_ERROR, DH_LETTER_ERROR_NOT_FOUND);
  g_assert_null (text);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "Asia/Tokyo", TRUE);

  g_test_add_func ("/letters/languages", test_languages);
  g_test_add_func ("/letters/same-fields", test_same_fields);
  g_test_add_func ("/letters/goldens-cover-letters", test_goldens_cover_letters);
  g_test_add_func ("/letters/syntax", test_syntax);
  g_test_add_func ("/letters/not-found", test_not_found);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/letters/golden/%s/%s", goldens[i].letter, goldens[i].variant);

      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  return g_test_run ();
}
