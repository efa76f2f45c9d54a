/* xlsx.c — the board workbook (NAME.xlsx) written with libxlsxwriter: the
 * workbook, its formats and document properties, the order of the sheets and
 * the atomic write (temporary file renamed into place). The sheets are built
 * in doing.c, know.c, improve.c and except.c (the follow-up sheets of an
 * agency report), over the helpers of common.c. */
#include "render/xlsx/xlsx.h"

#include "render/xlsx/board.h"
#include "render/xlsx/common.h"
#include "render/xlsx/doing.h"
#include "render/xlsx/except.h"
#include "render/xlsx/improve.h"
#include "render/xlsx/know.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outset.h"
#include "core/mem.h"
#include "core/msg.h"

#define FONT      "Arial"
#define NAVY      0x1F3864
#define GREY_TEXT 0x595959
#define GRID      0xBFBFBF

/* Soft fills and dark text of the RAG ratings (index enum ov_rag). */
static const lxw_color_t rag_fill[OV_RAG_COUNT] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xE7E6E6,
                                                   0xE7E6E6, 0xE7E6E6, 0xDDEBF7};
static const lxw_color_t rag_font[OV_RAG_COUNT] = {0x006100, 0x7F4F00, 0x9C0006, 0x595959,
                                                   0x595959, 0x595959, 0x1F3864};

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

/* The three percentage formats filled by rating (green, amber, red), the
 * rating's letter and then mark (may be "") after the figure. */
