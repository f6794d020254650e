/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-case-store.c: the saved cases, one JSON file each in a private folder, written atomically. */
#include "config.h"

#include "dh-case-store.h"
#include "dh-case-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _DhCaseStore
{
  GObject     parent_instance;

  char       *dir;
  char       *parent;     /* "delist-helper", made 0700 too; NULL for a folder given to _new () */
  GHashTable *pending;    /* id → DhCase* (a reference): changed, not yet written */
  GSource    *timeout;    /* the coalesced write of @pending, or NULL */
  GHashTable *writable;   /* ids whose file this store wrote or read as a case: safe to replace */
  GHashTable *inputs;     /* id → InputFile: the large bounce's own file, as last written */
};

/* A bounce larger than this is kept in "<id>.input-<hash>", written once, and the case file names
 * it: otherwise every change (at most one write a second) would write a mailbox again. */
#define INLINE_INPUT_MAX (64 * 1024)

/* The largest case file and bounce file read or written: what a case of this version can take (a
 * bounce over INLINE_INPUT_MAX is in its own file; the analyser reads at most
 * DH_ANALYZER_MAX_INPUT, which as base64 beside its text stays under the second), so that a file
 * someone made larger is refused before it is read. */
#define CASE_FILE_MAX DH_ANALYZER_MAX_INPUT
#define INPUT_FILE_MAX (4 * (gsize) DH_ANALYZER_MAX_INPUT)

typedef struct {
  guint          serial;   /* DhCase.analysis_serial when named */
  gconstpointer  input;    /* DhCase.input and input_bytes then, to tell cases apart */
  gconstpointer  bytes;
  char          *name;     /* "<id>.input-<hash>", or NULL: the bounce is in the case file */
  gboolean       written;  /* a case file naming @written_name was written by this store */
  char          *written_name;
} InputFile;

static void
input_file_free (InputFile *file)
{
  g_free (file->written_name);
  g_free (file->name);
  g_free (file);
}

enum {
  SIGNAL_SAVED,
  SIGNAL_SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DhCaseStore, dh_case_store, G_TYPE_OBJECT)

void
dh_case_summary_free (DhCaseSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_clear_pointer (&summary->created, g_date_time_unref);
  g_clear_pointer (&summary->updated, g_date_time_unref);
  g_clear_pointer (&summary->since, g_date_time_unref);
  g_free (summary->step);
  g_free (summary->ip);
  g_free (summary->sender_domain);
  g_free (summary->path);
  g_free (summary);
}

void
dh_case_problem_free (DhCaseProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file_name);
  g_free (problem->path);
  g_free (problem->moved_to);
  g_free (problem->message);
  g_free (problem);
}

/* A stable id for JSON: "corrupt", "newer-format", "unreadable", "folder-link". */
const char *
dh_case_problem_kind_to_string (DhCaseProblemKind kind)
{
  static const char *ids[] = { "corrupt", "newer-format", "unreadable", "folder-link" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (ids), NULL);
  return ids[kind];
}

static void
dh_case_store_dispose (GObject *object)
{
  DhCaseStore *self = DH_CASE_STORE (object);

  /* Nothing the user did is lost because the store goes away first. */
  if (self->pending && g_hash_table_size (self->pending) > 0)
    dh_case_store_flush (self);
  if (self->timeout)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }

  G_OBJECT_CLASS (dh_case_store_parent_class)->dispose (object);
}

static void
dh_case_store_finalize (GObject *object)
{
  DhCaseStore *self = DH_CASE_STORE (object);

  g_free (self->dir);
  g_free (self->parent);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->writable, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_hash_table_unref);

  G_OBJECT_CLASS (dh_case_store_parent_class)->finalize (object);
}

static void
dh_case_store_class_init (DhCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dh_case_store_dispose;
  object_class->finalize = dh_case_store_finalize;

  /**
   * DhCaseStore::saved:
   * @id: the case's id
   * @revision: the revision now on disk
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT64);

  /**
   * DhCaseStore::save-failed:
   * @id: the case's id
   * @error: why (a GFileError, or DH_CASE_ERROR_READ_ONLY); its message is translated
   *
   * A scheduled save could not be written. The case stays as it is in memory and the store keeps
   * no reference to it: the next dh_case_store_schedule_save () of it tries again.
   */
  signals[SIGNAL_SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
dh_case_store_init (DhCaseStore *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_object_unref);
  self->writable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) input_file_free);
}

