/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.c: one delisting case: the bounce, the facts as the user corrected them, progress, replies. */
#include "config.h"

#include "dh-json.h"
#include "dh-case.h"
#include "dh-case-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The public struct first, then what only this file touches. */
typedef struct {
  DhCase          pub;
  gatomicrefcount ref_count;
  gboolean        stored_has_report;   /* the file named a report, which this load did not find
                                        * (not analysed, or the rules of this version differ) */
} DhCaseReal;

G_DEFINE_QUARK (dh-case-error-quark, dh_case_error)

static const char *fact_keys[DH_CASE_N_FACTS] = {
  "ip", "sender_address", "sender_domain", "recipient_domain", "code", "reporting_host",
  "remote_host", "diagnostic",
};

static const char *hosting_ids[] = { "unknown", "shared", "dedicated" };

static const char *state_ids[] = {
  "new", "in-progress", "waiting-for-reply", "not-qualified", "mitigation-wait", "wait-over",
  "not-blocked", "done",
};

static void
event_free (DhCaseEvent *event)
{
  g_clear_pointer (&event->time, g_date_time_unref);
  g_free (event->kind);
  g_free (event->detail);
  g_free (event);
}

static void
reply_free (DhCaseReply *reply)
{
  g_clear_pointer (&reply->received, g_date_time_unref);
  g_free (reply->text);
  g_free (reply->kind);
  g_free (reply->ticket);
  g_free (reply);
}

/* A case with no id, no timeline and revision 0: what loading fills in. */
static DhCase *
case_alloc (void)
{
  DhCaseReal *real = g_new0 (DhCaseReal, 1);
  DhCase *self = &real->pub;

  g_atomic_ref_count_init (&real->ref_count);
  self->page_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_variant_unref);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  self->replies = g_ptr_array_new_with_free_func ((GDestroyNotify) reply_free);
  self->tickets = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static void
append_event (DhCase     *self,
              GDateTime  *time,
              const char *kind,
              const char *detail)
{
  DhCaseEvent *event = g_new0 (DhCaseEvent, 1);

  event->time = g_date_time_ref (time);
  event->kind = g_strdup (kind);
  event->detail = g_strdup (detail);
  g_ptr_array_add (self->events, event);
}

/* A new, empty case: a fresh id, created = updated = now, one "created" event, revision 0. */
DhCase *
dh_case_new (void)
{
  DhCase *self = case_alloc ();

  self->id = g_uuid_string_random ();
  self->created = g_date_time_new_now_utc ();
  self->updated = g_date_time_ref (self->created);
  append_event (self, self->created, "created", NULL);
  return self;
}

DhCase *
dh_case_ref (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&((DhCaseReal *) self)->ref_count);
  return self;
}

static void
clear_facts (DhCase *self)
{
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    {
      g_clear_pointer (&self->facts[i], g_free);
      g_clear_pointer (&self->fact_lines[i], g_free);
    }
  g_clear_pointer (&self->date, g_date_time_unref);
}

void
dh_case_unref (DhCase *self)
{
  if (self == NULL)
    return;
  if (!g_atomic_ref_count_dec (&((DhCaseReal *) self)->ref_count))
    return;

  clear_facts (self);
  g_free (self->input);
  g_clear_pointer (&self->input_bytes, g_bytes_unref);
  g_clear_pointer (&self->analysis, dh_analysis_free);
  g_free (self->contact_name);
  g_free (self->contact_email);
  g_free (self->website);
  g_free (self->id);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_free (self->step);
  g_clear_pointer (&self->page_states, g_hash_table_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->replies, g_ptr_array_unref);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_free (self->notes);
  g_clear_pointer (&self->wait_until, g_date_time_unref);
  g_free ((DhCaseReal *) self);
}

/* Drops a reference: the same as dh_case_unref (). */
void
dh_case_free (DhCase *self)
{
  dh_case_unref (self);
}

/* Counts a change: revision + 1, updated = now (never earlier than before). Call it after changing
 * a field directly (contact_name, contact_email, hosting, website). */
void
dh_case_touch (DhCase *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (self != NULL);

  self->revision++;
  if (self->updated == NULL || g_date_time_compare (now, self->updated) > 0)
    {
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = g_steal_pointer (&now);
    }
}

static void
take_fact (DhCase     *self,
           DhCaseFact  fact,
           const char *value,
           const char *line)
{
  g_free (self->facts[fact]);
  self->facts[fact] = g_strdup (value);
  g_free (self->fact_lines[fact]);
  self->fact_lines[fact] = g_strdup (line);
}

