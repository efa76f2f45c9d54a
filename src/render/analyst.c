/* analyst.c — writes the analyst CSV files (rejections, data quality,
 * completeness, metrics, with --history restatements, and with --agency the
 * follow-up lists, laid out from the table of lists in metrics/followup.h) and
 * the by-code summary of issues. */
#include "render/analyst.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outset.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"
#include "core/text.h"
#include "ingest/ingest.h"

/* The agency_id column for an agency index. */
const char *ov_analyst_agency_id(const ov_data *d, int32_t agency)
{
    if (agency == OV_ALL)
        return "ALL";
    if (agency < 0 || (size_t)agency >= d->nagencies)
        return "";
    return d->agencies[agency].id;
}

/* The agency column of an issue or file row (blank for partnership files). */
static const char *file_agency(const ov_data *d, int32_t agency)
{
    return agency == OV_NONE ? "" : d->agencies[agency].id;
}

/* The file column of an issue: the name of the file (or workbook and sheet)
 * its dataset was read from, without the agency's folder; the dataset's CSV
 * name when nothing was read. */
static const char *issue_file(const ov_data *d, const ov_issue *is)
{
    const ov_file_info *fi = NULL;
    if (is->agency == OV_NONE && is->dataset < OV_DS_FIRST_AGENCY)
        fi = &d->files[is->dataset];
    else if (is->agency != OV_NONE && (size_t)is->agency < d->nagencies)
        fi = &d->agencies[is->agency].files[is->dataset];
    if (!fi || !fi->relpath)
        return ov_dataset_file((enum ov_dataset)is->dataset);
    const char *slash = strrchr(fi->relpath, '/');
    return slash ? slash + 1 : fi->relpath;
}

/* rejections.csv: one line per issue, in report order. */
int ov_analyst_rejections(const ov_data *d, ov_outset *out)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, "rejections.csv") != 0)
        return -1;
    static const char *const head[] = {"agency_id", "file",     "line",  "field",
                                       "code",      "severity", "reason"};
    ov_csv_row(o.fp, head, 7);
    for (size_t i = 0; i < d->nissues; i++) {
        const ov_issue *is = &d->issues[i];
        char line[16];
        snprintf(line, sizeof(line), "%u", (unsigned)is->line);
        const char *row[7] = {file_agency(d, is->agency),
                              issue_file(d, is),
                              line,
                              is->field,
                              is->code,
                              ov_severity_name((enum ov_severity)is->severity),
                              is->reason};
        ov_csv_row(o.fp, row, 7);
    }
    return ov_outfile_close(&o);
}

typedef void (*file_row_fn)(FILE *fp, const char *agency, enum ov_dataset ds,
                            const ov_file_info *fi);

/* Calls fn for every cell of the coverage grid: the partnership files (not for a
 * self-audit), then each agency's datasets in order. */
static void for_each_file(const ov_data *d, FILE *fp, file_row_fn fn)
{
    if (!d->self_audit)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            fn(fp, "", (enum ov_dataset)ds, &d->files[ds]);
    for (size_t a = 0; a < d->nagencies; a++)
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            fn(fp, d->agencies[a].id, (enum ov_dataset)ds, &d->agencies[a].files[ds]);
}

/* One data_quality.csv line. */
static void dq_row(FILE *fp, const char *agency, enum ov_dataset ds, const ov_file_info *fi)
{
    char n[4][24];
    snprintf(n[0], sizeof(n[0]), "%lu", fi->rows_read);
    snprintf(n[1], sizeof(n[1]), "%lu", fi->rows_accepted);
    snprintf(n[2], sizeof(n[2]), "%lu", fi->rows_rejected);
    snprintf(n[3], sizeof(n[3]), "%lu", fi->warnings);
    const char *row[9] = {agency,
                          ov_dataset_name(ds),
                          fi->relpath ? fi->relpath : "",
                          ov_file_status_name(fi->status),
                          n[0],
                          n[1],
                          n[2],
                          n[3],
                          fi->sha256};
    ov_csv_row(fp, row, 9);
}

