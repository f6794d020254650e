/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-net.c: the error domain, the options, time limits and the HTTP GET that the checks share. */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "dh-ip.h"
#include "dh-json.h"
#include "dh-net-private.h"

/* DH_NET_ERROR carries the Retry-After of an HTTP 429 answer. */
typedef struct {
  guint retry_after;
} DhNetErrorPrivate;

static void
dh_net_error_private_init (DhNetErrorPrivate *priv)
{
  priv->retry_after = 0;
}

static void
dh_net_error_private_copy (const DhNetErrorPrivate *src,
                           DhNetErrorPrivate       *dest)
{
  dest->retry_after = src->retry_after;
}

static void
dh_net_error_private_clear (DhNetErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (DhNetError, dh_net_error)

/* Seconds to wait before asking again, from a DH_NET_ERROR_RATE_LIMITED error's Retry-After; 0
 * when the server did not say or for any other error. */
guint
dh_net_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != DH_NET_ERROR)
    return 0;
  return dh_net_error_get_private (error)->retry_after;
}

static const char *error_ids[] = {
  "invalid-address", "unreachable", "no-such-host", "timeout", "not-found", "rate-limited",
  "server-error", "http-error", "malformed", "no-registry", "too-large", "too-many-redirects",
  "redirect-refused",
};

/* A stable id for @error, for JSON and for the GUI to choose its words: one of error_ids,
 * "cancelled", or "error" for anything else. */
const char *
dh_net_error_to_id (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == DH_NET_ERROR && error->code >= 0 && (gsize) error->code < G_N_ELEMENTS (error_ids))
    return error_ids[error->code];
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  return "error";
}

JsonNode *
dh_net_error_to_json (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (error != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "error", dh_net_error_to_id (error));
  dh_json_add_string (builder, "message", error->message);
  if (dh_net_error_get_retry_after (error) > 0)
    {
      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, dh_net_error_get_retry_after (error));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

DhNetOptions *
dh_net_options_new (void)
{
  DhNetOptions *options = g_new0 (DhNetOptions, 1);

  options->rdap_timeout_ms = DH_NET_DEFAULT_RDAP_TIMEOUT_MS;
  options->dnsbl_timeout_ms = DH_NET_DEFAULT_DNSBL_TIMEOUT_MS;
  options->site_timeout_ms = DH_NET_DEFAULT_SITE_TIMEOUT_MS;
  return options;
}

DhNetOptions *
dh_net_options_copy (const DhNetOptions *options)
{
  DhNetOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->rdap_base_url = g_strdup (options->rdap_base_url);
  copy->rdap_bootstrap_url = g_strdup (options->rdap_bootstrap_url);
  copy->cache_dir = g_strdup (options->cache_dir);
  copy->dnsbl_zone_suffix = g_strdup (options->dnsbl_zone_suffix);
  copy->spamhaus_dqs_key = g_strdup (options->spamhaus_dqs_key);
  copy->redirect_allow = g_strdup (options->redirect_allow);
  return copy;
}

void
dh_net_options_free (DhNetOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->rdap_base_url);
  g_free (options->rdap_bootstrap_url);
  g_free (options->cache_dir);
  g_free (options->dnsbl_zone_suffix);
  g_free (options->spamhaus_dqs_key);
  g_free (options->redirect_allow);
  g_free (options);
}

static void
env_string (char       **field,
            const char  *name)
{
  const char *value = g_getenv (name);

  if (value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
env_ms (guint      *field,
        const char *name)
{
  const char *value = g_getenv (name);
  guint64 ms;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &ms, NULL))
    *field = ms;
}

static void
setting_string (GSettings  *settings,
                const char *key,
                char      **field)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  if (*value != '\0')
    {
      g_free (*field);
      *field = g_steal_pointer (&value);
    }
}

/* The application's settings (schema APP_ID) that are set: rdap-base-url, rdap-bootstrap-url,
 * spamhaus-dqs-key, dnsbl-timeout, rdap-timeout, site-timeout. The caller owns @settings: the window its one GSettings, the
 * command line one it makes when the schema is installed. */
