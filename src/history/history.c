/* history.c — the history of reported figures (history.h) in SQLite.
 *
 * The file: application_id OV_HISTORY_APP_ID and user_version
 * OV_HISTORY_VERSION in its header, three tables (runs, inputs, figures) and
 * triggers that refuse any UPDATE or DELETE, so the history is append-only.
 * A file is recognised from its header bytes before SQLite opens it, then
 * opened read-only to check its tables and run a quick integrity check; only
 * a run that records opens it for writing, inside one IMMEDIATE transaction
 * (which waits for another run that is writing, up to BUSY_MS). The tables
 * are created only in a missing or empty file.
 *
 * Reading for a run: per trend period, the figures of the latest run (the
 * highest run_id) of that period and scope go into one string table keyed by
 * period, agency id, team, group and metric id; the metrics lookup and the
 * comparison both read it. Messages are plain sentences: SQLite's own codes
 * and texts go to the -v detail only. */
#include "history/history.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/outset.h"
#include "core/msg.h"
#include "core/strtab.h"
#include "core/text.h"
#include "metrics/metric_defs.h"

/* "OVSH" in the file header: this is an oversight history. */
#define OV_HISTORY_APP_ID 0x4F565348
/* How long a run waits for another that is writing the history. */
#define BUSY_MS 60000

static const char *const schema_sql =
    "CREATE TABLE runs ("
    " run_id INTEGER PRIMARY KEY,"
    " recorded_at TEXT NOT NULL,"
    " run_date TEXT NOT NULL,"
    " period_start TEXT NOT NULL,"
    " period_end TEXT NOT NULL,"
    " period_label TEXT NOT NULL,"
    " scope TEXT NOT NULL CHECK (scope IN ('partnership', 'self-audit', 'agency')),"
    " agency_id TEXT NOT NULL,"
    " program_version TEXT NOT NULL,"
    " standards_file TEXT NOT NULL,"
    " standards_sha256 TEXT NOT NULL,"
    " calendar_sha256 TEXT NOT NULL,"
    " suppress_below INTEGER NOT NULL,"
    " figures INTEGER NOT NULL,"
    " files INTEGER NOT NULL);"
    "CREATE INDEX runs_period ON runs (period_start, period_end, scope, agency_id);"
    "CREATE TABLE inputs ("
    " run_id INTEGER NOT NULL REFERENCES runs (run_id),"
    " agency_id TEXT NOT NULL,"
    " dataset TEXT NOT NULL,"
    " file TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " bytes INTEGER NOT NULL,"
    " rows_read INTEGER NOT NULL,"
    " rows_accepted INTEGER NOT NULL,"
    " rows_rejected INTEGER NOT NULL,"
    " warnings INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL);"
    "CREATE INDEX inputs_run ON inputs (run_id);"
    "CREATE TABLE figures ("
    " run_id INTEGER NOT NULL REFERENCES runs (run_id),"
    " agency_id TEXT NOT NULL,"
    " team TEXT NOT NULL,"
    " grp TEXT NOT NULL,"
    " metric_id TEXT NOT NULL,"
    " numerator INTEGER,"
    " denominator INTEGER,"
    " value TEXT NOT NULL,"
    " rag TEXT NOT NULL,"
    " PRIMARY KEY (run_id, agency_id, team, grp, metric_id)) WITHOUT ROWID;"
    "CREATE TRIGGER runs_kept BEFORE UPDATE ON runs"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER runs_never_deleted BEFORE DELETE ON runs"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER inputs_kept BEFORE UPDATE ON inputs"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER inputs_never_deleted BEFORE DELETE ON inputs"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER figures_kept BEFORE UPDATE ON figures"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
    "CREATE TRIGGER figures_never_deleted BEFORE DELETE ON figures"
    " BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;";

/* The columns each table must have, in order (the check of an existing file). */
static const char *const runs_cols[] = {"run_id",
                                        "recorded_at",
                                        "run_date",
                                        "period_start",
                                        "period_end",
                                        "period_label",
                                        "scope",
                                        "agency_id",
                                        "program_version",
                                        "standards_file",
                                        "standards_sha256",
                                        "calendar_sha256",
                                        "suppress_below",
                                        "figures",
                                        "files",
                                        NULL};
static const char *const inputs_cols[] = {
    "run_id",    "agency_id",     "dataset",       "file",     "status", "bytes",
    "rows_read", "rows_accepted", "rows_rejected", "warnings", "sha256", NULL};
static const char *const figures_cols[] = {"run_id",    "agency_id",   "team",  "grp", "metric_id",
                                           "numerator", "denominator", "value", "rag", NULL};

/* A figure as reported, read back. */
typedef struct {
    int has_nums; /* numerator and denominator were recorded */
    int64_t num, den;
    int has_value; /* a value was recorded */
    double value;
} reported;

