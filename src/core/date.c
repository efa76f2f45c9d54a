/* date.c — day-number dates (days since 1970-01-01) and month arithmetic. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

/* Returns 1 for a Gregorian leap year. */
static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
int ov_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Returns 1 when y-m-d exists on the calendar. */
int ov_date_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= ov_days_in_month(y, m);
}

/* Day number of y-m-d (Howard Hinnant's days_from_civil). */
ov_date ov_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ov_date)(era * 146097 + doe - 719468);
}

/* Splits a day number into year, month and day (civil_from_days). */
void ov_date_to_ymd(ov_date t, int *y, int *m, int *d)
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

/* 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
int ov_date_weekday(ov_date t)
{
    int w = (int)((t + 3) % 7);
    return w < 0 ? w + 7 : w;
}

/* Same day n months later, clamped to the target month's last day. */
ov_date ov_add_months(ov_date t, int n)
{
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
    int y, m, d;
    ov_date_to_ymd(t, &y, &m, &d);
    return ov_date_from_ymd(y, m, 1);
}

/* Last day of t's month. */
ov_date ov_month_end(ov_date t)
{
    int y, m, d;
    ov_date_to_ymd(t, &y, &m, &d);
    return ov_date_from_ymd(y, m, ov_days_in_month(y, m));
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
