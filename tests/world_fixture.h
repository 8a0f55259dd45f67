/* world_fixture.h - a city and roster built from a scenario, for the test
 * programs that run the police world (cmocka; include after cmocka.h). */
#ifndef WORLD_FIXTURE_H
#define WORLD_FIXTURE_H

#include "city.h"
#include "roster.h"
#include "scenario.h"

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

static inline void unbuild(built *b)
{
    roster_free(&b->r);
    city_free(&b->c);
}

#endif /* WORLD_FIXTURE_H */
