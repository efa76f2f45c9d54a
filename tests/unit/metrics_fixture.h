/* metrics_fixture.h — compact builders for hand-made agency tables and the
 * assertions the metrics tests share: staff, sessions, cases, oversight,
 * assessments, group sessions, absences, audits and survey responses are added
 * with designated initialisers (FX_STAFF(a, .id = "S1", .start = "2020-01-01")), dates are ISO
 * strings, and figures are looked up by agency id and team name.
 *
 * Include after <setjmp.h>, <stdarg.h>, <stddef.h>, <stdint.h> and <cmocka.h>. */
#ifndef METRICS_FIXTURE_H
#define METRICS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "core/strtab.h"
#include "ingest/model.h"
#include "metrics/calendar.h"
#include "metrics/metrics.h"
#include "metrics/standards.h"

/* Bank holidays of England and Wales, 2024-2026. */
static const char *const fx_holidays[] = {
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
    "2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
    "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03",
    "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"};

#define FX_M  (1u << OV_FN_MANAGEMENT)
#define FX_D  (1u << OV_FN_DEVELOPMENT)
#define FX_S  (1u << OV_FN_SUPPORT)
#define FX_ME (1u << OV_FN_MEDIATION)

/* Day number of an ISO date (the test fails on a typo). */
static inline ov_date fx_d(const char *iso)
{
    ov_date t = OV_DATE_NONE;
    assert_int_equal(ov_date_parse_iso(iso, &t), 0);
    return t;
}

/* Day number of an optional ISO date (NULL = no date). */
static inline ov_date fx_opt(const char *iso)
{
    return iso ? fx_d(iso) : OV_DATE_NONE;
}

/* Adds an agency whose staff.csv and sessions.csv count as received. The
 * pointer stays valid until the next agency is added. */
static inline ov_agency *fx_agency(ov_data *d, const char *id)
{
    ov_agency *a = ov_data_add_agency(d, id);
    a->files[OV_DS_STAFF].status = OV_FILE_RECEIVED;
    a->files[OV_DS_SESSIONS].status = OV_FILE_RECEIVED;
    return a;
}

/* Marks one of the agency's files as received (or another status). */
static inline void fx_file(ov_agency *a, enum ov_dataset ds, enum ov_file_status st)
{
    a->files[ds].status = st;
}

/* Staff row index of an id already added (the test fails when absent). */
static inline int32_t fx_staff_index(const ov_agency *a, const char *id)
{
    int64_t k = ov_strtab_find(&a->staff_ids, id, strlen(id));
    assert_true(k >= 0);
    return a->staff_ids.value[k];
}

/* Team index of a name, or OV_NONE when the agency has no such team. */
static inline int32_t fx_team_index(const ov_agency *a, const char *team)
{
    int64_t k = ov_strtab_find(&a->teams, team, strlen(team));
    return k < 0 ? OV_NONE : (int32_t)k;
}

typedef struct {
    const char *id, *team, *supervisor, *start, *end, *schedule_start;
    const char *agreement, *agreement_review, *observation, *safeguarding, *supervision_training;
    int schedule;     /* enum ov_schedule, default standard */
    int not_frequent; /* 1 = frequent_contact no */
} fx_staff_spec;

/* Adds a staff row (team "T" and start 2020-01-01 unless given; a supervisor
 * must have been added first); returns its row index. */
static inline int32_t fx_staff_add(ov_agency *a, const fx_staff_spec *sp)
{
    int32_t sup = sp->supervisor ? fx_staff_index(a, sp->supervisor) : OV_NONE;
    ov_staff *st = OV_PUSH(a->staff, a->nstaff, a->cap_staff);
    memset(st, 0, sizeof(*st));
    int added = 0;
    st->id = ov_strtab_intern(&a->staff_ids, sp->id, strlen(sp->id), &added);
    assert_true(added);
    a->staff_ids.value[st->id] = (int32_t)(a->nstaff - 1);
    const char *team = sp->team ? sp->team : "T";
    st->team = ov_strtab_intern(&a->teams, team, strlen(team), NULL);
    st->supervisor = sup;
    st->start = fx_d(sp->start ? sp->start : "2020-01-01");
    st->end = fx_opt(sp->end);
    st->schedule_start = sp->schedule_start ? fx_d(sp->schedule_start) : st->start;
    st->agreement = fx_opt(sp->agreement);
    st->agreement_review = fx_opt(sp->agreement_review);
    st->observation = fx_opt(sp->observation);
    st->safeguarding_training = fx_opt(sp->safeguarding);
    st->supervision_training = fx_opt(sp->supervision_training);
    st->schedule = (uint8_t)sp->schedule;
    st->frequent_contact = !sp->not_frequent;
    st->line = (uint32_t)a->nstaff + 1;
    return (int32_t)(a->nstaff - 1);
}
#define FX_STAFF(a, ...) fx_staff_add((a), &(fx_staff_spec){__VA_ARGS__})

