/* test_stats.c - sim_tally, sim_timeavg, sim_quant and sim_ci_compute against GSL and hand computations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_rng.h"
#include "sim_stats.h"
#include "check.h"

/* Fixed master seed: every random input of this file is deterministic. */
#define SEED UINT64_C(777)



/* Exact equality of doubles (also for infinities), printing both. */
#define CHECK_EQ(a, b)                                                         \
    do {                                                                       \
        double a_ = (a), b_ = (b);                                             \
        if (!(a_ == b_)) {                                                     \
            print_error("%s = %.17g != %s = %.17g\n", #a, a_, #b, b_);         \
            fail();                                                            \
        }                                                                      \
    } while (0)

static gsl_rng *new_stream(uint64_t stream)
{
    gsl_rng *r = sim_rng_stream(SEED, 0, stream);
    assert_non_null(r);
    return r;
}

/* n values offset + sd * N(0, 1) from stream k. */
static double *normal_data(uint64_t k, size_t n, double offset, double sd)
{
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    gsl_rng *r = new_stream(k);
    for (size_t i = 0; i < n; i++)
        x[i] = offset + gsl_ran_gaussian(r, sd);
    gsl_rng_free(r);
    return x;
}

static void tally_of(sim_tally *t, const double *x, size_t n)
{
    sim_tally_init(t);
    for (size_t i = 0; i < n; i++)
        sim_tally_add(t, x[i]);
}

/* ---- sim_tally ------------------------------------------------------------- */

/* The tally of x[0..n-1] against GSL's two-pass statistics. */
static void check_tally_vs_gsl(const double *x, size_t n, double tol_mean,
                               double tol_var_rel)
{
    sim_tally t;
    tally_of(&t, x, n);
    assert_int_equal(t.n, n);
    double mn, mx;
    gsl_stats_minmax(&mn, &mx, x, 1, n);
    CHECK_EQ(t.min, mn);
    CHECK_EQ(t.max, mx);
    CHECK_NEAR(sim_tally_mean(&t), gsl_stats_mean(x, 1, n), tol_mean);
    CHECK_REL(sim_tally_variance(&t), gsl_stats_variance(x, 1, n), tol_var_rel);
    CHECK_REL(sim_tally_sd(&t), gsl_stats_sd(x, 1, n), tol_var_rel);
}

static void test_tally_vs_gsl(void **state)
{
    (void)state;
    const size_t n = 10001;
    /* N(3, 2^2): both sides are accurate to ~1e-15 relative */
    double *x = normal_data(1, n, 3.0, 2.0);
    check_tally_vs_gsl(x, n, 1e-13, 1e-12);
    free(x);
}

static void test_tally_large_offset(void **state)
{
    (void)state;
    /* 1e9 + N(0, 1): x - 1e9 is exact (Sterbenz), so GSL's two-pass
     * variance of the shifted data is a reference accurate to ~1e-15.
     * The naive formula (sum x^2 - n mean^2) / (n - 1) would be off by
     * ~1e18 * 2^-53 ~ 1e2 against a true variance of 1; Welford stays
     * within ~1e-7 relative (2.4e-8 measured). The running mean
     * itself keeps each step's rounding (ulp(1e9) / 2 = 6e-8) with weight
     * i / n, a random walk of sd ~6e-8 * sqrt(n / 3) ~ 3.5e-6 absolute
     * (3.5e-15 relative), so its tolerance is 2e-5 (GSL's mean does the
     * same running update). */
    const size_t n = 10001;
    const double off = 1e9;
    double *x = normal_data(2, n, off, 1.0);
    double *y = malloc(n * sizeof *y);
    assert_non_null(y);
    for (size_t i = 0; i < n; i++)
        y[i] = x[i] - off;
    sim_tally t;
    tally_of(&t, x, n);
    CHECK_NEAR(sim_tally_mean(&t) - off, gsl_stats_mean(y, 1, n), 2e-5);
    CHECK_REL(sim_tally_variance(&t), gsl_stats_variance(y, 1, n), 1e-6);
    check_tally_vs_gsl(x, n, 2e-5, 1e-6);
    free(x);
    free(y);
}

static void check_tally_equal(const sim_tally *a, const sim_tally *b,
                              double tol_rel)
{
    assert_int_equal(a->n, b->n);
    CHECK_EQ(a->min, b->min);
    CHECK_EQ(a->max, b->max);
    CHECK_REL(sim_tally_mean(a), sim_tally_mean(b), tol_rel);
    CHECK_REL(sim_tally_variance(a), sim_tally_variance(b), tol_rel);
}

static void test_tally_merge(void **state)
{
    (void)state;
    /* two parts with different means and sizes: merge = tally of the
     * concatenation (expected value: the direct tally, itself checked
     * against GSL above) */
    const size_t n1 = 3000, n2 = 7001;
    double *x = malloc((n1 + n2) * sizeof *x);
    assert_non_null(x);
    double *a = normal_data(3, n1, -5.0, 1.0), *b = normal_data(4, n2, 10.0, 3.0);
    memcpy(x, a, n1 * sizeof *x);
    memcpy(x + n1, b, n2 * sizeof *x);
    sim_tally ta, tb, tall, e;
    tally_of(&ta, a, n1);
    tally_of(&tb, b, n2);
    tally_of(&tall, x, n1 + n2);
    sim_tally m = ta;
    sim_tally_merge(&m, &tb);
    check_tally_equal(&m, &tall, 1e-12);
    m = tb; /* the other order */
    sim_tally_merge(&m, &ta);
    check_tally_equal(&m, &tall, 1e-12);
    CHECK_REL(sim_tally_variance(&tall), gsl_stats_variance(x, 1, n1 + n2), 1e-12);

    /* merging with an empty tally, both ways */
    sim_tally_init(&e);
    m = ta;
    sim_tally_merge(&m, &e);
    check_tally_equal(&m, &ta, 0.0);
    m = e;
    sim_tally_merge(&m, &ta);
    check_tally_equal(&m, &ta, 0.0);

    /* large offset: merge of 1e9 + noise parts against the shifted reference */
    double *c = normal_data(5, n1, 1e9, 1.0), *d = normal_data(6, n2, 1e9 + 0.5, 1.0);
    sim_tally tc, td;
    tally_of(&tc, c, n1);
    tally_of(&td, d, n2);
    sim_tally_merge(&tc, &td);
    memcpy(x, c, n1 * sizeof *x);
    memcpy(x + n1, d, n2 * sizeof *x);
    for (size_t i = 0; i < n1 + n2; i++)
        x[i] -= 1e9; /* exact */
    CHECK_NEAR(sim_tally_mean(&tc) - 1e9, gsl_stats_mean(x, 1, n1 + n2), 2e-5);
    CHECK_REL(sim_tally_variance(&tc), gsl_stats_variance(x, 1, n1 + n2), 1e-6);
    free(a), free(b), free(c), free(d), free(x);
}

static void test_tally_small(void **state)
{
    (void)state;
    sim_tally t;
    sim_tally_init(&t);
    assert_int_equal(t.n, 0);
    assert_true(isnan(sim_tally_mean(&t)));
    assert_true(isnan(sim_tally_variance(&t)));
    assert_true(isnan(sim_tally_sd(&t)));
    CHECK_EQ(t.min, INFINITY); /* documented in sim_stats.h */
    CHECK_EQ(t.max, -INFINITY);

    sim_tally_add(&t, 2.5);
    CHECK_EQ(sim_tally_mean(&t), 2.5);
    assert_true(isnan(sim_tally_variance(&t)));
    assert_true(isnan(sim_tally_sd(&t)));
    CHECK_EQ(t.min, 2.5);
    CHECK_EQ(t.max, 2.5);

    /* {2.5, 4.5, 0.5}: mean 2.5, squared deviations 0 + 4 + 4, variance
     * 8 / 2 = 4, sd 2 (by hand; all exact in binary) */
    sim_tally_add(&t, 4.5);
    sim_tally_add(&t, 0.5);
    CHECK_EQ(sim_tally_mean(&t), 2.5);
    CHECK_EQ(sim_tally_variance(&t), 4.0);
    CHECK_EQ(sim_tally_sd(&t), 2.0);
    CHECK_EQ(t.min, 0.5);
    CHECK_EQ(t.max, 4.5);
}

/* ---- sim_timeavg ------------------------------------------------------------ */

static void test_timeavg(void **state)
{
    (void)state;
    sim_timeavg a;
    sim_timeavg_init(&a, 1.0, 2.0);
    assert_true(isnan(sim_timeavg_mean(&a, 1.0))); /* empty interval */
    assert_true(isnan(sim_timeavg_mean(&a, 0.5)));
    CHECK_EQ(sim_timeavg_mean(&a, 3.0), 2.0);
    sim_timeavg_set(&a, 4.0, 5.0); /* level 5 from t = 4 */
    sim_timeavg_add(&a, 5.0, -1.0); /* level 4 from t = 5 */
    sim_timeavg_add(&a, 5.0, 3.0);  /* zero-length step: level 7 at t = 5 */
    /* at t = 7, inside the level-7 segment: (6 + 5 + 7 * 2) / 6 = 25 / 6 */
    CHECK_NEAR(sim_timeavg_mean(&a, 7.0), 25.0 / 6.0, 1e-15);
    sim_timeavg_set(&a, 9.0, 0.0);  /* level 0 from t = 9 */
    /* By hand, over [1, 11]: 2 * (4 - 1) + 5 * (5 - 4) + 7 * (9 - 5) + 0 * 2
     * = 6 + 5 + 28 + 0 = 39, so the mean is 39 / 10 = 3.9. */
    CHECK_NEAR(sim_timeavg_mean(&a, 11.0), 3.9, 1e-15);

    /* restart at t = 12 discards everything before; the level (0) is kept.
     * Then level 3 over [14, 16]: (0 * 2 + 3 * 2) / 4 = 1.5 (by hand). */
    sim_timeavg_restart(&a, 12.0);
    assert_true(isnan(sim_timeavg_mean(&a, 12.0)));
    CHECK_EQ(sim_timeavg_mean(&a, 13.0), 0.0);
    sim_timeavg_set(&a, 14.0, 3.0);
    CHECK_EQ(sim_timeavg_mean(&a, 16.0), 1.5);

    /* restart keeps a non-zero level: level 3 from 16 on -> mean 3 */
    sim_timeavg_restart(&a, 16.0);
    CHECK_EQ(sim_timeavg_mean(&a, 20.0), 3.0);
}

/* ---- sim_quant -------------------------------------------------------------- */

#define Q_LO 1e-3
#define Q_HI 1e3
#define Q_REL 0.005
/* The layout these round to (sim_stats.h): lo down to 2^-10 = 9.77e-4, hi
 * up to 2^10 = 1024, and rel to sub = 256 bins per octave (2^-8 = 0.0039
 * <= 0.005 < 2^-7), so 1 + 20 * 256 = 5121 bins. */
#define Q_LO2 0x1p-10
#define Q_HI2 0x1p10
#define Q_SUB 256
#define Q_NBINS (1 + 20 * Q_SUB)

/* n lognormal(0, 1) values from stream k. */
static double *lognormal_data(uint64_t k, size_t n)
{
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    gsl_rng *r = new_stream(k);
    for (size_t i = 0; i < n; i++)
        x[i] = gsl_ran_lognormal(r, 0.0, 1.0);
    gsl_rng_free(r);
    return x;
}

static void quant_of(sim_quant *q, const double *x, size_t n)
{
    assert_int_equal(sim_quant_init(q, Q_LO, Q_HI, Q_REL), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sim_quant_add(q, x[i]), 0);
}

static void test_quant_vs_gsl(void **state)
{
    (void)state;
    /* 200,000 lognormal(0, 1) values: all inside [2^-10, 2^10) except with
     * probability ~2e-7 (|ln x| > 6.93). The expected quantiles are GSL's
     * exact sample quantiles of the sorted data. The estimate lies in the
     * bin holding the order statistic of rank ceil(p n) (checked exactly
     * below); that bin's width is 2^e / sub, at most 1/sub of its lower
     * edge, and with this many values GSL's quantile lies in (or at the
     * edge of) the same bin, so the relative error is at most 1/sub
     * (= 1/256 <= rel); 1e-9 covers rounding. */
    const size_t n = 200000;
    double *x = lognormal_data(10, n);
    sim_quant q;
    quant_of(&q, x, n);
    gsl_sort(x, 1, n);
    assert_int_equal(q.n, n);
    assert_int_equal(q.over, 0);
    assert_int_equal(q.h->n, Q_NBINS);
    CHECK_EQ(q.h->range[1], Q_LO2);
    CHECK_EQ(q.h->range[Q_NBINS], Q_HI2);
    assert_true(1.0 / Q_SUB <= Q_REL);
    assert_true(x[0] >= Q_LO2 && x[n - 1] < Q_HI2); /* the premise above */

    for (int k = 1; k <= 99; k++) {
        double p = k / 100.0;
        double exact = gsl_stats_quantile_from_sorted_data(x, 1, n, p);
        double est = sim_quant_quantile(&q, p);
        CHECK_REL(est, exact, 1.0 / Q_SUB + 1e-9);
        /* exact at bin resolution: inside the bin of rank ceil(p n) */
        size_t r = (size_t)ceil(p * (double)n) - 1, b;
        assert_int_equal(gsl_histogram_find(q.h, x[r], &b), 0);
        if (!(est >= q.h->range[b] && est <= q.h->range[b + 1])) {
            print_error("p = %g: %.17g outside bin %zu [%.17g, %.17g] of "
                        "x[%zu] = %.17g\n", p, est, b, q.h->range[b],
                        q.h->range[b + 1], r, x[r]);
            fail();
        }
    }
    static const double ps[] = {0.5, 0.9, 0.95, 0.99, 0.999};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        double exact = gsl_stats_quantile_from_sorted_data(x, 1, n, ps[i]);
        double est = sim_quant_quantile(&q, ps[i]);
        CHECK_REL(est, exact, 1.0 / Q_SUB + 1e-9);
    }
    /* no overflow: quantile(0) = min and quantile(1) = max exactly */
    CHECK_EQ(sim_quant_quantile(&q, 0.0), x[0]);
    CHECK_EQ(sim_quant_quantile(&q, 1.0), x[n - 1]);
    CHECK_EQ(q.min, x[0]);
    CHECK_EQ(q.max, x[n - 1]);
    /* outside [0, 1]: NAN */
    assert_true(isnan(sim_quant_quantile(&q, -0.1)));
    assert_true(isnan(sim_quant_quantile(&q, 1.1)));
    assert_true(isnan(sim_quant_quantile(&q, NAN)));

    /* cdf: monotone in [0, 1] on a fine logarithmic grid from below the
     * minimum to above the maximum (and past 2^10), and within one bin's
     * share of the empirical CDF (the interpolation only moves mass
     * inside a bin) */
    double prev = 0.0;
    size_t j = 0; /* x[0..j-1] <= g */
    for (int k = 0; k <= 20000; k++) {
        double g = 1e-4 * pow(1e8, k / 20000.0);
        double c = sim_quant_cdf(&q, g);
        assert_true(c >= prev && c <= 1.0);
        prev = c;
        while (j < n && x[j] <= g)
            j++;
        double share = 0.0;
        size_t b;
        if (g < Q_HI2 && gsl_histogram_find(q.h, g, &b) == 0)
            share = gsl_histogram_get(q.h, b) / (double)n;
        CHECK_NEAR(c, (double)j / (double)n, share + 1e-12);
    }
    CHECK_EQ(sim_quant_cdf(&q, -1.0), 0.0);
    assert_true(isnan(sim_quant_cdf(&q, NAN)));
    CHECK_EQ(sim_quant_cdf(&q, x[n - 1]), 1.0);
    CHECK_EQ(sim_quant_cdf(&q, 1e6), 1.0);
    /* cdf(quantile(p)) = p: the cdf interpolation inverts the quantile's */
    for (int k = 1; k < 100; k++) {
        double p = k / 100.0;
        CHECK_NEAR(sim_quant_cdf(&q, sim_quant_quantile(&q, p)), p, 1e-9);
    }

    /* reset: empty, same layout */
    size_t nb = q.h->n;
    sim_quant_reset(&q);
    assert_int_equal(q.n, 0);
    assert_int_equal(q.over, 0);
    assert_int_equal(q.h->n, nb);
    CHECK_EQ(q.h->range[nb], Q_HI2);
    CHECK_EQ(gsl_histogram_sum(q.h), 0.0);
    assert_true(isnan(sim_quant_quantile(&q, 0.5)));
    assert_true(isnan(sim_quant_cdf(&q, 1.0)));
    sim_quant_free(&q);
    assert_null(q.h);
    free(x);
}

