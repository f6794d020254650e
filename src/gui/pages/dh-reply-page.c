/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-reply-page.c: step "Microsoft's reply": what Microsoft's answers look like and what to do with
 * each, with a ready reply to "Not qualified for mitigation". After the delist portal no mail
 * comes, so that route gets what to expect and how to check instead. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-reply-page.h"
#include "dh-message-view.h"
#include "dh-texts.h"

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
};

G_DEFINE_FINAL_TYPE (DhReplyPage, dh_reply_page, DH_TYPE_PAGE)

static void
fill_reply (DhReplyPage *self)
{
  g_autofree char *body = NULL;

  if (self->dh_case == NULL)
    return;
  body = dh_texts_reply_body (self->dh_case, dh_message_view_get_language (self->reply));
  dh_message_view_set_text (self->reply, body);
}

static void
dh_reply_page_shown (DhPage *page,
                     DhCase *c)
{
  DhReplyPage *self = DH_REPLY_PAGE (page);
  gboolean portal = g_strcmp0 (c->remedy, "office365-delist-portal") == 0;

  self->dh_case = c;

  if (portal)
    {
      dh_page_set_title (page, _("Check the result"));
      gtk_label_set_text (self->headline, _("Wait up to 24 hours, then send a test mail to the address that bounced."));
      gtk_label_set_text (self->explanation,
                          _("Microsoft says results vary and removal can take up to 24 hours or longer. The portal sends no further mail: the sign that it worked is that your mail gets through again."));
    }
  else if (g_strcmp0 (c->remedy, "delist-email") == 0)
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

  fill_reply (self);
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

/* The language chosen for the message, which is the reader's, not the app's. */
static GVariant *
dh_reply_page_save_state (DhPage *page)
{
  DhReplyPage *self = DH_REPLY_PAGE (page);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "message-language", "s", dh_message_view_get_language (self->reply));
  return g_variant_dict_end (&dict);
}

static void
dh_reply_page_restore_state (DhPage   *page,
                             GVariant *state)
{
  DhReplyPage *self = DH_REPLY_PAGE (page);
  const char *language = NULL;

  if (g_variant_lookup (state, "message-language", "&s", &language) &&
      (g_str_equal (language, "ja") || g_str_equal (language, "en")))
    dh_message_view_set_language (self->reply, language);
}

static void
dh_reply_page_class_init (DhReplyPageClass *klass)
{
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  page_class->shown = dh_reply_page_shown;
  page_class->save_state = dh_reply_page_save_state;
  page_class->restore_state = dh_reply_page_restore_state;
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

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_reply_page_new (void)
{
  return g_object_new (DH_TYPE_REPLY_PAGE, NULL);
}
