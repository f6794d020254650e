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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  DH_PAGE_CLASS (klass)->shown = dh_wait_page_shown;

  g_type_ensure (DH_TYPE_COPY_ROW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-wait-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhWaitPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, DhWaitPage, block_row);
  gtk_widget_class_bind_template_child (widget_class, DhWaitPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, DhWaitPage, ip_row);
  gtk_widget_class_bind_template_child (widget_class, DhWaitPage, error_row);
}

static void
dh_wait_page_init (DhWaitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dh_wait_page_new (void)
{
  return g_object_new (DH_TYPE_WAIT_PAGE, NULL);
}
