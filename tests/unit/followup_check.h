/* followup_check.h — the checks every follow-up list must pass, shared by the
 * tests: each list reconciles with its figures (rows counting against a
 * figure = its denominator - numerator; for supervision_frequency the missed
 * intervals), its rows are most urgent first (urgency descending, then date,
 * then id in byte order), and each row names the team and the person who
 * must act by the rules of docs/exceptions.md.
 *
 * Include after metrics_fixture.h. */
#ifndef FOLLOWUP_CHECK_H
#define FOLLOWUP_CHECK_H

#include "metrics/followup.h"
#include "metrics/metric_defs.h"
#include "metrics/metrics.h"

/* den - num of an agency figure of period 0 (0 when there is none). */
static inline int64_t fu_shortfall(const ov_results *res, int metric, int32_t agency)
{
    const ov_figure *f = ov_results_find(res, 0, metric, agency, OV_NONE, OV_NONE);
    return f ? f->den - f->num : 0;
}

/* The id a row is listed by. */
static inline const char *fu_subject_id(const ov_agency *a, const ov_followup_row *r)
{
    ov_followup_value v;
    ov_followup_cell(a, NULL, r, OV_FC_SUBJECT_ID, &v);
    return v.text;
}

/* The staff row that must act on r by the rules, or OV_NONE. */
static inline int32_t fu_expected_responsible(const ov_agency *a, const ov_exceptions *ex,
                                              const ov_followup_row *r, int32_t *child_case)
{
    const ov_followup_def *d = ov_followup_def_get(r->list);
    int32_t who = OV_NONE;
    if (d->subject == OV_FS_STAFF) {
        if (r->item != OV_NONE) {
            assert_true((size_t)r->item < a->nsessions);
            who = a->sessions[r->item].supervisor;
            assert_int_equal(a->sessions[r->item].staff, r->subject);
        }
        if (who < 0 || (size_t)who >= a->nstaff)
            who = a->staff[r->subject].supervisor;
    } else if (d->subject == OV_FS_EPISODE) {
        who = a->cases[r->subject].case_holder;
    } else if (d->subject == OV_FS_AUDIT) {
        assert_true((size_t)r->subject < a->naudits);
        who = a->staff[a->audits[r->subject].staff].supervisor;
    } else {
        int32_t c = child_case[a->assessments[r->subject].child];
        who = c == OV_NONE ? OV_NONE : a->cases[c].case_holder;
    }
    (void)ex;
    return who >= 0 && (size_t)who < a->nstaff ? who : OV_NONE;
}

/* Checks the lists of agency ai (made for period 0 of res) and returns how
 * many rows they hold. */
static inline size_t fu_check(const ov_data *d, const ov_results *res, int32_t ai,
                              const ov_exceptions *ex)
{
    const ov_agency *a = &d->agencies[ai];
    ov_date pe = res->periods[0].end;
    /* each child's most current episode at pe (open first, then latest start) */
    size_t nc = a->child_ids.n;
    int32_t *child_case = ov_xmalloc((nc ? nc : 1) * sizeof(int32_t));
    for (size_t c = 0; c < nc; c++)
        child_case[c] = OV_NONE;
    for (size_t i = 0; i < a->ncases; i++) {
        const ov_case *cs = &a->cases[i];
        if (cs->child >= nc || cs->start == OV_DATE_NONE || cs->start > pe)
            continue;
        int32_t b = child_case[cs->child];
        if (b == OV_NONE) {
            child_case[cs->child] = (int32_t)i;
            continue;
        }
        const ov_case *x = &a->cases[b];
        int ox = x->end == OV_DATE_NONE || x->end >= pe,
            oy = cs->end == OV_DATE_NONE || cs->end >= pe;
        if (ox != oy ? oy : cs->start > x->start)
            child_case[cs->child] = (int32_t)i;
    }
    size_t total = 0;
    for (int l = 0; l < OV_FL_COUNT; l++) {
        const ov_followup_def *def = ov_followup_def_get(l);
        int64_t against[OV_FL_MAX_METRICS] = {0};
        for (size_t i = 0; i < ex->count[l]; i++) {
            const ov_followup_row *r = &ex->rows[ex->first[l] + i];
            assert_int_equal(r->list, l);
            assert_true(r->days >= 0);
            assert_true(r->against != 0);
            for (int k = 0; k < def->nmetrics; k++)
                if (r->against & (1u << k))
                    against[k] +=
                        def->metrics[k] == OV_M_SUPERVISION_FREQUENCY ? r->required - r->met : 1;
            /* who must act, and the team */
            int32_t who = fu_expected_responsible(a, ex, r, child_case);
            assert_int_equal(r->responsible, who);
            int32_t team_of = def->subject == OV_FS_STAFF   ? r->subject
                              : def->subject == OV_FS_AUDIT ? a->audits[r->subject].staff
                                                            : who;
            int32_t team = team_of == OV_NONE ? OV_NONE : (int32_t)a->staff[team_of].team;
            assert_int_equal(r->team, team);
            /* most urgent first */
            if (i > 0) {
                const ov_followup_row *q = r - 1;
                assert_true(q->days >= r->days);
                if (q->days == r->days) {
                    assert_true(q->date <= r->date);
                    if (q->date == r->date)
                        assert_true(strcmp(fu_subject_id(a, q), fu_subject_id(a, r)) <= 0);
                }
            }
        }
        for (int k = 0; k < def->nmetrics; k++) {
            int64_t want = fu_shortfall(res, def->metrics[k], ai);
            if (against[k] != want)
                fail_msg("agency %s, list %s: %lld rows count against %s, its shortfall is %lld",
                         a->id, def->key, (long long)against[k],
                         ov_metric_def_get((enum ov_metric_id)def->metrics[k])->id,
                         (long long)want);
        }
        total += ex->count[l];
    }
    free(child_case);
    return total;
}

#endif
