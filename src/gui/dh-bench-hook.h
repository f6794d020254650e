/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-bench-hook.h: the start-up benchmark's measurement (tests/bench-startup.sh). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dh_bench_hook_watch (GtkWindow *window);

G_END_DECLS
