/* test_staff.c - beatsim staff's search and the Erlang C model beside it.
 *
 * Known answers:
 *  - Erlang C per cell: on one station with Poisson calls, no travel, no
 *    dispatch delay and exponential scenes, analytic_eval gives
 *    mmc_erlang_c's P(wait) and mean wait exactly (one priority), and
 *    Cobham's priority waits (computed here by hand) with two.
 *  - The search on the same station: for a P(wait) target and for a
 *    share-within-T target the plan equals the smallest c that Erlang C
 *    gives for the target, computed here with mmc_erlang_c and the
 *    M/M/c wait tail P(W > T) = C exp(-(c mu - lambda) T). The cases are
 *    chosen so that c and c - 1 sit far on either side of the target
 *    (P(wait) 0.036 and 0.099 against 0.06; within 15 min 0.978 and 0.913
 *    against 0.95): with 6 replications of 200 days (about 170,000 calls
 *    an evaluation) the bounds' half-widths are below 0.005, so a wrong
 *    verdict needs an error of over 5 standard errors (chance below
 *    1e-6 per comparison, a few dozen comparisons in all).
 *  - Two stations with help across stations: the plan's total equals the
 *    fewest total of an exhaustive search over 1..4 officers in each
 *    station, evaluated by the same confirmation rule, and the plan is
 *    confirmed; with staffing.patience 1 the same search stops (status
 *    settled) one evaluation after its best confirmed plan, with that plan.
 * Seeds are fixed (scenario seed 1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analytic.h"
#include "mmc.h"
#include "staff.h"
#include "world_fixture.h"

static void set_target(scenario *s, const char *text)
{
    char msg[256];
    assert_int_equal(staffing_target_parse(text, &s->staffing.targets[0], msg, sizeof msg), 0);
    s->staffing.ntargets = 1;
}

/* Erlang C per cell equals mmc_erlang_c; two priorities follow Cobham. */
static void test_analytic_erlang(void **state)
{
    (void)state;
    scenario s;
    erlang_station(&s, 144); /* 0.1 a minute x 30 min = 3 Erlangs */
    built b;
    build(&b, &s);
    analytic_demand d;
    assert_int_equal(analytic_demand_init(&d, &s, &b.c, &b.r, 0), 0);
    for (unsigned c = 4; c <= 8; c++) {
        analytic_cell a;
        mmc_theory th;
        analytic_eval(&d, 0, 0, c, &a);
        assert_int_equal(mmc_erlang_c(c, 0.1, 1.0 / 30, &th), 0);
        assert_float_equal(a.lambda, 0.1, 1e-12);
        assert_float_equal(a.servers, c, 1e-12);
        /* (the point beat's travel, 1e-5 min, is all that differs) */
        assert_float_equal(a.p_wait, th.p_wait, 1e-6);
        assert_float_equal(a.wait_mean_min[0], th.wait_mean_min, 1e-4);
        assert_float_equal(a.util, 3.0 / c, 1e-6);
        /* within T: 1 - C exp(-(c mu - lambda) T) */
        double T = 15;
        assert_float_equal(analytic_within(&d, 0, &a, 1, T),
                           1 - th.p_wait * exp(-(c / 30.0 - 0.1) * T), 1e-6);
    }
    analytic_cell a;
    analytic_eval(&d, 0, 0, 3, &a); /* a = c: unstable */
    assert_float_equal(a.p_wait, 1, 0);
    assert_true(isinf(a.wait_mean_min[0]));
    analytic_demand_free(&d);
    unbuild(&b);

    /* two priorities: W_p = C / (c mu (1 - s_{p-1}) (1 - s_p)) */
    s.ntypes = 2;
    flat_type(&s.types[0], "urgent", 48, 1, 30);
    flat_type(&s.types[1], "routine", 96, 2, 30);
    build(&b, &s);
    assert_int_equal(analytic_demand_init(&d, &s, &b.c, &b.r, 0), 0);
    analytic_eval(&d, 0, 0, 5, &a);
    mmc_theory th;
    mmc_erlang_c(5, 0.1, 1.0 / 30, &th);
    double cmu = 5 / 30.0, s1 = (48 / 1440.0) / cmu, s2 = 0.1 / cmu;
    assert_float_equal(a.wait_mean_min[0], th.p_wait / (cmu * (1 - s1)), 1e-5);
    assert_float_equal(a.wait_mean_min[1], th.p_wait / (cmu * (1 - s1) * (1 - s2)), 1e-5);
    /* the overall mean wait is Erlang C's (conservation) */
    assert_float_equal((48 * a.wait_mean_min[0] + 96 * a.wait_mean_min[1]) / 144,
                       th.wait_mean_min, 1e-5);
    analytic_demand_free(&d);
    unbuild(&b);
    scenario_free(&s);
}