static void
select_report (DhCase *self,
               guint   index)
{
  DhReport *report;
  g_autofree char *code = NULL;

  self->report_index = index;
  report = g_ptr_array_index (self->analysis->reports, index);
  clear_facts (self);

  take_fact (self, DH_CASE_IP, dh_report_get (report, DH_FACT_SENDING_IP),
             dh_report_get_line (report, DH_FACT_SENDING_IP));
  take_fact (self, DH_CASE_SENDER_ADDRESS, dh_report_get (report, DH_FACT_SENDER),
             dh_report_get_line (report, DH_FACT_SENDER));
  take_fact (self, DH_CASE_SENDER_DOMAIN, report->sender_domain,
             dh_report_get_line (report, DH_FACT_SENDER));
  take_fact (self, DH_CASE_RECIPIENT_DOMAIN,
             report->recipient_domains->len ? g_ptr_array_index (report->recipient_domains, 0) : NULL,
             dh_report_get_line (report, DH_FACT_RECIPIENT));
  code = dh_report_get (report, DH_FACT_PROVIDER_CODE)
           ? g_strdup (dh_report_get (report, DH_FACT_PROVIDER_CODE))
           : g_strdup (report->status);
  take_fact (self, DH_CASE_CODE, code, dh_report_get_line (report, DH_FACT_DIAGNOSTIC));
  take_fact (self, DH_CASE_REPORTING_HOST, dh_report_get (report, DH_FACT_REPORTING_HOST),
             dh_report_get_line (report, DH_FACT_REPORTING_HOST));
  take_fact (self, DH_CASE_REMOTE_HOST, dh_report_get (report, DH_FACT_REMOTE_HOST),
             dh_report_get_line (report, DH_FACT_REMOTE_HOST));
  take_fact (self, DH_CASE_DIAGNOSTIC, dh_report_get (report, DH_FACT_DIAGNOSTIC),
             dh_report_get_line (report, DH_FACT_DIAGNOSTIC));
  if (report->date)
    self->date = g_date_time_ref (report->date);

  self->is_block = report->is_block;
  self->system = report->system;
  self->kind = report->kind;
  self->remedy = report->remedy;
}

static void
set_analysis (DhCase     *self,
              const char *input,
              DhAnalysis *analysis)
{
  if (self->input != input)
    {
      g_free (self->input);
      self->input = g_strdup (input);
    }
  g_clear_pointer (&self->input_bytes, g_bytes_unref);
  g_clear_pointer (&self->analysis, dh_analysis_free);
  ((DhCaseReal *) self)->stored_has_report = FALSE;
  self->analysis = analysis;
  self->analysis_serial++;
  self->report_index = 0;
  clear_facts (self);
  self->is_block = FALSE;
  self->system = self->kind = self->remedy = NULL;

  if (analysis != NULL && analysis->reports->len > 0)
    select_report (self, 0);
}

/* Takes ownership of @analysis. Adds an "analysed" event (detail: the number of bounces found). */
void
dh_case_set_analysis (DhCase     *self,
                      const char *input,
                      DhAnalysis *analysis)
{
  g_autofree char *count = NULL;

  g_return_if_fail (self != NULL);

  set_analysis (self, input, analysis);
  count = g_strdup_printf ("%u", analysis ? analysis->reports->len : 0);
  dh_case_add_event (self, "analysed", count);
}

/* As dh_case_set_analysis (), for an analysis of @bytes (an opened file) that @input only shows
 * as text: the bytes are kept (and saved) when they differ from @input, so that loading analyses
 * what was analysed. */
void
dh_case_set_analysis_for_bytes (DhCase     *self,
                                const char *input,
                                GBytes     *bytes,
                                DhAnalysis *analysis)
{
  gsize length = 0;
  const char *data;

  g_return_if_fail (self != NULL);

  dh_case_set_analysis (self, input, analysis);
  data = bytes ? g_bytes_get_data (bytes, &length) : NULL;
  if (bytes && !(input && strlen (input) == length && memcmp (input, data, length) == 0))
    self->input_bytes = g_bytes_ref (bytes);
}

void
dh_case_select_report (DhCase *self,
                       guint   index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->analysis != NULL && index < self->analysis->reports->len);

  select_report (self, index);
  dh_case_touch (self);
}

