/* test_html.c — text written into the web page (core/text: ov_html_escape,
 * ov_css_string): markup characters as references, invalid UTF-8 as U+FFFD,
 * control characters as spaces, bidi controls left out, right-to-left and
 * emoji kept; and the page itself (render/html) on hand-made data with a
 * hostile agency name, action and commentary: one h1, the three questions as
 * h2, everything escaped, no script, the same bytes twice, and an agency's
 * page with its follow-up lists. The wording comes from templates/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/files.h"
#include "core/outset.h"
#include "core/text.h"
#include "metrics/followup.h"
#include "metrics_fixture.h"
#include "render/html/html.h"
#include "render/words.h"
#include "report/pack.h"

/* What ov_html_escape writes for s (caller frees). */
static char *esc(const char *s, int br)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    assert_non_null(fp);
    ov_html_escape(fp, s, br);
    fclose(fp);
    return out;
}

/* What ov_css_string writes for s (caller frees). */
static char *css(const char *s)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    assert_non_null(fp);
    ov_css_string(fp, s);
    fclose(fp);
    return out;
}

#define ASSERT_ESC(in, br, want)                                                                   \
    do {                                                                                           \
        char *got_ = esc((in), (br));                                                              \
        assert_string_equal(got_, (want));                                                         \
        free(got_);                                                                                \
    } while (0)

static void test_escape_markup(void **state)
{
    (void)state;
    ASSERT_ESC("<script>alert(1)</script>", 0, "&lt;script&gt;alert(1)&lt;/script&gt;");
    ASSERT_ESC("Tom & \"Jerry\" 'Ltd'", 0, "Tom &amp; &quot;Jerry&quot; &#39;Ltd&#39;");
    ASSERT_ESC("</table></tr>", 0, "&lt;/table&gt;&lt;/tr&gt;");
    ASSERT_ESC("&amp;", 0, "&amp;amp;");
    ASSERT_ESC("plain text, 84.0%", 0, "plain text, 84.0%");
    ASSERT_ESC("", 0, "");
    ASSERT_ESC(NULL, 0, "");
}

