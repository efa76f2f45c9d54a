/* standards.c — the supervision standards: built-in defaults from the spec and
 * the standards CSV a board officer edits in Excel (templates/standards.csv).
 *
 * File layout, one header line then one row per item:
 *   kind,id,agency_id,target,amber,direction,value,note
 *   metric   — id = metric id; agency_id blank = everyone, or one agency's override;
 *              target and amber (percentages), direction higher|lower (blank = default)
 *   interval — id = case category code (aliases accepted); value = months
 *   setting  — id = a setting name (see settings[] below); value = a whole number, or
 *              for holiday_calendar a file name resolved from the standards file's folder
 * A row with a blank kind holds only a note (a heading for people) and is skipped.
 * Every problem stops the load with one line naming the file and line. */
#include "metrics/standards.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/files.h"
#include "core/hash.h"
#include "core/mem.h"
#include "ingest/csvread.h"
#include "ingest/parse.h"

/* ---- settings ----------------------------------------------------------- */

typedef struct {
    const char *name;
    size_t offset; /* of the int in ov_standards */
    int def, min, max;
} setting_def;

/* clang-format off */
#define SETTING(field, def, min, max) {#field, offsetof(ov_standards, field), def, min, max}
/* clang-format on */
static const setting_def settings[] = {
    SETTING(asye_weeks, 6, 0, 52),
    SETTING(asye_week_days, 7, 1, 31),
    SETTING(asye_fortnights, 10, 0, 52),
    SETTING(asye_fortnight_days, 14, 1, 62),
    SETTING(notes_working_days, 5, 0, 260),
    SETTING(rearrange_working_days, 10, 0, 260),
    SETTING(agreement_valid_months, 12, 1, 120),
    SETTING(observation_valid_months, 12, 1, 120),
    SETTING(observation_service_months, 12, 0, 120),
    SETTING(safeguarding_training_valid_months, 36, 1, 240),
    SETTING(review_day_early, 8, 1, 260),
    SETTING(review_day_late, 20, 1, 260),
    SETTING(suppress_below, 5, 0, 1000000),
    SETTING(fill_flag_percent, 80, 0, 100),
};
#define NSETTINGS        (sizeof(settings) / sizeof(settings[0]))
#define SETTING_HOLIDAYS NSETTINGS /* index of holiday_calendar in seen-line tables */

/* Default minimum management-oversight interval per case category (months). */
static const int default_interval[OV_CAT_COUNT] = {
    [OV_CAT_EARLY_HELP] = 3,       [OV_CAT_CIN] = 3,         [OV_CAT_CP] = 2,
    [OV_CAT_CARE_PROCEEDINGS] = 2, [OV_CAT_CIC] = 2,         [OV_CAT_CIC_LTM] = 3,
    [OV_CAT_SHORT_BREAKS] = 3,     [OV_CAT_CARE_LEAVER] = 3, [OV_CAT_ADOPTION_SUPPORT] = 3,
};
#define INTERVAL_MAX_MONTHS 60

/* Fills s with the built-in defaults of the spec; s owns nothing afterwards
 * (calendar_file and path NULL, no overrides). */
void ov_standards_defaults(ov_standards *s)
{
    memset(s, 0, sizeof(*s));
    for (int m = 0; m < OV_M_COUNT; m++) {
        const ov_metric_def *d = ov_metric_def_get((enum ov_metric_id)m);
        s->metric[m].target = d->target;
        s->metric[m].amber = d->amber;
        s->metric[m].lower_is_better = d->lower_is_better;
    }
    for (int c = 0; c < OV_CAT_COUNT; c++)
        s->interval_months[c] = default_interval[c];
    for (size_t i = 0; i < NSETTINGS; i++)
        *(int *)((char *)s + settings[i].offset) = settings[i].def;
}

