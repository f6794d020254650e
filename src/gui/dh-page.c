/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-page.c: the base of every wizard page; the wizard reads `title` and `complete`, sets `busy`
 * while the page's apply runs, and calls apply on Next. */
#include "config.h"

#include "dh-page.h"
#include "dh-message-view.h"
#include "dh-letter.h"

typedef struct
{
  char     *title;
  gboolean  complete;
  gboolean  busy;
} DhPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DhPage, dh_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dh_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DhPage *self = DH_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, dh_page_get_title (self));
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, dh_page_get_complete (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dh_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DhPage *self = DH_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dh_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_COMPLETE:
      dh_page_set_complete (self, g_value_get_boolean (value));
      break;
    case PROP_BUSY:
      dh_page_set_busy (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Marks, on a page's type, that it has a template (set by dh_page_class_set_template_from_resource). */
static GQuark
template_quark (void)
{
  return g_quark_from_static_string ("dh-page-template");
}

/* The template's children go with the page: once here for every page whose class set its
 * template with dh_page_class_set_template_from_resource (GTK 4.8 cannot tell whether a class has
 * one, so the class says so). */
static void
dh_page_dispose (GObject *object)
{
  GType type = G_OBJECT_TYPE (object);

  if (g_type_get_qdata (type, template_quark ()))
    gtk_widget_dispose_template (GTK_WIDGET (object), type);
  G_OBJECT_CLASS (dh_page_parent_class)->dispose (object);
}

/* Gives a page class its template, whose children DhPage then disposes with the page: a page
 * class needs no dispose of its own for them. */
void
dh_page_class_set_template_from_resource (DhPageClass *klass,
                                          const char  *resource_name)
{
  g_return_if_fail (DH_IS_PAGE_CLASS (klass));

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), resource_name);
  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), template_quark (), GINT_TO_POINTER (TRUE));
}

static void
dh_page_finalize (GObject *object)
{
  DhPagePrivate *priv = dh_page_get_instance_private (DH_PAGE (object));

  g_free (priv->title);
  G_OBJECT_CLASS (dh_page_parent_class)->finalize (object);
}

static void
dh_page_real_apply_async (DhPage              *self,
                          DhCase              *dh_case,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dh_page_real_apply_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
dh_page_real_apply_finish (DhPage        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
dh_page_class_init (DhPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->apply_async = dh_page_real_apply_async;
  klass->apply_finish = dh_page_real_apply_finish;

  object_class->get_property = dh_page_get_property;
  object_class->set_property = dh_page_set_property;
  object_class->dispose = dh_page_dispose;
  object_class->finalize = dh_page_finalize;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set by the wizard while the page's apply runs: the page shows it (a spinner) and takes no
   * new input that would start another. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user changed something the case keeps (a tick, a typed value, a language): the wizard
   * takes the page's state into the case and saves it. @event (nullable) is a timeline event's
   * kind, such as "tick", with @detail (nullable) saying which. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
dh_page_init (DhPage *self)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  priv->complete = TRUE;
}

const char *
dh_page_get_title (DhPage *self)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_val_if_fail (DH_IS_PAGE (self), NULL);
  return priv->title;
}

void
dh_page_set_title (DhPage     *self,
                   const char *title)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_if_fail (DH_IS_PAGE (self));
  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
dh_page_get_complete (DhPage *self)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_val_if_fail (DH_IS_PAGE (self), FALSE);
  return priv->complete;
}

void
dh_page_set_complete (DhPage   *self,
                      gboolean  complete)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_if_fail (DH_IS_PAGE (self));
  complete = !!complete;
  if (priv->complete == complete)
    return;
  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

gboolean
dh_page_get_busy (DhPage *self)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_val_if_fail (DH_IS_PAGE (self), FALSE);
  return priv->busy;
}

