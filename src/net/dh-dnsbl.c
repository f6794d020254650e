/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-dnsbl.c: DNS block-list lookups through GResolver, all zones at once within one time limit. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dh-json.h"
#include "dh-dnsbl.h"
#include "dh-net-private.h"

static const char *status_names[] = { "not-listed", "listed", "unchecked", "not-applicable" };
static const char *reason_names[] = { NULL, "timeout", "resolver-error", "refused", "unknown-answer", "rewritten",
                                      "unproven", "offline" };

const char *
dh_dnsbl_status_to_string (DhDnsblStatus status)
{
  g_return_val_if_fail (status <= DH_DNSBL_STATUS_NOT_APPLICABLE, NULL);
  return status_names[status];
}

const char *
dh_dnsbl_reason_to_string (DhDnsblReason reason)
{
  g_return_val_if_fail (reason <= DH_DNSBL_REASON_OFFLINE, NULL);
  return reason_names[reason];
}

static void
result_free (gpointer data)
{
  DhDnsblResult *result = data;

  g_free (result->query);
  g_free (result->detail);
  g_strfreev (result->codes);
  g_strfreev (result->listing_ids);
  g_free (result);
}

void
dh_dnsbl_report_free (DhDnsblReport *report)
{
  if (report == NULL)
    return;
  g_free (report->address);
  g_clear_pointer (&report->results, g_ptr_array_unref);
  g_free (report);
}

guint
dh_dnsbl_report_count (const DhDnsblReport *report,
                       DhDnsblStatus        status)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->results->len; i++)
    if (((DhDnsblResult *) g_ptr_array_index (report->results, i))->status == status)
      n++;
  return n;
}

