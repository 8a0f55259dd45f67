/* world.h - one replication of the police world: incidents arrive, officers
 * on shift are dispatched, travel, work the scene and the follow-up, do
 * desk work, and go off duty; the run measures response, workload and
 * coverage.
 *
 * A run is a pure function of (scenario, city, roster, replication): it
 * holds no global state, so replications may run on any number of threads.
 * The mechanisms and their equations are in docs/model.md; the event
 * kinds and the path of one incident in docs/design.md.
 *
 * Every officer is always in exactly one activity (world_activity). Every
 * incident rate is the product of named factors:
 *   rate(beat b, type k, time t) = base_k / 1000 / year x residents_b
 *        x land_mult_k[land_b] x hour_k(t) x weekday_k(t) x day_factor(t)
 * (hour and weekday profiles normalised to mean 1, day_factor gamma with
 * mean 1). Each (beat, type) is an exact non-homogeneous Poisson process
 * (sim_nhpp) with its own random stream, which also draws the incident's
 * place, on-scene time and clearance, so variants that change officers
 * or dispatch see the same incidents (common random numbers).
 */
#ifndef WORLD_H
#define WORLD_H

#include "city.h"
#include "roster.h"
#include "scenario.h"
#include "sim_stats.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

typedef enum world_activity {
    ACT_OFF_DUTY = 0, /* not on shift */
    ACT_AVAILABLE,    /* on duty and free, waiting */
    ACT_RETURN,       /* driving back to base; free (can be dispatched) */
    ACT_DESK,         /* desk and administration at base */
    ACT_TRAVEL,       /* driving to a call */
    ACT_SCENE,        /* at the scene of a call */
    ACT_FOLLOWUP,     /* investigation and paperwork after a call */
    /* proactive work (docs/model.md "Proactive work"); all four are free:
       the officer can be dispatched and then stops */
    ACT_PATROL,       /* driving to a beat and patrolling it */
    ACT_VISIT,        /* community visits in its beat */
    ACT_CHECK,        /* key-person checks in its beat */
    ACT_STRIKE,       /* investigation and enforcement work */
    ACT_BREAK,        /* a meal break */
    ACT_N
} world_activity;

/* Output names of the activities: "off_duty", "available", "return",
 * "desk", "travel", "scene", "followup", "patrol", "visit", "check",
 * "strike", "break". */
extern const char *const world_activity_names[ACT_N];

#define WORLD_PRIORITIES 3 /* priorities 1 .. 3 */

/* Who a call's first unit was, the order of world_result.first_by. */
enum { FIRST_OWN_BEAT = 0, /* a beat officer of the call's beat */
       FIRST_OWN_STATION,  /* another unit of the call's station */
       FIRST_PATROL,       /* the city patrol tier */
       FIRST_OTHER_STATION,/* a unit of another station */
       FIRST_N };
extern const char *const world_first_names[FIRST_N]; /* "own_beat",
                              "own_station", "patrol", "other_station" */

/* One observed day of a replication. */
typedef struct world_day {
    uint64_t incidents;        /* calls arriving that day */
    uint64_t answered;         /* of those, reached before the end */
    double response_sum;       /* sum of their response times, minutes */
    double act_min[ACT_N];     /* officer-minutes by activity that day */
    double overtime_min;       /* overtime worked that day */
    uint64_t gap_hours;        /* beat-hours with nobody there */
    /* proactive layer (0 when it is off) */
    uint64_t prevented;        /* calls prevention removed that day */
    uint64_t arrests;          /* arrests that day */
    uint64_t contacts;         /* successful community visits */
    long offender_pool;        /* active offenders at the day's end */
    long out_of_control;       /* key persons out of control at its end */
    int strike_period;         /* 1: adaptive strategy striking at its end */
} world_day;

/* What a run records per station and staffing cell (scenario.h,
 * staffing_cells) when s->staffing.record is set: the observed period,
 * calls by the cell of the hour they arrive in (beatsim staff). */
typedef struct world_cell {
    uint64_t calls[WORLD_PRIORITIES];    /* car calls arriving, by priority */
    uint64_t answered[WORLD_PRIORITIES]; /* of them, reached by a first unit */
    double response_sum[WORLD_PRIORITIES]; /* their response minutes */
    uint64_t within[STAFF_TARGETS_MAX];  /* answered within the minutes of
                                            staffing target t (its priority;
                                            0 for other kinds of target) */
    double wait_sum[WORLD_PRIORITIES];   /* their minutes from the call to a
                                            unit sent */
    uint64_t on_time[WORLD_PRIORITIES];  /* answered within
                                            staffing.objective_min */
    uint64_t waited;                     /* car calls no unit could be sent to */
    uint64_t dispatched, own_beat;       /* car calls a unit was sent to; of
                                            them, first by a beat officer of
                                            the call's beat */
    double unit_on_min, unit_busy_min;   /* unit-minutes of the station's
                                            units on duty, busy */
    uint64_t beat_hours, gap_hours;      /* the station's beats (coverage) */
} world_cell;

