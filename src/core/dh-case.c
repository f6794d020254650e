/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.c: one delisting case: the bounce, the facts as the user corrected them, progress, replies. */
#include "config.h"

#include "dh-json.h"
#include "dh-case.h"
#include "dh-case-private.h"

#include <glib/gi18n.h>
#include <string.h>

struct _DhCase
{
  GObject     parent_instance;

  char       *input;             /* the bounce as pasted or opened (valid UTF-8) */
  GBytes     *input_bytes;       /* the bytes analysed when they are not @input (an opened file,
                                  * e.g. a Shift_JIS .eml), else NULL: what loading analyses */
  DhAnalysis *analysis;
  guint       report_index;      /* which bounce of the analysis the case is about */
  guint       analysis_serial;   /* grows with every new analysis */
  gboolean    stored_has_report; /* the file named a report, which this load did not find
                                  * (not analysed, or the rules of this version differ) */

  char       *facts[DH_CASE_N_FACTS];
  char       *fact_lines[DH_CASE_N_FACTS];
  GDateTime  *date;

  gboolean    is_block;
  const char *system;
  const char *kind;
  const char *remedy;

  char       *contact_name;
  char       *contact_email;
  DhHosting   hosting;
  gboolean    hosting_chosen;    /* the user chose shared or dedicated on the form */
  char       *website;           /* the user's, or NULL (dh_case_get_website () falls back) */

  char       *id;                /* a random UUID, the file name in DhCaseStore */
  GDateTime  *created;           /* UTC */
  GDateTime  *updated;           /* UTC, the last change */
  guint64     revision;          /* grows with every change (by one or more) */
  char       *step;              /* the wizard page name shown last, or NULL */
  GPtrArray  *events;            /* DhCaseEvent*, in order */
  GPtrArray  *replies;           /* DhCaseReply*, in the order added */
  GPtrArray  *tickets;           /* char*: "SRX…" numbers and numeric Request IDs, in order seen */
  char       *notes;             /* the user's own notes, or NULL */
  GDateTime  *wait_until;        /* the end of the mitigation wait, or NULL */
  gboolean    done;              /* the user marked the case done */

  gboolean    portal_ticks[DH_PORTAL_N_STEPS];
  char       *portal_ip;         /* the IP the portal's ticks belong to */
  gboolean    form_sent;
  char       *title_language;    /* the form title's language ("ja", "en"), or NULL */
  char       *time_zone;         /* the form's time zone, a Windows id, or NULL */
  char       *message_languages[DH_CASE_N_MESSAGES];

