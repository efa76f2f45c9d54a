/* xlsxread.c — the sheets of an .xlsx workbook as records. libzip opens the
 * archive (from the mapped file) and inflates one part at a time in chunks;
 * expat parses each chunk as it comes, so no part is ever held whole. The
 * package is followed as Office writes it: _rels/.rels names the workbook part,
 * the workbook lists its sheets and its relationships name their parts and the
 * shared strings. Every limit of xlsxread.h is checked while streaming, and a
 * workbook that breaks one is refused with a reason in words. */
#include "ingest/xlsxread.h"

#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "core/hash.h"
#include "core/mem.h"

#define CHUNK      65536
#define RATIO_FROM ((uint64_t)1 << 20) /* the inflate ratio is checked past this size */
#define MAX_FILE   ((uint64_t)4 << 30) /* input files are at most 4 GiB (SPEC 2.3) */

/* Serialises zip_open_from_source (see ov_xlsx_open_mem). */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

struct ov_xlsx {
    void *map; /* the mapped file, or NULL for a caller's buffer */
    size_t maplen;
    zip_source_t *src;
    zip_t *za;
    uint64_t size;
    char sha256[65];
    char **names; /* sheet names, workbook order */
    char **parts; /* their worksheet parts */
    size_t nsheets, cap_names, cap_parts;
    char *sst_part; /* the shared strings part, or NULL */
    int sst_state;  /* 0 not read, 1 read, -1 broken (sst_err) */
    char sst_err[256];
    ov_buf sst;      /* shared strings, each NUL-terminated */
    size_t *sst_off; /* start of string i in sst */
    size_t nsst, cap_sst;
};

/* Writes a formatted reason into err (when there is room). */
static void say(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes a formatted reason into err (when there is room). */
static void say(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ---- streaming one part through expat ----------------------------------- */

typedef struct xml_run xml_run;
struct xml_run {
    XML_Parser p;
    int depth;
    int failed;  /* a handler refused the part: the reason is in err */
    int stopped; /* a record callback asked to stop */
    char err[256];
    void *user;
    void (*start)(xml_run *x, const char *name, const char **atts);
    void (*end)(xml_run *x, const char *name);
    void (*text)(xml_run *x, const char *s, int len);
};

/* Refuses the part being parsed with a reason (the first reason stands). */
static void xfail(xml_run *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Refuses the part being parsed with a reason (the first reason stands). */
static void xfail(xml_run *x, const char *fmt, ...)
{
    if (x->failed)
        return;
    x->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, sizeof(x->err), fmt, ap);
    va_end(ap);
    XML_StopParser(x->p, XML_FALSE);
}

/* The local part of a name ("x:row" or "row"). Namespaces are not resolved:
 * the parts are known by their place in the package, and producers differ in
 * the prefixes they use, so only local names are compared. */
static const char *local_name(const char *name)
{
    for (const char *p = name; *p; p++)
        if (*p == ':')
            return p + 1;
    return name;
}

/* The value of the attribute whose local name is want, or NULL. */
static const char *attr(const char **atts, const char *want)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), want) == 0)
            return atts[i + 1];
    return NULL;
}

/* expat start handler: depth limit, then the part's own handler. */
static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xml_run *x = ud;
    if (x->failed || x->stopped)
        return;
    if (++x->depth > OV_XLSX_MAX_DEPTH) {
        xfail(x, "its XML is nested more than %d levels deep, which no workbook needs",
              OV_XLSX_MAX_DEPTH);
        return;
    }
    if (x->start)
        x->start(x, local_name(name), atts);
}

/* expat end handler. */
static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xml_run *x = ud;
    if (x->failed || x->stopped)
        return;
    if (x->end)
        x->end(x, local_name(name));
    x->depth--;
}

/* expat character data handler. */
static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xml_run *x = ud;
    if (!x->failed && !x->stopped && x->text)
        x->text(x, s, len);
}

/* expat: a document type declaration is refused before anything in it is read,
 * so no entity is ever declared, let alone expanded. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    xfail(ud, "its XML declares a document type (DTD), which no workbook has; refused so that "
              "no entity is expanded");
}

/* expat: an entity declaration (only possible inside a DTD) is refused too. */
static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                              int value_len, const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
    (void)name;
    (void)is_param;
    (void)value;
    (void)value_len;
    (void)base;
    (void)sysid;
    (void)pubid;
    (void)notation;
    xfail(ud, "its XML declares entities, which no workbook has");
}