struct ov_history {
    char *path;         /* as given, for messages */
    char *dbpath;       /* as handed to SQLite (never taken for a special name) */
    sqlite3 *db;        /* read-only connection; NULL for a new history */
    ov_period *periods; /* the run's periods, [0] the report period */
    size_t nperiods;
    ov_date *run_date; /* per period: the run read for it, OV_DATE_NONE when none */
    ov_strtab keys;    /* period, agency, team, group, metric -> index into rep */
    reported *rep;
    size_t nrep, cap_rep;
    ov_buf key; /* scratch for one key */
};

/* "partnership", "self-audit" or "agency". */
const char *ov_history_scope_name(enum ov_history_scope s)
{
    switch (s) {
    case OV_HSCOPE_SELF_AUDIT:
        return "self-audit";
    case OV_HSCOPE_AGENCY:
        return "agency";
    default:
        return "partnership";
    }
}

/* ---- small helpers ---------------------------------------------------------- */

/* Writes a message into err (never longer than errlen). */
static void say(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Formats a one-line reason into err. */
static void say(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* SQLite's own account of a failure, for -v only. */
static void detail(sqlite3 *db, const char *what)
{
    if (db)
        ov_debug("history: %s: %s", what, sqlite3_errmsg(db));
}

/* A plain sentence for a failed write to the history (no SQLite code). */
static void say_write_failure(const ov_history *h, int rc, char *err, size_t errlen)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        say(err, errlen,
            "another run kept the history %s busy for more than %d seconds; run again when it "
            "has finished",
            h->path, BUSY_MS / 1000);
        break;
    case SQLITE_FULL:
        say(err, errlen, "the disk holding the history %s is full; free some space and run again",
            h->path);
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        say(err, errlen,
            "the history %s is damaged; keep it for inspection and give --history a new file",
            h->path);
        break;
    default:
        say(err, errlen,
            "cannot write the history %s (check the permissions of the file and its folder, and "
            "free space)",
            h->path);
        break;
    }
}

/* Runs SQL without results; returns the SQLite result code. */
static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* One integer from a query (a PRAGMA); returns the SQLite result code. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *out = 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The text of a column ("" for NULL). */
static const char *col_text(sqlite3_stmt *st, int c)
{
    const unsigned char *s = sqlite3_column_text(st, c);
    return s ? (const char *)s : "";
}

/* A big-endian 32-bit number of the file header. */
static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* 1 when table has exactly the columns cols (in order); 0 otherwise, or -1
 * with *rc set when it cannot be read. */
static int table_fits(sqlite3 *db, const char *table, const char *const *cols, int *rc)
{
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
    sqlite3_stmt *st = NULL;
    *rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (*rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return -1;
    }
    size_t i = 0;
    int fits = 1;
    while ((*rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!cols[i] || strcmp(col_text(st, 1), cols[i]) != 0)
            fits = 0;
        else
            i++;
    }
    sqlite3_finalize(st);
    if (*rc != SQLITE_DONE)
        return -1;
    *rc = SQLITE_OK;
    return fits && !cols[i];
}

/* Checks, on an open connection, that the file holds the history's tables and
 * is whole. Returns 0, or -1 with err (and *rc the SQLite result code). */
static int check_tables(const ov_history *h, sqlite3 *db, int quick_check, int *rc, char *err,
                        size_t errlen)
{
    static const struct {
        const char *name;
        const char *const *cols;
    } tables[] = {{"runs", runs_cols}, {"inputs", inputs_cols}, {"figures", figures_cols}};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        int fits = table_fits(db, tables[t].name, tables[t].cols, rc);
        if (fits < 0)
            goto unreadable;
        if (!fits) {
            say(err, errlen,
                "%s is not an oversight history: its table %s is not the history's; give "
                "--history another file",
                h->path, tables[t].name);
            return -1;
        }
    }
    if (quick_check) {
        sqlite3_stmt *st = NULL;
        *rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
        if (*rc == SQLITE_OK)
            *rc = sqlite3_step(st);
        int ok = *rc == SQLITE_ROW && strcmp(col_text(st, 0), "ok") == 0;
        sqlite3_finalize(st);
        if (*rc != SQLITE_ROW)
            goto unreadable;
        *rc = SQLITE_OK;
        if (!ok) {
            say(err, errlen,
                "the history %s is damaged (its integrity check fails); keep it for inspection "
                "and give --history a new file",
                h->path);
            return -1;
        }
    }
    return 0;
unreadable:
    detail(db, "reading the tables");
    if ((*rc & 0xff) == SQLITE_BUSY || (*rc & 0xff) == SQLITE_LOCKED)
        say(err, errlen,
            "another run kept the history %s busy for more than %d seconds; run again when it "
            "has finished",
            h->path, BUSY_MS / 1000);
    else
        say(err, errlen,
            "the history %s is damaged and cannot be read; keep it for inspection and give "
            "--history a new file",
            h->path);
    return -1;
}