/* A store of the cases in @dir, or (NULL) in $XDG_DATA_HOME/delist-helper/cases (.../delist-helper-devel/
 * in the development profile). The folder is made (mode 0700) on the first save, not here. */
DhCaseStore *
dh_case_store_new (const char *dir)
{
  DhCaseStore *self = g_object_new (DH_TYPE_CASE_STORE, NULL);

  if (dir)
    self->dir = g_strdup (dir);
  else
    {
      self->parent = g_build_filename (g_get_user_data_dir (), USER_DIR_NAME, NULL);
      self->dir = g_build_filename (self->parent, "cases", NULL);
    }
  return self;
}

const char *
dh_case_store_get_dir (DhCaseStore *self)
{
  g_return_val_if_fail (DH_IS_CASE_STORE (self), NULL);
  return self->dir;
}

/* The file of the case @id ("<dir>/<id>.json"), or NULL when @id is not a case id (a UUID), so
 * that no id can name a file outside the folder. */
char *
dh_case_store_get_path (DhCaseStore *self,
                        const char  *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!g_uuid_string_is_valid (id))
    return NULL;
  name = g_strconcat (id, ".json", NULL);
  return g_build_filename (self->dir, name, NULL);
}

static gboolean
not_found (GError    **error,
           const char *id)
{
  g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_NOT_FOUND,
               /* Translators: %1$s is a case's id, such as 0f8fad5b-d9cb-469f-a165-70867728950e. */
               _("There is no saved case “%1$s”."), id);
  return FALSE;
}

/* Narrows the folder @path to 0700 when it is ours and looser, never through a symbolic link: a
 * `cases` that links to a shared folder (or to /tmp) is used as it is, and the list says so. */
static void
narrow_folder (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
  struct stat st;

  if (fd < 0)
    return;
  /* Cases hold people's addresses: a folder made looser than ours is narrowed, never widened. */
  if (fstat (fd, &st) == 0 && st.st_uid == geteuid () && (st.st_mode & 077) != 0)
    fchmod (fd, st.st_mode & 0700);
  g_close (fd, NULL);
}

static gboolean
ensure_dir (DhCaseStore  *self,
            GError      **error)
{
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %1$s is a folder, %2$s the system's reason. */
                   _("Could not create the folder “%1$s”: %2$s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (self->parent)
    narrow_folder (self->parent);
  narrow_folder (self->dir);
  return TRUE;
}

/* Whether @path is a symbolic link; *@target then says where it points. */
static gboolean
is_symlink (const char  *path,
            char       **target)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return FALSE;
  if (target)
    {
      *target = g_file_read_link (path, NULL);
      if (*target == NULL)
        *target = g_strdup ("?");
    }
  return TRUE;
}

/* A lock on the folder, so that no instance removes the temporary file of a save another one is
 * making: each save holds it shared, the removal of temporary files exclusive (and does not wait
 * for it). -1 when the folder cannot be opened or locked (a file system without flock ()). */
static int
lock_dir (const char *dir,
          int         operation)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  while (flock (fd, operation) != 0)
    if (errno != EINTR)
      {
        g_close (fd, NULL);
        return -1;
      }
  return fd;
}

static void
unlock_dir (int fd)
{
  if (fd >= 0)
    g_close (fd, NULL);   /* releases the lock */
}

static void
file_error (GError     **error,
            int          code,
            const char  *reason)
{
  g_set_error (error, G_FILE_ERROR, code,
               /* Translators: %1$s is the reason, e.g. "it is a symbolic link". */
               _("The case file cannot be read: %1$s"), reason);
}

/* Reads the regular file @path whole, refusing a symbolic link, anything that is not a regular
 * file (a FIFO, a device, a folder) and a file over @max bytes, without opening what it refuses:
 * a link to /dev/zero would be read without end, a FIFO would block. G_FILE_ERROR_NOENT when
 * there is no such file; other G_FILE_ERRORs with a translated message. */
