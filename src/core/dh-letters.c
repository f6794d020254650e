/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-letters.c: the values of a case, put into the letters of data/letters/. No sentence is
 * written here: every word is in the letters' files. */
#include "config.h"

#include <string.h>

#include "dh-letters.h"
#include "dh-format.h"
#include "dh-letter.h"

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* What this file reads of a case besides its functions (dh_case_get (), dh_case_get_report (),
 * dh_case_get_website ()): the one place that knows DhCase's fields. */
typedef struct {
  const char *system;
  const char *remedy;
  DhHosting   hosting;
  const char *contact_name;
  GDateTime  *date;
  GPtrArray  *replies;       /* DhCaseReply* */
  GPtrArray  *tickets;       /* char* */
} CaseFields;

static void
case_fields (DhCase     *c,
             CaseFields *fields)
{
  fields->system = dh_case_get_system (c);
  fields->remedy = dh_case_get_remedy (c);
  fields->hosting = dh_case_get_hosting (c);
  fields->contact_name = dh_case_get_contact_name (c);
  fields->date = dh_case_get_date (c);
  fields->replies = dh_case_get_replies (c);
  fields->tickets = dh_case_get_tickets (c);
}

static GHashTable *
values_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static void
set (GHashTable *values,
     const char *name,
     const char *value)
{
  if (is_set (value))
    g_hash_table_insert (values, (gpointer) name, g_strdup (value));
}

static void
set_flag (GHashTable *values,
          const char *name,
          gboolean    on)
{
  if (on)
    g_hash_table_insert (values, (gpointer) name, g_strdup ("yes"));
}

/* A letter that does not render is a broken build (the golden tests render each): say so loudly
 * and show nothing rather than half a letter. */
static char *
render (const char *name,
        const char *lang,
        GHashTable *values)
{
  g_autoptr(GError) error = NULL;
  char *text = dh_letter_render (name, lang, values, &error);

  if (text == NULL)
    g_critical ("The letter %s.%s does not render: %s", name, lang, error->message);
  return text;
}

/* Who signs: the contact's name, else the sending address or domain. */
static const char *
signature (DhCase           *c,
           const CaseFields *f)
{
  if (is_set (f->contact_name))
    return f->contact_name;
  if (is_set (dh_case_get (c, DH_CASE_SENDER_ADDRESS)))
    return dh_case_get (c, DH_CASE_SENDER_ADDRESS);
  return dh_case_get (c, DH_CASE_SENDER_DOMAIN);
}

/* Everything a case's letters may use (HACKING.md lists the names). */
static GHashTable *
case_values (DhCase     *c,
             const char *lang)
{
  GHashTable *values = values_new ();
  CaseFields f;
  g_autofree char *website = dh_case_get_website (c);
  g_autofree char *code = dh_letters_delist_code (c);
  gboolean consumer, m365;

  case_fields (c, &f);
  set (values, "ip", dh_case_get (c, DH_CASE_IP));
  set (values, "sender_domain", dh_case_get (c, DH_CASE_SENDER_DOMAIN));
  set (values, "recipient_domain", dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN));
  set (values, "reporting_host", dh_case_get (c, DH_CASE_REPORTING_HOST));
  set (values, "diagnostic", dh_case_get (c, DH_CASE_DIAGNOSTIC));
  set (values, "contact_name", f.contact_name);
  set (values, "website", website);
  set (values, "signature", signature (c, &f));
  set (values, "code", code);
  if (f.date != NULL)
    g_hash_table_insert (values, "date", dh_format_letter_date (f.date, lang));

  consumer = g_strcmp0 (f.system, "microsoft-consumer") == 0;
  m365 = g_strcmp0 (f.system, "microsoft-365") == 0;
  set_flag (values, "outlook_com", consumer);
  set_flag (values, "microsoft_365", m365);
  set_flag (values, "microsoft_other", !consumer && !m365);

  set_flag (values, "shared", f.hosting == DH_HOSTING_SHARED);
  set_flag (values, "dedicated", f.hosting == DH_HOSTING_DEDICATED);
  set_flag (values, "hosting_unknown", f.hosting != DH_HOSTING_SHARED && f.hosting != DH_HOSTING_DEDICATED);

  set_flag (values, "remedy_form", g_strcmp0 (f.remedy, "outlook-delist-form") == 0);
  set_flag (values, "remedy_portal", g_strcmp0 (f.remedy, "office365-delist-portal") == 0);
  set_flag (values, "remedy_mail", g_strcmp0 (f.remedy, "delist-email") == 0);
  return values;
}

