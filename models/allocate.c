/* allocate.c - budget mode of beatsim staff (allocate.h). */
#include "allocate.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GAIN_MIN 1e-9  /* a fall per officer-hour below this is none */

double alloc_cell_erlang(const analytic_demand *d, const staffing_params *sp, size_t j, int k,
                         double planned, double hours)
{
    analytic_cell a;
    analytic_eval(d, j, k, planned, &a);
    const double *lam = &d->lambda[(j * (size_t)d->ncells + (size_t)k) * ANALYTIC_PRIORITIES];
    double obj = 0;
    for (int p = 0; p < ANALYTIC_PRIORITIES; p++) {
        double calls = lam[p] * 60 * hours; /* a week */
        if (!(calls > 0) || sp->weights[p] == 0)
            continue;
        double m = sp->objective == OBJECTIVE_WAIT
                       ? a.wait_mean_min[p]
                       : 1 - analytic_within(d, j, &a, p + 1, sp->objective_min);
        obj += sp->weights[p] * calls * m;
    }
    return obj;
}

double alloc_cell_sim(const staffing_params *sp, const world_cell *w, double weeks)
{
    double obj = 0;
    for (int p = 0; p < ANALYTIC_PRIORITIES; p++) {
        double m = sp->objective == OBJECTIVE_WAIT ? w->wait_sum[p]
                                                   : (double)(w->calls[p] - w->on_time[p]);
        obj += sp->weights[p] * m;
    }
    return weeks > 0 ? obj / weeks : NAN;
}

/* How far cell (j, k) with `planned` officers is over its units: load
 * minus servers when at least 0 with calls to serve (unstable), else -1. */
static double overload(const analytic_demand *d, size_t j, int k, double planned)
{
    analytic_cell a;
    analytic_eval(d, j, k, planned, &a);
    if (!(a.lambda > 0) || a.util < 1)
        return -1;
    double load = a.util * a.servers;
    return isfinite(load) ? load - a.servers : 1e300;
}

/* The fewest officers Erlang C can count in cell i: minus the officers
 * of the other groups' units (no server at all). */
static double floor_of(const analytic_demand *d, size_t i)
{
    return -d->other_units[i] * d->crew[i % (size_t)d->ncells];
}

/* Officers as Erlang C counts them in cell i: planned + the cell's
 * shift, at least floor_of. */
static double effective(const analytic_demand *d, const double *shift, size_t i, int planned)
{
    double e = planned + (shift ? shift[i] : 0), lo = floor_of(d, i);
    return e > lo ? e : lo;
}

