/* outset.c — the output folder as one set: the lock, exclusive temporary files
 * written through a stdio stream that hashes and counts what it writes
 * (fopencookie), scratch files for libraries that write by name (a memfd),
 * the previous manifest, leftovers of killed runs, and the commit. */
#define _GNU_SOURCE /* fopencookie, memfd_create */
#include "core/outset.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/files.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/text.h"

#define MANIFEST_MAX_BYTES ((off_t)1 << 20)
#define FAIL_AFTER         4096 /* OV_TEST_FAIL_ENV: bytes written before the disk is "full" */
#define SCRATCH_FILE       "scratch"

enum slot_state { SLOT_OPEN, SLOT_DONE, SLOT_DROPPED, SLOT_PLACED };

/* One output of the set. */
typedef struct {
    ov_outset *set;
    char *name;
    char tmp[32]; /* temporary name in the folder; "" before it exists */
    int fd;
    enum slot_state state;
    uint64_t bytes;
    uint64_t fail_at; /* test hook: fail once this many bytes are written (0: never) */
    int err;          /* first errno of a write, flush or sync */
    ov_sha256 *hash;
    char sha256[65];
} slot;

struct ov_outset {
    char *dir;
    int dirfd;
    int lockfd;
    pthread_mutex_t mu; /* guards slots and failed */
    slot **slots;
    size_t nslots, cap_slots;
    char **old; /* names the previous manifest lists, and names to remove unless written */
    size_t nold, cap_old;
    int failed;
    const char *fail_name;
};

/* ---- messages ------------------------------------------------------------ */