/* Why libzip could not open or read: a reason in words. */
static const char *zip_reason(int ze)
{
    switch (ze) {
    case ZIP_ER_NOZIP:
        return "it is not an Excel workbook (.xlsx): the file is not a zip archive; save it from "
               "Excel as an Excel Workbook, or send CSV";
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        return "the workbook is encrypted (protected with a password); save it again without a "
               "password";
    case ZIP_ER_COMPNOTSUPP:
        return "the workbook is compressed in a way Excel does not write; save it again from Excel";
    case ZIP_ER_MEMORY:
        return "the workbook is too large to open";
    default:
        return "the workbook is damaged or cut short (its zip archive is inconsistent); copy or "
               "save it again from Excel";
    }
}

/* Streams part name (already located at index idx) through the parser of x,
 * checking the inflated size against max and the inflate ratio. Returns 0, or
 * -1 with the reason in err. */
static int stream_part(ov_xlsx *b, zip_int64_t idx, const char *what, uint64_t max, xml_run *x,
                       char *err, size_t errlen)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(b->za, (zip_uint64_t)idx, 0, &st) != 0) {
        say(err, errlen, "%s", zip_reason(ZIP_ER_INCONS));
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        say(err, errlen, "%s", zip_reason(ZIP_ER_NOPASSWD));
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max) {
        say(err, errlen,
            "its %s would be %llu MB once inflated, more than the %llu MB allowed (a zip bomb, "
            "or far too large: send CSV)",
            what, (unsigned long long)(st.size >> 20), (unsigned long long)(max >> 20));
        return -1;
    }
    uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    zip_file_t *zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
    if (!zf) {
        say(err, errlen, "%s", zip_reason(zip_error_code_zip(zip_get_error(b->za))));
        return -1;
    }
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p) {
        zip_fclose(zf);
        say(err, errlen, "the workbook is too large to open");
        return -1;
    }
    x->p = p;
    x->depth = 0;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    char *buf = ov_xmalloc(CHUNK);
    uint64_t total = 0;
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            int ze = zip_error_code_zip(zip_file_get_error(zf));
            say(err, errlen, "%s", ze == ZIP_ER_CRC ? zip_reason(ZIP_ER_INCONS) : zip_reason(ze));
            rc = -1;
            break;
        }
        total += (uint64_t)n;
        if (total > max) {
            say(err, errlen,
                "its %s inflates to more than the %llu MB allowed (a zip bomb, or far too large: "
                "send CSV)",
                what, (unsigned long long)(max >> 20));
            rc = -1;
            break;
        }
        if (total > RATIO_FROM && comp > 0 && total / comp > OV_XLSX_MAX_RATIO) {
            say(err, errlen,
                "its %s inflates more than %d times over, which only a zip bomb does; refused",
                what, OV_XLSX_MAX_RATIO);
            rc = -1;
            break;
        }
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (x->failed)
                say(err, errlen, "%s", x->err);
            else if (!x->stopped)
                say(err, errlen,
                    "its %s is not well-formed XML (line %lu); save it again from Excel", what,
                    (unsigned long)XML_GetCurrentLineNumber(p));
            rc = x->stopped && !x->failed ? 0 : -1;
            break;
        }
        if (x->failed) { /* a handler failed on the last chunk */
            say(err, errlen, "%s", x->err);
            rc = -1;
            break;
        }
        if (n == 0)
            break;
    }
    free(buf);
    XML_ParserFree(p);
    x->p = NULL;
    zip_fclose(zf);
    return rc;
}

/* Locates a part by name (case-insensitively, as the package format wants);
 * -1 when absent. */
static zip_int64_t locate(ov_xlsx *b, const char *name)
{
    while (*name == '/')
        name++;
    return zip_name_locate(b->za, name, ZIP_FL_NOCASE);
}

/* ---- relationships ------------------------------------------------------ */

typedef struct {
    char *id, *type, *target;
} rel;

typedef struct {
    rel *r;
    size_t n, cap;
} rels;

/* Relationship element: keeps internal ones. */
static void rels_start(xml_run *x, const char *name, const char **atts)
{
    rels *rs = x->user;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    if (rs->n >= 4 * OV_XLSX_MAX_SHEETS) {
        xfail(x, "it lists more than %d parts", 4 * OV_XLSX_MAX_SHEETS);
        return;
    }
    rel *r = OV_PUSH(rs->r, rs->n, rs->cap);
    r->id = ov_xstrdup(id);
    r->type = ov_xstrdup(type);
    r->target = ov_xstrdup(target);
}

