/* staff_report.h - the outputs of beatsim staff and beatsim analytic
 * (docs/outputs.md "beatsim staff").
 *
 * A staff folder holds plan.cfg (the scenario with the planned group on
 * rule "plan": beatsim run takes it as is), staffing.csv (officers on duty
 * per station and block: today, Erlang C, the plan), targets.csv (each
 * target's estimate, bound and verdict), analytic.csv (Erlang C beside
 * the simulation of the plan) and a manifest; it is written whole or not
 * at all (report_folder_write).
 */
#ifndef STAFF_REPORT_H
#define STAFF_REPORT_H

#include "analytic.h"
#include "causes.h"
#include "cube.h"
#include "staff.h"

#include <signal.h>
#include <stdio.h>

/* "done", "rounds", "capped", "unmet". */
const char *staff_status_name(staff_status st);

/* analytic.csv to f: per station of city *c and cell, Erlang C with planned[i]
 * officers of the planned group on duty, and beside it (when sim is not
 * NULL) the simulated records summed over replications. */
int staff_analytic_csv(FILE *f, const scenario *s, const city *c, const analytic_demand *d,
                       const double *planned, const world_cell *sim);

/* hypercube.csv to f (docs/outputs.md): the hypercube model of every
 * station and cell (cells[j * ncells + k], cube.h) and beside it, when sim
 * is not NULL, the simulated P(wait) and own-beat share of the records
 * summed over replications. */
int cube_csv(FILE *f, const scenario *s, const city *c, const analytic_demand *d,
             const cube_cell *cells, const world_cell *sim);

/* The ladder of beatsim analytic --causes as CSV (docs/outputs.md
 * "causes.csv"): a row a step. Returns 0, or -1 on a write error. */
int causes_csv(FILE *f, const cause_step steps[CAUSES + 1]);

/* Writes the folder `dir` (see above). Returns report_folder_write's
 * codes. */
int staff_write(const char *dir, int force, const scenario *s, const city *c,
                const staff_result *r, const analytic_demand *d, const char *command,
                const volatile sig_atomic_t *stop, FILE *err);

/* The terminal summary: per station the mean officers on duty today, by
 * Erlang C and in the plan; headcounts; how the search ended. */
void staff_summary(FILE *f, const scenario *s, const staff_result *r);

#endif /* STAFF_REPORT_H */
