/* doing.c — the "How are we doing?" sheets of the board workbook: Summary
 * (headline figures, trend arrows and the key-metric charts), Agencies (the
 * agency x metric matrix), Trend (figures over the periods with line charts),
 * Teams (a filterable table) and Case oversight (per category). */
#include "core/mem.h"
#include "core/strtab.h"
#include "render/xlsx/doing.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The key metrics charted on the Summary sheet. */
static const int key_metrics[] = {OV_M_SUPERVISION_FREQUENCY, OV_M_STAFF_SUPERVISED,
                                  OV_M_NOTES_TIMELY, OV_M_CASE_OVERSIGHT_CURRENT};
#define NKEY (sizeof key_metrics / sizeof key_metrics[0])

/* Chart colours of the ratings (stronger than the cell fills). */
static const lxw_color_t chart_rag[3] = {0x70AD47, 0xFFC000, 0xE06060};
#define CHART_NAVY 0x1F3864
#define CHART_GREY 0x404040

/* The threshold in force for a figure, or the standard's when there is none. */
static const ov_threshold *threshold_of(const ov_xw *w, const ov_figure *f, int m)
{
    return f ? &f->threshold : &w->std->metric[m];
}

/* "Frequency" from "frequency". */
static const char *area_words(int m)
{
    static const char *const names[] = {"Frequency", "Timeliness", "Coverage",
                                        "Quality",   "Outcomes",   "Information"};
    const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
    return d && d->area <= OV_AREA_INFO ? names[d->area] : "";
}

/* Writes numerator and denominator (blank unless rated). */
static void write_counts(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_figure *f)
{
    if (ov_xlsx_rated(f)) {
        ov_xlsx_num(w, ws, r, c, (double)f->num, w->integer);
        ov_xlsx_num(w, ws, r, c + 1, (double)f->den, w->integer);
    } else {
        ov_xlsx_blank(w, ws, r, c, w->text);
        ov_xlsx_blank(w, ws, r, c + 1, w->text);
    }
}

/* Compares a figure with the previous period's: -1, 0, 1, or 2 when it cannot.
 * Rated figures compare their printed values, as the pack's change does; info
 * figures their values. */
static int compare(const ov_figure *cur, const ov_figure *prev)
{
    if (cur && prev && cur->rag == OV_RAG_INFO && prev->rag == OV_RAG_INFO) {
        if (!cur->has_value || !prev->has_value)
            return 2;
        return (cur->value > prev->value) - (cur->value < prev->value);
    }
    if (!ov_xlsx_rated(cur) || !ov_xlsx_rated(prev))
        return 2;
    long d = ov_pack_tenths(cur) - ov_pack_tenths(prev);
    return (d > 0) - (d < 0);
}

/* The trend arrow and word for a comparison. */
static const char *trend_words(int cmp, const ov_figure *cur)
{
    int info = cur && cur->rag == OV_RAG_INFO;
    int lower = cur && cur->threshold.lower_is_better;
    switch (cmp) {
    case 1:
        return info ? "\xe2\x96\xb2 up" : lower ? "\xe2\x96\xb2 worse" : "\xe2\x96\xb2 better";
    case -1:
        return info ? "\xe2\x96\xbc down" : lower ? "\xe2\x96\xbc better" : "\xe2\x96\xbc worse";
    case 0:
        return "\xe2\x96\xb6 no change";
    default:
        return "\xe2\x80\x93";
    }
}

/* A note for a headline row that is not rated. */
static const char *row_note(ov_xw *w, const ov_figure *f, char buf[96])
{
    buf[0] = '\0';
    if (f && f->rag == OV_RAG_SUPPRESSED)
        snprintf(buf, 96, "Not rated: denominator below %d", w->ctx->suppress_below);
    else if (f && f->rag == OV_RAG_INFO && !f->has_value)
        snprintf(buf, 96, "Nothing to measure in the period");
    else if (!f || (f->rag != OV_RAG_INFO && !ov_xlsx_rated(f)))
        snprintf(buf, 96, "Nothing to measure (denominator 0)");
    return buf;
}

/* Inserts a column chart of one key metric: a column per agency coloured by its
 * rating and the target drawn over each column as a dashed outline. */