JsonNode *
dh_dnsbl_result_to_json (const DhDnsblResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "list", result->list->id);
  dh_json_add_string (builder, "name", result->list->name);
  dh_json_add_string (builder, "zone", result->zone->zone);
  dh_json_add_string (builder, "query", result->query);
  dh_json_add_string (builder, "status", dh_dnsbl_status_to_string (result->status));
  dh_json_add_string (builder, "reason", dh_dnsbl_reason_to_string (result->reason));
  dh_json_add_string (builder, "detail", result->detail);
  dh_json_add_strv (builder, "codes", result->codes);
  dh_json_add_strv (builder, "listings", result->listing_ids);
  dh_json_add_string (builder, "url", result->list->url);
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, result->elapsed_ms);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
dh_dnsbl_report_to_json (const DhDnsblReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "address", report->address);
  json_builder_set_member_name (builder, "listed");
  json_builder_add_int_value (builder, dh_dnsbl_report_count (report, DH_DNSBL_STATUS_LISTED));
  json_builder_set_member_name (builder, "unchecked");
  json_builder_add_int_value (builder, dh_dnsbl_report_count (report, DH_DNSBL_STATUS_UNCHECKED));
  json_builder_set_member_name (builder, "offline");
  json_builder_add_boolean_value (builder, report->offline);
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, report->elapsed_ms);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->results->len; i++)
    json_builder_add_value (builder, dh_dnsbl_result_to_json (g_ptr_array_index (report->results, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
dh_dnsbl_query_name (GInetAddress *address,
                     const char   *zone)
{
  const guint8 *bytes;
  GString *name;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  bytes = g_inet_address_to_bytes (address);
  name = g_string_new (NULL);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    for (int i = 3; i >= 0; i--)
      g_string_append_printf (name, "%u.", bytes[i]);
  else
    for (int i = 15; i >= 0; i--)
      g_string_append_printf (name, "%x.%x.", bytes[i] & 0xf, bytes[i] >> 4);
  g_string_append (name, zone);
  return g_string_free (name, FALSE);
}

char *
dh_dnsbl_zone_name (const DhBlocklistZone *zone,
                    const DhNetOptions    *options)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  /* Spamhaus DQS: zen.spamhaus.org is asked as KEY.zen.dq.spamhaus.net. */
  if (options && options->spamhaus_dqs_key && *options->spamhaus_dqs_key &&
      g_str_has_suffix (zone->zone, ".spamhaus.org"))
    {
      g_autofree char *head = g_strndup (zone->zone, strlen (zone->zone) - strlen (".spamhaus.org"));

      name = g_strdup_printf ("%s.%s.dq.spamhaus.net", options->spamhaus_dqs_key, head);
    }
  else
    name = g_strdup (zone->zone);
  if (options && options->dnsbl_zone_suffix && *options->dnsbl_zone_suffix)
    {
      const char *suffix = options->dnsbl_zone_suffix + (*options->dnsbl_zone_suffix == '.');
      char *full = g_strconcat (name, ".", suffix, NULL);

      g_free (name);
      name = full;
    }
  return g_steal_pointer (&name);
}

typedef enum {
  LOOKUP_ADDRESS,
  LOOKUP_TEST_NEGATIVE,
  LOOKUP_TEST_POSITIVE,
} LookupKind;

/* One zone: its three lookups (the address, the test-negative and the test-positive) and what they
 * returned. */
typedef struct {
  DhDnsblResult *result;
  gboolean       decided;
  guint          pending;       /* lookups not yet returned */
  gboolean       answered;      /* some lookup of the zone got an answer (not an error) */
  GList         *answers;       /* GInetAddress* of the address's name */
  GError        *error;
  GList         *test_answers;  /* of the test-negative name */
  GError        *test_error;
  GList         *positive_answers;  /* of the test-positive name */
  GError        *positive_error;
} Zone;

typedef struct {
  DhDnsblReport *report;
  GPtrArray     *zones;          /* Zone* */
  DhDeadline    *deadline;
  GSource       *timer;          /* the bound on the whole check */
  GSource       *silence;        /* ends the check early when no lookup has returned at all */
  gboolean       any_returned;   /* some lookup returned, with an answer or an error */
  guint          undecided;
  gint64         started;
  gboolean       returned;
} Check;

static void
zone_free (gpointer data)
{
  Zone *zone = data;

  g_list_free_full (zone->answers, g_object_unref);
  g_list_free_full (zone->test_answers, g_object_unref);
  g_list_free_full (zone->positive_answers, g_object_unref);
  g_clear_error (&zone->error);
  g_clear_error (&zone->test_error);
  g_clear_error (&zone->positive_error);
  g_free (zone);
}

static void
check_free (gpointer data)
{
  Check *check = data;

  dh_net_timer_clear (&check->timer);
  dh_net_timer_clear (&check->silence);
  g_clear_pointer (&check->report, dh_dnsbl_report_free);
  g_clear_pointer (&check->zones, g_ptr_array_unref);
  g_clear_pointer (&check->deadline, dh_deadline_free);
  g_free (check);
}

static guint
elapsed_ms (Check *check)
{
  return (g_get_monotonic_time () - check->started) / 1000;
}

static void
set_unchecked (DhDnsblResult *result,
               DhDnsblReason  reason,
               const char    *detail)
{
  result->status = DH_DNSBL_STATUS_UNCHECKED;
  result->reason = reason;
  g_free (result->detail);
  result->detail = g_strdup (detail);
}

/* A question that failed: "no such name" gives FALSE (what that means depends on the question);
 * any other failure makes the result unchecked. */
static gboolean
set_unchecked_from_error (DhDnsblResult *result,
                          const GError  *error)
{
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_unchecked (result, DH_DNSBL_REASON_TIMEOUT, NULL);
  else
    set_unchecked (result, DH_DNSBL_REASON_RESOLVER_ERROR, error->message);
  return TRUE;
}

static char **
addresses_to_strv (GList *answers)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GList *l = answers; l; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);

      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* What the two answers of a zone mean. A code the zone documents as a refusal, a code it does not
 * document at all, or a resolver that answers for the test-negative name: never "listed" nor
 * "not listed", only "could not check". */
static void
zone_decide (Check *check,
             Zone  *zone)
{
  DhDnsblResult *result = zone->result;
  const DhBlocklistZone *bl_zone = result->zone;

  g_assert (!zone->decided);
  zone->decided = TRUE;
  check->undecided--;
  result->elapsed_ms = elapsed_ms (check);

  if (zone->error != NULL)
    {
      if (!set_unchecked_from_error (result, zone->error))
        result->status = DH_DNSBL_STATUS_NOT_LISTED;
    }
  else
    {
      g_autoptr(GPtrArray) listings = g_ptr_array_new ();
      const char *refusal = NULL, *unknown = NULL;

      g_strfreev (result->codes);
      result->codes = addresses_to_strv (zone->answers);
      for (guint i = 0; result->codes[i]; i++)
        {
          const DhBlocklistAnswer *answer = dh_blocklist_zone_get_answer (bl_zone, result->codes[i]);
          const char *id;

          if (answer == NULL)
            unknown = unknown ? unknown : result->codes[i];
          else if (answer->error != NULL)
            refusal = refusal ? refusal : answer->error;
          else if (!g_ptr_array_find_with_equal_func (listings, (id = answer->listing ? answer->listing->id : result->list->id),
                                                      g_str_equal, NULL))
            g_ptr_array_add (listings, (gpointer) id);
        }
      g_ptr_array_add (listings, NULL);
      g_strfreev (result->listing_ids);
      result->listing_ids = g_strdupv ((char **) listings->pdata);
      if (refusal)
        set_unchecked (result, DH_DNSBL_REASON_REFUSED, refusal);
      else if (unknown || result->codes[0] == NULL)
        set_unchecked (result, DH_DNSBL_REASON_UNKNOWN_ANSWER, unknown);
      else
        result->status = DH_DNSBL_STATUS_LISTED;
      if (result->status != DH_DNSBL_STATUS_LISTED)
        {
          g_strfreev (result->listing_ids);
          result->listing_ids = g_new0 (char *, 1);
        }
    }

  /* The test-negative name must not exist. An answer there is either the list refusing (its own
   * refusal code) or a resolver that invents answers; either way neither verdict holds. A failed
   * test lookup proves nothing and changes nothing. */
  if (result->status != DH_DNSBL_STATUS_UNCHECKED && zone->test_error == NULL && zone->test_answers != NULL)
    {
      g_auto(GStrv) codes = addresses_to_strv (zone->test_answers);
      const DhBlocklistAnswer *answer = dh_blocklist_zone_get_answer (bl_zone, codes[0]);

      if (answer && answer->error)
        set_unchecked (result, DH_DNSBL_REASON_REFUSED, answer->error);
      else
        set_unchecked (result, DH_DNSBL_REASON_REWRITTEN, codes[0]);
      g_strfreev (result->listing_ids);
      result->listing_ids = g_new0 (char *, 1);
    }

  /* "No such name" is "not listed" only from a zone that answers: it must list its test entry at
   * the same time. A resolver that answers NXDOMAIN for everything (no network, a captive portal)
   * would otherwise make every list say "not listed" without having been asked. */
  if (result->status == DH_DNSBL_STATUS_NOT_LISTED)
    {
      if (zone->positive_error != NULL)
        {
          if (!set_unchecked_from_error (result, zone->positive_error))
            set_unchecked (result, DH_DNSBL_REASON_UNPROVEN, NULL);
        }
      else
        {
          g_auto(GStrv) codes = addresses_to_strv (zone->positive_answers);
          const char *refusal = NULL;
          gboolean listed = FALSE;

          for (guint i = 0; codes[i]; i++)
            {
              const DhBlocklistAnswer *answer = dh_blocklist_zone_get_answer (bl_zone, codes[i]);

              if (answer && answer->error)
                refusal = refusal ? refusal : answer->error;
              else if (answer)
                listed = TRUE;
            }
          if (refusal)
            set_unchecked (result, DH_DNSBL_REASON_REFUSED, refusal);
          else if (!listed)
            set_unchecked (result, DH_DNSBL_REASON_UNPROVEN, codes[0]);
        }
    }
}

/* When no lookup of any zone got an answer, every zone failed alike: the lists were never
 * reached. Each says so, rather than each its own way of not being reached. */
static void
check_offline (Check *check)
{
  const char *detail = NULL;
  g_autofree char *message = NULL;

  if (check->zones->len == 0)
    return;
  for (guint i = 0; i < check->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (check->zones, i);

      if (zone->answered || zone->result->status != DH_DNSBL_STATUS_UNCHECKED)
        return;
      if (detail == NULL && zone->result->reason == DH_DNSBL_REASON_RESOLVER_ERROR)
        detail = zone->result->detail;
    }
  check->report->offline = TRUE;
  /* A copy: setting each zone's reason frees the detail it had. */
  message = g_strdup (detail);
  for (guint i = 0; i < check->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (check->zones, i);

      set_unchecked (zone->result, DH_DNSBL_REASON_OFFLINE, message);
    }
}

static void
check_return (GTask *task)
{
  Check *check = g_task_get_task_data (task);

  g_assert (!check->returned);
  check->returned = TRUE;
  check->report->elapsed_ms = elapsed_ms (check);
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    check_offline (check);
  dh_net_timer_clear (&check->timer);
  dh_net_timer_clear (&check->silence);
  /* Lookups still running are of no more use. */
  g_cancellable_cancel (check->deadline->cancellable);
  g_task_return_pointer (task, g_steal_pointer (&check->report), (GDestroyNotify) dh_dnsbl_report_free);
}

static gboolean
check_timed_out (gpointer user_data)
{
  GTask *task = user_data;
  Check *check = g_task_get_task_data (task);

  for (guint i = 0; i < check->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (check->zones, i);

      if (!zone->decided)
        {
          zone->decided = TRUE;
          zone->result->elapsed_ms = elapsed_ms (check);
          set_unchecked (zone->result, DH_DNSBL_REASON_TIMEOUT, NULL);
        }
    }
  check->undecided = 0;
  g_clear_pointer (&check->timer, g_source_unref);
  check_return (task);
  return G_SOURCE_REMOVE;
}

/* No lookup of any zone, not even the test entries, returned within DH_DNSBL_SILENCE_MS: the
 * resolver swallows every question (a blackholed DNS server, a network that drops packets). Waiting
 * for the whole limit would not make the lists answer: every zone is "could not check" now, and
 * check_return () says the computer seems to be offline. */
static gboolean
check_silent (gpointer user_data)
{
  GTask *task = user_data;
  Check *check = g_task_get_task_data (task);

  g_clear_pointer (&check->silence, g_source_unref);
  if (!check->any_returned && !check->returned)
    check_timed_out (task);
  return G_SOURCE_REMOVE;
}

typedef struct {
  GTask      *task;
  Zone       *zone;
  LookupKind  kind;
} Lookup;

static void
lookup_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GTask) task = lookup->task;
  Check *check = g_task_get_task_data (task);
  Zone *zone = lookup->zone;
  LookupKind kind = lookup->kind;
  GError *error = NULL;
  GList *answers;

  g_free (lookup);
  answers = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), res, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    check->any_returned = TRUE;
  if (check->returned || zone->decided)
    {
      g_list_free_full (answers, g_object_unref);
      g_clear_error (&error);
      return;
    }
  if (answers != NULL)
    zone->answered = TRUE;
  switch (kind)
    {
    case LOOKUP_TEST_NEGATIVE:
      zone->test_answers = answers;
      zone->test_error = error;
      break;
    case LOOKUP_TEST_POSITIVE:
      zone->positive_answers = answers;
      zone->positive_error = error;
      break;
    case LOOKUP_ADDRESS:
    default:
      zone->answers = answers;
      zone->error = error;
      break;
    }
  /* The caller gave up: no verdict is wanted. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      check_return (task);
      return;
    }
  if (--zone->pending == 0)
    zone_decide (check, zone);
  if (check->undecided == 0)
    check_return (task);
}

static void
start_lookup (GTask      *task,
              GResolver  *resolver,
              Zone       *zone,
              const char *name,
              LookupKind  kind)
{
  Check *check = g_task_get_task_data (task);
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->task = g_object_ref (task);
  lookup->zone = zone;
  lookup->kind = kind;
  zone->pending++;
  g_resolver_lookup_by_name_with_flags_async (resolver, name, G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY,
                                              check->deadline->cancellable, lookup_done, lookup);
}

void
dh_dnsbl_check_async (GInetAddress        *address,
                      DhBlocklists        *lists,
                      const DhNetOptions  *options,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DhNetOptions) defaults = NULL;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GInetAddress) test_negative = NULL;
  gboolean ipv6;
  Check *check;

  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dh_dnsbl_check_async);
  if (options == NULL)
    options = defaults = dh_net_options_new ();
  if (lists == NULL)
    lists = dh_blocklists_get_default ();

  check = g_new0 (Check, 1);
  g_task_set_task_data (task, check, check_free);
  check->started = g_get_monotonic_time ();
  check->report = g_new0 (DhDnsblReport, 1);
  check->report->address = g_inet_address_to_string (address);
  check->report->results = g_ptr_array_new_with_free_func (result_free);
  check->zones = g_ptr_array_new_with_free_func (zone_free);
  /* No time limit here: the check's own timer ends it, with a verdict for every zone. */
  check->deadline = dh_deadline_new (cancellable, 0);
  ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;

  if (g_inet_address_get_is_any (address) || g_inet_address_get_is_multicast (address))
    {
      g_task_return_new_error (task, DH_NET_ERROR, DH_NET_ERROR_INVALID_ADDRESS,
                               /* Translators: %s is an IP address. */
                               _("%s is not an address that sends mail."), check->report->address);
      return;
    }

  for (guint i = 0; i < dh_blocklists_get_n_lists (lists); i++)
    {
      const DhBlocklist *list = dh_blocklists_get_list (lists, i);

      for (guint z = 0; z < list->zones->len; z++)
        {
          const DhBlocklistZone *bl_zone = g_ptr_array_index (list->zones, z);
          g_autofree char *zone_name = NULL;
          DhDnsblResult *result;
          Zone *zone;

          if (bl_zone->query_domain)
            continue;
          result = g_new0 (DhDnsblResult, 1);
          result->list = list;
          result->zone = bl_zone;
          result->codes = g_new0 (char *, 1);
          result->listing_ids = g_new0 (char *, 1);
          g_ptr_array_add (check->report->results, result);
          if (ipv6 && !bl_zone->ipv6)
            {
              result->status = DH_DNSBL_STATUS_NOT_APPLICABLE;
              continue;
            }
          zone_name = dh_dnsbl_zone_name (bl_zone, options);
          result->query = dh_dnsbl_query_name (address, zone_name);
          zone = g_new0 (Zone, 1);
          zone->result = result;
          g_ptr_array_add (check->zones, zone);
          check->undecided++;
        }
    }

  if (check->undecided == 0)
    {
      check_return (task);
      return;
    }

  /* Every lookup starts now; the slowest decides how long the check takes, up to the limit. */
  for (guint i = 0; i < check->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (check->zones, i);
      g_autofree char *zone_name = dh_dnsbl_zone_name (zone->result->zone, options);
      const DhBlocklistZone *bl_zone = zone->result->zone;
      g_autofree char *test_name = NULL;
      g_autofree char *positive_name = NULL;
      g_autoptr(GInetAddress) test_positive = NULL;

      test_negative = g_inet_address_new_from_string (bl_zone->test_negative);
      test_name = dh_dnsbl_query_name (test_negative, zone_name);
      g_clear_object (&test_negative);
      /* An IPv6 address is proven with the zone's IPv6 test entry where it has one. */
      test_positive = g_inet_address_new_from_string (ipv6 && bl_zone->test_positive_ipv6
                                                      ? bl_zone->test_positive_ipv6 : bl_zone->test_positive);
      positive_name = dh_dnsbl_query_name (test_positive, zone_name);
      start_lookup (task, resolver, zone, zone->result->query, LOOKUP_ADDRESS);
      start_lookup (task, resolver, zone, test_name, LOOKUP_TEST_NEGATIVE);
      start_lookup (task, resolver, zone, positive_name, LOOKUP_TEST_POSITIVE);
    }
  if (options->dnsbl_timeout_ms > 0)
    check->timer = dh_net_timer_new (options->dnsbl_timeout_ms, check_timed_out, task);
  if (options->dnsbl_timeout_ms == 0 || options->dnsbl_timeout_ms > DH_DNSBL_SILENCE_MS)
    check->silence = dh_net_timer_new (DH_DNSBL_SILENCE_MS, check_silent, task);
}

DhDnsblReport *
dh_dnsbl_check_finish (GAsyncResult  *result,
                       GError       **error)
{
  return dh_net_task_propagate_pointer (result, dh_dnsbl_check_async, error);
}
