/* prevent.c - the proactive layer's state and rate multipliers; see
 * prevent.h for the contract and docs/model.md for the equations. */
#include "prevent.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MIN 1440.0
#define YEAR_DAYS 365.25
#define GOLDEN 0.6180339887498949
#define STRIKE_MEMORY_DAYS 7.0 /* mean life of the smoothed strike intensity */

/* Expected calls a day of type k in beat b (profiles have mean 1). */
static double expected_per_day(const scenario *s, const city_beat *b, int k)
{
    const incident_type *t = &s->types[k];
    return t->rate_per_1000_year / 1000.0 * b->residents * t->land_mult[b->land] / YEAR_DAYS;
}

static double opportunistic_per_day(const scenario *s, const city_beat *b)
{
    double x = 0;
    for (int k = 0; k < s->ntypes; k++)
        if (s->types[k].opportunistic)
            x += expected_per_day(s, b, k);
    return x;
}

/* Presence and residual inflow of one patroller of mode m in beat b. */
static void patrol_unit(const scenario *s, const city_beat *b, const double share[2],
                        patrol_mode m, double out[2 * PLACE_CLASSES])
{
    const deterrence_params *d = &s->prevention.deterrence;
    const patrol_params *pp = &s->prevention.patrol;
    double area_share[2] = {d->hotspot_area_share, 1 - d->hotspot_area_share};
    double q[2] = {m == PATROL_HOTSPOT ? 1.0 : d->hotspot_area_share,
                   m == PATROL_HOTSPOT ? 0.0 : 1 - d->hotspot_area_share};
    double stop = m == PATROL_HOTSPOT ? pp->hotspot_stop_min : pp->random_stop_min;
    double cycle = stop + pp->move_min;
    for (int c = 0; c < PLACE_CLASSES; c++) {
        double area = b->area_km2 * area_share[c];
        double watched = share[c] * (area > d->watch_km2 ? d->watch_km2 / area : 1.0);
        double w = cycle > 0 ? q[c] * watched / cycle : 0;
        out[c] = w * stop;
        out[PLACE_CLASSES + c] =
            w * d->residual_max * -expm1(-stop / d->residual_saturation_min);
    }
}