  guint       change_depth;      /* > 0 inside a change made of several */
  gboolean    change_pending;    /* a change inside it, "changed" not emitted yet */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_REVISION,
  PROP_CONTACT_NAME,
  PROP_CONTACT_EMAIL,
  PROP_HOSTING,
  PROP_HOSTING_CHOSEN,
  PROP_WEBSITE,
  PROP_NOTES,
  PROP_STEP,
  PROP_DONE,
  PROP_WAIT_UNTIL,
  PROP_PORTAL_IP,
  PROP_FORM_SENT,
  PROP_TITLE_LANGUAGE,
  PROP_TIME_ZONE,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DhCase, dh_case, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (DhHosting, dh_hosting,
                    G_DEFINE_ENUM_VALUE (DH_HOSTING_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (DH_HOSTING_SHARED, "shared"),
                    G_DEFINE_ENUM_VALUE (DH_HOSTING_DEDICATED, "dedicated"))

G_DEFINE_QUARK (dh-case-error-quark, dh_case_error)

static const char *fact_keys[DH_CASE_N_FACTS] = {
  "ip", "sender_address", "sender_domain", "recipient_domain", "code", "reporting_host",
  "remote_host", "diagnostic",
};

static const char *hosting_ids[] = { "unknown", "shared", "dedicated" };

static const char *portal_step_ids[DH_PORTAL_N_STEPS] = {
  "portal-submit", "portal-mail", "portal-delist", "portal-wait",
};

/* The keys of the "message_languages" object of a case file. */
static const char *message_keys[DH_CASE_N_MESSAGES] = { "host", "delist-mail", "reply" };

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

static void clear_facts (DhCase *self);

static void
dh_case_finalize (GObject *object)
{
  DhCase *self = DH_CASE (object);

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
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->replies, g_ptr_array_unref);
  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_free (self->notes);
  g_clear_pointer (&self->wait_until, g_date_time_unref);
  g_free (self->portal_ip);
  g_free (self->title_language);
  g_free (self->time_zone);
  for (guint i = 0; i < DH_CASE_N_MESSAGES; i++)
    g_free (self->message_languages[i]);
  G_OBJECT_CLASS (dh_case_parent_class)->finalize (object);
}

static void
dh_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DhCase *self = DH_CASE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_REVISION: g_value_set_uint64 (value, self->revision); break;
    case PROP_CONTACT_NAME: g_value_set_string (value, self->contact_name); break;
    case PROP_CONTACT_EMAIL: g_value_set_string (value, self->contact_email); break;
    case PROP_HOSTING: g_value_set_enum (value, self->hosting); break;
    case PROP_HOSTING_CHOSEN: g_value_set_boolean (value, self->hosting_chosen); break;
    case PROP_WEBSITE: g_value_set_string (value, self->website); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_STEP: g_value_set_string (value, self->step); break;
    case PROP_DONE: g_value_set_boolean (value, self->done); break;
    case PROP_WAIT_UNTIL: g_value_set_boxed (value, self->wait_until); break;
    case PROP_PORTAL_IP: g_value_set_string (value, self->portal_ip); break;
    case PROP_FORM_SENT: g_value_set_boolean (value, self->form_sent); break;
    case PROP_TITLE_LANGUAGE: g_value_set_string (value, self->title_language); break;
    case PROP_TIME_ZONE: g_value_set_string (value, self->time_zone); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DhCase *self = DH_CASE (object);

