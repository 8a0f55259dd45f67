/* dispatch.c - who is sent to a call: the free-officer structures, the
 * dispatch policy, pre-emption, and the call queues.
 *
 * Who may be sent. Free officers (ACT_AVAILABLE, ACT_RETURN and the four
 * proactive activities) sit in three structures at once: a sim_grid of
 * the whole city (nearest free officer anywhere), a per-station free list
 * (nearest free officer of the station: a scan of that station's free
 * officers only), and, for beat officers, the beat's short officer list.
 * A call never scans every officer, so the cost per call does not grow
 * with the city. Distances use each officer's true position (moved along
 * its path while driving back to base), except in the city-wide grid,
 * which keeps a returning officer at the point where its drive began
 * until it arrives (moving grid points on every query would cost more
 * than it gains); travel times are always computed from the true
 * position.
 *
 * When nobody can be sent the call waits in the city queue and, under
 * beat_first, in its station's queue (both ordered by rank, then call
 * time; lazy deletion by token; the rank is the priority, or 0 for a
 * two-unit call already short of only its second unit). An officer who
 * becomes free takes a rank-0 call anywhere, else the head of its
 * station's queue, else of the city's. While any officer is free the
 * queues are empty, so a freed officer never needs to look further.
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

/* ---- free officers ------------------------------------------------------ */

void dispatch_free_add(world *w, size_t id)
{
    officer *o = &w->of[id];
    int st = w->r->officers[id].station;
    if (sim_grid_insert(w->grid, (uint32_t)id, o->x, o->y) != 0) {
        fail(w);
        return;
    }
    o->free_pos = w->sfree_n[st];
    w->sfree[st][w->sfree_n[st]++] = (int)id;
}

void dispatch_free_remove(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->free_pos < 0)
        return;
    int st = w->r->officers[id].station;
    sim_grid_remove(w->grid, (uint32_t)id);
    int last = w->sfree[st][--w->sfree_n[st]];
    w->sfree[st][o->free_pos] = last;
    w->of[last].free_pos = o->free_pos;
    o->free_pos = -1;
}

/* ---- dispatch ------------------------------------------------------------ */

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
    int own = w->s->dispatch.policy == DISPATCH_BEAT_FIRST &&
              r->station_first[i->station + 1] > r->station_first[i->station];
    if (q_push(&w->cityq, q) != 0 || (own && q_push(&w->stationq[i->station], q) != 0))
        fail(w);
}

/* Sends officer id (free, or taken by pre-emption) to call `iid`. */
void dispatch_assign(world *w, size_t id, int iid)
{
    officer *o = &w->of[id];
    incident *i = &w->inc[iid];
    const roster_officer *ro = &w->r->officers[id];
    if (!i->dispatched) {
        i->dispatched = 1;
        if (i->counted) {
            w->res->dispatched++;
            sim_tally_add(&w->res->queue_wait, w->now - i->t_call);
            if (ro->beat != i->beat)
                w->res->cross_beat++;
            if (ro->station != i->station)
                w->res->cross_station++;
        }
    }
    dispatch_free_remove(w, id);
    double x, y;
    activity_position(w, o, &x, &y);
    activity_timer_cancel(w, o);
    activity_debt_update(w, o, group_of(w, id));
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

/* Nearest free officer among ids[0..n) to (x, y), ties to the lower id. */
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

/* The free officer the policy sends to call iid, or -1. */
static long choose(world *w, int iid)
{
    const incident *i = &w->inc[iid];
    if (w->s->dispatch.policy == DISPATCH_BEAT_FIRST) {
        const roster *r = w->r;
        long best = -1;
        double bd = INFINITY;
        for (size_t k = r->beat_first[i->beat]; k < r->beat_first[i->beat + 1]; k++) {
            size_t id = r->beat_officers[k];
            const officer *o = &w->of[id];
            if (o->free_pos < 0)
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
        best = nearest_of(w, w->sfree[i->station], w->sfree_n[i->station], i->x, i->y);
        if (best >= 0)
            return best;
    }
    uint32_t id = sim_grid_nearest(w->grid, i->x, i->y, w->metric, NULL);
    return id == SIM_GRID_NONE ? -1 : (long)id;
}

/* Takes an officer of the call's station busy with lower-priority work
 * (desk, follow-up, travel to a call of priority > 1) for a priority-1
 * call: the nearest such. Returns 1 if one was taken. */
static int preempt(world *w, int iid)
{
    const incident *i = &w->inc[iid];
    const roster *r = w->r;
    long best = -1;
    double bd = INFINITY;
    for (size_t k = r->station_first[i->station]; k < r->station_first[i->station + 1]; k++) {
        size_t id = r->station_officers[k];
        const officer *o = &w->of[id];
        if (o->off_after)
            continue;
        /* not a traveller whose call has a unit waiting on scene for it */
        int ok = o->act == ACT_DESK || o->act == ACT_FOLLOWUP ||
                 (o->act == ACT_TRAVEL && w->inc[o->incident].priority > 1 &&
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

/* Sends units to call iid until it has them all or nobody is left; a call
 * still short waits in the queues. */
void dispatch_call(world *w, int iid)
{
    while (w->inc[iid].units_wanted > 0) {
        long id = choose(w, iid);
        if (id < 0)
            break;
        dispatch_assign(w, (size_t)id, iid);
    }
    if (w->inc[iid].units_wanted > 0 && w->s->dispatch.preempt && w->inc[iid].priority == 1)
        while (w->inc[iid].units_wanted > 0 && preempt(w, iid))
            ;
    if (w->inc[iid].units_wanted > 0) {
        if (!w->inc[iid].dispatched && w->inc[iid].counted)
            w->res->waited++;
        enqueue(w, iid);
    }
}

int dispatch_next_call(world *w, size_t id)
{
    const roster_officer *ro = &w->r->officers[id];
    /* A half-staffed call anywhere first (rank 0 heads the city queue),
       then the station's queue, then the city's. */
    int iid = q_head(w, &w->cityq);
    if (iid >= 0 && w->cityq.a[0].priority != 0 &&
        w->s->dispatch.policy == DISPATCH_BEAT_FIRST) {
        int own = q_head(w, &w->stationq[ro->station]);
        if (own >= 0)
            iid = own;
    }
    return iid;
}
