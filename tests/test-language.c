/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-language.c: the Language items of the primary menu (app.ui-language) in the real
 * application: the choice applies at once, the window comes back on the same step with everything
 * the user entered, in the other language, and the choice is remembered and used at start-up. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-application.h"
#include "dh-test-utils.h"
#include "pages/dh-diagnosis-page.h"
#include "pages/dh-start-page.h"
#include "dh-test-samples.h"

static char *bounce;  /* tests/samples/fragment-postfix-s3150-short.txt, read in main () */

static const char two_bounces[] =
  "<a@outlook.jp>: host apc.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1\n"
  "    Unfortunately, messages from [203.0.113.45] weren't sent. (S3150)\n"
  "\n"
  "<b@contoso.co.jp>: host contoso-co-jp.mail.protection.outlook.com[52.101.2.2] said:\n"
  "    550 5.7.606 Access denied, banned sending IP [203.0.113.45]. To request\n"
  "    removal from this list please visit https://sender.office.com/ (AS16012609)\n";

static void
stop_app (DhApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_object_unref (app);
}

static DhWindow *
app_window (DhApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (DH_IS_WINDOW (l->data))
      return l->data;
  g_error ("the application has no window");
}

/* Chooses @language as the menu does, and waits until the window has been built again. */
static DhWindow *
switch_language (DhApplication *app,
                 const char    *language)
{
  DhWindow *before = app_window (app);
  DhWindow *window;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_action_group_activate_action (G_ACTION_GROUP (app), "ui-language", g_variant_new_string (language));
  while (app_window (app) == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  window = app_window (app);
  g_assert_true (window != before);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  dh_test_wait_until_idle (window);
  return window;
}

static char *
action_state (DhApplication *app)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app), "ui-language");

  return g_variant_dup_string (state, NULL);
}

/* The primary menu's Language section as "Language: label=target, …". */
static char *
language_menu (DhWindow *window)
{
  g_autoptr(GPtrArray) buttons = dh_test_find_all (window, GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < buttons->len && menu == NULL; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
      menu = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));
  g_assert_nonnull (menu);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);
      g_autofree char *title = NULL;

      if (section == NULL || !g_menu_model_get_item_attribute (menu, s, G_MENU_ATTRIBUTE_LABEL, "s", &title) ||
          g_strcmp0 (title, _("Language")) != 0)
        continue;
      g_string_append_printf (out, "%s:", title);
      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *label = NULL;
          g_autofree char *action = NULL;
          g_autofree char *target = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
          g_assert_cmpstr (action, ==, "app.ui-language");
          g_string_append_printf (out, " %s=%s", label, target);
        }
    }
  return g_string_free (out, FALSE);
}

/* What the window shows on the diagnosis step for @bounce, the IP corrected to 203.0.113.46. */
static void
assert_diagnosis (DhWindow *window)
{
  g_autofree char *text = dh_test_page_text (window);
  g_autofree char *headline =
    g_strdup_printf (_("Microsoft is refusing mail from your server’s address %s."), "203.0.113.46");
  g_autofree char *expected = g_strdup_printf ("{%s}", headline);
  g_autofree char *ip_row = g_strdup_printf ("[%s=203.0.113.46]", _("Blocked address (IP)"));
  GtkWidget *row;

  g_test_message ("%s", text);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  dh_test_assert_contains (text, expected);
  dh_test_assert_contains (text, ip_row);
  row = dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (dh_wizard_get_current_page (dh_window_get_wizard (window))), DH_CASE_IP);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "203.0.113.46");
  g_assert_cmpstr (dh_case_get (dh_wizard_get_case (dh_window_get_wizard (window)), DH_CASE_IP), ==, "203.0.113.46");
  g_assert_true (dh_page_get_complete (dh_wizard_get_current_page (dh_window_get_wizard (window))));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Delist Helper"));
  /* The header bar comes from the window's template. */
  g_assert_nonnull (dh_test_find_button (window, _("_Next")));
}

