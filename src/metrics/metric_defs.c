/* metric_defs.c — the catalogue of metrics: for every enum ov_metric_id its id
 * string, table title, area, breakdown scope, default direction and thresholds,
 * the plain-words numerator, denominator and definition that the reports
 * print for board members, and the group rows some metrics have (case
 * categories, audit criteria, survey statements). The figures themselves are
 * computed in metrics.c. */
#include "metrics/metric_defs.h"

#include <string.h>

#include "ingest/model.h"
#include "ingest/parse.h"

/* Plain-words titles of the audit criteria (enum ov_audit_criterion) and of
 * the survey statements (enum ov_feedback_item), for the group rows. */
static const char *const criterion_titles[OV_CRIT_COUNT] = {
    "The worker's wellbeing, workload and support were discussed",
    "Reflection and analysis, not only case updates",
    "Learning and development were discussed",
    "Children's lived experience, risk and decisions for them",
    "The actions of the previous session were reviewed",
    "New actions have an owner and a timeframe",
};
static const char *const item_titles[OV_ITEM_COUNT] = {
    "My supervision happens as planned and is rarely cancelled.",
    "Supervision helps me reflect on and analyse my practice.",
    "Supervision helps me make better decisions for children.",
    "I am constructively challenged in supervision.",
    "I feel supported in supervision.",
};

