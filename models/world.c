/* world.c - one replication of the police world on the event engine: the
 * set-up (officers off duty at their bases, every process's first call,
 * the clock events), the wiring of the handlers to the event kinds, the
 * proactive layer's hourly and daily steps, the run and the tear-down.
 *
 * The event kinds and the files that handle them are listed in
 * world_state.h; the path of one incident in docs/design.md.
 */
#include "world_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const world_activity_names[ACT_N] = {
    "off_duty", "available", "return", "desk", "travel", "scene", "followup",
    "patrol", "visit", "check", "strike", "break"};
const char *const world_first_names[FIRST_N] = {"own_beat", "own_station", "patrol",
                                                "other_station"};

/* ---- the clock steps --------------------------------------------------------- */

static gsl_rng *station_rng(void *ctx, size_t st)
{
    world *w = ctx;
    sim_rng_reset(w->scratch, w->s->seed, w->rep,
                  STREAM(TAG_STATION, st, (uint64_t)floor(w->now / DAY_MIN + 0.5)));
    return w->scratch;
}

/* A run day ends: the proactive layer's daily step, and the day's
 * snapshot of offenders, key persons and familiarity. */
static void on_pday(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    world_result *res = w->res;
    size_t day = (size_t)ev->payload.u64;
    long rel = prevent_day(w->pv, day, w->now, w->crimes_today, station_rng, w);
    w->crimes_today = 0;
    world_day *d = day_of(w, w->now - 1e-6);
    if (w->now > w->warm)
        res->released += (uint64_t)rel;
    if (d) {
        const city *c = w->c;
        long pool = prevent_pool(w->pv), ooc = 0;
        double fam = 0, hh = 0, reg = 0, mig = 0;
        for (size_t b = 0; b < c->nbeats; b++) {
            const city_beat *cb = &c->beats[b];
            double f = prevent_familiarity(w->pv, b, w->now);
            ooc += w->pv->b[b].ooc;
            fam += f * cb->households;
            hh += cb->households;
            double m = cb->residents * cb->migrant_share;
            reg += m * (1 - w->pv->b[b].unregistered);
            mig += m;
            res->beat_fam_sum[b] += f;
        }
        for (size_t st = 0; st < c->nstations; st++)
            res->station_pool_sum[st] += (double)w->pv->st[st].pool;
        d->offender_pool = pool;
        d->out_of_control = ooc;
        d->strike_period = prevent_strike_period(w->pv, w->now);
        res->pool_sum += (double)pool;
        res->fam_sum += hh > 0 ? fam / hh : 0;
        res->registered_sum += mig > 0 ? reg / mig : 1;
        res->strike_days += (uint32_t)d->strike_period;
        res->pday_samples++;
    }
    if (w->now + DAY_MIN <= w->end &&
        sim_post_at(e, w->now + DAY_MIN, PRIO_HOUR, EV_PDAY, (sim_payload){.u64 = day + 1}) != 0)
        fail(w);
}

/* An hour of the clock ends: coverage and by-hour levels (metrics.c);
 * with the proactive layer, the next hour's auxiliaries and the key
 * persons out of control. */
static void on_hour(sim_engine *e, const sim_event *ev, void *model)
{
    (void)ev;
    world *w = model;
    w->now = sim_now(e);
    world_result *res = w->res;
    int h = hour_of_week(w->now - 30.0);
    int observed = w->now - 60.0 >= w->warm - 1e-9;
    metrics_hour(w, h, observed);
    if (w->pv) {
        double cost, aux = prevent_aux_hour(w->pv, hour_of_week(w->now) % 24, w->now, &cost);
        if (w->now >= w->warm - 1e-9 && w->now + 60.0 <= w->end + 1e-9) {
            res->aux_hours += aux;
            res->aux_cost += cost;
        }
        double ooc = 0;
        for (size_t b = 0; b < w->c->nbeats; b++) {
            int n = prevent_ooc(w->pv, b, w->now);
            ooc += n;
            if (observed)
                res->beat_ooc_sum[b] += n;
        }
        if (observed) {
            res->ooc_sum += ooc;
            res->ooc_max = fmax(res->ooc_max, ooc);
            res->ooc_samples++;
        }
    }
    if (w->now + 60.0 <= w->end + 1e-9 &&
        sim_post_at(e, w->now + 60.0, PRIO_HOUR, EV_HOUR, (sim_payload){.u64 = 0}) != 0)
        fail(w);
}

/* ---- set-up and tear-down ------------------------------------------------------ */

/* Frees n per-station arrays and the array of them (NULL-safe). */
static void free_lists(int **a, size_t n)
{
    if (a)
        for (size_t st = 0; st < n; st++)
            free(a[st]);
    free(a);
}

static void free_queues(callq *q, size_t n)
{
    if (q)
        for (size_t st = 0; st < n; st++)
            free(q[st].a);
    free(q);
}