static int cmp_desc(const void *a, const void *b)
{
    const double *x = a, *y = b; /* [value, index] pairs */
    if (x[0] != y[0])
        return x[0] < y[0] ? 1 : -1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Beats of the same station or not, whose squares touch (1 % slack). */
static int touching(const city_beat *a, const city_beat *b)
{
    double r = 1.01 * (a->half + b->half);
    return fabs(a->x - b->x) <= r && fabs(a->y - b->y) <= r;
}

prevent *prevent_create(const scenario *s, const city *c, double end)
{
    const prevention_params *pv = &s->prevention;
    prevent *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->s = s;
    p->c = c;
    size_t nb = c->nbeats, ns = c->nstations;
    p->b = calloc(nb ? nb : 1, sizeof *p->b);
    p->st = calloc(ns ? ns : 1, sizeof *p->st);
    p->ndays = (size_t)ceil(end / DAY_MIN) + 1;
    p->day_crimes = calloc(p->ndays, sizeof *p->day_crimes);
    p->strike_until = -INFINITY;
    double *rank = malloc((nb ? nb : 1) * 2 * sizeof *rank);
    if (!p->b || !p->st || !p->day_crimes || !rank) {
        free(rank);
        prevent_free(p);
        return NULL;
    }

    double interval = pv->key_persons.check_interval_days * DAY_MIN;
    for (size_t i = 0; i < nb; i++) {
        const city_beat *cb = &c->beats[i];
        prevent_beat *b = &p->b[i];
        b->share[PLACE_HOT] = pv->deterrence.hotspot_crime_share;
        b->share[PLACE_REST] = 1 - pv->deterrence.hotspot_crime_share;
        patrol_unit(s, cb, b->share, PATROL_RANDOM, b->unit[PATROL_RANDOM]);
        patrol_unit(s, cb, b->share, PATROL_HOTSPOT, b->unit[PATROL_HOTSPOT]);
        b->unregistered = 1 - pv->migrants.registered_share;
        b->hard_from = INFINITY;
        b->kp_n = (size_t)llround(cb->key_persons);
        if (b->kp_n) {
            if (!(b->kp_last = malloc(b->kp_n * sizeof *b->kp_last))) {
                free(rank);
                prevent_free(p);
                return NULL;
            }
            /* last checks spread evenly over the interval before 0 */
            for (size_t k = 0; k < b->kp_n; k++)
                b->kp_last[k] = -interval * (1 - (k + 0.5) / (double)b->kp_n);
        }
    }

    /* Safe communities: per land type, the given share of its beats with
       the most hardening-type crime per household. */
    const safe_community_params *sc = &pv->safe_communities;
    for (int l = 0; l < LAND_NTYPES; l++) {
        if (!(sc->beat_share[l] > 0))
            continue;
        size_t n = 0;
        for (size_t i = 0; i < nb; i++) {
            const city_beat *cb = &c->beats[i];
            if ((int)cb->land != l)
                continue;
            double x = 0;
            for (int k = 0; k < s->ntypes; k++)
                if (s->types[k].hardening)
                    x += expected_per_day(s, cb, k);
            rank[2 * n] = cb->households > 0 ? x / cb->households : 0;
            rank[2 * n + 1] = (double)i;
            n++;
        }
        qsort(rank, n, 2 * sizeof *rank, cmp_desc);
        size_t take = (size_t)llround(sc->beat_share[l] * (double)n);
        for (size_t k = 0; k < take; k++)
            p->b[(size_t)rank[2 * k + 1]].hard_from = (sc->start_day + sc->setup_days) * DAY_MIN;
    }

    /* Stations: reference pool and recruitment calibrated so that, with
       base clearance, the pool's expected change at the reference is 0:
       recruitment = ref (desistance + arrests (1 - replacement -
       recidivism)) - the unregistered migrants' share of it. */
    const offender_params *op = &pv->offenders;
    for (size_t si = 0; si < ns; si++) {
        const city_station *cs = &c->stations[si];
        prevent_station *st = &p->st[si];
        double arrests = 0, unreg = 0;
        size_t nbeats = 0;
        for (size_t k = 0; k < cs->nbeats; k++) {
            const city_beat *cb = &c->beats[c->beat_index[cs->first_beat + k]];
            for (int t = 0; t < s->ntypes; t++)
                if (s->types[t].offender_driven)
                    arrests += expected_per_day(s, cb, t) * s->types[t].clearance *
                               op->arrest_share;
            unreg += cb->residents * cb->migrant_share * (1 - pv->migrants.registered_share);
            rank[2 * k] = opportunistic_per_day(s, cb);
            rank[2 * k + 1] = (double)c->beat_index[cs->first_beat + k];
            nbeats++;
        }
        st->ref = op->per_1000_residents * cs->residents / 1000.0;
        if (st->ref > 0) {
            double alpha = arrests / st->ref; /* arrests per offender-day */
            /* desistance as the daily step applies it (a share of the
               pool at the day's start), so the reference is exact */
            st->recruit0 = st->ref * (-expm1(-op->desistance_per_year / YEAR_DAYS) +
                                      alpha * (1 - op->replacement - op->recidivism)) -
                           pv->migrants.recruitment_per_1000 / 1000.0 * unreg / YEAR_DAYS;
            st->pool = lround(op->initial_share * st->ref);
            /* the prison at its equilibrium too: arrests x sentence, with
               releases spread evenly over one sentence */
            double places = arrests * op->sentence_days;
            /* (budget.c bounds it; a size that does not fit fails here
               rather than wrap) */
            size_t n = places < 1e12 ? (size_t)llround(places) : SIZE_MAX / sizeof *st->release;
            if (n && (n >= SIZE_MAX / sizeof *st->release ||
                      !(st->release = malloc(n * sizeof *st->release)))) {
                free(rank);
                prevent_free(p);
                return NULL;
            }
            for (size_t k = 0; k < n; k++)
                st->release[k] = (k + 0.5) / (double)n * op->sentence_days * DAY_MIN;
            st->rel_n = st->rel_cap = n;
        }
        qsort(rank, nbeats, 2 * sizeof *rank, cmp_desc);
        st->nhot = (size_t)pv->patrol.hotspot_beats < cs->nbeats ? (size_t)pv->patrol.hotspot_beats
                                                                : cs->nbeats;
        if (!(st->hot = malloc((st->nhot ? st->nhot : 1) * sizeof *st->hot))) {
            free(rank);
            prevent_free(p);
            return NULL;
        }
        for (size_t k = 0; k < st->nhot; k++)
            st->hot[k] = (size_t)rank[2 * k + 1];
    }
    free(rank);

    /* the adaptive rule's reference: crimes a day at base rates */
    for (size_t i = 0; i < nb; i++)
        for (int k = 0; k < s->ntypes; k++)
            if (s->types[k].opportunistic || s->types[k].offender_driven)
                p->ref_rate += expected_per_day(s, &c->beats[i], k);

    /* Neighbours, only when spill-over is on (O(beats^2) once). */
    if (pv->deterrence.spillover != 0 && nb > 1) {
        size_t cap = 8 * nb, n = 0;
        p->nbr = malloc(cap * sizeof *p->nbr);
        for (size_t i = 0; p->nbr && i < nb; i++) {
            p->b[i].nbr_first = n;
            /* polygon beats: those sharing a boundary (city.h) */
            size_t j0 = c->adj ? c->adj_first[i] : 0, j1 = c->adj ? c->adj_first[i + 1] : nb;
            for (size_t k = j0; k < j1; k++) {
                size_t j = c->adj ? c->adj[k] : k;
                if (j == i || (!c->adj && !touching(&c->beats[i], &c->beats[j])))
                    continue;
                if (n == cap) {
                    size_t *a = realloc(p->nbr, 2 * cap * sizeof *a);
                    if (!a) {
                        free(p->nbr);
                        p->nbr = NULL;
                        break;
                    }
                    p->nbr = a;
                    cap *= 2;
                }
                p->nbr[n++] = j;
            }
            p->b[i].nbr_n = n - p->b[i].nbr_first;
        }
        if (!p->nbr) {
            prevent_free(p);
            return NULL;
        }
    }
    return p;
}

void prevent_free(prevent *p)
{
    if (!p)
        return;
    if (p->b)
        for (size_t i = 0; i < p->c->nbeats; i++)
            free(p->b[i].kp_last);
    if (p->st)
        for (size_t i = 0; i < p->c->nstations; i++) {
            free(p->st[i].release);
            free(p->st[i].hot);
        }
    free(p->b);
    free(p->st);
    free(p->nbr);
    free(p->day_crimes);
    free(p);
}

/* ---- deterrence ---------------------------------------------------------------------- */

/* Residual of class k of beat b at time t >= t_ref. */
static double residual(const prevent *p, const prevent_beat *b, int k, double t)
{
    double tau = p->s->prevention.deterrence.residual_decay_min;
    double eq = b->inflow[k] * tau;
    return eq + (b->r_ref[k] - eq) * exp(-(t - b->t_ref) / tau);
}

/* Share of beat b's opportunistic crime deterred at time t. */
static double deterred(const prevent *p, const prevent_beat *b, double t)
{
    double e = p->s->prevention.deterrence.presence_effect, x = 0;
    for (int k = 0; k < PLACE_CLASSES; k++) {
        double d = e * b->presence[k] + residual(p, b, k, t);
        x += d < b->share[k] ? d : b->share[k];
    }
    return x < 1 ? x : 1;
}

/* Recomputes beat b's presence and inflow from its officers and
 * auxiliaries, from time t on (the residual so far is kept). Each officer
 * on patrol takes one auxiliary into a mixed team, which then counts once. */
static void refresh(prevent *p, size_t i, double t)
{
    prevent_beat *b = &p->b[i];
    for (int k = 0; k < PLACE_CLASSES; k++)
        b->r_ref[k] = residual(p, b, k, t);
    b->t_ref = t;
    /* each officer on patrol takes one auxiliary into its team */
    double keep = b->aux_on > b->patrolling ? (b->aux_on - b->patrolling) / b->aux_on : 0;
    for (int k = 0; k < PLACE_CLASSES; k++) {
        if (b->patrolling == 0)
            b->off_presence[k] = b->off_inflow[k] = 0; /* no rounding residue */
        b->presence[k] = b->off_presence[k] + keep * b->aux_unit[k];
        b->inflow[k] = b->off_inflow[k] + keep * b->aux_unit[PLACE_CLASSES + k];
    }
}

void prevent_patrol(prevent *p, size_t beat, patrol_mode mode, int sign, double t)
{
    prevent_beat *b = &p->b[beat];
    b->patrolling += sign;
    for (int k = 0; k < PLACE_CLASSES; k++) {
        b->off_presence[k] += sign * b->unit[mode][k];
        b->off_inflow[k] += sign * b->unit[mode][PLACE_CLASSES + k];
    }
    refresh(p, beat, t);
}

double prevent_aux_hour(prevent *p, int hour, double t, double *cost)
{
    const prevention_params *pv = &p->s->prevention;
    *cost = 0;
    if (pv->naux == 0 || !pv->prevention_work)
        return 0;
    double total = 0;
    for (size_t i = 0; i < p->c->nbeats; i++) {
        const city_beat *cb = &p->c->beats[i];
        prevent_beat *b = &p->b[i];
        double n = 0;
        memset(b->aux_unit, 0, sizeof b->aux_unit);
        for (int g = 0; g < pv->naux; g++) {
            const aux_group *a = &pv->aux[g];
            double x = a->per_1000_residents * cb->residents / 1000.0 * a->land[cb->land] *
                       a->hours[hour];
            n += x;
            *cost += x * a->cost_per_hour;
            for (int k = 0; k < 2 * PLACE_CLASSES; k++)
                b->aux_unit[k] += x * a->effectiveness * b->unit[a->mode][k];
        }
        b->aux_on = n;
        total += n;
        refresh(p, i, t);
    }
    return total;
}

/* ---- familiarity, migrants, key persons ------------------------------------------------ */

static double recent_contacts(const prevent *p, const prevent_beat *b, double t)
{
    double life = p->s->prevention.visits.memory_days * DAY_MIN;
    return b->contacts * exp(-(t - b->contacts_t) / life);
}

double prevent_familiarity(const prevent *p, size_t beat, double t)
{
    double c = recent_contacts(p, &p->b[beat], t);
    return c / (c + p->s->prevention.visits.half_contacts);
}

void prevent_contacts(prevent *p, size_t beat, double contacts, double t)
{
    prevent_beat *b = &p->b[beat];
    double hh = p->c->beats[beat].households;
    if (!(hh > 0) || !(contacts > 0))
        return;
    b->contacts = recent_contacts(p, b, t) + contacts / hh;
    b->contacts_t = t;
    /* a contact with an unregistered migrant household registers it */
    double f = contacts / hh;
    b->unregistered *= f < 1 ? 1 - f : 0;
}

int prevent_check(prevent *p, size_t beat, int found, double t)
{
    prevent_beat *b = &p->b[beat];
    if (b->kp_n == 0)
        return 0;
    if (found) {
        b->kp_last[b->kp_head] = t; /* now the most recent: the ring stays sorted */
        b->kp_head = (b->kp_head + 1) % b->kp_n;
    }
    return 1;
}

int prevent_ooc(prevent *p, size_t beat, double t)
{
    prevent_beat *b = &p->b[beat];
    double cut = t - p->s->prevention.key_persons.check_interval_days * DAY_MIN;
    size_t lo = 0, hi = b->kp_n; /* first k with last >= cut */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->kp_last[(b->kp_head + mid) % b->kp_n] < cut)
            lo = mid + 1;
        else
            hi = mid;
    }
    int n = (int)lo;
    p->st[p->c->beats[beat].station].ooc += n - b->ooc;
    b->ooc = n;
    return n;
}

