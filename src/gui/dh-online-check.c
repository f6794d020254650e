/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-online-check.c: "Check online", on the diagnosis step: who owns the blocked address (RDAP),
 * which other block lists list it (DNS), its reverse DNS name and whether the sender's web site
 * answers. Nothing goes online until the user agrees, in a dialog that says what is sent where. */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dh-online-check.h"
#include "dh-route.h"
#include "dh-blocklists.h"
#include "dh-net.h"
#include "dh-copy-row.h"
#include "dh-dnsbl.h"
#include "dh-links.h"
#include "dh-page.h"
#include "dh-rdap.h"
#include "dh-rdns.h"
#include "dh-site.h"

/* One line of results: a spinner while it runs, what was found, and a retry after an error. */
typedef struct {
  GtkWidget *row;
  GtkWidget *spinner;
  GtkWidget *retry;
} Part;

enum {
  PART_OWNER,
  PART_BLOCKLISTS,
  PART_REVERSE_DNS,
  PART_SITE,
  N_PARTS
};

struct _DhOnlineCheck
{
  GtkBox        parent_instance;

  DhCase       *dh_case;        /* not owned; set while the page shows it */
  GCancellable *cancellable;
  char         *address;        /* the address the results are about */
  AdwMessageDialog *consent;

  GtkWidget    *results_group;
  GtkLabel     *owner_sentence;
  GtkWidget    *abuse_row;
  Part          parts[N_PARTS];
  GtkWidget    *lists_group;
  GPtrArray    *list_rows;      /* the rows of the last block-list answer */

  /* When no block list could be reached at all, this computer seems to be offline; the other
   * parts' "no such name" and "cannot be reached" then say that, not that the name is missing. */
  gboolean      offline;
  gboolean      unreached[N_PARTS];  /* the part failed in a way being offline explains */
};

G_DEFINE_FINAL_TYPE (DhOnlineCheck, dh_online_check, GTK_TYPE_BOX)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_part (DhOnlineCheck *self,
                      guint          part);

/* --- Rows --------------------------------------------------------------------------------- */

static void
set_part (DhOnlineCheck *self,
          guint          part,
          gboolean       running,
          const char    *subtitle,
          gboolean       failed)
{
  Part *p = &self->parts[part];

  gtk_widget_set_visible (p->spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (p->spinner), running);
  gtk_widget_set_visible (p->retry, failed && !running);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (p->row), subtitle ? subtitle : "");
  if (failed)
    gtk_widget_add_css_class (p->row, "check-failed");
  else
    gtk_widget_remove_css_class (p->row, "check-failed");
}

static const char *
offline_text (void)
{
  return _("Could not check: this computer seems to be offline. Check the connection, then try again.");
}

/* A part that failed the way an offline computer fails says so once the block lists have shown
 * that it is offline. */
static void
show_offline (DhOnlineCheck *self)
{
  if (!self->offline)
    return;
  for (guint i = 0; i < N_PARTS; i++)
    if (self->unreached[i] && i != PART_BLOCKLISTS)
      set_part (self, i, FALSE, offline_text (), TRUE);
}

/* Whether @error ended the part: cancelled (the widget may be gone: nothing is touched), or failed
 * (said in its row, with Retry). */
static gboolean
part_failed (DhOnlineCheck *self,
             guint          part,
             const GError  *error)
{
  if (error == NULL)
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_part (self, part, FALSE, error->message, TRUE);
      self->unreached[part] = g_error_matches (error, DH_NET_ERROR, DH_NET_ERROR_NO_SUCH_HOST) ||
                              g_error_matches (error, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE) ||
                              g_error_matches (error, DH_NET_ERROR, DH_NET_ERROR_TIMEOUT);
      show_offline (self);
    }
  return TRUE;
}

/* online.retry (u): runs one part again, numbered as in the enum above. */
static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  guint part = g_variant_get_uint32 (parameter);

  if (part < N_PARTS)
    run_part (DH_ONLINE_CHECK (widget), part);
}

/* The retry button's name says which check it repeats. */
static void
part_init (DhOnlineCheck *self,
           guint          part)
{
  Part *p = &self->parts[part];
  /* Translators: a button's accessible name; %s is what is checked, such as "Owner of the address". */
  g_autofree char *retry_name = g_strdup_printf (_("Try “%s” again"),
                                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (p->row)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (p->retry), GTK_ACCESSIBLE_PROPERTY_LABEL, retry_name, -1);
}