static void key_chart(ov_xw *w, lxw_worksheet *ws, int m, lxw_row_t r1, lxw_row_t r2,
                      lxw_row_t at_row, int x_off)
{
    const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
    lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_COLUMN);
    if (!ch) {
        ov_xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_chart_series *v = chart_add_series(ch, NULL, NULL);
    lxw_chart_series *t = chart_add_series(ch, NULL, NULL);
    if (!v || !t) {
        ov_xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    chart_series_set_categories(v, "Summary", r1, 2, r2, 2);
    chart_series_set_values(v, "Summary", r1, 3, r2, 3);
    chart_series_set_name(v, "Value");
    chart_series_set_categories(t, "Summary", r1, 2, r2, 2);
    chart_series_set_values(t, "Summary", r1, 4, r2, 4);
    chart_series_set_name(t, "Target");
    lxw_chart_font label_font = {.size = 8, .color = 0x262626};
    chart_series_set_labels(v);
    chart_series_set_labels_num_format(v, "0.0%");
    chart_series_set_labels_position(v, LXW_CHART_LABEL_POSITION_INSIDE_BASE);
    chart_series_set_labels_font(v, &label_font);

    lxw_chart_fill navy = {.color = CHART_NAVY};
    chart_series_set_fill(v, &navy);
    size_t n = (size_t)(r2 - r1) + 1;
    lxw_chart_point **pts = ov_xlsx_keep_ptr(w, ov_xcalloc(n + 1, sizeof *pts));
    lxw_chart_point *pt = ov_xlsx_keep_ptr(w, ov_xcalloc(n, sizeof *pt));
    lxw_chart_fill *fill = ov_xlsx_keep_ptr(w, ov_xcalloc(n, sizeof *fill));
    for (size_t i = 0; i < n; i++) {
        int32_t agency = i < w->nshown ? w->shown[i] : OV_ALL;
        const ov_figure *f = ov_xlsx_fig(w, 0, m, agency);
        fill[i].color = ov_xlsx_rated(f) ? chart_rag[f->rag] : CHART_NAVY;
        pt[i].fill = &fill[i];
        pts[i] = &pt[i];
    }
    chart_series_set_points(v, pts);

    lxw_chart_fill none = {.none = LXW_TRUE};
    lxw_chart_line dash = {
        .color = CHART_GREY, .width = 1.75, .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_fill(t, &none);
    chart_series_set_line(t, &dash);
    chart_set_series_overlap(ch, 100);
    chart_set_series_gap(ch, 70);

    lxw_chart_font tf = {.bold = LXW_TRUE, .size = 11, .color = CHART_NAVY};
    chart_title_set_name(ch, d ? d->title : "");
    chart_title_set_name_font(ch, &tf);
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, 1);
    chart_axis_set_major_unit(ch->y_axis, 0.2);
    chart_axis_set_num_format(ch->y_axis, "0%");
    lxw_chart_line grid = {.color = 0xD9D9D9};
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
    chart_axis_major_gridlines_set_line(ch->y_axis, &grid);
    lxw_chart_font small = {.size = 8};
    chart_axis_set_num_font(ch->x_axis, &small);
    chart_axis_set_num_font(ch->y_axis, &small);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    int16_t hide[] = {0, -1};
    ov_xlsx_check(w, chart_legend_delete_series(ch, hide));
    lxw_chart_options opt = {.x_offset = x_off, .y_offset = 4, .x_scale = 1.3, .y_scale = 1.0};
    ov_xlsx_check(w, worksheet_insert_chart_opt(ws, at_row, 0, ch, &opt));
}

/* Summary: the headline figure of every metric with trend, then the key charts. */
void ov_xlsx_summary(ov_xw *w)
{
    const ov_report_ctx *ctx = w->ctx;
    char buf[160];
    const char *prompt =
        w->headline == OV_ALL
            ? "Partnership figures for the period: all agencies pooled (numerators and "
              "denominators added, never percentages averaged), rated against the standards."
            : "Figures for the agency for the period, rated against the supervision standards.";
    lxw_worksheet *ws = ov_xlsx_sheet(w, "Summary", OV_XLSX_TAB_DOING,
                                      "How are we doing? Supervision performance", prompt);
    if (!ws)
        return;
    int has_trend = w->res->nperiods > 1, hist = 0;
    lxw_col_t c_trend = 8, c_prev = 9, c_change = 10, c_note = has_trend ? 11 : 8;

    ov_xlsx_col_width(w, ws, 0, 0, 31);
    ov_xlsx_col_width(w, ws, 1, 1, 22);
    ov_xlsx_col_width(w, ws, 2, 2, 10);
    ov_xlsx_col_width(w, ws, 3, 7, 10.5);
    if (has_trend)
        ov_xlsx_col_width(w, ws, 8, 10, 11.5);
    ov_xlsx_col_width(w, ws, c_note, c_note, 34);

    /* Counts of the ratings. */
    int count[OV_RAG_COUNT] = {0};
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_figure *f = ov_xlsx_fig(w, 0, m, w->headline);
        count[f && f->rag <= OV_RAG_NO_DATA ? f->rag : OV_RAG_NO_DATA]++;
    }
    snprintf(buf, sizeof buf,
             "%s: %d green, %d amber, %d red; %d suppressed (fewer than %d in the "
             "denominator); %d with no data.",
             w->headline == OV_ALL ? "Partnership ratings" : "Ratings", count[OV_RAG_GREEN],
             count[OV_RAG_AMBER], count[OV_RAG_RED], count[OV_RAG_SUPPRESSED], ctx->suppress_below,
             count[OV_RAG_NO_DATA]);
    ov_xlsx_text(w, ws, 3, 0, buf, w->key);

    lxw_row_t hr = OV_XLSX_TOP;
    static const char *const heads[] = {"Metric", "Metric id", "Area",      "Value",
                                        "Target", "RAG",       "Numerator", "Denominator"};
    for (lxw_col_t c = 0; c < 8; c++)
        ov_xlsx_text(w, ws, hr, c, heads[c], c < 2 ? w->head_l : w->head);
    if (has_trend) {
        snprintf(buf, sizeof buf, "Trend vs %s", w->res->periods[1].label);
        ov_xlsx_text(w, ws, hr, c_trend, buf, w->head);
        snprintf(buf, sizeof buf, "%s value", w->res->periods[1].label);
        ov_xlsx_text(w, ws, hr, c_prev, buf, w->head);
        ov_xlsx_text(w, ws, hr, c_change, "Change", w->head);
    }
    ov_xlsx_text(w, ws, hr, c_note, "Note", w->head_l);
    ov_xlsx_row_height(w, ws, hr, 30);

    lxw_row_t r = hr + 1, first = r;
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        if (m == OV_M_FIRST_INFO) {
            ov_xlsx_text(w, ws, r, 0, "Context (information only, not rated)", w->text_b);
            for (lxw_col_t c = 1; c <= c_note; c++)
                ov_xlsx_blank(w, ws, r, c, w->text_b);
            r++;
        }
        const ov_figure *f = ov_xlsx_fig(w, 0, m, w->headline);
        int info = m >= OV_M_FIRST_INFO;
        ov_xlsx_text(w, ws, r, 0, d ? d->title : "", w->text);
        ov_xlsx_text(w, ws, r, 1, d ? d->id : "", w->id);
        ov_xlsx_text(w, ws, r, 2, area_words(m), w->text);
        ov_xlsx_fig_value(w, ws, r, 3, f, 0);
        if (info)
            ov_xlsx_blank(w, ws, r, 4, w->text);
        else
            ov_xlsx_target(w, ws, r, 4, threshold_of(w, f, m));
        ov_xlsx_text(w, ws, r, 5, info ? "Info" : ov_xlsx_mark_word(w, f), w->rag_word);
        write_counts(w, ws, r, 6, f);
        if (has_trend) {
            const ov_figure *p = ov_xlsx_fig(w, 1, m, w->headline);
            hist |= ov_pack_from_history(p);
            int cmp = compare(f, p);
            ov_xlsx_text(w, ws, r, c_trend, trend_words(cmp, f), w->rag_word);
            ov_xlsx_fig_value(w, ws, r, c_prev, p, 0);
            ov_pack_change ch = ov_pack_change_of(w->pack, m, ov_pack_head(w->pack));
            if (!info && ch.comparable)
                ov_xlsx_num(w, ws, r, c_change, (double)ch.tenths / 10.0, w->change);
            else
                ov_xlsx_blank(w, ws, r, c_change, w->text);
        }
        char note[96];
        ov_xlsx_text(w, ws, r, c_note, row_note(w, f, note), w->text);
        r++;
    }
    lxw_row_t last = r - 1;
    ov_xlsx_cf_rag_words(w, ws, first, 5, last, 5);
    ov_xlsx_cf_rag_ref(w, ws, first, 3, last, 3, 5);
    if (has_trend) {
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_TEXT;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
        cf.value_string = "better";
        cf.format = w->cf_better;
        ov_xlsx_check(w,
                      worksheet_conditional_format_range(ws, first, c_trend, last, c_trend, &cf));
        cf.value_string = "worse";
        cf.format = w->cf_worse;
        ov_xlsx_check(w,
                      worksheet_conditional_format_range(ws, first, c_trend, last, c_trend, &cf));
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 1);

    /* Notes under the table. */
    r++;
    ov_xlsx_text(w, ws, r++, 0,
                 "Value = numerator / denominator. Green: at or beyond the target; Amber: at or "
                 "beyond the amber threshold; Red: below it. Cancellation rate: lower is better.",
                 w->note);
    snprintf(buf, sizeof buf,
             "Suppressed: fewer than %d in the denominator, so the figure is neither shown nor "
             "rated. No data: nothing to measure in the period.",
             ctx->suppress_below);
    ov_xlsx_text(w, ws, r++, 0, buf, w->note);
    if (has_trend) {
        snprintf(buf, sizeof buf,
                 "Trend compares with %s: \xe2\x96\xb2 rose, \xe2\x96\xbc fell, \xe2\x96\xb6 "
                 "unchanged; better/worse takes the metric's direction into account.",
                 w->res->periods[1].label);
        ov_xlsx_text(w, ws, r++, 0, buf, w->note);
    }
    if (hist && w->pack->history_note)
        ov_xlsx_text(w, ws, r++, 0, w->pack->history_note, w->note);
    if (w->pack->nthin_now)
        ov_xlsx_text(w, ws, r++, 0,
                     OV_PACK_THIN_MARK " The figure rests on a field the agencies seldom fill, so "
                                       "it reflects recording as much as practice: the Board sheet "
                                       "lists each such figure in words.",
                     w->note);

    /* The key messages, as the report gives them. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Key messages", w->section);
    for (size_t i = 0; i < w->pack->nmessages; i++)
        ov_xlsx_text(w, ws, r++, 0, w->pack->messages[i], w->text);

    /* Key-metric charts on a page of their own, then the data they plot. */
    r++;
    lxw_row_t chart_head = r;
    ov_xlsx_text(w, ws, r++, 0, "Key metrics by agency", w->section);
    ov_xlsx_text(w, ws, r++, 0,
                 "Columns: each agency's figure, coloured by its rating (none when suppressed "
                 "or no data); dashed outline: the target.",
                 w->note);
    lxw_row_t chart_row = r;
    lxw_row_t data_head = chart_row + 2 * 16 + 1;
    ov_xlsx_text(w, ws, data_head, 0, "Data for the charts above (blank = suppressed or no data)",
                 w->section);
    lxw_row_t dh = data_head + 1;
    static const char *const dheads[] = {"Agency", "Metric id", "Id", "Value", "Target"};
    for (lxw_col_t c = 0; c < 5; c++)
        ov_xlsx_text(w, ws, dh, c, dheads[c], c < 2 ? w->head_l : w->head);
    lxw_row_t dr = dh + 1;
    /* the partnership row only in the pack: an agency's report holds its own figures */
    size_t nrow = w->nshown + (w->headline == OV_ALL);
    for (size_t k = 0; k < NKEY; k++) {
        int m = key_metrics[k];
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        lxw_row_t r1 = dr;
        for (size_t i = 0; i < nrow; i++, dr++) {
            int32_t agency = i < w->nshown ? w->shown[i] : OV_ALL;
            const ov_agency *a = agency == OV_ALL ? NULL : &w->data->agencies[agency];
            const ov_figure *f = ov_xlsx_fig(w, 0, m, agency);
            ov_xlsx_text(w, ws, dr, 0, a ? (a->name && *a->name ? a->name : a->id) : "Partnership",
                         a ? w->text : w->text_b);
            ov_xlsx_text(w, ws, dr, 1, d ? d->id : "", w->id);
            ov_xlsx_text(w, ws, dr, 2, a ? a->id : "ALL", w->text);
            if (ov_xlsx_rated(f))
                ov_xlsx_num(w, ws, dr, 3, (double)f->num / (double)f->den, w->pct);
            else
                ov_xlsx_blank(w, ws, dr, 3, w->text);
            ov_xlsx_num(w, ws, dr, 4, threshold_of(w, f, m)->target / 100.0, w->pct);
        }
        key_chart(w, ws, m, r1, dr - 1, chart_row + (lxw_row_t)(k / 2) * 16, k % 2 ? 650 : 0);
    }
    lxw_row_t breaks[] = {chart_head, data_head, 0};
    ov_xlsx_check(w, worksheet_set_h_pagebreaks(ws, breaks));
    worksheet_set_selection(ws, hr + 1, 0, hr + 1, 0);
}

