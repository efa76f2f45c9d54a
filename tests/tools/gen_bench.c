/* gen_bench.c — writes a national-scale synthetic partnership for benchmarking:
 *
 *     gen_bench OUTDIR SESSIONS [AGENCIES]
 *
 * Exactly SESSIONS session rows spread over up to 150 agencies (or exactly
 * AGENCIES, from 1 to 999, when given: a larger partnership rather than larger
 * agencies), with about one
 * member of staff per 40 sessions; for the councils (la_csc) case episodes, case
 * oversight and assessments; group sessions and absences throughout; audits of
 * supervision records (one per practitioner per quarter at the councils, fewer
 * elsewhere, none from education) and anonymous survey responses (about one
 * per practitioner a year, from four agencies in five). Every row is
 * valid under the input contract, the data span 1 Apr 2024 - 31 Mar 2026, and the
 * output is byte-identical for the same arguments (own PRNG, fixed seed). Files
 * are written through one large buffer with fwrite. Self-contained: it needs
 * nothing from the project library. A summary line goes to standard output. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define WB_CAP             ((size_t)1 << 22)
#define MAX_AGENCIES       150 /* when AGENCIES is not given */
#define MAX_AGENCIES_GIVEN 999 /* ids A001 to A999 */
#define MIN_AGENCY_STAFF   20
#define SESSIONS_PER_STAFF 40
#define TEAM_SIZE          25
#define SEED               0x5eed2026ull

/* ---- PRNG (splitmix64 seeding xorshift64*) -------------------------------- */

typedef struct {
    uint64_t s;
} rng_t;

/* Seeds a generator from the fixed seed and a stream number. */
static void rng_seed(rng_t *r, uint64_t stream)
{
    uint64_t z = SEED + 0x9e3779b97f4a7c15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    r->s = (z ^ (z >> 31)) | 1;
}

/* Returns the next 64 random bits. */
static uint64_t rng_next(rng_t *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

/* Returns a uniform integer in [0, n) (n > 0; the modulo bias is immaterial here). */
static uint32_t rng_below(rng_t *r, uint32_t n)
{
    return (uint32_t)((rng_next(r) >> 32) % n);
}

/* Returns 1 with probability pct/100. */
static int rng_pct(rng_t *r, uint32_t pct)
{
    return rng_below(r, 100) < pct;
}

/* ---- dates ------------------------------------------------------------------ */

/* Returns the day number (days since 1970-01-01) of y-m-d. */
static int32_t days_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Converts a day number to y-m-d. */
static void ymd_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Every day of the covered span pre-formatted, 10 characters each, two styles. */
typedef struct {
    int32_t first, count;
    char *iso, *dmy; /* owned */
} date_table;

/* Writes v (0 <= v) as exactly n decimal digits, zero-padded. */
static void put_digits(char *out, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Fills the table for the days first..last; returns 0 or -1 (out of memory). */
static int dates_init(date_table *t, int32_t first, int32_t last)
{
    t->first = first;
    t->count = last - first + 1;
    t->iso = malloc((size_t)t->count * 10);
    t->dmy = malloc((size_t)t->count * 10);
    if (!t->iso || !t->dmy)
        return -1;
    for (int32_t i = 0; i < t->count; i++) {
        int y, m, d;
        ymd_from_days(first + i, &y, &m, &d);
        char *iso = t->iso + (size_t)i * 10, *dmy = t->dmy + (size_t)i * 10;
        put_digits(iso, y, 4);
        iso[4] = '-';
        put_digits(iso + 5, m, 2);
        iso[7] = '-';
        put_digits(iso + 8, d, 2);
        put_digits(dmy, d, 2);
        dmy[2] = '/';
        put_digits(dmy + 3, m, 2);
        dmy[5] = '/';
        put_digits(dmy + 6, y, 4);
    }
    return 0;
}

/* Frees the table's arrays; accepts a zeroed table. */
static void dates_free(date_table *t)
{
    free(t->iso);
    free(t->dmy);
    t->iso = t->dmy = NULL;
}

/* ---- buffered writer ---------------------------------------------------------- */

typedef struct {
    FILE *fp;
    char *buf; /* WB_CAP bytes, borrowed */
    size_t len;
    int err;
    unsigned long rows; /* data rows written */
} wbuf;

/* Writes out what is buffered. */
static void wb_flush(wbuf *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->fp) != w->len)
        w->err = 1;
    w->len = 0;
}

