/* board.c — the board on one page, as the web page lays it out: what the pack
 * is for, the count of ratings, the unit x measure grid of the report model as
 * a table (areas and measures as column headers, units as row headers, every
 * cell's mark as a shape and letter with its word for screen readers, and the
 * legend in words), then the overdue actions, the measures with no live
 * action and the decisions asked of the board. */
#include "render/html/board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "metrics/metric_defs.h"

/* The board's grid: a header row of areas, one of measures (set upright to
 * keep the grid narrow), then a row per unit with its reds. */
static void grid(ov_html *h)
{
    const ov_pack *p = h->pack;
    size_t n = p->nboard_metrics;
    char id[16];
    ov_html_id(h, id);
    char *caption = ov_html_text(h, "html.board_caption", NULL, 0);
    ov_html_fmt(h,
                "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s\">"
                "<table class=\"board\">\n<caption id=\"%s\">",
                id, id);
    ov_html_esc(h, caption);
    ov_html_raw(h, "</caption>\n<thead>\n<tr><td></td>");
    free(caption);
    for (size_t k = 0; k < n;) {
        int area = ov_metric_def_get((enum ov_metric_id)p->board_metrics[k])->area;
        size_t j = k;
        while (j < n &&
               (int)ov_metric_def_get((enum ov_metric_id)p->board_metrics[j])->area == area)
            j++;
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)area));
        char *name = ov_html_text(h, key, NULL, 0);
        ov_html_fmt(h, "<th scope=\"colgroup\" colspan=\"%zu\" class=\"area\">", j - k);
        ov_html_esc(h, name);
        ov_html_raw(h, "</th>");
        free(name);
        k = j;
    }
    ov_html_raw(h, "<td></td></tr>\n<tr>");
    char *unit_head =
        ov_html_text(h, h->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    char *reds_head = ov_html_text(h, "board.col_reds", NULL, 0);
    ov_html_el(h, "<th scope=\"col\">", unit_head, "</th>");
    for (size_t k = 0; k < n; k++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)p->board_metrics[k]);
        ov_html_el(h, "<th scope=\"col\" class=\"v\"><span>", md->title, "</span></th>");
    }
    ov_html_el(h, "<th scope=\"col\" class=\"v\"><span>", reds_head, "</span></th>");
    ov_html_raw(h, "</tr>\n</thead>\n<tbody>\n");
    free(unit_head);
    free(reds_head);
    for (size_t i = 0; i < p->nboard_page; i++) {
        const ov_pack_board_row *row = &p->board_page[i];
        const ov_pack_unit *u = row->unit;
        ov_html_row(h, u->total ? "total" : NULL);
        ov_html_th(h, u->label);
        for (size_t k = 0; k < n; k++) {
            const ov_figure *f = ov_html_fig(h, 0, p->board_metrics[k], u, OV_NONE);
            int mark = ov_pack_mark(p, f);
            ov_html_fmt(h, "<td class=\"m %s\"><span aria-hidden=\"true\">",
                        ov_html_mark_class(mark));
            ov_html_esc(h, ov_pack_mark_cell(mark));
            ov_html_raw(h, "</span><span class=\"vh\">");
            ov_html_esc(h, h->w.rag_words[mark]);
            ov_html_raw(h, "</span>");
            if (ov_pack_thin_of(p, f)) /* rests on a thinly filled field: the key says so */
                ov_html_raw(h, " " OV_PACK_THIN_MARK);
            ov_html_raw(h, "</td>");
        }
        ov_html_fmt(h, "<td class=\"n\">%zu</td>", row->red);
        ov_html_row_end(h);
    }
    ov_html_raw(h, "</tbody></table></div>\n");
}

/* The overdue actions as list items: the oldest ten, then how many more. */
static void overdue_items(ov_html *h)
{
    char *lines[11];
    size_t n = ov_words_overdue_lines(&h->w, lines, 11);
    ov_html_raw(h, "<ul>\n");
    for (size_t i = 0; i < n; i++) {
        ov_html_el(h, "<li>", lines[i], "</li>\n");
        free(lines[i]);
    }
    ov_html_raw(h, "</ul>\n");
}

/* A titled block of the lower part: an h3 with the text of key. */
static void block_title(ov_html *h, const char *key, const ov_narr_var *v, size_t n)
{
    char *t = ov_html_text(h, key, v, n);
    ov_html_el(h, "<h3>", t, "</h3>\n");
    free(t);
}

/* The board on one page. */
void ov_html_section_board(ov_html *h)
{
    const ov_pack *p = h->pack;
    ov_html_raw(h, "<section class=\"part\" aria-labelledby=\"board\">\n");
    ov_html_heading(h, 2, "board.heading", "board");
    ov_html_para(h, "board.intro", NULL, 0);
    char *counts = ov_words_board_counts(&h->w);
    ov_html_el(h, "<p class=\"counts\">", counts, "</p>\n");
    free(counts);
    char *legend = ov_words_board_legend(&h->w);
    ov_html_small(h, legend);
    free(legend);
    grid(h);
    char *thin = ov_words_thin_line(&h->w);
    ov_html_el(h, "<p>", thin, "</p>\n");
    free(thin);

    ov_html_raw(h, "<div class=\"cols\">\n<div>\n");
    char cnt[24];
    snprintf(cnt, sizeof cnt, "%zu", p->overdue);
    ov_narr_var ov[] = {{"count", cnt}};
    block_title(h, "board.overdue_title", ov, 1);
    overdue_items(h);
    ov_html_raw(h, "</div>\n<div>\n");
    snprintf(cnt, sizeof cnt, "%zu", p->ngaps);
    block_title(h, "board.gaps_title", ov, 1);
    ov_html_para(h, p->ngaps ? "board.gaps" : "board.gaps_none", ov, 1);
    block_title(h, "board.decisions_title", NULL, 0);
    ov_html_raw(h, "<ul>\n");
    for (size_t i = 0; i < p->ndecisions; i++)
        ov_html_el(h, "<li>", p->decisions[i], "</li>\n");
    ov_html_raw(h, "</ul>\n</div>\n</div>\n</section>\n");
}
