/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-form-page.c: step "Delisting form": the values for Microsoft's Outlook.com delisting form
 * (olcsupport.office.com), one copy row per field in the form's order, each titled with the label
 * exactly as the form shows it. The form follows the browser's language, not the app's, so the
 * labels have their own Japanese / English switch. What the bounce cannot say (name, contact
 * address, shared or dedicated, website, time zone) is asked for above the values. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dh-form-page.h"
#include "dh-copy-row.h"
#include "dh-toast.h"
#include "dh-form.h"
#include "dh-language-switch.h"
#include "dh-letter.h"
#include "dh-links.h"
#include "dh-timezone.h"

#define FORM_URI "https://olcsupport.office.com/"

/* The hosting choices, in the order of the combo row. */
static const DhHosting hosting_choices[] = {
  DH_HOSTING_SHARED, DH_HOSTING_DEDICATED, DH_HOSTING_UNKNOWN
};

typedef struct {
  const DhFormField *field;
  GtkWidget         *row;       /* DhCopyRow: the label and the value to copy */
  GtkWidget         *note_row;  /* why the value is what it is, or what to do when there is none */
  GtkLabel          *note;
} FieldRow;

struct _DhFormPage
{
  DhPage        parent_instance;

  DhCase       *dh_case;         /* not owned; set while shown */
  GBinding     *sent_binding;    /* the "sent" box shows the case's form-sent while shown */
  gboolean      hosting_chosen;  /* the user picked shared or dedicated here at least once */
  char         *language;        /* of the form's labels: "ja", "en", … (dh_languages_get ()) */
  char         *title_language;  /* of the ready title: "ja", "en", … */
  char         *zone_id;         /* the chosen Windows zone */
  char         *local_zone_id;   /* the computer's own Windows zone, or NULL */
  GPtrArray    *zones;           /* const DhTimezone*, as listed in the time-zone row */
  DhFormValues *values;

  GtkWidget    *name_row;
  GtkWidget    *email_row;
  GtkWidget    *email_note_row;
  GtkLabel     *email_note;
  AdwComboRow  *hosting_row;
  GtkWidget    *website_row;
  AdwComboRow  *zone_row;
  DhLanguageSwitch *labels_switch;
  DhLanguageSwitch *title_switch;
  GtkWidget    *sent_check;
  AdwPreferencesGroup *fields_group;
  FieldRow     *fields;
  guint         n_fields;
};

G_DEFINE_FINAL_TYPE (DhFormPage, dh_form_page, DH_TYPE_PAGE)

static GtkWidget *title_language_switch_new (DhFormPage *self);

/* The "sent" box changed the case (through the binding): a timeline event. */
static void
form_sent_changed (DhFormPage *self)
{
  dh_page_changed (DH_PAGE (self), dh_case_get_form_sent (self->dh_case) ? "form-sent" : "form-unsent", NULL);
}

/* Lets go of the case shown: the box's binding and the case's signal (if the case still lives). */
static void
release_case (DhFormPage *self)
{
  if (self->sent_binding)
    {
      g_autoptr(GObject) shown = g_binding_dup_source (self->sent_binding);

      if (shown)
        g_signal_handlers_disconnect_by_func (shown, form_sent_changed, self);
      g_binding_unbind (self->sent_binding);
      g_clear_object (&self->sent_binding);
    }
  self->dh_case = NULL;
}


/* A row of small text inside a boxed list, under the row it explains. Non-row widgets would go
 * below the whole list (adw_preferences_group_add), far from their row. */
static GtkWidget *
note_row_new (GtkWidget  *described,
              GtkLabel  **label_out,
              GtkWidget  *suffix)
{
  GtkWidget *label = dh_page_label_new (NULL, "caption");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row;

  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  /* A control that changes the value above (the title's language), beside what explains it. */
  if (suffix)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), suffix);
    }
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                      "activatable", FALSE,
                      "selectable", FALSE,
                      "focusable", FALSE,
                      "child", box,
                      NULL);
  gtk_widget_add_css_class (row, "form-note");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (described), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);
  gtk_widget_set_visible (row, FALSE);
  *label_out = GTK_LABEL (label);
  return row;
}

