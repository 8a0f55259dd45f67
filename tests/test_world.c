/* test_world.c - the police world against theory and against its own
 * bookkeeping.
 *
 * Statistical comparisons and their false-failure budget (each a
 * two-sided Student-t interval over independent replications, or a
 * chi-square test, at the stated level):
 *   M/M/c reduction (scenarios/validation/mmc.cfg): P(wait), mean wait,
 *     utilisation against Erlang C          3 x 5e-5
 *   travel geometry: mean response from a base at the centre of a square
 *     (right-angle and straight-line) and of a disc      3 x 5e-5
 *   Larson's hypercube model: three officers' workloads and P(wait)
 *                                                        4 x 5e-5
 *   hourly arrival counts against the configured profile (chi-square)
 *                                                        1 x 1e-4
 *   coverage of the reported 95 % intervals (P(wait), mean wait) over
 *     400 experiments, two-sided binomial tests          2 x 1e-4
 * Family false-failure probability <= 8e-4 (Bonferroni), below 1 in 1000.
 * Each interval must also be narrow enough to have power (stated per
 * test) and the M/M/c data must reject a queue with 3 % more traffic.
 * The other tests are exact bookkeeping identities on seeded runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "check.h"
#include "world_fixture.h"
#include "city.h"
#include "hypercube.h"
#include "mmc.h"
#include "roster.h"
#include "scenario.h"
#include "world.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALPHA 5e-5
#define YEAR_MIN (365.25 * 1440.0)
#define PI 3.14159265358979323846

/* ---- helpers ------------------------------------------------------------------ */

/* A world of one station and one beat (area `area_km2`, at the origin),
 * one incident type with a flat profile and `ngroups` = 1 group of
 * `officers` station officers on `plan`. Everything else neutral: no desk,
 * no follow-up, no day factor, zero dispatch delay, unit detour. */
static void tiny(scenario *s, double area_km2, beat_shape shape, double calls_per_day,
                 int officers, shift_plan plan)
{
    one_beat(s, "tiny", area_km2, shape);
    s->ntypes = 1;
    flat_type(&s->types[0], "call", calls_per_day, 1, 1);
    s->types[0].scene = SCENE_FIXED;
    s->day_factor_variance = 0;
    s->ngroups = 1;
    plain_group(&s->groups[0], "officers", officers, plan);

    s->dispatch = (dispatch_params){.policy = DISPATCH_NEAREST, .delay_min = 0,
                                    .detour = 1, .return_to_base = 1, .cross_station = 3};
    s->warmup_days = 0;
    s->days = 28;
}


/* ---- M/M/c -------------------------------------------------------------------- */

/* The police model reduced to M/M/c (one beat of zero area, c officers on
 * duty round the clock, flat profile, exponential scene time, FCFS, no
 * desk, no follow-up): P(wait), mean wait and utilisation against Erlang
 * C (Gross et al., "Fundamentals of Queueing Theory", 4th ed., 2.3). The
 * scenario file is the shipped one; 20 replications of 2000 days each
 * give intervals within 6 % of theory (1 % for utilisation). */
