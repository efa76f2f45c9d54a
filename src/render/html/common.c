/* common.c — what every section of the board report's web page shares:
 * escaped text, narrative text, headings, paragraphs and commentary, tables
 * in their own focusable scrolling region, and cells whose mark is given in
 * words and shape as well as colour. Sections call these; nothing here calls
 * a section. */
#include "render/html/common.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"

/* Writes markup as it is. */
void ov_html_raw(ov_html *h, const char *markup)
{
    fputs(markup, h->fp);
}

/* Writes formatted markup. */
void ov_html_fmt(ov_html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->fp, fmt, ap);
    va_end(ap);
}

/* Writes text escaped, newlines as line breaks. */
void ov_html_esc(ov_html *h, const char *text)
{
    ov_html_escape(h->fp, text, 1);
}

/* Writes open, the escaped text and close, or nothing when text is empty. */
void ov_html_el(ov_html *h, const char *open, const char *text, const char *close)
{
    if (!text || !text[0])
        return;
    fputs(open, h->fp);
    ov_html_escape(h->fp, text, 1);
    fputs(close, h->fp);
}

/* A new element id into buf. */
const char *ov_html_id(ov_html *h, char buf[16])
{
    snprintf(buf, 16, "ov-%u", ++h->ids);
    return buf;
}

/* Text of a narrative key (caller frees). */
char *ov_html_text(ov_html *h, const char *key, const ov_narr_var *extra, size_t n)
{
    return ov_words_text(&h->w, key, extra, n);
}

/* The text of a key as a paragraph. */
void ov_html_para(ov_html *h, const char *key, const ov_narr_var *extra, size_t n)
{
    char *t = ov_html_text(h, key, extra, n);
    ov_html_el(h, "<p>", t, "</p>\n");
    free(t);
}

/* A small muted paragraph. */
void ov_html_small(ov_html *h, const char *text)
{
    ov_html_el(h, "<p class=\"small\">", text, "</p>\n");
}

/* The text of a key as a small muted paragraph. */
void ov_html_small_key(ov_html *h, const char *key, const ov_narr_var *extra, size_t n)
{
    char *t = ov_html_text(h, key, extra, n);
    ov_html_small(h, t);
    free(t);
}

/* A heading with the text of a key. */
void ov_html_heading(ov_html *h, int level, const char *key, const char *id)
{
    char *t = ov_html_text(h, key, NULL, 0);
    if (id)
        ov_html_fmt(h, "<h%d id=\"%s\">", level, id);
    else
        ov_html_fmt(h, "<h%d>", level);
    ov_html_esc(h, t);
    ov_html_fmt(h, "</h%d>\n", level);
    free(t);
}

/* 1 when comment c belongs in this page's section (agency or partnership). */
static int comment_shown(const ov_html *h, const ov_comment *c, int section, int agencies)
{
    if (c->section != section || !c->text || !c->text[0])
        return 0;
    if (agencies != (c->agency != OV_NONE))
        return 0;
    return ov_pack_comment_shown(h->pack, c);
}

/* Places a section's commentary, each in a box with who wrote it. */
void ov_html_commentary(ov_html *h, int section, int agencies)
{
    const ov_data *d = h->data;
    int any = 0;
    for (size_t i = 0; i < d->ncomments; i++) {
        const ov_comment *c = &d->comments[i];
        if (!comment_shown(h, c, section, agencies))
            continue;
        if (agencies && !any)
            ov_html_heading(h, 3, "commentary.agencies_heading", NULL);
        any = 1;
        char *who = c->agency == OV_NONE ? ov_html_text(h, "unit.partnership", NULL, 0)
                                         : ov_xstrdup(ov_html_agency_name(h, c->agency));
        ov_narr_var v[] = {{"who", who}};
        char *title = ov_html_text(h, "commentary.title", v, 1);
        ov_html_raw(h, "<div class=\"comment\">");
        ov_html_el(h, "<p class=\"comment-title\">", title, "</p>");
        ov_html_el(h, "<p>", c->text, "</p>");
        ov_html_raw(h, "</div>\n");
        free(title);
        free(who);
    }
}

/* Opens a table in a focusable scrolling region with caption and header row. */
void ov_html_table_begin(ov_html *h, const char *caption, int hidden, const ov_html_col *cols,
                         size_t n)
{
    char id[16];
    ov_html_id(h, id);
    ov_html_fmt(h,
                "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s\">"
                "<table>\n<caption id=\"%s\"%s>",
                id, id, hidden ? " class=\"vh\"" : "");
    ov_html_esc(h, caption);
    ov_html_raw(h, "</caption>\n<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        ov_html_raw(h, cols[i].num ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
        ov_html_esc(h, cols[i].head);
        ov_html_raw(h, "</th>");
    }
    ov_html_raw(h, "</tr></thead>\n<tbody>\n");
}

