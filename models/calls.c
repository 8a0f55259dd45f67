/* calls.c - the calls of the police world: each (beat, type) an exact
 * non-homogeneous Poisson process with its own random stream, thinned by
 * the proactive layer; the incident records in their pool.
 *
 * Every incident rate is the product of named factors (world.h); a call's
 * place, on-scene time and clearance draw come from its process's stream
 * in a fixed order before the next call is drawn, so variants that change
 * officers or dispatch see the same calls (common random numbers). The
 * proactive layer's decisions (acceptance, arrests, the extra process
 * above the base rate) use counter-based draws that never touch the call
 * streams.
 */
#include "world_state.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846
#define EXTRA_ROUTES ((uint64_t)1 << 40) /* route counters of the extra
                                            process start here */

/* ---- one call -------------------------------------------------------------- */

/* Place, on-scene time and the clearance draw of a call of type t in beat
 * b, from g in this order. */
static void draw_call(gsl_rng *g, const city_beat *b, const incident_type *t, double *x,
                      double *y, double *scene, double *uclear)
{
    if (b->poly) {
        double u1 = sim_rng_uniform_pos(g), u2 = sim_rng_uniform_pos(g);
        polygon_sample(b->poly, u1, u2, sim_rng_uniform_pos(g), x, y);
    } else if (b->shape == SHAPE_DISC) {
        double rad = b->half * sqrt(sim_rng_uniform_pos(g));
        double ang = 2 * PI * sim_rng_uniform_pos(g);
        *x = b->x + rad * cos(ang);
        *y = b->y + rad * sin(ang);
    } else {
        *x = b->x + b->half * (2 * sim_rng_uniform_pos(g) - 1);
        *y = b->y + b->half * (2 * sim_rng_uniform_pos(g) - 1);
    }
    switch (t->scene) {
    case SCENE_EXPONENTIAL:
        *scene = sim_rng_exponential(g, t->scene_mean_min);
        break;
    case SCENE_FIXED:
        *scene = t->scene_mean_min;
        break;
    default: {
        double cv2 = (t->scene_sd_min / t->scene_mean_min) * (t->scene_sd_min / t->scene_mean_min);
        double sig2 = log1p(cv2);
        *scene = gsl_ran_lognormal(g, log(t->scene_mean_min) - sig2 / 2, sqrt(sig2));
    }
    }
    *uclear = sim_rng_uniform_pos(g);
}

/* Clearance and arrest of an accepted call of process p under the
 * proactive layer; ua is a uniform of the call's own. A uniform below the
 * arrest share, divided by it, is again uniform: it decides replacement. */
static void clear_and_arrest(world *w, size_t p, double uclear, double ua, int *cleared,
                             int *arrest)
{
    const scenario *s = w->s;
    size_t beat = p / (size_t)s->ntypes;
    int type = (int)(p % (size_t)s->ntypes);
    const offender_params *op = &s->prevention.offenders;
    *cleared = uclear < prevent_clearance(w->pv, beat, type, w->now);
    *arrest = 0;
    if (*cleared && s->types[type].offender_driven && ua < op->arrest_share) {
        int r = prevent_arrest(w->pv, w->c->beats[beat].station,
                               ua / op->arrest_share < op->replacement, w->now);
        if (r < 0)
            fail(w);
        *arrest = r > 0;
    }
}

/* How a call is handled: sent a car, resolved by telephone, or passed on. */
enum { ROUTE_CAR = 0, ROUTE_PHONE, ROUTE_DIVERT };

/* The route of call n of process p (n counts the process's candidates, so
 * that variants see the same routes): a counter-based uniform against the
 * type's divert and phone shares. */
static int route(const world *w, size_t p, uint64_t n)
{
    if (!w->route_key || !w->route_key[p])
        return ROUTE_CAR;
    const incident_type *t = &w->s->types[p % (size_t)w->s->ntypes];
    double u = sim_rng_counter_uniform(w->route_key[p], n);
    return u < t->divert_share                  ? ROUTE_DIVERT
           : u < t->divert_share + t->phone_share ? ROUTE_PHONE
                                                  : ROUTE_CAR;
}

