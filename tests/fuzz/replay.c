/* replay.c — runs a libFuzzer harness over stored inputs without fuzzing: each
 * file named on the command line, and each file in each folder named (in name
 * order), is fed once to LLVMFuzzerTestOneInput. make test builds it with the
 * normal compiler and links it with every harness, so that an input a fuzzer
 * once crashed on stays fixed. Prints "replayed N inputs"; a broken promise
 * aborts. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds one file to the harness; returns 0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    ov_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ov_buf_add(&b, chunk, n);
    fclose(fp);
    /* an exact-size copy, so that a read past the end is caught by the sanitizers */
    uint8_t *data = malloc(b.len ? b.len : 1);
    if (!data) {
        ov_buf_free(&b);
        return -1;
    }
    if (b.len)
        memcpy(data, b.s, b.len);
    LLVMFuzzerTestOneInput(data, b.len);
    free(data);
    ov_buf_free(&b);
    return 0;
}

/* Orders names bytewise. */
static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every regular file of a folder, in name order; returns the count or -1. */
static long replay_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "replay: cannot read %s\n", dir);
        return -1;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.')
            *OV_PUSH(names, count, cap) = ov_xasprintf("%s/%s", dir, e->d_name);
    closedir(dp);
    if (count)
        qsort(names, count, sizeof *names, name_cmp);
    long n = 0;
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(names[i]) != 0)
                n = -1;
            else if (n >= 0)
                n++;
        }
        free(names[i]);
    }
    free(names);
    return n;
}

/* Replays every file and folder named; exit status 0, or 2 when one cannot be read. */
int main(int argc, char **argv)
{
    long total = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        long n = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? replay_dir(argv[i])
                                                                : (replay_file(argv[i]) ? -1 : 1);
        if (n < 0)
            rc = 2;
        else
            total += n;
    }
    printf("replayed %ld inputs\n", total);
    return rc;
}
