/* test_xlsx.c — the board workbook writer: the text sanitiser (markup
 * characters, control characters, pound/accents/dashes, invalid UTF-8, length
 * limit), header/footer text, the overdue and coverage rules of the Improve
 * sheet, and whole workbooks written from a hand-built report (hostile names,
 * non-finite numbers, agency focus) that must exist, leave no temporary file,
 * and be byte-identical for the same input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/outset.h"
#include "core/strtab.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "metrics/calendar.h"
#include "metrics/metrics.h"
#include "metrics/standards.h"
#include "report/pack.h"
#include "report/report.h"
#include "render/xlsx/common.h"
#include "render/xlsx/xlsx.h"

/* ---- sanitiser ------------------------------------------------------------ */

/* Cleans s and returns a malloc'd copy; *bad receives the replaced runs. */
static char *clean(const char *s, size_t len, size_t *bad)
{
    ov_buf b = {0};
    size_t n = ov_xlsx_sanitize(s, len, &b);
    if (bad)
        *bad = n;
    return ov_buf_detach(&b);
}

static void test_sanitize_keeps_markup_and_accents(void **state)
{
    (void)state;
    const char *in = "<b> & \"quoted\" 'single' \xc2\xa3 caf\xc3\xa9 \xe2\x80\x93 ok";
    size_t bad = 9;
    char *out = clean(in, strlen(in), &bad);
    assert_string_equal(out, in);
    assert_int_equal(bad, 0);
    free(out);
}

static void test_sanitize_removes_control_characters(void **state)
{
    (void)state;
    const char in[] = "a\x01"
                      "b\tc\nd\re\x7f"
                      "f\x1b"
                      "g\xc2\x85h\xef\xbf\xbe"
                      "i";
    size_t bad = 9;
    char *out = clean(in, sizeof in - 1, &bad);
    assert_string_equal(out, "ab\tc\ndefghi");
    assert_int_equal(bad, 0);
    free(out);
}

static void test_sanitize_replaces_invalid_utf8(void **state)
{
    (void)state;
    size_t bad = 0;
    char *out = clean("ab\xff\xfe"
                      "cd",
                      6, &bad);
    assert_string_equal(out, "ab\xef\xbf\xbd"
                             "cd"); /* one marker for the run */
    assert_int_equal(bad, 1);
    free(out);

    out = clean("x\xc0\xafy\xed\xa0\x80z", 8, &bad); /* overlong, surrogate */
    assert_string_equal(out, "x\xef\xbf\xbdy\xef\xbf\xbdz");
    assert_int_equal(bad, 2);
    assert_true(ov_utf8_valid(out, strlen(out)));
    free(out);

    out = clean("end\xe2\x80", 5, &bad); /* cut sequence at the end */
    assert_string_equal(out, "end\xef\xbf\xbd");
    assert_int_equal(bad, 1);
    free(out);

    out = clean("nul\0after", 9, &bad); /* an embedded NUL is a control character */
    assert_string_equal(out, "nulafter");
    free(out);
}

static void test_sanitize_truncates_on_character_boundary(void **state)
{
    (void)state;
    size_t n = 40000;
    char *ascii = malloc(n);
    memset(ascii, 'a', n);
    char *out = clean(ascii, n, NULL);
    assert_int_equal(strlen(out), OV_XLSX_MAX_TEXT);
    free(out);
    free(ascii);

    char *acc = malloc(2 * 20000);
    for (size_t i = 0; i < 20000; i++)
        memcpy(acc + 2 * i, "\xc3\xa9", 2);
    out = clean(acc, 2 * 20000, NULL);
    size_t len = strlen(out);
    assert_true(len <= OV_XLSX_MAX_TEXT);
    assert_true(len >= OV_XLSX_MAX_TEXT - 1);
    assert_int_equal(len % 2, 0);
    assert_true(ov_utf8_valid(out, len));
    free(out);
    free(acc);
}

static void test_sanitize_null_and_empty(void **state)
{
    (void)state;
    char *out = clean(NULL, 0, NULL);
    assert_string_equal(out, "");
    free(out);
    out = clean("\x01\x02", 2, NULL);
    assert_string_equal(out, "");
    free(out);
}

