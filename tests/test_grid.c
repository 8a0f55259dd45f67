/* test_grid.c - sim_grid against brute force, and the geometry of
 * nearest-point distances against theory.
 *
 * Theory: for N points scattered uniformly (a Poisson field of density
 * rho = N / A), the distance D from a random location to the nearest
 * point has P(D > r) = exp(-rho |B(r)|), |B(r)| the area of the ball of
 * radius r: pi r^2 straight-line, 2 r^2 right-angle. Hence
 *   E[D] = 0.5 sqrt(A/N)            (L2)
 *   E[D] = sqrt(pi/8) sqrt(A/N)     (L1, about 0.627 sqrt(A/N))
 * (e.g. Larson & Odoni, "Urban Operations Research", 1981, sec. 3.6).
 * Criterion: R = 30 independent point sets, the mean distance of Q queries
 * per set; Student-t interval at confidence 1 - 1e-4 over sets must hold
 * the theory (false-failure rate 1e-4 per metric), and its half-width
 * must be under 2 % (so a 5 % error in the geometry is caught). Queries
 * stay 5 mean spacings from the edges, where the boundary changes the
 * law by less than exp(-19).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim_grid.h"
#include "sim_rng.h"
#include "sim_stats.h"
#include "check.h"

#include <math.h>
#include <stdlib.h>

#define SEED UINT64_C(31337)

/* Brute-force nearest with the same tie rule (smaller id). */
static uint32_t brute(const double *x, const double *y, const int *present,
                      size_t n, double qx, double qy, sim_metric m, double *dist)
{
    double best = INFINITY;
    uint32_t id = SIM_GRID_NONE;
    for (size_t i = 0; i < n; i++) {
        if (!present[i])
            continue;
        double dx = x[i] - qx, dy = y[i] - qy;
        double d = m == SIM_METRIC_L1 ? fabs(dx) + fabs(dy) : hypot(dx, dy);
        if (d < best) {
            best = d;
            id = (uint32_t)i;
        }
    }
    *dist = best;
    return id;
}

/* Random inserts, removes, moves and queries (inside and outside the
 * rectangle, both metrics, several cell sizes) agree with brute force. */
static void test_against_brute_force(void **state)
{
    (void)state;
    enum { N = 400 };
    double cells[] = {0.3, 2.0, 50.0};
    gsl_rng *r = sim_rng_stream(SEED, 0, 1);
    for (size_t c = 0; c < 3; c++) {
        sim_grid *g = sim_grid_create(0, 0, 20, 10, cells[c]);
        assert_non_null(g);
        double x[N], y[N];
        int present[N] = {0};
        size_t count = 0;
        for (int step = 0; step < 20000; step++) {
            uint32_t id = (uint32_t)gsl_rng_uniform_int(r, N);
            double px = 20 * gsl_rng_uniform(r), py = 10 * gsl_rng_uniform(r);
            int op = (int)gsl_rng_uniform_int(r, 3);
            if (op == 0 && !present[id]) {
                assert_int_equal(sim_grid_insert(g, id, px, py), 0);
                x[id] = px, y[id] = py, present[id] = 1, count++;
            } else if (op == 1 && present[id]) {
                assert_int_equal(sim_grid_remove(g, id), 0);
                present[id] = 0, count--;
            } else if (op == 2 && present[id]) {
                assert_int_equal(sim_grid_move(g, id, px, py), 0);
                x[id] = px, y[id] = py;
            }
            assert_int_equal(sim_grid_count(g), count);
            assert_int_equal(sim_grid_contains(g, id), present[id]);
            double qx = -5 + 30 * gsl_rng_uniform(r), qy = -5 + 20 * gsl_rng_uniform(r);
            sim_metric m = step % 2 ? SIM_METRIC_L1 : SIM_METRIC_L2;
            double d1, d2;
            uint32_t a = sim_grid_nearest(g, qx, qy, m, &d1);
            uint32_t b = brute(x, y, present, N, qx, qy, m, &d2);
            assert_int_equal(a, b);
            assert_true(d1 == d2);
        }
        sim_grid_free(g);
    }
    gsl_rng_free(r);
}

