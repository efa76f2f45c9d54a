/* strtab.c — the string intern table: a word-at-a-time hash, open addressing. */
#include "core/strtab.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* Mixes one word into the hash. */
static inline uint64_t mix(uint64_t h, uint64_t w)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    h = (h ^ w) * k;
    return h ^ (h >> 29);
}

/* Four bytes at p as a number (only equality matters, so the machine's byte
 * order does not). */
static inline uint64_t load4(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

/* Hash of a byte string, eight bytes at a time (identifiers are short). The
 * bytes past the last whole word are read in one or two loads that may
 * overlap bytes already read, never a loop: with the length mixed in first,
 * every byte still counts. */
uint64_t ov_hash_bytes(const char *s, size_t len)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = (uint64_t)len * k;
    size_t n = len;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = mix(h, w);
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w;
        if (len >= 8) { /* the last eight bytes of the string */
            memcpy(&w, s + n - 8, 8);
        } else if (n >= 4) { /* the first four and the last four */
            w = load4(s) | load4(s + n - 4) << 32;
        } else { /* one to three bytes: first, middle and last */
            w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
                (uint64_t)(unsigned char)s[n - 1] << 16;
        }
        h = mix(h, w);
    }
    h *= k;
    return h ^ (h >> 32);
}

/* Rebuilds the open-addressing slot array at the given size. */
static void strtab_rehash(ov_strtab *t, size_t nslots)
{
    free(t->slots);
    t->slots = ov_xcalloc(nslots, sizeof(*t->slots));
    t->nslots = nslots;
    for (size_t i = 0; i < t->n; i++) {
        size_t h = (size_t)ov_hash_bytes(t->str[i], t->len[i]) & (nslots - 1);
        while (t->slots[h])
            h = (h + 1) & (nslots - 1);
        t->slots[h] = (uint32_t)i + 1;
    }
}

/* Returns the slot where s is or would be. */
static size_t strtab_slot(const ov_strtab *t, const char *s, size_t len)
{
    size_t h = (size_t)ov_hash_bytes(s, len) & (t->nslots - 1);
    while (t->slots[h]) {
        uint32_t i = t->slots[h] - 1;
        if (t->len[i] == len && memcmp(t->str[i], s, len) == 0)
            return h;
        h = (h + 1) & (t->nslots - 1);
    }
    return h;
}

/* Returns the index of s, adding it when new. */
uint32_t ov_strtab_intern(ov_strtab *t, const char *s, size_t len, int *added)
{
    if (!t->nslots || (t->n + 1) * 2 > t->nslots)
        strtab_rehash(t, t->nslots ? t->nslots * 2 : 64);
    size_t h = strtab_slot(t, s, len);
    if (t->slots[h]) {
        if (added)
            *added = 0;
        return t->slots[h] - 1;
    }
    size_t cap = t->cap;
    ov_grow((void **)&t->str, &cap, t->n + 1, sizeof(*t->str));
    cap = t->cap;
    ov_grow((void **)&t->len, &cap, t->n + 1, sizeof(*t->len));
    cap = t->cap;
    ov_grow((void **)&t->value, &cap, t->n + 1, sizeof(*t->value));
    t->cap = cap;
    t->str[t->n] = ov_xstrndup(s, len);
    t->len[t->n] = (uint32_t)len;
    t->value[t->n] = -1;
    t->slots[h] = (uint32_t)t->n + 1;
    if (added)
        *added = 1;
    return (uint32_t)t->n++;
}

/* Returns the index of s or -1. */
int64_t ov_strtab_find(const ov_strtab *t, const char *s, size_t len)
{
    if (!t->nslots)
        return -1;
    size_t h = strtab_slot(t, s, len);
    return t->slots[h] ? (int64_t)t->slots[h] - 1 : -1;
}

/* Returns interned string i. */
const char *ov_strtab_get(const ov_strtab *t, uint32_t i)
{
    return i < t->n ? t->str[i] : "";
}

/* Frees the table's memory; accepts NULL. */
void ov_strtab_free(ov_strtab *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->str[i]);
    free(t->str);
    free(t->len);
    free(t->value);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}