  switch (prop_id)
    {
    case PROP_CONTACT_NAME: dh_case_set_contact_name (self, g_value_get_string (value)); break;
    case PROP_CONTACT_EMAIL: dh_case_set_contact_email (self, g_value_get_string (value)); break;
    case PROP_HOSTING: dh_case_set_hosting (self, g_value_get_enum (value)); break;
    case PROP_HOSTING_CHOSEN: dh_case_set_hosting_chosen (self, g_value_get_boolean (value)); break;
    case PROP_WEBSITE: dh_case_set_user_website (self, g_value_get_string (value)); break;
    case PROP_NOTES: dh_case_set_notes (self, g_value_get_string (value)); break;
    case PROP_STEP: dh_case_set_step (self, g_value_get_string (value)); break;
    case PROP_DONE: dh_case_set_done (self, g_value_get_boolean (value)); break;
    case PROP_WAIT_UNTIL: dh_case_start_wait (self, g_value_get_boxed (value)); break;
    case PROP_PORTAL_IP: dh_case_set_portal_ip (self, g_value_get_string (value)); break;
    case PROP_FORM_SENT: dh_case_set_form_sent (self, g_value_get_boolean (value)); break;
    case PROP_TITLE_LANGUAGE: dh_case_set_title_language (self, g_value_get_string (value)); break;
    case PROP_TIME_ZONE: dh_case_set_time_zone (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dh_case_class_init (DhCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dh_case_finalize;
  object_class->get_property = dh_case_get_property;
  object_class->set_property = dh_case_set_property;

  props[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  props[PROP_REVISION] = g_param_spec_uint64 ("revision", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  props[PROP_CONTACT_NAME] = g_param_spec_string ("contact-name", NULL, NULL, NULL, rw);
  props[PROP_CONTACT_EMAIL] = g_param_spec_string ("contact-email", NULL, NULL, NULL, rw);
  props[PROP_HOSTING] = g_param_spec_enum ("hosting", NULL, NULL, DH_TYPE_HOSTING, DH_HOSTING_UNKNOWN, rw);
  props[PROP_HOSTING_CHOSEN] = g_param_spec_boolean ("hosting-chosen", NULL, NULL, FALSE, rw);
  props[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, rw);
  props[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  props[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL, rw);
  props[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, rw);
  props[PROP_WAIT_UNTIL] = g_param_spec_boxed ("wait-until", NULL, NULL, G_TYPE_DATE_TIME, rw);
  props[PROP_PORTAL_IP] = g_param_spec_string ("portal-ip", NULL, NULL, NULL, rw);
  props[PROP_FORM_SENT] = g_param_spec_boolean ("form-sent", NULL, NULL, FALSE, rw);
  props[PROP_TITLE_LANGUAGE] = g_param_spec_string ("title-language", NULL, NULL, NULL, rw);
  props[PROP_TIME_ZONE] = g_param_spec_string ("time-zone", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* Emitted once for every change (a fact corrected, an event, a reply with its ticket and its
   * wait), after revision and updated have been counted: what DhCaseStore's users save on. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* A case with no id, no timeline and revision 0: what loading fills in. */
static void
dh_case_init (DhCase *self)
{
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  self->replies = g_ptr_array_new_with_free_func ((GDestroyNotify) reply_free);
  self->tickets = g_ptr_array_new_with_free_func (g_free);
}

static DhCase *
case_alloc (void)
{
  return g_object_new (DH_TYPE_CASE, NULL);
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

/* A change made of several (a reply, its ticket, its wait) emits "changed" once, at the end. */
static void
begin_change (DhCase *self)
{
  self->change_depth++;
}

static void
end_change (DhCase *self)
{
  g_assert (self->change_depth > 0);
  if (--self->change_depth == 0 && self->change_pending)
    {
      self->change_pending = FALSE;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

/* Counts a change: revision + 1, updated = now (never earlier than before), then "changed". */
static void
touch (DhCase *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->revision++;
  if (self->updated == NULL || g_date_time_compare (now, self->updated) > 0)
    {
      g_clear_pointer (&self->updated, g_date_time_unref);
      self->updated = g_steal_pointer (&now);
    }
  begin_change (self);
  self->change_pending = TRUE;
  end_change (self);
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
  self->stored_has_report = FALSE;
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

  g_return_if_fail (DH_IS_CASE (self));

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

  g_return_if_fail (DH_IS_CASE (self));

  dh_case_set_analysis (self, input, analysis);
  data = bytes ? g_bytes_get_data (bytes, &length) : NULL;
  if (bytes && !(input && strlen (input) == length && memcmp (input, data, length) == 0))
    self->input_bytes = g_bytes_ref (bytes);
}

void
dh_case_select_report (DhCase *self,
                       guint   index)
{
  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (self->analysis != NULL && index < self->analysis->reports->len);

  select_report (self, index);
  touch (self);
}

DhReport *
dh_case_get_report (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);

  if (self->analysis == NULL || self->report_index >= self->analysis->reports->len)
    return NULL;
  return g_ptr_array_index (self->analysis->reports, self->report_index);
}

void
dh_case_set_classification (DhCase     *self,
                            gboolean    is_block,
                            const char *system,
                            const char *kind,
                            const char *remedy,
                            GDateTime  *date)
{
  g_return_if_fail (DH_IS_CASE (self));

  self->is_block = is_block;
  self->system = system;
  self->kind = kind;
  self->remedy = remedy;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = date ? g_date_time_ref (date) : NULL;
  touch (self);
}

/* Whether a bounce was found and chosen (also for a case loaded without its analysis). */
gboolean
dh_case_has_report (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  return dh_case_get_report (self) != NULL || self->stored_has_report;
}

const char *
dh_case_get (DhCase     *self,
             DhCaseFact  fact)
{
  g_return_val_if_fail (DH_IS_CASE (self) && fact < DH_CASE_N_FACTS, NULL);
  return self->facts[fact];
}

const char *
dh_case_get_line (DhCase     *self,
                  DhCaseFact  fact)
{
  g_return_val_if_fail (DH_IS_CASE (self) && fact < DH_CASE_N_FACTS, NULL);
  return self->fact_lines[fact];
}

/* A user's correction: the value changes, the source line stays as evidence. */
void
dh_case_set (DhCase     *self,
             DhCaseFact  fact,
             const char *value)
{
  g_return_if_fail (DH_IS_CASE (self) && fact < DH_CASE_N_FACTS);

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
  touch (self);
}

/* The site to name in Microsoft's form: the user's, or https://<sending domain>/. */
char *
dh_case_get_website (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);

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
  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (kind != NULL && *kind);

  touch (self);
  append_event (self, self->updated, kind, detail);
}

/* Adds @ticket ("SRX…" or a numeric Request ID, surrounding blanks dropped) unless it is already
 * known; adds a "ticket" event. Returns whether it was new. */
gboolean
dh_case_add_ticket (DhCase     *self,
                    const char *ticket)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
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

  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (kind != NULL && *kind);

  begin_change (self);
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
  end_change (self);
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

/* Sets a string field; a change is notified and counted. */
static void
change_string (DhCase     *self,
               char      **field,
               const char *value,
               guint       prop)
{
  if (!set_string (field, value))
    return;
  if (prop)
    g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
  touch (self);
}

static void
change_boolean (DhCase   *self,
                gboolean *field,
                gboolean  value,
                guint     prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  if (prop)
    g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
  touch (self);
}

const char *
dh_case_get_input (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->input;
}

GBytes *
dh_case_get_input_bytes (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->input_bytes;
}

DhAnalysis *
dh_case_get_analysis (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->analysis;
}

guint
dh_case_get_report_index (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), 0);
  return self->report_index;
}

guint
dh_case_get_analysis_serial (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), 0);
  return self->analysis_serial;
}

GDateTime *
dh_case_get_date (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->date;
}

gboolean
dh_case_is_block (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  return self->is_block;
}

const char *
dh_case_get_system (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->system;
}

const char *
dh_case_get_kind (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->kind;
}

const char *
dh_case_get_remedy (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->remedy;
}

const char *
dh_case_get_id (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->id;
}

GDateTime *
dh_case_get_created (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->created;
}

GDateTime *
dh_case_get_updated (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->updated;
}

guint64
dh_case_get_revision (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), 0);
  return self->revision;
}

GPtrArray *
dh_case_get_events (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->events;
}

GPtrArray *
dh_case_get_replies (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->replies;
}

GPtrArray *
dh_case_get_tickets (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->tickets;
}

const char *
dh_case_get_contact_name (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->contact_name;
}

/* The contact details keep what the user typed, an empty text included (it is not a fallback). */
static void
change_text (DhCase     *self,
             char      **field,
             const char *value,
             guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
  touch (self);
}

void
dh_case_set_contact_name (DhCase     *self,
                          const char *name)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_text (self, &self->contact_name, name, PROP_CONTACT_NAME);
}

const char *
dh_case_get_contact_email (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->contact_email;
}

void
dh_case_set_contact_email (DhCase     *self,
                           const char *email)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_text (self, &self->contact_email, email, PROP_CONTACT_EMAIL);
}

DhHosting
dh_case_get_hosting (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), DH_HOSTING_UNKNOWN);
  return self->hosting;
}

