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
  /* Filled from the case: not a change to store (setting a text empties the entry first). */
  website = dh_case_get_website (dh_case);
  g_signal_handlers_block_by_func (self->name_row, entry_changed, self);
  g_signal_handlers_block_by_func (self->website_row, entry_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), dh_case_get_contact_name (dh_case) ? dh_case_get_contact_name (dh_case) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->website_row), website ? website : "");
  g_signal_handlers_unblock_by_func (self->name_row, entry_changed, self);
  g_signal_handlers_unblock_by_func (self->website_row, entry_changed, self);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  page_class->shown = dh_delist_mail_page_shown;
  page_class->leave = dh_delist_mail_page_leave;

  g_type_ensure (DH_TYPE_COPY_ROW);
  g_type_ensure (DH_TYPE_MESSAGE_VIEW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-delist-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, website_row);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, body_group);
  gtk_widget_class_bind_template_child (widget_class, DhDelistMailPage, body);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, update_texts);
  gtk_widget_class_bind_template_callback (widget_class, dh_page_changed_cb);
}

static void
dh_delist_mail_page_init (DhDelistMailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The address is the core's, in one place. */
  dh_copy_row_set_value (DH_COPY_ROW (self->to_row), DH_MAIL_DELIST_ADDRESS);
}

GtkWidget *
dh_delist_mail_page_new (void)
{
  return g_object_new (DH_TYPE_DELIST_MAIL_PAGE, NULL);
}
