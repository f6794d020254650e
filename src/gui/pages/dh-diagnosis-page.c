/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-diagnosis-page.c: step 2: one plain headline, why it happened, and the facts found, each
 * editable, validated and with the line of the bounce it came from. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-diagnosis-page.h"
#include "dh-online-check.h"
#include "dh-copy-row.h"
#include "dh-ip.h"
#include "dh-verdict-text.h"

struct _DhDiagnosisPage
{
  DhPage parent_instance;

  DhCase    *dh_case;      /* not owned; set while shown */

  GtkLabel  *headline;
  GtkLabel  *explanation;
  GtkLabel  *advice;
  GtkWidget *picker_group;
  AdwComboRow *picker;
  guint      picker_serial;  /* the analysis the picker's list was made from */
  GtkWidget *rows[DH_CASE_N_FACTS];
  GtkWidget *sources[DH_CASE_N_FACTS];
  GtkLabel  *ip_error;
  GtkWidget *refused_by;
  GtkWidget *online_group;
  DhOnlineCheck *online;
};

G_DEFINE_FINAL_TYPE (DhDiagnosisPage, dh_diagnosis_page, DH_TYPE_PAGE)

/* Checks the IP row; returns TRUE when it holds a valid address (or is empty for a non-block). */
static gboolean
validate_ip (DhDiagnosisPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rows[DH_CASE_IP]));
  g_autoptr(GInetAddress) address = NULL;
  gboolean needed = self->dh_case && dh_case_is_block (self->dh_case);
  const char *message = NULL;

  if (text == NULL || *text == '\0')
    {
      if (needed)
        message = _("Enter the blocked address: it is the IP in brackets in the error, such as [203.0.113.45].");
    }
  else if ((address = dh_ip_parse (text)) == NULL)
    message = _("This is not an IP address. An IPv4 address is four numbers from 0 to 255 with dots between them, such as 203.0.113.45.");
  else if (dh_ip_classify (address) & (DH_IP_FLAG_PRIVATE | DH_IP_FLAG_LOOPBACK | DH_IP_FLAG_LINK_LOCAL))
    message = _("This is a private address that Microsoft never sees. The blocked address is your server’s public address, named in the error.");

  if (message)
    gtk_widget_add_css_class (self->rows[DH_CASE_IP], "error");
  else
    gtk_widget_remove_css_class (self->rows[DH_CASE_IP], "error");
  gtk_label_set_text (self->ip_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->ip_error), message != NULL);
  return message == NULL;
}

static void
update_complete (DhDiagnosisPage *self)
{
  dh_page_set_complete (DH_PAGE (self), validate_ip (self));
}

static void store (DhDiagnosisPage *self);

static void
row_changed (DhDiagnosisPage *self)
{
  if (self->dh_case == NULL)
    return;
  update_complete (self);
  store (self);
  dh_online_check_set_case (self->online, self->dh_case);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

static void picker_changed (DhDiagnosisPage *self);

/* Filling the rows and the picker from the case is no change by the user: their handlers wait. */
static void
block_handlers (DhDiagnosisPage *self,
                gboolean         block)
{
  for (guint f = 0; f < DH_CASE_N_FACTS; f++)
    if (block)
      g_signal_handlers_block_by_func (self->rows[f], row_changed, self);
    else
      g_signal_handlers_unblock_by_func (self->rows[f], row_changed, self);
  if (block)
    g_signal_handlers_block_by_func (self->picker, picker_changed, self);
  else
    g_signal_handlers_unblock_by_func (self->picker, picker_changed, self);
}

static void
fill (DhDiagnosisPage *self)
{
  DhCase *c = self->dh_case;
  g_autofree char *headline = NULL;

  block_handlers (self, TRUE);

  headline = dh_verdict_headline_for_case (c);
  gtk_label_set_text (self->headline, headline);
  gtk_label_set_text (self->explanation, dh_verdict_kind_text (dh_case_get_kind (c)));
  {
    /* Translators: %s is one sentence saying what to do. */
    g_autofree char *advice = g_strdup_printf (_("What to do: %s"), dh_verdict_remedy_text (dh_case_get_remedy (c)));
    gtk_label_set_text (self->advice, advice);
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[DH_CASE_IP]),
                                 dh_case_is_block (c) ? _("Blocked address (IP)") : _("Your server’s address (IP)"));
  {
    g_autofree char *system = g_markup_escape_text (dh_verdict_system_name (dh_case_get_system (c)), -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->refused_by), system);
  }

  for (guint f = 0; f < DH_CASE_N_FACTS; f++)
    {
      const char *line = dh_case_get_line (c, f);

      if (f == DH_CASE_DIAGNOSTIC)
        dh_copy_row_set_value (DH_COPY_ROW (self->rows[f]), dh_case_get (c, f));
      else
        gtk_editable_set_text (GTK_EDITABLE (self->rows[f]), dh_case_get (c, f) ? dh_case_get (c, f) : "");
      if (self->sources[f])
        {
          GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->sources[f]));
          GtkLabel *label = GTK_LABEL (gtk_popover_get_child (popover));

          gtk_label_set_text (label, line ? line : _("The bounce does not say; enter it if you know it."));
          gtk_widget_set_visible (self->sources[f], TRUE);
        }
    }

  /* Several bounces: let the user pick which one this case is about. */
  if (dh_case_get_analysis (c) && dh_case_get_analysis (c)->reports->len > 1 && self->picker_serial != dh_case_get_analysis_serial (c))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      for (guint i = 0; i < dh_case_get_analysis (c)->reports->len; i++)
        {
          DhReport *r = g_ptr_array_index (dh_case_get_analysis (c)->reports, i);
          const char *who = r->recipients->len ? g_ptr_array_index (r->recipients, 0) : "";
          const char *ip = dh_report_get (r, DH_FACT_SENDING_IP);
          const char *code = dh_report_get (r, DH_FACT_PROVIDER_CODE) ? dh_report_get (r, DH_FACT_PROVIDER_CODE)
                                                                      : (r->status ? r->status : "");
          /* Translators: one bounce in a list: %1$u its number, %2$s the recipient, %3$s the
           * address (IP) or nothing, %4$s the error code. */
          g_autofree char *item = g_strdup_printf (_("%1$u: %2$s %3$s %4$s"), i + 1, who, ip ? ip : "", code);
          gtk_string_list_append (list, g_strstrip (item));
        }
      /* Rebuilt only for a new analysis: replacing the model while the user picks from it
       * would free the list under the combo row. */
      adw_combo_row_set_model (self->picker, G_LIST_MODEL (list));
      self->picker_serial = dh_case_get_analysis_serial (c);
    }
  if (dh_case_get_analysis (c) && dh_case_get_analysis (c)->reports->len > 1)
    adw_combo_row_set_selected (self->picker, dh_case_get_report_index (c));
  gtk_widget_set_visible (self->picker_group, dh_case_get_analysis (c) && dh_case_get_analysis (c)->reports->len > 1);

  block_handlers (self, FALSE);
  update_complete (self);
}

