/* files.c — atomic output files, folder creation and path joining. */
#include "core/files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/msg.h"

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

/* Returns DIR/.NAME.tmp.PID. */
char *ov_tmp_path(const char *dir, const char *name)
{
    char *base = ov_xasprintf(".%s.tmp.%ld", name, (long)getpid());
    char *p = ov_path_join(dir, base);
    free(base);
    return p;
}

/* Renames tmp over DIR/NAME. */
int ov_rename_into_place(const char *tmp, const char *dir, const char *name)
{
    char *final = ov_path_join(dir, name);
    int rc = rename(tmp, final);
    if (rc != 0) {
        ov_err("cannot write %s: %s", final, strerror(errno));
        unlink(tmp);
    }
    free(final);
    return rc;
}

/* Creates dir and its parents when missing. */
int ov_mkdirs(const char *dir)
{
    char *p = ov_xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        rc = -1;
    else
        rc = 0;
    free(p);
    return rc;
}

/* Opens DIR/.NAME.tmp.PID for writing. */
int ov_outfile_open(ov_outfile *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof(*o));
    o->tmp_path = ov_tmp_path(dir, name);
    o->final_path = ov_path_join(dir, name);
    o->fp = fopen(o->tmp_path, "wb");
    if (!o->fp) {
        ov_err("cannot create %s: %s (check that the output folder is writable)", o->final_path,
               strerror(errno));
        free(o->tmp_path);
        free(o->final_path);
        o->tmp_path = o->final_path = NULL;
        return -1;
    }
    return 0;
}

/* Closes the temporary file and renames it into place. */
int ov_outfile_commit(ov_outfile *o)
{
    int rc = 0;
    if (!o->fp)
        return -1;
    if (ferror(o->fp) || fflush(o->fp) != 0)
        rc = -1;
    if (fclose(o->fp) != 0)
        rc = -1;
    o->fp = NULL;
    if (rc == 0 && rename(o->tmp_path, o->final_path) != 0)
        rc = -1;
    if (rc != 0) {
        ov_err("cannot write %s: %s", o->final_path, strerror(errno));
        unlink(o->tmp_path);
    }
    free(o->tmp_path);
    free(o->final_path);
    o->tmp_path = o->final_path = NULL;
    return rc;
}

/* Abandons the temporary file; safe to call at any time. */
void ov_outfile_abort(ov_outfile *o)
{
    if (!o)
        return;
    if (o->fp) {
        fclose(o->fp);
        o->fp = NULL;
    }
    if (o->tmp_path)
        unlink(o->tmp_path);
    free(o->tmp_path);
    free(o->final_path);
    o->tmp_path = o->final_path = NULL;
}
