/* words.h — the board report's words, shared by its layouts (PDF, web page):
 * the wording of templates/narrative.txt with the placeholders every text may
 * use, the words of the marks, and figures, counts, dates, action states and
 * follow-up cells as the report prints them. It knows nothing of any layout;
 * every string it returns is the same whichever layout prints it. */
#ifndef OV_RENDER_WORDS_H
#define OV_RENDER_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "metrics/followup.h"
#include "report/narrative.h"
#include "report/pack.h"
#include "report/report.h"

/* Room for the placeholders every text may use (the report sets 14). */
#define OV_WORDS_NBASE 16

typedef struct {
    const ov_pack *pack;
    const ov_report_ctx *ctx;
    ov_narrative nr;
    int32_t head;                     /* OV_ALL for the partnership pack, else the agency */
    ov_narr_var base[OV_WORDS_NBASE]; /* placeholders every text may use */
    size_t nbase;
    char *base_store[OV_WORDS_NBASE]; /* owned values of base */
    char *rag_words[OV_MARK_COUNT];   /* words of the marks (enum ov_rag, then "not sent") */
} ov_words;

/* Loads the wording for the pack and sets the marks' words and the base
 * placeholders. Returns 0, or -1 after a message via ov_err (the wording file
 * could not be read). Free with ov_words_free, also after a failure. */
int ov_words_init(ov_words *w, const ov_pack *pack);
/* Frees what w owns; accepts a zeroed one. */
void ov_words_free(ov_words *w);

/* Text of a narrative key with the base placeholders and n extra ones (caller
 * frees). In one agency's pack the key's ".agency" variant is used when the
 * wording file has one. */
char *ov_words_text(ov_words *w, const char *key, const ov_narr_var *extra, size_t n);
/* The text of key when the wording file has it, else a copy of fallback
 * (caller frees): a list added to the program needs no new wording. */
char *ov_words_text_or(ov_words *w, const char *key, const char *fallback);
/* "83.3%" for a rated figure into buf, else the word (Suppressed, No data,
 * n/a); "83.3% †" for a figure taken from the history, "83.3% ‡" for one that
 * rests on a thinly filled field (its footnote: ov_words_thin_notes). Returns
 * buf or a word owned by w. */
const char *ov_words_value(const ov_words *w, const ov_figure *f, char buf[32]);
/* A number with thousands separators into buf; returns buf. */
const char *ov_words_count(uint64_t v, char buf[32]);
/* "31 Jan 2026" into buf ("" for no date); returns buf. */
const char *ov_words_short_date(ov_date d, char buf[32]);
/* "15 January 2026" into buf ("" for no date); returns buf. */
const char *ov_words_long_date(ov_date d, char buf[32]);
/* An agency's display name; for OV_ALL or no such agency the pack's head label
 * in the partnership pack, "" in an agency's (owned by the pack or data). */
const char *ov_words_agency_name(const ov_words *w, int32_t agency);
/* The state of an action in words, a line each: its status or "complete —
 * figure still red/amber", then "completed late", "overdue" (caller frees). */
char *ov_words_action_state(ov_words *w, const ov_pack_action *x);
/* A follow-up list's title (followup.<key>.title, else the table's; caller frees). */
char *ov_words_list_title(ov_words *w, const ov_followup_def *d);
/* The figures a list reconciles with, one a line: "Notes recorded on time:
 * 18.8% Red" (caller frees). */
char *ov_words_list_figures(ov_words *w, const ov_pack_followup *f);
/* Who holds most rows of a list: "W10237 (12 of 40)", or the words for
 * nobody named (caller frees). */
char *ov_words_list_holder(ov_words *w, const ov_pack_followup *f);
/* The text of one cell of a follow-up list as the report prints it (caller frees). */
char *ov_words_list_cell(ov_words *w, const ov_followup_col *col, const ov_followup_value *v);
/* The rated measures of an area in catalogue order into out; returns how many. */
size_t ov_words_area_metrics(int area, int out[OV_M_COUNT]);
/* The change of a figure since the previous period in words ("▲ 4.2 pts,
 * better"); when it cannot be compared, the text of none_key, or NULL when
 * none_key is NULL (caller frees). */
char *ov_words_change(ov_words *w, const ov_pack_change *c, const char *none_key);
/* The context line of the head unit from its informational figures (staff in
 * scope, ad hoc sessions, median working days to notes, average duration,
 * open episodes; a figure with no data in lower-case words; caller frees). */
char *ov_words_context_line(ov_words *w);
/* The actions summed up (how many, open, in progress, complete, overdue,
 * completed late, still short), or that there are none (caller frees). */
char *ov_words_actions_summary(ov_words *w);
/* The measure an action is on, or the words for an action on no measure
 * (static or owned by the wording in general: copy it before freeing general). */
const char *ov_words_action_measure(const ov_action *a, const char *general);
/* The overdue actions as lines: the oldest max - 1, then how many more, or
 * that there are none; returns how many lines (caller frees each). */
size_t ov_words_overdue_lines(ov_words *w, char **out, size_t max);
/* A challenged Section 11 score: the self-assessed score and how it differs
 * from the data's rating, "Standard (id)", and the rated figures behind the
 * rating, one a line (caller frees each). */
void ov_words_s11_row(ov_words *w, const ov_s11_row *x, char **score, char **standard,
                      char **evidence);
/* What the Section 11 part says first: that no score came back, that the
 * data challenge none, or how many they challenge (caller frees). */
char *ov_words_s11_intro(ov_words *w);
/* The board's count of each rating for the head unit (caller frees). */
char *ov_words_board_counts(ov_words *w);
/* The key to the board's grid, saying how many agencies are left off the
 * page when some are (caller frees). */
char *ov_words_board_legend(ov_words *w);
/* The red and amber figures with no live action: the sentence before their
 * table (or that there are none), and the call to the board after it; each
 * of key "gaps.<part>" ("intro", "none", "call_title", "call"; caller frees). */
char *ov_words_gaps(ov_words *w, const char *part);
/* Hands emit the footnotes of the data-quality flags (OV_PACK_THIN_MARK) of
 * the figures of periods first..last (of the quarter-by-quarter tables when
 * views), of the metrics ms[0..k-1] (NULL: every metric), of every unit or
 * only the head unit, weakest first. */
void ov_words_thin_notes(const ov_words *w, int views, int first, int last, const int *ms, size_t k,
                         int head_only, void (*emit)(void *, const char *), void *ctx);
/* Hands emit the footnotes of the data-quality flags among figs[0..n-1]
 * (NULL entries allowed), weakest first. */
void ov_words_thin_notes_of(const ov_words *w, const ov_figure *const *figs, size_t n,
                            void (*emit)(void *, const char *), void *ctx);
/* Hands emit the footnotes of the flags among the figures of the actions
 * table (gaps 0) or of the table of figures with no live action (gaps 1). */
void ov_words_thin_notes_improve(const ov_words *w, int gaps, void (*emit)(void *, const char *),
                                 void *ctx);
/* The board page's line about the weakest recording behind the figures: the
 * weakest three flags of the report period and how many there are (caller
 * frees). */
char *ov_words_thin_line(ov_words *w);

#endif
