/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-other.c: the delist e-mail, block list, wait and done steps, in the real window under
 * Xvfb, driven as a person would: paste, Next, read, copy, open, switch language, Back, start over. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "dh-test-utils.h"
#include "dh-blocklist-text.h"
#include "dh-blocklists.h"
#include "dh-links.h"
#include "pages/dh-start-page.h"
#include "dh-letters.h"
#include "dh-test-samples.h"

static char *bounce_511;  /* tests/samples/postfix-m365-5.7.511-plain-notice.eml, read in main () */

static const char diagnostic_511[] =
  "550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal from this list, forward this "
  "message to delist@microsoft.com. For more information, go to https://go.microsoft.com/fwlink/?LinkId=526653. "
  "(in reply to MAIL FROM command)";

static char *bounce_spamhaus;  /* tests/samples/fragment-m365-spamhaus-as3130.txt, read in main () */

static char *bounce_barracuda;  /* tests/samples/fragment-barracuda-listed.txt, read in main () */

static char *bounce_s775;  /* tests/samples/fragment-hotmail-s775-rate-limited.txt, read in main () */

/* printf into a string freed at the end of the test: the translated texts inside the brackets
 * dh_test_collect_text puts around labels, rows and groups. */
static const char *
fmt (const char *format,
     ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_queue_free (s);
  return s;
}

/* What the link buttons open (dh_test_record_launches). */
static GPtrArray *launched;

/* Presses the copy button of the message on @page (its label is visible) and checks what it
 * puts on the clipboard. */
static void
assert_message_copies (DhPage     *page,
                       const char *expected)
{
  GtkWidget *copy_button = dh_message_view_get_copy_button (dh_test_find_message_view (page));

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy_button)), ==, _("_Copy Message"));
  dh_test_assert_copies (copy_button, expected);
}

/* The shown buttons on @page that open a web page. */
static guint
n_link_buttons (DhPage *page)
{
  g_autoptr(GPtrArray) buttons = dh_test_find_all (page, GTK_TYPE_BUTTON);
  guint n = 0;

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_is_visible (g_ptr_array_index (buttons, i)) &&
        g_object_get_data (g_ptr_array_index (buttons, i), "dh-uri"))
      n++;
  return n;
}

/* ---- the steps ---- */

