/* test_gsa.c - the sensitivity designs and estimators (sim_gsa) against
 * functions whose indices are known in closed form.
 *
 * Known answers:
 *  - Ishigami, f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3,
 *    a = 7, b = 0.1 (Ishigami & Homma 1990): V = a^2/8 + b pi^4/5 +
 *    b^2 pi^8/18 + 1/2, V1 = b pi^4/5 + b^2 pi^8/50 + 1/2, V2 = a^2/8,
 *    V3 = 0, V13 = 8 b^2 pi^8 / 225; S1 = 0.314, S2 = 0.442, S3 = 0,
 *    ST1 = 0.558, ST2 = 0.442, ST3 = 0.244. With the Sobol' sequence and
 *    N = 8192 rows the estimates are within 0.02 of these (the design is
 *    deterministic: no chance involved) and the bootstrap intervals hold
 *    them. With a Latin hypercube (random) of N = 32768 rows the
 *    bootstrap standard errors are at most about 0.008 (a quarter of the
 *    intervals printed); the test allows 0.06, over 7 of them (chance of
 *    a miss below 1e-11 per index, six indices).
 *  - A linear f = sum c_i x_i with x_i uniform on [lo_i, hi_i]: S_i =
 *    ST_i = c_i^2 (hi_i - lo_i)^2 / sum_j c_j^2 (hi_j - lo_j)^2; Morris'
 *    elementary effects are exactly c_i (hi_i - lo_i) per unit of the
 *    quantile, so mu = c_i (hi_i - lo_i), mu* = |mu|, sigma = 0, and
 *    every bootstrap resample gives the same.
 *  - The designs themselves: Morris trajectories move each factor once
 *    by Delta = p / (2 (p - 1)) on the grid; Sobol's A_B^i rows differ
 *    from A only in column i, which is B's.
 * Seeds are fixed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim_gsa.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

static double ishigami(const double *x)
{
    return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

/* The design's outputs of f, each factor uniform on [lo[i], hi[i]]. */
static double *run(const sim_gsa *d, double (*f)(const double *), const double *lo,
                   const double *hi)
{
    double *y = malloc(d->npoints * sizeof *y), x[SIM_GSA_FACTORS_MAX];
    assert_non_null(y);
    for (size_t q = 0; q < d->npoints; q++) {
        for (size_t i = 0; i < d->k; i++) {
            double u = d->u[q * d->k + i];
            assert_true(u >= 0 && u <= 1);
            x[i] = sim_gsa_value(SIM_GSA_UNIFORM, lo[i], hi[i], 0, u);
        }
        y[q] = f(x);
    }
    return y;
}

static void ishigami_exact(double S[3], double ST[3])
{
    double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
    double V = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
    double V1 = b * p4 / 5 + b * b * p8 / 50 + 0.5, V2 = a * a / 8, V13 = 8 * b * b * p8 / 225;
    S[0] = V1 / V;
    S[1] = V2 / V;
    S[2] = 0;
    ST[0] = (V1 + V13) / V;
    ST[1] = V2 / V;
    ST[2] = V13 / V;
}

static void check_ishigami(sim_gsa_sampling sampling, size_t N, double tol, int intervals)
{
    const double lo[3] = {-PI, -PI, -PI}, hi[3] = {PI, PI, PI};
    sim_gsa d;
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_SOBOL, 3, N, 0, sampling, 7), 0);
    assert_int_equal(d.npoints, N * 5);
    double *y = run(&d, ishigami, lo, hi);
    sim_gsa_factor f[3];
    assert_int_equal(sim_gsa_indices(&d, y, 200, 11, f), 0);
    double S[3], ST[3];
    ishigami_exact(S, ST);
    for (int i = 0; i < 3; i++) {
        const sim_gsa_index *s1 = &f[i].idx[0], *st = &f[i].idx[1];
        printf("  %s x%d: S1 %.4f [%.4f, %.4f] (exact %.4f), ST %.4f [%.4f, %.4f] (exact "
               "%.4f)\n",
               sampling == SIM_GSA_QRNG ? "sobol" : "lhs", i + 1, s1->est, s1->lo, s1->hi, S[i],
               st->est, st->lo, st->hi, ST[i]);
        assert_true(fabs(s1->est - S[i]) < tol);
        assert_true(fabs(st->est - ST[i]) < tol);
        assert_true(s1->lo <= s1->est && s1->est <= s1->hi);
        if (intervals) {
            assert_true(s1->lo <= S[i] && S[i] <= s1->hi);
            assert_true(st->lo <= ST[i] && ST[i] <= st->hi);
        }
        assert_true(isnan(f[i].idx[2].est));
    }
    free(y);
    sim_gsa_free(&d);
}

