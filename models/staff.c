/* staff.c - the fewest officers per station and hour block that meet the
 * staffing targets (staff.h): Erlang C start, simulation with common
 * random numbers, marginal additions and removals. */
#include "staff.h"

#include "analytic.h"
#include "roster.h"
#include "world.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL 0.95 /* one-sided confidence of a confirmed target */

int staff_planned_group(const scenario *s)
{
    const staffing_params *p = &s->staffing;
    for (int g = 0; g < s->ngroups && g < SCENARIO_GROUPS_MAX; g++) {
        const officer_group *og = &s->groups[g];
        if (p->group[0] ? !strncmp(p->group, og->name, SCENARIO_NAME_MAX)
                        : !og->auxiliary && (og->role == ROLE_STATION || og->role == ROLE_DUTY))
            return g;
    }
    return -1;
}

/* ---- the plan as a scenario ------------------------------------------------ */

int staff_plan_scenario(const scenario *s, const city *c, int group, const int *plan,
                        scenario *x)
{
    *x = *s;
    staffing_params *p = &x->staffing;
    size_t S = c->nstations, K = (size_t)staffing_cells(p);
    p->plan_station = calloc(S ? S : 1, sizeof *p->plan_station);
    p->plan_on_duty = malloc((S * K + 1) * sizeof *p->plan_on_duty);
    p->plan_line = calloc(S ? S : 1, sizeof *p->plan_line);
    if (!p->plan_station || !p->plan_on_duty || !p->plan_line) {
        staff_plan_free(x);
        return -1;
    }
    for (size_t j = 0; j < S; j++)
        memcpy(p->plan_station[j], c->stations[j].id, SCENARIO_NAME_MAX);
    memcpy(p->plan_on_duty, plan, S * K * sizeof *plan);
    p->nplan = S;
    x->groups[group].rule = STAFF_PLAN;
    return 0;
}

void staff_plan_free(scenario *x)
{
    scenario_free_plan(x);
}

/* ---- evaluating a plan ---------------------------------------------------------- */

/* Replications run on a pool of threads; each keeps its cells. */
typedef struct pool {
    const scenario *s;
    const city *c;
    const roster *r;
    size_t ncells;       /* per replication: stations x cells */
    world_cell *cells;   /* [rep * ncells + j * K + k] */
    const volatile sig_atomic_t *stop;
    pthread_mutex_t lock;
    int next, reps, failed, stopped;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int rep = p->failed || p->stopped || p->next >= p->reps ? -1 : p->next++;
        pthread_mutex_unlock(&p->lock);
        if (rep < 0)
            return NULL;
        world_result w;
        int rc = world_run_stop(p->s, p->c, p->r, (uint64_t)rep, &w, p->stop);
        pthread_mutex_lock(&p->lock);
        if (rc == 0)
            memcpy(p->cells + (size_t)rep * p->ncells, w.cells, p->ncells * sizeof *w.cells);
        else if (rc == 1)
            p->stopped = 1;
        else
            p->failed = rc;
        pthread_mutex_unlock(&p->lock);
        if (rc == 0)
            world_result_free(&w);
    }
}

/* Numerator and denominator of target t in cell record *w. */
static void ratio_parts(const staff_target *t, int ti, const world_cell *w, double *y, double *n)
{
    switch (t->measure) {
    case MEASURE_WITHIN:
        *y = (double)w->within[ti];
        *n = (double)w->answered[t->priority - 1];
        return;
    case MEASURE_MEAN:
        *y = w->response_sum[t->priority - 1];
        *n = (double)w->answered[t->priority - 1];
        return;
    case MEASURE_PWAIT:
        *y = (double)w->waited;
        *n = (double)(w->calls[0] + w->calls[1] + w->calls[2]);
        return;
    case MEASURE_UTIL:
        *y = w->unit_busy_min;
        *n = w->unit_on_min;
        return;
    case MEASURE_GAP:
    case MEASURE_N:
        break;
    }
    *y = (double)w->gap_hours;
    *n = (double)w->beat_hours;
}

