/* test_metrics_core.c — what every figure shares: half-up rounding in integer
 * arithmetic, RAG against the exact fraction (89.96 % is amber), suppression
 * and no data, thresholds per agency, the partnership row as the sum of the
 * agencies (pooled medians and means), trend periods, the order of the rows
 * and reproducibility. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/strtab.h"
#include "core/text.h"
#include "metrics_fixture.h"

#define Q3 "2025-26-Q3"

/* Formats num/den and compares with the expected text. */
static void check_pct(int64_t num, int64_t den, const char *want)
{
    char buf[16];
    assert_string_equal(ov_metrics_format_pct(num, den, buf), want);
}

static void test_format_pct_half_up(void **state)
{
    (void)state;
    check_pct(0, 0, "");
    check_pct(0, 5, "0.0");
    check_pct(5, 5, "100.0");
    check_pct(1, 3, "33.3");
    check_pct(2, 3, "66.7");
    check_pct(1, 8, "12.5");
    check_pct(1, 16, "6.3");    /* 6.25 -> 6.3 */
    check_pct(23, 2000, "1.2"); /* 1.15 -> 1.2 (1.15 is not exact in binary) */
    check_pct(1, 2000, "0.1");  /* 0.05 -> 0.1 */
    check_pct(1, 2001, "0.0");  /* 0.04998 */
    check_pct(8996, 10000, "90.0");
    check_pct(8994, 10000, "89.9");
    check_pct(8995, 10000, "90.0"); /* 89.95 -> 90.0 */
    check_pct(3, 16, "18.8");       /* 18.75 */
    check_pct(1999999, 2000000, "100.0");
    check_pct(15, 18, "83.3");
    check_pct(5000000000LL, 10000000000LL, "50.0");
}

/* Decimal digits written without printf are printf's, for the edges of both
 * types and a sweep of values; and a percentage is what the formula printed
 * with printf gives. */
static void test_digits_as_printf(void **state)
{
    (void)state;
    char a[32], b[32];
    static const long long edges[] = {
        0,   1,     -1,     9,         10,        -10,           99,
        100, 12345, -98765, LLONG_MAX, LLONG_MIN, LLONG_MAX - 1, LLONG_MIN + 1};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        size_t n = ov_fmt_i64(a, edges[i]);
        snprintf(b, sizeof b, "%lld", edges[i]);
        assert_string_equal(a, b);
        assert_int_equal(n, strlen(b));
    }
    assert_int_equal(ov_fmt_u64(a, ULLONG_MAX), 20);
    snprintf(b, sizeof b, "%llu", ULLONG_MAX);
    assert_string_equal(a, b);
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        unsigned long long v = x >> (x % 64); /* every length of number */
        ov_fmt_u64(a, v);
        snprintf(b, sizeof b, "%llu", v);
        assert_string_equal(a, b);
        ov_fmt_i64(a, (long long)x);
        snprintf(b, sizeof b, "%lld", (long long)x);
        assert_string_equal(a, b);
        /* a percentage of counts up to a million */
        int64_t den = (int64_t)(x % 1000000) + 1, num = (int64_t)((x >> 20) % (uint64_t)(den + 1));
        if (i % 7 == 0)
            num = -num;
        uint64_t n = (uint64_t)(num < 0 ? -num : num), d = (uint64_t)den;
        uint64_t q = n / d * 1000 + n % d * 1000 / d;
        if (2 * (n % d * 1000 % d) >= d)
            q++;
        snprintf(b, sizeof b, "%s%llu.%llu", num < 0 && q ? "-" : "", (unsigned long long)(q / 10),
                 (unsigned long long)(q % 10));
        char pct[16];
        assert_string_equal(ov_metrics_format_pct(num, den, pct), b);
    }
}