static void test_sobol_ishigami(void **state)
{
    (void)state;
    check_ishigami(SIM_GSA_QRNG, 8192, 0.02, 1);
    check_ishigami(SIM_GSA_LHS, 32768, 0.06, 0);
}

static const double lin_c[4] = {2.0, -1.0, 0.5, 0.0};
static double linear(const double *x)
{
    return 3 + lin_c[0] * x[0] + lin_c[1] * x[1] + lin_c[2] * x[2] + lin_c[3] * x[3];
}

static void test_linear(void **state)
{
    (void)state;
    const double lo[4] = {0, 10, -5, 1}, hi[4] = {1, 14, 5, 2};
    double w[4], sum = 0;
    for (int i = 0; i < 4; i++)
        sum += w[i] = pow(lin_c[i] * (hi[i] - lo[i]), 2);
    sim_gsa d;
    sim_gsa_factor f[4];
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_SOBOL, 4, 4096, 0, SIM_GSA_QRNG, 1), 0);
    double *y = run(&d, linear, lo, hi);
    assert_int_equal(sim_gsa_indices(&d, y, 100, 2, f), 0);
    for (int i = 0; i < 4; i++) {
        printf("  linear x%d: S1 %.4f ST %.4f (exact %.4f)\n", i + 1, f[i].idx[0].est,
               f[i].idx[1].est, w[i] / sum);
        assert_true(fabs(f[i].idx[0].est - w[i] / sum) < 0.01);
        assert_true(fabs(f[i].idx[1].est - w[i] / sum) < 0.01);
    }
    free(y);
    sim_gsa_free(&d);

    assert_int_equal(sim_gsa_design(&d, SIM_GSA_MORRIS, 4, 12, 4, SIM_GSA_QRNG, 3), 0);
    assert_int_equal(d.npoints, 12 * 5);
    y = run(&d, linear, lo, hi);
    assert_int_equal(sim_gsa_indices(&d, y, 100, 4, f), 0);
    for (int i = 0; i < 4; i++) {
        double e = lin_c[i] * (hi[i] - lo[i]);
        printf("  linear x%d: mu* %.6f mu %.6f sigma %.2g (exact %g, %g, 0)\n", i + 1,
               f[i].idx[0].est, f[i].idx[1].est, f[i].idx[2].est, fabs(e), e);
        assert_float_equal(f[i].idx[0].est, fabs(e), 1e-9);
        assert_float_equal(f[i].idx[1].est, e, 1e-9);
        assert_float_equal(f[i].idx[2].est, 0, 1e-7);
        assert_float_equal(f[i].idx[0].lo, fabs(e), 1e-9);
        assert_float_equal(f[i].idx[0].hi, fabs(e), 1e-9);
    }
    free(y);
    sim_gsa_free(&d);
}

/* Morris trajectories: each step moves one factor, every factor once, by
 * Delta, staying on the grid. Sobol' rows: A_B^i is A but for column i. */
