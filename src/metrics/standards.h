/* standards.h — the supervision standards a partnership applies: targets,
 * amber thresholds and direction per metric (with per-agency overrides), case
 * category intervals, the ASYE schedule, working-day limits, validity windows
 * and assessment review points. Loaded from templates/standards.csv. */
#ifndef OV_METRICS_STANDARDS_H
#define OV_METRICS_STANDARDS_H

#include <stddef.h>

#include "ingest/model.h"
#include "metrics/metric_defs.h"

typedef struct {
    double target, amber;
    int lower_is_better;
} ov_threshold;

typedef struct {
    char *agency_id; /* owned */
    int metric;      /* enum ov_metric_id */
    ov_threshold t;
} ov_threshold_override;

typedef struct {
    ov_threshold metric[OV_M_COUNT];
    ov_threshold_override *overrides;
    size_t noverrides;
    int interval_months[OV_CAT_COUNT];
    int asye_weeks, asye_week_days;           /* 6 x 7 */
    int asye_fortnights, asye_fortnight_days; /* 10 x 14 */
    int notes_working_days;                   /* 5 */
    int rearrange_working_days;               /* 10 */
    int agreement_valid_months;               /* 12 */
    int observation_valid_months;             /* 12 */
    int observation_service_months;           /* 12: in post that long to be due one */
    int safeguarding_training_valid_months;   /* 36 */
    int review_day_early, review_day_late;    /* 8, 20 */
    int suppress_below;                       /* 5 */
    int fill_flag_percent; /* 80: a figure whose optional field is filled in fewer
                              of the rows it counts is flagged (data quality) */
    char *calendar_file;   /* holiday calendar path (resolved), owned */
    char *path;            /* standards file as loaded, owned; NULL = built-in */
    char sha256[65];
} ov_standards;

/* Fills s with the built-in defaults of the spec (no file). */
void ov_standards_defaults(ov_standards *s);
/* Loads a standards CSV over the defaults. The holiday calendar named in it is
 * resolved relative to the file's folder. Returns 0, or -1 with one line in err
 * (file, line, what is wrong, what to do). */
int ov_standards_load(ov_standards *s, const char *path, char *err, size_t errlen);
/* The threshold in force for a metric and agency (agency_id NULL = partnership). */
const ov_threshold *ov_standards_threshold(const ov_standards *s, int metric,
                                           const char *agency_id);
void ov_standards_free(ov_standards *s);

#endif
