/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-net.c: the online checks against a loopback RDAP server and a GResolver test double. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dh-cli.h"
#include "dh-dnsbl.h"
#include "dh-fake-resolver.h"
#include "dh-ip-check.h"
#include "dh-rdap.h"
#include "dh-rdns.h"
#include "dh-site.h"
#include "dh-test-rdap-server.h"

typedef struct {
  DhTestRdapServer *server;
  DhFakeResolver   *resolver;
  DhNetOptions     *options;
  char             *cache_dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = dh_test_rdap_server_new ();
  fixture->resolver = dh_fake_resolver_new ();
  g_resolver_set_default (G_RESOLVER (fixture->resolver));
  /* Every block list answers its RFC 5782 test entry, as on a working network. */
  dh_fake_resolver_add_test_entries (fixture->resolver, NULL, NULL);
  fixture->options = dh_net_options_new ();
  /* The loopback server may redirect to itself; the default, which refuses, is tested below. */
  fixture->options->redirect_allow = g_strdup ("127.0.0.1");
  fixture->cache_dir = g_build_filename (g_get_user_cache_dir (), "delist-helper-test", NULL);
  fixture->options->cache_dir = g_strdup (fixture->cache_dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *v4 = g_build_filename (fixture->cache_dir, "rdap-bootstrap-ipv4.json", NULL);
  g_autofree char *v6 = g_build_filename (fixture->cache_dir, "rdap-bootstrap-ipv6.json", NULL);

  g_unlink (v4);
  g_unlink (v6);
  g_rmdir (fixture->cache_dir);
  g_free (fixture->cache_dir);
  dh_net_options_free (fixture->options);
  dh_test_rdap_server_free (fixture->server);
  g_object_unref (fixture->resolver);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
use_base (Fixture    *fixture,
          const char *path)
{
  g_free (fixture->options->rdap_base_url);
  fixture->options->rdap_base_url = g_strconcat (dh_test_rdap_server_get_url (fixture->server), path, NULL);
}

static DhRdapResult *
rdap (Fixture    *fixture,
      const char *ip,
      GError    **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  g_autoptr(GAsyncResult) result = NULL;

  dh_rdap_lookup_async (address, fixture->options, NULL, got_result, &result);
  return dh_rdap_lookup_finish (wait_for (&result), error);
}

/* RDAP */

static void
test_rdap_jpnic (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;

  use_base (fixture, "apnic/");
  owner = rdap (fixture, "203.0.113.10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->name, ==, "EXAMPLE-HOSTING-NET");
  g_assert_cmpstr (owner->organisation, ==, "Example Hosting K.K.");
  g_assert_cmpstr (owner->country, ==, "JP");
  g_assert_cmpuint (g_strv_length (owner->cidrs), ==, 1);
  g_assert_cmpstr (owner->cidrs[0], ==, "203.0.112.0/23");
  /* JPNIC's own address is the abuse entity; the provider's is only in the remarks, and wins. */
  g_assert_true (owner->jpnic);
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@example-hosting.jp");
  g_assert_cmpstr (owner->abuse_email_source, ==, "remarks");
  g_assert_cmpstr (owner->registry_abuse_email, ==, "hostmaster@nic.ad.jp");
  g_assert_true (g_str_has_suffix (owner->url, "/apnic/ip/203.0.113.10"));
  /* The registry is asked for RDAP's own media type. */
  g_assert_nonnull (strstr (dh_test_rdap_server_get_last_accept (fixture->server), "application/rdap+json"));
}

static void
test_rdap_arin (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  use_base (fixture, "arin/");
  owner = rdap (fixture, "198.51.100.7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->name, ==, "EXAMPLE-HOSTING-US");
  g_assert_cmpstr (owner->handle, ==, "NET-198-51-100-0-1");
  /* ARIN: the registrant is the organisation, the abuse contact is nested inside it. */
  g_assert_cmpstr (owner->organisation, ==, "Example Hosting Co.");
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@example-hosting.com");
  g_assert_cmpstr (owner->abuse_email_source, ==, "entity");
  g_assert_null (owner->registry_abuse_email);
  g_assert_false (owner->jpnic);
  g_assert_cmpstr (owner->cidrs[0], ==, "198.51.100.0/24");

  json = dh_rdap_result_to_json (owner);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "organisation"), ==, "Example Hosting Co.");
  g_assert_cmpstr (json_object_get_string_member (object, "abuse_email"), ==, "abuse@example-hosting.com");
  g_assert_true (json_object_get_null_member (object, "country"));
}

static void
test_rdap_redirect (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;

  /* ARIN answers for APNIC's space with a redirect; the answer is APNIC's. */
  use_base (fixture, "arin/");
  owner = rdap (fixture, "203.0.113.10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->organisation, ==, "Example Hosting K.K.");
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@example-hosting.jp");
  g_assert_true (g_str_has_suffix (owner->registry_url, "/arin/"));
  g_assert_true (g_str_has_suffix (owner->url, "/apnic/ip/203.0.113.10"));
}

static void
test_rdap_ipv6 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;

  use_base (fixture, "apnic/");
  owner = rdap (fixture, "2001:db8::25", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->organisation, ==, "Example Networks Pty Ltd");
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@example.net.au");
  g_assert_cmpstr (owner->country, ==, "AU");
  /* No cidr0: the prefix is worked out from the first and last address. */
  g_assert_cmpstr (owner->cidrs[0], ==, "2001:db8::/32");
}

static void
test_rdap_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *base;      /* relative to the server, or absolute */
    const char *ip;
    int         code;
    const char *message;   /* a part of what the user reads */
  } cases[] = {
    { "arin/", "192.0.2.1", DH_NET_ERROR_NOT_FOUND, "no record for this address" },
    { "rate/", "192.0.2.1", DH_NET_ERROR_RATE_LIMITED, "Try again in 30 seconds" },
    { "down/", "192.0.2.1", DH_NET_ERROR_SERVER, "HTTP 503" },
    { "broken/", "192.0.2.1", DH_NET_ERROR_MALFORMED, "cannot be read" },
    /* Nothing listens on port 1 of the loopback address. */
    { "http://127.0.0.1:1/", "192.0.2.1", DH_NET_ERROR_UNREACHABLE, "cannot be reached" },
    /* The test resolver knows no rdap.invalid. */
    { "http://rdap.invalid/", "192.0.2.1", DH_NET_ERROR_NO_SUCH_HOST, "rdap.invalid does not exist" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhRdapResult) owner = NULL;
      g_autoptr(JsonNode) json = NULL;

      g_test_message ("%s", cases[i].base);
      if (g_str_has_prefix (cases[i].base, "http"))
        {
          g_free (fixture->options->rdap_base_url);
          fixture->options->rdap_base_url = g_strdup (cases[i].base);
        }
      else
        use_base (fixture, cases[i].base);
      owner = rdap (fixture, cases[i].ip, &error);
      g_assert_null (owner);
      g_assert_error (error, DH_NET_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      json = dh_net_error_to_json (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "message"), ==, error->message);
      if (cases[i].code == DH_NET_ERROR_RATE_LIMITED)
        {
          g_assert_cmpuint (dh_net_error_get_retry_after (error), ==, 30);
          g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "retry_after"), ==, 30);
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "error"), ==, "rate-limited");
        }
    }
}

