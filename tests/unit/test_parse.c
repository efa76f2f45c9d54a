/* test_parse.c — field parsers: dates in every accepted form, yes/no,
 * integers, normalisation, code aliases and functions lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/parse.h"

/* Parses a C string as a date. */
static enum ov_parse_result pd(const char *s, ov_date *out)
{
    *out = -12345;
    return ov_parse_date(s, strlen(s), out);
}

/* Asserts s parses to y-m-d. */
static void date_is(const char *s, int y, int m, int d)
{
    ov_date t;
    enum ov_parse_result r = pd(s, &t);
    if (r != OV_PARSE_OK)
        fail_msg("\"%s\" did not parse (result %d)", s, (int)r);
    if (t != ov_date_from_ymd(y, m, d))
        fail_msg("\"%s\" parsed to day %ld, want %04d-%02d-%02d", s, (long)t, y, m, d);
}

/* Asserts s gives result r. */
static void date_result(const char *s, enum ov_parse_result want)
{
    ov_date t;
    enum ov_parse_result r = pd(s, &t);
    if (r != want)
        fail_msg("\"%s\": result %d, want %d", s, (int)r, (int)want);
    if (r != OV_PARSE_OK)
        assert_int_equal(t, -12345); /* output untouched on failure */
}

static void test_trim(void **state)
{
    (void)state;
    size_t n;
    const char *s = " \t ab c\t  ";
    const char *t = ov_trim(s, strlen(s), &n);
    assert_int_equal(n, 4);
    assert_memory_equal(t, "ab c", 4);
    t = ov_trim("   ", 3, &n);
    assert_int_equal(n, 0);
    t = ov_trim("x", 1, &n);
    assert_int_equal(n, 1);
    assert_int_equal(*t, 'x');
    /* NBSP is not trimmed */
    t = ov_trim("\xC2\xA0x", 3, &n);
    assert_int_equal(n, 3);
    /* only len bytes are looked at */
    t = ov_trim("ab  cd", 4, &n);
    assert_int_equal(n, 2);
    /* the inline answer agrees with the full trim for every byte at either end */
    for (int a = 0; a < 256; a++)
        for (int b = 0; b < 256; b += 5) {
            char buf[3] = {(char)a, 'm', (char)b};
            size_t n1, n2;
            const char *t1 = ov_trim(buf, 3, &n1), *t2 = ov_trim_ends(buf, 3, &n2);
            assert_ptr_equal(t1, t2);
            assert_int_equal(n1, n2);
            int blank_a = a == ' ' || a == '\t' || a == '\r' || a == '\n';
            int blank_b = b == ' ' || b == '\t' || b == '\r' || b == '\n';
            assert_int_equal(n1, 3 - blank_a - blank_b);
        }
    t = ov_trim(NULL, 3, &n);
    assert_int_equal(n, 0);
    assert_string_equal(t, "");
}

