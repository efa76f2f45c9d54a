/* know.c — the "How do we know?" sheets of the board workbook: data
 * sources and provenance (extract dates, the coverage grid, rows read,
 * accepted and rejected, field completeness, checksums, standards and
 * calendar), the summary by rule code, the Rejections table and the
 * Definitions sheet (metric definitions and the standards applied). */
#include "render/xlsx/know.h"

#include "render/xlsx/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/strtab.h"
#include "ingest/csvread.h"
#include "ingest/ingest.h"

/* Writes a label and a value on one row of a key/value block. */
static void kv(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, const char *key, const char *value,
               lxw_format *vf)
{
    ov_xlsx_text(w, ws, r, 0, key, w->key);
    ov_xlsx_text(w, ws, r, 1, value, vf ? vf : w->subtitle);
}

/* Writes a header row of fixed strings from column 0. */
static void head_row(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, const char *const *heads, int n)
{
    for (int c = 0; c < n; c++)
        ov_xlsx_text(w, ws, r, (lxw_col_t)c, heads[c], c == 0 ? w->head_l : w->head);
    ov_xlsx_row_height(w, ws, r, 28);
}

/* 1 when the dataset is required of every agency. */
static int required_ds(int ds)
{
    return ds == OV_DS_STAFF || ds == OV_DS_SESSIONS;
}

/* The word for a file's status: a file that was not there is "missing" when
 * it is required and "not sent" when it is optional. */
static const char *status_word(int ds, int st)
{
    if (st == OV_FILE_MISSING)
        return required_ds(ds) || ds == OV_DS_AGENCIES ? "missing" : "not sent";
    return ov_file_status_name((enum ov_file_status)st);
}

/* One row of the files table. */
static void file_row(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, const char *agency, int ds,
                     const ov_file_info *fi)
{
    ov_xlsx_text(w, ws, r, 0, agency, w->text);
    ov_xlsx_text(w, ws, r, 1, ov_dataset_name((enum ov_dataset)ds), w->text);
    ov_xlsx_text(w, ws, r, 2, fi->relpath ? fi->relpath : ov_dataset_file((enum ov_dataset)ds),
                 w->text);
    int st = fi->status;
    lxw_format *sf = st == OV_FILE_RECEIVED                      ? w->word_rag[OV_RAG_GREEN]
                     : st == OV_FILE_UNUSABLE || required_ds(ds) ? w->word_rag[OV_RAG_RED]
                                                                 : w->muted;
    ov_xlsx_text(w, ws, r, 3, status_word(ds, st), sf);
    if (st == OV_FILE_MISSING) {
        for (lxw_col_t c = 4; c <= 11; c++)
            ov_xlsx_blank(w, ws, r, c, c == 9 ? w->hash : w->text);
        return;
    }
    ov_xlsx_num(w, ws, r, 4, (double)fi->rows_read, w->integer);
    ov_xlsx_num(w, ws, r, 5, (double)fi->rows_accepted, w->integer);
    ov_xlsx_num(w, ws, r, 6, (double)fi->rows_rejected, w->integer);
    ov_xlsx_num(w, ws, r, 7, (double)fi->warnings, w->integer);
    ov_xlsx_num(w, ws, r, 8, (double)fi->size, w->integer);
    ov_xlsx_text(w, ws, r, 9, fi->sha256, w->hash);
    int balanced = fi->rows_read == fi->rows_accepted + fi->rows_rejected;
    ov_xlsx_text(w, ws, r, 10, balanced ? "balanced" : "MISMATCH",
                 balanced ? w->text : w->warn_word);
    char note[96] = "";
    if (fi->transcoded == OV_CSV_CP1252)
        snprintf(note, sizeof note, "read as Windows-1252");
    else if (fi->transcoded)
        snprintf(note, sizeof note, "read as UTF-16");
    if (fi->delim && fi->delim != ',') {
        const char *dn = fi->delim == ';'    ? "semicolon"
                         : fi->delim == '\t' ? "tab"
                         : fi->delim == '|'  ? "bar"
                                             : "other";
        size_t l = strlen(note);
        snprintf(note + l, sizeof note - l, "%s%s-separated", l ? "; " : "", dn);
    }
    if (st == OV_FILE_UNUSABLE && !note[0])
        snprintf(note, sizeof note, "not used: see Rejections");
    ov_xlsx_text(w, ws, r, 11, note, w->text);
}

/* A rule code and its counts per column (0 = partnership, 1 + i = shown[i]). */
typedef struct {
    const char *code;
    int severity;
    unsigned long total;
    unsigned long *count;
} code_count;