static void
test_rdap_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;
  gint64 start = g_get_monotonic_time ();

  use_base (fixture, "slow/");
  fixture->options->rdap_timeout_ms = 300;
  owner = rdap (fixture, "192.0.2.1", &error);
  g_assert_null (owner);
  g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_rdap_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;
  gint64 start = g_get_monotonic_time ();

  use_base (fixture, "slow/");
  dh_rdap_lookup_async (address, fixture->options, cancellable, got_result, &result);
  g_timeout_add (100, cancel_cb, cancellable);
  owner = dh_rdap_lookup_finish (wait_for (&result), &error);
  g_assert_null (owner);
  /* A cancellation is the caller's, not a time-out. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

/* Answers no real registry gives: each is refused with its own message, promptly. */
static void
test_rdap_hostile_answers (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *path;
    int         code;
    const char *message;
  } cases[] = {
    { "hostile/big/", DH_NET_ERROR_TOO_LARGE, "more than 1024 KB" },
    { "hostile/endless/", DH_NET_ERROR_TOO_LARGE, "more than 1024 KB" },
    /* json-glib would recurse 100,000 deep and crash. */
    { "hostile/deep/", DH_NET_ERROR_MALFORMED, "cannot be read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhRdapResult) owner = NULL;

      g_test_message ("%s", cases[i].path);
      use_base (fixture, cases[i].path);
      owner = rdap (fixture, "203.0.113.10", &error);
      g_assert_null (owner);
      g_assert_error (error, DH_NET_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* A remark line of 900 KB: the e-mail pattern sees only its first kilobyte, the reading happens
 * beside the main loop, and the address on the next, ordinary line is found. */
static void
test_rdap_long_remark (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;
  guint ticks = 0, timer;

  use_base (fixture, "hostile/remark/");
  timer = g_idle_add (count_tick, &ticks);
  dh_rdap_lookup_async (address, fixture->options, NULL, got_result, &result);
  owner = dh_rdap_lookup_finish (wait_for (&result), &error);
  g_source_remove (timer);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->handle, ==, "LONG-REMARK");
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@near.example");
  /* The main loop went on while the answer was read. */
  g_assert_cmpuint (ticks, >, 0);
}

static void
test_rdap_redirect_policy (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *path;
    gboolean    allow_loopback;
    int         code;          /* -1: followed */
    const char *message;
  } cases[] = {
    /* Five redirects are followed; a sixth is "too many", in words of its own. */
    { "hostile/hops/5/", TRUE, -1, NULL },
    { "hostile/hops/6/", TRUE, DH_NET_ERROR_TOO_MANY_REDIRECTS, "more than 5 times" },
    { "hostile/loop/", TRUE, DH_NET_ERROR_TOO_MANY_REDIRECTS, "more than 5 times" },
    /* By default, no redirect leads to this computer or a private network: not to a loopback
     * address, not by a name that resolves to one, not as an IPv4-mapped IPv6 address. */
    { "arin/", FALSE, DH_NET_ERROR_REDIRECT_REFUSED, "not a public https address" },
    { "hostile/to-name/", FALSE, DH_NET_ERROR_REDIRECT_REFUSED, "not a public https address" },
    { "hostile/to-mapped/", FALSE, DH_NET_ERROR_REDIRECT_REFUSED, "not a public https address" },
    { "hostile/to-private/", TRUE, DH_NET_ERROR_REDIRECT_REFUSED, "192.168.1.1" },
    { "hostile/to-ftp/", TRUE, DH_NET_ERROR_REDIRECT_REFUSED, "ftp://" },
    /* Allowed explicitly, the same redirects are followed. */
    { "hostile/to-name/", TRUE, -1, NULL },
    { "hostile/to-mapped/", TRUE, -1, NULL },
  };

  dh_fake_resolver_add_address (fixture->resolver, "rdap.redirect.test", "127.0.0.1");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DhRdapResult) owner = NULL;
      guint before = dh_test_rdap_server_get_n_requests (fixture->server);

      g_test_message ("%s %s", cases[i].path, cases[i].allow_loopback ? "loopback allowed" : "default");
      g_free (fixture->options->redirect_allow);
      fixture->options->redirect_allow = cases[i].allow_loopback ? g_strdup ("127.0.0.1") : NULL;
      use_base (fixture, cases[i].path);
      owner = rdap (fixture, "203.0.113.10", &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (owner->organisation, ==, "Example Hosting K.K.");
          continue;
        }
      g_assert_null (owner);
      g_assert_error (error, DH_NET_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (strstr (error->message, "online"));
      if (!cases[i].allow_loopback)
        /* The refused target got no request. */
        g_assert_cmpuint (dh_test_rdap_server_get_n_requests (fixture->server), ==, before + 1);
    }
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
    g_autoptr(GInetAddress) mapped = g_inet_address_new_from_string ("::ffff:10.1.2.3");
    g_autoptr(GInetAddress) shared = g_inet_address_new_from_string ("100.64.0.1");
    g_autoptr(GInetAddress) link_local = g_inet_address_new_from_string ("fe80::1");
    g_autoptr(GInetAddress) public = g_inet_address_new_from_string ("192.41.192.40");

    g_assert_false (dh_net_address_is_public (loopback));
    g_assert_false (dh_net_address_is_public (mapped));
    g_assert_false (dh_net_address_is_public (shared));
    g_assert_false (dh_net_address_is_public (link_local));
    g_assert_true (dh_net_address_is_public (public));
  }
}

