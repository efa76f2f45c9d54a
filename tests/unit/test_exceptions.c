/* test_exceptions.c — the exception lists of an agency's report (--agency):
 * the exact staff and episodes behind the red figures of the reference fixture
 * (tests/fixtures/tiny, 2025-26 Q3, see expected/DERIVATION.md), their
 * reconciliation with the figures of the metrics engine for every agency of
 * the fixture and of sample-data over several periods, their order, the edge
 * cases of a hand-built agency, and the two CSV files with the agency-only
 * metrics.csv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <unistd.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/outset.h"
#include "core/strtab.h"
#include "ingest/ingest.h"
#include "metrics/metric_defs.h"
#include "render/analyst.h"
#include "metrics_fixture.h"

#define TINY   "tests/fixtures/tiny/data"
#define SAMPLE "sample-data"

/* Loads a data folder quietly (the test fails when it cannot be used). */
static void load(fx_env *e, const char *dir)
{
    ov_ingest_config icfg = {
        .templates_dir = "templates", .profile = NULL, .metric_find = ov_metric_find};
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    enum ov_ingest_status st = ov_ingest_load(dir, &icfg, &e->d);
    ov_msg_set_level(level);
    if (st != OV_INGEST_OK)
        fail_msg("cannot load %s (run the tests from the repository root)", dir);
}

/* The exceptions of an agency id for period 0 of e's results. */
static void exceptions_of(const fx_env *e, const char *agency, ov_exceptions *ex)
{
    int32_t ai = ov_data_find_agency(&e->d, agency);
    assert_true(ai >= 0);
    assert_int_equal(ov_metrics_exceptions(&e->d, ai, &e->res.periods[0], &e->cfg, ex), 0);
    assert_int_equal(ex->agency, ai);
}

/* The staff id of a staff exception. */
static const char *staff_id(const fx_env *e, const ov_exceptions *ex, size_t i)
{
    const ov_agency *a = &e->d.agencies[ex->agency];
    return ov_strtab_get(&a->staff_ids, a->staff[ex->staff[i].staff].id);
}

/* The child id of a child exception. */
static const char *child_id(const fx_env *e, const ov_exceptions *ex, size_t i)
{
    const ov_agency *a = &e->d.agencies[ex->agency];
    return ov_strtab_get(&a->child_ids, a->cases[ex->children[i].episode].child);
}

/* Asserts the missed interval k of staff exception i is [s, e]. */
static void assert_missed(const ov_exceptions *ex, size_t i, size_t k, const char *s, const char *e)
{
    assert_true((int64_t)k < ex->staff[i].required - ex->staff[i].met);
    const ov_date_range *m = &ex->missed[ex->staff[i].missed_first + k];
    assert_int_equal(m->start, fx_d(s));
    assert_int_equal(m->end, fx_d(e));
}

/* den - num of an agency figure of period 0. */
static int64_t shortfall(const fx_env *e, int metric, int32_t agency)
{
    const ov_figure *f = ov_results_find(&e->res, 0, metric, agency, OV_NONE, OV_NONE);
    assert_non_null(f);
    return f->den - f->num;
}

/* 1 when the agency's staff member holds a 1:1 held dated in [s, e]. */
static int held_in(const ov_agency *a, int32_t staff, ov_date s, ov_date e)
{
    for (size_t i = 0; i < a->nsessions; i++) {
        const ov_session *x = &a->sessions[i];
        if (x->staff == staff && x->type == OV_ST_ONE_TO_ONE && x->status == OV_SS_HELD &&
            x->date >= s && x->date <= e)
            return 1;
    }
    return 0;
}

/* Checks every agency's lists against the figures of e's period 0 (computed
 * with trend 1) and against the raw rows; returns the number of exceptions seen. */
