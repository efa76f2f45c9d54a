/* date.h — calendar dates as day numbers and the date arithmetic of the spec
 * (add_months with month-end clamping). Parsing of extract text is in parse.h. */
#ifndef OV_CORE_DATE_H
#define OV_CORE_DATE_H

#include <stdint.h>

/* Days since 1970-01-01. 0 means "no date": every accepted date lies in
 * 1990-2100, so day 0 is never a real value. */
typedef int32_t ov_date;
#define OV_DATE_NONE     0
#define OV_DATE_MIN_YEAR 1990
#define OV_DATE_MAX_YEAR 2100

/* Returns 1 when y-m-d exists on the Gregorian calendar. */
int ov_date_valid_ymd(int y, int m, int d);
/* Day number of y-m-d (no validation; proleptic Gregorian). */
ov_date ov_date_from_ymd(int y, int m, int d);
void ov_date_to_ymd(ov_date t, int *y, int *m, int *d);
/* Days in month m of year y. */
int ov_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday. */
int ov_date_weekday(ov_date t);
/* Same day of the month n months later (n may be negative), clamped to the
 * last day of the target month: 31 Jan + 1 = 28/29 Feb. */
ov_date ov_add_months(ov_date t, int n);
/* First day of t's month. */
ov_date ov_month_start(ov_date t);
/* Last day of t's month. */
ov_date ov_month_end(ov_date t);
/* Writes YYYY-MM-DD (or "" for OV_DATE_NONE) into buf[11]; returns buf. */
char *ov_date_format(ov_date t, char buf[11]);
/* Parses exactly YYYY-MM-DD (used for command-line and template values).
 * Returns 0 and sets *out, or -1. */
int ov_date_parse_iso(const char *s, ov_date *out);

#endif
