/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-message-view.c: a ready message to read and copy. The Japanese / English switch chooses the
 * message's language, which follows its reader, not the app's language; the page that owns the
 * view fills in the text for the chosen language. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-application.h"
#include "dh-message-view.h"
#include "dh-toast.h"
#include "dh-widgets.h"

struct _DhMessageView
{
  GtkBox       parent_instance;

  GtkWidget   *ja_button;
  GtkWidget   *en_button;
  GtkWidget   *header;
  GtkLabel    *text;
  GtkWidget   *copy_button;
  char        *language;
};

G_DEFINE_FINAL_TYPE (DhMessageView, dh_message_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The `text-language` setting (Preferences) when it names one; otherwise Japanese when the app
 * speaks Japanese, else English. */
const char *
dh_message_view_default_language (void)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = DH_IS_APPLICATION (app) ? dh_application_get_settings (DH_APPLICATION (app)) : NULL;
  g_autofree char *chosen = settings ? g_settings_get_string (settings, "text-language") : NULL;
  const char * const *names = g_get_language_names ();

  if (g_strcmp0 (chosen, "ja") == 0 || g_strcmp0 (chosen, "en") == 0)
    return g_str_equal (chosen, "ja") ? "ja" : "en";
  return names[0] && g_str_has_prefix (names[0], "ja") ? "ja" : "en";
}

void
dh_message_view_copy (DhMessageView *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DH_IS_MESSAGE_VIEW (self));

  text = dh_message_view_get_text (self);
  dh_copy_text (GTK_WIDGET (self), text, _("The message was copied. Paste it into your mail."));
}

static void
language_toggled (GtkToggleButton *button,
                  DhMessageView   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  dh_message_view_set_language (self, GTK_WIDGET (button) == self->ja_button ? "ja" : "en");
}

static void
dh_message_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DhMessageView *self = DH_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_message_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DhMessageView *self = DH_MESSAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      dh_message_view_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_message_view_finalize (GObject *object)
{
  g_free (DH_MESSAGE_VIEW (object)->language);
  G_OBJECT_CLASS (dh_message_view_parent_class)->finalize (object);
}

static void
dh_message_view_class_init (DhMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dh_message_view_get_property;
  object_class->set_property = dh_message_view_set_property;
  object_class->finalize = dh_message_view_finalize;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dh_message_view_init (DhMessageView *self)
{
  GtkWidget *bar, *label, *switcher, *card;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  /* The language switch, above everything it changes; its label wraps when the window is narrow. */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Language of the message"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->language = g_strdup ("en");
  switcher = dh_language_switch_new (self->language, &self->ja_button, &self->en_button,
                                     G_CALLBACK (language_toggled), self);
  gtk_widget_set_valign (switcher, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), switcher);
  gtk_box_append (GTK_BOX (self), bar);

  /* Rows that belong to the message (its subject), between the switch and the text. */
  self->header = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->header), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->header, "boxed-list");
  gtk_widget_set_visible (self->header, FALSE);
  gtk_box_append (GTK_BOX (self), self->header);

  /* The text: selectable, wrapped at any character so that a long error line fits. A label,
   * not a text view: a text view outside a scrolled window measures its height for the width it
   * had before, and cuts the end of the text off. */
  self->text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->text, TRUE);
  gtk_label_set_wrap (self->text, TRUE);
  gtk_label_set_wrap_mode (self->text, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->text, 0);
  gtk_label_set_yalign (self->text, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->text), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->text), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->text), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->text), 12);
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->text));
  gtk_box_append (GTK_BOX (self), card);

  self->copy_button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->copy_button), TRUE);
  gtk_widget_add_css_class (self->copy_button, "pill");
  gtk_widget_set_halign (self->copy_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (dh_message_view_copy), self);
  gtk_box_append (GTK_BOX (self), self->copy_button);

}

/* @copy_label: the copy button's visible label (with a mnemonic); @accessible_name: what the
 * text is, for screen readers. */
GtkWidget *
dh_message_view_new (const char *copy_label,
                     const char *accessible_name)
{
  DhMessageView *self = g_object_new (DH_TYPE_MESSAGE_VIEW, NULL);

  gtk_button_set_label (GTK_BUTTON (self->copy_button), copy_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return GTK_WIDGET (self);
}

void
dh_message_view_set_text (DhMessageView *self,
                          const char    *text)
{
  g_return_if_fail (DH_IS_MESSAGE_VIEW (self));
  gtk_label_set_text (self->text, text ? text : "");
}

char *
dh_message_view_get_text (DhMessageView *self)
{
  g_return_val_if_fail (DH_IS_MESSAGE_VIEW (self), NULL);
  return g_strdup (gtk_label_get_text (self->text));
}

const char *
dh_message_view_get_language (DhMessageView *self)
{
  g_return_val_if_fail (DH_IS_MESSAGE_VIEW (self), NULL);
  return self->language;
}

void
dh_message_view_set_language (DhMessageView *self,
                              const char    *language)
{
  g_return_if_fail (DH_IS_MESSAGE_VIEW (self));
  g_return_if_fail (g_strcmp0 (language, "ja") == 0 || g_strcmp0 (language, "en") == 0);

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (g_str_equal (language, "ja") ? self->ja_button
                                                                                : self->en_button), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* Adds a row (such as the subject, as a DhCopyRow) above the text. */
void
dh_message_view_add_row (DhMessageView *self,
                         GtkWidget     *row)
{
  g_return_if_fail (DH_IS_MESSAGE_VIEW (self));
  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));

  gtk_list_box_append (GTK_LIST_BOX (self->header), row);
  gtk_widget_set_visible (self->header, TRUE);
}

GtkWidget *
dh_message_view_get_copy_button (DhMessageView *self)
{
  g_return_val_if_fail (DH_IS_MESSAGE_VIEW (self), NULL);
  return self->copy_button;
}

GtkWidget *
dh_message_view_get_language_button (DhMessageView *self,
                                     const char    *language)
{
  g_return_val_if_fail (DH_IS_MESSAGE_VIEW (self), NULL);
  return g_strcmp0 (language, "ja") == 0 ? self->ja_button : self->en_button;
}
