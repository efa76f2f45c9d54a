/* xlsx.c — the board workbook (NAME.xlsx) written with libxlsxwriter: the
 * workbook, its formats and document properties, the text sanitiser that every
 * string passes through, the cell-writing functions shared by the sheet
 * builders, and the atomic write (temporary file renamed into place). The sheets
 * themselves are built in xlsx_perf.c, xlsx_know.c, xlsx_improve.c and
 * xlsx_except.c (the Exceptions sheet of an agency report). */
#include "xlsx_priv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

const char *const ov_xlsx_rag_words[OV_RAG_INFO + 1] = {
    [OV_RAG_GREEN] = "Green",           [OV_RAG_AMBER] = "Amber",     [OV_RAG_RED] = "Red",
    [OV_RAG_SUPPRESSED] = "Suppressed", [OV_RAG_NO_DATA] = "No data", [OV_RAG_INFO] = "Info",
};

#define FONT      "Arial"
#define NAVY      0x1F3864
#define GREY_TEXT 0x595959
#define GRID      0xBFBFBF

/* Soft fills and dark text of the RAG ratings (index enum ov_rag). */
static const lxw_color_t rag_fill[OV_RAG_INFO + 1] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE,
                                                      0xE7E6E6, 0xE7E6E6, 0xDDEBF7};
static const lxw_color_t rag_font[OV_RAG_INFO + 1] = {0x006100, 0x7F4F00, 0x9C0006,
                                                      0x595959, 0x595959, 0x1F3864};

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

