/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-formats.h: the phrases that differ per mail server, from data/formats.json. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GStrv original_message_markers;      /* as written */
  GStrv reporting_host_openers;        /* lower case */
  GStrv recipient_line_continuations;  /* as written */
  GStrv bounce_header_signs;           /* lower case */
  GStrv auto_reply_subjects;           /* case-folded */
  GStrv read_receipt_subject_prefixes; /* case-folded */
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
