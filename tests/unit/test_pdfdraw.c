/* test_pdfdraw.c — the PDF drawing layer: sanitising, wrapping, flowing text,
 * notes and tables across pages (header repeated), contents overflow, charts,
 * and byte-identical output for identical drawing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/text.h"
#include "render/pdfdraw.h"

static const ov_pd_rgb INK = {0.1f, 0.1f, 0.1f};
static const ov_pd_rgb NAVY = {0.12f, 0.23f, 0.37f};
static const ov_pd_rgb TINT = {0.93f, 0.95f, 0.98f};

static ov_pd *new_doc(void)
{
    ov_pd_info info = {"Test – café", "Author", "Subject", "creator", NULL,
                       2026,          1,        15,        NULL,      NULL};
    ov_pd *pd = ov_pd_new(&info);
    assert_non_null(pd);
    ov_pd_trace_on(pd);
    return pd;
}

/* A deterministic paragraph of about len bytes with some non-ASCII words. */
static char *make_paragraph(size_t len, unsigned seed)
{
    static const char *const words[] = {
        "supervision", "café", "£12", "–",          "partnership", "safeguarding",
        "oversight",   "a",    "of",  "children’s", "board",       "Ofsted",
        "assurance",   "é",    "to",  "management", "quarterly",   "interdisciplinary"};
    ov_buf b = {0};
    unsigned x = seed;
    while (b.len < len) {
        x = x * 1103515245u + 12345u;
        if (b.len)
            ov_buf_addc(&b, ' ');
        ov_buf_adds(&b, words[(x >> 16) % (sizeof words / sizeof words[0])]);
    }
    return ov_buf_detach(&b);
}

/* Splits on spaces into a NULL-terminated array of malloc'd words. */
static char **split_words(const char *s, size_t *n)
{
    char **w = NULL;
    size_t cnt = 0, cap = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        *OV_PUSH(w, cnt, cap) = ov_xstrndup(p, (size_t)(e - p));
        p = e;
    }
    *n = cnt;
    return w;
}

static void free_words(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

/* Joins the traced runs (in drawing order) whose font size is size. */
static char *traced_text(const ov_pd *pd, float size)
{
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (t[i].size != size)
            continue;
        ov_buf_adds(&b, t[i].text);
        ov_buf_addc(&b, ' ');
    }
    return ov_buf_detach(&b);
}

static void assert_same_words(const char *expected, const char *got)
{
    size_t ne, ng;
    char **we = split_words(expected, &ne), **wg = split_words(got, &ng);
    assert_int_equal(ne, ng);
    for (size_t i = 0; i < ne; i++)
        assert_string_equal(we[i], wg[i]);
    free_words(we, ne);
    free_words(wg, ng);
}

static void test_clean(void **state)
{
    (void)state;
    char *c = ov_pd_clean("a\tb\x01"
                          "c\r\nd\re\xff"
                          "f\xc3"
                          "g",
                          1);
    assert_string_equal(c, "a b c\nd\ne?f?g");
    free(c);
    c = ov_pd_clean("line\nbreak", 0);
    assert_string_equal(c, "line break");
    free(c);
    /* BOM dropped, C1 control -> space, emoji -> ?, valid text kept */
    c = ov_pd_clean("\xef\xbb\xbf£ – é’\xc2\x85x\xf0\x9f\x98\x80y", 0);
    assert_string_equal(c, "£ – é’ x?y");
    free(c);
    /* overlong encoding and surrogate are invalid */
    c = ov_pd_clean("\xc0\xaf|\xed\xa0\x80|", 0);
    assert_int_equal(ov_utf8_valid(c, strlen(c)), 1);
    assert_null(strchr(c, '\xc0'));
    free(c);
    c = ov_pd_clean(NULL, 0);
    assert_string_equal(c, "");
    free(c);
}