void
dh_case_set_hosting (DhCase    *self,
                     DhHosting  hosting)
{
  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (hosting <= DH_HOSTING_DEDICATED);
  if (self->hosting == hosting)
    return;
  self->hosting = hosting;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_HOSTING]);
  touch (self);
}

/* Whether the user chose shared or dedicated on the form (else hosting is the app's guess). */
gboolean
dh_case_get_hosting_chosen (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  return self->hosting_chosen;
}

void
dh_case_set_hosting_chosen (DhCase   *self,
                            gboolean  chosen)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_boolean (self, &self->hosting_chosen, chosen, PROP_HOSTING_CHOSEN);
}

/* The website as the user entered it (NULL: none; dh_case_get_website () then falls back). */
const char *
dh_case_get_user_website (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->website;
}

/* The site made from the sending domain is not kept as the user's, so that it keeps following the
 * domain; "" is kept: the user has no website. */
void
dh_case_set_user_website (DhCase     *self,
                          const char *website)
{
  g_autofree char *derived = NULL;

  g_return_if_fail (DH_IS_CASE (self));

  if (self->facts[DH_CASE_SENDER_DOMAIN])
    derived = g_strdup_printf ("https://%s/", self->facts[DH_CASE_SENDER_DOMAIN]);
  if (website && derived && g_str_equal (website, derived))
    website = NULL;
  change_text (self, &self->website, website, PROP_WEBSITE);
}