/* Indexed by enum ov_metric_id (designated, so every entry names its metric). */
static const ov_metric_def defs[OV_M_COUNT] = {
    [OV_M_SUPERVISION_FREQUENCY] =
        {
            .id = "supervision_frequency",
            .title = "Supervision frequency",
            .area = OV_AREA_FREQUENCY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Required supervision intervals in which at least one one-to-one session took "
                "place",
            .denominator =
                "Required supervision intervals: those lying wholly inside the period while the "
                "person was in post and not on a long absence",
            .definition =
                "Whether staff get one-to-one supervision as often as their schedule requires. "
                "Each person's time is divided into intervals: calendar months for most staff, "
                "Monday-to-Sunday weeks for students, and for newly qualified social workers in "
                "their assessed year (ASYE) six weekly intervals, then ten fortnightly ones, then "
                "calendar months, counted from the start of that year. An interval is required "
                "only when it lies wholly inside the period, the person was in post throughout it "
                "and no long absence overlaps it. The figure is the share of required intervals "
                "that contained a one-to-one session that was held.",
        },
    [OV_M_STAFF_FULLY_COMPLIANT] =
        {
            .id = "staff_fully_compliant",
            .title = "Staff fully compliant",
            .area = OV_AREA_FREQUENCY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Staff who had a one-to-one session held in every one of their required intervals",
            .denominator =
                "Staff in scope with at least one required supervision interval in the period",
            .definition =
                "The share of staff whose supervision met their schedule every time in the "
                "period, rather than most of the time. Staff with no required interval in the "
                "period (for example, someone who started in its last week) are left out.",
        },
    [OV_M_STAFF_SUPERVISED] =
        {
            .id = "staff_supervised",
            .title = "Staff supervised",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Staff in scope who had at least one one-to-one session held in the period",
            .denominator =
                "Staff in scope: staff in frequent contact with children who were in post on at "
                "least one day of the period",
            .definition =
                "The share of staff working with children who had any one-to-one supervision at "
                "all during the period.",
        },
    [OV_M_NOTES_TIMELY] =
        {
            .id = "notes_timely",
            .title = "Notes recorded on time",
            .area = OV_AREA_TIMELINESS,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "One-to-one sessions held whose notes were recorded within the set number of "
                "working days after the session (five by default)",
            .denominator = "One-to-one sessions held in the period for staff in scope",
            .definition =
                "Whether the record of each supervision session is written up promptly. A session "
                "whose notes date is missing counts as not on time. Weekends and bank holidays do "
                "not count as working days.",
            .fill = 1,
        },
    [OV_M_NOTES_SHARED] =
        {
            .id = "notes_shared",
            .title = "Notes shared",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "One-to-one sessions held whose notes were recorded as shared with the person "
                "supervised",
            .denominator = "One-to-one sessions held in the period for staff in scope",
            .definition =
                "Whether the person supervised receives a copy of the record of their session. A "
                "session with nothing recorded about sharing counts as not shared.",
            .fill = 1,
        },
    [OV_M_CANCELLATION_RATE] =
        {
            .id = "cancellation_rate",
            .title = "Cancellation rate",
            .area = OV_AREA_TIMELINESS,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 1,
            .target = 10,
            .amber = 20,
            .numerator = "One-to-one sessions in the period that were cancelled or not attended",
            .denominator =
                "One-to-one sessions in the period for staff in scope, whether held or cancelled",
            .definition =
                "How often planned one-to-one supervision does not go ahead, whoever cancelled "
                "it; a session the supervisee did not attend counts as cancelled. Lower is better.",
        },
    [OV_M_CANCELLED_REARRANGED] =
        {
            .id = "cancelled_rearranged",
            .title = "Cancelled sessions rearranged",
            .area = OV_AREA_TIMELINESS,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Cancelled one-to-one sessions followed by a one-to-one held for the same person "
                "within the set number of working days (ten by default)",
            .denominator = "One-to-one sessions cancelled in the period for staff in scope",
            .definition =
                "Whether supervision that falls through is quickly put back in the diary. The "
                "replacement session must be held after the cancelled date; it may fall after the "
                "end of the period.",
        },
    [OV_M_FUNCTIONS_BALANCE] =
        {
            .id = "functions_balance",
            .title = "All four functions covered",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Staff whose one-to-one sessions in the period between them covered all four "
                "functions of supervision: management, development, support and mediation",
            .denominator =
                "Staff in scope who had at least one one-to-one session held in the period",
            .definition =
                "Whether supervision is balanced rather than only about case management: across "
                "each person's sessions in the period, all four functions of supervision should "
                "have been covered.",
            .fill = 1,
        },
    [OV_M_AGREEMENT_CURRENT] =
        {
            .id = "agreement_current",
            .title = "Supervision agreement current",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Staff whose latest supervision agreement or agreement review, on or before the "
                "last day of the period, is no more than twelve months old on that day",
            .denominator = "Staff in scope who were in post on the last day of the period",
            .definition =
                "Whether each person has a written supervision agreement that has been made or "
                "reviewed within the last year (the validity can be changed in the standards). "
                "Dates after the end of the period are ignored.",
            .snapshot = 1,
            .fill = 1,
        },
    [OV_M_OBSERVATION_CURRENT] =
        {
            .id = "observation_current",
            .title = "Practice observation current",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Of those staff, the ones whose latest observation of practice, on or before the "
                "last day of the period, is no more than twelve months old on that day",
            .denominator =
                "Staff in scope in post on the last day of the period who had by then been in "
                "post for at least twelve months",
            .definition =
                "Whether established staff have had their direct work with children and families "
                "observed within the last year. Staff who joined less than a year before the end "
                "of the period are not yet due one and are left out.",
            .snapshot = 1,
            .fill = 1,
        },
    [OV_M_SUPERVISOR_TRAINED] =
        {
            .id = "supervisor_trained",
            .title = "Supervisors trained",
            .area = OV_AREA_COVERAGE,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Supervisors whose safeguarding training is no more than 36 months old on the "
                "last day of the period and who have completed supervision training",
            .denominator =
                "Supervisors: staff in post on the last day of the period who supervise at least "
                "one member of staff in scope who is also in post that day",
            .definition =
                "Whether the people giving supervision are themselves trained to do it and have "
                "up-to-date safeguarding training. A supervisor is counted once for the agency "
                "and in their own team.",
            .snapshot = 1,
            .fill = 1,
        },
    [OV_M_CASE_OVERSIGHT_CURRENT] =
        {
            .id = "case_oversight_current",
            .title = "Case oversight up to date",
            .area = OV_AREA_FREQUENCY,
            .scope = OV_SCOPE_CASE,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator = "Children's episodes open on the last day of the period whose management "
                         "oversight was not overdue on that day",
            .denominator = "Children's episodes open on the last day of the period",
            .definition =
                "A snapshot at the end of the period of whether each open case has had management "
                "oversight recently enough for its category (for example every two months for "
                "child protection, every three months for child in need). The clock starts when "
                "the episode opens and restarts at each recorded oversight of the child.",
            .groups_add_up = 1,
        },
    [OV_M_CASE_OVERSIGHT_PERIOD] =
        {
            .id = "case_oversight_period",
            .title = "Case oversight never overdue",
            .area = OV_AREA_FREQUENCY,
            .scope = OV_SCOPE_CASE,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Children's episodes that were not overdue for management oversight on any day of "
                "the period",
            .denominator = "Children's episodes open on at least one day of the period",
            .definition =
                "Whether oversight kept to the required interval throughout the period, not only "
                "at its end: an episode that fell overdue at any point in the period, even if it "
                "was caught up later, does not count.",
            .groups_add_up = 1,
        },
    [OV_M_ASSESSMENT_DAY8] =
        {
            .id = "assessment_day8",
            .title = "Assessment day 8 review",
            .area = OV_AREA_TIMELINESS,
            .scope = OV_SCOPE_ASSESSMENT,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Assessments with a review recorded between their start and the 8th working day "
                "after it",
            .denominator =
                "Assessments that started in the period and whose 8th working day falls by the "
                "end of the period",
            .definition =
                "Whether the progress of each assessment of a child is reviewed early on, by its "
                "8th working day. Assessments still too recent to be due a review are left out.",
        },
    [OV_M_ASSESSMENT_DAY20] =
        {
            .id = "assessment_day20",
            .title = "Assessment day 20 review",
            .area = OV_AREA_TIMELINESS,
            .scope = OV_SCOPE_ASSESSMENT,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Assessments with a review recorded between their start and the 20th working day "
                "after it",
            .denominator =
                "Assessments that started in the period and whose 20th working day falls by the "
                "end of the period",
            .definition =
                "Whether each assessment of a child is reviewed again by its 20th working day. "
                "Assessments still too recent to be due this review are left out.",
        },
    [OV_M_GROUP_SUPERVISION_MONTHLY] =
        {
            .id = "group_supervision_monthly",
            .title = "Monthly group supervision",
            .area = OV_AREA_FREQUENCY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 90,
            .amber = 80,
            .numerator =
                "Team-months in which the team held at least one group supervision session",
            .denominator =
                "Team-months: each team with staff in scope, for each calendar month lying wholly "
                "inside the period",
            .definition =
                "Whether every team meets for group or reflective supervision each month. An "
                "agency that sent no group supervision records shows no data rather than zero.",
        },
    [OV_M_AUDIT_GOOD] =
        {
            .id = "audit_good",
            .title = "Supervision records audited good",
            .area = OV_AREA_QUALITY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 80,
            .amber = 65,
            .numerator = "Audits of supervision records that graded the record outstanding or good",
            .denominator =
                "Quality audits dated in the period of the supervision records of staff in scope",
            .definition =
                "What the agency's own quality assurance finds when it reads supervision records: "
                "the share of the records audited in the period that were graded outstanding or "
                "good on the four Ofsted grades. A team's figure counts the audits of its own "
                "members' records. An agency that sent no audits shows no data, not zero.",
        },
    [OV_M_AUDIT_CRITERIA] =
        {
            .id = "audit_criteria",
            .title = "Audit criteria met",
            .area = OV_AREA_QUALITY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 80,
            .amber = 65,
            .numerator = "Audit criteria the auditor found met (answered yes)",
            .denominator =
                "Audit criteria the auditor assessed (answered yes or no), over the same audits "
                "as the records audited good",
            .definition =
                "What the audited records show, criterion by criterion: wellbeing and workload, "
                "reflection and analysis, learning and development, the child's lived experience, "
                "the review of previous actions, and new actions with an owner and a timeframe. "
                "A criterion left blank was not assessed and is left out. The figure pools all "
                "six criteria; each criterion also has a row of its own, and these add up to the "
                "pooled figure.",
            .groups_add_up = 1,
            .groups = ov_audit_criterion_names,
            .group_titles = criterion_titles,
            .ngroups = OV_CRIT_COUNT,
        },
    [OV_M_FEEDBACK_POSITIVE] =
        {
            .id = "feedback_positive",
            .title = "Practitioner feedback positive",
            .area = OV_AREA_QUALITY,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 75,
            .amber = 60,
            .numerator =
                "Survey responses whose answers average 4 (agree) or more on the five-point scale",
            .denominator = "Anonymous survey responses dated in the period with at least one "
                           "statement answered",
            .definition =
                "How practitioners themselves see their supervision, from an anonymous survey of "
                "five statements (regular, reflective, effective, challenging, supportive) "
                "answered from 1 (strongly disagree) to 5 (strongly agree). A response counts as "
                "positive when the statements it answers average 4 or more. Each statement also "
                "has a row of its own: the responses answering it with 4 or 5 out of those "
                "answering it; as one response answers several statements, these rows do not add "
                "up to the overall figure. A team's figure counts the responses that name it. "
                "Every figure counts responses, so a team or statement that too few people "
                "answered is suppressed like any small figure.",
            .groups = ov_feedback_item_names,
            .group_titles = item_titles,
            .ngroups = OV_ITEM_COUNT,
        },
    [OV_M_WORKFORCE_STABILITY] =
        {
            .id = "workforce_stability",
            .title = "Workforce stability",
            .area = OV_AREA_OUTCOMES,
            .scope = OV_SCOPE_STAFF,
            .lower_is_better = 0,
            .target = 85,
            .amber = 75,
            .numerator = "Of those staff, the ones still in post on the last day of the period",
            .denominator = "Staff in scope who were in post on the first day of the period",
            .definition =
                "Whether the people who work with children stay: the share of the staff in post "
                "at the start of the period who are still in post at its end. Supervision that "
                "works should help keep practitioners; a falling figure is a prompt to ask why "
                "people leave. The default standard is set for a financial year; a shorter "
                "period loses fewer people.",
        },
    [OV_M_INFO_STAFF_IN_SCOPE] =
        {
            .id = "info_staff_in_scope",
            .title = "Staff in scope",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of staff in frequent contact with children who were in post on at "
                "least one day of the period: the people the staff measures are about.",
        },
    [OV_M_INFO_ADHOC_HELD] =
        {
            .id = "info_adhoc_held",
            .title = "Ad hoc sessions held",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of unplanned (ad hoc) supervision sessions that took place in the "
                "period. They support staff but do not count towards the one-to-one schedule.",
        },
    [OV_M_INFO_NOTES_MEDIAN_WD] =
        {
            .id = "info_notes_median_wd",
            .title = "Median working days to notes",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The typical (median) number of working days between a one-to-one session held in "
                "the period and the recording of its notes, over the sessions with a notes date.",
        },
    [OV_M_INFO_DURATION_MEAN] =
        {
            .id = "info_duration_mean",
            .title = "Average session length (minutes)",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The average length in minutes of the one-to-one sessions held in the period, "
                "over the sessions whose length was recorded.",
        },
    [OV_M_INFO_EPISODES_OPEN] =
        {
            .id = "info_episodes_open",
            .title = "Episodes open at period end",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of children's episodes (cases) open on the last day of the period.",
        },
    [OV_M_INFO_AUDITS] =
        {
            .id = "info_audits",
            .title = "Supervision records audited",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of quality audits of supervision records dated in the period, of "
                "staff in scope: the audits the quality figures rest on. Blank for an agency "
                "that sent no audits.",
        },
    [OV_M_INFO_FEEDBACK_RESPONSES] =
        {
            .id = "info_feedback_responses",
            .title = "Survey responses",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of anonymous practitioner survey responses dated in the period. "
                "Blank for an agency that sent no survey responses.",
        },
    [OV_M_INFO_STARTERS] =
        {
            .id = "info_starters",
            .title = "Staff who started",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition = "The number of staff in scope whose start date falls in the period.",
        },
    [OV_M_INFO_LEAVERS] =
        {
            .id = "info_leavers",
            .title = "Staff who left",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition = "The number of staff in scope whose end date falls in the period.",
        },
    [OV_M_INFO_AGENCIES_COVERED] =
        {
            .id = "info_agencies_covered",
            .title = "Agencies covering the period",
            .area = OV_AREA_INFO,
            .scope = OV_SCOPE_INFO_ALL,
            .lower_is_better = 0,
            .target = 0,
            .amber = 0,
            .numerator = "",
            .denominator = "",
            .definition =
                "The number of agencies whose records cover the whole period: their extract "
                "starts on or before its first day and runs to its last day or later. Only "
                "these agencies count towards the partnership figures for the period; an agency "
                "whose records do not reach back that far, or stop before the period ends, is "
                "shown as not covered rather than as zero.",
        },
};

