/* pack.h — the report model: everything the board pack says, worked out once
 * from the figures and handed to every renderer (PDF, workbook), which only lay
 * it out. It holds the figures as the pack shows them, the units compared, the
 * change of each figure since the previous period, the improvement actions with
 * what they cover, the red and amber figures with no live action, the key
 * messages, the agencies whose extracts do not cover the period, the summary
 * of rejections, warnings and information lines by rule code, and with a
 * history the figures taken from it (marked, with the date they were
 * reported on) and the figures restated since they were reported, and the
 * Section 11 standards: their data-based ratings, the scores the agencies
 * returned and the challenges for the moderation panel (section11.h).
 * In an agency's own pack, its follow-up lists: which are shown, how many
 * rows each has, the oldest, and who holds most of them.
 *
 * The pack owns everything it builds; it points into the context it was built
 * from (data, figures, standards), which must outlive it. Once built it is only
 * read, so renderers may use it from several threads at once. */
#ifndef OV_REPORT_PACK_H
#define OV_REPORT_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "report/narrative.h"
#include "report/report.h"
#include "report/section11.h"

/* How a figure is shown: its RAG, or "not sent" where the figure has no data
 * because the agency did not send the optional file it comes from (case metrics
 * without cases.csv, say). metrics.csv keeps no_data for those. */
enum ov_mark { OV_MARK_NOT_SENT = OV_RAG_COUNT, OV_MARK_COUNT };

/* One column of comparison: an agency, a team, or the head unit's total. */
typedef struct {
    const char *label; /* owned by the data or the pack */
    int32_t agency;    /* agency index, or OV_ALL */
    int32_t team;      /* team index, or OV_NONE */
    int total;         /* the partnership (or, for one agency, its total) */
} ov_pack_unit;

/* The change of a rated figure since the previous period. */
typedef struct {
    int comparable; /* both figures rated (green, amber or red) */
    long tenths;    /* printed value now minus printed value then, in tenths of a point */
    int better;     /* 1 better, -1 worse, 0 no change (direction of the standard) */
} ov_pack_change;

/* An improvement action as the pack lists it. */
typedef struct {
    const ov_action *action; /* owned by the data */
    int overdue;             /* not complete and due before the run date */
    int completed_late;      /* complete, on a date after its due date */
    int live;                /* open or in progress: it covers its figures */
    const ov_figure *figure; /* its measure's figure now (its agency, or ALL), NULL when none */
    int still_short;         /* complete, and that figure is still red or amber */
} ov_pack_action;

/* A red or amber figure of the period with no live action against it. */
typedef struct {
    int32_t agency; /* agency index or OV_ALL */
    int metric;
    const ov_figure *figure;
    const ov_pack_action *complete; /* a complete action on it (figure still short), or NULL */
} ov_pack_gap;

/* Rejections, warnings or information lines of one rule code, agency and file. */
typedef struct {
    int severity;     /* enum ov_severity */
    const char *code; /* static */
    int32_t agency;   /* OV_NONE for the partnership's files */
    int dataset;      /* enum ov_dataset */
    size_t count;
} ov_pack_issues;

/* The mark beside a figure taken from the history (SPEC 8.1): a dagger. */
#define OV_PACK_HISTORY_MARK "\xe2\x80\xa0"

/* A figure of an earlier period that the extracts now give differently from
 * the one reported for it (SPEC 8.1): an agency or ALL row of the pack. */
typedef struct {
    int period;           /* index into the pack's periods */
    int32_t agency;       /* agency index or OV_ALL */
    int metric;           /* enum ov_metric_id */
    int category;         /* enum ov_category, or OV_NONE */
    const ov_figure *now; /* the figure as the pack shows it (owned by the pack) */
    ov_figure reported;   /* the same figure with the reported numbers, rated as the pack
                             shows it (suppressed whenever either is) */
    ov_date reported_on;  /* run date of the run that reported it */
} ov_pack_restatement;

/* The mark beside a figure that rests on a thinly filled optional field: a
 * double dagger. */
#define OV_PACK_THIN_MARK "\xe2\x80\xa1"

/* A rated figure of the pack whose optional field (ov_metric_def.fill) the
 * unit fills in fewer than the standards' fill_flag_percent of the rows it
 * counts: it reflects recording as much as practice (data quality). */
typedef struct {
    const ov_figure *figure;  /* owned by the pack */
    const ov_pack_unit *unit; /* one of the pack's units */
    int percent;              /* rows filled, whole per cent rounded down */
    char *sentence;           /* owned: the footnote in words */
} ov_pack_thin;