static void world_free(world *w)
{
    size_t ns = w->c->nstations;
    sim_engine_free(w->e);
    sim_grid_free(w->grid);
    sim_grid_free(w->pgrid);
    free_lists(w->sfree, ns);
    free(w->sfree_n);
    free_lists(w->afree, ns);
    free(w->afree_n);
    free_lists(w->sint, ns);
    free(w->sint_n);
    free_lists(w->open, ns);
    free(w->open_n);
    free(w->open_t);
    free(w->cars_used);
    free(w->phone_backlog);
    free(w->of);
    free(w->crossq.a);
    free(w->patrolq.a);
    free_queues(w->stationq, ns);
    free_queues(w->auxq, ns);
    calls_free(w);
    free(w->cover_n);
    free(w->cover_since);
    free(w->cover_min);
    free(w->st_lvl);
    prevent_free(w->pv);
    if (w->scratch)
        gsl_rng_free(w->scratch);
}

static int world_init(world *w, const scenario *s, const city *c, const roster *r,
                      uint64_t rep, world_result *res)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    w->c = c;
    w->r = r;
    w->res = res;
    w->warm = s->warmup_days * DAY_MIN;
    w->end = w->warm + s->days * DAY_MIN;
    w->metric = s->dispatch.euclidean ? SIM_METRIC_L2 : SIM_METRIC_L1;
    w->inc_free = -1;
    w->rep = rep;
    size_t nb = c->nbeats, ns = c->nstations, no = r->n;

    if (!(w->e = sim_engine_create(EV_N, w)))
        return -1;
    sim_engine_on(w->e, EV_ARRIVAL, calls_on_arrival);
    sim_engine_on(w->e, EV_OFFICER, activity_on_officer);
    sim_engine_on(w->e, EV_SHIFT_START, activity_on_shift_start);
    sim_engine_on(w->e, EV_SHIFT_END, activity_on_shift_end);
    sim_engine_on(w->e, EV_HOUR, on_hour);
    sim_engine_on(w->e, EV_DAY, metrics_on_day);
    sim_engine_on(w->e, EV_EXTRA, calls_on_extra);
    sim_engine_on(w->e, EV_PDAY, on_pday);
    sim_engine_on(w->e, EV_HOLD, dispatch_on_hold);

    /* The grid covers the city with a margin; cells near the mean spacing
       of on-duty officers keep a nearest query at O(1) cells. */
    /* Officers stand at their bases or at calls: the box holds the beats
       and every base (a station may stand outside its beats). */
    double x0 = c->x0, y0 = c->y0, x1 = c->x1, y1 = c->y1;
    for (size_t id = 0; id < no; id++) {
        x0 = fmin(x0, r->officers[id].base_x);
        x1 = fmax(x1, r->officers[id].base_x);
        y0 = fmin(y0, r->officers[id].base_y);
        y1 = fmax(y1, r->officers[id].base_y);
    }
    double wx = x1 - x0, wy = y1 - y0, m = 1e-3 + 0.01 * (wx + wy);
    double cell = sqrt((wx + 2 * m) * (wy + 2 * m) / (no > 4 ? (double)no / 4 : 1));
    if (!(cell > 0) || !isfinite(cell))
        cell = 1;
    /* which kinds of unit the roster can make */
    int aux_alone = 0;
    for (int g = 0; g < s->ngroups; g++) {
        w->has_patrol |= s->groups[g].role == ROLE_PATROL;
        aux_alone |= s->groups[g].auxiliary && s->groups[g].alone;
    }
    w->own_queues = s->dispatch.policy == DISPATCH_BEAT_FIRST || s->dispatch.cross_station < 3;
    w->grid = sim_grid_create(x0 - m, y0 - m, x1 + m, y1 + m, cell);
    if (w->has_patrol && !(w->pgrid = sim_grid_create(x0 - m, y0 - m, x1 + m, y1 + m, cell)))
        return -1;
    size_t nsa = ns ? ns : 1;
    w->sfree = calloc(nsa, sizeof *w->sfree);
    w->sfree_n = calloc(nsa, sizeof *w->sfree_n);
    w->sint = calloc(nsa, sizeof *w->sint);
    w->sint_n = calloc(nsa, sizeof *w->sint_n);
    w->open = calloc(nsa, sizeof *w->open);
    w->open_n = calloc(nsa, sizeof *w->open_n);
    w->open_t = calloc(nsa, sizeof *w->open_t);
    w->stationq = calloc(nsa, sizeof *w->stationq);
    w->phone_backlog = calloc(nsa, sizeof *w->phone_backlog);
    w->cars_used = calloc(nsa * (size_t)s->ngroups, sizeof *w->cars_used);
    w->of = calloc(no ? no : 1, sizeof *w->of);
    w->cover_n = calloc(nb, sizeof *w->cover_n);
    w->cover_since = calloc(nb, sizeof *w->cover_since);
    w->cover_min = calloc(nb, sizeof *w->cover_min);
    if (!w->grid || !w->sfree || !w->sfree_n || !w->sint || !w->sint_n || !w->open ||
        !w->open_n || !w->open_t || !w->stationq || !w->phone_backlog || !w->cars_used ||
        !w->of || !w->cover_n || !w->cover_since || !w->cover_min)
        return -1;
    if (aux_alone && (!(w->afree = calloc(nsa, sizeof *w->afree)) ||
                      !(w->afree_n = calloc(nsa, sizeof *w->afree_n)) ||
                      !(w->auxq = calloc(nsa, sizeof *w->auxq))))
        return -1;
    for (size_t st = 0; st < ns; st++) {
        size_t n = r->station_first[st + 1] - r->station_first[st], n1 = n ? n : 1;
        w->open_t[st] = -INFINITY;
        if (!(w->sfree[st] = malloc(n1 * sizeof **w->sfree)) ||
            !(w->sint[st] = malloc(n1 * sizeof **w->sint)) ||
            !(w->open[st] = malloc(n1 * sizeof **w->open)) ||
            (w->afree && !(w->afree[st] = malloc(n1 * sizeof **w->afree))))
            return -1;
    }
    if (metrics_result_init(res, nb, ns, (size_t)floor(s->days + 1e-9), no) != 0)
        return -1;
    if (s->staffing.record) {
        res->ncells = (size_t)staffing_cells(&s->staffing);
        if (!(res->cells = calloc(nsa * res->ncells, sizeof *res->cells)) ||
            !(w->st_lvl = calloc(nsa, sizeof *w->st_lvl)))
            return -1;
        for (int h = 0; h < 168; h++)
            w->cell_of[h] = (unsigned char)staffing_cell_of_hour(&s->staffing, h);
    }
    for (size_t id = 0; id < no; id++) {
        if (s->groups[r->officers[id].group].auxiliary)
            res->auxiliaries++;
        else
            res->officers++;
    }
    for (size_t b = 0; b < nb; b++) {
        res->beat_households[b] = c->beats[b].households;
        res->key_persons += s->prevention.enabled ? (double)llround(c->beats[b].key_persons) : 0;
    }

    /* the calls: profiles, day factors, every process's first call */
    if (calls_init(w) != 0)
        return -1;
    /* An overloaded city's backlog grows without bound: the run stops once
       more than a week of calls waits for a first unit. */
    double per_day = 0;
    for (size_t p = 0; p < nb * (size_t)s->ntypes; p++)
        per_day += w->scale[p] * DAY_MIN;
    res->calls_per_day_expected = per_day;
    w->overload_limit = (uint64_t)fmax(1000, fmin(7 * per_day, 1e12));

    /* The proactive layer: acceptance keys for every process, an extra
       process for types that can rise above their base rate, the first
       hour's auxiliaries and the daily step. */
    if (s->prevention.enabled) {
        w->rate_cap = s->prevention.rate_cap;
        if (!(w->pv = prevent_create(s, c, w->end)) ||
            !(w->scratch = sim_rng_stream(s->seed, rep, 0)) || calls_init_extra(w) != 0)
            return -1;
        double cost, aux = prevent_aux_hour(w->pv, 0, 0.0, &cost);
        if (w->warm <= 0 && 60.0 <= w->end) { /* the first hour is observed */
            res->aux_hours += aux;
            res->aux_cost += cost;
        }
        if (DAY_MIN <= w->end &&
            sim_post_at(w->e, DAY_MIN, PRIO_HOUR, EV_PDAY, (sim_payload){.u64 = 0}) != 0)
            return -1;
    }

    /* Officers start off duty at their base; continuous officers come on
       duty at time 0, the others at their first shift start. */
    for (size_t id = 0; id < no; id++) {
        const roster_officer *ro = &r->officers[id];
        officer *o = &w->of[id];
        /* Desk debts start staggered over one block (golden-ratio
           sequence), so that officers coming on duty together do not all
           go to the desk together. */
        double u = fmod((double)(id + 1) * 0.6180339887498949, 1.0);
        const officer_group *g = &s->groups[ro->group];
        *o = (officer){.act = ACT_OFF_DUTY, .x = ro->base_x, .y = ro->base_y,
                       .at_base = 1, .loc_beat = ro->base_beat, .incident = -1,
                       .cover = -1, .free_pos = -1, .int_pos = -1, .shift_end = INFINITY,
                       .desk_debt = u * g->desk_block_min,
                       .work_since = INFINITY, .work_beat = ro->base_beat,
                       .host = -1, .mate = -1, .w_off = !g->auxiliary, .w_aux = g->auxiliary,
                       .unit_class = g->role == ROLE_PATROL ? UNIT_PATROL
                                     : g->auxiliary     ? UNIT_AUX
                                                        : UNIT_STATION,
                       .group_station = ro->group * (int)ns + ro->station,
                       .break_due = INFINITY};
        if (r->plan[ro->group].missed > 0)
            o->absence_key = sim_rng_derive(s->seed, rep, TAG(TAG_ABSENCE) | id);
        /* stride passes start staggered too */
        for (int k = 0; k <= WORK_KINDS; k++)
            o->pass[k] = fmod((double)(id + 1) * (k + 1) * GOLDEN, 1.0) * WORK_BLOCK_MIN;
        double start = ro->continuous ? 0.0 : roster_next_start(ro, -0.5, &o->next_len);
        if (ro->continuous)
            o->next_len = INFINITY;
        if (start <= w->end && sim_post_at(w->e, start, shift_prio(w, id), EV_SHIFT_START,
                                           (sim_payload){.u64 = id}) != 0)
            return -1;
    }
    if (sim_post_at(w->e, 60.0, PRIO_HOUR, EV_HOUR, (sim_payload){.u64 = 0}) != 0)
        return -1;
    if (res->ndays > 0 &&
        sim_post_at(w->e, w->warm + DAY_MIN, PRIO_HOUR, EV_DAY, (sim_payload){.u64 = 0}) != 0)
        return -1;
    return 0;
}

