/* test_metrics_quality.c — the quality and outcomes figures of SPEC 7 built from
 * tables in memory: audits graded good and the criteria met (per criterion and
 * per team), practitioner feedback (a response's average, per statement, per
 * team of S), workforce stability with starters and leavers in trend periods,
 * no data for a file not sent, not covered periods, and secondary suppression
 * of criteria (which add up) but not of statements (which overlap). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/mem.h"
#include "core/strtab.h"
#include "metrics_fixture.h"

#define Q3 "2025-26-Q3"

/* Asserts the rag of a figure of period 0 (a macro so that a failure names the
 * test's own line). */
#define FX_RAG(e, metric, agency, team, cat, r)                                                    \
    do {                                                                                           \
        const ov_figure *g_ = fx_fig((e), 0, (metric), (agency), (team), (cat));                   \
        assert_non_null(g_);                                                                       \
        assert_int_equal(g_->rag, (r));                                                            \
    } while (0)

/* Audits of staff of S dated in P: graded good, criteria met of those
 * assessed (per criterion, per team); audits of others or outside P do not
 * count; no file is no data and blank information, a header-only file 0. */
static void test_audits(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "M", .team = "Mgmt", .not_frequent = 1);
    FX_STAFF(a, .id = "S1", .team = "North");
    FX_STAFF(a, .id = "S2", .team = "North");
    FX_STAFF(a, .id = "S3", .team = "South");
    FX_STAFF(a, .id = "L", .team = "South", .end = "2025-09-30");
    fx_audit(a, "S1", "2025-10-10", OV_GRADE_GOOD, "YYNY--");
    fx_audit(a, "S1", "2025-11-10", OV_GRADE_OUTSTANDING, "YYYYYY");
    fx_audit(a, "S2", "2025-12-31", OV_GRADE_REQUIRES_IMPROVEMENT, "NN----");
    fx_audit(a, "S3", "2025-10-01", OV_GRADE_INADEQUATE, "N-N-N-");
    fx_audit(a, "S3", "2025-11-20", OV_GRADE_GOOD, "------");
    fx_audit(a, "M", "2025-11-01", OV_GRADE_GOOD, "YYYYYY");        /* not in S */
    fx_audit(a, "L", "2025-09-15", OV_GRADE_GOOD, "YYYYYY");        /* left before P */
    fx_audit(a, "S1", "2025-09-30", OV_GRADE_GOOD, "YYYYYY");       /* before P */
    fx_audit(a, "S2", "2026-01-01", OV_GRADE_INADEQUATE, "NNNNNN"); /* after P */
    ov_agency *b = fx_agency(&e->d, "B"); /* sent no supervision_audits.csv */
    FX_STAFF(b, .id = "B1", .team = "Solo");
    ov_agency *c = fx_agency(&e->d, "C"); /* sent it with no rows */
    FX_STAFF(c, .id = "C1", .team = "Only");
    fx_file(c, OV_DS_SUPERVISION_AUDITS, OV_FILE_RECEIVED);
    fx_run(e, Q3, 1);

    FX_AGENCY(e, OV_M_AUDIT_GOOD, "A", 3, 5);
    FX_TEAM(e, OV_M_AUDIT_GOOD, "A", "North", 2, 3);
    FX_TEAM(e, OV_M_AUDIT_GOOD, "A", "South", 1, 2);
    assert_null(fx_fig(e, 0, OV_M_AUDIT_GOOD, "A", "Mgmt", OV_NONE));
    FX_AGENCY(e, OV_M_AUDIT_CRITERIA, "A", 9, 15);
    FX_TEAM(e, OV_M_AUDIT_CRITERIA, "A", "North", 9, 12);
    FX_TEAM(e, OV_M_AUDIT_CRITERIA, "A", "South", 0, 3);
    static const int64_t num[OV_CRIT_COUNT] = {2, 2, 1, 2, 1, 1};
    static const int64_t den[OV_CRIT_COUNT] = {4, 3, 3, 2, 2, 1};
    int64_t sn = 0, sd = 0;
    for (int k = 0; k < OV_CRIT_COUNT; k++) {
        FX_EXPECT(e, OV_M_AUDIT_CRITERIA, "A", NULL, k, num[k], den[k]);
        FX_EXPECT(e, OV_M_AUDIT_CRITERIA, NULL, NULL, k, num[k], den[k]);
        /* no data, not 0 %, for the agency without the file */
        FX_EXPECT(e, OV_M_AUDIT_CRITERIA, "B", NULL, k, 0, 0);
        FX_RAG(e, OV_M_AUDIT_CRITERIA, "B", NULL, k, OV_RAG_NO_DATA);
        /* criteria have agency and ALL rows, no team rows */
        assert_null(fx_fig(e, 0, OV_M_AUDIT_CRITERIA, "A", "North", k));
        sn += num[k];
        sd += den[k];
    }
    assert_int_equal(sn, 9); /* the criteria add up to the pooled row */
    assert_int_equal(sd, 15);
    FX_INFO(e, OV_M_INFO_AUDITS, "A", 1, 5);
    FX_AGENCY(e, OV_M_AUDIT_GOOD, "B", 0, 0);
    FX_RAG(e, OV_M_AUDIT_GOOD, "B", NULL, OV_NONE, OV_RAG_NO_DATA);
    FX_TEAM(e, OV_M_AUDIT_GOOD, "B", "Solo", 0, 0);
    FX_INFO(e, OV_M_INFO_AUDITS, "B", 0, 0);
    FX_AGENCY(e, OV_M_AUDIT_GOOD, "C", 0, 0);
    FX_INFO(e, OV_M_INFO_AUDITS, "C", 1, 0);
    /* ALL: A's audits only */
    FX_AGENCY(e, OV_M_AUDIT_GOOD, NULL, 3, 5);
    FX_AGENCY(e, OV_M_AUDIT_CRITERIA, NULL, 9, 15);
    FX_INFO(e, OV_M_INFO_AUDITS, NULL, 1, 5);
    /* 3 of 5 = 60 % is red against 80/65; 9 of 15 likewise */
    FX_RAG(e, OV_M_AUDIT_GOOD, "A", NULL, OV_NONE, OV_RAG_RED);
    const ov_figure *g = fx_fig(e, 0, OV_M_AUDIT_GOOD, NULL, NULL, OV_NONE);
    assert_true(g->threshold.target == 80 && g->threshold.amber == 65);
    fx_env_free(e);
}

