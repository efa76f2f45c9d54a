/* calendar.c — the working-day calendar (Monday-Friday less the bank holidays of
 * a holiday CSV) with O(1) counting over 1990-2100 through a cumulative array,
 * and reporting periods: parsing START:END, financial years, financial quarters
 * and calendar months (through the field parser ov_parse_period), their labels,
 * and the earlier periods used for trends. */
#include "metrics/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"

static const char *const month_long[12] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
static const char *const month_short[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ---- working days ------------------------------------------------------- */

/* Floor division for a possibly negative numerator and positive divisor. */
static int32_t floor_div(int32_t a, int32_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Monday-Friday days in [1969-12-29, t] (negative before it): a monotone count
 * whose step on day t is 1 exactly when t is a weekday. */
static int32_t weekdays_upto(ov_date t)
{
    const int32_t monday = -3; /* 1969-12-29 was a Monday */
    int32_t off = t - monday;
    int32_t weeks = floor_div(off, 7);
    int32_t rem = off - weeks * 7; /* 0 = Monday ... 6 = Sunday */
    return weeks * 5 + (rem < 5 ? rem + 1 : 5);
}

/* Compares two dates for qsort. */
static int cmp_date(const void *a, const void *b)
{
    ov_date x = *(const ov_date *)a, y = *(const ov_date *)b;
    return (x > y) - (x < y);
}

/* Returns 1 when d is in the sorted holiday list. */
static int is_holiday(const ov_calendar *c, ov_date d)
{
    return c->nholidays > 0 &&
           bsearch(&d, c->holidays, c->nholidays, sizeof(ov_date), cmp_date) != NULL;
}

/* Working days in [first, t] for t inside the covered range; outside it the count
 * continues with weekdays only (no holidays are known there), so the function is
 * monotone and steps by 1 exactly on working days. */
static int64_t working_upto(const ov_calendar *c, ov_date t)
{
    if (!c->cum)
        return weekdays_upto(t);
    if (t < c->first)
        return (int64_t)weekdays_upto(t) - weekdays_upto(c->first - 1);
    if (t > c->last)
        return (int64_t)c->cum[c->last - c->first] + weekdays_upto(t) - weekdays_upto(c->last);
    return c->cum[t - c->first];
}

/* Builds a calendar over 1990-01-01..2100-12-31 with the given holidays (copied,
 * sorted, duplicates dropped). The calendar owns its arrays; sha256 is "". */
void ov_calendar_init(ov_calendar *c, const ov_date *holidays, size_t n)
{
    memset(c, 0, sizeof(*c));
    c->first = ov_date_from_ymd(OV_DATE_MIN_YEAR, 1, 1);
    c->last = ov_date_from_ymd(OV_DATE_MAX_YEAR, 12, 31);
    if (n > 0) {
        c->holidays = ov_xmalloc(n * sizeof(ov_date));
        memcpy(c->holidays, holidays, n * sizeof(ov_date));
        qsort(c->holidays, n, sizeof(ov_date), cmp_date);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (k == 0 || c->holidays[k - 1] != c->holidays[i])
                c->holidays[k++] = c->holidays[i];
        c->nholidays = k;
        int y, m, d;
        ov_date_to_ymd(c->holidays[0], &y, &m, &d);
        c->holidays_first = ov_date_from_ymd(y, 1, 1);
        ov_date_to_ymd(c->holidays[k - 1], &y, &m, &d);
        c->holidays_last = ov_date_from_ymd(y, 12, 31);
    }
    size_t days = (size_t)(c->last - c->first + 1);
    c->cum = ov_xmalloc(days * sizeof(int32_t));
    int32_t run = 0;
    size_t h = 0;
    while (h < c->nholidays && c->holidays[h] < c->first)
        h++;
    for (size_t i = 0; i < days; i++) {
        ov_date d = c->first + (ov_date)i;
        int hol = h < c->nholidays && c->holidays[h] == d;
        if (hol)
            h++;
        if (!hol && ov_date_weekday(d) < 5)
            run++;
        c->cum[i] = run;
    }
    /* the other way round: working day k's date, for ov_add_working_days */
    c->nworking = run;
    c->nth = ov_xmalloc((run ? (size_t)run : 1) * sizeof(ov_date));
    for (size_t i = 0; i < days; i++)
        if (i == 0 ? c->cum[0] == 1 : c->cum[i] > c->cum[i - 1])
            c->nth[c->cum[i] - 1] = c->first + (ov_date)i;
}

/* Frees the calendar's arrays and leaves it empty; accepts NULL. */
void ov_calendar_free(ov_calendar *c)
{
    if (!c)
        return;
    free(c->cum);
    free(c->nth);
    free(c->holidays);
    memset(c, 0, sizeof(*c));
}

/* Returns 1 when d is Monday-Friday and not a holiday. */
int ov_calendar_is_working_day(const ov_calendar *c, ov_date d)
{
    if (ov_date_weekday(d) >= 5)
        return 0;
    return !is_holiday(c, d);
}

/* Working days in (a, b]; 0 when b <= a. O(1). */
int ov_calendar_between_any(const ov_calendar *c, ov_date a, ov_date b)
{
    if (b <= a)
        return 0;
    return (int)(working_upto(c, b) - working_upto(c, a));
}

/* The n-th working day after d: the first x > d with n working days in (d, x].
 * Inside the covered range ov_add_working_days reads it from the table of
 * working days; for the rest, exponential then binary search over the
 * monotone count. */
ov_date ov_calendar_add_any(const ov_calendar *c, ov_date d, int n)
{
    if (n <= 0)
        return d;
    int64_t target = working_upto(c, d) + n;
    ov_date lo = d, hi = d + n + n / 2 + 4; /* working_upto(lo) < target */
    while (working_upto(c, hi) < target) {
        lo = hi;
        hi = d + 2 * (hi - d);
    }
    while (hi - lo > 1) {
        ov_date mid = lo + (hi - lo) / 2;
        if (working_upto(c, mid) >= target)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* ---- loading a holiday CSV ---------------------------------------------- */

typedef struct {
    const char *path;
    int col; /* index of the date column, -1 until the header is read */
    ov_date *dates;
    size_t n, cap;
    char *err;
    size_t errlen;
    int failed;
} load_ctx;

/* Copies at most 40 bytes of a field for quoting in a message. */
static void excerpt(const char *s, size_t len, char out[48])
{
    size_t n = len > 40 ? 40 : len;
    memcpy(out, s, n);
    strcpy(out + n, len > 40 ? "..." : "");
}

/* csvread callback: finds the date column, then collects one date per row. */
static int load_record(const ov_csv_record *rec, void *vctx)
{
    load_ctx *x = vctx;
    if (rec->error) {
        snprintf(x->err, x->errlen,
                 "%s, line %lu: a quoted field is not closed properly; re-save the holiday "
                 "file as CSV",
                 x->path, rec->line);
        x->failed = 1;
        return 1;
    }
    if (rec->index == 0) {
        for (size_t i = 0; i < rec->nfields; i++) {
            char norm[16];
            size_t nl = ov_normalise(rec->field[i], rec->len[i], norm, sizeof(norm));
            if (nl == 4 && strcmp(norm, "date") == 0) {
                x->col = (int)i;
                break;
            }
        }
        if (x->col < 0) {
            snprintf(x->err, x->errlen,
                     "%s, line %lu: no \"date\" column in the header; the holiday file needs "
                     "a header line starting date,name",
                     x->path, rec->line);
            x->failed = 1;
            return 1;
        }
        return 0;
    }
    int blank = 1;
    for (size_t i = 0; i < rec->nfields && blank; i++) {
        size_t tl;
        ov_trim(rec->field[i], rec->len[i], &tl);
        blank = tl == 0;
    }
    if (blank)
        return 0;
    const char *f = (size_t)x->col < rec->nfields ? rec->field[x->col] : "";
    size_t fl = (size_t)x->col < rec->nfields ? rec->len[x->col] : 0;
    ov_date d;
    enum ov_parse_result r = ov_parse_date(f, fl, &d);
    if (r != OV_PARSE_OK) {
        char ex[48];
        excerpt(f, fl, ex);
        if (r == OV_PARSE_EMPTY)
            snprintf(x->err, x->errlen,
                     "%s, line %lu: the date is blank; give each holiday's date as YYYY-MM-DD",
                     x->path, rec->line);
        else
            snprintf(x->err, x->errlen,
                     "%s, line %lu: \"%s\" is not a date in 1990-2100; give each holiday's "
                     "date as YYYY-MM-DD",
                     x->path, rec->line, ex);
        x->failed = 1;
        return 1;
    }
    *OV_PUSH(x->dates, x->n, x->cap) = d;
    return 0;
}

/* Loads a holiday CSV and builds the calendar. Returns 0, or -1 with a one-line
 * reason in err (c is then empty). */
int ov_calendar_load(ov_calendar *c, const char *path, char *err, size_t errlen)
{
    load_ctx x = {path, -1, NULL, 0, 0, err, errlen, 0};
    ov_csv_info info;
    int rc = -1;
    memset(c, 0, sizeof(*c));
    enum ov_csv_error e = ov_csv_read_file(path, load_record, &x, &info);
    if (x.failed)
        goto done;
    if (e != OV_CSV_OK) {
        snprintf(err, errlen, "%s: %s; check the holiday calendar named in the standards file",
                 path, ov_csv_strerror(e));
        goto done;
    }
    if (x.col < 0 || x.n == 0) {
        snprintf(err, errlen,
                 "%s: no holiday dates found; list one date per line under a "
                 "date,name header",
                 path);
        goto done;
    }
    ov_calendar_init(c, x.dates, x.n);
    if (ov_sha256_file(path, c->sha256, NULL) != 0) {
        ov_calendar_free(c);
        snprintf(err, errlen, "%s: cannot be read again to fingerprint it; check the file", path);
        goto done;
    }
    rc = 0;
done:
    free(x.dates);
    return rc;
}

/* ---- periods ------------------------------------------------------------ */

/* Writes "1 Oct 2025". */
static void day_label(ov_date t, char *out, size_t cap)
{
    int y, m, d;
    ov_date_to_ymd(t, &y, &m, &d);
    snprintf(out, cap, "%d %s %d", d, month_short[m - 1], y);
}

/* The label of a period as given by dates: "1 Oct 2025 to 31 Dec 2025". */
static void custom_label(ov_period *p)
{
    char a[24], b[24];
    day_label(p->start, a, sizeof(a));
    if (p->start == p->end) {
        snprintf(p->label, sizeof(p->label), "%s", a);
        return;
    }
    day_label(p->end, b, sizeof(b));
    char both[64];
    snprintf(both, sizeof(both), "%s to %s", a, b);
    snprintf(p->label, sizeof(p->label), "%.31s", both);
}

/* The label for a period's shape: "2025-26", "2025-26 Q3", "March 2026", or the
 * date form when it is none of these. */
static void shape_label(ov_period *p)
{
    int ys, ms, ds, ye, me, de;
    ov_date_to_ymd(p->start, &ys, &ms, &ds);
    ov_date_to_ymd(p->end, &ye, &me, &de);
    if (p->months == 12 && ms == 4) {
        snprintf(p->label, sizeof(p->label), "%04d-%02d", ys, (ys + 1) % 100);
    } else if (p->months == 3 && (ms - 1) % 3 == 0) {
        int fy = ms >= 4 ? ys : ys - 1;
        int q = ms >= 4 ? (ms - 4) / 3 + 1 : 4;
        snprintf(p->label, sizeof(p->label), "%04d-%02d Q%d", fy, (fy + 1) % 100, q);
    } else if (p->months == 1) {
        snprintf(p->label, sizeof(p->label), "%s %d", month_long[ms - 1], ys);
    } else {
        custom_label(p);
    }
}

/* Number of whole calendar months in [start, end], or 0 when it is not made of
 * whole months. */
static int whole_months(ov_date start, ov_date end)
{
    int ys, ms, ds, ye, me, de;
    ov_date_to_ymd(start, &ys, &ms, &ds);
    ov_date_to_ymd(end, &ye, &me, &de);
    if (ds != 1 || end != ov_month_end(end) || end < start)
        return 0;
    return (ye - ys) * 12 + (me - ms) + 1;
}

/* Sets p to [start, end] and its month count. */
static void set_range(ov_period *p, ov_date start, ov_date end)
{
    p->start = start;
    p->end = end;
    p->months = whole_months(start, end);
}

/* Parses START:END, YYYY-YY, YYYY-YY-Qn or YYYY-MM (surrounding spaces ignored)
 * through the field parser, then gives the period its month count and label.
 * Returns 0, or -1 with a one-line reason in err. */
int ov_period_parse(const char *s, ov_period *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof(*p));
    if (!s)
        s = "";
    ov_date start, end;
    enum ov_period_form form;
    if (ov_parse_period(s, strlen(s), &start, &end, &form, err, errlen) != OV_PARSE_OK)
        return -1;
    set_range(p, start, end);
    if (form == OV_PERIOD_DATES)
        custom_label(p);
    else
        shape_label(p);
    return 0;
}

/* The period k steps before p (k >= 1; k <= 0 gives p). Whole-month periods step
 * back by their number of months, others by their length in days. The label keeps
 * the form p was given in: a financial year, quarter or month gets the same kind
 * of label, a START:END period the date form. */
ov_period ov_period_previous(const ov_period *p, int k)
{
    ov_period q = *p;
    if (k <= 0)
        return q;
    if (p->months > 0) {
        ov_date start = ov_add_months(p->start, -k * p->months);
        set_range(&q, start, ov_month_end(ov_add_months(start, p->months - 1)));
    } else {
        ov_date len = p->end - p->start + 1;
        set_range(&q, p->start - (ov_date)k * len, p->end - (ov_date)k * len);
    }
    ov_period given = *p;
    shape_label(&given);
    if (strcmp(given.label, p->label) == 0)
        shape_label(&q);
    else
        custom_label(&q);
    return q;
}

/* The quarter q (1..4) of the financial year starting in April of fy. */
static ov_period fy_quarter(int fy, int q)
{
    ov_period p;
    memset(&p, 0, sizeof p);
    ov_date start = ov_add_months(ov_date_from_ymd(fy, 4, 1), 3 * (q - 1));
    set_range(&p, start, ov_month_end(ov_add_months(start, 2)));
    shape_label(&p);
    return p;
}

/* The periods of a quarter-by-quarter table for p; see calendar.h. */
size_t ov_period_views(const ov_period *p, ov_period out[OV_MAX_VIEWS],
                       enum ov_view_kind kind[OV_MAX_VIEWS])
{
    ov_period shaped = *p;
    shape_label(&shaped);
    if (strcmp(shaped.label, p->label) != 0)
        return 0; /* given as dates: no financial quarters to show */
    int y, m, d;
    ov_date_to_ymd(p->start, &y, &m, &d);
    size_t n = 0;
    if (p->months == 12 && m == 4) {
        for (int q = 1; q <= 4; q++) {
            kind[n] = OV_VIEW_QUARTER;
            out[n++] = fy_quarter(y, q);
        }
        kind[n] = OV_VIEW_YEAR;
        out[n++] = *p;
        return n;
    }
    if (p->months != 3 || (m - 1) % 3 != 0)
        return 0;
    int fy = m >= 4 ? y : y - 1, q = m >= 4 ? (m - 4) / 3 + 1 : 4;
    for (int k = 1; k <= q; k++) {
        kind[n] = OV_VIEW_QUARTER;
        out[n++] = fy_quarter(fy, k);
    }
    kind[n] = OV_VIEW_YTD;
    memset(&out[n], 0, sizeof out[n]);
    set_range(&out[n], ov_date_from_ymd(fy, 4, 1), p->end);
    snprintf(out[n].label, sizeof out[n].label, "%04d-%02d to date", fy, (fy + 1) % 100);
    n++;
    kind[n] = OV_VIEW_LAST_YEAR;
    out[n++] = fy_quarter(fy - 1, q);
    return n;
}