static void test_quant_overflow(void **state)
{
    (void)state;
    /* init(1, 100, 0.01) covers [1, 128): hi = 100 is rounded up to 2^7,
     * with sub = 128 bins per octave. 85 values 1, 2, ..., 85 and 5 values
     * in [100, 128) are in range (a value of the requested hi or a bit
     * more is not overflow); then 10 values of 128 or more (128 itself,
     * then up to 2e6, all finite so that a fallback to the maximum would
     * show): 90 % in range, so the 0.95, 0.99 and 1 quantiles are
     * +INFINITY (sim_stats.h), the 0.5 and 0.9 quantiles are finite. */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.0, 100.0, 0.01), 0);
    assert_int_equal(q.sub_bits, 7);
    CHECK_EQ(q.h->range[q.h->n], 128.0);
    for (int i = 1; i <= 85; i++)
        assert_int_equal(sim_quant_add(&q, i), 0);
    const double top = nextafter(128.0, 0.0);
    const double near_hi[5] = {100, 110, 120, 127, top};
    for (int i = 0; i < 5; i++)
        assert_int_equal(sim_quant_add(&q, near_hi[i]), 0);
    assert_int_equal(q.over, 0);
    CHECK_EQ(gsl_histogram_sum(q.h), 90.0);
    CHECK_EQ(gsl_histogram_get(q.h, q.h->n - 1), 1.0); /* top: last bin */
    static const double big[10] = {128, 200, 300, 400, 500,
                                   1e3, 1e4, 1e5, 2e6, 1e6};
    for (int i = 0; i < 10; i++) {
        assert_int_equal(sim_quant_add(&q, big[i]), 0);
        assert_int_equal(q.over, (uint64_t)i + 1);
    }
    assert_int_equal(q.n, 100);
    assert_int_equal(q.over, 10);
    CHECK_EQ(gsl_histogram_sum(q.h), 90.0);
    CHECK_EQ(q.max, 2e6);
    CHECK_EQ(q.min, 1.0);
    CHECK_EQ(sim_quant_quantile(&q, 0.95), INFINITY);
    CHECK_EQ(sim_quant_quantile(&q, 0.99), INFINITY);
    CHECK_EQ(sim_quant_quantile(&q, 0.901), INFINITY); /* rank 90.1 */
    CHECK_EQ(sim_quant_quantile(&q, 1.0), INFINITY);
    /* 0.5: exact sample quantile (50 + 51) / 2 = 50.5 (by hand; GSL
     * agrees), within 1/sub = 1/128 */
    double v[100];
    for (int i = 0; i < 85; i++)
        v[i] = i + 1;
    memcpy(v + 85, near_hi, sizeof near_hi);
    memcpy(v + 90, big, sizeof big);
    gsl_sort(v, 1, 100);
    CHECK_EQ(gsl_stats_quantile_from_sorted_data(v, 1, 100, 0.5), 50.5);
    CHECK_REL(sim_quant_quantile(&q, 0.5), 50.5, 1.0 / 128 + 1e-9);
    /* 0.9: rank 90 is `top`, in the last bin [127.5, 128): finite, at most
     * the bin's upper edge 128, and within 1/sub of `top` */
    double q90 = sim_quant_quantile(&q, 0.9);
    assert_true(q90 >= 127.5 && q90 <= 128.0);
    CHECK_REL(q90, top, 1.0 / 128);
    /* cdf beyond the rounded hi: the in-range share */
    CHECK_EQ(sim_quant_cdf(&q, 128.0), 0.9);
    CHECK_EQ(sim_quant_cdf(&q, 150.0), 0.9);
    CHECK_EQ(sim_quant_cdf(&q, 1.5e6), 0.9);
    CHECK_EQ(sim_quant_cdf(&q, 2e6), 1.0);
    /* between 100 and 128 the cdf is in range: 88 values <= 120.25, none
     * in 120.25's bin [120, 120.5) but 120, so within 1 % of 0.88 */
    CHECK_NEAR(sim_quant_cdf(&q, 120.25), 0.88, 0.01);
    /* +INFINITY is a value of hi or more: accepted and counted */
    assert_int_equal(sim_quant_add(&q, INFINITY), 0);
    assert_int_equal(q.n, 101);
    assert_int_equal(q.over, 11);
    CHECK_EQ(q.max, INFINITY);
    sim_quant_free(&q);
}