/* Cleans text for the workbook; see xlsx_priv.h. */
size_t ov_xlsx_sanitize(const char *s, size_t len, ov_buf *out)
{
    static const char marker[] = "\xef\xbf\xbd"; /* U+FFFD */
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, used = 0, i = 0;
    int in_bad = 0;
    ov_buf_add(out, "", 0);
    while (s && i < len) {
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

/* Header/footer-safe text; see xlsx_priv.h. */
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
    if (!*t)
        ov_xlsx_check(w, worksheet_write_blank(ws, r, c, f));
    else
        ov_xlsx_check(w, worksheet_write_string(ws, r, c, t, f));
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
    return f && f->den > 0 &&
           (f->rag == OV_RAG_GREEN || f->rag == OV_RAG_AMBER || f->rag == OV_RAG_RED);
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
    if (f && f->rag == OV_RAG_INFO) {
        if (f->has_value)
            ov_xlsx_num(w, ws, r, c, f->value, info_is_count(f->metric) ? w->integer : w->dec1);
        else
            ov_xlsx_text(w, ws, r, c, "no data", w->muted);
        return;
    }
    if (f && f->rag == OV_RAG_SUPPRESSED) {
        ov_xlsx_text(w, ws, r, c, "suppressed", w->muted);
        return;
    }
    if (!ov_xlsx_rated(f)) {
        ov_xlsx_text(w, ws, r, c, "no data", w->muted);
        return;
    }
    ov_xlsx_num(w, ws, r, c, (double)f->num / (double)f->den, fill ? w->val_rag[f->rag] : w->pct);
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
    for (int g = 0; g <= OV_RAG_INFO; g++)
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
    for (int g = 0; g <= OV_RAG_INFO; g++) {
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
void ov_xlsx_row_lines(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, int lines)
{
    if (lines < 1)
        lines = 1;
    if (lines > 30)
        lines = 30;
    ov_xlsx_check(w, worksheet_set_row(ws, r, 12.75 * lines + 2.25, NULL));
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
const char *ov_xlsx_fig_words(const ov_figure *f, char buf[32])
{
    if (f && f->rag == OV_RAG_SUPPRESSED)
        return "suppressed";
    if (!ov_xlsx_rated(f))
        return "no data";
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
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws) {
        ov_xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
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

    ov_xlsx_check(w, worksheet_set_row(ws, 0, 24, NULL));
    ov_xlsx_text(w, ws, 0, 0, heading, w->title);
    char ps[16], pe[16], run[16];
    const ov_period *p = w->res->nperiods ? &w->res->periods[0] : NULL;
    char *context = ov_xasprintf(
        "%s  |  Period %s (%s to %s)  |  Run date %s  |  %s", ctx->title ? ctx->title : "",
        p ? p->label : "", p ? ov_xlsx_date_words(p->start, ps) : "",
        p ? ov_xlsx_date_words(p->end, pe) : "", ov_xlsx_date_words(ctx->run_date, run),
        ctx->marking ? ctx->marking : "OFFICIAL-SENSITIVE");
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

/* A new format in the body font. */
static lxw_format *base(ov_xw *w, double size)
{
    lxw_format *f = workbook_add_format(w->wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

/* A body cell with a thin grid border. */
static lxw_format *cell(ov_xw *w, const char *num_format)
{
    lxw_format *f = base(w, 10);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, GRID);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

/* Creates every format the sheets use. */
static void make_formats(ov_xw *w)
{
    w->title = base(w, 16);
    format_set_align(w->title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(w->title);
    format_set_font_color(w->title, NAVY);
    w->subtitle = base(w, 9);
    format_set_font_color(w->subtitle, GREY_TEXT);
    w->prompt = base(w, 10);
    format_set_italic(w->prompt);
    format_set_font_color(w->prompt, NAVY);
    w->section = base(w, 12);
    format_set_bold(w->section);
    format_set_font_color(w->section, NAVY);
    w->note = base(w, 9);
    format_set_italic(w->note);
    format_set_font_color(w->note, GREY_TEXT);

    w->head = base(w, 10);
    format_set_bold(w->head);
    format_set_font_color(w->head, LXW_COLOR_WHITE);
    format_set_bg_color(w->head, NAVY);
    format_set_text_wrap(w->head);
    format_set_align(w->head, LXW_ALIGN_CENTER);
    format_set_border(w->head, LXW_BORDER_THIN);
    format_set_border_color(w->head, LXW_COLOR_WHITE);
    format_set_align(w->head, LXW_ALIGN_VERTICAL_CENTER);
    w->head_l = base(w, 10);
    format_set_align(w->head_l, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(w->head_l);
    format_set_font_color(w->head_l, LXW_COLOR_WHITE);
    format_set_bg_color(w->head_l, NAVY);
    format_set_text_wrap(w->head_l);
    format_set_border(w->head_l, LXW_BORDER_THIN);
    format_set_border_color(w->head_l, LXW_COLOR_WHITE);
    w->head_id = base(w, 8);
    format_set_align(w->head_id, LXW_ALIGN_VERTICAL_CENTER);
    format_set_font_color(w->head_id, GREY_TEXT);
    format_set_bg_color(w->head_id, 0xD9E1F2);
    format_set_align(w->head_id, LXW_ALIGN_CENTER);
    format_set_text_wrap(w->head_id);
    format_set_border(w->head_id, LXW_BORDER_THIN);
    format_set_border_color(w->head_id, LXW_COLOR_WHITE);
    w->head_group = base(w, 10);
    format_set_align(w->head_group, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(w->head_group);
    format_set_font_color(w->head_group, NAVY);
    format_set_bg_color(w->head_group, 0xD9E1F2);
    format_set_align(w->head_group, LXW_ALIGN_CENTER);
    format_set_border(w->head_group, LXW_BORDER_THIN);
    format_set_border_color(w->head_group, LXW_COLOR_WHITE);

    w->text = cell(w, NULL);
    w->text_b = cell(w, NULL);
    format_set_bold(w->text_b);
    format_set_bg_color(w->text_b, 0xF2F2F2);
    w->wrap = cell(w, NULL);
    format_set_text_wrap(w->wrap);
    w->id = cell(w, NULL);
    format_set_font_size(w->id, 8);
    format_set_font_color(w->id, GREY_TEXT);
    w->key = base(w, 10);
    format_set_bold(w->key);
    w->hash = cell(w, NULL);
    format_set_font_name(w->hash, "Courier New");
    format_set_font_size(w->hash, 8);
    w->mono = base(w, 8);
    format_set_font_name(w->mono, "Courier New");
    w->input = cell(w, NULL);
    format_set_bg_color(w->input, 0xFFF2CC);
    format_set_unlocked(w->input);
    w->input_wrap = cell(w, NULL);
    format_set_bg_color(w->input_wrap, 0xFFF2CC);
    format_set_text_wrap(w->input_wrap);
    format_set_unlocked(w->input_wrap);

    w->integer = cell(w, "#,##0");
    w->integer_b = cell(w, "#,##0");
    format_set_bold(w->integer_b);
    format_set_bg_color(w->integer_b, 0xF2F2F2);
    w->pct = cell(w, "0.0%");
    w->pct_b = cell(w, "0.0%");
    format_set_bold(w->pct_b);
    w->dec1 = cell(w, "0.0");
    w->dec1_b = cell(w, "0.0");
    format_set_bold(w->dec1_b);
    w->date = cell(w, "d mmm yyyy");
    format_set_align(w->date, LXW_ALIGN_LEFT);
    w->change = cell(w, "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"");
    w->tgt_hi = cell(w, "\"\xe2\x89\xa5 \"0.0%"); /* >= */
    w->tgt_lo = cell(w, "\"\xe2\x89\xa4 \"0.0%"); /* <= */
    w->rag_word = cell(w, NULL);
    format_set_bold(w->rag_word);
    format_set_align(w->rag_word, LXW_ALIGN_CENTER);
    w->muted = cell(w, NULL);
    format_set_italic(w->muted);
    format_set_font_color(w->muted, GREY_TEXT);
    format_set_bg_color(w->muted, rag_fill[OV_RAG_SUPPRESSED]);
    format_set_align(w->muted, LXW_ALIGN_CENTER);
    w->warn_word = cell(w, NULL);
    format_set_bold(w->warn_word);
    format_set_font_color(w->warn_word, rag_font[OV_RAG_RED]);

    /* Percentages filled by rating; the letter after the figure keeps the rating
     * readable when printed in black and white. */
    static const char *const rag_pct[3] = {"0.0%\" G\"", "0.0%\" A\"", "0.0%\" R\""};
    for (int g = 0; g < 3; g++) {
        w->val_rag[g] = cell(w, rag_pct[g]);
        format_set_bg_color(w->val_rag[g], rag_fill[g]);
        format_set_font_color(w->val_rag[g], rag_font[g]);
        format_set_align(w->val_rag[g], LXW_ALIGN_CENTER);
    }
    for (int g = 0; g <= OV_RAG_INFO; g++) {
        w->word_rag[g] = cell(w, NULL);
        format_set_bg_color(w->word_rag[g], rag_fill[g]);
        format_set_font_color(w->word_rag[g], rag_font[g]);
        format_set_align(w->word_rag[g], LXW_ALIGN_CENTER);
        format_set_bold(w->word_rag[g]);
        w->cf_rag[g] = workbook_add_format(w->wb);
        format_set_bg_color(w->cf_rag[g], rag_fill[g]);
        format_set_font_color(w->cf_rag[g], rag_font[g]);
    }
    w->cf_better = workbook_add_format(w->wb);
    format_set_font_color(w->cf_better, rag_font[OV_RAG_GREEN]);
    w->cf_worse = workbook_add_format(w->wb);
    format_set_font_color(w->cf_worse, rag_font[OV_RAG_RED]);
    w->cf_flag = workbook_add_format(w->wb);
    format_set_bg_color(w->cf_flag, rag_fill[OV_RAG_RED]);
    format_set_font_color(w->cf_flag, rag_font[OV_RAG_RED]);
    format_set_bold(w->cf_flag);
}

/* ---- workbook -------------------------------------------------------------- */

/* Indexes the ALL/agency figures and picks the agencies in the report. */
static void build_index(ov_xw *w)
{
    const ov_results *r = w->res;
    w->nslot = w->data->nagencies + 1;
    size_t n = r->nperiods * OV_M_COUNT * w->nslot;
    w->idx = ov_xcalloc(n ? n : 1, sizeof *w->idx);
    for (size_t i = 0; i < r->nfigs; i++) {
        const ov_figure *f = &r->figs[i];
        if (f->team != OV_NONE || f->category != OV_NONE || f->period >= r->nperiods ||
            f->metric >= OV_M_COUNT || f->agency < OV_ALL ||
            (f->agency != OV_ALL && (size_t)f->agency >= w->data->nagencies))
            continue;
        size_t slot = f->agency == OV_ALL ? 0 : (size_t)f->agency + 1;
        w->idx[((size_t)f->period * OV_M_COUNT + f->metric) * w->nslot + slot] = f;
    }
    w->shown = ov_xcalloc(w->data->nagencies ? w->data->nagencies : 1, sizeof *w->shown);
    w->headline = OV_ALL;
    int32_t focus = w->ctx->agency_focus;
    if (focus != OV_NONE && focus >= 0 && (size_t)focus < w->data->nagencies) {
        w->shown[w->nshown++] = focus;
        w->headline = focus;
    } else {
        for (size_t a = 0; a < w->data->nagencies; a++)
            w->shown[w->nshown++] = (int32_t)a;
    }
}

/* Title, subject, author, company and a creation time fixed by the run date. */
static void set_properties(ov_xw *w)
{
    const ov_report_ctx *ctx = w->ctx;
    const char *label = w->res->nperiods ? w->res->periods[0].label : "";
    char *title = ov_xasprintf("Supervision performance pack %s", label);
    char *comments = ov_xasprintf("Produced by oversight %s", ctx->version ? ctx->version : "");
    lxw_doc_properties p = {0};
    p.title = (char *)ov_xlsx_keep(w, title);
    p.subject = "Supervision assurance: How are we doing? How do we know? What are we doing to "
                "improve?";
    p.author = ctx->author ? (char *)ov_xlsx_keep(w, ctx->author) : NULL;
    p.company = ctx->title ? (char *)ov_xlsx_keep(w, ctx->title) : NULL;
    p.category = (char *)ov_xlsx_keep(w, ctx->marking ? ctx->marking : "OFFICIAL-SENSITIVE");
    p.keywords = "supervision, safeguarding, Section 11";
    p.comments = (char *)ov_xlsx_keep(w, comments);
    /* libxlsxwriter uses the current time for 0: a fixed time keeps runs identical. */
    p.created = ctx->run_date > 0 ? (time_t)ctx->run_date * 86400 : (time_t)86400;
    ov_xlsx_check(w, workbook_set_properties(w->wb, &p));
    ov_xlsx_check(w, workbook_set_custom_property_string(
                         w->wb, "Protective marking",
                         ov_xlsx_keep(w, ctx->marking ? ctx->marking : "OFFICIAL-SENSITIVE")));
    free(title);
    free(comments);
}

/* Releases the context. */
static void xw_free(ov_xw *w)
{
    for (size_t i = 0; i < w->nkeep; i++)
        free(w->keep[i]);
    free(w->keep);
    ov_buf_free(&w->scratch);
    free(w->idx);
    free(w->shown);
}

/* Writes DIR/NAME.xlsx atomically. */
int ov_xlsx_write(const ov_report_ctx *ctx, const char *dir, const char *name)
{
    if (!ctx || !ctx->data || !ctx->results || !ctx->standards || !dir || !name) {
        ov_err("workbook: nothing to write");
        return -1;
    }
    ov_report_ctx c = *ctx;
    if (!c.marking || !*c.marking)
        c.marking = "OFFICIAL-SENSITIVE";
    if (!c.title)
        c.title = ctx->data->partnership_name ? ctx->data->partnership_name : "";
    ov_xw w = {0};
    w.ctx = &c;
    w.data = c.data;
    w.res = c.results;
    w.std = c.standards;

    char *file = ov_xasprintf("%s.xlsx", name);
    char *tmp = ov_tmp_path(dir, file);
    int rc = -1;
    /* Probe the temporary file first so an unwritable folder is reported here,
     * not by the library at the end. */
    FILE *probe = fopen(tmp, "wb");
    if (!probe) {
        ov_err("cannot create %s/%s: %s (the output folder must exist and be writable)", dir, file,
               strerror(errno));
        goto done;
    }
    fclose(probe);
    lxw_workbook_options opts = {0};
    opts.constant_memory = LXW_FALSE;
    w.wb = workbook_new_opt(tmp, &opts);
    if (!w.wb) {
        ov_err("cannot create %s/%s: out of memory", dir, file);
        unlink(tmp);
        goto done;
    }
    build_index(&w);
    make_formats(&w);
    set_properties(&w);

    ov_xlsx_summary(&w);
    ov_xlsx_agencies(&w);
    ov_xlsx_trend(&w);
    ov_xlsx_teams(&w);
    ov_xlsx_cases(&w);
    ov_xlsx_how_know(&w);
    ov_xlsx_rejections(&w);
    ov_xlsx_improve(&w);
    if (c.agency_focus != OV_NONE)
        ov_xlsx_exceptions(&w); /* ids: an agency's own report only */
    ov_xlsx_section11(&w);
    ov_xlsx_definitions(&w);

    lxw_error close_err = workbook_close(w.wb);
    w.wb = NULL;
    if (w.err != LXW_NO_ERROR || close_err != LXW_NO_ERROR) {
        ov_err("cannot write %s/%s: %s", dir, file,
               lxw_strerror(w.err != LXW_NO_ERROR ? w.err : close_err));
        unlink(tmp);
        goto done;
    }
    if (ov_rename_into_place(tmp, dir, file) != 0)
        goto done;
    if (w.bad_text)
        ov_warn("%s: %lu text value(s) were not valid UTF-8 and are shown with the "
                "replacement mark U+FFFD",
                file, w.bad_text);
    if (w.bad_number)
        ov_warn("%s: %lu figure(s) were not finite numbers and are left blank", file, w.bad_number);
    rc = 0;
done:
    if (w.wb) {
        workbook_close(w.wb);
        unlink(tmp);
    }
    xw_free(&w);
    free(tmp);
    free(file);
    return rc;
}