/* Appends n bytes (n < WB_CAP). */
static inline void wb_put(wbuf *w, const char *s, size_t n)
{
    if (w->len + n > WB_CAP)
        wb_flush(w);
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

/* Appends a NUL-terminated string. */
static inline void wb_puts(wbuf *w, const char *s)
{
    wb_put(w, s, strlen(s));
}

/* Appends one character. */
static inline void wb_c(wbuf *w, char c)
{
    if (w->len + 1 > WB_CAP)
        wb_flush(w);
    w->buf[w->len++] = c;
}

/* Ends a data row. */
static inline void wb_eol(wbuf *w)
{
    wb_c(w, '\n');
    w->rows++;
}

/* Appends an unsigned decimal number. */
static inline void wb_u(wbuf *w, unsigned long v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    wb_put(w, tmp + sizeof tmp - n, n);
}

/* Appends an id: a prefix letter and a zero-padded number of width digits. */
static inline void wb_id(wbuf *w, char prefix, unsigned long v, int width)
{
    char tmp[24];
    tmp[0] = prefix;
    for (int i = width; i >= 1; i--) {
        tmp[i] = (char)('0' + v % 10);
        v /= 10;
    }
    wb_put(w, tmp, (size_t)width + 1);
}

/* Opens DIR/NAME and writes the header line; returns 0 or -1 (message printed). */
static int wb_open(wbuf *w, char *buf, const char *dir, const char *name, const char *header)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->fp = fopen(path, "wb");
    if (!w->fp) {
        fprintf(stderr, "gen_bench: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    wb_puts(w, header);
    wb_c(w, '\n');
    return 0;
}

/* Flushes and closes; returns 0 or -1 on a write error (message printed). */
static int wb_close(wbuf *w, const char *name)
{
    if (!w->fp)
        return 0;
    wb_flush(w);
    if (fclose(w->fp) != 0)
        w->err = 1;
    w->fp = NULL;
    if (w->err) {
        fprintf(stderr, "gen_bench: write error on %s: %s\n", name, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- the partnership ------------------------------------------------------------- */

enum { T_LA, T_HEALTH, T_POLICE, T_EDUCATION, T_PROBATION, T_VOLUNTARY, T_NTYPES };
static const char *const type_name[T_NTYPES] = {"la_csc",    "health",    "police",
                                                "education", "probation", "voluntary"};

/* Spellings agencies use; every one is a valid code or alias. */
static const char *const one_to_one_word[] = {"one_to_one", "1:1", "Formal", "1-1"};
static const char *const held_word[] = {"held", "Held", "Completed", "took place"};
static const char *const cancel_word[] = {"cancelled", "Cancelled by supervisor",
                                          "Cancelled by supervisee", "DNA"};
static const char *const category_word[] = {"Early Help",
                                            "Child in Need",
                                            "CP",
                                            "Child in Care",
                                            "CLA",
                                            "Care Leaver",
                                            "CIN",
                                            "Short Breaks",
                                            "Adoption Support",
                                            "Care Proceedings",
                                            "Child in Care (long-term matched)"};
static const char *const reason_word[] = {"Maternity leave", "Long-term sickness", "Secondment",
                                          "Shared parental leave"};
static const char *const fn_word[4] = {"management", "development", "support", "mediation"};
static const char *const grade_word[] = {
    "Outstanding", "Good", "Requires Improvement", "Inadequate", "1", "2", "RI", "4"};
static const char *const answer_word[] = {"Strongly disagree", "Disagree", "Neither", "Agree",
                                          "Strongly agree"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int32_t start, end; /* end 0 = still in post */
    uint32_t team;
    uint32_t supervisor; /* staff number + 1; 0 = none */
    uint8_t schedule;    /* 0 standard, 1 asye, 2 student */
    uint8_t manager;
} staff_t;

typedef struct {
    const char *outdir;
    char *buf; /* the one write buffer, owned */
    date_table dates;
    int32_t ds, de;       /* data span */
    char fn_list[16][64]; /* functions lists for masks 1..15 */
    unsigned long long files_rows[10];
} ctx_t;

enum {
    F_STAFF,
    F_SESSIONS,
    F_CASES,
    F_OVERSIGHT,
    F_ASSESS,
    F_GROUPS,
    F_ABSENCES,
    F_AUDITS,
    F_FEEDBACK
};

/* Appends a date in the agency's style. */
static inline void wb_date(wbuf *w, const ctx_t *c, int dmy, int32_t d)
{
    const char *t = dmy ? c->dates.dmy : c->dates.iso;
    wb_put(w, t + (size_t)(d - c->dates.first) * 10, 10);
}

/* Appends an optional date (nothing for 0). */
static inline void wb_odate(wbuf *w, const ctx_t *c, int dmy, int32_t d)
{
    if (d)
        wb_date(w, c, dmy, d);
}

/* Returns a random day in [a, b] (a when b <= a). */
static int32_t rday(rng_t *r, int32_t a, int32_t b)
{
    return b <= a ? a : a + (int32_t)rng_below(r, (uint32_t)(b - a + 1));
}

/* Appends a staff id (staff number i, 0-based). */
static inline void wb_staff(wbuf *w, uint32_t i)
{
    wb_id(w, 'S', (unsigned long)i + 1, 7);
}

/* Makes the staff table of one agency: head, team managers, practitioners. */
static void make_staff(const ctx_t *c, rng_t *r, staff_t *st, uint32_t n, uint32_t nteams)
{
    const int32_t y2004 = days_from_ymd(2004, 1, 5);
    for (uint32_t i = 0; i < n; i++) {
        staff_t *s = &st[i];
        memset(s, 0, sizeof *s);
        if (i == 0) {
            s->start = rday(r, days_from_ymd(2005, 1, 4), days_from_ymd(2018, 6, 1));
            s->manager = 1;
            continue;
        }
        if (i <= nteams) {
            s->team = i - 1;
            s->supervisor = 1;
            s->manager = 1;
            s->start = rday(r, days_from_ymd(2008, 1, 7), days_from_ymd(2022, 12, 1));
            continue;
        }
        s->team = rng_below(r, nteams);
        s->supervisor = s->team + 2;
        uint32_t roll = rng_below(r, 100);
        if (roll < 1) {
            s->schedule = 2;
            s->start = rday(r, c->ds, c->de - 200);
            s->end = s->start + 180;
            continue;
        }
        if (roll < 3) {
            s->schedule = 1;
            s->start = rday(r, c->ds, c->de - 60);
        } else if (roll < 18) {
            s->start = rday(r, c->ds, c->de - 60);
        } else {
            s->start = rday(r, y2004, c->ds - 30);
        }
        if (rng_pct(r, 10)) {
            int32_t lo = s->start + 90 > c->ds + 30 ? s->start + 90 : c->ds + 30;
            if (lo <= c->de)
                s->end = rday(r, lo, c->de);
        }
    }
}

/* Writes staff.csv. */
static int write_staff(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n, int dmy)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "staff.csv",
                "staff_id,team,role,schedule,schedule_start,supervisor_id,start_date,end_date,"
                "frequent_contact,agreement_date,agreement_review_date,last_observation_date,"
                "safeguarding_training_date,supervision_training_date") != 0)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        const staff_t *s = &st[i];
        wb_staff(&w, i);
        wb_puts(&w, ",Team ");
        wb_u(&w, s->team + 1);
        wb_puts(&w, i == 0       ? ",Head of Service,"
                    : s->manager ? ",Team Manager,"
                                 : ",Practitioner,");
        if (s->schedule) {
            wb_puts(&w, s->schedule == 1 ? "asye," : "student,");
            wb_date(&w, c, dmy, s->start);
        } else {
            wb_c(&w, ',');
        }
        wb_c(&w, ',');
        if (s->supervisor)
            wb_staff(&w, s->supervisor - 1);
        wb_c(&w, ',');
        wb_date(&w, c, dmy, s->start);
        wb_c(&w, ',');
        wb_odate(&w, c, dmy, s->end);
        wb_puts(&w, (i == 0 || (s->manager && rng_pct(r, 50))) ? ",N," : ",Y,");
        wb_date(&w, c, dmy, rday(r, days_from_ymd(2023, 4, 3), c->de));
        wb_c(&w, ',');
        if (rng_pct(r, 70))
            wb_date(&w, c, dmy, rday(r, c->ds + 365, c->de));
        wb_c(&w, ',');
        if (rng_pct(r, 80))
            wb_date(&w, c, dmy, rday(r, days_from_ymd(2024, 6, 3), c->de));
        wb_c(&w, ',');
        wb_date(&w, c, dmy, rday(r, days_from_ymd(2022, 6, 1), c->de - 30));
        wb_c(&w, ',');
        if (s->manager && rng_pct(r, 85))
            wb_date(&w, c, dmy, rday(r, days_from_ymd(2015, 1, 5), c->de - 120));
        wb_eol(&w);
    }
    c->files_rows[F_STAFF] += w.rows;
    return wb_close(&w, "staff.csv");
}

/* Writes sessions.csv: base sessions per person, one more for the first extra people. */
static int write_sessions(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n,
                          unsigned long base, unsigned long extra, int dmy, unsigned style)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "sessions.csv",
                "staff_id,supervisor_id,date,type,status,duration_minutes,notes_recorded_date,"
                "notes_shared,functions") != 0)
        return -1;
    const char *oto = one_to_one_word[style % NELEM(one_to_one_word)];
    const char *held = held_word[style % NELEM(held_word)];
    for (uint32_t i = 0; i < n; i++) {
        const staff_t *s = &st[i];
        unsigned long k = base + (i < extra ? 1 : 0);
        int32_t ws = s->start > c->ds ? s->start : c->ds;
        int32_t we = (s->end && s->end < c->de) ? s->end : c->de;
        if (we < ws)
            we = ws;
        uint64_t span = (uint64_t)(we - ws + 1);
        for (unsigned long j = 0; j < k; j++) {
            uint64_t lo = span * j / k, hi = span * (j + 1) / k;
            int32_t d =
                ws + (int32_t)lo + (hi > lo ? (int32_t)rng_below(r, (uint32_t)(hi - lo)) : 0);
            uint32_t t = rng_below(r, 100);
            int kind = t < 78 ? 0 : t < 86 ? 1 : t < 95 ? 2 : 3;
            int is_held = rng_pct(r, 90);
            wb_staff(&w, i);
            wb_c(&w, ',');
            if (s->supervisor)
                wb_staff(&w, s->supervisor - 1);
            wb_c(&w, ',');
            wb_date(&w, c, dmy, d);
            wb_c(&w, ',');
            wb_puts(&w, kind == 0 ? oto : kind == 1 ? "ad hoc" : kind == 2 ? "group" : "peer");
            wb_c(&w, ',');
            wb_puts(&w, is_held ? held : cancel_word[rng_below(r, NELEM(cancel_word))]);
            wb_c(&w, ',');
            if (is_held) {
                wb_u(&w, 30 + 15 * rng_below(r, 7));
                wb_c(&w, ',');
                if (kind <= 1 && rng_pct(r, 95)) {
                    wb_date(&w, c, dmy, d + (int32_t)rng_below(r, 13));
                    wb_puts(&w, rng_pct(r, 85) ? ",Y," : ",N,");
                } else {
                    wb_puts(&w, ",,");
                }
                if (kind == 0)
                    wb_puts(&w, c->fn_list[1 + rng_below(r, 15)]);
                else if (kind == 1)
                    wb_puts(&w, "support");
            } else {
                wb_puts(&w, ",,,");
            }
            wb_eol(&w);
        }
    }
    c->files_rows[F_SESSIONS] += w.rows;
    return wb_close(&w, "sessions.csv");
}

