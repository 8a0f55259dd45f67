/* sim_gsa.c - global sensitivity analysis: Morris and Sobol' designs and
 * their indices with bootstrap intervals (see sim_gsa.h). */
#include "sim_gsa.h"

#include "sim_rng.h"

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Stream ids of the two random choices, apart from any model's. */
#define STREAM_DESIGN UINT64_C(0x6773610000000001)
#define STREAM_BOOT UINT64_C(0x6773610000000002)

void sim_gsa_free(sim_gsa *d)
{
    free(d->u);
    free(d->moved);
    memset(d, 0, sizeof *d);
}

/* Morris: r trajectories on the grid of p levels. */
static int morris_design(sim_gsa *d, int p, gsl_rng *g)
{
    size_t k = d->k, r = d->n;
    int *lev = malloc(k * sizeof *lev);
    if (!lev)
        return -1;
    for (size_t t = 0; t < r; t++) {
        size_t *order = d->moved + t * k;
        for (size_t i = 0; i < k; i++) {
            lev[i] = (int)gsl_rng_uniform_int(g, (unsigned long)p);
            order[i] = i;
        }
        gsl_ran_shuffle(g, order, k, sizeof *order);
        double *x = d->u + t * (k + 1) * k;
        for (size_t s = 0; s <= k; s++) {
            if (s > 0) { /* Delta is p/2 grid steps: up from the lower half */
                size_t i = order[s - 1];
                lev[i] += lev[i] < p / 2 ? p / 2 : -(p / 2);
            }
            for (size_t i = 0; i < k; i++)
                x[s * k + i] = (double)lev[i] / (p - 1);
        }
    }
    free(lev);
    return 0;
}

/* Sobol': rows of A and B (2k columns of cols[j * 2k + c]), then the
 * points A, B, A_B^1 .. A_B^k of every row. */
static void sobol_points(sim_gsa *d, const double *cols)
{
    size_t k = d->k;
    for (size_t j = 0; j < d->n; j++) {
        const double *a = cols + j * 2 * k, *b = a + k;
        double *q = d->u + j * (k + 2) * k;
        memcpy(q, a, k * sizeof *q);
        memcpy(q + k, b, k * sizeof *q);
        for (size_t i = 0; i < k; i++) {
            memcpy(q + (2 + i) * k, a, k * sizeof *q);
            q[(2 + i) * k + i] = b[i];
        }
    }
}

static int sobol_design(sim_gsa *d, sim_gsa_sampling sampling, gsl_rng *g)
{
    size_t k = d->k, N = d->n, dim = 2 * k;
    double *cols = malloc(N * dim * sizeof *cols);
    if (!cols)
        return -1;
    if (sampling == SIM_GSA_QRNG) {
        gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)dim);
        if (!q) {
            free(cols);
            return -1;
        }
        gsl_qrng_get(q, cols); /* the first point, all zeros: skipped */
        for (size_t j = 0; j < N; j++)
            gsl_qrng_get(q, cols + j * dim);
        gsl_qrng_free(q);
    } else {
        size_t *perm = malloc(N * sizeof *perm);
        if (!perm) {
            free(cols);
            return -1;
        }
        for (size_t c = 0; c < dim; c++) {
            for (size_t j = 0; j < N; j++)
                perm[j] = j;
            gsl_ran_shuffle(g, perm, N, sizeof *perm);
            for (size_t j = 0; j < N; j++)
                cols[j * dim + c] = ((double)perm[j] + gsl_rng_uniform(g)) / (double)N;
        }
        free(perm);
    }
    sobol_points(d, cols);
    free(cols);
    return 0;
}

int sim_gsa_design(sim_gsa *d, sim_gsa_method m, size_t k, size_t n, int levels,
                   sim_gsa_sampling sampling, uint64_t seed)
{
    memset(d, 0, sizeof *d);
    if (k < 1 || k > SIM_GSA_FACTORS_MAX || n < 2 || n > 1000000 ||
        (m == SIM_GSA_MORRIS && (levels < 2 || levels > 1000 || levels % 2)) ||
        (m != SIM_GSA_MORRIS && m != SIM_GSA_SOBOL) ||
        (m == SIM_GSA_SOBOL && sampling != SIM_GSA_QRNG && sampling != SIM_GSA_LHS))
        return -1;
    d->method = m;
    d->k = k;
    d->n = n;
    d->npoints = m == SIM_GSA_MORRIS ? n * (k + 1) : n * (k + 2);
    d->u = malloc(d->npoints * k * sizeof *d->u);
    if (m == SIM_GSA_MORRIS)
        d->moved = malloc(n * k * sizeof *d->moved);
    gsl_rng *g = sim_rng_stream(seed, 0, STREAM_DESIGN);
    int rc = -1;
    if (d->u && g && (m != SIM_GSA_MORRIS || d->moved))
        rc = m == SIM_GSA_MORRIS ? morris_design(d, levels, g) : sobol_design(d, sampling, g);
    if (g)
        gsl_rng_free(g);
    if (rc != 0)
        sim_gsa_free(d);
    return rc;
}

