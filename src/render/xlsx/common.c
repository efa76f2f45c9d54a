/* common.c — what every sheet builder of the board workbook shares: the text
 * sanitiser every string passes through before it reaches libxlsxwriter, the
 * cell writers (text, numbers, dates, figures, targets), conditional formats,
 * row heights, the sheet title block and print set-up, the figure index and the
 * labels of agencies, categories and dates. Sheet builders call these; nothing
 * here calls a sheet builder. */
#include "core/mem.h"
#include "core/text.h"
#include "render/xlsx/common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ov_xlsx_rag_words[OV_MARK_COUNT] = {
    [OV_RAG_GREEN] = "Green",     [OV_RAG_AMBER] = "Amber",
    [OV_RAG_RED] = "Red",         [OV_RAG_SUPPRESSED] = "Suppressed",
    [OV_RAG_NO_DATA] = "No data", [OV_RAG_NOT_COVERED] = "Not covered",
    [OV_RAG_INFO] = "Info",       [OV_MARK_NOT_SENT] = "Not sent",
};

/* ---- text ------------------------------------------------------------------ */

/* Byte length of the UTF-8 sequence a lead byte announces, 0 when invalid. */
static size_t seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/* 1 when the valid sequence p[0..n) is a character XML or Excel cannot take:
 * C0 controls other than TAB and LF, DEL, C1 controls, U+FFFE and U+FFFF. */
static int unwanted(const unsigned char *p, size_t n)
{
    if (n == 1)
        return (p[0] < 0x20 && p[0] != '\t' && p[0] != '\n') || p[0] == 0x7f;
    if (n == 2)
        return p[0] == 0xc2 && p[1] < 0xa0;
    if (n == 3)
        return p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf);
    return 0;
}

/* Cleans text for the workbook; see common.h. */
size_t ov_xlsx_sanitize(const char *s, size_t len, ov_buf *out)
{
    static const char marker[] = "\xef\xbf\xbd"; /* U+FFFD */
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, used = 0, i = 0;
    int in_bad = 0;
    ov_buf_add(out, "", 0);
    while (s && i < len) {
        /* a run of printable ASCII, the usual text, goes over in one piece */
        size_t run = 0;
        while (i + run < len && p[i + run] >= 0x20 && p[i + run] < 0x7f)
            run++;
        if (run) {
            if (used + run > OV_XLSX_MAX_TEXT)
                run = OV_XLSX_MAX_TEXT - used;
            ov_buf_add(out, s + i, run);
            used += run;
            i += run;
            in_bad = 0;
            if (used >= OV_XLSX_MAX_TEXT)
                break;
            continue;
        }
        size_t n = seq_len(p[i]);
        if (n == 0 || n > len - i || !ov_utf8_valid(s + i, n)) {
            i++;
            if (in_bad)
                continue;
            in_bad = 1;
            bad++;
            if (used + 3 > OV_XLSX_MAX_TEXT)
                break;
            ov_buf_add(out, marker, 3);
            used += 3;
            continue;
        }
        in_bad = 0;
        if (!unwanted(p + i, n)) {
            if (used + n > OV_XLSX_MAX_TEXT)
                break;
            ov_buf_add(out, s + i, n);
            used += n;
        }
        i += n;
    }
    return bad;
}

/* Cleans s into the scratch buffer. */
const char *ov_xlsx_clean(ov_xw *w, const char *s)
{
    if (s && s == w->scratch.s)
        return s; /* already clean */
    ov_buf_reset(&w->scratch);
    w->bad_text += ov_xlsx_sanitize(s, s ? strlen(s) : 0, &w->scratch);
    return w->scratch.s;
}

/* Stores a string until the workbook is closed and returns it. */
static const char *keep_owned(ov_xw *w, char *s)
{
    *OV_PUSH(w->keep, w->nkeep, w->cap_keep) = s;
    return s;
}

/* Frees p when the workbook is closed. */
void *ov_xlsx_keep_ptr(ov_xw *w, void *p)
{
    *OV_PUSH(w->keep, w->nkeep, w->cap_keep) = p;
    return p;
}

