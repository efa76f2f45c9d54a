/* test_strtab.c — the string intern table (core/strtab): every byte of a
 * string counts in its hash, whatever its length (the bytes after the last
 * whole word are read in overlapping loads), and interning, finding and
 * values survive the table growing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/strtab.h"

/* A string of every length to 40 changed in one byte anywhere hashes
 * differently, and so does the same bytes one longer or shorter. */
static void test_hash_every_byte_counts(void **state)
{
    (void)state;
    char a[48], b[48];
    for (size_t len = 0; len <= 40; len++) {
        for (size_t i = 0; i < sizeof a; i++)
            a[i] = (char)('a' + (i * 7) % 26);
        uint64_t h = ov_hash_bytes(a, len);
        assert_int_equal(h, ov_hash_bytes(a, len)); /* the same bytes, the same hash */
        if (len)
            assert_true(h != ov_hash_bytes(a, len - 1));
        assert_true(h != ov_hash_bytes(a, len + 1));
        for (size_t at = 0; at < len; at++) {
            memcpy(b, a, sizeof a);
            b[at] ^= 0x20;
            assert_true(ov_hash_bytes(b, len) != h);
            /* only len bytes are read: a change past the end does not count */
            memcpy(b, a, sizeof a);
            b[len] ^= 0x20;
            assert_int_equal(ov_hash_bytes(b, len), h);
        }
    }
}

/* Interned strings come back by index and are found again after the table
 * has grown many times; values stay with their strings. */
static void test_intern_and_find(void **state)
{
    (void)state;
    ov_strtab t;
    memset(&t, 0, sizeof t);
    char id[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(id, sizeof id, "S%07d", i);
        int added = 0;
        uint32_t k = ov_strtab_intern(&t, id, (size_t)n, &added);
        assert_true(added);
        assert_int_equal(k, (uint32_t)i);
        t.value[k] = i * 3;
    }
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(id, sizeof id, "S%07d", i);
        int64_t k = ov_strtab_find(&t, id, (size_t)n);
        assert_int_equal(k, i);
        assert_int_equal(t.value[k], i * 3);
        assert_string_equal(ov_strtab_get(&t, (uint32_t)k), id);
        int added = 1;
        assert_int_equal(ov_strtab_intern(&t, id, (size_t)n, &added), (uint32_t)i);
        assert_false(added);
    }
    assert_int_equal(ov_strtab_find(&t, "S", 1), -1);
    assert_int_equal(ov_strtab_find(&t, "", 0), -1);
    ov_strtab_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_every_byte_counts),
        cmocka_unit_test(test_intern_and_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
