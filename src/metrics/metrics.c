/* metrics.c — the metrics engine: every figure of the spec (sections 4 and 7)
 * for the report period and its trend periods, per team, per agency, per group
 * (case categories, audit criteria, survey statements) and for the partnership
 * (ALL), which pools numerators and denominators.
 *
 * Per agency, indexes are built once for all periods: the dates of one-to-one
 * sessions held, grouped by staff member and sorted (two counting sorts, O(n)),
 * the absences grouped by staff member and the oversight dates grouped by child
 * and sorted. Each period is then one linear pass over staff, sessions, cases,
 * assessments, group sessions, audits and survey responses, with binary
 * searches into those indexes, so
 * the cost is linear in the data (times the number of periods) and memory is
 * linear too. Percentages, RAG and rounding use exact integer arithmetic. The
 * interpretations behind each rule are written down in docs/metrics.md.
 *
 * A period an agency's window does not cover gives that agency not_covered
 * rows and adds nothing to ALL; the staff-record snapshot figures are not
 * covered in trend periods (SPEC 9.1, 9.2). Once every figure is worked out
 * and sorted, an optional history lookup may fill in trend-period figures the
 * extracts cannot give, and secondary suppression (disclosure.c) runs last.
 *
 * The follow-up lists of an agency's report (ov_metrics_exceptions) come from
 * the same passes: with a recorder attached, each pass also notes the member
 * of staff, session, episode or assessment behind every count that falls
 * short, with who must act and how overdue it is (metrics/followup.h), so the
 * lists always reconcile with the figures (docs/exceptions.md). */
#include "metrics/metrics.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/text.h"
#include "core/strtab.h"
#include "core/threads.h"
#include "metrics/disclosure.h"

/* ---- small helpers -------------------------------------------------------- */

/* A numerator over a denominator. */
typedef struct {
    int64_t num, den;
} frac;

/* Returns the name of a RAG value as written in metrics.csv. */
const char *ov_rag_name(enum ov_rag r)
{
    static const char *const names[] = {"green",   "amber",       "red", "suppressed",
                                        "no_data", "not_covered", "info"};
    return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}

/* Returns the larger of two dates. */
static ov_date date_max(ov_date a, ov_date b)
{
    return a > b ? a : b;
}

/* Returns 1 when the staff member is in post on day d. */
static int in_post_on(const ov_staff *s, ov_date d)
{
    return s->start <= d && (s->end == OV_DATE_NONE || s->end >= d);
}

/* Returns 1 when the staff member is in post on every day of [a, b]. */
static int in_post_for(const ov_staff *s, ov_date a, ov_date b)
{
    return s->start <= a && (s->end == OV_DATE_NONE || s->end >= b);
}

