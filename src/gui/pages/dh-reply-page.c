/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-reply-page.c: step "Microsoft's reply": what Microsoft's answers look like and what to do with
 * each, with a ready reply to "Not qualified for mitigation". After the delist portal no mail
 * comes, so that route gets what to expect and how to check instead. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-reply-page.h"
#include "dh-route.h"
#include "dh-message-view.h"
#include "dh-letters.h"
#include "dh-analyzer.h"
#include "dh-case-text.h"
#include "dh-copy-row.h"
#include "dh-format.h"
#include "dh-replies.h"

struct _DhReplyPage
{
  DhPage         parent_instance;

  DhCase        *dh_case;      /* not owned; set while shown */

  GtkLabel      *headline;
  GtkLabel      *explanation;
  GtkWidget     *answers_group;
  GtkWidget     *reply_group;
  GtkWidget     *check_group;
  DhMessageView *reply;

  GtkWidget     *paste_group;
  GtkWidget     *read_spinner;
  GCancellable  *cancellable;
  gboolean       reading;
  GtkTextView   *answer_view;
  GtkLabel      *answer_status;
  GtkWidget     *result_group;
  GtkLabel      *result_title;
  GtkLabel      *result_text;
  GtkLabel      *result_next;
  GtkWidget     *tickets_box;
  GtkWidget     *history_group;
  GtkListBox    *history_list;
};

G_DEFINE_FINAL_TYPE (DhReplyPage, dh_reply_page, DH_TYPE_PAGE)

static void
fill_reply (DhReplyPage *self)
{
  g_autofree char *body = NULL;

  if (self->dh_case == NULL)
    return;
  body = dh_letters_reply_body (self->dh_case, NULL, dh_message_view_get_language (self->reply));
  dh_message_view_set_text (self->reply, body);
}

/* What the latest answer said and what to do now; hidden until there is one. */
static void
fill_result (DhReplyPage *self)
{
  DhCase *c = self->dh_case;
  DhCaseReply *latest = dh_case_get_replies (c)->len ? g_ptr_array_index (dh_case_get_replies (c), dh_case_get_replies (c)->len - 1) : NULL;
  GtkWidget *child;
  DhReplyKind kind;
  const char *step;

  gtk_widget_set_visible (self->result_group, latest != NULL);
  if (latest == NULL)
    return;

  kind = dh_reply_kind_from_id (latest->kind);
  gtk_label_set_text (self->result_title, dh_reply_kind_title (kind));
  gtk_label_set_text (self->result_text, dh_reply_kind_explanation (kind));
  step = dh_route_next_step (c, NULL);
  if ((kind == DH_REPLY_MITIGATED || kind == DH_REPLY_CONDITIONALLY_MITIGATED) && dh_case_get_wait_until (c))
    {
      g_autofree char *until = dh_format_date_time (dh_case_get_wait_until (c));
      g_autofree char *next = NULL;

      if (g_str_equal (step, DH_REPLY_STEP_TEST_NOW))
        /* Translators: %s is a date and time. */
        next = g_strdup_printf (_("The wait ended on %s. Send a test mail to the address that bounced now."), until);
      else
        /* Translators: %s is a date and time. */
        next = g_strdup_printf (_("Wait until %s for the change to reach all of Microsoft’s servers, then send a test mail to the address that bounced."), until);
      gtk_label_set_text (self->result_next, next);
    }
  else
    gtk_label_set_text (self->result_next, dh_reply_step_text (step));

  /* Every ticket number, to copy into a reply or a call. */
  while ((child = gtk_widget_get_first_child (self->tickets_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->tickets_box), child);
  for (guint i = 0; i < dh_case_get_tickets (c)->len; i++)
    {
      GtkWidget *row = dh_copy_row_new (_("Ticket number"), NULL);

      dh_copy_row_set_value (DH_COPY_ROW (row), g_ptr_array_index (dh_case_get_tickets (c), i));
      gtk_list_box_append (GTK_LIST_BOX (self->tickets_box), row);
    }
  gtk_widget_set_visible (self->tickets_box, dh_case_get_tickets (c)->len > 0);
}

/* The case's events, oldest first, each with its date and time. */
static void
fill_history (DhReplyPage *self)
{
  DhCase *c = self->dh_case;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  for (guint i = 0; i < dh_case_get_events (c)->len; i++)
    {
      DhCaseEvent *event = g_ptr_array_index (dh_case_get_events (c), i);
      g_autofree char *text = dh_case_text_event (event);
      g_autofree char *date = NULL;
      GtkWidget *row;

      if (text == NULL)
        continue;
      date = dh_format_date_time (event->time);
      row = adw_action_row_new ();
      g_object_set (row, "use-markup", FALSE, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->history_list, row);
      n++;
    }
  gtk_widget_set_visible (self->history_group, n > 0);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *text = task_data;
  GError *error = NULL;
  DhReply *reply = dh_reply_analyze (text, strlen (text), &error);

  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) dh_reply_free);
}