static void rag_values(ov_xw *w, lxw_format *out[3], const char *mark)
{
    static const char letters[3] = {'G', 'A', 'R'};
    for (int g = 0; g < 3; g++) {
        char num[48];
        snprintf(num, sizeof num, "0.0%%\" %c%s\"", letters[g], mark);
        out[g] = cell(w, num);
        format_set_bg_color(out[g], rag_fill[g]);
        format_set_font_color(out[g], rag_font[g]);
        format_set_align(out[g], LXW_ALIGN_CENTER);
    }
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
    w->head_up = base(w, 9);
    format_set_bold(w->head_up);
    format_set_font_color(w->head_up, LXW_COLOR_WHITE);
    format_set_bg_color(w->head_up, NAVY);
    format_set_rotation(w->head_up, 90);
    format_set_align(w->head_up, LXW_ALIGN_CENTER);
    format_set_align(w->head_up, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_text_wrap(w->head_up);
    format_set_border(w->head_up, LXW_BORDER_THIN);
    format_set_border_color(w->head_up, LXW_COLOR_WHITE);
    w->head_up_l = base(w, 10); /* a header left of turned ones: at their foot */
    format_set_bold(w->head_up_l);
    format_set_font_color(w->head_up_l, LXW_COLOR_WHITE);
    format_set_bg_color(w->head_up_l, NAVY);
    format_set_align(w->head_up_l, LXW_ALIGN_LEFT);
    format_set_align(w->head_up_l, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_border(w->head_up_l, LXW_BORDER_THIN);
    format_set_border_color(w->head_up_l, LXW_COLOR_WHITE);
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
    rag_values(w, w->val_rag, "");
    /* figures taken from the history carry the pack's mark after them */
    w->pct_hist = cell(w, "0.0%\" " OV_PACK_HISTORY_MARK "\"");
    w->dec1_hist = cell(w, "0.0\" " OV_PACK_HISTORY_MARK "\"");
    w->integer_hist = cell(w, "#,##0\" " OV_PACK_HISTORY_MARK "\"");
    rag_values(w, w->val_rag_hist, " " OV_PACK_HISTORY_MARK);
    /* figures resting on a thinly filled field carry the data-quality mark */
    w->pct_thin = cell(w, "0.0%\" " OV_PACK_THIN_MARK "\"");
    rag_values(w, w->val_rag_thin, " " OV_PACK_THIN_MARK);
    for (int g = 0; g < OV_RAG_COUNT; g++) {
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
    int32_t focus = w->pack->head;
    if (focus != OV_ALL) {
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
    free(w->row_lines);
    free(w->row_height);
}

/* What a libxlsxwriter error means, in words. */
static const char *lxw_words(lxw_error e)
{
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return "out of memory";
    case LXW_ERROR_CREATING_XLSX_FILE:
        return "the workbook file could not be created";
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
        return "a temporary file could not be written or read (check the space in the system's "
               "temporary folder)";
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return "the sheets could not be packed into the .xlsx file";
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
        return "a sheet name was refused";
    case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        return "a text is longer than a workbook cell or setting may hold";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
    case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED:
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED:
        return "the workbook is larger than Excel allows";
    default:
        return "the workbook library refused a value";
    }
}

/* Writes NAME.xlsx into the set out: libxlsxwriter writes it by name into a
 * scratch file of the set, whose bytes then become the output. */
int ov_xlsx_write(const ov_pack *pack, ov_outset *out, const char *name)
{
    const ov_report_ctx *ctx = pack ? pack->ctx : NULL;
    if (!ctx || !ctx->data || !ctx->results || !ctx->standards || !out || !name) {
        ov_err("workbook: nothing to write");
        return -1;
    }
    ov_report_ctx c = *ctx;
    if (!c.marking || !*c.marking)
        c.marking = "OFFICIAL-SENSITIVE";
    if (!c.title)
        c.title = ctx->data->partnership_name ? ctx->data->partnership_name : "";
    ov_xw w = {0};
    w.pack = pack;
    w.ctx = &c;
    w.data = c.data;
    w.res = &pack->res;
    w.std = c.standards;

    char *file = ov_xasprintf("%s.xlsx", name);
    int rc = -1;
    ov_scratch sc;
    if (ov_scratch_open(out, &sc) != 0) {
        free(file);
        return -1;
    }
    lxw_workbook_options opts = {0};
    opts.constant_memory = LXW_FALSE;
    w.wb = workbook_new_opt(sc.path, &opts);
    if (!w.wb) {
        ov_err("cannot write %s: out of memory", file);
        goto done;
    }
    build_index(&w);
    make_formats(&w);
    set_properties(&w);

    ov_xlsx_board(&w);
    ov_xlsx_summary(&w);
    ov_xlsx_agencies(&w);
    ov_xlsx_trend(&w);
    ov_xlsx_trend_agencies(&w);
    ov_xlsx_quarters(&w);
    ov_xlsx_teams(&w);
    ov_xlsx_cases(&w);
    ov_xlsx_how_know(&w);
    ov_xlsx_rejections(&w);
    ov_xlsx_improve(&w);
    if (c.agency_focus != OV_NONE)
        ov_xlsx_exceptions(&w); /* ids: an agency's own report only */
    ov_xlsx_section11(&w);
    ov_xlsx_definitions(&w);

    ov_xlsx_rows_done(&w);
    lxw_error close_err = workbook_close(w.wb);
    w.wb = NULL;
    if (w.err != LXW_NO_ERROR || close_err != LXW_NO_ERROR) {
        lxw_error e = w.err != LXW_NO_ERROR ? w.err : close_err;
        ov_err("could not make the board workbook %s: %s", file, lxw_words(e));
        ov_debug("libxlsxwriter: %s", lxw_strerror(e));
        goto done;
    }
    if (ov_outfile_from_scratch(out, file, &sc) != 0)
        goto done;
    if (w.bad_text)
        ov_warn("%s: %lu text value(s) were not valid UTF-8 and are shown with the "
                "replacement mark U+FFFD",
                file, w.bad_text);
    if (w.bad_number)
        ov_warn("%s: %lu figure(s) were not finite numbers and are left blank", file, w.bad_number);
    rc = 0;
done:
    if (w.wb)
        workbook_close(w.wb);
    ov_scratch_close(out, &sc);
    xw_free(&w);
    free(file);
    return rc;
}
