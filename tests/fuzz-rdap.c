/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-rdap.c: libFuzzer target for reading an RDAP answer into the owner result (see HACKING.md). */
#include "config.h"

#include <stdint.h>

#include "dh-rdap.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  DhRdapResult *result = dh_rdap_result_new_from_json ("203.0.113.10", bytes, &error);

  if (result != NULL)
    {
      JsonNode *node = dh_rdap_result_to_json (result);

      json_node_unref (node);
      dh_rdap_result_free (result);
    }
  else
    g_assert (error != NULL && error->domain == DH_NET_ERROR);
  return 0;
}