void
dh_net_options_apply_settings (DhNetOptions *options,
                               GSettings    *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "dnsbl-timeout"))
    return;
  setting_string (settings, "rdap-base-url", &options->rdap_base_url);
  setting_string (settings, "rdap-bootstrap-url", &options->rdap_bootstrap_url);
  setting_string (settings, "spamhaus-dqs-key", &options->spamhaus_dqs_key);
  options->dnsbl_timeout_ms = g_settings_get_uint (settings, "dnsbl-timeout") * 1000;
  if (g_settings_schema_has_key (schema, "rdap-timeout"))
    options->rdap_timeout_ms = g_settings_get_uint (settings, "rdap-timeout") * 1000;
  if (g_settings_schema_has_key (schema, "site-timeout"))
    options->site_timeout_ms = g_settings_get_uint (settings, "site-timeout") * 1000;
}

/* The environment wins over whatever the caller set: DH_RDAP_BASE_URL, DH_RDAP_BOOTSTRAP_URL,
 * DH_RDAP_TIMEOUT_MS, DH_DNSBL_TIMEOUT_MS, DH_DNSBL_ZONE_SUFFIX, DH_SPAMHAUS_DQS_KEY, DH_CACHE_DIR,
 * DH_REDIRECT_ALLOW. */
void
dh_net_options_apply_env (DhNetOptions *options)
{
  g_return_if_fail (options != NULL);

  env_string (&options->rdap_base_url, "DH_RDAP_BASE_URL");
  env_string (&options->rdap_bootstrap_url, "DH_RDAP_BOOTSTRAP_URL");
  env_string (&options->cache_dir, "DH_CACHE_DIR");
  env_string (&options->dnsbl_zone_suffix, "DH_DNSBL_ZONE_SUFFIX");
  env_string (&options->spamhaus_dqs_key, "DH_SPAMHAUS_DQS_KEY");
  env_string (&options->redirect_allow, "DH_REDIRECT_ALLOW");
  env_ms (&options->rdap_timeout_ms, "DH_RDAP_TIMEOUT_MS");
  env_ms (&options->dnsbl_timeout_ms, "DH_DNSBL_TIMEOUT_MS");
  env_ms (&options->site_timeout_ms, "DH_SITE_TIMEOUT_MS");
}

/* The folder for cached data: options->cache_dir, or $XDG_CACHE_HOME/delist-helper. */
char *
dh_net_options_get_cache_dir (const DhNetOptions *options)
{
  if (options != NULL && options->cache_dir != NULL && *options->cache_dir != '\0')
    return g_strdup (options->cache_dir);
  return g_build_filename (g_get_user_cache_dir (), USER_DIR_NAME, NULL);
}

