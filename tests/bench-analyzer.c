/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-analyzer.c: time per message over 1,000 generated bounces, and time and peak memory for
 * one 10 MB mbox and 10 MB of pathological text. Each measure runs in its own process so that its
 * peak memory is its own. Run: meson test -C build --benchmark, or build/tests/bench-analyzer. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "dh-analyzer.h"

static const char *templates[] = {
  /* Postfix with a DSN part and the returned headers. */
  "From: MAILER-DAEMON@sv%1$u.example-hosting.jp (Mail Delivery System)\n"
  "To: info%1$u@example.jp\n"
  "Subject: Undelivered Mail Returned to Sender\n"
  "Date: Sat, 28 Nov 2026 10:15:%2$02u +0900\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B%1$u\"\n"
  "\n"
  "--B%1$u\n"
  "Content-Type: text/plain; charset=us-ascii\n"
  "\n"
  "This is the mail system at host sv%1$u.example-hosting.jp.\n"
  "\n"
  "I'm sorry to have to inform you that your message could not\n"
  "be delivered to one or more recipients.\n"
  "\n"
  "<user%1$u@outlook.jp>: host apc.olc.protection.outlook.com[52.101.%2$u.3] said: 550\n"
  "    5.7.1 Unfortunately, messages from [203.0.113.%2$u] weren't sent. Please\n"
  "    contact your Internet service provider since part of their network is on\n"
  "    our block list (S3150). You can also refer your provider to\n"
  "    http://mail.live.com/mail/troubleshooting.aspx#errors.\n"
  "    [TYZAPC01FT012.eop-APC01.prod.protection.outlook.com] (in reply to MAIL\n"
  "    FROM command)\n"
  "\n"
  "--B%1$u\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns; sv%1$u.example-hosting.jp\n"
  "X-Postfix-Sender: rfc822; info%1$u@example.jp\n"
  "Arrival-Date: Sat, 28 Nov 2026 10:15:00 +0900 (JST)\n"
  "\n"
  "Final-Recipient: rfc822; user%1$u@outlook.jp\n"
  "Action: failed\n"
  "Status: 5.7.1\n"
  "Remote-MTA: dns; apc.olc.protection.outlook.com\n"
  "Diagnostic-Code: smtp; 550 5.7.1 Unfortunately, messages from [203.0.113.%2$u]\n"
  "    weren't sent. Please contact your Internet service provider since part of\n"
  "    their network is on our block list (S3150).\n"
  "\n"
  "--B%1$u\n"
  "Content-Type: text/rfc822-headers\n"
  "\n"
  "Return-Path: <info%1$u@example.jp>\n"
  "Received: from [192.168.1.%2$u] (p1234-ipngn.example.ne.jp [198.51.100.%2$u])\n"
  "\tby sv%1$u.example-hosting.jp (Postfix) with ESMTPSA id 4A1B2C3D4E\n"
  "\tfor <user%1$u@outlook.jp>; Sat, 28 Nov 2026 10:15:00 +0900 (JST)\n"
  "From: =?ISO-2022-JP?B?GyRCRURDZhsoQg==?= <info%1$u@example.jp>\n"
  "To: user%1$u@outlook.jp\n"
  "Subject: =?ISO-2022-JP?B?GyRCJCpMZCQkOWckbyQ7GyhC?=\n"
  "\n"
  "--B%1$u--\n",
  /* Microsoft 365 NDR, quoted-printable. */
  "From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso%1$u.onmicrosoft.com>\n"
  "To: <sales%1$u@example.co.jp>\n"
  "Subject: Undeliverable: order %1$u\n"
  "Date: Fri, 27 Nov 2026 09:00:%2$02u +0000\n"
  "MIME-Version: 1.0\n"
  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"N%1$u\"\n"
  "\n"
  "--N%1$u\n"
  "Content-Type: text/plain; charset=\"us-ascii\"\n"
  "Content-Transfer-Encoding: quoted-printable\n"
  "\n"
  "Delivery has failed to these recipients or groups:\n"
  "\n"
  "buyer%1$u@contoso.co.jp\n"
  "Your message couldn't be delivered.\n"
  "\n"
  "Diagnostic information for administrators:\n"
  "\n"
  "Generating server: TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM\n"
  "\n"
  "buyer%1$u@contoso.co.jp\n"
  "Remote Server returned '550 5.7.606 Access denied, banned sending IP [198.51.1=\n"
  "00.%2$u]. To request removal from this list please visit https://sender.office.c=\n"
  "om/ and follow the directions. (AS16012609) [TY1JPN01FT004.eop-JPN01.prod.protec=\n"
  "tion.outlook.com]'\n"
  "\n"
  "--N%1$u\n"
  "Content-Type: message/delivery-status\n"
  "\n"
  "Reporting-MTA: dns;TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM\n"
  "\n"
  "Final-recipient: RFC822; buyer%1$u@contoso.co.jp\n"
  "Action: failed\n"
  "Status: 5.7.606\n"
  "Remote-MTA: dns;contoso-co-jp.mail.protection.outlook.com\n"
  "\n"
  "--N%1$u--\n",
  /* A pasted Gmail rejection, multi-line. */
  "<friend%1$u@gmail.com>: host gmail-smtp-in.l.google.com[142.250.%2$u.27] said:\n"
  "    550-5.7.1 [203.0.113.%2$u] Our system has detected that this message is\n"
  "    550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\n"
  "    550 5.7.1 this message has been blocked. - gsmtp (in reply to end of DATA command)\n",
};

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_kib (void)
{
  struct rusage usage;
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static GString *
make_message (guint i)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, templates[i % G_N_ELEMENTS (templates)], i, i % 250 + 1);
  return s;
}
#pragma GCC diagnostic pop