static size_t reconcile_all(const fx_env *e)
{
    const ov_period *p = &e->res.periods[0];
    size_t seen = 0;
    for (size_t ai = 0; ai < e->d.nagencies; ai++) {
        const ov_agency *a = &e->d.agencies[ai];
        ov_exceptions ex;
        assert_int_equal(ov_metrics_exceptions(&e->d, (int32_t)ai, p, &e->cfg, &ex), 0);
        int64_t short_staff = 0, missed = 0, unsupervised = 0, now = 0, during = 0;
        for (size_t i = 0; i < ex.nstaff; i++) {
            const ov_staff_exception *x = &ex.staff[i];
            assert_true(x->met < x->required || !x->supervised);
            short_staff += x->met < x->required;
            missed += x->required - x->met;
            unsupervised += !x->supervised;
            /* a missed interval lies in P, in order, and really holds no 1:1 held */
            for (int64_t k = 0; k < x->required - x->met; k++) {
                const ov_date_range *m = &ex.missed[x->missed_first + (size_t)k];
                assert_true(m->start >= p->start && m->end <= p->end && m->start <= m->end);
                if (k > 0)
                    assert_true(m->start > ex.missed[x->missed_first + (size_t)k - 1].end);
                assert_false(held_in(a, x->staff, m->start, m->end));
            }
            assert_int_equal(x->supervised, held_in(a, x->staff, p->start, p->end));
            assert_true(x->last_held == OV_DATE_NONE || x->last_held <= p->end);
            if (i > 0)
                assert_true(strcmp(staff_id(e, &ex, i - 1), staff_id(e, &ex, i)) < 0);
        }
        for (size_t i = 0; i < ex.nchildren; i++) {
            const ov_child_exception *x = &ex.children[i];
            const ov_case *cs = &a->cases[x->episode];
            assert_true(x->overdue_at_pe || x->first_overdue != OV_DATE_NONE);
            assert_int_equal(x->open_at_pe, cs->end == OV_DATE_NONE || cs->end >= p->end);
            now += x->overdue_at_pe;
            during += x->first_overdue != OV_DATE_NONE;
            if (x->overdue_at_pe) {
                assert_true(x->due < p->end);
                assert_int_equal(x->days_overdue, p->end - x->due);
                /* overdue at pe means overdue on pe, a day of the window */
                assert_true(x->first_overdue != OV_DATE_NONE);
            }
            if (x->first_overdue != OV_DATE_NONE) {
                ov_date ws = cs->start > p->start ? cs->start : p->start;
                ov_date we = cs->end == OV_DATE_NONE || cs->end > p->end ? p->end : cs->end;
                assert_true(x->first_overdue >= ws && x->first_overdue <= we);
            }
            assert_true(x->latest_oversight == OV_DATE_NONE || x->latest_oversight >= cs->start);
            if (i > 0)
                assert_true(strcmp(child_id(e, &ex, i - 1), child_id(e, &ex, i)) <= 0);
        }
        int32_t ag = (int32_t)ai;
        assert_int_equal(short_staff, shortfall(e, OV_M_STAFF_FULLY_COMPLIANT, ag));
        assert_int_equal(missed, shortfall(e, OV_M_SUPERVISION_FREQUENCY, ag));
        assert_int_equal(unsupervised, shortfall(e, OV_M_STAFF_SUPERVISED, ag));
        assert_int_equal(now, shortfall(e, OV_M_CASE_OVERSIGHT_CURRENT, ag));
        assert_int_equal(during, shortfall(e, OV_M_CASE_OVERSIGHT_PERIOD, ag));
        seen += ex.nstaff + ex.nchildren;
        ov_exceptions_free(&ex);
    }
    return seen;
}

/* TINY, 2025-26 Q3: S2 misses the ASYE fortnight 11-24..12-07, S3 the student
 * week of 11-17, S4 December and has no 1:1 in P; K5 is overdue at pe since
 * 12-01, K1, K2 and K5 were overdue during P. */
