/* causes.c - the simulation with its departures from Erlang C switched off
 * one after another (causes.h). */
#include "causes.h"

#include "analytic.h"
#include "city.h"
#include "roster.h"

#include <gsl/gsl_cdf.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FAST_KMH 1e9 /* travel instantaneous (as tests/test_world.c's
                        hypercube case) */

const char *const cause_names[CAUSES] = {"proactive", "desk_breaks", "patrol_tier",
                                         "dispatch",  "absences",    "two_unit",
                                         "travel",    "time_varying", "service"};
const char *const cause_labels[CAUSES] = {
    "proactive work",   "desk work and breaks", "the patrol tier",
    "help across stations, reserve, pre-emption", "absences", "two-unit calls",
    "travel and dispatch delay", "demand varying inside a block", "service times' shape"};

/* 1 if group g of *s rides in, or is, the patrol tier or answers minor
 * calls alone: the units Erlang C leaves out. */
static int left_out(const scenario *s, const officer_group *g)
{
    if (g->role == ROLE_PATROL || (g->auxiliary && g->alone && !g->crew_with[0]))
        return 1;
    if (g->auxiliary && g->crew_with[0])
        for (int k = 0; k < s->ngroups; k++)
            if (!strncmp(s->groups[k].name, g->crew_with, SCENARIO_NAME_MAX))
                return s->groups[k].role == ROLE_PATROL;
    return 0;
}

/* Each type's hour profile at its mean over every staffing block (and its
 * weekday profile flat when the blocks span every day). */
static void flatten_profiles(scenario *s)
{
    const staffing_params *p = &s->staffing;
    for (int t = 0; t < s->ntypes; t++) {
        incident_type *ty = &s->types[t];
        for (int b = 0; b < p->nblocks; b++) {
            int lo = p->block_h[b], hi = b + 1 < p->nblocks ? p->block_h[b + 1] : 24;
            double m = 0;
            for (int h = lo; h < hi; h++)
                m += ty->hour_profile[h] / (hi - lo);
            for (int h = lo; h < hi; h++)
                ty->hour_profile[h] = m;
        }
        if (!p->weekdays)
            for (int d = 0; d < 7; d++)
                ty->dow_profile[d] = 1;
    }
}

void cause_off(scenario *s, cause k)
{
    switch (k) {
    case CAUSE_PROACTIVE:
        s->prevention.enabled = 0;
        for (int g = 0; g < s->ngroups; g++)
            for (int w = 0; w < WORK_KINDS; w++)
                s->groups[g].work[w] = 0;
        break;
    case CAUSE_DESK:
        for (int g = 0; g < s->ngroups; g++) {
            officer_group *og = &s->groups[g];
            og->desk_share = 0;
            og->break_min = 0;
            og->break_interrupt = og->desk_interrupt = 0;
        }
        for (int t = 0; t < s->ntypes; t++)
            s->types[t].phone_min = 0;
        break;
    case CAUSE_PATROL_TIER: {
        officer_group kept[SCENARIO_GROUPS_MAX];
        int n = 0;
        for (int g = 0; g < s->ngroups; g++)
            if (!left_out(s, &s->groups[g]))
                kept[n++] = s->groups[g];
        memcpy(s->groups, kept, (size_t)n * sizeof kept[0]);
        s->ngroups = n;
        break;
    }
    case CAUSE_DISPATCH:
        s->dispatch.cross_station = 0;
        s->dispatch.preempt = 0;
        for (int p = 0; p < SCENARIO_PRIORITIES; p++)
            s->dispatch.reserve[p] = 0;
        break;
    case CAUSE_ABSENCES:
        for (int g = 0; g < s->ngroups; g++)
            for (int a = 0; a < ABSENCE_KINDS; a++)
                s->groups[g].absence_days[a] = 0;
        break;
    case CAUSE_TWO_UNIT:
        for (int t = 0; t < s->ntypes; t++)
            s->types[t].units = 1;
        break;
    case CAUSE_TRAVEL:
        s->dispatch.delay_min = 0;
        for (int l = 0; l < LAND_NTYPES; l++)
            s->land[l].speed_kmh = FAST_KMH;
        break;
    case CAUSE_TIME:
        flatten_profiles(s);
        s->day_factor_variance = 0;
        break;
    case CAUSE_SERVICE:
        for (int t = 0; t < s->ntypes; t++) {
            incident_type *ty = &s->types[t];
            ty->scene = SCENE_EXPONENTIAL;
            ty->scene_mean_min += ty->followup_h * 60;
            ty->followup_h = 0;
        }
        s->prevention.strike.arrest_followup_h = 0;
        break;
    case CAUSES:
        break;
    }
}