/* Feedback: positive when the answers average 4 or more; each statement out
 * of those answering it; team rows for responses naming a team of S only. */
static void test_feedback(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "F");
    FX_STAFF(a, .id = "boss", .team = "Board", .not_frequent = 1);
    FX_STAFF(a, .id = "T1", .team = "Red");
    FX_STAFF(a, .id = "T2", .team = "Blue");
    fx_response(a, "2025-10-05", "Red", "44444");  /* average 4: positive */
    fx_response(a, "2025-10-06", "Red", "53---");  /* 8 / 2 = 4: positive */
    fx_response(a, "2025-10-07", "Blue", "43---"); /* 3.5 */
    fx_response(a, "2025-11-01", NULL, "1----");
    fx_response(a, "2025-11-02", "Board", "55555"); /* a team, not of S: agency only */
    fx_response(a, "2025-11-03", "Nowhere", "--2--");
    fx_response(a, "2025-12-31", "Red", "----5");
    fx_response(a, "2025-09-30", "Red", "55555"); /* before P */
    fx_response(a, "2026-01-01", "Red", "11111"); /* after P */
    ov_agency *b = fx_agency(&e->d, "G");         /* sent no feedback.csv */
    FX_STAFF(b, .id = "G1", .team = "Red");
    fx_run(e, Q3, 1);

    FX_AGENCY(e, OV_M_FEEDBACK_POSITIVE, "F", 4, 7);
    FX_TEAM(e, OV_M_FEEDBACK_POSITIVE, "F", "Red", 3, 3);
    FX_TEAM(e, OV_M_FEEDBACK_POSITIVE, "F", "Blue", 0, 1);
    assert_null(fx_fig(e, 0, OV_M_FEEDBACK_POSITIVE, "F", "Board", OV_NONE));
    static const int64_t num[OV_ITEM_COUNT] = {4, 2, 2, 2, 3};
    static const int64_t den[OV_ITEM_COUNT] = {5, 4, 3, 2, 3};
    for (int k = 0; k < OV_ITEM_COUNT; k++) {
        FX_EXPECT(e, OV_M_FEEDBACK_POSITIVE, "F", NULL, k, num[k], den[k]);
        FX_EXPECT(e, OV_M_FEEDBACK_POSITIVE, NULL, NULL, k, num[k], den[k]);
        FX_EXPECT(e, OV_M_FEEDBACK_POSITIVE, "G", NULL, k, 0, 0);
        FX_RAG(e, OV_M_FEEDBACK_POSITIVE, "G", NULL, k, OV_RAG_NO_DATA);
    }
    FX_INFO(e, OV_M_INFO_FEEDBACK_RESPONSES, "F", 1, 7);
    FX_INFO(e, OV_M_INFO_FEEDBACK_RESPONSES, "G", 0, 0);
    FX_INFO(e, OV_M_INFO_FEEDBACK_RESPONSES, NULL, 1, 7);
    FX_AGENCY(e, OV_M_FEEDBACK_POSITIVE, "G", 0, 0);
    FX_TEAM(e, OV_M_FEEDBACK_POSITIVE, "G", "Red", 0, 0);
    FX_AGENCY(e, OV_M_FEEDBACK_POSITIVE, NULL, 4, 7);
    /* 4 of 7 = 57.1 % is red against 75/60 */
    FX_RAG(e, OV_M_FEEDBACK_POSITIVE, NULL, NULL, OV_NONE, OV_RAG_RED);
    fx_env_free(e);
}

