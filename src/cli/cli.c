/* cli.c — option parsing and the commands: validate (ingest and the
 * data-quality outputs), report (plus metrics, workbook and PDF, and with
 * --history the figures reported before), template (blank collection
 * templates for agencies) and history (the runs a history holds). */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/outset.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/text.h"
#include "core/threads.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "metrics/calendar.h"
#include "metrics/metric_defs.h"
#include "metrics/metrics.h"
#include "metrics/standards.h"
#include "report/pack.h"
#include "report/report.h"
#include "render/analyst.h"
#include "render/collect.h"
#include "render/html/html.h"
#include "render/pdf/pdf.h"
#include "render/xlsx/xlsx.h"

#ifndef OV_DATADIR
#define OV_DATADIR "/usr/local/share/oversight"
#endif

/* Prints the usage text. */
void ov_cli_help(void)
{
    fputs("usage:\n"
          "  oversight report   DATA --period P [--out DIR] [--name NAME] [--trend N]\n"
          "                     [--agency ID] [--standards FILE] [--suppress N] [--strict]\n"
          "                     [--as-of DATE] [--title TEXT] [--author TEXT] [--marking TEXT]\n"
          "                     [--history FILE] [--threads N] [--no-wait]\n"
          "  oversight validate DATA [--out DIR] [--strict] [--threads N] [--no-wait]\n"
          "  oversight template DIR [--force]\n"
          "  oversight history  FILE [--export DIR] [--no-wait]\n"
          "  oversight template DIR --xlsx [--agency ID] [--force]\n"
          "  oversight --help | --version\n"
          "\n"
          "DATA is a partnership folder (agencies.csv and one sub-folder per agency) or a\n"
          "single agency's folder (staff.csv, sessions.csv, ...) for a self-audit.\n"
          "\n"
          "Periods: 2025-26 (financial year), 2025-26-Q3 (financial quarter), 2026-03\n"
          "(calendar month) or 2025-10-01:2025-12-31.\n"
          "\n"
          "Options:\n"
          "  --out DIR         output folder (default output/)\n"
          "  --name NAME       file name of the board report, without extension\n"
          "                    (default board-report)\n"
          "  --trend N         include the N-1 earlier periods of the same length\n"
          "  --agency ID       one agency's report, with its follow-up lists\n"
          "  --standards FILE  standards to apply (default templates/standards.csv)\n"
          "  --suppress N      suppress figures whose denominator is below N (default 5)\n"
          "  --strict          exit 1 when any row was rejected\n"
          "  --as-of DATE      run date (default: SOURCE_DATE_EPOCH, else today)\n"
          "  --title TEXT      partnership name on the report\n"
          "  --author TEXT     author in the document properties\n"
          "  --marking TEXT    protective marking (default OFFICIAL-SENSITIVE)\n"
          "  --templates DIR   folder of standards, calendars, profiles and narrative\n"
          "  --profile NAME    mapping profile for a single agency folder\n"
          "  --history FILE    keep the reported figures in FILE (SQLite): the trend takes\n"
          "                    from it what the extracts cannot give, restatements.csv lists\n"
          "                    what they now give differently, and the run is recorded last\n"
          "  --export DIR      (history) write runs.csv, inputs.csv and figures.csv to DIR\n"
          "  --threads N       read and measure on N threads (default: the processors\n"
          "                    available)\n"
          "  --no-wait         exit 2 at once when another run is writing to the output\n"
          "                    folder (default: wait for it)\n"
          "  --xlsx            template: write supervision-return.xlsx, the workbook\n"
          "                    agencies fill in (with --agency ID: for that agency)\n"
          "  --force           template: replace existing files (it never overwrites\n"
          "                    one otherwise)\n"
          "  -q, --quiet       errors only\n"
          "  -v, --verbose     more detail\n"
          "\n"
          "The output folder always holds one run's complete set, listed with its\n"
          "SHA-256 sums in manifest.csv.\n"
          "\n"
          "Exit status: 0 reports written; 1 --strict and rows were rejected;\n"
          "2 usage or configuration error; 3 no usable input; 4 the outputs could not\n"
          "be written (the previous set in the folder is untouched).\n",
          stdout);
}

/* Prints a usage error and returns the usage exit status. */
static int usage_error(const char *what, const char *arg)
{
    ov_err("%s%s%s (see oversight --help)", what, arg ? ": " : "", arg ? arg : "");
    return OV_EXIT_USAGE;
}

/* Parses a whole number in [lo, hi]; returns 0 or -1. */
static int parse_count(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

/* Returns 1 when s is an agency id as agencies.csv allows it. */
static int agency_id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !strcmp(s, ".") || !strcmp(s, "..") || !strcmp(s, "ALL"))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-' || ch == '.'))
            return 0;
    }
    return 1;
}

