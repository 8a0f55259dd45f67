/* world_state.h - the state of one replication of the police world, shared
 * by the files that run it (private to them; the public API is world.h).
 *
 * The world is one concept split over files a newcomer finds by name:
 *   world.c     the replication: set-up, the handler wiring, the run, the
 *               proactive layer's daily step, tear-down
 *   calls.c     the arrival processes, thinning, and the incident pool
 *   dispatch.c  who is sent: the free-officer structures, choosing,
 *               pre-emption, the call queues
 *   activity.c  what an on-duty officer does and when: activities,
 *               timers, travel, desk debt, shift starts and ends
 *   work.c      the proactive blocks of officers' free time (patrol,
 *               visits, checks, strike work) and what they achieve
 *   metrics.c   the result: its storage, what each event records, the
 *               hourly coverage count and the named metrics
 * Functions shared between these files carry the prefix of the file that
 * defines them (calls_, dispatch_, activity_, work_, metrics_); small
 * helpers used everywhere are static inline below.
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
 *   EV_HOLD         a call held for the reserve has waited hold_max_min:
 *                   the reserve no longer holds it (payload: incident
 *                   and its serial)
 *
 * Officers and units. An officer's record is a person of the roster. A
 * unit (a car and its crew) is the record of its first member, the lead;
 * a second member rides in it (host = the lead) and has no activity of
 * its own: the lead's time counts for both (w_off sworn officers and
 * w_aux auxiliary police in the unit). Crews form at shift start from the
 * members present (activity.c); dispatch sees units only.
 */
#ifndef WORLD_STATE_H
#define WORLD_STATE_H

#include "world.h"

#include "calllog.h"

#include "prevent.h"
#include "sim_engine.h"
#include "sim_grid.h"
#include "sim_nhpp.h"
#include "sim_rng.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>

enum { EV_ARRIVAL, EV_OFFICER, EV_SHIFT_START, EV_SHIFT_END, EV_HOUR, EV_DAY,
       EV_EXTRA,   /* a candidate call of process p above its base rate */
       EV_PDAY,    /* a run day ends: offenders, migrants, strategy */
       EV_HOLD,    /* a held call's hold is over */
       EV_N };

/* Event priorities at equal times: the clock hour first, so that a beat
 * hour is closed before the events that open the next one. */
enum { PRIO_HOUR = 0, PRIO_EVENT = 1,
       PRIO_AUX_SHIFT = 2 /* auxiliary police come on and go off duty after
                             the officers of the same moment, whose units
                             they join */ };

/* What kind of unit a lead is, for the free structures. */
enum { UNIT_STATION = 0, /* a unit of its station (grid, station list) */
       UNIT_PATROL,      /* the city patrol tier (patrol grid) */
       UNIT_AUX          /* auxiliary police alone: minor calls only
                            (station's auxiliary list) */ };

#define DAY_MIN 1440.0
#define DESK_CAP_BLOCKS 2.0 /* most desk blocks an officer can owe */
#define YEAR_MIN (365.25 * DAY_MIN)
#define WORK_BLOCK_MIN 60.0 /* checks, strike work and waiting, per block */
#define GOLDEN 0.6180339887498949
#define BREAK_STAGGER 0.7548776662466927 /* 1 / the plastic number: a
                                            second low-discrepancy sequence,
                                            not in step with GOLDEN */

/* Stream ids of the proactive layer (sim_rng_derive's third argument): a
 * tag in the top byte, then an index and a counter of 28 bits each. The
 * calls' own streams are 1 + p, so the reactive draws never shift. */