/* Workforce stability: staff of S in post on ps still in post on pe, per team;
 * starters and leavers of S; worked out in trend periods too (start and end
 * dates are history, not a snapshot). */
static void test_workforce(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "W");
    FX_STAFF(a, .id = "W1", .team = "X");
    FX_STAFF(a, .id = "W2", .team = "X", .end = "2025-12-31");
    FX_STAFF(a, .id = "W3", .team = "X", .end = "2025-11-15");
    FX_STAFF(a, .id = "W4", .team = "X", .start = "2025-10-01");
    FX_STAFF(a, .id = "W5", .team = "X", .start = "2025-10-02");
    FX_STAFF(a, .id = "W6", .team = "X", .end = "2025-09-30");
    FX_STAFF(a, .id = "W7", .team = "X", .end = "2025-11-01", .not_frequent = 1);
    FX_STAFF(a, .id = "Y1", .team = "Y", .end = "2025-10-01");
    fx_run(e, Q3, 2);

    FX_AGENCY(e, OV_M_WORKFORCE_STABILITY, "W", 3, 5);
    FX_TEAM(e, OV_M_WORKFORCE_STABILITY, "W", "X", 3, 4);
    FX_TEAM(e, OV_M_WORKFORCE_STABILITY, "W", "Y", 0, 1);
    FX_AGENCY(e, OV_M_WORKFORCE_STABILITY, NULL, 3, 5);
    FX_INFO(e, OV_M_INFO_STARTERS, "W", 1, 2);
    FX_INFO(e, OV_M_INFO_LEAVERS, "W", 1, 3);
    FX_INFO(e, OV_M_INFO_STARTERS, NULL, 1, 2);
    FX_INFO(e, OV_M_INFO_LEAVERS, NULL, 1, 3);
    const ov_figure *g = fx_fig(e, 0, OV_M_WORKFORCE_STABILITY, NULL, NULL, OV_NONE);
    assert_true(g->threshold.target == 85 && g->threshold.amber == 75);
    /* Q2 (1 July - 30 September 2025): everyone in post on 1 July stayed to
     * 30 September (W6 leaves that day, Y1 the day after) */
    g = fx_fig(e, 1, OV_M_WORKFORCE_STABILITY, "W", NULL, OV_NONE);
    assert_non_null(g);
    assert_int_not_equal(g->rag, OV_RAG_NOT_COVERED);
    assert_int_equal(g->num, 5);
    assert_int_equal(g->den, 5);
    g = fx_fig(e, 1, OV_M_INFO_LEAVERS, "W", NULL, OV_NONE);
    assert_true(g->has_value && g->value == 1);
    g = fx_fig(e, 1, OV_M_INFO_STARTERS, "W", NULL, OV_NONE);
    assert_true(g->has_value && g->value == 0);
    fx_env_free(e);
}