/* Writes absences.csv: a long absence for about 3 in 100 practitioners. */
static int write_absences(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n,
                          int dmy)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "absences.csv", "staff_id,start_date,end_date,reason") != 0)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        if (st[i].manager || st[i].schedule || !rng_pct(r, 3))
            continue;
        int32_t a = rday(r, c->ds > st[i].start ? c->ds : st[i].start, c->de - 30);
        wb_staff(&w, i);
        wb_c(&w, ',');
        wb_date(&w, c, dmy, a);
        wb_c(&w, ',');
        wb_date(&w, c, dmy, a + 30 + (int32_t)rng_below(r, 240));
        wb_c(&w, ',');
        wb_puts(&w, reason_word[rng_below(r, NELEM(reason_word))]);
        wb_eol(&w);
    }
    c->files_rows[F_ABSENCES] += w.rows;
    return wb_close(&w, "absences.csv");
}

/* Writes group_sessions.csv: most teams meet most months. */
static int write_groups(ctx_t *c, const char *dir, rng_t *r, uint32_t nteams, int dmy)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "group_sessions.csv", "team,date,facilitator_id,attendees") != 0)
        return -1;
    for (int m = 0; m < 24; m++) {
        int y = 2024 + (m + 3) / 12, mon = (m + 3) % 12 + 1;
        int32_t first = days_from_ymd(y, mon, 1);
        for (uint32_t t = 0; t < nteams; t++) {
            if (!rng_pct(r, 85))
                continue;
            wb_puts(&w, "Team ");
            wb_u(&w, t + 1);
            wb_c(&w, ',');
            wb_date(&w, c, dmy, first + (int32_t)rng_below(r, 28));
            wb_c(&w, ',');
            wb_staff(&w, t + 1);
            wb_c(&w, ',');
            wb_u(&w, 3 + rng_below(r, 13));
            wb_eol(&w);
        }
    }
    c->files_rows[F_GROUPS] += w.rows;
    return wb_close(&w, "group_sessions.csv");
}

