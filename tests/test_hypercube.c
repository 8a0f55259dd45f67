/* test_hypercube.c - Larson's hypercube model (models/hypercube.c) against
 * exact answers:
 *  - one unit is M/M/1: workload = P(wait) = rho, queue rho^2 / (1 - rho);
 *  - whatever the preferences, the number busy is M/M/N: P(wait) equals
 *    Erlang C (mmc_erlang_c) and the workloads add up to lambda / mu, for
 *    N = 1 .. 8 with random atoms and lists (seeded);
 *  - two units, two atoms each preferring its own unit, solved by hand:
 *    the four balance equations in closed form (below);
 *  - a dense LU solve of the same balance equations (GSL) for N = 6 agrees
 *    with the sweeps to 1e-9;
 *  - bad parameters and an unstable load are refused; N = 12 solves.
 * Deterministic (no simulation): tolerances are numerical.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hypercube.h"
#include "mmc.h"

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

/* Random atoms: rates summing to rho N mu, lists shuffled. */
static void random_case(gsl_rng *g, int N, int J, double rho, double mu, double *lambda,
                        int *pref)
{
    double sum = 0;
    for (int j = 0; j < J; j++)
        sum += lambda[j] = 0.1 + gsl_rng_uniform(g);
    for (int j = 0; j < J; j++) {
        lambda[j] *= rho * N * mu / sum;
        int *p = pref + j * N;
        for (int k = 0; k < N; k++)
            p[k] = k;
        for (int k = N - 1; k > 0; k--) {
            int r = (int)gsl_rng_uniform_int(g, (unsigned long)k + 1), t = p[k];
            p[k] = p[r];
            p[r] = t;
        }
    }
}

/* The same balance equations solved densely (LU): workloads and P(wait). */
static void dense(int N, int J, const double *lambda, const int *pref, double mu,
                  double *workload, double *p_wait)
{
    int S = 1 << N, full = S - 1;
    gsl_matrix *A = gsl_matrix_calloc((size_t)S, (size_t)S);
    gsl_vector *b = gsl_vector_calloc((size_t)S), *pi = gsl_vector_alloc((size_t)S);
    gsl_permutation *perm = gsl_permutation_alloc((size_t)S);
    for (int B = 0; B < S; B++) {
        for (int j = 0; j < J && B != full; j++)
            for (int k = 0; k < N; k++)
                if (!(B & (1 << pref[j * N + k]))) {
                    int to = B | (1 << pref[j * N + k]);
                    *gsl_matrix_ptr(A, (size_t)to, (size_t)B) += lambda[j];
                    *gsl_matrix_ptr(A, (size_t)B, (size_t)B) -= lambda[j];
                    break;
                }
        for (int i = 0; i < N; i++)
            if (B & (1 << i)) {
                *gsl_matrix_ptr(A, (size_t)(B & ~(1 << i)), (size_t)B) += mu;
                *gsl_matrix_ptr(A, (size_t)B, (size_t)B) -= mu;
            }
    }
    for (int B = 0; B < S; B++)
        gsl_matrix_set(A, 0, (size_t)B, 1.0);
    gsl_vector_set(b, 0, 1.0);
    int sign;
    gsl_linalg_LU_decomp(A, perm, &sign);
    gsl_linalg_LU_solve(A, perm, b, pi);
    double L = 0;
    for (int j = 0; j < J; j++)
        L += lambda[j];
    double rho = L / (N * mu), tail = gsl_vector_get(pi, (size_t)full) * rho / (1 - rho);
    for (int i = 0; i < N; i++) {
        double w = tail;
        for (int B = 0; B < S; B++)
            if (B & (1 << i))
                w += gsl_vector_get(pi, (size_t)B);
        workload[i] = w / (1 + tail);
    }
    *p_wait = (gsl_vector_get(pi, (size_t)full) + tail) / (1 + tail);
    gsl_permutation_free(perm);
    gsl_vector_free(pi);
    gsl_vector_free(b);
    gsl_matrix_free(A);
}

