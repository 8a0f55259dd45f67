/* test_report_numbers.c - how the summary and report.html print numbers:
 * digits chosen from the interval's width, constants without an interval,
 * shares' intervals within [0, 100 %], labels of measures. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static sim_ci ci(size_t n, double mean, double half)
{
    return (sim_ci){n, mean, n >= 2 ? half : NAN, n >= 2 ? half : NAN, mean - half, mean + half};
}

static void expect_fmt(sim_ci c, double scale, int sign, const char *want)
{
    char buf[96];
    report_fmt_ci(buf, sizeof buf, c, scale, sign);
    if (strcmp(buf, want))
        fail_msg("formatted \"%s\", expected \"%s\"", buf, want);
}

/* The half-width's second significant digit is the last digit shown. */
static void digits_follow_the_interval(void **state)
{
    (void)state;
    expect_fmt(ci(10, 3.5512, 0.0734), 1, 1, "+3.551 [3.478, 3.625]");
    expect_fmt(ci(10, 3.5512, 0.734), 1, 1, "+3.55 [2.82, 4.29]");
    expect_fmt(ci(10, 30712.4, 1104.2), 1, 0, "30700 [29600, 31800]");
    expect_fmt(ci(10, -44.2, 25.6), 1, 1, "-44 [-70, -19]");
    /* shares in % */
    expect_fmt(ci(5, 0.015, 0.0031), 100, 0, "1.50 [1.19, 1.81]");
    /* never "-0" */
    expect_fmt(ci(5, -0.0004, 0.3), 1, 1, "0.00 [-0.30, 0.30]");
}

/* No interval: one replication, or a constant; 4 significant digits,
 * whole numbers as such, no exponent. */
static void constants_and_single_values(void **state)
{
    (void)state;
    sim_ci one = ci(1, 6.13456, NAN);
    expect_fmt(one, 1, 0, "6.135");
    sim_ci cst = {10, 400, 0, 0, 400, 400};
    expect_fmt(cst, 1, 0, "400");
    /* constant up to rounding in the sums */
    sim_ci near = {10, 10.000000000001, 1e-12, 1e-12, 10, 10.000000000002};
    expect_fmt(near, 1, 0, "10");
    sim_ci small = ci(1, 8.575e-05, NAN);
    expect_fmt(small, 100, 0, "0.008575");
    sim_ci none = ci(0, NAN, NAN);
    expect_fmt(none, 1, 0, "-");
    char buf[32];
    assert_string_equal(report_fmt(buf, sizeof buf, 1234567.8), "1234568");
    assert_string_equal(report_fmt(buf, sizeof buf, 0.000123456), "0.000123");
}

/* A share that is 0 in most replications: the Student-t interval goes
 * below 0; the reported one stops at 0 (and a difference of shares stays
 * within [-1, 1]). */
static void share_intervals_stay_in_range(void **state)
{
    (void)state;
    world_metric names[2] = {{"waited_share", 0}, {"overtime_hours", 0}};
    double v[5 * 2] = {0, 0, 0, 0, 0, 0, 0, 0, 0.0004, 0};
    vtable t = {names, v, 2, 5};
    double scratch[5];
    sim_ci c = vtable_ci(&t, 0, scratch);
    assert_true(c.low >= 0);
    assert_true(c.high <= 1);
    assert_true(c.mean > 0 && c.high > c.mean);
    /* the unclipped interval would have gone below 0 */
    assert_true(c.mean - c.half < 0);
    /* nearly-one shares stop at 1 */
    double w[5] = {1, 1, 1, 1, 0.999};
    world_metric one[1] = {{"within_target_share", 0}};
    vtable u = {one, w, 1, 5};
    sim_ci d = vtable_ci(&u, 0, scratch);
    assert_true(d.high <= 1 && d.mean + d.half > 1);
    /* a difference of shares */
    double a[5] = {1, 0, 1, 0, 1}, b[5] = {0, 0, 0, 0, 0};
    vtable ta = {one, a, 1, 5}, tb = {one, b, 1, 5};
    sim_ci e = vtable_diff_ci(&ta, 0, &tb, 0, scratch);
    assert_true(e.low >= -1 && e.high <= 1 && e.mean + e.half > 1);
}

/* Labels: the main table's own, a parent row's prefix for indented rows,
 * one made from the name otherwise. */
static void labels(void **state)
{
    (void)state;
    char label[96];
    report_row r = report_measure("response_p1_mean_min", label, sizeof label);
    assert_string_equal(r.label, "response time, priority 1, mean");
    assert_string_equal(r.unit, "min");
    r = report_measure("within_target_p1_share", label, sizeof label);
    assert_string_equal(r.label, "reached within target, priority 1");
    assert_true(r.scale == 100);
    r = report_measure("offender_pool_end", label, sizeof label);
    assert_string_equal(r.label, "active offenders at the end");
    r = report_measure("response_first_patrol_mean_min", label, sizeof label);
    assert_string_equal(r.label, "response first patrol mean");
    assert_string_equal(r.unit, "min");
    r = report_measure("cleared_share", label, sizeof label);
    assert_true(r.scale == 100 && !strcmp(r.unit, "%"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(digits_follow_the_interval),
        cmocka_unit_test(constants_and_single_values),
        cmocka_unit_test(share_intervals_stay_in_range),
        cmocka_unit_test(labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