static void test_date_forms(void **state)
{
    (void)state;
    date_is("2025-10-06", 2025, 10, 6);
    date_is("2025-1-6", 2025, 1, 6);
    date_is("06/10/2025", 2025, 10, 6);
    date_is("6/10/2025", 2025, 10, 6);
    date_is("6/1/2025", 2025, 1, 6);
    date_is("06-10-2025", 2025, 10, 6);
    date_is("06.10.2025", 2025, 10, 6);
    date_is("6 Oct 2025", 2025, 10, 6);
    date_is("06 Oct 2025", 2025, 10, 6);
    date_is("6 October 2025", 2025, 10, 6);
    date_is("6 oct 2025", 2025, 10, 6);
    date_is("6 OCTOBER 2025", 2025, 10, 6);
    date_is("06-Oct-2025", 2025, 10, 6);
    date_is("6-Oct-2025", 2025, 10, 6);
    date_is("06-Oct-25", 2025, 10, 6);
    date_is("06-OCT-25", 2025, 10, 6);
    date_is("1-Jan-90", 2090, 1, 1);
    date_is("15-September-2025", 2025, 9, 15);
    date_is("15 Sept 2025", 2025, 9, 15);
    date_is("  06/10/2025\t", 2025, 10, 6);
    /* every month name, short and full */
    static const char *const shortn[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const fulln[12] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
    char buf[64];
    for (int m = 0; m < 12; m++) {
        snprintf(buf, sizeof buf, "3 %s 2024", shortn[m]);
        date_is(buf, 2024, m + 1, 3);
        snprintf(buf, sizeof buf, "03-%s-2024", fulln[m]);
        date_is(buf, 2024, m + 1, 3);
        snprintf(buf, sizeof buf, "03-%s-24", shortn[m]);
        date_is(buf, 2024, m + 1, 3);
    }
    /* leap day in a leap year */
    date_is("29/02/2024", 2024, 2, 29);
    date_is("2000-02-29", 2000, 2, 29);
}

static void test_date_with_time(void **state)
{
    (void)state;
    date_is("2025-10-06 14:30", 2025, 10, 6);
    date_is("2025-10-06T14:30:00", 2025, 10, 6);
    date_is("2025-10-06T14:30:00Z", 2025, 10, 6);
    date_is("2025-10-06T14:30:00.123+01:00", 2025, 10, 6);
    date_is("2025-10-06 14:30:00.000", 2025, 10, 6);
    date_is("06/10/2025 09:00:00", 2025, 10, 6);
    date_is("06/10/2025 9:00", 2025, 10, 6);
    date_is("06/10/2025  00:00", 2025, 10, 6);
    date_is("6/10/2025 9:05 AM", 2025, 10, 6);
    date_is("6/10/2025 12:05pm", 2025, 10, 6);
    date_is("06-Oct-25 23:59", 2025, 10, 6);
    date_is("6 Oct 2025 10:15", 2025, 10, 6);
    date_result("06/10/2025 24:00", OV_PARSE_BAD);
    date_result("06/10/2025 10:60", OV_PARSE_BAD);
    date_result("06/10/2025 13:00 PM", OV_PARSE_BAD);
    date_result("06/10/2025 10", OV_PARSE_BAD);
    date_result("06/10/2025 lunchtime", OV_PARSE_BAD);
    date_result("06/10/2025T", OV_PARSE_BAD);
    date_result("06/10/2025x", OV_PARSE_BAD);
    /* the time does not rescue an impossible date */
    date_result("31/02/2026 10:00", OV_PARSE_RANGE);
}

static void test_date_invalid(void **state)
{
    (void)state;
    date_result("", OV_PARSE_EMPTY);
    date_result("   \t", OV_PARSE_EMPTY);
    date_result("TBC", OV_PARSE_BAD);
    date_result("n/a", OV_PARSE_BAD);
    date_result("06/10/25", OV_PARSE_BAD);
    date_result("6 Oct 25", OV_PARSE_BAD);
    date_result("06.Oct.2025", OV_PARSE_BAD);
    date_result("Oct 6 2025", OV_PARSE_BAD);
    date_result("6 Octo 2025", OV_PARSE_BAD);
    date_result("6 Foo 2025", OV_PARSE_BAD);
    date_result("06/10-2025", OV_PARSE_BAD);
    date_result("2025-10/06", OV_PARSE_BAD);
    date_result("2025-10-", OV_PARSE_BAD);
    date_result("2025-100-01", OV_PARSE_BAD);
    date_result("123/10/2025", OV_PARSE_BAD);
    date_result("06/10/20255", OV_PARSE_BAD);
    date_result("6 Oct 202", OV_PARSE_BAD);
    date_result("-45000", OV_PARSE_BAD);
    date_result("45000.", OV_PARSE_BAD);
    date_result("45000.5x", OV_PARSE_BAD);
    /* accepted forms that are not calendar dates */
    date_result("31/02/2026", OV_PARSE_RANGE);
    date_result("29/02/2025", OV_PARSE_RANGE);
    date_result("2025-02-29", OV_PARSE_RANGE);
    date_result("1900-02-29", OV_PARSE_RANGE);
    date_result("31/04/2025", OV_PARSE_RANGE);
    date_result("00/10/2025", OV_PARSE_RANGE);
    date_result("10/13/2025", OV_PARSE_RANGE); /* US order: month 13 */
    date_result("2025-13-01", OV_PARSE_RANGE);
    date_result("2025-00-10", OV_PARSE_RANGE);
    date_result("32 Oct 2025", OV_PARSE_RANGE);
    date_result("29-Feb-25", OV_PARSE_RANGE);
    /* outside 1990-2100 */
    date_result("31/12/1989", OV_PARSE_RANGE);
    date_result("1989-12-31", OV_PARSE_RANGE);
    date_result("01/01/2101", OV_PARSE_RANGE);
    date_result("0000-01-01", OV_PARSE_RANGE);
    date_result("1 Jan 1900", OV_PARSE_RANGE);
    date_is("01/01/1990", 1990, 1, 1);
    date_is("31/12/2100", 2100, 12, 31);
}

/* The two exact forms read without the general path (YYYY-MM-DD,
 * DD/MM/YYYY) give what the general path gives for the same text with a
 * space in front, which only the general path reads: every day 00-32 of
 * every month 00-13, in and around the accepted years and leap years. */
static void test_date_exact_forms_as_general(void **state)
{
    (void)state;
    const int years[] = {1989, 1990, 2000, 2023, 2024, 2025, 2100, 2101, 1900, 9999};
    for (size_t yi = 0; yi < sizeof(years) / sizeof(years[0]); yi++)
        for (int m = 0; m <= 13; m++)
            for (int d = 0; d <= 32; d++)
                for (int form = 0; form < 2; form++) {
                    char exact[24], general[32];
                    if (form == 0)
                        snprintf(exact, sizeof(exact), "%04d-%02d-%02d", years[yi], m, d);
                    else
                        snprintf(exact, sizeof(exact), "%02d/%02d/%04d", d, m, years[yi]);
                    snprintf(general, sizeof(general), " %s", exact);
                    ov_date a = -1, b = -1;
                    enum ov_parse_result ra = ov_parse_date(exact, strlen(exact), &a);
                    enum ov_parse_result rb = ov_parse_date(general, strlen(general), &b);
                    assert_int_equal(ra, rb);
                    if (ra == OV_PARSE_OK)
                        assert_int_equal(a, b);
                }
    /* not digits where digits belong: the general path's verdict */
    const char *odd[] = {"2025-1O-06", "O6/10/2025", "06/10/2O25", "06/1-/2025", "+6/10/2025"};
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        char general[32];
        snprintf(general, sizeof(general), " %s", odd[i]);
        ov_date a, b;
        assert_int_equal(ov_parse_date(odd[i], strlen(odd[i]), &a),
                         ov_parse_date(general, strlen(general), &b));
    }
}