static void test_mmc_reduction(void **state)
{
    (void)state;
    scenario s;
    assert_int_equal(scenario_load(&s, "scenarios/validation/mmc.cfg", stderr), 0);
    built b;
    build(&b, &s);
    assert_int_equal((int)b.r.n, 10);

    enum { PW, WQ, UT, NM, REPS = 20 };
    double v[REPS * NM];
    for (int r = 0; r < REPS; r++) {
        world_result w;
        assert_int_equal(world_run(&s, &b.c, &b.r, (uint64_t)r, &w), 0);
        assert_true(w.incidents > 100000);
        v[r * NM + PW] = metric(&w, &s, "waited_share");
        v[r * NM + WQ] = metric(&w, &s, "queue_wait_mean_min");
        v[r * NM + UT] = metric(&w, &s, "utilisation_share");
        /* zero travel: response = wait for dispatch */
        CHECK_NEAR(metric(&w, &s, "response_mean_min"), v[r * NM + WQ], 1e-9);
        world_result_free(&w);
    }
    double lambda = s.types[0].rate_per_1000_year * s.beats[0].residents / 1000 / YEAR_MIN;
    double mu = 1.0 / s.types[0].scene_mean_min;
    mmc_theory th, th_more;
    assert_int_equal(mmc_erlang_c(10, lambda, mu, &th), 0);
    assert_int_equal(mmc_erlang_c(10, lambda * 1.03, mu, &th_more), 0);
    double want[NM] = {th.p_wait, th.wait_mean_min, th.utilisation};
    double more[NM] = {th_more.p_wait, th_more.wait_mean_min, th_more.utilisation};
    double tol[NM] = {0.06, 0.06, 0.01};
    int rejected = 0;
    for (int m = 0; m < NM; m++) {
        sim_ci ci = sim_ci_compute(v + m, NM, REPS, ALPHA);
        printf("  mmc %d: %.5g [%.5g, %.5g], Erlang C %.5g\n", m, ci.mean, ci.low, ci.high,
               want[m]);
        assert_true(ci.low <= want[m] && want[m] <= ci.high);
        assert_true(ci.half <= tol[m] * want[m]);
        rejected |= more[m] < ci.low || more[m] > ci.high;
    }
    assert_true(rejected); /* the test can tell 3 % more traffic */
    unbuild(&b);
    scenario_free(&s);
}

/* Coverage of the 95 % intervals that beatsim reports: 400 independent
 * experiments of 10 replications of a small M/M/2 (one beat of zero area,
 * rho = 0.5, mean scene 10 min, 10 days after a 2-day warm-up, far longer
 * than the relaxation time of about an hour). The number of intervals
 * that hold Erlang C's P(wait) and mean wait is binomial(400, 0.95) when
 * the intervals are right; each count is tested two-sided at level 1e-4.
 * Power: intervals narrowed to 60 % of their width (nominal coverage
 * about 0.78) must be rejected by the same test. */
static void test_ci_coverage(void **state)
{
    (void)state;
    enum { M = 400, R = 10, NM = 2 };
    scenario s;
    tiny(&s, 0.0, SHAPE_SQUARE, 144.0, 2, SHIFT_CONTINUOUS);
    s.types[0].scene = SCENE_EXPONENTIAL;
    s.types[0].scene_mean_min = 10;
    s.warmup_days = 2;
    s.days = 10;
    built b;
    build(&b, &s);
    mmc_theory th;
    assert_int_equal(mmc_erlang_c(2, 0.1, 0.1, &th), 0);
    double want[NM] = {th.p_wait, th.wait_mean_min};
    int covered[NM] = {0}, narrow[NM] = {0};
    for (int m = 0; m < M; m++) {
        double v[R * NM];
        for (int r = 0; r < R; r++) {
            world_result w;
            assert_int_equal(world_run(&s, &b.c, &b.r, (uint64_t)(m * R + r), &w), 0);
            v[r * NM + 0] = metric(&w, &s, "waited_share");
            v[r * NM + 1] = metric(&w, &s, "queue_wait_mean_min");
            world_result_free(&w);
        }
        for (int k = 0; k < NM; k++) {
            sim_ci ci = sim_ci_compute(v + k, NM, R, 0.05);
            covered[k] += ci.low <= want[k] && want[k] <= ci.high;
            narrow[k] += fabs(ci.mean - want[k]) <= 0.6 * ci.half;
        }
    }
    for (int k = 0; k < NM; k++) {
        double lo = gsl_cdf_binomial_P((unsigned)covered[k], 0.95, M);
        double hi = gsl_cdf_binomial_Q((unsigned)covered[k] - 1, 0.95, M);
        printf("  coverage %d: %d of %d (P(X <= x) %.3g, P(X >= x) %.3g)\n", k, covered[k], M,
               lo, hi);
        assert_true(lo >= 5e-5 && hi >= 5e-5);
        assert_true(gsl_cdf_binomial_P((unsigned)narrow[k], 0.95, M) < 5e-5);
    }
    unbuild(&b);
    scenario_free(&s);
}

/* ---- Larson's hypercube model --------------------------------------------- */