static void test_rag_exact_fraction(void **state)
{
    (void)state;
    ov_threshold hi = {90, 80, 0}, lo = {10, 20, 1}, dec = {89.9, 80, 0};
    assert_int_equal(ov_metrics_rag(0, 0, &hi, 5), OV_RAG_NO_DATA);
    assert_int_equal(ov_metrics_rag(4, 4, &hi, 5), OV_RAG_SUPPRESSED);
    assert_int_equal(ov_metrics_rag(0, 4, &lo, 5), OV_RAG_SUPPRESSED);
    assert_int_equal(ov_metrics_rag(5, 5, &hi, 5), OV_RAG_GREEN);
    assert_int_equal(ov_metrics_rag(1, 1, &hi, 0), OV_RAG_GREEN);
    assert_int_equal(ov_metrics_rag(0, 1, &hi, 1), OV_RAG_RED);
    /* 89.96 % prints as 90.0 but is below target */
    assert_int_equal(ov_metrics_rag(8996, 10000, &hi, 5), OV_RAG_AMBER);
    assert_int_equal(ov_metrics_rag(9, 10, &hi, 5), OV_RAG_GREEN);
    assert_int_equal(ov_metrics_rag(8, 10, &hi, 5), OV_RAG_AMBER);
    assert_int_equal(ov_metrics_rag(7999, 10000, &hi, 5), OV_RAG_RED);
    /* lower is better */
    assert_int_equal(ov_metrics_rag(10, 100, &lo, 5), OV_RAG_GREEN);
    assert_int_equal(ov_metrics_rag(1001, 10000, &lo, 5), OV_RAG_AMBER);
    assert_int_equal(ov_metrics_rag(20, 100, &lo, 5), OV_RAG_AMBER);
    assert_int_equal(ov_metrics_rag(2001, 10000, &lo, 5), OV_RAG_RED);
    assert_int_equal(ov_metrics_rag(2, 18, &lo, 5), OV_RAG_AMBER); /* 11.1 % */
    /* a decimal target is met exactly */
    assert_int_equal(ov_metrics_rag(899, 1000, &dec, 5), OV_RAG_GREEN);
    assert_int_equal(ov_metrics_rag(8989, 10000, &dec, 5), OV_RAG_AMBER);
    /* large counts */
    assert_int_equal(ov_metrics_rag(8999999999LL, 10000000000LL, &hi, 5), OV_RAG_AMBER);
    assert_int_equal(ov_metrics_rag(9000000000LL, 10000000000LL, &hi, 5), OV_RAG_GREEN);
    assert_string_equal(ov_rag_name(OV_RAG_NO_DATA), "no_data");
    assert_string_equal(ov_rag_name(OV_RAG_SUPPRESSED), "suppressed");
    assert_string_equal(ov_rag_name(OV_RAG_INFO), "info");
}

/* Agency with n staff of which `held` had a 1:1 in October (staff_supervised). */
static void supervised_agency(fx_env *e, const char *id, int n, int held)
{
    ov_agency *a = fx_agency(&e->d, id);
    for (int i = 0; i < n; i++) {
        char sid[16];
        snprintf(sid, sizeof(sid), "s%d", i);
        FX_STAFF(a, .id = sid);
        if (i < held)
            fx_held(a, sid, "2025-10-06");
    }
}

/* Figures carry the exact value, the rating, suppression and no data. */
static void test_figure_rating_and_suppression(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    supervised_agency(e, "A", 4, 4);
    supervised_agency(e, "B", 5, 4);
    ov_agency *c = fx_agency(&e->d, "C"); /* no staff at all */
    (void)c;
    fx_run(e, Q3, 1);
    const ov_figure *g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "A", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
    assert_true(g->has_value);
    assert_true(g->value == 100.0);
    assert_int_equal(g->suppression, OV_SUPP_PRIMARY);
    /* B (4 of 5, amber) is suppressed too, or A would be ALL minus B (SPEC 9.3) */
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "B", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
    assert_int_equal(g->suppression, OV_SUPP_SECONDARY);
    assert_true(g->value == 80.0);
    assert_true(g->threshold.target == 90 && g->threshold.amber == 80);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "C", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_NO_DATA);
    assert_false(g->has_value);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE);
    assert_int_equal(g->num, 8);
    assert_int_equal(g->den, 9);
    assert_int_equal(g->rag, OV_RAG_AMBER); /* 88.9 % */
    /* --suppress 0 rates every figure */
    e->cfg.suppress_below = 0;
    fx_run(e, Q3, 1);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "A", NULL, OV_NONE)->rag, OV_RAG_GREEN);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "B", NULL, OV_NONE)->rag, OV_RAG_AMBER);
    fx_env_free(e);
}

