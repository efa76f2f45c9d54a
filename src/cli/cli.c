/* cli.c — option parsing and the three commands: validate (ingest and the
 * data-quality outputs), report (plus metrics, workbook and PDF) and template
 * (blank collection templates for agencies). */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"
#include "ingest/ingest.h"
#include "metrics/calendar.h"
#include "metrics/metric_defs.h"
#include "metrics/metrics.h"
#include "metrics/standards.h"
#include "report/pack.h"
#include "report/report.h"
#include "render/analyst.h"
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
          "  oversight validate DATA [--out DIR] [--strict]\n"
          "  oversight template DIR\n"
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
          "  -q, --quiet       errors only\n"
          "  -v, --verbose     more detail\n"
          "\n"
          "Exit status: 0 reports written; 1 --strict and rows were rejected;\n"
          "2 usage or configuration error; 3 no usable input.\n",
          stdout);
}

/* Prints a usage error and returns the usage exit status. */
static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "oversight: error: %s%s%s (see oversight --help)\n", what, arg ? ": " : "",
            arg ? arg : "");
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

/* Parses the command line into cfg. */
int ov_cli_parse(int argc, char **argv, ov_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
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
        return usage_error(cfg->command == OV_CMD_TEMPLATE ? "template needs a folder to write"
                                                           : "no data folder given",
                           NULL);
    if (cfg->command == OV_CMD_REPORT && !cfg->period)
        return usage_error("report needs --period (e.g. --period 2025-26-Q3)", NULL);
    if (strchr(cfg->name, '/') || !cfg->name[0] || cfg->name[0] == '.')
        return usage_error("--name is a file name, without folders", cfg->name);
    return 0;
}

/* Finds the templates folder: --templates, beside the program, or installed. */
static char *find_templates(const ov_config *cfg)
{
    struct stat st;
    if (cfg->templates)
        return ov_xstrdup(cfg->templates);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            for (int up = 0; up < 3; up++) {
                char *cand = ov_xasprintf("%s/templates", exe);
                if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode))
                    return cand;
                free(cand);
                slash = strrchr(exe, '/');
                if (!slash)
                    break;
                *slash = '\0';
            }
        }
    }
    if (stat("templates", &st) == 0 && S_ISDIR(st.st_mode))
        return ov_xstrdup("templates");
    return ov_xstrdup(OV_DATADIR);
}

/* The run date: --as-of, SOURCE_DATE_EPOCH, or today. Returns 0 or -1. */
static int run_date(const ov_config *cfg, ov_date *out)
{
    if (cfg->as_of) {
        if (ov_date_parse_iso(cfg->as_of, out) != 0) {
            usage_error("--as-of takes a date as YYYY-MM-DD", cfg->as_of);
            return -1;
        }
        return 0;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t;
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end || v < 0) {
            usage_error("SOURCE_DATE_EPOCH is not a number of seconds", sde);
            return -1;
        }
        *out = (ov_date)(v / 86400);
        return 0;
    }
    t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
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

/* Writes the validate outputs; returns 0 or -1. */
static int write_quality_outputs(const ov_data *d, const char *out)
{
    if (ov_analyst_rejections(d, out) != 0 || ov_analyst_data_quality(d, out) != 0 ||
        ov_analyst_completeness(d, out) != 0)
        return -1;
    return 0;
}

/* With --agency (focus >= 0) computes that agency's follow-up lists for the
 * report period into ex (*have set; they are written with the report, which
 * decides which are shown); without, removes any an earlier run left in the
 * folder. Returns 0 or -1. */
