/* html.c — the board report as an accessible web page (ov_html_write, SPEC
 * 10.1): the page and its style sheet (screen, narrow screens and print), the
 * cover, the contents, "Executive summary" and "What are we doing to
 * improve?"; the board on one page is in board.c, "How are we doing?" in
 * doing.c, "How do we know?" and the appendix in know.c, an agency's
 * follow-up lists in except.c, and what they share in common.c.
 *
 * The page lays out the report model (report/pack.h) with the PDF's words
 * (render/words.h, templates/narrative.txt) and computes nothing of its own.
 * It is one file: no script, no external resource, no request of any kind
 * (its Content-Security-Policy forbids them). Every text that came from the
 * data, the agencies, the actions, the commentary or --title is escaped
 * (core/text.h). The partnership page carries no staff or child id. */
#include "render/html/html.h"

#include "render/html/board.h"
#include "render/html/common.h"
#include "render/html/doing.h"
#include "render/html/except.h"
#include "render/html/know.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/text.h"
#include "metrics/metric_defs.h"

/* The style sheet: screen first (narrow screens need no rule of their own:
 * nothing is wider than the page, wide tables scroll in their own region),
 * then print (A4, the marking on every page, headers repeated, no row split). */
static const char *const style[] = {
    ":root{--navy:#1f3a5f;--ink:#1a1a1f;--muted:#565b63;--tint:#edf2fa;--grey:#d5d9de;",
    "--green:#25754a;--amber:#f7c44a;--red:#8c1a1f}\n",
    "*{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%}\n",
    "body{margin:0;font-family:\"Liberation Sans\",Arial,Helvetica,sans-serif;font-size:1rem;",
    "line-height:1.5;color:var(--ink);background:#fff;overflow-wrap:anywhere}\n",
    ".skip{position:absolute;left:-999em}.skip:focus{left:1rem;top:1rem;background:#fff;",
    "padding:.5rem;z-index:2}\n",
    ".banner{background:var(--navy);color:#fff;padding:.35rem 1rem;font-weight:bold;",
    "font-size:.9rem}\n",
    ".banner p{margin:0 auto;max-width:64rem;padding:0 1rem}\n",
    "main,.foot{display:block;max-width:64rem;margin:0 auto;padding:0 1rem}\n",
    "a{color:var(--navy)}a:focus,[tabindex]:focus{outline:3px solid #c55a00;outline-offset:2px}\n",
    "h1,h2,h3,h4,h5{color:var(--navy);line-height:1.25}\n",
    "h2{font-size:1.6rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:4px solid ",
    "var(--navy)}\n",
    "h3{font-size:1.25rem;margin:2rem 0 .5rem}h4{font-size:1.05rem;margin:1.5rem 0 .4rem}\n",
    "h5{font-size:1rem;margin:1rem 0 .25rem}\n",
    ".cover{background:var(--navy);color:#fff;margin:1rem 0 0;padding:1.5rem 1.25rem}\n",
    ".cover h1{color:#fff;font-size:2rem;margin:.4rem 0 .6rem}\n",
    ".cover p{margin:.3rem 0}.kicker{font-size:1.05rem}.subtitle{font-size:1.3rem}\n",
    ".period{color:var(--amber);font-size:1.6rem;font-weight:bold;margin-top:1rem!important}\n",
    ".facts{margin:1rem 0;padding:0}.facts p{margin:.2rem 0}\n",
    ".marking{border:2px solid var(--navy);padding:.75rem 1rem;margin:1rem 0}\n",
    ".marking p{margin:.2rem 0}.marking "
    ".mk{font-weight:bold;font-size:1.15rem;color:var(--navy)}\n",
    "nav ul{list-style:none;padding-left:0}nav li{margin:.3rem 0}\n",
    ".small{font-size:.875rem;color:var(--muted)}\n",
    ".comment{border-left:4px solid var(--navy);background:var(--tint);padding:.5rem 1rem;",
    "margin:1rem 0}\n",
    ".comment p{margin:.3rem 0}.comment-title{font-weight:bold;color:var(--navy)}\n",
    ".call{border-left:4px solid var(--red);background:#fbeeee;padding:.5rem 1rem;margin:1rem 0}\n",
    ".call p{margin:.3rem 0}.call .t{font-weight:bold;color:var(--red)}\n",
    ".messages li{margin:.35rem 0}\n",
    ".counts{font-weight:bold}\n",
    ".scroll{position:relative;max-width:100%;overflow-x:auto;margin:.5rem 0 1rem}\n",
    "table{border-collapse:collapse;font-size:.875rem;overflow-wrap:normal}\n",
    "caption{text-align:left;font-weight:bold;color:var(--navy);padding:.25rem 0;"
    "max-width:calc(100vw - 2rem);position:sticky;left:0}\n",
    "th,td{border:1px solid var(--grey);padding:.3rem .45rem;text-align:left;vertical-align:top}\n",
    "thead th{background:var(--tint);color:var(--ink);vertical-align:bottom}\n",
    "tbody th{font-weight:bold;min-width:8em;max-width:18em}\n",
    "td.n,th.n{text-align:right;white-space:nowrap}\n",
    "td.m{text-align:center;white-space:nowrap}\n",
    ".g{background:var(--green);color:#fff;font-weight:bold}\n",
    ".a{background:var(--amber);color:var(--ink);font-weight:bold}\n",
    ".r{background:var(--red);color:#fff;font-weight:bold}\n",
    ".x{color:var(--muted)}\n",
    "tr.total th,tr.total td.x{background:var(--tint)}\n",
    ".shape{font-size:.8em}\n",
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);",
    "white-space:nowrap}\n",
    ".board thead th.v{height:13rem;padding:.3rem .15rem;text-align:left;font-size:.8rem}\n",
    ".board thead th.v span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;"
    "max-height:12.5rem;line-height:1.15}\n",
    ".board thead th.area{background:var(--navy);color:#fff;text-align:center}\n",
    ".board td.m{padding:.2rem .3rem;min-width:2.2rem}\n",
    ".board tbody th{font-weight:normal}.board tr.total th{font-weight:bold}\n",
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}\n",
    ".cols>div{min-width:0}\n",
    ".tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem;",
    "padding:0;list-style:none;margin:.5rem 0 1rem}\n",
    ".tile{border:1px solid var(--grey);min-width:0}\n",
    ".tile .band{padding:.15rem .5rem;font-size:.8rem;margin:0}\n",
    ".tile .band.x{background:var(--grey);color:var(--ink)}\n",
    ".tile p{margin:.2rem .5rem}.tile .tt{font-weight:bold;font-size:.85rem}\n",
    ".tile .v{font-size:1.6rem;font-weight:bold}.tile .v.x{font-size:1.05rem}\n",
    ".tile .d{font-size:.8rem;color:var(--muted)}.tile .c{font-size:.8rem}\n",
    "figure{margin:1rem 0 1.5rem;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);"
    "gap:1.5rem;align-items:start}\n",
    "figure.stack{grid-template-columns:minmax(0,1fr)}figure svg{max-width:30rem}\n",
    "@media (max-width:50rem){figure{grid-template-columns:minmax(0,1fr)}}\n",
    "figure>*{min-width:0}\n",
    "figcaption{grid-column:1/-1;font-weight:bold;color:var(--navy)}\n",
    "svg{width:100%;height:auto;display:block}\n",
    "svg text{font-family:\"Liberation Sans\",Arial,sans-serif;fill:var(--ink)}\n",
    "svg text.halo{stroke:#fff;stroke-width:4px;paint-order:stroke;stroke-linejoin:round}\n",
    ".key{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;"
    "font-size:.875rem}\n",
    ".key svg{display:inline-block;width:40px;vertical-align:middle}\n",
    "dl.def dt{font-weight:bold}dl.def dd{margin:0 0 .5rem 1rem}\n",
    ".foot{border-top:1px solid var(--grey);margin-top:3rem;padding-top:.5rem;padding-bottom:2rem;",
    "font-size:.875rem;color:var(--muted)}\n",
    "@media print{\n",
    "body{font-size:10pt;line-height:1.35;-webkit-print-color-adjust:exact;",
    "print-color-adjust:exact}\n",
    ".banner,.skip,nav{display:none}\n",
    "main,.foot{max-width:none;padding:0}\n",
    ".scroll{overflow:visible}\n",
    "table{font-size:8.5pt;width:100%}\n",
    "thead{display:table-header-group}\n",
    "tr,.tile,.comment,.call,figure,svg,.marking{break-inside:avoid}\n",
    "h2,h3,h4,h5,caption{break-after:avoid}\n",
    "section.part,.followups{break-before:page}\n",
    "h2{margin-top:0}\n",
    ".board thead th.v{height:10rem}.board thead th.v span{max-height:9.5rem}\n",
    "a{color:inherit;text-decoration:none}\n",
    "}\n",
};