/* Reports a failure of the set once (later ones are its consequences) and marks it failed. */
static void set_fail(ov_outset *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports a failure of the set once and marks it failed. */
static void set_fail(ov_outset *s, const char *fmt, ...)
{
    pthread_mutex_lock(&s->mu);
    int first = !s->failed;
    s->failed = 1;
    pthread_mutex_unlock(&s->mu);
    if (!first)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    text = ov_xmalloc((size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    ov_err("%s", text);
    free(text);
}

/* 1 when name is a plain file name: not empty, no '/', not hidden. */
static int plain_name(const char *name, size_t len)
{
    return len > 0 && len < 256 && name[0] != '.' && !memchr(name, '/', len) &&
           !memchr(name, '\0', len);
}

/* Checks that name in the folder is free or a regular file (never written
 * through a symlink, never over a folder); returns 0 or -1 after a message. */
static int check_final(ov_outset *s, const char *name)
{
    struct stat st;
    if (fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISREG(st.st_mode))
        return 0;
    const char *what = S_ISLNK(st.st_mode)   ? "a symbolic link"
                       : S_ISDIR(st.st_mode) ? "a folder"
                                             : "a special file";
    set_fail(s,
             "%s in %s is %s, not a file: oversight never writes through one; remove or rename "
             "it and run again (nothing in the folder was replaced)",
             name, s->dir, what);
    return -1;
}

/* ---- the lock -------------------------------------------------------------- */

/* Reads who holds the lock from the lock file into buf (printable ASCII, one line). */
static void read_holder(int fd, char *buf, size_t cap)
{
    char raw[256];
    ssize_t n = pread(fd, raw, sizeof raw - 1, 0);
    size_t o = 0;
    for (ssize_t i = 0; i < n && o + 1 < cap; i++) {
        if (raw[i] == '\n')
            break;
        buf[o++] = raw[i] >= 0x20 && raw[i] < 0x7f ? raw[i] : '?';
    }
    buf[o] = '\0';
    if (!o)
        snprintf(buf, cap, "another oversight run");
}

/* Writes who holds the lock into the lock file: pid, the run and its start. */
static void write_holder(int fd, const char *holder)
{
    char when[32] = "";
    time_t t = time(NULL);
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    char *line = ov_xasprintf("pid %ld: %s, started %s\n", (long)getpid(),
                              holder ? holder : "oversight", when);
    if (ftruncate(fd, 0) == 0 && pwrite(fd, line, strlen(line), 0) < 0) {
        /* the holder's name is a courtesy to a waiting run; the lock stands
         * (a read-only lock file keeps the last writer's name) */
    }
    free(line);
}

/* Takes the folder's lock; returns the lock descriptor, or -1 after a message
 * (*busy set when no_wait and another run holds it). */
static int take_lock(const char *dir, int dirfd, const char *holder, int no_wait, int *busy)
{
    char wb[128];
    int fd = openat(dirfd, OV_LOCK_NAME,
                    O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0644);
    /* another user's lock file on a shared drive: flock works read-only too */
    if (fd < 0 && errno == EACCES)
        fd = openat(dirfd, OV_LOCK_NAME, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int err = fd < 0 ? errno : EEXIST;
        if (fd >= 0)
            close(fd);
        if (err == ELOOP || err == EEXIST)
            ov_err("%s/%s is not a plain file (a symbolic link or something else put there); "
                   "remove it and run again (nothing in the folder was replaced)",
                   dir, OV_LOCK_NAME);
        else
            ov_err("cannot use the output folder %s: %s (nothing in the folder was replaced)", dir,
                   ov_errno_words(err, wb, sizeof wb));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK) {
            ov_err("cannot lock the output folder %s: %s (nothing in the folder was replaced)", dir,
                   ov_errno_words(errno, wb, sizeof wb));
            close(fd);
            return -1;
        }
        char who[200];
        read_holder(fd, who, sizeof who);
        if (no_wait) {
            ov_err("the output folder %s is in use by another run (%s); wait for it to finish, "
                   "or run again without --no-wait",
                   dir, who);
            *busy = 1;
            close(fd);
            return -1;
        }
        ov_note("waiting for another run to finish with %s (%s)", dir, who);
        while (flock(fd, LOCK_EX) != 0) {
            if (errno == EINTR)
                continue;
            ov_err("cannot lock the output folder %s: %s (nothing in the folder was replaced)", dir,
                   ov_errno_words(errno, wb, sizeof wb));
            close(fd);
            return -1;
        }
    }
    write_holder(fd, holder);
    return fd;
}

/* ---- leftovers and the previous manifest ------------------------------------- */

/* 1 for the temporary names of earlier versions: ".NAME.tmp.PID". */
static int legacy_tmp(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    if (name[0] != '.' || !t || t == name)
        return 0;
    const char *last;
    while ((last = strstr(t + 1, ".tmp.")) != NULL)
        t = last;
    const char *d = t + 5;
    if (!*d)
        return 0;
    for (; *d; d++)
        if (*d < '0' || *d > '9')
            return 0;
    return 1;
}

/* Removes a scratch folder a killed run left: its plain entries, then itself. */
static int remove_scratch_dir(int parent, const char *name)
{
    int sub = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0)
        return -1;
    DIR *d = fdopendir(sub);
    if (!d) {
        close(sub);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        unlinkat(dirfd(d), e->d_name, 0); /* a folder inside stays, and so does this one */
    }
    closedir(d);
    return unlinkat(parent, name, AT_REMOVEDIR);
}

/* Removes the temporary files and scratch folders killed runs left (the lock
 * is held, so no live run owns any). */
static void remove_leftovers(ov_outset *s)
{
    int fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (!strncmp(e->d_name, OV_TMP_PREFIX, strlen(OV_TMP_PREFIX)) || legacy_tmp(e->d_name))
            *OV_PUSH(names, n, cap) = ov_xstrdup(e->d_name);
    closedir(d);
    size_t removed = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (fstatat(s->dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
            int rc = S_ISDIR(st.st_mode) ? (!strncmp(names[i], OV_TMP_PREFIX, strlen(OV_TMP_PREFIX))
                                                ? remove_scratch_dir(s->dirfd, names[i])
                                                : -1)
                                         : unlinkat(s->dirfd, names[i], 0);
            removed += rc == 0;
        }
        free(names[i]);
    }
    free(names);
    if (removed)
        ov_note("removed %zu temporary file(s) left in %s by a run that was stopped", removed,
                s->dir);
}

typedef struct {
    ov_outset *s;
    size_t record, field;
} manifest_reader;

/* libcsv field callback: keeps the first field of every row after the two head lines. */
static void manifest_field(void *buf, size_t len, void *data)
{
    manifest_reader *m = data;
    if (m->field++ == 0 && m->record >= 2 && plain_name(buf ? buf : "", len))
        *OV_PUSH(m->s->old, m->s->nold, m->s->cap_old) = ov_xstrndup(buf, len);
}

/* libcsv row callback. */
static void manifest_row(int c, void *data)
{
    manifest_reader *m = data;
    (void)c;
    m->record++;
    m->field = 0;
}

/* Reads the names the previous run's manifest lists (ignored unless oversight wrote it). */
static void read_manifest(ov_outset *s)
{
    int fd = openat(s->dirfd, OV_MANIFEST_NAME, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MANIFEST_MAX_BYTES) {
        close(fd);
        return;
    }
    char *buf = ov_xmalloc((size_t)st.st_size + 1);
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, buf + len, (size_t)st.st_size - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == (size_t)st.st_size)
            break;
    }
    close(fd);
    struct csv_parser p;
    if (len >= 6 && !memcmp(buf, "# run ", 6) && csv_init(&p, 0) == 0) {
        manifest_reader m = {s, 0, 0};
        csv_parse(&p, buf, len, manifest_field, manifest_row, &m);
        csv_fini(&p, manifest_field, manifest_row, &m);
        csv_free(&p);
    }
    free(buf);
}

