/* history.h — the history of reported figures (SPEC 8.1): an append-only
 * SQLite database. A report run with --history records itself in it once all
 * its outputs are written (the run, every input file, every figure of its
 * period), and reads from it what was reported for its trend periods: figures
 * the extracts cannot give are taken from there, and figures the extracts now
 * give differently are listed as restatements.
 *
 * The layer sits between metrics and report: it reads the data (ingest) and
 * the figures (metrics), hands metrics its lookup through the hook of
 * ov_metrics_config, and the report model lists what it finds. A file that is
 * not an oversight history is never written to: it is checked read-only first,
 * and its tables are never created in a file that holds anything else. */
#ifndef OV_HISTORY_HISTORY_H
#define OV_HISTORY_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/outset.h"
#include "ingest/model.h"
#include "metrics/metrics.h"

/* The schema version this program writes and reads (PRAGMA user_version). */
#define OV_HISTORY_VERSION 1

/* Whose figures a run reports: the partnership, one agency's folder on its
 * own, or one agency of a partnership folder (--agency). */
enum ov_history_scope { OV_HSCOPE_PARTNERSHIP, OV_HSCOPE_SELF_AUDIT, OV_HSCOPE_AGENCY };

/* "partnership", "self-audit" or "agency" (static). */
const char *ov_history_scope_name(enum ov_history_scope s);

/* An open history file (opaque). */
typedef struct ov_history ov_history;

/* How a history file is opened. */
enum ov_history_mode {
    OV_HISTORY_READ,  /* history FILE: it must exist */
    OV_HISTORY_REPORT /* report --history FILE: it may be missing (a new history) and must be
                         writable */
};

/* Opens path and checks, read-only, that it is an oversight history of a
 * version this program reads and that it is whole (a missing or empty file is
 * a new history in OV_HISTORY_REPORT mode). Returns the history (free with
 * ov_history_close), or NULL with one plain line in err saying why the file is
 * refused; the file is then left exactly as it was. */
ov_history *ov_history_open(const char *path, enum ov_history_mode mode, char *err, size_t errlen);
/* Closes the file and frees everything; accepts NULL. */
void ov_history_close(ov_history *h);

/* Reads, for each trend period (periods[1 .. nperiods-1]), the figures of the
 * latest run of that period and scope (agency_id: the agency of a self-audit
 * or --agency run, NULL for the partnership). Returns 0, or -1 with err. */
int ov_history_load(ov_history *h, enum ov_history_scope scope, const char *agency_id,
                    const ov_period *periods, size_t nperiods, char *err, size_t errlen);

/* The history lookup of ov_metrics_config (ctx: the ov_history): the figure
 * reported for key when the history holds one with numbers (a rated figure
 * with a denominator, or an informational figure with a value). */
int ov_history_lookup(void *ctx, const ov_figure_key *key, ov_reported_figure *out);

/* The run date of the run read for period p by ov_history_load (one of the
 * periods after the first), or OV_DATE_NONE when none was. */
ov_date ov_history_run_date(const ov_history *h, const ov_period *p);

/* A figure of an earlier period whose numbers in the extracts differ from the
 * ones reported for it. */
typedef struct {
    size_t fig;       /* index into the results' figures */
    int64_t num, den; /* as reported */
    ov_date reported_on;
} ov_restatement;

/* What the history says about a run's trend periods. */
typedef struct {
    ov_date *reported_on; /* per period of the results: the run date of the run read for it,
                             OV_DATE_NONE when none was (always so for the report period) */
    size_t nperiods;
    ov_restatement *rows; /* in metrics.csv order */
    size_t nrows;
} ov_history_findings;

/* Compares every figure of the trend periods that the extracts give (rated,
 * from the extracts, covered; only agency's rows when agency >= 0, as
 * metrics.csv) with the one reported for it (h is only read, but looks keys up
 * through its scratch buffer). out owns its arrays (ov_history_findings_free). */
void ov_history_compare(ov_history *h, const ov_data *d, const ov_results *r, int32_t agency,
                        ov_history_findings *out);
/* Frees the findings and empties them; accepts NULL. */
void ov_history_findings_free(ov_history_findings *f);

/* What a run records about itself besides its data and figures. */
typedef struct {
    ov_date run_date;
    const ov_period *period;
    enum ov_history_scope scope;
    const char *agency_id;        /* the scope's agency; NULL for the partnership */
    const char *version;          /* program version */
    const char *standards_file;   /* as loaded; NULL for the built-in standards */
    const char *standards_sha256; /* "" for the built-in standards */
    const char *calendar_sha256;
    int suppress_below;
} ov_history_run;

/* Records the run, every input file of d and every figure of the report
 * period (the rows metrics.csv writes: only agency's when agency >= 0) in one
 * transaction, waiting for another run that is writing; creates the history
 * when the file is new. Returns 0, or -1 with err (nothing is recorded). */
int ov_history_record(ov_history *h, const ov_history_run *run, const ov_data *d,
                      const ov_results *r, int32_t agency, char *err, size_t errlen);

/* Prints the runs, one line each, oldest first. Returns the number of runs,
 * or -1 with err. */
long ov_history_list(ov_history *h, FILE *out, char *err, size_t errlen);
/* Writes runs.csv, inputs.csv and figures.csv as outputs of the set out (the
 * caller commits or aborts it). Returns 0, or -1 with err (or with err empty
 * after a message via ov_err when a file could not be written). */
int ov_history_export(ov_history *h, ov_outset *out, char *err, size_t errlen);

#endif
