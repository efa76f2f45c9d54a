/* except.c — the follow-up sheets of an agency's workbook (--agency only):
 * "What must be done", a table of the lists the report shows (how many rows
 * each has, the oldest and who holds most, as the report model works them
 * out), then one sheet per list with its rows as a filterable Excel table,
 * frozen header and print titles, laid out from the table of lists
 * (metrics/followup.h). The partnership pack never has these sheets. */
#include "render/xlsx/except.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"

/* The name of the summary sheet (a fixed string). */
#define SUMMARY_SHEET "What must be done"

/* Adds a light-styled Excel table named name (a fixed string) over rows hr..last
 * and columns 0..ncol-1, with its header row frozen and printed on every page. */
static void add_table(ov_xw *w, lxw_worksheet *ws, const char *name, lxw_row_t hr, lxw_row_t last,
                      lxw_table_column **colp, lxw_col_t ncol)
{
    lxw_table_options to = {0};
    to.name = (char *)name;
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, last, ncol - 1, &to));
    ov_xlsx_row_height(w, ws, hr, 30);
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 1);
}

/* A category's words from its code. */
static const char *category_words(const char *code)
{
    for (size_t c = 0; c < ov_codes_category.count; c++)
        if (!strcmp(ov_codes_category.names[c], code))
            return ov_xlsx_category_name((int)c);
    return code;
}

/* Writes one cell of a list's row; returns the lines its text takes in a
 * column of width characters (1 for numbers and dates). */
static int write_cell(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                      const ov_followup_col *col, const ov_followup_value *v, ov_buf *b)
{
    switch (v->kind) {
    case OV_FV_DATE:
        ov_xlsx_date(w, ws, r, c, v->date, w->date);
        return 1;
    case OV_FV_COUNT:
        ov_xlsx_num(w, ws, r, c, (double)v->n, w->integer);
        return 1;
    case OV_FV_CODES:
        ov_buf_reset(b);
        ov_buf_add(b, "", 0);
        for (size_t k = 0; k < v->ncodes; k++)
            ov_buf_printf(b, "%s%s", k ? "\n" : "",
                          col->src == OV_FC_CATEGORY ? category_words(v->codes[k]) : v->words[k]);
        break;
    case OV_FV_RANGES:
        ov_buf_reset(b);
        ov_buf_add(b, "", 0);
        for (size_t k = 0; k < v->nranges; k++) {
            char s1[16], s2[16];
            ov_buf_printf(b, "%s%s to %s", k ? "\n" : "",
                          ov_xlsx_date_words(v->ranges[k].start, s1),
                          ov_xlsx_date_words(v->ranges[k].end, s2));
        }
        break;
    default:
        ov_buf_reset(b);
        ov_buf_adds(b, v->text ? v->text : "");
        break;
    }
    int ids = col->src == OV_FC_SUBJECT_ID || col->src == OV_FC_RESPONSIBLE;
    ov_xlsx_text(w, ws, r, c, b->s, ids ? w->text : w->wrap);
    return ids ? 1 : ov_xlsx_lines(b->s, col->width);
}

/* One list on its own sheet: a line saying what it holds and who acts, then
 * its rows as an Excel table. */
static void list_sheet(ov_xw *w, const ov_pack_followup *f)
{
    const ov_followup_def *d = f->def;
    const ov_agency *a = &w->data->agencies[w->pack->head];
    char *heading = ov_xasprintf("What must be done: %s", d->title);
    char *prompt = ov_xasprintf("%s Who must act: %s. %s", d->holds, d->who, d->days);
    lxw_worksheet *ws = ov_xlsx_sheet(w, d->sheet, OV_XLSX_TAB_IMPROVE, heading, prompt);
    free(heading);
    free(prompt);
    if (!ws)
        return;
    lxw_table_column cols[OV_FL_MAX_COLS];
    lxw_table_column *colp[OV_FL_MAX_COLS + 1];
    size_t src[OV_FL_MAX_COLS], nc = 0;
    memset(cols, 0, sizeof cols);
    for (size_t c = 0; c < ov_followup_ncols(d) && nc < OV_FL_MAX_COLS; c++) {
        if (!(d->cols[c].where & OV_FC_IN_SHEET))
            continue;
        cols[nc].header = (char *)d->cols[c].title;
        cols[nc].header_format = w->head_l;
        colp[nc] = &cols[nc];
        ov_xlsx_col_width(w, ws, (lxw_col_t)nc, (lxw_col_t)nc, d->cols[c].width);
        src[nc++] = c;
    }
    colp[nc] = NULL;
    lxw_row_t hr = OV_XLSX_TOP, r = hr + 1;
    ov_buf b = {0};
    for (size_t i = 0; i < f->nrows; i++, r++) {
        int lines = 1;
        for (size_t k = 0; k < nc; k++) {
            const ov_followup_col *col = &d->cols[src[k]];
            ov_followup_value v;
            ov_followup_cell(a, w->pack->exceptions, &f->rows[i], col->src, &v);
            int l = write_cell(w, ws, r, (lxw_col_t)k, col, &v, &b);
            if (l > lines)
                lines = l;
        }
        ov_xlsx_row_lines(w, ws, r, lines);
    }
    ov_buf_free(&b);
    if (!f->nrows)
        ov_xlsx_text(w, ws, r++, 0, "There is no one to list.", w->text);
    add_table(w, ws, d->table, hr, r - 1, colp, (lxw_col_t)nc);
    worksheet_set_selection(ws, hr + 1, 0, hr + 1, 0);
}