DhReport *
dh_case_get_report (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->analysis == NULL || self->report_index >= self->analysis->reports->len)
    return NULL;
  return g_ptr_array_index (self->analysis->reports, self->report_index);
}

/* Whether a bounce was found and chosen (also for a case loaded without its analysis). */
gboolean
dh_case_has_report (DhCase *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return dh_case_get_report (self) != NULL || ((DhCaseReal *) self)->stored_has_report;
}

const char *
dh_case_get (DhCase     *self,
             DhCaseFact  fact)
{
  g_return_val_if_fail (self != NULL && fact < DH_CASE_N_FACTS, NULL);
  return self->facts[fact];
}

const char *
dh_case_get_line (DhCase     *self,
                  DhCaseFact  fact)
{
  g_return_val_if_fail (self != NULL && fact < DH_CASE_N_FACTS, NULL);
  return self->fact_lines[fact];
}

/* A user's correction: the value changes, the source line stays as evidence. */
void
dh_case_set (DhCase     *self,
             DhCaseFact  fact,
             const char *value)
{
  g_return_if_fail (self != NULL && fact < DH_CASE_N_FACTS);

  if (g_strcmp0 (self->facts[fact], value) == 0)
    return;
  g_free (self->facts[fact]);
  self->facts[fact] = (value && *value) ? g_strdup (value) : NULL;

  /* The sending domain follows the address unless the user set it apart. */
  if (fact == DH_CASE_SENDER_ADDRESS && value && strchr (value, '@'))
    {
      g_free (self->facts[DH_CASE_SENDER_DOMAIN]);
      self->facts[DH_CASE_SENDER_DOMAIN] = g_ascii_strdown (strrchr (value, '@') + 1, -1);
    }
  dh_case_touch (self);
}

/* The site to name in Microsoft's form: the user's, or https://<sending domain>/. */
char *
dh_case_get_website (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->website && *self->website)
    return g_strdup (self->website);
  if (self->facts[DH_CASE_SENDER_DOMAIN])
    return g_strdup_printf ("https://%s/", self->facts[DH_CASE_SENDER_DOMAIN]);
  return NULL;
}

/* Adds an event at the current time to the timeline; @detail may be NULL. */
void
dh_case_add_event (DhCase     *self,
                   const char *kind,
                   const char *detail)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind != NULL && *kind);

  dh_case_touch (self);
  append_event (self, self->updated, kind, detail);
}

/* Adds @ticket ("SRX…" or a numeric Request ID, surrounding blanks dropped) unless it is already
 * known; adds a "ticket" event. Returns whether it was new. */
gboolean
dh_case_add_ticket (DhCase     *self,
                    const char *ticket)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);

  clean = g_strstrip (g_strdup (ticket));
  if (*clean == '\0')
    return FALSE;
  for (guint i = 0; i < self->tickets->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->tickets, i), clean) == 0)
      return FALSE;
  g_ptr_array_add (self->tickets, g_strdup (clean));
  dh_case_add_event (self, "ticket", clean);
  return TRUE;
}

static gboolean
is_mitigated (const char *kind)
{
  return g_strcmp0 (kind, "mitigated") == 0 || g_strcmp0 (kind, "conditionally-mitigated") == 0;
}

/* Keeps a reply from Microsoft received at @received (NULL: now), verbatim, with its kind id (see
 * DhCaseReply) and its ticket (or NULL), which is also added to the tickets. Adds a "reply" event
 * (detail: the kind). A "mitigated" or "conditionally-mitigated" reply starts the wait:
 * wait_until = @received + DH_CASE_MITIGATION_WAIT_HOURS. */
void
dh_case_add_reply_full (DhCase     *self,
                        GDateTime  *received,
                        const char *text,
                        const char *kind,
                        const char *ticket)
{
  DhCaseReply *reply;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (kind != NULL && *kind);

  reply = g_new0 (DhCaseReply, 1);
  reply->received = received ? g_date_time_to_utc (received) : g_date_time_new_now_utc ();
  reply->text = g_strdup (text);
  reply->kind = g_strdup (kind);
  reply->ticket = (ticket && *ticket) ? g_strdup (ticket) : NULL;
  g_ptr_array_add (self->replies, reply);
  dh_case_add_event (self, "reply", kind);
  if (reply->ticket)
    dh_case_add_ticket (self, reply->ticket);
  if (is_mitigated (kind))
    {
      g_autoptr(GDateTime) until = g_date_time_add_hours (reply->received, DH_CASE_MITIGATION_WAIT_HOURS);
      dh_case_start_wait (self, until);
    }
}