static void test_mm1(void **state)
{
    (void)state;
    double lambda = 0.02, mu = 1.0 / 30; /* rho 0.6 */
    int pref = 0;
    hypercube_params p = {.units = 1, .atoms = 1, .lambda = &lambda, .pref = &pref, .mu = mu};
    hypercube_result r;
    assert_int_equal(hypercube_solve(&p, &r), 0);
    assert_float_equal(r.workload[0], 0.6, 1e-12);
    assert_float_equal(r.p_wait, 0.6, 1e-12);
    assert_float_equal(r.queue_mean, 0.36 / 0.4, 1e-12);
    assert_float_equal(r.fraction[0], 1, 1e-12);
    assert_float_equal(r.cross, 0, 1e-12);
    hypercube_result_free(&r);
}

/* Erlang C and the mean number busy, for any preferences. */
static void test_erlang(void **state)
{
    (void)state;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 20261204);
    for (int N = 1; N <= 8; N++)
        for (int rep = 0; rep < 3; rep++) {
            enum { J = 9 };
            double lambda[J], mu = 1.0 / 40, rho = 0.3 + 0.2 * rep;
            int pref[J * 8];
            random_case(g, N, J, rho, mu, lambda, pref);
            hypercube_params p = {.units = N, .atoms = J, .lambda = lambda, .pref = pref,
                                  .mu = mu};
            hypercube_result r;
            assert_int_equal(hypercube_solve(&p, &r), 0);
            mmc_theory th;
            assert_int_equal(mmc_erlang_c((unsigned)N, rho * N * mu, mu, &th), 0);
            assert_float_equal(r.p_wait, th.p_wait, 1e-9);
            assert_float_equal(r.queue_mean, th.queue_mean, 1e-8);
            double busy = 0;
            for (int n = 0; n < N; n++)
                busy += r.workload[n];
            assert_float_equal(busy, rho * N, 1e-9);
            for (int j = 0; j < J; j++) {
                double f = 0;
                for (int n = 0; n < N; n++)
                    f += r.fraction[j * N + n];
                assert_float_equal(f, 1, 1e-9);
            }
            hypercube_result_free(&r);
        }
    gsl_rng_free(g);
}

/* Two units, atom 1 prefers unit 0 (rate l1), atom 2 unit 1 (rate l2).
 * States 00, 01 (unit 0 busy), 10, 11, with the queue's return folded
 * into 11. Balance:
 *   p00 (l1 + l2) = mu (p01 + p10)
 *   p01 (L + mu)  = l1 p00 + mu p11
 *   p10 (L + mu)  = l2 p00 + mu p11
 *   p11 (2 mu)    = L (p01 + p10)
 * With s = p01 + p10: s = L p00 / mu, p11 = L s / (2 mu) (the M/M/2
 * levels), and subtracting the middle two: (p01 - p10)(L + mu) =
 * (l1 - l2) p00, so p01 = (s + d) / 2, p10 = (s - d) / 2 with
 * d = (l1 - l2) p00 / (L + mu). */
