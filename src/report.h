/* report.h — what the board-report renderers (XLSX, PDF) are given: the loaded
 * data, the computed figures and the run's settings. Renderers only read it. */
#ifndef OV_REPORT_H
#define OV_REPORT_H

#include "calendar.h"
#include "metrics.h"
#include "model.h"
#include "standards.h"

typedef struct {
    const ov_data *data;
    const ov_results *results; /* periods[0] is the report period */
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
} ov_report_ctx;

/* Writes DIR/NAME.xlsx atomically. Returns 0, or -1 after a message via ov_err. */
int ov_xlsx_write(const ov_report_ctx *ctx, const char *dir, const char *name);
/* Writes DIR/NAME.pdf atomically. Returns 0, or -1 after a message via ov_err. */
int ov_pdf_write(const ov_report_ctx *ctx, const char *dir, const char *name);

#endif
