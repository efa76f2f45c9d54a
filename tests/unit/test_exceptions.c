/* test_exceptions.c — the follow-up lists of an agency's report (--agency) on
 * real folders: the exact rows of the reference fixture (tests/fixtures/tiny,
 * 2025-26 Q3, see expected/DERIVATION.md), their reconciliation with the
 * figures, their order and who must act for every agency of the fixture and
 * of sample-data over several periods, the order and edge cases of a
 * hand-built agency, and the CSV files the report writes from them (only the
 * lists the report shows, stale ones removed). */
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
#include "report/pack.h"
#include "metrics_fixture.h"
#include "followup_check.h"

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

/* The lists of an agency id for period 0 of e's results. */
static void exceptions_of(const fx_env *e, const char *agency, ov_exceptions *ex)
{
    int32_t ai = ov_data_find_agency(&e->d, agency);
    assert_true(ai >= 0);
    assert_int_equal(ov_metrics_exceptions(&e->d, ai, &e->res.periods[0], &e->cfg, ex), 0);
    assert_int_equal(ex->agency, ai);
}

/* Row i of list l. */
static const ov_followup_row *row(const ov_exceptions *ex, int l, size_t i)
{
    assert_true(i < ex->count[l]);
    return &ex->rows[ex->first[l] + i];
}

/* The id of row i of list l. */
static const char *id_of(const fx_env *e, const ov_exceptions *ex, int l, size_t i)
{
    return fu_subject_id(&e->d.agencies[ex->agency], row(ex, l, i));
}

/* The id of whoever must act on row i of list l ("" when nobody is named). */
static const char *who_of(const fx_env *e, const ov_exceptions *ex, int l, size_t i)
{
    return ov_followup_responsible_id(&e->d.agencies[ex->agency], row(ex, l, i));
}

/* Asserts the ids of list l, in order (a NULL-terminated list). */
static void assert_ids(const fx_env *e, const ov_exceptions *ex, int l, const char *const *ids)
{
    size_t n = 0;
    for (; ids[n]; n++) {
        if (n >= ex->count[l])
            fail_msg("list %s has %zu rows, expected more", ov_followup_def_get(l)->key,
                     ex->count[l]);
        assert_string_equal(id_of(e, ex, l, n), ids[n]);
    }
    assert_int_equal(ex->count[l], n);
}

/* Asserts the missed interval k of intervals row i is [s, e]. */
static void assert_missed(const ov_exceptions *ex, size_t i, size_t k, const char *s, const char *e)
{
    const ov_followup_row *r = row(ex, OV_FL_INTERVALS, i);
    assert_true((int64_t)k < r->required - r->met);
    const ov_date_range *m = &ex->missed[r->missed_first + k];
    assert_int_equal(m->start, fx_d(s));
    assert_int_equal(m->end, fx_d(e));
}

/* Checks every agency's lists against the figures of e's period 0; returns
 * the rows seen. */
static size_t reconcile_all(const fx_env *e)
{
    size_t seen = 0;
    for (size_t ai = 0; ai < e->d.nagencies; ai++) {
        ov_exceptions ex;
        assert_int_equal(
            ov_metrics_exceptions(&e->d, (int32_t)ai, &e->res.periods[0], &e->cfg, &ex), 0);
        seen += fu_check(&e->d, &e->res, (int32_t)ai, &ex);
        ov_exceptions_free(&ex);
    }
    return seen;
}