/* A call of process p is made at the current time: counted, and
 * dispatched, resolved by telephone or passed to another agency. */
static void new_call(world *w, size_t p, double x, double y, double scene, int cleared,
                     int arrest, int how)
{
    const scenario *s = w->s;
    int beat = (int)(p / (size_t)s->ntypes), type = (int)(p % (size_t)s->ntypes);
    const incident_type *t = &s->types[type];
    int counted = w->now >= w->warm, station = w->c->beats[beat].station;
    if (t->opportunistic || t->offender_driven)
        w->crimes_today++;
    if (counted) {
        world_result *res = w->res;
        res->incidents++;
        res->by_type[type]++;
        res->by_priority[t->priority - 1]++;
        res->cleared += (uint64_t)cleared;
        res->beat_cleared[beat] += (uint64_t)cleared;
        res->week_incidents[hour_of_week(w->now)]++;
        world_day *d = day_of(w, w->now);
        if (d)
            d->incidents++;
        res->beat_incidents[beat]++;
        if (t->opportunistic || t->offender_driven)
            res->beat_crimes[beat]++;
        if (arrest) {
            res->arrests++;
            res->station_arrests[station]++;
            if (d)
                d->arrests++;
        }
        if (how != ROUTE_CAR)
            res->saved_min += t->units * scene + t->followup_h * 60.0;
        if (how == ROUTE_DIVERT)
            res->diverted++;
        else if (how == ROUTE_PHONE)
            res->phone_calls++;
        else
            res->car_calls++;
        if (how == ROUTE_CAR && res->cells)
            metrics_cell(w, station, w->now)->calls[t->priority - 1]++;
    }
    if (how != ROUTE_CAR && w->log && counted) { /* closed now: no car */
        incident n = {.type = type, .beat = beat, .station = station,
                      .priority = t->priority, .x = x, .y = y, .t_call = w->now,
                      .call_no = w->res->incidents, .t_queued = NAN, .t_arrived = NAN,
                      .first_kind = -1};
        calls_log(w, &n, 0);
    }
    if (how == ROUTE_DIVERT)
        return;
    if (how == ROUTE_PHONE) { /* desk work at the station, no car */
        double minutes = t->phone_min +
                         (arrest ? s->prevention.strike.arrest_followup_h * 60.0 : 0);
        if (counted)
            w->res->phone_min += minutes;
        if (minutes > 0)
            dispatch_phone(w, station, minutes);
        return;
    }
    int iid = calls_new(w);
    if (iid < 0) {
        fail(w);
        return;
    }
    incident *i = &w->inc[iid];
    *i = (incident){
        .type = type, .beat = beat, .station = station, .priority = t->priority,
        .x = x, .y = y, .t_call = w->now, .scene_min = scene,
        .units_total = t->units, .units_wanted = t->units,
        .unit = {-1, -1}, .lead = -1, .counted = counted, .arrest = arrest,
        .minor = t->minor, .serial = ++w->serial, .next_free = -1,
        .call_no = counted ? w->res->incidents : 0, .t_queued = NAN, .t_arrived = NAN,
        .served = {-1, -1}, .first_kind = -1};
    dispatch_call(w, iid);
}

/* A candidate call of process p at its base rate. Under the proactive
 * layer it happens with probability min(m, 1) (thinning; m the rate
 * multiplier of prevent.h), decided by a counter-based uniform, so the
 * call's own stream is drawn exactly as in the reactive model. */
