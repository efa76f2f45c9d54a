/* pack.c — the report model (pack.h): the figures as the pack shows them, the
 * units compared, changes since the previous period, the actions and what they
 * cover, the red and amber figures with no live action, the key messages, the
 * rule-code summary, with a history the figures taken from it and the
 * restatements, and an agency's follow-up lists (which are shown, their
 * counts, the oldest and who holds most), each worked out here once for every
 * renderer. */
#include "report/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"
#include "metrics/metric_defs.h"

/* ---- figures as shown ------------------------------------------------------ */

/* Copies the figures; in an agency's own pack that agency's suppressed figures
 * are rated (it already holds the ids behind them). */
static void copy_results(const ov_pack *p, const ov_results *src, ov_results *dst)
{
    *dst = *src;
    dst->figs = ov_xmalloc((src->nfigs ? src->nfigs : 1) * sizeof *dst->figs);
    if (src->nfigs)
        memcpy(dst->figs, src->figs, src->nfigs * sizeof *src->figs);
    dst->cap_figs = src->nfigs;
    dst->slots = ov_xmalloc((src->nslots ? src->nslots : 1) * sizeof *dst->slots);
    if (src->nslots)
        memcpy(dst->slots, src->slots, src->nslots * sizeof *src->slots);
    if (p->head == OV_ALL)
        return;
    for (size_t i = 0; i < dst->nfigs; i++) {
        ov_figure *f = &dst->figs[i];
        if (f->agency == p->head && f->rag == OV_RAG_SUPPRESSED)
            f->rag = (uint8_t)ov_metrics_rag(f->num, f->den, &f->threshold, 0);
    }
}

/* The optional files a metric's figure comes from (OV_DS_COUNT ends the list). */
static const int *optional_sources(int m)
{
    static const int cases[] = {OV_DS_CASES, OV_DS_CASE_OVERSIGHT, OV_DS_COUNT};
    static const int assessments[] = {OV_DS_ASSESSMENTS, OV_DS_COUNT};
    static const int groups[] = {OV_DS_GROUP_SESSIONS, OV_DS_COUNT};
    static const int audits[] = {OV_DS_SUPERVISION_AUDITS, OV_DS_COUNT};
    static const int feedback[] = {OV_DS_FEEDBACK, OV_DS_COUNT};
    switch (m) {
    case OV_M_CASE_OVERSIGHT_CURRENT:
    case OV_M_CASE_OVERSIGHT_PERIOD:
    case OV_M_INFO_EPISODES_OPEN:
        return cases;
    case OV_M_ASSESSMENT_DAY8:
    case OV_M_ASSESSMENT_DAY20:
        return assessments;
    case OV_M_GROUP_SUPERVISION_MONTHLY:
        return groups;
    case OV_M_AUDIT_GOOD:
    case OV_M_AUDIT_CRITERIA:
    case OV_M_INFO_AUDITS:
        return audits;
    case OV_M_FEEDBACK_POSITIVE:
    case OV_M_INFO_FEEDBACK_RESPONSES:
        return feedback;
    default:
        return NULL;
    }
}

/* 1 when agency a did not send one of the optional files the metric needs. */
static int agency_lacks(const ov_data *d, int32_t a, const int *ds)
{
    for (; *ds != OV_DS_COUNT; ds++)
        if (d->agencies[a].files[*ds].status == OV_FILE_MISSING)
            return 1;
    return 0;
}

/* Marks no-data figures whose optional source file was not sent ("not sent");
 * for ALL, when no agency sent it. */
static uint8_t *build_marks(const ov_pack *p, const ov_results *res)
{
    const ov_data *d = p->data;
    uint8_t *marks = ov_xcalloc(res->nfigs ? res->nfigs : 1, 1);
    for (size_t i = 0; i < res->nfigs; i++) {
        const ov_figure *f = &res->figs[i];
        marks[i] = f->rag;
        const int *src = optional_sources(f->metric);
        if (!src || f->rag != OV_RAG_NO_DATA)
            continue;
        if (f->agency == OV_ALL) {
            int all_lack = d->nagencies > 0;
            for (size_t a = 0; a < d->nagencies && all_lack; a++)
                all_lack = agency_lacks(d, (int32_t)a, src);
            if (all_lack)
                marks[i] = OV_MARK_NOT_SENT;
        } else if (f->agency >= 0 && (size_t)f->agency < d->nagencies &&
                   agency_lacks(d, f->agency, src)) {
            marks[i] = OV_MARK_NOT_SENT;
        }
    }
    return marks;
}

/* ---- units ------------------------------------------------------------------- */

/* The agency in focus: --agency, or the one agency of a self-audit folder. */
static int32_t focus_of(const ov_report_ctx *ctx)
{
    const ov_data *d = ctx->data;
    int32_t focus = ctx->agency_focus;
    if (focus == OV_NONE && d->self_audit && d->nagencies == 1)
        focus = 0;
    if (focus >= 0 && (size_t)focus < d->nagencies)
        return focus;
    return OV_ALL;
}

/* Every agency then the partnership, or the teams of the agency in focus with
 * a figure in P, then the agency. */
static void build_units(ov_pack *p)
{
    const ov_data *d = p->data;
    if (p->head != OV_ALL) {
        const ov_agency *ag = &d->agencies[p->head];
        p->units = ov_xcalloc(ag->teams.n + 1, sizeof *p->units);
        unsigned char *has = ov_xcalloc(ag->teams.n + 1, 1);
        for (size_t i = 0; i < p->res.nfigs; i++) {
            const ov_figure *f = &p->res.figs[i];
            if (f->period == 0 && f->agency == p->head && f->team != OV_NONE &&
                (size_t)f->team < ag->teams.n)
                has[f->team] = 1;
        }
        for (size_t t = 0; t < ag->teams.n; t++)
            if (has[t])
                p->units[p->nunits++] =
                    (ov_pack_unit){ov_strtab_get(&ag->teams, (uint32_t)t), p->head, (int32_t)t, 0};
        free(has);
        p->units[p->nunits++] = (ov_pack_unit){p->head_label, p->head, OV_NONE, 1};
        return;
    }
    p->units = ov_xcalloc(d->nagencies + 1, sizeof *p->units);
    for (size_t a = 0; a < d->nagencies; a++)
        p->units[p->nunits++] =
            (ov_pack_unit){ov_pack_agency_name(p, (int32_t)a), (int32_t)a, OV_NONE, 0};
    p->units[p->nunits++] = (ov_pack_unit){p->head_label, OV_ALL, OV_NONE, 1};
}

/* ---- actions ----------------------------------------------------------------- */

/* An action that belongs in this pack: every action in the partnership's, the
 * agency's own and the partnership's in an agency's. */
static int action_shown(const ov_pack *p, const ov_action *a)
{
    return p->head == OV_ALL || a->agency == OV_NONE || a->agency == p->head;
}

/* List order: status, overdue first, due date, id. */
static int cmp_actions(const void *pa, const void *pb)
{
    const ov_pack_action *x = pa, *y = pb;
    if (x->action->status != y->action->status)
        return x->action->status < y->action->status ? -1 : 1;
    if (x->overdue != y->overdue)
        return x->overdue ? -1 : 1;
    if (x->action->due != y->action->due)
        return x->action->due < y->action->due ? -1 : 1;
    return strcmp(x->action->id ? x->action->id : "", y->action->id ? y->action->id : "");
}