static gboolean
deadline_expired (gpointer data)
{
  DhDeadline *deadline = data;

  deadline->timed_out = TRUE;
  g_cancellable_cancel (deadline->cancellable);
  g_clear_pointer (&deadline->timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled (GCancellable *outer,
                 gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

GSource *
dh_net_timer_new (guint       timeout_ms,
                  GSourceFunc func,
                  gpointer    data)
{
  GSource *source = g_timeout_source_new (timeout_ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

void
dh_net_timer_clear (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* The timer runs in the thread-default main context of the caller, where the task completes. */
DhDeadline *
dh_deadline_new (GCancellable *outer,
                 guint         timeout_ms)
{
  DhDeadline *deadline = g_new0 (DhDeadline, 1);

  deadline->cancellable = g_cancellable_new ();
  if (outer != NULL)
    {
      deadline->outer = g_object_ref (outer);
      deadline->outer_id = g_cancellable_connect (outer, G_CALLBACK (outer_cancelled),
                                                  g_object_ref (deadline->cancellable), g_object_unref);
    }
  if (timeout_ms > 0)
    deadline->timer = dh_net_timer_new (timeout_ms, deadline_expired, deadline);
  return deadline;
}

void
dh_deadline_free (DhDeadline *deadline)
{
  if (deadline == NULL)
    return;
  dh_net_timer_clear (&deadline->timer);
  if (deadline->outer != NULL)
    {
      g_cancellable_disconnect (deadline->outer, deadline->outer_id);
      g_object_unref (deadline->outer);
    }
  g_clear_object (&deadline->cancellable);
  g_free (deadline);
}

SoupSession *
dh_net_session_new (void)
{
  /* No proxy resolver of our own: libsoup uses the system's (GProxyResolver default). */
  return soup_session_new_with_options ("user-agent", "delist-helper/" PACKAGE_VERSION " ",
                                        "max-conns-per-host", 4,
                                        NULL);
}

/* The host part of @uri, for messages; the whole string when it does not parse. */
char *
dh_net_uri_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup (uri);
  return g_strdup (g_uri_get_host (parsed));
}

static guint
parse_retry_after (const char *value)
{
  guint64 seconds;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return seconds;
  /* Or an HTTP date. */
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();
  return g_date_time_compare (when, now) > 0 ? (guint) (g_date_time_difference (when, now) / G_USEC_PER_SEC) + 1 : 0;
}

/* The error for a finished @message whose status is not 2xx. */
void
dh_net_set_error_from_http (GError     **error,
                            SoupMessage *message,
                            const char  *host)
{
  guint status = soup_message_get_status (message);

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      /* Translators: %s is a server's name, such as rdap.apnic.net. */
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_NOT_FOUND, _("%s has no record for this address (HTTP 404)."), host);
    }
  else if (status == 429 /* Too Many Requests: no name in libsoup 3.2 */)
    {
      const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
      guint retry_after = parse_retry_after (value);
      GError *local_error;

      if (retry_after > 0)
        local_error = g_error_new (DH_NET_ERROR, DH_NET_ERROR_RATE_LIMITED,
                                   /* Translators: %1$s is a server's name, %2$u a number of seconds. */
                                   _("%1$s is refusing more queries for now (HTTP 429). Try again in %2$u seconds."),
                                   host, retry_after);
      else
        local_error = g_error_new (DH_NET_ERROR, DH_NET_ERROR_RATE_LIMITED,
                                   /* Translators: %s is a server's name. */
                                   _("%s is refusing more queries for now (HTTP 429). Try again later."), host);
      dh_net_error_get_private (local_error)->retry_after = retry_after;
      g_propagate_error (error, local_error);
    }
  else if (status >= 500)
    g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_SERVER,
                 /* Translators: %1$s is a server's name, %2$u an HTTP status such as 503. */
                 _("%1$s has a problem of its own (HTTP %2$u). Try again later."), host, status);
  else
    g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_HTTP,
                 /* Translators: %1$s is a server's name, %2$u an HTTP status such as 403. */
                 _("%1$s refused the request (HTTP %2$u)."), host, status);
}

/* A cancellation by the caller stays one; one by the time limit (@deadline may be NULL) is a
 * timeout. */
DhNetFailure
dh_net_failure_from_io (const GError     *io_error,
                        const DhDeadline *deadline)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !(deadline && deadline->timed_out))
    return DH_NET_FAILURE_CANCELLED;
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return DH_NET_FAILURE_TIMEOUT;
  if (g_error_matches (io_error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return DH_NET_FAILURE_NO_SUCH_HOST;
  return DH_NET_FAILURE_UNREACHABLE;
}

/* Turns what libsoup or GIO reported into a DH_NET_ERROR; a cancellation by the caller stays
 * G_IO_ERROR_CANCELLED, one by the time limit becomes DH_NET_ERROR_TIMEOUT. */
void
dh_net_set_error_from_io (GError     **error,
                          GError      *io_error,
                          DhDeadline  *deadline,
                          const char  *host)
{
  switch (dh_net_failure_from_io (io_error, deadline))
    {
    case DH_NET_FAILURE_CANCELLED:
      g_propagate_error (error, g_error_copy (io_error));
      break;
    case DH_NET_FAILURE_TIMEOUT:
      /* Translators: %s is a server's name. */
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TIMEOUT, _("%s did not answer in time."), host);
      break;
    case DH_NET_FAILURE_NO_SUCH_HOST:
      /* Translators: %s is a server's name. */
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_NO_SUCH_HOST, _("The server name %s does not exist."), host);
      break;
    case DH_NET_FAILURE_UNREACHABLE:
    default:
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                   /* Translators: %1$s is a server's name, %2$s the reason from the system. */
                   _("%1$s cannot be reached. Check that this computer is online. (%2$s)"), host, io_error->message);
      break;
    }
}

/* An IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it stands for. */
static GInetAddress *
unmap_ipv4 (GInetAddress *address)
{
  static const guint8 prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 && memcmp (bytes, prefix, sizeof prefix) == 0)
    return g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);
  return g_object_ref (address);
}

