/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-texts.h: ready-to-send messages (to the hosting company, to Microsoft) in Japanese and English. */
#pragma once

#include <glib.h>

#include "dh-case.h"

G_BEGIN_DECLS

gboolean  dh_texts_is_language     (const char *lang);
char     *dh_texts_format_date     (GDateTime  *date,
                                    const char *lang);
char     *dh_texts_host_subject    (DhCase     *dh_case,
                                    const char *lang);
char     *dh_texts_host_body       (DhCase     *dh_case,
                                    const char *lang);
char     *dh_texts_reply_body      (DhCase     *dh_case,
                                    const char *lang);
char     *dh_texts_reply_body_for  (DhCase     *dh_case,
                                    const char *ip,
                                    const char *ticket,
                                    const char *lang);

G_END_DECLS
