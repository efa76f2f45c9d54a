/* doing.c — "How are we doing?" on the web page: for each area a bar chart of
 * its first measure across the units and its trend over the periods, both as
 * inline SVG with a text alternative (title and description) and the table of
 * the figures they draw beside them, then the area's ratings for every unit,
 * and case oversight by category. Charts draw no bar or point for a figure
 * that is not rated (suppressed, no data, not sent, not covered): its word is
 * written instead, as in the PDF. */
#include "render/html/doing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "metrics/metric_defs.h"

/* Line colours for trend charts after the total (Okabe-Ito, colour-blind safe),
 * each also with its own dash and marker; the total is black and solid. */
static const char *const palette[] = {"#0072b2", "#b35900", "#007a5a",
                                      "#b0417f", "#2f7fb0", "#a33e00"};
#define NPALETTE (sizeof palette / sizeof palette[0])
static const char *const dashes[] = {"6 4", "2 3", "8 3 2 3"};

/* Geometry of the charts (SVG user units). A bar chart writes each unit's
 * name above its bar, so that it stays legible on a narrow screen. */
#define BAR_W       400.0 /* the bar chart's width */
#define BAR_MAX     280.0 /* a bar of 100 % */
#define BAR_ROW     40.0  /* a unit: its name, then its bar */
#define AXIS_TOP    22.0
#define TREND_W     480.0 /* the trend chart's width */
#define LABEL_CHARS 52    /* a longer name is cut in the chart (the table has it whole) */

/* The SVG fill of a mark. */
static const char *mark_fill(int mark)
{
    switch (mark) {
    case OV_RAG_GREEN:
        return "#25754a";
    case OV_RAG_AMBER:
        return "#f7c44a";
    case OV_RAG_RED:
        return "#8c1a1f";
    default:
        return "#d5d9de";
    }
}

/* A label cut to at most LABEL_CHARS characters, with "…" when cut (caller frees). */
static char *short_label(const char *s)
{
    size_t chars = 0, i = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > LABEL_CHARS)
            return ov_xasprintf("%.*s\u2026", (int)i, s);
        i++;
    }
    return ov_xstrdup(s);
}

/* The threshold in force for the pack's head on metric m, as people write it. */
static double target_of(ov_html *h, int m, char buf[24])
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    const ov_threshold *t = ov_standards_threshold(
        h->ctx->standards, m, h->head == OV_ALL ? NULL : h->data->agencies[h->head].id);
    double v = t ? t->target : md->target;
    snprintf(buf, 24, "%g", v);
    return v;
}

/* Opens a chart: the figure (its table beside it, or under it when stack),
 * its caption, the SVG with its title and description (the text
 * alternative), of height height. */
static void svg_begin(ov_html *h, const char *title, const char *desc, double width, double height,
                      int stack)
{
    char fid[16], tid[16], did[16];
    ov_html_id(h, fid);
    ov_html_id(h, tid);
    ov_html_id(h, did);
    ov_html_fmt(h, "<figure%s aria-labelledby=\"%s\">\n<figcaption id=\"%s\">",
                stack ? " class=\"stack\"" : "", fid, fid);
    ov_html_esc(h, title);
    ov_html_fmt(
        h,
        "</figcaption>\n<div><svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
        "aria-labelledby=\"%s %s\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"%s\">",
        width, height, tid, did, tid);
    ov_html_esc(h, title);
    ov_html_fmt(h, "</title>\n<desc id=\"%s\">", did);
    ov_html_esc(h, desc);
    ov_html_raw(h, "</desc>\n");
}

/* The text alternative of a chart: its title, each item and the target (caller frees). */
static char *chart_alt(ov_html *h, const char *title, const ov_buf *items, const char *target)
{
    ov_narr_var v[] = {{"chart", title}, {"list", items->s ? items->s : ""}, {"target", target}};
    return ov_html_text(h, "html.chart_alt", v, 3);
}