/* Cleans s into a copy kept until the workbook is closed. */
const char *ov_xlsx_keep(ov_xw *w, const char *s)
{
    ov_buf b = {0};
    w->bad_text += ov_xlsx_sanitize(s, s ? strlen(s) : 0, &b);
    return keep_owned(w, ov_buf_detach(&b));
}

/* Header/footer-safe text; see common.h. */
const char *ov_xlsx_header_text(ov_xw *w, const char *s, size_t max)
{
    ov_buf clean = {0}, b = {0};
    w->bad_text += ov_xlsx_sanitize(s, s ? strlen(s) : 0, &clean);
    ov_buf_add(&b, "", 0);
    for (size_t i = 0; i < clean.len;) {
        size_t n = seq_len((unsigned char)clean.s[i]), out_n = n;
        const char *piece = clean.s + i;
        if (n == 0 || n > clean.len - i)
            break;
        if (n == 1 && clean.s[i] == '&') {
            piece = "\xef\xbc\x86"; /* U+FF06 FULLWIDTH AMPERSAND */
            out_n = 3;
        } else if (n == 1 && (clean.s[i] == '\n' || clean.s[i] == '\t')) {
            piece = " ";
        }
        if (b.len + out_n > max)
            break;
        ov_buf_add(&b, piece, out_n);
        i += n;
    }
    ov_buf_free(&clean);
    return keep_owned(w, ov_buf_detach(&b));
}

/* ---- cells ----------------------------------------------------------------- */

/* Keeps the first error. */
void ov_xlsx_check(ov_xw *w, lxw_error e)
{
    if (e != LXW_NO_ERROR && w->err == LXW_NO_ERROR)
        w->err = e;
}

/* Writes cleaned text or a blank. */
void ov_xlsx_text(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                  lxw_format *f)
{
    const char *t = ov_xlsx_clean(w, s);
    if (!*t) {
        ov_xlsx_check(w, worksheet_write_blank(ws, r, c, f));
        return;
    }
    ov_xlsx_check(w, worksheet_write_string(ws, r, c, t, f));
    if (f && f->text_wrap && ws == w->cur)
        ov_xlsx_row_lines(w, ws, r, ov_xlsx_lines(t, c < OV_XLSX_MAX_COLS ? w->colw[c] : 8.43));
}

/* Writes a finite number or a blank. */
void ov_xlsx_num(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (!isfinite(v)) {
        w->bad_number++;
        ov_xlsx_check(w, worksheet_write_blank(ws, r, c, f));
        return;
    }
    ov_xlsx_check(w, worksheet_write_number(ws, r, c, v, f));
}

