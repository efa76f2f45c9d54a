/* pdfdraw.c — the drawing layer of pdfdraw.h over libharu (hpdf 2.3.0).
 *
 * libharu notes that shaped this file:
 * - Text is UTF-8 throughout: HPDF_UseUTFEncodings + the "UTF-8" encoder and
 *   embedded TrueType fonts; libharu then writes Type0 fonts whose character
 *   ids are Unicode code points (BMP only).
 * - libharu 2.3.0 writes the encoder's CMap (a "cidrange") as the font's
 *   /ToUnicode, which is not a valid ToUnicode CMap; copy and search then
 *   depend on each viewer's leniency. fix_to_unicode() rewrites that stream
 *   through libharu's object API as the identity bfrange it should be.
 * - HPDF_Font_MeasureText works in bytes and may stop inside a multi-byte
 *   character when it cannot break at a space; wrap() backs up to a character
 *   boundary.
 * - Errors are sticky: an error handler records the first one and callers
 *   check it after each stage (ov_pd_check), which also resets libharu; the
 *   user reads what went wrong in words, never libharu's number.
 * - libharu refuses any string over 65,535 bytes (HPDF_LIMIT_MAX_STRING_LEN,
 *   error 0x105B): text is measured and drawn in runs of at most RUN_MAX bytes
 *   cut at character boundaries, and bookmarks and the document information
 *   are cut to a length no title needs.
 * - Without encryption libharu writes no document /ID, and with the dates set
 *   explicitly the same drawing calls give byte-identical files. */
#include "render/pdfdraw.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/text.h"

struct ov_pd {
    HPDF_Doc doc;
    HPDF_Font font[OV_PD_NFONTS];
    char *font_path[OV_PD_NFONTS];
    HPDF_Encoder utf8;
    HPDF_Page *pages;
    size_t npages, cap_pages;
    size_t cur;
    float y;
    HPDF_STATUS err, err_detail;
    ov_pd_heading_rec *heads;
    size_t nheads, cap_heads;
    HPDF_Outline last_top;
    int has_contents;
    size_t contents_page;
    char *contents_title;
    int trace;
    ov_pd_trace_item *tr;
    size_t ntr, cap_tr;
};

/* Bytes of text handed to libharu in one call (its limit is 65,535). */
#define RUN_MAX 16384
/* Bytes kept of a bookmark or a document information entry. */
#define META_MAX 2048

static const ov_pd_rgb TEXT = {0.10f, 0.10f, 0.12f};
static const ov_pd_rgb MUTED = {0.36f, 0.38f, 0.42f};
static const ov_pd_rgb RULE = {0.78f, 0.80f, 0.84f};
static const ov_pd_rgb GRID = {0.86f, 0.87f, 0.90f};
static const ov_pd_rgb BAND = {0.95f, 0.96f, 0.97f};
static const ov_pd_rgb HEAD_FILL = {0.12f, 0.23f, 0.37f};
static const ov_pd_rgb WHITE = {1.0f, 1.0f, 1.0f};
static const ov_pd_rgb AXIS = {0.25f, 0.25f, 0.28f};

/* ---- document ---------------------------------------------------------------- */

/* libharu error handler: keeps the first error until ov_pd_check. */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    ov_pd *pd = user;
    if (pd->err == HPDF_OK) {
        pd->err = error;
        pd->err_detail = detail;
    }
}

