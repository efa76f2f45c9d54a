/* csvread.c — CSV ingest through libcsv: BOM stripping, UTF-16 conversion,
 * Windows-1252 fallback, delimiter detection and physical line numbers. The input is fed to libcsv
 * one physical line at a time (CR, LF and CRLF each end a line), so the line where every record
 * starts is known even when quoted fields hold newlines. Blank lines (nothing, or only spaces and
 * TABs) between records are skipped but counted. Strict mode: a stray quote ends the record with
 * OV_CSV_EPARSE and reading resumes on the next line; a quote left open at the end of the file
 * gives a final record with OV_CSV_EQUOTE. A field that grows past the limit
 * ends its record with OV_CSV_EFIELDSIZE and reading resumes on the next line
 * (inside a quoted field running over lines, that is the field's next line). */
#include "ingest/csvread.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
/* SSE2 (every x86-64) scans 16 bytes with four compares; OV_NO_SIMD, or any
 * other processor, takes the portable loop (the browser edition does). */
#if defined(__SSE2__) && !defined(OV_NO_SIMD)
#define OV_SCAN_SSE2 1
#include <emmintrin.h>
#endif

#include "core/files.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/text.h"

/* Limits that keep a hostile or corrupt file from exhausting memory. */
#define CSV_MAX_FIELD_BYTES  OV_CSV_MAX_FIELD_BYTES /* one field */
#define CSV_MAX_RECORD_BYTES OV_CSV_MAX_FIELD_BYTES /* all fields of one record */
#define CSV_MAX_FIELDS       OV_CSV_MAX_FIELDS      /* fields in one record */
#define CSV_BLOCK            4096                   /* libcsv growth step */
#define HASH_BLOCK           ((size_t)64 << 10)     /* hashed just ahead of the parse */
#define PLAIN_MAX            ((size_t)64 << 10)     /* longest line the plain split takes */
#if defined(__linux__) && defined(MAP_POPULATE)
#define MAP_PREFAULT MAP_POPULATE /* Linux; elsewhere (the browser edition) none */
#else
#define MAP_PREFAULT 0
#endif

/* Set when the field buffer was refused for being over the limit (libcsv's
 * realloc hook has no context; each thread reads its own file). */
static _Thread_local int field_too_big;

enum { EV_NONE, EV_FIELD, EV_ROW };

/* Reader state shared with the libcsv callbacks. */
typedef struct {
    struct csv_parser p;
    ov_buf arena; /* field bytes, each NUL-terminated */
    size_t *off;  /* start of field i in arena */
    size_t noff, capoff;
    char **fieldp; /* record view handed to the callback */
    size_t *lens;
    size_t capf, capl;
    int overflow;   /* record exceeded a limit: OV_CSV_EFIELDS or OV_CSV_EFIELDSIZE */
    int last_event; /* what libcsv reported last while feeding a line */
    unsigned long rec_line;
    unsigned long index;
    int stopped;
    ov_csv_record_fn fn;
    void *ctx;
    ov_csv_info *info;
    enum ov_csv_split split;
    size_t *cuts; /* plain split: delimiter positions in the line */
    size_t capcuts;
    /* The file's bytes as stored are hashed block by block just ahead of the
     * parse, so each block is read from memory once: hashed up to hashed. */
    ov_sha256 *sha;
    const char *raw;
    size_t rawlen, hashed;
} reader;

/* Returns the message for a reader error. */
const char *ov_csv_strerror(enum ov_csv_error e)
{
    switch (e) {
    case OV_CSV_OK:
        return "no error";
    case OV_CSV_EOPEN:
        return "cannot open or read the file";
    case OV_CSV_EEMPTY:
        return "the file is empty";
    case OV_CSV_EQUOTE:
        return "a quoted field is not closed";
    case OV_CSV_EPARSE:
        return "malformed CSV (stray quote)";
    case OV_CSV_ENOMEM:
        return "a record is too large to read";
    case OV_CSV_ESTOPPED:
        return "reading was stopped";
    case OV_CSV_EFIELDS:
        return "a record has more fields than the reader allows";
    case OV_CSV_EFIELDSIZE:
        return "a field is larger than the reader allows";
    }
    return "unknown error";
}

/* ---- Windows-1252 ------------------------------------------------------- */

/* Code points of bytes 0x80-0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, /* 80-87 */
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,      /* 88-8F */
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, /* 90-97 */
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178, /* 98-9F */
};

