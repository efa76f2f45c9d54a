/* model.c — dataset names, code vocabularies with their aliases, the
 * ownership rules (add/free) of the in-memory data folder, and each agency's
 * window: the days its extract covers. */
#include "core/mem.h"
#include "core/strtab.h"
#include "ingest/model.h"

#include <stdlib.h>
#include <string.h>

static const char *const dataset_names[OV_DS_COUNT] = {
    "agencies", "actions",        "commentary",  "section11",      "staff",    "sessions",
    "cases",    "case_oversight", "assessments", "group_sessions", "absences", "supervision_audits",
    "feedback",
};
static const char *const dataset_files[OV_DS_COUNT] = {
    "agencies.csv",    "actions.csv",        "commentary.csv", "section11.csv",
    "staff.csv",       "sessions.csv",       "cases.csv",      "case_oversight.csv",
    "assessments.csv", "group_sessions.csv", "absences.csv",   "supervision_audits.csv",
    "feedback.csv",
};

/* "staff", "sessions", ... */
const char *ov_dataset_name(enum ov_dataset ds)
{
    return ds < OV_DS_COUNT ? dataset_names[ds] : "?";
}

/* "staff.csv", ... */
const char *ov_dataset_file(enum ov_dataset ds)
{
    return ds < OV_DS_COUNT ? dataset_files[ds] : "?";
}

/* "received", "missing", "unusable". */
const char *ov_file_status_name(enum ov_file_status st)
{
    switch (st) {
    case OV_FILE_RECEIVED:
        return "received";
    case OV_FILE_UNUSABLE:
        return "unusable";
    default:
        return "missing";
    }
}

/* "rejected", "warning", "info". */
const char *ov_severity_name(enum ov_severity s)
{
    switch (s) {
    case OV_SEV_REJECTED:
        return "rejected";
    case OV_SEV_WARNING:
        return "warning";
    default:
        return "info";
    }
}

#define TABLE(var, kind, names, aliases)                                                           \
    const ov_code_table var = {kind, names, sizeof(names) / sizeof(names[0]), aliases}

static const char *const agency_type_names[] = {"la_csc",    "health",    "police", "education",
                                                "probation", "voluntary", "other"};
static const char *const agency_type_aliases[] = {NULL};
TABLE(ov_codes_agency_type, "agency type", agency_type_names, agency_type_aliases);

static const char *const schedule_names[] = {"standard", "asye", "student"};
static const char *const schedule_aliases[] = {NULL};
TABLE(ov_codes_schedule, "schedule", schedule_names, schedule_aliases);

static const char *const session_type_names[] = {"one_to_one", "ad_hoc", "group", "peer"};
static const char *const session_type_aliases[] = {
    "1:1",        "one_to_one", "1-1",    "one_to_one", "individual", "one_to_one", "formal",
    "one_to_one", "unplanned",  "ad_hoc", "urgent",     "ad_hoc",     NULL};
TABLE(ov_codes_session_type, "session type", session_type_names, session_type_aliases);

static const char *const session_status_names[] = {"held", "cancelled"};
static const char *const session_status_aliases[] = {"completed",
                                                     "held",
                                                     "took place",
                                                     "held",
                                                     "cancelled by supervisor",
                                                     "cancelled",
                                                     "cancelled by supervisee",
                                                     "cancelled",
                                                     "did not attend",
                                                     "cancelled",
                                                     "dna",
                                                     "cancelled",
                                                     NULL};
TABLE(ov_codes_session_status, "session status", session_status_names, session_status_aliases);

static const char *const function_names[] = {"management", "development", "support", "mediation"};
static const char *const function_aliases[] = {"performance",
                                               "management",
                                               "performance management",
                                               "management",
                                               "professional development",
                                               "development",
                                               "learning",
                                               "development",
                                               "personal support",
                                               "support",
                                               "wellbeing",
                                               "support",
                                               "engagement",
                                               "mediation",
                                               "organisation",
                                               "mediation",
                                               NULL};
TABLE(ov_codes_function, "supervision function", function_names, function_aliases);

