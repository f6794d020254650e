/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-preferences-window.c: Preferences: the languages, taking back the online-check consent, the
 * Spamhaus DQS key, the time limits of the online checks and the contact details, each row bound
 * to the application's one GSettings with g_settings_bind. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-preferences-window.h"
#include "dh-language-switch.h"

struct _DhPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings  *settings;
  AdwComboRow *ui_language_row;
  AdwComboRow *form_language_row;
  AdwComboRow *text_language_row;
  GtkStringList *form_languages;
  GtkStringList *text_languages;
  GtkSwitch   *consent_switch;
  AdwEntryRow *dqs_key_row;
  GtkWidget   *dnsbl_timeout_spin;
  GtkWidget   *rdap_timeout_spin;
  GtkWidget   *site_timeout_spin;
  AdwEntryRow *contact_name_row;
  AdwEntryRow *contact_email_row;
};

G_DEFINE_FINAL_TYPE (DhPreferencesWindow, dh_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of the app's language row, in the order of its list: "" (the system's), then the
 * languages the app is translated into and written in (po/LINGUAS, English). */
static const char *ui_languages[] = { "", "ja", "en", NULL };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char **languages = user_data;
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; languages[i]; i++)
    if (g_str_equal (languages[i], language))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  const char **languages = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) languages))
    return NULL;
  return g_variant_new_string (languages[selected]);
}

/* @languages (transfer full, or NULL for a copy of ui_languages) are the values of @row's list. */
static void
bind_language (DhPreferencesWindow  *self,
               const char           *key,
               AdwComboRow          *row,
               char                **languages)
{
  if (languages == NULL)
    languages = g_strdupv ((char **) ui_languages);
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping,
                                languages, (GDestroyNotify) g_strfreev);
}

/* The languages of the data (the ready messages' and the form labels'), after @first (or none),
 * each by its own name at the end of @list. */
static char **
data_languages (GtkStringList *list,
                const char    *first)
{
  g_auto(GStrv) languages = dh_languages_get ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();

  if (first)
    g_strv_builder_add (values, first);
  for (guint i = 0; languages[i]; i++)
    {
      gtk_string_list_append (list, dh_languages_get_endonym (languages[i]));
      g_strv_builder_add (values, languages[i]);
    }
  return g_strv_builder_end (values);
}

/* A key pasted from Spamhaus's page often comes with a space or a line end around it. */
static void
dqs_key_changed (DhPreferencesWindow *self,
                 GtkEditable         *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (!g_str_equal (stripped, text))
    gtk_editable_set_text (editable, stripped);
}

static void
dh_preferences_window_dispose (GObject *object)
{
  DhPreferencesWindow *self = DH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (dh_preferences_window_parent_class)->dispose (object);
}

static void
dh_preferences_window_class_init (DhPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dh_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, ui_language_row);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, form_language_row);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, text_language_row);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, form_languages);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, text_languages);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, dqs_key_row);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, dnsbl_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, rdap_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, site_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, DhPreferencesWindow, contact_email_row);
  gtk_widget_class_bind_template_callback (widget_class, dqs_key_changed);
}

static void
dh_preferences_window_init (DhPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Preferences over @parent, bound to @settings (the application's, schema APP_ID). */
GtkWidget *
dh_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  DhPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DH_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  bind_language (self, "ui-language", self->ui_language_row, NULL);
  bind_language (self, "form-language", self->form_language_row,
                 data_languages (self->form_languages, NULL));
  bind_language (self, "text-language", self->text_language_row,
                 data_languages (self->text_languages, ""));
  g_settings_bind (settings, "remember-online-consent", self->consent_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "spamhaus-dqs-key", self->dqs_key_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "dnsbl-timeout", self->dnsbl_timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "rdap-timeout", self->rdap_timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "site-timeout", self->site_timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "contact-name", self->contact_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "contact-email", self->contact_email_row, "text", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}