static void
set_reading (DhReplyPage *self,
             gboolean     reading)
{
  self->reading = reading;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reply.read", !reading);
  gtk_widget_set_visible (self->read_spinner, reading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->read_spinner), reading);
}

static void
answer_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DhReplyPage *self = DH_REPLY_PAGE (source);
  GtkTextBuffer *buffer;
  g_autoptr(DhReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = g_task_get_task_data (G_TASK (result));
  DhCase *c;

  reply = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_reading (self, FALSE);
  c = self->dh_case;
  if (c == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->answer_view);
  if (reply == NULL)
    {
      gtk_label_set_text (self->answer_status,
                          g_error_matches (error, DH_REPLY_ERROR, DH_REPLY_ERROR_EMPTY)
                            ? _("Paste Microsoft’s answer first.")
                            : error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->answer_status), TRUE);
      return;
    }
  if (reply->kind == DH_REPLY_UNKNOWN)
    {
      gtk_label_set_text (self->answer_status,
                          _("This does not look like an answer from Microsoft to a delisting request, so it was not added. Paste the whole mail, with its subject if you can."));
      gtk_widget_set_visible (GTK_WIDGET (self->answer_status), TRUE);
      return;
    }

  for (guint i = 0; i < reply->tickets->len; i++)
    dh_case_add_ticket (c, g_ptr_array_index (reply->tickets, i));   /* with its "ticket" event */
  /* Received when Microsoft wrote it, when the mail says; a mitigation's wait counts from then. */
  dh_case_add_reply (c, reply->date, text, reply->kind_id, reply->ticket, reply->wait_hours);
  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_status), FALSE);
  /* An answer about other addresses may belong to another case: kept, but said. */
  if (reply->ips->len > 0 && dh_case_get (c, DH_CASE_IP) &&
      !g_ptr_array_find_with_equal_func (reply->ips, dh_case_get (c, DH_CASE_IP), g_str_equal, NULL))
    {
      g_autofree char *message = NULL;

      /* Translators: %1$s is the address Microsoft's answer names, %2$s the one of this case. */
      message = g_strdup_printf (_("This answer is about %1$s, not %2$s. It was kept with this case; check that it belongs here."),
                                 (const char *) g_ptr_array_index (reply->ips, 0), dh_case_get (c, DH_CASE_IP));
      gtk_label_set_text (self->answer_status, message);
      gtk_widget_set_visible (GTK_WIDGET (self->answer_status), TRUE);
    }
  fill_reply (self);   /* the ready answer now carries the reply's ticket number */
  fill_result (self);
  fill_history (self);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

/* reply.read (Read Answer): reads the pasted answer in a thread: a very long paste must not
 * freeze the window. */
