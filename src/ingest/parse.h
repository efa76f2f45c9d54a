/* parse.h — field parsers for extract values: dates in every accepted UK form,
 * yes/no, integers, code values with aliases, functions lists, audit grades,
 * answers on the agreement scale and reporting periods. All take (s, len) and ignore surrounding
 * spaces; none allocate. */
#ifndef OV_INGEST_PARSE_H
#define OV_INGEST_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "ingest/model.h"

enum ov_parse_result {
    OV_PARSE_OK = 0,
    OV_PARSE_EMPTY, /* blank after trimming */
    OV_PARSE_BAD,   /* not in an accepted form */
    OV_PARSE_RANGE  /* form accepted, but not a calendar date / out of 1990-2100 / out of range */
};

/* Returns the trimmed view of s: ASCII space, TAB, CR and LF at either end
 * (a quoted field may carry line breaks); NBSP is kept. */
const char *ov_trim_ends(const char *s, size_t len, size_t *outlen);

/* ov_trim_ends, with the usual case (neither end blank: every blank byte is
 * at most a space) answered inline. */
static inline const char *ov_trim(const char *s, size_t len, size_t *outlen)
{
    if (s && len && (unsigned char)s[0] > ' ' && (unsigned char)s[len - 1] > ' ') {
        *outlen = len;
        return s;
    }
    return ov_trim_ends(s, len, outlen);
}

/* Dates: YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY, DD.MM.YYYY, D MMM YYYY,
 * DD-MMM-YYYY, DD-MMM-YY (20YY), each optionally followed by a time, and Excel
 * serials 20000-80000 (day 0 = 1899-12-30). Month names: 3 letters or full. */
enum ov_parse_result ov_parse_date(const char *s, size_t len, ov_date *out);
/* Y, Yes, TRUE, 1 / N, No, FALSE, 0 in any case. */
enum ov_parse_result ov_parse_yesno(const char *s, size_t len, int *out);
/* Optional sign, digits, optional ".0..." fraction of zeros; fits in int32. */
enum ov_parse_result ov_parse_int(const char *s, size_t len, int32_t *out);

/* Normalises a header or code value: trims, lowercases ASCII, maps space, '_'
 * and '-' to '_' (runs collapse to one). Writes at most cap-1 bytes plus NUL;
 * returns the full normalised length (truncated when >= cap). */
size_t ov_normalise(const char *s, size_t len, char *out, size_t cap);

/* Looks up a code value (normalised) among the table's names and aliases.
 * Returns the enum index, or -1 (unknown) / -2 (blank). */
int ov_code_lookup(const ov_code_table *t, const char *s, size_t len);

/* Parses a functions list separated by ; , | or /. Sets *mask to the bits of the
 * known functions and *unknown to the number of unknown items. */
enum ov_parse_result ov_parse_functions(const char *s, size_t len, uint8_t *mask, int *unknown);
/* 1 when c separates the items of a functions list (; , | or /). */
int ov_functions_separator(char c);

/* An audit grade: outstanding, good, requires improvement (also "RI" and
 * "requires improvement to be good"), inadequate, or 1-4 for them in that
 * order, matched like codes. Sets *out to the enum ov_audit_grade and returns
 * OV_PARSE_OK; else OV_PARSE_EMPTY or OV_PARSE_BAD (*out untouched). */
enum ov_parse_result ov_parse_grade(const char *s, size_t len, int *out);
/* An answer on the five-point agreement scale: 1-5 (also written 4.0), or
 * strongly disagree, disagree, neither (or neither agree nor disagree),
 * agree, strongly agree, matched like codes. Sets *out to 1-5 and returns
 * OV_PARSE_OK; a whole number outside 1-5 is OV_PARSE_RANGE, anything else
 * OV_PARSE_BAD, a blank OV_PARSE_EMPTY (*out untouched). */
enum ov_parse_result ov_parse_agreement(const char *s, size_t len, int *out);

/* The form a reporting period was written in. */
enum ov_period_form {
    OV_PERIOD_DATES,   /* START:END, 2025-10-01:2025-12-31 */
    OV_PERIOD_YEAR,    /* a financial year, 2025-26 (1 April to 31 March) */
    OV_PERIOD_QUARTER, /* a financial quarter, 2025-26-Q3 (Q1 = April-June) */
    OV_PERIOD_MONTH    /* a calendar month, 2026-03 */
};

/* Parses a reporting period in any form --period takes: START:END (ISO dates,
 * end not before start), YYYY-YY, YYYY-YY-Qn or YYYY-MM, within 1990-2100.
 * Sets *start and *end (first and last day, inclusive) and *form (may be NULL)
 * and returns OV_PARSE_OK; otherwise leaves them untouched and returns
 * OV_PARSE_EMPTY (blank), OV_PARSE_BAD (not one of the forms) or
 * OV_PARSE_RANGE (the form, but no such period: a date that does not exist,
 * outside the years, an end before its start, quarter 5, month 13), with a
 * one-line reason quoting the text in err (may be NULL when errlen is 0). */
enum ov_parse_result ov_parse_period(const char *s, size_t len, ov_date *start, ov_date *end,
                                     enum ov_period_form *form, char *err, size_t errlen);

#endif
