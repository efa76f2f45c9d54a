/* know.c — the board report's "How do we know?" section (data received, what
 * the extracts cover, the figures restated since they were reported, rows
 * read/accepted/rejected, rejections by rule, field completeness, suppression,
 * standards and provenance) and its appendix (definitions, standards, and
 * every figure with its numerator and denominator). */
#include "render/pdf/know.h"

#include "render/pdf/common.h"
#include "render/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/mem.h"
#include "ingest/ingest.h"
#include "metrics/metric_defs.h"

/* Agencies shown in this section (all, or the one in focus), in order. */
static int agency_shown(const ov_pdf *r, size_t a)
{
    return r->head == OV_ALL || (int32_t)a == r->head;
}

/* Label of a dataset from the narrative ("Staff", ...); caller frees. */
static char *dataset_label(ov_pdf *r, int ds)
{
    char key[48];
    snprintf(key, sizeof key, "dataset.%s", ov_dataset_name((enum ov_dataset)ds));
    return ov_pdf_text(r, key, NULL, 0);
}

/* The coverage grid: agency x dataset status. */
static void coverage_grid(ov_pdf *r)
{
    const int nds = OV_DS_COUNT - OV_DS_FIRST_AGENCY;
    ov_pd_col cols[OV_DS_COUNT + 1];
    char *heads[OV_DS_COUNT + 1];
    const float first = 96;
    heads[0] = ov_pdf_text(r, "table.unit_agency", NULL, 0);
    cols[0] = (ov_pd_col){heads[0], first, OV_PD_ALIGN_LEFT};
    for (int i = 0; i < nds; i++) {
        heads[i + 1] = dataset_label(r, OV_DS_FIRST_AGENCY + i);
        cols[i + 1] =
            (ov_pd_col){heads[i + 1], (OV_PD_WIDTH - first) / (float)nds, OV_PD_ALIGN_CENTRE};
    }
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, (size_t)nds + 1, 9.0f, r->pack->nscope);
    ov_pd_cell cells[OV_DS_COUNT + 1];
    char *words[OV_DS_COUNT];
    for (size_t a = 0; a < r->data->nagencies; a++) {
        if (!agency_shown(r, a))
            continue;
        const ov_agency *ag = &r->data->agencies[a];
        cells[0] = (ov_pd_cell){ov_pdf_agency_name(r, (int32_t)a), NULL, NULL, 1};
        for (int i = 0; i < nds; i++) {
            int ds = OV_DS_FIRST_AGENCY + i;
            int kind;
            words[i] = ov_ev_file_status(&r->w, ds, ag->files[ds].status, &kind);
            static const ov_pd_rgb *const fills[] = {NULL, &ov_pdf_amber, &ov_pdf_red, NULL};
            static const ov_pd_rgb *const inks[] = {NULL, &ov_pdf_ink, &ov_pdf_white,
                                                    &ov_pdf_muted};
            cells[i + 1] = (ov_pd_cell){words[i], fills[kind], inks[kind], kind == 1 || kind == 2};
        }
        ov_pd_table_row(r->pd, &t, cells);
        for (int i = 0; i < nds; i++)
            free(words[i]);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i <= nds; i++)
        free(heads[i]);
}

/* What each agency's extract covers (its window and extract date, and whether
 * it covers the report period), then how many agencies cover each period. */