#define TAG(t) ((uint64_t)(t) << 56)
enum { TAG_ACCEPT = 1, TAG_EXTRA = 2, TAG_OFFICER = 3, TAG_STATION = 4, TAG_EXTRA_CALL = 5,
       TAG_ROUTE = 6,   /* per process: is a call resolved without a car */
       TAG_ABSENCE = 7  /* per officer and shift: absent, and why */ };
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
    long free_pos;        /* index in its free list (station or auxiliary),
                             0 for a free patrol-tier unit, or -1 */
    long int_pos;         /* index in its station's list of officers a
                             call may interrupt (desk, break), or -1 */
    /* the unit (leads only; see the top of the file) */
    int host;             /* the lead it rides with, or -1 */
    int mate;             /* its second member, or -1 */
    int w_off, w_aux;     /* sworn officers and auxiliary police in the
                             unit (0 off duty and for a member) */
    int unit_class;       /* UNIT_STATION, UNIT_PATROL or UNIT_AUX */
    int desk_only;        /* 1: no unit this shift (no car free, or an
                             auxiliary without an officer): desk work */
    int has_car;          /* 1: holds one of its group's station cars */
    int group_station;    /* group x nstations + station: its car pool */
    /* the force */
    int absent;           /* absence kind + 1 during a shift it misses */
    uint32_t nshift;      /* shifts begun (absence draws) */
    uint64_t absence_key; /* key of its absence draws */
    double shift_len;     /* length of the current shift */
    double break_due;     /* when the next meal break falls due (INFINITY:
                             none this shift) */
    double break_left;    /* break minutes owed (due, or interrupted) */
    double phone_left;    /* desk minutes of calls resolved by telephone */
    int desk_phone;       /* 1 while its desk block is telephone work */
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
    int minor;              /* 1: auxiliary police alone may take it */
    int held;               /* 1 once held for the station's reserve */
    int waiting;            /* 1 while queued with no unit sent yet */
    double t_sent;          /* when its first unit was sent */
    int forced;             /* 1: the hold is over, no reserve applies */
    uint32_t serial;        /* tells EV_HOLD whether the record is still
                               this call */
    int counted;            /* 1 if the call falls in the observed period */
    int arrest;             /* 1 if clearing it arrested an offender */
    uint64_t qtoken;        /* token of its live queue entries, 0 = none */
    int next_free;          /* next free record while free; -1 in use
                               (and at the end of the free list) */
    /* for the per-call log (calllog.h; kept whether or not it is on) */
    uint64_t call_no;       /* 1, 2, ...: its number among the observed
                               calls; 0 when not observed, or free */
    double t_queued;        /* when it went to wait for a first unit, or NAN */
    double t_arrived;       /* first unit at the scene, or NAN */
    int served[2];          /* officers that reached the scene, in order */
    int nserved;
    int first_kind;         /* FIRST_* of the first unit sent, or -1 */
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

/* A station's units on duty and busy now, their observed unit-minutes
 * since the last hour's end, and when they were last accounted. */
typedef struct station_level {
    long on, busy;
    double on_min, busy_min, t;
} station_level;