void
dh_page_set_busy (DhPage   *self,
                  gboolean  busy)
{
  DhPagePrivate *priv = dh_page_get_instance_private (self);

  g_return_if_fail (DH_IS_PAGE (self));
  busy = !!busy;
  if (priv->busy == busy)
    return;
  priv->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Runs the page's apply (see DhPageClass.apply_async) for @dh_case. */
void
dh_page_apply_async (DhPage              *self,
                     DhCase              *dh_case,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (DH_IS_PAGE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  DH_PAGE_GET_CLASS (self)->apply_async (self, dh_case, cancellable, callback, user_data);
}

/* TRUE when the wizard may go on to the next page. */
gboolean
dh_page_apply_finish (DhPage        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (DH_IS_PAGE (self), FALSE);
  return DH_PAGE_GET_CLASS (self)->apply_finish (self, result, error);
}

void
dh_page_shown (DhPage *self,
               DhCase *dh_case)
{
  g_return_if_fail (DH_IS_PAGE (self));
  if (DH_PAGE_GET_CLASS (self)->shown)
    DH_PAGE_GET_CLASS (self)->shown (self, dh_case);
}

void
dh_page_leave (DhPage *self,
               DhCase *dh_case)
{
  g_return_if_fail (DH_IS_PAGE (self));
  if (DH_PAGE_GET_CLASS (self)->leave)
    DH_PAGE_GET_CLASS (self)->leave (self, dh_case);
}

static void
message_language_notified (DhMessageView *view,
                           GParamSpec    *pspec,
                           DhCase        *dh_case)
{
  DhCaseMessage message = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "dh-case-message"));

  dh_case_set_message_language (dh_case, message, dh_message_view_get_language (view));
}

/* @view shows the case's ready message @message in the language chosen for it (kept in the case),
 * and a language the user chooses is kept there. Called each time the page is shown. */
void
dh_page_follow_message_language (DhMessageView *view,
                                 DhCase        *dh_case,
                                 DhCaseMessage  message)
{
  const char *language = dh_case_get_message_language (dh_case, message);

  g_return_if_fail (DH_IS_MESSAGE_VIEW (view));
  g_return_if_fail (DH_IS_CASE (dh_case));

  g_signal_handlers_disconnect_matched (view, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        message_language_notified, NULL);
  if (language && dh_letter_has_language (language))
    dh_message_view_set_language (view, language);
  g_object_set_data (G_OBJECT (view), "dh-case-message", GUINT_TO_POINTER (message));
  g_signal_connect_object (view, "notify::language", G_CALLBACK (message_language_notified),
                           dh_case, 0);
}

/* The application's settings (one GSettings, owned by the application). */
GSettings *
dh_page_get_settings (DhPage *self)
{
  return dh_widget_get_settings (GTK_WIDGET (self));
}

/* A mnemonic label as a person sees it: "_Next" → "Next", "次へ(_N)" → "次へ(N)". */
static char *
without_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (!(p[0] == '_' && p[1] != '\0' && p[1] != '_'))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* GTK 4.8 names a button with a mnemonic "_Next Next" in the accessibility tree (its label
 * property, then its label's text). Gives every such button under @root the one name a person
 * sees, so that it can be found by its visible label. */
void
dh_page_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      g_autofree char *name = without_mnemonic (gtk_button_get_label (GTK_BUTTON (root)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      /* The inner label names the button a second time through the mnemonic relation. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    dh_page_name_buttons (child);
}

/* For g_signal_connect_swapped () on a widget's signal or notify:: of the page's own. */
void
dh_page_changed_cb (DhPage *self)
{
  dh_page_changed (self, NULL, NULL);
}

/* Tells the wizard that the user changed something to keep; see the "changed" signal. */
void
dh_page_changed (DhPage     *self,
                 const char *event,
                 const char *detail)
{
  g_return_if_fail (DH_IS_PAGE (self));
  g_signal_emit (self, signals[CHANGED], 0, event, detail);
}