/* Three officers at three stations, five point beats (so every call of a
 * beat has the same nearest officer), travel made instantaneous (the
 * geometry shrunk to metres and below at 300 km/h, the fastest speed a
 * scenario takes: a free officer is always at its base, as the hypercube
 * assumes), exponential scenes, nearest-free dispatch, continuous duty:
 * each officer's workload and P(wait) against the hypercube model. 20
 * replications of 1000 days, alpha 5e-5 per comparison, half-widths
 * within 2 %; the workloads must also reject the equal-workload answer
 * of a model that ignores where officers are (rho for everybody). */
static void test_hypercube(void **state)
{
    (void)state;
    enum { N = 3, J = 5, REPS = 20 };
    const double SHRINK = 1e-4; /* 4 units apart: 0.4 m, 5e-6 of a scene */
    static const double sx[N] = {0, 4, 0}, sy[N] = {0, 0, 3};
    static const double bx[J] = {0, 4, 0, 1.5, 3}, by[J] = {0, 0, 3, 0.5, 2};
    static const int bst[J] = {0, 1, 2, 0, 1};
    static const double res[J] = {1000, 600, 800, 1200, 400};
    scenario s;
    tiny(&s, 0.0, SHAPE_SQUARE, 1.0, N, SHIFT_CONTINUOUS);
    free(s.stations);
    free(s.beats);
    s.stations = calloc(N, sizeof *s.stations);
    s.beats = calloc(J, sizeof *s.beats);
    assert_non_null(s.stations);
    assert_non_null(s.beats);
    s.nstations = N;
    s.nbeats = J;
    for (int i = 0; i < N; i++) {
        snprintf(s.stations[i].id, sizeof s.stations[i].id, "S%d", i + 1);
        s.stations[i].x = sx[i] * SHRINK;
        s.stations[i].y = sy[i] * SHRINK;
    }
    double lambda_total = 0.06; /* calls per minute: rho = 0.06 x 30 / 3 = 0.6 */
    for (int j = 0; j < J; j++) {
        s.beats[j] = (beat_spec){.land = LAND_URBAN_RESIDENTIAL, .residents = res[j],
                                 .households = res[j] / 2.62, .x = bx[j] * SHRINK,
                                 .y = by[j] * SHRINK};
        snprintf(s.beats[j].id, sizeof s.beats[j].id, "B%d", j + 1);
        snprintf(s.beats[j].station, sizeof s.beats[j].station, "S%d", bst[j] + 1);
    }
    s.types[0].rate_per_1000_year = lambda_total * YEAR_MIN / 4000 * 1000;
    s.types[0].scene = SCENE_EXPONENTIAL;
    s.types[0].scene_mean_min = 30;
    s.land[LAND_URBAN_RESIDENTIAL].speed_kmh = 300;
    s.warmup_days = 10;
    s.days = 1000;
    built b;
    build(&b, &s);
    assert_int_equal((int)b.r.n, N);

    /* preference lists by right-angle distance from the beat to the bases,
       computed here from the geometry */
    int pref[J][3];
    double lambda[J];
    for (int j = 0; j < J; j++) {
        lambda[j] = lambda_total * res[j] / 4000;
        for (int k = 0; k < N; k++)
            pref[j][k] = k;
        for (int a = 0; a < N; a++)
            for (int c = a + 1; c < N; c++) {
                double da = fabs(bx[j] - sx[pref[j][a]]) + fabs(by[j] - sy[pref[j][a]]);
                double dc = fabs(bx[j] - sx[pref[j][c]]) + fabs(by[j] - sy[pref[j][c]]);
                if (dc < da) {
                    int t = pref[j][a];
                    pref[j][a] = pref[j][c];
                    pref[j][c] = t;
                }
            }
    }
    /* the hypercube model (models/hypercube.c): workloads and P(wait) */
    int flat[J * N];
    for (int j = 0; j < J; j++)
        for (int k = 0; k < N; k++)
            flat[j * N + k] = pref[j][k];
    hypercube_params hp = {.units = N, .atoms = J, .lambda = lambda, .pref = flat,
                           .mu = 1.0 / 30};
    hypercube_result hr;
    assert_int_equal(hypercube_solve(&hp, &hr), 0);
    double want[N + 1];
    for (int i = 0; i < N; i++)
        want[i] = hr.workload[i];
    want[N] = hr.p_wait;
    hypercube_result_free(&hr);

    double v[REPS * (N + 1)];
    for (int r = 0; r < REPS; r++) {
        world_result w;
        assert_int_equal(world_run(&s, &b.c, &b.r, (uint64_t)r, &w), 0);
        for (int i = 0; i < N; i++) /* officer i stands at station i */
            v[r * (N + 1) + i] = w.officer_busy_min[i] / w.observed_min;
        v[r * (N + 1) + N] = metric(&w, &s, "waited_share");
        world_result_free(&w);
    }
    int rejects_equal = 0;
    for (int i = 0; i <= N; i++) {
        sim_ci ci = sim_ci_compute(v + i, N + 1, REPS, ALPHA);
        printf("  hypercube %s %d: %.5f [%.5f, %.5f], theory %.5f\n",
               i < N ? "workload" : "P(wait)", i, ci.mean, ci.low, ci.high, want[i]);
        assert_true(ci.low <= want[i] && want[i] <= ci.high);
        assert_true(ci.half <= 0.02 * want[i]);
        if (i < N)
            rejects_equal |= 0.6 < ci.low || 0.6 > ci.high;
    }
    assert_true(rejects_equal);
    unbuild(&b);
    scenario_free(&s);
}

