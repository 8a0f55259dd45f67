/* prevent.h - the proactive layer's state: deterrence by presence,
 * familiarity from community contacts, migrant registration, key persons
 * and their checks, safe communities, the offender pool per station,
 * strike intensity, crackdowns and the adaptive strategy.
 *
 * This module knows beats and stations, not officers: the world (work.c) decides who
 * patrols, visits, checks or does strike work and tells this module what
 * was done; this module answers what that does to incident rates and
 * clearance. The equations, defaults and sources are in docs/model.md
 * ("Proactive work"). Every function is deterministic given its
 * arguments; the few random draws (offender pool, releases) come from a
 * generator the caller passes.
 *
 * Rates. The rate of type k in beat b at time t is its reactive base rate
 * (world.h) times
 *     m(b, k, t) = m_prev(b, k, t) x m_other(b, k, t)
 *     m_prev  = D_b(t)^[opportunistic] x (1 + s d_nbr(t))^[opportunistic]
 *               x (1 - e_F F_b(t))^[opportunistic or offender-driven]
 *               x H_b(t)^[hardening]
 *     m_other = O_s(t)^[offender-driven] x C(t)^[offender-driven]
 * with D the share of opportunistic crime not deterred by presence, s the
 * spill-over (deterrence.spillover) and d_nbr the mean share deterred in
 * the touching beats (1 when s is 0), F the
 * familiarity index, H the safe-community factor, O the offender pool
 * (plus out-of-control key persons) over its reference, C the crackdown
 * factor. m_prev holds what prevention work does; m_other what strike
 * work, offenders and campaigns do. calls.c samples the rate by thinning.
 *
 * Memory: prevent_create allocates everything; prevent_free releases it.
 */
#ifndef PREVENT_H
#define PREVENT_H

#include "city.h"
#include "scenario.h"

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdint.h>

/* Place classes of a beat for deterrence: its hot spots and the rest. */
enum { PLACE_HOT = 0, PLACE_REST = 1, PLACE_CLASSES = 2 };

typedef struct prevent_beat {
    /* deterrence, per place class: the residual R(t) relaxes towards
       inflow x mean life with the inflow and presence that hold since
       t_ref (officers' and auxiliaries' contributions added) */
    double share[PLACE_CLASSES];    /* share of the beat's opportunistic
                                       crime in the class */
    double r_ref[PLACE_CLASSES];    /* residual at t_ref */
    double t_ref;
    double inflow[PLACE_CLASSES];   /* residual inflow now, per minute */
    double presence[PLACE_CLASSES]; /* share of the class's crime watched now */
    double off_inflow[PLACE_CLASSES], off_presence[PLACE_CLASSES]; /* officers */
    int patrolling;                 /* officers patrolling here now */
    double aux_on;                  /* auxiliary patrollers on duty now */
    double aux_unit[2 * PLACE_CLASSES]; /* their presence[2] and inflow[2]
                                       (effectiveness included) */
    double unit[2][2 * PLACE_CLASSES]; /* per patroller and patrol mode:
                                       presence[2], inflow[2] */
    /* familiarity: recent contacts per household, decaying */
    double contacts, contacts_t;
    /* migrants: unregistered share */
    double unregistered;
    /* key persons: last check times, a ring sorted from `head` */
    double *kp_last;
    size_t kp_n, kp_head;
    int ooc;                        /* out of control at the last count */
    /* safe community: effect from this time on (INFINITY: never) */
    double hard_from;
    /* neighbouring beats for spill-over: nbr[nbr_first .. +nbr_n) */
    size_t nbr_first, nbr_n;
} prevent_beat;

typedef struct prevent_station {
    long pool;                /* active offenders */
    double ref;               /* reference pool (0: no pool model) */
    double recruit0;          /* recruitment per day at the reference */
    double strike_today;      /* strike minutes worked today */
    double strike_index;      /* strike hours a week, smoothed */
    int ooc;                  /* key persons out of control */
    double *release;          /* release times, FIFO (fixed sentences) */
    size_t rel_head, rel_n, rel_cap;
    size_t *hot;              /* its beats with the most opportunistic
                                 crime, most first */
    size_t nhot, hot_next;    /* how many; next to patrol */
} prevent_station;

