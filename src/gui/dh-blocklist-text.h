/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklist-text.h: the sentences a person reads about a block list, keyed by data/blocklists.json's ids. */
#pragma once

#include <glib.h>

#include "dh-blocklists.h"

G_BEGIN_DECLS

/* For a list id, a listing id, or NULL (a list the app does not know). Each returns NULL when
 * there is nothing to say (a listing with no step of its own, a list with no page to open). */
const char *dh_blocklist_text_meaning (const char       *id);
const char *dh_blocklist_text_todo    (const char       *id);
const char *dh_blocklist_text_removal (const char       *id);
const char *dh_blocklist_text_button  (const char       *id);
const char *dh_blocklist_text_expect  (const char       *id);
const char *dh_blocklist_text_scope   (DhBlocklistScope  scope);

G_END_DECLS