/* 1 for a red or amber figure as shown. */
static int short_of_standard(const ov_figure *f)
{
    return f && (f->rag == OV_RAG_RED || f->rag == OV_RAG_AMBER);
}

/* The actions of the pack with their state and their measure's figure now. */
static void build_actions(ov_pack *p)
{
    const ov_data *d = p->data;
    ov_date run = p->ctx->run_date;
    p->actions = ov_xcalloc(d->nactions + 1, sizeof *p->actions);
    for (size_t i = 0; i < d->nactions; i++) {
        const ov_action *a = &d->actions[i];
        if (!action_shown(p, a))
            continue;
        ov_pack_action *x = &p->actions[p->nactions++];
        x->action = a;
        x->overdue = ov_action_overdue(a, run);
        x->live = a->status == OV_AS_OPEN || a->status == OV_AS_IN_PROGRESS;
        x->completed_late = a->status == OV_AS_COMPLETE && a->completed != OV_DATE_NONE &&
                            a->due != OV_DATE_NONE && a->completed > a->due;
        if (a->metric >= 0 && a->metric < OV_M_COUNT)
            x->figure = ov_results_find(
                &p->res, 0, a->metric, a->agency == OV_NONE ? OV_ALL : a->agency, OV_NONE, OV_NONE);
        x->still_short = a->status == OV_AS_COMPLETE && short_of_standard(x->figure);
        p->overdue += (size_t)x->overdue;
    }
    if (p->nactions)
        qsort(p->actions, p->nactions, sizeof *p->actions, cmp_actions);
}

/* The red and amber agency figures (and ALL in the partnership's pack) of P
 * that no live action covers, red first. An action covers a figure while it
 * is open or in progress; a complete one only once the figure is green, so it
 * never covers a red or amber figure. */
static void build_gaps(ov_pack *p)
{
    size_t cap = 0;
    for (int pass = 0; pass < 2; pass++) {
        int want = pass == 0 ? OV_RAG_RED : OV_RAG_AMBER;
        for (size_t i = 0; i <= p->data->nagencies; i++) {
            int32_t agency = i == 0 ? OV_ALL : (int32_t)(i - 1);
            if (p->head != OV_ALL && agency != p->head)
                continue;
            for (int m = 0; m < OV_M_FIRST_INFO; m++) {
                const ov_figure *f = ov_results_find(&p->res, 0, m, agency, OV_NONE, OV_NONE);
                if (!f || f->rag != want)
                    continue;
                const ov_pack_action *complete = NULL;
                int live = 0;
                for (size_t k = 0; k < p->nactions && !live; k++) {
                    const ov_pack_action *x = &p->actions[k];
                    if (!ov_action_covers(x->action, m, agency))
                        continue;
                    if (x->live)
                        live = 1;
                    else if (!complete)
                        complete = x;
                }
                if (live)
                    continue;
                ov_pack_gap *g = OV_PUSH(p->gaps, p->ngaps, cap);
                *g = (ov_pack_gap){agency, m, f, complete};
            }
        }
    }
}

/* ---- coverage ---------------------------------------------------------------- */

/* What the extracts in scope cover (SPEC 9.1): the agencies whose window does
 * not cover P, how many cover each period, and the latest extract date, which
 * the figures are as at (an agency's extract_date, else the end of its window). */
static void build_coverage(ov_pack *p)
{
    const ov_data *d = p->data;
    p->not_covering = ov_xcalloc(d->nagencies + 1, sizeof *p->not_covering);
    p->covering = ov_xcalloc(p->res.nperiods + 1, sizeof *p->covering);
    p->as_at = OV_DATE_NONE;
    for (size_t a = 0; a < d->nagencies; a++) {
        if (p->head != OV_ALL && (int32_t)a != p->head)
            continue;
        const ov_agency *ag = &d->agencies[a];
        p->nscope++;
        for (size_t k = 0; k < p->res.nperiods; k++)
            p->covering[k] +=
                (size_t)ov_agency_covers(ag, p->res.periods[k].start, p->res.periods[k].end);
        if (!ov_agency_covers(ag, p->res.periods[0].start, p->res.periods[0].end))
            p->not_covering[p->nnot_covering++] = (int32_t)a;
        ov_date to = ag->extract_date != OV_DATE_NONE ? ag->extract_date : ag->window_to;
        if (to != OV_DATE_NONE && (p->as_at == OV_DATE_NONE || to > p->as_at))
            p->as_at = to;
    }
}

/* ---- rule codes -------------------------------------------------------------- */

/* Order of the summary: severity, code, agency, file. */
static int cmp_issues(const void *a, const void *b)
{
    const ov_pack_issues *x = a, *y = b;
    if (x->severity != y->severity)
        return x->severity < y->severity ? -1 : 1;
    int c = strcmp(x->code ? x->code : "", y->code ? y->code : "");
    if (c)
        return c;
    if (x->agency != y->agency)
        return x->agency < y->agency ? -1 : 1;
    return (x->dataset > y->dataset) - (x->dataset < y->dataset);
}

/* Counts the issues in the pack's scope by severity, rule code, agency and file. */
static void build_issues(ov_pack *p)
{
    const ov_data *d = p->data;
    ov_pack_issues *all = ov_xcalloc(d->nissues + 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < d->nissues; i++) {
        const ov_issue *is = &d->issues[i];
        if (p->head != OV_ALL && is->agency != p->head)
            continue;
        all[n++] = (ov_pack_issues){is->severity, is->code, is->agency, is->dataset, 1};
    }
    if (n)
        qsort(all, n, sizeof *all, cmp_issues);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && cmp_issues(&all[k - 1], &all[i]) == 0)
            all[k - 1].count++;
        else
            all[k++] = all[i];
    }
    p->issues = all;
    p->nissues = k;
}

/* ---- key messages ------------------------------------------------------------ */

/* Room for the placeholders every message may use. */
#define NBASE 6

typedef struct {
    ov_pack *p;
    ov_narr_var base[NBASE];
    char *store[NBASE];
    size_t nbase;
    char *and_word;
} writer;

/* Text of a narrative key with the base placeholders and n extra ones (caller frees). */
static char *say(writer *w, const char *key, const ov_narr_var *extra, size_t n)
{
    ov_narr_var vars[NBASE + 8];
    size_t k = 0;
    for (size_t i = 0; i < w->nbase; i++)
        vars[k++] = w->base[i];
    for (size_t i = 0; i < n && k < sizeof vars / sizeof vars[0]; i++)
        vars[k++] = extra[i];
    return ov_narr_text(&w->p->nr, key, vars, k);
}

/* Adds a base placeholder whose value the writer owns. */
static void base(writer *w, const char *name, char *value)
{
    w->store[w->nbase] = value;
    w->base[w->nbase++] = (ov_narr_var){name, value};
}

/* Adds a message when there is room. */
static void push(ov_pack *p, char *msg)
{
    if (p->nmessages < OV_PACK_MAX_MESSAGES && msg && msg[0])
        p->messages[p->nmessages++] = msg;
    else
        free(msg);
}