/* Parses the command line into cfg. */
int ov_cli_parse(int argc, char **argv, ov_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->program = argc > 0 ? argv[0] : NULL;
    cfg->out = "output";
    cfg->name = "board-report";
    cfg->trend = 1;
    cfg->suppress = -1;
    cfg->verbosity = 1;
    cfg->marking = "OFFICIAL-SENSITIVE";
    if (argc < 2)
        return usage_error("no command given", NULL);
    int i = 1;
    const char *cmd = argv[i++];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        cfg->command = OV_CMD_HELP;
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        cfg->command = OV_CMD_VERSION;
        return 0;
    }
    if (!strcmp(cmd, "report"))
        cfg->command = OV_CMD_REPORT;
    else if (!strcmp(cmd, "validate"))
        cfg->command = OV_CMD_VALIDATE;
    else if (!strcmp(cmd, "template"))
        cfg->command = OV_CMD_TEMPLATE;
    else if (!strcmp(cmd, "history"))
        cfg->command = OV_CMD_HISTORY;
    else
        return usage_error("unknown command", cmd);

    static const struct {
        const char *name;
        size_t offset;
    } text_opts[] = {
        {"--out", offsetof(ov_config, out)},
        {"--name", offsetof(ov_config, name)},
        {"--period", offsetof(ov_config, period)},
        {"--agency", offsetof(ov_config, agency)},
        {"--standards", offsetof(ov_config, standards)},
        {"--templates", offsetof(ov_config, templates)},
        {"--profile", offsetof(ov_config, profile)},
        {"--title", offsetof(ov_config, title)},
        {"--author", offsetof(ov_config, author)},
        {"--marking", offsetof(ov_config, marking)},
        {"--as-of", offsetof(ov_config, as_of)},
        {"--history", offsetof(ov_config, history)},
        {"--export", offsetof(ov_config, export_to)},
    };
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            cfg->verbosity = 0;
            continue;
        }
        if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            cfg->verbosity = 2;
            continue;
        }
        if (!strcmp(a, "--strict")) {
            cfg->strict = 1;
            continue;
        }
        if (!strcmp(a, "--no-wait")) {
            cfg->no_wait = 1;
            continue;
        }
        if (!strcmp(a, "--xlsx")) {
            if (cfg->command != OV_CMD_TEMPLATE)
                return usage_error("only template takes this option", a);
            cfg->xlsx = 1;
            continue;
        }
        if (!strcmp(a, "--force")) {
            cfg->force = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            cfg->command = OV_CMD_HELP;
            return 0;
        }
        int handled = 0;
        for (size_t k = 0; k < sizeof(text_opts) / sizeof(text_opts[0]) && !handled; k++) {
            if (strcmp(a, text_opts[k].name) != 0)
                continue;
            if (i + 1 >= argc)
                return usage_error("option needs a value", a);
            *(const char **)((char *)cfg + text_opts[k].offset) = argv[++i];
            handled = 1;
        }
        if (handled)
            continue;
        if (!strcmp(a, "--threads")) {
            if (i + 1 >= argc)
                return usage_error("option needs a value", a);
            if (parse_count(argv[++i], 1, OV_MAX_THREADS, &cfg->threads) != 0)
                return usage_error("--threads takes a whole number from 1 to 64", argv[i]);
            continue;
        }
        if (!strcmp(a, "--trend") || !strcmp(a, "--suppress")) {
            if (i + 1 >= argc)
                return usage_error("option needs a value", a);
            int *dst = !strcmp(a, "--trend") ? &cfg->trend : &cfg->suppress;
            int lo = !strcmp(a, "--trend") ? 1 : 0, hi = !strcmp(a, "--trend") ? 20 : 1000000;
            if (parse_count(argv[++i], lo, hi, dst) != 0)
                return usage_error(!strcmp(a, "--trend")
                                       ? "--trend takes a whole number from 1 to 20"
                                       : "--suppress takes a whole number of 0 or more",
                                   argv[i]);
            continue;
        }
        if (a[0] == '-' && a[1])
            return usage_error("unknown option", a);
        if (cfg->data)
            return usage_error("more than one folder given", a);
        cfg->data = a;
    }
    if (!cfg->data)
        return usage_error(cfg->command == OV_CMD_TEMPLATE  ? "template needs a folder to write"
                           : cfg->command == OV_CMD_HISTORY ? "history needs the history file"
                                                            : "no data folder given",
                           NULL);
    if (cfg->history && cfg->command != OV_CMD_REPORT)
        return usage_error("--history is an option of report (oversight history FILE lists a "
                           "history)",
                           NULL);
    if (cfg->history && !cfg->history[0])
        return usage_error("--history needs a file name", NULL);
    if (cfg->export_to && cfg->command != OV_CMD_HISTORY)
        return usage_error("--export is an option of history", NULL);
    if (cfg->command == OV_CMD_TEMPLATE && cfg->agency && !cfg->xlsx)
        return usage_error("--agency goes with template --xlsx", NULL);
    if (cfg->command == OV_CMD_TEMPLATE && cfg->agency && !agency_id_ok(cfg->agency))
        return usage_error("--agency takes an agency id: letters, digits, '_', '-' or '.' "
                           "(at most 64)",
                           cfg->agency);
    if (cfg->command == OV_CMD_REPORT && !cfg->period)
        return usage_error("report needs --period (e.g. --period 2025-26-Q3)", NULL);
    if (cfg->force && cfg->command != OV_CMD_TEMPLATE)
        return usage_error("--force is for template only", NULL);
    if (cfg->no_wait && cfg->command == OV_CMD_TEMPLATE)
        return usage_error("--no-wait is for report, validate and history --export", NULL);
    if (strchr(cfg->name, '/') || !cfg->name[0] || cfg->name[0] == '.')
        return usage_error("--name is a file name, without folders", cfg->name);
    return 0;
}

/* Returns the templates folder in up to three folders above the file at path
 * (its own folder first), or NULL. */
static char *templates_above(const char *path)
{
    struct stat st;
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return NULL;
    char *slash = strrchr(dir, '/');
    for (int up = 0; slash && up < 3; up++) {
        *slash = '\0';
        char *cand = ov_xasprintf("%s/templates", dir);
        if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode))
            return cand;
        free(cand);
        slash = strrchr(dir, '/');
    }
    return NULL;
}

/* Finds the templates folder: --templates, beside the program (its file, or
 * where argv[0] says it is when that file is an interpreter's, as for the
 * WebAssembly build under node), or installed. */
static char *find_templates(const ov_config *cfg)
{
    struct stat st;
    if (cfg->templates)
        return ov_xstrdup(cfg->templates);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *found = NULL;
    if (n > 0) {
        exe[n] = '\0';
        found = templates_above(exe);
    }
    if (!found && cfg->program && strchr(cfg->program, '/'))
        found = templates_above(cfg->program);
    if (found)
        return found;
    if (stat("templates", &st) == 0 && S_ISDIR(st.st_mode))
        return ov_xstrdup("templates");
    return ov_xstrdup(OV_DATADIR);
}

/* The run date: --as-of, SOURCE_DATE_EPOCH, or today, which must lie in
 * 1990-2100. Returns 0, or -1 after a message. */
