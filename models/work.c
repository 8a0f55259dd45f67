/* work.c - the proactive work of officers' free time: blocks of patrol,
 * community visits, key-person checks and strike work, which one comes
 * next (stride scheduling over the group's shares), and what each block
 * achieves when it ends (credited to the proactive layer, prevent.h).
 *
 * All four activities are free: dispatch takes an officer from a block
 * like an available one, and the part of the block worked counts.
 */
#include "world_state.h"

#include <gsl/gsl_randist.h>
#include <math.h>

/* A generator for officer id's next random decision. */
static gsl_rng *officer_rng(world *w, size_t id)
{
    sim_rng_reset(w->scratch, w->s->seed, w->rep, STREAM(TAG_OFFICER, id, w->of[id].draws++));
    return w->scratch;
}

/* Probability that a visit at time t finds someone home and willing. */
static double at_home(const world *w, double t)
{
    int h = hour_of_week(t);
    const visit_params *v = &w->s->prevention.visits;
    return h / 24 >= 5 ? v->at_home_weekend[h % 24] : v->at_home_weekday[h % 24];
}

/* Attempts that fit in `minutes` at `each` minutes an attempt: the whole
 * part, plus one with the probability of the fraction. */
static unsigned attempts(gsl_rng *g, double minutes, double each)
{
    double x = minutes / each;
    double n = floor(x);
    return (unsigned)n + (gsl_rng_uniform(g) < x - n);
}

/* Officer id leaves its block of proactive work: credits what the time
 * worked achieved (in proportion: an interrupted block counts in part). */
void work_end(world *w, size_t id)
{
    officer *o = &w->of[id];
    world_result *res = w->res;
    const prevention_params *pv = &w->s->prevention;
    if (o->work_since >= w->now) {
        if (o->patrolling) { /* arrived just now */
            prevent_patrol(w->pv, (size_t)o->work_beat, group_of(w, id)->patrol, -1, w->now);
            o->patrolling = 0;
        }
        return;
    }
    double dt = w->now - o->work_since, obs = clip(w, o->work_since, w->now);
    int counted = w->now >= w->warm;
    int b = o->work_beat, st = w->r->officers[id].station;
    switch (o->act) {
    case ACT_PATROL:
        prevent_patrol(w->pv, (size_t)b, group_of(w, id)->patrol, -1, w->now);
        o->patrolling = 0;
        res->beat_work_min[(size_t)b * WORK_KINDS + WORK_PATROL] += obs;
        break;
    case ACT_VISIT: {
        gsl_rng *g = officer_rng(w, id);
        unsigned n = attempts(g, dt, pv->visits.household_min);
        unsigned k = n ? gsl_ran_binomial(g, at_home(w, o->work_since), n) : 0;
        prevent_contacts(w->pv, (size_t)b, k, w->now);
        if (counted) {
            res->visit_attempts += n;
            res->contacts += k;
            res->beat_contacts[b] += k;
            world_day *d = day_of(w, w->now);
            if (d)
                d->contacts += k;
        }
        res->beat_work_min[(size_t)b * WORK_KINDS + WORK_VISIT] += obs;
        break;
    }
    case ACT_CHECK: {
        gsl_rng *g = officer_rng(w, id);
        unsigned n = attempts(g, dt, pv->key_persons.check_min);
        double p = at_home(w, o->work_since);
        unsigned done = 0;
        for (unsigned k = 0; k < n; k++) {
            int found = gsl_rng_uniform(g) < p;
            done += (unsigned)found;
            prevent_check(w->pv, (size_t)b, found, w->now);
        }
        prevent_ooc(w->pv, (size_t)b, w->now);
        if (counted) {
            res->check_attempts += n;
            res->checks += done;
        }
        res->beat_work_min[(size_t)b * WORK_KINDS + WORK_CHECK] += obs;
        break;
    }
    case ACT_STRIKE:
        prevent_strike(w->pv, (size_t)st, dt);
        res->station_work_min[(size_t)st * WORK_KINDS + WORK_STRIKE] += obs;
        break;
    default:
        break;
    }
    if (o->act != ACT_STRIKE) {
        int wk = o->act == ACT_PATROL ? WORK_PATROL : o->act == ACT_VISIT ? WORK_VISIT : WORK_CHECK;
        res->station_work_min[(size_t)w->c->beats[b].station * WORK_KINDS + wk] += obs;
    }
}

/* Block length of work kind k (WORK_KINDS: waiting). */
double work_block_min(const world *w, int k)
{
    const prevention_params *pv = &w->s->prevention;
    return k == WORK_PATROL ? pv->patrol.block_min : k == WORK_VISIT ? pv->visits.block_min
                                                                    : WORK_BLOCK_MIN;
}

