/* ingest.c — reads every dataset of a data folder from its record source (a
 * CSV file, a workbook or a sheet of the agency's supervision-return.xlsx:
 * source.h) through the field parsers into the typed tables of model.h,
 * applying the acceptance rules: each row is accepted, rejected or warned
 * about with a stable rule code, and for every file rows read = rows accepted
 * + rows rejected. */
#include "ingest/ingest.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/strtab.h"
#include "core/text.h"
#include "core/threads.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"
#include "ingest/profile.h"
#include "ingest/source.h"

#define MAX_FIELDS 16

/* ---- per-file reading state -------------------------------------------- */

typedef struct {
    int present;   /* a usable value */
    const char *s; /* trimmed text */
    size_t len;
    ov_date date;
    ov_date end; /* a period's last day (date is its first) */
    int32_t num;
    int code;
    uint8_t mask;
} cell;

typedef struct {
    int field;         /* schema index, or -1 */
    const char *fname; /* static field text naming several fields, or NULL */
    const char *code;
    enum ov_severity sev;
    char reason[200];
} pending;

#define CODE_CACHE_SLOTS 64 /* direct-mapped, per field: extracts repeat few values */

typedef struct {
    char raw[CODE_CACHE_SLOTS][48];
    uint8_t len[CODE_CACHE_SLOTS];
    uint8_t used[CODE_CACHE_SLOTS];
    int code[CODE_CACHE_SLOTS];
    size_t last; /* the slot of the last hit: rows often repeat the value above */
} code_cache;

/* Slot of a raw value in a field's cache. */
static size_t cache_slot(const char *s, size_t len)
{
    return (size_t)ov_hash_bytes(s, len) & (CODE_CACHE_SLOTS - 1);
}

/* The cached result for s in cc, or 0 when absent (*out untouched). */
static int cache_get(code_cache *cc, const char *s, size_t len, size_t *slot, int *out)
{
    size_t l = cc->last;
    if (cc->used[l] && cc->len[l] == len && memcmp(cc->raw[l], s, len) == 0) {
        *slot = l;
        *out = cc->code[l];
        return 1;
    }
    *slot = cache_slot(s, len);
    if (!cc->used[*slot] || cc->len[*slot] != len || memcmp(cc->raw[*slot], s, len) != 0)
        return 0;
    cc->last = *slot;
    *out = cc->code[*slot];
    return 1;
}

/* Remembers the result for s (values too long for a slot are not cached). */
static void cache_put(code_cache *cc, size_t slot, const char *s, size_t len, int value)
{
    if (len > sizeof(cc->raw[0]))
        return;
    memcpy(cc->raw[slot], s, len);
    cc->len[slot] = (uint8_t)len;
    cc->used[slot] = 1;
    cc->code[slot] = value;
}

typedef struct loader loader;

/* A mapping profile as an agency names it, compiled once per run. */
typedef struct {
    char *name;       /* NULL: the profile for an agency that names none */
    ov_profile *prof; /* NULL: it could not be loaded (err says why) */
    char *err;
} named_profile;

/* A message held back until the agency's load is done, so that agencies read
 * in parallel still print in a fixed order. */
typedef struct {
    int level; /* 0 error, 1 note */
    char *text;
} held_msg;

/* What one agency's load produces besides its tables: issues and messages. */
typedef struct {
    ov_data issues; /* only .issues is used */
    held_msg *msgs;
    size_t nmsgs, cap_msgs;
    int failed; /* its mapping profile could not be loaded */
} agency_job;

typedef struct {
    ov_data *d;
    ov_data *sink;   /* where issues are recorded */
    agency_job *job; /* NULL: print messages at once */
    loader *ld;
    int32_t agency; /* OV_NONE for partnership files */
    ov_agency *ag;
    enum ov_dataset ds;
    ov_file_info *fi;
    const ov_profile *prof;
    const char *found; /* name of the profile found from the agency's headers, or NULL */
    const char *hint;  /* for a header that does not fit: what the profiles can do, or NULL */
    uint32_t missing;  /* required fields the header lacks (bit per schema field) */
    char *conflict;    /* owned: the reason of the header's first conflict, or NULL */
    const ov_field_def *schema;
    size_t nfields;
    int *colmap; /* column -> field or -1 */
    size_t ncols;
    int unusable;
    int sheet; /* the records come from a sheet (row numbers, columns A, B, ...) */
    cell cells[MAX_FIELDS];
    pending pend[MAX_FIELDS * 2 + 4];
    size_t npend;
    int rejected;
    unsigned long line;
    code_cache cache[MAX_FIELDS];
    code_cache items; /* functions lists: each item's code, for lists the field's cache misses */
    /* The last staff id looked up per field, and its row in the staff table
     * (extracts come sorted by member of staff, so most rows repeat it). */
    struct {
        char id[24];
        size_t len;
        const ov_strtab *tab; /* the table and its size when looked up: */
        size_t tabn;          /* another table, or a grown one, forgets it */
        int64_t index;
    } last_staff[MAX_FIELDS];
    uint32_t *sup_ref; /* staff: interned supervisor id per row, UINT32_MAX = none */
    size_t cap_sup_ref;
    ov_strtab case_keys; /* cases: child+start seen */
    uint8_t *staff_team; /* feedback: per team index, 1 for a team of the agency's staff */
    char *forbidden;     /* owned: the first column the file must never carry, or NULL */
} file_ctx;

struct loader {
    ov_data *d;
    const ov_ingest_config *cfg;
    ov_profile *default_prof;
    /* The profiles of templates/profiles, compiled once on first need and then
     * shared (read-only) by the agencies' threads. */
    pthread_mutex_t profiles_lock;
    int profiles_state; /* 0 not loaded, 1 loaded, -1 could not be loaded */
    ov_profile_set profiles;
    /* The profiles agencies name (or the one for none), each compiled once
     * on first need and then shared the same way (under profiles_lock). */
    named_profile *named;
    size_t nnamed, cap_named;
    char *root_real; /* the data folder's real path: input files must lie inside it */
};

/* Queues an issue for the current row (flushed when the row is decided). */
static void row_issue(file_ctx *c, int field, enum ov_severity sev, const char *code,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Queues an issue for the current row (none once the queue is full); a rejection marks the row. */
static void row_issue(file_ctx *c, int field, enum ov_severity sev, const char *code,
                      const char *fmt, ...)
{
    if (c->npend >= sizeof(c->pend) / sizeof(c->pend[0]))
        return;
    pending *p = &c->pend[c->npend++];
    p->field = field;
    p->fname = NULL;
    p->code = code;
    p->sev = sev;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->reason, sizeof(p->reason), fmt, ap);
    va_end(ap);
    if (sev == OV_SEV_REJECTED)
        c->rejected = 1;
}

/* Records a file-level issue immediately. */
static void file_issue(file_ctx *c, uint32_t line, enum ov_severity sev, const char *code,
                       const char *field, const char *reason)
{
    ov_data_issue(c->sink, c->agency, c->ds, line, sev, code, field, reason);
    if (sev == OV_SEV_WARNING)
        c->fi->warnings++;
}

/* Writes the row's queued issues: all of them for a rejected row's
 * rejections, or the warnings of an accepted row. */
static void row_flush(file_ctx *c)
{
    for (size_t i = 0; i < c->npend; i++) {
        pending *p = &c->pend[i];
        if (c->rejected && p->sev != OV_SEV_REJECTED)
            continue;
        const char *field = p->fname ? p->fname : p->field >= 0 ? c->schema[p->field].name : "";
        ov_data_issue(c->sink, c->agency, c->ds, (uint32_t)c->line, p->sev, p->code, field,
                      p->reason);
        if (p->sev == OV_SEV_WARNING)
            c->fi->warnings++;
    }
    c->npend = 0;
}

/* Copies a header cell for messages: valid UTF-8, printable, at most 60 bytes. */
static void header_label(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < cap && o < 60; i++) {
        unsigned char ch = (unsigned char)s[i];
        out[o++] = ch < 0x20 || ch == 0x7f ? ' ' : (char)ch;
    }
    out[o] = '\0';
    while (o > 0 && !ov_utf8_valid(out, o))
        out[--o] = '\0';
}

/* A header row's normalised column names (see ov_header); owned. */
typedef struct {
    char **names;
    size_t *lens;
    size_t n;
} header_names;

/* Normalises each column of a header record (trimmed, at most 255 bytes). */
static void header_names_read(const ov_record *rec, header_names *hn)
{
    char norm[256];
    hn->n = rec->nfields;
    hn->names = ov_xcalloc(hn->n ? hn->n : 1, sizeof(*hn->names));
    hn->lens = ov_xcalloc(hn->n ? hn->n : 1, sizeof(*hn->lens));
    for (size_t i = 0; i < hn->n; i++) {
        size_t tl;
        const char *t = ov_trim(rec->field[i], rec->len[i], &tl);
        size_t nl = ov_normalise(t, tl, norm, sizeof(norm));
        if (nl >= sizeof(norm))
            nl = sizeof(norm) - 1;
        hn->names[i] = ov_xstrndup(norm, nl);
        hn->lens[i] = nl;
    }
}

/* Frees the names and empties hn. */
static void header_names_free(header_names *hn)
{
    for (size_t i = 0; i < hn->n; i++)
        free(hn->names[i]);
    free(hn->names);
    free(hn->lens);
    memset(hn, 0, sizeof(*hn));
}

/* The matching view of a header's names. */
static ov_header header_view(enum ov_dataset ds, const header_names *hn)
{
    ov_header h = {ds, (const char *const *)hn->names, hn->lens, hn->n};
    return h;
}

/* Appends the schema fields of mask as "a", "a and b" or "a, b and c". */
static void field_list(ov_buf *b, const ov_field_def *schema, size_t nfields, uint32_t mask)
{
    int total = 0, done = 0;
    for (size_t f = 0; f < nfields; f++)
        total += (mask >> f) & 1u;
    for (size_t f = 0; f < nfields; f++) {
        if (!((mask >> f) & 1u))
            continue;
        const char *sep = done == 0 ? "" : done == total - 1 ? " and " : ", ";
        ov_buf_printf(b, "%s%s", sep, schema[f].name);
        done++;
    }
}

/* Maps the header row onto the schema; marks the file unusable on conflicts
 * or missing required columns. */
