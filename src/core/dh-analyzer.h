/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-analyzer.h: reads pasted text, a message or an mbox and finds the bounces in it. */
#pragma once

#include <gio/gio.h>

#include "dh-report.h"

G_BEGIN_DECLS

/* Inputs above this size are refused (a bounce is a few kilobytes; a mailbox export may be large). */
#define DH_ANALYZER_MAX_INPUT (64 * 1024 * 1024)
/* At most this many reports are kept; more are counted in dropped_reports. */
#define DH_ANALYZER_MAX_REPORTS 1000

#define DH_ANALYZER_ERROR (dh_analyzer_error_quark ())
GQuark dh_analyzer_error_quark (void);

typedef enum {
  DH_ANALYZER_ERROR_TOO_LARGE,
} DhAnalyzerError;

typedef enum {
  DH_INPUT_TEXT,
  DH_INPUT_MESSAGE,
  DH_INPUT_MBOX,
} DhInputFormat;

/* A message read that gives no report: kind is "auto-reply", "read-receipt", "feedback-report"
 * or "plain" (tests/samples/README.md); subject is the decoded Subject, or NULL. */
typedef struct {
  const char *kind;
  char       *subject;
} DhNotBounce;

typedef struct {
  GPtrArray    *reports;           /* DhReport*, in the order found */
  DhInputFormat format;
  guint         n_messages;        /* messages read (1 for text) */
  guint         n_feedback_reports;/* ARF spam-complaint reports seen (not bounces) */
  guint         dropped_reports;
  GPtrArray    *not_bounces;       /* DhNotBounce*: one per message (or pasted text) with no report,
                                    * the first DH_ANALYZER_MAX_REPORTS */
} DhAnalysis;

DhAnalysis  *dh_analyze            (const char  *data,
                                    gsize        length,
                                    GError     **error);
DhAnalysis  *dh_analyze_full       (const char    *data,
                                    gsize          length,
                                    GCancellable  *cancellable,
                                    GError       **error);
void         dh_analysis_free      (DhAnalysis  *analysis);
const char  *dh_input_format_name  (DhInputFormat format);
/* What a person is told when @analysis found no bounce (an auto-reply, a read receipt, a spam
 * complaint, nothing at all), translated; NULL when it has reports. @length is the input's size. */
char        *dh_analysis_describe_empty (DhAnalysis *analysis,
                                         gsize       length);
JsonNode    *dh_analysis_to_json   (DhAnalysis  *analysis);

/* A message as a person reads it, for texts that are not bounces (Microsoft's replies). */
typedef struct {
  DhInputFormat format;
  char         *subject;     /* decoded (RFC 2047), or NULL for pasted text without headers */
  GDateTime    *date;        /* the Date: header, or NULL */
  char         *date_line;   /* "Date: ..." as written, or NULL */
  char         *body;        /* the text parts as UTF-8 with LF line ends; pasted text as is */
} DhMessageText;

DhMessageText *dh_message_text_read (const char  *data,
                                     gsize        length,
                                     GError     **error);
void           dh_message_text_free (DhMessageText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhAnalysis, dh_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhMessageText, dh_message_text_free)

G_END_DECLS
