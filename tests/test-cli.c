/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: `delist-helper-cli --analyze`, `--check-ip`, `--list-cases`, `--export-case` as a
 * script or a person runs them, with no display. The program is the first argument after the test
 * options: meson runs the suite on delist-helper-cli and again on delist-helper, which hands these
 * options over to it. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dh-test-rdap-server.h"
#include "dh-case.h"
#include "dh-case-store.h"

/* The program under test: delist-helper-cli unless the command line names another. */
static const char *program = DELIST_HELPER_CLI;

/* $XDG_DATA_HOME of the command, when set: where it finds the saved cases. */
static char *data_home;

/* Removes what the case tests left in $TMPDIR. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
tear_down_data_home (void)
{
  if (data_home)
    remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
}

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *stdin_text,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *) program);
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: the command-line mode must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  if (data_home)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text ? stdin_text : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_output (JsonParser *parser,
              const char *out)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static const char *required_keys[] = {
  "is_block", "system", "kind", "remedy", "blocked_ip", "blocked_ip_line", "recipients",
  "recipient_domains", "sender_address", "sender_domain", "reporting_host", "remote_host",
  "reply_code", "status", "provider_code", "diagnostic", "date", NULL
};

static void
test_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *report;
  JsonArray *reports;

  run_cli (&run, NULL, "--analyze", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  reports = json_object_get_array_member (root, "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 1);
  report = json_array_get_object_element (reports, 0);
  for (guint i = 0; required_keys[i]; i++)
    g_assert_true (json_object_has_member (report, required_keys[i]));
  g_assert_true (json_object_get_boolean_member (report, "is_block"));
  g_assert_cmpstr (json_object_get_string_member (report, "blocked_ip"), ==, "203.0.113.45");
  g_assert_cmpstr (json_object_get_string_member (report, "provider_code"), ==, "S3150");
  g_assert_cmpstr (json_object_get_string_member (report, "system"), ==, "microsoft-consumer");
  g_assert_false (json_object_has_member (root, "message"));
}

static void
test_stdin (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *reports;

  run_cli (&run, "550 5.7.606 Access denied, banned sending IP [198.51.100.7]. To request removal "
                 "from this list please visit https://sender.office.com/ and follow the directions. "
                 "(AS16012609) [VE1EUR02FT006.eop-EUR02.prod.protection.outlook.com]\n",
           "--analyze", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  reports = json_object_get_array_member (root, "reports");
  g_assert_cmpuint (json_array_get_length (reports), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reports, 0), "remedy"), ==,
                   "office365-delist-portal");
}

static void
test_no_bounce (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "Hello, this is an ordinary note with no bounce in it.\n", "--analyze", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "reports")), ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "message"), "No bounce"));
}

static void
test_missing_file (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--analyze", "/nonexistent/bounce.eml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "/nonexistent/bounce.eml"));
  /* One clear line. */
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);
}

static void
test_too_large (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 64 * 1024 * 1024 + 10;
  g_autofree char *data = g_malloc (size);
  g_auto(Run) run = { 0 };

  memset (data, 'x', size);
  /* A name of its own: the suite runs twice at once (delist-helper-cli, delist-helper). */
  g_close (g_file_open_tmp ("dh-test-large-XXXXXX.txt", &path, &error), NULL);
  g_assert_no_error (error);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  run_cli (&run, NULL, "--analyze", path, NULL);
  g_unlink (path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "larger than"));
}

/* No mode: a one-line hint on stderr and the exit status GApplication gives for a bad option. */
static void
test_no_mode (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--mask", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "--analyze FILE"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);
}

/* A file named without --analyze is not taken for one silently, nor does it open a window. */
static void
test_stray_argument (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--list-cases", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, path));
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--analyze", "-", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (run.out, (const char *[]) { "--analyze", "--check-ip", "--list-cases", "--export-case" }[i]));
}

