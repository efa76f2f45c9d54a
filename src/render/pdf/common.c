/* common.c — what every section of the board-report PDF shares: the report's
 * colours and text styles, narrative text with the base placeholders, headings,
 * paragraphs and commentary, the figure of a unit, and values, counts and dates
 * as the report prints them. Sections call these; nothing here calls a section. */
#include "core/mem.h"
#include "render/pdf/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ov_pd_rgb ov_pdf_navy = {0.12f, 0.23f, 0.37f};
const ov_pd_rgb ov_pdf_ink = {0.10f, 0.10f, 0.12f};
const ov_pd_rgb ov_pdf_muted = {0.36f, 0.38f, 0.42f};
const ov_pd_rgb ov_pdf_tint = {0.93f, 0.95f, 0.98f};
const ov_pd_rgb ov_pdf_white = {1.0f, 1.0f, 1.0f};
const ov_pd_rgb ov_pdf_green = {0.16f, 0.50f, 0.30f};
const ov_pd_rgb ov_pdf_amber = {0.97f, 0.77f, 0.29f};
const ov_pd_rgb ov_pdf_red = {0.55f, 0.10f, 0.12f};
const ov_pd_rgb ov_pdf_grey = {0.90f, 0.91f, 0.92f};

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

const ov_pd_style ov_pdf_body_style = {OV_PD_REGULAR, 10.0f, 14.0f, {0.10f, 0.10f, 0.12f}, 0, 7.0f};
static const ov_pd_style small_style = {OV_PD_REGULAR, 8.0f, 11.0f, {0.36f, 0.38f, 0.42f}, 0, 6.0f};

/* ---- pieces shared by the sections --------------------------------------------- */

/* Text of a narrative key with the base and n extra placeholders (caller frees). */
char *ov_pdf_text(ov_pdf *r, const char *key, const ov_narr_var *extra, size_t n)
{
    ov_narr_var vars[40];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 40; i++)
        vars[k++] = extra[i];
    for (size_t i = 0; i < r->nbase && k < 40; i++)
        vars[k++] = r->base[i];
    if (r->head != OV_ALL) { /* one agency's pack: its own wording where there is one */
        char akey[96];
        snprintf(akey, sizeof akey, "%s.agency", key);
        if (ov_narr_get(&r->nr, akey))
            return ov_narr_text(&r->nr, akey, vars, k);
    }
    return ov_narr_text(&r->nr, key, vars, k);
}

/* Flows text as a body paragraph (nothing when NULL or empty). */
void ov_pdf_body(ov_pdf *r, const char *text)
{
    if (text && text[0])
        ov_pd_paragraph(r->pd, &ov_pdf_body_style, text);
}

/* Flows text as a small muted paragraph (nothing when NULL or empty). */
void ov_pdf_small(ov_pdf *r, const char *text)
{
    if (text && text[0])
        ov_pd_paragraph(r->pd, &small_style, text);
}

/* Flows the text of a key as a body paragraph (nothing when it is empty). */
void ov_pdf_para(ov_pdf *r, const char *key, const ov_narr_var *extra, size_t n)
{
    char *t = ov_pdf_text(r, key, extra, n);
    ov_pdf_body(r, t);
    free(t);
}

/* Places a heading of the given level with the text of a narrative key. */
void ov_pdf_heading(ov_pdf *r, int level, const char *key, float keep)
{
    char *t = ov_pdf_text(r, key, NULL, 0);
    ov_pd_heading(r->pd, level, t, ov_pdf_navy, keep);
    free(t);
}

/* An agency's name (its id when unnamed); for OV_ALL or no such agency, the pack's head label
 * (or "" in an agency's report). */
const char *ov_pdf_agency_name(const ov_pdf *r, int32_t agency)
{
    if (agency == OV_ALL || agency < 0 || (size_t)agency >= r->data->nagencies)
        return r->head == OV_ALL ? r->head_label : "";
    return ov_pack_agency_name(r->pack, agency);
}

/* 1 when comment c belongs in this report's section (agency or partnership). */
static int comment_shown(const ov_pdf *r, const ov_comment *c, int section, int agencies)
{
    if (c->section != section || !c->text || !c->text[0])
        return 0;
    if (agencies != (c->agency != OV_NONE))
        return 0;
    return ov_pack_comment_shown(r->pack, c);
}

/* Places a section's commentary as notes: the partnership's (agencies 0), or the agencies'
 * under their own heading (1). */
void ov_pdf_commentary(ov_pdf *r, int section, int agencies)
{
    const ov_data *d = r->data;
    int any = 0;
    for (size_t i = 0; i < d->ncomments; i++) {
        const ov_comment *c = &d->comments[i];
        if (!comment_shown(r, c, section, agencies))
            continue;
        if (agencies && !any)
            ov_pdf_heading(r, 2, "commentary.agencies_heading", 60);
        any = 1;
        char *who = c->agency == OV_NONE ? ov_pdf_text(r, "unit.partnership", NULL, 0)
                                         : ov_xstrdup(ov_pdf_agency_name(r, c->agency));
        ov_narr_var v[] = {{"who", who}};
        char *title = ov_pdf_text(r, "commentary.title", v, 1);
        ov_pd_note(r->pd, title, c->text, ov_pdf_navy, ov_pdf_tint);
        free(title);
        free(who);
    }
}

