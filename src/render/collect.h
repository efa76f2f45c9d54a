/* collect.h — the collection workbook agencies fill in and send back
 * (supervision-return.xlsx, SPEC 8.3): a "Read me" sheet, then one sheet per
 * agency dataset with its header frozen, a note on every column, drop-down
 * lists for code and yes/no fields, date validation (1990-2100) on date
 * columns and whole numbers on durations and attendees. Every sheet name,
 * list and note is a fixed string of the program. */
#ifndef OV_RENDER_COLLECT_H
#define OV_RENDER_COLLECT_H

#include <time.h>

/* The file name of the collection workbook (ingest reads it back by this name). */
#define OV_COLLECT_FILE "supervision-return.xlsx"

enum ov_collect_result {
    OV_COLLECT_OK = 0,
    OV_COLLECT_EXISTS, /* the file is there and force is not set: nothing written */
    OV_COLLECT_FAILED  /* could not be written (said through msg.h) */
};

/* Writes DIR/supervision-return.xlsx (through a temporary file renamed into
 * place). agency_id (may be NULL for a blank workbook) is written into the
 * Read me sheet's agency cell only; the caller has checked it is an agency id.
 * created is the document's creation time (for reproducible files). An
 * existing file is replaced only when force is set. */
enum ov_collect_result ov_collect_write(const char *dir, const char *agency_id, time_t created,
                                        int force);

#endif
