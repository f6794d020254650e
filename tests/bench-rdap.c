/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-rdap.c: time, main-loop stall and peak memory of an owner lookup that gets a hostile answer. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>

#include "dh-rdap.h"

/* The answers, served from a thread of their own so that serving them does not count as a stall
 * of the main loop:
 *   remark  one remark line of 5.5 MB with no "@" (the e-mail pattern's worst case)
 *   many    200 MB of small entity objects
 * and, to show the cost of reading what is let through, the same at 1 MB (just under the cap):
 *   remark-1m, many-1m */

typedef struct {
  GBytes      *body;
  char        *url;
  GMutex       lock;
  GCond        ready;
  GMainLoop   *loop;
} Server;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Server *self = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/rdap+json", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (self->body, NULL), g_bytes_get_size (self->body));
}

static gpointer
server_thread (gpointer data)
{
  Server *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, self, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%u/", g_uri_get_port (uris->data));
  self->loop = g_main_loop_new (context, FALSE);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static GBytes *
make_remark (gsize size)
{
  GString *json = g_string_new ("{\"objectClassName\": \"ip network\", \"handle\": \"BENCH\", "
                                "\"remarks\": [{\"title\": \"remarks\", \"description\": [\"");

  /* Letters and dots only: every position starts a run the pattern follows to its end. */
  while (json->len < size)
    g_string_append (json, "abuse.contact.");
  g_string_append (json, "\"]}]}");
  return g_string_free_to_bytes (json);
}

static GBytes *
make_many (gsize size)
{
  GString *json = g_string_sized_new (size + 1000);

  g_string_append (json, "{\"objectClassName\": \"ip network\", \"handle\": \"BENCH\", \"entities\": [");
  for (guint i = 0; json->len < size; i++)
    g_string_append_printf (json, "%s{\"handle\": \"E%u\", \"roles\": [\"abuse\"], \"a\": [1, 2, 3]}",
                            i ? ", " : "", i);
  g_string_append (json, "]}");
  return g_string_free_to_bytes (json);
}

typedef struct {
  GMainLoop *loop;
  gint64     last_tick;
  gint64     longest_stall;
  gboolean   done;
} Run;

static gboolean
tick (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();

  run->longest_stall = MAX (run->longest_stall, now - run->last_tick);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DhRdapResult) owner = dh_rdap_lookup_finish (result, &error);

  if (owner != NULL)
    g_print ("  answer read: handle %s\n", owner->handle ? owner->handle : "(none)");
  else
    g_print ("  refused: %s\n", error->message);
  g_main_loop_quit (run->loop);
}

static long
maxrss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int
run_one (const char *kind)
{
  Server server = { 0 };
  Run run = { 0 };
  g_autoptr(DhNetOptions) options = dh_net_options_new ();
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("203.0.113.10");
  long rss_before;
  gint64 start;
  guint timer;

  if (g_str_equal (kind, "remark"))
    server.body = make_remark (5500000);
  else if (g_str_equal (kind, "remark-1m"))
    server.body = make_remark (1000000);
  else if (g_str_equal (kind, "many-1m"))
    server.body = make_many (1000000);
  else
    server.body = make_many (200 * 1000 * 1000);
  g_mutex_init (&server.lock);
  g_cond_init (&server.ready);
  g_mutex_lock (&server.lock);
  g_thread_unref (g_thread_new ("server", server_thread, &server));
  while (server.loop == NULL)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);

  options->rdap_base_url = g_strdup (server.url);
  options->rdap_timeout_ms = 600000;
  run.loop = g_main_loop_new (NULL, FALSE);
  rss_before = maxrss_kib ();
  start = run.last_tick = g_get_monotonic_time ();
  timer = g_timeout_add (10, tick, &run);
  dh_rdap_lookup_async (address, options, NULL, done, &run);
  g_main_loop_run (run.loop);
  g_source_remove (timer);
  tick (&run);
  g_print ("rdap %s (%.1f MB): %.2f s, longest main-loop stall %.2f s, peak RSS %.1f MiB "
           "(%.1f MiB above the served answer)\n",
           kind, g_bytes_get_size (server.body) / 1e6, (g_get_monotonic_time () - start) / 1e6,
           run.longest_stall / 1e6, maxrss_kib () / 1024.0, (maxrss_kib () - rss_before) / 1024.0);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *kinds[] = { "remark", "many", "remark-1m", "many-1m" };

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (argc == 2)
    return run_one (argv[1]);

  /* Each in its own process, so that one's peak memory is not the other's. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *child[] = { argv[0], kinds[i], NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                         &status, &error) || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("bench-rdap %s: %s\n", kinds[i], error->message);
          return 1;
        }
    }
  return 0;
}
