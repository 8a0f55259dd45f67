/* dispatch.c - who is sent to a call: the free-officer structures, the
 * dispatch policy, pre-emption, and the call queues.
 *
 * Who may be sent. Free units (ACT_AVAILABLE, ACT_RETURN and the four
 * proactive activities) of a station sit in three structures at once: a
 * sim_grid of the whole city (nearest free unit anywhere), a per-station
 * free list (nearest free unit of the station: a scan of that station's
 * free units only), and, for beat officers, the beat's short officer list.
 * Free units of the patrol tier sit in a grid of their own, free units of
 * auxiliary police alone in a list per station; officers at desk work or
 * on a break whom a call may interrupt in a list per station.
 * A call never scans every officer, so the cost per call does not grow
 * with the city. Distances use each officer's true position (moved along
 * its path while driving back to base), except in the city-wide grid,
 * which keeps a returning officer at the point where its drive began
 * until it arrives (moving grid points on every query would cost more
 * than it gains); travel times are always computed from the true
 * position.
 *
 * The order for a call of priority p at station s (choose): with F free
 * units at s and the reserve R = dispatch.reserve[p]:
 *   - a minor call takes a free unit of auxiliary police of s first;
 *   - 0 < F <= R (and the hold not over): the call is held for the
 *     reserve; only the patrol tier may take it;
 *   - beat_first: the beat's own free officers, else the nearest free unit
 *     of s; nearest: the nearest free unit of s or, if p passes
 *     dispatch.cross_station, of any station, or of the patrol tier;
 *   - F = 0: an officer of s at desk work or on a break whose group lets a
 *     call of priority p interrupt it, else the patrol tier, else (p
 *     passes cross_station) the nearest free unit of another station
 *     whose own free units stay above its reserve;
 *   - p passes dispatch.preempt: a unit of s busy with lower-priority work.
 * When nobody can be sent the call waits in the queues (each ordered by
 * rank, then call time; lazy deletion by token; the rank is the priority,
 * or 0 for a two-unit call already short of only its second unit): its
 * station's (beat_first, or a jurisdiction rule), the cross-station queue
 * (calls other stations may take), the patrol tier's (every call) and its
 * station's queue of minor calls. A unit that becomes free takes a rank-0
 * call it may serve, else the head of its station's queue if the reserve
 * lets it go, else the head of the cross-station queue (dispatch_next_call).
 * A call held for the reserve is released after dispatch.hold_max_min
 * (EV_HOLD). With the reserve at 0, every priority crossing stations and
 * no patrol tier, queues hold calls only while no unit is free.
 *
 * Two-unit calls: as many free officers as there are (up to two) are sent;
 * a call still short of a unit waits in the queues for it, at rank 0 (its
 * first officer is waiting on scene). The scene work starts when the last
 * unit arrives. The first officer to arrive is the lead and does the
 * follow-up work.
 */
#include "world_state.h"

#include <math.h>
#include <stdlib.h>

/* ---- call queues: binary heaps by (priority, call time, token) ----------- */

static int qless(const qentry *a, const qentry *b)
{
    if (a->priority != b->priority)
        return a->priority < b->priority;
    if (a->t_call != b->t_call)
        return a->t_call < b->t_call;
    return a->token < b->token;
}

static int q_push(callq *q, qentry x)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 16;
        qentry *a = realloc(q->a, cap * sizeof *a);
        if (!a)
            return -1;
        q->a = a;
        q->cap = cap;
    }
    size_t i = q->n++;
    while (i > 0 && qless(&x, &q->a[(i - 1) / 2])) {
        q->a[i] = q->a[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    q->a[i] = x;
    return 0;
}

static void q_pop(callq *q)
{
    qentry x = q->a[--q->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l >= q->n)
            break;
        m = (l + 1 < q->n && qless(&q->a[l + 1], &q->a[l])) ? l + 1 : l;
        if (!qless(&q->a[m], &x))
            break;
        q->a[i] = q->a[m];
        i = m;
    }
    if (q->n)
        q->a[i] = x;
}

/* The live call at the head of q (dropping stale entries), or -1. */
static int q_head(world *w, callq *q)
{
    while (q->n) {
        const qentry *h = &q->a[0];
        const incident *i = &w->inc[h->incident];
        if (i->qtoken == h->token && i->units_wanted > 0)
            return h->incident;
        q_pop(q);
    }
    return -1;
}

/* ---- free units ---------------------------------------------------------- */

/* Removes the officer at *pos from list a of *n officers (which: 1 for an
 * interruptible list, 0 for a free list, whose positions it keeps). */