/* ---- opening the set ------------------------------------------------------- */

/* Opens the output folder of one run. */
ov_outset *ov_outset_open(const char *dir, const char *holder, int no_wait, int *busy)
{
    char wb[128];
    *busy = 0;
    if (ov_mkdirs(dir) != 0) {
        ov_err("cannot create the output folder %s: %s", dir, ov_errno_words(errno, wb, sizeof wb));
        return NULL;
    }
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        ov_err("cannot use the output folder %s: %s", dir, ov_errno_words(errno, wb, sizeof wb));
        return NULL;
    }
    int lockfd = take_lock(dir, dirfd, holder, no_wait, busy);
    if (lockfd < 0) {
        close(dirfd);
        return NULL;
    }
    ov_outset *s = ov_xcalloc(1, sizeof *s);
    s->dir = ov_xstrdup(dir);
    s->dirfd = dirfd;
    s->lockfd = lockfd;
    pthread_mutex_init(&s->mu, NULL);
    const char *fail = getenv(OV_TEST_FAIL_ENV);
    s->fail_name = fail && *fail ? fail : NULL;
    remove_leftovers(s);
    read_manifest(s);
    return s;
}

/* The folder's path. */
const char *ov_outset_dir(const ov_outset *s)
{
    return s->dir;
}

/* 1 once the set has failed. */
int ov_outset_failed(const ov_outset *s)
{
    pthread_mutex_lock((pthread_mutex_t *)&s->mu);
    int f = s->failed;
    pthread_mutex_unlock((pthread_mutex_t *)&s->mu);
    return f;
}

/* ---- one output ----------------------------------------------------------- */

/* Stream write: to the temporary file, counted and hashed; 0 on error (errno kept). */
static ssize_t slot_write(void *cookie, const char *buf, size_t size)
{
    slot *sl = cookie;
    if (sl->err)
        return 0;
    size_t allowed = size;
    int full = 0;
    if (sl->fail_at && sl->bytes + size > sl->fail_at) {
        allowed = (size_t)(sl->fail_at - sl->bytes); /* the test hook's disk fills up here */
        full = 1;
    }
    size_t done = 0;
    while (done < allowed) {
        ssize_t n = write(sl->fd, buf + done, allowed - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            sl->err = n < 0 ? errno : EIO;
            return 0;
        }
        done += (size_t)n;
    }
    sl->bytes += done;
    if (full) {
        sl->err = ENOSPC;
        return 0;
    }
    ov_sha256_add(sl->hash, buf, size);
    return (ssize_t)size;
}

/* Removes a slot's temporary file and forgets its descriptor. */
static void slot_drop(ov_outset *s, slot *sl)
{
    if (sl->fd >= 0)
        close(sl->fd);
    sl->fd = -1;
    if (sl->tmp[0])
        unlinkat(s->dirfd, sl->tmp, 0);
    sl->tmp[0] = '\0';
    ov_sha256_finish(sl->hash, NULL);
    sl->hash = NULL;
    sl->state = SLOT_DROPPED;
}