/* Regular and bold faces searched in order; the first pair found is used. */
static const char *const font_pairs[][2] = {
    {"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"},
    {"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
    {"/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
     "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf"},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
    {"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
     "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"},
    {"/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"},
};

/* Rewrites a Type0 font's /ToUnicode stream as an identity map from the
 * two-byte codes (Unicode code points) to UTF-16, in bfrange blocks of at most
 * 100 entries (one per high byte, surrogates left out). */
static void fix_to_unicode(HPDF_Font font)
{
    HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream)
        return;
    HPDF_MemStream_FreeData(tu->stream);
    HPDF_Stream s = tu->stream;
    HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                            ">> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int hi[256], n = 0;
    for (int h = 0; h < 256; h++)
        if (h < 0xD8 || h > 0xDF)
            hi[n++] = h;
    for (int i = 0; i < n; i += 100) {
        int k = n - i < 100 ? n - i : 100;
        char line[64];
        snprintf(line, sizeof line, "%d beginbfrange\n", k);
        HPDF_Stream_WriteStr(s, line);
        for (int j = i; j < i + k; j++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
            HPDF_Stream_WriteStr(s, line);
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* Loads one embedded TrueType face with the UTF-8 encoder; NULL on failure. */
static HPDF_Font load_font(ov_pd *pd, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(pd->doc, path, HPDF_TRUE);
    if (!name)
        return NULL;
    HPDF_Font f = HPDF_GetFont(pd->doc, name, "UTF-8");
    if (f)
        fix_to_unicode(f);
    return f;
}

/* Picks the font files: the given ones, else the first installed pair. */
static int find_fonts(const ov_pd_info *info, const char **reg, const char **bold)
{
    if (info->font_regular && info->font_bold) {
        *reg = info->font_regular;
        *bold = info->font_bold;
        return access(*reg, R_OK) == 0 && access(*bold, R_OK) == 0 ? 0 : -1;
    }
    for (size_t i = 0; i < sizeof font_pairs / sizeof font_pairs[0]; i++) {
        if (access(font_pairs[i][0], R_OK) == 0 && access(font_pairs[i][1], R_OK) == 0) {
            *reg = font_pairs[i][0];
            *bold = font_pairs[i][1];
            return 0;
        }
    }
    return -1;
}

/* Length of the longest start of text[0..len) of at most max bytes that ends
 * on a character boundary. */
static size_t cut_utf8(const char *text, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t k = max;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* Sanitised text cut to META_MAX bytes on a character boundary (an ellipsis
 * marks a cut), as a malloc'd string the caller frees. */
static char *meta_text(const char *text)
{
    char *c = ov_pd_clean(text, 0);
    size_t n = strlen(c);
    size_t k = cut_utf8(c, n, META_MAX);
    if (k < n) {
        c[k] = '\0';
        char *t = ov_xasprintf("%s\u2026", c);
        free(c);
        c = t;
    }
    return c;
}

/* Sets one information entry from sanitised text (skips NULL). */
static void set_info(ov_pd *pd, HPDF_InfoType type, const char *text)
{
    if (!text)
        return;
    char *c = meta_text(text);
    HPDF_SetInfoAttr(pd->doc, type, c);
    free(c);
}

/* What a libharu error means, in words. */
static const char *hpdf_words(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
        return "a file could not be read or written";
    case HPDF_STRING_OUT_OF_RANGE:
    case HPDF_NAME_OUT_OF_RANGE:
        return "a text is longer than a PDF can hold in one piece";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_INVALID_FONTDEF_TYPE:
    case HPDF_FONT_INVALID_WIDTHS_TABLE:
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
    case HPDF_UNSUPPORTED_FONT_TYPE:
    case HPDF_INVALID_FONT:
        return "the font file cannot be used (reinstall fonts-liberation2)";
    case HPDF_PAGE_OUT_OF_RANGE:
    case HPDF_XREF_COUNT_ERR:
    case HPDF_ARRAY_COUNT_ERR:
    case HPDF_DICT_COUNT_ERR:
        return "the report is larger than a PDF can hold";
    case HPDF_REAL_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_SIZE:
    case HPDF_PAGE_INVALID_FONT_SIZE:
        return "a position or size is out of range";
    case HPDF_ZLIB_ERROR:
        return "compressing the pages failed";
    default:
        return "the PDF library refused a drawing step";
    }
}

/* Creates a document with embedded fonts and its information set (free with ov_pd_free);
 * NULL after a message via ov_err. */
ov_pd *ov_pd_new(const ov_pd_info *info)
{
    ov_pd *pd = ov_xcalloc(1, sizeof *pd);
    const char *reg = NULL, *bold = NULL;
    if (find_fonts(info, &reg, &bold) != 0) {
        ov_err("no usable TrueType font for the PDF: install fonts-liberation2 or "
               "fonts-dejavu-core");
        free(pd);
        return NULL;
    }
    pd->doc = HPDF_New(on_error, pd);
    if (!pd->doc) {
        ov_err("could not start the PDF: libharu could not allocate a document");
        free(pd);
        return NULL;
    }
    HPDF_SetCompressionMode(pd->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pd->doc);
    HPDF_SetCurrentEncoder(pd->doc, "UTF-8");
    pd->utf8 = HPDF_GetEncoder(pd->doc, "UTF-8");
    pd->font[OV_PD_REGULAR] = load_font(pd, reg);
    pd->font[OV_PD_BOLD] = load_font(pd, bold);
    pd->font_path[OV_PD_REGULAR] = ov_xstrdup(reg);
    pd->font_path[OV_PD_BOLD] = ov_xstrdup(bold);
    if (!pd->font[OV_PD_REGULAR] || !pd->font[OV_PD_BOLD] || !pd->utf8) {
        ov_err("could not load the PDF fonts %s and %s: %s", reg, bold,
               pd->err ? hpdf_words(pd->err) : "the font files cannot be used");
        ov_debug("libharu error 0x%04lX, detail %lu", (unsigned long)pd->err,
                 (unsigned long)pd->err_detail);
        ov_pd_free(pd);
        return NULL;
    }
    HPDF_SetPageMode(pd->doc, HPDF_PAGE_MODE_USE_OUTLINE);
    set_info(pd, HPDF_INFO_TITLE, info->title);
    set_info(pd, HPDF_INFO_AUTHOR, info->author);
    set_info(pd, HPDF_INFO_SUBJECT, info->subject);
    set_info(pd, HPDF_INFO_CREATOR, info->creator);
    set_info(pd, HPDF_INFO_KEYWORDS, info->keywords);
    HPDF_Date d = {info->year, info->month, info->day, 0, 0, 0, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_MOD_DATE, d);
    if (ov_pd_check(pd, "document setup") != 0) {
        ov_pd_free(pd);
        return NULL;
    }
    return pd;
}

/* 0 when libharu reported no error since the last check; otherwise reports it via ov_err
 * naming stage, clears it and returns -1. */
int ov_pd_check(ov_pd *pd, const char *stage)
{
    if (pd->err == HPDF_OK)
        return 0;
    ov_err("could not draw the board report PDF (%s): %s", stage, hpdf_words(pd->err));
    ov_debug("libharu error 0x%04lX, detail %lu", (unsigned long)pd->err,
             (unsigned long)pd->err_detail);
    HPDF_ResetError(pd->doc);
    pd->err = HPDF_OK;
    pd->err_detail = 0;
    return -1;
}

/* Writes the document to fp through libharu's memory stream; returns 0, or -1 after a
 * message via ov_err. */
int ov_pd_save(ov_pd *pd, FILE *fp)
{
    if (ov_pd_check(pd, "before saving") != 0)
        return -1;
    HPDF_SaveToStream(pd->doc);
    if (ov_pd_check(pd, "saving") != 0)
        return -1;
    HPDF_ResetStream(pd->doc);
    static const HPDF_UINT32 chunk = 65536;
    HPDF_BYTE *buf = ov_xmalloc(chunk);
    for (;;) {
        HPDF_UINT32 n = chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(pd->doc, buf, &n);
        if (n > 0 && fwrite(buf, 1, n, fp) != n)
            break; /* the stream's owner reports the failed write */
        if (st != HPDF_OK)
            break;
    }
    free(buf);
    if (pd->err == HPDF_STREAM_EOF) {
        /* the end of libharu's stream is reported as an error; it is not one */
        HPDF_ResetError(pd->doc);
        pd->err = HPDF_OK;
        pd->err_detail = 0;
    }
    return ov_pd_check(pd, "saving") == 0 ? 0 : -1;
}

/* Frees the document and everything it owns; accepts NULL. */
void ov_pd_free(ov_pd *pd)
{
    if (!pd)
        return;
    if (pd->doc)
        HPDF_Free(pd->doc);
    for (int i = 0; i < OV_PD_NFONTS; i++)
        free(pd->font_path[i]);
    for (size_t i = 0; i < pd->nheads; i++)
        free(pd->heads[i].text);
    for (size_t i = 0; i < pd->ntr; i++)
        free(pd->tr[i].text);
    free(pd->heads);
    free(pd->tr);
    free(pd->pages);
    free(pd->contents_title);
    free(pd);
}

/* The font file loaded for f (owned by pd). */
const char *ov_pd_font_path(const ov_pd *pd, enum ov_pd_font f)
{
    return pd->font_path[f];
}

/* ---- pages ------------------------------------------------------------------- */

/* The current libharu page, or NULL before the first page is added. */
static HPDF_Page page(const ov_pd *pd)
{
    return pd->npages ? pd->pages[pd->cur] : NULL;
}

/* Appends an A4 page, makes it current with the cursor at its top; returns its index. */
size_t ov_pd_add_page(ov_pd *pd)
{
    HPDF_Page p = HPDF_AddPage(pd->doc);
    HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    *OV_PUSH(pd->pages, pd->npages, pd->cap_pages) = p;
    pd->cur = pd->npages - 1;
    pd->y = OV_PD_TOP;
    return pd->cur;
}

/* Number of pages so far. */
size_t ov_pd_page_count(const ov_pd *pd)
{
    return pd->npages;
}

/* Index of the current page. */
size_t ov_pd_page_index(const ov_pd *pd)
{
    return pd->cur;
}

/* Makes page i current (ignored when out of range). */
void ov_pd_goto_page(ov_pd *pd, size_t i)
{
    if (i < pd->npages)
        pd->cur = i;
}

/* The flow cursor: y of the top of the next block. */
float ov_pd_y(const ov_pd *pd)
{
    return pd->y;
}

/* Moves the flow cursor to y. */
void ov_pd_set_y(ov_pd *pd, float y)
{
    pd->y = y;
}

/* Moves the cursor down by dy, never below the bottom margin. */
void ov_pd_space(ov_pd *pd, float dy)
{
    pd->y -= dy;
    if (pd->y < OV_PD_BOTTOM)
        pd->y = OV_PD_BOTTOM;
}

/* 1 when nothing has been placed on the current page (the cursor is still at its top). */
int ov_pd_page_empty(const ov_pd *pd)
{
    return pd->y >= OV_PD_TOP - 0.01f;
}

/* Adds a page when there is none or a block of height h does not fit on a non-empty one;
 * returns 1 when a page was added. */
int ov_pd_need(ov_pd *pd, float h)
{
    if (pd->npages == 0 || (pd->y - h < OV_PD_BOTTOM && !ov_pd_page_empty(pd))) {
        ov_pd_add_page(pd);
        return 1;
    }
    return 0;
}

/* ---- text -------------------------------------------------------------------- */

/* Length of the UTF-8 sequence a lead byte announces (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    return 1;
}

/* Sanitised malloc'd copy of s (caller frees): bad UTF-8 and non-BMP characters become '?',
 * control characters spaces (line breaks '\n' when keep_newlines); NULL gives "". */
char *ov_pd_clean(const char *s, int keep_newlines)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    if (!s)
        return ov_buf_detach(&b);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                    i++;
                ov_buf_addc(&b, keep_newlines ? '\n' : ' ');
            } else if (c < 0x20 || c == 0x7F) {
                ov_buf_addc(&b, ' ');
            } else {
                ov_buf_addc(&b, (char)c);
            }
            i++;
            continue;
        }
        size_t k = seq_len(c);
        if (k == 1 || i + k > n || !ov_utf8_valid(s + i, k)) {
            ov_buf_addc(&b, '?');
            i++;
            continue;
        }
        const unsigned char *u = (const unsigned char *)s + i;
        if (k == 4) {
            ov_buf_addc(&b, '?'); /* outside the BMP: the fonts are two-byte CID */
        } else if (k == 2 && c == 0xC2 && u[1] < 0xA0) {
            ov_buf_addc(&b, ' '); /* C1 control */
        } else if (k == 3 && c == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
            /* byte order mark / zero-width no-break space: dropped */
        } else if (k == 3 && c == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) {
            ov_buf_addc(&b, keep_newlines ? '\n' : ' ');
        } else {
            ov_buf_add(&b, s + i, k);
        }
        i += k;
    }
    return ov_buf_detach(&b);
}

