/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-toast.c: toasts, and copying a text to the clipboard with a toast that says so. */
#include "config.h"

#include "dh-toast.h"

/* A toast saying @message as plain text: toast titles are Pango markup in libadwaita 1.2. */
AdwToast *
dh_toast_new (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

/* Shows a toast in the nearest toast overlay above @widget, for DH_TOAST_TIMEOUT_S. */
void
dh_show_toast (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  toast = dh_toast_new (message);
  adw_toast_set_timeout (toast, DH_TOAST_TIMEOUT_S);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Puts @text on @widget's clipboard and says @message in a toast; an empty @text is not copied. */
void
dh_copy_text (GtkWidget  *widget,
              const char *text,
              const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text == NULL || *text == '\0')
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  dh_show_toast (widget, message);
}
