/* test_disclosure.c — secondary suppression (SPEC 9.3), step by step: team
 * rows inside one agency (step 1), the categories of a case metric and groups
 * that do not add up (step 2), one agency among several (step 3), the row
 * above suppressed instead, a case that needs a second pass, and the same rules
 * reached through the metrics engine. Most tests hand the module a small list
 * of figures in metrics.csv order, so that every number is chosen by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "metrics/disclosure.h"
#include "metrics_fixture.h"

#define Q3 "2025-26-Q3"
#define A  0 /* agency indexes, in agency_id order */
#define B  1
#define C  2
#define D  3
#define E  4

/* A list of figures built in metrics.csv order. */
typedef struct {
    ov_figure f[32];
    size_t n;
} figs;

/* Appends a figure of period 0, rated with the default thresholds and the
 * primary suppression below 5; returns its index. */
static size_t add(figs *l, int metric, int32_t agency, int32_t team, int cat, int64_t num,
                  int64_t den)
{
    assert_true(l->n < sizeof(l->f) / sizeof(l->f[0]));
    ov_figure *g = &l->f[l->n];
    memset(g, 0, sizeof(*g));
    g->metric = (uint8_t)metric;
    g->agency = agency;
    g->team = team;
    g->category = (int8_t)cat;
    g->num = num;
    g->den = den;
    g->has_value = den > 0;
    g->rag = (uint8_t)ov_metrics_rag(num, den, NULL, 5);
    g->suppression = g->rag == OV_RAG_SUPPRESSED ? OV_SUPP_PRIMARY : OV_SUPP_NONE;
    return l->n++;
}

/* Appends a figure whose agency does not cover the period. */
static size_t add_not_covered(figs *l, int metric, int32_t agency, int cat)
{
    size_t i = add(l, metric, agency, OV_NONE, cat, 0, 0);
    l->f[i].rag = OV_RAG_NOT_COVERED;
    return i;
}

#define RAG(l, i)  ((l).f[(i)].rag)
#define SUPP(l, i) ((l).f[(i)].suppression)

/* Step 1: inside one agency, the shown team with the smallest denominator
 * (the first in team order on a tie) goes with the suppressed one. */
static void test_step1_teams_of_one_agency(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_NOTES_TIMELY;
    size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 10, 19);
    size_t ag = add(&l, m, A, OV_NONE, OV_NONE, 10, 19);
    size_t t1 = add(&l, m, A, 0, OV_NONE, 2, 3); /* suppressed */
    size_t t2 = add(&l, m, A, 1, OV_NONE, 4, 8);
    size_t t3 = add(&l, m, A, 2, OV_NONE, 4, 8);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 1);
    assert_int_equal(SUPP(l, t1), OV_SUPP_PRIMARY);
    assert_int_equal(RAG(l, t2), OV_RAG_SUPPRESSED); /* tie 8 = 8: first in team order */
    assert_int_equal(SUPP(l, t2), OV_SUPP_SECONDARY);
    assert_int_equal(RAG(l, t3), OV_RAG_RED);
    assert_int_equal(RAG(l, ag), OV_RAG_RED);
    assert_int_equal(RAG(l, all), OV_RAG_RED);
    /* numbers are kept: it is the analyst file */
    assert_int_equal(l.f[t2].num, 4);
    assert_int_equal(l.f[t2].den, 8);
    /* a second run changes nothing */
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 0);
}

/* Step 1: a team set where nothing is suppressed under a shown agency, or
 * where two are already suppressed, is left alone. */
static void test_step1_nothing_to_do(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_NOTES_TIMELY;
    add(&l, m, OV_ALL, OV_NONE, OV_NONE, 20, 30);
    add(&l, m, A, OV_NONE, OV_NONE, 20, 30);
    add(&l, m, A, 0, OV_NONE, 10, 15);
    add(&l, m, A, 1, OV_NONE, 10, 15);
    add(&l, m, B, OV_NONE, OV_NONE, 0, 0); /* no_data, a set of its own */
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 0);
    figs k = {.n = 0};
    add(&k, m, OV_ALL, OV_NONE, OV_NONE, 20, 30);
    add(&k, m, A, OV_NONE, OV_NONE, 20, 30);
    add(&k, m, A, 0, OV_NONE, 2, 4);
    add(&k, m, A, 1, OV_NONE, 2, 4);
    add(&k, m, A, 2, OV_NONE, 16, 22);
    assert_int_equal(ov_disclosure_apply(k.f, k.n), 0);
}

/* Step 3: one agency among several is suppressed; the shown agency with the
 * smallest denominator follows it, not one that is no_data or not_covered. */