/* The bar chart of metric m across the units, with the table of its figures. */
static void bar_chart(ov_html *h, int m)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    char tgt[24], vb[32];
    double target = target_of(h, m, tgt);
    ov_narr_var v[] = {{"metric", md->title}, {"target", tgt}};
    char *title =
        ov_html_text(h, h->head == OV_ALL ? "chart.bar_title" : "chart.bar_title_team", v, 2);
    char *tlabel = ov_html_text(h, "chart.target", v, 2);
    ov_buf items = {0};
    for (size_t i = 0; i < h->nunits; i++) {
        const ov_figure *f = ov_html_fig(h, 0, m, &h->units[i], OV_NONE);
        int mark = ov_pack_mark(h->pack, f);
        ov_buf_printf(&items, "%s%s: %s%s%s", i ? "; " : "", h->units[i].label,
                      ov_html_value(h, f, vb), ov_pack_rated(f) ? " " : "",
                      ov_pack_rated(f) ? h->w.rag_words[mark] : "");
    }
    char *alt = chart_alt(h, title, &items, tlabel);
    double height = AXIS_TOP + BAR_ROW * (double)h->nunits + 4;
    svg_begin(h, title, alt, BAR_W, height, 0);
    /* axis: 0, 50 and 100 %, and the target line */
    for (int k = 0; k <= 100; k += 50) {
        double x = 1 + BAR_MAX * k / 100.0;
        ov_html_fmt(h,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d5d9de\"/>"
                    "<text x=\"%.1f\" y=\"14\" font-size=\"11\" text-anchor=\"%s\">%d%%</text>\n",
                    x, AXIS_TOP - 4, x, height, x, k == 0 ? "start" : "middle", k);
    }
    for (size_t i = 0; i < h->nunits; i++) {
        const ov_pack_unit *u = &h->units[i];
        const ov_figure *f = ov_html_fig(h, 0, m, u, OV_NONE);
        int mark = ov_pack_mark(h->pack, f);
        double y = AXIS_TOP + BAR_ROW * (double)i;
        char *label = short_label(u->label);
        ov_html_fmt(h, "<text x=\"1\" y=\"%.1f\" font-size=\"14\" class=\"halo\"%s>", y + 14,
                    u->total ? " font-weight=\"bold\"" : "");
        ov_html_esc(h, label);
        ov_html_raw(h, "</text>");
        free(label);
        const char *value = ov_html_value(h, f, vb);
        if (ov_pack_rated(f)) {
            double pct = (double)f->num * 100.0 / (double)f->den;
            double w = BAR_MAX * (pct > 100 ? 100 : pct) / 100.0;
            ov_html_fmt(h, "<rect x=\"1\" y=\"%.1f\" width=\"%.1f\" height=\"15\" fill=\"%s\"%s/>",
                        y + 19, w, mark_fill(mark),
                        mark == OV_RAG_AMBER ? " stroke=\"#8a6a00\"" : "");
            ov_html_fmt(h, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" class=\"halo\">", w + 6,
                        y + 31);
            ov_html_esc(h, value);
            ov_html_raw(h, " ");
            ov_html_esc(h, h->w.rag_words[mark]);
            ov_html_raw(h, "</text>\n");
        } else {
            ov_html_fmt(h, "<text x=\"1\" y=\"%.1f\" font-size=\"14\" font-style=\"italic\">",
                        y + 31);
            ov_html_esc(h, value);
            ov_html_raw(h, "</text>\n");
        }
    }
    double tx = 1 + BAR_MAX * (target > 100 ? 100 : target < 0 ? 0 : target) / 100.0;
    ov_html_fmt(h,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1f\" "
                "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n",
                tx, AXIS_TOP - 4, tx, height);
    ov_html_raw(h, "</svg>\n");
    ov_html_el(h, "<p class=\"small\">", tlabel, "</p>");
    ov_html_raw(h, "</div>\n<div>\n");
    /* the table of the chart's figures, beside it */
    char *caption = ov_xasprintf("%s", title);
    char *unit_head =
        ov_html_text(h, h->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    ov_html_col cols[2] = {{unit_head, 0}, {md->title, 0}};
    ov_html_table_begin(h, caption, 1, cols, 2);
    for (size_t i = 0; i < h->nunits; i++) {
        ov_html_row(h, h->units[i].total ? "total" : NULL);
        ov_html_th(h, h->units[i].label);
        ov_html_td_fig(h, ov_html_fig(h, 0, m, &h->units[i], OV_NONE));
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    ov_html_raw(h, "</div>\n</figure>\n");
    free(caption);
    free(unit_head);
    free(alt);
    ov_buf_free(&items);
    free(title);
    free(tlabel);
}

/* A point's marker: a circle for the total, then square, triangle, diamond. */
static void marker(ov_html *h, size_t s, double x, double y, const char *colour)
{
    switch (s == 0 ? 0 : 1 + (s - 1) % 3) {
    case 0:
        ov_html_fmt(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>", x, y, colour);
        break;
    case 1:
        ov_html_fmt(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>", x - 4,
                    y - 4, colour);
        break;
    case 2:
        ov_html_fmt(h, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x, y - 5, x + 5,
                    y + 4, x - 5, y + 4, colour);
        break;
    default:
        ov_html_fmt(h, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\"/>", x,
                    y - 5, x + 5, y, x, y + 5, x - 5, y, colour);
        break;
    }
}

/* The unit of series s of a trend chart: the head unit first, then the others. */
static const ov_pack_unit *series_unit(const ov_html *h, size_t s)
{
    return s == 0 ? &h->units[h->nunits - 1] : &h->units[s - 1];
}

/* Draws the lines and points of the trend of m; ns series over np periods. */
static void trend_lines(ov_html *h, int m, size_t ns, size_t np, double x0, double dx, double ytop,
                        double yh)
{
    for (size_t s = ns; s-- > 0;) { /* the total last: on top */
        const ov_pack_unit *u = series_unit(h, s);
        const char *colour = s == 0 ? "#1a1a1f" : palette[(s - 1) % NPALETTE];
        ov_buf path = {0};
        int pen = 0;
        for (size_t i = 0; i < np; i++) {
            const ov_figure *f = ov_html_fig(h, (int)(np - 1 - i), m, u, OV_NONE);
            if (!ov_pack_rated(f)) {
                pen = 0; /* no point, and no line across the gap */
                continue;
            }
            double pct = (double)f->num * 100.0 / (double)f->den;
            ov_buf_printf(&path, "%s%.1f %.1f", pen ? "L" : "M", x0 + dx * (double)i,
                          ytop + yh * (1 - (pct > 100 ? 100 : pct) / 100.0));
            pen = 1;
        }
        if (path.len) {
            ov_html_fmt(h, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"", path.s,
                        colour, s == 0 ? "3" : "2");
            if (s)
                ov_html_fmt(h, " stroke-dasharray=\"%s\"", dashes[(s - 1) % 3]);
            ov_html_raw(h, "/>\n");
        }
        ov_buf_free(&path);
        for (size_t i = 0; i < np; i++) {
            const ov_figure *f = ov_html_fig(h, (int)(np - 1 - i), m, u, OV_NONE);
            if (!ov_pack_rated(f))
                continue;
            double pct = (double)f->num * 100.0 / (double)f->den;
            marker(h, s, x0 + dx * (double)i, ytop + yh * (1 - (pct > 100 ? 100 : pct) / 100.0),
                   colour);
        }
        ov_html_raw(h, "\n");
    }
}

/* The key to a trend chart's lines: a sample of each line and its unit. */
static void trend_key(ov_html *h, size_t ns)
{
    ov_html_raw(h, "<ul class=\"key\">\n");
    for (size_t s = 0; s < ns; s++) {
        const char *colour = s == 0 ? "#1a1a1f" : palette[(s - 1) % NPALETTE];
        ov_html_fmt(
            h,
            "<li><svg viewBox=\"0 0 40 12\" width=\"40\" height=\"12\" aria-hidden=\"true\" "
            "focusable=\"false\"><line x1=\"2\" y1=\"6\" x2=\"38\" y2=\"6\" stroke=\"%s\" "
            "stroke-width=\"%s\"",
            colour, s == 0 ? "3" : "2");
        if (s)
            ov_html_fmt(h, " stroke-dasharray=\"%s\"", dashes[(s - 1) % 3]);
        ov_html_raw(h, "/>");
        marker(h, s, 20, 6, colour);
        ov_html_raw(h, "</svg> ");
        ov_html_raw(h, "<bdi>");
        ov_html_esc(h, series_unit(h, s)->label);
        ov_html_raw(h, "</bdi></li>\n");
    }
    ov_html_raw(h, "</ul>\n");
}

/* The trend of metric m over the periods: the total and, when there are few
 * enough to tell apart, every other unit; with the table of its figures. */
static void trend_chart(ov_html *h, int m)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    size_t np = h->res->nperiods;
    size_t others = h->nunits - 1;
    size_t ns = 1 + (others <= NPALETTE ? others : 0);
    char n[24], tgt[24], vb[32];
    snprintf(n, sizeof n, "%zu", np);
    double target = target_of(h, m, tgt);
    ov_narr_var v[] = {{"metric", md->title}, {"n", n}, {"target", tgt}};
    int any = 0, hist = 0;
    ov_buf items = {0};
    for (size_t s = 0; s < ns; s++) {
        const ov_pack_unit *u = series_unit(h, s);
        ov_buf_printf(&items, "%s%s:", s ? "; " : "", u->label);
        for (size_t i = 0; i < np; i++) {
            const ov_figure *f = ov_html_fig(h, (int)(np - 1 - i), m, u, OV_NONE);
            any |= ov_pack_rated(f);
            hist |= ov_pack_rated(f) && ov_pack_from_history(f);
            ov_buf_printf(&items, "%s %s %s", i ? "," : "", h->res->periods[np - 1 - i].label,
                          ov_html_value(h, f, vb));
        }
    }
    const char **gaps = ov_xcalloc(np + 1, sizeof *gaps);
    size_t ngaps = 0;
    for (size_t i = 0; i < np; i++) {
        const ov_figure *f = ov_html_fig(h, (int)(np - 1 - i), m, ov_pack_head(h->pack), OV_NONE);
        if (f && f->rag == OV_RAG_NOT_COVERED)
            gaps[ngaps++] = h->res->periods[np - 1 - i].label;
    }
    if (any) {
        char *title = ov_html_text(h, "chart.trend_title", v, 3);
        char *tlabel = ov_html_text(h, "chart.target", v, 3);
        char *alt = chart_alt(h, title, &items, tlabel);
        const double height = 254, ytop = 12, yh = 200, x0 = 62, x1 = TREND_W - 44;
        double dx = np > 1 ? (x1 - x0) / (double)(np - 1) : 0;
        svg_begin(h, title, alt, TREND_W, height, 1);
        for (int k = 0; k <= 100; k += 25) {
            double y = ytop + yh * (1 - k / 100.0);
            ov_html_fmt(h,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d5d9de\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" text-anchor=\"end\">%d%%"
                        "</text>\n",
                        x0 - 10, y, x1 + 10, y, x0 - 14, y + 5, k);
        }
        for (size_t i = 0; i < np; i++) {
            ov_html_fmt(h, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" text-anchor=\"middle\">",
                        x0 + dx * (double)i, ytop + yh + 26);
            ov_html_esc(h, h->res->periods[np - 1 - i].label);
            ov_html_raw(h, "</text>");
        }
        double ty = ytop + yh * (1 - (target > 100 ? 100 : target < 0 ? 0 : target) / 100.0);
        ov_html_fmt(h,
                    "\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#565b63\" "
                    "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n",
                    x0 - 10, ty, x1 + 10, ty);
        trend_lines(h, m, ns, np, x0, dx, ytop, yh);
        ov_html_raw(h, "</svg>\n");
        ov_html_el(h, "<p class=\"small\">", tlabel, "</p>");
        trend_key(h, ns);
        if (ns == 1 && others > 0)
            ov_html_small_key(h, "chart.trend_total_only", v, 3);
        ov_html_raw(h, "</div>\n<div>\n");
        /* the table of the chart's figures, beside it */
        char *unit_head =
            ov_html_text(h, h->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
        ov_html_col *cols = ov_xcalloc(np + 1, sizeof *cols);
        cols[0] = (ov_html_col){unit_head, 0};
        for (size_t i = 0; i < np; i++)
            cols[i + 1] = (ov_html_col){h->res->periods[np - 1 - i].label, 0};
        ov_html_table_begin(h, title, 1, cols, np + 1);
        for (size_t s = 0; s < ns; s++) {
            const ov_pack_unit *u = series_unit(h, s);
            ov_html_row(h, u->total ? "total" : NULL);
            ov_html_th(h, u->label);
            for (size_t i = 0; i < np; i++)
                ov_html_td_fig(h, ov_html_fig(h, (int)(np - 1 - i), m, u, OV_NONE));
            ov_html_row_end(h);
        }
        ov_html_table_end(h);
        ov_html_raw(h, "</div>\n</figure>\n");
        free(cols);
        free(unit_head);
        free(alt);
        free(title);
        free(tlabel);
    } else {
        ov_html_small_key(h, "chart.trend_no_points", v, 3);
    }
    if (hist && h->pack->history_note)
        ov_html_small(h, h->pack->history_note);
    if (ngaps) {
        char *and_word = ov_html_text(h, "word.and", NULL, 0);
        char *list = ov_narr_join(gaps, ngaps, and_word);
        ov_narr_var gv[] = {{"metric", md->title}, {"list", list}};
        ov_html_small_key(h, "chart.trend_not_covered", gv, 2);
        free(list);
        free(and_word);
    }
    free(gaps);
    ov_buf_free(&items);
}

/* The ratings of the units against the metrics of an area. */
static void area_table(ov_html *h, int area, const int *ms, size_t k)
{
    char key[48];
    snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)area));
    char *an = ov_html_text(h, key, NULL, 0);
    ov_narr_var v[] = {{"area", an}};
    char *caption = ov_html_text(h, "html.area_caption", v, 1);
    ov_html_col *cols = ov_xcalloc(k + 1, sizeof *cols);
    char *unit_head =
        ov_html_text(h, h->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    cols[0] = (ov_html_col){unit_head, 0};
    for (size_t j = 0; j < k; j++)
        cols[j + 1] = (ov_html_col){ov_metric_def_get((enum ov_metric_id)ms[j])->title, 0};
    ov_html_table_begin(h, caption, 0, cols, k + 1);
    for (size_t i = 0; i < h->nunits; i++) {
        const ov_pack_unit *u = &h->units[i];
        ov_html_row(h, u->total ? "total" : NULL);
        ov_html_th(h, u->label);
        for (size_t j = 0; j < k; j++)
            ov_html_td_fig(h, ov_html_fig(h, 0, ms[j], u, OV_NONE));
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    free(cols);
    free(unit_head);
    free(caption);
    free(an);
}

/* The quarter-by-quarter table of an area for the head unit: a row per rated
 * measure, a column per period beside P (the pack's views), with its notes.
 * Nothing when the pack has no such periods. */
static void quarter_table(ov_html *h, const int *ms, size_t k)
{
    const ov_pack *p = h->pack;
    size_t nv = p->views.nperiods;
    if (!p->views.nfigs || !nv)
        return;
    const ov_pack_unit *u = ov_pack_head(p);
    ov_narr_var hv[] = {{"unit", u->label}};
    char *title = ov_html_text(h, "quarters.title", hv, 1);
    ov_html_el(h, "<h4>", title, "</h4>\n");
    char *mh = ov_html_text(h, "appendix.col_metric", NULL, 0);
    ov_html_col *cols = ov_xcalloc(nv + 1, sizeof *cols);
    cols[0] = (ov_html_col){mh, 0};
    for (size_t v = 0; v < nv; v++)
        cols[v + 1] = (ov_html_col){p->views.periods[v].label, 0};
    ov_html_table_begin(h, title, 1, cols, nv + 1);
    for (size_t j = 0; j < k; j++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)ms[j]);
        ov_html_row(h, NULL);
        ov_html_th(h, md->title);
        for (size_t v = 0; v < nv; v++) {
            const ov_figure *f = ov_pack_view_fig(p, (int)v, ms[j], u);
            ov_html_td_fig(h, f);
        }
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    if (ov_pack_views_snapshot_gap(p, ms, k))
        ov_html_small_key(h, "quarters.snapshot", NULL, 0);
    ov_html_small(h, p->views_history_note);
    ov_html_thin_notes(h, 1, 0, (int)nv - 1, ms, k, 1);
    free(cols);
    free(mh);
    free(title);
}

