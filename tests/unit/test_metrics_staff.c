/* test_metrics_staff.c — the staff metrics at their edges, each figure worked
 * out by hand: supervision intervals for standard, student and ASYE schedules
 * (starters and leavers mid-month, intervals partly outside the period, ASYE
 * days 41/42 and 181/182), absences, staff in scope, notes, cancellations and
 * rearrangement, functions, agreements, observations, supervisor training and
 * group supervision. Period 2025-26 Q3 (1 Oct - 31 Dec 2025) unless stated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "metrics_fixture.h"

#define Q3 "2025-26-Q3"

/* Standard schedule: calendar months wholly inside P while in post. */
static void test_standard_starters_and_leavers(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    /* starts mid-October: only November and December are required */
    FX_STAFF(a, .id = "start_mid", .team = "start_mid", .start = "2025-10-15");
    fx_held(a, "start_mid", "2025-10-20");
    fx_held(a, "start_mid", "2025-11-03");
    /* leaves mid-November: only October is required */
    FX_STAFF(a, .id = "leave_mid", .team = "leave_mid", .end = "2025-11-20");
    fx_held(a, "leave_mid", "2025-10-31");
    /* leaves on 30 November: in post for all of November, which is required */
    FX_STAFF(a, .id = "leave_eom", .team = "leave_eom", .end = "2025-11-30");
    fx_held(a, "leave_eom", "2025-10-01");
    /* starts on 1 November: November and December; held on their last/first days */
    FX_STAFF(a, .id = "start_som", .team = "start_som", .start = "2025-11-01");
    fx_held(a, "start_som", "2025-11-30");
    fx_held(a, "start_som", "2025-12-01");
    fx_run(e, Q3, 1);

    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "start_mid", 1, 2);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "leave_mid", 1, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "leave_eom", 1, 2);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "start_som", 2, 2);
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 5, 7);
    FX_AGENCY(e, OV_M_STAFF_FULLY_COMPLIANT, "A", 2, 4);
    FX_TEAM(e, OV_M_STAFF_FULLY_COMPLIANT, "A", "leave_eom", 0, 1);
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, "A", 4, 4);
    fx_env_free(e);
}

/* Months only partly inside P are not required; sessions in them still count
 * for the other metrics. */
static void test_standard_interval_partly_outside_period(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "X");
    fx_held(a, "X", "2025-10-20");
    fx_held(a, "X", "2025-11-05");
    FX_STAFF(a, .id = "Y");
    fx_held(a, "Y", "2025-10-10"); /* before P */
    fx_run(e, "2025-10-15:2025-12-31", 1);
    /* October straddles ps: only November and December are required */
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 1, 4);
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, "A", 1, 2);
    fx_env_free(e);
}

/* Only a one-to-one that was held meets an interval. */
static void test_interval_needs_a_held_one_to_one(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "X", .team = "X");
    FX_SESSION(a, .staff = "X", .date = "2025-10-10", .status = OV_SS_CANCELLED);
    FX_SESSION(a, .staff = "X", .date = "2025-11-10", .type = OV_ST_AD_HOC);
    FX_SESSION(a, .staff = "X", .date = "2025-12-10", .type = OV_ST_GROUP);
    FX_SESSION(a, .staff = "X", .date = "2025-12-11", .type = OV_ST_PEER);
    FX_STAFF(a, .id = "Y", .team = "Y");
    fx_held(a, "Y", "2025-10-31");
    fx_held(a, "Y", "2025-11-01");
    fx_run(e, Q3, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "X", 0, 3);
    FX_TEAM(e, OV_M_STAFF_SUPERVISED, "A", "X", 0, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "Y", 2, 3);
    FX_AGENCY(e, OV_M_STAFF_FULLY_COMPLIANT, "A", 0, 2);
    fx_env_free(e);
}

/* ASYE: six weeks (days 0-41), ten fortnights (days 42-181), then calendar
 * months from the first month starting on or after day 182. P = 2025-26. */
