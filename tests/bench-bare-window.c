/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare-window.c: the yardstick of the start-up benchmark (tests/bench-startup.sh): a bare
 * AdwApplication that presents an empty AdwApplicationWindow of the app's default size (760×720)
 * with only an AdwHeaderBar. With DH_BENCH_FIRST_FRAME set it prints the same measurement line as
 * the app (dh-bench-hook.c) after its first frame and quits. */
#include "config.h"

#include <adwaita.h>

#include "dh-bench-hook.h"

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 720);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  dh_bench_hook_watch (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app =
    adw_application_new (APP_ID ".BenchBareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
