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

static inline void unbuild(built *b)
{
    roster_free(&b->r);
    city_free(&b->c);
}

#endif /* WORLD_FIXTURE_H */
