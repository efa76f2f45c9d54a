/* test_calendar.c — the shipped England and Wales bank holidays, working days
 * (counting and adding, across Christmas, New Year and Easter), loading holiday
 * files, and reporting periods: every accepted form, their labels, the errors
 * for impossible periods and the earlier periods used for trends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/hash.h"
#include "metrics/calendar.h"

#define HOLIDAYS "templates/bank-holidays-england-wales.csv"

static ov_date D(int y, int m, int d)
{
    return ov_date_from_ymd(y, m, d);
}

/* Loads the shipped holiday file (tests run from the repository root). */
static int setup_calendar(void **state)
{
    ov_calendar *c = malloc(sizeof(*c));
    char err[256] = "";
    if (!c || ov_calendar_load(c, HOLIDAYS, err, sizeof(err)) != 0) {
        fprintf(stdout, "cannot load %s: %s\n", HOLIDAYS, err);
        free(c);
        return -1;
    }
    *state = c;
    return 0;
}

static int teardown_calendar(void **state)
{
    ov_calendar_free(*state);
    free(*state);
    return 0;
}

/* Easter Sunday by the anonymous Gregorian algorithm, computed independently of
 * the holiday file. */
static ov_date easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
    int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return D(y, month, day);
}

/* ---- the shipped holiday file ------------------------------------------- */

static void test_holiday_file_shape(void **state)
{
    const ov_calendar *c = *state;
    char sha[65];
    assert_int_equal(c->nholidays, 107);
    assert_int_equal(c->holidays_first, D(2018, 1, 1));
    assert_int_equal(c->holidays_last, D(2030, 12, 31));
    assert_int_equal(c->first, D(1990, 1, 1));
    assert_int_equal(c->last, D(2100, 12, 31));
    assert_int_equal(ov_sha256_file(HOLIDAYS, sha, NULL), 0);
    assert_string_equal(c->sha256, sha);
    /* sorted, distinct, every one on Monday-Friday; 8 a year plus the one-offs */
    int per_year[2031] = {0};
    for (size_t i = 0; i < c->nholidays; i++) {
        if (i > 0)
            assert_true(c->holidays[i - 1] < c->holidays[i]);
        assert_true(ov_date_weekday(c->holidays[i]) < 5);
        int y, m, d;
        ov_date_to_ymd(c->holidays[i], &y, &m, &d);
        assert_in_range(y, 2018, 2030);
        per_year[y]++;
    }
    for (int y = 2018; y <= 2030; y++)
        assert_int_equal(per_year[y], y == 2022 ? 10 : y == 2023 ? 9 : 8);
}

static void test_easter_every_year(void **state)
{
    const ov_calendar *c = *state;
    assert_int_equal(easter(2026), D(2026, 4, 5));
    assert_int_equal(easter(2025), D(2025, 4, 20));
    assert_int_equal(easter(2024), D(2024, 3, 31));
    for (int y = 2018; y <= 2030; y++) {
        ov_date e = easter(y);
        assert_false(ov_calendar_is_working_day(c, e - 2)); /* Good Friday */
        assert_false(ov_calendar_is_working_day(c, e + 1)); /* Easter Monday */
        assert_true(ov_calendar_is_working_day(c, e - 3));  /* Maundy Thursday */
        assert_true(ov_calendar_is_working_day(c, e + 2));  /* Tuesday after */
    }
}

static void test_fixed_rules_every_year(void **state)
{
    const ov_calendar *c = *state;
    for (int y = 2018; y <= 2030; y++) {
        /* last Monday in August */
        ov_date aug = D(y, 8, 31);
        while (ov_date_weekday(aug) != 0)
            aug--;
        assert_false(ov_calendar_is_working_day(c, aug));
        /* the first weekday on or after 1 January is New Year's Day or its substitute */
        ov_date ny = D(y, 1, 1);
        while (ov_date_weekday(ny) >= 5)
            ny++;
        assert_false(ov_calendar_is_working_day(c, ny));
        /* 25 and 26 December, or the weekdays that replace them */
        int off = 0;
        for (ov_date t = D(y, 12, 24); t <= D(y, 12, 31); t++)
            if (ov_date_weekday(t) < 5 && !ov_calendar_is_working_day(c, t))
                off++;
        assert_int_equal(off, 2);
    }
}

