/* pdfdraw.h — a small drawing layer over libharu for A4 portrait documents:
 * embedded UTF-8 TrueType fonts, sanitised text, word wrapping, flowing
 * paragraphs and headings with bookmarks, boxed notes that break across pages,
 * tables that break across pages and repeat their header row, bar charts with
 * a target line and line charts (axes, gridlines, labels, legend), a contents
 * page and running headers and footers stamped once the page count is known.
 * It knows nothing of what a report says: callers pass text and colours.
 *
 * Coordinates are PDF points with the origin at the bottom left of the page.
 * Every string given to this layer is sanitised (valid UTF-8, no control
 * characters, Basic Multilingual Plane only) before it is measured or drawn. */
#ifndef OV_RENDER_PDFDRAW_H
#define OV_RENDER_PDFDRAW_H

#include <stddef.h>
#include <stdio.h>

/* A4 portrait and the content box inside the running header and footer. */
#define OV_PD_PAGE_W 595.276f
#define OV_PD_PAGE_H 841.89f
#define OV_PD_LEFT   50.0f
#define OV_PD_RIGHT  (OV_PD_PAGE_W - 50.0f)
#define OV_PD_TOP    (OV_PD_PAGE_H - 62.0f)
#define OV_PD_BOTTOM 62.0f
#define OV_PD_WIDTH  (OV_PD_RIGHT - OV_PD_LEFT)

typedef struct {
    float r, g, b; /* 0..1 */
} ov_pd_rgb;

enum ov_pd_font { OV_PD_REGULAR, OV_PD_BOLD, OV_PD_NFONTS };
enum ov_pd_align { OV_PD_ALIGN_LEFT, OV_PD_ALIGN_CENTRE, OV_PD_ALIGN_RIGHT };
enum ov_pd_dash { OV_PD_SOLID, OV_PD_DASHED, OV_PD_DOTTED, OV_PD_DASHDOT };
enum ov_pd_marker { OV_PD_NO_MARKER, OV_PD_CIRCLE, OV_PD_SQUARE, OV_PD_TRIANGLE, OV_PD_DIAMOND };

typedef struct ov_pd ov_pd;

typedef struct {
    const char *title, *author, *subject, *creator, *keywords; /* may be NULL */
    int year, month, day;     /* creation and modification date, 00:00 UTC */
    const char *font_regular; /* NULL: search the standard font folders */
    const char *font_bold;
} ov_pd_info;

/* ---- document ------------------------------------------------------------ */

/* Creates a document with embedded UTF-8 fonts, full compression and the
 * document information set. Returns NULL after a message via ov_err. The
 * caller frees it with ov_pd_free. */
ov_pd *ov_pd_new(const ov_pd_info *info);
/* 0 when no libharu error happened since the last check; otherwise reports the
 * first one via ov_err naming stage, clears libharu's error state and returns -1. */
int ov_pd_check(ov_pd *pd, const char *stage);
/* Writes the document to fp (libharu saves to memory; it never opens a file
 * itself). Returns 0, or -1 after a message via ov_err; a write that fails
 * shows on fp, whose owner reports it. */
int ov_pd_save(ov_pd *pd, FILE *fp);
/* Frees the document; accepts NULL. */
void ov_pd_free(ov_pd *pd);
/* The font file actually loaded for f (owned by pd). */
const char *ov_pd_font_path(const ov_pd *pd, enum ov_pd_font f);

/* ---- pages and the flow cursor --------------------------------------------- */

/* Adds a page at the end, makes it current and puts the cursor at its top.
 * Returns its index (0-based). */
size_t ov_pd_add_page(ov_pd *pd);
size_t ov_pd_page_count(const ov_pd *pd);
/* Index of the current page. */
size_t ov_pd_page_index(const ov_pd *pd);
/* Makes page i (0-based) current for the drawing primitives below. */
void ov_pd_goto_page(ov_pd *pd, size_t i);
/* The flow cursor: y of the top of the next block on the current page. */
float ov_pd_y(const ov_pd *pd);
void ov_pd_set_y(ov_pd *pd, float y);
/* Moves the cursor down by dy (never below the bottom margin). */
void ov_pd_space(ov_pd *pd, float dy);
/* Starts a new page unless a block of height h fits above the bottom margin.
 * Returns 1 when a page was added. */
int ov_pd_need(ov_pd *pd, float h);
/* 1 when nothing has been placed on the current page since it was added. */
int ov_pd_page_empty(const ov_pd *pd);

/* ---- text ------------------------------------------------------------------ */