static int run_date(const ov_config *cfg, ov_date *out)
{
    const ov_date first = ov_date_from_ymd(OV_DATE_MIN_YEAR, 1, 1);
    const ov_date last = ov_date_from_ymd(OV_DATE_MAX_YEAR, 12, 31);
    if (cfg->as_of) {
        if (ov_date_parse_iso(cfg->as_of, out) != 0) {
            usage_error("--as-of takes a real date from 1990-01-01 to 2100-12-31, as YYYY-MM-DD",
                        cfg->as_of);
            return -1;
        }
        return 0;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno || end == sde || *end || v < 0) {
            usage_error("SOURCE_DATE_EPOCH is not a number of seconds", sde);
            return -1;
        }
        long long day = v / 86400;
        if (day < first || day > last) {
            usage_error("SOURCE_DATE_EPOCH gives a run date outside 1990-2100 (unset it, or "
                        "give --as-of)",
                        sde);
            return -1;
        }
        *out = (ov_date)day;
        return 0;
    }
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm) || tm.tm_year + 1900 < OV_DATE_MIN_YEAR ||
        tm.tm_year + 1900 > OV_DATE_MAX_YEAR) {
        usage_error("the system clock gives a date outside 1990-2100; give the run date with "
                    "--as-of",
                    NULL);
        return -1;
    }
    *out = ov_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}

/* Warns when a reported period reaches beyond the years the holiday file covers. */
static void warn_calendar_span(const ov_calendar *cal, const ov_results *res)
{
    for (size_t i = 0; i < res->nperiods; i++) {
        const ov_period *p = &res->periods[i];
        if (cal->nholidays && (p->start < cal->holidays_first || p->end > cal->holidays_last)) {
            ov_warn("period %s reaches beyond the years of the holiday calendar; working days "
                    "there count weekends only (extend the calendar file)",
                    p->label);
            return;
        }
    }
}

/* Warns about standards overrides naming an agency that is not in the data. */
static void warn_unknown_overrides(const ov_standards *std, const ov_data *d)
{
    for (size_t i = 0; i < std->noverrides; i++)
        if (ov_data_find_agency(d, std->overrides[i].agency_id) == OV_NONE)
            ov_warn("the standards file sets a target for agency %s, which is not in the data",
                    std->overrides[i].agency_id);
}

/* Writes the validate outputs into the set; returns 0 or -1. */
static int write_quality_outputs(const ov_data *d, ov_outset *out)
{
    if (ov_analyst_rejections(d, out) != 0 || ov_analyst_data_quality(d, out) != 0 ||
        ov_analyst_completeness(d, out) != 0)
        return -1;
    return 0;
}

/* Says which follow-up lists of an agency's pack were written. */
static void note_followups(const ov_pack *p, const char *dir)
{
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    for (size_t i = 0; i < p->nfollowups; i++)
        if (p->followups[i].shown)
            ov_buf_printf(&b, "%s%s/%s", b.len ? ", " : "", dir, p->followups[i].def->file);
    if (b.len)
        ov_note("wrote the follow-up lists of %s (staff and child ids: for the agency only): %s",
                ov_analyst_agency_id(p->data, p->head), b.s);
    else
        ov_note("no figure of %s is red or amber: no follow-up list to write",
                ov_analyst_agency_id(p->data, p->head));
    ov_buf_free(&b);
}
/* Seconds on a monotonic clock, for the -v phase timings. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints how long a phase took and the peak memory so far (with -v), and
 * restarts the clock. */
static void phase_done(const char *what, double *t0)
{
    double t = now_seconds();
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        ov_debug("timing: %s %.2f s, peak memory so far %ld MB", what, t - *t0,
                 ru.ru_maxrss / 1024);
    else
        ov_debug("timing: %s %.2f s", what, t - *t0);
    *t0 = t;
}

typedef struct {
    const ov_pack *pack;
    ov_outset *out;
    const char *name;
    int (*before)(void *ctx); /* written first on the PDF's thread, or NULL */
    void *before_ctx;
    int rc;
} pdf_job;

/* Thread body: writes what comes before the PDF, then the PDF (each timed
 * with -v). */
static void *pdf_thread(void *arg)
{
    pdf_job *j = arg;
    double t0 = now_seconds();
    j->rc = j->before ? j->before(j->before_ctx) : 0;
    if (j->before)
        ov_debug("timing: (analyst CSVs %.2f s)", now_seconds() - t0);
    t0 = now_seconds();
    if (j->rc == 0)
        j->rc = ov_pdf_write(j->pack, j->out, j->name);
    ov_debug("timing: (report PDF %.2f s)", now_seconds() - t0);
    return NULL;
}

/* Writes the workbook and the web page, and beside them before() (the
 * analyst CSVs) then the PDF, of the report model (they only read it and the
 * figures), on a thread of their own when threads allow two; returns 0, or -1
 * when any failed (each has said why). */
static int write_reports(const ov_pack *pack, ov_outset *out, const char *name, int threads,
                         int (*before)(void *ctx), void *before_ctx)
{
    pdf_job job = {pack, out, name, before, before_ctx, -1};
    pthread_t tid;
    int threaded =
        ov_threads_for(threads, 2) > 1 && pthread_create(&tid, NULL, pdf_thread, &job) == 0;
    double t0 = now_seconds();
    int xrc = ov_xlsx_write(pack, out, name);
    ov_debug("timing: (workbook %.2f s)", now_seconds() - t0);
    t0 = now_seconds();
    if (xrc == 0)
        xrc = ov_html_write(pack, out, name);
    ov_debug("timing: (web page %.2f s)", now_seconds() - t0);
    if (threaded)
        pthread_join(tid, NULL);
    else
        pdf_thread(&job);
    return xrc == 0 && job.rc == 0 ? 0 : -1;
}

