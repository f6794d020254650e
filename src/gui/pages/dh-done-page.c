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
};

G_DEFINE_FINAL_TYPE (DhDonePage, dh_done_page, DH_TYPE_PAGE)

/* The user says the mail gets through: the case is done (and listed so), or open again. */
static void
done_toggled (DhDonePage *self)
{
  gboolean done = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->done_check));

  /* The box set from the case (as shown) says what the case says: nothing to do. */
  if (self->dh_case == NULL || done == dh_case_get_done (self->dh_case))
    return;
  dh_case_set_done (self->dh_case, done);
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

/* A row that is one sentence, wrapped. */
static GtkWidget *
add_sentence (DhDonePage *self,
              GtkWidget  *group,
              const char *text,
              const char *icon_name)
{
  GtkWidget *row = dh_text_row_new (text, NULL);

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
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->done_check), dh_case_get_done (dh_case));

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

/* No gtk_widget_dispose_template (): the status page is AdwBin's child, which AdwBin unparents
 * itself (unparenting it first would leave AdwBin a stale pointer). */
static void
dh_done_page_class_init (DhDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dh_done_page_finalize;
  DH_PAGE_CLASS (klass)->shown = dh_done_page_shown;

  g_type_ensure (DH_TYPE_COPY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pages/dh-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, status);
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, steps_group);
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, expect_group);
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, done_check);
  gtk_widget_class_bind_template_child (widget_class, DhDonePage, restart_button);
  gtk_widget_class_bind_template_callback (widget_class, done_toggled);
}

static void
dh_done_page_init (DhDonePage *self)
{
  GtkLabel *label;

  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A long label, or a large font, wraps instead of widening the page past a narrow window (the
   * button makes its label itself). */
  label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->restart_button)));
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
}

GtkWidget *
dh_done_page_new (void)
{
  return g_object_new (DH_TYPE_DONE_PAGE, NULL);
}
