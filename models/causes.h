/* causes.h - why the simulation and Erlang C differ (beatsim analytic
 * --causes): the scenario rerun with the simulation's departures from the
 * M/M/c model of analytic.h switched off one after another, on the same
 * replications (common random numbers), each step beside Erlang C for the
 * scenario as changed so far.
 *
 * The steps, cumulative and in this order (each the settings it changes;
 * docs/model.md "Why the simulation and Erlang C differ"):
 *   proactive    prevention.enabled = false, every group's work shares 0
 *                (no patrol, visits, checks or strike work: officers wait
 *                at base between calls);
 *   desk_breaks  desk_share 0, break_min 0, no interruptions of desk work
 *                or breaks, phone_min 0 (no desk work of telephone calls);
 *   patrol_tier  the patrol tier and auxiliaries who answer minor calls
 *                alone removed (Erlang C leaves them out);
 *   dispatch     cross_station 0 (no help across stations), reserve 0,
 *                preempt 0 (Erlang C's stations are independent queues
 *                served without pre-emption);
 *   absences     absence_days 0 (officers on duty every shift: a fixed
 *                number of servers instead of a daily random one);
 *   two_unit     every type sends one unit;
 *   travel       dispatch.delay_min 0 and every land's speed 1e9 km/h (no
 *                travel, no drive back, no handling delay; beyond the
 *                300 km/h a file may set: these scenarios stay in memory);
 *   time_varying hour profiles flattened to their mean over each staffing
 *                block (weekday profiles too when staffing.weekdays is
 *                false), day_factor_variance 0: a constant Poisson rate in
 *                each cell;
 *   service      scenes exponential with mean scene + follow-up, no
 *                follow-up and no arrest follow-up after them (Erlang C's
 *                exponential service of the same mean).
 * After the last step the simulation is Erlang C's model but for what no
 * setting removes: officers on duty changing inside a cell when shifts
 * start off the blocks' edges, and a cell's queue carried into the next
 * (the steady state is not reached at once).
 */
#ifndef CAUSES_H
#define CAUSES_H

#include "scenario.h"
#include "staff.h"

#include <stdio.h>

typedef enum cause {
    CAUSE_PROACTIVE = 0,
    CAUSE_DESK,
    CAUSE_PATROL_TIER,
    CAUSE_DISPATCH,
    CAUSE_ABSENCES,
    CAUSE_TWO_UNIT,
    CAUSE_TRAVEL,
    CAUSE_TIME,
    CAUSE_SERVICE,
    CAUSES
} cause;

extern const char *const cause_names[CAUSES];  /* "proactive", ... */
extern const char *const cause_labels[CAUSES]; /* "proactive work", ... */

/* One measure: simulated (mean over replications of each replication's
 * ratio, with the half-width of its 95 % Student-t interval; NAN when not
 * measured) and Erlang C's (each cell's prediction, weighted by its calls
 * a week; utilisation by its unit time). */
typedef struct cause_measure {
    double sim, half, erlang;
} cause_measure;

/* One step of the ladder, over the cells (station x staffing cell) in
 * which Erlang C is stable with the scenario as given. */
typedef struct cause_step {
    int overloaded;        /* 1: a replication's backlog outgrew its bound
                              (no simulated values) */
    int cells, unstable;   /* cells compared; cells left out (Erlang C
                              unstable with the scenario as given) */
    double car_calls_week; /* Erlang C's car calls a week in the cells */
    cause_measure p_wait;  /* share of car calls no unit could take at once */
    cause_measure wait;    /* mean minutes from call to a unit sent, car
                              calls of every priority */
    cause_measure wait_p1; /* the same, priority 1 */
    cause_measure util;    /* busy share of the units' time on duty */
} cause_step;

/* Switches cause k off in *s, in place: *s is a copy of a scenario that
 * may share the beats, stations and plan of another (only the scenario's
 * own arrays of types, groups, land and dispatch change). */
void cause_off(scenario *s, cause k);

/* Runs the ladder for scenario *s: steps[0] the scenario as given,
 * steps[k] with causes 0 .. k-1 off (CAUSES + 1 steps); s->staffing.reps
 * replications of the planned group's scenario on o->jobs threads.
 * Returns 0; 2 after a message for input it cannot use (no group to plan,
 * a city or roster that does not build); 130 when *o->stop was set; -1
 * when memory is exhausted. progress (if set) gets a line a step. */
int causes_run(const scenario *s, const staff_opts *o, cause_step steps[CAUSES + 1], FILE *err);

#endif /* CAUSES_H */
