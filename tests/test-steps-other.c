/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-other.c: the delist e-mail, block list, wait and done steps, in the real window under
 * Xvfb, driven as a person would: paste, Next, read, copy, open, switch language, Back, start over. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "dh-application.h"
#include "dh-blocklist-text.h"
#include "dh-blocklists.h"
#include "dh-copy-row.h"
#include "dh-links.h"
#include "dh-mail-texts.h"
#include "dh-message-view.h"
#include "dh-window.h"

static const char bounce_511[] =
  "From: MAILER-DAEMON@mail.example-hosting.jp\n"
  "To: info@example.jp\n"
  "Date: Fri, 14 Nov 2025 10:23:45 +0900\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "\n"
  "This is the mail system at host mail.example-hosting.jp.\n"
  "\n"
  "<boss@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
  "    550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal from this list, forward\n"
  "    this message to delist@microsoft.com. For more information, go to\n"
  "    https://go.microsoft.com/fwlink/?LinkId=526653. (in reply to MAIL FROM command)\n";

static const char diagnostic_511[] =
  "550 5.7.511 Access denied, banned sender[203.0.113.45]. To request removal from this list, forward this "
  "message to delist@microsoft.com. For more information, go to https://go.microsoft.com/fwlink/?LinkId=526653. "
  "(in reply to MAIL FROM command)";

static const char bounce_spamhaus[] =
  "<boss@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
  "    550 5.7.1 Service unavailable, Client host [203.0.113.45] blocked using Spamhaus. To request removal\n"
  "    from this list see https://www.spamhaus.org/query/ip/203.0.113.45 (AS3130).\n"
  "    [VE1EUR01FT062.eop-EUR01.prod.protection.outlook.com] (in reply to RCPT TO command)\n";

static const char bounce_barracuda[] =
  "<taro@example.ne.jp>: host mx.example.ne.jp[198.51.100.25] said: 554 5.7.1\n"
  "    Service unavailable; Client host [203.0.113.45] blocked using\n"
  "    b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.45\n"
  "    (in reply to RCPT TO command)\n";

static const char bounce_s775[] =
  "<hanako@hotmail.co.jp>: host hotmail-com.olc.protection.outlook.com[52.101.8.1] said:\n"
  "    451 4.7.650 The mail server [203.0.113.45] has been temporarily rate limited due to IP reputation.\n"
  "    For e-mail delivery information, see https://postmaster.live.com (S775)\n"
  "    [DB5PEPF00014B8E.eurprd02.prod.outlook.com] (in reply to MAIL FROM command)\n";

/* ---- driving the window ---- */