static void test_asye_boundaries(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    /* a = Mon 2025-04-07: day 41 = 05-18, day 42 = 05-19, day 181 = 10-05,
     * day 182 = 10-06, first month = November: 6 + 10 + 5 = 21 intervals */
    FX_STAFF(a, .id = "A41", .team = "A41", .schedule = OV_SCHED_ASYE, .start = "2025-04-07");
    fx_held(a, "A41", "2025-05-18"); /* last day of week 6 */
    fx_held(a, "A41", "2025-10-05"); /* last day of fortnight 10 */
    FX_STAFF(a, .id = "A42", .team = "A42", .schedule = OV_SCHED_ASYE, .start = "2025-04-07");
    fx_held(a, "A42", "2025-05-19"); /* first day of fortnight 1 */
    fx_held(a, "A42", "2025-10-06"); /* day 182: in no interval (October is not one) */
    fx_held(a, "A42", "2025-11-01"); /* first month */
    /* a = 2024-12-31: day 182 = 2025-07-01, a month start, so July is required;
     * fortnights 5-10 lie in P: 6 + 9 months (Jul-Mar) = 15 */
    FX_STAFF(a, .id = "C", .team = "C", .schedule = OV_SCHED_ASYE, .start = "2024-12-31");
    fx_held(a, "C", "2025-07-01");
    /* a = 2025-01-01: day 181 = 07-01 (fortnight 10), day 182 = 07-02, first
     * month August: 6 fortnights + 8 months = 14; mid-July falls in no interval */
    FX_STAFF(a, .id = "D", .team = "D", .schedule = OV_SCHED_ASYE, .start = "2025-01-01");
    fx_held(a, "D", "2025-07-01");
    fx_held(a, "D", "2025-07-15");
    /* intervals count from schedule_start, not start_date */
    FX_STAFF(a, .id = "E", .team = "E", .schedule = OV_SCHED_ASYE, .start = "2024-01-01",
             .schedule_start = "2025-04-07");
    fx_held(a, "E", "2025-04-07");
    fx_run(e, "2025-26", 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "A41", 2, 21);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "A42", 2, 21);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "C", 1, 15);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "D", 1, 14);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "E", 1, 21);
    fx_env_free(e);
}

/* The ASYE schedule comes from the standards (here 4 weeks then 2 fortnights). */
static void test_asye_schedule_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.asye_weeks = 4;
    e->std.asye_fortnights = 2;
    ov_agency *a = fx_agency(&e->d, "A");
    /* a = Wed 2025-10-01: weeks 10-01..10-28, fortnights 10-29..11-25, day 56 =
     * 11-26, first month December: 4 + 2 + 1 = 7 */
    FX_STAFF(a, .id = "X", .schedule = OV_SCHED_ASYE, .start = "2025-10-01");
    fx_held(a, "X", "2025-10-28");
    fx_held(a, "X", "2025-11-25");
    fx_held(a, "X", "2025-11-28"); /* between day 56 and December: no interval */
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 2, 7);
    fx_env_free(e);
}

/* Students: Monday-Sunday weeks wholly inside P while in post. */
static void test_student_weeks_split_by_period(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    /* P runs Wed 10-01 to Wed 12-31: weeks of Mon 10-06 .. Mon 12-22 = 12 */
    FX_STAFF(a, .id = "X", .team = "X", .schedule = OV_SCHED_STUDENT, .start = "2025-09-01");
    fx_held(a, "X", "2025-10-01"); /* week of 09-29: split by ps */
    fx_held(a, "X", "2025-10-05");
    fx_held(a, "X", "2025-10-06"); /* Monday of week 1 */
    fx_held(a, "X", "2025-10-12"); /* Sunday of week 1 */
    fx_held(a, "X", "2025-12-28"); /* Sunday of week 12 */
    fx_held(a, "X", "2025-12-30"); /* week of 12-29: split by pe */
    /* leaves Wed 12-17: weeks 10-06 .. 12-08 = 10 */
    FX_STAFF(a, .id = "Y", .team = "Y", .schedule = OV_SCHED_STUDENT, .start = "2025-09-01",
             .end = "2025-12-17");
    fx_held(a, "Y", "2025-12-16");
    fx_run(e, Q3, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "X", 2, 12);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "Y", 0, 10);
    FX_TEAM(e, OV_M_STAFF_SUPERVISED, "A", "Y", 1, 1);
    fx_env_free(e);
}

/* An interval overlapping an absence (even by one day) is not required; the
 * absence pauses nothing else. */