/* Writes an Excel date or a blank. */
void ov_xlsx_date(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ov_date d, lxw_format *f)
{
    if (d == OV_DATE_NONE) {
        ov_xlsx_check(w, worksheet_write_blank(ws, r, c, f));
        return;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    lxw_datetime dt = {y, m, dd, 0, 0, 0.0};
    ov_xlsx_check(w, worksheet_write_datetime(ws, r, c, &dt, f));
}

/* Writes a formatted empty cell. */
void ov_xlsx_blank(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, lxw_format *f)
{
    ov_xlsx_check(w, worksheet_write_blank(ws, r, c, f));
}

/* 1 for green, amber and red. */
int ov_xlsx_rated(const ov_figure *f)
{
    return ov_pack_rated(f);
}

/* The word of a figure's mark. */
const char *ov_xlsx_mark_word(const ov_xw *w, const ov_figure *f)
{
    return ov_xlsx_rag_words[ov_pack_mark(w->pack, f)];
}

/* Info figures counted in whole numbers. */
static int info_is_count(int m)
{
    return m == OV_M_INFO_STAFF_IN_SCOPE || m == OV_M_INFO_ADHOC_HELD ||
           m == OV_M_INFO_EPISODES_OPEN;
}

/* Writes a figure's value or its grey words. */
void ov_xlsx_fig_value(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_figure *f,
                       int fill)
{
    int hist = ov_pack_from_history(f);
    if (f && f->rag == OV_RAG_INFO) {
        if (f->has_value)
            ov_xlsx_num(w, ws, r, c, f->value,
                        info_is_count(f->metric) ? (hist ? w->integer_hist : w->integer)
                                                 : (hist ? w->dec1_hist : w->dec1));
        else
            ov_xlsx_text(w, ws, r, c, "no data", w->muted);
        return;
    }
    if (!ov_xlsx_rated(f)) {
        char buf[32], words[48];
        snprintf(words, sizeof words, "%s%s", ov_xlsx_fig_words(w, f, buf),
                 hist ? " " OV_PACK_HISTORY_MARK : "");
        ov_xlsx_text(w, ws, r, c, words, w->muted);
        return;
    }
    int thin = ov_pack_thin_of(w->pack, f) != NULL;
    lxw_format *fmt = fill ? (hist   ? w->val_rag_hist[f->rag]
                              : thin ? w->val_rag_thin[f->rag]
                                     : w->val_rag[f->rag])
                           : (hist   ? w->pct_hist
                              : thin ? w->pct_thin
                                     : w->pct);
    ov_xlsx_num(w, ws, r, c, (double)f->num / (double)f->den, fmt);
}

/* Writes a target with its direction sign. */
void ov_xlsx_target(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_threshold *t)
{
    if (!t) {
        ov_xlsx_blank(w, ws, r, c, w->text);
        return;
    }
    ov_xlsx_num(w, ws, r, c, t->target / 100.0, t->lower_is_better ? w->tgt_lo : w->tgt_hi);
}

/* One "cell equals word" conditional format. */
void ov_xlsx_cf_word(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                     lxw_col_t c2, const char *word, lxw_format *f)
{
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"%s\"", word);
    lxw_conditional_format cf = {0};
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    cf.value_string = quoted;
    cf.format = f;
    if (r2 < r1)
        return;
    ov_xlsx_check(w, worksheet_conditional_format_range(ws, r1, c1, r2, c2, &cf));
}

/* Conditional fills for cells holding RAG words. */
void ov_xlsx_cf_rag_words(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                          lxw_col_t c2)
{
    for (int g = 0; g < OV_RAG_COUNT; g++)
        ov_xlsx_cf_word(w, ws, r1, c1, r2, c2, ov_xlsx_rag_words[g], w->cf_rag[g]);
}

/* Conditional fills keyed on the RAG word in another column of the row. */
void ov_xlsx_cf_rag_ref(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                        lxw_col_t c2, lxw_col_t rag_col)
{
    if (r2 < r1)
        return;
    char col[8], formula[64];
    lxw_col_to_name(col, rag_col, 0);
    for (int g = 0; g < OV_RAG_COUNT; g++) {
        snprintf(formula, sizeof formula, "=$%s%u=\"%s\"", col, (unsigned)r1 + 1,
                 ov_xlsx_rag_words[g]);
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
        cf.value_string = formula;
        cf.format = w->cf_rag[g];
        ov_xlsx_check(w, worksheet_conditional_format_range(ws, r1, c1, r2, c2, &cf));
    }
}

/* Lines that text takes when wrapped in a column of the given width (Excel
 * character units), estimated by greedy word wrap in the body font. */
int ov_xlsx_lines(const char *s, double width)
{
    if (!s || !*s)
        return 1;
    double per_line = width * 1.2 - 1;
    if (per_line < 4)
        per_line = 4;
    int lines = 1;
    double col = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == '\n') {
            lines++;
            col = 0;
            p++;
            continue;
        }
        /* the next word and its length in characters */
        const unsigned char *q = p;
        double len = 0;
        while (*q && *q != ' ' && *q != '\n') {
            if ((*q & 0xc0) != 0x80)
                len += 1;
            q++;
        }
        if (col > 0 && col + len > per_line) {
            lines++;
            col = 0;
        }
        while (len > per_line) { /* a word longer than the line breaks anywhere */
            lines++;
            len -= per_line;
        }
        col += len;
        p = q;
        while (*p == ' ') {
            col += 1;
            p++;
        }
    }
    return lines;
}