/* The page's size and margins, and the marking and page number on every
 * printed page (the marking is the user's text: written as a CSS string). */
static void page_rules(ov_html *h)
{
    ov_html_raw(h, "@page{size:A4;margin:16mm 13mm 16mm;@top-center{content:");
    ov_css_string(h->fp, h->ctx->marking ? h->ctx->marking : "");
    ov_html_raw(h, ";font:bold 9pt \"Liberation Sans\",Arial,sans-serif;color:#1f3a5f}"
                   "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);"
                   "font:8pt \"Liberation Sans\",Arial,sans-serif;color:#565b63}"
                   "@bottom-left{content:");
    ov_css_string(h->fp, h->ctx->marking ? h->ctx->marking : "");
    ov_html_raw(h, ";font:bold 8pt \"Liberation Sans\",Arial,sans-serif;color:#1f3a5f}}\n");
}

/* ---- cover and contents ------------------------------------------------------ */

/* The cover: kicker, title (the page's one h1), period, run details, purpose
 * and the marking with how to handle the report. */
static void cover(ov_html *h)
{
    const ov_report_ctx *ctx = h->ctx;
    ov_html_raw(h, "<div class=\"cover\">\n");
    char *t = ov_html_text(h, "cover.kicker", NULL, 0);
    ov_html_el(h, "<p class=\"kicker\">", t, "</p>\n");
    free(t);
    ov_html_raw(h, "<h1>");
    ov_html_esc(h, ctx->title ? ctx->title : "");
    ov_html_raw(h, "</h1>\n");
    t = ov_html_text(h, "cover.title", NULL, 0);
    ov_html_el(h, "<p class=\"subtitle\">", t, "</p>\n");
    free(t);
    if (h->head != OV_ALL) {
        t = ov_html_text(h, "cover.self_audit", NULL, 0);
        ov_html_el(h, "<p><strong>", t, "</strong></p>\n");
        free(t);
    }
    ov_html_el(h, "<p class=\"period\">", h->res->periods[0].label, "</p>\n");
    ov_html_raw(h, "</div>\n<div class=\"facts\">\n");
    static const char *const lines[] = {"cover.period", "cover.run", "cover.author"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (i == 2 && !(ctx->author && ctx->author[0]))
            continue;
        ov_html_para(h, lines[i], NULL, 0);
    }
    ov_html_para(h, "cover.purpose", NULL, 0);
    ov_html_raw(h, "</div>\n<div class=\"marking\">\n");
    ov_html_el(h, "<p class=\"mk\">", ctx->marking, "</p>\n");
    ov_html_para(h, ctx->agency_focus != OV_NONE ? "cover.handling_agency" : "cover.handling", NULL,
                 0);
    ov_html_raw(h, "</div>\n");
}