static gboolean
read_regular_file (const char  *path,
                   gsize        max,
                   char       **contents,
                   gsize       *length,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *max_text = NULL;
  GStatBuf link_st;
  struct stat st;
  gsize size, done = 0;
  int fd;

  if (g_lstat (path, &link_st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, g_strerror (saved_errno));
      else
        file_error (error, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISLNK (link_st.st_mode))
    {
      file_error (error, G_FILE_ERROR_LOOP,
                  _("it is a symbolic link, and only a regular file is read. It is left as it is."));
      return FALSE;
    }
  if (!S_ISREG (link_st.st_mode))
    {
      file_error (error, G_FILE_ERROR_INVAL,
                  _("it is not a regular file (a folder, a pipe or a device). It is left as it is."));
      return FALSE;
    }
  /* O_NONBLOCK: what was a file a moment ago may be a FIFO now. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, g_strerror (saved_errno));
      else if (saved_errno == ELOOP)
        file_error (error, G_FILE_ERROR_LOOP,
                    _("it is a symbolic link, and only a regular file is read. It is left as it is."));
      else
        file_error (error, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      file_error (error, G_FILE_ERROR_INVAL,
                  _("it is not a regular file (a folder, a pipe or a device). It is left as it is."));
      return FALSE;
    }
  max_text = g_format_size (max);
  if ((guint64) st.st_size > max)
    {
      g_autofree char *size_text = g_format_size (st.st_size);
      g_autofree char *reason =
        /* Translators: %1$s and %2$s are sizes, e.g. "80.0 MB" and "67.1 MB". */
        g_strdup_printf (_("it is %1$s, larger than a case can be (%2$s). It is left as it is."),
                         size_text, max_text);

      g_close (fd, NULL);
      file_error (error, G_FILE_ERROR_FAILED, reason);
      return FALSE;
    }
  /* The size said, and one byte more to see that it did not grow past @max meanwhile. */
  size = MIN ((gsize) st.st_size, max) + 1;
  data = g_malloc (size + 1);
  for (;;)
    {
      gssize n = read (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_close (fd, NULL);
          file_error (error, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      done += n;
      if (done == size)
        {
          if (size > max)
            {
              g_autofree char *reason =
                g_strdup_printf (_("it is larger than a case can be (%1$s). It is left as it is."), max_text);

              g_close (fd, NULL);
              file_error (error, G_FILE_ERROR_FAILED, reason);
              return FALSE;
            }
          size = MIN (size * 2, max + 1);
          data = g_realloc (data, size + 1);
        }
    }
  g_close (fd, NULL);
  data[done] = '\0';
  *contents = g_steal_pointer (&data);
  *length = done;
  return TRUE;
}

/* Reads @path (a regular file of at most @max bytes) as JSON; the errors are the ones
 * dh_case_store_list () reports: G_FILE_ERROR for a file that cannot be read (left as it is),
 * DH_CASE_ERROR_CORRUPT for one that is not JSON or nests too deep (moved aside). */
static JsonNode *
read_json (const char  *path,
           gsize        max,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!read_regular_file (path, max, &contents, &length, error))
    return NULL;
  return dh_case_parse_file_data (contents, length, error);
}

/* Whether @name is "<id>.input-<hex>". */
static gboolean
is_input_name (const char *name,
               const char *id)
{
  const char *hash;

  if (!g_str_has_prefix (name, id) || !g_str_has_prefix (name + strlen (id), ".input-"))
    return FALSE;
  hash = name + strlen (id) + strlen (".input-");
  if (*hash == '\0')
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Puts the bounce kept in its own file ("input_file") back into @root, as dh_case_to_json () has
 * it. */
static gboolean
join_input (const char  *dir,
            JsonNode    *root,
            GError     **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *member = json_object_get_member (object, "input_file");
  JsonNode *id = json_object_get_member (object, "id");
  g_autoptr(JsonNode) input = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *input_object;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (json_node_get_value_type (member) != G_TYPE_STRING || id == NULL ||
      json_node_get_value_type (id) != G_TYPE_STRING ||
      !is_input_name (json_node_get_string (member), json_node_get_string (id)))
    {
      g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                   _("The case file is damaged: “%1$s” is missing or not what it should be."), "input_file");
      return FALSE;
    }
  path = g_build_filename (dir, json_node_get_string (member), NULL);
  input = read_json (path, INPUT_FILE_MAX, &local_error);
  if (input == NULL || !JSON_NODE_HOLDS_OBJECT (input))
    {
      g_set_error_literal (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                           _("The case file is damaged: the bounce it refers to is missing or damaged."));
      return FALSE;
    }
  input_object = json_node_get_object (input);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "input" : "input_bytes";

      if (json_object_has_member (input_object, name))
        json_object_set_member (object, name, json_node_copy (json_object_get_member (input_object, name)));
    }
  return TRUE;
}

