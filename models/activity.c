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
 * follow-up, a desk block if one is owed, a block of proactive work
 * picked by work_pick (work.c), else drives back to base or waits.
 */
#include "world_state.h"

#include <math.h>

/* ---- activities, position, timers, desk debt ------------------------------ */

/* Moves officer o into activity a, accounting the time spent in the old
 * one (after the warm-up) and the on-duty and busy levels; a block of
 * proactive work that ends is credited first. */
void activity_set(world *w, officer *o, world_activity a)
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
        metrics_levels(w);
        w->n_on += on - was_on;
        w->n_busy += busy - was_busy;
    }
    o->act = a;
    o->act_since = w->now;
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
    if (o->act == ACT_DESK)
        o->desk_debt -= dt;
    if (o->desk_debt > DESK_CAP_BLOCKS * g->desk_block_min)
        o->desk_debt = DESK_CAP_BLOCKS * g->desk_block_min;
    o->debt_since = w->now;
}

/* ---- free time -------------------------------------------------------------- */

static void go_off_duty(world *w, size_t id)
{
    officer *o = &w->of[id];
    if (o->off_after) {
        w->res->overtime_min += clip(w, o->shift_end, w->now);
        o->off_after = 0;
    }
    activity_timer_cancel(w, o);
    dispatch_free_remove(w, id);
    activity_debt_update(w, o, group_of(w, id));
    activity_set(w, o, ACT_OFF_DUTY);
    activity_cover(w, o, -1);
    o->incident = -1;
}

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

/* Officer id has nothing to do: desk work if a block is owed, else the
 * proactive work its shares give, else drive back to base or wait. The
 * queues are known to be empty or already tried. */
static void idle(world *w, size_t id)
{
    officer *o = &w->of[id];
    const roster_officer *ro = &w->r->officers[id];
    const officer_group *g = &w->s->groups[ro->group];
    activity_debt_update(w, o, g);
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
        activity_timer_set(w, id, due);
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
        activity_timer_set(w, id, due);
    }
}

/* Officer id has finished a job (or come on duty): off duty if the shift
 * is over, else the next queued call, else interrupted follow-up, else
 * idle. */
void activity_become_free(world *w, size_t id)
{
    officer *o = &w->of[id];
    o->incident = -1;
    if (o->off_after) {
        go_off_duty(w, id);
        return;
    }
    int iid = dispatch_next_call(w, id);
    if (iid >= 0) {
        dispatch_assign(w, id, iid);
        return;
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
    if (i->lead < 0) {
        i->lead = (int)id;
        if (i->counted)
            metrics_response(w, i);
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
        activity_become_free(w, id);
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

void activity_on_shift_start(sim_engine *e, const sim_event *ev, void *model)
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
        activity_set(w, o, ACT_AVAILABLE);
    }
    o->shift_end = w->now + len;
    if (o->shift_end <= w->end &&
        sim_post_at(e, o->shift_end, PRIO_EVENT, EV_SHIFT_END, ev->payload) != 0) {
        fail(w);
        return;
    }
    if (o->act == ACT_AVAILABLE)
        activity_become_free(w, id);
}

void activity_on_shift_end(sim_engine *e, const sim_event *ev, void *model)
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
