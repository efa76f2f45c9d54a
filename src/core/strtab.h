/* strtab.h — string interning: byte strings mapped to dense indexes, each with
 * a value slot for the caller. The table owns its strings. */
#ifndef OV_CORE_STRTAB_H
#define OV_CORE_STRTAB_H

#include <stddef.h>
#include <stdint.h>

/* String intern table: maps byte strings to dense indexes 0..n-1, each with an
 * int32 value slot (initially -1) for the caller's use (e.g. a row index).
 * The table owns its strings. */
typedef struct {
    char **str;     /* str[i]: interned string i */
    uint32_t *len;  /* length of str[i] */
    int32_t *value; /* caller's slot, -1 until set */
    size_t n, cap;
    uint32_t *slots; /* open addressing, 0 = empty, else index+1 */
    size_t nslots;
} ov_strtab;

/* Returns the index of s[0..len), adding it when new (sets *added if non-NULL). */
uint32_t ov_strtab_intern(ov_strtab *t, const char *s, size_t len, int *added);
/* Returns the index of s[0..len) or -1 when absent. */
int64_t ov_strtab_find(const ov_strtab *t, const char *s, size_t len);
/* Returns the interned string (owned by the table). */
const char *ov_strtab_get(const ov_strtab *t, uint32_t i);
void ov_strtab_free(ov_strtab *t);

/* The hash the table uses: of s[0..len), word at a time (not a digest). */
uint64_t ov_hash_bytes(const char *s, size_t len);

#endif