static void list_remove(world *w, int *a, long *n, long *pos, int which)
{
    int last = a[--*n];
    a[*pos] = last;
    if (which)
        w->of[last].int_pos = *pos;
    else
        w->of[last].free_pos = *pos;
    *pos = -1;
}

void dispatch_free_add(world *w, size_t id)
{
    officer *o = &w->of[id];
    int st = w->r->officers[id].station;
    switch (o->unit_class) {
    case UNIT_PATROL:
        if (sim_grid_insert(w->pgrid, (uint32_t)id, o->x, o->y) != 0) {
            fail(w);
            return;
        }
        o->free_pos = 0;
        return;
    case UNIT_AUX:
        o->free_pos = w->afree_n[st];
        w->afree[st][w->afree_n[st]++] = (int)id;
        return;
    default:
        if (sim_grid_insert(w->grid, (uint32_t)id, o->x, o->y) != 0) {
            fail(w);
            return;
        }
        o->free_pos = w->sfree_n[st];
        w->sfree[st][w->sfree_n[st]++] = (int)id;
    }
}

void dispatch_free_remove(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->free_pos < 0)
        return;
    int st = w->r->officers[id].station;
    switch (o->unit_class) {
    case UNIT_PATROL:
        sim_grid_remove(w->pgrid, (uint32_t)id);
        o->free_pos = -1;
        return;
    case UNIT_AUX:
        list_remove(w, w->afree[st], &w->afree_n[st], &o->free_pos, 0);
        return;
    default:
        sim_grid_remove(w->grid, (uint32_t)id);
        list_remove(w, w->sfree[st], &w->sfree_n[st], &o->free_pos, 0);
    }
}

void dispatch_free_move(world *w, size_t id)
{
    officer *o = &w->of[id];
    sim_grid *g = o->unit_class == UNIT_PATROL ? w->pgrid
                  : o->unit_class == UNIT_STATION ? w->grid
                                                  : NULL;
    if (g && o->free_pos >= 0 && sim_grid_move(g, (uint32_t)id, o->x, o->y) != 0)
        fail(w);
}

void dispatch_int_add(world *w, size_t id)
{
    officer *o = &w->of[id];
    const officer_group *g = group_of(w, id);
    int level = o->act == ACT_DESK ? g->desk_interrupt : g->break_interrupt;
    if (o->int_pos >= 0 || level < 1 || o->unit_class != UNIT_STATION || o->desk_only)
        return;
    int st = w->r->officers[id].station;
    o->int_pos = w->sint_n[st];
    w->sint[st][w->sint_n[st]++] = (int)id;
}

void dispatch_int_remove(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->int_pos < 0)
        return;
    int st = w->r->officers[id].station;
    list_remove(w, w->sint[st], &w->sint_n[st], &o->int_pos, 1);
}

/* ---- dispatch ------------------------------------------------------------ */

/* 1 if a call of priority p (forced: its hold is over) may take a unit of
 * a station that has F free units: above the reserve. */
static int reserve_ok(const world *w, int p, long F, int forced)
{
    return forced || (double)F > w->s->dispatch.reserve[p - 1];
}

/* Puts call `id` (again) into the queues. A call that already has a unit
 * (a two-unit call short of its second) goes in at rank 0, ahead of every
 * priority: its first officer is waiting on scene, and serving calls by
 * priority alone could leave every officer waiting on a different
 * half-staffed call for ever. Earlier entries of the call become stale. */
static void enqueue(world *w, int id)
{
    incident *i = &w->inc[id];
    i->qtoken = ++w->token;
    qentry q = {i->units_sent > 0 ? 0 : i->priority, i->t_call, i->qtoken, id};
    /* A station without officers has nobody to drain its queue. */
    const roster *r = w->r;
    int own = w->own_queues && r->station_first[i->station + 1] > r->station_first[i->station];
    int cross = up_to(i->priority, w->s->dispatch.cross_station);
    if (!i->waiting && i->units_sent == 0 && (cross || own || w->has_patrol || i->minor)) {
        i->waiting = 1;
        if (++w->nwaiting > w->overload_limit) { /* the backlog grows without bound */
            w->overloaded = 1;
            sim_engine_stop(w->e);
        }
    }
    if ((cross && q_push(&w->crossq, q) != 0) ||
        (own && q_push(&w->stationq[i->station], q) != 0) ||
        (w->has_patrol && q_push(&w->patrolq, q) != 0) ||
        (i->minor && w->afree && q_push(&w->auxq[i->station], q) != 0))
        fail(w);
}