static void test_quant_below_lo(void **state)
{
    (void)state;
    /* [0, lo) is one linear bin: 0, 0.25, 0.5, 0.75 all land in bin 0 */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.0, 100.0, 0.01), 0);
    static const double v[] = {0.0, 0.25, 0.5, 0.75, 5.0, 50.0};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(sim_quant_add(&q, v[i]), 0);
    CHECK_EQ(gsl_histogram_get(q.h, 0), 4.0);
    CHECK_EQ(gsl_histogram_sum(q.h), 6.0);
    CHECK_EQ(q.min, 0.0);
    /* quantiles among them are within the absolute error lo = 1 of GSL's
     * exact sample quantile */
    for (int k = 0; k <= 10; k++) {
        double p = 0.05 * k; /* 0 .. 0.5: positions inside the first bin */
        double exact = gsl_stats_quantile_from_sorted_data(v, 1, 6, p);
        double est = sim_quant_quantile(&q, p);
        assert_true(est >= 0.0 && est < 1.0);
        CHECK_NEAR(est, exact, 1.0);
    }
    sim_quant_free(&q);
}

static void test_quant_merge(void **state)
{
    (void)state;
    /* two halves, each with some overflow values: merging gives exactly
     * the histogram, counts and extremes of adding all to one */
    const size_t n = 50000;
    double *a = lognormal_data(20, n), *b = lognormal_data(21, n);
    a[7] = 2e3, b[9] = 5e4, b[10] = 1e-5;
    sim_quant qa, qb, qall;
    quant_of(&qa, a, n);
    quant_of(&qb, b, n);
    quant_of(&qall, a, n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sim_quant_add(&qall, b[i]), 0);
    assert_int_equal(sim_quant_merge(&qa, &qb), 0);
    assert_int_equal(qa.n, qall.n);
    assert_int_equal(qa.over, qall.over);
    assert_int_equal(qa.over, 2);
    CHECK_EQ(qa.min, qall.min);
    CHECK_EQ(qa.max, qall.max);
    assert_int_equal(qa.h->n, qall.h->n);
    for (size_t i = 0; i < qa.h->n; i++)
        CHECK_EQ(gsl_histogram_get(qa.h, i), gsl_histogram_get(qall.h, i));
    for (int k = 0; k <= 100; k++)
        CHECK_EQ(sim_quant_quantile(&qa, k / 100.0),
                 sim_quant_quantile(&qall, k / 100.0));

    /* different layouts are refused and leave q untouched (a layout is
     * the rounded one: 2^e_lo, 2^e_hi and sub) */
    static const double layouts[][3] = {
        {Q_LO, Q_HI, 0.01},     /* sub 128 instead of 256 */
        {2 * Q_LO, Q_HI, Q_REL}, /* lo 2^-9 */
        {Q_LO, 2 * Q_HI, Q_REL}, /* hi 2^11 */
        {2 * Q_LO, 2 * Q_HI, Q_REL}}; /* the last: same number of bins,
                                          shifted one octave up */
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        sim_quant o;
        assert_int_equal(
            sim_quant_init(&o, layouts[i][0], layouts[i][1], layouts[i][2]), 0);
        assert_int_equal(sim_quant_add(&o, 1.0), 0);
        assert_int_equal(sim_quant_merge(&qb, &o), -1);
        assert_int_equal(qb.n, n);
        assert_int_equal(qb.over, 1);
        CHECK_EQ(gsl_histogram_sum(qb.h), (double)(n - 1));
        sim_quant_free(&o);
    }
    /* different arguments that round to the same layout (lo in [2^-10,
     * 2^-9), hi in (2^9, 2^10], rel in [2^-8, 2^-7)) are accepted */
    static const double same[][3] = {
        {1.01 * Q_LO, 1.01 * Q_HI, Q_REL},
        {0x1p-10, 0x1p10, 0x1p-8},
        {1.9e-3, 513.0, 0.0078}};
    size_t b1;
    assert_int_equal(gsl_histogram_find(qb.h, 1.0, &b1), 0);
    double c1 = gsl_histogram_get(qb.h, b1);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        sim_quant o;
        assert_int_equal(
            sim_quant_init(&o, same[i][0], same[i][1], same[i][2]), 0);
        assert_int_equal(sim_quant_add(&o, 1.0), 0);
        assert_int_equal(sim_quant_add(&o, 1e4), 0);
        assert_int_equal(sim_quant_merge(&qb, &o), 0);
        assert_int_equal(qb.n, n + 2 * (i + 1));
        assert_int_equal(qb.over, 1 + (i + 1));
        CHECK_EQ(gsl_histogram_get(qb.h, b1), c1 + (double)(i + 1));
        CHECK_EQ(gsl_histogram_sum(qb.h), (double)(n - 1 + i + 1));
        sim_quant_free(&o);
    }
    sim_quant_free(&qa);
    sim_quant_free(&qb);
    sim_quant_free(&qall);
    free(a);
    free(b);
}

