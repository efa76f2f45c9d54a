/* csvread.h — streaming CSV reading through libcsv, the way agencies really send
 * files: UTF-8 with or without BOM (Windows-1252 fallback), CRLF/LF/CR, quoted
 * newlines, delimiter detection, and the physical line where each record starts. */
#ifndef OV_INGEST_CSVREAD_H
#define OV_INGEST_CSVREAD_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/record.h"

/* A CSV record is a record of record.h; its error is OV_CSV_EQUOTE or
 * OV_CSV_EPARSE (a stray quote: reading resumes at the next line; a quote left
 * open: it ran to the end of the file). */
typedef ov_record ov_csv_record;
typedef ov_record_fn ov_csv_record_fn;

enum ov_csv_error {
    OV_CSV_OK = 0,
    OV_CSV_EOPEN,                  /* cannot open or read the file */
    OV_CSV_EEMPTY,                 /* no bytes, or nothing but BOM/blank lines */
    OV_CSV_EQUOTE = OV_REC_EQUOTE, /* unterminated quoted field (error_line = where it starts) */
    OV_CSV_EPARSE = OV_REC_EPARSE, /* other libcsv strict-mode parse error */
    OV_CSV_ENOMEM,
    OV_CSV_ESTOPPED /* the callback asked to stop */
};
const char *ov_csv_strerror(enum ov_csv_error e);

typedef struct {
    char delim; /* detected: ',' ';' '\t' or '|' */
    int had_bom;
    int transcoded;           /* not valid UTF-8: read as Windows-1252 */
    unsigned long records;    /* records delivered, header included */
    unsigned long lines;      /* physical lines in the file */
    unsigned long error_line; /* line of the record that failed, for EQUOTE/EPARSE */
    uint64_t size;            /* bytes in the file */
    char sha256[65];          /* of the file's bytes as stored */
} ov_csv_info;

/* Reads a file, calling fn for every record. Fills info (always, as far as read). */
enum ov_csv_error ov_csv_read_file(const char *path, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info);
/* Reads only the start of a regular file, for a look at its header without
 * reading it all: at most max bytes, cut after the last line break in them
 * when the file is longer, then parsed as ov_csv_read_file would. info
 * describes the bytes read. A file that is not regular gives OV_CSV_EOPEN. */
enum ov_csv_error ov_csv_read_head(const char *path, size_t max, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info);
/* The same over a memory buffer (tests and fuzzing). */
enum ov_csv_error ov_csv_read_mem(const char *data, size_t len, ov_csv_record_fn fn, void *ctx,
                                  ov_csv_info *info);

/* Detects the delimiter from the header line (first line, outside quotes):
 * ',' unless ';', TAB or '|' occurs more often. */
char ov_csv_detect_delim(const char *data, size_t len);

/* Converts Windows-1252 bytes to UTF-8; returns a malloc'd buffer (caller
 * frees) and its length in *outlen. Undefined bytes become U+FFFD. */
char *ov_cp1252_to_utf8(const char *in, size_t len, size_t *outlen);

#endif
