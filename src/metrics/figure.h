/* figure.h — one figure of the results (one row of metrics.csv): its key, its
 * numbers, the threshold in force, its RAG, where it came from and how it was
 * suppressed. The metrics engine fills these; disclosure control and the
 * renderers read them. Types only: nothing here allocates. */
#ifndef OV_METRICS_FIGURE_H
#define OV_METRICS_FIGURE_H

#include <stdint.h>

#include "metrics/standards.h"

enum ov_rag {
    OV_RAG_GREEN,
    OV_RAG_AMBER,
    OV_RAG_RED,
    OV_RAG_SUPPRESSED,
    OV_RAG_NO_DATA,
    OV_RAG_NOT_COVERED, /* the agency's extract does not cover the period (SPEC 9.1, 9.2) */
    OV_RAG_INFO,
    OV_RAG_COUNT
};

/* Where a figure's numbers come from. */
enum ov_figure_source {
    OV_SRC_EXTRACT, /* worked out from the extracts of this run */
    OV_SRC_HISTORY  /* the figure reported for that period, supplied by the history
                       lookup of ov_metrics_config (SPEC 8.1) */
};

/* Why a figure is suppressed (rag OV_RAG_SUPPRESSED), if it is. */
enum ov_suppression {
    OV_SUPP_NONE,
    OV_SUPP_PRIMARY,  /* its denominator is below the threshold (SPEC 4) */
    OV_SUPP_SECONDARY /* so that another suppressed figure cannot be recovered by
                         subtraction (SPEC 9.3, metrics/disclosure.h) */
};

#define OV_ALL (-1)

/* One figure: one row of metrics.csv. A not_covered figure has num = den = 0
 * and no value (metrics.csv prints them blank). */
typedef struct {
    uint16_t period;        /* index into ov_results.periods (0 = the report period) */
    uint8_t metric;         /* enum ov_metric_id */
    int8_t category;        /* the group: an enum ov_category for the case metrics, the
                               index of a fixed group otherwise (enum ov_audit_criterion
                               for audit_criteria, ov_feedback_item for
                               feedback_positive; ov_metric_group_name), or OV_NONE */
    int32_t agency;         /* agency index, or OV_ALL */
    int32_t team;           /* team index within the agency, or OV_NONE */
    int64_t num, den;       /* for info rows both 0 */
    int has_value;          /* info rows: value present */
    double value;           /* percentage (exact fraction x 100) or the info figure */
    ov_threshold threshold; /* in force for this row */
    uint8_t rag;            /* enum ov_rag */
    uint8_t source;         /* enum ov_figure_source */
    uint8_t suppression;    /* enum ov_suppression */
    /* The rows the figure counts and how many of them fill the optional field
     * it rests on (ov_metric_def.fill); both 0 when it rests on none, for a
     * group row and for a figure taken from the history. metrics.csv does
     * not print them: the report flags a figure whose field is thinly filled. */
    int64_t fill_num, fill_den;
} ov_figure;

#endif