#define NETWORK(members) \
  "{\"objectClassName\": \"ip network\", \"handle\": \"203.0.113.0 - 203.0.113.127\", " \
  "\"startAddress\": \"203.0.113.0\", \"endAddress\": \"203.0.113.127\", " members "}"
#define ABUSE(email) \
  "{\"objectClassName\": \"entity\", \"roles\": [\"abuse\"], \"vcardArray\": [\"vcard\", [" \
  "[\"version\", {}, \"text\", \"4.0\"], [\"email\", {}, \"text\", \"" email "\"]]]}"

static void
test_rdap_parse (void)
{
  static const struct {
    const char *json;
    const char *abuse;     /* NULL: an error */
    const char *source;
    gboolean    jpnic;
  } cases[] = {
    /* JPNIC's own whois, no abuse entity: the address in the remarks. */
    { NETWORK ("\"port43\": \"whois.nic.ad.jp\", \"remarks\": [{\"description\": "
               "[\"Example Provider\", \"Abuse reports: abuse@provider.example.jp\"]}]"),
      "abuse@provider.example.jp", "remarks", TRUE },
    /* The provider's own abuse entity is kept over an unrelated address in the remarks. */
    { NETWORK ("\"port43\": \"whois.nic.ad.jp\", \"entities\": [" ABUSE ("abuse@provider.example.jp") "], "
               "\"remarks\": [{\"description\": [\"Contact: noc@provider.example.jp\"]}]"),
      "abuse@provider.example.jp", "entity", TRUE },
    /* JPNIC as the abuse entity, and no address in the remarks: JPNIC's is all there is. */
    { NETWORK ("\"port43\": \"whois.apnic.net\", \"entities\": [" ABUSE ("hostmaster@nic.ad.jp") "]"),
      "hostmaster@nic.ad.jp", "entity", TRUE },
    /* Not a network, not an object, not JSON. */
    { "{\"objectClassName\": \"entity\", \"handle\": \"X\"}", NULL, NULL, FALSE },
    { "[1, 2, 3]", NULL, NULL, FALSE },
    { "<html>Rate limited</html>", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(DhRdapResult) owner = dh_rdap_result_new_from_json ("203.0.113.10", bytes, &error);

      g_test_message ("%s", cases[i].json);
      if (cases[i].abuse == NULL)
        {
          g_assert_null (owner);
          g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (owner->abuse_email, ==, cases[i].abuse);
      g_assert_cmpstr (owner->abuse_email_source, ==, cases[i].source);
      g_assert_cmpint (owner->jpnic, ==, cases[i].jpnic);
      /* 203.0.113.0 - 203.0.113.127 is one prefix. */
      g_assert_cmpstr (owner->cidrs[0], ==, "203.0.113.0/25");
    }
}

static void
test_rdap_bootstrap (void)
{
  static const struct {
    const char *ip;
    const char *registry;
  } cases[] = {
    { "203.0.113.10", "https://rdap.apnic.net/" },
    { "1.1.1.1", "https://rdap.apnic.net/" },
    { "133.242.0.1", "https://rdap.apnic.net/" },
    { "198.51.100.7", "https://rdap.arin.net/registry/" },
    { "8.8.8.8", "https://rdap.arin.net/registry/" },
    { "193.0.6.139", "https://rdap.db.ripe.net/" },
    { "200.3.14.10", "https://rdap.lacnic.net/rdap/" },
    { "41.0.0.1", "https://rdap.afrinic.net/rdap/" },
    { "2400:cb00::1", "https://rdap.apnic.net/" },
    { "2001:200::1", "https://rdap.apnic.net/" },
    { "2600::1", "https://rdap.arin.net/registry/" },
    { "2a00:1450::1", "https://rdap.db.ripe.net/" },
    { "2800:3f0::1", "https://rdap.lacnic.net/rdap/" },
    { "2c0f:f248::1", "https://rdap.afrinic.net/rdap/" },
    { "10.0.0.1", NULL },
    /* 2001:db8::/32 (documentation) lies inside APNIC's 2001:c00::/23, as in IANA's file. */
    { "2001:db8::1", "https://rdap.apnic.net/" },
    { "fd00::1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cases[i].ip);
      g_autoptr(GBytes) data = dh_rdap_bootstrap_load (NULL, g_inet_address_get_family (address));
      g_autoptr(GError) error = NULL;
      g_autofree char *base = dh_rdap_bootstrap_find (data, address, &error);

      g_test_message ("%s", cases[i].ip);
      g_assert_cmpstr (base, ==, cases[i].registry);
      if (cases[i].registry == NULL)
        g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_NO_REGISTRY);
    }
}

/* Dates the refreshed IPv4 bootstrap file @age ago (negative: ahead), as if written then. */
static void
set_bootstrap_age (Fixture   *fixture,
                   GTimeSpan  age)
{
  g_autofree char *path = g_build_filename (fixture->cache_dir, "rdap-bootstrap-ipv4.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint64 when = (guint64) ((g_get_real_time () - age) / G_USEC_PER_SEC);

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, when, G_FILE_QUERY_INFO_NONE,
                               NULL, &error);
  g_assert_no_error (error);
}

static void
test_rdap_refresh (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = NULL;
  g_autoptr(GBytes) bootstrap = NULL;
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("198.51.100.7");
  g_autofree char *base = NULL;

  /* A broken download leaves the cache alone. */
  fixture->options->rdap_bootstrap_url = g_strconcat (dh_test_rdap_server_get_url (fixture->server), "bootstrap-broken/", NULL);
  dh_rdap_bootstrap_refresh_async (fixture->options, NULL, got_result, &result);
  g_assert_false (dh_rdap_bootstrap_refresh_finish (wait_for (&result), &error));
  g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_MALFORMED);
  g_clear_error (&error);
  g_clear_object (&result);
  bootstrap = dh_rdap_bootstrap_load (fixture->options, G_SOCKET_FAMILY_IPV4);
  base = dh_rdap_bootstrap_find (bootstrap, address, NULL);
  g_assert_cmpstr (base, ==, "https://rdap.arin.net/registry/");
  g_clear_pointer (&bootstrap, g_bytes_unref);
  g_clear_pointer (&base, g_free);

  /* So does an answer far larger than a list of registries. */
  g_free (fixture->options->rdap_bootstrap_url);
  fixture->options->rdap_bootstrap_url = g_strconcat (dh_test_rdap_server_get_url (fixture->server), "hostile/big/", NULL);
  dh_rdap_bootstrap_refresh_async (fixture->options, NULL, got_result, &result);
  g_assert_false (dh_rdap_bootstrap_refresh_finish (wait_for (&result), &error));
  g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_object (&result);

  g_free (fixture->options->rdap_bootstrap_url);
  fixture->options->rdap_bootstrap_url = g_strconcat (dh_test_rdap_server_get_url (fixture->server), "bootstrap/", NULL);
  g_assert_null (dh_rdap_bootstrap_get_cache_time (fixture->options));
  g_assert_true (dh_rdap_bootstrap_is_stale (fixture->options));
  dh_rdap_bootstrap_refresh_async (fixture->options, NULL, got_result, &result);
  g_assert_true (dh_rdap_bootstrap_refresh_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) written = dh_rdap_bootstrap_get_cache_time (fixture->options);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_nonnull (written);
    g_assert_cmpint (g_date_time_difference (now, written), <, 60 * G_TIME_SPAN_SECOND);
  }
  /* Fresh now; stale once it is as old as DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS, or dated ahead. */
  g_assert_false (dh_rdap_bootstrap_is_stale (fixture->options));
  set_bootstrap_age (fixture, (DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS - 1) * G_TIME_SPAN_DAY);
  g_assert_false (dh_rdap_bootstrap_is_stale (fixture->options));
  set_bootstrap_age (fixture, DH_RDAP_BOOTSTRAP_MAX_AGE_DAYS * G_TIME_SPAN_DAY + G_TIME_SPAN_MINUTE);
  g_assert_true (dh_rdap_bootstrap_is_stale (fixture->options));
  set_bootstrap_age (fixture, -G_TIME_SPAN_DAY);
  g_assert_true (dh_rdap_bootstrap_is_stale (fixture->options));

  /* The refreshed copy in the cache now decides, and names the loopback registries. */
  bootstrap = dh_rdap_bootstrap_load (fixture->options, G_SOCKET_FAMILY_IPV4);
  base = dh_rdap_bootstrap_find (bootstrap, address, NULL);
  g_assert_true (g_str_has_prefix (base, dh_test_rdap_server_get_url (fixture->server)));
  owner = rdap (fixture, "198.51.100.7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->organisation, ==, "Example Hosting Co.");
  g_clear_pointer (&owner, dh_rdap_result_free);
  owner = rdap (fixture, "2001:db8::25", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->abuse_email, ==, "abuse@example.net.au");
}

/* DNS block lists */

static DhDnsblReport *
dnsbl (Fixture    *fixture,
       const char *ip)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DhDnsblReport *report;

  dh_dnsbl_check_async (address, NULL, fixture->options, NULL, got_result, &result);
  report = dh_dnsbl_check_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return report;
}

