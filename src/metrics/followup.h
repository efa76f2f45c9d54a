/* followup.h — the follow-up lists of an agency's own report: the table of
 * lists (one entry per list: its name, its file, the figures it reconciles
 * with, who must act, its columns), the rows the metrics engine records in
 * the same passes as the figures (ov_metrics_exceptions in metrics.h), their
 * order (most urgent first) and the value of each cell. The renderers lay the
 * rows out from the table alone, so adding a list is one entry in the table
 * and the pass that records its rows. */
#ifndef OV_METRICS_FOLLOWUP_H
#define OV_METRICS_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/model.h"
#include "metrics/calendar.h"

/* The lists, in the order the report shows them. */
enum ov_followup_list {
    OV_FL_INTERVALS,      /* supervision_frequency, staff_fully_compliant */
    OV_FL_NO_ONE_TO_ONE,  /* staff_supervised */
    OV_FL_LATE_NOTES,     /* notes_timely */
    OV_FL_NOT_SHARED,     /* notes_shared */
    OV_FL_NOT_REARRANGED, /* cancelled_rearranged */
    OV_FL_FUNCTIONS,      /* functions_balance */
    OV_FL_AGREEMENTS,     /* agreement_current */
    OV_FL_OBSERVATIONS,   /* observation_current */
    OV_FL_UNTRAINED,      /* supervisor_trained */
    OV_FL_CHILDREN,       /* case_oversight_current, case_oversight_period */
    OV_FL_ASSESSMENTS,    /* assessment_day8, assessment_day20 */
    OV_FL_AUDITS,         /* audit_good */
    OV_FL_COUNT
};

/* What a row is about, and so which id it carries. */
enum ov_followup_subject {
    OV_FS_STAFF,      /* subject: a staff row; responsible: a supervisor */
    OV_FS_EPISODE,    /* subject: a case row (an episode); responsible: its case holder */
    OV_FS_ASSESSMENT, /* subject: an assessment row; responsible: the child's case holder */
    OV_FS_AUDIT       /* subject: an audit row (listed by the audited person's staff id);
                         responsible: the audited person's supervisor */
};

/* Where a cell's value comes from (see ov_followup_cell). */
enum ov_followup_src {
    OV_FC_SUBJECT_ID,     /* the staff or child id */
    OV_FC_TEAM,           /* the team (a label) */
    OV_FC_RESPONSIBLE,    /* the staff id of who must act */
    OV_FC_DAYS,           /* the urgency: days overdue (working days late for notes) */
    OV_FC_DATE,           /* the row's date (session, cancellation, review due, ...) */
    OV_FC_DUE,            /* when it was due */
    OV_FC_DONE,           /* what was done, and when (blank: not done) */
    OV_FC_SINCE,          /* last 1:1 held, or the first overdue day of an episode */
    OV_FC_REQUIRED,       /* required intervals */
    OV_FC_MET,            /* intervals met */
    OV_FC_MISSED,         /* intervals missed */
    OV_FC_MISSED_LIST,    /* the missed intervals */
    OV_FC_SCHEDULE,       /* the staff member's schedule (code) */
    OV_FC_STAFF_START,    /* the staff member's start date */
    OV_FC_CATEGORY,       /* the episode's category (code) */
    OV_FC_EPISODE_START,  /* the episode's start */
    OV_FC_EPISODE_END,    /* the episode's end */
    OV_FC_OVERDUE_AT_END, /* yes / no for an episode open on pe, blank when it closed in P */
    OV_FC_SHARED,         /* notes_shared as recorded: no, or blank */
    OV_FC_REVIEW,         /* the review point (day8, day20) */
    OV_FC_FUNCTIONS,      /* the functions not covered (codes) */
    OV_FC_TRAINING,       /* what is missing of a supervisor's training (codes) */
    OV_FC_ASSESSMENT,     /* the assessment's start */
    OV_FC_METRICS,        /* the figures the row counts against (metric ids) */
    OV_FC_GRADE,          /* an audit's grade (code) */
    OV_FC_CRITERIA        /* the criteria an audit assessed and found not met (codes) */
};

/* Where a column is shown (bits). */
#define OV_FC_IN_CSV   1u
#define OV_FC_IN_SHEET 2u
#define OV_FC_IN_PDF   4u
#define OV_FC_IN_ALL   7u

/* One column of a list. */
typedef struct {
    const char *name;  /* the CSV header */
    const char *title; /* the header in the workbook and the PDF */
    uint8_t src;       /* enum ov_followup_src */
    uint8_t where;     /* OV_FC_IN_* bits */
    uint8_t pdf_width; /* points, when in the PDF */
    uint8_t width;     /* workbook column width, in characters */
} ov_followup_col;

#define OV_FL_MAX_METRICS 2
#define OV_FL_MAX_COLS    16

