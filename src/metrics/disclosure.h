/* disclosure.h — secondary suppression (SPEC 9.3): after the primary
 * suppression of small denominators, further figures are suppressed so that
 * no suppressed figure can be worked out by subtraction from the figures
 * beside it and the one above it. */
#ifndef OV_METRICS_DISCLOSURE_H
#define OV_METRICS_DISCLOSURE_H

#include <stddef.h>

#include "metrics/figure.h"

/* Applies secondary suppression to figs[0..n), which must be sorted as
 * metrics.csv is written (period, ALL then agency ids, team blank then team
 * names, group blank then group names, metric id; names in byte order, so
 * that a lower index is earlier in that order). For each period and
 * (non-informational) metric, three kinds of set are checked, in this order,
 * until a whole pass changes nothing:
 *   1. the team rows of one agency, under the agency row;
 *   2. the group rows of one agency, then of ALL, under the row without group,
 *      only for metrics whose groups add up (ov_metric_def.groups_add_up);
 *   3. the agency rows of one group value (blank first), under the ALL row.
 * In a set, the shown (green, amber or red) row with the smallest denominator,
 * the earliest on ties, is suppressed when exactly one row of the set is
 * suppressed and the row above is not (and when there is no such row but the
 * set adds up to the row above, the row above is suppressed instead); or when
 * the row above is suppressed and no row of the set is, if the set adds up to
 * the row above (team sets need not). "Adds up": the set's numerators and
 * denominators sum to the row above's. A row suppressed here gets rag
 * OV_RAG_SUPPRESSED and suppression OV_SUPP_SECONDARY and keeps its numbers.
 * Returns the number of rows suppressed. Allocates nothing the caller owns. */
size_t ov_disclosure_apply(ov_figure *figs, size_t n);

/* For a run that keeps no team rows: applies to the agency rows of figs[0..n)
 * (the figures of one agency, in any order, before ov_disclosure_apply) all
 * that step 1 of ov_disclosure_apply would do to them, so that the team rows
 * can be dropped first and ov_disclosure_apply, run on the rest, gives every
 * other row exactly as it would with them. Team rows are left as they are.
 * Returns the number of rows suppressed. Allocates nothing the caller owns. */
size_t ov_disclosure_teams_first(ov_figure *figs, size_t n);

#endif