/* Column of an issue's agency in the by-code table, or -1 when not shown. */
static int issue_col(const ov_xw *w, int32_t agency)
{
    if (agency == OV_NONE)
        return 0;
    for (size_t i = 0; i < w->nshown; i++)
        if (w->shown[i] == agency)
            return (int)i + 1;
    return -1;
}

/* Rows for the by-code summary (the pack's, one row per severity and code with
 * a column per agency); returns the next free row. */
static lxw_row_t by_code(ov_xw *w, lxw_worksheet *ws, lxw_row_t r)
{
    size_t ncol = w->nshown + 1;
    code_count *cc = NULL;
    size_t ncc = 0, cap = 0;
    const ov_pack_issues *g = w->pack->issues;
    for (size_t i = 0; i < w->pack->nissues; i++) {
        int col = issue_col(w, g[i].agency);
        if (col < 0 || !g[i].code)
            continue;
        if (!ncc || cc[ncc - 1].severity != g[i].severity ||
            strcmp(cc[ncc - 1].code, g[i].code) != 0) {
            code_count *n = OV_PUSH(cc, ncc, cap);
            n->code = g[i].code;
            n->severity = g[i].severity;
            n->total = 0;
            n->count = ov_xcalloc(ncol, sizeof *n->count);
        }
        cc[ncc - 1].total += g[i].count;
        cc[ncc - 1].count[col] += g[i].count;
    }
    ov_xlsx_text(w, ws, r, 0, "Code", w->head_l);
    ov_xlsx_text(w, ws, r, 1, "Severity", w->head);
    ov_xlsx_text(w, ws, r, 2, "Total", w->head);
    ov_xlsx_text(w, ws, r, 3, "Partnership files", w->head);
    for (size_t i = 0; i < w->nshown; i++)
        ov_xlsx_text(w, ws, r, (lxw_col_t)(4 + i), w->data->agencies[w->shown[i]].id, w->head);
    ov_xlsx_row_height(w, ws, r, 28);
    r++;
    if (ncc == 0)
        ov_xlsx_text(w, ws, r++, 0, "No rejections, warnings or information lines.", w->note);
    for (size_t k = 0; k < ncc; k++, r++) {
        ov_xlsx_text(w, ws, r, 0, cc[k].code, w->text);
        ov_xlsx_text(w, ws, r, 1, ov_severity_name((enum ov_severity)cc[k].severity), w->rag_word);
        ov_xlsx_num(w, ws, r, 2, (double)cc[k].total, w->integer_b);
        for (size_t c = 0; c < ncol; c++)
            ov_xlsx_num(w, ws, r, (lxw_col_t)(3 + c), (double)cc[k].count[c], w->integer);
        free(cc[k].count);
    }
    if (ncc) {
        ov_xlsx_cf_word(w, ws, r - (lxw_row_t)ncc, 1, r - 1, 1, "rejected", w->cf_rag[OV_RAG_RED]);
        ov_xlsx_cf_word(w, ws, r - (lxw_row_t)ncc, 1, r - 1, 1, "warning", w->cf_rag[OV_RAG_AMBER]);
        ov_xlsx_cf_word(w, ws, r - (lxw_row_t)ncc, 1, r - 1, 1, "info", w->cf_rag[OV_RAG_INFO]);
    }
    free(cc);
    return r;
}

/* Completeness rows of one file; returns the next free row. */
static lxw_row_t completeness_rows(ov_xw *w, lxw_worksheet *ws, lxw_row_t r, const char *agency,
                                   int ds, const ov_file_info *fi)
{
    if (fi->status != OV_FILE_RECEIVED || !fi->filled)
        return r;
    size_t n = 0;
    const ov_field_def *fields = ov_schema_fields((enum ov_dataset)ds, &n);
    for (size_t i = 0; fields && i < n; i++) {
        if (fields[i].required)
            continue;
        ov_xlsx_text(w, ws, r, 0, agency, w->text);
        ov_xlsx_text(w, ws, r, 1, ov_dataset_name((enum ov_dataset)ds), w->text);
        ov_xlsx_text(w, ws, r, 2, fields[i].name, w->text);
        ov_xlsx_num(w, ws, r, 3, (double)fi->filled[i], w->integer);
        ov_xlsx_num(w, ws, r, 4, (double)fi->rows_accepted, w->integer);
        if (fi->rows_accepted)
            ov_xlsx_num(w, ws, r, 5, (double)fi->filled[i] / (double)fi->rows_accepted, w->pct);
        else
            ov_xlsx_text(w, ws, r, 5, "no rows", w->muted);
        r++;
    }
    return r;
}

/* With a history: the agency and partnership figures of earlier periods that
 * the extracts now give differently from what was reported (the pack's
 * restatements). Returns the next free row. */