/* Reads the first 100 bytes of the file: the SQLite header. Returns the
 * number of bytes read, or -1 when the file cannot be read. */
static ssize_t read_header(const char *path, unsigned char hdr[100])
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    size_t n = fread(hdr, 1, 100, fp);
    int bad = ferror(fp);
    fclose(fp);
    return bad ? -1 : (ssize_t)n;
}

/* Recognises the file from its header: 1 an oversight history of a version
 * this program reads, 0 an empty file (a new history), -1 refused (err). */
static int recognise(const ov_history *h, char *err, size_t errlen)
{
    unsigned char hdr[100];
    ssize_t n = read_header(h->path, hdr);
    if (n < 0) {
        say(err, errlen, "cannot read the history %s: %s", h->path, strerror(errno));
        return -1;
    }
    if (n == 0)
        return 0;
    if (n < 100 || memcmp(hdr, "SQLite format 3", 16) != 0) {
        say(err, errlen,
            "%s is not an oversight history (it is not an SQLite database); give --history the "
            "file oversight keeps, or a new file name",
            h->path);
        return -1;
    }
    uint32_t app = be32(hdr + 68), version = be32(hdr + 60);
    if (app != OV_HISTORY_APP_ID) {
        say(err, errlen,
            "%s is an SQLite database but not an oversight history; give --history the file "
            "oversight keeps, or a new file name",
            h->path);
        return -1;
    }
    if (version > OV_HISTORY_VERSION) {
        say(err, errlen,
            "the history %s was written by a newer version of oversight (history version %u; "
            "this one reads up to %d): use that version",
            h->path, (unsigned)version, OV_HISTORY_VERSION);
        return -1;
    }
    if (version < 1) {
        say(err, errlen,
            "the history %s is damaged (it has no history version); keep it for inspection and "
            "give --history a new file",
            h->path);
        return -1;
    }
    return 1;
}

/* Opens a connection with the busy timeout; returns the SQLite result code. */
static int open_db(const ov_history *h, int flags, sqlite3 **db)
{
    *db = NULL;
    int rc = sqlite3_open_v2(h->dbpath, db, flags, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(*db, 1);
        sqlite3_busy_timeout(*db, BUSY_MS);
    } else {
        detail(*db, "opening");
        sqlite3_close(*db);
        *db = NULL;
    }
    return rc;
}

/* 1 when the folder holding path lets a run create files in it. */
static int folder_writable(const char *path)
{
    char *dir = ov_xstrdup(path);
    char *slash = strrchr(dir, '/');
    int ok;
    if (!slash)
        ok = access(".", W_OK | X_OK) == 0;
    else if (slash == dir)
        ok = access("/", W_OK | X_OK) == 0;
    else {
        *slash = '\0';
        ok = access(dir, W_OK | X_OK) == 0;
    }
    free(dir);
    return ok;
}

/* ---- opening ---------------------------------------------------------------- */

/* Opens and checks a history file. */
ov_history *ov_history_open(const char *path, enum ov_history_mode mode, char *err, size_t errlen)
{
    if (!path || !path[0]) {
        say(err, errlen, "--history needs a file name");
        return NULL;
    }
    ov_history *h = ov_xcalloc(1, sizeof *h);
    h->path = ov_xstrdup(path);
    h->dbpath = path[0] == '/' ? ov_xstrdup(path) : ov_xasprintf("./%s", path);
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT || mode == OV_HISTORY_READ) {
            if (errno == ENOENT)
                say(err, errlen,
                    "there is no history %s (a report run with --history %s starts one)", path,
                    path);
            else
                say(err, errlen, "cannot read the history %s: %s", path, strerror(errno));
            goto fail;
        }
        if (!folder_writable(path)) {
            say(err, errlen, "cannot start the history %s: its folder is missing or not writable",
                path);
            goto fail;
        }
        return h; /* a new history */
    }
    if (!S_ISREG(st.st_mode)) {
        say(err, errlen, "%s is not a file; give --history a file name", path);
        goto fail;
    }
    int known = recognise(h, err, errlen);
    if (known < 0)
        goto fail;
    if (known == 0) {
        if (mode == OV_HISTORY_READ) {
            say(err, errlen, "the history %s is empty: no run has been recorded in it", path);
            goto fail;
        }
    } else {
        /* an oversight history: its tables and its integrity, read-only; a
         * journal left by an interrupted run of ours is rolled back first */
        int rc = open_db(h, SQLITE_OPEN_READONLY, &h->db);
        int crc = SQLITE_OK;
        if (rc == SQLITE_OK && check_tables(h, h->db, 1, &crc, err, errlen) != 0 &&
            crc != SQLITE_READONLY_ROLLBACK)
            goto fail;
        if (rc == SQLITE_OK && crc == SQLITE_READONLY_ROLLBACK) {
            sqlite3_close(h->db);
            h->db = NULL;
            sqlite3 *rw = NULL;
            rc = open_db(h, SQLITE_OPEN_READWRITE, &rw);
            if (rc == SQLITE_OK)
                rc = check_tables(h, rw, 0, &crc, err, errlen) == 0 ? SQLITE_OK : SQLITE_ERROR;
            sqlite3_close(rw);
            if (rc != SQLITE_OK)
                goto fail;
            rc = open_db(h, SQLITE_OPEN_READONLY, &h->db);
            if (rc == SQLITE_OK && check_tables(h, h->db, 1, &crc, err, errlen) != 0)
                goto fail;
        }
        if (rc != SQLITE_OK) {
            say(err, errlen, "cannot open the history %s (check its permissions)", path);
            goto fail;
        }
    }
    if (mode == OV_HISTORY_REPORT && (access(path, W_OK) != 0 || !folder_writable(path))) {
        say(err, errlen,
            "cannot write the history %s (check the permissions of the file and its folder)", path);
        goto fail;
    }
    return h;