static void
store (DhDiagnosisPage *self)
{
  for (guint f = 0; f < DH_CASE_N_FACTS; f++)
    if (f != DH_CASE_DIAGNOSTIC)
      {
        g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[f]))));
        if (f == DH_CASE_IP && *text)
          {
            g_autofree char *normal = dh_ip_normalize (text);
            dh_case_set (self->dh_case, f, normal ? normal : text);
          }
        else
          dh_case_set (self->dh_case, f, text);
      }
}

static void
picker_changed (DhDiagnosisPage *self)
{
  guint selected = adw_combo_row_get_selected (self->picker);

  if (self->dh_case == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected == dh_case_get_report_index (self->dh_case))
    return;
  dh_case_select_report (self->dh_case, selected);
  fill (self);
  /* The route may change with the bounce: let the window recompute it. */
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.refresh", NULL);
  dh_page_changed (DH_PAGE (self), NULL, NULL);
}

static void
dh_diagnosis_page_shown (DhPage *page,
                         DhCase *dh_case)
{
  DhDiagnosisPage *self = DH_DIAGNOSIS_PAGE (page);

  self->dh_case = dh_case;
  fill (self);
  /* Online checks are about a blocked address: not offered for a bounce that is no block. */
  dh_online_check_set_case (self->online, dh_case);
  gtk_widget_set_visible (self->online_group, dh_case_is_block (dh_case));
}

static void
dh_diagnosis_page_leave (DhPage *page,
                         DhCase *dh_case)
{
  store (DH_DIAGNOSIS_PAGE (page));
}


/* Names each "where it was found" button after its fact. */
static void
name_source (DhDiagnosisPage *self,
             DhCaseFact       fact)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[fact]));
  /* Translators: accessible name of a button; %s is a fact such as "Error code". */
  g_autofree char *name = g_strdup_printf (_("Where “%s” was found"), title);

  gtk_widget_set_tooltip_text (self->sources[fact], name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sources[fact]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* The facts' ids in ui/pages/dh-diagnosis-page.ui ("ip_row", "ip_source"), in the order of
 * DhCaseFact; every fact but the error message has a source button. */
static const char *const fact_ids[DH_CASE_N_FACTS] = {
  "ip", "sender_address", "sender_domain", "recipient_domain", "code", "reporting_host",
  "remote_host", "diagnostic"
};

static void
dh_diagnosis_page_class_init (DhDiagnosisPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  page_class->shown = dh_diagnosis_page_shown;
  page_class->leave = dh_diagnosis_page_leave;

  g_type_ensure (DH_TYPE_COPY_ROW);
  g_type_ensure (DH_TYPE_ONLINE_CHECK);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-diagnosis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, headline);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, explanation);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, advice);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, picker_group);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, picker);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, refused_by);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, ip_error);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, online_group);
  gtk_widget_class_bind_template_child (widget_class, DhDiagnosisPage, online);
  dh_widget_class_bind_template_array (widget_class, fact_ids, DH_CASE_N_FACTS, "_row",
                                       G_STRUCT_OFFSET (DhDiagnosisPage, rows), sizeof (GtkWidget *));
  dh_widget_class_bind_template_array (widget_class, fact_ids, DH_CASE_DIAGNOSTIC, "_source",
                                       G_STRUCT_OFFSET (DhDiagnosisPage, sources), sizeof (GtkWidget *));
  gtk_widget_class_bind_template_callback (widget_class, row_changed);
  gtk_widget_class_bind_template_callback (widget_class, picker_changed);
  gtk_widget_class_bind_template_callback (widget_class, dh_page_changed_cb);
}

static void
dh_diagnosis_page_init (DhDiagnosisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint f = 0; f < DH_CASE_N_FACTS; f++)
    if (self->sources[f])
      name_source (self, f);
}

GtkWidget *
dh_diagnosis_page_new (void)
{
  return g_object_new (DH_TYPE_DIAGNOSIS_PAGE, NULL);
}

GtkWidget *
dh_diagnosis_page_get_row (DhDiagnosisPage *self,
                           DhCaseFact       fact)
{
  g_return_val_if_fail (DH_IS_DIAGNOSIS_PAGE (self), NULL);
  g_return_val_if_fail (fact < DH_CASE_N_FACTS, NULL);
  return self->rows[fact];
}