/* Converts Windows-1252 to UTF-8 into a malloc'd buffer the caller frees. */
char *ov_cp1252_to_utf8(const char *in, size_t len, size_t *outlen)
{
    if (len > (SIZE_MAX - 1) / 3)
        len = 0; /* cannot happen for a mapped file; never overflow */
    char *out = ov_xmalloc(len * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)in[i];
        unsigned cp = c;
        if (c >= 0x80 && c <= 0x9f)
            cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

/* ---- UTF-16 ---------------------------------------------------------------- */

/* The code unit at in[i] (two bytes). */
static unsigned unit16(const char *in, size_t i, int big_endian)
{
    unsigned a = (unsigned char)in[i], b = (unsigned char)in[i + 1];
    return big_endian ? (a << 8) | b : (b << 8) | a;
}

/* Converts UTF-16 to UTF-8 into a malloc'd buffer the caller frees. */
char *ov_utf16_to_utf8(const char *in, size_t len, int big_endian, size_t *outlen)
{
    /* a unit gives at most 3 bytes, a pair 4: at most 1.5 bytes per input byte */
    char *out = ov_xmalloc(len / 2 * 3 + 4);
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned cp;
        if (i + 1 >= len) {
            cp = 0xFFFD; /* an odd byte at the end */
            i++;
        } else {
            cp = unit16(in, i, big_endian);
            i += 2;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < len) {
                unsigned lo = unit16(in, i, big_endian);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; /* unpaired surrogate */
        }
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (cp >> 18));
            out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

/* ---- delimiter ---------------------------------------------------------- */

/* Picks the delimiter from the first non-blank line, counting outside quotes. */
char ov_csv_detect_delim(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == '\r' || data[i] == '\n'))
        i++;
    size_t comma = 0, semi = 0, tab = 0, pipe = 0;
    int inq = 0;
    for (; i < len; i++) {
        char c = data[i];
        if (c == '"') {
            inq = !inq;
        } else if (inq) {
            continue;
        } else if (c == '\r' || c == '\n') {
            break;
        } else if (c == ',') {
            comma++;
        } else if (c == ';') {
            semi++;
        } else if (c == '\t') {
            tab++;
        } else if (c == '|') {
            pipe++;
        }
    }
    char best = ',';
    size_t most = comma;
    if (semi > most) {
        best = ';';
        most = semi;
    }
    if (tab > most) {
        best = '\t';
        most = tab;
    }
    if (pipe > most)
        best = '|';
    return best;
}

/* ---- libcsv glue -------------------------------------------------------- */

/* libcsv grows its field buffer by a fixed step; these keep a capacity header
 * in front of the block so growth is geometric, and refuse oversized fields. */
#define CAP_HDR 16

/* realloc for libcsv's field buffer: NULL when the field would be too large. */
static void *field_realloc(void *ptr, size_t n)
{
    char *base = NULL;
    size_t cap = 0;
    if (ptr) {
        base = (char *)ptr - CAP_HDR;
        memcpy(&cap, base, sizeof cap);
    }
    if (n <= cap)
        return ptr;
    if (n > CSV_MAX_FIELD_BYTES) {
        field_too_big = 1;
        return NULL;
    }
    size_t nc = cap * 2 > n ? cap * 2 : n;
    if (nc > CSV_MAX_FIELD_BYTES)
        nc = CSV_MAX_FIELD_BYTES;
    char *nb = realloc(base, nc + CAP_HDR);
    if (!nb)
        return NULL;
    memcpy(nb, &nc, sizeof nc);
    return nb + CAP_HDR;
}

/* free for libcsv's field buffer; accepts NULL. */
static void field_free(void *ptr)
{
    if (ptr)
        free((char *)ptr - CAP_HDR);
}

/* Spaces are never trimmed: every byte belongs to its field. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Initialises the parser in strict mode with the reader's settings. */
static int parser_init(reader *r, char delim)
{
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return -1;
    csv_set_delim(&r->p, (unsigned char)delim);
    csv_set_space_func(&r->p, no_space);
    csv_set_realloc_func(&r->p, field_realloc);
    csv_set_free_func(&r->p, field_free);
    csv_set_blk_size(&r->p, CSV_BLOCK);
    return 0;
}

/* Drops the fields gathered for the current record. */
static void record_clear(reader *r)
{
    ov_buf_reset(&r->arena);
    r->noff = 0;
    r->overflow = 0;
}

