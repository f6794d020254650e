/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.c: the wizard. It owns the pages, the route through them (which follows from the
 * verdict) and the Back / Next actions; pages only say their title and whether they are complete. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-window.h"
#include "dh-analyzer.h"
#include "dh-case-store.h"
#include "dh-route.h"
#include "dh-toast.h"
#include "dh-case-export.h"
#include "dh-gui-resources.h"
#include "pages/dh-blocklist-page.h"
#include "pages/dh-delist-mail-page.h"
#include "pages/dh-diagnosis-page.h"
#include "pages/dh-done-page.h"
#include "pages/dh-form-page.h"
#include "pages/dh-host-page.h"
#include "pages/dh-portal-page.h"
#include "pages/dh-reply-page.h"
#include "pages/dh-start-page.h"
#include "pages/dh-wait-page.h"

struct _DhWindow
{
  AdwApplicationWindow parent_instance;

  GtkStack        *stack;
  AdwWindowTitle  *window_title;
  GtkWidget       *back_button;
  GtkWidget       *next_button;
  AdwToastOverlay *toast_overlay;

  DhCase          *dh_case;
  GPtrArray       *route;        /* page names, in order */
  guint            current;
  DhPage          *watched;      /* the page whose "complete" the Next button follows */
  char            *step_label;
  GCancellable    *cancellable;
  gboolean         busy;

  DhCaseStore     *store;        /* the application's, or (no DhApplication) one of its own */
  gboolean         restoring;    /* pages are being filled from a saved case: no "changed" */
  gboolean         initializing; /* in dh_window_init (): no application yet, so no store */
  gboolean         closed;       /* disposed: the case was written; pages going away change nothing */
  DhCase          *deleted;      /* the case deleted last, until its toast is gone (undo) */
  AdwToast        *delete_toast;
  AdwToast        *save_toast;   /* "Could not save", while shown: one is enough */
  GPtrArray       *problems;     /* DhCaseProblem*: saved files that could not be read */
  gboolean         mask_recipients;  /* reports hide the recipients' addresses */
  GtkFileChooserNative *report_chooser;
  AdwMessageDialog *notes_dialog;
  GtkTextView     *notes_view;   /* in notes_dialog */
};