static void test_wrap_long_paragraph(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    char *text = make_paragraph(2000, 7);
    assert_true(strlen(text) >= 2000);
    const float width = 300.0f, size = 10.0f;
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, OV_PD_REGULAR, size, text, width, &ln);
    assert_true(n > 10);
    ov_buf joined = {0};
    ov_buf_add(&joined, "", 0);
    for (size_t i = 0; i < n; i++) {
        char *line = ov_xstrndup(text + ln[i].start, ln[i].len);
        assert_true(ln[i].len > 0);
        assert_true(ov_pd_text_width(pd, OV_PD_REGULAR, size, line) <= width + 0.01f);
        /* lines are used well: the next word would not have fitted */
        if (i + 1 < n) {
            size_t next_end = ln[i + 1].start;
            while (next_end < strlen(text) && text[next_end] != ' ')
                next_end++;
            char *longer = ov_xstrndup(text + ln[i].start, next_end - ln[i].start);
            assert_true(ov_pd_text_width(pd, OV_PD_REGULAR, size, longer) > width);
            free(longer);
        }
        ov_buf_adds(&joined, line);
        ov_buf_addc(&joined, ' ');
        free(line);
    }
    assert_same_words(text, joined.s);
    ov_buf_free(&joined);
    free(ln);
    free(text);
    ov_pd_free(pd);
}

static void test_wrap_breaks_long_word_on_characters(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    const char *word = "ééééééééééééééééééééééééééééééé";
    ov_pd_span *ln = NULL;
    size_t n = ov_pd_wrap(pd, OV_PD_REGULAR, 10.0f, word, 30.0f, &ln);
    assert_true(n > 1);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ln[i].start, total);
        assert_true(ov_utf8_valid(word + ln[i].start, ln[i].len));
        char *line = ov_xstrndup(word + ln[i].start, ln[i].len);
        assert_true(ov_pd_text_width(pd, OV_PD_REGULAR, 10.0f, line) <= 30.01f);
        free(line);
        total += ln[i].len;
    }
    assert_int_equal(total, strlen(word));
    free(ln);
    /* newlines give their own (possibly empty) lines */
    n = ov_pd_wrap(pd, OV_PD_REGULAR, 10.0f, "a\n\nb", 300.0f, &ln);
    assert_int_equal(n, 3);
    assert_int_equal(ln[1].len, 0);
    free(ln);
    ov_pd_free(pd);
}

static void test_paragraph_flows_across_pages(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    char *text = make_paragraph(9000, 3);
    ov_pd_style st = {OV_PD_REGULAR, 11.0f, 15.0f, INK, 0, 6};
    ov_pd_paragraph(pd, &st, text);
    assert_true(ov_pd_page_count(pd) >= 2);
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    for (size_t i = 0; i < n; i++) {
        assert_true(t[i].x >= OV_PD_LEFT - 0.01f);
        assert_true(t[i].x + t[i].w <= OV_PD_RIGHT + 0.01f);
        assert_true(t[i].y >= OV_PD_BOTTOM);
        assert_true(t[i].y <= OV_PD_TOP);
    }
    char *got = traced_text(pd, 11.0f);
    assert_same_words(text, got);
    free(got);
    free(text);
    assert_int_equal(ov_pd_check(pd, "test"), 0);
    ov_pd_free(pd);
}

static void test_note_breaks_across_pages(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    ov_pd_space(pd, 600);
    char *text = make_paragraph(4000, 11);
    ov_pd_note(pd, "Commentary – Partnership", text, NAVY, TINT);
    assert_true(ov_pd_page_count(pd) >= 2);
    char *got = traced_text(pd, 9.5f);
    ov_buf want = {0};
    ov_buf_printf(&want, "Commentary – Partnership %s", text);
    assert_same_words(want.s, got);
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    for (size_t i = 0; i < n; i++) {
        assert_true(t[i].x + t[i].w <= OV_PD_RIGHT - 7.0f + 0.01f);
        assert_true(t[i].y >= OV_PD_BOTTOM);
    }
    ov_buf_free(&want);
    free(got);
    free(text);
    ov_pd_free(pd);
}

static const ov_pd_col cols[] = {
    {"Agency name", 150, OV_PD_ALIGN_LEFT},
    {"Metric", 200, OV_PD_ALIGN_LEFT},
    {"Value", 60, OV_PD_ALIGN_RIGHT},
};

/* Checks that every page holding table rows starts with the header row. */
static void assert_header_on_every_page(const ov_pd *pd, size_t first_page)
{
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    for (size_t pg = first_page; pg < ov_pd_page_count(pd); pg++) {
        float header_y = -1, top_row = -1;
        for (size_t i = 0; i < n; i++) {
            if (t[i].page != pg)
                continue;
            if (strcmp(t[i].text, "Agency name") == 0)
                header_y = t[i].y;
            else if (strcmp(t[i].text, "Metric") == 0 || strcmp(t[i].text, "Value") == 0)
                assert_true(t[i].y == header_y);
            else if (t[i].y > top_row)
                top_row = t[i].y;
        }
        assert_true(header_y > 0);
        assert_true(header_y > top_row);
    }
}