/* ---- rates and clearance --------------------------------------------------------------- */

static double crackdown_factor(const prevention_params *pv, double t)
{
    double f = 1;
    for (int k = 0; k < pv->ncrackdowns; k++) {
        const crackdown *cd = &pv->crackdowns[k];
        double t0 = cd->start_day * DAY_MIN, t1 = t0 + cd->days * DAY_MIN;
        if (t < t0)
            continue;
        if (t < t1)
            f *= 1 - cd->initial_effect * exp(-(t - t0) / (cd->decay_days * DAY_MIN));
        else
            f *= 1 - cd->residual * exp(-(t - t1) / (cd->residual_decay_days * DAY_MIN));
    }
    return f;
}

double prevent_mult(const prevent *p, size_t beat, int type, double t, double *other)
{
    const prevention_params *pv = &p->s->prevention;
    const incident_type *ty = &p->s->types[type];
    const prevent_beat *b = &p->b[beat];
    double m = 1, o = 1;
    if (ty->opportunistic) {
        m = 1 - deterred(p, b, t);
        double spill = pv->deterrence.spillover;
        if (spill != 0 && b->nbr_n > 0) {
            double d = 0;
            for (size_t k = 0; k < b->nbr_n; k++)
                d += deterred(p, &p->b[p->nbr[b->nbr_first + k]], t);
            double f = 1 + spill * d / (double)b->nbr_n;
            m *= f > 0 ? f : 0;
        }
    }
    if (ty->opportunistic || ty->offender_driven)
        m *= 1 - pv->visits.crime_effect * prevent_familiarity(p, beat, t);
    if (ty->hardening && pv->prevention_work && t >= b->hard_from)
        m *= 1 - pv->safe_communities.reduction;
    if (ty->offender_driven) {
        const prevent_station *st = &p->st[p->c->beats[beat].station];
        if (st->ref > 0)
            o = ((double)st->pool + pv->key_persons.offender_equivalent * st->ooc) / st->ref;
        o *= crackdown_factor(pv, t);
    }
    *other = o;
    return m;
}

