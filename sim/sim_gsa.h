/* sim_gsa.h - global sensitivity analysis: the designs and the indices.
 *
 * A model output y = f(x1 .. xk) is studied over the unit cube (each
 * factor's quantile in [0, 1]; the caller maps it to the factor's own
 * range and distribution, sim_gsa_value). Two methods:
 *
 *  Morris elementary effects (Morris 1991, with the absolute mean mu* of
 *    Campolongo, Cariboni & Saltelli 2007): r trajectories of k + 1 points
 *    on a grid of p levels (p even); each step moves one factor, in a
 *    random order, by Delta = p / (2 (p - 1)) up (from the lower half of
 *    the grid) or down (from the upper half). The elementary effect of
 *    the factor moved is (y_after - y_before) / (+-Delta); over the r
 *    trajectories: mu* = mean |EE|, mu = mean EE, sigma = their standard
 *    deviation (divisor r - 1). r (k + 1) runs. Screening: mu* ranks the
 *    factors, sigma shows interactions or non-linearity.
 *  Sobol' indices (Saltelli 2002 sampling): two N x k matrices A and B
 *    (the first and last k coordinates of a 2k-dimensional Sobol'
 *    sequence, gsl_qrng_sobol, its first point skipped; or a Latin
 *    hypercube), and A_B^i (A with column i from B). First-order index
 *    S_i = V_i / V with V_i = mean_j f(B)_j (f(A_B^i)_j - f(A)_j)
 *    (Saltelli et al. 2010, eq. b of table 2); total index ST_i = VT_i / V
 *    with VT_i = mean_j (f(A)_j - f(A_B^i)_j)^2 / 2 (Jansen 1999); V the
 *    variance of the 2N outputs of A and B. N (k + 2) runs.
 * Intervals: percentile bootstrap (Efron & Tibshirani 1993) over the
 * trajectories (Morris) or the rows j (Sobol'), nboot resamples from a
 * seeded generator: the same inputs give the same intervals.
 *
 * Nothing here knows what the factors are; no state is shared.
 */
#ifndef SIM_GSA_H
#define SIM_GSA_H

#include <stddef.h>
#include <stdint.h>

typedef enum sim_gsa_method { SIM_GSA_MORRIS = 0, SIM_GSA_SOBOL = 1 } sim_gsa_method;

/* How Sobol's A and B are drawn. */
typedef enum sim_gsa_sampling {
    SIM_GSA_QRNG = 0, /* gsl_qrng_sobol, 2k <= SIM_GSA_QRNG_DIM_MAX */
    SIM_GSA_LHS = 1   /* Latin hypercube: each column a random
                         permutation of N strata, uniform within them */
} sim_gsa_sampling;

#define SIM_GSA_QRNG_DIM_MAX 40 /* GSL's Sobol' generator's dimensions */
#define SIM_GSA_FACTORS_MAX 20  /* 2k within the generator */

/* A design: the points to run, in order. */
typedef struct sim_gsa {
    sim_gsa_method method;
    size_t k;       /* factors */
    size_t n;       /* Morris: trajectories r; Sobol': rows N */
    size_t npoints; /* r (k + 1), or N (k + 2) */
    double *u;      /* npoints x k quantiles: point q, factor i at
                       u[q * k + i]. Morris: trajectory t is points
                       t (k + 1) .. t (k + 1) + k. Sobol': row j is
                       points j (k + 2) + 0 (A), + 1 (B), + 2 + i (A_B^i) */
    size_t *moved;  /* Morris: the factor moved at step s of trajectory t,
                       moved[t * k + s - 1]; NULL for Sobol' */
} sim_gsa;

/* Makes design *d: method m, k factors (1 .. SIM_GSA_FACTORS_MAX), n
 * trajectories or rows (>= 2), levels p for Morris (even, 2 .. 1000;
 * unused by Sobol'), sampling for Sobol' (unused by Morris), random
 * choices (Morris' trajectories, the hypercube's strata) from `seed`.
 * Returns 0, or -1 (arguments out of range, or memory exhausted: *d then
 * holds nothing). */
int sim_gsa_design(sim_gsa *d, sim_gsa_method m, size_t k, size_t n, int levels,
                   sim_gsa_sampling sampling, uint64_t seed);

void sim_gsa_free(sim_gsa *d);

/* Factor distributions: quantile u in [0, 1] to the factor's value. */
typedef enum sim_gsa_dist {
    SIM_GSA_UNIFORM = 0,    /* lo + u (hi - lo) */
    SIM_GSA_LOGUNIFORM = 1, /* lo (hi / lo)^u, 0 < lo < hi */
    SIM_GSA_TRIANGULAR = 2  /* on [lo, hi] with its mode at `mode` */
} sim_gsa_dist;

double sim_gsa_value(sim_gsa_dist dist, double lo, double hi, double mode, double u);

/* An index and its bootstrap 95 % interval. */
typedef struct sim_gsa_index {
    double est, lo, hi;
} sim_gsa_index;

/* Per factor: Morris mu* [0], mu [1], sigma [2] (effects in units of the
 * output per the factor's whole range of quantiles); Sobol' S1 [0],
 * ST [1] ([2] unused, NAN). */
#define SIM_GSA_INDICES 3
typedef struct sim_gsa_factor {
    sim_gsa_index idx[SIM_GSA_INDICES];
} sim_gsa_factor;

/* The indices of design *d from its outputs y[0 .. npoints) (all finite),
 * into out[0 .. k), with nboot (0: no intervals, lo = hi = NAN) bootstrap
 * resamples drawn from `seed`. Sobol' indices are NAN when the outputs
 * do not vary. Returns 0, or -1 when memory is exhausted or a y is not
 * finite. */
int sim_gsa_indices(const sim_gsa *d, const double *y, size_t nboot, uint64_t seed,
                    sim_gsa_factor *out);

#endif /* SIM_GSA_H */
