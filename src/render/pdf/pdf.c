/* pdf.c — the board report as PDF (ov_pdf_write): document set-up, the cover,
 * the contents, "Executive summary", "How are we doing?" and "What are we
 * doing to improve?"; "How do we know?" and the appendix are in know.c,
 * "What must be done" of an agency's report (its follow-up lists, --agency,
 * the end of section 4) in except.c; the pieces every section shares are in common.c.
 * Drawing goes through pdfdraw.h and all wording comes from
 * templates/narrative.txt (narrative.h).
 *
 * The partnership pack carries no staff or child ids and no free text from
 * the extracts: it prints agency and team names (labels), figures, file
 * names and rule codes, and the partnership's own commentary and actions.
 * Only an agency's own report (--agency) adds the pseudonymous ids of its
 * follow-up lists. */
#include "render/pdf/pdf.h"

#include "render/pdf/board.h"
#include "render/pdf/common.h"
#include "render/pdf/except.h"
#include "render/pdf/know.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outset.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"
#include "metrics/metric_defs.h"
#include "render/analyst.h"

/* Line colours for trend charts after the total (Okabe-Ito, colour-blind safe),
 * each also with its own dash and marker. */
static const ov_pd_rgb palette[] = {
    {0.00f, 0.45f, 0.70f}, {0.90f, 0.62f, 0.00f}, {0.00f, 0.62f, 0.45f},
    {0.80f, 0.47f, 0.65f}, {0.34f, 0.71f, 0.91f}, {0.84f, 0.37f, 0.00f},
};
#define NPALETTE        (sizeof palette / sizeof palette[0])
#define MAX_TREND_LINES (NPALETTE + 1)

/* "90" or "87.5": a threshold as people write it. */
static void fmt_threshold(double v, char buf[24])
{
    snprintf(buf, 24, "%g", v);
}

/* ---- cover ------------------------------------------------------------------- */

/* The cover page: title band, period, run details, purpose and the marking box. */
static void cover(ov_pdf *r)
{
    ov_pd *pd = r->pd;
    const ov_report_ctx *ctx = r->ctx;
    ov_pd_add_page(pd);
    const float top = OV_PD_PAGE_H - 48, bottom = 470;
    ov_pd_rect(pd, 0, bottom, OV_PD_PAGE_W, top - bottom, &ov_pdf_navy, NULL, 0);
    float y = top - 40;
    char *kicker = ov_pdf_text(r, "cover.kicker", NULL, 0);
    ov_pd_text_box(pd, OV_PD_REGULAR, 12, 16, ov_pdf_white, OV_PD_LEFT, y, OV_PD_WIDTH,
                   OV_PD_ALIGN_LEFT, 2, kicker);
    free(kicker);
    y -= 40;
    size_t n = ov_pd_text_box(pd, OV_PD_BOLD, 26, 32, ov_pdf_white, OV_PD_LEFT, y, OV_PD_WIDTH,
                              OV_PD_ALIGN_LEFT, 3, ctx->title ? ctx->title : "");
    y -= (float)n * 32 + 10;
    char *sub = ov_pdf_text(r, "cover.title", NULL, 0);
    n = ov_pd_text_box(pd, OV_PD_REGULAR, 17, 22, ov_pdf_white, OV_PD_LEFT, y, OV_PD_WIDTH,
                       OV_PD_ALIGN_LEFT, 2, sub);
    free(sub);
    y -= (float)n * 22 + 18;
    if (r->head != OV_ALL) {
        char *self = ov_pdf_text(r, "cover.self_audit", NULL, 0);
        n = ov_pd_text_box(pd, OV_PD_BOLD, 14, 18, ov_pdf_white, OV_PD_LEFT, y, OV_PD_WIDTH,
                           OV_PD_ALIGN_LEFT, 2, self);
        free(self);
        y -= (float)n * 18 + 8;
    }
    ov_pd_text_box(pd, OV_PD_BOLD, 22, 28, ov_pdf_amber, OV_PD_LEFT, bottom + 52, OV_PD_WIDTH,
                   OV_PD_ALIGN_LEFT, 1, r->res->periods[0].label);

    ov_pd_set_y(pd, bottom - 30);
    static const char *const lines[] = {"cover.period", "cover.run", "cover.author"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (i == 2 && !(ctx->author && ctx->author[0]))
            continue;
        char *t = ov_pdf_text(r, lines[i], NULL, 0);
        ov_pd_style st = ov_pdf_body_style;
        st.size = 11.5f;
        st.leading = 17;
        st.space_after = 2;
        if (t[0])
            ov_pd_paragraph(pd, &st, t);
        free(t);
    }
    ov_pd_space(pd, 16);
    ov_pdf_para(r, "cover.purpose", NULL, 0);

    /* the marking and how to handle the report, boxed near the foot */
    float bx = OV_PD_LEFT, bw = OV_PD_WIDTH, bh = 78, by = OV_PD_BOTTOM + 18;
    ov_pd_rect(pd, bx, by, bw, bh, NULL, &ov_pdf_navy, 1.5f);
    ov_pd_text_box(pd, OV_PD_BOLD, 14, 18, ov_pdf_navy, bx + 12, by + bh - 8, bw - 24,
                   OV_PD_ALIGN_LEFT, 1, ctx->marking ? ctx->marking : "");
    /* an agency's report lists ids in its Exceptions section; the pack never does */
    char *handling = ov_pdf_text(
        r, ctx->agency_focus != OV_NONE ? "cover.handling_agency" : "cover.handling", NULL, 0);
    ov_pd_text_box(pd, OV_PD_REGULAR, 9, 12, ov_pdf_ink, bx + 12, by + bh - 30, bw - 24,
                   OV_PD_ALIGN_LEFT, 3, handling);
    free(handling);
}