static const DhDnsblResult *
find_zone (DhDnsblReport *report,
           const char    *zone)
{
  for (guint i = 0; i < report->results->len; i++)
    {
      const DhDnsblResult *result = g_ptr_array_index (report->results, i);

      if (g_str_equal (result->zone->zone, zone))
        return result;
    }
  g_assert_not_reached ();
}

static void
test_query_name (void)
{
  g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string ("192.0.2.10");
  g_autoptr(GInetAddress) v6 = g_inet_address_new_from_string ("2001:db8::1");
  g_autofree char *name4 = dh_dnsbl_query_name (v4, "zen.spamhaus.org");
  g_autofree char *name6 = dh_dnsbl_query_name (v6, "zen.spamhaus.org");

  g_assert_cmpstr (name4, ==, "10.2.0.192.zen.spamhaus.org");
  g_assert_cmpstr (name6, ==, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org");
}

static void
test_dnsbl_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  const DhDnsblResult *result;

  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.zen.spamhaus.org", "127.0.0.2");
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.zen.spamhaus.org", "127.0.0.10");
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.dnsbl-3.uceprotect.net", "127.0.0.2");
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.b.barracudacentral.org", "127.0.0.99");
  dh_fake_resolver_set_failing (fixture->resolver, ".psbl.surriel.com");

  report = dnsbl (fixture, "203.0.113.10");
  /* Every IP zone, and not Spamhaus DBL, which lists domains. */
  g_assert_cmpuint (report->results->len, ==, 8);

  result = find_zone (report, "zen.spamhaus.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_LISTED);
  g_assert_cmpstr (result->listing_ids[0], ==, "spamhaus-sbl");
  g_assert_cmpstr (result->listing_ids[1], ==, "spamhaus-pbl");
  g_assert_null (result->listing_ids[2]);
  g_assert_cmpstr (result->list->url, ==, "https://check.spamhaus.org/");

  result = find_zone (report, "dnsbl-3.uceprotect.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_LISTED);
  g_assert_cmpstr (result->listing_ids[0], ==, "uceprotect-3");
  result = find_zone (report, "dnsbl-1.uceprotect.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_NOT_LISTED);

  result = find_zone (report, "bl.spamcop.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_NOT_LISTED);
  result = find_zone (report, "bl.mailspike.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_NOT_LISTED);

  /* A code Barracuda does not document is not "listed". */
  result = find_zone (report, "b.barracudacentral.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_UNKNOWN_ANSWER);
  g_assert_cmpstr (result->detail, ==, "127.0.0.99");

  result = find_zone (report, "psbl.surriel.com");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_RESOLVER_ERROR);

  g_assert_cmpuint (dh_dnsbl_report_count (report, DH_DNSBL_STATUS_LISTED), ==, 2);
  json = dh_dnsbl_report_to_json (report);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "listed"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "unchecked"), ==, 2);
}

static void
test_dnsbl_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  const DhDnsblResult *result;

  /* Spamhaus through a public resolver: every name answers 127.255.255.254. */
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.zen.spamhaus.org", "127.255.255.254");
  dh_fake_resolver_add_address (fixture->resolver, "1.0.0.127.zen.spamhaus.org", "127.255.255.254");
  report = dnsbl (fixture, "203.0.113.10");
  result = find_zone (report, "zen.spamhaus.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_REFUSED);
  g_assert_cmpstr (result->detail, ==, "public-resolver");
  g_assert_cmpstr (result->listing_ids[0], ==, NULL);
  g_clear_pointer (&report, dh_dnsbl_report_free);

  /* A refusal only on the test-negative name: the NXDOMAIN for the address proves nothing. */
  g_object_unref (fixture->resolver);
  fixture->resolver = dh_fake_resolver_new ();
  g_resolver_set_default (G_RESOLVER (fixture->resolver));
  dh_fake_resolver_add_test_entries (fixture->resolver, NULL, NULL);
  dh_fake_resolver_add_address (fixture->resolver, "1.0.0.127.zen.spamhaus.org", "127.255.255.255");
  report = dnsbl (fixture, "203.0.113.10");
  result = find_zone (report, "zen.spamhaus.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpstr (result->detail, ==, "too-many-queries");
}

static void
test_dnsbl_rewriting_resolver (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;

  /* Some ISP resolvers answer every unknown name with their own search page. */
  dh_fake_resolver_set_rewrite (fixture->resolver, "198.51.100.99");
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.zen.spamhaus.org", "127.0.0.2");
  report = dnsbl (fixture, "203.0.113.10");
  for (guint i = 0; i < report->results->len; i++)
    {
      const DhDnsblResult *result = g_ptr_array_index (report->results, i);

      g_test_message ("%s", result->zone->zone);
      /* Neither "listed" nor "not listed" can be trusted. */
      g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
      g_assert_true (result->reason == DH_DNSBL_REASON_REWRITTEN || result->reason == DH_DNSBL_REASON_UNKNOWN_ANSWER);
    }
  g_assert_cmpint (find_zone (report, "zen.spamhaus.org")->reason, ==, DH_DNSBL_REASON_REWRITTEN);
}

static void
test_dnsbl_silent_zone (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  dh_fake_resolver_set_delay (fixture->resolver, ".psbl.surriel.com", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".bl.spamcop.net", 100);
  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.bl.spamcop.net", "127.0.0.2");
  fixture->options->dnsbl_timeout_ms = 500;
  report = dnsbl (fixture, "203.0.113.10");
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("%" G_GINT64_FORMAT " ms", elapsed);
  /* The silent zone does not hold the others up past the limit. */
  g_assert_cmpint (elapsed, >=, 450);
  g_assert_cmpint (elapsed, <, 2000);
  g_assert_cmpint (find_zone (report, "psbl.surriel.com")->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (find_zone (report, "psbl.surriel.com")->reason, ==, DH_DNSBL_REASON_TIMEOUT);
  g_assert_cmpint (find_zone (report, "bl.spamcop.net")->status, ==, DH_DNSBL_STATUS_LISTED);
  g_assert_cmpint (find_zone (report, "zen.spamhaus.org")->status, ==, DH_DNSBL_STATUS_NOT_LISTED);
}

/* A resolver that swallows every question (a blackholed DNS server): the check does not wait for
 * the whole limit, and no list says "not listed". */
static void
test_dnsbl_all_silent (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  dh_fake_resolver_set_delay (fixture->resolver, ".net", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".org", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".com", G_MAXUINT);
  fixture->options->dnsbl_timeout_ms = 60000;
  report = dnsbl (fixture, "203.0.113.10");
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("%" G_GINT64_FORMAT " ms", elapsed);
  /* Ended by the silence, long before the limit. */
  g_assert_cmpint (elapsed, >=, DH_DNSBL_SILENCE_MS - 100);
  g_assert_cmpint (elapsed, <, 60000);
  g_assert_true (report->offline);
  for (guint i = 0; i < report->results->len; i++)
    {
      const DhDnsblResult *result = g_ptr_array_index (report->results, i);

      if (result->status == DH_DNSBL_STATUS_NOT_APPLICABLE)
        continue;
      g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
      g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_OFFLINE);
    }
}

/* The same silent resolver through dh_ip_check (what --check-ip runs): the reverse DNS, which asks
 * the same name servers, ends with the block lists and says the computer seems to be offline. */
static void
test_ip_check_all_silent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DhIpCheck *check;

  dh_fake_resolver_set_delay (fixture->resolver, ".net", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".org", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".com", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, "203.0.113.10", G_MAXUINT);
  fixture->options->dnsbl_timeout_ms = 60000;
  dh_ip_check_async (address, DH_IP_CHECK_BLOCKLISTS | DH_IP_CHECK_REVERSE_DNS, NULL, fixture->options,
                     NULL, got_result, &result);
  check = dh_ip_check_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (check->blocklists->offline);
  g_assert_null (check->reverse_dns);
  g_assert_error (check->reverse_dns_error, DH_NET_ERROR, DH_NET_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (check->reverse_dns_error->message, "offline"));
  dh_ip_check_free (check);
}

static void
test_dnsbl_ipv6_and_dqs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  const DhDnsblResult *result;

  fixture->options->spamhaus_dqs_key = g_strdup ("abcdefghijklmnopqrstuvwxyz");
  dh_fake_resolver_add_address (fixture->resolver,
                                "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
                                "abcdefghijklmnopqrstuvwxyz.zen.dq.spamhaus.net", "127.0.0.3");
  report = dnsbl (fixture, "2001:db8::25");
  result = find_zone (report, "zen.spamhaus.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_LISTED);
  g_assert_cmpstr (result->listing_ids[0], ==, "spamhaus-css");
  /* The lists that know only IPv4 are not asked. */
  result = find_zone (report, "bl.spamcop.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_NOT_APPLICABLE);
  g_assert_null (result->query);
}

static void
test_dnsbl_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhDnsblReport) report = NULL;

  dh_fake_resolver_set_delay (fixture->resolver, ".net", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".org", G_MAXUINT);
  dh_fake_resolver_set_delay (fixture->resolver, ".com", G_MAXUINT);
  dh_dnsbl_check_async (address, NULL, fixture->options, cancellable, got_result, &result);
  g_timeout_add (50, cancel_cb, cancellable);
  report = dh_dnsbl_check_finish (wait_for (&result), &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Reverse DNS */

static DhReverseDns *
reverse (const char *ip,
         GError    **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  g_autoptr(GAsyncResult) result = NULL;

  dh_reverse_dns_async (address, NULL, NULL, got_result, &result);
  return dh_reverse_dns_finish (wait_for (&result), error);
}

static void
test_reverse_dns (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DhReverseDns) confirmed = NULL;
  g_autoptr(DhReverseDns) unconfirmed = NULL;
  g_autoptr(DhReverseDns) none = NULL;

  dh_fake_resolver_add_ptr (fixture->resolver, "203.0.113.10", "sv1234.example-hosting.jp");
  dh_fake_resolver_add_address (fixture->resolver, "sv1234.example-hosting.jp", "203.0.113.10");
  dh_fake_resolver_add_ptr (fixture->resolver, "198.51.100.7", "mail.example.com");
  dh_fake_resolver_add_address (fixture->resolver, "mail.example.com", "198.51.100.8");

  confirmed = reverse ("203.0.113.10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confirmed->ptr, ==, "sv1234.example-hosting.jp");
  g_assert_true (confirmed->forward_confirmed);

  unconfirmed = reverse ("198.51.100.7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unconfirmed->ptr, ==, "mail.example.com");
  g_assert_false (unconfirmed->forward_confirmed);
  g_assert_cmpstr (unconfirmed->forward_addresses[0], ==, "198.51.100.8");

  /* No PTR is an answer, not a failure. */
  none = reverse ("192.0.2.1", &error);
  g_assert_no_error (error);
  g_assert_null (none->ptr);
  g_assert_false (none->forward_confirmed);
}

static void
test_reverse_dns_timeout (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhReverseDns) rdns = NULL;

  /* The PTR query never comes back: the lookup ends at the limit with its own error. */
  dh_fake_resolver_set_delay (fixture->resolver, "192.0.2.1", G_MAXUINT);
  fixture->options->dnsbl_timeout_ms = 200;
  dh_reverse_dns_async (address, fixture->options, NULL, got_result, &result);
  rdns = dh_reverse_dns_finish (wait_for (&result), &error);
  g_assert_null (rdns);
  g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_TIMEOUT);
}

/* Site check */

static void
test_site (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *authority = dh_test_rdap_server_get_authority (fixture->server);
  g_autofree char *expected = g_strconcat (dh_test_rdap_server_get_url (fixture->server), "home", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhSiteCheck) site = NULL;

  /* https gets no answer from a plain-HTTP port within the limit; http answers with a redirect
   * to /home. */
  fixture->options->site_timeout_ms = 500;
  dh_site_check_async (authority, fixture->options, NULL, got_result, &result);
  site = dh_site_check_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (site->url, ==, expected);
  g_assert_cmpuint (site->status, ==, 200);
  g_clear_object (&result);

  /* A page that never ends: its status is all the check needs, and it does not wait for the rest. */
  dh_test_rdap_server_set_endless_root (fixture->server, TRUE);
  fixture->options->site_timeout_ms = 2000;
  dh_site_check_async (authority, fixture->options, NULL, got_result, &result);
  g_clear_pointer (&site, dh_site_check_free);
  site = dh_site_check_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (site->status, ==, 200);
  g_clear_object (&result);

  dh_site_check_async ("not a domain/x", fixture->options, NULL, got_result, &result);
  g_assert_null (dh_site_check_finish (wait_for (&result), &error));
  g_assert_error (error, DH_NET_ERROR, DH_NET_ERROR_INVALID_ADDRESS);
}

/* Everything together, as --check-ip runs it. */

static void
test_check_ip (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *base = g_strconcat (dh_test_rdap_server_get_url (fixture->server), "arin/", NULL);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  g_autoptr(DhNetOptions) options = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *owner, *rdns;
  JsonArray *results;
  gboolean seen_zen = FALSE;

  dh_fake_resolver_add_address (fixture->resolver, "10.113.0.203.zen.spamhaus.org", "127.0.0.10");
  dh_fake_resolver_add_ptr (fixture->resolver, "203.0.113.10", "sv1234.example-hosting.jp");
  dh_fake_resolver_add_address (fixture->resolver, "sv1234.example-hosting.jp", "203.0.113.10");
  g_setenv ("DH_RDAP_BASE_URL", base, TRUE);
  g_setenv ("DH_DNSBL_TIMEOUT_MS", "2000", TRUE);
  g_setenv ("DH_REDIRECT_ALLOW", "127.0.0.1", TRUE);
  options = dh_cli_net_options ();
  g_unsetenv ("DH_RDAP_BASE_URL");
  g_unsetenv ("DH_DNSBL_TIMEOUT_MS");
  g_unsetenv ("DH_REDIRECT_ALLOW");
  g_assert_cmpuint (options->dnsbl_timeout_ms, ==, 2000);

  root = dh_cli_check_ip_run (address, options);
  {
    g_autofree char *text = json_to_string (root, TRUE);

    g_test_message ("%s", text);
  }
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "address"), ==, "203.0.113.10");
  owner = json_object_get_object_member (object, "owner");
  g_assert_cmpstr (json_object_get_string_member (owner, "organisation"), ==, "Example Hosting K.K.");
  g_assert_cmpstr (json_object_get_string_member (owner, "abuse_email"), ==, "abuse@example-hosting.jp");
  results = json_object_get_array_member (json_object_get_object_member (object, "blocklists"), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (g_str_equal (json_object_get_string_member (result, "zone"), "zen.spamhaus.org"))
        {
          seen_zen = TRUE;
          g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "listed");
          g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (result, "listings"), 0), ==,
                           "spamhaus-pbl");
        }
      else
        g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "not-listed");
    }
  g_assert_true (seen_zen);
  rdns = json_object_get_object_member (object, "reverse_dns");
  g_assert_cmpstr (json_object_get_string_member (rdns, "ptr"), ==, "sv1234.example-hosting.jp");
  g_assert_true (json_object_get_boolean_member (rdns, "forward_confirmed"));
}