/* data_quality.csv: the coverage grid agency x dataset with counts and hashes. */
int ov_analyst_data_quality(const ov_data *d, ov_outset *out)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, "data_quality.csv") != 0)
        return -1;
    static const char *const head[] = {"agency_id",     "dataset",   "file",
                                       "status",        "rows_read", "rows_accepted",
                                       "rows_rejected", "warnings",  "sha256"};
    ov_csv_row(o.fp, head, 9);
    for_each_file(d, o.fp, dq_row);
    return ov_outfile_close(&o);
}

/* completeness.csv lines of one received file: every optional field. */
static void completeness_rows(FILE *fp, const char *agency, enum ov_dataset ds,
                              const ov_file_info *fi)
{
    if (fi->status != OV_FILE_RECEIVED || !fi->filled)
        return;
    size_t n;
    const ov_field_def *f = ov_schema_fields(ds, &n);
    char filled[24], rows[24];
    snprintf(rows, sizeof(rows), "%lu", fi->rows_accepted);
    for (size_t i = 0; i < n; i++) {
        if (f[i].required)
            continue;
        snprintf(filled, sizeof(filled), "%lu", fi->filled[i]);
        const char *row[5] = {agency, ov_dataset_name(ds), f[i].name, filled, rows};
        ov_csv_row(fp, row, 5);
    }
}

/* completeness.csv: filled values per optional field of every received file. */
int ov_analyst_completeness(const ov_data *d, ov_outset *out)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, "completeness.csv") != 0)
        return -1;
    static const char *const head[] = {"agency_id", "dataset", "field", "filled", "rows"};
    ov_csv_row(o.fp, head, 5);
    for_each_file(d, o.fp, completeness_rows);
    return ov_outfile_close(&o);
}

/* Formats a threshold number the way people write it (90, 87.5). */
static void fmt_threshold(double v, char buf[24])
{
    snprintf(buf, 24, "%g", v);
}

/* A threshold's two numbers as text, kept while the next figure has the same
 * (figures of one measure follow one another). */
typedef struct {
    double target, amber;
    char target_s[24], amber_s[24];
} threshold_text;

/* Sets tt to the text of t's target and amber line, formatting only what changed. */
static void threshold_texts(threshold_text *tt, const ov_threshold *t)
{
    if (!(t->target == tt->target)) { /* NAN at first: never equal */
        tt->target = t->target;
        fmt_threshold(t->target, tt->target_s);
    }
    if (!(t->amber == tt->amber)) {
        tt->amber = t->amber;
        fmt_threshold(t->amber, tt->amber_s);
    }
}

/* metrics.csv: one line per figure (of one agency when agency >= 0), earlier
 * periods first. */
int ov_analyst_metrics(const ov_data *d, const ov_results *r, int32_t agency, ov_outset *out)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, "metrics.csv") != 0)
        return -1;
    static const char *const head[] = {"period_start", "period_end", "agency_id", "team",
                                       "group",        "metric_id",  "numerator", "denominator",
                                       "value",        "target",     "amber",     "rag"};
    ov_csv_row(o.fp, head, 12);
    /* each period's dates written once (a run has a few periods, and a
     * figure for every team of each) */
    char(*dates)[2][11] = ov_xcalloc(r->nperiods ? r->nperiods : 1, sizeof(*dates));
    for (size_t k = 0; k < r->nperiods; k++) {
        ov_date_format(r->periods[k].start, dates[k][0]);
        ov_date_format(r->periods[k].end, dates[k][1]);
    }
    threshold_text tt = {.target = NAN, .amber = NAN};
    for (size_t i = 0; i < r->nfigs; i++) {
        const ov_figure *f = &r->figs[i];
        if (agency >= 0 && f->agency != agency)
            continue;
        char num[21] = "", den[21] = "", val[32];
        const char *team = "";
        if (f->team != OV_NONE && f->agency >= 0)
            team = ov_strtab_get(&d->agencies[f->agency].teams, (uint32_t)f->team);
        const char *group = ov_metric_group_name(f->metric, f->category);
        /* info rows carry only a value; not covered rows no numbers at all */
        if (f->rag != OV_RAG_INFO && f->rag != OV_RAG_NOT_COVERED) {
            ov_fmt_i64(num, (long long)f->num);
            ov_fmt_i64(den, (long long)f->den);
        }
        const char *tgt = "", *amb = "";
        if (f->metric < OV_M_FIRST_INFO) {
            threshold_texts(&tt, &f->threshold);
            tgt = tt.target_s;
            amb = tt.amber_s;
        }
        ov_metrics_format_value(f, val);
        const char *row[12] = {dates[f->period][0],
                               dates[f->period][1],
                               ov_analyst_agency_id(d, f->agency),
                               team,
                               group,
                               ov_metric_def_get((enum ov_metric_id)f->metric)->id,
                               num,
                               den,
                               val,
                               tgt,
                               amb,
                               ov_rag_name((enum ov_rag)f->rag)};
        ov_csv_row(o.fp, row, 12);
    }
    free(dates);
    return ov_outfile_close(&o);
}

