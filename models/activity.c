/* activity.c - what an on-duty officer does and when: every officer is
 * always in exactly one activity (world_activity), changed only through
 * activity_set, which accounts the time; one EV_OFFICER timer per officer
 * ends its timed activity; shift starts and ends bring it on and off duty
 * (off duty waits for the job in hand: overtime).
 *
 * Desk work: an on-duty officer owes desk_share minutes of desk work per
 * minute on duty. A free officer whose debt reaches one desk block goes to
 * base and works a block there; an idle officer sets a timer for the
 * moment the debt will reach a block. The debt carries over between
 * shifts, starts staggered across officers and is capped at two blocks.
 *
 * A free officer with nothing queued does, in this order: interrupted
 * follow-up, a meal break that is due (taken where it stands), telephone
 * work (its own, or its station's backlog), a desk block if one is owed,
 * a block of proactive work picked by work_pick (work.c), else drives
 * back to base or waits.
 *
 * Crews (see world_state.h). At a shift start an officer present (absence
 * drawn per officer and shift on its own counter-based stream) joins a
 * unit formed at the same moment at its station (and beat) with a free
 * seat and the same shift length: one of its own group when the group's
 * crew at that hour is 2, or, for auxiliary police, one of their
 * crew_with group (auxiliary police come on duty after the officers of
 * the same moment, so the officers' units exist). Else it forms a unit of
 * its own: with a car of its group at the station if the group counts
 * cars, else desk work for the shift; auxiliary police without an officer
 * form a unit that takes minor calls only if their group allows it, else
 * work at the desk. A member rides with its lead until the lead goes off
 * duty (or the member's own shift ends first).
 *
 * Meal breaks: break_min minutes due at (k + 1/4 + u/2) x break_every_h
 * hours into a shift, k = 0, 1, ..., u in [0, 1) staggered across officers
 * (so that a station's officers do not all break at once); taken at the
 * first moment the unit is free after that; an interrupted break is
 * resumed later; a break not taken by the end of the shift is lost.
 */
#include "world_state.h"

#include <math.h>
#include <string.h>

/* ---- activities, position, timers, desk debt ------------------------------ */

/* Moves officer o into activity a, accounting the time spent in the old
 * one (after the warm-up) and the on-duty and busy levels; a block of
 * proactive work that ends is credited first. */
void activity_account(world *w, officer *o)
{
    double dt = clip(w, o->act_since, w->now);
    w->res->act_min[o->act] += dt * o->w_off;
    if (o->w_aux)
        w->res->aux_act_min[o->act] += dt * o->w_aux;
    if (is_busy(o->act)) {
        w->res->officer_busy_min[o - w->of] += dt;
        if (o->mate >= 0)
            w->res->officer_busy_min[o->mate] += dt;
    }
    o->act_since = w->now;
}

void activity_set(world *w, officer *o, world_activity a)
{
    size_t id = (size_t)(o - w->of);
    if (is_work(o->act))
        work_end(w, id);
    activity_account(w, o);
    int was_on = o->act != ACT_OFF_DUTY, on = a != ACT_OFF_DUTY;
    int was_busy = is_busy(o->act), busy = is_busy(a);
    if (was_on != on || was_busy != busy) {
        metrics_levels(w);
        w->n_on += (on - was_on) * o->w_off;
        w->n_busy += (busy - was_busy) * o->w_off;
        if (!o->desk_only) {
            w->u_on += on - was_on;
            w->u_busy += busy - was_busy;
            if (w->st_lvl)
                metrics_station_levels(w, w->r->officers[id].station, on - was_on,
                                       busy - was_busy);
        }
    }
    if (o->int_pos >= 0 && a != o->act)
        dispatch_int_remove(w, id);
    o->act = a;
    if (a == ACT_DESK || a == ACT_BREAK)
        dispatch_int_add(w, id);
}

/* Officer o now covers `beat` (-1: none). A beat's covered time in the
 * current hour grows while at least one officer covers it. */
void activity_cover(world *w, officer *o, int beat)
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
int activity_idle_cover(const world *w, size_t id)
{
    int b = w->r->officers[id].beat;
    return b >= 0 ? b : w->of[id].loc_beat;
}

/* Where officer o is now: travelling officers are moved along the straight
 * line between start and destination in proportion to time. */
void activity_position(const world *w, const officer *o, double *x, double *y)
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

/* Driving time in minutes over `km` right-angle (or straight) kilometres
 * into a beat of land type `land`. */
double activity_drive_min(const world *w, double km, int beat)
{
    const land_params *lp = &w->s->land[w->c->beats[beat].land];
    return w->s->dispatch.detour * km / lp->speed_kmh * 60.0;
}