/* --- Owner (RDAP) --------------------------------------------------------------------------- */

/* Shared or dedicated, from who owns the address (dh_route_guess_hosting ()). Only when the user
 * has not answered yet. */
static void
suggest_hosting (DhOnlineCheck      *self,
                 const DhRdapResult *owner)
{
  const char *domain;
  const char *base;
  DhHosting hosting;

  if (self->dh_case == NULL || dh_case_get_hosting (self->dh_case) != DH_HOSTING_UNKNOWN)
    return;
  domain = dh_case_get (self->dh_case, DH_CASE_SENDER_DOMAIN);
  base = domain ? soup_tld_get_base_domain (domain, NULL) : NULL;
  hosting = dh_route_guess_hosting (base ? base : domain, owner->organisation, owner->name);
  if (hosting == DH_HOSTING_UNKNOWN)
    return;
  dh_case_set_hosting (self->dh_case, hosting);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
owner_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DhOnlineCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = dh_rdap_lookup_finish (result, &error);
  g_autofree char *subtitle = NULL;
  g_autofree char *sentence = NULL;
  const char *range;

  if (part_failed (self, PART_OWNER, error))
    return;

  range = owner->cidrs[0] ? owner->cidrs[0] : owner->start_address;
  /* Translators: who owns an address: %1$s the organisation, %2$s the network's name, %3$s its
   * range (203.0.112.0/23), %4$s a country code (JP). */
  subtitle = g_strdup_printf (_("%1$s — network %2$s, %3$s, %4$s"),
                              owner->organisation ? owner->organisation : _("organisation not given"),
                              owner->name ? owner->name : "?", range ? range : "?",
                              owner->country ? owner->country : "?");
  set_part (self, PART_OWNER, FALSE, subtitle, FALSE);

  if (owner->organisation)
    /* Translators: %1$s is an IP address, %2$s the organisation it belongs to. */
    sentence = g_strdup_printf (_("%1$s belongs to %2$s. If that is your hosting company, everyone whose mail leaves from this server is blocked alike: the block is about the server’s address, not about your own mail."),
                                self->address, owner->organisation);
  gtk_label_set_text (self->owner_sentence, sentence ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->owner_sentence), sentence != NULL);

  dh_copy_row_set_value (DH_COPY_ROW (self->abuse_row), owner->abuse_email);
  gtk_widget_set_visible (self->abuse_row, owner->abuse_email != NULL);
  suggest_hosting (self, owner);
}

/* --- Block lists (DNS) ---------------------------------------------------------------------- */

static char *
result_text (const DhDnsblResult *r)
{
  switch (r->status)
    {
    case DH_DNSBL_STATUS_LISTED:
      {
        g_autoptr(GString) names = g_string_new (NULL);

        for (guint i = 0; r->listing_ids[i]; i++)
          {
            const char *name = r->listing_ids[i];

            for (guint l = 0; l < r->list->listings->len; l++)
              {
                const DhBlocklistListing *listing = g_ptr_array_index (r->list->listings, l);

                if (g_str_equal (listing->id, r->listing_ids[i]))
                  name = listing->name;
              }
            if (g_str_equal (name, r->list->id))
              continue;
            g_string_append_printf (names, "%s%s", names->len ? ", " : "", name);
          }
        if (names->len)
          /* Translators: %s names the parts of the list, such as "SBL, PBL". */
          return g_strdup_printf (_("Listed (%s)"), names->str);
        return g_strdup (_("Listed"));
      }
    case DH_DNSBL_STATUS_NOT_LISTED:
      return g_strdup (_("Not listed"));
    case DH_DNSBL_STATUS_NOT_APPLICABLE:
      return g_strdup (_("Does not list IPv6 addresses"));
    case DH_DNSBL_STATUS_UNCHECKED:
    default:
      {
        const char *why;

        switch (r->reason)
          {
          case DH_DNSBL_REASON_TIMEOUT:
            why = _("no answer in time");
            break;
          case DH_DNSBL_REASON_REFUSED:
            why = _("the list does not answer through this computer’s DNS server (often a public one such as 8.8.8.8)");
            break;
          case DH_DNSBL_REASON_UNKNOWN_ANSWER:
            why = _("an answer the list does not document");
            break;
          case DH_DNSBL_REASON_REWRITTEN:
            why = _("this computer’s DNS server answers even for names that do not exist");
            break;
          case DH_DNSBL_REASON_UNPROVEN:
            why = _("the list did not confirm its test address, so its silence about this address proves nothing");
            break;
          case DH_DNSBL_REASON_OFFLINE:
            why = _("this computer seems to be offline");
            break;
          case DH_DNSBL_REASON_RESOLVER_ERROR:
          default:
            why = _("the DNS lookup failed");
            break;
          }
        /* Offline, the list's web page cannot be opened either. */
        if (r->reason == DH_DNSBL_REASON_OFFLINE)
          /* Translators: %s is "this computer seems to be offline". */
          return g_strdup_printf (_("Could not check: %s."), why);
        /* Translators: %s says why a block list could not be checked. Never "listed". */
        return g_strdup_printf (_("Could not check: %s. Use the list’s own web lookup."), why);
      }
    }
}