typedef struct {
    const char *staff, *date, *notes;
    int type;     /* enum ov_session_type, default one_to_one */
    int status;   /* enum ov_session_status, default held */
    char shared;  /* 'Y', 'N' or 0 = blank */
    unsigned fn;  /* FX_M | FX_D | ... */
    int duration; /* minutes, 0 = blank */
} fx_session_spec;

/* Adds a session row. */
static inline void fx_session_add(ov_agency *a, const fx_session_spec *sp)
{
    int32_t staff = fx_staff_index(a, sp->staff);
    ov_session *s = OV_PUSH(a->sessions, a->nsessions, a->cap_sessions);
    memset(s, 0, sizeof(*s));
    s->staff = staff;
    s->supervisor = a->staff[staff].supervisor;
    s->date = fx_d(sp->date);
    s->notes_date = fx_opt(sp->notes);
    s->duration = (int16_t)(sp->duration > 0 ? sp->duration : -1);
    s->type = (uint8_t)sp->type;
    s->status = (uint8_t)sp->status;
    s->functions = (uint8_t)sp->fn;
    s->notes_shared = (int8_t)(sp->shared == 'Y' ? 1 : sp->shared == 'N' ? 0 : -1);
}
#define FX_SESSION(a, ...) fx_session_add((a), &(fx_session_spec){__VA_ARGS__})

/* Adds a held one-to-one with nothing else recorded. */
static inline void fx_held(ov_agency *a, const char *staff, const char *date)
{
    FX_SESSION(a, .staff = staff, .date = date);
}

/* Child index of an id, interning it. */
static inline uint32_t fx_child(ov_agency *a, const char *child)
{
    return ov_strtab_intern(&a->child_ids, child, strlen(child), NULL);
}

/* Adds a case episode (end NULL = open). */
static inline void fx_case(ov_agency *a, const char *child, int category, const char *start,
                           const char *end)
{
    ov_case *c = OV_PUSH(a->cases, a->ncases, a->cap_cases);
    memset(c, 0, sizeof(*c));
    c->child = fx_child(a, child);
    c->category = (uint8_t)category;
    c->start = fx_d(start);
    c->end = fx_opt(end);
    c->case_holder = OV_NONE;
}

/* Adds a recorded management oversight of a child. */
static inline void fx_oversight(ov_agency *a, const char *child, const char *date)
{
    ov_oversight *o = OV_PUSH(a->oversight, a->noversight, a->cap_oversight);
    o->child = fx_child(a, child);
    o->date = fx_d(date);
    o->staff = OV_NONE;
}

/* Adds an assessment (review dates NULL = blank). */
static inline void fx_assessment(ov_agency *a, const char *child, const char *start,
                                 const char *day8, const char *day20)
{
    ov_assessment *s = OV_PUSH(a->assessments, a->nassessments, a->cap_assessments);
    memset(s, 0, sizeof(*s));
    s->child = fx_child(a, child);
    s->start = fx_d(start);
    s->day8 = fx_opt(day8);
    s->day20 = fx_opt(day20);
}

/* Adds a group session of a team (the team is interned when new). */
static inline void fx_group(ov_agency *a, const char *team, const char *date)
{
    ov_group_session *g = OV_PUSH(a->groups, a->ngroups, a->cap_groups);
    g->team = ov_strtab_intern(&a->teams, team, strlen(team), NULL);
    g->date = fx_d(date);
    g->facilitator = OV_NONE;
    g->attendees = -1;
}

/* Adds a long absence of a staff member. */
static inline void fx_absence(ov_agency *a, const char *staff, const char *start, const char *end)
{
    ov_absence *x = OV_PUSH(a->absences, a->nabsences, a->cap_absences);
    x->staff = fx_staff_index(a, staff);
    x->start = fx_d(start);
    x->end = fx_d(end);
}

/* Adds a quality audit of a staff member's supervision record; criteria holds
 * one character per criterion in enum ov_audit_criterion order: 'Y', 'N' or
 * '-' (not assessed). The agency's supervision_audits.csv counts as received. */
static inline void fx_audit(ov_agency *a, const char *staff, const char *date, int grade,
                            const char *criteria)
{
    ov_audit *x = OV_PUSH(a->audits, a->naudits, a->cap_audits);
    memset(x, 0, sizeof(*x));
    x->staff = fx_staff_index(a, staff);
    x->auditor = OV_NONE;
    x->date = fx_d(date);
    x->grade = (uint8_t)grade;
    for (int k = 0; k < OV_CRIT_COUNT && criteria && criteria[k]; k++) {
        if (criteria[k] == '-')
            continue;
        x->assessed |= (uint8_t)(1u << k);
        if (criteria[k] == 'Y')
            x->met |= (uint8_t)(1u << k);
    }
    a->files[OV_DS_SUPERVISION_AUDITS].status = OV_FILE_RECEIVED;
}