static void test_absences_pause_frequency_only(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    fx_file(a, OV_DS_ABSENCES, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "edge", .team = "edge");
    fx_absence(a, "edge", "2025-09-01", "2025-10-01"); /* touches October */
    fx_absence(a, "edge", "2025-11-30", "2025-11-30"); /* touches November */
    FX_SESSION(a, .staff = "edge", .date = "2025-11-10", .notes = "2025-11-10");
    FX_STAFF(a, .id = "all", .team = "all");
    fx_absence(a, "all", "2025-09-01", "2026-01-31");
    FX_STAFF(a, .id = "outside", .team = "outside");
    fx_absence(a, "outside", "2025-06-01", "2025-09-30");
    fx_held(a, "outside", "2025-10-02");
    fx_held(a, "outside", "2025-11-02");
    fx_held(a, "outside", "2025-12-02");
    /* a student week touched by a one-day absence is dropped */
    FX_STAFF(a, .id = "student", .team = "student", .schedule = OV_SCHED_STUDENT);
    fx_absence(a, "student", "2025-10-08", "2025-10-08");
    fx_run(e, Q3, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "edge", 0, 1);
    FX_TEAM(e, OV_M_STAFF_FULLY_COMPLIANT, "A", "edge", 0, 1);
    FX_TEAM(e, OV_M_STAFF_SUPERVISED, "A", "edge", 1, 1);
    FX_TEAM(e, OV_M_NOTES_TIMELY, "A", "edge", 1, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "all", 0, 0);
    FX_TEAM(e, OV_M_STAFF_FULLY_COMPLIANT, "A", "all", 0, 0);
    FX_TEAM(e, OV_M_STAFF_SUPERVISED, "A", "all", 0, 1);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "outside", 3, 3);
    FX_TEAM(e, OV_M_SUPERVISION_FREQUENCY, "A", "student", 0, 11);
    FX_AGENCY(e, OV_M_STAFF_FULLY_COMPLIANT, "A", 1, 3);
    fx_env_free(e);
}

/* S: frequent contact and in post on at least one day of P. */
static void test_staff_in_scope(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "starts_on_pe", .start = "2025-12-31");
    FX_STAFF(a, .id = "leaves_on_ps", .end = "2025-10-01");
    FX_STAFF(a, .id = "left_before", .end = "2025-09-30");
    FX_STAFF(a, .id = "starts_after", .start = "2026-01-01");
    FX_STAFF(a, .id = "manager", .not_frequent = 1);
    FX_STAFF(a, .id = "worker");
    fx_held(a, "leaves_on_ps", "2025-10-01");
    fx_held(a, "left_before", "2025-10-05");
    fx_held(a, "manager", "2025-10-05");
    FX_SESSION(a, .staff = "manager", .date = "2025-10-06", .type = OV_ST_AD_HOC);
    FX_SESSION(a, .staff = "worker", .date = "2025-10-06", .type = OV_ST_AD_HOC);
    FX_SESSION(a, .staff = "worker", .date = "2025-10-07", .type = OV_ST_AD_HOC,
               .status = OV_SS_CANCELLED);
    FX_SESSION(a, .staff = "worker", .date = "2025-09-30", .type = OV_ST_AD_HOC);
    fx_run(e, Q3, 1);
    FX_INFO(e, OV_M_INFO_STAFF_IN_SCOPE, "A", 1, 3);
    FX_AGENCY(e, OV_M_STAFF_SUPERVISED, "A", 1, 3);
    /* neither one-day member has a required interval */
    FX_AGENCY(e, OV_M_SUPERVISION_FREQUENCY, "A", 0, 3);
    FX_AGENCY(e, OV_M_STAFF_FULLY_COMPLIANT, "A", 0, 1);
    FX_INFO(e, OV_M_INFO_ADHOC_HELD, "A", 1, 1);
    fx_env_free(e);
}

