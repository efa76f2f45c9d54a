/* fuzz_parse.c — libFuzzer harness for the field parsers: the whole input,
 * each line and each comma/semicolon-separated piece go through every parser
 * (dates, yes/no, numbers, codes, functions lists and periods),
 * and the results are checked for consistency. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/parse.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

static const ov_code_table *const tables[] = {
    &ov_codes_agency_type, &ov_codes_schedule,  &ov_codes_session_type,  &ov_codes_session_status,
    &ov_codes_function,    &ov_codes_category,  &ov_codes_action_status, &ov_codes_comment_section,
    &ov_codes_grade,       &ov_codes_agreement,
};

/* Runs one value through every parser. */
static void one(const char *s, size_t len)
{
    ov_date d = -1;
    enum ov_parse_result r = ov_parse_date(s, len, &d);
    if (r == OV_PARSE_OK) {
        CHECK(d >= ov_date_from_ymd(1990, 1, 1) && d <= ov_date_from_ymd(2100, 12, 31));
    } else {
        CHECK(d == -1);
    }
    size_t tl;
    const char *t = ov_trim(s, len, &tl);
    CHECK(t >= s && t + tl <= s + len);
    CHECK((r == OV_PARSE_EMPTY) == (tl == 0));

    int yn = -1;
    r = ov_parse_yesno(s, len, &yn);
    CHECK(r == OV_PARSE_OK ? (yn == 0 || yn == 1) : yn == -1);
    CHECK((r == OV_PARSE_EMPTY) == (tl == 0));

    int32_t v = 0;
    r = ov_parse_int(s, len, &v);
    CHECK((r == OV_PARSE_EMPTY) == (tl == 0));

    /* normalising is idempotent and its length does not depend on cap */
    char a[64], b[64], c[4];
    size_t na = ov_normalise(s, len, a, sizeof a);
    size_t nc = ov_normalise(s, len, c, sizeof c);
    CHECK(na == nc && na <= len);
    if (na < sizeof a && !memchr(s, '\0', len)) {
        CHECK(strlen(a) == na);
        size_t nb = ov_normalise(a, na, b, sizeof b);
        CHECK(nb == na && memcmp(a, b, na) == 0);
    }

    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        int k = ov_code_lookup(tables[i], s, len);
        CHECK(k >= -2 && k < (int)tables[i]->count);
        CHECK((k == -2) == (na == 0));
    }
    /* a grade is one of four; an answer is on the 1-5 scale; failures leave *out alone */
    int g = -1;
    r = ov_parse_grade(s, len, &g);
    CHECK(r == OV_PARSE_OK ? g >= 0 && g < OV_GRADE_COUNT : g == -1);
    CHECK((r == OV_PARSE_EMPTY) == (na == 0));
    int ans = -1;
    r = ov_parse_agreement(s, len, &ans);
    CHECK(r == OV_PARSE_OK ? ans >= 1 && ans <= 5 : ans == -1);
    CHECK((r == OV_PARSE_EMPTY) == (na == 0));

    uint8_t mask;
    int unknown;
    r = ov_parse_functions(s, len, &mask, &unknown);
    CHECK((mask & ~OV_FN_ALL) == 0 && unknown >= 0);
    CHECK(r == OV_PARSE_OK ? mask != 0 : mask == 0);
    CHECK(r != OV_PARSE_EMPTY || unknown == 0);

    /* a period is a non-empty span inside the years; a failure leaves the outputs alone */
    ov_date ps = -1, pe = -1;
    enum ov_period_form form = (enum ov_period_form) - 1;
    char err[200];
    r = ov_parse_period(s, len, &ps, &pe, &form, err, sizeof err);
    if (r == OV_PARSE_OK) {
        CHECK(ps >= ov_date_from_ymd(1990, 1, 1) && pe <= ov_date_from_ymd(2100, 12, 31));
        CHECK(ps <= pe && form >= OV_PERIOD_DATES && form <= OV_PERIOD_MONTH);
    } else {
        CHECK(ps == -1 && pe == -1 && form == (enum ov_period_form) - 1);
        CHECK(memchr(err, '\0', sizeof err) != NULL);
    }
    CHECK((r == OV_PARSE_EMPTY) == (tl == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer entry point: one input per call; never fails, crashes on a broken promise. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy so reads past the end are caught */
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    if (size)
        memcpy(s, data, size);
    one(s, size);
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i == size || s[i] == '\n' || s[i] == '\r' || s[i] == ',' || s[i] == ';') {
            one(s + start, i - start);
            start = i + 1;
        }
    }
    free(s);
    return 0;
}
