/* test_followup.c — each follow-up list on hand-made data: who is listed, how
 * overdue (the definition of each list's days column), who must act and the
 * team, the order (most urgent first), and the reconciliation of every list
 * with its figures' numerators and denominators; then the table of lists
 * itself (files, sheets, tables, columns, PDF widths), the value of cells,
 * and the report model's view of the lists (which are shown, how many, the
 * oldest, who holds most). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/msg.h"
#include "render/pdfdraw.h"
#include "report/pack.h"
#include "metrics_fixture.h"
#include "followup_check.h"

/* The period of every test: 2025-26 Q4, 1 January to 31 March 2026. */
#define PERIOD "2026-01-01:2026-03-31"

/* An agency with two supervisors (not in frequent contact themselves). */
static fx_env *agency(void)
{
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "M1", .team = "Managers", .not_frequent = 1, .safeguarding = "2025-01-01",
             .supervision_training = "2020-01-01");
    FX_STAFF(a, .id = "M2", .team = "Managers", .not_frequent = 1, .safeguarding = "2025-01-01",
             .supervision_training = "2020-01-01");
    return e;
}

/* Computes the figures and the lists of agency A, checks the lists (order,
 * who acts, reconciliation) and returns them in ex. */
static void lists_of(fx_env *e, ov_exceptions *ex)
{
    fx_run(e, PERIOD, 1);
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, &e->res.periods[0], &e->cfg, ex), 0);
    fu_check(&e->d, &e->res, 0, ex);
}

/* Row i of list l. */
static const ov_followup_row *row(const ov_exceptions *ex, int l, size_t i)
{
    assert_true(i < ex->count[l]);
    return &ex->rows[ex->first[l] + i];
}

/* Asserts row i of list l: its id, who must act ("" nobody) and its days. */
static void expect(const fx_env *e, const ov_exceptions *ex, int l, size_t i, const char *id,
                   const char *who, int32_t days)
{
    const ov_agency *a = &e->d.agencies[0];
    const ov_followup_row *r = row(ex, l, i);
    assert_string_equal(fu_subject_id(a, r), id);
    assert_string_equal(ov_followup_responsible_id(a, r), who);
    assert_int_equal(r->days, days);
}

/* Names the supervisor on the agency's last session. */
static void name_supervisor(ov_agency *a, const char *sup)
{
    a->sessions[a->nsessions - 1].supervisor = fx_staff_index(a, sup);
}

/* Working days in (a, b]. */
static int32_t wd(const fx_env *e, const char *a, const char *b)
{
    return ov_working_days_between(&e->cal, fx_d(a), fx_d(b));
}

/* Days from a to b. */
static int32_t days(const char *a, const char *b)
{
    return fx_d(b) - fx_d(a);
}

/* Intervals missed and no 1:1: the earliest missed interval's end, the last
 * 1:1 before P (or the later of ps and the start in post). */
static void test_intervals_and_no_one_to_one(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .team = "North", .supervisor = "M1");
    FX_STAFF(a, .id = "S2", .team = "South", .supervisor = "M2");
    FX_STAFF(a, .id = "S3", .team = "North");
    FX_STAFF(a, .id = "S4", .team = "North", .supervisor = "M1");
    FX_STAFF(a, .id = "S5", .team = "North", .supervisor = "M1", .start = "2026-03-10");
    fx_held(a, "S1", "2026-01-12");
    fx_held(a, "S1", "2026-03-12");
    for (int m = 1; m <= 3; m++) {
        char d[32];
        snprintf(d, sizeof d, "2026-%02d-05", m);
        fx_held(a, "S3", d);
    }
    fx_held(a, "S4", "2025-12-15"); /* before P */
    ov_exceptions ex;
    lists_of(e, &ex);
    /* S2 and S4 missed every month (January's end: 59 days), S1 February (31) */
    assert_int_equal(ex.count[OV_FL_INTERVALS], 3);
    expect(e, &ex, OV_FL_INTERVALS, 0, "S2", "M2", 59);
    expect(e, &ex, OV_FL_INTERVALS, 1, "S4", "M1", 59);
    expect(e, &ex, OV_FL_INTERVALS, 2, "S1", "M1", 31);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->required, 3);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->met, 2);
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->since, fx_d("2026-03-12"));
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->date, fx_d("2026-02-01"));
    assert_int_equal(row(&ex, OV_FL_INTERVALS, 2)->against, 3);
    /* no 1:1: S4 since 2025-12-15 (106 days), S2 never (from ps: 89), S5
     * never since its start on 03-10 (21) */
    assert_int_equal(ex.count[OV_FL_NO_ONE_TO_ONE], 3);
    expect(e, &ex, OV_FL_NO_ONE_TO_ONE, 0, "S4", "M1", 106);
    expect(e, &ex, OV_FL_NO_ONE_TO_ONE, 1, "S2", "M2", 89);
    expect(e, &ex, OV_FL_NO_ONE_TO_ONE, 2, "S5", "M1", 21);
    assert_int_equal(row(&ex, OV_FL_NO_ONE_TO_ONE, 0)->since, fx_d("2025-12-15"));
    /* the team is the member of staff's own */
    assert_string_equal(ov_strtab_get(&a->teams, (uint32_t)row(&ex, OV_FL_NO_ONE_TO_ONE, 1)->team),
                        "South");
    /* the figures: 5 of 12 intervals met (S1 2/3, S3 3/3, S2 and S4 0/3) */
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 5, 12);
    FX_AGENCY(e, OV_M_STAFF_FULLY_COMPLIANT, "A", 1, 4);
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, "A", 2, 5);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Late notes: working days from the notes due date to the notes (or to pe);
 * the supervisor named on the session comes first. */
