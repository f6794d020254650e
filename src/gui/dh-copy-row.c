/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-copy-row.c: a row with a label, a value and a button that copies the value, with a toast. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-copy-row.h"
#include "dh-toast.h"
#include "dh-widgets.h"

struct _DhCopyRow
{
  AdwActionRow parent_instance;

  char      *value;
  GtkWidget *button;
};

G_DEFINE_FINAL_TYPE (DhCopyRow, dh_copy_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (DhCopyRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: accessible name of a copy button; %s is what it copies, e.g. "IP address". */
  g_autofree char *label = g_strdup_printf (_("Copy %s"), title ? title : "");

  dh_row_set_subtitle (GTK_WIDGET (self), self->value);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "copy-row.copy", self->value != NULL && *self->value != '\0');
  gtk_widget_set_tooltip_text (self->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
dh_copy_row_copy (DhCopyRow *self)
{
  const char *title;
  g_autofree char *message = NULL;

  g_return_if_fail (DH_IS_COPY_ROW (self));

  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: a toast; %s is what was copied, e.g. "IP address". */
  message = g_strdup_printf (_("Copied: %s"), title ? title : "");
  dh_copy_text (GTK_WIDGET (self), self->value, message);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dh_copy_row_copy (DH_COPY_ROW (widget));
}

static void
dh_copy_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DhCopyRow *self = DH_COPY_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_copy_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DhCopyRow *self = DH_COPY_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      dh_copy_row_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_copy_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_COPY_ROW);
  G_OBJECT_CLASS (dh_copy_row_parent_class)->dispose (object);
}

static void
dh_copy_row_finalize (GObject *object)
{
  g_free (DH_COPY_ROW (object)->value);
  G_OBJECT_CLASS (dh_copy_row_parent_class)->finalize (object);
}

static void
title_changed (DhCopyRow *self)
{
  update (self);
}

static void
dh_copy_row_class_init (DhCopyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dh_copy_row_get_property;
  object_class->set_property = dh_copy_row_set_property;
  object_class->dispose = dh_copy_row_dispose;
  object_class->finalize = dh_copy_row_finalize;

  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-copy-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DhCopyRow, button);
  gtk_widget_class_install_action (widget_class, "copy-row.copy", NULL, copy_action);
}

static void
dh_copy_row_init (DhCopyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The row's own property: a template can only bind its children's signals. */
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed), NULL);
  update (self);
}

GtkWidget *
dh_copy_row_new (const char *title,
                 const char *value)
{
  return g_object_new (DH_TYPE_COPY_ROW, "title", title, "value", value, NULL);
}

void
dh_copy_row_set_value (DhCopyRow  *self,
                       const char *value)
{
  g_return_if_fail (DH_IS_COPY_ROW (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
dh_copy_row_get_value (DhCopyRow *self)
{
  g_return_val_if_fail (DH_IS_COPY_ROW (self), NULL);
  return self->value;
}

GtkWidget *
dh_copy_row_get_button (DhCopyRow *self)
{
  g_return_val_if_fail (DH_IS_COPY_ROW (self), NULL);
  return self->button;
}
