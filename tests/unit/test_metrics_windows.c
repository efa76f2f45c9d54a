/* test_metrics_windows.c — what each extract covers (SPEC 9.1, 9.2): an
 * agency's window from its sessions or from covers_from and extract_date, the
 * rows of a period it does not cover (not_covered, left out of ALL), ALL not
 * covered only when nobody covers, info_agencies_covered, the staff-record
 * snapshot figures in trend periods, and the lookup through which a history
 * of reported figures may fill them in. Report period 2025-26 Q3 (1 Oct -
 * 31 Dec 2025); its trend period is Q2 (1 Jul - 30 Sep 2025). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/msg.h"
#include "ingest/ingest.h"
#include "metrics_fixture.h"

#define Q3   "2025-26-Q3"
#define TINY "tests/fixtures/tiny/data"

/* Sets an agency's window from its dates and sessions, as ingest does. */
static void window(ov_agency *a, const char *covers_from, const char *extract)
{
    a->covers_from = fx_opt(covers_from);
    a->extract_date = fx_opt(extract);
    ov_agency_set_window(a);
}

/* Asserts the window of an agency (NULL = open end). */
static void assert_window(const ov_agency *a, const char *from, const char *to)
{
    assert_int_equal(a->window_from, fx_opt(from));
    assert_int_equal(a->window_to, fx_opt(to));
}

/* Asserts that a figure exists, is not_covered and carries no numbers. */
static void assert_not_covered(const ov_figure *g)
{
    assert_non_null(g);
    assert_int_equal(g->rag, OV_RAG_NOT_COVERED);
    assert_int_equal(g->num, 0);
    assert_int_equal(g->den, 0);
    assert_false(g->has_value);
    assert_int_equal(g->source, OV_SRC_EXTRACT);
    char buf[32];
    assert_string_equal(ov_metrics_format_value(g, buf), "");
}

/* The window from sessions: the first day of the month of the earliest
 * accepted session to the last day of the month of the latest, whatever the
 * type or status; open at both ends with no session. */
static void test_window_from_sessions(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "S1");
    assert_true(ov_agency_covers(a, fx_d("1990-01-01"), fx_d("2100-12-31")));
    window(a, NULL, NULL);
    assert_window(a, NULL, NULL);
    assert_true(ov_agency_covers(a, fx_d("2025-10-01"), fx_d("2025-12-31")));
    FX_SESSION(a, .staff = "S1", .date = "2025-11-03", .type = OV_ST_GROUP);
    FX_SESSION(a, .staff = "S1", .date = "2026-01-05", .status = OV_SS_CANCELLED);
    FX_SESSION(a, .staff = "S1", .date = "2025-10-06", .type = OV_ST_AD_HOC);
    window(a, NULL, NULL);
    assert_window(a, "2025-10-01", "2026-01-31");
    assert_true(ov_agency_covers(a, fx_d("2025-10-01"), fx_d("2025-12-31")));
    assert_true(ov_agency_covers(a, fx_d("2026-01-01"), fx_d("2026-01-31")));
    assert_false(ov_agency_covers(a, fx_d("2025-09-30"), fx_d("2025-12-31")));
    assert_false(ov_agency_covers(a, fx_d("2025-10-01"), fx_d("2026-02-01")));
    fx_env_free(e);
}

/* covers_from and extract_date win over the sessions, each on its own side;
 * the last day of the window still covers a period ending that day. */
static void test_window_from_dates(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "S1");
    fx_held(a, "S1", "2025-10-06");
    fx_held(a, "S1", "2025-12-10");
    window(a, "2025-07-15", "2026-02-10");
    assert_window(a, "2025-07-15", "2026-02-10");
    assert_true(ov_agency_covers(a, fx_d("2025-10-01"), fx_d("2025-12-31")));
    assert_false(ov_agency_covers(a, fx_d("2025-07-01"), fx_d("2025-09-30")));
    assert_true(ov_agency_covers(a, fx_d("2025-07-15"), fx_d("2026-02-10")));
    window(a, NULL, "2025-12-31");
    assert_window(a, "2025-10-01", "2025-12-31");
    window(a, "2024-04-01", NULL);
    assert_window(a, "2024-04-01", "2025-12-31");
    /* no session: the end without a date is open */
    ov_agency *b = fx_agency(&e->d, "B");
    window(b, "2025-04-01", NULL);
    assert_window(b, "2025-04-01", NULL);
    assert_true(ov_agency_covers(b, fx_d("2025-10-01"), fx_d("2030-12-31")));
    fx_env_free(e);
}