int world_run(const scenario *s, const city *c, const roster *r, uint64_t rep,
              world_result *out)
{
    return world_run_stop(s, c, r, rep, out, NULL);
}

int world_run_stop(const scenario *s, const city *c, const roster *r, uint64_t rep,
                   world_result *out, const volatile sig_atomic_t *stop)
{
    return world_run_log(s, c, r, rep, out, stop, NULL);
}

_Static_assert(FIRST_OWN_BEAT == 0 && FIRST_OTHER_STATION == 3, "calllog.c's kinds");

int world_run_log(const scenario *s, const city *c, const roster *r, uint64_t rep,
                  world_result *out, const volatile sig_atomic_t *stop, calllog *log)
{
    world w;
    memset(out, 0, sizeof *out);
    int rc = world_init(&w, s, c, r, rep, out);
    w.log = log;
    if (rc == 0) {
        /* A day of simulated time at a time, to notice a stop: the engine
           runs the events up to and including each day's end, so the
           events and their order are those of one call up to w.end. */
        for (double t = 0; t < w.end && rc == 0;) {
            t = fmin(t + DAY_MIN, w.end);
            if (sim_engine_run(w.e, t) == SIM_STOP_REQUEST)
                break; /* a handler stopped the run (w.oom, w.overloaded) */
            if (stop && *stop)
                rc = 1;
        }
        double stopped = w.now;
        w.now = w.end;
        if (rc == 1) {
            /* stopped: nothing to account */
        } else if (w.oom) {
            rc = -1;
        } else if (w.overloaded) {
            rc = WORLD_OVERLOADED;
            out->overload_day = stopped / DAY_MIN;
            out->overload_waiting = w.nwaiting;
        } else {
            out->events = sim_engine_events(w.e);
            out->observed_min = w.end - w.warm;
            /* Overtime still being worked at the end counts for the last
               day when the run ends with a whole day. */
            world_day *last = day_of(&w, w.end - 1e-6);
            for (size_t id = 0; id < r->n; id++) {
                officer *o = &w.of[id];
                if (o->host >= 0) /* a member's time is its lead's */
                    continue;
                if (o->off_after) {
                    double ot = clip(&w, o->shift_end, w.end) * o->w_off;
                    out->overtime_min += ot;
                    if (last)
                        last->overtime_min += ot;
                }
                activity_account(&w, o);
            }
            metrics_levels(&w);
            if (log && calls_log_open(&w) != 0)
                rc = -1;
            if (w.pv)
                out->pool_end = prevent_pool(w.pv);
            if (w.pv && s->prevention.prevention_work) {
                /* safe communities cost from their start */
                const safe_community_params *sc = &s->prevention.safe_communities;
                double years = clip(&w, sc->start_day * DAY_MIN, w.end) / YEAR_MIN;
                for (size_t b = 0; b < c->nbeats; b++)
                    if (w.pv->b[b].hard_from < INFINITY)
                        out->safe_cost += c->beats[b].households * sc->cost_per_household_year * years;
            }
        }
    }
    world_free(&w);
    if (rc != 0) {
        double day = out->overload_day, per_day = out->calls_per_day_expected;
        uint64_t waiting = out->overload_waiting;
        world_result_free(out);
        out->overload_day = day;
        out->overload_waiting = waiting;
        out->calls_per_day_expected = per_day;
    }
    return rc;
}