static const char *const category_names[] = {"early_help",       "cin",         "cp",
                                             "care_proceedings", "cic",         "cic_ltm",
                                             "short_breaks",     "care_leaver", "adoption_support"};
static const char *const category_aliases[] = {"early help",
                                               "early_help",
                                               "eh",
                                               "early_help",
                                               "families first",
                                               "early_help",
                                               "child in need",
                                               "cin",
                                               "child protection",
                                               "cp",
                                               "cpp",
                                               "cp",
                                               "care proceedings",
                                               "care_proceedings",
                                               "plo/proceedings",
                                               "care_proceedings",
                                               "child in care",
                                               "cic",
                                               "cla",
                                               "cic",
                                               "lac",
                                               "cic",
                                               "looked after",
                                               "cic",
                                               "child in care (long-term matched)",
                                               "cic_ltm",
                                               "short breaks",
                                               "short_breaks",
                                               "care leaver",
                                               "care_leaver",
                                               "leaving care",
                                               "care_leaver",
                                               "adoption support",
                                               "adoption_support",
                                               NULL};
TABLE(ov_codes_category, "case category", category_names, category_aliases);

static const char *const action_status_names[] = {"open", "in_progress", "complete"};
static const char *const action_status_aliases[] = {NULL};
TABLE(ov_codes_action_status, "action status", action_status_names, action_status_aliases);

static const char *const comment_section_names[] = {"summary", "how_are_we_doing", "how_do_we_know",
                                                    "improve"};
static const char *const comment_section_aliases[] = {"executive summary",
                                                      "summary",
                                                      "how are we doing?",
                                                      "how_are_we_doing",
                                                      "how do we know?",
                                                      "how_do_we_know",
                                                      "what are we doing to improve",
                                                      "improve",
                                                      "what are we doing to improve?",
                                                      "improve",
                                                      NULL};
TABLE(ov_codes_comment_section, "commentary section", comment_section_names,
      comment_section_aliases);

static const char *const s11_standard_names[OV_S11_COUNT] = {"s11_reach",          "s11_recorded",
                                                             "s11_case_oversight", "s11_reflective",
                                                             "s11_supervisors",    "s11_quality"};
static const char *const s11_standard_aliases[] = {NULL};
TABLE(ov_codes_s11_standard, "Section 11 standard", s11_standard_names, s11_standard_aliases);

static const char *const s11_score_names[OV_S11_SCORES] = {"0", "1", "2", "3"};
static const char *const s11_score_aliases[] = {
    "not met",     "0", "partly met",     "1", "mostly met",     "2", "fully met",     "3",
    "0 - not met", "0", "1 - partly met", "1", "2 - mostly met", "2", "3 - fully met", "3",
    NULL};
TABLE(ov_codes_s11_score, "Section 11 score", s11_score_names, s11_score_aliases);
/* The criteria of a supervision audit and the statements of the survey, in
 * the order of their enums (and of the columns of their files). */
const char *const ov_audit_criterion_names[OV_CRIT_COUNT] = {
    "wellbeing", "reflection", "development", "child_focus", "actions_reviewed", "actions_smart"};
const char *const ov_feedback_item_names[OV_ITEM_COUNT] = {"regular", "reflective", "effective",
                                                           "challenging", "supportive"};

static const char *const grade_names[] = {"outstanding", "good", "requires_improvement",
                                          "inadequate"};
static const char *const grade_aliases[] = {"1",
                                            "outstanding",
                                            "2",
                                            "good",
                                            "3",
                                            "requires_improvement",
                                            "ri",
                                            "requires_improvement",
                                            "requires improvement to be good",
                                            "requires_improvement",
                                            "4",
                                            "inadequate",
                                            NULL};
TABLE(ov_codes_grade, "grade (outstanding, good, requires improvement, inadequate or 1-4)",
      grade_names, grade_aliases);

static const char *const agreement_names[] = {"strongly_disagree", "disagree", "neither", "agree",
                                              "strongly_agree"};
static const char *const agreement_aliases[] = {"1",
                                                "strongly_disagree",
                                                "2",
                                                "disagree",
                                                "3",
                                                "neither",
                                                "neither agree nor disagree",
                                                "neither",
                                                "4",
                                                "agree",
                                                "5",
                                                "strongly_agree",
                                                NULL};
