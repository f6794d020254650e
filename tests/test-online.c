/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-online.c: "Check online" on the diagnosis step, against a loopback RDAP server and a test
 * resolver: nothing is sent before the user agrees; then the owner, the block lists, the reverse
 * name and the web site, each in its own row, a failed part with its own retry. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dh-test-utils.h"
#include "dh-application.h"
#include "dh-preferences-window.h"
#include "dh-fake-resolver.h"
#include "dh-links.h"
#include "dh-online-check.h"
#include "dh-rdap.h"
#include "dh-test-rdap-server.h"
#include "pages/dh-diagnosis-page.h"

static DhTestRdapServer *server;
static DhFakeResolver *resolver;

static const char bounce[] =
  "<kenji.sato@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3]\n"
  "    said: 550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent.\n"
  "    Please contact your Internet service provider since part of their network\n"
  "    is on our block list (S3150). You can also refer your provider to\n"
  "    http://mail.live.com/mail/troubleshooting.aspx#errors.\n"
  "    [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL FROM command)\n";

static void
use_registry (const char *path)
{
  g_autofree char *url = g_strconcat (dh_test_rdap_server_get_url (server), path, NULL);

  g_setenv ("DH_RDAP_BASE_URL", url, TRUE);
}

static void
wait_for (DhOnlineCheck *check)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (dh_online_check_is_running (check))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static const char *
row_subtitle (gpointer    root,
              const char *title)
{
  return adw_action_row_get_subtitle (dh_test_find_row (root, ADW_TYPE_ACTION_ROW, title));
}

