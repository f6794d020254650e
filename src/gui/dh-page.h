/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-page.h: one wizard page: a title, whether it is complete, and what it does when shown or left. */
#pragma once

#include <adwaita.h>

#include "dh-case.h"
#include "dh-widgets.h"

G_BEGIN_DECLS

#define DH_TYPE_PAGE (dh_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (DhPage, dh_page, DH, PAGE, AdwBin)

struct _DhPageClass
{
  AdwBinClass parent_class;

  /* Fill the page from the case (called each time the page is shown). */
  void (*shown) (DhPage *self,
                 DhCase *dh_case);
  /* Store what the user entered into the case (called when leaving forwards or back). */
  void (*leave) (DhPage *self,
                 DhCase *dh_case);
};

const char *dh_page_get_title    (DhPage     *self);
void        dh_page_set_title    (DhPage     *self,
                                  const char *title);
gboolean    dh_page_get_complete (DhPage     *self);
void        dh_page_set_complete (DhPage     *self,
                                  gboolean    complete);
void        dh_page_shown        (DhPage     *self,
                                  DhCase     *dh_case);
void        dh_page_leave        (DhPage     *self,
                                  DhCase     *dh_case);
GSettings  *dh_page_get_settings (DhPage     *self);
void        dh_page_changed_cb   (DhPage     *self);
void        dh_page_changed      (DhPage     *self,
                                  const char *event,
                                  const char *detail);

typedef struct _DhMessageView DhMessageView;
void        dh_page_follow_message_language (DhMessageView *view,
                                             DhCase        *dh_case,
                                             DhCaseMessage  message);

/* Gives each button with a mnemonic under @root the name a person sees (GTK 4.8). */
void        dh_page_name_buttons (GtkWidget  *root);

G_END_DECLS
