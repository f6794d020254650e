/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-case-crash.c: a writer killed with SIGKILL at random moments never leaves a damaged case file. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dh-case.h"
#include "dh-case-store.h"

/* Several hundred kills, within about 15 s on a busy two-core machine. */
#define MAX_KILLS 400
#define MIN_KILLS 100
#define TIME_BUDGET (15 * G_USEC_PER_SEC)

/* Marks the revision about to be saved, reported before the save; the saved one comes after it. */
#define ATTEMPT (G_GUINT64_CONSTANT (1) << 63)

/* Two bounces large enough to be kept in a file of their own. */
static char *large_inputs[2];

/* The child: change, save, report the revision now on disk; forever, until killed. Every fifth
 * change is a new bounce, so that the bounce's own file changes too. */
G_GNUC_NORETURN static void
writer (DhCaseStore *store,
        DhCase      *dh_case,
        int          fd)
{
  for (guint n = 0;; n++)
    {
      if (n % 5 == 4)
        dh_case_set_analysis (dh_case, large_inputs[g_random_int_range (0, 2)], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *note = g_strdup_printf ("change %u of a writer that will be killed", n);
      guint64 revision;

      dh_case_set_notes (dh_case, note);
      dh_case_add_event (dh_case, "tick", note);
      /* Reports are atomic: a pipe write of 8 bytes is never split. */
      revision = dh_case_get_revision (dh_case) | ATTEMPT;
      if (write (fd, &revision, sizeof revision) != sizeof revision)
        _exit (4);
      if (!dh_case_store_save (store, dh_case, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          _exit (3);
        }
      revision = dh_case_get_revision (dh_case);
      if (write (fd, &revision, sizeof revision) != sizeof revision)
        _exit (4);
    }
}

/* The last revision the child reported saved before it died, and in *@attempted the one it was
 * saving then (or the saved one, when it died between saves). */
static guint64
last_acknowledged (int      fd,
                   guint64  before,
                   guint64 *attempted)
{
  guint64 revision = before, value;
  guint8 buffer[4096];
  gsize have = 0;
  gssize n;

  while ((n = read (fd, buffer + have, sizeof buffer - have)) > 0 || (n < 0 && errno == EINTR))
    {
      if (n < 0)
        continue;
      have += n;
      while (have >= sizeof value)
        {
          memcpy (&value, buffer, sizeof value);
          if (value & ATTEMPT)
            *attempted = value & ~ATTEMPT;
          else
            revision = *attempted = value;
          memmove (buffer, buffer + sizeof value, have - sizeof value);
          have -= sizeof value;
        }
    }
  /* A partial number is a report cut off by the kill: not acknowledged. */
  return revision;
}

static guint
count_input_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    n += strstr (name, ".input-") != NULL && strlen (strstr (name, ".input-")) == strlen (".input-") + 32;
  return n;
}

static guint
count_leftovers (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    n += !g_str_has_suffix (name, ".json");
  return n;
}

static void
test_kill_writer (void)
{
  g_autofree char *input = NULL;
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "samples", "postfix-two-recipients-two-providers.eml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dh-test-crash-XXXXXX", &error);
  g_autoptr(DhCaseStore) store = dh_case_store_new (dir);
  g_autoptr(DhCase) dh_case = dh_case_new ();
  g_autofree char *id = NULL;
  gint64 start = g_get_monotonic_time ();
  guint kills = 0, behind = 0, killed_mid_save = 0, leftovers = 0;
  guint64 acknowledged, attempted;
  gint64 save_time, max_sleep;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sample, &input, NULL, NULL));
  for (guint i = 0; i < 2; i++)
    {
      GString *large = g_string_new (input);

      while (large->len < 200 * 1024)
        g_string_append (large, i ? "Another line of the returned message.\n" : "A line of the returned message.\n");
      large_inputs[i] = g_string_free (large, FALSE);
    }
  dh_case_set_analysis (dh_case, input, dh_analyze (input, strlen (input), NULL));
  g_assert_true (dh_case_store_save (store, dh_case, &error));
  id = g_strdup (dh_case_get_id (dh_case));

  /* Kill anywhere from before the first save to a few saves in, however fast saving is here
   * (a sanitizer build, a busy disk). */
  save_time = g_get_monotonic_time ();
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *notes = g_strdup_printf ("save %u", i);

      dh_case_set_notes (dh_case, notes);
      g_assert_true (dh_case_store_save (store, dh_case, &error));
    }
  save_time = (g_get_monotonic_time () - save_time) / 5;
  max_sleep = MAX (10000, 8 * save_time);
  acknowledged = dh_case_get_revision (dh_case);

  while (kills < MAX_KILLS && (kills < MIN_KILLS || g_get_monotonic_time () - start < TIME_BUDGET))
    {
      g_autoptr(GPtrArray) summaries = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(DhCase) on_disk = NULL;
      int fds[2];
      pid_t pid;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (store, dh_case, fds[1]);
        }
      close (fds[1]);

      g_usleep (g_random_int_range (0, max_sleep));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      attempted = acknowledged;
      acknowledged = last_acknowledged (fds[0], acknowledged, &attempted);
      close (fds[0]);
      kills++;

      /* Every case file is whole, and at most the change being saved is missing or present. */
      summaries = dh_case_store_list (store, &problems, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < problems->len; i++)
        g_error ("after kill %u: %s: %s", kills, ((DhCaseProblem *) g_ptr_array_index (problems, i))->file_name,
                 ((DhCaseProblem *) g_ptr_array_index (problems, i))->message);
      g_assert_cmpuint (summaries->len, ==, 1);

      g_clear_pointer (&dh_case, g_object_unref);
      on_disk = dh_case_store_load (store, id, &error);
      g_assert_no_error (error);
      /* The bounce the case names is there; at most one other (the next one, not yet named). */
      g_assert_cmpuint (count_input_files (dir), <=, 2);
      /* The last save reported, or the one under way: never older, never half of one. */
      if (dh_case_get_revision (on_disk) != acknowledged && dh_case_get_revision (on_disk) != attempted)
        g_error ("after kill %u: revision %" G_GUINT64_FORMAT " on disk, %" G_GUINT64_FORMAT " reported saved, %"
                 G_GUINT64_FORMAT " being saved", kills, dh_case_get_revision (on_disk), acknowledged, attempted);
      if (dh_case_get_revision (on_disk) != acknowledged)
        behind++;
      /* A kill between writing the temporary file and renaming it leaves that file behind. */
      if (count_leftovers (dir) > leftovers)
        {
          killed_mid_save++;
          leftovers = count_leftovers (dir);
        }
      acknowledged = dh_case_get_revision (on_disk);
      dh_case = g_steal_pointer (&on_disk);
    }

  g_test_message ("a save takes %.1f ms; killed after 0 to %.1f ms", save_time / 1000.0, max_sleep / 1000.0);
  g_test_message ("%u kills in %.1f s, revision %" G_GUINT64_FORMAT "; %u times a save was on disk but not yet "
                  "reported; %u kills left the temporary file of an interrupted save",
                  kills, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, acknowledged,
                  behind, killed_mid_save);
  g_assert_cmpuint (kills, >=, MIN_KILLS);
  /* The kills fell while saving, not only before the first save. */
  g_assert_cmpuint (behind, >, 0);
  g_clear_pointer (&large_inputs[0], g_free);
  g_clear_pointer (&large_inputs[1], g_free);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dh/case-store/crash", test_kill_writer);

  return g_test_run ();
}