/* Whether a redirect may lead to @address by default: an address on the internet, not loopback,
 * private (RFC 1918, unique local, 100.64/10), link-local, unspecified, multicast or
 * documentation. */
gboolean
dh_net_address_is_public (GInetAddress *address)
{
  g_autoptr(GInetAddress) plain = NULL;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  plain = unmap_ipv4 (address);
  return dh_ip_classify (plain) == DH_IP_FLAG_NONE;
}

/* One GET: each hop a message of its own, redirects followed here (not by libsoup) so that each
 * target is checked, and the body read in pieces up to max_bytes. */
typedef struct {
  SoupSession        *session;
  SoupMessage        *message;
  DhDeadline         *deadline;
  char               *host;        /* of the first request, for messages */
  char               *uri;         /* of the current hop */
  char               *accept;
  gboolean            allow_http;  /* the first request was http: its registry uses http */
  guint               n_redirects;
  gsize               max_bytes;
  GPtrArray          *allowed;     /* GInetAddressMask*: options->redirect_allow */
  GInputStream       *stream;
  GByteArray         *body;
  gboolean            proxied;     /* this hop's connection goes through a proxy */
  GInetAddress       *peer;        /* this hop's connected address */
  GError             *refused;     /* why this hop's connection was dropped */
} HttpGet;

static void
http_get_free (gpointer data)
{
  HttpGet *get = data;

  g_clear_object (&get->session);
  if (get->message != NULL)
    g_signal_handlers_disconnect_by_data (get->message, get);
  g_clear_object (&get->message);
  g_clear_pointer (&get->deadline, dh_deadline_free);
  g_free (get->host);
  g_free (get->uri);
  g_free (get->accept);
  g_clear_object (&get->stream);
  g_clear_pointer (&get->body, g_byte_array_unref);
  g_clear_object (&get->peer);
  g_clear_error (&get->refused);
  g_clear_pointer (&get->allowed, g_ptr_array_unref);
  g_free (get);
}

/* Whether a redirect may lead to @address. */
static gboolean
redirect_allowed (HttpGet      *get,
                  GInetAddress *address)
{
  g_autoptr(GInetAddress) plain = unmap_ipv4 (address);

  if (dh_net_address_is_public (plain))
    return TRUE;
  for (guint i = 0; get->allowed && i < get->allowed->len; i++)
    {
      GInetAddressMask *mask = g_ptr_array_index (get->allowed, i);

      if (g_inet_address_mask_get_family (mask) == g_inet_address_get_family (plain) &&
          g_inet_address_mask_matches (mask, plain))
        return TRUE;
    }
  return FALSE;
}

/* Lets go of a response without reading the rest of it: libsoup would otherwise read the whole
 * body to keep the connection, however long it is. The connection is dropped instead. */
static void
drop_stream (GInputStream *stream)
{
  g_autoptr(GCancellable) dropped = g_cancellable_new ();

  g_cancellable_cancel (dropped);
  g_input_stream_close (stream, dropped, NULL);
}

void
dh_net_drop_response (GInputStream *stream)
{
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  drop_stream (stream);
}

static void
set_redirect_refused (GError    **error,
                      const char *host,
                      const char *target)
{
  g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_REDIRECT_REFUSED,
               /* Translators: %1$s is a server's name, %2$s the web address it sent the app to. */
               _("%1$s sent the request on to %2$s, which is not a public https address; it was not followed."),
               host, target);
}

/* Checks the address a redirect's connection reached, once it is known to go straight there
 * (not through a proxy, whose own address says nothing about the target). */