/* Case oversight per category for the head unit. */
static void category_table(ov_html *h)
{
    const ov_pack_unit *u = ov_pack_head(h->pack);
    static const int ms[2] = {OV_M_CASE_OVERSIGHT_CURRENT, OV_M_CASE_OVERSIGHT_PERIOD};
    static const char *const hk[] = {"categories.col_category", "categories.col_interval",
                                     "categories.col_current", "categories.col_period"};
    char *hd[4];
    ov_html_col cols[4];
    for (int i = 0; i < 4; i++) {
        hd[i] = ov_html_text(h, hk[i], NULL, 0);
        cols[i] = (ov_html_col){hd[i], 0};
    }
    char *caption = ov_html_text(h, "categories.heading", NULL, 0);
    int started = 0;
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        const ov_figure *f[2] = {ov_html_fig(h, 0, ms[0], u, c), ov_html_fig(h, 0, ms[1], u, c)};
        if (!f[0] && !f[1])
            continue;
        if (!started)
            ov_html_table_begin(h, caption, 1, cols, 4);
        started = 1;
        char key[64], months[16];
        snprintf(key, sizeof key, "category.%s", ov_codes_category.names[c]);
        snprintf(months, sizeof months, "%d", h->ctx->standards->interval_months[c]);
        ov_narr_var v[] = {{"months", months}};
        char *label = ov_html_text(h, key, NULL, 0);
        char *interval = ov_html_text(h, "categories.interval", v, 1);
        ov_html_row(h, NULL);
        ov_html_th(h, label);
        ov_html_td(h, interval, NULL);
        ov_html_td_fig(h, f[0]);
        ov_html_td_fig(h, f[1]);
        ov_html_row_end(h);
        free(label);
        free(interval);
    }
    if (started)
        ov_html_table_end(h);
    else
        ov_html_para(h, "categories.none", NULL, 0);
    for (int i = 0; i < 4; i++)
        free(hd[i]);
    free(caption);
}

