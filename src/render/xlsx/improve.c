/* improve.c — the "What are we doing to improve?" sheets of the board
 * workbook: Improve (the improvement actions with the overdue flag, then every
 * red or amber figure with no action against it) and Section 11 (a data-based
 * rating per supervision standard and agency, with the evidence and columns
 * for the agency's self-assessment and the board's moderation). */
#include "core/mem.h"
#include "render/xlsx/improve.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words for action statuses (index enum ov_action_status). */
static const char *const status_words[OV_AS_COUNT] = {"Open", "In progress", "Complete"};

/* The scores offered on the Section 11 sheet: fixed strings, never extract text. */
static const char *const scores[] = {"1 - Inadequate", "2 - Requires improvement", "3 - Good",
                                     "4 - Outstanding", NULL};

/* Builds the header columns of a table from fixed strings. */
static void table_columns(ov_xw *w, lxw_worksheet *ws, const char *const *heads,
                          const double *widths, int n, lxw_table_column *cols,
                          lxw_table_column **colp)
{
    memset(cols, 0, (size_t)n * sizeof *cols);
    for (int c = 0; c < n; c++) {
        ov_xlsx_col_width(w, ws, (lxw_col_t)c, (lxw_col_t)c, widths[c]);
        cols[c].header = (char *)heads[c];
        cols[c].header_format = w->head_l;
        colp[c] = &cols[c];
    }
    colp[n] = NULL;
}