static void test_table_breaks_and_repeats_header(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    ov_pd_space(pd, 200);
    ov_pd_table t;
    ov_pd_table_begin(pd, &t, cols, 3, 9.0f);
    for (int i = 0; i < 150; i++) {
        char a[32], v[16];
        snprintf(a, sizeof a, "Agency %03d", i);
        snprintf(v, sizeof v, "%d.0%%", i % 100);
        ov_pd_cell cells[3] = {{a, NULL, NULL, 0},
                               {i % 7 ? "Supervision frequency"
                                      : "A longer metric name that "
                                        "wraps onto a second line in "
                                        "its column",
                                NULL, NULL, 0},
                               {v, NULL, NULL, 1}};
        ov_pd_table_row(pd, &t, cells);
    }
    ov_pd_table_end(pd, &t);
    size_t pages = ov_pd_page_count(pd);
    assert_true(pages >= 3);
    assert_int_equal(t.header_pages, pages);
    assert_int_equal(t.rows, 150);
    assert_header_on_every_page(pd, 0);
    /* every row appears exactly once, in order */
    size_t n;
    const ov_pd_trace_item *tr = ov_pd_trace(pd, &n);
    int next = 0;
    for (size_t i = 0; i < n; i++) {
        int k;
        if (sscanf(tr[i].text, "Agency %d", &k) == 1 && strncmp(tr[i].text, "Agency name", 11)) {
            assert_int_equal(k, next);
            next++;
        }
        assert_true(tr[i].y >= OV_PD_BOTTOM);
    }
    assert_int_equal(next, 150);
    assert_int_equal(ov_pd_check(pd, "table"), 0);
    ov_pd_free(pd);
}

/* Rows of "Agency NNN" on each page, from the trace. */
static void rows_per_page(const ov_pd *pd, size_t *per_page, size_t npages)
{
    size_t n;
    const ov_pd_trace_item *tr = ov_pd_trace(pd, &n);
    memset(per_page, 0, npages * sizeof *per_page);
    for (size_t i = 0; i < n; i++) {
        int k;
        if (sscanf(tr[i].text, "Agency %d", &k) == 1 && strncmp(tr[i].text, "Agency name", 11) &&
            tr[i].page < npages)
            per_page[tr[i].page]++;
    }
}

static void test_table_keeps_three_rows_on_every_page(void **state)
{
    (void)state;
    /* tables of 2 to 40 rows starting at many heights: a table that splits has
     * its header and at least three rows on every page; one of six rows or
     * fewer is not split */
    for (int nrows = 2; nrows <= 40; nrows += 1) {
        for (float used = 0; used < 700; used += 37) {
            ov_pd *pd = new_doc();
            ov_pd_add_page(pd);
            ov_pd_space(pd, used);
            ov_pd_table t;
            ov_pd_table_begin_rows(pd, &t, cols, 3, 9.0f, (size_t)nrows);
            for (int i = 0; i < nrows; i++) {
                char a[32];
                snprintf(a, sizeof a, "Agency %03d", i);
                ov_pd_cell cells[3] = {{a, NULL, NULL, 0},
                                       {i % 5 ? "Supervision frequency"
                                              : "A longer metric name that wraps onto a second "
                                                "line in its column",
                                        NULL, NULL, 0},
                                       {"50.0%", NULL, NULL, 0}};
                ov_pd_table_row(pd, &t, cells);
            }
            ov_pd_table_end(pd, &t);
            size_t pages = ov_pd_page_count(pd), per[64];
            assert_true(pages < 64);
            rows_per_page(pd, per, pages);
            size_t with_rows = 0;
            for (size_t pg = 0; pg < pages; pg++) {
                if (!per[pg])
                    continue;
                with_rows++;
                if (nrows > 6 && per[pg] < 3)
                    fail_msg("%d rows from %.0f: page %zu holds %zu rows", nrows, used, pg,
                             per[pg]);
            }
            if (nrows <= 6 && with_rows != 1)
                fail_msg("%d rows from %.0f: split over %zu pages", nrows, used, with_rows);
            assert_header_on_every_page(pd, pages - with_rows);
            ov_pd_free(pd);
        }
    }
}

