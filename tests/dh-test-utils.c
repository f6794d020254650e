/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-utils.c: what the UI tests and the screenshot tool share. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dh-test-utils.h"
#include "dh-links.h"

/* Translations from the build tree; English unless the caller chose a language. --ja (taken out
 * of @argv) runs with the app in Japanese: the expected texts go through gettext. */
void
dh_test_init (int    *argc,
              char ***argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--ja"))
      {
        g_setenv ("LANGUAGE", "ja", TRUE);
        g_setenv ("LANG", "C.UTF-8", TRUE);
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        i--;
      }

  /* Cases are saved under XDG_DATA_HOME: each test program gets its own empty one, unless it made
   * a temporary one itself. GLib reads the variable once, so this comes before anything else. */
  if (g_getenv ("XDG_DATA_HOME") == NULL ||
      !g_str_has_prefix (g_getenv ("XDG_DATA_HOME"), g_get_tmp_dir ()))
    {
      g_autofree char *data_home = g_dir_make_tmp ("dh-test-data-XXXXXX", NULL);

      g_assert_nonnull (data_home);
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DH_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);

  /* A build farm has no display: these tests are skipped, the others still run. Under TAP
   * (meson's --tap) a skip is an empty plan and status 0; otherwise the status 77 of automake. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      gboolean tap = FALSE;

      for (int i = 1; i < *argc; i++)
        tap = tap || g_str_equal ((*argv)[i], "--tap");
      g_print ("1..0 # SKIP no display (DISPLAY and WAYLAND_DISPLAY are unset)\n");
      exit (tap ? 0 : 77);
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* The application loads its style sheet itself; windows made here without it need it too. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    g_type_ensure (DH_TYPE_WINDOW);
    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  /* No animations to catch half-way, and GNOME's title bar (only "close"), not the bare X
   * server's three buttons, which would widen the narrowest window. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                "gtk-decoration-layout", ":close", NULL);
}

DhWindow *
dh_test_new_window (int width,
                    int height)
{
  DhWindow *window = dh_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
dh_test_wait_until_idle (DhWindow *window)
{
  while (dh_wizard_is_busy (dh_window_get_wizard (window)))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
dh_test_next (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  dh_test_wait_until_idle (window);
}

void
dh_test_back (DhWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.back", NULL);
  dh_test_wait_until_idle (window);
}

const char *
dh_test_current_name (DhWindow *window)
{
  return dh_wizard_get_page_name (dh_window_get_wizard (window));
}

/* Next until the page @name is shown. */
/* Whether @text has a kana or kanji character. */
static gboolean
has_japanese (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff60))
        return TRUE;
    }
  return FALSE;
}

/* When the app runs in Japanese (--ja), the page on screen shows Japanese, not just whatever
 * gettext returned: its title, every group's title and every labelled button have Japanese in
 * them (a missing translation would show English, and the _() of a test would not notice). */
void
dh_test_assert_japanese_page (DhWindow *window)
{
  DhPage *page = dh_wizard_get_current_page (dh_window_get_wizard (window));
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  if (!g_str_has_prefix (g_get_language_names ()[0], "ja"))
    return;
  if (!has_japanese (dh_page_get_title (page)))
    g_error ("the page title “%s” is not in Japanese", dh_page_get_title (page));
  groups = dh_test_find_all (page, ADW_TYPE_PREFERENCES_GROUP);
  for (guint i = 0; i < groups->len; i++)
    {
      const char *title = adw_preferences_group_get_title (g_ptr_array_index (groups, i));

      if (gtk_widget_is_visible (g_ptr_array_index (groups, i)) && title && *title && !has_japanese (title))
        g_error ("the group title “%s” on page “%s” is not in Japanese", title, dh_test_current_name (window));
    }
  buttons = dh_test_find_all (page, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (gtk_widget_is_visible (g_ptr_array_index (buttons, i)) && label && *label && !has_japanese (label))
        g_error ("the button “%s” on page “%s” is not in Japanese", label, dh_test_current_name (window));
    }
}

