/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-test-samples.h: the tests' one reader of their files (tests/samples/, tests/replies/ …; header only). */
#pragma once

#include <glib.h>

/* The bytes of tests/@dir/@name, NUL-terminated, and their number in @length (may be NULL); the
 * test fails when the file cannot be read. G_TEST_SRCDIR names the tests folder (tests/meson.build
 * sets it). */
static inline char *
dh_test_read (const char *dir,
              const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* A bounce sample: tests/samples/@name (a path under it). */
static inline char *
dh_test_read_sample (const char *name)
{
  return dh_test_read ("samples", name, NULL);
}
