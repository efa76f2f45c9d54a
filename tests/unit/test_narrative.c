/* test_narrative.c — the report wording file: parsing (continuations,
 * comments, CRLF, BOM, malformed lines, repeated keys), placeholder filling,
 * missing keys, list joining and the shipped templates/narrative.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/msg.h"
#include "core/text.h"
#include "report/narrative.h"

static void test_parse_entries_and_continuations(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF# a comment\r\n"
                       "title = Board report\r\n"
                       "intro = First line\n"
                       "    second line\n"
                       "\tthird line\n"
                       "\n"
                       "  # an indented comment is still a comment\n"
                       "empty =\n"
                       "not an entry\n"
                       "title = Replaced £ – é\n"
                       "dotted.key-name_2 = x {y} z   \n";
    ov_narrative n = {0};
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_narr_parse(&n, text, strlen(text), "narrative.txt"), 0);
    assert_string_equal(ov_narr_get(&n, "title"), "Replaced £ – é");
    assert_string_equal(ov_narr_get(&n, "intro"), "First line second line third line");
    assert_string_equal(ov_narr_get(&n, "empty"), "");
    assert_string_equal(ov_narr_get(&n, "dotted.key-name_2"), "x {y} z");
    assert_null(ov_narr_get(&n, "not"));
    assert_null(ov_narr_get(&n, "missing"));
    assert_int_equal(n.n, 4);
    ov_narr_free(&n);
    ov_narr_free(NULL);
}

static void test_fill_placeholders(void **state)
{
    (void)state;
    ov_narr_var v[] = {{"count", "3"}, {"list", "A, B and C"}, {"blank", NULL}};
    size_t unknown = 99;
    char *s = ov_narr_fill("{count} measures: {list}.{blank}", v, 3, &unknown);
    assert_string_equal(s, "3 measures: A, B and C.");
    assert_int_equal(unknown, 0);
    free(s);
    s = ov_narr_fill("{{literal} {nope} {count", v, 3, &unknown);
    assert_string_equal(s, "{literal} {nope} {count");
    assert_int_equal(unknown, 1);
    free(s);
    s = ov_narr_fill("{} { count }", v, 3, NULL);
    assert_string_equal(s, "{} { count }");
    free(s);
}

static void test_text_of_missing_key_is_blank(void **state)
{
    (void)state;
    const char *text = "k = Hello {name} {typo}\n";
    ov_narrative n = {0};
    ov_msg_set_level(OV_QUIET);
    ov_narr_parse(&n, text, strlen(text), "narrative.txt");
    ov_narr_var v[] = {{"name", "board"}};
    char *s = ov_narr_text(&n, "k", v, 1);
    assert_string_equal(s, "Hello board {typo}");
    free(s);
    s = ov_narr_text(&n, "absent", v, 1);
    assert_string_equal(s, "");
    free(s);
    /* asked again: still blank, and the key is now known (warned once) */
    s = ov_narr_text(&n, "absent", v, 1);
    assert_string_equal(s, "");
    free(s);
    ov_narr_free(&n);
}

static void test_join(void **state)
{
    (void)state;
    const char *items[] = {"Alpha", "Beta", "Gamma"};
    char *s = ov_narr_join(items, 0, "and");
    assert_string_equal(s, "");
    free(s);
    s = ov_narr_join(items, 1, "and");
    assert_string_equal(s, "Alpha");
    free(s);
    s = ov_narr_join(items, 2, "and");
    assert_string_equal(s, "Alpha and Beta");
    free(s);
    s = ov_narr_join(items, 3, "and");
    assert_string_equal(s, "Alpha, Beta and Gamma");
    free(s);
}

static void test_shipped_wording_loads(void **state)
{
    (void)state;
    ov_narrative n = {0};
    assert_int_equal(ov_narr_load(&n, "templates"), 0);
    static const char *const keys[] = {"section.summary", "section.how_doing", "section.how_know",
                                       "section.improve", "section.appendix",  "rag.green",
                                       "rag.suppressed",  "gaps.call"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = ov_narr_get(&n, keys[i]);
        assert_non_null(v);
        assert_true(v[0] != '\0');
    }
    assert_string_equal(ov_narr_get(&n, "section.how_doing"), "2. How are we doing?");
    for (size_t i = 0; i < n.n; i++)
        assert_true(ov_utf8_valid(n.vals[i], strlen(n.vals[i])));
    ov_narr_free(&n);
    ov_msg_set_level(OV_QUIET);
    assert_int_equal(ov_narr_load(&n, "no-such-folder"), -1);
    ov_narr_free(&n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_entries_and_continuations),
        cmocka_unit_test(test_fill_placeholders),
        cmocka_unit_test(test_text_of_missing_key_is_blank),
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_shipped_wording_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