typedef struct world {
    const scenario *s;
    const city *c;
    const roster *r;
    world_result *res;
    calllog *log;             /* the per-call log, or NULL (borrowed) */
    sim_engine *e;
    double now;
    double warm;              /* end of warm-up */
    double end;               /* end of the run */
    sim_metric metric;
    int oom;                  /* memory ran out during the run */

    officer *of;
    sim_grid *grid;           /* free station units, whole city */
    int **sfree;              /* free station units per station */
    long *sfree_n;
    sim_grid *pgrid;          /* free patrol-tier units, or NULL */
    int **afree;              /* free auxiliary-only units per station */
    long *afree_n;
    int **sint;               /* station units at desk or on a break */
    long *sint_n;
    int **open;               /* per station: units formed at open_t with
                                 a seat a member may still take */
    long *open_n;
    double *open_t;
    int *cars_used;           /* [group * nstations + station] */

    incident *inc;
    size_t ninc, capinc;
    int inc_free;             /* head of the free list */
    uint64_t token;           /* last queue token handed out */
    uint32_t serial;          /* last incident serial handed out */
    callq crossq;             /* calls other stations' units may take */
    callq patrolq;            /* calls the patrol tier may take (all) */
    callq *stationq;          /* per station: its waiting calls */
    callq *auxq;              /* per station: its waiting minor calls */
    int own_queues;           /* 1: station queues in use (beat_first, or
                                 a jurisdiction rule) */
    int has_patrol;           /* 1: the roster has a patrol tier */
    double *phone_backlog;    /* per station: telephone minutes waiting */
    uint64_t nwaiting;        /* queued calls with no unit sent yet */
    uint64_t overload_limit;  /* more than this many: the run stops */
    int overloaded;           /* 1: it stopped so */

    /* calls that need no car: counter-based route draws per process */
    uint64_t *route_key;      /* 0 when the type needs a car always */
    uint64_t *route_n;

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
    long u_on, u_busy;        /* units on duty / busy now */
    /* per station, when s->staffing.record (else NULL): its units' levels
       (metrics_station_levels); and the staffing cell of each hour of the
       week */
    station_level *st_lvl;
    unsigned char cell_of[168];
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

/* ---- small helpers ------------------------------------------------------- */

/* Memory exhaustion inside a handler stops the run; world_run reports it. */
static inline void fail(world *w)
{
    w->oom = 1;
    sim_engine_stop(w->e);
}

static inline int is_busy(world_activity a)
{
    return a == ACT_TRAVEL || a == ACT_SCENE || a == ACT_FOLLOWUP;
}

static inline int is_work(world_activity a)
{
    return a >= ACT_PATROL && a <= ACT_STRIKE;
}

/* The length of [t0, t1] after the warm-up. */
static inline double clip(const world *w, double t0, double t1)
{
    if (t0 < w->warm)
        t0 = w->warm;
    return t1 > t0 ? t1 - t0 : 0.0;
}

/* Hour of the week of time t, 0 = Monday 00:00-01:00. */
static inline int hour_of_week(double t)
{
    int h = (int)(fmod(t, 7 * DAY_MIN) / 60.0);
    return h < 0 ? 0 : h > 167 ? 167 : h;
}

/* The observed day holding time t, or NULL (warm-up, or past the last
 * whole day). */
static inline world_day *day_of(const world *w, double t)
{
    double d = floor((t - w->warm) / DAY_MIN);
    return d >= 0 && d < (double)w->res->ndays ? &w->res->days[(size_t)d] : NULL;
}

static inline const officer_group *group_of(const world *w, size_t id)
{
    return &w->s->groups[w->r->officers[id].group];
}

/* The priority levels of the dispatch rules: 1 if a call of priority p
 * passes level `level` (calls of priority <= level). */
static inline int up_to(int p, int level)
{
    return p <= level;
}

/* Priority of person id's shift events: auxiliary police after the
 * officers of the same moment, whose units they join. */
static inline int shift_prio(const world *w, size_t id)
{
    return group_of(w, id)->auxiliary ? PRIO_AUX_SHIFT : PRIO_EVENT;
}

static inline double distance(const world *w, double x0, double y0, double x1, double y1)
{
    double dx = x1 - x0, dy = y1 - y0;
    return w->metric == SIM_METRIC_L2 ? hypot(dx, dy) : fabs(dx) + fabs(dy);
}

/* ---- calls.c: arrivals and the incident pool ----------------------------- */

/* Builds the weekly profiles and posts every process's first call (and,
 * with the proactive layer, the acceptance keys and first candidates of
 * the extra processes). Returns 0 or -1 (out of memory). */
int calls_init(world *w);

/* With the proactive layer (w->pv and w->rate_cap set): every process's
 * acceptance key, and the first candidate of each extra process. Returns
 * 0 or -1 (out of memory). */
int calls_init_extra(world *w);

/* Frees what calls_init and calls_init_extra allocated, and the incident
 * pool (NULL-safe members). */
void calls_free(world *w);

/* Handlers of EV_ARRIVAL and EV_EXTRA. */
void calls_on_arrival(sim_engine *e, const sim_event *ev, void *model);
void calls_on_extra(sim_engine *e, const sim_event *ev, void *model);

/* A free incident record (the pool grows by doubling, so pointers into
 * w->inc are invalid after this call), or -1 when memory is exhausted. */
int calls_new(world *w);

/* Returns incident `id` to the pool. */
void calls_close(world *w, int id);

/* Writes the row of call *i to the per-call log (w->log set, the call
 * observed); `closed`: it closes now (its last unit leaves the scene). */
void calls_log(world *w, const incident *i, int closed);

/* At the end of a run: the rows of the observed calls still open, in
 * their order of arrival. Returns 0, or -1 (memory). */
int calls_log_open(world *w);

/* Handler of EV_HOLD. */
void dispatch_on_hold(sim_engine *e, const sim_event *ev, void *model);

/* ---- dispatch.c: who is sent --------------------------------------------- */

/* Unit id joins / leaves the free structures of its class. */
void dispatch_free_add(world *w, size_t id);
void dispatch_free_remove(world *w, size_t id);

/* Unit id (free) stands at a new place: moves its grid point. */
void dispatch_free_move(world *w, size_t id);

/* Officer id starts / stops desk work or a break: joins / leaves its
 * station's list of officers a call may interrupt (when its group lets
 * calls interrupt that activity). */
void dispatch_int_add(world *w, size_t id);
void dispatch_int_remove(world *w, size_t id);

/* Desk minutes of a call resolved by telephone at station st: a free
 * unit at the station's base starts them now, else they wait in the
 * station's backlog. */
void dispatch_phone(world *w, int st, double minutes);

/* Sends units to new call iid until it has them all or nobody is left; a
 * call still short waits in the queues. */
void dispatch_call(world *w, int iid);

/* Sends officer id (free, or taken by pre-emption) to call iid. */
void dispatch_assign(world *w, size_t id, int iid);

/* The queued call that unit id, just free, takes, or -1: for a station
 * unit a half-staffed call of any station it may serve, else the head of
 * its station's queue (if the reserve lets it go), else a call another
 * station may take; for the patrol tier the head of its queue; for
 * auxiliary police alone their station's minor calls. */
int dispatch_next_call(world *w, size_t id);

/* ---- activity.c: what an officer does ------------------------------------ */

/* Credits officer o's time in its activity since act_since (after the
 * warm-up) to the result, by the unit's members; act_since becomes now. */
void activity_account(world *w, officer *o);

/* Moves officer o into activity a, accounting the time spent in the old
 * one (after the warm-up) and the on-duty and busy levels; a block of
 * proactive work that ends is credited first. */
void activity_set(world *w, officer *o, world_activity a);

/* Officer o now covers `beat` (-1: none). */
void activity_cover(world *w, officer *o, int beat);

/* The beat a free or desk-bound officer covers. */
int activity_idle_cover(const world *w, size_t id);

/* Where officer o is now (travelling officers are moved along their line). */
void activity_position(const world *w, const officer *o, double *x, double *y);

/* Driving time in minutes over `km` into beat `beat`. */
double activity_drive_min(const world *w, double km, int beat);

/* Schedules / cancels officer id's one EV_OFFICER timer. */
void activity_timer_set(world *w, size_t id, double at);
void activity_timer_cancel(world *w, officer *o);

/* Brings officer o's desk debt up to now. */
void activity_debt_update(world *w, officer *o, const officer_group *g);

/* Officer id (free, at or off base) starts a desk block of `minutes` of
 * telephone work. */
void activity_start_phone(world *w, size_t id, double minutes);

/* Officer id is taken from desk work or a break by a call: what is left
 * of the block is kept for later. */
void activity_interrupt(world *w, size_t id);

/* Starts the drive back to base; the officer is free meanwhile. */
void activity_start_return(world *w, size_t id);

/* Officer id has finished a job (or come on duty): off duty if the shift
 * is over, else the next queued call, else interrupted follow-up, else
 * idle. */
void activity_become_free(world *w, size_t id);

/* Handlers of EV_OFFICER, EV_SHIFT_START and EV_SHIFT_END. */
void activity_on_officer(sim_engine *e, const sim_event *ev, void *model);
void activity_on_shift_start(sim_engine *e, const sim_event *ev, void *model);
void activity_on_shift_end(sim_engine *e, const sim_event *ev, void *model);

/* ---- work.c: proactive blocks -------------------------------------------- */

/* What officer id does next with its free time: a work kind, WORK_KINDS
 * to wait available, or -1 (no shares: wait as in the reactive model);
 * share[] receives the shares used. */
int work_pick(world *w, size_t id, double share[WORK_KINDS + 1]);

/* Advances officer id's pass for kind k once its block starts. */
void work_begin(world *w, size_t id, int k, const double share[WORK_KINDS + 1]);

/* Block length of work kind k (WORK_KINDS: waiting). */
double work_block_min(const world *w, int k);

/* Officer id (free) drives to a beat to patrol it. */
void work_start_patrol(world *w, size_t id);

/* Officer id at its base starts a block of visits, checks or strike work. */
void work_start_block(world *w, size_t id, world_activity a, double len);

/* Officer id arrives in the beat it drives to for patrol. */
void work_arrive_patrol(world *w, size_t id);

/* Officer id leaves its block of proactive work: credits what it did. */
void work_end(world *w, size_t id);

/* ---- metrics.c: the result ----------------------------------------------- */

/* Allocates the result's arrays and histograms. Returns 0 or -1. */
int metrics_result_init(world_result *res, size_t nbeats, size_t nstations, size_t ndays,
                        size_t nofficers);

/* Brings the on-duty and busy integrals up to now. */
void metrics_levels(world *w);

/* Unit id, the first to arrive, reached observed call i now. */
void metrics_response(world *w, const incident *i, size_t id);

/* A call of `beat` removed by prevention work. */
void metrics_prevented(world *w, size_t beat);

/* The clock hour ending now (hour of the week h): coverage gaps per beat,
 * on-duty and busy officer-minutes. */
void metrics_hour(world *w, int h, int observed);

/* The units of station st change by don on duty and dbusy busy (when
 * staffing cells are recorded): their observed unit-minutes so far are
 * accounted first. */
void metrics_station_levels(world *w, int st, long don, long dbusy);

/* The staffing cell record of station st for time t (w->res->cells must
 * be set). */
world_cell *metrics_cell(world *w, int st, double t);

/* Handler of EV_DAY. */
void metrics_on_day(sim_engine *e, const sim_event *ev, void *model);

#endif /* WORLD_STATE_H */
