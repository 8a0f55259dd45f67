/* cube.c - Larson's hypercube model of a scenario's stations (cube.h). */
#include "cube.h"

#include "hypercube.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEEK_H 168

const char *const cube_status_names[] = {"solved",   "no_units", "no_calls",
                                         "too_many", "unstable", "failed"};

/* A base of a station: where some of its units start (the station, or a
 * beat officer's beat), with its mean units on duty per cell. */
typedef struct base {
    int beat;      /* city beat index, or -1: station-based */
    double x, y;   /* km */
    double *units; /* [ncells] */
} base;

/* Sorting units by distance to one beat, ties by index. */
typedef struct ranked {
    double d;
    int unit;
} ranked;

static int by_distance(const void *a, const void *b)
{
    const ranked *p = a, *q = b;
    if (p->d != q->d)
        return p->d < q->d ? -1 : 1;
    return (p->unit > q->unit) - (p->unit < q->unit);
}

/* The station's bases (station-based first, then its beats in city order)
 * with their mean units per cell, from the roster. Returns the number of
 * bases in *out (allocated), or -1 out of memory. */
static int station_bases(const scenario *s, const city *c, const roster *r, size_t j, int K,
                         base **out)
{
    const staffing_params *sp = &s->staffing;
    const city_station *st = &c->stations[j];
    int nb = 1 + (int)st->nbeats;
    base *b = calloc((size_t)nb, sizeof *b);
    double *u = calloc((size_t)nb * (size_t)K + 1, sizeof *u);
    if (!b || !u) {
        free(b);
        free(u);
        return -1;
    }
    b[0] = (base){-1, st->x, st->y, u};
    for (size_t q = 0; q < st->nbeats; q++) {
        int beat = (int)c->beat_index[st->first_beat + q];
        b[q + 1] = (base){beat, c->beats[beat].x, c->beats[beat].y, u + (q + 1) * (size_t)K};
    }
    int cell_of[WEEK_H];
    double hours[7 * STAFF_BLOCKS_MAX];
    for (int h = 0; h < WEEK_H; h++)
        cell_of[h] = staffing_cell_of_hour(sp, h);
    staffing_cell_hours(sp, hours);
    for (size_t i = 0; i < r->n; i++) {
        const roster_officer *o = &r->officers[i];
        const officer_group *g = &s->groups[o->group];
        if ((size_t)o->station != j || g->auxiliary || g->role == ROLE_PATROL)
            continue;
        int at = 0;
        if (g->role == ROLE_BEAT)
            while (at < nb && b[at].beat != o->beat)
                at++;
        if (at == nb)
            at = 0;
        if (at > 0) { /* a beat officer starts from the beat's office */
            b[at].x = o->base_x;
            b[at].y = o->base_y;
        }
        analytic_officer_samples(s, r, i, cell_of, 1, b[at].units);
    }
    for (int q = 0; q < nb; q++)
        for (int k = 0; k < K; k++)
            b[q].units[k] /= hours[k] > 0 ? ANALYTIC_SAMPLE_WEEKS * hours[k] : 1;
    *out = b;
    return nb;
}