/* Notes on time: on or before the 5th working day after the session. */
static void test_notes_timely_shared_and_median(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "N");
    FX_STAFF(a, .id = "M", .not_frequent = 1);
    /* Fri 10-03: 5th working day Fri 10-10 (5 working days) */
    FX_SESSION(a, .staff = "N", .date = "2025-10-03", .notes = "2025-10-10", .shared = 'Y');
    /* Fri 10-17: limit Fri 10-24; Sat 10-25 is late although still 5 working days */
    FX_SESSION(a, .staff = "N", .date = "2025-10-17", .notes = "2025-10-25", .shared = 'N');
    /* Mon 11-03: limit 11-10; Sat 11-08 is on time (4 working days) */
    FX_SESSION(a, .staff = "N", .date = "2025-11-03", .notes = "2025-11-08", .shared = 'Y');
    /* Mon 11-17: limit 11-24; 11-25 late (6) */
    FX_SESSION(a, .staff = "N", .date = "2025-11-17", .notes = "2025-11-25");
    /* Fri 12-19: limit 12-30 across 25/26 December (5) */
    FX_SESSION(a, .staff = "N", .date = "2025-12-19", .notes = "2025-12-30");
    /* same day (0) */
    FX_SESSION(a, .staff = "N", .date = "2025-12-03", .notes = "2025-12-03");
    /* no notes date: not on time, not in the median */
    FX_SESSION(a, .staff = "N", .date = "2025-12-01");
    /* not counted: cancelled, before P, staff not in scope */
    FX_SESSION(a, .staff = "N", .date = "2025-12-02", .status = OV_SS_CANCELLED,
               .notes = "2025-12-02", .shared = 'Y');
    FX_SESSION(a, .staff = "N", .date = "2025-09-30", .notes = "2025-09-30", .shared = 'Y');
    FX_SESSION(a, .staff = "M", .date = "2025-10-06", .notes = "2025-10-06", .shared = 'Y');
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_NOTES_TIMELY, "A", 4, 7);
    FX_AGENCY(e, OV_M_NOTES_SHARED, "A", 2, 7);
    /* working days: 5, 5, 4, 6, 5, 0 -> 0 4 5 5 5 6 -> 5.0 */
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "A", 1, 5.0);
    FX_INFO(e, OV_M_INFO_DURATION_MEAN, "A", 0, 0);
    fx_env_free(e);
}

/* Notes recorded before the session are treated as blank. */
static void test_notes_before_session_are_blank(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "N");
    FX_SESSION(a, .staff = "N", .date = "2025-11-12", .notes = "2025-11-10");
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_NOTES_TIMELY, "A", 0, 1);
    FX_INFO(e, OV_M_INFO_NOTES_MEDIAN_WD, "A", 0, 0);
    fx_env_free(e);
}

/* The notes limit comes from the standards. */
static void test_notes_limit_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.notes_working_days = 3;
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "N");
    FX_SESSION(a, .staff = "N", .date = "2025-11-03", .notes = "2025-11-06"); /* 3rd */
    FX_SESSION(a, .staff = "N", .date = "2025-11-10", .notes = "2025-11-14"); /* 4th */
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_NOTES_TIMELY, "A", 1, 2);
    fx_env_free(e);
}

/* Cancellations and their rearrangement within 10 working days. */
static void test_cancelled_and_rearranged(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    /* Mon 12-15 + 10 working days = Wed 12-31 (25/26 Dec); the 11th is 2026-01-02 */
    FX_STAFF(a, .id = "R1");
    FX_SESSION(a, .staff = "R1", .date = "2025-12-15", .status = OV_SS_CANCELLED);
    fx_held(a, "R1", "2025-12-31");
    FX_SESSION(a, .staff = "R1", .date = "2025-11-05", .type = OV_ST_GROUP,
               .status = OV_SS_CANCELLED);
    FX_STAFF(a, .id = "R2");
    FX_SESSION(a, .staff = "R2", .date = "2025-12-15", .status = OV_SS_CANCELLED);
    fx_held(a, "R2", "2026-01-02");
    /* held the same day: not after the cancelled date */
    FX_STAFF(a, .id = "R3");
    FX_SESSION(a, .staff = "R3", .date = "2025-12-15", .status = OV_SS_CANCELLED);
    fx_held(a, "R3", "2025-12-15");
    /* Mon 12-22 + 10 = Thu 2026-01-08, after pe: allowed */
    FX_STAFF(a, .id = "R4");
    FX_SESSION(a, .staff = "R4", .date = "2025-12-22", .status = OV_SS_CANCELLED);
    fx_held(a, "R4", "2026-01-08");
    /* an ad hoc session does not rearrange; a cancellation before P is not counted */
    FX_STAFF(a, .id = "R5");
    FX_SESSION(a, .staff = "R5", .date = "2025-11-03", .status = OV_SS_CANCELLED);
    FX_SESSION(a, .staff = "R5", .date = "2025-11-04", .type = OV_ST_AD_HOC);
    FX_SESSION(a, .staff = "R5", .date = "2025-09-30", .status = OV_SS_CANCELLED);
    fx_held(a, "R5", "2025-10-01");
    /* not in scope */
    FX_STAFF(a, .id = "R6", .not_frequent = 1);
    FX_SESSION(a, .staff = "R6", .date = "2025-11-03", .status = OV_SS_CANCELLED);
    fx_held(a, "R6", "2025-11-04");
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_CANCELLED_REARRANGED, "A", 2, 5);
    FX_TEAM(e, OV_M_CANCELLED_REARRANGED, "A", "T", 2, 5);
    /* held in P: R1 12-31, R3 12-15, R5 10-01 */
    FX_AGENCY(e, OV_M_CANCELLATION_RATE, "A", 5, 8);
    fx_env_free(e);
}