/* Index of the first element of sorted v[0..n) greater than x. */
static size_t upper_bound(const ov_date *v, size_t n, ov_date x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first element of sorted v[0..n) not less than x. */
static size_t lower_bound(const ov_date *v, size_t n, ov_date x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Compares two dates for qsort. */
static int cmp_date(const void *a, const void *b)
{
    ov_date x = *(const ov_date *)a, y = *(const ov_date *)b;
    return (x > y) - (x < y);
}

/* ---- exact percentages and RAG -------------------------------------------- */

/* Bounds under which the scaled integer comparison cannot overflow int64:
 * |num| * 1e8 <= 9e17 and |x * 1e6| * den <= 1e9 * 9e9 = 9e18. */
#define EXACT_COUNT_LIMIT  9000000000LL
#define EXACT_SCALED_LIMIT 1e9

/* Sign of (num / den * 100 - x) for den > 0: exact for thresholds written with
 * up to six decimals (x is read as the nearest multiple of 1e-6), so 89.96 %
 * is below a target of 90 even though it prints as 90.0. */
static int cmp_pct(int64_t num, int64_t den, double x)
{
    double xs = x * 1e6;
    if (num >= -EXACT_COUNT_LIMIT && num <= EXACT_COUNT_LIMIT && den <= EXACT_COUNT_LIMIT &&
        xs > -EXACT_SCALED_LIMIT && xs < EXACT_SCALED_LIMIT) {
        int64_t xi = (int64_t)(xs < 0 ? xs - 0.5 : xs + 0.5);
        int64_t lhs = num * 100000000LL; /* num * 100 * 1e6 */
        int64_t rhs = xi * den;
        return (lhs > rhs) - (lhs < rhs);
    }
    long double l = (long double)num * 100.0L, r = (long double)x * (long double)den;
    return (l > r) - (l < r);
}

/* RAG of num/den against t, honouring no data (den 0) and suppression
 * (0 < den < suppress_below). A NULL t is rated against the spec's defaults. */
enum ov_rag ov_metrics_rag(int64_t num, int64_t den, const ov_threshold *t, int suppress_below)
{
    static const ov_threshold dflt = {90, 80, 0};
    if (den <= 0)
        return OV_RAG_NO_DATA;
    if (den < suppress_below)
        return OV_RAG_SUPPRESSED;
    if (!t)
        t = &dflt;
    if (t->lower_is_better) {
        if (cmp_pct(num, den, t->target) <= 0)
            return OV_RAG_GREEN;
        if (cmp_pct(num, den, t->amber) <= 0)
            return OV_RAG_AMBER;
        return OV_RAG_RED;
    }
    if (cmp_pct(num, den, t->target) >= 0)
        return OV_RAG_GREEN;
    if (cmp_pct(num, den, t->amber) >= 0)
        return OV_RAG_AMBER;
    return OV_RAG_RED;
}

/* Writes num/den x 100 rounded half-up to one decimal ("" when den == 0), using
 * integer arithmetic only; returns buf. */
char *ov_metrics_format_pct(int64_t num, int64_t den, char buf[16])
{
    char tmp[64];
    if (den == 0) {
        buf[0] = '\0';
        return buf;
    }
    int neg = (num < 0) != (den < 0);
    uint64_t n = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
    uint64_t d = den < 0 ? (uint64_t)0 - (uint64_t)den : (uint64_t)den;
    uint64_t whole = n / d, rem = n % d;
    if (whole >= 1000000000ULL || d > UINT64_MAX / 2000) {
        /* beyond any real count (over a billion per cent): long double is close enough */
        long double v = (long double)n * 100.0L / (long double)d;
        snprintf(tmp, sizeof(tmp), "%s%.1Lf", neg ? "-" : "", v);
    } else {
        /* tenths of a per cent: whole * 1000 + floor(rem * 1000 / d), then half-up */
        uint64_t q = whole * 1000 + rem * 1000 / d;
        if (2 * (rem * 1000 % d) >= d)
            q++;
        /* as "%s%llu.%llu" would write it, without printf */
        size_t k = 0;
        if (neg && q)
            tmp[k++] = '-';
        k += ov_fmt_u64(tmp + k, (unsigned long long)(q / 10));
        tmp[k++] = '.';
        tmp[k++] = (char)('0' + q % 10);
        tmp[k] = '\0';
    }
    size_t len = strlen(tmp);
    if (len > 15)
        len = 15;
    memcpy(buf, tmp, len);
    buf[len] = '\0';
    return buf;
}

/* The value column of metrics.csv: a percentage with one decimal, or an info figure. */
char *ov_metrics_format_value(const ov_figure *f, char buf[32])
{
    buf[0] = '\0';
    if (f->rag == OV_RAG_NOT_COVERED)
        return buf;
    if (f->rag == OV_RAG_INFO) {
        if (!f->has_value || !isfinite(f->value))
            return buf;
        if (f->metric == OV_M_INFO_NOTES_MEDIAN_WD || f->metric == OV_M_INFO_DURATION_MEAN) {
            /* half-up to one decimal; values are non-negative */
            double v = floor(f->value * 10.0 + 0.5 + 1e-9) / 10.0;
            snprintf(buf, 32, "%.1f", v);
        } else {
            snprintf(buf, 32, "%.0f", f->value);
        }
        return buf;
    }
    char pct[16];
    ov_metrics_format_pct(f->num, f->den, pct);
    memcpy(buf, pct, strlen(pct) + 1); /* at most 15 characters */
    return buf;
}

/* ---- notes working-days histogram (for pooled medians) -------------------- */

typedef struct {
    int64_t *count; /* count[v] = items with value v */
    size_t n;       /* values 0..n-1 are allocated */
    int64_t total;
} hist;

/* Makes room for value v, the new counts 0. */
static void hist_grow(hist *h, size_t v)
{
    size_t nn = h->n ? h->n : 64;
    while (nn <= v)
        nn *= 2;
    h->count = ov_xrealloc(h->count, nn * sizeof(int64_t));
    memset(h->count + h->n, 0, (nn - h->n) * sizeof(int64_t));
    h->n = nn;
}

/* Adds k items of value v (v >= 0). */
static void hist_add(hist *h, size_t v, int64_t k)
{
    if (v >= h->n)
        hist_grow(h, v);
    h->count[v] += k;
    h->total += k;
}

/* Adds every item of src to dst. */
static void hist_merge(hist *dst, const hist *src)
{
    for (size_t v = src->n; v-- > 0;)
        if (src->count[v])
            hist_add(dst, v, src->count[v]);
}

/* The value of the item at rank k (0-based) in ascending order. */
static size_t hist_at(const hist *h, int64_t k)
{
    int64_t seen = 0;
    for (size_t v = 0; v < h->n; v++) {
        seen += h->count[v];
        if (seen > k)
            return v;
    }
    return h->n ? h->n - 1 : 0;
}

/* Median of the items (the mean of the two middle ones for an even count);
 * returns 0 when there are no items, else 1 with *out set. */
static int hist_median(const hist *h, double *out)
{
    if (h->total == 0)
        return 0;
    if (h->total % 2)
        *out = (double)hist_at(h, h->total / 2);
    else
        *out = ((double)hist_at(h, h->total / 2 - 1) + (double)hist_at(h, h->total / 2)) / 2.0;
    return 1;
}

/* Empties the histogram, keeping its storage. */
static void hist_clear(hist *h)
{
    if (h->n)
        memset(h->count, 0, h->n * sizeof(int64_t));
    h->total = 0;
}

/* Frees the histogram's storage. */
static void hist_free(hist *h)
{
    free(h->count);
    memset(h, 0, sizeof(*h));
}

/* ---- per-agency indexes (built once for all periods) ---------------------- */

/* Dates grouped by a key and sorted within each key: the dates of key k are
 * date[off[k] .. off[k+1]). */
typedef struct {
    size_t *off;   /* nkeys + 1 */
    ov_date *date; /* off[nkeys] dates */
} grouped;

/* Widest date span sorted by counting; wider spans fall back to qsort. */
#define COUNTING_SPAN (1 << 21)

/* Groups the m (key, date) pairs by key with dates ascending inside each key:
 * a counting sort by date then a stable counting sort by key (O(m + span)). */
static void group_dates(grouped *g, size_t nkeys, size_t m, const uint32_t *keys,
                        const ov_date *dates)
{
    g->off = ov_xcalloc(nkeys + 1, sizeof(size_t));
    g->date = ov_xmalloc((m ? m : 1) * sizeof(ov_date));
    for (size_t i = 0; i < m; i++)
        g->off[keys[i] + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        g->off[k + 1] += g->off[k];
    size_t *pos = ov_xmalloc((nkeys + 1) * sizeof(size_t));
    memcpy(pos, g->off, (nkeys + 1) * sizeof(size_t));
    ov_date lo = 0, hi = 0;
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || dates[i] < lo)
            lo = dates[i];
        if (i == 0 || dates[i] > hi)
            hi = dates[i];
    }
    int64_t span = m ? (int64_t)hi - lo + 1 : 0;
    if (m > 0 && span <= COUNTING_SPAN && m <= UINT32_MAX) {
        size_t *cnt = ov_xcalloc((size_t)span + 1, sizeof(size_t));
        uint32_t *order = ov_xmalloc(m * sizeof(uint32_t));
        for (size_t i = 0; i < m; i++)
            cnt[dates[i] - lo + 1]++;
        for (int64_t s = 0; s < span; s++)
            cnt[s + 1] += cnt[s];
        for (size_t i = 0; i < m; i++)
            order[cnt[dates[i] - lo]++] = (uint32_t)i;
        for (size_t j = 0; j < m; j++) {
            uint32_t i = order[j];
            g->date[pos[keys[i]]++] = dates[i];
        }
        free(order);
        free(cnt);
    } else {
        for (size_t i = 0; i < m; i++)
            g->date[pos[keys[i]]++] = dates[i];
        for (size_t k = 0; k < nkeys; k++)
            if (g->off[k + 1] - g->off[k] > 1)
                qsort(g->date + g->off[k], g->off[k + 1] - g->off[k], sizeof(ov_date), cmp_date);
    }
    free(pos);
}

/* Frees a grouping; accepts an empty one. */
static void grouped_free(grouped *g)
{
    free(g->off);
    free(g->date);
    g->off = NULL;
    g->date = NULL;
}

typedef struct {
    grouped held;    /* per staff: dates of one-to-one sessions held */
    size_t *soff;    /* per staff: the sessions the figures read, srow[soff[i] .. soff[i+1]) */
    uint32_t *srow;  /* their rows, by date (rows of one date in file order) */
    size_t *abs_off; /* per staff: absences abs[abs_off[i] .. abs_off[i+1]) */
    ov_absence *abs;
    grouped oversight; /* per child: oversight dates */
} agency_index;

/* Compares two (date, row) pairs by date, then row. */
static int cmp_date_row(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* 1 when the session figures read session s of agency a: a one-to-one or ad
 * hoc session of a staff row. */
static int session_read(const ov_agency *a, const ov_session *s)
{
    return s->staff >= 0 && (size_t)s->staff < a->nstaff &&
           (s->type == OV_ST_ONE_TO_ONE || s->type == OV_ST_AD_HOC);
}

/* Puts the n rows of agency a's sessions in row[] (ascending) in date order,
 * rows of one date staying in order; rows already in date order stay as
 * they are. */
static void sort_rows_by_date(const ov_agency *a, uint32_t *row, size_t n)
{
    size_t k = 1;
    while (k < n && a->sessions[row[k]].date >= a->sessions[row[k - 1]].date)
        k++;
    if (k >= n)
        return;
    ov_date lo = a->sessions[row[0]].date;
    for (size_t j = 1; j < n; j++)
        if (a->sessions[row[j]].date < lo)
            lo = a->sessions[row[j]].date;
    uint64_t *pair = ov_xmalloc(n * sizeof(uint64_t));
    for (size_t j = 0; j < n; j++)
        pair[j] = (uint64_t)((int64_t)a->sessions[row[j]].date - lo) << 32 | row[j];
    qsort(pair, n, sizeof(uint64_t), cmp_date_row);
    for (size_t j = 0; j < n; j++)
        row[j] = (uint32_t)pair[j];
    free(pair);
}

/* Lists per staff member the sessions the figures read (session_read) by
 * date, rows of one date in file order, so that a period reads each person's
 * rows dated in it; then groups the dates of one-to-ones held by staff
 * member, ascending, from those lists. Needs fewer than 2^32 sessions. */
static void index_sessions(agency_index *ix, const ov_agency *a)
{
    size_t ns = a->nstaff;
    ix->soff = ov_xcalloc(ns + 1, sizeof(size_t));
    ix->held.off = ov_xcalloc(ns + 1, sizeof(size_t));
    for (size_t i = 0; i < a->nsessions; i++) {
        const ov_session *s = &a->sessions[i];
        if (!session_read(a, s))
            continue;
        ix->soff[s->staff + 1]++;
        ix->held.off[s->staff + 1] += s->type == OV_ST_ONE_TO_ONE && s->status == OV_SS_HELD;
    }
    for (size_t k = 0; k < ns; k++) {
        ix->soff[k + 1] += ix->soff[k];
        ix->held.off[k + 1] += ix->held.off[k];
    }
    size_t m = ix->soff[ns];
    ix->srow = ov_xmalloc((m ? m : 1) * sizeof(uint32_t));
    ix->held.date = ov_xmalloc((ix->held.off[ns] ? ix->held.off[ns] : 1) * sizeof(ov_date));
    size_t *pos = ov_xmalloc((ns + 1) * sizeof(size_t));
    memcpy(pos, ix->soff, (ns + 1) * sizeof(size_t));
    for (size_t i = 0; i < a->nsessions; i++)
        if (session_read(a, &a->sessions[i]))
            ix->srow[pos[a->sessions[i].staff]++] = (uint32_t)i;
    free(pos);
    ov_date *held = ix->held.date;
    for (size_t k = 0; k < ns; k++) {
        sort_rows_by_date(a, ix->srow + ix->soff[k], ix->soff[k + 1] - ix->soff[k]);
        for (size_t j = ix->soff[k]; j < ix->soff[k + 1]; j++) {
            const ov_session *s = &a->sessions[ix->srow[j]];
            if (s->type == OV_ST_ONE_TO_ONE && s->status == OV_SS_HELD)
                *held++ = s->date;
        }
    }
}

/* Groups the dates of one-to-ones held by staff member, ascending (without
 * the list by date: more sessions than 32 bits count). */
static void index_held(agency_index *ix, const ov_agency *a)
{
    size_t ns = a->nstaff, m = 0;
    for (size_t i = 0; i < a->nsessions; i++) {
        const ov_session *s = &a->sessions[i];
        if (s->type == OV_ST_ONE_TO_ONE && s->status == OV_SS_HELD && s->staff >= 0 &&
            (size_t)s->staff < ns)
            m++;
    }
    uint32_t *keys = ov_xmalloc((m ? m : 1) * sizeof(uint32_t));
    ov_date *dates = ov_xmalloc((m ? m : 1) * sizeof(ov_date));
    m = 0;
    for (size_t i = 0; i < a->nsessions; i++) {
        const ov_session *s = &a->sessions[i];
        if (s->type == OV_ST_ONE_TO_ONE && s->status == OV_SS_HELD && s->staff >= 0 &&
            (size_t)s->staff < ns) {
            keys[m] = (uint32_t)s->staff;
            dates[m++] = s->date;
        }
    }
    group_dates(&ix->held, ns, m, keys, dates);
    free(keys);
    free(dates);
}

/* Builds the indexes of one agency. */
static void index_build(agency_index *ix, const ov_agency *a)
{
    size_t ns = a->nstaff;
    if (a->nsessions <= UINT32_MAX)
        index_sessions(ix, a);
    else
        index_held(ix, a);

    ix->abs_off = ov_xcalloc(ns + 1, sizeof(size_t));
    for (size_t i = 0; i < a->nabsences; i++)
        if (a->absences[i].staff >= 0 && (size_t)a->absences[i].staff < ns)
            ix->abs_off[a->absences[i].staff + 1]++;
    for (size_t k = 0; k < ns; k++)
        ix->abs_off[k + 1] += ix->abs_off[k];
    ix->abs = ov_xmalloc((ix->abs_off[ns] ? ix->abs_off[ns] : 1) * sizeof(ov_absence));
    size_t *pos = ov_xmalloc((ns + 1) * sizeof(size_t));
    memcpy(pos, ix->abs_off, (ns + 1) * sizeof(size_t));
    for (size_t i = 0; i < a->nabsences; i++)
        if (a->absences[i].staff >= 0 && (size_t)a->absences[i].staff < ns)
            ix->abs[pos[a->absences[i].staff]++] = a->absences[i];
    free(pos);

    size_t nc = a->child_ids.n, mo = 0;
    uint32_t *keys = ov_xmalloc((a->noversight ? a->noversight : 1) * sizeof(uint32_t));
    ov_date *dates = ov_xmalloc((a->noversight ? a->noversight : 1) * sizeof(ov_date));
    for (size_t i = 0; i < a->noversight; i++) {
        if (a->oversight[i].child >= nc || a->oversight[i].date == OV_DATE_NONE)
            continue;
        keys[mo] = a->oversight[i].child;
        dates[mo++] = a->oversight[i].date;
    }
    group_dates(&ix->oversight, nc, mo, keys, dates);
    free(keys);
    free(dates);
}

/* Frees an agency's indexes. */
static void index_free(agency_index *ix)
{
    grouped_free(&ix->held);
    grouped_free(&ix->oversight);
    free(ix->abs_off);
    free(ix->abs);
    free(ix->soff);
    free(ix->srow);
    memset(ix, 0, sizeof(*ix));
}

/* ---- the figures of one agency (or ALL) for one period -------------------- */

typedef struct {
    frac m[OV_M_COUNT];         /* the agency (or ALL) row */
    frac fill[OV_M_COUNT];      /* rows filling the field a metric rests on / rows counted */
    frac cat_cur[OV_CAT_COUNT]; /* case_oversight_current per category */
    frac cat_per[OV_CAT_COUNT]; /* case_oversight_period per category */
    uint8_t cat_present[OV_CAT_COUNT];
    frac crit[OV_CRIT_COUNT]; /* audit_criteria per criterion */
    frac item[OV_ITEM_COUNT]; /* feedback_positive per survey statement */
    int64_t staff_in_scope, adhoc_held, duration_sum, duration_n, episodes_open;
    int64_t audits, responses, starters, leavers;
    int has_episodes; /* cases.csv received (ALL: by any agency) */
    int has_audits;   /* supervision_audits.csv received (ALL: by any agency) */
    int has_feedback; /* feedback.csv received (ALL: by any agency) */
    hist notes;       /* working days from a 1:1 held to its notes */
} totals;

/* What one session the figures read counts for, one bit each (staff_sums):
 * SS_COUNTED of them are counted, the functions only matter at all. */
enum {
    SS_HELD,          /* a 1:1 held */
    SS_TIMELY,        /* its notes on time */
    SS_SHARED,        /* its notes shared */
    SS_NOTES_FILLED,  /* a notes date on or after the session */
    SS_SHARED_FILLED, /* the sharing recorded */
    SS_FN_FILLED,     /* functions recorded */
    SS_CANCELLED,     /* a 1:1 cancelled */
    SS_REARRANGED,    /* rearranged in time */
    SS_ADHOC,         /* an ad hoc session held */
    SS_COUNTED,
    SS_FN0 = SS_COUNTED /* a 1:1 held covering function 0; then functions 1-3 */
};

/* Per staff member, the sessions the figures read in date order (as listed
 * in agency_index) with what
 * each counts for, which no period changes: a period's session figures of a
 * person add up the sessions of theirs dated in it. Built for one standards
 * and calendar. */
typedef struct {
    const ov_standards *std;
    const ov_calendar *cal;
    ov_date *date;  /* per session, ascending within a person */
    uint16_t *bits; /* per session: 1 << SS_... for what it counts for */
    int32_t *wd;    /* per session: working days to its notes, -1 when none count */
    int16_t *dur;   /* per session: minutes of a 1:1 held, -1 when blank or none */
} staff_sums;

/* Working state for one agency, reused across periods. */
typedef struct {
    const ov_agency *a;
    const ov_standards *std;
    const ov_calendar *cal;
    agency_index ix;
    size_t nteams;
    uint8_t *in_s;      /* per staff: in S for this period */
    uint8_t *fn;        /* per staff: functions covered by 1:1 held in P; bit 4 = any held */
    uint8_t *is_sup;    /* per staff: supervises a member of S in post on pe */
    uint8_t *team_in_s; /* per team: a team of S */
    frac *team;         /* per team x metric */
    frac *team_fill;    /* per team x metric: the fill counts (ov_figure.fill_num) */
    uint8_t *gm;        /* per team x month: a group session was held */
    totals t;
    ov_exceptions *ex;   /* when set, the passes also record the follow-up rows here */
    int32_t *child_case; /* with ex, per child: its most current episode at pe, or OV_NONE */
    staff_sums sums;     /* built for the first period measured without a recorder */
} agency_work;

#define FN_HELD 0x10

/* Adds (num, den) to row metric of agency and, when tm < nteams, of team tm
 * in teams (nteams rows of OV_M_COUNT). */
static void add_rows(frac *agency, frac *teams, size_t nteams, uint32_t tm, int metric, int64_t num,
                     int64_t den)
{
    agency[metric].num += num;
    agency[metric].den += den;
    if (tm < nteams) {
        teams[(size_t)tm * OV_M_COUNT + metric].num += num;
        teams[(size_t)tm * OV_M_COUNT + metric].den += den;
    }
}

/* Adds (num, den) to the agency row and to team tm's row. */
static void add(agency_work *w, uint32_t tm, int metric, int64_t num, int64_t den)
{
    add_rows(w->t.m, w->team, w->nteams, tm, metric, num, den);
}

/* Counts num of den rows behind metric's figure as filled, for the agency and
 * team tm (the data-quality flags). */
static void add_fills(agency_work *w, uint32_t tm, int metric, int64_t num, int64_t den)
{
    add_rows(w->t.fill, w->team_fill, w->nteams, tm, metric, num, den);
}

/* Counts one row behind metric's figure for the agency and team tm, filled
 * when the optional field the figure rests on is filled (data-quality flags). */
static void add_fill(agency_work *w, uint32_t tm, int metric, int filled)
{
    add_fills(w, tm, metric, filled != 0, 1);
}

/* ---- follow-up rows (only with a recorder, w->ex) --------------------------- */

/* i when it is a staff row of the agency, else OV_NONE. */
static int32_t staff_or_none(const ov_agency *a, int32_t i)
{
    return i >= 0 && (size_t)i < a->nstaff ? i : OV_NONE;
}

/* The team of staff row i, or OV_NONE. */
static int32_t team_of(const agency_work *w, int32_t i)
{
    if (i < 0 || (size_t)i >= w->a->nstaff || w->a->staff[i].team >= w->nteams)
        return OV_NONE;
    return (int32_t)w->a->staff[i].team;
}

/* The supervisor named on a session, else the person's supervisor in staff.csv. */
static int32_t session_supervisor(const ov_agency *a, const ov_session *s)
{
    if (staff_or_none(a, s->supervisor) != OV_NONE)
        return s->supervisor;
    return staff_or_none(a, a->staff[s->staff].supervisor);
}

/* Days from a to b, 0 when b is not after a. */
static int32_t days_from(ov_date a, ov_date b)
{
    return b > a ? (int32_t)(b - a) : 0;
}

/* Appends a row of list l about subject (counting against the list's first
 * figure) with who must act and the team. */
static ov_followup_row *fu_row(agency_work *w, int l, int32_t subject, int32_t responsible,
                               int32_t team)
{
    ov_followup_row *r = OV_PUSH(w->ex->rows, w->ex->nrows, w->ex->cap_rows);
    memset(r, 0, sizeof(*r));
    r->list = (uint8_t)l;
    r->against = 1;
    r->subject = subject;
    r->item = OV_NONE;
    r->responsible = responsible;
    r->team = team;
    r->date = r->due = r->done = r->since = OV_DATE_NONE;
    return r;
}

/* Counts of one staff member's required intervals in a period. */
typedef struct {
    const ov_staff *st;
    const ov_date *held; /* this person's 1:1 held dates, ascending */
    size_t nheld;
    const ov_absence *abs;
    size_t nabs;
    ov_date ps, pe;
    int64_t required, met;
    ov_exceptions *rec; /* when set, each required interval not met is listed here */
    size_t next;        /* held[0 .. next) are before the last interval counted */
} interval_count;

/* Counts the interval [s, e] when it is required: wholly inside P, the person
 * in post for all of it and no absence overlapping it; met when a 1:1 was held
 * in it. */
static void interval(interval_count *c, ov_date s, ov_date e)
{
    if (s < c->ps || e > c->pe || !in_post_for(c->st, s, e))
        return;
    for (size_t i = 0; i < c->nabs; i++)
        if (c->abs[i].start <= e && c->abs[i].end >= s)
            return;
    c->required++;
    /* the first 1:1 held on or after s: intervals come in date order, so a
     * walk on from the last one's (a search when one comes earlier) */
    size_t k = c->next;
    if (k > 0 && c->held[k - 1] >= s)
        k = lower_bound(c->held, c->nheld, s);
    else
        while (k < c->nheld && c->held[k] < s)
            k++;
    c->next = k;
    if (k < c->nheld && c->held[k] <= e) {
        c->met++;
    } else if (c->rec) {
        ov_date_range *m = OV_PUSH(c->rec->missed, c->rec->nmissed, c->rec->cap_missed);
        m->start = s;
        m->end = e;
    }
}

/* Steps year y, month mo (1-12) to the next month. */
static void next_month(int *y, int *mo)
{
    if (++*mo > 12) {
        *mo = 1;
        ++*y;
    }
}

/* Counts the calendar months starting on or after from that end by c->pe
 * (from split into year, month and day once, then month lengths added). */
static void months_from(interval_count *c, ov_date from)
{
    int y, mo, d;
    ov_date_to_ymd(from, &y, &mo, &d);
    ov_date m = from - (d - 1); /* the first of from's month */
    if (d > 1) {                /* that month started before from: the next one */
        m += ov_days_in_month(y, mo);
        next_month(&y, &mo);
    }
    for (;;) {
        ov_date me = m + ov_days_in_month(y, mo) - 1;
        if (me > c->pe || (c->st->end != OV_DATE_NONE && me > c->st->end))
            break;
        interval(c, m, me);
        m = me + 1;
        next_month(&y, &mo);
    }
}

/* Enumerates one staff member's intervals of schedule in P (SPEC 4,
 * supervision_frequency) into c. */
static void staff_intervals(const agency_work *w, interval_count *c)
{
    const ov_staff *st = c->st;
    ov_date lo = date_max(c->ps, st->start);
    switch (st->schedule) {
    case OV_SCHED_STUDENT: {
        ov_date wk = lo + (7 - ov_date_weekday(lo)) % 7; /* first Monday >= lo */
        for (; wk + 6 <= c->pe; wk += 7) {
            if (st->end != OV_DATE_NONE && wk + 6 > st->end)
                break;
            interval(c, wk, wk + 6);
        }
        break;
    }
    case OV_SCHED_ASYE: {
        const ov_standards *s = w->std;
        ov_date a = st->schedule_start != OV_DATE_NONE ? st->schedule_start : st->start;
        for (int i = 0; i < s->asye_weeks; i++)
            interval(c, a + i * s->asye_week_days, a + (i + 1) * s->asye_week_days - 1);
        ov_date b = a + s->asye_weeks * s->asye_week_days;
        for (int j = 0; j < s->asye_fortnights; j++)
            interval(c, b + j * s->asye_fortnight_days, b + (j + 1) * s->asye_fortnight_days - 1);
        ov_date after = b + s->asye_fortnights * s->asye_fortnight_days; /* day 182 */
        months_from(c, date_max(lo, after));
        break;
    }
    default:
        months_from(c, lo);
        break;
    }
}

/* Clears the per-period state of w (keeping the histogram's storage). */
static void period_reset(agency_work *w)
{
    size_t ns = w->a->nstaff, nt = w->nteams;
    hist notes = w->t.notes;
    hist_clear(&notes);
    memset(&w->t, 0, sizeof(w->t));
    w->t.notes = notes;
    memset(w->in_s, 0, ns);
    memset(w->fn, 0, ns);
    memset(w->is_sup, 0, ns);
    memset(w->team_in_s, 0, nt);
    memset(w->team, 0, nt * OV_M_COUNT * sizeof(frac));
    memset(w->team_fill, 0, nt * OV_M_COUNT * sizeof(frac));
}

/* Marks S (frequent contact, in post on at least one day of P) and its teams. */
static void scope_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    for (size_t i = 0; i < a->nstaff; i++) {
        const ov_staff *st = &a->staff[i];
        if (!st->frequent_contact || st->start == OV_DATE_NONE || st->start > pe ||
            (st->end != OV_DATE_NONE && st->end < ps))
            continue;
        w->in_s[i] = 1;
        if (st->team < w->nteams)
            w->team_in_s[st->team] = 1;
        w->t.staff_in_scope++;
    }
}

/* Lists 1:1 held i (of a member of S) when its notes were late (not timely;
 * due: the day they were due, notes: their date, blank when none or before the
 * session) or not recorded as shared. */
static void record_held(agency_work *w, size_t i, const ov_session *s, int timely, ov_date due,
                        ov_date notes, ov_date pe)
{
    int32_t who = session_supervisor(w->a, s), tm = team_of(w, s->staff);
    if (!timely) {
        ov_followup_row *r = fu_row(w, OV_FL_LATE_NOTES, s->staff, who, tm);
        r->item = (int32_t)i;
        r->date = s->date;
        r->due = due;
        r->done = notes;
        r->days =
            ov_working_days_between(w->cal, due, notes != OV_DATE_NONE && notes < pe ? notes : pe);
    }
    if (s->notes_shared != 1) {
        ov_followup_row *r = fu_row(w, OV_FL_NOT_SHARED, s->staff, who, tm);
        r->item = (int32_t)i;
        r->code = s->notes_shared == 0 ? 0 : 1;
        r->date = s->date;
        r->due = due;
        r->done = notes;
        r->days = days_from(due, pe);
    }
}

/* Counts session i (of a member of S, dated in P): notes, sharing,
 * cancellations and their rearrangement, functions, ad hoc sessions,
 * durations. */
static void session_one(agency_work *w, size_t i, ov_date pe)
{
    const ov_agency *a = w->a;
    const ov_standards *std = w->std;
    const ov_calendar *cal = w->cal;
    const grouped *h = &w->ix.held;
    const ov_session *s = &a->sessions[i];
    uint32_t tm = a->staff[s->staff].team;
    if (s->type == OV_ST_AD_HOC) {
        if (s->status == OV_SS_HELD)
            w->t.adhoc_held++;
        return;
    }
    if (s->type != OV_ST_ONE_TO_ONE)
        return;
    if (s->status == OV_SS_HELD) {
        w->fn[s->staff] |= (uint8_t)(FN_HELD | (s->functions & OV_FN_ALL));
        add(w, tm, OV_M_CANCELLATION_RATE, 0, 1);
        int timely = 0;
        /* notes dated before the session contradict it: treated as blank */
        ov_date notes = s->notes_date != OV_DATE_NONE && s->notes_date >= s->date ? s->notes_date
                                                                                  : OV_DATE_NONE;
        ov_date lim = OV_DATE_NONE;
        if (notes != OV_DATE_NONE || w->ex)
            lim = ov_add_working_days(cal, s->date, std->notes_working_days);
        if (notes != OV_DATE_NONE) {
            timely = notes <= lim;
            hist_add(&w->t.notes, (size_t)ov_working_days_between(cal, s->date, notes), 1);
        }
        add(w, tm, OV_M_NOTES_TIMELY, timely, 1);
        add(w, tm, OV_M_NOTES_SHARED, s->notes_shared == 1, 1);
        /* a notes date before the session is as good as blank */
        add_fill(w, tm, OV_M_NOTES_TIMELY, notes != OV_DATE_NONE);
        add_fill(w, tm, OV_M_NOTES_SHARED, s->notes_shared >= 0);
        add_fill(w, tm, OV_M_FUNCTIONS_BALANCE, s->functions != 0);
        if (w->ex)
            record_held(w, i, s, timely, lim, notes, pe);
        if (s->duration >= 0) {
            w->t.duration_sum += s->duration;
            w->t.duration_n++;
        }
    } else if (s->status == OV_SS_CANCELLED) {
        add(w, tm, OV_M_CANCELLATION_RATE, 1, 1);
        /* rearranged: the next 1:1 held after the cancelled date (in P or
         * not) is on or before the limit */
        ov_date lim = ov_add_working_days(cal, s->date, std->rearrange_working_days);
        const ov_date *v = h->date + h->off[s->staff];
        size_t n = h->off[s->staff + 1] - h->off[s->staff];
        size_t k = upper_bound(v, n, s->date);
        int rearranged = k < n && v[k] <= lim;
        add(w, tm, OV_M_CANCELLED_REARRANGED, rearranged, 1);
        if (w->ex && !rearranged) {
            ov_followup_row *r = fu_row(w, OV_FL_NOT_REARRANGED, s->staff, session_supervisor(a, s),
                                        team_of(w, s->staff));
            r->item = (int32_t)i;
            r->date = s->date;
            r->due = lim;
            r->done = k < n ? v[k] : OV_DATE_NONE;
            r->days = days_from(lim, r->done != OV_DATE_NONE && r->done < pe ? r->done : pe);
        }
    }
}

/* Frees the session bits; accepts empty ones. */
static void sums_free(staff_sums *u)
{
    free(u->date);
    free(u->bits);
    free(u->wd);
    free(u->dur);
    memset(u, 0, sizeof(*u));
}

/* What session s (read by the figures) counts for in any period, as session_one
 * counts it: the bits, the working days to its notes (*wd, -1 when none count)
 * and its minutes (*dur, -1 when none count). */
static unsigned sums_session(const agency_work *w, const ov_session *s, int32_t *wd, int16_t *dur)
{
    const grouped *h = &w->ix.held;
    unsigned b = 0;
    *wd = -1;
    *dur = -1;
    if (s->type == OV_ST_AD_HOC)
        return s->status == OV_SS_HELD ? 1u << SS_ADHOC : 0;
    if (s->status == OV_SS_HELD) {
        ov_date notes = s->notes_date != OV_DATE_NONE && s->notes_date >= s->date ? s->notes_date
                                                                                  : OV_DATE_NONE;
        b |= 1u << SS_HELD;
        if (notes != OV_DATE_NONE) {
            if (notes <= ov_add_working_days(w->cal, s->date, w->std->notes_working_days))
                b |= 1u << SS_TIMELY;
            *wd = ov_working_days_between(w->cal, s->date, notes);
            b |= 1u << SS_NOTES_FILLED;
        }
        b |= (s->notes_shared == 1 ? 1u << SS_SHARED : 0) |
             (s->notes_shared >= 0 ? 1u << SS_SHARED_FILLED : 0) |
             (s->functions != 0 ? 1u << SS_FN_FILLED : 0) |
             (unsigned)(s->functions & OV_FN_ALL) << SS_FN0;
        *dur = s->duration >= 0 ? s->duration : -1;
    } else if (s->status == OV_SS_CANCELLED) {
        ov_date lim = ov_add_working_days(w->cal, s->date, w->std->rearrange_working_days);
        const ov_date *d = h->date + h->off[s->staff];
        size_t n = h->off[s->staff + 1] - h->off[s->staff];
        size_t k = upper_bound(d, n, s->date);
        b |= 1u << SS_CANCELLED;
        if (k < n && d[k] <= lim)
            b |= 1u << SS_REARRANGED;
    }
    return b;
}

/* Builds w->sums from each person's sessions by date (w->ix) for w's
 * standards and calendar. */
static void sums_build(agency_work *w)
{
    const ov_agency *a = w->a;
    const agency_index *ix = &w->ix;
    staff_sums *u = &w->sums;
    size_t m = ix->soff[a->nstaff];
    sums_free(u);
    u->std = w->std;
    u->cal = w->cal;
    u->date = ov_xmalloc((m ? m : 1) * sizeof(ov_date));
    u->bits = ov_xmalloc((m ? m : 1) * sizeof(uint16_t));
    u->wd = ov_xmalloc((m ? m : 1) * sizeof(int32_t));
    u->dur = ov_xmalloc((m ? m : 1) * sizeof(int16_t));
    for (size_t j = 0; j < m; j++) {
        const ov_session *s = &a->sessions[ix->srow[j]];
        u->date[j] = s->date;
        u->bits[j] = (uint16_t)sums_session(w, s, &u->wd[j], &u->dur[j]);
    }
}

/* Bits 0-6 of x moved to the lowest bit of bytes 0-6 (the seven shifted
 * copies the product adds up do not overlap, so nothing carries). */
static uint64_t spread7(unsigned x)
{
    return ((uint64_t)(x & 0x7f) * 0x0002040810204081ULL) & 0x0101010101010101ULL;
}

/* Counts the sessions in P of member i of S from what each counts for: the
 * same sums as session_one over each of them. The counted bits add up a byte
 * each, at most 255 sessions at a time. */
static void sums_staff(agency_work *w, size_t i, ov_date ps, ov_date pe)
{
    const staff_sums *u = &w->sums;
    size_t first = w->ix.soff[i], n = w->ix.soff[i + 1] - first;
    const ov_date *d = u->date + first;
    size_t lo = lower_bound(d, n, ps), hi = upper_bound(d, n, pe);
    if (lo == hi)
        return;
    int64_t v[14] = {0}, dur_n = 0, dur_sum = 0, noted = 0;
    unsigned any = 0;
    hist *notes = &w->t.notes;
    for (size_t j = first + lo; j < first + hi;) {
        size_t end = first + hi - j > 255 ? j + 255 : first + hi;
        uint64_t low = 0, high = 0;
        for (; j < end; j++) {
            unsigned b = u->bits[j];
            any |= b;
            low += spread7(b);
            high += spread7(b >> 7);
            if (u->wd[j] >= 0) {
                size_t x = (size_t)u->wd[j];
                if (x < notes->n) { /* hist_add without the growing */
                    notes->count[x]++;
                    noted++;
                } else {
                    hist_add(notes, x, 1);
                }
            }
            if (u->dur[j] >= 0) {
                dur_n++;
                dur_sum += u->dur[j];
            }
        }
        for (int q = 0; q < 7; q++) {
            v[q] += (int64_t)((low >> (8 * q)) & 0xff);
            v[7 + q] += (int64_t)((high >> (8 * q)) & 0xff);
        }
    }
    uint32_t tm = w->a->staff[i].team;
    w->t.adhoc_held += v[SS_ADHOC];
    if (any & (1u << SS_HELD))
        w->fn[i] |= (uint8_t)(FN_HELD | ((any >> SS_FN0) & OV_FN_ALL));
    add(w, tm, OV_M_CANCELLATION_RATE, v[SS_CANCELLED], v[SS_HELD] + v[SS_CANCELLED]);
    add(w, tm, OV_M_NOTES_TIMELY, v[SS_TIMELY], v[SS_HELD]);
    add(w, tm, OV_M_NOTES_SHARED, v[SS_SHARED], v[SS_HELD]);
    add_fills(w, tm, OV_M_NOTES_TIMELY, v[SS_NOTES_FILLED], v[SS_HELD]);
    add_fills(w, tm, OV_M_NOTES_SHARED, v[SS_SHARED_FILLED], v[SS_HELD]);
    add_fills(w, tm, OV_M_FUNCTIONS_BALANCE, v[SS_FN_FILLED], v[SS_HELD]);
    add(w, tm, OV_M_CANCELLED_REARRANGED, v[SS_REARRANGED], v[SS_CANCELLED]);
    w->t.duration_n += dur_n;
    w->t.duration_sum += dur_sum;
    notes->total += noted;
}

/* Counts the sessions in P of staff of S (session_one). The figures are sums,
 * so they come from each person's sessions in P (sums_staff); the follow-up rows are
 * listed in file order, so with a recorder every row is read in turn. */
static void session_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    if (w->ex || !w->ix.srow) {
        for (size_t i = 0; i < a->nsessions; i++) {
            const ov_session *s = &a->sessions[i];
            if (s->staff < 0 || (size_t)s->staff >= a->nstaff || !w->in_s[s->staff] ||
                s->date < ps || s->date > pe)
                continue;
            session_one(w, i, pe);
        }
        return;
    }
    if (!w->sums.date || w->sums.std != w->std || w->sums.cal != w->cal)
        sums_build(w);
    for (size_t i = 0; i < a->nstaff; i++)
        if (w->in_s[i])
            sums_staff(w, i, ps, pe);
}