static void test_step3_one_agency_among_several(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_SUPERVISION_FREQUENCY;
    size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 30, 40);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 3, 4);
    size_t b = add_not_covered(&l, m, B, OV_NONE);
    size_t c = add(&l, m, C, OV_NONE, OV_NONE, 0, 0);
    size_t d = add(&l, m, D, OV_NONE, OV_NONE, 15, 20);
    size_t e = add(&l, m, E, OV_NONE, OV_NONE, 12, 16);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 1);
    assert_int_equal(RAG(l, a), OV_RAG_SUPPRESSED);
    assert_int_equal(RAG(l, b), OV_RAG_NOT_COVERED);
    assert_int_equal(RAG(l, c), OV_RAG_NO_DATA);
    assert_int_equal(RAG(l, d), OV_RAG_RED);
    assert_int_equal(RAG(l, e), OV_RAG_SUPPRESSED);
    assert_int_equal(SUPP(l, e), OV_SUPP_SECONDARY);
    assert_int_equal(RAG(l, all), OV_RAG_RED);
}

/* Step 3 under a suppressed ALL row: the agencies add up to it, so one of
 * them is suppressed too (here ALL is suppressed by hand, as a secondary
 * suppression from elsewhere would leave it). */
static void test_step3_under_suppressed_all(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_SUPERVISION_FREQUENCY;
    size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 25, 30);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 10, 12);
    size_t b = add(&l, m, B, OV_NONE, OV_NONE, 15, 18);
    l.f[all].rag = OV_RAG_SUPPRESSED;
    l.f[all].suppression = OV_SUPP_SECONDARY;
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 1);
    assert_int_equal(RAG(l, a), OV_RAG_SUPPRESSED);
    assert_int_equal(RAG(l, b), OV_RAG_AMBER); /* 83.3 % */
    /* the same agencies adding up to something else are left alone */
    figs k = {.n = 0};
    size_t all2 = add(&k, m, OV_ALL, OV_NONE, OV_NONE, 25, 31);
    size_t a2 = add(&k, m, A, OV_NONE, OV_NONE, 10, 12);
    add(&k, m, B, OV_NONE, OV_NONE, 15, 18);
    k.f[all2].rag = OV_RAG_SUPPRESSED;
    assert_int_equal(ov_disclosure_apply(k.f, k.n), 0);
    assert_int_equal(RAG(k, a2), OV_RAG_AMBER);
}

/* Step 2: the categories of a case metric add up to the agency row, so a
 * second category goes with a suppressed one; ALL's categories likewise. */
static void test_step2_case_categories(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_CASE_OVERSIGHT_PERIOD;
    size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 10, 20);
    size_t all_cin = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CIN, 1, 2);
    size_t all_cp = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CP, 4, 8);
    size_t all_eh = add(&l, m, OV_ALL, OV_NONE, OV_CAT_EARLY_HELP, 5, 10);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 10, 20);
    size_t cin = add(&l, m, A, OV_NONE, OV_CAT_CIN, 1, 2);
    size_t cp = add(&l, m, A, OV_NONE, OV_CAT_CP, 4, 8);
    size_t eh = add(&l, m, A, OV_NONE, OV_CAT_EARLY_HELP, 5, 10);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 2);
    assert_int_equal(RAG(l, cin), OV_RAG_SUPPRESSED);
    assert_int_equal(RAG(l, cp), OV_RAG_SUPPRESSED);
    assert_int_equal(SUPP(l, cp), OV_SUPP_SECONDARY);
    assert_int_equal(RAG(l, eh), OV_RAG_RED);
    assert_int_equal(RAG(l, all_cp), OV_RAG_SUPPRESSED);
    assert_int_equal(RAG(l, all_cin), OV_RAG_SUPPRESSED);
    assert_int_equal(RAG(l, all_eh), OV_RAG_RED);
    assert_int_equal(RAG(l, a), OV_RAG_RED);
    assert_int_equal(RAG(l, all), OV_RAG_RED);
}

/* Step 2 only for groups that add up (ov_metric_def.groups_add_up): the same
 * rows under a metric without that flag keep their second group shown. */
