/* test_rng.c - xoshiro256** generator and stream derivation: known answers, reproducibility, independence, uniformity. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_rng.h"
#include "check.h"

/* Fixed master seed: every random input of this file is deterministic. */
#define SEED UINT64_C(20240611)


/* The four 64-bit state words; xoshiro_state in sim_rng.c is
 * struct { uint64_t s[4]; } and GSL places it at r->state. */
static uint64_t *state_words(gsl_rng *r)
{
    return (uint64_t *)r->state;
}

static gsl_rng *new_stream(uint64_t rep, uint64_t stream)
{
    gsl_rng *r = sim_rng_stream(SEED, rep, stream);
    assert_non_null(r);
    return r;
}

/* ---- reference implementations written in the test ------------------------ */

/* SplitMix64 as defined by Steele, Lea & Flood (2014) / Vigna's
 * splitmix64.c: x += golden gamma, then the two xor-shift-multiply rounds. */
static uint64_t splitmix64_next(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Multiplicative inverse of an odd number modulo 2^64 (Newton iteration:
 * each step doubles the number of correct low bits, 3 -> 96). */
static uint64_t inverse_odd(uint64_t a)
{
    uint64_t x = a;
    for (int i = 0; i < 5; i++)
        x *= 2 - a * x;
    return x;
}

/* Sets the state of r so that its next xoshiro256** output is `target`:
 * output = rotl(s[1] * 5, 7) * 9, so s[1] = rotr(target * 9^-1, 7) * 5^-1. */
static void force_next_output(gsl_rng *r, uint64_t target)
{
    uint64_t y = target * inverse_odd(9);
    y = (y >> 7) | (y << 57); /* rotr 7 */
    uint64_t *s = state_words(r);
    s[0] = 0x0123456789abcdefu;
    s[1] = y * inverse_odd(5);
    s[2] = 3;
    s[3] = 4;
}

/* ---- reproducibility -------------------------------------------------------- */

static void test_stream_reproducible(void **state)
{
    (void)state;
    enum { N = 1000 };
    static uint64_t first[N];
    gsl_rng *a = new_stream(3, 17);
    gsl_rng *b = new_stream(3, 17);
    for (int i = 0; i < N; i++) {
        first[i] = gsl_rng_get(a);
        assert_int_equal(first[i], gsl_rng_get(b));
    }
    /* reset repositions at the start, also after visiting another stream */
    sim_rng_reset(a, SEED, 9, 9);
    (void)gsl_rng_get(a);
    sim_rng_reset(a, SEED, 3, 17);
    for (int i = 0; i < N; i++)
        assert_int_equal(first[i], sim_rng_next(a));
    /* reset to another triple = a fresh generator of that triple */
    gsl_rng *c = new_stream(4, 2);
    sim_rng_reset(a, SEED, 4, 2);
    for (int i = 0; i < N; i++)
        assert_int_equal(gsl_rng_get(c), gsl_rng_get(a));
    /* sim_rng_next and gsl_rng_get walk the same sequence */
    sim_rng_reset(a, SEED, 3, 17);
    for (int i = 0; i < N; i++)
        assert_int_equal(first[i], i % 2 ? gsl_rng_get(a) : sim_rng_next(a));
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
}

static void test_distinct_triples(void **state)
{
    (void)state;
    /* neighbouring triples, a swap of replication and stream, and masters
     * 0 and 1: the first four outputs of each must differ from all others */
    static const uint64_t t[][3] = {
        {SEED, 0, 0}, {SEED, 0, 1}, {SEED, 1, 0}, {SEED, 1, 1},
        {SEED, 1, 2}, {SEED, 2, 1}, {SEED + 1, 0, 0}, {SEED - 1, 0, 0},
        {0, 0, 0},    {1, 0, 0},    {0, 1, 0},    {0, 0, 1},
    };
    enum { T = sizeof t / sizeof t[0], K = 4 };
    uint64_t out[T][K];
    for (size_t i = 0; i < T; i++) {
        gsl_rng *r = sim_rng_stream(t[i][0], t[i][1], t[i][2]);
        assert_non_null(r);
        for (int k = 0; k < K; k++)
            out[i][k] = gsl_rng_get(r);
        gsl_rng_free(r);
    }
    for (size_t i = 0; i < T; i++)
        for (size_t j = i + 1; j < T; j++)
            for (int k = 0; k < K; k++)
                if (out[i][k] == out[j][k]) {
                    print_error("triples %zu and %zu share output %d\n", i, j, k);
                    fail();
                }
}

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

static void test_derive_pure_and_distinct(void **state)
{
    (void)state;
    /* pure: same arguments, same seed, also interleaved with other calls */
    uint64_t d = sim_rng_derive(SEED, 5, 6);
    assert_int_not_equal(sim_rng_derive(SEED, 5, 7), d);
    assert_int_equal(sim_rng_derive(SEED, 5, 6), d);
    /* neighbours in each coordinate, and the rep/stream swap */
    assert_int_not_equal(sim_rng_derive(SEED, 5, 5), d);
    assert_int_not_equal(sim_rng_derive(SEED, 4, 6), d);
    assert_int_not_equal(sim_rng_derive(SEED, 6, 6), d);
    assert_int_not_equal(sim_rng_derive(SEED - 1, 5, 6), d);
    assert_int_not_equal(sim_rng_derive(SEED + 1, 5, 6), d);
    assert_int_not_equal(sim_rng_derive(SEED, 6, 5), d);
    assert_int_not_equal(sim_rng_derive(0, 0, 0), sim_rng_derive(0, 0, 1));
    assert_int_not_equal(sim_rng_derive(0, 0, 0), sim_rng_derive(0, 1, 0));
    assert_int_not_equal(sim_rng_derive(0, 0, 0), sim_rng_derive(1, 0, 0));

    /* a whole block of neighbouring triples: 2 masters x 10 reps x 100
     * streams, all 2000 seeds distinct (a chance collision among 2000
     * random 64-bit values has probability ~1e-13) */
    enum { NM = 2, NR = 10, NS = 100, N = NM * NR * NS };
    static uint64_t seeds[N];
    size_t k = 0;
    for (uint64_t m = 0; m < NM; m++)
        for (uint64_t r = 0; r < NR; r++)
            for (uint64_t s = 0; s < NS; s++)
                seeds[k++] = sim_rng_derive(SEED + m, r, s);
    qsort(seeds, N, sizeof seeds[0], cmp_u64);
    for (size_t i = 1; i < N; i++)
        assert_int_not_equal(seeds[i - 1], seeds[i]);

    /* sim_rng_stream is gsl_rng_set(derive(...)) */
    gsl_rng *a = new_stream(5, 6);
    gsl_rng *b = gsl_rng_alloc(sim_rng_xoshiro256ss);
    assert_non_null(b);
    gsl_rng_set(b, d);
    assert_memory_equal(a->state, b->state, 4 * sizeof(uint64_t));
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* The SplitMix64 finaliser f (Steele, Lea & Flood 2014), written from its
 * definition: one splitmix64_next step from z - golden. */
static uint64_t mix64_ref(uint64_t z)
{
    uint64_t x = z - UINT64_C(0x9e3779b97f4a7c15);
    return splitmix64_next(&x);
}

static void test_derive_formula(void **state)
{
    (void)state;
    /* Pins the derivation, so that results stay reproducible across
     * versions. Expected: the formula of sim_rng.h,
     *   H = f((f((f(master) ^ replication) + K1) ^ stream) + K2),
     * with K1 = 0x9e3779b97f4a7c15 (the golden gamma) and K2 =
     * 0x6a09e667f3bcc909, the constants of sim_rng.c. */
    const uint64_t K1 = UINT64_C(0x9e3779b97f4a7c15);
    const uint64_t K2 = UINT64_C(0x6a09e667f3bcc909);
    static const uint64_t t[][3] = {
        {0, 0, 0}, {SEED, 0, 0}, {SEED, 3, 17}, {UINT64_MAX, UINT64_MAX, UINT64_MAX},
        {1, 2, 3}, {SEED, 1000, 999}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        uint64_t h = mix64_ref(t[i][0]);
        h = mix64_ref((h ^ t[i][1]) + K1);
        h = mix64_ref((h ^ t[i][2]) + K2);
        assert_int_equal(sim_rng_derive(t[i][0], t[i][1], t[i][2]), h);
    }
}

/* ---- known answers ---------------------------------------------------------- */

static void test_xoshiro_known_answer(void **state)
{
    (void)state;
    /* Published reference outputs of xoshiro256** (Blackman & Vigna,
     * xoshiro256starstar.c) for the state s = {1, 2, 3, 4}. */
    static const uint64_t expect[4] = {
        UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240),
        UINT64_C(1215971899390074240)};
    gsl_rng *r = gsl_rng_alloc(sim_rng_xoshiro256ss);
    assert_non_null(r);
    assert_string_equal(gsl_rng_name(r), "xoshiro256**");
    assert_int_equal(gsl_rng_max(r), UINT64_MAX);
    assert_int_equal(gsl_rng_min(r), 0);
    assert_int_equal(gsl_rng_size(r), 4 * sizeof(uint64_t));

    uint64_t *s = state_words(r);
    s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
    for (int i = 0; i < 4; i++)
        assert_int_equal(sim_rng_next(r), expect[i]);
    s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
    for (int i = 0; i < 4; i++)
        assert_int_equal(gsl_rng_get(r), expect[i]);
    /* gsl_rng_uniform is the top 53 bits / 2^53 */
    s[0] = 1, s[1] = 2, s[2] = 3, s[3] = 4;
    for (int i = 0; i < 4; i++)
        assert_true(gsl_rng_uniform(r) ==
                    (double)(expect[i] >> 11) * 0x1.0p-53);
    gsl_rng_free(r);
}

static void test_splitmix_seeding(void **state)
{
    (void)state;
    /* The test's SplitMix64 against the published reference outputs of
     * splitmix64.c for seed 1234567. */
    uint64_t x = 1234567;
    assert_int_equal(splitmix64_next(&x), UINT64_C(6457827717110365317));
    assert_int_equal(splitmix64_next(&x), UINT64_C(3203168211198807973));

    gsl_rng *r = gsl_rng_alloc(sim_rng_xoshiro256ss);
    assert_non_null(r);
    /* gsl_rng_set(r, 1234567): the state is the SplitMix64 stream */
    gsl_rng_set(r, 1234567);
    assert_int_equal(state_words(r)[0], UINT64_C(6457827717110365317));
    assert_int_equal(state_words(r)[1], UINT64_C(3203168211198807973));

    /* seed 0: mix64(golden), mix64(2 golden), ... (expected from the test's
     * SplitMix64 definition); then a few other seeds incl. the top bit */
    static const uint64_t seeds[] = {0, 1, 0x9e3779b97f4a7c15u, UINT64_MAX,
                                     UINT64_C(1) << 63};
    for (size_t k = 0; k < sizeof seeds / sizeof seeds[0]; k++) {
        uint64_t sm = seeds[k];
        gsl_rng_set(r, seeds[k]);
        for (int i = 0; i < 4; i++)
            assert_int_equal(state_words(r)[i], splitmix64_next(&sm));
    }
    gsl_rng_free(r);
}

/* ---- no overlap ------------------------------------------------------------- */

static void test_no_shared_outputs(void **state)
{
    (void)state;
    /* 2000 streams (replications 0..1 x stream ids 0..999) x 5000 outputs.
     * Overlapping streams would repeat values. Among 1e7 independent
     * random 64-bit values a chance repeat has probability
     * ~ n^2 / 2^65 = 1e14 / 3.7e19 ~ 3e-6, so a repeat means a defect. */
    enum { NREP = 2, NSTREAM = 1000, LEN = 5000 };
    const size_t n = (size_t)NREP * NSTREAM * LEN;
    uint64_t *v = malloc(n * sizeof *v);
    assert_non_null(v);
    gsl_rng *r = new_stream(0, 0);
    size_t k = 0;
    for (uint64_t rep = 0; rep < NREP; rep++)
        for (uint64_t s = 0; s < NSTREAM; s++) {
            sim_rng_reset(r, SEED, rep, s);
            for (int i = 0; i < LEN; i++)
                v[k++] = sim_rng_next(r);
        }
    gsl_rng_free(r);
    qsort(v, n, sizeof *v, cmp_u64);
    size_t repeats = 0;
    for (size_t i = 1; i < n; i++)
        repeats += v[i] == v[i - 1];
    free(v);
    assert_int_equal(repeats, 0);
}

/* ---- independence and uniformity ---------------------------------------------- */

/* Correlation of gsl_rng_uniform between two streams over n draws. */
static double stream_correlation(uint64_t rep_a, uint64_t s_a, uint64_t rep_b,
                                 uint64_t s_b, size_t n)
{
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    gsl_rng *ra = new_stream(rep_a, s_a), *rb = new_stream(rep_b, s_b);
    for (size_t i = 0; i < n; i++) {
        a[i] = gsl_rng_uniform(ra);
        b[i] = gsl_rng_uniform(rb);
    }
    double c = gsl_stats_correlation(a, 1, b, 1, n);
    gsl_rng_free(ra);
    gsl_rng_free(rb);
    free(a);
    free(b);
    return c;
}

static void test_neighbour_streams_uncorrelated(void **state)
{
    (void)state;
    /* For independent streams sqrt(n) r is about N(0, 1): |r| < 4.5 /
     * sqrt(n) fails by chance with probability 2 * Q(4.5) ~ 7e-6 per pair,
     * ~1.4e-5 for the two pairs below. */
    const size_t n = 100000;
    const double bound = 4.5 / sqrt((double)n);
    /* neighbouring stream ids, same replication */
    CHECK_NEAR(stream_correlation(0, 41, 0, 42, n), 0.0, bound);
    /* same stream id, neighbouring replications */
    CHECK_NEAR(stream_correlation(0, 41, 1, 41, n), 0.0, bound);
}

/* Chi-square p-value of counts[0..k-1] against equal expected counts. */
static double chisq_uniform_p(const unsigned long *counts, size_t k, double n)
{
    double e = n / (double)k, chi2 = 0.0;
    for (size_t i = 0; i < k; i++)
        chi2 += ((double)counts[i] - e) * ((double)counts[i] - e) / e;
    return gsl_cdf_chisq_Q(chi2, (double)(k - 1));
}

static void test_uniform_chisq(void **state)
{
    (void)state;
    /* 1e6 draws into 100 equal bins; chi-square with 99 degrees of freedom.
     * The p > 1e-4 threshold fails by chance with probability 1e-4. */
    enum { BINS = 100, N = 1000000 };
    unsigned long counts[BINS] = {0};
    gsl_rng *r = new_stream(0, 100);
    for (int i = 0; i < N; i++) {
        double u = gsl_rng_uniform(r);
        assert_true(u >= 0.0 && u < 1.0);
        counts[(int)(u * BINS)]++;
    }
    double p = chisq_uniform_p(counts, BINS, N);
    if (!(p > 1e-4)) {
        print_error("chi-square p-value %g <= 1e-4\n", p);
        fail();
    }
    gsl_rng_free(r);
}

static void test_gsl_exponential_mean(void **state)
{
    (void)state;
    /* gsl_ran_exponential(r, mu) with mu = 2: the sample mean of 1e6 draws
     * has sd mu / sqrt(n) = 0.002; the 5-sd interval mu +- 0.01 fails by
     * chance with probability ~6e-7. The sd (= mu) gets the same check
     * with its asymptotic sd mu / sqrt(n) (excess kurtosis 6: var(s) ~
     * mu^2 (2 + 6) / (4 n) = 2 mu^2 / n), bound 5 * sqrt(2) * 0.002. */
    const double mu = 2.0;
    const size_t n = 1000000;
    gsl_rng *r = new_stream(0, 101);
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    for (size_t i = 0; i < n; i++) {
        x[i] = gsl_ran_exponential(r, mu);
        assert_true(x[i] >= 0.0 && isfinite(x[i]));
    }
    CHECK_NEAR(gsl_stats_mean(x, 1, n), mu, 5 * mu / sqrt((double)n));
    CHECK_NEAR(gsl_stats_sd(x, 1, n), mu, 5 * sqrt(2.0) * mu / sqrt((double)n));
    free(x);
    gsl_rng_free(r);
}

/* ---- gsl_rng_uniform_int with max = 2^64 - 1 ---------------------------------- */

static int gsl_errors;

static void count_gsl_error(const char *reason, const char *file, int line,
                            int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    gsl_errors++;
}

static void test_uniform_int_64bit(void **state)
{
    (void)state;
    gsl_error_handler_t *old = gsl_set_error_handler(&count_gsl_error);
    gsl_errors = 0;
    gsl_rng *r = new_stream(0, 102);

    /* n = 1: always 0 */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(gsl_rng_uniform_int(r, 1), 0);

    /* Small and large n, incl. n above 2^32 and n = 2^64 - 1: values in
     * range, chi-square over 10 bins of k / n with p > 1e-6 (false failure
     * <= 4e-6 for the four n) and mean of k / n within 5 sd of 1/2
     * (sd = sqrt(1/12 / N), false failure ~6e-7 each). */
    static const unsigned long ns[] = {10, (UINT64_C(1) << 40) + 3,
                                       UINT64_C(3) << 62, UINT64_MAX};
    enum { N = 200000, BINS = 10 };
    for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
        unsigned long n = ns[j], counts[BINS] = {0};
        double sum = 0.0;
        for (int i = 0; i < N; i++) {
            unsigned long k = gsl_rng_uniform_int(r, n);
            assert_true(k < n);
            double f = (double)k / (double)n; /* may round to 1.0 */
            int b = (int)(f * BINS);
            counts[b < BINS ? b : BINS - 1]++;
            sum += f;
        }
        double p = chisq_uniform_p(counts, BINS, N);
        if (!(p > 1e-6)) {
            print_error("n = %lu: chi-square p-value %g <= 1e-6\n", n, p);
            fail();
        }
        double mean_expect = 0.5 - 0.5 / (double)n; /* mean of k/n, k in 0..n-1 */
        CHECK_NEAR(sum / N, mean_expect, 5 * sqrt(1.0 / 12 / N));
    }
    assert_int_equal(gsl_errors, 0);
    gsl_rng_free(r);
    gsl_set_error_handler(old);
}