/* The smallest c whose Erlang C P(wait) is at most x (lambda, mu). */
static unsigned erlang_c_for_pwait(double lambda, double mu, double x)
{
    for (unsigned c = 1;; c++) {
        mmc_theory th;
        if (mmc_erlang_c(c, lambda, mu, &th) == 0 && th.p_wait <= x)
            return c;
    }
}

/* The smallest c with P(W <= T) >= share. */
static unsigned erlang_c_for_within(double lambda, double mu, double T, double share)
{
    for (unsigned c = 1;; c++) {
        mmc_theory th;
        if (mmc_erlang_c(c, lambda, mu, &th) == 0 &&
            1 - th.p_wait * exp(-(c * mu - lambda) * T) >= share)
            return c;
    }
}

static void search_one(scenario *s, int want)
{
    staff_opts o = {.jobs = 2};
    staff_result r;
    assert_int_equal(staff_search(s, &o, &r, stderr), 0);
    printf("  %s: plan %d (today %.2f, Erlang C start %d), %d evaluations, status %d, "
           "estimate %.4f bound %.4f\n",
           s->staffing.targets[0].text, r.plan[0], r.today[0], r.analytic[0], r.evaluations,
           (int)r.status, r.cell[0].est, r.cell[0].bound);
    assert_int_equal(r.status, STAFF_DONE);
    assert_int_equal(r.plan[0], want);
    assert_true(r.cell[0].met);
    staff_result_free(&r);
}

static void test_search_erlang(void **state)
{
    (void)state;
    scenario s;
    erlang_station(&s, 144);
    unsigned c1 = erlang_c_for_pwait(0.1, 1.0 / 30, 0.06);
    assert_int_equal(c1, 7); /* P(wait) 0.036 at 7, 0.099 at 6 */
    set_target(&s, "pwait=0.06");
    search_one(&s, (int)c1);
    unsigned c2 = erlang_c_for_within(0.1, 1.0 / 30, 15, 0.95);
    assert_int_equal(c2, 6); /* within 15 min: 0.978 at 6, 0.913 at 5 */
    set_target(&s, "p95_p1=15");
    search_one(&s, (int)c2);
    scenario_free(&s);
}

/* Two stations 3 km apart, help across stations: the search's total is
 * the exhaustive search's fewest. */
static void test_search_two_stations(void **state)
{
    (void)state;
    scenario s;
    erlang_pair(&s, 72, (const double[2]){1000, 500}, 3.0);
    s.days = 100;
    set_target(&s, "pwait=0.1");
    built b;
    build(&b, &s);
    staff_opts o = {.jobs = 2};
    int best = 99, plan[2];
    staff_stat cell[2], whole[2];
    for (plan[0] = 1; plan[0] <= 4; plan[0]++)
        for (plan[1] = 1; plan[1] <= 4; plan[1]++) {
            int fails = staff_evaluate(&s, &b.c, 0, plan, &o, cell, whole, NULL, stderr);
            assert_true(fails >= 0);
            if (fails == 0 && plan[0] + plan[1] < best)
                best = plan[0] + plan[1];
        }
    assert_true(best < 99);
    staff_result r;
    assert_int_equal(staff_search(&s, &o, &r, stderr), 0);
    printf("  two stations: plan %d + %d, exhaustive fewest %d, %d evaluations\n", r.plan[0],
           r.plan[1], best, r.evaluations);
    assert_int_equal(r.status, STAFF_DONE);
    assert_int_equal(r.plan[0] + r.plan[1], best);
    assert_int_equal(staff_evaluate(&s, &b.c, 0, r.plan, &o, cell, whole, NULL, stderr), 0);
    staff_result_free(&r);
    unbuild(&b);
    scenario_free(&s);
}

/* The search's round lines (staff_opts.progress), kept in order. */
typedef struct rounds_seen {
    int n;
    long total[64];
    int fails[64];
} rounds_seen;

static void keep_round(const char *line, void *ctx)
{
    rounds_seen *r = ctx;
    int round, fails;
    long total;
    assert_int_equal(sscanf(line, "round %d: %ld officer-blocks, %d", &round, &total, &fails), 3);
    assert_true(r->n < 64);
    r->total[r->n] = total;
    r->fails[r->n++] = fails;
}

