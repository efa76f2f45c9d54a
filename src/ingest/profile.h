/* profile.h — mapping profiles: PCRE2 patterns (templates/profiles/NAME.csv)
 * that map a source system's header wording and code values onto the
 * canonical fields and codes. Patterns are compiled once, JIT where possible;
 * a loaded profile is only read while matching, so threads may share it. */
#ifndef OV_INGEST_PROFILE_H
#define OV_INGEST_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/model.h"

typedef struct ov_profile ov_profile;

/* A file's header row as matching sees it: the dataset and each column's
 * normalised name (ov_normalise; "" for a blank column). Nothing is owned. */
typedef struct {
    enum ov_dataset ds;
    const char *const *names;
    const size_t *lens;
    size_t ncols;
} ov_header;

/* One column of a header mapped onto the schema. */
typedef struct {
    int field; /* schema index the column matches, or -1: no field (ignored) */
    int also;  /* a second field the same column matches (a conflict), or -1 */
    int first; /* an earlier column that already fills field (a conflict), or -1 */
} ov_header_col;

/* How a header fits its dataset under a profile. */
typedef struct {
    uint32_t missing; /* bit f: required schema field f has no column */
    int nmissing;     /* required fields without a column */
    int conflict;     /* a column matches two fields, or two columns one field */
} ov_header_fit;

/* The profiles of a templates folder other than default.csv, in name order;
 * the set owns them. */
typedef struct {
    ov_profile **p;
    size_t n;
} ov_profile_set;

/* Loads templates_dir/profiles/default.csv and, when name is not NULL or
 * "default", templates_dir/profiles/NAME.csv on top. Returns a profile the
 * caller frees with ov_profile_free, or NULL with one line in err. */
ov_profile *ov_profile_load(const char *templates_dir, const char *name, char *err, size_t errlen);
/* Returns 1 when a profile name is safe to look up (letters, digits, '_', '-'). */
int ov_profile_name_ok(const char *name);
/* Field indexes of ds matched by a normalised header (canonical name or a
 * pattern), up to max, in fields[]; returns how many distinct fields matched. */
int ov_profile_match_header(const ov_profile *p, enum ov_dataset ds, const char *norm, size_t len,
                            int *fields, int max);
/* Code index of table t for a normalised value via the profile's code
 * patterns, or -1. */
int ov_profile_match_code(const ov_profile *p, const ov_code_table *t, const char *norm,
                          size_t len);
/* Maps header h onto its schema under p (NULL: canonical names only). When
 * cols is not NULL it receives one entry per column (h->ncols of them); a
 * column is used only when it has a field and no conflict. Returns the fit. */
ov_header_fit ov_profile_map_header(const ov_profile *p, const ov_header *h, ov_header_col *cols);

/* Loads every templates_dir/profiles/NAME.csv but default.csv (each on top of
 * default.csv, as ov_profile_load does), in bytewise order of NAME; files
 * whose NAME is not a usable profile name are skipped. Returns 0, or -1 with
 * one line in err (s is then empty). The caller frees s with
 * ov_profile_set_free. */
int ov_profile_set_load(ov_profile_set *s, const char *templates_dir, char *err, size_t errlen);
/* Frees the profiles of s and empties it; accepts NULL. */
void ov_profile_set_free(ov_profile_set *s);
/* Counts the profiles of s under which every one of the nh headers fits:
 * every required field has a column and no column conflicts. *first and
 * *second receive the indexes (in s) of the first two that fit, or -1. */
int ov_profile_choose(const ov_profile_set *s, const ov_header *h, size_t nh, int *first,
                      int *second);
/* The profile of s that comes closest to fitting header h: no conflict, the
 * fewest required fields still missing, the first in name order on a tie; it
 * counts only when it leaves fewer missing than base (the profile in force).
 * Returns its index in s with its fit in *fit (may be NULL), or -1. */
int ov_profile_closest(const ov_profile_set *s, const ov_profile *base, const ov_header *h,
                       ov_header_fit *fit);
/* The profile's name as loaded. */
const char *ov_profile_name(const ov_profile *p);
void ov_profile_free(ov_profile *p);

#endif
