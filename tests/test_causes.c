/* test_causes.c - beatsim analytic --causes: the simulation with its
 * departures from Erlang C switched off one after another (causes.h).
 *
 * Known answer: on two stations with every departure the ladder removes
 * (proactive work, desk work and breaks, telephone desk work, the patrol
 * tier, help across stations, a reserve, pre-emption, two-unit calls,
 * travel and a dispatch delay, profiles by hour and weekday, a gamma day
 * factor, lognormal scenes with follow-up) and continuous duty (no shift
 * changes), the last step is an M/M/c queue per station with two
 * priorities of one service rate: Erlang C's P(wait), Cobham's mean waits.
 * The test asks each of P(wait), the mean wait and priority 1's mean wait
 * of that step to hold Erlang C inside its 99.97 % Student-t interval
 * over 12 replications of 300 days (about 250,000 calls a replication);
 * three comparisons, so a false failure has a chance below 0.0009
 * (the intervals are exact for normal replication means; with this many
 * calls they nearly are). It also asks the first step to differ from Erlang C
 * by more than its interval (the departures matter, so the test is not
 * passed by a ladder that changes nothing), and every scenario of the
 * library to stay valid through every step.
 * Seeds are fixed (scenario seed 1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "causes.h"
#include "world_fixture.h"

#include <dirent.h>
#include <gsl/gsl_cdf.h>

/* Two stations 3 km apart, every departure from M/M/c switched on. */
static void rich_pair(scenario *s)
{
    const double residents[2] = {1000, 800};
    erlang_pair(s, 70, residents, 3);
    s->ntypes = 2;
    /* both end at scene + follow-up = 55 min: one service rate */
    flat_type(&s->types[0], "urgent", 14, 1, 40);
    flat_type(&s->types[1], "routine", 56, 2, 25);
    incident_type *u = &s->types[0], *r = &s->types[1];
    u->units = 2;
    u->scene = r->scene = SCENE_LOGNORMAL;
    u->scene_sd_min = 30;
    r->scene_sd_min = 20;
    u->followup_h = 0.25;
    r->followup_h = 0.5;
    r->phone_share = 0.2;
    r->phone_min = 15;
    for (int h = 0; h < 24; h++)
        u->hour_profile[h] = r->hour_profile[h] = h < 8 ? 0.5 : 1.5;
    for (int d = 0; d < 7; d++)
        u->dow_profile[d] = r->dow_profile[d] = d < 5 ? 1 : 1.4;
    s->day_factor_variance = 0.05;

    s->ngroups = 2;
    plain_group(&s->groups[0], "response", 10, SHIFT_CONTINUOUS);
    officer_group *g = &s->groups[0];
    g->desk_share = 0.2;
    g->break_min = 30;
    g->break_interrupt = 1;
    g->work[WORK_PATROL] = 0.3;
    plain_group(&s->groups[1], "patrol", 2, SHIFT_CONTINUOUS);
    s->groups[1].role = ROLE_PATROL;
    s->groups[1].work[WORK_PATROL] = 0.5;
    for (int h = 0; h < 24; h++)
        g->patrol_hours[h] = s->groups[1].patrol_hours[h] = 1;

    s->prevention.enabled = 1;
    s->dispatch.delay_min = 2;
    s->dispatch.preempt = 1;
    s->dispatch.reserve[2] = 1;
    s->days = 300;
    s->staffing.reps = 12;
}

/* |sim - erlang| within the measure's interval widened from 95 % to
 * `level` (two-sided). */
static int inside(const cause_measure *m, int R, double level)
{
    double t95 = gsl_cdf_tdist_Pinv(0.975, R - 1.0),
           t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, R - 1.0);
    return fabs(m->sim - m->erlang) <= m->half / t95 * t;
}

