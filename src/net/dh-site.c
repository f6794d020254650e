/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-site.c: the site check: HEAD, then GET, on https and then http, through libsoup. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-site.h"
#include "dh-net-private.h"

void
dh_site_check_free (DhSiteCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->domain);
  g_free (check->url);
  g_free (check);
}

typedef struct {
  SoupSession  *session;
  DhNetOptions *options;
  char         *domain;
  char         *urls[2];    /* https, http */
  guint         index;      /* into urls */
  gboolean      get;        /* this attempt is the GET after a refused HEAD */
  SoupMessage  *message;
  DhDeadline   *deadline;
  GError       *last_error;
} Site;

static void
site_free (gpointer data)
{
  Site *site = data;

  g_clear_object (&site->session);
  g_clear_pointer (&site->options, dh_net_options_free);
  g_free (site->domain);
  g_free (site->urls[0]);
  g_free (site->urls[1]);
  g_clear_object (&site->message);
  g_clear_pointer (&site->deadline, dh_deadline_free);
  g_clear_error (&site->last_error);
  g_free (site);
}

static void site_sent (GObject *source, GAsyncResult *res, gpointer user_data);

static void
site_try (GTask *task)
{
  Site *site = g_task_get_task_data (task);

  if (site->index >= G_N_ELEMENTS (site->urls))
    {
      g_task_return_error (task, g_steal_pointer (&site->last_error));
      g_object_unref (task);
      return;
    }
  g_clear_object (&site->message);
  g_clear_pointer (&site->deadline, dh_deadline_free);
  site->message = soup_message_new (site->get ? SOUP_METHOD_GET : SOUP_METHOD_HEAD, site->urls[site->index]);
  site->deadline = dh_deadline_new (g_task_get_cancellable (task), site->options->site_timeout_ms);
  soup_session_send_async (site->session, site->message, G_PRIORITY_DEFAULT, site->deadline->cancellable,
                           site_sent, task);
}

/* The next attempt: GET after a HEAD that was answered but refused, else the next scheme. */
static void
site_next (GTask    *task,
           gboolean  answered)
{
  Site *site = g_task_get_task_data (task);

  if (answered && !site->get)
    site->get = TRUE;
  else
    {
      site->get = FALSE;
      site->index++;
    }
  site_try (task);
}

static void
site_sent (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  Site *site = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (source), res, &io_error);
  if (stream != NULL)
    /* Only the status matters: the body is not read at all (closing the stream the usual way
     * would read all of it, however large, to keep the connection). */
    dh_net_drop_response (stream);
  url = g_uri_to_string (soup_message_get_uri (site->message));
  host = dh_net_uri_host (url);
  if (stream == NULL)
    {
      g_clear_error (&site->last_error);
      dh_net_set_error_from_io (&site->last_error, io_error, site->deadline, host);
      if (g_error_matches (site->last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&site->last_error));
          g_object_unref (task);
          return;
        }
      site_next (task, FALSE);
      return;
    }
  status = soup_message_get_status (site->message);
  if (status >= 400)
    {
      g_clear_error (&site->last_error);
      dh_net_set_error_from_http (&site->last_error, site->message, host);
      site_next (task, TRUE);
      return;
    }
  {
    DhSiteCheck *check = g_new0 (DhSiteCheck, 1);

    check->domain = g_strdup (site->domain);
    check->url = g_steal_pointer (&url);
    check->status = status;
    g_task_return_pointer (task, check, (GDestroyNotify) dh_site_check_free);
    g_object_unref (task);
  }
}

void
dh_site_check_async (const char         *domain,
                     const DhNetOptions *options,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  GTask *task;
  Site *site;
  g_autofree char *probe = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *ascii = NULL;
  const char *host;
  int port;

  g_return_if_fail (domain != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_site_check_async);
  site = g_new0 (Site, 1);
  g_task_set_task_data (task, site, site_free);
  site->options = options ? dh_net_options_copy (options) : dh_net_options_new ();
  site->domain = g_strstrip (g_strdup (domain));

  /* Read as the authority of a URL: a host, an [IPv6] literal, a port; nothing else. */
  probe = g_strconcat ("http://", site->domain, "/", NULL);
  uri = g_uri_parse (probe, G_URI_FLAGS_NON_DNS, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL || g_strcmp0 (g_uri_get_path (uri), "/") != 0 ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      (ascii = g_hostname_to_ascii (host)) == NULL)
    {
      g_task_return_new_error (task, DH_NET_ERROR, DH_NET_ERROR_INVALID_ADDRESS,
                               /* Translators: %s is what the user typed as a domain. */
                               _("“%s” is not a domain name."), site->domain);
      g_object_unref (task);
      return;
    }
  port = g_uri_get_port (uri);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GUri) built = g_uri_build (G_URI_FLAGS_NONE, i == 0 ? "https" : "http", NULL, ascii, port, "/", NULL, NULL);

      site->urls[i] = g_uri_to_string (built);
    }
  site->session = dh_net_session_new ();
  site_try (task);
}

DhSiteCheck *
dh_site_check_finish (GAsyncResult  *result,
                      GError       **error)
{
  return dh_net_task_propagate_pointer (result, dh_site_check_async, error);
}