/* 89.96 % computed from data is amber, its value exact. */
static void test_figure_8996_is_amber(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "N");
    /* 2249 of 2500 one-to-ones with notes shared = 89.96 % */
    for (int i = 0; i < 2500; i++)
        FX_SESSION(a, .staff = "N", .date = "2025-11-03", .shared = i < 2249 ? 'Y' : 'N');
    fx_run(e, Q3, 1);
    const ov_figure *g = fx_fig(e, 0, OV_M_NOTES_SHARED, "A", NULL, OV_NONE);
    assert_int_equal(g->num, 2249);
    assert_int_equal(g->den, 2500);
    assert_int_equal(g->rag, OV_RAG_AMBER);
    assert_true(g->value > 89.959 && g->value < 89.961);
    char buf[16];
    assert_string_equal(ov_metrics_format_pct(g->num, g->den, buf), "90.0");
    fx_env_free(e);
}

/* Agency and team rows use the agency's override; ALL the everyone row. */
static void test_thresholds_per_agency(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.overrides = ov_xcalloc(1, sizeof(ov_threshold_override));
    e->std.noverrides = 1;
    e->std.overrides[0].agency_id = ov_xstrdup("B");
    e->std.overrides[0].metric = OV_M_STAFF_SUPERVISED;
    e->std.overrides[0].t = (ov_threshold){75, 50, 0};
    supervised_agency(e, "A", 5, 4);
    supervised_agency(e, "B", 5, 4);
    fx_run(e, Q3, 1);
    const ov_figure *g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "B", NULL, OV_NONE);
    assert_true(g->threshold.target == 75);
    assert_int_equal(g->rag, OV_RAG_GREEN);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "B", "T", OV_NONE);
    assert_true(g->threshold.target == 75);
    assert_int_equal(g->rag, OV_RAG_GREEN);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "A", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_AMBER);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE);
    assert_true(g->threshold.target == 90);
    assert_int_equal(g->rag, OV_RAG_AMBER);
    /* a lower-is-better metric keeps its direction */
    g = fx_fig(e, 0, OV_M_CANCELLATION_RATE, NULL, NULL, OV_NONE);
    assert_true(g->threshold.lower_is_better);
    fx_env_free(e);
}

/* ALL adds numerators and denominators; medians and means are pooled. */
static void test_all_is_the_sum_of_agencies(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "x");
    /* notes after 0 and 10 working days: median 5; durations 60 */
    FX_SESSION(a, .staff = "x", .date = "2025-11-03", .notes = "2025-11-03", .duration = 60);
    FX_SESSION(a, .staff = "x", .date = "2025-11-10", .notes = "2025-11-24");
    fx_case(a, "K1", OV_CAT_CP, "2025-10-31", NULL);
    fx_case(a, "K2", OV_CAT_CP, "2025-06-01", NULL);
    a = fx_agency(&e->d, "B"); /* cases.csv not received */
    FX_STAFF(a, .id = "y");
    FX_STAFF(a, .id = "z");
    /* 1, 2 and 3 working days: median 2; durations 30, 30, 30 */
    FX_SESSION(a, .staff = "y", .date = "2025-11-03", .notes = "2025-11-04", .duration = 30);
    FX_SESSION(a, .staff = "y", .date = "2025-12-01", .notes = "2025-12-03", .duration = 30);
    FX_SESSION(a, .staff = "z", .date = "2025-10-06", .notes = "2025-10-09", .duration = 30);
    FX_SESSION(a, .staff = "z", .date = "2025-10-07", .status = OV_SS_CANCELLED);
    fx_run(e, Q3, 1);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "A", 1, 5.0);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "B", 1, 2.0);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, NULL, 1, 2.0); /* 0 1 2 3 10: not (5+2)/2 */
    FX_INFO(e, OV_M_INFO_DURATION_MEAN, "A", 1, 60.0);
    FX_INFO(e, OV_M_INFO_DURATION_MEAN, "B", 1, 30.0);
    FX_INFO(e, OV_M_INFO_DURATION_MEAN, NULL, 1, 37.5); /* 150 / 4: not (60+30)/2 */
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "A", 1, 2);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "B", 0, 0);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, NULL, 1, 2);
    FX_INFO(e, OV_M_INFO_STAFF_IN_SCOPE, NULL, 1, 3);
    /* every percentage metric: ALL = A + B */
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_figure *all = fx_fig(e, 0, m, NULL, NULL, OV_NONE);
        const ov_figure *fa = fx_fig(e, 0, m, "A", NULL, OV_NONE);
        const ov_figure *fb = fx_fig(e, 0, m, "B", NULL, OV_NONE);
        assert_non_null(all);
        assert_non_null(fa);
        assert_non_null(fb);
        assert_int_equal(all->num, fa->num + fb->num);
        assert_int_equal(all->den, fa->den + fb->den);
    }
    FX_AGENCY(e, OV_M_NOTES_TIMELY, NULL, 4, 5);
    FX_AGENCY(e, OV_M_CANCELLATION_RATE, NULL, 1, 6);
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, NULL, 4, 9);
    fx_env_free(e);
}

