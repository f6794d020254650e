/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-export.c: a case as a readable report for the hosting company's support, or as JSON. */
#include "config.h"

#include "dh-case-export.h"
#include "dh-case-text.h"
#include "dh-format.h"
#include "dh-replies.h"

#include <glib/gi18n.h>
#include <string.h>

/* Addresses as they appear in bounces and replies; the domain part is checked separately. */
#define ADDRESS_PATTERN "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"

gboolean
dh_export_format_from_string (const char     *name,
                              DhExportFormat *format)
{
  static const char *names[] = { "text", "markdown", "json" };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        if (format)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  GHashTable *addresses;   /* lower-cased recipient addresses */
  GHashTable *domains;     /* lower-cased recipient domains */
  char       *sender;      /* lower-cased, never masked */
} MaskData;

static gboolean
mask_one (const GMatchInfo *match,
          GString          *result,
          gpointer          user_data)
{
  MaskData *data = user_data;
  g_autofree char *address = g_match_info_fetch (match, 0);
  g_autofree char *lower = g_ascii_strdown (address, -1);
  const char *at = strrchr (lower, '@');

  if (g_strcmp0 (lower, data->sender) != 0 &&
      (g_hash_table_contains (data->addresses, lower) || g_hash_table_contains (data->domains, at + 1)))
    {
      /* u***@outlook.jp: the first character stays, so that two recipients stay apart. */
      g_string_append_unichar (result, g_utf8_get_char (address));
      g_string_append (result, "***");
      g_string_append (result, address + (at - lower));
    }
  else
    g_string_append (result, address);
  return FALSE;
}

/* @text with the local part of every recipient's address (the recipients of the bounces, and any
 * address at a recipient domain other than the sender's own) replaced: "u***@outlook.jp". */
char *
dh_case_mask_recipients (DhCase     *dh_case,
                         const char *text)
{
  static GRegex *regex;
  MaskData data = { 0 };
  const char *domain;
  char *result;

  g_return_val_if_fail (dh_case != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (ADDRESS_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));

  data.addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data.domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; dh_case_get_analysis (dh_case) && i < dh_case_get_analysis (dh_case)->reports->len; i++)
    {
      DhReport *report = g_ptr_array_index (dh_case_get_analysis (dh_case)->reports, i);

      for (guint j = 0; j < report->recipients->len; j++)
        g_hash_table_add (data.addresses, g_ascii_strdown (g_ptr_array_index (report->recipients, j), -1));
      for (guint j = 0; j < report->recipient_domains->len; j++)
        g_hash_table_add (data.domains, g_ascii_strdown (g_ptr_array_index (report->recipient_domains, j), -1));
    }
  domain = dh_case_get (dh_case, DH_CASE_RECIPIENT_DOMAIN);
  if (domain)
    g_hash_table_add (data.domains, g_ascii_strdown (domain, -1));
  if (dh_case_get (dh_case, DH_CASE_SENDER_ADDRESS))
    data.sender = g_ascii_strdown (dh_case_get (dh_case, DH_CASE_SENDER_ADDRESS), -1);

  result = g_regex_replace_eval (regex, text, -1, 0, 0, mask_one, &data, NULL);
  g_hash_table_unref (data.addresses);
  g_hash_table_unref (data.domains);
  g_free (data.sender);
  return result ? result : g_strdup (text);
}

typedef struct {
  GString       *out;
  DhExportFormat format;
} Writer;

/* A date and time as the report writes it, "—" when there is none. */
static char *
format_time (GDateTime *time)
{
  return time ? dh_format_date_time (time) : g_strdup ("—");
}

static void
heading (Writer     *w,
         const char *title)
{
  if (w->out->len > 0)
    g_string_append_c (w->out, '\n');
  if (w->format == DH_EXPORT_MARKDOWN)
    g_string_append_printf (w->out, "## %s\n\n", title);
  else
    {
      g_string_append_printf (w->out, "%s\n", title);
      /* Wide characters take two columns. */
      for (const char *p = title; *p; p = g_utf8_next_char (p))
        g_string_append (w->out, g_unichar_iswide (g_utf8_get_char (p)) ? "==" : "=");
      g_string_append (w->out, "\n\n");
    }
}

