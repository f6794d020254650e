/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-language-switch.c: the language switch (one toggle button per language of the data) and the
 * languages themselves: the letters' languages (dh-letter.h), named and ordered by
 * data/languages.json. A third language is a data change. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dh-language-switch.h"
#include "dh-letter.h"

/* --- The languages ---------------------------------------------------------------------------- */

typedef struct {
  char *id;
  char *name;     /* English, shown through the translations */
  char *endonym;
} Language;

static GPtrArray *
languages_load (void)
{
  GPtrArray *languages = g_ptr_array_new ();
  g_autoptr(GBytes) bytes =
    g_resources_lookup_data (RESOURCE_BASE "/languages.json", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) letter_languages = dh_letter_get_languages ();
  JsonArray *list = NULL;

  if (bytes && json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "languages");

  /* In the data's order, the languages that have letters; */
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);
      const char *id = object ? json_object_get_string_member_with_default (object, "id", NULL) : NULL;
      Language *language;

      if (id == NULL || !dh_letter_has_language (id))
        continue;
      language = g_new0 (Language, 1);
      language->id = g_strdup (id);
      language->name = g_strdup (json_object_get_string_member_with_default (object, "name", id));
      language->endonym = g_strdup (json_object_get_string_member_with_default (object, "endonym", id));
      g_ptr_array_add (languages, language);
    }
  /* then any the list forgot, named by their code (the ui suite fails on that). */
  for (guint n = 0; letter_languages[n]; n++)
    {
      gboolean listed = FALSE;
      Language *language;

      for (guint i = 0; i < languages->len && !listed; i++)
        listed = g_str_equal (((Language *) g_ptr_array_index (languages, i))->id, letter_languages[n]);
      if (listed)
        continue;
      language = g_new0 (Language, 1);
      language->id = g_strdup (letter_languages[n]);
      language->name = g_strdup (letter_languages[n]);
      language->endonym = g_strdup (letter_languages[n]);
      g_ptr_array_add (languages, language);
    }
  return languages;
}

static GPtrArray *
languages (void)
{
  static GPtrArray *list;

  if (g_once_init_enter (&list))
    g_once_init_leave (&list, languages_load ());
  return list;
}

static const Language *
language_find (const char *id)
{
  GPtrArray *list = languages ();

  for (guint i = 0; id && i < list->len; i++)
    if (g_str_equal (((Language *) g_ptr_array_index (list, i))->id, id))
      return g_ptr_array_index (list, i);
  return NULL;
}

/* The languages of the ready messages and the form's labels ("ja", "en", …), in the switches'
 * order. */
GStrv
dh_languages_get (void)
{
  GPtrArray *list = languages ();
  GStrv ids = g_new0 (char *, list->len + 1);

  for (guint i = 0; i < list->len; i++)
    ids[i] = g_strdup (((Language *) g_ptr_array_index (list, i))->id);
  return ids;
}

/* @language's name in the app's language ("Japanese", "日本語"), or NULL when the data lacks it. */
const char *
dh_languages_get_name (const char *language)
{
  const Language *found = language_find (language);

  return found ? _(found->name) : NULL;
}

/* @language's name in itself ("日本語"), or NULL when the data lacks it. */
const char *
dh_languages_get_endonym (const char *language)
{
  const Language *found = language_find (language);

  return found ? found->endonym : NULL;
}

/* --- The switch ------------------------------------------------------------------------------- */

struct _DhLanguageSwitch
{
  GtkBox      parent_instance;

  GPtrArray  *buttons;    /* GtkToggleButton*, one per language, in dh_languages_get ()'s order */
  GStrv       ids;
  char       *language;   /* the one pressed, or NULL */
};

G_DEFINE_FINAL_TYPE (DhLanguageSwitch, dh_language_switch, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
button_toggled (GtkToggleButton  *button,
                DhLanguageSwitch *self)
{
  guint i;

  if (!gtk_toggle_button_get_active (button) || !g_ptr_array_find (self->buttons, button, &i))
    return;
  dh_language_switch_set_language (self, self->ids[i]);
}

static void
dh_language_switch_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DhLanguageSwitch *self = DH_LANGUAGE_SWITCH (object);

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
dh_language_switch_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DhLanguageSwitch *self = DH_LANGUAGE_SWITCH (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      dh_language_switch_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_language_switch_finalize (GObject *object)
{
  DhLanguageSwitch *self = DH_LANGUAGE_SWITCH (object);

  g_ptr_array_unref (self->buttons);
  g_strfreev (self->ids);
  g_free (self->language);
  G_OBJECT_CLASS (dh_language_switch_parent_class)->finalize (object);
}

static void
dh_language_switch_class_init (DhLanguageSwitchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dh_language_switch_get_property;
  object_class->set_property = dh_language_switch_set_property;
  object_class->finalize = dh_language_switch_finalize;

  /* The language pressed ("ja", "en", …), or NULL for none yet. */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dh_language_switch_init (DhLanguageSwitch *self)
{
  self->buttons = g_ptr_array_new ();
  self->ids = dh_languages_get ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  for (guint i = 0; self->ids[i]; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (dh_languages_get_name (self->ids[i]));

      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), g_ptr_array_index (self->buttons, 0));
      g_signal_connect (button, "toggled", G_CALLBACK (button_toggled), self);
      gtk_box_append (GTK_BOX (self), button);
      g_ptr_array_add (self->buttons, button);
    }
}

/* A switch with no language pressed yet. The caller names it for screen readers (a label beside
 * it, or an accessible label). */
GtkWidget *
dh_language_switch_new (void)
{
  return g_object_new (DH_TYPE_LANGUAGE_SWITCH, NULL);
}

const char *
dh_language_switch_get_language (DhLanguageSwitch *self)
{
  g_return_val_if_fail (DH_IS_LANGUAGE_SWITCH (self), NULL);
  return self->language;
}

/* Presses @language's button; one the data lacks is refused. */
void
dh_language_switch_set_language (DhLanguageSwitch *self,
                                 const char       *language)
{
  GtkWidget *button;

  g_return_if_fail (DH_IS_LANGUAGE_SWITCH (self));

  button = dh_language_switch_get_button (self, language);
  if (g_strcmp0 (self->language, language) == 0 || (language && button == NULL))
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  if (button)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* The button of @language, or NULL when the data has no such language. */
GtkWidget *
dh_language_switch_get_button (DhLanguageSwitch *self,
                               const char       *language)
{
  g_return_val_if_fail (DH_IS_LANGUAGE_SWITCH (self), NULL);

  for (guint i = 0; language && self->ids[i]; i++)
    if (g_str_equal (self->ids[i], language))
      return g_ptr_array_index (self->buttons, i);
  return NULL;
}
