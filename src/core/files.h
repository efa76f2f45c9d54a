/* files.h — files on disk: paths joined, folders created, input files opened
 * only when they are regular files inside their folder, small files written
 * through an exclusive temporary file, temporary names, and system errors in
 * plain words. The output folder as one set is core/outset.h. */
#ifndef OV_CORE_FILES_H
#define OV_CORE_FILES_H

#include <stddef.h>
#include <stdint.h>

/* Largest input file read (SPEC 2.3): 4 GiB. */
#define OV_INPUT_MAX_BYTES ((uint64_t)4 << 30)

/* Prefix of every temporary name oversight creates in a folder; anything by
 * that name is a leftover of a run that was killed. */
#define OV_TMP_PREFIX ".oversight-tmp-"

/* Creates dir (and parents) when missing; returns 0 or -1 (errno set). */
int ov_mkdirs(const char *dir);
/* The last component of path (a folder's name without its trailing '/'),
 * copied into buf of n bytes (cut to fit); "" for NULL. Returns buf. Reports
 * name files by it: local folder paths never go into a report. */
char *ov_path_base(const char *path, char *buf, size_t n);
/* Joins dir and name with one '/' into a malloc'd string (caller frees). */
char *ov_path_join(const char *dir, const char *name);

/* A system error number in plain lower-case words ("no space left on device");
 * the text is static or kept in buf[cap]. */
const char *ov_errno_words(int err, char *buf, size_t cap);

/* Writes OV_TMP_PREFIX and 16 random hex digits (and a NUL) into name[32]: a
 * temporary name nobody can predict. */
void ov_tmp_name(char name[32]);
/* Creates a new temporary file in the folder dirfd (O_CREAT|O_EXCL|O_NOFOLLOW,
 * mode 0644 less the umask) under a fresh ov_tmp_name written into name[32].
 * Returns the descriptor (open for writing), or -1 with errno set. */
int ov_tmp_create(int dirfd, char name[32]);

/* The outcome of ov_input_open. */
enum ov_input_status { OV_INPUT_OK, OV_INPUT_MISSING, OV_INPUT_UNUSABLE };

/* Opens path for reading when it is a regular file of at most
 * OV_INPUT_MAX_BYTES whose real path lies inside the folder root_real (a path
 * from realpath; NULL: anywhere). Never opens a folder, FIFO, device or socket
 * and never follows a symlink out of root_real. OV_INPUT_OK: *fd (caller
 * closes) and *size are set. OV_INPUT_MISSING: nothing is there.
 * OV_INPUT_UNUSABLE: *why is a static sentence saying why it was not read. */
enum ov_input_status ov_input_open(const char *root_real, const char *path, int *fd, uint64_t *size,
                                   const char **why);

/* Writes data[0..len) as dir/name through an exclusive temporary file in dir,
 * flushed to disk, then links it into place — never over an existing name
 * unless replace is set (then renamed over it; a symlink or folder by that name
 * is never replaced). Returns 0, or -1 with errno set (EEXIST: the name
 * exists; ELOOP/EISDIR: a symlink or folder is in the way). */
int ov_file_put(const char *dir, const char *name, const void *data, size_t len, int replace);

#endif