static void test_quant_invalid(void **state)
{
    (void)state;
    /* init requires 0 < lo < hi (finite) and 0 < rel < 1 (sim_stats.h) */
    static const double bad[][3] = {
        {0.0, 1.0, 0.1},    {-1.0, 1.0, 0.1},    {1.0, 1.0, 0.1},
        {2.0, 1.0, 0.1},    {1.0, 10.0, 0.0},    {1.0, 10.0, 1.0},
        {1.0, 10.0, -0.1},  {NAN, 10.0, 0.1},    {1.0, NAN, 0.1},
        {1.0, 10.0, NAN},   {1.0, INFINITY, 0.1}, {1e-300, 1e300, 1e-9},
        {1e-150, 1e150, 1e-12}, /* 7e14 bins: refused or out of memory */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sim_quant q;
        q.h = (gsl_histogram *)&q; /* garbage that must be overwritten */
        if (sim_quant_init(&q, bad[i][0], bad[i][1], bad[i][2]) != -1) {
            print_error("init(%g, %g, %g) accepted\n", bad[i][0], bad[i][1],
                        bad[i][2]);
            fail();
        }
        assert_null(q.h); /* nothing held */
    }

    /* add refuses negative values and NaN, and does not count them */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.0, 10.0, 0.1), 0);
    assert_int_equal(sim_quant_add(&q, -1.0), -1);
    assert_int_equal(sim_quant_add(&q, -1e-300), -1);
    assert_int_equal(sim_quant_add(&q, -INFINITY), -1);
    assert_int_equal(sim_quant_add(&q, NAN), -1);
    assert_int_equal(q.n, 0);
    CHECK_EQ(gsl_histogram_sum(q.h), 0.0);
    assert_int_equal(sim_quant_add(&q, 3.0), 0);
    assert_int_equal(q.n, 1);
    CHECK_EQ(sim_quant_quantile(&q, 0.5), 3.0); /* clamped to [min, max] */
    sim_quant_free(&q);
}

