/* know.c — "How do we know?" on the web page (data received, what the
 * extracts cover, the three sources side by side, the figures restated since
 * they were reported, rows read, accepted and rejected, rejections by rule,
 * field completeness, suppression, standards and provenance) and the
 * appendix (definitions, standards, every figure with its numerator and
 * denominator, every measure over the periods), as the PDF prints them. */
#include "render/html/know.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ingest/ingest.h"
#include "metrics/metric_defs.h"
#include "render/evidence.h"

/* Agencies shown in this section (all, or the one in focus). */
static int agency_shown(const ov_html *h, size_t a)
{
    return h->head == OV_ALL || (int32_t)a == h->head;
}

/* Label of a dataset from the narrative ("Staff", ...); caller frees. */
static char *dataset_label(ov_html *h, int ds)
{
    char key[48];
    snprintf(key, sizeof key, "dataset.%s", ov_dataset_name((enum ov_dataset)ds));
    return ov_html_text(h, key, NULL, 0);
}

/* Column headings from narrative keys into heads and cols (num: columns set
 * right, a bit per column); free heads with free_heads. */
static void heads_of(ov_html *h, const char *const *keys, size_t n, unsigned num, char **heads,
                     ov_html_col *cols)
{
    for (size_t i = 0; i < n; i++) {
        heads[i] = ov_html_text(h, keys[i], NULL, 0);
        cols[i] = (ov_html_col){heads[i], (num >> i) & 1u};
    }
}

/* Frees n headings. */
static void free_heads(char **heads, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(heads[i]);
}

/* A table's caption from a key, opened with columns (caption hidden: the heading says it). */
static void table_open(ov_html *h, const char *caption_key, const ov_html_col *cols, size_t n)
{
    char *caption = ov_html_text(h, caption_key, NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, n);
    free(caption);
}

