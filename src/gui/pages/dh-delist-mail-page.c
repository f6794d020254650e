/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-delist-mail-page.c: step for 550 5.7.511 ("banned sender"): Microsoft's portal refuses this
 * code, so the user writes to delist@microsoft.com. The page gives the address, the subject and a
 * ready text to copy; it never opens a mail program (the app opens only fixed https pages). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-delist-mail-page.h"
#include "dh-copy-row.h"
#include "dh-letters.h"
#include "dh-message-view.h"

struct _DhDelistMailPage
{
  DhPage parent_instance;

  DhCase         *dh_case;   /* not owned; set while shown */
  gboolean        filling;

  GtkLabel       *explanation;
  GtkWidget      *name_row;
  GtkWidget      *website_row;
  GtkWidget      *to_row;
  GtkWidget      *subject_row;
  GtkWidget      *body_group;
  DhMessageView  *body;      /* its switch chooses the text's language, not the app's */
};

G_DEFINE_FINAL_TYPE (DhDelistMailPage, dh_delist_mail_page, DH_TYPE_PAGE)


/* The subject and text follow the case, the name and website typed here, and the language. */
static void
update_texts (DhDelistMailPage *self)
{
  g_autofree char *code = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *explanation = NULL;
  const char *language = dh_message_view_get_language (self->body);
  gboolean english = g_str_equal (language, "en");

  if (self->dh_case == NULL)
    return;

  code = dh_letters_delist_code (self->dh_case);
  explanation = g_strdup_printf (
    /* Translators: %1$s is an error code such as "550 5.7.511", %2$s an e-mail address. */
    _("Microsoft’s self-service delist portal cannot remove this block (%1$s). Microsoft asks instead for an e-mail to %2$s with the full error message and your server’s address: both are in the text below."),
    code, DH_MAIL_DELIST_ADDRESS);
  gtk_label_set_text (self->explanation, explanation);

  subject = dh_letters_delist_subject (self->dh_case, language);
  dh_copy_row_set_value (DH_COPY_ROW (self->subject_row), subject);
  body = dh_letters_delist_body (self->dh_case, language);
  dh_message_view_set_text (self->body, body);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->body_group),
                                         english
                                           ? _("Microsoft’s support works in English: send this English text. Switch to Japanese to read what it says.")
                                           : _("This Japanese translation is only for you to read. Send the English text: Microsoft’s support works in English."));
}

/* What the user types goes into the case at once, so the text below follows it. */
static void
store (DhDelistMailPage *self)
{
  DhCase *c = self->dh_case;
  g_autofree char *name = NULL;
  g_autofree char *website = NULL;

  if (c == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  website = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->website_row))));
  dh_case_set_contact_name (c, *name ? name : NULL);
  /* The site shown by default follows the sender's domain (dh_case_set_user_website ()). */
  dh_case_set_user_website (c, *website ? website : NULL);
}

static void
entry_changed (DhDelistMailPage *self)
{
  if (self->filling)
    return;
  store (self);
  update_texts (self);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

static void
dh_delist_mail_page_shown (DhPage *page,
                           DhCase *dh_case)
{
  DhDelistMailPage *self = DH_DELIST_MAIL_PAGE (page);
  g_autofree char *website = NULL;

  self->dh_case = dh_case;
  dh_page_follow_message_language (self->body, dh_case, DH_CASE_MESSAGE_DELIST_MAIL);
  self->filling = TRUE;
  website = dh_case_get_website (dh_case);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), dh_case_get_contact_name (dh_case) ? dh_case_get_contact_name (dh_case) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->website_row), website ? website : "");
  self->filling = FALSE;
  update_texts (self);
}

static void
dh_delist_mail_page_leave (DhPage *page,
                           DhCase *dh_case)
{
  DhDelistMailPage *self = DH_DELIST_MAIL_PAGE (page);

  g_assert (self->dh_case == NULL || self->dh_case == dh_case);
  self->dh_case = dh_case;
  store (self);
  self->dh_case = NULL;
}

static void
dh_delist_mail_page_class_init (DhDelistMailPageClass *klass)
{
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  page_class->shown = dh_delist_mail_page_shown;
  page_class->leave = dh_delist_mail_page_leave;
}

static void
dh_delist_mail_page_init (DhDelistMailPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *box, *label;

  dh_page_set_title (DH_PAGE (self), _("Write to Microsoft"));

  /* What to do now, and why not the portal. */
  group = adw_preferences_group_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  label = dh_page_label_new (NULL, "title-3");
  gtk_label_set_text (GTK_LABEL (label),
                      _("Send an e-mail to Microsoft from your own mail program, with the address, subject and text below."));
  gtk_box_append (GTK_BOX (box), label);
  self->explanation = GTK_LABEL (dh_page_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explanation));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* Who writes: optional, added to the text. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("About you"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Added to the text so that Microsoft knows who is writing. You may leave them empty."));
  self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Your name"));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (entry_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_row);
  self->website_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->website_row), _("Your website"));
  g_signal_connect_swapped (self->website_row, "changed", G_CALLBACK (entry_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->website_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* The address and the subject. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The e-mail"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Copy each part into a new e-mail. Send it from your own address, so that Microsoft’s answer reaches you."));
  self->to_row = dh_copy_row_new (_("Microsoft’s address"), DH_MAIL_DELIST_ADDRESS);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->to_row);
  self->subject_row = dh_copy_row_new (_("Subject"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->subject_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* The text, in English to send or in Japanese to read. */
  self->body_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->body_group), _("Message text"));
  self->body = DH_MESSAGE_VIEW (dh_message_view_new (_("_Copy Message"), _("Message to Microsoft")));
  /* English first whatever the app's language: it is the text to send. */
  dh_message_view_set_language (self->body, "en");
  g_signal_connect_swapped (self->body, "notify::language", G_CALLBACK (update_texts), self);
  g_signal_connect_swapped (self->body, "notify::language", G_CALLBACK (dh_page_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->body_group), GTK_WIDGET (self->body));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->body_group));

  /* What comes next. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What happens next"));
  label = dh_page_label_new (NULL, NULL);
  gtk_label_set_text (GTK_LABEL (label),
                      _("Microsoft usually answers within about 48 hours (two days). Keep the answer: the next step helps you with it."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_delist_mail_page_new (void)
{
  return g_object_new (DH_TYPE_DELIST_MAIL_PAGE, NULL);
}
