/* metrics.h — every figure of the spec computed from the loaded data: per team,
 * per agency and for the partnership (ALL) by pooling numerators and
 * denominators, RAG-rated against the standards. */
#ifndef OV_METRICS_METRICS_H
#define OV_METRICS_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/model.h"
#include "metrics/calendar.h"
#include "metrics/figure.h"
#include "metrics/followup.h"
#include "metrics/metric_defs.h"
#include "metrics/standards.h"

/* Returns the name of a RAG value as written in metrics.csv. */
const char *ov_rag_name(enum ov_rag r);

typedef struct {
    ov_period *periods; /* [0] = report period, then earlier ones */
    size_t nperiods;
    ov_figure *figs; /* sorted as metrics.csv is written */
    size_t nfigs, cap_figs;
    uint32_t *slots; /* lookup index for ov_results_find: 0 empty, else figure+1 */
    size_t nslots;
} ov_results;

/* The key of a figure as metrics.csv writes it, handed to the history lookup.
 * The strings belong to the caller and live for the call only. */
typedef struct {
    const ov_period *period;
    int metric;            /* enum ov_metric_id */
    const char *metric_id; /* "supervision_frequency" */
    int32_t agency;        /* agency index, or OV_ALL */
    const char *agency_id; /* "ALL" for the partnership */
    int32_t team;          /* team index, or OV_NONE */
    const char *team_name; /* "" when not a team row */
    int category;          /* the group (ov_figure.category), or OV_NONE */
    const char *group;     /* "" when not a group row */
} ov_figure_key;

/* A figure as it was reported (SPEC 8.1): numerator and denominator of a
 * rated figure, or the value of an informational one. */
typedef struct {
    int64_t num, den;
    int has_value;
    double value;
} ov_reported_figure;

/* Looks up the figure reported for key; returns 1 and fills *out when the
 * history holds one, else 0. ctx is ov_metrics_config.history_ctx. */
typedef int (*ov_history_lookup_fn)(void *ctx, const ov_figure_key *key, ov_reported_figure *out);

typedef struct {
    const ov_standards *standards;
    const ov_calendar *calendar;
    int suppress_below; /* denominators below this are suppressed */
    /* Optional (NULL: none). Asked, after every figure is worked out, for each
     * figure of a trend period (not the report period) that the extracts
     * cannot give: a not_covered one (SPEC 9.1, 9.2) or a rated one with no
     * data (denominator 0). A figure it supplies replaces the extracts' one:
     * numbers (or value) from the history, RAG rated again against the
     * threshold in force, source OV_SRC_HISTORY. It is not added into the
     * partnership (ALL) row, which adds up the extracts only (and may itself
     * be taken from the history). Called from one thread, in metrics.csv row
     * order, before secondary suppression; nothing in the command line sets
     * it yet. */
    ov_history_lookup_fn history_lookup;
    void *history_ctx;
    int threads; /* agencies measured on this many threads; 0 = the processors available */
} ov_metrics_config;

/* Computes every figure for p and its trend-1 earlier periods (trend >= 1).
 * Returns 0, or -1 on an internal error. The results own their arrays.
 * The same as ov_metrics_begin, ov_metrics_agency for every agency (on
 * cfg->threads threads) and ov_metrics_finish. */
int ov_metrics_compute(const ov_data *d, const ov_period *p, int trend,
                       const ov_metrics_config *cfg, ov_results *out);
/* Computes every figure for the given periods (n >= 1) as ov_metrics_compute
 * does for a report period and its trend, for tables that set periods side by
 * side (ov_period_views): the staff-record snapshot figures (SPEC 9.2) are
 * covered only in the periods that end on snapshot_end, the report period's
 * end; the history lookup, if any, is asked for every figure of the others
 * that the extracts cannot give. Returns 0, or -1 on an internal error; the
 * results own their arrays. */
int ov_metrics_compute_periods(const ov_data *d, const ov_period *periods, size_t n,
                               ov_date snapshot_end, const ov_metrics_config *cfg, ov_results *out);