/* "84.0%", or the word of a figure that is not rated. */
static const char *value_text(writer *w, const ov_figure *f, char buf[32])
{
    if (ov_pack_rated(f)) {
        char pct[16];
        ov_metrics_format_pct(f->num, f->den, pct);
        snprintf(buf, 32, "%s%%", pct);
        return buf;
    }
    return ov_narr_get(&w->p->nr, "rag.no_data") ? ov_narr_get(&w->p->nr, "rag.no_data") : "";
}

/* "31 Jan 2026" into buf. */
static const char *short_date(ov_date d, char buf[32])
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (d == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%d %s %d", dd, months[(m - 1) % 12], y);
    return buf;
}

/* Overdue actions: how many and the oldest (the earliest due date). */
static void msg_overdue(writer *w)
{
    ov_pack *p = w->p;
    if (!p->overdue)
        return;
    const ov_pack_action *oldest = NULL;
    for (size_t i = 0; i < p->nactions; i++) {
        const ov_pack_action *x = &p->actions[i];
        if (x->overdue && (!oldest || x->action->due < oldest->action->due))
            oldest = x;
    }
    char n[24], due[32];
    snprintf(n, sizeof n, "%zu", p->overdue);
    const ov_action *a = oldest->action;
    const char *measure = a->metric >= 0 && a->metric < OV_M_COUNT
                              ? ov_metric_def_get((enum ov_metric_id)a->metric)->title
                              : ov_narr_get(&p->nr, "actions.no_metric");
    const char *who = a->agency == OV_NONE ? p->head_label : ov_pack_agency_name(p, a->agency);
    ov_narr_var v[] = {{"count", n},
                       {"id", a->id ? a->id : ""},
                       {"measure", measure ? measure : ""},
                       {"who", who},
                       {"due", short_date(a->due, due)}};
    push(p, say(w, p->overdue == 1 ? "summary.msg.overdue_one" : "summary.msg.overdue", v, 5));
}

/* Red or amber figures with no live action. */
static void msg_gaps(writer *w)
{
    ov_pack *p = w->p;
    if (!p->ngaps)
        return;
    size_t red = 0;
    for (size_t i = 0; i < p->ngaps; i++)
        red += p->gaps[i].figure->rag == OV_RAG_RED;
    char n[24], r[24], a[24];
    snprintf(n, sizeof n, "%zu", p->ngaps);
    snprintf(r, sizeof r, "%zu", red);
    snprintf(a, sizeof a, "%zu", p->ngaps - red);
    ov_narr_var v[] = {{"count", n}, {"red", r}, {"amber", a}};
    push(p, say(w, p->ngaps == 1 ? "summary.msg.gaps_one" : "summary.msg.gaps", v, 3));
}

/* Agencies whose extracts do not cover the period. */
static void msg_not_covering(writer *w)
{
    ov_pack *p = w->p;
    if (!p->nnot_covering)
        return;
    const char **names = ov_xcalloc(p->nnot_covering, sizeof *names);
    for (size_t i = 0; i < p->nnot_covering; i++)
        names[i] = ov_pack_agency_name(p, p->not_covering[i]);
    char *list = ov_narr_join(names, p->nnot_covering, w->and_word);
    ov_narr_var v[] = {{"list", list}};
    push(p, say(w,
                p->head != OV_ALL       ? "summary.msg.not_covered_agency"
                : p->nnot_covering == 1 ? "summary.msg.not_covering_one"
                                        : "summary.msg.not_covering",
                v, 1));
    free(list);
    free(names);
}

/* Agencies with no quality evidence: neither audits nor a practitioners' survey. */
static void msg_no_quality(writer *w)
{
    ov_pack *p = w->p;
    if (!p->nno_quality)
        return;
    const char **names = ov_xcalloc(p->nno_quality, sizeof *names);
    for (size_t i = 0; i < p->nno_quality; i++)
        names[i] = ov_pack_agency_name(p, p->no_quality[i]);
    char *list = ov_narr_join(names, p->nno_quality, w->and_word);
    ov_narr_var v[] = {{"list", list}};
    push(p, say(w, p->head != OV_ALL ? "summary.msg.no_quality_agency" : "summary.msg.no_quality",
                v, 1));
    free(list);
    free(names);
}

/* The ratings of the head unit, with the red measures named. */
static void msg_overview(writer *w)
{
    ov_pack *p = w->p;
    const ov_pack_unit *u = ov_pack_head(p);
    size_t count[OV_MARK_COUNT] = {0};
    const char *reds[OV_M_COUNT];
    char redbuf[OV_M_COUNT][160];
    size_t nred = 0;
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_figure *f = ov_pack_fig(p, 0, m, u, OV_NONE);
        int mark = ov_pack_mark(p, f);
        count[mark]++;
        if (mark == OV_RAG_RED) {
            char v[32];
            snprintf(redbuf[nred], sizeof redbuf[nred], "%s (%s)",
                     ov_metric_def_get((enum ov_metric_id)m)->title, value_text(w, f, v));
            reds[nred] = redbuf[nred];
            nred++;
        }
    }
    if (count[OV_RAG_NOT_COVERED] == (size_t)OV_M_FIRST_INFO)
        return; /* nothing of P is covered: the coverage message says so */
    char c[5][24];
    snprintf(c[0], sizeof c[0], "%zu",
             count[OV_RAG_GREEN] + count[OV_RAG_AMBER] + count[OV_RAG_RED]);
    snprintf(c[1], sizeof c[1], "%zu", count[OV_RAG_GREEN]);
    snprintf(c[2], sizeof c[2], "%zu", count[OV_RAG_AMBER]);
    snprintf(c[3], sizeof c[3], "%zu", count[OV_RAG_RED]);
    snprintf(c[4], sizeof c[4], "%zu",
             count[OV_RAG_SUPPRESSED] + count[OV_RAG_NO_DATA] + count[OV_MARK_NOT_SENT] +
                 count[OV_RAG_NOT_COVERED]);
    char *list = nred ? ov_narr_join(reds, nred, w->and_word) : ov_xstrdup("");
    ov_narr_var v[] = {{"rated", c[0]}, {"green", c[1]},     {"amber", c[2]},
                       {"red", c[3]},   {"not_rated", c[4]}, {"list", list}};
    push(p, say(w, nred ? "summary.msg.overview_red" : "summary.msg.overview_no_red", v, 6));
    free(list);
}

/* The biggest improvement and deterioration since the previous period, between
 * figures that are rated in both (never not covered, suppressed or no data). */
static void msg_changes(writer *w)
{
    ov_pack *p = w->p;
    const ov_pack_unit *u = ov_pack_head(p);
    if (p->res.nperiods < 2) {
        push(p, say(w, "summary.msg.no_trend", NULL, 0));
        return;
    }
    int best = -1, worst = -1;
    long best_b = 0, worst_b = 0;
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        ov_pack_change c = ov_pack_change_of(p, m, u);
        if (!c.comparable)
            continue;
        long b = c.better > 0 ? labs(c.tenths) : c.better < 0 ? -labs(c.tenths) : 0;
        if (b > best_b) {
            best_b = b;
            best = m;
        }
        if (b < worst_b) {
            worst_b = b;
            worst = m;
        }
    }
    for (int k = 0; k < 2; k++) {
        int m = k == 0 ? best : worst;
        if (m < 0)
            continue;
        const ov_figure *f0 = ov_pack_fig(p, 0, m, u, OV_NONE);
        const ov_figure *f1 = ov_pack_fig(p, 1, m, u, OV_NONE);
        char from[32], to[32], ch[24];
        ov_pack_tenths_text(ov_pack_change_of(p, m, u).tenths, ch);
        ov_narr_var v[] = {{"metric", ov_metric_def_get((enum ov_metric_id)m)->title},
                           {"from", value_text(w, f1, from)},
                           {"to", value_text(w, f0, to)},
                           {"change", ch}};
        push(p, say(w, k == 0 ? "summary.msg.improved" : "summary.msg.deteriorated", v, 4));
    }
}