/* One entry of the contents: a link to a part's anchor with its heading's text. */
static void contents_item(ov_html *h, const char *id, const char *key)
{
    char *t = ov_html_text(h, key, NULL, 0);
    ov_html_fmt(h, "<li><a href=\"#%s\">", id);
    ov_html_esc(h, t);
    ov_html_raw(h, "</a></li>\n");
    free(t);
}

/* The contents: a link to every part of the page. */
static void contents(ov_html *h)
{
    char *t = ov_html_text(h, "contents.title", NULL, 0);
    ov_html_raw(h, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">");
    ov_html_esc(h, t);
    ov_html_raw(h, "</h2>\n<ul>\n");
    free(t);
    contents_item(h, "board", "board.heading");
    contents_item(h, "summary", "section.summary");
    contents_item(h, "doing", "section.how_doing");
    contents_item(h, "know", "section.how_know");
    contents_item(h, "improve", "section.improve");
    if (h->pack->nfollowups)
        contents_item(h, "followup", "followup.heading");
    contents_item(h, "appendix", "section.appendix");
    ov_html_raw(h, "</ul>\n</nav>\n");
}

/* ---- executive summary ------------------------------------------------------- */

/* One headline tile: the mark in shape and word, the measure, its value, what
 * lies behind it and its change. */
