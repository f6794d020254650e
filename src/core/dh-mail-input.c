/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-mail-input.c: input format detection, GMime parsing, the MIME walk of a bounce, part
 * text and HTML to text, embedded and returned messages. */
#include "config.h"

#include "dh-analyzer-private.h"
#include "dh-formats.h"

#include <string.h>

/* The converters kept open for the process's life (see below); volatile, since stores that are
 * never read back would otherwise be optimised away, and the descriptors reported as leaked. */
static iconv_t volatile kept_converters[8];

/* One set of parser options for every parse: Japanese fallback charsets, loose RFC 2047. */
GMimeParserOptions *
dh_mail_parser_options (void)
{
  static const char *fallback[] = { "utf-8", "iso-2022-jp", "shift_jis", "euc-jp", "windows-1252", NULL };
  G_STATIC_ASSERT (G_N_ELEMENTS (fallback) <= G_N_ELEMENTS (kept_converters));
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
       * kept for the life of the process (in a static, so that it is not a leak), keeps the
       * modules loaded. */
      for (guint i = 1; fallback[i]; i++)
        kept_converters[i] = g_mime_iconv_open ("UTF-8", fallback[i]);
      g_once_init_leave (&initialized, 1);
    }
  return options;
}

/* ------------------------------------------------------------------------------------------ */
/* MIME (GMime) */

/* A part's content as UTF-8, with its length: GMime undoes the transfer encoding and converts
 * the declared charset (ISO-2022-JP, Shift_JIS, EUC-JP ...), or else tries its fallback charsets.
 * A NUL byte becomes a space, as any other unprintable byte is kept: it must not end the text. */
char *
dh_mail_part_text (Context   *ctx,
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

  bytes = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (bytes);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  if (GMIME_IS_TEXT_PART (part) &&
      (charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset")) != NULL &&
      g_ascii_strcasecmp (charset, "us-ascii") != 0 && g_ascii_strcasecmp (charset, "utf-8") != 0)
    {
      g_autoptr(DhMimeFilter) filter = g_mime_filter_charset_new (charset, "utf-8");

      if (filter != NULL)
        {
          g_autoptr(DhMimeStream) filtered = g_mime_stream_filter_new (stream);

          g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), filter);
          g_mime_data_wrapper_write_to_stream (content, filtered);
          g_mime_stream_flush (filtered);
        }
    }
  if (bytes->len == 0)
    g_mime_data_wrapper_write_to_stream (content, stream);

  for (guint i = 0; i < bytes->len; i++)
    if (bytes->data[i] == '\0')
      bytes->data[i] = ' ';
  if (g_utf8_validate_len ((const char *) bytes->data, bytes->len, NULL))
    {
      *length = bytes->len;
      return g_strndup ((const char *) bytes->data, bytes->len);
    }
  /* No or a wrong charset label: let GMime try its fallback charsets (UTF-8, ISO-2022-JP, ...). */
  text = g_mime_utils_decode_8bit (dh_mail_parser_options (), (const char *) bytes->data, bytes->len);
  *length = text ? strlen (text) : 0;
  return text;
}

/* The next @c at or after @p, found with one memchr per call at most: @cache remembers the last
 * hit (or @end when there is none), so that a scan over many '<' stays linear. */
static const char *
next_char (const char  *p,
           const char  *end,
           char         c,
           const char **cache)
{
  if (*cache == NULL || (*cache < p && *cache != end))
    {
      const char *hit = memchr (p, c, end - p);
      *cache = hit ? hit : end;
    }
  return *cache == end ? NULL : *cache;
}

/* The next "-->" at or after @p, cached like next_char (). */
static const char *
next_comment_end (const char  *p,
                  const char  *end,
                  const char **cache)
{
  if (*cache == NULL || (*cache < p && *cache != end))
    {
      const char *hit = g_strstr_len (p, end - p, "-->");
      *cache = hit ? hit : end;
    }
  return *cache == end ? NULL : *cache;
}

