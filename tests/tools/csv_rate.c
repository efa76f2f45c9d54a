/* csv_rate.c — the plain parse rate of CSV files through libcsv alone, as the
 * floor against which ingest is measured:
 *
 *     csv_rate FILE...
 *
 * Reads each file in 1 MiB blocks through libcsv (strict mode, fields
 * NUL-terminated, as ingest configures it), counts records and fields and does
 * nothing else. Prints one line to standard output:
 *     records=N fields=N bytes=N seconds=S records_per_second=R
 * (records include each file's header line). Exit 0, or 1 on a read or parse
 * error. Self-contained: needs nothing from the project library. */
#include <csv.h>
#include <errno.h>
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

/* Entry point: csv_rate FILE... */
int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: csv_rate FILE...\n");
        return 2;
    }
    char *buf = malloc(BLOCK);
    if (!buf) {
        fprintf(stderr, "csv_rate: out of memory\n");
        return 1;
    }
    counts c = {0, 0};
    unsigned long long bytes = 0;
    int rc = 0;
    double t0 = now();
    for (int i = 1; i < argc && rc == 0; i++)
        rc = parse_file(argv[i], buf, &c, &bytes);
    double secs = now() - t0;
    free(buf);
    if (rc != 0)
        return 1;
    printf("records=%llu fields=%llu bytes=%llu seconds=%.3f records_per_second=%.0f\n", c.records,
           c.fields, bytes, secs, secs > 0 ? (double)c.records / secs : 0.0);
    return 0;
}