/* The layout promised by sim_stats.h, for init(lo, hi, rel): lo rounded
 * down to 2^e_lo, hi up to 2^e_hi, sub the smallest power of two with
 * 1/sub <= rel; bin 0 = [0, 2^e_lo), then each octave [2^e, 2^(e+1)) cut
 * into sub equal bins, 1 + (e_hi - e_lo) sub bins in all. The expected
 * exponents come from frexp (not ilogb, which the code uses). Edges are
 * strictly increasing, octave starts are exact powers of two, and every
 * edge value and its neighbours either side (nextafter) land in the bin
 * gsl_histogram_find gives on the same ranges, or in the overflow count
 * from 2^e_hi on. Fails only after freeing (asan runs stay leak-free). */
static void check_layout(double lo, double hi, double rel)
{
    int e_lo, e_hi, sub_bits = 0;
    double m = frexp(lo, &e_lo); /* lo = m 2^e_lo, m in [0.5, 1) */
    e_lo--;
    m = frexp(hi, &e_hi);
    if (m == 0.5) /* hi is a power of two: kept */
        e_hi--;
    while (ldexp(1.0, -sub_bits) > rel)
        sub_bits++;
    size_t sub = (size_t)1 << sub_bits;
    size_t nexp = 1 + (size_t)(e_hi - e_lo) * sub;

    sim_quant q;
    assert_int_equal(sim_quant_init(&q, lo, hi, rel), 0);
    const double *r = q.h->range;
    size_t n = q.h->n;
    int bad = 0;
#define LAYOUT_FAIL(...)                                                       \
    do {                                                                       \
        print_error("layout (%g, %g, %g): ", lo, hi, rel);                     \
        print_error(__VA_ARGS__);                                              \
        bad = 1;                                                               \
    } while (0)
    if (n != nexp)
        LAYOUT_FAIL("%zu bins, expected %zu\n", n, nexp);
    else if (q.e_lo != e_lo || q.sub_bits != sub_bits)
        LAYOUT_FAIL("e_lo %d sub_bits %d, expected %d %d\n", q.e_lo,
                    q.sub_bits, e_lo, sub_bits);
    else if (!(r[0] == 0.0 && r[1] == ldexp(1.0, e_lo) &&
               r[n] == ldexp(1.0, e_hi)))
        LAYOUT_FAIL("edges %.17g %.17g ... %.17g\n", r[0], r[1], r[n]);
    else if (!(r[1] <= lo && lo < 2 * r[1] && r[n] >= hi && r[n] / 2 < hi &&
               1.0 / (double)sub <= rel && 2.0 / (double)sub > rel))
        LAYOUT_FAIL("not the tightest rounding\n");
    for (size_t i = 0; i < n && !bad; i++) {
        if (!(r[i + 1] > r[i])) {
            LAYOUT_FAIL("edge %zu = %.17g, edge %zu = %.17g: not increasing\n",
                        i, r[i], i + 1, r[i + 1]);
        } else if (i >= 1) {
            size_t j = (i - 1) / sub, k = (i - 1) % sub; /* octave, slot */
            int e = e_lo + (int)j;
            if (k == 0 && r[i] != ldexp(1.0, e))
                LAYOUT_FAIL("edge %zu = %.17g is not 2^%d\n", i, r[i], e);
            else if (r[i + 1] - r[i] != ldexp(1.0, e - sub_bits))
                LAYOUT_FAIL("bin %zu is %.17g wide, not 2^%d / %zu\n", i,
                            r[i + 1] - r[i], e, sub);
            else if (!((r[i + 1] - r[i]) / r[i] <= 1.0 / (double)sub))
                LAYOUT_FAIL("bin %zu wider than 1/sub\n", i);
        }
    }
    /* bin placement of every edge value and its neighbours */
    for (size_t i = 0; i <= n && !bad; i++) {
        double v[3] = {r[i], nextafter(r[i], 0.0), nextafter(r[i], INFINITY)};
        for (int t = 0; t < 3 && !bad; t++) {
            if (i == 0 && t == 1)
                continue; /* no double below 0 that is >= 0 */
            uint64_t over = q.over;
            if (v[t] >= r[n]) {
                assert_int_equal(sim_quant_add(&q, v[t]), 0);
                if (q.over != over + 1)
                    LAYOUT_FAIL("%.17g >= 2^%d not counted as overflow\n",
                                v[t], e_hi);
                continue;
            }
            size_t b;
            if (gsl_histogram_find(q.h, v[t], &b) != 0) {
                LAYOUT_FAIL("%.17g not found by GSL\n", v[t]);
                break;
            }
            double before = q.h->bin[b];
            assert_int_equal(sim_quant_add(&q, v[t]), 0);
            if (q.h->bin[b] != before + 1.0 || q.over != over)
                LAYOUT_FAIL("%.17g not added to bin %zu [%.17g, %.17g)\n",
                            v[t], b, r[b], r[b + 1]);
        }
    }
#undef LAYOUT_FAIL
    sim_quant_free(&q);
    if (bad)
        fail();
}