/* The statistic of target t from R replications' numerators y[] and
 * denominators n[]. */
static staff_stat stat_of(const staff_target *t, const double *y, const double *n, int R)
{
    double sy = 0, sn = 0;
    for (int r = 0; r < R; r++) {
        sy += y[r];
        sn += n[r];
    }
    staff_stat st = {NAN, NAN, 1};
    if (!(sn > 0)) /* nothing to measure: no calls, no unit time */
        return st;
    double est = sy / sn, ss = 0, nbar = sn / R;
    for (int r = 0; r < R; r++)
        ss += (y[r] - est * n[r]) * (y[r] - est * n[r]);
    double var = ss / ((R - 1.0) * R * nbar * nbar);
    if (t->measure != MEASURE_MEAN) { /* a share: at least the binomial error */
        double pt = (sy + 0.5) / (sn + 1);
        double vb = pt * (1 - pt) / sn;
        var = var > vb ? var : vb;
    }
    double half = gsl_cdf_tdist_Pinv(LEVEL, R - 1.0) * sqrt(var);
    st.est = est;
    if (t->measure == MEASURE_WITHIN) {
        st.bound = est - half;
        st.met = st.bound >= t->share;
    } else {
        st.bound = est + half;
        st.met = st.bound <= t->max;
    }
    return st;
}

