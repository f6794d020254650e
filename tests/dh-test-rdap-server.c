/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-rdap-server.c: the loopback RDAP and web server of the net and cli tests (libsoup). */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "dh-test-rdap-server.h"

struct _DhTestRdapServer {
  SoupServer *server;
  char       *url;
  guint       port;
  guint       n_requests;
  char       *last_accept;
  GPtrArray  *paused;     /* SoupServerMessage* that never get an answer */
  gboolean    endless_root;
};

/* A body that never ends: another chunk each time one has been written. */
static void
endless_chunk (SoupServerMessage *msg,
               gpointer           user_data)
{
  static const char chunk[4096] = { [0 ... 4095] = 'x' };

  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, chunk, sizeof chunk);
}

static void
respond_endless (SoupServerMessage *msg,
                 const char        *type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, type, NULL);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_chunk), NULL);
  endless_chunk (msg, NULL);
}

static void
respond_take (SoupServerMessage *msg,
              const char        *type,
              GString           *text)
{
  gsize length = text->len;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, g_string_free (text, FALSE), length);
}

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

/* The answers of a registry that means harm, under hostile/ (see the header). */
static void
hostile (DhTestRdapServer  *self,
         SoupServerMessage *msg,
         const char        *path)
{
  guint hops;

  if (g_str_has_prefix (path, "big/"))
    {
      /* 2 MB of well-formed JSON, with its length said up front. */
      GString *json = g_string_new ("{\"objectClassName\": \"ip network\", \"remarks\": [");

      while (json->len < 2 * 1024 * 1024)
        g_string_append (json, "{\"description\": [\"line\"]}, ");
      g_string_append (json, "{}]}");
      respond_take (msg, "application/rdap+json", json);
    }
  else if (g_str_has_prefix (path, "endless/"))
    respond_endless (msg, "application/rdap+json");
  else if (g_str_has_prefix (path, "deep/"))
    {
      /* An ip network whose remarks nest 100,000 deep. */
      GString *json = g_string_new ("{\"objectClassName\": \"ip network\", \"remarks\": ");

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (json, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (json, ']');
      g_string_append (json, "}");
      respond_take (msg, "application/rdap+json", json);
    }
  else if (g_str_has_prefix (path, "remark/"))
    {
      /* One remark line of 900 KB with no "@" in its first kilobyte; the address at its end is
       * beyond what the pattern sees. */
      GString *json = g_string_new ("{\"objectClassName\": \"ip network\", \"handle\": \"LONG-REMARK\", "
                                    "\"remarks\": [{\"description\": [\"");

      while (json->len < 900 * 1024)
        g_string_append (json, "abuse.contact.");
      g_string_append (json, " abuse@far.example\", \"Abuse: abuse@near.example\"]}]}");
      respond_take (msg, "application/rdap+json", json);
    }
  else if (sscanf (path, "hops/%u/", &hops) == 1)
    {
      /* @hops redirects, then APNIC's answer. */
      g_autofree char *location = hops > 1
        ? g_strdup_printf ("%shostile/hops/%u/ip/203.0.113.10", self->url, hops - 1)
        : g_strconcat (self->url, "apnic/ip/203.0.113.10", NULL);

      redirect (msg, 302, location);
    }
  else if (g_str_has_prefix (path, "loop/"))
    redirect (msg, 302, "/hostile/loop/ip/203.0.113.10");
  else if (g_str_has_prefix (path, "to-name/"))
    {
      g_autofree char *location = g_strdup_printf ("http://rdap.redirect.test:%u/apnic/ip/203.0.113.10", self->port);

      redirect (msg, 301, location);
    }
  else if (g_str_has_prefix (path, "to-mapped/"))
    {
      g_autofree char *location = g_strdup_printf ("http://[::ffff:127.0.0.1]:%u/apnic/ip/203.0.113.10", self->port);

      redirect (msg, 301, location);
    }
  else if (g_str_has_prefix (path, "to-private/"))
    redirect (msg, 301, "https://192.168.1.1/admin");
  else if (g_str_has_prefix (path, "to-ftp/"))
    redirect (msg, 301, "ftp://rdap.example.net/ip/203.0.113.10");
  else
    respond_text (msg, 404, "text/plain", "Not found");
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

  if (g_str_has_prefix (path, "/hostile/"))
    {
      hostile (self, msg, path + strlen ("/hostile/"));
      return;
    }
  if (g_str_equal (path, "/") && self->endless_root)
    respond_endless (msg, "text/html");
  else if (g_str_equal (path, "/apnic/ip/203.0.113.10"))
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

void
dh_test_rdap_server_set_endless_root (DhTestRdapServer *self,
                                      gboolean          endless)
{
  self->endless_root = endless;
}

const char *
dh_test_rdap_server_get_last_accept (DhTestRdapServer *self)
{
  return self->last_accept;
}
