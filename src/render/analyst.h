/* analyst.h — the analyst CSV outputs: rejections.csv, data_quality.csv,
 * completeness.csv and metrics.csv, with --history restatements.csv, and with
 * --agency the follow-up lists exceptions-<key>.csv (metrics/followup.h names
 * them), each written as an output of the run's set (core/outset.h). No output
 * path is ever built from extract text. */
#ifndef OV_RENDER_ANALYST_H
#define OV_RENDER_ANALYST_H

#include "core/outset.h"
#include "history/history.h"
#include "ingest/model.h"
#include "metrics/metrics.h"
#include "report/pack.h"

/* Each writes its file into the set out; returns 0, or -1 after a message via ov_err. */
int ov_analyst_rejections(const ov_data *d, ov_outset *out);
int ov_analyst_data_quality(const ov_data *d, ov_outset *out);
int ov_analyst_completeness(const ov_data *d, ov_outset *out);
/* metrics.csv: every figure, or with agency >= 0 only that agency's rows (its
 * agency, team and category rows; no ALL or other agencies' rows). */
int ov_analyst_metrics(const ov_data *d, const ov_results *r, int32_t agency, ov_outset *out);
/* restatements.csv: the figures of earlier periods that the extracts now give
 * differently from the history (SPEC 8.1), in metrics.csv order. */
int ov_analyst_restatements(const ov_data *d, const ov_results *r, const ov_history_findings *h,
                            ov_outset *out);
/* Has the commit of out remove a restatements.csv an earlier run with --history
 * left (it would not belong to this run's outputs), whatever the previous
 * manifest lists. */
void ov_analyst_restatements_remove(ov_outset *out);
/* The follow-up lists of an agency's own pack (p->followups): writes
 * exceptions-<key>.csv into the set for each list the pack shows (a figure of
 * it red or amber), most urgent first, and has the commit remove every other
 * follow-up file name (lists of an earlier run, names of earlier versions),
 * whatever the previous manifest lists. Returns 0, or -1 after a message via
 * ov_err. */
int ov_analyst_followup(const ov_pack *p, ov_outset *out);
/* Has the commit of out remove every follow-up list an earlier --agency run
 * left (so that a partnership pack folder never holds them, whatever the
 * previous manifest lists). */
void ov_analyst_exceptions_remove(ov_outset *out);

/* The label of an agency index (OV_ALL gives "ALL"). */
const char *ov_analyst_agency_id(const ov_data *d, int32_t agency);
/* Prints the by-rule-code summary of the issues to stderr (via msg.h). */
void ov_analyst_issue_summary(const ov_data *d);

#endif