double prevent_clearance(const prevent *p, size_t beat, int type, double t)
{
    const prevention_params *pv = &p->s->prevention;
    const incident_type *ty = &p->s->types[type];
    double c = ty->clearance * (1 + pv->visits.clearance_gain * prevent_familiarity(p, beat, t));
    if (ty->offender_driven) {
        double i = p->st[p->c->beats[beat].station].strike_index;
        c *= 1 + pv->strike.clearance_gain * i / (i + pv->strike.half_hours_per_week);
    }
    return c < 1 ? c : 1;
}

/* ---- offenders, strike, strategy ------------------------------------------------------- */

int prevent_arrest(prevent *p, size_t si, int replaced, double t)
{
    prevent_station *st = &p->st[si];
    if (st->ref <= 0 || st->pool <= 0)
        return 0;
    if (st->rel_n == st->rel_cap) {
        size_t cap = st->rel_cap ? 2 * st->rel_cap : 64;
        double *a = malloc(cap * sizeof *a);
        if (!a)
            return -1;
        for (size_t k = 0; k < st->rel_n; k++)
            a[k] = st->release[(st->rel_head + k) % st->rel_cap];
        free(st->release);
        st->release = a;
        st->rel_head = 0;
        st->rel_cap = cap;
    }
    st->release[(st->rel_head + st->rel_n++) % st->rel_cap] =
        t + p->s->prevention.offenders.sentence_days * DAY_MIN;
    st->pool += replaced ? 0 : -1;
    return 1;
}

