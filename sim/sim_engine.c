/* sim_engine.c - the discrete-event engine: clock, handlers, run loop. */
#include "sim_engine.h"

#include <math.h>
#include <stdlib.h>

struct sim_engine {
    sim_queue *queue;      /* pending events, owned */
    sim_handler *handlers; /* one per kind, NULL when unregistered */
    uint32_t nkinds;       /* number of kinds */
    void *model;           /* borrowed; passed to handlers */
    double now;            /* the clock, minutes */
    uint64_t events;       /* events processed */
    int stop_requested;    /* set by sim_engine_stop */
    uint32_t error_kind;   /* kind without handler, after SIM_STOP_ERROR */
};

sim_engine *sim_engine_create(uint32_t nkinds, void *model)
{
    if (nkinds == 0)
        return NULL;
    sim_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->handlers = calloc(nkinds, sizeof *e->handlers);
    e->queue = sim_queue_create(0);
    if (!e->handlers || !e->queue) {
        sim_engine_free(e);
        return NULL;
    }
    e->nkinds = nkinds;
    e->model = model;
    return e;
}

void sim_engine_free(sim_engine *e)
{
    if (!e)
        return;
    sim_queue_free(e->queue);
    free(e->handlers);
    free(e);
}

int sim_engine_on(sim_engine *e, uint32_t kind, sim_handler fn)
{
    if (kind >= e->nkinds)
        return -1;
    e->handlers[kind] = fn;
    return 0;
}

double sim_now(const sim_engine *e)
{
    return e->now;
}

int sim_post_at(sim_engine *e, double time, int priority, uint32_t kind,
                sim_payload payload)
{
    if (!(time >= e->now) || kind >= e->nkinds)
        return -1;
    return sim_queue_post(e->queue, time, priority, kind, payload);
}

int sim_post(sim_engine *e, double delay, int priority, uint32_t kind,
             sim_payload payload)
{
    if (!(delay >= 0) || kind >= e->nkinds)
        return -1;
    return sim_queue_post(e->queue, e->now + delay, priority, kind, payload);
}

sim_handle sim_schedule_at(sim_engine *e, double time, int priority,
                           uint32_t kind, sim_payload payload)
{
    if (!(time >= e->now) || kind >= e->nkinds)
        return SIM_HANDLE_NONE;
    return sim_queue_schedule(e->queue, time, priority, kind, payload);
}

sim_handle sim_schedule(sim_engine *e, double delay, int priority,
                        uint32_t kind, sim_payload payload)
{
    if (!(delay >= 0))
        return SIM_HANDLE_NONE;
    return sim_schedule_at(e, e->now + delay, priority, kind, payload);
}

int sim_cancel(sim_engine *e, sim_handle h)
{
    return sim_queue_cancel(e->queue, h);
}

int sim_reschedule(sim_engine *e, sim_handle h, double time)
{
    if (!(time >= e->now))
        return 0;
    return sim_queue_reschedule(e->queue, h, time);
}

sim_stop_reason sim_engine_run(sim_engine *e, double stop_time)
{
    sim_event ev;
    if (isnan(stop_time))
        stop_time = INFINITY;
    e->stop_requested = 0;
    while (!e->stop_requested) {
        if (!sim_queue_pop_until(e->queue, stop_time, &ev)) {
            if (isfinite(stop_time) && stop_time > e->now)
                e->now = stop_time;
            return sim_queue_size(e->queue) ? SIM_STOP_TIME : SIM_STOP_EMPTY;
        }
        /* The queue is reachable through sim_engine_queue, so a kind may
         * have bypassed sim_schedule's range check. */
        sim_handler fn = ev.kind < e->nkinds ? e->handlers[ev.kind] : NULL;
        if (!fn) {
            e->error_kind = ev.kind;
            return SIM_STOP_ERROR;
        }
        e->now = ev.time;
        e->events++;
        fn(e, &ev, e->model);
    }
    return SIM_STOP_REQUEST;
}

void sim_engine_stop(sim_engine *e)
{
    e->stop_requested = 1;
}

sim_queue *sim_engine_queue(sim_engine *e)
{
    return e->queue;
}

uint64_t sim_engine_events(const sim_engine *e)
{
    return e->events;
}

uint32_t sim_engine_error_kind(const sim_engine *e)
{
    return e->error_kind;
}