/* Frees what s owns and leaves it holding the defaults; accepts NULL. */
void ov_standards_free(ov_standards *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->noverrides; i++)
        free(s->overrides[i].agency_id);
    free(s->overrides);
    free(s->calendar_file);
    free(s->path);
    ov_standards_defaults(s);
}

/* The agency's override for the metric when there is one, else the everyone row;
 * NULL when metric is out of range. The pointer is owned by s. */
const ov_threshold *ov_standards_threshold(const ov_standards *s, int metric, const char *agency_id)
{
    if (metric < 0 || metric >= OV_M_COUNT)
        return NULL;
    if (agency_id)
        for (size_t i = 0; i < s->noverrides; i++)
            if (s->overrides[i].metric == metric &&
                strcmp(s->overrides[i].agency_id, agency_id) == 0)
                return &s->overrides[i].t;
    return &s->metric[metric];
}

/* ---- loading ------------------------------------------------------------ */

enum {
    COL_KIND,
    COL_ID,
    COL_AGENCY,
    COL_TARGET,
    COL_AMBER,
    COL_DIRECTION,
    COL_VALUE,
    COL_NOTE,
    NCOLS
};
static const char *const col_names[NCOLS] = {"kind",  "id",        "agency_id", "target",
                                             "amber", "direction", "value",     "note"};

/* An override as read, before its blank direction is taken from the everyone row. */
typedef struct {
    char *agency; /* owned until moved into the standards */
    int metric;
    double target, amber;
    int dir; /* 1 lower, 0 higher, -1 blank */
    unsigned long line;
} pending_override;

typedef struct {
    const char *path;
    ov_standards *s;
    char *err;
    size_t errlen;
    int failed;
    int col[NCOLS];
    unsigned long metric_line[OV_M_COUNT]; /* line of the everyone row, 0 = none */
    unsigned long interval_line[OV_CAT_COUNT];
    unsigned long setting_line[NSETTINGS + 1];
    pending_override *ov;
    size_t nov, capov;
    char *holidays; /* holiday_calendar value, owned */
} load_ctx;

/* A trimmed field view. */
typedef struct {
    const char *s;
    size_t len;
} field;

/* Records a one-line error "PATH, line N: ..." and marks the load failed. */
__attribute__((format(printf, 3, 4))) static void fail(load_ctx *x, unsigned long line,
                                                       const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line)
        snprintf(x->err, x->errlen, "%s, line %lu: %s", x->path, line, msg);
    else
        snprintf(x->err, x->errlen, "%s: %s", x->path, msg);
    x->failed = 1;
}

/* The trimmed field of column c in rec (empty when the column or field is absent). */
static field get(const load_ctx *x, const ov_csv_record *rec, int c)
{
    field f = {"", 0};
    if (x->col[c] >= 0 && (size_t)x->col[c] < rec->nfields)
        f.s = ov_trim(rec->field[x->col[c]], rec->len[x->col[c]], &f.len);
    return f;
}

/* Copies at most 40 bytes of a field for quoting in a message. */
static const char *quote(field f, char out[48])
{
    size_t n = f.len > 40 ? 40 : f.len;
    memcpy(out, f.s, n);
    strcpy(out + n, f.len > 40 ? "..." : "");
    return out;
}

/* Parses a percentage: digits with an optional decimal point (or comma) and an
 * optional trailing '%', 0-100. Exact decimal rounding, independent of locale.
 * Returns 0 or -1. */
static int parse_pct(field f, double *out)
{
    size_t n = f.len;
    if (n && f.s[n - 1] == '%')
        n--;
    while (n && (f.s[n - 1] == ' '))
        n--;
    int64_t mant = 0, scale = 1;
    int ndig = 0, point = 0;
    for (size_t i = 0; i < n; i++) {
        char c = f.s[i];
        if ((c == '.' || c == ',') && !point) {
            point = 1;
        } else if (c >= '0' && c <= '9') {
            if (++ndig > 15)
                return -1;
            mant = mant * 10 + (c - '0');
            if (point)
                scale *= 10;
        } else {
            return -1;
        }
    }
    if (ndig == 0)
        return -1;
    double v = (double)mant / (double)scale;
    if (v > 100.0)
        return -1;
    *out = v;
    return 0;
}