/* ---- restatements --------------------------------------------------------- */

static const char *const restatements_file = "restatements.csv";

/* restatements.csv: one line per figure of an earlier period whose numbers
 * differ from the ones reported for it. */
int ov_analyst_restatements(const ov_data *d, const ov_results *r, const ov_history_findings *h,
                            ov_outset *out)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, restatements_file) != 0)
        return -1;
    static const char *const head[] = {
        "period_start", "period_end", "agency_id",          "team",
        "group",        "metric_id",  "reported_numerator", "reported_denominator",
        "reported_on",  "numerator",  "denominator"};
    enum { NCOL = sizeof(head) / sizeof(head[0]) };
    ov_csv_row(o.fp, head, NCOL);
    for (size_t i = 0; i < h->nrows; i++) {
        const ov_restatement *x = &h->rows[i];
        if (x->fig >= r->nfigs)
            continue;
        const ov_figure *f = &r->figs[x->fig];
        const ov_period *p = &r->periods[f->period];
        char ps[11], pe[11], on[11], rn[24], rd[24], num[24], den[24];
        ov_date_format(p->start, ps);
        ov_date_format(p->end, pe);
        ov_date_format(x->reported_on, on);
        snprintf(rn, sizeof(rn), "%lld", (long long)x->num);
        snprintf(rd, sizeof(rd), "%lld", (long long)x->den);
        snprintf(num, sizeof(num), "%lld", (long long)f->num);
        snprintf(den, sizeof(den), "%lld", (long long)f->den);
        const char *team = "";
        if (f->team != OV_NONE && f->agency >= 0)
            team = ov_strtab_get(&d->agencies[f->agency].teams, (uint32_t)f->team);
        const char *group = ov_metric_group_name(f->metric, f->category);
        const char *row[NCOL] = {ps,   pe,    ov_analyst_agency_id(d, f->agency),
                                 team, group, ov_metric_def_get((enum ov_metric_id)f->metric)->id,
                                 rn,   rd,    on,
                                 num,  den};
        ov_csv_row(o.fp, row, NCOL);
    }
    return ov_outfile_close(&o);
}

/* Has the commit of out remove a restatements.csv an earlier run with
 * --history left, whatever the previous manifest lists. */
void ov_analyst_restatements_remove(ov_outset *out)
{
    ov_outset_remove_stale(out, restatements_file);
}

/* ---- follow-up lists ----------------------------------------------------- */

/* Writes one cell of a follow-up list: text and codes with the formula guard,
 * numbers and dates without. */
static void followup_field(FILE *fp, const ov_followup_value *v, ov_buf *b)
{
    char buf[32];
    switch (v->kind) {
    case OV_FV_CODES:
        ov_buf_reset(b);
        ov_buf_add(b, "", 0);
        for (size_t k = 0; k < v->ncodes; k++) {
            if (k)
                ov_buf_addc(b, ';');
            ov_buf_adds(b, v->codes[k]);
        }
        ov_csv_field(fp, b->s, 1);
        break;
    case OV_FV_DATE:
        ov_csv_field(fp, ov_date_format(v->date, buf), 0);
        break;
    case OV_FV_COUNT:
        snprintf(buf, sizeof buf, "%lld", (long long)v->n);
        ov_csv_field(fp, buf, 0);
        break;
    case OV_FV_RANGES:
        ov_buf_reset(b);
        ov_buf_add(b, "", 0);
        for (size_t k = 0; k < v->nranges; k++) {
            char s1[11], s2[11];
            ov_buf_printf(b, "%s%s:%s", k ? ";" : "", ov_date_format(v->ranges[k].start, s1),
                          ov_date_format(v->ranges[k].end, s2));
        }
        ov_csv_field(fp, b->s, 0);
        break;
    default:
        ov_csv_field(fp, v->text, 1);
        break;
    }
}

