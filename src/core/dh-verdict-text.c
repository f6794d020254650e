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
  { "policy", N_("The receiving side refuses mail from your server’s address because of the kind of address it is (for example a range it keeps for home or dynamic connections). Only your hosting company can change this.") },
  { "authentication", N_("Your mail failed the receiving side’s sender checks (SPF, DKIM or DMARC) for your domain. This is not a block list: removing an address from a list will not help.") },
  { "recipient-policy", N_("The recipient’s own organisation has chosen to refuse your mail. Only the recipient can lift this.") },
  { "domain-listed", N_("Your domain, not your server’s address, is on a block list (for example Spamhaus’s domain list). Removing an address from a list will not help: the domain has to be removed, after finding out why it was listed, often a hacked web site or a link in your mail.") },
  { "content", N_("The receiving side refused this message because of what it contains (its text, a link in it, an attachment or its format), not because of your server’s address. Removing an address from a list will not help.") },
  { "not-a-block", N_("This is not a block of your server: the mail was refused for another reason.") },
  { "unknown", N_("Delist Helper could not tell from this bounce why the mail was refused. The deciding text it found is shown below as the error message: it is what your hosting company needs to see.") },
};

static const Entry remedies[] = {
  { "outlook-delist-form", N_("Ask Microsoft to remove the address with its Outlook.com delisting form, and tell your hosting company.") },
  { "office365-delist-portal", N_("Remove the address yourself on Microsoft’s delist portal (sender.office.com).") },
  { "delist-email", N_("Write to Microsoft at delist@microsoft.com with the bounce and the address.") },
  { "spamhaus-removal", N_("The address is on the Spamhaus list; look it up and ask for removal on the Spamhaus web site, or ask your hosting company to.") },
  { "dnsbl-removal", N_("The address is on a public block list; look it up on that list’s web site and ask for removal, or ask your hosting company to.") },
  { "wait-and-retry", N_("Wait and let your server retry. If it still fails after a day or two, contact your hosting company.") },
  { "domain-delist", N_("Find out why your domain is listed and fix that first (a hacked web site, a link in your mail), then ask the list to remove the domain; for Spamhaus, look the domain up on its web site. Your hosting company can help.") },
  { "fix-content", N_("Change the message: take out the link or attachment it objected to, or send it as plain text, and try again. If every message you send is refused, ask your hosting company.") },
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

/* The headline of the case's diagnosis, one sentence that says who refuses what: the system, the
 * kind and whether it is a block are the case's; a block names the blocked IP and a listed domain
 * names the sender's domain as the case holds them: the user's correction wins, and a value the
 * user cleared is not named (as the form asks for it rather than fill it back from the bounce).
 * "" without a bounce. */
char *
dh_verdict_headline_for_case (DhCase *dh_case)
{
  const char *kind;
  const char *ip;
  gboolean microsoft;

  g_return_val_if_fail (DH_IS_CASE (dh_case), NULL);

  if (dh_case_get_report (dh_case) == NULL)
    return g_strdup ("");
  kind = dh_case_get_kind (dh_case);
  microsoft = g_strcmp0 (dh_case_get_system (dh_case), "other") != 0;
  ip = dh_case_get (dh_case, DH_CASE_IP);
  if (g_strcmp0 (kind, "rate-limit") == 0 && ip != NULL)
    return g_strdup_printf (microsoft
                              /* Translators: %s is an IP address such as 203.0.113.45. */
                              ? _("Microsoft is slowing down mail from your server’s address %s for a while.")
                              /* Translators: %s is an IP address such as 203.0.113.45. */
                              : _("The receiving server is slowing down mail from your server’s address %s for a while."),
                            ip);
  if (g_strcmp0 (kind, "rate-limit") == 0)
    return g_strdup (_("Your mail is being delayed, not blocked."));
  if (dh_case_is_block (dh_case) && ip != NULL)
    {
      if (microsoft)
        /* Translators: %s is an IP address such as 203.0.113.45. */
        return g_strdup_printf (_("Microsoft is refusing mail from your server’s address %s."), ip);
      /* Translators: %s is an IP address such as 203.0.113.45. */
      return g_strdup_printf (_("The receiving server is refusing mail from your server’s address %s."), ip);
    }
  if (dh_case_is_block (dh_case))
    return g_strdup (microsoft ? _("Microsoft is refusing mail from your server.")
                               : _("The receiving server is refusing mail from your server."));
  if (g_strcmp0 (kind, "domain-listed") == 0)
    {
      const char *domain = dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN);

      if (domain != NULL)
        /* Translators: %s is a domain such as example.jp. */
        return g_strdup_printf (_("Your domain %s is on a block list."), domain);
      return g_strdup (_("Your domain is on a block list."));
    }
  if (g_strcmp0 (kind, "content") == 0)
    return g_strdup (_("The receiving server refused what your message contains."));
  if (g_strcmp0 (kind, "unknown") == 0)
    return g_strdup (_("Your mail was refused, and the bounce does not say clearly why."));
  return g_strdup (_("Your mail was refused, but your server is not blocked."));
}
