/* record.h — one record of a dataset as a record source hands it to ingest:
 * its fields and the line (a CSV file's physical line, or a sheet's row
 * number) where it starts. The CSV reader (csvread) and the sheet reader
 * (xlsxread) both deliver records of this one shape. */
#ifndef OV_INGEST_RECORD_H
#define OV_INGEST_RECORD_H

#include <stddef.h>

/* Why a record is malformed (ov_record.error). */
enum ov_record_error {
    OV_REC_OK = 0,
    OV_REC_EQUOTE = 3,    /* CSV: a quoted field left open ran to the end of the file */
    OV_REC_EPARSE = 4,    /* CSV: a stray quote */
    OV_REC_EFIELDS = 7,   /* more fields than the reader allows */
    OV_REC_EFIELDSIZE = 8 /* a field (or the record) larger than the reader allows */
};

/* One record. Fields are NUL-terminated, valid UTF-8, untrimmed (a CSV field
 * may hold NUL bytes); they and the arrays are owned by the reader and valid
 * only during the callback. */
typedef struct {
    size_t nfields;
    char **field;
    size_t *len;
    unsigned long line;  /* line (1-based) where the record starts: a CSV file's
                            physical line, a sheet's row number */
    unsigned long index; /* 0 = header, 1 = first data record, ... */
    int error;           /* 0, or an ov_record_error: such a record must be
                            rejected; fields are as far as read */
    int nul_free;        /* 1: the reader saw that no field holds a NUL byte;
                            0: not known */
} ov_record;

/* Called for every record (header included); return non-zero to stop reading. */
typedef int (*ov_record_fn)(const ov_record *rec, void *ctx);

#endif