static void test_substitute_days(void **state)
{
    const ov_calendar *c = *state;
    const ov_date off[] = {
        D(2020, 12, 28), D(2021, 12, 27), D(2021, 12, 28), D(2022, 12, 26), D(2022, 12, 27),
        D(2027, 12, 27), D(2027, 12, 28), D(2022, 1, 3),   D(2023, 1, 2),   D(2028, 1, 3),
        D(2026, 12, 28), D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1),   D(2021, 1, 1),
    };
    for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++)
        assert_false(ov_calendar_is_working_day(c, off[i]));
    /* the days after a substitute pair are working days again */
    assert_true(ov_calendar_is_working_day(c, D(2021, 12, 29)));
    assert_true(ov_calendar_is_working_day(c, D(2022, 12, 28)));
    assert_true(ov_calendar_is_working_day(c, D(2020, 12, 29)));
    assert_true(ov_calendar_is_working_day(c, D(2027, 12, 29)));
    assert_true(ov_calendar_is_working_day(c, D(2023, 1, 3)));
}

static void test_one_off_and_moved_days(void **state)
{
    const ov_calendar *c = *state;
    assert_false(ov_calendar_is_working_day(c, D(2020, 5, 8)));  /* VE day */
    assert_true(ov_calendar_is_working_day(c, D(2020, 5, 4)));   /* usual day moved */
    assert_false(ov_calendar_is_working_day(c, D(2022, 6, 2)));  /* spring, moved */
    assert_false(ov_calendar_is_working_day(c, D(2022, 6, 3)));  /* platinum jubilee */
    assert_true(ov_calendar_is_working_day(c, D(2022, 5, 30)));  /* usual day moved */
    assert_false(ov_calendar_is_working_day(c, D(2022, 9, 19))); /* state funeral */
    assert_false(ov_calendar_is_working_day(c, D(2023, 5, 8)));  /* coronation */
    assert_false(ov_calendar_is_working_day(c, D(2023, 5, 1)));  /* early May */
    assert_false(ov_calendar_is_working_day(c, D(2026, 5, 4)));
    assert_false(ov_calendar_is_working_day(c, D(2026, 5, 25)));
    assert_false(ov_calendar_is_working_day(c, D(2026, 8, 31)));
    assert_true(ov_calendar_is_working_day(c, D(2025, 12, 24)));
    assert_false(ov_calendar_is_working_day(c, D(2025, 12, 27))); /* Saturday */
    assert_false(ov_calendar_is_working_day(c, D(2025, 12, 28))); /* Sunday */
}

/* ---- working days ------------------------------------------------------- */

static void test_add_working_days_christmas(void **state)
{
    const ov_calendar *c = *state;
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 17), 10), D(2026, 1, 5));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 17), 5), D(2025, 12, 24));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 17), 6), D(2025, 12, 29));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 24), 1), D(2025, 12, 29));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 31), 1), D(2026, 1, 2));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 15), 8), D(2025, 12, 29));
    /* from the worked example */
    assert_int_equal(ov_add_working_days(c, D(2025, 11, 3), 10), D(2025, 11, 17));
    assert_int_equal(ov_add_working_days(c, D(2025, 10, 6), 5), D(2025, 10, 13));
    assert_int_equal(ov_add_working_days(c, D(2025, 10, 1), 8), D(2025, 10, 13));
    assert_int_equal(ov_add_working_days(c, D(2025, 10, 1), 20), D(2025, 10, 29));
}

static void test_add_working_days_easter_2026(void **state)
{
    const ov_calendar *c = *state;
    assert_int_equal(ov_add_working_days(c, D(2026, 4, 2), 1), D(2026, 4, 7));
    assert_int_equal(ov_add_working_days(c, D(2026, 3, 30), 5), D(2026, 4, 8));
    assert_int_equal(ov_add_working_days(c, D(2026, 4, 3), 1), D(2026, 4, 7));
    assert_int_equal(ov_add_working_days(c, D(2026, 3, 27), 10), D(2026, 4, 14));
    assert_int_equal(ov_working_days_between(c, D(2026, 4, 2), D(2026, 4, 7)), 1);
    assert_int_equal(ov_working_days_between(c, D(2026, 3, 27), D(2026, 4, 14)), 10);
}