fail:
    ov_history_close(h);
    return NULL;
}

/* Closes the history. */
void ov_history_close(ov_history *h)
{
    if (!h)
        return;
    sqlite3_close(h->db);
    free(h->path);
    free(h->dbpath);
    free(h->periods);
    free(h->run_date);
    ov_strtab_free(&h->keys);
    free(h->rep);
    ov_buf_free(&h->key);
    free(h);
}

/* ---- reading what was reported ------------------------------------------------ */

/* Builds the key of a figure in h->key: the period index, then agency id,
 * team, group and metric id, separated by NUL bytes (no label holds one). */
static void make_key(ov_history *h, size_t period, const char *agency, const char *team,
                     const char *group, const char *metric)
{
    ov_buf_reset(&h->key);
    ov_buf_printf(&h->key, "%zu", period);
    const char *parts[] = {agency, team, group, metric};
    for (size_t i = 0; i < 4; i++) {
        ov_buf_addc(&h->key, '\0');
        ov_buf_adds(&h->key, parts[i] ? parts[i] : "");
    }
}

/* Reads the figures of run run_id as those reported for period k. */
static int load_run(ov_history *h, size_t k, int64_t run_id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db,
                                "SELECT agency_id, team, grp, metric_id, numerator, denominator, "
                                "value FROM figures WHERE run_id = ?",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 1, run_id);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        make_key(h, k, col_text(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3));
        int added = 0;
        uint32_t i = ov_strtab_intern(&h->keys, h->key.s, h->key.len, &added);
        if (!added)
            continue;
        reported *x = OV_PUSH(h->rep, h->nrep, h->cap_rep);
        memset(x, 0, sizeof *x);
        h->keys.value[i] = (int32_t)(h->nrep - 1);
        if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
            sqlite3_column_type(st, 5) != SQLITE_NULL) {
            x->has_nums = 1;
            x->num = sqlite3_column_int64(st, 4);
            x->den = sqlite3_column_int64(st, 5);
        }
        const char *v = col_text(st, 6);
        if (v[0]) {
            char *end;
            double d = strtod(v, &end);
            if (!*end && isfinite(d)) {
                x->has_value = 1;
                x->value = d;
            }
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Reads what was reported for the trend periods. */
int ov_history_load(ov_history *h, enum ov_history_scope scope, const char *agency_id,
                    const ov_period *periods, size_t nperiods, char *err, size_t errlen)
{
    free(h->periods);
    free(h->run_date);
    h->periods = ov_xcalloc(nperiods ? nperiods : 1, sizeof *h->periods);
    h->run_date = ov_xcalloc(nperiods ? nperiods : 1, sizeof *h->run_date);
    h->nperiods = nperiods;
    if (nperiods)
        memcpy(h->periods, periods, nperiods * sizeof *periods);
    if (!h->db)
        return 0; /* a new history holds nothing yet */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db,
                                "SELECT run_id, run_date FROM runs WHERE period_start = ? AND "
                                "period_end = ? AND scope = ? AND agency_id = ? "
                                "ORDER BY run_id DESC LIMIT 1",
                                -1, &st, NULL);
    for (size_t k = 1; k < nperiods && rc == SQLITE_OK; k++) {
        char ps[11], pe[11];
        ov_date_format(periods[k].start, ps);
        ov_date_format(periods[k].end, pe);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, ps, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, pe, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, ov_history_scope_name(scope), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, agency_id ? agency_id : "", -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
            continue;
        }
        if (rc != SQLITE_ROW)
            break;
        int64_t run_id = sqlite3_column_int64(st, 0);
        ov_date when = OV_DATE_NONE;
        ov_date_parse_iso(col_text(st, 1), &when);
        rc = load_run(h, k, run_id);
        if (rc == SQLITE_OK)
            h->run_date[k] = when;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        detail(h->db, "reading the reported figures");
        say(err, errlen,
            "the history %s cannot be read (it may be damaged); keep it for inspection and give "
            "--history a new file",
            h->path);
        return -1;
    }
    return 0;
}

