/* followup.c — the table of follow-up lists (the one place that names them,
 * their files, sheets and tables, and says which figures each reconciles
 * with and what its columns are), the order of their rows (most urgent
 * first) and the value of each cell, for the CSV files, the workbook and the
 * PDF alike. The rows themselves are recorded by the metrics passes
 * (metrics.c); docs/exceptions.md says what each list holds and how it
 * reconciles with its figures. */
#include "metrics/followup.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/strtab.h"
#include "metrics/metric_defs.h"

/* ---- the table ------------------------------------------------------------- */

/* Columns every staff list begins with, and every children's list. */
/* clang-format off */
#define STAFF_ID      {"staff_id", "Staff id", OV_FC_SUBJECT_ID, OV_FC_IN_ALL, 55, 14}
#define CHILD_ID      {"child_id", "Child id", OV_FC_SUBJECT_ID, OV_FC_IN_ALL, 50, 14}
#define TEAM(pw)      {"team", "Team", OV_FC_TEAM, OV_FC_IN_ALL, pw, 26}
#define SUPERVISOR    {"supervisor_id", "Supervisor", OV_FC_RESPONSIBLE, OV_FC_IN_ALL, 55, 14}
#define CASE_HOLDER   {"case_holder", "Case holder", OV_FC_RESPONSIBLE, OV_FC_IN_ALL, 50, 14}
#define DAYS_OVERDUE  {"days_overdue", "Days overdue", OV_FC_DAYS, OV_FC_IN_ALL, 42, 10}
#define METRICS       {"metrics", "Counts against", OV_FC_METRICS, \
                       OV_FC_IN_CSV | OV_FC_IN_SHEET, 0, 34}
#define DATE(n, t, s, pw) {n, t, s, OV_FC_IN_ALL, pw, 13}
/* clang-format on */

/* Indexed by enum ov_followup_list. Sheet names are at most 31 characters and
 * table names are unique; adding a list is one entry here and the pass that
 * records its rows in metrics.c. */
