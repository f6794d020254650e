/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-analyzer-private.h: what the analyser's parts share (mail input, scanner, report building). */
#pragma once

#include "dh-analyzer.h"
#include "dh-rules.h"

#include <gmime/gmime.h>

G_BEGIN_DECLS

/* GMime 3.2 defines no g_autoptr cleanups; local aliases cannot clash with a later GMime's. */
typedef GMimeStream DhMimeStream;
typedef GMimeParser DhMimeParser;
typedef GMimeMessage DhMimeMessage;
typedef GMimeFilter DhMimeFilter;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMimeFilter, g_object_unref)

/* Longest logical line examined; longer ones are cut (a diagnostic is a few hundred bytes). */
#define MAX_LINE 8192
/* Longest diagnostic kept. */
#define MAX_DIAGNOSTIC 4096
/* Events (recipients or diagnostics) kept per message. */
#define MAX_EVENTS 2000

typedef enum {
  ROLE_BODY,
  ROLE_DSN,
} Role;

typedef enum {
  SENDER_NONE,
  SENDER_OUTER_TO,     /* the bounce was addressed to the user */
  SENDER_ORIGINAL,     /* the returned original's Return-Path */
  SENDER_MAIL_FROM,    /* MAIL FROM:<..> in a transcript */
  SENDER_DSN,          /* X-Postfix-Sender / X-Original-Sender */
  SENDER_AUTHOR,       /* the returned original's From: its author, never the envelope */
} SenderPriority;

typedef struct {
  char *recipient;
  char *recipient_line;
  char *diagnostic;
  char *diagnostic_line;
  gboolean diagnostic_has_code;
  char *remote_host;
  char *remote_host_line;
  char *remote_ip;
  char *status;
  char *action;
  char *sending_ip;        /* stated apart from the diagnostic (an event notification's field) */
  char *sending_ip_line;
  gboolean wants_reason;      /* opened by "<a@b>" or "<a@b>:" alone: the next line may be its reason (qmail) */
  gboolean labelled;          /* named by a notice's label line ("宛先：a@b") */
} Event;

typedef struct {
  DhRules   *rules;
  guint      index;
  GPtrArray *events;          /* Event* */
  Event     *dsn_event;       /* open per-recipient DSN block */
  Event     *text_event;      /* open recipient paragraph */
  gboolean   dsn_block_open;  /* inside a DSN field block, per-message or per-recipient */

  char      *sender;
  char      *sender_line;
  SenderPriority sender_priority;
  char      *reporting_host;
  char      *reporting_line;
  int        reporting_priority;
  GDateTime *date;            /* the bounce's own Date: header */
  char      *date_line;
  GDateTime *dsn_date;
  char      *dsn_date_line;
  char      *pending_remote_host;
  char      *pending_remote_line;
  char      *pending_remote_ip;
  char      *original_to;     /* the returned original's To: when it names one address */
  gboolean   delay_notice;    /* the bounce's Subject says it is a delay warning */
  gboolean   is_bounce;       /* clearly a bounce (formats.json bounce_signs), read or not */
  gboolean   text_bounce_sender;   /* pasted text: a "From:" line with a bounce sender */
  char      *subject;         /* the bounce's Subject (or a pasted text's Subject: line) */
  char      *deciding;        /* the first line that reads like the error (formats.json deciding_text) */
  char      *deciding_line;
  int        deciding_tier;   /* 0 none, 1 a failure sentence, 2 a reason */
  guint      deciding_lines;  /* body lines looked at for it */
  GPtrArray *received;        /* char*, unfolded Received: values of the bounce, top first */
  gboolean   is_feedback;
  gboolean   is_read_receipt;  /* RFC 8098 disposition notification */
  char      *envelope;        /* the envelope sender, by SenderPriority (Return-Path as SENDER_ORIGINAL) */
  SenderPriority envelope_priority;
  guint      n_events_dropped;
  const char *action_hint;    /* "failed" or "delayed" as the text says (formats.json), or NULL */
  GString   *paragraph;       /* the text paragraph being read, for notices */
  gboolean   paragraph_is_notice;
  guint      paragraph_lines;        /* logical lines read in the paragraph so far */
  gboolean   in_forward_header;      /* the paragraph is a forwarded message's header block */
  char      *notice;          /* the first paragraph with a notice phrase (formats.json) */

  /* The logical line being scanned and its ASCII lower-case copy, for fast searches. */
  const char *line;
  GString   *lower;

  GCancellable *cancellable;  /* looked at every CANCEL_CHECK_LINES lines */
} Scan;