/* TRUE when the tag name from @name to @end is one of @names. */
static gboolean
tag_is (const char         *name,
        const char         *end,
        const char * const *names)
{
  for (const char * const *n = names; *n; n++)
    if ((gsize) (end - name) == strlen (*n) && g_ascii_strncasecmp (name, *n, end - name) == 0)
      return TRUE;
  return FALSE;
}

/* Turns an HTML NDR body into lines of text; only for bodies without a text/plain alternative.
 * One pass over the markup (the next '>' and "-->" are remembered, so crafted markup such as
 * "<!--" many times over stays linear): line-breaking tags become line ends, other tags and
 * comments go, the common entities are decoded. With @cells, the end of a table cell becomes a
 * tab, so that the cells of one row stay apart. */
char *
dh_html_to_text (const char *html,
                 gsize       length,
                 gboolean    cells)
{
  static const char * const breaks[] = { "br", "/p", "/div", "/tr", "/li", "/h1", "/h2", "/h3", "/h4",
                                         "/h5", "/h6", "p", "div", "tr", NULL };
  static const char * const cell_ends[] = { "/td", "/th", NULL };
  static const struct { const char *name; char c; } entities[] = {
    { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' }, { "&apos;", '\'' },
    { "&nbsp;", ' ' }, { "&amp;", '&' },
  };
  g_autofree char *valid = NULL;
  GString *out;
  const char *p, *end;
  const char *gt = NULL, *comment_end = NULL;

  /* Valid UTF-8 in, valid UTF-8 out: a part without a charset label may not be. */
  if (!g_utf8_validate_len (html, length, NULL))
    {
      html = valid = g_utf8_make_valid (html, length);
      length = strlen (valid);
    }
  out = g_string_sized_new (length / 2 + 16);
  p = html;
  end = html + length;
  while (p < end)
    {
      const char *close;

      if (*p == '&')
        {
          guint i;
          for (i = 0; i < G_N_ELEMENTS (entities); i++)
            if ((gsize) (end - p) >= strlen (entities[i].name) &&
                strncmp (p, entities[i].name, strlen (entities[i].name)) == 0)
              break;
          if (i < G_N_ELEMENTS (entities))
            {
              g_string_append_c (out, entities[i].c);
              p += strlen (entities[i].name);
              continue;
            }
        }
      if (*p != '<')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (end - p >= 4 && strncmp (p, "<!--", 4) == 0 &&
          (close = next_comment_end (p + 4, end, &comment_end)) != NULL && close - p <= 4000)
        {
          p = close + 3;
          continue;
        }
      close = next_char (p + 1, end, '>', &gt);
      if (close == NULL || close - p - 1 > 2000)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      {
        const char *name = p + 1;
        const char *name_end = name;

        if (name_end < close && *name_end == '/')
          name_end++;
        while (name_end < close && g_ascii_isalnum (*name_end))
          name_end++;
        if (tag_is (name, name_end, breaks) && close - name_end <= 200)
          {
            g_string_append_c (out, '\n');
            /* "<br>\n#550 ...": the source's own line end after a break is only layout, not
             * a blank line that would split the recipient from its reason. */
            while (close + 1 < end && (close[1] == '\n' || close[1] == '\r' || close[1] == ' ' || close[1] == '\t'))
              close++;
          }
        else if (cells && tag_is (name, name_end, cell_ends))
          g_string_append_c (out, '\t');
      }
      p = close + 1;
    }
  return g_string_free (out, FALSE);
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

  gboolean envelope = priority != SENDER_AUTHOR;

  if (value == NULL ||
      (priority <= scan->sender_priority && !(envelope && priority > scan->envelope_priority)))
    return;
  list = internet_address_list_parse (dh_mail_parser_options (), value);
  if (list != NULL && internet_address_list_length (list) > 0)
    {
      InternetAddress *ia = internet_address_list_get_address (list, 0);
      if (INTERNET_ADDRESS_IS_MAILBOX (ia))
        address = dh_scan_take_address (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia)));
    }
  g_clear_object (&list);
  if (address == NULL)
    address = dh_scan_take_address (value);
  if (address != NULL && envelope)
    dh_scan_set_envelope (scan, address, priority);
  if (address != NULL && priority > scan->sender_priority)
    {
      g_autofree char *decoded = g_mime_utils_header_decode_text (dh_mail_parser_options (), value);
      g_autofree char *line = g_strdup_printf ("%s: %s", name, decoded ? decoded : value);
      dh_scan_set_sender (scan, address, line, priority);
    }
}

