/* disclosure.c — secondary suppression (SPEC 9.3) over the sorted figures:
 * the figures of each period and metric are split into the sets that add up
 * to (or sit under) a row above them — teams under their agency, groups under
 * the row without group, agencies under ALL — and the sets are checked in
 * metrics.csv order, pass after pass, until nothing more is suppressed. The
 * readings behind the rules are written down in docs/decisions.md. */
#include "metrics/disclosure.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/mem.h"
#include "ingest/model.h"
#include "metrics/metric_defs.h"

#define NO_ROW SIZE_MAX

/* One set: its rows (indexes into the figures, in metrics.csv order) and the
 * row above them. */
typedef struct {
    size_t above;
    size_t first, count; /* rows[first .. first + count) of the bucket's row list */
    int teams;           /* a set of team rows (step 1) */
} row_set;

/* The sets of one period and metric, in the order they are checked. */
typedef struct {
    size_t *rows; /* the members of every set, set after set */
    size_t nrows, cap_rows;
    row_set *sets;
    size_t nsets, cap_sets;
} set_list;

/* 1 for a figure that is shown with a rating (green, amber or red). */
static int shown(const ov_figure *f)
{
    return f->rag == OV_RAG_GREEN || f->rag == OV_RAG_AMBER || f->rag == OV_RAG_RED;
}

/* Starts a new set under row above (NO_ROW: none, and the set is dropped). */
static void set_begin(set_list *l, size_t above, int teams)
{
    row_set *s = OV_PUSH(l->sets, l->nsets, l->cap_sets);
    s->above = above;
    s->first = l->nrows;
    s->count = 0;
    s->teams = teams;
}

/* Adds figure i to the set begun last. */
static void set_add(set_list *l, size_t i)
{
    *OV_PUSH(l->rows, l->nrows, l->cap_rows) = i;
    l->sets[l->nsets - 1].count++;
}

/* Drops the set begun last when it has no row above or no row. */
static void set_end(set_list *l)
{
    row_set *s = &l->sets[l->nsets - 1];
    if (s->above == NO_ROW || s->count == 0) {
        l->nrows = s->first;
        l->nsets--;
    }
}

/* Builds the sets of one period and metric from its figures idx[0..m), in
 * metrics.csv order: step 1 agency by agency, step 2 agency by agency then
 * ALL, step 3 group value by group value (blank first). */
static void build_sets(const ov_figure *figs, const size_t *idx, size_t m, int groups_add_up,
                       set_list *l)
{
    size_t all = NO_ROW;
    /* agencies: [start, end) runs of idx with one agency, and the row without
     * team or group of each */
    size_t nag = 0;
    size_t *ag_start = ov_xmalloc((m ? m : 1) * sizeof(size_t));
    size_t *ag_end = ov_xmalloc((m ? m : 1) * sizeof(size_t));
    size_t *ag_top = ov_xmalloc((m ? m : 1) * sizeof(size_t));
    for (size_t k = 0; k < m; k++) {
        const ov_figure *f = &figs[idx[k]];
        if (f->agency == OV_ALL) {
            if (f->team == OV_NONE && f->category == OV_NONE)
                all = idx[k];
            continue;
        }
        if (nag == 0 || figs[idx[ag_start[nag - 1]]].agency != f->agency) {
            ag_start[nag] = k;
            ag_top[nag] = NO_ROW;
            nag++;
        }
        ag_end[nag - 1] = k + 1;
        if (f->team == OV_NONE && f->category == OV_NONE)
            ag_top[nag - 1] = idx[k];
    }
    /* step 1: the team rows of each agency */
    for (size_t a = 0; a < nag; a++) {
        set_begin(l, ag_top[a], 1);
        for (size_t k = ag_start[a]; k < ag_end[a]; k++) {
            const ov_figure *f = &figs[idx[k]];
            if (f->team != OV_NONE && f->category == OV_NONE)
                set_add(l, idx[k]);
        }
        set_end(l);
    }
    /* step 2: the group rows of each agency, then of ALL */
    if (groups_add_up) {
        for (size_t a = 0; a <= nag; a++) {
            set_begin(l, a < nag ? ag_top[a] : all, 0);
            for (size_t k = a < nag ? ag_start[a] : 0; k < (a < nag ? ag_end[a] : m); k++) {
                const ov_figure *f = &figs[idx[k]];
                if ((a < nag || f->agency == OV_ALL) && f->team == OV_NONE &&
                    f->category != OV_NONE)
                    set_add(l, idx[k]);
            }
            set_end(l);
        }
    }
    /* step 3: the agency rows of each group value under the ALL row of that
     * value; the ALL rows come in group order, blank first */
    for (size_t k = 0; k < m; k++) {
        const ov_figure *top = &figs[idx[k]];
        if (top->agency != OV_ALL || top->team != OV_NONE)
            continue;
        set_begin(l, idx[k], 0);
        for (size_t a = 0; a < nag; a++)
            for (size_t j = ag_start[a]; j < ag_end[a]; j++) {
                const ov_figure *f = &figs[idx[j]];
                if (f->team == OV_NONE && f->category == top->category) {
                    set_add(l, idx[j]);
                    break;
                }
            }
        set_end(l);
    }
    free(ag_start);
    free(ag_end);
    free(ag_top);
}

/* Suppresses figure f as a secondary suppression. */
static void suppress(ov_figure *f)
{
    f->rag = OV_RAG_SUPPRESSED;
    f->suppression = OV_SUPP_SECONDARY;
}