/* Frees a relationship list. */
static void rels_free(rels *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->r[i].id);
        free(rs->r[i].type);
        free(rs->r[i].target);
    }
    free(rs->r);
    memset(rs, 0, sizeof(*rs));
}

/* Reads the relationships part of part (missing: none). Returns 0 or -1. */
static int read_rels(ov_xlsx *b, const char *part, rels *rs, char *err, size_t errlen)
{
    const char *slash = strrchr(part, '/');
    char *rp = slash ? ov_xasprintf("%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1)
                     : ov_xasprintf("_rels/%s.rels", part);
    zip_int64_t idx = locate(b, rp);
    free(rp);
    if (idx < 0)
        return 0;
    xml_run x = {.user = rs, .start = rels_start};
    return stream_part(b, idx, "list of parts", OV_XLSX_MAX_PART_BYTES, &x, err, errlen);
}

/* Does the relationship type end in /want? */
static int rel_is(const rel *r, const char *want)
{
    size_t lt = strlen(r->type), lw = strlen(want);
    return lt > lw && r->type[lt - lw - 1] == '/' && strcmp(r->type + lt - lw, want) == 0;
}

/* The part a target names, from the folder of the part that names it:
 * absolute targets start at the root; "." and ".." are resolved. Owned. */
static char *resolve(const char *from, const char *target)
{
    ov_buf b = {0};
    if (target[0] != '/') {
        const char *slash = strrchr(from, '/');
        if (slash)
            ov_buf_add(&b, from, (size_t)(slash - from));
    }
    const char *s = target;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (b.len > 0 && b.s[b.len - 1] != '/')
                b.len--;
            if (b.len > 0)
                b.len--; /* the '/' before the dropped folder */
            if (b.s)
                b.s[b.len] = '\0';
        } else if (n && !(n == 1 && s[0] == '.')) {
            if (b.len)
                ov_buf_addc(&b, '/');
            ov_buf_add(&b, s, n);
        }
        s += n;
    }
    return ov_buf_detach(&b);
}

/* ---- the workbook part -------------------------------------------------- */

typedef struct {
    char **names, **ids;
    size_t n, cap_names, cap_ids;
    int date1904;
} book_parse;