static void read_header(file_ctx *c, const ov_record *rec)
{
    char label[64], other[64];
    header_names hn;
    header_names_read(rec, &hn);
    ov_header h = header_view(c->ds, &hn);
    ov_header_col *cols = ov_xcalloc(rec->nfields ? rec->nfields : 1, sizeof(*cols));
    ov_header_fit fit = ov_profile_map_header(c->prof, &h, cols);
    c->ncols = rec->nfields;
    c->colmap = ov_xcalloc(c->ncols, sizeof(*c->colmap));
    c->fi->ncolumns = rec->nfields;
    c->fi->columns = ov_xcalloc(rec->nfields, sizeof(char *));
    if (c->found) {
        char *why = ov_xasprintf("no mapping profile is named for this agency; the headers of its "
                                 "files fit the profile '%s' only, so it reads them all (name it "
                                 "in agencies.csv or with --profile to make this explicit)",
                                 c->found);
        file_issue(c, 1, OV_SEV_INFO, "I-PROFILE", "", why);
        free(why);
    }
    for (size_t i = 0; i < rec->nfields; i++) {
        size_t tl;
        const char *t = ov_trim(rec->field[i], rec->len[i], &tl);
        header_label(t, tl, label, sizeof(label));
        c->fi->columns[i] = ov_xstrdup(label);
        c->colmap[i] = -1;
        const ov_header_col *col = &cols[i];
        if (col->field < 0) {
            char *why = ov_xasprintf("column '%s' matches no field of %s; it is ignored", label,
                                     ov_dataset_file(c->ds));
            file_issue(c, 1, OV_SEV_INFO, "I-UNKNOWN-COLUMN", label[0] ? label : "(blank)", why);
            free(why);
        } else if (c->schema[col->field].type == OV_F_FORBIDDEN ||
                   (col->also >= 0 && c->schema[col->also].type == OV_F_FORBIDDEN)) {
            /* an anonymous file that names people is not read at all */
            int f = c->schema[col->field].type == OV_F_FORBIDDEN ? col->field : col->also;
            char *why = ov_xasprintf(
                "column '%s' identifies members of staff (it matches %s), and %s must be "
                "anonymous: no row of the file was read; delete that column (and any other "
                "that names the person who answered) and send the file again",
                label, c->schema[f].name, ov_dataset_file(c->ds));
            file_issue(c, 1, OV_SEV_REJECTED, "E-NOT-ANONYMOUS", c->schema[f].name, why);
            free(why);
            if (!c->forbidden)
                c->forbidden = ov_xstrdup(label);
        } else if (col->also >= 0) {
            char *why = ov_xasprintf("column '%s' matches both %s and %s; rename it", label,
                                     c->schema[col->field].name, c->schema[col->also].name);
            file_issue(c, 1, OV_SEV_REJECTED, "E-HEADER-CONFLICT", c->schema[col->field].name, why);
            if (!c->conflict)
                c->conflict = why;
            else
                free(why);
        } else if (col->first >= 0) {
            header_label(rec->field[col->first], rec->len[col->first], other, sizeof(other));
            char *why = ov_xasprintf("columns '%s' and '%s' both match %s; keep one of them", other,
                                     label, c->schema[col->field].name);
            file_issue(c, 1, OV_SEV_REJECTED, "E-HEADER-CONFLICT", c->schema[col->field].name, why);
            if (!c->conflict)
                c->conflict = why;
            else
                free(why);
        } else {
            c->colmap[i] = col->field;
        }
    }
    for (size_t f = 0; f < c->nfields; f++) {
        if (!((fit.missing >> f) & 1u))
            continue;
        ov_buf b = {0};
        ov_buf_printf(&b, "required column %s is missing; the file has: ", c->schema[f].name);
        for (size_t i = 0; i < c->fi->ncolumns; i++)
            ov_buf_printf(&b, "%s%s", i ? ", " : "", c->fi->columns[i]);
        if (c->hint)
            ov_buf_printf(&b, "; %s", c->hint);
        file_issue(c, 1, OV_SEV_REJECTED, "E-HEADER-MISSING", c->schema[f].name, b.s);
        ov_buf_free(&b);
    }
    c->missing = fit.missing;
    if (fit.nmissing || fit.conflict || c->forbidden)
        c->unusable = 1;
    free(cols);
    header_names_free(&hn);
}

/* Looks up a code value through the field's cache. */
static int lookup_code(file_ctx *c, int f, const char *s, size_t len)
{
    size_t slot;
    int code;
    if (cache_get(&c->cache[f], s, len, &slot, &code))
        return code;
    code = ov_code_lookup(c->schema[f].codes, s, len);
    if (code == -1) {
        char norm[128];
        size_t nl = ov_normalise(s, len, norm, sizeof(norm));
        if (nl < sizeof(norm))
            code = ov_profile_match_code(c->prof, c->schema[f].codes, norm, nl);
    }
    cache_put(&c->cache[f], slot, s, len, code);
    return code;
}

/* Parses a functions list through the field's small cache (extracts repeat a
 * handful of lists), giving the mask and the count of unknown items. A list
 * the cache misses is split as ov_parse_functions splits it, and each item
 * goes through a cache of items (a few items make many lists). */
static void parse_functions_cached(file_ctx *c, int f, cell *x, int *unknown)
{
    size_t slot;
    int v;
    if (cache_get(&c->cache[f], x->s, x->len, &slot, &v)) {
        x->mask = (uint8_t)(v & 0xff);
        *unknown = v >> 8;
        return;
    }
    uint8_t mask = 0;
    int unk = 0;
    for (size_t i = 0; i <= x->len;) {
        size_t j = i;
        while (j < x->len && !ov_functions_separator(x->s[j]))
            j++;
        size_t islot;
        int k;
        if (!cache_get(&c->items, x->s + i, j - i, &islot, &k)) {
            k = ov_code_lookup(&ov_codes_function, x->s + i, j - i);
            cache_put(&c->items, islot, x->s + i, j - i, k);
        }
        if (k >= 0)
            mask |= (uint8_t)(1u << k);
        else if (k == -1)
            unk++;
        i = j + 1;
    }
    x->mask = mask;
    *unknown = unk;
    cache_put(&c->cache[f], slot, x->s, x->len, x->mask | (*unknown << 8));
}

/* 1 when field f of the file is a team name (staff and group sessions). */
static int is_team(const file_ctx *c, int f)
{
    return (c->ds == OV_DS_STAFF && f == OV_COL_ST_TEAM) ||
           (c->ds == OV_DS_GROUP_SESSIONS && f == OV_COL_GS_TEAM);
}

/* Characters (not bytes) in valid UTF-8 text. */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Parses one field's value into its cell, queuing issues. */
static void parse_cell(file_ctx *c, int f, const char *raw, size_t rawlen)
{
    cell *x = &c->cells[f];
    const ov_field_def *def = &c->schema[f];
    x->s = ov_trim(raw, rawlen, &x->len);
    if (x->len == 0) {
        if (def->required)
            row_issue(c, f, OV_SEV_REJECTED, "E-REQUIRED", "%s is blank; it is required",
                      def->name);
        return;
    }
    enum ov_parse_result r;
    int yes;
    int unknown = 0;
    switch (def->type) {
    case OV_F_ID:
        if (x->len > 200) {
            row_issue(c, f, def->required ? OV_SEV_REJECTED : OV_SEV_WARNING,
                      def->required ? "E-ID" : "W-ID",
                      "%s is longer than 200 characters; not an identifier", def->name);
            return;
        }
        x->present = 1;
        return;
    case OV_F_LABEL:
        if (x->len > 200 && is_team(c, f) && utf8_chars(x->s, x->len) > 200) {
            row_issue(c, f, OV_SEV_REJECTED, "E-ID",
                      "%s is longer than 200 characters; not a team name", def->name);
            return;
        }
        x->present = 1;
        return;
    case OV_F_TEXT:
        x->present = 1;
        return;
    case OV_F_DATE:
        r = ov_parse_date(x->s, x->len, &x->date);
        if (r == OV_PARSE_OK) {
            x->present = 1;
            return;
        }
        if (def->required)
            row_issue(c, f, OV_SEV_REJECTED, "E-DATE",
                      r == OV_PARSE_RANGE ? "%s is not a real date between 1990 and 2100"
                                          : "%s is not a date in an accepted form "
                                            "(e.g. 2025-10-31 or 31/10/2025)",
                      def->name);
        else
            row_issue(c, f, OV_SEV_WARNING, "W-DATE",
                      r == OV_PARSE_RANGE ? "%s is not a real date between 1990 and 2100; "
                                            "treated as blank"
                                          : "%s is not a date in an accepted form; treated as "
                                            "blank",
                      def->name);
        return;
    case OV_F_YESNO:
        if (ov_parse_yesno(x->s, x->len, &yes) == OV_PARSE_OK) {
            x->present = 1;
            x->num = yes;
        } else {
            row_issue(c, f, OV_SEV_WARNING, "W-YESNO",
                      "%s is not yes or no (Y/N, Yes/No, TRUE/FALSE, 1/0); treated as blank",
                      def->name);
        }
        return;
    case OV_F_CODE:
        x->code = lookup_code(c, f, x->s, x->len);
        if (x->code >= 0) {
            x->present = 1;
            return;
        }
        if (def->codes == &ov_codes_agreement) {
            /* an answer written as 4.0 is 4; a number off the scale says so */
            int v;
            r = ov_parse_agreement(x->s, x->len, &v);
            if (r == OV_PARSE_OK) {
                x->code = v - 1;
                x->present = 1;
                return;
            }
            if (r == OV_PARSE_RANGE) {
                row_issue(c, f, OV_SEV_WARNING, "W-CODE",
                          "%s is a number outside the 1-5 agreement scale; counted as not "
                          "answered",
                          def->name);
                return;
            }
        }
        if (def->required)
            row_issue(c, f, OV_SEV_REJECTED, "E-CODE", "%s is not a known %s", def->name,
                      def->codes->kind);
        else
            row_issue(c, f, OV_SEV_WARNING, "W-CODE", "%s is not a known %s; %s", def->name,
                      def->codes->kind,
                      def->codes == &ov_codes_schedule      ? "standard is used"
                      : def->codes == &ov_codes_agency_type ? "other is used"
                      : def->codes == &ov_codes_agreement   ? "counted as not answered"
                                                            : "treated as blank");
        return;
    case OV_F_FUNCTIONS:
        parse_functions_cached(c, f, x, &unknown);
        x->present = x->mask != 0;
        if (unknown)
            row_issue(c, f, OV_SEV_WARNING, "W-CODE",
                      "%d item(s) of functions are not a known supervision function "
                      "(management, development, support, mediation); dropped",
                      unknown);
        return;
    case OV_F_PERIOD:
        r = ov_parse_period(x->s, x->len, &x->date, &x->end, NULL, NULL, 0);
        if (r == OV_PARSE_OK)
            x->present = 1;
        else
            row_issue(c, f, OV_SEV_WARNING, "W-PERIOD",
                      r == OV_PARSE_RANGE
                          ? "%s names no real period (a date that does not exist, a year outside "
                            "1990-2100 or an end before its start); treated as blank, so the "
                            "comment is printed in every pack"
                          : "%s is not written as 2025-26, 2025-26-Q3, 2026-03 or "
                            "2025-10-01:2025-12-31; treated as blank, so the comment is printed "
                            "in every pack",
                      def->name);
        return;
    case OV_F_SCORE:
        /* a score outside 0-3 is rejected, in the optional moderated_score too
         * (SPEC 8.2): a moderation that cannot be read must not pass unseen */
        x->code = lookup_code(c, f, x->s, x->len);
        if (x->code >= 0) {
            x->present = 1;
            return;
        }
        row_issue(c, f, OV_SEV_REJECTED, "E-SCORE",
                  "%s is not a score from 0 to 3 (0 not met, 1 partly met, 2 mostly met, 3 fully "
                  "met)",
                  def->name);
        return;
    case OV_F_FORBIDDEN:
        return; /* never reached: a file with such a column is not read */
    case OV_F_INT:
        if (ov_parse_int(x->s, x->len, &x->num) == OV_PARSE_OK) {
            x->present = 1;
        } else {
            row_issue(c, f, OV_SEV_WARNING, "W-NUMBER",
                      "%s is not a whole number; treated as "
                      "blank",
                      def->name);
        }
        return;
    }
}

