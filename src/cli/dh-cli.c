/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-cli.c: the command-line modes: `--analyze FILE`, `--check-ip IP`, `--list-cases`,
 * `--export-case ID`: JSON and reports on stdout, no display needed. */
#include "config.h"

#include "dh-json.h"
#include "dh-cli.h"
#include "dh-analyzer.h"
#include "dh-ip.h"
#include "dh-ip-check.h"
#include "dh-case-export.h"
#include "dh-case-store.h"
#include "dh-input.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>

/* Reads a whole file, or standard input for "-", refusing more than @limit bytes. */
static GBytes *
read_input (const char *path,
            gsize       limit,
            GError    **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_strcmp0 (path, "-") != 0)
    {
      file = g_file_new_for_commandline_arg (path);
      return dh_read_file (file, limit, NULL, error);
    }
  stream = g_unix_input_stream_new (0, FALSE);
  return dh_read_stream (stream, limit, NULL, error);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

int
dh_cli_analyze (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(DhAnalysis) analysis = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  const char *data;

  input = read_input (path, DH_ANALYZER_MAX_INPUT, &error);
  if (input == NULL)
    {
      /* Translators: %1$s is a file name, %2$s the reason it cannot be read. */
      g_printerr (_("delist-helper: cannot read “%1$s”: %2$s\n"), path, error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  data = g_bytes_get_data (input, &length);
  analysis = dh_analyze (data, length, &error);
  if (analysis == NULL)
    {
      g_printerr (_("delist-helper: cannot read “%1$s”: %2$s\n"), path, error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  root = dh_analysis_to_json (analysis);
  if (analysis->reports->len == 0)
    {
      g_autofree char *message = dh_analysis_describe_empty (analysis, length);

      json_object_set_string_member (json_node_get_object (root), "message", message);
    }

  print_json (root);
  return DH_CLI_EXIT_OK;
}

/* The online-check options from the application's settings (when its schema is installed), then
 * the environment. */
DhNetOptions *
dh_cli_net_options (void)
{
  DhNetOptions *options = dh_net_options_new ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  /* Without the schema (an uninstalled build) the defaults and the environment are all there is. */
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

      dh_net_options_apply_settings (options, settings);
    }
  dh_net_options_apply_env (options);
  return options;
}

/* DH_CHECK_IP_PARTS: a comma-separated choice of owner, blocklists, reverse-dns; all by default. */
static DhIpCheckParts
parts_from_env (void)
{
  const char *value = g_getenv ("DH_CHECK_IP_PARTS");
  g_auto(GStrv) names = NULL;
  DhIpCheckParts parts = 0;

  if (value == NULL || *value == '\0')
    return DH_IP_CHECK_ALL;
  names = g_strsplit (value, ",", -1);
  for (guint i = 0; names[i]; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (g_str_equal (name, "owner"))
        parts |= DH_IP_CHECK_OWNER;
      else if (g_str_equal (name, "blocklists"))
        parts |= DH_IP_CHECK_BLOCKLISTS;
      else if (g_str_equal (name, "reverse-dns"))
        parts |= DH_IP_CHECK_REVERSE_DNS;
    }
  return parts ? parts : DH_IP_CHECK_ALL;
}

typedef struct {
  GMainLoop *loop;
  DhIpCheck *check;
  GError    *error;
} CheckRun;

static void
check_ip_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->check = dh_ip_check_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

JsonNode *
dh_cli_check_ip_run (GInetAddress       *address,
                     const DhNetOptions *options)
{
  CheckRun run = { 0 };
  JsonNode *root;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);

  /* The global default context: the command line has nothing else to run. */
  run.loop = g_main_loop_new (NULL, FALSE);
  dh_ip_check_async (address, parts_from_env (), NULL, options, NULL, check_ip_done, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  /* Nothing cancels this run, so each part has its result or its own error. */
  g_assert_no_error (run.error);
  root = dh_ip_check_to_json (run.check);
  dh_ip_check_free (run.check);

  /* Say when the address is not on the internet (private, documentation …): then no registry
   * knows it and no block list lists it, which is no news. */
  {
    JsonArray *flags = json_array_new ();
    const char **names = dh_ip_flag_names (dh_ip_classify (address));

    for (guint i = 0; names[i]; i++)
      json_array_add_string_element (flags, names[i]);
    json_object_set_array_member (json_node_get_object (root), "ip_flags", flags);
  }
  return root;
}

int
dh_cli_check_ip (const char *text)
{
  g_autoptr(GInetAddress) address = dh_ip_parse (text);
  g_autoptr(DhNetOptions) options = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (address == NULL)
    {
      /* Translators: %s is what was given after --check-ip. */
      g_printerr (_("delist-helper: “%s” is not an IP address. Give an address such as 203.0.113.45 or 2001:db8::25.\n"), text);
      return DH_CLI_EXIT_BAD_INPUT;
    }
  options = dh_cli_net_options ();
  root = dh_cli_check_ip_run (address, options);
  print_json (root);
  return DH_CLI_EXIT_OK;
}

/* `--list-cases`: {"cases": [...], "problems": [...]}, the cases most recently changed first; a
 * problem is a file that is not in the list, with a translated reason. */
int
dh_cli_list_cases (void)
{
  g_autoptr(DhCaseStore) store = dh_case_store_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  summaries = dh_case_store_list (store, &problems, &error);
  if (summaries == NULL)
    {
      /* Translators: %1$s is a folder, %2$s the reason it cannot be read. */
      g_printerr (_("delist-helper: cannot read the saved cases in “%1$s”: %2$s\n"),
                  dh_case_store_get_dir (store), error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summaries->len; i++)
    {
      DhCaseSummary *summary = g_ptr_array_index (summaries, i);

      json_builder_begin_object (builder);
      dh_json_add_string (builder, "id", summary->id);
      dh_json_add_time (builder, "created", summary->created);
      dh_json_add_time (builder, "updated", summary->updated);
      dh_json_add_string (builder, "state", dh_case_state_to_string (summary->state));
      dh_json_add_time (builder, "since", summary->since);
      dh_json_add_string (builder, "step", summary->step);
      dh_json_add_string (builder, "ip", summary->ip);
      dh_json_add_string (builder, "sender_domain", summary->sender_domain);
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, (gint64) summary->revision);
      dh_json_add_string (builder, "path", summary->path);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      DhCaseProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      dh_json_add_string (builder, "file", problem->file_name);
      dh_json_add_string (builder, "kind", dh_case_problem_kind_to_string (problem->kind));
      dh_json_add_string (builder, "message", problem->message);
      dh_json_add_string (builder, "moved_to", problem->moved_to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
  return DH_CLI_EXIT_OK;
}

/* `--export-case ID [--format text|markdown|json] [--mask]`: the case's JSON (the default) or a
 * report for the hosting company. */
int
dh_cli_export_case (const char *id,
                    const char *format_name,
                    gboolean    mask)
{
  g_autoptr(DhCaseStore) store = NULL;
  g_autoptr(DhCase) dh_case = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  DhExportFormat format = DH_EXPORT_JSON;

  g_return_val_if_fail (id != NULL, DH_CLI_EXIT_BAD_INPUT);

  if (format_name && !dh_export_format_from_string (format_name, &format))
    {
      /* Translators: %1$s is what was given after --format; keep "text", "markdown", "json". */
      g_printerr (_("delist-helper: unknown format “%1$s”: use text, markdown or json\n"), format_name);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  store = dh_case_store_new (NULL);
  dh_case = dh_case_store_load (store, id, &error);
  if (dh_case == NULL)
    {
      /* Translators: %1$s is the reason, a whole sentence. */
      g_printerr (_("delist-helper: %1$s\n"), error->message);
      return DH_CLI_EXIT_BAD_INPUT;
    }

  out = dh_case_export (dh_case, format, mask);
  fputs (out, stdout);
  if (!g_str_has_suffix (out, "\n"))
    fputc ('\n', stdout);
  fflush (stdout);
  return DH_CLI_EXIT_OK;
}

/* The command-line tool: parses @argv and runs the mode it names. Its options are the ones
 * `delist-helper` hands over to it. */
int
dh_cli_main (int    argc,
             char **argv)
{
  g_autofree char *analyze = NULL;
  g_autofree char *ip = NULL;
  g_autofree char *export_id = NULL;
  g_autofree char *format = NULL;
  gboolean list_cases = FALSE;
  gboolean mask = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { "analyze", 0, 0, G_OPTION_ARG_FILENAME, &analyze,
      N_("Analyse a bounce (a file, or - for standard input) and print what was found as JSON"),
      N_("FILE") },
    { "check-ip", 0, 0, G_OPTION_ARG_STRING, &ip,
      N_("Look up who owns an IP address, which block lists list it and its reverse DNS name (online), and print the results as JSON"),
      N_("IP") },
    { "list-cases", 0, 0, G_OPTION_ARG_NONE, &list_cases,
      N_("Print the saved cases as JSON"), NULL },
    { "export-case", 0, 0, G_OPTION_ARG_STRING, &export_id,
      N_("Print the saved case ID (as JSON, or as a report with --format)"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("With --export-case: text, markdown or json (the default)"), N_("FORMAT") },
    { "mask", 0, 0, G_OPTION_ARG_NONE, &mask,
      N_("With --export-case: hide the recipients’ addresses (u***@example.com)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Delist Helper’s command-line modes: they print JSON or reports and need no display."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return DH_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      /* Translators: %s is an argument that is not an option. */
      g_printerr (_("delist-helper: unexpected argument “%s”; give a file with --analyze FILE\n"), argv[1]);
      return DH_CLI_EXIT_USAGE;
    }

  if (version)
    {
      g_print ("delist-helper %s\n", PACKAGE_VERSION);
      return DH_CLI_EXIT_OK;
    }
  /* In the order `delist-helper` always took them. */
  if (ip != NULL)
    return dh_cli_check_ip (ip);
  if (list_cases)
    return dh_cli_list_cases ();
  if (export_id != NULL)
    return dh_cli_export_case (export_id, format, mask);
  if (analyze != NULL)
    return dh_cli_analyze (analyze);

  g_printerr ("%s\n", _("delist-helper: give one of --analyze FILE, --check-ip IP, --list-cases or --export-case ID (see --help)"));
  return DH_CLI_EXIT_USAGE;
}