/* ---- sim_rng_uniform_pos ------------------------------------------------------ */

static void test_uniform_pos(void **state)
{
    (void)state;
    /* 1e6 draws in (0, 1); mean within 5 sd (sd = sqrt(1/12 / n) =
     * 2.9e-4, false failure ~6e-7) of 1/2. */
    const int n = 1000000;
    gsl_rng *r = new_stream(0, 103);
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        double u = sim_rng_uniform_pos(r);
        assert_true(u > 0.0 && u < 1.0);
        sum += u;
    }
    CHECK_NEAR(sum / n, 0.5, 5 * sqrt(1.0 / 12 / n));
    gsl_rng_free(r);
}

static void test_uniform_pos_extremes(void **state)
{
    (void)state;
    /* The extreme raw outputs, forced through the state: 0 and
     * 2^64 - 1 (and the other outputs whose top 53 bits are all ones). The
     * contract (sim_rng.h) is "never 0 or 1". */
    gsl_rng *r = gsl_rng_alloc(sim_rng_xoshiro256ss);
    assert_non_null(r);

    force_next_output(r, 0);
    gsl_rng *copy = gsl_rng_clone(r);
    assert_non_null(copy);
    assert_int_equal(sim_rng_next(copy), 0); /* the forcing works */
    gsl_rng_free(copy);
    double u0 = sim_rng_uniform_pos(r);
    assert_true(u0 > 0.0);
    assert_true(u0 < 0x1.0p-52); /* the smallest value, about 2^-54 */

    static const uint64_t top[] = {UINT64_MAX, UINT64_MAX - 2047};
    int bad = 0; /* fail only after freeing, to keep asan runs leak-free */
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
        force_next_output(r, top[i]);
        copy = gsl_rng_clone(r);
        assert_non_null(copy);
        assert_int_equal(sim_rng_next(copy), top[i]);
        gsl_rng_free(copy);
        double u1 = sim_rng_uniform_pos(r);
        if (!(u1 < 1.0)) {
            print_error("raw output %#llx: sim_rng_uniform_pos = %.17g, "
                        "not < 1\n", (unsigned long long)top[i], u1);
            bad = 1;
        }
    }
    gsl_rng_free(r);
    if (bad)
        fail();
}