/* workbook.xml: the sheets and the date system. */
static void book_start(xml_run *x, const char *name, const char **atts)
{
    book_parse *bp = x->user;
    if (strcmp(name, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        bp->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(name, "sheet") == 0) {
        const char *n = attr(atts, "name"), *id = attr(atts, "id");
        if (!n || !id)
            return;
        if (bp->n >= OV_XLSX_MAX_SHEETS) {
            xfail(x, "it has more than %d sheets", OV_XLSX_MAX_SHEETS);
            return;
        }
        size_t k = bp->n;
        *OV_PUSH(bp->names, k, bp->cap_names) = ov_xstrdup(n);
        k = bp->n;
        *OV_PUSH(bp->ids, k, bp->cap_ids) = ov_xstrdup(id);
        bp->n++;
    }
}

/* Returns 1 when the buffer starts like an OLE compound file: what Office
 * writes for an encrypted workbook, and for an old .xls. */
static int is_compound(const unsigned char *d, size_t n)
{
    static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    return n >= 8 && memcmp(d, magic, 8) == 0;
}

/* Returns 1 when a compound file names an EncryptedPackage stream (its names
 * are UTF-16LE). */
static int names_encrypted_package(const unsigned char *d, size_t n)
{
    static const char w[] = "EncryptedPackage";
    size_t wl = sizeof(w) - 1;
    for (size_t i = 0; i + 2 * wl <= n; i++) {
        size_t k = 0;
        while (k < wl && d[i + 2 * k] == (unsigned char)w[k] && d[i + 2 * k + 1] == 0)
            k++;
        if (k == wl)
            return 1;
    }
    return 0;
}

/* Reads the package's sheet list into b. Returns 0, or -1 with the reason. */
static int read_book(ov_xlsx *b, char *err, size_t errlen)
{
    rels top = {0}, wb = {0};
    book_parse bp = {0};
    char *book_part = NULL;
    int rc = -1;
    if (read_rels(b, "", &top, err, errlen) != 0)
        goto done;
    for (size_t i = 0; i < top.n && !book_part; i++)
        if (rel_is(&top.r[i], "officeDocument"))
            book_part = resolve("", top.r[i].target);
    if (!book_part)
        book_part = ov_xstrdup("xl/workbook.xml");
    zip_int64_t idx = locate(b, book_part);
    if (idx < 0) {
        say(err, errlen,
            "it is not an Excel workbook: the zip archive has no workbook in it (is it another "
            "kind of document?)");
        goto done;
    }
    xml_run x = {.user = &bp, .start = book_start};
    if (stream_part(b, idx, "workbook part", OV_XLSX_MAX_PART_BYTES, &x, err, errlen) != 0)
        goto done;
    if (bp.date1904) {
        say(err, errlen,
            "the workbook uses the 1904 date system (an Excel for Mac option), so its dates "
            "would be read four years out; untick 'Use 1904 date system' in Excel's options "
            "and save it again, or send CSV");
        goto done;
    }
    if (read_rels(b, book_part, &wb, err, errlen) != 0)
        goto done;
    for (size_t i = 0; i < wb.n && !b->sst_part; i++)
        if (rel_is(&wb.r[i], "sharedStrings"))
            b->sst_part = resolve(book_part, wb.r[i].target);
    for (size_t s = 0; s < bp.n; s++) {
        for (size_t i = 0; i < wb.n; i++) {
            if (strcmp(wb.r[i].id, bp.ids[s]) != 0 || !rel_is(&wb.r[i], "worksheet"))
                continue;
            size_t k = b->nsheets;
            *OV_PUSH(b->names, k, b->cap_names) = ov_xstrdup(bp.names[s]);
            k = b->nsheets;
            *OV_PUSH(b->parts, k, b->cap_parts) = resolve(book_part, wb.r[i].target);
            b->nsheets++;
            break;
        }
    }
    rc = 0;
done:
    for (size_t i = 0; i < bp.n; i++) {
        free(bp.names[i]);
        free(bp.ids[i]);
    }
    free(bp.names);
    free(bp.ids);
    free(book_part);
    rels_free(&top);
    rels_free(&wb);
    return rc;
}

/* Opens a workbook over a buffer; see xlsxread.h. */
ov_xlsx *ov_xlsx_open_mem(const void *data, size_t len, enum ov_xlsx_error *e, char *err,
                          size_t errlen)
{
    enum ov_xlsx_error local;
    if (!e)
        e = &local;
    *e = OV_XLSX_EBROKEN;
    const unsigned char *d = data;
    if (is_compound(d, len)) {
        if (names_encrypted_package(d, len))
            say(err, errlen, "%s", zip_reason(ZIP_ER_NOPASSWD));
        else
            say(err, errlen,
                "it is an old-style Excel 97-2003 workbook (.xls) named .xlsx; save it as an "
                "Excel Workbook (.xlsx), or send CSV");
        return NULL;
    }
    ov_xlsx *b = ov_xcalloc(1, sizeof(*b));
    b->size = len;
    ov_sha256_hex(len ? data : "", len, b->sha256);
    zip_error_t ze;
    zip_error_init(&ze);
    b->src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
    if (b->src) {
        /* Opening reads the archive's directory, whose DOS times libzip turns
         * into time_t with mktime, which resets glibc's time zone state under a
         * lock of glibc's own that ThreadSanitizer cannot see; agencies are
         * read on several threads, so opens take one lock it can see. They
         * are cheap: the directory only. */
        pthread_mutex_lock(&open_lock);
        b->za = zip_open_from_source(b->src, ZIP_RDONLY, &ze);
        pthread_mutex_unlock(&open_lock);
    }
    if (!b->za) {
        int code = zip_error_code_zip(&ze);
        /* a zip that starts as one but has no end was cut short, not mistaken */
        if (code == ZIP_ER_NOZIP && len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
            code = ZIP_ER_INCONS;
        say(err, errlen, "%s", len == 0 ? "the file is empty" : zip_reason(code));
        zip_error_fini(&ze);
        if (b->src)
            zip_source_free(b->src);
        b->src = NULL;
        ov_xlsx_close(b);
        return NULL;
    }
    zip_error_fini(&ze);
    if (read_book(b, err, errlen) != 0) {
        ov_xlsx_close(b);
        return NULL;
    }
    *e = OV_XLSX_OK;
    return b;
}

/* Opens an open workbook file: mapped, hashed, then opened over the mapping. */
ov_xlsx *ov_xlsx_open_fd(int fd, uint64_t size, enum ov_xlsx_error *e, char *err, size_t errlen)
{
    enum ov_xlsx_error local;
    if (!e)
        e = &local;
    *e = OV_XLSX_EOPEN;
    if (size > MAX_FILE || size > SIZE_MAX) {
        say(err, errlen, "the file is larger than 4 GB");
        return NULL;
    }
    size_t len = (size_t)size;
    void *map = NULL;
    if (len) {
        map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            say(err, errlen, "the file cannot be read");
            return NULL;
        }
    }
    ov_xlsx *b = ov_xlsx_open_mem(map ? map : "", len, e, err, errlen);
    if (!b) {
        if (map)
            munmap(map, len);
        return NULL;
    }
    b->map = map;
    b->maplen = len;
    return b;
}

/* Opens a workbook file by its path (a regular file only). */
ov_xlsx *ov_xlsx_open(const char *path, enum ov_xlsx_error *e, char *err, size_t errlen)
{
    enum ov_xlsx_error local;
    if (!e)
        e = &local;
    *e = OV_XLSX_EOPEN;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        say(err, errlen, "the file cannot be opened (%s)", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        say(err, errlen, "it is not a regular file");
        return NULL;
    }
    ov_xlsx *b = ov_xlsx_open_fd(fd, (uint64_t)st.st_size, e, err, errlen);
    close(fd);
    return b;
}

/* Closes a workbook and frees all it holds. */
void ov_xlsx_close(ov_xlsx *b)
{
    if (!b)
        return;
    if (b->za)
        zip_discard(b->za); /* also frees the source */
    for (size_t i = 0; i < b->nsheets; i++) {
        free(b->names[i]);
        free(b->parts[i]);
    }
    free(b->names);
    free(b->parts);
    free(b->sst_part);
    ov_buf_free(&b->sst);
    free(b->sst_off);
    if (b->map)
        munmap(b->map, b->maplen);
    free(b);
}

/* The workbook file's size in bytes. */
uint64_t ov_xlsx_size(const ov_xlsx *b)
{
    return b->size;
}

/* The workbook file's SHA-256 (hex). */
const char *ov_xlsx_sha256(const ov_xlsx *b)
{
    return b->sha256;
}

/* The number of worksheets. */
size_t ov_xlsx_sheet_count(const ov_xlsx *b)
{
    return b->nsheets;
}

/* The name of worksheet i. */
const char *ov_xlsx_sheet_name(const ov_xlsx *b, size_t i)
{
    return i < b->nsheets ? b->names[i] : "";
}

/* ---- shared strings ----------------------------------------------------- */

typedef struct {
    ov_xlsx *b;
    int in_si, in_t, rph; /* rph: inside a phonetic run, whose text is not the value */
    size_t start;         /* where the current string begins in b->sst */
} sst_parse;

/* Shared strings: <si> holds <t>, or rich-text runs <r><t>; <rPh> is skipped. */
static void sst_start(xml_run *x, const char *name, const char **atts)
{
    sst_parse *sp = x->user;
    (void)atts;
    if (strcmp(name, "si") == 0) {
        if (sp->b->nsst >= OV_XLSX_MAX_STRINGS) {
            xfail(x, "it holds more than 65,536 different text values (shared strings); save "
                     "each sheet as CSV and send those instead");
            return;
        }
        sp->in_si = 1;
        sp->start = sp->b->sst.len;
    } else if (sp->in_si && strcmp(name, "rPh") == 0) {
        sp->rph++;
    } else if (sp->in_si && strcmp(name, "t") == 0) {
        sp->in_t = 1;
    }
}

/* Ends a shared string (its NUL is kept) or a run. */
static void sst_end(xml_run *x, const char *name)
{
    sst_parse *sp = x->user;
    if (strcmp(name, "si") == 0 && sp->in_si) {
        ov_buf_addc(&sp->b->sst, '\0');
        size_t k = sp->b->nsst;
        *OV_PUSH(sp->b->sst_off, k, sp->b->cap_sst) = sp->start;
        sp->b->nsst++;
        sp->in_si = sp->in_t = sp->rph = 0;
    } else if (strcmp(name, "rPh") == 0 && sp->rph) {
        sp->rph--;
    } else if (strcmp(name, "t") == 0) {
        sp->in_t = 0;
    }
}

/* Text of a shared string. */
static void sst_text(xml_run *x, const char *s, int len)
{
    sst_parse *sp = x->user;
    if (!sp->in_si || !sp->in_t || sp->rph)
        return;
    if (sp->b->sst.len - sp->start + (size_t)len > OV_XLSX_MAX_CELL_BYTES) {
        xfail(x, "a text value is longer than the 32,767 characters Excel allows");
        return;
    }
    ov_buf_add(&sp->b->sst, s, (size_t)len);
}

/* Reads the shared strings once. Returns 0, or -1 with the reason. */
static int load_sst(ov_xlsx *b, char *err, size_t errlen)
{
    if (b->sst_state == 1 || !b->sst_part)
        return 0;
    if (b->sst_state == -1) {
        say(err, errlen, "%s", b->sst_err);
        return -1;
    }
    zip_int64_t idx = locate(b, b->sst_part);
    if (idx < 0) {
        b->sst_state = 1;
        return 0;
    }
    sst_parse sp = {.b = b};
    xml_run x = {.user = &sp, .start = sst_start, .end = sst_end, .text = sst_text};
    if (stream_part(b, idx, "table of text values", OV_XLSX_MAX_PART_BYTES, &x, b->sst_err,
                    sizeof(b->sst_err)) != 0) {
        b->sst_state = -1;
        ov_buf_free(&b->sst);
        free(b->sst_off);
        b->sst_off = NULL;
        b->nsst = b->cap_sst = 0;
        say(err, errlen, "%s", b->sst_err);
        return -1;
    }
    b->sst_state = 1;
    return 0;
}

/* ---- worksheets --------------------------------------------------------- */

typedef struct {
    unsigned col; /* 0-based */
    int shared;   /* text is shared string idx, else arena text at off */
    size_t off, len;
    int blank; /* nothing but spaces: does not make the row or widen it */
} cell_ref;

typedef struct {
    ov_xlsx *b;
    ov_record_fn fn;
    void *ctx;
    int in_data;
    int in_row;
    unsigned long row, prev_row;
    int in_c, in_v, in_is, in_t, rph;
    char type; /* 'n' number, 's' shared, 'b' boolean, 'i' inline, 't' str, 'e' error, 'd' date */
    long col, last_col;
    ov_buf val;
    cell_ref *cells;
    size_t ncells, cap_cells;
    ov_buf arena;
    size_t width;
    unsigned long records;
    char **fieldp;
    size_t *lens;
    size_t capf, capl;
} sheet_parse;

/* Parses a row number: digits only, 1..max; 0 when not one. */
static unsigned long row_number(const char *s)
{
    unsigned long v = 0;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        if (v <= OV_XLSX_MAX_ROW)
            v = v * 10 + (unsigned long)(*s - '0');
    }
    return v;
}