static void test_tiny_lists_exactly(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    load(e, TINY);
    fx_run(e, "2025-26-Q3", 1);
    ov_exceptions ex;
    exceptions_of(e, "TINY", &ex);
    assert_int_equal(ex.period.start, fx_d("2025-10-01"));
    assert_int_equal(ex.period.end, fx_d("2025-12-31"));

    assert_int_equal(ex.nstaff, 3);
    assert_int_equal(ex.nmissed, 3);
    assert_string_equal(staff_id(e, &ex, 0), "S2");
    assert_int_equal(ex.staff[0].required, 6);
    assert_int_equal(ex.staff[0].met, 5);
    assert_missed(&ex, 0, 0, "2025-11-24", "2025-12-07");
    assert_int_equal(ex.staff[0].supervised, 1);
    assert_int_equal(ex.staff[0].last_held, fx_d("2025-12-10"));
    assert_string_equal(staff_id(e, &ex, 1), "S3");
    assert_int_equal(ex.staff[1].required, 9);
    assert_int_equal(ex.staff[1].met, 8);
    assert_missed(&ex, 1, 0, "2025-11-17", "2025-11-23");
    assert_int_equal(ex.staff[1].supervised, 1);
    assert_int_equal(ex.staff[1].last_held, fx_d("2025-12-09"));
    assert_string_equal(staff_id(e, &ex, 2), "S4");
    assert_int_equal(ex.staff[2].required, 1);
    assert_int_equal(ex.staff[2].met, 0);
    assert_missed(&ex, 2, 0, "2025-12-01", "2025-12-31");
    assert_int_equal(ex.staff[2].supervised, 0);
    /* S4's first 1:1 is on 2026-01-05, after pe */
    assert_int_equal(ex.staff[2].last_held, OV_DATE_NONE);

    assert_int_equal(ex.nchildren, 3);
    assert_string_equal(child_id(e, &ex, 0), "K1");
    const ov_child_exception *k1 = &ex.children[0];
    assert_int_equal(k1->open_at_pe, 1);
    assert_int_equal(k1->overdue_at_pe, 0);
    assert_int_equal(k1->latest_oversight, fx_d("2025-12-20"));
    assert_int_equal(k1->due, fx_d("2026-02-20"));
    assert_int_equal(k1->days_overdue, 0);
    assert_int_equal(k1->first_overdue, fx_d("2025-10-21"));
    assert_string_equal(child_id(e, &ex, 1), "K2");
    const ov_child_exception *k2 = &ex.children[1];
    assert_int_equal(k2->open_at_pe, 0);
    assert_int_equal(k2->overdue_at_pe, 0);
    assert_int_equal(k2->latest_oversight, fx_d("2025-07-01"));
    assert_int_equal(k2->due, fx_d("2025-10-01"));
    assert_int_equal(k2->first_overdue, fx_d("2025-10-02"));
    assert_string_equal(child_id(e, &ex, 2), "K5");
    const ov_child_exception *k5 = &ex.children[2];
    assert_int_equal(k5->open_at_pe, 1);
    assert_int_equal(k5->overdue_at_pe, 1);
    assert_int_equal(k5->latest_oversight, fx_d("2025-08-31"));
    assert_int_equal(k5->due, fx_d("2025-11-30"));
    assert_int_equal(k5->days_overdue, 31);
    assert_int_equal(k5->first_overdue, fx_d("2025-12-01"));
    ov_exceptions_free(&ex);

    /* TWO: W1 had only a cancelled 1:1 in November; no cases */
    exceptions_of(e, "TWO", &ex);
    assert_int_equal(ex.nstaff, 1);
    assert_string_equal(staff_id(e, &ex, 0), "W1");
    assert_int_equal(ex.staff[0].required, 3);
    assert_int_equal(ex.staff[0].met, 2);
    assert_missed(&ex, 0, 0, "2025-11-01", "2025-11-30");
    assert_int_equal(ex.staff[0].last_held, fx_d("2025-12-03"));
    assert_int_equal(ex.nchildren, 0);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* The counts reconcile with the figures for both agencies of the fixture. */
static void test_tiny_reconciles(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    load(e, TINY);
    static const char *const periods[] = {"2025-26-Q3", "2025-26", "2025-12", "2025-11",
                                          "2025-10-15:2025-12-20"};
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
        fx_run(e, periods[i], 1);
        reconcile_all(e);
    }
    fx_run(e, "2025-26-Q3", 1);
    assert_int_equal(reconcile_all(e), 3 + 3 + 1);
    fx_env_free(e);
}