/* Parses a direction: higher or lower (also "higher is better", "lower is
 * better"). Returns 0 higher, 1 lower, -1 blank, -2 unknown. */
static int parse_direction(field f)
{
    char norm[32];
    if (f.len == 0)
        return -1;
    size_t n = ov_normalise(f.s, f.len, norm, sizeof(norm));
    if (n >= sizeof(norm))
        return -2;
    if (strcmp(norm, "higher") == 0 || strcmp(norm, "higher_is_better") == 0)
        return 0;
    if (strcmp(norm, "lower") == 0 || strcmp(norm, "lower_is_better") == 0)
        return 1;
    return -2;
}

/* Checks that amber does not lie beyond target in the metric's direction. */
static int check_amber(load_ctx *x, unsigned long line, int m, const char *agency, double target,
                       double amber, int lower)
{
    const char *id = ov_metric_def_get((enum ov_metric_id)m)->id;
    if (!lower && amber > target) {
        fail(x, line,
             "%s%s%s: amber %g is above target %g; higher is better here, so amber must "
             "be at or below the target",
             id, agency ? " for " : "", agency ? agency : "", amber, target);
        return -1;
    }
    if (lower && amber < target) {
        fail(x, line,
             "%s%s%s: amber %g is below target %g; lower is better here, so amber must be "
             "at or above the target",
             id, agency ? " for " : "", agency ? agency : "", amber, target);
        return -1;
    }
    return 0;
}

/* Fails when any of the given columns is filled on a row of this kind. */
static int check_unused(load_ctx *x, const ov_csv_record *rec, const char *kind, const int *cols,
                        size_t ncols)
{
    for (size_t i = 0; i < ncols; i++) {
        if (get(x, rec, cols[i]).len) {
            fail(x, rec->line, "%s rows do not use the %s column; leave it blank", kind,
                 col_names[cols[i]]);
            return -1;
        }
    }
    return 0;
}

/* Reads the header: every column known, none twice, all but note present. */
static int read_header(load_ctx *x, const ov_csv_record *rec)
{
    for (int c = 0; c < NCOLS; c++)
        x->col[c] = -1;
    for (size_t i = 0; i < rec->nfields; i++) {
        char norm[32];
        size_t n = ov_normalise(rec->field[i], rec->len[i], norm, sizeof(norm));
        if (n == 0)
            continue; /* Excel may leave empty header cells after the last column */
        int c = 0;
        while (c < NCOLS && (n >= sizeof(norm) || strcmp(norm, col_names[c]) != 0))
            c++;
        if (c == NCOLS) {
            char q[48];
            field f;
            f.s = ov_trim(rec->field[i], rec->len[i], &f.len);
            fail(x, rec->line,
                 "unknown column \"%s\"; the columns are kind,id,agency_id,target,amber,"
                 "direction,value,note (put remarks in note)",
                 quote(f, q));
            return -1;
        }
        if (x->col[c] >= 0) {
            fail(x, rec->line, "the column %s appears twice; keep one", col_names[c]);
            return -1;
        }
        x->col[c] = (int)i;
    }
    for (int c = 0; c < COL_NOTE; c++) {
        if (x->col[c] < 0) {
            fail(x, rec->line,
                 "the header has no %s column; the header must be "
                 "kind,id,agency_id,target,amber,direction,value,note",
                 col_names[c]);
            return -1;
        }
    }
    return 0;
}