static void test_late_notes(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1");
    FX_STAFF(a, .id = "S2");
    /* on time: not listed */
    FX_SESSION(a, .staff = "S1", .date = "2026-01-05", .notes = "2026-01-09", .shared = 'Y');
    /* 5 working days late (due 03-09, recorded 03-16), M2 named on the session */
    FX_SESSION(a, .staff = "S1", .date = "2026-03-02", .notes = "2026-03-16", .shared = 'Y');
    name_supervisor(a, "M2");
    /* none recorded: late from 02-09 to pe */
    FX_SESSION(a, .staff = "S1", .date = "2026-02-02", .shared = 'Y');
    /* recorded after pe: counted to pe */
    FX_SESSION(a, .staff = "S2", .date = "2026-01-12", .notes = "2026-04-20", .shared = 'Y');
    /* dated before the session: treated as none */
    FX_SESSION(a, .staff = "S2", .date = "2026-01-06", .notes = "2026-01-02", .shared = 'Y');
    /* due after pe and not recorded: counts as late, 0 days */
    FX_SESSION(a, .staff = "S1", .date = "2026-03-30", .shared = 'Y');
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_NOTES_TIMELY, "A", 1, 6);
    assert_int_equal(ex.count[OV_FL_LATE_NOTES], 5);
    expect(e, &ex, OV_FL_LATE_NOTES, 0, "S2", "", wd(e, "2026-01-13", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_LATE_NOTES, 0)->done, OV_DATE_NONE);
    expect(e, &ex, OV_FL_LATE_NOTES, 1, "S2", "", wd(e, "2026-01-19", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_LATE_NOTES, 1)->done, fx_d("2026-04-20"));
    expect(e, &ex, OV_FL_LATE_NOTES, 2, "S1", "M1", wd(e, "2026-02-09", "2026-03-31"));
    expect(e, &ex, OV_FL_LATE_NOTES, 3, "S1", "M2", 5);
    assert_int_equal(row(&ex, OV_FL_LATE_NOTES, 3)->due, fx_d("2026-03-09"));
    assert_int_equal(row(&ex, OV_FL_LATE_NOTES, 3)->date, fx_d("2026-03-02"));
    expect(e, &ex, OV_FL_LATE_NOTES, 4, "S1", "M1", 0);
    assert_int_equal(ov_followup_days_name(OV_FL_LATE_NOTES)[5], 'l'); /* days_late */
    assert_int_equal(ex.count[OV_FL_NOT_SHARED], 0);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Notes not shared: "no" and blank both count; days from the notes due date
 * to pe. */
static void test_notes_not_shared(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1");
    FX_SESSION(a, .staff = "S1", .date = "2026-01-05", .notes = "2026-01-05", .shared = 'N');
    FX_SESSION(a, .staff = "S1", .date = "2026-02-02", .notes = "2026-02-02");
    name_supervisor(a, "M2");
    FX_SESSION(a, .staff = "S1", .date = "2026-03-02", .notes = "2026-03-02", .shared = 'Y');
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_NOTES_SHARED, "A", 1, 3);
    assert_int_equal(ex.count[OV_FL_NOT_SHARED], 2);
    expect(e, &ex, OV_FL_NOT_SHARED, 0, "S1", "M1", days("2026-01-12", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_NOT_SHARED, 0)->code, 0); /* recorded no */
    expect(e, &ex, OV_FL_NOT_SHARED, 1, "S1", "M2", days("2026-02-09", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_NOT_SHARED, 1)->code, 1); /* nothing recorded */
    ov_followup_value v;
    ov_followup_cell(a, &ex, row(&ex, OV_FL_NOT_SHARED, 0), OV_FC_SHARED, &v);
    assert_int_equal(v.ncodes, 1);
    assert_string_equal(v.codes[0], "no");
    ov_followup_cell(a, &ex, row(&ex, OV_FL_NOT_SHARED, 1), OV_FC_SHARED, &v);
    assert_int_equal(v.ncodes, 0);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Cancellations not rearranged: days from the rearrange-by date to the next
 * 1:1 held, or to pe. */