const char *
dh_case_get_step (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->step;
}

const char *
dh_case_get_notes (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->notes;
}

GDateTime *
dh_case_get_wait_until (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->wait_until;
}

gboolean
dh_case_get_done (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  return self->done;
}

/* The id of a portal step ("portal-submit", …), as in "tick" events. */
const char *
dh_portal_step_to_string (DhPortalStep step)
{
  g_return_val_if_fail (step < DH_PORTAL_N_STEPS, NULL);
  return portal_step_ids[step];
}

gboolean
dh_case_get_portal_tick (DhCase       *self,
                         DhPortalStep  step)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  g_return_val_if_fail (step < DH_PORTAL_N_STEPS, FALSE);
  return self->portal_ticks[step];
}

/* Only the tick changes; the GUI adds the "tick" event (and its consequences) itself. */
void
dh_case_set_portal_tick (DhCase       *self,
                         DhPortalStep  step,
                         gboolean      ticked)
{
  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (step < DH_PORTAL_N_STEPS);
  change_boolean (self, &self->portal_ticks[step], ticked, 0);
}

/* The IP address the portal's ticks belong to. */
const char *
dh_case_get_portal_ip (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->portal_ip;
}

/* The ticks belong to one address: another one (a corrected IP) starts the list again. */
void
dh_case_set_portal_ip (DhCase     *self,
                       const char *ip)
{
  g_return_if_fail (DH_IS_CASE (self));

  if (g_strcmp0 (self->portal_ip, ip) == 0)
    return;
  begin_change (self);
  for (guint i = 0; i < DH_PORTAL_N_STEPS; i++)
    self->portal_ticks[i] = FALSE;
  change_string (self, &self->portal_ip, ip, PROP_PORTAL_IP);
  end_change (self);
}

/* "I have sent the form" (the "form-sent" event is the GUI's to add). */
gboolean
dh_case_get_form_sent (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), FALSE);
  return self->form_sent;
}

void
dh_case_set_form_sent (DhCase   *self,
                       gboolean  sent)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_boolean (self, &self->form_sent, sent, PROP_FORM_SENT);
}

/* The language of the form's title ("ja", "en"), or NULL when not chosen. */
const char *
dh_case_get_title_language (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->title_language;
}

void
dh_case_set_title_language (DhCase     *self,
                            const char *language)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_string (self, &self->title_language, language, PROP_TITLE_LANGUAGE);
}

/* The time zone chosen for the form (a Windows id, see dh-timezone.h), or NULL. */
const char *
dh_case_get_time_zone (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return self->time_zone;
}

void
dh_case_set_time_zone (DhCase     *self,
                       const char *windows_id)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_string (self, &self->time_zone, windows_id, PROP_TIME_ZONE);
}

/* The language chosen for a ready message ("ja", "en"), or NULL when not chosen. */
const char *
dh_case_get_message_language (DhCase        *self,
                              DhCaseMessage  message)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  g_return_val_if_fail (message < DH_CASE_N_MESSAGES, NULL);
  return self->message_languages[message];
}

void
dh_case_set_message_language (DhCase        *self,
                              DhCaseMessage  message,
                              const char    *language)
{
  g_return_if_fail (DH_IS_CASE (self));
  g_return_if_fail (message < DH_CASE_N_MESSAGES);
  change_string (self, &self->message_languages[message], language, 0);
}