static void
test_japanese_message (void)
{
  g_autofree char *localedir = g_strdup (g_getenv ("DH_LOCALEDIR"));
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "ja", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--analyze", "/nonexistent/x.eml", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (localedir);
  /* The message is in Japanese. */
  g_assert_nonnull (strstr (err, "読み込めません"));
}

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
}

/* Runs `delist-helper --check-ip @ip` with @env (NAME, VALUE, …, NULL) while this process's main
 * loop keeps the loopback server answering. Only the parts named in DH_CHECK_IP_PARTS run, so that
 * nothing is asked of the machine's real DNS. */
static void
run_check_ip (Run        *run,
              const char *ip,
              const char *language,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list ap;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_subprocess_launcher_setenv (launcher, "DH_CHECK_IP_PARTS", "owner", TRUE);
  /* The loopback server redirects to itself (ARIN to APNIC); by default that is refused. */
  g_subprocess_launcher_setenv (launcher, "DH_REDIRECT_ALLOW", "127.0.0.1", TRUE);
  va_start (ap, language);
  while ((name = va_arg (ap, const char *)) != NULL)
    g_subprocess_launcher_setenv (launcher, name, va_arg (ap, const char *), TRUE);
  va_end (ap);

  run->status = -1;
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--check-ip", ip, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, run);
  while (run->status == -1)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_check_ip_invalid (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) run_ja = { 0 };

  run_check_ip (&run, "203.0.113", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "“203.0.113” is not an IP address"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);

  run_check_ip (&run_ja, "example.jp", "ja", NULL);
  g_assert_cmpint (run_ja.status, ==, 2);
  g_assert_nonnull (strstr (run_ja.err, "IP アドレスではありません"));
}

static void
test_check_ip_owner (void)
{
  g_autoptr(DhTestRdapServer) server = dh_test_rdap_server_new ();
  g_autofree char *arin = g_strconcat (dh_test_rdap_server_get_url (server), "arin/", NULL);
  g_autofree char *rate = g_strconcat (dh_test_rdap_server_get_url (server), "rate/", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) limited = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) limited_parser = json_parser_new ();
  JsonObject *root, *owner, *error;

  /* ARIN's answer is a redirect to APNIC, which names JPNIC and, in the remarks, the provider. */
  run_check_ip (&run, "[203.0.113.10]", "en", "DH_RDAP_BASE_URL", arin, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "address"), ==, "203.0.113.10");
  owner = json_object_get_object_member (root, "owner");
  g_assert_cmpstr (json_object_get_string_member (owner, "organisation"), ==, "Example Hosting K.K.");
  g_assert_cmpstr (json_object_get_string_member (owner, "abuse_email"), ==, "abuse@example-hosting.jp");
  g_assert_cmpstr (json_object_get_string_member (owner, "country"), ==, "JP");
  g_assert_false (json_object_has_member (root, "blocklists"));
  /* 203.0.113.0/24 is for documentation, and the output says so. */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "ip_flags"), 0), ==,
                   "documentation");

  /* A registry's refusal is reported in the JSON, in the user's language, and is no failure of
   * the command. */
  run_check_ip (&limited, "203.0.113.10", "ja", "DH_RDAP_BASE_URL", rate, NULL);
  g_assert_cmpint (limited.status, ==, 0);
  root = parse_output (limited_parser, limited.out);
  error = json_object_get_object_member (root, "owner_error");
  g_assert_cmpstr (json_object_get_string_member (error, "error"), ==, "rate-limited");
  g_assert_cmpint (json_object_get_int_member (error, "retry_after"), ==, 30);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "30 秒"));
}

/* Without DH_REDIRECT_ALLOW, a registry's redirect to this computer is not followed, and says so. */
static void
test_check_ip_redirect_refused (void)
{
  g_autoptr(DhTestRdapServer) server = dh_test_rdap_server_new ();
  g_autofree char *arin = g_strconcat (dh_test_rdap_server_get_url (server), "arin/", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *error;

  run_check_ip (&run, "203.0.113.10", "en", "DH_RDAP_BASE_URL", arin, "DH_REDIRECT_ALLOW", "", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  error = json_object_get_object_member (root, "owner_error");
  g_assert_cmpstr (json_object_get_string_member (error, "error"), ==, "redirect-refused");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "not a public https address"));
  /* ARIN was asked; APNIC, behind the redirect, was not. */
  g_assert_cmpuint (dh_test_rdap_server_get_n_requests (server), ==, 1);
}