/* Agencies: the matrix of agencies x metrics (with the ALL row in the pack) and a legend. */
void ov_xlsx_agencies(ov_xw *w)
{
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Agencies", OV_XLSX_TAB_DOING, "How are we doing? Figures by agency",
        "Each agency's figures for the period against the standards; the letter after a figure "
        "(G, A, R) repeats its colour for black-and-white printing.");
    if (!ws)
        return;
    lxw_row_t hr = OV_XLSX_TOP, tr = hr + 1;
    ov_xlsx_col_width(w, ws, 0, 0, ov_xlsx_agency_width(w, 28, 64));
    ov_xlsx_col_width(w, ws, 1, 1, 8);
    ov_xlsx_col_width(w, ws, 2, 2, 10);
    ov_xlsx_col_width(w, ws, 3, 3 + OV_M_FIRST_INFO - 1, 10.5);
    ov_xlsx_text(w, ws, hr, 0, "Agency", w->head_l);
    ov_xlsx_text(w, ws, hr, 1, "Id", w->head);
    ov_xlsx_text(w, ws, hr, 2, "Data", w->head);
    ov_xlsx_text(w, ws, tr, 0, "Target (standard)", w->text_b);
    ov_xlsx_blank(w, ws, tr, 1, w->text_b);
    ov_xlsx_blank(w, ws, tr, 2, w->text_b);
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        lxw_col_t c = (lxw_col_t)(3 + m);
        ov_xlsx_text(w, ws, hr, c, d ? d->title : "", w->head);
        ov_xlsx_target(w, ws, tr, c, &w->std->metric[m]);
    }
    ov_xlsx_row_height(w, ws, hr, 54);

    lxw_row_t r = tr + 1;
    for (size_t i = 0; i <= w->nshown; i++) {
        int32_t agency = i < w->nshown ? w->shown[i] : OV_ALL;
        if (agency == OV_ALL && w->headline != OV_ALL)
            continue; /* an agency's report holds its own figures only, as metrics.csv */
        if (agency == OV_ALL) {
            ov_xlsx_text(w, ws, r, 0, "Partnership (ALL)", w->text_b);
            ov_xlsx_text(w, ws, r, 1, "ALL", w->text_b);
            ov_xlsx_blank(w, ws, r, 2, w->text_b);
        } else {
            const ov_agency *a = &w->data->agencies[agency];
            ov_xlsx_text(w, ws, r, 0, a->name && *a->name ? a->name : a->id, w->text);
            ov_xlsx_text(w, ws, r, 1, a->id, w->text);
            ov_xlsx_text(w, ws, r, 2, a->incomplete ? "incomplete" : "complete",
                         a->incomplete ? w->warn_word : w->text);
        }
        for (int m = 0; m < OV_M_FIRST_INFO; m++)
            ov_xlsx_fig_value(w, ws, r, (lxw_col_t)(3 + m), ov_xlsx_fig(w, 0, m, agency), 1);
        r++;
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, tr, 3);

    ov_xlsx_rag_legend(w, ws, r + 1, 1);
}

