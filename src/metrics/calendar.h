/* calendar.h — bank holidays, working days and reporting periods. */
#ifndef OV_METRICS_CALENDAR_H
#define OV_METRICS_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

/* Working-day calendar over 1990-2100: Monday-Friday that are not holidays.
 * Built once; lookups are O(1). The calendar owns its arrays. */
typedef struct {
    ov_date first, last; /* covered range */
    int32_t *cum;        /* cum[i] = working days in [first, first+i] */
    ov_date *nth;        /* nth[k] = the (k+1)-th working day from first; nworking of them */
    int32_t nworking;
    ov_date *holidays; /* sorted */
    size_t nholidays;
    ov_date holidays_first, holidays_last; /* span the holiday file covers */
    char sha256[65];                       /* of the holiday file */
} ov_calendar;

/* Loads a holiday CSV (column "date", ISO dates; other columns ignored).
 * Returns 0, or -1 with a one-line reason in err. */
int ov_calendar_load(ov_calendar *c, const char *path, char *err, size_t errlen);
/* A calendar with the given holidays (for tests). */
void ov_calendar_init(ov_calendar *c, const ov_date *holidays, size_t n);
void ov_calendar_free(ov_calendar *c);
int ov_calendar_is_working_day(const ov_calendar *c, ov_date d);
/* ov_add_working_days and ov_working_days_between for any days, the
 * calendar's range or not. */
ov_date ov_calendar_add_any(const ov_calendar *c, ov_date d, int n);
int ov_calendar_between_any(const ov_calendar *c, ov_date a, ov_date b);

/* The n-th working day after d (d itself never counts); n >= 0 (n = 0 gives
 * d). Read from the calendar's tables inline when d and that day lie in them. */
static inline ov_date ov_add_working_days(const ov_calendar *c, ov_date d, int n)
{
    if (n > 0 && c->cum && c->nth && d >= c->first && d <= c->last) {
        int64_t target = (int64_t)c->cum[d - c->first] + n;
        if (target <= c->nworking)
            return c->nth[target - 1];
    }
    return ov_calendar_add_any(c, d, n);
}

/* Working days in (a, b]: 0 when b <= a. Read from the calendar's table
 * inline when both days lie in it. */
static inline int ov_working_days_between(const ov_calendar *c, ov_date a, ov_date b)
{
    if (c->cum && b > a && a >= c->first && b <= c->last)
        return c->cum[b - c->first] - c->cum[a - c->first];
    return ov_calendar_between_any(c, a, b);
}

/* A reporting period [start, end], both inclusive. */
typedef struct {
    ov_date start, end;
    int months;     /* > 0 when made of whole calendar months */
    char label[32]; /* as a person reads it: "2025-26", "2025-26 Q3", "March 2026",
                       "1 Oct 2025 to 31 Dec 2025" */
} ov_period;

/* Parses START:END, YYYY-YY (financial year), YYYY-YY-Qn, YYYY-MM. Returns 0, or
 * -1 with a one-line reason in err. */
int ov_period_parse(const char *s, ov_period *p, char *err, size_t errlen);
/* The period k steps before p (k >= 1): whole months step back by p->months,
 * otherwise by the period's length in days. */
ov_period ov_period_previous(const ov_period *p, int k);

/* The columns of a quarter-by-quarter table beside a report period. */
enum ov_view_kind {
    OV_VIEW_QUARTER,   /* a quarter of the financial year, up to the report period */
    OV_VIEW_YTD,       /* the financial year to the end of the report quarter */
    OV_VIEW_LAST_YEAR, /* the same quarter a year before */
    OV_VIEW_YEAR       /* the financial year itself (when it is the report period) */
};
#define OV_MAX_VIEWS 6
/* The periods a quarter-by-quarter table shows for p, oldest quarter first:
 * for a financial quarter Qn, Q1..Qn of its year, the year to date and Qn a
 * year before; for a financial year, its four quarters and the year. Labels
 * as ov_period_parse gives them ("2025-26 Q1"; the year to date "2025-26 to
 * date"). Returns how many (0 when p is neither a financial quarter nor a
 * financial year), each with its kind. */
size_t ov_period_views(const ov_period *p, ov_period out[OV_MAX_VIEWS],
                       enum ov_view_kind kind[OV_MAX_VIEWS]);

#endif
