/* sim_stats.h - streaming statistics for one run, and confidence
 * intervals across replications.
 *
 *  sim_tally    count, mean, variance, min, max of observations
 *               (Welford's update; B. P. Welford, Technometrics 4, 1962).
 *               O(1) memory, mergeable (Chan, Golub & LeVeque 1979).
 *  sim_timeavg  time-weighted mean of a piecewise-constant quantity such
 *               as "servers busy" or "queue length": integral / duration.
 *  sim_quant    quantiles (p50, p90, p95 ...) of a non-negative quantity
 *               from a log-linear histogram (as in HdrHistogram): each
 *               octave [2^e, 2^(e+1)) is cut into `sub` equal bins, `sub`
 *               a power of two, so a bin's width is at most 1/sub of its
 *               lower edge and the bin of a value is read straight from
 *               the bits of the double (no log, no search). O(bins)
 *               memory, O(1) per observation, mergeable across runs.
 *               Accuracy: the p-quantile is found exactly at bin
 *               resolution (the bin holding rank p n) and linearly
 *               interpolated inside it, so for a value in [lo, hi) it is
 *               within a relative error 1/sub <= rel of the exact sample
 *               quantile. Values below `lo` share one bin [0, lo)
 *               (absolute error < lo); values of `hi` or more are counted
 *               with their maximum, and a quantile falling among them is
 *               reported as +INFINITY rather than a made-up number.
 *  sim_ci       mean and Student-t confidence interval of one value per
 *               replication (independent replications method), with the
 *               t quantile from GSL (gsl_cdf_tdist_Pinv).
 *
 * None of these allocate except sim_quant_init (the bins) and none are
 * shared between threads.
 */
#ifndef SIM_STATS_H
#define SIM_STATS_H

#include <gsl/gsl_histogram.h>
#include <stddef.h>
#include <stdint.h>

/* ---- tally ------------------------------------------------------------ */

typedef struct sim_tally {
    uint64_t n;  /* observations */
    double mean; /* running mean */
    double m2;   /* sum of squared deviations from the mean */
    double min;  /* smallest observation (+INF when n = 0) */
    double max;  /* largest observation (-INF when n = 0) */
} sim_tally;

void sim_tally_init(sim_tally *t);
void sim_tally_add(sim_tally *t, double x);
/* Folds `other` into `t`, as if its observations had been added. */
void sim_tally_merge(sim_tally *t, const sim_tally *other);
/* Mean, or NAN when empty. */
double sim_tally_mean(const sim_tally *t);
/* Unbiased sample variance (divisor n - 1), or NAN when n < 2. */
double sim_tally_variance(const sim_tally *t);
double sim_tally_sd(const sim_tally *t);

/* ---- time-weighted average --------------------------------------------- */

typedef struct sim_timeavg {
    double start;    /* time observation began */
    double last_t;   /* time of the last change */
    double value;    /* current level */
    double integral; /* integral of the level from start to last_t */
} sim_timeavg;

/* Starts observing at time `t0` with level `v0`. */
void sim_timeavg_init(sim_timeavg *a, double t0, double v0);
/* The level becomes `v` at time `t` (t must not go backwards). */
void sim_timeavg_set(sim_timeavg *a, double t, double v);
/* Adds `dv` to the level at time `t`. */
void sim_timeavg_add(sim_timeavg *a, double t, double dv);
/* Discards the history and starts again at time `t` with the current
 * level (the end of a warm-up period). */
void sim_timeavg_restart(sim_timeavg *a, double t);
/* Time-weighted mean over [start, t], or NAN if t <= start. */
double sim_timeavg_mean(const sim_timeavg *a, double t);

/* ---- quantiles ---------------------------------------------------------- */

typedef struct sim_quant {
    gsl_histogram *h;  /* bins [0,lo), then `sub` per octave up to hi */
    int e_lo;          /* lo = 2^e_lo */
    int sub_bits;      /* sub = 2^sub_bits bins per octave */
    uint64_t over;     /* observations >= hi */
    uint64_t n;        /* all observations, including `over` */
    double max;        /* largest observation (-INF when n = 0) */
    double min;        /* smallest observation (+INF when n = 0) */
} sim_quant;

/* Prepares bins for values in [0, hi) with relative width at most `rel`
 * above `lo`. Requires 1e-300 < lo < hi < 1e300 and 0 < rel < 1. The
 * layout is rounded outwards to whole octaves and a power-of-two split:
 * lo down to 2^e_lo, hi up to 2^e_hi, sub = 2^ceil(log2(1/rel)); there
 * are 1 + (e_hi - e_lo) sub bins. Returns 0, or -1 if the arguments are
 * invalid or the layout would exceed 10^6 bins. (GSL's error handler,
 * which aborts by default, is called first if memory is exhausted.) */
int sim_quant_init(sim_quant *q, double lo, double hi, double rel);
void sim_quant_free(sim_quant *q);
/* Records one observation; negative values and NaN are refused with -1. */
int sim_quant_add(sim_quant *q, double x);
/* Empties the bins, keeping their layout (end of warm-up). */
void sim_quant_reset(sim_quant *q);
/* Adds the observations of `other`, which must have the same layout.
 * Returns 0, or -1 if the layouts differ. */
int sim_quant_merge(sim_quant *q, const sim_quant *other);
/* The p-quantile, 0 <= p <= 1, interpolated linearly inside its bin and
 * clamped to [min, max]. NAN when empty; +INFINITY when it falls among
 * the observations of `hi` or more. */
double sim_quant_quantile(const sim_quant *q, double p);
/* Share of observations <= x (the empirical CDF, interpolated inside a
 * bin), or NAN when empty or x is NaN. Observations of `hi` or more are
 * not resolved: for hi <= x < max the result is the share below hi. */
double sim_quant_cdf(const sim_quant *q, double x);

/* ---- confidence intervals across replications -------------------------- */

typedef struct sim_ci {
    size_t n;      /* replications */
    double mean;   /* sample mean */
    double sd;     /* sample standard deviation (n - 1) */
    double half;   /* half-width: t(1 - alpha/2, n - 1) * sd / sqrt(n) */
    double low;    /* mean - half */
    double high;   /* mean + half */
} sim_ci;

/* Mean and two-sided (1 - alpha) Student-t interval of x[0..n-1] (stride
 * `stride` doubles apart). With n < 2 the sd, half-width and bounds are
 * NAN. Assumes the values are independent and about normal (one value per
 * independent replication). */
sim_ci sim_ci_compute(const double *x, size_t stride, size_t n, double alpha);

#endif /* SIM_STATS_H */