/* A metric row: a threshold for everyone or one agency's override. */
static int read_metric(load_ctx *x, const ov_csv_record *rec)
{
    char q[48];
    unsigned long line = rec->line;
    field id = get(x, rec, COL_ID), agency = get(x, rec, COL_AGENCY);
    field target = get(x, rec, COL_TARGET), amber = get(x, rec, COL_AMBER);
    if (id.len == 0) {
        fail(x, line, "the id is blank; give a metric id such as supervision_frequency");
        return -1;
    }
    char *idz = ov_xstrndup(id.s, id.len);
    int m = ov_metric_find(idz);
    free(idz);
    if (m < 0) {
        fail(x, line,
             "unknown metric \"%s\"; use a metric id from the shipped standards template, "
             "such as supervision_frequency",
             quote(id, q));
        return -1;
    }
    const char *mid = ov_metric_def_get((enum ov_metric_id)m)->id;
    if (m >= OV_M_FIRST_INFO) {
        fail(x, line, "%s is an information figure with no target; remove this row", mid);
        return -1;
    }
    static const int unused[] = {COL_VALUE};
    if (check_unused(x, rec, "metric", unused, 1) != 0)
        return -1;
    double t, a;
    if (target.len == 0 || parse_pct(target, &t) != 0) {
        fail(x, line, "%s: target \"%s\" is not a percentage; write a number from 0 to 100", mid,
             quote(target, q));
        return -1;
    }
    if (amber.len == 0 || parse_pct(amber, &a) != 0) {
        fail(x, line, "%s: amber \"%s\" is not a percentage; write a number from 0 to 100", mid,
             quote(amber, q));
        return -1;
    }
    int dir = parse_direction(get(x, rec, COL_DIRECTION));
    if (dir == -2) {
        fail(x, line, "%s: direction \"%s\" is not understood; write higher or lower", mid,
             quote(get(x, rec, COL_DIRECTION), q));
        return -1;
    }
    if (agency.len == 0) {
        if (x->metric_line[m]) {
            fail(x, line, "%s is set twice for everyone (also on line %lu); keep one row", mid,
                 x->metric_line[m]);
            return -1;
        }
        if (dir < 0)
            dir = ov_metric_def_get((enum ov_metric_id)m)->lower_is_better;
        if (check_amber(x, line, m, NULL, t, a, dir) != 0)
            return -1;
        x->metric_line[m] = line;
        x->s->metric[m].target = t;
        x->s->metric[m].amber = a;
        x->s->metric[m].lower_is_better = dir;
        return 0;
    }
    for (size_t i = 0; i < x->nov; i++) {
        if (x->ov[i].metric == m && strlen(x->ov[i].agency) == agency.len &&
            memcmp(x->ov[i].agency, agency.s, agency.len) == 0) {
            fail(x, line, "%s is set twice for agency %s (also on line %lu); keep one row", mid,
                 x->ov[i].agency, x->ov[i].line);
            return -1;
        }
    }
    pending_override *o = OV_PUSH(x->ov, x->nov, x->capov);
    o->agency = ov_xstrndup(agency.s, agency.len);
    o->metric = m;
    o->target = t;
    o->amber = a;
    o->dir = dir;
    o->line = line;
    return 0;
}

/* An interval row: months between management oversights for a case category. */
static int read_interval(load_ctx *x, const ov_csv_record *rec)
{
    char q[48];
    unsigned long line = rec->line;
    field id = get(x, rec, COL_ID), value = get(x, rec, COL_VALUE);
    static const int unused[] = {COL_AGENCY, COL_TARGET, COL_AMBER, COL_DIRECTION};
    int c = ov_code_lookup(&ov_codes_category, id.s, id.len);
    if (c == -2) {
        fail(x, line, "the id is blank; give a case category such as cp");
        return -1;
    }
    if (c < 0) {
        fail(x, line,
             "unknown case category \"%s\"; use one of early_help, cin, cp, "
             "care_proceedings, cic, cic_ltm, short_breaks, care_leaver, adoption_support",
             quote(id, q));
        return -1;
    }
    if (check_unused(x, rec, "interval", unused, 4) != 0)
        return -1;
    const char *name = ov_codes_category.names[c];
    if (x->interval_line[c]) {
        fail(x, line, "the interval for %s is set twice (also on line %lu); keep one row", name,
             x->interval_line[c]);
        return -1;
    }
    int32_t v;
    if (ov_parse_int(value.s, value.len, &v) != OV_PARSE_OK || v < 1 || v > INTERVAL_MAX_MONTHS) {
        fail(x, line, "interval for %s: \"%s\" is not a number of months from 1 to %d", name,
             quote(value, q), INTERVAL_MAX_MONTHS);
        return -1;
    }
    x->interval_line[c] = line;
    x->s->interval_months[c] = (int)v;
    return 0;
}

