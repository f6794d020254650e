/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-widgets.c: the widgets every page builds the same way (labels, property rows, a text view's text). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-widgets.h"
#include "dh-application.h"

/* The whole text of @view. */
char *
dh_page_text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A label for running text: wrapped anywhere a line may break (Japanese has no spaces), left
 * aligned, so that a page fits a narrow window. */
GtkWidget *
dh_page_label_new (const char *text,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A row that shows a value under a small title, the whole value however long. */
GtkWidget *
dh_page_property_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  return row;
}

/* A row made from data at run time: @title and @subtitle (or NULL) shown as they are, not read as
 * markup, the subtitle whole however long. */
GtkWidget *
dh_text_row_new (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  g_object_set (row, "use-markup", FALSE, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* Row subtitles are Pango markup in libadwaita 1.2: text from a bounce must be escaped. */
void
dh_row_set_subtitle (GtkWidget  *row,
                     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
}

/* The window @widget is in, or NULL (not yet in one): the parent of the dialogs it opens. */
GtkWindow *
dh_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The application's settings (one GSettings, owned by the application), reached through the
 * window @widget is in; NULL while it is in none. */
GSettings *
dh_widget_get_settings (GtkWidget *widget)
{
  GtkWindow *window = dh_widget_get_window (widget);
  GtkApplication *app = window ? gtk_window_get_application (window) : NULL;

  return DH_IS_APPLICATION (app) ? dh_application_get_settings (DH_APPLICATION (app)) : NULL;
}

/* Binds, for each of the @n ids, the template child "<id><suffix>" (such as "owner_row") to one
 * widget pointer of an array in the instance: the first at @offset, the next @stride bytes on.
 * For a class that keeps one widget per item of an enum (a row per fact, a row per check). */
void
dh_widget_class_bind_template_array (GtkWidgetClass    *widget_class,
                                     const char *const *ids,
                                     guint              n,
                                     const char        *suffix,
                                     gssize             offset,
                                     gsize              stride)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strconcat (ids[i], suffix, NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE, offset + (gssize) (i * stride));
    }
}