/* Hands the record view (fieldp, lens: nfields) to the callback, then clears
 * it; nul_free as ov_record's. */
static void hand_over(reader *r, size_t nfields, int error, int nul_free)
{
    ov_csv_record rec = {nfields, r->fieldp, r->lens, r->rec_line, r->index, error, nul_free};
    r->index++;
    r->info->records++;
    if (error && !r->info->error_line)
        r->info->error_line = r->rec_line;
    if (r->fn && r->fn(&rec, r->ctx))
        r->stopped = 1;
    record_clear(r);
}

/* Hands the fields libcsv gathered to the callback as one record, then clears them. */
static void deliver(reader *r, int error)
{
    if (r->overflow && !error)
        error = r->overflow;
    ov_grow((void **)&r->fieldp, &r->capf, r->noff + 1, sizeof(*r->fieldp));
    ov_grow((void **)&r->lens, &r->capl, r->noff + 1, sizeof(*r->lens));
    for (size_t i = 0; i < r->noff; i++) {
        /* each field ends at the NUL just before the next one starts */
        size_t end = i + 1 < r->noff ? r->off[i + 1] - 1 : r->arena.len - 1;
        r->fieldp[i] = r->arena.s + r->off[i];
        r->lens[i] = end - r->off[i];
    }
    hand_over(r, r->noff, error, 0);
}

/* Masks of one block of 16 bytes (bit k: byte k): the delimiter, a quote,
 * a line end (CR or LF) and NUL. */
typedef struct {
    unsigned delim, quote, end, nul;
} block_masks;

#if defined(OV_SCAN_SSE2)
/* The masks of s[0..16) (SSE2: four compares of the whole block). */
static inline block_masks scan_block(const char *s, char delim)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    block_masks m;
    m.delim = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(delim)));
    m.quote = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    m.end = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
    m.nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
    return m;
}
#else
/* The masks of s[0..16), a byte at a time (no SSE2). */
static inline block_masks scan_block(const char *s, char delim)
{
    block_masks m = {0, 0, 0, 0};
    for (unsigned k = 0; k < 16; k++) {
        m.delim |= (unsigned)(s[k] == delim) << k;
        m.quote |= (unsigned)(s[k] == '"') << k;
        m.end |= (unsigned)(s[k] == '\r' || s[k] == '\n') << k;
        m.nul |= (unsigned)(s[k] == '\0') << k;
    }
    return m;
}
#endif

/* Finds the line at the start of s[0..avail) (it ends at the first CR or LF,
 * or at avail) and, when it holds no quote and is at most PLAIN_MAX bytes,
 * notes its delimiters in r->cuts. Returns the line's length and sets *ncuts
 * and *nul (a NUL byte in it), or returns SIZE_MAX when the line holds a quote
 * or is longer (it goes to libcsv). One pass over the bytes, 16 at a time. */
static size_t scan_plain(reader *r, const char *s, size_t avail, size_t *ncuts, int *nul)
{
    const char delim = r->info->delim;
    size_t n = 0, i = 0;
    unsigned anynul = 0;
    /* room for a cut at every byte a plain line can hold */
    if (r->capcuts < PLAIN_MAX + 16)
        ov_grow((void **)&r->cuts, &r->capcuts, PLAIN_MAX + 16, sizeof(*r->cuts));
    for (; i + 16 <= avail; i += 16) {
        block_masks m = scan_block(s + i, delim);
        /* only the bytes before the line's end count */
        unsigned in = m.end ? (m.end & (0u - m.end)) - 1 : 0xFFFFu;
        if (m.quote & in)
            return SIZE_MAX;
        anynul |= m.nul & in;
        for (unsigned d = m.delim & in; d; d &= d - 1)
            r->cuts[n++] = i + (size_t)__builtin_ctz(d);
        if (m.end) {
            *ncuts = n;
            *nul = anynul != 0;
            return i + (size_t)__builtin_ctz(m.end);
        }
        if (i >= PLAIN_MAX)
            return SIZE_MAX;
    }
    for (; i < avail; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n')
            break;
        if (c == '"' || i >= PLAIN_MAX)
            return SIZE_MAX;
        if (c == delim)
            r->cuts[n++] = i;
        anynul |= c == '\0';
    }
    *ncuts = n;
    *nul = anynul != 0;
    return i;
}

