/* threads.h — how many threads a parallel step runs on: the number asked for
 * (--threads), or the processors available, never more than there is work. */
#ifndef OV_CORE_THREADS_H
#define OV_CORE_THREADS_H

#include <stddef.h>

/* The most threads any step runs on. */
#define OV_MAX_THREADS 64

/* Threads for a step of jobs independent pieces of work: requested (0 = the
 * processors available), at most OV_MAX_THREADS and at most jobs, at least 1. */
size_t ov_threads_for(int requested, size_t jobs);

#endif