/* Counts rejected rows across every file. */
static unsigned long rejected_rows(const ov_data *d)
{
    unsigned long n = 0;
    for (size_t i = 0; i < d->nissues; i++)
        n += d->issues[i].severity == OV_SEV_REJECTED;
    return n;
}

/* Whose figures a report run reports (for the history): the agency of a
 * self-audit folder or of --agency, else the partnership; *agency_id is set
 * for the first two. */
static enum ov_history_scope run_scope(const ov_data *d, int32_t focus, const char **agency_id)
{
    *agency_id = NULL;
    if (d->self_audit && d->nagencies == 1) {
        *agency_id = d->agencies[0].id;
        return OV_HSCOPE_SELF_AUDIT;
    }
    if (focus != OV_NONE) {
        *agency_id = d->agencies[focus].id;
        return OV_HSCOPE_AGENCY;
    }
    return OV_HSCOPE_PARTNERSHIP;
}

/* Reads from the history what was reported for the trend periods of the run
 * and hands metrics its lookup. Returns 0, or -1 after a message. */
static int history_prepare(ov_history *h, const ov_data *d, int32_t focus, const ov_period *p,
                           int trend, const ov_period *views, size_t nviews,
                           ov_metrics_config *mcfg)
{
    ov_period periods[32 + OV_MAX_VIEWS];
    size_t n = trend < 1 ? 1 : (size_t)trend;
    if (n > 32)
        n = 32;
    periods[0] = *p;
    for (size_t k = 1; k < n; k++)
        periods[k] = ov_period_previous(p, (int)k);
    /* then the quarter-by-quarter table's periods that the trend does not hold */
    for (size_t v = 0; v < nviews; v++) {
        size_t k = 0;
        while (k < n && (periods[k].start != views[v].start || periods[k].end != views[v].end))
            k++;
        if (k == n)
            periods[n++] = views[v];
    }
    const char *agency_id;
    enum ov_history_scope scope = run_scope(d, focus, &agency_id);
    char err[512];
    if (ov_history_load(h, scope, agency_id, periods, n, err, sizeof err) != 0) {
        ov_err("%s", err);
        return -1;
    }
    mcfg->history_lookup = ov_history_lookup;
    mcfg->history_ctx = h;
    return 0;
}

/* Records the run in the history, once every output is written. Returns 0,
 * or -1 after a message (nothing was recorded). */
static int history_record(ov_history *h, const ov_config *cfg, const ov_data *d,
                          const ov_results *res, int32_t focus, const ov_standards *std,
                          const ov_calendar *cal, int suppress, ov_date today)
{
    const char *agency_id;
    ov_history_run run = {.run_date = today,
                          .period = &res->periods[0],
                          .scope = run_scope(d, focus, &agency_id),
                          .version = OV_VERSION,
                          .standards_file = std->path,
                          .standards_sha256 = std->path ? std->sha256 : "",
                          .calendar_sha256 = cal->sha256,
                          .suppress_below = suppress};
    run.agency_id = agency_id;
    char err[512];
    if (ov_history_record(h, &run, d, res, focus, err, sizeof err) != 0) {
        ov_err("%s; the outputs in %s are written, but this run is not recorded in the history",
               err, cfg->out);
        return -1;
    }
    ov_note("recorded the run in the history %s: what the pack of %s reports", cfg->history,
            res->periods[0].label);
    return 0;
}

/* The period as a word of the manifest's first line (it was parsed, so it is
 * already plain; anything else is replaced). */
static char *period_word(const char *period)
{
    char *w = ov_xstrdup(period ? period : "-");
    for (char *c = w; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
              *c == '-' || *c == ':'))
            *c = '_';
    return w;
}

/* What a run of data computes before anything is written. */
typedef struct {
    ov_data data;
    ov_standards std;
    ov_calendar cal;
    ov_results res;
    ov_results views; /* the quarter-by-quarter tables' figures (nviews periods) */
    ov_period view_periods[OV_MAX_VIEWS];
    enum ov_view_kind view_kinds[OV_MAX_VIEWS];
    ov_date view_reported_on[OV_MAX_VIEWS];
    size_t nviews;
    ov_period period;
    ov_exceptions exc;
    ov_report_ctx ctx; /* the pack points at it */
    ov_pack pack;
    ov_metrics_config mcfg;
    ov_date today;
    int32_t focus;
    ov_history *hist;          /* --history, read before anything is written */
    ov_history_findings found; /* what the extracts now give differently */
    int have_found;
    int have_std, have_cal, have_res, have_exc, have_pack;
    enum ov_ingest_status ist;
} run_state;

/* Frees what the run computed. */
static void run_state_free(run_state *st)
{
    if (st->have_pack)
        ov_pack_free(&st->pack);
    if (st->have_exc)
        ov_exceptions_free(&st->exc);
    if (st->have_res)
        ov_results_free(&st->res);
    ov_results_free(&st->views);
    if (st->have_cal)
        ov_calendar_free(&st->cal);
    if (st->have_std)
        ov_standards_free(&st->std);
    if (st->have_found)
        ov_history_findings_free(&st->found);
    ov_history_close(st->hist);
    ov_data_free(&st->data);
}

/* A report's measuring while agencies are read. */
typedef struct {
    ov_metrics_run *run;   /* the report period and its trend */
    ov_metrics_run *views; /* the periods of the quarter-by-quarter tables, or NULL */
    const char *keep;      /* --agency: the agency whose records stay, or NULL */
} measuring;

/* Measures an agency as soon as ingest has read it; returns 1 to drop its
 * records (all but the --agency run's agency, which its follow-up lists need). */
static int measure_agency(void *ctx, const ov_data *d, int32_t agency)
{
    measuring *m = ctx;
    ov_metrics_run *runs[2] = {m->run, m->views};
    ov_metrics_agency_runs(runs, 2, agency);
    return !(m->keep && strcmp(d->agencies[agency].id, m->keep) == 0);
}

/* Validation keeps nothing of an agency's records: drops them once read. */
static int drop_agency(void *ctx, const ov_data *d, int32_t agency)
{
    (void)ctx;
    (void)d;
    (void)agency;
    return 1;
}