/* The coverage grid: agency x dataset status. */
static void coverage_grid(ov_html *h)
{
    const int nds = OV_DS_COUNT - OV_DS_FIRST_AGENCY;
    ov_html_col cols[OV_DS_COUNT + 1];
    char *heads[OV_DS_COUNT + 1];
    heads[0] = ov_html_text(h, "table.unit_agency", NULL, 0);
    cols[0] = (ov_html_col){heads[0], 0};
    for (int i = 0; i < nds; i++) {
        heads[i + 1] = dataset_label(h, OV_DS_FIRST_AGENCY + i);
        cols[i + 1] = (ov_html_col){heads[i + 1], 0};
    }
    table_open(h, "know.sources_heading", cols, (size_t)nds + 1);
    for (size_t a = 0; a < h->data->nagencies; a++) {
        if (!agency_shown(h, a))
            continue;
        const ov_agency *ag = &h->data->agencies[a];
        ov_html_row(h, NULL);
        ov_html_th(h, ov_html_agency_name(h, (int32_t)a));
        for (int i = 0; i < nds; i++) {
            int ds = OV_DS_FIRST_AGENCY + i;
            static const char *const cls[] = {NULL, "a", "r", "x"};
            int kind;
            char *word = ov_ev_file_status(&h->w, ds, ag->files[ds].status, &kind);
            ov_html_td(h, word, cls[kind]);
            free(word);
        }
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    free_heads(heads, (size_t)nds + 1);
}

/* The partnership's own files as one sentence. */
static void partnership_files(ov_html *h)
{
    char *t = ov_ev_partnership_files(&h->w);
    ov_html_el(h, "<p>", t, "</p>\n");
    free(t);
}

/* What each agency's extract covers, then how many agencies cover each period. */
static void windows_table(ov_html *h)
{
    ov_html_heading(h, 3, "know.windows_heading", "windows");
    ov_html_para(h, "know.windows_intro", NULL, 0);
    ov_narr_var pv[] = {{"period", h->res->periods[0].label}};
    static const char *const hk[] = {"table.unit_agency", "know.col_from", "know.col_to",
                                     "know.col_extract"};
    char *hd[5];
    ov_html_col cols[5];
    heads_of(h, hk, 4, 0, hd, cols);
    hd[4] = ov_html_text(h, "know.col_covers", pv, 1);
    cols[4] = (ov_html_col){hd[4], 0};
    char *open_end = ov_html_text(h, "know.window_open", NULL, 0);
    char *not_given = ov_html_text(h, "know.not_given", NULL, 0);
    char *yes = ov_html_text(h, "word.yes", NULL, 0), *no = ov_html_text(h, "word.no", NULL, 0);
    table_open(h, "know.windows_heading", cols, 5);
    for (size_t a = 0; a < h->data->nagencies; a++) {
        if (!agency_shown(h, a))
            continue;
        const ov_agency *ag = &h->data->agencies[a];
        char from[32], to[32], ext[32];
        int covers = ov_agency_covers(ag, h->res->periods[0].start, h->res->periods[0].end);
        ov_html_row(h, NULL);
        ov_html_th(h, ov_html_agency_name(h, (int32_t)a));
        ov_html_td(h,
                   ag->window_from != OV_DATE_NONE ? ov_words_short_date(ag->window_from, from)
                                                   : open_end,
                   NULL);
        ov_html_td(
            h, ag->window_to != OV_DATE_NONE ? ov_words_short_date(ag->window_to, to) : open_end,
            NULL);
        ov_html_td(h,
                   ag->extract_date != OV_DATE_NONE ? ov_words_short_date(ag->extract_date, ext)
                                                    : not_given,
                   NULL);
        ov_html_td(h, covers ? yes : no, covers ? NULL : "a");
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    char *covering = ov_ev_covering(&h->w);
    ov_html_el(h, "<p>", covering, "</p>\n");
    free(covering);
    free_heads(hd, 5);
    free(open_end);
    free(not_given);
    free(yes);
    free(no);
}

/* Frequency, audits and practitioners' voice side by side for every unit. */
static void sources_table(ov_html *h)
{
    const ov_pack *p = h->pack;
    ov_html_heading(h, 3, "know.sources3_heading", "sources");
    ov_html_para(h, "know.sources3_intro", NULL, 0);
    const char *hk[] = {h->head == OV_ALL ? "table.unit_agency" : "table.unit_team",
                        "know.col_frequency", "know.col_quality", "know.col_voice",
                        "know.col_says"};
    char *hd[5];
    ov_html_col cols[5];
    heads_of(h, hk, 5, 0, hd, cols);
    table_open(h, "know.sources3_heading", cols, 5);
    for (size_t i = 0; i < p->nsources; i++) {
        const ov_pack_sources *s = &p->sources[i];
        ov_html_row(h, s->unit->total ? "total" : NULL);
        ov_html_th(h, s->unit->label);
        ov_html_td_fig(h, s->frequency);
        ov_html_td_fig(h, s->quality);
        ov_html_td_fig(h, s->voice);
        ov_html_td(h, s->sentence, NULL);
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    free_heads(hd, 5);
}

/* With a history: the figures of earlier periods restated since they were reported. */
static void restatements_table(ov_html *h)
{
    const ov_pack *p = h->pack;
    const ov_history_findings *hf = h->ctx->history;
    int any_run = 0;
    for (size_t k = 1; hf && k < hf->nperiods; k++)
        any_run |= hf->reported_on[k] != OV_DATE_NONE;
    char n[24];
    snprintf(n, sizeof n, "%zu", p->nrestatements);
    ov_narr_var v[] = {{"count", n}};
    ov_html_heading(h, 3, "know.restated_heading", "restated");
    if (!any_run) {
        ov_html_para(h, h->res->nperiods > 1 ? "know.restated_no_runs" : "know.restated_no_trend",
                     v, 1);
        return;
    }
    if (p->nrestatements == 0) {
        ov_html_para(h, "know.restated_none", v, 1);
        return;
    }
    ov_html_para(h, "know.restated_intro", v, 1);
    static const char *const hk[] = {"know.col_period",      "table.unit_agency",
                                     "know.col_measure",     "know.col_reported",
                                     "know.col_reported_on", "know.col_now"};
    char *hd[6];
    ov_html_col cols[6];
    heads_of(h, hk, 6, 0x28, hd, cols);
    char *partnership = ov_html_text(h, "unit.partnership", NULL, 0);
    table_open(h, "know.restated_heading", cols, 6);
    for (size_t i = 0; i < p->nrestatements; i++) {
        const ov_pack_restatement *x = &p->restatements[i];
        char *measure = ov_ev_restated_measure(&h->w, x);
        char then[32], now[32], on[32];
        ov_html_row(h, NULL);
        ov_html_th(h, h->res->periods[x->period].label);
        ov_html_td(h, x->agency == OV_ALL ? partnership : ov_html_agency_name(h, x->agency), NULL);
        ov_html_td(h, measure, NULL);
        ov_html_td(h, ov_html_value(h, &x->reported, then), "n");
        ov_html_td(h, ov_words_short_date(x->reported_on, on), NULL);
        ov_html_td(h, ov_html_value(h, x->now, now), "n");
        ov_html_row_end(h);
        free(measure);
    }
    ov_html_table_end(h);
    free_heads(hd, 6);
    free(partnership);
}

/* One row of the rows table. */
static void rows_row(ov_html *h, const ov_ev_count_row *row)
{
    char b[32];
    ov_html_row(h, row->total ? "total" : NULL);
    ov_html_th(h, row->label);
    for (int i = 0; i < 5; i++)
        ov_html_td(h, ov_words_count(row->c[i], b), "n");
    ov_html_td(h, row->status, row->flagged ? "a" : NULL);
    ov_html_row_end(h);
}

/* Rows read, accepted and rejected per agency (and the partnership's files). */
static void rows_table(ov_html *h)
{
    static const char *const hk[] = {"table.unit_agency", "know.col_files",    "know.col_read",
                                     "know.col_accepted", "know.col_rejected", "know.col_warnings",
                                     "know.col_figures"};
    char *hd[7];
    ov_html_col cols[7];
    heads_of(h, hk, 7, 0x3e, hd, cols);
    table_open(h, "know.rows_heading", cols, 7);
    ov_ev_count_row *rows;
    size_t n = ov_ev_count_rows(&h->w, &rows);
    for (size_t i = 0; i < n; i++)
        rows_row(h, &rows[i]);
    ov_ev_count_rows_free(rows, n);
    ov_html_table_end(h);
    free_heads(hd, 7);
}

/* Rejections, warnings and information lines by rule code, agency and file. */
static void rules_table(ov_html *h)
{
    const ov_pack_issues *g = h->pack->issues;
    size_t n = h->pack->nissues;
    if (n == 0) {
        ov_html_para(h, "know.rules_none", NULL, 0);
        return;
    }
    static const char *const hk[] = {"know.col_code",     "know.col_meaning", "know.col_severity",
                                     "table.unit_agency", "know.col_file",    "know.col_count"};
    char *hd[6];
    ov_html_col cols[6];
    heads_of(h, hk, 6, 0x20, hd, cols);
    static const char *const sev_keys[] = {"severity.rejected", "severity.warning",
                                           "severity.info"};
    char *sev[3];
    for (int i = 0; i < 3; i++)
        sev[i] = ov_html_text(h, sev_keys[i], NULL, 0);
    char *partnership = ov_html_text(h, "unit.partnership", NULL, 0);
    table_open(h, "know.rules_heading", cols, 6);
    for (size_t i = 0; i < n; i++) {
        char key[64], cnt[32];
        snprintf(key, sizeof key, "rule.%s", g[i].code ? g[i].code : "");
        const char *meaning = ov_narr_get(&h->w.nr, key);
        int s = g[i].severity >= 0 && g[i].severity < 3 ? g[i].severity : 2;
        ov_html_row(h, NULL);
        ov_html_th(h, g[i].code ? g[i].code : "");
        ov_html_td(h, meaning ? meaning : "", NULL);
        ov_html_td(h, sev[s], s == 0 ? "sev" : NULL);
        ov_html_td(h, g[i].agency == OV_NONE ? partnership : ov_html_agency_name(h, g[i].agency),
                   NULL);
        ov_html_td(h, ov_dataset_file((enum ov_dataset)g[i].dataset), NULL);
        ov_html_td(h, ov_words_count(g[i].count, cnt), "n");
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    free_heads(hd, 6);
    for (int i = 0; i < 3; i++)
        free(sev[i]);
    free(partnership);
}

/* Completeness of every optional field, with the agency that filled it least. */
static void completeness_table(ov_html *h)
{
    static const char *const hk[] = {"know.col_dataset", "know.col_field", "know.col_filled",
                                     "know.col_filled_rows", "know.col_lowest"};
    char *hd[5];
    ov_html_col cols[5];
    heads_of(h, hk, 5, 0x0c, hd, cols);
    ov_ev_field_row *rows;
    size_t n = ov_ev_field_rows(&h->w, &rows);
    if (n)
        table_open(h, "know.completeness_heading", cols, 5);
    for (size_t i = 0; i < n; i++) {
        ov_html_row(h, NULL);
        ov_html_td(h, rows[i].dataset, NULL);
        ov_html_th(h, rows[i].field);
        ov_html_td(h, rows[i].pct, "n");
        ov_html_td(h, rows[i].filled_rows, "n");
        ov_html_td(h, rows[i].lowest, NULL);
        ov_html_row_end(h);
    }
    if (n)
        ov_html_table_end(h);
    else
        ov_html_para(h, "know.completeness_none", NULL, 0);
    ov_ev_field_rows_free(rows, n);
    free_heads(hd, 5);
}

/* The standards applied, in words. */
static void standards_text(ov_html *h)
{
    char *para, *bullets[OV_EV_STD_BULLETS];
    size_t n = ov_ev_standards(&h->w, &para, bullets);
    ov_html_el(h, "<p>", para, "</p>\n");
    ov_html_raw(h, "<ul>\n");
    for (size_t i = 0; i < n; i++) {
        ov_html_el(h, "<li>", bullets[i], "</li>\n");
        free(bullets[i]);
    }
    ov_html_raw(h, "</ul>\n");
    free(para);
}

/* One provenance row for an input file. */
static void provenance_row(ov_html *h, const ov_file_info *f, const char *name)
{
    char size[32], rows[32];
    ov_html_row(h, NULL);
    ov_html_th(h, f->relpath ? f->relpath : name);
    ov_html_td(h, ov_words_count(f->size, size), "n");
    ov_html_td(h, ov_words_count(f->rows_read, rows), "n");
    ov_html_td(h, f->sha256[0] ? f->sha256 : "", "sha");
    ov_html_row_end(h);
}

/* The run's own provenance: period, program, run date, standards, calendar, suppression. */
static void run_provenance(ov_html *h)
{
    static const char *const kh[] = {"know.col_item", "know.col_value"};
    char *hd[2];
    ov_html_col cols[2];
    heads_of(h, kh, 2, 0, hd, cols);
    char *labels[OV_EV_PROV_ITEMS], *values[OV_EV_PROV_ITEMS];
    ov_ev_run_provenance(&h->w, labels, values);
    table_open(h, "know.provenance_heading", cols, 2);
    for (int i = 0; i < OV_EV_PROV_ITEMS; i++) {
        ov_html_row(h, NULL);
        ov_html_th(h, labels[i]);
        ov_html_td(h, values[i], "sha");
        ov_html_row_end(h);
        free(labels[i]);
        free(values[i]);
    }
    ov_html_table_end(h);
    free_heads(hd, 2);
}

/* Files read with size, rows and SHA-256, then the run's own provenance. */
static void provenance(ov_html *h)
{
    static const char *const hk[] = {"know.col_path", "know.col_size", "know.col_rows",
                                     "know.col_sha"};
    char *hd[4];
    ov_html_col cols[4];
    heads_of(h, hk, 4, 0x06, hd, cols);
    table_open(h, "know.provenance_heading", cols, 4);
    if (h->head == OV_ALL)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            if (h->data->files[ds].status != OV_FILE_MISSING)
                provenance_row(h, &h->data->files[ds], ov_dataset_file((enum ov_dataset)ds));
    for (size_t a = 0; a < h->data->nagencies; a++) {
        if (!agency_shown(h, a))
            continue;
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
            const ov_file_info *f = &h->data->agencies[a].files[ds];
            if (f->status != OV_FILE_MISSING)
                provenance_row(h, f, ov_dataset_file((enum ov_dataset)ds));
        }
    }
    ov_html_table_end(h);
    free_heads(hd, 4);
    run_provenance(h);
}

/* A sub-part of the page: an h3 with its anchor-less heading and an intro paragraph. */
static void subpart(ov_html *h, const char *heading_key, const char *intro_key)
{
    ov_html_heading(h, 3, heading_key, NULL);
    if (intro_key)
        ov_html_para(h, intro_key, NULL, 0);
}

/* "How do we know?". */
void ov_html_section_know(ov_html *h)
{
    ov_html_raw(h, "<section class=\"part\" aria-labelledby=\"know\">\n");
    ov_html_heading(h, 2, "section.how_know", "know");
    ov_html_para(h, "how_know.intro", NULL, 0);
    ov_html_commentary(h, OV_CS_HOW_KNOW, 0);
    subpart(h, "know.sources_heading", "know.sources_intro");
    coverage_grid(h);
    partnership_files(h);
    windows_table(h);
    sources_table(h);
    if (h->pack->history)
        restatements_table(h);
    subpart(h, "know.rows_heading", "know.rows_intro");
    rows_table(h);
    subpart(h, "know.rules_heading", "know.rules_intro");
    rules_table(h);
    subpart(h, "know.completeness_heading", "know.completeness_intro");
    completeness_table(h);
    subpart(h, "know.suppression_heading", "know.suppression");
    subpart(h, "know.standards_heading", NULL);
    standards_text(h);
    subpart(h, "know.provenance_heading", "know.provenance_intro");
    provenance(h);
    ov_html_commentary(h, OV_CS_HOW_KNOW, 1);
    ov_html_raw(h, "</section>\n");
}

/* ---- appendix ------------------------------------------------------------------ */

/* Each metric's title, area, direction and definition, and what is counted out of what. */
static void definitions(ov_html *h)
{
    char *counted = ov_html_text(h, "appendix.counted", NULL, 0);
    char *out_of = ov_html_text(h, "appendix.out_of", NULL, 0);
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
        char *meta = ov_ev_definition_meta(&h->w, md);
        ov_html_el(h, "<h4>", md->title, "</h4>\n");
        ov_html_small(h, meta);
        ov_html_el(h, "<p>", md->definition, "</p>\n");
        if (md->area != OV_AREA_INFO) {
            ov_html_raw(h, "<dl class=\"def\">");
            ov_html_el(h, "<dt>", counted, "</dt>");
            ov_html_el(h, "<dd>", md->numerator, "</dd>");
            ov_html_el(h, "<dt>", out_of, "</dt>");
            ov_html_el(h, "<dd>", md->denominator, "</dd>");
            ov_html_raw(h, "</dl>\n");
        }
        free(meta);
    }
    free(counted);
    free(out_of);
}

/* One standards row. */
static void standard_row(ov_html *h, int m, const char *who, const ov_threshold *th,
                         const char *higher, const char *lower)
{
    char tg[24], am[24];
    snprintf(tg, sizeof tg, "%g%%", th->target);
    snprintf(am, sizeof am, "%g%%", th->amber);
    ov_html_row(h, NULL);
    ov_html_th(h, ov_metric_def_get((enum ov_metric_id)m)->title);
    ov_html_td(h, who, NULL);
    ov_html_td(h, tg, "n");
    ov_html_td(h, am, "n");
    ov_html_td(h, th->lower_is_better ? lower : higher, NULL);
    ov_html_row_end(h);
}

/* The thresholds of every rated metric, each followed by its agency overrides. */
static void standards_table(ov_html *h)
{
    const ov_standards *s = h->ctx->standards;
    static const char *const hk[] = {"appendix.col_metric", "appendix.col_applies",
                                     "appendix.col_target", "appendix.col_amber",
                                     "appendix.col_direction"};
    char *hd[5];
    ov_html_col cols[5];
    heads_of(h, hk, 5, 0x0c, hd, cols);
    char *everyone = ov_html_text(h, "appendix.everyone", NULL, 0);
    char *higher = ov_html_text(h, "appendix.higher", NULL, 0);
    char *lower = ov_html_text(h, "appendix.lower", NULL, 0);
    table_open(h, "appendix.standards_heading", cols, 5);
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        standard_row(h, m, everyone, &s->metric[m], higher, lower);
        for (size_t i = 0; i < s->noverrides; i++) {
            const ov_threshold_override *o = &s->overrides[i];
            if (o->metric != m)
                continue;
            int32_t a = ov_data_find_agency(h->data, o->agency_id);
            if (h->head != OV_ALL && a != h->head)
                continue;
            standard_row(h, m, a == OV_NONE ? o->agency_id : ov_html_agency_name(h, a), &o->t,
                         higher, lower);
        }
    }
    ov_html_table_end(h);
    free_heads(hd, 5);
    free(everyone);
    free(higher);
    free(lower);
}

/* One row of the figures table: the counts of a suppressed figure are not printed. */
static void figure_row(ov_html *h, const char *measure, const char *who, const ov_figure *f)
{
    char num[32], den[32], v[32];
    int rag = f ? f->rag : OV_RAG_INFO;
    char *rating = ov_ev_figure_counts(&h->w, f, num, den);
    ov_html_row(h, NULL);
    ov_html_th(h, measure);
    ov_html_td(h, who, NULL);
    ov_html_td(h, num, "n");
    ov_html_td(h, den, "n");
    ov_html_td(h, ov_html_value(h, f, v), "n");
    ov_html_td_mark(h, rag, rag <= OV_RAG_RED ? "" : rating, NULL);
    ov_html_row_end(h);
    free(rating);
}

/* Every figure of the report period per unit, with the case measures by category. */
static void figures_table(ov_html *h)
{
    const char *hk[] = {
        "appendix.col_metric",    h->head != OV_ALL ? "table.unit_team" : "table.unit_agency",
        "appendix.col_numerator", "appendix.col_denominator",
        "appendix.col_value",     "appendix.col_rating"};
    char *hd[6];
    ov_html_col cols[6];
    heads_of(h, hk, 6, 0x1c, hd, cols);
    table_open(h, "appendix.figures_heading", cols, 6);
    const ov_pack_unit *head = ov_pack_head(h->pack);
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
        for (size_t i = 0; i < h->nunits; i++) {
            const ov_figure *f = ov_html_fig(h, 0, m, &h->units[i], OV_NONE);
            if (!f && h->units[i].team != OV_NONE)
                continue; /* no team rows for case and assessment measures */
            figure_row(h, md->title, h->units[i].label, f);
        }
        if (md->scope != OV_SCOPE_CASE)
            continue;
        for (int c = 0; c < OV_CAT_COUNT; c++) {
            const ov_figure *f = ov_html_fig(h, 0, m, head, c);
            if (!f)
                continue;
            char key[64];
            snprintf(key, sizeof key, "category.%s", ov_codes_category.names[c]);
            char *cat = ov_html_text(h, key, NULL, 0);
            char *measure = ov_xasprintf("%s: %s", md->title, cat);
            figure_row(h, measure, head->label, f);
            free(measure);
            free(cat);
        }
    }
    ov_html_table_end(h);
    ov_html_thin_notes(h, 0, 0, 0, NULL, 0, 0);
    free_heads(hd, 6);
}