/* Date of a cell or OV_DATE_NONE. */
static ov_date cdate(const file_ctx *c, int f)
{
    return c->cells[f].present ? c->cells[f].date : OV_DATE_NONE;
}

/* Staff row index for an id cell, or OV_NONE; the field's last id is
 * remembered while the staff table stays as it is. */
static int32_t staff_ref(file_ctx *c, int f)
{
    const cell *x = &c->cells[f];
    if (!x->present || !c->ag)
        return OV_NONE;
    const ov_strtab *t = &c->ag->staff_ids;
    int64_t i;
    if (c->last_staff[f].len == x->len && c->last_staff[f].tab == t &&
        c->last_staff[f].tabn == t->n && x->len && memcmp(c->last_staff[f].id, x->s, x->len) == 0) {
        i = c->last_staff[f].index;
    } else {
        i = ov_strtab_find(t, x->s, x->len);
        if (x->len <= sizeof(c->last_staff[f].id)) {
            memcpy(c->last_staff[f].id, x->s, x->len);
            c->last_staff[f].len = x->len;
            c->last_staff[f].tab = t;
            c->last_staff[f].tabn = t->n;
            c->last_staff[f].index = i;
        }
    }
    return i < 0 ? OV_NONE : t->value[i];
}

/* Resolves an optional staff reference, warning when it names nobody. */
static int32_t optional_staff(file_ctx *c, int f)
{
    if (!c->cells[f].present)
        return OV_NONE;
    int32_t s = staff_ref(c, f);
    if (s == OV_NONE)
        row_issue(c, f, OV_SEV_WARNING, "W-ORPHAN",
                  "%s names nobody in staff.csv; treated as blank", c->schema[f].name);
    return s;
}

/* Checks that an end date is not before its start (rejects the row). */
static void check_range(file_ctx *c, int fstart, int fend)
{
    ov_date s = cdate(c, fstart), e = cdate(c, fend);
    if (s && e && e < s)
        row_issue(c, fend, OV_SEV_REJECTED, "E-RANGE", "%s is before %s", c->schema[fend].name,
                  c->schema[fstart].name);
}

/* ---- dataset builders: called for rows whose fields all parsed ---------- */

/* agencies.csv row. */
static void add_agency(file_ctx *c)
{
    const cell *id = &c->cells[OV_COL_AG_ID];
    int ok = id->len <= 64 && !(id->len == 1 && id->s[0] == '.') &&
             !(id->len == 2 && memcmp(id->s, "..", 2) == 0) &&
             !(id->len == 3 && memcmp(id->s, "ALL", 3) == 0);
    for (size_t i = 0; i < id->len && ok; i++) {
        char ch = id->s[i];
        ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '_' || ch == '-' || ch == '.';
    }
    if (!ok) {
        row_issue(c, OV_COL_AG_ID, OV_SEV_REJECTED, "E-ID",
                  "agency_id must be letters, digits, '_', '-' or '.' (at most 64, not ALL), "
                  "as it names the agency's folder");
        return;
    }
    char *ids = ov_xstrndup(id->s, id->len);
    if (ov_data_find_agency(c->d, ids) != OV_NONE) {
        row_issue(c, OV_COL_AG_ID, OV_SEV_REJECTED, "E-DUPLICATE",
                  "agency_id is listed twice; the first row stands");
        free(ids);
        return;
    }
    const cell *prof = &c->cells[OV_COL_AG_PROFILE];
    char *profile = NULL;
    if (prof->present) {
        profile = ov_xstrndup(prof->s, prof->len);
        char *path = ov_profile_name_ok(profile)
                         ? ov_xasprintf("%s/profiles/%s.csv", c->ld->cfg->templates_dir, profile)
                         : NULL;
        struct stat st;
        if (!path || stat(path, &st) != 0) {
            row_issue(c, OV_COL_AG_PROFILE, OV_SEV_WARNING, "W-CODE",
                      "profile is not a mapping profile in templates/profiles; treated as "
                      "blank (the default profile, or the one the headers fit, is used)");
            free(profile);
            profile = NULL;
        }
        free(path);
    }
    /* the window cannot begin after the extract was taken (SPEC 9.1) */
    ov_date covers = cdate(c, OV_COL_AG_COVERS_FROM), extract = cdate(c, OV_COL_AG_EXTRACT);
    if (covers != OV_DATE_NONE && extract != OV_DATE_NONE && covers > extract) {
        row_issue(c, OV_COL_AG_COVERS_FROM, OV_SEV_WARNING, "W-CONTRADICTION",
                  "covers_from is after extract_date; treated as blank");
        covers = OV_DATE_NONE;
    }
    if (c->rejected) {
        free(ids);
        free(profile);
        return;
    }
    ov_agency *a = ov_data_add_agency(c->d, ids);
    free(ids);
    a->name = ov_xstrndup(c->cells[OV_COL_AG_NAME].s, c->cells[OV_COL_AG_NAME].len);
    a->type =
        c->cells[OV_COL_AG_TYPE].present ? (uint8_t)c->cells[OV_COL_AG_TYPE].code : OV_AT_OTHER;
    a->profile = profile;
    a->extract_date = extract;
    a->covers_from = covers;
}

/* actions.csv row. */
static void add_action(file_ctx *c)
{
    int32_t agency = OV_NONE;
    if (c->cells[OV_COL_AC_AGENCY].present) {
        char *s = ov_xstrndup(c->cells[OV_COL_AC_AGENCY].s, c->cells[OV_COL_AC_AGENCY].len);
        agency = ov_data_find_agency(c->d, s);
        free(s);
        if (agency == OV_NONE)
            row_issue(c, OV_COL_AC_AGENCY, OV_SEV_REJECTED, "E-ORPHAN",
                      "agency_id is not in agencies.csv (leave it blank for a partnership "
                      "action)");
    }
    char *id = ov_xstrndup(c->cells[OV_COL_AC_ID].s, c->cells[OV_COL_AC_ID].len);
    for (size_t i = 0; i < c->d->nactions; i++)
        if (strcmp(c->d->actions[i].id, id) == 0) {
            row_issue(c, OV_COL_AC_ID, OV_SEV_REJECTED, "E-DUPLICATE",
                      "action_id already used on line %u", (unsigned)c->d->actions[i].line);
            break;
        }
    int metric = OV_NONE;
    if (c->cells[OV_COL_AC_METRIC].present) {
        char *m = ov_xstrndup(c->cells[OV_COL_AC_METRIC].s, c->cells[OV_COL_AC_METRIC].len);
        char norm[64];
        ov_normalise(m, strlen(m), norm, sizeof(norm));
        metric = c->ld->cfg->metric_find ? c->ld->cfg->metric_find(norm) : -1;
        free(m);
        if (metric < 0) {
            metric = OV_NONE;
            row_issue(c, OV_COL_AC_METRIC, OV_SEV_WARNING, "W-CODE",
                      "metric_id is not a metric of the report; treated as blank");
        }
    }
    ov_date due = cdate(c, OV_COL_AC_DUE), done = cdate(c, OV_COL_AC_COMPLETED);
    if (c->rejected) {
        free(id);
        return;
    }
    ov_action *a = OV_PUSH(c->d->actions, c->d->nactions, c->d->cap_actions);
    memset(a, 0, sizeof(*a));
    a->id = id;
    a->agency = agency;
    a->metric = metric;
    a->description = ov_xstrndup(c->cells[OV_COL_AC_DESC].s, c->cells[OV_COL_AC_DESC].len);
    a->owner = c->cells[OV_COL_AC_OWNER].present
                   ? ov_xstrndup(c->cells[OV_COL_AC_OWNER].s, c->cells[OV_COL_AC_OWNER].len)
                   : NULL;
    a->due = due;
    a->completed = done;
    a->status = (uint8_t)c->cells[OV_COL_AC_STATUS].code;
    a->line = (uint32_t)c->line;
}

/* commentary.csv row. */
static void add_comment(file_ctx *c)
{
    int32_t agency = OV_NONE;
    if (c->cells[OV_COL_CM_AGENCY].present) {
        char *s = ov_xstrndup(c->cells[OV_COL_CM_AGENCY].s, c->cells[OV_COL_CM_AGENCY].len);
        agency = ov_data_find_agency(c->d, s);
        free(s);
        if (agency == OV_NONE) {
            row_issue(c, OV_COL_CM_AGENCY, OV_SEV_REJECTED, "E-ORPHAN",
                      "agency_id is not in agencies.csv (leave it blank for the partnership)");
            return;
        }
    }
    ov_comment *m = OV_PUSH(c->d->comments, c->d->ncomments, c->d->cap_comments);
    m->agency = agency;
    m->section = (uint8_t)c->cells[OV_COL_CM_SECTION].code;
    m->text = ov_xstrndup(c->cells[OV_COL_CM_TEXT].s, c->cells[OV_COL_CM_TEXT].len);
    const cell *period = &c->cells[OV_COL_CM_PERIOD];
    m->period_start = period->present ? period->date : OV_DATE_NONE;
    m->period_end = period->present ? period->end : OV_DATE_NONE;
}

/* section11.csv row: an agency's self-assessed score against one standard. */
static void add_section11(file_ctx *c)
{
    const cell *ag = &c->cells[OV_COL_S11_AGENCY];
    char *s = ov_xstrndup(ag->s, ag->len);
    int32_t agency = ov_data_find_agency(c->d, s);
    free(s);
    if (agency == OV_NONE) {
        row_issue(c, OV_COL_S11_AGENCY, OV_SEV_REJECTED, "E-ORPHAN",
                  "agency_id is not in agencies.csv");
        return;
    }
    int standard = c->cells[OV_COL_S11_STANDARD].code;
    for (size_t i = 0; i < c->d->ns11; i++)
        if (c->d->s11[i].agency == agency && c->d->s11[i].standard == standard) {
            row_issue(c, OV_COL_S11_STANDARD, OV_SEV_REJECTED, "E-DUPLICATE",
                      "this agency's score for this standard is already on line %u; the first "
                      "row stands",
                      (unsigned)c->d->s11[i].line);
            return;
        }
    const cell *ev = &c->cells[OV_COL_S11_EVIDENCE], *note = &c->cells[OV_COL_S11_NOTE];
    const cell *mod = &c->cells[OV_COL_S11_MODERATED];
    ov_s11_score *x = OV_PUSH(c->d->s11, c->d->ns11, c->d->cap_s11);
    x->agency = agency;
    x->standard = (uint8_t)standard;
    x->self_score = (int8_t)c->cells[OV_COL_S11_SELF].code;
    x->moderated = mod->present ? (int8_t)mod->code : -1;
    x->evidence = ev->present ? ov_xstrndup(ev->s, ev->len) : NULL;
    x->note = note->present ? ov_xstrndup(note->s, note->len) : NULL;
    x->line = (uint32_t)c->line;
}