static void
test_delist_email (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  DhCase *c = dh_wizard_get_case (dh_window_get_wizard (window));
  g_autofree char *text = NULL;
  g_autofree char *english = NULL;
  g_autofree char *japanese = NULL;
  GtkWidget *ja_button, *en_button;
  DhPage *page;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_511);
  page = dh_test_go_to (window, "delist-email");
  g_assert_cmpstr (dh_case_get_remedy (c), ==, "delist-email");
  g_assert_cmpstr (dh_page_get_title (page), ==, _("Write to Microsoft"));
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("Send an e-mail to Microsoft from your own mail program, with the address, subject and text below.")));
  dh_test_assert_contains (text, fmt (_("Microsoft’s self-service delist portal cannot remove this block (%1$s). Microsoft asks instead for an e-mail to %2$s with the full error message and your server’s address: both are in the text below."), "550 5.7.511", "delist@microsoft.com"));
  dh_test_assert_contains (text, fmt ("[%s=https://example.jp/]", _("Your website")));
  dh_test_assert_contains (text, fmt ("[%s=]", _("Your name")));
  dh_test_assert_contains (text, _("Microsoft usually answers within about 48 hours (two days). Keep the answer: the next step helps you with it."));
  dh_test_assert_contains (text, _("Microsoft’s support works in English: send this English text. Switch to Japanese to read what it says."));

  /* Every copy button puts the exact value on the clipboard. */
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Microsoft’s address")), "delist@microsoft.com");
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Subject")), "Delisting request for 203.0.113.45 (550 5.7.511)");
  english = dh_letters_delist_body (c, "en");
  g_assert_cmpstr (dh_message_view_get_language (dh_test_find_message_view (page)), ==, "en");
  assert_message_copies (page, english);
  dh_test_assert_contains (english, diagnostic_511);
  dh_test_assert_contains (english, "- IP address: 203.0.113.45\n");
  dh_test_assert_contains (english, "14 November 2025, 10:23 (UTC+09:00)");

  /* The name typed goes into the text at once. */
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Taro Yamada");
  g_free (english);
  english = dh_message_view_get_text (dh_test_find_message_view (page));
  dh_test_assert_contains (english, "My name is Taro Yamada.");
  g_assert_true (g_str_has_suffix (english, "Best regards,\nTaro Yamada"));

  /* The switch changes the text's language, not the app's. */
  ja_button = dh_test_find_button (page, _("Japanese"));
  en_button = dh_test_find_button (page, _("English"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (en_button)));
  dh_test_click (ja_button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ja_button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (en_button)));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("This Japanese translation is only for you to read. Send the English text: Microsoft’s support works in English."));
  japanese = dh_letters_delist_body (c, "ja");
  assert_message_copies (page, japanese);
  dh_test_assert_contains (japanese, "Microsoft ご担当者様");
  dh_test_assert_contains (japanese, "Taro Yamada と申します。");
  dh_test_assert_contains (japanese, diagnostic_511);
  g_assert_cmpstr (japanese, !=, english);
  /* The subject stays English: it is what Microsoft reads. */
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Subject")), "Delisting request for 203.0.113.45 (550 5.7.511)");
  dh_test_click (en_button);
  assert_message_copies (page, english);

  /* Back keeps what was typed; a corrected address reaches the subject. */
  dh_test_back (window);
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "diagnosis"));
  g_assert_cmpstr (dh_case_get_contact_name (c), ==, "Taro Yamada");
  dh_case_set (c, DH_CASE_IP, "203.0.113.46");
  {
    /* The diagnosis page stores its rows on Next: type the correction there. */
    GtkWidget *ip = NULL;
    g_autoptr(GPtrArray) rows = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), ADW_TYPE_ENTRY_ROW);

    for (guint i = 0; i < rows->len; i++)
      if (gtk_widget_is_visible (g_ptr_array_index (rows, i)) &&
          g_str_equal (gtk_editable_get_text (g_ptr_array_index (rows, i)), "203.0.113.45"))
        ip = g_ptr_array_index (rows, i);
    g_assert_nonnull (ip);
    gtk_editable_set_text (GTK_EDITABLE (ip), "203.0.113.46");
  }
  dh_test_next (window);
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "delist-email"));
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Your name"))), ==, "Taro Yamada");
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Subject")), "Delisting request for 203.0.113.46 (550 5.7.511)");
  {
    g_autofree char *body = dh_message_view_get_text (dh_test_find_message_view (page));
    dh_test_assert_contains (body, "My name is Taro Yamada.");
    dh_test_assert_contains (body, "- IP address: 203.0.113.46\n");
  }

  /* On to the end of the route, and back to step 1. */
  for (guint i = 0; i < 4 && dh_wizard_get_current_page (dh_window_get_wizard (window)) != dh_wizard_get_page (dh_window_get_wizard (window), "done"); i++)
    dh_test_next (window);
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_true (page == dh_wizard_get_page (dh_window_get_wizard (window), "done"));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("All steps are done")));
  dh_test_assert_contains (text, fmt ("{%s}", _("Now wait for Microsoft’s answer by e-mail, then send a test mail.")));
  dh_test_assert_contains (text, fmt ("[%s|", _("You wrote to Microsoft at delist@microsoft.com to ask for removal of the address.")));
  dh_test_assert_contains (text, _("Microsoft usually answers within about 48 hours (two days) and says what happens next."));
  dh_test_assert_contains (text, fmt ("{%s}", _("Send a test mail to the address that bounced. If it arrives, you are done.")));
  dh_test_assert_contains (text, _("If it bounces again, open the new bounce with this app: the new error may need a different step."));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Address that bounced")), "boss@contoso.co.jp");

  dh_test_click (dh_test_find_button (page, _("_Start Over with Another Bounce")));
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  /* A new case: an empty paste area, and no steps known yet. */
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, fmt (_("Step %u"), 1u));
  {
    g_autofree char *pasted = dh_start_page_get_text (DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start")));

    g_assert_cmpstr (pasted, ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_spamhaus (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;
  const char *diagnostic;
  DhPage *page;

  g_ptr_array_set_size (launched, 0);
  dh_wizard_set_text (dh_window_get_wizard (window), bounce_spamhaus);
  page = dh_test_go_to (window, "blocklist");
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "spamhaus-removal");
  g_assert_cmpstr (dh_page_get_title (page), ==, _("Block list removal"));
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("Look up your server’s address on the Spamhaus web site, follow the steps it shows for removal, and tell your hosting company.")));
  dh_test_assert_contains (text, fmt ("{%s", _("Microsoft refused your mail because of this list. Once the address is off the list, Microsoft accepts your mail again: there is nothing to send to Microsoft.")));
  dh_test_assert_contains (text, fmt ("[%s|Spamhaus]", _("Listed on")));
  dh_test_assert_contains (text, fmt ("{%s", _("Spamhaus runs the most widely used block lists. Many mail services, Microsoft among them, refuse mail from the addresses it lists.")));
  /* The bounce does not say which part: each is explained, and how much is listed is not said. */
  dh_test_assert_contains (text, fmt ("[%s", _("PBL: this address is not meant to send mail directly. This is not a sign of spam. Only your hosting company can fix it, by sending mail through its proper mail server or by having Spamhaus change the listing.")));
  dh_test_assert_contains (text, fmt ("[%s", _("SBL: Spamhaus saw spam come from this address, or the address is used by spammers. Only your hosting company can ask for removal, after it has stopped the spam.")));
  dh_test_assert_not_contains (text, fmt ("[%s|", _("What is listed")));
  dh_test_assert_contains (text, fmt ("{%s}", _("Tell your hosting company")));

  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("IP address")), "203.0.113.45");
  diagnostic = dh_case_get (dh_wizard_get_case (dh_window_get_wizard (window)), DH_CASE_DIAGNOSTIC);
  g_assert_true (g_str_has_prefix (diagnostic, "550 5.7.1 Service unavailable, Client host [203.0.113.45] blocked using Spamhaus."));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Error message")), diagnostic);

  dh_test_click (dh_test_find_button (page, _("Open the Spamhaus Lookup Page")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://check.spamhaus.org/");

  dh_test_next (window);
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_true (page == dh_wizard_get_page (dh_window_get_wizard (window), "done"));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("[%s|", fmt (_("You looked up your server’s address on %s and asked for removal where the list allows it."), "Spamhaus")));
  dh_test_assert_contains (text, fmt ("[%s|", _("You told your hosting company about the listing.")));
  dh_test_assert_contains (text, _("When Spamhaus accepts a removal, mail services usually see the change within a few hours to a day."));
  dh_test_assert_contains (text, fmt ("{%s}", _("Now wait for the listing to end, then send a test mail.")));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Address that bounced")), "boss@contoso.co.jp");

  /* Back shows the same list and the same page to open. */
  dh_test_back (window);
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("[%s|Spamhaus]", _("Listed on")));
  dh_test_click (dh_test_find_button (page, _("Open the Spamhaus Lookup Page")));
  g_assert_cmpuint (launched->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (launched, 1), ==, "https://check.spamhaus.org/");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_barracuda_then_another (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;
  DhPage *page;

  g_ptr_array_set_size (launched, 0);
  dh_wizard_set_text (dh_window_get_wizard (window), bounce_barracuda);
  page = dh_test_go_to (window, "blocklist");
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "dnsbl-removal");
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("Send Barracuda’s removal request form for your server’s address, and tell your hosting company.")));
  dh_test_assert_contains (text, fmt ("[%s|Barracuda]", _("Listed on")));
  dh_test_assert_contains (text, _("On the form, enter the address, your e-mail address and a short explanation. Requests are checked by hand."));
  /* Not Microsoft: no word about Microsoft, and no parts to explain. */
  dh_test_assert_not_contains (text, _("Microsoft refused your mail because of this list. Once the address is off the list, Microsoft accepts your mail again: there is nothing to send to Microsoft."));
  dh_test_assert_not_contains (text, _("The parts of this list"));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("IP address")), "203.0.113.45");
  g_assert_cmpuint (n_link_buttons (page), ==, 1);
  dh_test_click (dh_test_find_button (page, _("Open the Barracuda Removal Form")));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://www.barracudacentral.org/rbl/removal-request");

  dh_test_next (window);
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, _("Barracuda checks removal requests by hand; most are handled within about a day."));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Address that bounced")), "taro@example.ne.jp");

  /* A new bounce in the same window: the page follows the new case. */
  dh_test_click (dh_test_find_button (page, _("_Start Over with Another Bounce")));
  g_assert_true (dh_wizard_get_current_page (dh_window_get_wizard (window)) == dh_wizard_get_page (dh_window_get_wizard (window), "start"));
  dh_wizard_set_text (dh_window_get_wizard (window), bounce_spamhaus);
  page = dh_test_go_to (window, "blocklist");
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("[%s|Spamhaus]", _("Listed on")));
  dh_test_assert_not_contains (text, "Barracuda");
  g_assert_cmpuint (n_link_buttons (page), ==, 1);
  dh_test_click (dh_test_find_button (page, _("Open the Spamhaus Lookup Page")));
  g_assert_cmpstr (g_ptr_array_index (launched, launched->len - 1), ==, "https://check.spamhaus.org/");

  gtk_window_destroy (GTK_WINDOW (window));
}

