/* board.c — the board on one page (page 2, after the cover): what the pack is
 * for, the count of ratings, the agency x measure grid from the report model
 * (each cell its rating as a letter, a shape and a colour, with its own mark
 * for suppressed, no data, not sent and not covered), the overdue actions, the
 * measures with no live action and the decisions asked of the board. Laid out
 * to fit one A4 page for up to 30 agencies; a larger partnership's page shows
 * the 20 with most reds (the workbook's Board sheet has them all). */
#include "render/pdf/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "metrics/metric_defs.h"

#define NAME_W     150.0f /* the unit column */
#define REDS_W     30.0f  /* the count of reds */
#define AREA_H     12.0f  /* the band naming the areas */
#define TITLE_H    124.0f /* the measures' names, turned upwards (at most) */
#define LOWER      164.0f /* the blocks under the grid: actions, decisions */
#define ROW_MIN    9.6f   /* rows of the grid: between these heights */
#define ROW_MAX    13.0f
#define TEXT       8.0f /* the smallest text on the page */
#define THIN_LINES 2    /* the data-quality line under the legend */

/* A unit's label cut to width, with the agency's id when the name is cut. */
static char *row_label(ov_pdf *r, const ov_pdf_unit *u, float w, int bold)
{
    enum ov_pd_font f = bold ? OV_PD_BOLD : OV_PD_REGULAR;
    if (ov_pd_text_width(r->pd, f, TEXT, u->label) <= w)
        return ov_xstrdup(u->label);
    const char *id =
        u->agency >= 0 && u->team == OV_NONE && !u->total ? r->data->agencies[u->agency].id : NULL;
    char *tail = id ? ov_xasprintf("\u2026 (%s)", id) : ov_xstrdup("\u2026");
    size_t len = strlen(u->label);
    char *out = NULL;
    for (;;) {
        free(out);
        out = ov_xasprintf("%.*s%s", (int)len, u->label, tail);
        if (len == 0 || ov_pd_text_width(r->pd, f, TEXT, out) <= w)
            break;
        len--;
        while (len > 0 && ((unsigned char)u->label[len] & 0xC0) == 0x80)
            len--;
    }
    free(tail);
    return out;
}