/* The rearrangement limit comes from the standards. */
static void test_rearrange_limit_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.rearrange_working_days = 1;
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "R1");
    FX_SESSION(a, .staff = "R1", .date = "2025-11-07", .status = OV_SS_CANCELLED); /* Fri */
    fx_held(a, "R1", "2025-11-10");                                                /* Mon */
    FX_STAFF(a, .id = "R2");
    FX_SESSION(a, .staff = "R2", .date = "2025-11-07", .status = OV_SS_CANCELLED);
    fx_held(a, "R2", "2025-11-11");
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_CANCELLED_REARRANGED, "A", 1, 2);
    fx_env_free(e);
}

/* All four functions across the one-to-ones held in P. */
static void test_functions_balance(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "F1");
    FX_SESSION(a, .staff = "F1", .date = "2025-10-06", .fn = FX_M | FX_D);
    FX_SESSION(a, .staff = "F1", .date = "2025-11-03", .fn = FX_S | FX_ME);
    FX_STAFF(a, .id = "F2"); /* the fourth only in a cancelled session */
    FX_SESSION(a, .staff = "F2", .date = "2025-10-06", .fn = FX_M | FX_D | FX_S);
    FX_SESSION(a, .staff = "F2", .date = "2025-11-03", .fn = FX_ME, .status = OV_SS_CANCELLED);
    FX_STAFF(a, .id = "F3"); /* the fourth only before P */
    FX_SESSION(a, .staff = "F3", .date = "2025-09-15", .fn = FX_ME);
    FX_SESSION(a, .staff = "F3", .date = "2025-10-06", .fn = FX_M | FX_D | FX_S);
    FX_STAFF(a, .id = "F4"); /* no one-to-one held: not in the denominator */
    FX_SESSION(a, .staff = "F4", .date = "2025-10-06", .type = OV_ST_AD_HOC,
               .fn = FX_M | FX_D | FX_S | FX_ME);
    FX_STAFF(a, .id = "F5");
    FX_SESSION(a, .staff = "F5", .date = "2025-12-01", .fn = FX_M | FX_D | FX_S | FX_ME);
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_FUNCTIONS_BALANCE, "A", 2, 4);
    fx_env_free(e);
}

/* Agreement current: latest of the two dates on or before pe, + 12 months >= pe. */
static void test_agreement_current(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "G1", .agreement = "2024-12-31");                                   /* yes */
    FX_STAFF(a, .id = "G2", .agreement = "2024-12-30");                                   /* no */
    FX_STAFF(a, .id = "G3", .agreement = "2024-06-01", .agreement_review = "2025-03-01"); /* y */
    FX_STAFF(a, .id = "G4", .agreement = "2025-03-01", .agreement_review = "2026-01-10"); /* y */
    FX_STAFF(a, .id = "G5", .agreement = "2026-01-10");                                   /* no */
    FX_STAFF(a, .id = "G6");                                                              /* no */
    FX_STAFF(a, .id = "G7", .agreement = "2025-12-31");                                   /* yes */
    FX_STAFF(a, .id = "G8", .agreement = "2025-06-01", .end = "2025-12-30"); /* not on pe */
    FX_STAFF(a, .id = "G9", .agreement = "2025-06-01", .not_frequent = 1);   /* not in S */
    FX_STAFF(a, .id = "G10", .agreement = "2024-06-01", .agreement_review = "2026-02-01"); /* n */
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_AGREEMENT_CURRENT, "A", 4, 8);
    fx_env_free(e);
}

