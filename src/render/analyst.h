/* analyst.h — the analyst CSV outputs: rejections.csv, data_quality.csv,
 * completeness.csv and metrics.csv, and with --agency the follow-up lists
 * exceptions-<key>.csv (metrics/followup.h names them), each written
 * atomically into the output folder. No output path is ever built from
 * extract text. */
#ifndef OV_RENDER_ANALYST_H
#define OV_RENDER_ANALYST_H

#include "ingest/model.h"
#include "metrics/metrics.h"
#include "report/pack.h"

/* Each returns 0, or -1 after a message via ov_err. */
int ov_analyst_rejections(const ov_data *d, const char *dir);
int ov_analyst_data_quality(const ov_data *d, const char *dir);
int ov_analyst_completeness(const ov_data *d, const char *dir);
/* metrics.csv: every figure, or with agency >= 0 only that agency's rows (its
 * agency, team and category rows; no ALL or other agencies' rows). */
int ov_analyst_metrics(const ov_data *d, const ov_results *r, int32_t agency, const char *dir);
/* The follow-up lists of an agency's own pack (p->followups): writes
 * exceptions-<key>.csv for each list the pack shows (a figure of it red or
 * amber), most urgent first, and removes every other follow-up file name from
 * dir (lists of an earlier run, names of earlier versions), noting each
 * removal. Returns 0, or -1 after a message via ov_err. */
int ov_analyst_followup(const ov_pack *p, const char *dir);
/* Removes every follow-up list an earlier --agency run left in dir (so that a
 * partnership pack folder never holds them); notes each file removed. */
int ov_analyst_exceptions_remove(const char *dir);

/* The label of an agency index (OV_ALL gives "ALL"). */
const char *ov_analyst_agency_id(const ov_data *d, int32_t agency);
/* Prints the by-rule-code summary of the issues to stderr (via msg.h). */
void ov_analyst_issue_summary(const ov_data *d);

#endif