/* Reads and checks the case file of @id (NULL: @path's own); @flags as dh_case_load_json (). */
static DhCase *
read_case (const char       *path,
           const char       *id,
           DhCaseLoadFlags   flags,
           GError          **error)
{
  g_autoptr(JsonNode) root = read_json (path, CASE_FILE_MAX, error);
  g_autoptr(DhCase) dh_case = NULL;

  if (root == NULL)
    return NULL;
  if (!(flags & DH_CASE_LOAD_NO_ANALYSIS) && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      /* Only a case of this version names an input file; a newer one is reported as such. */
      if (dh_case_json_format (root) <= DH_CASE_FORMAT && !join_input (dir, root, error))
        return NULL;
    }
  dh_case = dh_case_load_json (root, flags, error);
  if (dh_case == NULL)
    return NULL;
  if (id && g_strcmp0 (dh_case_get_id (dh_case), id) != 0)
    {
      g_set_error_literal (error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                           _("The case file is damaged: its name and the id inside differ."));
      return NULL;
    }
  return g_steal_pointer (&dh_case);
}

/* Whether the file of @id may be replaced: this store wrote or read it, or it does not exist, or it
 * is a case of this version. A file that could not be read as a case is never written over. */
static gboolean
may_write (DhCaseStore  *self,
           const char   *id,
           const char   *path,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DhCase) on_disk = NULL;

  if (g_hash_table_contains (self->writable, id))
    return TRUE;
  on_disk = read_case (path, id, DH_CASE_LOAD_NO_ANALYSIS, &local_error);
  if (on_disk == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, DH_CASE_ERROR, DH_CASE_ERROR_READ_ONLY,
                   /* Translators: %1$s is the reason the file on disk could not be read. */
                   _("The saved copy of this case is not replaced, because it could not be read: %1$s"),
                   local_error->message);
      return FALSE;
    }
  g_hash_table_add (self->writable, g_strdup (id));
  return TRUE;
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            gsize        max,
            GError     **error)
{
  /* Never a file the list would refuse to read back. */
  if (length > max)
    {
      g_autofree char *size_text = g_format_size (length);
      g_autofree char *max_text = g_format_size (max);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %1$s and %2$s are sizes, e.g. "80.0 MB" and "67.1 MB". */
                   _("The case is too large to save: %1$s, and a case file can be at most %2$s."),
                   size_text, max_text);
      return FALSE;
    }
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* The name of the file for @dh_case's bounce, or NULL when it is small enough to stay in the case
 * file. Named by its content, so a file once written never changes; the hash is worked out once
 * per analysis. */