/* A period the agency's window does not cover: every quality row of it (team
 * and group rows too) is not covered, and ALL leaves it out. */
static void test_not_covered(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *in = fx_agency(&e->d, "IN");
    FX_STAFF(in, .id = "I1", .team = "T");
    fx_audit(in, "I1", "2025-10-10", OV_GRADE_GOOD, "YY----");
    fx_response(in, "2025-10-10", "T", "5----");
    ov_agency *out = fx_agency(&e->d, "OUT");
    FX_STAFF(out, .id = "O1", .team = "T");
    fx_audit(out, "O1", "2025-10-10", OV_GRADE_INADEQUATE, "NN----");
    fx_response(out, "2025-10-10", "T", "1----");
    out->window_from = fx_d("2025-11-01");
    fx_run(e, Q3, 1);
    static const int ms[] = {OV_M_AUDIT_GOOD, OV_M_AUDIT_CRITERIA, OV_M_FEEDBACK_POSITIVE,
                             OV_M_WORKFORCE_STABILITY};
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
        FX_RAG(e, ms[i], "OUT", NULL, OV_NONE, OV_RAG_NOT_COVERED);
        FX_RAG(e, ms[i], "OUT", "T", OV_NONE, OV_RAG_NOT_COVERED);
        int ng = ov_metric_def_get((enum ov_metric_id)ms[i])->ngroups;
        for (int k = 0; k < ng; k++)
            FX_RAG(e, ms[i], "OUT", NULL, k, OV_RAG_NOT_COVERED);
    }
    const ov_figure *g = fx_fig(e, 0, OV_M_INFO_AUDITS, "OUT", NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_NOT_COVERED);
    assert_false(g->has_value);
    FX_AGENCY(e, OV_M_AUDIT_GOOD, NULL, 1, 1);
    FX_EXPECT(e, OV_M_AUDIT_CRITERIA, NULL, NULL, OV_CRIT_WELLBEING, 1, 1);
    FX_EXPECT(e, OV_M_FEEDBACK_POSITIVE, NULL, NULL, OV_ITEM_REGULAR, 1, 1);
    FX_INFO(e, OV_M_INFO_AUDITS, NULL, 1, 1);
    FX_INFO(e, OV_M_INFO_FEEDBACK_RESPONSES, NULL, 1, 1);
    fx_env_free(e);
}

/* Secondary suppression (SPEC 9.3): a criterion suppressed beside shown ones
 * takes the smallest shown criterion with it, for the agency and for ALL (the
 * criteria add up to the pooled row); a survey statement suppressed beside
 * shown ones does not (statements overlap, so nothing can be subtracted). */