/* Applies the rules once to one set; returns 1 when a row was suppressed. */
static int check_set(ov_figure *figs, const size_t *rows, const row_set *s)
{
    ov_figure *above = &figs[s->above];
    size_t nsup = 0, cand = NO_ROW;
    int64_t num = 0, den = 0;
    for (size_t k = 0; k < s->count; k++) {
        const ov_figure *f = &figs[rows[s->first + k]];
        num += f->num;
        den += f->den;
        if (f->rag == OV_RAG_SUPPRESSED)
            nsup++;
        else if (shown(f) && (cand == NO_ROW || f->den < figs[cand].den))
            cand = rows[s->first + k];
    }
    int adds_up = num == above->num && den == above->den;
    int above_sup = above->rag == OV_RAG_SUPPRESSED;
    if (nsup == 1 && !above_sup) {
        if (cand != NO_ROW) {
            suppress(&figs[cand]);
            return 1;
        }
        /* nothing beside it to hide it: the row above goes instead */
        if (adds_up && shown(above)) {
            suppress(above);
            return 1;
        }
        return 0;
    }
    if (nsup == 0 && above_sup && (adds_up || s->teams) && cand != NO_ROW) {
        suppress(&figs[cand]);
        return 1;
    }
    return 0;
}

/* The number of periods figs[0..n) reach into (0 for none). */
static size_t periods_of(const ov_figure *figs, size_t n)
{
    size_t nperiods = 0;
    for (size_t i = 0; figs && i < n; i++)
        if ((size_t)figs[i].period + 1 > nperiods)
            nperiods = (size_t)figs[i].period + 1;
    return nperiods;
}

/* What one agency's team rows do to the rows above them; see disclosure.h.
 * In ov_disclosure_apply a team set changes its agency row only by the rule
 * "one row suppressed, none shown beside it, the set adds up: the row above
 * goes instead", and only in the first pass: the team sets are checked before
 * any other set of their period and metric, a team row is suppressed by
 * nothing but its own set, and once the set holds two suppressed rows or the
 * row above is suppressed, that rule cannot apply again. So the rule applied
 * here to the rows as they come is all the teams ever do to the rows above. */
size_t ov_disclosure_teams_first(ov_figure *figs, size_t n)
{
    size_t nperiods = periods_of(figs, n);
    if (nperiods == 0)
        return 0;
    typedef struct {
        size_t above; /* the agency row, or NO_ROW */
        size_t nteams, nsup;
        int cand; /* a team row is shown */
        int64_t num, den;
    } team_set;
    size_t nb = nperiods * OV_M_COUNT;
    team_set *sets = ov_xmalloc(nb * sizeof *sets);
    for (size_t b = 0; b < nb; b++)
        sets[b] = (team_set){NO_ROW, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const ov_figure *f = &figs[i];
        if (f->metric >= OV_M_FIRST_INFO || f->category != OV_NONE || f->agency < 0)
            continue;
        team_set *t = &sets[(size_t)f->period * OV_M_COUNT + f->metric];
        if (f->team == OV_NONE) {
            t->above = i;
            continue;
        }
        t->nteams++;
        t->num += f->num;
        t->den += f->den;
        if (f->rag == OV_RAG_SUPPRESSED)
            t->nsup++;
        else if (shown(f))
            t->cand = 1;
    }
    size_t total = 0;
    for (size_t b = 0; b < nb; b++) {
        const team_set *t = &sets[b];
        if (t->above == NO_ROW || t->nteams == 0 || t->nsup != 1 || t->cand)
            continue;
        ov_figure *above = &figs[t->above];
        if (shown(above) && t->num == above->num && t->den == above->den) {
            suppress(above);
            total++;
        }
    }
    free(sets);
    return total;
}

/* Applies secondary suppression; see disclosure.h. */
size_t ov_disclosure_apply(ov_figure *figs, size_t n)
{
    size_t nperiods = periods_of(figs, n);
    if (nperiods == 0)
        return 0;
    /* the figures of each period and metric, in array order (a counting sort) */
    size_t nb = nperiods * OV_M_COUNT;
    size_t *off = ov_xcalloc(nb + 1, sizeof(size_t));
    size_t *idx = ov_xmalloc(n * sizeof(size_t));
    for (size_t i = 0; i < n; i++)
        if (figs[i].metric < OV_M_COUNT)
            off[(size_t)figs[i].period * OV_M_COUNT + figs[i].metric + 1]++;
    for (size_t b = 0; b < nb; b++)
        off[b + 1] += off[b];
    size_t *pos = ov_xmalloc((nb + 1) * sizeof(size_t));
    for (size_t b = 0; b <= nb; b++)
        pos[b] = off[b];
    for (size_t i = 0; i < n; i++)
        if (figs[i].metric < OV_M_COUNT)
            idx[pos[(size_t)figs[i].period * OV_M_COUNT + figs[i].metric]++] = i;
    free(pos);

    size_t total = 0;
    set_list l = {0};
    for (size_t b = 0; b < nb; b++) {
        int m = (int)(b % OV_M_COUNT);
        if (m >= OV_M_FIRST_INFO || off[b + 1] == off[b])
            continue;
        l.nrows = l.nsets = 0;
        build_sets(figs, idx + off[b], off[b + 1] - off[b],
                   ov_metric_def_get((enum ov_metric_id)m)->groups_add_up, &l);
        for (int changed = 1; changed;) {
            changed = 0;
            for (size_t s = 0; s < l.nsets; s++)
                if (check_set(figs, l.rows, &l.sets[s])) {
                    changed = 1;
                    total++;
                }
        }
    }
    free(l.rows);
    free(l.sets);
    free(idx);
    free(off);
    return total;
}