static void tile(ov_html *h, int m, const ov_pack_unit *u)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
    const ov_figure *f = ov_html_fig(h, 0, m, u, OV_NONE);
    int mark = ov_pack_mark(h->pack, f);
    const char *cls = ov_html_mark_class(mark);
    char key[48];
    snprintf(key, sizeof key, "rag.%s.symbol", ov_pack_mark_name(mark));
    char *sym = ov_html_text(h, key, NULL, 0);
    ov_html_fmt(h, "<li class=\"tile\"><p class=\"band %s\">", cls);
    ov_html_el(h, "<span aria-hidden=\"true\">", sym, "</span> ");
    ov_html_esc(h, h->w.rag_words[mark]);
    ov_html_raw(h, "</p>");
    free(sym);
    ov_html_el(h, "<p class=\"tt\">", md->title, "</p>");
    char vbuf[32];
    ov_html_fmt(h, "<p class=\"v%s\">", ov_pack_rated(f) ? "" : " x");
    ov_html_esc(h, ov_html_value(h, f, vbuf));
    ov_html_raw(h, "</p>");
    char num[32], den[32], target[24];
    snprintf(target, sizeof target, "%g", f ? f->threshold.target : md->target);
    ov_narr_var v[] = {{"num", f ? ov_words_count((uint64_t)f->num, num) : ""},
                       {"den", f ? ov_words_count((uint64_t)f->den, den) : ""},
                       {"target", target}};
    int lower = f ? f->threshold.lower_is_better : md->lower_is_better;
    const char *dk = ov_pack_rated(f)             ? (lower ? "tile.detail_lower" : "tile.detail")
                     : mark == OV_RAG_SUPPRESSED  ? "tile.suppressed"
                     : mark == OV_RAG_NOT_COVERED ? "tile.not_covered"
                     : mark == OV_MARK_NOT_SENT   ? "tile.not_sent"
                                                  : "tile.no_data";
    char *detail = ov_html_text(h, dk, v, 3);
    ov_html_el(h, "<p class=\"d\">", detail, "</p>");
    free(detail);
    ov_pack_change change = ov_pack_change_of(h->pack, m, u);
    char *cw = ov_words_change(&h->w, &change, NULL);
    ov_html_el(h, "<p class=\"c\">", cw, "</p>");
    free(cw);
    ov_html_raw(h, "</li>\n");
}

/* The headline tiles of the head unit, a list per area under the area's name. */
static void tiles(ov_html *h)
{
    const ov_pack_unit *u = ov_pack_head(h->pack);
    for (int a = 0; a < OV_AREA_INFO; a++) {
        int ms[OV_M_COUNT];
        size_t n = ov_words_area_metrics(a, ms);
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)a));
        ov_html_heading(h, 4, key, NULL);
        ov_html_raw(h, "<ul class=\"tiles\">\n");
        for (size_t k = 0; k < n; k++)
            tile(h, ms[k], u);
        ov_html_raw(h, "</ul>\n");
    }
    ov_html_thin_notes(h, 0, 0, 0, NULL, 0, 1);
}

/* The change of every rated measure of the head unit since the previous period. */
static void changes_table(ov_html *h)
{
    const ov_pack_unit *u = ov_pack_head(h->pack);
    char *caption = ov_html_text(h, "changes.heading", NULL, 0);
    char *h0 = ov_html_text(h, "changes.col_measure", NULL, 0);
    char *h3 = ov_html_text(h, "changes.col_change", NULL, 0);
    ov_html_col cols[4] = {
        {h0, 0}, {h->res->periods[1].label, 1}, {h->res->periods[0].label, 1}, {h3, 0}};
    ov_html_fmt(h, "<h3 id=\"changes\">");
    ov_html_esc(h, caption);
    ov_html_raw(h, "</h3>\n");
    ov_html_para(h, "changes.intro", NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, 4);
    int hist = 0;
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_figure *f0 = ov_html_fig(h, 0, m, u, OV_NONE);
        const ov_figure *f1 = ov_html_fig(h, 1, m, u, OV_NONE);
        ov_pack_change c = ov_pack_change_of(h->pack, m, u);
        char v0[32], v1[32];
        char *change = ov_words_change(&h->w, &c, "changes.none");
        ov_html_row(h, NULL);
        ov_html_th(h, ov_metric_def_get((enum ov_metric_id)m)->title);
        ov_html_td(h, ov_html_value(h, f1, v1), "n");
        ov_html_td(h, ov_html_value(h, f0, v0), "n");
        ov_html_td(h, change, c.comparable && c.better != 0 ? "chg" : NULL);
        ov_html_row_end(h);
        free(change);
        hist |= ov_pack_from_history(f1);
    }
    ov_html_table_end(h);
    if (hist && h->pack->history_note)
        ov_html_small(h, h->pack->history_note);
    free(caption);
    free(h0);
    free(h3);
}