G_DEFINE_FINAL_TYPE (DhWindow, dh_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MASK_RECIPIENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dh_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MASK_RECIPIENTS:
      g_value_set_boolean (value, DH_WINDOW (object)->mask_recipients);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DhWindow *self = DH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MASK_RECIPIENTS:
      if (self->mask_recipients != g_value_get_boolean (value))
        {
          self->mask_recipients = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The pages, by name. Each is built the first time the route or dh_window_get_page () needs it:
 * building all of them in dh_window_init () made the first frame about a third slower, since the
 * stack also styles and measures every child (tests/bench-startup.sh). */
static const struct {
  const char *name;
  GtkWidget *(*new) (void);
} page_types[] = {
  { "start", dh_start_page_new },
  { "diagnosis", dh_diagnosis_page_new },
  { "host", dh_host_page_new },
  { "portal", dh_portal_page_new },
  { "form", dh_form_page_new },
  { "reply", dh_reply_page_new },
  { "delist-email", dh_delist_mail_page_new },
  { "blocklist", dh_blocklist_page_new },
  { "wait", dh_wait_page_new },
  { "done", dh_done_page_new },
};

static void
add_page (DhWindow   *self,
          const char *name,
          GtkWidget  *page)
{
  gtk_stack_add_named (self->stack, page, name);
}

static gboolean
has_page (DhWindow   *self,
          const char *name)
{
  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    if (g_str_equal (page_types[i].name, name))
      return TRUE;
  return FALSE;
}

static void page_changed (DhWindow   *self,
                          const char *event,
                          const char *detail,
                          DhPage     *page);

/* The page @name, built and added to the stack the first time it is asked for; NULL when there is
 * no such page. */
DhPage *
dh_window_get_page (DhWindow   *self,
                    const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  child = gtk_stack_get_child_by_name (self->stack, name);
  for (guint i = 0; child == NULL && i < G_N_ELEMENTS (page_types); i++)
    if (g_str_equal (page_types[i].name, name))
      {
        child = page_types[i].new ();
        dh_page_name_buttons (child);
        g_signal_connect_object (child, "changed", G_CALLBACK (page_changed), self, G_CONNECT_SWAPPED);
        add_page (self, name, child);
      }
  return child ? DH_PAGE (child) : NULL;
}

static DhPage *
page_at (DhWindow *self,
         guint     index)
{
  if (index >= self->route->len)
    return NULL;
  return dh_window_get_page (self, g_ptr_array_index (self->route, index));
}

DhPage *
dh_window_get_current_page (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return page_at (self, self->current);
}

static void
rebuild_route (DhWindow *self)
{
  const char *const *steps = dh_route_steps (dh_case_get_remedy (self->dh_case));

  g_ptr_array_set_size (self->route, 0);
  g_ptr_array_add (self->route, (gpointer) "start");
  if (dh_case_get_analysis (self->dh_case) == NULL || dh_case_get_analysis (self->dh_case)->reports->len == 0)
    return;
  g_ptr_array_add (self->route, (gpointer) "diagnosis");
  /* A step with no page (neither in the stack nor in page_types) is left out, so the route never
   * names a page that does not exist. */
  for (guint s = 0; steps && steps[s]; s++)
    if (has_page (self, steps[s]))
      g_ptr_array_add (self->route, (gpointer) steps[s]);
}

/* --- Saving the case ------------------------------------------------------------------------ */

static void show_current         (DhWindow *self);
static void page_complete_changed (DhWindow *self);

static void
save_toast_dismissed (DhWindow *self)
{
  self->save_toast = NULL;
}

static void
save_failed (DhWindow    *self,
             const char  *id,
             GError      *error)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->save_toast)
    return;
  /* Translators: %s says why, such as "No space left on device". */
  title = g_strdup_printf (_("Could not save the case: %s. It stays open here; keep this window open and try again later."),
                           error->message);
  toast = dh_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->save_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (save_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static DhCaseStore *
get_store (DhWindow *self)
{
  if (self->store == NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      self->store = DH_IS_APPLICATION (app)
                      ? g_object_ref (dh_application_get_case_store (DH_APPLICATION (app)))
                      : dh_case_store_new (NULL);
      g_signal_connect_object (self->store, "save-failed", G_CALLBACK (save_failed), self,
                               G_CONNECT_SWAPPED);
    }
  return self->store;
}

/* A case is saved once it has a bounce: before that there is nothing to come back to. */
static gboolean
case_is_saved (DhWindow *self)
{
  return dh_case_get_analysis (self->dh_case) != NULL && dh_case_get_analysis (self->dh_case)->reports->len > 0;
}

static void save_case (DhWindow *self);

/* Makes @dh_case (transfer full) the case on screen; its every change is saved. */
static void
set_case (DhWindow *self,
          DhCase   *dh_case)
{
  if (self->dh_case)
    g_signal_handlers_disconnect_by_func (self->dh_case, save_case, self);
  g_clear_object (&self->dh_case);
  self->dh_case = dh_case;
  if (dh_case)
    g_signal_connect_object (dh_case, "changed", G_CALLBACK (save_case), self, G_CONNECT_SWAPPED);
}

static void
save_case (DhWindow *self)
{
  if (self->restoring || self->closed || !case_is_saved (self))
    return;
  dh_case_store_schedule_save (get_store (self), self->dh_case);
}

static void
page_changed (DhWindow   *self,
              const char *event,
              const char *detail,
              DhPage     *page)
{
  if (self->restoring || self->closed || !case_is_saved (self))
    return;
  /* With what the event starts (after "Delist IP" on the Microsoft 365 portal, a wait). */
  if (event)
    dh_route_record_event (self->dh_case, event, detail, NULL);
  save_case (self);
}

/* Built pages show the case they were filled from: a different case starts from new pages. */
static void
reset_step_pages (DhWindow *self)
{
  if (self->watched)
    {
      g_signal_handlers_disconnect_by_func (self->watched, page_complete_changed, self);
      g_clear_object (&self->watched);
    }
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->stack, page_types[i].name);

      if (page && !g_str_equal (page_types[i].name, "start"))
        gtk_stack_remove (self->stack, page);
    }
}