/* Sets a row's height for the given number of lines of body text. */
/* Grows the per-row records of the sheet being written to hold row r. */
static void rows_room(ov_xw *w, lxw_row_t r)
{
    if (r < w->nrows)
        return;
    size_t n = w->nrows ? w->nrows : 64;
    while (n <= r)
        n *= 2;
    w->row_lines = ov_xrealloc(w->row_lines, n * sizeof *w->row_lines);
    w->row_height = ov_xrealloc(w->row_height, n * sizeof *w->row_height);
    memset(w->row_lines + w->nrows, 0, (n - w->nrows) * sizeof *w->row_lines);
    memset(w->row_height + w->nrows, 0, (n - w->nrows) * sizeof *w->row_height);
    w->nrows = n;
}

/* Notes that row r needs that many lines. */
void ov_xlsx_row_lines(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, int lines)
{
    (void)ws;
    if (lines < 1)
        lines = 1;
    if (lines > 30)
        lines = 30;
    rows_room(w, r);
    if ((uint16_t)lines > w->row_lines[r])
        w->row_lines[r] = (uint16_t)lines;
}

/* Notes that row r is at least h points high. */
void ov_xlsx_row_height(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, double h)
{
    (void)ws;
    rows_room(w, r);
    if (h > w->row_height[r])
        w->row_height[r] = h;
}

/* Sets and remembers column widths. */
void ov_xlsx_col_width(ov_xw *w, lxw_worksheet *ws, lxw_col_t c1, lxw_col_t c2, double width)
{
    ov_xlsx_check(w, worksheet_set_column(ws, c1, c2, width, NULL));
    for (lxw_col_t c = c1; c <= c2 && c < OV_XLSX_MAX_COLS; c++)
        w->colw[c] = width;
}

/* The legend of colour-rated figures from row r; see common.h. */
lxw_row_t ov_xlsx_rag_legend(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, int incomplete)
{
    char buf[160];
    ov_xlsx_text(w, ws, r++, 0, "Legend", w->section);
    snprintf(buf, sizeof buf, "Fewer than %d in the denominator: not rated and no figure shown",
             w->ctx->suppress_below);
    const struct {
        const char *word;
        lxw_format *f;
        const char *text;
    } legend[] = {
        {"Green (G)", w->word_rag[OV_RAG_GREEN], "At or beyond the target"},
        {"Amber (A)", w->word_rag[OV_RAG_AMBER],
         "Short of the target but at or beyond the amber threshold"},
        {"Red (R)", w->word_rag[OV_RAG_RED], "Short of the amber threshold"},
        {"suppressed", w->muted, buf},
        {"no data", w->muted,
         "Nothing to measure (denominator 0), or the agency sent no data "
         "for it"},
        {"not sent", w->muted, "The agency did not send the optional file the measure comes from"},
        {"not covered", w->muted,
         "The agency's extract does not cover the period, so it cannot give the figure"},
        {OV_PACK_THIN_MARK, w->muted,
         "The figure rests on a field the agency fills in too few of the rows it counts: it "
         "reflects recording as much as practice (listed on the Board sheet)"},
        {"incomplete", w->warn_word,
         "A required file (staff.csv or sessions.csv) was missing or unusable: figures cover "
         "only what was received"},
    };
    size_t n = sizeof legend / sizeof legend[0] - (incomplete ? 0 : 1);
    for (size_t i = 0; i < n; i++) {
        ov_xlsx_text(w, ws, r, 0, legend[i].word, legend[i].f);
        ov_xlsx_text(w, ws, r, 1, legend[i].text, w->prompt);
        r++;
    }
    return r;
}

/* Column widths and the header of an Excel table. */
void ov_xlsx_table_columns(ov_xw *w, lxw_worksheet *ws, const char *const *heads,
                           const double *widths, int n, int nleft, lxw_table_column *cols,
                           lxw_table_column **colp)
{
    memset(cols, 0, (size_t)n * sizeof *cols);
    for (int c = 0; c < n; c++) {
        ov_xlsx_col_width(w, ws, (lxw_col_t)c, (lxw_col_t)c, widths[c]);
        cols[c].header = (char *)heads[c];
        cols[c].header_format = c < nleft ? w->head_l : w->head;
        colp[c] = &cols[c];
    }
    colp[n] = NULL;
}

