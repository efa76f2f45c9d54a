/* except.c — the Exceptions of an agency's report (--agency only), the last
 * part of section 4 ("What are we doing to improve?"), on pages of their own:
 * two tables that break across pages, listing by pseudonymous id the members
 * of staff and the children's episodes behind the agency's supervision and
 * case oversight figures, as the metrics engine lists them
 * (ov_metrics_exceptions). The partnership pack never has this section. */
#include "render/pdf/except.h"

#include "render/pdf/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"

/* Missed intervals printed per person; the rest are counted ("and N more"). */
#define MAX_INTERVALS 3

static const ov_pd_style note_style = {OV_PD_REGULAR, 8.0f, 11.0f, {0.36f, 0.38f, 0.42f}, 0, 8.0f};

/* A count as text into buf. */
static const char *num(int64_t v, char buf[32])
{
    return ov_pdf_count(v > 0 ? (uint64_t)v : 0, buf);
}

/* The denominator of the agency's figure of the report period (0 when none). */
static int64_t den_of(const ov_pdf *r, int metric)
{
    const ov_figure *f = ov_results_find(r->res, 0, metric, r->head, OV_NONE, OV_NONE);
    return f ? f->den : 0;
}

/* A muted note from a narrative key. */
static void note_key(ov_pdf *r, const char *key)
{
    char *t = ov_pdf_text(r, key, NULL, 0);
    if (t[0])
        ov_pd_paragraph(r->pd, &note_style, t);
    free(t);
}

/* The missed intervals of one person: the first few, one a line, then
 * "and N more" (caller frees). */
static char *missed_text(ov_pdf *r, const ov_exceptions *ex, const ov_staff_exception *x)
{
    int64_t n = x->required - x->met;
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (int64_t k = 0; k < n && k < MAX_INTERVALS; k++) {
        const ov_date_range *m = &ex->missed[x->missed_first + (size_t)k];
        char s1[32], s2[32];
        ov_narr_var v[] = {{"from", ov_pdf_short_date(m->start, s1)},
                           {"to", ov_pdf_short_date(m->end, s2)}};
        char *t = ov_pdf_text(r, "exceptions.range", v, 2);
        if (b.len)
            ov_buf_addc(&b, '\n');
        ov_buf_adds(&b, t);
        free(t);
    }
    if (n > MAX_INTERVALS) {
        char c[32];
        ov_narr_var v[] = {{"count", num(n - MAX_INTERVALS, c)}};
        char *t = ov_pdf_text(r, "exceptions.more", v, 1);
        ov_buf_addc(&b, '\n');
        ov_buf_adds(&b, t);
        free(t);
    }
    return ov_buf_detach(&b);
}

