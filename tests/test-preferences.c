/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences.c: Preferences, About, Help and the keyboard shortcuts in the real application:
 * a value changed in Preferences is the setting, the online-check consent can be taken back, About
 * has the release notes and the debug information, F1 opens the guide in the app's language, and
 * every shortcut works and is in the shortcuts window. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dh-application.h"
#include "dh-language-switch.h"
#include "dh-letter.h"
#include "dh-message-view.h"
#include "pages/dh-form-page.h"
#include "dh-preferences-window.h"
#include "dh-test-utils.h"

/* The shortcuts the app promises (README.md, the guide), with the action each runs. */
static const struct { const char *action; const char *accel; } shortcuts[] = {
  { "app.quit", "<Control>q" },
  { "app.preferences", "<Control>comma" },
  { "app.help", "F1" },
  { "win.show-help-overlay", "<Control>question" },
  { "window.close", "<Control>w" },
  { "wizard.restart", "<Control>n" },
  { "win.save-report", "<Control>s" },
};

static void
iterate (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static gpointer
find_window (DhApplication *app,
             GType          type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static GtkWidget *
open_preferences (DhApplication *app)
{
  GtkWidget *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate ();
  preferences = find_window (app, DH_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (preferences));
  return preferences;
}

static GtkSpinButton *
find_spin (GtkWidget  *root,
           const char *title)
{
  AdwActionRow *row = dh_test_find_row (root, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_SPIN_BUTTON (adw_action_row_get_activatable_widget (row)));
  return GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (row));
}

static void
test_settings (void)
{
  DhApplication *app;
  GSettings *settings;
  GtkWidget *preferences;
  GtkEditable *key;
  AdwComboRow *form;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app (NULL);
  settings = dh_application_get_settings (app);
  g_settings_set_uint (settings, "dnsbl-timeout", 6);
  preferences = open_preferences (app);

  /* The time limits: the rows show the settings and change them. */
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (preferences, "_Block Lists, All Together")), ==, 6);
  gtk_spin_button_set_value (find_spin (preferences, "_Block Lists, All Together"), 20);
  g_assert_cmpuint (g_settings_get_uint (settings, "dnsbl-timeout"), ==, 20);
  gtk_spin_button_set_value (find_spin (preferences, "_Registry, per Question"), 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "rdap-timeout"), ==, 30);
  gtk_spin_button_set_value (find_spin (preferences, "Web _Site, per Address"), 4);
  g_assert_cmpuint (g_settings_get_uint (settings, "site-timeout"), ==, 4);

  /* The Spamhaus key, pasted with a line end: kept without it. */
  key = dh_test_find_entry_row (preferences, "Spamhaus DQS _Key");
  g_assert_nonnull (key);
  gtk_editable_set_text (key, " abcdef0123456789\n");
  g_autofree char *stored = g_settings_get_string (settings, "spamhaus-dqs-key");
  g_assert_cmpstr (stored, ==, "abcdef0123456789");

  /* The form's labels: English, then the setting set elsewhere shows in the row. */
  form = dh_test_find_combo_row (preferences, "_Labels of Microsoft’s Form");
  g_assert_nonnull (form);
  g_assert_cmpuint (adw_combo_row_get_selected (form), ==, 0);
  adw_combo_row_set_selected (form, 1);
  g_autofree char *form_language = g_settings_get_string (settings, "form-language");
  g_assert_cmpstr (form_language, ==, "en");
  g_settings_set_string (settings, "form-language", "ja");
  g_assert_cmpuint (adw_combo_row_get_selected (form), ==, 0);

  /* The message to the hosting company. */
  adw_combo_row_set_selected (dh_test_find_combo_row (preferences, "_Message to Your Hosting Company"), 1);
  g_autofree char *text_language = g_settings_get_string (settings, "text-language");
  g_assert_cmpstr (text_language, ==, "ja");
  /* … which is the language the message is first shown in, in an English app. */
  g_assert_cmpstr (dh_message_view_default_language (), ==, "ja");
  adw_combo_row_set_selected (dh_test_find_combo_row (preferences, "_Message to Your Hosting Company"), 0);
  g_assert_cmpstr (dh_message_view_default_language (), ==, "en");

  /* Your name. */
  gtk_editable_set_text (dh_test_find_entry_row (preferences, "_Name"), "Hanako Yamada");
  g_autofree char *name = g_settings_get_string (settings, "contact-name");
  g_assert_cmpstr (name, ==, "Hanako Yamada");

  /* Ctrl+comma again shows the same window, not a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate ();
  guint count = 0;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    count += DH_IS_PREFERENCES_WINDOW (l->data);
  g_assert_cmpuint (count, ==, 1);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* "Do not ask again" can be taken back. */
