/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.c: the main window: paste or open a bounce, analyse it off the UI thread, show it. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-window.h"
#include "dh-analyzer.h"
#include "dh-cli.h"
#include "dh-gui-resources.h"
#include "dh-verdict-text.h"

struct _DhWindow
{
  AdwApplicationWindow parent_instance;

  GtkTextView     *text_view;
  GtkWidget       *results_box;
  GtkLabel        *status_label;
  GtkSpinner      *spinner;
  AdwToastOverlay *toast_overlay;

  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (DhWindow, dh_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_status (DhWindow   *self,
             const char *message)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static void
clear_results (DhWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->results_box), child);
}

static void
set_busy (DhWindow *self,
          gboolean  busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.analyze", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", !busy);
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *source_line)
{
  GtkWidget *row;
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;

  escaped = g_markup_escape_text (value, -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  if (source_line != NULL && g_strcmp0 (source_line, value) != 0)
    {
      /* Translators: %s is the line of the bounce a fact was read from. */
      g_autofree char *tooltip = g_strdup_printf (_("From the line: %s"), source_line);
      gtk_widget_set_tooltip_text (row, tooltip);
    }
  adw_preferences_group_add (group, row);
}

static char *
join_array (GPtrArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < array->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (array, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (", ", strv);
}

static GtkWidget *
report_group (DhReport *report,
              guint     index,
              guint     count)
{
  GtkWidget *group = adw_preferences_group_new ();
  AdwPreferencesGroup *g = ADW_PREFERENCES_GROUP (group);
  g_autofree char *headline = dh_verdict_headline (report);
  g_autofree char *escaped_headline = g_markup_escape_text (headline, -1);
  g_autofree char *description = NULL;
  g_autofree char *recipients = join_array (report->recipients);
  g_autofree char *code = NULL;
  g_autofree char *ip = NULL;
  const char *sending_ip = dh_report_get (report, DH_FACT_SENDING_IP);

  adw_preferences_group_set_title (g, escaped_headline);
  description = g_strdup_printf ("%s %s", dh_verdict_kind_text (report->kind),
                                 dh_verdict_remedy_text (report->remedy));
  {
    g_autofree char *escaped = g_markup_escape_text (description, -1);
    adw_preferences_group_set_description (g, escaped);
  }

  if (count > 1)
    {
      /* Translators: %1$u is this bounce's number, %2$u how many were found. */
      g_autofree char *label = g_strdup_printf (_("Bounce %1$u of %2$u"), index + 1, count);
      GtkWidget *suffix = gtk_label_new (label);
      gtk_widget_add_css_class (suffix, "dim-label");
      adw_preferences_group_set_header_suffix (g, suffix);
    }

  if (sending_ip != NULL)
    {
      if (report->sending_ip_guess)
        /* Translators: %s is an IP address; the app guessed it from the mail's Received lines. */
        ip = g_strdup_printf (_("%s (a guess from the mail’s route: check it)"), sending_ip);
      else
        ip = g_strdup (sending_ip);
      add_row (g, report->is_block ? _("Blocked address (IP)") : _("Your server’s address (IP)"),
               ip, dh_report_get_line (report, DH_FACT_SENDING_IP));
    }
  add_row (g, _("Refused by"), dh_verdict_system_name (report->system), NULL);
  add_row (g, _("Recipients"), recipients, dh_report_get_line (report, DH_FACT_RECIPIENT));
  add_row (g, _("Your address"), dh_report_get (report, DH_FACT_SENDER),
           dh_report_get_line (report, DH_FACT_SENDER));
  if (report->reply_code || report->status || dh_report_get (report, DH_FACT_PROVIDER_CODE))
    {
      g_autoptr(GString) s = g_string_new (NULL);
      if (report->reply_code)
        g_string_append (s, report->reply_code);
      if (report->status)
        g_string_append_printf (s, s->len ? " %s" : "%s", report->status);
      if (dh_report_get (report, DH_FACT_PROVIDER_CODE))
        g_string_append_printf (s, s->len ? " (%s)" : "%s", dh_report_get (report, DH_FACT_PROVIDER_CODE));
      code = g_string_free (g_steal_pointer (&s), FALSE);
    }
  add_row (g, _("Error code"), code, NULL);
  add_row (g, _("Your mail server"), dh_report_get (report, DH_FACT_REPORTING_HOST),
           dh_report_get_line (report, DH_FACT_REPORTING_HOST));
  add_row (g, _("Refusing server"), dh_report_get (report, DH_FACT_REMOTE_HOST),
           dh_report_get_line (report, DH_FACT_REMOTE_HOST));
  add_row (g, _("Error message"), dh_report_get (report, DH_FACT_DIAGNOSTIC), NULL);
  return group;
}

static void
show_analysis (DhWindow   *self,
               DhAnalysis *analysis)
{
  clear_results (self);

  if (analysis->reports->len == 0)
    {
      show_status (self, analysis->n_feedback_reports > 0
                         ? _("This is a spam complaint (feedback loop report), not a bounce: no mail was refused.")
                         : _("No bounce was found in this text. Paste the whole returned message, or open it as an .eml file."));
      return;
    }

  show_status (self, NULL);
  for (guint i = 0; i < analysis->reports->len; i++)
    gtk_box_append (GTK_BOX (self->results_box),
                    report_group (g_ptr_array_index (analysis->reports, i), i, analysis->reports->len));
}

static void
analyze_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *input = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (input, &length);
  DhAnalysis *analysis = dh_analyze (data, length, &error);

  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, (GDestroyNotify) dh_analysis_free);
}

