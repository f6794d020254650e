/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-start-page.c: step 1: paste, open or drop the bounce; complete when there is text or a file.
 * Its apply reads the file (if one was opened) and analyses the bounce, in one task. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-start-page.h"
#include "dh-analyzer.h"
#include "dh-input.h"
#include "dh-case-store.h"
#include "dh-case-text.h"
#include "dh-format.h"

/* How much of an opened file the paste area shows, in bytes (all of it is analysed). */
#define SHOWN_TEXT_MAX (2 * 1024 * 1024)

struct _DhStartPage
{
  DhPage parent_instance;

  GtkTextView *text_view;
  GtkSpinner  *spinner;
  GtkLabel    *status_label;
  GtkWidget   *cases_box;
  GtkListBox  *cases_list;
  GPtrArray   *summaries;   /* the cases listed (DhCaseSummary*), newest first */
  GPtrArray   *problems;
  gboolean     all_cases;   /* the user asked for every case, not only the newest */

  GBytes      *loaded;      /* the bytes of an opened file, analysed as they are */
  GFile       *pending;     /* a file opened or dropped, read by the next apply */
  gboolean     setting;     /* the buffer is being set from a file */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (DhStartPage, dh_start_page, DH_TYPE_PAGE)

static void
buffer_changed (DhStartPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  if (!self->setting)
    {
      g_clear_pointer (&self->loaded, g_bytes_unref);
      g_clear_object (&self->pending);
    }
  dh_page_set_complete (DH_PAGE (self),
                        gtk_text_buffer_get_char_count (buffer) > 0 || self->pending != NULL);
  dh_start_page_set_status (self, NULL);
}

void
dh_start_page_set_text (DhStartPage *self,
                        const char  *text)
{
  g_return_if_fail (DH_IS_START_PAGE (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

char *
dh_start_page_get_text (DhStartPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DH_IS_START_PAGE (self), NULL);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What to analyse: an opened file's own bytes, or the text in the paste area. */
static GBytes *
get_input (DhStartPage *self)
{
  char *text;

  if (self->loaded)
    return g_bytes_ref (self->loaded);
  text = dh_start_page_get_text (self);
  return g_bytes_new_take (text, strlen (text));
}

/* A saved case: what it is about (the address, the sending domain), where it stands, and a
 * delete button; activating the row opens it (win.open-case). */
static GtkWidget *
case_row_new (DhCaseSummary *summary,
              GDateTime     *now)
{
  GtkWidget *row;
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *state = dh_case_text_state (summary->state, summary->since, summary->step, now);
  g_autofree char *updated = dh_format_date_time (summary->updated);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_name = NULL;

  if (summary->ip && summary->sender_domain)
    /* Translators: a saved case in the list: %1$s is the blocked IP address, %2$s the sender's
     * domain. */
    title = g_strdup_printf (_("%1$s (%2$s)"), summary->ip, summary->sender_domain);
  else if (summary->ip || summary->sender_domain)
    title = g_strdup (summary->ip ? summary->ip : summary->sender_domain);
  else
    title = g_strdup (_("Case without an address"));
  /* Translators: under a saved case: %1$s is its state, such as "Waiting for Microsoft’s reply
   * for 2 days"; %2$s the date and time it was last changed. */
  subtitle = g_strdup_printf (_("%1$s\nLast changed %2$s"), state, updated);

  row = dh_text_row_new (title, subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-case");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", summary->id);

  /* Translators: accessible name and tooltip of a button; %s names a saved case. */
  delete_name = g_strdup_printf (_("Delete case %s"), title);
  gtk_widget_set_tooltip_text (delete_button, delete_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "win.delete-case");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_button), "s", summary->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (summary->id), g_free);
  return row;
}

/* A file that could not be read as a case: said once, with what became of it. */
static GtkWidget *
problem_row_new (DhCaseProblem *problem)
{
  GtkWidget *row;
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *subtitle = NULL;

  if (problem->kind == DH_CASE_PROBLEM_CORRUPT && problem->moved_to)
    /* Translators: %1$s is why a saved case cannot be read; %2$s the file it was moved to. */
    subtitle = g_strdup_printf (_("%1$s It was set aside, unchanged, as “%2$s”."),
                                problem->message, problem->moved_to);
  else
    subtitle = g_strdup (problem->message);

  row = dh_text_row_new (problem->kind == DH_CASE_PROBLEM_NEWER_FORMAT
                           ? _("A case saved by a newer version of Delist Helper")
                           : problem->kind == DH_CASE_PROBLEM_FOLDER_LINK
                           ? _("The cases folder is a symbolic link")
                           : _("A saved case could not be read"),
                         subtitle);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* How many cases the list shows before "Show All Cases": a row costs a few milliseconds of the
 * first frame (tests/bench-startup.sh), and the newest are the ones being worked on. */
#define N_CASES_SHOWN 5

static void fill_cases (DhStartPage *self);

static void
show_all_activated (GtkListBox    *box,
                    GtkListBoxRow *row,
                    DhStartPage   *self)
{
  if (g_object_get_data (G_OBJECT (row), "show-all") == NULL)
    return;
  self->all_cases = TRUE;
  fill_cases (self);
}

static void
fill_cases (DhStartPage *self)
{
  GtkWidget *child;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_summaries = self->summaries ? self->summaries->len : 0;
  guint shown = self->all_cases ? n_summaries : MIN (n_summaries, N_CASES_SHOWN);

  /* GTK 4.8 has no gtk_list_box_remove_all (). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cases_list))) != NULL)
    gtk_list_box_remove (self->cases_list, child);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->cases_list, case_row_new (g_ptr_array_index (self->summaries, i), now));
  if (shown < n_summaries)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Cases", "Show All %u Cases",
                                      n_summaries), n_summaries);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-down-symbolic"));
      g_object_set_data (G_OBJECT (row), "show-all", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->cases_list, row);
    }
  for (guint i = 0; self->problems && i < self->problems->len; i++)
    gtk_list_box_append (self->cases_list, problem_row_new (g_ptr_array_index (self->problems, i)));
  gtk_widget_set_visible (self->cases_box,
                          n_summaries > 0 || (self->problems && self->problems->len > 0));
}

/* Shows the saved cases (DhCaseSummary*, newest first; the newest few, then a row that shows all)
 * and the files that are not cases (DhCaseProblem*); either may be NULL. */
void
dh_start_page_set_cases (DhStartPage *self,
                         GPtrArray   *summaries,
                         GPtrArray   *problems)
{
  g_return_if_fail (DH_IS_START_PAGE (self));

  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->summaries = summaries ? g_ptr_array_ref (summaries) : NULL;
  self->problems = problems ? g_ptr_array_ref (problems) : NULL;
  fill_cases (self);
}

/* The row of case @id, or NULL; for the window's delete and for tests. */
GtkWidget *
dh_start_page_get_case_row (DhStartPage *self,
                            const char  *id)
{
  g_return_val_if_fail (DH_IS_START_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->cases_list));
       row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "case-id"), id) == 0)
      return row;
  return NULL;
}