static void test_add_working_days_edges(void **state)
{
    const ov_calendar *c = *state;
    /* n = 0 gives d itself, even on a holiday or weekend */
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 25), 0), D(2025, 12, 25));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 27), 0), D(2025, 12, 27));
    /* from a weekend or holiday the next working day is the first */
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 27), 1), D(2025, 12, 29));
    assert_int_equal(ov_add_working_days(c, D(2025, 12, 25), 1), D(2025, 12, 29));
    /* a Friday never counts itself */
    assert_int_equal(ov_add_working_days(c, D(2025, 10, 3), 1), D(2025, 10, 6));
    /* a long stretch: a working year */
    ov_date y = ov_add_working_days(c, D(2025, 3, 31), 252);
    assert_int_equal(ov_working_days_between(c, D(2025, 3, 31), y), 252);
    assert_true(ov_calendar_is_working_day(c, y));
}

static void test_working_days_between(void **state)
{
    const ov_calendar *c = *state;
    assert_int_equal(ov_working_days_between(c, D(2025, 12, 17), D(2026, 1, 5)), 10);
    assert_int_equal(ov_working_days_between(c, D(2025, 12, 24), D(2025, 12, 29)), 1);
    assert_int_equal(ov_working_days_between(c, D(2025, 12, 22), D(2025, 12, 22)), 0);
    assert_int_equal(ov_working_days_between(c, D(2026, 1, 5), D(2025, 12, 17)), 0);
    assert_int_equal(ov_working_days_between(c, D(2025, 10, 6), D(2025, 10, 13)), 5);
    assert_int_equal(ov_working_days_between(c, D(2025, 11, 12), D(2025, 11, 20)), 6);
    /* a whole financial year 2025-26: 261 weekdays less 8 bank holidays */
    assert_int_equal(ov_working_days_between(c, D(2025, 3, 31), D(2026, 3, 31)), 253);
}

/* Counts working days in (a, b] one day at a time. */
static int brute_between(const ov_calendar *c, ov_date a, ov_date b)
{
    int n = 0;
    for (ov_date t = a + 1; t <= b; t++)
        n += ov_calendar_is_working_day(c, t);
    return n;
}

static void test_agrees_with_day_by_day(void **state)
{
    const ov_calendar *c = *state;
    /* every start day of 2020-2027, every n up to 25 */
    for (ov_date d = D(2020, 1, 1); d <= D(2027, 12, 31); d += 3) {
        ov_date t = d;
        for (int n = 1; n <= 25; n++) {
            do
                t++;
            while (!ov_calendar_is_working_day(c, t));
            assert_int_equal(ov_add_working_days(c, d, n), t);
            assert_int_equal(ov_working_days_between(c, d, t), n);
            /* the search and the counts that serve days outside the tables
             * give the same inside them */
            assert_int_equal(ov_calendar_add_any(c, d, n), t);
            assert_int_equal(ov_calendar_between_any(c, d, t), n);
        }
    }
    /* from the ends of the covered range (and its table of working days) to
     * beyond them, where only weekends are known */
    const ov_date starts[][2] = {{D(2100, 11, 1), D(2100, 12, 31)},
                                 {D(1989, 11, 1), D(1990, 1, 31)}};
    for (size_t i = 0; i < 2; i++)
        for (ov_date d = starts[i][0]; d <= starts[i][1]; d++) {
            ov_date t = d;
            for (int n = 1; n <= 40; n++) {
                do
                    t++;
                while (!ov_calendar_is_working_day(c, t));
                assert_int_equal(ov_add_working_days(c, d, n), t);
            }
        }
    /* across the covered range's edges, where only weekends are known */
    const ov_date edges[][2] = {{D(1989, 12, 1), D(1990, 2, 1)},
                                {D(2100, 12, 1), D(2101, 1, 31)},
                                {D(1989, 6, 1), D(1989, 7, 1)}};
    for (size_t i = 0; i < 3; i++)
        for (ov_date a = edges[i][0]; a < edges[i][1]; a++)
            assert_int_equal(ov_working_days_between(c, a, edges[i][1]),
                             brute_between(c, a, edges[i][1]));
    assert_int_equal(ov_add_working_days(c, D(2100, 12, 30), 3), D(2101, 1, 4));
    assert_int_equal(ov_add_working_days(c, D(1989, 12, 29), 1), D(1990, 1, 1));
}

