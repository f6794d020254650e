/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-host-page.c: step "Tell your hosting company": the hosting company owns the blocked address,
 * so it gets a ready message with the facts, the verbatim error and what to ask for. The company
 * is named from the server that sent the bounce, when that server's name allows it. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dh-host-page.h"
#include "dh-copy-row.h"
#include "dh-message-view.h"
#include "dh-letters.h"

struct _DhHostPage
{
  DhPage         parent_instance;

  DhCase        *dh_case;      /* not owned; set while shown */

  AdwPreferencesGroup *host_group;
  GtkWidget     *server_row;
  GtkWidget     *company_row;
  GtkWidget     *subject_row;
  DhMessageView *message;
};

G_DEFINE_FINAL_TYPE (DhHostPage, dh_host_page, DH_TYPE_PAGE)

/* The registrable domain of the server that wrote the bounce ("mail.example-hosting.jp" gives
 * "example-hosting.jp"), or NULL when it cannot name a company: no name, an address, a bare
 * public suffix, or the user's own domain (then it says nothing about the host). */
static char *
company_domain (DhCase *c)
{
  const char *host = dh_case_get (c, DH_CASE_REPORTING_HOST);
  const char *sender_domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *base;
  g_autoptr(GError) error = NULL;

  if (host == NULL || g_hostname_is_ip_address (host))
    return NULL;
  base = soup_tld_get_base_domain (host, &error);
  if (base == NULL)
    return NULL;
  if (sender_domain && g_ascii_strcasecmp (base, sender_domain) == 0)
    return NULL;
  return g_ascii_strdown (base, -1);
}

static void
fill_message (DhHostPage *self)
{
  const char *lang = dh_message_view_get_language (self->message);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  if (self->dh_case == NULL)
    return;
  subject = dh_letters_host_subject (self->dh_case, lang);
  body = dh_letters_host_body (self->dh_case, lang);
  dh_copy_row_set_value (DH_COPY_ROW (self->subject_row), subject);
  dh_message_view_set_text (self->message, body);
}

static void
dh_host_page_shown (DhPage *page,
                    DhCase *dh_case)
{
  DhHostPage *self = DH_HOST_PAGE (page);
  const char *server = dh_case_get (dh_case, DH_CASE_REPORTING_HOST);
  g_autofree char *company = company_domain (dh_case);

  self->dh_case = dh_case;
  dh_page_follow_message_language (self->message, dh_case, DH_CASE_MESSAGE_HOST);

  dh_row_set_subtitle (self->server_row, server);
  gtk_widget_set_visible (self->server_row, server != NULL);
  dh_row_set_subtitle (self->company_row, company);
  gtk_widget_set_visible (self->company_row, company != NULL);
  if (company)
    {
      /* Group descriptions are markup in libadwaita 1.2, and the name comes from the bounce. */
      g_autofree char *escaped = g_markup_escape_text (company, -1);
      /* Translators: %s is a domain such as example-hosting.jp, taken from the name of the
       * server that sent the bounce. */
      g_autofree char *description =
        g_strdup_printf (_("Your mail server’s name ends in %s, so that is probably your hosting company. Use the support form or the support e-mail address in its control panel or on its web site."),
                         escaped);
      adw_preferences_group_set_description (self->host_group, description);
    }
  else
    adw_preferences_group_set_description (self->host_group,
                                           _("Write to the support of the company you rent your server from: use the support form or the support e-mail address in its control panel or on its web site."));

  fill_message (self);
}



static void
dh_host_page_class_init (DhHostPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);


  page_class->shown = dh_host_page_shown;

  g_type_ensure (DH_TYPE_COPY_ROW);
  g_type_ensure (DH_TYPE_MESSAGE_VIEW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-host-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhHostPage, host_group);
  gtk_widget_class_bind_template_child (widget_class, DhHostPage, company_row);
  gtk_widget_class_bind_template_child (widget_class, DhHostPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, DhHostPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, DhHostPage, message);
  gtk_widget_class_bind_template_callback (widget_class, fill_message);
  gtk_widget_class_bind_template_callback (widget_class, dh_page_changed_cb);
}

static void
dh_host_page_init (DhHostPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The reader's language, from Preferences or the app's: not known when the .ui is written. */
  dh_message_view_set_language (self->message, dh_message_view_default_language ());
}

GtkWidget *
dh_host_page_new (void)
{
  return g_object_new (DH_TYPE_HOST_PAGE, NULL);
}