static const char *
input_file_name (DhCaseStore *self,
                 DhCase      *dh_case)
{
  InputFile *file = g_hash_table_lookup (self->inputs, dh_case_get_id (dh_case));
  g_autoptr(GChecksum) checksum = NULL;

  if (dh_case_input_size (dh_case) <= INLINE_INPUT_MAX)
    return NULL;
  if (file && file->name && file->serial == dh_case_get_analysis_serial (dh_case) &&
      file->input == dh_case_get_input (dh_case) && file->bytes == dh_case_get_input_bytes (dh_case))
    return file->name;

  if (file == NULL)
    {
      file = g_new0 (InputFile, 1);
      g_hash_table_insert (self->inputs, g_strdup (dh_case_get_id (dh_case)), file);
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (dh_case_get_input (dh_case))
    g_checksum_update (checksum, (const guchar *) dh_case_get_input (dh_case), strlen (dh_case_get_input (dh_case)));
  g_checksum_update (checksum, (const guchar *) "", 1);
  if (dh_case_get_input_bytes (dh_case))
    g_checksum_update (checksum, g_bytes_get_data (dh_case_get_input_bytes (dh_case), NULL),
                       g_bytes_get_size (dh_case_get_input_bytes (dh_case)));
  g_free (file->name);
  file->name = g_strdup_printf ("%s.input-%.32s", dh_case_get_id (dh_case), g_checksum_get_string (checksum));
  file->serial = dh_case_get_analysis_serial (dh_case);
  file->input = dh_case_get_input (dh_case);
  file->bytes = dh_case_get_input_bytes (dh_case);
  return file->name;
}

/* Writes the bounce's own file unless it is there already (it is written whole or not at all). */
static gboolean
write_input (DhCaseStore  *self,
             DhCase       *dh_case,
             const char   *name,
             GError      **error)
{
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *data = NULL;
  gsize length;
  GStatBuf st;

  /* Not through a link: the file read back must be a regular one. */
  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
    return TRUE;
  root = dh_case_input_to_json (dh_case);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return write_file (path, data, length, INPUT_FILE_MAX, error);
}

/* Removes every "<id>.input-…" but @keep (which may be NULL). */
static void
remove_input_files (DhCaseStore *self,
                    const char  *id,
                    const char  *keep)
{
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (is_input_name (name, id) && g_strcmp0 (name, keep) != 0)
      {
        g_autofree char *path = g_build_filename (self->dir, name, NULL);

        g_unlink (path);
      }
}

static void
remember_written (DhCaseStore *self,
                  DhCase      *dh_case,
                  const char  *name)
{
  InputFile *file = g_hash_table_lookup (self->inputs, dh_case_get_id (dh_case));

  if (file == NULL)
    {
      file = g_new0 (InputFile, 1);
      g_hash_table_insert (self->inputs, g_strdup (dh_case_get_id (dh_case)), file);
    }
  file->written = TRUE;
  g_free (file->written_name);
  file->written_name = g_strdup (name);
}

/* Writes @dh_case now: to a new file beside it, flushed to disk, then renamed over the old one, so
 * the file is always either the old case or the new one, whole (mode 0600 in a 0700 folder).
 * Also takes @dh_case off the pending saves. Emits "saved". */
gboolean
dh_case_store_save (DhCaseStore  *self,
                    DhCase       *dh_case,
                    GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  const char *input_name;
  InputFile *file;
  gsize length;
  int lock = -1;
  gboolean ok = FALSE;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (dh_case != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = dh_case_store_get_path (self, dh_case_get_id (dh_case));
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_hash_table_lookup (self->pending, dh_case_get_id (dh_case)) == dh_case)
    g_hash_table_remove (self->pending, dh_case_get_id (dh_case));

  if (!ensure_dir (self, error) || !may_write (self, dh_case_get_id (dh_case), path, error))
    return FALSE;

  /* Held until the temporary files of this save are renamed: see remove_temporaries (). */
  lock = lock_dir (self->dir, LOCK_SH);
  input_name = input_file_name (self, dh_case);
  if (input_name)
    {
      if (!write_input (self, dh_case, input_name, error))
        goto out;
      root = dh_case_to_json_without_input (dh_case);
      json_object_set_string_member (json_node_get_object (root), "input_file", input_name);
    }
  else
    root = dh_case_to_json (dh_case);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  if (!write_file (path, data, length, CASE_FILE_MAX, error))
    goto out;

  /* Only now that the case names the new one: the bounce files it named before, and any a crash
   * left behind. */
  file = g_hash_table_lookup (self->inputs, dh_case_get_id (dh_case));
  if (file == NULL || !file->written || g_strcmp0 (file->written_name, input_name) != 0)
    {
      remove_input_files (self, dh_case_get_id (dh_case), input_name);
      remember_written (self, dh_case, input_name);
    }
  ok = TRUE;

out:
  unlock_dir (lock);
  if (ok)
    g_signal_emit (self, signals[SIGNAL_SAVED], 0, dh_case_get_id (dh_case), dh_case_get_revision (dh_case));
  return ok;
}

/* Writes every pending case; a failure is reported by "save-failed". Returns whether all were
 * written. */
gboolean
dh_case_store_flush (DhCaseStore *self)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  GHashTableIter iter;
  gpointer key, value;
  gboolean all = TRUE;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), FALSE);

  if (self->timeout)
    {
      g_source_destroy (self->timeout);
      g_clear_pointer (&self->timeout, g_source_unref);
    }

  /* Taken out first: a handler may schedule again. */
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (cases, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_hash_table_remove_all (self->pending);

  for (guint i = 0; i < cases->len; i++)
    {
      DhCase *dh_case = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = NULL;

      if (!dh_case_store_save (self, dh_case, &error))
        {
          all = FALSE;
          g_signal_emit (self, signals[SIGNAL_SAVE_FAILED], 0, dh_case_get_id (dh_case), error);
        }
    }
  return all;
}