/* TINY, 2025-26 Q3 (DERIVATION.md): every list, most urgent first. */
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

    /* S3 missed the week of 11-17 (38 days before pe), S2 the ASYE fortnight to
     * 12-07 (24), S4 December (0); M1 supervises them all */
    assert_ids(e, &ex, OV_FL_INTERVALS, (const char *const[]){"S3", "S2", "S4", NULL});
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 0)->days, 38);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->days, 24);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->days, 0);
    assert_missed(&ex, 0, 0, "2025-11-17", "2025-11-23");
    assert_missed(&ex, 1, 0, "2025-11-24", "2025-12-07");
    assert_missed(&ex, 2, 0, "2025-12-01", "2025-12-31");
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->required, 6);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->met, 5);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->since, fx_d("2025-12-10"));
    /* S4's first 1:1 is on 2026-01-05, after pe */
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->since, OV_DATE_NONE);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(who_of(e, &ex, OV_FL_INTERVALS, i), "M1");
    assert_int_equal(ex.nmissed, 3);

    /* S4 started 11-15 and had no 1:1 in P: 46 days */
    assert_ids(e, &ex, OV_FL_NO_ONE_TO_ONE, (const char *const[]){"S4", NULL});
    assert_int_equal(row(&ex, OV_FL_NO_ONE_TO_ONE, 0)->days, 46);

    /* 13 of 16 notes late: S3's nine without notes, S2's three (11-12 notes
     * dated before the session count as none) and S1's 11-17 (one day late) */
    assert_int_equal(ex.count[OV_FL_LATE_NOTES], 13);
    const ov_followup_row *r = row(&ex, OV_FL_LATE_NOTES, 0);
    assert_string_equal(id_of(e, &ex, OV_FL_LATE_NOTES, 0), "S3");
    assert_int_equal(r->date, fx_d("2025-10-07"));
    assert_int_equal(r->due, fx_d("2025-10-14"));
    assert_int_equal(r->done, OV_DATE_NONE);
    assert_int_equal(r->days, ov_working_days_between(&e->cal, r->due, fx_d("2025-12-31")));
    r = row(&ex, OV_FL_LATE_NOTES, 11);
    assert_string_equal(id_of(e, &ex, OV_FL_LATE_NOTES, 11), "S2");
    assert_int_equal(r->date, fx_d("2025-11-05"));
    assert_int_equal(r->done, fx_d("2025-11-20"));
    assert_int_equal(r->days, 6); /* 13, 14, 17, 18, 19, 20 November */
    r = row(&ex, OV_FL_LATE_NOTES, 12);
    assert_string_equal(id_of(e, &ex, OV_FL_LATE_NOTES, 12), "S1");
    assert_int_equal(r->days, 1);
    /* notes not shared: 12 of 16; S1's 11-17 recorded "N", the rest blank */
    assert_int_equal(ex.count[OV_FL_NOT_SHARED], 12);
    for (size_t i = 0; i < 12; i++) {
        r = row(&ex, OV_FL_NOT_SHARED, i);
        assert_int_equal(r->code, strcmp(id_of(e, &ex, OV_FL_NOT_SHARED, i), "S1") ? 1 : 0);
        assert_int_equal(r->days, fx_d("2025-12-31") - r->due);
    }
    /* both cancellations were rearranged in time; agreements, observations and
     * training are all current */
    assert_int_equal(ex.count[OV_FL_NOT_REARRANGED], 0);
    assert_int_equal(ex.count[OV_FL_AGREEMENTS], 0);
    assert_int_equal(ex.count[OV_FL_OBSERVATIONS], 0);
    assert_int_equal(ex.count[OV_FL_UNTRAINED], 0);
    /* functions: S3 recorded none (last 1:1 12-09), S2 management only (12-10) */
    assert_ids(e, &ex, OV_FL_FUNCTIONS, (const char *const[]){"S3", "S2", NULL});
    assert_int_equal(row(&ex, OV_FL_FUNCTIONS, 0)->code, OV_FN_ALL);
    assert_int_equal(row(&ex, OV_FL_FUNCTIONS, 1)->code, OV_FN_ALL & ~FX_M);

    /* children: K5 overdue at pe (31 days), then K2 (closed, overdue from
     * 10-02) and K1 (overdue 10-21..10-24); S1 holds all three */
    assert_ids(e, &ex, OV_FL_CHILDREN, (const char *const[]){"K5", "K2", "K1", NULL});
    r = row(&ex, OV_FL_CHILDREN, 0);
    assert_int_equal(r->days, 31);
    assert_int_equal(r->against, 3);
    assert_int_equal(r->done, fx_d("2025-08-31"));
    assert_int_equal(r->due, fx_d("2025-11-30"));
    assert_int_equal(r->since, fx_d("2025-12-01"));
    r = row(&ex, OV_FL_CHILDREN, 1);
    assert_int_equal(r->open, 0);
    assert_int_equal(r->against, 2);
    assert_int_equal(r->due, fx_d("2025-10-01"));
    assert_int_equal(r->since, fx_d("2025-10-02"));
    r = row(&ex, OV_FL_CHILDREN, 2);
    assert_int_equal(r->open, 1);
    assert_int_equal(r->days, 0);
    assert_int_equal(r->due, fx_d("2026-02-20"));
    assert_int_equal(r->since, fx_d("2025-10-21"));
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(who_of(e, &ex, OV_FL_CHILDREN, i), "S1");
        assert_string_equal(ov_strtab_get(&e->d.agencies[ex.agency].teams,
                                          (uint32_t)row(&ex, OV_FL_CHILDREN, i)->team),
                            "T");
    }

    /* assessments: K1 10-20 day 8 (review dated before the start: none; due
     * 10-30, 62 days), K4 day 8 (no case holder), K1 10-20 day 20 (TBC), K1
     * 10-01 day 20 recorded a day late */
    assert_ids(e, &ex, OV_FL_ASSESSMENTS, (const char *const[]){"K1", "K4", "K1", "K1", NULL});
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 0)->code, 0);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 0)->days, 62);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 1)->responsible, OV_NONE);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 1)->team, OV_NONE);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 2)->code, 1);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 3)->days, 1);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 3)->done, fx_d("2025-10-30"));
    assert_string_equal(who_of(e, &ex, OV_FL_ASSESSMENTS, 3), "S1");
    ov_exceptions_free(&ex);

    /* TWO: W1 had only a cancelled 1:1 in November (not rearranged: the next
     * was 12-03, 14 days after the 11-19 limit); its sessions name W0 */
    exceptions_of(e, "TWO", &ex);
    assert_ids(e, &ex, OV_FL_INTERVALS, (const char *const[]){"W1", NULL});
    assert_missed(&ex, 0, 0, "2025-11-01", "2025-11-30");
    assert_string_equal(who_of(e, &ex, OV_FL_INTERVALS, 0), "W0");
    assert_ids(e, &ex, OV_FL_NOT_REARRANGED, (const char *const[]){"W1", NULL});
    r = row(&ex, OV_FL_NOT_REARRANGED, 0);
    assert_int_equal(r->date, fx_d("2025-11-05"));
    assert_int_equal(r->due, fx_d("2025-11-19"));
    assert_int_equal(r->done, fx_d("2025-12-03"));
    assert_int_equal(r->days, 14);
    /* late notes: W1 12-03 (supervisor W0 named on the session) and W0 11-12
     * (no supervisor anywhere: blank) */
    assert_ids(e, &ex, OV_FL_LATE_NOTES, (const char *const[]){"W1", "W0", NULL});
    assert_string_equal(who_of(e, &ex, OV_FL_LATE_NOTES, 0), "W0");
    assert_string_equal(who_of(e, &ex, OV_FL_LATE_NOTES, 1), "");
    assert_int_equal(ex.count[OV_FL_CHILDREN] + ex.count[OV_FL_ASSESSMENTS], 0);
    assert_int_equal(reconcile_all(e), 3 + 1 + 13 + 12 + 2 + 3 + 4 + /* TWO */ 1 + 1 + 2 + 1);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* The lists reconcile with the figures for both agencies of the fixture over
 * several periods. */
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
    fx_env_free(e);
}

