/* text.c — CSV field writing (RFC 4180 quoting, formula guard) and UTF-8
 * validation. */
#include "core/text.h"

#include <stdint.h>
#include <string.h>

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

/* Returns 1 when s[0..len) is well-formed UTF-8. */
int ov_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        /* fast path: eight ASCII bytes at a time */
        while (e - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= e)
            break;
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t n;
        unsigned min;
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
        unsigned cp = c & (0x3f >> n);
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}