/* ---- travel geometry ------------------------------------------------------------- */

/* Calls uniform in a beat, officers waiting at a station at its centre,
 * almost no load (one call a day, one-minute scenes): the response time
 * is delay + detour x distance / speed, with the mean distance from the
 * centre known in closed form:
 *   square of side L, right-angle:   L / 2
 *   square of side L, straight line: L (sqrt 2 + ln(1 + sqrt 2)) / 6
 *   disc of radius R, straight line: 2 R / 3
 * 20 replications of 2000 calls; interval half-width within 1 %. */
static void geometry_case(beat_shape shape, int euclid, double want_km)
{
    scenario s;
    tiny(&s, 4.0, shape, 1.0, 5, SHIFT_CONTINUOUS);
    s.dispatch.euclidean = euclid;
    s.dispatch.delay_min = 1.5;
    s.dispatch.detour = 1.2;
    s.days = 2000;
    built b;
    build(&b, &s);
    double speed = s.land[LAND_URBAN_RESIDENTIAL].speed_kmh;
    double want = 1.5 + 1.2 * want_km / speed * 60.0;
    enum { REPS = 20 };
    double v[REPS];
    for (int r = 0; r < REPS; r++) {
        world_result w;
        assert_int_equal(world_run(&s, &b.c, &b.r, (uint64_t)r, &w), 0);
        v[r] = metric(&w, &s, "response_mean_min");
        world_result_free(&w);
    }
    sim_ci ci = sim_ci_compute(v, 1, REPS, ALPHA);
    printf("  geometry: %.5g [%.5g, %.5g], theory %.5g\n", ci.mean, ci.low, ci.high, want);
    assert_true(ci.low <= want && want <= ci.high);
    assert_true(ci.half <= 0.01 * want);
    unbuild(&b);
    scenario_free(&s);
}

static void test_geometry(void **state)
{
    (void)state;
    double L = 2.0, R = sqrt(4.0 / PI);
    geometry_case(SHAPE_SQUARE, 0, L / 2);
    geometry_case(SHAPE_SQUARE, 1, L * (sqrt(2.0) + log(1 + sqrt(2.0))) / 6);
    geometry_case(SHAPE_DISC, 1, 2 * R / 3);
}

/* ---- measures by land type ------------------------------------------------------------ */

/* response_<land>_mean_min and within_target_<land>_share are the
 * by-beat sums pooled over the beats of that land type (exactly), and
 * the land types together hold every answered call. */