/* ---- one step ----------------------------------------------------------------- */

/* Mean and 95 % half-width of x[0 .. n-1] (NAN values skipped). */
static void mean_half(const double *x, int n, double *mean, double *half)
{
    double s = 0, ss = 0;
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!isnan(x[i])) {
            s += x[i];
            m++;
        }
    *mean = m ? s / m : NAN;
    for (int i = 0; i < n; i++)
        if (!isnan(x[i]))
            ss += (x[i] - *mean) * (x[i] - *mean);
    *half = m > 1 ? gsl_cdf_tdist_Pinv(0.975, m - 1.0) * sqrt(ss / (m - 1.0) / m) : NAN;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

/* Erlang C's measures over the cells kept[], each cell weighted by its
 * calls (utilisation: its unit time) a week. */
static void erlang_step(const scenario *s, const analytic_demand *d, const unsigned char *kept,
                        cause_step *st)
{
    int K = d->ncells;
    double hours[7 * STAFF_BLOCKS_MAX];
    staffing_cell_hours(&s->staffing, hours);
    double calls = 0, waited = 0, wait = 0, calls1 = 0, wait1 = 0, busy = 0, on = 0;
    for (size_t j = 0; j < d->nstations; j++)
        for (int k = 0; k < K; k++) {
            size_t i = j * (size_t)K + (size_t)k;
            if (!kept[i])
                continue;
            analytic_cell a;
            analytic_eval(d, j, k, d->today[i], &a);
            const double *l = &d->lambda[i * ANALYTIC_PRIORITIES];
            double h = hours[k] * 60.0; /* minutes a week */
            calls += a.lambda * h;
            waited += a.lambda * h * a.p_wait;
            for (int p = 0; p < ANALYTIC_PRIORITIES; p++)
                if (l[p] > 0)
                    wait += l[p] * h * a.wait_mean_min[p];
            calls1 += l[0] * h;
            wait1 += l[0] > 0 ? l[0] * h * a.wait_mean_min[0] : 0;
            busy += a.util * a.servers * h;
            on += a.servers * h;
        }
    st->car_calls_week = calls;
    st->p_wait.erlang = ratio(waited, calls);
    st->wait.erlang = ratio(wait, calls);
    st->wait_p1.erlang = ratio(wait1, calls1);
    st->util.erlang = ratio(busy, on);
}

/* The simulated measures of R replications' records over the cells kept[]. */
static int sim_step(const world_cell *cells, int R, size_t SK, const unsigned char *kept,
                    cause_step *st)
{
    double *x = malloc(4 * (size_t)R * sizeof *x);
    if (!x)
        return -1;
    for (int rep = 0; rep < R; rep++) {
        world_cell t;
        memset(&t, 0, sizeof t);
        for (size_t i = 0; i < SK; i++)
            if (kept[i])
                world_cell_add(&t, &cells[(size_t)rep * SK + i]);
        double calls = 0, answered = 0, wait = 0;
        for (int p = 0; p < WORLD_PRIORITIES; p++) {
            calls += (double)t.calls[p];
            answered += (double)t.answered[p];
            wait += t.wait_sum[p];
        }
        x[rep] = ratio((double)t.waited, calls);
        x[R + rep] = ratio(wait, answered);
        x[2 * R + rep] = ratio(t.wait_sum[0], (double)t.answered[0]);
        x[3 * R + rep] = ratio(t.unit_busy_min, t.unit_on_min);
    }
    mean_half(x, R, &st->p_wait.sim, &st->p_wait.half);
    mean_half(x + R, R, &st->wait.sim, &st->wait.half);
    mean_half(x + 2 * R, R, &st->wait_p1.sim, &st->wait_p1.half);
    mean_half(x + 3 * R, R, &st->util.sim, &st->util.half);
    free(x);
    return 0;
}

