/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-export.h: a case as a readable report for the hosting company's support, or as JSON. */
#pragma once

#include "dh-case.h"

G_BEGIN_DECLS

typedef enum {
  DH_EXPORT_TEXT,       /* plain text, headings underlined */
  DH_EXPORT_MARKDOWN,   /* CommonMark: headings, lists, replies in fenced blocks */
  DH_EXPORT_JSON,       /* the case file's JSON (dh_case_to_json ()), pretty-printed */
} DhExportFormat;

char     *dh_case_export                (DhCase         *dh_case,
                                         DhExportFormat  format,
                                         gboolean        mask_recipients);
char     *dh_case_mask_recipients       (DhCase         *dh_case,
                                         const char     *text);
gboolean  dh_export_format_from_string  (const char     *name,
                                         DhExportFormat *format);

G_END_DECLS
