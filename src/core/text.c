/* text.c — CSV field writing (RFC 4180 quoting, formula guard), UTF-8
 * validation and HTML text and CSS string escaping. */
#include "core/text.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(OV_NO_SIMD)
#define OV_TEXT_SSE2 1
#include <emmintrin.h>
#endif

/* Writes v in decimal into buf; returns its length (see text.h). */
size_t ov_fmt_u64(char *buf, unsigned long long v)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    buf[n] = '\0';
    return n;
}

/* Writes v in decimal, with a minus sign when negative; returns its length. */
size_t ov_fmt_i64(char *buf, long long v)
{
    if (v >= 0)
        return ov_fmt_u64(buf, (unsigned long long)v);
    buf[0] = '-';
    return 1 + ov_fmt_u64(buf + 1, 0ULL - (unsigned long long)v);
}

/* Writes one CSV field with quoting, guarding text against formula injection. */
void ov_csv_field(FILE *fp, const char *s, int guard)
{
    if (!s)
        return;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int prefix = guard && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                           s[0] == '\t' || s[0] == '\r');
    if (!quote && !prefix) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    if (prefix)
        fputc('\'', fp);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', fp);
        fputc(*p, fp);
    }
    fputc('"', fp);
}

/* Writes n text fields as one CSV line. */
void ov_csv_row(FILE *fp, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', fp);
        ov_csv_field(fp, fields[i], 1);
    }
    fputc('\n', fp);
}

/* The length of the well-formed UTF-8 sequence at p (at most e - p bytes) and
 * its code point in *cp; 0 when the bytes there are not one. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *e, unsigned *cp)
{
    unsigned c = *p;
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)(e - p) <= n)
        return 0;
    unsigned v = c & (0x3f >> n);
    for (size_t i = 1; i <= n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n + 1;
}

/* Returns 1 when s[0..len) is well-formed UTF-8. */
int ov_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        /* fast path: 64 ASCII bytes at a time (SSE2: one test of four
         * blocks), 32 (one test of four words), then eight */
#if defined(OV_TEXT_SSE2)
        while (e - p >= 64) {
            const __m128i *v = (const __m128i *)(const void *)p;
            __m128i o = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
                                     _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));
            if (_mm_movemask_epi8(o))
                break;
            p += 64;
        }
#endif
        while (e - p >= 32) {
            uint64_t w[4];
            memcpy(w, p, sizeof(w));
            if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL)
                break;
            p += 32;
        }
        while (e - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= e)
            break;
        unsigned cp;
        size_t n = utf8_seq(p, e, &cp);
        if (n == 0)
            return 0;
        p += n;
    }
    return 1;
}

/* Writes s as HTML text (see text.h). */
void ov_html_escape(FILE *fp, const char *s, int br)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);
    const unsigned char *run = p; /* bytes written as they are, not yet flushed */
    while (p < e) {
        unsigned c = *p;
        if (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
            p++;
            continue;
        }
        unsigned cp = 0;
        size_t n = utf8_seq(p, e, &cp);
        if (n > 1 && !(cp >= 0x80 && cp <= 0x9f) && !(cp >= 0x202a && cp <= 0x202e) &&
            !(cp >= 0x2066 && cp <= 0x2069)) {
            p += n; /* a character kept as it is */
            continue;
        }
        fwrite(run, 1, (size_t)(p - run), fp);
        if (n == 0)
            fputs("\xef\xbf\xbd", fp); /* U+FFFD for a byte that is not UTF-8 */
        else if (cp == '&')
            fputs("&amp;", fp);
        else if (cp == '<')
            fputs("&lt;", fp);
        else if (cp == '>')
            fputs("&gt;", fp);
        else if (cp == '"')
            fputs("&quot;", fp);
        else if (cp == '\'')
            fputs("&#39;", fp);
        else if (cp == '\n')
            fputs(br ? "<br>" : "\n", fp);
        else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
            fputc(' ', fp);
        /* else a bidi control: left out */
        p += n ? n : 1;
        run = p;
    }
    fwrite(run, 1, (size_t)(p - run), fp);
}

/* Writes s as a quoted CSS string (see text.h). */
void ov_css_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *e = p + strlen((const char *)p);
    while (p < e) {
        unsigned c = *p, cp = 0xfffd;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == ' ') {
            fputc((int)c, fp);
            p++;
            continue;
        }
        size_t n = utf8_seq(p, e, &cp);
        if (n == 0 || cp == 0)
            cp = 0xfffd;
        fprintf(fp, "\\%06x", cp); /* six digits: no space needed after it */
        p += n ? n : 1;
    }
    fputc('"', fp);
}