static void
wait_until_idle (DhWindow *window)
{
  while (dh_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static DhWindow *
new_window (void)
{
  DhWindow *window = dh_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
next (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  wait_until_idle (window);
}

static void
back (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.back", NULL);
  wait_until_idle (window);
}

/* Pastes @bounce and presses Next until the page named @name is shown. */
static DhPage *
go_to (DhWindow   *window,
       const char *bounce,
       const char *name)
{
  DhPage *page = dh_window_get_page (window, name);

  g_assert_nonnull (page);
  dh_window_set_text (window, bounce);
  for (guint i = 0; i < 8 && dh_window_get_current_page (window) != page; i++)
    next (window);
  g_assert_true (dh_window_get_current_page (window) == page);
  return page;
}

/* ---- reading what a person sees ---- */

/* Every label, row title and subtitle and entry text, as a person would read them. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_ENTRY_ROW (widget))
    g_string_append_printf (out, "[%s=%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "[%s|%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "{%s}", gtk_label_get_text (GTK_LABEL (widget)));
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_ACTION_ROW (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static char *
page_text (DhWindow *window)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (dh_window_get_current_page (window)), out);
  g_test_message ("%s", out->str);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_all (c, type, found);
}

/* The visible copy row titled @title on the current page. */
static DhCopyRow *
copy_row (DhWindow   *window,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_all (GTK_WIDGET (dh_window_get_current_page (window)), DH_TYPE_COPY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no copy row “%s”", title);
}

/* The visible button labelled @label on the current page. */
static GtkWidget *
button (DhWindow   *window,
        const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_all (GTK_WIDGET (dh_window_get_current_page (window)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", label);
}

/* The entry row titled @title on the current page. */
static GtkEditable *
entry_row (DhWindow   *window,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  find_all (GTK_WIDGET (dh_window_get_current_page (window)), ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no entry row “%s”", title);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* Presses @copy_button and reads the clipboard back. */
static char *
press_and_read (GtkWidget *copy_button)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (copy_button);
  char *text = NULL;

  gdk_clipboard_set_text (clipboard, "");
  g_assert_true (gtk_widget_get_sensitive (copy_button));
  g_signal_emit_by_name (copy_button, "clicked");
  gdk_clipboard_read_text_async (clipboard, NULL, read_done, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

static char *
copy (DhCopyRow *row)
{
  return press_and_read (dh_copy_row_get_button (row));
}

/* The ready message on the current page. */
static DhMessageView *
message_view (DhWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  find_all (GTK_WIDGET (dh_window_get_current_page (window)), DH_TYPE_MESSAGE_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return g_ptr_array_index (views, 0);
}

/* Presses the message's copy button (its label is visible) and reads the clipboard back. */
static char *
copy_message (DhWindow *window)
{
  DhMessageView *view = message_view (window);
  GtkWidget *copy_button = dh_message_view_get_copy_button (view);

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy_button)), ==, "_Copy Message");
  return press_and_read (copy_button);
}

static void
assert_copies (DhWindow   *window,
               const char *title,
               const char *expected)
{
  DhCopyRow *row = copy_row (window, title);
  g_autofree char *text = copy (row);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (dh_copy_row_get_value (row), ==, expected);
}

/* ---- what the link buttons open ---- */

static GPtrArray *launched;

static void
record_launch (GtkWindow  *parent,
               const char *uri,
               gpointer    user_data)
{
  g_ptr_array_add (launched, g_strdup (uri));
}

static void
click (GtkWidget *widget)
{
  g_signal_emit_by_name (widget, "clicked");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* ---- screenshots, when DH_SCREENSHOT_DIR is set ---- */

static gboolean
has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  guint colours = 0;
  guint32 first = 0;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  for (gsize i = 0; i < (gsize) width * height && colours < 2; i++)
    if (i == 0)
      first = pixels[i], colours = 1;
    else if (pixels[i] != first)
      colours = 2;
  return colours > 1;
}

static void
screenshot (DhWindow   *window,
            const char *name)
{
  const char *dir = g_getenv ("DH_SCREENSHOT_DIR");
  const char *language = g_get_language_names ()[0];
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("%s-%s-%d.png", name, g_str_has_prefix (language, "ja") ? "ja" : "en",
                          gtk_widget_get_width (GTK_WIDGET (window)));
  path = g_build_filename (dir, file, NULL);

  /* Poll until the window has drawn something other than one colour. */
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      int width, height;
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GtkSnapshot) snapshot = NULL;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      g_usleep (20000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      width = gtk_widget_get_width (GTK_WIDGET (window));
      height = gtk_widget_get_height (GTK_WIDGET (window));
      if (width <= 0 || height <= 0)
        continue;
      paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        continue;
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (attempt < 10 || !has_content (texture))
        continue;
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("screenshot: %s", path);
      return;
    }
  g_error ("the window drew nothing for %s", path);
}

/* ---- the steps ---- */

static void
test_delist_email (void)
{
  DhWindow *window = new_window ();
  DhCase *c = dh_window_get_case (window);
  g_autofree char *text = NULL;
  g_autofree char *english = NULL;
  g_autofree char *japanese = NULL;
  GtkWidget *ja_button, *en_button;

  go_to (window, bounce_511, "delist-email");
  g_assert_cmpstr (c->remedy, ==, "delist-email");
  g_assert_cmpstr (dh_page_get_title (dh_window_get_current_page (window)), ==, "Write to Microsoft");
  text = page_text (window);
  assert_contains (text, "{Send an e-mail to Microsoft from your own mail program, with the address, subject and text below.}");
  assert_contains (text, "cannot remove this block (550 5.7.511)");
  assert_contains (text, "[Your website=https://example.jp/]");
  assert_contains (text, "[Your name=]");
  assert_contains (text, "Microsoft usually answers within about 48 hours");
  assert_contains (text, "send this English text");

  /* Every copy button puts the exact value on the clipboard. */
  assert_copies (window, "Microsoft’s address", "delist@microsoft.com");
  assert_copies (window, "Subject", "Delisting request for 203.0.113.45 (550 5.7.511)");
  english = dh_mail_delist_body (c, "en");
  g_assert_cmpstr (dh_message_view_get_language (message_view (window)), ==, "en");
  {
    g_autofree char *copied = copy_message (window);
    g_assert_cmpstr (copied, ==, english);
  }
  assert_contains (english, diagnostic_511);
  assert_contains (english, "- IP address: 203.0.113.45\n");
  assert_contains (english, "14 November 2025, 10:23 (UTC+09:00)");

  /* The name typed goes into the text at once. */
  gtk_editable_set_text (entry_row (window, "Your name"), "Taro Yamada");
  g_free (english);
  english = dh_message_view_get_text (message_view (window));
  assert_contains (english, "My name is Taro Yamada.");
  g_assert_true (g_str_has_suffix (english, "Best regards,\nTaro Yamada"));

  /* The switch changes the text's language, not the app's. */
  ja_button = button (window, "Japanese");
  en_button = button (window, "English");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (en_button)));
  click (ja_button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ja_button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (en_button)));
  g_free (text);
  text = page_text (window);
  assert_contains (text, "This Japanese translation is only for you to read.");
  japanese = copy_message (window);
  assert_contains (japanese, "Microsoft ご担当者様");
  assert_contains (japanese, "Taro Yamada と申します。");
  assert_contains (japanese, diagnostic_511);
  {
    g_autofree char *expected = dh_mail_delist_body (c, "ja");
    g_assert_cmpstr (japanese, ==, expected);
  }
  g_assert_cmpstr (japanese, !=, english);
  /* The subject stays English: it is what Microsoft reads. */
  assert_copies (window, "Subject", "Delisting request for 203.0.113.45 (550 5.7.511)");
  click (en_button);
  {
    g_autofree char *copied = copy_message (window);
    g_assert_cmpstr (copied, ==, english);
  }

  /* Back keeps what was typed; a corrected address reaches the subject. */
  back (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "diagnosis"));
  g_assert_cmpstr (c->contact_name, ==, "Taro Yamada");
  dh_case_set (c, DH_CASE_IP, "203.0.113.46");
  {
    /* The diagnosis page stores its rows on Next: type the correction there. */
    GtkWidget *ip = NULL;
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    find_all (GTK_WIDGET (dh_window_get_current_page (window)), ADW_TYPE_ENTRY_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_str_equal (gtk_editable_get_text (g_ptr_array_index (rows, i)), "203.0.113.45"))
        ip = g_ptr_array_index (rows, i);
    g_assert_nonnull (ip);
    gtk_editable_set_text (GTK_EDITABLE (ip), "203.0.113.46");
  }
  next (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "delist-email"));
  g_assert_cmpstr (gtk_editable_get_text (entry_row (window, "Your name")), ==, "Taro Yamada");
  assert_copies (window, "Subject", "Delisting request for 203.0.113.46 (550 5.7.511)");
  {
    g_autofree char *body = dh_message_view_get_text (message_view (window));
    assert_contains (body, "My name is Taro Yamada.");
    assert_contains (body, "- IP address: 203.0.113.46\n");
  }

  /* On to the end of the route, and back to step 1. */
  for (guint i = 0; i < 4 && dh_window_get_current_page (window) != dh_window_get_page (window, "done"); i++)
    next (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "done"));
  g_free (text);
  text = page_text (window);
  assert_contains (text, "{All steps are done}");
  assert_contains (text, "{Now wait for Microsoft’s answer by e-mail, then send a test mail.}");
  assert_contains (text, "[You wrote to Microsoft at delist@microsoft.com to ask for removal of the address.|");
  assert_contains (text, "within about 48 hours (two days)");
  assert_contains (text, "{Send a test mail to the address that bounced. If it arrives, you are done.}");
  assert_contains (text, "open the new bounce with this app");
  assert_copies (window, "Address that bounced", "boss@contoso.co.jp");

  click (button (window, "_Start Over with Another Bounce"));
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "start"));
  g_assert_true (g_str_has_prefix (dh_window_get_step_label (window), "Step 1 of "));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_spamhaus (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;
  const char *diagnostic;

  g_ptr_array_set_size (launched, 0);
  go_to (window, bounce_spamhaus, "blocklist");
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "spamhaus-removal");
  g_assert_cmpstr (dh_page_get_title (dh_window_get_current_page (window)), ==, "Block list removal");
  text = page_text (window);
  assert_contains (text, "{Look up your server’s address on the Spamhaus web site, follow the steps it shows for removal, and tell your hosting company.}");
  assert_contains (text, "{Microsoft refused your mail because of this list.");
  assert_contains (text, "[Listed on|Spamhaus]");
  assert_contains (text, "{Spamhaus runs the most widely used block lists.");
  /* The bounce does not say which part: each is explained, and how much is listed is not said. */
  assert_contains (text, "[PBL: this address is not meant to send mail directly.");
  assert_contains (text, "[SBL: Spamhaus saw spam come from this address");
  assert_not_contains (text, "[What is listed|");
  assert_contains (text, "{Tell your hosting company}");

  assert_copies (window, "IP address", "203.0.113.45");
  diagnostic = dh_case_get (dh_window_get_case (window), DH_CASE_DIAGNOSTIC);
  g_assert_true (g_str_has_prefix (diagnostic, "550 5.7.1 Service unavailable, Client host [203.0.113.45] blocked using Spamhaus."));
  assert_copies (window, "Error message", diagnostic);

  click (button (window, "Open the Spamhaus Lookup Page"));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://check.spamhaus.org/");

  next (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "done"));
  g_free (text);
  text = page_text (window);
  assert_contains (text, "[You looked up your server’s address on Spamhaus and asked for removal where the list allows it.|");
  assert_contains (text, "[You told your hosting company about the listing.|");
  assert_contains (text, "within a few hours to a day");
  assert_contains (text, "{Now wait for the listing to end, then send a test mail.}");
  assert_copies (window, "Address that bounced", "boss@contoso.co.jp");

  /* Back shows the same list and the same page to open. */
  back (window);
  g_free (text);
  text = page_text (window);
  assert_contains (text, "[Listed on|Spamhaus]");
  click (button (window, "Open the Spamhaus Lookup Page"));
  g_assert_cmpuint (launched->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (launched, 1), ==, "https://check.spamhaus.org/");

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
n_link_buttons (DhWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  find_all (GTK_WIDGET (dh_window_get_current_page (window)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_object_get_data (g_ptr_array_index (buttons, i), "dh-uri"))
      n++;
  return n;
}

static void
test_barracuda_then_another (void)
{
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;

  g_ptr_array_set_size (launched, 0);
  go_to (window, bounce_barracuda, "blocklist");
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "dnsbl-removal");
  text = page_text (window);
  assert_contains (text, "{Send Barracuda’s removal request form for your server’s address, and tell your hosting company.}");
  assert_contains (text, "[Listed on|Barracuda]");
  assert_contains (text, "Requests are checked by hand.");
  /* Not Microsoft: no word about Microsoft, and no parts to explain. */
  assert_not_contains (text, "Microsoft refused your mail");
  assert_not_contains (text, "The parts of this list");
  assert_copies (window, "IP address", "203.0.113.45");
  g_assert_cmpuint (n_link_buttons (window), ==, 1);
  click (button (window, "Open the Barracuda Removal Form"));
  g_assert_cmpuint (launched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, "https://www.barracudacentral.org/rbl/removal-request");

  next (window);
  g_free (text);
  text = page_text (window);
  assert_contains (text, "most are handled within about a day");
  assert_copies (window, "Address that bounced", "taro@example.ne.jp");

  /* A new bounce in the same window: the page follows the new case. */
  click (button (window, "_Start Over with Another Bounce"));
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "start"));
  go_to (window, bounce_spamhaus, "blocklist");
  g_free (text);
  text = page_text (window);
  assert_contains (text, "[Listed on|Spamhaus]");
  assert_not_contains (text, "Barracuda");
  g_assert_cmpuint (n_link_buttons (window), ==, 1);
  click (button (window, "Open the Spamhaus Lookup Page"));
  g_assert_cmpstr (g_ptr_array_index (launched, launched->len - 1), ==, "https://check.spamhaus.org/");

  gtk_window_destroy (GTK_WINDOW (window));
}

