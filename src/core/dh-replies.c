/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-replies.c: recognises Microsoft's replies to a delisting request with the patterns of
 * data/replies.json; the sentences a person reads about each kind and step are here, for gettext.
 *
 * The text is read line by line (GMime has decoded it, see dh_message_text_read ()). Each line has
 * a quote level: its "> " marks plus the "Original Message" / "On ... wrote:" separators above it.
 * The kind comes from the least quoted line that matches a pattern, so a new answer on top of an
 * older quoted one wins; at the same level the kind listed first in the data wins. */
#include "config.h"

#include "dh-json.h"
#include "dh-replies.h"
#include "dh-analyzer.h"
#include "dh-data.h"
#include "dh-ip.h"
#include "dh-regex.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <string.h>

G_DEFINE_QUARK (dh-reply-error-quark, dh_reply_error)

/* Longest line examined, in bytes; a reply's sentences are short. */
#define MAX_LINE 4096
/* Lines examined; a reply with its quoted history is a few hundred. */
#define MAX_LINES 20000
/* Tickets and addresses kept. */
#define MAX_ITEMS 64
/* The Subject decides the kind only when no line of the body does: a forwarded decision keeps
 * the acknowledgement's subject ("Fwd: Reported deliverability problem ..."). */
#define SUBJECT_DEPTH 1000

static const char *kind_ids[DH_REPLY_N_KINDS] = {
  [DH_REPLY_UNKNOWN] = "unknown",
  [DH_REPLY_ACKNOWLEDGEMENT] = "acknowledgement",
  [DH_REPLY_CONDITIONALLY_MITIGATED] = "conditionally-mitigated",
  [DH_REPLY_MITIGATED] = "mitigated",
  [DH_REPLY_NOT_QUALIFIED] = "not-qualified",
  [DH_REPLY_NOT_BLOCKED] = "not-blocked",
};

/* Every pattern is a DhLazyRegex*: compiled on its first use, once. */
typedef struct {
  DhReplyKind kind;
  GPtrArray  *patterns;
} KindRules;

typedef struct {
  DhLazyRegex *context;
  GArray      *kinds;           /* KindRules, in the data's order */
  GPtrArray   *tickets;         /* group 1 is the ticket */
  DhLazyRegex *wait_hours;
  guint        default_wait_hours;
  DhLazyRegex *ip;
  DhLazyRegex *microsoft_host_ip;
  GPtrArray   *not_ip_lines;
  GPtrArray   *quote_markers;
} Patterns;

/* Built-in data, kept for the life of the process; a pattern that does not compile is a broken
 * build, not bad input: dh_lazy_regex_get () stops the program (test-replies compiles them all). */
static DhLazyRegex *
compile (const char *pattern)
{
  DhLazyRegex *lazy = g_new0 (DhLazyRegex, 1);

  dh_lazy_regex_init (lazy, pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, FALSE, NULL);
  return lazy;
}

static GPtrArray *
compile_array (JsonObject *object,
               const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    g_ptr_array_add (out, compile (json_array_get_string_element (array, i)));
  return out;
}

static GRegex *
regex_at (GPtrArray *lazies,
          guint      i)
{
  return dh_lazy_regex_get (g_ptr_array_index (lazies, i));
}

static const Patterns *
patterns_get (void)
{
  static Patterns patterns;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(JsonParser) parser = dh_data_get_json ("replies.json");
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonArray *kinds;

      patterns.context = compile (json_object_get_string_member (root, "context"));
      patterns.kinds = g_array_new (FALSE, TRUE, sizeof (KindRules));
      kinds = json_object_get_array_member (root, "kinds");
      for (guint i = 0; i < json_array_get_length (kinds); i++)
        {
          JsonObject *k = json_array_get_object_element (kinds, i);
          KindRules rules;

          rules.kind = dh_reply_kind_from_id (json_object_get_string_member (k, "id"));
          if (rules.kind == DH_REPLY_UNKNOWN)
            g_error ("replies.json: unknown kind %s", json_object_get_string_member (k, "id"));
          rules.patterns = compile_array (k, "patterns");
          g_array_append_val (patterns.kinds, rules);
        }
      patterns.tickets = compile_array (root, "tickets");
      patterns.wait_hours = compile (json_object_get_string_member (root, "wait_hours"));
      patterns.default_wait_hours = json_object_get_int_member (root, "default_wait_hours");
      patterns.ip = compile (json_object_get_string_member (root, "ip"));
      patterns.microsoft_host_ip = compile (json_object_get_string_member (root, "microsoft_host_ip"));
      patterns.not_ip_lines = compile_array (root, "not_ip_lines");
      patterns.quote_markers = compile_array (root, "quote_markers");
      g_once_init_leave (&initialized, 1);
    }
  return &patterns;
}

