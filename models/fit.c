/* fit.c - the estimators of `beatsim fit` (fit.h).
 *
 * Rates per beat: empirical Bayes, gamma-Poisson, with the prior's mean
 * and variance by the method of moments (Marshall, "Mapping disease and
 * mortality rates using empirical Bayes estimators", Applied Statistics
 * 40 (1991) 283-294, eqs. 3-5; Clayton and Kaldor, Biometrics 43 (1987)
 * 671-681). Two levels: each station's rate per beat is shrunk toward the
 * city's, then each beat's toward its station's:
 *     theta = mu + w (r - mu),   w = V / (V + mu / E)
 * with r the raw rate (calls / days), E the exposure (days; beats x days
 * for a station), mu the prior mean (city mean for stations, the shrunk
 * station rate for beats) and V = max(0, s^2 - mean(mu) / mean(E)) the
 * prior variance, s^2 the exposure-weighted variance of r about mu.
 *
 * Day factor: the model's daily count is Poisson given a gamma factor of
 * mean 1 and variance v common to the city (docs/model.md "Day factor"),
 * so Var N_d = m_d + v m_d^2. With m_d the mean of the days of the same
 * weekday (n_w of them; (n_w - 1) / n_w corrects the squared deviations
 * for the fitted mean), v = sum[(N_d - m_d)^2 n_w / (n_w - 1) - m_d] /
 * sum m_d^2, at least 0. */
#include "fit.h"

#include <ctype.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void make_name(const char *s, char out[SCENARIO_NAME_MAX])
{
    size_t n = 0;
    int under = 0;
    if (!isalpha((unsigned char)*s)) {
        memcpy(out, "t_", 2);
        n = 2;
        under = 1;
    }
    for (; *s && n < 40; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) && c < 128) {
            out[n++] = (char)tolower(c);
            under = 0;
        } else if (!under && n > 0) {
            out[n++] = '_';
            under = 1;
        }
    }
    while (n > 1 && out[n - 1] == '_')
        n--;
    if (n == 0)
        out[n++] = 't';
    out[n] = '\0';
}

fit_gof fit_chisq(const double *obs, const double *exp, size_t n, int params)
{
    fit_gof g = {0, 0, 1};
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        if (exp[i] > 0) {
            double d = obs[i] - exp[i];
            g.chi2 += d * d / exp[i];
            used++;
        }
    g.df = (int)used - 1 - params;
    if (g.df < 1)
        g.df = 1;
    g.p = gsl_cdf_chisq_Q(g.chi2, g.df);
    return g;
}

typedef struct ranked {
    long count;   /* rows of the log type */
    size_t index; /* the log type */
} ranked;

