/* fuzz_csvsplit.c — differential libFuzzer harness for the CSV reader's plain
 * split: every input is read twice, once as every read does it (a line that
 * starts a record and holds no quote is split without libcsv) and once with
 * every line handed to libcsv, and the two must agree exactly: the same
 * records with the same fields byte for byte, the same lines, indexes and
 * errors, the same result and file description (and a record that says it
 * holds no NUL byte holds none). The callback stops reading at
 * a record chosen from the input, so stopping is compared too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "ingest/csvread.h"

/* Aborts (a crash for the fuzzer) when a promise is broken. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

typedef struct {
    ov_buf out;         /* every record written out in full */
    unsigned long stop; /* stop after this record index (ULONG_MAX: never) */
} trace;

/* Appends a number to the trace. */
static void put_num(ov_buf *b, unsigned long long v)
{
    ov_buf_add(b, (const char *)&v, sizeof v);
}

/* Record callback: writes the record into the trace; stops at the chosen one. */
static int on_record(const ov_csv_record *rec, void *ctx)
{
    trace *t = ctx;
    put_num(&t->out, rec->nfields);
    put_num(&t->out, rec->line);
    put_num(&t->out, rec->index);
    put_num(&t->out, (unsigned long long)rec->error);
    for (size_t i = 0; i < rec->nfields; i++) {
        CHECK(rec->field[i][rec->len[i]] == '\0');
        CHECK(!rec->nul_free || !memchr(rec->field[i], '\0', rec->len[i]));
        put_num(&t->out, rec->len[i]);
        ov_buf_add(&t->out, rec->field[i], rec->len[i]);
    }
    return rec->index == t->stop;
}

/* Reads the input one way into t; returns the reader's result. */
static enum ov_csv_error read_as(const uint8_t *data, size_t size, enum ov_csv_split split,
                                 unsigned long stop, trace *t, ov_csv_info *info)
{
    memset(t, 0, sizeof *t);
    t->stop = stop;
    return ov_csv_read_mem_split((const char *)data, size, split, on_record, t, info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer entry point: both splits of one input must agree. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* one input in eight stops early, after a record chosen from its length */
    unsigned long stop = size % 8 == 7 ? (unsigned long)(size / 8 % 5) : (unsigned long)-1;
    trace a, b;
    ov_csv_info ia, ib;
    enum ov_csv_error ea = read_as(data, size, OV_CSV_SPLIT_AUTO, stop, &a, &ia);
    enum ov_csv_error eb = read_as(data, size, OV_CSV_SPLIT_LIBCSV, stop, &b, &ib);
    CHECK(ea == eb);
    CHECK(a.out.len == b.out.len);
    CHECK(a.out.len == 0 || memcmp(a.out.s, b.out.s, a.out.len) == 0);
    CHECK(ia.delim == ib.delim && ia.had_bom == ib.had_bom && ia.transcoded == ib.transcoded);
    CHECK(ia.records == ib.records && ia.lines == ib.lines && ia.error_line == ib.error_line);
    CHECK(ia.size == ib.size && ia.size == size);
    CHECK(strcmp(ia.sha256, ib.sha256) == 0);
    char whole[65];
    ov_sha256_hex(size ? (const char *)data : "", size, whole);
    CHECK(strcmp(ia.sha256, whole) == 0);
    ov_buf_free(&a.out);
    ov_buf_free(&b.out);
    return 0;
}
