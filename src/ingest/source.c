/* source.c — the record sources: a CSV file through csvread, a workbook or a
 * sheet through xlsxread, behind one reading call. A sheet is read through
 * before any of its records is handed on (a workbook can be found broken only
 * at its end, by a checksum, a limit or a bad cell), so a broken sheet never
 * leaves half its rows behind: its values are kept while it is read, then
 * handed on. */
#include "ingest/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/mem.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"

/* Copies a reason into info. */
static void set_reason(ov_source_info *info, const char *why)
{
    snprintf(info->reason, sizeof(info->reason), "%s", why);
}

/* The sheet named after a dataset; see source.h. */
long ov_source_find_sheet(const ov_xlsx *book, const char *dataset, int *matches)
{
    char want[64], norm[64];
    size_t wl = ov_normalise(dataset, strlen(dataset), want, sizeof(want));
    long found = -1;
    int n = 0;
    for (size_t i = 0; i < ov_xlsx_sheet_count(book); i++) {
        const char *name = ov_xlsx_sheet_name(book, i);
        size_t nl = ov_normalise(name, strlen(name), norm, sizeof(norm));
        if (nl == wl && memcmp(norm, want, wl) == 0) {
            if (found < 0)
                found = (long)i;
            n++;
        }
    }
    if (matches)
        *matches = n;
    return found;
}

/* Maps a sheet reader result onto a source result. */
static enum ov_source_error sheet_result(enum ov_xlsx_error e)
{
    switch (e) {
    case OV_XLSX_OK:
        return OV_SOURCE_OK;
    case OV_XLSX_EOPEN:
        return OV_SOURCE_EOPEN;
    case OV_XLSX_EEMPTY:
        return OV_SOURCE_EEMPTY;
    case OV_XLSX_ESTOPPED:
        return OV_SOURCE_ESTOPPED;
    case OV_XLSX_EBROKEN:
        break;
    }
    return OV_SOURCE_EBROKEN;
}

/* The values of a sheet's records, kept while the sheet is read once and
 * handed on only when all of it was read: per record its line and field
 * count, then each field's length and bytes with a NUL (4-byte numbers). The
 * sheet's XML is never kept, only its values: about the size of the same data
 * as CSV. */
typedef struct {
    ov_buf log;
    unsigned long records;
} record_log;

/* Appends a 4-byte number to the log. */
static void log_u32(ov_buf *b, uint32_t v)
{
    ov_buf_add(b, (const char *)&v, sizeof v);
}

/* Record callback of the reading pass: keeps the record. */
static int log_record(const ov_record *rec, void *ctx)
{
    record_log *rl = ctx;
    log_u32(&rl->log, (uint32_t)rec->line);
    log_u32(&rl->log, (uint32_t)rec->nfields);
    for (size_t i = 0; i < rec->nfields; i++) {
        log_u32(&rl->log, (uint32_t)rec->len[i]);
        ov_buf_add(&rl->log, rec->field[i], rec->len[i]);
        rl->log.len++; /* keep the NUL ov_buf_add wrote */
    }
    rl->records++;
    return 0;
}

/* Reads a 4-byte number from the log at *pos. */
static uint32_t read_u32(const ov_buf *b, size_t *pos)
{
    uint32_t v;
    memcpy(&v, b->s + *pos, sizeof v);
    *pos += sizeof v;
    return v;
}

/* Hands the kept records to fn in order; returns ESTOPPED when fn stops. */
static enum ov_source_error replay(const record_log *rl, ov_record_fn fn, void *ctx,
                                   unsigned long *delivered)
{
    char **field = NULL;
    size_t *len = NULL, capf = 0, capl = 0, pos = 0;
    enum ov_source_error res = OV_SOURCE_OK;
    for (unsigned long r = 0; r < rl->records; r++) {
        ov_record rec = {0};
        rec.line = read_u32(&rl->log, &pos);
        rec.nfields = read_u32(&rl->log, &pos);
        rec.index = r;
        ov_grow((void **)&field, &capf, rec.nfields + 1, sizeof(*field));
        ov_grow((void **)&len, &capl, rec.nfields + 1, sizeof(*len));
        for (size_t i = 0; i < rec.nfields; i++) {
            len[i] = read_u32(&rl->log, &pos);
            field[i] = rl->log.s + pos;
            pos += len[i] + 1;
        }
        rec.field = field;
        rec.len = len;
        *delivered = r + 1;
        if (fn(&rec, ctx)) {
            res = OV_SOURCE_ESTOPPED;
            break;
        }
    }
    free(field);
    free(len);
    return res;
}

/* Reads sheet i of book. With whole set, the sheet is read through first (its
 * records kept) and its records handed on only when all of it could be read;
 * otherwise they are handed on as they come (to look at the header). */
static enum ov_source_error read_sheet(ov_xlsx *book, size_t i, int whole, ov_record_fn fn,
                                       void *ctx, ov_source_info *info)
{
    info->size = ov_xlsx_size(book);
    snprintf(info->sha256, sizeof(info->sha256), "%s", ov_xlsx_sha256(book));
    if (!whole)
        return sheet_result(ov_xlsx_read_sheet(book, i, fn, ctx, &info->records, info->reason,
                                               sizeof(info->reason)));
    record_log rl = {{0}, 0};
    enum ov_xlsx_error e =
        ov_xlsx_read_sheet(book, i, log_record, &rl, NULL, info->reason, sizeof(info->reason));
    enum ov_source_error res = sheet_result(e);
    if (e == OV_XLSX_OK)
        res = replay(&rl, fn, ctx, &info->records);
    ov_buf_free(&rl.log);
    return res;
}

