/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-steps-form.c: the Outlook.com delisting-form step in the real wizard, read and clicked as a
 * person would: the eleven rows in the form's order with its English and Japanese labels, what
 * each copy button and "Copy all" put on the clipboard, the contact address that Next waits for,
 * a corrected IP after Back, and the link to the form. --ja runs it with the app in Japanese. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dh-test-utils.h"
#include "dh-form.h"
#include "dh-links.h"
#include "pages/dh-diagnosis-page.h"
#include "pages/dh-form-page.h"
#include "dh-test-samples.h"

/* A bounce as Postfix on a Japanese shared host writes it, for a mail from info@example.jp. */
static char *bounce;  /* tests/samples/postfix-outlookjp-s3150-2025.eml, read in main () */

static const char diagnostic[] =
  "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact your Internet "
  "service provider since part of their network is on our block list (S3150). "
  "[TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL FROM command)";

/* Only the text part: no sender, so no sending domain, website or contact address. */
static char *bounce_bare;  /* tests/samples/fragment-postfix-s3150-short.txt, read in main () */

static const char *field_ids[] = {
  "IssueTitle", "ContactName", "DomainTo", "ContactEmail", "ddlTimezones", "DomainFrom",
  "SelfDescription", "IpAddresses", "ServerType", "ErrorMessages", "WebsiteUrl",
};

/* The labels as data/forms.json has them, read here on their own rather than through DhForm. */
static char *
label_from_data (const char *field_id,
                 const char *language)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "forms.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *forms;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  forms = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "forms");
  for (guint i = 0; i < json_array_get_length (forms); i++)
    {
      JsonObject *form = json_array_get_object_element (forms, i);
      JsonArray *fields;

      if (!g_str_equal (json_object_get_string_member (form, "id"), DH_FORM_OUTLOOK))
        continue;
      fields = json_object_get_array_member (form, "fields");
      for (guint j = 0; j < json_array_get_length (fields); j++)
        {
          JsonObject *field = json_array_get_object_element (fields, j);

          if (g_str_equal (json_object_get_string_member (field, "id"), field_id))
            return g_strdup (json_object_get_string_member (json_object_get_object_member (field, "label"),
                                                            language));
        }
    }
  g_error ("no field %s in forms.json", field_id);
}

/* ---- driving the page ---- */

static DhWindow *
window_at_form (const char *text,
                int         width,
                int         height,
                DhPage    **page)
{
  DhWindow *window = dh_test_new_window (width, height);

  dh_wizard_set_text (dh_window_get_wizard (window), text);
  dh_test_next (window);
  *page = dh_test_go_to (window, "form");
  return window;
}

static const char *
combo_text (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static GtkWidget *
next_button (DhWindow *window)
{
  g_autoptr(GPtrArray) buttons = dh_test_find_all (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "wizard.next") == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no Next button");
}

static void
choose_labels (DhPage     *page,
               const char *language)
{
  /* The switch's buttons say the language in the app's language. */
  GtkWidget *button = dh_test_find_button (page, g_str_equal (language, "ja") ? _("Japanese") : _("English"));

  dh_test_click (button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpstr (dh_form_page_get_form_language (DH_FORM_PAGE (page)), ==, language);
}

/* The eleven copy rows, checked to be in the form's order with its labels in @language. */
static GPtrArray *
field_rows (DhPage     *page,
            const char *language)
{
  GPtrArray *rows = dh_test_find_all (page, DH_TYPE_COPY_ROW);

  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (field_ids));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *label = label_from_data (field_ids[i], language);
      g_autofree char *copy = g_strdup_printf (_("Copy %s"), label);
      GtkWidget *button = dh_copy_row_get_button (g_ptr_array_index (rows, i));

      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), ==, label);
      /* Every copy button says what it copies. */
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, copy);
    }
  return rows;
}

/* The note under row @index, when it is shown. */
static const char *
note_under (GPtrArray *rows,
            guint      index)
{
  GtkWidget *note_row = gtk_widget_get_next_sibling (g_ptr_array_index (rows, index));
  /* The row holds a box: the note's label, then (under the title) the title's language. */
  GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (note_row));

  g_assert_true (GTK_IS_LABEL (label));
  if (!gtk_widget_get_visible (note_row))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* What row @index says to do instead, when it has no value to copy: @expected, or (NULL) any
 * sentence. */
