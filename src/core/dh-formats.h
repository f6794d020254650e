/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-formats.h: the phrases that differ per mail server, from data/formats.json. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A regex for one logical line, run only where its lower-case hint occurs (formats.json
 * "line_patterns"). */
typedef struct {
  char   *hint;
  GRegex *regex;
} DhLinePattern;

/* formats.json "json_events": the member paths of sending services' event notifications. */
typedef struct {
  GStrv recipient, diagnostic, reply_code, status, action, remote_host, remote_ip, sending_ip,
        sender, envelope_sender, reporting_host;
  GStrv event_fields;   /* as written */
  GStrv not_failures;   /* lower case */
  GStrv delayed;        /* lower case */
} DhJsonEventFields;

typedef struct {
  GStrv original_message_markers;      /* as written */
  GStrv reporting_host_openers;        /* lower case */
  GStrv recipient_line_continuations;  /* as written */
  GStrv bounce_header_signs;           /* lower case */
  GStrv auto_reply_subjects;           /* case-folded */
  GStrv read_receipt_subject_prefixes; /* case-folded */
  GStrv delay_subjects;                /* case-folded */
  GRegex *transcript_line_prefix;      /* the "transcript_line_prefixes" as one anchored regex */
  DhLinePattern *line_patterns;        /* ended by one with a NULL hint */
  DhJsonEventFields json_events;
  GStrv bounce_senders;                /* case-folded */
  GStrv bounce_subjects;               /* case-folded */
  GStrv deciding_reasons;              /* case-folded */
  GStrv deciding_failures;             /* case-folded */
  GStrv recipient_labels;              /* as written */
  GStrv reason_labels;                 /* as written */
  GStrv forward_header_labels;         /* as written */
  GStrv notice_phrases;                /* lower case */
  GStrv failed_phrases;                /* lower case */
  GStrv delayed_phrases;               /* lower case */
  GStrv auto_reply_mailers;            /* case-folded */
  GStrv placeholder_diagnostics;       /* as written */
} DhFormats;

const DhFormats *dh_formats_get (void);

G_END_DECLS