/* More rows first, then first seen first. */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The quantile q of sorted v[0..n) by linear interpolation (type 7). */
static double quantile(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t i = (size_t)floor(h);
    return i + 1 < n ? v[i] + (h - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

/* Model types of the log types; returns the count, or 0 when out of memory. */
static size_t assign_types(fit_result *r, const csvlog *log)
{
    size_t nt = log->types.n;
    ranked *order = malloc((nt ? nt : 1) * sizeof *order);
    if (!order || !(r->type_of = malloc((nt ? nt : 1) * sizeof *r->type_of))) {
        free(order);
        return 0;
    }
    for (size_t i = 0; i < nt; i++)
        order[i] = (ranked){log->types.count[i], i};
    qsort(order, nt, sizeof *order, cmp_ranked);
    size_t keep = nt <= SCENARIO_TYPES_MAX ? nt : SCENARIO_TYPES_MAX - 1;
    char names[SCENARIO_TYPES_MAX][SCENARIO_NAME_MAX];
    size_t nm = 0;
    for (size_t j = 0; j < nt; j++) {
        char name[SCENARIO_NAME_MAX];
        if (j < keep)
            make_name(log->types.name[order[j].index], name);
        else
            strcpy(name, "other");
        size_t k = 0;
        while (k < nm && strcmp(names[k], name))
            k++;
        if (k == nm)
            strcpy(names[nm++], name);
        r->type_of[order[j].index] = (int)k;
    }
    free(order);
    r->types = calloc(nm, sizeof *r->types);
    if (!r->types)
        return 0;
    for (size_t k = 0; k < nm; k++)
        strcpy(r->types[k].name, names[k]);
    return nm;
}

/* Empirical-Bayes beat rates of type t (see the top of the file). */
static int shrink_beats(fit_result *r, fit_type *t, const csvlog *log)
{
    size_t nb = r->nbeats, ns = log->stations.n;
    double E = (double)r->ndays;
    double *st_n = calloc(ns, sizeof *st_n), *st_b = calloc(ns, sizeof *st_b),
           *st_mu = calloc(ns, sizeof *st_mu);
    if (!st_n || !st_b || !st_mu) {
        free(st_n), free(st_b), free(st_mu);
        return -1;
    }
    double total = 0;
    for (size_t b = 0; b < nb; b++) {
        st_n[log->beat_station[b]] += t->beat_obs[b];
        st_b[log->beat_station[b]] += 1;
        total += t->beat_obs[b];
    }
    double m = total / (E * (double)nb); /* city rate per beat-day */
    /* station level: exposure e_s = beats x days */
    double s2 = 0, esum = 0, nst = 0;
    for (size_t s = 0; s < ns; s++)
        if (st_b[s] > 0) {
            double e = st_b[s] * E, rs = st_n[s] / e;
            s2 += e * (rs - m) * (rs - m);
            esum += e;
            nst++;
        }
    s2 /= esum;
    double V = nst > 1 ? fmax(0, s2 - m / (esum / nst)) : 0;
    for (size_t s = 0; s < ns; s++)
        if (st_b[s] > 0) {
            double e = st_b[s] * E, rs = st_n[s] / e;
            double w = V + m / e > 0 ? V / (V + m / e) : 0;
            st_mu[s] = m + w * (rs - m);
        }
    /* beat level: about the shrunk station rates */
    double b2 = 0, musum = 0;
    for (size_t b = 0; b < nb; b++) {
        double mu = st_mu[log->beat_station[b]], rb = t->beat_obs[b] / E;
        b2 += (rb - mu) * (rb - mu);
        musum += mu;
    }
    b2 /= (double)nb;
    double v = nb > nst ? fmax(0, b2 * (double)nb / (double)(nb - (size_t)nst) - musum / nb / E)
                        : 0;
    for (size_t b = 0; b < nb; b++) {
        double mu = st_mu[log->beat_station[b]], rb = t->beat_obs[b] / E;
        double w = v + mu / E > 0 ? v / (v + mu / E) : 0;
        t->beat_rate[b] = mu + w * (rb - mu);
    }
    free(st_n), free(st_b), free(st_mu);
    return 0;
}

/* Weights of n bins of counts c over exposures e, mean 1 over the bins
 * (all 1 when no calls). */
static void weights(const double *c, const double *e, size_t n, double *w)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = e[i] > 0 ? c[i] / e[i] : 0;
        sum += w[i];
    }
    for (size_t i = 0; i < n; i++)
        w[i] = sum > 0 ? w[i] * (double)n / sum : 1;
}

/* Circular [1 2 1] / 4 smoothing of n bins, in place. */
static void smooth(double *w, size_t n)
{
    double first = w[0], prev = w[n - 1];
    for (size_t i = 0; i < n; i++) {
        double next = i + 1 < n ? w[i + 1] : first, cur = w[i];
        w[i] = (prev + 2 * cur + next) / 4;
        prev = cur;
    }
}

