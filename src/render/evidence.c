/* evidence.c — what "How do we know?" and the appendix of the board report
 * say, worked out once for the PDF and the web page: counts of rows, field
 * completeness, sentences about the files and the periods covered, the
 * standards in words, the run's provenance and the appendix's cells. */
#include "render/evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/mem.h"
#include "ingest/ingest.h"

/* Agencies shown (all, or the one in focus). */
static int agency_shown(const ov_words *w, size_t a)
{
    return w->head == OV_ALL || (int32_t)a == w->head;
}

/* Adds a file's counts to c. */
static void add_counts(const ov_file_info *f, unsigned long c[5])
{
    if (f->status == OV_FILE_MISSING)
        return;
    c[0]++;
    c[1] += f->rows_read;
    c[2] += f->rows_accepted;
    c[3] += f->rows_rejected;
    c[4] += f->warnings;
}

/* The rows of the rows table. */
size_t ov_ev_count_rows(ov_words *w, ov_ev_count_row **out)
{
    const ov_data *d = w->pack->data;
    ov_ev_count_row *rows = ov_xcalloc(d->nagencies + 2, sizeof *rows);
    size_t n = 0;
    char *complete = ov_words_text(w, "know.figures_complete", NULL, 0);
    char *incomplete = ov_words_text(w, "know.figures_incomplete", NULL, 0);
    unsigned long total[5] = {0};
    if (w->head == OV_ALL && !d->self_audit) {
        ov_ev_count_row *r = &rows[n++];
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
            add_counts(&d->files[ds], r->c);
        r->label = ov_words_text(w, "know.partnership_files_label", NULL, 0);
        r->status = ov_xstrdup("");
    }
    for (size_t a = 0; a < d->nagencies; a++) {
        if (!agency_shown(w, a))
            continue;
        const ov_agency *ag = &d->agencies[a];
        ov_ev_count_row *r = &rows[n++];
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            add_counts(&ag->files[ds], r->c);
        r->label = ov_xstrdup(ov_words_agency_name(w, (int32_t)a));
        r->status = ov_xstrdup(ag->incomplete ? incomplete : complete);
        r->flagged = ag->incomplete;
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 5; k++)
            total[k] += rows[i].c[k];
    ov_ev_count_row *t = &rows[n++];
    memcpy(t->c, total, sizeof total);
    t->label = ov_words_text(w, "know.total", NULL, 0);
    t->status = ov_xstrdup("");
    t->total = 1;
    free(complete);
    free(incomplete);
    *out = rows;
    return n;
}

/* Frees the rows of the rows table. */
void ov_ev_count_rows_free(ov_ev_count_row *rows, size_t n)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rows[i].label);
        free(rows[i].status);
    }
    free(rows);
}

/* One optional field pooled over the agencies shown into r; 0 when no rows. */
static int field_row(ov_words *w, int ds, size_t i, const char *of, ov_ev_field_row *r)
{
    const ov_data *d = w->pack->data;
    unsigned long filled = 0, rows = 0, shown = 0;
    int32_t low = OV_NONE;
    double low_ratio = 2;
    for (size_t a = 0; a < d->nagencies; a++) {
        const ov_file_info *f = &d->agencies[a].files[ds];
        if (!agency_shown(w, a) || f->status != OV_FILE_RECEIVED || !f->filled ||
            f->rows_accepted == 0)
            continue;
        filled += f->filled[i];
        rows += f->rows_accepted;
        shown++;
        double ratio = (double)f->filled[i] / (double)f->rows_accepted;
        if (ratio < low_ratio) {
            low_ratio = ratio;
            low = (int32_t)a;
        }
    }
    if (rows == 0)
        return 0;
    char pct[16], fb[32], rb[32];
    ov_metrics_format_pct((int64_t)filled, (int64_t)rows, pct);
    snprintf(r->pct, sizeof r->pct, "%s%%", pct);
    r->filled_rows =
        ov_xasprintf("%s %s %s", ov_words_count(filled, fb), of, ov_words_count(rows, rb));
    r->lowest[0] = '\0';
    if (shown > 1 && low != OV_NONE && low_ratio < 1) {
        const ov_file_info *f = &d->agencies[low].files[ds];
        char lp[16];
        ov_metrics_format_pct((int64_t)f->filled[i], (int64_t)f->rows_accepted, lp);
        snprintf(r->lowest, sizeof r->lowest, "%s (%s%%)", ov_words_agency_name(w, low), lp);
    }
    return 1;
}

