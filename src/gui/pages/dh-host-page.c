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
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  page_class->shown = dh_host_page_shown;
}

static void
dh_host_page_init (DhHostPage *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *box;

  dh_page_set_title (DH_PAGE (self), _("Tell your hosting company"));

  /* What to do now, and why. */
  group = adw_preferences_group_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), dh_page_label_new (_("Send the message below to your hosting company’s support."),
                                            "title-3"));
  gtk_box_append (GTK_BOX (box),
                  dh_page_label_new (_("The blocked address belongs to your hosting company, and on shared hosting other customers use it too. Only the company can find out why it was blocked and keep it clean."),
                             NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* Who to write to. */
  self->host_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->host_group, _("Who to write to"));
  self->company_row = dh_page_property_row_new (_("Hosting company"));
  self->server_row = dh_page_property_row_new (_("Your mail server"));
  adw_preferences_group_add (self->host_group, self->company_row);
  adw_preferences_group_add (self->host_group, self->server_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->host_group);

  /* The message. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Ready message"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Copy the subject and the message into the support form or into a new e-mail. Read it through first, and add anything you know."));
  self->message = DH_MESSAGE_VIEW (dh_message_view_new (_("_Copy Message"),
                                                        _("Message to your hosting company")));
  self->subject_row = dh_copy_row_new (_("Subject"), NULL);
  dh_message_view_add_row (self->message, self->subject_row);
  dh_message_view_set_language (self->message, dh_message_view_default_language ());
  g_signal_connect_swapped (self->message, "notify::language", G_CALLBACK (fill_message), self);
  g_signal_connect_swapped (self->message, "notify::language", G_CALLBACK (dh_page_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->message));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
dh_host_page_new (void)
{
  return g_object_new (DH_TYPE_HOST_PAGE, NULL);
}