/* ---- executive summary ------------------------------------------------------- */

/* The rated areas in the order the report presents them. */
#define NAREAS OV_AREA_INFO

/* Draws one headline tile with its top-left corner at (x, top). */
static void tile(ov_pdf *r, int m, const ov_pdf_unit *u, float x, float top, float w, float h)
{
    ov_pd *pd = r->pd;
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    const ov_figure *f = ov_pdf_fig(r, 0, m, u, OV_NONE);
    int rag = ov_pack_mark(r->pack, f);
    const ov_pd_rgb *fill = ov_pdf_rag_fill(rag);
    const ov_pd_rgb *ink = fill ? ov_pdf_rag_ink(rag) : &ov_pdf_ink;
    const float band = 15;
    ov_pd_rect(pd, x, top - h, w, h, &ov_pdf_white, &ov_pdf_grey, 0.8f);
    ov_pd_rect(pd, x, top - band, w, band, fill ? fill : &ov_pdf_grey, NULL, 0);
    char key[48];
    snprintf(key, sizeof key, "rag.%s.symbol", ov_pack_mark_name(rag));
    char *sym = ov_pdf_text(r, key, NULL, 0);
    char *word = ov_xasprintf("%s%s%s", sym, sym[0] ? " " : "", r->w.rag_words[rag]);
    ov_pd_text_at(pd, OV_PD_BOLD, 8.0f, *ink, x + 5, top - band + 4.5f, OV_PD_ALIGN_LEFT, word);
    free(word);
    free(sym);
    ov_pd_text_box(pd, OV_PD_BOLD, 8, 9.5f, ov_pdf_ink, x + 5, top - band - 3, w - 10,
                   OV_PD_ALIGN_LEFT, 2, md->title);
    char vbuf[32];
    float vy = top - band - 36;
    if (ov_pdf_rated(f)) {
        ov_pd_text_at(pd, OV_PD_BOLD, 17, ov_pdf_ink, x + 5, vy, OV_PD_ALIGN_LEFT,
                      ov_pdf_value(r, f, vbuf));
    } else {
        ov_pd_text_at(pd, OV_PD_BOLD, 11, ov_pdf_muted, x + 5, vy, OV_PD_ALIGN_LEFT,
                      ov_pdf_value(r, f, vbuf));
    }
    /* what lies behind the figure */
    char num[32], den[32], target[24];
    char *detail;
    fmt_threshold(f ? f->threshold.target : md->target, target);
    ov_narr_var v[] = {{"num", f ? ov_pdf_count((uint64_t)f->num, num) : ""},
                       {"den", f ? ov_pdf_count((uint64_t)f->den, den) : ""},
                       {"target", target}};
    int lower = f ? f->threshold.lower_is_better : md->lower_is_better;
    if (ov_pdf_rated(f))
        detail = ov_pdf_text(r, lower ? "tile.detail_lower" : "tile.detail", v, 3);
    else if (rag == OV_RAG_SUPPRESSED)
        detail = ov_pdf_text(r, "tile.suppressed", v, 3);
    else if (rag == OV_RAG_NOT_COVERED)
        detail = ov_pdf_text(r, "tile.not_covered", v, 3);
    else if (rag == OV_MARK_NOT_SENT)
        detail = ov_pdf_text(r, "tile.not_sent", v, 3);
    else
        detail = ov_pdf_text(r, "tile.no_data", v, 3);
    ov_pd_text_box(pd, OV_PD_REGULAR, 8.0f, 9.5f, ov_pdf_muted, x + 5, vy - 4, w - 10,
                   OV_PD_ALIGN_LEFT, 1, detail);
    free(detail);
    ov_pack_change change = ov_pack_change_of(r->pack, m, u);
    char *t = ov_words_change(&r->w, &change, NULL);
    if (t)
        ov_pd_text_box(pd, OV_PD_REGULAR, 8.0f, 9.5f, ov_pdf_ink, x + 5, vy - 13, w - 10,
                       OV_PD_ALIGN_LEFT, 1, t);
    free(t);
}

#define TILES_PER_ROW 5
#define TILE_H        78.0f
#define TILE_GAP      6.0f
#define TILE_LABEL    14.0f

/* Height of one area's block of tiles (label and rows), kept on one page. */
static float area_tiles_height(int area)
{
    int ms[OV_M_COUNT];
    size_t rows = (ov_words_area_metrics(area, ms) + TILES_PER_ROW - 1) / TILES_PER_ROW;
    return TILE_LABEL + (float)rows * (TILE_H + TILE_GAP);
}