/* Shows the step the case was left at; each page fills itself from the case when shown. */
static void
restore_case (DhWindow *self)
{
  const char *step = dh_case_get_step (self->dh_case);

  self->restoring = TRUE;
  rebuild_route (self);
  self->current = self->route->len > 1 ? 1 : 0;
  for (guint i = 1; step && i < self->route->len; i++)
    if (g_str_equal (g_ptr_array_index (self->route, i), step))
      self->current = i;
  show_current (self);
  self->restoring = FALSE;
}

/* The case list on the start page, from the saved files (the open case's changes first). */
static void
refresh_cases (DhWindow *self)
{
  DhCaseStore *store = get_store (self);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  dh_case_store_flush (store);
  summaries = dh_case_store_list (store, &problems, &error);
  /* A file is reported once, when it is set aside: keep saying it while the window is open. The
   * others (a file left as it is, a folder that is a link) are reported by every list: only the
   * latest count, so that none shows twice. */
  for (guint i = self->problems->len; i > 0; i--)
    if (((DhCaseProblem *) g_ptr_array_index (self->problems, i - 1))->moved_to == NULL)
      g_ptr_array_remove_index (self->problems, i - 1);
  for (guint i = 0; problems && i < problems->len; i++)
    g_ptr_array_add (self->problems, g_steal_pointer (&g_ptr_array_index (problems, i)));
  if (summaries == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    dh_start_page_set_status (DH_START_PAGE (dh_window_get_page (self, "start")), error->message);
  dh_start_page_set_cases (DH_START_PAGE (dh_window_get_page (self, "start")), summaries,
                           self->problems);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  DhCase *loaded;

  if (self->busy)
    return;
  if (case_is_saved (self))
    {
      save_case (self);
      dh_case_store_flush (get_store (self));
    }
  loaded = dh_case_store_load (get_store (self), id, &error);
  if (loaded == NULL)
    {
      dh_start_page_set_status (DH_START_PAGE (dh_window_get_page (self, "start")), error->message);
      refresh_cases (self);
      return;
    }

  reset_step_pages (self);
  set_case (self, loaded);
  self->restoring = TRUE;
  dh_start_page_set_text (DH_START_PAGE (dh_window_get_page (self, "start")), dh_case_get_input (loaded));
  self->restoring = FALSE;
  restore_case (self);
}

static void
undo_delete (DhWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL)
    return;
  if (!dh_case_store_save (get_store (self), self->deleted, &error))
    save_failed (self, dh_case_get_id (self->deleted), error);
  g_clear_pointer (&self->deleted, g_object_unref);
  refresh_cases (self);
}