static void test_step2_groups_that_do_not_add_up(void **state)
{
    (void)state;
    assert_false(ov_metric_def_get(OV_M_NOTES_TIMELY)->groups_add_up);
    assert_true(ov_metric_def_get(OV_M_CASE_OVERSIGHT_CURRENT)->groups_add_up);
    figs l = {.n = 0};
    int m = OV_M_NOTES_TIMELY;
    add(&l, m, OV_ALL, OV_NONE, OV_NONE, 10, 20);
    add(&l, m, OV_ALL, OV_NONE, OV_CAT_CIN, 1, 2);
    size_t all_cp = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CP, 9, 18);
    add(&l, m, A, OV_NONE, OV_NONE, 10, 20);
    add(&l, m, A, OV_NONE, OV_CAT_CIN, 1, 2);
    size_t cp = add(&l, m, A, OV_NONE, OV_CAT_CP, 9, 18);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 0);
    assert_int_equal(RAG(l, cp), OV_RAG_RED);
    assert_int_equal(RAG(l, all_cp), OV_RAG_RED);
}

/* The row above suppressed instead, and a second pass. B's categories add up
 * to B; B is the only agency with cin. Pass 1: B's cic is suppressed, so B's
 * cin (8, the smallest) goes too (step 2); step 3 then finds cin held by B
 * alone, suppressed, under a shown ALL cin that it adds up to: ALL cin is
 * suppressed instead. Step 3 for cic also suppresses A's cic. Pass 2: A's
 * categories now hold one suppressed row, so A's cp follows (step 2), ALL's
 * categories hold one (cin), so ALL cic follows, and step 3 for cp suppresses
 * B's cp beside A's. Pass 3 changes nothing. */
static void test_row_above_instead_and_second_pass(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_CASE_OVERSIGHT_PERIOD;
    size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 30, 36);
    size_t all_cic = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CIC, 7, 9);
    size_t all_cin = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CIN, 6, 8);
    size_t all_cp = add(&l, m, OV_ALL, OV_NONE, OV_CAT_CP, 17, 19);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 14, 16);
    size_t a_cic = add(&l, m, A, OV_NONE, OV_CAT_CIC, 5, 6);
    size_t a_cp = add(&l, m, A, OV_NONE, OV_CAT_CP, 9, 10);
    size_t b = add(&l, m, B, OV_NONE, OV_NONE, 16, 20);
    size_t b_cic = add(&l, m, B, OV_NONE, OV_CAT_CIC, 2, 3);
    size_t b_cin = add(&l, m, B, OV_NONE, OV_CAT_CIN, 6, 8);
    size_t b_cp = add(&l, m, B, OV_NONE, OV_CAT_CP, 8, 9);
    assert_int_equal(SUPP(l, b_cic), OV_SUPP_PRIMARY);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 6);
    size_t secondary[] = {b_cin, all_cin, a_cic, a_cp, all_cic, b_cp};
    for (size_t i = 0; i < sizeof(secondary) / sizeof(secondary[0]); i++) {
        assert_int_equal(RAG(l, secondary[i]), OV_RAG_SUPPRESSED);
        assert_int_equal(SUPP(l, secondary[i]), OV_SUPP_SECONDARY);
    }
    assert_int_equal(RAG(l, all), OV_RAG_AMBER);    /* 83.3 % */
    assert_int_equal(RAG(l, all_cp), OV_RAG_AMBER); /* 89.5 % */
    assert_int_equal(RAG(l, a), OV_RAG_AMBER);      /* 87.5 % */
    assert_int_equal(RAG(l, b), OV_RAG_AMBER);      /* 80.0 % */
}

/* The second pass alone: step 3 suppresses B beside A; B's teams are checked
 * again in the next pass, and under a suppressed B one of them goes too,
 * although team rows need not add up (a supervisor counts in their own team). */
static void test_teams_after_agency_in_next_pass(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_SUPERVISOR_TRAINED;
    add(&l, m, OV_ALL, OV_NONE, OV_NONE, 8, 11);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 2, 3);
    size_t b = add(&l, m, B, OV_NONE, OV_NONE, 6, 8);
    size_t t1 = add(&l, m, B, 0, OV_NONE, 3, 5);
    size_t t2 = add(&l, m, B, 1, OV_NONE, 2, 5);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 2);
    assert_int_equal(SUPP(l, a), OV_SUPP_PRIMARY);
    assert_int_equal(SUPP(l, b), OV_SUPP_SECONDARY);
    assert_int_equal(SUPP(l, t1), OV_SUPP_SECONDARY); /* tie 5 = 5: first team */
    assert_int_equal(RAG(l, t2), OV_RAG_RED);
}

/* The worked example of docs/metrics.md: AAA 3 of 4 beside BBB 10 of 12 and
 * CCC 14 of 16 (ALL 27 of 32); BBB's teams North 4 of 5 and South 6 of 7. */
