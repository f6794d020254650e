/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-json-events.c: sending services' event notifications in JSON (SendGrid, Mailgun, Amazon SES)
 * read into the scanner's events, with the member names of data/formats.json "json_events". */
#include "config.h"

#include "dh-analyzer-private.h"
#include "dh-formats.h"
#include "dh-ip.h"
#include "dh-json.h"

#include <string.h>

/* The value at @path (member names joined by dots) under @object, as a new string: a string, a
 * number, or an array's first element. NULL when absent or empty. */
static char *
resolve (JsonObject *object,
         const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, ".", 8);
  JsonNode *node = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (object == NULL || (node = json_object_get_member (object, names[i])) == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      node = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *value = json_node_get_string (node);
        return (value && *value) ? g_strndup (value, MAX_DIAGNOSTIC) : NULL;
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (node));
    default:
      return NULL;
    }
}

/* The first of @paths found in the innermost object of @chain, else in the objects around it
 * (or only in the innermost one when @own). @line gets "path: value". */
static char *
lookup (GPtrArray  *chain,
        GStrv       paths,
        gboolean    own,
        char      **line)
{
  for (guint i = chain->len; i > 0; i--)
    {
      for (guint k = 0; paths[k] != NULL; k++)
        {
          char *value = resolve (g_ptr_array_index (chain, i - 1), paths[k]);

          if (value != NULL)
            {
              if (line)
                *line = g_strdup_printf ("\"%s\": \"%s\"", paths[k], value);
              return value;
            }
        }
      if (own)
        break;
    }
  return NULL;
}

/* The mailbox of "Name <a@b>" (parsed by GMime), or a bare address. */
static char *
address_of (const char *value)
{
  InternetAddressList *list = internet_address_list_parse (dh_mail_parser_options (), value);
  char *address = NULL;

  if (list != NULL && internet_address_list_length (list) > 0 &&
      INTERNET_ADDRESS_IS_MAILBOX (internet_address_list_get_address (list, 0)))
    address = dh_scan_take_address (internet_address_mailbox_get_addr (
      INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (list, 0))));
  g_clear_object (&list);
  return address ? address : dh_scan_take_address (value);
}

/* "smtp; 553 5.7.1 ..." and "dns; host" without their type. */
static const char *
skip_type (const char *value)
{
  const char *semi = strchr (value, ';');

  if (semi && semi - value < 12)
    value = semi + 1;
  while (*value == ' ')
    value++;
  return value;
}

static gboolean
in_list (const char *value,
         GStrv       list)
{
  g_autofree char *down = value ? g_ascii_strdown (value, -1) : NULL;

  return down != NULL && g_strv_contains ((const char * const *) list, down);
}

/* One event from the innermost object of @chain when it names a recipient and a reason and is
 * not a delivery, an open or a click. TRUE when the object is about a recipient at all. */