static void
delete_toast_dismissed (DhWindow *self)
{
  g_clear_pointer (&self->deleted, g_object_unref);
  self->delete_toast = NULL;
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  DhCaseStore *store = get_store (self);
  DhCase *deleted;

  dh_case_store_flush (store);
  /* Kept in memory for "Undo"; a file that cannot be read as a case is not deleted here. */
  deleted = dh_case_store_load (store, id, &error);
  if (deleted == NULL || !dh_case_store_delete (store, id, &error))
    {
      g_clear_pointer (&deleted, g_object_unref);
      dh_start_page_set_status (DH_START_PAGE (dh_window_get_page (self, "start")), error->message);
      return;
    }
  /* The open case, deleted: what is on screen is a new case from now on. */
  if (g_strcmp0 (dh_case_get_id (self->dh_case), id) == 0)
    {
      set_case (self, dh_case_new ());
      reset_step_pages (self);
      rebuild_route (self);
    }

  if (self->delete_toast)
    adw_toast_dismiss (self->delete_toast);
  g_clear_pointer (&self->deleted, g_object_unref);
  self->deleted = deleted;
  self->delete_toast = dh_toast_new (_("Case deleted"));
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_action_name (self->delete_toast, "win.undo-delete");
  g_signal_connect_object (self->delete_toast, "dismissed", G_CALLBACK (delete_toast_dismissed),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->delete_toast);
  refresh_cases (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_delete (DH_WINDOW (widget));
}

/* Opens the saved case @id at the step it was left at; FALSE (with @error) when it cannot be read. */
gboolean
dh_window_open_case (DhWindow    *self,
                     const char  *id)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "s", id);
  return g_strcmp0 (dh_case_get_id (self->dh_case), id) == 0;
}

/* Writes the open case now (the window is closing, or a test wants the file). */
void
dh_window_save_now (DhWindow *self)
{
  g_return_if_fail (DH_IS_WINDOW (self));

  /* Pages store what is typed as it is typed: the case is up to date without leaving the page. */
  if (case_is_saved (self))
    save_case (self);
  if (self->store)
    dh_case_store_flush (self->store);
}

/* --- The user's own notes on the case ---------------------------------------------------------- */

static void
notes_response (AdwMessageDialog *dialog,
                const char       *response,
                DhWindow         *self)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") == 0 && case_is_saved (self))
    {
      text = dh_page_text_view_get_text (self->notes_view);
      if (g_strcmp0 (text, dh_case_get_notes (self->dh_case) ? dh_case_get_notes (self->dh_case) : "") != 0)
        {
          dh_case_set_notes (self->dh_case, text);
          dh_case_add_event (self->dh_case, "note", NULL);
          save_case (self);
        }
    }
  self->notes_dialog = NULL;
  self->notes_view = NULL;
}

/* A dialog with the case's notes (what the hosting company said, a phone call…), kept with it. */
static void
notes_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  GtkWidget *dialog, *area;

  if (!case_is_saved (self) || self->notes_dialog)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Case Notes"),
                                   _("Anything you want to remember about this case: what your hosting company said, a phone call, a reference number. The notes are kept with the case and go into its report."));
  area = dh_page_text_area_new (_("Case Notes"), 160, 320, &self->notes_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            dh_case_get_notes (self->dh_case) ? dh_case_get_notes (self->dh_case) : "", -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), area);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (notes_response), self);
  self->notes_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

/* The notes dialog while it is open, or NULL; for tests. */
AdwMessageDialog *
dh_window_get_notes_dialog (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->notes_dialog;
}

/* --- The report for the hosting company ------------------------------------------------------ */

static const struct {
  DhExportFormat format;
  const char    *id;
  const char    *label;
  const char    *extension;
} report_formats[] = {
  { DH_EXPORT_TEXT, "text", N_("Plain text"), "txt" },
  { DH_EXPORT_MARKDOWN, "markdown", N_("Markdown"), "md" },
  { DH_EXPORT_JSON, "json", N_("JSON (the whole case)"), "json" },
};

static char *
report_text (DhWindow       *self,
             DhExportFormat  format)
{
  return dh_case_export (self->dh_case, format, self->mask_recipients);
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  g_autofree char *text = NULL;

  if (!case_is_saved (self))
    return;
  text = report_text (self, DH_EXPORT_TEXT);
  dh_copy_text (GTK_WIDGET (self->stack), text,
                self->mask_recipients ? _("Report copied, recipients’ addresses hidden") : _("Report copied"));
}

