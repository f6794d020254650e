/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-form.c: form definitions, prefilled Outlook.com form, portal, 5.7.511 mail, time zones. */
#include "config.h"

#include <string.h>

#include "dh-analyzer.h"
#include "dh-core-resources.h"
#include "dh-form.h"
#include "dh-timezone.h"
#include "dh-test-samples.h"

/* A Postfix bounce for an outlook.jp recipient (S3150), with the envelope sender in the DSN:
 * tests/samples/postfix-outlookjp-s3150-dsn.eml, read in main (). */
static char *s3150_message;

/* Such a notice pasted from its first line: no sender, no date header. */
static char *s3150_body;  /* tests/samples/fragment-postfix-s3150-with-intro.txt, read in main () */

static const char s3150_diagnostic[] =
  "550 5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please contact your "
  "Internet service provider since part of their network is on our block list (S3150). You can "
  "also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. "
  "[TYZAPC01FT012.eop-APC01.prod.protection.outlook.com 2026-11-28T01:15:03.511Z 08DE2E1F3A4B5C6D] "
  "(in reply to MAIL FROM command)";

static char *m365_511_message;  /* tests/samples/postfix-m365-5.7.511-banned-sender.eml, read in main () */

static char *m365_606_body;  /* tests/samples/fragment-m365-5.7.606-banned-ip.txt, read in main () */

static DhAnalysis *
analyze (const char *text)
{
  g_autoptr(GError) error = NULL;
  DhAnalysis *analysis = dh_analyze (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  g_assert_cmpuint (analysis->reports->len, >=, 1);
  return analysis;
}

static DhReport *
first_report (DhAnalysis *analysis)
{
  return g_ptr_array_index (analysis->reports, 0);
}

/* dh_timezone_get_local_iana () with TZ set to @value (NULL: unset); TZ is put back after. */
static char *
local_iana_with_tz (const char *value)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  char *result;

  if (value != NULL)
    g_setenv ("TZ", value, TRUE);
  else
    g_unsetenv ("TZ");
  result = dh_timezone_get_local_iana ();
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  return result;
}

/* --- Definitions ---------------------------------------------------------------------------- */

static const char *outlook_ids[] = {
  "IssueTitle", "ContactName", "DomainTo", "ContactEmail", "ddlTimezones", "DomainFrom",
  "SelfDescription", "IpAddresses", "ServerType", "ErrorMessages", "WebsiteUrl",
};

static void
test_definitions (void)
{
  const DhFormDefinition *outlook = dh_form_get_definition (DH_FORM_OUTLOOK);
  const DhFormDefinition *portal = dh_form_get_definition (DH_FORM_PORTAL);
  const DhFormDefinition *email = dh_form_get_definition (DH_FORM_EMAIL);
  const char *domain_to[] = { "hotmail.com", "live.com", "msn.com", "outlook.com", "other", NULL };
  const char *self_description[] = {
    "Internet Service Provider (ISP)", "E-mail Service Provider (ESP)", "Windows Live Hotmail Customer",
    "Customer of an ISP other than Windows Live Hotmail", "University IT", "Business (non-marketing)",
    "Other", NULL
  };
  const char *server_type[] = { "Unknown", "Dedicated", "Shared", NULL };
  const char *controls[] = {
    "text", "text", "select", "text", "select", "text", "select", "textarea", "select", "textarea", "text",
  };
  const DhFormField *field;

  g_assert_nonnull (outlook);
  g_assert_cmpstr (outlook->url, ==, "https://olcsupport.office.com/");
  g_assert_null (outlook->to);
  g_assert_cmpuint (outlook->fields->len, ==, G_N_ELEMENTS (outlook_ids));
  for (guint i = 0; i < G_N_ELEMENTS (outlook_ids); i++)
    {
      field = g_ptr_array_index (outlook->fields, i);
      g_assert_cmpstr (field->id, ==, outlook_ids[i]);
      g_assert_cmpstr (field->control, ==, controls[i]);
      g_assert_true (dh_form_definition_get_field (outlook, outlook_ids[i]) == field);
    }
  g_assert_true (g_strv_equal (dh_form_definition_get_field (outlook, "DomainTo")->options,
                               domain_to));
  g_assert_true (g_strv_equal (dh_form_definition_get_field (outlook, "SelfDescription")->options,
                               self_description));
  g_assert_true (g_strv_equal (dh_form_definition_get_field (outlook, "ServerType")->options, server_type));
  field = dh_form_definition_get_field (outlook, "ddlTimezones");
  g_assert_null (field->options);
  g_assert_cmpstr (field->options_from, ==, "timezones");
  g_assert_null (dh_form_definition_get_field (outlook, "Captcha"));
  g_assert_cmpstr (dh_form_definition_get_text (outlook, "submit", "en"), ==, "Submit");

  g_assert_nonnull (portal);
  g_assert_cmpstr (portal->url, ==, "https://sender.office.com/");
  g_assert_cmpuint (portal->fields->len, ==, 2);
  g_assert_cmpstr (((DhFormField *) g_ptr_array_index (portal->fields, 0))->id, ==, "email");
  g_assert_cmpstr (((DhFormField *) g_ptr_array_index (portal->fields, 1))->id, ==, "ip");
  g_assert_cmpstr (dh_form_definition_get_text (portal, "name", "en"), ==, "Office 365 Anti-Spam IP Delist Portal");
  g_assert_cmpstr (dh_form_definition_get_text (portal, "name", "ja"), ==, "リストから除外のポータル");
  g_assert_cmpstr (dh_form_definition_get_text (portal, "confirm", "en"), ==, "Delist IP");
  g_assert_cmpstr (dh_form_definition_get_text (portal, "confirm", "ja"), ==, "IP をリストから除外");
  /* No Japanese text in the data: the English one. */
  g_assert_cmpstr (dh_form_definition_get_text (portal, "submit", "ja"), ==, "Submit");
  g_assert_null (dh_form_definition_get_text (portal, "nothing", "en"));

  g_assert_nonnull (email);
  g_assert_null (email->url);
  g_assert_cmpstr (email->to, ==, "delist@microsoft.com");

  g_assert_null (dh_form_get_definition ("no-such-form"));
}