static void test_date_excel_serial(void **state)
{
    (void)state;
    date_is("45936", 2025, 10, 6);
    date_is("45936.5", 2025, 10, 6);
    date_is("45936.999988", 2025, 10, 6);
    date_is(" 45658 ", 2025, 1, 1);
    date_is("32874", 1990, 1, 1);
    date_is("73415", 2100, 12, 31);
    /* serial window edges: outside it a number is not a date at all */
    date_result("19999", OV_PARSE_BAD);
    date_result("80001", OV_PARSE_BAD);
    date_result("123456789012", OV_PARSE_BAD);
    date_result("0", OV_PARSE_BAD);
    /* inside the window but outside 1990-2100 */
    date_result("20000", OV_PARSE_RANGE); /* 1954-10-03 */
    date_result("80000", OV_PARSE_RANGE); /* 2119-01-10 */
    date_result("80000.25", OV_PARSE_RANGE);
    date_result("32873", OV_PARSE_RANGE);
    date_result("73416", OV_PARSE_RANGE);
}

static void test_yesno(void **state)
{
    (void)state;
    static const char *const yes[] = {"Y",    "y",    "Yes",  "YES", "yes",  "yEs",
                                      "TRUE", "true", "True", "1",   " Yes "};
    static const char *const no[] = {"N",     "n",     "No",    "NO", "no",    "nO",
                                     "FALSE", "false", "False", "0",  "\tno\t"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_yesno(yes[i], strlen(yes[i]), &v), OV_PARSE_OK);
        assert_int_equal(v, 1);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_yesno(no[i], strlen(no[i]), &v), OV_PARSE_OK);
        assert_int_equal(v, 0);
    }
    static const char *const bad[] = {"ye", "yess", "T",    "F",    "2",    "01",
                                      "on", "off",  "y es", "nope", "truee"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_yesno(bad[i], strlen(bad[i]), &v), OV_PARSE_BAD);
        assert_int_equal(v, -1);
    }
    int v = -1;
    assert_int_equal(ov_parse_yesno("  ", 2, &v), OV_PARSE_EMPTY);
    assert_int_equal(ov_parse_yesno("", 0, &v), OV_PARSE_EMPTY);
    /* only len bytes are read */
    assert_int_equal(ov_parse_yesno("yesterday", 3, &v), OV_PARSE_OK);
    assert_int_equal(v, 1);
    /* every single byte: Y, y and 1 say yes, N, n and 0 no, a blank nothing,
     * any other is not an answer */
    for (int c = 0; c < 256; c++) {
        char b = (char)c;
        v = -1;
        enum ov_parse_result r = ov_parse_yesno(&b, 1, &v);
        if (c == 'Y' || c == 'y' || c == '1' || c == 'N' || c == 'n' || c == '0') {
            assert_int_equal(r, OV_PARSE_OK);
            assert_int_equal(v, c == 'Y' || c == 'y' || c == '1');
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            assert_int_equal(r, OV_PARSE_EMPTY);
        } else {
            assert_int_equal(r, OV_PARSE_BAD);
            assert_int_equal(v, -1);
        }
    }
}

