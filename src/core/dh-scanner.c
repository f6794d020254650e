/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-scanner.c: the line scanner: logical lines, DSN fields, SMTP replies, hosts and
 * diagnostics, gathered into one event per recipient.
 *
 * The work is line based and linear: text is normalised, folded lines are joined into logical
 * lines (each capped), cheap byte tests pick the few lines worth a regex. */
#include "config.h"

#include "dh-analyzer-private.h"
#include "dh-formats.h"

#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Small helpers */

static void
event_free (gpointer data)
{
  Event *event = data;

  g_free (event->recipient);
  g_free (event->recipient_line);
  g_free (event->diagnostic);
  g_free (event->diagnostic_line);
  g_free (event->remote_host);
  g_free (event->remote_host_line);
  g_free (event->remote_ip);
  g_free (event->status);
  g_free (event->action);
  g_free (event->sending_ip);
  g_free (event->sending_ip_line);
  g_free (event);
}

static void
replace_str (char       **dest,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*dest);
  *dest = copy;
}

void
dh_scan_fill_str (char       **dest,
                  const char  *value)
{
  if (*dest == NULL && value != NULL && *value != '\0')
    *dest = g_strdup (value);
}

static inline char
lower (char c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* ASCII case-insensitive substring search within the first @len bytes. This runs on every
 * line, so it tests the first byte in both cases before comparing the rest. */
const char *
dh_scan_find_ci (const char *haystack,
                 gsize       len,
                 const char *needle)
{
  gsize nlen = strlen (needle);
  char first_lower, first_upper;

  if (nlen == 0 || len < nlen)
    return NULL;
  first_lower = lower (needle[0]);
  first_upper = g_ascii_toupper (needle[0]);
  for (gsize i = 0; i + nlen <= len; i++)
    {
      gsize k;

      if (haystack[i] != first_lower && haystack[i] != first_upper)
        continue;
      for (k = 1; k < nlen && lower (haystack[i + k]) == lower (needle[k]); k++)
        ;
      if (k == nlen)
        return haystack + i;
    }
  return NULL;
}

/* Finds @needle (lower case) at or after @from, a pointer into the logical line being scanned:
 * glibc's strstr on the line's lower-case copy, instead of many case-folding scans per line. */
static const char *
scan_find (Scan       *scan,
           const char *from,
           const char *needle)
{
  gsize offset = from - scan->line;
  const char *hit;

  g_assert (from >= scan->line && offset <= scan->lower->len);
  hit = strstr (scan->lower->str + offset, needle);
  return hit ? scan->line + (hit - scan->lower->str) : NULL;
}

gboolean
dh_scan_has_prefix_ci (const char *s,
                       const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_';
}

/* A host name at @s (letters, digits, dots, dashes), without a trailing dot; NULL if too short. */
char *
dh_scan_take_host (const char *s)
{
  gsize n = 0;

  while (s[n] && is_host_char (s[n]) && n < 255)
    n++;
  while (n > 0 && s[n - 1] == '.')
    n--;
  if (n < 3 || memchr (s, '.', n) == NULL)
    return NULL;
  return g_ascii_strdown (s, n);
}

/* An address in <...> or bare at @s: returns a new lower-case string or NULL. */
char *
dh_scan_take_address (const char *s)
{
  const char *start, *end, *at;

  while (*s == ' ' || *s == '\t')
    s++;
  if (dh_scan_has_prefix_ci (s, "rfc822;"))
    s += 7;
  else if (dh_scan_has_prefix_ci (s, "[smtp:"))
    s += 6;   /* Exchange and MailEnable: "[SMTP:a@b]" */
  else if (dh_scan_has_prefix_ci (s, "utf-8;"))
    s += 6;
  while (*s == ' ' || *s == '\t' || *s == '<' || *s == '"')
    s++;
  start = s;
  end = s;
  while (*end && *end != '>' && *end != ' ' && *end != '\t' && *end != '"' && *end != ',' &&
         *end != ';' && *end != ')' && *end != '(' && *end != ']')
    end++;
  while (end > start && (end[-1] == '.' || end[-1] == ':'))
    end--;
  at = memchr (start, '@', end - start);
  if (at == NULL || at == start || at + 1 >= end || end - start > 254)
    return NULL;
  /* "https://host/path?endpoint=a@b" is a link, not an address. */
  if (memchr (start, '/', at - start) != NULL || memchr (start, '?', at - start) != NULL)
    return NULL;
  if (memchr (at + 1, '.', end - at - 1) == NULL)
    return NULL;
  return g_ascii_strdown (start, end - start);
}

const char *
dh_scan_domain_of (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;
  return at ? at + 1 : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Text normalisation: valid UTF-8, LF line ends, ASCII quotes, no NULs. */

char *
dh_normalize_text (const char *data,
                   gsize       length,
                   gsize      *out_length)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p, *end;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      valid = g_utf8_make_valid (data, length);
      data = valid;
      length = strlen (valid);
    }

  out = g_string_sized_new (length + 1);
  p = data;
  end = data + length;
  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
        }
      else if (c == '\0')
        {
          g_string_append_c (out, ' ');
          p++;
        }
      else if (c == 0xE2 && p + 2 < end && (guchar) p[1] == 0x80 &&
               ((guchar) p[2] == 0x98 || (guchar) p[2] == 0x99))
        {
          g_string_append_c (out, '\''); /* ‘ ’ */
          p += 3;
        }
      else if (c == 0xE2 && p + 2 < end && (guchar) p[1] == 0x80 &&
               ((guchar) p[2] == 0x9C || (guchar) p[2] == 0x9D))
        {
          g_string_append_c (out, '"'); /* “ ” */
          p += 3;
        }
      else if (c == 0xE3 && p + 2 < end && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x80)
        {
          g_string_append_c (out, ' '); /* ideographic space */
          p += 3;
        }
      else
        {
          g_string_append_c (out, (char) c);
          p++;
        }
    }

  if (out_length)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Diagnostics */