static void test_init_with_custom_holidays(void **state)
{
    (void)state;
    ov_calendar c;
    const ov_date hol[] = {D(2025, 6, 3), D(2025, 6, 2), D(2025, 6, 3), D(2024, 1, 10)};
    ov_calendar_init(&c, hol, 4);
    assert_int_equal(c.nholidays, 3);
    assert_int_equal(c.holidays[0], D(2024, 1, 10));
    assert_int_equal(c.holidays[2], D(2025, 6, 3));
    assert_int_equal(c.holidays_first, D(2024, 1, 1));
    assert_int_equal(c.holidays_last, D(2025, 12, 31));
    assert_string_equal(c.sha256, "");
    assert_false(ov_calendar_is_working_day(&c, D(2025, 6, 2)));
    assert_true(ov_calendar_is_working_day(&c, D(2025, 6, 4)));
    assert_true(ov_calendar_is_working_day(&c, D(2025, 12, 25))); /* not listed here */
    assert_int_equal(ov_add_working_days(&c, D(2025, 5, 30), 1), D(2025, 6, 4));
    assert_int_equal(ov_working_days_between(&c, D(2025, 5, 30), D(2025, 6, 6)), 3);
    ov_calendar_free(&c);
    assert_null(c.cum);

    ov_calendar_init(&c, NULL, 0);
    assert_int_equal(c.nholidays, 0);
    assert_int_equal(ov_working_days_between(&c, D(2025, 12, 19), D(2025, 12, 26)), 5);
    ov_calendar_free(&c);
    ov_calendar_free(NULL);
}

/* ---- loading holiday files ---------------------------------------------- */

typedef struct {
    char dir[64];
    char path[128];
} tmpfile_t;