static const struct {
  const char *diagnostic;
  const char *listed_on;
  const char *scope;
  const char *button;    /* NULL: no page to open */
  const char *uri;
  const char *says;
  const char *says_too;
} others[] = {
  /* A Spamhaus part the bounce names: its own step, and how much it covers. */
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.45 http://www.spamhaus.org/pbl/query/PBL1234567",
    "Spamhaus PBL", "A range of addresses around yours", "Open the Spamhaus Lookup Page", "https://check.spamhaus.org/",
    "{Tell your hosting company about this listing: only they can fix it.}",
    "{PBL: this address is not meant to send mail directly." },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.45",
    "SpamCop", "Only your server’s address", "Open the SpamCop Lookup Page", "https://www.spamcop.net/bl.shtml",
    "SpamCop takes no removal requests" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using dnsbl-2.uceprotect.net; IP 203.0.113.45 is UCEPROTECT-Level2 listed.",
    "UCEPROTECT Level 2", "A range of addresses around yours", "Open the UCEPROTECT Lookup Page",
    "https://www.uceprotect.net/en/rblcheck.php", "{Level 2: a whole range of addresses around yours is listed" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using psbl.surriel.com",
    "PSBL", "Only your server’s address", "Open the PSBL Removal Page", "https://psbl.org/remove",
    "{Remove your server’s address on the PSBL page yourself, and tell your hosting company.}" },
  { "550 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using bl.mailspike.net",
    "Mailspike", "Only your server’s address", NULL, NULL, "Mailspike has no removal form for this" },
  { "554 5.7.1 Service unavailable; Client host [203.0.113.45] blocked using rbl.example-list.net",
    "A list this app does not know", NULL, NULL, NULL,
    "{Send the error message to your hosting company and ask them to check the block list it names.}" },
};

