/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklist-text.c: what a block list's listing means in plain words, what to do and what to
 * expect, keyed by the ids of data/blocklists.json (gettext cannot read JSON). */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-blocklist-text.h"

typedef struct {
  const char *id;       /* NULL: a list the app does not know */
  const char *meaning;  /* what a listing means */
  const char *todo;     /* one sentence: what to do now */
  const char *removal;  /* how removal works */
  const char *button;   /* the label of the button that opens the list's page */
  const char *expect;   /* how long it takes */
} Entry;

static const Entry entries[] = {
  { NULL,
    N_("Block lists collect the addresses of servers that sent spam; mail services that use a list refuse mail from those addresses."),
    N_("Send the error message to your hosting company and ask them to check the block list it names."),
    N_("This app does not know the list named in the error. The error message usually names it and a web page for removal; your hosting company can check it for you."),
    NULL,
    N_("How long removal takes depends on the list; your hosting company can tell you.") },

  { "spamhaus",
    N_("Spamhaus runs the most widely used block lists. Many mail services, Microsoft among them, refuse mail from the addresses it lists."),
    N_("Look up your server’s address on the Spamhaus web site, follow the steps it shows for removal, and tell your hosting company."),
    N_("Enter the address on the Spamhaus page. It shows which of its lists holds the address and why. Where you may ask for removal yourself, it offers a form free of charge; for some listings only the owner of the address, your hosting company, can ask."),
    N_("Open the Spamhaus Lookup Page"),
    N_("When Spamhaus accepts a removal, mail services usually see the change within a few hours to a day.") },
  { "spamhaus-sbl",
    N_("SBL: Spamhaus saw spam come from this address, or the address is used by spammers. Only your hosting company can ask for removal, after it has stopped the spam."),
    N_("Tell your hosting company about this listing: only they can ask Spamhaus to remove it."),
    NULL, NULL, NULL },
  { "spamhaus-css",
    N_("CSS: this address recently sent spam, often from a hacked website or mail account on the server. Once the cause is fixed, removal can be requested on the lookup page."),
    NULL, NULL, NULL, NULL },
  { "spamhaus-xbl",
    N_("XBL: a computer or server at this address seems to be infected by malware or taken over. It must be cleaned first; then removal can be requested on the lookup page."),
    NULL, NULL, NULL, NULL },
  { "spamhaus-pbl",
    N_("PBL: this address is not meant to send mail directly. This is not a sign of spam. Only your hosting company can fix it, by sending mail through its proper mail server or by having Spamhaus change the listing."),
    N_("Tell your hosting company about this listing: only they can fix it."),
    NULL, NULL, NULL },
  { "spamhaus-drop",
    N_("DROP: Spamhaus considers the whole network to be run by spammers or criminals. A single customer cannot change this; talk to your hosting company."),
    N_("Tell your hosting company about this listing: only they can deal with it."),
    NULL, NULL, NULL },
  { "spamhaus-dbl",
    N_("DBL: not your server’s address but a domain name is listed: your own domain, or a domain in a link in your mail. Enter the domain, not the address, on the lookup page."),
    N_("Look up your domain on the Spamhaus web site and follow the steps it shows; also check the links in your mail."),
    NULL, NULL, NULL },

  { "spamcop",
    N_("SpamCop lists addresses that people have recently reported for sending spam."),
    N_("Check the address on the SpamCop page and tell your hosting company; the listing ends by itself once the reports stop."),
    N_("SpamCop takes no removal requests: a listing ends by itself about a day after the last report. If it keeps coming back, spam is still being sent from the server."),
    N_("Open the SpamCop Lookup Page"),
    N_("The listing ends by itself about a day after the last spam report.") },

  { "barracuda",
    N_("Barracuda’s list is used by companies that filter their mail with Barracuda products. It lists addresses that sent mail Barracuda considers spam."),
    N_("Send Barracuda’s removal request form for your server’s address, and tell your hosting company."),
    N_("On the form, enter the address, your e-mail address and a short explanation. Requests are checked by hand."),
    N_("Open the Barracuda Removal Form"),
    N_("Barracuda checks removal requests by hand; most are handled within about a day.") },

  { "uceprotect",
    N_("UCEPROTECT lists addresses in three levels. Few large mail services use it; Microsoft and Gmail generally do not."),
    N_("Check the address on the UCEPROTECT page and tell your hosting company; its listings end by themselves."),
    N_("UCEPROTECT does not remove listings on request free of charge. Paying for early removal is not necessary: listings end by themselves once the spam stops."),
    N_("Open the UCEPROTECT Lookup Page"),
    N_("A level 1 listing ends 7 days after the last spam; levels 2 and 3 end when the whole range or network improves, which can take longer.") },
  { "uceprotect-1",
    N_("Level 1: spam came from your server’s own address. The listing ends by itself 7 days after the last spam."),
    NULL, NULL, NULL, NULL },
  { "uceprotect-2",
    N_("Level 2: a whole range of addresses around yours is listed, because several addresses in it sent spam, not necessarily yours. It ends by itself when they stop; you cannot remove it yourself."),
    NULL, NULL, NULL, NULL },
  { "uceprotect-3",
    N_("Level 3: your hosting company’s whole network is listed because of spam from many of its addresses. It ends by itself when the network improves; you cannot remove it yourself."),
    NULL, NULL, NULL, NULL },

  { "psbl",
    N_("The Passive Spam Block List (PSBL) lists addresses that sent mail to its spam traps. Few mail services use it."),
    N_("Remove your server’s address on the PSBL page yourself, and tell your hosting company."),
    N_("Anyone may remove an address on the PSBL page, free of charge. If spam is still sent from the server, the address is listed again."),
    N_("Open the PSBL Removal Page"),
    N_("A removal on the PSBL page takes effect at once.") },

  { "mailspike",
    N_("Mailspike rates addresses by the mail they send and lists those with a bad reputation."),
    N_("Tell your hosting company; the Mailspike listing ends by itself when the server sends no more spam."),
    N_("Mailspike has no removal form for this: its rating follows the mail the server sends and improves by itself. Your hosting company can check the rating."),
    NULL,
    N_("The rating improves by itself over several days once the spam stops.") },
};

static const Entry *
lookup (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_strcmp0 (entries[i].id, id) == 0)
      return &entries[i];
  return NULL;
}

#define FIELD(field) \
  const Entry *entry = lookup (id); \
  return entry && entry->field ? _(entry->field) : NULL

const char *
dh_blocklist_text_meaning (const char *id)
{
  FIELD (meaning);
}

const char *
dh_blocklist_text_todo (const char *id)
{
  FIELD (todo);
}

const char *
dh_blocklist_text_removal (const char *id)
{
  FIELD (removal);
}

const char *
dh_blocklist_text_button (const char *id)
{
  FIELD (button);
}

const char *
dh_blocklist_text_expect (const char *id)
{
  FIELD (expect);
}

#undef FIELD

const char *
dh_blocklist_text_scope (DhBlocklistScope scope)
{
  switch (scope)
    {
    case DH_BLOCKLIST_SCOPE_IP:
      return _("Only your server’s address");
    case DH_BLOCKLIST_SCOPE_RANGE:
      return _("A range of addresses around yours");
    case DH_BLOCKLIST_SCOPE_NETWORK:
      return _("Your hosting company’s whole network");
    case DH_BLOCKLIST_SCOPE_DOMAIN:
      return _("A domain name, not your server’s address");
    default:
      g_return_val_if_reached (NULL);
    }
}
