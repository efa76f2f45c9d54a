/* test_metrics_cases.c — case oversight (snapshot at pe and never overdue in
 * P), per-category rows, and the day 8 / day 20 assessment reviews, each
 * figure worked out by hand. Period 2025-26 Q3 (1 Oct - 31 Dec 2025). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "metrics_fixture.h"

#define Q3 "2025-26-Q3"

/* An agency with a staff member (so it has staff) and cases.csv received. */
static ov_agency *case_agency(fx_env *e, const char *id)
{
    ov_agency *a = fx_agency(&e->d, id);
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "W");
    return a;
}

/* The due date itself is not overdue; the day after is. */
static void test_oversight_due_on_pe_and_day_before(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    fx_case(a, "due_on_pe", OV_CAT_CP, "2025-10-31", NULL);  /* due 12-31 */
    fx_case(a, "due_before", OV_CAT_CP, "2025-10-30", NULL); /* due 12-30 */
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CP, 1, 2);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CP, 1, 2);
    fx_env_free(e);
}

/* Overdue days lie strictly between the due date and the next oversight: an
 * oversight on the due date or the day after leaves no overdue day, two days
 * after leaves one. */
static void test_oversight_on_due_date_and_after(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    /* cin, 3 months: start 07-15, due 10-15 */
    fx_case(a, "on_due", OV_CAT_CIN, "2025-07-15", NULL);
    fx_oversight(a, "on_due", "2025-10-15");
    fx_case(a, "day_after", OV_CAT_CIN, "2025-07-15", NULL);
    fx_oversight(a, "day_after", "2025-10-16");
    fx_case(a, "two_after", OV_CAT_CIN, "2025-07-15", NULL);
    fx_oversight(a, "two_after", "2025-10-17");
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CIN, 2, 3);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CIN, 3, 3);
    fx_env_free(e);
}

/* Episodes opening inside P, a child never overseen, category intervals. */
static void test_oversight_new_episodes_and_intervals(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    fx_case(a, "never", OV_CAT_CIC, "2025-06-01", NULL);       /* due 08-01 */
    fx_case(a, "opens_nov", OV_CAT_CIC, "2025-11-10", NULL);   /* due 2026-01-10 */
    fx_case(a, "opens_oct", OV_CAT_CIC, "2025-10-01", NULL);   /* due 12-01 */
    fx_case(a, "ltm_oct", OV_CAT_CIC_LTM, "2025-10-01", NULL); /* 3 months: 2026-01-01 */
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CIC, 1, 3);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CIC, 1, 3);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CIC_LTM, 1, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CIC_LTM, 1, 1);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", 2, 4);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", 2, 4);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "C", 1, 4);
    fx_env_free(e);
}

/* Category intervals come from the standards. */
static void test_oversight_interval_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.interval_months[OV_CAT_CP] = 1;
    ov_agency *a = case_agency(e, "C");
    fx_case(a, "K", OV_CAT_CP, "2025-10-31", NULL); /* due 11-30 */
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CP, 0, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CP, 0, 1);
    fx_env_free(e);
}

/* Episodes closing in P: the window ends at the end date; oversights after the
 * window are not anchors; closed episodes are not in the snapshot. */
static void test_oversight_episode_closed_in_period(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    /* early help, 3 months: oversight 07-10, due 10-10 */
    fx_case(a, "ends_1015", OV_CAT_EARLY_HELP, "2025-06-01", "2025-10-15");
    fx_oversight(a, "ends_1015", "2025-07-10");
    fx_case(a, "ends_1010", OV_CAT_EARLY_HELP, "2025-06-01", "2025-10-10");
    fx_oversight(a, "ends_1010", "2025-07-10");
    fx_case(a, "late_after_end", OV_CAT_EARLY_HELP, "2025-06-01", "2025-10-15");
    fx_oversight(a, "late_after_end", "2025-07-10");
    fx_oversight(a, "late_after_end", "2025-10-20");
    /* ended before P: not counted and no category row */
    fx_case(a, "before", OV_CAT_CARE_LEAVER, "2024-01-01", "2025-09-30");
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_EARLY_HELP, 1, 3);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_EARLY_HELP, 0, 0);
    assert_int_equal(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_EARLY_HELP)->rag,
                     OV_RAG_NO_DATA);
    assert_null(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CARE_LEAVER));
    assert_null(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CARE_LEAVER));
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "C", 1, 0);
    /* an episode ending on pe is open on pe */
    fx_case(&e->d.agencies[0], "ends_pe", OV_CAT_CP, "2025-12-01", "2025-12-31");
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CP, 1, 1);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "C", 1, 1);
    fx_env_free(e);
}

/* An anchor before P whose next oversight falls inside P. */
static void test_oversight_anchor_before_period(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    /* cp: oversight 08-01 due 10-01; next 10-03 leaves 10-02 overdue */
    fx_case(a, "gap", OV_CAT_CP, "2025-05-01", NULL);
    fx_oversight(a, "gap", "2025-08-01");
    fx_oversight(a, "gap", "2025-10-03");
    fx_oversight(a, "gap", "2025-12-02");
    /* next on 10-02: no day strictly between */
    fx_case(a, "nogap", OV_CAT_CP, "2025-05-01", NULL);
    fx_oversight(a, "nogap", "2025-08-01");
    fx_oversight(a, "nogap", "2025-10-02");
    fx_oversight(a, "nogap", "2025-12-01");
    /* overdue long before P only: 2024 gap does not count */
    fx_case(a, "old_gap", OV_CAT_CP, "2024-01-01", NULL);
    fx_oversight(a, "old_gap", "2025-09-15");
    fx_oversight(a, "old_gap", "2025-11-14");
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CP, 2, 3);
    /* at pe: gap last 12-02 due 02-02; nogap 12-01 due 02-01; old_gap 11-14 due 01-14 */
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CP, 3, 3);
    fx_env_free(e);
}

