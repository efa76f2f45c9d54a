/* test_csvread.c — the CSV reader: encodings, BOM, line endings, quoting,
 * delimiter detection, physical line numbers and malformed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/text.h"
#include "ingest/csvread.h"

#define MAXREC 32
#define MAXF   16

/* Copies of the records the reader delivered. */
typedef struct {
    size_t n;
    size_t nfields[MAXREC];
    char *field[MAXREC][MAXF];
    size_t len[MAXREC][MAXF];
    unsigned long line[MAXREC];
    unsigned long index[MAXREC];
    int error[MAXREC];
    size_t stop_after; /* 0 = never stop */
} collected;

/* Record callback: copies the record; stops after stop_after records. */
static int collect(const ov_csv_record *rec, void *ctx)
{
    collected *c = ctx;
    assert_true(c->n < MAXREC);
    size_t r = c->n++;
    c->nfields[r] = rec->nfields;
    c->line[r] = rec->line;
    c->index[r] = rec->index;
    c->error[r] = rec->error;
    for (size_t i = 0; i < rec->nfields && i < MAXF; i++) {
        assert_int_equal(rec->field[i][rec->len[i]], '\0');
        c->field[r][i] = ov_xstrndup(rec->field[i], rec->len[i]);
        c->len[r][i] = rec->len[i];
    }
    return c->stop_after && c->n >= c->stop_after;
}

/* Frees the copied fields. */
static void collected_free(collected *c)
{
    for (size_t r = 0; r < c->n; r++)
        for (size_t i = 0; i < c->nfields[r] && i < MAXF; i++)
            free(c->field[r][i]);
    memset(c, 0, sizeof(*c));
}

/* Reads a string literal (length given so NULs and BOMs are kept). */
static enum ov_csv_error read_s(const char *s, size_t len, collected *c, ov_csv_info *info)
{
    memset(c, 0, sizeof(*c));
    return ov_csv_read_mem(s, len, collect, c, info);
}
#define READ(lit, c, info) read_s((lit), sizeof(lit) - 1, (c), (info))

/* Asserts record r has exactly the given fields. */
static void expect_fields(const collected *c, size_t r, size_t n, ...)
{
    assert_true(r < c->n);
    assert_int_equal(c->nfields[r], n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(c->field[r][i], va_arg(ap, const char *));
    va_end(ap);
}

static void test_simple_lf(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("id,name\n1,Ann\n2,Bob\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 0, 2, "id", "name");
    expect_fields(&c, 1, 2, "1", "Ann");
    expect_fields(&c, 2, 2, "2", "Bob");
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(c.line[r], r + 1);
        assert_int_equal(c.index[r], r);
        assert_int_equal(c.error[r], 0);
    }
    assert_int_equal(info.records, 3);
    assert_int_equal(info.lines, 3);
    assert_int_equal(info.delim, ',');
    assert_int_equal(info.size, 20);
    assert_false(info.had_bom);
    assert_false(info.transcoded);
    assert_int_equal(info.error_line, 0);
    char sha[65];
    ov_sha256_hex("id,name\n1,Ann\n2,Bob\n", 20, sha);
    assert_string_equal(info.sha256, sha);
    collected_free(&c);
}

static void test_no_final_newline(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\n1,2", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 2);
    expect_fields(&c, 1, 2, "1", "2");
    assert_int_equal(c.line[1], 2);
    assert_int_equal(info.lines, 2);
    collected_free(&c);
}

static void test_crlf(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\r\n1,2\r\n\r\n3,4\r\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 0, 2, "a", "b");
    expect_fields(&c, 1, 2, "1", "2");
    expect_fields(&c, 2, 2, "3", "4");
    assert_int_equal(c.line[2], 4);
    assert_int_equal(info.lines, 4);
    collected_free(&c);
}

static void test_cr_only(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\r1,2\r\r3,\"x\ry\"\r4,5\r", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 4);
    expect_fields(&c, 1, 2, "1", "2");
    expect_fields(&c, 2, 2, "3", "x\ry");
    expect_fields(&c, 3, 2, "4", "5");
    assert_int_equal(c.line[0], 1);
    assert_int_equal(c.line[1], 2);
    assert_int_equal(c.line[2], 4);
    assert_int_equal(c.line[3], 6);
    assert_int_equal(info.lines, 6);
    collected_free(&c);
}