/* Shows @text under its row, as a hint or (error) as the reason a value is refused. */
static void
set_note (GtkWidget  *row,
          GtkLabel   *label,
          const char *text,
          gboolean    error)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (row, text != NULL && *text != '\0');
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
    }
}

static char *
entry_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* --- The contact address ---------------------------------------------------------------------- */

/* Full-width forms (U+FF01..U+FF5E) and the ideographic space: what a Japanese input method types
 * when it is left on. The form refuses them, and they look almost like the right characters. */
static gboolean
has_full_width (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000)
        return TRUE;
    }
  return FALSE;
}

/* Why @text is not an address the form takes (local@domain.tld), or NULL when it is. */
static const char *
email_problem (const char *text)
{
  const char *at;
  const char *domain;
  const char *last_dot;

  if (text == NULL || *text == '\0')
    return _("Enter the e-mail address at which Microsoft should answer you. The form requires it.");
  if (has_full_width (text))
    return _("Type the address in half-width characters: the form does not accept full-width letters or “＠”.");
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p))
      return _("An e-mail address has no spaces in it.");
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strpbrk (text, "<>()[],;:\"\\") != NULL)
    return _("An e-mail address looks like name@example.jp: a name, one “@”, then a domain.");
  domain = at + 1;
  last_dot = strrchr (domain, '.');
  if (last_dot == NULL || *domain == '.' || last_dot[1] == '\0' || strlen (last_dot + 1) < 2 ||
      strstr (domain, "..") != NULL)
    return _("After the “@” comes a domain with a dot in it, such as example.jp.");
  return NULL;
}

/* --- The fields ------------------------------------------------------------------------------- */

static const char *
missing_note (const char *field_id)
{
  if (g_str_equal (field_id, "ContactName"))
    return _("Enter this yourself: your name, or the name of your shop or company. You can type it under “Your details” above.");
  if (g_str_equal (field_id, "ContactEmail"))
    return _("Enter this yourself: an e-mail address whose mail you read. Type it under “Your details” above.");
  if (g_str_equal (field_id, "DomainTo"))
    return _("Enter this yourself: choose the domain of the address your mail did not reach. For outlook.jp, hotmail.co.jp or live.jp, choose outlook.com, hotmail.com or live.com.");
  if (g_str_equal (field_id, "ddlTimezones"))
    return _("Enter this yourself: choose your time zone under “Your details” above.");
  if (g_str_equal (field_id, "DomainFrom"))
    return _("Enter this yourself: the part after “@” in the address you send from, such as example.jp.");
  if (g_str_equal (field_id, "IpAddresses"))
    return _("Enter this yourself: the address in brackets in the error message, such as 203.0.113.45, without the brackets.");
  if (g_str_equal (field_id, "ErrorMessages"))
    return _("Enter this yourself: paste the error lines of the bounce, with the code in brackets such as (S3150).");
  if (g_str_equal (field_id, "WebsiteUrl"))
    return _("Enter this yourself: your website’s address, such as https://example.jp/. If you have no website, leave the field empty.");
  return _("Enter this yourself: this app has no value for this field.");
}