/* Parses a C string as an integer. */
static enum ov_parse_result pi(const char *s, int32_t *v)
{
    *v = 777;
    return ov_parse_int(s, strlen(s), v);
}

static void test_int(void **state)
{
    (void)state;
    int32_t v;
    assert_int_equal(pi("60", &v), OV_PARSE_OK);
    assert_int_equal(v, 60);
    assert_int_equal(pi(" 45 ", &v), OV_PARSE_OK);
    assert_int_equal(v, 45);
    assert_int_equal(pi("+7", &v), OV_PARSE_OK);
    assert_int_equal(v, 7);
    assert_int_equal(pi("-12", &v), OV_PARSE_OK);
    assert_int_equal(v, -12);
    assert_int_equal(pi("007", &v), OV_PARSE_OK);
    assert_int_equal(v, 7);
    assert_int_equal(pi("90.0", &v), OV_PARSE_OK);
    assert_int_equal(v, 90);
    assert_int_equal(pi("90.000", &v), OV_PARSE_OK);
    assert_int_equal(v, 90);
    assert_int_equal(pi("2147483647", &v), OV_PARSE_OK);
    assert_int_equal(v, INT32_MAX);
    assert_int_equal(pi("-2147483648", &v), OV_PARSE_OK);
    assert_int_equal(v, INT32_MIN);
    assert_int_equal(pi("2147483648", &v), OV_PARSE_RANGE);
    assert_int_equal(pi("-2147483649", &v), OV_PARSE_RANGE);
    assert_int_equal(pi("99999999999999999999999", &v), OV_PARSE_RANGE);
    assert_int_equal(pi("", &v), OV_PARSE_EMPTY);
    assert_int_equal(pi("  ", &v), OV_PARSE_EMPTY);
    static const char *const bad[] = {"abc", "1a",  "90.5", "90.", "1,000", "+",      "-",
                                      "--1", "1 2", ".0",   "1e3", "0x10",  "12 mins"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (pi(bad[i], &v) != OV_PARSE_BAD)
            fail_msg("\"%s\" should be BAD", bad[i]);
        assert_int_equal(v, 777);
    }
}