static void test_two_by_hand(void **state)
{
    (void)state;
    double l1 = 0.03, l2 = 0.01, L = l1 + l2, mu = 1.0 / 30;
    double lambda[2] = {l1, l2};
    int pref[4] = {0, 1, 1, 0};
    double p00 = 1, s = L * p00 / mu, p11 = L * s / (2 * mu), d = (l1 - l2) * p00 / (L + mu);
    double z = p00 + s + p11;
    p00 /= z;
    s /= z;
    p11 /= z;
    d /= z;
    double p01 = (s + d) / 2, p10 = (s - d) / 2, rho = L / (2 * mu);
    double tail = p11 * rho / (1 - rho), total = 1 + tail;
    hypercube_params p = {.units = 2, .atoms = 2, .lambda = lambda, .pref = pref, .mu = mu};
    hypercube_result r;
    assert_int_equal(hypercube_solve(&p, &r), 0);
    assert_float_equal(r.workload[0], (p01 + p11 + tail) / total, 1e-12);
    assert_float_equal(r.workload[1], (p10 + p11 + tail) / total, 1e-12);
    assert_float_equal(r.p_wait, (p11 + tail) / total, 1e-12);
    /* atom 1 goes to unit 1 only when unit 0 alone is busy (p01), or via
       the queue */
    assert_float_equal(r.fraction[0 * 2 + 1], p01 / total + r.p_wait / 2, 1e-12);
    assert_float_equal(r.fraction[1 * 2 + 0], p10 / total + r.p_wait / 2, 1e-12);
    hypercube_result_free(&r);
}

static void test_dense_agrees(void **state)
{
    (void)state;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 6);
    enum { N = 6, J = 15 };
    double lambda[J], mu = 1.0 / 45, want[N], pw;
    int pref[J * N];
    random_case(g, N, J, 0.7, mu, lambda, pref);
    dense(N, J, lambda, pref, mu, want, &pw);
    hypercube_params p = {.units = N, .atoms = J, .lambda = lambda, .pref = pref, .mu = mu};
    hypercube_result r;
    assert_int_equal(hypercube_solve(&p, &r), 0);
    for (int n = 0; n < N; n++)
        assert_float_equal(r.workload[n], want[n], 1e-9);
    assert_float_equal(r.p_wait, pw, 1e-9);
    /* the workloads differ by where the units are: not all alike */
    double lo = 1, hi = 0;
    for (int n = 0; n < N; n++) {
        lo = fmin(lo, r.workload[n]);
        hi = fmax(hi, r.workload[n]);
    }
    assert_true(hi - lo > 0.01);
    hypercube_result_free(&r);
    gsl_rng_free(g);
}

static void test_bad_and_large(void **state)
{
    (void)state;
    double lambda[2] = {0.01, 0.01};
    int pref[4] = {0, 1, 1, 0}, twice[4] = {0, 0, 1, 0};
    hypercube_result r;
    hypercube_params p = {.units = 2, .atoms = 2, .lambda = lambda, .pref = pref, .mu = 0.1};
    hypercube_params q = p;
    q.units = 0;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    q.units = HYPERCUBE_UNITS_MAX + 1;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    q = p;
    q.pref = twice;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    q = p;
    q.mu = 0;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    double neg[2] = {-0.01, 0.02}, zero[2] = {0, 0}, big[2] = {0.1, 0.1};
    q = p;
    q.lambda = neg;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    q.lambda = zero;
    assert_int_equal(hypercube_solve(&q, &r), -1);
    q.lambda = big; /* 0.2 a minute against 2 x 0.1 */
    assert_int_equal(hypercube_solve(&q, &r), -2);

    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 12);
    enum { N = 12, J = 40 };
    double l12[J], mu = 1.0 / 40;
    int p12[J * N];
    random_case(g, N, J, 0.75, mu, l12, p12);
    hypercube_params p2 = {.units = N, .atoms = J, .lambda = l12, .pref = p12, .mu = mu};
    assert_int_equal(hypercube_solve(&p2, &r), 0);
    mmc_theory th;
    mmc_erlang_c(N, 0.75 * N * mu, mu, &th);
    assert_float_equal(r.p_wait, th.p_wait, 1e-9);
    printf("  N = 12: %d sweeps, P(wait) %.6f, cross %.4f\n", r.iterations, r.p_wait, r.cross);
    hypercube_result_free(&r);
    gsl_rng_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mm1),           cmocka_unit_test(test_erlang),
        cmocka_unit_test(test_two_by_hand),   cmocka_unit_test(test_dense_agrees),
        cmocka_unit_test(test_bad_and_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