/* The rows of the completeness table. */
size_t ov_ev_field_rows(ov_words *w, ov_ev_field_row **out)
{
    ov_ev_field_row *rows = NULL;
    size_t n = 0, cap = 0;
    char *of = ov_words_text(w, "word.of", NULL, 0);
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
        size_t nf = 0;
        const ov_field_def *fields = ov_schema_fields((enum ov_dataset)ds, &nf);
        char key[48];
        snprintf(key, sizeof key, "dataset.%s", ov_dataset_name((enum ov_dataset)ds));
        for (size_t i = 0; fields && i < nf; i++) {
            if (fields[i].required)
                continue;
            ov_ev_field_row r;
            memset(&r, 0, sizeof r);
            if (!field_row(w, ds, i, of, &r))
                continue;
            r.dataset = ov_words_text(w, key, NULL, 0);
            r.field = fields[i].name;
            *OV_PUSH(rows, n, cap) = r;
        }
    }
    free(of);
    *out = rows;
    return n;
}

/* Frees the rows of the completeness table. */
void ov_ev_field_rows_free(ov_ev_field_row *rows, size_t n)
{
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++) {
        free(rows[i].dataset);
        free(rows[i].filled_rows);
    }
    free(rows);
}

/* The partnership's own files as one sentence (caller frees). */
char *ov_ev_partnership_files(ov_words *w)
{
    const ov_data *d = w->pack->data;
    static const int ds[] = {OV_DS_AGENCIES, OV_DS_ACTIONS, OV_DS_COMMENTARY, OV_DS_SECTION11};
    enum { NDS = sizeof ds / sizeof ds[0] };
    const char *items[NDS];
    char *words[NDS];
    for (int i = 0; i < NDS; i++) {
        const ov_file_info *f = &d->files[ds[i]];
        const char *key = f->status == OV_FILE_RECEIVED   ? "know.file_received"
                          : f->status == OV_FILE_UNUSABLE ? "know.file_unusable"
                                                          : "know.file_missing";
        ov_narr_var v[] = {{"file", ov_dataset_file((enum ov_dataset)ds[i])}};
        words[i] = ov_words_text(w, key, v, 1);
        items[i] = words[i];
    }
    char *and_word = ov_words_text(w, "word.and", NULL, 0);
    char *list = ov_narr_join(items, NDS, and_word);
    ov_narr_var v[] = {{"list", list}};
    char *t = ov_words_text(w, d->self_audit ? "know.self_audit" : "know.partnership_files", v, 1);
    free(list);
    free(and_word);
    for (int i = 0; i < NDS; i++)
        free(words[i]);
    return t;
}

/* How many agencies cover each period, the report period first (caller frees). */
char *ov_ev_covering(ov_words *w)
{
    const ov_pack *p = w->pack;
    ov_buf b = {0};
    for (size_t k = 0; k < p->res.nperiods; k++) {
        char n[24], of[24];
        snprintf(n, sizeof n, "%zu", p->covering[k]);
        snprintf(of, sizeof of, "%zu", p->nscope);
        ov_narr_var v[] = {{"period", p->res.periods[k].label}, {"n", n}, {"of", of}};
        char *item =
            ov_words_text(w, p->covering[k] ? "know.covering_item" : "know.covering_none", v, 3);
        ov_buf_printf(&b, "%s%s", k ? "; " : "", item);
        free(item);
    }
    ov_narr_var v[] = {{"list", b.s ? b.s : ""}};
    char *t = ov_words_text(w, "know.covering", v, 1);
    ov_buf_free(&b);
    return t;
}

