/* report.h - what a run leaves behind: the summary table on the terminal
 * and the results folder of CSV files.
 *
 * A results folder is written under a temporary name beside its final
 * name and renamed into place only when every file is complete, so a
 * folder with the final name is always whole. Column meanings are in
 * docs/model.md ("Outputs").
 */
#ifndef REPORT_H
#define REPORT_H

#include "city.h"
#include "scenario.h"
#include "world.h"

#include <stddef.h>
#include <stdio.h>

typedef struct report_run {
    const scenario *s;          /* the scenario run (borrowed) */
    const city *c;              /* its city (borrowed) */
    const world_result *res;    /* one result per replication (borrowed) */
    size_t reps;                /* replications */
    const char *command_line;   /* as typed, for the manifest */
} report_run;

/* Prints the readable summary (means, and 95 % Student-t intervals when
 * there are at least two replications) to f. */
void report_summary(FILE *f, const report_run *run);

/* Writes summary.csv, replications.csv, by_hour.csv, by_beat.csv and
 * manifest into `dir`, through a temporary folder renamed at the end.
 * An existing `dir` is replaced only when `force` is set. Returns 0, 2
 * if `dir` exists and force is not set (nothing written), or 1 on an I/O
 * failure (then nothing is left under either name); a message naming the
 * path goes to err. */
int report_write(const char *dir, int force, const report_run *run, FILE *err);

#endif /* REPORT_H */