static void
report_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DhWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    /* Translators: %1$s is a file name, %2$s the reason it could not be written. */
    title = g_strdup_printf (_("Could not save “%1$s”: %2$s"), name, error->message);
  else
    /* Translators: %s is a file name. */
    title = g_strdup_printf (_("Report saved as “%s”"), name);
  dh_show_toast (GTK_WIDGET (self->stack), title);
}

static void
report_chooser_response (GtkNativeDialog *dialog,
                         int              response,
                         DhWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  const char *choice;
  DhExportFormat format = DH_EXPORT_TEXT;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file)
    {
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
      for (guint i = 0; choice && i < G_N_ELEMENTS (report_formats); i++)
        if (g_str_equal (choice, report_formats[i].id))
          format = report_formats[i].format;
      dh_window_save_report (self, file, format);
    }
  g_clear_object (&self->report_chooser);
}

/* Writes the report in @format (recipients hidden when the menu says so) to @file, and says how
 * it went in a toast. */
void
dh_window_save_report (DhWindow       *self,
                       GFile          *file,
                       DhExportFormat  format)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (DH_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!case_is_saved (self))
    return;
  text = report_text (self, format);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                       report_written, g_object_ref (self));
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  const char *ids[G_N_ELEMENTS (report_formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (report_formats) + 1] = { NULL };
  const char *ip;
  g_autofree char *name = NULL;

  if (!case_is_saved (self) || self->report_chooser)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (report_formats); i++)
    {
      ids[i] = report_formats[i].id;
      labels[i] = _(report_formats[i].label);
    }
  ip = dh_case_get (self->dh_case, DH_CASE_IP);
  /* Translators: the suggested file name of a report; %s is the blocked IP address. Keep it short
   * and without slashes. */
  name = g_strdup_printf (_("delisting-%s.txt"), ip ? ip : "case");
  g_strdelimit (name, ":/\\", '-');

  self->report_chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->report_chooser), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->report_chooser), "format", _("Format"),
                               ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->report_chooser), "format", "text");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->report_chooser), TRUE);
  g_signal_connect (self->report_chooser, "response", G_CALLBACK (report_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->report_chooser));
}

static void
update_case_actions (DhWindow *self)
{
  gboolean saved = case_is_saved (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-report", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-report", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.notes", saved);
}

/* The "Save Report" file chooser while it is open, or NULL; for tests. */
GtkFileChooserNative *
dh_window_get_report_chooser (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->report_chooser;
}

/* For tests: the report as "Copy Report" makes it. */
char *
dh_window_get_report (DhWindow       *self,
                      DhExportFormat  format)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return case_is_saved (self) ? report_text (self, format) : NULL;
}

static void
update_buttons (DhWindow *self)
{
  DhPage *page = page_at (self, self->current);
  gboolean has_next = self->current + 1 < self->route->len || self->current == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->current > 0 && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 has_next && page && dh_page_get_complete (page) && !self->busy);
  gtk_widget_set_visible (self->next_button, has_next);
  gtk_widget_set_visible (self->back_button, self->current > 0);
  update_case_actions (self);
}

static void
page_complete_changed (DhWindow *self)
{
  update_buttons (self);
}

static void
show_current (DhWindow *self)
{
  DhPage *page = page_at (self, self->current);

  g_assert (page != NULL);

  if (self->watched)
    g_signal_handlers_disconnect_by_func (self->watched, page_complete_changed, self);
  g_set_object (&self->watched, page);
  g_signal_connect_swapped (page, "notify::complete", G_CALLBACK (page_complete_changed), self);

  dh_page_shown (page, self->dh_case);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));

  /* The step shown is where the case reopens; the start page is not a step of the case. */
  if (self->current > 0 && case_is_saved (self) && !self->restoring)
    {
      dh_case_set_step (self->dh_case, g_ptr_array_index (self->route, self->current));
      save_case (self);
    }
  if (self->current == 0 && !self->initializing)
    refresh_cases (self);

  g_free (self->step_label);
  if (self->route->len > 1)
    /* Translators: %1$u is this step's number, %2$u how many there are. */
    self->step_label = g_strdup_printf (_("Step %1$u of %2$u"), self->current + 1, self->route->len);
  else
    /* Translators: the step counter before the number of steps is known. */
    self->step_label = g_strdup_printf (_("Step %u"), self->current + 1);
  adw_window_title_set_title (self->window_title, self->step_label);
  adw_window_title_set_subtitle (self->window_title, dh_page_get_title (page));
  update_buttons (self);
}

