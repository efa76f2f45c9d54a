/* fuzz_csv.c — libFuzzer harness for the CSV reader: every record's fields are
 * run through every field parser, and the reader's promises are checked
 * (NUL-terminated valid UTF-8 fields, rising line numbers, dense indexes). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"

/* Aborts (a crash for the fuzzer) when a promise is broken. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

static const ov_code_table *const tables[] = {
    &ov_codes_agency_type, &ov_codes_schedule, &ov_codes_session_type,  &ov_codes_session_status,
    &ov_codes_function,    &ov_codes_category, &ov_codes_action_status, &ov_codes_comment_section,
};

typedef struct {
    unsigned long count;
    unsigned long last_line;
} state;

/* Runs one field through every parser and checks their results. */
static void parse_field(const char *s, size_t len)
{
    ov_date d;
    if (ov_parse_date(s, len, &d) == OV_PARSE_OK)
        CHECK(d >= ov_date_from_ymd(1990, 1, 1) && d <= ov_date_from_ymd(2100, 12, 31));
    int yn;
    if (ov_parse_yesno(s, len, &yn) == OV_PARSE_OK)
        CHECK(yn == 0 || yn == 1);
    int32_t v;
    (void)ov_parse_int(s, len, &v);
    size_t tl;
    const char *t = ov_trim(s, len, &tl);
    CHECK(t >= s && t + tl <= s + len);
    char small[8], big[256];
    size_t n1 = ov_normalise(s, len, small, sizeof small);
    size_t n2 = ov_normalise(s, len, big, sizeof big);
    CHECK(n1 == n2 && n1 <= len);
    CHECK(strlen(small) <= sizeof small - 1);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        int k = ov_code_lookup(tables[i], s, len);
        CHECK(k >= -2 && k < (int)tables[i]->count);
    }
    uint8_t mask;
    int unknown;
    enum ov_parse_result r = ov_parse_functions(s, len, &mask, &unknown);
    CHECK((mask & ~OV_FN_ALL) == 0 && unknown >= 0);
    CHECK(r != OV_PARSE_OK || mask != 0);
}

/* Record callback: checks the record and parses its fields. */
static int on_record(const ov_csv_record *rec, void *ctx)
{
    state *st = ctx;
    CHECK(rec->index == st->count);
    CHECK(rec->line > st->last_line);
    CHECK(rec->error == 0 || rec->error == OV_CSV_EQUOTE || rec->error == OV_CSV_EPARSE ||
          rec->error == OV_CSV_EFIELDS || rec->error == OV_CSV_EFIELDSIZE);
    CHECK(rec->nfields <= OV_CSV_MAX_FIELDS);
    CHECK(rec->error != 0 || rec->nfields > 0);
    st->count++;
    st->last_line = rec->line;
    for (size_t i = 0; i < rec->nfields; i++) {
        CHECK(rec->field[i][rec->len[i]] == '\0');
        CHECK(ov_utf8_valid(rec->field[i], rec->len[i]));
        parse_field(rec->field[i], rec->len[i]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer entry point: one input per call; never fails, crashes on a broken promise. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    state st = {0, 0};
    ov_csv_info info;
    enum ov_csv_error e = ov_csv_read_mem(s, size, on_record, &st, &info);
    CHECK(e == OV_CSV_OK || e == OV_CSV_EEMPTY);
    CHECK(info.records == st.count);
    CHECK(info.size == size);
    CHECK(st.last_line <= info.lines);
    CHECK(e != OV_CSV_EEMPTY || st.count == 0);
    CHECK(info.delim == ',' || info.delim == ';' || info.delim == '\t' || info.delim == '|');
    CHECK(ov_csv_detect_delim(s, size) != 0);

    size_t n;
    char *u = ov_cp1252_to_utf8(s, size, &n);
    CHECK(n >= size && n <= 3 * size && ov_utf8_valid(u, n));
    free(u);
    return 0;
}
