/* except.c — the Exceptions sheet of an agency's workbook (--agency only):
 * the members of staff and the children's episodes behind the agency's red
 * supervision and case-oversight figures, by pseudonymous id, as listed by the
 * metrics engine (ov_metrics_exceptions). The partnership pack never has this
 * sheet. */
#include "render/xlsx/except.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"

/* Words for the supervision schedules (index enum ov_schedule). */
static const char *const schedule_words[OV_SCHED_COUNT] = {"Standard (monthly)", "ASYE",
                                                           "Student (weekly)"};

/* Column widths of the sheet, shared by both tables (character units). */
enum { NCOL = 10 };
static const double widths[NCOL] = {14, 24, 18, 13, 13, 13, 30, 12, 16, 40};

/* Builds the header columns of a table from fixed strings. */
static void columns(ov_xw *w, const char *const *heads, lxw_table_column *cols,
                    lxw_table_column **colp)
{
    memset(cols, 0, NCOL * sizeof *cols);
    for (int c = 0; c < NCOL; c++) {
        cols[c].header = (char *)heads[c];
        cols[c].header_format = w->head_l;
        colp[c] = &cols[c];
    }
    colp[NCOL] = NULL;
}

/* Adds a light-styled Excel table named name (a fixed string) over rows hr..last. */
static void add_table(ov_xw *w, lxw_worksheet *ws, const char *name, lxw_row_t hr, lxw_row_t last,
                      lxw_table_column **colp)
{
    lxw_table_options to = {0};
    to.name = (char *)name;
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, last, NCOL - 1, &to));
    ov_xlsx_row_height(w, ws, hr, 30);
}

/* Appends a metric's title to a "; "-separated list. */
static void add_metric(ov_buf *b, int m)
{
    if (b->len)
        ov_buf_adds(b, "; ");
    ov_buf_adds(b, ov_metric_def_get((enum ov_metric_id)m)->title);
}

/* The staff table; returns the row after it. */
static lxw_row_t staff_table(ov_xw *w, lxw_worksheet *ws, const ov_exceptions *ex, lxw_row_t r)
{
    const ov_agency *a = &w->data->agencies[ex->agency];
    static const char *const heads[NCOL] = {
        "Staff id",      "Team",          "Schedule",         "Required intervals",
        "Met",           "Missed",        "Missed intervals", "1:1 held in the period",
        "Last 1:1 held", "Counts against"};
    lxw_table_column cols[NCOL];
    lxw_table_column *colp[NCOL + 1];
    columns(w, heads, cols, colp);
    lxw_row_t hr = r++;
    ov_buf missed = {0}, against = {0};
    for (size_t i = 0; i < ex->nstaff; i++, r++) {
        const ov_staff_exception *x = &ex->staff[i];
        const ov_staff *st = &a->staff[x->staff];
        int64_t nmiss = x->required - x->met;
        ov_buf_reset(&missed);
        ov_buf_add(&missed, "", 0);
        for (int64_t k = 0; k < nmiss; k++) {
            const ov_date_range *m = &ex->missed[x->missed_first + (size_t)k];
            char s1[16], s2[16];
            ov_buf_printf(&missed, "%s%s to %s", k ? "\n" : "", ov_xlsx_date_words(m->start, s1),
                          ov_xlsx_date_words(m->end, s2));
        }
        ov_buf_reset(&against);
        ov_buf_add(&against, "", 0);
        if (nmiss > 0) {
            add_metric(&against, OV_M_SUPERVISION_FREQUENCY);
            add_metric(&against, OV_M_STAFF_FULLY_COMPLIANT);
        }
        if (!x->supervised)
            add_metric(&against, OV_M_STAFF_SUPERVISED);
        ov_xlsx_text(w, ws, r, 0, ov_strtab_get(&a->staff_ids, st->id), w->text);
        ov_xlsx_text(w, ws, r, 1, ov_strtab_get(&a->teams, st->team), w->wrap);
        ov_xlsx_text(w, ws, r, 2, st->schedule < OV_SCHED_COUNT ? schedule_words[st->schedule] : "",
                     w->text);
        ov_xlsx_num(w, ws, r, 3, (double)x->required, w->integer);
        ov_xlsx_num(w, ws, r, 4, (double)x->met, w->integer);
        ov_xlsx_num(w, ws, r, 5, (double)nmiss, w->integer);
        ov_xlsx_text(w, ws, r, 6, missed.s, w->wrap);
        ov_xlsx_text(w, ws, r, 7, x->supervised ? "Yes" : "No", w->rag_word);
        ov_xlsx_date(w, ws, r, 8, x->last_held, w->date);
        ov_xlsx_text(w, ws, r, 9, against.s, w->wrap);
        int l1 = ov_xlsx_lines(missed.s, widths[6]), l2 = ov_xlsx_lines(against.s, widths[9]);
        ov_xlsx_row_lines(w, ws, r, l1 > l2 ? l1 : l2);
    }
    ov_buf_free(&missed);
    ov_buf_free(&against);
    if (ex->nstaff == 0)
        ov_xlsx_text(w, ws, r++, 0,
                     "No staff exceptions: every required interval was met and "
                     "everyone in scope had a one-to-one in the period.",
                     w->text);
    add_table(w, ws, "StaffExceptions", hr, r - 1, colp);
    ov_xlsx_cf_word(w, ws, hr + 1, 7, r - 1, 7, "No", w->cf_flag);
    return r;
}

