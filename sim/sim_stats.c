/* sim_stats.c - streaming statistics and replication confidence intervals. */
#include "sim_stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

/* ---- tally ------------------------------------------------------------ */

void sim_tally_init(sim_tally *t)
{
    *t = (sim_tally){0, 0.0, 0.0, INFINITY, -INFINITY};
}

void sim_tally_add(sim_tally *t, double x)
{
    t->n++;
    double d = x - t->mean;
    t->mean += d / (double)t->n;
    t->m2 += d * (x - t->mean);
    if (x < t->min)
        t->min = x;
    if (x > t->max)
        t->max = x;
}

void sim_tally_merge(sim_tally *t, const sim_tally *o)
{
    if (o->n == 0)
        return;
    if (t->n == 0) {
        *t = *o;
        return;
    }
    double n1 = (double)t->n, n2 = (double)o->n, n = n1 + n2;
    double d = o->mean - t->mean;
    t->mean += d * n2 / n;
    t->m2 += o->m2 + d * d * n1 * n2 / n;
    t->n += o->n;
    t->min = fmin(t->min, o->min);
    t->max = fmax(t->max, o->max);
}

double sim_tally_mean(const sim_tally *t)
{
    return t->n ? t->mean : NAN;
}

double sim_tally_variance(const sim_tally *t)
{
    return t->n > 1 ? t->m2 / (double)(t->n - 1) : NAN;
}

double sim_tally_sd(const sim_tally *t)
{
    return sqrt(sim_tally_variance(t));
}

/* ---- time-weighted average --------------------------------------------- */

void sim_timeavg_init(sim_timeavg *a, double t0, double v0)
{
    *a = (sim_timeavg){t0, t0, v0, 0.0};
}

void sim_timeavg_set(sim_timeavg *a, double t, double v)
{
    a->integral += a->value * (t - a->last_t);
    a->last_t = t;
    a->value = v;
}

void sim_timeavg_add(sim_timeavg *a, double t, double dv)
{
    sim_timeavg_set(a, t, a->value + dv);
}

void sim_timeavg_restart(sim_timeavg *a, double t)
{
    a->start = a->last_t = t;
    a->integral = 0.0;
}

double sim_timeavg_mean(const sim_timeavg *a, double t)
{
    if (!(t > a->start))
        return NAN;
    return (a->integral + a->value * (t - a->last_t)) / (t - a->start);
}

/* ---- quantiles ---------------------------------------------------------- */

int sim_quant_init(sim_quant *q, double lo, double hi, double rel)
{
    q->h = NULL;
    if (!(lo > 1e-300 && hi > lo && hi < 1e300 && rel > 0 && rel < 1))
        return -1;
    int e_lo = ilogb(lo), e_hi = ilogb(hi);
    if (ldexp(1.0, e_hi) < hi)
        e_hi++;
    int sub_bits = 0;
    while (ldexp(1.0, -sub_bits) > rel)
        sub_bits++;
    double nbins = 1.0 + (double)(e_hi - e_lo) * ldexp(1.0, sub_bits);
    if (sub_bits > 20 || nbins > 1e6)
        return -1;
    q->h = gsl_histogram_alloc((size_t)nbins);
    if (!q->h)
        return -1;
    q->e_lo = e_lo;
    q->sub_bits = sub_bits;
    double *r = q->h->range;
    size_t sub = (size_t)1 << sub_bits, i = 0;
    r[i++] = 0.0;
    for (int e = e_lo; e < e_hi; e++)
        for (size_t k = 0; k < sub; k++)
            r[i++] = ldexp(1.0 + (double)k / (double)sub, e);
    r[i] = ldexp(1.0, e_hi);
    sim_quant_reset(q);
    return 0;
}

void sim_quant_free(sim_quant *q)
{
    if (q->h)
        gsl_histogram_free(q->h);
    q->h = NULL;
}

void sim_quant_reset(sim_quant *q)
{
    gsl_histogram_reset(q->h);
    q->over = q->n = 0;
    q->max = -INFINITY;
    q->min = INFINITY;
}

/* Index of the bin holding x, for 0 <= x < hi. Above lo (a normal double)
 * the octave is the binary exponent and the bin within it the top
 * sub_bits of the mantissa, so the index matches the range edges exactly. */
static size_t bin_of(const sim_quant *q, double x)
{
    if (x < q->h->range[1])
        return 0;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int e = (int)((bits >> 52) & 0x7ff) - 1023;
    uint64_t k = (bits & ((UINT64_C(1) << 52) - 1)) >> (52 - q->sub_bits);
    return 1 + ((size_t)(e - q->e_lo) << q->sub_bits) + (size_t)k;
}

int sim_quant_add(sim_quant *q, double x)
{
    if (!(x >= 0))
        return -1;
    q->n++;
    if (x > q->max)
        q->max = x;
    if (x < q->min)
        q->min = x;
    if (x >= q->h->range[q->h->n]) {
        q->over++;
        return 0;
    }
    q->h->bin[bin_of(q, x)] += 1.0;
    return 0;
}

int sim_quant_merge(sim_quant *q, const sim_quant *o)
{
    if (!gsl_histogram_equal_bins_p(q->h, o->h))
        return -1;
    gsl_histogram_add(q->h, o->h);
    q->over += o->over;
    q->n += o->n;
    q->max = fmax(q->max, o->max);
    q->min = fmin(q->min, o->min);
    return 0;
}

double sim_quant_quantile(const sim_quant *q, double p)
{
    if (q->n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    double target = p * (double)q->n;
    double in_range = (double)(q->n - q->over);
    if (target > in_range || in_range == 0)
        return INFINITY;
    const gsl_histogram *h = q->h;
    double cum = 0.0, x = q->max;
    for (size_t i = 0; i < h->n; i++) {
        double c = h->bin[i];
        if (c > 0 && cum + c >= target) {
            double f = (target - cum) / c;
            x = h->range[i] + f * (h->range[i + 1] - h->range[i]);
            break;
        }
        cum += c;
    }
    return fmin(fmax(x, q->min), q->max);
}

double sim_quant_cdf(const sim_quant *q, double x)
{
    if (q->n == 0 || isnan(x))
        return NAN;
    if (x < q->min || x < 0)
        return 0.0;
    if (x >= q->max)
        return 1.0;
    const gsl_histogram *h = q->h;
    if (x >= h->range[h->n])
        return (double)(q->n - q->over) / (double)q->n;
    size_t b = bin_of(q, x);
    double cum = 0.0;
    for (size_t i = 0; i < b; i++)
        cum += h->bin[i];
    double f = (x - h->range[b]) / (h->range[b + 1] - h->range[b]);
    return (cum + f * h->bin[b]) / (double)q->n;
}

/* ---- confidence intervals ---------------------------------------------- */

sim_ci sim_ci_compute(const double *x, size_t stride, size_t n, double alpha)
{
    sim_ci ci = {n, NAN, NAN, NAN, NAN, NAN};
    if (n == 0)
        return ci;
    ci.mean = gsl_stats_mean(x, stride, n);
    if (n < 2)
        return ci;
    ci.sd = gsl_stats_sd_m(x, stride, n, ci.mean);
    double t = gsl_cdf_tdist_Pinv(1.0 - alpha / 2.0, (double)(n - 1));
    ci.half = t * ci.sd / sqrt((double)n);
    ci.low = ci.mean - ci.half;
    ci.high = ci.mean + ci.half;
    return ci;
}
