/* mmc.h - the M/M/c reference queue, written on the engine, and its
 * Erlang C theory.
 *
 * Customers arrive as a Poisson process of rate lambda, c identical
 * servers serve them first come first served with exponential service of
 * rate mu. Theory (Erlang 1917; e.g. Gross, Shortt, Thompson & Harris,
 * "Fundamentals of Queueing Theory", 4th ed., sec. 2.3) gives the
 * steady-state measures for a = lambda/mu < c. The simulator is checked
 * against them in tests/test_mmc.c and timed in the benchmark; the police
 * model reduced to the same assumptions must agree too.
 *
 * Time unit: minutes, like the rest of beatsim (rates are per minute).
 */
#ifndef MMC_H
#define MMC_H

#include <stdint.h>

typedef struct mmc_params {
    unsigned servers;     /* c >= 1 */
    double arrival_rate;  /* lambda, customers per minute, > 0 */
    double service_rate;  /* mu, per server per minute, > 0 */
    double warmup_min;    /* statistics discarded before this time */
    double length_min;    /* observed time after the warm-up */
    uint64_t seed;        /* master seed */
    uint64_t replication; /* replication index (selects the streams) */
} mmc_params;

typedef struct mmc_result {
    double wait_mean_min;   /* mean wait in queue of customers arriving
                               after the warm-up and served by the end */
    double wait_p90_min;    /* 90th percentile of the same waits */
    double p_wait;          /* share of those customers who had to wait */
    double queue_mean;      /* time-average number waiting */
    double utilisation;     /* time-average busy servers / c */
    uint64_t customers;     /* customers counted in the wait statistics */
    uint64_t events;        /* events the engine processed (all periods) */
} mmc_result;

typedef struct mmc_theory {
    double p_wait;        /* Erlang C: P(wait > 0) */
    double wait_mean_min; /* Wq = C / (c mu - lambda) */
    double queue_mean;    /* Lq = lambda Wq (Little) */
    double utilisation;   /* rho = lambda / (c mu) */
} mmc_theory;

/* Steady-state values. Returns 0, or -1 if the queue is unstable
 * (lambda >= c mu) or an argument is not positive. Erlang C is computed
 * through the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)),
 * C = c B / (c - a (1 - B)), which stays accurate for large c. */
int mmc_erlang_c(unsigned servers, double arrival_rate, double service_rate,
                 mmc_theory *out);

/* Runs one replication. Returns 0, or -1 for invalid parameters or when
 * memory is exhausted. A pure function of *p. */
int mmc_run(const mmc_params *p, mmc_result *out);

#endif /* MMC_H */
