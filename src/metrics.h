/* metrics.h — every figure of the spec computed from the loaded data: per team,
 * per agency and for the partnership (ALL) by pooling numerators and
 * denominators, RAG-rated against the standards. */
#ifndef OV_METRICS_H
#define OV_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "metric_defs.h"
#include "model.h"
#include "standards.h"

enum ov_rag { OV_RAG_GREEN, OV_RAG_AMBER, OV_RAG_RED, OV_RAG_SUPPRESSED, OV_RAG_NO_DATA,
              OV_RAG_INFO };
const char *ov_rag_name(enum ov_rag r);

#define OV_ALL (-1)

/* One figure: one row of metrics.csv. */
typedef struct {
    uint16_t period;         /* index into ov_results.periods (0 = the report period) */
    uint8_t metric;          /* enum ov_metric_id */
    int8_t category;         /* enum ov_category, or OV_NONE */
    int32_t agency;          /* agency index, or OV_ALL */
    int32_t team;            /* team index within the agency, or OV_NONE */
    int64_t num, den;        /* for info rows both 0 */
    int has_value;           /* info rows: value present */
    double value;            /* percentage (exact fraction x 100) or the info figure */
    ov_threshold threshold;  /* in force for this row */
    uint8_t rag;             /* enum ov_rag */
} ov_figure;

typedef struct {
    ov_period *periods;      /* [0] = report period, then earlier ones */
    size_t nperiods;
    ov_figure *figs;         /* sorted as metrics.csv is written */
    size_t nfigs, cap_figs;
    uint32_t *slots;         /* lookup index for ov_results_find: 0 empty, else figure+1 */
    size_t nslots;
} ov_results;

typedef struct {
    const ov_standards *standards;
    const ov_calendar *calendar;
    int suppress_below;      /* denominators below this are suppressed */
} ov_metrics_config;

/* Computes every figure for p and its trend-1 earlier periods (trend >= 1).
 * Returns 0, or -1 on an internal error. The results own their arrays. */
int ov_metrics_compute(const ov_data *d, const ov_period *p, int trend,
                       const ov_metrics_config *cfg, ov_results *out);
/* RAG of num/den against t, honouring suppression and no data. */
enum ov_rag ov_metrics_rag(int64_t num, int64_t den, const ov_threshold *t, int suppress_below);
/* value as printed: the exact fraction x 100 rounded half-up to one decimal,
 * written into buf ("" when den == 0). */
char *ov_metrics_format_pct(int64_t num, int64_t den, char buf[16]);
/* The figure for (period, metric, agency, team, category) or NULL; O(1). */
const ov_figure *ov_results_find(const ov_results *r, int period, int metric, int32_t agency,
                                 int32_t team, int category);
void ov_results_free(ov_results *r);

#endif