/* The grid of headline tiles for the head unit, one block of rows per area. */
static void tiles(ov_pdf *r)
{
    ov_pd *pd = r->pd;
    const ov_pdf_unit *u = &r->units[r->nunits - 1];
    const size_t per_row = TILES_PER_ROW;
    const float gap = TILE_GAP, h = TILE_H;
    const float w = (OV_PD_WIDTH - gap * (float)(per_row - 1)) / (float)per_row;
    for (int a = 0; a < NAREAS; a++) {
        int ms[OV_M_COUNT];
        size_t n = ov_words_area_metrics(a, ms);
        size_t rows = (n + per_row - 1) / per_row;
        char key[32];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)a));
        char *label = ov_pdf_text(r, key, NULL, 0);
        ov_pd_need(pd, area_tiles_height(a));
        ov_pd_text_at(pd, OV_PD_BOLD, 9, ov_pdf_navy, OV_PD_LEFT, ov_pd_y(pd) - 10,
                      OV_PD_ALIGN_LEFT, label);
        free(label);
        ov_pd_space(pd, TILE_LABEL);
        for (size_t row = 0; row < rows; row++) {
            ov_pd_need(pd, h + gap);
            float top = ov_pd_y(pd);
            for (size_t k = 0; k < per_row && row * per_row + k < n; k++)
                tile(r, ms[row * per_row + k], u, OV_PD_LEFT + (float)k * (w + gap), top, w, h);
            ov_pd_space(pd, h + gap);
        }
        ov_pd_space(pd, 4);
    }
    ov_pdf_thin_notes(r, 0, 0, 0, NULL, 0, 1);
}

/* The change of every rated measure of the head unit since the previous
 * period, as a table: then, now and the change between the printed values. */
static void changes_table(ov_pdf *r)
{
    const ov_pdf_unit *u = &r->units[r->nunits - 1];
    char *h[4] = {ov_pdf_text(r, "changes.col_measure", NULL, 0),
                  ov_xstrdup(r->res->periods[1].label), ov_xstrdup(r->res->periods[0].label),
                  ov_pdf_text(r, "changes.col_change", NULL, 0)};
    ov_pd_col cols[4] = {{h[0], 200, OV_PD_ALIGN_LEFT},
                         {h[1], 85, OV_PD_ALIGN_RIGHT},
                         {h[2], 85, OV_PD_ALIGN_RIGHT},
                         {h[3], OV_PD_WIDTH - 370, OV_PD_ALIGN_LEFT}};
    ov_pdf_heading(r, 2, "changes.heading", 90);
    ov_pdf_para(r, "changes.intro", NULL, 0);
    int hist = 0;
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 4, 9.0f, OV_M_FIRST_INFO);
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_figure *f0 = ov_pdf_fig(r, 0, m, u, OV_NONE);
        const ov_figure *f1 = ov_pdf_fig(r, 1, m, u, OV_NONE);
        ov_pack_change c = ov_pack_change_of(r->pack, m, u);
        char v0[32], v1[32];
        char *change = ov_words_change(&r->w, &c, "changes.none");
        ov_pd_cell cells[4] = {
            {ov_metric_def_get((enum ov_metric_id)m)->title, NULL, NULL, 0},
            {ov_pdf_value(r, f1, v1), NULL, NULL, 0},
            {ov_pdf_value(r, f0, v0), NULL, NULL, 0},
            {change, NULL, NULL, c.comparable && c.better != 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(change);
        hist |= ov_pack_from_history(f1);
    }
    ov_pd_table_end(r->pd, &t);
    if (hist && r->pack->history_note)
        ov_pdf_small(r, r->pack->history_note);
    for (int i = 0; i < 4; i++)
        free(h[i]);
}

/* The context line from the informational figures of the head unit. */
static void context_line(ov_pdf *r)
{
    char *t = ov_words_context_line(&r->w);
    ov_pdf_small(r, t);
    free(t);
}

/* The executive summary: intro, commentary, key messages, tiles and the context line. */
static void section_summary(ov_pdf *r)
{
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 1, "section.summary", 120);
    ov_pdf_para(r, r->res->nperiods > 1 ? "summary.intro_trend" : "summary.intro", NULL, 0);
    ov_pdf_commentary(r, OV_CS_SUMMARY, 0);
    ov_pdf_heading(r, 2, "summary.messages_heading", 60);
    ov_pd_style st = ov_pdf_body_style;
    st.space_after = 4;
    for (size_t i = 0; i < r->pack->nmessages; i++)
        ov_pd_bullet(r->pd, &st, "\u25A0", r->pack->messages[i]);
    ov_pd_space(r->pd, 4);
    ov_pdf_heading(r, 2, "summary.tiles_heading", area_tiles_height(0));
    tiles(r);
    context_line(r);
    if (r->res->nperiods > 1)
        changes_table(r);
    ov_pdf_commentary(r, OV_CS_SUMMARY, 1);
}

/* ---- how are we doing? ------------------------------------------------------- */