static void windows_table(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    /* a short table is kept whole with its heading */
    float keep = 120.0f + 26.0f * (float)p->nscope;
    ov_pdf_heading(r, 2, "know.windows_heading", keep < 420.0f ? keep : 420.0f);
    ov_pdf_para(r, "know.windows_intro", NULL, 0);
    ov_narr_var pv[] = {{"period", r->res->periods[0].label}};
    char *h[5] = {ov_pdf_text(r, "table.unit_agency", NULL, 0),
                  ov_pdf_text(r, "know.col_from", NULL, 0), ov_pdf_text(r, "know.col_to", NULL, 0),
                  ov_pdf_text(r, "know.col_extract", NULL, 0),
                  ov_pdf_text(r, "know.col_covers", pv, 1)};
    ov_pd_col cols[5] = {{h[0], 175, OV_PD_ALIGN_LEFT},
                         {h[1], 80, OV_PD_ALIGN_LEFT},
                         {h[2], 80, OV_PD_ALIGN_LEFT},
                         {h[3], 80, OV_PD_ALIGN_LEFT},
                         {h[4], OV_PD_WIDTH - 415, OV_PD_ALIGN_CENTRE}};
    char *open_end = ov_pdf_text(r, "know.window_open", NULL, 0);
    char *not_given = ov_pdf_text(r, "know.not_given", NULL, 0);
    char *yes = ov_pdf_text(r, "word.yes", NULL, 0), *no = ov_pdf_text(r, "word.no", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 5, 9.0f, p->nscope);
    for (size_t a = 0; a < r->data->nagencies; a++) {
        if (p->head != OV_ALL && (int32_t)a != p->head)
            continue;
        const ov_agency *ag = &r->data->agencies[a];
        char from[32], to[32], ext[32];
        int covers = ov_agency_covers(ag, r->res->periods[0].start, r->res->periods[0].end);
        ov_pd_cell cells[5] = {
            {ov_pdf_agency_name(r, (int32_t)a), NULL, NULL, 0},
            {ag->window_from != OV_DATE_NONE ? ov_pdf_short_date(ag->window_from, from) : open_end,
             NULL, NULL, 0},
            {ag->window_to != OV_DATE_NONE ? ov_pdf_short_date(ag->window_to, to) : open_end, NULL,
             NULL, 0},
            {ag->extract_date != OV_DATE_NONE ? ov_pdf_short_date(ag->extract_date, ext)
                                              : not_given,
             NULL, NULL, 0},
            {covers ? yes : no, covers ? NULL : &ov_pdf_amber, NULL, !covers},
        };
        ov_pd_table_row(r->pd, &t, cells);
    }
    ov_pd_table_end(r->pd, &t);
    /* agencies covering each period, the report period first */
    char *covering = ov_ev_covering(&r->w);
    ov_pdf_body(r, covering);
    free(covering);
    for (int i = 0; i < 5; i++)
        free(h[i]);
    free(open_end);
    free(not_given);
    free(yes);
    free(no);
}

/* Frequency, audits and practitioners' voice side by side for every unit,
 * with what they say together (SPEC 7.3). */
static void sources_table(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    ov_pdf_heading(r, 2, "know.sources3_heading", 140);
    ov_pdf_para(r, "know.sources3_intro", NULL, 0);
    char *h[5] = {
        ov_pdf_text(r, p->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0),
        ov_pdf_text(r, "know.col_frequency", NULL, 0), ov_pdf_text(r, "know.col_quality", NULL, 0),
        ov_pdf_text(r, "know.col_voice", NULL, 0), ov_pdf_text(r, "know.col_says", NULL, 0)};
    ov_pd_col cols[5] = {{h[0], 120, OV_PD_ALIGN_LEFT},
                         {h[1], 68, OV_PD_ALIGN_CENTRE},
                         {h[2], 68, OV_PD_ALIGN_CENTRE},
                         {h[3], 68, OV_PD_ALIGN_CENTRE},
                         {h[4], OV_PD_WIDTH - 324, OV_PD_ALIGN_LEFT}};
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 5, 9.0f, p->nsources);
    for (size_t i = 0; i < p->nsources; i++) {
        const ov_pack_sources *s = &p->sources[i];
        const ov_figure *f[3] = {s->frequency, s->quality, s->voice};
        char *texts[3];
        ov_pd_cell cells[5];
        cells[0] = (ov_pd_cell){s->unit->label, NULL, NULL, s->unit->total};
        for (int k = 0; k < 3; k++) {
            char vb[32];
            const char *val = ov_pdf_value(r, f[k], vb);
            int mark = ov_pack_mark(p, f[k]);
            texts[k] = ov_pdf_rated(f[k]) ? ov_xasprintf("%s\n%s", val, r->w.rag_words[mark])
                                          : ov_xstrdup(val);
            cells[k + 1] = (ov_pd_cell){texts[k], ov_pdf_rag_fill(mark), ov_pdf_rag_ink(mark), 0};
        }
        cells[4] = (ov_pd_cell){s->sentence, NULL, NULL, 0};
        ov_pd_table_row(r->pd, &t, cells);
        for (int k = 0; k < 3; k++)
            free(texts[k]);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 5; i++)
        free(h[i]);
}

