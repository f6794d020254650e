/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-portal-page.c: step "Exclusion portal": Microsoft's delist portal (sender.office.com). It is
 * the fix for a Microsoft 365 ban and only a first try for an Outlook.com block, so the words
 * follow the remedy. The sub-steps are a checklist the user ticks, kept while the IP stays. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-portal-page.h"
#include "dh-copy-row.h"
#include "dh-form.h"
#include "dh-links.h"

/* The checklist's rows are the case's portal steps (DhPortalStep), in order. */
#define N_STEPS DH_PORTAL_N_STEPS

struct _DhPortalPage
{
  DhPage    parent_instance;

  GtkLabel *headline;
  GtkLabel *explanation;
  AdwPreferencesGroup *enter_group;
  GtkWidget *email_row;
  GtkWidget *ip_row;
  GtkWidget *checks[N_STEPS];
  GtkLabel  *not_blocked;
  DhCase    *dh_case;        /* the case shown */
};

G_DEFINE_FINAL_TYPE (DhPortalPage, dh_portal_page, DH_TYPE_PAGE)

static gboolean
is_consumer_route (DhCase *c)
{
  return g_strcmp0 (dh_case_get_remedy (c), "office365-delist-portal") != 0;
}

static void
dh_portal_page_shown (DhPage *page,
                      DhCase *c)
{
  DhPortalPage *self = DH_PORTAL_PAGE (page);
  g_autoptr(DhFormValues) values = dh_form_fill_portal (c);
  const char *ip = dh_form_values_get (values, "ip")->value;
  const char *email = dh_form_values_get (values, "email")->value;

  if (is_consumer_route (c))
    {
      gtk_label_set_text (self->headline, _("Try Microsoft’s delist portal first."));
      gtk_label_set_text (self->explanation,
                          _("The portal is made for Microsoft 365 blocks. For an Outlook.com block like yours it is a first step that sometimes helps; the delisting form in the next step is the main request. It takes a few minutes."));
      gtk_label_set_text (self->not_blocked,
                          _("This is normal for Outlook.com blocks (such as S3150): the portal does not see them. Nothing is wrong; go on to the delisting form in the next step."));
    }
  else
    {
      gtk_label_set_text (self->headline, _("Remove your server’s address on Microsoft’s delist portal."));
      gtk_label_set_text (self->explanation,
                          _("This is the fix for this block: Microsoft 365 lets you remove the address yourself. It takes a few minutes and an e-mail address that can receive a confirmation mail."));
      gtk_label_set_text (self->not_blocked,
                          _("Check that you entered exactly the IP address from the error. If the portal still says so and your mail still bounces after a day, tell your hosting company."));
    }

  dh_copy_row_set_value (DH_COPY_ROW (self->email_row), email);
  gtk_widget_set_visible (self->email_row, email != NULL && *email != '\0');
  dh_copy_row_set_value (DH_COPY_ROW (self->ip_row), ip);
  if (email && *email)
    adw_preferences_group_set_description (self->enter_group,
                                           _("The portal takes one e-mail address and one IP address per visit. Any mailbox you can read works: it only receives the confirmation mail, so you may use another address than this one."));
  else
    adw_preferences_group_set_description (self->enter_group,
                                           _("The portal takes one e-mail address and one IP address per visit. Any mailbox you can read works, such as a Gmail or Outlook.com address: it only receives the confirmation mail."));

  /* The ticks belong to one address: a corrected IP starts the list again (the case's rule). */
  g_set_object (&self->dh_case, c);
  dh_case_set_portal_ip (c, dh_case_get (c, DH_CASE_IP));
  /* check_toggled () finds each tick equal to the case's and does nothing. */
  for (guint i = 0; i < N_STEPS; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[i]), dh_case_get_portal_tick (c, i));
}

static void
check_toggled (GtkCheckButton *check,
               DhPortalPage   *self)
{
  gboolean active = gtk_check_button_get_active (check);
  guint step = 0;

  while (step < N_STEPS && GTK_WIDGET (check) != self->checks[step])
    step++;
  /* A tick the case already has was set from the case, not by the user. */
  if (self->dh_case == NULL || step == N_STEPS || active == dh_case_get_portal_tick (self->dh_case, step))
    return;
  dh_case_set_portal_tick (self->dh_case, step, active);
  /* Pressing "Delist IP" is what the case's state counts from (its "portal-delisted" event). */
  if (step == DH_PORTAL_STEP_DELIST && active)
    dh_page_changed (DH_PAGE (self), "portal-delisted", NULL);
  else
    dh_page_changed (DH_PAGE (self), active ? "tick" : "untick", dh_portal_step_to_string (step));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dh_links_open (widget, dh_form_get_definition (DH_FORM_PORTAL)->url);
}

static void
dh_portal_page_finalize (GObject *object)
{
  g_clear_object (&DH_PORTAL_PAGE (object)->dh_case);
  G_OBJECT_CLASS (dh_portal_page_parent_class)->finalize (object);
}

static void
dh_portal_page_class_init (DhPortalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  object_class->finalize = dh_portal_page_finalize;
  page_class->shown = dh_portal_page_shown;

  g_type_ensure (DH_TYPE_COPY_ROW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-portal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, headline);
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, enter_group);
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, ip_row);
  gtk_widget_class_bind_template_child (widget_class, DhPortalPage, not_blocked);
  gtk_widget_class_bind_template_child_full (widget_class, "check_submit", FALSE,
                                             G_STRUCT_OFFSET (DhPortalPage, checks[DH_PORTAL_STEP_SUBMIT]));
  gtk_widget_class_bind_template_child_full (widget_class, "check_mail", FALSE,
                                             G_STRUCT_OFFSET (DhPortalPage, checks[DH_PORTAL_STEP_MAIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "check_delist", FALSE,
                                             G_STRUCT_OFFSET (DhPortalPage, checks[DH_PORTAL_STEP_DELIST]));
  gtk_widget_class_bind_template_child_full (widget_class, "check_wait", FALSE,
                                             G_STRUCT_OFFSET (DhPortalPage, checks[DH_PORTAL_STEP_WAIT]));
  gtk_widget_class_bind_template_callback (widget_class, check_toggled);

  gtk_widget_class_install_action (widget_class, "portal.open", NULL, open_action);
}

/* The label of the portal's button @key as data/forms.json gives it (the portal is in English only). */
static const char *
portal_button (const char *key)
{
  return dh_form_definition_get_text (dh_form_get_definition (DH_FORM_PORTAL), key, "en");
}

static void
set_step_title (DhPortalPage *self,
                DhPortalStep  step,
                const char   *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (self->checks[step], ADW_TYPE_ACTION_ROW)),
                                 title);
}

static void
dh_portal_page_init (DhPortalPage *self)
{
  /* Translators: %s is the label of the portal's button, “Submit”. */
  g_autofree char *submit = g_strdup_printf (_("Enter the e-mail address, the IP address and the characters shown in the picture (CAPTCHA), then press “%s”."),
                                             portal_button ("submit"));
  /* Translators: %s is the label of the portal's button, “Delist IP”. */
  g_autofree char *delist = g_strdup_printf (_("On the page that opens, press “%s”."), portal_button ("confirm"));

  gtk_widget_init_template (GTK_WIDGET (self));
  set_step_title (self, DH_PORTAL_STEP_SUBMIT, submit);
  set_step_title (self, DH_PORTAL_STEP_DELIST, delist);
}

GtkWidget *
dh_portal_page_new (void)
{
  return g_object_new (DH_TYPE_PORTAL_PAGE, NULL);
}