/* ---- counter-based draws (sim_rng_counter, sim_rng_counter_uniform) ------------ */

/* Inverse of x ^= x >> k (k >= 22: three terms reach every bit). */
static uint64_t unxorshift(uint64_t y, int k)
{
    return y ^ (y >> k) ^ (y >> 2 * k);
}

/* The key whose counter-0 output is `target`: SplitMix64's finaliser
 * inverted (each round is a bijection), minus the golden gamma. */
static uint64_t key_for_output(uint64_t target)
{
    uint64_t z = unxorshift(target, 31);
    z *= inverse_odd(UINT64_C(0x94d049bb133111eb));
    z = unxorshift(z, 27);
    z *= inverse_odd(UINT64_C(0xbf58476d1ce4e5b9));
    z = unxorshift(z, 30);
    return z - UINT64_C(0x9e3779b97f4a7c15);
}

static void test_counter_draws(void **state)
{
    (void)state;
    /* pure, and output `counter` of the SplitMix64 sequence from `key`
       (known answer from the reference implementation above) */
    for (uint64_t s = 0; s < 8; s++) {
        uint64_t key = sim_rng_derive(SEED, 0, s), x = key;
        for (uint64_t c = 0; c < 1000; c++) {
            uint64_t v = sim_rng_counter(key, c);
            assert_int_equal(v, splitmix64_next(&x));
            assert_int_equal(v, sim_rng_counter(key, c));
            double u = sim_rng_counter_uniform(key, c);
            assert_true(u == sim_rng_counter_uniform(key, c));
            assert_true(u == ((double)(v >> 12) + 0.5) * 0x1.0p-52);
        }
    }
    assert_int_equal(sim_rng_counter(0, 0), 0xe220a8397b1dcdafu); /* splitmix64(0), first output */

    /* different keys differ: the first 100 outputs of 1000 derived keys
       (1e5 64-bit values) hold no repeat (by chance: p ~ 3e-10), and keys
       one bit apart differ at every counter tried */
    enum { K = 1000, C = 100 };
    uint64_t *all = malloc(K * C * sizeof *all);
    assert_non_null(all);
    for (uint64_t k = 0; k < K; k++)
        for (uint64_t c = 0; c < C; c++)
            all[k * C + c] = sim_rng_counter(sim_rng_derive(SEED, 1, k), c);
    qsort(all, K * C, sizeof *all, cmp_u64);
    size_t repeats = 0;
    for (size_t i = 1; i < K * C; i++)
        repeats += all[i] == all[i - 1];
    free(all);
    assert_int_equal(repeats, 0);
    for (int bit = 0; bit < 64; bit++) {
        uint64_t key = sim_rng_derive(SEED, 2, 0);
        for (uint64_t c = 0; c < 16; c++)
            assert_true(sim_rng_counter(key, c) != sim_rng_counter(key ^ (UINT64_C(1) << bit), c));
    }

    /* uniform: 1e6 draws (1000 keys x 1000 counters, the way a model uses
       them: one key per process, counters per event) into 100 bins;
       chi-square(99), p > 1e-4 fails by chance with probability 1e-4.
       All strictly inside (0, 1). */
    enum { BINS = 100, NK = 1000, NC = 1000 };
    unsigned long counts[BINS] = {0};
    int outside = 0;
    for (uint64_t k = 0; k < NK; k++) {
        uint64_t key = sim_rng_derive(SEED, 3, k);
        for (uint64_t c = 0; c < NC; c++) {
            double u = sim_rng_counter_uniform(key, c);
            outside += !(u > 0.0 && u < 1.0);
            counts[(int)(u * BINS)]++;
        }
    }
    assert_int_equal(outside, 0);
    double p = chisq_uniform_p(counts, BINS, (double)NK * NC);
    if (!(p > 1e-4)) {
        print_error("counter draws: chi-square p-value %g <= 1e-4\n", p);
        fail();
    }

    /* the extreme raw outputs still map into (0, 1) */
    static const uint64_t extreme[] = {0, 1, UINT64_MAX, UINT64_MAX - 4095};
    for (size_t i = 0; i < sizeof extreme / sizeof extreme[0]; i++) {
        uint64_t key = key_for_output(extreme[i]);
        assert_int_equal(sim_rng_counter(key, 0), extreme[i]); /* the inversion works */
        double u = sim_rng_counter_uniform(key, 0);
        assert_true(u > 0.0 && u < 1.0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_reproducible),
        cmocka_unit_test(test_distinct_triples),
        cmocka_unit_test(test_derive_pure_and_distinct),
        cmocka_unit_test(test_derive_formula),
        cmocka_unit_test(test_xoshiro_known_answer),
        cmocka_unit_test(test_splitmix_seeding),
        cmocka_unit_test(test_no_shared_outputs),
        cmocka_unit_test(test_neighbour_streams_uncorrelated),
        cmocka_unit_test(test_uniform_chisq),
        cmocka_unit_test(test_gsl_exponential_mean),
        cmocka_unit_test(test_uniform_int_64bit),
        cmocka_unit_test(test_uniform_pos),
        cmocka_unit_test(test_uniform_pos_extremes),
        cmocka_unit_test(test_counter_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