/* A resolver that answers "no such name" to everything (no network, a captive portal): not one
 * list is "not listed"; every one could not be checked, because the computer seems offline. The
 * same through --check-ip's JSON. */
static void
test_check_ip_offline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("192.0.2.10");
  g_autoptr(DhDnsblReport) report = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *blocklists;
  JsonArray *results;

  g_object_unref (fixture->resolver);
  fixture->resolver = dh_fake_resolver_new ();
  g_resolver_set_default (G_RESOLVER (fixture->resolver));

  report = dnsbl (fixture, "192.0.2.10");
  g_assert_true (report->offline);
  g_assert_cmpuint (report->results->len, >=, 8);
  for (guint i = 0; i < report->results->len; i++)
    {
      const DhDnsblResult *result = g_ptr_array_index (report->results, i);

      g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
      g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_OFFLINE);
    }

  g_free (fixture->options->rdap_base_url);
  fixture->options->rdap_base_url = g_strdup ("http://rdap.invalid/");
  root = dh_cli_check_ip_run (address, fixture->options);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "owner_error"), "error"), ==,
                   "no-such-host");
  g_assert_true (json_object_get_boolean_member (object, "offline"));
  blocklists = json_object_get_object_member (object, "blocklists");
  g_assert_true (json_object_get_boolean_member (blocklists, "offline"));
  g_assert_cmpint (json_object_get_int_member (blocklists, "listed"), ==, 0);
  results = json_object_get_array_member (blocklists, "results");
  g_assert_cmpint (json_object_get_int_member (blocklists, "unchecked"), ==, json_array_get_length (results));
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "unchecked");
      g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "offline");
    }

  /* A resolver that fails outright is offline too, and its message is kept. */
  g_clear_pointer (&report, dh_dnsbl_report_free);
  for (const char *const *suffix = (const char *const[]) { ".org", ".net", ".com", NULL }; *suffix; suffix++)
    dh_fake_resolver_set_failing (fixture->resolver, *suffix);
  report = dnsbl (fixture, "192.0.2.10");
  g_assert_true (report->offline);
  g_assert_nonnull (((DhDnsblResult *) g_ptr_array_index (report->results, 0))->detail);
}

