/* world.c - one replication of the police world on the event engine.
 *
 * Event kinds (payload = an index):
 *   EV_ARRIVAL      a call of process p = beat * ntypes + type arrives
 *   EV_OFFICER      the timed activity of officer o ends (travel, scene,
 *                   follow-up, desk, return, or the idle timer that says
 *                   desk work is due); one per officer at most, held by
 *                   handle so that dispatch and pre-emption can cancel it
 *   EV_SHIFT_START  officer o comes on duty
 *   EV_SHIFT_END    officer o's shift ends
 *   EV_HOUR         an hour of the clock ends (coverage, by-hour figures)
 *   EV_DAY          an observed day ends (the daily series)
 *   EV_EXTRA        a candidate call of process p above its base rate
 *                   (the proactive layer's extra process)
 *   EV_PDAY         a run day ends: the proactive layer's daily step
 *                   (offenders, migrants, strike intensity, strategy)
 *
 * Who may be sent. Free officers (ACT_AVAILABLE, ACT_RETURN) sit in three
 * structures at once: a sim_grid of the whole city (nearest free officer
 * anywhere), a per-station free list (nearest free officer of the
 * station: a scan of that station's free officers only), and, for beat
 * officers, the beat's short officer list. A call never scans every
 * officer, so the cost per call does not grow with the city. Distances
 * use each officer's true position (moved along its path while driving
 * back to base), except in the city-wide grid, which keeps a returning
 * officer at the point where its drive began until it arrives (moving
 * grid points on every query would cost more than it gains); travel times
 * are always computed from the true position.
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
 *
 * Desk work: an on-duty officer owes desk_share minutes of desk work per
 * minute on duty. A free officer whose debt reaches one desk block goes to
 * base and works a block there; an idle officer sets a timer for the
 * moment the debt will reach a block. The debt carries over between
 * shifts, starts staggered across officers and is capped at two blocks.
 */
#include "world.h"

#include "prevent.h"
#include "sim_engine.h"
#include "sim_grid.h"
#include "sim_nhpp.h"
#include "sim_rng.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const world_activity_names[ACT_N] = {
    "off_duty", "available", "return", "desk", "travel", "scene", "followup",
    "patrol", "visit", "check", "strike"};

enum { EV_ARRIVAL, EV_OFFICER, EV_SHIFT_START, EV_SHIFT_END, EV_HOUR, EV_DAY,
       EV_EXTRA,   /* a candidate call of process p above its base rate */
       EV_PDAY,    /* a run day ends: offenders, migrants, strategy */
       EV_N };

/* Event priorities at equal times: the clock hour first, so that a beat
 * hour is closed before the events that open the next one. */
enum { PRIO_HOUR = 0, PRIO_EVENT = 1 };

#define PI 3.14159265358979323846
#define DAY_MIN 1440.0
#define DESK_CAP_BLOCKS 2.0 /* most desk blocks an officer can owe */
#define YEAR_MIN (365.25 * DAY_MIN)
#define WORK_BLOCK_MIN 60.0 /* checks, strike work and waiting, per block */
#define GOLDEN 0.6180339887498949

/* Stream ids of the proactive layer (sim_rng_derive's third argument): a
 * tag in the top byte, then an index and a counter of 28 bits each. The
 * calls' own streams are 1 + p, so the reactive draws never shift. */
#define TAG(t) ((uint64_t)(t) << 56)
enum { TAG_ACCEPT = 1, TAG_EXTRA = 2, TAG_OFFICER = 3, TAG_STATION = 4, TAG_EXTRA_CALL = 5 };
#define STREAM(t, i, k) (TAG(t) | ((uint64_t)(i) & 0xfffffffu) << 28 | ((uint64_t)(k) & 0xfffffffu))

/* ---- state --------------------------------------------------------------- */

typedef struct officer {
    world_activity act;   /* current activity */
    double act_since;     /* when it began */
    double x, y;          /* position; while travelling, where it set off */
    double tx, ty;        /* travel destination */
    double t_depart;      /* travel start (after the dispatch delay) */
    double t_arrive;      /* travel end */
    int at_base;          /* 1 when standing at its base */
    int loc_beat;         /* beat it stands in (or left, while moving) */
    int incident;         /* the call it works on, or -1 */
    sim_handle timer;     /* pending EV_OFFICER event, or SIM_HANDLE_NONE */
    double timer_at;      /* its time */
    int cover;            /* beat it covers now, or -1 */
    double desk_debt;     /* desk minutes owed */
    double debt_since;    /* last update of desk_debt */
    double backlog_min;   /* interrupted follow-up minutes still to do */
    double shift_end;     /* end of the current shift (INF: continuous) */
    double next_len;      /* length of the shift the next start opens */
    int off_after;        /* 1: shift over, goes off duty when the job ends */
    long free_pos;        /* index in its station's free list, or -1 */
    /* proactive work */
    double work_since;    /* when the current block's work began (patrol:
                             arrival in the beat); INFINITY while driving */
    int work_beat;        /* beat patrolled, visited or checked */
    int patrolling;       /* 1 while counted as present in work_beat */
    double pass[WORK_KINDS + 1]; /* stride-scheduling passes (+ waiting) */
    double vtime;         /* pass of the kind chosen last */
    uint64_t draws;       /* random decisions so far */
} officer;

typedef struct incident {
    int type, beat, station, priority;
    double x, y;            /* place of the call, km */
    double t_call;          /* call time */
    double scene_min;       /* scene work once all units are there */
    int units_total;        /* units the call needs */
    int units_wanted;       /* still to be sent */
    int units_sent;         /* assigned: travelling or on scene */
    int units_arrived;      /* arrived so far */
    int unit[2];            /* assigned officers, -1 for none */
    int lead;               /* first officer to arrive, or -1 */
    int dispatched;         /* 1 once a first officer was sent */
    int counted;            /* 1 if the call falls in the observed period */
    int arrest;             /* 1 if clearing it arrested an offender */
    uint64_t qtoken;        /* token of its live queue entries, 0 = none */
    int next_free;          /* next free record while free; -1 in use
                               (and at the end of the free list) */
} incident;

typedef struct qentry {
    int priority;
    double t_call;
    uint64_t token;
    int incident;
} qentry;

typedef struct callq {
    qentry *a;
    size_t n, cap;
} callq;

