/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-page.h: one wizard page: a title, whether it is complete, what it does when shown or left, and
 * its apply (the work Next does before the next page, such as reading and analysing the bounce). */
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
  /* What Next does before the next page is shown (after leave). The default completes at once
   * with TRUE. FALSE (with an error: G_IO_ERROR_CANCELLED when cancelled) keeps the page on
   * screen; the page has said why itself. The wizard runs one at a time and sets `busy` on the
   * page meanwhile. */
  void      (*apply_async)   (DhPage              *self,
                              DhCase              *dh_case,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*apply_finish)  (DhPage              *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void        dh_page_class_set_template_from_resource (DhPageClass *klass,
                                                      const char  *resource_name);

const char *dh_page_get_title    (DhPage     *self);
void        dh_page_set_title    (DhPage     *self,
                                  const char *title);
gboolean    dh_page_get_complete (DhPage     *self);
void        dh_page_set_complete (DhPage     *self,
                                  gboolean    complete);
gboolean    dh_page_get_busy     (DhPage     *self);
void        dh_page_set_busy     (DhPage     *self,
                                  gboolean    busy);
void        dh_page_apply_async  (DhPage              *self,
                                  DhCase              *dh_case,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean    dh_page_apply_finish (DhPage              *self,
                                  GAsyncResult        *result,
                                  GError             **error);
void        dh_page_shown        (DhPage     *self,
                                  DhCase     *dh_case);
void        dh_page_leave        (DhPage     *self,
                                  DhCase     *dh_case);
GSettings  *dh_page_get_settings (DhPage     *self);
void        dh_page_changed_cb   (DhPage     *self);
void        dh_page_changed      (DhPage     *self,
                                  const char *event,
                                  const char *detail);

/* Gives each button with a mnemonic under @root the name a person sees (GTK 4.8). */
void        dh_page_name_buttons (GtkWidget  *root);

typedef struct _DhMessageView DhMessageView;
void        dh_page_follow_message_language (DhMessageView *view,
                                             DhCase        *dh_case,
                                             DhCaseMessage  message);

G_END_DECLS