/* Why a value is what it is, or what to enter when there is none. */
static char *
field_note_text (DhFormPage        *self,
                 const DhFormValue *value)
{
  const char *id = value->field_id;
  const char *note = value->note;
  gboolean select = g_strcmp0 (value->control, "select") == 0;

  if (value->value == NULL || g_strcmp0 (note, DH_FORM_NOTE_MISSING) == 0)
    return g_strdup (missing_note (id));

  if (g_strcmp0 (note, DH_FORM_NOTE_TITLE_ENGLISH) == 0)
    return g_strdup (_("Written in English, because Microsoft’s support works in English."));
  if (g_strcmp0 (note, DH_FORM_NOTE_TITLE_JAPANESE) == 0)
    return g_strdup (_("Written in Japanese. Microsoft’s support works in English, so the English title is the safer choice."));
  if (g_strcmp0 (note, DH_FORM_NOTE_DOMAIN_MAPPED) == 0 && value->source)
    /* Translators: %1$s is the recipient's domain, such as outlook.jp; %2$s the option to choose
     * on the form, such as outlook.com. */
    return g_strdup_printf (_("The form has no %1$s; %1$s is part of Outlook.com, so choose %2$s."),
                            value->source, value->value);
  if (g_strcmp0 (note, DH_FORM_NOTE_DOMAIN_OTHER) == 0 && value->source)
    /* Translators: %s is the recipient's domain, such as example.co.jp. */
    return g_strdup_printf (_("%s is not an Outlook.com address, so choose “other”."), value->source);
  if (g_strcmp0 (note, DH_FORM_NOTE_BUSINESS) == 0)
    return g_strdup (_("Choose this in the form’s list. It fits a website or a shop: its mail, such as contact-form mail and replies to customers, is business mail, not advertising."));
  if (g_strcmp0 (note, DH_FORM_NOTE_IP_GUESS) == 0)
    return g_strdup (_("The error does not name this address; it was taken from the mail’s headers. Ask your hosting company whether it is right."));
  if (g_strcmp0 (note, DH_FORM_NOTE_HOSTING_UNKNOWN) == 0)
    return g_strdup (_("Choose this in the form’s list. If you can, ask your hosting company whether your server is shared: most rented web hosting is."));
  if (g_strcmp0 (note, DH_FORM_NOTE_WEBSITE_GUESSED) == 0)
    return g_strdup (_("Made from your domain. Change it under “Your details” if your website is elsewhere."));
  if (g_str_equal (id, "ddlTimezones"))
    return g_strdup (self->local_zone_id && g_strcmp0 (value->option_value, self->local_zone_id) == 0
                       ? _("Choose this in the form’s list. It is your computer’s time zone; change it under “Your details” if it is wrong.")
                       : _("Choose this in the form’s list."));
  if (g_str_equal (id, "ErrorMessages"))
    {
      const char *code = self->dh_case ? dh_case_get (self->dh_case, DH_CASE_CODE) : NULL;

      if (code && strstr (value->value, code))
        /* Translators: %s is an error code such as S3150. */
        return g_strdup_printf (_("Paste this whole text, exactly as it is: its code, %s, tells Microsoft which block this is."),
                                code);
      return g_strdup (_("Paste this whole text, exactly as it is."));
    }
  if (select)
    return g_strdup (_("Choose this in the form’s list."));
  return NULL;
}

/* The explanation under a field's row, or NULL when the value needs none. The options of the
 * form's lists are known only in English (microsoft-delisting.md §1.4): with Japanese labels the
 * form may show them in Japanese too. */
static char *
field_note (DhFormPage        *self,
            const DhFormValue *value)
{
  g_autofree char *note = field_note_text (self, value);

  const char *hint = _("If the form lists the choices in Japanese, choose the one that means the same.");

  if (value->value == NULL || !g_str_equal (self->language, "ja") ||
      !(g_str_equal (value->field_id, "SelfDescription") || g_str_equal (value->field_id, "ServerType")))
    return g_steal_pointer (&note);
  return note ? g_strjoin ("\n", note, hint, NULL) : g_strdup (hint);
}

static const DhTimezone *
selected_zone (DhFormPage *self)
{
  guint selected = adw_combo_row_get_selected (self->zone_row);

  return selected < self->zones->len ? g_ptr_array_index (self->zones, selected) : NULL;
}

static DhHosting
selected_hosting (DhFormPage *self)
{
  guint selected = adw_combo_row_get_selected (self->hosting_row);

  return selected < G_N_ELEMENTS (hosting_choices) ? hosting_choices[selected] : DH_HOSTING_UNKNOWN;
}

/* The website the user means: NULL while it is the one made from the domain, so that it keeps
 * following the domain (and the form says where it came from); "" when cleared. */
