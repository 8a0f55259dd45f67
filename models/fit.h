/* fit.h - estimating the model's incident parameters from a call log
 * (`beatsim fit`; docs/scenarios.md "beatsim fit" states each estimator).
 *
 * The log (csvlog.h) gives every call's time in minutes since a Monday
 * 00:00, its type, priority, beat and, when the log has them, its
 * dispatch-to-arrival and on-scene minutes. The fit works over the whole
 * days from the first call's day to the last call's day. */
#ifndef FIT_H
#define FIT_H

#include "csvlog.h"
#include "scenario.h"

#include <stdio.h>

#define FIT_WEEK 168
#define FIT_SPARSE_PER_BIN 10.0  /* fewer calls than this per hour-of-week bin
                                    on average: separable profile */

/* One fitted model type. */
typedef struct fit_type {
    char name[SCENARIO_NAME_MAX];   /* model type name */
    long n;                         /* calls */
    double calls_per_day;           /* city-wide mean, calls a day */
    double hour[24];                /* hour-of-day weights, mean 1 */
    double dow[7];                  /* weekday weights Monday .. Sunday, mean 1 */
    double week[FIT_WEEK];          /* hour-of-week weights, mean 1 (smoothed,
                                       or hour x weekday when sparse) */
    int separable;                  /* 1: week[] is hour x weekday */
    double week_obs[FIT_WEEK];      /* observed calls by hour of week */
    double week_exp_sep[FIT_WEEK];  /* expected under hour x weekday */
    long prio_n[CSVLOG_PRIORITY_MAX]; /* calls of priority 1 .. 3 */
    int priority;                   /* the most frequent, or 0: none given */
    long scene_n;                   /* positive on-scene times */
    double scene_mu, scene_sigma;   /* lognormal MLE of on-scene minutes */
    double scene_mean, scene_sd;    /* its mean and sd, minutes */
    double *beat_obs;               /* owned: calls by beat */
    double *beat_rate;              /* owned: fitted calls a day by beat
                                       (empirical Bayes) */
    double *month_obs;              /* owned, 12: calls by month, or NULL */
} fit_type;

/* Dispatch-to-arrival minutes by priority (a check on travel settings). */
typedef struct fit_arrival {
    long n;
    double mean, median, p90;
} fit_arrival;

typedef struct fit_result {
    fit_type *types;         /* owned */
    size_t ntypes;
    size_t nbeats;           /* = log's beats */
    long first_day, ndays;   /* the days fitted (day 0: the origin Monday) */
    long days_w[7];          /* days of each weekday among them */
    double *daily;           /* owned: calls of each day, ndays */
    double *daily_exp;       /* owned: weekday mean of each day */
    double day_factor_variance; /* method of moments, >= 0 */
    double month_days[12];   /* days of each month among them (calendar) */
    int months;              /* 1: calendar log, month blocks reported */
    fit_arrival arrival[CSVLOG_PRIORITY_MAX + 1]; /* [0] all, [p] priority p */
    int *type_of;            /* owned: model type of each log type */
} fit_result;

/* Fits *log into *r (zeroed first). Model types: each distinct log type
 * (names made valid: lower case, [a-z0-9_]), the SCENARIO_TYPES_MAX - 1
 * most frequent kept when there are more and the rest pooled as "other".
 * Returns 0, or 1 when out of memory (a message on err; *r freed). */
int fit_log(fit_result *r, const csvlog *log, FILE *err);

void fit_free(fit_result *r);

/* Chi-square of observed against expected over n bins (bins with
 * expected 0 skipped), its degrees of freedom `bins - 1 - params`
 * (at least 1) and the p-value (GSL's chi-square upper tail). */
typedef struct fit_gof {
    double chi2;
    int df;
    double p;
} fit_gof;
fit_gof fit_chisq(const double *obs, const double *exp, size_t n, int params);

#endif
