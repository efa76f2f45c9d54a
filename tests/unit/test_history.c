/* test_history.c — the history of reported figures: a run recorded and read
 * back (a snapshot figure of the trend period taken from the history, marked,
 * with the date it was reported on; a figure the extracts now give
 * differently listed as a restatement with the reported numbers), the scopes
 * kept apart, and files refused untouched: not SQLite, a newer history
 * version, a missing one to read, a folder that cannot take a new one.
 * Hand-made data in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "history/history.h"
#include "metrics_fixture.h"

/* A temporary folder for one test, under TMPDIR (removed by rm_tree). */
static char *temp_folder(void)
{
    const char *tmp = getenv("TMPDIR");
    char *tmpl = ov_xasprintf("%s/ov-history-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

/* Removes a folder and the files in it (no sub-folders here). */
static void rm_tree(char *dir)
{
    char *cmd = ov_xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

/* The bytes of a file (caller frees); *n its size. */
static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = ov_xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    *n = (size_t)len;
    return buf;
}

/* Six practitioners of agency A with a 1:1 every month of Q2 2025-26, notes the
 * same day; agreements dated in June 2025. */
static fx_env *agency_a(void)
{
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    a->name = ov_xstrdup("Agency A");
    static const char *const ids[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    static const char *const months[] = {"2025-07-07", "2025-08-04", "2025-09-08",
                                         "2025-10-06", "2025-11-03", "2025-12-01"};
    for (int i = 0; i < 6; i++) {
        FX_STAFF(a, .id = ids[i], .agreement = "2025-06-02");
        for (int k = 0; k < 6; k++)
            FX_SESSION(a, .staff = ids[i], .date = months[k], .notes = months[k]);
    }
    return e;
}

/* Records the figures of e's report period in the history at path. */
static void record(fx_env *e, const char *path, const char *run_date, int32_t agency)
{
    char err[512];
    ov_history *h = ov_history_open(path, OV_HISTORY_REPORT, err, sizeof err);
    assert_non_null(h);
    ov_history_run run = {.run_date = fx_d(run_date),
                          .period = &e->res.periods[0],
                          .scope = agency >= 0 ? OV_HSCOPE_AGENCY : OV_HSCOPE_PARTNERSHIP,
                          .agency_id = agency >= 0 ? e->d.agencies[agency].id : NULL,
                          .version = "test",
                          .standards_sha256 = "",
                          .calendar_sha256 = "",
                          .suppress_below = 5};
    assert_int_equal(ov_history_record(h, &run, &e->d, &e->res, agency, err, sizeof err), 0);
    ov_history_close(h);
}

/* Runs period with trend 2 reading the history at path; returns it open. */
static ov_history *run_with_history(fx_env *e, const char *path, const char *period,
                                    enum ov_history_scope scope, const char *agency_id)
{
    char err[512];
    ov_history *h = ov_history_open(path, OV_HISTORY_REPORT, err, sizeof err);
    assert_non_null(h);
    ov_period p, periods[2];
    assert_int_equal(ov_period_parse(period, &p, err, sizeof err), 0);
    periods[0] = p;
    periods[1] = ov_period_previous(&p, 1);
    assert_int_equal(ov_history_load(h, scope, agency_id, periods, 2, err, sizeof err), 0);
    e->cfg.history_lookup = ov_history_lookup;
    e->cfg.history_ctx = h;
    fx_run(e, period, 2);
    return h;
}

static void test_recorded_figures_fill_the_trend_and_restatements(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = ov_path_join(dir, "history.sqlite");
    fx_env *e = agency_a();
    fx_run(e, "2025-26-Q2", 1);
    const ov_figure *q2 = fx_fig(e, 0, OV_M_AGREEMENT_CURRENT, "A", NULL, OV_NONE);
    assert_int_equal(q2->num, 6);
    record(e, path, "2025-10-14", OV_NONE);

    /* a late session for Q2, recorded after Q2 was reported */
    FX_SESSION(&e->d.agencies[0], .staff = "S1", .date = "2025-09-22", .notes = "2025-11-20");
    ov_history *h = run_with_history(e, path, "2025-26-Q3", OV_HSCOPE_PARTNERSHIP, NULL);

    /* the snapshot figure of Q2 (not covered by the extracts) is the reported one */
    const ov_figure *f = fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "A", NULL, OV_NONE);
    assert_int_equal(f->source, OV_SRC_HISTORY);
    assert_int_equal(f->num, 6);
    assert_int_equal(f->den, 6);
    assert_int_equal(f->rag, OV_RAG_GREEN);
    f = fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, NULL, NULL, OV_NONE);
    assert_int_equal(f->source, OV_SRC_HISTORY);
    /* the report period never comes from the history */
    assert_int_equal(fx_fig(e, 0, OV_M_AGREEMENT_CURRENT, "A", NULL, OV_NONE)->source,
                     OV_SRC_EXTRACT);

    ov_history_findings found;
    ov_history_compare(h, &e->d, &e->res, OV_NONE, &found);
    assert_int_equal(found.nperiods, 2);
    assert_int_equal(found.reported_on[0], OV_DATE_NONE);
    assert_int_equal(found.reported_on[1], fx_d("2025-10-14"));
    /* notes on time: 18 of 18 reported; now 18 of 19 */
    int seen = 0;
    for (size_t i = 0; i < found.nrows; i++) {
        const ov_figure *g = &e->res.figs[found.rows[i].fig];
        assert_int_equal(g->period, 1);
        assert_int_equal(found.rows[i].reported_on, fx_d("2025-10-14"));
        assert_true(found.rows[i].num != g->num || found.rows[i].den != g->den);
        if (g->metric == OV_M_NOTES_TIMELY && g->agency == 0 && g->team == OV_NONE) {
            assert_int_equal(found.rows[i].num, 18);
            assert_int_equal(found.rows[i].den, 18);
            assert_int_equal(g->num, 18);
            assert_int_equal(g->den, 19);
            seen = 1;
        }
    }
    assert_true(seen);
    ov_history_findings_free(&found);
    ov_history_close(h);
    fx_env_free(e);
    free(path);
    rm_tree(dir);
}

static void test_scopes_are_kept_apart(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char *path = ov_path_join(dir, "history.sqlite");
    fx_env *e = agency_a();
    fx_run(e, "2025-26-Q2", 1);
    record(e, path, "2025-10-14", 0); /* A's own pack */
    e->cfg.history_lookup = NULL;
    /* the partnership's Q3 finds no partnership report of Q2 */
    ov_history *h = run_with_history(e, path, "2025-26-Q3", OV_HSCOPE_PARTNERSHIP, NULL);
    assert_int_equal(fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "A", NULL, OV_NONE)->rag,
                     OV_RAG_NOT_COVERED);
    ov_history_close(h);
    /* A's own finds its own */
    h = run_with_history(e, path, "2025-26-Q3", OV_HSCOPE_AGENCY, "A");
    assert_int_equal(fx_fig(e, 1, OV_M_AGREEMENT_CURRENT, "A", NULL, OV_NONE)->source,
                     OV_SRC_HISTORY);
    ov_history_close(h);
    fx_env_free(e);
    free(path);
    rm_tree(dir);
}