/* "label: value" as a line (text) or a list item (Markdown); nothing when @value is empty. */
static void
field (Writer     *w,
       const char *label,
       const char *value)
{
  g_autofree char *bold = NULL;

  if (value == NULL || *value == '\0')
    return;
  if (w->format == DH_EXPORT_MARKDOWN)
    {
      bold = g_strdup_printf ("**%s**", label);
      g_string_append (w->out, "- ");
      label = bold;
    }
  /* Translators: a line of the exported report: %1$s is a label such as "Blocked IP address",
   * %2$s its value. */
  g_string_append_printf (w->out, _("%1$s: %2$s"), label, value);
  g_string_append_c (w->out, '\n');
}

/* Text as it was (a bounce, a reply): indented in text, fenced in Markdown. */
static void
verbatim (Writer     *w,
          const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (w->format == DH_EXPORT_MARKDOWN)
    {
      g_autoptr(GString) fence = g_string_new ("```");

      while (strstr (text, fence->str))
        g_string_append_c (fence, '`');
      g_string_append_printf (w->out, "%s\n", fence->str);
      for (guint i = 0; lines[i]; i++)
        if (lines[i + 1] != NULL || *lines[i])
          g_string_append_printf (w->out, "%s\n", g_strchomp (lines[i]));
      g_string_append_printf (w->out, "%s\n", fence->str);
      return;
    }
  for (guint i = 0; lines[i]; i++)
    if (lines[i + 1] != NULL || *lines[i])
      g_string_append_printf (w->out, "    %s\n", g_strchomp (lines[i]));
}

/* Leaves out what cannot be masked: an opened file's bytes, kept as base64, in which an address is
 * not text. */
static void
drop_bytes (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "input_bytes");
}

