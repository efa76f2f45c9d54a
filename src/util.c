/* util.c — memory, buffers, string interning, atomic output files, CSV field
 * writing, SHA-256 (libcrypto) and UTF-8 validation. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "msg.h"

/* Reports exhaustion and exits: there is no sensible way to go on. */
static void oom(void)
{
    ov_err("out of memory");
    exit(2);
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

/* FNV-1a hash of a byte string. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Rebuilds the open-addressing slot array at the given size. */
static void strtab_rehash(ov_strtab *t, size_t nslots)
{
    free(t->slots);
    t->slots = ov_xcalloc(nslots, sizeof(*t->slots));
    t->nslots = nslots;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = (size_t)hash_bytes(t->str[i], t->len[i]) & (nslots - 1);
        while (t->slots[h])
            h = (h + 1) & (nslots - 1);
        t->slots[h] = (uint32_t)i + 1;
    }
}

/* Returns the slot where s is or would be. */
static size_t strtab_slot(const ov_strtab *t, const char *s, size_t len)
{
    size_t h = (size_t)hash_bytes(s, len) & (t->nslots - 1);
    while (t->slots[h]) {
        uint32_t i = t->slots[h] - 1;
        if (t->len[i] == len && memcmp(t->str[i], s, len) == 0)
            return h;
        h = (h + 1) & (t->nslots - 1);
    }
    return h;
}

/* Returns the index of s, adding it when new. */
uint32_t ov_strtab_intern(ov_strtab *t, const char *s, size_t len, int *added)
{
    if (!t->nslots || (t->n + 1) * 2 > t->nslots)
        strtab_rehash(t, t->nslots ? t->nslots * 2 : 64);
    size_t h = strtab_slot(t, s, len);
    if (t->slots[h]) {
        if (added)
            *added = 0;
        return t->slots[h] - 1;
    }
    size_t cap = t->cap;
    ov_grow((void **)&t->str, &cap, t->n + 1, sizeof(*t->str));
    cap = t->cap;
    ov_grow((void **)&t->len, &cap, t->n + 1, sizeof(*t->len));
    cap = t->cap;
    ov_grow((void **)&t->value, &cap, t->n + 1, sizeof(*t->value));
    t->cap = cap;
    t->str[t->n] = ov_xstrndup(s, len);
    t->len[t->n] = (uint32_t)len;
    t->value[t->n] = -1;
    t->slots[h] = (uint32_t)t->n + 1;
    if (added)
        *added = 1;
    return (uint32_t)t->n++;
}

/* Returns the index of s or -1. */
int64_t ov_strtab_find(const ov_strtab *t, const char *s, size_t len)
{
    if (!t->nslots)
        return -1;
    size_t h = strtab_slot(t, s, len);
    return t->slots[h] ? (int64_t)t->slots[h] - 1 : -1;
}

/* Returns interned string i. */
const char *ov_strtab_get(const ov_strtab *t, uint32_t i)
{
    return i < t->n ? t->str[i] : "";
}

/* Frees the table's memory; accepts NULL. */
void ov_strtab_free(ov_strtab *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->str[i]);
    free(t->str);
    free(t->len);
    free(t->value);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

/* Joins dir and name with one '/'. */
char *ov_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    return ov_xasprintf("%.*s/%s", (int)dl, dir, name);
}

/* Returns DIR/.NAME.tmp.PID. */
char *ov_tmp_path(const char *dir, const char *name)
{
    char *base = ov_xasprintf(".%s.tmp.%ld", name, (long)getpid());
    char *p = ov_path_join(dir, base);
    free(base);
    return p;
}

/* Renames tmp over DIR/NAME. */
int ov_rename_into_place(const char *tmp, const char *dir, const char *name)
{
    char *final = ov_path_join(dir, name);
    int rc = rename(tmp, final);
    if (rc != 0) {
        ov_err("cannot write %s: %s", final, strerror(errno));
        unlink(tmp);
    }
    free(final);
    return rc;
}

/* Creates dir and its parents when missing. */
int ov_mkdirs(const char *dir)
{
    char *p = ov_xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        rc = -1;
    else
        rc = 0;
    free(p);
    return rc;
}

/* Opens DIR/.NAME.tmp.PID for writing. */
int ov_outfile_open(ov_outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof(*o));
    o->tmp_path = ov_tmp_path(dir, name);
    o->final_path = ov_path_join(dir, name);
    o->fp = fopen(o->tmp_path, "wb");
    if (!o->fp) {
        ov_err("cannot create %s: %s (check that the output folder is writable)", o->final_path,
               strerror(errno));
        free(o->tmp_path);
        free(o->final_path);
        o->tmp_path = o->final_path = NULL;
        return -1;
    }
    return 0;
}

/* Closes the temporary file and renames it into place. */
int ov_outfile_commit(ov_outfile *o)
{
    int rc = 0;
    if (!o->fp)
        return -1;
    if (ferror(o->fp) || fflush(o->fp) != 0)
        rc = -1;
    if (fclose(o->fp) != 0)
        rc = -1;
    o->fp = NULL;
    if (rc == 0 && rename(o->tmp_path, o->final_path) != 0)
        rc = -1;
    if (rc != 0) {
        ov_err("cannot write %s: %s", o->final_path, strerror(errno));
        unlink(o->tmp_path);
    }
    free(o->tmp_path);
    free(o->final_path);
    o->tmp_path = o->final_path = NULL;
    return rc;
}

/* Abandons the temporary file; safe to call at any time. */
void ov_outfile_abort(ov_outfile *o)
{
    if (!o)
        return;
    if (o->fp) {
        fclose(o->fp);
        o->fp = NULL;
    }
    if (o->tmp_path)
        unlink(o->tmp_path);
    free(o->tmp_path);
    free(o->final_path);
    o->tmp_path = o->final_path = NULL;
}

/* Writes one CSV field with quoting, guarding text against formula injection. */
void ov_csv_field(FILE *fp, const char *s, int guard)
{
    if (!s)
        return;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int prefix = guard && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                           s[0] == '\t' || s[0] == '\r');
    if (!quote && !prefix) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    if (prefix)
        fputc('\'', fp);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    fputc('"', fp);
}

/* Writes n text fields as one CSV line. */
void ov_csv_row(FILE *fp, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', fp);
        ov_csv_field(fp, fields[i], 1);
    }
    fputc('\n', fp);
}

/* SHA-256 of a buffer as lowercase hex. */
void ov_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
}

/* SHA-256 of a file, streamed. */
int ov_sha256_file(const char *path, char out[65], uint64_t *size)
{
    unsigned char md[32], chunk[65536];
    unsigned int mdlen = 0;
    uint64_t total = 0;
    int rc = -1;
    FILE *fp = fopen(path, "rb");
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!fp || !ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
        goto done;
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        EVP_DigestUpdate(ctx, chunk, n);
        total += n;
    }
    if (ferror(fp) || !EVP_DigestFinal_ex(ctx, md, &mdlen))
        goto done;
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
    if (size)
        *size = total;
    rc = 0;
done:
    if (fp)
        fclose(fp);
    EVP_MD_CTX_free(ctx);
    return rc;
}

/* Returns 1 when s[0..len) is well-formed UTF-8. */
int ov_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        /* fast path: eight ASCII bytes at a time */
        while (e - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= e)
            break;
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t n;
        unsigned min;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            min = 0x10000;
        } else {
            return 0;
        }
        if ((size_t)(e - p) <= n)
            return 0;
        unsigned cp = c & (0x3f >> n);
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}
