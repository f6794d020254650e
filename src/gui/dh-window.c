/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-window.c: the wizard. It owns the pages, the route through them (which follows from the
 * verdict) and the Back / Next actions; pages only say their title and whether they are complete. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-window.h"
#include "dh-analyzer.h"
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
};

G_DEFINE_FINAL_TYPE (DhWindow, dh_window, ADW_TYPE_APPLICATION_WINDOW)

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

/* The step pages for each remedy, after "start" and "diagnosis". A step with no page (neither in
 * the stack nor in page_types) is left out, so the route never names a page that does not exist. */
static const struct {
  const char *remedy;
  const char *steps[6];
} routes[] = {
  { "outlook-delist-form", { "host", "portal", "form", "reply", "done", NULL } },
  { "office365-delist-portal", { "portal", "reply", "done", NULL } },
  { "delist-email", { "delist-email", "reply", "done", NULL } },
  { "spamhaus-removal", { "blocklist", "done", NULL } },
  { "dnsbl-removal", { "blocklist", "done", NULL } },
  { "wait-and-retry", { "wait", "done", NULL } },
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
  const char *remedy = self->dh_case->remedy;

  g_ptr_array_set_size (self->route, 0);
  g_ptr_array_add (self->route, (gpointer) "start");
  if (self->dh_case->analysis == NULL || self->dh_case->analysis->reports->len == 0)
    return;
  g_ptr_array_add (self->route, (gpointer) "diagnosis");
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (routes[i].remedy, remedy) == 0)
      for (guint s = 0; routes[i].steps[s]; s++)
        if (has_page (self, routes[i].steps[s]))
          g_ptr_array_add (self->route, (gpointer) routes[i].steps[s]);
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
      dh_start_page_set_status (start, analysis->n_feedback_reports > 0
                                ? _("This is a spam complaint (feedback loop report), not a bounce: no mail was refused.")
                                : _("No bounce was found in this text. Paste the whole returned message, or open it as an .eml file."));
      dh_analysis_free (analysis);
      return;
    }

  text = dh_start_page_get_text (start);
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

  if (self->busy)
    return;
  if (self->current > 0)
    dh_page_leave (page_at (self, self->current), self->dh_case);
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
 * details), what each page keeps of its own (the pasted text and an opened file's bytes, ticks,
 * a message's language, the time zone: DhPageClass.save_state), the step shown and the size.
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

  g_clear_pointer (&to->dh_case, dh_case_free);
  to->dh_case = g_steal_pointer (&from->dh_case);
  from->dh_case = dh_case_new ();

  /* Only the pages @from has built: the others have nothing to carry. */
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (from->stack, page_types[i].name);
      g_autoptr(GVariant) state = page ? dh_page_save_state (DH_PAGE (page)) : NULL;

      if (state)
        dh_page_restore_state (dh_window_get_page (to, page_types[i].name), state);
    }

  rebuild_route (to);
  to->current = 0;
  for (guint i = 0; i < to->route->len; i++)
    if (g_str_equal (g_ptr_array_index (to->route, i), current_name))
      to->current = i;
  show_current (to);

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

  g_clear_pointer (&self->dh_case, dh_case_free);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);

  g_type_ensure (DH_TYPE_PAGE);
}

static void
dh_window_init (DhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dh_page_name_buttons (self->next_button);

  self->dh_case = dh_case_new ();
  self->route = g_ptr_array_new ();

  /* Only the first page now; the others when the route reaches them (dh_window_get_page ()). */
  rebuild_route (self);
  self->current = 0;
  show_current (self);
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
  return self;
}
