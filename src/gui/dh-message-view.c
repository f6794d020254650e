/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-message-view.c: a ready message to read and copy. The Japanese / English switch chooses the
 * message's language, which follows its reader, not the app's language; the page that owns the
 * view fills in the text for the chosen language. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-application.h"
#include "dh-message-view.h"
#include "dh-language-switch.h"
#include "dh-letter.h"
#include "dh-toast.h"

struct _DhMessageView
{
  GtkBox       parent_instance;

  DhLanguageSwitch *language_switch;
  GtkWidget   *header;
  GtkLabel    *text;
  GtkWidget   *copy_button;
  char        *language;
  char        *accessible_name;
};

static void dh_message_view_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DhMessageView, dh_message_view, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, dh_message_view_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_COPY_LABEL,
  PROP_ACCESSIBLE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The `text-language` setting (Preferences) when it names a language of the data; otherwise the
 * app's language when the data has it, else English (Microsoft's, which every letter has). */
const char *
dh_message_view_default_language (void)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = DH_IS_APPLICATION (app) ? dh_application_get_settings (DH_APPLICATION (app)) : NULL;
  g_autofree char *chosen = settings ? g_settings_get_string (settings, "text-language") : NULL;
  const char * const *names = g_get_language_names ();

  g_auto(GStrv) languages = dh_languages_get ();

  if (chosen && g_strv_contains ((const char * const *) languages, chosen))
    return g_intern_string (chosen);
  for (guint i = 0; names[0] && languages[i]; i++)
    if (g_str_has_prefix (names[0], languages[i]))
      return g_intern_string (languages[i]);
  return "en";
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
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dh_message_view_copy (DH_MESSAGE_VIEW (widget));
}

/* @label: the copy button's visible label, with a mnemonic. */
static void
set_copy_label (DhMessageView *self,
                const char    *label)
{
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->copy_button)), label) == 0)
    return;
  gtk_button_set_label (GTK_BUTTON (self->copy_button), label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPY_LABEL]);
}

/* @name: what the text is, for screen readers. */
static void
set_accessible_name (DhMessageView *self,
                     const char    *name)
{
  if (g_strcmp0 (self->accessible_name, name) == 0)
    return;
  g_free (self->accessible_name);
  self->accessible_name = g_strdup (name);
  if (name)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESSIBLE_NAME]);
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
    case PROP_COPY_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->copy_button)));
      break;
    case PROP_ACCESSIBLE_NAME:
      g_value_set_string (value, self->accessible_name);
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
    case PROP_COPY_LABEL:
      set_copy_label (self, g_value_get_string (value));
      break;
    case PROP_ACCESSIBLE_NAME:
      set_accessible_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A GtkListBoxRow child in a .ui (the subject, as a DhCopyRow) goes above the text, as
 * dh_message_view_add_row () puts it. */
static void
dh_message_view_buildable_add_child (GtkBuildable *buildable,
                                     GtkBuilder   *builder,
                                     GObject      *child,
                                     const char   *type)
{
  if (GTK_IS_LIST_BOX_ROW (child))
    dh_message_view_add_row (DH_MESSAGE_VIEW (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
dh_message_view_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = dh_message_view_buildable_add_child;
}

static void
dh_message_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_MESSAGE_VIEW);
  G_OBJECT_CLASS (dh_message_view_parent_class)->dispose (object);
}

static void
dh_message_view_finalize (GObject *object)
{
  DhMessageView *self = DH_MESSAGE_VIEW (object);

  g_free (self->language);
  g_free (self->accessible_name);
  G_OBJECT_CLASS (dh_message_view_parent_class)->finalize (object);
}

static void
dh_message_view_class_init (DhMessageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dh_message_view_get_property;
  object_class->set_property = dh_message_view_set_property;
  object_class->dispose = dh_message_view_dispose;
  object_class->finalize = dh_message_view_finalize;

  /* The language of the message ("ja", "en", …: one of dh_languages_get ()), which the page fills in. */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The copy button's visible label, with a mnemonic ("_Copy Message"). */
  properties[PROP_COPY_LABEL] =
    g_param_spec_string ("copy-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the text is, for screen readers ("Message to Microsoft"). */
  properties[PROP_ACCESSIBLE_NAME] =
    g_param_spec_string ("accessible-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-message-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DhMessageView, language_switch);
  gtk_widget_class_bind_template_child (widget_class, DhMessageView, header);
  gtk_widget_class_bind_template_child (widget_class, DhMessageView, text);
  gtk_widget_class_bind_template_child (widget_class, DhMessageView, copy_button);

  gtk_widget_class_install_action (widget_class, "message-view.copy", NULL, copy_action);
}

static void
dh_message_view_init (DhMessageView *self)
{
  self->language = g_strdup ("en");
  g_type_ensure (DH_TYPE_LANGUAGE_SWITCH);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "language", self->language_switch, "language",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
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
  g_return_if_fail (language != NULL && dh_letter_has_language (language));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
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
  return dh_language_switch_get_button (self->language_switch, language);
}
