/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-done-page.c: the last step of every delisting route: what the user did on this route, what to
 * expect next (Microsoft's answers, how long a list takes), how to check, and a new start. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-done-page.h"
#include "dh-blocklist-text.h"
#include "dh-copy-row.h"

struct _DhDonePage
{
  DhPage parent_instance;

  AdwStatusPage *status;
  GtkWidget     *steps_group;
  GtkWidget     *expect_group;
  GPtrArray     *rows;          /* the rows of steps_group and expect_group, remade when shown */
  GtkWidget     *recipient_row;
  GtkWidget     *restart_button;
  GtkWidget     *done_check;
  DhCase        *dh_case;       /* not owned; set while shown */
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (DhDonePage, dh_done_page, DH_TYPE_PAGE)

/* The user says the mail gets through: the case is done (and listed so), or open again. */
static void
done_toggled (DhDonePage *self)
{
  if (self->filling || self->dh_case == NULL)
    return;
  dh_case_set_done (self->dh_case, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->done_check)));
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

/* What each remedy's route has the user do and what comes after, in its order (see the routes of
 * dh-window.c). Block lists are filled in from the list the bounce names. */
static const struct {
  const char *remedy;
  const char *steps[4];
  const char *todo;
  const char *expect[5];
} summaries[] = {
  { "outlook-delist-form",
    { N_("You told your hosting company about the block."),
      N_("You asked Microsoft to remove the address with the Outlook.com delisting form."),
      N_("You read what to do with Microsoft’s answer."), NULL },
    N_("Now wait for Microsoft’s answers by e-mail, then send a test mail."),
    { N_("Within minutes to hours, Microsoft sends an automatic reply with a ticket number (such as SRX…) in its subject. Keep that mail."),
      N_("Within about a day, a second mail says whether the address was “mitigated” (unblocked) or is “not qualified” for mitigation."),
      N_("After mitigation, it takes 24 to 48 hours until the block is lifted everywhere."),
      N_("“Not qualified” is a common first answer: reply to that mail politely, with the full error message, and ask them to look again."),
      NULL } },
  { "office365-delist-portal",
    { N_("You asked for removal of the address on Microsoft’s delist portal (sender.office.com)."),
      N_("You read what to do with Microsoft’s answer."), NULL },
    N_("Now wait up to a day, then send a test mail."),
    { N_("A removal on the portal usually takes effect within a few hours, but it can take up to 24 hours."), NULL } },
  { "delist-email",
    { N_("You wrote to Microsoft at delist@microsoft.com to ask for removal of the address."),
      N_("You read what to do with Microsoft’s answer."), NULL },
    N_("Now wait for Microsoft’s answer by e-mail, then send a test mail."),
    { N_("Microsoft usually answers within about 48 hours (two days) and says what happens next."),
      N_("Once Microsoft has removed the address, your mail gets through again."), NULL } },
  { "spamhaus-removal",
    { NULL },
    N_("Now wait for the listing to end, then send a test mail."),
    { NULL } },
  { "dnsbl-removal",
    { NULL },
    N_("Now wait for the listing to end, then send a test mail."),
    { NULL } },
  { "wait-and-retry",
    { N_("You learned that the delay is temporary and that your server retries by itself."), NULL },
    N_("Let your server retry, then check that the mail has arrived."),
    { N_("The delay usually passes within hours; your server then delivers the waiting mail by itself."), NULL } },
};

/* A row that is one sentence, wrapped. Its title is markup: escape what is not fixed text. */
static GtkWidget *
add_sentence (DhDonePage *self,
              GtkWidget  *group,
              const char *text,
              const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon_name)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
clear_rows (DhDonePage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static gboolean
has_rows (DhDonePage *self,
          GtkWidget  *group)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (gtk_widget_get_ancestor (g_ptr_array_index (self->rows, i), ADW_TYPE_PREFERENCES_GROUP) == group)
      return TRUE;
  return FALSE;
}

static void
dh_done_page_shown (DhPage *page,
                    DhCase *dh_case)
{
  DhDonePage *self = DH_DONE_PAGE (page);
  gboolean blocklist = g_strcmp0 (dh_case_get_remedy (dh_case), "spamhaus-removal") == 0 ||
                       g_strcmp0 (dh_case_get_remedy (dh_case), "dnsbl-removal") == 0;
  DhReport *report = dh_case_get_report (dh_case);
  const char *recipient = report && report->recipients->len ? g_ptr_array_index (report->recipients, 0) : NULL;
  const char *todo = _("Send a test mail to check that your mail gets through.");
  g_autofree char *escaped = NULL;
  guint index = G_N_ELEMENTS (summaries);

  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    if (g_strcmp0 (summaries[i].remedy, dh_case_get_remedy (dh_case)) == 0)
      index = i;

  self->dh_case = dh_case;
  self->filling = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->done_check), dh_case_get_done (dh_case));
  self->filling = FALSE;

  clear_rows (self);
  if (index < G_N_ELEMENTS (summaries))
    {
      todo = _(summaries[index].todo);
      for (guint s = 0; summaries[index].steps[s]; s++)
        add_sentence (self, self->steps_group, _(summaries[index].steps[s]), "emblem-ok-symbolic");
      for (guint e = 0; summaries[index].expect[e]; e++)
        add_sentence (self, self->expect_group, _(summaries[index].expect[e]), NULL);
    }
  if (blocklist)
    {
      const DhBlocklist *list = dh_blocklists_find (dh_blocklists_get_default (),
                                                    dh_case_get (dh_case, DH_CASE_DIAGNOSTIC), NULL);

      if (list)
        {
          /* Translators: %s is the name of a block list, such as Spamhaus. */
          g_autofree char *step = g_strdup_printf (_("You looked up your server’s address on %s and asked for removal where the list allows it."),
                                                   list->name);
          add_sentence (self, self->steps_group, step, "emblem-ok-symbolic");
        }
      else
        add_sentence (self, self->steps_group, _("You read what the block list means and how removal works."),
                      "emblem-ok-symbolic");
      add_sentence (self, self->steps_group, _("You told your hosting company about the listing."), "emblem-ok-symbolic");
      add_sentence (self, self->expect_group, dh_blocklist_text_expect (list ? list->id : NULL), NULL);
    }

  adw_status_page_set_title (self->status, g_strcmp0 (dh_case_get_remedy (dh_case), "wait-and-retry") == 0
                                             ? _("Nothing more to do for now")
                                             : _("All steps are done"));
  escaped = g_markup_escape_text (todo, -1);
  adw_status_page_set_description (self->status, escaped);
  /* A group with no rows would show its title alone. */
  gtk_widget_set_visible (self->steps_group, has_rows (self, self->steps_group));
  gtk_widget_set_visible (self->expect_group, has_rows (self, self->expect_group));

  dh_copy_row_set_value (DH_COPY_ROW (self->recipient_row), recipient);
  gtk_widget_set_visible (self->recipient_row, recipient != NULL);
}