static void test_mixed_line_endings(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("h\r\nA\rB\nC", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 4);
    expect_fields(&c, 3, 1, "C");
    assert_int_equal(c.line[1], 2);
    assert_int_equal(c.line[2], 3);
    assert_int_equal(c.line[3], 4);
    assert_int_equal(info.lines, 4);
    collected_free(&c);
}

static void test_blank_lines(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("\n\na,b\n\n\n1,2\n   \n\t\n3,4\n\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 0, 2, "a", "b");
    expect_fields(&c, 2, 2, "3", "4");
    assert_int_equal(c.line[0], 3);
    assert_int_equal(c.line[1], 6);
    assert_int_equal(c.line[2], 9);
    assert_int_equal(c.index[1], 1);
    assert_int_equal(info.lines, 10);
    collected_free(&c);
}

static void test_empty_fields_and_spaces(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,,c\n,,\n  x , y\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 0, 3, "a", "", "c");
    expect_fields(&c, 1, 3, "", "", "");
    expect_fields(&c, 2, 2, "  x ", " y");
    collected_free(&c);
}

static void test_quoted_fields(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    static const char data[] = "id,note\n"
                               "1,\"a, b\"\n"
                               "2,\"say \"\"hi\"\"\"\n"
                               "3,\"line1\nline2\r\nline3\"\n"
                               "4,\"\n\nblank lines\"\n"
                               "5,after\n";
    assert_int_equal(READ(data, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 6);
    expect_fields(&c, 1, 2, "1", "a, b");
    expect_fields(&c, 2, 2, "2", "say \"hi\"");
    expect_fields(&c, 3, 2, "3", "line1\nline2\r\nline3");
    expect_fields(&c, 4, 2, "4", "\n\nblank lines");
    expect_fields(&c, 5, 2, "5", "after");
    assert_int_equal(c.line[1], 2);
    assert_int_equal(c.line[2], 3);
    assert_int_equal(c.line[3], 4);
    assert_int_equal(c.line[4], 7);
    assert_int_equal(c.line[5], 10);
    assert_int_equal(info.lines, 10);
    assert_int_equal(info.error_line, 0);
    collected_free(&c);
}

static void test_quoted_first_field_multiline(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("h1,h2\n\"x\ny\",2\nz,3\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 1, 2, "x\ny", "2");
    assert_int_equal(c.line[1], 2);
    assert_int_equal(c.line[2], 4);
    collected_free(&c);
}

static void test_bom(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    static const char data[] = "\xEF\xBB\xBFstaff_id,team\nS1,A\n";
    assert_int_equal(READ(data, &c, &info), OV_CSV_OK);
    assert_true(info.had_bom);
    assert_false(info.transcoded);
    expect_fields(&c, 0, 2, "staff_id", "team");
    assert_int_equal(c.line[0], 1);
    assert_int_equal(info.size, sizeof(data) - 1);
    char sha[65];
    ov_sha256_hex(data, sizeof(data) - 1, sha);
    assert_string_equal(info.sha256, sha);
    collected_free(&c);
}

static void test_cp1252_transcoding(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("name,cost\nCaf\xE9 \x96 Ann,\xA3"
                          "5\n",
                          &c, &info),
                     OV_CSV_OK);
    assert_true(info.transcoded);
    assert_false(info.had_bom);
    expect_fields(&c, 1, 2, "Caf\xC3\xA9 \xE2\x80\x93 Ann",
                  "\xC2\xA3"
                  "5");
    collected_free(&c);

    /* valid UTF-8 is left alone */
    assert_int_equal(READ("name\nCaf\xC3\xA9\n", &c, &info), OV_CSV_OK);
    assert_false(info.transcoded);
    expect_fields(&c, 1, 1, "Caf\xC3\xA9");
    collected_free(&c);
}

static void test_cp1252_table(void **state)
{
    (void)state;
    size_t n = 0;
    char *s = ov_cp1252_to_utf8("\x80\x81\x8D\x8F\x90\x9D\x96\xA3\xE9\x41\x9F\xFF", 12, &n);
    static const char want[] = "\xE2\x82\xAC"                                     /* € */
                               "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" /* 81 8D 8F 90 */
                               "\xEF\xBF\xBD"                                     /* 9D */
                               "\xE2\x80\x93"                                     /* – */
                               "\xC2\xA3\xC3\xA9"                                 /* £ é */
                               "A"
                               "\xC5\xB8"  /* Ÿ */
                               "\xC3\xBF"; /* ÿ */
    assert_int_equal(n, sizeof(want) - 1);
    assert_memory_equal(s, want, n);
    assert_int_equal(s[n], '\0');
    assert_true(ov_utf8_valid(s, n));
    free(s);
    s = ov_cp1252_to_utf8("", 0, &n);
    assert_int_equal(n, 0);
    free(s);
}

/* A byte that is not UTF-8, or a character cut short, is found wherever it
 * lies in long ASCII text (the 64-, 32- and 8-byte fast paths and the tail), and a
 * well-formed character anywhere passes. */
static void test_utf8_check_every_position(void **state)
{
    (void)state;
    char buf[200];
    for (size_t len = 0; len <= sizeof(buf); len++)
        for (size_t at = 0; at < len; at++) {
            memset(buf, 'a', sizeof(buf));
            buf[at] = '\xFF';
            assert_false(ov_utf8_valid(buf, len));
            buf[at] = '\xC3'; /* a lead byte: valid only with its continuation */
            assert_int_equal(ov_utf8_valid(buf, len), 0);
            if (at + 1 < len) {
                buf[at + 1] = '\xA9'; /* é */
                assert_true(ov_utf8_valid(buf, len));
            }
        }
    memset(buf, 'a', sizeof(buf));
    assert_true(ov_utf8_valid(buf, sizeof(buf)));
}

static void test_bom_then_cp1252(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("\xEF\xBB\xBFname\n\xA3\n", &c, &info), OV_CSV_OK);
    assert_true(info.had_bom);
    assert_true(info.transcoded);
    expect_fields(&c, 0, 1, "name");
    expect_fields(&c, 1, 1, "\xC2\xA3");
    collected_free(&c);
}