static lxw_row_t restatements(ov_xw *w, lxw_worksheet *ws, lxw_row_t r)
{
    const ov_pack *p = w->pack;
    const ov_history_findings *h = w->ctx->history;
    int any_run = 0;
    for (size_t k = 1; h && k < h->nperiods; k++)
        any_run |= h->reported_on[k] != OV_DATE_NONE;
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Figures restated since they were reported", w->section);
    if (!any_run) {
        ov_xlsx_text(w, ws, r++, 0,
                     w->res->nperiods > 1
                         ? "The history holds no report of the earlier periods of this pack, so "
                           "there is nothing to compare yet; this run is recorded in it."
                         : "This pack has no earlier period (run with --trend to compare with "
                           "them); this run is recorded in the history.",
                     w->note);
        return r;
    }
    if (p->nrestatements == 0) {
        ov_xlsx_text(w, ws, r++, 0,
                     "Every figure of an earlier period that the extracts give is the same as the "
                     "one reported for it: nothing has been restated.",
                     w->note);
        return r;
    }
    static const char *const rh[] = {"Agency",
                                     "Period",
                                     "Metric",
                                     "Reported",
                                     "Reported numerator",
                                     "Reported denominator",
                                     "Now",
                                     "Numerator",
                                     "Denominator",
                                     "Reported on",
                                     "Metric id",
                                     "Group"};
    head_row(w, ws, r++, rh, 12);
    for (size_t i = 0; i < p->nrestatements; i++, r++) {
        const ov_pack_restatement *x = &p->restatements[i];
        const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)x->metric);
        char on[16];
        ov_xlsx_text(w, ws, r, 0, ov_xlsx_agency_label(w, x->agency), w->text);
        ov_xlsx_text(w, ws, r, 1, w->res->periods[x->period].label, w->text);
        ov_xlsx_text(w, ws, r, 2, md->title, w->text);
        const ov_figure *f[2] = {&x->reported, x->now};
        for (int k = 0; k < 2; k++) {
            lxw_col_t c = (lxw_col_t)(3 + 3 * k);
            ov_xlsx_fig_value(w, ws, r, c, f[k], 1);
            if (ov_xlsx_rated(f[k])) {
                ov_xlsx_num(w, ws, r, c + 1, (double)f[k]->num, w->integer);
                ov_xlsx_num(w, ws, r, c + 2, (double)f[k]->den, w->integer);
            } else {
                ov_xlsx_blank(w, ws, r, c + 1, w->text);
                ov_xlsx_blank(w, ws, r, c + 2, w->text);
            }
        }
        ov_xlsx_text(w, ws, r, 9, ov_xlsx_date_words(x->reported_on, on), w->text);
        ov_xlsx_text(w, ws, r, 10, md->id, w->id);
        const char *group = ov_metric_group_title(x->metric, x->category);
        if (x->category >= 0 && md->scope == OV_SCOPE_CASE)
            group = ov_xlsx_category_name(x->category);
        else if (!group)
            group = ov_metric_group_name(x->metric, x->category);
        ov_xlsx_text(w, ws, r, 11, group, w->text);
    }
    ov_xlsx_text(w, ws, r++, 0,
                 "The extracts now give these figures of earlier periods differently from what "
                 "was reported for them, usually because sessions were recorded late or records "
                 "were corrected. restatements.csv lists every one, team figures too. A "
                 "suppressed figure shows no numbers.",
                 w->note);
    return r;
}