/* Trend: every metric (ALL) over the periods, oldest first, with line charts. */
void ov_xlsx_trend(ov_xw *w)
{
    const ov_results *res = w->res;
    size_t np = res->nperiods;
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Trend", OV_XLSX_TAB_DOING, "How are we doing? Trend over time",
        w->headline == OV_ALL ? "Partnership figures for each period, oldest on the left; the "
                                "report period is the last column."
                              : "The agency's figures for each period, oldest on the left; the "
                                "report period is the last column.");
    if (!ws)
        return;
    ov_xlsx_col_width(w, ws, 0, 0, 34);
    ov_xlsx_col_width(w, ws, 1, 1, 24);
    ov_xlsx_col_width(w, ws, 2, 2, 11);
    ov_xlsx_col_width(w, ws, 3, (lxw_col_t)(3 + (np ? np : 1) - 1), 13);
    lxw_row_t hr = OV_XLSX_TOP;
    ov_xlsx_text(w, ws, hr, 0, "Metric", w->head_l);
    ov_xlsx_text(w, ws, hr, 1, "Metric id", w->head_l);
    ov_xlsx_text(w, ws, hr, 2, "Target", w->head);
    for (size_t k = 0; k < np; k++)
        ov_xlsx_text(w, ws, hr, (lxw_col_t)(3 + k), res->periods[np - 1 - k].label, w->head);
    ov_xlsx_row_height(w, ws, hr, 30);
    lxw_row_t r = hr + 1;
    int hist = 0;
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        const ov_figure *latest = ov_xlsx_fig(w, 0, m, w->headline);
        ov_xlsx_text(w, ws, r, 0, d ? d->title : "", w->text);
        ov_xlsx_text(w, ws, r, 1, d ? d->id : "", w->id);
        if (m < OV_M_FIRST_INFO)
            ov_xlsx_target(w, ws, r, 2, threshold_of(w, latest, m));
        else
            ov_xlsx_blank(w, ws, r, 2, w->text);
        for (size_t k = 0; k < np; k++) {
            const ov_figure *f = ov_xlsx_fig(w, np - 1 - k, m, w->headline);
            ov_xlsx_fig_value(w, ws, r, (lxw_col_t)(3 + k), f, 1);
            hist |= ov_pack_from_history(f);
        }
        r++;
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 2);
    if (hist && w->pack->history_note)
        ov_xlsx_text(w, ws, r++, 0, w->pack->history_note, w->note);
    r++;
    if (np < 2) {
        ov_xlsx_text(w, ws, r, 0,
                     "Only the report period was computed: run with --trend N to compare it "
                     "with the N-1 periods before it.",
                     w->note);
        return;
    }

    /* Chart data: per rated metric a value row and a target row. */
    const int per_row = 3;
    const int chart_rows = 12;
    int nchart = OV_M_FIRST_INFO;
    lxw_row_t chart_top = r + 1;
    ov_xlsx_text(w, ws, r, 0, "Charts", w->section);
    lxw_row_t data_top = chart_top + (lxw_row_t)((nchart + per_row - 1) / per_row * chart_rows) + 1;
    ov_xlsx_text(w, ws, data_top, 0, "Data for the charts (blank = suppressed or no data)",
                 w->section);
    lxw_row_t dh = data_top + 1;
    ov_xlsx_text(w, ws, dh, 0, "Metric", w->head_l);
    ov_xlsx_text(w, ws, dh, 1, "Metric id", w->head_l);
    ov_xlsx_text(w, ws, dh, 2, "Series", w->head);
    for (size_t k = 0; k < np; k++)
        ov_xlsx_text(w, ws, dh, (lxw_col_t)(3 + k), res->periods[np - 1 - k].label, w->head);
    lxw_row_t dr = dh + 1;
    lxw_col_t c1 = 3, c2 = (lxw_col_t)(3 + np - 1);
    for (int m = 0; m < nchart; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        for (int row = 0; row < 2; row++) {
            ov_xlsx_text(w, ws, dr + row, 0, d ? d->title : "", w->text);
            ov_xlsx_text(w, ws, dr + row, 1, d ? d->id : "", w->id);
            ov_xlsx_text(w, ws, dr + row, 2, row ? "Target" : "Value", w->text);
            for (size_t k = 0; k < np; k++) {
                const ov_figure *f = ov_xlsx_fig(w, np - 1 - k, m, w->headline);
                lxw_col_t c = (lxw_col_t)(3 + k);
                if (row)
                    ov_xlsx_num(w, ws, dr + 1, c, threshold_of(w, f, m)->target / 100.0, w->pct);
                else if (ov_xlsx_rated(f))
                    ov_xlsx_num(w, ws, dr, c, (double)f->num / (double)f->den, w->pct);
                else
                    ov_xlsx_blank(w, ws, dr, c, w->text);
            }
        }
        lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_LINE);
        lxw_chart_series *v = ch ? chart_add_series(ch, NULL, NULL) : NULL;
        lxw_chart_series *t = ch ? chart_add_series(ch, NULL, NULL) : NULL;
        if (!v || !t) {
            ov_xlsx_check(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(v, "Trend", dh, c1, dh, c2);
        chart_series_set_values(v, "Trend", dr, c1, dr, c2);
        chart_series_set_name(v, w->headline == OV_ALL ? "Partnership" : "Agency");
        chart_series_set_categories(t, "Trend", dh, c1, dh, c2);
        chart_series_set_values(t, "Trend", dr + 1, c1, dr + 1, c2);
        chart_series_set_name(t, "Target");
        lxw_chart_line vl = {.color = CHART_NAVY, .width = 2.25};
        chart_series_set_line(v, &vl);
        chart_series_set_marker_type(v, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(v, 6);
        lxw_chart_fill mf = {.color = CHART_NAVY};
        chart_series_set_marker_fill(v, &mf);
        chart_series_set_marker_line(v, &vl);
        lxw_chart_line tl = {
            .color = CHART_GREY, .width = 1.25, .dash_type = LXW_CHART_LINE_DASH_DASH};
        chart_series_set_line(t, &tl);
        chart_series_set_marker_type(t, LXW_CHART_MARKER_NONE);
        lxw_chart_font tf = {.bold = LXW_TRUE, .size = 10, .color = CHART_NAVY};
        chart_title_set_name(ch, d ? d->title : "");
        chart_title_set_name_font(ch, &tf);
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_axis_set_major_unit(ch->y_axis, 0.25);
        chart_axis_set_num_format(ch->y_axis, "0%");
        lxw_chart_line grid = {.color = 0xD9D9D9};
        chart_axis_major_gridlines_set_line(ch->y_axis, &grid);
        lxw_chart_font small = {.size = 8};
        chart_axis_set_num_font(ch->x_axis, &small);
        chart_axis_set_num_font(ch->y_axis, &small);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
        lxw_chart_options opt = {
            .x_offset = (m % per_row) * 340, .y_offset = 4, .x_scale = 0.69, .y_scale = 0.78};
        ov_xlsx_check(w, worksheet_insert_chart_opt(
                             ws, chart_top + (lxw_row_t)(m / per_row * chart_rows), 0, ch, &opt));
        dr += 2;
    }
    /* Page breaks: the charts start a page, two rows of charts a page, then the data. */
    size_t nrows = (size_t)(nchart + per_row - 1) / per_row, nb = 0;
    lxw_row_t *breaks = ov_xcalloc(nrows / 2 + 3, sizeof *breaks);
    breaks[nb++] = r;
    for (size_t k = 2; k < nrows; k += 2)
        breaks[nb++] = chart_top + (lxw_row_t)(k * chart_rows);
    breaks[nb++] = data_top;
    breaks[nb] = 0;
    ov_xlsx_check(w, worksheet_set_h_pagebreaks(ws, breaks));
    free(breaks);
}

/* The data whose team names team_cmp reads (qsort passes no context). */
static const ov_data *sort_data;
/* Orders team figures by agency, team name and metric. */
static int team_cmp(const void *pa, const void *pb)
{
    const ov_figure *a = *(const ov_figure *const *)pa, *b = *(const ov_figure *const *)pb;
    if (a->agency != b->agency)
        return a->agency < b->agency ? -1 : 1;
    if (a->team != b->team) {
        const ov_strtab *t = &sort_data->agencies[a->agency].teams;
        int c = strcmp(ov_strtab_get(t, (uint32_t)a->team), ov_strtab_get(t, (uint32_t)b->team));
        if (c)
            return c;
        return a->team < b->team ? -1 : 1;
    }
    return (a->metric > b->metric) - (a->metric < b->metric);
}

/* 1 when the agency is one of the report's. */
static int shown(const ov_xw *w, int32_t agency)
{
    for (size_t i = 0; i < w->nshown; i++)
        if (w->shown[i] == agency)
            return 1;
    return 0;
}

/* Teams: a row per team of the agencies shown, a column per measure worked
 * out by team (each figure colour-rated with its letter), as a filterable
 * Excel table; the counts behind each figure are in metrics.csv. */
void ov_xlsx_teams(ov_xw *w)
{
    char buf[400];
    snprintf(buf, sizeof buf,
             "Each team's figure of every measure worked out by team, for the period; the letter "
             "after a figure (G, A, R) repeats its colour. A team with fewer than %d in a "
             "measure's denominator shows 'suppressed'. Numerators and denominators: metrics.csv; "
             "targets: the Definitions sheet. Use the filter buttons to choose an agency or a "
             "team, or to sort by a measure.",
             w->ctx->suppress_below);
    lxw_worksheet *ws =
        ov_xlsx_sheet(w, "Teams", OV_XLSX_TAB_DOING, "How are we doing? Figures by team", buf);
    if (!ws)
        return;
    /* the columns: the measures worked out by team, in the order of the definitions */
    enum { FIXED = 3 };
    int col_of[OV_M_COUNT], nm = 0;
    const char *heads[FIXED + OV_M_FIRST_INFO] = {"Agency id", "Agency", "Team"};
    double widths[FIXED + OV_M_FIRST_INFO] = {11, ov_xlsx_agency_width(w, 24, 40), 26};
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        col_of[m] = -1;
        if (m >= OV_M_FIRST_INFO || !d || d->scope != OV_SCOPE_STAFF)
            continue;
        col_of[m] = FIXED + nm;
        heads[FIXED + nm] = d->title;
        widths[FIXED + nm] = 12;
        nm++;
    }
    int ncol = FIXED + nm;
    lxw_table_column cols[FIXED + OV_M_FIRST_INFO];
    lxw_table_column *colp[FIXED + OV_M_FIRST_INFO + 1];
    ov_xlsx_table_columns(w, ws, heads, widths, ncol, FIXED, cols, colp);

    /* the team figures of the period, team by team */
    const ov_results *res = w->res;
    const ov_figure **figs = ov_xcalloc(res->nfigs ? res->nfigs : 1, sizeof *figs);
    size_t n = 0;
    for (size_t i = 0; i < res->nfigs; i++) {
        const ov_figure *f = &res->figs[i];
        if (f->period != 0 || f->team == OV_NONE || f->category != OV_NONE || f->agency < 0 ||
            (size_t)f->agency >= w->data->nagencies || !shown(w, f->agency) ||
            (size_t)f->team >= w->data->agencies[f->agency].teams.n || f->metric >= OV_M_COUNT ||
            col_of[f->metric] < 0)
            continue;
        figs[n++] = f;
    }
    sort_data = w->data;
    qsort(figs, n, sizeof *figs, team_cmp);

    lxw_row_t hr = OV_XLSX_TOP, r = hr;
    for (size_t i = 0; i < n; i++) {
        const ov_figure *f = figs[i];
        if (i == 0 || f->agency != figs[i - 1]->agency || f->team != figs[i - 1]->team) {
            const ov_agency *a = &w->data->agencies[f->agency];
            r++;
            ov_xlsx_text(w, ws, r, 0, a->id, w->text);
            ov_xlsx_text(w, ws, r, 1, a->name && *a->name ? a->name : a->id, w->text);
            ov_xlsx_text(w, ws, r, 2, ov_strtab_get(&a->teams, (uint32_t)f->team), w->text);
            for (int c = FIXED; c < ncol; c++)
                ov_xlsx_blank(w, ws, r, (lxw_col_t)c, w->text);
        }
        ov_xlsx_fig_value(w, ws, r, (lxw_col_t)col_of[f->metric], f, 1);
    }
    if (n == 0)
        ov_xlsx_text(w, ws, ++r, 0, "No team figures", w->note);
    lxw_table_options to = {0};
    to.name = "TeamFigures";
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, r, (lxw_col_t)(ncol - 1), &to));
    ov_xlsx_row_height(w, ws, hr, 54);
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, FIXED);
    ov_xlsx_rag_legend(w, ws, r + 2, 0);
    free(figs);
}

