/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replies.c: libFuzzer target for dh_reply_analyze () (run like fuzz-analyzer, HACKING.md). */
#include "config.h"

#include <stdint.h>

#include "dh-replies.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DhReply *reply = dh_reply_analyze ((const char *) data, size, NULL);

  if (reply != NULL)
    {
      JsonNode *node = dh_reply_to_json (reply);
      json_node_unref (node);
      dh_reply_free (reply);
    }
  return 0;
}