/* Who unit id is to call i, for world_result.first_by. */
static int first_kind(const world *w, size_t id, const incident *i)
{
    const roster_officer *ro = &w->r->officers[id];
    if (w->of[id].unit_class == UNIT_PATROL)
        return FIRST_PATROL;
    if (ro->station != i->station)
        return FIRST_OTHER_STATION;
    return ro->beat >= 0 && ro->beat == i->beat ? FIRST_OWN_BEAT : FIRST_OWN_STATION;
}

void dispatch_assign(world *w, size_t id, int iid)
{
    officer *o = &w->of[id];
    incident *i = &w->inc[iid];
    if (i->waiting) {
        i->waiting = 0;
        w->nwaiting--;
    }
    if (!i->dispatched) {
        i->dispatched = 1;
        i->t_sent = w->now;
        if (i->counted) {
            int kind = first_kind(w, id, i);
            i->first_kind = kind;
            w->res->dispatched++;
            w->res->first_by[kind]++;
            if (w->res->cells) {
                world_cell *cl = metrics_cell(w, i->station, i->t_call);
                cl->dispatched++;
                cl->own_beat += kind == FIRST_OWN_BEAT;
            }
        }
    }
    /* taken from desk work or a break before its end (at its end the
       timer has fired and the officer is merely free) */
    int cut = (o->act == ACT_DESK || o->act == ACT_BREAK) && o->timer != SIM_HANDLE_NONE;
    dispatch_free_remove(w, id);
    double x, y;
    activity_position(w, o, &x, &y);
    activity_timer_cancel(w, o);
    activity_debt_update(w, o, group_of(w, id));
    if (cut) {
        if (i->counted)
            w->res->interrupted++;
        activity_interrupt(w, id);
    }
    activity_set(w, o, ACT_TRAVEL);
    o->x = x;
    o->y = y;
    o->tx = i->x;
    o->ty = i->y;
    o->at_base = 0;
    o->incident = iid;
    o->t_depart = w->now + w->s->dispatch.delay_min;
    o->t_arrive = o->t_depart + activity_drive_min(w, distance(w, x, y, i->x, i->y), i->beat);
    activity_cover(w, o, i->beat);
    i->unit[i->unit[0] < 0 ? 0 : 1] = (int)id;
    i->units_wanted--;
    i->units_sent++;
    activity_timer_set(w, id, o->t_arrive);
    if (i->units_wanted > 0 && i->qtoken != 0)
        enqueue(w, iid); /* still short, now at rank 0 */
}

/* Nearest officer among ids[0..n) to (x, y), ties to the lower id. */
static long nearest_of(const world *w, const int *ids, long n, double x, double y)
{
    long best = -1;
    double bd = INFINITY;
    for (long k = 0; k < n; k++) {
        const officer *o = &w->of[ids[k]];
        double ox, oy;
        activity_position(w, o, &ox, &oy);
        double d = distance(w, ox, oy, x, y);
        if (d < bd || (d == bd && ids[k] < best)) {
            bd = d;
            best = ids[k];
        }
    }
    return best;
}

/* The nearest free unit in grid g, or -1; its distance in *d. */
static long grid_nearest(const world *w, const sim_grid *g, double x, double y, double *d)
{
    *d = INFINITY;
    if (!g)
        return -1;
    uint32_t id = sim_grid_nearest(g, x, y, w->metric, d);
    return id == SIM_GRID_NONE ? -1 : (long)id;
}

/* The nearest officer of station st at desk work or on a break whom a call
 * of priority p may interrupt, or -1. */
static long interruptible(const world *w, int st, int p, double x, double y)
{
    long best = -1;
    double bd = INFINITY;
    for (long k = 0; k < w->sint_n[st]; k++) {
        size_t id = (size_t)w->sint[st][k];
        const officer *o = &w->of[id];
        const officer_group *g = group_of(w, id);
        if (o->off_after || !up_to(p, o->act == ACT_DESK ? g->desk_interrupt : g->break_interrupt))
            continue;
        double ox, oy;
        activity_position(w, o, &ox, &oy);
        double d = distance(w, ox, oy, x, y);
        if (d < bd || (d == bd && (long)id < best)) {
            bd = d;
            best = (long)id;
        }
    }
    return best;
}

/* The unit the policy sends to call iid, or -1 (see the top of the file);
 * *held is set when the reserve holds the call. */
