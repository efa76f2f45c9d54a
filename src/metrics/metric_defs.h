/* metric_defs.h — the catalogue of metrics: ids, areas, direction and the
 * plain-words definitions used by every renderer. */
#ifndef OV_METRICS_METRIC_DEFS_H
#define OV_METRICS_METRIC_DEFS_H

#include <stddef.h>

enum ov_metric_id {
    OV_M_SUPERVISION_FREQUENCY,
    OV_M_STAFF_FULLY_COMPLIANT,
    OV_M_STAFF_SUPERVISED,
    OV_M_NOTES_TIMELY,
    OV_M_NOTES_SHARED,
    OV_M_CANCELLATION_RATE,
    OV_M_CANCELLED_REARRANGED,
    OV_M_FUNCTIONS_BALANCE,
    OV_M_AGREEMENT_CURRENT,
    OV_M_OBSERVATION_CURRENT,
    OV_M_SUPERVISOR_TRAINED,
    OV_M_CASE_OVERSIGHT_CURRENT,
    OV_M_CASE_OVERSIGHT_PERIOD,
    OV_M_ASSESSMENT_DAY8,
    OV_M_ASSESSMENT_DAY20,
    OV_M_GROUP_SUPERVISION_MONTHLY,
    OV_M_INFO_STAFF_IN_SCOPE,
    OV_M_INFO_ADHOC_HELD,
    OV_M_INFO_NOTES_MEDIAN_WD,
    OV_M_INFO_DURATION_MEAN,
    OV_M_INFO_EPISODES_OPEN,
    OV_M_INFO_AGENCIES_COVERED,
    OV_M_COUNT
};
#define OV_M_FIRST_INFO OV_M_INFO_STAFF_IN_SCOPE

enum ov_metric_area { OV_AREA_FREQUENCY, OV_AREA_TIMELINESS, OV_AREA_COVERAGE, OV_AREA_INFO };

/* Where a metric is broken down. */
enum ov_metric_scope {
    OV_SCOPE_STAFF,      /* team, agency and ALL rows */
    OV_SCOPE_CASE,       /* agency, ALL and per-category rows */
    OV_SCOPE_ASSESSMENT, /* agency and ALL rows */
    OV_SCOPE_INFO,       /* agency and ALL, value only */
    OV_SCOPE_INFO_ALL    /* ALL only, value only */
};

typedef struct {
    const char *id;    /* "supervision_frequency" */
    const char *title; /* "Supervision frequency" */
    enum ov_metric_area area;
    enum ov_metric_scope scope;
    int lower_is_better;     /* default direction */
    double target, amber;    /* defaults */
    const char *numerator;   /* plain words */
    const char *denominator; /* plain words */
    const char *definition;  /* one paragraph, plain words */
    /* 1 when the group rows (a case metric's categories) add up to the row
     * without group, so that disclosure control treats them as one set
     * (SPEC 9.3 step 2); 0 for groups that overlap, or no groups. */
    int groups_add_up;
    /* 1 when the figure rests on staff-record dates that describe staff only
     * as they stood when the extract was taken (SPEC 9.2): not covered in
     * trend periods. */
    int snapshot;
} ov_metric_def;

const ov_metric_def *ov_metric_def_get(enum ov_metric_id m);
/* Metric index for an id string, or -1. */
int ov_metric_find(const char *id);
const char *ov_metric_area_name(enum ov_metric_area a);

#endif