static void test_not_rearranged(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1");
    FX_STAFF(a, .id = "S2", .supervisor = "M1");
    /* rearranged in time: not listed */
    FX_SESSION(a, .staff = "S1", .date = "2026-01-14", .status = OV_SS_CANCELLED);
    fx_held(a, "S1", "2026-01-20");
    /* limit 02-16, next held 02-27: 11 days; M2 named on the cancelled session */
    FX_SESSION(a, .staff = "S1", .date = "2026-02-02", .status = OV_SS_CANCELLED);
    name_supervisor(a, "M2");
    fx_held(a, "S1", "2026-02-27");
    /* limit 03-16, next held after pe: to pe, 15 days */
    FX_SESSION(a, .staff = "S2", .date = "2026-03-02", .status = OV_SS_CANCELLED);
    fx_held(a, "S2", "2026-04-30");
    /* limit after pe and nothing held: 0 days */
    FX_SESSION(a, .staff = "S1", .date = "2026-03-25", .status = OV_SS_CANCELLED);
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_CANCELLED_REARRANGED, "A", 1, 4);
    assert_int_equal(ex.count[OV_FL_NOT_REARRANGED], 3);
    expect(e, &ex, OV_FL_NOT_REARRANGED, 0, "S2", "M1", 15);
    assert_int_equal(row(&ex, OV_FL_NOT_REARRANGED, 0)->done, fx_d("2026-04-30"));
    expect(e, &ex, OV_FL_NOT_REARRANGED, 1, "S1", "M2", 11);
    assert_int_equal(row(&ex, OV_FL_NOT_REARRANGED, 1)->due, fx_d("2026-02-16"));
    assert_int_equal(row(&ex, OV_FL_NOT_REARRANGED, 1)->done, fx_d("2026-02-27"));
    expect(e, &ex, OV_FL_NOT_REARRANGED, 2, "S1", "M1", 0);
    assert_int_equal(row(&ex, OV_FL_NOT_REARRANGED, 2)->done, OV_DATE_NONE);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Functions not covered: the ones missing; days since the last 1:1 in P. */
static void test_functions(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1");
    FX_STAFF(a, .id = "S2", .supervisor = "M1");
    FX_STAFF(a, .id = "S3", .supervisor = "M2");
    FX_SESSION(a, .staff = "S1", .date = "2026-01-05", .fn = FX_M);
    FX_SESSION(a, .staff = "S1", .date = "2026-03-10", .fn = FX_D);
    FX_SESSION(a, .staff = "S2", .date = "2026-02-02", .fn = FX_M | FX_D | FX_S | FX_ME);
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_FUNCTIONS_BALANCE, "A", 1, 2);
    /* S3 had no 1:1: not in this list (it is in no-one-to-one) */
    assert_int_equal(ex.count[OV_FL_FUNCTIONS], 1);
    expect(e, &ex, OV_FL_FUNCTIONS, 0, "S1", "M1", 21);
    assert_int_equal(row(&ex, OV_FL_FUNCTIONS, 0)->code, FX_S | FX_ME);
    ov_followup_value v;
    ov_followup_cell(a, &ex, row(&ex, OV_FL_FUNCTIONS, 0), OV_FC_FUNCTIONS, &v);
    assert_int_equal(v.ncodes, 2);
    assert_string_equal(v.codes[0], "support");
    assert_string_equal(v.codes[1], "mediation");
    assert_string_equal(v.words[1], "Mediation");
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Agreements: days from the review date due, or, with none, from the later of
 * ps and the start in post; dates after pe are ignored. */
static void test_agreements(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1", .agreement = "2024-06-01");
    FX_STAFF(a, .id = "S2", .supervisor = "M1", .agreement = "2024-06-01",
             .agreement_review = "2025-12-01");
    FX_STAFF(a, .id = "S3", .supervisor = "M2");
    FX_STAFF(a, .id = "S4", .supervisor = "M2", .start = "2026-02-15");
    FX_STAFF(a, .id = "S5", .agreement = "2026-05-01");
    FX_STAFF(a, .id = "S6", .end = "2026-02-28"); /* not in post on pe */
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, "A", 1, 5);
    assert_int_equal(ex.count[OV_FL_AGREEMENTS], 4);
    expect(e, &ex, OV_FL_AGREEMENTS, 0, "S1", "M1", days("2025-06-01", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_AGREEMENTS, 0)->done, fx_d("2024-06-01"));
    assert_int_equal(row(&ex, OV_FL_AGREEMENTS, 0)->due, fx_d("2025-06-01"));
    /* S3 and S5 never (from ps, 89 days; S3 first: both started 2020-01-01,
     * then the id), S4 from its start */
    expect(e, &ex, OV_FL_AGREEMENTS, 1, "S3", "M2", 89);
    assert_int_equal(row(&ex, OV_FL_AGREEMENTS, 1)->due, fx_d("2020-01-01"));
    expect(e, &ex, OV_FL_AGREEMENTS, 2, "S5", "", 89);
    assert_int_equal(row(&ex, OV_FL_AGREEMENTS, 2)->done, OV_DATE_NONE);
    expect(e, &ex, OV_FL_AGREEMENTS, 3, "S4", "M2", days("2026-02-15", "2026-03-31"));
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Observations: days from the due date (the last one plus its validity, or
 * the start plus the service that makes one due), from ps at the earliest. */