/* The standards applied: paragraph and bullets; returns how many bullets. */
size_t ov_ev_standards(ov_words *w, char **para, char *bullets[OV_EV_STD_BULLETS])
{
    const ov_standards *s = w->ctx->standards;
    char v[12][24];
    const int nums[12] = {s->notes_working_days,
                          s->rearrange_working_days,
                          s->agreement_valid_months,
                          s->observation_valid_months,
                          s->observation_service_months,
                          s->safeguarding_training_valid_months,
                          s->review_day_early,
                          s->review_day_late,
                          s->asye_weeks,
                          s->asye_week_days,
                          s->asye_fortnights,
                          s->asye_fortnight_days};
    for (int i = 0; i < 12; i++)
        snprintf(v[i], 24, "%d", nums[i]);
    ov_buf cats = {0};
    ov_buf_add(&cats, "", 0);
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        char key[64], months[16];
        snprintf(key, sizeof key, "category.%s", ov_codes_category.names[c]);
        snprintf(months, sizeof months, "%d", s->interval_months[c]);
        ov_narr_var mv[] = {{"months", months}};
        char *label = ov_words_text(w, key, NULL, 0);
        char *interval = ov_words_text(w, "categories.interval", mv, 1);
        ov_buf_printf(&cats, "%s%s %s", c ? "; " : "", label, interval);
        free(label);
        free(interval);
    }
    char calbuf[256], stdbuf[256];
    ov_narr_var vars[] = {
        {"notes_wd", v[0]},
        {"rearrange_wd", v[1]},
        {"agreement_months", v[2]},
        {"observation_months", v[3]},
        {"observation_service", v[4]},
        {"training_months", v[5]},
        {"review_early", v[6]},
        {"review_late", v[7]},
        {"asye_weeks", v[8]},
        {"asye_week_days", v[9]},
        {"asye_fortnights", v[10]},
        {"asye_fortnight_days", v[11]},
        {"categories", cats.s},
        {"standards_file", s->path ? ov_path_base(s->path, stdbuf, sizeof stdbuf) : ""},
        {"calendar_file", ov_path_base(s->calendar_file, calbuf, sizeof calbuf)}};
    const size_t nv = sizeof vars / sizeof vars[0];
    *para = ov_words_text(w, s->path ? "know.standards" : "know.standards_builtin", vars, nv);
    static const char *const keys[OV_EV_STD_BULLETS] = {
        "know.std.notes",       "know.std.rearrange",  "know.std.agreement",
        "know.std.observation", "know.std.training",   "know.std.assessment",
        "know.std.asye",        "know.std.categories", "know.std.calendar"};
    size_t n = 0;
    for (size_t i = 0; i < OV_EV_STD_BULLETS; i++) {
        char *t = ov_words_text(w, keys[i], vars, nv);
        if (t[0])
            bullets[n++] = t;
        else
            free(t);
    }
    ov_buf_free(&cats);
    return n;
}

/* The run's provenance: labels and values (caller frees each). */
void ov_ev_run_provenance(ov_words *w, char *labels[OV_EV_PROV_ITEMS],
                          char *values[OV_EV_PROV_ITEMS])
{
    const ov_report_ctx *ctx = w->ctx;
    const ov_standards *s = ctx->standards;
    static const char *const items[OV_EV_PROV_ITEMS] = {
        "know.prov.period",       "know.prov.program",       "know.prov.run_date",
        "know.prov.standards",    "know.prov.standards_sha", "know.prov.calendar",
        "know.prov.calendar_sha", "know.prov.suppression"};
    char run[32], stdbuf[256], calbuf[256];
    values[0] = ov_words_text(w, "know.prov.period_value", NULL, 0);
    values[1] = ov_xasprintf("oversight %s", ctx->version ? ctx->version : "");
    values[2] = ov_xstrdup(ov_words_long_date(ctx->run_date, run));
    values[3] = s->path ? ov_xstrdup(ov_path_base(s->path, stdbuf, sizeof stdbuf))
                        : ov_words_text(w, "know.prov.builtin", NULL, 0);
    values[4] = ov_xstrdup(s->path ? s->sha256 : "");
    values[5] = ov_xstrdup(ov_path_base(s->calendar_file, calbuf, sizeof calbuf));
    values[6] = ov_xstrdup(ctx->calendar ? ctx->calendar->sha256 : "");
    values[7] = ov_xasprintf("%d", ctx->suppress_below);
    for (int i = 0; i < OV_EV_PROV_ITEMS; i++)
        labels[i] = ov_words_text(w, items[i], NULL, 0);
}