/* Starts a row: its number must rise and lie in the grid. */
static void row_start(xml_run *x, sheet_parse *sp, const char **atts)
{
    const char *r = attr(atts, "r");
    unsigned long n = r ? row_number(r) : sp->prev_row + 1;
    if (r && n == 0) {
        xfail(x, "a row has no readable number; save the workbook again from Excel");
        return;
    }
    if (n > OV_XLSX_MAX_ROW) {
        xfail(x,
              "it has a row beyond Excel's last row (1,048,576), which Excel cannot have written");
        return;
    }
    if (n <= sp->prev_row) {
        xfail(x, "its rows are out of order (row %lu after row %lu); save it again from Excel", n,
              sp->prev_row);
        return;
    }
    sp->in_row = 1;
    sp->row = n;
    sp->last_col = -1;
    sp->ncells = 0;
    ov_buf_reset(&sp->arena);
}

/* Starts a cell: where it is (within the grid, after the row's last) and its type. */
static void cell_start(xml_run *x, sheet_parse *sp, const char **atts)
{
    const char *r = attr(atts, "r"), *t = attr(atts, "t");
    long col = sp->last_col + 1;
    if (r) {
        long c = 0;
        size_t i = 0;
        while (r[i] >= 'A' && r[i] <= 'Z' && c <= OV_XLSX_MAX_COL) {
            c = c * 26 + (r[i] - 'A' + 1);
            i++;
        }
        unsigned long rn = row_number(r + i);
        if (i == 0 || (rn == 0 && r[i])) {
            xfail(x, "a cell in row %lu has no readable place; save it again from Excel", sp->row);
            return;
        }
        if (c > OV_XLSX_MAX_COL || rn > OV_XLSX_MAX_ROW) {
            xfail(x, "it has a cell beyond Excel's grid (past XFD1048576), which Excel cannot "
                     "have written");
            return;
        }
        col = c - 1;
    }
    if (col >= OV_XLSX_MAX_COL) {
        xfail(x, "row %lu has a cell beyond Excel's last column (XFD)", sp->row);
        return;
    }
    if (col <= sp->last_col) {
        xfail(x,
              "row %lu holds two cells for one place, or its cells out of order; save it "
              "again from Excel",
              sp->row);
        return;
    }
    sp->col = col;
    sp->last_col = col;
    sp->in_c = 1;
    sp->type = 'n';
    if (t) {
        if (!strcmp(t, "s"))
            sp->type = 's';
        else if (!strcmp(t, "b"))
            sp->type = 'b';
        else if (!strcmp(t, "inlineStr"))
            sp->type = 'i';
        else if (!strcmp(t, "str"))
            sp->type = 't';
        else if (!strcmp(t, "e"))
            sp->type = 'e';
        else if (!strcmp(t, "d"))
            sp->type = 'd';
    }
    ov_buf_reset(&sp->val);
}