/* Trend by agency: every rated figure of every period for the agencies shown and
 * the partnership (in an agency's own workbook, that agency), as a filterable
 * table: period, agency, area, measure, numerator, denominator, value, RAG. */
void ov_xlsx_trend_agencies(ov_xw *w)
{
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Trend by agency", OV_XLSX_TAB_DOING, "How are we doing? Every measure over time",
        "Each agency's and the partnership's figure of every rated measure in every period of "
        "the run. Use the filter buttons to choose a measure, an agency or a period.");
    if (!ws)
        return;
    static const char *const heads[] = {"Period",  "Agency id",    "Agency",           "Area",
                                        "Measure", "Numerator",    "Denominator",      "Value",
                                        "RAG",     "Field filled", "Data-quality note"};
    static const double widths[] = {12, 11, 34, 13, 32, 12, 13, 11, 12, 11, 60};
    enum { NCOL = sizeof heads / sizeof heads[0] };
    lxw_table_column cols[NCOL];
    lxw_table_column *colp[NCOL + 1];
    ov_xlsx_table_columns(w, ws, heads, widths, NCOL, 5, cols, colp);
    static const char *const areas[] = {"Frequency", "Timeliness", "Coverage", "Quality",
                                        "Outcomes"};
    lxw_row_t hr = OV_XLSX_TOP, r = hr + 1;
    for (size_t p = w->res->nperiods; p-- > 0;)
        for (size_t i = 0; i <= w->nshown; i++) {
            int32_t agency = i < w->nshown ? w->shown[i] : OV_ALL;
            if (agency == OV_ALL && w->headline != OV_ALL)
                continue;
            for (int m = 0; m < OV_M_FIRST_INFO; m++, r++) {
                const ov_figure *f = ov_xlsx_fig(w, p, m, agency);
                const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
                ov_xlsx_text(w, ws, r, 0, w->res->periods[p].label, w->text);
                ov_xlsx_text(w, ws, r, 1, agency == OV_ALL ? "ALL" : w->data->agencies[agency].id,
                             w->text);
                ov_xlsx_text(w, ws, r, 2,
                             agency == OV_ALL ? "Partnership"
                                              : ov_pack_agency_name(w->pack, agency),
                             w->text);
                ov_xlsx_text(w, ws, r, 3, d->area < OV_AREA_INFO ? areas[d->area] : "", w->text);
                ov_xlsx_text(w, ws, r, 4, d->title, w->text);
                write_counts(w, ws, r, 5, f);
                ov_xlsx_fig_value(w, ws, r, 7, f, 0);
                ov_xlsx_text(w, ws, r, 8, ov_xlsx_mark_word(w, f), w->rag_word);
                /* the share of rows filling the field the figure rests on, for a
                 * figure shown with its numbers (rated) */
                const ov_pack_thin *t = ov_pack_thin_of(w->pack, f);
                if (ov_xlsx_rated(f) && f->fill_den > 0)
                    ov_xlsx_num(w, ws, r, 9, (double)f->fill_num / (double)f->fill_den, w->pct);
                else
                    ov_xlsx_blank(w, ws, r, 9, w->text);
                if (t)
                    ov_xlsx_text(w, ws, r, 10, t->sentence, w->text);
                else
                    ov_xlsx_blank(w, ws, r, 10, w->text);
            }
        }
    lxw_table_options to = {0};
    to.name = "TrendByAgency";
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, r - 1, NCOL - 1, &to));
    ov_xlsx_cf_rag_words(w, ws, hr + 1, 8, r - 1, 8);
    ov_xlsx_cf_rag_ref(w, ws, hr + 1, 7, r - 1, 7, 8);
    ov_xlsx_row_height(w, ws, hr, 30);
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 1);
}

