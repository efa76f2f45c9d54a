/* words.c — the board report's words for every layout: the wording file with
 * its base placeholders, the marks' words, and values, counts, dates, action
 * states and follow-up cells as the report prints them. */
#include "render/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "metrics/metric_defs.h"

/* Missed intervals printed per person; the rest are counted ("and N more"). */
#define MAX_RANGES 3

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* Adds a base placeholder whose value w keeps. */
static void base_var(ov_words *w, const char *name, char *value)
{
    if (w->nbase >= OV_WORDS_NBASE) { /* cannot happen: OV_WORDS_NBASE has room to spare */
        ov_err("internal error: too many report placeholders ({%s} left out)", name);
        free(value);
        return;
    }
    w->base_store[w->nbase] = value;
    w->base[w->nbase].name = name;
    w->base[w->nbase].value = value;
    w->nbase++;
}

/* Loads the wording and sets the marks' words and the base placeholders. */
int ov_words_init(ov_words *w, const ov_pack *pack)
{
    static const char *const keys[OV_MARK_COUNT] = {
        "rag.green",       "rag.amber",          "rag.red",     "rag.suppressed", "rag.no_data",
        "rag.not_covered", "rag.not_applicable", "rag.not_sent"};
    const ov_report_ctx *ctx = pack->ctx;
    memset(w, 0, sizeof *w);
    w->pack = pack;
    w->ctx = ctx;
    w->head = pack->head;
    if (ov_narr_load(&w->nr, ctx->templates_dir) != 0)
        return -1;
    for (int i = 0; i < OV_MARK_COUNT; i++)
        w->rag_words[i] = ov_narr_text(&w->nr, keys[i], NULL, 0);
    const ov_period *p = &pack->res.periods[0];
    char buf[32];
    base_var(w, "title", ov_xstrdup(ctx->title ? ctx->title : ""));
    base_var(w, "period_label", ov_xstrdup(p->label));
    base_var(w, "period_start", ov_xstrdup(ov_words_long_date(p->start, buf)));
    base_var(w, "period_end", ov_xstrdup(ov_words_long_date(p->end, buf)));
    base_var(w, "run_date", ov_xstrdup(ov_words_long_date(ctx->run_date, buf)));
    base_var(w, "as_at",
             ov_xstrdup(ov_words_long_date(
                 pack->as_at != OV_DATE_NONE ? pack->as_at : ctx->run_date, buf)));
    base_var(w, "marking", ov_xstrdup(ctx->marking ? ctx->marking : ""));
    base_var(w, "suppress", ov_xasprintf("%d", ctx->suppress_below));
    base_var(w, "previous_label",
             ov_xstrdup(pack->res.nperiods > 1 ? pack->res.periods[1].label : ""));
    base_var(w, "version", ov_xstrdup(ctx->version ? ctx->version : ""));
    base_var(w, "author", ov_xstrdup(ctx->author ? ctx->author : ""));
    base_var(w, "partnership", ov_xstrdup(pack->partnership_word));
    base_var(w, "unit",
             w->head == OV_ALL ? ov_narr_text(&w->nr, "unit.partnership_prose", NULL, 0)
                               : ov_xstrdup(pack->head_label));
    base_var(w, "agency", ov_xstrdup(w->head == OV_ALL ? "" : pack->head_label));
    return 0;
}

/* Frees what w owns. */
void ov_words_free(ov_words *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nbase; i++)
        free(w->base_store[i]);
    for (int i = 0; i < OV_MARK_COUNT; i++)
        free(w->rag_words[i]);
    ov_narr_free(&w->nr);
    w->nbase = 0;
    memset(w->rag_words, 0, sizeof w->rag_words);
}

/* Text of a narrative key with the base and n extra placeholders (caller frees). */
char *ov_words_text(ov_words *w, const char *key, const ov_narr_var *extra, size_t n)
{
    ov_narr_var vars[40];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 40; i++)
        vars[k++] = extra[i];
    for (size_t i = 0; i < w->nbase && k < 40; i++)
        vars[k++] = w->base[i];
    if (w->head != OV_ALL) { /* one agency's pack: its own wording where there is one */
        char akey[96];
        snprintf(akey, sizeof akey, "%s.agency", key);
        if (ov_narr_get(&w->nr, akey))
            return ov_narr_text(&w->nr, akey, vars, k);
    }
    return ov_narr_text(&w->nr, key, vars, k);
}

