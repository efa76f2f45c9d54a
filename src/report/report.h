/* report.h — what the board-report renderers (XLSX, PDF) are given: the loaded
 * data, the computed figures and the run's settings. Renderers only read it;
 * the context and everything it points to are owned by the caller. */
#ifndef OV_REPORT_REPORT_H
#define OV_REPORT_REPORT_H

#include "history/history.h"
#include "ingest/model.h"
#include "metrics/calendar.h"
#include "metrics/metrics.h"
#include "metrics/standards.h"

typedef struct {
    const ov_data *data;
    const ov_results *results; /* periods[0] is the report period */
    /* The figures of the quarter-by-quarter tables (ov_period_views), NULL when
     * the report period is neither a financial quarter nor a year; the kind of
     * each period and the run date its figures taken from the history were
     * reported on (OV_DATE_NONE: none). */
    const ov_results *views;
    const enum ov_view_kind *view_kinds;
    const ov_date *view_reported_on;
    const ov_standards *standards;
    const ov_calendar *calendar;
    const char *title;               /* partnership name (or --title) */
    const char *author;              /* --author, may be NULL */
    const char *marking;             /* protective marking, default OFFICIAL-SENSITIVE */
    const char *version;             /* program version */
    const char *templates_dir;       /* narrative templates live here */
    ov_date run_date;                /* --as-of / SOURCE_DATE_EPOCH / today */
    int32_t agency_focus;            /* --agency: agency index, or OV_NONE for the pack */
    const ov_exceptions *exceptions; /* with --agency: the staff and children behind the
                                        figures; NULL for the partnership pack */
    int suppress_below;
    int trend; /* number of periods in results */
    /* With --history: the run dates of the runs read for the trend periods
     * and the restatements (SPEC 8.1); NULL without. */
    const ov_history_findings *history;
} ov_report_ctx;

#endif
