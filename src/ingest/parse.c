/* parse.c — field parsers for extract values: UK dates in every accepted form
 * (with an optional time, and Excel serial day numbers), yes/no, integers,
 * normalised code values with aliases, functions lists, and reporting periods
 * (the forms --period takes, also read from commentary.csv). A small matcher
 * reads the date shapes; nothing here allocates. */
#include "ingest/parse.h"

#include <stdio.h>
#include <string.h>

/* Excel serial day numbers accepted as dates (day 0 = 1899-12-30). */
#define SERIAL_MIN 20000
#define SERIAL_MAX 80000

/* Longest normalised code text compared; longer values match nothing. */
#define CODE_MAX 128

/* Space, TAB, and the line breaks a quoted field may carry. */
static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Returns the trimmed view of s[0..len) (space, TAB, CR, LF). */
const char *ov_trim_ends(const char *s, size_t len, size_t *outlen)
{
    if (!s) {
        *outlen = 0;
        return "";
    }
    while (len && is_blank(*s)) {
        s++;
        len--;
    }
    while (len && is_blank(s[len - 1]))
        len--;
    *outlen = len;
    return s;
}

/* ASCII lowercase without locale. */
static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* Returns 1 for an ASCII digit. */
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Consumes the character c at s[*i]; returns 1 when it was there. */
static int take(const char *s, size_t n, size_t *i, char c)
{
    if (*i < n && s[*i] == c) {
        (*i)++;
        return 1;
    }
    return 0;
}

/* Reads min..max digits at s[*i]; returns 1 and the value, or 0. */
static int digits(const char *s, size_t n, size_t *i, int min, int max, int *val)
{
    size_t k = *i;
    int v = 0, count = 0;
    while (k < n && is_digit(s[k]) && count < max) {
        v = v * 10 + (s[k] - '0');
        k++;
        count++;
    }
    if (count < min || (k < n && is_digit(s[k])))
        return 0;
    *i = k;
    *val = v;
    return 1;
}

/* Reads an English month name (3 letters, "Sept" or in full) at s[*i]. */
static int month_name(const char *s, size_t n, size_t *i, int *month)
{
    static const char *const full[12] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
    size_t k = *i;
    size_t w = 0;
    while (k + w < n && lower((unsigned char)s[k + w]) >= 'a' &&
           lower((unsigned char)s[k + w]) <= 'z')
        w++;
    if (w < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t fl = strlen(full[m]);
        if (w != 3 && w != fl && !(m == 8 && w == 4))
            continue;
        if (w > fl)
            continue;
        size_t j = 0;
        while (j < w && lower((unsigned char)s[k + j]) == full[m][j])
            j++;
        if (j == w) {
            *i = k + w;
            *month = m + 1;
            return 1;
        }
    }
    return 0;
}

/* Matches an optional time after a date: [ |T]H:MM[:SS[.fff]][ AM|PM][Z|±HH[:]MM].
 * Returns 1 when s[i..n) is empty or a valid time. */
static int time_tail(const char *s, size_t n, size_t i)
{
    if (i == n)
        return 1;
    if (s[i] == 'T' || s[i] == 't') {
        i++;
    } else if (s[i] == ' ') {
        while (i < n && s[i] == ' ')
            i++;
    } else {
        return 0;
    }
    int h, m, sec = 0;
    if (!digits(s, n, &i, 1, 2, &h) || i >= n || s[i] != ':')
        return 0;
    i++;
    if (!digits(s, n, &i, 2, 2, &m) || m > 59)
        return 0;
    if (i < n && s[i] == ':') {
        i++;
        if (!digits(s, n, &i, 2, 2, &sec) || sec > 59)
            return 0;
        if (i < n && (s[i] == '.' || s[i] == ',')) {
            i++;
            size_t f = i;
            while (i < n && is_digit(s[i]))
                i++;
            if (i == f)
                return 0;
        }
    }
    size_t k = i;
    while (k < n && s[k] == ' ')
        k++;
    if (k + 2 == n && lower((unsigned char)s[k + 1]) == 'm' &&
        (lower((unsigned char)s[k]) == 'a' || lower((unsigned char)s[k]) == 'p'))
        return h >= 1 && h <= 12;
    if (h > 23)
        return 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z'))
        return i + 1 == n;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        i++;
        if (!digits(s, n, &i, 2, 2, &oh) || oh > 14)
            return 0;
        if (i < n && s[i] == ':')
            i++;
        if (!digits(s, n, &i, 2, 2, &om) || om > 59)
            return 0;
    }
    return i == n;
}