/* One step: scenario *x as it stands. kept[] is filled at step 0 (cells
 * where Erlang C is stable) and read after. */
static int run_step(const scenario *x, const staff_opts *o, int step, unsigned char **kept,
                    cause_step *st, FILE *err)
{
    int g = staff_planned_group(x);
    if (g < 0) {
        fprintf(err, "beatsim: %s: staffing.group: expected a group of officers of role "
                     "station or duty, found none\n", x->source);
        return 2;
    }
    city c;
    roster r;
    if (city_build(&c, x, err) != 0)
        return 2;
    if (roster_build(&r, x, &c, err) != 0) {
        city_free(&c);
        return 2;
    }
    size_t SK = c.nstations * (size_t)staffing_cells(&x->staffing);
    int R = x->staffing.reps, rc = -1;
    analytic_demand d;
    world_cell *cells = malloc(((size_t)R * SK + 1) * sizeof *cells);
    if (!cells || analytic_demand_init(&d, x, &c, &r, g) != 0) {
        fprintf(err, "beatsim: out of memory\n");
        goto out;
    }
    if (step == 0) {
        if (!(*kept = calloc(SK + 1, 1))) {
            fprintf(err, "beatsim: out of memory\n");
            analytic_demand_free(&d);
            goto out;
        }
        for (size_t i = 0; i < SK; i++) {
            analytic_cell a;
            analytic_eval(&d, i / (size_t)d.ncells, (int)(i % (size_t)d.ncells), d.today[i],
                          &a);
            (*kept)[i] = a.p_wait < 1 && isfinite(a.wait_mean_min[0]);
        }
    }
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < SK; i++)
        st->cells += (*kept)[i], st->unstable += !(*kept)[i];
    erlang_step(x, &d, *kept, st);
    analytic_demand_free(&d);
    rc = staff_simulate(x, &c, g, NULL, o, cells, err);
    if (rc == WORLD_OVERLOADED) {
        st->overloaded = 1;
        st->p_wait.sim = st->wait.sim = st->wait_p1.sim = st->util.sim = NAN;
        st->p_wait.half = st->wait.half = st->wait_p1.half = st->util.half = NAN;
        rc = 0;
    } else if (rc == 0 && sim_step(cells, R, SK, *kept, st) != 0) {
        fprintf(err, "beatsim: out of memory\n");
        rc = -1;
    }
out:
    free(cells);
    roster_free(&r);
    city_free(&c);
    return rc;
}

int causes_run(const scenario *s, const staff_opts *o, cause_step steps[CAUSES + 1], FILE *err)
{
    scenario x = *s; /* shares s's beats, stations and plan; owns nothing */
    unsigned char *kept = NULL;
    int rc = 0;
    for (int k = 0; k <= CAUSES && rc == 0; k++) {
        if (k > 0)
            cause_off(&x, (cause)(k - 1));
        rc = run_step(&x, o, k, &kept, &steps[k], err);
        if (rc == 0 && o->progress) {
            char line[256];
            const cause_step *st = &steps[k];
            snprintf(line, sizeof line, "step %d of %d (%s%s): P(wait) %.3g simulated, %.3g "
                                        "Erlang C; mean wait %.3g min simulated, %.3g Erlang C",
                     k, CAUSES, k ? cause_names[k - 1] : "as given", k ? " off" : "",
                     st->p_wait.sim, st->p_wait.erlang, st->wait.sim, st->wait.erlang);
            o->progress(line, o->ctx);
        }
    }
    free(kept);
    return rc;
}