/* Starts one output in a new temporary file. */
int ov_outfile_open(ov_outfile *o, ov_outset *s, const char *name)
{
    char wb[128];
    memset(o, 0, sizeof *o);
    if (!s || !name)
        return -1;
    if (!plain_name(name, strlen(name))) {
        set_fail(s, "%s is not a plain file name (nothing in the folder was replaced)", name);
        return -1;
    }
    if (check_final(s, name) != 0)
        return -1;
    slot *sl = ov_xcalloc(1, sizeof *sl);
    sl->set = s;
    sl->name = ov_xstrdup(name);
    sl->fd = -1;
    pthread_mutex_lock(&s->mu);
    int failed = s->failed, twice = 0;
    for (size_t i = 0; i < s->nslots && !twice; i++)
        twice = !strcmp(s->slots[i]->name, name) && s->slots[i]->state != SLOT_DROPPED;
    if (!failed && !twice)
        *OV_PUSH(s->slots, s->nslots, s->cap_slots) = sl;
    pthread_mutex_unlock(&s->mu);
    if (failed || twice) {
        if (twice)
            set_fail(s, "%s would be written twice by one run (nothing in the folder was replaced)",
                     name);
        free(sl->name);
        free(sl);
        return -1;
    }
    sl->fd = ov_tmp_create(s->dirfd, sl->tmp);
    if (sl->fd < 0) {
        sl->tmp[0] = '\0';
        set_fail(s,
                 "%s while creating a temporary file for %s in %s; nothing in the folder was "
                 "replaced",
                 ov_errno_words(errno, wb, sizeof wb), name, s->dir);
        slot_drop(s, sl);
        return -1;
    }
    sl->hash = ov_sha256_new();
    if (s->fail_name && !strcmp(s->fail_name, name))
        sl->fail_at = FAIL_AFTER;
    cookie_io_functions_t io = {.read = NULL, .write = slot_write, .seek = NULL, .close = NULL};
    o->fp = sl->hash ? fopencookie(sl, "w", io) : NULL;
    if (!o->fp) {
        set_fail(s, "out of memory while writing %s; nothing in the folder was replaced", name);
        slot_drop(s, sl);
        return -1;
    }
    setvbuf(o->fp, NULL, _IOFBF, (size_t)1 << 16);
    o->slot = sl;
    return 0;
}

/* Ends one output: flushed, synced to disk, hashed; still temporary. */
int ov_outfile_close(ov_outfile *o)
{
    char wb[128];
    slot *sl = o->slot;
    if (!sl)
        return -1;
    ov_outset *s = sl->set;
    if (fclose(o->fp) != 0 && !sl->err)
        sl->err = EIO;
    o->fp = NULL;
    o->slot = NULL;
    if (!sl->err && sl->fail_at)
        sl->err = ENOSPC; /* a small output fails on its way to the disk */
    if (!sl->err && fsync(sl->fd) != 0)
        sl->err = errno;
    if (close(sl->fd) != 0 && !sl->err)
        sl->err = errno;
    sl->fd = -1;
    if (sl->err) {
        set_fail(s, "%s while writing %s; nothing in the folder was replaced",
                 ov_errno_words(sl->err, wb, sizeof wb), sl->name);
        slot_drop(s, sl);
        return -1;
    }
    ov_sha256_finish(sl->hash, sl->sha256);
    sl->hash = NULL;
    sl->state = SLOT_DONE;
    return 0;
}

/* Abandons an output whose renderer failed. */
void ov_outfile_abort(ov_outfile *o)
{
    slot *sl = o ? o->slot : NULL;
    if (!sl)
        return;
    fclose(o->fp);
    o->fp = NULL;
    o->slot = NULL;
    slot_drop(sl->set, sl);
}

/* ---- scratch files ---------------------------------------------------------- */