/* What officer id does next with time no call or desk work takes: a work
 * kind, WORK_KINDS to wait available, or -1 when its shares are all 0
 * (then it waits as in the reactive model). Stride scheduling: each kind
 * advances its pass by block / share when chosen, the smallest pass goes
 * next, so the time splits in proportion to the shares without random
 * numbers. The pass is advanced by work_begin, once the block starts.
 * Every kind in use keeps a pass of at least the officer's virtual time
 * (the pass the last chosen kind had): in steady use that changes
 * nothing, and a kind whose share rises from 0 (a strategy switch, a
 * crackdown) starts level with the others instead of catching up on the
 * time it had no share. */
int work_pick(world *w, size_t id, double share[WORK_KINDS + 1])
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    prevent_work(w->pv, group_of(w, id), id, ro->beat >= 0, w->now, share);
    if (ro->beat >= 0) {
        if (!(w->c->beats[ro->beat].households > 0))
            share[WORK_VISIT] = 0;
        if (w->pv->b[ro->beat].kp_n == 0)
            share[WORK_CHECK] = 0;
    }
    double sum = 0;
    for (int k = 0; k < WORK_KINDS; k++)
        sum += share[k];
    if (!(sum > 0))
        return -1;
    share[WORK_KINDS] = sum < 1 ? 1 - sum : 0;
    int best = -1;
    double lo = INFINITY;
    for (int k = 0; k <= WORK_KINDS; k++) {
        if (!(share[k] > 0))
            continue;
        if (o->pass[k] < o->vtime)
            o->pass[k] = o->vtime;
        if (o->pass[k] < lo) {
            lo = o->pass[k];
            best = k;
        }
    }
    return best;
}

void work_begin(world *w, size_t id, int k, const double share[WORK_KINDS + 1])
{
    officer *o = &w->of[id];
    o->vtime = o->pass[k];
    o->pass[k] += work_block_min(w, k) / share[k];
}

/* Officer id (free) starts patrolling: its own beat (beat officers), else
 * a beat of its station, drawn at random (random patrol) or the next of
 * the station's hot-spot beats. It drives there; the block starts on
 * arrival. */
void work_start_patrol(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    int b = ro->beat;
    if (b < 0) {
        const city_station *cs = &w->c->stations[ro->station];
        prevent_station *ps = &w->pv->st[ro->station];
        if (group_of(w, id)->patrol == PATROL_HOTSPOT && ps->nhot) {
            b = (int)ps->hot[ps->hot_next];
            ps->hot_next = (ps->hot_next + 1) % ps->nhot;
        } else {
            size_t k = (size_t)(gsl_rng_uniform(officer_rng(w, id)) * (double)cs->nbeats);
            b = (int)w->c->beat_index[cs->first_beat + (k < cs->nbeats ? k : cs->nbeats - 1)];
        }
    }
    double x, y;
    activity_position(w, o, &x, &y);
    activity_set(w, o, ACT_PATROL);
    const city_beat *cb = &w->c->beats[b];
    o->x = x;
    o->y = y;
    o->tx = cb->x;
    o->ty = cb->y;
    o->at_base = 0;
    o->work_beat = b;
    o->work_since = INFINITY;
    o->t_depart = w->now;
    o->t_arrive = w->now + activity_drive_min(w, distance(w, x, y, cb->x, cb->y), b);
    activity_cover(w, o, b);
    if (o->free_pos < 0)
        dispatch_free_add(w, id);
    activity_timer_set(w, id, o->t_arrive);
}

/* Officer id at its base starts a block of visits, checks or strike
 * work there (visits and checks in its own beat). */
void work_start_block(world *w, size_t id, world_activity a, double len)
{
    officer *o = &w->of[id];
    activity_set(w, o, a);
    o->work_beat = w->r->officers[id].beat >= 0 ? w->r->officers[id].beat : o->loc_beat;
    o->work_since = w->now;
    activity_cover(w, o, activity_idle_cover(w, id));
    if (o->free_pos < 0)
        dispatch_free_add(w, id);
    activity_timer_set(w, id, w->now + len);
}

void work_arrive_patrol(world *w, size_t id)
{
    officer *o = &w->of[id];
    o->x = o->tx;
    o->y = o->ty;
    o->t_depart = o->t_arrive = w->now;
    o->loc_beat = o->work_beat;
    dispatch_free_move(w, id);
    prevent_patrol(w->pv, (size_t)o->work_beat, group_of(w, id)->patrol, +1, w->now);
    o->patrolling = 1;
    o->work_since = w->now;
    activity_timer_set(w, id, w->now + w->s->prevention.patrol.block_min);
}
