/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-mail-texts.h: ready mails to Microsoft (delist@microsoft.com for 550 5.7.511; the answer to
 * "not qualified for mitigation"), in English and Japanese. */
#pragma once

#include <glib.h>

#include "dh-case.h"
#include "dh-replies.h"

G_BEGIN_DECLS

/* The address Microsoft names for 550 5.7.511 ("banned sender"); its portal refuses this code. */
#define DH_MAIL_DELIST_ADDRESS "delist@microsoft.com"

/* @lang is "en" or "ja" (as in dh-texts.h). The English text is the one to send: Microsoft's
 * support reads English; the Japanese one says the same, for the user to understand. */
char *dh_mail_delist_code    (DhCase     *dh_case);
char *dh_mail_delist_subject (DhCase     *dh_case);
char *dh_mail_delist_body    (DhCase     *dh_case,
                              const char *lang);

/* The answer to a "not qualified" reply: subject (English, keeps Microsoft's ticket number) and
 * body with the IP, the ticket and the domains; the case's IP, else the first the reply names. */
char *dh_mail_reply_subject  (DhReply    *reply);
char *dh_mail_reply_body     (DhCase     *dh_case,
                              DhReply    *reply,
                              const char *lang);

G_END_DECLS