/* The wizard page shown (a name of dh-window.c's page_types). Navigating adds no event: the GUI
 * adds a "step" event when a step is completed. */
void
dh_case_set_step (DhCase     *self,
                  const char *name)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_string (self, &self->step, name, PROP_STEP);
}

void
dh_case_set_notes (DhCase     *self,
                   const char *notes)
{
  g_return_if_fail (DH_IS_CASE (self));
  change_string (self, &self->notes, notes, PROP_NOTES);
}

/* The mitigation wait ends at @until (NULL: no wait). Adds a "wait-started" event. A mitigating
 * reply starts it by itself; after a "portal-delisted" event (Microsoft 365's portal, which sends
 * no verdict by mail) dh_route_record_event () starts it. */
void
dh_case_start_wait (DhCase    *self,
                    GDateTime *until)
{
  g_autofree char *iso = NULL;

  g_return_if_fail (DH_IS_CASE (self));

  g_clear_pointer (&self->wait_until, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WAIT_UNTIL]);
  if (until == NULL)
    {
      touch (self);
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
  g_return_if_fail (DH_IS_CASE (self));

  done = !!done;
  if (self->done == done)
    return;
  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DONE]);
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

  g_return_val_if_fail (DH_IS_CASE (self), DH_CASE_STATE_NEW);

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
  g_return_val_if_fail (DH_IS_CASE (self), 0);
  return (self->input ? strlen (self->input) : 0) +
         (self->input_bytes ? g_bytes_get_size (self->input_bytes) / 3 * 4 : 0);
}

