/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-store.h: the saved cases, one JSON file each in a private folder, written atomically. */
#pragma once

#include <gio/gio.h>

#include "dh-case.h"

G_BEGIN_DECLS

/* DhCaseStore keeps cases in a folder ($XDG_DATA_HOME/delist-helper/cases by default; mode 0700),
 * one "<id>.json" each (mode 0600), and a bounce over 64 KB in "<id>.input-<hash>" beside it.
 *
 * Writing: dh_case_store_save () writes at once (atomic replace: a whole old file or a whole new
 * one, flushed to disk). dh_case_store_schedule_save () is for the GUI after each change: it keeps
 * a reference to the case and writes it as it is DH_CASE_STORE_SAVE_DELAY_MS after the first
 * change, once however many changes came; "saved" (id, revision) follows each write, "save-failed"
 * (id, GError) a scheduled write that failed, after which the store keeps no reference and the next
 * change tries again. dh_case_store_flush () writes what is pending now (on quit); disposing the
 * store does too. The timer runs on the thread-default main context of the caller.
 *
 * Reading: dh_case_store_list () gives summaries, newest change first, without keeping cases, and
 * the problems: a damaged file is renamed to "<name>.corrupt-<time>" (never over another file, its
 * content untouched), a file of a newer format or one that cannot be read is left where it is.
 * The store never writes over a file it could not read as a case (DH_CASE_ERROR_READ_ONLY).
 * dh_case_store_load () analyses the bounce again; dh_case_store_delete () removes the files.
 *
 * All of it is synchronous and for one thread; errors are DH_CASE_ERROR or G_FILE_ERROR, with
 * translated messages. */

/* At most this long between a scheduled change and its write (dh_case_store_schedule_save ()). */
#define DH_CASE_STORE_SAVE_DELAY_MS 1000

/* One line of the case list, read from a file without keeping the case. */
typedef struct {
  char        *id;
  GDateTime   *created;          /* UTC */
  GDateTime   *updated;          /* UTC */
  guint64      revision;
  DhCaseState  state;
  GDateTime   *since;            /* see DhCaseState; may be NULL */
  char        *step;             /* the page shown last, or NULL */
  char        *ip;               /* the blocked IP as the user corrected it, or NULL */
  char        *sender_domain;    /* or NULL */
  char        *path;             /* the file */
} DhCaseSummary;

typedef enum {
  DH_CASE_PROBLEM_CORRUPT,       /* could not be read as a case; moved aside to moved_to */
  DH_CASE_PROBLEM_NEWER_FORMAT,  /* made by a newer version: left alone, never written */
  DH_CASE_PROBLEM_UNREADABLE,    /* could not be opened (permissions, a folder in its place), or
                                  * not a regular file (a symbolic link, a FIFO, a device), or
                                  * larger than a case can be: left as it is, never written over */
  DH_CASE_PROBLEM_FOLDER_LINK,   /* not a file: the cases folder (or the one above) is a symbolic
                                  * link; it is used as it is, never chmod ()ed */
} DhCaseProblemKind;

/* A file in the folder that is not in the list, and why. */
typedef struct {
  DhCaseProblemKind kind;
  char             *file_name;   /* the name it had, e.g. "<id>.json" */
  char             *path;        /* the full path it had */
  char             *moved_to;    /* DH_CASE_PROBLEM_CORRUPT: "<name>.corrupt-<timestamp>", or NULL
                                  * when moving it failed (it is then still not written) */
  char             *message;     /* the reason, translated */
} DhCaseProblem;

void dh_case_summary_free (DhCaseSummary *summary);
void dh_case_problem_free (DhCaseProblem *problem);
const char *dh_case_problem_kind_to_string (DhCaseProblemKind kind);

#define DH_TYPE_CASE_STORE (dh_case_store_get_type ())
G_DECLARE_FINAL_TYPE (DhCaseStore, dh_case_store, DH, CASE_STORE, GObject)

DhCaseStore *dh_case_store_new            (const char   *dir);
const char  *dh_case_store_get_dir        (DhCaseStore  *self);
char        *dh_case_store_get_path       (DhCaseStore  *self,
                                           const char   *id);

gboolean     dh_case_store_save           (DhCaseStore  *self,
                                           DhCase       *dh_case,
                                           GError      **error);
void         dh_case_store_schedule_save  (DhCaseStore  *self,
                                           DhCase       *dh_case);
gboolean     dh_case_store_flush          (DhCaseStore  *self);
gboolean     dh_case_store_has_pending    (DhCaseStore  *self);

GPtrArray   *dh_case_store_list           (DhCaseStore  *self,
                                           GPtrArray   **problems,
                                           GError      **error);
DhCase      *dh_case_store_load           (DhCaseStore  *self,
                                           const char   *id,
                                           GError      **error);
gboolean     dh_case_store_delete         (DhCaseStore  *self,
                                           const char   *id,
                                           GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhCaseSummary, dh_case_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhCaseProblem, dh_case_problem_free)

G_END_DECLS
