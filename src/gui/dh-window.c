/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.c: the main window: one DhWizard for the case on screen, and what is a window's: the
 * saved cases (the list, open, delete and undo, saving), the menu, toasts, the case's notes and
 * the report for the hosting company. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-window.h"
#include "dh-analyzer.h"
#include "dh-case-store.h"
#include "dh-toast.h"
#include "dh-case-export.h"
#include "dh-gui-resources.h"
#include "dh-notes-dialog.h"
#include "dh-wizard.h"
#include "pages/dh-start-page.h"

struct _DhWindow
{
  AdwApplicationWindow parent_instance;

  DhWizard        *wizard;
  GtkWidget       *next_button;
  AdwToastOverlay *toast_overlay;

  DhCaseStore     *store;        /* the application's, or (no DhApplication) one of its own */
  gboolean         closed;       /* disposed: the case was written; pages going away change nothing */
  DhCase          *deleted;      /* the case deleted last, until its toast is gone (undo) */
  AdwToast        *delete_toast;
  AdwToast        *save_toast;   /* "Could not save", while shown: one is enough */
  GPtrArray       *problems;     /* DhCaseProblem*: saved files that could not be read */
  gboolean         mask_recipients;  /* reports hide the recipients' addresses */
  GtkFileChooserNative *report_chooser;
  AdwMessageDialog *notes_dialog;
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

/* --- Saving the case ------------------------------------------------------------------------ */

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

/* The case on screen (the wizard's). */
static DhCase *
open_case (DhWindow *self)
{
  return dh_wizard_get_case (self->wizard);
}

/* A case is saved once it has a bounce: before that there is nothing to come back to. */
static gboolean
case_is_saved (DhWindow *self)
{
  return dh_wizard_has_bounce (self->wizard);
}

static void
save_case (DhWindow *self)
{
  if (self->closed || !case_is_saved (self))
    return;
  dh_case_store_schedule_save (get_store (self), open_case (self));
}

static DhStartPage *
start_page (DhWindow *self)
{
  return DH_START_PAGE (dh_wizard_get_page (self->wizard, "start"));
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
    dh_start_page_set_status (start_page (self), error->message);
  dh_start_page_set_cases (start_page (self), summaries, self->problems);
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

  /* A bounce being read is left for the case asked for (dh_wizard_set_case () cancels it). */
  if (case_is_saved (self))
    {
      save_case (self);
      dh_case_store_flush (get_store (self));
    }
  loaded = dh_case_store_load (get_store (self), id, &error);
  if (loaded == NULL)
    {
      dh_start_page_set_status (start_page (self), error->message);
      refresh_cases (self);
      return;
    }

  dh_wizard_set_text (self->wizard, dh_case_get_input (loaded));
  dh_wizard_set_case (self->wizard, loaded);
  g_object_unref (loaded);
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
      dh_start_page_set_status (start_page (self), error->message);
      return;
    }
  /* The open case, deleted: what is on screen is a new case from now on. */
  if (g_strcmp0 (dh_case_get_id (open_case (self)), id) == 0)
    {
      g_autoptr(DhCase) fresh = dh_case_new ();

      dh_wizard_set_case (self->wizard, fresh);
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
  return g_strcmp0 (dh_case_get_id (open_case (self)), id) == 0;
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
notes_response (DhNotesDialog *dialog,
                const char    *response,
                DhWindow      *self)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "save") == 0 && case_is_saved (self))
    {
      text = dh_notes_dialog_get_notes (dialog);
      if (g_strcmp0 (text, dh_case_get_notes (open_case (self)) ? dh_case_get_notes (open_case (self)) : "") != 0)
        {
          dh_case_set_notes (open_case (self), text);
          dh_case_add_event (open_case (self), "note", NULL);
          save_case (self);
        }
    }
  self->notes_dialog = NULL;
}