gboolean
dh_scan_starts_with_reply (const char *s)
{
  return s[0] >= '2' && s[0] <= '5' && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) &&
         (s[3] == ' ' || s[3] == '-' || s[3] == '\0');
}

/* An enhanced status code such as 5.7.1 at @s. */
static gboolean
is_status (const char *s)
{
  return s[0] >= '2' && s[0] <= '5' && s[1] == '.' && g_ascii_isdigit (s[2]);
}

/* Finds where an SMTP reply (e.g. "550 5.7.1 ...") starts in @line, or -1. */
static gssize
find_reply_start (Scan       *scan,
                  const char *line,
                  gsize       len)
{
  const char *p;

  /* Explicit markers first: the text after them is the remote server's reply. */
  if ((p = scan_find (scan, line, "smtp;")) != NULL)
    {
      p += 5;
      while (*p == ' ')
        p++;
      if (dh_scan_starts_with_reply (p) || is_status (p))
        return p - line;
    }
  if ((p = scan_find (scan, line, "remote server returned '")) != NULL)
    {
      p += strlen ("Remote Server returned '");
      if (*p == '<')
        {
          const char *q = scan_find (scan, p, "smtp;");
          if (q == NULL)
            return p - line;
          p = q + 5;
        }
      while (*p == ' ')
        p++;
      return p - line;
    }
  if ((p = scan_find (scan, line, "said:")) != NULL)
    {
      p += 5;
      while (*p == ' ')
        p++;
      if (dh_scan_starts_with_reply (p) || is_status (p))
        return p - line;
    }

  for (gsize i = 0; i + 3 <= len; i++)
    {
      const char *c = line + i;
      gboolean at_start, has_status, has_code;
      const char *after;

      if (!(c[0] >= '2' && c[0] <= '5') || !g_ascii_isdigit (c[1]) || !g_ascii_isdigit (c[2]))
        continue;
      if (i > 0 && (g_ascii_isalnum (c[-1]) || c[-1] == '.' || c[-1] == '-' || c[-1] == ':' ||
                    c[-1] == '/' || c[-1] == '='))
        continue;
      if (c[3] != ' ' && c[3] != '-' && c[3] != '\0')
        continue;

      after = c[3] ? c + 4 : c + 3;
      while (*after == ' ' || *after == '#')
        after++;
      has_status = (after[0] >= '2' && after[0] <= '5' && after[1] == '.' && g_ascii_isdigit (after[2]));
      has_code = (g_ascii_isupper (after[0]) && g_ascii_isupper (after[1]) && after[2] == '-' &&
                  after[3] == '0' && after[4] == '0');
      at_start = (i == 0);
      if (!at_start && i >= 4 && strncmp (c - 4, "<<< ", 4) == 0)
        at_start = TRUE;
      if (!at_start && i >= 2 && c[-1] == ' ' && (c[-2] == ':' || c[-2] == '(' || c[-2] == ';'))
        at_start = TRUE;
      if (!at_start && i >= 1 && (c[-1] == '\'' || c[-1] == '"' || c[-1] == '(' || c[-1] == '['))
        at_start = TRUE;

      if (has_status || has_code || (at_start && c[0] != '2'))
        return i;
    }
  return -1;
}