/* Adds record *a into *to. */
void world_cell_add(world_cell *to, const world_cell *a);

typedef struct world_result {
    double observed_min;        /* observed time (after warm-up) */
    double calls_per_day_expected; /* calls a day at the base rates */
    double overload_day;        /* WORLD_OVERLOADED: run day it stopped on */
    uint64_t overload_waiting;  /* ... and the calls then waiting */
    uint64_t events;            /* engine events, whole run */
    uint64_t officers;          /* officers in the roster */

    /* calls arriving after the warm-up */
    uint64_t incidents;                         /* all */
    uint64_t by_type[SCENARIO_TYPES_MAX];       /* by type */
    uint64_t by_priority[WORLD_PRIORITIES];     /* by priority 1..3 */
    uint64_t car_calls;          /* of all, those that needed a car */
    uint64_t phone_calls;        /* resolved by telephone or online report */
    uint64_t diverted;           /* passed to another agency */
    double phone_min;            /* desk minutes of the telephone calls */
    double saved_min;            /* officer-minutes on scene and in
                                    follow-up the calls without a car
                                    would have taken (travel left out) */
    uint64_t dispatched;         /* had a unit sent before the end */
    uint64_t first_by[FIRST_N];  /* of those, by who the first unit was */
    uint64_t held;               /* held for their station's reserve */
    uint64_t interrupted;        /* took a unit from desk work or a break */
    uint64_t answered;           /* reached by a first officer before the end */
    uint64_t cleared;            /* cases cleared (drawn at the call) */
    uint64_t within_target;      /* of those, within the beat's target */
    uint64_t waited;             /* no officer could be sent at the call */
    uint64_t preemptions;        /* units taken from lower-priority work
                                    (dispatch.preempt) */
    uint64_t within_by[WORLD_PRIORITIES]; /* within target, by priority */
    sim_tally response[1 + WORLD_PRIORITIES]; /* call to first arrival,
                                    minutes: [0] all, [p] priority p */
    sim_quant response_q[1 + WORLD_PRIORITIES]; /* the same, quantiles */
    sim_tally response_role[4];  /* by the role of the first unit to
                                    arrive (officer_role) */
    sim_tally queue_wait;        /* call to first dispatch, minutes */

    /* officer time after the warm-up, officer-minutes (sworn officers;
       auxiliary police apart) */
    double act_min[ACT_N];       /* by activity */
    double aux_act_min[ACT_N];   /* auxiliary police, by activity */
    double absence_min[ABSENCE_KINDS]; /* shifts missed, by kind */
    double unit_on_min, unit_busy_min; /* unit-minutes on duty, busy */
    uint64_t auxiliaries;        /* auxiliary police in the roster */
    double *officer_busy_min;    /* per officer (roster order, owned):
                                    travelling, on scene or in follow-up */
    double overtime_min;         /* on duty past the end of a shift */

    /* coverage: beat-hours in which no officer was present in or assigned
       to the beat for any positive length of time */
    uint64_t beat_hours, gap_hours;

    /* by hour of the week, 0 = Monday 00:00-01:00 (sum over the seven days
       for the hour of day) */
    uint64_t week_incidents[168]; /* calls arriving in that hour */
    sim_tally week_response[168]; /* response by hour of the call */
    double week_onduty_min[168];  /* officer-minutes on duty */
    double week_busy_min[168];    /* officer-minutes travelling, on scene
                                     or in follow-up */
    uint64_t week_gaps[168];      /* gap beat-hours */
    uint32_t week_hours[168];     /* how many times that hour was observed
                                     whole (the divisor of per-hour means) */

    /* by observed day (array of ndays, owned; day 0 starts at the end of
       the warm-up; a last partial day is left out) */
    size_t ndays;
    world_day *days;

    /* by the land type of the call's beat */
    sim_tally land_response[LAND_NTYPES]; /* response minutes */
    uint64_t land_within[LAND_NTYPES];    /* of those, reached within target */

    /* by beat (arrays of nbeats, owned) */
    size_t nbeats;
    uint64_t *beat_incidents;
    uint64_t *beat_answered;
    uint64_t *beat_within;
    double *beat_response_sum;    /* sum of response minutes */
    uint64_t *beat_gaps;          /* gap hours */
    uint32_t *beat_hour_gaps;     /* gap hours by beat and hour of day:
                                     [beat * 24 + hour] */

    /* the proactive layer (all 0 when prevention.enabled is false) */
    uint64_t prevented;           /* calls removed by prevention work, given
                                     the state of offenders and campaigns
                                     (the direct count; the scorecard's
                                     counterfactual run gives the total) */
    uint64_t rate_capped;         /* candidates of the extra process (the
                                     part of a rate above its base) that
                                     found the rate above
                                     prevention.rate_cap: 0 when the cap
                                     never binds */
    uint64_t arrests, released;   /* offenders arrested and released */
    uint64_t visit_attempts, contacts; /* households tried, reached */
    uint64_t check_attempts, checks;   /* key-person checks tried, done */
    double pool_sum;              /* active offenders summed over observed
                                     day ends */
    double fam_sum;               /* household-weighted familiarity, summed
                                     over observed day ends */
    double registered_sum;        /* migrant-weighted registration share,
                                     summed over observed day ends */
    uint32_t pday_samples;        /* observed day ends summed over */
    long pool_end;                /* active offenders at the end */
    double ooc_sum;               /* key persons out of control, summed
                                     over observed hours */
    double ooc_max;               /* most out of control in an hour */
    uint32_t ooc_samples;         /* observed hours summed over */
    double key_persons;           /* key persons in the city */
    double aux_hours, aux_cost;   /* auxiliary patroller-hours and cost */
    double safe_cost;             /* safe-community programme cost */
    uint32_t strike_days;         /* observed days ending in a strike period */

    /* by beat (nbeats arrays, owned): */
    double *beat_households;      /* households (for per-household rates) */
    uint64_t *beat_crimes;        /* opportunistic or offender-driven calls */
    uint64_t *beat_cleared;       /* cleared calls */
    uint64_t *beat_prevented;     /* calls removed by prevention (direct) */
    uint64_t *beat_contacts;      /* successful visits */
    double *beat_ooc_sum;         /* out of control, summed over hours */
    double *beat_fam_sum;         /* familiarity summed over day ends */
    double *beat_work_min;        /* [beat * 4 + kind] proactive minutes:
                                     patrol in the beat, visits and checks
                                     of its officers, strike for its station
                                     is in station_work_min */
    /* by station (nstations arrays, owned): */
    size_t nstations;
    uint64_t *station_arrests;
    double *station_pool_sum;     /* active offenders over day ends */
    double *station_work_min;     /* [station * 4 + kind] */

    /* per station and staffing cell, [station * ncells + cell] (owned;
       NULL and 0 unless s->staffing.record) */
    size_t ncells;
    world_cell *cells;
} world_result;