/* Embedded (forwarded) messages walked inside one another; deeper ones are not read. */
#define MAX_EMBEDDED_DEPTH 8
/* Multiparts and messages nested inside one another that GMime is given to parse: its parser
 * recurses on each, so deeper nesting is cut off before parsing (dh_mail_limit_nesting ()). */
#define MAX_MIME_NESTING 48
/* Lines scanned between two looks at the GCancellable. */
#define CANCEL_CHECK_LINES 4096

typedef struct {
  DhAnalysis         *analysis;
  DhRules            *rules;
  GCancellable       *cancellable;
  guint               depth;       /* embedded messages around the one being read */
  const char         *kind;        /* a top-level message's not_bounces kind, once read */
} Context;


/* dh-mail-input.c: input formats, GMime parsing, the MIME walk, part text. */
GMimeParserOptions *dh_mail_parser_options        (void);
DhInputFormat       dh_mail_detect_format         (const char   *data,
                                                   gsize         length);
DhInputFormat       dh_mail_detect_input          (const char  **data,
                                                   gsize        *length,
                                                   gboolean      any_message);
void                dh_mail_analyze_message       (Context      *ctx,
                                                   GMimeMessage *message,
                                                   guint         index);
char               *dh_mail_part_text             (Context      *ctx,
                                                   GMimePart    *part,
                                                   gsize        *length);
void                dh_mail_read_headers_text     (Scan         *scan,
                                                   const char   *text,
                                                   gsize         length);
char               *dh_html_to_text               (const char   *html,
                                                   gsize         length,
                                                   gboolean      cells);
GMimeParser        *dh_mail_parser_new            (const char   *data,
                                                   gsize         length,
                                                   gboolean      mbox);
char               *dh_mail_bare_cr_to_lf         (const char   *data,
                                                   gsize         length);
gboolean            dh_mail_prepare_input         (const char  **data,
                                                   gsize         length,
                                                   char        **copy,
                                                   GError      **error);
char               *dh_mail_limit_nesting         (const char   *data,
                                                   gsize         length,
                                                   gboolean      mbox,
                                                   gsize        *out_length);

/* dh-scanner.c: the line scanner. */
void        dh_scan_init              (Scan           *scan,
                                       DhRules        *rules,
                                       guint           index);
void        dh_scan_clear             (Scan           *scan);
void        dh_scan_text              (Scan           *scan,
                                       const char     *text,
                                       gsize           length,
                                       Role            role);
void        dh_scan_set_sender        (Scan           *scan,
                                       const char     *address,
                                       const char     *line,
                                       SenderPriority  priority);
void        dh_scan_set_envelope      (Scan           *scan,
                                       const char     *address,
                                       SenderPriority  priority);
void        dh_scan_set_reporting     (Scan           *scan,
                                       const char     *host,
                                       const char     *line,
                                       int             priority);
char       *dh_normalize_text         (const char     *data,
                                       gsize           length,
                                       gsize          *out_length);
const char *dh_scan_find_ci           (const char     *haystack,
                                       gsize           len,
                                       const char     *needle);
gboolean    dh_scan_has_phrase        (const char     *text,
                                       GStrv           phrases);
gboolean    dh_scan_has_prefix_ci     (const char     *s,
                                       const char     *prefix);
gboolean    dh_scan_starts_with_reply (const char     *s);
char       *dh_scan_diagnostic_key    (const char     *diagnostic);
char       *dh_scan_take_host         (const char     *s);
char       *dh_scan_take_address      (const char     *s);
const char *dh_scan_domain_of         (const char     *address);
void        dh_scan_fill_str          (char          **dest,
                                       const char     *value);

Event      *dh_scan_new_event         (Scan           *scan);
void        dh_scan_event_set_diagnostic (Event       *event,
                                       const char     *text,
                                       const char     *line);

/* dh-json-events.c: sending services' event notifications in JSON. */
gboolean    dh_scan_json_events       (Scan           *scan,
                                       const char     *text,
                                       gsize           length);

/* dh-report-build.c: a message's events into DhReports. */
void        dh_scan_finish            (Scan           *scan,
                                       DhAnalysis     *analysis);

G_END_DECLS