static void test_land_measures(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.days = 14;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 3, &w), 0);
    uint64_t all = 0;
    int seen = 0;
    for (int l = 0; l < LAND_NTYPES; l++) {
        double sum = 0, answered = 0, within = 0;
        for (size_t i = 0; i < b.c.nbeats; i++)
            if (b.c.beats[i].land == (land_type)l) {
                sum += w.beat_response_sum[i];
                answered += (double)w.beat_answered[i];
                within += (double)w.beat_within[i];
            }
        char name[96];
        snprintf(name, sizeof name, "response_%s_mean_min", land_type_names[l]);
        double got = metric(&w, &s, name);
        snprintf(name, sizeof name, "within_target_%s_share", land_type_names[l]);
        double share = metric(&w, &s, name);
        if (answered == 0) {
            assert_true(isnan(got) && isnan(share));
            continue;
        }
        seen++;
        CHECK_REL(got, sum / answered, 1e-9);
        CHECK_REL(share, within / answered, 1e-12);
        all += (uint64_t)answered;
    }
    assert_true(seen >= 2); /* urban and rural beats both answered */
    assert_int_equal(all, w.answered);
    world_result_free(&w);
    unbuild(&b);
}

/* ---- arrivals follow the profile ---------------------------------------------------- */

/* The default city without day factors for 8 whole weeks: counts per hour
 * of the week against the expected counts computed here from the
 * scenario's rates, residents, land multipliers and profiles. Pearson
 * chi-square with 167 degrees of freedom at level 1e-4. */
static void test_hourly_profile(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.day_factor_variance = 0;
    s.warmup_days = 0;
    s.days = 56;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 7, &w), 0);

    double expect[168] = {0};
    for (int k = 0; k < s.ntypes; k++) {
        const incident_type *t = &s.types[k];
        double per_min = 0, hm = 0, dm = 0;
        for (size_t i = 0; i < b.c.nbeats; i++)
            per_min += t->rate_per_1000_year / 1000 / YEAR_MIN * b.c.beats[i].residents *
                       t->land_mult[b.c.beats[i].land];
        for (int h = 0; h < 24; h++)
            hm += t->hour_profile[h] / 24;
        for (int d = 0; d < 7; d++)
            dm += t->dow_profile[d] / 7;
        for (int d = 0; d < 7; d++)
            for (int h = 0; h < 24; h++)
                expect[24 * d + h] += 8 * 60 * per_min * t->hour_profile[h] / hm *
                                      t->dow_profile[d] / dm;
    }
    double chi2 = 0, total = 0;
    for (int i = 0; i < 168; i++) {
        double d = (double)w.week_incidents[i] - expect[i];
        chi2 += d * d / expect[i];
        total += expect[i];
    }
    double crit = gsl_cdf_chisq_Qinv(1e-4, 167);
    printf("  hourly: chi2 %.1f (critical %.1f), %llu calls, expected %.0f\n", chi2, crit,
           (unsigned long long)w.incidents, total);
    assert_true(chi2 < crit);
    assert_true(w.incidents > 10000);
    /* power: a profile one hour out of phase must be rejected */
    double shifted = 0;
    for (int i = 0; i < 168; i++) {
        double d = (double)w.week_incidents[i] - expect[(i + 1) % 168];
        shifted += d * d / expect[(i + 1) % 168];
    }
    assert_true(shifted > crit);
    world_result_free(&w);
    unbuild(&b);
    scenario_free(&s);
}

/* ---- bookkeeping ---------------------------------------------------------------------- */

/* The default city for four weeks: every officer-minute is in exactly one
 * activity; counts by type and by priority add up; the same replication
 * reproduces bit for bit and another one differs. */