/* The staff table with its summary line. */
static void staff_part(ov_pdf *r, const ov_exceptions *ex)
{
    const ov_agency *a = &r->data->agencies[ex->agency];
    ov_pdf_heading(r, 3, "exceptions.staff_heading", 120);
    int64_t missed = 0, short_staff = 0, unsupervised = 0;
    for (size_t i = 0; i < ex->nstaff; i++) {
        missed += ex->staff[i].required - ex->staff[i].met;
        short_staff += ex->staff[i].required > ex->staff[i].met;
        unsupervised += !ex->staff[i].supervised;
    }
    char c[6][32];
    ov_narr_var sv[] = {{"short", num(short_staff, c[0])},
                        {"with_required", num(den_of(r, OV_M_STAFF_FULLY_COMPLIANT), c[1])},
                        {"missed", num(missed, c[2])},
                        {"required", num(den_of(r, OV_M_SUPERVISION_FREQUENCY), c[3])},
                        {"unsupervised", num(unsupervised, c[4])},
                        {"in_scope", num(den_of(r, OV_M_STAFF_SUPERVISED), c[5])}};
    if (ex->nstaff == 0) {
        ov_pdf_para(r, "exceptions.staff_none", NULL, 0);
        return;
    }
    ov_pdf_para(r, "exceptions.staff_summary", sv, 6);

    static const char *const hk[] = {"exceptions.col_staff",    "exceptions.col_team",
                                     "exceptions.col_schedule", "exceptions.col_met",
                                     "exceptions.col_missed",   "exceptions.col_supervised",
                                     "exceptions.col_last"};
    static const float widths[] = {62, 85, 55, 52, 121, 55, 65};
    enum { NC = 7 };
    char *h[NC];
    ov_pd_col cols[NC];
    for (int i = 0; i < NC; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i], OV_PD_ALIGN_LEFT};
    }
    char *yes = ov_pdf_text(r, "exceptions.yes", NULL, 0);
    char *no = ov_pdf_text(r, "exceptions.no", NULL, 0);
    char *never = ov_pdf_text(r, "exceptions.never", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, NC, 8.0f);
    for (size_t i = 0; i < ex->nstaff; i++) {
        const ov_staff_exception *x = &ex->staff[i];
        const ov_staff *st = &a->staff[x->staff];
        char key[48], m1[32], m2[32], last[32];
        snprintf(key, sizeof key, "exceptions.schedule.%s",
                 st->schedule < ov_codes_schedule.count ? ov_codes_schedule.names[st->schedule]
                                                        : "standard");
        char *sched = ov_pdf_text(r, key, NULL, 0);
        ov_narr_var mv[] = {{"met", num(x->met, m1)}, {"required", num(x->required, m2)}};
        char *met = ov_pdf_text(r, "exceptions.met", mv, 2);
        char *missed_list = missed_text(r, ex, x);
        int short_of = x->required > x->met;
        ov_pd_cell cells[NC] = {
            {ov_strtab_get(&a->staff_ids, st->id), NULL, NULL, 1},
            {ov_strtab_get(&a->teams, st->team), NULL, NULL, 0},
            {sched, NULL, NULL, 0},
            {met, short_of ? &ov_pdf_red : NULL, short_of ? &ov_pdf_white : NULL, short_of},
            {missed_list, NULL, NULL, 0},
            {x->supervised ? yes : no, x->supervised ? NULL : &ov_pdf_red,
             x->supervised ? NULL : &ov_pdf_white, !x->supervised},
            {x->last_held != OV_DATE_NONE ? ov_pdf_short_date(x->last_held, last) : never, NULL,
             NULL, 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(sched);
        free(met);
        free(missed_list);
    }
    ov_pd_table_end(r->pd, &t);
    note_key(r, "exceptions.staff_note");
    for (int i = 0; i < NC; i++)
        free(h[i]);
    free(yes);
    free(no);
    free(never);
}

/* The children table with its summary line. */
static void children_part(ov_pdf *r, const ov_exceptions *ex)
{
    const ov_agency *a = &r->data->agencies[ex->agency];
    ov_pdf_heading(r, 3, "exceptions.children_heading", 120);
    if (a->files[OV_DS_CASES].status != OV_FILE_RECEIVED && ex->nchildren == 0) {
        ov_pdf_para(r, "exceptions.no_cases", NULL, 0);
        return;
    }
    if (ex->nchildren == 0) {
        ov_pdf_para(r, "exceptions.children_none", NULL, 0);
        return;
    }
    int64_t now = 0, during = 0;
    for (size_t i = 0; i < ex->nchildren; i++) {
        now += ex->children[i].overdue_at_pe;
        during += ex->children[i].first_overdue != OV_DATE_NONE;
    }
    char c[4][32];
    ov_narr_var sv[] = {{"now", num(now, c[0])},
                        {"open", num(den_of(r, OV_M_CASE_OVERSIGHT_CURRENT), c[1])},
                        {"during", num(during, c[2])},
                        {"overlapping", num(den_of(r, OV_M_CASE_OVERSIGHT_PERIOD), c[3])}};
    ov_pdf_para(r, "exceptions.children_summary", sv, 4);

    static const char *const hk[] = {"exceptions.col_child", "exceptions.col_category",
                                     "exceptions.col_start", "exceptions.col_latest",
                                     "exceptions.col_due",   "exceptions.col_days",
                                     "exceptions.col_first"};
    static const float widths[] = {62, 95, 80, 65, 60, 53, 80};
    enum { NC = 7 };
    char *h[NC];
    ov_pd_col cols[NC];
    for (int i = 0; i < NC; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i], i == 5 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    char *never = ov_pdf_text(r, "exceptions.never", NULL, 0);
    char *not_overdue = ov_pdf_text(r, "exceptions.not_overdue", NULL, 0);
    char *closed = ov_pdf_text(r, "exceptions.closed", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, NC, 8.0f);
    for (size_t i = 0; i < ex->nchildren; i++) {
        const ov_child_exception *x = &ex->children[i];
        const ov_case *cs = &a->cases[x->episode];
        char key[64], d1[32], d2[32], d3[32], d4[32], d5[32], days[32];
        snprintf(key, sizeof key, "category.%s",
                 cs->category < ov_codes_category.count ? ov_codes_category.names[cs->category]
                                                        : "cin");
        char *cat = ov_pdf_text(r, key, NULL, 0);
        ov_narr_var v1[] = {{"date", ov_pdf_short_date(cs->start, d1)}};
        char *from = ov_pdf_text(r, "exceptions.started", v1, 1);
        char *episode;
        if (cs->end != OV_DATE_NONE) {
            ov_narr_var v2[] = {{"date", ov_pdf_short_date(cs->end, d2)}};
            char *to = ov_pdf_text(r, "exceptions.ended", v2, 1);
            episode = ov_xasprintf("%s\n%s", from, to);
            free(to);
        } else {
            episode = ov_xstrdup(from);
        }
        const char *days_text = x->open_at_pe ? not_overdue : closed;
        if (x->overdue_at_pe)
            days_text = num(x->days_overdue, days);
        ov_pd_cell cells[NC] = {
            {cs->child < a->child_ids.n ? ov_strtab_get(&a->child_ids, cs->child) : "", NULL, NULL,
             1},
            {cat, NULL, NULL, 0},
            {episode, NULL, NULL, 0},
            {x->latest_oversight != OV_DATE_NONE ? ov_pdf_short_date(x->latest_oversight, d3)
                                                 : never,
             NULL, NULL, 0},
            {ov_pdf_short_date(x->due, d4), NULL, NULL, 0},
            {days_text, x->overdue_at_pe ? &ov_pdf_red : NULL,
             x->overdue_at_pe ? &ov_pdf_white : NULL, x->overdue_at_pe},
            {x->first_overdue != OV_DATE_NONE ? ov_pdf_short_date(x->first_overdue, d5) : never,
             NULL, NULL, 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(cat);
        free(from);
        free(episode);
    }
    ov_pd_table_end(r->pd, &t);
    note_key(r, "exceptions.children_note");
    for (int i = 0; i < NC; i++)
        free(h[i]);
    free(never);
    free(not_overdue);
    free(closed);
}

/* An agency report's staff and children exception lists on a new page; returns 0 (nothing
 * in the pack), or -1 after ov_err when they were not computed. */
int ov_pdf_section_exceptions(ov_pdf *r)
{
    const ov_report_ctx *ctx = r->ctx;
    int32_t ag = ctx->agency_focus;
    if (ag < 0 || (size_t)ag >= r->data->nagencies || r->head != ag)
        return 0; /* the partnership pack: nothing to list, ever */
    const ov_exceptions *ex = ctx->exceptions;
    if (!ex || ex->agency != ag) {
        ov_err("board report PDF: the exception lists were not computed");
        return -1;
    }
    /* on pages of their own, the last part of section 4, so that they can be
     * printed or withheld apart from the rest of the report */
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 2, "exceptions.heading", 80);
    ov_pdf_para(r, "exceptions.intro", NULL, 0);
    staff_part(r, ex);
    children_part(r, ex);
    return 0;
}