void prevent_strike(prevent *p, size_t si, double minutes)
{
    p->st[si].strike_today += minutes;
}

int prevent_strike_period(const prevent *p, double t)
{
    return t < p->strike_until;
}

long prevent_day(prevent *p, size_t day, double t, uint32_t crimes,
                 gsl_rng *(*g)(void *ctx, size_t station), void *ctx)
{
    const prevention_params *pv = &p->s->prevention;
    const city *c = p->c;

    /* the adaptive rule */
    if (day < p->ndays)
        p->day_crimes[day] = crimes;
    size_t win = (size_t)llround(pv->strategy.window_days);
    if (win < 1)
        win = 1;
    p->crimes_window += crimes;
    if (day >= win && day - win < p->ndays)
        p->crimes_window -= p->day_crimes[day - win];
    if (pv->strategy.kind == STRATEGY_ADAPTIVE && day + 1 >= win && p->ref_rate > 0 &&
        t >= p->strike_until &&
        p->crimes_window / (double)win > pv->strategy.threshold * p->ref_rate)
        p->strike_until = t + pv->strategy.strike_days * DAY_MIN;

    /* migrants: self-registration at rate phi, turnover theta */
    double th = pv->migrants.turnover_per_year / YEAR_DAYS, r = pv->migrants.registered_share;
    double ustar = r < 1 ? 1 - r : 0, phi = r < 1 ? th * r / (1 - r) : 0;
    double decay = r < 1 ? exp(-(th + phi)) : 0;
    for (size_t i = 0; i < c->nbeats; i++)
        p->b[i].unregistered = ustar + (p->b[i].unregistered - ustar) * decay;

    /* offenders and strike intensity per station */
    const offender_params *op = &pv->offenders;
    long released = 0;
    double sd = exp(-1.0 / STRIKE_MEMORY_DAYS);
    for (size_t si = 0; si < c->nstations; si++) {
        prevent_station *st = &p->st[si];
        st->strike_index = st->strike_index * sd + st->strike_today / 60.0 * 7.0 * (1 - sd);
        st->strike_today = 0;
        if (st->ref <= 0)
            continue;
        gsl_rng *rng = g(ctx, si);
        while (st->rel_n && st->release[st->rel_head] <= t) {
            st->rel_head = (st->rel_head + 1) % st->rel_cap;
            st->rel_n--;
            released++;
            if (gsl_rng_uniform(rng) < op->recidivism)
                st->pool++;
        }
        const city_station *cs = &c->stations[si];
        double unreg = 0;
        for (size_t k = 0; k < cs->nbeats; k++) {
            size_t bi = c->beat_index[cs->first_beat + k];
            unreg += c->beats[bi].residents * c->beats[bi].migrant_share * p->b[bi].unregistered;
        }
        double lam = st->recruit0 + pv->migrants.recruitment_per_1000 / 1000.0 * unreg / YEAR_DAYS +
                     pv->key_persons.recruitment_per_year * st->ooc / YEAR_DAYS;
        long in = lam > 0 ? (long)gsl_ran_poisson(rng, lam) : 0;
        double q = -expm1(-op->desistance_per_year / YEAR_DAYS);
        long out = st->pool > 0 ? (long)gsl_ran_binomial(rng, q, (unsigned)st->pool) : 0;
        st->pool += in - out;
    }
    return released;
}

