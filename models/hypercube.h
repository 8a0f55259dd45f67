/* hypercube.h - Larson's hypercube queueing model: N distinguishable
 * units, calls from demand atoms each sent to the first free unit of the
 * atom's own preference list, an infinite first-come first-served queue
 * when every unit is busy (R. C. Larson, "A hypercube queuing model for
 * facility location and redistricting in urban emergency services",
 * Computers & Operations Research 1, 1974; the infinite-queue extension of
 * Larson & Odoni, "Urban Operations Research", 1981, section 5.4).
 *
 * State: the set B of busy units (2^N states), plus the number queued
 * behind the full state. Service is exponential of rate mu for every unit
 * whatever the call. Arrivals in state B != full move it to B + {first
 * free unit of the atom}; completions move it to B - {i}. Behind the full
 * state the queue is a birth-death chain of ratio rho = Lambda / (N mu),
 * so it is summed in closed form and the full state is solved as if
 * arrivals there were returned at once.
 *
 * Solution: Gauss-Seidel sweeps over the 2^N balance equations, each
 * sweep followed by rescaling every level (the states with k busy units)
 * to its exact M/M/N probability -- the number busy is a birth-death
 * chain whatever the preferences -- which is an aggregation-disaggregation
 * step that makes the sweeps converge in a few dozen passes at the loads
 * of police work (a dense solve of 2^12 states would take 4096^3 / 3
 * operations; this takes N 2^N per sweep). Memory: 2^N x (N + 2) doubles.
 */
#ifndef HYPERCUBE_H
#define HYPERCUBE_H

#define HYPERCUBE_UNITS_MAX 16

typedef struct hypercube_params {
    int units;            /* N, 1 .. HYPERCUBE_UNITS_MAX */
    int atoms;            /* J >= 1 demand atoms (beats) */
    const double *lambda; /* [J] call rates, per minute, >= 0, not all 0 */
    const int *pref;      /* [J * N] atom j's units in order of preference:
                             pref[j * N + k], a permutation of 0 .. N-1 */
    double mu;            /* service rate of every unit, per minute, > 0 */
    double tol;           /* largest change of a state's probability in a
                             sweep at which it stops (0: 1e-13) */
    int max_iter;         /* sweeps at most (0: 100000) */
} hypercube_params;

typedef struct hypercube_result {
    double *workload;  /* [N] share of time unit n is busy (queue states
                          included) */
    double *fraction;  /* [J * N] share of atom j's calls served by unit
                          n; a call that queues is served by the unit that
                          frees first, each with probability 1/N (equal
                          service rates; Larson & Odoni 5.4.2) */
    double p_wait;     /* share of calls that find every unit busy */
    double queue_mean; /* mean number of calls waiting */
    double cross;      /* share of all calls served by a unit that is not
                          the atom's first preference */
    int iterations;    /* sweeps done */
} hypercube_result;

/* Solves the model. Returns 0 with *out filled (free with
 * hypercube_result_free); -1 for bad parameters (N out of range, a list
 * that is no permutation, a negative or non-finite rate, all rates 0,
 * mu <= 0); -2 when unstable (Lambda >= N mu); -3 when the sweeps did not
 * converge within max_iter; -4 when memory is exhausted. On failure *out
 * holds nothing to free. */
int hypercube_solve(const hypercube_params *p, hypercube_result *out);

void hypercube_result_free(hypercube_result *r);

#endif /* HYPERCUBE_H */