/* Checks y-m-d against the calendar and the accepted years. */
static enum ov_parse_result ymd_result(int y, int m, int d, ov_date *out)
{
    if (!ov_date_valid_ymd(y, m, d) || y < OV_DATE_MIN_YEAR || y > OV_DATE_MAX_YEAR)
        return OV_PARSE_RANGE;
    *out = ov_date_from_ymd(y, m, d);
    return OV_PARSE_OK;
}

/* Excel serial: digits with an optional fraction (time of day). */
static enum ov_parse_result excel_serial(const char *s, size_t n, ov_date *out)
{
    size_t i = 0;
    long v = 0;
    while (i < n && is_digit(s[i])) {
        if (v <= SERIAL_MAX)
            v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i == 0)
        return OV_PARSE_BAD;
    if (i < n) {
        if (s[i] != '.')
            return OV_PARSE_BAD;
        size_t f = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == f || i != n)
            return OV_PARSE_BAD;
    }
    if (v < SERIAL_MIN || v > SERIAL_MAX)
        return OV_PARSE_BAD;
    ov_date t = ov_date_from_ymd(1899, 12, 30) + (ov_date)v;
    int y, m, d;
    ov_date_to_ymd(t, &y, &m, &d);
    return ymd_result(y, m, d, out);
}

/* Reads the two characters at p as a number from 00 to 99 into *v; returns 0
 * when either is not a digit. */
static int two_digits(const unsigned char *p, int *v)
{
    unsigned a = p[0] - 48u, b = p[1] - 48u;
    *v = (int)(a * 10 + b);
    return a <= 9 && b <= 9;
}

/* Parses a date in any accepted form; see parse.h. */
enum ov_parse_result ov_parse_date(const char *s, size_t len, ov_date *out)
{
    /* the forms extracts mostly use, YYYY-MM-DD and DD/MM/YYYY exactly,
     * without the general path (which reads them the same way) */
    int dmy = len == 10 && s[2] == '/' && s[5] == '/';
    if (dmy || (len == 10 && s[4] == '-' && s[7] == '-')) {
        /* where the digits of year, month and day are in each form */
        const unsigned char *u = (const unsigned char *)s;
        const unsigned char *yr = dmy ? u + 6 : u, *mo = dmy ? u + 3 : u + 5, *dy = dmy ? u : u + 8;
        int cc, yy, m, day;
        if (two_digits(yr, &cc) && two_digits(yr + 2, &yy) && two_digits(mo, &m) &&
            two_digits(dy, &day)) {
            int y = cc * 100 + yy;
            if (y >= OV_DATE_MIN_YEAR && y <= OV_DATE_MAX_YEAR && m >= 1 && m <= 12 && day >= 1 &&
                day <= 28) {
                *out = ov_date_from_ymd(y, m, day); /* a day every month has */
                return OV_PARSE_OK;
            }
            return ymd_result(y, m, day, out);
        }
    }
    size_t n;
    s = ov_trim(s, len, &n);
    if (n == 0)
        return OV_PARSE_EMPTY;
    size_t i = 0;
    int a, b, c;
    char sep;

    /* YYYY-MM-DD (also / or . as separator) */
    if (digits(s, n, &i, 4, 4, &a) && i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        sep = s[i++];
        if (digits(s, n, &i, 1, 2, &b) && take(s, n, &i, sep) && digits(s, n, &i, 1, 2, &c) &&
            time_tail(s, n, i))
            return ymd_result(a, b, c, out);
        return OV_PARSE_BAD;
    }

    /* Day first: D/M/YYYY, D-M-YYYY, D.M.YYYY, D MMM YYYY, D-MMM-YYYY, D-MMM-YY */
    i = 0;
    if (digits(s, n, &i, 1, 2, &a) && i < n &&
        (s[i] == '/' || s[i] == '-' || s[i] == '.' || s[i] == ' ')) {
        sep = s[i++];
        if (sep == ' ')
            while (i < n && s[i] == ' ')
                i++;
        if (i < n && is_digit(s[i])) {
            if (sep == ' ')
                return OV_PARSE_BAD;
            if (digits(s, n, &i, 1, 2, &b) && take(s, n, &i, sep) && digits(s, n, &i, 4, 4, &c) &&
                time_tail(s, n, i))
                return ymd_result(c, b, a, out);
            return OV_PARSE_BAD;
        }
        if ((sep == ' ' || sep == '-') && month_name(s, n, &i, &b) && take(s, n, &i, sep)) {
            if (sep == ' ')
                while (i < n && s[i] == ' ')
                    i++;
            size_t y0 = i;
            if (!digits(s, n, &i, 2, 4, &c) || !time_tail(s, n, i))
                return OV_PARSE_BAD;
            if (i - y0 == 2 && sep == '-')
                c += 2000;
            else if (i - y0 != 4)
                return OV_PARSE_BAD;
            return ymd_result(c, b, a, out);
        }
        return OV_PARSE_BAD;
    }