static void
set_busy (DhWindow *self,
          gboolean  busy)
{
  self->busy = busy;
  dh_start_page_set_busy (DH_START_PAGE (dh_window_get_page (self, "start")), busy);
  update_buttons (self);
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
  DhAnalysis *analysis = dh_analyze_full (data, length, cancellable, &error);

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
  DhStartPage *start = DH_START_PAGE (dh_window_get_page (self, "start"));
  g_autoptr(GError) error = NULL;
  DhAnalysis *analysis = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);

  if (analysis == NULL)
    {
      if (g_error_matches (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE))
        dh_start_page_set_status (start, _("This text is too large to be a bounce. Paste only the returned message."));
      else
        dh_start_page_set_status (start, error->message);
      return;
    }
  if (analysis->reports->len == 0)
    {
      /* The start page offers Next only for a text that is not blank. */
      g_autofree char *message = dh_analysis_describe_empty (analysis, 1);

      dh_start_page_set_status (start, message);
      dh_analysis_free (analysis);
      return;
    }

  text = dh_start_page_get_text (start);
  /* Back on the first step of a saved case, the bounce read again stays that case; the same
   * bounce pasted into a new case is a new one. */
  /* An opened file is kept as its bytes too: reopening the case analyses the same thing, also
   * for an ISO-2022-JP message whose text alone might read differently. */
  if (dh_start_page_get_file_bytes (start))
    dh_case_set_analysis_for_bytes (self->dh_case, text, dh_start_page_get_file_bytes (start), analysis);
  else
    dh_case_set_analysis (self->dh_case, text, analysis);
  rebuild_route (self);
  self->current = 1;
  show_current (self);
}

static void
analyze_input (DhWindow *self)
{
  DhStartPage *start = DH_START_PAGE (dh_window_get_page (self, "start"));
  g_autoptr(GTask) task = NULL;
  GBytes *input = dh_start_page_get_input (start);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, analyze_done, NULL);
  g_task_set_task_data (task, input, (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, analyze_thread);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  DhPage *page = page_at (self, self->current);

  if (self->busy || page == NULL || !dh_page_get_complete (page))
    return;
  if (self->current == 0)
    {
      analyze_input (self);
      return;
    }
  if (self->current + 1 >= self->route->len)
    return;
  dh_page_leave (page, self->dh_case);
  self->current++;
  show_current (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  DhPage *page = page_at (self, self->current);

  if (self->busy || self->current == 0)
    return;
  dh_page_leave (page, self->dh_case);
  self->current--;
  show_current (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);
  const char *name = g_ptr_array_index (self->route, self->current);

  rebuild_route (self);
  for (guint i = 0; i < self->route->len; i++)
    if (g_str_equal (g_ptr_array_index (self->route, i), name))
      self->current = i;
  if (self->current >= self->route->len)
    self->current = self->route->len - 1;
  /* Only the counter and the buttons change; the page keeps what is on screen. */
  g_free (self->step_label);
  self->step_label = g_strdup_printf (_("Step %1$u of %2$u"), self->current + 1, self->route->len);
  adw_window_title_set_title (self->window_title, self->step_label);
  update_buttons (self);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);

  DhCase *fresh;

  /* A New Case while a bounce is being read stops the reading. */
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
    }
  if (self->current > 0)
    dh_page_leave (page_at (self, self->current), self->dh_case);
  /* The case on screen is saved and listed; what comes next is a new case. The contact details
   * are the user's own, and stay. */
  if (case_is_saved (self))
    {
      save_case (self);
      fresh = dh_case_new ();
      dh_case_set_contact_name (fresh, dh_case_get_contact_name (self->dh_case));
      dh_case_set_contact_email (fresh, dh_case_get_contact_email (self->dh_case));
      set_case (self, fresh);
      reset_step_pages (self);
      self->restoring = TRUE;
      dh_start_page_set_text (DH_START_PAGE (dh_window_get_page (self, "start")), NULL);
      self->restoring = FALSE;
      rebuild_route (self);
    }
  self->current = 0;
  show_current (self);
}