/* A setting row: one of settings[] or holiday_calendar. */
static int read_setting(load_ctx *x, const ov_csv_record *rec)
{
    char q[48], norm[64];
    unsigned long line = rec->line;
    field id = get(x, rec, COL_ID), value = get(x, rec, COL_VALUE);
    static const int unused[] = {COL_AGENCY, COL_TARGET, COL_AMBER, COL_DIRECTION};
    size_t n = ov_normalise(id.s, id.len, norm, sizeof(norm));
    if (n == 0) {
        fail(x, line, "the id is blank; give a setting name such as notes_working_days");
        return -1;
    }
    size_t k = 0;
    while (k < NSETTINGS && (n >= sizeof(norm) || strcmp(norm, settings[k].name) != 0))
        k++;
    if (k == NSETTINGS && strcmp(norm, "holiday_calendar") != 0) {
        fail(x, line,
             "unknown setting \"%s\"; use a setting name from the shipped standards template, "
             "such as notes_working_days",
             quote(id, q));
        return -1;
    }
    const char *name = k < NSETTINGS ? settings[k].name : "holiday_calendar";
    if (check_unused(x, rec, "setting", unused, 4) != 0)
        return -1;
    if (x->setting_line[k]) {
        fail(x, line, "the setting %s is set twice (also on line %lu); keep one row", name,
             x->setting_line[k]);
        return -1;
    }
    if (k == SETTING_HOLIDAYS) {
        if (value.len == 0) {
            fail(x, line, "holiday_calendar: the value is blank; give the holiday file's name");
            return -1;
        }
        x->holidays = ov_xstrndup(value.s, value.len);
    } else {
        int32_t v;
        if (ov_parse_int(value.s, value.len, &v) != OV_PARSE_OK || v < settings[k].min ||
            v > settings[k].max) {
            fail(x, line, "%s: \"%s\" is not a whole number from %d to %d", name, quote(value, q),
                 settings[k].min, settings[k].max);
            return -1;
        }
        *(int *)((char *)x->s + settings[k].offset) = (int)v;
    }
    x->setting_line[k] = line;
    return 0;
}

/* csvread callback: the header, then one row at a time. */
static int load_record(const ov_csv_record *rec, void *vctx)
{
    load_ctx *x = vctx;
    if (rec->error) {
        fail(x, rec->line, "a quoted field is not closed properly; re-save the file as CSV");
        return 1;
    }
    if (rec->index == 0)
        return read_header(x, rec) != 0;
    field kind = get(x, rec, COL_KIND);
    int rc;
    if (kind.len == 0 || kind.s[0] == '#') {
        /* a note-only row (heading or remark): nothing else may be filled */
        for (int c = COL_ID; c < COL_NOTE; c++) {
            if (kind.len == 0 && get(x, rec, c).len) {
                fail(x, rec->line,
                     "the kind is blank; write metric, interval or setting (a row with only "
                     "a note is allowed)");
                return 1;
            }
        }
        return 0;
    }
    char norm[16];
    size_t n = ov_normalise(kind.s, kind.len, norm, sizeof(norm));
    if (n < sizeof(norm) && strcmp(norm, "metric") == 0) {
        rc = read_metric(x, rec);
    } else if (n < sizeof(norm) && strcmp(norm, "interval") == 0) {
        rc = read_interval(x, rec);
    } else if (n < sizeof(norm) && strcmp(norm, "setting") == 0) {
        rc = read_setting(x, rec);
    } else {
        char q[48];
        fail(x, rec->line, "unknown kind \"%s\"; write metric, interval or setting",
             quote(kind, q));
        rc = -1;
    }
    return rc != 0;
}

