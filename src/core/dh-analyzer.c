/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-analyzer.c: finds bounces in text or mail (GMime for MIME and charsets) and fills DhReports.
 *
 * The work is line based and linear: text is normalised, folded lines are joined into logical
 * lines (each capped), cheap byte tests pick the few lines worth a regex, and the facts of each
 * recipient are gathered into events that are merged into reports per message. */
#include "config.h"

#include "dh-analyzer.h"
#include "dh-rules.h"

#include <gmime/gmime.h>
#include <string.h>

G_DEFINE_QUARK (dh-analyzer-error-quark, dh_analyzer_error)

/* GMime 3.2 defines no g_autoptr cleanups; local aliases cannot clash with a later GMime's. */
typedef GMimeStream DhMimeStream;
typedef GMimeParser DhMimeParser;
typedef GMimeMessage DhMimeMessage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeMessage, g_object_unref)

/* Longest logical line examined; longer ones are cut (a diagnostic is a few hundred bytes). */
#define MAX_LINE 8192
/* Longest diagnostic kept. */
#define MAX_DIAGNOSTIC 4096
/* Events (recipients or diagnostics) kept per message. */
#define MAX_EVENTS 2000

typedef enum {
  ROLE_BODY,
  ROLE_DSN,
} Role;

typedef enum {
  SENDER_NONE,
  SENDER_OUTER_TO,     /* the bounce was addressed to the user */
  SENDER_ORIGINAL,     /* the returned original's From / Return-Path */
  SENDER_MAIL_FROM,    /* MAIL FROM:<..> in a transcript */
  SENDER_DSN,          /* X-Postfix-Sender / X-Original-Sender */
} SenderPriority;

typedef struct {
  char *recipient;
  char *recipient_line;
  char *diagnostic;
  char *diagnostic_line;
  gboolean diagnostic_has_code;
  char *remote_host;
  char *remote_host_line;
  char *remote_ip;
  char *status;
  char *action;
} Event;

typedef struct {
  DhRules   *rules;
  guint      index;
  GPtrArray *events;          /* Event* */
  Event     *dsn_event;       /* open per-recipient DSN block */
  Event     *text_event;      /* open recipient paragraph */
  gboolean   dsn_block_open;  /* inside a DSN field block, per-message or per-recipient */

  char      *sender;
  char      *sender_line;
  SenderPriority sender_priority;
  char      *reporting_host;
  char      *reporting_line;
  int        reporting_priority;
  GDateTime *date;            /* the bounce's own Date: header */
  char      *date_line;
  GDateTime *dsn_date;
  char      *dsn_date_line;
  char      *pending_remote_host;
  char      *pending_remote_line;
  GPtrArray *received;        /* char*, unfolded Received: values of the bounce, top first */
  gboolean   is_feedback;
  guint      n_events_dropped;

  /* The logical line being scanned and its ASCII lower-case copy, for fast searches. */
  const char *line;
  GString   *lower;
} Scan;

typedef struct {
  DhAnalysis         *analysis;
  DhRules            *rules;
} Context;

static void scan_text (Scan *scan, const char *text, gsize length, Role role);
static void read_headers_text (Scan *scan, const char *text, gsize length);

/* One set of parser options for every parse: Japanese fallback charsets, loose RFC 2047. */
static GMimeParserOptions *
parser_options (void)
{
  static const char *fallback[] = { "utf-8", "iso-2022-jp", "shift_jis", "euc-jp", "windows-1252", NULL };
  static GMimeParserOptions *options;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      options = g_mime_parser_options_new ();
      g_mime_parser_options_set_fallback_charsets (options, fallback);
      g_mime_parser_options_set_rfc2047_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_address_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
      /* glibc unloads a charset's converter module when its last iconv descriptor closes, and
       * GMime opens and closes one per part and per encoded word: over an mbox of Japanese
       * mail that is a dlopen () and dlclose () per message. One descriptor per fallback charset,
       * kept for the life of the process, keeps the modules loaded. */
      for (guint i = 1; fallback[i]; i++)
        (void) g_mime_iconv_open ("UTF-8", fallback[i]);
      g_once_init_leave (&initialized, 1);
    }
  return options;
}
static void analyze_message (Context *ctx, GMimeMessage *message, guint index);

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

