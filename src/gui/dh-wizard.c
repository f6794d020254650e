/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-wizard.c: the wizard. It owns the pages of the case on screen, the route through them (which
 * follows from the case's remedy), Back / Next as actions, and runs each page's apply on Next,
 * asynchronously and cancellably; pages only say their title and whether they are complete. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-wizard.h"
#include "dh-route.h"
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

struct _DhWizard
{
  AdwBin parent_instance;

  GtkStack           *stack;
  GSimpleActionGroup *actions;   /* next, back, refresh, restart: the window inserts it as "wizard" */

  DhCase       *dh_case;
  GPtrArray    *route;           /* page names, in order */
  guint         current;
  DhPage       *watched;         /* the page whose "complete" the Next action follows */
  char         *step_label;
  GCancellable *cancellable;     /* of the apply running, or NULL */
  DhPage       *applying;        /* the page whose apply runs, or NULL */
  gboolean      restoring;       /* a case being opened fills the pages: what they write into
                                   * it while shown is not a change to save or a step to record */
  gboolean      closed;          /* disposed: pages going away change nothing */
  gboolean      rooted;          /* has been in a window */
};

G_DEFINE_FINAL_TYPE (DhWizard, dh_wizard, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STEP_LABEL,
  PROP_PAGE_TITLE,
  PROP_PAGE_NAME,
  PROP_HAS_BACK,
  PROP_HAS_NEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CASE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The pages, by name. Each is built the first time the route or dh_wizard_get_page () needs it:
 * building all of them at start made the first frame about a third slower, since the stack also
 * styles and measures every child (tests/bench-startup.sh). */
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

static gboolean
has_page (DhWizard   *self,
          const char *name)
{
  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    if (g_str_equal (page_types[i].name, name))
      return TRUE;
  return FALSE;
}

static void page_changed (DhWizard   *self,
                          const char *event,
                          const char *detail,
                          DhPage     *page);

/* The page @name, built and added to the stack the first time it is asked for; NULL when there is
 * no such page. */
DhPage *
dh_wizard_get_page (DhWizard   *self,
                    const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  child = gtk_stack_get_child_by_name (self->stack, name);
  for (guint i = 0; child == NULL && i < G_N_ELEMENTS (page_types); i++)
    if (g_str_equal (page_types[i].name, name))
      {
        child = page_types[i].new ();
        dh_page_name_buttons (child);
        g_signal_connect_object (child, "changed", G_CALLBACK (page_changed), self, G_CONNECT_SWAPPED);
        gtk_stack_add_named (self->stack, child, name);
      }
  return child ? DH_PAGE (child) : NULL;
}

static DhStartPage *
start_page (DhWizard *self)
{
  return DH_START_PAGE (dh_wizard_get_page (self, "start"));
}

static DhPage *
page_at (DhWizard *self,
         guint     index)
{
  if (index >= self->route->len)
    return NULL;
  return dh_wizard_get_page (self, g_ptr_array_index (self->route, index));
}

DhPage *
dh_wizard_get_current_page (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  return page_at (self, self->current);
}

/* The name of the page on screen ("start", "diagnosis", …). */
const char *
dh_wizard_get_page_name (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  return g_ptr_array_index (self->route, self->current);
}

/* Whether the case has a bounce (an analysis with a report): only then is it a case to save. */
gboolean
dh_wizard_has_bounce (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), FALSE);
  return dh_case_get_analysis (self->dh_case) != NULL && dh_case_get_analysis (self->dh_case)->reports->len > 0;
}

/* The route: "start", then (once there is a bounce) "diagnosis" and the remedy's steps. A step
 * with no page is left out, so the route never names a page that does not exist. Keeps the page
 * on screen where it still is on the route. */
static void
rebuild_route (DhWizard *self)
{
  const char *name = self->route->len ? g_ptr_array_index (self->route, self->current) : "start";
  const char * const *steps;

  g_ptr_array_set_size (self->route, 0);
  g_ptr_array_add (self->route, (gpointer) "start");
  if (dh_wizard_has_bounce (self))
    {
      g_ptr_array_add (self->route, (gpointer) "diagnosis");
      steps = dh_route_steps (dh_case_get_remedy (self->dh_case));
      for (guint s = 0; steps && steps[s]; s++)
        if (has_page (self, steps[s]))
          g_ptr_array_add (self->route, (gpointer) steps[s]);
    }
  for (guint i = 0; i < self->route->len; i++)
    if (g_str_equal (g_ptr_array_index (self->route, i), name))
      self->current = i;
  if (self->current >= self->route->len)
    self->current = self->route->len - 1;
}

/* --- The case ---------------------------------------------------------------------------------- */