/* The case's latest "not-qualified" reply, read again from its text; NULL without one. */
static DhReply *
latest_not_qualified (const CaseFields *f)
{
  for (guint i = f->replies->len; i > 0; i--)
    {
      DhCaseReply *stored = g_ptr_array_index (f->replies, i - 1);

      if (g_strcmp0 (stored->kind, "not-qualified") == 0 && stored->text != NULL)
        return dh_reply_analyze (stored->text, strlen (stored->text), NULL);
    }
  return NULL;
}

/* The case's values with the reply's IP (when the case has none) and ticket. */
static GHashTable *
reply_values (DhCase     *c,
              DhReply    *reply,
              const char *lang)
{
  GHashTable *values = case_values (c, lang);
  g_autoptr(DhReply) latest = NULL;
  CaseFields f;
  const char *ticket = NULL;

  case_fields (c, &f);
  if (reply == NULL)
    reply = latest = latest_not_qualified (&f);
  if (reply != NULL && !is_set (dh_case_get (c, DH_CASE_IP)) && reply->ips->len > 0)
    set (values, "ip", g_ptr_array_index (reply->ips, 0));
  if (reply != NULL)
    ticket = reply->ticket;
  if (!is_set (ticket) && f.tickets->len > 0)
    ticket = g_ptr_array_index (f.tickets, f.tickets->len - 1);
  set (values, "ticket", ticket);

  /* "RE: <Microsoft's subject>": a reply to the same ticket keeps its number in the subject;
   * {subject_ticket} is the number when the subject does not have it yet. */
  if (reply != NULL && is_set (reply->subject))
    {
      if (g_ascii_strncasecmp (reply->subject, "RE:", 3) == 0)
        set (values, "subject", reply->subject);
      else
        g_hash_table_insert (values, "subject", g_strconcat ("RE: ", reply->subject, NULL));
    }
  if (is_set (ticket) &&
      (!g_hash_table_contains (values, "subject") || strstr (g_hash_table_lookup (values, "subject"), ticket) == NULL))
    set (values, "subject_ticket", ticket);
  return values;
}

/* A letter from the case's values, and for an answer to Microsoft (@answer) the reply's. */
static char *
case_letter (DhCase     *dh_case,
             gboolean    answer,
             DhReply    *reply,
             const char *name,
             const char *lang)
{
  g_autoptr(GHashTable) values = NULL;

  g_return_val_if_fail (dh_case != NULL, NULL);

  values = answer ? reply_values (dh_case, reply, lang) : case_values (dh_case, lang);
  return render (name, lang, values);
}

char *
dh_letters_host_subject (DhCase     *dh_case,
                         const char *lang)
{
  return case_letter (dh_case, FALSE, NULL, "host-subject", lang);
}

char *
dh_letters_host_body (DhCase     *dh_case,
                      const char *lang)
{
  return case_letter (dh_case, FALSE, NULL, "host-body", lang);
}

char *
dh_letters_delist_code (DhCase *dh_case)
{
  DhReport *report;
  const char *code;

  g_return_val_if_fail (dh_case != NULL, NULL);

  report = dh_case_get_report (dh_case);
  code = dh_case_get (dh_case, DH_CASE_CODE);
  if (!is_set (code) && report != NULL)
    code = report->status;
  if (!is_set (code))
    code = "5.7.511";
  if (report != NULL && is_set (report->reply_code) && !g_str_has_prefix (code, report->reply_code))
    return g_strdup_printf ("%s %s", report->reply_code, code);
  return g_strdup (code);
}

char *
dh_letters_delist_subject (DhCase     *dh_case,
                           const char *lang)
{
  return case_letter (dh_case, FALSE, NULL, "delist-subject", lang);
}

char *
dh_letters_delist_body (DhCase     *dh_case,
                        const char *lang)
{
  return case_letter (dh_case, FALSE, NULL, "delist-body", lang);
}

char *
dh_letters_reply_subject (DhCase     *dh_case,
                          DhReply    *reply,
                          const char *lang)
{
  return case_letter (dh_case, TRUE, reply, "reply-subject", lang);
}

char *
dh_letters_reply_body (DhCase     *dh_case,
                       DhReply    *reply,
                       const char *lang)
{
  return case_letter (dh_case, TRUE, reply, "reply-body", lang);
}

char *
dh_letters_form_title (const char *ip,
                       const char *code,
                       DhHosting   hosting,
                       const char *lang)
{
  g_autoptr(GHashTable) values = values_new ();
  gboolean known = hosting == DH_HOSTING_SHARED || hosting == DH_HOSTING_DEDICATED;

  set (values, "ip", ip);
  set (values, "code", code);
  set_flag (values, "shared", hosting == DH_HOSTING_SHARED);
  set_flag (values, "dedicated", hosting == DH_HOSTING_DEDICATED);
  set_flag (values, "hosting_known", known);
  set_flag (values, "details", is_set (code) || known);
  return render ("form-title", lang, values);
}