void activity_timer_set(world *w, size_t id, double at)
{
    officer *o = &w->of[id];
    o->timer = sim_schedule_at(w->e, at, PRIO_EVENT, EV_OFFICER,
                               (sim_payload){.u64 = id});
    o->timer_at = at;
    if (o->timer == SIM_HANDLE_NONE)
        fail(w);
}

void activity_timer_cancel(world *w, officer *o)
{
    if (o->timer != SIM_HANDLE_NONE)
        sim_cancel(w->e, o->timer);
    o->timer = SIM_HANDLE_NONE;
}

/* Brings officer o's desk debt up to now: + desk_share per minute on
 * duty, - 1 per minute at the desk, capped at DESK_CAP_BLOCKS blocks (desk
 * work missed for calls beyond that is dropped, not made up). */
void activity_debt_update(world *w, officer *o, const officer_group *g)
{
    double dt = w->now - o->debt_since;
    o->desk_debt += g->desk_share * dt;
    if (o->act == ACT_DESK && !o->desk_phone)
        o->desk_debt -= dt;
    if (o->desk_debt > DESK_CAP_BLOCKS * g->desk_block_min)
        o->desk_debt = DESK_CAP_BLOCKS * g->desk_block_min;
    o->debt_since = w->now;
}

/* ---- crews ------------------------------------------------------------------- */

/* Sworn officers and auxiliary police a person adds to a unit. */
static int off_of(const world *w, size_t id)
{
    return !group_of(w, id)->auxiliary;
}

/* Member m leaves its lead's unit (the lead's time is accounted first).
 * `levels`: the member also leaves the on-duty and busy levels (0 when
 * the lead has just gone off duty and took the whole unit's weight off
 * them already). */
static void crew_leave(world *w, size_t m, int levels)
{
    officer *o = &w->of[m], *l = &w->of[o->host];
    activity_account(w, l);
    int mo = off_of(w, m);
    if (levels) {
        metrics_levels(w);
        w->n_on -= mo;
        w->n_busy -= mo * is_busy(l->act);
    }
    l->w_off -= mo;
    l->w_aux -= !mo;
    l->mate = -1;
    o->host = -1;
    o->act = ACT_OFF_DUTY;
    o->act_since = w->now;
}

static void go_off_duty(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->off_after) {
        w->res->overtime_min += clip(w, o->shift_end, w->now) * o->w_off;
        o->off_after = 0;
    }
    activity_timer_cancel(w, o);
    dispatch_free_remove(w, id);
    activity_debt_update(w, o, group_of(w, id));
    if (o->act == ACT_DESK || o->act == ACT_BREAK)
        activity_interrupt(w, id); /* what is left of telephone work */
    activity_set(w, o, ACT_OFF_DUTY);
    activity_cover(w, o, -1);
    o->incident = -1;
    if (o->mate >= 0)
        crew_leave(w, (size_t)o->mate, 0);
    if (o->has_car)
        w->cars_used[o->group_station]--;
    o->has_car = 0;
    o->desk_only = 0;
    o->break_due = INFINITY;
    o->break_left = 0;
    if (o->phone_left > 0) /* telephone work not done goes back */
        w->phone_backlog[w->r->officers[id].station] += o->phone_left;
    o->phone_left = 0;
    o->desk_phone = 0;
}

/* Person id, present at its shift start, joins a unit formed at this
 * moment at its station and beat with a free seat and the same shift
 * length: one of its own group whose crew at this hour is 2, or (for
 * auxiliary police) one of their crew_with group. Returns 1 if it did. */
static int crew_join(world *w, size_t id, double len)
{
    const roster_officer *ro = &w->r->officers[id];
    const officer_group *g = group_of(w, id);
    int st = ro->station, h = hour_of_week(w->now) % 24;
    if (w->open_t[st] != w->now)
        return 0;
    for (long k = 0; k < w->open_n[st]; k++) {
        size_t u = (size_t)w->open[st][k];
        officer *l = &w->of[u];
        const roster_officer *lr = &w->r->officers[u];
        const officer_group *lg = group_of(w, u);
        if (l->mate >= 0 || l->act == ACT_OFF_DUTY || l->shift_len != len || lr->beat != ro->beat)
            continue;
        int same = lr->group == ro->group && !g->auxiliary && g->crew[h] > 1.5;
        int rides = g->auxiliary && !lg->auxiliary &&
                    !strncmp(g->crew_with, lg->name, SCENARIO_NAME_MAX);
        if (!same && !rides)
            continue;
        activity_account(w, &w->of[id]); /* its time off duty until now */
        activity_account(w, l);
        metrics_levels(w);
        int mo = off_of(w, id);
        w->n_on += mo;
        w->n_busy += mo * is_busy(l->act);
        l->w_off += mo;
        l->w_aux += !mo;
        l->mate = (int)id;
        w->of[id].host = (int)u;
        w->open[st][k] = w->open[st][--w->open_n[st]]; /* the seat is taken */
        return 1;
    }
    return 0;
}