int staff_simulate(const scenario *s, const city *c, int group, const int *plan,
                   const staff_opts *o, world_cell *cells, FILE *err)
{
    const staffing_params *sp = &s->staffing;
    size_t S = c->nstations, K = (size_t)staffing_cells(sp);
    int R = sp->reps;
    scenario x;
    if (plan) {
        if (staff_plan_scenario(s, c, group, plan, &x) != 0)
            return -1;
    } else {
        x = *s; /* as it is: its own plan, if any, stays *s's */
        x.staffing.plan_station = NULL;
        x.staffing.plan_on_duty = NULL;
        x.staffing.plan_line = NULL;
        x.staffing.nplan = 0;
        if (s->groups[group].rule == STAFF_PLAN)
            x.staffing = s->staffing;
    }
    x.staffing.record = 1;
    roster r;
    if (roster_build(&r, &x, c, err) != 0) {
        if (plan)
            staff_plan_free(&x);
        return -1;
    }
    pool p = {.s = &x, .c = c, .r = &r, .ncells = S * K, .cells = cells, .stop = o->stop,
              .reps = R};
    memset(cells, 0, (size_t)R * S * K * sizeof *cells);
    pthread_mutex_init(&p.lock, NULL);
    unsigned jobs = o->jobs < 1 ? 1 : o->jobs > (unsigned)R ? (unsigned)R : o->jobs;
    pthread_t t[64];
    unsigned started = 0;
    for (; started < jobs && started < 64; started++)
        if (pthread_create(&t[started], NULL, worker, &p) != 0)
            break;
    if (started == 0)
        worker(&p);
    for (unsigned i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_destroy(&p.lock);
    roster_free(&r);
    if (plan)
        staff_plan_free(&x);
    if (p.stopped)
        return 130;
    if (p.failed == WORLD_OVERLOADED)
        return WORLD_OVERLOADED;
    if (p.failed) {
        fprintf(err, "%s: staffing: out of memory\n", s->source);
        return -1;
    }
    return 0;
}

int staff_stats(const staffing_params *sp, size_t S, int R, const world_cell *cells,
                staff_stat *cell, staff_stat *whole, world_cell *sum)
{
    size_t K = (size_t)staffing_cells(sp);
    int nt = sp->ntargets;
    double *y = malloc(2 * (size_t)R * sizeof *y), *n = y ? y + R : NULL;
    if (!y)
        return -1;
    if (sum) {
        memset(sum, 0, S * K * sizeof *sum);
        for (int q = 0; q < R; q++)
            for (size_t i = 0; i < S * K; i++)
                world_cell_add(&sum[i], &cells[(size_t)q * S * K + i]);
    }
    int fails = 0;
    for (size_t j = 0; j < S; j++)
        for (int ti = 0; ti < nt; ti++) {
            const staff_target *tg = &sp->targets[ti];
            /* over the week */
            for (int q = 0; q < R; q++) {
                y[q] = n[q] = 0;
                for (size_t k = 0; k < K; k++) {
                    double a, b;
                    ratio_parts(tg, ti, &cells[(size_t)q * S * K + j * K + k], &a, &b);
                    y[q] += a;
                    n[q] += b;
                }
            }
            whole[j * (size_t)nt + (size_t)ti] = stat_of(tg, y, n, R);
            for (size_t k = 0; k < K; k++) {
                for (int q = 0; q < R; q++)
                    ratio_parts(tg, ti, &cells[(size_t)q * S * K + j * K + k], &y[q], &n[q]);
                staff_stat *st = &cell[(j * K + k) * (size_t)nt + (size_t)ti];
                *st = stat_of(tg, y, n, R);
                fails += !tg->per_station && !st->met;
            }
            fails += tg->per_station && !whole[j * (size_t)nt + (size_t)ti].met;
        }
    free(y);
    return fails;
}

int staff_evaluate(const scenario *s, const city *c, int group, const int *plan,
                   const staff_opts *o, staff_stat *cell, staff_stat *whole, world_cell *sum,
                   FILE *err)
{
    const staffing_params *sp = &s->staffing;
    size_t S = c->nstations, K = (size_t)staffing_cells(sp);
    int R = sp->reps, nt = sp->ntargets;
    world_cell *cells = calloc((size_t)R * S * K + 1, sizeof *cells);
    int rc = -1;
    if (!cells) {
        fprintf(err, "%s: staffing: out of memory\n", s->source);
        return -1;
    }
    rc = staff_simulate(s, c, group, plan, o, cells, err);
    if (rc == WORLD_OVERLOADED) {
        /* the calls outgrew the officers (more than a week of them
           waiting): every target of the plan fails */
        for (size_t i = 0; i < S * K * (size_t)nt; i++)
            cell[i] = (staff_stat){NAN, NAN, 0};
        for (size_t i = 0; i < S * (size_t)nt; i++)
            whole[i] = (staff_stat){NAN, NAN, 0};
        if (sum)
            memset(sum, 0, S * K * sizeof *sum);
        rc = (int)(S * K * (size_t)nt);
        goto done;
    }
    if (rc != 0)
        goto done;
    rc = staff_stats(sp, S, R, cells, cell, whole, sum);
    if (rc < 0)
        fprintf(err, "%s: staffing: out of memory\n", s->source);
done:
    free(cells);
    return rc;
}

/* ---- the search ------------------------------------------------------------------ */

void staff_result_free(staff_result *r)
{
    free(r->station);
    free(r->today);
    free(r->analytic);
    free(r->plan);
    free(r->cell);
    free(r->whole);
    free(r->sim);
    free(r->budget.cell_erlang);
    free(r->budget.cell_sim);
    free(r->budget.cell_today);
    analytic_demand_free(&r->demand);
    memset(r, 0, sizeof *r);
}

/* How far target t's statistic is from failing (positive: met). */
static double slack(const staff_target *t, const staff_stat *st)
{
    if (isnan(st->est))
        return INFINITY;
    return t->measure == MEASURE_WITHIN ? st->bound - t->share : t->max - st->bound;
}

/* The search's knowledge of one station's cell. */
typedef struct cell_state {
    int fail;  /* highest count seen failing (min_on_duty - 1: none) */
    int was;   /* the count before this round's trial removal; 0: none */
    int grow;  /* the last increment while failing; 0: not growing */
    int alone; /* its removal failed beside others: to be tried with no
                  other station trying, with its station's such cells (1)
                  or by itself (2); 0: no */
} cell_state;

/* 1 if a target of station j is not confirmed. */
static int station_bad(const staffing_params *sp, const staff_stat *cell,
                       const staff_stat *whole, size_t j, size_t K)
{
    int nt = sp->ntargets;
    for (int ti = 0; ti < nt; ti++) {
        if (sp->targets[ti].per_station) {
            if (!whole[j * (size_t)nt + (size_t)ti].met)
                return 1;
            continue;
        }
        for (size_t k = 0; k < K; k++)
            if (!cell[(j * K + k) * (size_t)nt + (size_t)ti].met)
                return 1;
    }
    return 0;
}

/* Station j has a target not confirmed: more officers where it fails.
 * Caps the station (and records the first cap in *out) when a failing
 * cell is at max_on_duty already. */
static void station_add(const staffing_params *sp, const staff_stat *cell,
                        const staff_stat *whole, size_t j, size_t K, int *P, cell_state *cs,
                        unsigned char *capped, int *any_capped, staff_result *out)
{
    int nt = sp->ntargets, hi = sp->max_on_duty;
    for (int ti = 0; ti < nt && !capped[j]; ti++) {
        const staff_target *tg = &sp->targets[ti];
        const staff_stat *ws = &whole[j * (size_t)nt + (size_t)ti];
        size_t worst = K;
        double wslack = INFINITY;
        for (size_t k = 0; k < K; k++) {
            size_t i = j * K + k;
            const staff_stat *st = &cell[i * (size_t)nt + (size_t)ti];
            if (tg->per_station ? ws->met : st->met)
                continue;
            if (P[i] >= hi) {
                capped[j] = 1;
                if (!(*any_capped)++) {
                    out->cap_station = j;
                    out->cap_cell = (int)k;
                    out->cap_target = ti;
                    out->cap_est = tg->per_station ? ws->est : st->est;
                }
                break;
            }
            if (tg->per_station) {
                if (slack(tg, st) < wslack) {
                    wslack = slack(tg, st);
                    worst = k;
                }
                continue;
            }
            /* one more, doubling while the cell keeps failing (up to
               8); the count that failed is remembered */
            int inc = cs[i].grow ? (cs[i].grow < 4 ? 2 * cs[i].grow : 8) : 1;
            inc = P[i] + inc > hi ? hi - P[i] : inc;
            cs[i].fail = P[i] > cs[i].fail ? P[i] : cs[i].fail;
            P[i] += inc;
            cs[i].grow = inc;
        }
        if (!capped[j] && tg->per_station && worst < K)
            P[j * K + worst]++;
    }
}

int staff_prepare(const scenario *s, staff_result *out, city *c, roster *r0, FILE *err)
{
    memset(out, 0, sizeof *out);
    const staffing_params *sp = &s->staffing;
    int g = staff_planned_group(s);
    if (g < 0) {
        fprintf(err, "%s: staffing.group: expected a group of officers of role station or "
                     "duty to plan, found none\n", s->source);
        return 2;
    }
    if (city_build(c, s, err) != 0)
        return 2;
    if (roster_build(r0, s, c, err) != 0) {
        city_free(c);
        return 2;
    }
    size_t S = c->nstations, K = (size_t)staffing_cells(sp), SK = S * K;
    int nt = sp->ntargets;
    out->group = g;
    out->nstations = S;
    out->ncells = (int)K;
    out->ntargets = nt;
    out->station = calloc(S + 1, sizeof *out->station);
    out->today = calloc(SK + 1, sizeof *out->today);
    out->analytic = calloc(SK + 1, sizeof *out->analytic);
    out->plan = calloc(SK + 1, sizeof *out->plan);
    out->cell = calloc(SK * (size_t)nt + 1, sizeof *out->cell);
    out->whole = calloc(S * (size_t)nt + 1, sizeof *out->whole);
    out->sim = calloc(SK + 1, sizeof *out->sim);
    if (!out->station || !out->today || !out->analytic || !out->plan || !out->cell ||
        !out->whole || !out->sim || analytic_demand_init(&out->demand, s, c, r0, g) != 0) {
        fprintf(err, "%s: staffing: out of memory\n", s->source);
        staff_result_free(out);
        roster_free(r0);
        city_free(c);
        return -1;
    }
    for (size_t j = 0; j < S; j++)
        memcpy(out->station[j], c->stations[j].id, SCENARIO_NAME_MAX);
    memcpy(out->today, out->demand.today, SK * sizeof *out->today);
    roster_plan gp = roster_group_plan(&(officer_group){.rule = STAFF_PLAN,
        .shifts = s->groups[g].shifts, .hours_per_week = s->groups[g].hours_per_week,
        .absence_days = {s->groups[g].absence_days[0], s->groups[g].absence_days[1],
                         s->groups[g].absence_days[2], s->groups[g].absence_days[3]}});
    out->hours_per_week = gp.worked_h;
    out->absent = gp.absent;
    for (size_t i = 0; i < r0->n; i++)
        out->headcount_today += r0->officers[i].group == g;
    return 0;
}

double staff_plan_hours(const staffing_params *sp, size_t S, const int *plan)
{
    size_t K = (size_t)staffing_cells(sp);
    double hours = 0;
    for (int h = 0; h < 168; h++)
        for (size_t j = 0; j < S; j++)
            hours += plan[j * K + (size_t)staffing_cell_of_hour(sp, h)];
    return hours;
}

double staff_headcount(const staff_result *r, double hours)
{
    return r->absent < 1 && r->hours_per_week > 0
               ? hours / (r->hours_per_week * (1 - r->absent))
               : INFINITY;
}

int staff_search(const scenario *s, const staff_opts *o, staff_result *out, FILE *err)
{
    const staffing_params *sp = &s->staffing;
    if (sp->ntargets < 1) {
        memset(out, 0, sizeof *out);
        fprintf(err, "%s: staffing.targets: expected at least one target (in the scenario or "
                     "--targets), found none\n", s->source);
        return 2;
    }
    city c;
    roster r0;
    int rc = staff_prepare(s, out, &c, &r0, err);
    if (rc != 0)
        return rc;
    int g = out->group;
    size_t S = c.nstations, K = (size_t)staffing_cells(sp), SK = S * K;
    int nt = sp->ntargets, lo = sp->min_on_duty, hi = sp->max_on_duty;
    rc = -1;
    world_cell *simbuf = calloc(SK + 1, sizeof *simbuf);
    int *P = calloc(SK + 1, sizeof *P);
    cell_state *cs = calloc(SK + 1, sizeof *cs);
    staff_stat *cell = calloc(SK * (size_t)nt + 1, sizeof *cell),
               *whole = calloc(S * (size_t)nt + 1, sizeof *whole);
    analytic_demand *d = &out->demand;
    if (!simbuf || !P || !cs || !cell || !whole)
        goto done;

    /* 1. the Erlang C start */
    for (size_t j = 0; j < S; j++)
        for (size_t k = 0; k < K; k++) {
            int a = analytic_fewest(d, j, (int)k, sp->targets, nt, lo, hi);
            out->analytic[j * K + k] = a;
            if (a < 0) /* no count would do by Erlang C: start from today's */
                a = (int)lround(out->today[j * K + k]);
            P[j * K + k] = a > hi ? hi : a < lo ? lo : a;
        }

    /* Each station moves on its own (help across stations shows up as a
       target that breaks elsewhere, which that station then answers):
       stations failing a target add, confirmed ones remove. */
    /* per station: capped; a target not confirmed now, and at the
       evaluation before; its cells with a trial removal this round (at
       most 7 x 24) */
    unsigned char *capped = calloc(4 * (S + 1), 1), *bad_st = capped + S + 1,
                  *was_bad = bad_st + S + 1, *tried_st = was_bad + S + 1;
    if (!capped)
        goto done;
    for (size_t i = 0; i < SK; i++)
        cs[i].fail = lo - 1;
    int any_capped = 0, finished = 0, confirmed = 0, settled = 0;
    int since_best = 0; /* evaluations since the best confirmed plan */
    long best_total = 0;
    char line[256];
    for (int round = 1; round <= sp->rounds && !finished && !settled; round++) {
        int fails, reused = 0;
        if (confirmed && !memcmp(P, out->plan, SK * sizeof *P)) {
            /* a plan already confirmed (removals undone): the same
               replications give the same answer */
            memcpy(cell, out->cell, SK * (size_t)nt * sizeof *cell);
            memcpy(whole, out->whole, S * (size_t)nt * sizeof *whole);
            memcpy(simbuf, out->sim, SK * sizeof *simbuf);
            fails = 0;
            reused = 1;
            round--;
        } else {
            fails = staff_evaluate(s, &c, g, P, o, cell, whole, simbuf, err);
            out->evaluations++;
        }
        if (fails < 0 || fails == 130) {
            rc = fails < 0 ? 2 : 130;
            free(capped);
            goto done;
        }
        /* the answer: the plan with every target confirmed and the fewest
           officer-blocks, else the last plan */
        long total = 0;
        for (size_t i = 0; i < SK; i++)
            total += P[i];
        since_best += !reused;
        if ((fails == 0 && (!confirmed || total < best_total)) || !confirmed) {
            if (fails == 0) {
                best_total = total;
                since_best = 0;
            }
            confirmed |= fails == 0;
            memcpy(out->plan, P, SK * sizeof *P);
            memcpy(out->cell, cell, SK * (size_t)nt * sizeof *cell);
            memcpy(out->whole, whole, S * (size_t)nt * sizeof *whole);
            memcpy(out->sim, simbuf, SK * sizeof *simbuf);
        }
        if (o->progress && !reused) {
            snprintf(line, sizeof line, "round %d: %ld officer-blocks, %d target%s not met",
                     round, total, fails, fails == 1 ? "" : "s");
            o->progress(line, o->ctx);
        }
        int ntrial = 0, changed = 0;
        memcpy(was_bad, bad_st, S);
        for (size_t j = 0; j < S; j++) {
            bad_st[j] = (unsigned char)station_bad(sp, cell, whole, j, K);
            tried_st[j] = 0;
            for (size_t k = 0; k < K; k++) {
                size_t i = j * K + k;
                int ok = 1;
                for (int ti = 0; ti < nt; ti++)
                    ok &= sp->targets[ti].per_station || cell[i * (size_t)nt + (size_t)ti].met;
                if (ok)
                    cs[i].grow = 0; /* doubling is for a cell failing round after round */
                tried_st[j] += cs[i].was > 0;
            }
            ntrial += tried_st[j];
        }
        if (ntrial && fails) {
            /* A removal broke a target: trial cells go back before anyone
               adds, and the plan is evaluated again. Blame needs a trial
               that is alone in the city: then a cell whose own block target
               fails has its lowered count known to fail (a block's calls
               are served by the officers on duty in it), its station's
               other lowered cells stay, unless a station-wide target broke
               (then they go back to be tried one at a time). With trials
               in several stations, those of the failing stations (all, if
               only stations without a trial fail) go back to be tried
               station by station. */
            int nts = 0, trial_bad = 0;
            for (size_t j = 0; j < S; j++) {
                nts += tried_st[j] > 0;
                trial_bad |= tried_st[j] && bad_st[j];
            }
            for (size_t j = 0; j < S; j++) {
                int tried = tried_st[j], wide = 0;
                if (!tried || (trial_bad && !bad_st[j]))
                    continue; /* its removals held */
                for (int ti = 0; ti < nt; ti++)
                    wide |= sp->targets[ti].per_station && !whole[j * (size_t)nt + (size_t)ti].met;
                for (size_t k = 0; k < K; k++) {
                    size_t i = j * K + k;
                    cell_state *x = &cs[i];
                    if (!x->was)
                        continue;
                    int own = 0;
                    for (int ti = 0; ti < nt; ti++)
                        own |= !sp->targets[ti].per_station &&
                               !cell[i * (size_t)nt + (size_t)ti].met;
                    if (nts == 1 && tried == 1) {
                        x->fail = P[i]; /* alone in the city: that count fails */
                    } else if (nts > 1) {
                        x->alone = 1;
                    } else if (!trial_bad || wide) {
                        x->alone = 2;
                    } else if (own) {
                        x->fail = P[i];
                    } else {
                        x->was = 0; /* its removal held */
                        continue;
                    }
                    P[i] = x->was;
                }
            }
            for (size_t i = 0; i < SK; i++)
                cs[i].was = 0;
            /* a station that failed before this round's trials and tried
               nothing itself fails on its own: it adds as usual */
            for (size_t j = 0; j < S; j++)
                if (bad_st[j] && was_bad[j] && !tried_st[j] && !capped[j])
                    station_add(sp, cell, whole, j, K, P, cs, capped, &any_capped, out);
            continue;
        }
        for (size_t i = 0; i < SK; i++)
            cs[i].was = 0; /* removals that held stay */
        for (size_t j = 0; j < S; j++) {
            if (capped[j])
                continue;
            if (bad_st[j]) { /* add where a target is not confirmed */
                changed = 1;
                station_add(sp, cell, whole, j, K, P, cs, capped, &any_capped, out);
                continue;
            }
            for (size_t k = 0; k < K; k++)
                cs[j * K + k].grow = 0;
            /* confirmed: lower every untried cell above the count known to
               fail, half way down to it (at least one) */
            for (size_t k = 0; k < K; k++) {
                size_t i = j * K + k;
                cell_state *x = &cs[i];
                int floor_ok = x->fail + 1 > lo ? x->fail + 1 : lo;
                if (P[i] <= floor_ok || x->alone)
                    continue;
                int step = (P[i] - floor_ok) / 2;
                x->was = P[i];
                P[i] -= step > 1 ? step : 1;
                changed = 1;
            }
        }
        /* nothing else moves: the cells sent back from a shared trial are
           tried with no other station trying (one station's at once, or
           one cell) */
        for (int pass = 1; pass <= 2 && !changed; pass++)
            for (size_t j = 0; j < S && !changed; j++) {
                if (bad_st[j] || capped[j])
                    continue;
                for (size_t k = 0; k < K; k++) {
                    size_t i = j * K + k;
                    cell_state *x = &cs[i];
                    int floor_ok = x->fail + 1 > lo ? x->fail + 1 : lo;
                    if (x->alone != pass)
                        continue;
                    x->alone = 0;
                    if (P[i] > floor_ok) {
                        int step = (P[i] - floor_ok) / 2;
                        x->was = P[i];
                        P[i] -= step > 1 ? step : 1;
                        changed = 1;
                        if (pass == 2)
                            break;
                    }
                }
            }
        finished = !changed;
        /* the search has stopped finding smaller plans: with many cells
           near their targets some fail by chance in every evaluation */
        settled = !finished && confirmed && sp->patience > 0 && since_best >= sp->patience;
    }
    int met = 1;
    for (size_t i = 0; i < SK * (size_t)nt; i++)
        met &= out->cell[i].met || sp->targets[i % (size_t)nt].per_station;
    for (size_t i = 0; i < S * (size_t)nt; i++)
        met &= out->whole[i].met || !sp->targets[i % (size_t)nt].per_station;
    /* a plan confirmed earlier is the answer even if a later trial hit
       the cap (the search stopped exploring there) */
    out->status = confirmed && met ? (finished && !any_capped ? STAFF_DONE
                                      : settled && !any_capped  ? STAFF_SETTLED
                                                                : STAFF_ROUNDS)
                  : any_capped     ? STAFF_CAPPED
                                   : STAFF_UNMET;
    free(capped);
    rc = 0;
done:
    if (rc == 0 || rc == 130)
        out->headcount_plan = staff_headcount(out, staff_plan_hours(sp, S, out->plan));
    free(simbuf);
    free(P);
    free(cs);
    free(cell);
    free(whole);
    roster_free(&r0);
    city_free(&c);
    if (rc != 0)
        staff_result_free(out);
    return rc;
}
