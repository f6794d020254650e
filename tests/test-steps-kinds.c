/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-kinds.c: the refusals that no delisting fixes (a domain on a list, a content refusal,
 * a bounce the core cannot read) and the messages that are not bounces, read from tests/samples/
 * in the real window under Xvfb: what the diagnosis says, and that no delisting step follows. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dh-test-utils.h"
#include "dh-verdict-text.h"
#include "dh-test-samples.h"

/* The diagnosis of @sample: its headline, the kind's explanation and the remedy's advice, and no
 * step after it (Microsoft's form or a block list's page would be the wrong help). */
static void
assert_diagnosis (const char *sample,
                  const char *headline,
                  const char *kind,
                  const char *remedy)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *bounce = dh_test_read_sample (sample);
  g_autofree char *text = NULL;
  g_autofree char *advice = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_go_to (window, "diagnosis");
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, headline);
  dh_test_assert_contains (text, dh_verdict_kind_text (kind));
  advice = g_strdup_printf (_("What to do: %s"), dh_verdict_remedy_text (remedy));
  dh_test_assert_contains (text, advice);
  g_assert_cmpuint (dh_wizard_get_n_steps (dh_window_get_wizard (window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_domain_listed (void)
{
  g_autofree char *headline = g_strdup_printf (_("Your domain %s is on a block list."), "example.com");

  /* The server's address is named too, but removing it would not help. */
  assert_diagnosis ("mta/postfix-spamhaus-dbl-sender-domain.eml", headline, "domain-listed", "domain-delist");
}

static void
test_content (void)
{
  assert_diagnosis ("mta/postfix-surbl-url-in-body.eml",
                    _("The receiving server refused what your message contains."), "content", "fix-content");
}

static void
test_unknown (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *bounce = dh_test_read_sample ("unknown/postmaster-html-only-no-reason.eml");
  g_autofree char *text = NULL;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_go_to (window, "diagnosis");
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("Your mail was refused, and the bounce does not say clearly why."));
  dh_test_assert_contains (text, dh_verdict_kind_text ("unknown"));
  /* The deciding text is on the page, to show the hosting company. */
  dh_test_assert_contains (text, "Your message to soumu at Example Net could not be delivered.");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An auto-reply and a read receipt stay on the first step and say what they are. */
static void
test_not_bounces (void)
{
  static const struct {
    const char *sample;
    const char *message;
  } cases[] = {
    { "not-bounces/autoreply-rfc3834-english.eml",
      N_("This is an automatic reply (such as an out-of-office notice), not a bounce: your mail was delivered.") },
    { "not-bounces/read-receipt-rfc8098-displayed.eml",
      N_("This is a read receipt, not a bounce: your mail was delivered.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DhWindow *window = dh_test_new_window (760, 720);
      g_autofree char *bounce = dh_test_read_sample (cases[i].sample);
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("{%s}", _(cases[i].message));

      dh_wizard_set_text (dh_window_get_wizard (window), bounce);
      dh_test_next (window);
      g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "start"));
      text = dh_test_page_text (window);
      dh_test_assert_contains (text, expected);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* English, or Japanese with --ja: the expected texts go through gettext. */
  dh_test_init (&argc, &argv);

  g_test_add_func ("/dh/steps/kinds/domain-listed", test_domain_listed);
  g_test_add_func ("/dh/steps/kinds/content", test_content);
  g_test_add_func ("/dh/steps/kinds/unknown", test_unknown);
  g_test_add_func ("/dh/steps/kinds/not-bounces", test_not_bounces);

  return g_test_run ();
}