/* A missing or unusable sessions.csv makes the session figures "no data" (not
 * 0 %) and keeps them out of ALL; staff-based figures still count. A missing
 * case_oversight.csv does the same for the case oversight figures. */
static void test_missing_file_is_no_data(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "x", .agreement = "2025-06-01");
    FX_SESSION(a, .staff = "x", .date = "2025-10-06");
    FX_SESSION(a, .staff = "x", .date = "2025-11-03");
    FX_SESSION(a, .staff = "x", .date = "2025-12-01");
    ov_agency *b = fx_agency(&e->d, "B");
    fx_file(b, OV_DS_SESSIONS, OV_FILE_UNUSABLE);
    fx_file(b, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(b, OV_DS_CASE_OVERSIGHT, OV_FILE_MISSING);
    FX_STAFF(b, .id = "y", .agreement = "2025-06-01");
    FX_STAFF(b, .id = "z");
    fx_case(b, "K1", OV_CAT_CP, "2025-01-01", NULL);
    fx_run(e, Q3, 1);
    static const int session_metrics[] = {OV_M_SUPERVISION_FREQUENCY, OV_M_STAFF_FULLY_COMPLIANT,
                                          OV_M_STAFF_SUPERVISED,      OV_M_NOTES_TIMELY,
                                          OV_M_NOTES_SHARED,          OV_M_CANCELLATION_RATE,
                                          OV_M_CANCELLED_REARRANGED,  OV_M_FUNCTIONS_BALANCE};
    for (size_t i = 0; i < sizeof(session_metrics) / sizeof(session_metrics[0]); i++) {
        const ov_figure *g = fx_fig(e, 0, session_metrics[i], "B", NULL, OV_NONE);
        assert_non_null(g);
        assert_int_equal(g->den, 0);
        assert_int_equal(g->rag, OV_RAG_NO_DATA);
        g = fx_fig(e, 0, session_metrics[i], "B", "T", OV_NONE);
        assert_non_null(g);
        assert_int_equal(g->den, 0);
    }
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 3, 3);
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, NULL, 3, 3); /* B adds nothing */
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, NULL, 1, 1);
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, "B", 1, 2); /* staff.csv still counts */
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, NULL, 2, 3);
    FX_INFO(e, OV_M_INFO_STAFF_IN_SCOPE, "B", 1, 2);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_CURRENT, "B", 0, 0);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_PERIOD, "B", 0, 0);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "B", NULL, OV_CAT_CP, 0, 0);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "B", 1, 1);
    fx_env_free(e);
}