static void
hop_network_event (SoupMessage       *message,
                   GSocketClientEvent event,
                   GIOStream         *connection,
                   gpointer           user_data)
{
  HttpGet *get = user_data;

  if (event == G_SOCKET_CLIENT_CONNECTED && G_IS_SOCKET_CONNECTION (connection))
    {
      g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);

      g_clear_object (&get->peer);
      if (G_IS_INET_SOCKET_ADDRESS (remote))
        get->peer = g_object_ref (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
    }
  else if (event == G_SOCKET_CLIENT_PROXY_NEGOTIATING)
    get->proxied = TRUE;
  else if ((event == G_SOCKET_CLIENT_TLS_HANDSHAKING || event == G_SOCKET_CLIENT_COMPLETE) &&
           !get->proxied && get->peer != NULL && get->refused == NULL &&
           !redirect_allowed (get, get->peer))
    {
      g_autofree char *peer = g_inet_address_to_string (get->peer);
      g_autofree char *host = dh_net_uri_host (get->uri);
      g_autofree char *target = g_strdup_printf ("%s (%s)", host, peer);

      set_redirect_refused (&get->refused, get->host, target);
      g_cancellable_cancel (get->deadline->cancellable);
    }
}

static void http_get_sent (GObject *source, GAsyncResult *result, gpointer user_data);

static void
http_get_send (GTask *task)
{
  HttpGet *get = g_task_get_task_data (task);

  if (get->message != NULL)
    g_signal_handlers_disconnect_by_data (get->message, get);
  g_clear_object (&get->message);
  g_clear_object (&get->peer);
  get->proxied = FALSE;
  get->message = soup_message_new (SOUP_METHOD_GET, get->uri);
  soup_message_add_flags (get->message, SOUP_MESSAGE_NO_REDIRECT);
  if (get->accept != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (get->message), "Accept", get->accept);
  if (get->n_redirects > 0)
    g_signal_connect (get->message, "network-event", G_CALLBACK (hop_network_event), get);
  soup_session_send_async (get->session, get->message, G_PRIORITY_DEFAULT, get->deadline->cancellable,
                           http_get_sent, task);
}

/* Follows the redirect of the current hop, or says why not. */
static gboolean
http_get_redirect (GTask   *task,
                   GError **error)
{
  HttpGet *get = g_task_get_task_data (task);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (get->message), "Location");
  g_autoptr(GUri) target = NULL;
  g_autoptr(GInetAddress) literal = NULL;
  const char *scheme, *host;

  if (location == NULL)
    return FALSE;
  target = g_uri_parse_relative (soup_message_get_uri (get->message), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED,
                   /* Translators: %s is a server's name. */
                   _("%s sent the request on to an address that cannot be read."), get->host);
      return FALSE;
    }
  if (get->n_redirects >= DH_NET_MAX_REDIRECTS)
    {
      g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TOO_MANY_REDIRECTS,
                   /* Translators: %1$s is a server's name, %2$u the most redirects followed (5). */
                   _("%1$s sent the request on more than %2$u times; it was given up."),
                   get->host, DH_NET_MAX_REDIRECTS);
      return FALSE;
    }
  scheme = g_uri_get_scheme (target);
  host = g_uri_get_host (target);
  if (host != NULL)
    literal = g_inet_address_new_from_string (host);
  if (host == NULL || *host == '\0' ||
      !(g_ascii_strcasecmp (scheme, "https") == 0 || (get->allow_http && g_ascii_strcasecmp (scheme, "http") == 0)) ||
      (literal != NULL && !redirect_allowed (get, literal)))
    {
      g_autofree char *text = g_uri_to_string_partial (target, G_URI_HIDE_PASSWORD);

      set_redirect_refused (error, get->host, text);
      return FALSE;
    }
  g_free (get->uri);
  get->uri = g_uri_to_string (target);
  get->n_redirects++;
  return TRUE;
}

static void http_get_read (GObject *source, GAsyncResult *result, gpointer user_data);