static void test_detect_delim(void **state)
{
    (void)state;
    assert_int_equal(ov_csv_detect_delim("a,b,c\n", 6), ',');
    assert_int_equal(ov_csv_detect_delim("a;b;c\n1,5;2;3\n", 14), ';');
    assert_int_equal(ov_csv_detect_delim("a\tb\tc\n", 6), '\t');
    assert_int_equal(ov_csv_detect_delim("a|b|c", 5), '|');
    assert_int_equal(ov_csv_detect_delim("plain\n", 6), ',');
    assert_int_equal(ov_csv_detect_delim("", 0), ',');
    /* ties keep the comma; only the first line counts */
    assert_int_equal(ov_csv_detect_delim("a,b;c\nx;y;z;w\n", 14), ',');
    /* delimiters inside quotes do not count */
    static const char q[] = "\"a;b;c\",d,e\n";
    assert_int_equal(ov_csv_detect_delim(q, sizeof(q) - 1), ',');
    static const char q2[] = "\"x,y,z\";\"p,q\";r\n";
    assert_int_equal(ov_csv_detect_delim(q2, sizeof(q2) - 1), ';');
    /* leading blank lines are passed over */
    assert_int_equal(ov_csv_detect_delim("\r\n\na|b\n", 7), '|');
}

static void test_read_semicolon_tab_pipe(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("id;date\n1;\"06/10/2025; x\"\n2;1,5\n", &c, &info), OV_CSV_OK);
    assert_int_equal(info.delim, ';');
    expect_fields(&c, 1, 2, "1", "06/10/2025; x");
    expect_fields(&c, 2, 2, "2", "1,5");
    collected_free(&c);

    assert_int_equal(READ("id\tname\n1\t Ann Lee \n2\t\n", &c, &info), OV_CSV_OK);
    assert_int_equal(info.delim, '\t');
    expect_fields(&c, 1, 2, "1", " Ann Lee ");
    expect_fields(&c, 2, 2, "2", "");
    collected_free(&c);

    assert_int_equal(READ("id|name\r\n1|a,b\r\n", &c, &info), OV_CSV_OK);
    assert_int_equal(info.delim, '|');
    expect_fields(&c, 1, 2, "1", "a,b");
    collected_free(&c);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\n1,x\n2,\"open\n3,y\n4,z\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.error[1], 0);
    assert_int_equal(c.error[2], OV_CSV_EQUOTE);
    assert_int_equal(c.line[2], 3);
    assert_true(c.nfields[2] >= 1);
    assert_string_equal(c.field[2][0], "2");
    assert_int_equal(info.error_line, 3);
    assert_int_equal(info.records, 3);
    assert_int_equal(info.lines, 5);
    collected_free(&c);
}

