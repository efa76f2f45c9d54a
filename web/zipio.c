/* zipio.c — the browser edition's two zip steps, through the project's zip
 * library (libzip) inside the WebAssembly program: a data folder chosen as a
 * zip is unpacked into the in-memory file system before the run, and the
 * outputs of a run are packed into one zip to download. Called from the page's
 * worker (ccall); messages go through core/msg like the command line's. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "core/files.h"
#include "core/mem.h"
#include "core/msg.h"

/* Largest number of entries a data zip may hold. */
#define ZIPIO_MAX_ENTRIES 100000
#define ZIPIO_CHUNK       65536

/* 1 when an entry name is a safe relative path: no absolute path, no "..",
 * no backslash, no empty or hidden component (macOS "__MACOSX" and "._"
 * files included). */
static int safe_name(const char *name)
{
    if (!name[0] || name[0] == '/' || strchr(name, '\\') || strncmp(name, "__MACOSX/", 9) == 0)
        return 0;
    const char *p = name;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || p[0] == '.')
            return 0;
        if (!end)
            break;
        p = end + 1;
    }
    return 1;
}

/* Creates the folders above path (inside dir). Returns 0 or -1. */
static int make_parents(const char *path)
{
    char *copy = ov_xstrdup(path);
    char *slash = strrchr(copy, '/');
    int rc = 0;
    if (slash) {
        *slash = '\0';
        rc = ov_mkdirs(copy);
    }
    free(copy);
    return rc;
}

/* Copies one entry into path; returns its size or -1 after a message. */
static int64_t unpack_entry(zip_t *za, zip_uint64_t i, const char *name, const char *path,
                            uint64_t room)
{
    zip_file_t *zf = zip_fopen_index(za, i, 0);
    if (!zf) {
        ov_err("%s: cannot be read from the zip (%s)", name, zip_strerror(za));
        return -1;
    }
    FILE *fp = make_parents(path) == 0 ? fopen(path, "wb") : NULL;
    if (!fp) {
        ov_err("%s: cannot be unpacked", name);
        zip_fclose(zf);
        return -1;
    }
    char *buf = ov_xmalloc(ZIPIO_CHUNK);
    int64_t total = 0;
    zip_int64_t n;
    while ((n = zip_fread(zf, buf, ZIPIO_CHUNK)) > 0) {
        total += n;
        if ((uint64_t)total > room) {
            total = -2;
            break;
        }
        if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n) {
            total = -1;
            break;
        }
    }
    if (n < 0 && total >= 0) {
        ov_err("%s: the zip is damaged (%s)", name, zip_file_strerror(zf));
        total = -1;
    }
    free(buf);
    if (fclose(fp) != 0 && total >= 0)
        total = -1;
    zip_fclose(zf);
    return total;
}

/* Unpacks every regular file of the zip at zip_path into dir, refusing an
 * archive that would unpack to more than max_bytes. Returns 0, or -1 after
 * one message. */
int ov_web_unzip(const char *zip_path, const char *dir, double max_bytes)
{
    int ze = 0;
    zip_t *za = zip_open(zip_path, ZIP_RDONLY, &ze);
    if (!za) {
        ov_err("the chosen file is not a zip that can be read");
        return -1;
    }
    zip_int64_t count = zip_get_num_entries(za, 0);
    if (count < 0 || count > ZIPIO_MAX_ENTRIES) {
        ov_err("the zip holds more than %d files", ZIPIO_MAX_ENTRIES);
        zip_discard(za);
        return -1;
    }
    uint64_t room = max_bytes > 0 ? (uint64_t)max_bytes : UINT64_MAX;
    int rc = 0;
    for (zip_int64_t i = 0; i < count && rc == 0; i++) {
        const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
        size_t len = name ? strlen(name) : 0;
        if (!name || len == 0 || name[len - 1] == '/')
            continue; /* a folder entry: folders are made as files need them */
        if (!safe_name(name))
            continue; /* hidden, system or unsafe names are never unpacked */
        char *path = ov_path_join(dir, name);
        int64_t got = unpack_entry(za, (zip_uint64_t)i, name, path, room);
        free(path);
        if (got == -2) {
            ov_err("the zip unpacks to more than the browser edition can hold; "
                   "run the command line on the unpacked folder instead");
            rc = -1;
        } else if (got < 0) {
            rc = -1;
        } else {
            room -= (uint64_t)got;
        }
    }
    zip_discard(za);
    return rc;
}

/* Compares two names for qsort. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Packs every regular file directly in dir (in name order) into a new zip at
 * zip_path. Returns 0, or -1 after one message. */
int ov_web_zip(const char *dir, const char *zip_path)
{
    DIR *dh = opendir(dir);
    if (!dh) {
        ov_err("%s: the outputs cannot be listed", dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *path = ov_path_join(dir, de->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            *OV_PUSH(names, n, cap) = ov_xstrdup(de->d_name);
        free(path);
    }
    closedir(dh);
    qsort(names, n, sizeof *names, by_name);
    int ze = 0, rc = 0;
    zip_t *za = zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!za) {
        ov_err("the zip of the outputs cannot be made");
        rc = -1;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = ov_path_join(dir, names[i]);
        zip_source_t *src = zip_source_file(za, path, 0, -1);
        if (!src || zip_file_add(za, names[i], src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(src);
            ov_err("%s: cannot be added to the zip (%s)", names[i], zip_strerror(za));
            rc = -1;
        }
        free(path);
    }
    if (za && rc == 0 && zip_close(za) != 0) {
        ov_err("the zip of the outputs cannot be written (%s)", zip_strerror(za));
        rc = -1;
    }
    if (za && rc != 0)
        zip_discard(za);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}