/* The children table; returns the row after it. */
static lxw_row_t child_table(ov_xw *w, lxw_worksheet *ws, const ov_exceptions *ex, lxw_row_t r)
{
    const ov_agency *a = &w->data->agencies[ex->agency];
    static const char *const heads[NCOL] = {"Child id",
                                            "Category",
                                            "Episode start",
                                            "Episode end",
                                            "Latest oversight",
                                            "Due date",
                                            "Overdue at period end",
                                            "Days overdue",
                                            "First overdue day in the period",
                                            "Counts against"};
    lxw_table_column cols[NCOL];
    lxw_table_column *colp[NCOL + 1];
    columns(w, heads, cols, colp);
    lxw_row_t hr = r++;
    ov_buf against = {0};
    for (size_t i = 0; i < ex->nchildren; i++, r++) {
        const ov_child_exception *x = &ex->children[i];
        const ov_case *cs = &a->cases[x->episode];
        ov_buf_reset(&against);
        ov_buf_add(&against, "", 0);
        if (x->overdue_at_pe)
            add_metric(&against, OV_M_CASE_OVERSIGHT_CURRENT);
        if (x->first_overdue != OV_DATE_NONE)
            add_metric(&against, OV_M_CASE_OVERSIGHT_PERIOD);
        ov_xlsx_text(w, ws, r, 0,
                     cs->child < a->child_ids.n ? ov_strtab_get(&a->child_ids, cs->child) : "",
                     w->text);
        ov_xlsx_text(w, ws, r, 1, ov_xlsx_category_name(cs->category), w->wrap);
        ov_xlsx_date(w, ws, r, 2, cs->start, w->date);
        ov_xlsx_date(w, ws, r, 3, cs->end, w->date);
        ov_xlsx_date(w, ws, r, 4, x->latest_oversight, w->date);
        ov_xlsx_date(w, ws, r, 5, x->due, w->date);
        ov_xlsx_text(w, ws, r, 6, x->open_at_pe ? (x->overdue_at_pe ? "Yes" : "No") : "Closed",
                     w->rag_word);
        if (x->overdue_at_pe)
            ov_xlsx_num(w, ws, r, 7, (double)x->days_overdue, w->integer);
        else
            ov_xlsx_blank(w, ws, r, 7, w->integer);
        ov_xlsx_date(w, ws, r, 8, x->first_overdue, w->date);
        ov_xlsx_text(w, ws, r, 9, against.s, w->wrap);
        int l1 = ov_xlsx_lines(against.s, widths[9]);
        int l2 = ov_xlsx_lines(ov_xlsx_category_name(cs->category), widths[1]);
        ov_xlsx_row_lines(w, ws, r, l1 > l2 ? l1 : l2);
    }
    ov_buf_free(&against);
    if (ex->nchildren == 0)
        ov_xlsx_text(w, ws, r++, 0,
                     a->files[OV_DS_CASES].status == OV_FILE_RECEIVED
                         ? "No child exceptions: no episode was overdue for management oversight "
                           "in the period."
                         : "No case data (cases.csv) was received from this agency.",
                     w->text);
    add_table(w, ws, "ChildExceptions", hr, r - 1, colp);
    ov_xlsx_cf_word(w, ws, hr + 1, 6, r - 1, 6, "Yes", w->cf_flag);
    return r;
}

