/* test_date.c — day-number dates: conversion both ways, validity, weekdays,
 * add_months with month-end and leap-year clamping, month bounds, formatting
 * and strict ISO parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

/* Builds a date from y-m-d (test shorthand). */
static ov_date D(int y, int m, int d)
{
    return ov_date_from_ymd(y, m, d);
}

/* Asserts that t is y-m-d. */
static void assert_ymd(ov_date t, int y, int m, int d)
{
    int yy, mm, dd;
    ov_date_to_ymd(t, &yy, &mm, &dd);
    assert_int_equal(yy, y);
    assert_int_equal(mm, m);
    assert_int_equal(dd, d);
}

static void test_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(D(1970, 1, 1), 0);
    assert_int_equal(D(1970, 1, 2), 1);
    assert_int_equal(D(1969, 12, 31), -1);
    assert_int_equal(D(2000, 1, 1), 10957);
    assert_int_equal(D(2025, 10, 1), 20362);
    assert_int_equal(D(1990, 1, 1), 7305);
    assert_int_equal(D(2100, 12, 31), 47846);
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    /* every day 1990-01-01..2100-12-31 converts back, consecutively */
    ov_date t = D(1990, 1, 1);
    for (int y = 1990; y <= 2100; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= ov_days_in_month(y, m); d++, t++) {
                assert_int_equal(D(y, m, d), t);
                int yy, mm, dd;
                ov_date_to_ymd(t, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("day %d does not round-trip to %d-%d-%d", (int)t, y, m, d);
            }
    assert_int_equal(t, D(2101, 1, 1));
}

static void test_valid_and_days_in_month(void **state)
{
    (void)state;
    assert_true(ov_date_valid_ymd(2024, 2, 29));
    assert_false(ov_date_valid_ymd(2025, 2, 29));
    assert_true(ov_date_valid_ymd(2000, 2, 29));
    assert_false(ov_date_valid_ymd(2100, 2, 29));
    assert_false(ov_date_valid_ymd(2025, 13, 1));
    assert_false(ov_date_valid_ymd(2025, 0, 1));
    assert_false(ov_date_valid_ymd(2025, 4, 31));
    assert_false(ov_date_valid_ymd(2025, 1, 0));
    assert_true(ov_date_valid_ymd(2025, 12, 31));
    assert_int_equal(ov_days_in_month(2024, 2), 29);
    assert_int_equal(ov_days_in_month(2026, 2), 28);
    assert_int_equal(ov_days_in_month(2100, 2), 28);
    assert_int_equal(ov_days_in_month(2000, 2), 29);
    assert_int_equal(ov_days_in_month(2025, 9), 30);
    assert_int_equal(ov_days_in_month(2025, 12), 31);
    assert_int_equal(ov_days_in_month(2025, 13), 0);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(ov_date_weekday(D(1970, 1, 1)), 3);   /* Thursday */
    assert_int_equal(ov_date_weekday(D(1969, 12, 29)), 0); /* Monday, before day 0 */
    assert_int_equal(ov_date_weekday(D(2025, 12, 25)), 3); /* Thursday */
    assert_int_equal(ov_date_weekday(D(2025, 12, 27)), 5); /* Saturday */
    assert_int_equal(ov_date_weekday(D(2025, 12, 28)), 6); /* Sunday */
    assert_int_equal(ov_date_weekday(D(2026, 1, 5)), 0);   /* Monday */
    assert_int_equal(ov_date_weekday(D(1990, 1, 1)), 0);   /* Monday */
    assert_int_equal(ov_date_weekday(D(2100, 12, 31)), 4); /* Friday */
    /* consecutive days cycle through the week */
    for (ov_date t = D(2024, 1, 1); t < D(2024, 3, 1); t++)
        assert_int_equal(ov_date_weekday(t + 1), (ov_date_weekday(t) + 1) % 7);
}

