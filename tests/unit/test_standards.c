/* test_standards.c — the built-in standards, the shipped standards template
 * (which must equal them), per-agency overrides, the file forms Excel writes,
 * every load error, and the metric catalogue the standards are keyed on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/hash.h"
#include "metrics/metric_defs.h"
#include "metrics/standards.h"

#define TEMPLATE "templates/standards.csv"
#define HEADER   "kind,id,agency_id,target,amber,direction,value,note\n"

/* A scratch folder holding standards.csv and optionally a holiday file. */
typedef struct {
    char dir[64];
    char path[128];
    char holidays[128];
} scratch;

static void scratch_open(scratch *t, const char *content, int with_holidays)
{
    strcpy(t->dir, "/tmp/ov-standards-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof(t->path), "%s/standards.csv", t->dir);
    snprintf(t->holidays, sizeof(t->holidays), "%s/hols.csv", t->dir);
    FILE *fp = fopen(t->path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    if (with_holidays) {
        fp = fopen(t->holidays, "wb");
        assert_non_null(fp);
        fputs("date,name\n2025-12-25,Christmas Day\n", fp);
        fclose(fp);
    }
}

static void scratch_close(scratch *t)
{
    unlink(t->path);
    unlink(t->holidays);
    assert_int_equal(rmdir(t->dir), 0);
}

/* ---- catalogue ----------------------------------------------------------- */

static void test_catalogue(void **state)
{
    (void)state;
    static const char *const ids[OV_M_COUNT] = {"supervision_frequency",
                                                "staff_fully_compliant",
                                                "staff_supervised",
                                                "notes_timely",
                                                "notes_shared",
                                                "cancellation_rate",
                                                "cancelled_rearranged",
                                                "functions_balance",
                                                "agreement_current",
                                                "observation_current",
                                                "supervisor_trained",
                                                "case_oversight_current",
                                                "case_oversight_period",
                                                "assessment_day8",
                                                "assessment_day20",
                                                "group_supervision_monthly",
                                                "audit_good",
                                                "audit_criteria",
                                                "feedback_positive",
                                                "workforce_stability",
                                                "info_staff_in_scope",
                                                "info_adhoc_held",
                                                "info_notes_median_wd",
                                                "info_duration_mean",
                                                "info_episodes_open",
                                                "info_audits",
                                                "info_feedback_responses",
                                                "info_starters",
                                                "info_leavers",
                                                "info_agencies_covered"};
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        assert_non_null(d);
        assert_string_equal(d->id, ids[m]);
        assert_int_equal(ov_metric_find(ids[m]), m);
        assert_true(strlen(d->title) > 0 && strlen(d->title) < 40);
        assert_true(strlen(d->definition) > 40);
        assert_non_null(d->numerator);
        assert_non_null(d->denominator);
        if (m < OV_M_FIRST_INFO) {
            assert_true(strlen(d->numerator) > 10);
            assert_true(strlen(d->denominator) > 10);
            assert_int_not_equal(d->area, OV_AREA_INFO);
            assert_int_not_equal(d->scope, OV_SCOPE_INFO);
        } else {
            assert_int_equal(d->area, OV_AREA_INFO);
            /* the count of agencies covering the period is a partnership figure */
            assert_int_equal(d->scope,
                             m == OV_M_INFO_AGENCIES_COVERED ? OV_SCOPE_INFO_ALL : OV_SCOPE_INFO);
            assert_true(d->target == 0 && d->amber == 0);
        }
        /* staff-record snapshots (SPEC 9.2) and groups that add up (SPEC 9.3) */
        assert_int_equal(d->snapshot, m == OV_M_AGREEMENT_CURRENT ||
                                          m == OV_M_OBSERVATION_CURRENT ||
                                          m == OV_M_SUPERVISOR_TRAINED);
        assert_int_equal(d->groups_add_up, m == OV_M_CASE_OVERSIGHT_CURRENT ||
                                               m == OV_M_CASE_OVERSIGHT_PERIOD ||
                                               m == OV_M_AUDIT_CRITERIA);
        assert_int_equal(d->lower_is_better, m == OV_M_CANCELLATION_RATE);
        int spec7 = d->area == OV_AREA_QUALITY || d->area == OV_AREA_OUTCOMES;
        if (m < OV_M_FIRST_INFO && m != OV_M_CANCELLATION_RATE && !spec7)
            assert_true(d->target == 90 && d->amber == 80);
        /* fixed groups: the audit criteria and the survey statements only */
        assert_int_equal(d->ngroups, m == OV_M_AUDIT_CRITERIA      ? OV_CRIT_COUNT
                                     : m == OV_M_FEEDBACK_POSITIVE ? OV_ITEM_COUNT
                                                                   : 0);
        assert_true((d->groups != NULL) == (d->ngroups > 0));
        assert_true((d->group_titles != NULL) == (d->ngroups > 0));
    }
    const ov_metric_def *c = ov_metric_def_get(OV_M_CANCELLATION_RATE);
    assert_true(c->target == 10 && c->amber == 20);
    assert_null(ov_metric_def_get(OV_M_COUNT));
    assert_null(ov_metric_def_get((enum ov_metric_id) - 1));

    /* areas and scopes as the spec lays them out */
    assert_int_equal(ov_metric_def_get(OV_M_SUPERVISION_FREQUENCY)->area, OV_AREA_FREQUENCY);
    assert_int_equal(ov_metric_def_get(OV_M_STAFF_SUPERVISED)->area, OV_AREA_COVERAGE);
    assert_int_equal(ov_metric_def_get(OV_M_NOTES_TIMELY)->area, OV_AREA_TIMELINESS);
    assert_int_equal(ov_metric_def_get(OV_M_CANCELLATION_RATE)->area, OV_AREA_TIMELINESS);
    assert_int_equal(ov_metric_def_get(OV_M_CASE_OVERSIGHT_PERIOD)->area, OV_AREA_FREQUENCY);
    assert_int_equal(ov_metric_def_get(OV_M_ASSESSMENT_DAY20)->area, OV_AREA_TIMELINESS);
    assert_int_equal(ov_metric_def_get(OV_M_GROUP_SUPERVISION_MONTHLY)->area, OV_AREA_FREQUENCY);
    assert_int_equal(ov_metric_def_get(OV_M_GROUP_SUPERVISION_MONTHLY)->scope, OV_SCOPE_STAFF);
    assert_int_equal(ov_metric_def_get(OV_M_CASE_OVERSIGHT_CURRENT)->scope, OV_SCOPE_CASE);
    assert_int_equal(ov_metric_def_get(OV_M_CASE_OVERSIGHT_PERIOD)->scope, OV_SCOPE_CASE);
    assert_int_equal(ov_metric_def_get(OV_M_ASSESSMENT_DAY8)->scope, OV_SCOPE_ASSESSMENT);
    assert_int_equal(ov_metric_def_get(OV_M_SUPERVISOR_TRAINED)->scope, OV_SCOPE_STAFF);

    /* SPEC 7: quality and outcomes, with their default standards */
    static const struct {
        int m, area;
        double target, amber;
    } q[] = {{OV_M_AUDIT_GOOD, OV_AREA_QUALITY, 80, 65},
             {OV_M_AUDIT_CRITERIA, OV_AREA_QUALITY, 80, 65},
             {OV_M_FEEDBACK_POSITIVE, OV_AREA_QUALITY, 75, 60},
             {OV_M_WORKFORCE_STABILITY, OV_AREA_OUTCOMES, 85, 75}};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)q[i].m);
        assert_int_equal(d->area, q[i].area);
        assert_int_equal(d->scope, OV_SCOPE_STAFF);
        assert_true(d->target == q[i].target && d->amber == q[i].amber);
        assert_true(q[i].m < OV_M_FIRST_INFO);
    }
    assert_true(OV_AREA_QUALITY < OV_AREA_INFO && OV_AREA_OUTCOMES < OV_AREA_INFO);

    /* group names: categories, criteria and items; nothing for other metrics */
    assert_int_equal(ov_metric_group_count(OV_M_CASE_OVERSIGHT_CURRENT), OV_CAT_COUNT);
    assert_int_equal(ov_metric_group_count(OV_M_AUDIT_CRITERIA), 6);
    assert_int_equal(ov_metric_group_count(OV_M_FEEDBACK_POSITIVE), 5);
    assert_int_equal(ov_metric_group_count(OV_M_AUDIT_GOOD), 0);
    assert_int_equal(ov_metric_group_count(OV_M_COUNT), 0);
    assert_string_equal(ov_metric_group_name(OV_M_CASE_OVERSIGHT_PERIOD, OV_CAT_CP), "cp");
    assert_string_equal(ov_metric_group_name(OV_M_AUDIT_CRITERIA, OV_CRIT_WELLBEING), "wellbeing");
    assert_string_equal(ov_metric_group_name(OV_M_AUDIT_CRITERIA, OV_CRIT_ACTIONS_SMART),
                        "actions_smart");
    assert_string_equal(ov_metric_group_name(OV_M_FEEDBACK_POSITIVE, OV_ITEM_REGULAR), "regular");
    assert_string_equal(ov_metric_group_name(OV_M_FEEDBACK_POSITIVE, OV_ITEM_SUPPORTIVE),
                        "supportive");
    assert_string_equal(ov_metric_group_name(OV_M_FEEDBACK_POSITIVE, OV_NONE), "");
    assert_string_equal(ov_metric_group_name(OV_M_FEEDBACK_POSITIVE, OV_ITEM_COUNT), "");
    assert_string_equal(ov_metric_group_name(OV_M_AUDIT_GOOD, 0), "");
    assert_string_equal(ov_metric_group_title(OV_M_FEEDBACK_POSITIVE, OV_ITEM_CHALLENGING),
                        "I am constructively challenged in supervision.");
    assert_non_null(ov_metric_group_title(OV_M_AUDIT_CRITERIA, OV_CRIT_CHILD_FOCUS));
    assert_null(ov_metric_group_title(OV_M_CASE_OVERSIGHT_CURRENT, OV_CAT_CP));
    assert_null(ov_metric_group_title(OV_M_AUDIT_CRITERIA, OV_CRIT_COUNT));

    /* ids match like headers; anything else is unknown */
    assert_int_equal(ov_metric_find(" Notes Timely "), OV_M_NOTES_TIMELY);
    assert_int_equal(ov_metric_find("CANCELLATION-RATE"), OV_M_CANCELLATION_RATE);
    assert_int_equal(ov_metric_find("notes"), -1);
    assert_int_equal(ov_metric_find(""), -1);
    assert_int_equal(ov_metric_find(NULL), -1);
    assert_string_equal(ov_metric_area_name(OV_AREA_FREQUENCY), "frequency");
    assert_string_equal(ov_metric_area_name(OV_AREA_TIMELINESS), "timeliness");
    assert_string_equal(ov_metric_area_name(OV_AREA_COVERAGE), "coverage");
    assert_string_equal(ov_metric_area_name(OV_AREA_QUALITY), "quality");
    assert_string_equal(ov_metric_area_name(OV_AREA_OUTCOMES), "outcomes");
    assert_string_equal(ov_metric_area_name(OV_AREA_INFO), "information");
}

