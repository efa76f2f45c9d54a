/* main.c — parses the command line and runs the command. */
#include <stdio.h>

#include "core/mem.h"
#include "core/msg.h"
#include "cli/cli.h"

/* Parses the command line, sets the message level and runs the command; returns the exit code. */
int main(int argc, char **argv)
{
    ov_config cfg;
    ov_mem_batch_mode();
    int rc = ov_cli_parse(argc, argv, &cfg);
    if (rc != 0)
        return rc;
    ov_msg_set_level(cfg.verbosity);
    return ov_cli_run(&cfg);
}