static void test_add_months_clamps_month_end(void **state)
{
    (void)state;
    assert_ymd(ov_add_months(D(2026, 1, 31), 1), 2026, 2, 28);
    assert_ymd(ov_add_months(D(2028, 1, 31), 1), 2028, 2, 29);
    assert_ymd(ov_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
    assert_ymd(ov_add_months(D(2024, 2, 29), 48), 2028, 2, 29);
    assert_ymd(ov_add_months(D(2025, 8, 31), 1), 2025, 9, 30);
    assert_ymd(ov_add_months(D(2025, 10, 31), 2), 2025, 12, 31);
    assert_ymd(ov_add_months(D(2025, 11, 30), 3), 2026, 2, 28);
    assert_ymd(ov_add_months(D(2025, 8, 20), 2), 2025, 10, 20);
    assert_ymd(ov_add_months(D(2025, 12, 15), 1), 2026, 1, 15);
    assert_ymd(ov_add_months(D(2024, 1, 10), 36), 2027, 1, 10);
    assert_int_equal(ov_add_months(D(2025, 5, 17), 0), D(2025, 5, 17));
}

static void test_add_months_negative(void **state)
{
    (void)state;
    assert_ymd(ov_add_months(D(2026, 3, 31), -1), 2026, 2, 28);
    assert_ymd(ov_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
    assert_ymd(ov_add_months(D(2025, 12, 31), -12), 2024, 12, 31);
    assert_ymd(ov_add_months(D(2025, 1, 15), -13), 2023, 12, 15);
    assert_ymd(ov_add_months(D(2025, 1, 31), -2), 2024, 11, 30);
    assert_ymd(ov_add_months(D(2025, 2, 28), -12), 2024, 2, 28);
    assert_ymd(ov_add_months(D(2025, 4, 1), -24), 2023, 4, 1);
    assert_ymd(ov_add_months(D(1990, 1, 1), -1), 1989, 12, 1);
}

static void test_month_start_end(void **state)
{
    (void)state;
    assert_ymd(ov_month_start(D(2025, 12, 17)), 2025, 12, 1);
    assert_ymd(ov_month_end(D(2025, 12, 17)), 2025, 12, 31);
    assert_ymd(ov_month_end(D(2024, 2, 3)), 2024, 2, 29);
    assert_ymd(ov_month_end(D(2026, 2, 28)), 2026, 2, 28);
    assert_ymd(ov_month_start(D(2026, 3, 1)), 2026, 3, 1);
    assert_ymd(ov_month_end(D(2025, 4, 30)), 2025, 4, 30);
}

static void test_format(void **state)
{
    (void)state;
    char buf[11];
    assert_string_equal(ov_date_format(D(2025, 10, 1), buf), "2025-10-01");
    assert_string_equal(ov_date_format(D(1990, 1, 1), buf), "1990-01-01");
    assert_string_equal(ov_date_format(D(2100, 12, 31), buf), "2100-12-31");
    assert_string_equal(ov_date_format(OV_DATE_NONE, buf), "");
    assert_ptr_equal(ov_date_format(D(2026, 1, 5), buf), buf);
}

static void test_parse_iso(void **state)
{
    (void)state;
    ov_date t = 12345;
    assert_int_equal(ov_date_parse_iso("2025-10-01", &t), 0);
    assert_int_equal(t, D(2025, 10, 1));
    assert_int_equal(ov_date_parse_iso("2024-02-29", &t), 0);
    assert_int_equal(t, D(2024, 2, 29));
    assert_int_equal(ov_date_parse_iso("1990-01-01", &t), 0);
    assert_int_equal(ov_date_parse_iso("2100-12-31", &t), 0);
    assert_int_equal(t, D(2100, 12, 31));

    t = 777;
    assert_int_equal(ov_date_parse_iso("2025-02-29", &t), -1); /* not a leap year */
    assert_int_equal(ov_date_parse_iso("2025-13-01", &t), -1);
    assert_int_equal(ov_date_parse_iso("2025-04-31", &t), -1);
    assert_int_equal(ov_date_parse_iso("1989-12-31", &t), -1); /* before 1990 */
    assert_int_equal(ov_date_parse_iso("2101-01-01", &t), -1); /* after 2100 */
    assert_int_equal(ov_date_parse_iso("2025-1-01", &t), -1);
    assert_int_equal(ov_date_parse_iso("01/10/2025", &t), -1);
    assert_int_equal(ov_date_parse_iso("2025-10-01 ", &t), -1);
    assert_int_equal(ov_date_parse_iso("2025-10-0x", &t), -1);
    assert_int_equal(ov_date_parse_iso("", &t), -1);
    assert_int_equal(ov_date_parse_iso(NULL, &t), -1);
    assert_int_equal(t, 777); /* untouched on failure */
}

/* ---- the table of month starts against a walk over the calendar ------------ */

/* The reference: every day from 1850-01-01 to 2250-12-31 by walking the
 * calendar a day at a time from 1970-01-01 with the leap-year rule. */
#define WALK_Y0   1850
#define WALK_Y1   2250
#define WALK_DAYS 146462 /* days in 1850-2250 */

typedef struct {
    ov_date first;                               /* day number of 1850-01-01 */
    short y[WALK_DAYS];                          /* per day: its year */
    signed char m[WALK_DAYS], d[WALK_DAYS];      /* its month and day */
    ov_date month[(WALK_Y1 - WALK_Y0 + 1) * 12]; /* per month: its first day */
} walk;

/* Days in month m of year y by the leap-year rule. */
static int walk_dim(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

/* Fills w by walking the calendar (1850-01-01 is 43829 days before 1970-01-01). */
static void walk_fill(walk *w)
{
    w->first = -43829;
    int y = WALK_Y0, m = 1, d = 1;
    for (int i = 0; i < WALK_DAYS; i++) {
        w->y[i] = (short)y;
        w->m[i] = (signed char)m;
        w->d[i] = (signed char)d;
        if (d == 1)
            w->month[(y - WALK_Y0) * 12 + m - 1] = w->first + i;
        if (++d > walk_dim(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    assert_int_equal(y, WALK_Y1 + 1);
    assert_int_equal(w->month[(1970 - WALK_Y0) * 12], 0);
}

/* add_months by the walk; t and the result must lie in it. */
static ov_date walk_add_months(const walk *w, ov_date t, int n)
{
    int i = t - w->first;
    int idx = (w->y[i] - WALK_Y0) * 12 + (w->m[i] - 1) + n;
    int ny = WALK_Y0 + idx / 12, nm = idx % 12 + 1, dim = walk_dim(ny, nm);
    return w->month[idx] + (w->d[i] > dim ? dim : w->d[i]) - 1;
}

static void test_table_matches_walk_every_day(void **state)
{
    (void)state;
    walk *w = malloc(sizeof *w);
    assert_non_null(w);
    walk_fill(w);
    /* every day of 1990-2100 (the table) and ten years either side (formulas) */
    for (ov_date t = D(1980, 1, 1); t <= D(2110, 12, 31); t++) {
        int i = t - w->first, y, m, d;
        ov_date_to_ymd(t, &y, &m, &d);
        if (y != w->y[i] || m != w->m[i] || d != w->d[i])
            fail_msg("day %d splits as %d-%d-%d", (int)t, y, m, d);
        if (ov_date_from_ymd(y, m, d) != t)
            fail_msg("%d-%d-%d is not day %d", y, m, d, (int)t);
        ov_date ms = w->month[(y - WALK_Y0) * 12 + m - 1];
        assert_int_equal(ov_month_start(t), ms);
        assert_int_equal(ov_month_end(t), ms + walk_dim(y, m) - 1);
    }
    /* days beyond a month's length count on linearly */
    for (int y = 1980; y <= 2110; y++)
        for (int m = 1; m <= 12; m++) {
            assert_int_equal(ov_days_in_month(y, m), walk_dim(y, m));
            ov_date ms = w->month[(y - WALK_Y0) * 12 + m - 1];
            for (int d = -3; d <= 40; d++)
                if (ov_date_from_ymd(y, m, d) != ms + d - 1)
                    fail_msg("%d-%d-%d is not %d days after the first", y, m, d, d - 1);
        }
    assert_int_equal(ov_date_from_ymd(2025, 0, 10), D(2024, 12, 10));
    assert_int_equal(ov_date_from_ymd(2025, 14, 10), D(2026, 2, 10));
    assert_int_equal(ov_days_in_month(2025, 0), 0);
    assert_int_equal(ov_days_in_month(2025, 13), 0);
    free(w);
}

static void test_add_months_matches_walk(void **state)
{
    (void)state;
    static const int far[] = {-1400, -1332, -1331, -600, 600, 1331, 1332, 1400};
    walk *w = malloc(sizeof *w);
    assert_non_null(w);
    walk_fill(w);
    for (ov_date t = D(1989, 11, 1); t <= D(2101, 2, 28); t++) {
        for (int n = -40; n <= 40; n++)
            if (ov_add_months(t, n) != walk_add_months(w, t, n))
                fail_msg("day %d plus %d months is %d", (int)t, n, (int)ov_add_months(t, n));
        for (size_t k = 0; k < sizeof(far) / sizeof(far[0]); k++)
            if (ov_add_months(t, far[k]) != walk_add_months(w, t, far[k]))
                fail_msg("day %d plus %d months is %d", (int)t, far[k],
                         (int)ov_add_months(t, far[k]));
    }
    free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_valid_and_days_in_month),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_add_months_clamps_month_end),
        cmocka_unit_test(test_add_months_negative),
        cmocka_unit_test(test_month_start_end),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_table_matches_walk_every_day),
        cmocka_unit_test(test_add_months_matches_walk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
