/* test_outset.c — the output folder as one set (core/outset) and the file
 * functions under it (core/files): the manifest and its sums, nothing replaced
 * until commit, abort and a failing output leaving the folder as it was, the
 * previous manifest's and the stale names removed, the lock refusing a second
 * set, leftovers of killed runs removed, scratch files; input files opened only
 * when regular and inside their folder; small files put without overwriting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/files.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/msg.h"
#include "core/outset.h"

/* A fresh folder under TMPDIR; the caller frees the path. */
static char *fresh_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *d = ov_xasprintf("%s/ov-outset-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(d));
    return d;
}

/* Removes the plain files of a folder (and one level of folders), then it. */
static void remove_tree(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    while (dp && (e = readdir(dp))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = ov_path_join(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
        free(p);
    }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

/* The whole of dir/name as a malloc'd string, or NULL. */
static char *slurp(const char *dir, const char *name)
{
    char *p = ov_path_join(dir, name);
    FILE *fp = fopen(p, "rb");
    free(p);
    if (!fp)
        return NULL;
    ov_buf b = {0};
    ov_buf_add(&b, "", 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ov_buf_add(&b, chunk, n);
    fclose(fp);
    return ov_buf_detach(&b);
}

/* Writes text as dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
    char *p = ov_path_join(dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    free(p);
}

/* Entries of dir other than . and .. */
static int entries(const char *dir)
{
    DIR *dp = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dp)
        closedir(dp);
    return n;
}

/* Writes one output of text into the set. */
static int output(ov_outset *s, const char *name, const char *text)
{
    ov_outfile o;
    if (ov_outfile_open(&o, s, name) != 0)
        return -1;
    fputs(text, o.fp);
    return ov_outfile_close(&o);
}

static int quiet_level;

/* Silences the messages of the failure paths. */
static int quiet(void **state)
{
    (void)state;
    quiet_level = ov_msg_level();
    ov_msg_set_level(-1);
    return 0;
}

/* Restores the message level. */
static int loud(void **state)
{
    (void)state;
    ov_msg_set_level(quiet_level);
    return 0;
}

static void test_commit_writes_manifest_last(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "test", 1, &busy);
    assert_non_null(s);
    assert_int_equal(output(s, "b.csv", "b,1\n"), 0);
    assert_int_equal(output(s, "a.csv", "a\n"), 0);
    /* nothing is in place before the commit: only the lock and two temporaries */
    assert_null(slurp(dir, "a.csv"));
    assert_int_equal(entries(dir), 3);
    assert_int_equal(ov_outset_commit(s, "# run test - 2026-01-15 0.1.0"), 0);
    char sa[65], sb[65];
    ov_sha256_hex("a\n", 2, sa);
    ov_sha256_hex("b,1\n", 4, sb);
    char *want = ov_xasprintf("# run test - 2026-01-15 0.1.0\nfile,bytes,sha256\n"
                              "a.csv,2,%s\nb.csv,4,%s\n",
                              sa, sb);
    char *got = slurp(dir, "manifest.csv");
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
    free(want);
    got = slurp(dir, "b.csv");
    assert_string_equal(got, "b,1\n");
    free(got);
    assert_int_equal(entries(dir), 4); /* a, b, manifest, lock */
    remove_tree(dir);
    free(dir);
}

static void test_abort_and_failure_leave_the_folder(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "a.csv", "old\n"), 0);
    assert_int_equal(ov_outset_commit(s, "# run old"), 0);
    char *before = slurp(dir, "manifest.csv");

    /* abort: the new a.csv never replaces the old one */
    s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "a.csv", "new\n"), 0);
    ov_outset_abort(s);
    char *a = slurp(dir, "a.csv");
    assert_string_equal(a, "old\n");
    free(a);
    assert_int_equal(entries(dir), 3);

    /* a disk that fills up half-way: the output fails, so does the commit */
    setenv(OV_TEST_FAIL_ENV, "big.csv", 1);
    s = ov_outset_open(dir, "test", 1, &busy);
    unsetenv(OV_TEST_FAIL_ENV);
    assert_int_equal(output(s, "a.csv", "new\n"), 0);
    ov_outfile o;
    assert_int_equal(ov_outfile_open(&o, s, "big.csv"), 0);
    for (int i = 0; i < 10000; i++)
        fputs("0123456789", o.fp);
    assert_int_equal(ov_outfile_close(&o), -1);
    assert_true(ov_outset_failed(s));
    assert_int_equal(output(s, "c.csv", "c\n"), -1); /* a failed set takes nothing more */
    assert_int_equal(ov_outset_commit(s, "# run new"), -1);
    a = slurp(dir, "a.csv");
    assert_string_equal(a, "old\n");
    free(a);
    char *after = slurp(dir, "manifest.csv");
    assert_string_equal(after, before);
    assert_int_equal(entries(dir), 3);
    free(before);
    free(after);

    /* a renderer that gives up abandons its output; the set is then aborted */
    s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(ov_outfile_open(&o, s, "a.csv"), 0);
    fputs("half", o.fp);
    ov_outfile_abort(&o);
    assert_int_equal(ov_outset_commit(s, "# run new"), -1);
    assert_int_equal(entries(dir), 3);
    remove_tree(dir);
    free(dir);
}