/* Quarters: the figures of the periods beside P, a row per unit and measure. */
void ov_xlsx_quarters(ov_xw *w)
{
    const ov_pack *p = w->pack;
    size_t nv = p->views.nperiods;
    if (!p->views.nfigs || !nv || nv > OV_MAX_VIEWS)
        return;
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Quarters", OV_XLSX_TAB_DOING, "How are we doing? Quarter by quarter",
        "Every rated measure in the quarters of the financial year so far, the year to date and "
        "the same quarter last year (for a year: its four quarters and the year). Use the filter "
        "buttons to choose a measure or an agency.");
    if (!ws)
        return;
    enum { FIXED = 4 };
    const char *heads[FIXED + OV_MAX_VIEWS] = {"Agency id", "Agency", "Area", "Measure"};
    double widths[FIXED + OV_MAX_VIEWS] = {11, 34, 13, 32};
    for (size_t v = 0; v < nv; v++) {
        heads[FIXED + v] = p->views.periods[v].label;
        widths[FIXED + v] = 15;
    }
    int ncol = FIXED + (int)nv;
    lxw_table_column cols[FIXED + OV_MAX_VIEWS];
    lxw_table_column *colp[FIXED + OV_MAX_VIEWS + 1];
    ov_xlsx_table_columns(w, ws, heads, widths, ncol, FIXED, cols, colp);
    colp[ncol] = NULL;
    static const char *const areas[] = {"Frequency", "Timeliness", "Coverage", "Quality",
                                        "Outcomes"};
    lxw_row_t hr = OV_XLSX_TOP, r = hr + 1;
    int hist = 0, thin = 0;
    for (size_t u = 0; u < p->nunits; u++) {
        const ov_pack_unit *un = &p->units[u];
        if (un->team != OV_NONE)
            continue; /* agencies and the partnership (an agency's own: the agency) */
        for (int m = 0; m < OV_M_FIRST_INFO; m++, r++) {
            const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
            ov_xlsx_text(w, ws, r, 0,
                         un->agency == OV_ALL ? "ALL" : w->data->agencies[un->agency].id,
                         un->total ? w->text_b : w->text);
            ov_xlsx_text(w, ws, r, 1, un->label, un->total ? w->text_b : w->text);
            ov_xlsx_text(w, ws, r, 2, d->area < OV_AREA_INFO ? areas[d->area] : "", w->text);
            ov_xlsx_text(w, ws, r, 3, d->title, w->text);
            for (size_t v = 0; v < nv; v++) {
                const ov_figure *f = ov_pack_view_fig(p, (int)v, m, un);
                hist |= ov_pack_from_history(f);
                thin |= ov_pack_thin_of(p, f) != NULL;
                ov_xlsx_fig_value(w, ws, r, (lxw_col_t)(FIXED + v), f, 1);
            }
        }
    }
    lxw_table_options to = {0};
    to.name = "Quarters";
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, r - 1, (lxw_col_t)(ncol - 1), &to));
    ov_xlsx_row_height(w, ws, hr, 30);
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 2);
    r++;
    ov_xlsx_text(
        w, ws, r++, 0,
        "Each figure carries the letter of its rating (G, A, R). Staff-record measures "
        "(agreements, observations, training) describe staff as the extract found them, so "
        "quarters that end before the report period are not covered unless the history "
        "holds the figure reported then.",
        w->note);
    if (hist && p->views_history_note)
        ov_xlsx_text(w, ws, r++, 0, p->views_history_note, w->note);
    if (thin)
        for (size_t i = 0; i < p->nview_thin; i++)
            ov_xlsx_text(w, ws, r++, 0, p->view_thin[i].sentence, w->note);
}

