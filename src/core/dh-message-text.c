/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-message-text.c: a message as a person reads it (dh_message_text_read ()), for texts
 * that are not bounces. */
#include "config.h"

#include "dh-analyzer-private.h"

#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* The readable text of a message (for replies, which are not bounces) */

static void
collect_text (GString     *out,
              GMimeObject *object,
              guint        depth);

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
          g_autoptr(DhMimeParser) parser = NULL;
          g_autoptr(DhMimeMessage) inner = NULL;

          if ((text = dh_mail_part_text (NULL, GMIME_PART (object), &length)) == NULL)
            return;
          parser = dh_mail_parser_new (text, length, FALSE);
          inner = g_mime_parser_construct_message (parser, dh_mail_parser_options ());
          if (inner != NULL)
            collect_message (out, inner, depth);
          return;
        }
      if (!g_mime_content_type_is_type (type, "text", "*") ||
          (disposition && g_ascii_strcasecmp (disposition, "attachment") == 0 &&
           !g_mime_content_type_is_type (type, "text", "plain")))
        return;
      if ((text = dh_mail_part_text (NULL, GMIME_PART (object), &length)) == NULL)
        return;
      if (out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
      if (g_mime_content_type_is_type (type, "text", "html"))
        {
          g_autofree char *plain = NULL;

          /* Microsoft's replies put the result and the address in cells of one row: keep them
           * apart ("Conditionally mitigated 203.0.113.45", not "...mitigated203.0.113.45"). */
          plain = dh_html_to_text (text, length, TRUE);
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
          g_autofree char *decoded = g_mime_utils_header_decode_text (dh_mail_parser_options (), one);
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
  g_autofree char *lf = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *raw = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!dh_mail_prepare_input (&data, length, &lf, error))
    return NULL;
  text = g_new0 (DhMessageText, 1);
  text->format = dh_mail_detect_input (&data, &length, TRUE);

  body = g_string_new (NULL);
  if (text->format == DH_INPUT_TEXT)
    g_string_append_len (body, data, length);
  else
    {
      g_autoptr(DhMimeParser) parser = dh_mail_parser_new (data, length, text->format == DH_INPUT_MBOX);
      g_autoptr(DhMimeMessage) message = NULL;

      message = g_mime_parser_construct_message (parser, dh_mail_parser_options ());
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
              text->subject = dh_normalize_text (subject, strlen (subject), NULL);
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

  text->body = dh_normalize_text (body->str, body->len, NULL);
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