/* A dialog with the case's notes (what the hosting company said, a phone call…), kept with it. */
static void
notes_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DhWindow *self = DH_WINDOW (widget);

  if (!case_is_saved (self) || self->notes_dialog)
    return;
  self->notes_dialog = ADW_MESSAGE_DIALOG (dh_notes_dialog_new (GTK_WINDOW (self), dh_case_get_notes (open_case (self))));
  g_signal_connect (self->notes_dialog, "response", G_CALLBACK (notes_response), self);
  gtk_window_present (GTK_WINDOW (self->notes_dialog));
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
  return dh_case_export (open_case (self), format, self->mask_recipients);
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
  dh_copy_text (GTK_WIDGET (self->wizard), text,
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
  dh_show_toast (GTK_WIDGET (self->wizard), title);
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
  ip = dh_case_get (open_case (self), DH_CASE_IP);
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

/* Reads and analyses @file as a new case (the command line's file, a notification). */
void
dh_window_load_file (DhWindow *self,
                     GFile    *file)
{
  g_return_if_fail (DH_IS_WINDOW (self));
  dh_wizard_load_file (self->wizard, file);
}

/* The wizard of the case on screen. */
DhWizard *
dh_window_get_wizard (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), NULL);
  return self->wizard;
}

/* Whether the bounce is being read or analysed (the window is not rebuilt meanwhile). */
gboolean
dh_window_is_busy (DhWindow *self)
{
  g_return_val_if_fail (DH_IS_WINDOW (self), FALSE);
  return dh_wizard_is_busy (self->wizard);
}

/* Carries everything the user entered from @from to @to, a new window (built in another language):
 * the same case object with the wizard's pages rebuilt around it (dh_wizard_take_over ()), the
 * problems listed with the saved cases, and the size. @from is left with an empty case, to be
 * destroyed. */
void
dh_window_transfer_state (DhWindow *from,
                          DhWindow *to)
{
  int width, height;

  g_return_if_fail (DH_IS_WINDOW (from));
  g_return_if_fail (DH_IS_WINDOW (to));
  g_return_if_fail (!dh_window_is_busy (from));

  dh_wizard_take_over (to->wizard, from->wizard);
  g_ptr_array_extend_and_steal (to->problems, g_steal_pointer (&from->problems));
  from->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_problem_free);

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

  if (self->notes_dialog)
    {
      g_signal_handlers_disconnect_by_func (self->notes_dialog, notes_response, self);
      gtk_window_destroy (GTK_WINDOW (self->notes_dialog));
      self->notes_dialog = NULL;
    }
  if (self->report_chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->report_chooser));
      g_clear_object (&self->report_chooser);
    }
  if (self->store)
    {
      if (case_is_saved (self))
        save_case (self);
      dh_case_store_flush (self->store);
      g_signal_handlers_disconnect_by_func (self->store, save_failed, self);
      g_clear_object (&self->store);
    }
  /* The pages are destroyed after this and may still say they changed. */
  self->closed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_WINDOW);

  G_OBJECT_CLASS (dh_window_parent_class)->dispose (object);
}

static void
dh_window_finalize (GObject *object)
{
  DhWindow *self = DH_WINDOW (object);

  g_clear_pointer (&self->deleted, g_object_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, DhWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, DhWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.open-case", "s", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.delete-case", "s", delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "win.notes", NULL, notes_action);
  gtk_widget_class_install_action (widget_class, "win.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_property_action (widget_class, "win.mask-recipients", "mask-recipients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);

  g_type_ensure (DH_TYPE_WIZARD);
}

/* A page shown: the case's menu items follow whether it has a bounce, and the start page shows
 * the saved cases as they are now. */
static void
page_shown (DhWindow *self)
{
  update_case_actions (self);
  if (g_strcmp0 (dh_wizard_get_page_name (self->wizard), "start") == 0)
    refresh_cases (self);
}

static void
dh_window_init (DhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dh_page_name_buttons (self->next_button);
  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");   /* striped header bar */

  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_problem_free);
  /* Back and Next in the header bar, New Case in the menu, Alt+arrows: the wizard's actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "wizard", dh_wizard_get_actions (self->wizard));
  g_signal_connect_object (self->wizard, "case-changed", G_CALLBACK (save_case), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->wizard, "notify::page-name", G_CALLBACK (page_shown), self,
                           G_CONNECT_SWAPPED);
  /* The wizard shows its start page already; the saved cases are listed once there is an
   * application (dh_window_new ()). */
  update_case_actions (self);
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