static void test_files_that_are_not_a_history_are_left_alone(void **state)
{
    (void)state;
    char *dir = temp_folder();
    char err[512];
    /* not SQLite */
    char *text = ov_path_join(dir, "notes.txt");
    FILE *fp = fopen(text, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 50; i++)
        fputs("period,figure\n", fp);
    fclose(fp);
    size_t n0, n1;
    char *before = slurp(text, &n0);
    err[0] = '\0';
    assert_null(ov_history_open(text, OV_HISTORY_REPORT, err, sizeof err));
    assert_non_null(strstr(err, "not an oversight history"));
    assert_null(ov_history_open(text, OV_HISTORY_READ, err, sizeof err));
    char *after = slurp(text, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);

    /* a newer history version: the header's user_version raised by hand */
    char *path = ov_path_join(dir, "history.sqlite");
    fx_env *e = agency_a();
    fx_run(e, "2025-26-Q2", 1);
    record(e, path, "2025-10-14", OV_NONE);
    fp = fopen(path, "r+b");
    assert_non_null(fp);
    fseek(fp, 60, SEEK_SET);
    unsigned char v[4] = {0, 0, 0, 9};
    assert_int_equal(fwrite(v, 1, 4, fp), 4);
    fclose(fp);
    before = slurp(path, &n0);
    assert_null(ov_history_open(path, OV_HISTORY_REPORT, err, sizeof err));
    assert_non_null(strstr(err, "newer version"));
    after = slurp(path, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);

    /* nothing to read, and nowhere to start a new one */
    char *missing = ov_path_join(dir, "none.sqlite");
    assert_null(ov_history_open(missing, OV_HISTORY_READ, err, sizeof err));
    assert_non_null(strstr(err, "there is no history"));
    assert_int_equal(access(missing, F_OK), -1);
    char *nowhere = ov_path_join(dir, "no-folder/history.sqlite");
    assert_null(ov_history_open(nowhere, OV_HISTORY_REPORT, err, sizeof err));
    /* a new file in a folder that exists: nothing is created until a run records */
    ov_history *h = ov_history_open(missing, OV_HISTORY_REPORT, err, sizeof err);
    assert_non_null(h);
    ov_history_close(h);
    assert_int_equal(access(missing, F_OK), -1);

    fx_env_free(e);
    free(text);
    free(path);
    free(missing);
    free(nowhere);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recorded_figures_fill_the_trend_and_restatements),
        cmocka_unit_test(test_scopes_are_kept_apart),
        cmocka_unit_test(test_files_that_are_not_a_history_are_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
