/* common.h — private to the board-report PDF writer (render/pdf/): the writing
 * context, the units a report compares (agencies and the partnership, or the
 * teams of one agency), and the report's colours and text functions that the
 * sections share. Nothing here is used outside render/pdf/. */
#ifndef OV_RENDER_PDF_COMMON_H
#define OV_RENDER_PDF_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "report/narrative.h"
#include "report/pack.h"
#include "report/report.h"
#include "render/pdfdraw.h"
#include "render/words.h"

/* One column of comparison, as the pack gives it. */
typedef ov_pack_unit ov_pdf_unit;

typedef struct {
    const ov_pack *pack; /* the report model: everything the report says */
    const ov_report_ctx *ctx;
    const ov_data *data;
    const ov_results *res; /* the figures as shown (the pack's) */
    ov_pd *pd;
    ov_words w;               /* the report's words (shared with the web page) */
    const ov_pdf_unit *units; /* the pack's; the total comes last */
    size_t nunits;
    int32_t head;           /* OV_ALL for the partnership pack, else the agency in focus */
    const char *head_label; /* "Partnership" or the agency's name */
} ov_pdf;

/* Colours: RAG fills differ in lightness too (red dark, green mid, amber
 * light) so they survive greyscale print and colour-blind reading; the word
 * is always printed as well. */
extern const ov_pd_rgb ov_pdf_navy, ov_pdf_ink, ov_pdf_muted, ov_pdf_tint, ov_pdf_white;
extern const ov_pd_rgb ov_pdf_green, ov_pdf_amber, ov_pdf_red, ov_pdf_grey;
/* The body text style (10 pt on 14). */
extern const ov_pd_style ov_pdf_body_style;

/* Text of a narrative key with the base placeholders and n extra ones (caller
 * frees). In one agency's pack the key's ".agency" variant is used when the
 * wording file has one. */
char *ov_pdf_text(ov_pdf *r, const char *key, const ov_narr_var *extra, size_t n);
/* Flows the text of a key as a body paragraph (nothing when it is blank). */
void ov_pdf_para(ov_pdf *r, const char *key, const ov_narr_var *extra, size_t n);
/* A body paragraph of given text. */
void ov_pdf_body(ov_pdf *r, const char *text);
/* A small explanatory line in muted text. */
void ov_pdf_small(ov_pdf *r, const char *text);
/* Heading of the given level from a narrative key. */
void ov_pdf_heading(ov_pdf *r, int level, const char *key, float keep);
/* Places the commentary for a section (enum ov_comment_section): the
 * partnership's (agencies 0), or the agencies' under their own heading (1). */
void ov_pdf_commentary(ov_pdf *r, int section, int agencies);

/* The figure of the report period (or period p) for a unit, metric and category. */
const ov_figure *ov_pdf_fig(const ov_pdf *r, int period, int metric, const ov_pdf_unit *u,
                            int category);
/* A figure that is rated (green, amber or red) as shown. */
int ov_pdf_rated(const ov_figure *f);
/* "83.3%" for a rated figure into buf, else the word (Suppressed, No data, n/a);
 * "83.3% †" for a figure taken from the history, "83.3% ‡" for one that rests
 * on a thinly filled field (its footnote: ov_pdf_thin_notes). */
const char *ov_pdf_value(const ov_pdf *r, const ov_figure *f, char buf[32]);
/* The footnotes of the data-quality flags (OV_PACK_THIN_MARK) of the figures of
 * periods first..last (of the quarter-by-quarter tables when views), of the
 * metrics ms[0..k-1] (NULL: every metric), of every unit or only the head
 * unit, weakest first, in small text. */
void ov_pdf_thin_notes(ov_pdf *r, int views, int first, int last, const int *ms, size_t k,
                       int head_only);
/* The footnotes of the flags of the actions table (gaps 0) or of the figures
 * with no live action (gaps 1). */
void ov_pdf_thin_notes_improve(ov_pdf *r, int gaps);
/* Fill and text colour of a RAG rating (fill NULL when not rated). */
const ov_pd_rgb *ov_pdf_rag_fill(int rag);
const ov_pd_rgb *ov_pdf_rag_ink(int rag);
/* A number with thousands separators into buf. */
const char *ov_pdf_count(uint64_t v, char buf[32]);
/* "31 Jan 2026" into buf ("" for no date). */
const char *ov_pdf_short_date(ov_date d, char buf[32]);
/* "15 January 2026" into buf ("" for no date). */
const char *ov_pdf_long_date(ov_date d, char buf[32]);
/* An agency's display name. */
const char *ov_pdf_agency_name(const ov_pdf *r, int32_t agency);

#endif
