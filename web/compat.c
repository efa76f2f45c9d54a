/* compat.c — what Emscripten's C library declares but does not provide, for
 * the WebAssembly build only: each says "not supported", so that the program
 * takes the path it takes on a system without the call. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>

/* No memory files: scratch files go to a private folder (core/outset.c). */
int memfd_create(const char *name, unsigned flags)
{
    (void)name;
    (void)flags;
    errno = ENOSYS;
    return -1;
}