/* With a history: the agency and partnership figures of earlier periods that
 * the extracts now give differently from what was reported (the pack's
 * restatements), with when they were reported; or says there are none. */
static void restatements_table(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    const ov_history_findings *h = r->ctx->history;
    int any_run = 0;
    for (size_t k = 1; h && k < h->nperiods; k++)
        any_run |= h->reported_on[k] != OV_DATE_NONE;
    char n[24];
    snprintf(n, sizeof n, "%zu", p->nrestatements);
    ov_narr_var v[] = {{"count", n}};
    float keep = 110.0f + 22.0f * (float)(p->nrestatements < 8 ? p->nrestatements : 8);
    ov_pdf_heading(r, 2, "know.restated_heading", keep);
    if (!any_run) {
        ov_pdf_para(r, r->res->nperiods > 1 ? "know.restated_no_runs" : "know.restated_no_trend", v,
                    1);
        return;
    }
    if (p->nrestatements == 0) {
        ov_pdf_para(r, "know.restated_none", v, 1);
        return;
    }
    ov_pdf_para(r, "know.restated_intro", v, 1);
    static const char *const hk[] = {"know.col_period",      "table.unit_agency",
                                     "know.col_measure",     "know.col_reported",
                                     "know.col_reported_on", "know.col_now"};
    static const float widths[] = {56, 112, 132, 58, 62, 0}; /* the last: what is left */
    char *hd[6];
    ov_pd_col cols[6];
    for (int i = 0; i < 6; i++) {
        hd[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){hd[i], i == 5 ? OV_PD_WIDTH - 420 : widths[i],
                              i >= 3 && i != 4 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    char *partnership = ov_pdf_text(r, "unit.partnership", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 6, 9.0f, p->nrestatements);
    for (size_t i = 0; i < p->nrestatements; i++) {
        const ov_pack_restatement *x = &p->restatements[i];
        char *measure = ov_ev_restated_measure(&r->w, x);
        char then[32], now[32], on[32];
        ov_pd_cell cells[6] = {
            {r->res->periods[x->period].label, NULL, NULL, 0},
            {x->agency == OV_ALL ? partnership : ov_pdf_agency_name(r, x->agency), NULL, NULL,
             x->agency == OV_ALL},
            {measure, NULL, NULL, 0},
            {ov_pdf_value(r, &x->reported, then), NULL, NULL, 0},
            {ov_pdf_short_date(x->reported_on, on), NULL, NULL, 0},
            {ov_pdf_value(r, x->now, now), NULL, NULL, 1},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(measure);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 6; i++)
        free(hd[i]);
    free(partnership);
}

/* The partnership's own files as one sentence. */
static void partnership_files(ov_pdf *r)
{
    char *t = ov_ev_partnership_files(&r->w);
    ov_pdf_body(r, t);
    free(t);
}

/* One row of the rows table. */
static void rows_row(ov_pdf *r, ov_pd_table *t, const ov_ev_count_row *row)
{
    char b[5][32];
    ov_pd_cell cells[7] = {{row->label, NULL, NULL, 1}};
    for (int i = 0; i < 5; i++)
        cells[i + 1] = (ov_pd_cell){ov_pdf_count(row->c[i], b[i]), NULL, NULL, row->total};
    cells[6] = (ov_pd_cell){row->status, row->flagged ? &ov_pdf_amber : NULL, NULL, row->flagged};
    ov_pd_table_row(r->pd, t, cells);
}

/* Rows read, accepted and rejected per agency (and the partnership files). */
static void rows_table(ov_pdf *r)
{
    static const char *const hk[] = {"table.unit_agency", "know.col_files",    "know.col_read",
                                     "know.col_accepted", "know.col_rejected", "know.col_warnings",
                                     "know.col_figures"};
    static const float widths[] = {138, 45, 62, 62, 62, 62, 64};
    char *h[7];
    ov_pd_col cols[7];
    for (int i = 0; i < 7; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i], i == 0 ? OV_PD_ALIGN_LEFT : OV_PD_ALIGN_RIGHT};
    }
    cols[6].align = OV_PD_ALIGN_CENTRE;
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 7, 9.0f, r->pack->nscope + 2);
    ov_ev_count_row *rows;
    size_t n = ov_ev_count_rows(&r->w, &rows);
    for (size_t i = 0; i < n; i++)
        rows_row(r, &t, &rows[i]);
    ov_ev_count_rows_free(rows, n);
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 7; i++)
        free(h[i]);
}