/* Agencies whose data are incomplete or partly unusable. */
static void msg_data(writer *w)
{
    ov_pack *p = w->p;
    const ov_data *d = p->data;
    const char **inc = ov_xcalloc(d->nagencies + 1, sizeof *inc);
    const char **bad = ov_xcalloc(d->nagencies + 1, sizeof *bad);
    size_t ninc = 0, nbad = 0;
    for (size_t a = 0; a < d->nagencies; a++) {
        if (p->head != OV_ALL && (int32_t)a != p->head)
            continue;
        const ov_agency *ag = &d->agencies[a];
        int unusable = 0;
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            unusable |= ag->files[ds].status == OV_FILE_UNUSABLE;
        if (ag->incomplete)
            inc[ninc++] = ov_pack_agency_name(p, (int32_t)a);
        else if (unusable)
            bad[nbad++] = ov_pack_agency_name(p, (int32_t)a);
    }
    if (ninc || nbad) {
        char *li = ov_narr_join(inc, ninc, w->and_word), *lb = ov_narr_join(bad, nbad, w->and_word);
        ov_narr_var v[] = {{"incomplete", li}, {"unusable", lb}};
        const char *k = ninc && nbad ? "summary.msg.incomplete_unusable"
                        : ninc       ? "summary.msg.incomplete"
                                     : "summary.msg.unusable";
        push(p, say(w, k, v, 2));
        free(li);
        free(lb);
    } else {
        push(p, say(w, p->head == OV_ALL ? "summary.msg.complete" : "summary.msg.complete_agency",
                    NULL, 0));
    }
    free(inc);
    free(bad);
}

/* The key messages, most pressing first (SPEC 9.4): overdue actions, red or
 * amber figures with no live action, agencies that do not cover P; then the
 * ratings, the changes and the state of the data, as room allows. */
static void build_messages(ov_pack *p)
{
    writer w = {.p = p};
    const ov_results *r = &p->res;
    char buf[24];
    snprintf(buf, sizeof buf, "%d", p->ctx->suppress_below);
    base(&w, "unit",
         p->head == OV_ALL ? ov_narr_text(&p->nr, "unit.partnership_prose", NULL, 0)
                           : ov_xstrdup(p->head_label));
    base(&w, "period_label", ov_xstrdup(r->periods[0].label));
    base(&w, "previous_label", ov_xstrdup(r->nperiods > 1 ? r->periods[1].label : ""));
    base(&w, "suppress", ov_xstrdup(buf));
    base(&w, "partnership", ov_xstrdup(p->head_label));
    w.and_word = ov_narr_text(&p->nr, "word.and", NULL, 0);
    msg_overdue(&w);
    msg_gaps(&w);
    msg_not_covering(&w);
    msg_no_quality(&w);
    msg_overview(&w);
    msg_changes(&w);
    msg_data(&w);
    if (!p->overdue && !p->ngaps)
        push(p, say(&w, "summary.msg.actions_in_hand", NULL, 0));
    for (size_t i = 0; i < w.nbase; i++)
        free(w.store[i]);
    free(w.and_word);
}

/* ---- the history --------------------------------------------------------------- */

/* 1 when a figure is the pack's to show: every figure in the partnership's
 * pack, the agency's own in an agency's. */
static int in_scope(const ov_pack *p, const ov_figure *f)
{
    return p->head == OV_ALL || f->agency == p->head;
}

/* The note that explains the mark (caller frees; NULL when there is nothing
 * to explain): each period of res from index first on whose figures were
 * taken from the history, oldest first, with the date they were reported on. */
static char *history_note_of(ov_pack *p, const ov_results *res, const ov_date *reported_on,
                             size_t first)
{
    size_t np = res->nperiods, n = 0;
    char *note = NULL;
    char **items = ov_xcalloc(np + 1, sizeof *items);
    for (size_t i = np; i-- > first;) {
        if (reported_on[i] == OV_DATE_NONE)
            continue;
        char on[32];
        ov_narr_var v[] = {{"period", res->periods[i].label},
                           {"date", short_date(reported_on[i], on)}};
        items[n++] = ov_narr_text(&p->nr, "history.note_item", v, 2);
    }
    if (n) {
        char *and_word = ov_narr_text(&p->nr, "word.and", NULL, 0);
        char *list = ov_narr_join((const char *const *)items, n, and_word);
        ov_narr_var v[] = {{"mark", OV_PACK_HISTORY_MARK}, {"list", list}};
        note = ov_narr_text(&p->nr, "history.note", v, 2);
        free(list);
        free(and_word);
    }
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
    return note;
}

/* The figures of the pack taken from the history, by period, and the agency
 * and ALL rows the extracts now give differently from what was reported. A
 * reported figure is shown suppressed whenever the figure now is, or its own
 * denominator is below the threshold (an agency's own figures are not). */
static void build_history(ov_pack *p)
{
    const ov_history_findings *h = p->ctx->history;
    p->reported_on = ov_xcalloc(p->res.nperiods + 1, sizeof *p->reported_on);
    if (!h)
        return;
    p->history = 1;
    for (size_t i = 0; i < p->res.nfigs; i++) {
        const ov_figure *f = &p->res.figs[i];
        if (ov_pack_from_history(f) && in_scope(p, f) && f->period < h->nperiods)
            p->reported_on[f->period] = h->reported_on[f->period];
    }
    p->history_note = history_note_of(p, &p->res, p->reported_on, 1);
    p->restatements = ov_xcalloc(h->nrows + 1, sizeof *p->restatements);
    for (size_t i = 0; i < h->nrows; i++) {
        const ov_restatement *x = &h->rows[i];
        if (x->fig >= p->res.nfigs)
            continue;
        const ov_figure *f = &p->res.figs[x->fig];
        if (f->team != OV_NONE || !in_scope(p, f))
            continue;
        ov_pack_restatement *rs = &p->restatements[p->nrestatements++];
        rs->period = f->period;
        rs->agency = f->agency;
        rs->metric = f->metric;
        rs->category = f->category;
        rs->now = f;
        rs->reported_on = x->reported_on;
        rs->reported = *f;
        rs->reported.num = x->num;
        rs->reported.den = x->den;
        rs->reported.has_value = x->den > 0;
        rs->reported.value = x->den > 0 ? (double)x->num * 100.0 / (double)x->den : 0.0;
        int own = p->head != OV_ALL && f->agency == p->head;
        if (ov_pack_mark(p, f) == OV_RAG_SUPPRESSED)
            rs->reported.rag = OV_RAG_SUPPRESSED;
        else
            rs->reported.rag = (uint8_t)ov_metrics_rag(x->num, x->den, &f->threshold,
                                                       own ? 0 : p->ctx->suppress_below);
    }
}