/* Every list reconciles for every agency of sample-data over several periods. */
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
    assert_true(seen > 1000); /* the sample has plenty of red figures */
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
    /* fully met and supervised: in no session list */
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
    /* A10 and A2 both missed January (59 days, same date: id order), a1
     * February first (31); N1 has no required interval */
    assert_ids(e, &ex, OV_FL_INTERVALS, (const char *const[]){"A10", "A2", "a1", NULL});
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 0)->days, 59);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->days, 59);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->days, 31);
    assert_missed(&ex, 0, 0, "2026-01-01", "2026-01-31");
    assert_missed(&ex, 0, 1, "2026-02-01", "2026-02-28");
    assert_missed(&ex, 0, 2, "2026-03-01", "2026-03-31");
    assert_missed(&ex, 1, 0, "2026-01-01", "2026-01-31");
    assert_missed(&ex, 1, 1, "2026-03-01", "2026-03-31");
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 1)->since, fx_d("2026-02-05"));
    assert_int_equal(ex.nmissed, 3 + 2 + 2);
    /* no 1:1: A10 never (from ps, 89 days), N1 since its start (21 days) */
    assert_ids(e, &ex, OV_FL_NO_ONE_TO_ONE, (const char *const[]){"A10", "N1", NULL});
    assert_int_equal(row(&ex, OV_FL_NO_ONE_TO_ONE, 0)->days, 89);
    assert_int_equal(row(&ex, OV_FL_NO_ONE_TO_ONE, 1)->days, 21);
    /* nobody names a supervisor: every row blank */
    for (size_t i = 0; i < ex.nrows; i++)
        assert_int_equal(ex.rows[i].responsible, OV_NONE);

    /* C1 cin from 2025-10-01 and C2 cp from 2025-11-01 are both due 2026-01-01
     * and overdue from 2026-01-02: same days, same date, id order */
    assert_ids(e, &ex, OV_FL_CHILDREN, (const char *const[]){"C1", "C2", NULL});
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 0)->done, OV_DATE_NONE);
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 0)->due, fx_d("2026-01-01"));
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 0)->days, fx_d("2026-03-31") - fx_d("2026-01-01"));
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 1)->since, fx_d("2026-01-02"));
    fu_check(&e->d, &e->res, ex.agency, &ex);
    ov_exceptions_free(&ex);

    /* arguments */
    assert_int_equal(ov_metrics_exceptions(&e->d, 1, &e->res.periods[0], &e->cfg, &ex), -1);
    assert_int_equal(ex.nrows + ex.nmissed, 0);
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

