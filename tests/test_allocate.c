/* test_allocate.c - budget mode of beatsim staff (allocate.h).
 *
 * Known answers:
 *  - a cell's Erlang C objective is calls a week x mmc_erlang_c's mean
 *    wait (one station, one priority, no travel or delay);
 *  - marginal allocation on Erlang C equals an exhaustive search: two
 *    stations x two 12-hour blocks of different loads, every plan of 1..10
 *    officers a cell within the budget enumerated (Fox 1966; Dyer & Proll
 *    1977: the M/M/c wait is convex in c, so the greedy answer is optimal
 *    when cells cost the same);
 *  - one station, one block: the plan is every officer the budget pays
 *    for, and its simulated objective agrees with Erlang C's: |sim -
 *    Erlang C| <= 2.7 x the 95 % half-width (t with 5 degrees of freedom:
 *    6.87 / 2.57 = 2.67 half-widths is the two-sided 0.999 level);
 *  - two stations of calls 1:2, help across stations: the plan's simulated
 *    objective is the best split's of the same officers, found by
 *    simulating every split on the same replications, or above it by less
 *    than the paired difference's 99.9 % bound.
 * Seeds are fixed (scenario seed 1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "allocate.h"
#include "mmc.h"
#include "world_fixture.h"

/* Budget mode with a headcount of `officers` at 40 h a week (no
 * absences): officers x 40 / 168 on duty at every hour. */
static void budget_mode(scenario *s, double officers)
{
    s->staffing.mode = STAFF_MODE_BUDGET;
    s->staffing.budget = officers;
    s->staffing.objective = OBJECTIVE_WAIT;
}

static void test_cell_erlang(void **state)
{
    (void)state;
    scenario s;
    erlang_station(&s, 144); /* 0.1 a minute x 30 min */
    built b;
    build(&b, &s);
    analytic_demand d;
    assert_int_equal(analytic_demand_init(&d, &s, &b.c, &b.r, 0), 0);
    for (unsigned c = 4; c <= 8; c++) {
        mmc_theory th;
        assert_int_equal(mmc_erlang_c(c, 0.1, 1.0 / 30, &th), 0);
        double want = 0.1 * 60 * 168 * th.wait_mean_min;
        /* (the point beat's travel, 1e-5 min, is all that differs) */
        assert_float_equal(alloc_cell_erlang(&d, &s.staffing, 0, 0, c, 168), want,
                           1e-5 * want);
    }
    /* 3 units for 3 Erlangs: unstable */
    assert_true(isinf(alloc_cell_erlang(&d, &s.staffing, 0, 0, 3, 168)));
    /* late: the share reached after 15 min, P(W > 15) = C exp(-(c mu - lambda) 15) */
    s.staffing.objective = OBJECTIVE_LATE;
    s.staffing.objective_min = 15;
    mmc_theory th;
    assert_int_equal(mmc_erlang_c(5, 0.1, 1.0 / 30, &th), 0);
    double late = th.p_wait * exp(-(5.0 / 30 - 0.1) * 15);
    assert_float_equal(alloc_cell_erlang(&d, &s.staffing, 0, 0, 5, 168), 0.1 * 60 * 168 * late,
                       1e-4 * late * 1008);
    analytic_demand_free(&d);
    unbuild(&b);
    scenario_free(&s);
}

/* Two stations (calls 1:2), two 12-hour blocks, the day's calls twice the
 * night's: greedy on Erlang C equals the exhaustive optimum. */
