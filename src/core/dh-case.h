/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.h: one delisting case: the bounce, the facts as the user corrected them, progress, replies. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dh-analyzer.h"

G_BEGIN_DECLS

/* A DhCase is everything about one delisting: the bounce and its analysis, the facts as the user
 * corrected them, the contact details, which page was shown last and what was chosen on the pages
 * (the portal's ticks, "form sent", the ready messages' languages, the form title's language, the
 * time zone), the timeline of what was done, Microsoft's replies verbatim with their kind ids, the
 * ticket numbers, the user's notes and the end of the mitigation wait. It is an opaque GObject:
 * everything is read and changed through the functions below (or the properties); every change
 * counts in revision and updated and emits "changed" once. dh_case_get_state () sums it up for a
 * case list; dh_case_to_json () and dh_case_from_json () save and load it (DhCaseStore keeps the
 * files). Sentences for people are not made here, except in the export (dh-case-export.h). */

/* The version of the JSON a case is saved as (dh_case_to_json ()); a file with a larger "format"
 * was written by a newer Delist Helper and is never read as a case, written or moved. Format 1
 * kept the pages' choices as GVariant blobs ("page_states"); they are read into the typed fields
 * (see dh_case_from_json ()). */
#define DH_CASE_FORMAT 2

/* How long Microsoft says a mitigation takes to replicate ("24 - 48 hours"): the wait a
 * "mitigated" or "conditionally-mitigated" reply starts, in hours. */
#define DH_CASE_MITIGATION_WAIT_HOURS 48

#define DH_CASE_ERROR (dh_case_error_quark ())
GQuark dh_case_error_quark (void);

typedef enum {
  DH_CASE_ERROR_CORRUPT,        /* not JSON, truncated, or missing or mistyped members */
  DH_CASE_ERROR_NEWER_FORMAT,   /* "format" > DH_CASE_FORMAT: made by a newer version */
  DH_CASE_ERROR_NOT_FOUND,      /* no case with that id (DhCaseStore) */
  DH_CASE_ERROR_READ_ONLY,      /* the store refuses to write over a file it could not read */
} DhCaseError;

typedef enum {
  DH_HOSTING_UNKNOWN,
  DH_HOSTING_SHARED,
  DH_HOSTING_DEDICATED,
} DhHosting;

GType dh_hosting_get_type (void);
#define DH_TYPE_HOSTING (dh_hosting_get_type ())

/* The steps of Microsoft 365's delist portal the user ticks off, in order; their ids
 * (dh_portal_step_to_string ()) are the "tick" events' details and what a case file keeps. */
typedef enum {
  DH_PORTAL_STEP_SUBMIT,   /* "portal-submit": the address and IP entered */
  DH_PORTAL_STEP_MAIL,     /* "portal-mail": the confirmation mail's link followed */
  DH_PORTAL_STEP_DELIST,   /* "portal-delist": "Delist IP" pressed */
  DH_PORTAL_STEP_WAIT,     /* "portal-wait": waited and tested */
  DH_PORTAL_N_STEPS
} DhPortalStep;

/* The ready messages whose language the user chooses (the reader's, not the app's). */
typedef enum {
  DH_CASE_MESSAGE_HOST,         /* the message to the hosting company */
  DH_CASE_MESSAGE_DELIST_MAIL,  /* the delisting mail */
  DH_CASE_MESSAGE_REPLY,        /* the reply to Microsoft's answer */
  DH_CASE_N_MESSAGES
} DhCaseMessage;

/* The facts a user may correct; indexes into DhCase.facts. */
typedef enum {
  DH_CASE_IP,
  DH_CASE_SENDER_ADDRESS,
  DH_CASE_SENDER_DOMAIN,
  DH_CASE_RECIPIENT_DOMAIN,
  DH_CASE_CODE,
  DH_CASE_REPORTING_HOST,
  DH_CASE_REMOTE_HOST,
  DH_CASE_DIAGNOSTIC,
  DH_CASE_N_FACTS
} DhCaseFact;