/* The grid: area band, measures turned upwards, a row per unit with its reds. */
static void grid(ov_pdf *r, float row_h, float title_h)
{
    const ov_pack *p = r->pack;
    ov_pd *pd = r->pd;
    size_t n = p->nboard_metrics;
    float x0 = OV_PD_LEFT, cw = (OV_PD_WIDTH - NAME_W - REDS_W) / (float)(n ? n : 1);
    float top = ov_pd_y(pd);
    /* area band */
    size_t k = 0;
    while (k < n) {
        int area = ov_metric_def_get((enum ov_metric_id)p->board_metrics[k])->area;
        size_t j = k;
        while (j < n &&
               (int)ov_metric_def_get((enum ov_metric_id)p->board_metrics[j])->area == area)
            j++;
        float x = x0 + NAME_W + (float)k * cw, w = (float)(j - k) * cw;
        ov_pd_rect(pd, x + 1, top - AREA_H, w - 2, AREA_H, &ov_pdf_navy, NULL, 0);
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)area));
        char *name = ov_pdf_text(r, key, NULL, 0);
        ov_pd_text_box(pd, OV_PD_BOLD, TEXT, AREA_H, ov_pdf_white, x + 2, top, w - 4,
                       OV_PD_ALIGN_CENTRE, 1, name);
        free(name);
        k = j;
    }
    /* measures, reading upwards */
    float base = top - AREA_H - title_h;
    for (k = 0; k < n; k++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)p->board_metrics[k]);
        float cx = x0 + NAME_W + ((float)k + 0.5f) * cw + TEXT * 0.35f;
        ov_pd_text_up(pd, OV_PD_REGULAR, TEXT, ov_pdf_ink, cx, base + 3, title_h - 6, md->title);
    }
    char *unit_head =
        ov_pdf_text(r, r->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    char *reds_head = ov_pdf_text(r, "board.col_reds", NULL, 0);
    ov_pd_text_at(pd, OV_PD_BOLD, TEXT, ov_pdf_ink, x0 + 2, base + 4, OV_PD_ALIGN_LEFT, unit_head);
    ov_pd_text_up(pd, OV_PD_BOLD, TEXT, ov_pdf_ink, OV_PD_RIGHT - REDS_W / 2 + TEXT * 0.35f,
                  base + 3, title_h - 6, reds_head);
    free(unit_head);
    free(reds_head);
    ov_pd_line(pd, x0, base, OV_PD_RIGHT, base, ov_pdf_ink, 0.8f, OV_PD_SOLID);
    /* rows */
    float y = base;
    for (size_t i = 0; i < p->nboard_page; i++) {
        const ov_pack_board_row *row = &p->board_page[i];
        const ov_pdf_unit *u = row->unit;
        if (u->total)
            ov_pd_rect(pd, x0, y - row_h, OV_PD_WIDTH, row_h, &ov_pdf_tint, NULL, 0);
        float tb = y - row_h / 2 - TEXT * 0.34f;
        char *label = row_label(r, u, NAME_W - 6, u->total);
        ov_pd_text_at(pd, u->total ? OV_PD_BOLD : OV_PD_REGULAR, TEXT, ov_pdf_ink, x0 + 2, tb,
                      OV_PD_ALIGN_LEFT, label);
        free(label);
        for (k = 0; k < n; k++) {
            const ov_figure *f = ov_pdf_fig(r, 0, p->board_metrics[k], u, OV_NONE);
            int mark = ov_pack_mark(p, f);
            const ov_pd_rgb *fill = ov_pdf_rag_fill(mark);
            float cx = x0 + NAME_W + (float)k * cw;
            if (fill)
                ov_pd_rect(pd, cx + 0.8f, y - row_h + 0.8f, cw - 1.6f, row_h - 1.6f, fill, NULL, 0);
            char cell[32];
            /* the flag takes the place of the space: the cell is narrow */
            const char *mc = ov_pack_mark_cell(mark), *sp = strchr(mc, ' ');
            if (ov_pack_thin_of(p, f) && sp)
                snprintf(cell, sizeof cell, "%.*s%s%s", (int)(sp - mc), mc, sp + 1,
                         OV_PACK_THIN_MARK);
            else
                snprintf(cell, sizeof cell, "%s", mc);
            ov_pd_text_at(pd, fill ? OV_PD_BOLD : OV_PD_REGULAR, TEXT,
                          fill ? *ov_pdf_rag_ink(mark) : ov_pdf_muted, cx + cw / 2, tb,
                          OV_PD_ALIGN_CENTRE, cell);
        }
        char reds[24];
        snprintf(reds, sizeof reds, "%zu", row->red);
        ov_pd_text_at(pd, OV_PD_BOLD, TEXT, row->red ? ov_pdf_red : ov_pdf_muted,
                      OV_PD_RIGHT - REDS_W / 2, tb, OV_PD_ALIGN_CENTRE, reds);
        y -= row_h;
        ov_pd_line(pd, x0, y, OV_PD_RIGHT, y, ov_pdf_grey, 0.4f, OV_PD_SOLID);
    }
    ov_pd_set_y(pd, y - 4);
}

/* A titled block of lines in a column: title, then each line (wrapped, at most
 * max_lines each); returns the height used. */
static float column_block(ov_pdf *r, float x, float top, float w, const char *title,
                          char *const *lines, size_t n, size_t max_lines)
{
    ov_pd *pd = r->pd;
    float y = top;
    ov_pd_text_box(pd, OV_PD_BOLD, 10, 13, ov_pdf_navy, x, y, w, OV_PD_ALIGN_LEFT, 1, title);
    y -= 15;
    for (size_t i = 0; i < n; i++) {
        size_t used = ov_pd_text_box(pd, OV_PD_REGULAR, 9, 11, ov_pdf_ink, x + 8, y, w - 8,
                                     OV_PD_ALIGN_LEFT, max_lines, lines[i]);
        ov_pd_text_at(pd, OV_PD_REGULAR, 9, ov_pdf_navy, x, y - 11.0f / 2 - 9 * 0.34f,
                      OV_PD_ALIGN_LEFT, "\u25A0");
        y -= (float)used * 11 + 2;
    }
    return top - y;
}