/* Observation current: only staff in post for 12 months by pe are due one. */
static void test_observation_current(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "O1", .start = "2024-12-31", .observation = "2024-12-31"); /* yes */
    FX_STAFF(a, .id = "O2", .start = "2025-01-01");                              /* not due */
    FX_STAFF(a, .id = "O3", .observation = "2024-12-30");                        /* no */
    FX_STAFF(a, .id = "O4", .observation = "2026-01-05");                        /* after pe */
    FX_STAFF(a, .id = "O5");                                                     /* no */
    FX_STAFF(a, .id = "O6", .observation = "2025-12-31");                        /* yes */
    FX_STAFF(a, .id = "O7", .observation = "2025-06-01", .end = "2025-12-30");   /* not on pe */
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_OBSERVATION_CURRENT, "A", 2, 5);
    fx_env_free(e);
}

/* Supervisors: in post on pe, supervising a member of S in post on pe; they
 * count once for the agency and in their own team only when it is a team of S. */
static void test_supervisor_trained(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    /* safeguarding 2022-12-31 + 36 months = pe: trained */
    FX_STAFF(a, .id = "M", .team = "Mgmt", .not_frequent = 1, .safeguarding = "2022-12-31",
             .supervision_training = "2020-01-01");
    /* 2022-12-30 + 36 months < pe: expired */
    FX_STAFF(a, .id = "M2", .supervisor = "M", .safeguarding = "2022-12-30",
             .supervision_training = "2020-01-01");
    FX_STAFF(a, .id = "M3", .safeguarding = "2025-01-01", .supervision_training = "2020-01-01");
    FX_STAFF(a, .id = "M4", .team = "Old", .not_frequent = 1, .end = "2025-12-30",
             .safeguarding = "2025-01-01", .supervision_training = "2020-01-01");
    FX_STAFF(a, .id = "M5", .safeguarding = "2024-01-01");
    FX_STAFF(a, .id = "M6", .safeguarding = "2024-01-01", .supervision_training = "2026-01-05");
    FX_STAFF(a, .id = "Y1", .supervisor = "M");
    FX_STAFF(a, .id = "Y2", .supervisor = "M");
    FX_STAFF(a, .id = "Y3", .supervisor = "M2");
    FX_STAFF(a, .id = "X", .supervisor = "M3", .end = "2025-11-30"); /* not in post on pe */
    FX_STAFF(a, .id = "Y4", .supervisor = "M4");                     /* M4 left before pe */
    FX_STAFF(a, .id = "Y5", .supervisor = "M5");
    FX_STAFF(a, .id = "Y6", .supervisor = "M6");
    FX_STAFF(a, .id = "Z", .supervisor = "M3", .not_frequent = 1); /* not in S */
    fx_run(e, Q3, 1);
    /* supervisors M, M2, M5, M6; trained M */
    FX_AGENCY(e, OV_M_SUPERVISOR_TRAINED, "A", 1, 4);
    FX_TEAM(e, OV_M_SUPERVISOR_TRAINED, "A", "T", 0, 3);
    assert_null(fx_fig(e, 0, OV_M_SUPERVISOR_TRAINED, "A", "Mgmt", OV_NONE));
    assert_null(fx_fig(e, 0, OV_M_SUPERVISOR_TRAINED, "A", "Old", OV_NONE));
    fx_env_free(e);
}

/* The training validity window comes from the standards. */
static void test_supervisor_training_window_from_standards(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    e->std.safeguarding_training_valid_months = 24;
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "M", .safeguarding = "2023-12-31", .supervision_training = "2020-01-01");
    FX_STAFF(a, .id = "W", .supervisor = "M");
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_SUPERVISOR_TRAINED, "A", 1, 1);
    e->std.safeguarding_training_valid_months = 23;
    fx_run(e, Q3, 1);
    FX_AGENCY(e, OV_M_SUPERVISOR_TRAINED, "A", 0, 1);
    fx_env_free(e);
}