/* Every block-list lookup fails (the zones are under .invalid, which RFC 6761 says never exists,
 * so the machine's resolver answers "no such name" or fails): no list is "not listed"; each could
 * not be checked, because this computer seems to be offline. */
static void
test_check_ip_offline (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *blocklists;
  JsonArray *results;

  run_check_ip (&run, "192.0.2.10", "en", "DH_CHECK_IP_PARTS", "blocklists", "DH_DNSBL_ZONE_SUFFIX", "invalid",
                "DH_DNSBL_TIMEOUT_MS", "3000", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  blocklists = json_object_get_object_member (root, "blocklists");
  g_assert_true (json_object_get_boolean_member (blocklists, "offline"));
  g_assert_cmpint (json_object_get_int_member (blocklists, "listed"), ==, 0);
  results = json_object_get_array_member (blocklists, "results");
  g_assert_cmpuint (json_array_get_length (results), >=, 8);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "unchecked");
      g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "offline");
    }
}

/* Two saved cases and a damaged file in a fresh $XDG_DATA_HOME; returns the cases' store. */
static DhCaseStore *
make_cases (DhCase **first,
            DhCase **second)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "cli-s3150.txt", NULL);
  g_autofree char *input = NULL;
  g_autofree char *cases_dir = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(GError) error = NULL;
  DhCaseStore *store;

  tear_down_data_home ();
  data_home = g_dir_make_tmp ("dh-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  cases_dir = g_build_filename (data_home, USER_DIR_NAME, "cases", NULL);
  store = dh_case_store_new (cases_dir);

  g_assert_true (g_file_get_contents (path, &input, NULL, NULL));
  *first = dh_case_new ();
  dh_case_set_analysis (*first, input, dh_analyze (input, strlen (input), NULL));
  dh_case_add_event (*first, "form-sent", NULL);
  dh_case_add_reply (*first, "Not qualified for mitigation\n203.0.113.45\nuser@outlook.jp\n", "not-qualified", "SRX42");
  g_assert_true (dh_case_store_save (store, *first, &error));
  g_usleep (2000);
  *second = dh_case_new ();
  dh_case_set_step (*second, "start");
  g_assert_true (dh_case_store_save (store, *second, &error));
  g_assert_no_error (error);

  damaged = g_build_filename (cases_dir, "11111111-1111-4111-8111-111111111111.json", NULL);
  g_assert_true (g_file_set_contents (damaged, "{\"format\": 1, \"id\": ", -1, NULL));
  return store;
}

static void
test_list_cases (void)
{
  g_autoptr(DhCase) first = NULL;
  g_autoptr(DhCase) second = NULL;
  g_autoptr(DhCaseStore) store = make_cases (&first, &second);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *item;
  JsonArray *cases, *problems;

  run_cli (&run, NULL, "--list-cases", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_output (parser, run.out);
  cases = json_object_get_array_member (root, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 2);

  /* The most recently changed first. */
  item = json_array_get_object_element (cases, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, dh_case_get_id (second));
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "new");
  g_assert_true (json_object_get_null_member (item, "ip"));
  item = json_array_get_object_element (cases, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, dh_case_get_id (first));
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "not-qualified");
  g_assert_cmpstr (json_object_get_string_member (item, "ip"), ==, "203.0.113.45");
  g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (item, "created"), NULL));
  g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (item, "updated"), NULL));

  problems = json_object_get_array_member (root, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  item = json_array_get_object_element (problems, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "file"), ==, "11111111-1111-4111-8111-111111111111.json");
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "corrupt");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), "damaged"));
  g_assert_true (g_file_test (json_object_get_string_member (item, "moved_to"), G_FILE_TEST_IS_REGULAR));
}