/* Writes a small file into dir. */
static void touch(const char *dir, const char *name)
{
    char *path = ov_path_join(dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("stale\n", fp);
    fclose(fp);
    free(path);
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

/* The report context the command line would build for an agency. */
static ov_report_ctx ctx_of(fx_env *e, int32_t focus, const ov_exceptions *ex)
{
    ov_report_ctx c = {
        .data = &e->d,
        .results = &e->res,
        .standards = &e->std,
        .calendar = &e->cal,
        .title = "Test Partnership",
        .marking = "OFFICIAL",
        .version = "test",
        .templates_dir = "templates",
        .run_date = fx_d("2026-01-15"),
        .agency_focus = focus,
        .exceptions = ex,
        .suppress_below = 5,
        .trend = 1,
    };
    return c;
}

/* TINY's report writes the lists it shows (red or amber as its own pack rates
 * them) as outputs of the set, so they appear in manifest.csv; the commit
 * removes stale and legacy list names; metrics.csv of one agency holds its
 * rows only; a pack run removes every list. */
static void test_csv_outputs(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    load(e, TINY);
    fx_run(e, "2025-26-Q3", 1);
    char dir[] = "/tmp/ov-exceptions-XXXXXX";
    char path[96];
    assert_non_null(mkdtemp(dir));
    touch(dir, "exceptions-staff.csv");          /* an earlier version's name */
    touch(dir, "exceptions-not-rearranged.csv"); /* a list this report does not show */
    ov_exceptions ex;
    exceptions_of(e, "TINY", &ex);
    ov_report_ctx c = ctx_of(e, ex.agency, &ex);
    ov_pack p;
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    int busy = 0;
    ov_outset *out = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_analyst_followup(&p, out), 0);
    assert_int_equal(ov_outset_commit(out, "# run test"), 0);

    static const char *const written[] = {
        "exceptions-intervals.csv",  "exceptions-no-one-to-one.csv",
        "exceptions-late-notes.csv", "exceptions-notes-not-shared.csv",
        "exceptions-functions.csv",  "exceptions-children.csv",
        "exceptions-assessments.csv"};
    char *manifest = slurp(dir, "manifest.csv");
    assert_non_null(manifest);
    size_t nwritten = 0;
    for (size_t i = 0; i < ov_followup_nfiles(); i++) {
        char *t = slurp(dir, ov_followup_file(i));
        int want = 0;
        for (size_t k = 0; k < sizeof written / sizeof written[0]; k++)
            want |= !strcmp(written[k], ov_followup_file(i));
        if (want != (t != NULL))
            fail_msg("%s: %s", ov_followup_file(i), want ? "not written" : "left behind");
        if (want != (strstr(manifest, ov_followup_file(i)) != NULL))
            fail_msg("%s: %s", ov_followup_file(i),
                     want ? "not in manifest.csv" : "in manifest.csv but not written");
        nwritten += t != NULL;
        free(t);
    }
    free(manifest);
    assert_int_equal(nwritten, sizeof written / sizeof written[0]);

    char *t = slurp(dir, "exceptions-intervals.csv");
    assert_string_equal(
        t, "period_start,period_end,agency_id,staff_id,team,supervisor_id,days_overdue,schedule,"
           "intervals_required,intervals_met,intervals_missed,missed_intervals,last_one_to_one,"
           "metrics\n"
           "2025-10-01,2025-12-31,TINY,S3,T,M1,38,student,9,8,1,2025-11-17:2025-11-23,2025-12-09,"
           "supervision_frequency;staff_fully_compliant\n"
           "2025-10-01,2025-12-31,TINY,S2,T,M1,24,asye,6,5,1,2025-11-24:2025-12-07,2025-12-10,"
           "supervision_frequency;staff_fully_compliant\n"
           "2025-10-01,2025-12-31,TINY,S4,T,M1,0,standard,1,0,1,2025-12-01:2025-12-31,,"
           "supervision_frequency;staff_fully_compliant\n");
    free(t);
    t = slurp(dir, "exceptions-children.csv");
    assert_string_equal(
        t, "period_start,period_end,agency_id,child_id,team,case_holder,days_overdue,category,"
           "episode_start,episode_end,latest_oversight,due_date,overdue_at_period_end,"
           "first_overdue_in_period,metrics\n"
           "2025-10-01,2025-12-31,TINY,K5,T,S1,31,cic_ltm,2023-05-31,,2025-08-31,2025-11-30,yes,"
           "2025-12-01,case_oversight_current;case_oversight_period\n"
           "2025-10-01,2025-12-31,TINY,K2,T,S1,0,cin,2025-06-01,2025-11-30,2025-07-01,2025-10-01,"
           ",2025-10-02,case_oversight_period\n"
           "2025-10-01,2025-12-31,TINY,K1,T,S1,0,cp,2025-08-15,,2025-12-20,2026-02-20,no,"
           "2025-10-21,case_oversight_period\n");
    free(t);
    t = slurp(dir, "exceptions-assessments.csv");
    assert_string_equal(
        t, "period_start,period_end,agency_id,child_id,team,case_holder,days_overdue,"
           "assessment_start,review,review_due,review_date,metrics\n"
           "2025-10-01,2025-12-31,TINY,K1,T,S1,62,2025-10-20,day8,2025-10-30,2025-10-17,"
           "assessment_day8\n"
           "2025-10-01,2025-12-31,TINY,K4,,,48,2025-11-03,day8,2025-11-13,,assessment_day8\n"
           "2025-10-01,2025-12-31,TINY,K1,T,S1,44,2025-10-20,day20,2025-11-17,,assessment_day20\n"
           "2025-10-01,2025-12-31,TINY,K1,T,S1,1,2025-10-01,day20,2025-10-29,2025-10-30,"
           "assessment_day20\n");
    free(t);

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
    for (size_t i = 0; i < ov_followup_nfiles(); i++) {
        char *gone = slurp(dir, ov_followup_file(i));
        assert_null(gone);
    }

    /* a pack without lists cannot write any; a pack run removes lists left by
     * an agency run even without a manifest naming them; nothing to remove is
     * fine */
    ov_report_ctx pc = ctx_of(e, OV_NONE, NULL);
    ov_pack pp;
    assert_int_equal(ov_pack_build(&pc, &pp), 0);
    assert_int_equal(pp.nfollowups, 0);
    out = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_analyst_followup(&pp, out), -1);
    ov_outset_abort(out);
    ov_pack_free(&pp);
    touch(dir, "exceptions-staff.csv");
    touch(dir, "exceptions-late-notes.csv");
    unlink(strcat(strcpy(path, dir), "/manifest.csv"));
    for (int pass = 0; pass < 2; pass++) {
        out = ov_outset_open(dir, "test", 1, &busy);
        assert_non_null(out);
        ov_analyst_exceptions_remove(out);
        assert_int_equal(ov_outset_commit(out, "# run test"), 0);
        for (size_t i = 0; i < ov_followup_nfiles(); i++) {
            char *gone = slurp(dir, ov_followup_file(i));
            assert_null(gone);
        }
    }
    ov_msg_set_level(level);
    ov_pack_free(&p);
    ov_exceptions_free(&ex);
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