static void test_normalise(void **state)
{
    (void)state;
    char buf[64];
    size_t n = ov_normalise("  Staff ID ", 11, buf, sizeof buf);
    assert_string_equal(buf, "staff_id");
    assert_int_equal(n, 8);
    ov_normalise("Supervision  -  Date", 20, buf, sizeof buf);
    assert_string_equal(buf, "supervision_date");
    ov_normalise("one_to-one", 10, buf, sizeof buf);
    assert_string_equal(buf, "one_to_one");
    ov_normalise("1:1", 3, buf, sizeof buf);
    assert_string_equal(buf, "1:1");
    ov_normalise("CAF\xC3\xA9", 5, buf, sizeof buf);
    assert_string_equal(buf, "caf\xC3\xA9"); /* ASCII only is lowered */
    n = ov_normalise("", 0, buf, sizeof buf);
    assert_int_equal(n, 0);
    assert_string_equal(buf, "");
    /* truncation: cap-1 bytes written, full length returned */
    char small[5];
    n = ov_normalise("Abcdefgh", 8, small, sizeof small);
    assert_int_equal(n, 8);
    assert_string_equal(small, "abcd");
    n = ov_normalise("Abcd", 4, small, sizeof small);
    assert_int_equal(n, 4);
    assert_string_equal(small, "abcd");
    n = ov_normalise("Abc", 3, small, 0);
    assert_int_equal(n, 3);
}

/* Looks a C string up in a table. */
static int lk(const ov_code_table *t, const char *s)
{
    return ov_code_lookup(t, s, strlen(s));
}

static void test_code_lookup(void **state)
{
    (void)state;
    assert_int_equal(lk(&ov_codes_session_type, "one_to_one"), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, "One to One"), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, " ONE-TO-ONE "), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, "1:1"), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, "1-1"), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, "Individual"), OV_ST_ONE_TO_ONE);
    assert_int_equal(lk(&ov_codes_session_type, "Ad hoc"), OV_ST_AD_HOC);
    assert_int_equal(lk(&ov_codes_session_type, "URGENT"), OV_ST_AD_HOC);
    assert_int_equal(lk(&ov_codes_session_type, "Group"), OV_ST_GROUP);
    assert_int_equal(lk(&ov_codes_session_type, "peer"), OV_ST_PEER);
    assert_int_equal(lk(&ov_codes_session_status, "DNA"), OV_SS_CANCELLED);
    assert_int_equal(lk(&ov_codes_session_status, "Did not attend"), OV_SS_CANCELLED);
    assert_int_equal(lk(&ov_codes_session_status, "Cancelled by supervisee"), OV_SS_CANCELLED);
    assert_int_equal(lk(&ov_codes_session_status, "Took place"), OV_SS_HELD);
    assert_int_equal(lk(&ov_codes_session_status, "completed"), OV_SS_HELD);
    assert_int_equal(lk(&ov_codes_category, "LAC"), OV_CAT_CIC);
    assert_int_equal(lk(&ov_codes_category, "Looked After"), OV_CAT_CIC);
    assert_int_equal(lk(&ov_codes_category, "Child in Care"), OV_CAT_CIC);
    assert_int_equal(lk(&ov_codes_category, "Child in Care (long-term matched)"), OV_CAT_CIC_LTM);
    assert_int_equal(lk(&ov_codes_category, "PLO/Proceedings"), OV_CAT_CARE_PROCEEDINGS);
    assert_int_equal(lk(&ov_codes_category, "Early Help"), OV_CAT_EARLY_HELP);
    assert_int_equal(lk(&ov_codes_category, "early-help"), OV_CAT_EARLY_HELP);
    assert_int_equal(lk(&ov_codes_category, "CPP"), OV_CAT_CP);
    assert_int_equal(lk(&ov_codes_agency_type, "LA_CSC"), OV_AT_LA_CSC);
    /* unknown and blank */
    assert_int_equal(lk(&ov_codes_session_type, "telephone"), -1);
    assert_int_equal(lk(&ov_codes_session_type, "one to on"), -1);
    assert_int_equal(lk(&ov_codes_session_type, "one to one x"), -1);
    assert_int_equal(lk(&ov_codes_category, "LA"), -1);
    assert_int_equal(lk(&ov_codes_session_type, ""), -2);
    assert_int_equal(lk(&ov_codes_session_type, "  \t "), -2);
    char longv[300];
    memset(longv, 'a', sizeof longv);
    assert_int_equal(ov_code_lookup(&ov_codes_session_type, longv, sizeof longv), -1);
}