static void test_quant_layout(void **state)
{
    (void)state;
    check_layout(Q_LO, Q_HI, Q_REL);
    check_layout(1.0, 100.0, 0.01);
    check_layout(3.0, 100.0, 0.01);
    check_layout(1e-6, 1e6, 0.001);
    check_layout(1.0, 1.5, 0.9);    /* one octave of two bins */
    check_layout(0.75, 0.8, 0.25);  /* inside one octave */
    check_layout(1.0, 1024.0, 0.5); /* powers of two: no rounding */
    check_layout(1.0, 2.25, 0.5);   /* the old geometric edge cases */
    check_layout(1.0, 1.21, 0.1);
    check_layout(1.0, 1.0201, 0.01);
    check_layout(2e-300, 1e-290, 0.3); /* near the ends of the range */
    check_layout(1e290, 9e299, 0.3);
}

static void test_quant_layout_rounding(void **state)
{
    (void)state;
    /* The rounding of sim_stats.h, by hand: lo down to a power of two, hi
     * up to one, rel down to 1/sub with sub a power of two. */
    static const struct {
        double lo, hi, rel;
        double lo2, hi2; /* expected 2^e_lo, 2^e_hi */
        int sub_bits;
        size_t nbins;
    } cases[] = {
        {3.0, 100.0, 0.01, 2.0, 128.0, 7, 1 + 6 * 128},
        {1.0, 1.1, 0.1, 1.0, 2.0, 4, 1 + 16}, /* 1/16 <= 0.1 < 1/8 */
        {1.0, 2.0, 0.5, 1.0, 2.0, 1, 1 + 2},  /* exact: kept */
        {1.0, 1.0000001, 0.9999, 1.0, 2.0, 1, 1 + 2},
        {0.75, 0.8, 0.25, 0.5, 1.0, 2, 1 + 4},
        {Q_LO, Q_HI, Q_REL, Q_LO2, Q_HI2, 8, Q_NBINS},
        {64.0, 0x1.0000000000001p6, 0.3, 64.0, 128.0, 2, 1 + 4},
        {0x1.fffffffffffffp5, 64.0, 0.3, 32.0, 64.0, 2, 1 + 4},
        {1.0, 8.0, 0x1.fffffffffffffp-3, 1.0, 8.0, 3, 1 + 3 * 8},
        {1.0, 8.0, 0.25, 1.0, 8.0, 2, 1 + 3 * 4},
        {1.0, 2.0, 0x1p-19, 1.0, 2.0, 19, 1 + 524288}, /* <= 10^6 bins */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sim_quant q;
        assert_int_equal(
            sim_quant_init(&q, cases[i].lo, cases[i].hi, cases[i].rel), 0);
        size_t n = q.h->n;
        int ok = n == cases[i].nbins && q.sub_bits == cases[i].sub_bits &&
                 q.h->range[1] == cases[i].lo2 &&
                 ldexp(1.0, q.e_lo) == cases[i].lo2 &&
                 q.h->range[n] == cases[i].hi2;
        if (!ok)
            print_error("init(%.17g, %.17g, %.17g): %zu bins, sub_bits %d, "
                        "[%.17g, %.17g), expected %zu, %d, [%.17g, %.17g)\n",
                        cases[i].lo, cases[i].hi, cases[i].rel, n, q.sub_bits,
                        q.h->range[1], q.h->range[n], cases[i].nbins,
                        cases[i].sub_bits, cases[i].lo2, cases[i].hi2);
        sim_quant_free(&q);
        if (!ok)
            fail();
    }
    /* the 10^6 limit applies to the rounded layout: [1.5, 2.5) is under
     * one octave, but rounds to [1, 4), 2 * 2^19 + 1 > 10^6 bins */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.5, 2.5, 0x1p-19), -1);
    assert_null(q.h);

    /* what the rounding means for observations: init(3, 100, 0.01) puts
     * 2.5 in the first octave bin, not in [0, lo); 100 and 127.9 are in
     * range; 128 is overflow */
    assert_int_equal(sim_quant_init(&q, 3.0, 100.0, 0.01), 0);
    assert_int_equal(sim_quant_add(&q, 1.99), 0);
    assert_int_equal(sim_quant_add(&q, 2.0), 0);
    assert_int_equal(sim_quant_add(&q, 2.5), 0);
    CHECK_EQ(gsl_histogram_get(q.h, 0), 1.0);   /* 1.99 */
    CHECK_EQ(gsl_histogram_get(q.h, 1), 1.0);   /* [2, 2 + 2/128) */
    CHECK_EQ(gsl_histogram_get(q.h, 1 + 32), 1.0); /* [2.5, 2.5 + 1/64) */
    assert_int_equal(sim_quant_add(&q, 100.0), 0);
    assert_int_equal(sim_quant_add(&q, 127.9), 0);
    assert_int_equal(q.over, 0);
    assert_int_equal(sim_quant_add(&q, 128.0), 0);
    assert_int_equal(q.over, 1);
    CHECK_EQ(gsl_histogram_sum(q.h), 5.0);
    assert_int_equal(q.n, 6);
    sim_quant_free(&q);
}