static void test_docs_example(void **state)
{
    (void)state;
    figs l = {.n = 0};
    int m = OV_M_STAFF_SUPERVISED;
    add(&l, m, OV_ALL, OV_NONE, OV_NONE, 27, 32);
    size_t a = add(&l, m, A, OV_NONE, OV_NONE, 3, 4);
    size_t b = add(&l, m, B, OV_NONE, OV_NONE, 10, 12);
    size_t north = add(&l, m, B, 0, OV_NONE, 4, 5);
    size_t south = add(&l, m, B, 1, OV_NONE, 6, 7);
    size_t c = add(&l, m, C, OV_NONE, OV_NONE, 14, 16);
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 2);
    assert_int_equal(SUPP(l, a), OV_SUPP_PRIMARY);
    assert_int_equal(SUPP(l, b), OV_SUPP_SECONDARY);
    assert_int_equal(SUPP(l, north), OV_SUPP_SECONDARY);
    assert_int_equal(RAG(l, south), OV_RAG_AMBER); /* 85.7 % */
    assert_int_equal(RAG(l, c), OV_RAG_AMBER);
}

/* Nothing suppressed, info rows and an empty list: nothing to do. */
static void test_nothing_suppressed(void **state)
{
    (void)state;
    assert_int_equal(ov_disclosure_apply(NULL, 0), 0);
    figs l = {.n = 0};
    add(&l, OV_M_NOTES_SHARED, OV_ALL, OV_NONE, OV_NONE, 20, 30);
    add(&l, OV_M_NOTES_SHARED, A, OV_NONE, OV_NONE, 20, 30);
    size_t info = add(&l, OV_M_INFO_STAFF_IN_SCOPE, A, OV_NONE, OV_NONE, 0, 0);
    l.f[info].rag = OV_RAG_INFO;
    assert_int_equal(ov_disclosure_apply(l.f, l.n), 0);
    assert_int_equal(RAG(l, info), OV_RAG_INFO);
}

/* Staff in scope: n members of team, each with a 1:1 held in October. */
static void staff_held(ov_agency *a, const char *prefix, const char *team, int n)
{
    for (int i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof(id), "%s%d", prefix, i);
        FX_STAFF(a, .id = id, .team = team);
        fx_held(a, id, "2025-10-06");
    }
}

/* Through the engine: three agencies, of which one has 3 staff in scope. The
 * smaller of the other two is suppressed beside it (step 3); inside the
 * largest, the smaller team goes with its 2-person team (step 1). */
static void test_engine_agencies_and_teams(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    staff_held(fx_agency(&e->d, "AAA"), "a", "T", 3);
    staff_held(fx_agency(&e->d, "BBB"), "b", "T", 6);
    ov_agency *c = fx_agency(&e->d, "CCC");
    staff_held(c, "c", "North", 2);
    staff_held(c, "d", "South", 6);
    staff_held(c, "e", "West", 7);
    fx_run(e, Q3, 1);
    const ov_figure *g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "AAA", NULL, OV_NONE);
    assert_int_equal(g->suppression, OV_SUPP_PRIMARY);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "BBB", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
    assert_int_equal(g->suppression, OV_SUPP_SECONDARY);
    assert_int_equal(g->den, 6);
    g = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "CCC", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_GREEN);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "CCC", "North", OV_NONE)->suppression,
                     OV_SUPP_PRIMARY);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "CCC", "South", OV_NONE)->suppression,
                     OV_SUPP_SECONDARY);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "CCC", "West", OV_NONE)->rag,
                     OV_RAG_GREEN);
    assert_int_equal(fx_fig(e, 0, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE)->rag, OV_RAG_GREEN);
    fx_env_free(e);
}

/* Through the engine: one agency holds every cic episode, too few to show,
 * beside 6 cp episodes: the cp row is suppressed too, at the agency and for
 * ALL (step 2). */
static void test_engine_case_categories(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "W");
    static const char *const kids[] = {"K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"};
    for (int i = 0; i < 8; i++) {
        fx_case(a, kids[i], i < 2 ? OV_CAT_CIC : OV_CAT_CP, "2025-09-01", NULL);
        fx_oversight(a, kids[i], "2025-10-15");
        fx_oversight(a, kids[i], "2025-12-10");
    }
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "A", NULL, OV_CAT_CIC, 2, 2);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "A", NULL, OV_CAT_CP, 6, 6);
    for (int m = OV_M_CASE_OVERSIGHT_CURRENT; m <= OV_M_CASE_OVERSIGHT_PERIOD; m++) {
        assert_int_equal(fx_fig(e, 0, m, "A", NULL, OV_CAT_CP)->suppression, OV_SUPP_SECONDARY);
        assert_int_equal(fx_fig(e, 0, m, NULL, NULL, OV_CAT_CP)->suppression, OV_SUPP_SECONDARY);
        assert_int_equal(fx_fig(e, 0, m, "A", NULL, OV_NONE)->rag, OV_RAG_GREEN);
        assert_int_equal(fx_fig(e, 0, m, NULL, NULL, OV_NONE)->rag, OV_RAG_GREEN);
    }
    fx_env_free(e);
}