/* Parses a C string as a functions list. */
static enum ov_parse_result pf(const char *s, uint8_t *mask, int *unknown)
{
    *mask = 0xff;
    *unknown = -1;
    return ov_parse_functions(s, strlen(s), mask, unknown);
}

static void test_functions(void **state)
{
    (void)state;
    uint8_t m;
    int u;
    assert_int_equal(pf("management", &m, &u), OV_PARSE_OK);
    assert_int_equal(m, 1u << OV_FN_MANAGEMENT);
    assert_int_equal(u, 0);
    assert_int_equal(pf("Management; Development, support|mediation", &m, &u), OV_PARSE_OK);
    assert_int_equal(m, OV_FN_ALL);
    assert_int_equal(u, 0);
    assert_int_equal(pf("performance management/wellbeing", &m, &u), OV_PARSE_OK);
    assert_int_equal(m, (1u << OV_FN_MANAGEMENT) | (1u << OV_FN_SUPPORT));
    assert_int_equal(u, 0);
    assert_int_equal(pf(" ; learning;; ,Professional Development ; ", &m, &u), OV_PARSE_OK);
    assert_int_equal(m, 1u << OV_FN_DEVELOPMENT);
    assert_int_equal(u, 0);
    assert_int_equal(pf("support; reflection; caseload", &m, &u), OV_PARSE_OK);
    assert_int_equal(m, 1u << OV_FN_SUPPORT);
    assert_int_equal(u, 2);
    assert_int_equal(pf("reflection", &m, &u), OV_PARSE_BAD);
    assert_int_equal(m, 0);
    assert_int_equal(u, 1);
    assert_int_equal(pf("", &m, &u), OV_PARSE_EMPTY);
    assert_int_equal(m, 0);
    assert_int_equal(u, 0);
    assert_int_equal(pf(" ; , | / ", &m, &u), OV_PARSE_EMPTY);
    assert_int_equal(m, 0);
    assert_int_equal(u, 0);
    assert_int_equal(ov_parse_functions(NULL, 0, &m, &u), OV_PARSE_EMPTY);
}

/* Parses the first len bytes of s as a period; checks the dates and form. */
static void period_is(const char *s, size_t len, ov_date start, ov_date end,
                      enum ov_period_form form)
{
    ov_date a = -1, b = -1;
    enum ov_period_form f = (enum ov_period_form) - 1;
    char err[200] = "";
    enum ov_parse_result r = ov_parse_period(s, len, &a, &b, &f, err, sizeof(err));
    if (r != OV_PARSE_OK)
        fail_msg("period \"%.*s\" did not parse: %s", (int)len, s, err);
    assert_int_equal(a, start);
    assert_int_equal(b, end);
    assert_int_equal(f, form);
}

/* Asserts that s gives result want, leaves the outputs alone and says why. */
static void period_fails(const char *s, enum ov_parse_result want, const char *why)
{
    ov_date a = -12345, b = -12345;
    enum ov_period_form f = (enum ov_period_form)77;
    char err[200] = "";
    enum ov_parse_result r = ov_parse_period(s, strlen(s), &a, &b, &f, err, sizeof(err));
    if (r != want)
        fail_msg("period \"%s\": result %d, want %d (%s)", s, (int)r, (int)want, err);
    assert_int_equal(a, -12345);
    assert_int_equal(b, -12345);
    assert_int_equal(f, 77);
    if (!strstr(err, why))
        fail_msg("period \"%s\": reason \"%s\" lacks \"%s\"", s, err, why);
    assert_null(strchr(err, '\n'));
    /* without a buffer the result is the same */
    assert_int_equal(ov_parse_period(s, strlen(s), &a, &b, NULL, NULL, 0), want);
}

#define D(y, m, d) ov_date_from_ymd(y, m, d)