/* Cleans a diagnostic: trims, strips enclosing quotes and repeated multi-line reply prefixes. */
static char *
clean_diagnostic (const char *start)
{
  GString *out = g_string_new (NULL);
  char code[4] = { 0 };
  const char *p = start;
  gsize len;

  while (*p == ' ' || *p == '\'' || *p == '"' || *p == '<')
    p++;
  if (dh_scan_starts_with_reply (p))
    memcpy (code, p, 3);

  while (*p && out->len < MAX_DIAGNOSTIC)
    {
      /* " 550-5.7.1 " or " <<< 550 5.7.1 " repeated inside a joined multi-line reply. */
      if (code[0] && out->len > 0 && p[-1] == ' ')
        {
          const char *q = p;
          if (strncmp (q, "<<< ", 4) == 0)
            q += 4;
          if (strncmp (q, code, 3) == 0 && (q[3] == '-' || q[3] == ' '))
            {
              q += 4;
              if (q[0] >= '2' && q[0] <= '5' && q[1] == '.')
                {
                  while (*q && *q != ' ')
                    q++;
                  while (*q == ' ')
                    q++;
                }
              p = q;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }

  /* A multi-line reply's first prefix: "550-5.7.1" reads as "550 5.7.1". */
  if (code[0] && out->len > 3 && out->str[3] == '-')
    out->str[3] = ' ';

  len = out->len;
  while (len > 0 && (out->str[len - 1] == ' ' || out->str[len - 1] == '\'' ||
                     out->str[len - 1] == '"' || out->str[len - 1] == '>'))
    len--;
  g_string_truncate (out, len);

  /* "(reason: 550 ...)" leaves a closing parenthesis that opens nowhere. */
  {
    int depth = 0;
    for (gsize i = 0; i < out->len; i++)
      depth += (out->str[i] == '(') - (out->str[i] == ')');
    if (depth < 0 && out->len > 0 && out->str[out->len - 1] == ')')
      g_string_truncate (out, out->len - 1);
  }
  return g_string_free (out, FALSE);
}

/* A key that is the same for one diagnostic however it was folded or prefixed. */
char *
dh_scan_diagnostic_key (const char *diagnostic)
{
  GString *key = g_string_new (NULL);
  const char *p = diagnostic;

  if (diagnostic == NULL)
    return g_string_free (key, FALSE);

  while (*p && key->len < 96)
    {
      if (dh_scan_starts_with_reply (p) && (p == diagnostic || p[-1] == ' '))
        {
          p += 3;
          if (*p)
            p++;
          while (*p == ' ')
            p++;
          if (p[0] >= '2' && p[0] <= '5' && p[1] == '.')
            while (*p && *p != ' ')
              p++;
          continue;
        }
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      p++;
    }
  return g_string_free (key, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Events */

Event *
dh_scan_new_event (Scan *scan)
{
  Event *event;

  if (scan->events->len >= MAX_EVENTS)
    {
      scan->n_events_dropped++;
      return NULL;
    }
  event = g_new0 (Event, 1);
  g_ptr_array_add (scan->events, event);
  return event;
}

/* TRUE when @diagnostic ("400 4.4.7 Message delayed") is only a code (formats.json). */
static gboolean
is_placeholder (const char *diagnostic)
{
  GStrv placeholders = dh_formats_get ()->placeholder_diagnostics;
  const char *p = diagnostic + 3;

  p += strspn (p, " ");
  if (is_status (p))
    p += strcspn (p, " ");
  p += strspn (p, " ");
  for (guint i = 0; placeholders[i] != NULL; i++)
    if (g_ascii_strcasecmp (p, placeholders[i]) == 0)
      return TRUE;
  return FALSE;
}

void
dh_scan_event_set_diagnostic (Event      *event,
                              const char *text,
                              const char *line)
{
  g_autofree char *diag = clean_diagnostic (text);
  gboolean has_code = dh_scan_starts_with_reply (diag);

  if (*diag == '\0')
    return;
  if (event->diagnostic != NULL && (event->diagnostic_has_code || !has_code) &&
      !(has_code && event->diagnostic_has_code && is_placeholder (event->diagnostic)))
    return;
  replace_str (&event->diagnostic, diag);
  replace_str (&event->diagnostic_line, line);
  event->diagnostic_has_code = has_code;
}

/* The envelope sender (envelope_sender), kept apart from the sender shown as sender_address. */
void
dh_scan_set_envelope (Scan           *scan,
                      const char     *address,
                      SenderPriority  priority)
{
  if (address == NULL || priority <= scan->envelope_priority)
    return;
  replace_str (&scan->envelope, address);
  scan->envelope_priority = priority;
}

void
dh_scan_set_sender (Scan           *scan,
                    const char     *address,
                    const char     *line,
                    SenderPriority  priority)
{
  /* The bounce's To:, MAIL FROM:<>, X-Postfix-Sender and the returned original's Return-Path
   * name the envelope sender; the original's From: names its author, who wins as sender. */
  if (priority != SENDER_AUTHOR)
    dh_scan_set_envelope (scan, address, priority);
  if (address == NULL || priority <= scan->sender_priority)
    return;
  replace_str (&scan->sender, address);
  replace_str (&scan->sender_line, line);
  scan->sender_priority = priority;
}

void
dh_scan_set_reporting (Scan       *scan,
                       const char *host,
                       const char *line,
                       int         priority)
{
  if (host == NULL || priority <= scan->reporting_priority)
    return;
  replace_str (&scan->reporting_host, host);
  replace_str (&scan->reporting_line, line);
  scan->reporting_priority = priority;
}

static GDateTime *
parse_date (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  if (*trimmed == '\0')
    return NULL;
  return g_mime_utils_header_decode_date (trimmed);
}

/* ------------------------------------------------------------------------------------------ */
/* One logical line */

static void
scan_dsn_field (Scan       *scan,
                const char *name,
                gsize       name_len,
                const char *value,
                const char *line)
{
#define IS(s) (name_len == strlen (s) && g_ascii_strncasecmp (name, s, name_len) == 0)
  const char *v = value;
  Event *event;

  scan->dsn_block_open = TRUE;

  if (IS ("Reporting-MTA") || IS ("Received-From-MTA"))
    {
      if (IS ("Reporting-MTA"))
        {
          const char *semi = strchr (v, ';');
          g_autofree char *host = dh_scan_take_host (semi ? semi + 1 + strspn (semi + 1, " ") : v);
          dh_scan_set_reporting (scan, host, line, 3);
        }
      return;
    }
  if (IS ("X-Postfix-Sender") || IS ("X-Original-Sender"))
    {
      g_autofree char *address = dh_scan_take_address (v);
      dh_scan_set_sender (scan, address, line, SENDER_DSN);
      return;
    }
  if (IS ("Arrival-Date"))
    {
      if (scan->dsn_date == NULL && (scan->dsn_date = parse_date (v)) != NULL)
        replace_str (&scan->dsn_date_line, line);
      return;
    }

  if (!(IS ("Final-Recipient") || IS ("Original-Recipient") || IS ("X-Actual-Recipient") ||
        IS ("Action") || IS ("Status") || IS ("Remote-MTA") || IS ("Diagnostic-Code") ||
        IS ("Last-Attempt-Date") || IS ("Will-Retry-Until") || IS ("X-Display-Name")))
    return;

  if (scan->dsn_event == NULL)
    scan->dsn_event = dh_scan_new_event (scan);
  if ((event = scan->dsn_event) == NULL)
    return;

  if (IS ("Final-Recipient") || IS ("X-Actual-Recipient"))
    {
      g_autofree char *address = dh_scan_take_address (v);
      if (address != NULL && (event->recipient == NULL || IS ("Final-Recipient")))
        {
          replace_str (&event->recipient, address);
          replace_str (&event->recipient_line, line);
        }
    }
  else if (IS ("Original-Recipient"))
    {
      g_autofree char *address = dh_scan_take_address (v);
      if (event->recipient == NULL && address != NULL)
        {
          event->recipient = g_steal_pointer (&address);
          replace_str (&event->recipient_line, line);
        }
    }
  else if (IS ("Action"))
    {
      g_autofree char *action = g_ascii_strdown (v, -1);
      replace_str (&event->action, g_strstrip (action));
    }
  else if (IS ("Status"))
    {
      char status[16] = { 0 };
      gsize n = 0;

      while (v[n] && (g_ascii_isdigit (v[n]) || v[n] == '.') && n < sizeof status - 1)
        {
          status[n] = v[n];
          n++;
        }
      if (n >= 5)
        replace_str (&event->status, status);
    }
  else if (IS ("Remote-MTA"))
    {
      const char *semi = strchr (v, ';');
      const char *h = semi ? semi + 1 + strspn (semi + 1, " ") : v;
      g_autofree char *host = NULL;

      if (*h == '[')
        {
          g_autofree char *ip = dh_ip_normalize (h);
          if (ip)
            replace_str (&event->remote_ip, ip);
        }
      else if ((host = dh_scan_take_host (h)) != NULL)
        {
          const char *br = strchr (h, '[');
          replace_str (&event->remote_host, host);
          replace_str (&event->remote_host_line, line);
          if (br)
            {
              g_autofree char *ip = NULL;
              g_autofree char *inner = g_strndup (br + 1, strcspn (br + 1, "]"));
              if ((ip = dh_ip_normalize (inner)) != NULL)
                replace_str (&event->remote_ip, ip);
            }
        }
    }
  else if (IS ("Diagnostic-Code"))
    {
      const char *semi = strchr (v, ';');
      const char *text = (semi && semi - v < 12) ? semi + 1 : v;
      while (*text == ' ')
        text++;
      if (*text)
        dh_scan_event_set_diagnostic (event, text, line);
    }
#undef IS
}

static gboolean
scan_remote_host (Scan       *scan,
                  Event      *event,
                  const char *line,
                  gsize       len)
{
  const char *p = line;

  /* Postfix "host X[ip] said:", "connect to X[ip]:25:", Exim "host X [ip]". */
  while ((p = scan_find (scan, p, "host ")) != NULL)
    {
      const char *h = p + 5;
      g_autofree char *host = dh_scan_take_host (h);

      p = h;
      if (host == NULL)
        continue;
      h += strspn (h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");
      if (*h == ' ')
        h++;
      if (*h != '[')
        continue;
      if (event)
        {
          g_autofree char *inner = g_strndup (h + 1, strcspn (h + 1, "]"));
          g_autofree char *ip = dh_ip_normalize (inner);

          replace_str (&event->remote_host, host);
          replace_str (&event->remote_host_line, line);
          if (ip)
            replace_str (&event->remote_ip, ip);
        }
      else
        {
          replace_str (&scan->pending_remote_host, host);
          replace_str (&scan->pending_remote_line, line);
        }
      return TRUE;
    }

  if ((p = scan_find (scan, line, "connect to ")) != NULL)
    {
      g_autofree char *host = dh_scan_take_host (p + 11);
      if (host && event)
        {
          const char *br = strchr (p + 11, '[');
          replace_str (&event->remote_host, host);
          replace_str (&event->remote_host_line, line);
          if (br)
            {
              g_autofree char *inner = g_strndup (br + 1, strcspn (br + 1, "]"));
              g_autofree char *ip = dh_ip_normalize (inner);
              if (ip)
                replace_str (&event->remote_ip, ip);
            }
          return TRUE;
        }
    }

  /* Sendmail "... while talking to X.:" */
  if ((p = scan_find (scan, line, "while talking to ")) != NULL)
    {
      g_autofree char *host = dh_scan_take_host (p + 17);
      if (host)
        {
          if (event)
            {
              replace_str (&event->remote_host, host);
              replace_str (&event->remote_host_line, line);
            }
          else
            {
              replace_str (&scan->pending_remote_host, host);
              replace_str (&scan->pending_remote_line, line);
            }
          return TRUE;
        }
    }

  return FALSE;
}

/* A remote server named by a line pattern: the open event's, or kept for the next diagnostic. */
static void
scan_set_remote (Scan       *scan,
                 Event      *event,
                 const char *host,
                 const char *ip,
                 const char *line)
{
  g_autofree char *name = (host && *host) ? dh_scan_take_host (host) : NULL;
  g_autofree char *address = (ip && *ip) ? dh_ip_normalize (ip) : NULL;

  if (event)
    {
      if (name)
        {
          replace_str (&event->remote_host, name);
          replace_str (&event->remote_host_line, line);
        }
      if (address)
        replace_str (&event->remote_ip, address);
      return;
    }
  if (name)
    {
      replace_str (&scan->pending_remote_host, name);
      replace_str (&scan->pending_remote_line, line);
    }
  if (address)
    replace_str (&scan->pending_remote_ip, address);
}

/* formats.json "line_patterns": recipients, senders and remote servers said in a server's own
 * words. Returns where the text about the recipient goes on (group "rest"), or NULL. */
static const char *
scan_line_patterns (Scan        *scan,
                    const char  *line,
                    Event      **event)
{
  const DhLinePattern *patterns = dh_formats_get ()->line_patterns;
  const char *rest = NULL;

  for (guint i = 0; patterns[i].hint != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *recipient = NULL;
      g_autofree char *sender = NULL;
      g_autofree char *host = NULL;
      g_autofree char *ip = NULL;
      g_autofree char *reporting = NULL;
      int start, end;

      if (strstr (scan->lower->str, patterns[i].hint) == NULL ||
          !g_regex_match (patterns[i].regex, line, 0, &match))
        continue;
      recipient = g_match_info_fetch_named (match, "recipient");
      sender = g_match_info_fetch_named (match, "sender");
      host = g_match_info_fetch_named (match, "host");
      ip = g_match_info_fetch_named (match, "ip");
      reporting = g_match_info_fetch_named (match, "reporting");
      if (reporting && *reporting)
        {
          g_autofree char *name = dh_scan_take_host (reporting);
          dh_scan_set_reporting (scan, name, line, 2);
        }
      if (sender && *sender)
        {
          g_autofree char *address = dh_scan_take_address (sender);
          dh_scan_set_sender (scan, address, line, SENDER_MAIL_FROM);
        }
      if (recipient && *recipient)
        {
          g_autofree char *address = dh_scan_take_address (recipient);
          Event *opened;

          if (address != NULL && (opened = dh_scan_new_event (scan)) != NULL)
            {
              opened->recipient = g_steal_pointer (&address);
              opened->recipient_line = g_strdup (line);
              opened->labelled = TRUE;
              scan->text_event = *event = opened;
              if (g_match_info_fetch_named_pos (match, "rest", &start, &end) && start >= 0 && end > start)
                rest = line + start;
              else
                rest = line + strlen (line);
            }
        }
      scan_set_remote (scan, scan->text_event, host, ip, line);
    }
  return rest;
}

static void
scan_reporting_host (Scan       *scan,
                     const char *line,
                     gsize       len)
{
  GStrv openers = dh_formats_get ()->reporting_host_openers;

  for (guint i = 0; openers[i] != NULL; i++)
    {
      const char *p;

      if ((p = scan_find (scan, line, openers[i])) != NULL)
        {
          g_autofree char *host = dh_scan_take_host (p + strlen (openers[i]));
          dh_scan_set_reporting (scan, host, line, 2);
          return;
        }
    }
}

/* After an address opening a line: text that makes it a recipient's paragraph (formats.json). */
static gboolean
has_continuation (const char *rest)
{
  GStrv continuations = dh_formats_get ()->recipient_line_continuations;

  for (guint i = 0; continuations[i] != NULL; i++)
    if (dh_scan_has_prefix_ci (rest, continuations[i]))
      return TRUE;
  return FALSE;
}

/* TRUE when the case-folded @text contains one of @phrases (case-folded). */
gboolean
dh_scan_has_phrase (const char *text,
                    GStrv       phrases)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; phrases[i] != NULL; i++)
    if (strstr (folded, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* "宛先　　：a@b", "エラー：550 ...": when @line starts with one of @labels, then spaces, then
 * ':' or a full-width colon, the value after them; else NULL. */
static const char *
labelled_value (const char *line,
                GStrv       labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize n = strlen (labels[i]);
      const char *p;

      if (g_ascii_strncasecmp (line, labels[i], n) != 0)
        continue;
      p = line + n + strspn (line + n, " \t");
      if (*p == ':')
        p++;
      else if (strncmp (p, "\xef\xbc\x9a", 3) == 0) /* ： */
        p += 3;
      else
        continue;
      return p + strspn (p, " \t");
    }
  return NULL;
}

/* A Japanese notice's labelled lines: a recipient, or the reason for the recipient above. */
static gboolean
scan_labelled_line (Scan       *scan,
                    const char *line)
{
  const DhFormats *formats = dh_formats_get ();
  const char *value;
  Event *event;

  if (scan->paragraph_lines++ == 0 && labelled_value (line, formats->forward_header_labels) != NULL)
    scan->in_forward_header = TRUE;
  if (scan->in_forward_header)
    return FALSE;
  if ((value = labelled_value (line, formats->recipient_labels)) != NULL)
    {
      g_autofree char *address = dh_scan_take_address (value);

      if (address == NULL)
        return FALSE;
      if ((event = dh_scan_new_event (scan)) != NULL)
        {
          event->recipient = g_steal_pointer (&address);
          event->recipient_line = g_strdup (line);
          event->labelled = TRUE;
          /* Lines indented with ideographic spaces were joined into this one: a reason
           * label later on it still gives the reason. */
          for (const char *p = strchr (value, ' '); p != NULL; p = strchr (p + 1, ' '))
            {
              const char *reason = labelled_value (p + 1, formats->reason_labels);
              gssize reply = reason ? find_reply_start (scan, reason, strlen (reason)) : -1;

              if (reply > 0)
                reason += reply;   /* "Reason: Remote SMTP Server Returned: 554 ..." */
              if (reason != NULL && *reason)
                {
                  dh_scan_event_set_diagnostic (event, reason, line);
                  break;
                }
            }
        }
      scan->text_event = event;
      return TRUE;
    }
  if ((value = labelled_value (line, formats->reason_labels)) != NULL && *value)
    {
      /* MailEnable: "Reason: Remote SMTP Server Returned: 554 5.7.1 ...": the reply itself. */
      gssize reply = find_reply_start (scan, value, strlen (value));

      if (reply > 0)
        value += reply;
      event = scan->text_event;
      if (event == NULL)
        {
          if (!dh_scan_starts_with_reply (value) || (event = dh_scan_new_event (scan)) == NULL)
            return FALSE;
          scan->text_event = event;
        }
      dh_scan_event_set_diagnostic (event, value, line);
      return TRUE;
    }
  return FALSE;
}

static gboolean
line_has_phrase (Scan       *scan,
                 const char *line,
                 GStrv       phrases)
{
  for (guint i = 0; phrases[i] != NULL; i++)
    if (scan_find (scan, line, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* formats.json "deciding_text": remembers the first line of the text that reads like the error,
 * for a bounce that gives no event. Looks at the first lines only, on the ASCII lower-case copy. */
static void
scan_deciding_text (Scan       *scan,
                    const char *line,
                    gsize       len)
{
  const DhFormats *formats = dh_formats_get ();
  int tier = 0;

  /* Needed only while nothing else was found. */
  if (scan->deciding_tier == 2 || scan->deciding_lines >= 400 || scan->events->len > 0)
    return;
  scan->deciding_lines++;
  for (guint i = 0; tier == 0 && formats->deciding_reasons[i] != NULL; i++)
    if (strstr (scan->lower->str, formats->deciding_reasons[i]) != NULL)
      tier = 2;
  for (guint i = 0; tier == 0 && scan->deciding_tier == 0 && formats->deciding_failures[i] != NULL; i++)
    if (strstr (scan->lower->str, formats->deciding_failures[i]) != NULL)
      tier = 1;
  if (tier > scan->deciding_tier)
    {
      g_autofree char *text = g_strndup (line, MIN (len, 500));

      replace_str (&scan->deciding, g_strstrip (text));
      replace_str (&scan->deciding_line, line);
      scan->deciding_tier = tier;
    }
}

/* What the text says of the whole message: failed or delayed, and a notice paragraph. */
static void
scan_message_phrases (Scan       *scan,
                      const char *line,
                      gsize       len)
{
  const DhFormats *formats = dh_formats_get ();

  if (g_strcmp0 (scan->action_hint, "delayed") != 0)
    {
      if (line_has_phrase (scan, line, formats->delayed_phrases))
        scan->action_hint = "delayed";
      else if (scan->action_hint == NULL && line_has_phrase (scan, line, formats->failed_phrases))
        scan->action_hint = "failed";
    }
  if (scan->notice == NULL)
    {
      if (scan->paragraph->len + 1 + len <= MAX_DIAGNOSTIC)
        {
          if (scan->paragraph->len > 0)
            g_string_append_c (scan->paragraph, ' ');
          g_string_append_len (scan->paragraph, line, len);
        }
      if (!scan->paragraph_is_notice && line_has_phrase (scan, line, formats->notice_phrases))
        scan->paragraph_is_notice = TRUE;
    }
}

/* "<EXCH01.example.com #5.1.1>", qmail's "(#5.1.1)": an enhanced status after '#'. */
static void
scan_hash_status (Event      *event,
                  const char *line)
{
  for (const char *p = strchr (line, '#'); p != NULL; p = strchr (p + 1, '#'))
    {
      gsize n;

      if (p == line || (p[-1] != ' ' && p[-1] != '(') || !is_status (p + 1))
        continue;
      n = strspn (p + 1, "0123456789.");
      if (n >= 5 && n < 12 && (p[1 + n] == '>' || p[1 + n] == ')'))
        {
          g_autofree char *status = g_strndup (p + 1, n);
          replace_str (&event->status, status);
          return;
        }
    }
}

static void
scan_logical_line (Scan       *scan,
                   const char *line,
                   gsize       len,
                   Role        role)
{
  const char *colon;
  Event *event = NULL;
  const char *content = line;
  gssize reply;
  const char *p;

  scan->line = line;
  g_string_truncate (scan->lower, 0);
  for (gsize i = 0; i < len; i++)
    g_string_append_c (scan->lower, lower (line[i]));

  /* Field lines: DSN fields, and Date: in pasted text. */
  if (g_ascii_isalpha (line[0]) && (colon = memchr (line, ':', MIN (len, 40))) != NULL &&
      colon[1] != ':' && (colon[1] == ' ' || colon[1] == '\t' || colon[1] == '\0'))
    {
      gsize name_len = colon - line;
      gboolean is_name = TRUE;

      for (gsize i = 0; i < name_len; i++)
        if (!g_ascii_isalnum (line[i]) && line[i] != '-')
          is_name = FALSE;
      if (is_name)
        {
          const char *value = colon + 1 + strspn (colon + 1, " \t");

          /* A pasted bounce's own From: and Subject: lines: is it clearly a bounce? */
          if (role == ROLE_BODY && name_len == 4 && g_ascii_strncasecmp (line, "From", 4) == 0)
            {
              if (dh_scan_has_phrase (value, dh_formats_get ()->bounce_senders))
                {
                  /* What came before is the note of whoever pasted the bounce. */
                  scan->text_bounce_sender = TRUE;
                  g_clear_pointer (&scan->deciding, g_free);
                  g_clear_pointer (&scan->deciding_line, g_free);
                  scan->deciding_tier = 0;
                  scan->deciding_lines = 0;
                }
              return;
            }
          if (role == ROLE_BODY && name_len == 7 && g_ascii_strncasecmp (line, "Subject", 7) == 0)
            {
              if (scan->subject == NULL)
                scan->subject = g_strdup (value);
              if (scan->text_bounce_sender && dh_scan_has_phrase (value, dh_formats_get ()->bounce_subjects))
                scan->is_bounce = TRUE;
              return;
            }
          if (name_len == 4 && g_ascii_strncasecmp (line, "Date", 4) == 0)
            {
              if (scan->dsn_date == NULL && (scan->dsn_date = parse_date (value)) != NULL)
                replace_str (&scan->dsn_date_line, line);
              return;
            }
          if (role == ROLE_DSN || scan->dsn_block_open || memchr (line, '-', name_len) != NULL)
            {
              guint before = scan->events->len;
              gboolean was_open = scan->dsn_block_open;

              scan_dsn_field (scan, line, name_len, value, line);
              if (scan->dsn_block_open && (!was_open || scan->events->len != before))
                scan->text_event = NULL;
              if (scan->dsn_block_open)
                return;
            }
        }
    }

  if (role == ROLE_DSN)
    return;

  scan_deciding_text (scan, line, len);

  /* Reporting host and envelope sender stated in the text. */
  scan_reporting_host (scan, line, len);
  if (scan_labelled_line (scan, line))
    return;
  scan_message_phrases (scan, line, len);
  if ((p = scan_find (scan, line, "mail from:")) != NULL)
    {
      g_autofree char *address = dh_scan_take_address (p + 10);
      dh_scan_set_sender (scan, address, line, SENDER_MAIL_FROM);
    }

  /* A mail log line: "... to=<a@b>, relay=host[ip]:25, ..., status=bounced (host ... said: ...)". */
  if ((p = scan_find (scan, line, " to=<")) != NULL && scan_find (scan, p, "status=") != NULL)
    {
      g_autofree char *address = dh_scan_take_address (p + 4);

      if (address != NULL && (event = dh_scan_new_event (scan)) != NULL)
        {
          event->recipient = g_steal_pointer (&address);
          event->recipient_line = g_strdup (line);
          scan->text_event = event;
          content = scan_find (scan, p, "status=");
          if (dh_scan_has_prefix_ci (content, "status=bounced"))
            event->action = g_strdup ("failed");
          else if (dh_scan_has_prefix_ci (content, "status=deferred"))
            event->action = g_strdup ("delayed");
        }
    }

  /* Recipients, senders and remote servers in a server's own words (formats.json): short lines. */
  if (content == line && len <= 1024)
    {
      const char *rest = scan_line_patterns (scan, line, &event);
      if (rest != NULL)
        content = rest;
    }

  /* A recipient opens a paragraph: Postfix/qmail "<a@b>: ...", Sendmail "<a@b>... ",
   * Exim "a@b host ..." or an address alone on its line. */
  if (content == line && (line[0] == '<' || (g_ascii_isalnum (line[0]) && memchr (line, '@', MIN (len, 256)))))
    {
      g_autofree char *address = dh_scan_take_address (line);

      if (address != NULL)
        {
          const char *rest = line;
          gboolean opens = FALSE;

          if (line[0] == '<')
            {
              rest = strchr (line, '>');
              if (rest)
                {
                  rest++;
                  if (strncmp (rest, " (expanded from ", 16) == 0)
                    rest = strchr (rest, ')') ? strchr (rest, ')') + 1 : rest;
                  while (*rest == '.' || *rest == ':' || *rest == ' ')
                    rest++;
                  opens = TRUE;
                }
            }
          else
            {
              rest = line + strcspn (line, " \t");
              while (*rest == ' ' || *rest == '\t')
                rest++;
              if (*rest == '<')
                {
                  /* "a@b <a@b>": a display form of the same address */
                  const char *gt = strchr (rest, '>');
                  rest = gt ? gt + 1 + strspn (gt + 1, " ") : rest;
                }
              opens = (*rest == '\0' || has_continuation (rest) ||
                       find_reply_start (scan, rest, strlen (rest)) >= 0);
            }

          if (opens && (event = dh_scan_new_event (scan)) != NULL)
            {
              event->recipient = g_steal_pointer (&address);
              event->recipient_line = g_strdup (line);
              scan->text_event = event;
              content = rest;
              if (dh_scan_has_prefix_ci (content, "(reason: "))
                content += 9;
              event->wants_reason = (line[0] == '<' && *content == '\0');
            }
        }
    }

  event = scan->text_event;
  scan_remote_host (scan, event, line, len);
  if (event != NULL && event->status == NULL)
    scan_hash_status (event, line);

  reply = find_reply_start (scan, content, strlen (content));
  if (reply >= 0)
    {
      const char *text = content + reply;

      if (event == NULL)
        {
          /* A diagnostic on its own: keep it only if it looks like a real SMTP rejection. */
          if (!dh_scan_starts_with_reply (text))
            return;
          if ((event = dh_scan_new_event (scan)) == NULL)
            return;
          if (scan->pending_remote_host)
            {
              event->remote_host = g_steal_pointer (&scan->pending_remote_host);
              event->remote_host_line = g_steal_pointer (&scan->pending_remote_line);
            }
          if (scan->pending_remote_ip)
            event->remote_ip = g_steal_pointer (&scan->pending_remote_ip);
          scan->text_event = event;
        }
      dh_scan_event_set_diagnostic (event, text, line);
    }
  else if (event != NULL && event->diagnostic == NULL && content != line && *content)
    {
      /* "<a@b>: unknown user", "<a@b>: connect to ...: Connection timed out" */
      dh_scan_event_set_diagnostic (event, content, line);
    }
  else if (event != NULL && event->diagnostic == NULL && event->wants_reason && content == line)
    {
      /* qmail: "<a@b>:" then "Sorry, no mailbox here by that name. (#5.1.1)" */
      dh_scan_event_set_diagnostic (event, line, line);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Lines and paragraphs */

static gsize
strip_quote_marks (const char **line,
                   gsize        len)
{
  const char *s = *line;
  gsize n = len;

  while (n > 0 && *s == '>' && !(n >= 4 && strncmp (s, ">>> ", 4) == 0))
    {
      s++;
      n--;
      if (n > 0 && *s == ' ')
        {
          s++;
          n--;
        }
    }
  *line = s;
  return n;
}

/* The line after which an MTA appends the returned message (Exim, qmail, Sendmail, Courier). */
static gboolean
is_original_marker (const char *line,
                    gsize       len)
{
  GStrv markers = dh_formats_get ()->original_message_markers;
  gsize n = 0, bare = len;

  while (n < len && (line[n] == '-' || line[n] == ' '))
    n++;
  if (len > 200)
    return FALSE;
  /* Without dashes before it, only a line that is the marker alone (with a colon: Exchange's
   * "Original message headers:") counts, not the phrase inside a sentence. */
  while (bare > 0 && (line[bare - 1] == ' ' || line[bare - 1] == ':'))
    bare--;
  for (guint i = 0; markers[i] != NULL; i++)
    {
      const char *at = dh_scan_find_ci (line + n, len - n, markers[i]);

      if (at != NULL && (n >= 2 || (n == 0 && at == line && bare == strlen (markers[i]))))
        return TRUE;
    }
  return FALSE;
}

static void
flush_logical (Scan    *scan,
               GString *logical,
               Role     role)
{
  if (logical->len > 0)
    scan_logical_line (scan, logical->str, logical->len, role);
  g_string_truncate (logical, 0);
}

static void
end_paragraph (Scan *scan)
{
  scan->dsn_event = NULL;
  scan->text_event = NULL;
  scan->dsn_block_open = FALSE;
  g_clear_pointer (&scan->pending_remote_host, g_free);
  g_clear_pointer (&scan->pending_remote_line, g_free);
  g_clear_pointer (&scan->pending_remote_ip, g_free);
  if (scan->paragraph_is_notice && scan->notice == NULL && scan->paragraph->len > 0)
    scan->notice = g_strdup (scan->paragraph->str);
  g_string_truncate (scan->paragraph, 0);
  scan->paragraph_is_notice = FALSE;
  scan->paragraph_lines = 0;
  scan->in_forward_header = FALSE;
}

void
dh_scan_text (Scan       *scan,
              const char *text,
              gsize       length,
              Role        role)
{
  g_autofree char *norm = NULL;
  g_autoptr(GString) logical = g_string_sized_new (256);
  gsize norm_len;
  const char *p, *end;
  guint lines = 0;

  /* A sending service's event notification (JSON), pasted or mailed. */
  if (role == ROLE_BODY && dh_scan_json_events (scan, text, length))
    return;

  norm = dh_normalize_text (text, length, &norm_len);
  p = norm;
  end = norm + norm_len;
  end_paragraph (scan);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (nl ? nl : end) - p;
      gboolean blank = TRUE;

      if (++lines % CANCEL_CHECK_LINES == 0 && g_cancellable_is_cancelled (scan->cancellable))
        break;

      p = nl ? nl + 1 : end;
      len = strip_quote_marks (&line, len);
      if (role == ROLE_BODY && is_original_marker (line, len))
        {
          /* The rest is the returned original: read its headers for the sender, and stop. */
          flush_logical (scan, logical, role);
          end_paragraph (scan);
          dh_mail_read_headers_text (scan, p, end - p);
          break;
        }
      if (len > MAX_LINE)
        len = MAX_LINE;
      for (gsize i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
          {
            blank = FALSE;
            break;
          }

      if (blank)
        {
          flush_logical (scan, logical, role);
          end_paragraph (scan);
          continue;
        }

      if ((line[0] == ' ' || line[0] == '\t') && len > 24 && g_ascii_isalpha (line[strspn (line, " \t")]) &&
          line[strspn (line, " \t") + 3] == ' ' && g_ascii_isdigit (line[strspn (line, " \t") + 4]))
        {
          /* An indented transcript line with its time stamp (MDaemon): a line of its own. */
          g_autoptr(GMatchInfo) match = NULL;
          int end;

          if (g_regex_match_full (dh_formats_get ()->transcript_line_prefix, line, len, 0, 0, &match, NULL) &&
              g_match_info_fetch_pos (match, 0, NULL, &end) && end > 0)
            {
              flush_logical (scan, logical, role);
              line += end;
              len -= end;
            }
        }

      if ((line[0] == ' ' || line[0] == '\t') && logical->len > 0)
        {
          /* A folded continuation: join with one space. */
          while (len > 0 && (*line == ' ' || *line == '\t'))
            {
              line++;
              len--;
            }
          if (logical->len + 1 + len <= MAX_LINE)
            {
              g_string_append_c (logical, ' ');
              g_string_append_len (logical, line, len);
            }
          continue;
        }

      /* A multi-line reply: "550-5.7.1 a" then "550 5.7.1 b" on the next line. */
      if (logical->len > 4 && len > 4)
        {
          const char *l = logical->str;
          const char *c = line;
          if (strncmp (l, "<<< ", 4) == 0)
            l += 4;
          if (strncmp (c, "<<< ", 4) == 0)
            c += 4;
          /* qmail, IMail: "Remote host said: 554-first line" */
          if (!dh_scan_starts_with_reply (l) && dh_scan_starts_with_reply (c) &&
              (l = g_strstr_len (logical->str, MIN (logical->len, 200), " said: ")) != NULL)
            l += 7;
          else if (l == NULL)
            l = logical->str;
          if (dh_scan_starts_with_reply (l) && l[3] == '-' && strncmp (l, c, 3) == 0 &&
              (c[3] == '-' || c[3] == ' ') && logical->len + 1 + len <= MAX_LINE)
            {
              g_string_append_c (logical, ' ');
              g_string_append_len (logical, line, len);
              continue;
            }
        }

      flush_logical (scan, logical, role);
      while (len > 0 && (*line == ' ' || *line == '\t'))
        {
          line++;
          len--;
        }
      while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
      g_string_append_len (logical, line, len);
    }
  flush_logical (scan, logical, role);
  end_paragraph (scan);
}


void
dh_scan_init (Scan    *scan,
              DhRules *rules,
              guint    index)
{
  memset (scan, 0, sizeof *scan);
  scan->rules = rules;
  scan->index = index;
  scan->events = g_ptr_array_new_with_free_func (event_free);
  scan->received = g_ptr_array_new_with_free_func (g_free);
  scan->lower = g_string_sized_new (256);
  scan->paragraph = g_string_sized_new (256);
}

void
dh_scan_clear (Scan *scan)
{
  g_ptr_array_unref (scan->events);
  g_ptr_array_unref (scan->received);
  g_string_free (scan->lower, TRUE);
  g_string_free (scan->paragraph, TRUE);
  g_free (scan->notice);
  g_free (scan->sender);
  g_free (scan->envelope);
  g_free (scan->sender_line);
  g_free (scan->reporting_host);
  g_free (scan->reporting_line);
  g_clear_pointer (&scan->date, g_date_time_unref);
  g_free (scan->date_line);
  g_clear_pointer (&scan->dsn_date, g_date_time_unref);
  g_free (scan->dsn_date_line);
  g_free (scan->pending_remote_host);
  g_free (scan->pending_remote_line);
  g_free (scan->pending_remote_ip);
  g_free (scan->original_to);
  g_free (scan->subject);
  g_free (scan->deciding);
  g_free (scan->deciding_line);
}