static void
assert_missing (GPtrArray  *rows,
                guint       index,
                const char *expected)
{
  DhCopyRow *row = g_ptr_array_index (rows, index);
  /* The text on screen (libadwaita 1.2 returns the subtitle label's text, without markup). */
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  g_assert_null (dh_copy_row_get_value (row));
  g_assert_false (gtk_widget_get_sensitive (dh_copy_row_get_button (row)));
  if (expected)
    g_assert_cmpstr (subtitle, ==, expected);
  else
    g_assert_cmpuint (strlen (subtitle), >, 0);
  g_assert_null (note_under (rows, index));
}

/* ---- the tests ---- */

static void
test_fields (void)
{
  DhPage *page;
  DhWindow *window = window_at_form (bounce, 900, 900, &page);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *all = NULL;
  g_autofree char *text = NULL;
  const char *title;
  struct { guint index; const char *value; } expected[] = {
    { 1, "Taro Yamada" },
    { 2, "outlook.com" },
    { 3, "taro.yamada@example.net" },
    { 4, "(UTC+09:00) Osaka, Sapporo, Tokyo" },
    { 5, "example.jp" },
    { 6, "Business (non-marketing)" },
    { 7, "203.0.113.45" },
    { 8, "Shared" },
    { 9, diagnostic },
    { 10, "https://example.jp/" },
  };

  g_assert_cmpstr (dh_page_get_title (page), ==, _("Delisting form"));
  text = dh_test_page_text (window);
  g_test_message ("%s", text);
  dh_test_assert_contains (text, _("Open Microsoft’s form, then copy each value below into the field with the same label, in the same order."));
  dh_test_assert_contains (text, _("Send the form only once. Sending it again does not help, and the answer does not come sooner."));
  /* Filled in from the bounce until the user types one, and said so. */
  {
    g_autofree char *prefilled = g_strdup_printf ("[%s=info@example.jp]", _("Contact e-mail address"));
    dh_test_assert_contains (text, prefilled);
  }
  dh_test_assert_contains (text, _("This is the address your mail was sent from. Microsoft answers here, so change it if nobody reads mail at this address."));

  /* What the user types above the fields. */
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Taro Yamada");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "taro.yamada@example.net");
  g_assert_cmpstr (combo_text (dh_test_find_combo_row (page, _("Shared or dedicated server"))), ==, _("Shared"));

  /* English labels, in the form's order, each copying exactly its value. */
  choose_labels (page, "en");
  rows = field_rows (page, "en");
  title = dh_copy_row_get_value (g_ptr_array_index (rows, 0));
  g_assert_nonnull (strstr (title, "203.0.113.45"));
  g_assert_nonnull (strstr (title, "S3150"));
  dh_test_assert_row_copies (g_ptr_array_index (rows, 0), title);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    dh_test_assert_row_copies (g_ptr_array_index (rows, expected[i].index), expected[i].value);

  /* outlook.jp is no option on the form: the note says which one to choose, and why. */
  mapping = g_strdup_printf (_("The form has no %1$s; %1$s is part of Outlook.com, so choose %2$s."),
                             "outlook.jp", "outlook.com");
  g_assert_cmpstr (note_under (rows, 2), ==, mapping);
  g_assert_cmpstr (note_under (rows, 0), ==, _("Written in English, because Microsoft’s support works in English."));
  /* The title in Japanese, switched beside it: the same facts, the labels unchanged. */
  {
    GtkWidget *title_note = gtk_widget_get_next_sibling (g_ptr_array_index (rows, 0));
    g_autofree char *title_en = g_strdup (title);

    dh_test_click (dh_test_find_button (title_note, _("Japanese")));
    dh_test_assert_row_copies (g_ptr_array_index (rows, 0),
                               "203.0.113.45 のブロックリスト解除のお願い（S3150、共用サーバー）");
    g_assert_cmpstr (note_under (rows, 0), ==, _("Written in Japanese. Microsoft’s support works in English, so the English title is the safer choice."));
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Issue Title");
    dh_test_click (dh_test_find_button (title_note, _("English")));
    dh_test_assert_row_copies (g_ptr_array_index (rows, 0), title_en);
    g_assert_cmpstr (note_under (rows, 0), ==, _("Written in English, because Microsoft’s support works in English."));
  }
  g_assert_nonnull (strstr (note_under (rows, 9), "S3150"));
  g_assert_nonnull (note_under (rows, 6));
  dh_test_assert_not_contains (note_under (rows, 6),
                               _("If the form lists the choices in Japanese, choose the one that means the same."));

  /* "Copy all": every label and value, in the form's order. */
  dh_test_click (dh_test_find_button (page, _("Copy _All")));
  all = dh_test_clipboard_text (GTK_WIDGET (page), NULL);
  g_test_message ("%s", all);
  {
    const char *at = all;

    for (guint i = 0; i < rows->len; i++)
      {
        g_autofree char *line = g_strdup_printf ("%s: %s\n",
                                                 adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                                                 dh_copy_row_get_value (g_ptr_array_index (rows, i)));
        const char *found = strstr (at, line);

        if (found == NULL)
          g_error ("“%s” not found in order in:\n%s", line, all);
        at = found + strlen (line);
      }
  }
  g_ptr_array_unref (g_steal_pointer (&rows));

  /* Japanese labels: the same values, but the time zone as Japanese Windows names it. */
  choose_labels (page, "ja");
  rows = field_rows (page, "ja");
  dh_test_assert_row_copies (g_ptr_array_index (rows, 4), "(UTC+09:00) 大阪、札幌、東京");
  dh_test_assert_row_copies (g_ptr_array_index (rows, 2), "outlook.com");
  dh_test_assert_row_copies (g_ptr_array_index (rows, 7), "203.0.113.45");
  g_assert_cmpstr (note_under (rows, 2), ==, mapping);
  /* The lists' options are known in English only; the Japanese form may show them translated. */
  dh_test_assert_contains (note_under (rows, 6),
                           _("If the form lists the choices in Japanese, choose the one that means the same."));
  dh_test_assert_contains (note_under (rows, 8),
                           _("If the form lists the choices in Japanese, choose the one that means the same."));
  g_assert_cmpstr (combo_text (dh_test_find_combo_row (page, _("Time zone"))), ==, "(UTC+09:00) 大阪、札幌、東京");

  /* Another zone; its name has a “&”, which must show as it is (row titles are markup). */
  {
    AdwComboRow *zone = dh_test_find_combo_row (page, _("Time zone"));
    GListModel *model = adw_combo_row_get_model (zone);
    guint tokyo = adw_combo_row_get_selected (zone);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        if (g_str_has_suffix (gtk_string_object_get_string (item), "(米国およびカナダ)") &&
            g_str_has_prefix (gtk_string_object_get_string (item), "(UTC-08:00)"))
          adw_combo_row_set_selected (zone, i);
      }
    g_assert_cmpstr (combo_text (zone), ==, "(UTC-08:00) 太平洋標準時 (米国およびカナダ)");
    choose_labels (page, "en");
    g_assert_cmpstr (combo_text (zone), ==, "(UTC-08:00) Pacific Time (US & Canada)");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (zone)), ==, "(UTC-08:00) Pacific Time (US & Canada)");
    g_ptr_array_unref (rows);
    rows = field_rows (page, "en");
    dh_test_assert_row_copies (g_ptr_array_index (rows, 4), "(UTC-08:00) Pacific Time (US & Canada)");
    /* Not this computer's zone: the note does not say it is. */
    g_assert_cmpstr (note_under (rows, 4), ==, _("Choose this in the form’s list."));
    adw_combo_row_set_selected (zone, tokyo);
    choose_labels (page, "ja");
    g_ptr_array_unref (rows);
    rows = field_rows (page, "ja");
  }

  /* Dedicated: the form's value and the title follow. */
  adw_combo_row_set_selected (dh_test_find_combo_row (page, _("Shared or dedicated server")), 1);
  dh_test_assert_row_copies (g_ptr_array_index (rows, 8), "Dedicated");
  g_assert_nonnull (strstr (dh_copy_row_get_value (g_ptr_array_index (rows, 0)), "dedicated server"));
  adw_combo_row_set_selected (dh_test_find_combo_row (page, _("Shared or dedicated server")), 0);

  /* Leaving stores the answers in the case, for the next steps. */
  dh_test_next (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "reply");
  {
    DhCase *c = dh_wizard_get_case (dh_window_get_wizard (window));

    g_assert_cmpstr (dh_case_get_contact_name (c), ==, "Taro Yamada");
    g_assert_cmpstr (dh_case_get_contact_email (c), ==, "taro.yamada@example.net");
    g_assert_cmpint (dh_case_get_hosting (c), ==, DH_HOSTING_SHARED);
    g_assert_null (dh_case_get_user_website (c));  /* still the one made from the domain */
  }
  /* Back: the page comes back as it was left, in the labels' language chosen. */
  dh_test_back (window);
  g_assert_cmpstr (dh_test_current_name (window), ==, "form");
  g_assert_cmpstr (dh_form_page_get_form_language (DH_FORM_PAGE (page)), ==, "ja");
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Contact e-mail address"))),
                   ==, "taro.yamada@example.net");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_contact_email (void)
{
  DhPage *page;
  DhWindow *window = window_at_form (bounce, 900, 900, &page);
  GtkEditable *email = dh_test_find_entry_row (page, _("Contact e-mail address"));
  GtkWidget *next = next_button (window);
  static const struct { const char *text; const char *reason; } bad[] = {
    { "", N_("Enter the e-mail address at which Microsoft should answer you. The form requires it.") },
    { "taro", N_("An e-mail address looks like name@example.jp: a name, one “@”, then a domain.") },
    { "taro@@example.jp", N_("An e-mail address looks like name@example.jp: a name, one “@”, then a domain.") },
    { "taro@example", N_("After the “@” comes a domain with a dot in it, such as example.jp.") },
    { "taro yamada@example.jp", N_("An e-mail address has no spaces in it.") },
    { "taro＠example.jp", N_("Type the address in half-width characters: the form does not accept full-width letters or “＠”.") },
  };

  g_assert_true (dh_page_get_complete (page));
  g_assert_true (gtk_widget_get_sensitive (next));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      gtk_editable_set_text (email, bad[i].text);
      g_assert_false (dh_page_get_complete (page));
      g_assert_false (gtk_widget_get_sensitive (next));
      text = dh_test_page_text (window);
      dh_test_assert_contains (text, _(bad[i].reason));
      /* The form's row has no value to copy, and says what to do. */
      rows = dh_test_find_all (page, DH_TYPE_COPY_ROW);
      assert_missing (rows, 3, _("Enter this yourself: an e-mail address whose mail you read. Type it under “Your details” above."));
      /* Next does nothing while the address is wrong. */
      dh_test_next (window);
      g_assert_cmpstr (dh_test_current_name (window), ==, "form");
    }

  gtk_editable_set_text (email, "  hanako@example.co.jp ");
  g_assert_true (dh_page_get_complete (page));
  g_assert_true (gtk_widget_get_sensitive (next));
  {
    g_autoptr(GPtrArray) rows = dh_test_find_all (page, DH_TYPE_COPY_ROW);
    dh_test_assert_row_copies (g_ptr_array_index (rows, 3), "hanako@example.co.jp");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A corrected IP on the diagnosis page reaches the form after Back and Next. */
static void
test_corrected_ip (void)
{
  DhPage *page;
  DhWindow *window = window_at_form (bounce, 900, 900, &page);
  g_autoptr(GPtrArray) rows = NULL;
  DhPage *diagnosis;

  for (guint i = 0; i < 8 && !g_str_equal (dh_test_current_name (window), "diagnosis"); i++)
    dh_test_back (window);
  diagnosis = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_assert_cmpstr (dh_test_current_name (window), ==, "diagnosis");
  gtk_editable_set_text (GTK_EDITABLE (dh_diagnosis_page_get_row (DH_DIAGNOSIS_PAGE (diagnosis), DH_CASE_IP)),
                         "203.0.113.46");
  g_assert_true (dh_test_go_to (window, "form") == page);

  rows = dh_test_find_all (page, DH_TYPE_COPY_ROW);
  dh_test_assert_row_copies (g_ptr_array_index (rows, 7), "203.0.113.46");
  g_assert_nonnull (strstr (dh_copy_row_get_value (g_ptr_array_index (rows, 0)), "203.0.113.46"));
  g_assert_null (strstr (dh_copy_row_get_value (g_ptr_array_index (rows, 0)), "203.0.113.45"));
  {
    g_autofree char *all = dh_form_page_get_text (DH_FORM_PAGE (page));
    g_assert_null (strstr (all, ": 203.0.113.45\n"));
    g_assert_nonnull (strstr (all, ": 203.0.113.46\n"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pasted without its headers: no sender, so the page asks instead of guessing. */
static void
test_missing_values (void)
{
  DhPage *page;
  DhWindow *window = window_at_form (bounce_bare, 900, 900, &page);
  g_autoptr(GPtrArray) rows = NULL;

  /* No address to offer: Next waits for one. */
  g_assert_false (dh_page_get_complete (page));

  rows = dh_test_find_all (page, DH_TYPE_COPY_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *value = dh_copy_row_get_value (g_ptr_array_index (rows, i));
      gboolean sensitive = gtk_widget_get_sensitive (dh_copy_row_get_button (g_ptr_array_index (rows, i)));

      g_assert_true ((value != NULL) == sensitive);
      if (value == NULL)
        assert_missing (rows, i, NULL);
    }
  /* Name, contact address, sending domain, website. */
  assert_missing (rows, 1, _("Enter this yourself: your name, or the name of your shop or company. You can type it under “Your details” above."));
  assert_missing (rows, 3, _("Enter this yourself: an e-mail address whose mail you read. Type it under “Your details” above."));
  assert_missing (rows, 5, _("Enter this yourself: the part after “@” in the address you send from, such as example.jp."));
  assert_missing (rows, 10, _("Enter this yourself: your website’s address, such as https://example.jp/. If you have no website, leave the field empty."));
  g_assert_cmpstr (dh_copy_row_get_value (g_ptr_array_index (rows, 7)), ==, "203.0.113.45");

  /* A website typed in is taken as it is. */
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your website")), "https://shop.example.jp/");
  dh_test_assert_row_copies (g_ptr_array_index (rows, 10), "https://shop.example.jp/");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "owner@example.jp");
  g_assert_true (dh_page_get_complete (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* With the application's settings, the contact details and the labels' language are remembered
 * for the next case; the labels' language starts from the setting, whatever the app's language. */
static void
test_settings (void)
{
  g_autoptr(DhApplication) app = dh_application_new ();
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  DhWindow *window;
  DhPage *page;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  settings = dh_application_get_settings (app);
  g_assert_nonnull (settings);
  g_settings_set_string (settings, "form-language", "en");
  g_settings_set_string (settings, "contact-email", "saved@example.net");

  window = dh_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_next (window);
  page = dh_test_go_to (window, "form");
  g_assert_cmpstr (dh_form_page_get_form_language (DH_FORM_PAGE (page)), ==, "en");
  /* The remembered address comes before the bounce's sender. */
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Contact e-mail address"))),
                   ==, "saved@example.net");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Your name")), "Hanako Suzuki");
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "hanako@example.org");
  choose_labels (page, "ja");
  assert_setting (settings, "contact-name", "Hanako Suzuki");
  assert_setting (settings, "contact-email", "hanako@example.org");
  assert_setting (settings, "form-language", "ja");
  /* A half-typed address is not remembered. */
  gtk_editable_set_text (dh_test_find_entry_row (page, _("Contact e-mail address")), "hanako@exa");
  assert_setting (settings, "contact-email", "hanako@example.org");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next case starts with them. */
  window = dh_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  dh_wizard_set_text (dh_window_get_wizard (window), bounce);
  dh_test_next (window);
  page = dh_test_go_to (window, "form");
  g_assert_cmpstr (dh_form_page_get_form_language (DH_FORM_PAGE (page)), ==, "ja");
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Your name"))), ==, "Hanako Suzuki");
  g_assert_cmpstr (gtk_editable_get_text (dh_test_find_entry_row (page, _("Contact e-mail address"))),
                   ==, "hanako@example.org");
  {
    g_autoptr(GPtrArray) rows = field_rows (page, "ja");
    g_assert_cmpstr (dh_copy_row_get_value (g_ptr_array_index (rows, 1)), ==, "Hanako Suzuki");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_form (void)
{
  g_autoptr(GPtrArray) launches = dh_test_record_launches ();
  DhPage *page;
  DhWindow *window = window_at_form (bounce, 900, 900, &page);

  dh_test_click (dh_test_find_button (page, _("_Open the Form")));
  g_assert_cmpuint (launches->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (launches, 0), ==, "https://olcsupport.office.com/");

  gtk_window_destroy (GTK_WINDOW (window));
  dh_links_set_launcher (NULL, NULL);
}

/* The page fits the narrowest window (360 pixels, less the window's border). */
static void
test_narrow (void)
{
  DhPage *page;
  DhWindow *window = window_at_form (bounce, 360, 900, &page);
  int minimum = 0;

  for (guint l = 0; l < 2; l++)
    {
      choose_labels (page, l == 0 ? "ja" : "en");
      gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("the form page is at least %d pixels wide", minimum);
      g_assert_cmpint (minimum, <=, 340);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The time zone the form is expected to show; before anything reads it. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  /* --ja runs the same tests with the app in Japanese (the expected texts go through gettext). */
  dh_test_init (&argc, &argv);
  bounce_bare = dh_test_read_sample ("fragment-postfix-s3150-short.txt");
  bounce = dh_test_read_sample ("postfix-outlookjp-s3150-2025.eml");
  /* A markup error in a row is only a warning; here it fails the test. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/dh/form/fields", test_fields);
  g_test_add_func ("/dh/form/contact-email", test_contact_email);
  g_test_add_func ("/dh/form/corrected-ip", test_corrected_ip);
  g_test_add_func ("/dh/form/missing-values", test_missing_values);
  g_test_add_func ("/dh/form/settings", test_settings);
  g_test_add_func ("/dh/form/open-form", test_open_form);
  g_test_add_func ("/dh/form/narrow", test_narrow);

  return g_test_run ();
}
