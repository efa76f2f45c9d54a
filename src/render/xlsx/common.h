/* common.h — private to the board workbook writer (render/xlsx/): the writing
 * context with its cell formats, the one text sanitiser every string passes
 * through before it reaches libxlsxwriter, and the cell-writing and sheet
 * helpers the sheet builders share. Nothing here is used outside render/xlsx/
 * and its tests. */
#ifndef OV_RENDER_XLSX_COMMON_H
#define OV_RENDER_XLSX_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "core/mem.h"
#include "report/pack.h"
#include "report/report.h"

/* Longest text written to a cell, in bytes (Excel's limit is 32,767 characters). */
#define OV_XLSX_MAX_TEXT 32767
/* Rejections listed on the Rejections sheet; the rest are in rejections.csv. */
#define OV_XLSX_MAX_ISSUE_ROWS 50000
/* Columns whose widths are remembered for fitting row heights. */
#define OV_XLSX_MAX_COLS 64
/* Rows above the content of every sheet: title, context line, prompt, spacer. */
#define OV_XLSX_TOP 4

/* Tab colours by Ofsted prompt. */
#define OV_XLSX_TAB_DOING     0x1F3864
#define OV_XLSX_TAB_KNOW      0x2E75B6
#define OV_XLSX_TAB_IMPROVE   0x7030A0
#define OV_XLSX_TAB_REFERENCE 0x808080

/* Words shown for a mark (index enum ov_rag, then OV_MARK_NOT_SENT). */
extern const char *const ov_xlsx_rag_words[OV_MARK_COUNT];

/* The writing context: the report, the workbook and its formats, the figure
 * index and the sanitiser's counters. Owned by ov_xlsx_write. */
typedef struct {
    const ov_pack *pack; /* the report model: everything the workbook says */
    const ov_report_ctx *ctx;
    const ov_data *data;
    const ov_results *res;
    const ov_standards *std;
    lxw_workbook *wb;
    lxw_error err; /* first libxlsxwriter error, LXW_NO_ERROR when none */

    /* text sanitiser */
    ov_buf scratch; /* cleaned text for immediate writes */
    char **keep;    /* cleaned text that must outlive the call */
    size_t nkeep, cap_keep;
    unsigned long bad_text;   /* invalid UTF-8 runs replaced */
    unsigned long bad_number; /* non-finite numbers left blank */

    /* the sheet being written: its column widths as set, and per row the lines
     * its wrapped cells need and any height set by hand; the rows' heights are
     * set from these when the sheet is done (so no wrapped text is cut) */
    lxw_worksheet *cur;
    double colw[OV_XLSX_MAX_COLS];
    uint16_t *row_lines;
    double *row_height;
    size_t nrows;

    /* figures of ALL/agency rows: idx[(p * OV_M_COUNT + m) * nslot + slot],
     * slot 0 = ALL, slot a + 1 = agency a */
    const ov_figure **idx;
    size_t nslot;
    int32_t *shown; /* agencies in the report, in order */
    size_t nshown;
    int32_t headline; /* OV_ALL for the pack, else the agency in focus */

    /* cell formats */
    lxw_format *title, *subtitle, *prompt, *section, *note;
    lxw_format *head, *head_l, *head_id, *head_group, *head_up, *head_up_l;
    lxw_format *text, *text_b, *wrap, *id, *key, *hash, *mono, *input, *input_wrap;
    lxw_format *integer, *integer_b, *pct, *pct_b, *dec1, *dec1_b, *date, *change;
    lxw_format *tgt_hi, *tgt_lo, *rag_word, *muted, *warn_word;
    lxw_format *val_rag[3]; /* percentages filled green/amber/red */
    /* the same for figures taken from the history: the mark after the figure */
    lxw_format *pct_hist, *dec1_hist, *integer_hist, *val_rag_hist[3];
    /* and for figures resting on a thinly filled field (ov_pack_thin_of) */
    lxw_format *pct_thin, *val_rag_thin[3];
    lxw_format *word_rag[OV_RAG_COUNT]; /* RAG words with a fixed fill (legends) */
    lxw_format *cf_rag[OV_RAG_COUNT];   /* conditional-format fills */
    lxw_format *cf_better, *cf_worse, *cf_flag;
} ov_xw;

/* ---- text ----------------------------------------------------------------- */

/* Appends s[0..len) to out as text safe for the workbook: valid UTF-8 (each run
 * of invalid bytes becomes U+FFFD), no control characters other than TAB and
 * LF, no U+FFFE/U+FFFF, at most OV_XLSX_MAX_TEXT bytes cut on a character
 * boundary. out is always NUL-terminated afterwards. Returns the number of
 * invalid runs replaced. */
size_t ov_xlsx_sanitize(const char *s, size_t len, ov_buf *out);
/* Cleans s into w's scratch buffer (valid until the next call); NULL gives "". */
const char *ov_xlsx_clean(ov_xw *w, const char *s);
/* Cleans s into a copy that lives until the workbook is closed. */
const char *ov_xlsx_keep(ov_xw *w, const char *s);
/* Frees p (malloc'd) when the workbook is closed; returns p. */
void *ov_xlsx_keep_ptr(ov_xw *w, void *p);
/* Text for a page header/footer: cleaned, one line, '&' replaced by a look-alike
 * so it can never become a header code, cut to max bytes. Lives like keep. */