static void test_table_splits_row_taller_than_a_page(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    ov_pd_table t;
    ov_pd_table_begin(pd, &t, cols, 3, 9.0f);
    char *text = make_paragraph(12000, 5);
    ov_pd_cell cells[3] = {
        {"Agency A", NULL, NULL, 0}, {text, NULL, NULL, 0}, {"1", NULL, NULL, 0}};
    ov_pd_table_row(pd, &t, cells);
    ov_pd_table_end(pd, &t);
    assert_true(ov_pd_page_count(pd) >= 2);
    assert_int_equal(t.header_pages, ov_pd_page_count(pd));
    assert_header_on_every_page(pd, 0);
    size_t n;
    const ov_pd_trace_item *tr = ov_pd_trace(pd, &n);
    ov_buf got = {0};
    ov_buf_add(&got, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (tr[i].x >= OV_PD_LEFT + 150 && tr[i].x < OV_PD_LEFT + 350) {
            if (strcmp(tr[i].text, "Metric") == 0)
                continue;
            assert_true(tr[i].x + tr[i].w <= OV_PD_LEFT + 350 - 3.5f + 0.01f);
            ov_buf_adds(&got, tr[i].text);
            ov_buf_addc(&got, ' ');
        }
    }
    assert_same_words(text, got.s);
    ov_buf_free(&got);
    free(text);
    ov_pd_free(pd);
}

static void test_text_box_cuts_with_ellipsis(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    char *text = make_paragraph(600, 9);
    size_t k =
        ov_pd_text_box(pd, OV_PD_REGULAR, 9, 11, INK, 100, 500, 120, OV_PD_ALIGN_CENTRE, 2, text);
    assert_int_equal(k, 2);
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    assert_int_equal(n, 2);
    const char *last = t[1].text;
    size_t l = strlen(last);
    assert_true(l >= 3 && strcmp(last + l - 3, "\u2026") == 0);
    for (size_t i = 0; i < n; i++) {
        assert_true(t[i].x >= 100 - 0.01f);
        assert_true(t[i].x + t[i].w <= 220 + 0.01f);
    }
    free(text);
    ov_pd_free(pd);
}

static void test_contents_spills_onto_extra_page(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd); /* cover */
    ov_pd_contents_reserve(pd, "Contents", NAVY);
    ov_pd_add_page(pd);
    for (int i = 0; i < 70; i++) {
        char h[40];
        snprintf(h, sizeof h, "Section heading %d", i);
        if (i % 10 == 0)
            ov_pd_add_page(pd);
        ov_pd_heading(pd, i % 10 == 0 ? 1 : 2, h, NAVY, 20);
    }
    size_t before = ov_pd_page_count(pd);
    size_t nh;
    const ov_pd_heading_rec *h = ov_pd_headings(pd, &nh);
    assert_int_equal(nh, 70);
    size_t first_page = h[0].page;
    ov_pd_contents_fill(pd, NAVY);
    h = ov_pd_headings(pd, &nh);
    assert_int_equal(ov_pd_page_count(pd), before + 1);
    assert_int_equal(h[0].page, first_page + 1);
    /* the contents lists every heading with its (shifted) page number */
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].page != 1 && t[i].page != 2)
            continue;
        if (strcmp(t[i].text, "Section heading 69") == 0) {
            found = 1;
            assert_int_equal(t[i].page, 2);
        }
    }
    assert_true(found);
    ov_pd_stamp(pd, "OFFICIAL-SENSITIVE", "Footer", NAVY);
    t = ov_pd_trace(pd, &n);
    char want[32];
    snprintf(want, sizeof want, "Page %zu of %zu", before + 1, before + 1);
    assert_string_equal(t[n - 1].text, want);
    assert_int_equal(ov_pd_check(pd, "contents"), 0);
    ov_pd_free(pd);
}