/* Resolves the holiday file against the standards file's folder and checks it
 * exists. Returns a malloc'd path or NULL after fail(). */
static char *resolve_holidays(load_ctx *x)
{
    char *full;
    const char *slash = strrchr(x->path, '/');
    if (x->holidays[0] == '/' || !slash) {
        full = ov_xstrdup(x->holidays);
    } else {
        char *dir =
            slash == x->path ? ov_xstrdup("/") : ov_xstrndup(x->path, (size_t)(slash - x->path));
        full = ov_path_join(dir, x->holidays);
        free(dir);
    }
    struct stat st;
    if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(x, x->setting_line[SETTING_HOLIDAYS],
             "holiday calendar %s not found; put the file next to the standards file or "
             "correct its name",
             full);
        free(full);
        return NULL;
    }
    return full;
}

/* Loads a standards CSV over the defaults (s need not be initialised; on failure
 * it holds the defaults and owns nothing). Returns 0, or -1 with one line in err. */
int ov_standards_load(ov_standards *s, const char *path, char *err, size_t errlen)
{
    load_ctx x;
    ov_csv_info info;
    int rc = -1;
    memset(&x, 0, sizeof(x));
    x.path = path;
    x.s = s;
    x.err = err;
    x.errlen = errlen;
    for (int c = 0; c < NCOLS; c++)
        x.col[c] = -1;
    ov_standards_defaults(s);

    enum ov_csv_error e = ov_csv_read_file(path, load_record, &x, &info);
    if (x.failed)
        goto done;
    if (e == OV_CSV_EEMPTY) {
        fail(&x, 0, "the file is empty; start from the shipped templates/standards.csv");
        goto done;
    }
    if (e != OV_CSV_OK) {
        fail(&x, 0, "%s; check the --standards file", ov_csv_strerror(e));
        goto done;
    }
    /* overrides with a blank direction take the everyone row's direction */
    for (size_t i = 0; i < x.nov; i++) {
        pending_override *o = &x.ov[i];
        if (o->dir < 0)
            o->dir = s->metric[o->metric].lower_is_better;
        if (check_amber(&x, o->line, o->metric, o->agency, o->target, o->amber, o->dir) != 0)
            goto done;
    }
    if (x.holidays && !(s->calendar_file = resolve_holidays(&x)))
        goto done;
    if (ov_sha256_file(path, s->sha256, NULL) != 0) {
        fail(&x, 0, "cannot be read again to fingerprint it; check the file");
        goto done;
    }
    if (x.nov) {
        s->overrides = ov_xcalloc(x.nov, sizeof(*s->overrides));
        for (size_t i = 0; i < x.nov; i++) {
            s->overrides[i].agency_id = x.ov[i].agency;
            s->overrides[i].metric = x.ov[i].metric;
            s->overrides[i].t.target = x.ov[i].target;
            s->overrides[i].t.amber = x.ov[i].amber;
            s->overrides[i].t.lower_is_better = x.ov[i].dir;
            x.ov[i].agency = NULL;
        }
        s->noverrides = x.nov;
    }
    s->path = ov_xstrdup(path);
    rc = 0;
done:
    for (size_t i = 0; i < x.nov; i++)
        free(x.ov[i].agency);
    free(x.ov);
    free(x.holidays);
    if (rc != 0)
        ov_standards_free(s);
    return rc;
}