/* Lists member i of S behind its session figures: required intervals not met
 * (the missed ones were listed from missed_first by interval()), no 1:1 held
 * in P (held 0), or 1:1s held that did not cover every function (fn). */
static void record_staff(agency_work *w, size_t i, const interval_count *c, size_t missed_first,
                         int held, unsigned fn)
{
    const ov_staff *st = &w->a->staff[i];
    int32_t who = staff_or_none(w->a, st->supervisor), tm = team_of(w, (int32_t)i);
    size_t k = upper_bound(c->held, c->nheld, c->pe);
    ov_date last = k > 0 ? c->held[k - 1] : OV_DATE_NONE; /* in P when held */
    if (c->met < c->required) {
        ov_followup_row *r = fu_row(w, OV_FL_INTERVALS, (int32_t)i, who, tm);
        const ov_date_range *m = &w->ex->missed[missed_first];
        r->against = 3; /* supervision_frequency and staff_fully_compliant */
        r->required = c->required;
        r->met = c->met;
        r->missed_first = missed_first;
        r->date = m->start;
        r->days = days_from(m->end, c->pe);
        r->since = last;
    }
    if (!held) {
        ov_followup_row *r = fu_row(w, OV_FL_NO_ONE_TO_ONE, (int32_t)i, who, tm);
        r->since = last;
        r->date = last != OV_DATE_NONE ? last : date_max(c->ps, st->start);
        r->days = days_from(r->date, c->pe);
    } else if ((fn & OV_FN_ALL) != OV_FN_ALL) {
        ov_followup_row *r = fu_row(w, OV_FL_FUNCTIONS, (int32_t)i, who, tm);
        r->code = (uint8_t)(~fn & OV_FN_ALL);
        r->since = last;
        r->date = last;
        r->days = days_from(last, c->pe);
    }
}

