/* test_nhpp.c - sim_nhpp against the Poisson process it must produce.
 *
 * Criteria: counts are compared with their expectations by Pearson's
 * chi-square test (gsl_cdf_chisq_Q), failing when p < 1e-4; the mean of
 * a count by a normal bound of 4.5 sd (two-sided false-failure rate
 * ~7e-6). Five such tests in the file keep the chance that a correct
 * sampler fails below 1e-3. Expected values are computed in the test from
 * the profile itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim_nhpp.h"
#include "sim_rng.h"
#include "check.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#define SEED UINT64_C(424242)
#define P_MIN 1e-4
#define HOUR 60.0
#define DAY 1440.0
#define WEEK (7 * DAY)

/* A weekly profile by hour (events per minute): low at night, a noon and
 * an evening peak, busier on weekends, and two silent hours on Monday. */
static void weekly_profile(double rate[168])
{
    for (int h = 0; h < 168; h++) {
        int hod = h % 24, dow = h / 24;
        double w = 0.3 + 0.7 * exp(-pow(hod - 12, 2) / 8.0) +
                   1.2 * exp(-pow(hod - 20, 2) / 6.0);
        if (dow >= 5)
            w *= 1.4;
        rate[h] = w / HOUR; /* w events per hour */
    }
    rate[3] = rate[4] = 0.0;
}

/* Pearson chi-square p-value of observed counts against expectations. */
static double chisq_p(const double *obs, const double *expct, size_t n)
{
    double x2 = 0;
    size_t df = 0;
    for (size_t i = 0; i < n; i++) {
        if (expct[i] == 0) {
            assert_true(obs[i] == 0);
            continue;
        }
        x2 += pow(obs[i] - expct[i], 2) / expct[i];
        df++;
    }
    return gsl_cdf_chisq_Q(x2, (double)(df - 1));
}

/* Constant rate: the count in [0, T] has mean and variance lambda T. */
static void test_constant_rate(void **state)
{
    (void)state;
    double rate = 0.5;
    sim_nhpp p;
    assert_int_equal(sim_nhpp_init(&p, &rate, 1, 10.0), 0);
    gsl_rng *r = sim_rng_stream(SEED, 0, 1);
    double T = 2e5, t = 0;
    long n = 0;
    while ((t = sim_nhpp_next(&p, t, sim_rng_exponential(r, 1.0), NULL)) <= T)
        n++;
    CHECK_NEAR((double)n, rate * T, 4.5 * sqrt(rate * T));
    CHECK_NEAR(sim_nhpp_expected(&p, 3.0, 13.0), 5.0, 1e-12);
    gsl_rng_free(r);
    sim_nhpp_free(&p);
}

/* Weekly profile: counts by hour of week match the profile (chi-square),
 * silent hours get nothing, times strictly increase. */
static void test_weekly_profile(void **state)
{
    (void)state;
    double rate[168];
    weekly_profile(rate);
    sim_nhpp p;
    assert_int_equal(sim_nhpp_init(&p, rate, 168, HOUR), 0);
    gsl_rng *r = sim_rng_stream(SEED, 0, 2);
    int weeks = 500;
    double obs[168] = {0}, expct[168], t = 0, prev = -1;
    for (;;) {
        t = sim_nhpp_next(&p, t, sim_rng_exponential(r, 1.0), NULL);
        if (t >= weeks * WEEK)
            break;
        assert_true(t > prev);
        prev = t;
        obs[(int)(fmod(t, WEEK) / HOUR)] += 1;
    }
    for (int h = 0; h < 168; h++)
        expct[h] = rate[h] * HOUR * weeks;
    assert_true(obs[3] == 0 && obs[4] == 0);
    double pv = chisq_p(obs, expct, 168);
    assert_true(pv > P_MIN);
    /* expected() over whole weeks and a partial one */
    double per_week = 0;
    for (int h = 0; h < 168; h++)
        per_week += rate[h] * HOUR;
    CHECK_REL(sim_nhpp_expected(&p, 0, 3 * WEEK), 3 * per_week, 1e-12);
    CHECK_REL(sim_nhpp_expected(&p, WEEK + 2.5 * HOUR, WEEK + 5.5 * HOUR),
              0.5 * rate[2] * HOUR + rate[5] * 0.5 * HOUR, 1e-12);
    gsl_rng_free(r);
    sim_nhpp_free(&p);
}

/* Per-day factors: a day with factor 0 gets nothing, and day counts are
 * proportional to factor x the day's expected count (chi-square). */