void
dh_window_load_file (DhWindow *self,
                     GFile    *file)
{
  g_return_if_fail (DH_IS_WINDOW (self));

  if (self->current != 0)
    restart_action (GTK_WIDGET (self), NULL, NULL);
  dh_start_page_load_file (DH_START_PAGE (dh_window_get_page (self, "start")), file);
}

void
dh_window_set_text (DhWindow   *self,
                    const char *text)
{
  g_return_if_fail (DH_IS_WINDOW (self));
  dh_start_page_set_text (DH_START_PAGE (dh_window_get_page (self, "start")), text);
}

const char *
dh_window_get_step_label (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->step_label;
}

guint
dh_window_get_n_steps (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), 0);
  return self->route->len;
}

DhCase *
dh_window_get_case (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->dh_case;
}

gboolean
dh_window_is_busy (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), FALSE);
  return self->busy ||
         dh_start_page_is_busy (DH_START_PAGE (dh_window_get_page (self, "start")));
}

/* Carries everything the user entered from @from to @to, a new window (built in another language):
 * the case (the bounce, its analysis, the chosen bounce, every corrected fact, the contact
 * details, what was chosen on the pages: ticks, a message's language, the time zone), the start
 * page's pasted text and an opened file's bytes, the step shown and the size.
 * @from is left with an empty case, to be destroyed. */
void
dh_window_transfer_state (DhWindow *from,
                          DhWindow *to)
{
  const char *current_name;
  int width, height;

  g_return_if_fail (DH_IS_WINDOW (from));
  g_return_if_fail (DH_IS_WINDOW (to));
  g_return_if_fail (!dh_window_is_busy (from));

  /* What is typed on the page on screen but not yet stored reaches the case first. */
  current_name = g_ptr_array_index (from->route, from->current);
  if (from->current > 0)
    dh_page_leave (page_at (from, from->current), from->dh_case);

  /* The case object itself moves over, with what the step pages chose in it; the start page's
   * text and file bytes (which may not be analysed yet) are handed over directly. */
  set_case (to, g_object_ref (from->dh_case));
  set_case (from, dh_case_new ());
  {
    GtkWidget *start = gtk_stack_get_child_by_name (from->stack, "start");

    if (start)
      {
        to->restoring = TRUE;
        dh_start_page_copy_input (DH_START_PAGE (dh_window_get_page (to, "start")), DH_START_PAGE (start));
        to->restoring = FALSE;
      }
  }
  g_ptr_array_extend_and_steal (to->problems, g_steal_pointer (&from->problems));
  from->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_problem_free);

  if (from->current == 0)
    {
      /* Back on the first step: the step pages keep what they had for when Next is pressed. */
      to->restoring = TRUE;
      rebuild_route (to);
      to->current = 0;
      show_current (to);
      to->restoring = FALSE;
    }
  else
    {
      dh_case_set_step (to->dh_case, current_name);
      restore_case (to);
    }

  gtk_window_get_default_size (GTK_WINDOW (from), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (to), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (from)))
    gtk_window_maximize (GTK_WINDOW (to));
}