/* Returns 1 when s[0..n) holds nothing but spaces, TABs and line breaks. */
static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Ends a cell: its value by type, kept when it is not empty. */
static void cell_end(xml_run *x, sheet_parse *sp)
{
    sp->in_c = sp->in_v = sp->in_is = sp->in_t = sp->rph = 0;
    cell_ref c = {.col = (unsigned)sp->col};
    const char *text = sp->val.s ? sp->val.s : "";
    size_t len = sp->val.len;
    if (sp->type == 's') {
        if (len == 0)
            return;
        unsigned long idx = row_number(text);
        if ((idx == 0 && strcmp(text, "0") != 0) || idx >= sp->b->nsst) {
            xfail(x,
                  "a cell in row %lu refers to a text value the workbook does not have; save "
                  "it again from Excel",
                  sp->row);
            return;
        }
        c.shared = 1;
        c.off = idx;
        const char *s = sp->b->sst.s + sp->b->sst_off[idx];
        c.len = strlen(s);
        if (c.len == 0)
            return;
        c.blank = all_space(s, c.len);
    } else {
        if (sp->type == 'b' && len == 1 && (text[0] == '0' || text[0] == '1')) {
            text = text[0] == '1' ? "TRUE" : "FALSE";
            len = strlen(text);
        }
        if (len == 0)
            return;
        if (sp->arena.len + len + 1 > OV_XLSX_MAX_ROW_BYTES) {
            xfail(x, "row %lu holds more than 64 MB of text", sp->row);
            return;
        }
        c.off = sp->arena.len;
        c.len = len;
        c.blank = all_space(text, len);
        ov_buf_add(&sp->arena, text, len);
        if (sp->type == 'd') /* an ISO 8601 date cell: 2026-01-31T00:00:00 */
            for (size_t i = c.off; i < c.off + len; i++)
                if (sp->arena.s[i] == 'T')
                    sp->arena.s[i] = ' ';
        sp->arena.len++; /* keep the NUL that ends the value */
    }
    *OV_PUSH(sp->cells, sp->ncells, sp->cap_cells) = c;
}