long prevent_pool(const prevent *p)
{
    long n = 0;
    for (size_t si = 0; si < p->c->nstations; si++)
        n += p->st[si].pool;
    return n;
}

/* ---- who does what ---------------------------------------------------------------------- */

/* Strategy presets (patrol, visit, check, strike) for station and beat
 * officers: assumption, docs/model.md. */
static const double preset[2][2][WORK_KINDS] = {
    /* strike_heavy */ {{0.10, 0, 0, 0.50}, {0.05, 0.05, 0.05, 0.40}},
    /* prevention_first */ {{0.40, 0, 0, 0.05}, {0.20, 0.30, 0.15, 0.0}},
};

void prevent_work(const prevent *p, const officer_group *g, size_t id, int beat_role, double t,
                  double out[WORK_KINDS])
{
    const prevention_params *pv = &p->s->prevention;
    strategy_kind k = pv->strategy.kind;
    if (k == STRATEGY_ADAPTIVE)
        k = prevent_strike_period(p, t) ? STRATEGY_STRIKE_HEAVY : STRATEGY_PREVENTION_FIRST;
    if (k == STRATEGY_PLAN)
        memcpy(out, g->work, WORK_KINDS * sizeof *out);
    else
        memcpy(out, preset[k == STRATEGY_PREVENTION_FIRST][beat_role != 0],
               WORK_KINDS * sizeof *out);
    if (!beat_role)
        out[WORK_VISIT] = out[WORK_CHECK] = 0;
    /* a crackdown turns the prevention work of a share of officers
       (chosen by a fixed golden-ratio sequence of their numbers) into
       strike work */
    for (int c = 0; c < pv->ncrackdowns; c++) {
        const crackdown *cd = &pv->crackdowns[c];
        double t0 = cd->start_day * DAY_MIN;
        if (t >= t0 && t < t0 + cd->days * DAY_MIN &&
            fmod((double)(id + 1) * GOLDEN, 1.0) < cd->strike_share) {
            out[WORK_STRIKE] += out[WORK_PATROL] + out[WORK_VISIT] + out[WORK_CHECK];
            out[WORK_PATROL] = out[WORK_VISIT] = out[WORK_CHECK] = 0;
            break;
        }
    }
    if (!pv->prevention_work)
        out[WORK_PATROL] = out[WORK_VISIT] = out[WORK_CHECK] = 0;
    /* patrol by hour of day; all shares scaled down if they overflow */
    int h = (int)fmod(t / 60.0, 24.0);
    out[WORK_PATROL] *= g->patrol_hours[h < 0 ? 0 : h > 23 ? 23 : h];
    double sum = 0;
    for (int j = 0; j < WORK_KINDS; j++)
        sum += out[j];
    if (sum > 1)
        for (int j = 0; j < WORK_KINDS; j++)
            out[j] /= sum;
}