/* The colour-coded bar chart of one metric across the units. */
static void bar_chart(ov_pdf *r, int m)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    ov_pd_bar *bars = ov_xcalloc(r->nunits, sizeof *bars);
    char(*vals)[32] = ov_xcalloc(r->nunits, sizeof *vals);
    for (size_t i = 0; i < r->nunits; i++) {
        const ov_figure *f = ov_pdf_fig(r, 0, m, &r->units[i], OV_NONE);
        bars[i].label = r->units[i].label;
        bars[i].emphasis = r->units[i].total;
        if (ov_pdf_rated(f)) {
            bars[i].has_value = 1;
            bars[i].value = f->den ? (double)f->num * 100.0 / (double)f->den : 0;
            bars[i].value_text = ov_pdf_value(r, f, vals[i]);
            bars[i].sub_text = r->w.rag_words[f->rag];
            bars[i].fill = *ov_pdf_rag_fill(f->rag);
        } else {
            bars[i].note = ov_pdf_value(r, f, vals[i]);
        }
    }
    const ov_threshold *t = ov_standards_threshold(
        r->ctx->standards, m, r->head == OV_ALL ? NULL : r->data->agencies[r->head].id);
    char tgt[24];
    fmt_threshold(t ? t->target : md->target, tgt);
    ov_narr_var v[] = {{"metric", md->title}, {"target", tgt}};
    char *title =
        ov_pdf_text(r, r->head == OV_ALL ? "chart.bar_title" : "chart.bar_title_team", v, 2);
    char *tlabel = ov_pdf_text(r, "chart.target", v, 2);
    ov_pd_legend_item legend[] = {
        {r->w.rag_words[OV_RAG_GREEN], ov_pdf_green, 0, OV_PD_SOLID, OV_PD_NO_MARKER},
        {r->w.rag_words[OV_RAG_AMBER], ov_pdf_amber, 0, OV_PD_SOLID, OV_PD_NO_MARKER},
        {r->w.rag_words[OV_RAG_RED], ov_pdf_red, 0, OV_PD_SOLID, OV_PD_NO_MARKER},
        {tlabel, ov_pdf_ink, 1, OV_PD_DASHED, OV_PD_NO_MARKER},
    };
    ov_pd_bar_chart c = {title,     "%",    100, 1,  t ? t->target : md->target, tlabel, bars,
                         r->nunits, legend, 4,   215};
    ov_pd_draw_bar_chart(r->pd, &c);
    free(title);
    free(tlabel);
    free(bars);
    free(vals);
}

/* The trend of one metric over the periods: the total and, when there are few
 * enough to tell apart, every other unit. */
static void trend_chart(ov_pdf *r, int m)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    size_t np = r->res->nperiods;
    size_t others = r->nunits - 1;
    size_t ns = 1 + (others <= NPALETTE ? others : 0);
    const char **xl = ov_xcalloc(np, sizeof *xl);
    ov_pd_series *se = ov_xcalloc(ns, sizeof *se);
    double *vals = ov_xcalloc(ns * np, sizeof *vals);
    int *present = ov_xcalloc(ns * np, sizeof *present);
    static const enum ov_pd_dash dashes[] = {OV_PD_DASHED, OV_PD_DOTTED, OV_PD_DASHDOT};
    static const enum ov_pd_marker markers[] = {OV_PD_SQUARE, OV_PD_TRIANGLE, OV_PD_DIAMOND};
    int any = 0, hist = 0;
    for (size_t i = 0; i < np; i++)
        xl[i] = r->res->periods[np - 1 - i].label;
    for (size_t s = 0; s < ns; s++) {
        const ov_pdf_unit *u = s == 0 ? &r->units[r->nunits - 1] : &r->units[s - 1];
        se[s].label = u->label;
        se[s].values = vals + s * np;
        se[s].present = present + s * np;
        if (s == 0) {
            se[s].colour = ov_pdf_ink;
            se[s].dash = OV_PD_SOLID;
            se[s].marker = OV_PD_CIRCLE;
            se[s].width = 2.4f;
        } else {
            se[s].colour = palette[(s - 1) % NPALETTE];
            se[s].dash = dashes[(s - 1) % 3];
            se[s].marker = markers[(s - 1) % 3];
            se[s].width = 1.4f;
        }
        for (size_t i = 0; i < np; i++) {
            const ov_figure *f = ov_pdf_fig(r, (int)(np - 1 - i), m, u, OV_NONE);
            if (ov_pdf_rated(f)) {
                vals[s * np + i] = (double)f->num * 100.0 / (double)f->den;
                present[s * np + i] = 1;
                any = 1;
                hist |= ov_pack_from_history(f);
            }
        }
    }
    char n[24], tgt[24];
    snprintf(n, sizeof n, "%zu", np);
    const ov_threshold *t = ov_standards_threshold(
        r->ctx->standards, m, r->head == OV_ALL ? NULL : r->data->agencies[r->head].id);
    fmt_threshold(t ? t->target : md->target, tgt);
    ov_narr_var v[] = {{"metric", md->title}, {"n", n}, {"target", tgt}};
    /* periods the head unit's figure is not covered in: said in words, no point drawn */
    const char **gaps = ov_xcalloc(np + 1, sizeof *gaps);
    size_t ngaps = 0;
    for (size_t i = 0; i < np; i++) {
        const ov_figure *f = ov_pdf_fig(r, (int)(np - 1 - i), m, &r->units[r->nunits - 1], OV_NONE);
        if (f && f->rag == OV_RAG_NOT_COVERED)
            gaps[ngaps++] = r->res->periods[np - 1 - i].label;
    }
    if (any) {
        char *title = ov_pdf_text(r, "chart.trend_title", v, 3);
        char *tlabel = ov_pdf_text(r, "chart.target", v, 3);
        ov_pd_line_chart c = {title, "%", 100, 1,  t ? t->target : md->target, tlabel, xl,
                              np,    se,  ns,  185};
        ov_pd_draw_line_chart(r->pd, &c);
        free(title);
        free(tlabel);
        if (ns == 1 && others > 0) {
            char *note = ov_pdf_text(r, "chart.trend_total_only", v, 3);
            ov_pdf_small(r, note);
            free(note);
        }
    } else {
        char *note = ov_pdf_text(r, "chart.trend_no_points", v, 3);
        ov_pdf_small(r, note);
        free(note);
    }
    if (hist && r->pack->history_note)
        ov_pdf_small(r, r->pack->history_note);
    if (ngaps) {
        char *and_word = ov_pdf_text(r, "word.and", NULL, 0);
        char *list = ov_narr_join(gaps, ngaps, and_word);
        ov_narr_var gv[] = {{"metric", md->title}, {"list", list}};
        char *note = ov_pdf_text(r, "chart.trend_not_covered", gv, 2);
        ov_pdf_small(r, note);
        free(note);
        free(list);
        free(and_word);
    }
    free(gaps);
    free(xl);
    free(se);
    free(vals);
    free(present);
}