static void test_quant_bin_placement(void **state)
{
    (void)state;
    /* Every bin edge, and the double just below it, lands in the bin that
     * GSL's own binary search (gsl_histogram_increment with the same
     * ranges: range[i] <= x < range[i + 1]) gives. */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, Q_LO, Q_HI, Q_REL), 0);
    size_t n = q.h->n;
    gsl_histogram *ref = gsl_histogram_alloc(n);
    assert_non_null(ref);
    assert_int_equal(gsl_histogram_set_ranges(ref, q.h->range, n + 1), 0);
    for (size_t i = 1; i < n; i++) {
        double e = q.h->range[i];
        double v[3] = {e, nextafter(e, 0.0), nextafter(e, INFINITY)};
        for (int k = 0; k < 3; k++) {
            assert_int_equal(sim_quant_add(&q, v[k]), 0);
            assert_int_equal(gsl_histogram_increment(ref, v[k]), 0);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (gsl_histogram_get(q.h, i) != gsl_histogram_get(ref, i)) {
            print_error("bin %zu: %g, GSL %g\n", i, gsl_histogram_get(q.h, i),
                        gsl_histogram_get(ref, i));
            fail();
        }
    }
    gsl_histogram_free(ref);
    sim_quant_free(&q);
}

static void test_quant_all_overflow(void **state)
{
    (void)state;
    /* Every observation is >= hi: every quantile falls among them, so by
     * sim_stats.h it is +INFINITY (for p = 0 the minimum, 200, would also
     * be defensible; the maximum, 300, is neither). */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.0, 100.0, 0.01), 0);
    assert_int_equal(sim_quant_add(&q, 200.0), 0);
    assert_int_equal(sim_quant_add(&q, 300.0), 0);
    CHECK_EQ(sim_quant_quantile(&q, 0.5), INFINITY);
    CHECK_EQ(sim_quant_quantile(&q, 1.0), INFINITY);
    double q0 = sim_quant_quantile(&q, 0.0);
    sim_quant_free(&q);
    if (!(q0 == INFINITY || q0 == 200.0)) {
        print_error("quantile(0) = %g, expected +inf (or the minimum 200)\n",
                    q0);
        fail();
    }
}