/* The reported figure for a key of period k, or NULL. */
static const reported *find_reported(ov_history *h, size_t k, const char *agency, const char *team,
                                     const char *group, const char *metric)
{
    make_key(h, k, agency, team, group, metric);
    int64_t i = ov_strtab_find(&h->keys, h->key.s, h->key.len);
    return i < 0 ? NULL : &h->rep[h->keys.value[i]];
}

/* The index of a period among the loaded ones, or 0 (the report period: never
 * read from the history) when it is not one of them. */
static size_t period_index(const ov_history *h, const ov_period *p)
{
    for (size_t k = 1; k < h->nperiods; k++)
        if (h->periods[k].start == p->start && h->periods[k].end == p->end)
            return k;
    return 0;
}

/* The run date of the run read for a loaded period. */
ov_date ov_history_run_date(const ov_history *h, const ov_period *p)
{
    size_t k = h && p ? period_index(h, p) : 0;
    return k ? h->run_date[k] : OV_DATE_NONE;
}

/* The history lookup of ov_metrics_config. */
int ov_history_lookup(void *ctx, const ov_figure_key *key, ov_reported_figure *out)
{
    ov_history *h = ctx;
    size_t k = h && key ? period_index(h, key->period) : 0;
    if (k == 0)
        return 0;
    const reported *x =
        find_reported(h, k, key->agency_id, key->team_name, key->group, key->metric_id);
    if (!x)
        return 0;
    if (key->metric >= OV_M_FIRST_INFO) {
        if (!x->has_value)
            return 0;
        *out = (ov_reported_figure){0, 0, 1, x->value};
        return 1;
    }
    if (!x->has_nums || x->den <= 0 || x->num < 0 || x->num > x->den)
        return 0;
    *out = (ov_reported_figure){x->num, x->den, 0, 0.0};
    return 1;
}

/* The text columns of a figure's key as metrics.csv writes them. */
static void figure_key_text(const ov_data *d, const ov_figure *f, const char **agency,
                            const char **team, const char **group)
{
    const ov_agency *a =
        f->agency >= 0 && (size_t)f->agency < d->nagencies ? &d->agencies[f->agency] : NULL;
    *agency = a ? a->id : "ALL";
    *team = a && f->team != OV_NONE ? ov_strtab_get(&a->teams, (uint32_t)f->team) : "";
    *group = ov_metric_group_name(f->metric, f->category);
}

/* Lists the figures of the trend periods that the extracts give differently. */
void ov_history_compare(ov_history *h, const ov_data *d, const ov_results *r, int32_t agency,
                        ov_history_findings *out)
{
    memset(out, 0, sizeof *out);
    out->nperiods = r->nperiods;
    out->reported_on = ov_xcalloc(r->nperiods ? r->nperiods : 1, sizeof *out->reported_on);
    size_t cap = 0;
    for (size_t k = 1; k < r->nperiods; k++)
        out->reported_on[k] = period_index(h, &r->periods[k]) == k ? h->run_date[k] : OV_DATE_NONE;
    for (size_t i = 0; i < r->nfigs; i++) {
        const ov_figure *f = &r->figs[i];
        if (f->period == 0 || f->metric >= OV_M_FIRST_INFO || f->source != OV_SRC_EXTRACT ||
            f->rag == OV_RAG_NOT_COVERED || (agency >= 0 && f->agency != agency))
            continue;
        size_t k = period_index(h, &r->periods[f->period]);
        if (k != f->period)
            continue;
        const char *ag, *team, *group;
        figure_key_text(d, f, &ag, &team, &group);
        const reported *x = find_reported(h, k, ag, team, group,
                                          ov_metric_def_get((enum ov_metric_id)f->metric)->id);
        if (!x || !x->has_nums || (x->num == f->num && x->den == f->den))
            continue;
        ov_restatement *rs = OV_PUSH(out->rows, out->nrows, cap);
        *rs = (ov_restatement){i, x->num, x->den, h->run_date[k]};
    }
}

/* Frees the findings. */
void ov_history_findings_free(ov_history_findings *f)
{
    if (!f)
        return;
    free(f->reported_on);
    free(f->rows);
    memset(f, 0, sizeof *f);
}

