/* world_fixture.h - a city and roster built from a scenario, for the test
 * programs that run the police world (cmocka; include after cmocka.h). */
#ifndef WORLD_FIXTURE_H
#define WORLD_FIXTURE_H

#include "city.h"
#include "roster.h"
#include "scenario.h"
#include "world.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of metric `name` in run w of scenario s (failing the test if
 * the run has no such metric). */
static inline double metric(const world_result *w, const scenario *s, const char *name)
{
    enum { MAX_METRICS = 512 };
    static world_metric m[MAX_METRICS];
    size_t n = world_metrics(w, s, m, MAX_METRICS);
    assert_true(n <= MAX_METRICS);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(m[k].name, name))
            return m[k].value;
    fail_msg("no metric %s", name);
    return NAN;
}

typedef struct built {
    city c;
    roster r;
} built;

/* Checks *s and builds its city and roster (failing the test if any of
 * the three refuses). */
static inline void build(built *b, const scenario *s)
{
    assert_int_equal(scenario_check(s, stderr), 0);
    assert_int_equal(city_build(&b->c, s, stderr), 0);
    assert_int_equal(roster_build(&b->r, s, &b->c, stderr), 0);
}

/* Group g with the force of the reactive model before absences, breaks,
 * crews and interruptions existed: no absence, no break, nothing
 * interrupts desk work, one officer a unit, no car limit (for groups
 * built field by field, and for tests whose figures predate the force). */
static inline void plain_force(officer_group *g)
{
    for (int k = 0; k < ABSENCE_KINDS; k++)
        g->absence_days[k] = 0;
    g->break_min = 0;
    g->break_every_h = 8;
    g->break_interrupt = 0;
    g->desk_interrupt = 0;
    for (int h = 0; h < 24; h++)
        g->crew[h] = 1;
    g->cars = 0;
    g->rotation_days = 4;
    g->rotation_office_days = 0;
}

/* Station group `name` of `count` officers on `plan`, everything neutral. */
static inline void plain_group(officer_group *g, const char *name, double count, shift_plan plan)
{
    memset(g, 0, sizeof *g);
    snprintf(g->name, sizeof g->name, "%s", name);
    g->role = ROLE_STATION;
    g->base = BASE_STATION;
    g->rule = STAFF_COUNT;
    g->count = count;
    g->allocation = ALLOC_EQUAL;
    g->shifts = plan;
    g->hours_per_week = 40;
    g->desk_share = 0;
    g->desk_block_min = 60;
    plain_force(g);
}

/* One station S1 at the origin and one beat B1 of `area_km2` and `shape`
 * there (urban residential, 1000 residents, 400 households) on the
 * defaults, named `name`; the caller adds types and groups. */
static inline void one_beat(scenario *s, const char *name, double area_km2, beat_shape shape)
{
    scenario_defaults(s);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->stations = calloc(1, sizeof *s->stations);
    s->beats = calloc(1, sizeof *s->beats);
    assert_non_null(s->stations);
    assert_non_null(s->beats);
    s->nstations = s->nbeats = 1;
    snprintf(s->stations[0].id, sizeof s->stations[0].id, "S1");
    s->beats[0] = (beat_spec){.land = LAND_URBAN_RESIDENTIAL, .residents = 1000,
                              .households = 400, .area_km2 = area_km2, .shape = shape};
    snprintf(s->beats[0].id, sizeof s->beats[0].id, "B1");
    snprintf(s->beats[0].station, sizeof s->beats[0].station, "S1");
}

/* Incident type `name` of priority p with a flat profile, every land
 * multiplier 1, one unit, `per_day` calls a day per 1000 residents,
 * exponential scenes of mean `scene_min`, no follow-up, no clearance. */
static inline void flat_type(incident_type *t, const char *name, double per_day, int p,
                      double scene_min)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    t->rate_per_1000_year = per_day * 365.25;
    for (int h = 0; h < 24; h++)
        t->hour_profile[h] = 1;
    for (int d = 0; d < 7; d++)
        t->dow_profile[d] = 1;
    for (int l = 0; l < LAND_NTYPES; l++)
        t->land_mult[l] = 1;
    t->priority = p;
    t->units = 1;
    t->scene = SCENE_EXPONENTIAL;
    t->scene_mean_min = scene_min;
}

/* The whole scenario so: every group's force plain, every call sent a
 * car, any station may answer any call, no reserve. */
static inline void plain_dispatch(scenario *s)
{
    for (int g = 0; g < s->ngroups; g++)
        plain_force(&s->groups[g]);
    for (int k = 0; k < s->ntypes; k++)
        s->types[k].phone_share = s->types[k].divert_share = 0;
    s->dispatch.cross_station = 3;
    for (int p = 0; p < SCENARIO_PRIORITIES; p++)
        s->dispatch.reserve[p] = 0;
}

/* The default city as the proactive layer was calibrated with, before
 * the force existed: its first two groups (response officers of role
 * station, and beat officers), plain force and dispatch, one response target for every priority. */
static inline void legacy_force(scenario *s)
{
    s->ngroups = 2;
    s->groups[0].role = ROLE_STATION;
    plain_dispatch(s);
    for (int l = 0; l < LAND_NTYPES; l++)
        for (int p = 1; p < SCENARIO_PRIORITIES; p++)
            s->land[l].target_min[p] = s->land[l].target_min[0];
}

/* One station, one point beat, one call type of `per_day` calls a day and
 * exponential scenes of 30 min, continuous duty, no travel or delay, no
 * prevention; the group "response" is planned in one block a day. */
static inline void erlang_station(scenario *s, double per_day)
{
    one_beat(s, "erlang", 1e-10, SHAPE_SQUARE);
    s->ntypes = 1;
    flat_type(&s->types[0], "call", per_day, 1, 30);
    s->ngroups = 1;
    plain_group(&s->groups[0], "response", 5, SHIFT_CONTINUOUS);
    plain_dispatch(s);
    s->prevention.enabled = 0;
    s->day_factor_variance = 0;
    s->dispatch.delay_min = 0;
    s->warmup_days = 5;
    s->days = 200;
    s->staffing.nblocks = 1;
    s->staffing.block_h[0] = 0;
    s->staffing.reps = 6;
    s->staffing.min_on_duty = 1;
    s->staffing.max_on_duty = 20;
}

/* erlang_station with two stations `apart_km` apart on the x axis, each
 * with one point beat of residents[j] (calls in proportion). */
static inline void erlang_pair(scenario *s, double per_day, const double residents[2],
                               double apart_km)
{
    erlang_station(s, per_day);
    free(s->stations);
    free(s->beats);
    s->stations = calloc(2, sizeof *s->stations);
    s->beats = calloc(2, sizeof *s->beats);
    assert_non_null(s->stations);
    assert_non_null(s->beats);
    s->nstations = s->nbeats = 2;
    for (int j = 0; j < 2; j++) {
        snprintf(s->stations[j].id, sizeof s->stations[j].id, "S%d", j + 1);
        s->stations[j].x = apart_km * j;
        s->beats[j] = (beat_spec){.land = LAND_URBAN_RESIDENTIAL, .residents = residents[j],
                                  .households = 400, .area_km2 = 1, .x = apart_km * j};
        snprintf(s->beats[j].id, sizeof s->beats[j].id, "B%d", j + 1);
        snprintf(s->beats[j].station, sizeof s->beats[j].station, "S%d", j + 1);
    }
}

static inline void unbuild(built *b)
{
    roster_free(&b->r);
    city_free(&b->c);
}

#endif /* WORLD_FIXTURE_H */