/* Ends a row: a row with a value is one record (padded to the header's width). */
static void row_end(xml_run *x, sheet_parse *sp)
{
    sp->in_row = 0;
    sp->prev_row = sp->row;
    long last = -1;
    for (size_t i = 0; i < sp->ncells; i++)
        if (!sp->cells[i].blank)
            last = (long)sp->cells[i].col;
    if (last < 0)
        return; /* a blank row is skipped, as a blank line of a CSV file is */
    size_t nf = (size_t)last + 1;
    if (sp->records == 0)
        sp->width = nf;
    else if (nf < sp->width)
        nf = sp->width;
    unsigned long index = sp->records++;
    if (!sp->fn)
        return;
    ov_grow((void **)&sp->fieldp, &sp->capf, nf + 1, sizeof(*sp->fieldp));
    ov_grow((void **)&sp->lens, &sp->capl, nf + 1, sizeof(*sp->lens));
    static char empty[1] = "";
    for (size_t f = 0; f < nf; f++) {
        sp->fieldp[f] = empty;
        sp->lens[f] = 0;
    }
    for (size_t i = 0; i < sp->ncells; i++) {
        const cell_ref *c = &sp->cells[i];
        if (c->col >= nf)
            continue;
        sp->fieldp[c->col] =
            c->shared ? sp->b->sst.s + sp->b->sst_off[c->off] : sp->arena.s + c->off;
        sp->lens[c->col] = c->len;
    }
    ov_record rec = {nf, sp->fieldp, sp->lens, sp->row, index, 0, 0};
    if (sp->fn(&rec, sp->ctx)) {
        x->stopped = 1;
        XML_StopParser(x->p, XML_FALSE);
    }
}

/* The worksheet elements that are read. */
enum { EL_OTHER, EL_SHEETDATA, EL_ROW, EL_C, EL_V, EL_IS, EL_T, EL_RPH };