/* The weakest three data-quality flags of the period and how many there are,
 * as one short paragraph under the grid's legend; returns the height used. */
static float thin_line(ov_pdf *r, float top)
{
    char *text = ov_words_thin_line(&r->w);
    size_t lines = ov_pd_text_box(r->pd, OV_PD_REGULAR, TEXT, 10, ov_pdf_ink, OV_PD_LEFT, top,
                                  OV_PD_WIDTH, OV_PD_ALIGN_LEFT, THIN_LINES, text);
    free(text);
    return (float)lines * 10;
}

/* The board on one page. */
void ov_pdf_section_board(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    ov_pd *pd = r->pd;
    ov_pd_add_page(pd);
    ov_pdf_heading(r, 1, "board.heading", 200);
    ov_pdf_para(r, "board.intro", NULL, 0);
    char *counts = ov_words_board_counts(&r->w);
    ov_pd_style st = ov_pdf_body_style;
    st.font = OV_PD_BOLD;
    ov_pd_paragraph(pd, &st, counts);
    free(counts);

    /* the grid takes what the lower blocks leave: rows of ROW_MIN to ROW_MAX
     * points, the measures' names as tall as the rest allows */
    float avail = ov_pd_y(pd) - AREA_H - 26 - THIN_LINES * 10 - 6 - LOWER - OV_PD_BOTTOM;
    float rows = (float)(p->nboard_page ? p->nboard_page : 1);
    float title_h = TITLE_H, row_h = (avail - title_h) / rows;
    if (row_h > ROW_MAX)
        row_h = ROW_MAX;
    if (row_h < ROW_MIN) {
        row_h = ROW_MIN;
        title_h = avail - rows * row_h;
        title_h = title_h < 80 ? 80 : title_h;
    }
    grid(r, row_h, title_h);
    char *legend = ov_words_board_legend(&r->w);
    ov_pd_text_box(pd, OV_PD_REGULAR, TEXT, 10, ov_pdf_muted, OV_PD_LEFT, ov_pd_y(pd), OV_PD_WIDTH,
                   OV_PD_ALIGN_LEFT, 2, legend);
    ov_pd_space(pd, 22);
    free(legend);
    ov_pd_space(pd, thin_line(r, ov_pd_y(pd) + 2) + 6);

    /* two columns: the overdue actions; the uncovered measures and the decisions */
    ov_pd_need(pd, LOWER - 24);
    float top = ov_pd_y(pd), gap = 16, w = (OV_PD_WIDTH - gap) / 2;
    char *lines[11]; /* the oldest ten, then how many more */
    size_t n = ov_words_overdue_lines(&r->w, lines, 11);
    char cnt[24];
    snprintf(cnt, sizeof cnt, "%zu", p->overdue);
    ov_narr_var ov[] = {{"count", cnt}};
    char *title = ov_pdf_text(r, "board.overdue_title", ov, 1);
    float hl = column_block(r, OV_PD_LEFT, top, w, title, lines, n, 1);
    free(title);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);

    snprintf(cnt, sizeof cnt, "%zu", p->ngaps);
    char *gaps = ov_pdf_text(r, p->ngaps ? "board.gaps" : "board.gaps_none", ov, 1);
    char *gaps_title = ov_pdf_text(r, "board.gaps_title", ov, 1);
    float hr = column_block(r, OV_PD_LEFT + w + gap, top, w, gaps_title, &gaps, 1, 3);
    free(gaps);
    free(gaps_title);
    char *dtitle = ov_pdf_text(r, "board.decisions_title", NULL, 0);
    hr += 6 + column_block(r, OV_PD_LEFT + w + gap, top - hr - 6, w, dtitle, p->decisions,
                           p->ndecisions, 2);
    free(dtitle);
    ov_pd_set_y(pd, top - (hl > hr ? hl : hr) - 6);
}