static void test_stray_quote_resumes(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\n1,ab\"c\n2,ok\n3,\"x\"y\n4,fine\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 5);
    assert_int_equal(c.error[1], OV_CSV_EPARSE);
    assert_int_equal(c.line[1], 2);
    assert_true(c.nfields[1] >= 1);
    assert_string_equal(c.field[1][0], "1");
    assert_int_equal(c.error[2], 0);
    expect_fields(&c, 2, 2, "2", "ok");
    assert_int_equal(c.line[2], 3);
    assert_int_equal(c.error[3], OV_CSV_EPARSE);
    assert_int_equal(c.line[3], 4);
    assert_int_equal(c.error[4], 0);
    expect_fields(&c, 4, 2, "4", "fine");
    assert_int_equal(c.line[4], 5);
    assert_int_equal(c.index[4], 4);
    assert_int_equal(info.error_line, 2);
    collected_free(&c);
}

static void test_stray_quote_after_multiline(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("h\n\"a\nb\"x,c\nd\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.error[1], OV_CSV_EPARSE);
    assert_int_equal(c.line[1], 2);
    assert_int_equal(c.error[2], 0);
    expect_fields(&c, 2, 1, "d");
    assert_int_equal(c.line[2], 4);
    collected_free(&c);
}

static void test_ragged_records(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b,c\n1,2\n1,2,3,4\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 1, 2, "1", "2");
    expect_fields(&c, 2, 4, "1", "2", "3", "4");
    assert_int_equal(c.error[1], 0);
    assert_int_equal(c.error[2], 0);
    collected_free(&c);
}