/* dh_case_add_reply_full () received now. */
void
dh_case_add_reply (DhCase     *self,
                   const char *text,
                   const char *kind,
                   const char *ticket)
{
  dh_case_add_reply_full (self, NULL, text, kind, ticket);
}

/* Keeps what the page @name holds of its own (an a{sv}; a floating one is sunk), or forgets it
 * with NULL. A state equal to the one kept changes nothing (revision stays). */
void
dh_case_set_page_state (DhCase     *self,
                        const char *name,
                        GVariant   *state)
{
  GVariant *old;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (state == NULL || g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT));

  old = g_hash_table_lookup (self->page_states, name);
  if (state == NULL)
    {
      if (old != NULL)
        {
          g_hash_table_remove (self->page_states, name);
          dh_case_touch (self);
        }
      return;
    }

  g_variant_ref_sink (state);
  if (old != NULL && g_variant_equal (old, state))
    {
      g_variant_unref (state);
      return;
    }
  g_hash_table_replace (self->page_states, g_strdup (name), state);
  dh_case_touch (self);
}

/* The state kept for the page @name (transfer none: valid until the next change), or NULL. */
GVariant *
dh_case_get_page_state (DhCase     *self,
                        const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->page_states, name);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The wizard page shown (a name of dh-window.c's page_types). Navigating adds no event: the GUI
 * adds a "step" event when a step is completed. */
void
dh_case_set_step (DhCase     *self,
                  const char *name)
{
  g_return_if_fail (self != NULL);
  if (set_string (&self->step, name))
    dh_case_touch (self);
}

void
dh_case_set_notes (DhCase     *self,
                   const char *notes)
{
  g_return_if_fail (self != NULL);
  if (set_string (&self->notes, notes))
    dh_case_touch (self);
}

/* The mitigation wait ends at @until (NULL: no wait). Adds a "wait-started" event. A mitigating
 * reply starts it by itself; after a "portal-delisted" event (Microsoft 365's portal, which sends
 * no verdict by mail) the GUI starts it, for DH_CASE_PORTAL_DELIST_WAIT_HOURS. */
void
dh_case_start_wait (DhCase    *self,
                    GDateTime *until)
{
  g_autofree char *iso = NULL;

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->wait_until, g_date_time_unref);
  if (until == NULL)
    {
      dh_case_touch (self);
      return;
    }
  self->wait_until = g_date_time_to_utc (until);
  iso = g_date_time_format_iso8601 (self->wait_until);
  dh_case_add_event (self, "wait-started", iso);
}

/* The user marks the case done (a "done" event) or opens it again ("reopened"). */
void
dh_case_set_done (DhCase   *self,
                  gboolean  done)
{
  g_return_if_fail (self != NULL);

  done = !!done;
  if (self->done == done)
    return;
  self->done = done;
  dh_case_add_event (self, done ? "done" : "reopened", NULL);
}

static DhCaseEvent *
last_event (DhCase      *self,
            const char  *kind1,
            const char  *kind2)
{
  for (guint i = self->events->len; i > 0; i--)
    {
      DhCaseEvent *event = g_ptr_array_index (self->events, i - 1);

      if (g_strcmp0 (event->kind, kind1) == 0 || g_strcmp0 (event->kind, kind2) == 0)
        return event;
    }
  return NULL;
}

static gboolean
is_decisive (const char *kind)
{
  return is_mitigated (kind) || g_strcmp0 (kind, "not-qualified") == 0 ||
         g_strcmp0 (kind, "not-blocked") == 0;
}

static gboolean
later (GDateTime *a,
       GDateTime *b)
{
  return b == NULL || (a != NULL && g_date_time_compare (a, b) > 0);
}

/* Where the case stands, for the case list; *@since (transfer full, may be NULL) is the time the
 * state refers to, as documented at DhCaseState. Replies are taken in the order of their
 * received times; a form sent after the latest decisive reply means waiting again. */