/* A follow-up list as an agency's own pack shows it. */
typedef struct {
    int list;                   /* enum ov_followup_list */
    const ov_followup_def *def; /* the list's entry in the table */
    /* the agency's figures of the report period the list reconciles with
     * (def->metrics order), NULL where there is none */
    const ov_figure *figs[OV_FL_MAX_METRICS];
    int worst; /* the worst mark among them: red, else amber, else the first's */
    /* a figure of the list is red or amber as this pack shows it: the list is
     * written (exceptions-<key>.csv) and laid out; otherwise it is not */
    int shown;
    const ov_followup_row *rows; /* most urgent first (owned by the exceptions) */
    size_t nrows;
    int32_t oldest;  /* the urgency of the most urgent row (days), 0 when none */
    int32_t top;     /* staff row index of whoever must act on most rows; OV_NONE when
                        no row names anyone. Ties: the id first in byte order */
    size_t top_rows; /* rows top must act on */
    size_t unnamed;  /* rows naming nobody (the extract does not say) */
} ov_pack_followup;

#define OV_PACK_MAX_MESSAGES 5

/* The three kinds of evidence side by side for a unit (SPEC 7.3): frequency
 * (supervision_frequency), quality (audit_good) and practitioners' voice
 * (feedback_positive) of the period, and a sentence where they disagree or a
 * source is missing ("" when there is nothing to say). */
typedef struct {
    const ov_pack_unit *unit;
    const ov_figure *frequency, *quality, *voice; /* NULL when there is no such figure */
    char *sentence;                               /* owned */
} ov_pack_sources;
/* The board page shows at most this many agencies; a larger partnership's
 * page lists those with most reds (the workbook's board sheet shows all). */
#define OV_PACK_BOARD_ROWS    30
#define OV_PACK_BOARD_TOP     20
#define OV_PACK_MAX_DECISIONS 5

/* One row of the board grid: a unit and how many of its rated measures are red
 * and amber in the period. */
typedef struct {
    const ov_pack_unit *unit; /* one of the pack's units */
    size_t red, amber;
} ov_pack_board_row;

typedef struct {
    const ov_report_ctx *ctx;
    const ov_data *data;
    ov_results res;         /* the figures as shown (copies owned; periods borrowed) */
    uint8_t *marks;         /* per res.figs index: enum ov_rag or OV_MARK_NOT_SENT */
    ov_narrative nr;        /* the wording of the pack's sentences */
    int32_t head;           /* OV_ALL for the partnership pack, else the agency in focus */
    const char *head_label; /* the partnership word, or the agency's name */
    ov_pack_unit *units;    /* agencies then the partnership, or teams then the agency */
    size_t nunits;
    ov_pack_action *actions; /* the actions this pack shows, in list order */
    size_t nactions, overdue;
    ov_pack_gap *gaps; /* red first, then amber */
    size_t ngaps;
    char *messages[OV_PACK_MAX_MESSAGES]; /* key messages, most pressing first */
    size_t nmessages;
    int32_t *not_covering; /* agencies (in the pack's scope) whose extract does not cover P */
    size_t nnot_covering;
    size_t *covering; /* per period of res: agencies in scope whose extract covers it */
    size_t nscope;    /* agencies in the pack's scope */
    ov_date as_at;    /* figures as at: the latest extract date in scope (OV_DATE_NONE: none) */
    ov_pack_issues *issues; /* by severity, code, agency, file */
    size_t nissues;
    int history;          /* the run compared with a history (--history) */
    ov_date *reported_on; /* per period: the date the pack's figures taken from the
                             history were reported on; OV_DATE_NONE when none is */
    char *history_note;   /* owned: the note that explains the mark, NULL when no figure
                             of the pack comes from the history */
    ov_pack_restatement *restatements; /* in metrics.csv order */
    size_t nrestatements;
    ov_s11 s11;             /* the Section 11 standards of the agencies in the pack's scope */
    char *partnership_word; /* owned: the word for the partnership */

    /* The board on one page: the rated measures in area order, the rows of the
     * grid (every unit when there are at most OV_PACK_BOARD_ROWS agencies, else
     * the OV_PACK_BOARD_TOP with most reds; the head unit last), the overdue
     * actions oldest first, the head unit's count of each mark, and the
     * decisions asked of the board. */
    int board_metrics[OV_M_COUNT];
    size_t nboard_metrics;
    ov_pack_board_row *board; /* every unit, in unit order (the workbook's grid) */
    size_t nboard;
    ov_pack_board_row *board_page; /* the page's rows (copies of rows of board) */
    size_t nboard_page;
    size_t board_left_off; /* agencies not on the page */
    const ov_pack_action **overdue_list;
    size_t mark_count[OV_MARK_COUNT];
    char *decisions[OV_PACK_MAX_DECISIONS];
    size_t ndecisions;

    /* The three sources for every unit, in unit order, and the agencies in
     * scope with no quality evidence (no usable audits and no usable survey). */
    ov_pack_sources *sources;
    size_t nsources;
    int32_t *no_quality;
    size_t nno_quality;

    /* The figures of every period that rest on a thinly filled field, for
     * every unit, weakest first (the board page shows the first of the
     * report period); thin_ix per res.figs index: 0, or 1 + index into thin. */
    ov_pack_thin *thin;
    size_t nthin, nthin_now; /* all, and those of the report period */
    uint32_t *thin_ix;

    /* The quarter-by-quarter tables (ctx->views; none when the report period
     * is neither a financial quarter nor a year): the figures as shown
     * (copies; periods borrowed, views.nperiods of them), their marks, and
     * their data-quality flags, weakest first. */
    ov_results views;
    uint8_t *view_marks;
    char *views_history_note; /* owned: as history_note, for these tables; NULL: none */
    ov_pack_thin *view_thin;
    size_t nview_thin;
    uint32_t *view_thin_ix;

    /* An agency's own pack with its lists (--agency): every list of the table,
     * in table order (OV_FL_COUNT of them); none in the partnership pack. */
    const ov_exceptions *exceptions; /* the context's */
    ov_pack_followup *followups;
    size_t nfollowups, nshown; /* lists, and those shown */
} ov_pack;