/* Replaces @self with a new window built in the language gettext now translates into, on the same
 * step with everything the user entered (dh_window_transfer_state ()), and destroys @self. The
 * window's texts come from its template, the pages' from their constructors: building them again
 * is the one way to have every text in the new language. Returns the new window. */
DhWindow *
dh_window_relocalize (DhWindow *self)
{
  GtkApplication *app;
  DhWindow *window;

  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  g_return_val_if_fail (!dh_window_is_busy (self), self);

  app = gtk_window_get_application (GTK_WINDOW (self));
  window = dh_window_new (DH_IS_APPLICATION (app) ? DH_APPLICATION (app) : NULL);
  /* The old window, on its way out, must not write its size over the new one's. */
  g_settings_unbind (self, "default-width");
  g_settings_unbind (self, "default-height");
  g_settings_unbind (self, "maximized");
  dh_window_transfer_state (self, window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (self));
  return window;
}

static void
dh_window_dispose (GObject *object)
{
  DhWindow *self = DH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->notes_dialog)
    {
      g_signal_handlers_disconnect_by_func (self->notes_dialog, notes_response, self);
      gtk_window_destroy (GTK_WINDOW (self->notes_dialog));
      self->notes_dialog = NULL;
      self->notes_view = NULL;
    }
  if (self->report_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->report_chooser));
      g_clear_object (&self->report_chooser);
    }
  if (self->store)
    {
      if (self->dh_case && case_is_saved (self))
        save_case (self);
      dh_case_store_flush (self->store);
      g_signal_handlers_disconnect_by_func (self->store, save_failed, self);
      g_clear_object (&self->store);
    }
  /* The pages are destroyed after this and may still say they changed. */
  self->closed = TRUE;
  if (self->watched)
    g_signal_handlers_disconnect_by_func (self->watched, page_complete_changed, self);
  g_clear_object (&self->watched);
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_WINDOW);

  G_OBJECT_CLASS (dh_window_parent_class)->dispose (object);
}

static void
dh_window_finalize (GObject *object)
{
  DhWindow *self = DH_WINDOW (object);

  set_case (self, NULL);
  g_clear_pointer (&self->deleted, g_object_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->route, g_ptr_array_unref);
  g_free (self->step_label);

  G_OBJECT_CLASS (dh_window_parent_class)->finalize (object);
}

static void
dh_window_class_init (DhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dh_window_dispose;
  object_class->finalize = dh_window_finalize;
  object_class->get_property = dh_window_get_property;
  object_class->set_property = dh_window_set_property;

  /* Reports (Save Report, Copy Report) hide the recipients' addresses: u***@outlook.jp. */
  properties[PROP_MASK_RECIPIENTS] =
    g_param_spec_boolean ("mask-recipients", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps it, and the constructor that registers it, in the binary. */
  g_assert (dh_gui_get_resource () != NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DhWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "wizard.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "s", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-case", "s", delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.notes", NULL, notes_action);
  gtk_widget_class_install_action (widget_class, "win.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_property_action (widget_class, "win.mask-recipients", "mask-recipients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);

  g_type_ensure (DH_TYPE_PAGE);
}

static void
dh_window_init (DhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dh_page_name_buttons (self->next_button);
  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");   /* striped header bar */

  set_case (self, dh_case_new ());
  self->route = g_ptr_array_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_problem_free);

  /* Only the first page now; the others when the route reaches them (dh_window_get_page ()). */
  rebuild_route (self);
  self->current = 0;
  self->initializing = TRUE;
  show_current (self);
  self->initializing = FALSE;
}

DhWindow *
dh_window_new (DhApplication *app)
{
  DhWindow *self = g_object_new (DH_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = app ? dh_application_get_settings (app) : NULL;

  /* The window's size is remembered between runs. */
  if (settings)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
  refresh_cases (self);
  return self;
}