static char *
export_json (DhCase   *dh_case,
             gboolean  masked)
{
  g_autoptr(JsonNode) root = dh_case_to_json (dh_case);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (masked)
    drop_bytes (root);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
export_report (DhCase        *dh_case,
               DhExportFormat format)
{
  Writer w = { g_string_new (NULL), format };
  DhReport *report = dh_case_get_report (dh_case);
  g_autofree char *created = format_time (dh_case_get_created (dh_case));
  g_autofree char *updated = format_time (dh_case_get_updated (dh_case));
  g_autofree char *bounce_date = dh_case_get_date (dh_case) ? format_time (dh_case_get_date (dh_case)) : NULL;
  g_autoptr(GDateTime) since = NULL;
  DhCaseState state = dh_case_get_state (dh_case, &since);
  g_autofree char *until = dh_case_get_wait_until (dh_case) ? format_time (dh_case_get_wait_until (dh_case)) : NULL;
  const char *code = dh_case_get (dh_case, DH_CASE_CODE);
  g_autofree char *codes = NULL;

  if (format == DH_EXPORT_MARKDOWN)
    g_string_append_printf (w.out, "# %s\n\n", _("Delisting case report"));
  else
    {
      heading (&w, _("Delisting case report"));
      g_string_truncate (w.out, w.out->len - 1);
    }
  field (&w, _("Case"), dh_case_get_id (dh_case));
  field (&w, _("Opened"), created);
  field (&w, _("Last change"), updated);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *state_text = dh_case_text_state (state, since, dh_case_get_step (dh_case), now);

    field (&w, _("State"), state_text);
  }
  field (&w, _("Waiting until"), until);

  heading (&w, _("The bounce"));
  field (&w, _("Blocked IP address"), dh_case_get (dh_case, DH_CASE_IP));
  if (report && (report->reply_code || report->status))
    codes = g_strjoin (" ", code ? code : "", report->reply_code ? report->reply_code : "",
                       report->status && g_strcmp0 (report->status, code) != 0 ? report->status : "", NULL);
  field (&w, _("Codes"), codes ? g_strstrip (codes) : code);
  field (&w, _("Sender address"), dh_case_get (dh_case, DH_CASE_SENDER_ADDRESS));
  field (&w, _("Sender domain"), dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN));
  field (&w, _("Recipient domain"), dh_case_get (dh_case, DH_CASE_RECIPIENT_DOMAIN));
  field (&w, _("Reporting server"), dh_case_get (dh_case, DH_CASE_REPORTING_HOST));
  field (&w, _("Refusing server"), dh_case_get (dh_case, DH_CASE_REMOTE_HOST));
  field (&w, _("Date of the bounce"), bounce_date);
  field (&w, _("Refused by"), dh_case_get_system (dh_case));
  field (&w, _("Reason"), dh_case_get_kind (dh_case));
  field (&w, _("Remedy"), dh_case_get_remedy (dh_case));
  if (dh_case_get (dh_case, DH_CASE_DIAGNOSTIC))
    {
      g_string_append_printf (w.out, "\n%s\n", _("The server’s message, as it was:"));
      verbatim (&w, dh_case_get (dh_case, DH_CASE_DIAGNOSTIC));
    }

  if (dh_case_get_contact_name (dh_case) || dh_case_get_contact_email (dh_case) || dh_case_get_user_website (dh_case))
    {
      heading (&w, _("Contact"));
      field (&w, _("Name"), dh_case_get_contact_name (dh_case));
      field (&w, _("E-mail address"), dh_case_get_contact_email (dh_case));
      field (&w, _("Website"), dh_case_get_user_website (dh_case));
    }

  heading (&w, _("What was done"));
  for (guint i = 0; i < dh_case_get_events (dh_case)->len; i++)
    {
      DhCaseEvent *event = g_ptr_array_index (dh_case_get_events (dh_case), i);
      g_autofree char *when = format_time (event->time);
      g_autofree char *what = dh_case_text_event (event);

      if (what == NULL)
        continue;
      g_string_append (w.out, format == DH_EXPORT_MARKDOWN ? "- " : "");
      /* Translators: a line of the timeline: %1$s is a date and time, %2$s what happened. */
      g_string_append_printf (w.out, _("%1$s — %2$s"), when, what);
      g_string_append_c (w.out, '\n');
    }

  if (dh_case_get_tickets (dh_case)->len > 0)
    {
      heading (&w, _("Ticket numbers"));
      for (guint i = 0; i < dh_case_get_tickets (dh_case)->len; i++)
        g_string_append_printf (w.out, "%s%s\n", format == DH_EXPORT_MARKDOWN ? "- " : "",
                                (const char *) g_ptr_array_index (dh_case_get_tickets (dh_case), i));
    }

  for (guint i = 0; i < dh_case_get_replies (dh_case)->len; i++)
    {
      DhCaseReply *reply = g_ptr_array_index (dh_case_get_replies (dh_case), i);
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (reply->received);

      /* Translators: %1$u is the number of the reply (1, 2, …), %2$s the date it came. */
      title = g_strdup_printf (_("Reply %1$u from Microsoft, %2$s"), i + 1, when);
      heading (&w, title);
      field (&w, _("Kind"), dh_reply_kind_title (dh_reply_kind_from_id (reply->kind)));
      field (&w, _("Ticket"), reply->ticket);
      g_string_append_c (w.out, '\n');
      verbatim (&w, reply->text);
    }

  if (dh_case_get_notes (dh_case))
    {
      heading (&w, _("Notes"));
      g_string_append (w.out, dh_case_get_notes (dh_case));
      if (!g_str_has_suffix (dh_case_get_notes (dh_case), "\n"))
        g_string_append_c (w.out, '\n');
    }

  if (dh_case_get_input (dh_case))
    {
      heading (&w, _("The bounce as it was pasted"));
      verbatim (&w, dh_case_get_input (dh_case));
    }

  return g_string_free (w.out, FALSE);
}

/* The case as a report for the hosting company's support (text or Markdown, in the app's
 * language, dates in the user's locale) or as JSON. With @mask_recipients, every recipient's
 * address is masked everywhere in it (dh_case_mask_recipients ()), the diagnostic, the bounce and
 * the replies included; masked JSON leaves out the bytes of an opened file (base64, which cannot be
 * masked). An address inside a base64 or quoted-printable part of a pasted message is not seen. */
char *
dh_case_export (DhCase         *dh_case,
                DhExportFormat  format,
                gboolean        mask_recipients)
{
  g_autofree char *out = NULL;

  g_return_val_if_fail (dh_case != NULL, NULL);
  g_return_val_if_fail (format <= DH_EXPORT_JSON, NULL);

  out = format == DH_EXPORT_JSON ? export_json (dh_case, mask_recipients) : export_report (dh_case, format);
  /* On the whole output, so that nothing that quotes an address escapes it; addresses need no
   * escaping in JSON, so the JSON stays valid. */
  if (mask_recipients)
    return dh_case_mask_recipients (dh_case, out);
  return g_steal_pointer (&out);
}
