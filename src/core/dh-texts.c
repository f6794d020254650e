/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-texts.c: ready-to-send messages in Japanese and English. They are literal strings, not
 * gettext: the language of a message follows its reader (a Japanese hosting company, Microsoft's
 * English-speaking support), not the language of the app. */
#include "config.h"

#include "dh-texts.h"

typedef enum {
  LANG_JA,
  LANG_EN,
} Lang;

gboolean
dh_texts_is_language (const char *lang)
{
  return g_strcmp0 (lang, "ja") == 0 || g_strcmp0 (lang, "en") == 0;
}

static Lang
lang_of (const char *lang)
{
  return g_strcmp0 (lang, "ja") == 0 ? LANG_JA : LANG_EN;
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* A date as its reader expects it, in the bounce's own time zone (with its offset, since the
 * reader may be elsewhere): "2025年1月14日 10:23（日本時間）" or "14 January 2025, 10:23 (UTC+09:00)".
 * Month names are spelled here, not by the C library, so that they do not follow the app's locale. */
char *
dh_texts_format_date (GDateTime  *date,
                      const char *lang)
{
  static const char *months[] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  GTimeSpan offset;
  gint64 minutes;
  g_autofree char *zone = NULL;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  offset = g_date_time_get_utc_offset (date);
  minutes = (offset < 0 ? -offset : offset) / G_TIME_SPAN_MINUTE;
  zone = g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+',
                          (int) (minutes / 60), (int) (minutes % 60));

  if (lang_of (lang) == LANG_JA)
    return g_strdup_printf ("%d年%d月%d日 %02d:%02d（%s）",
                            g_date_time_get_year (date), g_date_time_get_month (date),
                            g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                            g_date_time_get_minute (date),
                            offset == 9 * G_TIME_SPAN_HOUR ? "日本時間" : zone);
  return g_strdup_printf ("%d %s %d, %02d:%02d (%s)",
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                          g_date_time_get_hour (date), g_date_time_get_minute (date), zone);
}

/* "Microsoft (Outlook.com)" and the like: which Microsoft refused, in the reader's words. */
static const char *
service_name (DhCase *c)
{
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-consumer") == 0)
    return "Microsoft (Outlook.com)";
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-365") == 0)
    return "Microsoft 365";
  return "Microsoft";
}

static const char *
service_name_ja (DhCase *c)
{
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-consumer") == 0)
    return "Microsoft（Outlook.com）";
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-365") == 0)
    return "Microsoft 365 ";
  return "Microsoft ";
}

/* "- Label: value", only when there is a value. */
static void
add_item (GString    *out,
          const char *bullet,
          const char *label,
          const char *value)
{
  if (is_set (value))
    g_string_append_printf (out, "%s%s%s\n", bullet, label, value);
}