/* Writes numerator, denominator, value and RAG word of a figure from column c. */
static void fig_group(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const ov_figure *f)
{
    write_counts(w, ws, r, c, f);
    ov_xlsx_fig_value(w, ws, r, c + 2, f, 0);
    ov_xlsx_text(w, ws, r, c + 3, ov_xlsx_mark_word(w, f), w->rag_word);
}

/* Case oversight: per category for the case-holding agencies (and ALL in the pack). */
void ov_xlsx_cases(ov_xw *w)
{
    char buf[160], pe[16];
    const ov_period *p = w->res->nperiods ? &w->res->periods[0] : NULL;
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Case oversight", OV_XLSX_TAB_DOING,
        "How are we doing? Management oversight of children's records",
        "Children's episodes by category: whether management oversight was in date at the end "
        "of the period, and whether it stayed in date throughout the period.");
    if (!ws)
        return;
    static const double widths[] = {34, 30, 11, 11, 12, 11, 12, 11, 12, 11, 12};
    for (lxw_col_t c = 0; c < 11; c++)
        ov_xlsx_col_width(w, ws, c, c, widths[c]);
    lxw_row_t gr = OV_XLSX_TOP, hr = gr + 1;
    for (lxw_col_t c = 0; c < 3; c++)
        ov_xlsx_blank(w, ws, gr, c, w->head_group);
    snprintf(buf, sizeof buf, "Oversight in date at %s",
             p ? ov_xlsx_date_words(p->end, pe) : "period end");
    ov_xlsx_check(w, worksheet_merge_range(ws, gr, 3, gr, 6, ov_xlsx_clean(w, buf), w->head_group));
    ov_xlsx_check(w, worksheet_merge_range(ws, gr, 7, gr, 10, "Never overdue during the period",
                                           w->head_group));
    static const char *const heads[] = {
        "Agency", "Category",  "Interval (months)", "Numerator", "Denominator", "Value",
        "RAG",    "Numerator", "Denominator",       "Value",     "RAG"};
    for (lxw_col_t c = 0; c < 11; c++)
        ov_xlsx_text(w, ws, hr, c, heads[c], c < 2 ? w->head_l : w->head);
    ov_xlsx_row_height(w, ws, hr, 30);

    /* Category figures of the period: cat[(slot * 2 + k) * OV_CAT_COUNT + category]. */
    const ov_figure **cat = ov_xcalloc(w->nslot * 2 * OV_CAT_COUNT, sizeof *cat);
    for (size_t i = 0; i < w->res->nfigs; i++) {
        const ov_figure *f = &w->res->figs[i];
        if (f->period != 0 || f->team != OV_NONE || f->category < 0 || f->category >= OV_CAT_COUNT)
            continue;
        int k = f->metric == OV_M_CASE_OVERSIGHT_CURRENT  ? 0
                : f->metric == OV_M_CASE_OVERSIGHT_PERIOD ? 1
                                                          : -1;
        if (k < 0 || f->agency < OV_ALL ||
            (f->agency >= 0 && (size_t)f->agency >= w->data->nagencies))
            continue;
        size_t slot = f->agency == OV_ALL ? 0 : (size_t)f->agency + 1;
        cat[(slot * 2 + (size_t)k) * OV_CAT_COUNT + (size_t)f->category] = f;
    }
    /* Blocks: ALL in the pack (when any agency holds cases), then each case-holding agency. */
    int32_t *blocks = ov_xcalloc(w->nshown + 1, sizeof *blocks);
    size_t nb = 0;
    for (size_t i = 0; i < w->nshown; i++) {
        int32_t a = w->shown[i];
        const ov_agency *ag = &w->data->agencies[a];
        const ov_figure *cur = ov_xlsx_fig(w, 0, OV_M_CASE_OVERSIGHT_CURRENT, a);
        const ov_figure *per = ov_xlsx_fig(w, 0, OV_M_CASE_OVERSIGHT_PERIOD, a);
        if (ag->files[OV_DS_CASES].status == OV_FILE_RECEIVED || (cur && cur->den > 0) ||
            (per && per->den > 0))
            blocks[nb++] = a;
    }
    lxw_row_t r = hr + 1;
    if (nb == 0) {
        ov_xlsx_text(w, ws, r, 0, "No agency sent case data (cases.csv) for the period.", w->note);
        free(cat);
        free(blocks);
        ov_xlsx_sheet_header_rows(w, ws, gr, hr, 2);
        return;
    }
    lxw_row_t first = r;
    for (size_t b = w->headline == OV_ALL ? 0 : 1; b <= nb; b++) {
        int32_t a = b == 0 ? OV_ALL : blocks[b - 1];
        size_t slot = a == OV_ALL ? 0 : (size_t)a + 1;
        const char *label = a == OV_ALL ? "Partnership (ALL)" : NULL;
        char *owned = label ? NULL : ov_xstrdup(ov_xlsx_agency_label(w, a));
        for (int c = 0; c < OV_CAT_COUNT; c++) {
            const ov_figure *fc = cat[(slot * 2) * OV_CAT_COUNT + (size_t)c];
            const ov_figure *fp = cat[(slot * 2 + 1) * OV_CAT_COUNT + (size_t)c];
            if (!fc && !fp)
                continue;
            ov_xlsx_text(w, ws, r, 0, label ? label : owned, w->text);
            ov_xlsx_text(w, ws, r, 1, ov_xlsx_category_name(c), w->text);
            ov_xlsx_num(w, ws, r, 2, w->std->interval_months[c], w->integer);
            fig_group(w, ws, r, 3, fc);
            fig_group(w, ws, r, 7, fp);
            r++;
        }
        ov_xlsx_text(w, ws, r, 0, label ? label : owned, w->text_b);
        ov_xlsx_text(w, ws, r, 1, "All categories", w->text_b);
        ov_xlsx_blank(w, ws, r, 2, w->text_b);
        fig_group(w, ws, r, 3, ov_xlsx_fig(w, 0, OV_M_CASE_OVERSIGHT_CURRENT, a));
        fig_group(w, ws, r, 7, ov_xlsx_fig(w, 0, OV_M_CASE_OVERSIGHT_PERIOD, a));
        r++;
        free(owned);
    }
    lxw_row_t last = r - 1;
    ov_xlsx_cf_rag_words(w, ws, first, 6, last, 6);
    ov_xlsx_cf_rag_words(w, ws, first, 10, last, 10);
    ov_xlsx_cf_rag_ref(w, ws, first, 5, last, 5, 6);
    ov_xlsx_cf_rag_ref(w, ws, first, 9, last, 9, 10);
    ov_xlsx_sheet_header_rows(w, ws, gr, hr, 2);
    r++;
    snprintf(buf, sizeof buf,
             "Interval: the longest gap allowed between management oversights for the "
             "category (standards). Suppressed: fewer than %d episodes.",
             w->ctx->suppress_below);
    ov_xlsx_text(w, ws, r, 0, buf, w->note);
    free(cat);
    free(blocks);
}
