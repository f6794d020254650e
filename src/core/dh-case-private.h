/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-private.h: what DhCaseStore and the export need of a case beyond the public API. */
#pragma once

#include "dh-case.h"

G_BEGIN_DECLS

typedef enum {
  DH_CASE_LOAD_FULL = 0,
  /* For summaries: the bounce is neither kept nor analysed again. */
  DH_CASE_LOAD_NO_ANALYSIS = 1 << 0,
} DhCaseLoadFlags;

DhCase   *dh_case_load_json   (JsonNode         *node,
                               DhCaseLoadFlags   flags,
                               GError          **error);
gboolean  dh_case_has_report  (DhCase           *self);
JsonNode *dh_case_to_json_without_input (DhCase *self);
JsonNode *dh_case_input_to_json          (DhCase *self);
gsize     dh_case_input_size             (DhCase *self);
JsonNode *dh_case_parse_file_data (const char       *data,
                                   gsize             length,
                                   GError          **error);
/* The "format" of a parsed case file, or -1 when there is none. */
gint64    dh_case_json_format (JsonNode         *node);

/* What an analysis would give, for a case made without a bounce (tests): @system, @kind and
 * @remedy must outlive the case (string literals, or the rules' own strings); @date may be NULL. */
void      dh_case_set_classification (DhCase     *self,
                                      gboolean    is_block,
                                      const char *system,
                                      const char *kind,
                                      const char *remedy,
                                      GDateTime  *date);

G_END_DECLS