typedef struct prevent {
    const scenario *s;
    const city *c;
    prevent_beat *b;
    prevent_station *st;
    size_t *nbr;              /* neighbour lists */
    double crimes_window;     /* adaptive rule: incidents in the window */
    uint32_t *day_crimes;     /* per run day, opportunistic or offender */
    size_t ndays;
    double ref_rate;          /* crimes a day expected at base rates */
    double strike_until;      /* adaptive strike period ends (or -INF) */
} prevent;

/* Builds the state for a run of `end` minutes: reference pools and
 * recruitment (calibrated so that the reactive model sits at the
 * reference), key-person rings (last checks spread over one interval
 * before time 0), hot-spot beats, neighbours, safe-community beats.
 * Returns NULL when memory is exhausted. */
prevent *prevent_create(const scenario *s, const city *c, double end);
void prevent_free(prevent *p);

/* Rate multipliers of type `type` in beat `beat` at time t (see above):
 * returns m_prev and stores m_other in *other. */
double prevent_mult(const prevent *p, size_t beat, int type, double t, double *other);

/* Clearance probability of a call of type `type` in beat `beat` at t:
 * the base clearance raised by familiarity (tip-offs) and, for
 * offender-driven types, by the station's strike intensity; at most 1. */
double prevent_clearance(const prevent *p, size_t beat, int type, double t);

/* A patroller of mode `mode` starts (sign +1) or stops (-1) patrolling
 * beat `beat` at time t. */
void prevent_patrol(prevent *p, size_t beat, patrol_mode mode, int sign, double t);

/* Sets the auxiliaries on duty in every beat for hour of day `hour`,
 * from time t. Returns the auxiliary patroller-hours of that hour and
 * stores their cost in *cost. */
double prevent_aux_hour(prevent *p, int hour, double t, double *cost);

/* `contacts` successful visits in beat `beat` at time t. */
void prevent_contacts(prevent *p, size_t beat, double contacts, double t);

/* A check of the most overdue key person of `beat` at time t: it is
 * checked when `found` (then it is back under control). Returns 0 when
 * the beat has no key persons. */
int prevent_check(prevent *p, size_t beat, int found, double t);

/* Key persons of `beat` out of control at time t (last check longer ago
 * than the check interval); also caches the count for the beat and
 * station (prevent_mult uses the cache). */
int prevent_ooc(prevent *p, size_t beat, double t);

/* A cleared offender-driven case at station `st` arrests an offender if
 * the pool holds one: removed for the sentence; `replaced` (drawn by the
 * caller with probability offenders.replacement) adds a newcomer.
 * Returns 1 if an offender was arrested. */
int prevent_arrest(prevent *p, size_t st, int replaced, double t);

/* Strike minutes worked for station `st`. */
void prevent_strike(prevent *p, size_t st, double minutes);

/* The daily step at the end of run day `day` (time t): releases (each
 * back in the pool with probability recidivism), recruitment (Poisson),
 * desistance (binomial) per station on generator g(station) (the caller
 * positions one generator per station and day); migrant registration;
 * strike intensity; the adaptive rule. `crimes` = opportunistic or
 * offender-driven incidents that day. Returns the number released. */
long prevent_day(prevent *p, size_t day, double t, uint32_t crimes,
                 gsl_rng *(*g)(void *ctx, size_t station), void *ctx);

/* 1 while the adaptive strategy is in its strike period at time t. */
int prevent_strike_period(const prevent *p, double t);

/* Work shares (patrol, visit, check, strike) of officer `id` of group g
 * at time t under the strategy and any crackdown; `beat_role` 0 for
 * station officers (no visits or checks). The patrol share is weighted
 * by the group's patrol_hours of t's hour of day; if the shares then add
 * up to more than 1 they are all scaled down to sum 1. */
void prevent_work(const prevent *p, const officer_group *g, size_t id, int beat_role, double t,
                  double out[WORK_KINDS]);

/* Familiarity index of `beat` at t, in [0, 1). */
double prevent_familiarity(const prevent *p, size_t beat, double t);

/* Total active offenders. */
long prevent_pool(const prevent *p);

#endif /* PREVENT_H */