/* The object of "problems" about @file, or NULL. */
static JsonObject *
find_problem (JsonArray  *problems,
              const char *file)
{
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *item = json_array_get_object_element (problems, i);

      if (g_strcmp0 (json_object_get_string_member (item, "file"), file) == 0)
        return item;
    }
  return NULL;
}

/* Hostile files in the cases folder: one nested 100,000 deep (which would overflow json-glib's
 * recursion), a link to /dev/zero (read without end) and a FIFO (blocks): the list ends, with
 * the good cases and a problem for each. */
static void
test_list_hostile (void)
{
  g_autoptr(DhCase) first = NULL;
  g_autoptr(DhCase) second = NULL;
  g_autoptr(DhCaseStore) store = make_cases (&first, &second);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) deep = g_string_new ("{\"format\": 1, \"x\": ");
  const char *dir = dh_case_store_get_dir (store);
  g_autofree char *deep_path = g_build_filename (dir, "22222222-2222-4222-8222-222222222222.json", NULL);
  g_autofree char *zero_path = g_build_filename (dir, "33333333-3333-4333-8333-333333333333.json", NULL);
  g_autofree char *fifo_path = g_build_filename (dir, "44444444-4444-4444-8444-444444444444.json", NULL);
  JsonObject *root, *item;
  JsonArray *problems;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  g_assert_true (g_file_set_contents (deep_path, deep->str, deep->len, NULL));
  g_assert_cmpint (symlink ("/dev/zero", zero_path), ==, 0);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);

  run_cli (&run, NULL, "--list-cases", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "cases")), ==, 2);
  problems = json_object_get_array_member (root, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 4);

  item = find_problem (problems, "22222222-2222-4222-8222-222222222222.json");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "corrupt");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), "deeper than 64 levels"));

  item = find_problem (problems, "33333333-3333-4333-8333-333333333333.json");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "unreadable");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), "symbolic link"));
  g_assert_true (g_file_test (zero_path, G_FILE_TEST_IS_SYMLINK));

  item = find_problem (problems, "44444444-4444-4444-8444-444444444444.json");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "unreadable");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), "not a regular file"));
}

/* `cases` a link to a shared folder: listed as it is, with a problem that says so; the shared
 * folder keeps its mode. */
static void
test_list_folder_link (void)
{
  g_autoptr(DhCase) first = NULL;
  g_autoptr(DhCase) second = NULL;
  g_autoptr(DhCaseStore) store = make_cases (&first, &second);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *shared = g_build_filename (data_home, "shared", NULL);
  JsonObject *root, *item;
  JsonArray *problems;
  GStatBuf st;

  g_assert_cmpint (g_rename (dh_case_store_get_dir (store), shared), ==, 0);
  g_assert_cmpint (symlink (shared, dh_case_store_get_dir (store)), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0755), ==, 0);

  run_cli (&run, NULL, "--list-cases", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "cases")), ==, 2);
  problems = json_object_get_array_member (root, "problems");
  item = find_problem (problems, "cases");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "folder-link");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), "symbolic link"));
  g_assert_nonnull (strstr (json_object_get_string_member (item, "message"), shared));
  g_assert_cmpint (g_stat (shared, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0755);
}

static void
test_list_no_cases (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  tear_down_data_home ();
  data_home = g_dir_make_tmp ("dh-test-cli-XXXXXX", &error);
  run_cli (&run, NULL, "--list-cases", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "cases")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "problems")), ==, 0);
}