/* The session figures of member i of S: intervals, full compliance, supervised
 * and functions (and the exceptions). Needs session_pass first (it fills fn). */
static void session_figures(agency_work *w, size_t i, ov_date ps, ov_date pe)
{
    const agency_index *ix = &w->ix;
    const ov_staff *st = &w->a->staff[i];
    uint32_t tm = st->team;
    interval_count c = {st,
                        ix->held.date + ix->held.off[i],
                        ix->held.off[i + 1] - ix->held.off[i],
                        ix->abs + ix->abs_off[i],
                        ix->abs_off[i + 1] - ix->abs_off[i],
                        ps,
                        pe,
                        0,
                        0,
                        w->ex,
                        0};
    c.next = lower_bound(c.held, c.nheld, ps);
    size_t missed_first = w->ex ? w->ex->nmissed : 0;
    staff_intervals(w, &c);
    add(w, tm, OV_M_SUPERVISION_FREQUENCY, c.met, c.required);
    if (c.required > 0)
        add(w, tm, OV_M_STAFF_FULLY_COMPLIANT, c.met == c.required, 1);
    int held = (w->fn[i] & FN_HELD) != 0;
    add(w, tm, OV_M_STAFF_SUPERVISED, held, 1);
    if (w->ex)
        record_staff(w, i, &c, missed_first, held, w->fn[i]);
    if (held)
        add(w, tm, OV_M_FUNCTIONS_BALANCE, (w->fn[i] & OV_FN_ALL) == OV_FN_ALL, 1);
}

/* Lists member i of S (in post on pe) with no current agreement; latest is
 * the latest agreement or review dated on or before pe, or OV_DATE_NONE. An
 * agreement is due from the start in post, then again when the last one's
 * validity runs out. */
static void record_agreement(agency_work *w, size_t i, ov_date latest, ov_date ps, ov_date pe)
{
    const ov_staff *st = &w->a->staff[i];
    ov_followup_row *r = fu_row(w, OV_FL_AGREEMENTS, (int32_t)i,
                                staff_or_none(w->a, st->supervisor), team_of(w, (int32_t)i));
    r->done = latest;
    if (latest != OV_DATE_NONE) {
        r->due = ov_add_months(latest, w->std->agreement_valid_months);
        r->days = days_from(r->due, pe);
    } else {
        r->due = st->start;
        r->days = days_from(date_max(ps, st->start), pe);
    }
    r->date = r->due;
}

/* Lists member i of S (in post on pe, with the service that makes an
 * observation due) with no current observation. The first observation is due
 * once the person has that service; the next when the last one's validity
 * runs out. */
static void record_observation(agency_work *w, size_t i, ov_date ps, ov_date pe)
{
    const ov_staff *st = &w->a->staff[i];
    const ov_standards *std = w->std;
    ov_followup_row *r = fu_row(w, OV_FL_OBSERVATIONS, (int32_t)i,
                                staff_or_none(w->a, st->supervisor), team_of(w, (int32_t)i));
    if (st->observation != OV_DATE_NONE && st->observation <= pe) {
        r->done = st->observation;
        r->due = ov_add_months(st->observation, std->observation_valid_months);
        r->days = days_from(r->due, pe);
    } else {
        r->due = ov_add_months(st->start, std->observation_service_months);
        r->days = days_from(date_max(ps, r->due), pe);
    }
    r->date = r->due;
}

/* Lists supervisor i (in post on pe) without current training: what is
 * missing (code), safeguarding training and when it expires, supervision
 * training. Expired training counts from its expiry, training never recorded
 * from the later of ps and the start in post; the larger of the two. */
static void record_untrained(agency_work *w, size_t i, ov_date ps, ov_date pe)
{
    const ov_staff *st = &w->a->staff[i];
    ov_followup_row *r = fu_row(w, OV_FL_UNTRAINED, (int32_t)i, staff_or_none(w->a, st->supervisor),
                                team_of(w, (int32_t)i));
    ov_date never_from = date_max(ps, st->start);
    r->date = OV_DATE_NONE;
    if (st->safeguarding_training != OV_DATE_NONE && st->safeguarding_training <= pe) {
        r->done = st->safeguarding_training;
        r->due =
            ov_add_months(st->safeguarding_training, w->std->safeguarding_training_valid_months);
        if (r->due < pe) {
            r->code |= OV_FU_SAFEGUARDING_EXPIRED;
            r->days = days_from(r->due, pe);
            r->date = r->due;
        }
    } else {
        r->code |= OV_FU_SAFEGUARDING_NONE;
        r->days = days_from(never_from, pe);
        r->date = never_from;
    }
    if (st->supervision_training != OV_DATE_NONE && st->supervision_training <= pe) {
        r->since = st->supervision_training;
    } else {
        r->code |= OV_FU_SUPERVISION_NONE;
        if (days_from(never_from, pe) > r->days)
            r->days = days_from(never_from, pe);
        if (r->date == OV_DATE_NONE || never_from < r->date)
            r->date = never_from;
    }
}

/* Per member of S: the session figures, agreement and observation; marks the
 * supervisors of members in post on pe. */
static void staff_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    const ov_standards *std = w->std;
    ov_date obs_started_by = ov_add_months(pe, -std->observation_service_months);
    /* without a usable sessions.csv the session figures are "no data", not 0 % */
    int have_sessions = a->files[OV_DS_SESSIONS].status == OV_FILE_RECEIVED;
    for (size_t i = 0; i < a->nstaff; i++) {
        if (!w->in_s[i])
            continue;
        const ov_staff *st = &a->staff[i];
        uint32_t tm = st->team;
        if (have_sessions)
            session_figures(w, i, ps, pe);
        if (!in_post_on(st, pe))
            continue;
        /* the latest of the two agreement dates on or before pe */
        ov_date latest = OV_DATE_NONE;
        if (st->agreement != OV_DATE_NONE && st->agreement <= pe)
            latest = st->agreement;
        if (st->agreement_review != OV_DATE_NONE && st->agreement_review <= pe)
            latest = date_max(latest, st->agreement_review);
        int agreed =
            latest != OV_DATE_NONE && ov_add_months(latest, std->agreement_valid_months) >= pe;
        add(w, tm, OV_M_AGREEMENT_CURRENT, agreed, 1);
        add_fill(w, tm, OV_M_AGREEMENT_CURRENT,
                 st->agreement != OV_DATE_NONE || st->agreement_review != OV_DATE_NONE);
        if (w->ex && !agreed)
            record_agreement(w, i, latest, ps, pe);
        if (st->start <= obs_started_by) {
            int observed = st->observation != OV_DATE_NONE && st->observation <= pe &&
                           ov_add_months(st->observation, std->observation_valid_months) >= pe;
            add(w, tm, OV_M_OBSERVATION_CURRENT, observed, 1);
            add_fill(w, tm, OV_M_OBSERVATION_CURRENT, st->observation != OV_DATE_NONE);
            if (w->ex && !observed)
                record_observation(w, i, ps, pe);
        }
        if (st->supervisor >= 0 && (size_t)st->supervisor < a->nstaff)
            w->is_sup[st->supervisor] = 1;
    }
}

