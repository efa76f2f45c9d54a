/* threads.c — the thread count of a parallel step. */
#include "core/threads.h"

#include <unistd.h>

/* Threads for a step: requested or the processors online, capped by the work. */
size_t ov_threads_for(int requested, size_t jobs)
{
    long n = requested;
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > OV_MAX_THREADS)
        n = OV_MAX_THREADS;
    if ((size_t)n > jobs)
        n = jobs ? (long)jobs : 1;
    return (size_t)n;
}