static void test_segment_factors(void **state)
{
    (void)state;
    double rate[168];
    weekly_profile(rate);
    sim_nhpp p;
    assert_int_equal(sim_nhpp_init(&p, rate, 168, HOUR), 0);
    enum { NDAYS = 70 };
    double mult[NDAYS];
    for (int d = 0; d < NDAYS; d++)
        mult[d] = d % 7 == 2 ? 0.0 : 0.25 + 0.25 * (d % 5);
    sim_nhpp_segments seg = {mult, NDAYS, DAY};
    gsl_rng *r = sim_rng_stream(SEED, 0, 3);
    double obs[NDAYS] = {0}, expct[NDAYS], t = 0;
    int reps = 40; /* independent repetitions of the 70 days */
    for (int k = 0; k < reps; k++) {
        t = 0;
        while ((t = sim_nhpp_next(&p, t, sim_rng_exponential(r, 1.0), &seg)) <
               NDAYS * DAY)
            obs[(int)(t / DAY)] += 1;
    }
    for (int d = 0; d < NDAYS; d++)
        expct[d] = reps * mult[d] * sim_nhpp_expected(&p, d * DAY, (d + 1) * DAY);
    assert_true(chisq_p(obs, expct, NDAYS) > P_MIN);
    /* past the last segment the factor is 1 */
    double s = sim_nhpp_next(&p, NDAYS * DAY, 1e-9, &seg);
    assert_true(s >= NDAYS * DAY && s < NDAYS * DAY + HOUR);
    gsl_rng_free(r);
    sim_nhpp_free(&p);
}

/* Gamma day factors (mean 1, variance v) make daily counts over-dispersed:
 * Var/Mean = 1 + m v for a constant rate with m events a day. */
static void test_gamma_overdispersion(void **state)
{
    (void)state;
    double m = 120.0, v = 0.02, rate = m / DAY; /* 1 + m v = 3.4 */
    sim_nhpp p;
    assert_int_equal(sim_nhpp_init(&p, &rate, 1, DAY), 0);
    enum { NDAYS = 4000 };
    double *mult = malloc(NDAYS * sizeof *mult), *count = calloc(NDAYS, sizeof *count);
    assert_non_null(mult);
    assert_non_null(count);
    gsl_rng *g = sim_rng_stream(SEED, 0, 4), *r = sim_rng_stream(SEED, 0, 5);
    for (int d = 0; d < NDAYS; d++)
        mult[d] = gsl_ran_gamma(g, 1.0 / v, v);
    sim_nhpp_segments seg = {mult, NDAYS, DAY};
    double t = 0;
    while ((t = sim_nhpp_next(&p, t, sim_rng_exponential(r, 1.0), &seg)) < NDAYS * DAY)
        count[(int)(t / DAY)] += 1;
    double mean = 0, var = 0;
    for (int d = 0; d < NDAYS; d++)
        mean += count[d] / NDAYS;
    for (int d = 0; d < NDAYS; d++)
        var += pow(count[d] - mean, 2) / (NDAYS - 1);
    /* The dispersion ratio's sd over 4000 days is about 0.1 here (from
     * the gamma's kurtosis); 0.6 is a 6-sd margin that still rejects a
     * sampler that ignores the factors (ratio 1). */
    CHECK_NEAR(var / mean, 1 + m * v, 0.6);
    CHECK_NEAR(mean, m, 4.5 * sqrt(m * (1 + m * v) / NDAYS));
    gsl_rng_free(g);
    gsl_rng_free(r);
    free(mult);
    free(count);
    sim_nhpp_free(&p);
}

/* Degenerate inputs. */
static void test_edges(void **state)
{
    (void)state;
    sim_nhpp p;
    double zero[3] = {0, 0, 0}, bad[2] = {1, -1}, nan_rate[1] = {NAN};
    assert_int_equal(sim_nhpp_init(&p, zero, 3, 1.0), 0);
    assert_true(isinf(sim_nhpp_next(&p, 5.0, 1.0, NULL)));
    sim_nhpp_free(&p);
    assert_int_equal(sim_nhpp_init(&p, bad, 2, 1.0), -1);
    assert_int_equal(sim_nhpp_init(&p, nan_rate, 1, 1.0), -1);
    assert_int_equal(sim_nhpp_init(&p, zero, 0, 1.0), -1);
    assert_int_equal(sim_nhpp_init(&p, zero, 3, 0.0), -1);
    /* one non-zero bin of three: every event lands inside it */
    double one[3] = {0, 2.0, 0};
    assert_int_equal(sim_nhpp_init(&p, one, 3, 10.0), 0);
    gsl_rng *r = sim_rng_stream(SEED, 0, 6);
    double t = 0;
    for (int i = 0; i < 10000; i++) {
        t = sim_nhpp_next(&p, t, sim_rng_exponential(r, 1.0), NULL);
        double ph = fmod(t, 30.0);
        assert_true(ph >= 10.0 && ph <= 20.0);
    }
    /* a factor of zero to the end of the segments, then 1 */
    double mult[2] = {0, 0};
    sim_nhpp_segments seg = {mult, 2, 30.0};
    double s = sim_nhpp_next(&p, 0, 1e-9, &seg);
    assert_true(s >= 70.0 && s <= 70.0 + 1e-6);
    gsl_rng_free(r);
    sim_nhpp_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant_rate),
        cmocka_unit_test(test_weekly_profile),
        cmocka_unit_test(test_segment_factors),
        cmocka_unit_test(test_gamma_overdispersion),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