/* --- The Outlook.com form ------------------------------------------------------------------- */

typedef struct {
  const char *id;
  const char *label_en;
  const char *label_ja;
  const char *value_en;
  const char *value_ja;       /* NULL: as value_en */
  const char *option_value;
  const char *note;
} Expected;

static const Expected s3150_expected[] = {
  { "IssueTitle", "Issue Title", "問題のタイトル",
    "Delisting request for 203.0.113.45 (S3150, shared hosting)", NULL, NULL, DH_FORM_NOTE_TITLE_ENGLISH },
  { "ContactName", "Contact Name", "連絡先の名前", "Taro Yamada", NULL, NULL, NULL },
  { "DomainTo", "What domain are you sending to?", "どのドメインに送信先しますか?",
    "outlook.com", NULL, "outlook.com", DH_FORM_NOTE_DOMAIN_MAPPED },
  { "ContactEmail", "Contact email address", "連絡先のメール アドレス", "taro@example.jp", NULL, NULL, NULL },
  { "ddlTimezones", "Time Zone", "タイム ゾーン",
    "(UTC+09:00) Osaka, Sapporo, Tokyo", "(UTC+09:00) 大阪、札幌、東京", "Tokyo Standard Time", NULL },
  { "DomainFrom", "What domain are you sending from?", "どのドメインから送信先しますか?",
    "example.jp", NULL, NULL, NULL },
  { "SelfDescription", "Which of these best describes you or your company?",
    "お客様の会社やお客様ご自身について表しているのはどれですか?",
    "Business (non-marketing)", NULL, "Business (non-marketing)", DH_FORM_NOTE_BUSINESS },
  { "IpAddresses", "Sending IP or IP range", "送信 IP または送信 IP の範囲", "203.0.113.45", NULL, NULL, NULL },
  { "ServerType", "Is the server dedicated or shared?", "サーバーは専用ですか、共有ですか?",
    "Shared", NULL, "Shared", NULL },
  { "ErrorMessages", "Please copy and paste the error message(s)",
    "エラー メッセージをコピーして貼り付けてください", s3150_diagnostic, NULL, NULL, NULL },
  { "WebsiteUrl", "Please provide the URL of your website", "Web サイトの URL を指定してください",
    "https://example.jp/", NULL, NULL, DH_FORM_NOTE_WEBSITE_GUESSED },
};

static void
check_outlook (const char *language)
{
  g_autoptr(DhAnalysis) analysis = analyze (s3150_message);
  DhFormInput input = {
    .contact_name = "Taro Yamada",
    .contact_email = "taro@example.jp",
    .language = language,
    .timezone = "Asia/Tokyo",
    .hosting = DH_HOSTING_SHARED,
  };
  g_autoptr(DhFormValues) values = dh_form_fill_outlook (first_report (analysis), &input);
  const DhFormDefinition *definition = dh_form_get_definition (DH_FORM_OUTLOOK);
  gboolean ja = g_str_equal (language, "ja");

  g_assert_cmpstr (values->form_id, ==, DH_FORM_OUTLOOK);
  g_assert_cmpstr (values->url, ==, "https://olcsupport.office.com/");
  g_assert_cmpstr (values->language, ==, language);
  g_assert_cmpuint (values->values->len, ==, G_N_ELEMENTS (s3150_expected));

  for (guint i = 0; i < G_N_ELEMENTS (s3150_expected); i++)
    {
      const Expected *want = &s3150_expected[i];
      const DhFormValue *got = g_ptr_array_index (values->values, i);
      const DhFormField *field = dh_form_definition_get_field (definition, want->id);

      g_assert_cmpstr (got->field_id, ==, want->id);
      g_assert_true (dh_form_values_get (values, want->id) == got);
      g_assert_cmpstr (got->control, ==, field->control);
      g_assert_cmpstr (got->label, ==, ja ? want->label_ja : want->label_en);
      g_assert_cmpstr (got->value, ==, ja && want->value_ja ? want->value_ja : want->value_en);
      g_assert_cmpstr (got->option_value, ==, want->option_value);
      g_assert_cmpstr (got->note, ==, want->note);
      if (field->options != NULL)
        g_assert_true (g_strv_contains (field->options, got->option_value));
    }

  {
    const DhFormValue *domain_to = dh_form_values_get (values, "DomainTo");
    const DhFormValue *zone = dh_form_values_get (values, "ddlTimezones");

    g_assert_true (domain_to->mapped);
    g_assert_cmpstr (domain_to->source, ==, "outlook.jp");
    g_assert_false (zone->mapped);
    g_assert_cmpstr (zone->source, ==, "Asia/Tokyo");
    g_assert_false (dh_form_values_get (values, "IpAddresses")->mapped);
    g_assert_null (dh_form_values_get (values, "NoSuchField"));
  }
}

