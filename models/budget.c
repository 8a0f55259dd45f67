/* budget.c - the limits that keep a run's memory and time bounded: what
 * several settings decide together, checked before anything runs.
 *
 * The estimates are upper bounds of what the model does, from the same
 * formulas: a process's rate (calls.c), the synthetic city's beat count
 * (city.c), the staffing rules (roster.c), the prison at its most
 * (prevent.c: one place per offender serving a sentence), the result
 * arrays (metrics.c). They need not be exact, only never far below.
 */
#include "budget.h"
#include "sim_stats.h"
#include "world.h"

#include <math.h>

#define YEAR_DAYS 365.25 /* as the model counts a year */

/* Beats of one kind for R residents at `per` residents a beat, as the
 * synthetic city counts them. */
static double beats_for(double R, double per)
{
    if (!(R > 0))
        return 0;
    double n = round(R / per);
    return n < 1 ? 1 : n;
}

int budget_city(const scenario *s, FILE *err)
{
    if (s->nbeats) {
        if (s->nbeats <= BUDGET_BEATS_MAX)
            return 0;
        scenario_error(err, s->source, 0, "city.beats: expected at most %d beats, found %zu",
                       BUDGET_BEATS_MAX, s->nbeats);
        return 1;
    }
    const synthetic_city *p = &s->synth;
    double nu = beats_for(p->residents * (1 - p->rural_share), p->urban_beat_residents);
    double nr = beats_for(p->residents * p->rural_share, p->rural_beat_residents);
    if (nu + nr <= BUDGET_BEATS_MAX)
        return 0;
    scenario_error(err, s->source, 0,
                   "city.synthetic: expected a city of at most %d beats, found %.0f urban and "
                   "%.0f rural beats (residents per beat: urban_beat_residents, "
                   "rural_beat_residents)", BUDGET_BEATS_MAX, nu, nr);
    return 1;
}

int budget_officers(const scenario *s, const city *c, FILE *err)
{
    double households = 0, total = 0;
    for (size_t b = 0; b < c->nbeats; b++)
        households += c->beats[b].households;
    for (int g = 0; g < s->ngroups; g++) {
        const officer_group *gr = &s->groups[g];
        double n = 0, beats = gr->role == ROLE_BEAT ? (double)c->nbeats : 0;
        switch (gr->rule) {
        case STAFF_COUNT:
            n = gr->count;
            break;
        case STAFF_PER_RESIDENTS: /* rounded per beat or per station */
            n = c->residents / gr->per + 0.5 * (beats + (double)c->nstations);
            break;
        case STAFF_PER_HOUSEHOLDS:
            n = households / gr->per + 0.5 * (beats + (double)c->nstations);
            break;
        case STAFF_PER_BEAT:
            n = (double)gr->per_beat * (double)c->nbeats;
            break;
        case STAFF_ON_DUTY: /* the headcount of each station (beat), rounded up */
            n = (ceil(gr->on_duty * roster_group_plan(gr).relief) + 1) *
                (gr->role == ROLE_BEAT ? (double)c->nbeats : (double)c->nstations);
            break;
        case STAFF_PLAN: { /* one officer per post: the most on duty of each row */
            const staffing_params *p = &s->staffing;
            size_t cells = (size_t)staffing_cells(p);
            for (size_t i = 0; i < p->nplan; i++) {
                int most = 0;
                for (size_t k = 0; k < cells; k++)
                    if (p->plan_on_duty[i * cells + k] > most)
                        most = p->plan_on_duty[i * cells + k];
                n += most;
            }
            break;
        }
        }
        total += n + (double)gr->min_per_station * (double)c->nstations;
    }
    if (total <= BUDGET_OFFICERS_MAX)
        return 0;
    scenario_error(err, s->source, 0, "officers: expected at most %d officers in all, found "
                   "about %.0f", BUDGET_OFFICERS_MAX, total);
    return 1;
}

double budget_calls_per_day(const scenario *s, const city *c)
{
    double x = 0;
    for (size_t b = 0; b < c->nbeats; b++)
        for (int k = 0; k < s->ntypes; k++)
            x += s->types[k].rate_per_1000_year / 1000.0 * c->beats[b].residents *
                 s->types[k].land_mult[c->beats[b].land] / YEAR_DAYS;
    return x;
}

