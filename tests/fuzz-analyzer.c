/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-analyzer.c: libFuzzer target for the analyser (see HACKING.md for how to run it). */
#include "config.h"

#include <stdint.h>

#include "dh-analyzer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DhAnalysis *analysis = dh_analyze ((const char *) data, size, NULL);

  if (analysis != NULL)
    {
      JsonNode *node = dh_analysis_to_json (analysis);
      json_node_unref (node);
      dh_analysis_free (analysis);
    }
  return 0;
}