static void test_header_text(void **state)
{
    (void)state;
    ov_xw w;
    memset(&w, 0, sizeof w);
    const char *h = ov_xlsx_header_text(&w,
                                        "A & B &P\n\x01"
                                        "caf\xc3\xa9 \xff",
                                        200);
    assert_string_equal(h, "A \xef\xbc\x86 B \xef\xbc\x86P caf\xc3\xa9 \xef\xbf\xbd");
    assert_null(strchr(h, '&'));
    const char *cut = ov_xlsx_header_text(&w, "\xc3\xa9\xc3\xa9\xc3\xa9", 5);
    assert_string_equal(cut, "\xc3\xa9\xc3\xa9");
    assert_int_equal(w.bad_text, 1);
    for (size_t i = 0; i < w.nkeep; i++)
        free(w.keep[i]);
    free(w.keep);
}

static void test_lines_estimate(void **state)
{
    (void)state;
    assert_int_equal(ov_xlsx_lines("", 20), 1);
    assert_int_equal(ov_xlsx_lines("short", 20), 1);
    assert_int_equal(ov_xlsx_lines("one\ntwo\nthree", 20), 3);
    assert_true(ov_xlsx_lines("word word word word word word word word word word", 10) >= 4);
}

/* ---- Improve rules ------------------------------------------------------------ */

static void test_overdue_rule(void **state)
{
    (void)state;
    ov_date run = ov_date_from_ymd(2026, 1, 15);
    ov_action a;
    memset(&a, 0, sizeof a);
    a.status = OV_AS_OPEN;
    a.due = ov_date_from_ymd(2026, 1, 14);
    assert_true(ov_action_overdue(&a, run));
    a.due = run; /* due today: not yet overdue */
    assert_false(ov_action_overdue(&a, run));
    a.due = ov_date_from_ymd(2025, 12, 1);
    a.status = OV_AS_IN_PROGRESS;
    assert_true(ov_action_overdue(&a, run));
    a.status = OV_AS_COMPLETE;
    assert_false(ov_action_overdue(&a, run));
    a.status = OV_AS_OPEN;
    a.due = OV_DATE_NONE;
    assert_false(ov_action_overdue(&a, run));
}

static void test_covers_rule(void **state)
{
    (void)state;
    ov_action a;
    memset(&a, 0, sizeof a);
    a.metric = OV_M_NOTES_TIMELY;
    a.agency = 1;
    assert_true(ov_action_covers(&a, OV_M_NOTES_TIMELY, 1));
    assert_false(ov_action_covers(&a, OV_M_NOTES_TIMELY, 0));
    assert_false(ov_action_covers(&a, OV_M_NOTES_TIMELY, OV_ALL));
    assert_false(ov_action_covers(&a, OV_M_NOTES_SHARED, 1));
    a.agency = OV_NONE; /* partnership action: every agency and ALL */
    assert_true(ov_action_covers(&a, OV_M_NOTES_TIMELY, 0));
    assert_true(ov_action_covers(&a, OV_M_NOTES_TIMELY, OV_ALL));
    a.metric = OV_NONE;
    assert_false(ov_action_covers(&a, OV_M_NOTES_TIMELY, OV_ALL));
}

/* ---- whole workbooks ---------------------------------------------------------- */

typedef struct {
    ov_data data;
    ov_results res;
    ov_standards std;
    ov_calendar cal;
    ov_report_ctx ctx;
    char dir[64];
} fixture;

static const char hostile_name[] = "Evil <Agency> & \"Co\" \x01\x07 \xc2\xa3 caf\xc3\xa9 "
                                   "\xe2\x80\x93 bad\xff\xfe end";
static const char hostile_team[] = "Team <b>&amp; 'q' \x0b \xc2\xa3 \xc3\xa9 \xe2\x80\x93 \xc3\x28";

/* Adds one figure. */
static void add_fig(fixture *fx, int p, int m, int32_t agency, int32_t team, int cat, int64_t num,
                    int64_t den)
{
    ov_figure *f = OV_PUSH(fx->res.figs, fx->res.nfigs, fx->res.cap_figs);
    memset(f, 0, sizeof *f);
    f->period = (uint16_t)p;
    f->metric = (uint8_t)m;
    f->agency = agency;
    f->team = team;
    f->category = (int8_t)cat;
    f->threshold = fx->std.metric[m];
    if (m >= OV_M_FIRST_INFO) {
        f->rag = OV_RAG_INFO;
        f->has_value = m != OV_M_INFO_DURATION_MEAN;
        f->value = (double)num;
        return;
    }
    f->num = num;
    f->den = den;
    f->value = den ? 100.0 * (double)num / (double)den : 0;
    f->rag = (uint8_t)ov_metrics_rag(num, den, &f->threshold, 5);
}