/* Sets the heights of the rows of the sheet being written, then forgets them. */
void ov_xlsx_rows_done(ov_xw *w)
{
    if (w->cur) {
        for (size_t r = 0; r < w->nrows; r++) {
            double h = w->row_lines[r] > 1 ? 12.75 * w->row_lines[r] + 2.25 : 0;
            if (w->row_height[r] > h)
                h = w->row_height[r];
            if (h > 0)
                ov_xlsx_check(w, worksheet_set_row(w->cur, (lxw_row_t)r, h, NULL));
        }
    }
    if (w->nrows) {
        memset(w->row_lines, 0, w->nrows * sizeof *w->row_lines);
        memset(w->row_height, 0, w->nrows * sizeof *w->row_height);
    }
    for (size_t c = 0; c < OV_XLSX_MAX_COLS; c++)
        w->colw[c] = 8.43; /* Excel's default width */
    w->cur = NULL;
}

/* Width of a column of agency names. */
double ov_xlsx_agency_width(const ov_xw *w, double min, double max)
{
    double width = min;
    for (size_t i = 0; i < w->nshown; i++) {
        const ov_agency *a = &w->data->agencies[w->shown[i]];
        const char *name = a->name && a->name[0] ? a->name : a->id;
        /* characters of 10 pt Arial are about 0.9 of a width unit, plus the id */
        double need = 0.95 * (double)strlen(name) + 2;
        if (need > width)
            width = need;
    }
    return width > max ? max : width;
}

/* ---- lookups and words ------------------------------------------------------ */

/* The indexed ALL/agency figure or NULL. */
const ov_figure *ov_xlsx_fig(const ov_xw *w, size_t p, int m, int32_t agency)
{
    if (!w->idx || p >= w->res->nperiods || m < 0 || m >= OV_M_COUNT)
        return NULL;
    size_t slot = agency == OV_ALL ? 0 : (size_t)agency + 1;
    if (agency < OV_ALL || slot >= w->nslot)
        return NULL;
    return w->idx[(p * OV_M_COUNT + (size_t)m) * w->nslot + slot];
}

/* "Name (ID)" or "Partnership (ALL)"; kept until the workbook is closed. */
const char *ov_xlsx_agency_label(ov_xw *w, int32_t agency)
{
    if (agency < 0 || (size_t)agency >= w->data->nagencies)
        return "Partnership (ALL)";
    const ov_agency *a = &w->data->agencies[agency];
    char *s;
    if (a->name && *a->name && strcmp(a->name, a->id) != 0)
        s = ov_xasprintf("%s (%s)", a->name, a->id);
    else
        s = ov_xstrdup(a->id);
    ov_buf b = {0};
    w->bad_text += ov_xlsx_sanitize(s, strlen(s), &b);
    free(s);
    return keep_owned(w, ov_buf_detach(&b));
}

/* Category names as people say them. */
const char *ov_xlsx_category_name(int cat)
{
    static const char *const names[OV_CAT_COUNT] = {
        "Early help",       "Child in need", "Child protection",
        "Care proceedings", "Child in care", "Child in care (long-term matched)",
        "Short breaks",     "Care leaver",   "Adoption support",
    };
    return cat >= 0 && cat < OV_CAT_COUNT ? names[cat] : "Other";
}

/* Agency types as people say them. */
const char *ov_xlsx_agency_type_name(int type)
{
    static const char *const names[OV_AT_COUNT] = {
        "Children's social care", "Health", "Police", "Education", "Probation",
        "Voluntary sector",       "Other",
    };
    return type >= 0 && type < OV_AT_COUNT ? names[type] : "Other";
}