static long choose(world *w, int iid, int *held)
{
    const incident *i = &w->inc[iid];
    const dispatch_params *dp = &w->s->dispatch;
    int st = i->station, p = i->priority;
    long F = w->sfree_n[st];
    double dpat;
    if (i->minor && w->afree && w->afree_n[st] > 0)
        return nearest_of(w, w->afree[st], w->afree_n[st], i->x, i->y);
    if (F > 0 && !reserve_ok(w, p, F, i->forced)) {
        *held = 1;
        return grid_nearest(w, w->pgrid, i->x, i->y, &dpat);
    }
    if (dp->policy == DISPATCH_BEAT_FIRST) {
        if (F > 0) {
            const roster *r = w->r;
            long best = -1;
            double bd = INFINITY;
            for (size_t k = r->beat_first[i->beat]; k < r->beat_first[i->beat + 1]; k++) {
                size_t id = r->beat_officers[k];
                const officer *o = &w->of[id];
                if (o->free_pos < 0 || o->unit_class != UNIT_STATION)
                    continue;
                double ox, oy;
                activity_position(w, o, &ox, &oy);
                double d = distance(w, ox, oy, i->x, i->y);
                if (d < bd) {
                    bd = d;
                    best = (long)id;
                }
            }
            if (best >= 0)
                return best;
            return nearest_of(w, w->sfree[st], F, i->x, i->y);
        }
    } else {
        long c = -1;
        double dc = INFINITY;
        if (up_to(p, dp->cross_station)) {
            c = grid_nearest(w, w->grid, i->x, i->y, &dc);
            if (c >= 0 && w->r->officers[c].station != st &&
                !reserve_ok(w, p, w->sfree_n[w->r->officers[c].station], i->forced))
                c = -1, dc = INFINITY;
        } else if (F > 0) {
            c = nearest_of(w, w->sfree[st], F, i->x, i->y);
            double ox, oy;
            activity_position(w, &w->of[c], &ox, &oy);
            dc = distance(w, ox, oy, i->x, i->y);
        }
        long pc = grid_nearest(w, w->pgrid, i->x, i->y, &dpat);
        if (pc >= 0 && (c < 0 || dpat < dc || (dpat == dc && pc < c)))
            c = pc;
        if (c >= 0 || F > 0)
            return c;
    }
    /* nobody of the station is free */
    long c = interruptible(w, st, p, i->x, i->y);
    if (c >= 0)
        return c;
    if ((c = grid_nearest(w, w->pgrid, i->x, i->y, &dpat)) >= 0)
        return c;
    if (dp->policy == DISPATCH_BEAT_FIRST && up_to(p, dp->cross_station)) {
        double d;
        c = grid_nearest(w, w->grid, i->x, i->y, &d);
        if (c >= 0 && reserve_ok(w, p, w->sfree_n[w->r->officers[c].station], i->forced))
            return c;
    }
    return -1;
}

/* Takes a unit of the call's station busy with lower-priority work (desk,
 * a break, follow-up, travel to a call of lower priority that has no unit
 * on scene) for call iid: the nearest such. Returns 1 if one was taken. */
static int preempt(world *w, int iid)
{
    const incident *i = &w->inc[iid];
    const roster *r = w->r;
    long best = -1;
    double bd = INFINITY;
    for (size_t k = r->station_first[i->station]; k < r->station_first[i->station + 1]; k++) {
        size_t id = r->station_officers[k];
        const officer *o = &w->of[id];
        if (o->off_after || o->host >= 0 || o->desk_only || o->unit_class != UNIT_STATION)
            continue;
        /* not a traveller whose call has a unit waiting on scene for it */
        int ok = o->act == ACT_DESK || o->act == ACT_BREAK || o->act == ACT_FOLLOWUP ||
                 (o->act == ACT_TRAVEL && w->inc[o->incident].priority > i->priority &&
                  w->inc[o->incident].units_arrived == 0);
        if (!ok)
            continue;
        double ox, oy;
        activity_position(w, o, &ox, &oy);
        double d = distance(w, ox, oy, i->x, i->y);
        if (d < bd) {
            bd = d;
            best = (long)id;
        }
    }
    if (best < 0)
        return 0;
    officer *o = &w->of[best];
    if (o->act == ACT_FOLLOWUP)
        o->backlog_min += o->timer_at - w->now;
    if (o->act == ACT_TRAVEL) {
        double x, y;
        activity_position(w, o, &x, &y);
        o->x = x;
        o->y = y;
        o->t_arrive = o->t_depart = w->now;
        int jid = o->incident;
        incident *j = &w->inc[jid];
        j->unit[j->unit[0] == (int)best ? 0 : 1] = -1;
        j->units_sent--;
        j->units_wanted++;
        enqueue(w, jid);
    }
    o->incident = -1;
    if (w->inc[iid].counted)
        w->res->preemptions++;
    dispatch_assign(w, (size_t)best, iid);
    return 1;
}