void calls_on_arrival(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    const scenario *s = w->s;
    size_t p = (size_t)ev->payload.u64;
    int beat = (int)(p / (size_t)s->ntypes), type = (int)(p % (size_t)s->ntypes);
    const incident_type *t = &s->types[type];
    gsl_rng *g = w->rng[p];

    /* Everything about the call comes from its own stream, in a fixed
       order: place, scene time, clearance, then the next call. */
    double x, y, scene, uclear;
    draw_call(g, &w->c->beats[beat], t, &x, &y, &scene, &uclear);
    double next = sim_nhpp_next(&w->prof[type], w->now,
                                sim_rng_exponential(g, 1.0) / w->scale[p],
                                w->day_mult ? &w->segs : NULL);
    if (next <= w->end &&
        sim_post_at(e, next, PRIO_EVENT, EV_ARRIVAL, ev->payload) != 0) {
        fail(w);
        return;
    }
    int how = route(w, p, w->route_n ? w->route_n[p]++ : 0);
    int cleared = how != ROUTE_DIVERT && uclear < t->clearance, arrest = 0;
    if (w->pv) {
        uint64_t k = w->acc_n[p]++;
        double u = sim_rng_counter_uniform(w->acc_key[p], 2 * k);
        double other, m = prevent_mult(w->pv, (size_t)beat, type, w->now, &other);
        if (!(u < m * other)) {
            if (u < other)
                metrics_prevented(w, (size_t)beat);
            return;
        }
        if (how != ROUTE_DIVERT)
            clear_and_arrest(w, p, uclear, sim_rng_counter_uniform(w->acc_key[p], 2 * k + 1),
                             &cleared, &arrest);
    }
    new_call(w, p, x, y, scene, cleared, arrest, how);
}

/* A candidate call of process p above its base rate: the extra process
 * runs at (rate_cap - 1) x the base rate and keeps a candidate with
 * probability (min(m, rate_cap) - 1) / (rate_cap - 1), so that the two
 * together have rate min(m, rate_cap) x base. Its draws are counter-based
 * (key x_key[p]; candidate k: its time 3k, acceptance 3k + 1, arrest
 * 3k + 2), never from the call streams. */
void calls_on_extra(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    const scenario *s = w->s;
    size_t p = (size_t)ev->payload.u64;
    int beat = (int)(p / (size_t)s->ntypes), type = (int)(p % (size_t)s->ntypes);
    uint64_t k = w->x_n[p]++;
    double cap = w->rate_cap;
    double next = sim_nhpp_next(&w->prof[type], w->now,
                                -log(sim_rng_counter_uniform(w->x_key[p], 3 * (k + 1))) /
                                    (w->scale[p] * (cap - 1)),
                                w->day_mult ? &w->segs : NULL);
    if (next <= w->end && sim_post_at(e, next, PRIO_EVENT, EV_EXTRA, ev->payload) != 0) {
        fail(w);
        return;
    }
    double other, m = prevent_mult(w->pv, (size_t)beat, type, w->now, &other);
    double u = sim_rng_counter_uniform(w->x_key[p], 3 * k + 1);
    if (m * other > cap && w->now >= w->warm)
        w->res->rate_capped++;
    double mm = fmin(m * other, cap), mo = fmin(other, cap);
    if (!(u < (mm - 1) / (cap - 1))) {
        if (u < (mo - 1) / (cap - 1))
            metrics_prevented(w, (size_t)beat);
        return;
    }
    sim_rng_reset(w->scratch, s->seed, w->rep, STREAM(TAG_EXTRA_CALL, p, k));
    double x, y, scene, uclear;
    draw_call(w->scratch, &w->c->beats[beat], &s->types[type], &x, &y, &scene, &uclear);
    int how = route(w, p, EXTRA_ROUTES + k), cleared = 0, arrest = 0;
    if (how != ROUTE_DIVERT)
        clear_and_arrest(w, p, uclear, sim_rng_counter_uniform(w->x_key[p], 3 * k + 2),
                         &cleared, &arrest);
    new_call(w, p, x, y, scene, cleared, arrest, how);
}

/* ---- the incident pool --------------------------------------------------- */

int calls_new(world *w)
{
    if (w->inc_free < 0) {
        size_t cap = w->capinc ? 2 * w->capinc : 256;
        incident *a = realloc(w->inc, cap * sizeof *a);
        if (!a)
            return -1;
        w->inc = a;
        for (size_t i = cap; i-- > w->capinc;) {
            a[i].next_free = w->inc_free;
            a[i].call_no = 0;
            w->inc_free = (int)i;
        }
        w->capinc = cap;
    }
    int id = w->inc_free;
    w->inc_free = w->inc[id].next_free;
    w->inc[id].next_free = -1;
    w->ninc++;
    return id;
}