/* Writes cases.csv, case_oversight.csv and assessments.csv for a council. */
static int write_cases(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n,
                       uint32_t nteams, int dmy)
{
    uint32_t nep = n * 4;
    int32_t *start = malloc(sizeof(int32_t) * nep * 2);
    uint32_t *holder = malloc(sizeof(uint32_t) * nep);
    int rc = -1;
    wbuf w = {0};
    if (!start || !holder) {
        fprintf(stderr, "gen_bench: out of memory\n");
        goto out;
    }
    int32_t *end = start + nep;
    const int32_t y2018 = days_from_ymd(2018, 1, 2), from = days_from_ymd(2023, 10, 2);
    if (wb_open(&w, c->buf, dir, "cases.csv", "child_id,category,start_date,end_date,case_holder"))
        goto out;
    for (uint32_t e = 0; e < nep; e++) {
        start[e] = rng_pct(r, 60) ? rday(r, y2018, c->ds - 1) : rday(r, c->ds, c->de - 1);
        end[e] = 0;
        if (rng_pct(r, 40) && start[e] + 30 <= c->de)
            end[e] = rday(r, start[e] + 30 > c->ds ? start[e] + 30 : c->ds, c->de);
        holder[e] = n > nteams + 1 ? nteams + 1 + rng_below(r, n - nteams - 1) : 1;
        wb_id(&w, 'C', e + 1, 8);
        wb_c(&w, ',');
        wb_puts(&w, category_word[rng_below(r, NELEM(category_word))]);
        wb_c(&w, ',');
        wb_date(&w, c, dmy, start[e]);
        wb_c(&w, ',');
        wb_odate(&w, c, dmy, end[e]);
        wb_c(&w, ',');
        wb_staff(&w, holder[e]);
        wb_eol(&w);
    }
    c->files_rows[F_CASES] += w.rows;
    if (wb_close(&w, "cases.csv"))
        goto out;

    if (wb_open(&w, c->buf, dir, "case_oversight.csv", "child_id,date,staff_id"))
        goto out;
    for (uint32_t e = 0; e < nep; e++) {
        int32_t stop = end[e] ? end[e] : c->de;
        int32_t d = (start[e] > from ? start[e] : from) + (int32_t)rng_below(r, 30);
        uint32_t sup = st[holder[e]].supervisor;
        for (; d <= stop; d += 25 + (int32_t)rng_below(r, 50)) {
            wb_id(&w, 'C', e + 1, 8);
            wb_c(&w, ',');
            wb_date(&w, c, dmy, d);
            wb_c(&w, ',');
            if (sup)
                wb_staff(&w, sup - 1);
            wb_eol(&w);
        }
    }
    c->files_rows[F_OVERSIGHT] += w.rows;
    if (wb_close(&w, "case_oversight.csv"))
        goto out;

    if (wb_open(&w, c->buf, dir, "assessments.csv",
                "child_id,start_date,completed_date,day8_review_date,day20_review_date"))
        goto out;
    for (uint32_t a = 0; a < nep / 3; a++) {
        int32_t s = rday(r, c->ds, c->de);
        wb_id(&w, 'C', rng_below(r, nep) + 1, 8);
        wb_c(&w, ',');
        wb_date(&w, c, dmy, s);
        wb_c(&w, ',');
        if (rng_pct(r, 80))
            wb_date(&w, c, dmy, s + 20 + (int32_t)rng_below(r, 45));
        wb_c(&w, ',');
        if (rng_pct(r, 85))
            wb_date(&w, c, dmy, s + 2 + (int32_t)rng_below(r, 14));
        wb_c(&w, ',');
        if (rng_pct(r, 80))
            wb_date(&w, c, dmy, s + 14 + (int32_t)rng_below(r, 22));
        wb_eol(&w);
    }
    c->files_rows[F_ASSESS] += w.rows;
    if (wb_close(&w, "assessments.csv"))
        goto out;
    rc = 0;
out:
    if (w.fp)
        fclose(w.fp);
    free(start);
    free(holder);
    return rc;
}