static void
read_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DhReplyPage *self = DH_REPLY_PAGE (widget);
  g_autoptr(GTask) task = NULL;

  if (self->dh_case == NULL || self->reading)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_reading (self, TRUE);
  task = g_task_new (self, self->cancellable, answer_read, NULL);
  g_task_set_task_data (task, dh_page_text_view_get_text (self->answer_view), g_free);
  g_task_run_in_thread (task, read_thread);
}

/* Whether a pasted answer is being read; for tests. */
gboolean
dh_reply_page_is_reading (DhReplyPage *self)
{
  g_return_val_if_fail (DH_IS_REPLY_PAGE (self), FALSE);
  return self->reading;
}

static void
paste_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DhReplyPage) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (self->answer_status,
                          _("The clipboard holds no text. Copy Microsoft’s answer in your mail program first."));
      gtk_widget_set_visible (GTK_WIDGET (self->answer_status), TRUE);
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), text, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_status), FALSE);
}

/* reply.paste: the clipboard's text into the paste area. */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_done, g_object_ref (widget));
}

static void
dh_reply_page_shown (DhPage *page,
                     DhCase *c)
{
  DhReplyPage *self = DH_REPLY_PAGE (page);
  gboolean portal = g_strcmp0 (dh_case_get_remedy (c), "office365-delist-portal") == 0;

  self->dh_case = c;
  dh_page_follow_message_language (self->reply, c, DH_CASE_MESSAGE_REPLY);

  if (portal)
    {
      dh_page_set_title (page, _("Check the result"));
      gtk_label_set_text (self->headline, _("Wait up to 24 hours, then send a test mail to the address that bounced."));
      gtk_label_set_text (self->explanation,
                          _("Microsoft says results vary and removal can take up to 24 hours or longer. The portal sends no further mail: the sign that it worked is that your mail gets through again."));
    }
  else if (g_strcmp0 (dh_case_get_remedy (c), "delist-email") == 0)
    {
      dh_page_set_title (page, _("Microsoft’s reply"));
      gtk_label_set_text (self->headline, _("Wait for Microsoft’s answer to your mail, then find it below to see what to do."));
      gtk_label_set_text (self->explanation,
                          _("Microsoft says it answers within 48 hours with the next steps, to the address you wrote from. Look in the junk folder too."));
    }
  else
    {
      dh_page_set_title (page, _("Microsoft’s reply"));
      gtk_label_set_text (self->headline, _("Wait for Microsoft’s answer to your form, then find it below to see what to do."));
      gtk_label_set_text (self->explanation,
                          _("Answers come to the contact e-mail address you gave in the form: first an automatic one, usually within hours, then a decision, usually within a day or two. Look in the junk folder too."));
    }
  gtk_widget_set_visible (self->answers_group, !portal);
  gtk_widget_set_visible (self->reply_group, !portal);
  gtk_widget_set_visible (self->check_group, portal);
  gtk_widget_set_visible (self->paste_group, !portal);

  fill_reply (self);
  fill_result (self);
  fill_history (self);
}


static void
dh_reply_page_dispose (GObject *object)
{
  DhReplyPage *self = DH_REPLY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (dh_reply_page_parent_class)->dispose (object);
}

static void
dh_reply_page_class_init (DhReplyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dh_reply_page_dispose;
  page_class->shown = dh_reply_page_shown;
  g_type_ensure (DH_TYPE_MESSAGE_VIEW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-reply-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, headline);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, answers_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, reply_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, check_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, reply);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, paste_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, read_spinner);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, answer_status);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, result_text);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, result_next);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, tickets_box);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, DhReplyPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, fill_reply);
  gtk_widget_class_bind_template_callback (widget_class, dh_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "reply.read", NULL, read_action);
  gtk_widget_class_install_action (widget_class, "reply.paste", NULL, paste_action);
}

static void
dh_reply_page_init (DhReplyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dh_reply_page_new (void)
{
  return g_object_new (DH_TYPE_REPLY_PAGE, NULL);
}
