/* files.h — output files written atomically (a temporary file renamed into
 * place), folders created on demand and paths joined. */
#ifndef OV_CORE_FILES_H
#define OV_CORE_FILES_H

#include <stdio.h>

/* Atomic output file: written to DIR/.NAME.tmp.PID and renamed over DIR/NAME on
 * commit, so a failed run never leaves a half-written file. */
typedef struct {
    FILE *fp;
    char *tmp_path;
    char *final_path;
} ov_outfile;

/* Opens the temporary file; returns 0 or -1 (errno set, message via ov_err). */
int ov_outfile_open(ov_outfile *o, const char *dir, const char *name);
/* Flushes, closes and renames into place; returns 0 or -1. */
int ov_outfile_commit(ov_outfile *o);
/* Closes and removes the temporary file; safe on an unopened/committed outfile. */
void ov_outfile_abort(ov_outfile *o);
/* Returns a malloc'd "DIR/NAME.tmp.PID" style path for libraries that write by
 * name (libxlsxwriter, libharu); rename with ov_rename_into_place. */
char *ov_tmp_path(const char *dir, const char *name);
/* Renames tmp to DIR/NAME; returns 0 or -1 (and removes tmp on failure). */
int ov_rename_into_place(const char *tmp, const char *dir, const char *name);
/* Creates dir (and parents) when missing; returns 0 or -1. */
int ov_mkdirs(const char *dir);
/* The last component of path (a folder's name without its trailing '/'),
 * copied into buf of n bytes (cut to fit); "" for NULL. Returns buf. Reports
 * name files by it: local folder paths never go into a report. */
char *ov_path_base(const char *path, char *buf, size_t n);
/* Joins dir and name with one '/' into a malloc'd string (caller frees). */
char *ov_path_join(const char *dir, const char *name);

#endif