/* One list. Names, files, sheets and tables are fixed strings of the program. */
typedef struct {
    const char *key;   /* "late-notes" */
    const char *file;  /* "exceptions-late-notes.csv" */
    const char *title; /* "Notes recorded late" */
    const char *sheet; /* workbook sheet name (at most 31 characters) */
    const char *table; /* Excel table name */
    const char *holds; /* one sentence: what a row is */
    const char *who;   /* who must act, in words: "supervisor" */
    const char *days;  /* one sentence: how the urgency column is counted */
    int subject;       /* enum ov_followup_subject */
    int nmetrics;
    int metrics[OV_FL_MAX_METRICS]; /* enum ov_metric_id: the figures it reconciles with */
    /* the columns after period_start, period_end and agency_id, in order; they
     * end at the first without a name (ov_followup_ncols) */
    ov_followup_col cols[OV_FL_MAX_COLS];
} ov_followup_def;

/* The list l, or NULL when out of range. */
const ov_followup_def *ov_followup_def_get(int l);
/* How many columns list d has. */
size_t ov_followup_ncols(const ov_followup_def *d);
/* The CSV header of the urgency column of list l ("days_overdue", "days_late"). */
const char *ov_followup_days_name(int l);
/* The file names any run may have written for a follow-up list: the lists'
 * own (ov_followup_def.file, in list order), then names that earlier versions
 * used (exceptions-staff.csv). A run removes every one it does not write.
 * ov_followup_file returns a static string, or NULL for i >= ov_followup_nfiles(). */
size_t ov_followup_nfiles(void);
const char *ov_followup_file(size_t i);

/* A range of days [start, end], both inclusive. */
typedef struct {
    ov_date start, end;
} ov_date_range;

/* One row of a list. Which members a list fills is said by its columns; the
 * rest are OV_NONE / OV_DATE_NONE / 0. */
typedef struct {
    uint8_t list;        /* enum ov_followup_list */
    uint8_t against;     /* bit k set: counts against the list's metrics[k] */
    uint8_t code;        /* review point 0 day 8, 1 day 20; functions or training missing
                            (bits); notes_shared recorded (0 no, 1 blank); an audit's grade */
    uint8_t open;        /* episodes: open on pe */
    int32_t subject;     /* staff, case, assessment or audit row index (the list's subject) */
    int32_t item;        /* the session row of a session list, else OV_NONE */
    int32_t responsible; /* staff row index of who must act, OV_NONE when not sent */
    int32_t team;        /* team index, OV_NONE when not known */
    int32_t days;        /* the urgency column, >= 0 */
    ov_date date;        /* oldest first: the row's date */
    ov_date due, done, since;
    int64_t required, met; /* intervals */
    size_t missed_first;   /* intervals: missed[missed_first .. + required - met) */
} ov_followup_row;

/* Training a supervisor lacks (ov_followup_row.code of OV_FL_UNTRAINED). */
#define OV_FU_SAFEGUARDING_NONE    1u /* no safeguarding training on or before pe */
#define OV_FU_SAFEGUARDING_EXPIRED 2u /* safeguarding training older than its validity */
#define OV_FU_SUPERVISION_NONE     4u /* no supervision training on or before pe */

/* The follow-up lists of one agency for one period (ov_metrics_exceptions).
 * Each list reconciles with its figures: docs/exceptions.md. */
typedef struct {
    int32_t agency; /* agency index */
    ov_period period;
    ov_followup_row *rows; /* by list, then most urgent first (ov_followup_sort) */
    size_t nrows, cap_rows;
    size_t first[OV_FL_COUNT], count[OV_FL_COUNT]; /* list l: rows[first[l] .. + count[l]) */
    ov_date_range *missed;                         /* missed intervals, ascending per person */
    size_t nmissed, cap_missed;
} ov_exceptions;

/* Puts the rows of ex in list order and, within a list, most urgent first:
 * the urgency column descending, then the row's date (oldest first), then the
 * id in byte order, then the order of the extract; sets first and count. a is
 * the agency the rows were recorded from. */
void ov_followup_sort(const ov_agency *a, ov_exceptions *ex);
/* Frees the lists and empties them; accepts NULL. */
void ov_exceptions_free(ov_exceptions *ex);

/* What a cell holds. */
enum ov_followup_kind {
    OV_FV_TEXT,   /* text: an id or a label as sent */
    OV_FV_CODES,  /* codes (and their words); none: blank */
    OV_FV_DATE,   /* a date; OV_DATE_NONE: blank */
    OV_FV_COUNT,  /* a whole number */
    OV_FV_RANGES, /* date ranges; none: blank */
};

#define OV_FV_MAX_CODES 6 /* every criterion of an audit */

/* The value of one cell. Strings are static or owned by the agency. */
typedef struct {
    int kind; /* enum ov_followup_kind */
    const char *text;
    const char *codes[OV_FV_MAX_CODES]; /* metric ids, code names, yes/no */
    const char *words[OV_FV_MAX_CODES]; /* the same as words for people */
    size_t ncodes;
    ov_date date;
    int64_t n;
    const ov_date_range *ranges;
    size_t nranges;
} ov_followup_value;

/* The value of column src (enum ov_followup_src) of row r, recorded from
 * agency a into ex. Unknown or missing values are blank. */
void ov_followup_cell(const ov_agency *a, const ov_exceptions *ex, const ov_followup_row *r,
                      int src, ov_followup_value *out);
/* The id of the row's responsible person ("" when none is named). */
const char *ov_followup_responsible_id(const ov_agency *a, const ov_followup_row *r);

#endif