/* Median of an even count is the mean of the two middle values. */
static void test_median_even_count(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "x");
    FX_SESSION(a, .staff = "x", .date = "2025-11-03", .notes = "2025-11-04"); /* 1 */
    FX_SESSION(a, .staff = "x", .date = "2025-11-10", .notes = "2025-11-12"); /* 2 */
    FX_SESSION(a, .staff = "x", .date = "2025-11-17", .notes = "2025-11-17"); /* 0 */
    FX_SESSION(a, .staff = "x", .date = "2025-11-24", .notes = "2025-12-01"); /* 5 */
    fx_run(e, Q3, 1);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "A", 1, 1.5);
    fx_env_free(e);
}

/* Trend: periods[k] = ov_period_previous(P, k), each computed in full. */
static void test_trend_periods(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "x", .start = "2025-05-01");
    fx_held(a, "x", "2025-05-10");
    fx_held(a, "x", "2025-06-10");
    fx_held(a, "x", "2025-11-10");
    fx_run(e, Q3, 3);
    assert_int_equal(e->res.nperiods, 3);
    assert_int_equal(e->res.periods[0].start, fx_d("2025-10-01"));
    assert_int_equal(e->res.periods[1].start, fx_d("2025-07-01"));
    assert_int_equal(e->res.periods[1].end, fx_d("2025-09-30"));
    assert_int_equal(e->res.periods[2].start, fx_d("2025-04-01"));
    assert_int_equal(e->res.periods[2].end, fx_d("2025-06-30"));
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 1, 3);
    const ov_figure *g = fx_fig(e, 1, OV_M_SUPERVISION_FREQUENCY, "A", NULL, OV_NONE);
    assert_int_equal(g->num, 0);
    assert_int_equal(g->den, 3);
    g = fx_fig(e, 2, OV_M_SUPERVISION_FREQUENCY, "A", NULL, OV_NONE);
    assert_int_equal(g->num, 2);
    assert_int_equal(g->den, 2); /* started 1 May: May and June */
    g = fx_fig(e, 2, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE);
    assert_int_equal(g->num, 1);
    /* earlier periods are written first */
    assert_int_equal(e->res.figs[0].period, 2);
    assert_int_equal(e->res.figs[e->res.nfigs - 1].period, 0);
    /* every period has the same rows here */
    size_t per[3] = {0, 0, 0};
    for (size_t i = 0; i < e->res.nfigs; i++)
        per[e->res.figs[i].period]++;
    assert_int_equal(per[0], per[1]);
    assert_int_equal(per[0], per[2]);
    /* a period not made of whole months steps back by its length in days */
    fx_run(e, "2025-12-22:2025-12-31", 2);
    assert_int_equal(e->res.periods[1].start, fx_d("2025-12-12"));
    assert_int_equal(e->res.periods[1].end, fx_d("2025-12-21"));
    fx_env_free(e);
}

/* Rows are sorted: period start, ALL then agency ids, team blank then names,
 * category blank then names, metric id, all in byte order. */
