/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-wait-page.c: step for a temporary delay (S775, S3113, 4.7.650, 421 RP-001, …): the server
 * retries by itself; what to do now (nothing), and when to act (still bouncing after 2 days, or a
 * bounce that turns into a block such as 550 S3150). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-wait-page.h"
#include "dh-copy-row.h"

struct _DhWaitPage
{
  DhPage parent_instance;

  GtkLabel  *explanation;
  GtkWidget *block_row;
  GtkWidget *code_row;
  GtkWidget *ip_row;
  GtkWidget *error_row;
};

G_DEFINE_FINAL_TYPE (DhWaitPage, dh_wait_page, DH_TYPE_PAGE)


/* A row that is one sentence, wrapped. Its title is markup: the sentences here are fixed. */
static GtkWidget *
sentence_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
dh_wait_page_shown (DhPage *page,
                    DhCase *dh_case)
{
  DhWaitPage *self = DH_WAIT_PAGE (page);
  gboolean microsoft = dh_case_get_system (dh_case) && g_str_has_prefix (dh_case_get_system (dh_case), "microsoft");
  gboolean consumer = g_strcmp0 (dh_case_get_system (dh_case), "microsoft-consumer") == 0;

  if (g_strcmp0 (dh_case_get_kind (dh_case), "rate-limit") == 0)
    gtk_label_set_text (self->explanation,
                        microsoft
                          ? _("Microsoft is accepting fewer mails from your server’s address for a while, because it does not trust the address enough yet. This is not a block: the mails wait on your server, which tries again by itself, usually for several days.")
                          : _("The receiving server is accepting fewer mails from your server’s address for a while. This is not a block: the mails wait on your server, which tries again by itself, usually for several days."));
  else
    gtk_label_set_text (self->explanation,
                        _("The receiving server could not take the mail for now. This is not a block: the mail waits on your server, which tries again by itself, usually for several days."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->block_row),
                                 consumer
                                   ? _("If a new bounce says 550 and S3150, the address is now blocked: open that bounce with this app, and it leads you to Microsoft’s Outlook.com delisting form.")
                                   : _("If a new bounce starts with 5 (such as 550), the mail is now refused: open that bounce with this app."));

  dh_copy_row_set_value (DH_COPY_ROW (self->code_row), dh_case_get (dh_case, DH_CASE_CODE));
  dh_copy_row_set_value (DH_COPY_ROW (self->ip_row), dh_case_get (dh_case, DH_CASE_IP));
  dh_copy_row_set_value (DH_COPY_ROW (self->error_row), dh_case_get (dh_case, DH_CASE_DIAGNOSTIC));
  gtk_widget_set_visible (self->code_row, dh_case_get (dh_case, DH_CASE_CODE) != NULL);
  gtk_widget_set_visible (self->ip_row, dh_case_get (dh_case, DH_CASE_IP) != NULL);
}

static void
dh_wait_page_class_init (DhWaitPageClass *klass)
{
  DH_PAGE_CLASS (klass)->shown = dh_wait_page_shown;
}

static void
dh_wait_page_init (DhWaitPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *box, *label;

  dh_page_set_title (DH_PAGE (self), _("Temporary delay"));

  /* What to do now. */
  group = adw_preferences_group_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  label = dh_page_label_new (NULL, "title-3");
  gtk_label_set_text (GTK_LABEL (label), _("Do nothing for now: your server keeps trying to deliver the mail by itself."));
  gtk_box_append (GTK_BOX (box), label);
  self->explanation = GTK_LABEL (dh_page_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explanation));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("While you wait"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             sentence_row (_("Do not send the same mails again by hand, especially not many at once: that makes the delay last longer.")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             sentence_row (_("If you send many mails at once, such as a newsletter, send fewer at a time, spread over the day.")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* When to act. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("When to act"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             sentence_row (_("If mail to this recipient still bounces after 2 days, start again with the new bounce.")));
  self->block_row = sentence_row ("");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->block_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* The details, for the hosting company or a new start. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The details"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Your hosting company may ask for these if the delay goes on."));
  self->code_row = dh_copy_row_new (_("Error code"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->code_row);
  self->ip_row = dh_copy_row_new (_("IP address"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->ip_row);
  self->error_row = dh_copy_row_new (_("Error message"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->error_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_wait_page_new (void)
{
  return g_object_new (DH_TYPE_WAIT_PAGE, NULL);
}