typedef struct world {
    const scenario *s;
    const city *c;
    const roster *r;
    world_result *res;
    sim_engine *e;
    double now;
    double warm;              /* end of warm-up */
    double end;               /* end of the run */
    sim_metric metric;
    int oom;                  /* memory ran out during the run */

    officer *of;
    sim_grid *grid;           /* free officers, whole city */
    int **sfree;              /* free officers per station */
    long *sfree_n;

    incident *inc;
    size_t ninc, capinc;
    int inc_free;             /* head of the free list */
    uint64_t token;           /* last queue token handed out */
    callq cityq;
    callq *stationq;

    /* arrival processes */
    sim_nhpp *prof;           /* per type: unit-mean weekly profile */
    double *scale;            /* per process: calls per unit of profile */
    gsl_rng **rng;            /* per process */
    double *day_mult;         /* gamma day factors, or NULL */
    sim_nhpp_segments segs;

    /* coverage and by-hour levels */
    int *cover_n;             /* officers covering each beat now */
    double *cover_since;      /* when cover_n last became > 0 */
    double *cover_min;        /* covered minutes in the current hour */
    long n_on, n_busy;        /* officers on duty / busy now */
    double lvl_t;             /* last change of the levels */
    double on_int, busy_int;  /* their integrals since the hour began */
    double day_act[ACT_N];    /* act_min totals when the day began */
    double day_overtime;      /* overtime_min total when the day began */

    /* the proactive layer, or NULL when prevention is off */
    prevent *pv;
    uint64_t rep;
    gsl_rng *scratch;         /* repositioned for each counter-based draw */
    uint64_t *acc_key;        /* per process: key of its acceptance draws */
    uint64_t *acc_n;          /* candidates so far */
    uint64_t *x_key;          /* per process: key of its extra candidates,
                                 0 when the type cannot rise */
    uint64_t *x_n;
    double rate_cap;
    uint32_t crimes_today;    /* opportunistic or offender calls, run day */
} world;

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

/* ---- small helpers ----------------------------------------------------------- */

/* Memory exhaustion inside a handler stops the run; world_run reports it. */
static void fail(world *w)
{
    w->oom = 1;
    sim_engine_stop(w->e);
}

static int is_busy(world_activity a)
{
    return a == ACT_TRAVEL || a == ACT_SCENE || a == ACT_FOLLOWUP;
}

static double clip(const world *w, double t0, double t1)
{
    if (t0 < w->warm)
        t0 = w->warm;
    return t1 > t0 ? t1 - t0 : 0.0;
}

/* Hour of the week of time t, 0 = Monday 00:00-01:00. */
static int hour_of_week(double t)
{
    int h = (int)(fmod(t, 7 * DAY_MIN) / 60.0);
    return h < 0 ? 0 : h > 167 ? 167 : h;
}

/* The observed day holding time t, or NULL (warm-up, or past the last
 * whole day). */
static world_day *day_of(const world *w, double t)
{
    double d = floor((t - w->warm) / DAY_MIN);
    return d >= 0 && d < (double)w->res->ndays ? &w->res->days[(size_t)d] : NULL;
}

static void levels_integrate(world *w)
{
    double dt = w->now - w->lvl_t;
    w->on_int += (double)w->n_on * dt;
    w->busy_int += (double)w->n_busy * dt;
    w->lvl_t = w->now;
}

static int is_work(world_activity a)
{
    return a >= ACT_PATROL && a <= ACT_STRIKE;
}

static void work_end(world *w, size_t id);

/* Moves officer o into activity a, accounting the time spent in the old
 * one (after the warm-up) and the on-duty and busy levels; a block of
 * proactive work that ends is credited first. */
static void set_act(world *w, officer *o, world_activity a)
{
    if (is_work(o->act))
        work_end(w, (size_t)(o - w->of));
    double dt = clip(w, o->act_since, w->now);
    w->res->act_min[o->act] += dt;
    if (is_busy(o->act))
        w->res->officer_busy_min[o - w->of] += dt;
    int was_on = o->act != ACT_OFF_DUTY, on = a != ACT_OFF_DUTY;
    int was_busy = is_busy(o->act), busy = is_busy(a);
    if (was_on != on || was_busy != busy) {
        levels_integrate(w);
        w->n_on += on - was_on;
        w->n_busy += busy - was_busy;
    }
    o->act = a;
    o->act_since = w->now;
}

/* Officer o now covers `beat` (-1: none). A beat's covered time in the
 * current hour grows while at least one officer covers it. */
static void set_cover(world *w, officer *o, int beat)
{
    if (o->cover == beat)
        return;
    if (o->cover >= 0 && --w->cover_n[o->cover] == 0)
        w->cover_min[o->cover] += w->now - w->cover_since[o->cover];
    o->cover = beat;
    if (beat >= 0 && w->cover_n[beat]++ == 0)
        w->cover_since[beat] = w->now;
}

/* The beat a free or desk-bound officer covers: its own beat for a beat
 * officer, else the beat it stands in. */
static int idle_cover(const world *w, size_t id)
{
    int b = w->r->officers[id].beat;
    return b >= 0 ? b : w->of[id].loc_beat;
}

/* Where officer o is now: travelling officers are moved along the straight
 * line between start and destination in proportion to time. */
static void position(const world *w, const officer *o, double *x, double *y)
{
    if ((o->act == ACT_TRAVEL || o->act == ACT_RETURN || o->act == ACT_PATROL) &&
        o->t_arrive > o->t_depart &&
        w->now > o->t_depart) {
        double f = (w->now - o->t_depart) / (o->t_arrive - o->t_depart);
        if (f > 1)
            f = 1;
        *x = o->x + f * (o->tx - o->x);
        *y = o->y + f * (o->ty - o->y);
    } else {
        *x = o->x;
        *y = o->y;
    }
}

static double distance(const world *w, double x0, double y0, double x1, double y1)
{
    double dx = x1 - x0, dy = y1 - y0;
    return w->metric == SIM_METRIC_L2 ? hypot(dx, dy) : fabs(dx) + fabs(dy);
}

/* Driving time in minutes over `km` right-angle (or straight) kilometres
 * into a beat of land type `land`. */
static double drive_min(const world *w, double km, int beat)
{
    const land_params *lp = &w->s->land[w->c->beats[beat].land];
    return w->s->dispatch.detour * km / lp->speed_kmh * 60.0;
}

static void timer_set(world *w, size_t id, double at)
{
    officer *o = &w->of[id];
    o->timer = sim_schedule_at(w->e, at, PRIO_EVENT, EV_OFFICER,
                               (sim_payload){.u64 = id});
    o->timer_at = at;
    if (o->timer == SIM_HANDLE_NONE)
        fail(w);
}

static void timer_cancel(world *w, officer *o)
{
    if (o->timer != SIM_HANDLE_NONE)
        sim_cancel(w->e, o->timer);
    o->timer = SIM_HANDLE_NONE;
}

/* Brings officer o's desk debt up to now: + desk_share per minute on
 * duty, - 1 per minute at the desk, capped at DESK_CAP_BLOCKS blocks (desk
 * work missed for calls beyond that is dropped, not made up). */