/* Width of text[0..len), measured in runs of at most RUN_MAX bytes. */
static float width_n(ov_pd *pd, enum ov_pd_font f, float size, const char *text, size_t len)
{
    HPDF_UINT width = 0;
    while (len > 0) {
        size_t k = cut_utf8(text, len, RUN_MAX);
        if (k == 0)
            k = len < RUN_MAX ? len : RUN_MAX;
        HPDF_TextWidth tw = HPDF_Font_TextWidth(pd->font[f], (const HPDF_BYTE *)text, (HPDF_UINT)k);
        width += tw.width;
        text += k;
        len -= k;
    }
    return (float)width * size / 1000.0f;
}

/* Width in points of a clean single-line string in font f at size. */
float ov_pd_text_width(ov_pd *pd, enum ov_pd_font f, float size, const char *text)
{
    return width_n(pd, f, size, text, strlen(text));
}

/* Wraps clean text into lines no wider than width, as a malloc'd *lines (caller frees);
 * returns the number of lines (at least 1). */
size_t ov_pd_wrap(ov_pd *pd, enum ov_pd_font f, float size, const char *text, float width,
                  ov_pd_span **lines)
{
    ov_pd_span *out = NULL;
    size_t n = 0, cap = 0;
    size_t len = strlen(text), pos = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t p = pos;
        int any = 0;
        while (p < end) {
            while (p < end && text[p] == ' ')
                p++;
            if (p == end)
                break;
            HPDF_REAL real;
            /* a line never holds RUN_MAX bytes: measure no more than that */
            size_t rest = cut_utf8(text + p, end - p, RUN_MAX);
            if (rest == 0)
                rest = end - p < RUN_MAX ? end - p : RUN_MAX;
            size_t k = HPDF_Font_MeasureText(pd->font[f], (const HPDF_BYTE *)text + p,
                                             (HPDF_UINT)rest, width, size, 0, 0, HPDF_TRUE, &real);
            if (k == 0) {
                /* one word wider than the line: break it between characters */
                k = HPDF_Font_MeasureText(pd->font[f], (const HPDF_BYTE *)text + p, (HPDF_UINT)rest,
                                          width, size, 0, 0, HPDF_FALSE, &real);
                while (k > 0 && k < rest && ((unsigned char)text[p + k] & 0xC0) == 0x80)
                    k--;
                if (k == 0) {
                    k = seq_len((unsigned char)text[p]);
                    if (k > rest)
                        k = rest;
                }
            }
            size_t l = k;
            while (l > 0 && text[p + l - 1] == ' ')
                l--;
            ov_pd_span *sp = OV_PUSH(out, n, cap);
            sp->start = p;
            sp->len = l;
            any = 1;
            p += k;
        }
        if (!any) {
            ov_pd_span *sp = OV_PUSH(out, n, cap);
            sp->start = pos;
            sp->len = 0;
        }
        if (!nl)
            break;
        pos = end + 1;
    }
    *lines = out;
    return n;
}

/* Records a drawn text run when tracing. */
static void trace(ov_pd *pd, enum ov_pd_font f, float size, float x, float y, float w,
                  const char *text, size_t len)
{
    if (!pd->trace)
        return;
    ov_pd_trace_item *t = OV_PUSH(pd->tr, pd->ntr, pd->cap_tr);
    t->page = pd->cur;
    t->x = x;
    t->y = y;
    t->w = w;
    t->size = size;
    t->font = f;
    t->text = ov_xstrndup(text, len);
}

/* Draws clean text[0..len) with its baseline at y. */
static void draw_run(ov_pd *pd, enum ov_pd_font f, float size, ov_pd_rgb colour, float x, float y,
                     enum ov_pd_align align, const char *text, size_t len)
{
    if (len == 0)
        return;
    float w = width_n(pd, f, size, text, len);
    if (align == OV_PD_ALIGN_CENTRE)
        x -= w / 2;
    else if (align == OV_PD_ALIGN_RIGHT)
        x -= w;
    HPDF_Page p = page(pd);
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, pd->font[f], size);
    HPDF_Page_SetRGBFill(p, colour.r, colour.g, colour.b);
    /* a long run goes to libharu in pieces, each continuing where the last ended */
    for (size_t done = 0; done < len;) {
        size_t k = cut_utf8(text + done, len - done, RUN_MAX);
        if (k == 0)
            k = len - done < RUN_MAX ? len - done : RUN_MAX;
        char *s = ov_xstrndup(text + done, k);
        if (done == 0)
            HPDF_Page_TextOut(p, x, y, s);
        else
            HPDF_Page_ShowText(p, s);
        free(s);
        done += k;
    }
    HPDF_Page_EndText(p);
    trace(pd, f, size, x, y, w, text, len);
}

/* Draws one sanitised line of text with its baseline at y, aligned at x. */
void ov_pd_text_at(ov_pd *pd, enum ov_pd_font f, float size, ov_pd_rgb colour, float x, float y,
                   enum ov_pd_align align, const char *text)
{
    char *c = ov_pd_clean(text, 0);
    draw_run(pd, f, size, colour, x, y, align, c, strlen(c));
    free(c);
}

/* Draws one sanitised line turned a quarter to the left (reading upwards) from
 * (x, y), shortened with an ellipsis to at most max_w points. */
void ov_pd_text_up(ov_pd *pd, enum ov_pd_font f, float size, ov_pd_rgb colour, float x, float y,
                   float max_w, const char *text)
{
    char *c = ov_pd_clean(text, 0);
    size_t len = strlen(c);
    if (width_n(pd, f, size, c, len) > max_w) {
        static const char ell[] = "\u2026";
        float ew = width_n(pd, f, size, ell, sizeof ell - 1);
        while (len > 0 && width_n(pd, f, size, c, len) + ew > max_w) {
            len--;
            while (len > 0 && ((unsigned char)c[len] & 0xC0) == 0x80)
                len--; /* back to the start of a UTF-8 character */
        }
        ov_buf b = {0};
        ov_buf_add(&b, c, len);
        ov_buf_adds(&b, ell);
        free(c);
        c = ov_buf_detach(&b);
        len = strlen(c);
    }
    if (len) {
        HPDF_Page p = page(pd);
        HPDF_Page_BeginText(p);
        HPDF_Page_SetFontAndSize(p, pd->font[f], size);
        HPDF_Page_SetRGBFill(p, colour.r, colour.g, colour.b);
        HPDF_Page_SetTextMatrix(p, 0, 1, -1, 0, x, y);
        HPDF_Page_ShowText(p, c);
        HPDF_Page_EndText(p);
        trace(pd, f, size, x, y, width_n(pd, f, size, c, len), c, len);
    }
    free(c);
}

/* Baseline of a line whose box of height leading starts at top. */
static float baseline(float top, float leading, float size)
{
    return top - leading / 2 - size * 0.34f;
}