/* One group of issues: severity, rule code, agency and dataset. */
/* Rejections, warnings and information lines counted by rule code, agency and
 * file. Reasons are not printed (they may name staff or children). */
static void rules_table(ov_pdf *r)
{
    const ov_pack_issues *g = r->pack->issues;
    size_t n = r->pack->nissues;
    if (n == 0) {
        ov_pdf_para(r, "know.rules_none", NULL, 0);
        return;
    }
    static const char *const hk[] = {"know.col_code",     "know.col_meaning", "know.col_severity",
                                     "table.unit_agency", "know.col_file",    "know.col_count"};
    static const float widths[] = {95, 142, 50, 90, 80, 38};
    char *h[6];
    ov_pd_col cols[6];
    for (int i = 0; i < 6; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i], i == 5 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    static const char *const sev_keys[] = {"severity.rejected", "severity.warning",
                                           "severity.info"};
    char *sev[3];
    for (int i = 0; i < 3; i++)
        sev[i] = ov_pdf_text(r, sev_keys[i], NULL, 0);
    char *partnership = ov_pdf_text(r, "unit.partnership", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, 6, 9.0f, n);
    for (size_t i = 0; i < n; i++) {
        char key[64], cnt[32];
        snprintf(key, sizeof key, "rule.%s", g[i].code ? g[i].code : "");
        const char *meaning = ov_narr_get(&r->w.nr, key);
        int s = g[i].severity >= 0 && g[i].severity < 3 ? g[i].severity : 2;
        ov_pd_cell cells[6] = {
            {g[i].code ? g[i].code : "", NULL, NULL, 1},
            {meaning ? meaning : "", NULL, NULL, 0},
            {sev[s], s == 0 ? &ov_pdf_grey : NULL, NULL, s == 0},
            {g[i].agency == OV_NONE ? partnership : ov_pdf_agency_name(r, g[i].agency), NULL, NULL,
             0},
            {ov_dataset_file((enum ov_dataset)g[i].dataset), NULL, NULL, 0},
            {ov_pdf_count(g[i].count, cnt), NULL, NULL, 1},
        };
        ov_pd_table_row(r->pd, &t, cells);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 6; i++)
        free(h[i]);
    for (int i = 0; i < 3; i++)
        free(sev[i]);
    free(partnership);
}

/* Completeness of every optional field, pooled over the agencies shown, with
 * the agency that filled it least. */