/* The context line from the informational figures of the head unit. */
static void context_line(ov_html *h)
{
    char *t = ov_words_context_line(&h->w);
    ov_html_small(h, t);
    free(t);
}

/* Opens a part of the page: a section labelled by its h2 (id) with the text of key. */
static void part_begin(ov_html *h, const char *id, const char *key)
{
    ov_html_fmt(h, "<section class=\"part\" aria-labelledby=\"%s\">\n", id);
    ov_html_heading(h, 2, key, id);
}

/* The executive summary: intro, commentary, key messages, tiles, context and changes. */
static void section_summary(ov_html *h)
{
    part_begin(h, "summary", "section.summary");
    ov_html_para(h, h->res->nperiods > 1 ? "summary.intro_trend" : "summary.intro", NULL, 0);
    ov_html_commentary(h, OV_CS_SUMMARY, 0);
    ov_html_heading(h, 3, "summary.messages_heading", "messages");
    ov_html_raw(h, "<ul class=\"messages\">\n");
    for (size_t i = 0; i < h->pack->nmessages; i++)
        ov_html_el(h, "<li>", h->pack->messages[i], "</li>\n");
    ov_html_raw(h, "</ul>\n");
    ov_html_heading(h, 3, "summary.tiles_heading", "tiles");
    tiles(h);
    context_line(h);
    if (h->res->nperiods > 1)
        changes_table(h);
    ov_html_commentary(h, OV_CS_SUMMARY, 1);
    ov_html_raw(h, "</section>\n");
}

/* ---- what are we doing to improve? ------------------------------------------- */

/* Summarises and lists the actions (overdue first) with each measure's figure now. */
static void actions_table(ov_html *h)
{
    const ov_pack *p = h->pack;
    char *summary = ov_words_actions_summary(&h->w);
    ov_html_el(h, "<p>", summary, "</p>\n");
    free(summary);
    if (p->nactions == 0)
        return;
    static const char *const hk[] = {
        "actions.col_id",    "actions.col_agency", "actions.col_metric", "actions.col_action",
        "actions.col_owner", "actions.col_due",    "actions.col_status", "actions.col_now"};
    char *hd[8];
    ov_html_col cols[8];
    for (int i = 0; i < 8; i++) {
        hd[i] = ov_html_text(h, hk[i], NULL, 0);
        cols[i] = (ov_html_col){hd[i], 0};
    }
    char *caption = ov_html_text(h, "actions.heading", NULL, 0);
    char *general = ov_html_text(h, "actions.no_metric", NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, 8);
    for (size_t i = 0; i < p->nactions; i++) {
        const ov_pack_action *x = &p->actions[i];
        const ov_action *a = x->action;
        char due[32];
        char *status = ov_words_action_state(&h->w, x);
        const char *metric = ov_words_action_measure(a, general);
        ov_html_row(h, NULL);
        ov_html_th(h, a->id);
        ov_html_td(h,
                   a->agency == OV_NONE ? p->partnership_word : ov_html_agency_name(h, a->agency),
                   NULL);
        ov_html_td(h, metric, NULL);
        ov_html_td(h, a->description, NULL);
        ov_html_td(h, a->owner ? a->owner : "", NULL);
        ov_html_td(h, ov_words_short_date(a->due, due), x->overdue ? "late" : NULL);
        ov_html_td(h, status, x->overdue || x->still_short ? "r" : NULL);
        if (x->figure)
            ov_html_td_fig(h, x->figure);
        else
            ov_html_td(h, "", NULL);
        ov_html_row_end(h);
        free(status);
    }
    ov_html_table_end(h);
    for (int i = 0; i < 8; i++)
        free(hd[i]);
    free(caption);
    free(general);
}

