/* date.c — day-number dates (days since 1970-01-01) and month arithmetic. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

/* ---- the first day of every month of 1990-2100 ---------------------------- */

/* Day number of the first of month m of year y > 0 as a constant expression:
 * days_from_civil (below) with d = 1, written out so the table is built by the
 * compiler. */
#define CIV_Y(y, m)   ((y) - ((m) <= 2))
#define CIV_YOE(y, m) (CIV_Y(y, m) % 400)
#define MONTH_FIRST(y, m)                                                                          \
    ((CIV_Y(y, m) / 400) * 146097 + CIV_YOE(y, m) * 365 + CIV_YOE(y, m) / 4 -                      \
     CIV_YOE(y, m) / 100 + (153 * ((m) + ((m) > 2 ? -3 : 9)) + 2) / 5 - 719468)
#define YEAR_FIRSTS(y)                                                                             \
    MONTH_FIRST(y, 1), MONTH_FIRST(y, 2), MONTH_FIRST(y, 3), MONTH_FIRST(y, 4), MONTH_FIRST(y, 5), \
        MONTH_FIRST(y, 6), MONTH_FIRST(y, 7), MONTH_FIRST(y, 8), MONTH_FIRST(y, 9),                \
        MONTH_FIRST(y, 10), MONTH_FIRST(y, 11), MONTH_FIRST(y, 12)
#define DECADE_FIRSTS(c)                                                                           \
    YEAR_FIRSTS(c##0), YEAR_FIRSTS(c##1), YEAR_FIRSTS(c##2), YEAR_FIRSTS(c##3), YEAR_FIRSTS(c##4), \
        YEAR_FIRSTS(c##5), YEAR_FIRSTS(c##6), YEAR_FIRSTS(c##7), YEAR_FIRSTS(c##8),                \
        YEAR_FIRSTS(c##9)

/* Months in the table: January 1990 to December 2100, and January 2101 as the
 * end of the last one. */
#define TABLE_MONTHS ((OV_DATE_MAX_YEAR - OV_DATE_MIN_YEAR + 1) * 12)

/* month_first[i]: the first day of month i, counted from January 1990. */
static const ov_date month_first[TABLE_MONTHS + 1] = {
    DECADE_FIRSTS(199),  DECADE_FIRSTS(200), DECADE_FIRSTS(201), DECADE_FIRSTS(202),
    DECADE_FIRSTS(203),  DECADE_FIRSTS(204), DECADE_FIRSTS(205), DECADE_FIRSTS(206),
    DECADE_FIRSTS(207),  DECADE_FIRSTS(208), DECADE_FIRSTS(209), YEAR_FIRSTS(2100),
    MONTH_FIRST(2101, 1)};

/* The table's month of day t (counted from January 1990) when t lies in
 * 1990-2100, else -1. */
static int table_month(ov_date t)
{
    uint32_t off = (uint32_t)t - (uint32_t)month_first[0];
    if (off >= (uint32_t)(month_first[TABLE_MONTHS] - month_first[0]))
        return -1;
    /* months of average length (146097 days are 4800 months) from 1990: off
     * by at most one either way */
    int i = (int)(off * 4800u / 146097u);
    while (month_first[i] > t)
        i--;
    while (month_first[i + 1] <= t)
        i++;
    return i;
}

/* The table's month of y-m (1-12), or -1 outside the table. */
static int table_index(int y, int m)
{
    if (y < OV_DATE_MIN_YEAR || y > OV_DATE_MAX_YEAR || m < 1 || m > 12)
        return -1;
    return (y - OV_DATE_MIN_YEAR) * 12 + (m - 1);
}

/* ---- the formulas (every date, and the table's reference) ----------------- */

/* Returns 1 for a Gregorian leap year. */
static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Day number of y-m-d by formula (Howard Hinnant's days_from_civil). */
static ov_date days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ov_date)(era * 146097 + doe - 719468);
}

/* Splits a day number into year, month and day by formula (civil_from_days). */
static void civil_from_days(ov_date t, int *y, int *m, int *d)
{
    int z = t + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int dd = doy - (153 * mp + 2) / 5 + 1;
    const int mm = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

/* ---- day numbers ------------------------------------------------------------ */

/* Days in month m (1-12) of year y. */
int ov_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int i = table_index(y, m);
    if (i >= 0)
        return month_first[i + 1] - month_first[i];
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Returns 1 when y-m-d exists on the calendar. */
int ov_date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= ov_days_in_month(y, m);
}

/* Day number of y-m-d: from the table of month starts in 1990-2100, else by
 * formula. */
ov_date ov_date_from_ymd(int y, int m, int d)
{
    int i = table_index(y, m);
    if (i >= 0)
        return month_first[i] + (d - 1);
    return days_from_civil(y, m, d);
}

/* Splits a day number into year, month and day. */
void ov_date_to_ymd(ov_date t, int *y, int *m, int *d)
{
    int i = table_month(t);
    if (i < 0) {
        civil_from_days(t, y, m, d);
        return;
    }
    *y = OV_DATE_MIN_YEAR + i / 12;
    *m = i % 12 + 1;
    *d = t - month_first[i] + 1;
}

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
int ov_date_weekday(ov_date t)
{
    int w = (int)((t + 3) % 7);
    return w < 0 ? w + 7 : w;
}

/* Same day n months later, clamped to the target month's last day. */
ov_date ov_add_months(ov_date t, int n)
{
    int i = table_month(t);
    if (i >= 0 && n > -TABLE_MONTHS && n < TABLE_MONTHS && i + n >= 0 && i + n < TABLE_MONTHS) {
        int j = i + n;
        ov_date day = t - month_first[i], last = month_first[j + 1] - month_first[j] - 1;
        return month_first[j] + (day < last ? day : last);
    }
    int y, m, d;
    ov_date_to_ymd(t, &y, &m, &d);
    int idx = y * 12 + (m - 1) + n;
    int ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    int nm = idx - ny * 12 + 1;
    int dim = ov_days_in_month(ny, nm);
    return ov_date_from_ymd(ny, nm, d > dim ? dim : d);
}

/* First day of t's month. */
ov_date ov_month_start(ov_date t)
{
    int i = table_month(t);
    if (i >= 0)
        return month_first[i];
    int y, m, d;
    civil_from_days(t, &y, &m, &d);
    return days_from_civil(y, m, 1);
}

/* Last day of t's month. */
ov_date ov_month_end(ov_date t)
{
    int i = table_month(t);
    if (i >= 0)
        return month_first[i + 1] - 1;
    int y, m, d;
    civil_from_days(t, &y, &m, &d);
    return days_from_civil(y, m, ov_days_in_month(y, m));
}

/* Writes YYYY-MM-DD, or "" for no date. */
char *ov_date_format(ov_date t, char buf[11])
{
    int y, m, d;
    if (t == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    ov_date_to_ymd(t, &y, &m, &d);
    if (y < 0 || y > 9999) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
    return buf;
}

/* Parses exactly YYYY-MM-DD within the accepted years. */
int ov_date_parse_iso(const char *s, ov_date *out)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!ov_date_valid_ymd(y, m, d) || y < OV_DATE_MIN_YEAR || y > OV_DATE_MAX_YEAR)
        return -1;
    *out = ov_date_from_ymd(y, m, d);
    return 0;
}