/* Refusals and the empty index. */
static void test_edges(void **state)
{
    (void)state;
    assert_null(sim_grid_create(0, 0, 0, 1, 1));
    assert_null(sim_grid_create(0, 0, 1, 1, 0));
    assert_null(sim_grid_create(0, 0, 1e9, 1e9, 1e-3)); /* too many cells */
    sim_grid *g = sim_grid_create(0, 0, 10, 10, 1);
    double d = 0;
    assert_int_equal(sim_grid_nearest(g, 5, 5, SIM_METRIC_L1, &d), SIM_GRID_NONE);
    assert_true(isinf(d));
    assert_int_equal(sim_grid_insert(g, 3, 11, 5), -1);    /* outside */
    assert_int_equal(sim_grid_insert(g, SIM_GRID_NONE, 1, 1), -1);
    assert_int_equal(sim_grid_insert(g, 3, 10, 10), 0);    /* on the edge */
    assert_int_equal(sim_grid_insert(g, 3, 1, 1), -1);     /* twice */
    assert_int_equal(sim_grid_remove(g, 4), -1);
    assert_int_equal(sim_grid_remove(g, 100000), -1);
    assert_int_equal(sim_grid_move(g, 3, -1, 0), -1);
    /* ties go to the smaller id whatever the insertion order */
    assert_int_equal(sim_grid_insert(g, 7, 0, 10), 0);
    assert_int_equal(sim_grid_insert(g, 5, 10, 0), 0);
    assert_int_equal(sim_grid_remove(g, 3), 0);
    assert_int_equal(sim_grid_nearest(g, 5, 5, SIM_METRIC_L2, &d), 5);
    CHECK_NEAR(d, sqrt(50), 1e-12);
    sim_grid_free(g);
}

static void check_mean_distance(sim_metric m, double factor)
{
    enum { R = 30, Q = 2000, N = 5000 };
    double side = 100.0, area = side * side;
    double expected = factor * sqrt(area / N);
    double margin = 5 * sqrt(area / N), means[R];
    for (int rep = 0; rep < R; rep++) {
        gsl_rng *r = sim_rng_stream(SEED, (uint64_t)rep, 2);
        sim_grid *g = sim_grid_create(0, 0, side, side, sqrt(area / N));
        assert_non_null(g);
        for (uint32_t i = 0; i < N; i++)
            assert_int_equal(sim_grid_insert(g, i, side * gsl_rng_uniform(r),
                                             side * gsl_rng_uniform(r)), 0);
        double sum = 0, d;
        for (int q = 0; q < Q; q++) {
            double qx = margin + (side - 2 * margin) * gsl_rng_uniform(r);
            double qy = margin + (side - 2 * margin) * gsl_rng_uniform(r);
            assert_int_not_equal(sim_grid_nearest(g, qx, qy, m, &d), SIM_GRID_NONE);
            sum += d;
        }
        means[rep] = sum / Q;
        sim_grid_free(g);
        gsl_rng_free(r);
    }
    sim_ci ci = sim_ci_compute(means, 1, R, 1e-4);
    print_message("  nearest of %d points, %s: theory %.5f, simulated %.5f [%.5f, %.5f]\n",
                  N, m == SIM_METRIC_L1 ? "L1" : "L2", expected, ci.mean, ci.low,
                  ci.high);
    assert_true(ci.low <= expected && expected <= ci.high);
    assert_true(ci.half < 0.02 * expected);
}

/* Mean distance to the nearest of N uniform points: sqrt(pi/8) sqrt(A/N)
 * right-angle, 0.5 sqrt(A/N) straight-line. */
static void test_nearest_distance_theory(void **state)
{
    (void)state;
    check_mean_distance(SIM_METRIC_L1, sqrt(3.14159265358979323846 / 8));
    check_mean_distance(SIM_METRIC_L2, 0.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_brute_force),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_nearest_distance_theory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
