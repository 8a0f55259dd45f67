/* sim_nhpp.h - exact sampling of a non-homogeneous Poisson process with a
 * periodic, piecewise-constant rate.
 *
 * The rate is given as `nbins` bins of `bin_min` minutes each, repeating
 * with period nbins * bin_min (for example 168 hourly bins: a weekly
 * profile by hour and weekday). Optionally the whole rate is multiplied by
 * a factor per segment of `seg_min` minutes (for example one random factor
 * per day, to reproduce the over-dispersion of real daily call counts).
 *
 * Sampling is exact, by inversion of the cumulative rate (integrated
 * hazard) Lambda: if the last event was at t, the next one is at the s
 * with Lambda(s) - Lambda(t) = E, E ~ Exp(1) (Cinlar 1975; e.g. Law,
 * "Simulation Modeling and Analysis", 5th ed., sec. 8.6.2). The caller
 * draws E, so the process uses whichever stream the caller chooses.
 * Exact up to rounding and to events of probability zero (a draw landing
 * exactly on the end of the last non-zero bin before a run of zero bins).
 * Cost: O(log nbins) per event plus, with segment factors, O(1) per
 * segment crossed; without them whole periods are skipped in O(1).
 */
#ifndef SIM_NHPP_H
#define SIM_NHPP_H

#include <stddef.h>

typedef struct sim_nhpp {
    size_t nbins;    /* bins per period */
    double bin_min;  /* width of one bin, minutes */
    double *rate;    /* rate per bin, events per minute (owned copy) */
    double *cum;     /* cum[i] = integral of the rate from the period start
                        to the start of bin i; cum[nbins] = per period */
} sim_nhpp;

/* Segment factors: the rate during [k seg_min, (k+1) seg_min) is
 * multiplied by mult[k] for k < n, and by 1 after (borrowed array). */
typedef struct sim_nhpp_segments {
    const double *mult; /* n factors >= 0 */
    size_t n;           /* number of factors */
    double seg_min;     /* segment length, minutes (> 0) */
} sim_nhpp_segments;

/* Copies the profile. Requires nbins >= 1, bin_min > 0 and finite, every
 * rate finite and >= 0. Returns 0, or -1 for invalid arguments or when
 * memory is exhausted (then nothing is held). */
int sim_nhpp_init(sim_nhpp *p, const double *rate, size_t nbins, double bin_min);
void sim_nhpp_free(sim_nhpp *p);

/* Expected number of events in [t0, t1] (t0 <= t1), without segment
 * factors: the integral of the rate. */
double sim_nhpp_expected(const sim_nhpp *p, double t0, double t1);

/* Time of the next event after time t >= 0, given an Exp(1) draw e > 0
 * and optional segment factors (NULL for none). Returns +INFINITY when
 * the rate is zero from t on (all-zero profile, or zero factors to the end
 * of the segments and a zero profile after). */
double sim_nhpp_next(const sim_nhpp *p, double t, double e,
                     const sim_nhpp_segments *seg);

#endif /* SIM_NHPP_H */