/* Supervisors (marked by staff_pass) in post on pe: each counts once for the
 * agency and in their own team when it is a team of S. */
static void supervisor_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    const ov_standards *std = w->std;
    for (size_t i = 0; i < a->nstaff; i++) {
        const ov_staff *st = &a->staff[i];
        if (!w->is_sup[i] || !in_post_on(st, pe))
            continue;
        int ok = st->safeguarding_training != OV_DATE_NONE && st->safeguarding_training <= pe &&
                 ov_add_months(st->safeguarding_training,
                               std->safeguarding_training_valid_months) >= pe &&
                 st->supervision_training != OV_DATE_NONE && st->supervision_training <= pe;
        uint32_t tm = st->team < w->nteams && w->team_in_s[st->team] ? st->team : UINT32_MAX;
        add(w, tm, OV_M_SUPERVISOR_TRAINED, ok, 1);
        /* a supervisor's record is filled when it holds both training dates */
        add_fill(w, tm, OV_M_SUPERVISOR_TRAINED,
                 st->safeguarding_training != OV_DATE_NONE &&
                     st->supervision_training != OV_DATE_NONE);
        if (w->ex && !ok)
            record_untrained(w, i, ps, pe);
    }
}

/* Group supervision: team-months of the teams of S over the calendar months
 * wholly inside P, only for an agency that sent group_sessions.csv. */
static void group_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    size_t nt = w->nteams;
    if (a->files[OV_DS_GROUP_SESSIONS].status != OV_FILE_RECEIVED)
        return;
    ov_date m0 = ov_month_start(ps);
    if (m0 < ps)
        m0 = ov_month_end(ps) + 1;
    size_t nm = 0;
    ov_date mend = m0 - 1;
    for (ov_date m = m0; ov_month_end(m) <= pe; m = ov_month_end(m) + 1) {
        nm++;
        mend = ov_month_end(m);
    }
    if (nm == 0 || nt == 0)
        return;
    int y0, mo0, d0;
    ov_date_to_ymd(m0, &y0, &mo0, &d0);
    w->gm = ov_xrealloc(w->gm, nt * nm);
    memset(w->gm, 0, nt * nm);
    for (size_t i = 0; i < a->ngroups; i++) {
        const ov_group_session *g = &a->groups[i];
        if (g->date < m0 || g->date > mend || g->team >= nt || !w->team_in_s[g->team])
            continue;
        int y, mo, d;
        ov_date_to_ymd(g->date, &y, &mo, &d);
        w->gm[(size_t)g->team * nm + (size_t)((y * 12 + mo) - (y0 * 12 + mo0))] = 1;
    }
    for (size_t tm = 0; tm < nt; tm++) {
        if (!w->team_in_s[tm])
            continue;
        int64_t met = 0;
        for (size_t mi = 0; mi < nm; mi++)
            met += w->gm[tm * nm + mi];
        add(w, (uint32_t)tm, OV_M_GROUP_SUPERVISION_MONTHLY, met, (int64_t)nm);
    }
}

/* The latest oversight of the child dated in [start, x], or OV_DATE_NONE. v[0..n)
 * are the child's oversight dates, ascending. */
static ov_date latest_oversight(const ov_case *cs, const ov_date *v, size_t n, ov_date x)
{
    size_t k = upper_bound(v, n, x);
    return k > 0 && v[k - 1] >= cs->start ? v[k - 1] : OV_DATE_NONE;
}

/* The due date of an episode as at day x: add_months(max(start, latest
 * oversight of the child dated in [start, x]), interval). Open on pe, the
 * episode is current when its due date at pe is >= pe. */
static ov_date episode_due(const ov_case *cs, int iv, const ov_date *v, size_t n, ov_date x)
{
    ov_date last = latest_oversight(cs, v, n, x);
    return ov_add_months(last != OV_DATE_NONE ? last : cs->start, iv);
}

/* The first overdue day of an episode overlapping P in its window W =
 * [max(start, ps), min(end or pe, pe)], or OV_DATE_NONE when it was never
 * overdue there. Anchors are the start and the oversights dated in [start,
 * window end]; after anchor a the child is overdue on the days d with
 * add_months(a, interval) < d < next anchor (d <= window end after the last).
 * Anchors before the last one on or before ws cannot reach W: the walk starts
 * there. */
static ov_date episode_first_overdue(const ov_case *cs, int iv, const ov_date *v, size_t n,
                                     ov_date ps, ov_date pe)
{
    ov_date ws = date_max(cs->start, ps);
    ov_date we = cs->end == OV_DATE_NONE || cs->end > pe ? pe : cs->end;
    size_t k = upper_bound(v, n, ws);
    ov_date anchor = cs->start;
    if (k > 0 && v[k - 1] >= cs->start)
        anchor = v[k - 1];
    for (;;) {
        int has_next = k < n && v[k] <= we;
        ov_date from = date_max(ov_add_months(anchor, iv) + 1, ws);
        ov_date to = has_next ? v[k] - 1 : we;
        if (from <= to)
            return from;
        if (!has_next)
            return OV_DATE_NONE;
        anchor = v[k++];
    }
}

/* Lists episode i behind the case figures: open tells whether it is open on
 * pe, first is its first overdue day in the window; its latest oversight and
 * due date are taken as at the window end (pe for an episode open on pe).
 * Its case holder must act; the team is the case holder's (cases.csv sends
 * none). */
static void record_child(agency_work *w, size_t i, int iv, const ov_date *v, size_t n, ov_date pe,
                         int open, ov_date first)
{
    const ov_case *cs = &w->a->cases[i];
    ov_date we = cs->end == OV_DATE_NONE || cs->end > pe ? pe : cs->end;
    int32_t holder = staff_or_none(w->a, cs->case_holder);
    ov_followup_row *r = fu_row(w, OV_FL_CHILDREN, (int32_t)i, holder, team_of(w, holder));
    r->open = (uint8_t)open;
    r->done = latest_oversight(cs, v, n, we);
    r->due = episode_due(cs, iv, v, n, we);
    int overdue_at_pe = open && r->due < pe;
    r->against = (uint8_t)((overdue_at_pe ? 1u : 0u) | (first != OV_DATE_NONE ? 2u : 0u));
    r->days = overdue_at_pe ? days_from(r->due, pe) : 0;
    r->since = first;
    r->date = first;
}

/* Case oversight for the episodes overlapping P, per category and in total. */
static void case_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    const grouped *o = &w->ix.oversight;
    w->t.has_episodes = a->files[OV_DS_CASES].status == OV_FILE_RECEIVED;
    int have_oversight = a->files[OV_DS_CASE_OVERSIGHT].status == OV_FILE_RECEIVED;
    for (size_t i = 0; i < a->ncases; i++) {
        const ov_case *cs = &a->cases[i];
        if (cs->category >= OV_CAT_COUNT || cs->start == OV_DATE_NONE || cs->start > pe ||
            (cs->end != OV_DATE_NONE && cs->end < ps))
            continue;
        int cat = cs->category;
        int iv = w->std->interval_months[cat];
        const ov_date *v = NULL;
        size_t n = 0;
        if (cs->child < a->child_ids.n) {
            v = o->date + o->off[cs->child];
            n = o->off[cs->child + 1] - o->off[cs->child];
        }
        w->t.cat_present[cat] = 1;
        int open = cs->end == OV_DATE_NONE || cs->end >= pe, current = 1;
        if (open)
            w->t.episodes_open++;
        /* without a usable case_oversight.csv the oversight figures are "no data":
         * a missing file is not evidence that no child was overseen */
        if (!have_oversight)
            continue;
        if (open) {
            current = episode_due(cs, iv, v, n, pe) >= pe;
            w->t.cat_cur[cat].num += current;
            w->t.cat_cur[cat].den++;
        }
        ov_date first = episode_first_overdue(cs, iv, v, n, ps, pe);
        w->t.cat_per[cat].num += first == OV_DATE_NONE;
        w->t.cat_per[cat].den++;
        if (w->ex && (!current || first != OV_DATE_NONE))
            record_child(w, i, iv, v, n, pe, open, first);
    }
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        w->t.m[OV_M_CASE_OVERSIGHT_CURRENT].num += w->t.cat_cur[c].num;
        w->t.m[OV_M_CASE_OVERSIGHT_CURRENT].den += w->t.cat_cur[c].den;
        w->t.m[OV_M_CASE_OVERSIGHT_PERIOD].num += w->t.cat_per[c].num;
        w->t.m[OV_M_CASE_OVERSIGHT_PERIOD].den += w->t.cat_per[c].den;
    }
}

/* 1 when episode y is more current at pe than x: open on pe where x is not,
 * else a later start. */
static int more_current(const ov_case *x, const ov_case *y, ov_date pe)
{
    int ox = x->end == OV_DATE_NONE || x->end >= pe, oy = y->end == OV_DATE_NONE || y->end >= pe;
    if (ox != oy)
        return oy;
    return y->start > x->start;
}

/* Notes for every child its most current episode starting by pe (open on pe
 * first, then the latest start; the first row of equals), whose case holder
 * acts on the child's assessments. */
static void child_cases(agency_work *w, ov_date pe)
{
    const ov_agency *a = w->a;
    size_t nc = a->child_ids.n;
    w->child_case = ov_xrealloc(w->child_case, (nc ? nc : 1) * sizeof(int32_t));
    for (size_t c = 0; c < nc; c++)
        w->child_case[c] = OV_NONE;
    for (size_t i = 0; i < a->ncases; i++) {
        const ov_case *cs = &a->cases[i];
        if (cs->child >= nc || cs->start == OV_DATE_NONE || cs->start > pe)
            continue;
        int32_t *best = &w->child_case[cs->child];
        if (*best == OV_NONE || more_current(&a->cases[*best], cs, pe))
            *best = (int32_t)i;
    }
}

/* Counts review point (0 day 8, 1 day 20) of assessment i, due day working
 * days after its start, when that limit falls by pe: met when the review is
 * dated in [start, limit]. With a recorder, a review not met is listed; it is
 * late from its limit to the day it was recorded, or to pe. */
static void review(agency_work *w, size_t i, int point, int metric, ov_date done, int day,
                   ov_date pe)
{
    const ov_assessment *as = &w->a->assessments[i];
    ov_date lim = ov_add_working_days(w->cal, as->start, day);
    if (lim > pe)
        return;
    int met = done != OV_DATE_NONE && done >= as->start && done <= lim;
    w->t.m[metric].den++;
    w->t.m[metric].num += met;
    if (!w->ex || met)
        return;
    int32_t holder = OV_NONE;
    if (as->child < w->a->child_ids.n && w->child_case[as->child] != OV_NONE)
        holder = staff_or_none(w->a, w->a->cases[w->child_case[as->child]].case_holder);
    ov_followup_row *r = fu_row(w, OV_FL_ASSESSMENTS, (int32_t)i, holder, team_of(w, holder));
    r->against = (uint8_t)(1u << point);
    r->code = (uint8_t)point;
    r->due = lim;
    r->done = done;
    r->date = lim;
    int recorded = done != OV_DATE_NONE && done >= as->start;
    r->days = days_from(lim, recorded && done < pe ? done : pe);
}

/* Assessments started in P: the day 8 and day 20 reviews. */
static void assessment_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    if (w->ex)
        child_cases(w, pe);
    for (size_t i = 0; i < a->nassessments; i++) {
        const ov_assessment *as = &a->assessments[i];
        if (as->start == OV_DATE_NONE || as->start < ps || as->start > pe)
            continue;
        review(w, i, 0, OV_M_ASSESSMENT_DAY8, as->day8, w->std->review_day_early, pe);
        review(w, i, 1, OV_M_ASSESSMENT_DAY20, as->day20, w->std->review_day_late, pe);
    }
}

/* The quality audits dated in P of the records of staff of S: graded
 * outstanding or good, and the criteria met of those assessed, per criterion
 * too; each counts in the audited person's team. With a recorder, each audit
 * graded requires improvement or inadequate is a row of the audits list. */
static void audit_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    w->t.has_audits = a->files[OV_DS_SUPERVISION_AUDITS].status == OV_FILE_RECEIVED;
    for (size_t i = 0; i < a->naudits; i++) {
        const ov_audit *au = &a->audits[i];
        if (au->staff < 0 || (size_t)au->staff >= a->nstaff || !w->in_s[au->staff] ||
            au->date < ps || au->date > pe)
            continue;
        uint32_t tm = a->staff[au->staff].team;
        int64_t met = 0, assessed = 0;
        for (int k = 0; k < OV_CRIT_COUNT; k++) {
            if (!(au->assessed & (1u << k)))
                continue;
            int yes = (au->met & (1u << k)) != 0;
            w->t.crit[k].num += yes;
            w->t.crit[k].den++;
            met += yes;
            assessed++;
        }
        add(w, tm, OV_M_AUDIT_GOOD, au->grade <= OV_GRADE_GOOD, 1);
        add(w, tm, OV_M_AUDIT_CRITERIA, met, assessed);
        w->t.audits++;
        if (w->ex && au->grade > OV_GRADE_GOOD) {
            ov_followup_row *r =
                fu_row(w, OV_FL_AUDITS, (int32_t)i,
                       staff_or_none(a, a->staff[au->staff].supervisor), team_of(w, au->staff));
            r->date = au->date;
            r->days = days_from(au->date, pe);
            r->code = au->grade;
        }
    }
}