static void test_default_city_bookkeeping(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.days = 28;
    built b;
    build(&b, &s);
    world_result w, w2, w3;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w2), 0);
    assert_int_equal(world_run(&s, &b.c, &b.r, 1, &w3), 0);

    /* every person's time is in one activity: officers' and auxiliary
       police's apart, members of a crew counted through their lead */
    double all = 0, aux = 0;
    for (int a = 0; a < ACT_N; a++) {
        all += w.act_min[a];
        aux += w.aux_act_min[a];
    }
    assert_true(b.r.nsworn < b.r.n && w.officers == b.r.nsworn &&
                w.auxiliaries == b.r.n - b.r.nsworn);
    CHECK_REL(all, (double)b.r.nsworn * w.observed_min, 1e-9);
    CHECK_REL(aux, (double)(b.r.n - b.r.nsworn) * w.observed_min, 1e-9);
    /* every call goes one way, and the first unit is one kind */
    assert_true(w.car_calls + w.phone_calls + w.diverted == w.incidents);
    assert_true(w.phone_calls > 0 && w.diverted > 0);
    uint64_t fb = 0;
    for (int k = 0; k < FIRST_N; k++)
        fb += w.first_by[k];
    assert_true(fb == w.dispatched && w.first_by[FIRST_PATROL] > 0);
    assert_true(w.within_by[0] + w.within_by[1] + w.within_by[2] == w.within_target);
    uint64_t bt = 0, bp = 0, bh = 0, bb = 0;
    for (int k = 0; k < s.ntypes; k++)
        bt += w.by_type[k];
    for (int p = 0; p < WORLD_PRIORITIES; p++)
        bp += w.by_priority[p];
    for (int h = 0; h < 168; h++)
        bh += w.week_incidents[h];
    for (size_t i = 0; i < b.c.nbeats; i++)
        bb += w.beat_incidents[i];
    assert_true(w.incidents > 5000);
    assert_true(bt == w.incidents && bp == w.incidents && bh == w.incidents &&
                bb == w.incidents);
    assert_true(w.answered <= w.dispatched && w.dispatched <= w.car_calls);
    assert_true(w.response[0].n == w.answered);
    /* the daily series adds up to the totals (28 whole days) */
    assert_int_equal((int)w.ndays, 28);
    uint64_t dinc = 0, dgap = 0;
    double dact[ACT_N] = {0}, dot = 0;
    for (size_t d = 0; d < w.ndays; d++) {
        dinc += w.days[d].incidents;
        dgap += w.days[d].gap_hours;
        dot += w.days[d].overtime_min;
        for (int a = 0; a < ACT_N; a++)
            dact[a] += w.days[d].act_min[a];
    }
    assert_true(dinc == w.incidents && dgap == w.gap_hours);
    CHECK_REL(dot, w.overtime_min, 1e-9);
    for (int a = 0; a < ACT_N; a++)
        CHECK_NEAR(dact[a], w.act_min[a], 1e-6 * (1 + w.act_min[a]));

    world_metric m1[256], m2[256], m3[256];
    size_t n = world_metrics(&w, &s, m1, 256);
    assert_int_equal(world_metrics(&w2, &s, m2, 256), n);
    assert_int_equal(world_metrics(&w3, &s, m3, 256), n);
    int differ = 0;
    for (size_t k = 0; k < n; k++) {
        assert_string_equal(m1[k].name, m2[k].name);
        assert_memory_equal(&m1[k].value, &m2[k].value, sizeof(double));
        differ |= memcmp(&m1[k].value, &m3[k].value, sizeof(double)) != 0;
    }
    assert_true(differ);

    /* plausible magnitudes for the default city (docs/model.md): priority-1
       calls reached in under 15 minutes on average, most officers' time
       not on calls */
    double p1 = metric(&w, &s, "response_p1_mean_min");
    assert_true(p1 > 3 && p1 < 15);
    double util = metric(&w, &s, "utilisation_share");
    assert_true(util > 0.05 && util < 0.8);
    world_result_free(&w);
    world_result_free(&w2);
    world_result_free(&w3);
    unbuild(&b);
    scenario_free(&s);
}

/* No calls, 21 officers on three 8-hour shifts: on average exactly 5 on
 * duty, 5 x 60 officer-minutes in every hour of the day, no overtime. One beat officer on day-only work: the beat is
 * covered 45 of the 168 hours of a week (Monday to Friday 08-17), so the
 * gap share is 123/168 exactly. */
static void test_shifts_and_coverage(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 1.0, SHAPE_SQUARE, 0.0, 21, SHIFT_FIXED_3X8);
    s.types[0].rate_per_1000_year = 0;
    s.days = 28;
    s.warmup_days = 7;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    CHECK_NEAR(metric(&w, &s, "officers_on_duty_mean"), 5.0, 1e-9);
    CHECK_NEAR(metric(&w, &s, "overtime_hours"), 0.0, 0.0);
    CHECK_NEAR(metric(&w, &s, "coverage_gap_share"), 0.0, 0.0);
    for (int h = 0; h < 168; h++)
        CHECK_NEAR(w.week_onduty_min[h], 5.0 * 60 * 4, 1e-6);
    world_result_free(&w);
    unbuild(&b);

    s.groups[0].role = ROLE_BEAT;
    s.groups[0].base = BASE_OFFICE;
    s.groups[0].rule = STAFF_PER_BEAT;
    s.groups[0].per_beat = 1;
    s.groups[0].shifts = SHIFT_DAY_ONLY;
    build(&b, &s);
    assert_int_equal((int)b.r.n, 1);
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    CHECK_NEAR(metric(&w, &s, "coverage_gap_share"), 123.0 / 168.0, 1e-12);
    CHECK_NEAR(metric(&w, &s, "officers_on_duty_mean"), 45.0 / 168.0, 1e-12);
    world_result_free(&w);
    unbuild(&b);
    scenario_free(&s);
}