static const ov_followup_def defs[OV_FL_COUNT] = {
    [OV_FL_INTERVALS] =
        {
            .key = "intervals",
            .file = "exceptions-intervals.csv",
            .title = "Supervision intervals missed",
            .sheet = "Intervals missed",
            .table = "IntervalsMissed",
            .holds = "Each member of staff in scope with at least one required supervision "
                     "interval in which no one-to-one was held.",
            .who = "the supervisor",
            .days = "Days from the end of the person's earliest missed interval to the period "
                    "end.",
            .subject = OV_FS_STAFF,
            .nmetrics = 2,
            .metrics = {OV_M_SUPERVISION_FREQUENCY, OV_M_STAFF_FULLY_COMPLIANT},
            .cols = {STAFF_ID,
                     TEAM(62),
                     SUPERVISOR,
                     DAYS_OVERDUE,
                     {"schedule", "Schedule", OV_FC_SCHEDULE, OV_FC_IN_ALL, 48, 18},
                     {"intervals_required", "Required", OV_FC_REQUIRED, OV_FC_IN_ALL, 48, 10},
                     {"intervals_met", "Met", OV_FC_MET, OV_FC_IN_ALL, 30, 8},
                     {"intervals_missed", "Missed", OV_FC_MISSED, OV_FC_IN_CSV | OV_FC_IN_SHEET, 0,
                      8},
                     {"missed_intervals", "Missed intervals", OV_FC_MISSED_LIST, OV_FC_IN_ALL, 100,
                      28},
                     {"last_one_to_one", "Last 1:1 held", OV_FC_SINCE, OV_FC_IN_ALL, 55, 13},
                     METRICS},
        },
    [OV_FL_NO_ONE_TO_ONE] =
        {
            .key = "no-one-to-one",
            .file = "exceptions-no-one-to-one.csv",
            .title = "Staff with no one-to-one in the period",
            .sheet = "No one-to-one",
            .table = "NoOneToOne",
            .holds = "Each member of staff in scope who had no one-to-one held in the period.",
            .who = "the supervisor",
            .days = "Days from the last one-to-one held before the period to the period end; with "
                    "none, from the later of the period start and the person's start in post.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_STAFF_SUPERVISED},
            .cols = {STAFF_ID,
                     TEAM(110),
                     SUPERVISOR,
                     DAYS_OVERDUE,
                     {"schedule", "Schedule", OV_FC_SCHEDULE, OV_FC_IN_ALL, 80, 18},
                     DATE("start_date", "In post from", OV_FC_STAFF_START, 76),
                     DATE("last_one_to_one", "Last 1:1 held", OV_FC_SINCE, 77),
                     METRICS},
        },
    [OV_FL_LATE_NOTES] =
        {
            .key = "late-notes",
            .file = "exceptions-late-notes.csv",
            .title = "Notes recorded late",
            .sheet = "Late notes",
            .table = "LateNotes",
            .holds = "Each one-to-one held in the period whose notes were not recorded within "
                     "the set number of working days (a missing notes date counts as late).",
            .who = "the supervisor named on the session, else the person's supervisor",
            .days = "Working days from the day the notes were due to the day they were "
                    "recorded, or to the period end when they were not recorded by then.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_NOTES_TIMELY},
            .cols = {STAFF_ID,
                     TEAM(113),
                     SUPERVISOR,
                     {"days_late", "Working days late", OV_FC_DAYS, OV_FC_IN_ALL, 42, 10},
                     DATE("session_date", "Session", OV_FC_DATE, 76),
                     DATE("notes_due", "Notes due by", OV_FC_DUE, 77),
                     DATE("notes_recorded", "Notes recorded", OV_FC_DONE, 77),
                     METRICS},
        },
    [OV_FL_NOT_SHARED] =
        {
            .key = "notes-not-shared",
            .file = "exceptions-notes-not-shared.csv",
            .title = "Notes not shared",
            .sheet = "Notes not shared",
            .table = "NotesNotShared",
            .holds = "Each one-to-one held in the period whose notes were not recorded as shared "
                     "with the person supervised (nothing recorded counts as not shared).",
            .who = "the supervisor named on the session, else the person's supervisor",
            .days = "Days from the day the notes were due (the session plus the set number of "
                    "working days) to the period end.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_NOTES_SHARED},
            .cols = {STAFF_ID,
                     TEAM(78),
                     SUPERVISOR,
                     DAYS_OVERDUE,
                     DATE("session_date", "Session", OV_FC_DATE, 73),
                     DATE("notes_due", "Notes due by", OV_FC_DUE, 73),
                     DATE("notes_recorded", "Notes recorded", OV_FC_DONE, 74),
                     {"notes_shared", "Shared", OV_FC_SHARED, OV_FC_IN_ALL, 45, 10},
                     METRICS},
        },
    [OV_FL_NOT_REARRANGED] =
        {
            .key = "not-rearranged",
            .file = "exceptions-not-rearranged.csv",
            .title = "Cancelled one-to-ones not rearranged",
            .sheet = "Not rearranged",
            .table = "NotRearranged",
            .holds = "Each one-to-one cancelled or not attended in the period with no one-to-one "
                     "held within the set number of working days after it.",
            .who = "the supervisor named on the session, else the person's supervisor",
            .days = "Days from the date it should have been rearranged by to the next one-to-one "
                    "held, or to the period end when none was held by then.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_CANCELLED_REARRANGED},
            .cols = {STAFF_ID, TEAM(113), SUPERVISOR, DAYS_OVERDUE,
                     DATE("cancelled_date", "Cancelled session", OV_FC_DATE, 76),
                     DATE("rearrange_by", "Rearrange by", OV_FC_DUE, 77),
                     DATE("next_one_to_one", "Next 1:1 held", OV_FC_DONE, 77), METRICS},
        },
    [OV_FL_FUNCTIONS] =
        {
            .key = "functions",
            .file = "exceptions-functions.csv",
            .title = "One-to-ones not covering all four functions",
            .sheet = "Functions",
            .table = "FunctionsMissing",
            .holds = "Each member of staff in scope whose one-to-ones held in the period did not "
                     "between them cover all four functions of supervision.",
            .who = "the supervisor",
            .days = "Days from the person's last one-to-one held in the period to the period "
                    "end: the functions missing are for the next one.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_FUNCTIONS_BALANCE},
            .cols = {STAFF_ID,
                     TEAM(113),
                     SUPERVISOR,
                     DAYS_OVERDUE,
                     {"functions_missing", "Functions not covered", OV_FC_FUNCTIONS, OV_FC_IN_ALL,
                      130, 30},
                     {"last_one_to_one", "Last 1:1 held", OV_FC_SINCE, OV_FC_IN_ALL, 100, 13},
                     METRICS},
        },
    [OV_FL_AGREEMENTS] =
        {
            .key = "agreements",
            .file = "exceptions-agreements.csv",
            .title = "Supervision agreements expired or missing",
            .sheet = "Agreements",
            .table = "AgreementsDue",
            .holds = "Each member of staff in scope in post at the period end whose supervision "
                     "agreement was not made or reviewed within its validity.",
            .who = "the supervisor",
            .days = "Days from the date the agreement fell due for review (the latest agreement "
                    "or review plus its validity) to the period end; with none, from the later "
                    "of the period start and the person's start in post.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_AGREEMENT_CURRENT},
            .cols = {STAFF_ID, TEAM(113), SUPERVISOR, DAYS_OVERDUE,
                     DATE("latest_agreement", "Latest agreement or review", OV_FC_DONE, 76),
                     DATE("due_date", "Due", OV_FC_DUE, 77),
                     DATE("start_date", "In post from", OV_FC_STAFF_START, 77), METRICS},
        },
    [OV_FL_OBSERVATIONS] =
        {
            .key = "observations",
            .file = "exceptions-observations.csv",
            .title = "Practice observations due",
            .sheet = "Observations",
            .table = "ObservationsDue",
            .holds = "Each member of staff in scope in post at the period end, with the set "
                     "length of service, whose last practice observation is missing or older "
                     "than its validity.",
            .who = "the supervisor",
            .days = "Days from the date the observation fell due (the last one plus its "
                    "validity; with none, the person's start plus the set length of service) to "
                    "the period end, counted from the period start at the earliest.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_OBSERVATION_CURRENT},
            .cols = {STAFF_ID, TEAM(113), SUPERVISOR, DAYS_OVERDUE,
                     DATE("last_observation", "Last observation", OV_FC_DONE, 76),
                     DATE("due_date", "Due", OV_FC_DUE, 77),
                     DATE("start_date", "In post from", OV_FC_STAFF_START, 77), METRICS},
        },
    [OV_FL_UNTRAINED] =
        {
            .key = "untrained-supervisors",
            .file = "exceptions-untrained-supervisors.csv",
            .title = "Supervisors without current training",
            .sheet = "Untrained supervisors",
            .table = "UntrainedSupervisors",
            .holds = "Each supervisor in post at the period end without safeguarding training "
                     "within its validity or without supervision training.",
            .who = "the supervisor's own supervisor",
            .days = "Days from the date safeguarding training expired to the period end; for "
                    "training never recorded, from the later of the period start and the "
                    "person's start in post; the larger when both apply.",
            .subject = OV_FS_STAFF,
            .nmetrics = 1,
            .metrics = {OV_M_SUPERVISOR_TRAINED},
            .cols = {STAFF_ID,
                     TEAM(80),
                     {"supervisor_id", "Their supervisor", OV_FC_RESPONSIBLE, OV_FC_IN_ALL, 55, 14},
                     DAYS_OVERDUE,
                     {"training_missing", "Missing", OV_FC_TRAINING, OV_FC_IN_ALL, 100, 32},
                     {"safeguarding_training", "Safeguarding training", OV_FC_DONE, OV_FC_IN_ALL,
                      54, 13},
                     {"safeguarding_due", "Safeguarding due", OV_FC_DUE, OV_FC_IN_ALL, 54, 13},
                     {"supervision_training", "Supervision training", OV_FC_SINCE, OV_FC_IN_ALL,
                      55, 13},
                     METRICS},
        },
    [OV_FL_CHILDREN] =
        {
            .key = "children",
            .file = "exceptions-children.csv",
            .title = "Children overdue for management oversight",
            .sheet = "Children overdue",
            .table = "ChildrenOverdue",
            .holds = "Each episode open at the period end and overdue for management oversight "
                     "there, and each episode that was overdue on a day of the period.",
            .who = "the case holder",
            .days = "Days from the due date to the period end for an episode overdue there; 0 "
                    "for one that is not (closed in the period, or overseen since).",
            .subject = OV_FS_EPISODE,
            .nmetrics = 2,
            .metrics = {OV_M_CASE_OVERSIGHT_CURRENT, OV_M_CASE_OVERSIGHT_PERIOD},
            .cols = {CHILD_ID,
                     TEAM(62),
                     CASE_HOLDER,
                     {"days_overdue", "Days overdue", OV_FC_DAYS, OV_FC_IN_ALL, 38, 10},
                     {"category", "Category", OV_FC_CATEGORY, OV_FC_IN_ALL, 66, 24},
                     {"episode_start", "Episode start", OV_FC_EPISODE_START, OV_FC_IN_ALL, 50, 13},
                     {"episode_end", "Episode end", OV_FC_EPISODE_END,
                      OV_FC_IN_CSV | OV_FC_IN_SHEET, 0, 13},
                     {"latest_oversight", "Latest oversight", OV_FC_DONE, OV_FC_IN_ALL, 50, 13},
                     {"due_date", "Due", OV_FC_DUE, OV_FC_IN_ALL, 50, 13},
                     {"overdue_at_period_end", "Overdue at period end", OV_FC_OVERDUE_AT_END,
                      OV_FC_IN_ALL, 40, 12},
                     {"first_overdue_in_period", "First overdue in period", OV_FC_SINCE,
                      OV_FC_IN_ALL, 39, 14},
                     METRICS},
        },
    [OV_FL_ASSESSMENTS] =
        {
            .key = "assessments",
            .file = "exceptions-assessments.csv",
            .title = "Assessment reviews late or missing",
            .sheet = "Assessments late",
            .table = "AssessmentsLate",
            .holds = "Each review point (day 8, day 20) of an assessment started in the period "
                     "whose management review was not recorded by its working-day limit.",
            .who = "the child's case holder",
            .days = "Days from the review's due date to the day it was recorded, or to the "
                    "period end when it was not recorded by then.",
            .subject = OV_FS_ASSESSMENT,
            .nmetrics = 2,
            .metrics = {OV_M_ASSESSMENT_DAY8, OV_M_ASSESSMENT_DAY20},
            .cols = {CHILD_ID,
                     TEAM(105),
                     CASE_HOLDER,
                     DAYS_OVERDUE,
                     DATE("assessment_start", "Assessment started", OV_FC_ASSESSMENT, 67),
                     {"review", "Review", OV_FC_REVIEW, OV_FC_IN_ALL, 45, 10},
                     DATE("review_due", "Review due by", OV_FC_DUE, 68),
                     DATE("review_date", "Review recorded", OV_FC_DONE, 68),
                     METRICS},
        },
    [OV_FL_AUDITS] =
        {
            .key = "audits",
            .file = "exceptions-audits.csv",
            .title = "Supervision records audited below good",
            .sheet = "Audits below good",
            .table = "AuditsBelowGood",
            .holds = "Each quality audit dated in the period of the supervision record of a "
                     "member of staff in scope graded requires improvement or inadequate, oldest "
                     "audit first, with the criteria it found not met.",
            .who = "the audited person's supervisor",
            .days = "Days from the audit to the period end, so the oldest audit comes first.",
            .subject = OV_FS_AUDIT,
            .nmetrics = 1,
            .metrics = {OV_M_AUDIT_GOOD},
            .cols = {STAFF_ID,
                     TEAM(88),
                     SUPERVISOR,
                     {"days_since_audit", "Days since audit", OV_FC_DAYS, OV_FC_IN_ALL, 42, 10},
                     DATE("audit_date", "Audit date", OV_FC_DATE, 60),
                     {"grade", "Grade", OV_FC_GRADE, OV_FC_IN_ALL, 70, 20},
                     {"criteria_failed", "Criteria not met", OV_FC_CRITERIA, OV_FC_IN_ALL, 125, 34},
                     METRICS},
        },
};