static void test_disclosure(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "D");
    FX_STAFF(a, .id = "P1", .team = "T");
    fx_audit(a, "P1", "2025-10-01", OV_GRADE_GOOD, "YYYYYY");
    fx_audit(a, "P1", "2025-10-02", OV_GRADE_GOOD, "YYYYYY");
    fx_audit(a, "P1", "2025-10-03", OV_GRADE_GOOD, "YYYYYY");
    fx_audit(a, "P1", "2025-10-06", OV_GRADE_GOOD, "-YYYYY");
    fx_audit(a, "P1", "2025-10-07", OV_GRADE_GOOD, "-YYNYY");
    fx_audit(a, "P1", "2025-10-08", OV_GRADE_GOOD, "-YY-YY");
    for (int i = 0; i < 3; i++)
        fx_response(a, "2025-10-10", "T", "55555");
    for (int i = 0; i < 3; i++)
        fx_response(a, "2025-10-11", "T", "-4444");
    fx_run(e, Q3, 1);
    const char *who[] = {"D", NULL};
    for (int i = 0; i < 2; i++) {
        /* wellbeing 3 of 3: primary; child_focus 4 of 5, the smallest shown: secondary */
        const ov_figure *g = fx_fig(e, 0, OV_M_AUDIT_CRITERIA, who[i], NULL, OV_CRIT_WELLBEING);
        assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
        assert_int_equal(g->suppression, OV_SUPP_PRIMARY);
        g = fx_fig(e, 0, OV_M_AUDIT_CRITERIA, who[i], NULL, OV_CRIT_CHILD_FOCUS);
        assert_int_equal(g->den, 5);
        assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
        assert_int_equal(g->suppression, OV_SUPP_SECONDARY);
        assert_int_equal(g->num, 4); /* numbers kept: metrics.csv is the analyst file */
        for (int k = 0; k < OV_CRIT_COUNT; k++)
            if (k != OV_CRIT_WELLBEING && k != OV_CRIT_CHILD_FOCUS)
                FX_RAG(e, OV_M_AUDIT_CRITERIA, who[i], NULL, k, OV_RAG_GREEN);
        FX_EXPECT(e, OV_M_AUDIT_CRITERIA, who[i], NULL, OV_NONE, 31, 32);
        FX_RAG(e, OV_M_AUDIT_CRITERIA, who[i], NULL, OV_NONE, OV_RAG_GREEN);
        /* regular 3 of 3 is suppressed; the other statements stay shown */
        g = fx_fig(e, 0, OV_M_FEEDBACK_POSITIVE, who[i], NULL, OV_ITEM_REGULAR);
        assert_int_equal(g->rag, OV_RAG_SUPPRESSED);
        assert_int_equal(g->suppression, OV_SUPP_PRIMARY);
        for (int k = OV_ITEM_REFLECTIVE; k < OV_ITEM_COUNT; k++) {
            g = fx_fig(e, 0, OV_M_FEEDBACK_POSITIVE, who[i], NULL, k);
            assert_int_equal(g->den, 6);
            assert_int_equal(g->rag, OV_RAG_GREEN);
            assert_int_equal(g->suppression, OV_SUPP_NONE);
        }
    }
    fx_env_free(e);
}

/* Group rows of the criteria and statements exist for every agency and ALL
 * (no data without the files), are named by ov_metric_group_name and come in
 * metrics.csv order (group names in byte order among the categories). */
static void test_group_rows_everywhere(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "E");
    FX_STAFF(a, .id = "x");
    fx_run(e, Q3, 1);
    size_t crit = 0, items = 0;
    for (size_t i = 0; i < e->res.nfigs; i++) {
        const ov_figure *g = &e->res.figs[i];
        if (g->category == OV_NONE)
            continue;
        assert_int_equal(g->team, OV_NONE);
        assert_int_equal(g->rag, OV_RAG_NO_DATA);
        crit += g->metric == OV_M_AUDIT_CRITERIA;
        items += g->metric == OV_M_FEEDBACK_POSITIVE;
        if (i > 0 && e->res.figs[i - 1].category != OV_NONE &&
            e->res.figs[i - 1].agency == g->agency)
            assert_true(
                strcmp(ov_metric_group_name(e->res.figs[i - 1].metric, e->res.figs[i - 1].category),
                       ov_metric_group_name(g->metric, g->category)) < 0);
    }
    assert_int_equal(crit, 2 * OV_CRIT_COUNT);
    assert_int_equal(items, 2 * OV_ITEM_COUNT);
    const ov_figure *g = fx_fig(e, 0, OV_M_AUDIT_CRITERIA, "E", NULL, OV_CRIT_ACTIONS_SMART);
    assert_string_equal(ov_metric_group_name(g->metric, g->category), "actions_smart");
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audits),     cmocka_unit_test(test_feedback),
        cmocka_unit_test(test_workforce),  cmocka_unit_test(test_not_covered),
        cmocka_unit_test(test_disclosure), cmocka_unit_test(test_group_rows_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