static const struct {
  const char *diagnostic;
  const char *listed_on;
  const char *scope;
  const char *button;    /* NULL: no page to open */
  const char *uri;
  const char *says;      /* a msgid, shown as says_format shows it */
  const char *says_format;
  const char *says_too;  /* a msgid, as a label's beginning */
} others[] = {
  /* A Spamhaus part the bounce names: its own step, and how much it covers. */
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.45 http://www.spamhaus.org/pbl/query/PBL1234567",
    "Spamhaus PBL", N_("A range of addresses around yours"), N_("Open the Spamhaus Lookup Page"), "https://check.spamhaus.org/",
    N_("Tell your hosting company about this listing: only they can fix it."), "{%s}",
    N_("PBL: this address is not meant to send mail directly. This is not a sign of spam. Only your hosting company can fix it, by sending mail through its proper mail server or by having Spamhaus change the listing.") },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.45",
    "SpamCop", N_("Only your server’s address"), N_("Open the SpamCop Lookup Page"), "https://www.spamcop.net/bl.shtml",
    N_("SpamCop takes no removal requests: a listing ends by itself about a day after the last report. If it keeps coming back, spam is still being sent from the server."), "%s" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using dnsbl-2.uceprotect.net; IP 203.0.113.45 is UCEPROTECT-Level2 listed.",
    "UCEPROTECT Level 2", N_("A range of addresses around yours"), N_("Open the UCEPROTECT Lookup Page"),
    "https://www.uceprotect.net/en/rblcheck.php", N_("Level 2: a whole range of addresses around yours is listed, because several addresses in it sent spam, not necessarily yours. It ends by itself when they stop; you cannot remove it yourself."), "{%s" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using psbl.surriel.com",
    "PSBL", N_("Only your server’s address"), N_("Open the PSBL Removal Page"), "https://psbl.org/remove",
    N_("Remove your server’s address on the PSBL page yourself, and tell your hosting company."), "{%s}" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.mailspike.net",
    "Mailspike", N_("Only your server’s address"), NULL, NULL, N_("Mailspike has no removal form for this: its rating follows the mail the server sends and improves by itself. Your hosting company can check the rating."), "%s" },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using rbl.example-list.net",
    N_("A list this app does not know"), NULL, NULL, NULL,
    N_("Send the error message to your hosting company and ask them to check the block list it names."), "{%s}" },
};