/* The text of key, or a copy of fallback when the wording has no such key. */
char *ov_words_text_or(ov_words *w, const char *key, const char *fallback)
{
    if (ov_narr_get(&w->nr, key))
        return ov_words_text(w, key, NULL, 0);
    return ov_xstrdup(fallback);
}

/* The printed value of f: a percentage or informational value in buf, else
 * the mark's word; a figure taken from the history carries its mark. */
const char *ov_words_value(const ov_words *w, const ov_figure *f, char buf[32])
{
    if (!f)
        return w->rag_words[OV_RAG_INFO];
    int mark = ov_pack_mark(w->pack, f);
    const char *hist = ov_pack_from_history(f) ? " " OV_PACK_HISTORY_MARK : "";
    if (mark == OV_RAG_SUPPRESSED || mark == OV_RAG_NO_DATA || mark == OV_RAG_NOT_COVERED ||
        mark == OV_MARK_NOT_SENT) {
        if (!hist[0])
            return w->rag_words[mark];
        snprintf(buf, 32, "%s%s", w->rag_words[mark], hist);
        return buf;
    }
    if (f->rag == OV_RAG_INFO) {
        ov_metrics_format_value(f, buf);
        if (!buf[0])
            return w->rag_words[OV_RAG_NO_DATA];
        size_t len = strlen(buf);
        snprintf(buf + len, 32 - len, "%s", hist);
        return buf;
    }
    char pct[16];
    ov_metrics_format_pct(f->num, f->den, pct);
    snprintf(buf, 32, "%s%%%s%s", pct, hist,
             ov_pack_thin_of(w->pack, f) ? " " OV_PACK_THIN_MARK : "");
    return buf;
}

/* v with thousands separators into buf; returns buf. */
const char *ov_words_count(uint64_t v, char buf[32])
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
    return buf;
}