TABLE(ov_codes_agreement,
      "answer on the agreement scale (1-5, strongly disagree to strongly agree)", agreement_names,
      agreement_aliases);

/* Not complete and due before the run date. */
int ov_action_overdue(const ov_action *a, ov_date run_date)
{
    return a->status != OV_AS_COMPLETE && a->due != OV_DATE_NONE && a->due < run_date;
}

/* The action covers (metric, agency): same metric, and its own agency or blank. */
int ov_action_covers(const ov_action *a, int m, int32_t agency)
{
    if (a->metric != m)
        return 0;
    return a->agency == OV_NONE || (agency >= 0 && a->agency == agency);
}

/* A comment without a period is in every pack; one with a period only in the
 * pack of exactly that period. */
int ov_comment_in_period(const ov_comment *c, ov_date ps, ov_date pe)
{
    if (c->period_start == OV_DATE_NONE || c->period_end == OV_DATE_NONE)
        return 1;
    return c->period_start == ps && c->period_end == pe;
}

/* Sets the agency's window from its dates, else from its accepted sessions. */
void ov_agency_set_window(ov_agency *a)
{
    ov_date lo = OV_DATE_NONE, hi = OV_DATE_NONE;
    for (size_t i = 0; i < a->nsessions; i++) {
        ov_date d = a->sessions[i].date;
        if (d == OV_DATE_NONE)
            continue;
        if (lo == OV_DATE_NONE || d < lo)
            lo = d;
        if (hi == OV_DATE_NONE || d > hi)
            hi = d;
    }
    a->window_from = a->covers_from != OV_DATE_NONE ? a->covers_from
                     : lo != OV_DATE_NONE           ? ov_month_start(lo)
                                                    : OV_DATE_NONE;
    a->window_to = a->extract_date != OV_DATE_NONE ? a->extract_date
                   : hi != OV_DATE_NONE            ? ov_month_end(hi)
                                                   : OV_DATE_NONE;
}

/* 1 when the window covers [ps, pe] (an open end covers its side). */
int ov_agency_covers(const ov_agency *a, ov_date ps, ov_date pe)
{
    return (a->window_from == OV_DATE_NONE || a->window_from <= ps) &&
           (a->window_to == OV_DATE_NONE || pe <= a->window_to);
}

/* Appends an issue, copying field and reason. */
ov_issue *ov_data_issue(ov_data *d, int32_t agency, enum ov_dataset ds, uint32_t line,
                        enum ov_severity sev, const char *code, const char *field,
                        const char *reason)
{
    ov_issue *is = OV_PUSH(d->issues, d->nissues, d->cap_issues);
    is->agency = agency;
    is->dataset = (uint8_t)ds;
    is->severity = (uint8_t)sev;
    is->line = line;
    is->code = code;
    is->field = ov_xstrdup(field ? field : "");
    is->reason = ov_xstrdup(reason ? reason : "");
    return is;
}

/* Frees a file record's owned members; accepts NULL. */
void ov_file_info_free(ov_file_info *f)
{
    if (!f)
        return;
    free(f->relpath);
    for (size_t i = 0; i < f->ncolumns; i++)
        free(f->columns[i]);
    free(f->columns);
    free(f->filled);
    memset(f, 0, sizeof(*f));
}

/* Frees one agency's owned members. */
static void agency_free(ov_agency *a)
{
    free(a->id);
    free(a->name);
    free(a->profile);
    for (int i = 0; i < OV_DS_COUNT; i++)
        ov_file_info_free(&a->files[i]);
    ov_strtab_free(&a->teams);
    ov_agency_drop_records(a); /* the records, staff and ids */
    free(a->id_hashes);
}

/* Orders hashes (qsort). */
static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/* Keeps the hashes of the agency's staff and child ids, sorted, and frees
 * the tables and the staff. */