/* x where a line of width w starts in the box [x, x + bw] for align. */
static float align_x(float x, float bw, enum ov_pd_align align)
{
    if (align == OV_PD_ALIGN_CENTRE)
        return x + bw / 2;
    if (align == OV_PD_ALIGN_RIGHT)
        return x + bw;
    return x;
}

/* Draws text wrapped into [x, x + w] from top, at most max_lines (0: all; a cut line ends
 * with an ellipsis); returns the lines drawn. The cursor does not move. */
size_t ov_pd_text_box(ov_pd *pd, enum ov_pd_font f, float size, float leading, ov_pd_rgb colour,
                      float x, float top, float w, enum ov_pd_align align, size_t max_lines,
                      const char *text)
{
    char *c = ov_pd_clean(text, 1);
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, f, size, c, w, &ln);
    size_t shown = max_lines && n > max_lines ? max_lines : n;
    for (size_t i = 0; i < shown; i++) {
        float y = baseline(top - (float)i * leading, leading, size);
        if (i + 1 == shown && shown < n) {
            /* cut: shorten the last line until it fits with an ellipsis */
            ov_buf b = {0};
            size_t l = ln[i].len;
            for (;;) {
                ov_buf_reset(&b);
                ov_buf_add(&b, c + ln[i].start, l);
                while (b.len && b.s[b.len - 1] == ' ')
                    b.s[--b.len] = '\0';
                ov_buf_adds(&b, "\u2026");
                if (l == 0 || ov_pd_text_width(pd, f, size, b.s) <= w)
                    break;
                do
                    l--;
                while (l > 0 && ((unsigned char)c[ln[i].start + l] & 0xC0) == 0x80);
            }
            draw_run(pd, f, size, colour, align_x(x, w, align), y, align, b.s, b.len);
            ov_buf_free(&b);
        } else {
            draw_run(pd, f, size, colour, align_x(x, w, align), y, align, c + ln[i].start,
                     ln[i].len);
        }
    }
    free(ln);
    free(c);
    return shown;
}

/* Flows a paragraph in style st at the cursor, breaking pages between lines. */
void ov_pd_paragraph(ov_pd *pd, const ov_pd_style *st, const char *text)
{
    char *c = ov_pd_clean(text, 1);
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, st->font, st->size, c, OV_PD_WIDTH - st->indent, &ln);
    for (size_t i = 0; i < n; i++) {
        ov_pd_need(pd, st->leading);
        draw_run(pd, st->font, st->size, st->colour, OV_PD_LEFT + st->indent,
                 baseline(pd->y, st->leading, st->size), OV_PD_ALIGN_LEFT, c + ln[i].start,
                 ln[i].len);
        pd->y -= st->leading;
    }
    ov_pd_space(pd, st->space_after);
    free(ln);
    free(c);
}

/* Flows a bullet item at the cursor: marker, then text with a hanging indent. */
void ov_pd_bullet(ov_pd *pd, const ov_pd_style *st, const char *marker, const char *text)
{
    const float hang = st->size * 1.4f;
    char *c = ov_pd_clean(text, 1);
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, st->font, st->size, c, OV_PD_WIDTH - st->indent - hang, &ln);
    for (size_t i = 0; i < n; i++) {
        ov_pd_need(pd, i == 0 ? 2 * st->leading : st->leading);
        float y = baseline(pd->y, st->leading, st->size);
        if (i == 0)
            ov_pd_text_at(pd, st->font, st->size, st->colour, OV_PD_LEFT + st->indent, y,
                          OV_PD_ALIGN_LEFT, marker);
        draw_run(pd, st->font, st->size, st->colour, OV_PD_LEFT + st->indent + hang, y,
                 OV_PD_ALIGN_LEFT, c + ln[i].start, ln[i].len);
        pd->y -= st->leading;
    }
    ov_pd_space(pd, st->space_after);
    free(ln);
    free(c);
}

/* Flows a boxed note (accent bar, tint, bold title) at the cursor; what does not fit
 * continues in a new box on the next page. */
void ov_pd_note(ov_pd *pd, const char *title, const char *text, ov_pd_rgb accent, ov_pd_rgb tint)
{
    const float size = 9.5f, leading = 13.5f, pad = 7.0f, bar = 3.5f;
    const float inner = OV_PD_WIDTH - bar - 2 * pad;
    char *ct = ov_pd_clean(title, 0);
    char *cb = ov_pd_clean(text, 1);
    ov_pd_span *lt = NULL, *lb = NULL;
    size_t nt = ct[0] ? ov_pd_wrap(pd, OV_PD_BOLD, size, ct, inner, &lt) : 0;
    size_t nb = ov_pd_wrap(pd, OV_PD_REGULAR, size, cb, inner, &lb);
    size_t n = nt + nb, i = 0;
    size_t first = n < 3 ? n : 3;
    ov_pd_need(pd, (float)first * leading + 2 * pad);
    while (i < n) {
        size_t avail = (size_t)fmaxf(0, floorf((pd->y - OV_PD_BOTTOM - 2 * pad) / leading));
        if (avail < 2 && n - i > avail && !ov_pd_page_empty(pd)) {
            ov_pd_add_page(pd);
            continue;
        }
        if (avail == 0)
            avail = 1;
        size_t k = n - i < avail ? n - i : avail;
        float h = (float)k * leading + 2 * pad;
        ov_pd_rect(pd, OV_PD_LEFT, pd->y - h, OV_PD_WIDTH, h, &tint, NULL, 0);
        ov_pd_rect(pd, OV_PD_LEFT, pd->y - h, bar, h, &accent, NULL, 0);
        for (size_t j = 0; j < k; j++, i++) {
            float y = baseline(pd->y - pad - (float)j * leading, leading, size);
            float x = OV_PD_LEFT + bar + pad;
            if (i < nt)
                draw_run(pd, OV_PD_BOLD, size, TEXT, x, y, OV_PD_ALIGN_LEFT, ct + lt[i].start,
                         lt[i].len);
            else
                draw_run(pd, OV_PD_REGULAR, size, TEXT, x, y, OV_PD_ALIGN_LEFT,
                         cb + lb[i - nt].start, lb[i - nt].len);
        }
        pd->y -= h;
        if (i < n)
            ov_pd_add_page(pd);
    }
    ov_pd_space(pd, 10);
    free(lt);
    free(lb);
    free(ct);
    free(cb);
}

/* A destination at the top of a block on page p, fitting the page width. */
static HPDF_Destination dest_at(ov_pd *pd, size_t p, float top)
{
    HPDF_Destination d = HPDF_Page_CreateDestination(pd->pages[p]);
    if (d)
        HPDF_Destination_SetFitH(d, top + 14);
    return d;
}

/* Adds a bookmark for a heading (level 2 under the last level 1). */
static void add_outline(ov_pd *pd, int level, const char *text, float top)
{
    HPDF_Outline parent = level == 1 || !pd->last_top ? NULL : pd->last_top;
    char *t = meta_text(text);
    HPDF_Outline o = HPDF_CreateOutline(pd->doc, parent, t, pd->utf8);
    free(t);
    if (!o)
        return;
    HPDF_Outline_SetDestination(o, dest_at(pd, pd->cur, top));
    if (level == 1) {
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
        pd->last_top = o;
    }
}

/* Places a level 1-3 heading kept with keep points of what follows; levels 1 and 2 also get
 * a bookmark and a contents entry. */