/* "How are we doing?": per area its charts and ratings, then the categories. */
void ov_html_section_doing(ov_html *h)
{
    ov_html_raw(h, "<section class=\"part\" aria-labelledby=\"doing\">\n");
    ov_html_heading(h, 2, "section.how_doing", "doing");
    ov_html_para(h, "how_doing.intro", NULL, 0);
    ov_html_commentary(h, OV_CS_HOW_DOING, 0);
    for (int a = 0; a < OV_AREA_INFO; a++) {
        int ms[OV_M_COUNT];
        size_t k = ov_words_area_metrics(a, ms);
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)a));
        ov_html_heading(h, 3, key, NULL);
        snprintf(key, sizeof key, "area.%s.intro", ov_metric_area_name((enum ov_metric_area)a));
        ov_html_para(h, key, NULL, 0);
        bar_chart(h, ms[0]);
        if (h->res->nperiods > 1)
            trend_chart(h, ms[0]);
        else
            ov_html_small_key(h, "chart.trend_none", NULL, 0);
        ov_html_small_key(h, h->head == OV_ALL ? "table.intro" : "table.intro_team", NULL, 0);
        area_table(h, a, ms, k);
        ov_html_thin_notes(h, 0, 0, 0, ms, k, 0);
        quarter_table(h, ms, k);
    }
    ov_html_heading(h, 3, "categories.heading", NULL);
    ov_html_para(h, "categories.intro", NULL, 0);
    category_table(h);
    ov_html_commentary(h, OV_CS_HOW_DOING, 1);
    ov_html_raw(h, "</section>\n");
}