/* How do we know: run details, extracts, coverage, files, codes, completeness. */
void ov_xlsx_how_know(ov_xw *w)
{
    const ov_report_ctx *ctx = w->ctx;
    const ov_data *d = w->data;
    char buf[256], a[16], b[16];
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "How do we know", OV_XLSX_TAB_KNOW, "How do we know? Where the figures come from",
        "Which agencies sent what, for which dates; how many rows were read, accepted and "
        "rejected and why; field completeness; the standards applied; file checksums.");
    if (!ws)
        return;
    /* several tables: the title block is frozen and printed on every page */
    ov_xlsx_sheet_header_rows(w, ws, 0, OV_XLSX_TOP - 1, 0);
    static const double widths[] = {30, 16, 26, 12, 11, 11, 11, 11, 12, 68, 11, 26};
    for (lxw_col_t c = 0; c < 12; c++)
        ov_xlsx_col_width(w, ws, c, c, widths[c]);

    lxw_row_t r = OV_XLSX_TOP;
    ov_xlsx_text(w, ws, r++, 0, "The run", w->section);
    const ov_period *p = w->res->nperiods ? &w->res->periods[0] : NULL;
    kv(w, ws, r++, "Partnership", ctx->title, NULL);
    if (p) {
        snprintf(buf, sizeof buf, "%s: %s to %s", p->label, ov_xlsx_date_words(p->start, a),
                 ov_xlsx_date_words(p->end, b));
        kv(w, ws, r++, "Report period", buf, NULL);
    }
    if (w->res->nperiods > 1) {
        ov_buf pl = {0};
        for (size_t k = w->res->nperiods; k-- > 0;)
            ov_buf_printf(&pl, "%s%s", pl.len ? ", " : "", w->res->periods[k].label);
        kv(w, ws, r++, "Periods compared", pl.s, NULL);
        ov_buf_free(&pl);
    }
    kv(w, ws, r++, "Figures as at",
       w->pack->as_at != OV_DATE_NONE ? ov_xlsx_date_words(w->pack->as_at, a)
                                      : "no extract date or session",
       NULL);
    kv(w, ws, r++, "Run date", ov_xlsx_date_words(ctx->run_date, a), NULL);
    {
        ov_buf cov = {0};
        for (size_t k = 0; k < w->res->nperiods; k++)
            ov_buf_printf(&cov, "%s%s: %zu of %zu", k ? "; " : "", w->res->periods[k].label,
                          w->pack->covering[k], w->pack->nscope);
        kv(w, ws, r++, "Agencies whose extracts cover each period", cov.s, NULL);
        ov_buf_free(&cov);
    }
    snprintf(buf, sizeof buf, "oversight %s", ctx->version ? ctx->version : "");
    kv(w, ws, r++, "Program version", buf, NULL);
    if (ctx->agency_focus != OV_NONE && w->headline != OV_ALL)
        snprintf(buf, sizeof buf, "Agency report for %s", d->agencies[w->headline].id);
    else
        snprintf(buf, sizeof buf, "%s",
                 d->self_audit ? "Self-audit of one agency folder" : "Partnership pack");
    kv(w, ws, r++, "Report", buf, NULL);
    char base[256];
    kv(w, ws, r++, "Data folder", ov_path_base(d->root, base, sizeof base), NULL);
    kv(w, ws, r++, "Standards file",
       w->std->path ? ov_path_base(w->std->path, base, sizeof base)
                    : "built-in defaults of the specification",
       NULL);
    kv(w, ws, r++, "Standards SHA-256", w->std->sha256[0] ? w->std->sha256 : "-", w->mono);
    kv(w, ws, r++, "Holiday calendar",
       w->std->calendar_file ? ov_path_base(w->std->calendar_file, base, sizeof base) : "-", NULL);
    kv(w, ws, r++, "Holiday calendar SHA-256",
       ctx->calendar && ctx->calendar->sha256[0] ? ctx->calendar->sha256 : "-", w->mono);
    snprintf(buf, sizeof buf, "figures with a denominator below %d are suppressed",
             ctx->suppress_below);
    kv(w, ws, r++, "Suppression", buf, NULL);
    kv(w, ws, r++, "Protective marking", ctx->marking, NULL);

    /* Agencies and extracts. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Agencies and their extracts", w->section);
    static const char *const ah[] = {"Agency",   "Id",          "Type",      "Extract date",
                                     "Data",     "Rows read",   "Accepted",  "Rejected",
                                     "Warnings", "Covers from", "Covers to", "Covers the period"};
    head_row(w, ws, r++, ah, 12);
    for (size_t i = 0; i < w->nshown; i++, r++) {
        const ov_agency *ag = &d->agencies[w->shown[i]];
        unsigned long sum[4] = {0};
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
            const ov_file_info *fi = &ag->files[ds];
            if (fi->status != OV_FILE_RECEIVED)
                continue;
            sum[0] += fi->rows_read;
            sum[1] += fi->rows_accepted;
            sum[2] += fi->rows_rejected;
            sum[3] += fi->warnings;
        }
        ov_xlsx_text(w, ws, r, 0, ag->name && *ag->name ? ag->name : ag->id, w->text);
        ov_xlsx_text(w, ws, r, 1, ag->id, w->text);
        ov_xlsx_text(w, ws, r, 2, ov_xlsx_agency_type_name(ag->type), w->text);
        if (ag->extract_date)
            ov_xlsx_date(w, ws, r, 3, ag->extract_date, w->date);
        else
            ov_xlsx_text(w, ws, r, 3, "not given", w->muted);
        ov_xlsx_text(w, ws, r, 4, ag->incomplete ? "incomplete" : "complete",
                     ag->incomplete ? w->warn_word : w->text);
        for (int k = 0; k < 4; k++)
            ov_xlsx_num(w, ws, r, (lxw_col_t)(5 + k), (double)sum[k], w->integer);
        if (ag->window_from != OV_DATE_NONE)
            ov_xlsx_date(w, ws, r, 9, ag->window_from, w->date);
        else
            ov_xlsx_text(w, ws, r, 9, "open", w->muted);
        if (ag->window_to != OV_DATE_NONE)
            ov_xlsx_date(w, ws, r, 10, ag->window_to, w->date);
        else
            ov_xlsx_text(w, ws, r, 10, "open", w->muted);
        int covers = ov_agency_covers(ag, w->res->periods[0].start, w->res->periods[0].end);
        ov_xlsx_text(w, ws, r, 11, covers ? "Yes" : "No \xe2\x80\x94 not covered",
                     covers ? w->text : w->warn_word);
    }
    ov_xlsx_text(w, ws, r++, 0,
                 "Covers from: covers_from in agencies.csv, else the first day of the month of "
                 "the agency's earliest session; covers to: the extract date, else the last day "
                 "of the month of its latest session. A period the extract does not cover "
                 "wholly is not covered: the agency's figures for it are blank and the "
                 "partnership's leave it out.",
                 w->note);
    if (w->pack->history)
        r = restatements(w, ws, r);

    /* Three sources of evidence (SPEC 7.3). */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Three sources of evidence: frequency, audits, practitioners",
                 w->section);
    static const char *const th[] = {"Unit", "Supervision frequency", "Records audited good",
                                     "Practitioners positive", "What they say"};
    head_row(w, ws, r++, th, 5);
    for (size_t i = 0; i < w->pack->nsources; i++, r++) {
        const ov_pack_sources *s = &w->pack->sources[i];
        ov_xlsx_text(w, ws, r, 0, s->unit->label, s->unit->total ? w->text_b : w->text);
        ov_xlsx_fig_value(w, ws, r, 1, s->frequency, 1);
        ov_xlsx_fig_value(w, ws, r, 2, s->quality, 1);
        ov_xlsx_fig_value(w, ws, r, 3, s->voice, 1);
        ov_xlsx_text(w, ws, r, 4, s->sentence, w->wrap);
    }

    /* Coverage grid. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Coverage: the files each agency sent", w->section);
    ov_xlsx_text(w, ws, r, 0, "Agency", w->head_l);
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
        snprintf(buf, sizeof buf, "%s%s", ov_dataset_name((enum ov_dataset)ds),
                 required_ds(ds) ? " (required)" : "");
        ov_xlsx_text(w, ws, r, (lxw_col_t)(1 + ds - OV_DS_FIRST_AGENCY), buf, w->head);
    }
    ov_xlsx_row_height(w, ws, r, 28);
    r++;
    for (size_t i = 0; i < w->nshown; i++, r++) {
        const ov_agency *ag = &d->agencies[w->shown[i]];
        ov_xlsx_text(w, ws, r, 0, ov_xlsx_agency_label(w, w->shown[i]), w->text);
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
            int st = ag->files[ds].status;
            lxw_format *f = st == OV_FILE_RECEIVED                      ? w->word_rag[OV_RAG_GREEN]
                            : st == OV_FILE_UNUSABLE || required_ds(ds) ? w->word_rag[OV_RAG_RED]
                                                                        : w->muted;
            ov_xlsx_text(w, ws, r, (lxw_col_t)(1 + ds - OV_DS_FIRST_AGENCY), status_word(ds, st),
                         f);
        }
    }
    ov_xlsx_text(w, ws, r++, 0,
                 "staff and sessions are required of every agency; the other files are optional. "
                 "Unusable: the file could not be used at all (see Rejections).",
                 w->note);

    /* Files. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Files: rows read, accepted and rejected, size and SHA-256",
                 w->section);
    static const char *const fh[] = {"Agency",
                                     "Dataset",
                                     "File",
                                     "Status",
                                     "Rows read",
                                     "Accepted",
                                     "Rejected",
                                     "Warnings",
                                     "Size (bytes)",
                                     "SHA-256",
                                     "Read = accepted + rejected",
                                     "Notes"};
    head_row(w, ws, r++, fh, 12);
    if (w->headline == OV_ALL)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            file_row(w, ws, r++, "(partnership)", ds, &d->files[ds]);
    for (size_t i = 0; i < w->nshown; i++) {
        const ov_agency *ag = &d->agencies[w->shown[i]];
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            file_row(w, ws, r++, ag->id, ds, &ag->files[ds]);
    }

    /* By rule code. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Rejections, warnings and information by rule code", w->section);
    r = by_code(w, ws, r);
    ov_xlsx_text(w, ws, r++, 0,
                 "Rejected rows are left out of every figure; a warning keeps the row with the "
                 "field treated as blank. Every line is listed on the Rejections sheet.",
                 w->note);

    /* Completeness. */
    r++;
    ov_xlsx_text(w, ws, r++, 0, "Field completeness: optional fields filled in accepted rows",
                 w->section);
    static const char *const ch[] = {"Agency", "Dataset", "Field", "Filled", "Rows", "Filled %"};
    head_row(w, ws, r++, ch, 6);
    lxw_row_t c1 = r;
    if (w->headline == OV_ALL)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            r = completeness_rows(w, ws, r, "(partnership)", ds, &d->files[ds]);
    for (size_t i = 0; i < w->nshown; i++) {
        const ov_agency *ag = &d->agencies[w->shown[i]];
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            r = completeness_rows(w, ws, r, ag->id, ds, &ag->files[ds]);
    }
    if (r == c1) {
        ov_xlsx_text(w, ws, r++, 0, "No file was received.", w->note);
    } else {
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_DATA_BAR;
        cf.bar_color = 0x9DC3E6;
        cf.bar_solid = LXW_TRUE;
        cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.min_value = 0;
        cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.max_value = 1;
        ov_xlsx_check(w, worksheet_conditional_format_range(ws, c1, 5, r - 1, 5, &cf));
    }
}

