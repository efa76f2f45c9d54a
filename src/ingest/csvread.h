/* csvread.h — streaming CSV reading through libcsv, the way agencies really send
 * files: UTF-8 with or without BOM (Windows-1252 fallback), CRLF/LF/CR, quoted
 * newlines, delimiter detection, and the physical line where each record starts. */
#ifndef OV_INGEST_CSVREAD_H
#define OV_INGEST_CSVREAD_H

#include <stddef.h>
#include <stdint.h>

/* One record. Fields are NUL-terminated, valid UTF-8, untrimmed; they and the
 * arrays are owned by the reader and valid only during the callback. */
typedef struct {
    size_t nfields;
    char **field;
    size_t *len;
    unsigned long line;  /* physical line (1-based) where the record starts */
    unsigned long index; /* 0 = header, 1 = first data record, ... */
    int error;           /* 0, or OV_CSV_EQUOTE / OV_CSV_EPARSE when the record is
                            malformed (a stray quote: reading resumes at the next
                            line; a quote left open: it ran to the end of the file).
                            Such a record must be rejected; fields are as far as read. */
} ov_csv_record;

/* Called for every record (header included); return non-zero to stop reading. */
typedef int (*ov_csv_record_fn)(const ov_csv_record *rec, void *ctx);

enum ov_csv_error {
    OV_CSV_OK = 0,
    OV_CSV_EOPEN,  /* cannot open or read the file */
    OV_CSV_EEMPTY, /* no bytes, or nothing but BOM/blank lines */
    OV_CSV_EQUOTE, /* unterminated quoted field (error_line = where it starts) */
    OV_CSV_EPARSE, /* other libcsv strict-mode parse error */
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

/* Reads a file, calling fn for every record. Fills info (always, as far as
 * read). Only a regular file of at most 4 GiB is read: anything else (a FIFO,
 * a device, a folder) gives OV_CSV_EOPEN without a byte read. */
enum ov_csv_error ov_csv_read_file(const char *path, ov_csv_record_fn fn, void *ctx,
                                   ov_csv_info *info);
/* The same over an open regular file of size bytes (from ov_input_open); fd
 * stays open. */
enum ov_csv_error ov_csv_read_fd(int fd, uint64_t size, ov_csv_record_fn fn, void *ctx,
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