/* Makes a scratch file for a library that writes by name. */
int ov_scratch_open(ov_outset *s, ov_scratch *sc)
{
    char wb[128];
    memset(sc, 0, sizeof *sc);
    sc->fd = memfd_create("oversight-scratch", MFD_CLOEXEC);
    if (sc->fd >= 0) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", sc->fd);
        if (access(path, W_OK) == 0) {
            sc->path = ov_xstrdup(path);
            return 0;
        }
        close(sc->fd);
        sc->fd = -1;
    }
    /* no memory files: a private folder in the output folder */
    for (int tries = 0; tries < 100; tries++) {
        ov_tmp_name(sc->dir);
        if (mkdirat(s->dirfd, sc->dir, 0700) == 0) {
            char *sub = ov_path_join(s->dir, sc->dir);
            sc->path = ov_path_join(sub, SCRATCH_FILE);
            free(sub);
            return 0;
        }
        if (errno != EEXIST)
            break;
    }
    set_fail(s, "%s while creating a temporary file in %s; nothing in the folder was replaced",
             ov_errno_words(errno, wb, sizeof wb), s->dir);
    sc->dir[0] = '\0';
    return -1;
}

/* Copies the scratch file's bytes into output name. */
int ov_outfile_from_scratch(ov_outset *s, const char *name, ov_scratch *sc)
{
    char wb[128];
    int fd = -1;
    if (sc->fd >= 0) {
        fd = dup(sc->fd);
        if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0) {
            close(fd);
            fd = -1;
        }
    } else if (sc->dir[0]) {
        int sub = openat(s->dirfd, sc->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub >= 0) {
            fd = openat(sub, SCRATCH_FILE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            close(sub);
        }
    }
    if (fd < 0) {
        set_fail(s, "%s while writing %s; nothing in the folder was replaced",
                 ov_errno_words(errno, wb, sizeof wb), name);
        return -1;
    }
    ov_outfile o;
    if (ov_outfile_open(&o, s, name) != 0) {
        close(fd);
        return -1;
    }
    static const size_t chunk = (size_t)1 << 16;
    char *buf = ov_xmalloc(chunk);
    int rerr = 0;
    for (;;) {
        ssize_t n = read(fd, buf, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rerr = errno;
        if (n <= 0)
            break;
        if (fwrite(buf, 1, (size_t)n, o.fp) != (size_t)n)
            break; /* the output's own error is reported when it is closed */
    }
    free(buf);
    close(fd);
    if (rerr) {
        ov_outfile_abort(&o);
        set_fail(s, "%s while writing %s; nothing in the folder was replaced",
                 ov_errno_words(rerr, wb, sizeof wb), name);
        return -1;
    }
    return ov_outfile_close(&o);
}

/* Removes a scratch file. */
void ov_scratch_close(ov_outset *s, ov_scratch *sc)
{
    if (sc->fd >= 0)
        close(sc->fd);
    sc->fd = -1;
    if (sc->dir[0])
        remove_scratch_dir(s->dirfd, sc->dir);
    sc->dir[0] = '\0';
    free(sc->path);
    sc->path = NULL;
}

/* ---- commit and abort ------------------------------------------------------- */

/* Has the commit remove name unless this run writes it. */
void ov_outset_remove_stale(ov_outset *s, const char *name)
{
    if (s && name && plain_name(name, strlen(name)))
        *OV_PUSH(s->old, s->nold, s->cap_old) = ov_xstrdup(name);
}

/* Frees the set and releases the lock (temporary files must be handled first). */
static void set_free(ov_outset *s)
{
    for (size_t i = 0; i < s->nslots; i++) {
        ov_sha256_finish(s->slots[i]->hash, NULL);
        free(s->slots[i]->name);
        free(s->slots[i]);
    }
    free(s->slots);
    for (size_t i = 0; i < s->nold; i++)
        free(s->old[i]);
    free(s->old);
    close(s->lockfd); /* releases the lock */
    close(s->dirfd);
    pthread_mutex_destroy(&s->mu);
    free(s->dir);
    free(s);
}

/* Removes every temporary file of the set, releases the lock and frees it. */
void ov_outset_abort(ov_outset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nslots; i++)
        if (s->slots[i]->state != SLOT_PLACED)
            slot_drop(s, s->slots[i]);
    set_free(s);
}

/* Orders slots by name. */
static int slot_cmp(const void *a, const void *b)
{
    return strcmp((*(slot *const *)a)->name, (*(slot *const *)b)->name);
}