/* Where a case stands, for the case list (dh_case_get_state ()). The ids of
 * dh_case_state_to_string () are stable: they are written in JSON (--list-cases). */
typedef enum {
  DH_CASE_STATE_NEW,                /* no bounce analysed yet; since = created */
  DH_CASE_STATE_IN_PROGRESS,        /* steps being done, DhCase.step tells where; since = updated */
  DH_CASE_STATE_WAITING_FOR_REPLY,  /* form sent (or acknowledged), no decisive reply; since = sent */
  DH_CASE_STATE_NOT_QUALIFIED,      /* the latest decisive reply is "not-qualified"; since = received */
  DH_CASE_STATE_MITIGATION_WAIT,    /* mitigated, replicating; since = wait_until (the end) */
  DH_CASE_STATE_WAIT_OVER,          /* wait_until has passed: time to test; since = wait_until */
  DH_CASE_STATE_NOT_BLOCKED,        /* the latest decisive reply is "not-blocked"; since = received */
  DH_CASE_STATE_DONE,               /* the user marked the case done; since = then */
} DhCaseState;

/* One entry of the timeline. Kinds used so far (ids: the export describes these in words, any
 * other as it is; "form-sent", "portal-delisted", "wait-started" and "done" count in
 * dh_case_get_state ()):
 * "created", "analysed", "step" (detail: the page name of a step completed), "tick" (detail: what
 * was ticked), "form-sent", "portal-delisted", "reply" (detail: the reply's kind), "ticket"
 * (detail: the number), "note", "wait-started" (detail: wait_until, ISO 8601), "done", "reopened". */
typedef struct {
  GDateTime *time;
  char      *kind;
  char      *detail;               /* may be NULL */
} DhCaseEvent;

/* One reply from Microsoft, kept verbatim. @kind is one of the ids of dh-replies:
 * "acknowledgement", "conditionally-mitigated", "mitigated", "not-qualified", "not-blocked",
 * "unknown". */
typedef struct {
  GDateTime *received;
  char      *text;
  char      *kind;
  char      *ticket;               /* "SRX…" or a numeric Request ID, or NULL */
} DhCaseReply;

#define DH_TYPE_CASE (dh_case_get_type ())
G_DECLARE_FINAL_TYPE (DhCase, dh_case, DH, CASE, GObject)

/* A DhCase is not thread-safe: use it from one thread (the main one). */
DhCase     *dh_case_new            (void);

void        dh_case_set_analysis   (DhCase      *self,
                                    const char  *input,
                                    DhAnalysis  *analysis);
void        dh_case_set_analysis_for_bytes (DhCase *self,
                                    const char  *input,
                                    GBytes      *bytes,
                                    DhAnalysis  *analysis);
void        dh_case_select_report  (DhCase      *self,
                                    guint        index);
DhReport   *dh_case_get_report     (DhCase      *self);
const char *dh_case_get            (DhCase      *self,
                                    DhCaseFact   fact);
void        dh_case_set            (DhCase      *self,
                                    DhCaseFact   fact,
                                    const char  *value);
const char *dh_case_get_line       (DhCase      *self,
                                    DhCaseFact   fact);
char       *dh_case_get_website    (DhCase      *self);

/* The bounce and its analysis (read only: dh_case_set_analysis () changes them). */
const char *dh_case_get_input      (DhCase      *self);
GBytes     *dh_case_get_input_bytes (DhCase     *self);
DhAnalysis *dh_case_get_analysis   (DhCase      *self);
guint       dh_case_get_report_index (DhCase    *self);
guint       dh_case_get_analysis_serial (DhCase *self);
GDateTime  *dh_case_get_date       (DhCase      *self);
gboolean    dh_case_is_block       (DhCase      *self);
const char *dh_case_get_system     (DhCase      *self);
const char *dh_case_get_kind       (DhCase      *self);
const char *dh_case_get_remedy     (DhCase      *self);