static void test_row_order(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    const char *ids[] = {"b", "A", "a"};
    for (int i = 0; i < 3; i++) {
        ov_agency *a = fx_agency(&e->d, ids[i]);
        fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
        fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
        FX_STAFF(a, .id = "x", .team = "beta");
        FX_STAFF(a, .id = "y", .team = "Alpha");
        FX_STAFF(a, .id = "z", .team = "alpha");
        fx_case(a, "K1", OV_CAT_EARLY_HELP, "2025-10-01", NULL);
        fx_case(a, "K2", OV_CAT_CIC_LTM, "2025-10-01", NULL);
        fx_case(a, "K3", OV_CAT_CIC, "2025-10-01", NULL);
    }
    fx_run(e, Q3, 2);
    const char *agency_order[] = {"ALL", "A", "a", "b"};
    const char *team_order[] = {"", "Alpha", "alpha", "beta"};
    /* groups of every kind interleave in byte order: categories, audit
     * criteria and survey statements */
    const char *cat_order[] = {
        "",           "actions_reviewed", "actions_smart", "challenging", "child_focus",
        "cic",        "cic_ltm",          "development",   "early_help",  "effective",
        "reflection", "reflective",       "regular",       "supportive",  "wellbeing"};
    int prev_p = -1, prev_a = -1, prev_t = -1, prev_c = -1;
    const char *prev_m = NULL;
    for (size_t i = 0; i < e->res.nfigs; i++) {
        const ov_figure *g = &e->res.figs[i];
        int p = g->period == 1 ? 0 : 1; /* period 1 starts first */
        const char *aid = g->agency == OV_ALL ? "ALL" : e->d.agencies[g->agency].id;
        const char *tn = g->team == OV_NONE
                             ? ""
                             : ov_strtab_get(&e->d.agencies[g->agency].teams, (uint32_t)g->team);
        const char *cn = ov_metric_group_name(g->metric, g->category);
        int ai = 0, ti = 0, ci = 0;
        while (strcmp(agency_order[ai], aid) != 0)
            ai++;
        while (strcmp(team_order[ti], tn) != 0)
            ti++;
        while (strcmp(cat_order[ci], cn) != 0)
            ci++;
        const char *mid = ov_metric_def_get((enum ov_metric_id)g->metric)->id;
        int cmp = 0;
        if (p != prev_p)
            cmp = p > prev_p ? 1 : -1;
        else if (ai != prev_a)
            cmp = ai > prev_a ? 1 : -1;
        else if (ti != prev_t)
            cmp = ti > prev_t ? 1 : -1;
        else if (ci != prev_c)
            cmp = ci > prev_c ? 1 : -1;
        else
            cmp = strcmp(mid, prev_m);
        if (i > 0 && cmp <= 0)
            fail_msg("row %zu out of order: %s %s %s %s", i, aid, tn, cn, mid);
        prev_p = p;
        prev_a = ai;
        prev_t = ti;
        prev_c = ci;
        prev_m = mid;
    }
    /* first row: earliest period, ALL, first metric id */
    assert_int_equal(e->res.figs[0].period, 1);
    assert_int_equal(e->res.figs[0].agency, OV_ALL);
    assert_int_equal(e->res.figs[0].metric, OV_M_AGREEMENT_CURRENT);
    fx_env_free(e);
}

/* The same input gives the same figures, bit for bit. */
static void test_reproducible(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    supervised_agency(e, "B", 7, 3);
    supervised_agency(e, "A", 6, 5);
    fx_run(e, Q3, 2);
    size_t n = e->res.nfigs;
    ov_figure *first = ov_xmalloc(n * sizeof(ov_figure));
    memcpy(first, e->res.figs, n * sizeof(ov_figure));
    fx_run(e, Q3, 2);
    assert_int_equal(e->res.nfigs, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(first[i].metric, e->res.figs[i].metric);
        assert_int_equal(first[i].agency, e->res.figs[i].agency);
        assert_int_equal(first[i].team, e->res.figs[i].team);
        assert_int_equal(first[i].num, e->res.figs[i].num);
        assert_int_equal(first[i].den, e->res.figs[i].den);
    }
    free(first);
    fx_env_free(e);
}

/* Compares two results figure by figure, every field that is printed. */
static void assert_same_figures(const ov_results *a, const ov_results *b)
{
    assert_int_equal(a->nfigs, b->nfigs);
    assert_int_equal(a->nperiods, b->nperiods);
    for (size_t i = 0; i < a->nfigs; i++) {
        const ov_figure *x = &a->figs[i], *y = &b->figs[i];
        assert_int_equal(x->period, y->period);
        assert_int_equal(x->metric, y->metric);
        assert_int_equal(x->category, y->category);
        assert_int_equal(x->agency, y->agency);
        assert_int_equal(x->team, y->team);
        assert_int_equal(x->num, y->num);
        assert_int_equal(x->den, y->den);
        assert_int_equal(x->has_value, y->has_value);
        assert_true(x->value == y->value);
        assert_int_equal(x->rag, y->rag);
        assert_int_equal(x->suppression, y->suppression);
        assert_int_equal(x->fill_num, y->fill_num);
        assert_int_equal(x->fill_den, y->fill_den);
    }
}