void
dh_start_page_set_status (DhStartPage *self,
                          const char  *message)
{
  g_return_if_fail (DH_IS_START_PAGE (self));
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

/* While the bounce is read and analysed (the wizard runs the apply): a spinner, and no other
 * file or paste. */
static void
busy_changed (DhStartPage *self)
{
  gboolean busy = dh_page_get_busy (DH_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "start.paste", !busy);
}

/* What one apply reads and what it found. */
typedef struct
{
  DhCase     *dh_case;
  GFile      *file;       /* to read, or NULL */
  GBytes     *input;      /* what to analyse: the pasted text, or the bytes read from @file */
  char       *shown;      /* @file's text made valid for display */
  gboolean    read_failed;
  DhAnalysis *analysis;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_clear_pointer (&data->dh_case, g_object_unref);
  g_clear_object (&data->file);
  g_clear_pointer (&data->input, g_bytes_unref);
  g_free (data->shown);
  g_clear_pointer (&data->analysis, dh_analysis_free);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;
  const char *bytes;
  gsize length;

  if (data->file)
    {
      g_autofree char *path = g_file_get_path (data->file);

      data->read_failed = TRUE;
      if (path == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                   _("Only files on this computer can be opened."));
          return;
        }
      data->input = dh_read_file (data->file, DH_ANALYZER_MAX_INPUT, cancellable, &error);
      if (data->input == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      data->read_failed = FALSE;
      /* Show the text made valid for display; analyse the bytes as they are (charsets, MIME). */
      bytes = g_bytes_get_data (data->input, &length);
      data->shown = g_utf8_make_valid (bytes, MIN (length, SHOWN_TEXT_MAX));
    }

  bytes = g_bytes_get_data (data->input, &length);
  data->analysis = dh_analyze_full (bytes, length, cancellable, &error);
  if (data->analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Reads the file opened, if any, and analyses the bounce, in one task. */
static void
dh_start_page_apply_async (DhPage              *page,
                           DhCase              *dh_case,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DhStartPage *self = DH_START_PAGE (page);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ApplyData *data = g_new0 (ApplyData, 1);

  data->dh_case = g_object_ref (dh_case);
  if (self->pending)
    data->file = g_object_ref (self->pending);
  else
    data->input = get_input (self);
  g_task_set_source_tag (task, dh_start_page_apply_async);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  g_task_run_in_thread (task, apply_thread);
}

/* Shows @shown and keeps @bytes, an opened file's own bytes, to analyse as they are. */
static void
set_loaded (DhStartPage *self,
            const char  *shown,
            GBytes      *bytes)
{
  self->setting = TRUE;
  dh_start_page_set_text (self, shown);
  self->setting = FALSE;
  g_clear_object (&self->pending);
  g_clear_pointer (&self->loaded, g_bytes_unref);
  self->loaded = g_bytes_ref (bytes);
}

/* The bounce analysed goes into the case; otherwise the page says why not. */
static gboolean
dh_start_page_apply_finish (DhPage        *page,
                            GAsyncResult  *result,
                            GError       **error)
{
  DhStartPage *self = DH_START_PAGE (page);
  ApplyData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ;
      else if (data->read_failed)
        {
          /* Translators: %s is the reason a file cannot be opened. */
          g_autofree char *message = g_strdup_printf (_("The file cannot be opened: %s"),
                                                      local_error->message);
          g_clear_object (&self->pending);
          dh_page_set_complete (page, gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->text_view)) > 0);
          dh_start_page_set_status (self, message);
        }
      else
        {
          if (data->shown)
            set_loaded (self, data->shown, data->input);
          if (g_error_matches (local_error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE))
            dh_start_page_set_status (self, _("This text is too large to be a bounce. Paste only the returned message."));
          else
            dh_start_page_set_status (self, local_error->message);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (data->shown)
    set_loaded (self, data->shown, data->input);
  if (data->analysis->reports->len == 0)
    {
      /* The page offers Next only for a text that is not blank. */
      g_autofree char *message = dh_analysis_describe_empty (data->analysis, 1);

      dh_start_page_set_status (self, message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return FALSE;
    }

  text = dh_start_page_get_text (self);
  /* Back on the first step of a saved case, the bounce read again stays that case; the same
   * bounce pasted into a new case is a new one. An opened file is kept as its bytes too:
   * reopening the case analyses the same thing, also for an ISO-2022-JP message whose text alone
   * might read differently. */
  if (self->loaded)
    dh_case_set_analysis_for_bytes (data->dh_case, text, self->loaded, g_steal_pointer (&data->analysis));
  else
    dh_case_set_analysis (data->dh_case, text, g_steal_pointer (&data->analysis));
  return TRUE;
}

/* Reads and analyses @file as the bounce (Next, with the file as the input), unless a bounce is
 * being read already. */
void
dh_start_page_load_file (DhStartPage *self,
                         GFile       *file)
{
  g_return_if_fail (DH_IS_START_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (dh_page_get_busy (DH_PAGE (self)))
    return;
  g_set_object (&self->pending, file);
  dh_start_page_set_status (self, NULL);
  dh_page_set_complete (DH_PAGE (self), TRUE);
  /* A file was chosen on purpose: go on to the diagnosis. */
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.next", NULL);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  DhStartPage *self = DH_START_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file)
        dh_start_page_load_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DhStartPage *self = DH_START_PAGE (widget);
  GtkFileFilter *filter;

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Bounce"), dh_widget_get_window (widget),
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
  g_autoptr(DhStartPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || *text == '\0')
    {
      dh_start_page_set_status (self, _("The clipboard holds no text. Copy the bounce in your mail program first."));
      return;
    }
  dh_start_page_set_text (self, text);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_done, g_object_ref (widget));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  DhStartPage *self = DH_START_PAGE (user_data);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      if (files == NULL)
        return FALSE;
      dh_start_page_load_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      dh_start_page_load_file (self, g_value_get_object (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value))
    {
      dh_start_page_set_text (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

static void
dh_start_page_shown (DhPage *page,
                     DhCase *dh_case)
{
  DhStartPage *self = DH_START_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Takes over what @from holds: the text in the paste area and an opened file's bytes, which are
 * what is analysed (a wizard rebuilt in another language). */
void
dh_start_page_copy_input (DhStartPage *self,
                          DhStartPage *from)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DH_IS_START_PAGE (self));
  g_return_if_fail (DH_IS_START_PAGE (from));

  text = dh_start_page_get_text (from);
  if (from->loaded)
    set_loaded (self, text, from->loaded);
  else
    dh_start_page_set_text (self, text);
}

static void
dh_start_page_dispose (GObject *object)
{
  DhStartPage *self = DH_START_PAGE (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->loaded, g_bytes_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  G_OBJECT_CLASS (dh_start_page_parent_class)->dispose (object);
}

static void
dh_start_page_class_init (DhStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  object_class->dispose = dh_start_page_dispose;
  page_class->shown = dh_start_page_shown;
  page_class->apply_async = dh_start_page_apply_async;
  page_class->apply_finish = dh_start_page_apply_finish;

  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhStartPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, DhStartPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, DhStartPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DhStartPage, cases_box);
  gtk_widget_class_bind_template_child (widget_class, DhStartPage, cases_list);
  gtk_widget_class_bind_template_callback (widget_class, buffer_changed);
  gtk_widget_class_bind_template_callback (widget_class, busy_changed);
  gtk_widget_class_bind_template_callback (widget_class, show_all_activated);
  gtk_widget_class_bind_template_callback (widget_class, drop_cb);

  gtk_widget_class_install_action (widget_class, "start.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "start.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "start.open", NULL);
  /* In the text area Ctrl+V pastes there; elsewhere on the page it fills the area. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "start.paste", NULL);
}

static void
dh_start_page_init (DhStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dh_start_page_new (void)
{
  return g_object_new (DH_TYPE_START_PAGE, NULL);
}