/* An oversight counts for every episode of the child; oversights after pe
 * or before an episode's start do not count for it. */
static void test_oversight_child_level(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    fx_case(a, "K", OV_CAT_CIN, "2025-09-01", NULL); /* due 12-01 */
    fx_case(a, "K", OV_CAT_CP, "2025-10-01", NULL);  /* due 12-01 */
    fx_oversight(a, "K", "2025-11-05");
    fx_case(a, "L", OV_CAT_CP, "2025-10-20", NULL); /* due 12-20 */
    fx_oversight(a, "L", "2026-01-02");             /* after pe */
    fx_oversight(a, "L", "2025-10-19");             /* before start */
    fx_run(e, Q3, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CIN, 1, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CIN, 1, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CP, 1, 2);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, "C", NULL, OV_CAT_CP, 1, 2);
    fx_env_free(e);
}

/* Case metrics have agency, ALL and category rows: no team rows; category rows
 * only for categories present; no_data for an agency without cases. */
static void test_case_rows(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = case_agency(e, "C");
    fx_case(a, "K", OV_CAT_CP, "2025-10-31", NULL);
    a = fx_agency(&e->d, "D"); /* no cases.csv */
    FX_STAFF(a, .id = "W");
    a = case_agency(e, "E");
    fx_case(a, "K", OV_CAT_CIN, "2025-10-31", NULL);
    fx_run(e, Q3, 1);
    assert_null(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_CURRENT, "C", "T", OV_NONE));
    assert_null(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_CURRENT, "C", NULL, OV_CAT_CIN));
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, NULL, NULL, OV_CAT_CIN, 1, 1);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_CURRENT, NULL, NULL, OV_CAT_CP, 1, 1);
    assert_null(fx_fig(e, 0, OV_M_CASE_OVERSIGHT_CURRENT, NULL, NULL, OV_CAT_CIC));
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_CURRENT, NULL, 2, 2);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_CURRENT, "D", 0, 0);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_PERIOD, "D", 0, 0);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, "D", 0, 0);
    FX_INFO(e, OV_M_INFO_EPISODES_OPEN, NULL, 1, 2);
    /* only category-scoped metrics have category rows; the only other group
     * rows are the fixed groups (criteria, survey statements) */
    for (size_t i = 0; i < e->res.nfigs; i++) {
        const ov_figure *g = &e->res.figs[i];
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)g->metric);
        if (g->category != OV_NONE && md->ngroups == 0)
            assert_int_equal(md->scope, OV_SCOPE_CASE);
    }
    fx_env_free(e);
}

/* Assessments: started in P, review day by pe; review in [start, limit]. */
static void test_assessment_reviews(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "C");
    FX_STAFF(a, .id = "W");
    fx_file(a, OV_DS_ASSESSMENTS, OV_FILE_RECEIVED);
    /* 12-17 + 8 = 12-31 (in); + 20 = 2026-01-19 (out) */
    fx_assessment(a, "A1", "2025-12-17", "2025-12-31", NULL);
    /* 12-18 + 8 = 2026-01-02 and 12-19 + 8 = 2026-01-05: day 8 after pe (out) */
    fx_assessment(a, "A2", "2025-12-18", "2025-12-19", NULL);
    fx_assessment(a, "A3", "2025-12-19", NULL, NULL);
    /* starts on ps: review on the start day (8) and on the limit 10-29 (20) */
    fx_assessment(a, "A4", "2025-10-01", "2025-10-01", "2025-10-29");
    /* starts before P */
    fx_assessment(a, "A5", "2025-09-30", "2025-10-01", "2025-10-02");
    /* 12-01: day 8 limit 12-11 (12-12 late), day 20 limit 12-31 (on time) */
    fx_assessment(a, "A6", "2025-12-01", "2025-12-12", "2025-12-31");
    /* 12-02: day 20 limit 2026-01-02 (out); day 8 blank */
    fx_assessment(a, "A7", "2025-12-02", NULL, "2025-12-05");
    /* 11-03: review before the start; day 20 (limit 12-01) blank */
    fx_assessment(a, "A8", "2025-11-03", "2025-10-31", NULL);
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY8, "C", 2, 5);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY20, "C", 2, 3);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY8, NULL, 2, 5);
    assert_null(fx_fig(e, 0, OV_M_ASSESSMENT_DAY8, "C", "T", OV_NONE));
    fx_env_free(e);
}

/* The review points come from the standards. */
static void test_assessment_review_points_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.review_day_early = 5;
    e->std.review_day_late = 10;
    ov_agency *a = fx_agency(&e->d, "C");
    FX_STAFF(a, .id = "W");
    /* Mon 11-03: + 5 = 11-10, + 10 = 11-17 */
    fx_assessment(a, "A1", "2025-11-03", "2025-11-10", "2025-11-18");
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY8, "C", 1, 1);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY20, "C", 0, 1);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oversight_due_on_pe_and_day_before),
        cmocka_unit_test(test_oversight_on_due_date_and_after),
        cmocka_unit_test(test_oversight_new_episodes_and_intervals),
        cmocka_unit_test(test_oversight_interval_from_standards),
        cmocka_unit_test(test_oversight_episode_closed_in_period),
        cmocka_unit_test(test_oversight_anchor_before_period),
        cmocka_unit_test(test_oversight_child_level),
        cmocka_unit_test(test_case_rows),
        cmocka_unit_test(test_assessment_reviews),
        cmocka_unit_test(test_assessment_review_points_from_standards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