static void
test_outlook_en (void)
{
  check_outlook ("en");
}

static void
test_outlook_ja (void)
{
  check_outlook ("ja");
}

/* Nothing given, a bounce without a sender: what is known is filled, the rest asked for. */
static void
test_outlook_missing (void)
{
  g_autoptr(DhAnalysis) analysis = analyze (s3150_body);
  DhFormInput input = { 0 };
  g_autoptr(DhFormValues) values = NULL;
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  const DhFormValue *value;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  values = dh_form_fill_outlook (first_report (analysis), &input);
  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");

  g_assert_cmpstr (values->language, ==, "en");
  g_assert_cmpstr (dh_form_values_get (values, "IssueTitle")->value, ==,
                   "Delisting request for 203.0.113.45 (S3150)");
  for (guint i = 0; i < 4; i++)
    {
      const char *missing[] = { "ContactName", "ContactEmail", "DomainFrom", "WebsiteUrl" };

      value = dh_form_values_get (values, missing[i]);
      g_assert_null (value->value);
      g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_MISSING);
    }
  value = dh_form_values_get (values, "ServerType");
  g_assert_cmpstr (value->value, ==, "Unknown");
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_HOSTING_UNKNOWN);
  value = dh_form_values_get (values, "ddlTimezones");
  g_assert_cmpstr (value->value, ==, "(UTC+09:00) Osaka, Sapporo, Tokyo");
  g_assert_cmpstr (value->option_value, ==, "Tokyo Standard Time");
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_TIMEZONE_LOCAL);
  g_assert_cmpstr (dh_form_values_get (values, "ErrorMessages")->value, ==, s3150_diagnostic);
  g_assert_cmpstr (dh_form_values_get (values, "IpAddresses")->value, ==, "203.0.113.45");
  g_assert_cmpstr (dh_form_values_get (values, "DomainTo")->value, ==, "outlook.com");
}

/* The address the bounce came back to stands in for the contact address; the user's own
 * corrections and answers win over the report. */