/* Marks call iid held for its station's reserve (counted once). */
static void hold(world *w, int iid)
{
    incident *i = &w->inc[iid];
    if (!i->held) {
        i->held = 1;
        if (i->counted)
            w->res->held++;
    }
}

/* Sends units to call iid until it has them all or nobody is left; a call
 * still short waits in the queues. `first`: the call is new. */
static void send(world *w, int iid, int first)
{
    int held = 0;
    while (w->inc[iid].units_wanted > 0) {
        long id = choose(w, iid, &held);
        if (id < 0)
            break;
        dispatch_assign(w, (size_t)id, iid);
    }
    incident *i = &w->inc[iid];
    if (i->units_wanted > 0 && up_to(i->priority, w->s->dispatch.preempt))
        while (w->inc[iid].units_wanted > 0 && preempt(w, iid))
            ;
    i = &w->inc[iid];
    if (i->units_wanted > 0) {
        if (held)
            hold(w, iid);
        if (first && !i->dispatched && i->counted) {
            i->t_queued = i->t_call;
            w->res->waited++;
            if (w->res->cells)
                metrics_cell(w, i->station, i->t_call)->waited++;
        }
        if (first && w->s->dispatch.reserve[i->priority - 1] > 0 &&
            sim_post_at(w->e, fmax(w->now, i->t_call + w->s->dispatch.hold_max_min), PRIO_EVENT,
                        EV_HOLD, (sim_payload){.u64 = (uint64_t)i->serial << 32 | (uint32_t)iid}) != 0)
            fail(w);
        enqueue(w, iid);
    }
}

void dispatch_call(world *w, int iid)
{
    send(w, iid, 1);
}

void dispatch_on_hold(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    int iid = (int)(uint32_t)ev->payload.u64;
    uint32_t serial = (uint32_t)(ev->payload.u64 >> 32);
    if ((size_t)iid >= w->capinc)
        return;
    incident *i = &w->inc[iid];
    if (i->next_free != -1 || i->serial != serial || i->qtoken == 0 || i->units_sent > 0 ||
        i->units_wanted == 0)
        return; /* gone, or already served */
    i->forced = 1;
    send(w, iid, 0);
}

int dispatch_next_call(world *w, size_t id)
{
    const officer *o = &w->of[id];
    if (o->unit_class == UNIT_PATROL)
        return q_head(w, &w->patrolq);
    int st = w->r->officers[id].station;
    if (o->unit_class == UNIT_AUX)
        return q_head(w, &w->auxq[st]);
    long F = w->sfree_n[st] + (o->free_pos < 0);
    /* A half-staffed call it may serve first (rank 0 heads the queue),
       then its station's queue, then a call another station may take. */
    int c = q_head(w, &w->crossq);
    if (c >= 0 && w->crossq.a[0].priority == 0)
        return c;
    if (w->own_queues) {
        int own = q_head(w, &w->stationq[st]);
        if (own >= 0) {
            const incident *i = &w->inc[own];
            if (w->stationq[st].a[0].priority == 0 || reserve_ok(w, i->priority, F, i->forced))
                return own;
            hold(w, own);
        }
    }
    if (c >= 0) {
        const incident *i = &w->inc[c];
        if (reserve_ok(w, i->priority, F, i->forced))
            return c;
        if (i->station == st)
            hold(w, c);
    }
    return -1;
}

void dispatch_phone(world *w, int st, double minutes)
{
    /* a free unit standing at its base and waiting, the duty team first */
    long best = -1;
    int best_duty = 0;
    for (long k = 0; k < w->sfree_n[st]; k++) {
        size_t id = (size_t)w->sfree[st][k];
        const officer *o = &w->of[id];
        if (!o->at_base || o->act != ACT_AVAILABLE || group_of(w, id)->base != BASE_STATION)
            continue;
        int duty = group_of(w, id)->role == ROLE_DUTY;
        if (best < 0 || (duty && !best_duty) || (duty == best_duty && (long)id < best)) {
            best = (long)id;
            best_duty = duty;
        }
    }
    if (best >= 0)
        activity_start_phone(w, (size_t)best, minutes);
    else
        w->phone_backlog[st] += minutes;
}