/* ---- defaults and the shipped template ---------------------------------- */

static void test_defaults(void **state)
{
    (void)state;
    ov_standards s;
    ov_standards_defaults(&s);
    assert_true(s.metric[OV_M_NOTES_TIMELY].target == 90);
    assert_true(s.metric[OV_M_NOTES_TIMELY].amber == 80);
    assert_false(s.metric[OV_M_NOTES_TIMELY].lower_is_better);
    assert_true(s.metric[OV_M_CANCELLATION_RATE].target == 10);
    assert_true(s.metric[OV_M_CANCELLATION_RATE].amber == 20);
    assert_true(s.metric[OV_M_CANCELLATION_RATE].lower_is_better);
    static const int months[OV_CAT_COUNT] = {3, 3, 2, 2, 2, 3, 3, 3, 3};
    for (int c = 0; c < OV_CAT_COUNT; c++)
        assert_int_equal(s.interval_months[c], months[c]);
    assert_int_equal(s.interval_months[OV_CAT_CP], 2);
    assert_int_equal(s.interval_months[OV_CAT_CIC_LTM], 3);
    assert_int_equal(s.asye_weeks, 6);
    assert_int_equal(s.asye_week_days, 7);
    assert_int_equal(s.asye_fortnights, 10);
    assert_int_equal(s.asye_fortnight_days, 14);
    assert_int_equal(s.notes_working_days, 5);
    assert_int_equal(s.rearrange_working_days, 10);
    assert_int_equal(s.agreement_valid_months, 12);
    assert_int_equal(s.observation_valid_months, 12);
    assert_int_equal(s.observation_service_months, 12);
    assert_int_equal(s.safeguarding_training_valid_months, 36);
    assert_int_equal(s.review_day_early, 8);
    assert_int_equal(s.review_day_late, 20);
    assert_int_equal(s.suppress_below, 5);
    assert_int_equal(s.fill_flag_percent, 80);
    assert_null(s.calendar_file);
    assert_null(s.path);
    assert_int_equal(s.noverrides, 0);
    assert_string_equal(s.sha256, "");
    ov_standards_free(&s);
    ov_standards_free(NULL);
}