DhPage *
dh_test_go_to (DhWindow   *window,
               const char *name)
{
  for (guint i = 0; i < 12 && !g_str_equal (dh_test_current_name (window), name); i++)
    {
      DhPage *before = dh_wizard_get_current_page (dh_window_get_wizard (window));

      dh_test_assert_japanese_page (window);
      dh_test_next (window);
      if (dh_wizard_get_current_page (dh_window_get_wizard (window)) == before)
        g_error ("Next does not leave the page “%s” on the way to “%s”", dh_test_current_name (window), name);
    }
  g_assert_cmpstr (dh_test_current_name (window), ==, name);
  dh_test_assert_japanese_page (window);
  return dh_wizard_get_current_page (dh_window_get_wizard (window));
}

/* Every visible label, row, group, button and message of @widget, as a person reads them. */
void
dh_test_collect_text (GtkWidget *widget,
                      GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_ENTRY_ROW (widget))
    g_string_append_printf (out, "[%s=%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (ADW_IS_COMBO_ROW (widget))
    {
      GObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (widget));
      g_string_append_printf (out, "[%s:%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                              GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
    }
  else if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "[%s|%s]", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    g_string_append_printf (out, "<%s|%s>", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                            adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "{%s}", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    g_string_append_printf (out, "(%s)", gtk_button_get_label (GTK_BUTTON (widget)));
  else if (DH_IS_MESSAGE_VIEW (widget))
    {
      g_autofree char *text = dh_message_view_get_text (DH_MESSAGE_VIEW (widget));
      g_string_append_printf (out, "<<%s>>", text);
    }
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_ACTION_ROW (widget) || GTK_IS_BUTTON (widget) ||
      ADW_IS_COMBO_ROW (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    dh_test_collect_text (c, out);
}

char *
dh_test_page_text (DhWindow *window)
{
  GString *out = g_string_new (NULL);

  dh_test_collect_text (GTK_WIDGET (dh_wizard_get_current_page (dh_window_get_wizard (window))), out);
  return g_string_free (out, FALSE);
}

void
dh_test_assert_contains (const char *haystack,
                         const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

void
dh_test_assert_not_contains (const char *haystack,
                             const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in:\n%s", needle, haystack);
}

static void
find_all_rec (GtkWidget *widget,
              GType      type,
              GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_all_rec (c, type, out);
}

/* The widgets of @type under @root, in screen order. */
GPtrArray *
dh_test_find_all (gpointer root,
                  GType    type)
{
  GPtrArray *out = g_ptr_array_new ();

  find_all_rec (GTK_WIDGET (root), type, out);
  return out;
}

/* The first row of @type (an AdwPreferencesRow) under @root titled @title. */
gpointer
dh_test_find_row (gpointer    root,
                  GType       type,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW));
  rows = dh_test_find_all (root, type);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no %s “%s”", g_type_name (type), title);
}

DhCopyRow *
dh_test_find_copy_row (gpointer    root,
                       const char *title)
{
  return dh_test_find_row (root, DH_TYPE_COPY_ROW, title);
}

GtkEditable *
dh_test_find_entry_row (gpointer    root,
                        const char *title)
{
  return dh_test_find_row (root, ADW_TYPE_ENTRY_ROW, title);
}

AdwComboRow *
dh_test_find_combo_row (gpointer    root,
                        const char *title)
{
  return dh_test_find_row (root, ADW_TYPE_COMBO_ROW, title);
}

GtkWidget *
dh_test_find_button (gpointer    root,
                     const char *label)
{
  g_autoptr(GPtrArray) buttons = dh_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button “%s”", label);
}

/* The one ready-made message under @root. */
DhMessageView *
dh_test_find_message_view (gpointer root)
{
  g_autoptr(GPtrArray) views = dh_test_find_all (root, DH_TYPE_MESSAGE_VIEW);

  g_assert_cmpuint (views->len, ==, 1);
  return g_ptr_array_index (views, 0);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  *out = text ? text : g_strdup_printf ("(read failed: %s)", error->message);
}

static char *
read_clipboard_once (GdkClipboard *clipboard)
{
  char *text = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gdk_clipboard_read_text_async (clipboard, NULL, read_done, &text);
  while (text == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return text ? text : g_strdup ("(timed out)");
}

/* What another program would paste: read through a second connection to the X server. That
 * connection learns of the new owner asynchronously, so a stale value is read again for a while. */
char *
dh_test_clipboard_text (GtkWidget  *widget,
                        const char *expected)
{
  static GdkDisplay *other;
  GdkClipboard *clipboard;
  gint64 end = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;
  char *text = NULL;

  gdk_display_flush (gtk_widget_get_display (widget));
  if (other == NULL)
    other = gdk_display_open (NULL);
  clipboard = other ? gdk_display_get_clipboard (other) : gtk_widget_get_clipboard (widget);
  do
    {
      g_free (text);
      text = read_clipboard_once (clipboard);
    }
  while (g_strcmp0 (text, expected) != 0 && g_get_monotonic_time () < end);
  return text;
}

/* A click, at once (gtk_widget_activate on a button clicks only after a short animation), on a
 * button a person can click: sensitive, and shown with every widget around it. */
void
dh_test_click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_is_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

void
dh_test_assert_copies (GtkWidget  *button,
                       const char *expected)
{
  g_autofree char *text = NULL;

  /* Emptied first, so that what is read back is what this click copied. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), "");
  dh_test_click (button);
  text = dh_test_clipboard_text (button, expected);
  g_assert_cmpstr (text, ==, expected);
}

void
dh_test_assert_row_copies (DhCopyRow  *row,
                           const char *expected)
{
  g_assert_cmpstr (dh_copy_row_get_value (row), ==, expected);
  dh_test_assert_copies (dh_copy_row_get_button (row), expected);
}

static void
record_launch (GtkWindow  *parent,
               const char *uri,
               gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (uri));
}

/* From now on link launches are recorded in the returned array instead of opening a browser. */
GPtrArray *
dh_test_record_launches (void)
{
  GPtrArray *launches = g_ptr_array_new_with_free_func (g_free);

  dh_links_set_launcher (record_launch, launches);
  return launches;
}

static gboolean
frame_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
has_two_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      return TRUE;
  return FALSE;
}

/* Renders the window as it is on screen to a PNG, once it has settled and drawn something. */
void
dh_test_save_screenshot (GtkWindow  *window,
                         const char *path)
{
  GtkWidget *widget = GTK_WIDGET (window);
  guint frames = 0;
  guint tick = gtk_widget_add_tick_callback (widget, frame_tick, &frames, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot;
      g_autoptr(GskRenderNode) node = NULL;
      int width, height;

      for (guint start = frames; frames < start + 30;)
        g_main_context_iteration (NULL, TRUE);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        continue;
      g_clear_object (&texture);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (has_two_colours (texture))
        break;
    }
  gtk_widget_remove_tick_callback (widget, tick);
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A registered, activated application with its window. Not unique: no other instance on the
 * test's bus is asked to do the work. @ui_language, unless NULL, is set first. */
DhApplication *
dh_test_start_app (const char *ui_language)
{
  DhApplication *app = dh_application_new ();
  g_autoptr(GError) error = NULL;
  GSettings *settings = dh_application_get_settings (app);

  g_assert_nonnull (settings);
  if (ui_language != NULL)
    g_settings_set_string (settings, "ui-language", ui_language);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

/* A registered application that was never run stays registered until the process ends (GLib
 * 2.74 has no way to unregister it), and the language is the process's: a test that starts one
 * runs in a process of its own. TRUE in that process; FALSE in the parent, once it passed. */
gboolean
dh_test_in_own_process (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}