/* Audit grades: the four Ofsted words, 1-4 and RI, like codes. */
static void test_grade(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int g;
    } ok[] = {{"outstanding", OV_GRADE_OUTSTANDING},
              {"Outstanding", OV_GRADE_OUTSTANDING},
              {"1", OV_GRADE_OUTSTANDING},
              {" GOOD ", OV_GRADE_GOOD},
              {"2", OV_GRADE_GOOD},
              {"Requires Improvement", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"requires-improvement", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"requires_improvement", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"RI", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"ri", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"Requires improvement to be good", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"3", OV_GRADE_REQUIRES_IMPROVEMENT},
              {"Inadequate", OV_GRADE_INADEQUATE},
              {"4", OV_GRADE_INADEQUATE}};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        int g = -1;
        assert_int_equal(ov_parse_grade(ok[i].s, strlen(ok[i].s), &g), OV_PARSE_OK);
        assert_int_equal(g, ok[i].g);
    }
    static const char *const bad[] = {"Excellent", "5",   "0",     "2.0",      "good-ish",
                                      "R I",       "Req", "goood", "Adequate", "1 - Outstanding"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int g = -1;
        assert_int_equal(ov_parse_grade(bad[i], strlen(bad[i]), &g), OV_PARSE_BAD);
        assert_int_equal(g, -1);
    }
    int g = -1;
    assert_int_equal(ov_parse_grade("   ", 3, &g), OV_PARSE_EMPTY);
    assert_int_equal(ov_parse_grade(NULL, 0, &g), OV_PARSE_EMPTY);
    assert_int_equal(g, -1);
}

/* The agreement scale: 1-5 and its words, both "neither" wordings; numbers
 * off the scale are out of range, other text unreadable. */
static void test_agreement(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int v;
    } ok[] = {{"1", 1},
              {"Strongly disagree", 1},
              {"STRONGLY-DISAGREE", 1},
              {"2", 2},
              {"disagree", 2},
              {"3", 3},
              {"Neither", 3},
              {"neither agree nor disagree", 3},
              {"Neither Agree Nor Disagree", 3},
              {"4", 4},
              {" Agree ", 4},
              {"5", 5},
              {"Strongly agree", 5},
              {"strongly_agree", 5},
              {"4.0", 4},
              {"5.00", 5}};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_agreement(ok[i].s, strlen(ok[i].s), &v), OV_PARSE_OK);
        assert_int_equal(v, ok[i].v);
    }
    static const char *const range[] = {"0", "6", "7", "-1", "10", "6.0"};
    for (size_t i = 0; i < sizeof(range) / sizeof(range[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_agreement(range[i], strlen(range[i]), &v), OV_PARSE_RANGE);
        assert_int_equal(v, -1);
    }
    static const char *const bad[] = {"maybe", "4.5",      "agree strongly", "neutral",
                                      "n/a",   "strongly", "3 - neither",    "yes"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int v = -1;
        assert_int_equal(ov_parse_agreement(bad[i], strlen(bad[i]), &v), OV_PARSE_BAD);
        assert_int_equal(v, -1);
    }
    int v = -1;
    assert_int_equal(ov_parse_agreement("", 0, &v), OV_PARSE_EMPTY);
    assert_int_equal(ov_parse_agreement(" \t", 2, &v), OV_PARSE_EMPTY);
    assert_int_equal(v, -1);
    /* the table behind it: one name per point of the scale */
    assert_int_equal(ov_codes_agreement.count, OV_AGREE_COUNT);
    assert_int_equal(ov_codes_grade.count, OV_GRADE_COUNT);
}

