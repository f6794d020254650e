/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-case.c: libFuzzer target for reading one case file's bytes (run like fuzz-analyzer, HACKING.md). */
#include "config.h"

#include <stdint.h>

#include "dh-case.h"
#include "dh-case-export.h"
#include "dh-case-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DhCase) summary = NULL;
  g_autoptr(DhCase) dh_case = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(DhCase) again = NULL;

  /* What DhCaseStore does with a case file: parse it, read it for the list (no analysis), then
   * open it (the bounce analysed again), show it as a report and save it. */
  root = dh_case_parse_file_data ((const char *) data, size, NULL);
  if (root == NULL)
    return 0;
  summary = dh_case_load_json (root, DH_CASE_LOAD_NO_ANALYSIS, NULL);
  if (summary != NULL)
    {
      DhCaseState state = dh_case_get_state (summary, NULL);

      g_assert (dh_case_state_to_string (state) != NULL);
    }
  dh_case = dh_case_load_json (root, DH_CASE_LOAD_FULL, NULL);
  if (dh_case == NULL)
    return 0;
  g_free (dh_case_export (dh_case, DH_EXPORT_TEXT, TRUE));
  g_free (dh_case_export (dh_case, DH_EXPORT_MARKDOWN, FALSE));
  /* What it saves reads back as a case. */
  saved = dh_case_to_json (dh_case);
  again = dh_case_load_json (saved, DH_CASE_LOAD_NO_ANALYSIS, NULL);
  g_assert (again != NULL);
  return 0;
}
