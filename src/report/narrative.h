/* narrative.h — the wording of the board report, kept in an editable text
 * file (templates/narrative.txt) so a partnership can change it without
 * recompiling. Entries are `key = text`; a line that starts with a space or a
 * tab continues the entry above; `#` starts a comment line. Texts hold
 * {placeholders} that the report fills from the figures ({{ is a literal {). */
#ifndef OV_REPORT_NARRATIVE_H
#define OV_REPORT_NARRATIVE_H

#include <stddef.h>

typedef struct {
    char **keys, **vals;   /* owned */
    unsigned char *warned; /* per key: a problem was already reported */
    size_t n, cap;
    char *path; /* file as loaded, owned; for messages */
} ov_narrative;

typedef struct {
    const char *name;  /* placeholder name without braces */
    const char *value; /* NULL counts as "" */
} ov_narr_var;

/* Parses narrative text (name is used in messages). Malformed lines are
 * warned about and skipped; a repeated key replaces the earlier text.
 * Returns 0. The narrative owns its strings; free with ov_narr_free. */
int ov_narr_parse(ov_narrative *n, const char *text, size_t len, const char *name);
/* Loads DIR/narrative.txt. Returns 0, or -1 after a message via ov_err. */
int ov_narr_load(ov_narrative *n, const char *dir);
/* The raw text of key, or NULL when the file has no such entry. */
const char *ov_narr_get(const ov_narrative *n, const char *key);
/* Fills the {placeholders} of tmpl from vars into a malloc'd string (caller
 * frees). Unknown placeholders are kept as written and counted in *unknown
 * (may be NULL). */
char *ov_narr_fill(const char *tmpl, const ov_narr_var *vars, size_t nvars, size_t *unknown);
/* Text of key filled from vars (caller frees). A missing key gives "" and an
 * unknown placeholder is kept; each is warned about once per key. */
char *ov_narr_text(ov_narrative *n, const char *key, const ov_narr_var *vars, size_t nvars);
/* Joins items as "A, B and C" with the given word for "and" (caller frees). */
char *ov_narr_join(const char *const *items, size_t n, const char *and_word);
/* Frees everything; accepts NULL. */
void ov_narr_free(ov_narrative *n);

#endif