/* The verbatim error line, on its own line so that nothing is added to it. */
static void
add_diagnostic (GString    *out,
                const char *label,
                const char *diagnostic)
{
  if (is_set (diagnostic))
    g_string_append_printf (out, "%s\n%s\n", label, diagnostic);
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

char *
dh_texts_host_subject (DhCase     *c,
                       const char *lang)
{
  const char *ip;

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  ip = dh_case_get (c, DH_CASE_IP);
  if (lang_of (lang) == LANG_JA)
    {
      if (is_set (ip))
        return g_strdup_printf ("【ご相談】%s宛てのメールが拒否される件（送信 IP %s）",
                                service_name_ja (c), ip);
      return g_strdup_printf ("【ご相談】%s宛てのメールが拒否される件", service_name_ja (c));
    }
  if (is_set (ip))
    return g_strdup_printf ("Mail to %s refused: sending IP %s is on its block list",
                            service_name (c), ip);
  return g_strdup_printf ("Mail to %s refused: our sending IP is on its block list", service_name (c));
}

static void
host_body_ja (DhCase  *c,
              GString *out)
{
  const char *sender_domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *recipient_domain = dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN);
  gboolean dedicated = dh_case_get_hosting (c) == DH_HOSTING_DEDICATED;
  g_autofree char *date = dh_case_get_date (c) ? dh_texts_format_date (dh_case_get_date (c), "ja") : NULL;

  g_string_append (out, "サポートご担当者様\n\n");
  g_string_append (out, "いつもお世話になっております。\n");
  if (is_set (sender_domain))
    g_string_append_printf (out, "貴社のサーバーで %s を運用している者です。\n\n", sender_domain);
  else
    g_string_append (out, "貴社のサーバーを利用している者です。\n\n");

  if (is_set (recipient_domain))
    g_string_append_printf (out, "%s 宛てに送信したメールが Microsoft に拒否され、"
                            "エラーメールとして戻ってきました。\n", recipient_domain);
  else
    g_string_append (out, "Microsoft のメールサービス宛てに送信したメールが拒否され、"
                     "エラーメールとして戻ってきました。\n");
  g_string_append (out, "エラーメールによると、送信元サーバーの IP アドレスが Microsoft の"
                   "ブロックリストに登録されているようです。\n");
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-consumer") == 0)
    g_string_append (out, "エラーメッセージでインターネット サービス プロバイダーへの連絡を"
                     "求められているため、ご連絡いたしました。\n");

  g_string_append (out, "\n■ 詳細\n");
  add_item (out, "・", "送信 IP: ", dh_case_get (c, DH_CASE_IP));
  add_item (out, "・", "送信サーバー: ", dh_case_get (c, DH_CASE_REPORTING_HOST));
  add_item (out, "・", "送信元ドメイン: ", sender_domain);
  add_item (out, "・", "宛先ドメイン: ", recipient_domain);
  add_item (out, "・", "エラーメールの日時: ", date);
  add_diagnostic (out, "・エラーメッセージ（原文のまま）:", dh_case_get (c, DH_CASE_DIAGNOSTIC));

  g_string_append (out, "\n");
  if (dedicated)
    g_string_append (out, "この IP アドレスが属するネットワークの評価は、当方では改善することができません。\n");
  else
    g_string_append (out, "共用サーバーのため、当方では IP アドレスの評価を改善することができません。\n");
  g_string_append (out, "お手数ですが、次の点についてご対応いただけますでしょうか。\n\n");
  g_string_append (out, "1. Microsoft へのブロックリスト解除（緩和）の申請\n");
  if (dedicated)
    {
      g_string_append (out, "2. 同じネットワーク内の他の IP アドレスから迷惑メールが送信されていないかのご確認\n");
      g_string_append (out, "3. 解除に時間がかかる場合は、ブロックされていない別の IP アドレスへの変更のご検討\n");
    }
  else
    {
      g_string_append (out, "2. 同じ IP アドレスを利用している他のお客様から迷惑メールが送信されていないかのご確認\n");
      g_string_append (out, "3. 解除に時間がかかる場合は、ブロックされていない IP アドレスのサーバーへの"
                       "収容替え（サーバー移転）のご検討\n");
    }

  if (g_strcmp0 (dh_case_get_remedy (c), "outlook-delist-form") == 0)
    g_string_append (out, "\nなお、当方からも Microsoft の Outlook.com 向け解除申請フォームで解除を申請いたします。\n");
  else if (g_strcmp0 (dh_case_get_remedy (c), "office365-delist-portal") == 0)
    g_string_append (out, "\nなお、当方からも Microsoft の解除ポータル（sender.office.com）で解除を申請いたします。\n");
  else if (g_strcmp0 (dh_case_get_remedy (c), "delist-email") == 0)
    g_string_append (out, "\nなお、当方からも Microsoft（delist@microsoft.com）に解除を依頼いたします。\n");

  g_string_append (out, "\nご多忙のところ恐れ入りますが、どうぞよろしくお願いいたします。\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "\n%s\n", signature (c));
}

static void
host_body_en (DhCase  *c,
              GString *out)
{
  const char *sender_domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *recipient_domain = dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN);
  gboolean dedicated = dh_case_get_hosting (c) == DH_HOSTING_DEDICATED;
  g_autofree char *date = dh_case_get_date (c) ? dh_texts_format_date (dh_case_get_date (c), "en") : NULL;

  g_string_append (out, "Hello,\n\n");
  if (is_set (sender_domain))
    g_string_append_printf (out, "I run %s on one of your servers.\n", sender_domain);
  else
    g_string_append (out, "I am a customer of yours.\n");

  if (is_set (recipient_domain))
    g_string_append_printf (out, "Mail I sent to %s was refused by Microsoft and came back as a bounce. ",
                            recipient_domain);
  else
    g_string_append (out, "Mail I sent to Microsoft's mail service was refused and came back as a bounce. ");
  g_string_append (out, "According to the bounce, the IP address of the sending server is on Microsoft's "
                   "block list.\n");
  if (g_strcmp0 (dh_case_get_system (c), "microsoft-consumer") == 0)
    g_string_append (out, "The error message asks me to contact my Internet service provider, so I am "
                     "writing to you.\n");

  g_string_append (out, "\nDetails:\n");
  add_item (out, "- ", "Sending IP: ", dh_case_get (c, DH_CASE_IP));
  add_item (out, "- ", "Sending server: ", dh_case_get (c, DH_CASE_REPORTING_HOST));
  add_item (out, "- ", "My domain: ", sender_domain);
  add_item (out, "- ", "Recipient domain: ", recipient_domain);
  add_item (out, "- ", "Date of the bounce: ", date);
  add_diagnostic (out, "- Error message (verbatim):", dh_case_get (c, DH_CASE_DIAGNOSTIC));

  g_string_append (out, "\n");
  if (dedicated)
    g_string_append (out, "I cannot improve the reputation of the network this IP address belongs to myself. ");
  else
    g_string_append (out, "As the server is shared, I cannot improve the reputation of its IP address myself. ");
  g_string_append (out, "Could you please:\n\n");
  g_string_append (out, "1. ask Microsoft to delist this IP address (to mitigate the block);\n");
  if (dedicated)
    {
      g_string_append (out, "2. check whether other IP addresses in the same network have been sending spam;\n");
      g_string_append (out, "3. if the block is not lifted soon, consider giving my server another, clean IP address?\n");
    }
  else
    {
      g_string_append (out, "2. check whether another customer on the same IP address has been sending spam;\n");
      g_string_append (out, "3. if the block is not lifted soon, consider moving my site to a server with a "
                       "clean IP address?\n");
    }

  if (g_strcmp0 (dh_case_get_remedy (c), "outlook-delist-form") == 0)
    g_string_append (out, "\nI am also asking Microsoft for removal with its Outlook.com delisting form.\n");
  else if (g_strcmp0 (dh_case_get_remedy (c), "office365-delist-portal") == 0)
    g_string_append (out, "\nI am also requesting removal on Microsoft's delist portal (sender.office.com).\n");
  else if (g_strcmp0 (dh_case_get_remedy (c), "delist-email") == 0)
    g_string_append (out, "\nI am also asking Microsoft for removal at delist@microsoft.com.\n");

  g_string_append (out, "\nThank you for your help.\n\nBest regards,\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "%s\n", signature (c));
}

/* The message to the hosting company's support: the facts, the verbatim error and three asks. */
char *
dh_texts_host_body (DhCase     *c,
                    const char *lang)
{
  GString *out;

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  out = g_string_new (NULL);
  if (lang_of (lang) == LANG_JA)
    host_body_ja (c, out);
  else
    host_body_en (c, out);
  /* No blank line at the end: the text is pasted into a mail that may add its own signature. */
  return g_strchomp (g_string_free (out, FALSE));
}

static void
reply_body_ja (DhCase     *c,
               GString    *out,
               const char *ip,
               const char *ticket)
{
  const char *sender_domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *recipient_domain = dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN);
  g_autofree char *date = dh_case_get_date (c) ? dh_texts_format_date (dh_case_get_date (c), "ja") : NULL;

  g_string_append (out, "ご担当者様\n\n");
  g_string_append (out, "ご確認いただき、ありがとうございます。\n");
  g_string_append (out, "残念ながら、下記の IP アドレスからのメールは現在も拒否されており、ブロックが続いています。\n\n");
  add_item (out, "", "チケット番号: ", ticket);
  add_item (out, "", "IP アドレス: ", ip);
  add_item (out, "", "送信元ドメイン: ", sender_domain);
  add_item (out, "", "宛先ドメイン: ", recipient_domain);
  if (date)
    {
      g_autofree char *label = g_strdup_printf ("エラーメッセージ（%s のエラーメールより、原文のまま）:", date);
      add_diagnostic (out, label, dh_case_get (c, DH_CASE_DIAGNOSTIC));
    }
  else
    add_diagnostic (out, "エラーメッセージ（原文のまま）:", dh_case_get (c, DH_CASE_DIAGNOSTIC));

  g_string_append (out, "\n");
  if (is_set (sender_domain))
    g_string_append_printf (out, "当方は小規模な事業者（%s）で、", sender_domain);
  else
    g_string_append (out, "当方は小規模な事業者で、");
  g_string_append (out, "注文の確認やお問い合わせへの返信など、自社のお客様への通常のメールのみを送信しています。\n");
  if (dh_case_get_hosting (c) == DH_HOSTING_DEDICATED)
    g_string_append (out, "サーバーはホスティング会社から借りており、この IP アドレスが属するネットワークの評価を"
                     "当方で管理することはできません。\n");
  else
    g_string_append (out, "Web サイトとメールは共用のレンタルサーバーで運用しているため、この IP アドレスは"
                     "ホスティング会社の他の利用者と共用しており、当方で評価を管理することはできません。\n");
  g_string_append (out, "ホスティング会社にはこのブロックについて連絡し、サーバーの確認を依頼済みです。\n\n");
  g_string_append (out, "お手数ですが、さらに調査のうえ、この IP アドレスのブロック解除（緩和）を"
                   "ご検討いただけますでしょうか。\n\n");
  g_string_append (out, "どうぞよろしくお願いいたします。\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "\n%s\n", signature (c));
}

static void
reply_body_en (DhCase     *c,
               GString    *out,
               const char *ip,
               const char *ticket)
{
  const char *sender_domain = dh_case_get (c, DH_CASE_SENDER_DOMAIN);
  const char *recipient_domain = dh_case_get (c, DH_CASE_RECIPIENT_DOMAIN);
  g_autofree char *date = dh_case_get_date (c) ? dh_texts_format_date (dh_case_get_date (c), "en") : NULL;

  g_string_append (out, "Hello,\n\n");
  g_string_append (out, "Thank you for reviewing my request. Unfortunately, mail from the IP address below is "
                   "still refused: the block persists.\n\n");
  add_item (out, "", "Ticket number: ", ticket);
  add_item (out, "", "IP address: ", ip);
  add_item (out, "", "My domain: ", sender_domain);
  add_item (out, "", "Recipient domain: ", recipient_domain);
  if (date)
    {
      g_autofree char *label = g_strdup_printf ("Error message (verbatim, from a bounce of %s):", date);
      add_diagnostic (out, label, dh_case_get (c, DH_CASE_DIAGNOSTIC));
    }
  else
    add_diagnostic (out, "Error message (verbatim):", dh_case_get (c, DH_CASE_DIAGNOSTIC));

  g_string_append (out, "\n");
  if (is_set (sender_domain))
    g_string_append_printf (out, "I run a small business (%s). ", sender_domain);
  else
    g_string_append (out, "I run a small business. ");
  g_string_append (out, "I only send ordinary mail to my own customers, such as order confirmations and "
                   "answers to their questions. ");
  if (dh_case_get_hosting (c) == DH_HOSTING_DEDICATED)
    g_string_append (out, "My server is rented from a hosting company, and I cannot control the reputation "
                     "of the network this IP address belongs to. ");
  else
    g_string_append (out, "My web site and mail are on a shared hosting server, so this IP address is shared "
                     "with other customers of my hosting company, and I cannot control its reputation. ");
  g_string_append (out, "I have informed my hosting company of the block and asked them to check the server.\n\n");
  g_string_append (out, "Could you please investigate further and lift the block (or mitigate it) for this "
                   "IP address?\n\n");
  g_string_append (out, "Thank you for your help.\n\nBest regards,\n");
  if (is_set (signature (c)))
    g_string_append_printf (out, "%s\n", signature (c));
}

/* The reply to Microsoft's "Not qualified for mitigation": the block persists, the facts again,
 * who the sender is, and a request to investigate further. */
char *
dh_texts_reply_body (DhCase     *c,
                     const char *lang)
{
  g_return_val_if_fail (c != NULL, NULL);

  return dh_texts_reply_body_for (c, dh_case_get (c, DH_CASE_IP), NULL, lang);
}

/* The same, for the address @ip and Microsoft's ticket number @ticket (either may be NULL). */
char *
dh_texts_reply_body_for (DhCase     *c,
                         const char *ip,
                         const char *ticket,
                         const char *lang)
{
  GString *out;

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (dh_texts_is_language (lang), NULL);

  out = g_string_new (NULL);
  if (lang_of (lang) == LANG_JA)
    reply_body_ja (c, out, ip, ticket);
  else
    reply_body_en (c, out, ip, ticket);
  /* No blank line at the end: the text is pasted into a mail that may add its own signature. */
  return g_strchomp (g_string_free (out, FALSE));
}
