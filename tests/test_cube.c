/* test_cube.c - the hypercube model of a scenario's own stations
 * (cube.h, beatsim analytic --hypercube).
 *
 * Known answers:
 *  - A station of c interchangeable units (all at the station): P(wait)
 *    is Erlang C's (mmc_erlang_c) to 1e-9, the base's workload is rho,
 *    and no call goes to another base.
 *  - One station, three point beats with a beat officer each and one
 *    station unit, beat_first, travel made instantaneous (the geometry
 *    shrunk to below a metre at 300 km/h, as tests/test_world.c does),
 *    continuous duty, exponential scenes: the model's preference lists
 *    are the beat's own officer, then the others by distance, which this
 *    test builds from the geometry by hand and solves with
 *    hypercube_solve; the two must agree to 1e-9. And the simulation of
 *    the same station must hold the model's P(wait) and own-beat share
 *    inside its 99.95 % Student-t intervals over 20 replications of 400
 *    days (two comparisons: a false failure below 1e-3), with the
 *    own-beat share's half-width within 0.02.
 * Seeds are fixed (scenario seed 1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cube.h"
#include "hypercube.h"
#include "mmc.h"
#include "staff.h"
#include "world_fixture.h"

#include <gsl/gsl_cdf.h>

static void solve(const scenario *s, built *b, analytic_demand *d, cube_cell *out)
{
    build(b, s);
    assert_int_equal(analytic_demand_init(d, s, &b->c, &b->r, staff_planned_group(s)), 0);
    assert_int_equal(cube_solve(s, &b->c, &b->r, d, CUBE_UNITS_DEFAULT, out), 0);
}

static void test_pool_is_erlang(void **state)
{
    (void)state;
    scenario s;
    erlang_station(&s, 144); /* 0.1 a minute x 30 min = 3 Erlangs */
    s.groups[0].count = 5;
    built b;
    analytic_demand d;
    cube_cell x;
    solve(&s, &b, &d, &x);
    assert_int_equal(x.status, CUBE_SOLVED);
    assert_int_equal(x.units, 5);
    assert_int_equal(x.beat_units, 0);
    mmc_theory th;
    assert_int_equal(mmc_erlang_c(5, d.lambda[0], 1 / d.work_min[0], &th), 0);
    assert_float_equal(x.p_wait, th.p_wait, 1e-9);
    double rho = d.lambda[0] * d.work_min[0] / 5;
    assert_float_equal(x.load_min, rho, 1e-9);
    assert_float_equal(x.load_max, rho, 1e-9);
    assert_float_equal(x.cross, 0, 1e-12);
    assert_true(isnan(x.own_beat));
    analytic_demand_free(&d);
    unbuild(&b);

    /* more units than the limit: not solved */
    s.groups[0].count = CUBE_UNITS_DEFAULT + 1;
    solve(&s, &b, &d, &x);
    assert_int_equal(x.status, CUBE_TOO_MANY);
    analytic_demand_free(&d);
    unbuild(&b);
    scenario_free(&s);
}

enum { J = 3, N = J + 1 };
#define SHRINK 1e-4 /* km per unit of the layout below */
static const double bx[J] = {1, 0, 4}, by[J] = {0, 3, 1};
static const double res[J] = {1000, 700, 500};

/* One station at the origin, three point beats with one beat officer each,
 * one station officer, beat_first. */
static void beat_station(scenario *s)
{
    erlang_station(s, 40); /* 40 a day per 1000 residents: 2200 residents */
    free(s->beats);
    s->beats = calloc(J, sizeof *s->beats);
    assert_non_null(s->beats);
    s->nbeats = J;
    for (int j = 0; j < J; j++) {
        s->beats[j] = (beat_spec){.land = LAND_URBAN_RESIDENTIAL, .residents = res[j],
                                  .households = 400, .x = bx[j] * SHRINK,
                                  .y = by[j] * SHRINK};
        snprintf(s->beats[j].id, sizeof s->beats[j].id, "B%d", j + 1);
        snprintf(s->beats[j].station, sizeof s->beats[j].station, "S1");
    }
    s->ngroups = 2;
    plain_group(&s->groups[0], "response", 1, SHIFT_CONTINUOUS);
    plain_group(&s->groups[1], "beat", 0, SHIFT_CONTINUOUS);
    officer_group *g = &s->groups[1];
    g->role = ROLE_BEAT;
    g->base = BASE_OFFICE;
    g->rule = STAFF_PER_BEAT;
    g->per_beat = 1;
    s->dispatch.policy = DISPATCH_BEAT_FIRST;
    s->dispatch.cross_station = 0;
    s->land[LAND_URBAN_RESIDENTIAL].speed_kmh = 300;
    s->days = 400;
    s->warmup_days = 10;
}