/* staff.csv row. */
static void add_staff(file_ctx *c)
{
    ov_agency *ag = c->ag;
    check_range(c, OV_COL_ST_START, OV_COL_ST_END);
    if (c->rejected)
        return;
    const cell *id = &c->cells[OV_COL_ST_ID];
    uint32_t k = ov_strtab_intern(&ag->staff_ids, id->s, id->len, NULL);
    if (ag->staff_ids.value[k] >= 0) {
        row_issue(c, OV_COL_ST_ID, OV_SEV_REJECTED, "E-DUPLICATE",
                  "staff_id already given on line %u; the first row stands",
                  (unsigned)ag->staff[ag->staff_ids.value[k]].line);
        return;
    }
    ov_staff *s = OV_PUSH(ag->staff, ag->nstaff, ag->cap_staff);
    memset(s, 0, sizeof(*s));
    ag->staff_ids.value[k] = (int32_t)(ag->nstaff - 1);
    s->id = k;
    s->team = ov_strtab_intern(&ag->teams, c->cells[OV_COL_ST_TEAM].s, c->cells[OV_COL_ST_TEAM].len,
                               NULL);
    s->start = cdate(c, OV_COL_ST_START);
    s->end = cdate(c, OV_COL_ST_END);
    s->schedule = c->cells[OV_COL_ST_SCHEDULE].present ? (uint8_t)c->cells[OV_COL_ST_SCHEDULE].code
                                                       : OV_SCHED_STANDARD;
    s->schedule_start =
        c->cells[OV_COL_ST_SCHED_START].present ? cdate(c, OV_COL_ST_SCHED_START) : s->start;
    s->frequent_contact =
        c->cells[OV_COL_ST_FREQUENT].present ? (uint8_t)c->cells[OV_COL_ST_FREQUENT].num : 1;
    s->agreement = cdate(c, OV_COL_ST_AGREEMENT);
    s->agreement_review = cdate(c, OV_COL_ST_AGREEMENT_REVIEW);
    s->observation = cdate(c, OV_COL_ST_OBSERVATION);
    s->safeguarding_training = cdate(c, OV_COL_ST_SG_TRAINING);
    s->supervision_training = cdate(c, OV_COL_ST_SUP_TRAINING);
    s->supervisor = OV_NONE;
    s->line = (uint32_t)c->line;
    ov_grow((void **)&c->sup_ref, &c->cap_sup_ref, ag->nstaff, sizeof(*c->sup_ref));
    c->sup_ref[ag->nstaff - 1] =
        c->cells[OV_COL_ST_SUPERVISOR].present
            ? ov_strtab_intern(&ag->staff_ids, c->cells[OV_COL_ST_SUPERVISOR].s,
                               c->cells[OV_COL_ST_SUPERVISOR].len, NULL)
            : UINT32_MAX;
}

/* Resolves supervisor ids once every staff row is known. */
static void resolve_supervisors(file_ctx *c)
{
    ov_agency *ag = c->ag;
    for (size_t i = 0; i < ag->nstaff; i++) {
        if (c->sup_ref[i] == UINT32_MAX)
            continue;
        int32_t v = ag->staff_ids.value[c->sup_ref[i]];
        if (v >= 0) {
            ag->staff[i].supervisor = v;
            continue;
        }
        ov_data_issue(c->sink, c->agency, c->ds, ag->staff[i].line, OV_SEV_WARNING, "W-ORPHAN",
                      "supervisor_id",
                      "supervisor_id names nobody in staff.csv; not counted as a supervisor");
        c->fi->warnings++;
    }
}

/* sessions.csv row. */
static void add_session(file_ctx *c)
{
    int32_t staff = staff_ref(c, OV_COL_SE_STAFF);
    if (staff == OV_NONE) {
        row_issue(c, OV_COL_SE_STAFF, OV_SEV_REJECTED, "E-ORPHAN", "staff_id is not in staff.csv");
        return;
    }
    int32_t sup = optional_staff(c, OV_COL_SE_SUPERVISOR);
    ov_date date = cdate(c, OV_COL_SE_DATE), notes = cdate(c, OV_COL_SE_NOTES);
    if (notes && notes < date) {
        row_issue(c, OV_COL_SE_NOTES, OV_SEV_WARNING, "W-CONTRADICTION",
                  "notes_recorded_date is before the session date; treated as blank");
        notes = OV_DATE_NONE;
    }
    int duration = -1;
    if (c->cells[OV_COL_SE_DURATION].present) {
        duration = c->cells[OV_COL_SE_DURATION].num;
        if (duration < 1 || duration > 1440) {
            row_issue(c, OV_COL_SE_DURATION, OV_SEV_WARNING, "W-NUMBER",
                      "duration_minutes is outside 1-1440; treated as blank");
            duration = -1;
        }
    }
    ov_agency *ag = c->ag;
    ov_session *s = OV_PUSH(ag->sessions, ag->nsessions, ag->cap_sessions);
    s->staff = staff;
    s->supervisor = sup;
    s->date = date;
    s->notes_date = notes;
    s->duration = (int16_t)duration;
    s->type = (uint8_t)c->cells[OV_COL_SE_TYPE].code;
    s->status = (uint8_t)c->cells[OV_COL_SE_STATUS].code;
    s->functions = c->cells[OV_COL_SE_FUNCTIONS].present ? c->cells[OV_COL_SE_FUNCTIONS].mask : 0;
    s->notes_shared =
        c->cells[OV_COL_SE_SHARED].present ? (int8_t)c->cells[OV_COL_SE_SHARED].num : -1;
}

/* cases.csv row. */
static void add_case(file_ctx *c)
{
    check_range(c, OV_COL_CA_START, OV_COL_CA_END);
    const cell *child = &c->cells[OV_COL_CA_CHILD];
    char key[232];
    int kl = snprintf(key, sizeof(key), "%.*s\x1f%ld", (int)child->len, child->s,
                      (long)cdate(c, OV_COL_CA_START));
    int added = 0;
    if (!c->rejected) {
        ov_strtab_intern(&c->case_keys, key, (size_t)kl, &added);
        if (!added)
            row_issue(c, OV_COL_CA_START, OV_SEV_REJECTED, "E-DUPLICATE",
                      "the same child_id and start_date are already listed");
    }
    int32_t holder = optional_staff(c, OV_COL_CA_HOLDER);
    if (c->rejected)
        return;
    ov_agency *ag = c->ag;
    ov_case *k = OV_PUSH(ag->cases, ag->ncases, ag->cap_cases);
    k->child = ov_strtab_intern(&ag->child_ids, child->s, child->len, NULL);
    ag->child_ids.value[k->child] = 1;
    k->category = (uint8_t)c->cells[OV_COL_CA_CATEGORY].code;
    k->start = cdate(c, OV_COL_CA_START);
    k->end = cdate(c, OV_COL_CA_END);
    k->case_holder = holder;
}

/* case_oversight.csv row. */
static void add_oversight(file_ctx *c)
{
    const cell *child = &c->cells[OV_COL_OS_CHILD];
    int64_t k = ov_strtab_find(&c->ag->child_ids, child->s, child->len);
    if (k < 0 || c->ag->child_ids.value[k] < 0) {
        row_issue(c, OV_COL_OS_CHILD, OV_SEV_REJECTED, "E-ORPHAN", "child_id is not in cases.csv");
        return;
    }
    int32_t staff = optional_staff(c, OV_COL_OS_STAFF);
    ov_oversight *o = OV_PUSH(c->ag->oversight, c->ag->noversight, c->ag->cap_oversight);
    o->child = (uint32_t)k;
    o->date = cdate(c, OV_COL_OS_DATE);
    o->staff = staff;
}

/* assessments.csv row. */
static void add_assessment(file_ctx *c)
{
    ov_date start = cdate(c, OV_COL_AS_START), done = cdate(c, OV_COL_AS_COMPLETED);
    if (done && done < start) {
        row_issue(c, OV_COL_AS_COMPLETED, OV_SEV_WARNING, "W-CONTRADICTION",
                  "completed_date is before start_date; treated as blank");
        done = OV_DATE_NONE;
    }
    ov_agency *ag = c->ag;
    ov_assessment *a = OV_PUSH(ag->assessments, ag->nassessments, ag->cap_assessments);
    a->child = ov_strtab_intern(&ag->child_ids, c->cells[OV_COL_AS_CHILD].s,
                                c->cells[OV_COL_AS_CHILD].len, NULL);
    a->start = start;
    a->completed = done;
    a->day8 = cdate(c, OV_COL_AS_DAY8);
    a->day20 = cdate(c, OV_COL_AS_DAY20);
}

/* group_sessions.csv row. */
static void add_group(file_ctx *c)
{
    int32_t fac = optional_staff(c, OV_COL_GS_FACILITATOR);
    int32_t att = -1;
    if (c->cells[OV_COL_GS_ATTENDEES].present) {
        att = c->cells[OV_COL_GS_ATTENDEES].num;
        if (att < 0) {
            row_issue(c, OV_COL_GS_ATTENDEES, OV_SEV_WARNING, "W-NUMBER",
                      "attendees is negative; treated as blank");
            att = -1;
        }
    }
    ov_agency *ag = c->ag;
    ov_group_session *g = OV_PUSH(ag->groups, ag->ngroups, ag->cap_groups);
    g->team = ov_strtab_intern(&ag->teams, c->cells[OV_COL_GS_TEAM].s, c->cells[OV_COL_GS_TEAM].len,
                               NULL);
    g->date = cdate(c, OV_COL_GS_DATE);
    g->facilitator = fac;
    g->attendees = att;
}

/* absences.csv row. */
static void add_absence(file_ctx *c)
{
    int32_t staff = staff_ref(c, OV_COL_AB_STAFF);
    if (staff == OV_NONE)
        row_issue(c, OV_COL_AB_STAFF, OV_SEV_REJECTED, "E-ORPHAN", "staff_id is not in staff.csv");
    check_range(c, OV_COL_AB_START, OV_COL_AB_END);
    if (c->rejected)
        return;
    ov_absence *a = OV_PUSH(c->ag->absences, c->ag->nabsences, c->ag->cap_absences);
    a->staff = staff;
    a->start = cdate(c, OV_COL_AB_START);
    a->end = cdate(c, OV_COL_AB_END);
}

/* supervision_audits.csv row: the person audited must be in staff.csv; the
 * criteria answered yes or no are kept, a blank one was not assessed. */
static void add_audit(file_ctx *c)
{
    int32_t staff = staff_ref(c, OV_COL_AU_STAFF);
    if (staff == OV_NONE) {
        row_issue(c, OV_COL_AU_STAFF, OV_SEV_REJECTED, "E-ORPHAN", "staff_id is not in staff.csv");
        return;
    }
    int32_t auditor = optional_staff(c, OV_COL_AU_AUDITOR);
    ov_date date = cdate(c, OV_COL_AU_DATE), session = cdate(c, OV_COL_AU_SESSION);
    if (session && session > date) {
        row_issue(c, OV_COL_AU_SESSION, OV_SEV_WARNING, "W-CONTRADICTION",
                  "session_date is after the audit_date (a record cannot be audited before "
                  "its session); treated as blank");
        session = OV_DATE_NONE;
    }
    uint8_t assessed = 0, met = 0;
    for (int k = 0; k < OV_CRIT_COUNT; k++) {
        const cell *x = &c->cells[OV_COL_AU_CRITERIA + k];
        if (!x->present)
            continue;
        assessed |= (uint8_t)(1u << k);
        if (x->num)
            met |= (uint8_t)(1u << k);
    }
    ov_agency *ag = c->ag;
    ov_audit *a = OV_PUSH(ag->audits, ag->naudits, ag->cap_audits);
    a->staff = staff;
    a->auditor = auditor;
    a->date = date;
    a->session = session;
    a->grade = (uint8_t)c->cells[OV_COL_AU_GRADE].code;
    a->assessed = assessed;
    a->met = met;
}