static void
dh_done_page_finalize (GObject *object)
{
  DhDonePage *self = DH_DONE_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dh_done_page_parent_class)->finalize (object);
}

static void
dh_done_page_class_init (DhDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dh_done_page_finalize;
  DH_PAGE_CLASS (klass)->shown = dh_done_page_shown;
}


static void
dh_done_page_init (DhDonePage *self)
{
  GtkWidget *clamp, *box, *group, *inner;

  dh_page_set_title (DH_PAGE (self), _("Done"));
  self->rows = g_ptr_array_new ();

  /* The status page scrolls its content itself; a preferences page around it would squeeze it. */
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "emblem-ok-symbolic");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->steps_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->steps_group), _("What you did"));
  gtk_box_append (GTK_BOX (box), self->steps_group);

  self->expect_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->expect_group), _("What to expect next"));
  gtk_box_append (GTK_BOX (box), self->expect_group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("After that"));
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (inner),
                  dh_page_label_new (_("Send a test mail to the address that bounced. If it arrives, you are done."), NULL));
  {
    GtkWidget *list_box = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list_box, "boxed-list");
    self->recipient_row = dh_copy_row_new (_("Address that bounced"), NULL);
    gtk_list_box_append (GTK_LIST_BOX (list_box), self->recipient_row);
    gtk_box_append (GTK_BOX (inner), list_box);
  }
  gtk_box_append (GTK_BOX (inner),
                  dh_page_label_new (_("If it bounces again, open the new bounce with this app: the new error may need a different step."), NULL));
  {
    GtkWidget *list_box = gtk_list_box_new ();
    GtkWidget *row = adw_action_row_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list_box, "boxed-list");
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("My mail gets through again"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Tick this when the test mail arrives: the case is then listed as done."));
    self->done_check = gtk_check_button_new ();
    gtk_widget_set_valign (self->done_check, GTK_ALIGN_CENTER);
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->done_check),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), self->done_check);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->done_check);
    g_signal_connect_swapped (self->done_check, "toggled", G_CALLBACK (done_toggled), self);
    gtk_list_box_append (GTK_LIST_BOX (list_box), row);
    gtk_box_append (GTK_BOX (inner), list_box);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), inner);
  gtk_box_append (GTK_BOX (box), group);

  self->restart_button = gtk_button_new_with_mnemonic (_("_Start Over with Another Bounce"));
  {
    /* A long label, or a large font, wraps instead of widening the page past a narrow window. */
    GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->restart_button)));

    gtk_label_set_wrap (label, TRUE);
    gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
    gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restart_button), "wizard.restart");
  gtk_widget_set_halign (self->restart_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->restart_button, "pill");
  gtk_box_append (GTK_BOX (box), self->restart_button);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (self->status, clamp);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->status));
}

GtkWidget *
dh_done_page_new (void)
{
  return g_object_new (DH_TYPE_DONE_PAGE, NULL);
}
