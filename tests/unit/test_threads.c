/* test_threads.c — the thread count of a parallel step (core/threads). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/threads.h"

/* The number asked for, capped by the work and OV_MAX_THREADS, at least 1. */
static void test_threads_for(void **state)
{
    (void)state;
    assert_int_equal(ov_threads_for(1, 150), 1);
    assert_int_equal(ov_threads_for(2, 150), 2);
    assert_int_equal(ov_threads_for(8, 3), 3);
    assert_int_equal(ov_threads_for(4, 0), 1);
    assert_int_equal(ov_threads_for(1000, 1000), OV_MAX_THREADS);
    size_t dflt = ov_threads_for(0, 1000);
    assert_true(dflt >= 1 && dflt <= OV_MAX_THREADS);
    assert_int_equal(ov_threads_for(-3, 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_for),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
