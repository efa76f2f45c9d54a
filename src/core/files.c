/* files.c — paths and folders, input files opened safely, small files put in
 * place through exclusive temporary files, temporary names, and system errors
 * in plain words. */
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"

/* The last component of path into buf. */
char *ov_path_base(const char *path, char *buf, size_t n)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    if (!path)
        return buf;
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    size_t k = len - start < n - 1 ? len - start : n - 1;
    memcpy(buf, path + start, k);
    buf[k] = '\0';
    return buf;
}

/* Joins dir and name with one '/'. */
char *ov_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    return ov_xasprintf("%.*s/%s", (int)dl, dir, name);
}

/* Creates dir and its parents when missing. */
int ov_mkdirs(const char *dir)
{
    char *p = ov_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        (void)mkdir(p, 0777); /* a parent that cannot be made shows below */
        *s = '/';
    }
    int err = mkdir(p, 0777) == 0 ? 0 : errno;
    struct stat st;
    int rc = 0;
    if (stat(p, &st) != 0) {
        rc = -1;
        if (err && err != EEXIST)
            errno = err;
    } else if (!S_ISDIR(st.st_mode)) {
        rc = -1;
        errno = ENOTDIR;
    }
    free(p);
    return rc;
}

/* A system error number in plain words. */
const char *ov_errno_words(int err, char *buf, size_t cap)
{
    switch (err) {
    case ENOSPC:
        return "no space left on device";
#ifdef EDQUOT
    case EDQUOT:
        return "the disk quota is used up";
#endif
    case EACCES:
    case EPERM:
        return "permission denied";
    case EROFS:
        return "the folder is on a read-only disk";
    case EIO:
        return "the disk reported an input/output error";
    case ENOENT:
        return "the folder does not exist";
    case ENOTDIR:
        return "a part of the path is a file, not a folder";
    case EISDIR:
        return "a folder is in the way";
    case ELOOP:
        return "a symbolic link is in the way";
    case ENAMETOOLONG:
        return "the name is too long";
    case ENOMEM:
        return "out of memory";
    case EMFILE:
    case ENFILE:
        return "too many files are open";
    case EFBIG:
        return "the file is too large for the disk";
    case EEXIST:
        return "the name is already taken";
    case EBUSY:
        return "the file is in use";
    default:
        break;
    }
    const char *s = strerror(err);
    snprintf(buf, cap, "%s", s ? s : "unknown error");
    if (buf[0] >= 'A' && buf[0] <= 'Z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* Writes a fresh unpredictable temporary name. */
void ov_tmp_name(char name[32])
{
    unsigned char r[8];
    if (RAND_bytes(r, (int)sizeof r) != 1) {
        /* no random source: still unique enough, and O_EXCL keeps it safe */
        static unsigned long counter;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long v = (unsigned long long)ts.tv_nsec ^
                               ((unsigned long long)getpid() << 32) ^
                               (++counter * 0x9E3779B97F4A7C15ull);
        memcpy(r, &v, sizeof r);
    }
    int n = snprintf(name, 32, "%s", OV_TMP_PREFIX);
    for (size_t i = 0; i < sizeof r; i++)
        n += snprintf(name + n, (size_t)(32 - n), "%02x", r[i]);
}

/* Creates a new temporary file in dirfd under a fresh name. */
int ov_tmp_create(int dirfd, char name[32])
{
    for (int tries = 0; tries < 100; tries++) {
        ov_tmp_name(name);
        int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* The sentence of ov_input_open for a file of mode m that is not regular. */
static const char *not_regular(mode_t m)
{
    if (S_ISDIR(m))
        return "this is a folder, not a file";
    if (S_ISFIFO(m))
        return "this is a named pipe (FIFO), not a file; it was not read";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "this is a device, not a file; it was not read";
    if (S_ISSOCK(m))
        return "this is a socket, not a file; it was not read";
    return "this is not a regular file; it was not read";
}

/* 1 when the real path p lies inside the real folder root. */
static int inside(const char *root, const char *p)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return p[0] == '/';
    return strncmp(p, root, n) == 0 && p[n] == '/';
}

/* Opens an input file when it is safe to read. */
enum ov_input_status ov_input_open(const char *root_real, const char *path, int *fd, uint64_t *size,
                                   const char **why)
{
    struct stat lst, st, fst;
    *fd = -1;
    *size = 0;
    *why = NULL;
    if (lstat(path, &lst) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return OV_INPUT_MISSING;
        *why = errno == EACCES ? "the file cannot be opened: permission denied"
                               : "the file cannot be read";
        return OV_INPUT_UNUSABLE;
    }
    char *real = realpath(path, NULL);
    if (!real) {
        *why = S_ISLNK(lst.st_mode) ? "this is a symbolic link that leads to nothing; it was "
                                      "not read"
                                    : "the file cannot be read";
        return OV_INPUT_UNUSABLE;
    }
    enum ov_input_status rc = OV_INPUT_UNUSABLE;
    if (root_real && !inside(root_real, real)) {
        *why = "this is a symbolic link that leads outside the data folder; it was not read";
        goto done;
    }
    if (stat(real, &st) != 0) {
        *why = "the file cannot be read";
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = not_regular(st.st_mode);
        goto done;
    }
    if ((uint64_t)st.st_size > OV_INPUT_MAX_BYTES) {
        *why = "the file is larger than 4 GiB; it was not read";
        goto done;
    }
    /* O_NONBLOCK: a name swapped for a FIFO since the check never blocks */
    int f = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (f < 0) {
        *why = errno == EACCES ? "the file cannot be opened: permission denied"
                               : "the file cannot be read";
        goto done;
    }
    if (fstat(f, &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_dev != st.st_dev ||
        fst.st_ino != st.st_ino || (uint64_t)fst.st_size > OV_INPUT_MAX_BYTES) {
        close(f);
        *why = "the file changed while it was being opened; it was not read";
        goto done;
    }
    *fd = f;
    *size = (uint64_t)fst.st_size;
    rc = OV_INPUT_OK;
done:
    free(real);
    return rc;
}

/* Writes all of data to fd; returns 0 or -1 (errno set). */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes a small file through an exclusive temporary file, then links or renames it. */
int ov_file_put(const char *dir, const char *name, const void *data, size_t len, int replace)
{
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0)
        return -1;
    char tmp[32];
    int err = 0;
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (!replace)
            err = EEXIST;
        else if (S_ISLNK(st.st_mode))
            err = ELOOP;
        else if (S_ISDIR(st.st_mode))
            err = EISDIR;
        else if (!S_ISREG(st.st_mode))
            err = EEXIST;
        if (err) {
            close(dirfd);
            errno = err;
            return -1;
        }
    }
    int fd = ov_tmp_create(dirfd, tmp);
    if (fd < 0) {
        err = errno;
        close(dirfd);
        errno = err;
        return -1;
    }
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err) {
        if (replace) {
            if (renameat(dirfd, tmp, dirfd, name) != 0)
                err = errno;
        } else if (linkat(dirfd, tmp, dirfd, name, 0) != 0) {
            err = errno; /* EEXIST when the name appeared meanwhile */
        }
    }
    if (err || !replace)
        unlinkat(dirfd, tmp, 0);
    if (!err)
        fsync(dirfd);
    close(dirfd);
    errno = err;
    return err ? -1 : 0;
}