static void
http_get_return_error (GTask  *task,
                       GError *error)
{
  HttpGet *get = g_task_get_task_data (task);

  if (get->stream != NULL)
    {
      drop_stream (get->stream);
      g_clear_object (&get->stream);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
set_too_large (GError **error,
               HttpGet *get)
{
  g_autofree char *host = dh_net_uri_host (get->uri);

  g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TOO_LARGE,
               /* Translators: %1$s is a server's name, %2$u a number of kilobytes. */
               _("%1$s answered with more than %2$u KB, far more than such an answer can be; it was not read."),
               host, (guint) (get->max_bytes / 1024));
}

static void
http_get_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  HttpGet *get = g_task_get_task_data (task);
  g_autoptr(GError) io_error = NULL;
  GError *error = NULL;
  guint status;
  goffset length;

  get->stream = soup_session_send_finish (SOUP_SESSION (source), result, &io_error);
  if (get->stream == NULL)
    {
      if (get->refused != NULL)
        error = g_steal_pointer (&get->refused);
      else
        dh_net_set_error_from_io (&error, io_error, get->deadline, get->host);
      http_get_return_error (task, error);
      return;
    }
  status = soup_message_get_status (get->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      drop_stream (get->stream);
      g_clear_object (&get->stream);
      if (http_get_redirect (task, &error))
        {
          http_get_send (task);
          return;
        }
      if (error != NULL)
        {
          http_get_return_error (task, error);
          return;
        }
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* The host that answered last: after a redirect, that is the one that refused. */
      g_autofree char *host = dh_net_uri_host (get->uri);

      dh_net_set_error_from_http (&error, get->message, host);
      http_get_return_error (task, error);
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (get->message));
  if (get->max_bytes > 0 && length > 0 && (guint64) length > get->max_bytes)
    {
      set_too_large (&error, get);
      http_get_return_error (task, error);
      return;
    }
  get->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (get->stream, 64 * 1024, G_PRIORITY_DEFAULT, get->deadline->cancellable,
                                   http_get_read, task);
}

static void
http_get_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  HttpGet *get = g_task_get_task_data (task);
  g_autoptr(GError) io_error = NULL;
  g_autoptr(GBytes) piece = NULL;
  GError *error = NULL;

  piece = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &io_error);
  if (piece == NULL)
    {
      g_autofree char *host = dh_net_uri_host (get->uri);

      dh_net_set_error_from_io (&error, io_error, get->deadline, host);
      http_get_return_error (task, error);
      return;
    }
  if (g_bytes_get_size (piece) > 0)
    {
      if (get->max_bytes > 0 && get->body->len + g_bytes_get_size (piece) > get->max_bytes)
        {
          set_too_large (&error, get);
          http_get_return_error (task, error);
          return;
        }
      g_byte_array_append (get->body, g_bytes_get_data (piece, NULL), g_bytes_get_size (piece));
      g_input_stream_read_bytes_async (get->stream, 64 * 1024, G_PRIORITY_DEFAULT, get->deadline->cancellable,
                                       http_get_read, task);
      return;
    }
  /* The end: the connection is left to libsoup, which may keep it. */
  g_input_stream_close_async (get->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&get->stream);
  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&get->body)), (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

gpointer
dh_net_task_propagate_pointer (GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dh_net_http_get_async (SoupSession         *session,
                       const char          *uri,
                       const char          *accept,
                       const DhNetOptions  *options,
                       guint                timeout_ms,
                       gsize                max_bytes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  g_autoptr(GUri) parsed = NULL;
  HttpGet *get;

  g_task_set_source_tag (task, dh_net_http_get_async);
  get = g_new0 (HttpGet, 1);
  g_task_set_task_data (task, get, http_get_free);
  get->session = g_object_ref (session);
  get->host = dh_net_uri_host (uri);
  get->uri = g_strdup (uri);
  get->accept = g_strdup (accept);
  get->max_bytes = max_bytes;
  if (options && options->redirect_allow && *options->redirect_allow)
    {
      g_auto(GStrv) items = g_strsplit (options->redirect_allow, ",", -1);

      get->allowed = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; items[i]; i++)
        {
          GInetAddressMask *mask = g_inet_address_mask_new_from_string (g_strstrip (items[i]), NULL);

          if (mask != NULL)
            g_ptr_array_add (get->allowed, mask);
        }
    }

  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0' ||
      (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") != 0))
    {
      g_task_return_new_error (task, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                               /* Translators: %s is a web address. */
                               _("“%s” is not a web address that can be fetched."), uri);
      g_object_unref (task);
      return;
    }
  get->allow_http = g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") == 0;
  get->deadline = dh_deadline_new (cancellable, timeout_ms);
  http_get_send (task);
}

GBytes *
dh_net_http_get_finish (GAsyncResult  *result,
                        char         **final_uri,
                        GError       **error)
{
  GTask *task = G_TASK (result);
  HttpGet *get = g_task_get_task_data (task);
  GBytes *body = g_task_propagate_pointer (task, error);

  if (final_uri != NULL)
    *final_uri = body ? g_strdup (get->uri) : NULL;
  return body;
}
