/* narrative.c — loading the report wording (key = text entries with
 * continuation lines) and filling its {placeholders}. */
#include "report/narrative.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"

/* Index of key or -1. */
static long find_key(const ov_narrative *n, const char *key)
{
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(n->keys[i], key) == 0)
            return (long)i;
    return -1;
}

/* Sets key to val (both copied; val trimmed of trailing spaces). */
static void set_entry(ov_narrative *n, const char *key, size_t klen, const char *val, size_t vlen,
                      unsigned long line)
{
    while (vlen && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t'))
        vlen--;
    char *k = ov_xstrndup(key, klen);
    long at = find_key(n, k);
    if (at >= 0) {
        ov_warn("%s line %lu: %s is given again; the later text is used", n->path, line, k);
        free(k);
        free(n->vals[at]);
        n->vals[at] = ov_xstrndup(val, vlen);
        return;
    }
    size_t cap = n->cap;
    ov_grow((void **)&n->keys, &cap, n->n + 1, sizeof *n->keys);
    cap = n->cap;
    ov_grow((void **)&n->vals, &cap, n->n + 1, sizeof *n->vals);
    cap = n->cap;
    ov_grow((void **)&n->warned, &cap, n->n + 1, sizeof *n->warned);
    n->cap = cap;
    n->keys[n->n] = k;
    n->vals[n->n] = ov_xstrndup(val, vlen);
    n->warned[n->n] = 0;
    n->n++;
}

/* 1 for characters allowed in keys: letters, digits and . _ - */
static int key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

/* Parses `key = text` entries into n, warning about and skipping bad lines; returns 0. */
int ov_narr_parse(ov_narrative *n, const char *text, size_t len, const char *name)
{
    free(n->path);
    n->path = ov_xstrdup(name);
    ov_buf val = {0};
    char *key = NULL;
    unsigned long line = 0, key_line = 0;
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + pos;
        size_t l = end - pos;
        if (l && s[l - 1] == '\r')
            l--;
        line++;
        pos = end + 1;
        size_t i = 0;
        while (i < l && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == l) /* blank line ends nothing: continuation needs indentation */
            continue;
        if (i > 0 && s[i] != '#') {
            if (!key) {
                ov_warn("%s line %lu: an indented line continues no entry; it is ignored", n->path,
                        line);
                continue;
            }
            if (val.len)
                ov_buf_addc(&val, ' ');
            ov_buf_add(&val, s + i, l - i);
            continue;
        }
        if (s[i] == '#')
            continue;
        if (key) {
            set_entry(n, key, strlen(key), val.s ? val.s : "", val.len, key_line);
            free(key);
            key = NULL;
        }
        ov_buf_reset(&val);
        size_t k = 0;
        while (k < l && key_char(s[k]))
            k++;
        size_t e = k;
        while (e < l && (s[e] == ' ' || s[e] == '\t'))
            e++;
        if (k == 0 || e >= l || s[e] != '=') {
            ov_warn("%s line %lu: expected `key = text`; the line is ignored", n->path, line);
            continue;
        }
        key = ov_xstrndup(s, k);
        key_line = line;
        e++;
        while (e < l && (s[e] == ' ' || s[e] == '\t'))
            e++;
        ov_buf_add(&val, s + e, l - e);
    }
    if (key)
        set_entry(n, key, strlen(key), val.s ? val.s : "", val.len, key_line);
    free(key);
    ov_buf_free(&val);
    return 0;
}

/* Loads DIR/narrative.txt (templates/ when dir is NULL); returns 0, or -1 after ov_err. */
int ov_narr_load(ov_narrative *n, const char *dir)
{
    char *path = ov_path_join(dir ? dir : "templates", "narrative.txt");
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ov_err("cannot read the report wording %s: %s (it belongs in the templates folder; "
               "reinstall or point --templates at it)",
               path, strerror(errno));
        free(path);
        return -1;
    }
    ov_buf b = {0};
    char chunk[8192];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ov_buf_add(&b, chunk, k);
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        ov_err("cannot read the report wording %s (check the file)", path);
        ov_buf_free(&b);
        free(path);
        return -1;
    }
    ov_narr_parse(n, b.s ? b.s : "", b.len, path);
    ov_buf_free(&b);
    free(path);
    return 0;
}

/* The raw text of key, or NULL when there is no such entry. */
const char *ov_narr_get(const ov_narrative *n, const char *key)
{
    long i = find_key(n, key);
    return i < 0 ? NULL : n->vals[i];
}

/* Fills the {placeholders} of tmpl from vars (caller frees); counts unknown ones in *unknown. */
char *ov_narr_fill(const char *tmpl, const ov_narr_var *vars, size_t nvars, size_t *unknown)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    size_t bad = 0;
    for (const char *p = tmpl; *p;) {
        if (p[0] == '{' && p[1] == '{') {
            ov_buf_addc(&b, '{');
            p += 2;
            continue;
        }
        if (p[0] == '{') {
            const char *e = p + 1;
            while (*e && (key_char(*e)) && *e != '.')
                e++;
            if (*e == '}' && e > p + 1) {
                size_t l = (size_t)(e - p - 1);
                size_t i;
                for (i = 0; i < nvars; i++)
                    if (strlen(vars[i].name) == l && memcmp(vars[i].name, p + 1, l) == 0)
                        break;
                if (i < nvars) {
                    ov_buf_adds(&b, vars[i].value ? vars[i].value : "");
                    p = e + 1;
                    continue;
                }
                bad++;
            }
        }
        ov_buf_addc(&b, *p++);
    }
    if (unknown)
        *unknown = bad;
    return ov_buf_detach(&b);
}

/* Text of key filled from vars (caller frees); a missing key or an unknown placeholder is
 * warned about once per key. */
char *ov_narr_text(ov_narrative *n, const char *key, const ov_narr_var *vars, size_t nvars)
{
    long i = find_key(n, key);
    if (i < 0) {
        /* remember the warning under the key itself so it is given once */
        set_entry(n, key, strlen(key), "", 0, 0);
        n->warned[n->n - 1] = 1;
        ov_warn("%s has no text for %s; that part of the report is left blank",
                n->path ? n->path : "narrative.txt", key);
        return ov_xstrdup("");
    }
    size_t unknown = 0;
    char *s = ov_narr_fill(n->vals[i], vars, nvars, &unknown);
    if (unknown && !n->warned[i]) {
        n->warned[i] = 1;
        ov_warn("%s: %s uses a {placeholder} the report does not know; it is printed as "
                "written",
                n->path ? n->path : "narrative.txt", key);
    }
    return s;
}

/* Joins items as "A, B and C" with and_word for "and" (caller frees). */
char *ov_narr_join(const char *const *items, size_t n, const char *and_word)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ov_buf_adds(&b, i + 1 == n ? " " : ", ");
        if (i > 0 && i + 1 == n) {
            ov_buf_adds(&b, and_word);
            ov_buf_addc(&b, ' ');
        }
        ov_buf_adds(&b, items[i]);
    }
    return ov_buf_detach(&b);
}

/* Frees everything and zeroes n; accepts NULL. */
void ov_narr_free(ov_narrative *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        free(n->keys[i]);
        free(n->vals[i]);
    }
    free(n->keys);
    free(n->vals);
    free(n->warned);
    free(n->path);
    memset(n, 0, sizeof *n);
}