/* Fills a file record as ingest would. */
static void set_file(ov_file_info *fi, enum ov_dataset ds, const char *rel, unsigned long rows)
{
    fi->status = OV_FILE_RECEIVED;
    fi->relpath = ov_xstrdup(rel);
    fi->size = 100 + rows;
    fi->rows_read = rows + 1;
    fi->rows_accepted = rows;
    fi->rows_rejected = 1;
    fi->warnings = 2;
    strcpy(fi->sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    size_t n = 0;
    ov_schema_fields(ds, &n);
    fi->filled = ov_xcalloc(n ? n : 1, sizeof *fi->filled);
    for (size_t i = 0; i < n; i++)
        fi->filled[i] = rows / (i + 1);
}

static int setup(void **state)
{
    fixture *fx = ov_xcalloc(1, sizeof *fx);
    ov_msg_set_level(OV_QUIET);
    ov_standards_defaults(&fx->std);
    ov_calendar_init(&fx->cal, NULL, 0);

    ov_data *d = &fx->data;
    d->root = ov_xstrdup("data");
    d->partnership_name = ov_xstrdup("Test partnership");
    set_file(&d->files[OV_DS_AGENCIES], OV_DS_AGENCIES, "agencies.csv", 2);
    set_file(&d->files[OV_DS_ACTIONS], OV_DS_ACTIONS, "actions.csv", 3);
    const char *ids[2] = {"A1", "A2"};
    for (int i = 0; i < 2; i++) {
        ov_agency *a = ov_data_add_agency(d, ids[i]);
        a->name = ov_xstrdup(i == 0 ? hostile_name : "Second agency");
        a->type = (uint8_t)(i == 0 ? OV_AT_HEALTH : OV_AT_LA_CSC);
        a->extract_date = ov_date_from_ymd(2026, 1, 5);
        a->incomplete = i == 1;
        ov_strtab_intern(&a->teams, hostile_team, strlen(hostile_team), NULL);
        ov_strtab_intern(&a->teams, "Plain team", 10, NULL);
        ov_strtab_intern(&a->staff_ids, "S1", 2, NULL);
        char rel[64];
        snprintf(rel, sizeof rel, "%s/staff.csv", ids[i]);
        set_file(&a->files[OV_DS_STAFF], OV_DS_STAFF, rel, 10);
        snprintf(rel, sizeof rel, "%s/sessions.csv", ids[i]);
        set_file(&a->files[OV_DS_SESSIONS], OV_DS_SESSIONS, rel, 40);
        if (i == 0) {
            set_file(&a->files[OV_DS_CASES], OV_DS_CASES, "A1/cases.csv", 8);
            a->files[OV_DS_ABSENCES].status = OV_FILE_UNUSABLE;
        }
    }
    ov_data_issue(d, 0, OV_DS_SESSIONS, 7, OV_SEV_REJECTED, "E-ORPHAN", "staff_id",
                  "staff_id S1 is not in staff.csv");
    ov_data_issue(d, 0, OV_DS_STAFF, 3, OV_SEV_WARNING, "W-DATE", hostile_team,
                  "end_date is not a date \xff");
    ov_data_issue(d, OV_NONE, OV_DS_ACTIONS, 2, OV_SEV_REJECTED, "E-CODE", "status", "bad");
    ov_data_issue(d, 1, OV_DS_ABSENCES, 0, OV_SEV_INFO, "I-UNKNOWN-COLUMN", "x", "ignored");

    struct {
        const char *id;
        int32_t agency;
        int metric;
        const char *desc;
        int y, m, dd;
        int status;
    } acts[] = {
        {"X<1>", 0, OV_M_NOTES_TIMELY, "Fix & <improve> \"notes\" \x01 \xc2\xa3 \xff", 2025, 12, 1,
         OV_AS_OPEN},
        {"X2", OV_NONE, OV_M_SUPERVISION_FREQUENCY, "Partnership audit", 2026, 3, 31,
         OV_AS_IN_PROGRESS},
        {"X3", 1, OV_M_NOTES_SHARED, "Done", 2025, 11, 1, OV_AS_COMPLETE},
    };
    for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
        ov_action *a = OV_PUSH(d->actions, d->nactions, d->cap_actions);
        memset(a, 0, sizeof *a);
        a->id = ov_xstrdup(acts[i].id);
        a->agency = acts[i].agency;
        a->metric = acts[i].metric;
        a->description = ov_xstrdup(acts[i].desc);
        a->owner = i == 0 ? ov_xstrdup("Head of \"Service\" \xc3\xa9") : NULL;
        a->due = ov_date_from_ymd(acts[i].y, acts[i].m, acts[i].dd);
        a->status = (uint8_t)acts[i].status;
        if (acts[i].status == OV_AS_COMPLETE)
            a->completed = ov_date_from_ymd(2025, 10, 20);
    }

    char err[128];
    fx->res.nperiods = 2;
    fx->res.periods = ov_xcalloc(2, sizeof *fx->res.periods);
    assert_int_equal(ov_period_parse("2025-26-Q3", &fx->res.periods[0], err, sizeof err), 0);
    fx->res.periods[1] = ov_period_previous(&fx->res.periods[0], 1);
    for (int p = 0; p < 2; p++) {
        for (int m = 0; m < OV_M_COUNT; m++) {
            for (int32_t ag = OV_ALL; ag < 2; ag++) {
                int64_t den = m == OV_M_CANCELLED_REARRANGED ? 3 : 10 + 7 * (ag + 1) + p;
                int64_t num = (den * (m % 7 + 3) + p) / 10;
                if (m == OV_M_GROUP_SUPERVISION_MONTHLY && ag == 1)
                    den = num = 0;
                add_fig(fx, p, m, ag, OV_NONE, OV_NONE, num > den ? den : num, den);
            }
        }
    }
    for (int32_t ag = 0; ag < 2; ag++)
        for (int m = 0; m < OV_M_CASE_OVERSIGHT_CURRENT; m++)
            for (int32_t t = 0; t < 2; t++)
                add_fig(fx, 0, m, ag, t, OV_NONE, 3 + t, 6 + 2 * t);
    for (int32_t ag = OV_ALL; ag < 1; ag++) {
        add_fig(fx, 0, OV_M_CASE_OVERSIGHT_CURRENT, ag, OV_NONE, OV_CAT_CP, 4, 7);
        add_fig(fx, 0, OV_M_CASE_OVERSIGHT_PERIOD, ag, OV_NONE, OV_CAT_CP, 2, 3);
        add_fig(fx, 0, OV_M_CASE_OVERSIGHT_CURRENT, ag, OV_NONE, OV_CAT_CIN, 0, 0);
    }
    /* A figure that is not a finite number must be left blank, not written. */
    for (size_t i = 0; i < fx->res.nfigs; i++)
        if (fx->res.figs[i].metric == OV_M_INFO_NOTES_MEDIAN_WD && fx->res.figs[i].agency == 0)
            fx->res.figs[i].value = NAN;

    fx->ctx.data = d;
    fx->ctx.results = &fx->res;
    fx->ctx.standards = &fx->std;
    fx->ctx.calendar = &fx->cal;
    fx->ctx.title = "Test & <partnership> \xff";
    fx->ctx.author = "Board \"officer\"";
    fx->ctx.marking = NULL;
    fx->ctx.version = "test";
    fx->ctx.run_date = ov_date_from_ymd(2026, 1, 15);
    fx->ctx.agency_focus = OV_NONE;
    fx->ctx.suppress_below = 5;
    fx->ctx.trend = 2;
    strcpy(fx->dir, "/tmp/ov-xlsx-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    *state = fx;
    return 0;
}

/* Removes every file of the test folder and the folder. */
static void remove_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = ov_path_join(dir, e->d_name);
        unlink(p);
        free(p);
    }
    closedir(dp);
    rmdir(dir);
}