/* The RAG table of the units against the metrics of an area. */
static void area_table(ov_pdf *r, const int *ms, size_t k)
{
    ov_pd_col *cols = ov_xcalloc(k + 1, sizeof *cols);
    char *unit_head =
        ov_pdf_text(r, r->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    const float first = 120;
    cols[0] = (ov_pd_col){unit_head, first, OV_PD_ALIGN_LEFT};
    for (size_t j = 0; j < k; j++)
        cols[j + 1] = (ov_pd_col){ov_metric_def_get((enum ov_metric_id)ms[j])->title,
                                  (OV_PD_WIDTH - first) / (float)k, OV_PD_ALIGN_CENTRE};
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, k + 1, 9.0f, r->nunits);
    ov_pd_cell *cells = ov_xcalloc(k + 1, sizeof *cells);
    char **texts = ov_xcalloc(k, sizeof *texts);
    for (size_t i = 0; i < r->nunits; i++) {
        const ov_pdf_unit *u = &r->units[i];
        cells[0] = (ov_pd_cell){u->label, NULL, NULL, 1};
        for (size_t j = 0; j < k; j++) {
            const ov_figure *f = ov_pdf_fig(r, 0, ms[j], u, OV_NONE);
            char v[32];
            const char *val = ov_pdf_value(r, f, v);
            texts[j] = ov_pdf_rated(f) ? ov_xasprintf("%s\n%s", val, r->w.rag_words[f->rag])
                                       : ov_xstrdup(val);
            int rag = f ? f->rag : OV_RAG_INFO;
            cells[j + 1] = (ov_pd_cell){texts[j], ov_pdf_rag_fill(rag), ov_pdf_rag_ink(rag), 0};
        }
        ov_pd_table_row(r->pd, &t, cells);
        for (size_t j = 0; j < k; j++)
            free(texts[j]);
    }
    ov_pd_table_end(r->pd, &t);
    free(texts);
    free(cells);
    free(cols);
    free(unit_head);
}

/* A small muted paragraph from a narrative key. */
static void small_key(ov_pdf *r, const char *key)
{
    char *t = ov_pdf_text(r, key, NULL, 0);
    ov_pdf_small(r, t);
    free(t);
}

/* The quarter-by-quarter table of an area for the head unit: a row per rated
 * measure, a column per period beside P (the quarters of the year so far, the
 * year to date and the same quarter last year; or the four quarters and the
 * year), with its notes. Nothing when the pack has no such periods. */
static void quarter_table(ov_pdf *r, const int *ms, size_t k)
{
    const ov_pack *p = r->pack;
    size_t nv = p->views.nperiods;
    if (!p->views.nfigs || !nv)
        return;
    const ov_pdf_unit *u = ov_pack_head(p);
    ov_narr_var hv[] = {{"unit", u->label}};
    char *title = ov_pdf_text(r, "quarters.title", hv, 1);
    ov_pd_need(r->pd, 40 + 30 * (float)k);
    ov_pd_text_at(r->pd, OV_PD_BOLD, 9, ov_pdf_navy, OV_PD_LEFT, ov_pd_y(r->pd) - 11,
                  OV_PD_ALIGN_LEFT, title);
    ov_pd_space(r->pd, 16);
    free(title);
    char *mh = ov_pdf_text(r, "appendix.col_metric", NULL, 0);
    ov_pd_col *cols = ov_xcalloc(nv + 1, sizeof *cols);
    const float first = 130;
    cols[0] = (ov_pd_col){mh, first, OV_PD_ALIGN_LEFT};
    for (size_t v = 0; v < nv; v++)
        cols[v + 1] = (ov_pd_col){p->views.periods[v].label, (OV_PD_WIDTH - first) / (float)nv,
                                  OV_PD_ALIGN_CENTRE};
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, nv + 1, 9.0f, k);
    ov_pd_cell *cells = ov_xcalloc(nv + 1, sizeof *cells);
    char **texts = ov_xcalloc(nv, sizeof *texts);
    for (size_t j = 0; j < k; j++) {
        cells[0] = (ov_pd_cell){ov_metric_def_get((enum ov_metric_id)ms[j])->title, NULL, NULL, 0};
        for (size_t v = 0; v < nv; v++) {
            const ov_figure *f = ov_pack_view_fig(p, (int)v, ms[j], u);
            int mark = ov_pack_mark(p, f);
            char vb[32];
            const char *val = ov_pdf_value(r, f, vb);
            texts[v] = ov_pdf_rated(f) ? ov_xasprintf("%s\n%s", val, r->w.rag_words[mark])
                                       : ov_xstrdup(val);
            cells[v + 1] = (ov_pd_cell){texts[v], ov_pdf_rag_fill(mark), ov_pdf_rag_ink(mark), 0};
        }
        ov_pd_table_row(r->pd, &t, cells);
        for (size_t v = 0; v < nv; v++)
            free(texts[v]);
    }
    ov_pd_table_end(r->pd, &t);
    if (ov_pack_views_snapshot_gap(p, ms, k))
        small_key(r, "quarters.snapshot");
    ov_pdf_small(r, p->views_history_note);
    ov_pdf_thin_notes(r, 1, 0, (int)nv - 1, ms, k, 1);
    free(texts);
    free(cells);
    free(cols);
    free(mh);
}