static void test_designs(void **state)
{
    (void)state;
    sim_gsa d;
    const int p = 6;
    const double delta = p / (2.0 * (p - 1));
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_MORRIS, 5, 50, p, SIM_GSA_QRNG, 9), 0);
    for (size_t t = 0; t < d.n; t++) {
        int seen[5] = {0};
        for (size_t s = 0; s <= d.k; s++)
            for (size_t i = 0; i < d.k; i++) {
                double u = d.u[(t * (d.k + 1) + s) * d.k + i], g = u * (p - 1);
                assert_true(u >= 0 && u <= 1);
                assert_float_equal(g, round(g), 1e-12);
            }
        for (size_t s = 1; s <= d.k; s++) {
            size_t m = d.moved[t * d.k + s - 1];
            assert_true(m < d.k);
            seen[m]++;
            const double *a = d.u + (t * (d.k + 1) + s - 1) * d.k, *b = a + d.k;
            for (size_t i = 0; i < d.k; i++)
                assert_float_equal(fabs(b[i] - a[i]), i == m ? delta : 0, 1e-12);
        }
        for (size_t i = 0; i < d.k; i++)
            assert_int_equal(seen[i], 1);
    }
    sim_gsa_free(&d);
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_SOBOL, 3, 16, 0, SIM_GSA_LHS, 9), 0);
    for (size_t j = 0; j < d.n; j++) {
        const double *A = d.u + j * (d.k + 2) * d.k, *B = A + d.k;
        for (size_t i = 0; i < d.k; i++) {
            const double *AB = A + (2 + i) * d.k;
            for (size_t c = 0; c < d.k; c++)
                assert_float_equal(AB[c], c == i ? B[c] : A[c], 0);
        }
    }
    /* each LHS column holds one point in each of the 16 strata */
    for (size_t c = 0; c < 2 * d.k; c++) {
        int strata[16] = {0};
        for (size_t j = 0; j < d.n; j++) {
            const double *row = d.u + j * (d.k + 2) * d.k;
            strata[(int)(row[c] * 16)]++;
        }
        for (int s = 0; s < 16; s++)
            assert_int_equal(strata[s], 1);
    }
    sim_gsa_free(&d);
    /* out of range */
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_MORRIS, 0, 10, 4, SIM_GSA_QRNG, 1), -1);
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_MORRIS, 3, 1, 4, SIM_GSA_QRNG, 1), -1);
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_MORRIS, 3, 10, 5, SIM_GSA_QRNG, 1), -1);
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_SOBOL, SIM_GSA_FACTORS_MAX + 1, 10, 0,
                                    SIM_GSA_QRNG, 1), -1);
    /* a non-finite output is refused */
    assert_int_equal(sim_gsa_design(&d, SIM_GSA_SOBOL, 2, 4, 0, SIM_GSA_QRNG, 1), 0);
    double y[16] = {0};
    y[5] = NAN;
    sim_gsa_factor f[2];
    assert_int_equal(sim_gsa_indices(&d, y, 10, 1, f), -1);
    /* outputs that do not vary: no index */
    y[5] = 0;
    assert_int_equal(sim_gsa_indices(&d, y, 10, 1, f), 0);
    assert_true(isnan(f[0].idx[0].est) && isnan(f[1].idx[1].est));
    sim_gsa_free(&d);
}

/* The distributions' quantile functions. */
static void test_values(void **state)
{
    (void)state;
    assert_float_equal(sim_gsa_value(SIM_GSA_UNIFORM, 2, 6, 0, 0.25), 3, 1e-12);
    assert_float_equal(sim_gsa_value(SIM_GSA_UNIFORM, 2, 6, 0, 1), 6, 0);
    assert_float_equal(sim_gsa_value(SIM_GSA_LOGUNIFORM, 1, 100, 0, 0.5), 10, 1e-12);
    assert_float_equal(sim_gsa_value(SIM_GSA_LOGUNIFORM, 1, 100, 0, 1), 100, 0);
    /* triangular on [0, 4], mode 1: F(1) = 1/4, median 4 - sqrt(6) */
    assert_float_equal(sim_gsa_value(SIM_GSA_TRIANGULAR, 0, 4, 1, 0.25), 1, 1e-12);
    assert_float_equal(sim_gsa_value(SIM_GSA_TRIANGULAR, 0, 4, 1, 0.5), 4 - sqrt(6), 1e-12);
    assert_float_equal(sim_gsa_value(SIM_GSA_TRIANGULAR, 0, 4, 1, 0), 0, 0);
    assert_float_equal(sim_gsa_value(SIM_GSA_TRIANGULAR, 0, 4, 1, 1), 4, 0);
    assert_float_equal(sim_gsa_value(SIM_GSA_TRIANGULAR, 0, 4, 0, 0.75), 2, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_designs),
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_sobol_ishigami),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