static int teardown(void **state)
{
    fixture *fx = *state;
    remove_dir(fx->dir);
    ov_data_free(&fx->data);
    ov_results_free(&fx->res);
    ov_standards_free(&fx->std);
    ov_calendar_free(&fx->cal);
    free(fx);
    return 0;
}

/* Reads a whole file; *len receives its size. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

/* Number of entries in dir other than . and .., the folder's lock and manifest. */
static int count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, OV_LOCK_NAME) &&
             strcmp(e->d_name, OV_MANIFEST_NAME);
    if (dp)
        closedir(dp);
    return n;
}

/* Builds the report model of ctx and writes its workbook into dir as a set of
 * its own, as the command does. */
static int write_wb(const ov_report_ctx *ctx, const char *dir, const char *name)
{
    ov_pack pack;
    int busy = 0;
    ov_outset *out = ov_outset_open(dir, "test", 1, &busy);
    if (!out)
        return -1;
    int rc = ov_pack_build(ctx, &pack) == 0 ? ov_xlsx_write(&pack, out, name) : -1;
    ov_pack_free(&pack);
    if (rc == 0)
        return ov_outset_commit(out, "# run test");
    ov_outset_abort(out);
    return rc;
}

static void test_write_workbook(void **state)
{
    fixture *fx = *state;
    assert_int_equal(write_wb(&fx->ctx, fx->dir, "pack"), 0);
    char *path = ov_path_join(fx->dir, "pack.xlsx");
    size_t len = 0;
    unsigned char *buf = slurp(path, &len);
    assert_non_null(buf);
    assert_true(len > 10000);
    assert_memory_equal(buf, "PK\x03\x04", 4);   /* a zip container */
    assert_int_equal(count_entries(fx->dir), 1); /* no temporary file left */
    free(buf);
    free(path);
}