static void keep_id_hashes(ov_agency *a)
{
    size_t n = a->staff_ids.n + a->child_ids.n;
    uint64_t *h = ov_xmalloc((n ? n : 1) * sizeof *h);
    size_t k = 0;
    for (size_t i = 0; i < a->staff_ids.n; i++)
        h[k++] = ov_hash_bytes(a->staff_ids.str[i], a->staff_ids.len[i]);
    for (size_t i = 0; i < a->child_ids.n; i++)
        h[k++] = ov_hash_bytes(a->child_ids.str[i], a->child_ids.len[i]);
    qsort(h, n, sizeof *h, cmp_u64);
    free(a->id_hashes);
    a->id_hashes = h;
    a->nid_hashes = n;
    ov_strtab_free(&a->staff_ids);
    ov_strtab_free(&a->child_ids);
    free(a->staff);
    a->staff = NULL;
    a->nstaff = a->cap_staff = 0;
}

/* Whether s[0..len) is one of the agency's ids; see model.h. */
int ov_agency_has_id(const ov_agency *a, const char *s, size_t len)
{
    if (!a->dropped || a->id_hashes == NULL)
        return ov_strtab_find(&a->staff_ids, s, len) >= 0 ||
               ov_strtab_find(&a->child_ids, s, len) >= 0;
    uint64_t h = ov_hash_bytes(s, len);
    size_t lo = 0, hi = a->nid_hashes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->id_hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->nid_hashes && a->id_hashes[lo] == h;
}

/* Frees the agency's records, staff and ids but their hashes; see model.h. */
void ov_agency_drop_records(ov_agency *a)
{
    if (!a->dropped)
        keep_id_hashes(a);
    free(a->sessions);
    free(a->cases);
    free(a->oversight);
    free(a->assessments);
    free(a->groups);
    free(a->absences);
    free(a->audits);
    free(a->feedback);
    a->sessions = NULL;
    a->cases = NULL;
    a->oversight = NULL;
    a->assessments = NULL;
    a->groups = NULL;
    a->absences = NULL;
    a->audits = NULL;
    a->feedback = NULL;
    a->nsessions = a->cap_sessions = a->ncases = a->cap_cases = 0;
    a->noversight = a->cap_oversight = a->nassessments = a->cap_assessments = 0;
    a->ngroups = a->cap_groups = a->nabsences = a->cap_absences = 0;
    a->naudits = a->cap_audits = a->nfeedback = a->cap_feedback = 0;
    a->dropped = 1;
}

/* Adds an empty agency with a copy of id. */
ov_agency *ov_data_add_agency(ov_data *d, const char *id)
{
    ov_agency *a = OV_PUSH(d->agencies, d->nagencies, d->cap_agencies);
    memset(a, 0, sizeof(*a));
    a->id = ov_xstrdup(id);
    return a;
}

/* Index of the agency with this id, or OV_NONE. */
int32_t ov_data_find_agency(const ov_data *d, const char *id)
{
    for (size_t i = 0; i < d->nagencies; i++)
        if (strcmp(d->agencies[i].id, id) == 0)
            return (int32_t)i;
    return OV_NONE;
}

/* Frees everything the data folder owns; accepts NULL. */
void ov_data_free(ov_data *d)
{
    if (!d)
        return;
    free(d->root);
    free(d->partnership_name);
    for (int i = 0; i < OV_DS_COUNT; i++)
        ov_file_info_free(&d->files[i]);
    for (size_t i = 0; i < d->nagencies; i++)
        agency_free(&d->agencies[i]);
    free(d->agencies);
    for (size_t i = 0; i < d->nactions; i++) {
        free(d->actions[i].id);
        free(d->actions[i].description);
        free(d->actions[i].owner);
    }
    free(d->actions);
    for (size_t i = 0; i < d->ncomments; i++)
        free(d->comments[i].text);
    free(d->comments);
    for (size_t i = 0; i < d->ns11; i++) {
        free(d->s11[i].evidence);
        free(d->s11[i].note);
    }
    free(d->s11);
    for (size_t i = 0; i < d->nissues; i++) {
        free(d->issues[i].field);
        free(d->issues[i].reason);
    }
    free(d->issues);
    memset(d, 0, sizeof(*d));
}