/* Adds a survey response; answers holds one character per statement in enum
 * ov_feedback_item order: '1'-'5' or '-' (not answered). team NULL, or a name
 * that is no team of the agency, leaves it blank, as ingest does. The
 * agency's feedback.csv counts as received. */
static inline void fx_response(ov_agency *a, const char *date, const char *team,
                               const char *answers)
{
    ov_feedback *x = OV_PUSH(a->feedback, a->nfeedback, a->cap_feedback);
    memset(x, 0, sizeof(*x));
    x->date = fx_d(date);
    x->team = team ? fx_team_index(a, team) : OV_NONE;
    for (int k = 0; k < OV_ITEM_COUNT && answers && answers[k]; k++)
        x->answer[k] = answers[k] >= '1' && answers[k] <= '5' ? (uint8_t)(answers[k] - '0') : 0;
    a->files[OV_DS_FEEDBACK].status = OV_FILE_RECEIVED;
}

/* Everything a metrics test needs: data, standards, calendar and results. */
typedef struct {
    ov_data d;
    ov_standards std;
    ov_calendar cal;
    ov_metrics_config cfg;
    ov_results res;
} fx_env;

/* Default standards, the England and Wales calendar and suppression below 5. */
static inline fx_env *fx_env_new(void)
{
    fx_env *e = ov_xcalloc(1, sizeof(*e));
    ov_standards_defaults(&e->std);
    size_t n = sizeof(fx_holidays) / sizeof(fx_holidays[0]);
    ov_date h[sizeof(fx_holidays) / sizeof(fx_holidays[0])];
    for (size_t i = 0; i < n; i++)
        h[i] = fx_d(fx_holidays[i]);
    ov_calendar_init(&e->cal, h, n);
    e->cfg.standards = &e->std;
    e->cfg.calendar = &e->cal;
    e->cfg.suppress_below = 5;
    return e;
}

/* Frees the environment; accepts NULL. */
static inline void fx_env_free(fx_env *e)
{
    if (!e)
        return;
    ov_results_free(&e->res);
    ov_data_free(&e->d);
    ov_standards_free(&e->std);
    ov_calendar_free(&e->cal);
    free(e);
}

/* Computes the figures for a period given as on the command line. */
static inline void fx_run(fx_env *e, const char *period, int trend)
{
    ov_period p;
    char err[256];
    assert_int_equal(ov_period_parse(period, &p, err, sizeof(err)), 0);
    ov_results_free(&e->res);
    assert_int_equal(ov_metrics_compute(&e->d, &p, trend, &e->cfg, &e->res), 0);
}

/* The figure of a period for an agency id (NULL = ALL), a team name (NULL =
 * none) and a category (OV_NONE = none), or NULL. */
static inline const ov_figure *fx_fig(const fx_env *e, int period, int metric, const char *agency,
                                      const char *team, int cat)
{
    int32_t ai = OV_ALL, ti = OV_NONE;
    if (agency) {
        ai = ov_data_find_agency(&e->d, agency);
        assert_true(ai >= 0);
        if (team) {
            ti = fx_team_index(&e->d.agencies[ai], team);
            if (ti == OV_NONE)
                return NULL;
        }
    }
    return ov_results_find(&e->res, period, metric, ai, ti, cat);
}

/* Asserts a figure of period 0 exists with this numerator and denominator
 * (a macro so that a failure names the test's own line). */
#define FX_EXPECT(e, metric, agency, team, cat, n, dd)                                             \
    do {                                                                                           \
        const ov_figure *g_ = fx_fig((e), 0, (metric), (agency), (team), (cat));                   \
        assert_non_null(g_);                                                                       \
        assert_int_equal(g_->num, (n));                                                            \
        assert_int_equal(g_->den, (dd));                                                           \
    } while (0)

/* The same for an agency (or ALL) row without team or category. */
#define FX_AGENCY(e, metric, agency, n, dd) FX_EXPECT(e, metric, agency, NULL, OV_NONE, n, dd)
/* The same for a team row. */
#define FX_TEAM(e, metric, agency, team, n, dd) FX_EXPECT(e, metric, agency, team, OV_NONE, n, dd)

/* Asserts an info figure of period 0: has_value and (when present) value. */
#define FX_INFO(e, metric, agency, has, v)                                                         \
    do {                                                                                           \
        const ov_figure *g_ = fx_fig((e), 0, (metric), (agency), NULL, OV_NONE);                   \
        assert_non_null(g_);                                                                       \
        assert_int_equal(g_->rag, OV_RAG_INFO);                                                    \
        assert_int_equal(g_->has_value, (has));                                                    \
        if (has)                                                                                   \
            assert_true(g_->value == (double)(v));                                                 \
    } while (0)

#endif
