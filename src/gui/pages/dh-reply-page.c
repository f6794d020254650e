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
  GtkWidget     *read_button;
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
  gtk_widget_set_sensitive (self->read_button, !reading);
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
  dh_case_add_reply_full (c, reply->date, text, reply->kind_id, reply->ticket);
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

/* Reads the pasted answer in a thread: a very long paste must not freeze the window. */
static void
read_answer (DhReplyPage *self)
{
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

static void
paste_answer (DhReplyPage *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL, paste_done,
                                 g_object_ref (self));
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


/* One kind of answer: how to recognise it (title, subtitle) and what to do (inside). */
static void
answer_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *advice)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = dh_page_label_new (advice, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  adw_preferences_group_add (group, row);
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
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dh_reply_page_dispose;
  page_class->shown = dh_reply_page_shown;
}

static void
dh_reply_page_init (DhReplyPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group;
  GtkWidget *box;

  dh_page_set_title (DH_PAGE (self), _("Microsoft’s reply"));

  /* What to do now, and what to expect. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->headline = GTK_LABEL (dh_page_label_new (NULL, "title-3"));
  self->explanation = GTK_LABEL (dh_page_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->headline));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explanation));
  adw_preferences_group_add (group, box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* Paste the answer that came: the app tells which it is and keeps it with the case. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->paste_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("Paste Microsoft’s answer"));
  adw_preferences_group_set_description (group,
                                         _("When an answer arrives, copy the whole mail (or its text) and paste it here. Delist Helper reads what it says, keeps it with the case and tells you what to do next."));
  {
    GtkWidget *frame = dh_page_text_area_new (_("Microsoft’s answer"), 120, 300, &self->answer_view);
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *paste_button = gtk_button_new_with_mnemonic (_("_Paste"));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->read_button = gtk_button_new_with_mnemonic (_("_Read Answer"));
    gtk_widget_add_css_class (self->read_button, "suggested-action");
    g_signal_connect_swapped (self->read_button, "clicked", G_CALLBACK (read_answer), self);
    g_signal_connect_swapped (paste_button, "clicked", G_CALLBACK (paste_answer), self);
    self->read_spinner = gtk_spinner_new ();
    gtk_widget_set_visible (self->read_spinner, FALSE);
    gtk_box_append (GTK_BOX (buttons), self->read_button);
    gtk_box_append (GTK_BOX (buttons), paste_button);
    gtk_box_append (GTK_BOX (buttons), self->read_spinner);
    self->answer_status = GTK_LABEL (dh_page_label_new (NULL, "error"));
    gtk_widget_set_visible (GTK_WIDGET (self->answer_status), FALSE);
    gtk_box_append (GTK_BOX (box), frame);
    gtk_box_append (GTK_BOX (box), buttons);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->answer_status));
    adw_preferences_group_add (group, box);
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* What the latest answer means, and the ticket numbers. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->result_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("Microsoft’s latest answer"));
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->result_title = GTK_LABEL (dh_page_label_new (NULL, "heading"));
    self->result_text = GTK_LABEL (dh_page_label_new (NULL, NULL));
    self->result_next = GTK_LABEL (dh_page_label_new (NULL, NULL));
    self->tickets_box = gtk_list_box_new ();
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->tickets_box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (self->tickets_box, "boxed-list");
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->result_title));
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->result_text));
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->result_next));
    gtk_box_append (GTK_BOX (box), self->tickets_box);
    adw_preferences_group_add (group, box);
  }
  gtk_widget_set_visible (self->result_group, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* The kinds of answer. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->answers_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("Microsoft’s answers"));
  adw_preferences_group_set_description (group, _("Find the answer you received to see what to do."));
  answer_row (group, _("Automatic acknowledgement"),
              _("A ticket number starting with “SRX” in the subject, or a “Microsoft Request ID”."),
              _("Nothing to do yet: your request has arrived. Keep this mail, since the number identifies your request. The decision usually follows within a day or two."));
  answer_row (group, _("“Conditionally mitigated” or “We have implemented mitigation”"),
              _("The block is lifted."),
              _("Wait 24–48 hours for the change to reach all of Microsoft’s servers, then send a test mail to the address that bounced. At first Microsoft may accept only a few mails a day from the address, so send only your usual mail for a while."));
  answer_row (group, _("“Not qualified for mitigation”"),
              _("In Japanese mails: 緩和処置の対象外"),
              _("This is a common first answer, not the end. Reply to that e-mail with the ready reply below and keep its subject; a person at Microsoft then looks into it."));
  answer_row (group, _("“Not currently blocked” or “nothing detected”"),
              _("Microsoft sees no block on the address."),
              _("Send a test mail. If it gets through, you are done. If it still bounces, reply to that e-mail with the ready reply below, and paste the new error into it."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* The ready reply to "Not qualified". */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->reply_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("Ready reply to “Not qualified”"));
  adw_preferences_group_set_description (group,
                                         _("Send the English version: Microsoft’s support team works in English. The Japanese version shows you what it says."));
  self->reply = DH_MESSAGE_VIEW (dh_message_view_new (_("_Copy Reply"), _("Reply to Microsoft")));
  dh_message_view_set_language (self->reply, "en");
  g_signal_connect_swapped (self->reply, "notify::language", G_CALLBACK (fill_reply), self);
  g_signal_connect_swapped (self->reply, "notify::language", G_CALLBACK (dh_page_changed_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->reply));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* After the portal: how to tell whether it worked. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->check_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("If your mail still bounces"));
  adw_preferences_group_add (group,
                             dh_page_label_new (_("If it still bounces with the same error a day after you pressed “Delist IP”, go back one step and use the portal again, and tell your hosting company. If the error is a different one, start over with the new bounce."),
                                        NULL));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* Everything that happened in the case, with when. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->history_group = GTK_WIDGET (group);
  adw_preferences_group_set_title (group, _("Case history"));
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Case history"), -1);
  adw_preferences_group_add (group, GTK_WIDGET (self->history_list));
  gtk_widget_set_visible (self->history_group, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_reply_page_new (void)
{
  return g_object_new (DH_TYPE_REPLY_PAGE, NULL);
}