/* Agencies measured one at a time, in any order, each dropped once measured,
 * give exactly the figures of ov_metrics_compute; so do 1 and 3 threads. */
static void test_agency_by_agency(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    supervised_agency(e, "B", 7, 3);
    supervised_agency(e, "A", 6, 5);
    supervised_agency(e, "C", 12, 4);
    fx_agency(&e->d, "EMPTY");
    fx_run(e, Q3, 3);
    ov_period p;
    char err[128];
    assert_int_equal(ov_period_parse(Q3, &p, err, sizeof(err)), 0);
    ov_results r;
    for (int threads = 1; threads <= 3; threads += 2) {
        ov_metrics_config cfg = e->cfg;
        cfg.threads = threads;
        assert_int_equal(ov_metrics_compute(&e->d, &p, 3, &cfg, &r), 0);
        assert_same_figures(&e->res, &r);
        ov_results_free(&r);
    }
    /* a run that keeps no team figures keeps every other figure as it is,
     * whether the team rows go as each agency is measured or at the finish */
    for (int history = 0; history <= 1; history++) {
        ov_metrics_run *r1 = ov_metrics_begin(&e->d, &p, 3, &e->cfg);
        assert_non_null(r1);
        ov_metrics_drop_teams(r1, history);
        ov_metrics_drop_teams(NULL, 0);
        for (size_t i = 0; i < e->d.nagencies; i++)
            ov_metrics_agency(r1, (int32_t)i);
        assert_int_equal(ov_metrics_finish(r1, &r), 0);
        size_t nteam = 0, k = 0;
        for (size_t i = 0; i < e->res.nfigs; i++) {
            const ov_figure *f = &e->res.figs[i];
            if (f->team != OV_NONE) {
                nteam++;
                continue;
            }
            assert_true(k < r.nfigs);
            assert_int_equal(r.figs[k].metric, f->metric);
            assert_int_equal(r.figs[k].agency, f->agency);
            assert_int_equal(r.figs[k].num, f->num);
            assert_int_equal(r.figs[k].den, f->den);
            assert_int_equal(r.figs[k].rag, f->rag);
            assert_int_equal(r.figs[k].suppression, f->suppression);
            assert_ptr_equal(
                ov_results_find(&r, f->period, f->metric, f->agency, OV_NONE, f->category),
                &r.figs[k]);
            k++;
        }
        assert_true(nteam > 0);
        assert_int_equal(k, r.nfigs);
        ov_results_free(&r);
    }
    /* two runs measured together, agency by agency, give the figures of each
     * run measured alone */
    ov_metrics_run *runs[3] = {ov_metrics_begin(&e->d, &p, 3, &e->cfg), NULL,
                               ov_metrics_begin(&e->d, &p, 1, &e->cfg)};
    assert_non_null(runs[0]);
    assert_non_null(runs[2]);
    for (size_t i = 0; i < e->d.nagencies; i++)
        ov_metrics_agency_runs(runs, 3, (int32_t)i);
    ov_metrics_agency_runs(runs + 1, 1, 0); /* no run: nothing to do */
    assert_int_equal(ov_metrics_finish(runs[0], &r), 0);
    assert_same_figures(&e->res, &r);
    ov_results_free(&r);
    ov_results one;
    assert_int_equal(ov_metrics_finish(runs[2], &r), 0);
    assert_int_equal(ov_metrics_compute(&e->d, &p, 1, &e->cfg, &one), 0);
    assert_same_figures(&one, &r);
    ov_results_free(&one);
    ov_results_free(&r);
    ov_metrics_run *run = ov_metrics_begin(&e->d, &p, 3, &e->cfg);
    assert_non_null(run);
    for (size_t i = e->d.nagencies; i-- > 0;) {
        ov_metrics_agency(run, (int32_t)i);
        ov_agency_drop_records(&e->d.agencies[i]);
        assert_int_equal(e->d.agencies[i].nsessions, 0);
        assert_true(e->d.agencies[i].dropped);
    }
    assert_int_equal(ov_metrics_finish(run, &r), 0);
    assert_same_figures(&e->res, &r);
    ov_results_free(&r);
    /* a run dropped or ended without results */
    ov_metrics_cancel(ov_metrics_begin(&e->d, &p, 1, &e->cfg));
    ov_metrics_cancel(NULL);
    assert_null(ov_metrics_begin(&e->d, &p, 1, NULL));
    assert_int_equal(ov_metrics_finish(NULL, &r), -1);
    assert_int_equal(r.nfigs, 0);
    fx_env_free(e);
}