/* Asserts that every number in a equals the defaults. */
static void assert_same_values(const ov_standards *a, const ov_standards *d)
{
    for (int m = 0; m < OV_M_COUNT; m++) {
        assert_true(a->metric[m].target == d->metric[m].target);
        assert_true(a->metric[m].amber == d->metric[m].amber);
        assert_int_equal(a->metric[m].lower_is_better, d->metric[m].lower_is_better);
    }
    for (int c = 0; c < OV_CAT_COUNT; c++)
        assert_int_equal(a->interval_months[c], d->interval_months[c]);
    assert_int_equal(a->asye_weeks, d->asye_weeks);
    assert_int_equal(a->asye_week_days, d->asye_week_days);
    assert_int_equal(a->asye_fortnights, d->asye_fortnights);
    assert_int_equal(a->asye_fortnight_days, d->asye_fortnight_days);
    assert_int_equal(a->notes_working_days, d->notes_working_days);
    assert_int_equal(a->rearrange_working_days, d->rearrange_working_days);
    assert_int_equal(a->agreement_valid_months, d->agreement_valid_months);
    assert_int_equal(a->observation_valid_months, d->observation_valid_months);
    assert_int_equal(a->observation_service_months, d->observation_service_months);
    assert_int_equal(a->safeguarding_training_valid_months, d->safeguarding_training_valid_months);
    assert_int_equal(a->review_day_early, d->review_day_early);
    assert_int_equal(a->review_day_late, d->review_day_late);
    assert_int_equal(a->suppress_below, d->suppress_below);
}