void ov_pd_heading(ov_pd *pd, int level, const char *text, ov_pd_rgb colour, float keep)
{
    static const float sizes[] = {20.0f, 13.5f, 11.0f};
    static const float before[] = {0.0f, 12.0f, 8.0f};
    if (level < 1)
        level = 1;
    if (level > 3)
        level = 3;
    float size = sizes[level - 1], leading = size * 1.3f;
    char *c = ov_pd_clean(text, 0);
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, OV_PD_BOLD, size, c, OV_PD_WIDTH, &ln);
    float h = (float)n * leading + (level == 1 ? 10 : 3);
    if (!ov_pd_page_empty(pd))
        ov_pd_space(pd, before[level - 1]);
    ov_pd_need(pd, h + keep);
    float top = pd->y;
    for (size_t i = 0; i < n; i++) {
        draw_run(pd, OV_PD_BOLD, size, colour, OV_PD_LEFT, baseline(pd->y, leading, size),
                 OV_PD_ALIGN_LEFT, c + ln[i].start, ln[i].len);
        pd->y -= leading;
    }
    if (level == 1) {
        pd->y -= 3;
        ov_pd_line(pd, OV_PD_LEFT, pd->y, OV_PD_RIGHT, pd->y, colour, 1.2f, OV_PD_SOLID);
        pd->y -= 7;
    } else {
        pd->y -= 3;
    }
    if (level <= 2) {
        add_outline(pd, level, c, top);
        ov_pd_heading_rec *r = OV_PUSH(pd->heads, pd->nheads, pd->cap_heads);
        r->level = level;
        r->text = c;
        r->page = pd->cur;
        r->y = top;
        c = NULL;
    }
    free(ln);
    free(c);
}

/* Headings placed so far, their count in *n (owned by pd). */
const ov_pd_heading_rec *ov_pd_headings(const ov_pd *pd, size_t *n)
{
    *n = pd->nheads;
    return pd->heads;
}

/* ---- shapes ------------------------------------------------------------------ */

/* Sets the dash pattern for the next stroke. */
static void set_dash(HPDF_Page p, enum ov_pd_dash dash)
{
    static const HPDF_UINT16 dashed[] = {4, 2}, dotted[] = {1, 2}, dashdot[] = {5, 2, 1, 2};
    switch (dash) {
    case OV_PD_DASHED:
        HPDF_Page_SetDash(p, dashed, 2, 0);
        break;
    case OV_PD_DOTTED:
        HPDF_Page_SetDash(p, dotted, 2, 0);
        break;
    case OV_PD_DASHDOT:
        HPDF_Page_SetDash(p, dashdot, 4, 0);
        break;
    default:
        HPDF_Page_SetDash(p, NULL, 0, 0);
        break;
    }
}

/* Draws a rectangle with bottom-left (x, y), filled and/or stroked (nothing when neither). */
void ov_pd_rect(ov_pd *pd, float x, float y, float w, float h, const ov_pd_rgb *fill,
                const ov_pd_rgb *stroke, float line_width)
{
    HPDF_Page p = page(pd);
    if (!fill && !stroke)
        return;
    HPDF_Page_GSave(p);
    if (fill)
        HPDF_Page_SetRGBFill(p, fill->r, fill->g, fill->b);
    if (stroke) {
        HPDF_Page_SetRGBStroke(p, stroke->r, stroke->g, stroke->b);
        HPDF_Page_SetLineWidth(p, line_width);
    }
    HPDF_Page_Rectangle(p, x, y, w, h);
    if (fill && stroke)
        HPDF_Page_FillStroke(p);
    else if (fill)
        HPDF_Page_Fill(p);
    else
        HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

/* Strokes a line from (x1, y1) to (x2, y2) in colour, width and dash. */
void ov_pd_line(ov_pd *pd, float x1, float y1, float x2, float y2, ov_pd_rgb colour, float width,
                enum ov_pd_dash dash)
{
    HPDF_Page p = page(pd);
    HPDF_Page_GSave(p);
    HPDF_Page_SetRGBStroke(p, colour.r, colour.g, colour.b);
    HPDF_Page_SetLineWidth(p, width);
    set_dash(p, dash);
    HPDF_Page_MoveTo(p, x1, y1);
    HPDF_Page_LineTo(p, x2, y2);
    HPDF_Page_Stroke(p);
    HPDF_Page_GRestore(p);
}

/* Draws a filled marker of size s centred on (x, y), outlined in white. */
void ov_pd_marker(ov_pd *pd, enum ov_pd_marker m, float x, float y, float s, ov_pd_rgb colour)
{
    if (m == OV_PD_NO_MARKER)
        return;
    HPDF_Page p = page(pd);
    float r = s / 2;
    HPDF_Page_GSave(p);
    HPDF_Page_SetRGBFill(p, colour.r, colour.g, colour.b);
    HPDF_Page_SetRGBStroke(p, 1, 1, 1);
    HPDF_Page_SetLineWidth(p, 0.6f);
    switch (m) {
    case OV_PD_CIRCLE:
        HPDF_Page_Circle(p, x, y, r);
        break;
    case OV_PD_SQUARE:
        HPDF_Page_Rectangle(p, x - r * 0.9f, y - r * 0.9f, r * 1.8f, r * 1.8f);
        break;
    case OV_PD_TRIANGLE:
        HPDF_Page_MoveTo(p, x, y + r * 1.1f);
        HPDF_Page_LineTo(p, x + r * 1.05f, y - r * 0.8f);
        HPDF_Page_LineTo(p, x - r * 1.05f, y - r * 0.8f);
        HPDF_Page_ClosePath(p);
        break;
    default:
        HPDF_Page_MoveTo(p, x, y + r * 1.15f);
        HPDF_Page_LineTo(p, x + r * 1.15f, y);
        HPDF_Page_LineTo(p, x, y - r * 1.15f);
        HPDF_Page_LineTo(p, x - r * 1.15f, y);
        HPDF_Page_ClosePath(p);
        break;
    }
    HPDF_Page_FillStroke(p);
    HPDF_Page_GRestore(p);
}

/* ---- tables ------------------------------------------------------------------ */

/* Wrapped text of one cell. */
typedef struct {
    char *text;
    ov_pd_span *ln;
    size_t n;
} cell_lines;

/* Wraps every cell of a row (or the header when cells is NULL). */
static size_t wrap_row(ov_pd *pd, const ov_pd_table *t, const ov_pd_cell *cells, cell_lines *out)
{
    size_t most = 1;
    for (size_t i = 0; i < t->ncols; i++) {
        const char *s = cells ? cells[i].text : t->cols[i].header;
        enum ov_pd_font f = !cells || cells[i].bold ? OV_PD_BOLD : OV_PD_REGULAR;
        out[i].text = ov_pd_clean(s, 1);
        out[i].n =
            ov_pd_wrap(pd, f, t->size, out[i].text, t->cols[i].width - 2 * t->pad, &out[i].ln);
        if (out[i].n > most)
            most = out[i].n;
    }
    return most;
}

/* Frees the wrapped text of each cell of a row (not the array itself). */
static void free_row(const ov_pd_table *t, cell_lines *cl)
{
    for (size_t i = 0; i < t->ncols; i++) {
        free(cl[i].text);
        free(cl[i].ln);
    }
}

/* Draws lines [from, from + k) of a wrapped row at the cursor and moves it down. */
static void draw_row_part(ov_pd *pd, const ov_pd_table *t, const ov_pd_cell *cells,
                          const cell_lines *cl, size_t from, size_t k, int header)
{
    float h = (float)k * t->leading + 2 * t->pad;
    float x = OV_PD_LEFT, total = 0;
    for (size_t i = 0; i < t->ncols; i++)
        total += t->cols[i].width;
    if (header)
        ov_pd_rect(pd, x, pd->y - h, total, h, &HEAD_FILL, NULL, 0);
    else if (t->rows % 2 == 1)
        ov_pd_rect(pd, x, pd->y - h, total, h, &BAND, NULL, 0);
    for (size_t i = 0; i < t->ncols; i++) {
        const ov_pd_col *col = &t->cols[i];
        ov_pd_rgb colour = header ? WHITE : TEXT;
        enum ov_pd_font f = header ? OV_PD_BOLD : OV_PD_REGULAR;
        if (!header) {
            if (cells[i].fill) /* inset so neighbouring filled cells stay distinct */
                ov_pd_rect(pd, x + 0.75f, pd->y - h + 0.75f, col->width - 1.5f, h - 1.5f,
                           cells[i].fill, NULL, 0);
            if (cells[i].colour)
                colour = *cells[i].colour;
            if (cells[i].bold)
                f = OV_PD_BOLD;
        }
        for (size_t j = from; j < from + k && j < cl[i].n; j++) {
            float y =
                baseline(pd->y - t->pad - (float)(j - from) * t->leading, t->leading, t->size);
            draw_run(pd, f, t->size, colour,
                     align_x(x + t->pad, col->width - 2 * t->pad, col->align), y, col->align,
                     cl[i].text + cl[i].ln[j].start, cl[i].ln[j].len);
        }
        x += col->width;
    }
    if (!header)
        ov_pd_line(pd, OV_PD_LEFT, pd->y - h, OV_PD_LEFT + total, pd->y - h, RULE, 0.5f,
                   OV_PD_SOLID);
    pd->y -= h;
}

/* Draws the header row at the cursor. */
static void draw_header(ov_pd *pd, ov_pd_table *t)
{
    cell_lines *cl = ov_xcalloc(t->ncols, sizeof *cl);
    size_t n = wrap_row(pd, t, NULL, cl);
    draw_row_part(pd, t, NULL, cl, 0, n, 1);
    free_row(t, cl);
    free(cl);
    t->header_pages++;
}

/* Height of the header row. */
static float header_height(ov_pd *pd, const ov_pd_table *t)
{
    cell_lines *cl = ov_xcalloc(t->ncols, sizeof *cl);
    size_t n = wrap_row(pd, t, NULL, cl);
    free_row(t, cl);
    free(cl);
    return (float)n * t->leading + 2 * t->pad;
}

/* Starts a table at the cursor (on a new page unless the header and a row fit) and draws
 * its header row. */
void ov_pd_table_begin(ov_pd *pd, ov_pd_table *t, const ov_pd_col *cols, size_t ncols, float size)
{
    ov_pd_table_begin_rows(pd, t, cols, ncols, size, 0);
}

/* Starts a table of nrows rows (0: not known), keeping short ones whole and
 * the header of a long one with at least three rows. */
void ov_pd_table_begin_rows(ov_pd *pd, ov_pd_table *t, const ov_pd_col *cols, size_t ncols,
                            float size, size_t nrows)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
    t->size = size;
    t->leading = size * 1.3f;
    t->pad = 3.5f;
    t->expected = nrows;
    float row = 2 * t->leading + 2 * t->pad, hh = header_height(pd, t); /* rows of two lines */
    size_t keep = nrows == 0 ? 2 : nrows <= 6 ? nrows : 3;
    float need = hh + (float)keep * row;
    if (need > OV_PD_TOP - OV_PD_BOTTOM)
        need = hh + 3 * row;
    ov_pd_need(pd, need);
    draw_header(pd, t);
}