/* The survey responses dated in P: positive when the statements answered
 * average 4 or more (sum >= 4 x answered, exactly), and per statement
 * answered 4 or 5; a response counts in its team when that is a team of S. */
static void feedback_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    w->t.has_feedback = a->files[OV_DS_FEEDBACK].status == OV_FILE_RECEIVED;
    for (size_t i = 0; i < a->nfeedback; i++) {
        const ov_feedback *fb = &a->feedback[i];
        if (fb->date < ps || fb->date > pe)
            continue;
        w->t.responses++;
        int answered = 0, sum = 0;
        for (int k = 0; k < OV_ITEM_COUNT; k++) {
            int v = fb->answer[k];
            if (v < 1 || v > OV_AGREE_COUNT)
                continue;
            answered++;
            sum += v;
            w->t.item[k].num += v >= 4;
            w->t.item[k].den++;
        }
        if (!answered)
            continue;
        uint32_t tm = fb->team >= 0 && (size_t)fb->team < w->nteams && w->team_in_s[fb->team]
                          ? (uint32_t)fb->team
                          : UINT32_MAX;
        add(w, tm, OV_M_FEEDBACK_POSITIVE, sum >= 4 * answered, 1);
    }
}

/* The staff of S in post on ps still in post on pe (in their team), and the
 * starters and leavers of S in P. */
static void workforce_pass(agency_work *w, ov_date ps, ov_date pe)
{
    const ov_agency *a = w->a;
    for (size_t i = 0; i < a->nstaff; i++) {
        if (!w->in_s[i])
            continue;
        const ov_staff *st = &a->staff[i];
        if (in_post_on(st, ps))
            add(w, st->team, OV_M_WORKFORCE_STABILITY, in_post_on(st, pe), 1);
        w->t.starters += st->start >= ps && st->start <= pe;
        w->t.leavers += st->end != OV_DATE_NONE && st->end >= ps && st->end <= pe;
    }
}

/* Computes every figure of agency w->a for period p into w->t and the team
 * arrays. */
static void agency_period(agency_work *w, const ov_period *p)
{
    period_reset(w);
    scope_pass(w, p->start, p->end);
    session_pass(w, p->start, p->end);
    staff_pass(w, p->start, p->end);
    supervisor_pass(w, p->start, p->end);
    group_pass(w, p->start, p->end);
    case_pass(w, p->start, p->end);
    assessment_pass(w, p->start, p->end);
    audit_pass(w, p->start, p->end);
    feedback_pass(w, p->start, p->end);
    workforce_pass(w, p->start, p->end);
}

/* Adds one agency's totals into the ALL totals. */
static void totals_add(totals *all, const totals *t)
{
    for (int m = 0; m < OV_M_COUNT; m++) {
        all->m[m].num += t->m[m].num;
        all->m[m].den += t->m[m].den;
        all->fill[m].num += t->fill[m].num;
        all->fill[m].den += t->fill[m].den;
    }
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        all->cat_cur[c].num += t->cat_cur[c].num;
        all->cat_cur[c].den += t->cat_cur[c].den;
        all->cat_per[c].num += t->cat_per[c].num;
        all->cat_per[c].den += t->cat_per[c].den;
        all->cat_present[c] |= t->cat_present[c];
    }
    for (int k = 0; k < OV_CRIT_COUNT; k++) {
        all->crit[k].num += t->crit[k].num;
        all->crit[k].den += t->crit[k].den;
    }
    for (int k = 0; k < OV_ITEM_COUNT; k++) {
        all->item[k].num += t->item[k].num;
        all->item[k].den += t->item[k].den;
    }
    if (t->has_audits) {
        all->audits += t->audits;
        all->has_audits = 1;
    }
    if (t->has_feedback) {
        all->responses += t->responses;
        all->has_feedback = 1;
    }
    all->starters += t->starters;
    all->leavers += t->leavers;
    all->staff_in_scope += t->staff_in_scope;
    all->adhoc_held += t->adhoc_held;
    all->duration_sum += t->duration_sum;
    all->duration_n += t->duration_n;
    if (t->has_episodes) {
        all->episodes_open += t->episodes_open;
        all->has_episodes = 1;
    }
    hist_merge(&all->notes, &t->notes);
}

/* Adds only the categories present of an agency that does not cover the
 * period: the partnership keeps those category rows (0/0 when no covering
 * agency has the category), but none of the agency's numbers. */
static void totals_add_present(totals *all, const totals *t)
{
    for (int c = 0; c < OV_CAT_COUNT; c++)
        all->cat_present[c] |= t->cat_present[c];
}

/* ---- emitting figures ----------------------------------------------------- */

typedef struct {
    ov_results *r;
    const ov_metrics_config *cfg;
    ov_date snapshot_end; /* staff-record snapshots are covered in periods ending here */
} emitter;

/* 1 when a figure of metric m in period k is not covered: its agency (or,
 * for ALL, every agency) does not cover the period (SPEC 9.1), or it is a
 * staff-record snapshot in a period that does not end on the day the
 * snapshot describes, the report period's end (SPEC 9.2). */
static int not_covered_in(const emitter *e, int m, uint16_t k, int covered)
{
    return !covered || (e->r->periods[k].end != e->snapshot_end &&
                        ov_metric_def_get((enum ov_metric_id)m)->snapshot);
}

/* Appends a percentage figure rated against the threshold for agency_id
 * (NULL = the partnership); a not covered one (nc) has no numbers. */
static void emit_pct(emitter *e, uint16_t period, int metric, int32_t agency, int32_t team, int cat,
                     frac f, frac fl, const char *agency_id, int nc)
{
    ov_figure *g = OV_PUSH(e->r->figs, e->r->nfigs, e->r->cap_figs);
    memset(g, 0, sizeof(*g));
    g->period = period;
    g->metric = (uint8_t)metric;
    g->category = (int8_t)cat;
    g->agency = agency;
    g->team = team;
    g->num = f.num;
    g->den = f.den;
    const ov_threshold *t = ov_standards_threshold(e->cfg->standards, metric, agency_id);
    if (t)
        g->threshold = *t;
    g->source = OV_SRC_EXTRACT;
    if (nc) {
        g->num = g->den = 0;
        g->rag = OV_RAG_NOT_COVERED;
        return;
    }
    g->has_value = f.den > 0;
    g->value = f.den > 0 ? (double)f.num * 100.0 / (double)f.den : 0.0;
    if (ov_metric_def_get((enum ov_metric_id)metric)->fill) {
        g->fill_num = fl.num;
        g->fill_den = fl.den;
    }
    g->rag = (uint8_t)ov_metrics_rag(f.num, f.den, t, e->cfg->suppress_below);
    g->suppression = g->rag == OV_RAG_SUPPRESSED ? OV_SUPP_PRIMARY : OV_SUPP_NONE;
}

/* Appends an informational figure (value present when has); a not covered
 * one (nc) has no value. */
static void emit_info(emitter *e, uint16_t period, int metric, int32_t agency, int has,
                      double value, int nc)
{
    ov_figure *g = OV_PUSH(e->r->figs, e->r->nfigs, e->r->cap_figs);
    memset(g, 0, sizeof(*g));
    g->period = period;
    g->metric = (uint8_t)metric;
    g->category = OV_NONE;
    g->agency = agency;
    g->team = OV_NONE;
    g->source = OV_SRC_EXTRACT;
    g->has_value = has && !nc;
    g->value = g->has_value ? value : 0.0;
    g->rag = nc ? OV_RAG_NOT_COVERED : OV_RAG_INFO;
}

/* The group row g of a metric with fixed groups, from t. */
static frac fixed_group(const totals *t, int m, int g)
{
    frac none = {0, 0};
    if (m == OV_M_AUDIT_CRITERIA && g >= 0 && g < OV_CRIT_COUNT)
        return t->crit[g];
    if (m == OV_M_FEEDBACK_POSITIVE && g >= 0 && g < OV_ITEM_COUNT)
        return t->item[g];
    return none;
}

/* Appends the agency (or ALL) rows, category rows, the fixed group rows
 * (criteria, survey statements: every one, whatever the data) and info rows
 * of t; covered tells whether the agency (for ALL: any agency) covers the
 * period. */
static void emit_totals(emitter *e, uint16_t period, int32_t agency, const char *agency_id,
                        const totals *t, int covered)
{
    frac none = {0, 0};
    for (int m = 0; m < OV_M_FIRST_INFO; m++)
        emit_pct(e, period, m, agency, OV_NONE, OV_NONE, t->m[m], t->fill[m], agency_id,
                 not_covered_in(e, m, period, covered));
    for (int c = 0; c < OV_CAT_COUNT; c++) {
        if (!t->cat_present[c])
            continue;
        for (int m = 0; m < OV_M_FIRST_INFO; m++) {
            if (ov_metric_def_get((enum ov_metric_id)m)->scope != OV_SCOPE_CASE)
                continue;
            frac f = m == OV_M_CASE_OVERSIGHT_CURRENT ? t->cat_cur[c] : t->cat_per[c];
            emit_pct(e, period, m, agency, OV_NONE, c, f, none, agency_id,
                     not_covered_in(e, m, period, covered));
        }
    }
    for (int m = 0; m < OV_M_FIRST_INFO; m++) {
        int ng = ov_metric_def_get((enum ov_metric_id)m)->ngroups;
        for (int g = 0; g < ng; g++)
            emit_pct(e, period, m, agency, OV_NONE, g, fixed_group(t, m, g), none, agency_id,
                     not_covered_in(e, m, period, covered));
    }
    double median = 0;
    int has_median = hist_median(&t->notes, &median);
    int nc = !covered;
    emit_info(e, period, OV_M_INFO_STAFF_IN_SCOPE, agency, 1, (double)t->staff_in_scope, nc);
    emit_info(e, period, OV_M_INFO_ADHOC_HELD, agency, 1, (double)t->adhoc_held, nc);
    emit_info(e, period, OV_M_INFO_NOTES_MEDIAN_WD, agency, has_median, median, nc);
    emit_info(e, period, OV_M_INFO_DURATION_MEAN, agency, t->duration_n > 0,
              t->duration_n > 0 ? (double)t->duration_sum / (double)t->duration_n : 0.0, nc);
    emit_info(e, period, OV_M_INFO_EPISODES_OPEN, agency, t->has_episodes, (double)t->episodes_open,
              nc);
    emit_info(e, period, OV_M_INFO_AUDITS, agency, t->has_audits, (double)t->audits, nc);
    emit_info(e, period, OV_M_INFO_FEEDBACK_RESPONSES, agency, t->has_feedback,
              (double)t->responses, nc);
    emit_info(e, period, OV_M_INFO_STARTERS, agency, 1, (double)t->starters, nc);
    emit_info(e, period, OV_M_INFO_LEAVERS, agency, 1, (double)t->leavers, nc);
}

/* Appends the team rows of agency w->a (covered: the agency covers the period). */
static void emit_teams(emitter *e, uint16_t period, int32_t agency, const agency_work *w,
                       int covered)
{
    for (size_t tm = 0; tm < w->nteams; tm++) {
        if (!w->team_in_s[tm])
            continue;
        for (int m = 0; m < OV_M_FIRST_INFO; m++) {
            if (ov_metric_def_get((enum ov_metric_id)m)->scope != OV_SCOPE_STAFF)
                continue;
            emit_pct(e, period, m, agency, (int32_t)tm, OV_NONE,
                     w->team[tm * OV_M_COUNT + (size_t)m],
                     w->team_fill[tm * OV_M_COUNT + (size_t)m], w->a->id,
                     not_covered_in(e, m, period, covered));
        }
    }
}

/* ---- ordering ------------------------------------------------------------- */

typedef struct {
    uint32_t k[4]; /* period, team, category, metric ranks */
    size_t idx;
} sort_key;

/* Compares sort keys field by field. */
static int cmp_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    for (int i = 0; i < 4; i++)
        if (x->k[i] != y->k[i])
            return x->k[i] < y->k[i] ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Byte-order comparison of two strings given with their lengths. */
static int cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    if (c)
        return c;
    return (la > lb) - (la < lb);
}

/* A name with its index, for ranking names in byte order. */
typedef struct {
    const char *s;
    size_t len;
    uint32_t idx;
} named;

/* Compares named items by name in byte order, then by index. */
static int cmp_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = cmp_bytes(x->s, x->len, y->s, y->len);
    if (c)
        return c;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Fills rank[i] (0-based) for n names in byte order. */
static void rank_names(named *items, size_t n, uint32_t *rank)
{
    qsort(items, n, sizeof(named), cmp_named);
    for (size_t i = 0; i < n; i++)
        rank[items[i].idx] = (uint32_t)i;
}