/* Writes supervision_audits.csv: each quarter a share (pct) of the
 * practitioners in post has a record audited by their team manager. */
static int write_audits(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n,
                        uint32_t pct, int dmy)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "supervision_audits.csv",
                "staff_id,audit_date,grade,session_date,auditor_id,wellbeing,reflection,"
                "development,child_focus,actions_reviewed,actions_smart") != 0)
        return -1;
    for (int q = 0; q < 8; q++) {
        int y = 2024 + (q * 3 + 3) / 12, mon = (q * 3 + 3) % 12 + 1;
        int32_t qs = days_from_ymd(y, mon, 1);
        for (uint32_t i = 0; i < n; i++) {
            const staff_t *s = &st[i];
            if (s->manager || s->start > qs + 60 || (s->end && s->end < qs + 60) ||
                !rng_pct(r, pct))
                continue;
            int32_t d = qs + 60 + (int32_t)rng_below(r, 28);
            uint32_t g = rng_below(r, 100);
            wb_staff(&w, i);
            wb_c(&w, ',');
            wb_date(&w, c, dmy, d);
            wb_c(&w, ',');
            wb_puts(&w, grade_word[(g < 8 ? 0 : g < 68 ? 1 : g < 93 ? 2 : 3) + 4 * (i % 2)]);
            wb_c(&w, ',');
            if (rng_pct(r, 90))
                wb_date(&w, c, dmy, d - 3 - (int32_t)rng_below(r, 25));
            wb_c(&w, ',');
            if (s->supervisor)
                wb_staff(&w, s->supervisor - 1);
            for (int k = 0; k < 6; k++)
                wb_puts(&w, rng_pct(r, 5) ? "," : rng_pct(r, 75) ? ",Y" : ",N");
            wb_eol(&w);
        }
    }
    c->files_rows[F_AUDITS] += w.rows;
    return wb_close(&w, "supervision_audits.csv");
}