static void test_observations(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M1", .observation = "2024-12-01");
    FX_STAFF(a, .id = "S2", .supervisor = "M1", .start = "2024-06-01");
    FX_STAFF(a, .id = "S3", .supervisor = "M2", .start = "2025-02-15");
    FX_STAFF(a, .id = "S4", .start = "2025-06-01"); /* not yet 12 months in post */
    FX_STAFF(a, .id = "S5", .observation = "2025-09-01");
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_OBSERVATION_CURRENT, "A", 1, 4);
    assert_int_equal(ex.count[OV_FL_OBSERVATIONS], 3);
    expect(e, &ex, OV_FL_OBSERVATIONS, 0, "S1", "M1", days("2025-12-01", "2026-03-31"));
    expect(e, &ex, OV_FL_OBSERVATIONS, 1, "S2", "M1", 89);
    assert_int_equal(row(&ex, OV_FL_OBSERVATIONS, 1)->due, fx_d("2025-06-01"));
    expect(e, &ex, OV_FL_OBSERVATIONS, 2, "S3", "M2", days("2026-02-15", "2026-03-31"));
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Untrained supervisors: their own supervisor acts; expired safeguarding
 * counts from its expiry, training never recorded from the later of ps and
 * the start in post, the larger of the two. */
static void test_untrained_supervisors(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "H", .team = "Head", .not_frequent = 1, .safeguarding = "2025-01-01",
             .supervision_training = "2020-01-01");
    /* expired on 2025-01-01 (454 days) but supervision-trained */
    FX_STAFF(a, .id = "M1", .team = "Managers", .supervisor = "H", .not_frequent = 1,
             .safeguarding = "2022-01-01", .supervision_training = "2020-01-01");
    /* neither, in post since 2020: 89 days */
    FX_STAFF(a, .id = "M2", .team = "Managers", .not_frequent = 1);
    /* safeguarding current, no supervision training, started 2026-02-01: 58 */
    FX_STAFF(a, .id = "M3", .team = "Managers", .supervisor = "M1", .not_frequent = 1,
             .start = "2026-02-01", .safeguarding = "2025-06-01");
    /* supervises only someone not in frequent contact: not a supervisor */
    FX_STAFF(a, .id = "M4", .team = "Managers", .not_frequent = 1);
    FX_STAFF(a, .id = "S1", .supervisor = "M1");
    FX_STAFF(a, .id = "S2", .supervisor = "M2");
    FX_STAFF(a, .id = "S3", .supervisor = "M3");
    FX_STAFF(a, .id = "X", .supervisor = "M4", .not_frequent = 1);
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_SUPERVISOR_TRAINED, "A", 0, 3);
    assert_int_equal(ex.count[OV_FL_UNTRAINED], 3);
    expect(e, &ex, OV_FL_UNTRAINED, 0, "M1", "H", days("2025-01-01", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 0)->code, OV_FU_SAFEGUARDING_EXPIRED);
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 0)->done, fx_d("2022-01-01"));
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 0)->due, fx_d("2025-01-01"));
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 0)->since, fx_d("2020-01-01"));
    expect(e, &ex, OV_FL_UNTRAINED, 1, "M2", "", 89);
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 1)->code,
                     OV_FU_SAFEGUARDING_NONE | OV_FU_SUPERVISION_NONE);
    expect(e, &ex, OV_FL_UNTRAINED, 2, "M3", "M1", 58);
    assert_int_equal(row(&ex, OV_FL_UNTRAINED, 2)->code, OV_FU_SUPERVISION_NONE);
    /* the supervisor's own team */
    assert_string_equal(ov_strtab_get(&a->teams, (uint32_t)row(&ex, OV_FL_UNTRAINED, 2)->team),
                        "Managers");
    ov_followup_value v;
    ov_followup_cell(a, &ex, row(&ex, OV_FL_UNTRAINED, 1), OV_FC_TRAINING, &v);
    assert_int_equal(v.ncodes, 2);
    assert_string_equal(v.codes[0], "no_safeguarding_training");
    assert_string_equal(v.codes[1], "no_supervision_training");
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Children: the episode's case holder and their team; blank when cases.csv
 * names nobody known. */
static void test_children(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_CASE_OVERSIGHT, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "W1", .team = "North", .supervisor = "M1");
    /* overdue at pe since 2026-01-01 (89 days), held by W1 */
    fx_case(a, "C1", OV_CAT_CIN, "2025-10-01", NULL);
    a->cases[a->ncases - 1].case_holder = fx_staff_index(a, "W1");
    /* overdue at pe for longer (cp, due 2025-12-01: 120 days); nobody holds it */
    fx_case(a, "C2", OV_CAT_CP, "2025-10-01", NULL);
    /* overdue in January, overseen since: 0 days at pe */
    fx_case(a, "C3", OV_CAT_CP, "2025-10-15", NULL);
    a->cases[a->ncases - 1].case_holder = fx_staff_index(a, "W1");
    fx_oversight(a, "C3", "2026-02-10");
    /* up to date: not listed */
    fx_case(a, "C4", OV_CAT_CP, "2026-02-01", NULL);
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_CURRENT, "A", 2, 4);
    FX_AGENCY(e, OV_M_CASE_OVERSIGHT_PERIOD, "A", 1, 4);
    assert_int_equal(ex.count[OV_FL_CHILDREN], 3);
    expect(e, &ex, OV_FL_CHILDREN, 0, "C2", "", 120);
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 0)->team, OV_NONE);
    expect(e, &ex, OV_FL_CHILDREN, 1, "C1", "W1", 89);
    assert_string_equal(ov_strtab_get(&a->teams, (uint32_t)row(&ex, OV_FL_CHILDREN, 1)->team),
                        "North");
    expect(e, &ex, OV_FL_CHILDREN, 2, "C3", "W1", 0);
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 2)->against, 2);
    /* overdue since 2025-12-16: the first day of P */
    assert_int_equal(row(&ex, OV_FL_CHILDREN, 2)->since, fx_d("2026-01-01"));
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Assessments: one row per review point missed; the child's current case
 * holder acts; days from the review's due date to its date, or to pe. */