/* The figure of period p for a unit, metric and category, or NULL. */
const ov_figure *ov_pdf_fig(const ov_pdf *r, int period, int metric, const ov_pdf_unit *u,
                            int category)
{
    if ((size_t)period >= r->res->nperiods)
        return NULL;
    return ov_results_find(r->res, period, metric, u->agency, u->team, category);
}

/* 1 for a figure rated green, amber or red. */
int ov_pdf_rated(const ov_figure *f)
{
    return ov_pack_rated(f);
}

/* The printed value of f: a percentage or informational value in buf, else
 * the rating word; a figure taken from the history carries its mark. */
const char *ov_pdf_value(const ov_pdf *r, const ov_figure *f, char buf[32])
{
    if (!f)
        return r->rag_words[OV_RAG_INFO];
    int mark = ov_pack_mark(r->pack, f);
    const char *hist = ov_pack_from_history(f) ? " " OV_PACK_HISTORY_MARK : "";
    if (mark == OV_RAG_SUPPRESSED || mark == OV_RAG_NO_DATA || mark == OV_RAG_NOT_COVERED ||
        mark == OV_MARK_NOT_SENT) {
        if (!hist[0])
            return r->rag_words[mark];
        snprintf(buf, 32, "%s%s", r->rag_words[mark], hist);
        return buf;
    }
    if (f->rag == OV_RAG_INFO) {
        ov_metrics_format_value(f, buf);
        if (!buf[0])
            return r->rag_words[OV_RAG_NO_DATA];
        size_t len = strlen(buf);
        snprintf(buf + len, 32 - len, "%s", hist);
        return buf;
    }
    char pct[16];
    ov_metrics_format_pct(f->num, f->den, pct);
    snprintf(buf, 32, "%s%%%s%s", pct, hist,
             ov_pack_thin_of(r->pack, f) ? " " OV_PACK_THIN_MARK : "");
    return buf;
}

/* The footnotes of the data-quality flags of a table's figures. */
void ov_pdf_thin_notes(ov_pdf *r, int views, int first, int last, const int *ms, size_t k,
                       int head_only)
{
    const ov_pack *p = r->pack;
    const ov_pack_unit *head = ov_pack_head(p);
    const ov_pack_thin *list = views ? p->view_thin : p->thin;
    size_t n = views ? p->nview_thin : p->nthin;
    for (size_t i = 0; i < n; i++) {
        const ov_pack_thin *t = &list[i];
        const ov_figure *f = t->figure;
        if ((int)f->period < first || (int)f->period > last || (head_only && t->unit != head))
            continue;
        size_t j = 0;
        while (ms && j < k && ms[j] != f->metric)
            j++;
        if (ms && j == k)
            continue;
        ov_pdf_small(r, t->sentence);
    }
}

/* Fill colour of a RAG rating, NULL when not rated. */
const ov_pd_rgb *ov_pdf_rag_fill(int rag)
{
    switch (rag) {
    case OV_RAG_GREEN:
        return &ov_pdf_green;
    case OV_RAG_AMBER:
        return &ov_pdf_amber;
    case OV_RAG_RED:
        return &ov_pdf_red;
    default:
        return NULL;
    }
}

/* Text colour on a RAG rating's fill (muted when not rated). */
const ov_pd_rgb *ov_pdf_rag_ink(int rag)
{
    switch (rag) {
    case OV_RAG_GREEN:
    case OV_RAG_RED:
        return &ov_pdf_white;
    case OV_RAG_AMBER:
        return &ov_pdf_ink;
    default:
        return &ov_pdf_muted;
    }
}

/* v with thousands separators into buf; returns buf. */
const char *ov_pdf_count(uint64_t v, char buf[32])
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
    return buf;
}

/* "15 January 2026" into buf ("" for no date); returns buf. */
const char *ov_pdf_long_date(ov_date d, char buf[32])
{
    if (d == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%d %s %d", dd, month_names[(m - 1) % 12], y);
    return buf;
}

/* "31 Jan 2026" into buf. */
const char *ov_pdf_short_date(ov_date d, char buf[32])
{
    if (d == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%d %.3s %d", dd, month_names[(m - 1) % 12], y);
    return buf;
}

/* The footnotes of the data-quality flags among given figures. */
void ov_pdf_thin_notes_of(ov_pdf *r, const ov_figure *const *figs, size_t n)
{
    const ov_pack *p = r->pack;
    for (size_t i = 0; i < p->nthin; i++)
        for (size_t j = 0; j < n; j++)
            if (figs[j] == p->thin[i].figure) {
                ov_pdf_small(r, p->thin[i].sentence);
                break;
            }
}