/* Improve: the actions and the uncovered red/amber figures. */
void ov_xlsx_improve(ov_xw *w)
{
    const ov_data *d = w->data;
    char buf[240];
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Improve", OV_XLSX_TAB_IMPROVE, "What are we doing to improve?",
        "The improvement plan (actions.csv) by status, then every red or amber figure of the "
        "period that has no improvement action against it.");
    if (!ws)
        return;
    static const char *const heads[] = {"Action",  "Agency",     "Metric", "Description",
                                        "Owner",   "Due",        "Status", "Completed",
                                        "Overdue", "Figure now", "RAG now"};
    static const double widths[] = {12, 22, 28, 60, 22, 12, 22, 12, 11, 11, 11};
    enum { NCOL = 11 };
    lxw_table_column cols[NCOL];
    lxw_table_column *colp[NCOL + 1];
    table_columns(w, ws, heads, widths, NCOL, cols, colp);

    const ov_pack *pk = w->pack;
    size_t n = pk->nactions, by_status[OV_AS_COUNT] = {0}, overdue = pk->overdue;
    for (size_t i = 0; i < n; i++)
        if (pk->actions[i].action->status < OV_AS_COUNT)
            by_status[pk->actions[i].action->status]++;

    char run[16];
    snprintf(buf, sizeof buf,
             "%zu action(s): %zu open, %zu in progress, %zu complete. Overdue at the run date "
             "(%s): %zu.",
             n, by_status[OV_AS_OPEN], by_status[OV_AS_IN_PROGRESS], by_status[OV_AS_COMPLETE],
             ov_xlsx_date_words(w->ctx->run_date, run), overdue);
    ov_xlsx_text(w, ws, 3, 0, buf, w->key);
    lxw_row_t r = OV_XLSX_TOP;
    ov_xlsx_text(w, ws, r++, 0, "Improvement actions", w->section);
    lxw_row_t hr = r++;
    for (size_t i = 0; i < n; i++, r++) {
        const ov_pack_action *x = &pk->actions[i];
        const ov_action *a = x->action;
        const ov_metric_def *md =
            a->metric >= 0 ? ov_metric_def_get((enum ov_metric_id)a->metric) : NULL;
        ov_xlsx_text(w, ws, r, 0, a->id, w->wrap);
        ov_xlsx_text(w, ws, r, 1,
                     a->agency >= 0 && (size_t)a->agency < d->nagencies ? d->agencies[a->agency].id
                                                                        : "Partnership",
                     w->wrap);
        ov_xlsx_text(w, ws, r, 2, md ? md->title : "(no metric)", w->wrap);
        ov_xlsx_text(w, ws, r, 3, a->description, w->wrap);
        ov_xlsx_text(w, ws, r, 4, a->owner, w->wrap);
        ov_xlsx_date(w, ws, r, 5, a->due, w->date);
        ov_xlsx_text(w, ws, r, 6,
                     x->still_short      ? "Complete \xe2\x80\x94 figure still red/amber"
                     : x->completed_late ? "Complete (completed late)"
                                         : status_words[a->status < OV_AS_COUNT ? a->status : 0],
                     w->wrap);
        ov_xlsx_date(w, ws, r, 7, a->completed, w->date);
        ov_xlsx_text(w, ws, r, 8, x->overdue ? "OVERDUE" : "", w->rag_word);
        if (x->figure) {
            ov_xlsx_fig_value(w, ws, r, 9, x->figure, 0);
            ov_xlsx_text(w, ws, r, 10, ov_xlsx_mark_word(w, x->figure), w->rag_word);
        } else {
            ov_xlsx_blank(w, ws, r, 9, w->text);
            ov_xlsx_blank(w, ws, r, 10, w->text);
        }
        int lines = ov_xlsx_lines(ov_xlsx_clean(w, a->description), widths[3]);
        int l2 = ov_xlsx_lines(ov_xlsx_clean(w, a->owner), widths[4]);
        int l3 = ov_xlsx_lines(md ? md->title : "", widths[2]);
        lines = lines > l2 ? lines : l2;
        ov_xlsx_row_lines(w, ws, r, lines > l3 ? lines : l3);
    }
    if (n == 0) {
        ov_xlsx_text(w, ws, r, 0,
                     d->files[OV_DS_ACTIONS].status == OV_FILE_RECEIVED
                         ? "No improvement actions"
                         : "No improvement plan was supplied (actions.csv)",
                     w->text);
        r++;
    }
    lxw_table_options to = {0};
    to.name = "Actions";
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, r - 1, NCOL - 1, &to));
    ov_xlsx_cf_word(w, ws, hr + 1, 8, r - 1, 8, "OVERDUE", w->cf_flag);
    ov_xlsx_cf_word(w, ws, hr + 1, 6, r - 1, 6, "Complete", w->cf_rag[OV_RAG_GREEN]);
    ov_xlsx_cf_rag_words(w, ws, hr + 1, 10, r - 1, 10);
    ov_xlsx_row_height(w, ws, hr, 24);
    ov_xlsx_check(w, worksheet_repeat_rows(ws, hr, hr));
    worksheet_freeze_panes(ws, hr + 1, 1);
    snprintf(buf, sizeof buf,
             "Overdue: not complete and due before the run date (%s). Sorted by status, "
             "overdue first, then due date. Figure now: the measure's figure for the period.",
             run);
    ov_xlsx_text(w, ws, r++, 0, buf, w->note);

    /* Red and amber figures with no action. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Red and amber figures with no improvement action", w->section);
    static const char *const uh[] = {"Agency id",        "Agency",    "Metric",
                                     "Why it is listed", "Metric id", "Value",
                                     "Target",           "RAG",       "Action"};
    enum { UCOL = 9 };
    lxw_table_column ucols[UCOL];
    lxw_table_column *ucolp[UCOL + 1];
    memset(ucols, 0, sizeof ucols);
    for (int c = 0; c < UCOL; c++) {
        ucols[c].header = (char *)uh[c];
        ucols[c].header_format = w->head_l;
        ucolp[c] = &ucols[c];
    }
    ucolp[UCOL] = NULL;
    lxw_row_t uhr = r++;
    size_t nunc = pk->ngaps;
    for (size_t i = 0; i < pk->ngaps; i++, r++) {
        const ov_pack_gap *g = &pk->gaps[i];
        const ov_figure *f = g->figure;
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)g->metric);
        const ov_agency *ag = g->agency == OV_ALL ? NULL : &d->agencies[g->agency];
        ov_xlsx_text(w, ws, r, 0, ag ? ag->id : "ALL", w->wrap);
        ov_xlsx_text(w, ws, r, 1, ag ? ov_pack_agency_name(pk, g->agency) : "Partnership", w->wrap);
        ov_xlsx_text(w, ws, r, 2, md ? md->title : "", w->wrap);
        ov_xlsx_text(w, ws, r, 3,
                     g->complete ? "Red or amber, and its action is complete while the figure is "
                                   "still red/amber"
                     : ag        ? "Red or amber, and no live action for this agency or the "
                                   "partnership"
                                 : "Red or amber, and no live partnership action",
                     w->wrap);
        ov_xlsx_text(w, ws, r, 4, md ? md->id : "", w->id);
        ov_xlsx_fig_value(w, ws, r, 5, f, 0);
        ov_xlsx_target(w, ws, r, 6, &f->threshold);
        ov_xlsx_text(w, ws, r, 7, ov_xlsx_mark_word(w, f), w->rag_word);
        ov_xlsx_text(w, ws, r, 8, "NO ACTION", w->rag_word);
    }
    if (nunc == 0) {
        ov_xlsx_text(w, ws, r++, 0, "Every red or amber figure has a live improvement action.",
                     w->text);
    }
    lxw_table_options uo = {0};
    uo.name = "NoAction";
    uo.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    uo.style_type_number = 1;
    uo.columns = ucolp;
    ov_xlsx_check(w, worksheet_add_table(ws, uhr, 0, r - 1, UCOL - 1, &uo));
    ov_xlsx_cf_rag_words(w, ws, uhr + 1, 7, r - 1, 7);
    ov_xlsx_cf_rag_ref(w, ws, uhr + 1, 5, r - 1, 5, 7);
    ov_xlsx_cf_word(w, ws, uhr + 1, 8, r - 1, 8, "NO ACTION", w->cf_flag);
    ov_xlsx_row_height(w, ws, uhr, 24);
    ov_xlsx_text(w, ws, r++, 0,
                 "An action covers a red or amber figure while it is open or in progress, when "
                 "its metric matches and its agency is that agency or blank (a partnership action "
                 "covers every agency and ALL); a complete action covers it only once it is green.",
                 w->note);
}

/* The Section 11 supervision standards and the metrics that evidence each. */
typedef struct {
    const char *name;
    int metrics[6]; /* -1 terminated */
} s11_standard;