static void
test_consent (void)
{
  DhApplication *app;
  GSettings *settings;
  GtkWidget *preferences;
  AdwActionRow *row;
  GtkSwitch *check_switch;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app (NULL);
  settings = dh_application_get_settings (app);
  g_settings_set_boolean (settings, "remember-online-consent", TRUE);
  preferences = open_preferences (app);
  row = dh_test_find_row (preferences, ADW_TYPE_ACTION_ROW, "Check _Without Asking");
  g_assert_nonnull (row);
  check_switch = GTK_SWITCH (adw_action_row_get_activatable_widget (row));
  g_assert_true (gtk_switch_get_active (check_switch));
  /* As a click on the row does. */
  adw_action_row_activate (row);
  g_assert_false (gtk_switch_get_active (check_switch));
  g_assert_false (g_settings_get_boolean (settings, "remember-online-consent"));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The app's language chosen in Preferences applies, and Preferences come back in it. */
static void
test_language (void)
{
  DhApplication *app;
  GSettings *settings;
  GtkWidget *preferences;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app (NULL);
  settings = dh_application_get_settings (app);
  g_settings_set_string (settings, "ui-language", "");
  preferences = open_preferences (app);
  adw_combo_row_set_selected (dh_test_find_combo_row (preferences, "_App Language"), 1);
  g_autofree char *language = g_settings_get_string (settings, "ui-language");
  g_assert_cmpstr (language, ==, "ja");
  iterate ();
  preferences = find_window (app, DH_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_nonnull (dh_test_find_combo_row (preferences, "アプリの言語(_A)"));
  /* F1 now opens the Japanese guide. */
  {
    g_autoptr(GPtrArray) launches = dh_test_record_launches ();

    g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
    g_assert_cmpuint (launches->len, ==, 1);
    g_assert_true (g_str_has_suffix (g_ptr_array_index (launches, 0), "/ja/index.html"));
  }
  g_settings_set_string (settings, "ui-language", "");
  iterate ();
}

static void
test_about (void)
{
  DhApplication *app;
  AdwAboutWindow *about = NULL;
  g_autofree char *notes_ja = NULL;
  g_autoptr(GListModel) toplevels = NULL;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app (NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate ();
  toplevels = gtk_window_get_toplevels ();
  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        about = ADW_ABOUT_WINDOW (window);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "https://github.com/delisthelper/DelistHelper");
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/delisthelper/DelistHelper/issues");
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (adw_about_window_get_copyright (about));
  g_assert_nonnull (adw_about_window_get_developers (about));
  /* The release notes of this version, from the metainfo, in English. */
  dh_test_assert_contains (adw_about_window_get_release_notes (about), "<li>A report of the case for your hosting company</li>");
  dh_test_assert_not_contains (adw_about_window_get_release_notes (about), "案件");
  dh_test_assert_not_contains (adw_about_window_get_release_notes (about), "The first release");
  dh_test_assert_contains (adw_about_window_get_debug_info (about), "GTK 4.");
  dh_test_assert_contains (adw_about_window_get_debug_info (about), "libsoup 3.");
  dh_test_assert_contains (adw_about_window_get_debug_info (about), "GMime 3.");
  dh_test_assert_contains (adw_about_window_get_debug_info (about), "Profile: ");
  /* In Japanese, each item is the translated one, once. */
  notes_ja = dh_application_get_release_notes (PACKAGE_VERSION, "ja");
  dh_test_assert_contains (notes_ja, "<li>ホスティング会社に渡せる案件の経過報告</li>");
  dh_test_assert_not_contains (notes_ja, "A report of the case");
  gtk_window_destroy (GTK_WINDOW (about));
}

/* Every shortcut is set, its action exists and is in the shortcuts window; F1 opens the guide. */
static void
test_shortcuts (void)
{
  DhApplication *app;
  GtkWindow *window;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) launches = NULL;
  g_autoptr(GFile) guide = NULL;
  g_autofree char *guide_uri = NULL;
  GObject *overlay;
  GSList *objects;

  if (!dh_test_in_own_process ())
    return;
  app = dh_test_start_app (NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *action_name = NULL;

        g_object_get (l->data, "action-name", &action_name, NULL);
        if (action_name)
          g_ptr_array_add (listed, action_name);
      }
  g_slist_free (objects);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), shortcuts[i].action);
      const char *dot = strchr (shortcuts[i].action, '.');
      g_autofree char *prefix = g_strndup (shortcuts[i].action, dot - shortcuts[i].action);

      g_test_message ("%s %s", shortcuts[i].action, shortcuts[i].accel);
      g_assert_true (g_strv_contains ((const char * const *) accels, shortcuts[i].accel));
      g_assert_true (g_ptr_array_find_with_equal_func (listed, shortcuts[i].action, g_str_equal, NULL));
      if (g_str_equal (prefix, "app"))
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), dot + 1));
      else if (g_str_equal (shortcuts[i].action, "win.show-help-overlay"))
        g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), dot + 1));
      else if (g_str_equal (prefix, "wizard"))
        g_assert_true (g_action_group_has_action (dh_wizard_get_actions (dh_window_get_wizard (DH_WINDOW (window))),
                                                  dot + 1));
      else
        {
          gboolean found = FALSE;
          GType owner;
          const char *name, *property;
          const GVariantType *parameter_type;

          for (guint j = 0;
               gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), j, &owner, &name, &parameter_type, &property);
               j++)
            found |= g_str_equal (name, shortcuts[i].action);
          g_assert_true (found);
        }
    }

  /* F1: the guide in the app's language, a file that is there. */
  launches = dh_test_record_launches ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_assert_cmpuint (launches->len, ==, 1);
  guide = g_file_new_for_uri (g_ptr_array_index (launches, 0));
  guide_uri = g_file_get_path (guide);
  g_assert_true (g_str_has_suffix (guide_uri, "/en/index.html"));
  g_assert_true (g_file_query_exists (guide, NULL));

  /* A guide that is not there: said so, no browser. */
  {
    g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
    gboolean told = FALSE;

    g_setenv ("DH_HELP_DIR", "/nonexistent", TRUE);
    g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
    g_assert_cmpuint (launches->len, ==, 1);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) dialog = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (dialog))
          {
            told = TRUE;
            g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The User Guide Is Missing");
            gtk_window_destroy (GTK_WINDOW (dialog));
          }
      }
    g_assert_true (told);
  }

  /* Ctrl+W closes the window. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  iterate ();
  g_assert_null (window);
}

/* Every language switch (a ready message's, the form's labels and title) and the Preferences
 * rows of the message and form languages offer exactly the languages the letters are written in
 * (data/letters/), each by its name from data/languages.json: a language added to the data
 * appears everywhere, and one missing a name shows its bare code and fails here. */