static void
test_switch (void)
{
  DhApplication *app;
  DhWindow *window;
  GSettings *settings;
  g_autofree char *state = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *ui_language = NULL;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app ("");
  window = app_window (app);
  settings = dh_application_get_settings (app);

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  state = action_state (app);
  g_assert_cmpstr (state, ==, "");
  menu = language_menu (window);
  g_assert_cmpstr (menu, ==, "Language: System Language= 日本語=ja English=en");

  /* English: paste, Next, correct the address. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 650);
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "Step 2 of 7");
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (dh_wizard_get_current_page (dh_window_get_wizard (window))),
                                                                  DH_CASE_IP)),
                         "203.0.113.46");

  /* 日本語: the same step, the same address, every text in Japanese. */
  window = switch_language (app, "ja");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ja");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "ステップ 2 / 7");
  g_assert_cmpstr (dh_page_get_title (dh_wizard_get_current_page (dh_window_get_wizard (window))), ==, "何が起きたか");
  g_assert_cmpstr (_("Microsoft is refusing mail from your server’s address %s."), !=,
                   "Microsoft is refusing mail from your server’s address %s.");
  assert_diagnosis (window);
  g_assert_nonnull (dh_test_find_button (window, "次へ(_N)"));
  g_free (menu);
  menu = language_menu (window);
  /* The endonyms stay as they are in every language. */
  g_assert_cmpstr (menu, ==, "言語: システムの言語= 日本語=ja English=en");
  g_free (state);
  state = action_state (app);
  g_assert_cmpstr (state, ==, "ja");
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 700);
    g_assert_cmpint (height, ==, 650);
  }

  /* English again. */
  window = switch_language (app, "en");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "Step 2 of 7");
  assert_diagnosis (window);
  {
    g_autofree char *text = dh_test_page_text (window);
    dh_test_assert_contains (text, "{Microsoft is refusing mail from your server’s address 203.0.113.46.}");
  }
  g_free (menu);
  menu = language_menu (window);
  g_assert_cmpstr (menu, ==, "Language: System Language= 日本語=ja English=en");

  /* Back to step 1: the pasted text is there. */
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "Step 1 of 7");
  {
    g_autofree char *pasted = dh_start_page_get_text (DH_START_PAGE (dh_wizard_get_page (dh_window_get_wizard (window), "start")));
    g_assert_cmpstr (pasted, ==, bounce);
  }

  /* Remembered. */
  ui_language = g_settings_get_string (settings, "ui-language");
  g_assert_cmpstr (ui_language, ==, "en");

  /* The system's language: LANGUAGE as the process started. */
  window = switch_language (app, "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");
  g_free (ui_language);
  ui_language = g_settings_get_string (settings, "ui-language");
  g_assert_cmpstr (ui_language, ==, "");

  stop_app (app);
}

/* What pages keep outside the case comes along too: the portal's ticks, a message's language,
 * the contact name and the time zone on the form. */
static void
test_carry_over (void)
{
  DhApplication *app;
  DhWindow *window;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) combos = NULL;
  AdwComboRow *zone = NULL;
  GtkEditable *name = NULL;
  guint zone_index;
  DhPage *page;
  DhCase *before;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app ("");
  window = app_window (app);

  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  page = dh_test_go_to (window, "host");
  views = dh_test_find_all (page, DH_TYPE_MESSAGE_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  dh_message_view_set_language (g_ptr_array_index (views, 0), "ja");
  page = dh_test_go_to (window, "portal");
  checks = dh_test_find_all (page, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 4);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  gtk_check_button_set_active (g_ptr_array_index (checks, 2), TRUE);

  /* On the form: a name typed and not yet stored by leaving, and another time zone. */
  page = dh_test_go_to (window, "form");
  rows = dh_test_find_all (page, ADW_TYPE_ENTRY_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), _("Your name")))
      name = g_ptr_array_index (rows, i);
  g_assert_nonnull (name);
  gtk_editable_set_text (name, "Taro Yamada");
  combos = dh_test_find_all (page, ADW_TYPE_COMBO_ROW);
  for (guint i = 0; i < combos->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (combos, i)), _("Time zone")))
      zone = g_ptr_array_index (combos, i);
  g_assert_nonnull (zone);
  zone_index = adw_combo_row_get_selected (zone) == 0 ? 1 : 0;
  adw_combo_row_set_selected (zone, zone_index);

  before = dh_wizard_get_case (dh_window_get_wizard (window));
  window = switch_language (app, "ja");
  /* The pages are built again around the same case. */
  g_assert_true (dh_wizard_get_case (dh_window_get_wizard (window)) == before);
  g_assert_cmpstr (dh_test_current_name (window), ==, "form");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "ステップ 5 / 7");
  g_assert_cmpstr (dh_case_get_contact_name (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "Taro Yamada");
  page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = dh_test_find_all (page, ADW_TYPE_ENTRY_ROW);
  name = NULL;
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), _("Your name")))
      name = g_ptr_array_index (rows, i);
  g_assert_nonnull (name);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Taro Yamada");
  g_clear_pointer (&combos, g_ptr_array_unref);
  combos = dh_test_find_all (page, ADW_TYPE_COMBO_ROW);
  zone = NULL;
  for (guint i = 0; i < combos->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (combos, i)), "タイムゾーン"))
      zone = g_ptr_array_index (combos, i);
  g_assert_nonnull (zone);
  g_assert_cmpuint (adw_combo_row_get_selected (zone), ==, zone_index);

  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "portal");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 4);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 1)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, 3)));
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "host");
  g_clear_pointer (&views, g_ptr_array_unref);
  views = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), DH_TYPE_MESSAGE_VIEW);
  g_assert_cmpstr (dh_message_view_get_language (g_ptr_array_index (views, 0)), ==, "ja");

  /* Switched again back on the first step: the steps keep what they had, for Next. */
  dh_test_back (window);
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");
  window = switch_language (app, "en");
  g_assert_cmpstr (dh_test_current_name (window), ==, "start");
  dh_test_go_to (window, "portal");
  g_clear_pointer (&checks, g_ptr_array_unref);
  checks = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), GTK_TYPE_CHECK_BUTTON);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 2)));
  stop_app (app);
}

