/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-letters.h: the letters of a case (to the hosting company, to Microsoft, the form's title),
 * each the values of the case put into a letter of data/letters/ by dh_letter_render (). */
#pragma once

#include <glib.h>

#include "dh-case.h"
#include "dh-replies.h"

G_BEGIN_DECLS

/* The address Microsoft names for 550 5.7.511 ("banned sender"); its portal refuses this code. */
#define DH_MAIL_DELIST_ADDRESS "delist@microsoft.com"

/* @lang is one of dh_letter_get_languages (). A letter's language follows its reader (a Japanese
 * hosting company, Microsoft's English-speaking support), not the app's language. */

/* The message to the hosting company's support. */
char    *dh_letters_host_subject   (DhCase      *dh_case,
                                    const char  *lang);
char    *dh_letters_host_body      (DhCase      *dh_case,
                                    const char  *lang);

/* The mail to delist@microsoft.com for 550 5.7.511, and its error code as the bounce gives it,
 * with the SMTP reply code in front ("550 5.7.511"). */
char    *dh_letters_delist_code    (DhCase      *dh_case);
char    *dh_letters_delist_subject (DhCase      *dh_case,
                                    const char  *lang);
char    *dh_letters_delist_body    (DhCase      *dh_case,
                                    const char  *lang);

/* The answer to "not qualified for mitigation", with Microsoft's ticket number. @reply: the reply
 * to answer, or NULL for the case's latest "not-qualified" reply (what the reply page shows).
 * The IP is the case's, else the first the reply names; the ticket the reply's, else the case's
 * latest. */
char    *dh_letters_reply_subject  (DhCase      *dh_case,
                                    DhReply     *reply,
                                    const char  *lang);
char    *dh_letters_reply_body     (DhCase      *dh_case,
                                    DhReply     *reply,
                                    const char  *lang);

/* The ready Issue Title of the Outlook.com delisting form; any of @ip, @code may be NULL. */
char    *dh_letters_form_title     (const char  *ip,
                                    const char  *code,
                                    DhHosting    hosting,
                                    const char  *lang);

G_END_DECLS