/* The figures of a list, one a line ("Notes recorded on time: 18.8% (Red)"). */
static char *figures_text(ov_xw *w, const ov_pack_followup *f)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (int k = 0; k < f->def->nmetrics; k++) {
        char v[32];
        const ov_figure *g = f->figs[k];
        ov_buf_printf(&b, "%s%s: %s (%s)", k ? "\n" : "",
                      ov_metric_def_get((enum ov_metric_id)f->def->metrics[k])->title,
                      ov_xlsx_fig_words(w, g, v), ov_xlsx_mark_word(w, g));
    }
    return ov_buf_detach(&b);
}

/* What must be done: one row per list the report shows. */
static void summary_sheet(ov_xw *w)
{
    const ov_pack *p = w->pack;
    const ov_agency *a = &w->data->agencies[p->head];
    char *heading = ov_xasprintf("What are we doing to improve? What must be done: %s",
                                 a->name && *a->name ? a->name : a->id);
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, SUMMARY_SHEET, OV_XLSX_TAB_IMPROVE, heading,
        "The people and children behind the agency's red and amber figures, by pseudonymous id: "
        "one list per measure, most urgent first, each on its own sheet. For the agency's own "
        "use: never part of the partnership pack.");
    free(heading);
    if (!ws)
        return;
    static const char *const heads[] = {"List",       "Sheet",         "Figures",
                                        "How many",   "Oldest (days)", "Who holds most",
                                        "Their rows", "Nobody named",  "File"};
    static const double widths[] = {34, 20, 44, 10, 10, 16, 10, 10, 34};
    enum { NC = sizeof heads / sizeof heads[0] };
    lxw_table_column cols[NC];
    lxw_table_column *colp[NC + 1];
    ov_xlsx_table_columns(w, ws, heads, widths, NC, NC, cols, colp);
    lxw_row_t hr = OV_XLSX_TOP, r = hr + 1;
    for (size_t i = 0; i < p->nfollowups; i++) {
        const ov_pack_followup *f = &p->followups[i];
        if (!f->shown)
            continue;
        char *figs = figures_text(w, f);
        ov_xlsx_text(w, ws, r, 0, f->def->title, w->wrap);
        ov_xlsx_text(w, ws, r, 1, f->def->sheet, w->text);
        ov_xlsx_text(w, ws, r, 2, figs, w->wrap);
        ov_xlsx_num(w, ws, r, 3, (double)f->nrows, w->integer);
        ov_xlsx_num(w, ws, r, 4, (double)f->oldest, w->integer);
        ov_xlsx_text(w, ws, r, 5, ov_pack_followup_top_id(p, f), w->text);
        ov_xlsx_num(w, ws, r, 6, (double)f->top_rows, w->integer);
        ov_xlsx_num(w, ws, r, 7, (double)f->unnamed, w->integer);
        ov_xlsx_text(w, ws, r, 8, f->def->file, w->text);
        int l1 = ov_xlsx_lines(figs, widths[2]), l2 = ov_xlsx_lines(f->def->title, widths[0]);
        ov_xlsx_row_lines(w, ws, r, l1 > l2 ? l1 : l2);
        free(figs);
        r++;
    }
    if (!p->nshown)
        ov_xlsx_text(w, ws, r++, 0,
                     "No measure with a follow-up list is red or amber: there is no one to "
                     "follow up.",
                     w->text);
    add_table(w, ws, "FollowUpLists", hr, r - 1, colp, NC);
    ov_xlsx_text(w, ws, r + 1, 0,
                 "How many: the rows of the list, which add up to the shortfall of its figures. "
                 "Oldest: the days overdue of its most urgent row. Who holds most: the person "
                 "named to act on most of its rows (the supervisor for staff, the case holder for "
                 "children); blank when the extract names nobody.",
                 w->note);
    worksheet_set_selection(ws, hr + 1, 0, hr + 1, 0);
}

/* What must be done and a sheet per list shown. Only called for an agency's
 * report. */
void ov_xlsx_exceptions(ov_xw *w)
{
    const ov_report_ctx *ctx = w->ctx;
    int32_t ag = ctx->agency_focus;
    if (ag < 0 || (size_t)ag >= w->data->nagencies || !w->res->nperiods)
        return;
    const ov_pack *p = w->pack;
    if (!p->exceptions || !p->nfollowups || p->exceptions->agency != ag || p->head != ag) {
        ov_err("workbook: the follow-up lists were not computed");
        ov_xlsx_check(w, LXW_ERROR_PARAMETER_VALIDATION);
        return;
    }
    summary_sheet(w);
    for (size_t i = 0; i < p->nfollowups; i++)
        if (p->followups[i].shown)
            list_sheet(w, &p->followups[i]);
}