static void
test_other_lists (void)
{
  DhWindow *window = dh_test_new_window (760, 720);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *bounce = g_strdup_printf ("<taro@example.ne.jp>: host mx.example.ne.jp[198.51.100.25] said: %s "
                                                 "(in reply to RCPT TO command)\n", others[i].diagnostic);
      g_autofree char *text = NULL;
      g_autofree char *listed_on = g_strdup_printf ("[%s|%s]", _("Listed on"), _(others[i].listed_on));
      DhPage *page;

      g_ptr_array_set_size (launched, 0);
      dh_wizard_set_text (dh_window_get_wizard (window), bounce);
      page = dh_test_go_to (window, "blocklist");
      text = dh_test_page_text (window);
      dh_test_assert_contains (text, listed_on);
      dh_test_assert_contains (text, fmt (others[i].says_format, _(others[i].says)));
      if (others[i].says_too)
        dh_test_assert_contains (text, fmt ("{%s", _(others[i].says_too)));
      if (others[i].scope)
        {
          g_autofree char *scope = g_strdup_printf ("[%s|%s]", _("What is listed"), _(others[i].scope));
          dh_test_assert_contains (text, scope);
        }
      else
        dh_test_assert_not_contains (text, fmt ("[%s|", _("What is listed")));
      dh_test_assert_row_copies (dh_test_find_copy_row (page, _("IP address")), "203.0.113.45");
      g_assert_cmpuint (n_link_buttons (page), ==, others[i].button ? 1 : 0);
      if (others[i].button)
        {
          dh_test_click (dh_test_find_button (page, _(others[i].button)));
          g_assert_cmpuint (launched->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, others[i].uri);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
      dh_test_wait_until_idle (window);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every list and part in the data has its sentences, and every page it names may be opened. */
static void
test_list_texts (void)
{
  DhBlocklists *lists = dh_blocklists_get_default ();

  g_assert_nonnull (dh_blocklist_text_meaning (NULL));
  g_assert_nonnull (dh_blocklist_text_todo (NULL));
  g_assert_null (dh_blocklist_text_button (NULL));
  for (guint i = 0; i < dh_blocklists_get_n_lists (lists); i++)
    {
      const DhBlocklist *list = dh_blocklists_get_list (lists, i);

      g_test_message ("%s", list->id);
      g_assert_nonnull (dh_blocklist_text_meaning (list->id));
      g_assert_nonnull (dh_blocklist_text_todo (list->id));
      g_assert_nonnull (dh_blocklist_text_removal (list->id));
      g_assert_nonnull (dh_blocklist_text_expect (list->id));
      g_assert_true ((list->url != NULL) == (dh_blocklist_text_button (list->id) != NULL));
      g_assert_true (list->url == NULL || dh_links_is_known (list->url));
      for (guint l = 0; l < list->listings->len; l++)
        {
          const DhBlocklistListing *listing = g_ptr_array_index (list->listings, l);

          g_assert_nonnull (dh_blocklist_text_meaning (listing->id));
          g_assert_nonnull (dh_blocklist_text_scope (listing->scope));
        }
    }
}

static void
test_wait (void)
{
  DhWindow *window = dh_test_new_window (760, 720);
  g_autofree char *text = NULL;
  DhPage *page;

  dh_wizard_set_text (dh_window_get_wizard (window), bounce_s775);
  /* A throttle of the address is a block, but the diagnosis says it is temporary. */
  page = dh_test_go_to (window, "diagnosis");
  g_assert_true (dh_case_is_block (dh_wizard_get_case (dh_window_get_wizard (window))));
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", fmt (_("Microsoft is slowing down mail from your server’s address %s for a while."),
                                                  "203.0.113.45")));
  g_clear_pointer (&text, g_free);
  page = dh_test_go_to (window, "wait");
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "wait-and-retry");
  g_assert_cmpstr (dh_page_get_title (page), ==, _("Temporary delay"));
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("Do nothing for now: your server keeps trying to deliver the mail by itself.")));
  dh_test_assert_contains (text, fmt ("{%s", _("Microsoft is accepting fewer mails from your server’s address for a while, because it does not trust the address enough yet. This is not a block: the mails wait on your server, which tries again by itself, usually for several days.")));
  dh_test_assert_contains (text, fmt ("[%s", _("Do not send the same mails again by hand, especially not many at once: that makes the delay last longer.")));
  dh_test_assert_contains (text, _("If you send many mails at once, such as a newsletter, send fewer at a time, spread over the day."));
  dh_test_assert_contains (text, fmt ("[%s|", _("If mail to this recipient still bounces after 2 days, start again with the new bounce.")));
  dh_test_assert_contains (text, fmt ("[%s", _("If a new bounce says 550 and S3150, the address is now blocked: open that bounce with this app, and it leads you to Microsoft’s Outlook.com delisting form.")));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Error code")), "S775");
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("IP address")), "203.0.113.45");

  dh_test_next (window);
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_true (page == dh_wizard_get_page (dh_window_get_wizard (window), "done"));
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("{%s}", _("Nothing more to do for now")));
  dh_test_assert_contains (text, fmt ("[%s|", _("You learned that the delay is temporary and that your server retries by itself.")));
  dh_test_assert_not_contains (text, _("You told your hosting company about the block."));
  dh_test_assert_not_contains (text, _("You told your hosting company about the listing."));
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Address that bounced")), "hanako@hotmail.co.jp");

  /* Back keeps the wait page as it was. */
  dh_test_back (window);
  g_free (text);
  text = dh_test_page_text (window);
  dh_test_assert_contains (text, fmt ("[%s|S775]", _("Error code")));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* English, or Japanese with --ja: the expected texts go through gettext. */
  dh_test_init (&argc, &argv);
  bounce_511 = dh_test_read_sample ("postfix-m365-5.7.511-plain-notice.eml");
  bounce_spamhaus = dh_test_read_sample ("fragment-m365-spamhaus-as3130.txt");
  bounce_barracuda = dh_test_read_sample ("fragment-barracuda-listed.txt");
  bounce_s775 = dh_test_read_sample ("fragment-hotmail-s775-rate-limited.txt");
  launched = dh_test_record_launches ();

  g_test_add_func ("/dh/steps/delist-email", test_delist_email);
  g_test_add_func ("/dh/steps/spamhaus", test_spamhaus);
  g_test_add_func ("/dh/steps/barracuda-then-another", test_barracuda_then_another);
  g_test_add_func ("/dh/steps/other-lists", test_other_lists);
  g_test_add_func ("/dh/steps/list-texts", test_list_texts);
  g_test_add_func ("/dh/steps/wait", test_wait);

  return g_test_run ();
}