/* The counts reconcile for every agency of sample-data over several periods. */
static void test_sample_reconciles(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    load(e, SAMPLE);
    static const char *const periods[] = {
        "2025-26", "2024-25", "2025-26-Q1",           "2025-26-Q4",
        "2026-03", "2025-02", "2024-06-15:2025-09-14"};
    size_t seen = 0;
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
        fx_run(e, periods[i], 1);
        seen += reconcile_all(e);
    }
    assert_true(seen > 100); /* the sample has plenty of red figures */
    fx_env_free(e);
}

/* Order, edge cases and arguments on a hand-built agency. */
static void test_hand_built(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "HB");
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    /* ids in byte order: "A10" < "A2" < "a1"; all standard, all miss something */
    FX_STAFF(a, .id = "a1", .start = "2020-01-01");
    FX_STAFF(a, .id = "A2", .start = "2020-01-01");
    FX_STAFF(a, .id = "A10", .start = "2020-01-01");
    /* starts mid-month: no whole month is required, and no 1:1 either */
    FX_STAFF(a, .id = "N1", .start = "2026-03-10");
    /* fully met and supervised: not listed */
    FX_STAFF(a, .id = "OK", .start = "2020-01-01");
    /* not in frequent contact: never listed */
    FX_STAFF(a, .id = "X", .start = "2020-01-01", .not_frequent = 1);
    fx_held(a, "a1", "2026-01-05");
    fx_held(a, "A2", "2026-02-05");
    fx_held(a, "A2", "2025-12-31"); /* before P: neither met nor supervised by it */
    fx_held(a, "OK", "2026-01-02");
    fx_held(a, "OK", "2026-02-02");
    fx_held(a, "OK", "2026-03-02");

    /* no oversight at all: the clock runs from the start */
    fx_case(a, "C2", OV_CAT_CP, "2025-11-01", NULL);
    /* an oversight before the episode start does not count for it */
    fx_oversight(a, "C1", "2025-01-01");
    fx_case(a, "C1", OV_CAT_CIN, "2025-10-01", NULL);
    /* up to date at pe (due 2026-04-15) and never overdue in P: not listed */
    fx_case(a, "C3", OV_CAT_CP, "2026-02-15", NULL);

    fx_run(e, "2026-01-01:2026-03-31", 1);
    ov_exceptions ex;
    exceptions_of(e, "HB", &ex);
    assert_int_equal(ex.nstaff, 4);
    assert_string_equal(staff_id(e, &ex, 0), "A10");
    assert_string_equal(staff_id(e, &ex, 1), "A2");
    assert_string_equal(staff_id(e, &ex, 2), "N1");
    assert_string_equal(staff_id(e, &ex, 3), "a1");
    /* A10: nothing held, all three months missed, in order */
    assert_int_equal(ex.staff[0].required, 3);
    assert_int_equal(ex.staff[0].met, 0);
    assert_missed(&ex, 0, 0, "2026-01-01", "2026-01-31");
    assert_missed(&ex, 0, 1, "2026-02-01", "2026-02-28");
    assert_missed(&ex, 0, 2, "2026-03-01", "2026-03-31");
    assert_int_equal(ex.staff[0].supervised, 0);
    assert_int_equal(ex.staff[0].last_held, OV_DATE_NONE);
    /* A2: January and March missed; last 1:1 in February */
    assert_int_equal(ex.staff[1].met, 1);
    assert_missed(&ex, 1, 0, "2026-01-01", "2026-01-31");
    assert_missed(&ex, 1, 1, "2026-03-01", "2026-03-31");
    assert_int_equal(ex.staff[1].last_held, fx_d("2026-02-05"));
    /* N1: no required interval, listed for staff_supervised only */
    assert_int_equal(ex.staff[2].required, 0);
    assert_int_equal(ex.staff[2].met, 0);
    assert_int_equal(ex.staff[2].supervised, 0);
    assert_int_equal(ex.nmissed, 3 + 2 + 2);

    assert_int_equal(ex.nchildren, 2);
    assert_string_equal(child_id(e, &ex, 0), "C1");
    /* C1 cin from 2025-10-01: due 2026-01-01, overdue from 2026-01-02 */
    assert_int_equal(ex.children[0].latest_oversight, OV_DATE_NONE);
    assert_int_equal(ex.children[0].due, fx_d("2026-01-01"));
    assert_int_equal(ex.children[0].first_overdue, fx_d("2026-01-02"));
    assert_int_equal(ex.children[0].overdue_at_pe, 1);
    assert_int_equal(ex.children[0].days_overdue, fx_d("2026-03-31") - fx_d("2026-01-01"));
    /* C2 cp from 2025-11-01: due 2026-01-01 */
    assert_string_equal(child_id(e, &ex, 1), "C2");
    assert_int_equal(ex.children[1].due, fx_d("2026-01-01"));
    assert_int_equal(ex.children[1].first_overdue, fx_d("2026-01-02"));
    ov_exceptions_free(&ex);
    reconcile_all(e);

    /* arguments */
    assert_int_equal(ov_metrics_exceptions(&e->d, 1, &e->res.periods[0], &e->cfg, &ex), -1);
    assert_int_equal(ex.nstaff + ex.nchildren + ex.nmissed, 0);
    assert_int_equal(ov_metrics_exceptions(&e->d, OV_ALL, &e->res.periods[0], &e->cfg, &ex), -1);
    assert_int_equal(ov_metrics_exceptions(NULL, 0, &e->res.periods[0], &e->cfg, &ex), -1);
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, NULL, &e->cfg, &ex), -1);
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, &e->res.periods[0], NULL, &ex), -1);
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, &e->res.periods[0], &e->cfg, NULL), -1);
    ov_exceptions_free(NULL);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Reads a whole text file into a malloc'd string (NULL when missing). */
