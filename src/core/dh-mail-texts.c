/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-mail-texts.c: the mail to delist@microsoft.com for 550 5.7.511. Literal English and Japanese,
 * not gettext: which one the user needs depends on who reads it, not on the app's language. Dates
 * and the signature are made as in dh-texts.c, so that every ready text reads alike. */
#include "config.h"

#include "dh-mail-texts.h"
#include "dh-texts.h"

#include <string.h>

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* The error code as the bounce gives it, with the SMTP reply code in front: "550 5.7.511". */
char *
dh_mail_delist_code (DhCase *dh_case)
{
  DhReport *report;
  const char *code;

  g_return_val_if_fail (dh_case != NULL, NULL);

  report = dh_case_get_report (dh_case);
  code = dh_case_get (dh_case, DH_CASE_CODE);
  if (!is_set (code) && report != NULL)
    code = report->status;
  if (!is_set (code))
    code = "5.7.511";
  if (report != NULL && is_set (report->reply_code) && !g_str_has_prefix (code, report->reply_code))
    return g_strdup_printf ("%s %s", report->reply_code, code);
  return g_strdup (code);
}

/* Always English: it is what Microsoft reads first. */
char *
dh_mail_delist_subject (DhCase *dh_case)
{
  const char *ip;
  g_autofree char *code = NULL;

  g_return_val_if_fail (dh_case != NULL, NULL);

  ip = dh_case_get (dh_case, DH_CASE_IP);
  code = dh_mail_delist_code (dh_case);
  if (!is_set (ip))
    return g_strdup_printf ("Delisting request (%s)", code);
  return g_strdup_printf ("Delisting request for %s (%s)", ip, code);
}

/* Who signs: the contact's name, else the sending address or domain. */
static const char *
signature (DhCase *c)
{
  if (is_set (dh_case_get_contact_name (c)))
    return dh_case_get_contact_name (c);
  if (is_set (dh_case_get (c, DH_CASE_SENDER_ADDRESS)))
    return dh_case_get (c, DH_CASE_SENDER_ADDRESS);
  return dh_case_get (c, DH_CASE_SENDER_DOMAIN);
}

