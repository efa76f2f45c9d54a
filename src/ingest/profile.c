/* profile.c — loads and applies mapping profiles (header and code aliases as
 * PCRE2 patterns over normalised text). */
#include "ingest/profile.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"
#include "ingest/schema.h"

typedef struct {
    int dataset;                /* enum ov_dataset, or -1 = any dataset with the field */
    const char *field;          /* canonical field name (static schema storage) */
    const ov_code_table *table; /* code rules: vocabulary */
    int value;                  /* code rules: canonical index */
    pcre2_code *re;
} rule;

struct ov_profile {
    char *name;
    rule *headers;
    size_t nheaders, cap_headers;
    rule *codes;
    size_t ncodes, cap_codes;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
};

static const struct {
    const char *name;
    const ov_code_table *table;
} vocabularies[] = {
    {"agency_type", &ov_codes_agency_type},     {"schedule", &ov_codes_schedule},
    {"session_type", &ov_codes_session_type},   {"session_status", &ov_codes_session_status},
    {"function", &ov_codes_function},           {"category", &ov_codes_category},
    {"action_status", &ov_codes_action_status}, {"section", &ov_codes_comment_section},
};

/* Returns 1 when a profile name is safe to use in a file name. */
int ov_profile_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 64)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return 0;
    return 1;
}

typedef struct {
    ov_profile *p;
    const char *path;
    int col[5]; /* kind, dataset, field, pattern, value */
    char *err;
    size_t errlen;
    int failed;
} load_ctx;

/* Compiles one anchored, caseless, Unicode-aware pattern with JIT. */
static pcre2_code *compile_pattern(const char *pat, char *msg, size_t msglen)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                      PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                      &errcode, &erroff, NULL);
    if (!re) {
        PCRE2_UCHAR buf[160];
        pcre2_get_error_message(errcode, buf, sizeof(buf));
        snprintf(msg, msglen, "%s at offset %zu", (const char *)buf, (size_t)erroff);
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    return re;
}

/* Finds the canonical (static) name of field in dataset ds, or NULL. */
static const char *schema_field(int ds, const char *field)
{
    size_t n;
    const ov_field_def *f = ov_schema_fields((enum ov_dataset)ds, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, field) == 0)
            return f[i].name;
    return NULL;
}

/* Records a load error once. */
static int load_fail(load_ctx *c, unsigned long line, const char *what)
{
    snprintf(c->err, c->errlen, "%s line %lu: %s (fix the mapping profile)", c->path, line, what);
    c->failed = 1;
    return 1;
}

/* One record of a profile file. */
static int load_record(const ov_csv_record *rec, void *vctx)
{
    load_ctx *c = vctx;
    static const char *const cols[5] = {"kind", "dataset", "field", "pattern", "value"};
    char norm[64], msg[200];
    if (rec->index == 0) {
        for (int k = 0; k < 5; k++)
            c->col[k] = -1;
        for (size_t i = 0; i < rec->nfields; i++) {
            ov_normalise(rec->field[i], rec->len[i], norm, sizeof(norm));
            for (int k = 0; k < 5; k++)
                if (strcmp(norm, cols[k]) == 0)
                    c->col[k] = (int)i;
        }
        for (int k = 0; k < 4; k++)
            if (c->col[k] < 0) {
                snprintf(msg, sizeof(msg), "the header has no '%s' column", cols[k]);
                return load_fail(c, rec->line, msg);
            }
        return 0;
    }
    if (rec->error)
        return load_fail(c, rec->line, "malformed quoted field");
    const char *v[5] = {"", "", "", "", ""};
    size_t vl[5] = {0};
    for (int k = 0; k < 5; k++)
        if (c->col[k] >= 0 && (size_t)c->col[k] < rec->nfields)
            v[k] = ov_trim(rec->field[c->col[k]], rec->len[c->col[k]], &vl[k]);
    if (vl[0] == 0 && vl[3] == 0)
        return 0; /* a blank line kept for readability */
    char kind[16], ds[32], field[48];
    ov_normalise(v[0], vl[0], kind, sizeof(kind));
    ov_normalise(v[1], vl[1], ds, sizeof(ds));
    ov_normalise(v[2], vl[2], field, sizeof(field));
    char *pat = ov_xstrndup(v[3], vl[3]);
    rule r = {.dataset = -1, .value = -1};
    if (strcmp(kind, "header") == 0) {
        if (ds[0]) {
            for (int d = 0; d < OV_DS_COUNT; d++)
                if (strcmp(ds, ov_dataset_name((enum ov_dataset)d)) == 0)
                    r.dataset = d;
            if (r.dataset < 0) {
                free(pat);
                return load_fail(c, rec->line, "unknown dataset");
            }
            r.field = schema_field(r.dataset, field);
        } else {
            for (int d = 0; d < OV_DS_COUNT && !r.field; d++)
                r.field = schema_field(d, field);
        }
        if (!r.field) {
            free(pat);
            return load_fail(c, rec->line, "unknown field");
        }
    } else if (strcmp(kind, "code") == 0) {
        for (size_t i = 0; i < sizeof(vocabularies) / sizeof(vocabularies[0]); i++)
            if (strcmp(field, vocabularies[i].name) == 0)
                r.table = vocabularies[i].table;
        if (!r.table) {
            free(pat);
            return load_fail(c, rec->line, "unknown code list in 'field'");
        }
        r.value = c->col[4] >= 0 ? ov_code_lookup(r.table, v[4], vl[4]) : -1;
        if (r.value < 0) {
            free(pat);
            return load_fail(c, rec->line, "'value' is not a code of that list");
        }
    } else {
        free(pat);
        return load_fail(c, rec->line, "kind must be header or code");
    }
    r.re = compile_pattern(pat, msg, sizeof(msg));
    free(pat);
    if (!r.re)
        return load_fail(c, rec->line, msg);
    if (r.table)
        *OV_PUSH(c->p->codes, c->p->ncodes, c->p->cap_codes) = r;
    else
        *OV_PUSH(c->p->headers, c->p->nheaders, c->p->cap_headers) = r;
    return 0;
}