/* Writes feedback.csv: two surveys a year (October and March), each answered
 * by about half of the practitioners in post, some naming no team. */
static int write_feedback(ctx_t *c, const char *dir, rng_t *r, const staff_t *st, uint32_t n,
                          int dmy)
{
    wbuf w;
    if (wb_open(&w, c->buf, dir, "feedback.csv",
                "response_date,team,regular,reflective,effective,challenging,supportive") != 0)
        return -1;
    static const int launch[][2] = {{2024, 10}, {2025, 3}, {2025, 10}, {2026, 3}};
    for (size_t v = 0; v < NELEM(launch); v++) {
        int32_t ls = days_from_ymd(launch[v][0], launch[v][1], 6);
        for (uint32_t i = 0; i < n; i++) {
            const staff_t *s = &st[i];
            if (s->manager || s->start > ls || (s->end && s->end < ls) || !rng_pct(r, 50))
                continue;
            wb_date(&w, c, dmy, ls + (int32_t)rng_below(r, 21));
            wb_c(&w, ',');
            if (rng_pct(r, 90)) {
                wb_puts(&w, "Team ");
                wb_u(&w, s->team + 1);
            }
            uint32_t mood = 2 + rng_below(r, 4);
            for (int k = 0; k < 5; k++) {
                wb_c(&w, ',');
                if (k > 0 && rng_pct(r, 5))
                    continue; /* not answered */
                uint32_t a = mood + rng_below(r, 3);
                a = a < 2 ? 1 : a > 6 ? 5 : a - 1;
                if (i % 3 == 0)
                    wb_puts(&w, answer_word[a - 1]);
                else
                    wb_u(&w, a);
            }
            wb_eol(&w);
        }
    }
    c->files_rows[F_FEEDBACK] += w.rows;
    return wb_close(&w, "feedback.csv");
}

