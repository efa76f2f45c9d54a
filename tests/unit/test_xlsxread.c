/* test_xlsxread.c — the workbook reader: every kind of cell, records padded to
 * the header's width, row numbers as lines, sheet names matched like headers,
 * and the refusals (1904 dates, rows out of order, two cells in one place). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "core/hash.h"
#include "core/mem.h"
#include "ingest/source.h"
#include "ingest/xlsxread.h"

#define MAXREC 16
#define MAXF   12

#define NS  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RNS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PNS "http://schemas.openxmlformats.org/package/2006/relationships"

/* Copies of the records the reader delivered. */
typedef struct {
    size_t n;
    size_t nfields[MAXREC];
    char *field[MAXREC][MAXF];
    unsigned long line[MAXREC];
    unsigned long index[MAXREC];
    size_t stop_after;
} collected;

/* Record callback: copies the record; stops after stop_after records. */
static int collect(const ov_record *rec, void *ctx)
{
    collected *c = ctx;
    assert_true(c->n < MAXREC);
    size_t r = c->n++;
    c->nfields[r] = rec->nfields;
    c->line[r] = rec->line;
    c->index[r] = rec->index;
    assert_int_equal(rec->error, 0);
    for (size_t i = 0; i < rec->nfields && i < MAXF; i++) {
        assert_int_equal(rec->field[i][rec->len[i]], '\0');
        assert_int_equal(strlen(rec->field[i]), rec->len[i]);
        c->field[r][i] = ov_xstrndup(rec->field[i], rec->len[i]);
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

/* Writes a workbook file of the given parts (NULL-terminated name, text
 * pairs); returns its malloc'd path. */
static char *write_parts(const char *const *parts)
{
    char *path = ov_xstrdup("/tmp/ov-test-xlsx-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int ze = 0;
    zip_t *za = zip_open(path, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_non_null(s);
        assert_true(zip_file_add(za, parts[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    return path;
}

/* The usual package parts around sheets (names and XML, up to three). */
static char *write_book(const char *wbpr, const char *name1, const char *sheet1, const char *name2,
                        const char *sheet2, const char *sst)
{
    char book[1024], rels[1024];
    snprintf(book, sizeof book,
             "<workbook xmlns=\"" NS "\" xmlns:r=\"" RNS "\">%s<sheets>"
             "<sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/>%s%s%s</sheets></workbook>",
             wbpr ? wbpr : "", name1, name2 ? "<sheet name=\"" : "", name2 ? name2 : "",
             name2 ? "\" sheetId=\"2\" r:id=\"rId2\"/>" : "");
    snprintf(rels, sizeof rels,
             "<Relationships xmlns=\"" PNS "\">"
             "<Relationship Id=\"rId1\" Type=\"" RNS "/worksheet\" "
             "Target=\"/xl/worksheets/sheet1.xml\"/>"
             "<Relationship Id=\"rId2\" Type=\"" RNS "/worksheet\" "
             "Target=\"worksheets/../worksheets/./sheet2.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"" RNS "/sharedStrings\" "
             "Target=\"sharedStrings.xml\"/></Relationships>");
    const char *parts[] = {
        "_rels/.rels",
        "<Relationships xmlns=\"" PNS "\"><Relationship Id=\"rId1\" Type=\"" RNS
        "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "xl/workbook.xml",
        book,
        "xl/_rels/workbook.xml.rels",
        rels,
        "xl/worksheets/sheet1.xml",
        sheet1,
        "xl/worksheets/sheet2.xml",
        sheet2 ? sheet2 : "<worksheet xmlns=\"" NS "\"><sheetData/></worksheet>",
        "xl/sharedStrings.xml",
        sst ? sst : "<sst xmlns=\"" NS "\"/>",
        NULL,
    };
    return write_parts(parts);
}

#define SHEET(rows) "<worksheet xmlns=\"" NS "\"><sheetData>" rows "</sheetData></worksheet>"

/* Reads sheet i of the workbook at path into c; returns the reader's result. */
static enum ov_xlsx_error read_path(const char *path, size_t i, collected *c, char *err,
                                    size_t errlen)
{
    enum ov_xlsx_error e;
    ov_xlsx *b = ov_xlsx_open(path, &e, err, errlen);
    if (!b)
        return e;
    unsigned long n = 0;
    e = ov_xlsx_read_sheet(b, i, collect, c, &n, err, errlen);
    assert_int_equal(n, c->n);
    ov_xlsx_close(b);
    return e;
}

/* Every kind of cell, gaps, blank rows and row numbers. */
static void test_cells(void **state)
{
    (void)state;
    const char *sst = "<sst xmlns=\"" NS "\"><si><t>staff_id</t></si><si><t>date</t></si>"
                      "<si><r><t>ty</t></r><r><t>pe</t></r><rPh><t>x</t></rPh></si>"
                      "<si><t xml:space=\"preserve\"> S 1 </t></si><si><t></t></si></sst>";
    char *path = write_book(
        NULL, "Sessions",
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
              "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>ok</t></is>"
              "</c></row>"
              "<row r=\"2\" spans=\"1:4\"/>"
              "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\"><v>46053</v></c>"
              "<c r=\"C3\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
              "<c r=\"D3\" t=\"b\"><v>1</v></c></row>"
              "<row r=\"7\"><c r=\"B7\" t=\"d\"><v>2026-01-31T00:00:00</v></c>"
              "<c r=\"C7\" t=\"e\"><v>#N/A</v></c><c r=\"D7\" t=\"b\"><v>0</v></c></row>"
              "<row><c r=\"A8\" t=\"s\"><v>4</v></c><c t=\"inlineStr\"><is><r><t>x</t></r>"
              "<r><t>y</t></r></is></c><c s=\"3\"/></row>"
              "<row r=\"9\"><c r=\"A9\" s=\"1\"/><c r=\"B9\" t=\"s\"><v>4</v></c></row>"),
        NULL, NULL, sst);
    collected c = {0};
    char err[256] = "";
    assert_int_equal(read_path(path, 0, &c, err, sizeof err), OV_XLSX_OK);
    assert_int_equal(c.n, 4); /* rows 2 and 9 hold nothing */
    assert_int_equal(c.nfields[0], 4);
    assert_string_equal(c.field[0][2], "type"); /* the phonetic run is not text */
    assert_int_equal(c.line[0], 1);
    assert_int_equal(c.index[0], 0);
    assert_int_equal(c.line[1], 3);
    assert_string_equal(c.field[1][0], " S 1 ");
    assert_string_equal(c.field[1][1], "46053");
    assert_string_equal(c.field[1][2], "ab"); /* a formula's cached value */
    assert_string_equal(c.field[1][3], "TRUE");
    assert_int_equal(c.line[2], 7);
    assert_int_equal(c.index[2], 2);
    assert_int_equal(c.nfields[2], 4); /* padded: column A is blank */
    assert_string_equal(c.field[2][0], "");
    assert_string_equal(c.field[2][1], "2026-01-31 00:00:00");
    assert_string_equal(c.field[2][2], "#N/A");
    assert_string_equal(c.field[2][3], "FALSE");
    assert_int_equal(c.line[3], 8); /* a row without a number follows the last */
    assert_string_equal(c.field[3][0], "");
    assert_string_equal(c.field[3][1], "xy");
    collected_free(&c);
    unlink(path);
    free(path);
}

/* A value past the header widens the record; a blank cell there does not. */
static void test_width(void **state)
{
    (void)state;
    char *path = write_book(
        NULL, "staff",
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
              "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
              "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>  </t>"
              "</is></c></row>"
              "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"D3\"><v>5</v></c></row>"),
        NULL, NULL, NULL);
    collected c = {0};
    char err[256] = "";
    assert_int_equal(read_path(path, 0, &c, err, sizeof err), OV_XLSX_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.nfields[1], 2);
    assert_int_equal(c.nfields[2], 4);
    assert_string_equal(c.field[2][3], "5");
    collected_free(&c);
    unlink(path);
    free(path);
}

/* Sheets are listed in order, found like headers; a second match is counted. */
static void test_sheets(void **state)
{
    (void)state;
    char *path =
        write_book(NULL, "Group Sessions", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
                   "group-sessions", SHEET("<row r=\"4\"><c r=\"A4\"><v>2</v></c></row>"), NULL);
    enum ov_xlsx_error e;
    char err[256] = "";
    ov_xlsx *b = ov_xlsx_open(path, &e, err, sizeof err);
    assert_non_null(b);
    assert_int_equal(ov_xlsx_sheet_count(b), 2);
    assert_string_equal(ov_xlsx_sheet_name(b, 1), "group-sessions");
    int matches = 0;
    assert_int_equal(ov_source_find_sheet(b, "group_sessions", &matches), 0);
    assert_int_equal(matches, 2);
    assert_int_equal(ov_source_find_sheet(b, "staff", &matches), -1);
    assert_int_equal(matches, 0);
    collected c = {0};
    assert_int_equal(ov_xlsx_read_sheet(b, 1, collect, &c, NULL, err, sizeof err), OV_XLSX_OK);
    assert_int_equal(c.line[0], 4); /* the second sheet, through a relative target */
    char sha[65];
    uint64_t size = 0;
    assert_int_equal(ov_sha256_file(path, sha, &size), 0);
    assert_string_equal(ov_xlsx_sha256(b), sha);
    assert_int_equal(ov_xlsx_size(b), size);
    collected_free(&c);
    ov_xlsx_close(b);
    unlink(path);
    free(path);
}

/* A record source over a workbook: the sheet named after the dataset, else
 * the first; reading can stop after the header. */
static void test_source(void **state)
{
    (void)state;
    char *path =
        write_book(NULL, "Notes", SHEET("<row r=\"1\"><c r=\"A1\"><v>9</v></c></row>"), "Sessions",
                   SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                         "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"),
                   NULL);
    ov_source src = {.kind = OV_SOURCE_WORKBOOK, .path = path, .dataset = "sessions"};
    ov_source_info info;
    collected c = {0};
    assert_int_equal(ov_source_read(&src, collect, &c, &info), OV_SOURCE_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.field[0][0], "1");
    assert_int_equal(info.first_sheet, 0);
    assert_int_equal(info.records, 2);
    collected_free(&c);
    src.dataset = "staff"; /* no sheet named staff: the first of two, said */
    assert_int_equal(ov_source_read(&src, collect, &c, &info), OV_SOURCE_OK);
    assert_string_equal(c.field[0][0], "9");
    assert_int_equal(info.first_sheet, 1);
    assert_int_equal(info.sheets, 2);
    collected_free(&c);
    c.stop_after = 1;
    src.dataset = "sessions";
    assert_int_equal(ov_source_read_head(&src, 1024, collect, &c), OV_SOURCE_ESTOPPED);
    assert_int_equal(c.n, 1);
    collected_free(&c);
    unlink(path);
    free(path);
}

/* Sources over open files, as ingest hands them (from ov_input_open): a
 * workbook and a CSV file, each looked at for its header first and then read
 * whole from the same descriptor. */
static void test_source_fd(void **state)
{
    (void)state;
    char *path = write_book(NULL, "sessions",
                            SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                                  "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"),
                            NULL, NULL, NULL);
    char csv[] = "/tmp/ov-test-source-XXXXXX";
    int cfd = mkstemp(csv);
    assert_true(cfd >= 0);
    assert_int_equal(write(cfd, "a,b\n1,2\n3,4\n", 12), 12);
    struct {
        enum ov_source_kind kind;
        const char *file;
        unsigned long records;
    } cases[] = {{OV_SOURCE_WORKBOOK, path, 2}, {OV_SOURCE_CSV, csv, 3}};
    for (size_t k = 0; k < 2; k++) {
        int fd = open(cases[k].file, O_RDONLY | O_CLOEXEC);
        assert_true(fd >= 0);
        struct stat st;
        assert_int_equal(fstat(fd, &st), 0);
        ov_source src = {
            .kind = cases[k].kind, .fd = fd, .size = (uint64_t)st.st_size, .dataset = "sessions"};
        collected c = {0};
        c.stop_after = 1;
        assert_int_equal(ov_source_read_head(&src, 1024, collect, &c), OV_SOURCE_ESTOPPED);
        assert_int_equal(c.n, 1);
        collected_free(&c);
        ov_source_info info;
        assert_int_equal(ov_source_read(&src, collect, &c, &info), OV_SOURCE_OK);
        assert_int_equal(c.n, cases[k].records);
        assert_int_equal(info.records, cases[k].records);
        assert_int_equal(info.size, (uint64_t)st.st_size);
        collected_free(&c);
        /* and again: a source reads its file from the start every time */
        assert_int_equal(ov_source_read_head(&src, 1024, collect, &c), OV_SOURCE_OK);
        assert_int_equal(c.n, cases[k].records);
        collected_free(&c);
        close(fd);
    }
    close(cfd);
    unlink(csv);
    unlink(path);
    free(path);
}

/* Refusals, each with a reason; a broken sheet hands nothing on through a source. */
static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *wbpr, *sheet, *words;
    } cases[] = {
        {"<workbookPr date1904=\"1\"/>", SHEET(""), "1904 date system"},
        {NULL,
         SHEET("<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v>"
               "</c></row>"),
         "out of order"},
        {NULL, SHEET("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"),
         "two cells for one place"},
        {NULL, SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"), "beyond Excel's grid"},
        {NULL, SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\">"),
         "not well-formed"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *path = write_book(cases[k].wbpr, "sessions", cases[k].sheet, NULL, NULL, NULL);
        ov_source src = {.kind = OV_SOURCE_WORKBOOK, .path = path, .dataset = "sessions"};
        ov_source_info info;
        collected c = {0};
        assert_int_equal(ov_source_read(&src, collect, &c, &info), OV_SOURCE_EBROKEN);
        if (!strstr(info.reason, cases[k].words))
            fail_msg("case %zu: '%s' lacks '%s'", k, info.reason, cases[k].words);
        assert_int_equal(c.n, 0);
        assert_int_equal(strlen(info.sha256), 64);
        unlink(path);
        free(path);
    }
}

/* An empty sheet, and bytes that are no workbook. */
static void test_empty_and_garbage(void **state)
{
    (void)state;
    char *path = write_book(NULL, "sessions", SHEET("<row r=\"1\"/>"), NULL, NULL, NULL);
    collected c = {0};
    char err[256] = "";
    assert_int_equal(read_path(path, 0, &c, err, sizeof err), OV_XLSX_EEMPTY);
    unlink(path);
    free(path);
    enum ov_xlsx_error e;
    assert_null(ov_xlsx_open_mem("hello", 5, &e, err, sizeof err));
    assert_int_equal(e, OV_XLSX_EBROKEN);
    assert_non_null(strstr(err, "not a zip archive"));
    assert_null(ov_xlsx_open_mem("", 0, &e, err, sizeof err));
    assert_null(ov_xlsx_open("/nonexistent/x.xlsx", &e, err, sizeof err));
    assert_int_equal(e, OV_XLSX_EOPEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_sheets),
        cmocka_unit_test(test_source),
        cmocka_unit_test(test_source_fd),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_empty_and_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
