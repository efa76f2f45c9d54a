/* source.c — the record sources: a CSV file through csvread, a workbook or a
 * sheet through xlsxread, behind one reading call. A sheet is read twice: once
 * to check it through (a workbook can be found broken only at its end, by a
 * checksum, a limit or a bad cell), then to hand its records on, so a broken
 * sheet never leaves half its rows behind. */
#include "ingest/source.h"

#include <stdio.h>
#include <string.h>

#include "core/hash.h"
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

/* Reads sheet i of book: checked through first when check is set. */
static enum ov_source_error read_sheet(ov_xlsx *book, size_t i, int check, ov_record_fn fn,
                                       void *ctx, ov_source_info *info)
{
    info->size = ov_xlsx_size(book);
    snprintf(info->sha256, sizeof(info->sha256), "%s", ov_xlsx_sha256(book));
    enum ov_xlsx_error e = OV_XLSX_OK;
    if (check)
        e = ov_xlsx_read_sheet(book, i, NULL, NULL, NULL, info->reason, sizeof(info->reason));
    if (e == OV_XLSX_OK)
        e = ov_xlsx_read_sheet(book, i, fn, ctx, &info->records, info->reason,
                               sizeof(info->reason));
    return sheet_result(e);
}

/* Opens a <dataset>.xlsx and picks its sheet; NULL with the result in *res. */
static ov_xlsx *open_workbook(const ov_source *src, ov_source_info *info, size_t *sheet,
                              enum ov_source_error *res)
{
    enum ov_xlsx_error e;
    ov_xlsx *book = ov_xlsx_open(src->path, &e, info->reason, sizeof(info->reason));
    if (!book) {
        *res = e == OV_XLSX_EOPEN ? OV_SOURCE_EOPEN : OV_SOURCE_EBROKEN;
        if (e != OV_XLSX_EOPEN) /* what was received is on record, read or not */
            ov_sha256_file(src->path, info->sha256, &info->size);
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
        enum ov_csv_error e = ov_csv_read_file(src->path, fn, ctx, &ci);
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
    if (src->kind == OV_SOURCE_CSV)
        return csv_result(ov_csv_read_head(src->path, max, fn, ctx, NULL), &info);
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
