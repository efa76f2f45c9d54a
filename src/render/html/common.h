/* common.h — private to the board report as a web page (render/html/): the
 * writing context, and the pieces every section shares: escaped text,
 * headings, paragraphs, commentary, tables in their own scrolling region,
 * and cells that give a figure's mark in words and shape as well as colour.
 * Nothing here is used outside render/html/. */
#ifndef OV_RENDER_HTML_COMMON_H
#define OV_RENDER_HTML_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "render/words.h"
#include "report/pack.h"
#include "report/report.h"

typedef struct {
    const ov_pack *pack; /* the report model: everything the page says */
    const ov_report_ctx *ctx;
    const ov_data *data;
    const ov_results *res;     /* the figures as shown (the pack's) */
    ov_words w;                /* the report's words */
    FILE *fp;                  /* the page being written */
    const ov_pack_unit *units; /* the pack's; the head unit comes last */
    size_t nunits;
    int32_t head; /* OV_ALL for the partnership pack, else the agency in focus */
    unsigned ids; /* element ids handed out so far (charts, tables) */
} ov_html;

/* One column of a table: its heading and whether it holds numbers (set right). */
typedef struct {
    const char *head;
    int num;
} ov_html_col;

/* Writes markup as it is (never text that came from a user). */
void ov_html_raw(ov_html *h, const char *markup);
/* Writes formatted markup (numbers and fixed markup only). */
void ov_html_fmt(ov_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes text escaped, newlines as line breaks. */
void ov_html_esc(ov_html *h, const char *text);
/* Writes open, the escaped text and close (nothing at all when text is empty). */
void ov_html_el(ov_html *h, const char *open, const char *text, const char *close);
/* A new element id ("ov-12") into buf; returns buf. */
const char *ov_html_id(ov_html *h, char buf[16]);

/* Text of a narrative key with the base placeholders and n extra ones (caller frees). */
char *ov_html_text(ov_html *h, const char *key, const ov_narr_var *extra, size_t n);
/* The text of a key as a paragraph (nothing when it is blank). */
void ov_html_para(ov_html *h, const char *key, const ov_narr_var *extra, size_t n);
/* A small explanatory paragraph in muted text (nothing when empty). */
void ov_html_small(ov_html *h, const char *text);
/* The text of a key as a small explanatory paragraph. */
void ov_html_small_key(ov_html *h, const char *key, const ov_narr_var *extra, size_t n);
/* A heading of level 2-5 with the text of a key; id, when not NULL, is its anchor. */
void ov_html_heading(ov_html *h, int level, const char *key, const char *id);
/* Places the commentary of a section (enum ov_comment_section): the
 * partnership's (agencies 0), or the agencies' under their own heading (1). */
void ov_html_commentary(ov_html *h, int section, int agencies);

/* Opens a table in its own focusable scrolling region, with its caption
 * (visually hidden when hidden is set: a heading just above says it) and a
 * header row of columns (scope col). Rows follow; end with ov_html_table_end. */
void ov_html_table_begin(ov_html *h, const char *caption, int hidden, const ov_html_col *cols,
                         size_t n);
/* Closes the table and its region. */
void ov_html_table_end(ov_html *h);
/* Starts a row (cls: a class for it, or NULL). */
void ov_html_row(ov_html *h, const char *cls);
/* Ends a row. */
void ov_html_row_end(ov_html *h);
/* A row's header cell (scope row). */
void ov_html_th(ov_html *h, const char *text);
/* A data cell (cls: "n" for a number, or NULL). */
void ov_html_td(ov_html *h, const char *text, const char *cls);
/* A cell coloured by a mark (enum ov_rag or OV_MARK_NOT_SENT): value, then
 * for a rated mark its shape and word, then after (NULL: nothing), each on a
 * line of its own. */
void ov_html_td_mark(ov_html *h, int mark, const char *value, const char *after);
/* A figure's cell: its value, and for a rated one its shape and word. */
void ov_html_td_fig(ov_html *h, const ov_figure *f);

/* The footnotes of the data-quality flags of a table's figures (see
 * ov_words_thin_notes), each a small paragraph. */
void ov_html_thin_notes(ov_html *h, int views, int first, int last, const int *ms, size_t k,
                        int head_only);
/* The footnotes of the flags of the actions table (gaps 0) or of the figures
 * with no live action (gaps 1). */
void ov_html_thin_notes_improve(ov_html *h, int gaps);

/* The class of a mark's colour ("g", "a", "r", or "x" when not rated). */
const char *ov_html_mark_class(int mark);
/* The figure of period p for a unit, metric and category, or NULL. */
const ov_figure *ov_html_fig(const ov_html *h, int period, int metric, const ov_pack_unit *u,
                             int category);
/* The printed value of a figure (see ov_words_value). */
const char *ov_html_value(ov_html *h, const ov_figure *f, char buf[32]);
/* An agency's display name (see ov_words_agency_name). */
const char *ov_html_agency_name(ov_html *h, int32_t agency);

#endif
