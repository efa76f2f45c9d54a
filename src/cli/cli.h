/* cli.h — the command line parsed into a config struct, and the commands that
 * run on it (report, validate, template, history). */
#ifndef OV_CLI_CLI_H
#define OV_CLI_CLI_H

#include "core/date.h"

#define OV_VERSION "0.1.0"

enum ov_command {
    OV_CMD_NONE,
    OV_CMD_REPORT,
    OV_CMD_VALIDATE,
    OV_CMD_TEMPLATE,
    OV_CMD_HISTORY,
    OV_CMD_HELP,
    OV_CMD_VERSION
};

/* Exit statuses of the spec. */
enum ov_exit {
    OV_EXIT_OK = 0,
    OV_EXIT_STRICT = 1,
    OV_EXIT_USAGE = 2,
    OV_EXIT_NO_INPUT = 3,
    OV_EXIT_OUTPUT = 4 /* the outputs could not be written; the previous set is untouched */
};

typedef struct {
    enum ov_command command;
    const char *program;   /* argv[0] */
    const char *data;      /* DATA folder, DIR for template, FILE for history */
    const char *out;       /* default "output" */
    const char *name;      /* default "board-report" */
    const char *period;    /* --period text */
    const char *agency;    /* --agency ID */
    const char *standards; /* --standards FILE */
    const char *templates; /* --templates DIR (default: found beside the program) */
    const char *profile;   /* --profile NAME for a single agency folder */
    const char *title;     /* --title */
    const char *author;    /* --author */
    const char *marking;   /* --marking */
    const char *as_of;     /* --as-of DATE */
    const char *history;   /* report --history FILE */
    const char *export_to; /* history --export DIR */
    int trend;             /* --trend N, default 1 */
    int suppress;          /* --suppress N, -1 = from the standards */
    int threads;           /* --threads N, 0 = the processors available */
    int strict;
    int xlsx;    /* template --xlsx: the collection workbook */
    int no_wait; /* --no-wait: exit 2 when another run holds the output folder */
    int force;   /* --force: template replaces existing files */
    int verbosity;
} ov_config;

/* Parses argv into cfg. Returns 0, or OV_EXIT_USAGE after printing one line. */
int ov_cli_parse(int argc, char **argv, ov_config *cfg);
/* Prints the help text to stdout. */
void ov_cli_help(void);
/* Runs the configured command; returns the process exit status. */
int ov_cli_run(const ov_config *cfg);

#endif