static void
test_outlook_fallbacks_and_overrides (void)
{
  g_autoptr(DhAnalysis) analysis = analyze (s3150_message);
  DhReport *report = first_report (analysis);
  DhFormInput input = { .language = "en", .timezone = "Europe/Kyiv", .hosting = DH_HOSTING_DEDICATED };
  g_autoptr(DhFormValues) values = dh_form_fill_outlook (report, &input);
  g_autoptr(DhFormValues) corrected = NULL;
  g_autoptr(DhFormValues) unknown_zone = NULL;
  const DhFormValue *value;

  value = dh_form_values_get (values, "ContactEmail");
  g_assert_cmpstr (value->value, ==, "info@example.jp");
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_CONTACT_FROM_SENDER);
  g_assert_cmpstr (dh_form_values_get (values, "ServerType")->value, ==, "Dedicated");
  g_assert_cmpstr (dh_form_values_get (values, "IssueTitle")->value, ==,
                   "Delisting request for 203.0.113.45 (S3150, dedicated server)");
  value = dh_form_values_get (values, "ddlTimezones");
  g_assert_cmpstr (value->option_value, ==, "FLE Standard Time");
  g_assert_cmpstr (value->value, ==, "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius");
  g_assert_null (value->note);

  input = (DhFormInput) {
    .contact_name = "山田 太郎",
    .language = "ja",
    .timezone = "Asia/Kolkata",
    .hosting = DH_HOSTING_SHARED,
    .website = "https://www.example.com/shop/",
    .blocked_ip = "198.51.100.7",
    .sender_domain = "example.com",
    .recipient_domain = "hotmail.co.jp",
    .provider_code = "S3140",
    .diagnostic = "550 5.7.1 (S3140) as the user pasted it",
  };
  corrected = dh_form_fill_outlook (report, &input);
  g_assert_cmpstr (dh_form_values_get (corrected, "IssueTitle")->value, ==,
                   "Delisting request for 198.51.100.7 (S3140, shared hosting)");
  /* The title in Japanese when the user asks, whatever the labels' language; the same facts. */
  input.title_language = "ja";
  {
    g_autoptr(DhFormValues) title_ja = dh_form_fill_outlook (report, &input);
    const DhFormValue *title = dh_form_values_get (title_ja, "IssueTitle");

    g_assert_cmpstr (title->value, ==, "198.51.100.7 のブロックリスト解除のお願い（S3140、共用サーバー）");
    g_assert_cmpstr (title->note, ==, DH_FORM_NOTE_TITLE_JAPANESE);
    input.language = "en";
    input.hosting = DH_HOSTING_DEDICATED;
    g_clear_pointer (&title_ja, dh_form_values_free);
    title_ja = dh_form_fill_outlook (report, &input);
    g_assert_cmpstr (dh_form_values_get (title_ja, "IssueTitle")->value, ==,
                     "198.51.100.7 のブロックリスト解除のお願い（S3140、専用サーバー）");
    input.language = "ja";
    input.hosting = DH_HOSTING_SHARED;
    input.title_language = NULL;
  }
  g_assert_cmpstr (dh_form_values_get (corrected, "ContactName")->value, ==, "山田 太郎");
  value = dh_form_values_get (corrected, "DomainTo");
  g_assert_cmpstr (value->value, ==, "hotmail.com");
  g_assert_true (value->mapped);
  g_assert_cmpstr (value->source, ==, "hotmail.co.jp");
  value = dh_form_values_get (corrected, "ddlTimezones");
  g_assert_cmpstr (value->option_value, ==, "India Standard Time");
  g_assert_cmpstr (value->value, ==, "(UTC+05:30) チェンナイ、コルカタ、ムンバイ、ニューデリー");
  g_assert_cmpstr (dh_form_values_get (corrected, "DomainFrom")->value, ==, "example.com");
  g_assert_cmpstr (dh_form_values_get (corrected, "IpAddresses")->value, ==, "198.51.100.7");
  g_assert_cmpstr (dh_form_values_get (corrected, "ErrorMessages")->value, ==,
                   "550 5.7.1 (S3140) as the user pasted it");
  value = dh_form_values_get (corrected, "WebsiteUrl");
  g_assert_cmpstr (value->value, ==, "https://www.example.com/shop/");
  g_assert_null (value->note);

  input = (DhFormInput) { .timezone = "Antarctica/Troll" };
  unknown_zone = dh_form_fill_outlook (report, &input);
  value = dh_form_values_get (unknown_zone, "ddlTimezones");
  g_assert_null (value->value);
  g_assert_null (value->option_value);
  g_assert_cmpstr (value->source, ==, "Antarctica/Troll");
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_TIMEZONE_UNKNOWN);
}