static void
test_other_lists (void)
{
  DhWindow *window = new_window ();

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *bounce = g_strdup_printf ("<taro@example.ne.jp>: host mx.example.ne.jp[198.51.100.25] said: %s "
                                                 "(in reply to RCPT TO command)\n", others[i].diagnostic);
      g_autofree char *text = NULL;
      g_autofree char *listed_on = g_strdup_printf ("[Listed on|%s]", others[i].listed_on);

      g_ptr_array_set_size (launched, 0);
      go_to (window, bounce, "blocklist");
      text = page_text (window);
      assert_contains (text, listed_on);
      assert_contains (text, others[i].says);
      if (others[i].says_too)
        assert_contains (text, others[i].says_too);
      if (others[i].scope)
        {
          g_autofree char *scope = g_strdup_printf ("[What is listed|%s]", others[i].scope);
          assert_contains (text, scope);
        }
      else
        assert_not_contains (text, "[What is listed|");
      assert_copies (window, "IP address", "203.0.113.45");
      g_assert_cmpuint (n_link_buttons (window), ==, others[i].button ? 1 : 0);
      if (others[i].button)
        {
          click (button (window, others[i].button));
          g_assert_cmpuint (launched->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (launched, 0), ==, others[i].uri);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "wizard.restart", NULL);
      wait_until_idle (window);
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
  DhWindow *window = new_window ();
  g_autofree char *text = NULL;

  go_to (window, bounce_s775, "wait");
  g_assert_cmpstr (dh_window_get_case (window)->remedy, ==, "wait-and-retry");
  g_assert_cmpstr (dh_page_get_title (dh_window_get_current_page (window)), ==, "Temporary delay");
  text = page_text (window);
  assert_contains (text, "{Do nothing for now: your server keeps trying to deliver the mail by itself.}");
  assert_contains (text, "{Microsoft is accepting fewer mails from your server’s address for a while");
  assert_contains (text, "[Do not send the same mails again by hand, especially not many at once");
  assert_contains (text, "send fewer at a time");
  assert_contains (text, "[If mail to this recipient still bounces after 2 days, start again with the new bounce.|");
  assert_contains (text, "[If a new bounce says 550 and S3150, the address is now blocked");
  assert_copies (window, "Error code", "S775");
  assert_copies (window, "IP address", "203.0.113.45");

  next (window);
  g_assert_true (dh_window_get_current_page (window) == dh_window_get_page (window, "done"));
  g_free (text);
  text = page_text (window);
  assert_contains (text, "{Nothing more to do for now}");
  assert_contains (text, "[You learned that the delay is temporary and that your server retries by itself.|");
  assert_not_contains (text, "You told your hosting company");
  assert_copies (window, "Address that bounced", "hanako@hotmail.co.jp");

  /* Back keeps the wait page as it was. */
  back (window);
  g_free (text);
  text = page_text (window);
  assert_contains (text, "[Error code|S775]");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Not a check: the pages as a person sees them, saved as PNG files for a human to look at. Run
 * with DH_SCREENSHOT_DIR set, -p /dh/steps/screenshots, and DH_SCREENSHOT_SIZE=WIDTHxHEIGHT. */
static void
test_screenshots (void)
{
  static const struct {
    const char *bounce;
    const char *page;
    const char *name;
  } shots[] = {
    { bounce_511, "delist-email", "delist-email" },
    { bounce_511, "done", "done-delist-email" },
    { bounce_spamhaus, "blocklist", "blocklist-spamhaus" },
    { bounce_barracuda, "blocklist", "blocklist-barracuda" },
    { bounce_s775, "wait", "wait" },
    { bounce_s775, "done", "done-wait" },
  };
  const char *size = g_getenv ("DH_SCREENSHOT_SIZE");
  int width = 900, height = 1400;

  if (g_getenv ("DH_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("DH_SCREENSHOT_DIR is not set");
      return;
    }
  if (size && sscanf (size, "%dx%d", &width, &height) != 2)
    g_error ("DH_SCREENSHOT_SIZE must be WIDTHxHEIGHT");
  /* No page transition caught half-way, and GNOME's title bar (a close button only). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-decoration-layout", ":close", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      DhWindow *window = dh_window_new (NULL);

      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      gtk_window_present (GTK_WINDOW (window));
      go_to (window, shots[i].bounce, shots[i].page);
      if (g_str_equal (shots[i].name, "blocklist-spamhaus"))
        {
          g_autoptr(GPtrArray) rows = g_ptr_array_new ();

          find_all (GTK_WIDGET (dh_window_get_current_page (window)), ADW_TYPE_EXPANDER_ROW, rows);
          g_assert_cmpuint (rows->len, ==, 1);
          adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
        }
      if (g_str_equal (shots[i].name, "delist-email"))
        {
          screenshot (window, shots[i].name);
          click (dh_message_view_get_language_button (message_view (window), "ja"));
          screenshot (window, "delist-email-japanese-text");
        }
      else
        screenshot (window, shots[i].name);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The checks read English; screenshots may be taken in any language (-p /dh/steps/screenshots). */
  if (g_getenv ("LANGUAGE") == NULL || g_getenv ("DH_SCREENSHOT_DIR") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  launched = g_ptr_array_new_with_free_func (g_free);
  dh_links_set_launcher (record_launch, NULL);

  g_test_add_func ("/dh/steps/delist-email", test_delist_email);
  g_test_add_func ("/dh/steps/spamhaus", test_spamhaus);
  g_test_add_func ("/dh/steps/barracuda-then-another", test_barracuda_then_another);
  g_test_add_func ("/dh/steps/other-lists", test_other_lists);
  g_test_add_func ("/dh/steps/list-texts", test_list_texts);
  g_test_add_func ("/dh/steps/wait", test_wait);
  g_test_add_func ("/dh/steps/screenshots", test_screenshots);

  return g_test_run ();
}
