/* outset.h — the output folder as one consistent set (SPEC 5.1), the one path
 * by which every command's outputs reach the disk. A run takes the folder's
 * lock (.oversight.lock, flock), writes every output to an exclusive temporary
 * file in the folder (flushed to disk, hashed as it is written), and only when
 * all of them are written renames them into place, removes the outputs of an
 * earlier run that this one does not write, and puts manifest.csv last. A
 * failure before that leaves the previous set as it was.
 *
 * Use: ov_outset_open; for each output ov_outfile_open, write to fp,
 * ov_outfile_close (or ov_outfile_from_scratch for a library that writes by
 * name); then ov_outset_commit, or ov_outset_abort on any failure. Outputs may
 * be written from several threads at once; open and commit from one. */
#ifndef OV_CORE_OUTSET_H
#define OV_CORE_OUTSET_H

#include <stdio.h>

#define OV_LOCK_NAME     ".oversight.lock"
#define OV_MANIFEST_NAME "manifest.csv"

/* Test-only: an output of this name fails half-way as though the disk were full. */
#define OV_TEST_FAIL_ENV "OVERSIGHT_TEST_FAIL"

typedef struct ov_outset ov_outset;

/* One output being written: its bytes go to fp. */
typedef struct {
    FILE *fp;
    void *slot; /* private to outset.c */
} ov_outfile;

/* A private file for a library that can only write by name (libxlsxwriter):
 * memory behind /proc/self/fd/N, or a file in a private folder (mode 0700) in
 * the output folder. Its bytes become an output with ov_outfile_from_scratch. */
typedef struct {
    char *path; /* give this to the library (owned by the scratch) */
    int fd;     /* the memory file, or -1 */
    char dir[32];
} ov_scratch;

/* Opens dir as the output folder of one run: creates it when missing, takes
 * its lock (waiting for another run unless no_wait), removes temporary files a
 * killed run left and reads the previous manifest. holder says which run this
 * is ("oversight report 2025-26"), for a run that finds the folder busy.
 * Returns the set (ended by ov_outset_commit or ov_outset_abort), or NULL after
 * one message via ov_err: *busy is 1 when no_wait and another run holds the
 * lock, 0 when the folder cannot be used. */
ov_outset *ov_outset_open(const char *dir, const char *holder, int no_wait, int *busy);
/* The folder's path as given (owned by the set). */
const char *ov_outset_dir(const ov_outset *s);
/* 1 once an output of the set has failed (and the failure was reported). */
int ov_outset_failed(const ov_outset *s);

/* Starts output name (a plain file name) in a new temporary file. Returns 0,
 * or -1 after a message (the name is a symlink or a folder, the temporary file
 * cannot be made) or when the set has already failed. */
int ov_outfile_open(ov_outfile *o, ov_outset *s, const char *name);
/* Ends the output: flushed, written to disk and hashed; it stays temporary
 * until the set is committed. Returns 0, or -1 after one message naming what
 * went wrong in plain words ("no space left on device while writing
 * board-report.pdf; nothing in the folder was replaced"). */
int ov_outfile_close(ov_outfile *o);
/* Abandons an output being written (its temporary file is removed) when its
 * renderer failed; the caller then aborts the set. Accepts an unopened one. */
void ov_outfile_abort(ov_outfile *o);

/* Makes a scratch file for a library that writes by name; returns 0 or -1
 * after a message. End with ov_scratch_close. */
int ov_scratch_open(ov_outset *s, ov_scratch *sc);
/* Copies what the library wrote into sc as output name; returns 0 or -1 after
 * a message. */
int ov_outfile_from_scratch(ov_outset *s, const char *name, ov_scratch *sc);
/* Removes the scratch file. */
void ov_scratch_close(ov_outset *s, ov_scratch *sc);

/* Has the commit remove name (an output an earlier run may have left, such as
 * an exception list) unless this run writes it, whatever the manifest says. */
void ov_outset_remove_stale(ov_outset *s, const char *name);

/* Puts the set in place: every output renamed over its name, outputs of the
 * earlier run that this one does not write removed, then manifest.csv (first
 * line run_line, "# run <command> <period> <run date> <version>"), the folder
 * synced and the lock released. Returns 0, or -1 after a message (aborted
 * first when any output is missing or failed). Frees s either way. */
int ov_outset_commit(ov_outset *s, const char *run_line);
/* Removes every temporary file of the set, releases the lock and frees s;
 * nothing in the folder is replaced. Accepts NULL. */
void ov_outset_abort(ov_outset *s);

#endif
