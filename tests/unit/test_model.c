/* test_model.c — the rules the in-memory tables answer for the report layer:
 * which pack a comment of commentary.csv is printed in, and whether a word is
 * one of an agency's ids before and after its records are dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mem.h"
#include "core/strtab.h"
#include "ingest/model.h"
#include "ingest/parse.h"

/* A comment for the period written as text ("" = no period). */
static ov_comment comment_for(const char *period)
{
    ov_comment c = {.agency = OV_NONE, .section = OV_CS_SUMMARY, .text = NULL};
    c.period_start = c.period_end = OV_DATE_NONE;
    if (*period)
        assert_int_equal(
            ov_parse_period(period, strlen(period), &c.period_start, &c.period_end, NULL, NULL, 0),
            OV_PARSE_OK);
    return c;
}

/* Whether a comment for cperiod is printed in the pack for pperiod. */
static int shown(const char *cperiod, const char *pperiod)
{
    ov_comment c = comment_for(cperiod);
    ov_date ps, pe;
    assert_int_equal(ov_parse_period(pperiod, strlen(pperiod), &ps, &pe, NULL, NULL, 0),
                     OV_PARSE_OK);
    return ov_comment_in_period(&c, ps, pe);
}

static void test_no_period_every_pack(void **state)
{
    (void)state;
    assert_true(shown("", "2025-26"));
    assert_true(shown("", "2025-26-Q3"));
    assert_true(shown("", "2026-03"));
    assert_true(shown("", "2025-10-05:2025-11-20"));
}

static void test_same_period_any_form(void **state)
{
    (void)state;
    assert_true(shown("2025-26", "2025-26"));
    assert_true(shown("2025-26-Q3", "2025-26-Q3"));
    assert_true(shown("2026-03", "2026-03"));
    /* the same days written another way are the same period */
    assert_true(shown("2025-10-01:2025-12-31", "2025-26-Q3"));
    assert_true(shown("2025-26-Q3", "2025-10-01:2025-12-31"));
    assert_true(shown("2025-04-01:2026-03-31", "2025-26"));
    assert_true(shown("2026-03-01:2026-03-31", "2026-03"));
}

static void test_other_period_left_out(void **state)
{
    (void)state;
    assert_false(shown("2025-26-Q3", "2025-26-Q4"));
    assert_false(shown("2024-25", "2025-26"));
    /* overlapping is not enough: a quarter's comment is not the year's, nor
     * the year's the quarter's, nor a month's the quarter's */
    assert_false(shown("2025-26-Q3", "2025-26"));
    assert_false(shown("2025-26", "2025-26-Q3"));
    assert_false(shown("2025-12", "2025-26-Q3"));
    assert_false(shown("2025-10-01:2025-12-30", "2025-26-Q3"));
    assert_false(shown("2025-10-02:2025-12-31", "2025-26-Q3"));
}

static void test_half_set_period_counts_as_blank(void **state)
{
    (void)state;
    /* only ingest sets a period, both days at once; a record with one day
     * missing is treated as having none rather than hidden from every pack */
    ov_comment c = comment_for("");
    c.period_start = ov_date_from_ymd(2025, 10, 1);
    assert_true(
        ov_comment_in_period(&c, ov_date_from_ymd(2026, 1, 1), ov_date_from_ymd(2026, 3, 31)));
}

/* An agency's staff and child ids are known to ov_agency_has_id, from the
 * tables while it is loaded and from their hashes once dropped; other words
 * are not, and prefixes of an id are not. */
static void test_ids_before_and_after_drop(void **state)
{
    (void)state;
    ov_data d;
    memset(&d, 0, sizeof d);
    ov_agency *a = ov_data_add_agency(&d, "AG");
    const char *staff[] = {"S1", "S22", "M-7"}, *children[] = {"K1", "CH000123"};
    for (size_t i = 0; i < 3; i++) {
        uint32_t k = ov_strtab_intern(&a->staff_ids, staff[i], strlen(staff[i]), NULL);
        ov_staff *st = OV_PUSH(a->staff, a->nstaff, a->cap_staff);
        memset(st, 0, sizeof *st);
        a->staff_ids.value[k] = (int32_t)(a->nstaff - 1);
    }
    for (size_t i = 0; i < 2; i++)
        ov_strtab_intern(&a->child_ids, children[i], strlen(children[i]), NULL);
    for (int dropped = 0; dropped <= 1; dropped++) {
        if (dropped) {
            ov_agency_drop_records(a);
            assert_true(a->dropped);
            assert_int_equal(a->staff_ids.n, 0);
            assert_int_equal(a->child_ids.n, 0);
            assert_null(a->staff);
            assert_int_equal(a->nid_hashes, 5);
        }
        for (size_t i = 0; i < 3; i++)
            assert_true(ov_agency_has_id(a, staff[i], strlen(staff[i])));
        for (size_t i = 0; i < 2; i++)
            assert_true(ov_agency_has_id(a, children[i], strlen(children[i])));
        assert_true(ov_agency_has_id(a, "S22 and more", 3)); /* a token of a longer text */
        assert_false(ov_agency_has_id(a, "S2", 2));
        assert_false(ov_agency_has_id(a, "column", 6));
        assert_false(ov_agency_has_id(a, "", 0));
    }
    ov_agency_drop_records(a); /* twice: the hashes stay */
    assert_true(ov_agency_has_id(a, "K1", 2));
    ov_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_period_every_pack),
        cmocka_unit_test(test_same_period_any_form),
        cmocka_unit_test(test_other_period_left_out),
        cmocka_unit_test(test_ids_before_and_after_drop),
        cmocka_unit_test(test_half_set_period_counts_as_blank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
