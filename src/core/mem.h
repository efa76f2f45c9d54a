/* mem.h — allocation that never fails quietly and growable arrays and byte
 * buffers. Every function returning a pointer says who frees it. */
#ifndef OV_CORE_MEM_H
#define OV_CORE_MEM_H

#include <stddef.h>

/* Tunes the allocator for a short batch run that frees and allocates the same
 * sizes over and over: freed memory stays with the process (glibc; a no-op
 * elsewhere). Called once, at start-up, before any thread starts. */
void ov_mem_batch_mode(void);

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

#endif