/* The red and amber figures no action covers, with a call to act, or that there are none. */
static void gaps_table(ov_html *h)
{
    const ov_pack_gap *g = h->pack->gaps;
    size_t n = h->pack->ngaps;
    char *intro = ov_words_gaps(&h->w, n ? "intro" : "none");
    ov_html_el(h, "<p>", intro, "</p>\n");
    free(intro);
    if (n == 0)
        return;
    static const char *const hk[] = {"gaps.col_agency", "gaps.col_metric", "gaps.col_value",
                                     "gaps.col_rating"};
    char *hd[4];
    ov_html_col cols[4];
    for (int i = 0; i < 4; i++) {
        hd[i] = ov_html_text(h, hk[i], NULL, 0);
        cols[i] = (ov_html_col){hd[i], i == 2};
    }
    char *caption = ov_html_text(h, "gaps.heading", NULL, 0);
    char *partnership = ov_html_text(h, "unit.partnership", NULL, 0);
    char *still = ov_html_text(h, "gaps.still_short", NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, 4);
    for (size_t i = 0; i < n; i++) {
        char vb[32];
        int rag = g[i].figure->rag;
        ov_html_row(h, NULL);
        ov_html_th(h, g[i].agency == OV_ALL ? partnership : ov_html_agency_name(h, g[i].agency));
        ov_html_td(h, ov_metric_def_get((enum ov_metric_id)g[i].metric)->title, NULL);
        ov_html_td(h, ov_html_value(h, g[i].figure, vb), "n");
        ov_html_td_mark(h, rag, "", g[i].complete ? still : NULL);
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    char *title = ov_words_gaps(&h->w, "call_title");
    char *call = ov_words_gaps(&h->w, "call");
    ov_html_raw(h, "<div class=\"call\">");
    ov_html_el(h, "<p class=\"t\">", title, "</p>");
    ov_html_el(h, "<p>", call, "</p>");
    ov_html_raw(h, "</div>\n");
    free(title);
    free(call);
    for (int i = 0; i < 4; i++)
        free(hd[i]);
    free(caption);
    free(partnership);
    free(still);
}

/* The Section 11 scores the data challenge, with the rating and figures behind each. */
static void s11_challenges(ov_html *h)
{
    const ov_s11 *s = &h->pack->s11;
    ov_html_heading(h, 3, "s11.heading", "s11");
    char *intro = ov_words_s11_intro(&h->w);
    ov_html_el(h, "<p>", intro, "</p>\n");
    free(intro);
    if (!s->received || s->nchallenged == 0)
        return;
    static const char *const hk[] = {"s11.col_agency", "s11.col_standard", "s11.col_score",
                                     "s11.col_rating", "s11.col_evidence"};
    char *hd[5];
    ov_html_col cols[5];
    for (int i = 0; i < 5; i++) {
        hd[i] = ov_html_text(h, hk[i], NULL, 0);
        cols[i] = (ov_html_col){hd[i], 0};
    }
    char *caption = ov_html_text(h, "s11.heading", NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, 5);
    for (size_t i = 0; i < s->nrows; i++) {
        const ov_s11_row *x = &s->rows[i];
        if (x->challenge == OV_S11_AGREED)
            continue;
        char *score, *standard, *evidence;
        ov_words_s11_row(&h->w, x, &score, &standard, &evidence);
        ov_html_row(h, NULL);
        ov_html_th(h, ov_html_agency_name(h, x->agency));
        ov_html_td(h, standard, NULL);
        ov_html_td(h, score, "r");
        ov_html_td_mark(h, x->rating, x->rating <= OV_RAG_RED ? "" : h->w.rag_words[x->rating],
                        NULL);
        ov_html_td(h, evidence, NULL);
        ov_html_row_end(h);
        free(score);
        free(standard);
        free(evidence);
    }
    ov_html_table_end(h);
    ov_html_small_key(h, "s11.after", NULL, 0);
    for (int i = 0; i < 5; i++)
        free(hd[i]);
    free(caption);
}

/* "What are we doing to improve?": commentary, actions, uncovered figures,
 * Section 11, and in an agency's own page its follow-up lists; returns 0, or
 * -1 after a message when the lists were not made. */
static int section_improve(ov_html *h)
{
    part_begin(h, "improve", "section.improve");
    ov_html_para(h, "improve.intro", NULL, 0);
    ov_html_commentary(h, OV_CS_IMPROVE, 0);
    ov_html_heading(h, 3, "actions.heading", "actions");
    actions_table(h);
    ov_html_thin_notes_improve(h, 0);
    ov_html_heading(h, 3, "gaps.heading", "gaps");
    gaps_table(h);
    ov_html_thin_notes_improve(h, 1);
    s11_challenges(h);
    ov_html_commentary(h, OV_CS_IMPROVE, 1);
    int rc = 0;
    if (h->ctx->agency_focus != OV_NONE)
        rc = ov_html_section_followups(h); /* staff and child ids: an agency's own page only */
    ov_html_raw(h, "</section>\n");
    return rc;
}

/* ---- the page ---------------------------------------------------------------- */

/* Writes the whole page to h->fp; returns 0, or -1 after a message. */
static int page(ov_html *h)
{
    const ov_report_ctx *ctx = h->ctx;
    char *title = ov_html_text(h, h->head == OV_ALL ? "pdf.title" : "pdf.title_agency", NULL, 0);
    char *subject = ov_html_text(h, "pdf.subject", NULL, 0);
    ov_html_raw(h, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n");
    ov_html_fmt(h, "<meta name=\"generator\" content=\"oversight ");
    ov_html_esc(h, ctx->version ? ctx->version : "");
    ov_html_raw(h, "\">\n");
    ov_html_el(h, "<meta name=\"description\" content=\"", subject, "\">\n");
    ov_html_raw(h, "<title>");
    ov_html_esc(h, title);
    ov_html_raw(h, "</title>\n<style>\n");
    for (size_t i = 0; i < sizeof style / sizeof style[0]; i++)
        ov_html_raw(h, style[i]);
    page_rules(h);
    ov_html_raw(h, "</style>\n</head>\n<body>\n");
    char *skip = ov_html_text(h, "html.skip", NULL, 0);
    ov_html_el(h, "<a class=\"skip\" href=\"#main\">", skip, "</a>\n");
    free(skip);
    ov_html_raw(h, "<header class=\"banner\">");
    ov_html_el(h, "<p>", ctx->marking, "</p>");
    ov_html_raw(h, "</header>\n<main id=\"main\">\n");
    cover(h);
    contents(h);
    ov_html_section_board(h);
    section_summary(h);
    ov_html_section_doing(h);
    ov_html_section_know(h);
    int rc = section_improve(h);
    if (rc == 0)
        ov_html_section_appendix(h);
    ov_html_raw(h, "</main>\n<footer class=\"foot\">");
    char *footer = ov_html_text(h, "footer", NULL, 0);
    ov_html_el(h, "<p>", footer, "</p>");
    ov_html_el(h, "<p><strong>", ctx->marking, "</strong></p>");
    ov_html_raw(h, "</footer>\n</body>\n</html>\n");
    free(footer);
    free(title);
    free(subject);
    return rc;
}

/* Writes NAME.html into the set out; returns 0, or -1 after a message via ov_err. */
int ov_html_write(const ov_pack *pack, ov_outset *out, const char *name)
{
    const ov_report_ctx *ctx = pack->ctx;
    int rc = -1;
    char *file = NULL;
    ov_html h;
    memset(&h, 0, sizeof h);
    if (!ctx->results || ctx->results->nperiods == 0 || pack->res.nperiods == 0) {
        ov_err("the board report web page has no figures to show");
        return -1;
    }
    h.pack = pack;
    h.ctx = ctx;
    h.data = ctx->data;
    h.res = &pack->res;
    h.units = pack->units;
    h.nunits = pack->nunits;
    h.head = pack->head;
    if (ov_words_init(&h.w, pack) != 0)
        goto cleanup;
    file = ov_xasprintf("%s.html", name);
    ov_outfile o;
    if (ov_outfile_open(&o, out, file) != 0)
        goto cleanup;
    h.fp = o.fp;
    if (page(&h) != 0) {
        ov_outfile_abort(&o);
        goto cleanup;
    }
    if (ov_outfile_close(&o) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(file);
    ov_words_free(&h.w);
    return rc;
}
