/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-rdap-server.c: the loopback RDAP and web server of the net and cli tests (libsoup). */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dh-test-rdap-server.h"

struct _DhTestRdapServer {
  SoupServer *server;
  char       *url;
  guint       port;
  guint       n_requests;
  char       *last_accept;
  GPtrArray  *paused;     /* SoupServerMessage* that never get an answer */
};

static void
respond_file (SoupServerMessage *msg,
              guint              status,
              const char        *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "rdap", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/rdap+json", SOUP_MEMORY_COPY, contents, length);
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *type,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, text, strlen (text));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
}

static char *
bootstrap (DhTestRdapServer *self,
           gboolean          ipv6)
{
  if (ipv6)
    return g_strdup_printf ("{\"version\": \"1.0\", \"publication\": \"2026-11-01T00:00:00Z\", "
                            "\"description\": \"RDAP bootstrap file for IPv6 address allocations\", \"services\": ["
                            "[[\"2001:db8::/32\"], [\"%sapnic/\"]]]}", self->url);
  return g_strdup_printf ("{\"version\": \"1.0\", \"publication\": \"2026-11-01T00:00:00Z\", "
                          "\"description\": \"RDAP bootstrap file for IPv4 address allocations\", \"services\": ["
                          "[[\"203.0.112.0/23\", \"192.0.2.0/24\"], [\"%sapnic/\"]], "
                          "[[\"198.51.100.0/24\"], [\"%sarin/\"]]]}", self->url, self->url);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  DhTestRdapServer *self = user_data;
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept");

  self->n_requests++;
  g_free (self->last_accept);
  self->last_accept = g_strdup (accept);

  if (g_str_equal (path, "/apnic/ip/203.0.113.10"))
    respond_file (msg, 200, "apnic-jpnic-203.0.113.10.json");
  else if (g_str_equal (path, "/apnic/ip/2001:db8::25"))
    respond_file (msg, 200, "apnic-2001-db8.json");
  else if (g_str_equal (path, "/arin/ip/198.51.100.7"))
    respond_file (msg, 200, "arin-198.51.100.7.json");
  else if (g_str_equal (path, "/arin/ip/203.0.113.10"))
    {
      g_autofree char *location = g_strconcat (self->url, "apnic/ip/203.0.113.10", NULL);

      redirect (msg, 301, location);
    }
  else if (g_str_has_prefix (path, "/arin/ip/") || g_str_has_prefix (path, "/apnic/ip/"))
    respond_file (msg, 404, "arin-not-found.json");
  else if (g_str_has_prefix (path, "/rate/ip/"))
    {
      respond_text (msg, 429, "application/rdap+json", "{\"errorCode\": 429, \"title\": \"Too Many Requests\"}");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "30");
    }
  else if (g_str_has_prefix (path, "/down/ip/"))
    respond_text (msg, 503, "text/html", "<html><body>Service Unavailable</body></html>");
  else if (g_str_has_prefix (path, "/broken/ip/"))
    respond_text (msg, 200, "application/rdap+json", "{\"objectClassName\": \"ip network\", \"handle\": \"203.0.1");
  else if (g_str_has_prefix (path, "/slow/ip/"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (self->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/bootstrap/ipv4.json") || g_str_equal (path, "/bootstrap/ipv6.json"))
    {
      g_autofree char *json = bootstrap (self, g_str_has_suffix (path, "ipv6.json"));

      respond_text (msg, 200, "application/json", json);
    }
  else if (g_str_has_prefix (path, "/bootstrap-broken/"))
    respond_text (msg, 200, "application/json", "<html>Not here</html>");
  else if (g_str_equal (path, "/"))
    redirect (msg, 302, "/home");
  else if (g_str_equal (path, "/home"))
    respond_text (msg, 200, "text/html", "<html><body>Example Hosting</body></html>");
  else
    respond_text (msg, 404, "text/plain", "Not found");
}

DhTestRdapServer *
dh_test_rdap_server_new (void)
{
  DhTestRdapServer *self = g_new0 (DhTestRdapServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->paused = g_ptr_array_new_with_free_func (g_object_unref);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->port = g_uri_get_port (uris->data);
  self->url = g_strdup_printf ("http://127.0.0.1:%u/", self->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
dh_test_rdap_server_free (DhTestRdapServer *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->paused, g_ptr_array_unref);
  g_free (self->url);
  g_free (self->last_accept);
  g_free (self);
}

const char *
dh_test_rdap_server_get_url (DhTestRdapServer *self)
{
  return self->url;
}

char *
dh_test_rdap_server_get_authority (DhTestRdapServer *self)
{
  return g_strdup_printf ("127.0.0.1:%u", self->port);
}

guint
dh_test_rdap_server_get_n_requests (DhTestRdapServer *self)
{
  return self->n_requests;
}

const char *
dh_test_rdap_server_get_last_accept (DhTestRdapServer *self)
{
  return self->last_accept;
}