/* Starts a new page and repeats the header row on it. */
static void table_break(ov_pd *pd, ov_pd_table *t)
{
    ov_pd_add_page(pd);
    draw_header(pd, t);
    t->page_rows = 0;
}

/* Adds a row; one that does not fit moves to a new page below a repeated header, one
 * taller than a page is split. */
void ov_pd_table_row(ov_pd *pd, ov_pd_table *t, const ov_pd_cell *cells)
{
    cell_lines *cl = ov_xcalloc(t->ncols, sizeof *cl);
    size_t total = wrap_row(pd, t, cells, cl), done = 0;
    float hh = header_height(pd, t);
    size_t page_lines =
        (size_t)fmaxf(1, floorf((OV_PD_TOP - OV_PD_BOTTOM - hh - 2 * t->pad) / t->leading));
    /* the last rows of a known table: when they will not all fit here, they go
     * to the next page together rather than leave fewer than three there */
    if (t->expected && t->rows < t->expected) {
        size_t left = t->expected - t->rows;
        /* rows not yet seen are taken as two lines, or this one's height */
        float row_h = (float)(total > 2 ? total : 2) * t->leading + 2 * t->pad;
        if (left <= 3 && left < t->expected && t->page_rows >= 3 &&
            (float)left * row_h > pd->y - OV_PD_BOTTOM &&
            row_h * 3 <= OV_PD_TOP - OV_PD_BOTTOM - hh)
            table_break(pd, t);
    }
    while (done < total) {
        size_t avail = (size_t)fmaxf(0, floorf((pd->y - OV_PD_BOTTOM - 2 * t->pad) / t->leading));
        size_t rest = total - done;
        if (rest <= avail) {
            draw_row_part(pd, t, cells, cl, done, rest, 0);
            break;
        }
        /* does not fit: move whole rows that fit on a page; split taller ones */
        if ((done == 0 && rest <= page_lines) || avail < 2) {
            table_break(pd, t);
            continue;
        }
        draw_row_part(pd, t, cells, cl, done, avail, 0);
        done += avail;
        table_break(pd, t);
    }
    t->rows++;
    t->page_rows++;
    free_row(t, cl);
    free(cl);
}

/* Ends the table and leaves some space below it. */
void ov_pd_table_end(ov_pd *pd, ov_pd_table *t)
{
    (void)t;
    ov_pd_space(pd, 12);
}

/* ---- charts ------------------------------------------------------------------ */

/* A tick step of 1, 2 or 5 x 10^k giving about five gridlines up to max. */
static double tick_step(double max)
{
    double raw = max / 5, mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Draws the legend from top in rows across [x0, x1]; returns its height. */
static float draw_legend(ov_pd *pd, const ov_pd_legend_item *items, size_t n, float x0, float x1,
                         float top)
{
    const float size = 8.0f, row = 12.0f;
    float x = x0, y = top;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char *c = ov_pd_clean(items[i].label, 0);
        float sample = items[i].is_line ? 20.0f : 8.0f;
        float w = sample + 4 + ov_pd_text_width(pd, OV_PD_REGULAR, size, c) + 12;
        if (x > x0 && x + w > x1) {
            x = x0;
            y -= row;
        }
        float mid = y - row / 2;
        if (items[i].is_line) {
            ov_pd_line(pd, x, mid, x + sample, mid, items[i].colour, 1.6f, items[i].dash);
            ov_pd_marker(pd, items[i].marker, x + sample / 2, mid, 5.5f, items[i].colour);
        } else {
            ov_pd_rect(pd, x, mid - 4, 8, 8, &items[i].colour, NULL, 0);
        }
        draw_run(pd, OV_PD_REGULAR, size, TEXT, x + sample + 4, mid - size * 0.34f,
                 OV_PD_ALIGN_LEFT, c, strlen(c));
        x += w;
        free(c);
    }
    return top - y + row;
}

/* Plot frame shared by both charts. */
typedef struct {
    float x0, x1, y0, y1; /* plot area */
    double y_max;
} plot;

/* Page y of value v on the plot's axis (clamped to 0..y_max). */
static float plot_y(const plot *p, double v)
{
    if (v < 0)
        v = 0;
    if (v > p->y_max)
        v = p->y_max;
    return p->y0 + (float)(v / p->y_max) * (p->y1 - p->y0);
}