static void test_assessments(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    fx_file(a, OV_DS_CASES, OV_FILE_RECEIVED);
    fx_file(a, OV_DS_ASSESSMENTS, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "H1", .team = "North");
    FX_STAFF(a, .id = "H2", .team = "South");
    /* C1: a closed episode held by H1, then an open one held by H2 */
    fx_case(a, "C1", OV_CAT_CIN, "2025-01-01", "2025-06-30");
    a->cases[a->ncases - 1].case_holder = fx_staff_index(a, "H1");
    fx_case(a, "C1", OV_CAT_CP, "2026-02-01", NULL);
    a->cases[a->ncases - 1].case_holder = fx_staff_index(a, "H2");
    /* C2: only a closed episode, held by H1; C3: no episode */
    fx_case(a, "C2", OV_CAT_CIN, "2025-01-01", "2025-12-31");
    a->cases[a->ncases - 1].case_holder = fx_staff_index(a, "H1");
    /* both reviews on time: not listed (day 8 limit 01-14, day 20 limit 01-30) */
    fx_assessment(a, "C1", "2026-01-02", "2026-01-14", "2026-01-30");
    /* day 8 recorded 2 days late (limit 02-12), day 20 never (limit 03-02) */
    fx_assessment(a, "C2", "2026-02-02", "2026-02-14", NULL);
    /* day 8 dated before the start: none (limit 03-12); day 20 never (limit 03-30) */
    fx_assessment(a, "C3", "2026-03-02", "2026-03-01", NULL);
    ov_exceptions ex;
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY8, "A", 1, 3);
    FX_AGENCY(e, OV_M_ASSESSMENT_DAY20, "A", 1, 3);
    assert_int_equal(ex.count[OV_FL_ASSESSMENTS], 4);
    expect(e, &ex, OV_FL_ASSESSMENTS, 0, "C2", "H1", days("2026-03-02", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 0)->code, 1);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 0)->against, 2);
    expect(e, &ex, OV_FL_ASSESSMENTS, 1, "C3", "", days("2026-03-12", "2026-03-31"));
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 1)->done, fx_d("2026-03-01"));
    expect(e, &ex, OV_FL_ASSESSMENTS, 2, "C2", "H1", 2);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 2)->due, fx_d("2026-02-12"));
    expect(e, &ex, OV_FL_ASSESSMENTS, 3, "C3", "", 1);
    assert_int_equal(row(&ex, OV_FL_ASSESSMENTS, 3)->due, fx_d("2026-03-30"));
    ov_exceptions_free(&ex);

    /* C1's assessment missed: its open episode's holder (H2), not the closed one's */
    a->assessments[0].day8 = OV_DATE_NONE;
    lists_of(e, &ex);
    expect(e, &ex, OV_FL_ASSESSMENTS, 0, "C1", "H2", days("2026-01-14", "2026-03-31"));
    assert_string_equal(ov_strtab_get(&a->teams, (uint32_t)row(&ex, OV_FL_ASSESSMENTS, 0)->team),
                        "South");
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* Audits below good: each audit dated in P of the record of a member of S
 * graded requires improvement or inadequate, oldest first (days from the
 * audit to pe), with the audited person's supervisor and team, its grade and
 * the criteria it found not met; the rows are audit_good's den - num, and the
 * list is shown when audit_good is red or amber. */