#define WORLD_OVERLOADED (-2) /* world_run: the backlog outgrew its bound */

/* Runs replication `rep` of scenario *s on city *c with roster *r for
 * warmup_days + days. The result holds statistics of the observed period
 * only. Returns 0; -1 when memory is exhausted; or WORLD_OVERLOADED when
 * more calls waited for a first unit at once than a week of calls at the
 * base rates (at least 1000): the city cannot keep up, and the run stops
 * there rather than grow its queues without bound. On failure *out holds
 * nothing but calls_per_day_expected and, when overloaded, overload_day
 * and overload_waiting. */
int world_run(const scenario *s, const city *c, const roster *r,
              uint64_t rep, world_result *out);

/* As world_run, and reads *stop (when not NULL; e.g. set by a signal
 * handler) after each simulated day: when it is non-zero the run ends
 * there and returns 1 (then *out holds nothing). The results of a run
 * that is not stopped are those of world_run. */
int world_run_stop(const scenario *s, const city *c, const roster *r,
                   uint64_t rep, world_result *out, const volatile sig_atomic_t *stop);

/* As world_run_stop, and writes a row to *log (calllog.h; NULL: none)
 * for every observed call as it closes (calls without a car at once;
 * calls still open at the end after the last event, in order of
 * arrival). The log's file is not closed. */
struct calllog;
int world_run_log(const scenario *s, const city *c, const roster *r, uint64_t rep,
                  world_result *out, const volatile sig_atomic_t *stop, struct calllog *log);

void world_result_free(world_result *w);

/* ---- named metrics --------------------------------------------------------- */

/* Residents' satisfaction index, 0..100, of beat `beat` (SIZE_MAX: the
 * household-weighted mean over the city): a modelling assumption, the
 * weighted mean (prevention.scorecard.satisfaction) of the share of calls
 * answered within target, freedom from victimisation (1 - crimes per 1000
 * households a year / victimisation_ref, at least 0) and familiarity.
 * NAN when the proactive layer is off. */
double world_satisfaction(const world_result *w, const scenario *s, size_t beat);

/* The same index, with its three parts (each 0..1, household-weighted
 * over the beats like the index) in part[0] (calls answered within
 * target), part[1] (freedom from victimisation) and part[2]
 * (familiarity): the index is 100 x their weighted mean. All NAN when
 * the index is. */
double world_satisfaction_parts(const world_result *w, const scenario *s, size_t beat,
                               double part[3]);

typedef struct world_metric {
    char name[64];  /* stable lower_snake_case name ending in its unit */
    double value;   /* NAN when undefined (e.g. no calls of a priority) */
} world_metric;

/* The scalar metrics of a result, in a fixed order, into out[0 .. max-1].
 * Returns how many there are (call with max = 0 to count). The list and
 * its meaning are in docs/outputs.md. */
size_t world_metrics(const world_result *w, const scenario *s,
                     world_metric *out, size_t max);

/* The metrics of scenario s by name (their values are those of an empty
 * result): the names do not depend on the run. A malloc'd array of *n,
 * or NULL when memory ran out. */
world_metric *world_metric_names(const scenario *s, size_t *n);

#endif /* WORLD_H */
