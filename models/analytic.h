/* analytic.h - the classic queueing answer per station and hour block:
 * Erlang C (M/M/c) with priority classes, from the scenario's own rates
 * and busy times, the way RAND's Patrol Car Allocation Model (PCAM;
 * Chaiken & Dormont 1978) sized a precinct's cars. beatsim staff starts
 * from it and beatsim analytic prints it beside the simulation.
 *
 * The model of station j in staffing cell k (scenario.h, staffing_cells):
 *   - car calls arrive as a Poisson process of rate lambda_p per priority
 *     p: the types' rates x residents x land multipliers, averaged over
 *     the cell's hours of the week by the hour and weekday profiles, less
 *     the telephone and diverted shares (calls.c); prevention's changes to
 *     the rates are left out;
 *   - c units on duty serve them, each call holding one server for its
 *     mean work w = units x (travel + scene) + follow-up, where travel is
 *     the mean right-angle distance from the station to a uniform point
 *     of the beat x dispatch.detour / the land's speed; service is taken
 *     as exponential with that mean;
 *   - c = the planned group's officers on duty / its crew, plus the mean
 *     on-duty units of the station's other groups (roster, absences
 *     allowed for), auxiliaries and the patrol tier left out;
 *   - calls are served by priority, first come first served within one
 *     (non-preemptive): P(wait) = Erlang C, the mean wait of priority p is
 *     W_p = C / (c mu (1 - s_{p-1}) (1 - s_p)) with s_p the load of
 *     priorities 1..p (Cobham 1954; Gross et al., "Fundamentals of
 *     Queueing Theory", 4th ed., 3.4.1), and a wait's tail is taken as
 *     exponential with the same mean given a wait: P(W_p > t) = C
 *     exp(-t C / W_p), exact for one priority;
 *   - response = dispatch.delay_min + travel + wait; the share within T
 *     is averaged over the station's beats, each with its own travel.
 * What it leaves out (cross-station help, the patrol tier, time-varying
 * demand inside a cell, two-unit calls' joint holding, desk work and
 * breaks, travel's spread inside a beat, coverage) is what the simulation
 * adds; docs/model.md "Staffing".
 */
#ifndef ANALYTIC_H
#define ANALYTIC_H

#include "city.h"
#include "roster.h"
#include "scenario.h"

#include <stddef.h>

#define ANALYTIC_PRIORITIES 3
#define ANALYTIC_SAMPLE_WEEKS 4 /* weeks of the roster averaged over for the
                                   officers on duty (rotations of 2..7 days
                                   do not repeat weekly) */

/* Demand of every station and cell, computed once per scenario. */
typedef struct analytic_demand {
    size_t nstations;
    int ncells;
    double crew[7 * STAFF_BLOCKS_MAX]; /* officers per unit of the planned
                                          group, by cell (mean of its hours) */
    double delay_min;    /* dispatch.delay_min */
    double *lambda;      /* [(j * ncells + k) * 3 + p - 1] car calls a minute */
    double *work_min;    /* [j * ncells + k] mean unit-minutes per car call */
    double *other_units; /* [j * ncells + k] mean on-duty units of the
                            station's other groups */
    double *today;       /* [j * ncells + k] mean on-duty officers of the
                            planned group (the roster's, absences allowed
                            for): today's staffing */
    /* beats of each station with the share of its calls and their mean
       travel: beats beat_first[j] .. beat_first[j + 1] - 1 */
    size_t *beat_first;
    double *beat_share;  /* share of the station's car calls */
    double *beat_travel; /* mean travel from the station, minutes */
} analytic_demand;

/* The prediction for one cell. */
typedef struct analytic_cell {
    double lambda;                 /* car calls a minute, all priorities */
    double servers;                /* c (may be fractional: other groups'
                                      mean) */
    double util;                   /* lambda w / c */
    double p_wait;                 /* Erlang C; 1 when lambda w >= c */
    double wait_mean_min[ANALYTIC_PRIORITIES]; /* W_p; INFINITY unstable */
    double response_mean_min[ANALYTIC_PRIORITIES];
} analytic_cell;

/* Builds the demand of scenario *s (whose staffing section sets the
 * cells and the planned group, index `group`) on city *c with roster *r
 * (the officers the scenario has, for the other groups). Returns 0, or -1
 * when memory is exhausted. */
int analytic_demand_init(analytic_demand *d, const scenario *s, const city *c,
                         const roster *r, int group);

void analytic_demand_free(analytic_demand *d);

/* Adds roster officer i's on-duty samples -- every hour of
 * ANALYTIC_SAMPLE_WEEKS weeks at half past, each worth the share of shifts
 * the officer is present (absences allowed for), or that share over the
 * hour's crew when per_unit -- into cells[cell_of[hour of the week]].
 * Divided by the samples of a cell (ANALYTIC_SAMPLE_WEEKS x its hours),
 * the sum is the officer's (or units') mean on duty there. */
void analytic_officer_samples(const scenario *s, const roster *r, size_t i, const int *cell_of,
                              int per_unit, double *cells);

/* The prediction for station j, cell k with `planned` officers of the
 * planned group on duty. */
void analytic_eval(const analytic_demand *d, size_t j, int k, double planned,
                   analytic_cell *out);

/* The predicted share of priority-p calls of station j, cell k reached
 * within T minutes, given the cell's prediction *a. */
double analytic_within(const analytic_demand *d, size_t j, const analytic_cell *a, int p,
                       double T);

/* 1 if the prediction *a meets target *t (gap targets: always 1, the
 * model has no coverage). */
int analytic_meets(const analytic_demand *d, size_t j, const analytic_cell *a,
                   const staff_target *t);

/* The fewest officers of the planned group from lo up to hi whose
 * prediction for station j, cell k meets every target; hi + 1 when none
 * up to hi does but more would; -1 when no number would (the delay and
 * travel alone break a response target). */
int analytic_fewest(const analytic_demand *d, size_t j, int k, const staff_target *t, int nt,
                    int lo, int hi);

#endif /* ANALYTIC_H */