static gboolean
read_event (Scan      *scan,
            GPtrArray *chain)
{
  const DhJsonEventFields *fields = &dh_formats_get ()->json_events;
  g_autofree char *recipient = NULL, *recipient_line = NULL, *address = NULL;
  g_autofree char *diagnostic = NULL, *diagnostic_line = NULL, *code = NULL;
  g_autofree char *value = NULL, *line = NULL;
  gboolean delayed = FALSE;
  Event *event;

  if ((recipient = lookup (chain, fields->recipient, TRUE, &recipient_line)) == NULL ||
      (address = dh_scan_take_address (recipient)) == NULL)
    return FALSE;
  /* From here on it is an event about a recipient: counted even if it is no failure. */
  if ((diagnostic = lookup (chain, fields->diagnostic, FALSE, &diagnostic_line)) == NULL)
    return TRUE;
  for (guint k = 0; fields->event_fields[k] != NULL; k++)
    {
      g_autofree char *name = NULL;
      g_auto(GStrv) one = g_strdupv ((char *[]) { fields->event_fields[k], NULL });

      name = lookup (chain, one, FALSE, NULL);
      if (in_list (name, fields->not_failures))
        return TRUE;
      delayed = delayed || in_list (name, fields->delayed);
    }
  if ((event = dh_scan_new_event (scan)) == NULL)
    return TRUE;

  event->recipient = g_steal_pointer (&address);
  event->recipient_line = g_steal_pointer (&recipient_line);
  {
    const char *text = skip_type (diagnostic);
    g_autofree char *with_code = NULL;

    /* Mailgun states the reply code apart: "code": 550, "message": "Ip frequency limited." */
    code = lookup (chain, fields->reply_code, FALSE, NULL);
    if (code && strlen (code) == 3 && code[0] >= '2' && code[0] <= '5' && !dh_scan_starts_with_reply (text))
      text = with_code = g_strdup_printf ("%s %s", code, text);
    dh_scan_event_set_diagnostic (event, text, diagnostic_line);
  }
  if ((value = lookup (chain, fields->status, FALSE, NULL)) != NULL &&
      value[0] >= '2' && value[0] <= '5' && value[1] == '.')
    dh_scan_fill_str (&event->status, value);
  g_clear_pointer (&value, g_free);
  if ((value = lookup (chain, fields->action, FALSE, NULL)) != NULL)
    event->action = g_ascii_strdown (value, -1);
  else if (delayed)
    event->action = g_strdup ("delayed");
  g_clear_pointer (&value, g_free);
  if ((value = lookup (chain, fields->remote_host, FALSE, &line)) != NULL &&
      (event->remote_host = dh_scan_take_host (skip_type (value))) != NULL)
    event->remote_host_line = g_steal_pointer (&line);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&line, g_free);
  if ((value = lookup (chain, fields->remote_ip, FALSE, NULL)) != NULL)
    event->remote_ip = dh_ip_normalize (value);
  g_clear_pointer (&value, g_free);
  if ((value = lookup (chain, fields->sending_ip, FALSE, &line)) != NULL &&
      (event->sending_ip = dh_ip_normalize (value)) != NULL)
    event->sending_ip_line = g_steal_pointer (&line);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&line, g_free);

  if ((value = lookup (chain, fields->sender, FALSE, &line)) != NULL)
    {
      g_autofree char *sender = address_of (value);
      dh_scan_set_sender (scan, sender, line, SENDER_AUTHOR);
    }
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&line, g_free);
  if ((value = lookup (chain, fields->envelope_sender, FALSE, NULL)) != NULL)
    {
      g_autofree char *envelope = dh_scan_take_address (value);
      dh_scan_set_envelope (scan, envelope, SENDER_DSN);
    }
  g_clear_pointer (&value, g_free);
  if ((value = lookup (chain, fields->reporting_host, FALSE, &line)) != NULL)
    {
      g_autofree char *host = dh_scan_take_host (skip_type (value));
      dh_scan_set_reporting (scan, host, line, 3);
    }
  return TRUE;
}

static guint read_document (Scan *scan, const char *text, gsize length, guint nesting);

static guint
walk (Scan      *scan,
      JsonNode  *node,
      GPtrArray *chain,
      guint      nesting)
{
  guint found = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && scan->events->len < MAX_EVENTS; i++)
        found += walk (scan, json_array_get_element (array, i), chain, nesting);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      g_ptr_array_add (chain, object);
      if (read_event (scan, chain))
        found++;
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member) && scan->events->len < MAX_EVENTS)
        {
          /* An SNS envelope carries the notification as a JSON string in "Message". */
          if (nesting == 0 && JSON_NODE_HOLDS_VALUE (member) &&
              json_node_get_value_type (member) == G_TYPE_STRING && strcmp (name, "Message") == 0)
            {
              const char *inner = json_node_get_string (member);
              found += read_document (scan, inner, strlen (inner), nesting + 1);
            }
          else if (!JSON_NODE_HOLDS_VALUE (member))
            found += walk (scan, member, chain, nesting);
        }
      g_ptr_array_remove_index (chain, chain->len - 1);
    }
  return found;
}

/* Where the JSON value starting at @text ('{' or '[') ends, or 0 when it does not. */
static gsize
value_end (const char *text,
           gsize       length)
{
  DhJsonScan scan = { FALSE, FALSE };
  gsize depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      int step = dh_json_scan_byte (&scan, text[i]);

      if (step > 0)
        depth++;
      else if (step < 0 && --depth == 0)
        return i + 1;
    }
  return 0;
}

static guint
read_document (Scan       *scan,
               const char *text,
               gsize       length,
               guint       nesting)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  gsize skip = 0, end;

  while (skip < length && g_ascii_isspace (text[skip]))
    skip++;
  if (skip >= length || (text[skip] != '{' && text[skip] != '['))
    return 0;
  if ((end = value_end (text + skip, length - skip)) == 0 ||
      (root = dh_json_parse_untrusted (text + skip, end, NULL)) == NULL)
    return 0;
  chain = g_ptr_array_new ();
  return walk (scan, root, chain, nesting);
}

/* Reads @text as a JSON event notification when it starts with one (after white space): TRUE
 * when it holds events about recipients (failures become the scanner's events; deliveries, opens
 * and clicks none), and then the text after it is not worth reading. */
gboolean
dh_scan_json_events (Scan       *scan,
                     const char *text,
                     gsize       length)
{
  return read_document (scan, text, length, 0) > 0;
}