static void debt_update(world *w, officer *o, const officer_group *g)
{
    double dt = w->now - o->debt_since;
    o->desk_debt += g->desk_share * dt;
    if (o->act == ACT_DESK)
        o->desk_debt -= dt;
    if (o->desk_debt > DESK_CAP_BLOCKS * g->desk_block_min)
        o->desk_debt = DESK_CAP_BLOCKS * g->desk_block_min;
    o->debt_since = w->now;
}

static const officer_group *group_of(const world *w, size_t id)
{
    return &w->s->groups[w->r->officers[id].group];
}

/* ---- free officers -------------------------------------------------------------- */

static void free_add(world *w, size_t id)
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

static void free_remove(world *w, size_t id)
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

/* ---- incidents ------------------------------------------------------------------ */

static int incident_new(world *w)
{
    if (w->inc_free < 0) {
        size_t cap = w->capinc ? 2 * w->capinc : 256;
        incident *a = realloc(w->inc, cap * sizeof *a);
        if (!a)
            return -1;
        w->inc = a;
        for (size_t i = cap; i-- > w->capinc;) {
            a[i].next_free = w->inc_free;
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

static void incident_close(world *w, int id)
{
    incident *i = &w->inc[id];
    i->qtoken = 0;
    i->next_free = w->inc_free;
    w->inc_free = id;
    w->ninc--;
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
    int own = w->s->dispatch.policy == DISPATCH_BEAT_FIRST &&
              r->station_first[i->station + 1] > r->station_first[i->station];
    if (q_push(&w->cityq, q) != 0 || (own && q_push(&w->stationq[i->station], q) != 0))
        fail(w);
}

/* ---- dispatch ------------------------------------------------------------------- */

/* Sends officer id (free, or taken by pre-emption) to call `iid`. */
static void assign(world *w, size_t id, int iid)
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
    free_remove(w, id);
    double x, y;
    position(w, o, &x, &y);
    timer_cancel(w, o);
    debt_update(w, o, group_of(w, id));
    set_act(w, o, ACT_TRAVEL);
    o->x = x;
    o->y = y;
    o->tx = i->x;
    o->ty = i->y;
    o->at_base = 0;
    o->incident = iid;
    o->t_depart = w->now + w->s->dispatch.delay_min;
    o->t_arrive = o->t_depart + drive_min(w, distance(w, x, y, i->x, i->y), i->beat);
    set_cover(w, o, i->beat);
    i->unit[i->unit[0] < 0 ? 0 : 1] = (int)id;
    i->units_wanted--;
    i->units_sent++;
    timer_set(w, id, o->t_arrive);
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
        position(w, o, &ox, &oy);
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
            position(w, o, &ox, &oy);
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
        position(w, o, &ox, &oy);
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
        position(w, o, &x, &y);
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
    assign(w, (size_t)best, iid);
    return 1;
}

/* Sends units to call iid until it has them all or nobody is left; a call
 * still short waits in the queues. */
static void dispatch(world *w, int iid)
{
    while (w->inc[iid].units_wanted > 0) {
        long id = choose(w, iid);
        if (id < 0)
            break;
        assign(w, (size_t)id, iid);
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

/* ---- officer life cycle ------------------------------------------------------------- */

static void go_off_duty(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->off_after) {
        w->res->overtime_min += clip(w, o->shift_end, w->now);
        o->off_after = 0;
    }
    timer_cancel(w, o);
    free_remove(w, id);
    debt_update(w, o, group_of(w, id));
    set_act(w, o, ACT_OFF_DUTY);
    set_cover(w, o, -1);
    o->incident = -1;
}

/* Starts the drive back to base; the officer is free meanwhile. */
static void start_return(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    set_act(w, o, ACT_RETURN);
    o->tx = ro->base_x;
    o->ty = ro->base_y;
    o->t_depart = w->now;
    o->t_arrive = w->now + drive_min(w, distance(w, o->x, o->y, o->tx, o->ty), ro->base_beat);
    set_cover(w, o, idle_cover(w, id));
    if (o->free_pos < 0)
        free_add(w, id);
    timer_set(w, id, o->t_arrive);
}

/* ---- proactive work ---------------------------------------------------------------- */

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
static void work_end(world *w, size_t id)
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
static double block_min(const world *w, int k)
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
static int pick_work(world *w, size_t id, double share[WORK_KINDS + 1])
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

static void work_begin(world *w, size_t id, int k, const double share[WORK_KINDS + 1])
{
    officer *o = &w->of[id];
    o->vtime = o->pass[k];
    o->pass[k] += block_min(w, k) / share[k];
}

/* Officer id (free) starts patrolling: its own beat (beat officers), else
 * a beat of its station, drawn at random (random patrol) or the next of
 * the station's hot-spot beats. It drives there; the block starts on
 * arrival. */
static void start_patrol(world *w, size_t id)
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
    position(w, o, &x, &y);
    set_act(w, o, ACT_PATROL);
    const city_beat *cb = &w->c->beats[b];
    o->x = x;
    o->y = y;
    o->tx = cb->x;
    o->ty = cb->y;
    o->at_base = 0;
    o->work_beat = b;
    o->work_since = INFINITY;
    o->t_depart = w->now;
    o->t_arrive = w->now + drive_min(w, distance(w, x, y, cb->x, cb->y), b);
    set_cover(w, o, b);
    if (o->free_pos < 0)
        free_add(w, id);
    timer_set(w, id, o->t_arrive);
}

/* Officer id at its base starts a block of visits, checks or strike
 * work there (visits and checks in its own beat). */
static void start_block(world *w, size_t id, world_activity a, double len)
{
    officer *o = &w->of[id];
    set_act(w, o, a);
    o->work_beat = w->r->officers[id].beat >= 0 ? w->r->officers[id].beat : o->loc_beat;
    o->work_since = w->now;
    set_cover(w, o, idle_cover(w, id));
    if (o->free_pos < 0)
        free_add(w, id);
    timer_set(w, id, w->now + len);
}

/* Officer id has nothing to do: desk work if a block is owed, else the
 * proactive work its shares give, else drive back to base or wait. The
 * queues are known to be empty or already tried. */
static void idle(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    const officer_group *g = &w->s->groups[ro->group];
    debt_update(w, o, g);
    if (g->desk_share > 0 && o->desk_debt >= g->desk_block_min * (1 - 1e-9)) {
        if (o->at_base) {
            free_remove(w, id);
            set_act(w, o, ACT_DESK);
            set_cover(w, o, idle_cover(w, id));
            timer_set(w, id, w->now + g->desk_block_min);
        } else {
            start_return(w, id);
        }
        return;
    }
    double share[WORK_KINDS + 1];
    int k = w->pv ? pick_work(w, id, share) : -1;
    if (k == WORK_PATROL) {
        work_begin(w, id, k, share);
        start_patrol(w, id);
        return;
    }
    if (k >= 0 && k < WORK_KINDS) { /* at base; go there first */
        if (!o->at_base) {
            start_return(w, id);
            return;
        }
        static const world_activity act[WORK_KINDS] = {ACT_PATROL, ACT_VISIT, ACT_CHECK,
                                                       ACT_STRIKE};
        work_begin(w, id, k, share);
        start_block(w, id, act[k], block_min(w, k));
        return;
    }
    if (!o->at_base && w->s->dispatch.return_to_base) {
        start_return(w, id);
        return;
    }
    set_act(w, o, ACT_AVAILABLE);
    set_cover(w, o, idle_cover(w, id));
    if (o->free_pos < 0)
        free_add(w, id);
    if (k == WORK_KINDS) { /* a block of waiting, then choose again */
        work_begin(w, id, k, share);
        double due = w->now + WORK_BLOCK_MIN;
        if (g->desk_share > 0) {
            double desk = w->now + (g->desk_block_min - o->desk_debt) / g->desk_share;
            if (desk > w->now && desk < due)
                due = desk;
        }
        timer_set(w, id, due);
        return;
    }
    if (g->desk_share > 0) {
        /* When the debt is a hair short of a block the due time may round
           to now; then the desk is due now (else the timer would repeat
           at the same time for ever). */
        double due = w->now + (g->desk_block_min - o->desk_debt) / g->desk_share;
        if (!(due > w->now)) {
            o->desk_debt = g->desk_block_min;
            idle(w, id);
            return;
        }
        timer_set(w, id, due);
    }
}

/* Officer id has finished a job (or come on duty): off duty if the shift
 * is over, else the next queued call, else interrupted follow-up, else
 * idle. */
static void become_free(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    o->incident = -1;
    if (o->off_after) {
        go_off_duty(w, id);
        return;
    }
    /* A half-staffed call anywhere first (rank 0 heads the city queue),
       then the station's queue, then the city's. */
    int iid = q_head(w, &w->cityq);
    if (iid >= 0 && w->cityq.a[0].priority != 0 &&
        w->s->dispatch.policy == DISPATCH_BEAT_FIRST) {
        int own = q_head(w, &w->stationq[ro->station]);
        if (own >= 0)
            iid = own;
    }
    if (iid >= 0) {
        assign(w, id, iid);
        return;
    }
    if (o->backlog_min > 0) {
        free_remove(w, id);
        debt_update(w, o, group_of(w, id));
        set_act(w, o, ACT_FOLLOWUP);
        set_cover(w, o, idle_cover(w, id));
        timer_set(w, id, w->now + o->backlog_min);
        o->backlog_min = 0;
        return;
    }
    idle(w, id);
}

/* ---- handlers ------------------------------------------------------------------------ */

static void record_response(world *w, const incident *i)
{
    world_result *res = w->res;
    double rt = w->now - i->t_call;
    res->answered++;
    sim_tally_add(&res->response[0], rt);
    sim_tally_add(&res->response[i->priority], rt);
    sim_quant_add(&res->response_q[0], rt);
    sim_quant_add(&res->response_q[i->priority], rt);
    sim_tally_add(&res->week_response[hour_of_week(i->t_call)], rt);
    world_day *d = day_of(w, i->t_call);
    if (d) {
        d->answered++;
        d->response_sum += rt;
    }
    res->beat_answered[i->beat]++;
    res->beat_response_sum[i->beat] += rt;
    if (rt <= w->s->land[w->c->beats[i->beat].land].target_min) {
        res->within_target++;
        res->beat_within[i->beat]++;
    }
}

static void on_arrive(world *w, size_t id)
{
    officer *o = &w->of[id];
    int iid = o->incident;
    incident *i = &w->inc[iid];
    set_act(w, o, ACT_SCENE);
    o->x = o->tx;
    o->y = o->ty;
    o->loc_beat = i->beat;
    i->units_arrived++;
    if (i->lead < 0) {
        i->lead = (int)id;
        if (i->counted)
            record_response(w, i);
    }
    if (i->units_wanted == 0 && i->units_arrived == i->units_total) {
        for (int k = 0; k < 2; k++)
            if (i->unit[k] >= 0)
                timer_set(w, (size_t)i->unit[k], w->now + i->scene_min);
    }
}

static void on_scene_end(world *w, size_t id)
{
    officer *o = &w->of[id];
    int iid = o->incident;
    incident *i = &w->inc[iid];
    const incident_type *t = &w->s->types[i->type];
    i->unit[i->unit[0] == (int)id ? 0 : 1] = -1;
    i->units_sent--;
    int lead = i->lead == (int)id;
    double followup = t->followup_h * 60.0;
    if (i->arrest) /* booking and case file of the arrest */
        followup += w->s->prevention.strike.arrest_followup_h * 60.0;
    if (i->units_sent == 0 && i->units_wanted == 0)
        incident_close(w, iid);
    o->incident = -1;
    if (lead && followup > 0) {
        set_act(w, o, ACT_FOLLOWUP);
        timer_set(w, id, w->now + followup);
    } else {
        become_free(w, id);
    }
}

static void on_officer(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    size_t id = (size_t)ev->payload.u64;
    officer *o = &w->of[id];
    o->timer = SIM_HANDLE_NONE;
    switch (o->act) {
    case ACT_TRAVEL:
        on_arrive(w, id);
        break;
    case ACT_SCENE:
        on_scene_end(w, id);
        break;
    case ACT_FOLLOWUP:
        become_free(w, id);
        break;
    case ACT_DESK:
        debt_update(w, o, group_of(w, id));
        become_free(w, id);
        break;
    case ACT_RETURN:
        o->x = o->tx;
        o->y = o->ty;
        o->at_base = 1;
        o->loc_beat = w->r->officers[id].base_beat;
        if (sim_grid_move(w->grid, (uint32_t)id, o->x, o->y) != 0)
            fail(w);
        idle(w, id);
        break;
    case ACT_AVAILABLE: /* desk work is due, or a wait block ends */
        idle(w, id);
        break;
    case ACT_PATROL:
        if (o->work_since == INFINITY) { /* arrived in the beat */
            o->x = o->tx;
            o->y = o->ty;
            o->t_depart = o->t_arrive = w->now;
            o->loc_beat = o->work_beat;
            if (sim_grid_move(w->grid, (uint32_t)id, o->x, o->y) != 0)
                fail(w);
            prevent_patrol(w->pv, (size_t)o->work_beat, group_of(w, id)->patrol, +1, w->now);
            o->patrolling = 1;
            o->work_since = w->now;
            timer_set(w, id, w->now + w->s->prevention.patrol.block_min);
        } else {
            become_free(w, id);
        }
        break;
    case ACT_VISIT:
    case ACT_CHECK:
    case ACT_STRIKE:
        become_free(w, id);
        break;
    default:
        break;
    }
}

/* Place, on-scene time and the clearance draw of a call of type t in beat
 * b, from g in this order. */
static void draw_call(gsl_rng *g, const city_beat *b, const incident_type *t, double *x,
                      double *y, double *scene, double *uclear)
{
    if (b->shape == SHAPE_DISC) {
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

/* A call of process p is made at the current time and dispatched. */
static void new_call(world *w, size_t p, double x, double y, double scene, int cleared,
                     int arrest)
{
    const scenario *s = w->s;
    int beat = (int)(p / (size_t)s->ntypes), type = (int)(p % (size_t)s->ntypes);
    const incident_type *t = &s->types[type];
    int iid = incident_new(w);
    if (iid < 0) {
        fail(w);
        return;
    }
    incident *i = &w->inc[iid];
    *i = (incident){
        .type = type, .beat = beat, .station = w->c->beats[beat].station, .priority = t->priority,
        .x = x, .y = y, .t_call = w->now, .scene_min = scene,
        .units_total = t->units, .units_wanted = t->units,
        .unit = {-1, -1}, .lead = -1, .counted = w->now >= w->warm, .arrest = arrest,
        .next_free = -1};
    if (t->opportunistic || t->offender_driven)
        w->crimes_today++;
    if (i->counted) {
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
            res->station_arrests[i->station]++;
            if (d)
                d->arrests++;
        }
    }
    dispatch(w, iid);
}

/* A call removed by prevention work (it would have happened given the
 * state of offenders and campaigns). */
static void count_prevented(world *w, size_t beat)
{
    if (w->now < w->warm)
        return;
    w->res->prevented++;
    w->res->beat_prevented[beat]++;
    world_day *d = day_of(w, w->now);
    if (d)
        d->prevented++;
}

/* A candidate call of process p at its base rate. Under the proactive
 * layer it happens with probability min(m, 1) (thinning; m the rate
 * multiplier of prevent.h), decided by a counter-based uniform, so the
 * call's own stream is drawn exactly as in the reactive model. */
static void on_arrival(sim_engine *e, const sim_event *ev, void *model)
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
    int cleared = uclear < t->clearance, arrest = 0;
    if (w->pv) {
        uint64_t k = w->acc_n[p]++;
        double u = sim_rng_counter_uniform(w->acc_key[p], 2 * k);
        double other, m = prevent_mult(w->pv, (size_t)beat, type, w->now, &other);
        if (!(u < m * other)) {
            if (u < other)
                count_prevented(w, (size_t)beat);
            return;
        }
        clear_and_arrest(w, p, uclear,
                         sim_rng_counter_uniform(w->acc_key[p], 2 * k + 1), &cleared, &arrest);
    }
    new_call(w, p, x, y, scene, cleared, arrest);
}

/* A candidate call of process p above its base rate: the extra process
 * runs at (rate_cap - 1) x the base rate and keeps a candidate with
 * probability (min(m, rate_cap) - 1) / (rate_cap - 1), so that the two
 * together have rate min(m, rate_cap) x base. Its draws are counter-based
 * (key x_key[p]; candidate k: its time 3k, acceptance 3k + 1, arrest
 * 3k + 2), never from the call streams. */
static void on_extra(sim_engine *e, const sim_event *ev, void *model)
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
            count_prevented(w, (size_t)beat);
        return;
    }
    sim_rng_reset(w->scratch, s->seed, w->rep, STREAM(TAG_EXTRA_CALL, p, k));
    double x, y, scene, uclear;
    draw_call(w->scratch, &w->c->beats[beat], &s->types[type], &x, &y, &scene, &uclear);
    int cleared, arrest;
    clear_and_arrest(w, p, uclear, sim_rng_counter_uniform(w->x_key[p], 3 * k + 2), &cleared,
                     &arrest);
    new_call(w, p, x, y, scene, cleared, arrest);
}

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