/* Desk work: with no calls, officers on three 8-hour shifts spend the
 * configured share of their on-duty time at the desk (up to the staggered
 * start of the debts: at most one block per officer over the run). */
static void test_desk_share(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 1.0, SHAPE_SQUARE, 0.0, 21, SHIFT_FIXED_3X8);
    s.types[0].rate_per_1000_year = 0;
    s.groups[0].desk_share = 0.25;
    s.days = 56;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    double onduty = 5.0 * s.days * 1440;
    CHECK_NEAR(w.act_min[ACT_DESK], 0.25 * onduty, 21 * s.groups[0].desk_block_min);
    CHECK_NEAR(metric(&w, &s, "desk_share") + metric(&w, &s, "available_share"), 1.0, 1e-9);
    world_result_free(&w);
    unbuild(&b);
    scenario_free(&s);
}

/* Two-unit calls: both officers spend the scene time, only the lead does
 * the follow-up; the first arrival sets the response. */
static void test_two_units(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 1.0, SHAPE_SQUARE, 6.0, 4, SHIFT_CONTINUOUS);
    s.types[0].units = 2;
    s.types[0].scene_mean_min = 10;
    s.types[0].followup_h = 0.5;
    s.days = 60;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 3, &w), 0);
    double n = (double)w.incidents;
    assert_true(n > 200);
    /* each call: 2 officers x 10 min on scene (plus waiting for the second
       unit), 30 min of follow-up by one; calls open at the end shift the
       totals by at most one call's worth */
    double scene_h = metric(&w, &s, "scene_hours");
    double fu_h = metric(&w, &s, "followup_hours");
    assert_true(scene_h >= 2 * 10.0 / 60 * (n - 1) && scene_h <= 2 * 10.0 / 60 * (n + 1) * 1.2);
    CHECK_NEAR(fu_h, 0.5 * n, 0.5);
    world_result_free(&w);
    unbuild(&b);
    scenario_free(&s);
}

/* Two officers, two-unit calls of two priorities and one-unit calls, no
 * shifts: a call short of its second unit must be served before any new
 * call, else each officer can end up waiting on scene at a different
 * half-staffed call for ever (this happened: from day 9 nobody moved).
 * Every call is answered, with and without pre-emption, under both
 * policies. */
static void test_two_units_no_deadlock(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 4.0, SHAPE_SQUARE, 2000.0 / 365.25, 2, SHIFT_CONTINUOUS);
    s.types[0].priority = 3;
    s.types[0].scene = SCENE_EXPONENTIAL;
    s.types[0].scene_mean_min = 60;
    s.ntypes = 3;
    for (int k = 1; k < 3; k++) {
        s.types[k] = s.types[0];
        snprintf(s.types[k].name, sizeof s.types[k].name, "two%d", k);
        s.types[k].units = 2;
        s.types[k].priority = 3 - k;
        s.types[k].scene_mean_min = 30;
    }
    s.days = 120;
    built b;
    build(&b, &s);
    for (int v = 0; v < 4; v++) {
        s.dispatch.preempt = v & 1;
        s.dispatch.policy = v & 2 ? DISPATCH_BEAT_FIRST : DISPATCH_NEAREST;
        for (uint64_t rep = 0; rep < 3; rep++) {
            world_result w;
            assert_int_equal(world_run(&s, &b.c, &b.r, rep, &w), 0);
            assert_true(w.incidents > 1500);
            /* calls still open at the end: at most a handful */
            assert_true(w.incidents - w.answered < 10);
            world_result_free(&w);
        }
    }
    unbuild(&b);
    scenario_free(&s);
}