/* ---- follow-up lists ---------------------------------------------------------- */

/* 1 when a mark is red or amber. */
static int mark_short(int mark)
{
    return mark == OV_RAG_RED || mark == OV_RAG_AMBER;
}

/* The person who must act on most rows of f (ties: the id first in byte
 * order), with their count, and the rows that name nobody. */
static void followup_holders(const ov_pack *p, ov_pack_followup *f, size_t *count)
{
    const ov_agency *a = &p->data->agencies[p->head];
    f->top = OV_NONE;
    f->top_rows = 0;
    f->unnamed = 0;
    for (size_t i = 0; i < f->nrows; i++) {
        int32_t who = f->rows[i].responsible;
        if (who < 0 || (size_t)who >= a->nstaff) {
            f->unnamed++;
            continue;
        }
        count[who]++;
    }
    for (size_t i = 0; i < f->nrows; i++) {
        int32_t who = f->rows[i].responsible;
        if (who < 0 || (size_t)who >= a->nstaff || !count[who])
            continue;
        int better = count[who] > f->top_rows;
        if (!better && count[who] == f->top_rows && f->top != OV_NONE)
            better = strcmp(ov_strtab_get(&a->staff_ids, a->staff[who].id),
                            ov_strtab_get(&a->staff_ids, a->staff[f->top].id)) < 0;
        if (better) {
            f->top = who;
            f->top_rows = count[who];
        }
    }
    for (size_t i = 0; i < f->nrows; i++) /* leave count zeroed for the next list */
        if (f->rows[i].responsible >= 0 && (size_t)f->rows[i].responsible < a->nstaff)
            count[f->rows[i].responsible] = 0;
}

/* In an agency's own pack with its lists: every list of the table, shown when
 * one of its figures is red or amber as this pack rates it (the agency's own
 * suppressed figures are rated here), with its rows, the oldest and who holds
 * most of them. */
static void build_followups(ov_pack *p)
{
    const ov_exceptions *ex = p->ctx->exceptions;
    if (p->head == OV_ALL || !ex || ex->agency != p->head || p->ctx->agency_focus != p->head)
        return;
    const ov_agency *a = &p->data->agencies[p->head];
    p->exceptions = ex;
    p->followups = ov_xcalloc(OV_FL_COUNT, sizeof *p->followups);
    size_t *count = ov_xcalloc(a->nstaff ? a->nstaff : 1, sizeof *count);
    for (int l = 0; l < OV_FL_COUNT; l++) {
        ov_pack_followup *f = &p->followups[p->nfollowups++];
        f->list = l;
        f->def = ov_followup_def_get(l);
        f->worst = OV_RAG_NO_DATA;
        for (int k = 0; k < f->def->nmetrics; k++) {
            f->figs[k] = ov_results_find(&p->res, 0, f->def->metrics[k], p->head, OV_NONE, OV_NONE);
            int mark = ov_pack_mark(p, f->figs[k]);
            if (k == 0 || mark == OV_RAG_RED || (mark == OV_RAG_AMBER && f->worst != OV_RAG_RED))
                f->worst = mark;
            f->shown |= mark_short(mark);
        }
        f->rows = ex->count[l] ? ex->rows + ex->first[l] : NULL;
        f->nrows = ex->count[l];
        f->oldest = f->nrows ? f->rows[0].days : 0;
        followup_holders(p, f, count);
        p->nshown += f->shown != 0;
    }
    free(count);
}

/* ---- the board on one page ------------------------------------------------ */