/* Replaces tokens of an issue's text (its reason, or the field: a column's
 * own label) that are staff or child ids of the issue's agency, for the
 * partnership pack (which must carry no such ids). Returns a malloc'd string. */
static char *redact_ids(const ov_xw *w, const ov_issue *is, const char *text)
{
    ov_buf b = {0};
    const char *s = text ? text : "";
    ov_buf_add(&b, "", 0);
    if (w->ctx->agency_focus != OV_NONE || is->agency < 0 ||
        (size_t)is->agency >= w->data->nagencies) {
        ov_buf_adds(&b, s);
        return ov_buf_detach(&b);
    }
    const ov_agency *ag = &w->data->agencies[is->agency];
    static const char *const seps = " \t\n,;:()[]'\"";
    while (*s) {
        size_t gap = strspn(s, seps);
        ov_buf_add(&b, s, gap);
        s += gap;
        size_t len = strcspn(s, seps);
        if (!len)
            continue;
        size_t core = len;
        while (core > 0 && (s[core - 1] == '.' || s[core - 1] == '!' || s[core - 1] == '?'))
            core--;
        if (core && ov_agency_has_id(ag, s, core)) {
            ov_buf_adds(&b, "[id]");
            ov_buf_add(&b, s + core, len - core);
        } else {
            ov_buf_add(&b, s, len);
        }
        s += len;
    }
    return ov_buf_detach(&b);
}