/* Creates a directory; an existing one is fine. Returns 0 or -1 (message printed). */
static int make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "gen_bench: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

/* Writes one agency's folder. first_staff is the global number of its first person. */
static int write_agency(ctx_t *c, uint32_t idx, uint32_t n, unsigned long first_staff,
                        unsigned long base, unsigned long extra)
{
    char dir[4096];
    rng_t r;
    rng_seed(&r, idx + 1);
    snprintf(dir, sizeof dir, "%s/A%03u", c->outdir, idx + 1);
    if (make_dir(dir))
        return -1;
    int type = (int)(idx % T_NTYPES);
    int dmy = idx % 3 == 1;
    uint32_t nteams = n / TEAM_SIZE ? n / TEAM_SIZE : 1;
    staff_t *st = malloc(sizeof(staff_t) * n);
    if (!st) {
        fprintf(stderr, "gen_bench: out of memory\n");
        return -1;
    }
    unsigned long local_extra = extra > first_staff ? extra - first_staff : 0;
    if (local_extra > n)
        local_extra = n;
    make_staff(c, &r, st, n, nteams);
    int rc = write_staff(c, dir, &r, st, n, dmy);
    if (!rc)
        rc = write_sessions(c, dir, &r, st, n, base, local_extra, dmy, idx / T_NTYPES);
    if (!rc)
        rc = write_absences(c, dir, &r, st, n, dmy);
    if (!rc && (type == T_LA || idx % 2 == 0))
        rc = write_groups(c, dir, &r, nteams, dmy);
    if (!rc && type == T_LA)
        rc = write_cases(c, dir, &r, st, n, nteams, dmy);
    /* the quality evidence from a stream of its own, so that the files above
     * are the same with or without it */
    rng_t q;
    rng_seed(&q, 1000 + idx + 1);
    if (!rc && type != T_EDUCATION)
        rc = write_audits(c, dir, &q, st, n, type == T_LA ? 100 : 30, dmy);
    if (!rc && idx % 5 != 4)
        rc = write_feedback(c, dir, &q, st, n, dmy);
    free(st);
    return rc;
}

/* Writes agencies.csv and actions.csv for the partnership. */
static int write_partnership(ctx_t *c, uint32_t nag)
{
    wbuf w;
    if (wb_open(&w, c->buf, c->outdir, "agencies.csv", "agency_id,name,type,profile,extract_date"))
        return -1;
    for (uint32_t i = 0; i < nag; i++) {
        wb_id(&w, 'A', i + 1, 3);
        wb_puts(&w, ",Partner Agency ");
        wb_u(&w, i + 1);
        wb_c(&w, ',');
        wb_puts(&w, type_name[i % T_NTYPES]);
        wb_puts(&w, ",,2026-04-15");
        wb_eol(&w);
    }
    if (wb_close(&w, "agencies.csv"))
        return -1;
    if (wb_open(&w, c->buf, c->outdir, "actions.csv",
                "action_id,agency_id,metric_id,description,owner,due_date,status,completed_date"))
        return -1;
    for (uint32_t i = 0; i < nag; i++) {
        wb_id(&w, 'X', i + 1, 4);
        wb_c(&w, ',');
        wb_id(&w, 'A', i + 1, 3);
        wb_puts(&w, i % 2 ? ",notes_timely,Notes within five working days,Head of Service,"
                          : ",supervision_frequency,Monthly supervision audit,Head of Service,");
        wb_puts(&w, i % 3 == 0 ? "2025-12-31,complete,2025-12-01" : "2026-06-30,open,");
        wb_eol(&w);
    }
    return wb_close(&w, "actions.csv");
}

/* Prints the usage line. */
static void usage(void)
{
    fprintf(stderr, "usage: gen_bench OUTDIR SESSIONS [AGENCIES]  (e.g. gen_bench bench-data/10M 10000000)\n");
}