/* Builds the pack from ctx. Returns 0, or -1 after a message via ov_err (the
 * narrative could not be read). Free with ov_pack_free, also after a failure. */
int ov_pack_build(const ov_report_ctx *ctx, ov_pack *out);
/* Frees what the pack owns; accepts NULL and a zeroed pack. */
void ov_pack_free(ov_pack *p);

/* The shown figure of period p for a unit, metric and category (OV_NONE), or NULL. */
const ov_figure *ov_pack_fig(const ov_pack *p, int period, int metric, const ov_pack_unit *u,
                             int category);
/* How a figure is shown (enum ov_rag or OV_MARK_NOT_SENT); NULL is no data. */
int ov_pack_mark(const ov_pack *p, const ov_figure *f);
/* The short mark of the board's grid (static): shape and letter for a rating
 * ("● G", "▲ A", "■ R"), "s" suppressed, "nc" not covered, "ns" not sent,
 * "–" no data. */
const char *ov_pack_mark_cell(int mark);
/* The name of a mark: the RAG names of metrics.csv, and "not_sent" (static). */
const char *ov_pack_mark_name(int mark);
/* The figure of period k of the quarter-by-quarter tables for a unit and
 * metric (the row without group), or NULL (none, or no such tables). */
const ov_figure *ov_pack_view_fig(const ov_pack *p, int k, int metric, const ov_pack_unit *u);
/* 1 when the quarter-by-quarter table of metrics ms[0..k-1] for the head unit
 * has a staff-record figure that is not covered because its period ends before
 * the report period's, and the history does not fill it (SPEC 9.2): the
 * table then says why. */
int ov_pack_views_snapshot_gap(const ov_pack *p, const int *ms, size_t k);
/* The data-quality flag of a figure of the pack or of its quarter-by-quarter
 * tables (shown with OV_PACK_THIN_MARK and its sentence), or NULL. */
const ov_pack_thin *ov_pack_thin_of(const ov_pack *p, const ov_figure *f);
/* 1 when a figure was taken from the history (it is shown with
 * OV_PACK_HISTORY_MARK and the pack's history_note). */
int ov_pack_from_history(const ov_figure *f);
/* 1 when a figure is rated (green, amber or red) as shown. */
int ov_pack_rated(const ov_figure *f);
/* The printed value of a rated figure in tenths of a per cent (84.0 % gives 840). */
long ov_pack_tenths(const ov_figure *f);
/* The change of metric m for unit u since the previous period. */
ov_pack_change ov_pack_change_of(const ov_pack *p, int m, const ov_pack_unit *u);
/* "4.2" for a change of 42 tenths (the sign is left out) into buf. */
char *ov_pack_tenths_text(long tenths, char buf[24]);
/* The head unit (the last of units). */
const ov_pack_unit *ov_pack_head(const ov_pack *p);
/* The display name of an agency (its name, else its id). */
const char *ov_pack_agency_name(const ov_pack *p, int32_t agency);
/* The id of whoever holds most rows of a follow-up list ("" when nobody is named). */
const char *ov_pack_followup_top_id(const ov_pack *p, const ov_pack_followup *f);

/* 1 when the commentary row c belongs in this pack: the pack's agency (or the
 * partnership's own row in any pack) and, when it names a period, this one. */
int ov_pack_comment_shown(const ov_pack *p, const ov_comment *c);

#endif