/* Rejections: every issue as a filterable table. */
void ov_xlsx_rejections(ov_xw *w)
{
    const ov_data *d = w->data;
    char buf[240];
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Rejections", OV_XLSX_TAB_KNOW, "How do we know? Rejections, warnings and information",
        "Every row left out (rejected), kept with a field treated as blank (warning) or noted "
        "(info), with the file and line to find it in the agency's extract.");
    if (!ws)
        return;
    static const char *const heads[] = {"Agency id", "File",     "Line",  "Field",
                                        "Code",      "Severity", "Reason"};
    static const double widths[] = {13, 22, 8, 24, 22, 11, 90};
    enum { NCOL = 7 };
    lxw_table_column cols[NCOL];
    lxw_table_column *colp[NCOL + 1];
    ov_xlsx_table_columns(w, ws, heads, widths, NCOL, NCOL, cols, colp);
    lxw_row_t hr = OV_XLSX_TOP, r = hr + 1;
    size_t listed = 0, total = 0;
    for (size_t i = 0; i < d->nissues; i++) {
        const ov_issue *is = &d->issues[i];
        if (issue_col(w, is->agency) < 0 || (w->headline != OV_ALL && is->agency == OV_NONE))
            continue;
        total++;
        if (listed >= OV_XLSX_MAX_ISSUE_ROWS)
            continue;
        listed++;
        const char *agency = is->agency >= 0 && (size_t)is->agency < d->nagencies
                                 ? d->agencies[is->agency].id
                                 : "(partnership)";
        ov_xlsx_text(w, ws, r, 0, agency, w->text);
        ov_xlsx_text(w, ws, r, 1, ov_dataset_file((enum ov_dataset)is->dataset), w->text);
        if (is->line)
            ov_xlsx_num(w, ws, r, 2, (double)is->line, w->integer);
        else
            ov_xlsx_text(w, ws, r, 2, "file", w->text);
        char *field = redact_ids(w, is, is->field);
        ov_xlsx_text(w, ws, r, 3, field, w->text);
        free(field);
        ov_xlsx_text(w, ws, r, 4, is->code, w->text);
        ov_xlsx_text(w, ws, r, 5, ov_severity_name((enum ov_severity)is->severity), w->text);
        char *reason = redact_ids(w, is, is->reason);
        ov_xlsx_text(w, ws, r, 6, reason, w->text);
        free(reason);
        r++;
    }
    if (listed == 0) {
        ov_xlsx_text(w, ws, r++, 0, "None", w->text);
    }
    lxw_table_options to = {0};
    to.name = "Rejections";
    to.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    to.style_type_number = 1;
    to.columns = colp;
    ov_xlsx_check(w, worksheet_add_table(ws, hr, 0, r - 1, NCOL - 1, &to));
    ov_xlsx_cf_word(w, ws, hr + 1, 5, r - 1, 5, "rejected", w->cf_rag[OV_RAG_RED]);
    ov_xlsx_cf_word(w, ws, hr + 1, 5, r - 1, 5, "warning", w->cf_rag[OV_RAG_AMBER]);
    ov_xlsx_cf_word(w, ws, hr + 1, 5, r - 1, 5, "info", w->cf_rag[OV_RAG_INFO]);
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 0);
    if (total > listed) {
        snprintf(buf, sizeof buf,
                 "The first %zu of %zu lines are listed here; rejections.csv lists them all.",
                 listed, total);
        ov_xlsx_text(w, ws, 3, 0, buf, w->warn_word);
    } else {
        snprintf(buf, sizeof buf, "%zu line(s); the same list is in rejections.csv.", total);
        ov_xlsx_text(w, ws, 3, 0, buf, w->note);
    }
}

