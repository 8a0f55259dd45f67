/* sim_nhpp.c - exact non-homogeneous Poisson sampling by inversion. */
#include "sim_nhpp.h"

#include <math.h>
#include <stdlib.h>

int sim_nhpp_init(sim_nhpp *p, const double *rate, size_t nbins, double bin_min)
{
    p->rate = p->cum = NULL;
    if (nbins == 0 || !(bin_min > 0) || !isfinite(bin_min))
        return -1;
    for (size_t i = 0; i < nbins; i++)
        if (!(rate[i] >= 0) || !isfinite(rate[i]))
            return -1;
    p->rate = malloc(nbins * sizeof *p->rate);
    p->cum = malloc((nbins + 1) * sizeof *p->cum);
    if (!p->rate || !p->cum) {
        sim_nhpp_free(p);
        return -1;
    }
    p->nbins = nbins;
    p->bin_min = bin_min;
    p->cum[0] = 0.0;
    for (size_t i = 0; i < nbins; i++) {
        p->rate[i] = rate[i];
        p->cum[i + 1] = p->cum[i] + rate[i] * bin_min;
    }
    return 0;
}

void sim_nhpp_free(sim_nhpp *p)
{
    free(p->rate);
    free(p->cum);
    p->rate = p->cum = NULL;
}

static double period_min(const sim_nhpp *p)
{
    return (double)p->nbins * p->bin_min;
}

/* Integral of the rate from 0 to t >= 0. */
static double lambda_at(const sim_nhpp *p, double t)
{
    double per = period_min(p);
    double k = floor(t / per);
    double r = t - k * per;
    size_t b = (size_t)(r / p->bin_min);
    if (b >= p->nbins)
        b = p->nbins - 1;
    return k * p->cum[p->nbins] + p->cum[b] + p->rate[b] * (r - (double)b * p->bin_min);
}

double sim_nhpp_expected(const sim_nhpp *p, double t0, double t1)
{
    return lambda_at(p, t1) - lambda_at(p, t0);
}

/* The last bin i < nbins with cum[i] <= x. Because cum is flat across
 * zero-rate bins, this is a bin with a positive rate unless x is at (or,
 * by rounding, past) the end of the period's mass. */
static size_t find_bin(const sim_nhpp *p, double x)
{
    size_t lo = 0, hi = p->nbins;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->cum[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Smallest s > t with lambda_at(s) = lambda_at(t) + e, no factors. */
static double invert(const sim_nhpp *p, double t, double e)
{
    double total = p->cum[p->nbins];
    if (!(total > 0))
        return INFINITY;
    double target = lambda_at(p, t) + e;
    double k = floor(target / total);
    double rem = target - k * total;
    size_t b = find_bin(p, rem);
    if (p->rate[b] == 0) { /* at the end of the mass: next period */
        k += 1;
        rem = 0;
        b = find_bin(p, 0.0);
    }
    double s = k * period_min(p) + (double)b * p->bin_min +
               (rem - p->cum[b]) / p->rate[b];
    return s > t ? s : nextafter(t, INFINITY);
}

double sim_nhpp_next(const sim_nhpp *p, double t, double e,
                     const sim_nhpp_segments *seg)
{
    if (!seg || seg->n == 0)
        return invert(p, t, e);
    double L = seg->seg_min;
    size_t k = (size_t)(t / L);
    while (k < seg->n) {
        double end = (double)(k + 1) * L;
        double m = seg->mult[k];
        double mass = m * sim_nhpp_expected(p, t, end);
        if (mass >= e && m > 0) {
            /* the event falls inside this segment: invert the profile
             * with the scaled draw, which lands before `end` */
            double s = invert(p, t, e / m);
            return s < end ? s : nextafter(end, 0);
        }
        e -= mass;
        t = end;
        k++;
    }
    return invert(p, t, e);
}