/* Returns the catalogue entry for m, or NULL when m is out of range. */
const ov_metric_def *ov_metric_def_get(enum ov_metric_id m)
{
    if ((int)m < 0 || m >= OV_M_COUNT)
        return NULL;
    return &defs[m];
}

/* Index of a metric id; matches like headers (case-insensitive, space, '_' and
 * '-' alike, surrounding spaces ignored). Returns -1 when unknown or NULL. */
int ov_metric_find(const char *id)
{
    char norm[64];
    if (!id)
        return -1;
    size_t n = ov_normalise(id, strlen(id), norm, sizeof(norm));
    if (n == 0 || n >= sizeof(norm))
        return -1;
    for (int m = 0; m < OV_M_COUNT; m++)
        if (strcmp(defs[m].id, norm) == 0)
            return m;
    return -1;
}

/* Lower-case area name ("frequency", "timeliness", "coverage", "quality",
 * "outcomes", "information"); a static string, "" when a is out of range. */
const char *ov_metric_area_name(enum ov_metric_area a)
{
    switch (a) {
    case OV_AREA_FREQUENCY:
        return "frequency";
    case OV_AREA_TIMELINESS:
        return "timeliness";
    case OV_AREA_COVERAGE:
        return "coverage";
    case OV_AREA_QUALITY:
        return "quality";
    case OV_AREA_OUTCOMES:
        return "outcomes";
    case OV_AREA_INFO:
        return "information";
    }
    return "";
}

/* Number of group values of metric m: the case categories, the fixed groups,
 * or none. */
int ov_metric_group_count(int m)
{
    const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
    if (!d)
        return 0;
    if (d->scope == OV_SCOPE_CASE)
        return OV_CAT_COUNT;
    return d->ngroups;
}

/* The group id of group g of metric m, "" when there is none. */
const char *ov_metric_group_name(int m, int g)
{
    const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
    if (!d || g < 0 || g >= ov_metric_group_count(m))
        return "";
    if (d->scope == OV_SCOPE_CASE)
        return (size_t)g < ov_codes_category.count ? ov_codes_category.names[g] : "";
    return d->groups[g];
}

/* The plain-words title of a fixed group, or NULL. */
const char *ov_metric_group_title(int m, int g)
{
    const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
    if (!d || !d->group_titles || g < 0 || g >= d->ngroups)
        return NULL;
    return d->group_titles[g];
}
