/* budget.h - the limits that keep a run's memory and time bounded.
 *
 * Every setting has a range of its own (scenario_fields.c's tables, listed in
 * docs/scenarios.md). What several settings decide together is checked
 * here, before anything runs: the size of the city, the number of
 * officers, the calls a replication simulates, the places of the prison
 * and the key persons the proactive layer keeps, and the memory every
 * replication's results take. The limits are far above any city studied
 * (the default city: 180 beats, 440 officers and 260 auxiliary police,
 * 314 calls a day) and low
 * enough that one replication never asks for more than a few hundred MB
 * or more than about an hour; docs/scenarios.md ("Limits") gives them.
 *
 * Each check writes one message per problem, "SOURCE: SETTING: expected
 * ..., found ...", and returns the number of problems.
 */
#ifndef BUDGET_H
#define BUDGET_H

#include "city.h"
#include "roster.h"
#include "scenario.h"

#include <stddef.h>
#include <stdio.h>

#define BUDGET_BEATS_MAX 20000            /* beats of a city */
#define BUDGET_OFFICERS_MAX 200000        /* officers of a variant */
#define BUDGET_CALLS_PER_DAY_MAX 1e6      /* expected calls a day */
#define BUDGET_CALLS_MAX 1e9              /* expected calls of a replication,
                                             warm-up included */
#define BUDGET_PRISON_MAX 1e7             /* places the prisons may hold */
#define BUDGET_KEY_PERSONS_MAX 1e7        /* key persons of a city */
#define BUDGET_RESULTS_BYTES_MAX (8ull << 30) /* results of all runs kept */

/* Before the city is built: at most BUDGET_BEATS_MAX beats, explicit or
 * generated (counted as the generator does). */
int budget_city(const scenario *s, FILE *err);

/* Before the officers are placed: at most BUDGET_OFFICERS_MAX of them, as
 * each group's rule gives them on city *c (with min_per_station, an upper
 * bound). */
int budget_officers(const scenario *s, const city *c, FILE *err);

/* Before a run: expected calls a day and per replication (every rate at
 * its most, prevention.rate_cap times its base with the proactive layer
 * on), prison places (offender-driven calls a day at the most, all
 * cleared, times arrest_share and sentence_days) and key persons. */
int budget_run(const scenario *s, const city *c, const roster *r, FILE *err);

/* Expected calls a day of scenario *s on city *c with every rate at its
 * base (hour, weekday and day factors have mean 1). */
double budget_calls_per_day(const scenario *s, const city *c);

/* Bytes the results of one replication of *s on *c with *r keep until
 * the results are written (world_result and what it owns: per beat, per
 * station, per officer, per day, the response-time histograms); an
 * estimate from the same sizes metrics.c allocates, slightly above. */
double budget_result_bytes(const scenario *s, const city *c, const roster *r);

#endif /* BUDGET_H */
