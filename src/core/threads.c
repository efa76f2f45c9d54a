/* threads.c — the thread budget: processors online, capped at eight and by
 * OVERSIGHT_THREADS. */
#include "core/threads.h"

#include <stdlib.h>
#include <unistd.h>

#define OV_THREADS_MAX 8

size_t ov_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cpus < 1 ? 1 : cpus > OV_THREADS_MAX ? OV_THREADS_MAX : (size_t)cpus;
    const char *env = getenv("OVERSIGHT_THREADS");
    if (env && *env) {
        char *end;
        long cap = strtol(env, &end, 10);
        if (*end == '\0' && cap >= 1 && (size_t)cap < n)
            n = (size_t)cap;
    }
    return n;
}