static gboolean
save_timeout (gpointer user_data)
{
  DhCaseStore *self = user_data;

  g_clear_pointer (&self->timeout, g_source_unref);
  g_object_ref (self);
  dh_case_store_flush (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Asks for @dh_case to be written soon: the first change starts a timer of
 * DH_CASE_STORE_SAVE_DELAY_MS on the thread-default main context, and everything scheduled until it
 * fires is written then, once per case, as it is at that moment. The store keeps a reference to
 * @dh_case until then (or until dh_case_store_save (), _flush () or the store's dispose, which
 * flushes). Failures are reported by "save-failed". */
void
dh_case_store_schedule_save (DhCaseStore *self,
                             DhCase      *dh_case)
{
  g_return_if_fail (DH_IS_CASE_STORE (self));
  g_return_if_fail (dh_case != NULL && dh_case_get_id (dh_case) != NULL);

  g_hash_table_replace (self->pending, g_strdup (dh_case_get_id (dh_case)), g_object_ref (dh_case));
  if (self->timeout == NULL)
    {
      self->timeout = g_timeout_source_new (DH_CASE_STORE_SAVE_DELAY_MS);
      g_source_set_callback (self->timeout, save_timeout, self, NULL);
      g_source_set_name (self->timeout, "[delist-helper] save cases");
      g_source_attach (self->timeout, g_main_context_get_thread_default ());
    }
}

/* Whether a scheduled save has not been written yet. */
gboolean
dh_case_store_has_pending (DhCaseStore *self)
{
  g_return_val_if_fail (DH_IS_CASE_STORE (self), FALSE);
  return g_hash_table_size (self->pending) > 0;
}

/* Renames @path to "<path>.corrupt-<UTC time>" (with "-2", "-3"… if that exists), never over
 * another file: a hard link, then the old name removed. */
static char *
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *target = n == 1 ? g_strdup_printf ("%s.corrupt-%s", path, stamp)
                                       : g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);

      if (link (path, target) == 0)
        {
          if (g_unlink (path) != 0)
            {
              g_unlink (target);
              return NULL;
            }
          return g_steal_pointer (&target);
        }
      if (errno == EEXIST)
        continue;
      /* A file system without hard links: rename, having looked first. */
      if ((errno == EPERM || errno == ENOTSUP || errno == EXDEV) &&
          !g_file_test (target, G_FILE_TEST_EXISTS) && g_rename (path, target) == 0)
        return g_steal_pointer (&target);
      return NULL;
    }
  return NULL;
}

/* How old the temporary file of an interrupted save must be before it is removed while another
 * instance is saving (and so holds the folder's lock): a save takes milliseconds, so one this old
 * belongs to no save still running. */
#define STALE_TEMPORARY_SECONDS (10 * 60)

/* "<id>.json.XXXXXX" or "<id>.input-<hash>.XXXXXX": what g_file_set_contents_full () writes
 * before renaming it. */
