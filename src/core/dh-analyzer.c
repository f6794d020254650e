/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-analyzer.c: finds bounces in text or mail and fills DhReports: dh_analyze () and its JSON.
 * The work is in dh-mail-input.c (formats, MIME), dh-scanner.c (lines) and dh-report-build.c. */
#include "config.h"

#include "dh-analyzer-private.h"
#include "dh-json.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (dh-analyzer-error-quark, dh_analyzer_error)

static void
not_bounce_free (gpointer data)
{
  DhNotBounce *not_bounce = data;

  g_free (not_bounce->subject);
  g_free (not_bounce);
}

static void
add_not_bounce (DhAnalysis *analysis,
                const char *kind,
                const char *subject)
{
  DhNotBounce *not_bounce;

  if (analysis->not_bounces->len >= DH_ANALYZER_MAX_REPORTS)
    return;
  not_bounce = g_new0 (DhNotBounce, 1);
  not_bounce->kind = kind;
  not_bounce->subject = g_strdup (subject);
  g_ptr_array_add (analysis->not_bounces, not_bounce);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API */

DhAnalysis *
dh_analyze (const char  *data,
            gsize        length,
            GError     **error)
{
  return dh_analyze_full (data, length, NULL, error);
}

/* As dh_analyze (), and stops with G_IO_ERROR_CANCELLED once @cancellable is cancelled: it is
 * looked at between messages and parts, and every few thousand lines. */
DhAnalysis *
dh_analyze_full (const char    *data,
                 gsize          length,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(DhAnalysis) analysis = NULL;
  g_autofree char *lf = NULL;
  Context ctx = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!dh_mail_prepare_input (&data, length, &lf, error))
    return NULL;
  analysis = g_new0 (DhAnalysis, 1);
  analysis->reports = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_report_free);
  analysis->not_bounces = g_ptr_array_new_with_free_func (not_bounce_free);
  analysis->format = dh_mail_detect_input (&data, &length, FALSE);

  ctx.analysis = analysis;
  ctx.rules = dh_rules_get_default ();
  ctx.cancellable = cancellable;

  if (analysis->format == DH_INPUT_TEXT)
    {
      g_autofree char *decoded = NULL;
      Scan scan;

      /* Pasted text in Shift_JIS or EUC-JP: GMime's fallback charsets decode it. */
      if (data != NULL && !g_utf8_validate_len (data, length, NULL) &&
          (decoded = g_mime_utils_decode_8bit (dh_mail_parser_options (), data, length)) != NULL)
        {
          data = decoded;
          length = strlen (decoded);
        }
      dh_scan_init (&scan, ctx.rules, 0);
      scan.cancellable = cancellable;
      dh_scan_text (&scan, data, length, ROLE_BODY);
      dh_scan_finish (&scan, analysis);
      dh_scan_clear (&scan);
      analysis->n_messages = 1;
      if (analysis->reports->len == 0 && analysis->dropped_reports == 0)
        add_not_bounce (analysis, "plain", NULL);
    }
  else
    {
      g_autoptr(DhMimeParser) parser = dh_mail_parser_new (data, length, analysis->format == DH_INPUT_MBOX);

      while (!g_mime_parser_eos (parser))
        {
          g_autoptr(DhMimeMessage) message = g_mime_parser_construct_message (parser, dh_mail_parser_options ());
          guint reports_before = analysis->reports->len;
          guint dropped_before = analysis->dropped_reports;

          if (message == NULL || g_cancellable_is_cancelled (cancellable))
            break;
          ctx.kind = NULL;
          dh_mail_analyze_message (&ctx, message, analysis->n_messages);
          if (analysis->reports->len == reports_before && analysis->dropped_reports == dropped_before)
            add_not_bounce (analysis, ctx.kind ? ctx.kind : "plain", g_mime_message_get_subject (message));
          analysis->n_messages++;
          if (analysis->format == DH_INPUT_MESSAGE)
            break;
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&analysis);
}

void
dh_analysis_free (DhAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_ptr_array_unref (analysis->reports);
  g_ptr_array_unref (analysis->not_bounces);
  g_free (analysis);
}

const char *
dh_input_format_name (DhInputFormat format)
{
  switch (format)
    {
    case DH_INPUT_TEXT:
      return "text";
    case DH_INPUT_MESSAGE:
      return "message";
    case DH_INPUT_MBOX:
      return "mbox";
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
dh_analysis_to_json (DhAnalysis *analysis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (builder);
  dh_json_add_string (builder, "input_format", dh_input_format_name (analysis->format));
  json_builder_set_member_name (builder, "messages");
  json_builder_add_int_value (builder, analysis->n_messages);
  json_builder_set_member_name (builder, "feedback_reports");
  json_builder_add_int_value (builder, analysis->n_feedback_reports);
  json_builder_set_member_name (builder, "reports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->reports->len; i++)
    dh_report_to_json (g_ptr_array_index (analysis->reports, i), builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "not_bounces");
  json_builder_begin_array (builder);
  for (guint i = 0; i < analysis->not_bounces->len; i++)
    {
      DhNotBounce *not_bounce = g_ptr_array_index (analysis->not_bounces, i);

      json_builder_begin_object (builder);
      dh_json_add_string (builder, "kind", not_bounce->kind);
      json_builder_set_member_name (builder, "subject");
      if (not_bounce->subject != NULL)
        json_builder_add_string_value (builder, not_bounce->subject);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (analysis->dropped_reports > 0)
    {
      json_builder_set_member_name (builder, "dropped_reports");
      json_builder_add_int_value (builder, analysis->dropped_reports);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}


static gboolean
has_not_bounce (DhAnalysis *analysis,
                const char *kind)
{
  for (guint i = 0; i < analysis->not_bounces->len; i++)
    if (g_strcmp0 (((DhNotBounce *) g_ptr_array_index (analysis->not_bounces, i))->kind, kind) == 0)
      return TRUE;
  return FALSE;
}

char *
dh_analysis_describe_empty (DhAnalysis *analysis,
                            gsize       length)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  if (analysis->reports->len > 0)
    return NULL;
  if (length == 0)
    return g_strdup (_("The input is empty."));
  if (analysis->n_messages > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No bounce was found in the %u message of this mailbox: no mail was refused.",
                                         "No bounce was found in the %u messages of this mailbox: no mail was refused.",
                                         analysis->n_messages),
                            analysis->n_messages);
  if (analysis->n_feedback_reports > 0 || has_not_bounce (analysis, "feedback-report"))
    return g_strdup (_("This is a spam complaint (feedback loop report), not a bounce: no mail was refused."));
  if (has_not_bounce (analysis, "auto-reply"))
    return g_strdup (_("This is an automatic reply (such as an out-of-office notice), not a bounce: your mail was delivered."));
  if (has_not_bounce (analysis, "read-receipt"))
    return g_strdup (_("This is a read receipt, not a bounce: your mail was delivered."));
  return g_strdup (_("No bounce was found in this text. Paste the whole returned message, or open it as an .eml file."));
}