/* Definitions: every metric's definition and the standards in force. */
void ov_xlsx_definitions(ov_xw *w)
{
    const ov_standards *s = w->std;
    char buf[240];
    lxw_worksheet *ws = ov_xlsx_sheet(
        w, "Definitions", OV_XLSX_TAB_REFERENCE, "Definitions and standards",
        "What each figure counts, and the standards (targets, thresholds, intervals and "
        "settings) it was measured against.");
    if (!ws)
        return;
    static const double widths[] = {24, 28, 12, 11, 10, 10, 42, 42, 80};
    for (lxw_col_t c = 0; c < 9; c++)
        ov_xlsx_col_width(w, ws, c, c, widths[c]);
    lxw_row_t r = OV_XLSX_TOP;
    ov_xlsx_text(w, ws, r++, 0, "Metrics", w->section);
    static const char *const mh[] = {"Metric id",   "Title",       "Area",
                                     "Better when", "Target",      "Amber at",
                                     "Numerator",   "Denominator", "Definition"};
    head_row(w, ws, r, mh, 9);
    lxw_row_t hr = r++;
    for (int m = 0; m < OV_M_COUNT; m++, r++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        if (!d)
            continue;
        int info = m >= OV_M_FIRST_INFO;
        const ov_threshold *t = &s->metric[m];
        ov_xlsx_text(w, ws, r, 0, d->id, w->wrap);
        ov_xlsx_text(w, ws, r, 1, d->title, w->wrap);
        ov_xlsx_text(w, ws, r, 2, ov_metric_area_name(d->area), w->wrap);
        ov_xlsx_text(w, ws, r, 3, info ? "-" : t->lower_is_better ? "lower" : "higher", w->wrap);
        if (info) {
            ov_xlsx_blank(w, ws, r, 4, w->wrap);
            ov_xlsx_blank(w, ws, r, 5, w->wrap);
        } else {
            ov_xlsx_num(w, ws, r, 4, t->target / 100.0, w->pct);
            ov_xlsx_num(w, ws, r, 5, t->amber / 100.0, w->pct);
        }
        ov_xlsx_text(w, ws, r, 6, d->numerator, w->wrap);
        ov_xlsx_text(w, ws, r, 7, d->denominator, w->wrap);
        ov_xlsx_text(w, ws, r, 8, d->definition, w->wrap);
        int lines = ov_xlsx_lines(d->definition, widths[8]);
        int l6 = ov_xlsx_lines(d->numerator, widths[6]);
        int l7 = ov_xlsx_lines(d->denominator, widths[7]);
        lines = lines > l6 ? lines : l6;
        ov_xlsx_row_lines(w, ws, r, lines > l7 ? lines : l7);
    }
    ov_xlsx_sheet_header_rows(w, ws, hr, hr, 1);

    r++;
    ov_xlsx_text(w, ws, r++, 0, "Ratings", w->section);
    ov_xlsx_text(w, ws, r++, 0,
                 "Green: at or beyond the target. Amber: short of the target but at or beyond "
                 "the amber threshold. Red: short of the amber threshold. The exact fraction is "
                 "compared, so 89.96% is amber although it prints as 90.0%.",
                 w->note);
    snprintf(buf, sizeof buf,
             "Suppressed: a denominator below %d; the figure is neither shown nor rated. No "
             "data: a denominator of 0, which is neither 0%% nor 100%%.",
             w->ctx->suppress_below);
    ov_xlsx_text(w, ws, r++, 0, buf, w->note);

    r++;
    ov_xlsx_text(w, ws, r++, 0, "Thresholds set for particular agencies", w->section);
    if (s->noverrides == 0) {
        ov_xlsx_text(w, ws, r++, 0, "None: every agency is measured against the targets above.",
                     w->note);
    } else {
        static const char *const oh[] = {"Agency id", "Metric id", "Better when", "Target",
                                         "Amber at"};
        head_row(w, ws, r++, oh, 5);
        for (size_t i = 0; i < s->noverrides; i++, r++) {
            const ov_threshold_override *o = &s->overrides[i];
            const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)o->metric);
            ov_xlsx_text(w, ws, r, 0, o->agency_id, w->text);
            ov_xlsx_text(w, ws, r, 1, d ? d->id : "", w->text);
            ov_xlsx_text(w, ws, r, 2, o->t.lower_is_better ? "lower" : "higher", w->text);
            ov_xlsx_num(w, ws, r, 3, o->t.target / 100.0, w->pct);
            ov_xlsx_num(w, ws, r, 4, o->t.amber / 100.0, w->pct);
        }
    }

    r++;
    ov_xlsx_text(w, ws, r++, 0, "Case categories and management-oversight intervals", w->section);
    static const char *const kh[] = {"Category code", "Category", "Interval (months)"};
    head_row(w, ws, r++, kh, 3);
    for (int c = 0; c < OV_CAT_COUNT; c++, r++) {
        ov_xlsx_text(w, ws, r, 0, ov_codes_category.names[c], w->text);
        ov_xlsx_text(w, ws, r, 1, ov_xlsx_category_name(c), w->text);
        ov_xlsx_num(w, ws, r, 2, s->interval_months[c], w->integer);
    }

    r++;
    ov_xlsx_text(w, ws, r++, 0, "Other settings", w->section);
    static const char *const sh[] = {"Setting", "Value"};
    head_row(w, ws, r++, sh, 2);
    struct {
        const char *key;
        char value[160];
    } set[10];
    int n = 0;
    set[n].key = "ASYE supervision schedule";
    snprintf(set[n++].value, 160,
             "%d intervals of %d days, then %d of %d days, then calendar months", s->asye_weeks,
             s->asye_week_days, s->asye_fortnights, s->asye_fortnight_days);
    set[n].key = "Notes recorded within";
    snprintf(set[n++].value, 160, "%d working days of the session", s->notes_working_days);
    set[n].key = "Cancelled session rearranged within";
    snprintf(set[n++].value, 160, "%d working days", s->rearrange_working_days);
    set[n].key = "Supervision agreement valid for";
    snprintf(set[n++].value, 160, "%d months", s->agreement_valid_months);
    set[n].key = "Practice observation valid for";
    snprintf(set[n++].value, 160, "%d months (due once in post %d months)",
             s->observation_valid_months, s->observation_service_months);
    set[n].key = "Safeguarding training valid for";
    snprintf(set[n++].value, 160, "%d months", s->safeguarding_training_valid_months);
    set[n].key = "Assessment review points";
    snprintf(set[n++].value, 160, "working day %d and working day %d after the start",
             s->review_day_early, s->review_day_late);
    set[n].key = "Suppression threshold";
    snprintf(set[n++].value, 160, "denominators below %d", w->ctx->suppress_below);
    set[n].key = "Working days";
    snprintf(set[n++].value, 160, "Monday to Friday except the bank holidays of the calendar");
    for (int i = 0; i < n; i++, r++) {
        ov_xlsx_text(w, ws, r, 0, set[i].key, w->text);
        ov_xlsx_text(w, ws, r, 1, set[i].value, w->text);
    }
    ov_xlsx_text(w, ws, r, 0, "Holiday calendar", w->text);
    char cal[256];
    ov_xlsx_text(w, ws, r++, 1,
                 s->calendar_file ? ov_path_base(s->calendar_file, cal, sizeof cal) : "-", w->text);
    ov_xlsx_text(w, ws, r, 0, "Standards file", w->text);
    char sb[256];
    ov_xlsx_text(w, ws, r++, 1,
                 s->path ? ov_path_base(s->path, sb, sizeof sb) : "built-in defaults", w->text);
}