static void test_empty_inputs(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(read_s("", 0, &c, &info), OV_CSV_EEMPTY);
    assert_int_equal(c.n, 0);
    assert_int_equal(info.size, 0);
    assert_string_equal(info.sha256,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_int_equal(READ("\xEF\xBB\xBF", &c, &info), OV_CSV_EEMPTY);
    assert_true(info.had_bom);
    assert_int_equal(READ("\xEF\xBB\xBF\r\n\n  \r\n", &c, &info), OV_CSV_EEMPTY);
    assert_int_equal(c.n, 0);
    assert_int_equal(info.lines, 3);
    assert_int_equal(read_s(NULL, 0, &c, NULL), OV_CSV_EEMPTY);
}

static void test_embedded_nul(void **state)
{
    (void)state;
    collected c;
    ov_csv_info info;
    assert_int_equal(READ("a,b\nx\0y,z\n", &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.len[1][0], 3);
    assert_memory_equal(c.field[1][0], "x\0y", 3);
    collected_free(&c);
}

static void test_stop(void **state)
{
    (void)state;
    collected c;
    memset(&c, 0, sizeof c);
    c.stop_after = 2;
    ov_csv_info info;
    static const char data[] = "a\n1\n2\n3\n";
    assert_int_equal(ov_csv_read_mem(data, sizeof(data) - 1, collect, &c, &info), OV_CSV_ESTOPPED);
    assert_int_equal(c.n, 2);
    assert_int_equal(info.records, 2);
    collected_free(&c);

    memset(&c, 0, sizeof c);
    c.stop_after = 2; /* the last record, delivered at the end of input */
    assert_int_equal(ov_csv_read_mem("a\n1", 3, collect, &c, &info), OV_CSV_ESTOPPED);
    assert_int_equal(c.n, 2);
    collected_free(&c);
}

static void test_large_field(void **state)
{
    (void)state;
    size_t big = 3u << 20;
    char *data = ov_xmalloc(big + 16);
    memcpy(data, "h\n\"", 3);
    memset(data + 3, 'x', big);
    memcpy(data + 3 + big, "\"\nz\n", 4);
    collected c;
    ov_csv_info info;
    assert_int_equal(read_s(data, big + 7, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.len[1][0], big);
    assert_int_equal(c.line[2], 3);
    collected_free(&c);
    free(data);
}

static void test_limits(void **state)
{
    (void)state;
    /* more fields than any real record: flagged as such, reading goes on */
    size_t nf = 100001;
    size_t len = 2 + nf + 4;
    char *data = ov_xmalloc(len);
    memcpy(data, "h\n", 2);
    memset(data + 2, ',', nf);
    memcpy(data + 2 + nf, "\nz\n", 3);
    collected c;
    ov_csv_info info;
    assert_int_equal(read_s(data, len - 1, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.error[1], OV_CSV_EFIELDS);
    assert_int_equal(c.nfields[1], 100000);
    assert_int_equal(c.error[2], 0);
    expect_fields(&c, 2, 1, "z");
    assert_int_equal(info.error_line, 2);
    collected_free(&c);
    free(data);

    /* a field beyond the size limit: its record is flagged, the rest is read */
    size_t big = (64u << 20) + 10;
    data = ov_xmalloc(big + 16);
    memcpy(data, "h\n\"", 3);
    memset(data + 3, 'x', big);
    memcpy(data + 3 + big, "\"\ny\n", 4);
    assert_int_equal(read_s(data, big + 7, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.error[1], OV_CSV_EFIELDSIZE);
    assert_int_equal(info.error_line, 2);
    assert_int_equal(c.error[2], 0);
    expect_fields(&c, 2, 1, "y");
    assert_int_equal(c.line[2], 3);
    collected_free(&c);
    free(data);
}

/* UTF-16 with its byte-order mark, either way round, is read as UTF-8; pairs
 * make characters beyond the BMP; an unpaired surrogate and an odd last byte
 * become U+FFFD; NUL bytes stay in their fields. */
static void test_utf16(void **state)
{
    (void)state;
    static const char le[] = "\xFF\xFE"
                             "i\0d\0,\0v\0\r\0\n\0"
                             "1\0,\0\xE9\0\xAC\x20\r\0\n\0"
                             "2\0,\0\x3D\xD8\x00\xDE\r\0\n\0"
                             "3\0,\0\x00\xD8x\0\r\0\n\0"
                             "4\0,\0a\0\0\0b\0";
    collected c;
    ov_csv_info info;
    assert_int_equal(read_s(le, sizeof le - 1, &c, &info), OV_CSV_OK);
    assert_int_equal(info.transcoded, OV_CSV_UTF16LE);
    assert_true(info.had_bom);
    assert_int_equal(c.n, 5);
    expect_fields(&c, 0, 2, "id", "v");
    expect_fields(&c, 1, 2, "1", "\xC3\xA9\xE2\x82\xAC");
    expect_fields(&c, 2, 2, "2", "\xF0\x9F\x98\x80");
    expect_fields(&c, 3, 2, "3", "\xEF\xBF\xBDx");
    assert_int_equal(c.len[4][1], 3);
    assert_memory_equal(c.field[4][1], "a\0b", 3);
    assert_int_equal(c.line[4], 5);
    collected_free(&c);

    static const char be[] = "\xFE\xFF\0i\0d\0\n\0x\0\n\x01";
    assert_int_equal(read_s(be, sizeof be - 1, &c, &info), OV_CSV_OK);
    assert_int_equal(info.transcoded, OV_CSV_UTF16BE);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 0, 1, "id");
    expect_fields(&c, 1, 1, "x");
    expect_fields(&c, 2, 1, "\xEF\xBF\xBD");
    collected_free(&c);

    /* a byte-order mark alone is empty */
    assert_int_equal(read_s("\xFF\xFE", 2, &c, &info), OV_CSV_EEMPTY);
    collected_free(&c);
}

static void test_read_file(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char *path = ov_xasprintf("%s/oversight-csvread-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char data[] = "\xEF\xBB\xBFid;v\r\n1;\"a\r\nb\"\r\n2;c\r\n";
    assert_int_equal(write(fd, data, sizeof(data) - 1), (ssize_t)(sizeof(data) - 1));
    close(fd);

    collected c;
    memset(&c, 0, sizeof c);
    ov_csv_info info;
    assert_int_equal(ov_csv_read_file(path, collect, &c, &info), OV_CSV_OK);
    assert_int_equal(info.delim, ';');
    assert_true(info.had_bom);
    assert_int_equal(info.size, sizeof(data) - 1);
    char sha[65];
    uint64_t size = 0;
    assert_int_equal(ov_sha256_file(path, sha, &size), 0);
    assert_string_equal(info.sha256, sha);
    assert_int_equal(c.n, 3);
    expect_fields(&c, 1, 2, "1", "a\r\nb");
    assert_int_equal(c.line[2], 4);
    collected_free(&c);
    unlink(path);

    assert_int_equal(ov_csv_read_file(path, collect, &c, &info), OV_CSV_EOPEN);
    /* only regular files are read: a device, a FIFO (without blocking) and a
     * folder are refused before a byte is read */
    assert_int_equal(ov_csv_read_file("/dev/zero", collect, &c, &info), OV_CSV_EOPEN);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(ov_csv_read_file(path, collect, &c, &info), OV_CSV_EOPEN);
    unlink(path);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(ov_csv_read_file(path, collect, &c, &info), OV_CSV_EOPEN);
    rmdir(path);
    assert_int_equal(c.n, 0);
    free(path);
}

static void test_read_head(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char *path = ov_xasprintf("%s/oversight-csvhead-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char data[] = "\xEF\xBB\xBFStaff ID,Team\r\nS1,Alpha\r\nS2,Beta\r\n";
    assert_int_equal(write(fd, data, sizeof(data) - 1), (ssize_t)(sizeof(data) - 1));
    close(fd);

    /* a prefix that ends inside the second row is cut after the header line */
    collected c;
    memset(&c, 0, sizeof c);
    ov_csv_info info;
    assert_int_equal(ov_csv_read_head(path, 20, collect, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 1);
    expect_fields(&c, 0, 2, "Staff ID", "Team");
    assert_int_equal(info.size, 3 + 15);
    collected_free(&c);

    /* the callback stops after the header; a large max reads the whole file */
    memset(&c, 0, sizeof c);
    c.stop_after = 1;
    assert_int_equal(ov_csv_read_head(path, 65536, collect, &c, &info), OV_CSV_ESTOPPED);
    assert_int_equal(c.n, 1);
    assert_int_equal(info.size, sizeof(data) - 1);
    collected_free(&c);

    /* the digest is of the bytes read, for a caller who asks for it */
    char want[65];
    ov_sha256_hex(data, sizeof(data) - 1, want);
    assert_string_equal(info.sha256, want);
    memset(&c, 0, sizeof c);
    assert_int_equal(ov_csv_read_head(path, 65536, collect, &c, NULL), OV_CSV_OK);
    assert_int_equal(c.n, 3);
    collected_free(&c);

    /* a prefix without a line break is parsed as it is */
    memset(&c, 0, sizeof c);
    assert_int_equal(ov_csv_read_head(path, 8, collect, &c, &info), OV_CSV_OK);
    assert_int_equal(c.n, 1);
    expect_fields(&c, 0, 1, "Staff");
    collected_free(&c);
    unlink(path);

    /* missing files and what is not a regular file cannot be looked at */
    assert_int_equal(ov_csv_read_head(path, 64, collect, &c, &info), OV_CSV_EOPEN);
    assert_int_equal(ov_csv_read_head("/dev/null", 64, collect, &c, &info), OV_CSV_EOPEN);
    assert_int_equal(ov_csv_read_head(".", 64, collect, &c, &info), OV_CSV_EOPEN);
    assert_int_equal(c.n, 0);
    free(path);
}

/* Record callback: 1 when every record so far said it holds no NUL byte. */
static int nul_free_all(const ov_csv_record *rec, void *ctx)
{
    int *all = ctx;
    *all = *all && rec->nul_free;
    return 0;
}

/* Reads in[0..n) both ways (the plain split where it can, and libcsv for
 * every line) and requires the same records, lines and digest. */
static void same_both_ways(const char *in, size_t n)
{
    collected a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ov_csv_info ia, ib;
    assert_int_equal(ov_csv_read_mem_split(in, n, OV_CSV_SPLIT_AUTO, collect, &a, &ia),
                     ov_csv_read_mem_split(in, n, OV_CSV_SPLIT_LIBCSV, collect, &b, &ib));
    assert_int_equal(a.n, b.n);
    for (size_t r = 0; r < a.n; r++) {
        assert_int_equal(a.line[r], b.line[r]);
        assert_int_equal(a.index[r], b.index[r]);
        assert_int_equal(a.error[r], b.error[r]);
        assert_int_equal(a.nfields[r], b.nfields[r]);
        for (size_t f = 0; f < a.nfields[r] && f < MAXF; f++) {
            assert_int_equal(a.len[r][f], b.len[r][f]);
            assert_memory_equal(a.field[r][f], b.field[r][f], a.len[r][f]);
        }
    }
    assert_int_equal(ia.lines, ib.lines);
    assert_string_equal(ia.sha256, ib.sha256);
    collected_free(&a);
    collected_free(&b);
}

/* The plain split (lines without a quote) and libcsv read the same records;
 * a plain record says whether it holds a NUL byte. */
static void test_plain_split(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "a,b,c\n1,2,3\n,,\n  x , y ,z\r\n\n \t\n4,5\r6,7",
        "a;b\n\"q;1\";2\nplain;\"open\nline\";3\n4;5\n",
        "a|b\nlong field with many bytes|another long field with bytes\n",
        "id,x\n1,\"stray\"q\n2,ok\n",
    };
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++)
        same_both_ways(inputs[k], strlen(inputs[k]));
    /* lines of every length to 40 (the split takes 16 bytes at a time) with
     * a delimiter, quote, line end, NUL or space at every place, and a line
     * after them */
    static const char special[] = {',', '"', '\r', '\n', '\0', ' ', '\t'};
    char buf[128];
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof special; k++)
                for (int tail = 0; tail < 3; tail++) {
                    size_t n = 0;
                    memcpy(buf, "h1,h2\n", 6);
                    n = 6;
                    for (size_t i = 0; i < len; i++) {
                        char c = (char)('a' + i % 26);
                        if (i % 5 == 4)
                            c = ',';
                        buf[n++] = i == at ? special[k] : c;
                    }
                    if (tail == 1)
                        buf[n++] = '\n';
                    if (tail == 2) {
                        memcpy(buf + n, "\r\nz,9\n", 7);
                        n += 7;
                    }
                    same_both_ways(buf, n);
                }
    int all = 1;
    ov_csv_read_mem("a,b\n1,2\n", 8, nul_free_all, &all, NULL);
    assert_true(all);
    all = 1;
    ov_csv_read_mem("a,b\n1,\0\n", 8, nul_free_all, &all, NULL);
    assert_false(all);
}

static void test_shared_fixture(void **state)
{
    (void)state;
    collected c;
    memset(&c, 0, sizeof c);
    c.stop_after = 0;
    ov_csv_info info;
    enum ov_csv_error e =
        ov_csv_read_file("tests/fixtures/tiny/data/agencies.csv", NULL, NULL, &info);
    if (e == OV_CSV_EOPEN)
        skip();
    assert_int_equal(e, OV_CSV_OK);
    assert_true(info.records >= 2);
    assert_int_equal(strlen(info.sha256), 64);
}

static void test_strerror(void **state)
{
    (void)state;
    for (int e = OV_CSV_OK; e <= OV_CSV_EFIELDSIZE; e++) {
        const char *s = ov_csv_strerror((enum ov_csv_error)e);
        assert_non_null(s);
        assert_true(strlen(s) > 0);
    }
    assert_string_not_equal(ov_csv_strerror(OV_CSV_EQUOTE), ov_csv_strerror(OV_CSV_EPARSE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_lf),
        cmocka_unit_test(test_utf8_check_every_position),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_cr_only),
        cmocka_unit_test(test_mixed_line_endings),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_empty_fields_and_spaces),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_quoted_first_field_multiline),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_cp1252_transcoding),
        cmocka_unit_test(test_cp1252_table),
        cmocka_unit_test(test_bom_then_cp1252),
        cmocka_unit_test(test_detect_delim),
        cmocka_unit_test(test_read_semicolon_tab_pipe),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote_resumes),
        cmocka_unit_test(test_stray_quote_after_multiline),
        cmocka_unit_test(test_ragged_records),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_embedded_nul),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_large_field),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_read_head),
        cmocka_unit_test(test_plain_split),
        cmocka_unit_test(test_shared_fixture),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