static int fit_type_one(fit_result *r, fit_type *t, const csvlog *cl, const double *scene,
                        const double *week_e)
{
    double D = (double)r->ndays;
    t->calls_per_day = (double)t->n / D;
    /* hour of day over D days, weekday over its days */
    double hc[24] = {0}, he[24], dc[7] = {0}, de[7];
    for (int h = 0; h < FIT_WEEK; h++) {
        hc[h % 24] += t->week_obs[h];
        dc[h / 24] += t->week_obs[h];
    }
    for (int h = 0; h < 24; h++)
        he[h] = D;
    for (int d = 0; d < 7; d++)
        de[d] = (double)r->days_w[d];
    weights(hc, he, 24, t->hour);
    smooth(t->hour, 24);
    weights(dc, de, 7, t->dow);
    /* expected by hour of week under hour x weekday: total n */
    double z = 0;
    for (int h = 0; h < FIT_WEEK; h++)
        z += t->hour[h % 24] * t->dow[h / 24] * week_e[h];
    for (int h = 0; h < FIT_WEEK; h++)
        t->week_exp_sep[h] = z > 0 ? (double)t->n * t->hour[h % 24] * t->dow[h / 24] * week_e[h] / z
                                   : 0;
    t->separable = (double)t->n / FIT_WEEK < FIT_SPARSE_PER_BIN;
    if (t->separable) {
        for (int h = 0; h < FIT_WEEK; h++)
            t->week[h] = t->hour[h % 24] * t->dow[h / 24];
        double s = 0;
        for (int h = 0; h < FIT_WEEK; h++)
            s += t->week[h];
        for (int h = 0; h < FIT_WEEK; h++)
            t->week[h] *= FIT_WEEK / s;
    } else {
        weights(t->week_obs, week_e, FIT_WEEK, t->week);
        smooth(t->week, FIT_WEEK);
    }
    /* priority: the most frequent (ties to the more urgent) */
    long best = 0;
    for (int p = 0; p < CSVLOG_PRIORITY_MAX; p++)
        if (t->prio_n[p] > best) {
            best = t->prio_n[p];
            t->priority = p + 1;
        }
    /* on-scene: lognormal MLE, mu = mean ln x, sigma^2 = mean (ln x - mu)^2 */
    if (t->scene_n > 0) {
        double s = 0, ss = 0;
        for (long i = 0; i < t->scene_n; i++)
            s += log(scene[i]);
        t->scene_mu = s / (double)t->scene_n;
        for (long i = 0; i < t->scene_n; i++)
            ss += (log(scene[i]) - t->scene_mu) * (log(scene[i]) - t->scene_mu);
        t->scene_sigma = sqrt(ss / (double)t->scene_n);
        double s2 = t->scene_sigma * t->scene_sigma;
        t->scene_mean = exp(t->scene_mu + s2 / 2);
        t->scene_sd = t->scene_mean * sqrt(expm1(s2));
    }
    return shrink_beats(r, t, cl);
}