static gboolean
matches_any (GPtrArray  *regexes,
             const char *line)
{
  for (guint i = 0; i < regexes->len; i++)
    if (g_regex_match (regex_at (regexes, i), line, 0, NULL))
      return TRUE;
  return FALSE;
}

static void
add_unique (GPtrArray  *array,
            const char *value)
{
  if (array->len >= MAX_ITEMS)
    return;
  for (guint i = 0; i < array->len; i++)
    if (g_ascii_strcasecmp (array->pdata[i], value) == 0)
      return;
  g_ptr_array_add (array, g_strdup (value));
}

/* Binary data (an image, an archive) is refused rather than read as a reply. ESC is allowed:
 * raw ISO-2022-JP uses it. */
static gboolean
looks_binary (const char *data,
              gsize       length)
{
  gsize n = MIN (length, 65536), control = 0;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) data[i];
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
        control++;
    }
  return control * 10 > n;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Removes "> " marks (any number, with or without spaces between) and returns how many. */
static guint
strip_quotes (const char **line)
{
  const char *p = *line;
  guint depth = 0;

  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != '>')
        break;
      depth++;
      p++;
    }
  *line = p;
  return depth;
}

typedef struct {
  const Patterns *patterns;
  DhReply        *reply;
  guint           best_depth;
  guint           best_rank;
  gboolean        found;
  guint           wait_depth;
  gboolean        wait_found;
  guint           wait_hours;
  guint           date_depth;
} Reader;

static void
read_tickets (Reader     *r,
              const char *line)
{
  for (guint i = 0; i < r->patterns->tickets->len; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      g_regex_match (regex_at (r->patterns->tickets, i), line, 0, &info);
      while (g_match_info_matches (info))
        {
          g_autofree char *ticket = g_match_info_fetch (info, 1);
          if (ticket != NULL && *ticket != '\0')
            add_unique (r->reply->tickets, ticket);
          g_match_info_next (info, NULL);
        }
    }
}

static void
read_ips (Reader     *r,
          const char *line)
{
  g_autoptr(GPtrArray) microsoft = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMatchInfo) info = NULL;

  if (matches_any (r->patterns->not_ip_lines, line))
    return;

  /* "NAM12-BN8-obe.outbound.protection.outlook.com (40.107.1.1)": Microsoft's own host. */
  g_regex_match (dh_lazy_regex_get (r->patterns->microsoft_host_ip), line, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *ip = g_match_info_fetch (info, 1);
      g_autofree char *normal = ip ? dh_ip_normalize (ip) : NULL;
      if (normal != NULL)
        g_ptr_array_add (microsoft, g_steal_pointer (&normal));
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (dh_lazy_regex_get (r->patterns->ip), line, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *text = g_match_info_fetch (info, 1);
      g_autoptr(GInetAddress) address = text ? dh_ip_parse (text) : NULL;

      if (address != NULL &&
          (dh_ip_classify (address) & (DH_IP_FLAG_PRIVATE | DH_IP_FLAG_LOOPBACK |
                                       DH_IP_FLAG_LINK_LOCAL | DH_IP_FLAG_UNSPECIFIED)) == 0)
        {
          g_autofree char *normal = g_inet_address_to_string (address);
          if (!g_ptr_array_find_with_equal_func (microsoft, normal, g_str_equal, NULL))
            add_unique (r->reply->ips, normal);
        }
      g_match_info_next (info, NULL);
    }
}