/* online.open-link (s): a block list's web page. */
static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dh_links_open (widget, g_variant_get_string (parameter, NULL));
}

static void
clear_list_rows (DhOnlineCheck *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->lists_group),
                                  g_ptr_array_index (self->list_rows, i));
  g_ptr_array_set_size (self->list_rows, 0);
}

static void
blocklists_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DhOnlineCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhDnsblReport) report = dh_dnsbl_check_finish (result, &error);
  g_autofree char *summary = NULL;
  guint listed, unchecked;

  if (part_failed (self, PART_BLOCKLISTS, error))
    return;
  clear_list_rows (self);

  listed = dh_dnsbl_report_count (report, DH_DNSBL_STATUS_LISTED);
  unchecked = dh_dnsbl_report_count (report, DH_DNSBL_STATUS_UNCHECKED);
  self->offline = report->offline;
  if (report->offline)
    summary = g_strdup (_("None of the lists could be checked: this computer seems to be offline. Check the connection, then try again."));
  else if (listed > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Listed on %u of the lists below.",
                                            "Listed on %u of the lists below.", listed), listed);
  else if (unchecked == report->results->len)
    summary = g_strdup (_("None of the lists could be checked."));
  else
    summary = g_strdup (_("Not listed on any list that answered."));
  set_part (self, PART_BLOCKLISTS, FALSE, summary, unchecked == report->results->len);
  show_offline (self);

  for (guint i = 0; i < report->results->len; i++)
    {
      const DhDnsblResult *r = g_ptr_array_index (report->results, i);
      GtkWidget *row;
      g_autofree char *text = result_text (r);
      g_autofree char *title = NULL;
      const char *icon;

      guint n_ip_zones = 0;

      /* The zone is named only for a list with several zones for addresses (UCEPROTECT 1–3). */
      for (guint z = 0; z < r->list->zones->len; z++)
        if (!((const DhBlocklistZone *) g_ptr_array_index (r->list->zones, z))->query_domain)
          n_ip_zones++;
      if (n_ip_zones > 1)
        /* Translators: a block list and one of its DNS zones, such as "UCEPROTECT (dnsbl-2.uceprotect.net)". */
        title = g_strdup_printf (_("%1$s (%2$s)"), r->list->name, r->zone->zone);
      else
        title = g_strdup (r->list->name);
      row = dh_text_row_new (title, text);
      /* Not "dialog-question-symbolic": Adwaita draws it as a diamond with a question mark,
       * which reads as a broken character. */
      icon = r->status == DH_DNSBL_STATUS_LISTED ? "dialog-warning-symbolic"
             : r->reason == DH_DNSBL_REASON_OFFLINE ? "network-offline-symbolic"
             : r->status == DH_DNSBL_STATUS_UNCHECKED ? "action-unavailable-symbolic"
             : "emblem-ok-symbolic";
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
      if (r->list->url && dh_links_is_known (r->list->url) && r->reason != DH_DNSBL_REASON_OFFLINE &&
          (r->status == DH_DNSBL_STATUS_LISTED || r->status == DH_DNSBL_STATUS_UNCHECKED))
        {
          GtkWidget *button = gtk_button_new_with_label (r->status == DH_DNSBL_STATUS_LISTED
                                                           ? _("Removal")
                                                           : _("Web Lookup"));
          /* Translators: a button's accessible name; %s is a block list such as Spamcop. */
          g_autofree char *name = g_strdup_printf (_("Open the web page of %s"), r->list->name);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, r->list->url);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "online.open-link");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", r->list->url);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->lists_group), row);
      g_ptr_array_add (self->list_rows, row);
    }
}