DhCaseState
dh_case_get_state (DhCase     *self,
                   GDateTime **since)
{
  DhCaseReply *decisive = NULL, *acknowledged = NULL;
  DhCaseEvent *sent, *wait, *done;
  GDateTime *when = NULL;
  DhCaseState state;

  g_return_val_if_fail (self != NULL, DH_CASE_STATE_NEW);

  for (guint i = 0; i < self->replies->len; i++)
    {
      DhCaseReply *reply = g_ptr_array_index (self->replies, i);

      if (is_decisive (reply->kind) && (decisive == NULL || !later (decisive->received, reply->received)))
        decisive = reply;
      else if (g_strcmp0 (reply->kind, "acknowledgement") == 0 &&
               (acknowledged == NULL || !later (acknowledged->received, reply->received)))
        acknowledged = reply;
    }
  sent = last_event (self, "form-sent", "portal-delisted");
  wait = last_event (self, "wait-started", NULL);
  done = last_event (self, "done", NULL);

  if (self->done)
    {
      state = DH_CASE_STATE_DONE;
      when = done ? done->time : self->updated;
    }
  else if (decisive && !(sent && later (sent->time, decisive->received)) &&
           !is_mitigated (decisive->kind))
    {
      state = g_strcmp0 (decisive->kind, "not-qualified") == 0 ? DH_CASE_STATE_NOT_QUALIFIED
                                                              : DH_CASE_STATE_NOT_BLOCKED;
      when = decisive->received;
    }
  else if (self->wait_until && wait && !(sent && later (sent->time, wait->time)))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      state = g_date_time_compare (now, self->wait_until) < 0 ? DH_CASE_STATE_MITIGATION_WAIT
                                                              : DH_CASE_STATE_WAIT_OVER;
      when = self->wait_until;
    }
  else if (sent || acknowledged)
    {
      state = DH_CASE_STATE_WAITING_FOR_REPLY;
      when = sent ? sent->time : acknowledged->received;
    }
  else if (!dh_case_has_report (self))
    {
      state = DH_CASE_STATE_NEW;
      when = self->created;
    }
  else
    {
      state = DH_CASE_STATE_IN_PROGRESS;
      when = self->updated;
    }

  if (since)
    *since = when ? g_date_time_ref (when) : NULL;
  return state;
}

/* A stable id ("new", "in-progress", "waiting-for-reply", "not-qualified", "mitigation-wait",
 * "wait-over", "not-blocked", "done"), never translated. */
const char *
dh_case_state_to_string (DhCaseState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_ids), NULL);
  return state_ids[state];
}

gboolean
dh_case_state_from_string (const char  *id,
                           DhCaseState *state)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_ids); i++)
    if (g_str_equal (id, state_ids[i]))
      {
        if (state)
          *state = i;
        return TRUE;
      }
  return FALSE;
}

/* JSON */

/* Each value of the a{sv} with its own type, so that a page gets back an "ab" or a "u" and not a
 * guess (json_gvariant_deserialize () guesses the type inside a "v"); bytes as base64. */
static JsonNode *
page_state_to_json (GVariant *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_begin_object (builder);
  g_variant_iter_init (&iter, state);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, g_variant_get_type_string (value));
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
        {
          g_autofree char *base64 = g_base64_encode (g_variant_get_data (value), g_variant_get_size (value));

          json_builder_set_member_name (builder, "base64");
          json_builder_add_string_value (builder, base64);
        }
      else
        {
          json_builder_set_member_name (builder, "value");
          json_builder_add_value (builder, json_gvariant_serialize (value));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_input (JsonBuilder *builder,
           DhCase      *self)
{
  dh_json_add_string (builder, "input", self->input);
  if (self->input_bytes)
    {
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (self->input_bytes, NULL),
                                                 g_bytes_get_size (self->input_bytes));

      dh_json_add_string (builder, "input_bytes", base64);
    }
}

/* About how many bytes the bounce takes in JSON. */
gsize
dh_case_input_size (DhCase *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (self->input ? strlen (self->input) : 0) +
         (self->input_bytes ? g_bytes_get_size (self->input_bytes) / 3 * 4 : 0);
}

/* {"input": …, "input_bytes": …}: what dh_case_to_json_without_input () leaves out. */
JsonNode *
dh_case_input_to_json (DhCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, DH_CASE_FORMAT);
  dh_json_add_string (builder, "id", self->id);
  add_input (builder, self);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