static gboolean
is_temporary_name (const char *name)
{
  gsize length = strlen (name);
  g_autofree char *id = NULL;
  g_autofree char *base = NULL;

  if (length < 36 + strlen (".json.XXXXXX") || name[length - 7] != '.')
    return FALSE;
  for (const char *p = name + length - 6; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  id = g_strndup (name, 36);
  base = g_strndup (name, length - 7);
  return g_uuid_string_is_valid (id) &&
         (g_str_equal (base + 36, ".json") || is_input_name (base, id));
}

/* Removes the temporary files of saves that were killed before their rename. A save holds the
 * folder's lock shared until it has renamed its files, in every instance of the app: when the
 * lock can be had exclusively, no save is running and every temporary file is a leftover, removed
 * at once (on the start after a crash). When it cannot (another instance is saving), only those
 * older than STALE_TEMPORARY_SECONDS go. */
static void
remove_temporaries (DhCaseStore *self)
{
  int lock = lock_dir (self->dir, LOCK_EX | LOCK_NB);
  gint64 stale = g_get_real_time () / G_USEC_PER_SEC - STALE_TEMPORARY_SECONDS;
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_temporary_name (name))
        continue;
      path = g_build_filename (self->dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
          (lock >= 0 || (gint64) st.st_mtime < stale))
        g_unlink (path);
    }
  unlock_dir (lock);
}

/* When the cases folder (or the "delist-helper" folder above it) is a symbolic link, a problem
 * that says so: the cases are kept where it points, and its permissions are left as they are. */
static void
folder_link_problem (DhCaseStore *self,
                     GPtrArray   *found)
{
  const char *folders[] = { self->dir, self->parent };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *target = NULL;
      DhCaseProblem *problem;

      if (folders[i] == NULL || !is_symlink (folders[i], &target))
        continue;
      problem = g_new0 (DhCaseProblem, 1);
      problem->kind = DH_CASE_PROBLEM_FOLDER_LINK;
      problem->file_name = g_path_get_basename (folders[i]);
      problem->path = g_strdup (folders[i]);
      problem->message =
        g_strdup_printf (/* Translators: %1$s is a folder, %2$s where its symbolic link points. */
                         _("The folder “%1$s” is a symbolic link to “%2$s”. Cases are saved there as "
                           "they are, and its permissions are not changed: make sure only you can "
                           "read it, or replace the link with a folder of your own."),
                         folders[i], target);
      g_ptr_array_add (found, problem);
      return;
    }
}

static gint
compare_updated (gconstpointer a,
                 gconstpointer b)
{
  const DhCaseSummary *sa = *(DhCaseSummary * const *) a;
  const DhCaseSummary *sb = *(DhCaseSummary * const *) b;
  int c = g_date_time_compare (sb->updated, sa->updated);

  return c != 0 ? c : g_strcmp0 (sa->id, sb->id);
}

/* The saved cases (DhCaseSummary*), the most recently updated first, read one at a time and not
 * kept. A file that is not a case is left out and, with @problems, described there
 * (DhCaseProblem*): a damaged one is moved aside (its content untouched) so that it is reported
 * once; one made by a newer version and one that cannot be read are left where they are. The
 * temporary file of a save interrupted (by a crash) more than ten minutes ago is removed. NULL
 * with @error only when the folder itself cannot be read; no folder is no cases. */