/* The same, agency by agency, so that each agency can be measured as soon as
 * it is read and its records dropped: a run begun for d (whose agency list is
 * final; d and cfg must outlive the run, and cfg's history lookup is read
 * when the run finishes), each agency measured once with its records and its
 * window in place, then finished. ov_metrics_compute and
 * ov_metrics_compute_periods are these calls over agencies already loaded. */
typedef struct ov_metrics_run ov_metrics_run;
/* Starts a run for p and its trend-1 earlier periods (the caller ends it with
 * ov_metrics_finish or ov_metrics_cancel); NULL for bad arguments. */
ov_metrics_run *ov_metrics_begin(const ov_data *d, const ov_period *p, int trend,
                                 const ov_metrics_config *cfg);
/* Starts a run for the given periods, as ov_metrics_compute_periods measures
 * them; NULL for bad arguments. */
ov_metrics_run *ov_metrics_begin_periods(const ov_data *d, const ov_period *periods, size_t n,
                                         ov_date snapshot_end, const ov_metrics_config *cfg);
/* Makes the run's results keep no team figures (the quarter-by-quarter
 * tables show agencies and the partnership only). What the team rows do to
 * the agency rows above them in the secondary suppression is kept: without a
 * history they are dropped as each agency is measured, once that is applied
 * (ov_disclosure_teams_first); when the run will be given a history lookup
 * (history: 1), which may replace team rows first, they stay until the
 * suppression at the finish. Call before the first agency is measured. */
void ov_metrics_drop_teams(ov_metrics_run *run, int history);
/* Measures agency ai (an index of d) into the run: its figures and its share
 * of the partnership's. Different agencies may be measured on different
 * threads at once; the result does not depend on the order. */
void ov_metrics_agency(ov_metrics_run *run, int32_t ai);
/* The same into each of the n runs (NULL entries skipped), all begun for the
 * same data: the agency's indexes are built once for all of them. */
void ov_metrics_agency_runs(ov_metrics_run *const *runs, size_t n, int32_t ai);
/* Ends the run once every agency is measured: the partnership's figures,
 * the history's, the secondary suppression, into out (owned by the caller,
 * freed with ov_results_free); frees run. Returns 0, or -1 (out empty). */
int ov_metrics_finish(ov_metrics_run *run, ov_results *out);
/* Ends a run without results; accepts NULL. */
void ov_metrics_cancel(ov_metrics_run *run);
/* RAG of num/den against t, honouring suppression and no data. */
enum ov_rag ov_metrics_rag(int64_t num, int64_t den, const ov_threshold *t, int suppress_below);
/* value as printed: the exact fraction x 100 rounded half-up to one decimal,
 * written into buf ("" when den == 0). */
char *ov_metrics_format_pct(int64_t num, int64_t den, char buf[16]);
/* A figure's value as metrics.csv prints it into buf (a percentage with one
 * decimal, an info figure's number, or "" when it has none); returns buf. */
char *ov_metrics_format_value(const ov_figure *f, char buf[32]);
/* The figure for (period, metric, agency, team, category) or NULL; O(1).
 * category is the group of ov_figure.category (OV_NONE: the row without). */
const ov_figure *ov_results_find(const ov_results *r, int period, int metric, int32_t agency,
                                 int32_t team, int category);
void ov_results_free(ov_results *r);

/* ---- follow-up lists (--agency) ------------------------------------------- */

/* The follow-up lists of agency (an index of d) for period p (metrics/followup.h):
 * the staff, sessions, episodes and assessments behind each of its figures that
 * falls short, recorded by the same passes as ov_metrics_compute, so that each
 * list reconciles with its figures (docs/exceptions.md). Every list is made,
 * whatever its figure's rating; the lists are empty when the agency's window
 * does not cover p (its figures are then not covered, SPEC 9.1).
 * Returns 0, or -1 on bad arguments. out owns its arrays (ov_exceptions_free). */
int ov_metrics_exceptions(const ov_data *d, int32_t agency, const ov_period *p,
                          const ov_metrics_config *cfg, ov_exceptions *out);

#endif