    return excel_serial(s, n, out);
}

/* Case-insensitive comparison of s[0..n) with the lowercase word w. */
static int word_eq(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++)
        if (lower((unsigned char)s[i]) != w[i])
            return 0;
    return i == n && w[i] == '\0';
}

/* Parses a yes/no value; see parse.h. */
enum ov_parse_result ov_parse_yesno(const char *s, size_t len, int *out)
{
    static const char *const yes[] = {"y", "yes", "true", "1"};
    static const char *const no[] = {"n", "no", "false", "0"};
    size_t n;
    s = ov_trim(s, len, &n);
    if (n == 0)
        return OV_PARSE_EMPTY;
    if (n == 1) { /* Y, N, 1 or 0: most extracts write one character */
        char c = (char)lower((unsigned char)s[0]);
        if (c == 'y' || c == '1' || c == 'n' || c == '0') {
            *out = c == 'y' || c == '1';
            return OV_PARSE_OK;
        }
        return OV_PARSE_BAD;
    }
    for (size_t k = 0; k < 4; k++) {
        if (word_eq(s, n, yes[k])) {
            *out = 1;
            return OV_PARSE_OK;
        }
        if (word_eq(s, n, no[k])) {
            *out = 0;
            return OV_PARSE_OK;
        }
    }
    return OV_PARSE_BAD;
}

/* Parses an integer with an optional zero fraction; see parse.h. */
enum ov_parse_result ov_parse_int(const char *s, size_t len, int32_t *out)
{
    size_t n;
    s = ov_trim(s, len, &n);
    if (n == 0)
        return OV_PARSE_EMPTY;
    size_t i = 0;
    int neg = 0;
    if (s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
    size_t d0 = i;
    int64_t v = 0;
    int big = 0;
    while (i < n && is_digit(s[i])) {
        v = v * 10 + (s[i] - '0');
        if (v > (int64_t)INT32_MAX + 1) {
            big = 1;
            v = (int64_t)INT32_MAX + 2;
        }
        i++;
    }
    if (i == d0)
        return OV_PARSE_BAD;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] == '0')
            i++;
        if (i == f)
            return OV_PARSE_BAD;
    }
    if (i != n)
        return OV_PARSE_BAD;
    if (neg)
        v = -v;
    if (big || v > INT32_MAX || v < INT32_MIN)
        return OV_PARSE_RANGE;
    *out = (int32_t)v;
    return OV_PARSE_OK;
}

/* One step of normalisation: maps c (lowercase; space, '_' and '-' to '_')
 * and returns it, or -1 when it continues a run of separators and is dropped. */
static int norm_step(unsigned char c, int *run)
{
    if (c == ' ' || c == '_' || c == '-') {
        if (*run)
            return -1;
        *run = 1;
        return '_';
    }
    *run = 0;
    return lower(c);
}

/* Normalises a header or code value; see parse.h. */
size_t ov_normalise(const char *s, size_t len, char *out, size_t cap)
{
    size_t n, o = 0;
    s = ov_trim(s, len, &n);
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        int c = norm_step((unsigned char)s[i], &run);
        if (c < 0)
            continue;
        if (o + 1 < cap)
            out[o] = (char)c;
        o++;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return o;
}

/* Returns 1 when the normalised form of the C string text equals key[0..klen);
 * normalises on the fly and stops at the first difference. */
static int norm_eq(const char *text, const char *key, size_t klen)
{
    size_t n, o = 0;
    text = ov_trim(text, strlen(text), &n);
    int run = 0;
    for (size_t i = 0; i < n; i++) {
        int c = norm_step((unsigned char)text[i], &run);
        if (c < 0)
            continue;
        if (o >= klen || key[o] != (char)c)
            return 0;
        o++;
    }
    return o == klen;
}

/* Looks a code value up among the table's names and aliases; see parse.h. */
int ov_code_lookup(const ov_code_table *t, const char *s, size_t len)
{
    char key[CODE_MAX];
    size_t klen = ov_normalise(s, len, key, sizeof key);
    if (klen == 0)
        return -2;
    if (klen >= sizeof key)
        return -1;
    for (size_t i = 0; i < t->count; i++)
        if (norm_eq(t->names[i], key, klen))
            return (int)i;
    for (size_t a = 0; t->aliases && t->aliases[a] && t->aliases[a + 1]; a += 2) {
        if (!norm_eq(t->aliases[a], key, klen))
            continue;
        for (size_t i = 0; i < t->count; i++)
            if (strcmp(t->names[i], t->aliases[a + 1]) == 0)
                return (int)i;
    }
    return -1;
}