static void test_audits(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .team = "North", .supervisor = "M1");
    FX_STAFF(a, .id = "S2", .team = "South", .supervisor = "M2");
    FX_STAFF(a, .id = "S3", .team = "North");
    fx_audit(a, "S2", "2026-02-15", OV_GRADE_INADEQUATE, "NNNNNN");
    fx_audit(a, "S3", "2026-01-10", OV_GRADE_INADEQUATE, "Y-----");
    fx_audit(a, "S1", "2026-01-10", OV_GRADE_REQUIRES_IMPROVEMENT, "YNNY--");
    fx_audit(a, "S1", "2026-03-01", OV_GRADE_GOOD, "YYYYYY");                 /* good */
    fx_audit(a, "S3", "2026-03-31", OV_GRADE_OUTSTANDING, "YYYYYY");          /* outstanding */
    fx_audit(a, "S2", "2025-12-20", OV_GRADE_REQUIRES_IMPROVEMENT, "NN----"); /* before P */
    fx_audit(a, "S2", "2026-04-01", OV_GRADE_INADEQUATE, "NN----");           /* after P */
    fx_audit(a, "M1", "2026-02-01", OV_GRADE_INADEQUATE, "NN----");           /* not in S */
    ov_exceptions ex;
    lists_of(e, &ex);
    /* the figure: 2 of 5 audits good or better; 3 rows reconcile with it */
    FX_AGENCY(e, OV_M_AUDIT_GOOD, "A", 2, 5);
    assert_int_equal(ex.count[OV_FL_AUDITS], 3);
    assert_int_equal(fu_shortfall(&e->res, OV_M_AUDIT_GOOD, 0), 3);
    /* oldest first: S1 and S3 on 01-10 (80 days, by id), then S2 (44) */
    expect(e, &ex, OV_FL_AUDITS, 0, "S1", "M1", 80);
    expect(e, &ex, OV_FL_AUDITS, 1, "S3", "", 80);
    expect(e, &ex, OV_FL_AUDITS, 2, "S2", "M2", 44);
    assert_int_equal(row(&ex, OV_FL_AUDITS, 0)->date, fx_d("2026-01-10"));
    assert_int_equal(row(&ex, OV_FL_AUDITS, 2)->date, fx_d("2026-02-15"));
    assert_string_equal(ov_strtab_get(&a->teams, (uint32_t)row(&ex, OV_FL_AUDITS, 2)->team),
                        "South");
    /* the cells: date, grade and the criteria found not met */
    ov_followup_value v;
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 0), OV_FC_DATE, &v);
    assert_int_equal(v.kind, OV_FV_DATE);
    assert_int_equal(v.date, fx_d("2026-01-10"));
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 0), OV_FC_GRADE, &v);
    assert_int_equal(v.ncodes, 1);
    assert_string_equal(v.codes[0], "requires_improvement");
    assert_string_equal(v.words[0], "Requires improvement");
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 0), OV_FC_CRITERIA, &v);
    assert_int_equal(v.ncodes, 2);
    assert_string_equal(v.codes[0], "reflection");
    assert_string_equal(v.codes[1], "development");
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 1), OV_FC_CRITERIA, &v);
    assert_int_equal(v.ncodes, 0); /* inadequate with no criterion found not met */
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 2), OV_FC_GRADE, &v);
    assert_string_equal(v.codes[0], "inadequate");
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 2), OV_FC_CRITERIA, &v);
    assert_int_equal(v.ncodes, OV_CRIT_COUNT);
    assert_string_equal(v.codes[OV_CRIT_COUNT - 1], "actions_smart");
    ov_followup_cell(a, &ex, row(&ex, OV_FL_AUDITS, 2), OV_FC_METRICS, &v);
    assert_int_equal(v.ncodes, 1);
    assert_string_equal(v.codes[0], "audit_good");

    /* the report model: audit_good is red (40%), so the list is shown */
    ov_report_ctx c = {
        .data = &e->d,
        .results = &e->res,
        .standards = &e->std,
        .calendar = &e->cal,
        .title = "Test Partnership",
        .marking = "OFFICIAL",
        .version = "test",
        .templates_dir = "templates",
        .run_date = fx_d("2026-04-15"),
        .agency_focus = 0,
        .exceptions = &ex,
        .suppress_below = 5,
        .trend = 1,
    };
    ov_pack p;
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    ov_msg_set_level(level);
    const ov_pack_followup *au = &p.followups[OV_FL_AUDITS];
    assert_true(au->shown);
    assert_int_equal(au->worst, OV_RAG_RED);
    assert_int_equal(au->nrows, 3);
    assert_int_equal(au->oldest, 80);
    assert_int_equal(au->unnamed, 1);
    assert_string_equal(ov_pack_followup_top_id(&p, au), "M1");
    ov_pack_free(&p);
    ov_exceptions_free(&ex);
    fx_env_free(e);

    /* every audit good or better: no row, and the list is not shown */
    e = agency();
    a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .team = "North", .supervisor = "M1");
    fx_audit(a, "S1", "2026-02-01", OV_GRADE_GOOD, "YYYYYY");
    lists_of(e, &ex);
    FX_AGENCY(e, OV_M_AUDIT_GOOD, "A", 1, 1);
    assert_int_equal(ex.count[OV_FL_AUDITS], 0);
    c.data = &e->d;
    c.results = &e->res;
    c.standards = &e->std;
    c.calendar = &e->cal;
    c.exceptions = &ex;
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    ov_msg_set_level(level);
    assert_false(p.followups[OV_FL_AUDITS].shown);
    ov_pack_free(&p);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

/* The table: one file, sheet and table per list, unique; the id, team and who
 * acts first, one days column and the figures it counts against; PDF columns
 * that fit the page. */