static void test_old_outputs_removed(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "keep.csv", "1\n"), 0);
    assert_int_equal(output(s, "ids.csv", "S1\n"), 0);
    assert_int_equal(ov_outset_commit(s, "# run one"), 0);
    put(dir, "stale.csv", "S2\n");   /* named by no manifest */
    put(dir, "notes.txt", "mine\n"); /* someone else's file */

    s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "keep.csv", "2\n"), 0);
    ov_outset_remove_stale(s, "stale.csv");
    assert_int_equal(ov_outset_commit(s, "# run two"), 0);
    assert_null(slurp(dir, "ids.csv"));   /* the previous manifest named it */
    assert_null(slurp(dir, "stale.csv")); /* asked for */
    char *n = slurp(dir, "notes.txt");    /* never touched */
    assert_string_equal(n, "mine\n");
    free(n);
    remove_tree(dir);
    free(dir);
}

static void test_names_in_the_way(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    char *target = ov_path_join(dir, "target");
    put(dir, "target", "keep\n");
    char *link = ov_path_join(dir, "link.csv");
    assert_int_equal(symlink(target, link), 0);
    char *sub = ov_path_join(dir, "sub.csv");
    assert_int_equal(mkdir(sub, 0700), 0);
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "link.csv", "x\n"), -1);
    ov_outset_abort(s);
    s = ov_outset_open(dir, "test", 1, &busy);
    assert_int_equal(output(s, "sub.csv", "x\n"), -1);
    assert_int_equal(output(s, "../up.csv", "x\n"), -1);
    ov_outset_abort(s);
    char *t = slurp(dir, "target");
    assert_string_equal(t, "keep\n");
    free(t);
    free(target);
    free(link);
    free(sub);
    remove_tree(dir);
    free(dir);
}

static void test_lock_and_leftovers(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "first run", 1, &busy);
    assert_non_null(s);
    /* a second set on the same folder (another open file) finds it busy */
    ov_outset *t = ov_outset_open(dir, "second run", 1, &busy);
    assert_null(t);
    assert_int_equal(busy, 1);
    ov_outset_abort(s);

    /* a lock file this user may not write (another user's, on a shared drive) still locks;
     * root may write any file, so only an ordinary user sees the read-only path */
    char *lock = ov_path_join(dir, OV_LOCK_NAME);
    assert_int_equal(chmod(lock, 0444), 0);
    s = ov_outset_open(dir, "read-only lock", 1, &busy);
    assert_non_null(s);
    t = ov_outset_open(dir, "second run", 1, &busy);
    assert_null(t);
    ov_outset_abort(s);
    assert_int_equal(chmod(lock, 0644), 0);
    free(lock);

    put(dir, OV_TMP_PREFIX "00112233aabbccdd", "half");
    put(dir, ".metrics.csv.tmp.4242", "half");
    put(dir, ".hidden.tmp.x", "not ours");
    char *scratch = ov_path_join(dir, OV_TMP_PREFIX "ffeeddccbbaa9988");
    assert_int_equal(mkdir(scratch, 0700), 0);
    put(scratch, "scratch", "PK");
    busy = 0;
    s = ov_outset_open(dir, "third run", 1, &busy);
    assert_non_null(s);
    assert_int_equal(busy, 0);
    ov_outset_abort(s);
    assert_int_equal(entries(dir), 2); /* the lock and .hidden.tmp.x */
    char *h = slurp(dir, ".hidden.tmp.x");
    assert_string_equal(h, "not ours");
    free(h);
    free(scratch);
    remove_tree(dir);
    free(dir);
}

static void test_scratch(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    int busy = 0;
    ov_outset *s = ov_outset_open(dir, "test", 1, &busy);
    ov_scratch sc;
    assert_int_equal(ov_scratch_open(s, &sc), 0);
    FILE *fp = fopen(sc.path, "wb"); /* as a library writing by name does */
    assert_non_null(fp);
    fputs("workbook bytes", fp);
    fclose(fp);
    assert_int_equal(ov_outfile_from_scratch(s, "book.xlsx", &sc), 0);
    ov_scratch_close(s, &sc);
    assert_int_equal(ov_outset_commit(s, "# run test"), 0);
    char *b = slurp(dir, "book.xlsx");
    assert_string_equal(b, "workbook bytes");
    free(b);
    assert_int_equal(entries(dir), 3);
    remove_tree(dir);
    free(dir);
}