/* A small deterministic generator for the random trials. */
static uint32_t next_random(uint32_t *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

/* Dropping the team rows first (ov_disclosure_teams_first on each agency,
 * then ov_disclosure_apply on the rest) leaves every other row as the whole
 * set gives it: 20,000 random partnerships of up to four agencies of up to
 * three teams, agency rows often adding up to their teams and sometimes shown
 * below the threshold, so that a team's suppression can reach its agency. */
static void test_teams_first_is_the_same(void **state)
{
    (void)state;
    uint32_t x = 12345;
    size_t upward = 0;
    for (int trial = 0; trial < 20000; trial++) {
        figs l = {.n = 0};
        int m = next_random(&x) % 2 ? OV_M_SUPERVISOR_TRAINED : OV_M_SUPERVISION_FREQUENCY;
        size_t all = add(&l, m, OV_ALL, OV_NONE, OV_NONE, 0, 0);
        int nag = 1 + (int)(next_random(&x) % 4);
        size_t first[5];
        for (int a = 0; a < nag; a++) {
            first[a] = l.n;
            size_t top = add(&l, m, a, OV_NONE, OV_NONE, 0, 0);
            int nt = (int)(next_random(&x) % 4);
            int64_t num = 0, den = 0;
            for (int t = 0; t < nt; t++) {
                int64_t d = next_random(&x) % 8, n = d ? next_random(&x) % (uint32_t)(d + 1) : 0;
                add(&l, m, a, t, OV_NONE, n, d);
                num += n;
                den += d;
            }
            if (next_random(&x) % 10 >= 6) {
                den = next_random(&x) % 20;
                num = den ? next_random(&x) % (uint32_t)(den + 1) : 0;
            }
            ov_figure *g = &l.f[top];
            g->num = num;
            g->den = den;
            g->has_value = den > 0;
            g->rag = (uint8_t)ov_metrics_rag(num, den, NULL, 5);
            if (next_random(&x) % 10 < 3)
                g->rag = OV_RAG_GREEN; /* shown although small: reaches the upward rule */
            else if (next_random(&x) % 20 == 0)
                g->rag = OV_RAG_NOT_COVERED;
            g->suppression = g->rag == OV_RAG_SUPPRESSED ? OV_SUPP_PRIMARY : OV_SUPP_NONE;
            l.f[all].num += num;
            l.f[all].den += den;
        }
        first[nag] = l.n;
        l.f[all].rag = (uint8_t)ov_metrics_rag(l.f[all].num, l.f[all].den, NULL, 5);
        l.f[all].suppression = l.f[all].rag == OV_RAG_SUPPRESSED ? OV_SUPP_PRIMARY : OV_SUPP_NONE;

        figs whole = l, rest = {.n = 0};
        ov_disclosure_apply(whole.f, whole.n);
        for (int a = 0; a < nag; a++)
            upward += ov_disclosure_teams_first(&l.f[first[a]], first[a + 1] - first[a]);
        size_t at[32];
        for (size_t i = 0; i < l.n; i++)
            if (l.f[i].team == OV_NONE) {
                at[rest.n] = i;
                rest.f[rest.n++] = l.f[i];
            }
        ov_disclosure_apply(rest.f, rest.n);
        for (size_t k = 0; k < rest.n; k++) {
            assert_int_equal(rest.f[k].rag, whole.f[at[k]].rag);
            assert_int_equal(rest.f[k].suppression, whole.f[at[k]].suppression);
        }
    }
    assert_true(upward > 100); /* the upward rule was reached, not only the easy cases */
    assert_int_equal(ov_disclosure_teams_first(NULL, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step1_teams_of_one_agency),
        cmocka_unit_test(test_step1_nothing_to_do),
        cmocka_unit_test(test_step3_one_agency_among_several),
        cmocka_unit_test(test_step3_under_suppressed_all),
        cmocka_unit_test(test_step2_case_categories),
        cmocka_unit_test(test_step2_groups_that_do_not_add_up),
        cmocka_unit_test(test_row_above_instead_and_second_pass),
        cmocka_unit_test(test_teams_after_agency_in_next_pass),
        cmocka_unit_test(test_docs_example),
        cmocka_unit_test(test_nothing_suppressed),
        cmocka_unit_test(test_engine_agencies_and_teams),
        cmocka_unit_test(test_engine_case_categories),
        cmocka_unit_test(test_teams_first_is_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