/* One list whose test entry is missing is "could not check", on its own; the others, which
 * answer theirs, are "not listed". */
static void
test_dnsbl_unproven (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DhDnsblReport) report = NULL;
  const DhDnsblResult *result;

  /* Spamcop's test entry is gone; PSBL's answers a code it does not document. */
  g_object_unref (fixture->resolver);
  fixture->resolver = dh_fake_resolver_new ();
  g_resolver_set_default (G_RESOLVER (fixture->resolver));
  {
    DhBlocklists *lists = dh_blocklists_get_default ();

    for (guint i = 0; i < dh_blocklists_get_n_lists (lists); i++)
      {
        const DhBlocklist *list = dh_blocklists_get_list (lists, i);

        for (guint z = 0; z < list->zones->len; z++)
          {
            const DhBlocklistZone *zone = g_ptr_array_index (list->zones, z);
            g_autofree char *name = g_strconcat ("2.0.0.127.", zone->zone, NULL);

            if (g_str_equal (zone->zone, "psbl.surriel.com"))
              dh_fake_resolver_add_address (fixture->resolver, name, "127.0.0.99");
            else if (!g_str_equal (zone->zone, "bl.spamcop.net"))
              dh_fake_resolver_add_address (fixture->resolver, name, "127.0.0.2");
          }
      }
  }
  report = dnsbl (fixture, "203.0.113.10");
  g_assert_false (report->offline);
  result = find_zone (report, "bl.spamcop.net");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_UNPROVEN);
  result = find_zone (report, "psbl.surriel.com");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_UNCHECKED);
  g_assert_cmpint (result->reason, ==, DH_DNSBL_REASON_UNPROVEN);
  g_assert_cmpstr (result->detail, ==, "127.0.0.99");
  result = find_zone (report, "b.barracudacentral.org");
  g_assert_cmpint (result->status, ==, DH_DNSBL_STATUS_NOT_LISTED);
  g_assert_cmpuint (dh_dnsbl_report_count (report, DH_DNSBL_STATUS_NOT_LISTED), ==, report->results->len - 2);
}