/* Returns a sanitised malloc'd copy of s (caller frees): invalid UTF-8 bytes
 * and characters outside the Basic Multilingual Plane become '?', control
 * characters become spaces (line breaks are kept as '\n' when keep_newlines,
 * CR LF and CR count as one), byte order marks are dropped. NULL gives "". */
char *ov_pd_clean(const char *s, int keep_newlines);

/* Width in points of a clean single-line string. */
float ov_pd_text_width(ov_pd *pd, enum ov_pd_font f, float size, const char *text);

typedef struct {
    size_t start, len; /* byte range of one line in the wrapped text */
} ov_pd_span;

/* Wraps clean text into lines no wider than width (a word longer than a line
 * is broken between characters); '\n' starts a new line. Spaces at line ends
 * are dropped. *lines receives a malloc'd array (caller frees). Returns the
 * number of lines (at least 1). */
size_t ov_pd_wrap(ov_pd *pd, enum ov_pd_font f, float size, const char *text, float width,
                  ov_pd_span **lines);

/* Draws one line of text with its baseline at y, aligned at x (left edge,
 * centre or right edge). */
void ov_pd_text_at(ov_pd *pd, enum ov_pd_font f, float size, ov_pd_rgb colour, float x, float y,
                   enum ov_pd_align align, const char *text);
/* Draws one line of text (sanitised) turned a quarter to the left, reading
 * upwards from (x, y), cut with an ellipsis to at most max_w points. */
void ov_pd_text_up(ov_pd *pd, enum ov_pd_font f, float size, ov_pd_rgb colour, float x, float y,
                   float max_w, const char *text);
/* Draws text wrapped into the box [x, x + w] from top downwards, at most
 * max_lines lines (0 = no limit; a cut last line ends with an ellipsis).
 * Returns the number of lines drawn. Does not move the flow cursor. */
size_t ov_pd_text_box(ov_pd *pd, enum ov_pd_font f, float size, float leading, ov_pd_rgb colour,
                      float x, float top, float w, enum ov_pd_align align, size_t max_lines,
                      const char *text);

typedef struct {
    enum ov_pd_font font;
    float size, leading;
    ov_pd_rgb colour;
    float indent; /* from the left margin */
    float space_after;
} ov_pd_style;

/* Flows a paragraph at the cursor, breaking pages between lines. */
void ov_pd_paragraph(ov_pd *pd, const ov_pd_style *st, const char *text);
/* A bullet item: marker then text with a hanging indent. */
void ov_pd_bullet(ov_pd *pd, const ov_pd_style *st, const char *marker, const char *text);
/* A boxed note (accent bar, tinted background, bold title) flowing at the
 * cursor; when it does not fit it continues on the next page in a new box. */
void ov_pd_note(ov_pd *pd, const char *title, const char *text, ov_pd_rgb accent, ov_pd_rgb tint);

/* A heading at the cursor (levels 1-3) in colour, kept with at least keep
 * points of what follows. Levels 1 and 2 get a bookmark (level 2 under the
 * last level 1) and an entry in the contents. */
void ov_pd_heading(ov_pd *pd, int level, const char *text, ov_pd_rgb colour, float keep);

typedef struct {
    int level;
    char *text;  /* clean, owned by pd */
    size_t page; /* 0-based page index (final, after contents pages were added) */
    float y;     /* top of the heading */
} ov_pd_heading_rec;

/* Headings placed so far, in order (owned by pd). */
const ov_pd_heading_rec *ov_pd_headings(const ov_pd *pd, size_t *n);

/* ---- shapes ---------------------------------------------------------------- */

/* Rectangle with bottom-left (x, y); fill and/or stroke may be NULL. */
void ov_pd_rect(ov_pd *pd, float x, float y, float w, float h, const ov_pd_rgb *fill,
                const ov_pd_rgb *stroke, float line_width);
void ov_pd_line(ov_pd *pd, float x1, float y1, float x2, float y2, ov_pd_rgb colour, float width,
                enum ov_pd_dash dash);
/* A filled marker of size s centred on (x, y), outlined in white. */
void ov_pd_marker(ov_pd *pd, enum ov_pd_marker m, float x, float y, float s, ov_pd_rgb colour);

/* ---- tables ---------------------------------------------------------------- */

typedef struct {
    const char *header;
    float width; /* points */
    enum ov_pd_align align;
} ov_pd_col;

typedef struct {
    const char *text;        /* wraps within the column; '\n' breaks */
    const ov_pd_rgb *fill;   /* NULL: plain (banded) */
    const ov_pd_rgb *colour; /* text colour, NULL: body text */
    int bold;
} ov_pd_cell;