double alloc_shift(const analytic_demand *d, const staffing_params *sp, size_t j, int k,
                   int planned, double hours, double sim)
{
    size_t i = j * (size_t)d->ncells + (size_t)k;
    double lo = floor_of(d, i) - planned, hi = sp->max_on_duty;
    if (!isfinite(sim))
        return lo;
    if (!(alloc_cell_erlang(d, sp, j, k, planned, hours) > 0))
        return 0; /* Erlang C sees nothing to gain there: nothing to correct */
    if (alloc_cell_erlang(d, sp, j, k, planned + lo, hours) <= sim)
        return lo;
    if (alloc_cell_erlang(d, sp, j, k, planned + hi, hours) >= sim)
        return hi;
    for (int it = 0; it < 60; it++) { /* Erlang C's objective falls with officers */
        double mid = 0.5 * (lo + hi);
        if (alloc_cell_erlang(d, sp, j, k, planned + mid, hours) > sim)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

double alloc_greedy(const analytic_demand *d, const staffing_params *sp, const double *shift,
                    double hours, int *plan)
{
    size_t S = d->nstations, K = (size_t)d->ncells, SK = S * K;
    double hk[7 * STAFF_BLOCKS_MAX];
    staffing_cell_hours(sp, hk);
    double left = hours - 168.0 * sp->min_on_duty * (double)S;
    if (left < -1e-9)
        return -1;
    double *cur = malloc(2 * (SK + 1) * sizeof *cur), *nxt = cur ? cur + SK + 1 : NULL;
    if (!cur)
        return -2;
    for (size_t i = 0; i < SK; i++) {
        size_t j = i / K;
        int k = (int)(i % K);
        plan[i] = sp->min_on_duty;
        cur[i] = alloc_cell_erlang(d, sp, j, k, effective(d, shift, i, plan[i]), hk[k]);
        nxt[i] = alloc_cell_erlang(d, sp, j, k, effective(d, shift, i, plan[i] + 1), hk[k]);
    }
    for (;;) {
        size_t best = SK;
        double best_over = -1, best_gain = GAIN_MIN;
        for (size_t i = 0; i < SK; i++) {
            size_t j = i / K;
            int k = (int)(i % K);
            if (plan[i] >= sp->max_on_duty || hk[k] > left + 1e-9)
                continue;
            double ov = overload(d, j, k, effective(d, shift, i, plan[i]));
            if (ov >= 0 || best_over >= 0) { /* unstable cells first */
                if (ov > best_over) {
                    best_over = ov;
                    best = i;
                }
                continue;
            }
            double gain = (cur[i] - nxt[i]) / hk[k];
            if (gain > best_gain) {
                best_gain = gain;
                best = i;
            }
        }
        if (best == SK)
            break;
        size_t j = best / K;
        int k = (int)(best % K);
        plan[best]++;
        left -= hk[k];
        cur[best] = nxt[best];
        nxt[best] = alloc_cell_erlang(d, sp, j, k, effective(d, shift, best, plan[best] + 1), hk[k]);
    }
    free(cur);
    return left > 0 ? left : 0;
}

double alloc_budget(const staffing_params *sp, double headcount_today)
{
    return (sp->budget > 0 ? sp->budget : headcount_today) + sp->budget_extra;
}

/* Mean and half-width of the 95 % interval of x[0 .. R). */
static void interval(const double *x, int R, double *mean, double *half)
{
    double m = 0, ss = 0;
    for (int r = 0; r < R; r++)
        m += x[r] / R;
    for (int r = 0; r < R; r++)
        ss += (x[r] - m) * (x[r] - m);
    *mean = m;
    *half = R > 1 ? gsl_cdf_tdist_Pinv(0.975, R - 1.0) * sqrt(ss / (R - 1.0) / R) : NAN;
}

/* Each replication's objective tot[r] and each cell's per week, summed
 * over the replications, into per[] (if not NULL). */
static void objectives(const staffing_params *sp, size_t SK, int R, double weeks,
                       const world_cell *cells, double *tot, double *per)
{
    if (per)
        for (size_t i = 0; i < SK; i++)
            per[i] = 0;
    for (int r = 0; r < R; r++) {
        tot[r] = 0;
        for (size_t i = 0; i < SK; i++) {
            double v = alloc_cell_sim(sp, &cells[(size_t)r * SK + i], weeks);
            tot[r] += v;
            if (per)
                per[i] += v / R;
        }
    }
}

int alloc_search(const scenario *s, const staff_opts *o, staff_result *out, FILE *err)
{
    const staffing_params *sp = &s->staffing;
    city c;
    roster r0;
    int rc = staff_prepare(s, out, &c, &r0, err);
    if (rc != 0)
        return rc;
    size_t S = c.nstations, K = (size_t)staffing_cells(sp), SK = S * K;
    int R = sp->reps, g = out->group;
    double weeks = s->days / 7.0;
    staff_budget *b = &out->budget;
    b->on = 1;
    b->officers = alloc_budget(sp, out->headcount_today);
    b->hours = b->officers * out->hours_per_week * (1 - out->absent);
    double hk[7 * STAFF_BLOCKS_MAX];
    staffing_cell_hours(sp, hk);
    rc = 2;
    if (!(b->officers > 0) || !(b->hours > 0)) {
        if (!(out->hours_per_week * (1 - out->absent) > 0))
            fprintf(err, "%s: staffing.budget: expected a group whose officers work hours on "
                         "duty, found %g h a week after absences\n",
                    s->source, out->hours_per_week * (1 - out->absent));
        else
            fprintf(err, "%s: staffing.budget: expected a headcount above 0, found %g (today's "
                         "%g %+g officers)\n",
                    s->source, b->officers, out->headcount_today, sp->budget_extra);
        goto fail;
    }
    double need_h = 168.0 * sp->min_on_duty * (double)S;
    if (need_h > b->hours + 1e-9) {
        fprintf(err, "%s: staffing.budget: expected at least %.0f officers (staffing.min_on_duty "
                     "= %d on duty in %zu station%s at every hour is %g officer-hours a "
                     "week, at %.4g h a week each after absences), found %g\n",
                s->source, ceil(need_h / (out->hours_per_week * (1 - out->absent)) - 1e-9),
                sp->min_on_duty, S, S == 1 ? "" : "s", need_h,
                out->hours_per_week * (1 - out->absent), b->officers);
        goto fail;
    }
    rc = -1;
    int *P = calloc(SK + 1, sizeof *P), *seen = calloc((size_t)sp->rounds * SK + 1, sizeof *seen);
    world_cell *cells = calloc((size_t)R * SK + 1, sizeof *cells),
               *best_cells = calloc((size_t)R * SK + 1, sizeof *best_cells);
    double *shift = calloc(SK + 1, sizeof *shift), *per = calloc(SK + 1, sizeof *per),
           *tot = calloc(3 * (size_t)R + 1, sizeof *tot), *tot_today = NULL, *tot_best = NULL;
    b->cell_erlang = calloc(SK + 1, sizeof *b->cell_erlang);
    b->cell_sim = calloc(SK + 1, sizeof *b->cell_sim);
    b->cell_today = calloc(SK + 1, sizeof *b->cell_today);
    if (!P || !seen || !cells || !best_cells || !shift || !per || !tot || !b->cell_erlang ||
        !b->cell_sim || !b->cell_today)
        goto done;
    tot_today = tot + R;
    tot_best = tot + 2 * R;
    if (alloc_greedy(&out->demand, sp, NULL, b->hours, P) < -1)
        goto done;
    memcpy(out->analytic, P, SK * sizeof *P);

    /* today's staffing, on the same replications */
    int sr = staff_simulate(s, &c, g, NULL, o, cells, err);
    if (sr == 130 || sr == -1) {
        rc = sr == 130 ? 130 : 2;
        goto done;
    }
    b->erlang_today = 0;
    for (size_t i = 0; i < SK; i++)
        b->erlang_today += alloc_cell_erlang(&out->demand, sp, i / K, (int)(i % K),
                                             out->today[i], hk[i % K]);
    if (sr == WORLD_OVERLOADED) {
        b->sim_today = INFINITY;
        b->sim_today_half = NAN;
        for (size_t i = 0; i < SK; i++)
            b->cell_today[i] = INFINITY;
    } else {
        objectives(sp, SK, R, weeks, cells, tot_today, b->cell_today);
        interval(tot_today, R, &b->sim_today, &b->sim_today_half);
    }
    out->evaluations++;

    /* the smallest objective the replications can tell from 0: one minute
       of waiting, or one late call, of the least weighted priority */
    double wmin = INFINITY;
    for (int q = 0; q < ANALYTIC_PRIORITIES; q++)
        if (sp->weights[q] > 0 && sp->weights[q] < wmin)
            wmin = sp->weights[q];
    double floor_obj = wmin / (R * weeks);
    double best = INFINITY;
    int nseen = 0, recurred = 0, found = 0;
    char line[256];
    while (nseen < sp->rounds) {
        memcpy(seen + (size_t)nseen * SK, P, SK * sizeof *P);
        nseen++;
        sr = staff_simulate(s, &c, g, P, o, cells, err);
        out->evaluations++;
        if (sr == 130 || sr == -1) {
            rc = sr == 130 ? 130 : 2;
            goto done;
        }
        double mean = INFINITY, half = NAN;
        if (sr == 0) {
            objectives(sp, SK, R, weeks, cells, tot, per);
            interval(tot, R, &mean, &half);
        } else { /* the calls outgrew the officers */
            for (int q = 0; q < R; q++)
                tot[q] = INFINITY;
            for (size_t i = 0; i < SK; i++)
                per[i] = NAN;
        }
        if (o->progress) {
            snprintf(line, sizeof line, "round %d: objective %.6g a week (today's %.6g)", nseen,
                     mean, b->sim_today);
            o->progress(line, o->ctx);
        }
        if (!found || mean < best) {
            found = 1;
            best = mean;
            memcpy(out->plan, P, SK * sizeof *P);
            memcpy(best_cells, cells, (size_t)R * SK * sizeof *cells);
            memcpy(tot_best, tot, (size_t)R * sizeof *tot);
            memcpy(b->cell_sim, per, SK * sizeof *per);
            b->sim_plan = mean;
            b->sim_plan_half = half;
        }
        if (sr != 0)
            break; /* a plan this thin gives nothing to correct with */
        /* correct Erlang C by the simulation, cell by cell (the officers
           it would need to see the simulated objective), and allocate again */
        for (size_t i = 0; i < SK; i++) {
            double x = alloc_shift(&out->demand, sp, i / K, (int)(i % K), P[i], hk[i % K],
                                   per[i] > floor_obj ? per[i] : floor_obj);
            shift[i] += (x - shift[i]) / nseen; /* the mean of the rounds' */
        }
        if (alloc_greedy(&out->demand, sp, shift, b->hours, P) < -1)
            goto done;
        for (int q = 0; q < nseen && !recurred; q++)
            recurred = !memcmp(seen + (size_t)q * SK, P, SK * sizeof *P);
        if (recurred)
            break;
    }
    out->status = !isfinite(best) ? STAFF_UNMET : recurred ? STAFF_DONE : STAFF_ROUNDS;
    if (isfinite(best) && isfinite(b->sim_today)) {
        double *diff = tot;
        for (int r = 0; r < R; r++)
            diff[r] = tot_best[r] - tot_today[r];
        interval(diff, R, &b->sim_diff, &b->sim_diff_half);
    } else {
        b->sim_diff = isfinite(best) ? -INFINITY : isfinite(b->sim_today) ? INFINITY : NAN;
        b->sim_diff_half = NAN;
    }
    b->erlang_plan = 0;
    for (size_t i = 0; i < SK; i++) {
        b->cell_erlang[i] = alloc_cell_erlang(&out->demand, sp, i / K, (int)(i % K),
                                              out->plan[i], hk[i % K]);
        b->erlang_plan += b->cell_erlang[i];
    }
    double placed = staff_plan_hours(sp, S, out->plan);
    b->unspent_h = b->hours - placed > 0 ? b->hours - placed : 0;
    out->headcount_plan = staff_headcount(out, placed);
    if (isfinite(best)) {
        if (staff_stats(sp, S, R, best_cells, out->cell, out->whole, out->sim) < 0)
            goto done;
    } else {
        memset(out->sim, 0, SK * sizeof *out->sim);
        for (size_t i = 0; i < SK * (size_t)sp->ntargets; i++)
            out->cell[i] = (staff_stat){NAN, NAN, 0};
        for (size_t i = 0; i < S * (size_t)sp->ntargets; i++)
            out->whole[i] = (staff_stat){NAN, NAN, 0};
    }
    rc = 0;
done:
    if (rc == -1)
        fprintf(err, "%s: staffing: out of memory\n", s->source);
    free(P);
    free(seen);
    free(cells);
    free(best_cells);
    free(shift);
    free(per);
    free(tot);
fail:
    roster_free(&r0);
    city_free(&c);
    if (rc != 0)
        staff_result_free(out);
    return rc;
}