to_json (DhCase   *self,
         gboolean  with_input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) names = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, DH_CASE_FORMAT);
  dh_json_add_string (builder, "id", self->id);
  dh_json_add_time (builder, "created", self->created);
  dh_json_add_time (builder, "updated", self->updated);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, (gint64) self->revision);

  if (with_input)
    add_input (builder, self);
  json_builder_set_member_name (builder, "report_index");
  if (dh_case_has_report (self))
    json_builder_add_int_value (builder, self->report_index);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "facts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    dh_json_add_string (builder, fact_keys[i], self->facts[i]);
  json_builder_end_object (builder);

  dh_json_add_string (builder, "contact_name", self->contact_name);
  dh_json_add_string (builder, "contact_email", self->contact_email);
  dh_json_add_string (builder, "hosting", hosting_ids[self->hosting < G_N_ELEMENTS (hosting_ids) ? self->hosting : 0]);
  dh_json_add_string (builder, "website", self->website);
  dh_json_add_string (builder, "step", self->step);

  /* Sorted, so that the same case always gives the same file. */
  json_builder_set_member_name (builder, "page_states");
  json_builder_begin_object (builder);
  names = g_list_sort (g_hash_table_get_keys (self->page_states), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, page_state_to_json (g_hash_table_lookup (self->page_states, l->data)));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->events->len; i++)
    {
      DhCaseEvent *event = g_ptr_array_index (self->events, i);

      json_builder_begin_object (builder);
      dh_json_add_time (builder, "time", event->time);
      dh_json_add_string (builder, "kind", event->kind);
      dh_json_add_string (builder, "detail", event->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "replies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->replies->len; i++)
    {
      DhCaseReply *reply = g_ptr_array_index (self->replies, i);

      json_builder_begin_object (builder);
      dh_json_add_time (builder, "received", reply->received);
      dh_json_add_string (builder, "kind", reply->kind);
      dh_json_add_string (builder, "ticket", reply->ticket);
      dh_json_add_string (builder, "text", reply->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tickets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->tickets->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->tickets, i));
  json_builder_end_array (builder);

  dh_json_add_string (builder, "notes", self->notes);
  dh_json_add_time (builder, "wait_until", self->wait_until);
  json_builder_set_member_name (builder, "done");
  json_builder_add_boolean_value (builder, self->done);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The case as JSON ("format": DH_CASE_FORMAT). The bounce is kept as pasted and analysed again on
 * load; the facts hold the user's corrections. */
JsonNode *
dh_case_to_json (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_json (self, TRUE);
}

/* The same without the bounce, which DhCaseStore keeps in a file of its own when it is large. */
JsonNode *
dh_case_to_json_without_input (DhCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_json (self, FALSE);
}

static gboolean
corrupt (GError    **error,
         const char *member)
{
  g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
               /* Translators: %1$s is the name of a JSON member, such as "created". */
               _("The case file is damaged: “%1$s” is missing or not what it should be."), member);
  return FALSE;
}

/* A string member: absent or null gives NULL when @optional. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            gboolean     optional,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return optional ? TRUE : corrupt (error, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return corrupt (error, member);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *member,
          gboolean     optional,
          GDateTime  **out,
          GError     **error)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) time = NULL;

  *out = NULL;
  if (!get_string (object, member, optional, &iso, error))
    return FALSE;
  if (iso == NULL)
    return TRUE;
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    return corrupt (error, member);
  *out = g_date_time_to_utc (time);
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gboolean    optional,
         gboolean   *present,
         gint64     *out,
         GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return optional ? TRUE : corrupt (error, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return corrupt (error, member);
  *out = json_node_get_int (node);
  *present = TRUE;
  return TRUE;
}

/* The array or object member, or NULL when absent or null; FALSE when it is something else. */
static gboolean
get_container (JsonObject  *object,
               const char  *member,
               JsonNodeType type,
               JsonNode   **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_TYPE (node) != type)
    return corrupt (error, member);
  *out = node;
  return TRUE;
}