/* Every rated measure of every unit over the periods, a table per area (A4). */
static void trend_tables(ov_html *h)
{
    size_t np = h->res->nperiods;
    ov_html_heading(h, 3, "appendix.trend_heading", "a4");
    ov_html_para(h, "appendix.trend_intro", NULL, 0);
    char *mh = ov_html_text(h, "appendix.col_metric", NULL, 0);
    char *uh =
        ov_html_text(h, h->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    ov_html_col *cols = ov_xcalloc(np + 2, sizeof *cols);
    cols[0] = (ov_html_col){mh, 0};
    cols[1] = (ov_html_col){uh, 0};
    for (size_t k = 0; k < np; k++)
        cols[k + 2] = (ov_html_col){h->res->periods[np - 1 - k].label, 0};
    for (int area = 0; area < OV_AREA_INFO; area++) {
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)area));
        char *an = ov_html_text(h, key, NULL, 0);
        ov_html_el(h, "<h4>", an, "</h4>\n");
        ov_html_table_begin(h, an, 1, cols, np + 2);
        free(an);
        for (int m = 0; m < OV_M_FIRST_INFO; m++) {
            const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
            if ((int)md->area != area)
                continue;
            for (size_t u = 0; u < h->nunits; u++) {
                ov_html_row(h, h->units[u].total ? "total" : NULL);
                ov_html_td(h, md->title, NULL);
                ov_html_th(h, h->units[u].label);
                for (size_t k = 0; k < np; k++)
                    ov_html_td_fig(h, ov_html_fig(h, (int)(np - 1 - k), m, &h->units[u], OV_NONE));
                ov_html_row_end(h);
            }
        }
        ov_html_table_end(h);
        int ms[OV_M_COUNT];
        size_t k = ov_words_area_metrics(area, ms);
        ov_html_thin_notes(h, 0, 0, (int)np - 1, ms, k, 0);
    }
    free(cols);
    free(mh);
    free(uh);
}

/* The appendix: definitions, standards, every figure, and the measures over the periods. */
void ov_html_section_appendix(ov_html *h)
{
    ov_html_raw(h, "<section class=\"part\" aria-labelledby=\"appendix\">\n");
    ov_html_heading(h, 2, "section.appendix", "appendix");
    ov_html_para(h, "appendix.intro", NULL, 0);
    subpart(h, "appendix.definitions_heading", NULL);
    definitions(h);
    subpart(h, "appendix.standards_heading", "appendix.standards_intro");
    standards_table(h);
    subpart(h, "appendix.figures_heading", "appendix.figures_intro");
    figures_table(h);
    if (h->res->nperiods > 1)
        trend_tables(h);
    ov_html_raw(h, "</section>\n");
}