/* Hands over the line s[0..n) split at the ncuts delimiters scan_plain
 * found, as libcsv would read it (strict, no space trimmed: its fields are
 * the bytes between delimiters); nul: the line holds a NUL byte. */
static void deliver_plain(reader *r, const char *s, size_t n, size_t ncuts, int nul)
{
    size_t nfields = ncuts + 1;
    if (nfields > r->capf)
        ov_grow((void **)&r->fieldp, &r->capf, nfields, sizeof(*r->fieldp));
    if (nfields > r->capl)
        ov_grow((void **)&r->lens, &r->capl, nfields, sizeof(*r->lens));
    ov_buf_add(&r->arena, n ? s : "", n); /* NUL-terminated */
    char *b = r->arena.s;
    size_t start = 0;
    for (size_t k = 0; k < ncuts; k++) {
        b[r->cuts[k]] = '\0';
        r->fieldp[k] = b + start;
        r->lens[k] = r->cuts[k] - start;
        start = r->cuts[k] + 1;
    }
    r->fieldp[ncuts] = b + start;
    r->lens[ncuts] = n - start;
    hand_over(r, nfields, 0, !nul);
}

/* Hashes the stored bytes up to at least raw offset need, a block at a time. */
static void hash_ahead(reader *r, size_t need)
{
    while (r->sha && r->hashed < need && r->hashed < r->rawlen) {
        size_t n = r->rawlen - r->hashed < HASH_BLOCK ? r->rawlen - r->hashed : HASH_BLOCK;
        ov_sha256_add(r->sha, r->raw + r->hashed, n);
        r->hashed += n;
    }
}

/* libcsv field callback: copies the field into the record arena. */
static void on_field(void *buf, size_t len, void *data)
{
    reader *r = data;
    r->last_event = EV_FIELD;
    if (r->overflow)
        return;
    if (r->noff >= CSV_MAX_FIELDS) {
        r->overflow = OV_CSV_EFIELDS;
        return;
    }
    if (r->arena.len + len + 1 > CSV_MAX_RECORD_BYTES) {
        r->overflow = OV_CSV_EFIELDSIZE;
        return;
    }
    *OV_PUSH(r->off, r->noff, r->capoff) = r->arena.len;
    /* ov_buf_add always NUL-terminates: keep that NUL as the field's end */
    ov_buf_add(&r->arena, len ? buf : "", len);
    r->arena.len++;
}

/* libcsv row callback: the record is complete. */
static void on_row(int c, void *data)
{
    reader *r = data;
    (void)c;
    r->last_event = EV_ROW;
    deliver(r, 0);
}

/* Returns 1 when s[0..n) holds nothing but spaces and TABs. */
static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Feeds the text to libcsv line by line (a line that starts a record and
 * holds no quote is split without it), hashing the stored bytes just ahead
 * when the text is them (at raw offset skip); returns the reader result. */
