/* fuzz_ingest.c — libFuzzer harness for the whole ingest of a data folder. The
 * input is cut at each 0x1E byte (the ASCII record separator) into files, in
 * this order: agencies.csv, actions.csv, commentary.csv, then the seven
 * datasets of agency A1 and the seven of A2 (staff, sessions, cases,
 * case_oversight, assessments, group_sessions, absences). A piece the input
 * does not reach is a file not sent; an empty piece is an empty file. They are
 * written into a scratch data folder that ov_ingest_load reads with the
 * templates of OV_FUZZ_TEMPLATES (default: templates, from the project root).
 * Promises checked: every file's rows read = accepted + rejected, an unusable
 * or missing file has no rows, every issue has a rule code of its severity,
 * and no issue's field or reason holds invalid UTF-8 or text past its end. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/msg.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "metrics/metric_defs.h"

#ifndef OV_FUZZ_TEMPLATES
#define OV_FUZZ_TEMPLATES "templates"
#endif

/* Aborts (a crash for the fuzzer) when a promise is broken. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            abort();                                                                               \
    } while (0)

#define NPIECES (OV_DS_FIRST_AGENCY + 2 * (OV_DS_COUNT - OV_DS_FIRST_AGENCY))

static char root[256];

/* Removes the scratch folder at exit. */
static void cleanup(void)
{
    char path[320];
    for (int i = 0; i < NPIECES; i++) {
        const char *agency = i < OV_DS_FIRST_AGENCY ? NULL : i < OV_DS_COUNT ? "A1" : "A2";
        int ds = i < OV_DS_COUNT ? i : i - (OV_DS_COUNT - OV_DS_FIRST_AGENCY);
        snprintf(path, sizeof path, "%s/%s%s%s", root, agency ? agency : "", agency ? "/" : "",
                 ov_dataset_file((enum ov_dataset)ds));
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/A1", root);
    rmdir(path);
    snprintf(path, sizeof path, "%s/A2", root);
    rmdir(path);
    rmdir(root);
}

/* Makes the scratch data folder once; returns 0 or -1. */
static int setup(void)
{
    if (root[0])
        return 0;
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/ov-fuzz-ingest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        root[0] = '\0';
        return -1;
    }
    char path[320];
    snprintf(path, sizeof path, "%s/A1", root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/A2", root);
    mkdir(path, 0700);
    atexit(cleanup);
    ov_msg_set_level(-1); /* silent: nothing the ingest says is of use here */
    return 0;
}

/* Writes piece i of the input (NULL: the file is not sent). */
static void put(int i, const uint8_t *data, size_t len)
{
    char path[320];
    const char *agency = i < OV_DS_FIRST_AGENCY ? NULL : i < OV_DS_COUNT ? "A1" : "A2";
    int ds = i < OV_DS_COUNT ? i : i - (OV_DS_COUNT - OV_DS_FIRST_AGENCY);
    snprintf(path, sizeof path, "%s/%s%s%s", root, agency ? agency : "", agency ? "/" : "",
             ov_dataset_file((enum ov_dataset)ds));
    unlink(path);
    if (!data)
        return;
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL);
    CHECK(len == 0 || fwrite(data, 1, len, fp) == len);
    CHECK(fclose(fp) == 0);
}

/* Checks one file's counts. */
static void check_file(const ov_file_info *fi)
{
    CHECK(fi->rows_read == fi->rows_accepted + fi->rows_rejected);
    if (fi->status != OV_FILE_RECEIVED)
        CHECK(fi->rows_read == 0);
}

/* Checks one text of an issue: valid UTF-8 and as long as strlen says. */
static void check_text(const char *s)
{
    CHECK(s != NULL);
    CHECK(ov_utf8_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer entry point: one input per call; never fails, crashes on a broken promise. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (setup() != 0)
        return 0;
    size_t start = 0;
    for (int i = 0; i < NPIECES; i++) {
        if (start > size) {
            put(i, NULL, 0);
            continue;
        }
        const uint8_t *sep = memchr(data + start, 0x1E, size - start);
        size_t end = sep ? (size_t)(sep - data) : size;
        put(i, data + start, end - start);
        start = sep ? end + 1 : size + 1;
    }
    ov_ingest_config cfg = {
        .templates_dir = OV_FUZZ_TEMPLATES, .profile = NULL, .metric_find = ov_metric_find};
    ov_data d;
    enum ov_ingest_status st = ov_ingest_load(root, &cfg, &d);
    CHECK(st == OV_INGEST_OK || st == OV_INGEST_NO_INPUT);
    for (int ds = 0; ds < OV_DS_FIRST_AGENCY; ds++)
        check_file(&d.files[ds]);
    CHECK(d.nagencies <= 2 || !d.self_audit);
    for (size_t a = 0; a < d.nagencies; a++)
        for (int ds = OV_DS_FIRST_AGENCY; ds < OV_DS_COUNT; ds++)
            check_file(&d.agencies[a].files[ds]);
    for (size_t i = 0; i < d.nissues; i++) {
        const ov_issue *is = &d.issues[i];
        CHECK(is->code && (is->code[0] == 'E' || is->code[0] == 'W' || is->code[0] == 'I'));
        CHECK((is->code[0] == 'E') == (is->severity == OV_SEV_REJECTED));
        check_text(is->field);
        check_text(is->reason);
    }
    ov_data_free(&d);
    return 0;
}