static void test_quant_all_overflow_p0(void **state)
{
    (void)state;
    /* init(1, 100, 0.01) covers [1, 128). With every observation >= 128
     * (128 itself included) no observation is in range, so even
     * quantile(0) is +INFINITY, not the minimum. */
    sim_quant q;
    assert_int_equal(sim_quant_init(&q, 1.0, 100.0, 0.01), 0);
    assert_int_equal(sim_quant_add(&q, 300.0), 0);
    assert_int_equal(sim_quant_add(&q, 128.0), 0);
    assert_int_equal(sim_quant_add(&q, 200.0), 0);
    assert_int_equal(q.over, 3);
    CHECK_EQ(q.min, 128.0);
    CHECK_EQ(sim_quant_quantile(&q, 0.0), INFINITY);
    CHECK_EQ(sim_quant_quantile(&q, 0.5), INFINITY);
    CHECK_EQ(sim_quant_quantile(&q, 1.0), INFINITY);
    assert_true(isnan(sim_quant_quantile(&q, -0.1)));
    /* one observation in range (127 < 128, though above the requested hi):
     * quantile(0) is finite again, the minimum 127; rank 1 of 4 (p =
     * 0.25) is 127 within 1/sub; past it, +INFINITY */
    assert_int_equal(sim_quant_add(&q, 127.0), 0);
    assert_int_equal(q.over, 3);
    CHECK_EQ(sim_quant_quantile(&q, 0.0), 127.0);
    CHECK_REL(sim_quant_quantile(&q, 0.25), 127.0, 1.0 / 128);
    CHECK_EQ(sim_quant_quantile(&q, 0.26), INFINITY);
    /* reset: all overflow again after one value of 2^7 */
    sim_quant_reset(&q);
    assert_int_equal(sim_quant_add(&q, 128.0), 0);
    CHECK_EQ(sim_quant_quantile(&q, 0.0), INFINITY);
    sim_quant_free(&q);
}

/* ---- sim_ci_compute ------------------------------------------------------------ */

static void test_ci_fixed(void **state)
{
    (void)state;
    static const double x[6] = {4.1, 5.3, 3.8, 6.0, 5.1, 4.7};
    /* strided copy: the values at even indices, junk in between */
    double xs[12];
    for (int i = 0; i < 6; i++)
        xs[2 * i] = x[i], xs[2 * i + 1] = 1e6;

    /* Expected by hand: mean, sd from GSL, t quantile from GSL; that
     * quantile is the textbook t(0.975, 5) = 2.5705818 (t tables). */
    double t = gsl_cdf_tdist_Pinv(0.975, 5.0);
    CHECK_NEAR(t, 2.5705818, 1e-7);
    double mean = gsl_stats_mean(x, 1, 6), sd = gsl_stats_sd(x, 1, 6);
    CHECK_NEAR(mean, 29.0 / 6.0, 1e-14); /* sum 29.0 */
    double half = t * sd / sqrt(6.0);

    sim_ci c1 = sim_ci_compute(x, 1, 6, 0.05);
    sim_ci c2 = sim_ci_compute(xs, 2, 6, 0.05);
    const sim_ci *cs[2] = {&c1, &c2};
    for (int i = 0; i < 2; i++) {
        const sim_ci *c = cs[i];
        assert_int_equal(c->n, 6);
        CHECK_REL(c->mean, mean, 1e-14);
        CHECK_REL(c->sd, sd, 1e-14);
        CHECK_REL(c->half, half, 1e-14);
        CHECK_REL(c->low, mean - half, 1e-14);
        CHECK_REL(c->high, mean + half, 1e-14);
    }
    /* alpha = 0.10 uses t(0.95, 5) */
    sim_ci c3 = sim_ci_compute(x, 1, 6, 0.10);
    CHECK_REL(c3.half, gsl_cdf_tdist_Pinv(0.95, 5.0) * sd / sqrt(6.0), 1e-14);
    assert_true(c3.half < c1.half);

    /* n = 1: the mean, and NAN for everything that needs a spread */
    sim_ci c4 = sim_ci_compute(x, 1, 1, 0.05);
    assert_int_equal(c4.n, 1);
    CHECK_EQ(c4.mean, 4.1);
    assert_true(isnan(c4.sd) && isnan(c4.half) && isnan(c4.low) &&
                isnan(c4.high));
    /* n = 0: all NAN */
    sim_ci c5 = sim_ci_compute(x, 1, 0, 0.05);
    assert_int_equal(c5.n, 0);
    assert_true(isnan(c5.mean) && isnan(c5.half));
}

static void test_ci_coverage(void **state)
{
    (void)state;
    /* 2000 replications of 10 N(5, 2^2) values; the 95 % t interval covers
     * 5 with probability exactly 0.95, so the number of covers is
     * Binomial(2000, 0.95): sd of the share ~0.0049, and [0.93, 0.97] is
     * ~4 sd; exact binomial tails give a false-failure probability of
     * 4.5e-5. A normal (z = 1.96) interval instead covers ~0.918 and
     * fails. */
    enum { REPS = 2000, N = 10 };
    const double mu = 5.0;
    gsl_rng *r = new_stream(30);
    int covered = 0;
    for (int k = 0; k < REPS; k++) {
        double x[N];
        for (int i = 0; i < N; i++)
            x[i] = mu + gsl_ran_gaussian(r, 2.0);
        sim_ci c = sim_ci_compute(x, 1, N, 0.05);
        covered += c.low <= mu && mu <= c.high;
    }
    gsl_rng_free(r);
    double share = (double)covered / REPS;
    if (!(share >= 0.93 && share <= 0.97)) {
        print_error("coverage %g outside [0.93, 0.97]\n", share);
        fail();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tally_vs_gsl),
        cmocka_unit_test(test_tally_large_offset),
        cmocka_unit_test(test_tally_merge),
        cmocka_unit_test(test_tally_small),
        cmocka_unit_test(test_timeavg),
        cmocka_unit_test(test_quant_vs_gsl),
        cmocka_unit_test(test_quant_overflow),
        cmocka_unit_test(test_quant_below_lo),
        cmocka_unit_test(test_quant_merge),
        cmocka_unit_test(test_quant_invalid),
        cmocka_unit_test(test_quant_layout),
        cmocka_unit_test(test_quant_layout_rounding),
        cmocka_unit_test(test_quant_bin_placement),
        cmocka_unit_test(test_quant_all_overflow),
        cmocka_unit_test(test_quant_all_overflow_p0),
        cmocka_unit_test(test_ci_fixed),
        cmocka_unit_test(test_ci_coverage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