static void
read_kind (Reader     *r,
           const char *line,
           guint       depth)
{
  if (r->found && depth > r->best_depth)
    return;
  for (guint rank = 0; rank < r->patterns->kinds->len; rank++)
    {
      const KindRules *rules = &g_array_index (r->patterns->kinds, KindRules, rank);

      if (r->found && depth == r->best_depth && rank >= r->best_rank)
        return;
      if (matches_any (rules->patterns, line))
        {
          r->found = TRUE;
          r->best_depth = depth;
          r->best_rank = rank;
          r->reply->kind = rules->kind;
          g_free (r->reply->line);
          r->reply->line = g_strstrip (g_strdup (line));
          return;
        }
    }
}

/* "24 - 48 hours": the larger figure, from the least quoted line that gives one. */
static void
read_wait (Reader     *r,
           const char *line,
           guint       depth)
{
  g_autoptr(GMatchInfo) info = NULL;

  if (r->wait_found && depth >= r->wait_depth)
    return;
  if (g_regex_match (dh_lazy_regex_get (r->patterns->wait_hours), line, 0, &info))
    {
      g_autofree char *low = g_match_info_fetch (info, 1);
      g_autofree char *high = g_match_info_fetch (info, 2);
      guint64 hours = MAX (g_ascii_strtoull (low, NULL, 10), g_ascii_strtoull (high, NULL, 10));

      if (hours > 0 && hours <= 24 * 14)
        {
          r->wait_found = TRUE;
          r->wait_depth = depth;
          r->wait_hours = (guint) hours;
        }
    }
}

/* Pasted text has no parsed headers: a "Date:" line (the least quoted) stands in for one. */
static void
read_date (Reader     *r,
           const char *line,
           guint       depth)
{
  GDateTime *date;

  if (r->reply->date != NULL && depth >= r->date_depth)
    return;
  if (g_ascii_strncasecmp (line, "Date:", 5) != 0)
    return;
  date = g_mime_utils_header_decode_date (line + 5);
  if (date == NULL)
    return;
  g_clear_pointer (&r->reply->date, g_date_time_unref);
  g_free (r->reply->date_line);
  r->reply->date = date;
  r->reply->date_line = g_strstrip (g_strdup (line));
  r->date_depth = depth;
}

static void
read_line (Reader     *r,
           const char *line,
           guint       depth,
           gboolean    from_text)
{
  read_tickets (r, line);
  read_ips (r, line);
  read_kind (r, line, depth);
  read_wait (r, line, depth);
  if (from_text)
    read_date (r, line, depth);
}

static void
read_body (Reader     *r,
           const char *body)
{
  const char *p = body;
  guint markers = 0, lines = 0;
  gboolean from_text = r->reply->date == NULL;

  while (*p != '\0' && lines < MAX_LINES)
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl ? (gsize) (nl - p) : strlen (p);
      g_autofree char *copy = NULL;
      const char *line;
      guint quotes;

      /* Cut long lines at a character boundary; the body is valid UTF-8. */
      if (len > MAX_LINE)
        len = g_utf8_find_prev_char (p, p + MAX_LINE) - p;
      copy = g_strndup (p, len);
      line = copy;
      quotes = strip_quotes (&line);
      if (matches_any (r->patterns->quote_markers, line))
        markers++;
      if (*line != '\0')
        read_line (r, line, MIN (markers + quotes, SUBJECT_DEPTH - 1), from_text);
      lines++;
      p = nl ? nl + 1 : p + strlen (p);
    }
}