static void
case_changed (DhWizard *self)
{
  if (self->restoring || self->closed || !dh_wizard_has_bounce (self))
    return;
  g_signal_emit (self, signals[CASE_CHANGED], 0);
}

/* Makes @dh_case (transfer full, may be NULL) the case shown; its every change ("changed") is
 * passed on as "case-changed", on which the window saves it. */
static void
take_case (DhWizard *self,
           DhCase   *dh_case)
{
  if (self->dh_case)
    g_signal_handlers_disconnect_by_func (self->dh_case, case_changed, self);
  g_clear_object (&self->dh_case);
  self->dh_case = dh_case;
  if (dh_case)
    g_signal_connect_object (dh_case, "changed", G_CALLBACK (case_changed), self, G_CONNECT_SWAPPED);
}

static void
page_changed (DhWizard   *self,
              const char *event,
              const char *detail,
              DhPage     *page)
{
  if (self->restoring || self->closed || !dh_wizard_has_bounce (self))
    return;
  /* With what the event starts (after "Delist IP" on the Microsoft 365 portal, a wait). */
  if (event)
    dh_route_record_event (self->dh_case, event, detail, NULL);
  case_changed (self);
}

/* --- Showing a page ---------------------------------------------------------------------------- */

static void
update_actions (DhWizard *self)
{
  DhPage *page = page_at (self, self->current);
  gboolean busy = self->applying != NULL;
  gboolean has_next = self->current + 1 < self->route->len || self->current == 0;
  GAction *next = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "next");
  GAction *back = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "back");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (back), self->current > 0 && !busy);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (next),
                               has_next && page && dh_page_get_complete (page) && !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BACK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NEXT]);
}

static void
watch_page (DhWizard *self,
            DhPage   *page)
{
  if (self->watched)
    g_signal_handlers_disconnect_by_func (self->watched, update_actions, self);
  g_set_object (&self->watched, page);
  if (page)
    g_signal_connect_swapped (page, "notify::complete", G_CALLBACK (update_actions), self);
}

static void
set_step_label (DhWizard *self)
{
  g_free (self->step_label);
  if (self->route->len > 1)
    /* Translators: %1$u is this step's number, %2$u how many there are. */
    self->step_label = g_strdup_printf (_("Step %1$u of %2$u"), self->current + 1, self->route->len);
  else
    /* Translators: the step counter before the number of steps is known. */
    self->step_label = g_strdup_printf (_("Step %u"), self->current + 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_LABEL]);
}

static void
show_current (DhWizard *self)
{
  DhPage *page = page_at (self, self->current);

  g_assert (page != NULL);

  watch_page (self, page);
  dh_page_shown (page, self->dh_case);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));

  /* The step shown is where the case reopens; the start page is not a step of the case. */
  if (self->current > 0 && dh_wizard_has_bounce (self) && !self->restoring)
    {
      dh_case_set_step (self->dh_case, g_ptr_array_index (self->route, self->current));
      case_changed (self);
    }
  set_step_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
  update_actions (self);
}

/* --- Next and its apply ------------------------------------------------------------------------ */

static void
set_applying (DhWizard *self,
              DhPage   *page)
{
  if (self->applying)
    dh_page_set_busy (self->applying, FALSE);
  g_set_object (&self->applying, page);
  if (page)
    dh_page_set_busy (page, TRUE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Stops the apply running, if any: the page stays on screen as it was. */
void
dh_wizard_cancel (DhWizard *self)
{
  g_return_if_fail (DH_IS_WIZARD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->applying)
    set_applying (self, NULL);
}

static void
apply_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DhWizard) self = user_data;
  DhPage *page = DH_PAGE (source);
  g_autoptr(GError) error = NULL;
  gboolean done = dh_page_apply_finish (page, result, &error);

  /* Cancelled (New Case, the window closed, another case opened): whoever cancelled has moved
   * on already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || page != self->applying)
    return;
  g_clear_object (&self->cancellable);
  set_applying (self, NULL);
  if (!done || self->closed)
    return;

  rebuild_route (self);
  if (self->current + 1 >= self->route->len)
    return;
  self->current++;
  show_current (self);
}

static void
next_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DhWizard *self = DH_WIZARD (user_data);
  DhPage *page = page_at (self, self->current);

  if (self->applying || page == NULL || !dh_page_get_complete (page))
    return;
  if (self->current > 0 && self->current + 1 >= self->route->len)
    return;
  dh_page_leave (page, self->dh_case);
  self->cancellable = g_cancellable_new ();
  set_applying (self, page);
  dh_page_apply_async (page, self->dh_case, self->cancellable, apply_done, g_object_ref (self));
}

static void
back_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DhWizard *self = DH_WIZARD (user_data);

  if (self->applying || self->current == 0)
    return;
  dh_page_leave (page_at (self, self->current), self->dh_case);
  self->current--;
  show_current (self);
}

/* The route again, after the case's remedy changed (another report chosen on the diagnosis). */
static void
refresh_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DhWizard *self = DH_WIZARD (user_data);

  rebuild_route (self);
  /* Only the counter and the buttons change; the page keeps what is on screen. */
  set_step_label (self);
  update_actions (self);
}