/* Adds the rules of one profile file; returns 0 or -1 with err set. */
static int load_file(ov_profile *p, const char *path, char *err, size_t errlen)
{
    load_ctx c = {.p = p, .path = path, .err = err, .errlen = errlen};
    ov_csv_info info;
    enum ov_csv_error e = ov_csv_read_file(path, load_record, &c, &info);
    if (c.failed)
        return -1;
    if (e != OV_CSV_OK) {
        snprintf(err, errlen, "cannot read mapping profile %s: %s", path, ov_csv_strerror(e));
        return -1;
    }
    return 0;
}

/* Loads default.csv and the named profile on top. */
ov_profile *ov_profile_load(const char *templates_dir, const char *name, char *err, size_t errlen)
{
    ov_profile *p = ov_xcalloc(1, sizeof(*p));
    p->name = ov_xstrdup(name && *name ? name : "default");
    char *path = ov_xasprintf("%s/profiles/default.csv", templates_dir);
    int rc = load_file(p, path, err, errlen);
    free(path);
    if (rc == 0 && name && *name && strcmp(name, "default") != 0) {
        if (!ov_profile_name_ok(name)) {
            snprintf(err, errlen, "mapping profile name '%s' is not usable", name);
            rc = -1;
        } else {
            path = ov_xasprintf("%s/profiles/%s.csv", templates_dir, name);
            rc = load_file(p, path, err, errlen);
            free(path);
        }
    }
    if (rc != 0) {
        ov_profile_free(p);
        return NULL;
    }
    p->md = pcre2_match_data_create(4, NULL);
    p->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(p->mctx, 100000);
    pcre2_set_depth_limit(p->mctx, 1000);
    return p;
}

/* Runs one rule's pattern over normalised text. */
static int rule_matches(const ov_profile *p, const rule *r, const char *s, size_t len)
{
    return pcre2_match(r->re, (PCRE2_SPTR)s, len, 0, 0, p->md, p->mctx) >= 0;
}

/* Adds field index f to fields[] unless present; returns the new count. */
static int add_unique(int *fields, int n, int max, int f)
{
    for (int i = 0; i < n; i++)
        if (fields[i] == f)
            return n;
    if (n < max)
        fields[n++] = f;
    return n;
}

/* Fields of ds matched by a normalised header. */
int ov_profile_match_header(const ov_profile *p, enum ov_dataset ds, const char *norm, size_t len,
                            int *fields, int max)
{
    size_t nf;
    const ov_field_def *schema = ov_schema_fields(ds, &nf);
    int n = 0;
    for (size_t i = 0; i < nf; i++)
        if (strlen(schema[i].name) == len && memcmp(schema[i].name, norm, len) == 0)
            n = add_unique(fields, n, max, (int)i);
    if (!p || !ov_utf8_valid(norm, len))
        return n;
    for (size_t k = 0; k < p->nheaders; k++) {
        const rule *r = &p->headers[k];
        if (r->dataset >= 0 && r->dataset != (int)ds)
            continue;
        int f = ov_schema_field_index(ds, r->field);
        if (f < 0 || !rule_matches(p, r, norm, len))
            continue;
        n = add_unique(fields, n, max, f);
    }
    return n;
}

/* Code index via the profile's code patterns, or -1. */
int ov_profile_match_code(const ov_profile *p, const ov_code_table *t, const char *norm, size_t len)
{
    if (!p || !ov_utf8_valid(norm, len))
        return -1;
    for (size_t k = 0; k < p->ncodes; k++)
        if (p->codes[k].table == t && rule_matches(p, &p->codes[k], norm, len))
            return p->codes[k].value;
    return -1;
}

/* The profile's name. */
const char *ov_profile_name(const ov_profile *p)
{
    return p ? p->name : "default";
}

/* Frees a profile; accepts NULL. */
void ov_profile_free(ov_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nheaders; i++)
        pcre2_code_free(p->headers[i].re);
    for (size_t i = 0; i < p->ncodes; i++)
        pcre2_code_free(p->codes[i].re);
    free(p->headers);
    free(p->codes);
    pcre2_match_data_free(p->md);
    pcre2_match_context_free(p->mctx);
    free(p->name);
    free(p);
}