/* The returned original's To: when it names exactly one mailbox: the recipient of a bounce that
 * names none itself (MDaemon, Google Groups). */
static void
original_to_from_header (Scan       *scan,
                         const char *value)
{
  InternetAddressList *list;

  if (value == NULL || scan->original_to != NULL)
    return;
  list = internet_address_list_parse (dh_mail_parser_options (), value);
  if (list != NULL && internet_address_list_length (list) == 1 &&
      INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
    scan->original_to = dh_scan_take_address (internet_address_mailbox_get_addr (
      INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0))));
  g_clear_object (&list);
}

static void
read_original_headers (Scan        *scan,
                       GMimeObject *original)
{
  sender_from_header (scan, "Return-Path", g_mime_object_get_header (original, "Return-Path"), SENDER_ORIGINAL);
  sender_from_header (scan, "From", g_mime_object_get_header (original, "From"), SENDER_AUTHOR);
  original_to_from_header (scan, g_mime_object_get_header (original, "To"));
}

/* A returned message's header block as text (text/rfc822-headers, or after an MTA's marker):
 * only Return-Path and From matter, so the block is unfolded here and the addresses parsed by
 * GMime, without building a whole message. */
void
dh_mail_read_headers_text (Scan       *scan,
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
                {
                  gboolean from = g_ascii_strcasecmp (name, "From") == 0;
                  sender_from_header (scan, from ? "From" : "Return-Path", value,
                                      from ? SENDER_AUTHOR : SENDER_ORIGINAL);
                }
              else if (g_ascii_strcasecmp (name, "To") == 0)
                original_to_from_header (scan, value);
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

/* TRUE when @value (a header value or a subject), in lower case, contains one of @phrases (lower
 * case); with @at_start, only when it starts with one (after blanks). */
static gboolean
find_phrase (const char *value,
             GStrv       phrases,
             gboolean    at_start)
{
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;
  lower = g_utf8_casefold (at_start ? value + strspn (value, " \t") : value, -1);
  for (guint i = 0; phrases[i] != NULL; i++)
    if (at_start ? g_str_has_prefix (lower, phrases[i]) : strstr (lower, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_phrase (const char *value,
            GStrv       phrases)
{
  return find_phrase (value, phrases, FALSE);
}

static gboolean
has_prefix (const char *value,
            GStrv       prefixes)
{
  return find_phrase (value, prefixes, TRUE);
}

/* What a message is when it holds no bounce (the not_bounces kinds of tests/samples/README.md):
 * an ARF report, an RFC 8098 read receipt, an RFC 3834 auto-reply or vacation notice, or plain. */
static const char *
not_bounce_kind (Scan         *scan,
                 GMimeMessage *message)
{
  const DhFormats *formats = dh_formats_get ();
  GMimeObject *object = GMIME_OBJECT (message);
  const char *subject = g_mime_message_get_subject (message);
  const char *auto_submitted = g_mime_object_get_header (object, "Auto-Submitted");
  const char *precedence = g_mime_object_get_header (object, "Precedence");

  if (scan->is_feedback)
    return "feedback-report";
  if (scan->is_read_receipt || has_prefix (subject, formats->read_receipt_subject_prefixes))
    return "read-receipt";
  if ((auto_submitted && g_ascii_strncasecmp (auto_submitted + strspn (auto_submitted, " \t"), "auto-replied", 12) == 0) ||
      g_mime_object_get_header (object, "X-Autoreply") != NULL ||
      g_mime_object_get_header (object, "X-Autorespond") != NULL ||
      (precedence && g_ascii_strncasecmp (precedence, "auto_reply", 10) == 0) ||
      has_phrase (subject, formats->auto_reply_subjects) ||
      has_phrase (g_mime_object_get_header (object, "X-Mailer"), formats->auto_reply_mailers))
    return "auto-reply";
  return "plain";
}

/* TRUE when the message's From, Subject or Content-Type show a bounce (formats.json). */
static gboolean
headers_show_bounce (GMimeMessage *message)
{
  GStrv signs = dh_formats_get ()->bounce_header_signs;
  GMimeObject *object = GMIME_OBJECT (message);
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimeContentType *type = body ? g_mime_object_get_content_type (body) : NULL;
  g_autofree char *content_type = type ? g_mime_content_type_get_mime_type (type) : NULL;

  return has_phrase (g_mime_object_get_header (object, "From"), signs) ||
         has_phrase (g_mime_message_get_subject (message), signs) ||
         has_phrase (content_type, signs);
}

/* A forwarded message inside the one being read: read as a bounce of its own, at most
 * MAX_EMBEDDED_DEPTH deep (deeper ones are not walked). */
static void
analyze_embedded (Context      *ctx,
                  GMimeMessage *message,
                  guint         index)
{
  if (ctx->depth >= MAX_EMBEDDED_DEPTH)
    return;
  ctx->depth++;
  dh_mail_analyze_message (ctx, message, index);
  ctx->depth--;
}

static void
walk (Context    *ctx,
      Scan       *scan,
      GMimeObject *object,
      gboolean    in_report)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);

  if (g_cancellable_is_cancelled (ctx->cancellable))
    return;

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
          if (report_type && g_ascii_strcasecmp (report_type, "disposition-notification") == 0)
            {
              scan->is_read_receipt = TRUE;
              return;
            }
          if (report_type && g_ascii_strcasecmp (report_type, "delivery-status") == 0)
            scan->is_bounce = TRUE;
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
        {
          /* MDaemon and others attach the returned original to a multipart/mixed */
          original_to_from_header (scan, g_mime_object_get_header (GMIME_OBJECT (inner), "To"));
          analyze_embedded (ctx, inner, scan->index);  /* a forwarded bounce */
        }
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
          if ((text = dh_mail_part_text (ctx, GMIME_PART (object), &length)) != NULL)
            dh_scan_text (scan, text, length, ROLE_DSN);
          return;
        }
      if (g_mime_content_type_is_type (type, "message", "feedback-report"))
        {
          scan->is_feedback = TRUE;
          return;
        }
      if (g_mime_content_type_is_type (type, "text", "rfc822-headers"))
        {
          if ((text = dh_mail_part_text (ctx, GMIME_PART (object), &length)) != NULL)
            dh_mail_read_headers_text (scan, text, length);
          return;
        }
      if (g_mime_content_type_is_type (type, "message", "rfc822") ||
          g_mime_content_type_is_type (type, "message", "global"))
        {
          /* An undecoded message part (e.g. base64-encoded): parse it here. */
          g_autoptr(DhMimeParser) parser = NULL;
          g_autoptr(DhMimeMessage) inner = NULL;

          if (!in_report && ctx->depth >= MAX_EMBEDDED_DEPTH)
            return;
          if ((text = dh_mail_part_text (ctx, GMIME_PART (object), &length)) == NULL)
            return;
          parser = dh_mail_parser_new (text, length, FALSE);
          inner = g_mime_parser_construct_message (parser, dh_mail_parser_options ());
          if (inner == NULL)
            return;
          if (in_report)
            read_original_headers (scan, GMIME_OBJECT (inner));
          else
            analyze_embedded (ctx, inner, scan->index);
          return;
        }
      if (g_mime_content_type_is_type (type, "text", "*") &&
          !(disposition && g_ascii_strcasecmp (disposition, "attachment") == 0 &&
            !g_mime_content_type_is_type (type, "text", "plain")))
        {
          if ((text = dh_mail_part_text (ctx, GMIME_PART (object), &length)) == NULL)
            return;
          if (g_mime_content_type_is_type (type, "text", "html"))
            {
              g_autofree char *plain = dh_html_to_text (text, length, FALSE);
              dh_scan_text (scan, plain, strlen (plain), ROLE_BODY);
            }
          else
            dh_scan_text (scan, text, length, ROLE_BODY);
        }
    }
}