/* Person id forms a unit of its own at its shift start: its class, a car
 * if its group counts cars, and a seat others may take. */
static void crew_form(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    const officer_group *g = group_of(w, id);
    int st = ro->station;
    o->unit_class = g->role == ROLE_PATROL ? UNIT_PATROL : g->auxiliary ? UNIT_AUX : UNIT_STATION;
    o->desk_only = g->auxiliary && !g->alone;
    if (!o->desk_only && g->cars > 0) {
        if (w->cars_used[o->group_station] < g->cars) {
            w->cars_used[o->group_station]++;
            o->has_car = 1;
        } else {
            o->desk_only = 1;
        }
    }
    if (o->desk_only || g->auxiliary)
        return;
    if (w->open_t[st] != w->now) {
        w->open_t[st] = w->now;
        w->open_n[st] = 0;
    }
    w->open[st][w->open_n[st]++] = (int)id;
}

/* ---- free time -------------------------------------------------------------- */

/* Starts the drive back to base; the officer is free meanwhile. */
void activity_start_return(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    activity_set(w, o, ACT_RETURN);
    o->tx = ro->base_x;
    o->ty = ro->base_y;
    o->t_depart = w->now;
    o->t_arrive = w->now + activity_drive_min(w, distance(w, o->x, o->y, o->tx, o->ty), ro->base_beat);
    activity_cover(w, o, activity_idle_cover(w, id));
    if (o->free_pos < 0)
        dispatch_free_add(w, id);
    activity_timer_set(w, id, o->t_arrive);
}

void activity_start_phone(world *w, size_t id, double minutes)
{
    officer *o = &w->of[id];
    activity_timer_cancel(w, o);
    dispatch_free_remove(w, id);
    activity_debt_update(w, o, group_of(w, id));
    activity_set(w, o, ACT_DESK);
    o->desk_phone = 1;
    o->phone_left = minutes;
    activity_cover(w, o, activity_idle_cover(w, id));
    activity_timer_set(w, id, w->now + minutes);
}

void activity_interrupt(world *w, size_t id)
{
    officer *o = &w->of[id];
    double left = o->timer_at - w->now;
    if (o->act == ACT_BREAK)
        o->break_left = left > 0 ? left : 0;
    else if (o->desk_phone)
        o->phone_left = left > 0 ? left : 0;
    o->desk_phone = 0;
}

/* Breaks that have fallen due by now are owed. */
static void breaks_due(world *w, officer *o, const officer_group *g)
{
    while (o->break_due <= w->now) {
        o->break_left += g->break_min;
        o->break_due += g->break_every_h * 60;
        if (!(o->break_due < o->shift_end))
            o->break_due = INFINITY;
    }
}

/* The earlier of `due` and the next break. */
static double with_break(const officer *o, double due)
{
    return o->break_due < due ? o->break_due : due;
}

/* Officer id has nothing to do: a break if one is owed, telephone work,
 * desk work if a block is owed, else the proactive work its shares give,
 * else drive back to base or wait. The queues are known to be empty or
 * already tried. */