/* Drops the measuring runs without results. */
static void measuring_cancel(measuring *m)
{
    ov_metrics_cancel(m->run);
    ov_metrics_cancel(m->views);
    m->run = m->views = NULL;
}

/* Every check of the command line and the data folder, and every figure:
 * all of it before anything is written. Returns OV_EXIT_OK to go on and write,
 * or the exit status. */
static int prepare(const ov_config *cfg, const char *templates, run_state *st)
{
    char err[512];
    if (run_date(cfg, &st->today) != 0)
        return OV_EXIT_USAGE;
    if (cfg->command == OV_CMD_REPORT) {
        if (ov_period_parse(cfg->period, &st->period, err, sizeof(err)) != 0) {
            ov_err("%s (see oversight --help for the period forms)", err);
            return OV_EXIT_USAGE;
        }
        char *spath = cfg->standards ? ov_xstrdup(cfg->standards)
                                     : ov_xasprintf("%s/standards.csv", templates);
        ov_standards_defaults(&st->std);
        st->have_std = 1;
        int src = ov_standards_load(&st->std, spath, err, sizeof(err));
        free(spath);
        if (src != 0) {
            ov_err("%s", err);
            return OV_EXIT_USAGE;
        }
        char *cpath = st->std.calendar_file
                          ? ov_xstrdup(st->std.calendar_file)
                          : ov_xasprintf("%s/bank-holidays-england-wales.csv", templates);
        int crc = ov_calendar_load(&st->cal, cpath, err, sizeof(err));
        free(cpath);
        if (crc != 0) {
            ov_err("%s", err);
            return OV_EXIT_USAGE;
        }
        st->have_cal = 1;
        /* the history is checked, read-only, before anything is written */
        if (cfg->history) {
            st->hist = ov_history_open(cfg->history, OV_HISTORY_REPORT, err, sizeof(err));
            if (!st->hist) {
                ov_err("%s", err);
                return OV_EXIT_USAGE;
            }
        }
    }
    ov_ingest_config icfg = {.templates_dir = templates,
                             .profile = cfg->profile,
                             .metric_find = ov_metric_find,
                             .threads = cfg->threads};
    /* a report measures each agency as soon as it is read, and keeps only
     * its figures (and the records of an --agency run's agency) */
    measuring m = {.keep = cfg->agency};
    if (cfg->command == OV_CMD_REPORT) {
        st->mcfg = (ov_metrics_config){
            .standards = &st->std,
            .calendar = &st->cal,
            .suppress_below = cfg->suppress >= 0 ? cfg->suppress : st->std.suppress_below,
            .threads = cfg->threads};
        st->nviews = ov_period_views(&st->period, st->view_periods, st->view_kinds);
        m.run = ov_metrics_begin(&st->data, &st->period, cfg->trend, &st->mcfg);
        if (st->nviews)
            m.views = ov_metrics_begin_periods(&st->data, st->view_periods, st->nviews,
                                               st->period.end, &st->mcfg);
        ov_metrics_drop_teams(m.views, st->hist != NULL); /* no table shows a team's quarters */
        if (!m.run || (st->nviews && !m.views)) {
            measuring_cancel(&m);
            ov_err("the figures could not be computed");
            return OV_EXIT_USAGE;
        }
        icfg.agency_read = measure_agency;
        icfg.agency_ctx = &m;
    } else if (cfg->command == OV_CMD_VALIDATE) {
        icfg.agency_read = drop_agency;
    }
    double t0 = now_seconds();
    st->ist = ov_ingest_load(cfg->data, &icfg, &st->data);
    phase_done("ingest", &t0);
    if (st->ist != OV_INGEST_OK || cfg->command != OV_CMD_REPORT) {
        measuring_cancel(&m);
        st->nviews = 0; /* nothing measured */
    }
    if (st->ist == OV_INGEST_CONFIG)
        return OV_EXIT_USAGE;
    ov_analyst_issue_summary(&st->data);
    st->focus = OV_NONE;
    if (cfg->command != OV_CMD_REPORT)
        return OV_EXIT_OK;
    if (cfg->agency) {
        st->focus = ov_data_find_agency(&st->data, cfg->agency);
        if (st->focus == OV_NONE) {
            ov_err("--agency %s: no such agency in the data folder", cfg->agency);
            measuring_cancel(&m);
            return OV_EXIT_USAGE;
        }
    }
    if (st->ist == OV_INGEST_NO_INPUT)
        return OV_EXIT_OK; /* the data-quality outputs say why */
    warn_unknown_overrides(&st->std, &st->data);
    if (st->hist && history_prepare(st->hist, &st->data, st->focus, &st->period, cfg->trend,
                                    st->view_periods, st->nviews, &st->mcfg) != 0) {
        measuring_cancel(&m);
        return OV_EXIT_USAGE;
    }
    int frc = ov_metrics_finish(m.run, &st->res);
    m.run = NULL;
    if (frc != 0) {
        measuring_cancel(&m);
        ov_err("the figures could not be computed");
        return OV_EXIT_USAGE;
    }
    st->have_res = 1;
    /* the quarter-by-quarter tables: the same figures for the periods beside P */
    if (st->nviews) {
        frc = ov_metrics_finish(m.views, &st->views);
        m.views = NULL;
        if (frc != 0) {
            ov_err("the figures could not be computed");
            return OV_EXIT_USAGE;
        }
        for (size_t v = 0; v < st->nviews; v++)
            st->view_reported_on[v] =
                st->hist ? ov_history_run_date(st->hist, &st->view_periods[v]) : OV_DATE_NONE;
    }
    if (st->hist) {
        ov_history_compare(st->hist, &st->data, &st->res, st->focus, &st->found);
        st->have_found = 1;
    }
    phase_done("metrics", &t0);
    warn_calendar_span(&st->cal, &st->res);
    if (st->focus != OV_NONE) {
        if (ov_metrics_exceptions(&st->data, st->focus, &st->res.periods[0], &st->mcfg, &st->exc) !=
            0) {
            ov_err("the follow-up lists could not be computed");
            return OV_EXIT_USAGE;
        }
        st->have_exc = 1;
    }
    st->ctx = (ov_report_ctx){
        .data = &st->data,
        .results = &st->res,
        .views = st->nviews ? &st->views : NULL,
        .view_kinds = st->view_kinds,
        .view_reported_on = st->view_reported_on,
        .standards = &st->std,
        .calendar = &st->cal,
        .title = cfg->title                  ? cfg->title
                 : st->data.partnership_name ? st->data.partnership_name
                                             : "Safeguarding Partnership",
        .author = cfg->author,
        .marking = cfg->marking,
        .version = OV_VERSION,
        .templates_dir = templates,
        .run_date = st->today,
        .agency_focus = st->focus,
        .exceptions = st->have_exc ? &st->exc : NULL,
        .suppress_below = st->mcfg.suppress_below,
        .trend = cfg->trend,
        .history = st->have_found ? &st->found : NULL,
    };
    st->have_pack = 1;
    if (ov_pack_build(&st->ctx, &st->pack) != 0)
        return OV_EXIT_USAGE;
    phase_done("report model", &t0);
    return OV_EXIT_OK;
}