static void on_shift_start(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    size_t id = (size_t)ev->payload.u64;
    officer *o = &w->of[id];
    double len = o->next_len;
    if (o->act != ACT_OFF_DUTY) { /* still on a job from the last shift */
        if (o->off_after)
            w->res->overtime_min += clip(w, o->shift_end, w->now);
        o->off_after = 0;
    } else {
        const roster_officer *ro = &w->r->officers[id];
        o->x = ro->base_x;
        o->y = ro->base_y;
        o->at_base = 1;
        o->loc_beat = ro->base_beat;
        o->debt_since = w->now;
        set_act(w, o, ACT_AVAILABLE);
    }
    o->shift_end = w->now + len;
    if (o->shift_end <= w->end &&
        sim_post_at(e, o->shift_end, PRIO_EVENT, EV_SHIFT_END, ev->payload) != 0) {
        fail(w);
        return;
    }
    if (o->act == ACT_AVAILABLE)
        become_free(w, id);
}

static void on_shift_end(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    size_t id = (size_t)ev->payload.u64;
    officer *o = &w->of[id];
    if (is_busy(o->act))
        o->off_after = 1;
    else
        go_off_duty(w, id);
    double next = roster_next_start(&w->r->officers[id], w->now, &o->next_len);
    if (next <= w->end && sim_post_at(e, next, PRIO_EVENT, EV_SHIFT_START, ev->payload) != 0)
        fail(w);
}

