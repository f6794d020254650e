/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-verdict-text.c: the sentences a person reads for a verdict, keyed by the rules' ids. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-verdict-text.h"

typedef struct {
  const char *id;
  const char *text;
} Entry;

static const Entry systems[] = {
  { "microsoft-consumer", N_("Outlook.com (Hotmail, Outlook, Live and MSN addresses)") },
  { "microsoft-365", N_("Microsoft 365 (a company’s or school’s mail)") },
  { "other", N_("Another mail provider") },
};

static const Entry kinds[] = {
  { "listed", N_("The receiving side refuses all mail from your server’s address, because the address is on its block list. On a shared server this usually happens because of another customer, not because of you.") },
  { "reputation", N_("The receiving side refuses mail from your server’s address because it distrusts that address. On a shared server this is usually caused by another customer’s mail.") },
  { "rate-limit", N_("The receiving side is temporarily slowing down mail from your server’s address. Your server keeps trying; this usually passes within hours.") },
  { "rdns", N_("The receiving side refuses your server because its address has no proper host name (reverse DNS). Only your hosting company can fix this.") },
  { "authentication", N_("Your mail failed the receiving side’s sender checks (SPF, DKIM or DMARC) for your domain. This is not a block list: removing an address from a list will not help.") },
  { "recipient-policy", N_("The recipient’s own organisation has chosen to refuse your mail. Only the recipient can lift this.") },
  { "not-a-block", N_("This is not a block of your server: the mail was refused for another reason.") },
};

static const Entry remedies[] = {
  { "outlook-delist-form", N_("Ask Microsoft to remove the address with its Outlook.com delisting form, and tell your hosting company.") },
  { "office365-delist-portal", N_("Remove the address yourself on Microsoft’s delist portal (sender.office.com).") },
  { "delist-email", N_("Write to Microsoft at delist@microsoft.com with the bounce and the address.") },
  { "spamhaus-removal", N_("The address is on the Spamhaus list; look it up and ask for removal on the Spamhaus web site, or ask your hosting company to.") },
  { "dnsbl-removal", N_("The address is on a public block list; look it up on that list’s web site and ask for removal, or ask your hosting company to.") },
  { "wait-and-retry", N_("Wait and let your server retry. If it still fails after a day or two, contact your hosting company.") },
  { "fix-authentication", N_("Fix your domain’s SPF, DKIM and DMARC records, or ask whoever manages your domain to.") },
  { "contact-recipient", N_("Tell the recipient another way (phone, another address) and ask them to accept your mail.") },
  { "contact-host", N_("Contact your hosting company or mail provider: only they can change this.") },
  { "none", N_("Check the recipient’s address; nothing needs to be removed from a list.") },
};

static const char *
lookup (const Entry *table,
        gsize        n,
        const char  *id)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (table[i].id, id) == 0)
      return _(table[i].text);
  return NULL;
}

const char *
dh_verdict_system_name (const char *system)
{
  return lookup (systems, G_N_ELEMENTS (systems), system);
}

const char *
dh_verdict_kind_text (const char *kind)
{
  return lookup (kinds, G_N_ELEMENTS (kinds), kind);
}

const char *
dh_verdict_remedy_text (const char *remedy)
{
  return lookup (remedies, G_N_ELEMENTS (remedies), remedy);
}

/* One sentence that says who refuses what, for a verdict and the blocked address @ip (NULL when
 * unknown). A throttle of the address is a block too, but says that it is temporary. */
char *
dh_verdict_headline_for (const char *system,
                         const char *kind,
                         gboolean    is_block,
                         const char *ip)
{
  gboolean microsoft = g_strcmp0 (system, "other") != 0;

  if (is_block && g_strcmp0 (kind, "rate-limit") == 0)
    {
      if (ip != NULL && microsoft)
        /* Translators: %s is an IP address such as 203.0.113.45. */
        return g_strdup_printf (_("Microsoft is temporarily limiting mail from your server’s address %s."), ip);
      if (ip != NULL)
        /* Translators: %s is an IP address such as 203.0.113.45. */
        return g_strdup_printf (_("The receiving server is temporarily limiting mail from your server’s address %s."), ip);
      return g_strdup (microsoft ? _("Microsoft is temporarily limiting mail from your server.")
                                 : _("The receiving server is temporarily limiting mail from your server."));
    }
  if (is_block && ip != NULL)
    {
      if (microsoft)
        /* Translators: %s is an IP address such as 203.0.113.45. */
        return g_strdup_printf (_("Microsoft is refusing mail from your server’s address %s."), ip);
      /* Translators: %s is an IP address such as 203.0.113.45. */
      return g_strdup_printf (_("The receiving server is refusing mail from your server’s address %s."), ip);
    }
  if (is_block)
    return g_strdup (microsoft ? _("Microsoft is refusing mail from your server.")
                               : _("The receiving server is refusing mail from your server."));
  if (g_strcmp0 (kind, "rate-limit") == 0)
    return g_strdup (_("Your mail is being delayed, not blocked."));
  return g_strdup (_("Your mail was refused, but your server is not blocked."));
}

/* One sentence that says who refuses what. */
char *
dh_verdict_headline (DhReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return dh_verdict_headline_for (report->system, report->kind, report->is_block,
                                  dh_report_get (report, DH_FACT_SENDING_IP));
}