static void completeness_table(ov_pdf *r)
{
    static const char *const hk[] = {"know.col_dataset", "know.col_field", "know.col_filled",
                                     "know.col_filled_rows", "know.col_lowest"};
    static const float widths[] = {80, 140, 55, 95, 125};
    char *h[5];
    ov_pd_col cols[5];
    for (int i = 0; i < 5; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] =
            (ov_pd_col){h[i], widths[i], i >= 2 && i <= 3 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    ov_ev_field_row *rows;
    size_t n = ov_ev_field_rows(&r->w, &rows);
    if (n) {
        ov_pd_table t;
        ov_pd_table_begin(r->pd, &t, cols, 5, 9.0f);
        for (size_t i = 0; i < n; i++) {
            ov_pd_cell cells[5] = {{rows[i].dataset, NULL, NULL, 0},
                                   {rows[i].field, NULL, NULL, 0},
                                   {rows[i].pct, NULL, NULL, 1},
                                   {rows[i].filled_rows, NULL, NULL, 0},
                                   {rows[i].lowest, NULL, NULL, 0}};
            ov_pd_table_row(r->pd, &t, cells);
        }
        ov_pd_table_end(r->pd, &t);
    } else {
        ov_pdf_para(r, "know.completeness_none", NULL, 0);
    }
    ov_ev_field_rows_free(rows, n);
    for (int i = 0; i < 5; i++)
        free(h[i]);
}

/* The standards applied, in words. */
static void standards_text(ov_pdf *r)
{
    char *para, *bullets[OV_EV_STD_BULLETS];
    size_t n = ov_ev_standards(&r->w, &para, bullets);
    ov_pdf_body(r, para);
    ov_pd_style st = {OV_PD_REGULAR, 9.0f, 12.5f, ov_pdf_ink, 8, 3};
    for (size_t i = 0; i < n; i++) {
        ov_pd_bullet(r->pd, &st, "\u2013", bullets[i]);
        free(bullets[i]);
    }
    ov_pd_space(r->pd, 6);
    free(para);
}

/* One provenance row for an input file. */
static void provenance_row(ov_pdf *r, ov_pd_table *t, const ov_file_info *f, const char *name)
{
    char size[32], rows[32];
    ov_pd_cell cells[4] = {{f->relpath ? f->relpath : name, NULL, NULL, 0},
                           {ov_pdf_count(f->size, size), NULL, NULL, 0},
                           {ov_pdf_count(f->rows_read, rows), NULL, NULL, 0},
                           {f->sha256[0] ? f->sha256 : "", NULL, NULL, 0}};
    ov_pd_table_row(r->pd, t, cells);
}

/* Files read with size, rows and SHA-256, then the run's own provenance. */
static void provenance(ov_pdf *r)
{
    static const char *const hk[] = {"know.col_path", "know.col_size", "know.col_rows",
                                     "know.col_sha"};
    static const float widths[] = {132, 55, 45, 263};
    char *h[4];
    ov_pd_col cols[4];
    for (int i = 0; i < 4; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] =
            (ov_pd_col){h[i], widths[i], i == 1 || i == 2 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, 4, 9.0f);
    if (r->head == OV_ALL)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            if (r->data->files[ds].status != OV_FILE_MISSING)
                provenance_row(r, &t, &r->data->files[ds], ov_dataset_file((enum ov_dataset)ds));
    for (size_t a = 0; a < r->data->nagencies; a++) {
        if (!agency_shown(r, a))
            continue;
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
            const ov_file_info *f = &r->data->agencies[a].files[ds];
            if (f->status != OV_FILE_MISSING)
                provenance_row(r, &t, f, ov_dataset_file((enum ov_dataset)ds));
        }
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 4; i++)
        free(h[i]);

    /* the run itself */
    char *kh[2] = {ov_pdf_text(r, "know.col_item", NULL, 0),
                   ov_pdf_text(r, "know.col_value", NULL, 0)};
    ov_pd_col kcols[2] = {{kh[0], 150, OV_PD_ALIGN_LEFT},
                          {kh[1], OV_PD_WIDTH - 150, OV_PD_ALIGN_LEFT}};
    char *labels[OV_EV_PROV_ITEMS], *values[OV_EV_PROV_ITEMS];
    ov_ev_run_provenance(&r->w, labels, values);
    ov_pd_need(r->pd, 8 * 14 + 24); /* keep this short table on one page */
    ov_pd_table_begin(r->pd, &t, kcols, 2, 9.0f);
    for (int i = 0; i < OV_EV_PROV_ITEMS; i++) {
        ov_pd_cell cells[2] = {{labels[i], NULL, NULL, 1}, {values[i], NULL, NULL, 0}};
        ov_pd_table_row(r->pd, &t, cells);
        free(labels[i]);
        free(values[i]);
    }
    ov_pd_table_end(r->pd, &t);
    free(kh[0]);
    free(kh[1]);
}

/* "How do we know?": data received, rows, rules, completeness, suppression, standards and
 * provenance. */