static void on_hour(sim_engine *e, const sim_event *ev, void *model)
{
    (void)ev;
    world *w = model;
    w->now = sim_now(e);
    world_result *res = w->res;
    int h = hour_of_week(w->now - 30.0);
    int observed = w->now - 60.0 >= w->warm - 1e-9;
    world_day *day = day_of(w, w->now - 30.0);
    levels_integrate(w);
    if (observed) {
        res->week_onduty_min[h] += w->on_int;
        res->week_busy_min[h] += w->busy_int;
        res->week_hours[h]++;
    }
    w->on_int = w->busy_int = 0;
    for (size_t b = 0; b < w->c->nbeats; b++) {
        if (w->cover_n[b] > 0) {
            w->cover_min[b] += w->now - w->cover_since[b];
            w->cover_since[b] = w->now;
        }
        if (observed) {
            res->beat_hours++;
            if (!(w->cover_min[b] > 0)) {
                res->gap_hours++;
                res->week_gaps[h]++;
                res->beat_gaps[b]++;
                res->beat_hour_gaps[b * 24 + (size_t)(h % 24)]++;
                if (day)
                    day->gap_hours++;
            }
        }
        w->cover_min[b] = 0;
    }
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

/* An observed day ends: the officer time of the day (every officer's
 * current activity is accounted up to now), its overtime (counted on the
 * day an overtime stretch ends) into the daily series. */
static void on_day(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    world_result *res = w->res;
    size_t k = (size_t)ev->payload.u64;
    for (size_t id = 0; id < w->r->n; id++) {
        officer *o = &w->of[id];
        double dt = clip(w, o->act_since, w->now);
        res->act_min[o->act] += dt;
        if (is_busy(o->act))
            res->officer_busy_min[id] += dt;
        o->act_since = w->now;
    }
    world_day *d = &res->days[k];
    for (int a = 0; a < ACT_N; a++) {
        d->act_min[a] = res->act_min[a] - w->day_act[a];
        w->day_act[a] = res->act_min[a];
    }
    d->overtime_min = res->overtime_min - w->day_overtime;
    w->day_overtime = res->overtime_min;
    if (k + 1 < res->ndays &&
        sim_post_at(e, w->now + DAY_MIN, PRIO_HOUR, EV_DAY, (sim_payload){.u64 = k + 1}) != 0)
        fail(w);
}

/* ---- set-up and tear-down ------------------------------------------------------------ */

static void world_free(world *w)
{
    sim_engine_free(w->e);
    sim_grid_free(w->grid);
    if (w->sfree)
        for (size_t st = 0; st < w->c->nstations; st++)
            free(w->sfree[st]);
    free(w->sfree);
    free(w->sfree_n);
    free(w->of);
    free(w->inc);
    free(w->cityq.a);
    if (w->stationq)
        for (size_t st = 0; st < w->c->nstations; st++)
            free(w->stationq[st].a);
    free(w->stationq);
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
    free(w->cover_n);
    free(w->cover_since);
    free(w->cover_min);
    prevent_free(w->pv);
    if (w->scratch)
        gsl_rng_free(w->scratch);
    free(w->acc_key);
    free(w->acc_n);
    free(w->x_key);
    free(w->x_n);
}

void world_result_free(world_result *res)
{
    for (int k = 0; k <= WORLD_PRIORITIES; k++)
        sim_quant_free(&res->response_q[k]);
    free(res->beat_incidents);
    free(res->beat_answered);
    free(res->beat_within);
    free(res->beat_response_sum);
    free(res->beat_gaps);
    free(res->beat_hour_gaps);
    free(res->officer_busy_min);
    free(res->days);
    free(res->beat_households);
    free(res->beat_crimes);
    free(res->beat_cleared);
    free(res->beat_prevented);
    free(res->beat_contacts);
    free(res->beat_ooc_sum);
    free(res->beat_fam_sum);
    free(res->beat_work_min);
    free(res->station_arrests);
    free(res->station_pool_sum);
    free(res->station_work_min);
    memset(res, 0, sizeof *res);
}

static int result_init(world_result *res, size_t nbeats, size_t nstations, size_t ndays,
                       size_t nofficers)
{
    memset(res, 0, sizeof *res);
    for (int k = 0; k <= WORLD_PRIORITIES; k++) {
        sim_tally_init(&res->response[k]);
        if (sim_quant_init(&res->response_q[k], 1.0 / 16, 131072.0, 1.0 / 128) != 0)
            return -1;
    }
    sim_tally_init(&res->queue_wait);
    for (int h = 0; h < 168; h++)
        sim_tally_init(&res->week_response[h]);
    res->nbeats = nbeats;
    res->beat_incidents = calloc(nbeats ? nbeats : 1, sizeof *res->beat_incidents);
    res->beat_answered = calloc(nbeats ? nbeats : 1, sizeof *res->beat_answered);
    res->beat_within = calloc(nbeats ? nbeats : 1, sizeof *res->beat_within);
    res->beat_response_sum = calloc(nbeats ? nbeats : 1, sizeof *res->beat_response_sum);
    res->beat_gaps = calloc(nbeats ? nbeats : 1, sizeof *res->beat_gaps);
    res->beat_hour_gaps = calloc(nbeats ? 24 * nbeats : 1, sizeof *res->beat_hour_gaps);
    res->officer_busy_min = calloc(nofficers ? nofficers : 1, sizeof *res->officer_busy_min);
    res->ndays = ndays;
    res->days = calloc(ndays ? ndays : 1, sizeof *res->days);
    size_t nb = nbeats ? nbeats : 1, ns = nstations ? nstations : 1;
    res->nstations = nstations;
    res->beat_households = calloc(nb, sizeof *res->beat_households);
    res->beat_crimes = calloc(nb, sizeof *res->beat_crimes);
    res->beat_cleared = calloc(nb, sizeof *res->beat_cleared);
    res->beat_prevented = calloc(nb, sizeof *res->beat_prevented);
    res->beat_contacts = calloc(nb, sizeof *res->beat_contacts);
    res->beat_ooc_sum = calloc(nb, sizeof *res->beat_ooc_sum);
    res->beat_fam_sum = calloc(nb, sizeof *res->beat_fam_sum);
    res->beat_work_min = calloc(nb * WORK_KINDS, sizeof *res->beat_work_min);
    res->station_arrests = calloc(ns, sizeof *res->station_arrests);
    res->station_pool_sum = calloc(ns, sizeof *res->station_pool_sum);
    res->station_work_min = calloc(ns * WORK_KINDS, sizeof *res->station_work_min);
    if (!res->beat_households || !res->beat_crimes || !res->beat_cleared ||
        !res->beat_prevented || !res->beat_contacts || !res->beat_ooc_sum ||
        !res->beat_fam_sum || !res->beat_work_min || !res->station_arrests ||
        !res->station_pool_sum || !res->station_work_min)
        return -1;
    return res->days && res->officer_busy_min && res->beat_hour_gaps && res->beat_incidents && res->beat_answered && res->beat_within &&
                   res->beat_response_sum && res->beat_gaps
               ? 0
               : -1;
}

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
    size_t nb = c->nbeats, ns = c->nstations, no = r->n, nt = (size_t)s->ntypes;
    size_t np = nb * nt;

    if (!(w->e = sim_engine_create(EV_N, w)))
        return -1;
    sim_engine_on(w->e, EV_ARRIVAL, on_arrival);
    sim_engine_on(w->e, EV_OFFICER, on_officer);
    sim_engine_on(w->e, EV_SHIFT_START, on_shift_start);
    sim_engine_on(w->e, EV_SHIFT_END, on_shift_end);
    sim_engine_on(w->e, EV_HOUR, on_hour);
    sim_engine_on(w->e, EV_DAY, on_day);
    sim_engine_on(w->e, EV_EXTRA, on_extra);
    sim_engine_on(w->e, EV_PDAY, on_pday);

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
    w->grid = sim_grid_create(x0 - m, y0 - m, x1 + m, y1 + m, cell);
    w->sfree = calloc(ns, sizeof *w->sfree);
    w->sfree_n = calloc(ns, sizeof *w->sfree_n);
    w->stationq = calloc(ns, sizeof *w->stationq);
    w->of = calloc(no ? no : 1, sizeof *w->of);
    w->prof = calloc(nt, sizeof *w->prof);
    w->scale = calloc(np ? np : 1, sizeof *w->scale);
    w->rng = calloc(np ? np : 1, sizeof *w->rng);
    w->cover_n = calloc(nb, sizeof *w->cover_n);
    w->cover_since = calloc(nb, sizeof *w->cover_since);
    w->cover_min = calloc(nb, sizeof *w->cover_min);
    if (!w->grid || !w->sfree || !w->sfree_n || !w->stationq || !w->of || !w->prof ||
        !w->scale || !w->rng || !w->cover_n || !w->cover_since ||
        !w->cover_min)
        return -1;
    for (size_t st = 0; st < ns; st++) {
        size_t n = r->station_first[st + 1] - r->station_first[st];
        if (!(w->sfree[st] = malloc((n ? n : 1) * sizeof **w->sfree)))
            return -1;
    }
    if (result_init(res, nb, ns, (size_t)floor(s->days + 1e-9), no) != 0)
        return -1;
    res->officers = no;
    for (size_t b = 0; b < nb; b++) {
        res->beat_households[b] = c->beats[b].households;
        res->key_persons += s->prevention.enabled ? (double)llround(c->beats[b].key_persons) : 0;
    }

    for (size_t k = 0; k < nt; k++)
        if (profile_init(&w->prof[k], &s->types[k]) != 0)
            return -1;

    /* Day factors: one gamma(1/v, v) draw per day, mean 1, variance v, on
       stream 0; the first calls of every process on streams 1 + p. */
    double v = s->day_factor_variance;
    if (v > 0) {
        size_t ndays = (size_t)ceil(w->end / DAY_MIN) + 1;
        gsl_rng *g = sim_rng_stream(s->seed, rep, 0);
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
        if (!(w->rng[p] = sim_rng_stream(s->seed, rep, 1 + p)))
            return -1;
        double first = sim_nhpp_next(&w->prof[p % nt], 0.0,
                                     sim_rng_exponential(w->rng[p], 1.0) / w->scale[p],
                                     w->day_mult ? &w->segs : NULL);
        if (first <= w->end &&
            sim_post_at(w->e, first, PRIO_EVENT, EV_ARRIVAL, (sim_payload){.u64 = p}) != 0)
            return -1;
    }

    /* The proactive layer: acceptance keys for every process, an extra
       process for types that can rise above their base rate, the first
       hour's auxiliaries and the daily step. */
    if (s->prevention.enabled) {
        w->rate_cap = s->prevention.rate_cap;
        if (!(w->pv = prevent_create(s, c, w->end)) ||
            !(w->scratch = sim_rng_stream(s->seed, rep, 0)) ||
            !(w->acc_key = calloc(np ? np : 1, sizeof *w->acc_key)) ||
            !(w->acc_n = calloc(np ? np : 1, sizeof *w->acc_n)) ||
            !(w->x_key = calloc(np ? np : 1, sizeof *w->x_key)) ||
            !(w->x_n = calloc(np ? np : 1, sizeof *w->x_n)))
            return -1;
        for (size_t p = 0; p < np; p++) {
            w->acc_key[p] = sim_rng_derive(s->seed, rep, TAG(TAG_ACCEPT) | p);
            /* rates rise above base through the offender pool, and
               through displacement from patrolled neighbours */
            const incident_type *t = &s->types[p % nt];
            int can_rise = t->offender_driven ||
                           (t->opportunistic && s->prevention.deterrence.spillover > 0);
            if (!(w->scale[p] > 0) || !can_rise || !(w->rate_cap > 1))
                continue;
            w->x_key[p] = sim_rng_derive(s->seed, rep, TAG(TAG_EXTRA) | p);
            double first = sim_nhpp_next(&w->prof[p % nt], 0.0,
                                         -log(sim_rng_counter_uniform(w->x_key[p], 0)) /
                                             (w->scale[p] * (w->rate_cap - 1)),
                                         w->day_mult ? &w->segs : NULL);
            if (first <= w->end &&
                sim_post_at(w->e, first, PRIO_EVENT, EV_EXTRA, (sim_payload){.u64 = p}) != 0)
                return -1;
        }
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
        *o = (officer){.act = ACT_OFF_DUTY, .x = ro->base_x, .y = ro->base_y,
                       .at_base = 1, .loc_beat = ro->base_beat, .incident = -1,
                       .cover = -1, .free_pos = -1, .shift_end = INFINITY,
                       .desk_debt = u * s->groups[ro->group].desk_block_min,
                       .work_since = INFINITY, .work_beat = ro->base_beat};
        /* stride passes start staggered too */
        for (int k = 0; k <= WORK_KINDS; k++)
            o->pass[k] = fmod((double)(id + 1) * (k + 1) * GOLDEN, 1.0) * WORK_BLOCK_MIN;
        double start = ro->continuous ? 0.0 : roster_next_start(ro, -0.5, &o->next_len);
        if (ro->continuous)
            o->next_len = INFINITY;
        if (start <= w->end &&
            sim_post_at(w->e, start, PRIO_EVENT, EV_SHIFT_START, (sim_payload){.u64 = id}) != 0)
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
    world w;
    memset(out, 0, sizeof *out);
    int rc = world_init(&w, s, c, r, rep, out);
    if (rc == 0) {
        sim_engine_run(w.e, w.end);
        w.now = w.end;
        if (w.oom) {
            rc = -1;
        } else {
            out->events = sim_engine_events(w.e);
            out->observed_min = w.end - w.warm;
            /* Overtime still being worked at the end counts for the last
               day when the run ends with a whole day. */
            world_day *last = day_of(&w, w.end - 1e-6);
            for (size_t id = 0; id < r->n; id++) {
                officer *o = &w.of[id];
                if (o->off_after) {
                    double ot = clip(&w, o->shift_end, w.end);
                    out->overtime_min += ot;
                    if (last)
                        last->overtime_min += ot;
                }
                double dt = clip(&w, o->act_since, w.end);
                out->act_min[o->act] += dt;
                if (is_busy(o->act))
                    out->officer_busy_min[id] += dt;
            }
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
    if (rc != 0)
        world_result_free(out);
    return rc;
}

/* ---- named metrics ------------------------------------------------------------------- */

typedef struct mlist {
    world_metric *out;
    size_t max, n;
} mlist;

/* Appends metric a + b + c (three parts of the name) with value v. */
static void put(mlist *m, double v, const char *a, const char *b, const char *c)
{
    if (m->n < m->max) {
        snprintf(m->out[m->n].name, sizeof m->out[m->n].name, "%s%s%s", a, b, c);
        m->out[m->n].value = v;
    }
    m->n++;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

double world_satisfaction(const world_result *w, const scenario *s, size_t beat)
{
    const scorecard_params *sc = &s->prevention.scorecard;
    double wsum = sc->satisfaction[0] + sc->satisfaction[1] + sc->satisfaction[2];
    if (!s->prevention.enabled || !(wsum > 0) || w->nbeats == 0)
        return NAN;
    size_t b0 = beat == SIZE_MAX ? 0 : beat, b1 = beat == SIZE_MAX ? w->nbeats : beat + 1;
    double years = w->observed_min / YEAR_MIN, num = 0, den = 0;
    for (size_t b = b0; b < b1; b++) {
        double hh = w->beat_households[b];
        if (!(hh > 0))
            continue;
        double resp = w->beat_answered[b] ? (double)w->beat_within[b] / (double)w->beat_answered[b] : 1;
        double vict = (double)w->beat_crimes[b] / hh * 1000.0 / (years > 0 ? years : 1);
        double unharmed = vict < sc->victimisation_ref ? 1 - vict / sc->victimisation_ref : 0;
        double fam = w->pday_samples ? w->beat_fam_sum[b] / w->pday_samples : 0;
        num += hh * 100 * (sc->satisfaction[0] * resp + sc->satisfaction[1] * unharmed +
                           sc->satisfaction[2] * fam) / wsum;
        den += hh;
    }
    return den > 0 ? num / den : NAN;
}

size_t world_metrics(const world_result *w, const scenario *s, world_metric *out,
                     size_t max)
{
    static const char *const pname[WORLD_PRIORITIES + 1] = {"", "p1", "p2", "p3"};
    mlist m = {out, max, 0};
    double days = w->observed_min / DAY_MIN;
    double onduty = 0;
    for (int a = 1; a < ACT_N; a++)
        onduty += w->act_min[a];
    double busy = w->act_min[ACT_TRAVEL] + w->act_min[ACT_SCENE] + w->act_min[ACT_FOLLOWUP];

    put(&m, (double)w->incidents, "incidents_count", "", "");
    put(&m, ratio((double)w->incidents, days), "incidents_per_day", "", "");
    for (int p = 1; p <= WORLD_PRIORITIES; p++)
        put(&m, (double)w->by_priority[p - 1], "incidents_", pname[p], "_count");
    for (int k = 0; k < s->ntypes; k++)
        put(&m, (double)w->by_type[k], "incidents_", s->types[k].name, "_count");
    put(&m, sim_tally_mean(&w->response[0]), "response_mean_min", "", "");
    put(&m, sim_quant_quantile(&w->response_q[0], 0.5), "response_p50_min", "", "");
    put(&m, sim_quant_quantile(&w->response_q[0], 0.9), "response_p90_min", "", "");
    for (int p = 1; p <= WORLD_PRIORITIES; p++) {
        put(&m, sim_tally_mean(&w->response[p]), "response_", pname[p], "_mean_min");
        put(&m, sim_quant_quantile(&w->response_q[p], 0.5), "response_", pname[p], "_p50_min");
        put(&m, sim_quant_quantile(&w->response_q[p], 0.9), "response_", pname[p], "_p90_min");
    }
    put(&m, ratio((double)w->within_target, (double)w->answered), "within_target_share", "", "");
    put(&m, sim_tally_mean(&w->queue_wait), "queue_wait_mean_min", "", "");
    put(&m, ratio((double)w->waited, (double)w->incidents), "waited_share", "", "");
    put(&m, (double)(w->incidents - w->answered), "unanswered_count", "", "");
    put(&m, ratio((double)w->cross_beat, (double)w->dispatched), "cross_beat_share", "", "");
    put(&m, ratio((double)w->cross_station, (double)w->dispatched), "cross_station_share", "", "");
    put(&m, ratio((double)w->cleared, (double)w->incidents), "cleared_share", "", "");
    put(&m, (double)w->officers, "officers_count", "", "");
    put(&m, ratio(onduty, w->observed_min), "officers_on_duty_mean", "", "");
    put(&m, ratio(busy, onduty), "utilisation_share", "", "");
    for (int a = 0; a < ACT_N; a++)
        put(&m, w->act_min[a] / 60.0, world_activity_names[a], "_hours", "");
    for (int a = 1; a < ACT_N; a++)
        put(&m, ratio(w->act_min[a], onduty), world_activity_names[a], "_share", "");
    put(&m, w->overtime_min / 60.0, "overtime_hours", "", "");
    put(&m, ratio((double)w->gap_hours, (double)w->beat_hours), "coverage_gap_share", "", "");
    put(&m, (double)w->preemptions, "preemptions_count", "", "");

    /* the proactive layer */
    double proactive = w->act_min[ACT_PATROL] + w->act_min[ACT_VISIT] + w->act_min[ACT_CHECK] +
                       w->act_min[ACT_STRIKE];
    double nd = w->pday_samples;
    put(&m, ratio(proactive, onduty), "proactive_share", "", "");
    put(&m, (double)w->prevented, "prevented_direct_count", "", "");
    put(&m, (double)w->arrests, "arrests_count", "", "");
    put(&m, (double)w->released, "released_count", "", "");
    put(&m, ratio(w->pool_sum, nd), "offender_pool_mean", "", "");
    put(&m, (double)w->pool_end, "offender_pool_end", "", "");
    put(&m, w->key_persons, "key_persons_count", "", "");
    put(&m, ratio(w->ooc_sum, w->ooc_samples), "out_of_control_mean", "", "");
    put(&m, w->ooc_max, "out_of_control_max", "", "");
    put(&m, ratio(ratio(w->ooc_sum, w->ooc_samples), w->key_persons), "out_of_control_share", "", "");
    put(&m, (double)w->check_attempts, "check_attempts_count", "", "");
    put(&m, (double)w->checks, "checks_count", "", "");
    put(&m, (double)w->visit_attempts, "visit_attempts_count", "", "");
    put(&m, (double)w->contacts, "contacts_count", "", "");
    put(&m, ratio(w->fam_sum, nd), "familiarity_mean", "", "");
    put(&m, ratio(w->registered_sum, nd), "registered_share", "", "");
    put(&m, world_satisfaction(w, s, SIZE_MAX), "satisfaction_index", "", "");
    put(&m, w->aux_hours, "auxiliary_hours", "", "");
    put(&m, w->aux_cost, "auxiliary_cost", "", "");
    put(&m, w->safe_cost, "safe_community_cost", "", "");
    put(&m, (double)w->strike_days, "strike_period_days", "", "");
    put(&m, (double)w->rate_capped, "rate_capped_count", "", "");
    put(&m, (double)w->events, "events_count", "", "");
    return m.n;
}