void calls_close(world *w, int id)
{
    incident *i = &w->inc[id];
    if (w->log && i->call_no)
        calls_log(w, i, 1);
    i->call_no = 0;
    i->qtoken = 0;
    i->next_free = w->inc_free;
    w->inc_free = id;
    w->ninc--;
}

/* ---- the per-call log -------------------------------------------------------- */

void calls_log(world *w, const incident *i, int closed)
{
    const city *c = w->c;
    calllog_row r = {
        .call = i->call_no, .time = i->t_call, .type = w->s->types[i->type].name,
        .priority = i->priority, .beat = c->beats[i->beat].id,
        .station = c->stations[i->station].id, .x = i->x, .y = i->y,
        .queued = i->t_queued, .dispatched = i->dispatched ? i->t_sent : NAN,
        .arrived = i->t_arrived,
        /* closed at a scene end: now; still open at the end, or no car: none */
        .cleared = closed ? w->now : NAN,
        .nunits = i->nserved, .first_kind = i->dispatched ? i->first_kind : -1};
    for (int k = 0; k < i->nserved; k++)
        r.units[k] = i->served[k];
    calllog_write(w->log, &r);
}

typedef struct open_call {
    uint64_t call_no;
    size_t id;
} open_call;

static int by_call_no(const void *a, const void *b)
{
    uint64_t x = ((const open_call *)a)->call_no, y = ((const open_call *)b)->call_no;
    return (x > y) - (x < y);
}

int calls_log_open(world *w)
{
    /* O(records in the pool), once a run; the open calls sorted by number */
    open_call *open = malloc((w->ninc ? w->ninc : 1) * sizeof *open);
    if (!open)
        return -1;
    size_t n = 0;
    for (size_t id = 0; id < w->capinc && n < w->ninc; id++)
        if (w->inc[id].next_free == -1 && w->inc[id].call_no)
            open[n++] = (open_call){w->inc[id].call_no, id};
    qsort(open, n, sizeof *open, by_call_no);
    for (size_t k = 0; k < n; k++) {
        incident *i = &w->inc[open[k].id];
        calls_log(w, i, 0);
        i->call_no = 0;
    }
    free(open);
    return 0;
}

/* ---- set-up and tear-down -------------------------------------------------- */

/* Unit-mean weekly profile of type t: 168 hourly bins, rate per minute of
 * one "unit", so that scale x profile is calls per minute. */
static int profile_init(sim_nhpp *p, const incident_type *t)
{
    double hm = 0, dm = 0, rate[168];
    for (int h = 0; h < 24; h++)
        hm += t->hour_profile[h] / 24;
    for (int d = 0; d < 7; d++)
        dm += t->dow_profile[d] / 7;
    for (int d = 0; d < 7; d++)
        for (int h = 0; h < 24; h++)
            rate[24 * d + h] = t->hour_profile[h] / hm * t->dow_profile[d] / dm;
    return sim_nhpp_init(p, rate, 168, 60.0);
}