typedef struct {
    const ov_pd_col *cols;
    size_t ncols;
    float size, leading, pad;
    size_t rows;         /* rows added so far */
    size_t header_pages; /* how many times the header row was drawn */
    size_t expected;     /* rows the caller will add, 0 when not known */
    size_t page_rows;    /* rows placed on the current page */
} ov_pd_table;

/* Starts a table at the cursor (font size in points; the columns must stay
 * valid until the table ends) and draws its header row. */
void ov_pd_table_begin(ov_pd *pd, ov_pd_table *t, const ov_pd_col *cols, size_t ncols, float size);
/* Starts a table of nrows rows: one of six rows or fewer starts on a page that
 * holds it whole (when a page can); a longer one on a page that holds its
 * header and three rows, and its last rows are moved to the next page rather
 * than leaving fewer than three there. */
void ov_pd_table_begin_rows(ov_pd *pd, ov_pd_table *t, const ov_pd_col *cols, size_t ncols,
                            float size, size_t nrows);
/* Adds a row of ncols cells. A row that does not fit moves to the next page,
 * below a repeated header row; a row taller than a page is split. */
void ov_pd_table_row(ov_pd *pd, ov_pd_table *t, const ov_pd_cell *cells);
/* Ends the table and leaves some space below it. */
void ov_pd_table_end(ov_pd *pd, ov_pd_table *t);

/* ---- charts ---------------------------------------------------------------- */

typedef struct {
    const char *label; /* below the bar */
    int has_value;
    double value;           /* in axis units */
    const char *value_text; /* above the bar, e.g. "83.3%" */
    const char *sub_text;   /* a second, smaller line above the bar, may be NULL */
    const char *note;       /* shown instead of a bar when !has_value */
    ov_pd_rgb fill;
    int emphasis; /* drawn outlined with a bold label (e.g. a total) */
} ov_pd_bar;

typedef struct {
    const char *label;
    ov_pd_rgb colour;
    int is_line; /* a line sample (with dash) rather than a swatch */
    enum ov_pd_dash dash;
    enum ov_pd_marker marker; /* on a line sample */
} ov_pd_legend_item;

typedef struct {
    const char *title;
    const char *y_unit; /* appended to axis labels, e.g. "%" */
    double y_max;       /* axis runs from 0 */
    int has_target;
    double target;
    const char *target_label; /* e.g. "Target 90%" */
    const ov_pd_bar *bars;
    size_t nbars;
    const ov_pd_legend_item *legend;
    size_t nlegend;
    float height; /* whole chart, title to legend */
} ov_pd_bar_chart;

/* Draws a bar chart across the content width at the cursor. */
void ov_pd_draw_bar_chart(ov_pd *pd, const ov_pd_bar_chart *c);

typedef struct {
    const char *label;
    const double *values; /* npoints values, oldest first */
    const int *present;   /* 0 = no point (gap in the line) */
    ov_pd_rgb colour;
    enum ov_pd_dash dash;
    enum ov_pd_marker marker;
    float width;
} ov_pd_series;

typedef struct {
    const char *title;
    const char *y_unit;
    double y_max;
    int has_target;
    double target;
    const char *target_label;
    const char *const *x_labels; /* npoints labels, oldest first */
    size_t npoints;
    const ov_pd_series *series;
    size_t nseries;
    float height;
} ov_pd_line_chart;

/* Draws a line chart across the content width at the cursor; the legend lists
 * the series (and the target line). The first series is drawn on top. */
void ov_pd_draw_line_chart(ov_pd *pd, const ov_pd_line_chart *c);

/* ---- contents, running header and footer -------------------------------------- */

/* Adds the page that will hold the contents, with its title and bookmark. */
void ov_pd_contents_reserve(ov_pd *pd, const char *title, ov_pd_rgb colour);
/* Fills the reserved contents page(s) with the level 1 and 2 headings placed
 * after it, their page numbers and links; adds continuation pages after it
 * when needed (later headings move accordingly). Call after all content. */
void ov_pd_contents_fill(ov_pd *pd, ov_pd_rgb colour);
/* Stamps every page: marking centred at top and bottom, footer_left at the
 * bottom left and "Page X of Y" at the bottom right. Call last. */
void ov_pd_stamp(ov_pd *pd, const char *marking, const char *footer_left, ov_pd_rgb colour);

/* ---- tracing (for tests) ------------------------------------------------------ */

typedef struct {
    size_t page;
    float x, y, w, size; /* baseline start, width */
    int font;
    char *text; /* clean, owned by pd */
} ov_pd_trace_item;

/* Starts recording every text run drawn from now on. */
void ov_pd_trace_on(ov_pd *pd);
const ov_pd_trace_item *ov_pd_trace(const ov_pd *pd, size_t *n);

#endif