static void
test_domain_option (void)
{
  const struct { const char *domain; const char *option; gboolean mapped; } cases[] = {
    { "hotmail.com", "hotmail.com", FALSE },
    { "live.com", "live.com", FALSE },
    { "msn.com", "msn.com", FALSE },
    { "outlook.com", "outlook.com", FALSE },
    { "Outlook.COM", "outlook.com", FALSE },
    { "outlook.jp", "outlook.com", TRUE },
    { "hotmail.co.jp", "hotmail.com", TRUE },
    { "live.jp", "live.com", TRUE },
    { "hotmail.co.uk", "hotmail.com", TRUE },
    { "passport.com", "outlook.com", TRUE },
    { "windowslive.com", "outlook.com", TRUE },
    { "fabrikam.co.jp", "other", TRUE },
    { "outlook.example.com", "other", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean mapped = !cases[i].mapped;

      g_assert_cmpstr (dh_form_outlook_domain_option (cases[i].domain, &mapped), ==, cases[i].option);
      g_assert_cmpint (mapped, ==, cases[i].mapped);
    }
  g_assert_cmpstr (dh_form_outlook_domain_option ("outlook.jp", NULL), ==, "outlook.com");
}

/* The form's "sending domain" is the domain the user sends as: the returned message's author,
 * not the envelope sender (a VERP address at a mailing service). */
static char *verp_bounce;  /* tests/samples/postfix-verp-rfc822-headers-s3150.eml, read in main () */

static void
test_domain_from_author (void)
{
  g_autoptr(DhAnalysis) analysis = analyze (verp_bounce);
  g_autoptr(DhFormValues) values = NULL;
  DhFormInput input = { 0 };
  DhReport *report = first_report (analysis);

  g_assert_cmpstr (report->envelope_sender, ==, "bounce-7f3a+news=example.jp@mailer.example.net");
  values = dh_form_fill_outlook (report, &input);
  g_assert_cmpstr (dh_form_values_get (values, "DomainFrom")->value, ==, "example.jp");
  g_assert_cmpstr (dh_form_values_get (values, "ContactEmail")->value, ==, "news@example.jp");
  g_assert_cmpstr (dh_form_values_get (values, "WebsiteUrl")->value, ==, "https://example.jp/");
}

static void
test_to_text (void)
{
  g_autoptr(DhAnalysis) analysis = analyze (s3150_message);
  DhFormInput input = {
    .contact_name = "Taro Yamada",
    .contact_email = "taro@example.jp",
    .language = "en",
    .timezone = "Asia/Tokyo",
    .hosting = DH_HOSTING_SHARED,
  };
  g_autoptr(DhFormValues) en = dh_form_fill_outlook (first_report (analysis), &input);
  g_autoptr(DhFormValues) ja = NULL;
  g_autofree char *en_text = dh_form_values_to_text (en);
  g_autofree char *ja_text = NULL;
  g_auto(GStrv) lines = g_strsplit (en_text, "\n", -1);
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (s3150_expected); i++)
    g_string_append_printf (expected, "%s: %s\n", s3150_expected[i].label_en, s3150_expected[i].value_en);
  g_assert_cmpstr (en_text, ==, expected->str);
  g_assert_cmpuint (g_strv_length (lines), ==, 12);  /* 11 lines and the empty rest */
  g_assert_cmpstr (lines[0], ==, "Issue Title: Delisting request for 203.0.113.45 (S3150, shared hosting)");

  input.language = "ja";
  ja = dh_form_fill_outlook (first_report (analysis), &input);
  ja_text = dh_form_values_to_text (ja);
  g_assert_true (g_str_has_prefix (ja_text, "問題のタイトル: Delisting request for 203.0.113.45 (S3150, shared hosting)\n"));
  g_assert_nonnull (strstr (ja_text, "\nタイム ゾーン: (UTC+09:00) 大阪、札幌、東京\n"));
  g_assert_nonnull (strstr (ja_text, "\nサーバーは専用ですか、共有ですか?: Shared\n"));

  /* An unknown value leaves the label with nothing after it. */
  {
    g_autoptr(DhAnalysis) bare = analyze (s3150_body);
    DhFormInput nothing = { .timezone = "Asia/Tokyo" };
    g_autoptr(DhFormValues) values = dh_form_fill_outlook (first_report (bare), &nothing);
    g_autofree char *text = dh_form_values_to_text (values);

    g_assert_nonnull (strstr (text, "\nContact Name: \n"));
  }
}

/* The form from the case: the user's corrections win, and what the user cleared is asked for,
 * never filled back from the bounce. */
static void
test_outlook_for_case (void)
{
  g_autofree char *text = dh_test_read_sample ("exim-hotmail-s3150.eml");
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhFormValues) before = NULL;
  g_autoptr(DhFormValues) after = NULL;
  g_autoptr(DhFormValues) corrected = NULL;
  DhFormInput answers = { .language = "en", .contact_name = "Taro" };

  g_assert_null (dh_form_fill_outlook_for_case (c, &answers));   /* no bounce yet */
  dh_case_set_analysis (c, text, analyze (text));
  g_assert_nonnull (dh_case_get (c, DH_CASE_SENDER_ADDRESS));

  /* As the bounce says, with the sender as the contact address when none is given... */
  before = dh_form_fill_outlook_for_case (c, &(DhFormInput) { .language = "en" });
  g_assert_nonnull (dh_form_values_get (before, "IpAddresses")->value);
  g_assert_nonnull (dh_form_values_get (before, "DomainFrom")->value);
  g_assert_nonnull (dh_form_values_get (before, "DomainTo")->value);

  /* ...but an address the user cleared, or a cleared fact, is asked for. */
  dh_case_set (c, DH_CASE_IP, NULL);
  dh_case_set (c, DH_CASE_SENDER_DOMAIN, NULL);
  dh_case_set (c, DH_CASE_RECIPIENT_DOMAIN, NULL);
  answers.website = "";
  after = dh_form_fill_outlook_for_case (c, &answers);
  for (guint i = 0; i < 5; i++)
    {
      const char *ids[] = { "IpAddresses", "DomainFrom", "DomainTo", "ContactEmail", "WebsiteUrl" };
      const DhFormValue *value = dh_form_values_get (after, ids[i]);

      g_assert_null (value->value);
      g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_MISSING);
    }
  g_assert_cmpstr (dh_form_values_get (after, "ContactName")->value, ==, "Taro");

  /* A corrected IP is the user's, no longer the bounce's guess. */
  dh_case_set (c, DH_CASE_IP, "203.0.113.77");
  corrected = dh_form_fill_outlook_for_case (c, &answers);
  g_assert_cmpstr (dh_form_values_get (corrected, "IpAddresses")->value, ==, "203.0.113.77");
  g_assert_null (dh_form_values_get (corrected, "IpAddresses")->note);
}

/* --- sender.office.com and the 5.7.511 e-mail ------------------------------------------------ */