static void
restart_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  dh_wizard_restart (DH_WIZARD (user_data));
}

/* --- Whole cases ------------------------------------------------------------------------------- */

/* Built pages show the case they were filled from: a different case starts from new pages. */
static void
reset_step_pages (DhWizard *self)
{
  watch_page (self, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->stack, page_types[i].name);

      if (page && !g_str_equal (page_types[i].name, "start"))
        gtk_stack_remove (self->stack, page);
    }
}

/* Shows @step (each page fills itself from the case when shown) ("start" or a step of the route;
 * else the diagnosis, or the start page when there is no bounce). */
static void
restore_case (DhWizard   *self,
              const char *step)
{
  self->restoring = TRUE;
  self->current = 0;
  rebuild_route (self);
  self->current = self->route->len > 1 ? 1 : 0;
  for (guint i = 0; step && i < self->route->len; i++)
    if (g_str_equal (g_ptr_array_index (self->route, i), step))
      self->current = i;
  show_current (self);
  self->restoring = FALSE;
}

DhCase *
dh_wizard_get_case (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  return self->dh_case;
}

/* Shows @dh_case (a saved case opened, or a new one): new step pages filled from its saved
 * states, on the step it was left at. A running apply is cancelled; the start page keeps its
 * text (dh_wizard_set_text ()). */
void
dh_wizard_set_case (DhWizard *self,
                    DhCase   *dh_case)
{
  g_return_if_fail (DH_IS_WIZARD (self));
  g_return_if_fail (dh_case != NULL);

  dh_wizard_cancel (self);
  reset_step_pages (self);
  take_case (self, g_object_ref (dh_case));
  restore_case (self, dh_case_get_step (dh_case));
}

/* New Case: the running apply stops; the case on screen is saved ("case-changed") and a new one
 * takes its place, with the user's own contact details. Without a bounce yet, the same case goes
 * back to the start page. */
void
dh_wizard_restart (DhWizard *self)
{
  g_return_if_fail (DH_IS_WIZARD (self));

  dh_wizard_cancel (self);
  if (self->current > 0)
    dh_page_leave (page_at (self, self->current), self->dh_case);
  if (dh_wizard_has_bounce (self))
    {
      g_autoptr(DhCase) fresh = dh_case_new ();

      case_changed (self);
      dh_case_set_contact_name (fresh, dh_case_get_contact_name (self->dh_case));
      dh_case_set_contact_email (fresh, dh_case_get_contact_email (self->dh_case));
      dh_start_page_set_text (start_page (self), NULL);
      dh_wizard_set_case (self, fresh);
      return;
    }
  self->current = 0;
  show_current (self);
}

/* Puts @text in the start page's paste area. */
void
dh_wizard_set_text (DhWizard   *self,
                    const char *text)
{
  g_return_if_fail (DH_IS_WIZARD (self));
  dh_start_page_set_text (start_page (self), text);
}

/* Reads and analyses @file as a new bounce (New Case first when a case is on screen). */
void
dh_wizard_load_file (DhWizard *self,
                     GFile    *file)
{
  g_return_if_fail (DH_IS_WIZARD (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->current != 0 || self->applying)
    dh_wizard_restart (self);
  dh_start_page_load_file (start_page (self), file);
}

/* Carries everything from @from, a wizard built in another language, over to @self: the same
 * case object (with what the pages chose in it, as when a case is saved and opened again), the
 * pasted text and an opened file's bytes, handed over directly, and the step shown. @from is left with an empty case. */
void
dh_wizard_take_over (DhWizard *self,
                     DhWizard *from)
{
  const char *step;
  GtkWidget *start;

  g_return_if_fail (DH_IS_WIZARD (self));
  g_return_if_fail (DH_IS_WIZARD (from));
  g_return_if_fail (!dh_wizard_is_busy (from));

  /* What is typed on the page on screen but not yet stored reaches the case first. */
  if (from->current > 0)
    dh_page_leave (page_at (from, from->current), from->dh_case);
  step = from->current > 0 ? dh_wizard_get_page_name (from) : NULL;
  start = gtk_stack_get_child_by_name (from->stack, "start");

  take_case (self, g_object_ref (from->dh_case));
  take_case (from, dh_case_new ());
  if (start)
    dh_start_page_copy_input (start_page (self), DH_START_PAGE (start));
  if (step == NULL)
    /* Back on the first step: the step pages keep what they had for when Next is pressed. */
    restore_case (self, "start");
  else
    {
      dh_case_set_step (self->dh_case, step);
      restore_case (self, step);
    }
}

const char *
dh_wizard_get_step_label (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  return self->step_label;
}

guint
dh_wizard_get_n_steps (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), 0);
  return self->route->len;
}