static void test_input_open(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    char *data = ov_path_join(dir, "data");
    assert_int_equal(mkdir(data, 0700), 0);
    put(data, "real.csv", "a,b\n");
    put(dir, "outside.csv", "secret\n");
    char *p;
    /* a symlink inside the folder, one out of it, one to nothing */
    p = ov_path_join(data, "inside.csv");
    assert_int_equal(symlink("real.csv", p), 0);
    free(p);
    p = ov_path_join(data, "out.csv");
    assert_int_equal(symlink("../outside.csv", p), 0);
    free(p);
    p = ov_path_join(data, "none.csv");
    assert_int_equal(symlink("nowhere.csv", p), 0);
    free(p);
    p = ov_path_join(data, "fifo.csv");
    assert_int_equal(mkfifo(p, 0600), 0);
    free(p);
    p = ov_path_join(data, "dir.csv");
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
    char *root = realpath(data, NULL);
    static const struct {
        const char *name;
        enum ov_input_status st;
        const char *words;
    } cases[] = {
        {"real.csv", OV_INPUT_OK, NULL},
        {"inside.csv", OV_INPUT_OK, NULL},
        {"missing.csv", OV_INPUT_MISSING, NULL},
        {"out.csv", OV_INPUT_UNUSABLE, "outside the data folder"},
        {"none.csv", OV_INPUT_UNUSABLE, "leads to nothing"},
        {"fifo.csv", OV_INPUT_UNUSABLE, "named pipe"},
        {"dir.csv", OV_INPUT_UNUSABLE, "folder"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        p = ov_path_join(data, cases[i].name);
        int fd = -1;
        uint64_t size = 0;
        const char *why = NULL;
        assert_int_equal(ov_input_open(root, p, &fd, &size, &why), cases[i].st);
        if (cases[i].st == OV_INPUT_OK) {
            assert_true(fd >= 0);
            assert_int_equal(size, 4);
            close(fd);
        } else {
            assert_int_equal(fd, -1);
        }
        if (cases[i].words)
            assert_non_null(strstr(why, cases[i].words));
        free(p);
    }
    free(root);
    free(data);
    remove_tree(dir);
    free(dir);
}

static void test_file_put(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    assert_int_equal(ov_file_put(dir, "t.csv", "one\n", 4, 0), 0);
    assert_int_equal(ov_file_put(dir, "t.csv", "two\n", 4, 0), -1);
    assert_int_equal(errno, EEXIST);
    char *t = slurp(dir, "t.csv");
    assert_string_equal(t, "one\n");
    free(t);
    assert_int_equal(ov_file_put(dir, "t.csv", "two\n", 4, 1), 0);
    t = slurp(dir, "t.csv");
    assert_string_equal(t, "two\n");
    free(t);
    char *target = ov_path_join(dir, "t.csv");
    char *link = ov_path_join(dir, "l.csv");
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(ov_file_put(dir, "l.csv", "three\n", 6, 1), -1);
    assert_int_equal(errno, ELOOP);
    t = slurp(dir, "t.csv");
    assert_string_equal(t, "two\n");
    free(t);
    assert_int_equal(entries(dir), 2); /* no temporary file left */
    free(target);
    free(link);
    remove_tree(dir);
    free(dir);
}

static void test_words_and_names(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(ov_errno_words(ENOSPC, buf, sizeof buf), "no space left on device");
    const char *w = ov_errno_words(EXDEV, buf, sizeof buf);
    assert_true(w[0] >= 'a' && w[0] <= 'z');
    char a[32], b[32];
    ov_tmp_name(a);
    ov_tmp_name(b);
    assert_int_equal(strlen(a), strlen(OV_TMP_PREFIX) + 16);
    assert_memory_equal(a, OV_TMP_PREFIX, strlen(OV_TMP_PREFIX));
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_writes_manifest_last),
        cmocka_unit_test_setup_teardown(test_abort_and_failure_leave_the_folder, quiet, loud),
        cmocka_unit_test_setup_teardown(test_old_outputs_removed, quiet, loud),
        cmocka_unit_test_setup_teardown(test_names_in_the_way, quiet, loud),
        cmocka_unit_test_setup_teardown(test_lock_and_leftovers, quiet, loud),
        cmocka_unit_test(test_scratch),
        cmocka_unit_test(test_input_open),
        cmocka_unit_test(test_file_put),
        cmocka_unit_test(test_words_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