static void
analyze_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DhWindow *self = DH_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DhAnalysis) analysis = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (analysis == NULL)
    {
      clear_results (self);
      if (g_error_matches (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE))
        show_status (self, _("This text is too large to be a bounce. Paste only the returned message."));
      else
        show_status (self, error->message);
      return;
    }
  show_analysis (self, analysis);
}

static void
analyze_bytes (DhWindow *self,
               GBytes   *input)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, analyze_done, NULL);
  g_task_set_task_data (task, g_bytes_ref (input), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, analyze_thread);
}

void
dh_window_analyze (DhWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *text;

  g_return_if_fail (DH_IS_WINDOW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*text == '\0')
    {
      g_free (text);
      clear_results (self);
      show_status (self, _("Paste the bounce first, or open it as a file."));
      return;
    }
  {
    g_autoptr(GBytes) input = g_bytes_new_take (text, strlen (text));
    analyze_bytes (self, input);
  }
}

void
dh_window_set_text (DhWindow   *self,
                    const char *text)
{
  g_return_if_fail (DH_IS_WINDOW (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

GtkWidget *
dh_window_get_results (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->results_box;
}

gboolean
dh_window_is_busy (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), FALSE);
  return self->busy;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  GBytes *bytes;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be opened."));
      return;
    }
  bytes = dh_cli_read_input (path, DH_ANALYZER_MAX_INPUT, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DhWindow *self = DH_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  gsize length;
  const char *data;

  set_busy (self, FALSE);
  if (bytes == NULL)
    {
      /* Translators: %s is the reason a file cannot be opened. */
      g_autofree char *message = g_strdup_printf (_("The file cannot be opened: %s"), error->message);
      clear_results (self);
      show_status (self, message);
      return;
    }

  /* Show the text as it is (made valid for display), analyse the bytes as they are. */
  data = g_bytes_get_data (bytes, &length);
  {
    g_autofree char *shown = g_utf8_make_valid (data, MIN (length, 1024 * 1024));
    dh_window_set_text (self, shown);
  }
  analyze_bytes (self, bytes);
}

void
dh_window_load_file (DhWindow *self,
                     GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, load_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  DhWindow *self = DH_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file)
        dh_window_load_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  GtkFileFilter *filter;

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Bounce"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("E-mail messages and mailboxes"));
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_filter_add_mime_type (filter, "application/mbox");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "eml");
  gtk_file_filter_add_suffix (filter, "mbox");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
paste_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DhWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The clipboard holds no text.")));
      return;
    }
  dh_window_set_text (self, text);
  dh_window_analyze (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, paste_done, g_object_ref (widget));
}

static void
analyze_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dh_window_analyze (DH_WINDOW (widget));
}

static void
dh_window_dispose (GObject *object)
{
  DhWindow *self = DH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_WINDOW);

  G_OBJECT_CLASS (dh_window_parent_class)->dispose (object);
}

static void
dh_window_class_init (DhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dh_window_dispose;

  /* Referencing the resource keeps it, and the constructor that registers it, in the binary. */
  g_assert (dh_gui_get_resource () != NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DhWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, results_box);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.analyze", NULL, analyze_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.analyze", NULL);
}

static void
dh_window_init (DhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DhWindow *
dh_window_new (DhApplication *app)
{
  return g_object_new (DH_TYPE_WINDOW, "application", app, NULL);
}