int budget_run(const scenario *s, const city *c, const roster *r, FILE *err)
{
    int problems = 0;
    if (r->n > BUDGET_OFFICERS_MAX) {
        scenario_error(err, s->source, 0, "officers: expected at most %d officers in all, "
                       "found %zu", BUDGET_OFFICERS_MAX, r->n);
        problems++;
    }
    const prevention_params *pv = &s->prevention;
    /* With the proactive layer a rate rises at most to rate_cap times its
       base (the extra process of calls.c runs at that rate). */
    double cap = pv->enabled ? pv->rate_cap : 1;
    double day = budget_calls_per_day(s, c) * cap;
    double days = s->warmup_days + s->days;
    if (!(day <= BUDGET_CALLS_PER_DAY_MAX)) {
        scenario_error(err, s->source, 0, "incidents: expected at most %.0f calls a day, found "
                       "about %.3g (residents x rate_per_1000_year x land_mult%s)",
                       BUDGET_CALLS_PER_DAY_MAX, day, pv->enabled ? " x prevention.rate_cap" : "");
        problems++;
    } else if (!(day * days <= BUDGET_CALLS_MAX)) {
        scenario_error(err, s->source, 0, "run: expected at most %.0f calls in a replication, "
                       "found about %.3g (%.3g a day for warmup_days + days = %.6g days)",
                       BUDGET_CALLS_MAX, day * days, day, days);
        problems++;
    }
    if (pv->enabled) {
        /* Offenders in prison: arrests a day (offender-driven calls at the
           rate cap, every one cleared, arrest_share of those) times the
           sentence. */
        double arrests = 0, kp = 0;
        for (size_t b = 0; b < c->nbeats; b++) {
            kp += c->beats[b].key_persons;
            for (int k = 0; k < s->ntypes; k++)
                if (s->types[k].offender_driven)
                    arrests += s->types[k].rate_per_1000_year / 1000.0 *
                               c->beats[b].residents *
                               s->types[k].land_mult[c->beats[b].land] / YEAR_DAYS;
        }
        arrests *= cap * pv->offenders.arrest_share;
        double places = arrests * pv->offenders.sentence_days;
        if (!(places <= BUDGET_PRISON_MAX)) {
            scenario_error(err, s->source, 0, "prevention.offenders.sentence_days: expected at "
                           "most %.6g days (the prisons hold arrests a day x sentence: at most "
                           "%.0f places, at up to %.3g arrests a day), found %.6g",
                           floor(BUDGET_PRISON_MAX / arrests), BUDGET_PRISON_MAX, arrests,
                           pv->offenders.sentence_days);
            problems++;
        }
        if (!(kp <= BUDGET_KEY_PERSONS_MAX)) {
            scenario_error(err, s->source, 0, "key persons: expected at most %.0f in the city, "
                           "found %.0f", BUDGET_KEY_PERSONS_MAX, kp);
            problems++;
        }
    }
    return problems;
}

double budget_result_bytes(const scenario *s, const city *c, const roster *r)
{
    /* the response-time histograms, laid out as metrics.c lays them */
    sim_quant q;
    double quant_bytes = 64 * 1024.0; /* if it cannot be made: more than it takes */
    if (sim_quant_init(&q, 1.0 / 16, 131072.0, 1.0 / 128) == 0) {
        quant_bytes = (2.0 * (double)q.h->n + 1) * sizeof(double) + 64;
        sim_quant_free(&q);
    }
    double nb = (double)c->nbeats, ns = (double)c->nstations;
    double per_beat = 16 * 8 + 24 * 4 + WORK_KINDS * 8; /* the nbeats arrays */
    double per_station = 3 * 8 + WORK_KINDS * 8;
    double ndays = floor(s->days + 1e-9) + 1;
    per_station += staffing_cells(&s->staffing) * (double)sizeof(world_cell); /* a run records
                                                                                them (experiment) */
    return (double)sizeof(world_result) + (1 + WORLD_PRIORITIES) * quant_bytes +
           nb * per_beat + ns * per_station + (double)r->n * 8 + ndays * sizeof(world_day) +
           30 * 64; /* the allocator's overhead on some 30 blocks */
}