void ov_pdf_section_know(ov_pdf *r)
{
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 1, "section.how_know", 80);
    ov_pdf_para(r, "how_know.intro", NULL, 0);
    ov_pdf_commentary(r, OV_CS_HOW_KNOW, 0);
    ov_pdf_heading(r, 2, "know.sources_heading", 100);
    ov_pdf_para(r, "know.sources_intro", NULL, 0);
    coverage_grid(r);
    partnership_files(r);
    windows_table(r);
    sources_table(r);
    if (r->pack->history)
        restatements_table(r);
    ov_pdf_heading(r, 2, "know.rows_heading", 100);
    ov_pdf_para(r, "know.rows_intro", NULL, 0);
    rows_table(r);
    ov_pdf_heading(r, 2, "know.rules_heading", 100);
    ov_pdf_para(r, "know.rules_intro", NULL, 0);
    rules_table(r);
    ov_pdf_heading(r, 2, "know.completeness_heading", 100);
    ov_pdf_para(r, "know.completeness_intro", NULL, 0);
    completeness_table(r);
    ov_pdf_heading(r, 2, "know.suppression_heading", 60);
    ov_pdf_para(r, "know.suppression", NULL, 0);
    ov_pdf_heading(r, 2, "know.standards_heading", 100);
    standards_text(r);
    ov_pdf_heading(r, 2, "know.provenance_heading", 100);
    ov_pdf_para(r, "know.provenance_intro", NULL, 0);
    provenance(r);
    ov_pdf_commentary(r, OV_CS_HOW_KNOW, 1);
}

/* ---- appendix ------------------------------------------------------------------ */

/* Each metric's title, area, direction and definition, and for rated ones what is counted
 * out of what. */
static void definitions(ov_pdf *r)
{
    char *counted = ov_pdf_text(r, "appendix.counted", NULL, 0);
    char *out_of = ov_pdf_text(r, "appendix.out_of", NULL, 0);
    ov_pd_style label = {OV_PD_BOLD, 8.5f, 11.5f, ov_pdf_ink, 0, 1};
    ov_pd_style text = {OV_PD_REGULAR, 8.5f, 11.5f, ov_pdf_ink, 10, 4};
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
        char *meta = ov_ev_definition_meta(&r->w, md);
        ov_pd_need(r->pd, 90);
        ov_pd_heading(r->pd, 3, md->title, ov_pdf_navy, 60);
        ov_pdf_small(r, meta);
        ov_pd_paragraph(r->pd, &text, md->definition);
        if (md->area != OV_AREA_INFO) {
            ov_pd_paragraph(r->pd, &label, counted);
            ov_pd_paragraph(r->pd, &text, md->numerator);
            ov_pd_paragraph(r->pd, &label, out_of);
            ov_pd_paragraph(r->pd, &text, md->denominator);
        }
        free(meta);
    }
    free(counted);
    free(out_of);
}

/* One standards row. */
static void standard_row(ov_pdf *r, ov_pd_table *t, int m, const char *who, const ov_threshold *th,
                         const char *higher, const char *lower)
{
    char tg[24], am[24];
    snprintf(tg, sizeof tg, "%g%%", th->target);
    snprintf(am, sizeof am, "%g%%", th->amber);
    ov_pd_cell cells[5] = {{ov_metric_def_get((enum ov_metric_id)m)->title, NULL, NULL, 1},
                           {who, NULL, NULL, 0},
                           {tg, NULL, NULL, 0},
                           {am, NULL, NULL, 0},
                           {th->lower_is_better ? lower : higher, NULL, NULL, 0}};
    ov_pd_table_row(r->pd, t, cells);
}

/* The thresholds of every rated metric for everyone, each followed by its agency overrides. */
static void standards_table(ov_pdf *r)
{
    const ov_standards *s = r->ctx->standards;
    static const char *const hk[] = {"appendix.col_metric", "appendix.col_applies",
                                     "appendix.col_target", "appendix.col_amber",
                                     "appendix.col_direction"};
    static const float widths[] = {160, 135, 55, 55, 90};
    char *h[5];
    ov_pd_col cols[5];
    for (int i = 0; i < 5; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] =
            (ov_pd_col){h[i], widths[i], i == 2 || i == 3 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    char *everyone = ov_pdf_text(r, "appendix.everyone", NULL, 0);
    char *higher = ov_pdf_text(r, "appendix.higher", NULL, 0);
    char *lower = ov_pdf_text(r, "appendix.lower", NULL, 0);
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, 5, 9.0f);
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        standard_row(r, &t, m, everyone, &s->metric[m], higher, lower);
        for (size_t i = 0; i < s->noverrides; i++) {
            const ov_threshold_override *o = &s->overrides[i];
            if (o->metric != m)
                continue;
            int32_t a = ov_data_find_agency(r->data, o->agency_id);
            if (r->head != OV_ALL && a != r->head)
                continue;
            standard_row(r, &t, m, a == OV_NONE ? o->agency_id : ov_pdf_agency_name(r, a), &o->t,
                         higher, lower);
        }
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < 5; i++)
        free(h[i]);
    free(everyone);
    free(higher);
    free(lower);
}