/* The measure of a restated figure, with its category or group (caller frees). */
char *ov_ev_restated_measure(ov_words *w, const ov_pack_restatement *x)
{
    const ov_metric_def *md = ov_metric_def_get((enum ov_metric_id)x->metric);
    const char *group = ov_metric_group_title(x->metric, x->category);
    if (x->category >= 0 && md->scope == OV_SCOPE_CASE) {
        char key[64];
        snprintf(key, sizeof key, "category.%s", ov_metric_group_name(x->metric, x->category));
        char *cat = ov_words_text(w, key, NULL, 0);
        char *measure = ov_xasprintf("%s: %s", md->title, cat);
        free(cat);
        return measure;
    }
    if (x->category >= 0)
        return ov_xasprintf("%s: %s", md->title,
                            group ? group : ov_metric_group_name(x->metric, x->category));
    return ov_xstrdup(md->title);
}

/* A measure's line of the definitions (caller frees). */
char *ov_ev_definition_meta(ov_words *w, const ov_metric_def *md)
{
    char key[48];
    snprintf(key, sizeof key, "area.%s", ov_metric_area_name(md->area));
    char *area = ov_words_text(w, key, NULL, 0);
    char *dir = ov_words_text(w,
                              md->area == OV_AREA_INFO ? "appendix.info"
                              : md->lower_is_better    ? "appendix.lower"
                                                       : "appendix.higher",
                              NULL, 0);
    ov_narr_var v[] = {{"id", md->id}, {"area", area}, {"direction", dir}};
    char *meta = ov_words_text(w, "appendix.def_meta", v, 3);
    free(area);
    free(dir);
    return meta;
}

/* A figure's counts as the appendix prints them, and its rating's words. */
char *ov_ev_figure_counts(ov_words *w, const ov_figure *f, char num[32], char den[32])
{
    int rag = f ? f->rag : OV_RAG_INFO;
    num[0] = den[0] = '\0';
    if (f && rag == OV_RAG_SUPPRESSED) {
        snprintf(num, 32, "\u2013"); /* withheld: the counts of a suppressed figure */
        snprintf(den, 32, "\u2013");
    } else if (f && rag != OV_RAG_INFO) {
        ov_words_count((uint64_t)f->num, num);
        ov_words_count((uint64_t)f->den, den);
    }
    if (f && rag == OV_RAG_INFO)
        return ov_words_text(w, "appendix.information", NULL, 0);
    return ov_xstrdup(w->rag_words[f ? rag : OV_RAG_INFO]);
}

/* The status word of an agency's file in the coverage grid, and its kind. */
char *ov_ev_file_status(ov_words *w, int dataset, int status, int *kind)
{
    if (status == OV_FILE_RECEIVED) {
        *kind = 0;
        return ov_words_text(w, "status.received", NULL, 0);
    }
    if (status == OV_FILE_UNUSABLE) {
        *kind = 1;
        return ov_words_text(w, "status.unusable", NULL, 0);
    }
    if (dataset == OV_DS_STAFF || dataset == OV_DS_SESSIONS) { /* every agency must send them */
        *kind = 2;
        return ov_words_text(w, "status.missing_required", NULL, 0);
    }
    *kind = 3;
    return ov_words_text(w, "status.missing", NULL, 0);
}