/* Opens a <dataset>.xlsx and picks its sheet; NULL with the result in *res. */
static ov_xlsx *open_workbook(const ov_source *src, ov_source_info *info, size_t *sheet,
                              enum ov_source_error *res)
{
    enum ov_xlsx_error e;
    ov_xlsx *book =
        src->path ? ov_xlsx_open(src->path, &e, info->reason, sizeof(info->reason))
                  : ov_xlsx_open_fd(src->fd, src->size, &e, info->reason, sizeof(info->reason));
    if (!book) {
        *res = e == OV_XLSX_EOPEN ? OV_SOURCE_EOPEN : OV_SOURCE_EBROKEN;
        if (e != OV_XLSX_EOPEN) { /* what was received is on record, read or not */
            if (src->path)
                ov_sha256_file(src->path, info->sha256, &info->size);
            else if (lseek(src->fd, 0, SEEK_SET) == 0)
                ov_sha256_fd(src->fd, info->sha256, &info->size);
        }
        return NULL;
    }
    info->size = ov_xlsx_size(book);
    snprintf(info->sha256, sizeof(info->sha256), "%s", ov_xlsx_sha256(book));
    info->sheets = ov_xlsx_sheet_count(book);
    int matches = 0;
    long i = ov_source_find_sheet(book, src->dataset, &matches);
    if (matches > 1) {
        char why[200];
        snprintf(why, sizeof(why), "%d of its sheets are named %s; keep one of them", matches,
                 src->dataset);
        set_reason(info, why);
        *res = OV_SOURCE_EBROKEN;
        ov_xlsx_close(book);
        return NULL;
    }
    if (info->sheets == 0) {
        set_reason(info, "the workbook has no worksheet");
        *res = OV_SOURCE_EBROKEN;
        ov_xlsx_close(book);
        return NULL;
    }
    if (i < 0) {
        i = 0;
        info->first_sheet = info->sheets > 1;
    }
    *sheet = (size_t)i;
    *res = OV_SOURCE_OK;
    return book;
}

/* Maps a CSV reader result onto a source result. */
static enum ov_source_error csv_result(enum ov_csv_error e, ov_source_info *info)
{
    switch (e) {
    case OV_CSV_EOPEN:
        set_reason(info, "the file cannot be read");
        return OV_SOURCE_EOPEN;
    case OV_CSV_EEMPTY:
        return OV_SOURCE_EEMPTY;
    case OV_CSV_ENOMEM:
        set_reason(info, "the file cannot be read");
        return OV_SOURCE_ETOOBIG;
    case OV_CSV_ESTOPPED:
        return OV_SOURCE_ESTOPPED;
    default:
        return OV_SOURCE_OK;
    }
}

/* Reads every record of a source; see source.h. */
enum ov_source_error ov_source_read(const ov_source *src, ov_record_fn fn, void *ctx,
                                    ov_source_info *info)
{
    ov_source_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof(*info));
    if (src->kind == OV_SOURCE_CSV) {
        ov_csv_info ci;
        enum ov_csv_error e = src->path ? ov_csv_read_file(src->path, fn, ctx, &ci)
                                        : ov_csv_read_fd(src->fd, src->size, fn, ctx, &ci);
        info->size = ci.size;
        memcpy(info->sha256, ci.sha256, sizeof(info->sha256));
        info->transcoded = ci.transcoded;
        info->delim = ci.delim;
        info->records = ci.records;
        return csv_result(e, info);
    }
    if (src->kind == OV_SOURCE_SHEET)
        return read_sheet(src->book, src->sheet, 1, fn, ctx, info);
    size_t sheet = 0;
    enum ov_source_error res;
    ov_xlsx *book = open_workbook(src, info, &sheet, &res);
    if (!book)
        return res;
    res = read_sheet(book, sheet, 1, fn, ctx, info);
    ov_xlsx_close(book);
    return res;
}

/* Reads as far as the header; see source.h. */
enum ov_source_error ov_source_read_head(const ov_source *src, size_t max, ov_record_fn fn,
                                         void *ctx)
{
    ov_source_info info;
    memset(&info, 0, sizeof(info));
    if (src->kind == OV_SOURCE_CSV) {
        if (src->path)
            return csv_result(ov_csv_read_head(src->path, max, fn, ctx, NULL), &info);
        if (lseek(src->fd, 0, SEEK_SET) != 0)
            return OV_SOURCE_EOPEN;
        return csv_result(ov_csv_read_head_fd(src->fd, src->size, max, fn, ctx, NULL), &info);
    }
    if (src->kind == OV_SOURCE_SHEET)
        return read_sheet(src->book, src->sheet, 0, fn, ctx, &info);
    size_t sheet = 0;
    enum ov_source_error res;
    ov_xlsx *book = open_workbook(src, &info, &sheet, &res);
    if (!book)
        return res;
    res = read_sheet(book, sheet, 0, fn, ctx, &info);
    ov_xlsx_close(book);
    return res;
}