/* Exceptions: the staff and children behind the red figures of the agency in
 * focus. Only called for an agency's report. */
void ov_xlsx_exceptions(ov_xw *w)
{
    const ov_report_ctx *ctx = w->ctx;
    int32_t ag = ctx->agency_focus;
    if (ag < 0 || (size_t)ag >= w->data->nagencies || !w->res->nperiods)
        return;
    const ov_exceptions *ex = ctx->exceptions;
    if (!ex || ex->agency != ag) {
        ov_err("workbook: the exception lists were not computed");
        ov_xlsx_check(w, LXW_ERROR_PARAMETER_VALIDATION);
        return;
    }
    const ov_agency *a = &w->data->agencies[ag];
    char *heading = ov_xasprintf("What are we doing to improve? Exceptions: %s",
                                 a->name && *a->name ? a->name : a->id);
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Exceptions", OV_XLSX_TAB_IMPROVE, heading,
        "The staff and children behind the agency's supervision and case oversight figures, by "
        "pseudonymous id. For the agency's own use: never part of the partnership pack.");
    free(heading);
    if (!ws)
        return;
    /* two tables: the title block is frozen and printed on every page */
    ov_xlsx_sheet_header_rows(w, ws, 0, OV_XLSX_TOP - 1, 0);
    for (lxw_col_t c = 0; c < NCOL; c++)
        ov_xlsx_col_width(w, ws, c, c, widths[c]);

    int64_t missed = 0, short_staff = 0, unsupervised = 0, now = 0, during = 0;
    for (size_t i = 0; i < ex->nstaff; i++) {
        missed += ex->staff[i].required - ex->staff[i].met;
        short_staff += ex->staff[i].required > ex->staff[i].met;
        unsupervised += !ex->staff[i].supervised;
    }
    for (size_t i = 0; i < ex->nchildren; i++) {
        now += ex->children[i].overdue_at_pe;
        during += ex->children[i].first_overdue != OV_DATE_NONE;
    }
    const ov_figure *freq = ov_xlsx_fig(w, 0, OV_M_SUPERVISION_FREQUENCY, ag);
    char pe[16];
    char *line = ov_xasprintf(
        "Staff: %lld with a required interval not met (%lld of %lld intervals missed), %lld with "
        "no one-to-one in the period. Children: %lld episode(s) overdue at %s, %lld overdue at "
        "some point in the period.",
        (long long)short_staff, (long long)missed, (long long)(freq ? freq->den : 0),
        (long long)unsupervised, (long long)now, ov_xlsx_date_words(ex->period.end, pe),
        (long long)during);
    ov_xlsx_text(w, ws, 3, 0, line, w->key);
    free(line);

    lxw_row_t r = OV_XLSX_TOP;
    ov_xlsx_text(w, ws, r++, 0, "Staff behind the supervision figures", w->section);
    r = staff_table(w, ws, ex, r);
    ov_xlsx_text(w, ws, r++, 0,
                 "Missed intervals: each required interval (month, week, or ASYE week or "
                 "fortnight) with no one-to-one held in it. Last 1:1 held: on or before the "
                 "period end.",
                 w->note);
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Children's episodes behind the case oversight figures",
                 w->section);
    r = child_table(w, ws, ex, r);
    ov_xlsx_text(w, ws, r++, 0,
                 "Due date: the latest oversight (or the episode start) plus the category's "
                 "interval, at the period end or the episode's end. Days overdue: from the due "
                 "date to the period end.",
                 w->note);
    worksheet_set_selection(ws, OV_XLSX_TOP + 2, 0, OV_XLSX_TOP + 2, 0);
}