/* One row of the figures table. */
static void figure_row(ov_pdf *r, ov_pd_table *t, const char *measure, const char *who,
                       const ov_figure *f)
{
    char num[32], den[32], v[32];
    int rag = f ? f->rag : OV_RAG_INFO;
    char *rating = ov_ev_figure_counts(&r->w, f, num, den);
    ov_pd_cell cells[6] = {{measure, NULL, NULL, 0},
                           {who, NULL, NULL, 0},
                           {num, NULL, NULL, 0},
                           {den, NULL, NULL, 0},
                           {ov_pdf_value(r, f, v), NULL, NULL, 1},
                           {rating, ov_pdf_rag_fill(rag), ov_pdf_rag_ink(rag), 0}};
    ov_pd_table_row(r->pd, t, cells);
    free(rating);
}

/* Every figure of the report period per unit, with the case measures by category for the
 * head unit. */
static void figures_table(ov_pdf *r)
{
    static const char *const hk[] = {"appendix.col_metric",    "table.unit_agency",
                                     "appendix.col_numerator", "appendix.col_denominator",
                                     "appendix.col_value",     "appendix.col_rating"};
    static const float widths[] = {140, 120, 50, 50, 62, 73};
    char *h[6];
    ov_pd_col cols[6];
    for (int i = 0; i < 6; i++) {
        const char *k = i == 1 && r->head != OV_ALL ? "table.unit_team" : hk[i];
        h[i] = ov_pdf_text(r, k, NULL, 0);
        cols[i] = (ov_pd_col){h[i], widths[i],
                              i >= 2 && i <= 4 ? OV_PD_ALIGN_RIGHT
                              : i == 5         ? OV_PD_ALIGN_CENTRE
                                               : OV_PD_ALIGN_LEFT};
    }
    ov_pd_table t;
    ov_pd_table_begin(r->pd, &t, cols, 6, 9.0f);
    const ov_pdf_unit *head = &r->units[r->nunits - 1];
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
        for (size_t i = 0; i < r->nunits; i++) {
            const ov_figure *f = ov_pdf_fig(r, 0, m, &r->units[i], OV_NONE);
            if (!f && r->units[i].team != OV_NONE)
                continue; /* no team rows for case and assessment measures */
            figure_row(r, &t, md->title, r->units[i].label, f);
        }
        if (md->scope != OV_SCOPE_CASE)
            continue;
        for (int c = 0; c < OV_CAT_COUNT; c++) {
            const ov_figure *f = ov_pdf_fig(r, 0, m, head, c);
            if (!f)
                continue;
            char key[64];
            snprintf(key, sizeof key, "category.%s", ov_codes_category.names[c]);
            char *cat = ov_pdf_text(r, key, NULL, 0);
            char *measure = ov_xasprintf("%s: %s", md->title, cat);
            figure_row(r, &t, measure, head->label, f);
            free(measure);
            free(cat);
        }
    }
    ov_pd_table_end(r->pd, &t);
    ov_pdf_thin_notes(r, 0, 0, 0, NULL, 0, 0);
    for (int i = 0; i < 6; i++)
        free(h[i]);
}

/* Every rated measure of every unit over the periods of the run, a table per
 * area: the value and its rating in each period, oldest first (A4). */
