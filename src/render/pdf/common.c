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

const ov_pd_style ov_pdf_body_style = {OV_PD_REGULAR, 10.0f, 14.0f, {0.10f, 0.10f, 0.12f}, 0, 7.0f};
static const ov_pd_style small_style = {OV_PD_REGULAR, 8.0f, 11.0f, {0.36f, 0.38f, 0.42f}, 0, 6.0f};

/* ---- pieces shared by the sections --------------------------------------------- */

/* Text of a narrative key with the base and n extra placeholders (caller frees). */
char *ov_pdf_text(ov_pdf *r, const char *key, const ov_narr_var *extra, size_t n)
{
    return ov_words_text(&r->w, key, extra, n);
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

/* An agency's name (its id when unnamed); for OV_ALL the pack's head label. */
const char *ov_pdf_agency_name(const ov_pdf *r, int32_t agency)
{
    return ov_words_agency_name(&r->w, agency);
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

/* The printed value of f (see ov_words_value). */
const char *ov_pdf_value(const ov_pdf *r, const ov_figure *f, char buf[32])
{
    return ov_words_value(&r->w, f, buf);
}

/* Flows one footnote as a small muted paragraph (ctx: the report). */
static void small_note(void *ctx, const char *text)
{
    ov_pdf_small(ctx, text);
}

/* The footnotes of the data-quality flags of a table's figures. */
void ov_pdf_thin_notes(ov_pdf *r, int views, int first, int last, const int *ms, size_t k,
                       int head_only)
{
    ov_words_thin_notes(&r->w, views, first, last, ms, k, head_only, small_note, r);
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
    return ov_words_count(v, buf);
}

/* "15 January 2026" into buf ("" for no date); returns buf. */
const char *ov_pdf_long_date(ov_date d, char buf[32])
{
    return ov_words_long_date(d, buf);
}

/* "31 Jan 2026" into buf. */
const char *ov_pdf_short_date(ov_date d, char buf[32])
{
    return ov_words_short_date(d, buf);
}

/* The footnotes of the flags of the actions' (gaps 0) or the gaps' figures. */
void ov_pdf_thin_notes_improve(ov_pdf *r, int gaps)
{
    ov_words_thin_notes_improve(&r->w, gaps, small_note, r);
}
