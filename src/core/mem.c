/* mem.c — allocation helpers and growable buffers: exhaustion is one message
 * and exit status 2, never a NULL handed on. */
#include "core/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/msg.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Reports exhaustion and exits: there is no sensible way to go on. */
static void oom(void)
{
    ov_err("out of memory");
    exit(2);
}

/* Keeps freed memory in the process for the rest of a batch run (glibc only;
 * other C libraries keep their defaults). An agency's tables, indexes and
 * figures are allocated, freed and allocated again for every agency; by
 * default glibc serves blocks over 128 KB (more once it adapts) with mmap and
 * gives them back with munmap, and trims the heap's free top, so each agency
 * touched fresh pages again, which the kernel zeroed and mapped on a page
 * fault each. Blocks up to 256 MB now come from the heap, free space is
 * trimmed only above 512 MB, and the heap grows 16 MB at a time. The run
 * holds its peak a little longer; it ends soon after. */
void ov_mem_batch_mode(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}

/* malloc that never returns NULL. */
void *ov_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

/* calloc that never returns NULL. */
void *ov_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

/* realloc that never returns NULL. */
void *ov_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

/* Returns a malloc'd copy of s (NULL stays NULL). */
char *ov_xstrdup(const char *s)
{
    return s ? ov_xstrndup(s, strlen(s)) : NULL;
}

/* Returns a malloc'd NUL-terminated copy of s[0..len). */
char *ov_xstrndup(const char *s, size_t len)
{
    char *p = ov_xmalloc(len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Returns a malloc'd formatted string. */
char *ov_xasprintf(const char *fmt, ...)
{
    ov_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ov_xstrdup("");
    b.s = ov_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b.s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return b.s;
}

/* Grows *arr to hold at least need elements of elsize bytes. */
void ov_grow(void **arr, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            oom();
        nc *= 2;
    }
    if (nc > SIZE_MAX / elsize)
        oom();
    *arr = ov_xrealloc(*arr, nc * elsize);
    *cap = nc;
}

/* Appends len bytes to the buffer. */
void ov_buf_add(ov_buf *b, const char *s, size_t len)
{
    if (b->len + len + 1 > b->cap)
        ov_grow((void **)&b->s, &b->cap, b->len + len + 1, 1);
    if (len)
        memcpy(b->s + b->len, s, len);
    b->len += len;
    b->s[b->len] = '\0';
}

/* Appends a C string. */
void ov_buf_adds(ov_buf *b, const char *s)
{
    ov_buf_add(b, s, strlen(s));
}

/* Appends one byte. */
void ov_buf_addc(ov_buf *b, char c)
{
    ov_buf_add(b, &c, 1);
}

/* Appends printf-formatted text. */
void ov_buf_printf(ov_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    ov_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Empties the buffer, keeping its memory. */
void ov_buf_reset(ov_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

/* Hands the string to the caller and empties the buffer. */
char *ov_buf_detach(ov_buf *b)
{
    char *s = b->s ? b->s : ov_xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

/* Frees the buffer's memory; accepts NULL. */
void ov_buf_free(ov_buf *b)
{
    if (!b)
        return;
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