const char *ov_xlsx_header_text(ov_xw *w, const char *s, size_t max);

/* ---- cells ---------------------------------------------------------------- */

/* Records the first libxlsxwriter error. */
void ov_xlsx_check(ov_xw *w, lxw_error e);
/* Writes text (cleaned); NULL or "" writes a formatted blank. */
void ov_xlsx_text(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
                  lxw_format *f);
/* Writes a number; a non-finite one is counted and left blank. */
void ov_xlsx_num(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f);
/* Writes a date as an Excel date; OV_DATE_NONE writes a formatted blank. */
void ov_xlsx_date(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, ov_date d, lxw_format *f);
void ov_xlsx_blank(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, lxw_format *f);
/* Writes a figure's value: the fraction (RAG-filled when fill is set), an info
 * figure as a number, or the words "suppressed" / "no data" in grey. NULL = no
 * data. A figure taken from the history shows the pack's mark after it. */
void ov_xlsx_fig_value(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_figure *f,
                       int fill);
/* Writes a threshold's target as a fraction with a >= or <= sign. */
void ov_xlsx_target(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_threshold *t);
/* Adds the RAG-word conditional formats (Green, Amber, Red, Suppressed, No data,
 * Info) to a range of cells holding those words. */
void ov_xlsx_cf_rag_words(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                          lxw_col_t c2);
/* Colours a range by the RAG word in column rag_col of the same row. */
void ov_xlsx_cf_rag_ref(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                        lxw_col_t c2, lxw_col_t rag_col);
/* Lines text takes when wrapped in a column of width (character units). */
int ov_xlsx_lines(const char *s, double width);
/* Row r must hold that many lines of body text (most 30); its height is set
 * when the sheet is done, to the most any of its cells needs. */
void ov_xlsx_row_lines(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, int lines);
/* Row r is at least h points high (set when the sheet is done). */
void ov_xlsx_row_height(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, double h);
/* Sets the width of columns c1..c2 and remembers it, so that text written
 * with a wrapping format makes its row tall enough. */
void ov_xlsx_col_width(ov_xw *w, lxw_worksheet *ws, lxw_col_t c1, lxw_col_t c2, double width);
/* Sets the widths of columns 0..n-1 and fills the header of an Excel table
 * over them: cols[c] names heads[c], headed left-aligned for the first nleft
 * columns and centred after; colp (n + 1 pointers) ends with NULL. */
void ov_xlsx_table_columns(ov_xw *w, lxw_worksheet *ws, const char *const *heads,
                           const double *widths, int n, int nleft, lxw_table_column *cols,
                           lxw_table_column **colp);
/* Sets the heights of the rows of the sheet being written; called when a
 * sheet starts and before the workbook is closed. */
void ov_xlsx_rows_done(ov_xw *w);
/* Width of a column of agency names: the longest name shown, within limits. */
double ov_xlsx_agency_width(const ov_xw *w, double min, double max);
/* Writes the legend of colour-rated figures (the letters, suppressed, no
 * data, the thin-recording mark; with incomplete, the word of an agency
 * missing a required file) from row r; returns the row after it. */
lxw_row_t ov_xlsx_rag_legend(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, int incomplete);
/* Highlights cells of a range equal to the fixed word (with format f). */
void ov_xlsx_cf_word(ov_xw *w, lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2,
                     lxw_col_t c2, const char *word, lxw_format *f);

/* ---- sheets ---------------------------------------------------------------- */

/* Adds a sheet (name: a fixed string of the program) with the print setup,
 * header/footer, tab colour and the title block: heading, context line, prompt. */
lxw_worksheet *ov_xlsx_sheet(ov_xw *w, const char *name, lxw_color_t tab, const char *heading,
                             const char *prompt);
/* Print titles and frozen panes for a sheet whose table header is row hr. */
void ov_xlsx_sheet_header_rows(ov_xw *w, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                               lxw_col_t freeze_col);
/* The ALL/agency figure (slot: OV_ALL or agency index) for period p and metric m. */
const ov_figure *ov_xlsx_fig(const ov_xw *w, size_t p, int m, int32_t agency);
/* Agency label "Name (ID)", or "Partnership (ALL)"; cleaned, kept until the
 * workbook is closed. */
const char *ov_xlsx_agency_label(ov_xw *w, int32_t agency);
/* Plain-words names of categories and agency types (fixed strings). */
const char *ov_xlsx_category_name(int cat);
const char *ov_xlsx_agency_type_name(int type);
/* "1 Oct 2025" into buf[16] ("" for no date). */
char *ov_xlsx_date_words(ov_date d, char buf[16]);
/* Percentage text "83.3%" of a figure, or the lower-case word of its mark
 * ("suppressed", "no data", "not covered", "not sent"); buf or a static string. */
const char *ov_xlsx_fig_words(const ov_xw *w, const ov_figure *f, char buf[32]);
/* The word of a figure's mark as shown in a RAG column ("Green" ... "Not sent";
 * "No data" for none). */
const char *ov_xlsx_mark_word(const ov_xw *w, const ov_figure *f);
/* 1 when a figure is rated green, amber or red. */
int ov_xlsx_rated(const ov_figure *f);

#endif