/* The analyst CSVs of a report run. */
typedef struct {
    run_state *st;
    ov_outset *out;
} analyst_job;

/* Writes the analyst CSVs of a report (metrics, follow-up lists,
 * restatements) and removes those an earlier run left that this one does
 * not write; returns 0 or -1 (reported). */
static int write_analyst(void *arg)
{
    analyst_job *j = arg;
    run_state *st = j->st;
    if (ov_analyst_metrics(&st->data, &st->res, st->focus, j->out) != 0)
        return -1;
    if (st->focus == OV_NONE)
        ov_analyst_exceptions_remove(j->out);
    else if (ov_analyst_followup(&st->pack, j->out) != 0)
        return -1;
    if (st->hist)
        return ov_analyst_restatements(&st->data, &st->res, &st->found, j->out);
    ov_analyst_restatements_remove(j->out);
    return 0;
}

/* Writes every output of the run into the set; returns 0 or -1 (reported). */
static int write_outputs(const ov_config *cfg, run_state *st, ov_outset *out)
{
    double t0 = now_seconds();
    if (write_quality_outputs(&st->data, out) != 0)
        return -1;
    if (cfg->command != OV_CMD_REPORT || st->ist == OV_INGEST_NO_INPUT)
        return 0;
    phase_done("data-quality CSVs", &t0);
    /* the analyst CSVs and the PDF on one thread, the workbook and the web
     * page on the other: about the same time each */
    analyst_job aj = {st, out};
    if (write_reports(&st->pack, out, cfg->name, cfg->threads, write_analyst, &aj) != 0)
        return -1;
    phase_done("analyst CSVs, workbook and report PDF", &t0);
    return 0;
}