static void test_charts_draw_labels(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    ov_pd_rgb g = {0.2f, 0.5f, 0.3f};
    ov_pd_bar bars[] = {{"Tiny Borough Council", 1, 83.3, "83.3%", "Amber", NULL, g, 0},
                        {"Two Rivers", 0, 0, NULL, NULL, "Suppressed", g, 0},
                        {"Partnership", 1, 100, "100.0%", "Green", NULL, g, 1}};
    ov_pd_legend_item leg[] = {{"Green", g, 0, OV_PD_SOLID, OV_PD_NO_MARKER}};
    ov_pd_bar_chart bc = {
        "Supervision frequency", "%", 100, 1, 90, "Target 90%", bars, 3, leg, 1, 220};
    float y0 = ov_pd_y(pd);
    ov_pd_draw_bar_chart(pd, &bc);
    assert_true(ov_pd_y(pd) < y0 - 219);
    double v1[] = {70, 80, 83.3}, v2[] = {50, 0, 60}, v3[] = {0, 0, 0};
    int p1[] = {1, 1, 1}, p2[] = {1, 0, 1}, p3[] = {0, 0, 0};
    const char *xl[] = {"2025-26 Q1", "2025-26 Q2", "2025-26 Q3"};
    /* a series with no point at all must not upset libharu's path state */
    ov_pd_series se[] = {{"Partnership", v1, p1, INK, OV_PD_SOLID, OV_PD_CIRCLE, 2},
                         {"Tiny", v2, p2, g, OV_PD_DASHED, OV_PD_SQUARE, 1.5f},
                         {"Empty", v3, p3, g, OV_PD_DOTTED, OV_PD_TRIANGLE, 1.5f}};
    ov_pd_line_chart lc = {"Trend", "%", 100, 1, 90, "Target 90%", xl, 3, se, 3, 200};
    ov_pd_draw_line_chart(pd, &lc);
    assert_int_equal(ov_pd_check(pd, "charts"), 0);
    size_t n;
    const ov_pd_trace_item *t = ov_pd_trace(pd, &n);
    const char *want[] = {"Supervision frequency",
                          "83.3%",
                          "Suppressed",
                          "Partnership",
                          "100%",
                          "0%",
                          "2025-26 Q3",
                          "Tiny",
                          "Target 90%"};
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        int found = 0;
        for (size_t i = 0; i < n; i++)
            found |= strcmp(t[i].text, want[w]) == 0;
        if (!found)
            fail_msg("chart label missing: %s", want[w]);
    }
    ov_pd_free(pd);
}

/* Builds a small document with every element and saves it to path. */
static void build_sample(const char *path)
{
    ov_pd *pd = new_doc();
    ov_pd_add_page(pd);
    ov_pd_contents_reserve(pd, "Contents", NAVY);
    ov_pd_add_page(pd);
    ov_pd_heading(pd, 1, "1. Executive summary", NAVY, 40);
    char *text = make_paragraph(2500, 1);
    ov_pd_style st = {OV_PD_REGULAR, 10, 14, INK, 0, 6};
    ov_pd_paragraph(pd, &st, text);
    ov_pd_heading(pd, 2, "Café £ – détails", NAVY, 40);
    ov_pd_note(pd, "Note", text, NAVY, TINT);
    ov_pd_table t;
    ov_pd_table_begin(pd, &t, cols, 3, 9);
    for (int i = 0; i < 40; i++) {
        ov_pd_cell c[3] = {
            {"Agency", NULL, NULL, 0}, {"Metric", NULL, NULL, 0}, {"1", NULL, NULL, 0}};
        ov_pd_table_row(pd, &t, c);
    }
    ov_pd_table_end(pd, &t);
    ov_pd_contents_fill(pd, NAVY);
    ov_pd_stamp(pd, "OFFICIAL-SENSITIVE", "Footer", NAVY);
    free(text);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(ov_pd_save(pd, fp), 0);
    assert_int_equal(fclose(fp), 0);
    ov_pd_free(pd);
}

/* 1 when needle occurs in hay[0..len). */
static int contains(const char *hay, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Reads a whole file into a malloc'd buffer. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    ov_buf b = {0};
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ov_buf_add(&b, chunk, k);
    fclose(fp);
    *len = b.len;
    return ov_buf_detach(&b);
}

/* Texts longer than libharu's 65,535-byte string limit: a paragraph, one
 * unbroken line, a heading (bookmark) and the document title all draw and
 * save, and a long line measures as the sum of its halves. */