/* exceptions-<key>.csv: the rows of one list, most urgent first. */
static int write_followup(const ov_pack *p, const ov_pack_followup *f, ov_outset *out)
{
    const ov_agency *a = &p->data->agencies[p->head];
    const ov_exceptions *ex = p->exceptions;
    const ov_followup_def *def = f->def;
    ov_outfile o;
    if (ov_outfile_open(&o, out, def->file) != 0)
        return -1;
    fputs("period_start,period_end,agency_id", o.fp);
    for (size_t c = 0; c < ov_followup_ncols(def); c++)
        if (def->cols[c].where & OV_FC_IN_CSV) {
            fputc(',', o.fp);
            ov_csv_field(o.fp, def->cols[c].name, 1);
        }
    fputc('\n', o.fp);
    char ps[11], pe[11];
    ov_date_format(ex->period.start, ps);
    ov_date_format(ex->period.end, pe);
    ov_buf b = {0};
    for (size_t i = 0; i < f->nrows; i++) {
        const char *lead[3] = {ps, pe, a->id};
        for (int k = 0; k < 3; k++) {
            if (k)
                fputc(',', o.fp);
            ov_csv_field(o.fp, lead[k], k == 2);
        }
        for (size_t c = 0; c < ov_followup_ncols(def); c++) {
            if (!(def->cols[c].where & OV_FC_IN_CSV))
                continue;
            ov_followup_value v;
            ov_followup_cell(a, ex, &f->rows[i], def->cols[c].src, &v);
            fputc(',', o.fp);
            followup_field(o.fp, &v, &b);
        }
        fputc('\n', o.fp);
    }
    ov_buf_free(&b);
    return ov_outfile_close(&o);
}

/* Writes the lists an agency's pack shows; every other follow-up file name is
 * removed by the commit of the set. */
int ov_analyst_followup(const ov_pack *p, ov_outset *out)
{
    if (!p || !p->nfollowups || !p->exceptions) {
        ov_err("follow-up lists: no agency to list");
        return -1;
    }
    for (size_t i = 0; i < p->nfollowups; i++)
        if (p->followups[i].shown && write_followup(p, &p->followups[i], out) != 0)
            return -1;
    ov_analyst_exceptions_remove(out);
    return 0;
}

/* Has the commit remove every follow-up list name this run does not write. */
void ov_analyst_exceptions_remove(ov_outset *out)
{
    for (size_t i = 0; i < ov_followup_nfiles(); i++)
        ov_outset_remove_stale(out, ov_followup_file(i));
}

typedef struct {
    const char *code;
    unsigned long n;
    int severity;
} code_count;

/* Orders code counts by code. */
static int code_cmp(const void *a, const void *b)
{
    return strcmp(((const code_count *)a)->code, ((const code_count *)b)->code);
}

/* Prints "rejected N rows, W warnings" and the count per rule code. */
void ov_analyst_issue_summary(const ov_data *d)
{
    code_count *cc = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->nissues; i++) {
        size_t k = 0;
        while (k < n && strcmp(cc[k].code, d->issues[i].code) != 0)
            k++;
        if (k == n) {
            code_count *x = OV_PUSH(cc, n, cap);
            x->code = d->issues[i].code;
            x->n = 0;
            x->severity = d->issues[i].severity;
        }
        cc[k].n++;
    }
    if (n)
        qsort(cc, n, sizeof(*cc), code_cmp);
    ov_buf b = {0};
    for (size_t k = 0; k < n; k++)
        ov_buf_printf(&b, "%s%s %lu", k ? ", " : "", cc[k].code, cc[k].n);
    if (n)
        ov_note("by rule code: %s", b.s);
    else
        ov_note("by rule code: no rejections, warnings or notes");
    ov_buf_free(&b);
    free(cc);
}