static GVariant *
page_state_from_json (JsonNode  *node,
                      GError   **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return corrupt (error, "page_states"), NULL;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *entry = json_object_get_member (object, l->data);
      g_autofree char *type = NULL;
      g_autofree char *base64 = NULL;
      GVariant *value = NULL;
      JsonObject *entry_object;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return corrupt (error, "page_states"), NULL;
      entry_object = json_node_get_object (entry);
      if (!get_string (entry_object, "type", FALSE, &type, error) ||
          !get_string (entry_object, "base64", TRUE, &base64, error))
        return NULL;
      if (!g_variant_type_string_is_valid (type))
        return corrupt (error, "page_states"), NULL;
      if (base64 != NULL && g_str_equal (type, "ay"))
        {
          gsize length;
          guchar *data = g_base64_decode (base64, &length);

          value = g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, data, length, TRUE, g_free, data);
        }
      else if (json_object_has_member (entry_object, "value"))
        value = json_gvariant_deserialize (json_object_get_member (entry_object, "value"), type, NULL);
      if (value == NULL)
        return corrupt (error, "page_states"), NULL;
      g_variant_builder_add (&builder, "{sv}", (const char *) l->data, value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* The "format" of @node, -1 when it has none. */
gint64
dh_case_json_format (JsonNode *node)
{
  JsonNode *format;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return -1;
  format = json_object_get_member (json_node_get_object (node), "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (format);
}

/* The JSON of a case file's (or a bounce file's) bytes: UTF-8, complete, nested at most
 * DH_JSON_MAX_DEPTH deep (checked before json-glib recurses into it). DH_CASE_ERROR_CORRUPT
 * otherwise, with a translated message. */
JsonNode *
dh_case_parse_file_data (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT, _("The case file is empty."));
      return NULL;
    }
  if (!dh_json_check_depth (data, length, DH_JSON_MAX_DEPTH, NULL))
    {
      g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                   /* Translators: %1$u is a number of levels, 64. */
                   _("The case file is damaged: it nests deeper than %1$u levels."), DH_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL) ||
      (root = dh_json_parse_untrusted (data, length, &local_error)) == NULL)
    {
      g_set_error_literal (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                           _("The case file is damaged: it is not complete, valid JSON."));
      return NULL;
    }
  return root;
}

