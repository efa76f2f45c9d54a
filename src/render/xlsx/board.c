/* board.c — the Board sheet, first in the workbook: the report model's board
 * (pack.h) as a sheet: the count of ratings; a row per agency (or team) and the
 * partnership (or the agency), a column per rated measure grouped by area, each
 * cell the rating's shape and letter on its colour, or the mark of a figure not
 * shown (s, –, ns, nc); the reds per row; then the overdue actions, the
 * measures with no live action and the decisions asked of the board. */
#include "render/xlsx/board.h"

#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "metrics/metric_defs.h"

/* "Frequency" from an area: its name with a capital (buf of 32). */
static const char *area_title(int area, char buf[32])
{
    snprintf(buf, 32, "%s", ov_metric_area_name((enum ov_metric_area)area));
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* The Board sheet. */
void ov_xlsx_board(ov_xw *w)
{
    const ov_pack *p = w->pack;
    char buf[240];
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Board", OV_XLSX_TAB_DOING, "The board on one page",
        p->head == OV_ALL
            ? "A row per agency and the partnership, a column per measure rated against the "
              "standards; then the overdue actions, the measures with no live action and the "
              "decisions asked of the board."
            : "A row per team and the agency, a column per measure rated against the standards; "
              "then the overdue actions, the measures with no live action and the decisions.");
    if (!ws)
        return;
    worksheet_activate(ws);
    size_t n = p->nboard_metrics;
    snprintf(buf, sizeof buf, "Ratings for %s: %zu green, %zu amber, %zu red; %zu not rated.",
             p->head == OV_ALL ? "the partnership" : p->head_label, p->mark_count[OV_RAG_GREEN],
             p->mark_count[OV_RAG_AMBER], p->mark_count[OV_RAG_RED],
             p->mark_count[OV_RAG_SUPPRESSED] + p->mark_count[OV_RAG_NO_DATA] +
                 p->mark_count[OV_RAG_NOT_COVERED] + p->mark_count[OV_MARK_NOT_SENT]);
    ov_xlsx_text(w, ws, 3, 0, buf, w->key);

    /* the grid: an area row, then the measures, then a row per unit */
    lxw_row_t ar = OV_XLSX_TOP + 1, hr = ar + 1;
    ov_xlsx_col_width(w, ws, 0, 0, ov_xlsx_agency_width(w, 30, 64));
    ov_xlsx_col_width(w, ws, 1, 1, 9);
    ov_xlsx_col_width(w, ws, 2, (lxw_col_t)(1 + n), 6.5);
    ov_xlsx_col_width(w, ws, (lxw_col_t)(2 + n), (lxw_col_t)(2 + n), 7);
    ov_xlsx_text(w, ws, hr, 0, p->head == OV_ALL ? "Agency" : "Team", w->head_up_l);
    ov_xlsx_text(w, ws, hr, 1, p->head == OV_ALL ? "Id" : "", w->head_up_l);
    size_t k = 0;
    while (k < n) {
        int area = ov_metric_def_get((enum ov_metric_id)p->board_metrics[k])->area;
        size_t j = k;
        while (j < n &&
               (int)ov_metric_def_get((enum ov_metric_id)p->board_metrics[j])->area == area)
            j++;
        char an[32];
        if (j - k > 1)
            ov_xlsx_check(w,
                          worksheet_merge_range(ws, ar, (lxw_col_t)(2 + k), ar, (lxw_col_t)(1 + j),
                                                area_title(area, an), w->head_group));
        else
            ov_xlsx_text(w, ws, ar, (lxw_col_t)(2 + k), area_title(area, an), w->head_group);
        k = j;
    }
    for (k = 0; k < n; k++)
        ov_xlsx_text(w, ws, hr, (lxw_col_t)(2 + k),
                     ov_metric_def_get((enum ov_metric_id)p->board_metrics[k])->title, w->head_up);
    ov_xlsx_text(w, ws, hr, (lxw_col_t)(2 + n), "Reds", w->head_up);
    ov_xlsx_row_height(w, ws, hr, 150);
    lxw_row_t r = hr + 1;
    for (size_t i = 0; i < p->nboard; i++, r++) {
        const ov_pack_board_row *row = &p->board[i];
        const ov_pack_unit *u = row->unit;
        lxw_format *tf = u->total ? w->text_b : w->text;
        ov_xlsx_text(w, ws, r, 0, u->label, tf);
        ov_xlsx_text(w, ws, r, 1,
                     u->total && p->head == OV_ALL          ? "ALL"
                     : u->team == OV_NONE && u->agency >= 0 ? w->data->agencies[u->agency].id
                                                            : "",
                     tf);
        for (k = 0; k < n; k++) {
            const ov_figure *f = ov_pack_fig(p, 0, p->board_metrics[k], u, OV_NONE);
            int mark = ov_pack_mark(p, f);
            char cell[32];
            snprintf(cell, sizeof cell, "%s%s", ov_pack_mark_cell(mark),
                     ov_pack_thin_of(p, f) ? " " OV_PACK_THIN_MARK : "");
            ov_xlsx_text(w, ws, r, (lxw_col_t)(2 + k), cell,
                         mark <= OV_RAG_RED ? w->word_rag[mark] : w->muted);
        }
        ov_xlsx_num(w, ws, r, (lxw_col_t)(2 + n), (double)row->red, w->integer_b);
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 2);
    ov_xlsx_text(w, ws, r++, 0,
                 "\xe2\x97\x8f G green, \xe2\x96\xb2 A amber, \xe2\x96\xa0 R red; s suppressed "
                 "(too few cases to show); \xe2\x80\x93 no data; ns not sent (the optional file "
                 "was not sent); nc not covered (the extract does not cover the period); "
                 "\xe2\x80\xa1 rests on a field the agency seldom fills (listed below).",
                 w->note);

    /* overdue actions, oldest first */
    r++;
    snprintf(buf, sizeof buf, "Overdue improvement actions: %zu (oldest first)", p->overdue);
    ov_xlsx_text(w, ws, r++, 0, buf, w->section);
    for (size_t i = 0; i < p->overdue; i++, r++) {
        const ov_action *a = p->overdue_list[i]->action;
        const char *measure = a->metric >= 0 && a->metric < OV_M_COUNT
                                  ? ov_metric_def_get((enum ov_metric_id)a->metric)->title
                                  : "(no measure)";
        snprintf(buf, sizeof buf, "%s: %s, %s", a->id ? a->id : "", measure,
                 a->agency == OV_NONE ? "Partnership" : ov_pack_agency_name(p, a->agency));
        ov_xlsx_text(w, ws, r, 0, buf, w->wrap);
        ov_xlsx_date(w, ws, r, 1, a->due, w->date);
    }
    if (!p->overdue)
        ov_xlsx_text(w, ws, r++, 0, "None.", w->text);

    r++;
    snprintf(buf, sizeof buf, "Red or amber with no live action: %zu (see Improve)", p->ngaps);
    ov_xlsx_text(w, ws, r++, 0, buf, w->section);
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Decisions asked of the board", w->section);
    for (size_t i = 0; i < p->ndecisions; i++)
        ov_xlsx_text(w, ws, r++, 0, p->decisions[i], w->wrap);

    /* every data-quality flag of the pack, weakest first */
    r++;
    snprintf(buf, sizeof buf,
             "Figures weakened by thin recording: %zu (a field filled in fewer than %d%% of the "
             "rows a figure counts; weakest first)",
             p->nthin, w->ctx->standards->fill_flag_percent);
    ov_xlsx_text(w, ws, r++, 0, buf, w->section);
    for (size_t i = 0; i < p->nthin; i++)
        ov_xlsx_text(w, ws, r++, 0, p->thin[i].sentence, w->wrap);
    if (!p->nthin)
        ov_xlsx_text(w, ws, r++, 0, "None.", w->text);
}