/* --- Reverse DNS and the web site ----------------------------------------------------------- */

static void
reverse_dns_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DhOnlineCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhReverseDns) rdns = dh_reverse_dns_finish (result, &error);
  g_autofree char *text = NULL;

  if (part_failed (self, PART_REVERSE_DNS, error))
    return;
  /* Offline, "no such name" is what every lookup says. */
  self->unreached[PART_REVERSE_DNS] = rdns->ptr == NULL;
  if (rdns->ptr == NULL && self->offline)
    {
      show_offline (self);
      return;
    }
  if (rdns->ptr == NULL)
    text = g_strdup (_("No reverse DNS name. Many mail services distrust such a server: tell your hosting company."));
  else if (rdns->forward_confirmed)
    /* Translators: %s is a host name. */
    text = g_strdup_printf (_("%s, which leads back to this address, as it should."), rdns->ptr);
  else
    /* Translators: %s is a host name. */
    text = g_strdup_printf (_("%s, but that name does not lead back to this address. Tell your hosting company."), rdns->ptr);
  set_part (self, PART_REVERSE_DNS, FALSE, text, FALSE);
}

static void
site_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DhOnlineCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhSiteCheck) site = dh_site_check_finish (result, &error);
  g_autofree char *text = NULL;

  if (part_failed (self, PART_SITE, error))
    return;
  /* Translators: %s is a web address. */
  text = g_strdup_printf (_("%s answers; it is filled in as your web site on Microsoft’s form."), site->url);
  set_part (self, PART_SITE, FALSE, text, FALSE);
  if (self->dh_case && (dh_case_get_user_website (self->dh_case) == NULL || *dh_case_get_user_website (self->dh_case) == '\0'))
    {
      dh_case_set_user_website (self->dh_case, site->url);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* --- Running -------------------------------------------------------------------------------- */

/* The application's settings, then the environment. */
static DhNetOptions *
net_options (DhOnlineCheck *self)
{
  DhNetOptions *options = dh_net_options_new ();
  GSettings *settings = dh_widget_get_settings (GTK_WIDGET (self));

  if (settings != NULL)
    dh_net_options_apply_settings (options, settings);
  dh_net_options_apply_env (options);
  return options;
}

static void
run_part (DhOnlineCheck *self,
          guint          part)
{
  g_autoptr(GInetAddress) address = self->address ? g_inet_address_new_from_string (self->address) : NULL;
  g_autoptr(DhNetOptions) options = net_options (self);
  const char *domain = self->dh_case ? dh_case_get (self->dh_case, DH_CASE_SENDER_DOMAIN) : NULL;

  if (address == NULL)
    return;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->unreached[part] = FALSE;
  /* The block lists decide again whether this computer is offline. */
  if (part == PART_BLOCKLISTS)
    self->offline = FALSE;
  switch (part)
    {
    case PART_OWNER:
      set_part (self, part, TRUE, _("Asking the registry…"), FALSE);
      /* What an earlier answer said goes with it. */
      gtk_widget_set_visible (GTK_WIDGET (self->owner_sentence), FALSE);
      gtk_widget_set_visible (self->abuse_row, FALSE);
      dh_rdap_lookup_async (address, options, self->cancellable, owner_done, self);
      break;
    case PART_BLOCKLISTS:
      set_part (self, part, TRUE, _("Asking the block lists…"), FALSE);
      clear_list_rows (self);
      dh_dnsbl_check_async (address, NULL, options, self->cancellable, blocklists_done, self);
      break;
    case PART_REVERSE_DNS:
      set_part (self, part, TRUE, _("Looking up the name…"), FALSE);
      dh_reverse_dns_async (address, options, self->cancellable, reverse_dns_done, self);
      break;
    case PART_SITE:
      gtk_widget_set_visible (self->parts[part].row, domain != NULL);
      if (domain == NULL)
        return;
      set_part (self, part, TRUE, _("Opening the site…"), FALSE);
      dh_site_check_async (domain, options, self->cancellable, site_done, self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
refresh_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* A failed refresh leaves the copy in use as it was: nothing to tell. */
  dh_rdap_bootstrap_refresh_finish (result, NULL);
}

/* IANA's list of which registry manages which addresses ships with the app; with the user's
 * consent to go online it is refreshed when src/net says it is stale. */
static void
refresh_registries (DhOnlineCheck *self)
{
  g_autoptr(DhNetOptions) options = net_options (self);

  if (!dh_rdap_bootstrap_is_stale (options))
    return;
  dh_rdap_bootstrap_refresh_async (options, self->cancellable, refresh_done, NULL);
}

/* Runs every check now, without asking (the user has agreed). */
void
dh_online_check_run (DhOnlineCheck *self)
{
  g_return_if_fail (DH_IS_ONLINE_CHECK (self));

  if (self->dh_case == NULL || dh_case_get (self->dh_case, DH_CASE_IP) == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->address);
  self->address = g_strdup (dh_case_get (self->dh_case, DH_CASE_IP));
  gtk_widget_set_visible (self->results_group, TRUE);
  gtk_widget_set_visible (self->lists_group, TRUE);
  for (guint i = 0; i < N_PARTS; i++)
    run_part (self, i);
  refresh_registries (self);
}

static void
consent_response (AdwMessageDialog *dialog,
                  const char       *response,
                  DhOnlineCheck    *self)
{
  GtkWidget *remember = adw_message_dialog_get_extra_child (dialog);
  GSettings *settings = dh_widget_get_settings (GTK_WIDGET (self));

  if (g_strcmp0 (response, "check") == 0)
    {
      if (settings && gtk_check_button_get_active (GTK_CHECK_BUTTON (remember)))
        g_settings_set_boolean (settings, "remember-online-consent", TRUE);
      dh_online_check_run (self);
    }
  self->consent = NULL;
}

/* What is sent where, before anything is. */
static void
ask_consent (DhOnlineCheck *self)
{
  const char *ip = dh_case_get (self->dh_case, DH_CASE_IP);
  const char *domain = dh_case_get (self->dh_case, DH_CASE_SENDER_DOMAIN);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (domain)
    /* Translators: %1$s is an IP address, %2$s a domain name. */
    body = g_strdup_printf (_("The address %1$s is sent to the internet registry that manages it (such as APNIC, JPNIC or ARIN) and, as DNS lookups through this computer’s DNS server, to the block lists Spamhaus, SpamCop, Barracuda, UCEPROTECT, PSBL and Mailspike. The web site of %2$s is opened, as a browser would. IANA’s list of registries is fetched from data.iana.org when the copy here is a month old.\n\nThe bounce itself, the addresses in it and anything else you entered stay on this computer."),
                            ip, domain);
  else
    /* Translators: %s is an IP address. */
    body = g_strdup_printf (_("The address %s is sent to the internet registry that manages it (such as APNIC, JPNIC or ARIN) and, as DNS lookups through this computer’s DNS server, to the block lists Spamhaus, SpamCop, Barracuda, UCEPROTECT, PSBL and Mailspike. IANA’s list of registries is fetched from data.iana.org when the copy here is a month old.\n\nThe bounce itself, the addresses in it and anything else you entered stay on this computer."),
                            ip);
  dialog = adw_message_dialog_new (dh_widget_get_window (GTK_WIDGET (self)),
                                   _("Check Online?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "check", _("C_heck Online"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "check",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "check");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      gtk_check_button_new_with_mnemonic (_("_Do not ask again")));
  g_signal_connect (dialog, "response", G_CALLBACK (consent_response), self);
  self->consent = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* online.check: runs the checks, after asking unless the user said not to ask again. */
static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DhOnlineCheck *self = DH_ONLINE_CHECK (widget);
  GSettings *settings = dh_widget_get_settings (GTK_WIDGET (self));

  if (self->dh_case == NULL || dh_case_get (self->dh_case, DH_CASE_IP) == NULL)
    return;
  if (settings && g_settings_get_boolean (settings, "remember-online-consent"))
    dh_online_check_run (self);
  else
    ask_consent (self);
}

/* The dialog asking for consent while it is open, or NULL; for tests. */
AdwMessageDialog *
dh_online_check_get_consent_dialog (DhOnlineCheck *self)
{
  g_return_val_if_fail (DH_IS_ONLINE_CHECK (self), NULL);
  return self->consent;
}

/* Shows the checks for @dh_case (NULL: none). Results about another address are cleared. */
void
dh_online_check_set_case (DhOnlineCheck *self,
                          DhCase        *dh_case)
{
  const char *ip;

  g_return_if_fail (DH_IS_ONLINE_CHECK (self));

  self->dh_case = dh_case;
  ip = dh_case ? dh_case_get (dh_case, DH_CASE_IP) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "online.check", ip != NULL);
  if (g_strcmp0 (ip, self->address) != 0)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->address, g_free);
      clear_list_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self->owner_sentence), FALSE);
      gtk_widget_set_visible (self->results_group, FALSE);
      gtk_widget_set_visible (self->lists_group, FALSE);
    }
}

