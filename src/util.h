/* util.h — memory helpers, growable buffers, string interning, atomic output
 * files and CSV field writing shared by every module. */
#ifndef OV_UTIL_H
#define OV_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation that never returns NULL: on exhaustion prints one line and exits 2. */
void *ov_xmalloc(size_t n);
void *ov_xcalloc(size_t count, size_t size);
void *ov_xrealloc(void *p, size_t n);
/* Returns a malloc'd copy (caller frees); NULL stays NULL. */
char *ov_xstrdup(const char *s);
/* Returns a malloc'd NUL-terminated copy of s[0..len) (caller frees). */
char *ov_xstrndup(const char *s, size_t len);
/* Returns a malloc'd printf-formatted string (caller frees). */
char *ov_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *arr (elements of elsize) so that it holds at least need elements;
 * *cap is updated. Amortised doubling. */
void ov_grow(void **arr, size_t *cap, size_t need, size_t elsize);
#define OV_PUSH(arr, n, cap)                                                                       \
    ((n) < (cap) ? (void)0 : ov_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))),            \
     &(arr)[(n)++])

/* A growable byte buffer; s is always NUL-terminated once anything was added.
 * The buffer owns s; ov_buf_free releases it. */
typedef struct {
    char *s;
    size_t len, cap;
} ov_buf;

void ov_buf_add(ov_buf *b, const char *s, size_t len);
void ov_buf_adds(ov_buf *b, const char *s);
void ov_buf_addc(ov_buf *b, char c);
void ov_buf_printf(ov_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ov_buf_reset(ov_buf *b);
/* Hands the string to the caller (who frees it) and empties the buffer. */
char *ov_buf_detach(ov_buf *b);
void ov_buf_free(ov_buf *b);

/* String intern table: maps byte strings to dense indexes 0..n-1, each with an
 * int32 value slot (initially -1) for the caller's use (e.g. a row index).
 * The table owns its strings. */
typedef struct {
    char **str;     /* str[i]: interned string i */
    uint32_t *len;  /* length of str[i] */
    int32_t *value; /* caller's slot, -1 until set */
    size_t n, cap;
    uint32_t *slots; /* open addressing, 0 = empty, else index+1 */
    size_t nslots;
} ov_strtab;

/* Returns the index of s[0..len), adding it when new (sets *added if non-NULL). */
uint32_t ov_strtab_intern(ov_strtab *t, const char *s, size_t len, int *added);
/* Returns the index of s[0..len) or -1 when absent. */
int64_t ov_strtab_find(const ov_strtab *t, const char *s, size_t len);
/* Returns the interned string (owned by the table). */
const char *ov_strtab_get(const ov_strtab *t, uint32_t i);
void ov_strtab_free(ov_strtab *t);

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

/* Writes one CSV field (RFC 4180 quoting when needed; NULL = empty). A text field
 * starting with = + - @ TAB or CR is prefixed with ' so spreadsheets never run it
 * as a formula (only when guard is non-zero: pass 0 for numbers and dates). */
void ov_csv_field(FILE *fp, const char *s, int guard);
/* Writes a comma-separated header/row of n string fields and a newline. */
void ov_csv_row(FILE *fp, const char *const *fields, size_t n);

/* SHA-256 of a whole file via libcrypto: hex into out[65]; returns 0 or -1. */
int ov_sha256_file(const char *path, char out[65], uint64_t *size);
/* SHA-256 of a buffer as lowercase hex into out[65]. */
void ov_sha256_hex(const void *data, size_t len, char out[65]);

/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int ov_utf8_valid(const char *s, size_t len);

/* Joins dir and name with one '/' into a malloc'd string (caller frees). */
char *ov_path_join(const char *dir, const char *name);

#endif
