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

#define PORTAL_URI "https://sender.office.com/"

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
  gboolean   filling;        /* ticks are being set from the case, not by the user */
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
  self->filling = TRUE;
  for (guint i = 0; i < N_STEPS; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[i]), dh_case_get_portal_tick (c, i));
  self->filling = FALSE;
}

static void
check_toggled (GtkCheckButton *check,
               DhPortalPage   *self)
{
  gboolean active = gtk_check_button_get_active (check);

  if (self->filling || self->dh_case == NULL)
    return;
  for (guint i = 0; i < N_STEPS; i++)
    if (GTK_WIDGET (check) == self->checks[i])
      dh_case_set_portal_tick (self->dh_case, i, active);
  /* Pressing "Delist IP" is what the case's state counts from (its "portal-delisted" event). */
  if (GTK_WIDGET (check) == self->checks[DH_PORTAL_STEP_DELIST] && active)
    {
      dh_page_changed (DH_PAGE (self), "portal-delisted", NULL);
      return;
    }
  for (guint i = 0; i < N_STEPS; i++)
    if (GTK_WIDGET (check) == self->checks[i])
      dh_page_changed (DH_PAGE (self), active ? "tick" : "untick", dh_portal_step_to_string (i));
}

/* A row of the checklist: the check box is the row's prefix, and clicking the row ticks it. */
static GtkWidget *
check_row (AdwPreferencesGroup *group,
           const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return check;
}

/* A problem and what to do about it; returns the label with the advice. */
static GtkLabel *
trouble_row (AdwPreferencesGroup *group,
             const char          *title,
             const char          *advice)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = dh_page_label_new (advice, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  adw_preferences_group_add (group, row);
  return GTK_LABEL (label);
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
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  object_class->finalize = dh_portal_page_finalize;
  page_class->shown = dh_portal_page_shown;
}

static void
dh_portal_page_init (DhPortalPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group;
  GtkWidget *box;

  dh_page_set_title (DH_PAGE (self), _("Exclusion portal"));

  /* What to do now, and whether it is the fix. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->headline = GTK_LABEL (dh_page_label_new (NULL, "title-3"));
  self->explanation = GTK_LABEL (dh_page_label_new (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->headline));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->explanation));
  gtk_box_append (GTK_BOX (box), dh_links_button_new (_("_Open the Portal"), PORTAL_URI));
  adw_preferences_group_add (group, box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* What to type into it. */
  self->enter_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->enter_group, _("What to enter"));
  self->email_row = dh_copy_row_new (_("E-mail address"), NULL);
  self->ip_row = dh_copy_row_new (_("IP address"), NULL);
  adw_preferences_group_add (self->enter_group, self->email_row);
  adw_preferences_group_add (self->enter_group, self->ip_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->enter_group);

  /* The steps on the portal, to tick off. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Steps on the portal"));
  adw_preferences_group_set_description (group, _("Tick each step when you have done it."));
  self->checks[DH_PORTAL_STEP_SUBMIT] =
    check_row (group, _("Enter the e-mail address, the IP address and the characters shown in the picture (CAPTCHA), then press “Submit”."));
  self->checks[DH_PORTAL_STEP_MAIL] =
    check_row (group, _("Open the mail “Microsoft Office 365 Delisting Service” and click its link. The link works for about 10 minutes."));
  self->checks[DH_PORTAL_STEP_DELIST] =
    check_row (group, _("On the page that opens, press “Delist IP”."));
  self->checks[DH_PORTAL_STEP_WAIT] =
    check_row (group, _("Wait: it can take up to 24 hours before your mail gets through again."));
  for (guint i = 0; i < N_STEPS; i++)
    g_signal_connect (self->checks[i], "toggled", G_CALLBACK (check_toggled), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* What goes wrong, and what to do then. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("If something goes wrong"));
  trouble_row (group, _("The confirmation mail does not come"),
               _("Look in the junk (spam) folder. If it is not there, start again with another mailbox, such as a Gmail or Outlook.com address: any address you can read works."));
  self->not_blocked = trouble_row (group, _("The portal says the IP address is not blocked"), NULL);
  trouble_row (group, _("The portal says “temporary issue, please resubmit”"),
               _("Microsoft’s portal had a passing problem. Wait a few minutes and submit again; if it keeps happening, try again later in the day."));
  trouble_row (group, _("The characters in the picture (CAPTCHA) cannot be read"),
               _("Press the reload button beside the picture to get a new one. If none can be read, try another web browser, or try again later."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_portal_page_new (void)
{
  return g_object_new (DH_TYPE_PORTAL_PAGE, NULL);
}
