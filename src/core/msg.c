/* msg.c — the one place user messages are printed (stderr, "oversight: "). */
#include "core/msg.h"

#include <stdarg.h>
#include <stdio.h>

static int msg_level = OV_NORMAL;

/* Sets the verbosity: OV_QUIET, OV_NORMAL or OV_VERBOSE. */
void ov_msg_set_level(int level)
{
    msg_level = level;
}

/* Returns the verbosity in force. */
int ov_msg_level(void)
{
    return msg_level;
}

/* Prints one prefixed line when the verbosity allows it. */
static void msg_emit(int min_level, const char *kind, const char *fmt, va_list ap)
{
    if (msg_level < min_level)
        return;
    flockfile(stderr); /* one whole line, even when two threads report at once */
    fputs("oversight: ", stderr);
    if (kind)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
}

/* An error the user must see, even with -q. */
void ov_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_emit(OV_QUIET, "error: ", fmt, ap);
    va_end(ap);
}

/* A warning, hidden by -q. */
void ov_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_emit(OV_NORMAL, "warning: ", fmt, ap);
    va_end(ap);
}

/* Progress and counts, hidden by -q. */
void ov_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_emit(OV_NORMAL, NULL, fmt, ap);
    va_end(ap);
}

/* Detail shown only with -v. */
void ov_debug(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_emit(OV_VERBOSE, NULL, fmt, ap);
    va_end(ap);
}