/* staffing.patience: on the two-station case the search stops, status
 * settled, as soon as `patience` evaluations in a row after the best
 * confirmed plan confirmed none smaller; the plan returned is that best
 * one, and patience 0 (never) searches on to the end (status done). */
static void test_search_patience(void **state)
{
    (void)state;
    scenario s;
    erlang_pair(&s, 72, (const double[2]){1000, 500}, 3.0);
    s.days = 100;
    set_target(&s, "pwait=0.1");
    staff_opts o = {.jobs = 2, .progress = keep_round};
    rounds_seen all = {0}, one = {0};
    staff_result r0, r1;
    s.staffing.patience = 0;
    o.ctx = &all;
    assert_int_equal(staff_search(&s, &o, &r0, stderr), 0);
    assert_int_equal(r0.status, STAFF_DONE);
    s.staffing.patience = 1;
    o.ctx = &one;
    assert_int_equal(staff_search(&s, &o, &r1, stderr), 0);
    printf("  patience 0: %d evaluations, status %d; patience 1: %d evaluations, status %d\n",
           r0.evaluations, r0.status, r1.evaluations, r1.status);
    /* the same search up to where patience 1 stops */
    assert_int_equal(one.n, r1.evaluations);
    for (int i = 0; i < one.n; i++) {
        assert_int_equal(one.total[i], all.total[i]);
        assert_int_equal(one.fails[i], all.fails[i]);
    }
    /* where it stopped: the last evaluation confirmed nothing smaller than
       the best confirmed before it, and the plan is that best */
    long best = -1;
    for (int i = 0; i < one.n - 1; i++)
        if (one.fails[i] == 0 && (best < 0 || one.total[i] < best))
            best = one.total[i];
    assert_true(best > 0);
    assert_int_equal(r1.status, STAFF_SETTLED);
    assert_true(r1.evaluations < r0.evaluations);
    assert_true(one.fails[one.n - 1] > 0 || one.total[one.n - 1] >= best);
    assert_int_equal(r1.plan[0] + r1.plan[1], best);
    staff_result_free(&r0);
    staff_result_free(&r1);
    scenario_free(&s);
}

/* Targets as written: good ones and every kind of bad one. */
static void test_target_parse(void **state)
{
    (void)state;
    staff_target t;
    char msg[256];
    assert_int_equal(staffing_target_parse("p90_p1=15", &t, msg, sizeof msg), 0);
    assert_int_equal(t.measure, MEASURE_WITHIN);
    assert_int_equal(t.priority, 1);
    assert_float_equal(t.share, 0.9, 1e-12);
    assert_float_equal(t.max, 15, 0);
    assert_int_equal(t.per_station, 0);
    assert_int_equal(staffing_target_parse(" pwait = 0.05 @ station", &t, msg, sizeof msg), 0);
    assert_int_equal(t.measure, MEASURE_PWAIT);
    assert_int_equal(t.per_station, 1);
    assert_int_equal(staffing_target_parse("mean_p2=20@block", &t, msg, sizeof msg), 0);
    assert_int_equal(t.measure, MEASURE_MEAN);
    assert_int_equal(t.priority, 2);
    assert_int_equal(staffing_target_parse("util=0.6", &t, msg, sizeof msg), 0);
    assert_int_equal(staffing_target_parse("gap=0", &t, msg, sizeof msg), 0);
    static const char *const bad[] = {
        "", "p90_p1", "=15", "p90_p4=15", "p0_p1=15", "p100_p1=15", "p09_p1=15", "p90_p1=0",
        "p90_p1=1441", "p90_p1=abc", "p90_p1=15@week", "p90_p1=15 x", "pwait=1", "pwait=0",
        "util=1.5", "gap=1", "mean_p0=10", "mean_p12=10", "speed=3", "p90_p1=nan",
        "p90_p1=15@", "a_very_long_target_name_beyond=1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        msg[0] = '\0';
        if (staffing_target_parse(bad[i], &t, msg, sizeof msg) == 0)
            fail_msg("accepted bad target \"%s\"", bad[i]);
        assert_true(strstr(msg, "expected") != NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_parse),
        cmocka_unit_test(test_analytic_erlang),
        cmocka_unit_test(test_search_erlang),
        cmocka_unit_test(test_search_two_stations),
        cmocka_unit_test(test_search_patience),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