/* Persistence and progress (read only). */
const char *dh_case_get_id         (DhCase      *self);
GDateTime  *dh_case_get_created    (DhCase      *self);
GDateTime  *dh_case_get_updated    (DhCase      *self);
guint64     dh_case_get_revision   (DhCase      *self);
GPtrArray  *dh_case_get_events     (DhCase      *self);   /* DhCaseEvent*, in order */
GPtrArray  *dh_case_get_replies    (DhCase      *self);   /* DhCaseReply*, in the order added */
GPtrArray  *dh_case_get_tickets    (DhCase      *self);   /* char*, in the order seen */

/* What the user entered or chose. */
const char *dh_case_get_contact_name  (DhCase   *self);
void        dh_case_set_contact_name  (DhCase   *self,
                                       const char *name);
const char *dh_case_get_contact_email (DhCase   *self);
void        dh_case_set_contact_email (DhCase   *self,
                                       const char *email);
DhHosting   dh_case_get_hosting       (DhCase   *self);
void        dh_case_set_hosting       (DhCase   *self,
                                       DhHosting hosting);
gboolean    dh_case_get_hosting_chosen (DhCase  *self);
void        dh_case_set_hosting_chosen (DhCase  *self,
                                        gboolean chosen);
const char *dh_case_get_user_website  (DhCase   *self);
void        dh_case_set_user_website  (DhCase   *self,
                                       const char *website);
const char *dh_case_get_step       (DhCase      *self);
const char *dh_case_get_notes      (DhCase      *self);
GDateTime  *dh_case_get_wait_until (DhCase      *self);
gboolean    dh_case_get_done       (DhCase      *self);
gboolean    dh_case_get_portal_tick (DhCase     *self,
                                     DhPortalStep step);
void        dh_case_set_portal_tick (DhCase     *self,
                                     DhPortalStep step,
                                     gboolean     ticked);
const char *dh_case_get_portal_ip  (DhCase      *self);
void        dh_case_set_portal_ip  (DhCase      *self,
                                    const char  *ip);
const char *dh_portal_step_to_string (DhPortalStep step);
gboolean    dh_case_get_form_sent  (DhCase      *self);
void        dh_case_set_form_sent  (DhCase      *self,
                                    gboolean     sent);
const char *dh_case_get_title_language (DhCase  *self);
void        dh_case_set_title_language (DhCase  *self,
                                        const char *language);
const char *dh_case_get_time_zone  (DhCase      *self);
void        dh_case_set_time_zone  (DhCase      *self,
                                    const char  *windows_id);
const char *dh_case_get_message_language (DhCase       *self,
                                          DhCaseMessage message);
void        dh_case_set_message_language (DhCase       *self,
                                          DhCaseMessage message,
                                          const char   *language);

/* Changes; each bumps revision and updated and emits "changed" once. */
void        dh_case_add_event      (DhCase      *self,
                                    const char  *kind,
                                    const char  *detail);
void        dh_case_add_reply      (DhCase      *self,
                                    const char  *text,
                                    const char  *kind,
                                    const char  *ticket);
void        dh_case_add_reply_full (DhCase      *self,
                                    GDateTime   *received,
                                    const char  *text,
                                    const char  *kind,
                                    const char  *ticket);
gboolean    dh_case_add_ticket     (DhCase      *self,
                                    const char  *ticket);
void        dh_case_set_step       (DhCase      *self,
                                    const char  *name);
void        dh_case_set_notes      (DhCase      *self,
                                    const char  *notes);
void        dh_case_start_wait     (DhCase      *self,
                                    GDateTime   *until);
void        dh_case_set_done       (DhCase      *self,
                                    gboolean     done);

DhCaseState dh_case_get_state      (DhCase      *self,
                                    GDateTime  **since);
const char *dh_case_state_to_string (DhCaseState state);
gboolean    dh_case_state_from_string (const char  *id,
                                       DhCaseState *state);

/* JSON ("format": DH_CASE_FORMAT). */
JsonNode   *dh_case_to_json        (DhCase      *self);
DhCase     *dh_case_from_json      (JsonNode    *node,
                                    GError     **error);

G_END_DECLS
