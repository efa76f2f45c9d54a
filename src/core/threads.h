/* threads.h — how many threads a parallel step may use: one per processor, at
 * most eight, and no more than OVERSIGHT_THREADS when that is set (1 runs
 * every step on the calling thread, as a build without threads does). */
#ifndef OV_CORE_THREADS_H
#define OV_CORE_THREADS_H

#include <stddef.h>

/* The thread budget of a parallel step: 1 to 8. */
size_t ov_threads(void);

#endif