/* Gridlines, y labels, axis and the target line with its label at the right. */
static void draw_frame(ov_pd *pd, const plot *p, const char *unit, int has_target, double target,
                       const char *target_label)
{
    double step = tick_step(p->y_max);
    char buf[48];
    for (double v = 0; v <= p->y_max + step * 1e-6; v += step) {
        float y = plot_y(p, v);
        if (v > 0)
            ov_pd_line(pd, p->x0, y, p->x1, y, GRID, 0.5f, OV_PD_SOLID);
        snprintf(buf, sizeof buf, "%g%s", v, unit ? unit : "");
        draw_run(pd, OV_PD_REGULAR, 8.0f, MUTED, p->x0 - 4, y - 2.4f, OV_PD_ALIGN_RIGHT, buf,
                 strlen(buf));
    }
    ov_pd_line(pd, p->x0, p->y0, p->x1, p->y0, AXIS, 0.8f, OV_PD_SOLID);
    ov_pd_line(pd, p->x0, p->y0, p->x0, p->y1, AXIS, 0.8f, OV_PD_SOLID);
    if (has_target) {
        float y = plot_y(p, target);
        ov_pd_line(pd, p->x0, y, p->x1, y, AXIS, 1.3f, OV_PD_DASHED);
        if (target_label)
            ov_pd_text_box(pd, OV_PD_BOLD, 8.0f, 9.5f, AXIS, p->x1 + 3, y + 8.5f,
                           OV_PD_RIGHT - p->x1 - 3, OV_PD_ALIGN_LEFT, 2, target_label);
    }
}

/* Title at the top of a chart; returns its height. */
static float chart_title(ov_pd *pd, const char *title, float top)
{
    if (!title)
        return 0;
    size_t n = ov_pd_text_box(pd, OV_PD_BOLD, 10.0f, 13.0f, TEXT, OV_PD_LEFT, top, OV_PD_WIDTH,
                              OV_PD_ALIGN_LEFT, 2, title);
    return (float)n * 13.0f + 2;
}

/* Draws a bar chart across the content width at the cursor and moves the cursor below it. */
void ov_pd_draw_bar_chart(ov_pd *pd, const ov_pd_bar_chart *c)
{
    ov_pd_need(pd, c->height);
    float top = pd->y;
    top -= chart_title(pd, c->title, top);
    top -= draw_legend(pd, c->legend, c->nlegend, OV_PD_LEFT, OV_PD_RIGHT, top) + 4;
    plot p = {OV_PD_LEFT + 34, OV_PD_RIGHT - 46, pd->y - c->height + 34, top - 22,
              c->y_max > 0 ? c->y_max : 100};
    draw_frame(pd, &p, c->y_unit, c->has_target, c->target, c->target_label);
    size_t n = c->nbars ? c->nbars : 1;
    float slot = (p.x1 - p.x0) / (float)n;
    float bw = fminf(slot * 0.6f, 44.0f);
    for (size_t i = 0; i < c->nbars; i++) {
        const ov_pd_bar *b = &c->bars[i];
        float cx = p.x0 + slot * ((float)i + 0.5f);
        float vtop = p.y0;
        if (b->has_value) {
            float h = plot_y(&p, b->value) - p.y0;
            if (h < 1.0f)
                h = 1.0f;
            ov_pd_rect(pd, cx - bw / 2, p.y0, bw, h, &b->fill, b->emphasis ? &TEXT : NULL, 1.2f);
            vtop = p.y0 + h;
            /* value labels sit on a white patch so gridlines and the target
             * line never run through them */
            float y = vtop + 3;
            float lh = (b->value_text ? 9.0f : 0) + (b->sub_text ? 8.5f : 0);
            float lw = 0;
            char *vt = ov_pd_clean(b->value_text, 0), *st = ov_pd_clean(b->sub_text, 0);
            lw = fmaxf(ov_pd_text_width(pd, OV_PD_BOLD, 8.0f, vt),
                       ov_pd_text_width(pd, OV_PD_REGULAR, 8.0f, st));
            free(vt);
            free(st);
            if (lh > 0)
                ov_pd_rect(pd, cx - lw / 2 - 2, y - 2, lw + 4, lh + 1, &WHITE, NULL, 0);
            if (b->sub_text) {
                ov_pd_text_at(pd, OV_PD_REGULAR, 8.0f, TEXT, cx, y + 0.5f, OV_PD_ALIGN_CENTRE,
                              b->sub_text);
                y += 8.5f;
            }
            if (b->value_text)
                ov_pd_text_at(pd, OV_PD_BOLD, 8.0f, TEXT, cx, y, OV_PD_ALIGN_CENTRE, b->value_text);
        } else if (b->note) {
            /* no bar at all: a figure that is not shown must not look like a small one */
            ov_pd_text_box(pd, OV_PD_REGULAR, 8.0f, 9.5f, MUTED, cx - slot / 2 + 1, p.y0 + 20,
                           slot - 2, OV_PD_ALIGN_CENTRE, 2, b->note);
        }
        ov_pd_text_box(pd, b->emphasis ? OV_PD_BOLD : OV_PD_REGULAR, 8.0f, 9.5f, TEXT,
                       cx - slot / 2 + 1, p.y0 - 3, slot - 2, OV_PD_ALIGN_CENTRE, 3, b->label);
    }
    pd->y -= c->height;
    ov_pd_space(pd, 8);
}

/* Draws a line chart (legend of the series and target, first series on top) at the
 * cursor and moves the cursor below it. */
void ov_pd_draw_line_chart(ov_pd *pd, const ov_pd_line_chart *c)
{
    ov_pd_need(pd, c->height);
    float top = pd->y;
    top -= chart_title(pd, c->title, top);
    size_t nl = c->nseries + (c->has_target ? 1 : 0);
    ov_pd_legend_item *items = ov_xcalloc(nl ? nl : 1, sizeof *items);
    for (size_t i = 0; i < c->nseries; i++) {
        items[i].label = c->series[i].label;
        items[i].colour = c->series[i].colour;
        items[i].is_line = 1;
        items[i].dash = c->series[i].dash;
        items[i].marker = c->series[i].marker;
    }
    if (c->has_target) {
        items[c->nseries].label = c->target_label ? c->target_label : "Target";
        items[c->nseries].colour = AXIS;
        items[c->nseries].is_line = 1;
        items[c->nseries].dash = OV_PD_DASHED;
    }
    top -= draw_legend(pd, items, nl, OV_PD_LEFT, OV_PD_RIGHT, top) + 4;
    free(items);
    plot p = {OV_PD_LEFT + 34, OV_PD_RIGHT - 46, pd->y - c->height + 24, top - 8,
              c->y_max > 0 ? c->y_max : 100};
    draw_frame(pd, &p, c->y_unit, c->has_target, c->target, c->target_label);
    size_t n = c->npoints;
    float inset = 24, span = p.x1 - p.x0 - 2 * inset;
    float slot = n > 1 ? span / (float)(n - 1) : span;
    for (size_t i = 0; i < n; i++) {
        float x = n > 1 ? p.x0 + inset + slot * (float)i : (p.x0 + p.x1) / 2;
        float w = fminf(slot, 90.0f);
        ov_pd_text_box(pd, OV_PD_REGULAR, 8.0f, 9.5f, TEXT, x - w / 2, p.y0 - 3, w,
                       OV_PD_ALIGN_CENTRE, 2, c->x_labels[i]);
    }
    /* drawn last to first so that the first series (the total) lies on top */
    for (size_t s = c->nseries; s-- > 0;) {
        const ov_pd_series *se = &c->series[s];
        HPDF_Page pg = page(pd);
        HPDF_Page_GSave(pg);
        HPDF_Page_SetRGBStroke(pg, se->colour.r, se->colour.g, se->colour.b);
        HPDF_Page_SetLineWidth(pg, se->width > 0 ? se->width : 1.5f);
        HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN);
        set_dash(pg, se->dash);
        int pen = 0, drawn = 0, started = 0;
        for (size_t i = 0; i < n; i++) {
            if (!se->present[i]) {
                pen = 0;
                continue;
            }
            float x = n > 1 ? p.x0 + inset + slot * (float)i : (p.x0 + p.x1) / 2;
            float y = plot_y(&p, se->values[i]);
            if (pen) {
                HPDF_Page_LineTo(pg, x, y);
                drawn = 1;
            } else {
                HPDF_Page_MoveTo(pg, x, y);
                started = 1;
            }
            pen = 1;
        }
        /* a path must be ended in path mode only: a series with no point has none */
        if (drawn)
            HPDF_Page_Stroke(pg);
        else if (started)
            HPDF_Page_EndPath(pg);
        HPDF_Page_GRestore(pg);
        for (size_t i = 0; i < n; i++) {
            if (!se->present[i])
                continue;
            float x = n > 1 ? p.x0 + inset + slot * (float)i : (p.x0 + p.x1) / 2;
            ov_pd_marker(pd, se->marker, x, plot_y(&p, se->values[i]), 6.0f, se->colour);
        }
    }
    pd->y -= c->height;
    ov_pd_space(pd, 8);
}