static void idle(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    const officer_group *g = &w->s->groups[ro->group];
    activity_debt_update(w, o, g);
    if (o->desk_only) { /* at the desk until the shift ends */
        dispatch_free_remove(w, id);
        activity_set(w, o, ACT_DESK);
        activity_cover(w, o, activity_idle_cover(w, id));
        return;
    }
    breaks_due(w, o, g);
    if (o->break_left > 0) { /* where it stands */
        dispatch_free_remove(w, id);
        activity_set(w, o, ACT_BREAK);
        activity_cover(w, o, activity_idle_cover(w, id));
        activity_timer_set(w, id, w->now + o->break_left);
        return;
    }
    double *backlog = &w->phone_backlog[ro->station];
    /* the station's backlog is taken at the station building (not by beat
       officers at their community offices); an interrupted block anywhere */
    int station_desk = o->unit_class == UNIT_STATION && g->base == BASE_STATION;
    if (o->phone_left > 0 || (station_desk && *backlog > 0)) {
        if (!o->at_base) {
            activity_start_return(w, id);
            return;
        }
        double m = o->phone_left;
        if (!(m > 0)) {
            m = *backlog < g->desk_block_min ? *backlog : g->desk_block_min;
            *backlog -= m;
        }
        activity_start_phone(w, id, m);
        return;
    }
    if (g->desk_share > 0 && o->desk_debt >= g->desk_block_min * (1 - 1e-9)) {
        if (o->at_base) {
            dispatch_free_remove(w, id);
            activity_set(w, o, ACT_DESK);
            activity_cover(w, o, activity_idle_cover(w, id));
            activity_timer_set(w, id, w->now + g->desk_block_min);
        } else {
            activity_start_return(w, id);
        }
        return;
    }
    double share[WORK_KINDS + 1];
    int k = w->pv ? work_pick(w, id, share) : -1;
    if (k == WORK_PATROL) {
        work_begin(w, id, k, share);
        work_start_patrol(w, id);
        return;
    }
    if (k >= 0 && k < WORK_KINDS) { /* at base; go there first */
        if (!o->at_base) {
            activity_start_return(w, id);
            return;
        }
        static const world_activity act[WORK_KINDS] = {ACT_PATROL, ACT_VISIT, ACT_CHECK,
                                                       ACT_STRIKE};
        work_begin(w, id, k, share);
        work_start_block(w, id, act[k], work_block_min(w, k));
        return;
    }
    if (!o->at_base && w->s->dispatch.return_to_base) {
        activity_start_return(w, id);
        return;
    }
    activity_set(w, o, ACT_AVAILABLE);
    activity_cover(w, o, activity_idle_cover(w, id));
    if (o->free_pos < 0)
        dispatch_free_add(w, id);
    if (k == WORK_KINDS) { /* a block of waiting, then choose again */
        work_begin(w, id, k, share);
        double due = w->now + WORK_BLOCK_MIN;
        if (g->desk_share > 0) {
            double desk = w->now + (g->desk_block_min - o->desk_debt) / g->desk_share;
            if (desk > w->now && desk < due)
                due = desk;
        }
        activity_timer_set(w, id, with_break(o, due));
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
        activity_timer_set(w, id, with_break(o, due));
    } else if (o->break_due < INFINITY) {
        activity_timer_set(w, id, o->break_due);
    }
}

void activity_become_free(world *w, size_t id)
{
    officer *o = &w->of[id];
    o->incident = -1;
    if (o->off_after) {
        go_off_duty(w, id);
        return;
    }
    if (!o->desk_only) {
        int iid = dispatch_next_call(w, id);
        if (iid >= 0) {
            dispatch_assign(w, id, iid);
            return;
        }
    }
    if (o->backlog_min > 0) {
        dispatch_free_remove(w, id);
        activity_debt_update(w, o, group_of(w, id));
        activity_set(w, o, ACT_FOLLOWUP);
        activity_cover(w, o, activity_idle_cover(w, id));
        activity_timer_set(w, id, w->now + o->backlog_min);
        o->backlog_min = 0;
        return;
    }
    idle(w, id);
}

/* ---- handlers ---------------------------------------------------------------- */

static void on_arrive(world *w, size_t id)
{
    officer *o = &w->of[id];
    int iid = o->incident;
    incident *i = &w->inc[iid];
    activity_set(w, o, ACT_SCENE);
    o->x = o->tx;
    o->y = o->ty;
    o->loc_beat = i->beat;
    i->units_arrived++;
    if (i->nserved < 2)
        i->served[i->nserved++] = (int)id;
    if (i->lead < 0) {
        i->t_arrived = w->now;
        i->lead = (int)id;
        if (i->counted)
            metrics_response(w, i, id);
    }
    if (i->units_wanted == 0 && i->units_arrived == i->units_total) {
        for (int k = 0; k < 2; k++)
            if (i->unit[k] >= 0)
                activity_timer_set(w, (size_t)i->unit[k], w->now + i->scene_min);
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
        calls_close(w, iid);
    o->incident = -1;
    if (lead && followup > 0) {
        activity_set(w, o, ACT_FOLLOWUP);
        activity_timer_set(w, id, w->now + followup);
    } else {
        activity_become_free(w, id);
    }
}

void activity_on_officer(sim_engine *e, const sim_event *ev, void *model)
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
        activity_become_free(w, id);
        break;
    case ACT_DESK:
        activity_debt_update(w, o, group_of(w, id));
        if (o->desk_phone) {
            o->desk_phone = 0;
            o->phone_left = 0;
        }
        activity_become_free(w, id);
        break;
    case ACT_BREAK:
        o->break_left = 0;
        activity_become_free(w, id);
        break;
    case ACT_RETURN:
        o->x = o->tx;
        o->y = o->ty;
        o->at_base = 1;
        o->loc_beat = w->r->officers[id].base_beat;
        dispatch_free_move(w, id);
        idle(w, id);
        break;
    case ACT_AVAILABLE: /* desk work or a break is due, or a wait block ends */
        idle(w, id);
        break;
    case ACT_PATROL:
        if (o->work_since == INFINITY) /* arrived in the beat */
            work_arrive_patrol(w, id);
        else
            activity_become_free(w, id);
        break;
    case ACT_VISIT:
    case ACT_CHECK:
    case ACT_STRIKE:
        activity_become_free(w, id);
        break;
    default:
        break;
    }
}