static void
test_portal (void)
{
  g_autoptr(DhCase) c = dh_case_new ();
  g_autoptr(DhCase) with_sender = dh_case_new ();
  g_autoptr(DhFormValues) values = NULL;
  g_autoptr(DhFormValues) no_email = NULL;
  g_autoptr(DhFormValues) from_sender = NULL;
  g_autoptr(DhFormValues) corrected = NULL;
  g_autofree char *text = NULL;
  const DhFormValue *value;

  dh_case_set_analysis (c, m365_606_body, analyze (m365_606_body));
  no_email = dh_form_fill_portal (c);
  dh_case_set_contact_email (c, "owner@example.com");
  values = dh_form_fill_portal (c);
  text = dh_form_values_to_text (values);
  dh_case_set_analysis (with_sender, m365_511_message, analyze (m365_511_message));
  from_sender = dh_form_fill_portal (with_sender);

  g_assert_cmpstr (values->form_id, ==, DH_FORM_PORTAL);
  g_assert_cmpstr (values->url, ==, "https://sender.office.com/");
  g_assert_cmpstr (values->language, ==, "en");
  g_assert_cmpuint (values->values->len, ==, 2);
  value = g_ptr_array_index (values->values, 0);
  g_assert_cmpstr (value->field_id, ==, "email");
  g_assert_cmpstr (value->label, ==, "Email address");
  g_assert_cmpstr (value->value, ==, "owner@example.com");
  g_assert_null (value->note);
  value = g_ptr_array_index (values->values, 1);
  g_assert_cmpstr (value->field_id, ==, "ip");
  g_assert_cmpstr (value->label, ==, "IP address");
  g_assert_cmpstr (value->value, ==, "198.51.100.7");
  g_assert_cmpstr (text, ==, "Email address: owner@example.com\nIP address: 198.51.100.7\n");

  /* No address given and none in the bounce: asked for. */
  value = dh_form_values_get (no_email, "email");
  g_assert_null (value->value);
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_MISSING);

  /* "Use the email address that received the NDR": the bounce's sender. */
  value = dh_form_values_get (from_sender, "email");
  g_assert_cmpstr (value->value, ==, "info@example.jp");
  g_assert_cmpstr (value->note, ==, DH_FORM_NOTE_CONTACT_FROM_SENDER);
  g_assert_cmpstr (dh_form_values_get (from_sender, "ip")->value, ==, "203.0.113.45");

  /* The user's corrections win: the IP and the sender as corrected. */
  dh_case_set (with_sender, DH_CASE_IP, "203.0.113.99");
  dh_case_set (with_sender, DH_CASE_SENDER_ADDRESS, "shop@example.jp");
  corrected = dh_form_fill_portal (with_sender);
  g_assert_cmpstr (dh_form_values_get (corrected, "ip")->value, ==, "203.0.113.99");
  g_assert_null (dh_form_values_get (corrected, "ip")->note);
  g_assert_cmpstr (dh_form_values_get (corrected, "email")->value, ==, "shop@example.jp");
}


/* --- Time zones ----------------------------------------------------------------------------- */

