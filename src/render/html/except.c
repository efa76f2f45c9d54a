/* except.c — "What must be done" on an agency's own page (--agency only), the
 * end of "What are we doing to improve?": a table of the follow-up lists the
 * report shows (how many rows each has, the oldest and who holds most, as the
 * report model works them out), then each list as a table whose header
 * repeats on every printed page. The columns are those the PDF prints (the
 * table of lists, metrics/followup.h); the words are the PDF's. The
 * partnership page never has this part. */
#include "render/html/except.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/msg.h"

/* The table of the lists shown: figures, how many, the oldest, who holds most. */
static void summary_table(ov_html *h)
{
    const ov_pack *p = h->pack;
    static const char *const hk[] = {"followup.col_list", "followup.col_figures",
                                     "followup.col_count", "followup.col_oldest",
                                     "followup.col_holder"};
    enum { NC = 5 };
    char *hd[NC];
    ov_html_col cols[NC];
    for (int i = 0; i < NC; i++) {
        hd[i] = ov_html_text(h, hk[i], NULL, 0);
        cols[i] = (ov_html_col){hd[i], i == 2 || i == 3};
    }
    char *caption = ov_html_text(h, "followup.heading", NULL, 0);
    ov_html_table_begin(h, caption, 1, cols, NC);
    for (size_t i = 0; i < p->nfollowups; i++) {
        const ov_pack_followup *f = &p->followups[i];
        if (!f->shown)
            continue;
        char c1[32], c2[32];
        char *title = ov_words_list_title(&h->w, f->def);
        char *figs = ov_words_list_figures(&h->w, f);
        char *holder = ov_words_list_holder(&h->w, f);
        ov_html_row(h, NULL);
        ov_html_th(h, title);
        ov_html_td(h, figs, NULL);
        ov_html_td(h, ov_words_count(f->nrows, c1), "n");
        ov_html_td(h, ov_words_count(f->oldest > 0 ? (uint64_t)f->oldest : 0, c2), "n");
        ov_html_td(h, holder, NULL);
        ov_html_row_end(h);
        free(title);
        free(figs);
        free(holder);
    }
    ov_html_table_end(h);
    for (int i = 0; i < NC; i++)
        free(hd[i]);
    free(caption);
}

/* One list: its heading, what it holds and who acts, and its table. */
static void list_part(ov_html *h, const ov_pack_followup *f)
{
    const ov_followup_def *d = f->def;
    const ov_agency *a = &h->data->agencies[h->head];
    char *title = ov_words_list_title(&h->w, d);
    ov_html_el(h, "<h4>", title, "</h4>\n");
    char c1[32];
    ov_narr_var v[] = {{"holds", d->holds},
                       {"who", d->who},
                       {"days", d->days},
                       {"count", ov_words_count(f->nrows, c1)}};
    ov_html_small_key(h, "followup.about", v, 4);
    if (!f->nrows) {
        ov_html_para(h, "followup.list_empty", NULL, 0);
        free(title);
        return;
    }
    ov_html_col cols[OV_FL_MAX_COLS];
    char *heads[OV_FL_MAX_COLS];
    size_t src[OV_FL_MAX_COLS], nc = 0;
    for (size_t c = 0; c < ov_followup_ncols(d) && nc < OV_FL_MAX_COLS; c++) {
        const ov_followup_col *col = &d->cols[c];
        if (!(col->where & OV_FC_IN_PDF) || !col->pdf_width)
            continue; /* the PDF's columns: the page shows what the PDF shows */
        char key[96];
        snprintf(key, sizeof key, "followup.col.%s", col->name);
        heads[nc] = ov_words_text_or(&h->w, key, col->title);
        int right = col->src == OV_FC_DAYS || col->src == OV_FC_REQUIRED || col->src == OV_FC_MET ||
                    col->src == OV_FC_MISSED;
        cols[nc] = (ov_html_col){heads[nc], right};
        src[nc++] = c;
    }
    ov_html_table_begin(h, title, 1, cols, nc);
    for (size_t i = 0; i < f->nrows; i++) {
        ov_html_row(h, NULL);
        for (size_t k = 0; k < nc; k++) {
            const ov_followup_col *col = &d->cols[src[k]];
            ov_followup_value val;
            ov_followup_cell(a, h->pack->exceptions, &f->rows[i], col->src, &val);
            char *text = ov_words_list_cell(&h->w, col, &val);
            if (k == 0)
                ov_html_th(h, text);
            else
                ov_html_td(h, text, cols[k].num ? "n" : NULL);
            free(text);
        }
        ov_html_row_end(h);
    }
    ov_html_table_end(h);
    for (size_t k = 0; k < nc; k++)
        free(heads[k]);
    free(title);
}

/* "What must be done" of an agency's page; 0, or -1 after ov_err. */
int ov_html_section_followups(ov_html *h)
{
    int32_t ag = h->ctx->agency_focus;
    if (ag < 0 || (size_t)ag >= h->data->nagencies || h->head != ag)
        return 0; /* the partnership page: nothing to list, ever */
    const ov_pack *p = h->pack;
    if (!p->exceptions || !p->nfollowups || p->exceptions->agency != ag) {
        ov_err("board report web page: the follow-up lists were not computed");
        return -1;
    }
    ov_html_raw(h, "<div class=\"followups\">\n");
    ov_html_heading(h, 3, "followup.heading", "followup");
    ov_html_para(h, "followup.intro", NULL, 0);
    if (!p->nshown) {
        ov_html_para(h, "followup.none", NULL, 0);
        ov_html_raw(h, "</div>\n");
        return 0;
    }
    summary_table(h);
    ov_html_small_key(h, "followup.summary_note", NULL, 0);
    for (size_t i = 0; i < p->nfollowups; i++)
        if (p->followups[i].shown)
            list_part(h, &p->followups[i]);
    ov_html_raw(h, "</div>\n");
    return 0;
}