static char *
chosen_website (DhFormPage *self)
{
  g_autofree char *website = entry_text (self->website_row);
  const char *domain = self->dh_case ? dh_case_get (self->dh_case, DH_CASE_SENDER_DOMAIN) : NULL;
  g_autofree char *derived = domain ? g_strdup_printf ("https://%s/", domain) : NULL;

  if (g_strcmp0 (website, derived) == 0)
    return NULL;
  return g_steal_pointer (&website);
}

/* Makes the values from the case and the answers above, and shows them. */
static void
fill_fields (DhFormPage *self)
{
  DhCase *c = self->dh_case;
  DhReport *report = c ? dh_case_get_report (c) : NULL;
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *email = entry_text (self->email_row);
  g_autofree char *website = chosen_website (self);
  const DhTimezone *zone = selected_zone (self);
  DhFormInput input = { 0 };

  if (report == NULL)
    return;

  input.contact_name = name;
  input.contact_email = email_problem (email) == NULL ? email : NULL;
  input.language = self->language;
  input.title_language = self->title_language;
  input.timezone = zone && zone->iana_ids[0] ? zone->iana_ids[0] : NULL;
  input.hosting = selected_hosting (self);
  input.website = website;

  /* Which value wins (the case's facts, the answers above, the bounce's) is dh-form.c's. */
  g_clear_pointer (&self->values, dh_form_values_free);
  self->values = dh_form_fill_outlook_for_case (c, &input);

  for (guint i = 0; i < self->n_fields; i++)
    {
      FieldRow *f = &self->fields[i];
      const DhFormValue *value = dh_form_values_get (self->values, f->field->id);
      const char *label = dh_form_field_get_label (f->field, self->language);
      g_autofree char *title = g_markup_escape_text (label, -1);
      g_autofree char *note = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), title);
      dh_copy_row_set_value (DH_COPY_ROW (f->row), value ? value->value : NULL);
      note = value ? field_note (self, value) : g_strdup (missing_note (f->field->id));
      if (value == NULL || value->value == NULL)
        {
          /* Nothing to copy: what to enter instead stands, dimmed, where the value would be,
           * and the copy button is off (DhCopyRow). Not in italics: Japanese has none. */
          g_autofree char *escaped = g_markup_escape_text (note, -1);
          g_autofree char *markup = g_strdup_printf ("<span alpha=\"60%%\">%s</span>", escaped);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), markup);
          set_note (f->note_row, f->note, NULL, FALSE);
        }
      else
        set_note (f->note_row, f->note, note, FALSE);
    }
}

/* --- The answers above the fields ------------------------------------------------------------- */