/* The field column of a response that answers nothing: every statement. */
static const char all_items[] = "regular;reflective;effective;challenging;supportive";

/* feedback.csv row: at least one statement answered on the 1-5 scale; a team
 * that is no team of the agency's staff is warned about and left blank. */
static void add_feedback(file_ctx *c)
{
    uint8_t answer[OV_ITEM_COUNT];
    int answered = 0;
    for (int k = 0; k < OV_ITEM_COUNT; k++) {
        const cell *x = &c->cells[OV_COL_FB_ITEMS + k];
        answer[k] = x->present ? (uint8_t)(x->code + 1) : 0;
        answered += x->present;
    }
    if (!answered) {
        row_issue(c, -1, OV_SEV_REJECTED, "E-REQUIRED",
                  "no statement is answered on the 1-5 scale (regular, reflective, effective, "
                  "challenging, supportive); a response needs at least one answer");
        c->pend[c->npend - 1].fname = all_items;
        return;
    }
    int32_t team = OV_NONE;
    const cell *t = &c->cells[OV_COL_FB_TEAM];
    if (t->present) {
        int64_t k = ov_strtab_find(&c->ag->teams, t->s, t->len);
        if (k >= 0 && c->staff_team && c->staff_team[k])
            team = (int32_t)k;
        else
            row_issue(c, OV_COL_FB_TEAM, OV_SEV_WARNING, "W-ORPHAN",
                      "team matches no team in staff.csv; the response counts for the agency "
                      "only");
    }
    ov_agency *ag = c->ag;
    ov_feedback *f = OV_PUSH(ag->feedback, ag->nfeedback, ag->cap_feedback);
    f->date = cdate(c, OV_COL_FB_DATE);
    f->team = team;
    memcpy(f->answer, answer, sizeof(answer));
}

typedef void (*builder_fn)(file_ctx *c);
static const builder_fn builders[OV_DS_COUNT] = {
    add_agency,    add_action,     add_comment, add_section11, add_staff, add_session,  add_case,
    add_oversight, add_assessment, add_group,   add_absence,   add_audit, add_feedback,
};

/* A sheet's column name for a 0-based column index (A, B, ..., XFD). */
static const char *column_letters(size_t col, char out[8])
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col > 0 && n < sizeof(tmp) - 1) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return out;
}

/* The first field past ncols that is not blank (ncols when none is). */
static size_t first_extra(const ov_record *rec, size_t ncols)
{
    for (size_t i = ncols; i < rec->nfields; i++) {
        size_t tl;
        ov_trim(rec->field[i], rec->len[i], &tl);
        if (tl)
            return i;
    }
    return ncols;
}

/* The rule code of a record the reader flagged, and what to say about it. */
static const char *record_error(int error, int header, const char **reason)
{
    switch (error) {
    case OV_CSV_EFIELDS:
        *reason = header ? "the header row has more fields than the reader allows (100000); fix "
                           "the header"
                         : "the row has more fields than the reader allows (100000); it was not "
                           "read";
        return "E-FIELDS";
    case OV_CSV_EFIELDSIZE:
        *reason = header ? "a header value is larger than the reader allows (64 MiB); fix the "
                           "header"
                         : "a value is larger than the reader allows (64 MiB); the row was not "
                           "read";
        return "E-FIELD-SIZE";
    case OV_CSV_EQUOTE:
        *reason = header ? "the header row has a malformed quoted field; fix the header"
                         : "a quoted field is never closed; the rest of the file was read as "
                           "one field";
        return "E-QUOTE";
    default:
        *reason = header ? "the header row has a malformed quoted field; fix the header"
                         : "a quote inside an unquoted field, or text after a closing quote";
        return "E-QUOTE";
    }
}

/* Rejects the row for every field holding a NUL byte (E-CHAR, naming the
 * field); returns the number of such fields. */
static size_t reject_nul(file_ctx *c, const ov_csv_record *rec)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->nfields && !rec->nul_free; i++) {
        if (!memchr(rec->field[i], '\0', rec->len[i]))
            continue;
        n++;
        int f = i < c->ncols ? c->colmap[i] : -1;
        if (f >= 0)
            row_issue(c, f, OV_SEV_REJECTED, "E-CHAR",
                      "%s holds a NUL byte, which no text may contain; the row was not read",
                      c->schema[f].name);
        else
            row_issue(c, -1, OV_SEV_REJECTED, "E-CHAR",
                      "column %zu ('%s') holds a NUL byte, which no text may contain; the row "
                      "was not read",
                      i + 1, i < c->fi->ncolumns ? c->fi->columns[i] : "");
    }
    return n;
}

/* Handles one record of a file: the header, or a data row. */
static int on_record(const ov_record *rec, void *vctx)
{
    file_ctx *c = vctx;
    const char *why;
    if (rec->index == 0) {
        if (rec->error) {
            const char *code = record_error(rec->error, 1, &why);
            file_issue(c, (uint32_t)rec->line, OV_SEV_REJECTED, code, "", why);
            c->unusable = 1;
            return 1;
        }
        for (size_t i = 0; i < rec->nfields; i++)
            if (memchr(rec->field[i], '\0', rec->len[i])) {
                file_issue(c, (uint32_t)rec->line, OV_SEV_REJECTED, "E-CHAR", "",
                           "the header row holds a NUL byte (a UTF-16 file without its "
                           "byte-order mark?); save the file as UTF-8 CSV");
                c->unusable = 1;
                return 1;
            }
        read_header(c, rec);
        return c->unusable;
    }
    c->fi->rows_read++;
    c->line = rec->line;
    c->npend = 0;
    c->rejected = 0;
    memset(c->cells, 0, sizeof(c->cells[0]) * c->nfields);
    if (rec->error) {
        const char *code = record_error(rec->error, 0, &why);
        row_issue(c, -1, OV_SEV_REJECTED, code, "%s", why);
    } else if (reject_nul(c, rec) == 0 && rec->nfields != c->ncols) {
        char letters[8];
        int extra_blank = rec->nfields > c->ncols;
        for (size_t i = c->ncols; i < rec->nfields && extra_blank; i++) {
            size_t tl;
            ov_trim(rec->field[i], rec->len[i], &tl);
            extra_blank = tl == 0;
        }
        if (extra_blank)
            row_issue(c, -1, OV_SEV_WARNING, "W-RAGGED",
                      "%zu fields where the header has %zu; the extra fields are blank",
                      rec->nfields, c->ncols);
        else if (c->sheet)
            row_issue(c, -1, OV_SEV_REJECTED, "E-RAGGED",
                      "a value in column %s, which has no header; give the column a header, "
                      "or clear the cell",
                      column_letters(first_extra(rec, c->ncols), letters));
        else
            row_issue(c, -1, OV_SEV_REJECTED, "E-RAGGED",
                      "%zu fields where the header has %zu (an unquoted comma or a cut line?)",
                      rec->nfields, c->ncols);
    }
    if (!c->rejected) {
        for (size_t i = 0; i < c->ncols; i++)
            if (c->colmap[i] >= 0)
                parse_cell(c, c->colmap[i], rec->field[i], rec->len[i]);
    }
    if (!c->rejected)
        builders[c->ds](c);
    if (c->rejected)
        c->fi->rows_rejected++;
    else {
        c->fi->rows_accepted++;
        for (size_t f = 0; f < c->nfields; f++) /* present is 0 or 1: no branch */
            c->fi->filled[f] += (unsigned)c->cells[f].present;
    }
    row_flush(c);
    return 0;
}

/* ---- files and folders -------------------------------------------------- */

/* Returns 1 when path exists as a regular file (sets *isdir for folders). */
static int file_exists(const char *path, int *isdir)
{
    struct stat st;
    if (isdir)
        *isdir = 0;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode)) {
        if (isdir)
            *isdir = 1;
        return 0;
    }
    return 1;
}