static void test_beat_first(void **state)
{
    (void)state;
    scenario s;
    beat_station(&s);
    built b;
    analytic_demand d;
    cube_cell x;
    solve(&s, &b, &d, &x);
    assert_int_equal(x.status, CUBE_SOLVED);
    assert_int_equal(x.units, N);
    assert_int_equal(x.beat_units, J);

    /* by hand: unit 0 the station officer at the origin, unit 1 + j the
       officer of beat j at the beat; beat j: its own officer, then the
       others by right-angle distance (ties by unit) */
    double ux[N] = {0, bx[0], bx[1], bx[2]}, uy[N] = {0, by[0], by[1], by[2]};
    double lambda[J], total = 0;
    int pref[J * N];
    for (int j = 0; j < J; j++)
        total += res[j];
    for (int j = 0; j < J; j++) {
        lambda[j] = (d.lambda[0] + d.lambda[1] + d.lambda[2]) * res[j] / total;
        int n = 0;
        pref[j * N + n++] = 1 + j;
        int rest[N - 1], m = 0;
        for (int u = 0; u < N; u++)
            if (u != 1 + j)
                rest[m++] = u;
        for (int a = 0; a < m; a++)
            for (int c = a + 1; c < m; c++) {
                double da = fabs(bx[j] - ux[rest[a]]) + fabs(by[j] - uy[rest[a]]);
                double dc = fabs(bx[j] - ux[rest[c]]) + fabs(by[j] - uy[rest[c]]);
                if (dc < da || (dc == da && rest[c] < rest[a])) {
                    int t = rest[a];
                    rest[a] = rest[c];
                    rest[c] = t;
                }
            }
        for (int a = 0; a < m; a++)
            pref[j * N + n++] = rest[a];
    }
    hypercube_params hp = {.units = N, .atoms = J, .lambda = lambda, .pref = pref,
                           .mu = 1 / d.work_min[0]};
    hypercube_result hr;
    assert_int_equal(hypercube_solve(&hp, &hr), 0);
    double own = 0, lo = 1, hi = 0;
    for (int j = 0; j < J; j++)
        own += lambda[j] * hr.fraction[j * N + 1 + j];
    own /= lambda[0] + lambda[1] + lambda[2];
    for (int u = 0; u < N; u++) /* one unit a base */
        lo = fmin(lo, hr.workload[u]), hi = fmax(hi, hr.workload[u]);
    assert_float_equal(x.p_wait, hr.p_wait, 1e-9);
    assert_float_equal(x.own_beat, own, 1e-9);
    assert_float_equal(x.load_min, lo, 1e-9);
    assert_float_equal(x.load_max, hi, 1e-9);
    assert_float_equal(x.load_station, hr.workload[0], 1e-9);
    hypercube_result_free(&hr);

    /* the simulation of the same station */
    enum { REPS = 20 };
    s.staffing.reps = REPS;
    world_cell *cells = calloc(REPS, sizeof *cells);
    assert_non_null(cells);
    uint64_t calls = 0;
    staff_opts o = {.jobs = 2};
    assert_int_equal(staff_simulate(&s, &b.c, 0, NULL, &o, cells, stderr), 0);
    double v[2][REPS];
    for (int r = 0; r < REPS; r++) {
        const world_cell *w = &cells[r];
        v[0][r] = (double)w->waited / (double)(w->calls[0] + w->calls[1] + w->calls[2]);
        v[1][r] = (double)w->own_beat / (double)w->dispatched;
        calls += w->calls[0] + w->calls[1] + w->calls[2];
    }
    printf("  %llu calls simulated\n", (unsigned long long)calls);
    const double want[2] = {x.p_wait, x.own_beat};
    double t = gsl_cdf_tdist_Pinv(1 - 0.0005 / 2, REPS - 1.0);
    for (int q = 0; q < 2; q++) {
        double m = 0, ss = 0;
        for (int r = 0; r < REPS; r++)
            m += v[q][r] / REPS;
        for (int r = 0; r < REPS; r++)
            ss += (v[q][r] - m) * (v[q][r] - m);
        double half = t * sqrt(ss / (REPS - 1) / REPS);
        printf("  %s: simulated %.4f +- %.4f, hypercube %.4f\n",
               q ? "own-beat share" : "P(wait)", m, half, want[q]);
        assert_true(fabs(m - want[q]) <= half);
        if (q)
            assert_true(half <= 0.02);
    }
    free(cells);
    analytic_demand_free(&d);
    unbuild(&b);
    scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_is_erlang),
        cmocka_unit_test(test_beat_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