static void
test_check_ip_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *error;

  /* Each part fails on its own; the others still report. */
  use_base (fixture, "rate/");
  root = dh_cli_check_ip_run (address, fixture->options);
  object = json_node_get_object (root);
  g_assert_false (json_object_has_member (object, "owner"));
  error = json_object_get_object_member (object, "owner_error");
  g_assert_cmpstr (json_object_get_string_member (error, "error"), ==, "rate-limited");
  g_assert_true (json_object_has_member (object, "blocklists"));
}

int
main (int   argc,
      char *argv[])
{
  /* Only the loopback server: no proxy from the environment. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  /* The isolated XDG dirs hide GNOME's proxy schema, which glib-networking's proxy module needs. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/dh/net/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("rdap/jpnic", test_rdap_jpnic);
  ADD ("rdap/arin", test_rdap_arin);
  ADD ("rdap/redirect", test_rdap_redirect);
  ADD ("rdap/ipv6", test_rdap_ipv6);
  ADD ("rdap/errors", test_rdap_errors);
  ADD ("rdap/timeout", test_rdap_timeout);
  ADD ("rdap/cancel", test_rdap_cancel);
  g_test_add_func ("/dh/net/rdap/parse", test_rdap_parse);
  g_test_add_func ("/dh/net/rdap/bootstrap", test_rdap_bootstrap);
  ADD ("rdap/refresh", test_rdap_refresh);
  g_test_add_func ("/dh/net/dnsbl/query-name", test_query_name);
  ADD ("dnsbl/statuses", test_dnsbl_statuses);
  ADD ("dnsbl/refused", test_dnsbl_refused);
  ADD ("dnsbl/rewriting-resolver", test_dnsbl_rewriting_resolver);
  ADD ("dnsbl/silent-zone", test_dnsbl_silent_zone);
  ADD ("dnsbl/all-silent", test_dnsbl_all_silent);
  ADD ("ip-check/all-silent", test_ip_check_all_silent);
  ADD ("dnsbl/ipv6-and-dqs", test_dnsbl_ipv6_and_dqs);
  ADD ("dnsbl/cancel", test_dnsbl_cancel);
  ADD ("rdns", test_reverse_dns);
  ADD ("rdns-timeout", test_reverse_dns_timeout);
  ADD ("site", test_site);
  ADD ("check-ip", test_check_ip);
  ADD ("check-ip-errors", test_check_ip_errors);
  ADD ("check-ip-offline", test_check_ip_offline);
  ADD ("dnsbl/unproven", test_dnsbl_unproven);
  ADD ("rdap/hostile-answers", test_rdap_hostile_answers);
  ADD ("rdap/long-remark", test_rdap_long_remark);
  ADD ("rdap/redirect-policy", test_rdap_redirect_policy);

  return g_test_run ();
}
