/* experiment.h - the variants of a scenario, each run for the same
 * replications, on several threads, with results in a fixed order.
 *
 * An experiment is the scenario file (or the built-in default) with the
 * command line's overrides, and its variants (scenario_plan): variant v is
 * the file, then the command line's --set overrides, then the variant's
 * own overrides. Every variant is loaded, checked and built before
 * anything runs, and every error of every variant is reported.
 *
 * Runs: replication k of variant v is world_run(s[v], c[v], r[v], k), a
 * pure function of those; its result lands in res[v * reps + k] whatever
 * thread ran it, so the results (and every file written from them) are
 * byte-identical for any number of threads. Replication k of two variants
 * uses the same random streams (common random numbers).
 *
 * The scorecard's counterfactual: a variant with prevention.enabled and
 * prevention.scorecard.counterfactual is also loaded with the override
 * "prevention.prevention_work=false" after all of its own (origin
 * "scorecard counterfactual") and run for the same replications with the
 * same seeds, so that counterfactual incidents - incidents, replication by
 * replication, counts the incidents its prevention work prevented. These
 * runs are kept apart from the variants (they are not in nvar): their
 * scenario, city, roster and results sit after the variants' own, at
 * s[nvar + v] and res[(nvar + v) * reps + k]; experiment_counterfactual
 * finds them.
 */
#ifndef EXPERIMENT_H
#define EXPERIMENT_H

#include "city.h"
#include "roster.h"
#include "scenario.h"
#include "world.h"

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

typedef struct experiment {
    scenario base;        /* the file with the command line's overrides,
                             without any variant's (for resolved.cfg) */
    scenario_plan plan;   /* the variants */
    scenario *s;          /* 2 x plan.n scenarios: one per variant, then
                             its counterfactual at [nvar + v] (zeroed when
                             the variant has none) */
    city *c;              /* their cities */
    roster *r;            /* their rosters */
    size_t nvar;          /* plan.n */
    size_t reps;          /* replications of every variant */
    unsigned char *has_cf;/* has_cf[v]: variant v has a counterfactual */
    size_t ncf;           /* variants with a counterfactual (0 .. nvar) */
    size_t nruns;         /* runs of a whole experiment: (nvar + ncf) x reps */
    world_result *res;    /* 2 x nvar x reps results, res[v * reps + k],
                             the counterfactuals' at [(nvar + v) * reps + k];
                             made and filled by experiment_run (NULL
                             before) */
    size_t nres;          /* runs finished (nruns after a whole run; fewer
                             after a stop, in no particular order) */
    /* after experiment_run returned -2: the first run found overloaded */
    size_t over_variant, over_rep; /* its variant (nvar + v: v's
                             counterfactual) and replication */
    world_result over;    /* its overload_day, overload_waiting and
                             calls_per_day_expected (nothing else) */
    /* the per-call log (calllog.h), set by the caller before running:
       runs (v, k) of the variants with k < calls_reps write their rows to
       the spool file calllog_spool_path(calls_dir, v, k) */
    const char *calls_dir; /* spool folder (borrowed), or NULL: no log */
    size_t calls_reps;     /* replications logged per variant */
    int calls_failed;      /* 1 when experiment_run returned -1 because a
                              spool file could not be written (errno) */
} experiment;

/* Loads the experiment of `path` (NULL: the built-in default scenario)
 * with the overrides sets[0 .. nsets) applied to every variant. Every
 * variant must keep the baseline's run.reps and run.seed (so that
 * replications pair up). Returns 0, or -1 after writing every problem to
 * err (then *x holds nothing). */
int experiment_load(experiment *x, const char *path, const scenario_set *sets,
                    size_t nsets, FILE *err);

/* As experiment_load, on a scenario text already read (see
 * scenario_text_read). Loading allocates no result storage: the limits
 * of budget.h are checked instead, experiment_run allocates it. */
int experiment_load_text(experiment *x, const scenario_text *text, const scenario_set *sets,
                         size_t nsets, FILE *err);

/* Result of replication k of the counterfactual of variant v (without
 * prevention work), or NULL when the variant has none. */
const world_result *experiment_counterfactual(const experiment *x, size_t v, size_t k);

/* Called on the calling thread after each finished run (total: nruns,
 * counterfactual runs included). */
typedef void (*experiment_progress)(size_t done, size_t total, void *ctx);

/* Runs every replication of every variant and of every counterfactual
 * (x->nruns runs) on `jobs` threads (>= 1; the calling thread waits and
 * reports progress). Stops starting new runs when *stop becomes non-zero
 * (e.g. set by a signal handler), and runs in progress end within a
 * simulated day (world_run_stop). Allocates the result storage on the
 * first call. Returns 0 when every run finished, 1 when stopped, -1 when
 * memory ran out or a thread could not be started, -2 when a run was
 * overloaded (world_run's WORLD_OVERLOADED; which run and how far it got
 * in x->over_variant, over_rep, over). */
int experiment_run(experiment *x, unsigned jobs, const volatile sig_atomic_t *stop,
                   experiment_progress progress, void *ctx);

void experiment_free(experiment *x);

#endif /* EXPERIMENT_H */
