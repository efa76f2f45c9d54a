/* except.c — "What must be done" in an agency's report (--agency only), the
 * last part of section 4 ("What are we doing to improve?"), on pages of its
 * own: a table of the follow-up lists the report shows (each with how many
 * rows it has, the oldest and who holds most of them, as the report model
 * works them out), then each list as a table (9 pt cells) that breaks across
 * pages and repeats its header row. The columns come from the table of lists
 * (metrics/followup.h); the wording from templates/narrative.txt. The
 * partnership pack never has this section. */
#include "render/pdf/except.h"

#include "render/pdf/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"

static const ov_pd_style note_style = {OV_PD_REGULAR, 8.0f, 11.0f, {0.36f, 0.38f, 0.42f}, 0, 6.0f};

/* A count as text into buf. */
static const char *num(int64_t v, char buf[32])
{
    return ov_pdf_count(v > 0 ? (uint64_t)v : 0, buf);
}

/* The table of the lists shown: figures, how many, the oldest, who holds most. */
static void summary_table(ov_pdf *r)
{
    const ov_pack *p = r->pack;
    static const char *const hk[] = {"followup.col_list", "followup.col_figures",
                                     "followup.col_count", "followup.col_oldest",
                                     "followup.col_holder"};
    static const float widths[] = {130, 150, 45, 50, 120};
    enum { NC = 5 };
    char *h[NC];
    ov_pd_col cols[NC];
    for (int i = 0; i < NC; i++) {
        h[i] = ov_pdf_text(r, hk[i], NULL, 0);
        cols[i] =
            (ov_pd_col){h[i], widths[i], i == 2 || i == 3 ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
    }
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, NC, 9.0f, p->nshown);
    for (size_t i = 0; i < p->nfollowups; i++) {
        const ov_pack_followup *f = &p->followups[i];
        if (!f->shown)
            continue;
        char c1[32], c2[32];
        char *title = ov_words_list_title(&r->w, f->def);
        char *figs = ov_words_list_figures(&r->w, f);
        char *holder = ov_words_list_holder(&r->w, f);
        ov_pd_cell cells[NC] = {
            {title, NULL, NULL, 1},
            {figs, NULL, NULL, 0},
            {num((int64_t)f->nrows, c1), NULL, NULL, 1},
            {num(f->oldest, c2), NULL, NULL, 0},
            {holder, NULL, NULL, 0},
        };
        ov_pd_table_row(r->pd, &t, cells);
        free(title);
        free(figs);
        free(holder);
    }
    ov_pd_table_end(r->pd, &t);
    for (int i = 0; i < NC; i++)
        free(h[i]);
}

/* One list: its heading, what it holds and who acts, and its table. */
static void list_part(ov_pdf *r, const ov_pack_followup *f)
{
    const ov_followup_def *d = f->def;
    const ov_agency *a = &r->data->agencies[r->head];
    char *title = ov_words_list_title(&r->w, d);
    ov_pd_heading(r->pd, 3, title, ov_pdf_navy, 110);
    free(title);
    char c1[32];
    ov_narr_var v[] = {{"holds", d->holds},
                       {"who", d->who},
                       {"days", d->days},
                       {"count", num((int64_t)f->nrows, c1)}};
    char *about = ov_pdf_text(r, "followup.about", v, 4);
    if (about[0])
        ov_pd_paragraph(r->pd, &note_style, about);
    free(about);
    if (!f->nrows) {
        ov_pdf_para(r, "followup.list_empty", NULL, 0);
        return;
    }
    ov_pd_col cols[OV_FL_MAX_COLS];
    char *heads[OV_FL_MAX_COLS];
    size_t src[OV_FL_MAX_COLS], nc = 0;
    for (size_t c = 0; c < ov_followup_ncols(d) && nc < OV_FL_MAX_COLS; c++) {
        const ov_followup_col *col = &d->cols[c];
        if (!(col->where & OV_FC_IN_PDF) || !col->pdf_width)
            continue;
        char key[96];
        snprintf(key, sizeof key, "followup.col.%s", col->name);
        heads[nc] = ov_words_text_or(&r->w, key, col->title);
        int right = col->src == OV_FC_DAYS || col->src == OV_FC_REQUIRED || col->src == OV_FC_MET ||
                    col->src == OV_FC_MISSED;
        cols[nc] =
            (ov_pd_col){heads[nc], col->pdf_width, right ? OV_PD_ALIGN_RIGHT : OV_PD_ALIGN_LEFT};
        src[nc++] = c;
    }
    ov_pd_table t;
    ov_pd_table_begin_rows(r->pd, &t, cols, nc, 9.0f, f->nrows);
    ov_pd_cell cells[OV_FL_MAX_COLS];
    char *texts[OV_FL_MAX_COLS];
    for (size_t i = 0; i < f->nrows; i++) {
        for (size_t k = 0; k < nc; k++) {
            const ov_followup_col *col = &d->cols[src[k]];
            ov_followup_value val;
            ov_followup_cell(a, r->pack->exceptions, &f->rows[i], col->src, &val);
            texts[k] = ov_words_list_cell(&r->w, col, &val);
            int strong = col->src == OV_FC_SUBJECT_ID || col->src == OV_FC_DAYS;
            cells[k] = (ov_pd_cell){texts[k], NULL, NULL, strong};
        }
        ov_pd_table_row(r->pd, &t, cells);
        for (size_t k = 0; k < nc; k++)
            free(texts[k]);
    }
    ov_pd_table_end(r->pd, &t);
    for (size_t k = 0; k < nc; k++)
        free(heads[k]);
}

/* "What must be done" of an agency's report on a new page; returns 0 (nothing
 * in the partnership pack), or -1 after ov_err when the lists were not made. */
int ov_pdf_section_exceptions(ov_pdf *r)
{
    const ov_report_ctx *ctx = r->ctx;
    int32_t ag = ctx->agency_focus;
    if (ag < 0 || (size_t)ag >= r->data->nagencies || r->head != ag)
        return 0; /* the partnership pack: nothing to list, ever */
    const ov_pack *p = r->pack;
    if (!p->exceptions || !p->nfollowups || p->exceptions->agency != ag) {
        ov_err("board report PDF: the follow-up lists were not computed");
        return -1;
    }
    /* on pages of their own, the last part of section 4, so that they can be
     * printed or withheld apart from the rest of the report */
    ov_pd_add_page(r->pd);
    ov_pdf_heading(r, 2, "followup.heading", 80);
    ov_pdf_para(r, "followup.intro", NULL, 0);
    if (!p->nshown) {
        ov_pdf_para(r, "followup.none", NULL, 0);
        return 0;
    }
    summary_table(r);
    char *note = ov_pdf_text(r, "followup.summary_note", NULL, 0);
    if (note[0])
        ov_pd_paragraph(r->pd, &note_style, note);
    free(note);
    for (size_t i = 0; i < p->nfollowups; i++)
        if (p->followups[i].shown)
            list_part(r, &p->followups[i]);
    return 0;
}
