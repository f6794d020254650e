/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-net.c: the error domain, the options, time limits and the HTTP GET that the checks share. */
#include "config.h"

#include <glib/gi18n.h>

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
  "server-error", "http-error", "malformed", "no-registry",
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
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, dh_net_error_to_id (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
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
 * spamhaus-dqs-key, dnsbl-timeout. The caller owns @settings: the window its one GSettings, the
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
}

/* The environment wins over whatever the caller set: DH_RDAP_BASE_URL, DH_RDAP_BOOTSTRAP_URL,
 * DH_RDAP_TIMEOUT_MS, DH_DNSBL_TIMEOUT_MS, DH_DNSBL_ZONE_SUFFIX, DH_SPAMHAUS_DQS_KEY, DH_CACHE_DIR. */
void
dh_net_options_apply_env (DhNetOptions *options)
{
  g_return_if_fail (options != NULL);

  env_string (&options->rdap_base_url, "DH_RDAP_BASE_URL");
  env_string (&options->rdap_bootstrap_url, "DH_RDAP_BOOTSTRAP_URL");
  env_string (&options->cache_dir, "DH_CACHE_DIR");
  env_string (&options->dnsbl_zone_suffix, "DH_DNSBL_ZONE_SUFFIX");
  env_string (&options->spamhaus_dqs_key, "DH_SPAMHAUS_DQS_KEY");
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
  return g_build_filename (g_get_user_cache_dir (), "delist-helper", NULL);
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
    {
      deadline->timer = g_timeout_source_new (timeout_ms);
      g_source_set_callback (deadline->timer, deadline_expired, deadline, NULL);
      g_source_attach (deadline->timer, g_main_context_get_thread_default ());
    }
  return deadline;
}

void
dh_deadline_free (DhDeadline *deadline)
{
  if (deadline == NULL)
    return;
  if (deadline->timer != NULL)
    {
      g_source_destroy (deadline->timer);
      g_source_unref (deadline->timer);
    }
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

/* Turns what libsoup or GIO reported into a DH_NET_ERROR; a cancellation by the caller stays
 * G_IO_ERROR_CANCELLED, one by the time limit becomes DH_NET_ERROR_TIMEOUT. */
void
dh_net_set_error_from_io (GError     **error,
                          GError      *io_error,
                          DhDeadline  *deadline,
                          const char  *host)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !(deadline && deadline->timed_out))
    g_propagate_error (error, g_error_copy (io_error));
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    /* Translators: %s is a server's name. */
    g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_TIMEOUT, _("%s did not answer in time."), host);
  else if (g_error_matches (io_error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    /* Translators: %s is a server's name. */
    g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_NO_SUCH_HOST, _("The server name %s does not exist."), host);
  else
    g_set_error (error, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                 /* Translators: %1$s is a server's name, %2$s the reason from the system. */
                 _("%1$s cannot be reached. Check that this computer is online. (%2$s)"), host, io_error->message);
}

typedef struct {
  SoupMessage *message;
  DhDeadline  *deadline;
  char        *host;
} HttpGet;

static void
http_get_free (gpointer data)
{
  HttpGet *get = data;

  g_clear_object (&get->message);
  g_clear_pointer (&get->deadline, dh_deadline_free);
  g_free (get->host);
  g_free (get);
}

static void
http_get_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HttpGet *get = g_task_get_task_data (task);
  g_autoptr(GError) io_error = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &io_error);
  if (body == NULL)
    {
      dh_net_set_error_from_io (&error, io_error, get->deadline, get->host);
      g_task_return_error (task, error);
      return;
    }
  status = soup_message_get_status (get->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* The host that answered last: after a redirect, that is the one that refused. */
      g_autofree char *uri = g_uri_to_string (soup_message_get_uri (get->message));
      g_autofree char *host = dh_net_uri_host (uri);

      dh_net_set_error_from_http (&error, get->message, host);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

void
dh_net_http_get_async (SoupSession         *session,
                       const char          *uri,
                       const char          *accept,
                       guint                timeout_ms,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (session, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  HttpGet *get;

  g_task_set_source_tag (task, dh_net_http_get_async);
  get = g_new0 (HttpGet, 1);
  g_task_set_task_data (task, get, http_get_free);
  get->host = dh_net_uri_host (uri);

  get->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (get->message == NULL)
    {
      g_task_return_new_error (task, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE,
                               /* Translators: %s is a web address. */
                               _("“%s” is not a web address that can be fetched."), uri);
      return;
    }
  if (accept != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (get->message), "Accept", accept);
  get->deadline = dh_deadline_new (cancellable, timeout_ms);
  soup_session_send_and_read_async (session, get->message, G_PRIORITY_DEFAULT, get->deadline->cancellable,
                                    http_get_done, g_steal_pointer (&task));
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
    *final_uri = body && get->message ? g_uri_to_string (soup_message_get_uri (get->message)) : NULL;
  return body;
}