static void
test_export_case (void)
{
  g_autoptr(DhCase) first = NULL;
  g_autoptr(DhCase) second = NULL;
  g_autoptr(DhCaseStore) store = make_cases (&first, &second);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, NULL, "--export-case", dh_case_get_id (first), NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_output (parser, run.out);
    g_assert_cmpint (json_object_get_int_member (root, "format"), ==, DH_CASE_FORMAT);
    g_assert_cmpstr (json_object_get_string_member (root, "id"), ==, dh_case_get_id (first));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "facts"), "ip"), ==,
                     "203.0.113.45");
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, NULL, "--export-case", dh_case_get_id (first), "--format", "text", "--mask", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Blocked IP address: 203.0.113.45"));
    g_assert_nonnull (strstr (run.out, "SRX42"));
    g_assert_nonnull (strstr (run.out, "Not qualified for mitigation"));
    g_assert_nonnull (strstr (run.out, "u***@outlook.jp"));
    g_assert_null (strstr (run.out, "user@"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, NULL, "--export-case", dh_case_get_id (first), "--format", "markdown", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "# Delisting case report\n"));
    g_assert_nonnull (strstr (run.out, "user@outlook.jp"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, NULL, "--export-case", dh_case_get_id (first), "--format", "pdf", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_nonnull (strstr (run.err, "“pdf”"));
  }
}

static void
test_export_unknown (void)
{
  g_autoptr(DhCase) first = NULL;
  g_autoptr(DhCase) second = NULL;
  g_autoptr(DhCaseStore) store = make_cases (&first, &second);
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--export-case", "0f8fad5b-d9cb-469f-a165-70867728950e", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "delist-helper: There is no saved case “0f8fad5b-d9cb-469f-a165-70867728950e”.\n");

  /* The damaged file is reported by what is wrong with it, not as missing. */
  {
    g_auto(Run) damaged = { 0 };

    run_cli (&damaged, NULL, "--export-case", "11111111-1111-4111-8111-111111111111", NULL);
    g_assert_cmpint (damaged.status, ==, 2);
    g_assert_nonnull (strstr (damaged.err, "damaged"));
  }
}

static void
test_export_unknown_japanese (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *home = g_dir_make_tmp ("dh-test-cli-XXXXXX", NULL);

  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "ja", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--export-case", "nope", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "「nope」"));
  g_assert_nonnull (strstr (err, "保存済みの案件"));
  g_rmdir (home);
}

/* --version prints the name and the version of meson.build, without a display, and exits 0. */
static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "delist-helper " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    program = argv[1];

  g_test_add_func ("/dh/cli/analyze-file", test_file);
  g_test_add_func ("/dh/cli/analyze-stdin", test_stdin);
  g_test_add_func ("/dh/cli/no-bounce", test_no_bounce);
  g_test_add_func ("/dh/cli/missing-file", test_missing_file);
  g_test_add_func ("/dh/cli/too-large", test_too_large);
  g_test_add_func ("/dh/cli/no-mode", test_no_mode);
  g_test_add_func ("/dh/cli/stray-argument", test_stray_argument);
  g_test_add_func ("/dh/cli/help", test_help);
  g_test_add_func ("/dh/cli/japanese", test_japanese_message);
  g_test_add_func ("/dh/cli/check-ip-invalid", test_check_ip_invalid);
  g_test_add_func ("/dh/cli/check-ip-owner", test_check_ip_owner);
  g_test_add_func ("/dh/cli/check-ip-redirect-refused", test_check_ip_redirect_refused);
  g_test_add_func ("/dh/cli/check-ip-offline", test_check_ip_offline);
  g_test_add_func ("/dh/cli/list-cases", test_list_cases);
  g_test_add_func ("/dh/cli/list-no-cases", test_list_no_cases);
  g_test_add_func ("/dh/cli/list-hostile", test_list_hostile);
  g_test_add_func ("/dh/cli/list-folder-link", test_list_folder_link);
  g_test_add_func ("/dh/cli/export-case", test_export_case);
  g_test_add_func ("/dh/cli/export-unknown", test_export_unknown);
  g_test_add_func ("/dh/cli/export-unknown-japanese", test_export_unknown_japanese);
  g_test_add_func ("/dh/cli/version", test_version);

  status = g_test_run ();
  tear_down_data_home ();
  return status;
}