/* Group supervision: team-months of the teams of S over whole months of P. */
static void test_group_supervision_monthly(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "G");
    fx_file(a, OV_DS_GROUP_SESSIONS, OV_FILE_RECEIVED);
    FX_STAFF(a, .id = "t1", .team = "T");
    FX_STAFF(a, .id = "u1", .team = "U");
    FX_STAFF(a, .id = "v1", .team = "V", .not_frequent = 1);
    fx_group(a, "T", "2025-10-15");
    fx_group(a, "T", "2025-10-20");
    fx_group(a, "T", "2025-12-31");
    fx_group(a, "T", "2025-09-30");
    fx_group(a, "V", "2025-11-05");
    fx_group(a, "W", "2025-11-05"); /* a team nobody is in */
    a = fx_agency(&e->d, "H");      /* no group_sessions.csv */
    FX_STAFF(a, .id = "h1", .team = "T");
    fx_group(a, "T", "2025-10-15");
    a = fx_agency(&e->d, "I"); /* group_sessions.csv unusable */
    fx_file(a, OV_DS_GROUP_SESSIONS, OV_FILE_UNUSABLE);
    FX_STAFF(a, .id = "i1", .team = "T");
    fx_run(e, Q3, 1);
    FX_TEAM(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", "T", 2, 3);
    FX_TEAM(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", "U", 0, 3);
    assert_null(fx_fig(e, 0, OV_M_GROUP_SUPERVISION_MONTHLY, "G", "V", OV_NONE));
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", 2, 6);
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, "H", 0, 0);
    FX_TEAM(e, OV_M_GROUP_SUPERVISION_MONTHLY, "H", "T", 0, 0);
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, "I", 0, 0);
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, NULL, 2, 6);
    assert_int_equal(fx_fig(e, 0, OV_M_GROUP_SUPERVISION_MONTHLY, "H", NULL, OV_NONE)->rag,
                     OV_RAG_NO_DATA);
    /* only November and December lie wholly inside 15 Oct - 31 Dec */
    fx_run(e, "2025-10-15:2025-12-31", 1);
    FX_TEAM(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", "T", 1, 2);
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", 1, 4);
    /* a period shorter than a month has no team-months */
    fx_run(e, "2025-11-03:2025-11-20", 1);
    FX_AGENCY(e, OV_M_GROUP_SUPERVISION_MONTHLY, "G", 0, 0);
    fx_env_free(e);
}

/* Team rows exist for the teams of S only, with the staff metrics only. */
static void test_team_rows_only_for_teams_of_scope(void **state)
{
    (void)state;
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "A");
    FX_STAFF(a, .id = "t1", .team = "T");
    FX_STAFF(a, .id = "old", .team = "Gone", .end = "2025-06-30");
    FX_STAFF(a, .id = "boss", .team = "Mgmt", .not_frequent = 1);
    fx_run(e, Q3, 1);
    size_t team_rows = 0;
    for (size_t i = 0; i < e->res.nfigs; i++) {
        const ov_figure *g = &e->res.figs[i];
        if (g->team == OV_NONE)
            continue;
        team_rows++;
        assert_int_equal(g->team, fx_team_index(&e->d.agencies[0], "T"));
        assert_int_equal(ov_metric_def_get((enum ov_metric_id)g->metric)->scope, OV_SCOPE_STAFF);
    }
    assert_int_equal(team_rows, 16); /* the twelve staff counts and the four of SPEC 7 */
    fx_env_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_starters_and_leavers),
        cmocka_unit_test(test_standard_interval_partly_outside_period),
        cmocka_unit_test(test_interval_needs_a_held_one_to_one),
        cmocka_unit_test(test_asye_boundaries),
        cmocka_unit_test(test_asye_schedule_from_standards),
        cmocka_unit_test(test_student_weeks_split_by_period),
        cmocka_unit_test(test_absences_pause_frequency_only),
        cmocka_unit_test(test_staff_in_scope),
        cmocka_unit_test(test_notes_timely_shared_and_median),
        cmocka_unit_test(test_notes_before_session_are_blank),
        cmocka_unit_test(test_notes_limit_from_standards),
        cmocka_unit_test(test_cancelled_and_rearranged),
        cmocka_unit_test(test_rearrange_limit_from_standards),
        cmocka_unit_test(test_functions_balance),
        cmocka_unit_test(test_agreement_current),
        cmocka_unit_test(test_observation_current),
        cmocka_unit_test(test_supervisor_trained),
        cmocka_unit_test(test_supervisor_training_window_from_standards),
        cmocka_unit_test(test_group_supervision_monthly),
        cmocka_unit_test(test_team_rows_only_for_teams_of_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