/* Prints a message now, or holds it in the agency's job (level 0 error, 1 note). */
static void say(agency_job *job, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints a message now (no job) or holds it in the job (level 0 error, 1 note). */
static void say(agency_job *job, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = ov_xmalloc((size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    if (job) {
        held_msg *m = OV_PUSH(job->msgs, job->nmsgs, job->cap_msgs);
        m->level = level;
        m->text = text;
        return;
    }
    if (level == 0)
        ov_err("%s", text);
    else
        ov_note("%s", text);
    free(text);
}

/* What is known of an agency's mapping profile when it names none. */
typedef struct {
    const ov_profile *found; /* the one profile its headers all fit, or NULL */
    char *hint[OV_DS_COUNT]; /* owned; for a header that does not fit: what the
                                profiles can do, or NULL */
} profile_search;

/* Says why a file's header cannot be used: the required fields it lacks and
 * what to do, or (for conflicts) where to look. */
static void say_header_unusable(const file_ctx *c, agency_job *job, const char *relpath)
{
    if (c->forbidden) {
        say(job, 0,
            "%s: not used: its column '%s' holds staff ids, and %s must be anonymous; no row "
            "of it was read: delete that column and send the file again",
            relpath, c->forbidden, ov_dataset_file(c->ds));
        return;
    }
    if (!c->missing) {
        if (c->conflict)
            say(job, 0, "%s: not used: its %s", relpath, c->conflict);
        else
            say(job, 0, "%s: not used: its header does not fit %s (see rejections.csv, line 1)",
                relpath, ov_dataset_file(c->ds));
        return;
    }
    ov_buf b = {0};
    field_list(&b, c->schema, c->nfields, c->missing);
    const char *name = ov_profile_name(c->prof);
    if (c->hint)
        say(job, 0, "%s: not used: its header lacks %s; %s", relpath, b.s, c->hint);
    else if (c->agency == OV_NONE)
        say(job, 0,
            "%s: not used: its header lacks %s; rename the columns (input.md lists "
            "the names)",
            relpath, b.s);
    else if (strcmp(name, "default") != 0)
        say(job, 0,
            "%s: not used: its header lacks %s under the mapping profile '%s'; rename "
            "the columns, or add their wording to the profile",
            relpath, b.s, name);
    else
        say(job, 0,
            "%s: not used: its header lacks %s; rename the columns, or name a mapping "
            "profile in agencies.csv or with --profile",
            relpath, b.s);
    ov_buf_free(&b);
}

/* The workbook an agency may send instead of (or beside) its CSV files. */
#define RETURN_BOOK "supervision-return.xlsx"

/* An agency's supervision-return.xlsx, opened once for all of its sheets. */
typedef struct {
    ov_xlsx *book;  /* the open workbook, or NULL */
    char err[256];  /* why it cannot be used ("": it can, or there is none) */
    int unreadable; /* it was never read (not a regular file inside the data
                       folder: E-READ); otherwise it is broken (E-WORKBOOK) */
    uint64_t size;  /* a broken workbook's bytes and their SHA-256 */
    char sha256[65];
} return_book;

/* Where one dataset comes from: nowhere, one record source, or more than one
 * (an error for the dataset). */
typedef struct {
    int n;                   /* sources found (0, 1, or 2 for two or more) */
    ov_source src;           /* the first source */
    int fd;                  /* its file, open (owned; -1 for none or a sheet) */
    const char *unusable;    /* the first source is there but must not be read
                                (a folder, FIFO, device, a symlink out of the data
                                folder, ...): why (static) */
    char *rel;               /* its name relative to the data folder (owned): "NCC/sessions.csv",
                                "NCC/sessions.xlsx" or "NCC/supervision-return.xlsx#sessions" */
    char *rel2;              /* the second source's name (owned), when n == 2 */
    const return_book *book; /* the agency's workbook cannot be used and nothing
                                else holds the dataset (not owned) */
} found_source;

/* Records one more source of a dataset (the first is kept, the second named);
 * takes fd (or -1) and rel. */
static void found_add(found_source *fs, const ov_source *src, int fd, const char *unusable,
                      char *rel)
{
    if (fs->n == 0) {
        fs->src = *src;
        fs->fd = fd;
        fs->unusable = unusable;
        fs->rel = rel;
    } else {
        if (fd >= 0)
            close(fd);
        if (fs->n == 1)
            fs->rel2 = rel;
        else
            free(rel);
    }
    if (fs->n < 2)
        fs->n++;
}

/* Looks for the file rel (under the data folder) and, when anything is there,
 * records it as a source of kind (opened through ov_input_open: only a
 * regular file inside the data folder is ever read). Takes rel. */
static void find_file(const loader *ld, found_source *fs, enum ov_source_kind kind,
                      const char *dataset, char *rel)
{
    char *full = ov_path_join(ld->d->root, rel);
    int fd = -1;
    uint64_t size = 0;
    const char *why = NULL;
    enum ov_input_status in = ov_input_open(ld->root_real, full, &fd, &size, &why);
    free(full);
    if (in == OV_INPUT_MISSING) {
        free(rel);
        return;
    }
    ov_source src = {.kind = kind, .fd = fd, .size = size, .dataset = dataset};
    found_add(fs, &src, fd, in == OV_INPUT_OK ? NULL : why, rel);
}

/* Finds the sources of dataset ds under prefix ("" or "AGENCY/"): the CSV
 * file, <dataset>.xlsx and the sheets of the agency's workbook rb (NULL:
 * none). */
static void find_sources(const loader *ld, const char *prefix, enum ov_dataset ds,
                         const return_book *rb, found_source *fs)
{
    memset(fs, 0, sizeof(*fs));
    fs->fd = -1;
    const char *name = ov_dataset_name(ds);
    find_file(ld, fs, OV_SOURCE_CSV, NULL, ov_xasprintf("%s%s", prefix, ov_dataset_file(ds)));
    find_file(ld, fs, OV_SOURCE_WORKBOOK, name, ov_xasprintf("%s%s.xlsx", prefix, name));
    if (rb && rb->book) {
        int matches = 0;
        long sheet = ov_source_find_sheet(rb->book, name, &matches);
        for (int m = 0; m < matches; m++) {
            ov_source src = {
                .kind = OV_SOURCE_SHEET, .fd = -1, .book = rb->book, .sheet = (size_t)sheet};
            found_add(fs, &src, -1, NULL, ov_xasprintf("%s%s#%s", prefix, RETURN_BOOK, name));
        }
    } else if (rb && rb->err[0] && fs->n == 0) {
        fs->book = rb;
        fs->rel = ov_xasprintf("%s%s#%s", prefix, RETURN_BOOK, name);
    }
    if (fs->n == 0 && !fs->rel)
        fs->rel = ov_xasprintf("%s%s", prefix, ov_dataset_file(ds));
}

/* Closes and frees what find_sources opened and allocated. */
static void found_free(found_source *fs)
{
    if (fs->fd >= 0)
        close(fs->fd);
    free(fs->rel);
    free(fs->rel2);
    memset(fs, 0, sizeof(*fs));
    fs->fd = -1;
}

/* Opens an agency's supervision-return.xlsx (prefix "" or "AGENCY/") into rb,
 * when there is one; says once why it cannot be used. */
static void open_return_book(const loader *ld, agency_job *job, const char *prefix, return_book *rb)
{
    memset(rb, 0, sizeof(*rb));
    char *brel = ov_xasprintf("%s%s", prefix, RETURN_BOOK);
    char *bfull = ov_path_join(ld->d->root, brel);
    int fd = -1;
    uint64_t size = 0;
    const char *why = NULL;
    enum ov_input_status in = ov_input_open(ld->root_real, bfull, &fd, &size, &why);
    if (in == OV_INPUT_UNUSABLE) {
        rb->unreadable = 1;
        snprintf(rb->err, sizeof(rb->err), "%s", why);
    } else if (in == OV_INPUT_OK) {
        enum ov_xlsx_error be;
        rb->book = ov_xlsx_open_fd(fd, size, &be, rb->err, sizeof(rb->err));
        if (!rb->book && be == OV_XLSX_EOPEN)
            snprintf(rb->err, sizeof(rb->err), "the file cannot be read");
        if (!rb->book && lseek(fd, 0, SEEK_SET) == 0) /* what was received is on record */
            ov_sha256_fd(fd, rb->sha256, &rb->size);
        close(fd);
    }
    if (!rb->book && rb->err[0])
        say(job, 0, "%s: not used: %s", brel, rb->err);
    free(brel);
    free(bfull);
}

/* Reads one dataset into the tables from the source fs found. dep is NULL
 * when its dependencies are met, else the name of the file it needs. ps (NULL
 * for the partnership files) says what is known of the profile of an agency
 * that names none. */
static void load_file(loader *ld, agency_job *job, int32_t agency, enum ov_dataset ds,
                      const found_source *fs, const ov_profile *prof, const char *dep,
                      const profile_search *ps)
{
    ov_data *d = ld->d;
    ov_agency *ag = agency == OV_NONE ? NULL : &d->agencies[agency];
    ov_file_info *fi = ag ? &ag->files[ds] : &d->files[ds];
    const char *relpath = fs->rel;
    file_ctx c = {.d = d,
                  .sink = job ? &job->issues : d,
                  .job = job,
                  .ld = ld,
                  .agency = agency,
                  .ag = ag,
                  .ds = ds,
                  .fi = fi,
                  .prof = prof,
                  .sheet = fs->n && fs->src.kind != OV_SOURCE_CSV};
    if (ps && ps->found)
        c.found = ov_profile_name(ps->found);
    if (ps)
        c.hint = ps->hint[ds];
    c.schema = ov_schema_columns(ds, &c.nfields);
    fi->relpath = ov_xstrdup(relpath);
    fi->filled = ov_xcalloc(c.nfields, sizeof(*fi->filled));
    int required = ds == OV_DS_STAFF || ds == OV_DS_SESSIONS;
    if (fs->n == 0 && !fs->book) {
        fi->status = OV_FILE_MISSING;
        if (required) {
            file_issue(&c, 0, OV_SEV_REJECTED, "E-MISSING-FILE", "",
                       "this required file was not received; the agency's figures are "
                       "incomplete");
            say(job, 0,
                "%s: missing; every agency must send it (the agency's figures are marked "
                "incomplete)",
                relpath);
        }
        goto done;
    }
    if (fs->n >= 2 || fs->book) {
        fi->status = OV_FILE_UNUSABLE;
        const return_book *rb = fs->book;
        if (rb && !rb->unreadable) { /* what was received is on record, read or not */
            fi->size = rb->size;
            memcpy(fi->sha256, rb->sha256, sizeof(fi->sha256));
        }
        char *why = rb ? ov_xasprintf("%s cannot be read: %s", RETURN_BOOK, rb->err)
                       : ov_xasprintf("%s was sent twice, as %s and as %s; neither was read: "
                                      "keep one of them",
                                      ov_dataset_name(ds), fs->rel, fs->rel2);
        file_issue(&c, 0, OV_SEV_REJECTED,
                   !rb              ? "E-TWO-SOURCES"
                   : rb->unreadable ? "E-READ"
                                    : "E-WORKBOOK",
                   "", why);
        if (!rb) /* the workbook was said to be unusable once, not per sheet */
            say(job, 0, "%s: not used: %s", relpath, why);
        free(why);
        goto done;
    }
    if (fs->unusable) {
        /* a folder, FIFO, device, socket, a symlink out of the folder, over 4 GiB:
         * never read */
        fi->status = OV_FILE_UNUSABLE;
        file_issue(&c, 0, OV_SEV_REJECTED, "E-READ", "", fs->unusable);
        say(job, 0, "%s: not used: %s", relpath, fs->unusable);
        goto done;
    }
    if (dep) {
        fi->status = OV_FILE_UNUSABLE;
        if (fs->src.kind == OV_SOURCE_SHEET) {
            fi->size = ov_xlsx_size(fs->src.book);
            snprintf(fi->sha256, sizeof(fi->sha256), "%s", ov_xlsx_sha256(fs->src.book));
        } else if (lseek(fs->fd, 0, SEEK_SET) == 0) {
            ov_sha256_fd(fs->fd, fi->sha256, &fi->size);
        }
        char *why = ov_xasprintf("needs %s, which is missing or unusable", dep);
        file_issue(&c, 0, OV_SEV_REJECTED, "E-DEPENDENCY", "", why);
        say(job, 0, "%s: not used: %s", relpath, why);
        free(why);
        goto done;
    }
    if (ds == OV_DS_FEEDBACK) {
        /* a response's team counts only when it is a team of the agency's staff */
        c.staff_team = ov_xcalloc(ag->teams.n ? ag->teams.n : 1, 1);
        for (size_t i = 0; i < ag->nstaff; i++)
            if (ag->staff[i].team < ag->teams.n)
                c.staff_team[ag->staff[i].team] = 1;
    }
    ov_source_info info;
    enum ov_source_error e = ov_source_read(&fs->src, on_record, &c, &info);
    fi->size = info.size;
    memcpy(fi->sha256, info.sha256, sizeof(fi->sha256));
    fi->transcoded = info.transcoded;
    fi->delim = info.delim;
    if (info.transcoded == OV_CSV_CP1252)
        file_issue(&c, 0, OV_SEV_WARNING, "W-ENCODING", "",
                   "not valid UTF-8; read as Windows-1252 (Excel CSV) and converted");
    else if (info.transcoded)
        file_issue(&c, 0, OV_SEV_WARNING, "W-ENCODING", "",
                   info.transcoded == OV_CSV_UTF16BE
                       ? "UTF-16 (big-endian, with its byte-order mark); converted to UTF-8"
                       : "UTF-16 (little-endian, with its byte-order mark); converted to UTF-8");
    if (info.first_sheet) {
        char *why = ov_xasprintf("no sheet is named %s, so the first of its %zu sheets was read; "
                                 "name the sheet that holds the data %s to be sure",
                                 ov_dataset_name(ds), info.sheets, ov_dataset_name(ds));
        file_issue(&c, 0, OV_SEV_INFO, "I-SHEET", "", why);
        free(why);
    }
    if (e == OV_SOURCE_EOPEN || e == OV_SOURCE_EEMPTY || e == OV_SOURCE_ETOOBIG ||
        e == OV_SOURCE_EBROKEN) {
        fi->status = OV_FILE_UNUSABLE;
        char *why = e == OV_SOURCE_EBROKEN  ? ov_xasprintf("%s", info.reason)
                    : e != OV_SOURCE_EEMPTY ? ov_xstrdup("the file cannot be read")
                    : c.sheet ? ov_xstrdup("the sheet is empty; send it with its header row")
                              : ov_xstrdup("the file is empty; send it with its header row");
        file_issue(&c, 0, OV_SEV_REJECTED,
                   e == OV_SOURCE_EEMPTY    ? "E-EMPTY"
                   : e == OV_SOURCE_EBROKEN ? "E-WORKBOOK"
                                            : "E-READ",
                   "", why);
        say(job, 0, "%s: not used: %s", relpath, why);
        free(why);
        goto done;
    }
    if (c.unusable || c.ncols == 0) {
        fi->status = OV_FILE_UNUSABLE;
        fi->rows_read = fi->rows_accepted = fi->rows_rejected = 0;
        say_header_unusable(&c, job, relpath);
        goto done;
    }
    fi->status = OV_FILE_RECEIVED;
    if (ds == OV_DS_STAFF)
        resolve_supervisors(&c);
    say(job, 1, "%s: read %lu, accepted %lu, rejected %lu, warnings %lu", relpath, fi->rows_read,
        fi->rows_accepted, fi->rows_rejected, fi->warnings);
done:
    free(c.colmap);
    free(c.conflict);
    free(c.forbidden);
    free(c.staff_team);
    free(c.sup_ref);
    ov_strtab_free(&c.case_keys);
}

/* The name a dataset's file went by (workbook and sheet included), without
 * the agency's folder: "staff.csv", "supervision-return.xlsx#staff". */
static const char *file_name(const ov_agency *ag, enum ov_dataset ds)
{
    const char *rel = ag->files[ds].relpath;
    if (!rel)
        return ov_dataset_file(ds);
    const char *slash = strrchr(rel, '/');
    return slash ? slash + 1 : rel;
}

/* Returns the name of the file ds needs that is not usable, or NULL. */
static const char *dependency(const ov_agency *ag, enum ov_dataset ds)
{
    if (ds != OV_DS_STAFF && ag->files[OV_DS_STAFF].status != OV_FILE_RECEIVED)
        return file_name(ag, OV_DS_STAFF);
    if (ds == OV_DS_CASE_OVERSIGHT && ag->files[OV_DS_CASES].status != OV_FILE_RECEIVED)
        return file_name(ag, OV_DS_CASES);
    return NULL;
}

/* The profiles of templates/profiles, loaded on first need (once per run, by
 * whichever agency needs them first); NULL when they cannot be loaded, which
 * is said once. */
static const ov_profile_set *shared_profiles(loader *ld, agency_job *job)
{
    char err[512];
    pthread_mutex_lock(&ld->profiles_lock);
    if (ld->profiles_state == 0) {
        if (ov_profile_set_load(&ld->profiles, ld->cfg->templates_dir, err, sizeof(err)) == 0) {
            ld->profiles_state = 1;
        } else {
            ld->profiles_state = -1;
            say(job, 0, "%s", err);
        }
    }
    int ok = ld->profiles_state == 1;
    pthread_mutex_unlock(&ld->profiles_lock);
    return ok ? &ld->profiles : NULL;
}

/* csvread callback of a header probe: keeps the header's names and stops. */
static int probe_record(const ov_record *rec, void *vctx)
{
    header_names *hn = vctx;
    if (rec->index == 0 && !rec->error)
        header_names_read(rec, hn);
    return 1;
}

/* Bytes read to look at a header before the file is read. */
#define PROBE_BYTES 65536

/* What header h[k], which does not fit the default profile, is told about
 * the profiles of templates/profiles (nfit of them fit all nh of the agency's
 * headers). */
static char *profile_hint(const ov_profile_set *set, const ov_profile *base, const ov_header *h,
                          size_t nh, size_t k, int nfit, int first, int second)
{
    if (nfit >= 2)
        return ov_xasprintf("the profiles '%s' and '%s'%s read all of the agency's files; name "
                            "one in agencies.csv or with --profile",
                            ov_profile_name(set->p[first]), ov_profile_name(set->p[second]),
                            nfit > 2 ? " (and others)" : " both");
    ov_header_fit fit;
    int best = ov_profile_closest(set, base, &h[k], &fit);
    if (best < 0)
        return ov_xasprintf("no mapping profile in templates/profiles finds %s; rename the "
                            "columns, or name a mapping profile in agencies.csv or with --profile",
                            ov_profile_map_header(base, &h[k], NULL).nmissing > 1 ? "them" : "it");
    const ov_profile *p = set->p[best];
    ov_buf b = {0};
    if (fit.nmissing == 0) {
        /* it reads this file, so some other file of the agency does not fit it */
        const char *misfits[OV_DS_COUNT];
        size_t nmis = 0;
        for (size_t j = 0; j < nh; j++) {
            ov_header_fit other = ov_profile_map_header(p, &h[j], NULL);
            if (j != k && (other.nmissing || other.conflict))
                misfits[nmis++] = ov_dataset_file(h[j].ds);
        }
        ov_buf_printf(&b, "the profile '%s' reads it but not ", ov_profile_name(p));
        for (size_t j = 0; j < nmis; j++)
            ov_buf_printf(&b, "%s%s", j == 0 ? "" : j == nmis - 1 ? " and " : ", ", misfits[j]);
        ov_buf_adds(&b, " (one profile reads all of an agency's files); rename the columns, or "
                        "name a profile in agencies.csv or with --profile");
        return ov_buf_detach(&b);
    }
    size_t nf;
    const ov_field_def *schema = ov_schema_columns(h[k].ds, &nf);
    ov_buf_printf(&b, "the closest profile is '%s' (still missing: ", ov_profile_name(p));
    field_list(&b, schema, nf, fit.missing);
    ov_buf_adds(&b, "); rename the columns, or name a profile in agencies.csv or with --profile");
    return ov_buf_detach(&b);
}

/* For an agency that names no profile: looks at the header of each of its
 * files and, when one does not fit the default profile (a required field has
 * no column), looks for the one profile of templates/profiles under which all
 * of them fit. Fills ps; returns 0, or -1 when the profiles cannot be loaded. */
static int search_profile(loader *ld, agency_job *job, int32_t ai, const found_source *found,
                          const ov_profile *base, profile_search *ps)
{
    ov_agency *ag = &ld->d->agencies[ai];
    header_names hn[OV_DS_COUNT];
    ov_header h[OV_DS_COUNT];
    ov_header_fit base_fit[OV_DS_COUNT];
    size_t nh = 0;
    int misfit = 0, rc = 0;
    memset(hn, 0, sizeof(hn));
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++) {
        const found_source *fs = &found[ds];
        /* only a regular file inside the data folder is looked at, as read */
        if (fs->n == 1 && !fs->unusable)
            ov_source_read_head(&fs->src, PROBE_BYTES, probe_record, &hn[ds]);
        if (!hn[ds].names)
            continue;
        h[nh] = header_view((enum ov_dataset)ds, &hn[ds]);
        base_fit[nh] = ov_profile_map_header(base, &h[nh], NULL);
        misfit |= base_fit[nh].nmissing > 0;
        nh++;
    }
    if (!misfit)
        goto done;
    const ov_profile_set *set = shared_profiles(ld, job);
    if (!set) {
        rc = -1;
        goto done;
    }
    int first, second;
    int nfit = ov_profile_choose(set, h, nh, &first, &second);
    if (nfit == 1) {
        ps->found = set->p[first];
        say(job, 1,
            "%s: no mapping profile is named for it; the headers of its files fit the profile "
            "'%s' only, so it reads them all (name it in agencies.csv or with --profile to make "
            "this explicit)",
            ag->id, ov_profile_name(ps->found));
        goto done;
    }
    for (size_t k = 0; k < nh; k++)
        if (base_fit[k].nmissing)
            ps->hint[h[k].ds] = profile_hint(set, base, h, nh, k, nfit, first, second);
done:
    for (int ds = 0; ds < OV_DS_COUNT; ds++)
        header_names_free(&hn[ds]);
    return rc;
}

/* The profile called name (NULL: the one for an agency that names none),
 * compiled on first need and kept for the run, shared read-only by the
 * agencies' threads; NULL with the reason in *err (owned by the loader) when
 * it cannot be loaded. */
static const ov_profile *named_profile_get(loader *ld, const char *name, const char **err)
{
    pthread_mutex_lock(&ld->profiles_lock);
    named_profile *np = NULL;
    for (size_t i = 0; i < ld->nnamed && !np; i++) {
        const char *n = ld->named[i].name;
        if ((!n && !name) || (n && name && strcmp(n, name) == 0))
            np = &ld->named[i];
    }
    if (!np) {
        char buf[512];
        np = OV_PUSH(ld->named, ld->nnamed, ld->cap_named);
        np->name = name ? ov_xstrdup(name) : NULL;
        np->prof = ov_profile_load(ld->cfg->templates_dir, name, buf, sizeof(buf));
        np->err = np->prof ? NULL : ov_xstrdup(buf);
    }
    const ov_profile *prof = np->prof;
    *err = np->err;
    pthread_mutex_unlock(&ld->profiles_lock);
    return prof;
}

/* Loads one agency's files in dependency order, holding its issues and
 * messages in job. Each agency compiles its own named (or default) mapping
 * profile, so agencies can be read in parallel; a profile found from the
 * headers is one of the shared, compiled-once profiles of templates/profiles. */
static void load_agency(loader *ld, int32_t ai, const char *prefix, agency_job *job)
{
    ov_agency *ag = &ld->d->agencies[ai];
    found_source found[OV_DS_COUNT];
    memset(found, 0, sizeof(found));
    /* the agency's workbook, opened once for all of its sheets */
    return_book rb;
    open_return_book(ld, job, prefix, &rb);
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
        find_sources(ld, prefix, (enum ov_dataset)ds, &rb, &found[ds]);
    const char *pname = ag->profile ? ag->profile : ld->cfg->profile;
    const char *err = NULL;
    const ov_profile *prof = named_profile_get(ld, pname, &err);
    if (!prof) {
        say(job, 0, "%s", err);
        job->failed = 1;
        goto done;
    }
    profile_search ps;
    memset(&ps, 0, sizeof(ps));
    if (!pname && search_profile(ld, job, ai, found, prof, &ps) != 0) {
        job->failed = 1;
        goto done;
    }
    const ov_profile *use = ps.found ? ps.found : prof;
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
        load_file(ld, job, ai, (enum ov_dataset)ds, &found[ds], use,
                  found[ds].n ? dependency(ag, (enum ov_dataset)ds) : NULL, &ps);
    ag->incomplete = ag->files[OV_DS_STAFF].status != OV_FILE_RECEIVED ||
                     ag->files[OV_DS_SESSIONS].status != OV_FILE_RECEIVED;
    for (int ds = 0; ds < OV_DS_COUNT; ds++)
        free(ps.hint[ds]);
done:
    for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
        found_free(&found[ds]);
    ov_xlsx_close(rb.book);
}

typedef struct {
    loader *ld;
    agency_job *jobs;
    size_t *order; /* agencies in the order they are taken */
    size_t next;   /* next place in order */
    pthread_mutex_t lock;
} agency_pool;

/* Bytes of the regular files directly in an agency's folder (0 when it
 * cannot be listed): a measure of the work its load will be. */
static uint64_t agency_bytes(const loader *ld, const char *id)
{
    char *path = ov_path_join(ld->d->root, id);
    DIR *dir = opendir(path);
    uint64_t total = 0;
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            struct stat st;
            if (e->d_name[0] != '.' &&
                fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISREG(st.st_mode))
                total += (uint64_t)st.st_size;
        }
        closedir(dir);
    }
    free(path);
    return total;
}