static void
fill_str (char       **dest,
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
static const char *
find_ci (const char *haystack,
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

static gboolean
has_prefix_ci (const char *s,
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
static char *
take_host (const char *s)
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
static char *
take_address (const char *s)
{
  const char *start, *end, *at;

  while (*s == ' ' || *s == '\t')
    s++;
  if (has_prefix_ci (s, "rfc822;"))
    s += 7;
  else if (has_prefix_ci (s, "utf-8;"))
    s += 6;
  while (*s == ' ' || *s == '\t' || *s == '<' || *s == '"')
    s++;
  start = s;
  end = s;
  while (*end && *end != '>' && *end != ' ' && *end != '\t' && *end != '"' && *end != ',' &&
         *end != ';' && *end != ')' && *end != '(')
    end++;
  while (end > start && (end[-1] == '.' || end[-1] == ':'))
    end--;
  at = memchr (start, '@', end - start);
  if (at == NULL || at == start || at + 1 >= end || end - start > 254)
    return NULL;
  if (memchr (at + 1, '.', end - at - 1) == NULL)
    return NULL;
  return g_ascii_strdown (start, end - start);
}

static const char *
domain_of (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;
  return at ? at + 1 : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Text normalisation: valid UTF-8, LF line ends, ASCII quotes, no NULs. */

static char *
normalize_text (const char *data,
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

static gboolean
starts_with_reply (const char *s)
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
      if (starts_with_reply (p) || is_status (p))
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
      if (starts_with_reply (p) || is_status (p))
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
  if (starts_with_reply (p))
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
static char *
diagnostic_key (const char *diagnostic)
{
  GString *key = g_string_new (NULL);
  const char *p = diagnostic;

  if (diagnostic == NULL)
    return g_string_free (key, FALSE);

  while (*p && key->len < 96)
    {
      if (starts_with_reply (p) && (p == diagnostic || p[-1] == ' '))
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

static Event *
scan_new_event (Scan *scan)
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

static void
event_set_diagnostic (Event      *event,
                      const char *text,
                      const char *line)
{
  g_autofree char *diag = clean_diagnostic (text);
  gboolean has_code = starts_with_reply (diag);

  if (*diag == '\0')
    return;
  if (event->diagnostic != NULL && (event->diagnostic_has_code || !has_code))
    return;
  replace_str (&event->diagnostic, diag);
  replace_str (&event->diagnostic_line, line);
  event->diagnostic_has_code = has_code;
}

static void
scan_set_sender (Scan           *scan,
                 const char     *address,
                 const char     *line,
                 SenderPriority  priority)
{
  if (address == NULL || priority <= scan->sender_priority)
    return;
  replace_str (&scan->sender, address);
  replace_str (&scan->sender_line, line);
  scan->sender_priority = priority;
}

static void
scan_set_reporting (Scan       *scan,
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
          g_autofree char *host = take_host (semi ? semi + 1 + strspn (semi + 1, " ") : v);
          scan_set_reporting (scan, host, line, 3);
        }
      return;
    }
  if (IS ("X-Postfix-Sender") || IS ("X-Original-Sender"))
    {
      g_autofree char *address = take_address (v);
      scan_set_sender (scan, address, line, SENDER_DSN);
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
    scan->dsn_event = scan_new_event (scan);
  if ((event = scan->dsn_event) == NULL)
    return;

  if (IS ("Final-Recipient") || IS ("X-Actual-Recipient"))
    {
      g_autofree char *address = take_address (v);
      if (address != NULL && (event->recipient == NULL || IS ("Final-Recipient")))
        {
          replace_str (&event->recipient, address);
          replace_str (&event->recipient_line, line);
        }
    }
  else if (IS ("Original-Recipient"))
    {
      g_autofree char *address = take_address (v);
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
      else if ((host = take_host (h)) != NULL)
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
        event_set_diagnostic (event, text, line);
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
      g_autofree char *host = take_host (h);

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
      g_autofree char *host = take_host (p + 11);
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
      g_autofree char *host = take_host (p + 17);
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

  /* qmail "52.101.1.1 does not like recipient." */
  if (event && (p = scan_find (scan, line, " does not like ")) != NULL)
    {
      g_autofree char *token = g_strndup (line, p - line);
      g_autofree char *ip = dh_ip_normalize (token);
      if (ip)
        replace_str (&event->remote_ip, ip);
      return TRUE;
    }
  return FALSE;
}

static void
scan_reporting_host (Scan       *scan,
                     const char *line,
                     gsize       len)
{
  static const struct {
    const char *marker;
    int priority;
  } markers[] = {
    { "this is the mail system at host ", 2 },
    { "this is the qmail-send program at ", 2 },
    { "generating server: ", 2 },
    { "this is a delivery status notification from ", 2 },
    { "courier mail server at ", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *p;

      if ((p = scan_find (scan, line, markers[i].marker)) != NULL)
        {
          g_autofree char *host = take_host (p + strlen (markers[i].marker));
          scan_set_reporting (scan, host, line, markers[i].priority);
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

  /* Reporting host and envelope sender stated in the text. */
  scan_reporting_host (scan, line, len);
  if ((p = scan_find (scan, line, "mail from:")) != NULL)
    {
      g_autofree char *address = take_address (p + 10);
      scan_set_sender (scan, address, line, SENDER_MAIL_FROM);
    }

  /* A mail log line: "... to=<a@b>, relay=host[ip]:25, ..., status=bounced (host ... said: ...)". */
  if ((p = scan_find (scan, line, " to=<")) != NULL && scan_find (scan, p, "status=") != NULL)
    {
      g_autofree char *address = take_address (p + 4);

      if (address != NULL && (event = scan_new_event (scan)) != NULL)
        {
          event->recipient = g_steal_pointer (&address);
          event->recipient_line = g_strdup (line);
          scan->text_event = event;
          content = scan_find (scan, p, "status=");
        }
    }

  /* A recipient opens a paragraph: Postfix/qmail "<a@b>: ...", Sendmail "<a@b>... ",
   * Exim "a@b host ..." or an address alone on its line. */
  if (content == line && (line[0] == '<' || (g_ascii_isalnum (line[0]) && memchr (line, '@', MIN (len, 256)))))
    {
      g_autofree char *address = take_address (line);

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
              opens = (*rest == '\0' || has_prefix_ci (rest, "host ") ||
                       has_prefix_ci (rest, "SMTP error") || has_prefix_ci (rest, "(") ||
                       has_prefix_ci (rest, "Unrouteable") || has_prefix_ci (rest, "retry ") ||
                       has_prefix_ci (rest, "all relevant MX") || find_reply_start (scan, rest, strlen (rest)) >= 0);
            }

          if (opens && (event = scan_new_event (scan)) != NULL)
            {
              event->recipient = g_steal_pointer (&address);
              event->recipient_line = g_strdup (line);
              scan->text_event = event;
              content = rest;
              if (has_prefix_ci (content, "(reason: "))
                content += 9;
            }
        }
    }

  event = scan->text_event;
  scan_remote_host (scan, event, line, len);

  reply = find_reply_start (scan, content, strlen (content));
  if (reply >= 0)
    {
      const char *text = content + reply;

      if (event == NULL)
        {
          /* A diagnostic on its own: keep it only if it looks like a real SMTP rejection. */
          if (!starts_with_reply (text))
            return;
          if ((event = scan_new_event (scan)) == NULL)
            return;
          if (scan->pending_remote_host)
            {
              event->remote_host = g_steal_pointer (&scan->pending_remote_host);
              event->remote_host_line = g_steal_pointer (&scan->pending_remote_line);
            }
          scan->text_event = event;
        }
      event_set_diagnostic (event, text, line);
    }
  else if (event != NULL && event->diagnostic == NULL && content != line && *content)
    {
      /* "<a@b>: unknown user", "<a@b>: connect to ...: Connection timed out" */
      event_set_diagnostic (event, content, line);
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
  static const char *markers[] = {
    "This is a copy of the message", "Below this line is a copy of the message",
    "Original message follows", "Returned message follows", "Message header follows",
    "header of the original message", "Original message header", "Undelivered Message Headers",
  };
  gsize n = 0;

  while (n < len && (line[n] == '-' || line[n] == ' '))
    n++;
  if (n < 2 || len > 200)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (find_ci (line + n, len - n, markers[i]) != NULL)
      return TRUE;
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
}

static void
scan_text (Scan       *scan,
           const char *text,
           gsize       length,
           Role        role)
{
  g_autofree char *norm = NULL;
  g_autoptr(GString) logical = g_string_sized_new (256);
  gsize norm_len;
  const char *p, *end;

  norm = normalize_text (text, length, &norm_len);
  p = norm;
  end = norm + norm_len;
  end_paragraph (scan);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line = p;
      gsize len = (nl ? nl : end) - p;
      gboolean blank = TRUE;

      p = nl ? nl + 1 : end;
      len = strip_quote_marks (&line, len);
      if (role == ROLE_BODY && is_original_marker (line, len))
        {
          /* The rest is the returned original: read its headers for the sender, and stop. */
          flush_logical (scan, logical, role);
          end_paragraph (scan);
          read_headers_text (scan, p, end - p);
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
          if (starts_with_reply (l) && l[3] == '-' && strncmp (l, c, 3) == 0 &&
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

/* ------------------------------------------------------------------------------------------ */
/* From events to reports */

static void
report_fill (DhReport   *report,
             DhFactId    id,
             const char *value,
             const char *line)
{
  if (dh_report_get (report, id) == NULL && value != NULL)
    dh_report_set (report, id, value, line);
}

/* TRUE when @longer says what @shorter says and more (a truncated first line, say). */
static gboolean
diagnostic_extends (const char *longer,
                    const char *shorter)
{
  g_autofree char *a = diagnostic_key (longer);
  g_autofree char *b = diagnostic_key (shorter);

  return strlen (a) > strlen (b) && g_str_has_prefix (a, b) && strlen (longer) > strlen (shorter);
}

static void
merge_event (DhReport *report,
             Event    *event)
{
  const char *diag = dh_report_get (report, DH_FACT_DIAGNOSTIC);

  if (event->recipient)
    {
      if (dh_report_add_recipient (report, event->recipient) &&
          dh_report_get_line (report, DH_FACT_RECIPIENT) == NULL)
        dh_report_set (report, DH_FACT_RECIPIENT, event->recipient, event->recipient_line);
    }
  if (event->diagnostic &&
      (diag == NULL || (!starts_with_reply (diag) && event->diagnostic_has_code) ||
       (event->diagnostic_has_code && diagnostic_extends (event->diagnostic, diag))))
    dh_report_set (report, DH_FACT_DIAGNOSTIC, event->diagnostic, event->diagnostic_line);
  report_fill (report, DH_FACT_REMOTE_HOST, event->remote_host, event->remote_host_line);
  fill_str (&report->remote_ip, event->remote_ip);
  fill_str (&report->status, event->status);
  fill_str (&report->action, event->action);
}

static char *
find_report_key (DhReport *report)
{
  return diagnostic_key (dh_report_get (report, DH_FACT_DIAGNOSTIC));
}

/* The last Received: hop with a public address, as a guess for the sending IP. */
static char *
guess_from_received (Scan   *scan,
                     char  **line)
{
  DhRules *rules = scan->rules;

  for (guint i = scan->received->len; i > 0; i--)
    {
      const char *value = g_ptr_array_index (scan->received, i - 1);
      const char *from = find_ci (value, strlen (value), "from ");
      const char *by = find_ci (value, strlen (value), " by ");
      g_autofree char *segment = NULL;
      g_autofree char *ip = NULL;

      if (from == NULL)
        continue;
      segment = g_strndup (from, by && by > from ? (gsize) (by - from) : strlen (from));
      ip = dh_rules_find_sending_ip (rules, segment, NULL);
      if (ip != NULL)
        {
          g_autoptr(GInetAddress) address = dh_ip_parse (ip);
          if (address && dh_ip_is_public (address))
            {
              *line = g_strdup (value);
              return g_steal_pointer (&ip);
            }
        }
    }
  return NULL;
}

/* Microsoft's reference hosts carry a UTC time stamp: "... 2026-01-24T07:00:10.851Z ...". */
static GRegex *
timestamp_regex (void)
{
  static GRegex *regex;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("\\b(20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,7})?Z)\\b", 0, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  return regex;
}

static void
finish_report (Scan     *scan,
               DhReport *report)
{
  DhRules *rules = scan->rules;
  const char *diag = dh_report_get (report, DH_FACT_DIAGNOSTIC);
  const char *diag_line = dh_report_get_line (report, DH_FACT_DIAGNOSTIC);
  g_autofree char *code = NULL;
  g_autofree char *ip = NULL;
  const char *system = NULL;
  DhRuleInput input = { 0 };
  DhRuleResult result = { 0 };
  gboolean all_consumer;

  report->message_index = scan->index;

  /* Message-level facts. */
  report_fill (report, DH_FACT_SENDER, scan->sender, scan->sender_line);
  report_fill (report, DH_FACT_REPORTING_HOST, scan->reporting_host, scan->reporting_line);
  if (scan->date)
    {
      report->date = g_date_time_ref (scan->date);
      dh_report_set (report, DH_FACT_DATE, NULL, scan->date_line);
    }
  else if (scan->dsn_date)
    {
      report->date = g_date_time_ref (scan->dsn_date);
      dh_report_set (report, DH_FACT_DATE, NULL, scan->dsn_date_line);
    }
  if (dh_report_get (report, DH_FACT_SENDER))
    report->sender_domain = g_strdup (domain_of (dh_report_get (report, DH_FACT_SENDER)));

  if (diag != NULL)
    {
      const char *s = diag;

      if (starts_with_reply (s))
        {
          report->reply_code = g_strndup (s, 3);
          s += s[3] ? 4 : 3;
          while (*s == ' ' || *s == '#')
            s++;
          if (s[0] >= '2' && s[0] <= '5' && s[1] == '.' && g_ascii_isdigit (s[2]))
            {
              gsize n = strspn (s, "0123456789.");
              while (n > 0 && s[n - 1] == '.')
                n--;
              g_free (report->status);
              report->status = g_strndup (s, n);
            }
        }
      code = dh_rules_find_provider_code (rules, diag);
      if (code)
        dh_report_set (report, DH_FACT_PROVIDER_CODE, code, diag_line);
      report->reference_host = dh_rules_find_reference_host (rules, diag);
      ip = dh_rules_find_sending_ip (rules, diag, report->remote_ip);
      if (ip)
        dh_report_set (report, DH_FACT_SENDING_IP, ip, diag_line);

      if (report->date == NULL)
        {
          g_autoptr(GMatchInfo) match = NULL;
          if (g_regex_match (timestamp_regex (), diag, 0, &match))
            {
              g_autofree char *when = g_match_info_fetch (match, 1);
              if ((report->date = g_date_time_new_from_iso8601 (when, NULL)) != NULL)
                dh_report_set (report, DH_FACT_DATE, NULL, diag_line);
            }
        }
    }

  /* Which system refused. */
  system = dh_rules_system_for_host (rules, dh_report_get (report, DH_FACT_REMOTE_HOST));
  all_consumer = report->recipient_domains->len > 0;
  for (guint i = 0; i < report->recipient_domains->len; i++)
    if (!dh_rules_is_consumer_domain (rules, g_ptr_array_index (report->recipient_domains, i)))
      all_consumer = FALSE;
  if (system == NULL && dh_rules_is_consumer_code (rules, code))
    system = "microsoft-consumer";
  if (system == NULL && (report->reference_host || dh_rules_is_microsoft_code (rules, code)))
    system = all_consumer ? "microsoft-consumer" : "microsoft-365";
  if (system == NULL && all_consumer && dh_report_get (report, DH_FACT_REMOTE_HOST) == NULL)
    system = "microsoft-consumer";
  if (system == NULL)
    system = "other";

  input.diagnostic = diag;
  input.status = report->status;
  input.reply_code = report->reply_code;
  input.provider_code = code;
  input.system = system;
  input.action = report->action;
  dh_rules_classify (rules, &input, &result);

  report->is_block = result.is_block;
  report->system = g_intern_string (result.set_system ? result.set_system : system);
  report->kind = result.kind;
  report->remedy = result.remedy;
  report->rule = g_intern_string (result.id);

  if (report->is_block && dh_report_get (report, DH_FACT_SENDING_IP) == NULL)
    {
      g_autofree char *line = NULL;
      g_autofree char *guess = guess_from_received (scan, &line);

      if (guess)
        {
          dh_report_set (report, DH_FACT_SENDING_IP, guess, line);
          report->sending_ip_guess = TRUE;
        }
    }
  if (dh_report_get (report, DH_FACT_SENDING_IP))
    {
      g_autoptr(GInetAddress) address = dh_ip_parse (dh_report_get (report, DH_FACT_SENDING_IP));
      if (address)
        report->ip_flags = dh_ip_classify (address);
    }
}

static void
scan_finish (Scan       *scan,
             DhAnalysis *analysis)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_report_free);
  g_autoptr(GHashTable) by_recipient = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Event *bare = NULL;   /* a code-only diagnostic, kept in case nothing else is found */

  if (scan->is_feedback)
    {
      analysis->n_feedback_reports++;
      return;
    }

  /* 1. One report per recipient; diagnostics without a recipient join the report with the same
   *    diagnostic, or stand alone. */
  for (guint i = 0; i < scan->events->len; i++)
    {
      Event *event = g_ptr_array_index (scan->events, i);
      DhReport *report = NULL;
      gboolean last_resort = FALSE;

    again:

      if (event->diagnostic == NULL && event->status == NULL)
        continue;
      if (event->recipient)
        report = g_hash_table_lookup (by_recipient, event->recipient);
      if (report == NULL && event->diagnostic)
        {
          g_autofree char *key = diagnostic_key (event->diagnostic);
          DhReport *same = g_hash_table_lookup (by_key, key);

          /* "Status code: 550 5.7.26" alone adds nothing to a bounce found elsewhere: keep it
           * only when there is nothing else (decided after this loop). */
          if (*key == '\0' && event->recipient == NULL && !last_resort)
            {
              if (bare == NULL)
                bare = event;
              goto next;
            }
          /* Sendmail and some DSNs keep only a reply's first line: a diagnostic that is the
           * start of another is the same one. Only recent reports are compared (bounded). */
          if (same == NULL && strlen (key) >= 24)
            for (guint r = reports->len; r > 0 && r + 16 > reports->len; r--)
              {
                DhReport *other = g_ptr_array_index (reports, r - 1);
                g_autofree char *other_key = find_report_key (other);

                if (*other_key && (g_str_has_prefix (key, other_key) || g_str_has_prefix (other_key, key)) &&
                    strlen (other_key) >= 24)
                  {
                    same = other;
                    break;
                  }
              }
          if (same && (event->recipient == NULL || same->recipients->len == 0))
            report = same;
        }
      if (report == NULL)
        {
          report = dh_report_new ();
          g_ptr_array_add (reports, report);
        }
      merge_event (report, event);
      if (event->recipient && !g_hash_table_contains (by_recipient, event->recipient))
        g_hash_table_insert (by_recipient, event->recipient, report);
      if (event->diagnostic)
        {
          g_autofree char *key = diagnostic_key (event->diagnostic);
          if (*key && !g_hash_table_contains (by_key, key))
            g_hash_table_insert (by_key, g_steal_pointer (&key), report);
        }
    next:
      if (last_resort)
        break;
      if (i + 1 == scan->events->len && reports->len == 0 && bare != NULL)
        {
          event = bare;
          last_resort = TRUE;
          goto again;
        }
    }

  /* 2. Recipients with the same diagnostic make one report. */
  g_hash_table_remove_all (by_key);
  for (guint i = 0; i < reports->len;)
    {
      DhReport *report = g_ptr_array_index (reports, i);
      g_autofree char *key = find_report_key (report);
      DhReport *first = *key ? g_hash_table_lookup (by_key, key) : NULL;

      if (first != NULL && first != report)
        {
          for (guint r = 0; r < report->recipients->len; r++)
            dh_report_add_recipient (first, g_ptr_array_index (report->recipients, r));
          report_fill (first, DH_FACT_REMOTE_HOST, dh_report_get (report, DH_FACT_REMOTE_HOST),
                       dh_report_get_line (report, DH_FACT_REMOTE_HOST));
          fill_str (&first->remote_ip, report->remote_ip);
          fill_str (&first->status, report->status);
          fill_str (&first->action, report->action);
          g_ptr_array_remove_index (reports, i);
          continue;
        }
      if (*key)
        g_hash_table_insert (by_key, g_steal_pointer (&key), report);
      i++;
    }

  for (guint i = 0; i < reports->len; i++)
    {
      DhReport *report = g_ptr_array_index (reports, i);

      finish_report (scan, report);
      if (analysis->reports->len < DH_ANALYZER_MAX_REPORTS)
        g_ptr_array_add (analysis->reports, g_ptr_array_steal_index (reports, i--));
      else
        analysis->dropped_reports++;
    }
  analysis->dropped_reports += scan->n_events_dropped;
}

static void
scan_init (Scan    *scan,
           DhRules *rules,
           guint    index)
{
  memset (scan, 0, sizeof *scan);
  scan->rules = rules;
  scan->index = index;
  scan->events = g_ptr_array_new_with_free_func (event_free);
  scan->received = g_ptr_array_new_with_free_func (g_free);
  scan->lower = g_string_sized_new (256);
}

static void
scan_clear (Scan *scan)
{
  g_ptr_array_unref (scan->events);
  g_ptr_array_unref (scan->received);
  g_string_free (scan->lower, TRUE);
  g_free (scan->sender);
  g_free (scan->sender_line);
  g_free (scan->reporting_host);
  g_free (scan->reporting_line);
  g_clear_pointer (&scan->date, g_date_time_unref);
  g_free (scan->date_line);
  g_clear_pointer (&scan->dsn_date, g_date_time_unref);
  g_free (scan->dsn_date_line);
  g_free (scan->pending_remote_host);
  g_free (scan->pending_remote_line);
}

/* ------------------------------------------------------------------------------------------ */
/* MIME (GMime) */

static char *
part_text (Context   *ctx,
           GMimePart *part,
           gsize     *length)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr(DhMimeStream) stream = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  const char *charset;
  char *text;

  if (content == NULL)
    return NULL;

  if (GMIME_IS_TEXT_PART (part) &&
      (charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset")) != NULL &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0 && g_ascii_strcasecmp (charset, "utf-8") != 0)
    {
      /* GMime converts the declared charset (ISO-2022-JP, Shift_JIS, EUC-JP ...) to UTF-8. */
      text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
      if (text != NULL)
        {
          *length = strlen (text);
          return text;
        }
    }

  bytes = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (bytes);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_mime_data_wrapper_write_to_stream (content, stream);

  if (g_utf8_validate_len ((const char *) bytes->data, bytes->len, NULL))
    {
      *length = bytes->len;
      return g_strndup ((const char *) bytes->data, bytes->len);
    }
  /* No or a wrong charset label: let GMime try its fallback charsets (UTF-8, ISO-2022-JP, ...). */
  text = g_mime_utils_decode_8bit (parser_options (), (const char *) bytes->data, bytes->len);
  *length = text ? strlen (text) : 0;
  return text;
}

/* Turns an HTML NDR body into lines of text; only for bodies without a text/plain alternative. */
static char *
html_to_text (const char *html)
{
  static GRegex *breaks, *tags;
  static gsize initialized = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *valid = NULL;

  if (g_once_init_enter (&initialized))
    {
      breaks = g_regex_new ("<(br|/p|/div|/tr|/li|/h[1-6]|p|div|tr)\\b[^>]{0,200}>", G_REGEX_CASELESS, 0, NULL);
      tags = g_regex_new ("<[^>]{0,2000}>|<!--.{0,4000}?-->", G_REGEX_DOTALL, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }

  /* GRegex needs valid UTF-8; a part without a charset label may not be. */
  if (!g_utf8_validate (html, -1, NULL))
    html = valid = g_utf8_make_valid (html, -1);
  a = g_regex_replace_literal (breaks, html, -1, 0, "\n", 0, NULL);
  b = g_regex_replace_literal (tags, a ? a : html, -1, 0, "", 0, NULL);
  if (b == NULL)
    return g_strdup (html);
  {
    g_autoptr(GString) out = g_string_new (b);
    g_string_replace (out, "&lt;", "<", 0);
    g_string_replace (out, "&gt;", ">", 0);
    g_string_replace (out, "&quot;", "\"", 0);
    g_string_replace (out, "&#39;", "'", 0);
    g_string_replace (out, "&apos;", "'", 0);
    g_string_replace (out, "&nbsp;", " ", 0);
    g_string_replace (out, "&amp;", "&", 0);
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

/* Takes the first mailbox of an address header (parsed by GMime) as a candidate sender. */
static void
sender_from_header (Scan           *scan,
                    const char     *name,
                    const char     *value,
                    SenderPriority  priority)
{
  InternetAddressList *list;
  g_autofree char *address = NULL;

  if (value == NULL || priority <= scan->sender_priority)
    return;
  list = internet_address_list_parse (parser_options (), value);
  if (list != NULL && internet_address_list_length (list) > 0)
    {
      InternetAddress *ia = internet_address_list_get_address (list, 0);
      if (INTERNET_ADDRESS_IS_MAILBOX (ia))
        address = take_address (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)));
    }
  g_clear_object (&list);
  if (address == NULL)
    address = take_address (value);
  if (address != NULL)
    {
      g_autofree char *decoded = g_mime_utils_header_decode_text (parser_options (), value);
      g_autofree char *line = g_strdup_printf ("%s: %s", name, decoded ? decoded : value);
      scan_set_sender (scan, address, line, priority);
    }
}

static void
read_original_headers (Scan        *scan,
                       GMimeObject *original)
{
  sender_from_header (scan, "Return-Path", g_mime_object_get_header (original, "Return-Path"), SENDER_ORIGINAL);
  sender_from_header (scan, "From", g_mime_object_get_header (original, "From"), SENDER_ORIGINAL);
}

/* A returned message's header block as text (text/rfc822-headers, or after an MTA's marker):
 * only Return-Path and From matter, so the block is unfolded here and the addresses parsed by
 * GMime, without building a whole message. */
static void
read_headers_text (Scan       *scan,
                   const char *text,
                   gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean started = FALSE;

  for (;;)
    {
      const char *nl = p < end ? memchr (p, '\n', end - p) : NULL;
      gsize len = p < end ? (gsize) ((nl ? nl : end) - p) : 0;
      gboolean blank, continuation;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      blank = (p >= end || len == 0);
      if (blank && !started && p < end)
        {
          p = nl ? nl + 1 : end;
          continue;
        }
      continuation = !blank && (p[0] == ' ' || p[0] == '\t');
      if (!continuation && field->len > 0)
        {
          const char *colon = strchr (field->str, ':');
          if (colon)
            {
              g_autofree char *name = g_strndup (field->str, colon - field->str);
              const char *value = colon + 1 + strspn (colon + 1, " \t");

              if (g_ascii_strcasecmp (name, "Return-Path") == 0 || g_ascii_strcasecmp (name, "From") == 0)
                sender_from_header (scan, g_ascii_strcasecmp (name, "From") == 0 ? "From" : "Return-Path",
                                    value, SENDER_ORIGINAL);
            }
          g_string_truncate (field, 0);
        }
      if (blank || field->len > 4096)
        break;
      started = TRUE;
      if (continuation)
        g_string_append_c (field, ' ');
      g_string_append_len (field, p, len);
      p = nl ? nl + 1 : end;
    }
}

static void
walk (Context    *ctx,
      Scan       *scan,
      GMimeObject *object,
      gboolean    in_report)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);
      gboolean is_report = type && g_mime_content_type_is_type (type, "multipart", "report");

      if (is_report)
        {
          const char *report_type = g_mime_content_type_get_parameter (type, "report-type");
          if (report_type && g_ascii_strcasecmp (report_type, "feedback-report") == 0)
            {
              scan->is_feedback = TRUE;
              return;
            }
        }
      if (type && g_mime_content_type_is_type (type, "multipart", "alternative"))
        {
          /* Prefer the plain text alternative. */
          for (int i = 0; i < n; i++)
            {
              GMimeObject *child = g_mime_multipart_get_part (multipart, i);
              GMimeContentType *ct = g_mime_object_get_content_type (child);
              if (ct && g_mime_content_type_is_type (ct, "text", "plain"))
                {
                  walk (ctx, scan, child, in_report);
                  return;
                }
            }
          if (n > 0)
            walk (ctx, scan, g_mime_multipart_get_part (multipart, n - 1), in_report);
          return;
        }
      for (int i = 0; i < n; i++)
        walk (ctx, scan, g_mime_multipart_get_part (multipart, i), in_report || is_report);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner == NULL)
        return;
      if (in_report)
        read_original_headers (scan, GMIME_OBJECT (inner));   /* the returned original: its headers only */
      else
        analyze_message (ctx, inner, scan->index);  /* a forwarded bounce */
      return;
    }

  if (GMIME_IS_PART (object))
    {
      g_autofree char *text = NULL;
      gsize length = 0;
      const char *disposition = g_mime_object_get_disposition (object);

      if (type == NULL)
        return;
      if (g_mime_content_type_is_type (type, "message", "delivery-status") ||
          g_mime_content_type_is_type (type, "message", "global-delivery-status"))
        {
          if ((text = part_text (ctx, GMIME_PART (object), &length)) != NULL)
            scan_text (scan, text, length, ROLE_DSN);
          return;
        }
      if (g_mime_content_type_is_type (type, "message", "feedback-report"))
        {
          scan->is_feedback = TRUE;
          return;
        }
      if (g_mime_content_type_is_type (type, "text", "rfc822-headers"))
        {
          if ((text = part_text (ctx, GMIME_PART (object), &length)) != NULL)
            read_headers_text (scan, text, length);
          return;
        }
      if (g_mime_content_type_is_type (type, "message", "rfc822") ||
          g_mime_content_type_is_type (type, "message", "global"))
        {
          /* An undecoded message part (e.g. base64-encoded): parse it here. */
          g_autoptr(DhMimeStream) stream = NULL;
          g_autoptr(DhMimeParser) parser = NULL;
          g_autoptr(DhMimeMessage) inner = NULL;

          if ((text = part_text (ctx, GMIME_PART (object), &length)) == NULL)
            return;
          stream = g_mime_stream_mem_new_with_buffer (text, length);
          parser = g_mime_parser_new_with_stream (stream);
          inner = g_mime_parser_construct_message (parser, parser_options ());
          if (inner == NULL)
            return;
          if (in_report)
            read_original_headers (scan, GMIME_OBJECT (inner));
          else
            analyze_message (ctx, inner, scan->index);
          return;
        }
      if (g_mime_content_type_is_type (type, "text", "*") &&
          !(disposition && g_ascii_strcasecmp (disposition, "attachment") == 0 &&
            !g_mime_content_type_is_type (type, "text", "plain")))
        {
          if ((text = part_text (ctx, GMIME_PART (object), &length)) == NULL)
            return;
          if (g_mime_content_type_is_type (type, "text", "html"))
            {
              g_autofree char *plain = html_to_text (text);
              scan_text (scan, plain, strlen (plain), ROLE_BODY);
            }
          else
            scan_text (scan, text, length, ROLE_BODY);
        }
    }
}

static void
analyze_message (Context      *ctx,
                 GMimeMessage *message,
                 guint         index)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  InternetAddressList *list;
  GDateTime *date;
  Scan scan;

  scan_init (&scan, ctx->rules, index);

  if ((date = g_mime_message_get_date (message)) != NULL)
    {
      const char *raw = g_mime_object_get_header (GMIME_OBJECT (message), "Date");
      scan.date = g_date_time_ref (date);
      scan.date_line = g_strdup_printf ("Date: %s", raw ? raw : "");
    }

  for (int i = 0; headers && i < g_mime_header_list_get_count (headers); i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      const char *name = g_mime_header_get_name (header);

      if (g_ascii_strcasecmp (name, "Received") == 0 && scan.received->len < 64)
        {
          const char *raw = g_mime_header_get_raw_value (header);
          g_autofree char *unfolded = g_mime_utils_header_unfold (raw ? raw : "");
          g_ptr_array_add (scan.received, g_strdup_printf ("Received: %s", g_strstrip (unfolded)));
        }
      else if (g_ascii_strcasecmp (name, "X-Postfix-Sender") == 0 ||
               g_ascii_strcasecmp (name, "X-Original-Sender") == 0)
        {
          const char *value = g_mime_header_get_value (header);
          g_autofree char *address = take_address (value ? value : "");
          g_autofree char *line = g_strdup_printf ("%s: %s", name, value ? value : "");
          scan_set_sender (&scan, address, line, SENDER_DSN);
        }
    }

  /* A bounce from "Mail Delivery System <MAILER-DAEMON@host>" names the reporting host. */
  list = g_mime_message_get_from (message);
  if (list && internet_address_list_length (list) > 0 &&
      INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
    {
      const char *addr = internet_address_mailbox_get_addr (
        INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0)));
      if (addr && (has_prefix_ci (addr, "mailer-daemon@") || has_prefix_ci (addr, "postmaster@")))
        {
          g_autofree char *host = take_host (strchr (addr, '@') + 1);
          g_autofree char *line = g_strdup_printf ("From: %s", g_mime_object_get_header (GMIME_OBJECT (message), "From"));
          scan_set_reporting (&scan, host, line, 1);
        }
    }

  /* The bounce goes back to the user: its To: is the sender, when nothing better names it. */
  sender_from_header (&scan, "To", g_mime_object_get_header (GMIME_OBJECT (message), "To"), SENDER_OUTER_TO);

  if (body)
    walk (ctx, &scan, body, FALSE);

  scan_finish (&scan, ctx->analysis);
  scan_clear (&scan);
}

/* ------------------------------------------------------------------------------------------ */
/* Input detection */

static gboolean
looks_like_message (const char *data,
                    gsize       length)
{
  static const char *known[] = {
    "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version",
    "content-type", "delivered-to", "x-original-to", "reply-to", "auto-submitted", "cc",
    "dkim-signature", "authentication-results", "x-failed-recipients", "arc-seal", "sender", NULL
  };
  const char *p = data;
  const char *end = data + MIN (length, 65536);
  guint headers = 0, known_headers = 0, lines = 0;

  while (p < end && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t'))
    p++;

  while (p < end && lines < 200)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      gsize len = line_end - p;
      const char *colon;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      lines++;
      if (len == 0)
        break;
      if (*p == ' ' || *p == '\t')
        {
          if (headers == 0)
            return FALSE;
        }
      else if ((colon = memchr (p, ':', len)) != NULL && colon > p && colon - p < 76)
        {
          for (const char *c = p; c < colon; c++)
            if (*c <= ' ' || *c > '~')
              return FALSE;
          headers++;
          for (const char **k = known; *k; k++)
            if ((gsize) (colon - p) == strlen (*k) && g_ascii_strncasecmp (p, *k, colon - p) == 0)
              known_headers++;
        }
      else
        return FALSE;
      p = nl ? nl + 1 : end;
    }
  return headers >= 2 && known_headers >= 1;
}

static DhInputFormat
detect_format (const char *data,
               gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && (guchar) p[0] == 0xEF && (guchar) p[1] == 0xBB && (guchar) p[2] == 0xBF)
    p += 3;
  while (p < end && (*p == '\n' || *p == '\r'))
    p++;
  if (end - p > 5 && strncmp (p, "From ", 5) == 0)
    return DH_INPUT_MBOX;
  if (looks_like_message (p, end - p))
    return DH_INPUT_MESSAGE;
  return DH_INPUT_TEXT;
}

/* The header block at @p is a bounce's (not, say, a returned original after an MTA's text). */
static gboolean
headers_look_like_bounce (const char *p,
                          gsize       length)
{
  static const char *signs[] = { "multipart/report", "mailer-daemon", "postmaster@", "mail delivery",
                                 "undeliver", "delivery status notification", "returned mail", NULL };
  const char *blank = NULL;
  gsize n = MIN (length, 65536);
  g_autofree char *lower = NULL;

  for (const char *q = p; q + 1 < p + n; q++)
    if (q[0] == '\n' && (q[1] == '\n' || (q[1] == '\r' && q + 2 < p + n && q[2] == '\n')))
      {
        blank = q;
        break;
      }
  lower = g_ascii_strdown (p, blank ? (gssize) (blank - p) : (gssize) n);
  for (const char **s = signs; *s; s++)
    if (strstr (lower, *s) != NULL)
      return TRUE;
  return FALSE;
}

/* A whole message pasted after some other text (a web mail's "Show original" page puts a summary
 * above the raw message): the offset where its headers start, or -1. Looks at the first 64 KiB.
 * Unless @any_message, only a bounce's headers count. */
static gssize
find_embedded_message (const char *data,
                       gsize       length,
                       gboolean    any_message)
{
  static const char *starts[] = { "Return-Path:", "Delivered-To:", "Received:", "X-Original-To:", NULL };
  const char *p = data;
  const char *end = data + MIN (length, 65536);
  guint candidates = 0;

  while (p < end && candidates < 200)
    {
      const char *nl = memchr (p, '\n', end - p);

      for (const char **s = starts; *s; s++)
        if ((gsize) (end - p) > strlen (*s) && g_ascii_strncasecmp (p, *s, strlen (*s)) == 0)
          {
            candidates++;
            if (looks_like_message (p, data + length - p) &&
                (any_message || headers_look_like_bounce (p, data + length - p)))
              return p - data;
            break;
          }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API */



DhAnalysis *
dh_analyze (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(DhAnalysis) analysis = NULL;
  Context ctx = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > DH_ANALYZER_MAX_INPUT)
    {
      g_set_error (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " bytes; the limit is %d bytes",
                   length, DH_ANALYZER_MAX_INPUT);
      return NULL;
    }

  parser_options ();
  analysis = g_new0 (DhAnalysis, 1);
  analysis->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_report_free);
  analysis->format = detect_format (data ? data : "", length);
  if (analysis->format == DH_INPUT_TEXT && data != NULL)
    {
      gssize offset = find_embedded_message (data, length, FALSE);
      if (offset > 0)
        {
          data += offset;
          length -= offset;
          analysis->format = DH_INPUT_MESSAGE;
        }
    }

  ctx.analysis = analysis;
  ctx.rules = dh_rules_get_default ();

  if (analysis->format == DH_INPUT_TEXT)
    {
      Scan scan;

      scan_init (&scan, ctx.rules, 0);
      scan_text (&scan, data ? data : "", length, ROLE_BODY);
      scan_finish (&scan, analysis);
      scan_clear (&scan);
      analysis->n_messages = 1;
    }
  else
    {
      g_autoptr(DhMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, length);
      g_autoptr(DhMimeParser) parser = NULL;

      parser = g_mime_parser_new_with_stream (stream);
      g_mime_parser_set_format (parser, analysis->format == DH_INPUT_MBOX ? GMIME_FORMAT_MBOX
                                                                         : GMIME_FORMAT_MESSAGE);
      while (!g_mime_parser_eos (parser))
        {
          g_autoptr(DhMimeMessage) message = g_mime_parser_construct_message (parser, parser_options ());

          if (message == NULL)
            break;
          analyze_message (&ctx, message, analysis->n_messages);
          analysis->n_messages++;
          if (analysis->format == DH_INPUT_MESSAGE)
            break;
        }
    }

  return g_steal_pointer (&analysis);
}

void
dh_analysis_free (DhAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_ptr_array_unref (analysis->reports);
  g_free (analysis);
}

const char *
dh_input_format_name (DhInputFormat format)
{
  switch (format)
    {
    case DH_INPUT_TEXT:
      return "text";
    case DH_INPUT_MESSAGE:
      return "message";
    case DH_INPUT_MBOX:
      return "mbox";
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
dh_analysis_to_json (DhAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input_format");
  json_builder_add_string_value (builder, dh_input_format_name (analysis->format));
  json_builder_set_member_name (builder, "messages");
  json_builder_add_int_value (builder, analysis->n_messages);
  json_builder_set_member_name (builder, "feedback_reports");
  json_builder_add_int_value (builder, analysis->n_feedback_reports);
  json_builder_set_member_name (builder, "reports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->reports->len; i++)
    dh_report_to_json (g_ptr_array_index (analysis->reports, i), builder);
  json_builder_end_array (builder);
  if (analysis->dropped_reports > 0)
    {
      json_builder_set_member_name (builder, "dropped_reports");
      json_builder_add_int_value (builder, analysis->dropped_reports);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ------------------------------------------------------------------------------------------ */
/* The readable text of a message (for replies, which are not bounces) */

static void
collect_text (GString     *out,
              GMimeObject *object,
              guint        depth);

static GRegex *
cell_end_regex (void)
{
  static GRegex *regex;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("</t[dh]\\s*>", G_REGEX_CASELESS, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  return regex;
}

static void
collect_message (GString      *out,
                 GMimeMessage *message,
                 guint         depth)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  const char *subject = g_mime_message_get_subject (message);
  const char *date = g_mime_object_get_header (GMIME_OBJECT (message), "Date");

  /* An attached message is set apart as a mail program sets a forwarded one apart, with its
   * decoded Subject and Date, since a ticket number is often only in the Subject. */
  g_string_append (out, "\n-------- Forwarded message --------\n");
  if (subject != NULL)
    g_string_append_printf (out, "Subject: %s\n", subject);
  if (date != NULL)
    g_string_append_printf (out, "Date: %s\n", date);
  g_string_append_c (out, '\n');
  if (body != NULL)
    collect_text (out, body, depth + 1);
}

static void
collect_text (GString     *out,
              GMimeObject *object,
              guint        depth)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);

  if (depth > 16 || out->len > DH_ANALYZER_MAX_INPUT)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      if (type && g_mime_content_type_is_type (type, "multipart", "alternative"))
        {
          for (int i = 0; i < n; i++)
            {
              GMimeObject *child = g_mime_multipart_get_part (multipart, i);
              GMimeContentType *ct = g_mime_object_get_content_type (child);
              if (ct && g_mime_content_type_is_type (ct, "text", "plain"))
                {
                  collect_text (out, child, depth + 1);
                  return;
                }
            }
          if (n > 0)
            collect_text (out, g_mime_multipart_get_part (multipart, n - 1), depth + 1);
          return;
        }
      for (int i = 0; i < n; i++)
        collect_text (out, g_mime_multipart_get_part (multipart, i), depth + 1);
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      if (inner != NULL)
        collect_message (out, inner, depth);
      return;
    }

  if (GMIME_IS_PART (object) && type != NULL)
    {
      g_autofree char *text = NULL;
      gsize length = 0;
      const char *disposition = g_mime_object_get_disposition (object);

      if (g_mime_content_type_is_type (type, "message", "rfc822"))
        {
          g_autoptr(DhMimeStream) stream = NULL;
          g_autoptr(DhMimeParser) parser = NULL;
          g_autoptr(DhMimeMessage) inner = NULL;

          if ((text = part_text (NULL, GMIME_PART (object), &length)) == NULL)
            return;
          stream = g_mime_stream_mem_new_with_buffer (text, length);
          parser = g_mime_parser_new_with_stream (stream);
          inner = g_mime_parser_construct_message (parser, parser_options ());
          if (inner != NULL)
            collect_message (out, inner, depth);
          return;
        }
      if (!g_mime_content_type_is_type (type, "text", "*") ||
          (disposition && g_ascii_strcasecmp (disposition, "attachment") == 0 &&
           !g_mime_content_type_is_type (type, "text", "plain")))
        return;
      if ((text = part_text (NULL, GMIME_PART (object), &length)) == NULL)
        return;
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      if (g_mime_content_type_is_type (type, "text", "html"))
        {
          g_autofree char *cells = NULL;
          g_autofree char *plain = NULL;

          /* Microsoft's replies put the result and the address in cells of one row: keep them
           * apart ("Conditionally mitigated 203.0.113.45", not "...mitigated203.0.113.45"). */
          if (g_utf8_validate (text, -1, NULL))
            cells = g_regex_replace_literal (cell_end_regex (), text, -1, 0, "\t", 0, NULL);
          plain = html_to_text (cells ? cells : text);
          g_string_append (out, plain);
        }
      else
        g_string_append_len (out, text, length);
    }
}

/* A header value with RFC 2047 words, decoded by GMime one encoded word at a time. GMime 3.2.13
 * merges adjacent base64 words of one charset before decoding and loses what follows a padded
 * word ("=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=" gives "Hello": jstedfast/gmime#133), which
 * is how Japanese mailers fold an ISO-2022-JP Subject. So the value is cut at white space and
 * GMime decodes each piece; the white space between two encoded words is dropped, as RFC 2047
 * section 6.2 says, and all other white space is kept. */
static char *
decode_header_words (const char *raw)
{
  g_autofree char *unfolded = g_mime_utils_header_unfold (raw);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = unfolded;
  gboolean last_encoded = FALSE;

  while (*p != '\0')
    {
      const char *space = p, *word, *end;
      gboolean encoded;

      while (*p == ' ' || *p == '\t')
        p++;
      word = p;
      while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
      end = p;
      encoded = end - word > 8 && g_str_has_prefix (word, "=?") && end[-1] == '=' && end[-2] == '?';
      if (!(encoded && last_encoded))
        g_string_append_len (out, space, word - space);
      if (end > word)
        {
          /* Plain words too: GMime converts raw 8-bit text and words glued to punctuation. */
          g_autofree char *one = g_strndup (word, end - word);
          g_autofree char *decoded = g_mime_utils_header_decode_text (parser_options (), one);
          g_string_append (out, decoded ? decoded : one);
        }
      if (end > word)
        last_encoded = encoded;
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

/* Reads pasted text, a message, or the first message of an mbox, as text a person reads: GMime
 * decodes the transfer encodings, charsets and RFC 2047 words. The body is valid UTF-8 with LF
 * line ends; pasted text is the body itself (with its headers, if it has any). */
DhMessageText *
dh_message_text_read (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(DhMessageText) text = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *raw = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > DH_ANALYZER_MAX_INPUT)
    {
      g_set_error (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " bytes; the limit is %d bytes",
                   length, DH_ANALYZER_MAX_INPUT);
      return NULL;
    }

  parser_options ();
  if (data == NULL)
    data = "";
  text = g_new0 (DhMessageText, 1);
  text->format = detect_format (data, length);
  if (text->format == DH_INPUT_TEXT)
    {
      gssize offset = find_embedded_message (data, length, TRUE);
      if (offset > 0)
        {
          data += offset;
          length -= offset;
          text->format = DH_INPUT_MESSAGE;
        }
    }

  body = g_string_new (NULL);
  if (text->format == DH_INPUT_TEXT)
    g_string_append_len (body, data, length);
  else
    {
      g_autoptr(DhMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, length);
      g_autoptr(DhMimeParser) parser = g_mime_parser_new_with_stream (stream);
      g_autoptr(DhMimeMessage) message = NULL;

      g_mime_parser_set_format (parser, text->format == DH_INPUT_MBOX ? GMIME_FORMAT_MBOX
                                                                     : GMIME_FORMAT_MESSAGE);
      message = g_mime_parser_construct_message (parser, parser_options ());
      if (message != NULL)
        {
          GMimeObject *part = g_mime_message_get_mime_part (message);
          GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
          GMimeHeader *header = g_mime_header_list_get_header (headers, "Subject");
          const char *raw = header ? g_mime_header_get_raw_value (header) : NULL;
          GDateTime *date = g_mime_message_get_date (message);

          if (raw != NULL)
            {
              g_autofree char *subject = decode_header_words (raw);
              text->subject = normalize_text (subject, strlen (subject), NULL);
            }
          if (date != NULL)
            {
              const char *value = g_mime_object_get_header (GMIME_OBJECT (message), "Date");
              text->date = g_date_time_ref (date);
              text->date_line = g_strdup_printf ("Date: %s", value ? value : "");
            }
          if (part != NULL)
            collect_text (body, part, 0);
        }
    }

  text->body = normalize_text (body->str, body->len, NULL);
  return g_steal_pointer (&text);
}

void
dh_message_text_free (DhMessageText *text)
{
  if (text == NULL)
    return;
  g_free (text->subject);
  g_clear_pointer (&text->date, g_date_time_unref);
  g_free (text->date_line);
  g_free (text->body);
  g_free (text);
}