/* "1 Oct 2025". */
char *ov_xlsx_date_words(ov_date d, char buf[16])
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    buf[0] = '\0';
    if (d == OV_DATE_NONE)
        return buf;
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    if (m < 1 || m > 12)
        return buf;
    snprintf(buf, 16, "%d %s %d", dd % 100, mon[m - 1], y % 10000);
    return buf;
}

/* "83.3%", "suppressed" or "no data". */
const char *ov_xlsx_fig_words(const ov_xw *w, const ov_figure *f, char buf[32])
{
    static const char *const lower[OV_MARK_COUNT] = {[OV_RAG_SUPPRESSED] = "suppressed",
                                                     [OV_RAG_NO_DATA] = "no data",
                                                     [OV_RAG_NOT_COVERED] = "not covered",
                                                     [OV_MARK_NOT_SENT] = "not sent"};
    if (!ov_xlsx_rated(f)) {
        int mark = ov_pack_mark(w->pack, f);
        return lower[mark] ? lower[mark] : "no data";
    }
    char pct[16];
    ov_metrics_format_pct(f->num, f->den, pct);
    snprintf(buf, 32, "%s%%", pct);
    return buf;
}

/* ---- sheets ---------------------------------------------------------------- */

/* Adds a sheet with print setup and its title block. */
lxw_worksheet *ov_xlsx_sheet(ov_xw *w, const char *name, lxw_color_t tab, const char *heading,
                             const char *prompt)
{
    const ov_report_ctx *ctx = w->ctx;
    ov_xlsx_rows_done(w);
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws) {
        ov_xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    w->cur = ws;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.7, 0.6);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_set_tab_color(ws, tab);
    worksheet_set_zoom(ws, 90);

    const char *marking = ov_xlsx_header_text(w, ctx->marking, 60);
    const char *title = ov_xlsx_header_text(w, ctx->title, 70);
    const char *period = w->res->nperiods ? w->res->periods[0].label : "";
    /* A space follows each font-size code so that text starting with a digit
     * can never extend the size. */
    char *header = ov_xasprintf("&L&8 %s&C&\"Arial,Bold\"&10 %s&R&8 %s", title, marking, name);
    char *footer = ov_xasprintf("&L&8 Period %s&C&\"Arial,Bold\"&10 %s&R&8 Page &P of &N",
                                ov_xlsx_header_text(w, period, 40), marking);
    lxw_header_footer_options hf = {.margin = 0.3};
    ov_xlsx_check(w, worksheet_set_header_opt(ws, header, &hf));
    ov_xlsx_check(w, worksheet_set_footer_opt(ws, footer, &hf));
    free(header);
    free(footer);

    ov_xlsx_row_height(w, ws, 0, 24);
    ov_xlsx_text(w, ws, 0, 0, heading, w->title);
    char ps[16], pe[16], run[16];
    const ov_period *p = w->res->nperiods ? &w->res->periods[0] : NULL;
    char asat[16];
    ov_date as_at = w->pack->as_at != OV_DATE_NONE ? w->pack->as_at : ctx->run_date;
    char *context = ov_xasprintf(
        "%s  |  Period %s (%s to %s)  |  Figures as at %s  |  Run date %s  |  %s",
        ctx->title ? ctx->title : "", p ? p->label : "", p ? ov_xlsx_date_words(p->start, ps) : "",
        p ? ov_xlsx_date_words(p->end, pe) : "", ov_xlsx_date_words(as_at, asat),
        ov_xlsx_date_words(ctx->run_date, run), ctx->marking ? ctx->marking : "OFFICIAL-SENSITIVE");
    ov_xlsx_text(w, ws, 1, 0, context, w->subtitle);
    free(context);
    if (prompt)
        ov_xlsx_text(w, ws, 2, 0, prompt, w->prompt);
    return ws;
}

/* Repeats the header rows on every printed page and freezes them on screen. */
void ov_xlsx_sheet_header_rows(ov_xw *w, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                               lxw_col_t freeze_col)
{
    ov_xlsx_check(w, worksheet_repeat_rows(ws, first, last));
    worksheet_freeze_panes(ws, last + 1, freeze_col);
}

/* ---- formats --------------------------------------------------------------- */