/* Station j, cell k: the model of its bases *b (nb of them). */
static int solve_cell(const scenario *s, const city *c, const analytic_demand *d, size_t j,
                      int k, const base *b, int nb, int max_units, cube_cell *out)
{
    memset(out, 0, sizeof *out);
    out->own_beat = out->load_station = out->load_beat = NAN;
    out->p_wait = out->cross = out->load_min = out->load_max = NAN;
    int N = 0;
    for (int q = 0; q < nb; q++) {
        long n = lround(b[q].units[k]);
        N += (int)n;
        out->beat_units += q > 0 ? (int)n : 0;
    }
    out->units = N;
    size_t i = j * (size_t)d->ncells + (size_t)k;
    const double *l = &d->lambda[i * ANALYTIC_PRIORITIES];
    double lambda = l[0] + l[1] + l[2], w = d->work_min[i];
    if (N == 0) {
        out->status = CUBE_NO_UNITS;
        return 0;
    }
    if (!(lambda > 0) || !(w > 0)) {
        out->status = CUBE_NO_CALLS;
        return 0;
    }
    if (N > max_units || N > HYPERCUBE_UNITS_MAX) {
        out->status = CUBE_TOO_MANY;
        return 0;
    }
    if (lambda * w >= N) {
        out->status = CUBE_UNSTABLE;
        return 0;
    }
    /* the units, base by base, and the atoms: the station's beats */
    size_t b0 = d->beat_first[j];
    int J = (int)(d->beat_first[j + 1] - b0);
    int *unit_base = malloc((size_t)N * sizeof *unit_base);
    int *pref = malloc((size_t)J * (size_t)N * sizeof *pref + 1);
    double *rate = malloc((size_t)J * sizeof *rate + 1);
    ranked *rk = malloc((size_t)N * sizeof *rk);
    int rc = -1;
    if (!unit_base || !pref || !rate || !rk)
        goto out;
    for (int q = 0, n = 0; q < nb; q++)
        for (long m = lround(b[q].units[k]); m > 0; m--)
            unit_base[n++] = q;
    const city_station *st = &c->stations[j];
    for (int a = 0; a < J; a++) {
        int beat = (int)c->beat_index[st->first_beat + (size_t)a];
        const city_beat *cb = &c->beats[beat];
        rate[a] = lambda * d->beat_share[b0 + (size_t)a];
        for (int n = 0; n < N; n++) {
            const base *u = &b[unit_base[n]];
            double dx = u->x - cb->x, dy = u->y - cb->y;
            rk[n].d = s->dispatch.euclidean ? hypot(dx, dy) : fabs(dx) + fabs(dy);
            /* beat_first: the beat's own officers before anyone */
            if (s->dispatch.policy == DISPATCH_BEAT_FIRST && u->beat == beat)
                rk[n].d = -1;
            rk[n].unit = n;
        }
        qsort(rk, (size_t)N, sizeof *rk, by_distance);
        for (int n = 0; n < N; n++)
            pref[a * N + n] = rk[n].unit;
    }
    hypercube_params hp = {.units = N, .atoms = J, .lambda = rate, .pref = pref, .mu = 1 / w};
    hypercube_result hr;
    int hs = hypercube_solve(&hp, &hr);
    if (hs == -4)
        goto out;
    rc = 0;
    if (hs != 0) {
        out->status = hs == -2 ? CUBE_UNSTABLE : CUBE_FAILED;
        goto out;
    }
    out->status = CUBE_SOLVED;
    out->p_wait = hr.p_wait;
    double own = 0, calls = 0, cross = 0, ls = 0, lb = 0;
    int ns = 0;
    /* workloads by base (units of one base share their work, whatever
       order the model's lists give them) */
    out->load_min = INFINITY;
    out->load_max = -INFINITY;
    for (int q = 0, n = 0; q < nb; q++) {
        double sum = 0;
        int m = 0;
        for (; n < N && unit_base[n] == q; n++, m++)
            sum += hr.workload[n];
        if (!m)
            continue;
        out->load_min = fmin(out->load_min, sum / m);
        out->load_max = fmax(out->load_max, sum / m);
        if (q == 0)
            ls += sum, ns += m;
        else
            lb += sum;
    }
    out->load_station = ns ? ls / ns : NAN;
    out->load_beat = N > ns ? lb / (N - ns) : NAN;
    for (int a = 0; a < J; a++) {
        int beat = (int)c->beat_index[st->first_beat + (size_t)a];
        int first = unit_base[pref[a * N]];
        calls += rate[a];
        for (int n = 0; n < N; n++) {
            if (b[unit_base[n]].beat == beat && unit_base[n] > 0)
                own += rate[a] * hr.fraction[a * N + n];
            if (unit_base[n] != first)
                cross += rate[a] * hr.fraction[a * N + n];
        }
    }
    out->cross = calls > 0 ? cross / calls : NAN;
    out->own_beat = out->beat_units > 0 && calls > 0 ? own / calls : NAN;
    hypercube_result_free(&hr);
out:
    free(unit_base);
    free(pref);
    free(rate);
    free(rk);
    return rc;
}

int cube_solve(const scenario *s, const city *c, const roster *r, const analytic_demand *d,
               int max_units, cube_cell *out)
{
    int K = d->ncells;
    for (size_t j = 0; j < c->nstations; j++) {
        base *b;
        int nb = station_bases(s, c, r, j, K, &b);
        if (nb < 0)
            return -1;
        int rc = 0;
        for (int k = 0; k < K && rc == 0; k++)
            rc = solve_cell(s, c, d, j, k, b, nb, max_units, &out[j * (size_t)K + (size_t)k]);
        free(b[0].units);
        free(b);
        if (rc != 0)
            return -1;
    }
    return 0;
}