GPtrArray *
dh_case_store_list (DhCaseStore  *self,
                    GPtrArray   **problems,
                    GError      **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_summary_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) dh_case_problem_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) dir_error = NULL;
  const char *name;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_dir_open (self->dir, 0, &dir_error);
  if (dir == NULL)
    {
      if (!g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&dir_error));
          return NULL;
        }
      if (problems)
        *problems = g_steal_pointer (&found);
      return g_steal_pointer (&summaries);
    }

  folder_link_problem (self, found);
  remove_temporaries (self);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(DhCase) dh_case = NULL;
      DhCaseSummary *summary;
      DhCaseProblem *problem;

      /* Only "<id>.json": not the temporary files of an interrupted save, nor what was moved aside. */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".json"));
      path = g_build_filename (self->dir, name, NULL);
      dh_case = read_case (path, g_uuid_string_is_valid (id) ? id : NULL, DH_CASE_LOAD_NO_ANALYSIS,
                           &local_error);
      if (dh_case && !g_uuid_string_is_valid (id))
        {
          g_set_error_literal (&local_error, DH_CASE_ERROR, DH_CASE_ERROR_CORRUPT,
                               _("The case file is damaged: its name and the id inside differ."));
          g_clear_pointer (&dh_case, g_object_unref);
        }
      if (dh_case)
        {
          summary = g_new0 (DhCaseSummary, 1);
          summary->id = g_strdup (dh_case_get_id (dh_case));
          summary->created = g_date_time_ref (dh_case_get_created (dh_case));
          summary->updated = g_date_time_ref (dh_case_get_updated (dh_case));
          summary->revision = dh_case_get_revision (dh_case);
          summary->state = dh_case_get_state (dh_case, &summary->since);
          summary->step = g_strdup (dh_case_get_step (dh_case));
          summary->ip = g_strdup (dh_case_get (dh_case, DH_CASE_IP));
          summary->sender_domain = g_strdup (dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN));
          summary->path = g_steal_pointer (&path);
          g_ptr_array_add (summaries, summary);
          g_hash_table_add (self->writable, g_strdup (dh_case_get_id (dh_case)));
          continue;
        }
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        continue;   /* deleted meanwhile */

      problem = g_new0 (DhCaseProblem, 1);
      problem->file_name = g_strdup (name);
      problem->path = g_strdup (path);
      problem->message = g_strdup (local_error->message);
      if (g_error_matches (local_error, DH_CASE_ERROR, DH_CASE_ERROR_NEWER_FORMAT))
        problem->kind = DH_CASE_PROBLEM_NEWER_FORMAT;
      else if (local_error->domain == DH_CASE_ERROR)
        {
          problem->kind = DH_CASE_PROBLEM_CORRUPT;
          problem->moved_to = move_aside (path);
        }
      else
        problem->kind = DH_CASE_PROBLEM_UNREADABLE;
      g_hash_table_remove (self->writable, id);
      g_ptr_array_add (found, problem);
    }

  g_ptr_array_sort (summaries, compare_updated);
  if (problems)
    *problems = g_steal_pointer (&found);
  return g_steal_pointer (&summaries);
}

/* The case @id, with its bounce analysed again. A case with a save pending is that same case (a
 * new reference), newer than its file. Errors: DH_CASE_ERROR_NOT_FOUND, _CORRUPT, _NEWER_FORMAT,
 * or a GFileError when the file cannot be read. */
DhCase *
dh_case_store_load (DhCaseStore  *self,
                    const char   *id,
                    GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  DhCase *dh_case;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dh_case = g_hash_table_lookup (self->pending, id);
  if (dh_case)
    return g_object_ref (dh_case);

  path = dh_case_store_get_path (self, id);
  if (path == NULL)
    return not_found (error, id), NULL;
  dh_case = read_case (path, id, DH_CASE_LOAD_FULL, &local_error);
  if (dh_case == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return not_found (error, id), NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_add (self->writable, g_strdup (id));
  return dh_case;
}

/* Removes the case @id's file, and any save of it still pending. */
gboolean
dh_case_store_delete (DhCaseStore  *self,
                      const char   *id,
                      GError      **error)
{
  g_autofree char *path = NULL;
  gboolean was_pending;

  g_return_val_if_fail (DH_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = dh_case_store_get_path (self, id);
  if (path == NULL)
    return not_found (error, id);
  was_pending = g_hash_table_remove (self->pending, id);
  g_hash_table_remove (self->writable, id);
  g_hash_table_remove (self->inputs, id);
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          remove_input_files (self, id, NULL);
          return was_pending ? TRUE : not_found (error, id);
        }
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %1$s is a file, %2$s the system's reason. */
                   _("Could not delete “%1$s”: %2$s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  remove_input_files (self, id, NULL);
  return TRUE;
}