/* 1 when this run wrote an output called name. */
static int written(const ov_outset *s, const char *name)
{
    for (size_t i = 0; i < s->nslots; i++)
        if (!strcmp(s->slots[i]->name, name))
            return 1;
    return 0;
}

/* Removes the outputs of an earlier run that this run does not write (regular
 * files only); returns 0, or -1 when one could not be removed. */
static int remove_old(ov_outset *s)
{
    char wb[128];
    int rc = 0;
    for (size_t i = 0; i < s->nold; i++) {
        const char *name = s->old[i];
        struct stat st;
        if (!strcmp(name, OV_MANIFEST_NAME) || written(s, name) ||
            fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (unlinkat(s->dirfd, name, 0) == 0) {
            ov_note("removed %s from %s: an output of an earlier run that this run does not write",
                    name, s->dir);
        } else {
            ov_err("cannot remove %s from %s (%s): it is an output of an earlier run and does not "
                   "belong with this one; remove it by hand",
                   name, s->dir, ov_errno_words(errno, wb, sizeof wb));
            rc = -1;
        }
    }
    return rc;
}

/* Writes the manifest of the outputs (sorted by name) as an output of its own. */
static int write_manifest(ov_outset *s, const char *run_line, slot **manifest)
{
    ov_outfile m;
    if (ov_outfile_open(&m, s, OV_MANIFEST_NAME) != 0)
        return -1;
    *manifest = m.slot;
    for (const char *c = run_line; *c; c++)
        fputc(*c == '\n' || *c == '\r' ? ' ' : *c, m.fp);
    fputs("\nfile,bytes,sha256\n", m.fp);
    for (size_t i = 0; i < s->nslots; i++) {
        const slot *sl = s->slots[i];
        if (sl == m.slot)
            continue;
        ov_csv_field(m.fp, sl->name, 0);
        fprintf(m.fp, ",%llu,%s\n", (unsigned long long)sl->bytes, sl->sha256);
    }
    return ov_outfile_close(&m);
}

/* Puts the whole set in place, manifest last. */
int ov_outset_commit(ov_outset *s, const char *run_line)
{
    char wb[128];
    if (!s)
        return -1;
    int complete = !s->failed;
    for (size_t i = 0; i < s->nslots && complete; i++)
        complete = s->slots[i]->state == SLOT_DONE;
    if (!complete) {
        if (!s->failed)
            ov_err("the outputs of this run are incomplete; nothing in %s was replaced", s->dir);
        ov_outset_abort(s);
        return -1;
    }
    if (s->nslots > 1)
        qsort(s->slots, s->nslots, sizeof *s->slots, slot_cmp);
    for (size_t i = 0; i < s->nslots; i++)
        if (check_final(s, s->slots[i]->name) != 0) {
            ov_outset_abort(s);
            return -1;
        }
    slot *manifest = NULL;
    if (write_manifest(s, run_line ? run_line : "# run", &manifest) != 0) {
        ov_outset_abort(s);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < s->nslots; i++) {
        slot *sl = s->slots[i];
        if (sl == manifest)
            continue;
        if (renameat(s->dirfd, sl->tmp, s->dirfd, sl->name) != 0) {
            ov_err("%s while putting %s in place in %s; the folder may now hold outputs of two "
                   "runs: run again",
                   ov_errno_words(errno, wb, sizeof wb), sl->name, s->dir);
            ov_outset_abort(s);
            return -1;
        }
        sl->state = SLOT_PLACED;
    }
    if (remove_old(s) != 0)
        rc = -1;
    if (renameat(s->dirfd, manifest->tmp, s->dirfd, manifest->name) != 0) {
        ov_err("%s while putting %s in place in %s; run again",
               ov_errno_words(errno, wb, sizeof wb), OV_MANIFEST_NAME, s->dir);
        ov_outset_abort(s);
        return -1;
    }
    manifest->state = SLOT_PLACED;
    if (fsync(s->dirfd) != 0 && errno != EINVAL) {
        ov_err("%s while writing the folder %s to disk", ov_errno_words(errno, wb, sizeof wb),
               s->dir);
        rc = -1;
    }
    set_free(s);
    return rc;
}