/* As ingest loads the reference fixture (no covers_from, no extract_date):
 * TINY from 6 Oct 2025 to 5 Jan 2026, TWO from 8 Oct to 10 Dec 2025. */
static void test_window_loaded_tiny(void **state)
{
    (void)state;
    ov_data d;
    ov_ingest_config icfg = {.templates_dir = "templates", .metric_find = ov_metric_find};
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    enum ov_ingest_status st = ov_ingest_load(TINY, &icfg, &d);
    ov_msg_set_level(level);
    if (st != OV_INGEST_OK)
        fail_msg("cannot load %s (run the tests from the repository root)", TINY);
    assert_window(&d.agencies[ov_data_find_agency(&d, "TINY")], "2025-10-01", "2026-01-31");
    assert_window(&d.agencies[ov_data_find_agency(&d, "TWO")], "2025-10-01", "2025-12-31");
    ov_data_free(&d);
}

/* Two agencies: OLD's records go back to July, NEW's start in October. */
static fx_env *old_and_new(void)
{
    fx_env *e = fx_env_new();
    ov_agency *o = fx_agency(&e->d, "OLD");
    fx_file(o, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(o, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    for (int i = 0; i < 6; i++) {
        char id[16];
        snprintf(id, sizeof(id), "O%d", i);
        FX_STAFF(o, .id = id, .team = "Blue", .agreement = "2025-06-01");
        fx_held(o, id, "2025-07-10");
        fx_held(o, id, "2025-12-10");
    }
    fx_case(o, "K1", OV_CAT_CP, "2025-06-01", NULL);
    window(o, NULL, NULL);
    ov_agency *n = fx_agency(&e->d, "NEW");
    fx_file(n, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(n, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    for (int i = 0; i < 7; i++) {
        char id[16];
        snprintf(id, sizeof(id), "N%d", i);
        FX_STAFF(n, .id = id, .team = "Red", .agreement = "2025-06-01");
        fx_held(n, id, "2025-10-20");
        fx_held(n, id, "2025-12-20");
    }
    fx_case(n, "K9", OV_CAT_CIN, "2025-05-01", NULL);
    window(n, NULL, NULL);
    return e;
}

/* A trend period before an agency's window: every row of that agency is
 * not_covered (agency, team, category and info rows), and ALL adds up the
 * other agency only; a category only that agency has is 0/0 for ALL. */
static void test_trend_before_window(void **state)
{
    (void)state;
    fx_env *e = old_and_new();
    assert_window(&e->d.agencies[0], "2025-07-01", "2025-12-31");
    assert_window(&e->d.agencies[1], "2025-10-01", "2025-12-31");
    fx_run(e, Q3, 2);
    for (int m = 0; m < OV_M_COUNT; m++) {
        if (m == OV_M_INFO_AGENCIES_COVERED)
            continue;
        assert_not_covered(fx_fig(e, 1, m, "NEW", NULL, OV_NONE));
        const ov_figure *now = fx_fig(e, 0, m, "NEW", NULL, OV_NONE);
        assert_int_not_equal(now->rag, OV_RAG_NOT_COVERED);
        if (!ov_metric_def_get((enum ov_metric_id)m)->snapshot)
            assert_int_not_equal(fx_fig(e, 1, m, "OLD", NULL, OV_NONE)->rag, OV_RAG_NOT_COVERED);
    }
    assert_not_covered(fx_fig(e, 1, OV_M_STAFF_SUPERVISED, "NEW", "Red", OV_NONE));
    assert_not_covered(fx_fig(e, 1, OV_M_CASE_OVERSIGHT_PERIOD, "NEW", NULL, OV_CAT_CIN));
    /* ALL in Q2 is OLD alone: 6 of 6 supervised, not 6 of 13 */
    const ov_figure *g = fx_fig(e, 1, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE);
    assert_int_equal(g->num, 6);
    assert_int_equal(g->den, 6);
    assert_int_equal(g->rag, OV_RAG_GREEN);
    g = fx_fig(e, 1, OV_M_INFO_STAFF_IN_SCOPE, NULL, NULL, OV_NONE);
    assert_true(g->has_value && g->value == 6.0);
    /* cin is NEW's only: the ALL row is kept, and adds up nothing */
    g = fx_fig(e, 1, OV_M_CASE_OVERSIGHT_PERIOD, NULL, NULL, OV_CAT_CIN);
    assert_non_null(g);
    assert_int_equal(g->den, 0);
    assert_int_equal(g->rag, OV_RAG_NO_DATA);
    FX_EXPECT(e, OV_M_CASE_OVERSIGHT_PERIOD, NULL, NULL, OV_CAT_CIN, 0, 1);
    /* the report period adds up both */
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, NULL, 13, 13);
    g = fx_fig(e, 0, OV_M_INFO_AGENCIES_COVERED, NULL, NULL, OV_NONE);
    assert_int_equal(g->rag, OV_RAG_INFO);
    assert_true(g->has_value && g->value == 2.0);
    g = fx_fig(e, 1, OV_M_INFO_AGENCIES_COVERED, NULL, NULL, OV_NONE);
    assert_true(g->has_value && g->value == 1.0);
    assert_null(fx_fig(e, 0, OV_M_INFO_AGENCIES_COVERED, "OLD", NULL, OV_NONE));
    /* nobody is listed behind figures that are not covered */
    ov_exceptions ex;
    assert_int_equal(ov_metrics_exceptions(&e->d, 1, &e->res.periods[1], &e->cfg, &ex), 0);
    assert_int_equal(ex.nrows + ex.nmissed, 0);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* When no agency covers a period, the ALL rows are not_covered too, and
 * info_agencies_covered stays an info row with the value 0. */
static void test_all_not_covered_when_nobody_covers(void **state)
{
    (void)state;
    fx_env *e = old_and_new();
    window(&e->d.agencies[0], "2025-10-01", NULL);
    fx_run(e, Q3, 2);
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_figure *g = fx_fig(e, 1, m, NULL, NULL, OV_NONE);
        if (m == OV_M_INFO_AGENCIES_COVERED) {
            assert_int_equal(g->rag, OV_RAG_INFO);
            assert_true(g->has_value && g->value == 0.0);
            continue;
        }
        assert_not_covered(g);
        assert_int_not_equal(fx_fig(e, 0, m, NULL, NULL, OV_NONE)->rag, OV_RAG_NOT_COVERED);
    }
    assert_not_covered(fx_fig(e, 1, OV_M_CASE_OVERSIGHT_CURRENT, NULL, NULL, OV_CAT_CP));
    assert_not_covered(fx_fig(e, 1, OV_M_CASE_OVERSIGHT_CURRENT, NULL, NULL, OV_CAT_CIN));
    fx_env_free(e);
}

/* SPEC 9.2: the staff-record snapshots are not_covered in every trend period,
 * for agencies, teams and ALL, even when the agency covers the period. */
static void test_snapshot_rule(void **state)
{
    (void)state;
    fx_env *e = old_and_new();
    window(&e->d.agencies[1], "2025-01-01", NULL); /* now both cover Q2 */
    fx_run(e, Q3, 3);
    static const int snap[] = {OV_M_AGREEMENT_CURRENT, OV_M_OBSERVATION_CURRENT,
                               OV_M_SUPERVISOR_TRAINED};
    for (int k = 1; k < 3; k++)
        for (size_t i = 0; i < 3; i++) {
            assert_not_covered(fx_fig(e, k, snap[i], NULL, NULL, OV_NONE));
            assert_not_covered(fx_fig(e, k, snap[i], "OLD", NULL, OV_NONE));
            assert_not_covered(fx_fig(e, k, snap[i], "OLD", "Blue", OV_NONE));
            assert_not_covered(fx_fig(e, k, snap[i], "NEW", "Red", OV_NONE));
        }
    /* the report period itself is worked out */
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, NULL, 13, 13);
    FX_TEAM(e, OV_M_AGREEMENT_CURRENT, "OLD", "Blue", 6, 6);
    /* other figures of the trend period stand */
    const ov_figure *g = fx_fig(e, 1, OV_M_STAFF_SUPERVISED, NULL, NULL, OV_NONE);
    assert_int_equal(g->num, 6);
    assert_int_equal(g->den, 13);
    g = fx_fig(e, 1, OV_M_INFO_AGENCIES_COVERED, NULL, NULL, OV_NONE);
    assert_true(g->value == 2.0);
    fx_env_free(e);
}

/* A stub history: what it was asked, and the figures it holds. */
typedef struct {
    size_t calls, calls_p0;
    int saw_team_key, saw_all_key, saw_info_key;
} stub_history;

/* Supplies agreement_current of OLD (agency row) and of ALL, OLD's team Blue
 * as a small figure, and NEW's staff in scope, for the trend period. */
static int stub_lookup(void *ctx, const ov_figure_key *key, ov_reported_figure *out)
{
    stub_history *h = ctx;
    h->calls++;
    if (key->period->start == fx_d("2025-10-01"))
        h->calls_p0++;
    assert_int_equal(key->period->start, fx_d("2025-07-01"));
    assert_int_equal(key->period->end, fx_d("2025-09-30"));
    assert_string_equal(key->metric_id, ov_metric_def_get((enum ov_metric_id)key->metric)->id);
    assert_int_not_equal(key->metric, OV_M_INFO_AGENCIES_COVERED);
    if (key->metric != OV_M_AGREEMENT_CURRENT && key->metric != OV_M_INFO_STAFF_IN_SCOPE)
        return 0;
    if (key->metric == OV_M_INFO_STAFF_IN_SCOPE) {
        if (strcmp(key->agency_id, "NEW") != 0)
            return 0;
        h->saw_info_key = 1;
        out->has_value = 1;
        out->value = 7;
        return 1;
    }
    if (strcmp(key->agency_id, "ALL") == 0) {
        assert_int_equal(key->agency, OV_ALL);
        h->saw_all_key = 1;
        out->num = 11;
        out->den = 12;
        return 1;
    }
    if (strcmp(key->agency_id, "OLD") != 0)
        return 0;
    assert_string_equal(key->group, "");
    if (key->team != OV_NONE) {
        assert_string_equal(key->team_name, "Blue");
        h->saw_team_key = 1;
        out->num = 3;
        out->den = 4;
        return 1;
    }
    assert_string_equal(key->team_name, "");
    out->num = 9;
    out->den = 10;
    return 1;
}

/* The history hook: figures the extracts cannot give in a trend period are
 * taken from the lookup where it holds them, marked as such and rated again;
 * the others stay not covered; the report period is never asked about. */
static void test_history_hook(void **state)
{
    (void)state;
    fx_env *e = old_and_new();
    stub_history h = {0};
    e->cfg.history_lookup = stub_lookup;
    e->cfg.history_ctx = &h;
    fx_run(e, Q3, 2);
    assert_true(h.calls > 0);
    assert_int_equal(h.calls_p0, 0);
    assert_true(h.saw_team_key && h.saw_all_key && h.saw_info_key);
    const ov_figure *g = fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "OLD", NULL, OV_NONE);
    assert_int_equal(g->source, OV_SRC_HISTORY);
    assert_int_equal(g->num, 9);
    assert_int_equal(g->den, 10);
    assert_int_equal(g->rag, OV_RAG_GREEN);
    assert_true(g->has_value && g->value == 90.0);
    g = fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "OLD", "Blue", OV_NONE);
    assert_int_equal(g->source, OV_SRC_HISTORY);
    assert_int_equal(g->rag, OV_RAG_SUPPRESSED); /* 4 is below the threshold */
    assert_int_equal(g->suppression, OV_SUPP_PRIMARY);
    g = fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, NULL, NULL, OV_NONE);
    assert_int_equal(g->source, OV_SRC_HISTORY);
    assert_int_equal(g->num, 11);
    assert_int_equal(g->den, 12);
    g = fx_fig(e, 1, OV_M_INFO_STAFF_IN_SCOPE, "NEW", NULL, OV_NONE);
    assert_int_equal(g->source, OV_SRC_HISTORY);
    assert_int_equal(g->rag, OV_RAG_INFO);
    assert_true(g->has_value && g->value == 7.0);
    /* not held: still not covered, from the extracts */
    assert_not_covered(fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "NEW", NULL, OV_NONE));
    assert_not_covered(fx_fig(e, 1, OV_M_OBSERVATION_CURRENT, "OLD", NULL, OV_NONE));
    /* ALL adds up the extracts only: NEW's figure from the history is not in it */
    g = fx_fig(e, 1, OV_M_INFO_STAFF_IN_SCOPE, NULL, NULL, OV_NONE);
    assert_true(g->value == 6.0);
    /* the report period is the extracts' */
    g = fx_fig(e, 0, OV_M_AGREEMENT_CURRENT, "OLD", NULL, OV_NONE);
    assert_int_equal(g->source, OV_SRC_EXTRACT);
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, "OLD", 6, 6);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_from_sessions),
        cmocka_unit_test(test_window_from_dates),
        cmocka_unit_test(test_window_loaded_tiny),
        cmocka_unit_test(test_trend_before_window),
        cmocka_unit_test(test_all_not_covered_when_nobody_covers),
        cmocka_unit_test(test_snapshot_rule),
        cmocka_unit_test(test_history_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