static void
collect_switches (GtkWidget *widget,
                  GPtrArray *switches)
{
  if (DH_IS_LANGUAGE_SWITCH (widget))
    g_ptr_array_add (switches, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_switches (child, switches);
}

static void
assert_offers_data_languages (DhLanguageSwitch *language_switch)
{
  g_auto(GStrv) letter_languages = dh_letter_get_languages ();
  guint n_buttons = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (language_switch)); child;
       child = gtk_widget_get_next_sibling (child))
    n_buttons++;
  g_assert_cmpuint (n_buttons, ==, g_strv_length (letter_languages));
  for (guint i = 0; letter_languages[i]; i++)
    {
      GtkWidget *button = dh_language_switch_get_button (language_switch, letter_languages[i]);
      const char *label;

      g_assert_nonnull (button);
      label = gtk_button_get_label (GTK_BUTTON (button));
      g_assert_cmpstr (label, ==, dh_languages_get_name (letter_languages[i]));
      g_assert_cmpstr (label, !=, letter_languages[i]);
      /* Pressing it chooses it (the switch is in no window: no click). */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_assert_cmpstr (dh_language_switch_get_language (language_switch), ==, letter_languages[i]);
    }
}

static void
test_data_languages (void)
{
  DhApplication *app;
  g_auto(GStrv) letter_languages = dh_letter_get_languages ();
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  GtkWidget *form, *message, *preferences;
  guint n = g_strv_length (letter_languages);

  if (!dh_test_in_own_process ())
    return;
  form = g_object_ref_sink (dh_form_page_new ());
  message = g_object_ref_sink (g_object_new (DH_TYPE_MESSAGE_VIEW, NULL));
  g_assert_cmpuint (n, >=, 2);
  collect_switches (form, switches);
  collect_switches (message, switches);
  g_assert_cmpuint (switches->len, ==, 3);
  for (guint i = 0; i < switches->len; i++)
    assert_offers_data_languages (g_ptr_array_index (switches, i));

  app = dh_test_start_app (NULL);
  preferences = open_preferences (app);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      dh_test_find_combo_row (preferences, _("_Labels of Microsoft’s Form")))), ==, n);
  /* "Same as the App", then the languages. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      dh_test_find_combo_row (preferences, _("_Message to Your Hosting Company")))), ==, n + 1);
  for (guint i = 0; letter_languages[i]; i++)
    g_assert_nonnull (dh_languages_get_endonym (letter_languages[i]));
  g_object_unref (message);
  g_object_unref (form);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  dh_test_init (&argc, &argv);

  g_test_add_func ("/dh/preferences/settings", test_settings);
  g_test_add_func ("/dh/preferences/consent", test_consent);
  g_test_add_func ("/dh/preferences/language", test_language);
  g_test_add_func ("/dh/preferences/about", test_about);
  g_test_add_func ("/dh/preferences/shortcuts", test_shortcuts);
  g_test_add_func ("/dh/preferences/data-languages", test_data_languages);
  return g_test_run ();
}