/* "15 January 2026" into buf ("" for no date); returns buf. */
const char *ov_words_long_date(ov_date d, char buf[32])
{
    if (d == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%d %s %d", dd, month_names[(m - 1) % 12], y);
    return buf;
}

/* "31 Jan 2026" into buf ("" for no date); returns buf. */
const char *ov_words_short_date(ov_date d, char buf[32])
{
    if (d == OV_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, dd;
    ov_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%d %.3s %d", dd, month_names[(m - 1) % 12], y);
    return buf;
}

/* An agency's name (its id when unnamed); the head label for OV_ALL in the pack. */
const char *ov_words_agency_name(const ov_words *w, int32_t agency)
{
    const ov_data *d = w->pack->data;
    if (agency == OV_ALL || agency < 0 || (size_t)agency >= d->nagencies)
        return w->head == OV_ALL ? w->pack->head_label : "";
    return ov_pack_agency_name(w->pack, agency);
}

/* The state of an action in words, a line each (caller frees). */
char *ov_words_action_state(ov_words *w, const ov_pack_action *x)
{
    const ov_action *a = x->action;
    char key[48];
    snprintf(key, sizeof key, "actions.status.%s",
             a->status < OV_AS_COUNT ? ov_codes_action_status.names[a->status] : "open");
    ov_buf b = {0};
    char *st = ov_words_text(w, x->still_short ? "actions.still_short" : key, NULL, 0);
    ov_buf_adds(&b, st);
    free(st);
    if (x->completed_late) {
        char *t = ov_words_text(w, "actions.completed_late", NULL, 0);
        ov_buf_printf(&b, "\n%s", t);
        free(t);
    }
    if (x->overdue) {
        char *t = ov_words_text(w, "actions.overdue", NULL, 0);
        ov_buf_printf(&b, "\n%s", t);
        free(t);
    }
    return ov_buf_detach(&b);
}

/* A list's title (followup.<key>.title, else the table's). */
char *ov_words_list_title(ov_words *w, const ov_followup_def *d)
{
    char key[96];
    snprintf(key, sizeof key, "followup.%s.title", d->key);
    return ov_words_text_or(w, key, d->title);
}

/* The figures of a list, one a line (caller frees). */
char *ov_words_list_figures(ov_words *w, const ov_pack_followup *f)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (int k = 0; k < f->def->nmetrics; k++) {
        const ov_figure *g = f->figs[k];
        char v[32];
        int mark = ov_pack_mark(w->pack, g);
        const char *value = ov_words_value(w, g, v);
        const char *title = ov_metric_def_get((enum ov_metric_id)f->def->metrics[k])->title;
        if (ov_pack_rated(g) && mark != OV_RAG_SUPPRESSED)
            ov_buf_printf(&b, "%s%s: %s %s", k ? "\n" : "", title, value, w->rag_words[mark]);
        else
            ov_buf_printf(&b, "%s%s: %s", k ? "\n" : "", title, value);
    }
    return ov_buf_detach(&b);
}

/* "W10237 (12 of 40)", or the words for nobody named (caller frees). */
char *ov_words_list_holder(ov_words *w, const ov_pack_followup *f)
{
    if (f->top == OV_NONE)
        return ov_words_text(w, "followup.holder_none", NULL, 0);
    char c1[32], c2[32];
    ov_narr_var v[] = {{"id", ov_pack_followup_top_id(w->pack, f)},
                       {"count", ov_words_count(f->top_rows, c1)},
                       {"total", ov_words_count(f->nrows, c2)}};
    return ov_words_text(w, "followup.holder", v, 3);
}

/* A category's words (category.<code> of the narrative). */
static char *category_words(ov_words *w, const ov_followup_value *v)
{
    if (!v->ncodes)
        return ov_xstrdup("");
    char key[64];
    snprintf(key, sizeof key, "category.%s", v->codes[0]);
    return ov_words_text_or(w, key, v->codes[0]);
}

/* The missed intervals of a person: the first MAX_RANGES, then how many more. */
static char *ranges_text(ov_words *w, const ov_followup_value *v)
{
    char buf[32];
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (size_t k = 0; k < v->nranges && k < MAX_RANGES; k++) {
        char s1[32], s2[32];
        ov_narr_var rv[] = {{"from", ov_words_short_date(v->ranges[k].start, s1)},
                            {"to", ov_words_short_date(v->ranges[k].end, s2)}};
        char *t = ov_words_text(w, "followup.range", rv, 2);
        ov_buf_printf(&b, "%s%s", k ? "\n" : "", t);
        free(t);
    }
    if (v->nranges > MAX_RANGES) {
        ov_narr_var mv[] = {{"count", ov_words_count(v->nranges - MAX_RANGES, buf)}};
        char *t = ov_words_text(w, "followup.more", mv, 1);
        ov_buf_printf(&b, "\n%s", t);
        free(t);
    }
    return ov_buf_detach(&b);
}

/* The text of one cell of a follow-up list (caller frees). */
char *ov_words_list_cell(ov_words *w, const ov_followup_col *col, const ov_followup_value *v)
{
    char buf[32];
    switch (v->kind) {
    case OV_FV_CODES: {
        if (col->src == OV_FC_CATEGORY)
            return category_words(w, v);
        ov_buf b = {0};
        ov_buf_add(&b, "", 0);
        for (size_t k = 0; k < v->ncodes; k++)
            ov_buf_printf(&b, "%s%s", k ? ", " : "", v->words[k]);
        return ov_buf_detach(&b);
    }
    case OV_FV_DATE:
        return ov_xstrdup(ov_words_short_date(v->date, buf));
    case OV_FV_COUNT:
        return ov_xstrdup(ov_words_count(v->n > 0 ? (uint64_t)v->n : 0, buf));
    case OV_FV_RANGES:
        return ranges_text(w, v);
    default:
        return ov_xstrdup(v->text ? v->text : "");
    }
}

/* The rated measures of an area in catalogue order; returns how many. */
size_t ov_words_area_metrics(int area, int out[OV_M_COUNT])
{
    size_t n = 0;
    for (int m = 0; m < OV_M_FIRST_INFO; m++)
        if ((int)ov_metric_def_get((enum ov_metric_id)m)->area == area)
            out[n++] = m;
    return n;
}

/* A change in words, or the text of none_key (caller frees). */
char *ov_words_change(ov_words *w, const ov_pack_change *c, const char *none_key)
{
    if (!c->comparable)
        return none_key ? ov_words_text(w, none_key, NULL, 0) : NULL;
    char ch[24];
    ov_pack_tenths_text(c->tenths, ch);
    ov_narr_var cv[] = {{"arrow", c->tenths > 0 ? "\u25B2" : "\u25BC"}, {"change", ch}};
    return ov_words_text(w,
                         c->better > 0   ? "tile.change_better"
                         : c->better < 0 ? "tile.change_worse"
                                         : "tile.change_same",
                         cv, 2);
}

/* The context line of the head unit (caller frees). */
char *ov_words_context_line(ov_words *w)
{
    const ov_pack_unit *u = ov_pack_head(w->pack);
    static const char *const names[] = {"staff", "adhoc", "median_wd", "duration", "episodes"};
    char vals[5][32];
    ov_narr_var v[5];
    for (int i = 0; i < 5; i++) {
        const ov_figure *f = ov_pack_fig(w->pack, 0, OV_M_FIRST_INFO + i, u, OV_NONE);
        v[i].name = names[i];
        v[i].value = ov_words_value(w, f, vals[i]);
        if (v[i].value != vals[i]) { /* a word (no data): lower case in a sentence */
            snprintf(vals[i], sizeof vals[i], "%s", w->rag_words[OV_RAG_NO_DATA]);
            for (char *p = vals[i]; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            v[i].value = vals[i];
        }
    }
    return ov_words_text(w, "summary.context", v, 5);
}

/* The actions summed up, or that there are none (caller frees). */
char *ov_words_actions_summary(ov_words *w)
{
    const ov_pack *p = w->pack;
    size_t by[OV_AS_COUNT] = {0}, late = 0, short_ = 0;
    for (size_t i = 0; i < p->nactions; i++) {
        if (p->actions[i].action->status < OV_AS_COUNT)
            by[p->actions[i].action->status]++;
        late += (size_t)p->actions[i].completed_late;
        short_ += (size_t)p->actions[i].still_short;
    }
    char c[7][24];
    snprintf(c[0], 24, "%zu", p->nactions);
    snprintf(c[1], 24, "%zu", by[OV_AS_OPEN]);
    snprintf(c[2], 24, "%zu", by[OV_AS_IN_PROGRESS]);
    snprintf(c[3], 24, "%zu", by[OV_AS_COMPLETE]);
    snprintf(c[4], 24, "%zu", p->overdue);
    snprintf(c[5], 24, "%zu", late);
    snprintf(c[6], 24, "%zu", short_);
    ov_narr_var v[] = {{"total", c[0]},      {"open", c[1]},    {"in_progress", c[2]},
                       {"complete", c[3]},   {"overdue", c[4]}, {"completed_late", c[5]},
                       {"still_short", c[6]}};
    return ov_words_text(w, p->nactions ? "actions.summary" : "actions.none", v, 7);
}

/* The measure an action is on, or general. */
const char *ov_words_action_measure(const ov_action *a, const char *general)
{
    return a->metric >= 0 && a->metric < OV_M_COUNT
               ? ov_metric_def_get((enum ov_metric_id)a->metric)->title
               : general;
}

/* The overdue actions as lines (caller frees each); returns how many. */
size_t ov_words_overdue_lines(ov_words *w, char **out, size_t max)
{
    const ov_pack *p = w->pack;
    size_t n = 0;
    for (size_t i = 0; i < p->overdue && n + 1 < max; i++) {
        const ov_action *a = p->overdue_list[i]->action;
        char due[32], days[24];
        snprintf(days, sizeof days, "%ld", (long)(w->ctx->run_date - a->due));
        const char *measure = ov_words_action_measure(a, NULL);
        ov_narr_var v[] = {
            {"id", a->id ? a->id : ""},
            {"measure", measure ? measure : ""},
            {"who", a->agency == OV_NONE ? p->partnership_word : p->data->agencies[a->agency].id},
            {"due", ov_words_short_date(a->due, due)},
            {"days", days}};
        out[n++] =
            ov_words_text(w, measure ? "board.overdue_item" : "board.overdue_item_general", v, 5);
    }
    if (p->overdue > n) {
        char more[24];
        snprintf(more, sizeof more, "%zu", p->overdue - n);
        ov_narr_var v[] = {{"count", more}};
        out[n++] = ov_words_text(w, "board.more", v, 1);
    }
    if (!p->overdue)
        out[n++] = ov_words_text(w, "board.overdue_none", NULL, 0);
    return n;
}

/* A challenged Section 11 score's cells (caller frees each). */
void ov_words_s11_row(ov_words *w, const ov_s11_row *x, char **score, char **standard,
                      char **evidence)
{
    ov_buf ev = {0};
    ov_buf_add(&ev, "", 0);
    for (size_t k = 0; k < x->nevidence; k++) {
        const ov_figure *f = x->evidence[k];
        if (!ov_pack_rated(f))
            continue;
        char vb[32];
        ov_buf_printf(&ev, "%s%s %s (%s)", ev.len ? "\n" : "",
                      ov_metric_def_get((enum ov_metric_id)x->metrics[k])->title,
                      ov_words_value(w, f, vb), w->rag_words[f->rag]);
    }
    char *diff =
        ov_words_text(w, x->challenge == OV_S11_HIGHER ? "s11.higher" : "s11.lower", NULL, 0);
    *score = ov_xasprintf("%s\n%s", ov_s11_score_words(x->score->self_score), diff);
    *standard = ov_xasprintf("%s (%s)", ov_s11_title(x->standard), ov_s11_id(x->standard));
    *evidence = ov_buf_detach(&ev);
    free(diff);
}

/* What the Section 11 part says first (caller frees). */
char *ov_words_s11_intro(ov_words *w)
{
    const ov_s11 *s = &w->pack->s11;
    char ret[24], exp[24], ch[24];
    snprintf(ret, sizeof ret, "%zu", s->nreturned);
    snprintf(exp, sizeof exp, "%zu", s->nrows);
    snprintf(ch, sizeof ch, "%zu", s->nchallenged);
    ov_narr_var v[] = {{"returned", ret}, {"expected", exp}, {"challenged", ch}};
    const char *key = !s->received          ? "s11.none_returned"
                      : s->nchallenged == 0 ? "s11.none_challenged"
                                            : "s11.intro";
    return ov_words_text(w, key, v, 3);
}

/* The board's count of each rating (caller frees). */
char *ov_words_board_counts(ov_words *w)
{
    const ov_pack *p = w->pack;
    char c[4][24];
    snprintf(c[0], sizeof c[0], "%zu", p->mark_count[OV_RAG_GREEN]);
    snprintf(c[1], sizeof c[1], "%zu", p->mark_count[OV_RAG_AMBER]);
    snprintf(c[2], sizeof c[2], "%zu", p->mark_count[OV_RAG_RED]);
    snprintf(c[3], sizeof c[3], "%zu",
             p->mark_count[OV_RAG_SUPPRESSED] + p->mark_count[OV_RAG_NO_DATA] +
                 p->mark_count[OV_RAG_NOT_COVERED] + p->mark_count[OV_MARK_NOT_SENT]);
    ov_narr_var v[] = {{"green", c[0]}, {"amber", c[1]}, {"red", c[2]}, {"not_rated", c[3]}};
    return ov_words_text(w, "board.counts", v, 4);
}

/* The key to the board's grid (caller frees). */
char *ov_words_board_legend(ov_words *w)
{
    const ov_pack *p = w->pack;
    char left[24];
    snprintf(left, sizeof left, "%zu", p->board_left_off);
    ov_narr_var v[] = {{"left_off", left}};
    return ov_words_text(w, p->board_left_off ? "board.legend_top" : "board.legend", v, 1);
}

/* A part of what is said about the figures with no live action (caller frees). */
char *ov_words_gaps(ov_words *w, const char *part)
{
    char cnt[24], key[48];
    snprintf(cnt, sizeof cnt, "%zu", w->pack->ngaps);
    snprintf(key, sizeof key, "gaps.%s", part);
    ov_narr_var v[] = {{"count", cnt}};
    return ov_words_text(w, key, v, 1);
}

/* Hands emit the footnotes of the flags of a table's figures. */
void ov_words_thin_notes(const ov_words *w, int views, int first, int last, const int *ms, size_t k,
                         int head_only, void (*emit)(void *, const char *), void *ctx)
{
    const ov_pack *p = w->pack;
    const ov_pack_unit *head = ov_pack_head(p);
    const ov_pack_thin *list = views ? p->view_thin : p->thin;
    size_t n = views ? p->nview_thin : p->nthin;
    for (size_t i = 0; i < n; i++) {
        const ov_pack_thin *t = &list[i];
        const ov_figure *f = t->figure;
        if ((int)f->period < first || (int)f->period > last || (head_only && t->unit != head))
            continue;
        size_t j = 0;
        while (ms && j < k && ms[j] != f->metric)
            j++;
        if (ms && j == k)
            continue;
        emit(ctx, t->sentence);
    }
}

/* Hands emit the footnotes of the flags among given figures. */
void ov_words_thin_notes_of(const ov_words *w, const ov_figure *const *figs, size_t n,
                            void (*emit)(void *, const char *), void *ctx)
{
    const ov_pack *p = w->pack;
    for (size_t i = 0; i < p->nthin; i++)
        for (size_t j = 0; j < n; j++)
            if (figs[j] == p->thin[i].figure) {
                emit(ctx, p->thin[i].sentence);
                break;
            }
}

/* Hands emit the footnotes of the flags of the actions' or the gaps' figures. */
void ov_words_thin_notes_improve(const ov_words *w, int gaps, void (*emit)(void *, const char *),
                                 void *ctx)
{
    const ov_pack *p = w->pack;
    size_t n = gaps ? p->ngaps : p->nactions;
    const ov_figure **figs = ov_xcalloc(n ? n : 1, sizeof *figs);
    for (size_t i = 0; i < n; i++)
        figs[i] = gaps ? p->gaps[i].figure : p->actions[i].figure;
    ov_words_thin_notes_of(w, figs, n, emit, ctx);
    free(figs);
}

/* One flag as the board page lists it (caller frees). */
static char *thin_item(ov_words *w, const ov_pack_thin *t)
{
    const ov_figure *f = t->figure;
    char pct[16];
    snprintf(pct, sizeof pct, "%d", t->percent);
    ov_narr_var v[] = {{"unit", t->unit->label},
                       {"metric", ov_metric_def_get((enum ov_metric_id)f->metric)->title},
                       {"percent", pct}};
    return ov_words_text(w, "dq.board_item", v, 3);
}

/* The board page's line about the weakest recording (caller frees). */
char *ov_words_thin_line(ov_words *w)
{
    const ov_pack *p = w->pack;
    char cnt[24], more[24], pct[24];
    snprintf(cnt, sizeof cnt, "%zu", p->nthin_now);
    snprintf(pct, sizeof pct, "%d", w->ctx->standards->fill_flag_percent);
    char *items[3];
    size_t n = 0;
    for (size_t i = 0; i < p->nthin && n < 3; i++)
        if (p->thin[i].figure->period == 0)
            items[n++] = thin_item(w, &p->thin[i]);
    snprintf(more, sizeof more, "%zu", p->nthin_now - n);
    char *and_word = ov_words_text(w, "word.and", NULL, 0);
    char *list = ov_narr_join((const char *const *)items, n, and_word);
    ov_narr_var v[] = {{"count", cnt}, {"more", more}, {"percent", pct}, {"list", list}};
    const char *key = !p->nthin_now      ? "dq.board_none"
                      : p->nthin_now > n ? "dq.board_more"
                                         : "dq.board";
    char *text = ov_words_text(w, key, v, 4);
    free(list);
    free(and_word);
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    return text;
}