/* Entry point: gen_bench OUTDIR SESSIONS [AGENCIES]. */
int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        usage();
        return 2;
    }
    char *endp;
    errno = 0;
    unsigned long long sessions = strtoull(argv[2], &endp, 10);
    if (errno || *endp || sessions < 100 || sessions > 1000000000ull) {
        fprintf(stderr, "gen_bench: SESSIONS must be a whole number from 100 to 1000000000\n");
        usage();
        return 2;
    }
    unsigned long agencies = 0;
    if (argc == 4) {
        errno = 0;
        agencies = strtoul(argv[3], &endp, 10);
        if (errno || *endp || agencies < 1 || agencies > MAX_AGENCIES_GIVEN) {
            fprintf(stderr, "gen_bench: AGENCIES must be a whole number from 1 to %d\n",
                    MAX_AGENCIES_GIVEN);
            usage();
            return 2;
        }
    }
    ctx_t c;
    memset(&c, 0, sizeof c);
    c.outdir = argv[1];
    c.ds = days_from_ymd(2024, 4, 1);
    c.de = days_from_ymd(2026, 3, 31);
    int rc = 1;
    uint32_t *sizes = NULL;
    c.buf = malloc(WB_CAP);
    if (!c.buf || dates_init(&c.dates, days_from_ymd(2000, 1, 1), days_from_ymd(2027, 12, 31))) {
        fprintf(stderr, "gen_bench: out of memory\n");
        goto out;
    }
    for (unsigned m = 1; m < 16; m++) {
        char *p = c.fn_list[m];
        for (int f = 0; f < 4; f++)
            if (m & (1u << f))
                p += sprintf(p, "%s%s", p == c.fn_list[m] ? "" : ";", fn_word[f]);
    }
    if (make_dir(c.outdir))
        goto out;

    unsigned long total_staff =
        (unsigned long)((sessions + SESSIONS_PER_STAFF - 1) / SESSIONS_PER_STAFF);
    uint32_t nag = (uint32_t)(total_staff / MIN_AGENCY_STAFF);
    if (nag > MAX_AGENCIES)
        nag = MAX_AGENCIES;
    if (agencies)
        nag = (uint32_t)agencies;
    if (nag < 1)
        nag = 1;
    unsigned long base = (unsigned long)(sessions / total_staff);
    unsigned long extra = (unsigned long)(sessions % total_staff);

    /* Agency sizes: a floor of 3 each, the rest in proportion to random weights. */
    sizes = malloc(sizeof(uint32_t) * nag);
    if (!sizes) {
        fprintf(stderr, "gen_bench: out of memory\n");
        goto out;
    }
    rng_t r;
    rng_seed(&r, 0);
    uint64_t wsum = 0;
    for (uint32_t i = 0; i < nag; i++) {
        sizes[i] = 30 + rng_below(&r, 141);
        wsum += sizes[i];
    }
    unsigned long rest = total_staff - 3ul * nag, given = 0;
    for (uint32_t i = 0; i < nag; i++) {
        unsigned long k = (unsigned long)((uint64_t)rest * sizes[i] / wsum);
        sizes[i] = (uint32_t)(3 + k);
        given += 3 + k;
    }
    for (uint32_t i = 0; given < total_staff; i = (i + 1) % nag, given++)
        sizes[i]++;

    unsigned long first = 0;
    for (uint32_t i = 0; i < nag; i++) {
        if (write_agency(&c, i, sizes[i], first, base, extra))
            goto out;
        first += sizes[i];
    }
    if (write_partnership(&c, nag))
        goto out;
    printf("gen_bench: %s: %u agencies, %llu staff, %llu sessions, %llu cases, "
           "%llu case_oversight, %llu assessments, %llu group_sessions, %llu absences, "
           "%llu supervision_audits, %llu feedback\n",
           c.outdir, nag, c.files_rows[F_STAFF], c.files_rows[F_SESSIONS], c.files_rows[F_CASES],
           c.files_rows[F_OVERSIGHT], c.files_rows[F_ASSESS], c.files_rows[F_GROUPS],
           c.files_rows[F_ABSENCES], c.files_rows[F_AUDITS], c.files_rows[F_FEEDBACK]);
    rc = 0;
out:
    free(sizes);
    dates_free(&c.dates);
    free(c.buf);
    return rc;
}
