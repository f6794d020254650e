/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-replies.h: recognises a reply from Microsoft to a delisting request (data/replies.json). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DH_REPLY_ERROR (dh_reply_error_quark ())
GQuark dh_reply_error_quark (void);

typedef enum {
  DH_REPLY_ERROR_EMPTY,      /* nothing but white space */
  DH_REPLY_ERROR_NOT_TEXT,   /* binary data, not a mail or text */
  DH_REPLY_ERROR_TOO_LARGE,  /* above DH_ANALYZER_MAX_INPUT */
} DhReplyError;

/* What Microsoft answered. The ids (dh_reply_kind_to_id ()) are stored in case files: never
 * rename one. */
typedef enum {
  DH_REPLY_UNKNOWN,                  /* "unknown": not recognised as a reply from Microsoft */
  DH_REPLY_ACKNOWLEDGEMENT,          /* "acknowledgement": ticket opened (SRX… / Request ID), or a person took it up */
  DH_REPLY_CONDITIONALLY_MITIGATED,  /* "conditionally-mitigated": unblocked, low daily limits */
  DH_REPLY_MITIGATED,                /* "mitigated": "We have implemented mitigation" */
  DH_REPLY_NOT_QUALIFIED,            /* "not-qualified": "Not qualified for mitigation" / 緩和処置の対象外 */
  DH_REPLY_NOT_BLOCKED,              /* "not-blocked": Microsoft sees no block */
  DH_REPLY_N_KINDS
} DhReplyKind;

/* Next-step ids, one per kind (dh_reply_kind_next_step ()). */
#define DH_REPLY_STEP_WAIT_FOR_REPLY      "wait-for-reply"
#define DH_REPLY_STEP_REPLY_NOT_QUALIFIED "reply-not-qualified"
#define DH_REPLY_STEP_WAIT_THEN_TEST      "wait-then-test"
#define DH_REPLY_STEP_TEST_NOW            "test-now"
#define DH_REPLY_STEP_CHECK_BOUNCE        "check-bounce"

typedef struct {
  DhReplyKind  kind;
  const char  *kind_id;      /* static: dh_reply_kind_to_id (kind) */
  const char  *ticket;       /* the first of @tickets, or NULL */
  GPtrArray   *tickets;      /* char*: "SRX1234567890ID", or a numeric Request ID; in order, no duplicates */
  GPtrArray   *ips;          /* char*: normalised addresses the reply names, without Microsoft's own hosts */
  guint        wait_hours;   /* for (conditionally) mitigated: how long the change takes to spread (48), else 0 */
  char        *line;         /* the sentence that decided the kind (quote marks removed), or NULL */
  char        *subject;      /* the decoded Subject, or NULL */
  GDateTime   *date;         /* the Date: header, or NULL */
  char        *date_line;    /* "Date: ..." as written, or NULL */
} DhReply;

DhReply     *dh_reply_analyze          (const char  *data,
                                        gsize        length,
                                        GError     **error);
void         dh_reply_free             (DhReply     *reply);
JsonNode    *dh_reply_to_json          (DhReply     *reply);

const char  *dh_reply_kind_to_id       (DhReplyKind  kind);
DhReplyKind  dh_reply_kind_from_id     (const char  *id);
const char  *dh_reply_kind_next_step   (DhReplyKind  kind);

/* Sentences for people, translated (gettext): what the reply means, and what to do next. */
const char  *dh_reply_kind_title       (DhReplyKind  kind);
const char  *dh_reply_kind_explanation (DhReplyKind  kind);
const char  *dh_reply_step_text        (const char  *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhReply, dh_reply_free)

G_END_DECLS