/* Case oversight per category for the head unit. */
static void category_table(ov_pdf *r)
{
    const ov_pdf_unit *u = &r->units[r->nunits - 1];
    static const int ms[2] = {OV_M_CASE_OVERSIGHT_CURRENT, OV_M_CASE_OVERSIGHT_PERIOD};
    char *h[4] = {ov_pdf_text(r, "categories.col_category", NULL, 0),
                  ov_pdf_text(r, "categories.col_interval", NULL, 0),
                  ov_pdf_text(r, "categories.col_current", NULL, 0),
                  ov_pdf_text(r, "categories.col_period", NULL, 0)};
    ov_pd_col cols[4] = {{h[0], 165, OV_PD_ALIGN_LEFT},
                         {h[1], 80, OV_PD_ALIGN_CENTRE},
                         {h[2], (OV_PD_WIDTH - 245) / 2, OV_PD_ALIGN_CENTRE},
                         {h[3], (OV_PD_WIDTH - 245) / 2, OV_PD_ALIGN_CENTRE}};
    ov_pd_table t;
    int started = 0;
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        const ov_figure *f[2] = {ov_pdf_fig(r, 0, ms[0], u, c), ov_pdf_fig(r, 0, ms[1], u, c)};
        if (!f[0] && !f[1])
            continue;
        if (!started) {
            ov_pd_table_begin(r->pd, &t, cols, 4, 9.0f);
            started = 1;
        }
        char key[64], months[16];
        snprintf(key, sizeof key, "category.%s", ov_codes_category.names[c]);
        snprintf(months, sizeof months, "%d", r->ctx->standards->interval_months[c]);
        ov_narr_var v[] = {{"months", months}};
        char *label = ov_pdf_text(r, key, NULL, 0);
        char *interval = ov_pdf_text(r, "categories.interval", v, 1);
        char *texts[2];
        ov_pd_cell cells[4] = {{label, NULL, NULL, 1}, {interval, NULL, NULL, 0}};
        for (int j = 0; j < 2; j++) {
            char vb[32];
            const char *val = ov_pdf_value(r, f[j], vb);
            texts[j] = ov_pdf_rated(f[j]) ? ov_xasprintf("%s\n%s", val, r->w.rag_words[f[j]->rag])
                                          : ov_xstrdup(val);
            int rag = f[j] ? f[j]->rag : OV_RAG_INFO;
            cells[2 + j] = (ov_pd_cell){texts[j], ov_pdf_rag_fill(rag), ov_pdf_rag_ink(rag), 0};
        }
        ov_pd_table_row(r->pd, &t, cells);
        free(texts[0]);
        free(texts[1]);
        free(label);
        free(interval);
    }
    if (started)
        ov_pd_table_end(r->pd, &t);
    else
        ov_pdf_para(r, "categories.none", NULL, 0);
    for (int i = 0; i < 4; i++)
        free(h[i]);
}

/* "How are we doing?": per area a bar chart, trend and RAG table, then the categories. */
static void section_doing(ov_pdf *r)
{
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 1, "section.how_doing", 80);
    ov_pdf_para(r, "how_doing.intro", NULL, 0);
    ov_pdf_commentary(r, OV_CS_HOW_DOING, 0);
    for (int a = 0; a < NAREAS; a++) {
        int ms[OV_M_COUNT];
        size_t k = ov_words_area_metrics(a, ms);
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)a));
        ov_pdf_heading(r, 2, key, 250);
        snprintf(key, sizeof key, "area.%s.intro", ov_metric_area_name((enum ov_metric_area)a));
        ov_pdf_para(r, key, NULL, 0);
        bar_chart(r, ms[0]);
        if (r->res->nperiods > 1)
            trend_chart(r, ms[0]);
        else
            small_key(r, "chart.trend_none");
        ov_pd_need(r->pd, 90);
        small_key(r, r->head == OV_ALL ? "table.intro" : "table.intro_team");
        area_table(r, ms, k);
        ov_pdf_thin_notes(r, 0, 0, 0, ms, k, 0);
        quarter_table(r, ms, k);
    }
    ov_pdf_heading(r, 2, "categories.heading", 120);
    ov_pdf_para(r, "categories.intro", NULL, 0);
    category_table(r);
    ov_pdf_commentary(r, OV_CS_HOW_DOING, 1);
}

/* ---- what are we doing to improve? ------------------------------------------- */

/* Summarises and lists the actions of the pack (by status, overdue first, due
 * date) with each measure's figure now, or says there are none. */