static int
bench_messages (void)
{
  const guint n = 1000;
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_autoptr_cleanup_gstring_free);
  gsize bytes = 0;
  guint reports = 0;
  double start, elapsed;

  for (guint i = 0; i < n; i++)
    {
      GString *m = make_message (i);
      bytes += m->len;
      g_ptr_array_add (messages, m);
    }
  /* Warm up: rules, GMime, regex compilation. */
  dh_analysis_free (dh_analyze (((GString *) messages->pdata[0])->str, ((GString *) messages->pdata[0])->len, NULL));

  start = now ();
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < n; i++)
      {
        GString *m = messages->pdata[i];
        DhAnalysis *a = dh_analyze (m->str, m->len, NULL);
        reports += a->reports->len;
        dh_analysis_free (a);
      }
  elapsed = now () - start;
  printf ("messages: %u bounces (%zu bytes) x 5 rounds: %.1f us per message, %u reports, peak RSS %ld KiB\n",
          n, bytes, elapsed / (5.0 * n) * 1e6, reports / 5, peak_kib ());
  g_ptr_array_unref (messages);
  return 0;
}

static int
bench_mbox (void)
{
  g_autoptr(GString) mbox = g_string_new (NULL);
  long before;
  guint i = 0;
  double start, elapsed;
  DhAnalysis *a;

  while (mbox->len < 10 * 1024 * 1024)
    {
      g_autoptr(GString) m = make_message (i++);
      g_string_append (mbox, "From MAILER-DAEMON Sat Nov 28 10:15:00 2026\n");
      g_string_append (mbox, m->str);
      g_string_append_c (mbox, '\n');
    }
  before = peak_kib ();
  start = now ();
  a = dh_analyze (mbox->str, mbox->len, NULL);
  elapsed = now () - start;
  printf ("mbox: %u messages, %.1f MB: %.0f ms (%.1f us per message), %u reports, peak RSS %ld KiB "
          "(%ld KiB before analysis, the input itself is %zu KiB)\n",
          a->n_messages, mbox->len / 1048576.0, elapsed * 1e3, elapsed / a->n_messages * 1e6,
          a->reports->len, peak_kib (), before, mbox->len / 1024);
  dh_analysis_free (a);
  return 0;
}

/* Adversarial text at 2.5, 5, 10 and 20 MB: the time must grow in proportion to the size. */
static int
bench_pathological (void)
{
  const char *pieces[] = { "550-5.7.1 ", "[1.1.1.1.1.1.", "<<<<", "::::", "messages from ", "a@", "host [", "\n    " };

  for (gsize mb4 = 10; mb4 <= 80; mb4 *= 2)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gsize size = mb4 * 256 * 1024;
      double start, elapsed;
      DhAnalysis *a;
      guint i = 0;

      while (text->len < size)
        g_string_append (text, pieces[(i++ * 7) % G_N_ELEMENTS (pieces)]);
      start = now ();
      a = dh_analyze (text->str, text->len, NULL);
      elapsed = now () - start;
      printf ("pathological: %.1f MB of adversarial text: %.0f ms (%.1f ms per MB), %u reports, peak RSS %ld KiB\n",
              size / 1048576.0, elapsed * 1e3, elapsed * 1e3 / (size / 1048576.0), a->reports->len, peak_kib ());
      dh_analysis_free (a);
    }
  return 0;
}

/* issue 11: a message nested 100,000 deep (message/rfc822 in message/rfc822 ...), and 1 MB of
 * "<!--" in an HTML part. Before the fix: SIGSEGV after 18.6 s and 1.7 GB; 23 s. */
static int
bench_crafted (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) html = g_string_new ("From: MAILER-DAEMON@mx.example.net\nTo: user@example.jp\n"
                                          "MIME-Version: 1.0\nContent-Type: text/html\n\n");
  double start, elapsed;
  DhAnalysis *a;

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "From: MAILER-DAEMON@mx.example.net\nTo: user@example.jp\nSubject: Undelivered\n"
                           "MIME-Version: 1.0\nContent-Type: message/rfc822\n\n");
  g_string_append (deep, "From: a@example.jp\n\n550 5.7.1 blocked\n");
  start = now ();
  a = dh_analyze (deep->str, deep->len, NULL);
  elapsed = now () - start;
  printf ("crafted: 100,000 nested messages, %.1f MB: %.0f ms, peak RSS %ld KiB\n",
          deep->len / 1048576.0, elapsed * 1e3, peak_kib ());
  dh_analysis_free (a);

  while (html->len < 1024 * 1024)
    g_string_append (html, "<!--");
  g_string_append (html, ">550 5.7.1 blocked\n");
  start = now ();
  a = dh_analyze (html->str, html->len, NULL);
  elapsed = now () - start;
  printf ("crafted: 1 MB of \"<!--\" in HTML: %.0f ms, peak RSS %ld KiB\n", elapsed * 1e3, peak_kib ());
  dh_analysis_free (a);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *modes[] = { "messages", "mbox", "pathological", "crafted" };

  if (argc > 1)
    {
      if (g_str_equal (argv[1], "messages"))
        return bench_messages ();
      if (g_str_equal (argv[1], "mbox"))
        return bench_mbox ();
      if (g_str_equal (argv[1], "pathological"))
        return bench_pathological ();
      if (g_str_equal (argv[1], "crafted"))
        return bench_crafted ();
      g_printerr ("usage: %s [messages|mbox|pathological|crafted]\n", argv[0]);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *child_argv[] = { argv[0], modes[i], NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error))
        g_error ("%s", error->message);
      fflush (stdout);
    }
  return 0;
}