static void
test_timezone_find (void)
{
  const struct { const char *iana; const char *windows_id; } cases[] = {
    { "Asia/Tokyo", "Tokyo Standard Time" },
    { "Japan", "Tokyo Standard Time" },
    { "asia/tokyo", "Tokyo Standard Time" },
    { "Asia/Kolkata", "India Standard Time" },
    { "Asia/Calcutta", "India Standard Time" },
    { "Asia/Ho_Chi_Minh", "SE Asia Standard Time" },
    { "Asia/Kathmandu", "Nepal Standard Time" },
    { "Asia/Yangon", "Myanmar Standard Time" },
    { "Europe/Kyiv", "FLE Standard Time" },
    { "Europe/Kiev", "FLE Standard Time" },
    { "America/Nuuk", "Greenland Standard Time" },
    { "America/Argentina/Buenos_Aires", "Argentina Standard Time" },
    { "America/Indiana/Indianapolis", "US Eastern Standard Time" },
    { "America/Kentucky/Louisville", "Eastern Standard Time" },
    { "America/Atikokan", "SA Pacific Standard Time" },
    { "Atlantic/Faroe", "GMT Standard Time" },
    { "Africa/Asmara", "E. Africa Standard Time" },
    { "Pacific/Chuuk", "West Pacific Standard Time" },
    { "Pacific/Pohnpei", "Central Pacific Standard Time" },
    { "Pacific/Kanton", "UTC+13" },
    { "US/Eastern", "Eastern Standard Time" },
    { "Europe/London", "GMT Standard Time" },
    { "UTC", "UTC" },
    { "Etc/UTC", "UTC" },
    { "Etc/UCT", "UTC" },
    { "Etc/Zulu", "UTC" },
    { "GMT", "UTC" },
    { "Etc/GMT-9", "Tokyo Standard Time" },
  };
  const DhTimezone *tokyo = dh_timezone_find_windows ("Asia/Tokyo");
  const DhTimezone *utc = dh_timezone_find_windows ("UTC");

  g_assert_nonnull (tokyo);
  g_assert_cmpstr (tokyo->windows_id, ==, "Tokyo Standard Time");
  g_assert_cmpstr (tokyo->display_en, ==, "(UTC+09:00) Osaka, Sapporo, Tokyo");
  g_assert_cmpstr (tokyo->display_ja, ==, "(UTC+09:00) 大阪、札幌、東京");
  g_assert_cmpstr (tokyo->iana_ids[0], ==, "Asia/Tokyo");
  g_assert_cmpint (tokyo->offset_minutes, ==, 540);
  g_assert_cmpstr (dh_timezone_get_display (tokyo, "ja"), ==, "(UTC+09:00) 大阪、札幌、東京");
  g_assert_cmpstr (dh_timezone_get_display (tokyo, "en"), ==, "(UTC+09:00) Osaka, Sapporo, Tokyo");
  g_assert_cmpstr (dh_timezone_get_display (tokyo, NULL), ==, "(UTC+09:00) Osaka, Sapporo, Tokyo");
  g_assert_true (dh_timezone_find_by_windows_id ("Tokyo Standard Time") == tokyo);

  g_assert_nonnull (utc);
  g_assert_cmpstr (utc->display_en, ==, "(UTC) Coordinated Universal Time");
  g_assert_cmpstr (utc->display_ja, ==, "(UTC) 協定世界時");
  g_assert_cmpint (utc->offset_minutes, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DhTimezone *zone = dh_timezone_find_windows (cases[i].iana);

      if (zone == NULL)
        g_error ("%s: no Windows zone", cases[i].iana);
      g_assert_cmpstr (zone->windows_id, ==, cases[i].windows_id);
    }

  g_assert_cmpint (dh_timezone_find_windows ("Asia/Kolkata")->offset_minutes, ==, 330);
  g_assert_cmpint (dh_timezone_find_windows ("America/St_Johns")->offset_minutes, ==, -210);
  g_assert_null (dh_timezone_find_windows ("Mars/Olympus_Mons"));
  g_assert_null (dh_timezone_find_windows (""));
  g_assert_null (dh_timezone_find_windows ("-"));
  g_assert_null (dh_timezone_find_windows ("Antarctica/Troll"));
  g_assert_null (dh_timezone_find_by_windows_id ("Nowhere Standard Time"));
}

/* The "... - Old" rows stay in the data but are never offered or found. */
static void
test_timezone_obsolete (void)
{
  g_autoptr(GPtrArray) all = dh_timezone_list_all ();

  g_assert_null (dh_timezone_find_by_windows_id ("Mid-Atlantic Standard Time"));
  g_assert_null (dh_timezone_find_by_windows_id ("Kamchatka Standard Time"));
  g_assert_cmpuint (all->len, ==, 139);
  for (guint i = 0; i < all->len; i++)
    {
      const DhTimezone *zone = g_ptr_array_index (all, i);

      g_assert_null (strstr (zone->display_en, " - Old"));
      g_assert_null (strstr (zone->display_ja, "廃止"));
      g_assert_nonnull (zone->iana_ids[0]);
      g_assert_true (dh_timezone_find_by_windows_id (zone->windows_id) == zone);
      for (guint j = 0; zone->iana_ids[j] != NULL; j++)
        g_assert_true (dh_timezone_find_windows (zone->iana_ids[j]) == zone);
    }
}

/* In the order of the Windows list, which is the order of the file: by offset, then name, but
 * for Casablanca, which Windows lists first among the +01:00 zones. */
static void
test_timezone_order (void)
{
  g_autoptr(GPtrArray) all = dh_timezone_list_all ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint next = 0;

  g_assert_cmpstr (((DhTimezone *) g_ptr_array_index (all, 0))->windows_id, ==, "Dateline Standard Time");
  g_assert_cmpstr (((DhTimezone *) g_ptr_array_index (all, all->len - 1))->windows_id, ==,
                   "Line Islands Standard Time");
  for (guint i = 1; i < all->len; i++)
    {
      const DhTimezone *a = g_ptr_array_index (all, i - 1);
      const DhTimezone *b = g_ptr_array_index (all, i);

      g_assert_cmpint (a->offset_minutes, <=, b->offset_minutes);
      if (g_str_equal (b->windows_id, "W. Europe Standard Time"))
        g_assert_cmpstr (a->windows_id, ==, "Morocco Standard Time");
    }

  bytes = g_resource_lookup_data (dh_core_get_resource (), RESOURCE_BASE "/timezones.tsv",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "windows_id\tiana_ids\tdisplay_en\tdisplay_ja"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);

      if (cols[0] == NULL || cols[1] == NULL || g_str_equal (cols[1], "-"))
        continue;
      g_assert_cmpuint (next, <, all->len);
      g_assert_cmpstr (((DhTimezone *) g_ptr_array_index (all, next))->windows_id, ==, cols[0]);
      next++;
    }
  g_assert_cmpuint (next, ==, all->len);
}