static void test_greedy_exhaustive(void **state)
{
    (void)state;
    scenario s;
    erlang_pair(&s, 144, (const double[2]){1000, 2000}, 3.0);
    for (int h = 0; h < 24; h++)
        s.types[0].hour_profile[h] = h >= 12 ? 2 : 1;
    s.staffing.nblocks = 2;
    s.staffing.block_h[1] = 12;
    s.staffing.max_on_duty = 10;
    built b;
    build(&b, &s);
    analytic_demand d;
    assert_int_equal(analytic_demand_init(&d, &s, &b.c, &b.r, 0), 0);
    double f[4][11];
    for (int i = 0; i < 4; i++)
        for (int c = 1; c <= 10; c++)
            f[i][c] = alloc_cell_erlang(&d, &s.staffing, (size_t)i / 2, i % 2, c, 84);
    for (int n = 22; n <= 34; n += 6) {
        double best = INFINITY;
        for (int a = 1; a <= 10; a++)
            for (int b2 = 1; b2 <= 10; b2++)
                for (int c = 1; c <= 10; c++)
                    for (int e = 1; e <= 10; e++)
                        if (a + b2 + c + e <= n) {
                            double v = f[0][a] + f[1][b2] + f[2][c] + f[3][e];
                            best = v < best ? v : best;
                        }
        int plan[4];
        double left = alloc_greedy(&d, &s.staffing, NULL, n * 84.0, plan);
        assert_true(left >= 0);
        double got = 0;
        int used = 0;
        for (int i = 0; i < 4; i++) {
            got += f[i][plan[i]];
            used += plan[i];
        }
        printf("  %d officer-blocks: greedy %d %d %d %d (objective %.6g), exhaustive %.6g\n", n,
               plan[0], plan[1], plan[2], plan[3], got, best);
        assert_true(used <= n);
        assert_true(isfinite(best));
        assert_float_equal(got, best, 1e-9 * best);
    }
    /* a budget below min_on_duty everywhere */
    int plan[4];
    assert_true(alloc_greedy(&d, &s.staffing, NULL, 3 * 84.0, plan) == -1);
    analytic_demand_free(&d);
    unbuild(&b);
    scenario_free(&s);
}

static void test_one_station(void **state)
{
    (void)state;
    scenario s;
    erlang_station(&s, 144);
    budget_mode(&s, 30); /* 7 on duty, today's 5 */
    staff_opts o = {.jobs = 2};
    staff_result r;
    assert_int_equal(alloc_search(&s, &o, &r, stderr), 0);
    int want = (int)floor(r.budget.hours / 168 + 1e-9);
    want = want > s.staffing.max_on_duty ? s.staffing.max_on_duty : want;
    printf("  one station: budget %g officers, %g h a week: plan %d (want %d); objective "
           "Erlang C %.4g, simulated %.4g +- %.3g; today %.4g, plan - today %.4g +- %.3g\n",
           r.budget.officers, r.budget.hours, r.plan[0], want, r.budget.erlang_plan,
           r.budget.sim_plan, r.budget.sim_plan_half, r.budget.sim_today, r.budget.sim_diff,
           r.budget.sim_diff_half);
    assert_int_equal(want, 7);
    assert_int_equal(r.plan[0], want);
    assert_int_equal(r.status, STAFF_DONE);
    assert_true(fabs(r.budget.sim_plan - r.budget.erlang_plan) <= 2.7 * r.budget.sim_plan_half);
    assert_true(r.budget.sim_diff + r.budget.sim_diff_half < 0); /* more officers, less wait */
    assert_true(r.headcount_plan <= r.budget.officers + 1e-9);
    staff_result_free(&r);
    scenario_free(&s);
}

#define REPS_MAX 16

/* Simulated objective of plan[] (per week), and each replication's in
 * per_rep[]. */
static double sim_objective(const scenario *s, const built *b, const int *plan, world_cell *cells,
                            double *per_rep)
{
    staff_opts o = {.jobs = 2};
    assert_int_equal(staff_simulate(s, &b->c, 0, plan, &o, cells, stderr), 0);
    int R = s->staffing.reps;
    double sum = 0;
    for (int q = 0; q < R; q++) {
        per_rep[q] = alloc_cell_sim(&s->staffing, &cells[2 * q], s->days / 7.0) +
                     alloc_cell_sim(&s->staffing, &cells[2 * q + 1], s->days / 7.0);
        sum += per_rep[q] / R;
    }
    return sum;
}