static void test_table(void **state)
{
    (void)state;
    assert_null(ov_followup_def_get(-1));
    assert_null(ov_followup_def_get(OV_FL_COUNT));
    assert_int_equal(ov_followup_nfiles(), OV_FL_COUNT + 1);
    assert_string_equal(ov_followup_file(OV_FL_COUNT), "exceptions-staff.csv");
    assert_null(ov_followup_file(OV_FL_COUNT + 1));
    for (int l = 0; l < OV_FL_COUNT; l++) {
        const ov_followup_def *d = ov_followup_def_get(l);
        char file[96];
        snprintf(file, sizeof file, "exceptions-%s.csv", d->key);
        assert_string_equal(d->file, file);
        assert_string_equal(ov_followup_file((size_t)l), d->file);
        assert_true(strlen(d->sheet) <= 31 && strlen(d->sheet) > 0);
        assert_null(strpbrk(d->table, " -:"));
        assert_true(d->holds[0] && d->who[0] && d->days[0] && d->title[0]);
        for (int m = l + 1; m < OV_FL_COUNT; m++) {
            const ov_followup_def *o = ov_followup_def_get(m);
            assert_true(strcmp(d->key, o->key) && strcmp(d->sheet, o->sheet) &&
                        strcmp(d->table, o->table));
        }
        assert_true(d->nmetrics >= 1 && d->nmetrics <= OV_FL_MAX_METRICS);
        for (int k = 0; k < d->nmetrics; k++)
            assert_true(d->metrics[k] >= 0 && d->metrics[k] < OV_M_FIRST_INFO);
        size_t n = ov_followup_ncols(d);
        assert_true(n >= 5);
        assert_int_equal(d->cols[0].src, OV_FC_SUBJECT_ID);
        assert_int_equal(d->cols[1].src, OV_FC_TEAM);
        assert_int_equal(d->cols[2].src, OV_FC_RESPONSIBLE);
        assert_int_equal(d->cols[3].src, OV_FC_DAYS);
        assert_string_equal(ov_followup_days_name(l), d->cols[3].name);
        int staff = d->subject == OV_FS_STAFF || d->subject == OV_FS_AUDIT;
        assert_string_equal(d->cols[0].name, staff ? "staff_id" : "child_id");
        assert_string_equal(d->cols[2].name, staff ? "supervisor_id" : "case_holder");
        assert_int_equal(d->cols[n - 1].src, OV_FC_METRICS);
        float pdf = 0;
        for (size_t c = 0; c < n; c++) {
            const ov_followup_col *col = &d->cols[c];
            assert_true(col->name[0] && col->title[0] && col->width > 0);
            assert_true(col->where & OV_FC_IN_CSV);
            assert_int_equal((col->where & OV_FC_IN_PDF) != 0, col->pdf_width > 0);
            pdf += col->pdf_width;
            for (size_t k = c + 1; k < n; k++) {
                assert_true(strcmp(col->name, d->cols[k].name));
                assert_true(strcmp(col->title, d->cols[k].title));
            }
        }
        if (pdf > OV_PD_WIDTH || pdf < OV_PD_WIDTH - 10)
            fail_msg("list %s: PDF columns %.1f pt wide, the page %.1f", d->key, pdf, OV_PD_WIDTH);
    }
    assert_string_equal(ov_followup_days_name(OV_FL_LATE_NOTES), "days_late");
    assert_string_equal(ov_followup_days_name(-1), "");
}

/* Cells of rows that point nowhere are blank; a list's figures by name. */
static void test_cells(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    ov_followup_row r;
    memset(&r, 0, sizeof r);
    r.list = OV_FL_CHILDREN;
    r.subject = 7; /* no such episode */
    r.responsible = 99;
    r.team = 42;
    r.against = 3;
    r.date = r.due = r.done = r.since = OV_DATE_NONE;
    ov_followup_value v;
    static const int srcs[] = {OV_FC_SUBJECT_ID, OV_FC_TEAM,          OV_FC_RESPONSIBLE,
                               OV_FC_CATEGORY,   OV_FC_EPISODE_START, OV_FC_STAFF_START,
                               OV_FC_SCHEDULE,   OV_FC_ASSESSMENT,    OV_FC_MISSED_LIST};
    for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
        ov_followup_cell(a, NULL, &r, srcs[i], &v);
        assert_true(v.kind == OV_FV_TEXT   ? v.text[0] == '\0'
                    : v.kind == OV_FV_DATE ? v.date == OV_DATE_NONE
                                           : v.ncodes == 0 && v.nranges == 0);
    }
    ov_followup_cell(a, NULL, &r, OV_FC_METRICS, &v);
    assert_int_equal(v.ncodes, 2);
    assert_string_equal(v.codes[0], "case_oversight_current");
    assert_string_equal(v.codes[1], "case_oversight_period");
    r.against = 2;
    ov_followup_cell(a, NULL, &r, OV_FC_METRICS, &v);
    assert_int_equal(v.ncodes, 1);
    assert_string_equal(v.words[0], "Case oversight never overdue");
    ov_followup_cell(a, NULL, &r, OV_FC_OVERDUE_AT_END, &v);
    assert_int_equal(v.ncodes, 0); /* closed in P: blank */
    r.open = 1;
    ov_followup_cell(a, NULL, &r, OV_FC_OVERDUE_AT_END, &v);
    assert_string_equal(v.codes[0], "no");
    r.list = OV_FL_COUNT; /* no such list */
    ov_followup_cell(a, NULL, &r, OV_FC_SUBJECT_ID, &v);
    assert_string_equal(v.text, "");
    assert_string_equal(ov_followup_responsible_id(a, &r), "");
    fx_env_free(e);
}