static char *slurp(const char *dir, const char *name)
{
    char *path = ov_path_join(dir, name);
    FILE *fp = fopen(path, "rb");
    free(path);
    if (!fp)
        return NULL;
    ov_buf b = {0};
    char chunk[4096];
    size_t n;
    ov_buf_add(&b, "", 0);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ov_buf_add(&b, chunk, n);
    fclose(fp);
    return ov_buf_detach(&b);
}

/* Removes the files of a folder and the folder. */
static void remove_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && (de = readdir(dp))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char *p = ov_path_join(dir, de->d_name);
        unlink(p);
        free(p);
    }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

/* The two CSV files of TINY, metrics.csv restricted to TINY, and the removal
 * of stale lists. */
static void test_csv_outputs(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    load(e, TINY);
    fx_run(e, "2025-26-Q3", 1);
    char dir[] = "/tmp/ov-exceptions-XXXXXX";
    char path[96];
    assert_non_null(mkdtemp(dir));
    ov_exceptions ex;
    exceptions_of(e, "TINY", &ex);
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    int busy = 0;
    ov_outset *out = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_analyst_exceptions(&e->d, &ex, out), 0);
    assert_int_equal(ov_outset_commit(out, "# run test"), 0);
    ov_exceptions_free(&ex);

    char *staff = slurp(dir, "exceptions-staff.csv");
    assert_non_null(staff);
    assert_string_equal(
        staff,
        "period_start,period_end,agency_id,staff_id,team,schedule,intervals_required,"
        "intervals_met,intervals_missed,missed_intervals,one_to_one_in_period,last_one_to_one,"
        "metrics\n"
        "2025-10-01,2025-12-31,TINY,S2,T,asye,6,5,1,2025-11-24:2025-12-07,yes,2025-12-10,"
        "supervision_frequency;staff_fully_compliant\n"
        "2025-10-01,2025-12-31,TINY,S3,T,student,9,8,1,2025-11-17:2025-11-23,yes,2025-12-09,"
        "supervision_frequency;staff_fully_compliant\n"
        "2025-10-01,2025-12-31,TINY,S4,T,standard,1,0,1,2025-12-01:2025-12-31,no,,"
        "supervision_frequency;staff_fully_compliant;staff_supervised\n");
    char *children = slurp(dir, "exceptions-children.csv");
    assert_non_null(children);
    assert_string_equal(
        children,
        "period_start,period_end,agency_id,child_id,category,episode_start,episode_end,"
        "latest_oversight,due_date,overdue_at_period_end,days_overdue,first_overdue_in_period,"
        "metrics\n"
        "2025-10-01,2025-12-31,TINY,K1,cp,2025-08-15,,2025-12-20,2026-02-20,no,,2025-10-21,"
        "case_oversight_period\n"
        "2025-10-01,2025-12-31,TINY,K2,cin,2025-06-01,2025-11-30,2025-07-01,2025-10-01,,,"
        "2025-10-02,case_oversight_period\n"
        "2025-10-01,2025-12-31,TINY,K5,cic_ltm,2023-05-31,,2025-08-31,2025-11-30,yes,31,"
        "2025-12-01,case_oversight_current;case_oversight_period\n");
    free(staff);
    free(children);

    /* metrics.csv of one agency: its rows only, in the same order */
    int32_t tiny = ov_data_find_agency(&e->d, "TINY");
    out = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_analyst_metrics(&e->d, &e->res, tiny, out), 0);
    assert_int_equal(ov_outset_commit(out, "# run test"), 0);
    char *metrics = slurp(dir, "metrics.csv");
    assert_non_null(metrics);
    size_t lines = 0, want = 0;
    for (char *line = strchr(metrics, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        lines++;
        assert_memory_equal(line + 1, "2025-10-01,2025-12-31,TINY,", 27);
    }
    for (size_t i = 0; i < e->res.nfigs; i++)
        want += e->res.figs[i].agency == tiny;
    assert_int_equal(lines, want);
    assert_true(want > 20);
    free(metrics);

    /* the run that wrote metrics.csv alone removed the lists the previous
     * manifest named */
    char *gone = slurp(dir, "exceptions-staff.csv");
    assert_null(gone);

    /* a pack run removes lists left by an agency run even without a manifest
     * naming them; nothing to remove is fine */
    FILE *fp = fopen(strcat(strcpy(path, dir), "/exceptions-staff.csv"), "w");
    assert_non_null(fp);
    fclose(fp);
    unlink(strcat(strcpy(path, dir), "/manifest.csv"));
    for (int pass = 0; pass < 2; pass++) {
        out = ov_outset_open(dir, "test", 1, &busy);
        assert_non_null(out);
        ov_analyst_exceptions_remove(out);
        assert_int_equal(ov_outset_commit(out, "# run test"), 0);
        gone = slurp(dir, "exceptions-staff.csv");
        assert_null(gone);
        gone = slurp(dir, "exceptions-children.csv");
        assert_null(gone);
    }
    ov_msg_set_level(level);
    remove_dir(dir);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiny_lists_exactly), cmocka_unit_test(test_tiny_reconciles),
        cmocka_unit_test(test_sample_reconciles),  cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_csv_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
