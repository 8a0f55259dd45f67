/* staff.h - the prescriptive mode: the fewest officers on duty per
 * station and hour block that meet the staffing targets (beatsim staff).
 *
 * The search (docs/model.md "Staffing"):
 *  1. start: per station and cell, the fewest officers of the planned
 *     group whose Erlang C prediction (analytic.h) meets every target,
 *     within staffing.min_on_duty .. max_on_duty;
 *  2. evaluate a plan: run staffing.reps replications of the scenario
 *     with the group on rule "plan", the same replications (common random
 *     numbers) every time; per station, cell and target the ratio
 *     estimate over the replications (sum of numerators / sum of
 *     denominators), its standard error from the replications' residuals
 *     (floored by the binomial one for shares), and the one-sided 95 %
 *     Student-t bound with reps - 1 degrees of freedom; a target is
 *     confirmed when the bound meets it (for a share within T: the lower
 *     bound; for the rest: the upper);
 *  3. add: every cell with a target not confirmed gets one more officer,
 *     two, four, then eight while it keeps failing round after round (one
 *     again once it holds; a
 *     station-wide target: one more in the station's cell where it is
 *     worst; the count that failed is remembered); a cell at max_on_duty
 *     that still fails stops its station (capped); each station adds or
 *     removes on its own, so that help across stations shows up as a
 *     target broken elsewhere;
 *  4. remove: once every target of a station is confirmed, every cell of
 *     it above the count known to fail (and min_on_duty) is lowered at
 *     once, half way down to that count (at least one); where that breaks
 *     a cell's own block target the cell goes back and its lowered count
 *     is known to fail (bisection); a station-wide target that breaks
 *     sends the station's cells back to be tried one at a time, a target
 *     broken only in another station (help across stations) sends every
 *     trial back to be tried alone in the city; a station that failed
 *     before the trials and tried nothing adds in the same round (3.);
 *  5. stop when every station is confirmed with no cell left to try (the
 *     plan is locally minimal: one officer less in any cell failed, alone
 *     or with other cells of its station lowered at the same time); or
 *     once a plan is confirmed and staffing.patience evaluations in a row
 *     confirmed none smaller (settled: noise near the targets keeps the
 *     search circling); or after staffing.rounds evaluations (the best
 *     confirmed plan, else the last one evaluated, is returned with its
 *     status: confirmed but not shown minimal, or not confirmed).
 * Guarantee: every target of the plan returned is confirmed at 95 %
 * confidence in each station and cell separately (not jointly) on the
 * replications used; minimality is local (see 5.) and on the same
 * replications.
 */
#ifndef STAFF_H
#define STAFF_H

#include "analytic.h"
#include "city.h"
#include "roster.h"
#include "scenario.h"
#include "world.h"

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

/* A plan's statistic for one target in one place: estimate and bound. */
typedef struct staff_stat {
    double est;   /* ratio estimate (NAN when nothing was measured) */
    double bound; /* one-sided 95 % bound in the target's direction */
    int met;      /* 1: the bound meets the target (or nothing to meet) */
} staff_stat;

typedef enum staff_status {
    STAFF_DONE = 0,    /* every target confirmed, locally minimal */
    STAFF_ROUNDS = 1,  /* every target confirmed, not shown minimal (rounds
                          used up, or a later trial stopped at the cap) */
    STAFF_CAPPED = 2,  /* a target failed at max_on_duty */
    STAFF_UNMET = 3,   /* rounds used up before any plan was confirmed */
    STAFF_SETTLED = 4  /* every target confirmed, not shown minimal: no smaller
                          plan confirmed in staffing.patience evaluations */
} staff_status;

/* Budget mode (allocate.h): what the budget buys. Objectives are per
 * week (allocate.h); sim_* from the replications, with the half-width of
 * their 95 % interval; NAN where not measured. */
typedef struct staff_budget {
    int on;                  /* 1: the result of budget mode */
    double officers;         /* the budget: headcount of the group */
    double hours;            /* officer-hours a week on duty it gives */
    double unspent_h;        /* of them, left unplaced by the answer */
    double erlang_today, erlang_plan; /* Erlang C objectives */
    double sim_today, sim_today_half, sim_plan, sim_plan_half;
    double sim_diff, sim_diff_half;  /* plan - today, paired replications */
    double *cell_erlang;     /* [j * ncells + k] Erlang C objective of the plan */
    double *cell_sim;        /* [j * ncells + k] simulated objective of the plan */
    double *cell_today;      /* [j * ncells + k] simulated objective today */
} staff_budget;