static void test_escape_invalid_utf8(void **state)
{
    (void)state;
    /* a stray byte, a broken sequence, an overlong, a surrogate, a truncated end */
    ASSERT_ESC("a\xff"
               "b",
               0,
               "a\xef\xbf\xbd"
               "b");
    ASSERT_ESC("\xc3\x28", 0, "\xef\xbf\xbd(");
    ASSERT_ESC("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd");
    ASSERT_ESC("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    ASSERT_ESC("caf\xc3", 0, "caf\xef\xbf\xbd");
}

static void test_escape_controls_and_newlines(void **state)
{
    (void)state;
    ASSERT_ESC("a\x01"
               "b\x7f"
               "c\tc",
               0, "a b c c");
    ASSERT_ESC("x\xc2\x85y", 0, "x y"); /* C1 control */
    ASSERT_ESC("one\ntwo", 1, "one<br>two");
    ASSERT_ESC("one\ntwo", 0, "one\ntwo");
    ASSERT_ESC("cr\rlf", 0, "cr lf");
}

static void test_escape_keeps_scripts_drops_bidi_controls(void **state)
{
    (void)state;
    /* Hebrew, Arabic, £, an emoji (four bytes): kept as they are */
    ASSERT_ESC("\xd7\xa9\xd7\x9c \xd9\x85\xd8\xac \xc2\xa3 \xf0\x9f\xa7\x92", 0,
               "\xd7\xa9\xd7\x9c \xd9\x85\xd8\xac \xc2\xa3 \xf0\x9f\xa7\x92");
    /* right-to-left override and isolate controls: left out */
    ASSERT_ESC("a\xe2\x80\xae"
               "b\xe2\x81\xa7"
               "c\xe2\x81\xa9",
               0, "abc");
    /* other format characters stay (an en dash, a right single quote) */
    ASSERT_ESC("\xe2\x80\x93\xe2\x80\x99", 0, "\xe2\x80\x93\xe2\x80\x99");
}

static void test_css_string(void **state)
{
    (void)state;
    char *s = css("OFFICIAL-SENSITIVE");
    assert_string_equal(s, "\"OFFICIAL\\00002dSENSITIVE\"");
    free(s);
    s = css("x\" } </style><script>");
    assert_ptr_equal(strchr(s + 1, '"'), s + strlen(s) - 1); /* one closing quote */
    assert_null(strstr(s, "<"));
    assert_null(strstr(s, "}"));
    free(s);
    s = css("\xc2\xa3\xff");
    assert_string_equal(s, "\"\\0000a3\\00fffd\"");
    free(s);
    s = css(NULL);
    assert_string_equal(s, "\"\"");
    free(s);
}

/* ---- the page ------------------------------------------------------------------ */

static const char hostile_name[] = "<script>alert(1)</script> & \"Agency\" </table> "
                                   "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\xa7\x92 \xff";

/* Six practitioners of one agency with a hostile name, an action and a
 * comment of markup, over Q2 and Q3 2025-26. */
static fx_env *hostile_env(void)
{
    fx_env *e = fx_env_new();
    ov_agency *a = fx_agency(&e->d, "H");
    a->name = ov_xstrdup(hostile_name);
    static const char *const ids[] = {"S1", "S2", "S3", "S4", "S5", "S6"};
    for (int i = 0; i < 6; i++)
        FX_STAFF(a, .id = ids[i]);
    static const char *const q2[] = {"2025-07-07", "2025-08-04", "2025-09-08"};
    for (int i = 0; i < 6; i++) {
        for (int k = 0; k < 3; k++)
            fx_held(a, ids[i], q2[k]);
        FX_SESSION(a, .staff = ids[i], .date = "2025-10-06", .notes = "2025-10-20");
    }
    ov_action *x = OV_PUSH(e->d.actions, e->d.nactions, e->d.cap_actions);
    memset(x, 0, sizeof *x);
    x->id = ov_xstrdup("A<1>");
    x->agency = 0;
    x->metric = OV_M_SUPERVISION_FREQUENCY;
    x->description = ov_xstrdup("</td></tr></table><script>alert(2)</script>");
    x->owner = ov_xstrdup("Head & 'Deputy'");
    x->status = OV_AS_OPEN;
    x->due = fx_d("2025-11-30");
    ov_comment *c = OV_PUSH(e->d.comments, e->d.ncomments, e->d.cap_comments);
    memset(c, 0, sizeof *c);
    c->agency = OV_NONE;
    c->section = OV_CS_SUMMARY;
    c->text = ov_xstrdup("<script>alert(3)</script>\nsecond line");
    c->period_start = c->period_end = OV_DATE_NONE;
    fx_run(e, "2025-26-Q3", 2);
    return e;
}

/* The context the command line would hand to the pack. */
static ov_report_ctx ctx_of(fx_env *e, int32_t focus, const ov_exceptions *ex)
{
    ov_report_ctx c = {
        .data = &e->d,
        .results = &e->res,
        .standards = &e->std,
        .calendar = &e->cal,
        .title = "Test <Partnership> & Co",
        .marking = "OFFICIAL \"SENSITIVE\" </style>",
        .version = "test",
        .templates_dir = "templates",
        .run_date = fx_d("2026-01-15"),
        .agency_focus = focus,
        .exceptions = ex,
        .suppress_below = 5,
        .trend = 2,
    };
    return c;
}

/* Writes the page of ctx as NAME.html into a new folder; returns its text (caller frees). */
static char *write_page(const ov_report_ctx *ctx, const char *name)
{
    char dir[] = "/tmp/ov-html-XXXXXX";
    assert_non_null(mkdtemp(dir));
    ov_pack pack;
    int busy = 0;
    ov_outset *out = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(out);
    assert_int_equal(ov_pack_build(ctx, &pack), 0);
    assert_int_equal(ov_html_write(&pack, out, name), 0);
    ov_pack_free(&pack);
    assert_int_equal(ov_outset_commit(out, "# run test"), 0);
    char file[64];
    snprintf(file, sizeof file, "%s.html", name);
    char *path = ov_path_join(dir, file);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = ov_xcalloc((size_t)n + 1, 1);
    assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    /* remove the folder and what is in it */
    DIR *d = opendir(dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            char *p = ov_path_join(dir, de->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
    rmdir(dir);
    free(path);
    return text;
}

/* How many times needle occurs in s. */
static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_page_escapes_everything(void **state)
{
    (void)state;
    fx_env *e = hostile_env();
    ov_report_ctx c = ctx_of(e, OV_NONE, NULL);
    char *page = write_page(&c, "pack");
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en-GB\">", 35) == 0);
    assert_int_equal(count(page, "<h1>"), 1);
    assert_non_null(strstr(page, "<h1>Test &lt;Partnership&gt; &amp; Co</h1>"));
    assert_non_null(strstr(page, ">2. How are we doing?</h2>"));
    assert_non_null(strstr(page, ">3. How do we know?</h2>"));
    assert_non_null(strstr(page, ">4. What are we doing to improve?</h2>"));
    assert_null(strstr(page, "<script"));
    assert_int_equal(count(page, "<table"), count(page, "</table>"));
    /* the name: escaped, bidi isolated, its invalid byte as U+FFFD */
    assert_non_null(strstr(page,
                           "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Agency&quot; "
                           "&lt;/table&gt; \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\xa7\x92 "
                           "\xef\xbf\xbd</bdi>"));
    assert_non_null(strstr(page, "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(2)"));
    assert_non_null(strstr(page, "Head &amp; &#39;Deputy&#39;"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(3)&lt;/script&gt;<br>second line"));
    /* the marking reaches the print style sheet only as a CSS string */
    assert_null(strstr(page, "</style> "));
    assert_int_equal(count(page, "</style>"), 1);
    /* the partnership page has no follow-up lists */
    assert_null(strstr(page, "id=\"followup\""));
    /* the same input gives the same bytes */
    char *again = write_page(&c, "pack");
    assert_string_equal(page, again);
    free(again);
    free(page);
    fx_env_free(e);
}

static void test_agency_page_has_its_lists(void **state)
{
    (void)state;
    fx_env *e = hostile_env();
    ov_exceptions ex;
    memset(&ex, 0, sizeof ex);
    assert_int_equal(ov_metrics_exceptions(&e->d, 0, &e->res.periods[0], &e->cfg, &ex), 0);
    ov_report_ctx c = ctx_of(e, 0, &ex);
    char *page = write_page(&c, "own");
    assert_non_null(strstr(page, "id=\"followup\""));
    assert_non_null(strstr(page, ">S1</bdi></th>")); /* an id, as its row's header */
    assert_null(strstr(page, "<script"));
    free(page);
    ov_exceptions_free(&ex);
    fx_env_free(e);
}

static void test_words_free_tolerates_zeroed(void **state)
{
    (void)state;
    ov_words w;
    memset(&w, 0, sizeof w);
    ov_words_free(&w);
    ov_words_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_markup),
        cmocka_unit_test(test_escape_invalid_utf8),
        cmocka_unit_test(test_escape_controls_and_newlines),
        cmocka_unit_test(test_escape_keeps_scripts_drops_bidi_controls),
        cmocka_unit_test(test_css_string),
        cmocka_unit_test(test_page_escapes_everything),
        cmocka_unit_test(test_agency_page_has_its_lists),
        cmocka_unit_test(test_words_free_tolerates_zeroed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