/* The absence of person id for the shift starting now, drawn on its own
 * counter-based stream: 0 present, else the absence kind + 1. The share
 * a of shifts lost (roster_plan) is split over the kinds in proportion
 * to their days. */
static int absence(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    double a = w->r->plan[ro->group].missed;
    uint32_t n = o->nshift++;
    if (!(a > 0) || ro->continuous)
        return 0;
    double u = sim_rng_counter_uniform(o->absence_key, n);
    if (!(u < a))
        return 0;
    const double *days = group_of(w, id)->absence_days;
    double sum = 0, v;
    for (int k = 0; k < ABSENCE_KINDS; k++)
        sum += days[k];
    v = u / a * sum;
    for (int k = 0; k < ABSENCE_KINDS - 1; k++) {
        if (v < days[k])
            return k + 1;
        v -= days[k];
    }
    return ABSENCE_KINDS;
}

void activity_on_shift_start(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    size_t id = (size_t)ev->payload.u64;
    officer *o = &w->of[id];
    double len = o->next_len;
    const officer_group *g = group_of(w, id);
    if (o->host >= 0) {
        /* still riding with a lead working over: rides on */
    } else if (o->act != ACT_OFF_DUTY) { /* still on a job from the last shift */
        if (o->off_after)
            w->res->overtime_min += clip(w, o->shift_end, w->now) * o->w_off;
        o->off_after = 0;
    } else if ((o->absent = absence(w, id)) != 0) {
        if (w->now >= w->warm)
            w->res->absence_min[o->absent - 1] += clip(w, w->now, fmin(w->now + len, w->end));
    } else {
        const roster_officer *ro = &w->r->officers[id];
        o->x = ro->base_x;
        o->y = ro->base_y;
        o->at_base = 1;
        o->loc_beat = ro->base_beat;
        o->debt_since = w->now;
        o->shift_len = len;
        if (!crew_join(w, id, len)) {
            crew_form(w, id);
            /* The first break falls due between 1/4 and 3/4 of
               break_every_h into the shift, staggered across officers by
               a low-discrepancy sequence (so that a shift's officers do
               not all break at once), the next ones break_every_h apart. */
            double u = fmod((double)(id + 1) * BREAK_STAGGER, 1.0);
            double first = w->now + g->break_every_h * 60 * (0.25 + 0.5 * u);
            o->break_due = g->break_min > 0 && !ro->continuous && first < w->now + len
                               ? first
                               : INFINITY;
            o->break_left = 0;
            activity_set(w, o, ACT_AVAILABLE);
        }
    }
    o->shift_end = w->now + len;
    if (o->shift_end <= w->end &&
        sim_post_at(e, o->shift_end, shift_prio(w, id), EV_SHIFT_END, ev->payload) != 0) {
        fail(w);
        return;
    }
    if (o->act == ACT_AVAILABLE && o->host < 0 && !o->absent)
        activity_become_free(w, id);
}

void activity_on_shift_end(sim_engine *e, const sim_event *ev, void *model)
{
    world *w = model;
    w->now = sim_now(e);
    size_t id = (size_t)ev->payload.u64;
    officer *o = &w->of[id];
    if (o->host >= 0) {
        /* a member: off with its lead, unless the lead works on longer */
        if (w->of[o->host].shift_end > w->now && !w->of[o->host].off_after)
            crew_leave(w, id, 1);
    } else if (o->absent) {
        o->absent = 0;
    } else if (is_busy(o->act)) {
        o->off_after = 1;
    } else {
        go_off_duty(w, id);
    }
    /* the next shift may begin the moment this one ends (a rotation's
       office day after its 24-hour duty): search from just before now */
    double next = roster_next_start(&w->r->officers[id], w->now - 1e-6, &o->next_len);
    if (next <= w->end &&
        sim_post_at(e, fmax(next, w->now), shift_prio(w, id), EV_SHIFT_START, ev->payload) != 0)
        fail(w);
}