static void write_tmp(tmpfile_t *t, const char *content)
{
    strcpy(t->dir, "/tmp/ov-calendar-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof(t->path), "%s/holidays.csv", t->dir);
    FILE *fp = fopen(t->path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
}

static void remove_tmp(tmpfile_t *t)
{
    unlink(t->path);
    rmdir(t->dir);
}

static void test_load_bom_crlf_and_uk_dates(void **state)
{
    (void)state;
    tmpfile_t t;
    ov_calendar c;
    char err[256] = "";
    write_tmp(&t, "\xEF\xBB\xBFName, Date \r\nOne,2031-01-01\r\n,,\r\nTwo,\"02/01/2031\"\r\n");
    assert_int_equal(ov_calendar_load(&c, t.path, err, sizeof(err)), 0);
    assert_int_equal(c.nholidays, 2);
    assert_int_equal(c.holidays[1], D(2031, 1, 2));
    assert_int_equal(strlen(c.sha256), 64);
    assert_false(ov_calendar_is_working_day(&c, D(2031, 1, 2)));
    ov_calendar_free(&c);
    remove_tmp(&t);
}

/* Asserts that loading content fails with a message naming the file and what. */
static void expect_load_error(const char *content, const char *line, const char *what)
{
    tmpfile_t t;
    ov_calendar c;
    char err[256] = "";
    write_tmp(&t, content);
    assert_int_equal(ov_calendar_load(&c, t.path, err, sizeof(err)), -1);
    assert_non_null(strstr(err, t.path));
    if (line)
        assert_non_null(strstr(err, line));
    assert_non_null(strstr(err, what));
    assert_null(strchr(err, '\n'));
    assert_null(c.cum);
    assert_null(c.holidays);
    ov_calendar_free(&c);
    remove_tmp(&t);
}

static void test_load_errors(void **state)
{
    (void)state;
    expect_load_error("day,name\n2025-12-25,Christmas\n", "line 1", "no \"date\" column");
    expect_load_error("date,name\n2025-12-25,Christmas\n2025-13-01,Bad\n", "line 3",
                      "\"2025-13-01\" is not a date");
    expect_load_error("date,name\n2025-12-25,Christmas\n,Blank\n", "line 3", "blank");
    expect_load_error("date,name\n1989-12-25,Old\n", "line 2", "not a date in 1990-2100");
    expect_load_error("date,name\n", NULL, "no holiday dates");
    expect_load_error("", NULL, "");

    ov_calendar c;
    char err[256] = "";
    assert_int_equal(ov_calendar_load(&c, "no-such-dir/holidays.csv", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "no-such-dir/holidays.csv"));
}

/* ---- periods ------------------------------------------------------------ */

/* Parses s and checks start, end, months and label. */
static void expect_period(const char *s, ov_date start, ov_date end, int months, const char *label)
{
    ov_period p;
    char err[256] = "";
    if (ov_period_parse(s, &p, err, sizeof(err)) != 0)
        fail_msg("period \"%s\" rejected: %s", s, err);
    assert_int_equal(p.start, start);
    assert_int_equal(p.end, end);
    assert_int_equal(p.months, months);
    assert_string_equal(p.label, label);
}

static void test_period_forms(void **state)
{
    (void)state;
    expect_period("2025-26", D(2025, 4, 1), D(2026, 3, 31), 12, "2025-26");
    expect_period("2025-26-Q1", D(2025, 4, 1), D(2025, 6, 30), 3, "2025-26 Q1");
    expect_period("2025-26-Q2", D(2025, 7, 1), D(2025, 9, 30), 3, "2025-26 Q2");
    expect_period("2025-26-Q3", D(2025, 10, 1), D(2025, 12, 31), 3, "2025-26 Q3");
    expect_period("2025-26-Q4", D(2026, 1, 1), D(2026, 3, 31), 3, "2025-26 Q4");
    expect_period("2023-24-q4", D(2024, 1, 1), D(2024, 3, 31), 3, "2023-24 Q4");
    expect_period("2026-03", D(2026, 3, 1), D(2026, 3, 31), 1, "March 2026");
    expect_period("2024-02", D(2024, 2, 1), D(2024, 2, 29), 1, "February 2024");
    expect_period("2025-12", D(2025, 12, 1), D(2025, 12, 31), 1, "December 2025");
    expect_period("2025-10-01:2025-12-31", D(2025, 10, 1), D(2025, 12, 31), 3,
                  "1 Oct 2025 to 31 Dec 2025");
    expect_period("2025-10-05:2025-11-20", D(2025, 10, 5), D(2025, 11, 20), 0,
                  "5 Oct 2025 to 20 Nov 2025");
    expect_period("2025-10-05:2025-10-05", D(2025, 10, 5), D(2025, 10, 5), 0, "5 Oct 2025");
    expect_period("2025-01-01:2025-02-28", D(2025, 1, 1), D(2025, 2, 28), 2,
                  "1 Jan 2025 to 28 Feb 2025");
    expect_period(" 2025-26 ", D(2025, 4, 1), D(2026, 3, 31), 12, "2025-26");
    /* YYYY-YY where YY is the next year is a financial year, never a month */
    expect_period("2011-12", D(2011, 4, 1), D(2012, 3, 31), 12, "2011-12");
    expect_period("1999-00", D(1999, 4, 1), D(2000, 3, 31), 12, "1999-00");
    expect_period("2099-00", D(2099, 4, 1), D(2100, 3, 31), 12, "2099-00");
    expect_period("2012-12", D(2012, 12, 1), D(2012, 12, 31), 1, "December 2012");
    expect_period("1990-01-01:2100-12-31", D(1990, 1, 1), D(2100, 12, 31), 1332,
                  "1 Jan 1990 to 31 Dec 2100");
}

/* Asserts that s is rejected with a one-line message containing what. */
static void expect_period_error(const char *s, const char *what)
{
    ov_period p;
    char err[256] = "";
    if (ov_period_parse(s, &p, err, sizeof(err)) == 0)
        fail_msg("period \"%s\" accepted", s);
    if (!strstr(err, what))
        fail_msg("period \"%s\": message \"%s\" lacks \"%s\"", s, err, what);
    assert_null(strchr(err, '\n'));
}

static void test_period_errors(void **state)
{
    (void)state;
    expect_period_error("2026-01-01:2025-12-31", "end date is before the start");
    expect_period_error("2026-13", "13 is not a month (01-12)");
    expect_period_error("2025-27", "starting in 2025 is written 2025-26");
    expect_period_error("2026-00", "00 is not a month");
    expect_period_error("2025-26-Q5", "quarters are Q1");
    expect_period_error("2025-26-Q0", "quarters are Q1");
    expect_period_error("2025-27-Q1", "write 2025-26-Q1");
    expect_period_error("1989-03", "outside the years 1990-2100");
    expect_period_error("2101-01", "outside the years 1990-2100");
    expect_period_error("2100-01", "outside the years 1990-2100"); /* FY into 2101 */
    expect_period_error("1989-90", "outside the years 1990-2100");
    expect_period_error("1989-04-01:1990-01-01", "start date 1989-04-01 is outside");
    expect_period_error("2100-01-01:2101-01-01", "end date 2101-01-01 is outside");
    expect_period_error("2025-02-30:2025-03-01", "2025-02-30 does not exist");
    expect_period_error("2025-2-01:2025-03-01", "start date is not written YYYY-MM-DD");
    expect_period_error("2025-10-01:", "end date is not written YYYY-MM-DD");
    expect_period_error("01/10/2025:31/12/2025", "not written YYYY-MM-DD");
    expect_period_error("", "not understood");
    expect_period_error("last year", "not understood");
    expect_period_error("2025-26-Q", "not understood");
    expect_period_error("2025-10-01", "not understood");
    expect_period_error("2025/26", "not understood");
    expect_period_error("Q3", "not understood");

    /* a small buffer still gets a terminated message */
    ov_period p;
    char small[12];
    assert_int_equal(ov_period_parse("2025-27", &p, small, sizeof(small)), -1);
    assert_int_equal(strlen(small), sizeof(small) - 1);
    assert_int_equal(ov_period_parse(NULL, &p, small, sizeof(small)), -1);
}

/* Parses s, steps back k and checks the result. */
static void expect_previous(const char *s, int k, ov_date start, ov_date end, const char *label)
{
    ov_period p, q;
    char err[256];
    assert_int_equal(ov_period_parse(s, &p, err, sizeof(err)), 0);
    q = ov_period_previous(&p, k);
    assert_int_equal(q.start, start);
    assert_int_equal(q.end, end);
    assert_int_equal(q.months, p.months);
    assert_string_equal(q.label, label);
}

static void test_period_previous(void **state)
{
    (void)state;
    expect_previous("2025-26", 1, D(2024, 4, 1), D(2025, 3, 31), "2024-25");
    expect_previous("2025-26", 2, D(2023, 4, 1), D(2024, 3, 31), "2023-24");
    expect_previous("2025-26-Q1", 1, D(2025, 1, 1), D(2025, 3, 31), "2024-25 Q4");
    expect_previous("2025-26-Q3", 1, D(2025, 7, 1), D(2025, 9, 30), "2025-26 Q2");
    expect_previous("2025-26-Q3", 4, D(2024, 10, 1), D(2024, 12, 31), "2024-25 Q3");
    expect_previous("2026-03", 1, D(2026, 2, 1), D(2026, 2, 28), "February 2026");
    expect_previous("2024-03", 1, D(2024, 2, 1), D(2024, 2, 29), "February 2024");
    expect_previous("2026-03", 12, D(2025, 3, 1), D(2025, 3, 31), "March 2025");
    expect_previous("2026-01", 1, D(2025, 12, 1), D(2025, 12, 31), "December 2025");
    /* whole months given as dates keep the date form */
    expect_previous("2025-10-01:2025-12-31", 1, D(2025, 7, 1), D(2025, 9, 30),
                    "1 Jul 2025 to 30 Sep 2025");
    expect_previous("2025-01-01:2025-02-28", 1, D(2024, 11, 1), D(2024, 12, 31),
                    "1 Nov 2024 to 31 Dec 2024");
    expect_previous("2025-03-01:2025-03-31", 1, D(2025, 2, 1), D(2025, 2, 28),
                    "1 Feb 2025 to 28 Feb 2025");
    /* other periods step back by their length in days (47 here) */
    expect_previous("2025-10-05:2025-11-20", 1, D(2025, 8, 19), D(2025, 10, 4),
                    "19 Aug 2025 to 4 Oct 2025");
    expect_previous("2025-10-05:2025-11-20", 2, D(2025, 7, 3), D(2025, 8, 18),
                    "3 Jul 2025 to 18 Aug 2025");
    expect_previous("2025-10-05:2025-10-05", 3, D(2025, 10, 2), D(2025, 10, 2), "2 Oct 2025");

    /* k = 0 is the period itself */
    ov_period p, q;
    char err[64];
    assert_int_equal(ov_period_parse("2025-26-Q2", &p, err, sizeof(err)), 0);
    q = ov_period_previous(&p, 0);
    assert_int_equal(q.start, p.start);
    assert_string_equal(q.label, "2025-26 Q2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_holiday_file_shape, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_easter_every_year, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_fixed_rules_every_year, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_substitute_days, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_one_off_and_moved_days, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_add_working_days_christmas, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_add_working_days_easter_2026, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_add_working_days_edges, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_working_days_between, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_agrees_with_day_by_day, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test(test_init_with_custom_holidays),
        cmocka_unit_test(test_load_bom_crlf_and_uk_dates),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_period_forms),
        cmocka_unit_test(test_period_errors),
        cmocka_unit_test(test_period_previous),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