static const s11_standard standards[] = {
    {"Frequency",
     {OV_M_SUPERVISION_FREQUENCY, OV_M_STAFF_FULLY_COMPLIANT, OV_M_GROUP_SUPERVISION_MONTHLY,
      OV_M_CASE_OVERSIGHT_CURRENT, OV_M_CASE_OVERSIGHT_PERIOD, -1}},
    {"Timeliness",
     {OV_M_NOTES_TIMELY, OV_M_CANCELLATION_RATE, OV_M_CANCELLED_REARRANGED, OV_M_ASSESSMENT_DAY8,
      OV_M_ASSESSMENT_DAY20, -1}},
    {"Coverage", {OV_M_STAFF_SUPERVISED, OV_M_FUNCTIONS_BALANCE, OV_M_OBSERVATION_CURRENT, -1}},
    {"Recording", {OV_M_NOTES_SHARED, OV_M_AGREEMENT_CURRENT, -1}},
    {"Supervisor training", {OV_M_SUPERVISOR_TRAINED, -1}},
};
#define NSTANDARDS (sizeof standards / sizeof standards[0])

/* Section 11: per agency and standard a data-based rating and its evidence. */
void ov_xlsx_section11(ov_xw *w)
{
    const ov_data *d = w->data;
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Section 11", OV_XLSX_TAB_IMPROVE, "Section 11: supervision standards",
        "For each agency and supervision standard: a rating from the data with its evidence, "
        "and columns for the agency's self-assessed score and the board's moderation.");
    if (!ws)
        return;
    ov_xlsx_text(w, ws, 3, 0,
                 "Data-based rating: the worst rating among the standard's rated figures "
                 "(suppressed and no-data figures do not count); Not rated when none is rated.",
                 w->note);
    static const char *const heads[] = {"Agency",          "Id",
                                        "Standard",        "Data-based rating",
                                        "Evidence",        "Self-assessed score",
                                        "Moderated score", "Moderation note"};
    static const double widths[] = {30, 10, 20, 13, 70, 24, 24, 44};
    lxw_row_t hr = OV_XLSX_TOP;
    for (lxw_col_t c = 0; c < 8; c++) {
        ov_xlsx_col_width(w, ws, c, c, widths[c]);
        ov_xlsx_text(w, ws, hr, c, heads[c], c < 3 || c == 4 || c == 7 ? w->head_l : w->head);
    }
    ov_xlsx_row_height(w, ws, hr, 30);
    lxw_row_t r = hr + 1;
    ov_buf ev = {0};
    for (size_t i = 0; i < w->nshown; i++) {
        int32_t agency = w->shown[i];
        const ov_agency *ag = &d->agencies[agency];
        for (size_t s = 0; s < NSTANDARDS; s++, r++) {
            int worst = -1;
            ov_buf_reset(&ev);
            ov_buf_add(&ev, "", 0);
            for (const int *m = standards[s].metrics; *m >= 0; m++) {
                const ov_figure *f = ov_xlsx_fig(w, 0, *m, agency);
                const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id) * m);
                char pct[32];
                const char *words = ov_xlsx_fig_words(w, f, pct);
                if (ov_xlsx_rated(f)) {
                    if ((int)f->rag > worst)
                        worst = f->rag;
                    ov_buf_printf(&ev, "%s%s %s (%s, %lld/%lld)", ev.len ? "; " : "",
                                  md ? md->title : "", words, ov_xlsx_rag_words[f->rag],
                                  (long long)f->num, (long long)f->den);
                } else {
                    ov_buf_printf(&ev, "%s%s %s", ev.len ? "; " : "", md ? md->title : "", words);
                }
            }
            ov_xlsx_text(w, ws, r, 0, ag->name && *ag->name ? ag->name : ag->id, w->wrap);
            ov_xlsx_text(w, ws, r, 1, ag->id, w->wrap);
            ov_xlsx_text(w, ws, r, 2, standards[s].name, w->wrap);
            ov_xlsx_text(w, ws, r, 3, worst >= 0 ? ov_xlsx_rag_words[worst] : "Not rated",
                         w->rag_word);
            ov_xlsx_text(w, ws, r, 4, ev.s, w->wrap);
            int lines = ov_xlsx_lines(ev.s, widths[4]);
            int l0 = ov_xlsx_lines(ov_xlsx_clean(w, ag->name), widths[0]);
            ov_xlsx_row_lines(w, ws, r, lines > l0 ? lines : l0);
            ov_xlsx_blank(w, ws, r, 5, w->input);
            ov_xlsx_blank(w, ws, r, 6, w->input);
            ov_xlsx_blank(w, ws, r, 7, w->input_wrap);
        }
    }
    ov_buf_free(&ev);
    lxw_row_t last = r - 1;
    if (r > hr + 1) {
        ov_xlsx_cf_rag_words(w, ws, hr + 1, 3, last, 3);
        ov_xlsx_cf_word(w, ws, hr + 1, 3, last, 3, "Not rated", w->cf_rag[OV_RAG_NO_DATA]);
        lxw_data_validation dv = {0};
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)scores;
        dv.ignore_blank = LXW_VALIDATION_ON;
        dv.input_title = "Score";
        dv.input_message = "Choose a score from the list.";
        dv.error_title = "Score";
        dv.error_message = "Choose one of the four scores in the list.";
        ov_xlsx_check(w, worksheet_data_validation_range(ws, hr + 1, 5, last, 6, &dv));
    } else {
        ov_xlsx_text(w, ws, r++, 0, "No agency in the report.", w->note);
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 3);
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Evidence: the figures of the period behind each rating.", w->note);
    ov_xlsx_text(w, ws, r++, 0,
                 "Scores: 1 - Inadequate, 2 - Requires improvement, 3 - Good, 4 - Outstanding. "
                 "The yellow cells are for the agency and the board to complete.",
                 w->note);
}