/* Names that earlier versions wrote (a run removes them too). */
static const char *const legacy_files[] = {"exceptions-staff.csv"};

/* The list l, or NULL. */
const ov_followup_def *ov_followup_def_get(int l)
{
    return l >= 0 && l < OV_FL_COUNT ? &defs[l] : NULL;
}

/* The columns of a list: up to the first without a name. */
size_t ov_followup_ncols(const ov_followup_def *d)
{
    size_t n = 0;
    while (d && n < OV_FL_MAX_COLS && d->cols[n].name)
        n++;
    return n;
}

/* The CSV header of list l's urgency column. */
const char *ov_followup_days_name(int l)
{
    const ov_followup_def *d = ov_followup_def_get(l);
    if (!d)
        return "";
    for (size_t c = 0; c < ov_followup_ncols(d); c++)
        if (d->cols[c].src == OV_FC_DAYS)
            return d->cols[c].name;
    return "";
}

/* How many follow-up file names there are: the lists' then the legacy ones. */
size_t ov_followup_nfiles(void)
{
    return OV_FL_COUNT + sizeof legacy_files / sizeof legacy_files[0];
}

/* The i-th follow-up file name, or NULL past the last. */
const char *ov_followup_file(size_t i)
{
    if (i < OV_FL_COUNT)
        return defs[i].file;
    i -= OV_FL_COUNT;
    return i < sizeof legacy_files / sizeof legacy_files[0] ? legacy_files[i] : NULL;
}