typedef struct {
    uint64_t bytes;
    size_t index;
} agency_size;

/* Larger agencies first; equal ones in listed order. */
static int agency_size_cmp(const void *a, const void *b)
{
    const agency_size *x = a, *y = b;
    if (x->bytes != y->bytes)
        return x->bytes > y->bytes ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The order agencies are read in: listed order on one thread; on several,
 * the largest first, so that the threads finish at about the same time (the
 * outputs do not depend on the order: each agency's results are kept apart
 * and merged in listed order). Returns a malloc'd array the caller frees. */
static size_t *agency_order(const loader *ld, size_t nthreads)
{
    size_t n = ld->d->nagencies;
    size_t *order = ov_xcalloc(n ? n : 1, sizeof(*order));
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (nthreads < 2 || n < 2 || ld->d->self_audit)
        return order;
    agency_size *sz = ov_xcalloc(n, sizeof(*sz));
    for (size_t i = 0; i < n; i++)
        sz[i] = (agency_size){agency_bytes(ld, ld->d->agencies[i].id), i};
    qsort(sz, n, sizeof(*sz), agency_size_cmp);
    for (size_t i = 0; i < n; i++)
        order[i] = sz[i].index;
    free(sz);
    return order;
}

/* Worker: takes agencies one at a time until none is left. */
static void *agency_worker(void *arg)
{
    agency_pool *pool = arg;
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        size_t k = pool->next++;
        pthread_mutex_unlock(&pool->lock);
        if (k >= pool->ld->d->nagencies)
            return NULL;
        size_t i = pool->order[k];
        ov_agency *ag = &pool->ld->d->agencies[i];
        char *prefix = pool->ld->d->self_audit ? ov_xstrdup("") : ov_xasprintf("%s/", ag->id);
        load_agency(pool->ld, (int32_t)i, prefix, &pool->jobs[i]);
        free(prefix);
        /* the agency's window, from its dates or its accepted sessions */
        ov_agency_set_window(ag);
        const ov_ingest_config *cfg = pool->ld->cfg;
        if (cfg->agency_read && cfg->agency_read(cfg->agency_ctx, pool->ld->d, (int32_t)i))
            ov_agency_drop_records(ag);
    }
}