/* {"input": …, "input_bytes": …}: what dh_case_to_json_without_input () leaves out. */
JsonNode *
dh_case_input_to_json (DhCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (DH_IS_CASE (self), NULL);

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

  /* What was chosen on the pages (format 2; format 1 kept these in "page_states"). */
  json_builder_set_member_name (builder, "hosting_chosen");
  json_builder_add_boolean_value (builder, self->hosting_chosen);
  json_builder_set_member_name (builder, "portal_ticks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DH_PORTAL_N_STEPS; i++)
    if (self->portal_ticks[i])
      json_builder_add_string_value (builder, portal_step_ids[i]);
  json_builder_end_array (builder);
  dh_json_add_string (builder, "portal_ip", self->portal_ip);
  json_builder_set_member_name (builder, "form_sent");
  json_builder_add_boolean_value (builder, self->form_sent);
  dh_json_add_string (builder, "title_language", self->title_language);
  dh_json_add_string (builder, "time_zone", self->time_zone);
  json_builder_set_member_name (builder, "message_languages");
  json_builder_begin_object (builder);
  for (guint i = 0; i < DH_CASE_N_MESSAGES; i++)
    dh_json_add_string (builder, message_keys[i], self->message_languages[i]);
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
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
  return to_json (self, TRUE);
}

/* The same without the bounce, which DhCaseStore keeps in a file of its own when it is large. */
JsonNode *
dh_case_to_json_without_input (DhCase *self)
{
  g_return_val_if_fail (DH_IS_CASE (self), NULL);
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

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return corrupt (error, member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The typed members of format 2 for what was chosen on the pages; all optional. */
static gboolean
load_choices (DhCase      *self,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *container;

  if (!get_boolean (root, "hosting_chosen", &self->hosting_chosen, error) ||
      !get_boolean (root, "form_sent", &self->form_sent, error) ||
      !get_string (root, "portal_ip", TRUE, &self->portal_ip, error) ||
      !get_string (root, "title_language", TRUE, &self->title_language, error) ||
      !get_string (root, "time_zone", TRUE, &self->time_zone, error) ||
      !get_container (root, "portal_ticks", JSON_NODE_ARRAY, &container, error))
    return FALSE;
  for (guint i = 0; container && i < json_array_get_length (json_node_get_array (container)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (container), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return corrupt (error, "portal_ticks");
      /* An id this version does not know is left out. */
      for (guint step = 0; step < DH_PORTAL_N_STEPS; step++)
        if (g_str_equal (json_node_get_string (element), portal_step_ids[step]))
          self->portal_ticks[step] = TRUE;
    }
  if (!get_container (root, "message_languages", JSON_NODE_OBJECT, &container, error))
    return FALSE;
  for (guint i = 0; container && i < DH_CASE_N_MESSAGES; i++)
    if (!get_string (json_node_get_object (container), message_keys[i], TRUE,
                     &self->message_languages[i], error))
      return FALSE;
  return TRUE;
}

/* A string of a format-1 page state, or NULL. */
static char *
state_string (GVariant   *state,
              const char *key)
{
  const char *value = NULL;

  if (state && g_variant_lookup (state, key, "&s", &value) && *value)
    return g_strdup (value);
  return NULL;
}

/* Format 1 kept what the pages chose as GVariant a{sv} blobs keyed by page name ("page_states");
 * each known key goes to its typed field: "portal" {"ticks": ab, "checked-ip": s}, "form"
 * {"zone": s, "hosting-chosen": b, "title-language": s, "sent": b}, "host", "delist-mail" and
 * "reply" {"message-language": s}. The "start" page's ("text", "file") was the bounce, which the
 * case has as its input. Unknown pages and keys are ignored; a blob that is not one is an error,
 * as it was in format 1. */
static gboolean
migrate_page_states (DhCase      *self,
                     JsonObject  *root,
                     GError     **error)
{
  static const char *message_pages[DH_CASE_N_MESSAGES] = { "host", "delist-mail", "reply" };
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_variant_unref);
  JsonNode *container;
  GVariant *state;

  if (!get_container (root, "page_states", JSON_NODE_OBJECT, &container, error))
    return FALSE;
  if (container)
    {
      JsonObject *object = json_node_get_object (container);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        {
          GVariant *value = page_state_from_json (json_object_get_member (object, l->data), error);

          if (value == NULL)
            return FALSE;
          g_hash_table_replace (states, g_strdup (l->data), value);
        }
    }

  state = g_hash_table_lookup (states, "portal");
  if (state)
    {
      g_autoptr(GVariant) ticks = g_variant_lookup_value (state, "ticks", G_VARIANT_TYPE ("ab"));

      for (gsize i = 0; ticks && i < g_variant_n_children (ticks) && i < DH_PORTAL_N_STEPS; i++)
        g_variant_get_child (ticks, i, "b", &self->portal_ticks[i]);
      self->portal_ip = state_string (state, "checked-ip");
    }
  state = g_hash_table_lookup (states, "form");
  if (state)
    {
      self->time_zone = state_string (state, "zone");
      self->title_language = state_string (state, "title-language");
      g_variant_lookup (state, "hosting-chosen", "b", &self->hosting_chosen);
      g_variant_lookup (state, "sent", "b", &self->form_sent);
    }
  for (guint i = 0; i < DH_CASE_N_MESSAGES; i++)
    self->message_languages[i] = state_string (g_hash_table_lookup (states, message_pages[i]),
                                               "message-language");
  return TRUE;
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
      self->stored_has_report = TRUE;
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
        self->stored_has_report = TRUE;
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

  if (format == 1)
    {
      if (!migrate_page_states (self, root, error))
        goto out;
    }
  else if (!load_choices (self, root, error))
    goto out;

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
      begin_change (self);
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
 * the stored facts (the user's corrections) replace what the analysis found. A format-1 file's
 * "page_states" become the typed fields (migrate_page_states ()); the next save writes format 2.
 * Errors:
 * DH_CASE_ERROR_NEWER_FORMAT for a "format" above DH_CASE_FORMAT, DH_CASE_ERROR_CORRUPT for
 * anything else that is not a case. */
DhCase *
dh_case_from_json (JsonNode  *node,
                   GError   **error)
{
  return dh_case_load_json (node, DH_CASE_LOAD_FULL, error);
}