/* Closes the table and its region. */
void ov_html_table_end(ov_html *h)
{
    ov_html_raw(h, "</tbody></table></div>\n");
}

/* Starts a row. */
void ov_html_row(ov_html *h, const char *cls)
{
    if (cls)
        ov_html_fmt(h, "<tr class=\"%s\">", cls);
    else
        ov_html_raw(h, "<tr>");
}

/* Ends a row. */
void ov_html_row_end(ov_html *h)
{
    ov_html_raw(h, "</tr>\n");
}

/* A row's header cell. */
void ov_html_th(ov_html *h, const char *text)
{
    ov_html_raw(h, "<th scope=\"row\"><bdi>");
    ov_html_esc(h, text);
    ov_html_raw(h, "</bdi></th>");
}

/* A data cell. */
void ov_html_td(ov_html *h, const char *text, const char *cls)
{
    if (cls)
        ov_html_fmt(h, "<td class=\"%s\">", cls);
    else
        ov_html_raw(h, "<td>");
    ov_html_esc(h, text);
    ov_html_raw(h, "</td>");
}

/* Writes one footnote as a small paragraph (ctx: the page). */
static void small_note(void *ctx, const char *text)
{
    ov_html_small(ctx, text);
}

/* The footnotes of the data-quality flags of a table's figures. */
void ov_html_thin_notes(ov_html *h, int views, int first, int last, const int *ms, size_t k,
                        int head_only)
{
    ov_words_thin_notes(&h->w, views, first, last, ms, k, head_only, small_note, h);
}

/* The footnotes of the flags of the actions' (gaps 0) or the gaps' figures. */
void ov_html_thin_notes_improve(ov_html *h, int gaps)
{
    ov_words_thin_notes_improve(&h->w, gaps, small_note, h);
}

/* The class of a mark's colour. */
const char *ov_html_mark_class(int mark)
{
    switch (mark) {
    case OV_RAG_GREEN:
        return "g";
    case OV_RAG_AMBER:
        return "a";
    case OV_RAG_RED:
        return "r";
    default:
        return "x";
    }
}

/* The shape of a rated mark, hidden from screen readers (the word follows). */
static void shape(ov_html *h, int mark)
{
    char key[48];
    snprintf(key, sizeof key, "rag.%s.symbol", ov_pack_mark_name(mark));
    char *sym = ov_html_text(h, key, NULL, 0);
    ov_html_el(h, "<span class=\"shape\" aria-hidden=\"true\">", sym, "</span> ");
    free(sym);
}

/* A cell coloured by a mark: value, the shape and word of a rated mark, then after. */
void ov_html_td_mark(ov_html *h, int mark, const char *value, const char *after)
{
    int rated = mark == OV_RAG_GREEN || mark == OV_RAG_AMBER || mark == OV_RAG_RED;
    ov_html_fmt(h, "<td class=\"m %s\">", ov_html_mark_class(mark));
    ov_html_esc(h, value);
    if (rated) {
        if (value && value[0])
            ov_html_raw(h, "<br>");
        shape(h, mark);
        ov_html_esc(h, h->w.rag_words[mark]);
    }
    if (after && after[0]) {
        ov_html_raw(h, "<br>");
        ov_html_esc(h, after);
    }
    ov_html_raw(h, "</td>");
}

/* A figure's cell: its value, and for a rated figure its shape and word. */
void ov_html_td_fig(ov_html *h, const ov_figure *f)
{
    char v[32];
    int mark = f ? ov_pack_mark(h->pack, f) : OV_RAG_INFO;
    ov_html_td_mark(h, mark, ov_html_value(h, f, v), NULL);
}

/* The figure of period p for a unit, metric and category, or NULL. */
const ov_figure *ov_html_fig(const ov_html *h, int period, int metric, const ov_pack_unit *u,
                             int category)
{
    if ((size_t)period >= h->res->nperiods)
        return NULL;
    return ov_pack_fig(h->pack, period, metric, u, category);
}

/* The printed value of a figure. */
const char *ov_html_value(ov_html *h, const ov_figure *f, char buf[32])
{
    return ov_words_value(&h->w, f, buf);
}

/* An agency's display name. */
const char *ov_html_agency_name(ov_html *h, int32_t agency)
{
    return ov_words_agency_name(&h->w, agency);
}