static void test_text_beyond_the_string_limit(void **state)
{
    (void)state;
    ov_pd *pd = new_doc();
    char *text = make_paragraph(200000, 3);
    ov_pd_add_page(pd);
    ov_pd_style st = {OV_PD_REGULAR, 10, 14, INK, 0, 6};
    ov_pd_paragraph(pd, &st, text);
    assert_int_equal(ov_pd_check(pd, "long paragraph"), 0);
    assert_true(ov_pd_page_count(pd) > 20);
    ov_pd_heading(pd, 1, text, NAVY, 40);
    ov_pd_text_at(pd, OV_PD_REGULAR, 8, INK, OV_PD_LEFT, 40, OV_PD_ALIGN_LEFT, text);
    assert_int_equal(ov_pd_check(pd, "long line and heading"), 0);
    size_t half = strlen(text) / 2;
    while (((unsigned char)text[half] & 0xC0) == 0x80)
        half++;
    float whole = ov_pd_text_width(pd, OV_PD_REGULAR, 10, text);
    char c = text[half];
    text[half] = '\0';
    float first = ov_pd_text_width(pd, OV_PD_REGULAR, 10, text);
    text[half] = c;
    float second = ov_pd_text_width(pd, OV_PD_REGULAR, 10, text + half);
    assert_true(fabsf(whole - (first + second)) < 0.01f * whole);
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(ov_pd_save(pd, fp), 0);
    assert_true(ftell(fp) > 10000);
    fclose(fp);
    ov_pd_free(pd);

    ov_pd_info info = {text, text, text, "creator", text, 2026, 1, 15, NULL, NULL};
    pd = ov_pd_new(&info);
    assert_non_null(pd);
    ov_pd_add_page(pd);
    fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(ov_pd_save(pd, fp), 0);
    fclose(fp);
    ov_pd_free(pd);
    free(text);
}

static void test_same_drawing_same_bytes(void **state)
{
    (void)state;
    char a[64], b[64];
    snprintf(a, sizeof a, "test_pdfdraw_a_%ld.pdf", (long)getpid());
    snprintf(b, sizeof b, "test_pdfdraw_b_%ld.pdf", (long)getpid());
    build_sample(a);
    build_sample(b);
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    assert_memory_equal(da, "%PDF-", 5);
    /* no document /ID (it would be time-based) and fixed dates */
    assert_false(contains(da, la, "/ID"));
    assert_true(contains(da, la, "D:20260115000000Z"));
    free(da);
    free(db);
    unlink(a);
    unlink(b);
}

static void test_font_choice(void **state)
{
    (void)state;
    ov_pd_info info = {
        "t", NULL, NULL, NULL, NULL, 2026, 1, 15, "no-such-font.ttf", "no-such-font-bold.ttf"};
    assert_null(ov_pd_new(&info));
    const char *reg = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const char *bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    if (access(reg, R_OK) != 0 || access(bold, R_OK) != 0)
        skip();
    info.font_regular = reg;
    info.font_bold = bold;
    ov_pd *pd = ov_pd_new(&info);
    assert_non_null(pd);
    assert_string_equal(ov_pd_font_path(pd, OV_PD_REGULAR), reg);
    assert_string_equal(ov_pd_font_path(pd, OV_PD_BOLD), bold);
    ov_pd_add_page(pd);
    ov_pd_text_at(pd, OV_PD_BOLD, 10, INK, 100, 100, OV_PD_ALIGN_LEFT, "£ – é ’ ✓");
    assert_true(ov_pd_text_width(pd, OV_PD_REGULAR, 10, "£ – é") > 10);
    assert_int_equal(ov_pd_check(pd, "dejavu"), 0);
    ov_pd_free(pd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_wrap_long_paragraph),
        cmocka_unit_test(test_wrap_breaks_long_word_on_characters),
        cmocka_unit_test(test_paragraph_flows_across_pages),
        cmocka_unit_test(test_note_breaks_across_pages),
        cmocka_unit_test(test_table_breaks_and_repeats_header),
        cmocka_unit_test(test_table_splits_row_taller_than_a_page),
        cmocka_unit_test(test_table_keeps_three_rows_on_every_page),
        cmocka_unit_test(test_text_box_cuts_with_ellipsis),
        cmocka_unit_test(test_contents_spills_onto_extra_page),
        cmocka_unit_test(test_charts_draw_labels),
        cmocka_unit_test(test_text_beyond_the_string_limit),
        cmocka_unit_test(test_same_drawing_same_bytes),
        cmocka_unit_test(test_font_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