/* Whether a page's apply runs (the bounce being read and analysed). */
gboolean
dh_wizard_is_busy (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), FALSE);
  return self->applying != NULL;
}

/* The actions "next", "back", "refresh" (the route again) and "restart" (New Case), for the window
 * to insert as "wizard": its header bar's buttons and menu name them. */
GActionGroup *
dh_wizard_get_actions (DhWizard *self)
{
  g_return_val_if_fail (DH_IS_WIZARD (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

static void
dh_wizard_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DhWizard *self = DH_WIZARD (object);
  DhPage *page = self->route->len ? page_at (self, self->current) : NULL;

  switch (prop_id)
    {
    case PROP_STEP_LABEL:
      g_value_set_string (value, self->step_label);
      break;
    case PROP_PAGE_TITLE:
      g_value_set_string (value, page ? dh_page_get_title (page) : NULL);
      break;
    case PROP_PAGE_NAME:
      g_value_set_string (value, self->route->len ? dh_wizard_get_page_name (self) : NULL);
      break;
    case PROP_HAS_BACK:
      g_value_set_boolean (value, self->current > 0);
      break;
    case PROP_HAS_NEXT:
      g_value_set_boolean (value, self->current + 1 < self->route->len || self->current == 0);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->applying != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The first page was shown before the wizard was in a window, where it could not take the focus
 * (the paste area's): shown again once it is. */
static void
dh_wizard_root (GtkWidget *widget)
{
  DhWizard *self = DH_WIZARD (widget);

  GTK_WIDGET_CLASS (dh_wizard_parent_class)->root (widget);
  if (!self->rooted)
    {
      self->rooted = TRUE;
      dh_page_shown (page_at (self, self->current), self->dh_case);
    }
}

static void
dh_wizard_dispose (GObject *object)
{
  DhWizard *self = DH_WIZARD (object);

  dh_wizard_cancel (self);
  /* The pages are destroyed after this and may still say they changed. */
  self->closed = TRUE;
  watch_page (self, NULL);
  /* The stack is AdwBin's child, which AdwBin unparents itself (gtk_widget_dispose_template ()
   * would unparent it first and leave AdwBin a stale pointer). */

  G_OBJECT_CLASS (dh_wizard_parent_class)->dispose (object);
}

static void
dh_wizard_finalize (GObject *object)
{
  DhWizard *self = DH_WIZARD (object);

  take_case (self, NULL);
  g_clear_pointer (&self->route, g_ptr_array_unref);
  g_clear_object (&self->actions);
  g_free (self->step_label);

  G_OBJECT_CLASS (dh_wizard_parent_class)->finalize (object);
}

static void
dh_wizard_class_init (DhWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dh_wizard_dispose;
  object_class->finalize = dh_wizard_finalize;
  object_class->get_property = dh_wizard_get_property;
  widget_class->root = dh_wizard_root;

  /* "Step 2 of 6": for the window's title. */
  properties[PROP_STEP_LABEL] =
    g_param_spec_string ("step-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The title of the page on screen. */
  properties[PROP_PAGE_TITLE] =
    g_param_spec_string ("page-title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The name of the page on screen; notified each time a page is shown. */
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether there is a step before (Back is shown) and one after (Next is shown). */
  properties[PROP_HAS_BACK] =
    g_param_spec_boolean ("has-back", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NEXT] =
    g_param_spec_boolean ("has-next", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A page's apply runs. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The case has something new to keep (a page changed it, a step was shown, New Case leaves
   * it): the window saves it. Only for a case with a bounce, and not while pages are being
   * filled from a case. */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, DhWizard, stack);

  g_type_ensure (DH_TYPE_PAGE);
}

static void
dh_wizard_init (DhWizard *self)
{
  static const GActionEntry entries[] = {
    { "next", next_activated },
    { "back", back_activated },
    { "refresh", refresh_activated },
    { "restart", restart_activated },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  /* The pages' own buttons (the start page's file reading, the done page's New Case) reach these
   * through the wizard, even where no window inserted them. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "wizard", G_ACTION_GROUP (self->actions));

  take_case (self, dh_case_new ());
  self->route = g_ptr_array_new ();
  /* Only the first page now; the others when the route reaches them (dh_wizard_get_page ()). */
  rebuild_route (self);
  self->current = 0;
  show_current (self);
}
