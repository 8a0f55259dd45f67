/* analytic.c - Erlang C per station and hour block (analytic.h). */
#include "analytic.h"

#include "mmc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WEEK_H 168
#define YEAR_MIN (365.25 * 1440.0) /* as the world counts a year */
#define SQRT_PI 1.7724538509055160273

/* Mean right-angle distance, km, from (sx, sy) to a uniform point of beat
 * b (a disc is taken as the square of its area). */
static double mean_l1(const city_beat *b, double sx, double sy)
{
    double h = b->shape == SHAPE_DISC ? b->half * SQRT_PI / 2 : b->half;
    double dx = fabs(b->x - sx), dy = fabs(b->y - sy);
    double ex = h > 0 && dx < h ? (dx * dx + h * h) / (2 * h) : dx;
    double ey = h > 0 && dy < h ? (dy * dy + h * h) / (2 * h) : dy;
    return ex + ey;
}

void analytic_officer_samples(const scenario *s, const roster *r, size_t i, const int *cell_of,
                              int per_unit, double *cells)
{
    const roster_officer *o = &r->officers[i];
    const officer_group *g = &s->groups[o->group];
    double present = 1 - r->plan[o->group].missed;
    for (int h = 0; h < WEEK_H * ANALYTIC_SAMPLE_WEEKS; h++)
        if (roster_on_duty(o, h * 60.0 + 30))
            cells[cell_of[h % WEEK_H]] +=
                per_unit ? present / (g->crew[h % 24] >= 1 ? g->crew[h % 24] : 1) : present;
}

void analytic_demand_free(analytic_demand *d)
{
    free(d->lambda);
    free(d->work_min);
    free(d->other_units);
    free(d->today);
    free(d->beat_first);
    free(d->beat_share);
    free(d->beat_travel);
    memset(d, 0, sizeof *d);
}

