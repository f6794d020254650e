/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-toast.h: toasts, and copying a text to the clipboard with a toast that says so. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How long a toast that needs no answer stays, in seconds. */
#define DH_TOAST_TIMEOUT_S 3

AdwToast *dh_toast_new  (const char *message);
void      dh_show_toast (GtkWidget  *widget,
                         const char *message);
void      dh_copy_text  (GtkWidget  *widget,
                         const char *text,
                         const char *message);

G_END_DECLS