gboolean
dh_online_check_is_running (DhOnlineCheck *self)
{
  g_return_val_if_fail (DH_IS_ONLINE_CHECK (self), FALSE);

  for (guint i = 0; i < N_PARTS; i++)
    if (gtk_widget_get_visible (self->parts[i].spinner))
      return TRUE;
  return FALSE;
}

static void
dh_online_check_dispose (GObject *object)
{
  DhOnlineCheck *self = DH_ONLINE_CHECK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->consent)
    {
      g_signal_handlers_disconnect_by_func (self->consent, consent_response, self);
      gtk_window_destroy (GTK_WINDOW (self->consent));
      self->consent = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), DH_TYPE_ONLINE_CHECK);
  G_OBJECT_CLASS (dh_online_check_parent_class)->dispose (object);
}

static void
dh_online_check_finalize (GObject *object)
{
  DhOnlineCheck *self = DH_ONLINE_CHECK (object);

  g_free (self->address);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dh_online_check_parent_class)->finalize (object);
}

/* The parts' ids in ui/dh-online-check.ui ("owner_row", "owner_spinner", "owner_retry"), in the
 * order of the enum. */
static const char *const part_ids[N_PARTS] = { "owner", "blocklists", "reverse_dns", "site" };

static void
dh_online_check_class_init (DhOnlineCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dh_online_check_dispose;
  object_class->finalize = dh_online_check_finalize;

  /* A check filled in something the case keeps (shared or dedicated, the web site). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DH_TYPE_COPY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/dh-online-check.ui");
  gtk_widget_class_bind_template_child (widget_class, DhOnlineCheck, results_group);
  gtk_widget_class_bind_template_child (widget_class, DhOnlineCheck, owner_sentence);
  gtk_widget_class_bind_template_child (widget_class, DhOnlineCheck, abuse_row);
  gtk_widget_class_bind_template_child (widget_class, DhOnlineCheck, lists_group);
  dh_widget_class_bind_template_array (widget_class, part_ids, N_PARTS, "_row",
                                       G_STRUCT_OFFSET (DhOnlineCheck, parts) + G_STRUCT_OFFSET (Part, row), sizeof (Part));
  dh_widget_class_bind_template_array (widget_class, part_ids, N_PARTS, "_spinner",
                                       G_STRUCT_OFFSET (DhOnlineCheck, parts) + G_STRUCT_OFFSET (Part, spinner), sizeof (Part));
  dh_widget_class_bind_template_array (widget_class, part_ids, N_PARTS, "_retry",
                                       G_STRUCT_OFFSET (DhOnlineCheck, parts) + G_STRUCT_OFFSET (Part, retry), sizeof (Part));
  gtk_widget_class_install_action (widget_class, "online.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "online.retry", "u", retry_action);
  gtk_widget_class_install_action (widget_class, "online.open-link", "s", open_link_action);
}

static void
dh_online_check_init (DhOnlineCheck *self)
{
  self->list_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < N_PARTS; i++)
    part_init (self, i);
}
