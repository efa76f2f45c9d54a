/* source.h — a record source: where ingest takes one dataset's records from.
 * A CSV file (csvread), a workbook <dataset>.xlsx or one sheet of an agency's
 * supervision-return.xlsx (xlsxread) all hand ingest the records of record.h,
 * through this one interface, so every row goes through the same field parsers
 * and rules whatever it came in. */
#ifndef OV_INGEST_SOURCE_H
#define OV_INGEST_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/record.h"
#include "ingest/xlsxread.h"

enum ov_source_kind {
    OV_SOURCE_CSV,      /* a CSV file */
    OV_SOURCE_WORKBOOK, /* <dataset>.xlsx: the sheet named after the dataset, else the first */
    OV_SOURCE_SHEET     /* one sheet of a workbook already open */
};

typedef struct {
    enum ov_source_kind kind;
    int fd;              /* CSV and WORKBOOK: the file, open (from ov_input_open;
                            not owned, read from its start) */
    uint64_t size;       /* CSV and WORKBOOK: its size in bytes */
    const char *path;    /* CSV and WORKBOOK, when set: the file by its path
                            instead of fd (tests) */
    const char *dataset; /* WORKBOOK: the dataset's name (staff, sessions, ...) */
    ov_xlsx *book;       /* SHEET: the open workbook (not owned) */
    size_t sheet;        /* SHEET: which sheet */
} ov_source;

enum ov_source_error {
    OV_SOURCE_OK = 0,
    OV_SOURCE_EOPEN,    /* the file cannot be opened or read */
    OV_SOURCE_EEMPTY,   /* no record at all */
    OV_SOURCE_ETOOBIG,  /* a CSV record too large to read */
    OV_SOURCE_EBROKEN,  /* a workbook that cannot be used: info.reason says why */
    OV_SOURCE_ESTOPPED, /* the callback asked to stop */
};

/* What reading a source found out. */
typedef struct {
    uint64_t size;         /* bytes of the file (the whole workbook for a sheet) */
    char sha256[65];       /* of the file's bytes as stored */
    int transcoded;        /* CSV: what it was converted from (enum ov_csv_transcoding) */
    char delim;            /* CSV: the delimiter; 0 for a sheet */
    unsigned long records; /* records delivered, header included */
    size_t sheets;         /* WORKBOOK: its worksheets; 0 otherwise */
    int first_sheet;       /* WORKBOOK: no sheet is named after the dataset, so the
                              first of several was read */
    char reason[256];      /* EOPEN, EBROKEN: why, in words, without the file's name */
} ov_source_info;

/* Reads every record of the source through fn. A workbook's sheet is read
 * through (its values kept) before its first record is handed on, so a broken
 * sheet gives EBROKEN having handed on nothing. info is always filled as far
 * as known. */
enum ov_source_error ov_source_read(const ov_source *src, ov_record_fn fn, void *ctx,
                                    ov_source_info *info);
/* Reads only as far as the header, to look at it (fn should stop after the
 * first record): the first max bytes of a CSV file, the first row of a sheet. */
enum ov_source_error ov_source_read_head(const ov_source *src, size_t max, ov_record_fn fn,
                                         void *ctx);

/* The sheet of book named after dataset (names matched like headers), or -1;
 * *matches receives how many sheets match (more than one: two sources). */
long ov_source_find_sheet(const ov_xlsx *book, const char *dataset, int *matches);

#endif
