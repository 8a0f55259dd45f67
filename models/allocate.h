/* allocate.h - budget mode of beatsim staff: a given headcount of the
 * planned group spread over stations and hour blocks so that a weighted
 * objective is as small as it can be (docs/model.md "Staffing: budget").
 *
 * The objective, per week: the sum over stations j, cells k and
 * priorities p of weight_p x (car calls of priority p a week in j, k) x
 *   wait: the mean wait for a first unit, minutes (the average queue delay
 *         RAND's PCAM minimised; Chaiken & Dormont 1978), or
 *   late: the share reached later than staffing.objective_min (or never);
 * by Erlang C (analytic.h) or by simulation (the records of world_cell).
 *
 * The budget: B officers of the group give B x hours_per_week x
 * (1 - absent) officer-hours a week on duty; an officer on duty in cell k
 * costs the hours of the week cell k spans.
 *
 * The search:
 *  1. marginal allocation on Erlang C (Fox 1966): every cell starts at
 *     staffing.min_on_duty; one officer at a time goes to the cell, below
 *     max_on_duty and within what is left of the budget, whose objective
 *     falls most per officer-hour (a cell that is unstable -- its load at
 *     least its units -- first, the most overloaded first), until nothing
 *     fits or no cell's objective falls. For the wait objective with
 *     cells of equal length this is optimal: the mean wait of M/M/c is
 *     convex in c (Dyer & Proll 1977), and the non-preemptive priorities'
 *     waits weighted by their calls sum to it when the weights are equal;
 *     otherwise it is the greedy answer of a knapsack.
 *  2. correction by simulation: the plan is simulated with staffing.reps
 *     replications (the same every time: common random numbers); each
 *     cell gets the shift delta (officers, fractional) with which Erlang C
 *     at the planned count + delta gives the simulated objective -- the
 *     officers the simulation shows the cell really has, as the
 *     simulation-based iterative staffing of Feldman et al. (2008)
 *     corrects an offered load -- and step 1 is run again with every
 *     cell's Erlang C taken at its count + delta; until a plan recurs or
 *     staffing.rounds plans have been simulated. The answer is the simulated plan of the lowest
 *     simulated objective.
 * Guarantee: the answer spends at most the budget; it is the best of the
 * plans simulated, each optimal (step 1's sense) for its calibrated model;
 * it is not shown optimal for the simulation itself.
 */
#ifndef ALLOCATE_H
#define ALLOCATE_H

#include "analytic.h"
#include "scenario.h"
#include "staff.h"
#include "world.h"

#include <stdio.h>

/* The objective of one cell with `planned` officers of the group by
 * Erlang C, per week (INFINITY when the cell is unstable and the
 * objective is wait); hours = the hours of the week the cell spans. */
double alloc_cell_erlang(const analytic_demand *d, const staffing_params *sp, size_t j, int k,
                         double planned, double hours);

/* The same from simulated records *w summed over replications that
 * observed `weeks` weeks in all. */
double alloc_cell_sim(const staffing_params *sp, const world_cell *w, double weeks);

/* The correction of step 2 for cell (j, k) simulated with `planned`
 * officers and objective `sim`: the officers delta to add to planned for
 * Erlang C to give sim (by bisection; Erlang C's objective falls with
 * officers), from minus every unit of the cell to +max_on_duty; 0 when
 * Erlang C's objective there is 0. */
double alloc_shift(const analytic_demand *d, const staffing_params *sp, size_t j, int k,
                   int planned, double hours, double sim);

/* Step 1: fills plan[j * ncells + k] for stations 0 .. S-1 within `hours`
 * officer-hours a week, cell i's Erlang C objective taken at its planned
 * officers + shift[i] (NULL: + 0). Returns the officer-hours a week left unspent,
 * -1 when min_on_duty in every cell alone needs more than `hours`, or -2
 * when memory is exhausted. */
double alloc_greedy(const analytic_demand *d, const staffing_params *sp, const double *scale,
                    double hours, int *plan);

/* The budget's headcount: staffing.budget, or today's headcount +
 * staffing.budget_extra. */
double alloc_budget(const staffing_params *sp, double headcount_today);

/* Budget mode of beatsim staff, for scenario *s with staffing.budget or
 * staffing.budget_extra set. Fills *out as staff_search does (plan,
 * analytic = step 1's first plan, today, the targets' statistics if any,
 * headcounts) and out->budget; status STAFF_DONE when a plan recurred,
 * STAFF_ROUNDS when the rounds ran out, STAFF_UNMET when even the best
 * plan's calls outgrew its officers in the simulation (the budget is too
 * small to keep up: its objective is infinite). Returns 0, 2 after a message for
 * input it cannot use (a budget below what min_on_duty needs, no group),
 * 130 when stopped, -1 when memory is exhausted. */
int alloc_search(const scenario *s, const staff_opts *o, staff_result *out, FILE *err);

#endif /* ALLOCATE_H */
