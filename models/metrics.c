/* metrics.c - the result of a replication: its storage, what each event
 * records in it (responses, prevented calls, the hourly coverage count,
 * the daily series), and the named metrics computed from it.
 *
 * Everything recorded covers the observed period only (after the
 * warm-up); the metric names and their meaning are in docs/outputs.md.
 */
#include "world_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- storage ------------------------------------------------------------- */

int metrics_result_init(world_result *res, size_t nbeats, size_t nstations, size_t ndays,
                       size_t nofficers)
{
    memset(res, 0, sizeof *res);
    for (int k = 0; k <= WORLD_PRIORITIES; k++) {
        sim_tally_init(&res->response[k]);
        if (sim_quant_init(&res->response_q[k], 1.0 / 16, 131072.0, 1.0 / 128) != 0)
            return -1;
    }
    sim_tally_init(&res->queue_wait);
    for (int k = 0; k < 4; k++)
        sim_tally_init(&res->response_role[k]);
    for (int k = 0; k < LAND_NTYPES; k++)
        sim_tally_init(&res->land_response[k]);
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

void world_cell_add(world_cell *to, const world_cell *a)
{
    for (int k = 0; k < WORLD_PRIORITIES; k++) {
        to->calls[k] += a->calls[k];
        to->answered[k] += a->answered[k];
        to->response_sum[k] += a->response_sum[k];
        to->wait_sum[k] += a->wait_sum[k];
        to->on_time[k] += a->on_time[k];
    }
    for (int k = 0; k < STAFF_TARGETS_MAX; k++)
        to->within[k] += a->within[k];
    to->waited += a->waited;
    to->dispatched += a->dispatched;
    to->own_beat += a->own_beat;
    to->unit_on_min += a->unit_on_min;
    to->unit_busy_min += a->unit_busy_min;
    to->beat_hours += a->beat_hours;
    to->gap_hours += a->gap_hours;
}

void world_result_free(world_result *res)
{
    free(res->cells);
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

/* ---- recording ------------------------------------------------------------ */

void metrics_levels(world *w)
{
    double dt = w->now - w->lvl_t;
    w->on_int += (double)w->n_on * dt;
    w->busy_int += (double)w->n_busy * dt;
    double obs = clip(w, w->lvl_t, w->now);
    w->res->unit_on_min += (double)w->u_on * obs;
    w->res->unit_busy_min += (double)w->u_busy * obs;
    w->lvl_t = w->now;
}

void metrics_station_levels(world *w, int st, long don, long dbusy)
{
    station_level *l = &w->st_lvl[st];
    double obs = clip(w, l->t, w->now);
    l->on_min += (double)l->on * obs;
    l->busy_min += (double)l->busy * obs;
    l->t = w->now;
    l->on += don;
    l->busy += dbusy;
}

world_cell *metrics_cell(world *w, int st, double t)
{
    return &w->res->cells[(size_t)st * w->res->ncells + w->cell_of[hour_of_week(t)]];
}

void metrics_response(world *w, const incident *i, size_t id)
{
    world_result *res = w->res;
    double rt = w->now - i->t_call;
    res->answered++;
    sim_tally_add(&res->queue_wait, i->t_sent - i->t_call); /* the same calls */
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
    sim_tally_add(&res->response_role[group_of(w, id)->role], rt);
    land_type land = w->c->beats[i->beat].land;
    sim_tally_add(&res->land_response[land], rt);
    if (rt <= w->s->land[land].target_min[i->priority - 1]) {
        res->within_target++;
        res->within_by[i->priority - 1]++;
        res->beat_within[i->beat]++;
        res->land_within[land]++;
    }
    if (res->cells) {
        world_cell *cl = metrics_cell(w, i->station, i->t_call);
        const staffing_params *sp = &w->s->staffing;
        cl->answered[i->priority - 1]++;
        cl->response_sum[i->priority - 1] += rt;
        cl->wait_sum[i->priority - 1] += i->t_sent - i->t_call;
        cl->on_time[i->priority - 1] += rt <= sp->objective_min;
        for (int k = 0; k < sp->ntargets; k++)
            cl->within[k] += sp->targets[k].priority == i->priority && rt <= sp->targets[k].max;
    }
}

/* A call removed by prevention work (it would have happened given the
 * state of offenders and campaigns). */
void metrics_prevented(world *w, size_t beat)
{
    if (w->now < w->warm)
        return;
    w->res->prevented++;
    w->res->beat_prevented[beat]++;
    world_day *d = day_of(w, w->now);
    if (d)
        d->prevented++;
}

void metrics_hour(world *w, int h, int observed)
{
    world_result *res = w->res;
    world_day *day = day_of(w, w->now - 30.0);
    metrics_levels(w);
    if (observed) {
        res->week_onduty_min[h] += w->on_int;
        res->week_busy_min[h] += w->busy_int;
        res->week_hours[h]++;
    }
    w->on_int = w->busy_int = 0;
    size_t cell = w->cell_of[h];
    for (size_t st = 0; res->cells && st < w->c->nstations; st++) {
        station_level *l = &w->st_lvl[st];
        metrics_station_levels(w, (int)st, 0, 0);
        res->cells[st * res->ncells + cell].unit_on_min += l->on_min;
        res->cells[st * res->ncells + cell].unit_busy_min += l->busy_min;
        l->on_min = l->busy_min = 0;
    }
    for (size_t b = 0; b < w->c->nbeats; b++) {
        if (w->cover_n[b] > 0) {
            w->cover_min[b] += w->now - w->cover_since[b];
            w->cover_since[b] = w->now;
        }
        if (observed) {
            res->beat_hours++;
            world_cell *cl = res->cells ? &res->cells[(size_t)w->c->beats[b].station *
                                                          res->ncells + cell]
                                        : NULL;
            if (cl)
                cl->beat_hours++;
            if (!(w->cover_min[b] > 0)) {
                if (cl)
                    cl->gap_hours++;
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
}

/* An observed day ends: the officer time of the day (every officer's
 * current activity is accounted up to now), its overtime (counted on the
 * day an overtime stretch ends) into the daily series. */
void metrics_on_day(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    world_result *res = w->res;
    size_t k = (size_t)ev->payload.u64;
    for (size_t id = 0; id < w->r->n; id++)
        if (w->of[id].host < 0) /* a member's time is its lead's */
            activity_account(w, &w->of[id]);
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

/* ---- named metrics ------------------------------------------------------- */

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

double world_satisfaction_parts(const world_result *w, const scenario *s, size_t beat,
                               double part[3])
{
    const scorecard_params *sc = &s->prevention.scorecard;
    double wsum = sc->satisfaction[0] + sc->satisfaction[1] + sc->satisfaction[2];
    part[0] = part[1] = part[2] = NAN;
    if (!s->prevention.enabled || !(wsum > 0) || w->nbeats == 0)
        return NAN;
    size_t b0 = beat == SIZE_MAX ? 0 : beat, b1 = beat == SIZE_MAX ? w->nbeats : beat + 1;
    double years = w->observed_min / YEAR_MIN, sum[3] = {0, 0, 0}, den = 0;
    for (size_t b = b0; b < b1; b++) {
        double hh = w->beat_households[b];
        if (!(hh > 0))
            continue;
        double resp = w->beat_answered[b] ? (double)w->beat_within[b] / (double)w->beat_answered[b] : 1;
        double vict = (double)w->beat_crimes[b] / hh * 1000.0 / (years > 0 ? years : 1);
        double unharmed = vict < sc->victimisation_ref ? 1 - vict / sc->victimisation_ref : 0;
        double fam = w->pday_samples ? w->beat_fam_sum[b] / w->pday_samples : 0;
        sum[0] += hh * resp;
        sum[1] += hh * unharmed;
        sum[2] += hh * fam;
        den += hh;
    }
    if (!(den > 0))
        return NAN;
    for (int k = 0; k < 3; k++)
        part[k] = sum[k] / den;
    return 100 * (sc->satisfaction[0] * part[0] + sc->satisfaction[1] * part[1] +
                  sc->satisfaction[2] * part[2]) / wsum;
}

double world_satisfaction(const world_result *w, const scenario *s, size_t beat)
{
    double part[3];
    return world_satisfaction_parts(w, s, beat, part);
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
    for (int k = 0; k < 4; k++)
        put(&m, sim_tally_mean(&w->response_role[k]), "response_first_", officer_role_names[k],
            "_mean_min");
    put(&m, ratio((double)w->within_target, (double)w->answered), "within_target_share", "", "");
    for (int p = 1; p <= WORLD_PRIORITIES; p++)
        put(&m, ratio((double)w->within_by[p - 1], (double)w->response[p].n), "within_target_",
            pname[p], "_share");
    for (int k = 0; k < LAND_NTYPES; k++) {
        put(&m, sim_tally_mean(&w->land_response[k]), "response_", land_type_names[k],
            "_mean_min");
        put(&m, ratio((double)w->land_within[k], (double)w->land_response[k].n),
            "within_target_", land_type_names[k], "_share");
    }
    put(&m, sim_tally_mean(&w->queue_wait), "queue_wait_mean_min", "", "");
    put(&m, ratio((double)w->waited, (double)w->car_calls), "waited_share", "", "");
    put(&m, ratio((double)w->held, (double)w->car_calls), "held_share", "", "");
    put(&m, (double)w->interrupted, "interrupted_count", "", "");
    put(&m, (double)(w->car_calls - w->answered), "unanswered_count", "", "");
    for (int k = 0; k < FIRST_N; k++)
        put(&m, ratio((double)w->first_by[k], (double)w->dispatched), "first_",
            world_first_names[k], "_share");
    put(&m, (double)w->car_calls, "calls_car_count", "", "");
    put(&m, (double)w->phone_calls, "calls_phone_count", "", "");
    put(&m, (double)w->diverted, "calls_diverted_count", "", "");
    put(&m, ratio((double)(w->phone_calls + w->diverted), (double)w->incidents),
        "calls_without_car_share", "", "");
    put(&m, w->phone_min / 60.0, "phone_hours", "", "");
    put(&m, w->saved_min / 60.0, "hours_saved", "", "");
    put(&m, ratio((double)w->cleared, (double)(w->incidents - w->diverted)), "cleared_share", "", "");
    put(&m, (double)w->officers, "officers_count", "", "");
    put(&m, ratio(onduty, w->observed_min), "officers_on_duty_mean", "", "");
    put(&m, ratio((double)w->officers, ratio(onduty, w->observed_min)), "relief_factor", "", "");
    put(&m, ratio(busy, onduty), "utilisation_share", "", "");
    put(&m, ratio(w->unit_on_min, w->observed_min), "units_on_duty_mean", "", "");
    put(&m, ratio(w->unit_busy_min, w->observed_min), "units_busy_mean", "", "");
    double lost = 0;
    for (int k = 0; k < ABSENCE_KINDS; k++) {
        put(&m, w->absence_min[k] / 60.0, "absence_", absence_kind_names[k], "_hours");
        lost += w->absence_min[k];
    }
    double auxon = 0;
    for (int a = 1; a < ACT_N; a++)
        auxon += w->aux_act_min[a];
    put(&m, ratio(lost, lost + onduty + auxon), "absence_share", "", "");
    put(&m, (double)w->auxiliaries, "auxiliary_police_count", "", "");
    put(&m, auxon / 60.0, "auxiliary_police_hours", "", "");
    put(&m, (w->aux_act_min[ACT_TRAVEL] + w->aux_act_min[ACT_SCENE] +
             w->aux_act_min[ACT_FOLLOWUP]) / 60.0, "auxiliary_police_busy_hours", "", "");
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
    double part[3];
    put(&m, world_satisfaction_parts(w, s, SIZE_MAX, part), "satisfaction_index", "", "");
    put(&m, part[0], "satisfaction_response_share", "", "");
    put(&m, part[1], "satisfaction_safety_share", "", "");
    put(&m, part[2], "satisfaction_familiarity_share", "", "");
    put(&m, w->aux_hours, "auxiliary_hours", "", "");
    put(&m, w->aux_cost, "auxiliary_cost", "", "");
    put(&m, w->safe_cost, "safe_community_cost", "", "");
    put(&m, (double)w->strike_days, "strike_period_days", "", "");
    put(&m, (double)w->rate_capped, "rate_capped_count", "", "");
    put(&m, (double)w->events, "events_count", "", "");
    return m.n;
}

world_metric *world_metric_names(const scenario *s, size_t *n)
{
    world_result res;
    world_metric *out = NULL;
    *n = 0;
    if (metrics_result_init(&res, 0, 0, 0, 0) == 0) {
        size_t k = world_metrics(&res, s, NULL, 0);
        out = malloc(k * sizeof *out);
        if (out)
            *n = world_metrics(&res, s, out, k);
    }
    world_result_free(&res);
    return out;
}
