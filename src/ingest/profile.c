/* profile.c — loads and applies mapping profiles (header and code aliases as
 * PCRE2 patterns over normalised text), maps a header onto a schema, and
 * finds the profile of a templates folder under which an agency's headers fit. */
#include "ingest/profile.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <dirent.h>
#include <errno.h>
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
    pcre2_match_context *mctx; /* read-only while matching: shared by threads */
};

static const struct {
    const char *name;
    const ov_code_table *table;
} vocabularies[] = {
    {"agency_type", &ov_codes_agency_type},
    {"schedule", &ov_codes_schedule},
    {"session_type", &ov_codes_session_type},
    {"session_status", &ov_codes_session_status},
    {"function", &ov_codes_function},
    {"category", &ov_codes_category},
    {"action_status", &ov_codes_action_status},
    {"section", &ov_codes_comment_section},
    {"grade", &ov_codes_grade},
    {"agreement", &ov_codes_agreement},
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
    const ov_field_def *f = ov_schema_columns((enum ov_dataset)ds, &n);
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
    p->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(p->mctx, 100000);
    pcre2_set_depth_limit(p->mctx, 1000);
    return p;
}

/* Runs one rule's pattern over normalised text with the caller's match data
 * (one per call, so that threads can share a profile). */
static int rule_matches(const ov_profile *p, const rule *r, pcre2_match_data *md, const char *s,
                        size_t len)
{
    return md && pcre2_match(r->re, (PCRE2_SPTR)s, len, 0, 0, md, p->mctx) >= 0;
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
    const ov_field_def *schema = ov_schema_columns(ds, &nf);
    int n = 0;
    for (size_t i = 0; i < nf; i++)
        if (strlen(schema[i].name) == len && memcmp(schema[i].name, norm, len) == 0)
            n = add_unique(fields, n, max, (int)i);
    if (!p || !ov_utf8_valid(norm, len))
        return n;
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    for (size_t k = 0; k < p->nheaders; k++) {
        const rule *r = &p->headers[k];
        if (r->dataset >= 0 && r->dataset != (int)ds)
            continue;
        int f = ov_schema_field_index(ds, r->field);
        if (f < 0 || !rule_matches(p, r, md, norm, len))
            continue;
        n = add_unique(fields, n, max, f);
    }
    pcre2_match_data_free(md);
    return n;
}

/* Code index via the profile's code patterns, or -1. */
int ov_profile_match_code(const ov_profile *p, const ov_code_table *t, const char *norm, size_t len)
{
    if (!p || !ov_utf8_valid(norm, len))
        return -1;
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    int value = -1;
    for (size_t k = 0; k < p->ncodes && value < 0; k++)
        if (p->codes[k].table == t && rule_matches(p, &p->codes[k], md, norm, len))
            value = p->codes[k].value;
    pcre2_match_data_free(md);
    return value;
}

/* Maps a header onto ds's schema under p: each column's field, its conflicts,
 * and the required fields that no column fills. */
ov_header_fit ov_profile_map_header(const ov_profile *p, const ov_header *h, ov_header_col *cols)
{
    ov_header_fit fit = {0};
    size_t nf;
    const ov_field_def *schema = ov_schema_columns(h->ds, &nf);
    int owner[32]; /* the missing mask has a bit per field: schemas have fewer than 32 */
    for (size_t f = 0; f < nf && f < 32; f++)
        owner[f] = -1;
    for (size_t i = 0; i < h->ncols; i++) {
        ov_header_col col = {-1, -1, -1};
        int fields[4];
        int nm =
            h->lens[i] ? ov_profile_match_header(p, h->ds, h->names[i], h->lens[i], fields, 4) : 0;
        if (nm > 0 && (fields[0] >= 32 || (nm > 1 && fields[1] >= 32)))
            nm = 0;
        if (nm > 1) {
            col.field = fields[0];
            col.also = fields[1];
            fit.conflict = 1;
        } else if (nm == 1 && owner[fields[0]] >= 0) {
            col.field = fields[0];
            col.first = owner[fields[0]];
            fit.conflict = 1;
        } else if (nm == 1) {
            col.field = fields[0];
            owner[fields[0]] = (int)i;
        }
        if (cols)
            cols[i] = col;
    }
    for (size_t f = 0; f < nf && f < 32; f++)
        if (schema[f].required && owner[f] < 0) {
            fit.missing |= UINT32_C(1) << f;
            fit.nmissing++;
        }
    return fit;
}

/* Orders file names bytewise. */
static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every profile of templates_dir/profiles but default.csv, in name order. */
int ov_profile_set_load(ov_profile_set *s, const char *templates_dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof(*s));
    char *dirpath = ov_xasprintf("%s/profiles", templates_dir);
    DIR *dir = opendir(dirpath);
    if (!dir) {
        snprintf(err, errlen, "cannot read the mapping profiles in %s: %s", dirpath,
                 strerror(errno));
        free(dirpath);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
            continue;
        char *name = ov_xstrndup(e->d_name, len - 4);
        if (strcmp(name, "default") == 0 || !ov_profile_name_ok(name)) {
            free(name);
            continue;
        }
        *OV_PUSH(names, n, cap) = name;
    }
    closedir(dir);
    free(dirpath);
    if (n)
        qsort(names, n, sizeof(*names), name_cmp);
    int rc = 0;
    s->p = n ? ov_xcalloc(n, sizeof(*s->p)) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            s->p[s->n] = ov_profile_load(templates_dir, names[i], err, errlen);
            if (s->p[s->n])
                s->n++;
            else
                rc = -1;
        }
        free(names[i]);
    }
    free(names);
    if (rc != 0)
        ov_profile_set_free(s);
    return rc;
}

/* Frees the profiles of a set and empties it; accepts NULL. */
void ov_profile_set_free(ov_profile_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        ov_profile_free(s->p[i]);
    free(s->p);
    memset(s, 0, sizeof(*s));
}

/* Returns 1 when every header fits under p: no required field missing and no
 * conflict. */
static int fits_all(const ov_profile *p, const ov_header *h, size_t nh)
{
    for (size_t k = 0; k < nh; k++) {
        ov_header_fit fit = ov_profile_map_header(p, &h[k], NULL);
        if (fit.nmissing || fit.conflict)
            return 0;
    }
    return 1;
}

/* Counts the profiles of the set under which every header fits. */
int ov_profile_choose(const ov_profile_set *s, const ov_header *h, size_t nh, int *first,
                      int *second)
{
    int n = 0;
    *first = *second = -1;
    for (size_t i = 0; i < s->n; i++) {
        if (!fits_all(s->p[i], h, nh))
            continue;
        if (n == 0)
            *first = (int)i;
        else if (n == 1)
            *second = (int)i;
        n++;
    }
    return n;
}

/* The profile of the set that leaves the fewest required fields of h missing
 * without a conflict, when it finds more of them than base. */
int ov_profile_closest(const ov_profile_set *s, const ov_profile *base, const ov_header *h,
                       ov_header_fit *fit)
{
    ov_header_fit best = ov_profile_map_header(base, h, NULL);
    int found = -1;
    for (size_t i = 0; i < s->n; i++) {
        ov_header_fit f = ov_profile_map_header(s->p[i], h, NULL);
        if (!f.conflict && f.nmissing < best.nmissing) {
            best = f;
            found = (int)i;
        }
    }
    if (found >= 0 && fit)
        *fit = best;
    return found;
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
    pcre2_match_context_free(p->mctx);
    free(p->name);
    free(p);
}