static enum ov_csv_error read_text(reader *r, const char *data, size_t len, size_t skip)
{
    enum ov_csv_error res = OV_CSV_OK;
    int in_record = 0;
    unsigned long line = 0;
    size_t pos = 0;
    size_t nl = 0; /* position of the next LF at or after pos (len when none) */
    int nl_known = 0;
    while (pos < len) {
        if (!in_record && r->split == OV_CSV_SPLIT_AUTO) {
            /* a line that starts a record: split in one pass unless it
             * holds a quote or is very long */
            size_t ncuts = 0;
            int nul = 0;
            size_t n = scan_plain(r, data + pos, len - pos, &ncuts, &nul);
            if (n != SIZE_MAX) {
                size_t e = pos + n, next = e;
                if (e < len)
                    next = (data[e] == '\r' && e + 1 < len && data[e + 1] == '\n') ? e + 2 : e + 1;
                line++;
                r->info->lines = line;
                hash_ahead(r, skip + next);
                if (!is_blank(data + pos, n)) {
                    r->rec_line = line;
                    deliver_plain(r, data + pos, n, ncuts, nul);
                }
                pos = next;
                if (r->stopped)
                    return OV_CSV_ESTOPPED;
                continue;
            }
        }
        /* the line ends at the first CR or LF: find the LF with memchr (kept
         * between lines, so a CR-only file is not rescanned), then a CR before it */
        if (!nl_known || nl < pos) {
            const char *q = memchr(data + pos, '\n', len - pos);
            nl = q ? (size_t)(q - data) : len;
            nl_known = 1;
        }
        const char *cr = memchr(data + pos, '\r', nl - pos);
        size_t e = cr ? (size_t)(cr - data) : nl;
        size_t next = e;
        if (e < len)
            next = (data[e] == '\r' && e + 1 < len && data[e + 1] == '\n') ? e + 2 : e + 1;
        line++;
        r->info->lines = line;
        hash_ahead(r, skip + next);
        if (!in_record) {
            if (is_blank(data + pos, e - pos)) {
                pos = next;
                continue;
            }
            r->rec_line = line;
        }
        r->last_event = EV_NONE;
        field_too_big = 0;
        size_t n = csv_parse(&r->p, data + pos, next - pos, on_field, on_row, r);
        if (n < next - pos) {
            int too_big = csv_error(&r->p) == CSV_ENOMEM && field_too_big;
            if (csv_error(&r->p) != CSV_EPARSE && !too_big) {
                res = OV_CSV_ENOMEM;
                r->info->error_line = r->rec_line;
                break;
            }
            /* A stray quote, or a field over the limit: the record ends here;
             * resume on the next line. */
            deliver(r, too_big ? OV_CSV_EFIELDSIZE : OV_CSV_EPARSE);
            csv_free(&r->p);
            if (parser_init(r, r->info->delim) != 0) {
                res = OV_CSV_ENOMEM;
                break;
            }
            in_record = 0;
        } else if (r->last_event == EV_ROW) {
            in_record = 0;
        } else {
            in_record = 1; /* fields pending, or a quoted field runs on */
        }
        pos = next;
        if (r->stopped)
            return OV_CSV_ESTOPPED;
    }
    if (res != OV_CSV_OK)
        return res;
    if (csv_fini(&r->p, on_field, on_row, r) != 0) {
        /* The last quoted field was never closed: it ran to the end of the file. */
        deliver(r, OV_CSV_EQUOTE);
    }
    if (r->stopped)
        return OV_CSV_ESTOPPED;
    if (r->info->records == 0)
        return OV_CSV_EEMPTY;
    return OV_CSV_OK;
}

static enum ov_csv_error read_mem(const char *data, size_t len, enum ov_csv_split split, int hash,
                                  ov_csv_record_fn fn, void *ctx, ov_csv_info *info);

/* Reads a buffer of CSV, calling fn for every record; info is always filled. */
enum ov_csv_error ov_csv_read_mem(const char *data, size_t len, ov_csv_record_fn fn, void *ctx,
                                  ov_csv_info *info)
{
    return ov_csv_read_mem_split(data, len, OV_CSV_SPLIT_AUTO, fn, ctx, info);
}

/* Reads a buffer of CSV splitting records as split says; info is always filled. */
enum ov_csv_error ov_csv_read_mem_split(const char *data, size_t len, enum ov_csv_split split,
                                        ov_csv_record_fn fn, void *ctx, ov_csv_info *info)
{
    return read_mem(data, len, split, 1, fn, ctx, info);
}

/* Reads a buffer of CSV; info is always filled, its SHA-256 only when hash
 * is set ("" otherwise: a look at a file's header needs none). */
static enum ov_csv_error read_mem(const char *data, size_t len, enum ov_csv_split split, int hash,
                                  ov_csv_record_fn fn, void *ctx, ov_csv_info *info)
{
    ov_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->delim = ',';
    info->size = len;
    if (!data || len == 0) {
        if (hash)
            ov_sha256_hex("", 0, info->sha256);
        return OV_CSV_EEMPTY;
    }

    reader r;
    memset(&r, 0, sizeof r);
    r.fn = fn;
    r.ctx = ctx;
    r.info = info;
    r.split = split;
    const char *text = data;
    size_t tlen = len, skip = 0;
    char *conv = NULL;
    if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        info->had_bom = 1;
        text += 3;
        tlen -= 3;
        skip = 3;
    } else if (tlen >= 2 &&
               (memcmp(text, "\xFF\xFE", 2) == 0 || memcmp(text, "\xFE\xFF", 2) == 0)) {
        int be = text[0] == '\xFE';
        info->had_bom = 1;
        info->transcoded = be ? OV_CSV_UTF16BE : OV_CSV_UTF16LE;
        conv = ov_utf16_to_utf8(text + 2, tlen - 2, be, &tlen);
        text = conv;
    }
    /* The verdict on UTF-8 is needed before the first record is handed on (a
     * file read as Windows-1252 is read so from its first byte): a scan of its
     * own, eight ASCII bytes at a time. */
    if (!conv && !ov_utf8_valid(text, tlen)) {
        conv = ov_cp1252_to_utf8(text, tlen, &tlen);
        text = conv;
        info->transcoded = OV_CSV_CP1252;
    }
    if (!hash) {
        /* no digest wanted */
    } else if (conv) {
        ov_sha256_hex(data, len, info->sha256); /* the text is not the stored bytes */
    } else {
        r.sha = ov_sha256_new();
        r.raw = data;
        r.rawlen = len;
        hash_ahead(&r, skip);
    }
    info->delim = ov_csv_detect_delim(text, tlen);

    enum ov_csv_error res;
    if (parser_init(&r, info->delim) != 0) {
        res = OV_CSV_ENOMEM;
        goto out;
    }
    res = read_text(&r, text, tlen, skip);
    csv_free(&r.p);