static void actions_table(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    char *summary = ov_words_actions_summary(&r->w);
    ov_pdf_body(r, summary);
    free(summary);
    if (p->nactions == 0)
        return;
    static const char *const hk[] = {
        "actions.col_id",    "actions.col_agency", "actions.col_metric", "actions.col_action",
        "actions.col_owner", "actions.col_due",    "actions.col_status", "actions.col_now"};
    static const float widths[] = {36, 68, 72, 113, 56, 48, 60, 42};
    char *h[8];
    ov_pd_col cols[8];
    for (int i = 0; i < 8; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i], i == 7 ? OV_PD_ALIGN_CENTRE : OV_PD_ALIGN_LEFT};
    }
    char *general = ov_pdf_text(r, "actions.no_metric", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 8, 9.0f, p->nactions);
    for (size_t i = 0; i < p->nactions; i++) {
        const ov_pack_action *x = &p->actions[i];
        const ov_action *a = x->action;
        char due[32], vb[32];
        char *status = ov_words_action_state(&r->w, x);
        int alarm = x->overdue || x->still_short;
        const char *metric = ov_words_action_measure(a, general);
        char *now = NULL;
        if (x->figure) {
            const char *val = ov_pdf_value(r, x->figure, vb);
            now = ov_pdf_rated(x->figure)
                      ? ov_xasprintf("%s\n%s", val, r->w.rag_words[x->figure->rag])
                      : ov_xstrdup(val);
        }
        int mark = x->figure ? ov_pack_mark(r->pack, x->figure) : OV_RAG_INFO;
        ov_pd_cell cells[8] = {
            {a->id, NULL, NULL, 1},
            {a->agency == OV_NONE ? p->partnership_word : ov_pdf_agency_name(r, a->agency), NULL,
             NULL, 0},
            {metric, NULL, NULL, 0},
            {a->description, NULL, NULL, 0},
            {a->owner ? a->owner : "", NULL, NULL, 0},
            {ov_pdf_short_date(a->due, due), NULL, NULL, x->overdue},
            {status, alarm ? &ov_pdf_red : NULL, alarm ? &ov_pdf_white : NULL, alarm},
            {now ? now : "", ov_pdf_rag_fill(mark), ov_pdf_rag_ink(mark), 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(status);
        free(now);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 8; i++)
        free(h[i]);
    free(general);
}

/* Lists the red and amber figures no action covers with a call to act, or says there are none. */
static void gaps_table(ov_pdf *r)
{
    const ov_pack_gap *g = r->pack->gaps;
    size_t n = r->pack->ngaps;
    char *intro = ov_words_gaps(&r->w, n ? "intro" : "none");
    ov_pdf_body(r, intro);
    free(intro);
    if (n == 0)
        return;
    char *h[4] = {
        ov_pdf_text(r, "gaps.col_agency", NULL, 0), ov_pdf_text(r, "gaps.col_metric", NULL, 0),
        ov_pdf_text(r, "gaps.col_value", NULL, 0), ov_pdf_text(r, "gaps.col_rating", NULL, 0)};
    ov_pd_col cols[4] = {{h[0], 165, OV_PD_ALIGN_LEFT},
                         {h[1], 190, OV_PD_ALIGN_LEFT},
                         {h[2], 70, OV_PD_ALIGN_RIGHT},
                         {h[3], OV_PD_WIDTH - 425, OV_PD_ALIGN_CENTRE}};
    char *partnership = ov_pdf_text(r, "unit.partnership", NULL, 0);
    char *still = ov_pdf_text(r, "gaps.still_short", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 4, 9.0f, n);
    for (size_t i = 0; i < n; i++) {
        char vb[32];
        char *rating = g[i].complete
                           ? ov_xasprintf("%s\n%s", r->w.rag_words[g[i].figure->rag], still)
                           : ov_xstrdup(r->w.rag_words[g[i].figure->rag]);
        ov_pd_cell cells[4] = {
            {g[i].agency == OV_ALL ? partnership : ov_pdf_agency_name(r, g[i].agency), NULL, NULL,
             1},
            {ov_metric_def_get((enum ov_metric_id)g[i].metric)->title, NULL, NULL, 0},
            {ov_pdf_value(r, g[i].figure, vb), NULL, NULL, 0},
            {rating, ov_pdf_rag_fill(g[i].figure->rag), ov_pdf_rag_ink(g[i].figure->rag), 1},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(rating);
    }
    ov_pd_table_end(r->pd, &t);
    char *title = ov_words_gaps(&r->w, "call_title");
    char *call = ov_words_gaps(&r->w, "call");
    ov_pd_rgb pale = {0.98f, 0.93f, 0.93f};
    ov_pd_note(r->pd, title, call, ov_pdf_red, pale);
    free(title);
    free(call);
    for (int i = 0; i < 4; i++)
        free(h[i]);
    free(partnership);
    free(still);
}

/* The returned Section 11 scores that the data challenge, for the moderation
 * panel: each with the rating and the figures behind it; or says why there
 * are none. */
static void s11_challenges(ov_pdf *r)
{
    const ov_s11 *s = &r->pack->s11;
    ov_pdf_heading(r, 2, "s11.heading", 110);
    char *intro = ov_words_s11_intro(&r->w);
    ov_pdf_body(r, intro);
    free(intro);
    if (!s->received || s->nchallenged == 0)
        return;
    static const char *const hk[] = {"s11.col_agency", "s11.col_standard", "s11.col_score",
                                     "s11.col_rating", "s11.col_evidence"};
    static const float widths[] = {95, 110, 70, 80};
    char *h[5];
    ov_pd_col cols[5];
    for (int i = 0; i < 5; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], i < 4 ? widths[i] : OV_PD_WIDTH - 355, OV_PD_ALIGN_LEFT};
    }
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, 5, 9.0f);
    for (size_t i = 0; i < s->nrows; i++) {
        const ov_s11_row *x = &s->rows[i];
        if (x->challenge == OV_S11_AGREED)
            continue;
        char *score, *standard, *evidence;
        ov_words_s11_row(&r->w, x, &score, &standard, &evidence);
        ov_pd_cell cells[5] = {
            {ov_pdf_agency_name(r, x->agency), NULL, NULL, 1},
            {standard, NULL, NULL, 0},
            {score, &ov_pdf_red, &ov_pdf_white, 1},
            {r->w.rag_words[x->rating], ov_pdf_rag_fill(x->rating), ov_pdf_rag_ink(x->rating), 1},
            {evidence, NULL, NULL, 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(score);
        free(standard);
        free(evidence);
    }
    ov_pd_table_end(r->pd, &t);
    small_key(r, "s11.after");
    for (int i = 0; i < 5; i++)
        free(h[i]);
}

/* "What are we doing to improve?": commentary, the actions, the uncovered
 * figures and the Section 11 challenges. */
static void section_improve(ov_pdf *r)
{
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 1, "section.improve", 80);
    ov_pdf_para(r, "improve.intro", NULL, 0);
    ov_pdf_commentary(r, OV_CS_IMPROVE, 0);
    ov_pdf_heading(r, 2, "actions.heading", 80);
    actions_table(r);
    ov_pdf_thin_notes_improve(r, 0);
    ov_pdf_heading(r, 2, "gaps.heading", 80);
    gaps_table(r);
    ov_pdf_thin_notes_improve(r, 1);
    s11_challenges(r);
    ov_pdf_commentary(r, OV_CS_IMPROVE, 1);
}

