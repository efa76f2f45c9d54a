/* profile.h — mapping profiles: PCRE2 patterns (templates/profiles/NAME.csv)
 * that map a source system's header wording and code values onto the
 * canonical fields and codes. Patterns are compiled once, JIT where possible. */
#ifndef OV_INGEST_PROFILE_H
#define OV_INGEST_PROFILE_H

#include <stddef.h>

#include "ingest/model.h"

typedef struct ov_profile ov_profile;

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
/* The profile's name as loaded. */
const char *ov_profile_name(const ov_profile *p);
void ov_profile_free(ov_profile *p);

#endif