/* Loads every agency on the configured number of threads,
 * then merges issues and messages in agency order. Returns 0, or -1 when a
 * mapping profile could not be loaded. */
static int load_agencies(loader *ld)
{
    ov_data *d = ld->d;
    agency_pool pool = {.ld = ld, .jobs = ov_xcalloc(d->nagencies, sizeof(agency_job))};
    pthread_mutex_init(&pool.lock, NULL);
    size_t nthreads = ov_threads_for(ld->cfg->threads, d->nagencies);
    pool.order = agency_order(ld, nthreads);
    pthread_t tid[OV_MAX_THREADS];
    size_t started = 0;
    for (size_t t = 1; t < nthreads; t++)
        if (pthread_create(&tid[started], NULL, agency_worker, &pool) == 0)
            started++;
    agency_worker(&pool);
    for (size_t t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&pool.lock);
    free(pool.order);
    int rc = 0;
    for (size_t i = 0; i < d->nagencies; i++) {
        agency_job *j = &pool.jobs[i];
        for (size_t k = 0; k < j->nmsgs; k++) {
            if (j->msgs[k].level == 0)
                ov_err("%s", j->msgs[k].text);
            else
                ov_note("%s", j->msgs[k].text);
            free(j->msgs[k].text);
        }
        free(j->msgs);
        for (size_t k = 0; k < j->issues.nissues; k++)
            *OV_PUSH(d->issues, d->nissues, d->cap_issues) = j->issues.issues[k];
        free(j->issues.issues);
        if (j->failed)
            rc = -1;
    }
    free(pool.jobs);
    return rc;
}

/* Orders folder names bytewise. */
static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Warns about sub-folders that agencies.csv does not list. */
static void check_unlisted(loader *ld)
{
    DIR *dir = opendir(ld->d->root);
    if (!dir)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *full = ov_path_join(ld->d->root, e->d_name);
        int isdir = 0;
        file_exists(full, &isdir);
        free(full);
        if (isdir && ov_data_find_agency(ld->d, e->d_name) == OV_NONE)
            *OV_PUSH(names, n, cap) = ov_xstrdup(e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof(*names), name_cmp);
    for (size_t i = 0; i < n; i++) {
        char label[64];
        header_label(names[i], strlen(names[i]), label, sizeof(label));
        char *why = ov_xasprintf("folder '%s' is not listed in agencies.csv; its files were not "
                                 "read",
                                 label);
        ov_data_issue(ld->d, OV_NONE, OV_DS_AGENCIES, 0, OV_SEV_WARNING, "W-UNLISTED-AGENCY",
                      "agency_id", why);
        ld->d->files[OV_DS_AGENCIES].warnings++;
        ov_warn("%s", why);
        free(why);
        free(names[i]);
    }
    free(names);
}

/* Derives a usable agency id from a folder's name for a self-audit. */
static char *self_audit_id(const char *root)
{
    size_t len = strlen(root);
    while (len > 1 && root[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && root[start - 1] != '/')
        start--;
    ov_buf b = {0};
    for (size_t i = start; i < len && b.len < 64; i++) {
        char ch = root[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '_' || ch == '-';
        ov_buf_addc(&b, ok ? ch : '_');
    }
    if (b.len == 0 || strcmp(b.s, "ALL") == 0)
        ov_buf_adds(&b, "_AGENCY");
    return ov_buf_detach(&b);
}

/* Names the report's subject when --title is not given: the agency for a
 * self-audit, otherwise the partnership as a whole. */
static void set_partnership_name(ov_data *d)
{
    if (d->self_audit)
        d->partnership_name = ov_xasprintf("%s self-audit", d->agencies[0].name);
    else
        d->partnership_name = ov_xstrdup("Safeguarding partnership");
}

/* Starts loading root into out: the folder's real path and the default
 * profile. Returns 0, or -1 after a message (a broken profile). */
static int loader_open(loader *ld, const char *root, const ov_ingest_config *cfg, ov_data *out)
{
    char err[512];
    memset(out, 0, sizeof(*out));
    out->root = ov_xstrdup(root);
    *ld = (loader){.d = out, .cfg = cfg, .root_real = realpath(root, NULL)};
    ld->default_prof = ov_profile_load(cfg->templates_dir, "default", err, sizeof(err));
    if (!ld->default_prof) {
        ov_err("%s", err);
        free(ld->root_real);
        return -1;
    }
    pthread_mutex_init(&ld->profiles_lock, NULL);
    return 0;
}

/* Puts the issues in report order and frees what the loader holds. */
static void loader_close(loader *ld)
{
    ov_ingest_sort_issues(ld->d);
    free(ld->root_real);
    ov_profile_free(ld->default_prof);
    ov_profile_set_free(&ld->profiles);
    for (size_t i = 0; i < ld->nnamed; i++) {
        free(ld->named[i].name);
        ov_profile_free(ld->named[i].prof);
        free(ld->named[i].err);
    }
    free(ld->named);
    pthread_mutex_destroy(&ld->profiles_lock);
}

/* Loads a data folder. */
enum ov_ingest_status ov_ingest_load(const char *root, const ov_ingest_config *cfg, ov_data *out)
{
    loader ld;
    if (loader_open(&ld, root, cfg, out) != 0)
        return OV_INGEST_CONFIG;
    enum ov_ingest_status st = OV_INGEST_OK;
    char *agencies = ov_path_join(root, "agencies.csv");
    char *agencies_x = ov_path_join(root, "agencies.xlsx");
    char *staff = ov_path_join(root, "staff.csv");
    char *staff_x = ov_path_join(root, "staff.xlsx");
    char *book = ov_path_join(root, RETURN_BOOK);
    int partnership = file_exists(agencies, NULL) || file_exists(agencies_x, NULL);
    if (!partnership && !file_exists(staff, NULL) && !file_exists(staff_x, NULL) &&
        !file_exists(book, NULL)) {
        ov_err("%s has neither agencies.csv (a partnership folder) nor staff.csv or %s (one "
               "agency's folder); point oversight at the data folder",
               root, RETURN_BOOK);
        st = OV_INGEST_NO_INPUT;
        goto done;
    }
    if (partnership) {
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++) {
            found_source fs;
            find_sources(&ld, "", (enum ov_dataset)ds, NULL, &fs);
            load_file(&ld, NULL, OV_NONE, (enum ov_dataset)ds, &fs, ld.default_prof, NULL, NULL);
            found_free(&fs);
        }
        check_unlisted(&ld);
    } else {
        out->self_audit = 1;
        char *id = self_audit_id(root);
        ov_agency *a = ov_data_add_agency(out, id);
        a->name = id;
        a->type = OV_AT_OTHER;
    }
    if (load_agencies(&ld) != 0) {
        st = OV_INGEST_CONFIG;
        goto done;
    }
    set_partnership_name(out);
    int usable = 0;
    for (size_t i = 0; i < out->nagencies; i++)
        usable += !out->agencies[i].incomplete;
    if (!usable) {
        ov_err("no agency sent a usable staff.csv and sessions.csv; nothing to measure");
        st = OV_INGEST_NO_INPUT;
    }
done:
    free(agencies);
    free(agencies_x);
    free(staff);
    free(staff_x);
    free(book);
    loader_close(&ld);
    return st;
}

/* Loads only agencies.csv. */
enum ov_ingest_status ov_ingest_agencies(const char *root, const ov_ingest_config *cfg,
                                         ov_data *out)
{
    loader ld;
    if (loader_open(&ld, root, cfg, out) != 0)
        return OV_INGEST_CONFIG;
    found_source fs;
    find_sources(&ld, "", OV_DS_AGENCIES, NULL, &fs);
    load_file(&ld, NULL, OV_NONE, OV_DS_AGENCIES, &fs, ld.default_prof, NULL, NULL);
    found_free(&fs);
    loader_close(&ld);
    return out->files[OV_DS_AGENCIES].status == OV_FILE_RECEIVED && out->nagencies
               ? OV_INGEST_OK
               : OV_INGEST_NO_INPUT;
}

typedef struct {
    ov_issue is;
    size_t seq;
} issue_slot;

/* Report order of two issues; equal keys keep their recording order. */
static int issue_cmp(const void *pa, const void *pb)
{
    const issue_slot *x = pa, *y = pb;
    const ov_issue *a = &x->is, *b = &y->is;
    if (a->agency != b->agency)
        return a->agency < b->agency ? -1 : 1;
    if (a->dataset != b->dataset)
        return a->dataset < b->dataset ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts issues into report order, keeping the order of equal keys. */
void ov_ingest_sort_issues(ov_data *d)
{
    size_t n = d->nissues;
    if (n < 2)
        return;
    issue_slot *slots = ov_xmalloc(n * sizeof(*slots));
    for (size_t i = 0; i < n; i++) {
        slots[i].is = d->issues[i];
        slots[i].seq = i;
    }
    qsort(slots, n, sizeof(*slots), issue_cmp);
    for (size_t i = 0; i < n; i++)
        d->issues[i] = slots[i].is;
    free(slots);
}