int analytic_demand_init(analytic_demand *d, const scenario *s, const city *c,
                         const roster *r, int group)
{
    memset(d, 0, sizeof *d);
    const staffing_params *sp = &s->staffing;
    size_t S = c->nstations, K = (size_t)staffing_cells(sp), SK = S * K;
    d->nstations = S;
    d->ncells = (int)K;
    d->delay_min = s->dispatch.delay_min;
    d->lambda = calloc(SK * ANALYTIC_PRIORITIES + 1, sizeof *d->lambda);
    d->work_min = calloc(SK + 1, sizeof *d->work_min);
    d->other_units = calloc(SK + 1, sizeof *d->other_units);
    d->today = calloc(SK + 1, sizeof *d->today);
    d->beat_first = calloc(S + 1, sizeof *d->beat_first);
    d->beat_share = calloc(c->nbeats + 1, sizeof *d->beat_share);
    d->beat_travel = calloc(c->nbeats + 1, sizeof *d->beat_travel);
    if (!d->lambda || !d->work_min || !d->other_units || !d->today || !d->beat_first || !d->beat_share ||
        !d->beat_travel) {
        analytic_demand_free(d);
        return -1;
    }
    /* each type's mean profile weight over each cell's hours */
    int hours[7 * STAFF_BLOCKS_MAX] = {0}, cell_of[WEEK_H];
    for (int h = 0; h < WEEK_H; h++)
        hours[cell_of[h] = staffing_cell_of_hour(sp, h)]++;
    const officer_group *pg = &s->groups[group];
    for (int h = 0; h < WEEK_H; h++)
        d->crew[cell_of[h]] += pg->crew[h % 24] >= 1 ? pg->crew[h % 24] : 1;
    for (size_t k = 0; k < K; k++)
        d->crew[k] = hours[k] ? d->crew[k] / hours[k] : 1;

    double prof[SCENARIO_TYPES_MAX][7 * STAFF_BLOCKS_MAX];
    for (int t = 0; t < s->ntypes; t++) {
        const incident_type *ty = &s->types[t];
        double hm = 0, dm = 0;
        for (int h = 0; h < 24; h++)
            hm += ty->hour_profile[h] / 24;
        for (int w = 0; w < 7; w++)
            dm += ty->dow_profile[w] / 7;
        memset(prof[t], 0, sizeof prof[t]);
        for (int h = 0; h < WEEK_H; h++)
            prof[t][cell_of[h]] +=
                ty->hour_profile[h % 24] / hm * ty->dow_profile[h / 24] / dm;
        for (size_t k = 0; k < K; k++)
            prof[t][k] = hours[k] ? prof[t][k] / hours[k] : 0;
    }

    /* beats grouped by station, their calls and travel */
    size_t at = 0;
    for (size_t j = 0; j < S; j++) {
        const city_station *st = &c->stations[j];
        d->beat_first[j] = at;
        double total = 0;
        for (size_t q = 0; q < st->nbeats; q++, at++) {
            const city_beat *b = &c->beats[c->beat_index[st->first_beat + q]];
            double km = mean_l1(b, st->x, st->y);
            double travel = s->dispatch.detour * km / s->land[b->land].speed_kmh * 60;
            d->beat_travel[at] = travel;
            for (int t = 0; t < s->ntypes; t++) {
                const incident_type *ty = &s->types[t];
                double car = 1 - (ty->phone_share > 0 ? ty->phone_share : 0) -
                             (ty->divert_share > 0 ? ty->divert_share : 0);
                double rate = ty->rate_per_1000_year / 1000.0 / YEAR_MIN * b->residents *
                              ty->land_mult[b->land] * (car > 0 ? car : 0);
                double work = ty->units * (travel + ty->scene_mean_min) + ty->followup_h * 60;
                d->beat_share[at] += rate;
                total += rate;
                for (size_t k = 0; k < K; k++) {
                    double l = rate * prof[t][k];
                    d->lambda[(j * K + k) * ANALYTIC_PRIORITIES + (size_t)ty->priority - 1] += l;
                    d->work_min[j * K + k] += l * work;
                }
            }
        }
        for (size_t q = d->beat_first[j]; q < at; q++)
            d->beat_share[q] = total > 0 ? d->beat_share[q] / total : 0;
        for (size_t k = 0; k < K; k++) {
            const double *l = &d->lambda[(j * K + k) * ANALYTIC_PRIORITIES];
            double sum = l[0] + l[1] + l[2];
            d->work_min[j * K + k] = sum > 0 ? d->work_min[j * K + k] / sum : 0;
        }
    }
    d->beat_first[S] = at;

    /* on duty, absences allowed for: the planned group's officers, and the
       other groups' units */
    for (size_t i = 0; i < r->n; i++) {
        const roster_officer *o = &r->officers[i];
        const officer_group *g = &s->groups[o->group];
        int mine = o->group == group;
        if (!mine && (g->auxiliary || g->role == ROLE_PATROL))
            continue;
        analytic_officer_samples(s, r, i, cell_of, !mine,
                                 (mine ? d->today : d->other_units) + (size_t)o->station * K);
    }
    for (size_t i = 0; i < SK; i++) {
        int n = ANALYTIC_SAMPLE_WEEKS * hours[i % K]; /* the cell's samples */
        d->today[i] /= n ? n : 1;
        d->other_units[i] /= n ? n : 1;
    }
    return 0;
}

