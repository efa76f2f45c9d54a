/* text.h — UTF-8 validation and CSV fields written safely for spreadsheets. */
#ifndef OV_CORE_TEXT_H
#define OV_CORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Writes one CSV field (RFC 4180 quoting when needed; NULL = empty). A text field
 * starting with = + - @ TAB or CR is prefixed with ' so spreadsheets never run it
 * as a formula (only when guard is non-zero: pass 0 for numbers and dates). */
void ov_csv_field(FILE *fp, const char *s, int guard);
/* Writes a comma-separated header/row of n string fields and a newline. */
void ov_csv_row(FILE *fp, const char *const *fields, size_t n);

/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int ov_utf8_valid(const char *s, size_t len);

#endif