/* Pre-emption: two officers kept busy by long low-priority calls with long
 * follow-up; priority-1 calls are reached sooner when they may take an
 * officer from follow-up or from travel to a lower-priority call. Same
 * seed for both runs (common random numbers). */
static void test_preemption(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 4.0, SHAPE_SQUARE, 20.0, 2, SHIFT_CONTINUOUS);
    s.types[0].priority = 3;
    s.types[0].scene_mean_min = 20;
    s.types[0].followup_h = 1.0;
    s.ntypes = 2;
    s.types[1] = s.types[0];
    snprintf(s.types[1].name, sizeof s.types[1].name, "urgent");
    s.types[1].priority = 1;
    s.types[1].rate_per_1000_year = 2.0 * 365.25;
    s.types[1].followup_h = 0;
    s.days = 120;
    built b;
    build(&b, &s);
    world_result off, on;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &off), 0);
    s.dispatch.preempt = 1;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &on), 0);
    assert_int_equal(off.incidents, on.incidents); /* same calls */
    assert_true(off.preemptions == 0 && on.preemptions > 0);
    double p1_off = metric(&off, &s, "response_p1_mean_min");
    double p1_on = metric(&on, &s, "response_p1_mean_min");
    printf("  preemption: p1 mean %.3g min without, %.3g with\n", p1_off, p1_on);
    assert_true(p1_on < 0.8 * p1_off);
    world_result_free(&off);
    world_result_free(&on);
    unbuild(&b);
    scenario_free(&s);
}

/* Overtime: an officer on 8-hour shifts whose scenes last 3 hours works
 * past the end of a shift now and then; round the clock nobody does. */
static void test_overtime(void **state)
{
    (void)state;
    scenario s;
    tiny(&s, 1.0, SHAPE_SQUARE, 4.0, 3, SHIFT_FIXED_3X8);
    s.types[0].scene_mean_min = 180;
    s.days = 56;
    built b;
    build(&b, &s);
    world_result w;
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    double ot = metric(&w, &s, "overtime_hours");
    assert_true(ot > 0);
    /* no more than one whole scene per shift end */
    assert_true(ot <= 3.0 * 3 * 5 * 8);
    world_result_free(&w);
    unbuild(&b);
    s.groups[0].shifts = SHIFT_CONTINUOUS;
    build(&b, &s);
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w), 0);
    CHECK_NEAR(metric(&w, &s, "overtime_hours"), 0.0, 0.0);
    world_result_free(&w);
    unbuild(&b);
    scenario_free(&s);
}

/* world_run_stop: a stop asked for ends the run after its first day (a
 * run of 10,000 days would take about a minute) and leaves nothing;
 * without a stop the results are world_run's. */
static void test_stop(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.days = 10000;
    built b;
    build(&b, &s);
    world_result w, w2;
    volatile sig_atomic_t stop = 1;
    assert_int_equal(world_run_stop(&s, &b.c, &b.r, 0, &w, &stop), 1);
    s.days = 3;
    stop = 0;
    assert_int_equal(world_run_stop(&s, &b.c, &b.r, 0, &w, &stop), 0);
    assert_int_equal(world_run(&s, &b.c, &b.r, 0, &w2), 0);
    assert_int_equal(w.events, w2.events);
    assert_int_equal(w.incidents, w2.incidents);
    assert_time_equal(w.response[0].mean, w2.response[0].mean);
    world_result_free(&w);
    world_result_free(&w2);
    unbuild(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_mmc_reduction),
        cmocka_unit_test(test_ci_coverage),
        cmocka_unit_test(test_hypercube),
        cmocka_unit_test(test_geometry),
        cmocka_unit_test(test_land_measures),
        cmocka_unit_test(test_hourly_profile),
        cmocka_unit_test(test_default_city_bookkeeping),
        cmocka_unit_test(test_shifts_and_coverage),
        cmocka_unit_test(test_desk_share),
        cmocka_unit_test(test_two_units),
        cmocka_unit_test(test_two_units_no_deadlock),
        cmocka_unit_test(test_preemption),
        cmocka_unit_test(test_overtime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
