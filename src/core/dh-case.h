/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case.h: one delisting case: the bounce, the facts as the user corrected them, progress, replies. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dh-analyzer.h"

G_BEGIN_DECLS

/* A DhCase is everything about one delisting: the bounce and its analysis, the facts as the user
 * corrected them, the contact details, which page was shown last and what each page keeps of its
 * own, the timeline of what was done, Microsoft's replies verbatim with their kind ids, the
 * ticket numbers, the user's notes and the end of the mitigation wait. Every change counts in
 * revision and updated; dh_case_get_state () sums it up for a case list; dh_case_to_json () and
 * dh_case_from_json () save and load it (DhCaseStore keeps the files). Sentences for people are
 * not made here, except in the export (dh-case-export.h). */

/* The version of the JSON a case is saved as (dh_case_to_json ()); a file with a larger "format"
 * was written by a newer Delist Helper and is never read as a case, written or moved. */
#define DH_CASE_FORMAT 1

/* How long Microsoft says a mitigation takes to replicate ("24 - 48 hours"): the wait a
 * "mitigated" or "conditionally-mitigated" reply starts, in hours. */
#define DH_CASE_MITIGATION_WAIT_HOURS 48
/* How long Microsoft 365's delist portal says "Delist IP" takes ("up to 24 hours"): the wait a
 * "portal-delisted" event starts, in hours. */
#define DH_CASE_PORTAL_DELIST_WAIT_HOURS 24

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

/* The fields are read directly. The ones above "Persistence" are the bounce and its facts as before;
 * a change made directly to a field (contact_name, hosting, website) must be followed by
 * dh_case_touch () so that the change is counted and saved. Everything below is changed only
 * through the functions, which count the change themselves. A DhCase is not thread-safe: use it
 * from one thread (the main one). */
typedef struct {
  char       *input;             /* the bounce as pasted or opened (valid UTF-8) */
  GBytes     *input_bytes;       /* the bytes analysed when they are not @input (an opened file,
                                  * e.g. a Shift_JIS .eml), else NULL: what loading analyses */
  DhAnalysis *analysis;
  guint       report_index;      /* which bounce of the analysis the case is about */
  guint       analysis_serial;   /* grows with every new analysis */

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
  char       *website;

  /* Persistence. */
  char       *id;                /* a random UUID, the file name in DhCaseStore */
  GDateTime  *created;           /* UTC */
  GDateTime  *updated;           /* UTC, the last change */
  guint64     revision;          /* grows with every change (by one or more) */
  char       *step;              /* the wizard page name shown last, or NULL */
  GHashTable *page_states;       /* page name → GVariant a{sv} (what DhPageClass.save_state gave) */
  GPtrArray  *events;            /* DhCaseEvent*, in order */
  GPtrArray  *replies;           /* DhCaseReply*, in the order added */
  GPtrArray  *tickets;           /* char*: "SRX…" numbers and numeric Request IDs, in order seen */
  char       *notes;             /* the user's own notes, or NULL */
  GDateTime  *wait_until;        /* the end of the mitigation wait, or NULL */
  gboolean    done;              /* the user marked the case done */
} DhCase;

/* A case is reference counted: DhCaseStore keeps a reference while a save is pending.
 * dh_case_free () is dh_case_unref (), kept for the callers that own the only reference. */
DhCase     *dh_case_new            (void);
DhCase     *dh_case_ref            (DhCase      *self);
void        dh_case_unref          (DhCase      *self);
void        dh_case_free           (DhCase      *self);

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

/* Changes; each bumps revision and updated. */
void        dh_case_touch          (DhCase      *self);
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
void        dh_case_set_page_state (DhCase      *self,
                                    const char  *name,
                                    GVariant    *state);
GVariant   *dh_case_get_page_state (DhCase      *self,
                                    const char  *name);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhCase, dh_case_unref)

G_END_DECLS