DhReply *
dh_reply_analyze (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(DhReply) reply = NULL;
  g_autoptr(DhMessageText) text = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader r = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > DH_ANALYZER_MAX_INPUT)
    {
      g_set_error (error, DH_REPLY_ERROR, DH_REPLY_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " bytes; the limit is %d bytes",
                   length, DH_ANALYZER_MAX_INPUT);
      return NULL;
    }
  if (data == NULL || is_blank (data, length))
    {
      g_set_error_literal (error, DH_REPLY_ERROR, DH_REPLY_ERROR_EMPTY, "the text is empty");
      return NULL;
    }
  if (looks_binary (data, length))
    {
      g_set_error_literal (error, DH_REPLY_ERROR, DH_REPLY_ERROR_NOT_TEXT,
                           "the data is not text or a mail message");
      return NULL;
    }

  text = dh_message_text_read (data, length, &local_error);
  if (text == NULL)
    {
      g_set_error_literal (error, DH_REPLY_ERROR, DH_REPLY_ERROR_TOO_LARGE, local_error->message);
      return NULL;
    }

  reply = g_new0 (DhReply, 1);
  reply->tickets = g_ptr_array_new_with_free_func (g_free);
  reply->ips = g_ptr_array_new_with_free_func (g_free);
  reply->subject = g_steal_pointer (&text->subject);
  reply->date = g_steal_pointer (&text->date);
  reply->date_line = g_steal_pointer (&text->date_line);

  r.patterns = patterns_get ();
  r.reply = reply;
  /* The Subject first: it is where Microsoft puts the ticket number. */
  if (reply->subject != NULL)
    read_line (&r, reply->subject, SUBJECT_DEPTH, FALSE);
  read_body (&r, text->body);

  /* A text that never names Microsoft, its service or a ticket is not its reply, whatever
   * phrase it contains. */
  if (r.found &&
      !(reply->subject != NULL && g_regex_match (dh_lazy_regex_get (r.patterns->context), reply->subject, 0, NULL)) &&
      !g_regex_match (dh_lazy_regex_get (r.patterns->context), text->body, 0, NULL))
    {
      reply->kind = DH_REPLY_UNKNOWN;
      g_clear_pointer (&reply->line, g_free);
    }

  reply->kind_id = dh_reply_kind_to_id (reply->kind);
  reply->ticket = reply->tickets->len > 0 ? reply->tickets->pdata[0] : NULL;
  if (reply->kind == DH_REPLY_MITIGATED || reply->kind == DH_REPLY_CONDITIONALLY_MITIGATED)
    reply->wait_hours = r.wait_found ? r.wait_hours : r.patterns->default_wait_hours;
  return g_steal_pointer (&reply);
}

void
dh_reply_free (DhReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->tickets, g_ptr_array_unref);
  g_clear_pointer (&reply->ips, g_ptr_array_unref);
  g_free (reply->line);
  g_free (reply->subject);
  g_clear_pointer (&reply->date, g_date_time_unref);
  g_free (reply->date_line);
  g_free (reply);
}

/* The reply as an object for a case file or a test: kind (the id), next_step, ticket, tickets,
 * ips, wait_hours, line, subject, date (ISO 8601 with its offset) and date_line. */
JsonNode *
dh_reply_to_json (DhReply *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *date = NULL;

  g_return_val_if_fail (reply != NULL, NULL);

  if (reply->date != NULL)
    date = g_date_time_format_iso8601 (reply->date);
  json_builder_begin_object (builder);
  dh_json_add_string (builder, "kind", reply->kind_id);
  dh_json_add_string (builder, "next_step", dh_reply_kind_next_step (reply->kind));
  dh_json_add_string (builder, "ticket", reply->ticket);
  dh_json_add_string_array (builder, "tickets", reply->tickets);
  dh_json_add_string_array (builder, "ips", reply->ips);
  json_builder_set_member_name (builder, "wait_hours");
  json_builder_add_int_value (builder, reply->wait_hours);
  dh_json_add_string (builder, "line", reply->line);
  dh_json_add_string (builder, "subject", reply->subject);
  dh_json_add_string (builder, "date", date);
  dh_json_add_string (builder, "date_line", reply->date_line);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
dh_reply_kind_to_id (DhReplyKind kind)
{
  g_return_val_if_fail (kind < DH_REPLY_N_KINDS, kind_ids[DH_REPLY_UNKNOWN]);
  return kind_ids[kind];
}

/* The kind stored under @id; DH_REPLY_UNKNOWN for NULL or an id this version does not know. */
DhReplyKind
dh_reply_kind_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < DH_REPLY_N_KINDS; i++)
    if (g_str_equal (id, kind_ids[i]))
      return (DhReplyKind) i;
  return DH_REPLY_UNKNOWN;
}

