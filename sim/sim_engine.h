/* sim_engine.h - the discrete-event engine: clock, handlers, run loop.
 *
 * Time is a double counted in MINUTES from the start of the run, in every
 * part of beatsim. The model registers one handler per event kind (a
 * function table, as ROSS's tw_lptype or cimba's event actions); the
 * engine pops events in (time, priority, sequence) order from its
 * sim_queue, advances the clock and calls the handler. Handlers schedule,
 * cancel and reschedule further events through the engine.
 *
 * The engine owns its queue; the model owns its state (the opaque `model`
 * pointer) and anything referenced by payloads. An engine holds no global
 * state: several engines may run at once on different threads, one each.
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include "sim_queue.h"

#include <stdint.h>

typedef struct sim_engine sim_engine;

/* Called for each event of its kind. `ev` is borrowed (valid during the
 * call only); `model` is the pointer given to sim_engine_create. */
typedef void (*sim_handler)(sim_engine *e, const sim_event *ev, void *model);

/* Why sim_engine_run returned. */
typedef enum sim_stop_reason {
    SIM_STOP_TIME = 0,  /* the next event lies beyond the stop time */
    SIM_STOP_EMPTY,     /* no events left */
    SIM_STOP_REQUEST,   /* a handler called sim_engine_stop */
    SIM_STOP_ERROR      /* an event had no handler (it is dropped, the
                           clock stays); see sim_engine_error_kind */
} sim_stop_reason;

/* Creates an engine for event kinds 0 .. nkinds-1 serving `model`.
 * Returns NULL when memory is exhausted or nkinds is 0. */
sim_engine *sim_engine_create(uint32_t nkinds, void *model);

/* Frees the engine and its queue (not the model). NULL is accepted. */
void sim_engine_free(sim_engine *e);

/* Registers the handler of `kind` (replacing any earlier one). Returns 0,
 * or -1 if kind is out of range. */
int sim_engine_on(sim_engine *e, uint32_t kind, sim_handler fn);

/* Current simulation time, minutes. Starts at 0. */
double sim_now(const sim_engine *e);

/* Adds an event `delay` minutes from now that will not be cancelled or
 * moved (no handle: the cheapest way in). Returns 0, or -1 if the delay
 * is negative or not finite, the priority or kind is out of range, or
 * memory is exhausted. */
int sim_post(sim_engine *e, double delay, int priority, uint32_t kind,
             sim_payload payload);

/* As sim_post, at absolute time `time` (>= now). */
int sim_post_at(sim_engine *e, double time, int priority, uint32_t kind,
                sim_payload payload);

/* Schedules an event `delay` minutes from now (delay >= 0 and finite).
 * Returns its handle, or SIM_HANDLE_NONE if the delay is negative or not
 * finite, the kind is out of range, or memory is exhausted. */
sim_handle sim_schedule(sim_engine *e, double delay, int priority,
                        uint32_t kind, sim_payload payload);

/* As sim_schedule, at absolute time `time` (>= now). */
sim_handle sim_schedule_at(sim_engine *e, double time, int priority,
                           uint32_t kind, sim_payload payload);

/* Cancels a pending event: 1 if cancelled, 0 if it was not pending. */
int sim_cancel(sim_engine *e, sim_handle h);

/* Moves a pending event to absolute time `time` (>= now): 1 on success,
 * 0 if it was not pending or the time is in the past or not finite. */
int sim_reschedule(sim_engine *e, sim_handle h, double time);

/* Processes events in order until the next one would fall after
 * `stop_time`, none is left, or a handler requests a stop. Events exactly
 * at stop_time are processed. On SIM_STOP_TIME and SIM_STOP_EMPTY with a
 * finite stop_time the clock is advanced to stop_time (so time averages
 * can be closed there); later events stay pending, so calling run again
 * with a later stop time continues the same simulation. A NaN stop_time
 * is treated as +INFINITY. */
sim_stop_reason sim_engine_run(sim_engine *e, double stop_time);

/* Asks the run loop to return after the current handler. */
void sim_engine_stop(sim_engine *e);

/* The engine's queue, for inspection (size, peek). Borrowed. */
sim_queue *sim_engine_queue(sim_engine *e);

/* Events processed since creation. */
uint64_t sim_engine_events(const sim_engine *e);

/* After SIM_STOP_ERROR: the kind of the event that had no handler. */
uint32_t sim_engine_error_kind(const sim_engine *e);

#endif /* SIM_ENGINE_H */
