/* text.h — UTF-8 validation, CSV fields written safely for spreadsheets and
 * text written safely into HTML. */
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

/* Writes v in decimal, as printf's %llu and %lld do, into buf (room for 21
 * bytes with the NUL); returns the number of characters written. */
size_t ov_fmt_u64(char *buf, unsigned long long v);
size_t ov_fmt_i64(char *buf, long long v);

/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int ov_utf8_valid(const char *s, size_t len);

/* Writes s as HTML text, safe in element content and in quoted attribute
 * values: & < > " ' become character references; bytes that are not valid
 * UTF-8 become U+FFFD; control characters (C0 and C1, DEL) become spaces; the
 * bidi embedding, override and isolate controls (U+202A-202E, U+2066-2069),
 * which could reorder the text around a name, are left out. With br, a
 * newline is written as <br> (else as a newline). NULL writes nothing. */
void ov_html_escape(FILE *fp, const char *s, int br);
/* Writes s as a quoted CSS string ("..."), safe inside a <style> element:
 * letters, digits and spaces as they are, every other character as a CSS
 * hex escape, bytes that are not UTF-8 as U+FFFD. NULL writes "". */
void ov_css_string(FILE *fp, const char *s);

#endif
