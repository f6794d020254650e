/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-bench-hook.c: the start-up benchmark's measurement, shared by the app and
 * tests/bench-bare-window.c. Unless DH_BENCH_FIRST_FRAME is set it does nothing. When it is set,
 * the first frame in which the window was really rendered ends the run: the process prints
 *
 *   first-frame-ms=<ms since process start> maxrss-kib=<ru_maxrss> main-ms=<ms since main> clock=proc-starttime
 *
 * on standard output and quits the application. "Process start" is the kernel's start time of the
 * process (/proc/self/stat field 22, in clock ticks since boot: 10 ms steps at the usual 100 Hz)
 * compared with CLOCK_BOOTTIME, so it includes loading and relocating the shared libraries. main-ms
 * is measured from this file's constructor, which runs just before main (), at microsecond
 * precision. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dh-bench-hook.h"

#define ENV_VAR "DH_BENCH_FIRST_FRAME"

static gint64 main_start_us;    /* CLOCK_BOOTTIME when this object's constructor ran */

typedef struct {
  GtkWindow     *window;        /* weak */
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          render_signal;
  gulong         render_hook_id;
  gboolean       rendered;      /* the window's surface was rendered in the current frame */
  double         first_frame_ms;
  double         main_ms;
} Watch;

static gint64
boottime_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

__attribute__((constructor)) static void
record_main_start (void)
{
  main_start_us = boottime_us ();
}

/* The process's start time, in microseconds of CLOCK_BOOTTIME, or -1. */
static gint64
process_start_us (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  long ticks = sysconf (_SC_CLK_TCK);
  guint64 start;

  if (ticks <= 0 || !g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  /* Field 2, the command, is in parentheses and may hold spaces: count from the last ')'. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  p++;
  /* Fields 3 … 21 come before the start time, field 22. */
  for (int field = 3; field <= 22; field++)
    {
      while (*p == ' ')
        p++;
      if (*p == '\0')
        return -1;
      if (field == 22)
        break;
      while (*p != ' ' && *p != '\0')
        p++;
    }
  start = g_ascii_strtoull (p, NULL, 10);
  return (gint64) (start * G_USEC_PER_SEC / (guint64) ticks);
}

static gboolean
render_emitted (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  Watch *watch = user_data;
  GdkSurface *surface = g_value_get_object (&params[0]);

  if (watch->window && surface == gtk_native_get_surface (GTK_NATIVE (watch->window)))
    watch->rendered = TRUE;
  return TRUE;
}

static gboolean
report (gpointer user_data)
{
  Watch *watch = user_data;
  struct rusage usage = { 0 };
  GApplication *app = watch->window && gtk_window_get_application (watch->window)
                      ? G_APPLICATION (gtk_window_get_application (watch->window))
                      : g_application_get_default ();

  getrusage (RUSAGE_SELF, &usage);
  printf ("first-frame-ms=%.1f maxrss-kib=%ld main-ms=%.1f clock=proc-starttime\n",
          watch->first_frame_ms, usage.ru_maxrss, watch->main_ms);
  fflush (stdout);

  if (app)
    g_application_quit (app);
  else if (watch->window)
    gtk_window_destroy (watch->window);
  g_clear_weak_pointer (&watch->window);
  g_free (watch);
  return G_SOURCE_REMOVE;
}

static void
after_paint (GdkFrameClock *clock,
             Watch         *watch)
{
  gint64 now, start;

  /* A frame may pass before the surface is shown; only one that rendered the window counts. */
  if (!watch->rendered)
    return;

  now = boottime_us ();
  start = process_start_us ();
  watch->first_frame_ms = start >= 0 ? (now - start) / 1000.0 : -1;
  watch->main_ms = (now - main_start_us) / 1000.0;

  g_signal_handler_disconnect (clock, watch->after_paint_id);
  g_signal_remove_emission_hook (watch->render_signal, watch->render_hook_id);
  g_clear_object (&watch->clock);
  g_idle_add (report, watch);
}

static void
window_mapped (GtkWidget *widget,
               Watch     *watch)
{
  g_signal_handlers_disconnect_by_func (widget, window_mapped, watch);
  watch->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  watch->after_paint_id = g_signal_connect (watch->clock, "after-paint", G_CALLBACK (after_paint), watch);
}

/* Measures the start-up to the first frame of @window when DH_BENCH_FIRST_FRAME is set; call it
 * before the window is presented. Only the first call counts. */
void
dh_bench_hook_watch (GtkWindow *window)
{
  static gboolean watching;
  Watch *watch;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (watching || g_getenv (ENV_VAR) == NULL)
    return;
  watching = TRUE;

  watch = g_new0 (Watch, 1);
  g_set_weak_pointer (&watch->window, window);
  /* The class must exist before its signal can be looked up; no surface exists yet. */
  g_type_class_unref (g_type_class_ref (GDK_TYPE_SURFACE));
  watch->render_signal = g_signal_lookup ("render", GDK_TYPE_SURFACE);
  /* An emission hook runs even though the window's own "render" handler stops the emission. */
  watch->render_hook_id = g_signal_add_emission_hook (watch->render_signal, 0,
                                                      render_emitted, watch, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    window_mapped (GTK_WIDGET (window), watch);
  else
    g_signal_connect (window, "map", G_CALLBACK (window_mapped), watch);
}