/* The second of two bounces, chosen on the diagnosis, stays chosen. */
static void
test_chosen_bounce (void)
{
  DhApplication *app;
  DhWindow *window;
  g_autoptr(GPtrArray) combos = NULL;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app ("");
  window = app_window (app);
  dh_wizard_set_text (dh_window_get_wizard (window), two_bounces);
  dh_test_next (window);
  combos = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (combos->len, ==, 1);
  adw_combo_row_set_selected (g_ptr_array_index (combos, 0), 1);
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "office365-delist-portal");
  window = switch_language (app, "ja");
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  g_assert_cmpuint (dh_case_get_report_index (dh_wizard_get_case (dh_window_get_wizard (window))), ==, 1);
  g_assert_cmpstr (dh_case_get_remedy (dh_wizard_get_case (dh_window_get_wizard (window))), ==, "office365-delist-portal");
  g_clear_pointer (&combos, g_ptr_array_unref);
  combos = dh_test_find_all (dh_wizard_get_current_page (dh_window_get_wizard (window)), ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (adw_combo_row_get_selected (g_ptr_array_index (combos, 0)), ==, 1);
  {
    g_autofree char *text = dh_test_page_text (window);
    dh_test_assert_contains (text, "<複数のエラーメールが見つかりました|");
  }
  stop_app (app);
}

/* A language chosen before applies from the start; "" gives back the system's. */
static void
test_startup (void)
{
  DhApplication *app;
  DhWindow *window;
  g_autofree char *state = NULL;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app ("ja");
  window = app_window (app);
  state = action_state (app);

  g_assert_cmpstr (state, ==, "ja");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ja");
  g_assert_cmpstr (dh_page_get_title (dh_wizard_get_current_page (dh_window_get_wizard (window))), ==, "エラーメール");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "ステップ 1");

  window = switch_language (app, "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (dh_page_get_title (dh_wizard_get_current_page (dh_window_get_wizard (window))), ==, "The bounce");
  g_assert_cmpstr (dh_wizard_get_step_label (dh_window_get_wizard (window)), ==, "Step 1");
  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  /* English to begin with, in a UTF-8 locale as a desktop has (LANGUAGE then chooses). */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  dh_test_init (&argc, &argv);
  bounce = dh_test_read_sample ("fragment-postfix-s3150-short.txt");

  g_test_add_func ("/dh/language/switch", test_switch);
  g_test_add_func ("/dh/language/carry-over", test_carry_over);
  g_test_add_func ("/dh/language/chosen-bounce", test_chosen_bounce);
  g_test_add_func ("/dh/language/startup", test_startup);
  return g_test_run ();
}