/* ---- order ----------------------------------------------------------------- */

/* A row with its sort key. */
typedef struct {
    uint8_t list;
    int32_t days;
    ov_date date;
    const char *id;
    size_t len;
    size_t idx;
} row_key;

/* Most urgent first within a list: days descending, then date ascending, then
 * id in byte order, then the order the rows were recorded in. */
static int cmp_row_key(const void *pa, const void *pb)
{
    const row_key *x = pa, *y = pb;
    if (x->list != y->list)
        return x->list < y->list ? -1 : 1;
    if (x->days != y->days)
        return x->days > y->days ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    int c = memcmp(x->id, y->id, x->len < y->len ? x->len : y->len);
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* The id a row is listed by, with its length ("" when unknown). */
static const char *subject_id(const ov_agency *a, const ov_followup_row *r, size_t *len)
{
    const ov_strtab *t = NULL;
    uint32_t k = UINT32_MAX;
    const ov_followup_def *d = ov_followup_def_get(r->list);
    if (d && r->subject >= 0) {
        size_t s = (size_t)r->subject;
        if (d->subject == OV_FS_STAFF && s < a->nstaff) {
            t = &a->staff_ids;
            k = a->staff[s].id;
        } else if (d->subject == OV_FS_EPISODE && s < a->ncases) {
            t = &a->child_ids;
            k = a->cases[s].child;
        } else if (d->subject == OV_FS_ASSESSMENT && s < a->nassessments) {
            t = &a->child_ids;
            k = a->assessments[s].child;
        } else if (d->subject == OV_FS_AUDIT && s < a->naudits && a->audits[s].staff >= 0 &&
                   (size_t)a->audits[s].staff < a->nstaff) {
            t = &a->staff_ids;
            k = a->staff[a->audits[s].staff].id;
        }
    }
    if (!t || k >= t->n) {
        *len = 0;
        return "";
    }
    *len = t->len[k];
    return t->str[k];
}

/* Sorts the rows; see followup.h. */
void ov_followup_sort(const ov_agency *a, ov_exceptions *ex)
{
    memset(ex->first, 0, sizeof ex->first);
    memset(ex->count, 0, sizeof ex->count);
    if (!ex->nrows)
        return;
    row_key *keys = ov_xmalloc(ex->nrows * sizeof *keys);
    for (size_t i = 0; i < ex->nrows; i++) {
        const ov_followup_row *r = &ex->rows[i];
        keys[i].list = r->list;
        keys[i].days = r->days;
        keys[i].date = r->date;
        keys[i].id = subject_id(a, r, &keys[i].len);
        keys[i].idx = i;
    }
    qsort(keys, ex->nrows, sizeof *keys, cmp_row_key);
    ov_followup_row *rows = ov_xmalloc(ex->cap_rows * sizeof *rows);
    for (size_t i = 0; i < ex->nrows; i++)
        rows[i] = ex->rows[keys[i].idx];
    free(ex->rows);
    ex->rows = rows;
    free(keys);
    for (size_t i = ex->nrows; i-- > 0;) {
        int l = ex->rows[i].list < OV_FL_COUNT ? ex->rows[i].list : OV_FL_COUNT - 1;
        ex->first[l] = i;
        ex->count[l]++;
    }
}

/* Frees the lists; accepts NULL. */
void ov_exceptions_free(ov_exceptions *ex)
{
    if (!ex)
        return;
    free(ex->rows);
    free(ex->missed);
    memset(ex, 0, sizeof(*ex));
}

/* ---- cells ----------------------------------------------------------------- */

static const char *const schedule_words[OV_SCHED_COUNT] = {"Standard (monthly)", "ASYE",
                                                           "Student (weekly)"};
static const char *const function_words[OV_FN_COUNT] = {"Management", "Development", "Support",
                                                        "Mediation"};
static const char *const review_codes[2] = {"day8", "day20"};
static const char *const review_words[2] = {"Day 8", "Day 20"};
static const char *const grade_words[OV_GRADE_COUNT] = {"Outstanding", "Good",
                                                        "Requires improvement", "Inadequate"};
static const char *const criterion_words[OV_CRIT_COUNT] = {
    "Wellbeing and workload",    "Reflection",
    "Learning and development",  "Child focus",
    "Previous actions reviewed", "Actions with owner and timeframe"};

/* Adds a code and its words to a value. */
static void add_code(ov_followup_value *v, const char *code, const char *word)
{
    if (v->ncodes < OV_FV_MAX_CODES) {
        v->codes[v->ncodes] = code;
        v->words[v->ncodes] = word;
        v->ncodes++;
    }
}

/* A date value. */
static void set_date(ov_followup_value *v, ov_date d)
{
    v->kind = OV_FV_DATE;
    v->date = d;
}

/* A count value. */
static void set_count(ov_followup_value *v, int64_t n)
{
    v->kind = OV_FV_COUNT;
    v->n = n;
}

/* An entry of an interning table, or "" when out of range. */
static const char *entry(const ov_strtab *t, int64_t k)
{
    return k >= 0 && (uint64_t)k < t->n ? t->str[k] : "";
}

/* The id of the row's responsible person. */
const char *ov_followup_responsible_id(const ov_agency *a, const ov_followup_row *r)
{
    if (r->responsible < 0 || (size_t)r->responsible >= a->nstaff)
        return "";
    return entry(&a->staff_ids, a->staff[r->responsible].id);
}

/* The value of one cell; see followup.h. */
void ov_followup_cell(const ov_agency *a, const ov_exceptions *ex, const ov_followup_row *r,
                      int src, ov_followup_value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = OV_FV_TEXT;
    out->text = "";
    out->date = OV_DATE_NONE;
    const ov_followup_def *d = ov_followup_def_get(r->list);
    if (!d)
        return;
    size_t s = r->subject >= 0 ? (size_t)r->subject : SIZE_MAX;
    const ov_staff *st = d->subject == OV_FS_STAFF && s < a->nstaff ? &a->staff[s] : NULL;
    const ov_case *cs = d->subject == OV_FS_EPISODE && s < a->ncases ? &a->cases[s] : NULL;
    const ov_assessment *as =
        d->subject == OV_FS_ASSESSMENT && s < a->nassessments ? &a->assessments[s] : NULL;
    const ov_audit *au = d->subject == OV_FS_AUDIT && s < a->naudits ? &a->audits[s] : NULL;
    size_t len;
    switch (src) {
    case OV_FC_SUBJECT_ID:
        out->text = subject_id(a, r, &len);
        break;
    case OV_FC_TEAM:
        out->text = entry(&a->teams, r->team);
        break;
    case OV_FC_RESPONSIBLE:
        out->text = ov_followup_responsible_id(a, r);
        break;
    case OV_FC_DAYS:
        set_count(out, r->days);
        break;
    case OV_FC_DATE:
        set_date(out, r->date);
        break;
    case OV_FC_DUE:
        set_date(out, r->due);
        break;
    case OV_FC_DONE:
        set_date(out, r->done);
        break;
    case OV_FC_SINCE:
        set_date(out, r->since);
        break;
    case OV_FC_REQUIRED:
        set_count(out, r->required);
        break;
    case OV_FC_MET:
        set_count(out, r->met);
        break;
    case OV_FC_MISSED:
        set_count(out, r->required - r->met);
        break;
    case OV_FC_MISSED_LIST: {
        out->kind = OV_FV_RANGES;
        size_t n = r->required > r->met ? (size_t)(r->required - r->met) : 0;
        if (ex && r->missed_first <= ex->nmissed && n <= ex->nmissed - r->missed_first) {
            out->ranges = ex->missed + r->missed_first;
            out->nranges = n;
        }
        break;
    }
    case OV_FC_SCHEDULE:
        out->kind = OV_FV_CODES;
        if (st && st->schedule < OV_SCHED_COUNT && st->schedule < ov_codes_schedule.count)
            add_code(out, ov_codes_schedule.names[st->schedule], schedule_words[st->schedule]);
        break;
    case OV_FC_STAFF_START:
        set_date(out, st ? st->start : OV_DATE_NONE);
        break;
    case OV_FC_CATEGORY:
        out->kind = OV_FV_CODES;
        if (cs && cs->category < ov_codes_category.count)
            add_code(out, ov_codes_category.names[cs->category],
                     ov_codes_category.names[cs->category]);
        break;
    case OV_FC_EPISODE_START:
        set_date(out, cs ? cs->start : OV_DATE_NONE);
        break;
    case OV_FC_EPISODE_END:
        set_date(out, cs ? cs->end : OV_DATE_NONE);
        break;
    case OV_FC_OVERDUE_AT_END:
        out->kind = OV_FV_CODES;
        if (r->open)
            add_code(out, r->against & 1u ? "yes" : "no", r->against & 1u ? "Yes" : "No");
        break;
    case OV_FC_SHARED:
        out->kind = OV_FV_CODES;
        if (r->code == 0)
            add_code(out, "no", "No");
        break;
    case OV_FC_REVIEW:
        out->kind = OV_FV_CODES;
        add_code(out, review_codes[r->code & 1u], review_words[r->code & 1u]);
        break;
    case OV_FC_FUNCTIONS:
        out->kind = OV_FV_CODES;
        for (int f = 0; f < OV_FN_COUNT; f++)
            if (r->code & (1u << f) && (size_t)f < ov_codes_function.count)
                add_code(out, ov_codes_function.names[f], function_words[f]);
        break;
    case OV_FC_TRAINING:
        out->kind = OV_FV_CODES;
        if (r->code & OV_FU_SAFEGUARDING_NONE)
            add_code(out, "no_safeguarding_training", "No safeguarding training");
        if (r->code & OV_FU_SAFEGUARDING_EXPIRED)
            add_code(out, "safeguarding_training_expired", "Safeguarding training expired");
        if (r->code & OV_FU_SUPERVISION_NONE)
            add_code(out, "no_supervision_training", "No supervision training");
        break;
    case OV_FC_ASSESSMENT:
        set_date(out, as ? as->start : OV_DATE_NONE);
        break;
    case OV_FC_METRICS:
        out->kind = OV_FV_CODES;
        for (int k = 0; k < d->nmetrics; k++)
            if (r->against & (1u << k)) {
                const ov_metric_def *m = ov_metric_def_get((enum ov_metric_id)d->metrics[k]);
                add_code(out, m->id, m->title);
            }
        break;
    case OV_FC_GRADE:
        out->kind = OV_FV_CODES;
        if (au && au->grade < OV_GRADE_COUNT && au->grade < ov_codes_grade.count)
            add_code(out, ov_codes_grade.names[au->grade], grade_words[au->grade]);
        break;
    case OV_FC_CRITERIA:
        out->kind = OV_FV_CODES;
        for (int k = 0; au && k < OV_CRIT_COUNT; k++)
            if ((au->assessed & ~au->met) & (1u << k))
                add_code(out, ov_audit_criterion_names[k], criterion_words[k]);
        break;
    default:
        break;
    }
}