int fit_log(fit_result *r, const csvlog *log, FILE *err)
{
    memset(r, 0, sizeof *r);
    size_t nt = assign_types(r, log);
    if (!nt)
        goto oom;
    r->ntypes = nt;
    r->nbeats = log->beats.n;
    double tmin = INFINITY, tmax = -INFINITY;
    for (size_t i = 0; i < log->nrows; i++) {
        tmin = fmin(tmin, log->rows[i].t);
        tmax = fmax(tmax, log->rows[i].t);
    }
    r->first_day = (long)floor(tmin / 1440);
    r->ndays = (long)floor(tmax / 1440) - r->first_day + 1;
    for (long d = 0; d < r->ndays; d++)
        r->days_w[((r->first_day + d) % 7 + 7) % 7]++;
    r->months = log->calendar;
    if (r->months) {
        long origin = csvlog_days_from_civil(log->origin_year, log->origin_month, log->origin_day);
        for (long d = 0; d < r->ndays; d++) {
            int y, m, dd;
            csvlog_civil_from_days(origin + r->first_day + d, &y, &m, &dd);
            r->month_days[m - 1]++;
        }
    }
    double week_e[FIT_WEEK];
    for (int h = 0; h < FIT_WEEK; h++)
        week_e[h] = (double)r->days_w[h / 24];
    if (!(r->daily = calloc((size_t)r->ndays, sizeof *r->daily)) ||
        !(r->daily_exp = calloc((size_t)r->ndays, sizeof *r->daily_exp)))
        goto oom;
    for (size_t k = 0; k < nt; k++) {
        fit_type *t = &r->types[k];
        if (!(t->beat_obs = calloc(r->nbeats, sizeof *t->beat_obs)) ||
            !(t->beat_rate = calloc(r->nbeats, sizeof *t->beat_rate)) ||
            (r->months && !(t->month_obs = calloc(12, sizeof *t->month_obs))))
            goto oom;
    }
    /* one pass: counts; on-scene and arrival times gathered by type */
    size_t *scene_at = calloc(nt + 1, sizeof *scene_at);
    double *scene = malloc((log->nrows ? log->nrows : 1) * sizeof *scene);
    double *arr[CSVLOG_PRIORITY_MAX + 1] = {0};
    size_t narr[CSVLOG_PRIORITY_MAX + 1] = {0};
    int ok = scene_at && scene;
    for (int p = 0; ok && p <= CSVLOG_PRIORITY_MAX; p++)
        ok = (arr[p] = malloc((log->nrows ? log->nrows : 1) * sizeof *arr[p])) != NULL;
    if (!ok) {
        free(scene_at), free(scene);
        for (int p = 0; p <= CSVLOG_PRIORITY_MAX; p++)
            free(arr[p]);
        goto oom;
    }
    for (size_t i = 0; i < log->nrows; i++) {
        const csvlog_row *w = &log->rows[i];
        fit_type *t = &r->types[r->type_of[w->type]];
        t->n++;
        long minute = (long)floor(w->t);
        int how = (int)(((minute / 60) % FIT_WEEK + FIT_WEEK) % FIT_WEEK);
        t->week_obs[how]++;
        t->beat_obs[w->beat]++;
        r->daily[(long)floor(w->t / 1440) - r->first_day]++;
        if (w->priority >= 1)
            t->prio_n[w->priority - 1]++;
        if (t->month_obs && w->month >= 0)
            t->month_obs[w->month]++;
        if (w->scene_min > 0)
            scene_at[r->type_of[w->type] + 1]++;
        if (w->arrive_min >= 0) {
            arr[0][narr[0]++] = w->arrive_min;
            if (w->priority >= 1)
                arr[w->priority][narr[w->priority]++] = w->arrive_min;
        }
    }
    for (size_t k = 0; k < nt; k++)
        scene_at[k + 1] += scene_at[k];
    for (size_t i = 0; i < log->nrows; i++) {
        const csvlog_row *w = &log->rows[i];
        if (w->scene_min > 0)
            scene[scene_at[r->type_of[w->type]]++] = w->scene_min;
    }
    /* scene_at[k] now ends type k's run; its start is scene_at[k - 1] */
    int rc = 0;
    for (size_t k = 0; k < nt && !rc; k++) {
        size_t start = k ? scene_at[k - 1] : 0;
        r->types[k].scene_n = (long)(scene_at[k] - start);
        rc = fit_type_one(r, &r->types[k], log, scene + start, week_e);
    }
    for (int p = 0; p <= CSVLOG_PRIORITY_MAX; p++) {
        fit_arrival *a = &r->arrival[p];
        if ((a->n = (long)narr[p]) > 0) {
            qsort(arr[p], narr[p], sizeof *arr[p], cmp_double);
            double s = 0;
            for (size_t i = 0; i < narr[p]; i++)
                s += arr[p][i];
            a->mean = s / (double)narr[p];
            a->median = quantile(arr[p], narr[p], 0.5);
            a->p90 = quantile(arr[p], narr[p], 0.9);
        }
        free(arr[p]);
    }
    free(scene_at);
    free(scene);
    if (rc)
        goto oom;
    /* day factor, after the weekday effect */
    double wsum[7] = {0};
    for (long d = 0; d < r->ndays; d++)
        wsum[((r->first_day + d) % 7 + 7) % 7] += r->daily[d];
    double num = 0, den = 0;
    for (long d = 0; d < r->ndays; d++) {
        int w = (int)(((r->first_day + d) % 7 + 7) % 7);
        double nw = (double)r->days_w[w], m = wsum[w] / nw;
        r->daily_exp[d] = m;
        if (nw < 2)
            continue;
        double dev = r->daily[d] - m;
        num += dev * dev * nw / (nw - 1) - m;
        den += m * m;
    }
    r->day_factor_variance = den > 0 && num > 0 ? num / den : 0;
    return 0;
oom:
    fprintf(err, "beatsim: fit: out of memory\n");
    fit_free(r);
    return 1;
}

void fit_free(fit_result *r)
{
    for (size_t k = 0; r->types && k < r->ntypes; k++) {
        free(r->types[k].beat_obs);
        free(r->types[k].beat_rate);
        free(r->types[k].month_obs);
    }
    free(r->types);
    free(r->daily);
    free(r->daily_exp);
    free(r->type_of);
    memset(r, 0, sizeof *r);
}