static void test_shipped_template_equals_defaults(void **state)
{
    (void)state;
    ov_standards s, d;
    char err[512] = "", sha[65];
    if (ov_standards_load(&s, TEMPLATE, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    ov_standards_defaults(&d);
    assert_same_values(&s, &d);
    assert_int_equal(s.noverrides, 0);
    assert_string_equal(s.path, TEMPLATE);
    assert_string_equal(s.calendar_file, "templates/bank-holidays-england-wales.csv");
    assert_int_equal(ov_sha256_file(TEMPLATE, sha, NULL), 0);
    assert_string_equal(s.sha256, sha);
    ov_standards_free(&s);
    assert_null(s.path);
}

/* The template sets every metric with a target, every category and every
 * setting, so a reader can see and change each one. */
static void test_shipped_template_is_complete(void **state)
{
    (void)state;
    FILE *fp = fopen(TEMPLATE, "rb");
    assert_non_null(fp);
    char line[512];
    int metric_rows = 0, interval_rows = 0, setting_rows = 0;
    while (fgets(line, sizeof(line), fp)) {
        metric_rows += strncmp(line, "metric,", 7) == 0;
        interval_rows += strncmp(line, "interval,", 9) == 0;
        setting_rows += strncmp(line, "setting,", 8) == 0;
    }
    fclose(fp);
    assert_int_equal(metric_rows, OV_M_FIRST_INFO);
    assert_int_equal(interval_rows, OV_CAT_COUNT);
    assert_int_equal(setting_rows, 15);
}

/* ---- reading files ------------------------------------------------------ */

static void test_changed_values_and_overrides(void **state)
{
    (void)state;
    scratch t;
    ov_standards s;
    char err[512] = "";
    scratch_open(&t,
                 HEADER "metric,notes_timely,,95,85,higher,,\n"
                        "metric,notes_timely,POLICE,85,70,,,police target\n"
                        "metric,cancellation_rate,HEALTH,15,25,,,\n"
                        "metric,staff_supervised,POLICE,80,60,Higher,,\n"
                        "interval,cp,,,,,1,\n"
                        "setting,notes_working_days,,,,,3,\n"
                        "setting,suppress_below,,,,,0,\n"
                        "setting,fill_flag_percent,,,,,60,\n"
                        "setting,holiday_calendar,,,,,hols.csv,\n",
                 1);
    if (ov_standards_load(&s, t.path, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    assert_true(s.metric[OV_M_NOTES_TIMELY].target == 95);
    assert_true(s.metric[OV_M_NOTES_TIMELY].amber == 85);
    assert_int_equal(s.interval_months[OV_CAT_CP], 1);
    assert_int_equal(s.interval_months[OV_CAT_CIN], 3);
    assert_int_equal(s.notes_working_days, 3);
    assert_int_equal(s.rearrange_working_days, 10);
    assert_int_equal(s.suppress_below, 0);
    assert_int_equal(s.fill_flag_percent, 60);
    assert_string_equal(s.calendar_file, t.holidays);
    assert_int_equal(s.noverrides, 3);

    /* the agency's override when there is one, else the everyone row */
    const ov_threshold *p = ov_standards_threshold(&s, OV_M_NOTES_TIMELY, "POLICE");
    assert_true(p->target == 85 && p->amber == 70 && !p->lower_is_better);
    p = ov_standards_threshold(&s, OV_M_NOTES_TIMELY, "HEALTH");
    assert_true(p->target == 95 && p->amber == 85);
    p = ov_standards_threshold(&s, OV_M_NOTES_TIMELY, NULL);
    assert_ptr_equal(p, &s.metric[OV_M_NOTES_TIMELY]);
    p = ov_standards_threshold(&s, OV_M_NOTES_TIMELY, "police"); /* ids are exact */
    assert_true(p->target == 95);
    p = ov_standards_threshold(&s, OV_M_CANCELLATION_RATE, "HEALTH");
    assert_true(p->target == 15 && p->amber == 25 && p->lower_is_better); /* direction kept */
    p = ov_standards_threshold(&s, OV_M_STAFF_SUPERVISED, "POLICE");
    assert_true(p->target == 80 && p->amber == 60);
    p = ov_standards_threshold(&s, OV_M_STAFF_SUPERVISED, "HEALTH");
    assert_true(p->target == 90 && p->amber == 80);
    assert_null(ov_standards_threshold(&s, OV_M_COUNT, NULL));
    assert_null(ov_standards_threshold(&s, -1, "POLICE"));
    ov_standards_free(&s);
    scratch_close(&t);
}

static void test_excel_forms(void **state)
{
    (void)state;
    scratch t;
    ov_standards s;
    char err[512] = "";
    /* BOM, CRLF, columns reordered and capitalised, a blank trailing header cell,
     * note-only rows, an all-blank row, percentages with %, category aliases */
    scratch_open(&t,
                 "\xEF\xBB\xBF"
                 "Kind,ID,Agency ID,Target,Amber,Direction,Note,Value,\r\n"
                 ",,,,,,Heading for people,,\r\n"
                 ",,,,,,,,\r\n"
                 "Metric,Supervision Frequency,,92.5%,80,higher is better,\"a, b\",,\r\n"
                 "METRIC,cancellation_rate,,\"12,5\",20,Lower,,,\r\n"
                 "Interval,Child Protection,,,,,,3,\r\n"
                 "interval,CLA,,,,,,1.0,\r\n"
                 "Setting,Review Day Early,,,,,,7,\r\n",
                 0);
    if (ov_standards_load(&s, t.path, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    assert_true(s.metric[OV_M_SUPERVISION_FREQUENCY].target == 92.5);
    assert_true(s.metric[OV_M_CANCELLATION_RATE].target == 12.5);
    assert_true(s.metric[OV_M_CANCELLATION_RATE].lower_is_better);
    assert_int_equal(s.interval_months[OV_CAT_CP], 3);
    assert_int_equal(s.interval_months[OV_CAT_CIC], 1);
    assert_int_equal(s.review_day_early, 7);
    assert_null(s.calendar_file); /* not named: the caller's default applies */
    ov_standards_free(&s);
    scratch_close(&t);
}

static void test_absolute_holiday_path(void **state)
{
    (void)state;
    scratch t;
    ov_standards s;
    char err[512] = "", content[512];
    /* write the holiday file first so the absolute path is known */
    scratch_open(&t, "", 1);
    snprintf(content, sizeof(content), HEADER "setting,holiday_calendar,,,,,%s,\n", t.holidays);
    FILE *fp = fopen(t.path, "wb");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    if (ov_standards_load(&s, t.path, err, sizeof(err)) != 0)
        fail_msg("%s", err);
    assert_string_equal(s.calendar_file, t.holidays);
    ov_standards_free(&s);
    scratch_close(&t);
}

/* Loads content and asserts a one-line error naming the file, the line (when
 * given) and containing what; afterwards s must hold only the defaults. */
static void expect_error(const char *content, int line, const char *what)
{
    scratch t;
    ov_standards s, d;
    char err[512] = "", where[160];
    scratch_open(&t, content, 0);
    assert_int_equal(ov_standards_load(&s, t.path, err, sizeof(err)), -1);
    if (line)
        snprintf(where, sizeof(where), "%s, line %d: ", t.path, line);
    else
        snprintf(where, sizeof(where), "%s: ", t.path);
    if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, what))
        fail_msg("expected \"%s...%s\", got \"%s\"", where, what, err);
    assert_null(strchr(err, '\n'));
    ov_standards_defaults(&d);
    assert_same_values(&s, &d);
    assert_null(s.overrides);
    assert_null(s.calendar_file);
    assert_null(s.path);
    ov_standards_free(&s);
    scratch_close(&t);
}

static void test_load_errors(void **state)
{
    (void)state;
    expect_error(HEADER "metric,notes_timely,,90,80,higher,,\nrule,x,,,,,,\n", 3,
                 "unknown kind \"rule\"");
    expect_error(HEADER "metric,supervison_frequency,,90,80,higher,,\n", 2,
                 "unknown metric \"supervison_frequency\"");
    expect_error(HEADER "metric,,,90,80,higher,,\n", 2, "the id is blank");
    expect_error(HEADER "metric,info_staff_in_scope,,90,80,higher,,\n", 2, "information figure");
    expect_error(HEADER "interval,foster_care,,,,,3,\n", 2,
                 "unknown case category \"foster_care\"");
    expect_error(HEADER "setting,notes_days,,,,,5,\n", 2, "unknown setting \"notes_days\"");
    expect_error(HEADER "metric,notes_timely,,ninety,80,higher,,\n", 2,
                 "target \"ninety\" is not a percentage");
    expect_error(HEADER "metric,notes_timely,,90,,higher,,\n", 2, "amber \"\" is not a percentage");
    expect_error(HEADER "metric,notes_timely,,190,80,higher,,\n", 2, "not a percentage");
    expect_error(HEADER "metric,notes_timely,,-5,80,higher,,\n", 2, "not a percentage");
    expect_error(HEADER "metric,notes_timely,,90,80,up,,\n", 2, "direction \"up\"");
    expect_error(HEADER "interval,cp,,,,,two,\n", 2, "\"two\" is not a number of months");
    expect_error(HEADER "interval,cp,,,,,0,\n", 2, "not a number of months from 1");
    expect_error(HEADER "setting,notes_working_days,,,,,5.5,\n", 2,
                 "\"5.5\" is not a whole number");
    expect_error(HEADER "setting,asye_week_days,,,,,0,\n", 2, "from 1 to 31");
    expect_error(HEADER "setting,suppress_below,,,,,,\n", 2, "\"\" is not a whole number");
    /* amber beyond the target in the metric's direction */
    expect_error(HEADER "metric,notes_timely,,80,90,higher,,\n", 2, "amber 90 is above target 80");
    expect_error(HEADER "metric,cancellation_rate,,10,5,lower,,\n", 2,
                 "amber 5 is below target 10");
    expect_error(HEADER "metric,cancellation_rate,,10,5,,,\n", 2, "lower is better");
    expect_error(HEADER "metric,notes_timely,,10,20,lower,,\nmetric,notes_timely,LA,10,5,,,\n", 3,
                 "notes_timely for LA: amber 5 is below target 10");
    expect_error(HEADER "metric,staff_supervised,LA,70,75,,,\n", 2, "amber 75 is above");
    /* duplicates */
    expect_error(HEADER "metric,notes_timely,,90,80,higher,,\nmetric,Notes Timely,,95,80,,,\n", 3,
                 "set twice for everyone (also on line 2)");
    expect_error(HEADER "metric,notes_timely,LA,90,80,,,\nmetric,notes_timely,LA,95,80,,,\n", 3,
                 "set twice for agency LA (also on line 2)");
    expect_error(HEADER "interval,cp,,,,,2,\ninterval,Child Protection,,,,,3,\n", 3,
                 "interval for cp is set twice (also on line 2)");
    expect_error(HEADER "setting,review_day_late,,,,,20,\nsetting,review_day_late,,,,,21,\n", 3,
                 "review_day_late is set twice");
    /* columns used on the wrong kind of row */
    expect_error(HEADER "metric,notes_timely,,90,80,higher,5,\n", 2,
                 "metric rows do not use the value column");
    expect_error(HEADER "interval,cp,LA,,,,2,\n", 2, "interval rows do not use the agency_id");
    expect_error(HEADER "setting,suppress_below,,10,,,5,\n", 2,
                 "setting rows do not use the target");
    expect_error(HEADER ",notes_timely,,90,80,,,\n", 2, "the kind is blank");
    /* holiday file */
    expect_error(HEADER "setting,holiday_calendar,,,,,missing.csv,\n", 2,
                 "holiday calendar /tmp/ov-standards-");
    expect_error(HEADER "setting,holiday_calendar,,,,,,\n", 2, "the value is blank");
    /* header and file */
    expect_error("kind,id,agency_id,target,amber,direction,value,note,comments\n", 1,
                 "unknown column \"comments\"");
    expect_error("kind,id,agency_id,target,amber,value,note\n", 1, "no direction column");
    expect_error("kind,id,id,agency_id,target,amber,direction,value\n", 1,
                 "the column id appears twice");
    expect_error(HEADER "metric,notes_timely,,\"90,80,higher,,\n", 2, "quoted field");
    expect_error("", 0, "the file is empty");

    ov_standards s;
    char err[512] = "";
    assert_int_equal(ov_standards_load(&s, "no-such-dir/standards.csv", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "no-such-dir/standards.csv"));
    assert_null(s.path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_shipped_template_equals_defaults),
        cmocka_unit_test(test_shipped_template_is_complete),
        cmocka_unit_test(test_changed_values_and_overrides),
        cmocka_unit_test(test_excel_forms),
        cmocka_unit_test(test_absolute_holiday_path),
        cmocka_unit_test(test_load_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