static int make_followups(const ov_data *d, int32_t focus, const ov_period *p,
                          const ov_metrics_config *mcfg, const char *out, ov_exceptions *ex,
                          int *have)
{
    if (focus == OV_NONE)
        return ov_analyst_exceptions_remove(out);
    if (ov_metrics_exceptions(d, focus, p, mcfg, ex) != 0) {
        ov_err("the follow-up lists could not be computed");
        return -1;
    }
    *have = 1;
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

/* Prints how long a phase took (with -v) and restarts the clock. */
static void phase_done(const char *what, double *t0)
{
    double t = now_seconds();
    ov_debug("timing: %s %.2f s", what, t - *t0);
    *t0 = t;
}

typedef struct {
    const ov_pack *pack;
    const char *dir, *name;
    int rc;
} pdf_job;

/* Thread body: writes the PDF. */
static void *pdf_thread(void *arg)
{
    pdf_job *j = arg;
    j->rc = ov_pdf_write(j->pack, j->dir, j->name);
    return NULL;
}

/* Builds the report model once, writes an agency's follow-up lists from it,
 * and writes the workbook and the PDF from it side by side (they only read
 * it); returns 0, or -1 when any failed (each has said why). */
static int write_reports(const ov_report_ctx *ctx, const char *dir, const char *name)
{
    ov_pack pack;
    if (ov_pack_build(ctx, &pack) != 0) {
        ov_pack_free(&pack);
        return -1;
    }
    if (ctx->exceptions) {
        if (ov_analyst_followup(&pack, dir) != 0) {
            ov_pack_free(&pack);
            return -1;
        }
        note_followups(&pack, dir);
    }
    pdf_job job = {&pack, dir, name, -1};
    pthread_t tid;
    int threaded = pthread_create(&tid, NULL, pdf_thread, &job) == 0;
    int xrc = ov_xlsx_write(&pack, dir, name);
    if (threaded)
        pthread_join(tid, NULL);
    else
        pdf_thread(&job);
    ov_pack_free(&pack);
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

/* validate and report: ingest, then the outputs the command asks for. */
static int run_data(const ov_config *cfg)
{
    int rc = OV_EXIT_OK;
    char err[512];
    ov_data data;
    ov_standards std;
    ov_calendar cal;
    ov_results res;
    ov_period period;
    ov_date today;
    ov_exceptions exc;
    int have_exc = 0;
    int have_std = 0, have_cal = 0, have_res = 0;
    memset(&data, 0, sizeof(data));
    memset(&res, 0, sizeof(res));
    char *templates = find_templates(cfg);

    if (run_date(cfg, &today) != 0) {
        rc = OV_EXIT_USAGE;
        goto done;
    }
    if (cfg->command == OV_CMD_REPORT) {
        if (ov_period_parse(cfg->period, &period, err, sizeof(err)) != 0) {
            ov_err("%s (see oversight --help for the period forms)", err);
            rc = OV_EXIT_USAGE;
            goto done;
        }
        char *spath = cfg->standards ? ov_xstrdup(cfg->standards)
                                     : ov_xasprintf("%s/standards.csv", templates);
        ov_standards_defaults(&std);
        have_std = 1;
        int src = ov_standards_load(&std, spath, err, sizeof(err));
        free(spath);
        if (src != 0) {
            ov_err("%s", err);
            rc = OV_EXIT_USAGE;
            goto done;
        }
        char *cpath = std.calendar_file
                          ? ov_xstrdup(std.calendar_file)
                          : ov_xasprintf("%s/bank-holidays-england-wales.csv", templates);
        int crc = ov_calendar_load(&cal, cpath, err, sizeof(err));
        free(cpath);
        if (crc != 0) {
            ov_err("%s", err);
            rc = OV_EXIT_USAGE;
            goto done;
        }
        have_cal = 1;
    }
    if (ov_mkdirs(cfg->out) != 0) {
        ov_err("cannot create the output folder %s (check the path and permissions)", cfg->out);
        rc = OV_EXIT_USAGE;
        goto done;
    }
    ov_ingest_config icfg = {
        .templates_dir = templates, .profile = cfg->profile, .metric_find = ov_metric_find};
    double t0 = now_seconds();
    enum ov_ingest_status ist = ov_ingest_load(cfg->data, &icfg, &data);
    phase_done("ingest", &t0);
    if (ist == OV_INGEST_CONFIG) {
        rc = OV_EXIT_USAGE;
        goto done;
    }
    ov_analyst_issue_summary(&data);
    if (write_quality_outputs(&data, cfg->out) != 0) {
        rc = OV_EXIT_USAGE;
        goto done;
    }
    if (ist == OV_INGEST_NO_INPUT) {
        rc = OV_EXIT_NO_INPUT;
        goto done;
    }
    if (cfg->command == OV_CMD_REPORT) {
        int32_t focus = OV_NONE;
        if (cfg->agency) {
            focus = ov_data_find_agency(&data, cfg->agency);
            if (focus == OV_NONE) {
                ov_err("--agency %s: no such agency in the data folder", cfg->agency);
                rc = OV_EXIT_USAGE;
                goto done;
            }
        }
        warn_unknown_overrides(&std, &data);
        ov_metrics_config mcfg = {.standards = &std,
                                  .calendar = &cal,
                                  .suppress_below =
                                      cfg->suppress >= 0 ? cfg->suppress : std.suppress_below};
        if (ov_metrics_compute(&data, &period, cfg->trend, &mcfg, &res) != 0) {
            ov_err("the figures could not be computed");
            rc = OV_EXIT_USAGE;
            goto done;
        }
        have_res = 1;
        phase_done("metrics", &t0);
        warn_calendar_span(&cal, &res);
        if (ov_analyst_metrics(&data, &res, focus, cfg->out) != 0 ||
            make_followups(&data, focus, &res.periods[0], &mcfg, cfg->out, &exc, &have_exc) != 0) {
            rc = OV_EXIT_USAGE;
            goto done;
        }
        phase_done("metrics.csv and follow-up lists", &t0);
        ov_report_ctx ctx = {
            .data = &data,
            .results = &res,
            .standards = &std,
            .calendar = &cal,
            .title = cfg->title              ? cfg->title
                     : data.partnership_name ? data.partnership_name
                                             : "Safeguarding Partnership",
            .author = cfg->author,
            .marking = cfg->marking,
            .version = OV_VERSION,
            .templates_dir = templates,
            .run_date = today,
            .agency_focus = focus,
            .exceptions = have_exc ? &exc : NULL,
            .suppress_below = mcfg.suppress_below,
            .trend = cfg->trend,
        };
        if (write_reports(&ctx, cfg->out, cfg->name) != 0) {
            rc = OV_EXIT_USAGE;
            goto done;
        }
        phase_done("workbook and report PDF", &t0);
        ov_note("wrote %s/metrics.csv, %s/%s.xlsx and %s/%s.pdf", cfg->out, cfg->out, cfg->name,
                cfg->out, cfg->name);
    } else {
        ov_note("wrote %s/rejections.csv, %s/data_quality.csv and %s/completeness.csv", cfg->out,
                cfg->out, cfg->out);
    }
    if (cfg->strict && rejected_rows(&data) > 0)
        rc = OV_EXIT_STRICT;
done:
    if (have_exc)
        ov_exceptions_free(&exc);
    if (have_res)
        ov_results_free(&res);
    if (have_cal)
        ov_calendar_free(&cal);
    if (have_std)
        ov_standards_free(&std);
    ov_data_free(&data);
    free(templates);
    return rc;
}

/* Writes one header-only CSV template. */
static int write_template(const char *dir, enum ov_dataset ds)
{
    size_t n;
    const ov_field_def *f = ov_schema_fields(ds, &n);
    ov_outfile o;
    if (ov_outfile_open(&o, dir, ov_dataset_file(ds)) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        fprintf(o.fp, "%s%s", i ? "," : "", f[i].name);
    fputc('\n', o.fp);
    return ov_outfile_commit(&o);
}

/* template DIR: agencies.csv, actions.csv, commentary.csv and AGENCY_ID/. */
static int run_template(const ov_config *cfg)
{
    char *agency_dir = ov_path_join(cfg->data, "AGENCY_ID");
    int rc = OV_EXIT_OK;
    if (ov_mkdirs(agency_dir) != 0) {
        ov_err("cannot create %s (check the path and permissions)", agency_dir);
        rc = OV_EXIT_USAGE;
        goto done;
    }
    for (int ds = 0; ds < OV_DS_COUNT; ds++)
        if (write_template(ds < OV_DS_FIRST_AGENCY ? cfg->data : agency_dir, (enum ov_dataset)ds) !=
            0) {
            rc = OV_EXIT_USAGE;
            goto done;
        }
    ov_note("wrote blank collection templates to %s: rename AGENCY_ID to each agency's id "
            "and list the agencies in agencies.csv",
            cfg->data);
done:
    free(agency_dir);
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
    case OV_CMD_REPORT:
    case OV_CMD_VALIDATE:
        return run_data(cfg);
    default:
        return OV_EXIT_USAGE;
    }
}