/* ---- contents, header and footer ---------------------------------------------------- */

/* Adds the contents page with its title heading, which the contents does not list. */
void ov_pd_contents_reserve(ov_pd *pd, const char *title, ov_pd_rgb colour)
{
    ov_pd_add_page(pd);
    pd->has_contents = 1;
    pd->contents_page = pd->cur;
    size_t before = pd->nheads;
    ov_pd_heading(pd, 1, title, colour, 0);
    /* the contents does not list itself */
    if (pd->nheads > before) {
        pd->contents_title = pd->heads[--pd->nheads].text;
    }
}

/* Height of one contents entry. */
static float entry_height(int level)
{
    return level == 1 ? 20.0f : 15.0f;
}

/* Fills the contents page(s) with the level 1 and 2 headings, page numbers and links,
 * inserting continuation pages when needed. */
void ov_pd_contents_fill(ov_pd *pd, ov_pd_rgb colour)
{
    if (!pd->has_contents)
        return;
    const float first_top = OV_PD_TOP - 40;
    size_t pages = 1;
    float y = first_top;
    for (size_t i = 0; i < pd->nheads; i++) {
        float h = entry_height(pd->heads[i].level) + (pd->heads[i].level == 1 ? 4 : 0);
        if (y - h < OV_PD_BOTTOM) {
            pages++;
            y = OV_PD_TOP;
        }
        y -= h;
    }
    /* continuation pages go right after the contents page */
    size_t extra = pages - 1;
    for (size_t k = 0; k < extra; k++) {
        size_t at = pd->contents_page + 1 + k;
        HPDF_Page np;
        if (at < pd->npages)
            np = HPDF_InsertPage(pd->doc, pd->pages[at]);
        else
            np = HPDF_AddPage(pd->doc);
        HPDF_Page_SetSize(np, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        ov_grow((void **)&pd->pages, &pd->cap_pages, pd->npages + 1, sizeof *pd->pages);
        memmove(pd->pages + at + 1, pd->pages + at, (pd->npages - at) * sizeof *pd->pages);
        pd->pages[at] = np;
        pd->npages++;
    }
    if (extra) {
        for (size_t i = 0; i < pd->nheads; i++)
            if (pd->heads[i].page > pd->contents_page)
                pd->heads[i].page += extra;
        for (size_t i = 0; i < pd->ntr; i++)
            if (pd->tr[i].page > pd->contents_page)
                pd->tr[i].page += extra;
    }
    size_t pg = pd->contents_page;
    ov_pd_goto_page(pd, pg);
    y = first_top;
    char num[24];
    for (size_t i = 0; i < pd->nheads; i++) {
        const ov_pd_heading_rec *h = &pd->heads[i];
        float eh = entry_height(h->level);
        if (h->level == 1)
            y -= 4;
        if (y - eh < OV_PD_BOTTOM) {
            ov_pd_goto_page(pd, ++pg);
            y = OV_PD_TOP;
        }
        int l1 = h->level == 1;
        float size = l1 ? 11.0f : 10.0f;
        float x = OV_PD_LEFT + (l1 ? 0 : 16);
        enum ov_pd_font f = l1 ? OV_PD_BOLD : OV_PD_REGULAR;
        ov_pd_rgb col = l1 ? colour : TEXT;
        float bl = baseline(y, eh, size);
        snprintf(num, sizeof num, "%zu", h->page + 1);
        float nw = ov_pd_text_width(pd, f, size, num);
        float room = OV_PD_RIGHT - nw - 12 - x;
        /* one line per entry: long titles are cut with an ellipsis */
        ov_pd_text_box(pd, f, size, eh, col, x, y, room, OV_PD_ALIGN_LEFT, 1, h->text);
        char *c = ov_pd_clean(h->text, 0);
        float tw = fminf(ov_pd_text_width(pd, f, size, c), room);
        free(c);
        if (x + tw + 6 < OV_PD_RIGHT - nw - 6)
            ov_pd_line(pd, x + tw + 6, bl, OV_PD_RIGHT - nw - 6, bl, MUTED, 0.8f, OV_PD_DOTTED);
        draw_run(pd, f, size, col, OV_PD_RIGHT, bl, OV_PD_ALIGN_RIGHT, num, strlen(num));
        HPDF_Rect r = {x, y - eh, OV_PD_RIGHT, y};
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(page(pd), r, dest_at(pd, h->page, h->y));
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        y -= eh;
    }
}

/* Stamps every page with the marking, header and footer rules, footer_left and "Page X of Y". */
void ov_pd_stamp(ov_pd *pd, const char *marking, const char *footer_left, ov_pd_rgb colour)
{
    char buf[64];
    size_t saved = pd->cur;
    for (size_t i = 0; i < pd->npages; i++) {
        ov_pd_goto_page(pd, i);
        if (marking && marking[0]) {
            ov_pd_text_at(pd, OV_PD_BOLD, 9.0f, colour, OV_PD_PAGE_W / 2, OV_PD_PAGE_H - 30,
                          OV_PD_ALIGN_CENTRE, marking);
            ov_pd_text_at(pd, OV_PD_BOLD, 8.0f, colour, OV_PD_PAGE_W / 2, 22, OV_PD_ALIGN_CENTRE,
                          marking);
        }
        ov_pd_line(pd, OV_PD_LEFT, OV_PD_PAGE_H - 40, OV_PD_RIGHT, OV_PD_PAGE_H - 40, RULE, 0.6f,
                   OV_PD_SOLID);
        ov_pd_line(pd, OV_PD_LEFT, 46, OV_PD_RIGHT, 46, RULE, 0.6f, OV_PD_SOLID);
        if (footer_left)
            ov_pd_text_at(pd, OV_PD_REGULAR, 8.0f, MUTED, OV_PD_LEFT, 34, OV_PD_ALIGN_LEFT,
                          footer_left);
        snprintf(buf, sizeof buf, "Page %zu of %zu", i + 1, pd->npages);
        ov_pd_text_at(pd, OV_PD_REGULAR, 8.0f, MUTED, OV_PD_RIGHT, 34, OV_PD_ALIGN_RIGHT, buf);
    }
    pd->cur = saved;
}

/* ---- tracing ------------------------------------------------------------------ */

/* Starts recording every text run drawn from now on. */
void ov_pd_trace_on(ov_pd *pd)
{
    pd->trace = 1;
}

/* Text runs recorded so far, their count in *n (owned by pd). */
const ov_pd_trace_item *ov_pd_trace(const ov_pd *pd, size_t *n)
{
    *n = pd->ntr;
    return pd->tr;
}