double sim_gsa_value(sim_gsa_dist dist, double lo, double hi, double mode, double u)
{
    switch (dist) {
    case SIM_GSA_LOGUNIFORM:
        return u >= 1 ? hi : exp(log(lo) + u * (log(hi) - log(lo)));
    case SIM_GSA_TRIANGULAR: {
        double w = hi - lo, fc = w > 0 ? (mode - lo) / w : 0;
        return u < fc ? lo + sqrt(u * w * (mode - lo)) : hi - sqrt((1 - u) * w * (hi - mode));
    }
    case SIM_GSA_UNIFORM:
        break;
    }
    return u >= 1 ? hi : lo + u * (hi - lo);
}

/* ---- indices ------------------------------------------------------------ */

/* The estimates of every factor from the units (trajectories or rows)
 * pick[0 .. m), into est[i * SIM_GSA_INDICES + c]. */
static void estimate(const sim_gsa *d, const double *y, const double *ee, const size_t *pick,
                     size_t m, double *est)
{
    size_t k = d->k;
    if (d->method == SIM_GSA_MORRIS) {
        for (size_t i = 0; i < k; i++) {
            double sa = 0, s = 0, ss = 0;
            for (size_t t = 0; t < m; t++) {
                double e = ee[pick[t] * k + i];
                sa += fabs(e);
                s += e;
                ss += e * e;
            }
            double mean = s / (double)m, var = (ss - s * mean) / (double)(m - 1);
            est[i * SIM_GSA_INDICES + 0] = sa / (double)m;
            est[i * SIM_GSA_INDICES + 1] = mean;
            est[i * SIM_GSA_INDICES + 2] = sqrt(var > 0 ? var : 0);
        }
        return;
    }
    /* V over the 2m outputs of A and B (divisor 2m - 1) */
    double s = 0, ss = 0;
    for (size_t t = 0; t < m; t++) {
        const double *r = y + pick[t] * (k + 2);
        s += r[0] + r[1];
        ss += r[0] * r[0] + r[1] * r[1];
    }
    double mean = s / (double)(2 * m), V = (ss - s * mean) / (double)(2 * m - 1);
    for (size_t i = 0; i < k; i++) {
        double vi = 0, vt = 0;
        for (size_t t = 0; t < m; t++) {
            const double *r = y + pick[t] * (k + 2);
            double fa = r[0], fb = r[1], fab = r[2 + i];
            vi += fb * (fab - fa);
            vt += (fa - fab) * (fa - fab);
        }
        int ok = V > 0 && isfinite(V);
        est[i * SIM_GSA_INDICES + 0] = ok ? vi / (double)m / V : NAN;
        est[i * SIM_GSA_INDICES + 1] = ok ? vt / (2.0 * (double)m) / V : NAN;
        est[i * SIM_GSA_INDICES + 2] = NAN;
    }
}

int sim_gsa_indices(const sim_gsa *d, const double *y, size_t nboot, uint64_t seed,
                    sim_gsa_factor *out)
{
    size_t k = d->k, m = d->n, C = SIM_GSA_INDICES;
    for (size_t q = 0; q < d->npoints; q++)
        if (!isfinite(y[q]))
            return -1;
    double *ee = NULL, *est = malloc(k * C * sizeof *est),
           *boot = malloc((nboot ? nboot : 1) * k * C * sizeof *boot),
           *col = malloc((nboot ? nboot : 1) * sizeof *col);
    size_t *pick = malloc(m * sizeof *pick);
    gsl_rng *g = nboot ? sim_rng_stream(seed, 0, STREAM_BOOT) : NULL;
    int rc = -1;
    if (!est || !boot || !col || !pick || (nboot && !g))
        goto done;
    if (d->method == SIM_GSA_MORRIS) { /* elementary effects by trajectory */
        if (!(ee = malloc(m * k * sizeof *ee)))
            goto done;
        for (size_t t = 0; t < m; t++)
            for (size_t s = 1; s <= k; s++) {
                size_t i = d->moved[t * k + s - 1], q = t * (k + 1) + s;
                double step = d->u[q * k + i] - d->u[(q - 1) * k + i];
                ee[t * k + i] = (y[q] - y[q - 1]) / step;
            }
    }
    for (size_t t = 0; t < m; t++)
        pick[t] = t;
    estimate(d, y, ee, pick, m, est);
    for (size_t b = 0; b < nboot; b++) {
        for (size_t t = 0; t < m; t++)
            pick[t] = (size_t)gsl_rng_uniform_int(g, (unsigned long)m);
        estimate(d, y, ee, pick, m, boot + b * k * C);
    }
    for (size_t i = 0; i < k; i++)
        for (size_t c = 0; c < C; c++) {
            sim_gsa_index *x = &out[i].idx[c];
            x->est = est[i * C + c];
            x->lo = x->hi = NAN;
            if (!nboot || isnan(x->est))
                continue;
            size_t nb = 0;
            for (size_t b = 0; b < nboot; b++)
                if (!isnan(boot[(b * k + i) * C + c]))
                    col[nb++] = boot[(b * k + i) * C + c];
            if (nb < 2)
                continue;
            gsl_sort(col, 1, nb);
            x->lo = gsl_stats_quantile_from_sorted_data(col, 1, nb, 0.025);
            x->hi = gsl_stats_quantile_from_sorted_data(col, 1, nb, 0.975);
        }
    rc = 0;
done:
    if (g)
        gsl_rng_free(g);
    free(ee);
    free(est);
    free(boot);
    free(col);
    free(pick);
    return rc;
}