/* ---- recording ------------------------------------------------------------------ */

/* Creates the tables in a file that was missing or empty when the run began
 * to record (was_empty) and still holds nothing, or checks an existing file's
 * identity again inside the transaction (another run may have created it
 * since, or it may have been replaced). Returns 0, or -1 with err. */
static int ensure_schema(const ov_history *h, sqlite3 *db, int was_empty, int *rc, char *err,
                         size_t errlen)
{
    int64_t objects = 0, app = 0, version = 0;
    if ((*rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &objects)) != SQLITE_OK ||
        (*rc = query_int(db, "PRAGMA application_id", &app)) != SQLITE_OK ||
        (*rc = query_int(db, "PRAGMA user_version", &version)) != SQLITE_OK)
        return -1;
    if (was_empty && objects == 0 && app == 0 && version == 0) {
        char pragmas[96];
        snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                 OV_HISTORY_APP_ID, OV_HISTORY_VERSION);
        if ((*rc = exec(db, schema_sql)) != SQLITE_OK || (*rc = exec(db, pragmas)) != SQLITE_OK)
            return -1;
        return 0;
    }
    if (app != OV_HISTORY_APP_ID || version < 1 || version > OV_HISTORY_VERSION) {
        *rc = SQLITE_OK;
        say(err, errlen,
            "%s is no longer an oversight history of this version (it was replaced while the "
            "run was working); nothing was recorded",
            h->path);
        return -1;
    }
    return check_tables(h, db, 0, rc, err, errlen);
}

/* Binds text (NULL binds ""). */
static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* The base name of a path. */
static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "";
}