out:
    if (!conv && hash) {
        if (r.sha) {
            hash_ahead(&r, len); /* what reading left: stopped early, or blank lines */
            ov_sha256_finish(r.sha, info->sha256);
        } else {
            ov_sha256_hex(data, len, info->sha256);
        }
    }
    ov_buf_free(&r.arena);
    free(r.off);
    free(r.fieldp);
    free(r.lens);
    free(r.cuts);
    free(conv);
    return res;
}

/* Reads an open regular file of size bytes (mapped), calling fn for every record. */
enum ov_csv_error ov_csv_read_fd(int fd, uint64_t size, ov_csv_record_fn fn, void *ctx,
                                 ov_csv_info *info)
{
    ov_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->delim = ',';
    if (size > OV_INPUT_MAX_BYTES || size > SIZE_MAX)
        return OV_CSV_EOPEN;
    size_t len = (size_t)size;
    if (len == 0)
        return ov_csv_read_mem("", 0, fn, ctx, info);
    /* the whole file is read: mapped in one go where the system can
     * (MAP_POPULATE, Linux), rather than a page fault every few pages */
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_PREFAULT, fd, 0);
    if (map == MAP_FAILED)
        return OV_CSV_EOPEN;
    madvise(map, len, MADV_SEQUENTIAL);
    enum ov_csv_error res = ov_csv_read_mem(map, len, fn, ctx, info);
    munmap(map, len);
    return res;
}

/* Reads a regular file by path (mapped), calling fn for every record. */
enum ov_csv_error ov_csv_read_file(const char *path, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info)
{
    ov_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->delim = ',';
    /* O_NONBLOCK: a FIFO by this name never blocks the run; it is refused below */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return OV_CSV_EOPEN;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return OV_CSV_EOPEN;
    }
    enum ov_csv_error res = ov_csv_read_fd(fd, (uint64_t)st.st_size, fn, ctx, info);
    close(fd);
    return res;
}

/* Reads the first bytes of a regular file (at most max; when the file is
 * longer, cut after the last line break in them) and parses them. */
enum ov_csv_error ov_csv_read_head(const char *path, size_t max, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info)
{
    ov_csv_info local, *given = info;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->delim = ',';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return OV_CSV_EOPEN;
    struct stat st;
    enum ov_csv_error res = OV_CSV_EOPEN;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        res = ov_csv_read_head_fd(fd, (uint64_t)st.st_size, max, fn, ctx, given);
    close(fd);
    return res;
}

/* The same over an open regular file of size bytes; fd stays open. */
enum ov_csv_error ov_csv_read_head_fd(int fd, uint64_t size, size_t max, ov_csv_record_fn fn,
                                      void *ctx, ov_csv_info *info)
{
    ov_csv_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    info->delim = ',';
    if (max == 0)
        return OV_CSV_EOPEN;
    char *buf = ov_xmalloc(max);
    size_t len = 0;
    while (len < max) {
        ssize_t n = read(fd, buf + len, max - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    if (len == max && size > (uint64_t)max) {
        size_t cut = len;
        while (cut > 0 && buf[cut - 1] != '\n' && buf[cut - 1] != '\r')
            cut--;
        if (cut > 0)
            len = cut;
    }
    /* the digest of a file's head is worked out only for a caller who asks */
    enum ov_csv_error res = read_mem(buf, len, OV_CSV_SPLIT_AUTO, info != &local, fn, ctx, info);
    free(buf);
    return res;
}