static gboolean
validate_email (DhFormPage *self)
{
  g_autofree char *email = entry_text (self->email_row);
  const char *problem = email_problem (email);
  const char *sender = self->dh_case ? dh_case_get (self->dh_case, DH_CASE_SENDER_ADDRESS) : NULL;

  if (problem)
    {
      gtk_widget_add_css_class (self->email_row, "error");
      set_note (self->email_note_row, self->email_note, problem, TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (self->email_row, "error");
      /* Filled in from the bounce: say so, since the answer is lost if nobody reads it. */
      set_note (self->email_note_row, self->email_note,
                sender && g_ascii_strcasecmp (email, sender) == 0
                  ? _("This is the address your mail was sent from. Microsoft answers here, so change it if nobody reads mail at this address.")
                  : NULL,
                FALSE);
    }
  dh_page_set_complete (DH_PAGE (self), problem == NULL);
  return problem == NULL;
}

/* The answers go into the case (the next steps read them) and the name and address into the
 * settings, for the next case. */
static void
store (DhFormPage *self)
{
  DhCase *c = self->dh_case;
  GSettings *settings = dh_page_get_settings (DH_PAGE (self));
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *email = entry_text (self->email_row);
  g_autofree char *website = chosen_website (self);

  if (c == NULL)
    return;

  dh_case_set_contact_name (c, *name ? name : NULL);
  if (*email == '\0')
    dh_case_set_contact_email (c, NULL);
  else if (email_problem (email) == NULL)
    dh_case_set_contact_email (c, email);
  dh_case_set_hosting (c, selected_hosting (self));
  dh_case_set_user_website (c, website);

  if (settings)
    {
      g_settings_set_string (settings, "contact-name", name);
      if (*email && email_problem (email) == NULL)
        g_settings_set_string (settings, "contact-email", email);
    }
}

static void
details_changed (DhFormPage *self)
{
  validate_email (self);
  store (self);
  fill_fields (self);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

static void
hosting_changed (DhFormPage *self)
{
  self->hosting_chosen = TRUE;
  if (self->dh_case)
    dh_case_set_hosting_chosen (self->dh_case, TRUE);
  details_changed (self);
}

static void
zone_changed (DhFormPage *self)
{
  const DhTimezone *zone = selected_zone (self);

  g_free (self->zone_id);
  self->zone_id = zone ? g_strdup (zone->windows_id) : NULL;
  if (self->dh_case)
    dh_case_set_time_zone (self->dh_case, self->zone_id);
  fill_fields (self);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

/* The time-zone list in the language of the form's labels, the chosen zone selected. */
static void
fill_zones (DhFormPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->zones->len; i++)
    {
      const DhTimezone *zone = g_ptr_array_index (self->zones, i);

      gtk_string_list_append (list, dh_timezone_get_display (zone, self->language));
      if (g_strcmp0 (zone->windows_id, self->zone_id) == 0)
        selected = i;
    }
  /* A new list moves the selection: not the user's choice. */
  g_signal_handlers_block_by_func (self->zone_row, zone_changed, self);
  adw_combo_row_set_model (self->zone_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->zone_row, selected);
  g_signal_handlers_unblock_by_func (self->zone_row, zone_changed, self);
}

static void
update_language_buttons (DhFormPage *self)
{
  /* language_changed () finds the language already chosen and does nothing. */
  dh_language_switch_set_language (self->labels_switch, self->language);
}

/* The data's language that @language is or starts with, else English (the form's own). */
static const char *
form_language (const char *language)
{
  g_auto(GStrv) languages = dh_languages_get ();

  for (guint i = 0; languages[i]; i++)
    if (g_str_has_prefix (language, languages[i]))
      return g_intern_string (languages[i]);
  return "en";
}

const char *
dh_form_page_get_form_language (DhFormPage *self)
{
  g_return_val_if_fail (DH_IS_FORM_PAGE (self), NULL);
  return self->language;
}

/* The language of the form's labels and time zones, one of dh_languages_get () (or a locale name
 * such as "ja_JP", taken by its language; others mean English); remembered in the settings. */
void
dh_form_page_set_form_language (DhFormPage *self,
                                const char *language)
{
  GSettings *settings;

  g_return_if_fail (DH_IS_FORM_PAGE (self));
  g_return_if_fail (language != NULL);

  language = form_language (language);
  if (g_strcmp0 (self->language, language) != 0)
    {
      g_free (self->language);
      self->language = g_strdup (language);
      settings = dh_page_get_settings (DH_PAGE (self));
      if (settings)
        g_settings_set_string (settings, "form-language", language);
    }
  update_language_buttons (self);
  fill_zones (self);
  fill_fields (self);
}

static void
language_changed (DhFormPage *self)
{
  const char *language = dh_language_switch_get_language (self->labels_switch);

  if (language == NULL || g_strcmp0 (language, self->language) == 0)
    return;
  dh_form_page_set_form_language (self, language);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

static void
title_language_changed (DhFormPage *self)
{
  const char *language = dh_language_switch_get_language (self->title_switch);

  if (language == NULL || g_strcmp0 (language, self->title_language) == 0)
    return;
  dh_form_page_set_title_language (self, language);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

/* The ready title's language, beside the title: independent of the labels' language, since
 * Microsoft reads English whatever language its form shows. */
static GtkWidget *
title_language_switch_new (DhFormPage *self)
{
  GtkWidget *switcher = dh_language_switch_new ();

  self->title_switch = DH_LANGUAGE_SWITCH (switcher);
  dh_language_switch_set_language (self->title_switch, "en");
  g_signal_connect_swapped (switcher, "notify::language", G_CALLBACK (title_language_changed), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language of the title"), -1);
  return switcher;
}

/* One of dh_languages_get (): the language of the ready title (Issue Title). */
void
dh_form_page_set_title_language (DhFormPage *self,
                                 const char *language)
{
  g_return_if_fail (DH_IS_FORM_PAGE (self));
  g_return_if_fail (language != NULL && dh_letter_has_language (language));

  if (g_strcmp0 (self->title_language, language) != 0)
    {
      g_free (self->title_language);
      self->title_language = g_strdup (language);
    }
  if (self->dh_case)
    dh_case_set_title_language (self->dh_case, language);
  /* title_language_changed () finds the language already chosen and does nothing. */
  dh_language_switch_set_language (self->title_switch, language);
  fill_fields (self);
}

/* "Label: value" lines of every field, in the form's order. */
char *
dh_form_page_get_text (DhFormPage *self)
{
  g_return_val_if_fail (DH_IS_FORM_PAGE (self), NULL);
  return self->values ? dh_form_values_to_text (self->values) : g_strdup ("");
}

void
dh_form_page_copy_all (DhFormPage *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DH_IS_FORM_PAGE (self));

  text = dh_form_page_get_text (self);
  dh_copy_text (GTK_WIDGET (self), text, _("All values were copied, one line each with its label."));
}

/* --- The page --------------------------------------------------------------------------------- */

static void
set_entry (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static void
dh_form_page_shown (DhPage *page,
                    DhCase *c)
{
  DhFormPage *self = DH_FORM_PAGE (page);
  GSettings *settings = dh_page_get_settings (page);
  g_autofree char *saved_name = settings ? g_settings_get_string (settings, "contact-name") : NULL;
  g_autofree char *saved_email =
    settings ? g_settings_get_string (settings, "contact-email") : NULL;
  g_autofree char *website = NULL;
  GtkWidget *entries[] = { self->name_row, self->email_row, self->website_row };
  const char *email;
  DhHosting hosting;

  release_case (self);
  self->dh_case = c;
  /* What was chosen here before, kept in the case. */
  self->hosting_chosen = dh_case_get_hosting_chosen (c);
  if (dh_case_get_time_zone (c) && dh_timezone_find_by_windows_id (dh_case_get_time_zone (c)))
    {
      g_free (self->zone_id);
      self->zone_id = g_strdup (dh_case_get_time_zone (c));
    }
  if (dh_case_get_title_language (c) && dh_letter_has_language (dh_case_get_title_language (c)))
    dh_form_page_set_title_language (self, dh_case_get_title_language (c));
  self->sent_binding = g_object_ref (g_object_bind_property (c, "form-sent", self->sent_check, "active",
                                                             G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
  g_signal_connect_object (c, "notify::form-sent", G_CALLBACK (form_sent_changed), self, G_CONNECT_SWAPPED);
  /* Filled from the case and the settings: not the user's changes. */
  g_signal_handlers_block_by_func (self->hosting_row, hosting_changed, self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_handlers_block_by_func (entries[i], details_changed, self);

  if (settings)
    {
      g_autofree char *language = g_settings_get_string (settings, "form-language");

      g_free (self->language);
      /* Japanese unless set: the browsers of the people this app is for show the form in Japanese. */
      self->language = g_strdup (dh_letter_has_language (language) ? language : "ja");
    }
  update_language_buttons (self);

  set_entry (self->name_row, dh_case_get_contact_name (c) ? dh_case_get_contact_name (c) : saved_name);
  /* The address the user gave, else the one remembered, else the one the mail was sent from. */
  email = nonempty (dh_case_get_contact_email (c));
  if (email == NULL)
    email = nonempty (saved_email);
  if (email == NULL)
    email = dh_case_get (c, DH_CASE_SENDER_ADDRESS);
  set_entry (self->email_row, email);

  /* Shared unless the user said otherwise: the users this app is for rent shared hosting. */
  hosting = dh_case_get_hosting (c);
  if (!self->hosting_chosen && hosting == DH_HOSTING_UNKNOWN)
    hosting = DH_HOSTING_SHARED;
  for (guint i = 0; i < G_N_ELEMENTS (hosting_choices); i++)
    if (hosting_choices[i] == hosting)
      adw_combo_row_set_selected (self->hosting_row, i);

  website = dh_case_get_website (c);
  set_entry (self->website_row, website);

  fill_zones (self);
  g_signal_handlers_unblock_by_func (self->hosting_row, hosting_changed, self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_handlers_unblock_by_func (entries[i], details_changed, self);

  validate_email (self);
  fill_fields (self);
}

static void
dh_form_page_leave (DhPage *page,
                    DhCase *c)
{
  DhFormPage *self = DH_FORM_PAGE (page);

  g_assert (self->dh_case == NULL || self->dh_case == c);
  self->dh_case = c;
  store (self);
  release_case (self);
}

static void
dh_form_page_finalize (GObject *object)
{
  DhFormPage *self = DH_FORM_PAGE (object);

  release_case (self);
  g_clear_pointer (&self->values, dh_form_values_free);
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_free (self->fields);
  g_free (self->language);
  g_free (self->title_language);
  g_free (self->zone_id);
  g_free (self->local_zone_id);
  G_OBJECT_CLASS (dh_form_page_parent_class)->finalize (object);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dh_links_open (widget, FORM_URI);
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dh_form_page_copy_all (DH_FORM_PAGE (widget));
}

static void
dh_form_page_class_init (DhFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  object_class->finalize = dh_form_page_finalize;
  page_class->shown = dh_form_page_shown;
  page_class->leave = dh_form_page_leave;

  g_type_ensure (DH_TYPE_LANGUAGE_SWITCH);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-form-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, email_note_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, email_note);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, hosting_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, website_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, zone_row);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, labels_switch);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, DhFormPage, sent_check);
  gtk_widget_class_bind_template_callback (widget_class, details_changed);
  gtk_widget_class_bind_template_callback (widget_class, hosting_changed);
  gtk_widget_class_bind_template_callback (widget_class, zone_changed);
  gtk_widget_class_bind_template_callback (widget_class, language_changed);

  gtk_widget_class_install_action (widget_class, "form.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "form.copy-all", NULL, copy_all_action);
}

/* One copy row per field of the form, in its order, each with the row of its note under it. */
static void
add_fields (DhFormPage *self)
{
  const DhFormDefinition *definition = dh_form_get_definition (DH_FORM_OUTLOOK);

  g_assert (definition != NULL);

  self->n_fields = definition->fields->len;
  self->fields = g_new0 (FieldRow, self->n_fields);
  for (guint i = 0; i < self->n_fields; i++)
    {
      FieldRow *f = &self->fields[i];

      f->field = g_ptr_array_index (definition->fields, i);
      f->row = dh_copy_row_new (dh_form_field_get_label (f->field, "en"), NULL);
      adw_preferences_group_add (self->fields_group, f->row);
      f->note_row = note_row_new (f->row, &f->note,
                                  g_str_equal (f->field->id, "IssueTitle")
                                    ? title_language_switch_new (self) : NULL);
      adw_preferences_group_add (self->fields_group, f->note_row);
    }
}

static void
dh_form_page_init (DhFormPage *self)
{
  g_autofree char *local_iana = dh_timezone_get_local_iana ();
  const DhTimezone *local = local_iana ? dh_timezone_find_windows (local_iana) : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  dh_page_set_complete (DH_PAGE (self), FALSE);
  self->language = g_strdup ("ja");
  self->title_language = g_strdup ("en");
  self->zones = dh_timezone_list_all ();
  /* The computer's zone; one the list lacks (Antarctica/Troll) starts at UTC, and the note
   * under the field then does not call it the computer's. */
  self->local_zone_id = local ? g_strdup (local->windows_id) : NULL;
  if (local == NULL)
    local = dh_timezone_find_by_windows_id ("UTC");
  self->zone_id = local ? g_strdup (local->windows_id) : NULL;

  add_fields (self);
  fill_zones (self);
  update_language_buttons (self);
}

GtkWidget *
dh_form_page_new (void)
{
  return g_object_new (DH_TYPE_FORM_PAGE, NULL);
}