/* Inserts one input file; returns the SQLite result code. */
static int insert_input(sqlite3_stmt *st, const char *agency, enum ov_dataset ds,
                        const ov_file_info *fi)
{
    sqlite3_reset(st);
    bind_text(st, 1, agency);
    bind_text(st, 2, ov_dataset_name(ds));
    bind_text(st, 3, fi->relpath ? fi->relpath : ov_dataset_file(ds));
    bind_text(st, 4, ov_file_status_name(fi->status));
    sqlite3_bind_int64(st, 5, (sqlite3_int64)fi->size);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)fi->rows_read);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)fi->rows_accepted);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)fi->rows_rejected);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)fi->warnings);
    bind_text(st, 10, fi->sha256);
    int rc = sqlite3_step(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Inserts every input file of the run (the rows of data_quality.csv). */
static int insert_inputs(sqlite3 *db, int64_t run_id, const ov_data *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO inputs (run_id, agency_id, dataset, file, status, "
                                "bytes, rows_read, rows_accepted, rows_rejected, warnings, sha256) "
                                "VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 11, run_id);
    if (!d->self_audit)
        for (int ds = 0; ds < OV_DS_FIRST_AGENCY && rc == SQLITE_OK; ds++)
            rc = insert_input(st, "", (enum ov_dataset)ds, &d->files[ds]);
    for (size_t a = 0; a < d->nagencies && rc == SQLITE_OK; a++)
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT && rc == SQLITE_OK; ds++)
            rc =
                insert_input(st, d->agencies[a].id, (enum ov_dataset)ds, &d->agencies[a].files[ds]);
    sqlite3_finalize(st);
    return rc;
}

/* Inserts every figure of the report period that metrics.csv writes. */
static int insert_figures(sqlite3 *db, int64_t run_id, const ov_data *d, const ov_results *r,
                          int32_t agency)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO figures (run_id, agency_id, team, grp, metric_id, "
                                "numerator, denominator, value, rag) "
                                "VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, 9, run_id);
    for (size_t i = 0; i < r->nfigs && rc == SQLITE_OK; i++) {
        const ov_figure *f = &r->figs[i];
        if (f->period != 0 || (agency >= 0 && f->agency != agency))
            continue;
        const char *ag, *team, *group;
        figure_key_text(d, f, &ag, &team, &group);
        char val[32];
        sqlite3_reset(st);
        bind_text(st, 1, ag);
        bind_text(st, 2, team);
        bind_text(st, 3, group);
        bind_text(st, 4, ov_metric_def_get((enum ov_metric_id)f->metric)->id);
        /* as metrics.csv: info rows carry only a value, not covered ones nothing */
        if (f->rag != OV_RAG_INFO && f->rag != OV_RAG_NOT_COVERED) {
            sqlite3_bind_int64(st, 5, f->num);
            sqlite3_bind_int64(st, 6, f->den);
        } else {
            sqlite3_bind_null(st, 5);
            sqlite3_bind_null(st, 6);
        }
        bind_text(st, 7, ov_metrics_format_value(f, val));
        bind_text(st, 8, ov_rag_name((enum ov_rag)f->rag));
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The input files a run records: the rows of data_quality.csv. */
static int64_t count_inputs(const ov_data *d)
{
    return (int64_t)((d->self_audit ? 0 : OV_DS_FIRST_AGENCY) +
                     d->nagencies * (OV_DS_COUNT - OV_DS_FIRST_AGENCY));
}

/* The figures a run records: its report period's rows of metrics.csv. */
static int64_t count_figures(const ov_results *r, int32_t agency)
{
    int64_t n = 0;
    for (size_t i = 0; i < r->nfigs; i++)
        n += r->figs[i].period == 0 && (agency < 0 || r->figs[i].agency == agency);
    return n;
}

/* Inserts the run itself with its counts; sets *run_id. */
static int insert_run(sqlite3 *db, const ov_history_run *run, int64_t nfigs, int64_t nfiles,
                      int64_t *run_id)
{
    char now[32], rd[11], ps[11], pe[11];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db,
        "INSERT INTO runs (recorded_at, run_date, period_start, period_end, period_label, scope, "
        "agency_id, program_version, standards_file, standards_sha256, calendar_sha256, "
        "suppress_below, figures, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        bind_text(st, 1, now);
        bind_text(st, 2, ov_date_format(run->run_date, rd));
        bind_text(st, 3, ov_date_format(run->period->start, ps));
        bind_text(st, 4, ov_date_format(run->period->end, pe));
        bind_text(st, 5, run->period->label);
        bind_text(st, 6, ov_history_scope_name(run->scope));
        bind_text(st, 7, run->scope == OV_HSCOPE_PARTNERSHIP ? "" : run->agency_id);
        bind_text(st, 8, run->version);
        bind_text(st, 9, run->standards_file ? base_name(run->standards_file) : "");
        bind_text(st, 10, run->standards_sha256);
        bind_text(st, 11, run->calendar_sha256);
        sqlite3_bind_int(st, 12, run->suppress_below);
        sqlite3_bind_int64(st, 13, nfigs);
        sqlite3_bind_int64(st, 14, nfiles);
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
            *run_id = sqlite3_last_insert_rowid(db);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Records the run in one transaction. */
int ov_history_record(ov_history *h, const ov_history_run *run, const ov_data *d,
                      const ov_results *r, int32_t agency, char *err, size_t errlen)
{
    err[0] = '\0';
    struct stat st;
    int existed = stat(h->path, &st) == 0;
    int was_empty = !existed || st.st_size == 0;
    /* the read connection holds no lock; the writer is a connection of its own */
    sqlite3 *db = NULL;
    int rc = open_db(h, SQLITE_OPEN_READWRITE | (existed ? 0 : SQLITE_OPEN_CREATE), &db);
    int in_tx = 0;
    if (rc != SQLITE_OK)
        goto fail;
    rc = exec(db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        goto fail;
    in_tx = 1;
    if (ensure_schema(h, db, was_empty, &rc, err, errlen) != 0)
        goto fail;
    int64_t run_id = 0;
    if ((rc = insert_run(db, run, count_figures(r, agency), count_inputs(d), &run_id)) !=
            SQLITE_OK ||
        (rc = insert_inputs(db, run_id, d)) != SQLITE_OK ||
        (rc = insert_figures(db, run_id, d, r, agency)) != SQLITE_OK)
        goto fail;
    rc = exec(db, "COMMIT");
    if (rc != SQLITE_OK)
        goto fail;
    in_tx = 0;
    rc = sqlite3_close(db);
    db = NULL;
    ov_debug("history: recorded run %lld in %s", (long long)run_id, h->path);
    return 0;
fail:
    detail(db, "recording the run");
    if (in_tx)
        exec(db, "ROLLBACK");
    sqlite3_close(db);
    if (!err[0])
        say_write_failure(h, rc, err, errlen);
    /* a file this run created and left empty is removed: nothing was recorded */
    if (!existed && stat(h->path, &st) == 0 && st.st_size == 0)
        unlink(h->path);
    return -1;
}

/* ---- listing and export ----------------------------------------------------------- */

/* The runs, oldest first, with whether each is the one reported for its
 * period and scope (no later run of the same). */
static const char *const runs_sql =
    "SELECT r.run_id, r.recorded_at, r.run_date, r.period_start, r.period_end, r.period_label, "
    "r.scope, r.agency_id, r.program_version, r.standards_file, r.standards_sha256, "
    "r.calendar_sha256, r.suppress_below, r.figures, r.files, "
    "(SELECT min(l.run_id) FROM runs l WHERE l.period_start = r.period_start AND "
    "l.period_end = r.period_end AND l.scope = r.scope AND l.agency_id = r.agency_id AND "
    "l.run_id > r.run_id) FROM runs r ORDER BY r.run_id";

/* Says why the history could not be read. */
static void say_read_failure(const ov_history *h, char *err, size_t errlen)
{
    detail(h->db, "reading");
    say(err, errlen,
        "the history %s cannot be read (it may be damaged, or another run kept it busy)", h->path);
}

/* Prints the runs, one line each. */
long ov_history_list(ov_history *h, FILE *out, char *err, size_t errlen)
{
    if (!h->db)
        return 0;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(h->db, runs_sql, -1, &st, NULL);
    long n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *scope = col_text(st, 6), *agency = col_text(st, 7);
        char who[160];
        if (agency[0])
            snprintf(who, sizeof who, "%s %s", scope, agency);
        else
            snprintf(who, sizeof who, "%s", scope);
        char later[48] = "reported";
        if (sqlite3_column_type(st, 15) != SQLITE_NULL)
            snprintf(later, sizeof later, "superseded by run %lld",
                     (long long)sqlite3_column_int64(st, 15));
        fprintf(out,
                "run %lld  %s  %s (%s to %s)  %s  %lld figures from %lld files  oversight %s  "
                "%s\n",
                (long long)sqlite3_column_int64(st, 0), col_text(st, 2), col_text(st, 5),
                col_text(st, 3), col_text(st, 4), who, (long long)sqlite3_column_int64(st, 13),
                (long long)sqlite3_column_int64(st, 14), col_text(st, 8), later);
        n++;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        say_read_failure(h, err, errlen);
        return -1;
    }
    return n;
}

/* Writes the rows of a query as CSV (every column as text) as output name of
 * the set out. */
static int export_query(ov_history *h, ov_outset *out, const char *name, const char *const *head,
                        int ncols, const char *sql, char *err, size_t errlen)
{
    ov_outfile o;
    if (ov_outfile_open(&o, out, name) != 0)
        return -1;
    ov_csv_row(o.fp, head, (size_t)ncols);
    const char *row[16];
    sqlite3_stmt *st = NULL;
    int rc = h->db ? sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) : SQLITE_DONE;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < ncols && c < 16; c++)
            row[c] = col_text(st, c);
        ov_csv_row(o.fp, row, (size_t)ncols);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        ov_outfile_abort(&o);
        say_read_failure(h, err, errlen);
        return -1;
    }
    return ov_outfile_close(&o);
}

/* Writes runs.csv, inputs.csv and figures.csv into the set out. */
int ov_history_export(ov_history *h, ov_outset *out, char *err, size_t errlen)
{
    err[0] = '\0';
    static const char *const runs_head[] = {"run_id",         "recorded_at",      "run_date",
                                            "period_start",   "period_end",       "period_label",
                                            "scope",          "agency_id",        "program_version",
                                            "standards_file", "standards_sha256", "calendar_sha256",
                                            "suppress_below", "figures",          "files",
                                            "reported"};
    static const char *const runs_export =
        "SELECT r.run_id, r.recorded_at, r.run_date, r.period_start, r.period_end, "
        "r.period_label, r.scope, r.agency_id, r.program_version, r.standards_file, "
        "r.standards_sha256, r.calendar_sha256, r.suppress_below, r.figures, r.files, "
        "CASE WHEN EXISTS (SELECT 1 FROM runs l WHERE l.period_start = r.period_start AND "
        "l.period_end = r.period_end AND l.scope = r.scope AND l.agency_id = r.agency_id AND "
        "l.run_id > r.run_id) THEN 'no' ELSE 'yes' END FROM runs r ORDER BY r.run_id";
    static const char *const inputs_head[] = {
        "run_id",    "agency_id",     "dataset",       "file",     "status", "bytes",
        "rows_read", "rows_accepted", "rows_rejected", "warnings", "sha256"};
    static const char *const inputs_export =
        "SELECT run_id, agency_id, dataset, file, status, bytes, rows_read, rows_accepted, "
        "rows_rejected, warnings, sha256 FROM inputs ORDER BY run_id, rowid";
    static const char *const figures_head[] = {
        "run_id",    "period_start", "period_end",  "agency_id", "team", "group",
        "metric_id", "numerator",    "denominator", "value",     "rag"};
    static const char *const figures_export =
        "SELECT f.run_id, r.period_start, r.period_end, f.agency_id, f.team, f.grp, f.metric_id, "
        "f.numerator, f.denominator, f.value, f.rag FROM figures f JOIN runs r USING (run_id) "
        "ORDER BY f.run_id, f.agency_id, f.team, f.grp, f.metric_id";
    if (export_query(h, out, "runs.csv", runs_head, 16, runs_export, err, errlen) != 0 ||
        export_query(h, out, "inputs.csv", inputs_head, 11, inputs_export, err, errlen) != 0 ||
        export_query(h, out, "figures.csv", figures_head, 11, figures_export, err, errlen) != 0)
        return -1;
    return 0;
}
