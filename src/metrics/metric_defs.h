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
    OV_M_AUDIT_GOOD,
    OV_M_AUDIT_CRITERIA,
    OV_M_FEEDBACK_POSITIVE,
    OV_M_WORKFORCE_STABILITY,
    OV_M_INFO_STAFF_IN_SCOPE,
    OV_M_INFO_ADHOC_HELD,
    OV_M_INFO_NOTES_MEDIAN_WD,
    OV_M_INFO_DURATION_MEAN,
    OV_M_INFO_EPISODES_OPEN,
    OV_M_INFO_AUDITS,
    OV_M_INFO_FEEDBACK_RESPONSES,
    OV_M_INFO_STARTERS,
    OV_M_INFO_LEAVERS,
    OV_M_INFO_AGENCIES_COVERED,
    OV_M_COUNT
};
#define OV_M_FIRST_INFO OV_M_INFO_STAFF_IN_SCOPE

/* The areas of the report: the three kinds of count (SPEC 4), the quality
 * evidence and the outcomes (SPEC 7), then the information figures. */
enum ov_metric_area {
    OV_AREA_FREQUENCY,
    OV_AREA_TIMELINESS,
    OV_AREA_COVERAGE,
    OV_AREA_QUALITY,
    OV_AREA_OUTCOMES,
    OV_AREA_INFO
};

/* Where a metric is broken down. */
enum ov_metric_scope {
    OV_SCOPE_STAFF,      /* team, agency and ALL rows (and the fixed groups of
                            ov_metric_def.groups, for agency and ALL) */
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
    /* 1 when the group rows (a case metric's categories, audit_criteria's
     * criteria) add up to the row without group, so that disclosure control
     * treats them as one set (SPEC 9.3 step 2); 0 for groups that overlap
     * (feedback_positive's items: one response answers several), or none. */
    int groups_add_up;
    /* The fixed group rows of a staff metric, written for every agency and
     * ALL whatever the data: group ids (ov_figure.category = the index in
     * this list, an enum ov_audit_criterion or ov_feedback_item) and their
     * plain-words titles; NULL and 0 for none. The case metrics' groups are
     * the categories present instead (see ov_metric_group_name). */
    const char *const *groups;
    const char *const *group_titles;
    int ngroups;
    /* 1 when the figure rests on staff-record dates that describe staff only
     * as they stood when the extract was taken (SPEC 9.2): not covered in
     * trend periods. */
    int snapshot;
    /* The optional field the figure rests on, when it has one whose blanks
     * count against it: the narrative keys dq.field.<id>, dq.rows.<id> and
     * dq.what.<id> name it, the rows it is filled on and what a thin fill
     * blurs (0: none). */
    int fill;
} ov_metric_def;

const ov_metric_def *ov_metric_def_get(enum ov_metric_id m);
/* Metric index for an id string, or -1. */
int ov_metric_find(const char *id);
/* Lower-case area name ("frequency", ..., "quality", "outcomes",
 * "information"); a static string, "" when a is out of range. */
const char *ov_metric_area_name(enum ov_metric_area a);

/* How many group values metric m can have: OV_CAT_COUNT for the case
 * metrics, ngroups for the metrics with fixed groups, 0 for the others. */
int ov_metric_group_count(int m);
/* The group column of metrics.csv for group g of metric m (a case category,
 * a criterion or an item id: ov_figure.category), "" for OV_NONE or out of
 * range; a static string. */
const char *ov_metric_group_name(int m, int g);
/* Plain-words title of group g of a metric with fixed groups ("The record
 * shows reflection and analysis, not only case updates"), or NULL (no fixed
 * groups: the case categories' words are in the narrative, category.*). */
const char *ov_metric_group_title(int m, int g);

#endif
