/* xlsxread.h — reading the sheets of an Excel workbook (.xlsx) as records,
 * through libzip and expat (streamed: a sheet is never held whole). Each row
 * with a value becomes one record whose line is the sheet's row number; cells
 * are shared and inline strings, numbers (as written, so a date cell is an
 * Excel serial day number), booleans (TRUE/FALSE) and the cached values of
 * formulas. Hostile workbooks are refused with a reason in words: parts too
 * large once inflated or inflated too far (zip bombs), XML too deep, any DTD
 * (so no entity is ever expanded), too many shared strings, cells beyond
 * Excel's grid (XFD1048576), encrypted or damaged archives. */
#ifndef OV_INGEST_XLSXREAD_H
#define OV_INGEST_XLSXREAD_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/record.h"

/* Limits (also in docs/input.md). */
#define OV_XLSX_MAX_SHEET_BYTES ((uint64_t)1 << 30) /* one worksheet, inflated */
#define OV_XLSX_MAX_PART_BYTES  ((uint64_t)1 << 28) /* shared strings and other parts */
#define OV_XLSX_MAX_RATIO       250                 /* inflated / compressed, past 1 MiB */
#define OV_XLSX_MAX_DEPTH       32                  /* XML element nesting */
#define OV_XLSX_MAX_STRINGS     65536               /* shared strings (said as 65,536) */
#define OV_XLSX_MAX_SHEETS      1024
#define OV_XLSX_MAX_CELL_BYTES  131072     /* 32,767 characters, Excel's most, in UTF-8 */
#define OV_XLSX_MAX_ROW_BYTES   (64 << 20) /* text of one row */
#define OV_XLSX_MAX_ROW         1048576    /* Excel's grid: rows ... */
#define OV_XLSX_MAX_COL         16384      /* ... and columns (XFD) */

enum ov_xlsx_error {
    OV_XLSX_OK = 0,
    OV_XLSX_EOPEN,   /* the file cannot be opened or read */
    OV_XLSX_EEMPTY,  /* the sheet has no row with a value */
    OV_XLSX_EBROKEN, /* the workbook cannot be used: the reason is in err */
    OV_XLSX_ESTOPPED /* the callback asked to stop */
};

typedef struct ov_xlsx ov_xlsx;

/* Opens a workbook file (mapped) and reads its list of sheets. Returns the
 * workbook (caller closes it with ov_xlsx_close), or NULL with the reason in
 * err (a sentence without the file's name) and *e set. */
ov_xlsx *ov_xlsx_open(const char *path, enum ov_xlsx_error *e, char *err, size_t errlen);
/* The same over an open regular file of size bytes (from ov_input_open),
 * which is mapped; fd stays open and may be closed once this returns. */
ov_xlsx *ov_xlsx_open_fd(int fd, uint64_t size, enum ov_xlsx_error *e, char *err, size_t errlen);
/* The same over a buffer, which must outlive the workbook (tests, fuzzing). */
ov_xlsx *ov_xlsx_open_mem(const void *data, size_t len, enum ov_xlsx_error *e, char *err,
                          size_t errlen);
/* Closes the workbook; accepts NULL. */
void ov_xlsx_close(ov_xlsx *b);

/* Size in bytes and SHA-256 (lowercase hex, owned by the workbook) of the file. */
uint64_t ov_xlsx_size(const ov_xlsx *b);
const char *ov_xlsx_sha256(const ov_xlsx *b);

/* The worksheets, in workbook order; names are owned by the workbook. */
size_t ov_xlsx_sheet_count(const ov_xlsx *b);
const char *ov_xlsx_sheet_name(const ov_xlsx *b, size_t i);

/* Reads sheet i, calling fn for every row that holds a value (the first is the
 * header, index 0). A record has the columns from A up to the header's last
 * one, or further when the row has a value beyond it; cells without a value
 * are "". fn may be NULL: the sheet is then only checked through. A sheet
 * found broken part way has already handed its first rows to fn: check it
 * through first when that matters. Returns OV_XLSX_OK, EEMPTY, ESTOPPED, or
 * EBROKEN with the reason in err; *records receives the records delivered. */
enum ov_xlsx_error ov_xlsx_read_sheet(ov_xlsx *b, size_t i, ov_record_fn fn, void *ctx,
                                      unsigned long *records, char *err, size_t errlen);

#endif