static void
body_en (DhCase     *c,
         GString    *out,
         const char *code)
{
  const char *ip = dh_case_get (c, DH_CASE_IP);
  const char *domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *ndr = dh_case_get (c, DH_CASE_DIAGNOSTIC);
  g_autofree char *website = dh_case_get_website (c);

  g_string_append (out, "Hello,\n\n");
  g_string_append_printf (out, "Mail from my server is refused by Microsoft 365 with the error %s "
                          "(\"banned sender\"). As the error message asks, I am writing to request that the "
                          "IP address below be removed from your block list.\n", code);

  g_string_append (out, "\nDetails:\n");
  if (is_set (ip))
    g_string_append_printf (out, "- IP address: %s\n", ip);
  if (dh_case_get_date (c))
    {
      g_autofree char *date = dh_texts_format_date (dh_case_get_date (c), "en");
      g_string_append_printf (out, "- Date of the error: %s\n", date);
    }
  g_string_append_printf (out, "- Error message (verbatim):\n%s\n", is_set (ndr) ? ndr : code);

  g_string_append (out, "\nAbout me:\n");
  if (is_set (dh_case_get_contact_name (c)))
    g_string_append_printf (out, "My name is %s. ", dh_case_get_contact_name (c));
  if (is_set (website))
    g_string_append_printf (out, "I run the website %s. ", website);
  if (is_set (domain))
    g_string_append_printf (out, "I send my mail from the domain %s. ", domain);
  switch (dh_case_get_hosting (c))
    {
    case DH_HOSTING_SHARED:
      g_string_append (out, "My website and mail are on a shared hosting server, so this IP address is shared "
                       "with other customers of my hosting company. ");
      break;
    case DH_HOSTING_DEDICATED:
      g_string_append (out, "I rent this server from a hosting company, and only my mail is sent from this "
                       "IP address. ");
      break;
    case DH_HOSTING_UNKNOWN:
    default:
      g_string_append (out, "The server is provided by my hosting company. ");
      break;
    }
  g_string_append (out, "I send ordinary mail to my customers and business contacts.\n");

  g_string_append (out, "\nCould you please look into this and remove the IP address from the list? If you "
                   "need any further information, please reply to this message.\n\n"
                   "Thank you for your help.\n\n"
                   "Best regards,\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "%s\n", signature (c));
}

static void
body_ja (DhCase     *c,
         GString    *out,
         const char *code)
{
  const char *ip = dh_case_get (c, DH_CASE_IP);
  const char *domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *ndr = dh_case_get (c, DH_CASE_DIAGNOSTIC);
  g_autofree char *website = dh_case_get_website (c);

  g_string_append (out, "Microsoft ご担当者様\n\n");
  g_string_append_printf (out, "当方のサーバーから送信したメールが、Microsoft 365 にエラー %s"
                          "（banned sender: 送信者の禁止）で拒否されています。エラーメッセージの案内に従い、"
                          "下記の IP アドレスをブロックリストから削除していただきたく、ご連絡いたしました。\n", code);

  g_string_append (out, "\n■ 詳細\n");
  if (is_set (ip))
    g_string_append_printf (out, "・IP アドレス: %s\n", ip);
  if (dh_case_get_date (c))
    {
      g_autofree char *date = dh_texts_format_date (dh_case_get_date (c), "ja");
      g_string_append_printf (out, "・エラーの日時: %s\n", date);
    }
  g_string_append_printf (out, "・エラーメッセージ（原文のまま）:\n%s\n", is_set (ndr) ? ndr : code);

  g_string_append (out, "\n■ 当方について\n");
  if (is_set (dh_case_get_contact_name (c)))
    g_string_append_printf (out, "%s と申します。", dh_case_get_contact_name (c));
  if (is_set (website))
    g_string_append_printf (out, "ウェブサイト %s を運営しています。", website);
  if (is_set (domain))
    g_string_append_printf (out, "メールはドメイン %s から送信しています。", domain);
  switch (dh_case_get_hosting (c))
    {
    case DH_HOSTING_SHARED:
      g_string_append (out, "ウェブサイトとメールは共用のホスティングサーバーにあり、この IP アドレスは"
                       "同じホスティング会社の他の利用者と共用しています。");
      break;
    case DH_HOSTING_DEDICATED:
      g_string_append (out, "このサーバーはホスティング会社から借りているもので、この IP アドレスから"
                       "送信しているのは当方のメールだけです。");
      break;
    case DH_HOSTING_UNKNOWN:
    default:
      g_string_append (out, "サーバーはホスティング会社が提供しているものです。");
      break;
    }
  g_string_append (out, "送信しているのは、お客様や取引先との通常のメールです。\n");

  g_string_append (out, "\nお手数ですが、ご確認のうえ、この IP アドレスをリストから削除していただけますでしょうか。"
                   "追加の情報が必要でしたら、このメールにご返信ください。\n\n"
                   "ご対応のほど、よろしくお願いいたします。\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "\n%s\n", signature (c));
}

/* The mail to delist@microsoft.com: the address, the whole error line as the bounce gives it, the
 * date, who writes and a polite request, as Microsoft asks ("provide the full NDR code and IP"). */
char *
dh_mail_delist_body (DhCase     *dh_case,
                     const char *lang)
{
  GString *out;
  g_autofree char *code = NULL;

  g_return_val_if_fail (dh_case != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  code = dh_mail_delist_code (dh_case);
  out = g_string_new (NULL);
  if (g_str_equal (lang, "ja"))
    body_ja (dh_case, out, code);
  else
    body_en (dh_case, out, code);
  /* No blank line at the end: the text is pasted into a mail program. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* "RE: <Microsoft's subject>": a reply to the same ticket must keep its number in the subject,
 * as Microsoft's acknowledgement asks. */
char *
dh_mail_reply_subject (DhReply *reply)
{
  const char *subject;

  g_return_val_if_fail (reply != NULL, NULL);

  subject = reply->subject;
  if (is_set (subject))
    {
      g_autofree char *base = NULL;

      if (g_ascii_strncasecmp (subject, "RE:", 3) == 0)
        base = g_strdup (subject);
      else
        base = g_strdup_printf ("RE: %s", subject);
      if (is_set (reply->ticket) && strstr (base, reply->ticket) == NULL)
        return g_strdup_printf ("%s [%s]", base, reply->ticket);
      return g_steal_pointer (&base);
    }
  if (is_set (reply->ticket))
    return g_strdup_printf ("RE: Request for further investigation [%s]", reply->ticket);
  return g_strdup ("RE: Request for further investigation");
}

char *
dh_mail_reply_body (DhCase     *dh_case,
                    DhReply    *reply,
                    const char *lang)
{
  const char *ip;

  g_return_val_if_fail (dh_case != NULL, NULL);
  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  ip = dh_case_get (dh_case, DH_CASE_IP);
  if (!is_set (ip) && reply->ips->len > 0)
    ip = reply->ips->pdata[0];
  return dh_texts_reply_body_for (dh_case, ip, reply->ticket, lang);
}