void analytic_eval(const analytic_demand *d, size_t j, int k, double planned,
                   analytic_cell *out)
{
    size_t at = j * (size_t)d->ncells + (size_t)k;
    const double *l = &d->lambda[at * ANALYTIC_PRIORITIES];
    double lambda = l[0] + l[1] + l[2], w = d->work_min[at];
    double c = planned / d->crew[k] + d->other_units[at];
    c = c > 0 ? c : 0; /* a planned count below -(other units' officers) */
    memset(out, 0, sizeof *out);
    out->lambda = lambda;
    out->servers = c;
    double travel = 0;
    for (size_t q = d->beat_first[j]; q < d->beat_first[j + 1]; q++)
        travel += d->beat_share[q] * d->beat_travel[q];
    if (!(lambda > 0) || !(w > 0)) { /* nothing to serve */
        for (int p = 0; p < ANALYTIC_PRIORITIES; p++)
            out->response_mean_min[p] = d->delay_min + travel;
        return;
    }
    double a = lambda * w;
    out->util = c > 0 ? fmin(1, a / c) : 1;
    /* Erlang C needs whole servers: a fractional c is interpolated
       between floor and ceiling (the other groups' mean strength) */
    unsigned lo = (unsigned)floor(c), hi = lo + 1;
    double f = c - lo, pw = 0, sat = 0;
    for (int side = 0; side < 2; side++) {
        unsigned n = side ? hi : lo;
        double wt = side ? f : 1 - f;
        if (!(wt > 0))
            continue;
        mmc_theory th;
        if (n == 0 || mmc_erlang_c(n, lambda, 1 / w, &th) != 0)
            sat += wt;
        else
            pw += wt * th.p_wait;
    }
    if (sat > 0) {
        out->p_wait = 1;
        for (int p = 0; p < ANALYTIC_PRIORITIES; p++)
            out->wait_mean_min[p] = out->response_mean_min[p] = INFINITY;
        return;
    }
    out->p_wait = pw;
    double cmu = c / w, s_prev = 0;
    for (int p = 0; p < ANALYTIC_PRIORITIES; p++) {
        double s_now = s_prev + l[p] / cmu;
        out->wait_mean_min[p] = s_now < 1 ? pw / (cmu * (1 - s_prev) * (1 - s_now)) : INFINITY;
        out->response_mean_min[p] = d->delay_min + travel + out->wait_mean_min[p];
        s_prev = s_now;
    }
}

double analytic_within(const analytic_demand *d, size_t j, const analytic_cell *a, int p,
                       double T)
{
    double W = a->wait_mean_min[p - 1], C = a->p_wait, share = 0;
    for (size_t q = d->beat_first[j]; q < d->beat_first[j + 1]; q++) {
        double t = T - d->delay_min - d->beat_travel[q];
        double within = t < 0                  ? 0
                        : !isfinite(W)         ? 0
                        : C > 0 && W > 0       ? 1 - C * exp(-t * C / W)
                                               : 1;
        share += d->beat_share[q] * within;
    }
    return d->beat_first[j + 1] > d->beat_first[j] ? share : 1;
}

int analytic_meets(const analytic_demand *d, size_t j, const analytic_cell *a,
                   const staff_target *t)
{
    switch (t->measure) {
    case MEASURE_WITHIN:
        return !(a->lambda > 0) || analytic_within(d, j, a, t->priority, t->max) >= t->share;
    case MEASURE_MEAN:
        return !(a->lambda > 0) || a->response_mean_min[t->priority - 1] <= t->max;
    case MEASURE_PWAIT:
        return a->p_wait <= t->max;
    case MEASURE_UTIL:
        return a->util <= t->max;
    case MEASURE_GAP:
    case MEASURE_N:
        break;
    }
    return 1;
}

int analytic_fewest(const analytic_demand *d, size_t j, int k, const staff_target *t, int nt,
                    int lo, int hi)
{
    for (int n = lo; n <= hi; n++) {
        analytic_cell a;
        analytic_eval(d, j, k, n, &a);
        int ok = 1;
        for (int i = 0; i < nt && ok; i++)
            ok = analytic_meets(d, j, &a, &t[i]);
        if (ok)
            return n;
    }
    /* beyond the cap: met by some count, or by none (response bound by
       the delay and travel, or by units that are not the group's) */
    analytic_cell a;
    analytic_eval(d, j, k, 1e6, &a);
    int ok = 1;
    for (int i = 0; i < nt && ok; i++)
        ok = analytic_meets(d, j, &a, &t[i]);
    return ok ? hi + 1 : -1;
}