/* Every zone of the system's tzdb has a Windows zone, but Antarctica/Troll (CLDR maps none). The
 * aliases were made from tzdb 2025b; a newer tzdb may add zones, which is reported, not failed. */
static void
test_timezone_tzdb_coverage (void)
{
  const char *tabs[] = { "/usr/share/zoneinfo/zone1970.tab", "/usr/share/zoneinfo/zone.tab" };
  g_autofree char *zi = NULL;
  g_autofree char *version = NULL;
  gboolean newer = FALSE;
  guint checked = 0;

  if (g_file_get_contents ("/usr/share/zoneinfo/tzdata.zi", &zi, NULL, NULL) &&
      g_str_has_prefix (zi, "# version "))
    {
      version = g_strndup (zi + strlen ("# version "), strcspn (zi + strlen ("# version "), "\n"));
      newer = strcmp (version, "2025b") > 0;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (tabs[t], &contents, NULL, NULL))
        continue;
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) cols = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          cols = g_strsplit (lines[i], "\t", -1);
          if (g_strv_length (cols) < 3 || g_str_equal (cols[2], "Antarctica/Troll"))
            continue;
          checked++;
          if (dh_timezone_find_windows (cols[2]) != NULL)
            continue;
          if (newer)
            g_test_message ("tzdb %s: %s has no Windows zone; update data/timezone-aliases.tsv",
                            version, cols[2]);
          else
            g_error ("%s (from %s) has no Windows zone", cols[2], tabs[t]);
        }
    }
  if (checked == 0)
    g_test_skip ("no zone1970.tab or zone.tab on this system");
}

static void
test_timezone_local (void)
{
  g_autofree char *tokyo = local_iana_with_tz ("Asia/Tokyo");
  g_autofree char *colon = local_iana_with_tz (":Asia/Tokyo");
  g_autofree char *path = NULL;
  g_autofree char *posix = local_iana_with_tz ("JST-9");
  g_autofree char *system = local_iana_with_tz (NULL);

  g_assert_cmpstr (tokyo, ==, "Asia/Tokyo");
  g_assert_cmpstr (dh_timezone_find_windows (tokyo)->windows_id, ==, "Tokyo Standard Time");
  g_assert_cmpstr (colon, ==, "Asia/Tokyo");
  if (g_file_test ("/usr/share/zoneinfo/Europe/Kyiv", G_FILE_TEST_EXISTS))
    {
      path = local_iana_with_tz ("/usr/share/zoneinfo/Europe/Kyiv");
      g_assert_cmpstr (path, ==, "Europe/Kyiv");
      g_assert_cmpstr (dh_timezone_find_windows (path)->windows_id, ==, "FLE Standard Time");
    }
  /* A POSIX rule is what the system uses, but no zone name. */
  g_assert_cmpstr (posix, ==, "JST-9");
  g_assert_null (dh_timezone_find_windows (posix));
  /* Whatever the machine's zone is, there is one. */
  g_assert_nonnull (system);
  g_test_message ("system zone: %s", system);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  s3150_message = dh_test_read_sample ("postfix-outlookjp-s3150-dsn.eml");
  m365_511_message = dh_test_read_sample ("postfix-m365-5.7.511-banned-sender.eml");
  m365_606_body = dh_test_read_sample ("fragment-m365-5.7.606-banned-ip.txt");
  verp_bounce = dh_test_read_sample ("postfix-verp-rfc822-headers-s3150.eml");
  s3150_body = dh_test_read_sample ("fragment-postfix-s3150-with-intro.txt");

  g_test_add_func ("/dh/form/definitions", test_definitions);
  g_test_add_func ("/dh/form/outlook/en", test_outlook_en);
  g_test_add_func ("/dh/form/outlook/ja", test_outlook_ja);
  g_test_add_func ("/dh/form/outlook/missing", test_outlook_missing);
  g_test_add_func ("/dh/form/outlook/fallbacks-and-overrides", test_outlook_fallbacks_and_overrides);
  g_test_add_func ("/dh/form/outlook/for-case", test_outlook_for_case);
  g_test_add_func ("/dh/form/outlook/domain-option", test_domain_option);
  g_test_add_func ("/dh/form/outlook/domain-from-author", test_domain_from_author);
  g_test_add_func ("/dh/form/outlook/to-text", test_to_text);
  g_test_add_func ("/dh/form/portal", test_portal);
  g_test_add_func ("/dh/timezone/find", test_timezone_find);
  g_test_add_func ("/dh/timezone/obsolete", test_timezone_obsolete);
  g_test_add_func ("/dh/timezone/order", test_timezone_order);
  g_test_add_func ("/dh/timezone/tzdb-coverage", test_timezone_tzdb_coverage);
  g_test_add_func ("/dh/timezone/local", test_timezone_local);

  return g_test_run ();
}