int calls_init(world *w)
{
    const scenario *s = w->s;
    const city *c = w->c;
    size_t nt = (size_t)s->ntypes, np = c->nbeats * nt;
    w->prof = calloc(nt, sizeof *w->prof);
    w->scale = calloc(np ? np : 1, sizeof *w->scale);
    w->rng = calloc(np ? np : 1, sizeof *w->rng);
    if (!w->prof || !w->scale || !w->rng)
        return -1;
    for (size_t k = 0; k < nt; k++)
        if (profile_init(&w->prof[k], &s->types[k]) != 0)
            return -1;

    /* Day factors: one gamma(1/v, v) draw per day, mean 1, variance v, on
       stream 0; the first calls of every process on streams 1 + p. */
    double v = s->day_factor_variance;
    if (v > 0) {
        size_t ndays = (size_t)ceil(w->end / DAY_MIN) + 1;
        gsl_rng *g = sim_rng_stream(s->seed, w->rep, 0);
        if (!g || !(w->day_mult = malloc(ndays * sizeof *w->day_mult))) {
            gsl_rng_free(g);
            return -1;
        }
        for (size_t d = 0; d < ndays; d++)
            w->day_mult[d] = gsl_ran_gamma(g, 1.0 / v, v);
        gsl_rng_free(g);
        w->segs = (sim_nhpp_segments){w->day_mult, ndays, DAY_MIN};
    }
    for (size_t p = 0; p < np; p++) {
        const city_beat *b = &c->beats[p / nt];
        const incident_type *t = &s->types[p % nt];
        w->scale[p] = t->rate_per_1000_year / 1000.0 / YEAR_MIN * b->residents *
                      t->land_mult[b->land];
        if (!(w->scale[p] > 0))
            continue;
        if (!(w->rng[p] = sim_rng_stream(s->seed, w->rep, 1 + p)))
            return -1;
        if (t->phone_share > 0 || t->divert_share > 0) {
            if (!w->route_key && (!(w->route_key = calloc(np, sizeof *w->route_key)) ||
                                  !(w->route_n = calloc(np, sizeof *w->route_n))))
                return -1;
            w->route_key[p] = sim_rng_derive(s->seed, w->rep, TAG(TAG_ROUTE) | p);
        }
        double first = sim_nhpp_next(&w->prof[p % nt], 0.0,
                                     sim_rng_exponential(w->rng[p], 1.0) / w->scale[p],
                                     w->day_mult ? &w->segs : NULL);
        if (first <= w->end &&
            sim_post_at(w->e, first, PRIO_EVENT, EV_ARRIVAL, (sim_payload){.u64 = p}) != 0)
            return -1;
    }
    return 0;
}

int calls_init_extra(world *w)
{
    const scenario *s = w->s;
    size_t nt = (size_t)s->ntypes, np = w->c->nbeats * nt;
    if (!(w->acc_key = calloc(np ? np : 1, sizeof *w->acc_key)) ||
        !(w->acc_n = calloc(np ? np : 1, sizeof *w->acc_n)) ||
        !(w->x_key = calloc(np ? np : 1, sizeof *w->x_key)) ||
        !(w->x_n = calloc(np ? np : 1, sizeof *w->x_n)))
        return -1;
    for (size_t p = 0; p < np; p++) {
        w->acc_key[p] = sim_rng_derive(s->seed, w->rep, TAG(TAG_ACCEPT) | p);
        /* rates rise above base through the offender pool, and
           through displacement from patrolled neighbours */
        const incident_type *t = &s->types[p % nt];
        int can_rise = t->offender_driven ||
                       (t->opportunistic && s->prevention.deterrence.spillover > 0);
        if (!(w->scale[p] > 0) || !can_rise || !(w->rate_cap > 1))
            continue;
        w->x_key[p] = sim_rng_derive(s->seed, w->rep, TAG(TAG_EXTRA) | p);
        double first = sim_nhpp_next(&w->prof[p % nt], 0.0,
                                     -log(sim_rng_counter_uniform(w->x_key[p], 0)) /
                                         (w->scale[p] * (w->rate_cap - 1)),
                                     w->day_mult ? &w->segs : NULL);
        if (first <= w->end &&
            sim_post_at(w->e, first, PRIO_EVENT, EV_EXTRA, (sim_payload){.u64 = p}) != 0)
            return -1;
    }
    return 0;
}

void calls_free(world *w)
{
    if (w->prof)
        for (int k = 0; k < w->s->ntypes; k++)
            sim_nhpp_free(&w->prof[k]);
    free(w->prof);
    free(w->scale);
    if (w->rng)
        for (size_t p = 0; p < w->c->nbeats * (size_t)w->s->ntypes; p++)
            if (w->rng[p])
                gsl_rng_free(w->rng[p]);
    free(w->rng);
    free(w->day_mult);
    free(w->inc);
    free(w->acc_key);
    free(w->acc_n);
    free(w->x_key);
    free(w->x_n);
    free(w->route_key);
    free(w->route_n);
}
