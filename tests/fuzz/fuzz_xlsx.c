/* fuzz_xlsx.c — libFuzzer harness for the workbook reader. An input whose
 * first byte is odd is a worksheet's XML: it is packed (stored, with good
 * checksums) into a fixed workbook with shared strings, so mutations reach the
 * XML rather than die at the zip's checksums; any other input is a whole
 * workbook file. The workbook is opened and every sheet is read, checked through and then as
 * records whose fields go through the field parsers; the reader's promises are checked (a reason
 * for every refusal, NUL-terminated valid UTF-8 fields, rising row numbers within Excel's grid,
 * dense indexes, records at least as wide as the header). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "ingest/parse.h"
#include "ingest/xlsxread.h"

#include <zip.h>

/* Aborts (a crash for the fuzzer) when a promise is broken. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

typedef struct {
    unsigned long count;
    unsigned long last_line;
    size_t width;
} state;

/* Record callback: checks the record and parses its fields. */
static int on_record(const ov_record *rec, void *ctx)
{
    state *st = ctx;
    CHECK(rec->index == st->count);
    CHECK(rec->line > st->last_line && rec->line <= OV_XLSX_MAX_ROW);
    CHECK(rec->error == 0 && rec->nfields > 0 && rec->nfields <= OV_XLSX_MAX_COL);
    if (st->count == 0)
        st->width = rec->nfields;
    CHECK(rec->nfields >= st->width);
    st->count++;
    st->last_line = rec->line;
    for (size_t i = 0; i < rec->nfields; i++) {
        CHECK(rec->field[i][rec->len[i]] == '\0');
        CHECK(strlen(rec->field[i]) == rec->len[i]);
        CHECK(ov_utf8_valid(rec->field[i], rec->len[i]));
        ov_date d;
        (void)ov_parse_date(rec->field[i], rec->len[i], &d);
        int32_t v;
        (void)ov_parse_int(rec->field[i], rec->len[i], &v);
    }
    return 0;
}

#define NS  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RNS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PNS "http://schemas.openxmlformats.org/package/2006/relationships"

/* Packs a worksheet's XML into a workbook in memory (malloc'd; NULL on failure). */
static unsigned char *wrap_sheet(const uint8_t *xml, size_t n, size_t *outlen)
{
    static const char *const parts[] = {
        "_rels/.rels",
        "<Relationships xmlns=\"" PNS "\"><Relationship Id=\"r1\" Type=\"" RNS
        "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "xl/workbook.xml",
        "<workbook xmlns=\"" NS "\" xmlns:r=\"" RNS "\"><sheets><sheet name=\"sessions\" "
        "sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"" PNS "\"><Relationship Id=\"r1\" Type=\"" RNS
        "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"r2\" Type=\"" RNS
        "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        "xl/sharedStrings.xml",
        "<sst xmlns=\"" NS "\"><si><t>staff_id</t></si><si><t>date</t></si><si><r><t>S</t>"
        "</r><r><t>1</t></r></si><si><t></t></si></sst>",
    };
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        zip_source_free(src);
        return NULL;
    }
    zip_source_keep(src);
    for (size_t i = 0; i + 1 < sizeof parts / sizeof parts[0]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);
        zip_int64_t k = s ? zip_file_add(za, parts[i], s, 0) : -1;
        if (k >= 0)
            zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0);
    }
    zip_source_t *s = zip_source_buffer(za, n ? xml : (const void *)"", n, 0);
    zip_int64_t k = s ? zip_file_add(za, "xl/worksheets/sheet1.xml", s, 0) : -1;
    if (k >= 0)
        zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0);
    unsigned char *out = NULL;
    zip_stat_t st;
    if (zip_close(za) != 0) {
        zip_discard(za);
    } else if (zip_source_open(src) == 0) {
        zip_stat_init(&st);
        if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            out = malloc(st.size ? st.size : 1);
            if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
                free(out);
                out = NULL;
            }
            *outlen = st.size;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer entry point: one input per call; never fails, crashes on a broken promise. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256] = "";
    enum ov_xlsx_error e;
    unsigned char *packed = NULL;
    if (size > 0 && (data[0] & 1)) {
        packed = wrap_sheet(data + 1, size - 1, &size);
        if (!packed)
            return 0;
        data = packed;
    }
    ov_xlsx *b = ov_xlsx_open_mem(data, size, &e, err, sizeof err);
    if (!b) {
        CHECK(e == OV_XLSX_EBROKEN && err[0]);
        free(packed);
        return 0;
    }
    CHECK(ov_xlsx_size(b) == size && strlen(ov_xlsx_sha256(b)) == 64);
    for (size_t i = 0; i < ov_xlsx_sheet_count(b) && i < 4; i++) {
        unsigned long checked = 0, read = 0;
        err[0] = '\0';
        enum ov_xlsx_error c = ov_xlsx_read_sheet(b, i, NULL, NULL, &checked, err, sizeof err);
        CHECK(c == OV_XLSX_OK || c == OV_XLSX_EEMPTY || (c == OV_XLSX_EBROKEN && err[0]));
        state st = {0, 0, 0};
        enum ov_xlsx_error r = ov_xlsx_read_sheet(b, i, on_record, &st, &read, err, sizeof err);
        CHECK(r == c); /* the same sheet reads the same way twice */
        CHECK(read == st.count);
        CHECK(c == OV_XLSX_EBROKEN || read == checked);
        CHECK(c != OV_XLSX_EEMPTY || read == 0);
    }
    ov_xlsx_close(b);
    free(packed);
    return 0;
}