/* Mixes a figure's key into a hash. */
static size_t figure_hash(int period, int metric, int32_t agency, int32_t team, int category)
{
    uint64_t h = 1469598103934665603ULL;
    int64_t parts[5] = {period, metric, agency, team, category};
    for (int i = 0; i < 5; i++) {
        h ^= (uint64_t)parts[i];
        h *= 1099511628211ULL;
        h ^= h >> 29;
    }
    return (size_t)h;
}

/* Builds the open-addressing index behind ov_results_find. */
static void results_index(ov_results *r)
{
    size_t n = 64;
    while (n < r->nfigs * 2 + 1)
        n *= 2;
    free(r->slots);
    r->slots = ov_xcalloc(n, sizeof(*r->slots));
    r->nslots = n;
    for (size_t i = 0; i < r->nfigs; i++) {
        const ov_figure *g = &r->figs[i];
        size_t h = figure_hash(g->period, g->metric, g->agency, g->team, g->category) & (n - 1);
        while (r->slots[h])
            h = (h + 1) & (n - 1);
        r->slots[h] = (uint32_t)i + 1;
    }
}

/* The ranks that put an agency's figures in metrics.csv order: period start
 * ascending, team blank then names, category blank then names, then metric
 * id, all in byte order. Built when a run begins, read by every thread; the
 * agencies (ALL, then ids in byte order) are ranked when it ends. */
typedef struct {
    size_t nperiods;
    uint32_t *period; /* per period index: its place by start date (the index breaks ties) */
    size_t goff[OV_M_COUNT + 1];
    uint32_t *group; /* per (metric, group) at goff[metric] + group: its name's place;
                        equal names, such as a category of both case metrics, share one */
    uint32_t metric[OV_M_COUNT];
} order_ranks;

/* Fills o with the ranks of the np periods, the groups and the metrics. */
static void ranks_build(order_ranks *o, const ov_period *periods, size_t np)
{
    o->nperiods = np;
    uint32_t *prank = ov_xmalloc((np ? np : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < np; i++)
        prank[i] = (uint32_t)i;
    for (size_t i = 1; i < np; i++)
        for (size_t j = i; j > 0; j--) {
            const ov_period *x = &periods[prank[j - 1]], *y = &periods[prank[j]];
            if (x->start > y->start || (x->start == y->start && prank[j - 1] > prank[j])) {
                uint32_t s = prank[j - 1];
                prank[j - 1] = prank[j];
                prank[j] = s;
            } else {
                break;
            }
        }
    o->period = ov_xmalloc((np ? np : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < np; i++)
        o->period[prank[i]] = (uint32_t)i;
    free(prank);

    size_t ng = 0;
    for (int m = 0; m < OV_M_COUNT; m++) {
        o->goff[m] = ng;
        ng += (size_t)ov_metric_group_count(m);
    }
    o->goff[OV_M_COUNT] = ng;
    named *gn = ov_xmalloc((ng ? ng : 1) * sizeof(named));
    o->group = ov_xmalloc((ng ? ng : 1) * sizeof(uint32_t));
    for (int m = 0; m < OV_M_COUNT; m++)
        for (size_t g = 0; g < o->goff[m + 1] - o->goff[m]; g++) {
            const char *s = ov_metric_group_name(m, (int)g);
            gn[o->goff[m] + g] = (named){s, strlen(s), (uint32_t)(o->goff[m] + g)};
        }
    qsort(gn, ng, sizeof(named), cmp_named);
    for (size_t i = 0, first = 0; i < ng; i++) {
        if (i > 0 && cmp_bytes(gn[i].s, gn[i].len, gn[i - 1].s, gn[i - 1].len) != 0)
            first = i;
        o->group[gn[i].idx] = (uint32_t)first;
    }
    free(gn);

    named mn[OV_M_COUNT];
    for (int m = 0; m < OV_M_COUNT; m++) {
        const char *s = ov_metric_def_get((enum ov_metric_id)m)->id;
        mn[m] = (named){s, strlen(s), (uint32_t)m};
    }
    rank_names(mn, OV_M_COUNT, o->metric);
}

/* Frees the ranks; accepts an empty o. */
static void ranks_free(order_ranks *o)
{
    free(o->period);
    free(o->group);
    memset(o, 0, sizeof(*o));
}

/* Sorts one agency's figures (or ALL's), n of them in the order they were
 * made, into metrics.csv order: its period, team, category and metric ranks,
 * equal keys kept in the order made. trank holds the agency's team ranks
 * (NULL for ALL, which has no team rows). Every figure of a block has the
 * same agency, so blocks laid out period by period in agency order are the
 * whole list in order (merge_blocks). */
static void sort_block(ov_figure *figs, size_t n, const order_ranks *o, const uint32_t *trank)
{
    if (n < 2)
        return;
    sort_key *keys = ov_xmalloc(n * sizeof(sort_key));
    for (size_t i = 0; i < n; i++) {
        const ov_figure *g = &figs[i];
        sort_key *k = &keys[i];
        k->k[0] = o->period[g->period];
        k->k[1] = g->team == OV_NONE || !trank ? 0 : trank[g->team] + 1;
        size_t gi = o->goff[g->metric] + (size_t)g->category;
        k->k[2] = g->category < 0 || gi >= o->goff[g->metric + 1] ? 0 : o->group[gi] + 1;
        k->k[3] = o->metric[g->metric];
        k->idx = i;
    }
    qsort(keys, n, sizeof(sort_key), cmp_key);
    ov_figure *tmp = ov_xmalloc(n * sizeof(ov_figure));
    for (size_t i = 0; i < n; i++)
        tmp[i] = figs[keys[i].idx];
    memcpy(figs, tmp, n * sizeof(ov_figure));
    free(tmp);
    free(keys);
}

/* The team ranks of agency a, by name in byte order (caller frees). */
static uint32_t *team_ranks(const ov_agency *a)
{
    const ov_strtab *t = &a->teams;
    uint32_t *rank = ov_xmalloc((t->n ? t->n : 1) * sizeof(uint32_t));
    named *tn = ov_xmalloc((t->n ? t->n : 1) * sizeof(named));
    for (size_t j = 0; j < t->n; j++)
        tn[j] = (named){t->str[j], t->len[j], (uint32_t)j};
    rank_names(tn, t->n, rank);
    free(tn);
    return rank;
}

/* One sorted block of figures: ALL's, or one agency's. */
typedef struct {
    ov_figure *figs;
    size_t n;
} figure_block;

/* Lays the sorted blocks out in metrics.csv order into r->figs (which must be
 * empty): for each period by rank, ALL's figures, then each agency's of d
 * (blocks of the first nblocks agencies; the others have none) by its id in
 * byte order. Each block's figures of a period are consecutive. */
static void merge_blocks(ov_results *r, const order_ranks *o, const ov_data *d,
                         const figure_block *all, const figure_block *blocks, size_t nblocks)
{
    size_t na = d->nagencies < nblocks ? d->nagencies : nblocks, total = all->n;
    /* the agencies with a block, by id */
    uint32_t *by_rank = ov_xmalloc((na ? na : 1) * sizeof(uint32_t));
    uint32_t *rank = ov_xmalloc((na ? na : 1) * sizeof(uint32_t));
    named *an = ov_xmalloc((na ? na : 1) * sizeof(named));
    for (size_t i = 0; i < na; i++)
        an[i] = (named){d->agencies[i].id, strlen(d->agencies[i].id), (uint32_t)i};
    rank_names(an, na, rank);
    free(an);
    for (size_t i = 0; i < na; i++) {
        by_rank[rank[i]] = (uint32_t)i;
        total += blocks[i].n;
    }
    free(rank);
    r->figs = ov_xmalloc((total ? total : 1) * sizeof(ov_figure));
    r->nfigs = 0;
    r->cap_figs = total;
    size_t *at = ov_xcalloc(na + 1, sizeof(size_t)); /* per block: figures laid out; ALL last */
    for (uint32_t p = 0; p < o->nperiods; p++)
        for (size_t b = 0; b <= na; b++) {
            const figure_block *blk = b == 0 ? all : &blocks[by_rank[b - 1]];
            size_t *k = b == 0 ? &at[na] : &at[by_rank[b - 1]];
            size_t from = *k;
            while (*k < blk->n && o->period[blk->figs[*k].period] == p)
                (*k)++;
            memcpy(r->figs + r->nfigs, blk->figs + from, (*k - from) * sizeof(ov_figure));
            r->nfigs += *k - from;
        }
    free(at);
    free(by_rank);
}

/* ---- figures from the history (SPEC 8.1) ----------------------------------- */

/* 1 when the history may supply figure g: a trend period, and not covered,
 * or a rated figure with no data. */
static int history_wanted(const ov_results *r, const ov_figure *g, ov_date snapshot_end)
{
    if (r->periods[g->period].end == snapshot_end || g->metric == OV_M_INFO_AGENCIES_COVERED)
        return 0;
    return g->rag == OV_RAG_NOT_COVERED || g->rag == OV_RAG_NO_DATA;
}

/* Asks the history lookup for every figure the extracts cannot give in a
 * trend period and uses what it supplies, marked as taken from the history. */
static void apply_history(const ov_data *d, const ov_metrics_config *cfg, ov_results *r,
                          ov_date snapshot_end)
{
    for (size_t i = 0; i < r->nfigs; i++) {
        ov_figure *g = &r->figs[i];
        if (!history_wanted(r, g, snapshot_end))
            continue;
        const ov_agency *a = g->agency == OV_ALL ? NULL : &d->agencies[g->agency];
        ov_figure_key key = {
            .period = &r->periods[g->period],
            .metric = g->metric,
            .metric_id = ov_metric_def_get((enum ov_metric_id)g->metric)->id,
            .agency = g->agency,
            .agency_id = a ? a->id : "ALL",
            .team = g->team,
            .team_name = a && g->team != OV_NONE ? ov_strtab_get(&a->teams, (uint32_t)g->team) : "",
            .category = g->category,
            .group = ov_metric_group_name(g->metric, g->category),
        };
        ov_reported_figure rep = {0, 0, 0, 0.0};
        if (cfg->history_lookup(cfg->history_ctx, &key, &rep) != 1)
            continue;
        int info = g->metric >= OV_M_FIRST_INFO;
        if (!info && (rep.den < 0 || rep.num < 0))
            continue; /* not a figure: left as it was */
        g->source = OV_SRC_HISTORY;
        g->fill_num = g->fill_den = 0;
        if (info) {
            g->rag = OV_RAG_INFO;
            g->has_value = rep.has_value && isfinite(rep.value);
            g->value = g->has_value ? rep.value : 0.0;
            continue;
        }
        g->num = rep.num;
        g->den = rep.den;
        g->has_value = rep.den > 0;
        g->value = rep.den > 0 ? (double)rep.num * 100.0 / (double)rep.den : 0.0;
        g->rag = (uint8_t)ov_metrics_rag(rep.num, rep.den, &g->threshold, cfg->suppress_below);
        g->suppression = g->rag == OV_RAG_SUPPRESSED ? OV_SUPP_PRIMARY : OV_SUPP_NONE;
    }
}

/* ---- entry points ----------------------------------------------------------- */

/* Prepares the working state of agency a (its indexes and per-staff arrays). */
static void work_init(agency_work *w, const ov_agency *a, const ov_metrics_config *cfg)
{
    memset(w, 0, sizeof(*w));
    w->a = a;
    w->std = cfg->standards;
    w->cal = cfg->calendar;
    w->nteams = a->teams.n;
    size_t ns = a->nstaff ? a->nstaff : 1, nt = w->nteams ? w->nteams : 1;
    w->in_s = ov_xmalloc(ns);
    w->fn = ov_xmalloc(ns);
    w->is_sup = ov_xmalloc(ns);
    w->team_in_s = ov_xmalloc(nt);
    w->team = ov_xmalloc(nt * OV_M_COUNT * sizeof(frac));
    w->team_fill = ov_xmalloc(nt * OV_M_COUNT * sizeof(frac));
    w->gm = NULL;
    index_build(&w->ix, a);
}

/* Frees the working state of an agency. */
static void work_free(agency_work *w)
{
    index_free(&w->ix);
    hist_free(&w->t.notes);
    free(w->in_s);
    free(w->fn);
    free(w->is_sup);
    free(w->team_in_s);
    free(w->team);
    free(w->team_fill);
    free(w->gm);
    free(w->child_case);
    sums_free(&w->sums);
    memset(w, 0, sizeof(*w));
}

/* A measuring run: the periods, every agency's figures as they come in and
 * the partnership's sums (see metrics.h). */
struct ov_metrics_run {
    const ov_data *d;
    const ov_metrics_config *cfg;
    ov_date snapshot_end; /* staff-record snapshots are covered in periods ending here */
    ov_results res;       /* the periods */
    order_ranks ord;      /* what puts the figures in order */
    figure_block *blocks; /* per agency measured: its figures, sorted (sort_block) */
    size_t nblocks, cap_blocks;
    totals *all; /* per period (nperiods): the sums of the agencies' totals */
    size_t nperiods;
    size_t *ncovered; /* per period: the agencies whose window covers it */
    int drop_teams;   /* the results keep no team figures (ov_metrics_drop_teams): */
    int drop_early;   /* dropped as each agency is measured, not at the finish */
    pthread_mutex_t lock;
};

/* Starts a measuring run for explicit periods; see metrics.h. */
ov_metrics_run *ov_metrics_begin_periods(const ov_data *d, const ov_period *periods, size_t n,
                                         ov_date snapshot_end, const ov_metrics_config *cfg)
{
    if (!d || !periods || n < 1 || n > UINT16_MAX || !cfg || !cfg->standards || !cfg->calendar)
        return NULL;
    ov_metrics_run *run = ov_xcalloc(1, sizeof *run);
    run->d = d;
    run->cfg = cfg;
    run->snapshot_end = snapshot_end;
    run->res.nperiods = n;
    run->res.periods = ov_xcalloc(n, sizeof(ov_period));
    memcpy(run->res.periods, periods, n * sizeof(ov_period));
    run->all = ov_xcalloc(n, sizeof(totals));
    run->nperiods = n;
    run->ncovered = ov_xcalloc(n, sizeof(size_t));
    ranks_build(&run->ord, run->res.periods, n);
    pthread_mutex_init(&run->lock, NULL);
    return run;
}

/* Starts a measuring run for p and its trend-1 earlier periods; see metrics.h. */
ov_metrics_run *ov_metrics_begin(const ov_data *d, const ov_period *p, int trend,
                                 const ov_metrics_config *cfg)
{
    if (!p || trend > UINT16_MAX)
        return NULL;
    if (trend < 1)
        trend = 1;
    ov_period *periods = ov_xcalloc((size_t)trend, sizeof(ov_period));
    periods[0] = *p;
    for (int k = 1; k < trend; k++)
        periods[k] = ov_period_previous(p, k);
    ov_metrics_run *run = ov_metrics_begin_periods(d, periods, (size_t)trend, p->end, cfg);
    free(periods);
    return run;
}

/* Keeps no team figures in the run's results; see metrics.h. */
void ov_metrics_drop_teams(ov_metrics_run *run, int history)
{
    if (run) {
        run->drop_teams = 1;
        run->drop_early = !history;
    }
}

/* Removes the team figures from r, keeping the order of the others. */
static void drop_team_figures(ov_results *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfigs; i++)
        if (r->figs[i].team == OV_NONE)
            r->figs[n++] = r->figs[i];
    r->nfigs = n;
    if (n && r->cap_figs > n) {
        r->figs = ov_xrealloc(r->figs, n * sizeof(*r->figs));
        r->cap_figs = n;
    }
}

/* Measures agency ai into one run with w, the agency's working state (its
 * indexes, shared by the runs), and trank, its team ranks. Integer sums and
 * histograms merge in any order, and each agency's figures are sorted here,
 * so the result does not depend on the order or the threads. */
static void measure(ov_metrics_run *run, int32_t ai, agency_work *w, const uint32_t *trank)
{
    const ov_agency *a = &run->d->agencies[ai];
    size_t np = run->res.nperiods;
    ov_results part = {.periods = run->res.periods, .nperiods = np};
    totals *all = ov_xcalloc(np, sizeof(totals));
    uint8_t *covered = ov_xcalloc(np, 1);
    emitter e = {&part, run->cfg, run->snapshot_end};
    w->std = run->cfg->standards;
    w->cal = run->cfg->calendar;
    for (size_t k = 0; k < np; k++) {
        /* which agency covers which period (SPEC 9.1) */
        covered[k] =
            (uint8_t)ov_agency_covers(a, run->res.periods[k].start, run->res.periods[k].end);
        agency_period(w, &run->res.periods[k]);
        emit_totals(&e, (uint16_t)k, ai, a->id, &w->t, covered[k]);
        emit_teams(&e, (uint16_t)k, ai, w, covered[k]);
        /* ALL adds up only the agencies that cover the period (SPEC 9.1) */
        if (covered[k])
            totals_add(&all[k], &w->t);
        else
            totals_add_present(&all[k], &w->t);
    }
    /* a run that keeps no team rows drops them here, having applied what they
     * do to the agency rows (with a history, which may replace team rows before
     * the suppression, they stay to the finish) */
    if (run->drop_early) {
        ov_disclosure_teams_first(part.figs, part.nfigs);
        drop_team_figures(&part);
    }
    /* sorted here, on the agency's thread: the figures are then laid out in
     * order at the end without a sort of them all */
    sort_block(part.figs, part.nfigs, &run->ord, trank);
    pthread_mutex_lock(&run->lock);
    if ((size_t)ai >= run->nblocks) {
        ov_grow((void **)&run->blocks, &run->cap_blocks, (size_t)ai + 1, sizeof(figure_block));
        memset(run->blocks + run->nblocks, 0,
               ((size_t)ai + 1 - run->nblocks) * sizeof(figure_block));
        run->nblocks = (size_t)ai + 1;
    }
    figure_block *blk = &run->blocks[ai];
    if (!blk->figs) { /* kept to the end of the run: no room to spare */
        blk->figs = part.nfigs ? ov_xrealloc(part.figs, part.nfigs * sizeof(ov_figure)) : part.figs;
        blk->n = part.nfigs;
        part.figs = NULL;
    } else { /* measured again: after the figures it already has */
        blk->figs = ov_xrealloc(blk->figs, (blk->n + part.nfigs) * sizeof(ov_figure));
        memcpy(blk->figs + blk->n, part.figs, part.nfigs * sizeof(ov_figure));
        blk->n += part.nfigs;
        sort_block(blk->figs, blk->n, &run->ord, trank);
    }
    for (size_t k = 0; k < np; k++) {
        totals_add(&run->all[k], &all[k]);
        run->ncovered[k] += covered[k];
    }
    pthread_mutex_unlock(&run->lock);
    for (size_t k = 0; k < np; k++)
        hist_free(&all[k].notes);
    free(all);
    free(covered);
    free(part.figs);
}

/* Measures one agency into the run; see metrics.h. */
void ov_metrics_agency(ov_metrics_run *run, int32_t ai)
{
    ov_metrics_agency_runs(&run, 1, ai);
}

/* Measures one agency into each of n runs of the same data; see metrics.h. */
void ov_metrics_agency_runs(ov_metrics_run *const *runs, size_t n, int32_t ai)
{
    const ov_metrics_run *first = NULL;
    for (size_t i = 0; i < n && !first; i++)
        first = runs[i];
    if (!first)
        return;
    const ov_agency *a = &first->d->agencies[ai];
    agency_work w;
    work_init(&w, a, first->cfg);
    uint32_t *trank = team_ranks(a);
    for (size_t i = 0; i < n; i++)
        if (runs[i])
            measure(runs[i], ai, &w, trank);
    free(trank);
    work_free(&w);
}

/* Frees a run and what it holds; accepts NULL. */
static void run_free(ov_metrics_run *run)
{
    if (!run)
        return;
    for (size_t k = 0; k < run->nperiods; k++)
        hist_free(&run->all[k].notes);
    free(run->all);
    free(run->ncovered);
    for (size_t i = 0; i < run->nblocks; i++)
        free(run->blocks[i].figs);
    free(run->blocks);
    ranks_free(&run->ord);
    pthread_mutex_destroy(&run->lock);
    free(run);
}

/* Ends a run with the partnership's figures; see metrics.h. */
int ov_metrics_finish(ov_metrics_run *run, ov_results *out)
{
    if (!out) {
        ov_metrics_cancel(run);
        return -1;
    }
    memset(out, 0, sizeof(*out));
    if (!run)
        return -1;
    const ov_data *d = run->d;
    const ov_metrics_config *cfg = run->cfg;
    ov_date snapshot_end = run->snapshot_end;
    int drop_teams = run->drop_teams;
    *out = run->res;
    memset(&run->res, 0, sizeof run->res);
    ov_results allr = {.periods = out->periods, .nperiods = out->nperiods};
    emitter e = {&allr, cfg, snapshot_end};
    /* ALL is not covered only when no agency covers the period; the count of
     * agencies covering it is an info row of its own */
    for (size_t k = 0; k < out->nperiods; k++) {
        emit_totals(&e, (uint16_t)k, OV_ALL, NULL, &run->all[k], run->ncovered[k] > 0);
        emit_info(&e, (uint16_t)k, OV_M_INFO_AGENCIES_COVERED, OV_ALL, 1, (double)run->ncovered[k],
                  0);
    }
    sort_block(allr.figs, allr.nfigs, &run->ord, NULL);
    figure_block all = {allr.figs, allr.nfigs};
    /* the figures stay to the end of the run: allocated once, no room to spare */
    merge_blocks(out, &run->ord, d, &all, run->blocks, run->nblocks);
    free(allr.figs);
    run_free(run);
    if (cfg->history_lookup)
        apply_history(d, cfg, out, snapshot_end);
    ov_disclosure_apply(out->figs, out->nfigs);
    /* the team rows served the suppression of the rows above them */
    if (drop_teams)
        drop_team_figures(out);
    results_index(out);
    return 0;
}

/* Drops a run without results; accepts NULL. */
void ov_metrics_cancel(ov_metrics_run *run)
{
    if (!run)
        return;
    free(run->res.periods);
    free(run->res.figs);
    run_free(run);
}

/* The agencies a thread pool shares out. */
typedef struct {
    ov_metrics_run *run;
    size_t next; /* next agency to take */
    pthread_mutex_t lock;
} metrics_pool;

/* Worker: takes agencies one at a time and measures each. */
static void *metrics_worker(void *arg)
{
    metrics_pool *pool = arg;
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        size_t ai = pool->next++;
        pthread_mutex_unlock(&pool->lock);
        if (ai >= pool->run->d->nagencies)
            return NULL;
        ov_metrics_agency(pool->run, (int32_t)ai);
    }
}