/* 1 when c separates the items of a functions list. */
int ov_functions_separator(char c)
{
    return c == ';' || c == ',' || c == '|' || c == '/';
}

/* Parses a functions list: OK when at least one item is known, BAD when every
 * item is unknown, EMPTY when there are no items; see parse.h. */
enum ov_parse_result ov_parse_functions(const char *s, size_t len, uint8_t *mask, int *unknown)
{
    *mask = 0;
    *unknown = 0;
    if (!s)
        return OV_PARSE_EMPTY;
    int items = 0;
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && !ov_functions_separator(s[j]))
            j++;
        int k = ov_code_lookup(&ov_codes_function, s + i, j - i);
        if (k >= 0) {
            *mask |= (uint8_t)(1u << k);
            items++;
        } else if (k == -1) {
            (*unknown)++;
            items++;
        }
        i = j + 1;
    }
    if (items == 0)
        return OV_PARSE_EMPTY;
    return *mask ? OV_PARSE_OK : OV_PARSE_BAD;
}

/* Parses an audit grade through the grade table; see parse.h. */
enum ov_parse_result ov_parse_grade(const char *s, size_t len, int *out)
{
    int k = s ? ov_code_lookup(&ov_codes_grade, s, len) : -2;
    if (k == -2)
        return OV_PARSE_EMPTY;
    if (k < 0)
        return OV_PARSE_BAD;
    *out = k;
    return OV_PARSE_OK;
}

/* Parses an answer on the agreement scale: its words or numbers through the
 * table, then any other whole number (4.0 is 4; 7 is out of range). */
enum ov_parse_result ov_parse_agreement(const char *s, size_t len, int *out)
{
    int k = s ? ov_code_lookup(&ov_codes_agreement, s, len) : -2;
    if (k == -2)
        return OV_PARSE_EMPTY;
    if (k >= 0) {
        *out = k + 1;
        return OV_PARSE_OK;
    }
    int32_t v;
    if (ov_parse_int(s, len, &v) != OV_PARSE_OK)
        return OV_PARSE_BAD;
    if (v < 1 || v > OV_AGREE_COUNT)
        return OV_PARSE_RANGE;
    *out = v;
    return OV_PARSE_OK;
}

/* ---- reporting periods -------------------------------------------------- */

/* Parses exactly n ASCII digits at s; returns the value or -1. */
static int fixed_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parses one YYYY-MM-DD date of a START:END period, with the reason in err. */
static enum ov_parse_result period_date(const char *s, size_t len, const char *whole,
                                        const char *which, ov_date *out, char *err, size_t errlen)
{
    int y = -1, m = -1, d = -1;
    if (len == 10 && s[4] == '-' && s[7] == '-') {
        y = fixed_digits(s, 4);
        m = fixed_digits(s + 5, 2);
        d = fixed_digits(s + 8, 2);
    }
    if (y < 0 || m < 0 || d < 0) {
        snprintf(err, errlen,
                 "period \"%s\": the %s date is not written YYYY-MM-DD (for example "
                 "2025-10-01:2025-12-31)",
                 whole, which);
        return OV_PARSE_BAD;
    }
    if (!ov_date_valid_ymd(y, m, d)) {
        snprintf(err, errlen, "period \"%s\": the %s date %.10s does not exist on the calendar",
                 whole, which, s);
        return OV_PARSE_RANGE;
    }
    if (y < OV_DATE_MIN_YEAR || y > OV_DATE_MAX_YEAR) {
        snprintf(err, errlen, "period \"%s\": the %s date %.10s is outside the years %d-%d", whole,
                 which, s, OV_DATE_MIN_YEAR, OV_DATE_MAX_YEAR);
        return OV_PARSE_RANGE;
    }
    *out = ov_date_from_ymd(y, m, d);
    return OV_PARSE_OK;
}

/* Parses START:END, YYYY-YY, YYYY-YY-Qn or YYYY-MM into its first and last day. */
enum ov_parse_result ov_parse_period(const char *s, size_t len, ov_date *start, ov_date *end,
                                     enum ov_period_form *form, char *err, size_t errlen)
{
    static const char *const forms =
        "use START:END (2025-10-01:2025-12-31), a financial year (2025-26), a quarter "
        "(2025-26-Q3) or a month (2026-03)";
    const char *t = ov_trim(s, len, &len);
    char whole[48];
    snprintf(whole, sizeof(whole), "%.*s", (int)(len > 40 ? 40 : len), t);
    ov_date a, b;
    enum ov_period_form f;

