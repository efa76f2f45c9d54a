/* csvread.h — streaming CSV reading through libcsv, the way agencies really send
 * files: UTF-8 with or without BOM (Windows-1252 fallback), UTF-16 with its BOM,
 * CRLF/LF/CR, quoted newlines, delimiter detection, and the physical line where
 * each record starts. A record over the reader's limits is delivered flagged,
 * and the rest of the file is still read. */
#ifndef OV_INGEST_CSVREAD_H
#define OV_INGEST_CSVREAD_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/record.h"

/* A CSV record is a record of record.h; its error is 0, or why the record must
 * be rejected (fields are as far as read): OV_CSV_EQUOTE / OV_CSV_EPARSE when it
 * is malformed (a stray quote: reading resumes at the next line; a quote left
 * open: it ran to the end of the file), OV_CSV_EFIELDS when it has more than
 * OV_CSV_MAX_FIELDS fields, OV_CSV_EFIELDSIZE when a field (or the record) is
 * over OV_CSV_MAX_FIELD_BYTES (reading resumes at the next line). Fields may
 * hold NUL bytes. */
typedef ov_record ov_csv_record;
typedef ov_record_fn ov_csv_record_fn;

enum ov_csv_error {
    OV_CSV_OK = 0,
    OV_CSV_EOPEN,                  /* cannot open or read the file */
    OV_CSV_EEMPTY,                 /* no bytes, or nothing but BOM/blank lines */
    OV_CSV_EQUOTE = OV_REC_EQUOTE, /* unterminated quoted field (error_line = where it starts) */
    OV_CSV_EPARSE = OV_REC_EPARSE, /* other libcsv strict-mode parse error */
    OV_CSV_ENOMEM,
    OV_CSV_ESTOPPED,                      /* the callback asked to stop */
    OV_CSV_EFIELDS = OV_REC_EFIELDS,      /* record only: more fields than OV_CSV_MAX_FIELDS */
    OV_CSV_EFIELDSIZE = OV_REC_EFIELDSIZE /* record only: a field over OV_CSV_MAX_FIELD_BYTES */
};

/* The reader's limits: fields in one record, and bytes in one field (or in all
 * the fields of one record). */
#define OV_CSV_MAX_FIELDS      ((size_t)100000)
#define OV_CSV_MAX_FIELD_BYTES ((size_t)64 << 20)

/* What a file was converted from (ov_csv_info.transcoded). */
enum ov_csv_transcoding {
    OV_CSV_UTF8 = 0, /* read as it is */
    OV_CSV_CP1252,   /* not valid UTF-8: read as Windows-1252 */
    OV_CSV_UTF16LE,  /* UTF-16 little-endian with its byte-order mark */
    OV_CSV_UTF16BE   /* UTF-16 big-endian with its byte-order mark */
};
const char *ov_csv_strerror(enum ov_csv_error e);

typedef struct {
    char delim; /* detected: ',' ';' '\t' or '|' */
    int had_bom;
    int transcoded;           /* enum ov_csv_transcoding: what it was converted from */
    unsigned long records;    /* records delivered, header included */
    unsigned long lines;      /* physical lines in the file */
    unsigned long error_line; /* line of the record that failed, for EQUOTE/EPARSE */
    uint64_t size;            /* bytes in the file */
    char sha256[65];          /* of the file's bytes as stored */
} ov_csv_info;

/* Reads a file, calling fn for every record. Fills info (always, as far as
 * read). Only a regular file of at most 4 GiB is read: anything else (a FIFO,
 * a device, a folder) gives OV_CSV_EOPEN without a byte read. */
enum ov_csv_error ov_csv_read_file(const char *path, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info);
/* Reads only the start of a regular file, for a look at its header without
 * reading it all: at most max bytes, cut after the last line break in them
 * when the file is longer, then parsed as ov_csv_read_file would. info
 * describes the bytes read (may be NULL: their SHA-256 is then not worked
 * out). A file that is not regular gives OV_CSV_EOPEN. */
enum ov_csv_error ov_csv_read_head(const char *path, size_t max, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info);
/* The same over an open regular file of size bytes (from ov_input_open); fd
 * stays open. */
enum ov_csv_error ov_csv_read_head_fd(int fd, uint64_t size, size_t max, ov_csv_record_fn fn,
                                      void *ctx, ov_csv_info *info);
/* The same over an open regular file of size bytes (from ov_input_open); fd
 * stays open. */
enum ov_csv_error ov_csv_read_fd(int fd, uint64_t size, ov_csv_record_fn fn, void *ctx,
                                 ov_csv_info *info);
/* The same over a memory buffer (tests and fuzzing). */
enum ov_csv_error ov_csv_read_mem(const char *data, size_t len, ov_csv_record_fn fn, void *ctx,
                                  ov_csv_info *info);

/* How records are split. A line that starts a record and holds no quote is
 * split at its delimiters without libcsv (OV_CSV_SPLIT_AUTO, what every read
 * does); libcsv reads every other line. OV_CSV_SPLIT_LIBCSV hands every line
 * to libcsv: the differential fuzzer (tests/fuzz/fuzz_csvsplit.c) checks that
 * both give the same records, lines and errors. */
enum ov_csv_split { OV_CSV_SPLIT_AUTO, OV_CSV_SPLIT_LIBCSV };

/* ov_csv_read_mem with the records split as split says. */
enum ov_csv_error ov_csv_read_mem_split(const char *data, size_t len, enum ov_csv_split split,
                                        ov_csv_record_fn fn, void *ctx, ov_csv_info *info);

/* Detects the delimiter from the header line (first line, outside quotes):
 * ',' unless ';', TAB or '|' occurs more often. */
char ov_csv_detect_delim(const char *data, size_t len);

/* Converts Windows-1252 bytes to UTF-8; returns a malloc'd buffer (caller
 * frees) and its length in *outlen. Undefined bytes become U+FFFD. */
char *ov_cp1252_to_utf8(const char *in, size_t len, size_t *outlen);
/* Converts UTF-16 (big_endian or little, no byte-order mark) to UTF-8; returns
 * a malloc'd buffer (caller frees) and its length in *outlen. An unpaired
 * surrogate or an odd last byte becomes U+FFFD. */
char *ov_utf16_to_utf8(const char *in, size_t len, int big_endian, size_t *outlen);

#endif