static void test_two_stations(void **state)
{
    (void)state;
    scenario s;
    erlang_pair(&s, 72, (const double[2]){1000, 2000}, 3.0); /* 1.5 and 3 Erlangs */
    s.days = 100;
    budget_mode(&s, 42); /* 10 on duty */
    staff_opts o = {.jobs = 2};
    staff_result r;
    assert_int_equal(alloc_search(&s, &o, &r, stderr), 0);
    int n = (int)floor(r.budget.hours / 168 + 1e-9); /* officers on duty it pays for */
    built b;
    build(&b, &s);
    world_cell *cells = calloc((size_t)s.staffing.reps * 2, sizeof *cells);
    assert_non_null(cells);
    int R = s.staffing.reps;
    assert_true(R <= REPS_MAX);
    double best = INFINITY, rep[REPS_MAX], rep_best[REPS_MAX] = {0}, rep_plan[REPS_MAX] = {0};
    int best_a = 0;
    for (int a = 1; a < n; a++) {
        int plan[2] = {a, n - a};
        double v = sim_objective(&s, &b, plan, cells, rep);
        printf("  split %d + %d: %.4g a week\n", a, n - a, v);
        if (v < best) {
            best = v;
            best_a = a;
            memcpy(rep_best, rep, sizeof rep);
        }
        if (a == r.plan[0])
            memcpy(rep_plan, rep, sizeof rep);
    }
    /* the plan against the best split, paired by replication: 99.9 %
       one-sided bound of the difference */
    double m = 0, ss = 0;
    for (int q = 0; q < R; q++)
        m += (rep_plan[q] - rep_best[q]) / R;
    for (int q = 0; q < R; q++)
        ss += pow(rep_plan[q] - rep_best[q] - m, 2);
    double half = 5.89 * sqrt(ss / (R - 1.0) / R); /* t(0.999, 5) */
    printf("  two stations: plan %d + %d (%.4g +- %.3g), best split %d + %d (%.4g); "
           "%d evaluations\n", r.plan[0], r.plan[1], r.budget.sim_plan, r.budget.sim_plan_half,
           best_a, n - best_a, best, r.evaluations);
    assert_int_equal(r.plan[0] + r.plan[1], n);
    assert_int_equal(R, 6);
    assert_float_equal(r.budget.sim_plan, m + best, 1e-9 * best); /* the same replications */
    assert_true(m <= half);
    free(cells);
    unbuild(&b);
    staff_result_free(&r);
    scenario_free(&s);
}

/* Budgets that cannot be used: message and 2. */
static void test_bad_budget(void **state)
{
    (void)state;
    scenario s;
    erlang_pair(&s, 72, (const double[2]){1000, 2000}, 3.0);
    budget_mode(&s, 5); /* 1.2 on duty for 2 stations at min_on_duty 1 */
    staff_opts o = {.jobs = 1};
    staff_result r;
    char buf[512] = "";
    FILE *err = fmemopen(buf, sizeof buf, "w");
    assert_non_null(err);
    assert_int_equal(alloc_search(&s, &o, &r, err), 2);
    fclose(err);
    assert_non_null(strstr(buf, "staffing.budget: expected at least"));
    s.staffing.budget = 0; /* today's 5 - 5: none at all */
    s.staffing.budget_extra = -5;
    err = fmemopen(buf, sizeof buf, "w");
    assert_int_equal(alloc_search(&s, &o, &r, err), 2);
    fclose(err);
    assert_non_null(strstr(buf, "staffing.budget: expected a headcount above 0"));
    scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_erlang),
        cmocka_unit_test(test_greedy_exhaustive),
        cmocka_unit_test(test_one_station),
        cmocka_unit_test(test_two_stations),
        cmocka_unit_test(test_bad_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