static void test_period_forms(void **state)
{
    (void)state;
    period_is("2025-26", 7, D(2025, 4, 1), D(2026, 3, 31), OV_PERIOD_YEAR);
    period_is("2025-26-Q3", 10, D(2025, 10, 1), D(2025, 12, 31), OV_PERIOD_QUARTER);
    period_is("2025-26-q4", 10, D(2026, 1, 1), D(2026, 3, 31), OV_PERIOD_QUARTER);
    period_is("2026-03", 7, D(2026, 3, 1), D(2026, 3, 31), OV_PERIOD_MONTH);
    period_is("2024-02", 7, D(2024, 2, 1), D(2024, 2, 29), OV_PERIOD_MONTH);
    period_is("2025-10-01:2025-12-31", 21, D(2025, 10, 1), D(2025, 12, 31), OV_PERIOD_DATES);
    period_is("2025-10-01 : 2025-10-01", 23, D(2025, 10, 1), D(2025, 10, 1), OV_PERIOD_DATES);
    /* surrounding spaces, tabs and line breaks of a CSV value are ignored */
    period_is(" \t2025-26-Q1\r\n", 14, D(2025, 4, 1), D(2025, 6, 30), OV_PERIOD_QUARTER);
    /* only len bytes are read: the rest of a record's buffer is not the value */
    period_is("2025-26-Q2,summary", 10, D(2025, 7, 1), D(2025, 9, 30), OV_PERIOD_QUARTER);
    period_is("2025-26-Q2", 7, D(2025, 4, 1), D(2026, 3, 31), OV_PERIOD_YEAR);
    /* YYYY-YY with the next year is a financial year, never a month */
    period_is("2011-12", 7, D(2011, 4, 1), D(2012, 3, 31), OV_PERIOD_YEAR);
    period_is("2012-12", 7, D(2012, 12, 1), D(2012, 12, 31), OV_PERIOD_MONTH);
    /* the form may be left out */
    ov_date a, b;
    assert_int_equal(ov_parse_period("2026-03", 7, &a, &b, NULL, NULL, 0), OV_PARSE_OK);
    assert_int_equal(b, D(2026, 3, 31));
}

static void test_period_unreadable(void **state)
{
    (void)state;
    period_fails("", OV_PARSE_EMPTY, "not understood");
    period_fails("  \t ", OV_PARSE_EMPTY, "not understood");
    period_fails("last year", OV_PARSE_BAD, "not understood");
    period_fails("2025/26", OV_PARSE_BAD, "not understood");
    period_fails("Q3 2025-26", OV_PARSE_BAD, "not understood");
    period_fails("2025-26-Q", OV_PARSE_BAD, "not understood");
    period_fails("31/10/2025", OV_PARSE_BAD, "not understood");
    period_fails("01/10/2025:31/12/2025", OV_PARSE_BAD, "start date is not written YYYY-MM-DD");
    period_fails("2025-10-01:", OV_PARSE_BAD, "end date is not written YYYY-MM-DD");
    period_fails("2025-27-Q1", OV_PARSE_BAD, "write 2025-26-Q1");
    period_fails("2025-26-Q5", OV_PARSE_RANGE, "quarters are Q1");
    period_fails("2026-13", OV_PARSE_RANGE, "13 is not a month");
    period_fails("2025-27", OV_PARSE_RANGE, "starting in 2025 is written 2025-26");
    period_fails("2025-02-30:2025-03-01", OV_PARSE_RANGE, "2025-02-30 does not exist");
    period_fails("2026-01-01:2025-12-31", OV_PARSE_RANGE, "end date is before the start");
    period_fails("1989-03", OV_PARSE_RANGE, "outside the years 1990-2100");
    period_fails("2100-01", OV_PARSE_RANGE, "outside the years 1990-2100");
    /* the reason quotes at most 40 characters of the text */
    period_fails("2025-26 and then some more words that go on and on", OV_PARSE_BAD,
                 "\"2025-26 and then some more words that go\" is not");
    /* a NULL text is blank */
    ov_date a, b;
    assert_int_equal(ov_parse_period(NULL, 0, &a, &b, NULL, NULL, 0), OV_PARSE_EMPTY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_date_with_time),
        cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_exact_forms_as_general),
        cmocka_unit_test(test_date_excel_serial),
        cmocka_unit_test(test_yesno),
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_code_lookup),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_grade),
        cmocka_unit_test(test_agreement),
        cmocka_unit_test(test_period_forms),
        cmocka_unit_test(test_period_unreadable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