void
dh_mail_analyze_message (Context      *ctx,
                         GMimeMessage *message,
                         guint         index)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  InternetAddressList *list;
  GDateTime *date;
  Scan scan;

  dh_scan_init (&scan, ctx->rules, index);
  scan.cancellable = ctx->cancellable;

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
          g_autofree char *address = dh_scan_take_address (value ? value : "");
          g_autofree char *line = g_strdup_printf ("%s: %s", name, value ? value : "");
          dh_scan_set_sender (&scan, address, line, SENDER_DSN);
        }
    }

  /* A bounce from "Mail Delivery System <MAILER-DAEMON@host>" names the reporting host. */
  list = g_mime_message_get_from (message);
  if (list && internet_address_list_length (list) > 0 &&
      INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
    {
      const char *addr = internet_address_mailbox_get_addr (
        INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0)));
      if (addr && (dh_scan_has_prefix_ci (addr, "mailer-daemon@") || dh_scan_has_prefix_ci (addr, "postmaster@")))
        {
          g_autofree char *host = dh_scan_take_host (strchr (addr, '@') + 1);
          g_autofree char *line = g_strdup_printf ("From: %s", g_mime_object_get_header (GMIME_OBJECT (message), "From"));
          dh_scan_set_reporting (&scan, host, line, 1);
        }
    }

  /* "Warning: message ... delayed 24 hours": a delay warning, whatever its body says. */
  scan.delay_notice = has_phrase (g_mime_message_get_subject (message), dh_formats_get ()->delay_subjects);
  /* MAILER-DAEMON with "Undelivered Mail Returned to Sender": a bounce even if unread. */
  scan.subject = g_strdup (g_mime_message_get_subject (message));
  scan.is_bounce = has_phrase (g_mime_object_get_header (GMIME_OBJECT (message), "From"), dh_formats_get ()->bounce_senders) &&
                   has_phrase (scan.subject, dh_formats_get ()->bounce_subjects);

  /* The bounce goes back to the user: its To: is the sender, when nothing better names it. */
  sender_from_header (&scan, "To", g_mime_object_get_header (GMIME_OBJECT (message), "To"), SENDER_OUTER_TO);

  if (body)
    walk (ctx, &scan, body, FALSE);
  if (ctx->depth == 0)
    {
      ctx->kind = not_bounce_kind (&scan, message);
      /* vacation(1) answering "Re: could not be delivered" with "550 5.1.1" in its text is
       * still an auto-reply: one whose headers show no bounce gives no report. */
      if (g_strcmp0 (ctx->kind, "auto-reply") == 0 && !headers_show_bounce (message))
        g_ptr_array_set_size (scan.events, 0);
    }

  dh_scan_finish (&scan, ctx->analysis);
  dh_scan_clear (&scan);
}

