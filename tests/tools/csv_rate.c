/* csv_rate.c — the plain parse rate of CSV files through libcsv alone, as the
 * floor against which ingest is measured:
 *
 *     csv_rate [-j THREADS] FILE...
 *
 * Reads each file in 1 MiB blocks through libcsv (strict mode, fields
 * NUL-terminated, as ingest configures it), counts records and fields and does
 * nothing else. With -j, THREADS threads take the files one at a time (as
 * oversight's threads take agencies), so the floor is measured on as many
 * cores as the program uses. Prints one line to standard output:
 *     records=N fields=N bytes=N seconds=S records_per_second=R threads=T
 * (records include each file's header line). Exit 0, or 1 on a read or parse
 * error. Self-contained: needs nothing from the project library. */
#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCK ((size_t)1 << 20)

typedef struct {
    unsigned long long records, fields;
} counts;

/* libcsv field callback: counts a field. */
static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((counts *)ctx)->fields++;
}

/* libcsv record callback: counts a record. */
static void on_record(int term, void *ctx)
{
    (void)term;
    ((counts *)ctx)->records++;
}

/* Returns seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses one file into c, adding its size to *bytes; returns 0 or -1 (message printed). */
static int parse_file(const char *path, char *buf, counts *c, unsigned long long *bytes)
{
    struct csv_parser p;
    int rc = -1;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "csv_rate: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
        fprintf(stderr, "csv_rate: out of memory\n");
        fclose(fp);
        return -1;
    }
    size_t n;
    while ((n = fread(buf, 1, BLOCK, fp)) > 0) {
        *bytes += n;
        if (csv_parse(&p, buf, n, on_field, on_record, c) != n) {
            fprintf(stderr, "csv_rate: %s: %s\n", path, csv_strerror(csv_error(&p)));
            goto out;
        }
    }
    if (ferror(fp)) {
        fprintf(stderr, "csv_rate: cannot read %s: %s\n", path, strerror(errno));
        goto out;
    }
    if (csv_fini(&p, on_field, on_record, c) != 0) {
        fprintf(stderr, "csv_rate: %s: %s\n", path, csv_strerror(csv_error(&p)));
        goto out;
    }
    rc = 0;
out:
    csv_free(&p);
    fclose(fp);
    return rc;
}

/* The files shared out between the threads. */
typedef struct {
    char **files;
    int nfiles, next;
    pthread_mutex_t lock;
    int failed;
} work;

/* One thread's share: its counts and bytes. */
typedef struct {
    work *w;
    counts c;
    unsigned long long bytes;
} share;

/* Thread: parses files one at a time until none is left or one failed. */
static void *worker(void *arg)
{
    share *sh = arg;
    work *w = sh->w;
    char *buf = malloc(BLOCK);
    if (!buf) {
        fprintf(stderr, "csv_rate: out of memory\n");
        pthread_mutex_lock(&w->lock);
        w->failed = 1;
        pthread_mutex_unlock(&w->lock);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&w->lock);
        int i = w->failed ? w->nfiles : w->next++;
        pthread_mutex_unlock(&w->lock);
        if (i >= w->nfiles)
            break;
        if (parse_file(w->files[i], buf, &sh->c, &sh->bytes) != 0) {
            pthread_mutex_lock(&w->lock);
            w->failed = 1;
            pthread_mutex_unlock(&w->lock);
        }
    }
    free(buf);
    return NULL;
}

/* Entry point: csv_rate [-j THREADS] FILE... */
int main(int argc, char **argv)
{
    int first = 1, threads = 1;
    if (argc > 2 && strcmp(argv[1], "-j") == 0) {
        threads = atoi(argv[2]);
        first = 3;
    }
    if (argc <= first || threads < 1 || threads > 64) {
        fprintf(stderr, "usage: csv_rate [-j THREADS] FILE...\n");
        return 2;
    }
    work w = {argv + first, argc - first, 0, PTHREAD_MUTEX_INITIALIZER, 0};
    share sh[64];
    pthread_t tid[64];
    int started[64] = {0};
    double t0 = now();
    for (int t = 0; t < threads; t++)
        sh[t] = (share){&w, {0, 0}, 0};
    for (int t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, worker, &sh[t]) == 0;
    worker(&sh[0]);
    for (int t = 1; t < threads; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
    double secs = now() - t0;
    if (w.failed)
        return 1;
    counts c = {0, 0};
    unsigned long long bytes = 0;
    for (int t = 0; t < threads; t++) {
        c.records += sh[t].c.records;
        c.fields += sh[t].c.fields;
        bytes += sh[t].bytes;
    }
    printf("records=%llu fields=%llu bytes=%llu seconds=%.3f records_per_second=%.0f threads=%d\n",
           c.records, c.fields, bytes, secs, secs > 0 ? (double)c.records / secs : 0.0, threads);
    return 0;
}