/* Every agency and ALL has every metric, even with no data at all. */
static void test_every_metric_for_every_agency(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    fx_agency(&e->d, "EMPTY");
    fx_run(e, Q3, 1);
    for (int m = 0; m < OV_M_COUNT; m++) {
        /* info_agencies_covered is a partnership figure only */
        if (m == OV_M_INFO_AGENCIES_COVERED)
            assert_null(fx_fig(e, 0, m, "EMPTY", NULL, OV_NONE));
        else
            assert_non_null(fx_fig(e, 0, m, "EMPTY", NULL, OV_NONE));
        assert_non_null(fx_fig(e, 0, m, NULL, NULL, OV_NONE));
    }
    /* and the fixed group rows: six criteria and five statements each */
    assert_int_equal(e->res.nfigs, 2 * OV_M_COUNT - 1 + 2 * (OV_CRIT_COUNT + OV_ITEM_COUNT));
    FX_INFO(e, OV_M_INFO_STAFF_IN_SCOPE, "EMPTY", 1, 0);
    FX_INFO(e, OV_M_INFO_ADHOC_HELD, "EMPTY", 1, 0);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "EMPTY", 0, 0);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, NULL, 0, 0);
    FX_INFO(e, OV_M_INFO_AGENCIES_COVERED, NULL, 1, 1);
    /* no agencies at all: ALL only */
    fx_env *f = fx_env_new();
    fx_run(f, Q3, 1);
    assert_int_equal(f->res.nfigs, OV_M_COUNT + OV_CRIT_COUNT + OV_ITEM_COUNT);
    fx_env_free(f);
    fx_env_free(e);
}

/* Bad arguments are refused; free accepts NULL. */
static void test_api_edges(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_period p;
    char err[128];
    assert_int_equal(ov_period_parse(Q3, &p, err, sizeof(err)), 0);
    ov_results r;
    assert_int_equal(ov_metrics_compute(&e->d, &p, 1, NULL, &r), -1);
    assert_int_equal(r.nfigs, 0);
    ov_metrics_config bad = {.standards = NULL, .calendar = &e->cal, .suppress_below = 5};
    assert_int_equal(ov_metrics_compute(&e->d, &p, 1, &bad, &r), -1);
    assert_int_equal(ov_metrics_compute(&e->d, &p, 0, &e->cfg, &r), 0); /* trend 0 = 1 */
    assert_int_equal(r.nperiods, 1);
    assert_null(ov_results_find(&r, 0, OV_M_STAFF_SUPERVISED, 3, OV_NONE, OV_NONE));
    assert_null(ov_results_find(NULL, 0, 0, OV_ALL, OV_NONE, OV_NONE));
    ov_results_free(&r);
    ov_results_free(NULL);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_pct_half_up),
        cmocka_unit_test(test_digits_as_printf),
        cmocka_unit_test(test_rag_exact_fraction),
        cmocka_unit_test(test_figure_rating_and_suppression),
        cmocka_unit_test(test_figure_8996_is_amber),
        cmocka_unit_test(test_thresholds_per_agency),
        cmocka_unit_test(test_all_is_the_sum_of_agencies),
        cmocka_unit_test(test_missing_file_is_no_data),
        cmocka_unit_test(test_median_even_count),
        cmocka_unit_test(test_trend_periods),
        cmocka_unit_test(test_row_order),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_agency_by_agency),
        cmocka_unit_test(test_every_metric_for_every_agency),
        cmocka_unit_test(test_api_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