/* ---- set-up ------------------------------------------------------------------- */

/* Frees what the report context owns (not the context itself). */
static void free_report(ov_pdf *r)
{
    ov_pd_free(r->pd);
    ov_words_free(&r->w);
}

/* Writes NAME.pdf into the set out; returns 0, or -1 after a message via ov_err. */
int ov_pdf_write(const ov_pack *pack, ov_outset *out, const char *name)
{
    const ov_report_ctx *ctx = pack->ctx;
    int rc = -1;
    ov_pdf r;
    memset(&r, 0, sizeof r);
    char *file = NULL;
    char *info_title = NULL, *subject = NULL, *keywords = NULL, *creator = NULL, *footer = NULL;
    char *contents = NULL;
    if (!ctx->results || ctx->results->nperiods == 0) {
        ov_err("the board report PDF has no figures to show");
        return -1;
    }
    r.pack = pack;
    r.ctx = ctx;
    r.data = ctx->data;
    r.res = &pack->res;
    r.units = pack->units;
    r.nunits = pack->nunits;
    r.head = pack->head;
    r.head_label = pack->head_label;
    if (ov_words_init(&r.w, pack) != 0)
        goto done;

    info_title = ov_pdf_text(&r, r.head == OV_ALL ? "pdf.title" : "pdf.title_agency", NULL, 0);
    subject = ov_pdf_text(&r, "pdf.subject", NULL, 0);
    keywords = ov_pdf_text(&r, "pdf.keywords", NULL, 0);
    creator = ov_xasprintf("oversight %s", ctx->version ? ctx->version : "");
    int y, m, d;
    ov_date_to_ymd(ctx->run_date, &y, &m, &d);
    ov_pd_info info = {info_title, ctx->author && ctx->author[0] ? ctx->author : ctx->title,
                       subject,    creator,
                       keywords,   y,
                       m,          d,
                       NULL,       NULL};
    r.pd = ov_pd_new(&info);
    if (!r.pd)
        goto done;
    cover(&r);
    if (ov_pd_check(r.pd, "cover") != 0)
        goto done;
    ov_pdf_section_board(&r);
    if (ov_pd_check(r.pd, "the board on one page") != 0)
        goto done;
    contents = ov_pdf_text(&r, "contents.title", NULL, 0);
    ov_pd_contents_reserve(r.pd, contents, ov_pdf_navy);
    section_summary(&r);
    if (ov_pd_check(r.pd, "executive summary") != 0)
        goto done;
    section_doing(&r);
    if (ov_pd_check(r.pd, "how are we doing") != 0)
        goto done;
    ov_pdf_section_know(&r);
    if (ov_pd_check(r.pd, "how do we know") != 0)
        goto done;
    section_improve(&r);
    if (ov_pd_check(r.pd, "what are we doing to improve") != 0)
        goto done;
    if (ctx->agency_focus != OV_NONE) {
        /* staff and child ids: only in an agency's own report, ending section 4 */
        if (ov_pdf_section_exceptions(&r) != 0 || ov_pd_check(r.pd, "what must be done") != 0)
            goto done;
    }
    ov_pdf_section_appendix(&r);
    if (ov_pd_check(r.pd, "appendix") != 0)
        goto done;
    ov_pd_contents_fill(r.pd, ov_pdf_navy);
    footer = ov_pdf_text(&r, "footer", NULL, 0);
    ov_pd_stamp(r.pd, ctx->marking, footer, ov_pdf_navy);
    if (ov_pd_check(r.pd, "contents, headers and footers") != 0)
        goto done;
    file = ov_xasprintf("%s.pdf", name);
    ov_outfile o;
    if (ov_outfile_open(&o, out, file) != 0)
        goto done;
    if (ov_pd_save(r.pd, o.fp) != 0) {
        ov_outfile_abort(&o);
        goto done;
    }
    if (ov_outfile_close(&o) != 0)
        goto done;
    rc = 0;
done:
    free(file);
    free(info_title);
    free(subject);
    free(keywords);
    free(creator);
    free(footer);
    free(contents);
    free_report(&r);
    return rc;
}