    const char *colon = len ? memchr(t, ':', len) : NULL;
    if (colon) {
        size_t la, lb;
        const char *sa = ov_trim(t, (size_t)(colon - t), &la);
        const char *sb = ov_trim(colon + 1, len - (size_t)(colon - t) - 1, &lb);
        enum ov_parse_result r = period_date(sa, la, whole, "start", &a, err, errlen);
        if (r == OV_PARSE_OK)
            r = period_date(sb, lb, whole, "end", &b, err, errlen);
        if (r != OV_PARSE_OK)
            return r;
        if (b < a) {
            snprintf(err, errlen, "period \"%s\": the end date is before the start date", whole);
            return OV_PARSE_RANGE;
        }
        f = OV_PERIOD_DATES;
        goto ok;
    }

    int y = len >= 7 && t[4] == '-' ? fixed_digits(t, 4) : -1;
    int yy = y >= 0 ? fixed_digits(t + 5, 2) : -1;
    if (y < 0 || yy < 0 || (len != 7 && len != 10)) {
        snprintf(err, errlen, "period \"%s\" is not understood: %s", whole, forms);
        return len ? OV_PARSE_BAD : OV_PARSE_EMPTY;
    }
    int fy = yy == (y + 1) % 100;
    if (len == 10) {
        /* YYYY-YY-Qn */
        int q = (t[7] == '-' && (t[8] == 'Q' || t[8] == 'q')) ? fixed_digits(t + 9, 1) : -1;
        if (q < 0) {
            snprintf(err, errlen, "period \"%s\" is not understood: %s", whole, forms);
            return OV_PARSE_BAD;
        }
        if (!fy) {
            snprintf(err, errlen,
                     "period \"%s\": a financial year runs into the next year, so write "
                     "%04d-%02d-Q%d",
                     whole, y, (y + 1) % 100, q);
            return OV_PARSE_BAD;
        }
        if (q < 1 || q > 4) {
            snprintf(err, errlen, "period \"%s\": quarters are Q1 (Apr-Jun) to Q4 (Jan-Mar)",
                     whole);
            return OV_PARSE_RANGE;
        }
        if (y < OV_DATE_MIN_YEAR || y + 1 > OV_DATE_MAX_YEAR) {
            snprintf(err, errlen, "period \"%s\" is outside the years %d-%d", whole,
                     OV_DATE_MIN_YEAR, OV_DATE_MAX_YEAR);
            return OV_PARSE_RANGE;
        }
        a = ov_add_months(ov_date_from_ymd(y, 4, 1), 3 * (q - 1));
        b = ov_month_end(ov_add_months(a, 2));
        f = OV_PERIOD_QUARTER;
        goto ok;
    }
    if (fy) {
        /* YYYY-YY: financial year 1 April YYYY to 31 March YYYY+1 */
        if (y < OV_DATE_MIN_YEAR || y + 1 > OV_DATE_MAX_YEAR) {
            snprintf(err, errlen, "period \"%s\" is outside the years %d-%d", whole,
                     OV_DATE_MIN_YEAR, OV_DATE_MAX_YEAR);
            return OV_PARSE_RANGE;
        }
        a = ov_date_from_ymd(y, 4, 1);
        b = ov_date_from_ymd(y + 1, 3, 31);
        f = OV_PERIOD_YEAR;
        goto ok;
    }
    /* YYYY-MM: a calendar month */
    if (yy < 1 || yy > 12) {
        snprintf(err, errlen,
                 "period \"%s\": %02d is not a month (01-12), and a financial year starting "
                 "in %04d is written %04d-%02d",
                 whole, yy, y, y, (y + 1) % 100);
        return OV_PARSE_RANGE;
    }
    if (y < OV_DATE_MIN_YEAR || y > OV_DATE_MAX_YEAR) {
        snprintf(err, errlen, "period \"%s\" is outside the years %d-%d", whole, OV_DATE_MIN_YEAR,
                 OV_DATE_MAX_YEAR);
        return OV_PARSE_RANGE;
    }
    a = ov_date_from_ymd(y, yy, 1);
    b = ov_date_from_ymd(y, yy, ov_days_in_month(y, yy));
    f = OV_PERIOD_MONTH;
ok:
    *start = a;
    *end = b;
    if (form)
        *form = f;
    return OV_PARSE_OK;
}