static void test_reproducible(void **state)
{
    fixture *fx = *state;
    char other[64];
    strcpy(other, "/tmp/ov-xlsx-XXXXXX");
    assert_non_null(mkdtemp(other));
    assert_int_equal(write_wb(&fx->ctx, fx->dir, "pack"), 0);
    assert_int_equal(write_wb(&fx->ctx, other, "pack"), 0);
    char *p1 = ov_path_join(fx->dir, "pack.xlsx"), *p2 = ov_path_join(other, "pack.xlsx");
    size_t l1 = 0, l2 = 0;
    unsigned char *b1 = slurp(p1, &l1), *b2 = slurp(p2, &l2);
    assert_non_null(b1);
    assert_non_null(b2);
    assert_int_equal(l1, l2);
    assert_memory_equal(b1, b2, l1);

    /* A different run date changes the document's creation time. */
    fx->ctx.run_date += 1;
    assert_int_equal(write_wb(&fx->ctx, other, "pack"), 0);
    free(b2);
    b2 = slurp(p2, &l2);
    assert_true(l1 != l2 || memcmp(b1, b2, l1) != 0);
    free(b1);
    free(b2);
    free(p1);
    free(p2);
    remove_dir(other);
}

static void test_agency_focus(void **state)
{
    fixture *fx = *state;
    fx->ctx.agency_focus = 1;
    fx->ctx.marking = "OFFICIAL";
    /* an agency's workbook needs its exception lists */
    assert_int_equal(write_wb(&fx->ctx, fx->dir, "agency"), -1);
    ov_metrics_config cfg = {.standards = fx->ctx.standards,
                             .calendar = fx->ctx.calendar,
                             .suppress_below = fx->ctx.suppress_below};
    ov_exceptions ex;
    assert_int_equal(ov_metrics_exceptions(&fx->data, 1, &fx->res.periods[0], &cfg, &ex), 0);
    fx->ctx.exceptions = &ex;
    assert_int_equal(write_wb(&fx->ctx, fx->dir, "agency"), 0);
    fx->ctx.exceptions = NULL;
    ov_exceptions_free(&ex);
    char *path = ov_path_join(fx->dir, "agency.xlsx");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 10000);
    free(path);
}

static void test_single_period_and_no_actions(void **state)
{
    fixture *fx = *state;
    fx->res.nperiods = 1;
    size_t keep = fx->data.nactions;
    fx->data.nactions = 0;
    assert_int_equal(write_wb(&fx->ctx, fx->dir, "single"), 0);
    fx->data.nactions = keep;
    fx->res.nperiods = 2;
    char *path = ov_path_join(fx->dir, "single.xlsx");
    assert_int_equal(access(path, R_OK), 0);
    free(path);
}

static void test_missing_folder_fails_cleanly(void **state)
{
    fixture *fx = *state;
    /* a folder that cannot be made: its parent is a file */
    char *file = ov_path_join(fx->dir, "a-file");
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    char *dir = ov_path_join(file, "sub");
    assert_int_equal(write_wb(&fx->ctx, dir, "pack"), -1);
    assert_int_equal(count_entries(fx->dir), 1);
    /* nothing to write leaves nothing behind */
    int busy = 0;
    ov_outset *out = ov_outset_open(fx->dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_xlsx_write(NULL, out, "pack"), -1);
    ov_outset_abort(out);
    assert_int_equal(count_entries(fx->dir), 1);
    unlink(file);
    free(dir);
    free(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize_keeps_markup_and_accents),
        cmocka_unit_test(test_sanitize_removes_control_characters),
        cmocka_unit_test(test_sanitize_replaces_invalid_utf8),
        cmocka_unit_test(test_sanitize_truncates_on_character_boundary),
        cmocka_unit_test(test_sanitize_null_and_empty),
        cmocka_unit_test(test_header_text),
        cmocka_unit_test(test_lines_estimate),
        cmocka_unit_test(test_overdue_rule),
        cmocka_unit_test(test_covers_rule),
        cmocka_unit_test_setup_teardown(test_write_workbook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reproducible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agency_focus, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_period_and_no_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder_fails_cleanly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