/* What to do after a reply of @kind. A text that is no reply may be a new bounce: check it. */
const char *
dh_reply_kind_next_step (DhReplyKind kind)
{
  switch (kind)
    {
    case DH_REPLY_ACKNOWLEDGEMENT:
      return DH_REPLY_STEP_WAIT_FOR_REPLY;
    case DH_REPLY_CONDITIONALLY_MITIGATED:
    case DH_REPLY_MITIGATED:
      return DH_REPLY_STEP_WAIT_THEN_TEST;
    case DH_REPLY_NOT_QUALIFIED:
      return DH_REPLY_STEP_REPLY_NOT_QUALIFIED;
    case DH_REPLY_NOT_BLOCKED:
      return DH_REPLY_STEP_TEST_NOW;
    case DH_REPLY_UNKNOWN:
    case DH_REPLY_N_KINDS:
    default:
      return DH_REPLY_STEP_CHECK_BOUNCE;
    }
}

const char *
dh_reply_kind_title (DhReplyKind kind)
{
  switch (kind)
    {
    case DH_REPLY_ACKNOWLEDGEMENT:
      return _("Microsoft has received your request");
    case DH_REPLY_CONDITIONALLY_MITIGATED:
      return _("The block has been lifted, with conditions");
    case DH_REPLY_MITIGATED:
      return _("The block has been lifted");
    case DH_REPLY_NOT_QUALIFIED:
      return _("Microsoft declined to lift the block");
    case DH_REPLY_NOT_BLOCKED:
      return _("Microsoft sees no block");
    case DH_REPLY_UNKNOWN:
    case DH_REPLY_N_KINDS:
    default:
      return _("This does not look like a reply from Microsoft");
    }
}

const char *
dh_reply_kind_explanation (DhReplyKind kind)
{
  switch (kind)
    {
    case DH_REPLY_ACKNOWLEDGEMENT:
      return _("This is an automatic confirmation. Keep the ticket number: Microsoft usually "
               "sends its decision within a few hours, in a second mail with the same number.");
    case DH_REPLY_CONDITIONALLY_MITIGATED:
      return _("Microsoft has unblocked the address, but may limit how many messages a day it "
               "accepts from it until the address has a good reputation. The change can take "
               "24 to 48 hours to reach all of Microsoft’s servers.");
    case DH_REPLY_MITIGATED:
      return _("Microsoft has removed the block. The change can take 24 to 48 hours to reach all "
               "of Microsoft’s servers.");
    case DH_REPLY_NOT_QUALIFIED:
      return _("This is a standard answer, and it is often not the last word. Reply to the same "
               "mail, politely, with the error message in full, and ask Microsoft to investigate "
               "further.");
    case DH_REPLY_NOT_BLOCKED:
      return _("Microsoft found nothing that would stop your mail. If your mail is still "
               "refused, reply to the same mail with the error message in full.");
    case DH_REPLY_UNKNOWN:
    case DH_REPLY_N_KINDS:
    default:
      return _("None of Microsoft’s usual answers was found in this text. Paste the whole "
               "reply, including its subject line, or check whether it is a new error mail.");
    }
}

/* The sentence for a next-step id; NULL for an id this version does not know. */
const char *
dh_reply_step_text (const char *step)
{
  g_return_val_if_fail (step != NULL, NULL);

  if (g_str_equal (step, DH_REPLY_STEP_WAIT_FOR_REPLY))
    return _("Wait for Microsoft’s next mail, and paste it here when it arrives.");
  if (g_str_equal (step, DH_REPLY_STEP_REPLY_NOT_QUALIFIED))
    return _("Reply to Microsoft’s mail with the ready text below, keeping the subject line "
             "with the ticket number as it is.");
  if (g_str_equal (step, DH_REPLY_STEP_WAIT_THEN_TEST))
    return _("Wait 48 hours, then send a test message to an Outlook.com or Hotmail address.");
  if (g_str_equal (step, DH_REPLY_STEP_TEST_NOW))
    return _("Send a test message to an Outlook.com or Hotmail address now. If it is refused "
             "again, reply to Microsoft’s mail with the new error message.");
  if (g_str_equal (step, DH_REPLY_STEP_CHECK_BOUNCE))
    return _("If this is a new error mail, go back to the start and let the app read it.");
  return NULL;
}
