/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-net-private.h: helpers the checks share inside libdh-net: time limits, HTTP GET, errors. */
#pragma once

#include <libsoup/soup.h>

#include "dh-net.h"

G_BEGIN_DECLS

/* A time limit on an operation: cancellable is cancelled when the caller's cancellable is, or
 * when the time is up (then timed_out is set, so that the two can be told apart). */
typedef struct {
  GCancellable *cancellable;
  GCancellable *outer;
  gulong        outer_id;
  GSource      *timer;
  gboolean      timed_out;
} DhDeadline;

DhDeadline  *dh_deadline_new  (GCancellable *outer,
                               guint         timeout_ms);
void         dh_deadline_free (DhDeadline   *deadline);

/* A timer that calls @func (@data) once after @timeout_ms, in the caller's thread-default main
 * context (where the task completes); the caller owns the source. */
GSource     *dh_net_timer_new   (guint         timeout_ms,
                                 GSourceFunc   func,
                                 gpointer      data);
/* Stops the timer *@source, if any, and drops it. */
void         dh_net_timer_clear (GSource     **source);

/* What a failure reported by GIO, libsoup or the resolver means for the user. */
typedef enum {
  DH_NET_FAILURE_CANCELLED,    /* by the caller (not by the time limit): passed on as it is */
  DH_NET_FAILURE_TIMEOUT,
  DH_NET_FAILURE_NO_SUCH_HOST,
  DH_NET_FAILURE_UNREACHABLE,
} DhNetFailure;

DhNetFailure dh_net_failure_from_io (const GError     *io_error,
                                     const DhDeadline *deadline);

SoupSession *dh_net_session_new (void);
char        *dh_net_uri_host    (const char *uri);
void         dh_net_set_error_from_http (GError     **error,
                                         SoupMessage *message,
                                         const char  *host);
void         dh_net_set_error_from_io   (GError     **error,
                                         GError      *io_error,
                                         DhDeadline  *deadline,
                                         const char  *host);

/* GET @uri with @accept within @timeout_ms (redirects included); the body of a 2xx answer, with
 * the address that finally answered. Redirects are followed at most DH_NET_MAX_REDIRECTS times,
 * only to https (or http when @uri is http) and only to addresses options->redirect_filter
 * accepts (default: public ones). A body above @max_bytes (0: no bound) is not read:
 * DH_NET_ERROR_TOO_LARGE. Every failure is a DH_NET_ERROR or G_IO_ERROR_CANCELLED. */
void    dh_net_http_get_async  (SoupSession         *session,
                                const char          *uri,
                                const char          *accept,
                                const DhNetOptions  *options,
                                guint                timeout_ms,
                                gsize                max_bytes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GBytes *dh_net_http_get_finish (GAsyncResult        *result,
                                char               **final_uri,
                                GError             **error);

/* Closes a response's body stream without reading the rest (the connection is dropped). */
void    dh_net_drop_response   (GInputStream        *stream);

/* The _finish () of a check that returns a pointer: what the GTask that @source_tag (the check's
 * _async ()) made returns, or NULL with @error. */
gpointer dh_net_task_propagate_pointer (GAsyncResult  *result,
                                        gpointer       source_tag,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhDeadline, dh_deadline_free)

G_END_DECLS