/* Board page order: most reds first, then most ambers, then unit order. */
static int cmp_board(const void *a, const void *b)
{
    const ov_pack_board_row *x = a, *y = b;
    if (x->red != y->red)
        return x->red > y->red ? -1 : 1;
    if (x->amber != y->amber)
        return x->amber > y->amber ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Overdue actions oldest first (earliest due date), then id. */
static int cmp_overdue(const void *a, const void *b)
{
    const ov_action *x = (*(const ov_pack_action *const *)a)->action;
    const ov_action *y = (*(const ov_pack_action *const *)b)->action;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* The grid, the page's rows, the overdue list and the head's counts. */
static void build_board(ov_pack *p)
{
    for (int area = 0; area < OV_AREA_INFO; area++)
        for (int m = 0; m < OV_M_FIRST_INFO; m++)
            if ((int)ov_metric_def_get((enum ov_metric_id)m)->area == area)
                p->board_metrics[p->nboard_metrics++] = m;
    p->board = ov_xcalloc(p->nunits + 1, sizeof *p->board);
    for (size_t i = 0; i < p->nunits; i++) {
        ov_pack_board_row *row = &p->board[p->nboard++];
        row->unit = &p->units[i];
        for (size_t k = 0; k < p->nboard_metrics; k++) {
            const ov_figure *f = ov_pack_fig(p, 0, p->board_metrics[k], row->unit, OV_NONE);
            int mark = ov_pack_mark(p, f);
            row->red += mark == OV_RAG_RED;
            row->amber += mark == OV_RAG_AMBER;
            if (row->unit->total)
                p->mark_count[mark]++;
        }
    }
    size_t others = p->nboard ? p->nboard - 1 : 0; /* the head unit comes last */
    p->board_page = ov_xcalloc(p->nboard + 1, sizeof *p->board_page);
    if (others <= OV_PACK_BOARD_ROWS) {
        memcpy(p->board_page, p->board, p->nboard * sizeof *p->board);
        p->nboard_page = p->nboard;
    } else {
        memcpy(p->board_page, p->board, others * sizeof *p->board);
        qsort(p->board_page, others, sizeof *p->board_page, cmp_board);
        p->nboard_page = OV_PACK_BOARD_TOP;
        p->board_left_off = others - OV_PACK_BOARD_TOP;
        p->board_page[p->nboard_page++] = p->board[others];
    }
    p->overdue_list = ov_xcalloc(p->overdue + 1, sizeof *p->overdue_list);
    size_t n = 0;
    for (size_t i = 0; i < p->nactions; i++)
        if (p->actions[i].overdue)
            p->overdue_list[n++] = &p->actions[i];
    if (n)
        qsort(p->overdue_list, n, sizeof *p->overdue_list, cmp_overdue);
}

/* Adds a decision when there is room. */
static void decide(ov_pack *p, char *text)
{
    if (p->ndecisions < OV_PACK_MAX_DECISIONS && text && text[0])
        p->decisions[p->ndecisions++] = text;
    else
        free(text);
}

/* The decisions asked of the board, from what the pack found: owners for the
 * measures with no live action, a response to overdue actions, extracts that
 * cover the period, complete data; else to note the figures. */
static void build_decisions(ov_pack *p)
{
    writer w = {.p = p};
    base(&w, "unit",
         p->head == OV_ALL ? ov_narr_text(&p->nr, "unit.partnership_prose", NULL, 0)
                           : ov_xstrdup(p->head_label));
    base(&w, "period_label", ov_xstrdup(p->res.periods[0].label));
    w.and_word = ov_narr_text(&p->nr, "word.and", NULL, 0);
    char n[24];
    if (p->ngaps) {
        snprintf(n, sizeof n, "%zu", p->ngaps);
        ov_narr_var v[] = {{"count", n}};
        decide(p, say(&w, "board.decide.gaps", v, 1));
    }
    if (p->overdue) {
        snprintf(n, sizeof n, "%zu", p->overdue);
        ov_narr_var v[] = {{"count", n}};
        decide(p, say(&w, "board.decide.overdue", v, 1));
    }
    if (p->nnot_covering) {
        const char **names = ov_xcalloc(p->nnot_covering, sizeof *names);
        for (size_t i = 0; i < p->nnot_covering; i++)
            names[i] = ov_pack_agency_name(p, p->not_covering[i]);
        char *list = ov_narr_join(names, p->nnot_covering, w.and_word);
        ov_narr_var v[] = {{"list", list}};
        decide(p, say(&w, "board.decide.not_covering", v, 1));
        free(list);
        free(names);
    }
    const char **inc = ov_xcalloc(p->data->nagencies + 1, sizeof *inc);
    size_t ninc = 0;
    for (size_t a = 0; a < p->data->nagencies; a++)
        if ((p->head == OV_ALL || (int32_t)a == p->head) && p->data->agencies[a].incomplete)
            inc[ninc++] = ov_pack_agency_name(p, (int32_t)a);
    if (ninc) {
        char *list = ov_narr_join(inc, ninc, w.and_word);
        ov_narr_var v[] = {{"list", list}};
        decide(p, say(&w, "board.decide.incomplete", v, 1));
        free(list);
    }
    free(inc);
    if (!p->ndecisions)
        decide(p, say(&w, "board.decide.note", NULL, 0));
    for (size_t i = 0; i < w.nbase; i++)
        free(w.store[i]);
    free(w.and_word);
}

/* ---- three sources of evidence ---------------------------------------------- */

/* 1 when the agency sent a usable file of ds. */
static int sent(const ov_data *d, int32_t a, int ds)
{
    return d->agencies[a].files[ds].status == OV_FILE_RECEIVED;
}

/* The sentence for three figures: where frequency, audits and practitioners'
 * voice disagree, or the quality evidence is missing (sent: whether any audit
 * or survey file lies behind the unit). */
static char *sources_sentence(writer *w, const ov_figure *f, const ov_figure *a, const ov_figure *v,
                              int sent_any)
{
    int rf = ov_pack_rated(f) ? f->rag : -1, ra = ov_pack_rated(a) ? a->rag : -1;
    int rv = ov_pack_rated(v) ? v->rag : -1;
    const char *key = NULL;
    if (ra < 0 && rv < 0)
        key = sent_any ? "sources.too_few" : "sources.no_quality";
    else if (rf == OV_RAG_GREEN && ra == OV_RAG_RED)
        key = "sources.frequent_not_good";
    else if (rf == OV_RAG_RED && ra == OV_RAG_GREEN)
        key = "sources.good_not_frequent";
    else if (ra == OV_RAG_RED && rv == OV_RAG_RED && rf != OV_RAG_RED)
        key = "sources.quality_and_voice_low";
    else if (rv == OV_RAG_RED && ra != OV_RAG_RED && rf != OV_RAG_RED)
        key = "sources.voice_low";
    else if (rv == OV_RAG_GREEN && (ra == OV_RAG_RED || rf == OV_RAG_RED))
        key = "sources.voice_high";
    else if (rf >= 0 && rf == ra && (rv < 0 || rv == rf))
        key = "sources.agree";
    return key ? say(w, key, NULL, 0) : ov_xstrdup("");
}

/* 1 when a usable audit or survey file lies behind unit u (for a total, any
 * agency in the pack's scope). */
static int quality_sent(const ov_pack *p, const ov_pack_unit *u)
{
    for (size_t a = 0; a < p->data->nagencies; a++) {
        if (u->agency != OV_ALL && (int32_t)a != u->agency)
            continue;
        if (p->head != OV_ALL && (int32_t)a != p->head)
            continue;
        if (sent(p->data, (int32_t)a, OV_DS_SUPERVISION_AUDITS) ||
            sent(p->data, (int32_t)a, OV_DS_FEEDBACK))
            return 1;
    }
    return 0;
}

/* The three sources of every unit and the agencies with no quality evidence. */
static void build_sources(ov_pack *p)
{
    writer w = {.p = p};
    p->sources = ov_xcalloc(p->nunits + 1, sizeof *p->sources);
    for (size_t i = 0; i < p->nunits; i++) {
        ov_pack_sources *s = &p->sources[p->nsources++];
        s->unit = &p->units[i];
        s->frequency = ov_pack_fig(p, 0, OV_M_SUPERVISION_FREQUENCY, s->unit, OV_NONE);
        s->quality = ov_pack_fig(p, 0, OV_M_AUDIT_GOOD, s->unit, OV_NONE);
        s->voice = ov_pack_fig(p, 0, OV_M_FEEDBACK_POSITIVE, s->unit, OV_NONE);
        s->sentence =
            sources_sentence(&w, s->frequency, s->quality, s->voice, quality_sent(p, s->unit));
    }
    const ov_data *d = p->data;
    p->no_quality = ov_xcalloc(d->nagencies + 1, sizeof *p->no_quality);
    for (size_t a = 0; a < d->nagencies; a++) {
        if (p->head != OV_ALL && (int32_t)a != p->head)
            continue;
        if (!sent(d, (int32_t)a, OV_DS_SUPERVISION_AUDITS) && !sent(d, (int32_t)a, OV_DS_FEEDBACK))
            p->no_quality[p->nno_quality++] = (int32_t)a;
    }
}

/* The note beside the quarter-by-quarter tables when some of their figures
 * were taken from the history: the periods and the dates they were reported on
 * (the periods that hold such a figure). */
static void build_view_history(ov_pack *p)
{
    const ov_report_ctx *ctx = p->ctx;
    if (!p->views.nfigs || !ctx->view_reported_on)
        return;
    ov_date on[OV_MAX_VIEWS];
    size_t n = p->views.nperiods < OV_MAX_VIEWS ? p->views.nperiods : OV_MAX_VIEWS;
    for (size_t k = 0; k < n; k++)
        on[k] = OV_DATE_NONE;
    for (size_t i = 0; i < p->views.nfigs; i++) {
        const ov_figure *f = &p->views.figs[i];
        if (ov_pack_from_history(f) && in_scope(p, f) && f->period < n)
            on[f->period] = ctx->view_reported_on[f->period];
    }
    p->views_history_note = history_note_of(p, &p->views, on, 0);
}

/* ---- data quality: figures resting on a thinly filled field -------------------- */

/* 1 when figure f is rated as shown and its field is filled in fewer than
 * pct per cent of the rows it counts. */
static int thin_figure(const ov_figure *f, int mark, int pct)
{
    return f->fill_den > 0 && f->category == OV_NONE && f->source == OV_SRC_EXTRACT &&
           (mark == OV_RAG_GREEN || mark == OV_RAG_AMBER || mark == OV_RAG_RED) &&
           f->fill_num * 100 < (int64_t)pct * f->fill_den;
}

/* Weakest first: the smaller share filled, then the period, then unit order
 * and metric order. */
static int cmp_thin(const void *a, const void *b)
{
    const ov_pack_thin *x = a, *y = b;
    const ov_figure *f = x->figure, *g = y->figure;
    /* f->fill_num / f->fill_den against g's, exactly */
    int64_t l = f->fill_num * g->fill_den, r = g->fill_num * f->fill_den; /* rows < 3e9 */
    if (l != r)
        return l < r ? -1 : 1;
    if (f->period != g->period)
        return f->period < g->period ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return (f->metric > g->metric) - (f->metric < g->metric);
}

/* The footnote of a flag in words (caller frees); now: its period is the
 * report period. */
static char *thin_sentence(ov_pack *p, const ov_pack_thin *t, const ov_period *period, int now)
{
    const ov_figure *f = t->figure;
    const char *id = ov_metric_def_get((enum ov_metric_id)f->metric)->id;
    char kf[64], kr[64], kw[64], num[16];
    snprintf(kf, sizeof kf, "dq.field.%s", id);
    snprintf(kr, sizeof kr, "dq.rows.%s", id);
    snprintf(kw, sizeof kw, "dq.what.%s", id);
    snprintf(num, sizeof num, "%d", t->percent);
    char *field = ov_narr_text(&p->nr, kf, NULL, 0);
    char *rows = ov_narr_text(&p->nr, kr, NULL, 0);
    char *what = ov_narr_text(&p->nr, kw, NULL, 0);
    ov_narr_var v[] = {{"mark", OV_PACK_THIN_MARK},
                       {"unit", t->unit->label},
                       {"field", field},
                       {"percent", num},
                       {"rows", rows},
                       {"what", what},
                       {"metric", ov_metric_def_get((enum ov_metric_id)f->metric)->title},
                       {"period", period->label}};
    const char *key = t->unit->agency == OV_ALL ? "dq.note_all" : "dq.note";
    if (!now)
        key = t->unit->agency == OV_ALL ? "dq.note_all_then" : "dq.note_then";
    char *out = ov_narr_text(&p->nr, key, v, sizeof v / sizeof v[0]);
    free(field);
    free(rows);
    free(what);
    return out;
}

/* The flags of every unit and period of res (marks: how res's figures are
 * shown), weakest first, with their sentences, indexed by figure in *ix;
 * returns how many, the list in *out (*now: those of periods ending with the
 * report period). */
static size_t thin_list(ov_pack *p, const ov_results *res, const uint8_t *marks, ov_pack_thin **out,
                        uint32_t **ix, size_t *now)
{
    int pct = p->ctx->standards->fill_flag_percent;
    ov_date pe = p->res.periods[0].end;
    ov_pack_thin *list = NULL;
    size_t n = 0, cap = 0;
    *now = 0;
    *ix = ov_xcalloc(res->nfigs ? res->nfigs : 1, sizeof **ix);
    for (size_t k = 0; k < res->nperiods; k++)
        for (size_t u = 0; u < p->nunits; u++)
            for (int m = 0; m < OV_M_FIRST_INFO; m++) {
                if (!ov_metric_def_get((enum ov_metric_id)m)->fill)
                    continue;
                const ov_figure *f =
                    ov_results_find(res, (int)k, m, p->units[u].agency, p->units[u].team, OV_NONE);
                if (!f || !thin_figure(f, marks[f - res->figs], pct))
                    continue;
                ov_pack_thin *t = OV_PUSH(list, n, cap);
                *t = (ov_pack_thin){f, &p->units[u], (int)(f->fill_num * 100 / f->fill_den), NULL};
                *now += res->periods[k].end == pe;
            }
    if (n)
        qsort(list, n, sizeof *list, cmp_thin);
    for (size_t i = 0; i < n; i++) {
        const ov_period *per = &res->periods[list[i].figure->period];
        list[i].sentence = thin_sentence(p, &list[i], per,
                                         per->start == p->res.periods[0].start && per->end == pe);
        (*ix)[list[i].figure - res->figs] = (uint32_t)(i + 1);
    }
    *out = list;
    return n;
}

/* Finds the figures that rest on a thinly filled field, in the pack's periods
 * and in the quarter-by-quarter tables' ones. */
static void build_thin(ov_pack *p)
{
    p->nthin = thin_list(p, &p->res, p->marks, &p->thin, &p->thin_ix, &p->nthin_now);
    if (p->views.nfigs) {
        size_t now;
        p->nview_thin =
            thin_list(p, &p->views, p->view_marks, &p->view_thin, &p->view_thin_ix, &now);
    }
}

/* ---- the pack ---------------------------------------------------------------- */

/* Builds the pack from ctx. */
int ov_pack_build(const ov_report_ctx *ctx, ov_pack *out)
{
    memset(out, 0, sizeof *out);
    out->ctx = ctx;
    out->data = ctx->data;
    if (!ctx->results || ctx->results->nperiods == 0) {
        ov_err("the board pack has no figures to show");
        return -1;
    }
    if (ov_narr_load(&out->nr, ctx->templates_dir) != 0)
        return -1;
    out->head = focus_of(ctx);
    out->partnership_word = ov_narr_text(&out->nr, "unit.partnership", NULL, 0);
    out->head_label =
        out->head == OV_ALL ? out->partnership_word : ov_pack_agency_name(out, out->head);
    copy_results(out, ctx->results, &out->res);
    out->marks = build_marks(out, &out->res);
    if (ctx->views) {
        copy_results(out, ctx->views, &out->views);
        out->view_marks = build_marks(out, &out->views);
    }
    build_units(out);
    build_actions(out);
    build_gaps(out);
    build_coverage(out);
    build_issues(out);
    build_sources(out);
    build_messages(out);
    build_history(out);
    build_view_history(out);
    build_thin(out);
    /* rated as metrics.csv rates them, so an agency's own pack and the
     * partnership's give the moderation panel the same ratings */
    ov_s11_build(out->data, ctx->results, out->head, &out->s11);
    build_board(out);
    build_decisions(out);
    build_followups(out);
    return 0;
}

/* Frees what the pack owns. */
void ov_pack_free(ov_pack *p)
{
    if (!p)
        return;
    free(p->partnership_word);
    free(p->res.figs);
    free(p->res.slots);
    free(p->marks);
    free(p->units);
    free(p->actions);
    free(p->gaps);
    for (size_t i = 0; i < p->nmessages; i++)
        free(p->messages[i]);
    free(p->not_covering);
    free(p->covering);
    for (size_t i = 0; i < p->nsources; i++)
        free(p->sources[i].sentence);
    free(p->sources);
    free(p->no_quality);
    free(p->board);
    free(p->board_page);
    free(p->overdue_list);
    for (size_t i = 0; i < p->ndecisions; i++)
        free(p->decisions[i]);
    free(p->issues);
    free(p->reported_on);
    free(p->history_note);
    free(p->restatements);
    ov_s11_free(&p->s11);
    free(p->followups);
    for (size_t i = 0; i < p->nthin; i++)
        free(p->thin[i].sentence);
    free(p->thin);
    free(p->thin_ix);
    for (size_t i = 0; i < p->nview_thin; i++)
        free(p->view_thin[i].sentence);
    free(p->view_thin);
    free(p->view_thin_ix);
    free(p->views_history_note);
    free(p->views.figs);
    free(p->views.slots);
    free(p->view_marks);
    ov_narr_free(&p->nr);
    memset(p, 0, sizeof *p);
}

/* ---- reading the pack -------------------------------------------------------- */

/* The shown figure of period p for a unit, metric and category. */
const ov_figure *ov_pack_fig(const ov_pack *p, int period, int metric, const ov_pack_unit *u,
                             int category)
{
    if (period < 0 || (size_t)period >= p->res.nperiods)
        return NULL;
    return ov_results_find(&p->res, period, metric, u->agency, u->team, category);
}

/* How a figure is shown. */
int ov_pack_mark(const ov_pack *p, const ov_figure *f)
{
    if (!f)
        return OV_RAG_NO_DATA;
    if (f >= p->res.figs && f < p->res.figs + p->res.nfigs)
        return p->marks[f - p->res.figs];
    if (p->views.nfigs && f >= p->views.figs && f < p->views.figs + p->views.nfigs)
        return p->view_marks[f - p->views.figs];
    return f->rag;
}

/* The short mark of the board's grid. */
const char *ov_pack_mark_cell(int mark)
{
    switch (mark) {
    case OV_RAG_GREEN:
        return "\xe2\x97\x8f G";
    case OV_RAG_AMBER:
        return "\xe2\x96\xb2 A";
    case OV_RAG_RED:
        return "\xe2\x96\xa0 R";
    case OV_RAG_SUPPRESSED:
        return "s";
    case OV_RAG_NOT_COVERED:
        return "nc";
    case OV_MARK_NOT_SENT:
        return "ns";
    default:
        return "\xe2\x80\x93";
    }
}

/* The name of a mark. */
const char *ov_pack_mark_name(int mark)
{
    return mark == OV_MARK_NOT_SENT ? "not_sent" : ov_rag_name((enum ov_rag)mark);
}

/* The data-quality flag of a figure, or NULL. */
const ov_pack_thin *ov_pack_thin_of(const ov_pack *p, const ov_figure *f)
{
    if (!p || !f)
        return NULL;
    if (p->thin_ix && f >= p->res.figs && f < p->res.figs + p->res.nfigs) {
        uint32_t i = p->thin_ix[f - p->res.figs];
        return i ? &p->thin[i - 1] : NULL;
    }
    if (p->view_thin_ix && f >= p->views.figs && f < p->views.figs + p->views.nfigs) {
        uint32_t i = p->view_thin_ix[f - p->views.figs];
        return i ? &p->view_thin[i - 1] : NULL;
    }
    return NULL;
}

/* 1 when a quarter-by-quarter table has a snapshot figure not covered. */
int ov_pack_views_snapshot_gap(const ov_pack *p, const int *ms, size_t k)
{
    const ov_pack_unit *u = ov_pack_head(p);
    for (size_t j = 0; j < k; j++) {
        if (!ov_metric_def_get((enum ov_metric_id)ms[j])->snapshot)
            continue;
        for (size_t v = 0; v < p->views.nperiods; v++) {
            const ov_figure *f = ov_pack_view_fig(p, (int)v, ms[j], u);
            if (ov_pack_mark(p, f) == OV_RAG_NOT_COVERED && !ov_pack_from_history(f))
                return 1;
        }
    }
    return 0;
}

/* The figure of view period k (0 .. nviews-1) for a unit and metric, or NULL. */
const ov_figure *ov_pack_view_fig(const ov_pack *p, int k, int metric, const ov_pack_unit *u)
{
    if (!p->views.nfigs || k < 0 || (size_t)k >= p->views.nperiods)
        return NULL;
    return ov_results_find(&p->views, k, metric, u->agency, u->team, OV_NONE);
}

/* 1 when a figure was taken from the history. */
int ov_pack_from_history(const ov_figure *f)
{
    return f && f->source == OV_SRC_HISTORY;
}

/* 1 for a figure rated green, amber or red. */
int ov_pack_rated(const ov_figure *f)
{
    return f && f->den > 0 &&
           (f->rag == OV_RAG_GREEN || f->rag == OV_RAG_AMBER || f->rag == OV_RAG_RED);
}

/* The printed value in tenths of a per cent, read off the printed text. */
long ov_pack_tenths(const ov_figure *f)
{
    char pct[16];
    ov_metrics_format_pct(f->num, f->den, pct);
    long whole = 0, tenth = 0;
    const char *s = pct;
    for (; *s >= '0' && *s <= '9'; s++)
        whole = whole * 10 + (*s - '0');
    if (*s == '.' && s[1] >= '0' && s[1] <= '9')
        tenth = s[1] - '0';
    return whole * 10 + tenth;
}

/* The change between the printed values of P and the previous period, so that
 * a reader can check it by subtraction; its direction follows the standard. */
ov_pack_change ov_pack_change_of(const ov_pack *p, int m, const ov_pack_unit *u)
{
    ov_pack_change c = {0, 0, 0};
    if (p->res.nperiods < 2)
        return c;
    const ov_figure *f0 = ov_pack_fig(p, 0, m, u, OV_NONE);
    const ov_figure *f1 = ov_pack_fig(p, 1, m, u, OV_NONE);
    if (!ov_pack_rated(f0) || !ov_pack_rated(f1))
        return c;
    c.comparable = 1;
    c.tenths = ov_pack_tenths(f0) - ov_pack_tenths(f1);
    long up = f0->threshold.lower_is_better ? -c.tenths : c.tenths;
    c.better = (up > 0) - (up < 0);
    return c;
}

/* "4.2" from tenths, without the sign. */
char *ov_pack_tenths_text(long tenths, char buf[24])
{
    if (tenths < 0)
        tenths = -tenths;
    snprintf(buf, 24, "%ld.%ld", tenths / 10, tenths % 10);
    return buf;
}

/* The head unit. */
const ov_pack_unit *ov_pack_head(const ov_pack *p)
{
    return &p->units[p->nunits - 1];
}

/* An agency's name (its id when unnamed); the head label for OV_ALL. */
const char *ov_pack_agency_name(const ov_pack *p, int32_t agency)
{
    if (agency < 0 || (size_t)agency >= p->data->nagencies)
        return p->head_label ? p->head_label : "";
    const ov_agency *a = &p->data->agencies[agency];
    return a->name && a->name[0] ? a->name : a->id;
}

/* The id of whoever holds most rows of a follow-up list. */
const char *ov_pack_followup_top_id(const ov_pack *p, const ov_pack_followup *f)
{
    if (p->head < 0 || (size_t)p->head >= p->data->nagencies || f->top == OV_NONE)
        return "";
    const ov_agency *a = &p->data->agencies[p->head];
    if ((size_t)f->top >= a->nstaff)
        return "";
    return ov_strtab_get(&a->staff_ids, a->staff[f->top].id);
}

/* A commentary row belongs in the pack: in the partnership's pack every row; in
 * an agency's own pack that agency's rows only; a row that names a period only
 * in the pack for that period. */
int ov_pack_comment_shown(const ov_pack *p, const ov_comment *c)
{
    if (!c->text || !c->text[0])
        return 0;
    const ov_period *pp = &p->res.periods[0];
    if (!ov_comment_in_period(c, pp->start, pp->end))
        return 0;
    return p->head == OV_ALL || c->agency == p->head;
}