/* The report model: lists shown when a figure of theirs is red or amber as the
 * agency's own pack rates it (its suppressed figures rated), how many rows,
 * the oldest and who holds most (ties: the id first); none in the pack. */
static void test_pack_followups(void **state)
{
    (void)state;
    fx_env *e = agency();
    ov_agency *a = e->d.agencies;
    FX_STAFF(a, .id = "S1", .supervisor = "M2", .agreement = "2025-12-01");
    FX_STAFF(a, .id = "S2", .supervisor = "M1", .agreement = "2025-12-01");
    FX_STAFF(a, .id = "S3", .agreement = "2025-12-01");
    /* late notes: M1 2 rows, M2 2 rows (M1 first by id), 1 row named by nobody */
    FX_SESSION(a, .staff = "S1", .date = "2026-01-05", .shared = 'Y', .fn = 15);
    FX_SESSION(a, .staff = "S1", .date = "2026-02-02", .shared = 'Y', .fn = 15);
    FX_SESSION(a, .staff = "S2", .date = "2026-03-02", .shared = 'Y', .fn = 15);
    FX_SESSION(a, .staff = "S2", .date = "2026-01-06", .shared = 'Y', .fn = 15);
    FX_SESSION(a, .staff = "S3", .date = "2026-02-03", .shared = 'Y', .fn = 15);
    fx_run(e, PERIOD, 1);
    /* 3 staff in scope: the staff figures are suppressed in the results */
    const ov_figure *f = fx_fig(e, 0, OV_M_STAFF_SUPERVISED, "A", NULL, OV_NONE);
    assert_int_equal(f->rag, OV_RAG_SUPPRESSED);
    ov_exceptions ex;
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, &e->res.periods[0], &e->cfg, &ex), 0);
    ov_report_ctx c = {
        .data = &e->d,
        .results = &e->res,
        .standards = &e->std,
        .calendar = &e->cal,
        .title = "Test Partnership",
        .marking = "OFFICIAL",
        .version = "test",
        .templates_dir = "templates",
        .run_date = fx_d("2026-04-15"),
        .agency_focus = 0,
        .exceptions = &ex,
        .suppress_below = 5,
        .trend = 1,
    };
    ov_pack p;
    int level = ov_msg_level();
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    ov_msg_set_level(level);
    assert_int_equal(p.nfollowups, OV_FL_COUNT);
    const ov_pack_followup *notes = &p.followups[OV_FL_LATE_NOTES];
    assert_int_equal(notes->list, OV_FL_LATE_NOTES);
    assert_true(notes->shown);
    assert_int_equal(notes->worst, OV_RAG_RED);
    assert_int_equal(notes->nrows, 5);
    assert_ptr_equal(notes->rows, ex.rows + ex.first[OV_FL_LATE_NOTES]);
    assert_int_equal(notes->oldest, notes->rows[0].days);
    assert_string_equal(ov_pack_followup_top_id(&p, notes), "M1");
    assert_int_equal(notes->top_rows, 2);
    assert_int_equal(notes->unnamed, 1);
    /* intervals: S1 missed March, S2 February, S3 January and March: red, and
     * (3 staff, suppressed in the results) rated in the agency's own pack */
    const ov_pack_followup *iv = &p.followups[OV_FL_INTERVALS];
    assert_true(iv->shown);
    assert_int_equal(ov_pack_mark(&p, iv->figs[1]), OV_RAG_RED);
    /* agreements are current and every function covered: not shown */
    assert_false(p.followups[OV_FL_AGREEMENTS].shown);
    assert_false(p.followups[OV_FL_FUNCTIONS].shown);
    /* no cases sent: not shown, nobody holds anything */
    const ov_pack_followup *ch = &p.followups[OV_FL_CHILDREN];
    assert_false(ch->shown);
    assert_int_equal(ch->nrows, 0);
    assert_int_equal(ch->top, OV_NONE);
    assert_string_equal(ov_pack_followup_top_id(&p, ch), "");
    size_t shown = 0;
    for (size_t i = 0; i < p.nfollowups; i++)
        shown += p.followups[i].shown != 0;
    assert_int_equal(p.nshown, shown);
    ov_pack_free(&p);

    /* the partnership pack has no lists, even when handed some */
    c.agency_focus = OV_NONE;
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_pack_build(&c, &p), 0);
    ov_msg_set_level(level);
    assert_int_equal(p.nfollowups, 0);
    assert_null(p.exceptions);
    ov_pack_free(&p);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intervals_and_no_one_to_one),
        cmocka_unit_test(test_late_notes),
        cmocka_unit_test(test_notes_not_shared),
        cmocka_unit_test(test_not_rearranged),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_agreements),
        cmocka_unit_test(test_observations),
        cmocka_unit_test(test_untrained_supervisors),
        cmocka_unit_test(test_children),
        cmocka_unit_test(test_assessments),
        cmocka_unit_test(test_audits),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_pack_followups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
