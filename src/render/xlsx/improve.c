/* improve.c — the "What are we doing to improve?" sheets of the board
 * workbook: Improve (the improvement actions with the overdue flag, then every
 * red or amber figure with no action against it) and Section 11 (a data-based
 * rating per supervision standard and agency, with the evidence, the scores
 * the agencies returned, the challenges, and the board's moderation). */
#include "core/mem.h"
#include "render/xlsx/improve.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words for action statuses (index enum ov_action_status). */
static const char *const status_words[OV_AS_COUNT] = {"Open", "In progress", "Complete"};

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
    ov_xlsx_table_columns(w, ws, heads, widths, NCOL, NCOL, cols, colp);

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

/* Section 11: per agency and standard the data-based rating and its evidence,
 * the returned scores (pre-filled, editable from the fixed list) and the
 * challenges the rule raises, all from the pack. */
void ov_xlsx_section11(ov_xw *w)
{
    const ov_data *d = w->data;
    const ov_s11 *s11 = &w->pack->s11;
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Section 11", OV_XLSX_TAB_IMPROVE, "Section 11: supervision standards",
        "For each agency and supervision standard: a rating from the data with its evidence, "
        "the agency's self-assessed score and the board's moderation, and the scores the data "
        "challenge.");
    if (!ws)
        return;
    char buf[320];
    if (s11->received)
        snprintf(buf, sizeof buf,
                 "Returned in section11.csv: %zu score(s) of %zu; challenged by the data: %zu "
                 "(marked CHALLENGE). Data-based rating: the worst rating among the standard's "
                 "rated figures (suppressed and no-data figures do not count); Not rated when "
                 "none is rated.",
                 s11->nreturned, s11->nrows, s11->nchallenged);
    else
        snprintf(buf, sizeof buf,
                 "No section11.csv was received: the yellow cells are for the agencies' "
                 "self-assessed scores and the board's moderation. Data-based rating: the worst "
                 "rating among the standard's rated figures (suppressed and no-data figures do "
                 "not count); Not rated when none is rated.");
    ov_xlsx_text(w, ws, 3, 0, buf, w->note);
    static const char *const heads[] = {"Agency",
                                        "Id",
                                        "Standard",
                                        "Standard id",
                                        "Data-based rating",
                                        "Evidence",
                                        "Self-assessed score",
                                        "Challenge",
                                        "Why",
                                        "Agency's evidence",
                                        "Moderated score",
                                        "Moderation note"};
    static const double widths[] = {30, 10, 26, 18, 13, 60, 20, 12, 40, 50, 20, 44};
    enum { NCOL = 12 };
    lxw_row_t hr = OV_XLSX_TOP;
    for (lxw_col_t c = 0; c < NCOL; c++) {
        ov_xlsx_col_width(w, ws, c, c, widths[c]);
        ov_xlsx_text(w, ws, hr, c, heads[c],
                     c == 4 || c == 6 || c == 7 || c == 10 ? w->head : w->head_l);
    }
    ov_xlsx_row_height(w, ws, hr, 30);
    lxw_row_t r = hr + 1;
    ov_buf ev = {0};
    for (size_t i = 0; i < s11->nrows; i++, r++) {
        const ov_s11_row *x = &s11->rows[i];
        const ov_agency *ag = &d->agencies[x->agency];
        ov_buf_reset(&ev);
        ov_buf_add(&ev, "", 0);
        for (size_t k = 0; k < x->nevidence; k++) {
            const ov_figure *f = x->evidence[k];
            const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)x->metrics[k]);
            char pct[32];
            const char *words = ov_xlsx_fig_words(w, f, pct);
            if (ov_xlsx_rated(f))
                ov_buf_printf(&ev, "%s%s %s (%s, %lld/%lld)", ev.len ? "; " : "", md->title, words,
                              ov_xlsx_rag_words[f->rag], (long long)f->num, (long long)f->den);
            else
                ov_buf_printf(&ev, "%s%s %s", ev.len ? "; " : "", md->title, words);
        }
        if (!ev.len)
            ov_buf_adds(&ev, "No figure of this standard is measured yet.");
        ov_xlsx_text(w, ws, r, 0, ag->name && *ag->name ? ag->name : ag->id, w->wrap);
        ov_xlsx_text(w, ws, r, 1, ag->id, w->wrap);
        ov_xlsx_text(w, ws, r, 2, ov_s11_title(x->standard), w->wrap);
        ov_xlsx_text(w, ws, r, 3, ov_s11_id(x->standard), w->id);
        ov_xlsx_text(w, ws, r, 4, x->rating >= 0 ? ov_xlsx_rag_words[x->rating] : "Not rated",
                     w->rag_word);
        ov_xlsx_text(w, ws, r, 5, ev.s, w->wrap);
        const ov_s11_score *sc = x->score;
        if (sc)
            ov_xlsx_text(w, ws, r, 6, ov_s11_score_words(sc->self_score), w->input);
        else
            ov_xlsx_blank(w, ws, r, 6, w->input);
        ov_xlsx_text(w, ws, r, 7, x->challenge ? "CHALLENGE" : "", w->rag_word);
        ov_xlsx_text(
            w, ws, r, 8,
            x->challenge == OV_S11_HIGHER  ? "Scored mostly or fully met, but the data are red"
            : x->challenge == OV_S11_LOWER ? "Scored not or partly met, but the data are green"
                                           : "",
            w->wrap);
        if (sc && sc->evidence)
            ov_xlsx_text(w, ws, r, 9, sc->evidence, w->wrap);
        else
            ov_xlsx_blank(w, ws, r, 9, w->wrap);
        if (sc && sc->moderated >= 0)
            ov_xlsx_text(w, ws, r, 10, ov_s11_score_words(sc->moderated), w->input);
        else
            ov_xlsx_blank(w, ws, r, 10, w->input);
        if (sc && sc->note)
            ov_xlsx_text(w, ws, r, 11, sc->note, w->input_wrap);
        else
            ov_xlsx_blank(w, ws, r, 11, w->input_wrap);
        int lines = ov_xlsx_lines(ev.s, widths[5]);
        int l0 = ov_xlsx_lines(ov_xlsx_clean(w, ag->name), widths[0]);
        int l9 = sc && sc->evidence ? ov_xlsx_lines(ov_xlsx_clean(w, sc->evidence), widths[9]) : 1;
        int l11 = sc && sc->note ? ov_xlsx_lines(ov_xlsx_clean(w, sc->note), widths[11]) : 1;
        lines = lines > l0 ? lines : l0;
        lines = lines > l9 ? lines : l9;
        ov_xlsx_row_lines(w, ws, r, lines > l11 ? lines : l11);
    }
    ov_buf_free(&ev);
    lxw_row_t last = r - 1;
    if (r > hr + 1) {
        ov_xlsx_cf_rag_words(w, ws, hr + 1, 4, last, 4);
        ov_xlsx_cf_word(w, ws, hr + 1, 4, last, 4, "Not rated", w->cf_rag[OV_RAG_NO_DATA]);
        ov_xlsx_cf_word(w, ws, hr + 1, 7, last, 7, "CHALLENGE", w->cf_flag);
        static const char *scores[OV_S11_SCORES + 1];
        for (int k = 0; k < OV_S11_SCORES; k++)
            scores[k] = ov_s11_score_words(k);
        scores[OV_S11_SCORES] = NULL;
        lxw_data_validation dv = {0};
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)scores;
        dv.ignore_blank = LXW_VALIDATION_ON;
        dv.input_title = "Score";
        dv.input_message = "Choose a score from the list.";
        dv.error_title = "Score";
        dv.error_message = "Choose one of the four scores in the list.";
        ov_xlsx_check(w, worksheet_data_validation_range(ws, hr + 1, 6, last, 6, &dv));
        ov_xlsx_check(w, worksheet_data_validation_range(ws, hr + 1, 10, last, 10, &dv));
    } else {
        ov_xlsx_text(w, ws, r++, 0, "No agency in the report.", w->note);
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 3);
    r++;
    ov_xlsx_text(w, ws, r++, 0,
                 "Evidence: the figures of the period behind each rating, as metrics.csv rates "
                 "them. A score is challenged when it is 2 or 3 (mostly or fully met) against a "
                 "red rating, or 0 or 1 (not or partly met) against a green one.",
                 w->note);
    ov_xlsx_text(w, ws, r++, 0,
                 "Scores: 0 - Not met, 1 - Partly met, 2 - Mostly met, 3 - Fully met. The yellow "
                 "cells hold the scores returned in section11.csv and stay editable for the "
                 "moderation panel.",
                 w->note);
}