/* ------------------------------------------------------------------------------------------ */
/* Nesting before GMime */

/* The boundary parameter of a Content-Type value, or NULL. */
static char *
boundary_of (const char *value)
{
  const char *p = value;

  while ((p = dh_scan_find_ci (p, strlen (p), "boundary=")) != NULL)
    {
      if (p == value || p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t')
        {
          const char *start = p + 9, *end;

          if (*start == '"')
            {
              start++;
              end = strchr (start, '"');
            }
          else
            end = start + strcspn (start, "; \t");
          if (end != NULL && end > start)
            return g_strndup (start, end - start);
          return NULL;
        }
      p += 9;
    }
  return NULL;
}

/* TRUE when the line @line (@len bytes, no line end) is "--@boundary" (@is_end FALSE) or
 * "--@boundary--" (@is_end TRUE), optionally followed by white space, as GMime's parser says. */
static gboolean
is_boundary_line (const char *line,
                  gsize       len,
                  const char *boundary,
                  gboolean   *is_end)
{
  gsize blen = strlen (boundary);
  gsize i;

  if (len < 2 + blen || strncmp (line + 2, boundary, blen) != 0)
    return FALSE;
  i = 2 + blen;
  *is_end = (len >= i + 2 && line[i] == '-' && line[i + 1] == '-');
  if (*is_end)
    i += 2;
  for (; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

/* GMime's parser recurses on each multipart and message/rfc822 part inside another, so a message
 * nested 100,000 deep overflows its stack. This pass follows the nesting as GMime will (header
 * blocks, Content-Type, boundaries, mbox "From " lines) in one linear pass, and drops what lies
 * deeper than MAX_MIME_NESTING: those parts reach GMime empty. Returns the text to parse, or NULL
 * when nothing is dropped (the usual case: no copy). */
char *
dh_mail_limit_nesting (const char *data,
                       gsize       length,
                       gboolean    mbox,
                       gsize      *out_length)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free); /* boundary, or NULL for a message */
  g_autoptr(GString) content_type = g_string_new (NULL);
  GString *out = NULL;
  const char *p = data, *end = data + length;
  gboolean in_headers = TRUE, in_content_type = FALSE;
  guint cut = 0;   /* when > 0: the nesting level whose contents are being dropped */

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *next = nl ? nl + 1 : end;
      gsize len = (nl ? nl : end) - p;
      gboolean keep = (cut == 0);

      if (len > 0 && p[len - 1] == '\r')
        len--;

      if (mbox && len >= 5 && strncmp (p, "From ", 5) == 0)
        {
          g_ptr_array_set_size (stack, 0);
          in_headers = TRUE;
          in_content_type = FALSE;
          g_string_truncate (content_type, 0);
          cut = 0;
          keep = TRUE;
        }
      else if (len >= 2 && p[0] == '-' && p[1] == '-' && (!in_headers || cut > 0))
        {
          for (guint k = stack->len; k > 0; k--)
            {
              const char *boundary = g_ptr_array_index (stack, k - 1);
              gboolean is_end;

              if (boundary == NULL || (cut > 0 && k > cut) || !is_boundary_line (p, len, boundary, &is_end))
                continue;
              g_ptr_array_set_size (stack, is_end ? k - 1 : k);
              in_headers = !is_end;
              in_content_type = FALSE;
              g_string_truncate (content_type, 0);
              cut = 0;
              keep = TRUE;
              break;
            }
        }
      else if (in_headers && cut == 0)
        {
          if (len == 0)
            {
              g_autofree char *boundary = NULL;
              const char *value = content_type->str + strspn (content_type->str, " \t");
              gboolean multipart = g_ascii_strncasecmp (value, "multipart/", 10) == 0;
              gboolean message = g_ascii_strncasecmp (value, "message/rfc822", 14) == 0 ||
                                 g_ascii_strncasecmp (value, "message/global", 14) == 0;

              if (multipart)
                boundary = boundary_of (value);
              in_headers = FALSE;
              if ((multipart && boundary != NULL) || message)
                {
                  if (stack->len >= MAX_MIME_NESTING)
                    cut = stack->len;
                  else
                    {
                      g_ptr_array_add (stack, g_steal_pointer (&boundary));
                      in_headers = message;
                    }
                }
              in_content_type = FALSE;
              g_string_truncate (content_type, 0);
            }
          else if ((p[0] == ' ' || p[0] == '\t') && in_content_type)
            {
              if (content_type->len < 1024)
                g_string_append_len (content_type, p, MIN (len, 1024));
            }
          else if (len >= 13 && g_ascii_strncasecmp (p, "Content-Type:", 13) == 0)
            {
              g_string_truncate (content_type, 0);
              g_string_append_len (content_type, p + 13, MIN (len - 13, 1024));
              in_content_type = TRUE;
            }
          else
            in_content_type = FALSE;
        }

      if (!keep && out == NULL)
        {
          out = g_string_sized_new (p - data + 1024);
          g_string_append_len (out, data, p - data);
        }
      else if (keep && out != NULL)
        g_string_append_len (out, p, next - p);
      p = next;
    }

  if (out == NULL)
    return NULL;
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* Old Mac mail exports end lines with a bare CR, which GMime and the format detection do not
 * take as a line end: a copy with each bare CR turned into LF (same length), or NULL when
 * there is none. CRLF is left as it is. */
char *
dh_mail_bare_cr_to_lf (const char *data,
                       gsize       length)
{
  const char *p = data ? memchr (data, '\r', length) : NULL;
  char *copy = NULL;

  while (p != NULL)
    {
      gsize i = p - data;

      if (!(i + 1 < length && data[i + 1] == '\n'))
        {
          if (copy == NULL)
            copy = g_memdup2 (data, length);
          copy[i] = '\n';
        }
      if (i + 1 >= length)
        break;
      p = memchr (p + 1, '\r', length - i - 1);
    }
  return copy;
}

/* A GMime parser over @data (a message, or an mbox), with the nesting cut to what GMime's parser
 * can take (dh_mail_limit_nesting ()). */
GMimeParser *
dh_mail_parser_new (const char *data,
                    gsize       length,
                    gboolean    mbox)
{
  gsize limited_length = 0;
  char *limited = dh_mail_limit_nesting (data, length, mbox, &limited_length);
  g_autoptr(DhMimeStream) stream = NULL;
  GMimeParser *parser;

  if (limited != NULL)
    stream = g_mime_stream_mem_new_with_byte_array (g_byte_array_new_take ((guint8 *) limited, limited_length));
  else
    stream = g_mime_stream_mem_new_with_buffer (data, length);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  return parser;
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

DhInputFormat
dh_mail_detect_format (const char *data,
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
  GStrv signs = dh_formats_get ()->bounce_header_signs;
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
  for (guint i = 0; signs[i] != NULL; i++)
    if (strstr (lower, signs[i]) != NULL)
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

/* The format of @data; a text with a whole message pasted after it (see find_embedded_message ())
 * is read from that message on: *@data and *@length then point at it, a DH_INPUT_MESSAGE. */
DhInputFormat
dh_mail_detect_input (const char **data,
                      gsize       *length,
                      gboolean     any_message)
{
  DhInputFormat format = dh_mail_detect_format (*data, *length);
  gssize offset;

  if (format != DH_INPUT_TEXT)
    return format;
  offset = find_embedded_message (*data, *length, any_message);
  if (offset <= 0)
    return format;
  *data += offset;
  *length -= offset;
  return DH_INPUT_MESSAGE;
}


/* What every reader of an input does first: refuses an input over DH_ANALYZER_MAX_INPUT, sets
 * GMime up, and turns bare CRs into LF. On success *@data is the text to read (a copy kept in
 * *@copy when one was made, never NULL); FALSE with DH_ANALYZER_ERROR_TOO_LARGE. */
gboolean
dh_mail_prepare_input (const char **data,
                       gsize        length,
                       char       **copy,
                       GError     **error)
{
  if (length > DH_ANALYZER_MAX_INPUT)
    {
      g_set_error (error, DH_ANALYZER_ERROR, DH_ANALYZER_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " bytes; the limit is %d bytes",
                   length, DH_ANALYZER_MAX_INPUT);
      return FALSE;
    }
  dh_mail_parser_options ();
  *copy = dh_mail_bare_cr_to_lf (*data, length);
  if (*copy != NULL)
    *data = *copy;
  if (*data == NULL)
    *data = "";
  return TRUE;
}