static void
test_check_online (void)
{
  DhWindow *window = dh_test_new_window (900, 900);
  g_autofree char *authority = dh_test_rdap_server_get_authority (server);
  g_autofree char *sentence = NULL;
  g_autofree char *site = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  DhOnlineCheck *check;
  AdwMessageDialog *dialog;
  DhPage *page;
  GtkWidget *retry;
  DhCase *c;

  use_registry ("rate/");
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "diagnosis");
  c = dh_wizard_get_case (dh_window_get_wizard (window));
  /* The site check goes to the loopback server, as if it were the sender's domain. */
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (page),
                                                                  DH_CASE_SENDER_DOMAIN)), authority);
  checks = dh_test_find_all (page, DH_TYPE_ONLINE_CHECK);
  g_assert_cmpuint (checks->len, ==, 1);
  check = g_ptr_array_index (checks, 0);
  dh_test_assert_contains (dh_test_page_text (window), _("Check online (optional)"));

  /* Asked first, saying what goes where; "Cancel" sends nothing. */
  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  dialog = dh_online_check_get_consent_dialog (check);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "203.0.113.10"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), authority));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Spamhaus"));
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (dh_online_check_get_consent_dialog (check));
  g_assert_false (dh_online_check_is_running (check));
  g_assert_cmpuint (dh_test_rdap_server_get_n_requests (server), ==, 0);
  g_assert_cmpuint (dh_fake_resolver_get_n_lookups (resolver), ==, 0);

  /* "Check Online": every part at once; the registry is rate-limited this time. */
  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  dialog = dh_online_check_get_consent_dialog (check);
  adw_message_dialog_response (dialog, "check");
  g_assert_true (dh_online_check_is_running (check));
  wait_for (check);
  g_assert_cmpuint (dh_test_rdap_server_get_n_requests (server), >, 0);
  /* The list of registries, built in until now, was refreshed (from the loopback server). */
  {
    g_autoptr(DhNetOptions) options = dh_net_options_new ();
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
    GDateTime *cached;

    dh_net_options_apply_env (options);
    while ((cached = dh_rdap_bootstrap_get_cache_time (options)) == NULL)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, TRUE);
      }
    g_date_time_unref (cached);
  }
  g_test_message ("%s", dh_test_page_text (window));

  /* The other parts stand on their own. */
  {
    g_autofree char *listed = g_strdup_printf (_("Listed (%s)"), "SBL");

    g_assert_cmpstr (row_subtitle (page, "Spamhaus"), ==, listed);
  }
  /* A list that lists the address offers its removal page, opened in the browser. */
  {
    g_autoptr(GPtrArray) launches = dh_test_record_launches ();

    dh_test_click (dh_test_find_button (dh_test_find_row (page, ADW_TYPE_ACTION_ROW, "Spamhaus"), _("Removal")));
    g_assert_cmpuint (launches->len, ==, 1);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (launches, 0), "https://"));
    dh_test_assert_contains (g_ptr_array_index (launches, 0), "spamhaus");
    dh_links_set_launcher (NULL, NULL);
  }
  g_assert_cmpstr (row_subtitle (page, "SpamCop"), ==, _("Not listed"));
  {
    g_autofree char *rdns = g_strdup_printf (_("%s, which leads back to this address, as it should."),
                                             "mail.example-hosting.jp");

    g_assert_cmpstr (row_subtitle (page, _("Name in the DNS (reverse DNS)")), ==, rdns);
  }
  site = g_strdup_printf ("http://%s/home", authority);
  g_assert_nonnull (strstr (row_subtitle (page, _("Your web site")), site));
  g_assert_cmpstr (dh_case_get_user_website (c), ==, site);

  /* The owner failed alone, said in its row, with a retry of its own. */
  g_assert_nonnull (row_subtitle (page, _("Owner of the address")));
  g_assert_cmpstr (row_subtitle (page, _("Owner of the address")), !=, "");
  retry = dh_test_find_button (dh_test_find_row (page, ADW_TYPE_ACTION_ROW, _("Owner of the address")),
                               _("_Retry"));
  g_assert_true (gtk_widget_get_visible (retry));

  use_registry ("arin/");
  dh_test_click (retry);
  wait_for (check);
  g_assert_nonnull (strstr (row_subtitle (page, _("Owner of the address")), "Example Hosting K.K."));
  g_assert_false (gtk_widget_get_visible (retry));
  sentence = g_strdup_printf (_("%1$s belongs to %2$s. If that is your hosting company, everyone whose mail leaves from this server is blocked alike: the block is about the server’s address, not about your own mail."),
                              "203.0.113.10", "Example Hosting K.K.");
  dh_test_assert_contains (dh_test_page_text (window), sentence);
  dh_test_assert_row_copies (dh_test_find_copy_row (page, _("Abuse contact of the network")),
                             "abuse@example-hosting.jp");
  /* Not the sender's own network: a shared server, for the form. */
  g_assert_cmpint (dh_case_get_hosting (c), ==, DH_HOSTING_SHARED);

  /* With every result shown, the page still fits a 360-pixel window. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* DH_SCREENSHOT_DIR=DIR saves the page with its results, for looking at. */
  if (g_getenv ("DH_SCREENSHOT_DIR"))
    {
      g_autofree char *file = g_strdup_printf ("online-%s.png",
                                               g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en");
      g_autofree char *path = g_build_filename (g_getenv ("DH_SCREENSHOT_DIR"), file, NULL);
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      dh_test_save_screenshot (GTK_WINDOW (window), path);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* No network: a resolver that answers "no such name" to everything. No list says "not listed";
 * every part says, in words, that this computer seems to be offline. */
static void
test_check_offline (void)
{
  DhWindow *window = dh_test_new_window (900, 900);
  g_autoptr(DhFakeResolver) offline = dh_fake_resolver_new ();
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *could_not = NULL;
  DhOnlineCheck *check;
  AdwMessageDialog *dialog;
  DhPage *page;
  const char *text, *offline_part;

  g_resolver_set_default (G_RESOLVER (offline));
  g_setenv ("DH_RDAP_BASE_URL", "http://rdap.example.invalid/", TRUE);
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "diagnosis");
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (page),
                                                                  DH_CASE_SENDER_DOMAIN)), "example-hosting.jp");
  checks = dh_test_find_all (page, DH_TYPE_ONLINE_CHECK);
  check = g_ptr_array_index (checks, 0);
  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  dialog = dh_online_check_get_consent_dialog (check);
  adw_message_dialog_response (dialog, "check");
  wait_for (check);
  text = dh_test_page_text (window);
  g_test_message ("%s", text);

  /* Not one "Not listed", and every list says why it could not be checked. */
  g_assert_null (strstr (text, _("Not listed")));
  could_not = g_strdup_printf (_("Could not check: %s."), _("this computer seems to be offline"));
  for (const char *const *list = (const char *const[]) { "Spamhaus", "SpamCop", "PSBL", "Mailspike", NULL }; *list; list++)
    g_assert_cmpstr (row_subtitle (page, *list), ==, could_not);
  g_assert_cmpstr (row_subtitle (page, _("Public block lists")), ==,
                   _("None of the lists could be checked: this computer seems to be offline. Check the connection, then try again."));
  /* The registry's name "does not exist", the reverse name is "missing", the site "cannot be
   * reached": offline, each of them says that instead. */
  offline_part = _("Could not check: this computer seems to be offline. Check the connection, then try again.");
  g_assert_cmpstr (row_subtitle (page, _("Owner of the address")), ==, offline_part);
  g_assert_cmpstr (row_subtitle (page, _("Name in the DNS (reverse DNS)")), ==, offline_part);
  g_assert_cmpstr (row_subtitle (page, _("Your web site")), ==, offline_part);
  g_assert_true (gtk_widget_get_visible (dh_test_find_button (dh_test_find_row (page, ADW_TYPE_ACTION_ROW, _("Public block lists")),
                                                              _("_Retry"))));

  if (g_getenv ("DH_SCREENSHOT_DIR"))
    {
      g_autofree char *file = g_strdup_printf ("online-offline-%s.png",
                                               g_str_has_prefix (g_get_language_names ()[0], "ja") ? "ja" : "en");
      g_autofree char *path = g_build_filename (g_getenv ("DH_SCREENSHOT_DIR"), file, NULL);
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* The results are laid out over a few frames: scroll once they are. */
      for (guint i = 0; i < 10; i++)
        {
          gint64 until = g_get_monotonic_time () + 50 * 1000;

          while (g_get_monotonic_time () < until)
            g_main_context_iteration (NULL, FALSE);
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        }
      dh_test_save_screenshot (GTK_WINDOW (window), path);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_resolver_set_default (G_RESOLVER (resolver));
}