/* Which worksheet element a local name is (compared without strcmp: a large
 * sheet has millions of them). */
static int element(const char *n)
{
    switch (n[0]) {
    case 'c':
        return n[1] == '\0' ? EL_C : EL_OTHER;
    case 'v':
        return n[1] == '\0' ? EL_V : EL_OTHER;
    case 't':
        return n[1] == '\0' ? EL_T : EL_OTHER;
    case 'i':
        return n[1] == 's' && n[2] == '\0' ? EL_IS : EL_OTHER;
    case 'r':
        if (n[1] == 'o' && n[2] == 'w' && n[3] == '\0')
            return EL_ROW;
        return strcmp(n, "rPh") == 0 ? EL_RPH : EL_OTHER;
    case 's':
        return strcmp(n, "sheetData") == 0 ? EL_SHEETDATA : EL_OTHER;
    default:
        return EL_OTHER;
    }
}

/* Worksheet elements: only sheetData's rows and cells are read. */
static void sheet_start(xml_run *x, const char *name, const char **atts)
{
    sheet_parse *sp = x->user;
    int el = element(name);
    if (!sp->in_data) {
        if (el == EL_SHEETDATA)
            sp->in_data = 1;
        return;
    }
    if (el == EL_ROW)
        row_start(x, sp, atts);
    else if (sp->in_row && el == EL_C)
        cell_start(x, sp, atts);
    else if (sp->in_c && el == EL_V)
        sp->in_v = 1;
    else if (sp->in_c && el == EL_IS)
        sp->in_is = 1;
    else if (sp->in_is && el == EL_RPH)
        sp->rph++;
    else if (sp->in_is && el == EL_T)
        sp->in_t = 1;
}

/* Worksheet end tags. */
static void sheet_end(xml_run *x, const char *name)
{
    sheet_parse *sp = x->user;
    if (!sp->in_data)
        return;
    int el = element(name);
    if (el == EL_SHEETDATA)
        sp->in_data = 0;
    else if (sp->in_c && el == EL_C)
        cell_end(x, sp);
    else if (sp->in_row && el == EL_ROW)
        row_end(x, sp);
    else if (el == EL_V)
        sp->in_v = 0;
    else if (el == EL_IS)
        sp->in_is = 0;
    else if (el == EL_RPH && sp->rph)
        sp->rph--;
    else if (el == EL_T)
        sp->in_t = 0;
}

/* Cell text: a value <v>, or the text of an inline string. */
static void sheet_text(xml_run *x, const char *s, int len)
{
    sheet_parse *sp = x->user;
    if (!sp->in_c || !(sp->in_v || (sp->in_is && sp->in_t && !sp->rph)))
        return;
    if (sp->val.len + (size_t)len > OV_XLSX_MAX_CELL_BYTES) {
        xfail(x, "a cell in row %lu holds more than the 32,767 characters Excel allows", sp->row);
        return;
    }
    ov_buf_add(&sp->val, s, (size_t)len);
}

/* Reads sheet i as records; see xlsxread.h. */
enum ov_xlsx_error ov_xlsx_read_sheet(ov_xlsx *b, size_t i, ov_record_fn fn, void *ctx,
                                      unsigned long *records, char *err, size_t errlen)
{
    if (records)
        *records = 0;
    if (i >= b->nsheets) {
        say(err, errlen, "the workbook has no such sheet");
        return OV_XLSX_EBROKEN;
    }
    if (load_sst(b, err, errlen) != 0)
        return OV_XLSX_EBROKEN;
    zip_int64_t idx = locate(b, b->parts[i]);
    if (idx < 0) {
        say(err, errlen, "a sheet's part is missing from the workbook; save it again from Excel");
        return OV_XLSX_EBROKEN;
    }
    sheet_parse sp = {.b = b, .fn = fn, .ctx = ctx};
    xml_run x = {.user = &sp, .start = sheet_start, .end = sheet_end, .text = sheet_text};
    int rc = stream_part(b, idx, "sheet", OV_XLSX_MAX_SHEET_BYTES, &x, err, errlen);
    if (records)
        *records = sp.records;
    ov_buf_free(&sp.val);
    ov_buf_free(&sp.arena);
    free(sp.cells);
    free(sp.fieldp);
    free(sp.lens);
    if (rc != 0)
        return OV_XLSX_EBROKEN;
    if (x.stopped)
        return OV_XLSX_ESTOPPED;
    return sp.records ? OV_XLSX_OK : OV_XLSX_EEMPTY;
}