/* Measures every agency of a begun run on cfg's threads, then finishes it. */
static int run_all(ov_metrics_run *run, ov_results *out)
{
    metrics_pool pool = {.run = run};
    pthread_mutex_init(&pool.lock, NULL);
    size_t nthreads = ov_threads_for(run->cfg->threads, run->d->nagencies);
    pthread_t tid[OV_MAX_THREADS];
    int started[OV_MAX_THREADS] = {0};
    for (size_t t = 1; t < nthreads; t++)
        started[t] = pthread_create(&tid[t], NULL, metrics_worker, &pool) == 0;
    metrics_worker(&pool);
    for (size_t t = 1; t < nthreads; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&pool.lock);
    return ov_metrics_finish(run, out);
}

/* Computes every figure for p and its trend-1 earlier periods; see metrics.h. */
int ov_metrics_compute(const ov_data *d, const ov_period *p, int trend,
                       const ov_metrics_config *cfg, ov_results *out)
{
    if (!out)
        return -1;
    memset(out, 0, sizeof(*out));
    ov_metrics_run *run = ov_metrics_begin(d, p, trend, cfg);
    return run ? run_all(run, out) : -1;
}

/* Computes every figure for the given periods; see metrics.h. */
int ov_metrics_compute_periods(const ov_data *d, const ov_period *periods, size_t n,
                               ov_date snapshot_end, const ov_metrics_config *cfg, ov_results *out)
{
    if (!out)
        return -1;
    memset(out, 0, sizeof(*out));
    ov_metrics_run *run = ov_metrics_begin_periods(d, periods, n, snapshot_end, cfg);
    return run ? run_all(run, out) : -1;
}

/* The figure for (period, metric, agency, team, category) or NULL. */
const ov_figure *ov_results_find(const ov_results *r, int period, int metric, int32_t agency,
                                 int32_t team, int category)
{
    if (!r || !r->nslots)
        return NULL;
    size_t h = figure_hash(period, metric, agency, team, category) & (r->nslots - 1);
    while (r->slots[h]) {
        const ov_figure *g = &r->figs[r->slots[h] - 1];
        if (g->period == period && g->metric == metric && g->agency == agency && g->team == team &&
            g->category == category)
            return g;
        h = (h + 1) & (r->nslots - 1);
    }
    return NULL;
}

/* Frees the results' arrays and empties them; accepts NULL. */
void ov_results_free(ov_results *r)
{
    if (!r)
        return;
    free(r->periods);
    free(r->figs);
    free(r->slots);
    memset(r, 0, sizeof(*r));
}

/* ---- follow-up lists --------------------------------------------------------- */

/* Records the follow-up lists of one agency for period p; see metrics.h. */
int ov_metrics_exceptions(const ov_data *d, int32_t agency, const ov_period *p,
                          const ov_metrics_config *cfg, ov_exceptions *out)
{
    if (!out)
        return -1;
    memset(out, 0, sizeof(*out));
    if (!d || !p || !cfg || !cfg->standards || !cfg->calendar || agency < 0 ||
        (size_t)agency >= d->nagencies)
        return -1;
    out->agency = agency;
    out->period = *p;
    const ov_agency *a = &d->agencies[agency];
    /* figures the extract does not cover are blank: nobody is listed behind them */
    if (!ov_agency_covers(a, p->start, p->end))
        return 0;
    agency_work w;
    work_init(&w, a, cfg);
    w.ex = out;
    agency_period(&w, p);
    work_free(&w);
    ov_followup_sort(a, out);
    return 0;
}