static void test_ladder_ends_at_erlang(void **state)
{
    (void)state;
    scenario s;
    rich_pair(&s);
    built b;
    build(&b, &s); /* the scenario is valid as given */
    unbuild(&b);
    staff_opts o = {.jobs = 2};
    cause_step st[CAUSES + 1];
    assert_int_equal(causes_run(&s, &o, st, stderr), 0);
    for (int k = 0; k <= CAUSES; k++)
        printf("  step %d (%s): P(wait) %.4f +- %.4f vs %.4f; wait %.3f +- %.3f vs %.3f; "
               "p1 %.3f +- %.3f vs %.3f; util %.4f vs %.4f\n",
               k, k ? cause_names[k - 1] : "as given", st[k].p_wait.sim, st[k].p_wait.half,
               st[k].p_wait.erlang, st[k].wait.sim, st[k].wait.half, st[k].wait.erlang,
               st[k].wait_p1.sim, st[k].wait_p1.half, st[k].wait_p1.erlang, st[k].util.sim,
               st[k].util.erlang);
    const cause_step *last = &st[CAUSES];
    assert_int_equal(last->overloaded, 0);
    assert_int_equal(last->cells, 2);
    assert_int_equal(last->unstable, 0);
    /* Erlang C in the middle: P(wait) well away from 0 and 1 */
    assert_true(last->p_wait.erlang > 0.05 && last->p_wait.erlang < 0.5);
    int R = s.staffing.reps;
    assert_true(inside(&last->p_wait, R, 0.9997));
    assert_true(inside(&last->wait, R, 0.9997));
    assert_true(inside(&last->wait_p1, R, 0.9997));
    /* the scenario as given is not Erlang C's model */
    assert_int_equal(st[0].overloaded, 0);
    assert_false(inside(&st[0].p_wait, R, 0.95));
    scenario_free(&s);
}

/* Every scenario of the library is still valid, and builds, after every
 * step; after the last, what is left is Erlang C's model. */
static void test_library_survives(void **state)
{
    (void)state;
    const char *dirs[] = {"scenarios", "scenarios/validation"};
    int seen = 0;
    for (size_t q = 0; q < sizeof dirs / sizeof dirs[0]; q++) {
        DIR *d = opendir(dirs[q]);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".cfg"))
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[q], e->d_name);
            scenario s;
            assert_int_equal(scenario_load(&s, path, stderr), 0);
            scenario x = s;
            for (int k = 0; k < CAUSES; k++) {
                cause_off(&x, (cause)k);
                /* (checked with speeds a file may set: the ladder's 1e9
                   km/h is beyond them, and never written to a file) */
                scenario y = x;
                for (int l = 0; k >= CAUSE_TRAVEL && l < LAND_NTYPES; l++)
                    y.land[l].speed_kmh = 300;
                if (scenario_check(&y, stderr) != 0)
                    fail_msg("%s: invalid after %s", path, cause_names[k]);
                built b;
                assert_int_equal(city_build(&b.c, &x, stderr), 0);
                assert_int_equal(roster_build(&b.r, &x, &b.c, stderr), 0);
                unbuild(&b);
            }
            /* what is left is Erlang C's model */
            for (int t = 0; t < x.ntypes; t++) {
                assert_int_equal(x.types[t].units, 1);
                assert_int_equal(x.types[t].scene, SCENE_EXPONENTIAL);
                assert_true(x.types[t].followup_h == 0);
            }
            for (int g = 0; g < x.ngroups; g++) {
                assert_true(x.groups[g].role != ROLE_PATROL);
                assert_true(x.groups[g].desk_share == 0 && x.groups[g].break_min == 0);
            }
            assert_int_equal(x.prevention.enabled, 0);
            assert_int_equal(x.dispatch.cross_station, 0);
            assert_true(x.day_factor_variance == 0 && x.dispatch.delay_min == 0);
            scenario_free(&s);
            seen++;
        }
        closedir(d);
    }
    assert_true(seen >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_survives),
        cmocka_unit_test(test_ladder_ends_at_erlang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