/* validate and report: every check and figure, then the outputs as one set. */
static int run_data(const ov_config *cfg)
{
    run_state st;
    memset(&st, 0, sizeof(st));
    char *templates = find_templates(cfg);
    const char *cmd = cfg->command == OV_CMD_REPORT ? "report" : "validate";
    char *period = period_word(cfg->command == OV_CMD_REPORT ? cfg->period : NULL);
    char *holder = NULL, *run_line = NULL;
    double t0 = now_seconds();
    int rc = prepare(cfg, templates, &st);
    if (rc != OV_EXIT_OK)
        goto done;
    holder = cfg->command == OV_CMD_REPORT ? ov_xasprintf("oversight report %s", period)
                                           : ov_xstrdup("oversight validate");
    int busy = 0;
    ov_outset *out = ov_outset_open(cfg->out, holder, cfg->no_wait, &busy);
    if (!out) {
        rc = busy ? OV_EXIT_USAGE : OV_EXIT_OUTPUT;
        goto done;
    }
    if (write_outputs(cfg, &st, out) != 0) {
        if (!ov_outset_failed(out))
            ov_note("the previous outputs in %s were left as they were", cfg->out);
        ov_outset_abort(out);
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    char day[11];
    run_line =
        ov_xasprintf("# run %s %s %s %s", cmd, period, ov_date_format(st.today, day), OV_VERSION);
    if (ov_outset_commit(out, run_line) != 0) {
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    if (cfg->command == OV_CMD_REPORT && st.ist != OV_INGEST_NO_INPUT) {
        ov_note("wrote %s/metrics.csv, %s/%s.xlsx and %s/%s.pdf", cfg->out, cfg->out, cfg->name,
                cfg->out, cfg->name);
        if (st.focus != OV_NONE)
            note_followups(&st.pack, cfg->out);
        if (st.hist)
            ov_note("wrote %s/restatements.csv: %zu figure(s) of earlier periods that the "
                    "extracts now give differently from the history",
                    cfg->out, st.found.nrows);
    } else {
        ov_note("wrote %s/rejections.csv, %s/data_quality.csv and %s/completeness.csv", cfg->out,
                cfg->out, cfg->out);
    }
    if (st.ist == OV_INGEST_NO_INPUT)
        rc = OV_EXIT_NO_INPUT;
    else if (cfg->strict && rejected_rows(&st.data) > 0)
        rc = OV_EXIT_STRICT;
    /* the history records the run last, once the set of outputs is committed; a
     * run that fails (outputs not written, no usable input, --strict with
     * rejected rows) records nothing */
    if (st.hist && rc == OV_EXIT_STRICT) {
        ov_note("this run is not recorded in the history %s: --strict and rows were rejected",
                cfg->history);
    } else if (st.hist && rc == OV_EXIT_NO_INPUT) {
        ov_note("this run is not recorded in the history %s: no usable input", cfg->history);
    } else if (st.hist) {
        t0 = now_seconds(); /* the history phase alone: the transaction that records the run */
        if (history_record(st.hist, cfg, &st.data, &st.res, st.focus, &st.std, &st.cal,
                           st.mcfg.suppress_below, st.today) != 0)
            rc = OV_EXIT_USAGE;
        phase_done("history", &t0);
    }
done:
    run_state_free(&st);
    free(run_line);
    free(holder);
    free(period);
    free(templates);
    return rc;
}

/* Writes the text b as name in dir through the no-overwrite rule (replaced
 * only with replace); shown names it in messages. Returns OV_EXIT_OK, or the
 * exit status after a message. */
static int put_template(const char *dir, const char *name, const char *shown, const char *text,
                        size_t len, int replace)
{
    if (ov_file_put(dir, name, text, len, replace) == 0)
        return OV_EXIT_OK;
    char wb[128];
    int err = errno;
    if (err == EEXIST && !replace) {
        ov_err("%s appeared in %s while the templates were written; it was left as it is "
               "(--force replaces it)",
               shown, dir);
        return OV_EXIT_USAGE;
    }
    if (err == ELOOP || err == EISDIR || err == EEXIST) {
        ov_err("%s in %s is %s: oversight never writes through it; remove or rename it", shown, dir,
               err == ELOOP    ? "a symbolic link"
               : err == EISDIR ? "a folder"
                               : "not a plain file");
        return OV_EXIT_OUTPUT;
    }
    ov_err("%s while writing %s in %s", ov_errno_words(err, wb, sizeof wb), shown, dir);
    return OV_EXIT_OUTPUT;
}

/* Writes one header-only CSV template (replacing an existing one only when
 * replace); returns OV_EXIT_OK, or the exit status after a message. */
static int write_template(const char *dir, const char *shown, enum ov_dataset ds, int replace)
{
    size_t n;
    const ov_field_def *f = ov_schema_fields(ds, &n);
    ov_buf b = {0};
    for (size_t i = 0; i < n; i++)
        ov_buf_printf(&b, "%s%s", i ? "," : "", f[i].name);
    ov_buf_addc(&b, '\n');
    int rc = put_template(dir, ov_dataset_file(ds), shown, b.s, b.len, replace);
    ov_buf_free(&b);
    return rc;
}

/* template DIR on a data folder (one that holds agencies.csv): section11.csv
 * with a row per agency and standard for the agencies to score. An existing
 * section11.csv holds returned scores: it is never overwritten unless --force. */
static int template_section11(const ov_config *cfg)
{
    const char *name = ov_dataset_file(OV_DS_SECTION11);
    char *path = ov_path_join(cfg->data, name);
    char *templates = find_templates(cfg);
    ov_data d;
    memset(&d, 0, sizeof(d));
    char *text = NULL;
    size_t len = 0;
    int rc = OV_EXIT_USAGE;
    struct stat st;
    int existed = lstat(path, &st) == 0;
    if (existed && !cfg->force) {
        ov_err("%s already exists: it holds the agencies' Section 11 scores, so template leaves "
               "it as it is; nothing was written (move it away, or use --force to replace it)",
               path);
        goto done;
    }
    ov_ingest_config icfg = {
        .templates_dir = templates, .metric_find = ov_metric_find, .threads = cfg->threads};
    enum ov_ingest_status st_ = ov_ingest_agencies(cfg->data, &icfg, &d);
    if (st_ != OV_INGEST_OK) {
        if (st_ == OV_INGEST_NO_INPUT)
            ov_err("%s/agencies.csv lists no usable agency: list the agencies first, then run "
                   "template again to write section11.csv",
                   cfg->data);
        goto done;
    }
    FILE *fp = open_memstream(&text, &len);
    if (!fp) {
        char wb[128];
        ov_err("%s while preparing %s", ov_errno_words(errno, wb, sizeof wb), path);
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    size_t n;
    const ov_field_def *f = ov_schema_fields(OV_DS_SECTION11, &n);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%s%s", i ? "," : "", f[i].name);
    fputc('\n', fp);
    for (size_t a = 0; a < d.nagencies; a++)
        for (int s = 0; s < OV_S11_COUNT; s++) {
            const char *row[] = {d.agencies[a].id, ov_codes_s11_standard.names[s], "", "", "", ""};
            ov_csv_row(fp, row, sizeof row / sizeof row[0]);
        }
    if (fclose(fp) != 0) {
        char wb[128];
        ov_err("%s while preparing %s", ov_errno_words(errno, wb, sizeof wb), path);
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    rc = put_template(cfg->data, name, name, text, len, cfg->force);
    if (rc != OV_EXIT_OK)
        goto done;
    if (existed)
        ov_note("replaced %s (--force)", path);
    ov_note("wrote %s: a row for each of the %zu agencies and %d standards, for each agency to "
            "fill in its self_score (0 not met, 1 partly met, 2 mostly met, 3 fully met) and "
            "evidence",
            path, d.nagencies, (int)OV_S11_COUNT);
done:
    free(text);
    ov_data_free(&d);
    free(templates);
    free(path);
    return rc;
}

/* template DIR --xlsx: the collection workbook, for one agency or blank. Like
 * the CSV templates it never overwrites a file unless --force. */
static int run_template_xlsx(const ov_config *cfg)
{
    ov_date today;
    if (run_date(cfg, &today) != 0)
        return OV_EXIT_USAGE;
    if (ov_mkdirs(cfg->data) != 0) {
        char wb[128];
        ov_err("cannot create %s: %s", cfg->data, ov_errno_words(errno, wb, sizeof wb));
        return OV_EXIT_OUTPUT;
    }
    char *final = ov_path_join(cfg->data, OV_COLLECT_FILE);
    struct stat st;
    int existed = lstat(final, &st) == 0;
    free(final);
    enum ov_collect_result r =
        ov_collect_write(cfg->data, cfg->agency, (time_t)today * 86400, cfg->force);
    if (r != OV_COLLECT_OK)
        return r == OV_COLLECT_EXISTS ? OV_EXIT_USAGE : OV_EXIT_OUTPUT;
    if (existed)
        ov_note("replaced %s (--force)", OV_COLLECT_FILE);
    ov_note("wrote %s/%s: the agency fills in its sheets and sends it back, to be put in its "
            "folder of the data folder",
            cfg->data, OV_COLLECT_FILE);
    return OV_EXIT_OK;
}

/* template DIR: agencies.csv, actions.csv, commentary.csv, section11.csv and
 * AGENCY_ID/. It never overwrites a file: when any of them exists it lists
 * them and writes nothing, unless --force. On a data folder (one that holds
 * agencies.csv and no AGENCY_ID/ of blank templates) it writes only
 * section11.csv, with a row per agency and standard. With --xlsx it writes
 * the collection workbook instead. */
static int run_template(const ov_config *cfg)
{
    if (cfg->xlsx)
        return run_template_xlsx(cfg);
    char *listed = ov_path_join(cfg->data, ov_dataset_file(OV_DS_AGENCIES));
    char *blank = ov_path_join(cfg->data, "AGENCY_ID");
    struct stat st;
    int data_folder = stat(listed, &st) == 0 && lstat(blank, &st) != 0;
    free(blank);
    free(listed);
    if (data_folder)
        return template_section11(cfg);
    char *agency_dir = ov_path_join(cfg->data, "AGENCY_ID");
    int rc = OV_EXIT_OK;
    ov_buf existing = {0};
    size_t nexisting = 0;
    if (lstat(agency_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        ov_err("%s is %s, not a folder: oversight never writes through it; remove or rename it",
               agency_dir, S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    for (int ds = 0; ds < OV_DS_COUNT; ds++) {
        char *rel = ds < OV_DS_FIRST_AGENCY
                        ? ov_xstrdup(ov_dataset_file((enum ov_dataset)ds))
                        : ov_xasprintf("AGENCY_ID/%s", ov_dataset_file((enum ov_dataset)ds));
        char *path = ov_path_join(cfg->data, rel);
        if (lstat(path, &st) == 0) {
            ov_buf_printf(&existing, "%s%s", nexisting ? ", " : "", rel);
            nexisting++;
        }
        free(path);
        free(rel);
    }
    if (nexisting && !cfg->force) {
        ov_err("%s already holds %s; nothing was written (template never overwrites a file: "
               "move them away, or use --force to replace them)",
               cfg->data, existing.s);
        rc = OV_EXIT_USAGE;
        goto done;
    }
    if (ov_mkdirs(agency_dir) != 0) {
        char wb[128];
        ov_err("cannot create %s: %s", agency_dir, ov_errno_words(errno, wb, sizeof wb));
        rc = OV_EXIT_OUTPUT;
        goto done;
    }
    for (int ds = 0; ds < OV_DS_COUNT && rc == OV_EXIT_OK; ds++) {
        int partnership = ds < OV_DS_FIRST_AGENCY;
        rc = write_template(partnership ? cfg->data : agency_dir,
                            ov_dataset_file((enum ov_dataset)ds), (enum ov_dataset)ds, cfg->force);
    }
    if (rc != OV_EXIT_OK)
        goto done;
    if (nexisting)
        ov_note("replaced %s (--force)", existing.s);
    ov_note("wrote blank collection templates to %s: rename AGENCY_ID to each agency's id "
            "and list the agencies in agencies.csv",
            cfg->data);
done:
    ov_buf_free(&existing);
    free(agency_dir);
    return rc;
}

/* history FILE [--export DIR]: lists the runs a history holds, or writes them
 * out as CSV. The file is only read. */
static int run_history(const ov_config *cfg)
{
    char err[512];
    ov_history *h = ov_history_open(cfg->data, OV_HISTORY_READ, err, sizeof(err));
    if (!h) {
        ov_err("%s", err);
        return OV_EXIT_USAGE;
    }
    int rc = OV_EXIT_OK;
    if (cfg->export_to) {
        ov_date today;
        if (run_date(cfg, &today) != 0) {
            ov_history_close(h);
            return OV_EXIT_USAGE;
        }
        int busy = 0;
        ov_outset *out = ov_outset_open(cfg->export_to, "oversight history", cfg->no_wait, &busy);
        if (!out) {
            rc = busy ? OV_EXIT_USAGE : OV_EXIT_OUTPUT;
        } else if (ov_history_export(h, out, err, sizeof(err)) != 0) {
            if (err[0]) {
                ov_err("%s", err);
                rc = OV_EXIT_USAGE;
            } else {
                rc = OV_EXIT_OUTPUT;
            }
            ov_outset_abort(out);
        } else {
            char day[11];
            char *run_line =
                ov_xasprintf("# run history - %s %s", ov_date_format(today, day), OV_VERSION);
            if (ov_outset_commit(out, run_line) != 0)
                rc = OV_EXIT_OUTPUT;
            else
                ov_note("wrote %s/runs.csv, %s/inputs.csv and %s/figures.csv", cfg->export_to,
                        cfg->export_to, cfg->export_to);
            free(run_line);
        }
    } else {
        long n = ov_history_list(h, stdout, err, sizeof(err));
        if (n < 0) {
            ov_err("%s", err);
            rc = OV_EXIT_USAGE;
        } else if (n == 0) {
            ov_note("no run is recorded in the history %s yet", cfg->data);
        }
    }
    ov_history_close(h);
    return rc;
}

/* Runs the configured command. */
int ov_cli_run(const ov_config *cfg)
{
    switch (cfg->command) {
    case OV_CMD_HELP:
        ov_cli_help();
        return OV_EXIT_OK;
    case OV_CMD_VERSION:
        printf("oversight %s\n", OV_VERSION);
        return OV_EXIT_OK;
    case OV_CMD_TEMPLATE:
        return run_template(cfg);
    case OV_CMD_HISTORY:
        return run_history(cfg);
    case OV_CMD_REPORT:
    case OV_CMD_VALIDATE:
        return run_data(cfg);
    default:
        return OV_EXIT_USAGE;
    }
}
