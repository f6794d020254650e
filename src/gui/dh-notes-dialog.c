/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-notes-dialog.c: the dialog where the user writes the case's notes (what the hosting company
 * said, a phone call…); "save" or "cancel" is its response, and the window keeps the text. */
#include "config.h"

#include "dh-notes-dialog.h"
#include "dh-widgets.h"

struct _DhNotesDialog
{
  AdwMessageDialog parent_instance;

  GtkTextView     *view;
};

G_DEFINE_FINAL_TYPE (DhNotesDialog, dh_notes_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
dh_notes_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_NOTES_DIALOG);
  G_OBJECT_CLASS (dh_notes_dialog_parent_class)->dispose (object);
}

static void
dh_notes_dialog_class_init (DhNotesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dh_notes_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-notes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DhNotesDialog, view);
}

static void
dh_notes_dialog_init (DhNotesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A dialog over @parent with @notes (nullable) to edit, the text area focused once shown. */
GtkWidget *
dh_notes_dialog_new (GtkWindow  *parent,
                     const char *notes)
{
  DhNotesDialog *self = g_object_new (DH_TYPE_NOTES_DIALOG, "transient-for", parent, NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), notes ? notes : "", -1);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->view));
  return GTK_WIDGET (self);
}

/* The text as it is now. */
char *
dh_notes_dialog_get_notes (DhNotesDialog *self)
{
  g_return_val_if_fail (DH_IS_NOTES_DIALOG (self), NULL);
  return dh_page_text_view_get_text (self->view);
}