static void trend_tables(ov_pdf *r)
{
    size_t np = r->res->nperiods;
    ov_pdf_heading(r, 2, "appendix.trend_heading", 100);
    ov_pdf_para(r, "appendix.trend_intro", NULL, 0);
    char *mh = ov_pdf_text(r, "appendix.col_metric", NULL, 0);
    char *uh = ov_pdf_text(r, r->head == OV_ALL ? "table.unit_agency" : "table.unit_team", NULL, 0);
    ov_pd_col *cols = ov_xcalloc(np + 2, sizeof *cols);
    cols[0] = (ov_pd_col){mh, 120, OV_PD_ALIGN_LEFT};
    cols[1] = (ov_pd_col){uh, 130, OV_PD_ALIGN_LEFT};
    for (size_t k = 0; k < np; k++)
        cols[k + 2] = (ov_pd_col){r->res->periods[np - 1 - k].label,
                                  (OV_PD_WIDTH - 250) / (float)np, OV_PD_ALIGN_CENTRE};
    char **texts = ov_xcalloc(np, sizeof *texts);
    ov_pd_cell *cells = ov_xcalloc(np + 2, sizeof *cells);
    for (int area = 0; area < OV_AREA_INFO; area++) {
        char key[48];
        snprintf(key, sizeof key, "area.%s", ov_metric_area_name((enum ov_metric_area)area));
        char *an = ov_pdf_text(r, key, NULL, 0);
        ov_pd_need(r->pd, 60);
        ov_pd_text_at(r->pd, OV_PD_BOLD, 10, ov_pdf_navy, OV_PD_LEFT, ov_pd_y(r->pd) - 12,
                      OV_PD_ALIGN_LEFT, an);
        ov_pd_space(r->pd, 18);
        free(an);
        size_t nrows = 0;
        for (int m = 0; m < OV_M_FIRST_INFO; m++)
            nrows += (int)ov_metric_def_get((enum ov_metric_id)m)->area == area ? r->nunits : 0;
        ov_pd_table t;
        ov_pd_table_begin_rows(r->pd, &t, cols, np + 2, 9.0f, nrows);
        for (int m = 0; m < OV_M_FIRST_INFO; m++) {
            const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)m);
            if ((int)md->area != area)
                continue;
            for (size_t u = 0; u < r->nunits; u++) {
                cells[0] = (ov_pd_cell){u == 0 ? md->title : "", NULL, NULL, 0};
                cells[1] = (ov_pd_cell){r->units[u].label, NULL, NULL, r->units[u].total};
                for (size_t k = 0; k < np; k++) {
                    const ov_figure *f = ov_pdf_fig(r, (int)(np - 1 - k), m, &r->units[u], OV_NONE);
                    char vb[32];
                    const char *val = ov_pdf_value(r, f, vb);
                    int mark = ov_pack_mark(r->pack, f);
                    texts[k] = ov_pdf_rated(f) ? ov_xasprintf("%s %c", val, r->w.rag_words[mark][0])
                                               : ov_xstrdup(val);
                    cells[k + 2] =
                        (ov_pd_cell){texts[k], ov_pdf_rag_fill(mark), ov_pdf_rag_ink(mark), 0};
                }
                ov_pd_table_row(r->pd, &t, cells);
                for (size_t k = 0; k < np; k++)
                    free(texts[k]);
            }
        }
        ov_pd_table_end(r->pd, &t);
        int ms[OV_M_COUNT];
        size_t k = ov_words_area_metrics(area, ms);
        ov_pdf_thin_notes(r, 0, 0, (int)np - 1, ms, k, 0);
    }
    free(cells);
    free(texts);
    free(cols);
    free(mh);
    free(uh);
}

/* The appendix: metric definitions, the standards and the table of figures. */
void ov_pdf_section_appendix(ov_pdf *r)
{
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 1, "section.appendix", 80);
    ov_pdf_para(r, "appendix.intro", NULL, 0);
    ov_pdf_heading(r, 2, "appendix.definitions_heading", 100);
    definitions(r);
    ov_pdf_heading(r, 2, "appendix.standards_heading", 100);
    ov_pdf_para(r, "appendix.standards_intro", NULL, 0);
    standards_table(r);
    ov_pdf_heading(r, 2, "appendix.figures_heading", 100);
    ov_pdf_para(r, "appendix.figures_intro", NULL, 0);
    figures_table(r);
    if (r->res->nperiods > 1)
        trend_tables(r);
}