DhCase *
dh_case_load_json (JsonNode         *node,
                   DhCaseLoadFlags   flags,
                   GError          **error)
{
  g_autoptr(DhCase) self = NULL;
  g_autofree char *hosting = NULL;
  g_autofree char *input_base64 = NULL;
  JsonObject *root, *facts_object = NULL;
  JsonNode *container;
  gint64 format, number = 0;
  gboolean present;
  char *facts[DH_CASE_N_FACTS] = { NULL };
  gboolean ok = FALSE;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  format = dh_case_json_format (node);
  if (format < 1)
    return corrupt (error, "format"), NULL;
  if (format > DH_CASE_FORMAT)
    {
      g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NEWER_FORMAT,
                   _("The case was saved by a newer version of Delist Helper. Update Delist Helper to open it."));
      return NULL;
    }
  root = json_node_get_object (node);

  self = case_alloc ();
  if (!get_string (root, "id", FALSE, &self->id, error) ||
      !get_time (root, "created", FALSE, &self->created, error) ||
      !get_time (root, "updated", FALSE, &self->updated, error) ||
      !get_int (root, "revision", FALSE, &present, &number, error))
    return NULL;
  self->revision = number;
  /* An id is a file name: nothing that could leave the folder. */
  if (!g_uuid_string_is_valid (self->id))
    return corrupt (error, "id"), NULL;

  if (!get_string (root, "input", TRUE, &self->input, error) ||
      !get_string (root, "input_bytes", TRUE, &input_base64, error) ||
      !get_int (root, "report_index", TRUE, &present, &number, error) ||
      !get_container (root, "facts", JSON_NODE_OBJECT, &container, error))
    return NULL;
  if (container)
    facts_object = json_node_get_object (container);

  if (present && (flags & DH_CASE_LOAD_NO_ANALYSIS))
    {
      ((DhCaseReal *) self)->stored_has_report = TRUE;
      g_clear_pointer (&self->input, g_free);
      g_clear_pointer (&input_base64, g_free);
    }
  else if ((self->input != NULL || input_base64 != NULL) && !(flags & DH_CASE_LOAD_NO_ANALYSIS))
    {
      /* The analysis is deterministic: the same bounce gives the same reports. If the rules of
       * this version find fewer, the facts below still hold what the user saw. */
      g_autoptr(GBytes) bytes = NULL;
      DhAnalysis *analysis;

      if (input_base64)
        {
          gsize length;
          guchar *data = g_base64_decode (input_base64, &length);

          bytes = g_bytes_new_take (data, length);
        }
      else
        bytes = g_bytes_new_static (self->input, strlen (self->input));
      analysis = dh_analyze (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
      set_analysis (self, self->input, analysis);
      if (input_base64)
        self->input_bytes = g_steal_pointer (&bytes);
      if (present && analysis && number < analysis->reports->len && number > 0)
        select_report (self, number);
      /* Still a case about a bounce: the stored facts say what it was. */
      if (present && dh_case_get_report (self) == NULL)
        ((DhCaseReal *) self)->stored_has_report = TRUE;
    }

  for (guint i = 0; facts_object && i < DH_CASE_N_FACTS; i++)
    if (!get_string (facts_object, fact_keys[i], TRUE, &facts[i], error))
      goto out;
  if (facts_object)
    for (guint i = 0; i < DH_CASE_N_FACTS; i++)
      {
        g_free (self->facts[i]);
        self->facts[i] = g_steal_pointer (&facts[i]);
      }

  if (!get_string (root, "contact_name", TRUE, &self->contact_name, error) ||
      !get_string (root, "contact_email", TRUE, &self->contact_email, error) ||
      !get_string (root, "hosting", TRUE, &hosting, error) ||
      !get_string (root, "website", TRUE, &self->website, error) ||
      !get_string (root, "step", TRUE, &self->step, error) ||
      !get_string (root, "notes", TRUE, &self->notes, error) ||
      !get_time (root, "wait_until", TRUE, &self->wait_until, error))
    goto out;
  self->hosting = DH_HOSTING_UNKNOWN;
  for (guint i = 0; hosting && i < G_N_ELEMENTS (hosting_ids); i++)
    if (g_str_equal (hosting, hosting_ids[i]))
      self->hosting = i;

  container = json_object_get_member (root, "done");
  if (container && JSON_NODE_HOLDS_VALUE (container) && json_node_get_value_type (container) == G_TYPE_BOOLEAN)
    self->done = json_node_get_boolean (container);
  else if (container && !JSON_NODE_HOLDS_NULL (container))
    {
      corrupt (error, "done");
      goto out;
    }

  if (!get_container (root, "page_states", JSON_NODE_OBJECT, &container, error))
    goto out;
  if (container)
    {
      JsonObject *object = json_node_get_object (container);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        {
          GVariant *state = page_state_from_json (json_object_get_member (object, l->data), error);

          if (state == NULL)
            goto out;
          g_hash_table_replace (self->page_states, g_strdup (l->data), state);
        }
    }

  if (!get_container (root, "events", JSON_NODE_ARRAY, &container, error))
    goto out;
  for (guint i = 0; container && i < json_array_get_length (json_node_get_array (container)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (container), i);
      DhCaseEvent *event;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          corrupt (error, "events");
          goto out;
        }
      event = g_new0 (DhCaseEvent, 1);
      g_ptr_array_add (self->events, event);
      if (!get_time (json_node_get_object (element), "time", FALSE, &event->time, error) ||
          !get_string (json_node_get_object (element), "kind", FALSE, &event->kind, error) ||
          !get_string (json_node_get_object (element), "detail", TRUE, &event->detail, error))
        goto out;
    }

  if (!get_container (root, "replies", JSON_NODE_ARRAY, &container, error))
    goto out;
  for (guint i = 0; container && i < json_array_get_length (json_node_get_array (container)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (container), i);
      DhCaseReply *reply;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          corrupt (error, "replies");
          goto out;
        }
      reply = g_new0 (DhCaseReply, 1);
      g_ptr_array_add (self->replies, reply);
      if (!get_time (json_node_get_object (element), "received", FALSE, &reply->received, error) ||
          !get_string (json_node_get_object (element), "kind", FALSE, &reply->kind, error) ||
          !get_string (json_node_get_object (element), "ticket", TRUE, &reply->ticket, error) ||
          !get_string (json_node_get_object (element), "text", FALSE, &reply->text, error))
        goto out;
    }

  if (!get_container (root, "tickets", JSON_NODE_ARRAY, &container, error))
    goto out;
  for (guint i = 0; container && i < json_array_get_length (json_node_get_array (container)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (container), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          corrupt (error, "tickets");
          goto out;
        }
      g_ptr_array_add (self->tickets, g_strdup (json_node_get_string (element)));
    }

  ok = TRUE;

out:
  for (guint i = 0; i < DH_CASE_N_FACTS; i++)
    g_free (facts[i]);
  return ok ? g_steal_pointer (&self) : NULL;
}

/* A case from dh_case_to_json ()'s JSON: the bounce is analysed again and the report chosen, then
 * the stored facts (the user's corrections) replace what the analysis found. Errors:
 * DH_CASE_ERROR_NEWER_FORMAT for a "format" above DH_CASE_FORMAT, DH_CASE_ERROR_CORRUPT for
 * anything else that is not a case. */
DhCase *
dh_case_from_json (JsonNode  *node,
                   GError   **error)
{
  return dh_case_load_json (node, DH_CASE_LOAD_FULL, error);
}