/* "Do not ask again" is remembered in the settings: the next check runs without asking. In a
 * registered application (with its settings), in a process of its own. */
static void
test_remembered_consent (void)
{
  g_autoptr(DhApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  GSettings *settings;
  DhOnlineCheck *check;
  AdwMessageDialog *dialog;
  DhWindow *window;
  DhPage *page;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  app = dh_application_new ();
  settings = dh_application_get_settings (app);
  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "remember-online-consent", FALSE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = DH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  use_registry ("arin/");
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "diagnosis");
  checks = dh_test_find_all (page, DH_TYPE_ONLINE_CHECK);
  check = g_ptr_array_index (checks, 0);

  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  dialog = dh_online_check_get_consent_dialog (check);
  g_assert_nonnull (dialog);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog)), TRUE);
  adw_message_dialog_response (dialog, "check");
  g_assert_true (g_settings_get_boolean (settings, "remember-online-consent"));
  wait_for (check);

  /* Asked once: now it runs at once. */
  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  g_assert_null (dh_online_check_get_consent_dialog (check));
  g_assert_true (dh_online_check_is_running (check));
  wait_for (check);
  g_assert_nonnull (strstr (row_subtitle (page, _("Owner of the address")), "Example Hosting K.K."));

  /* Taken back in Preferences: the next check asks again. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (DH_IS_PREFERENCES_WINDOW (l->data))
      {
        adw_action_row_activate (dh_test_find_row (l->data, ADW_TYPE_ACTION_ROW, _("Check _Without Asking")));
        gtk_window_destroy (l->data);
        break;
      }
  g_assert_false (g_settings_get_boolean (settings, "remember-online-consent"));
  dh_test_click (dh_test_find_button (page, _("_Check Online…")));
  g_assert_nonnull (dh_online_check_get_consent_dialog (check));
  adw_message_dialog_response (dh_online_check_get_consent_dialog (check), "cancel");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("dh-test-online-XXXXXX", NULL);

  dh_test_init (&argc, &argv);
  g_setenv ("DH_CACHE_DIR", cache, TRUE);
  g_setenv ("DH_DNSBL_TIMEOUT_MS", "3000", TRUE);
  /* https to the loopback server, which speaks plain http, gets no answer: do not wait long. */
  g_setenv ("DH_SITE_TIMEOUT_MS", "1000", TRUE);
  server = dh_test_rdap_server_new ();
  /* The list of registries is refreshed from the loopback server, never from IANA. */
  {
    g_autofree char *bootstrap = g_strconcat (dh_test_rdap_server_get_url (server), "bootstrap/", NULL);

    g_setenv ("DH_RDAP_BOOTSTRAP_URL", bootstrap, TRUE);
  }
  /* The registry on the loopback server may redirect to itself (ARIN to APNIC). */
  g_setenv ("DH_REDIRECT_ALLOW", "127.0.0.1", TRUE);
  resolver = dh_fake_resolver_new ();
  dh_fake_resolver_add_test_entries (resolver, NULL, NULL);
  dh_fake_resolver_add_address (resolver, "10.113.0.203.zen.spamhaus.org", "127.0.0.2");
  dh_fake_resolver_add_ptr (resolver, "203.0.113.10", "mail.example-hosting.jp");
  dh_fake_resolver_add_address (resolver, "mail.example-hosting.jp", "203.0.113.10");
  g_resolver_set_default (G_RESOLVER (resolver));

  g_test_add_func ("/dh/online/check", test_check_online);
  g_test_add_func ("/dh/online/remembered-consent", test_remembered_consent);
  g_test_add_func ("/dh/online/offline", test_check_offline);
  return g_test_run ();
}