typedef struct staff_result {
    staff_status status;
    int group;              /* the planned officer group */
    size_t nstations;
    int ncells, ntargets;
    char (*station)[SCENARIO_NAME_MAX]; /* ids, city order */
    double *today;          /* [j * ncells + k] the group's officers on
                               duty now (roster, absences allowed for) */
    int *analytic;          /* Erlang C's answer: max_on_duty + 1 when
                               more would do, -1 when no count would (the
                               search then starts from today's) */
    int *plan;              /* the answer */
    staff_stat *cell;       /* [(j * ncells + k) * ntargets + t] of the
                               answer; station-wide targets at every k */
    staff_stat *whole;      /* [j * ntargets + t] station over the week */
    world_cell *sim;        /* [j * ncells + k] the answer's records summed
                               over the replications */
    analytic_demand demand; /* the Erlang C model of every station and cell */
    int evaluations;        /* plans simulated */
    /* capped: where and what */
    size_t cap_station;
    int cap_cell, cap_target;
    double cap_est;
    /* headcounts: the group's officers now, and the officers the plan's
       officer-hours need at hours_per_week and the group's absences */
    double headcount_today, headcount_plan;
    double hours_per_week, absent;
    staff_budget budget;    /* budget mode only (budget.on) */
} staff_result;

typedef struct staff_opts {
    unsigned jobs;                        /* threads (>= 1) */
    const volatile sig_atomic_t *stop;    /* set: stop at the next run */
    void (*progress)(const char *line, void *ctx); /* one line a round, or NULL */
    void *ctx;
} staff_opts;

/* The planned group of *s (staffing.group, or the first non-auxiliary
 * group of role station or duty); -1 when none. */
int staff_planned_group(const scenario *s);

/* Runs the search for scenario *s (its staffing section: targets,
 * blocks, bounds; at least one target). Returns 0 with *out filled
 * (status says how it ended); 2 after a message to err for input the
 * search cannot use (no target, no group to plan, a city or roster that
 * does not build); 130 when *stop was set; -1 when memory is exhausted.
 * *out is to be freed with staff_result_free whenever 0 is returned. */
int staff_search(const scenario *s, const staff_opts *o, staff_result *out, FILE *err);

/* Simulates plan[j * ncells + k] (officers of the planned group on duty;
 * NULL: the scenario's own staffing) and fills cell[] and whole[] as
 * staff_result does, and sum[] (if not NULL) with the records summed over
 * the replications; returns the number
 * of targets not met (>= 0), 130 when stopped, or -1 (out of memory, a
 * roster that does not build: message to err). For tests and the
 * search. */
int staff_evaluate(const scenario *s, const city *c, int group, const int *plan,
                   const staff_opts *o, staff_stat *cell, staff_stat *whole, world_cell *sum,
                   FILE *err);

/* The start of a search: checks the planned group, builds *c and *r0
 * (the scenario's city and roster) and fills *out's stations, today's
 * staffing, the Erlang C demand and the headcount today, with its arrays
 * allocated (plan, analytic, cell, whole, sim zeroed). Returns 0 (free
 * *c, *r0 and *out afterwards); 2 after a message for input it cannot
 * use; -1 out of memory (nothing to free). */
int staff_prepare(const scenario *s, staff_result *out, city *c, roster *r0, FILE *err);

/* Officer-hours a week on duty of plan[j * ncells + k], S stations. */
double staff_plan_hours(const staffing_params *sp, size_t S, const int *plan);

/* The headcount `hours` officer-hours a week need at the group's hours a
 * week and absences (r->hours_per_week, r->absent); INFINITY when none
 * would do. */
double staff_headcount(const staff_result *r, double hours);

/* Runs staffing.reps replications of *s with plan[] (as staff_evaluate)
 * and fills cells[rep * S * ncells + j * ncells + k] with each
 * replication's records. Returns 0; WORLD_OVERLOADED when a replication
 * outgrew its bound (the plan is far too thin); 130 when stopped; -1
 * after a message to err. */
int staff_simulate(const scenario *s, const city *c, int group, const int *plan,
                   const staff_opts *o, world_cell *cells, FILE *err);

/* The targets' statistics (as staff_evaluate) from R replications'
 * records cells[rep * S * ncells + i], and their sum into sum[] (if not
 * NULL). Returns the number of targets not met, or -1 out of memory. */
int staff_stats(const staffing_params *sp, size_t S, int R, const world_cell *cells,
                staff_stat *cell, staff_stat *whole, world_cell *sum);

/* The scenario *s with the planned group on rule "plan" and plan[] as
 * its staffing.plan, into *x: a copy sharing *s's beats and stations,
 * owning its plan (free with staff_plan_free, never scenario_free). */
int staff_plan_scenario(const scenario *s, const city *c, int group, const int *plan,
                        scenario *x);
void staff_plan_free(scenario *x);

void staff_result_free(staff_result *r);


#endif /* STAFF_H */
