/* sim_queue.h - the pending-event list: a 4-ary heap with lazy deletion.
 *
 * The engine keeps its future events here. Events are ordered by the key
 * (time, priority, sequence): earlier time first; at equal times lower
 * priority first; at equal time and priority the event scheduled first
 * (lower sequence number) first. Sequence numbers are assigned by the queue
 * at every post, schedule and reschedule, so ties resolve the same way on
 * every run and every machine: the order never depends on the double time
 * alone.
 *
 * Two ways in. sim_queue_post adds an event that can never be cancelled
 * (most events: arrivals, completions); it costs one heap insertion and
 * nothing else. sim_queue_schedule adds an event with a handle, through
 * which it can later be cancelled, rescheduled or inspected; it also takes
 * a record from a pool. Cancel and reschedule are lazy: the old heap entry
 * stays, marked dead, until it reaches the top or the heap is compacted
 * (when dead entries outnumber live ones), so memory stays O(pending) and
 * every operation is amortised O(log n). See sim_queue.c for the design
 * and docs/performance.md for the measurements behind it.
 *
 * Records are recycled through a free list and the heap grows by doubling,
 * so steady-state operation performs no allocation. A handle carries a
 * generation counter, so a handle to an event that has already been popped
 * or cancelled is recognised as stale and refused instead of touching
 * whatever event now occupies the recycled record.
 *
 * Not thread-safe: one queue belongs to one simulation run.
 */
#ifndef SIM_QUEUE_H
#define SIM_QUEUE_H

#include <stddef.h>
#include <stdint.h>

/* Model data carried by an event: 8 bytes, interpreted by the model. The
 * queue never dereferences it; a pointer stored here stays owned by the
 * model. */
typedef union sim_payload {
    void *ptr;      /* model-owned object */
    uint64_t u64;   /* a plain number */
    uint32_t u32[2];/* two small ids, e.g. (officer, incident) */
    double f64;     /* a real value */
} sim_payload;

/* Identifies one scheduled event: pool index in the low 32 bits,
 * generation in the high 32 bits. 0 is never a valid handle. */
typedef uint64_t sim_handle;

#define SIM_HANDLE_NONE ((sim_handle)0)

/* Lowest and highest priority accepted (lower value runs first). */
#define SIM_PRIORITY_MIN 0
#define SIM_PRIORITY_MAX 255

/* One event as handed back by sim_queue_pop. */
typedef struct sim_event {
    double time;         /* simulation time, minutes */
    sim_handle handle;   /* handle it was scheduled under (now stale), or
                            SIM_HANDLE_NONE if it was posted */
    sim_payload payload; /* model data */
    uint32_t kind;       /* model-defined event kind */
    uint8_t priority;    /* tie-break at equal times, lower first */
} sim_event;

typedef struct sim_queue sim_queue;

/* Creates an empty queue with room for `capacity_hint` pending events
 * before it first grows (0 picks a small default). Returns NULL when
 * memory is exhausted; nothing is leaked. */
sim_queue *sim_queue_create(size_t capacity_hint);

/* Frees the queue and its pool. Payload pointers are not freed (the model
 * owns them). NULL is accepted. */
void sim_queue_free(sim_queue *q);

/* Adds an event without a handle at absolute `time` (must be finite; not
 * checked against any clock here: that is the engine's job). `priority`
 * must be in [SIM_PRIORITY_MIN, SIM_PRIORITY_MAX]. Returns 0, or -1 if
 * memory is exhausted or an argument is invalid. O(log n). */
int sim_queue_post(sim_queue *q, double time, int priority, uint32_t kind,
                   sim_payload payload);

/* Schedules an event with a handle at absolute `time` (must be finite; not checked
 * against any clock here: that is the engine's job). `priority` must be in
 * [SIM_PRIORITY_MIN, SIM_PRIORITY_MAX]. Returns the handle, or
 * SIM_HANDLE_NONE if memory is exhausted or an argument is invalid.
 * O(log n) amortised. */
sim_handle sim_queue_schedule(sim_queue *q, double time, int priority,
                              uint32_t kind, sim_payload payload);

/* Removes a pending event. Returns 1 if it was pending and is now removed,
 * 0 if the handle is stale (already popped or cancelled) or invalid.
 * O(1), plus amortised O(log n) for discarding the dead entry later. */
int sim_queue_cancel(sim_queue *q, sim_handle h);

/* Moves a pending event to a new `time`, keeping its handle, kind,
 * priority and payload. It takes a fresh sequence number, so among events
 * at the new time and priority it comes after those already scheduled.
 * Returns 1 on success, 0 if the handle is stale or invalid or the time is
 * not finite or memory is exhausted. O(log n) amortised. */
int sim_queue_reschedule(sim_queue *q, sim_handle h, double time);

/* Removes the first event in (time, priority, sequence) order and copies
 * it into *out. Returns 1, or 0 if the queue is empty (then *out is
 * untouched). O(log n) amortised. */
int sim_queue_pop(sim_queue *q, sim_event *out);

/* Pops the first event into *out only if its time is <= limit: returns 1,
 * or 0 (queue empty or first event later; *out untouched). The engine's
 * run loop in one call. */
int sim_queue_pop_until(sim_queue *q, double limit, sim_event *out);

/* Time of the first event, or +INFINITY if the queue is empty. O(1). */
double sim_queue_peek_time(const sim_queue *q);

/* Number of pending events. O(1). */
size_t sim_queue_size(const sim_queue *q);

/* 1 if the handle names a pending event, else 0. O(1). */
int sim_queue_pending(const sim_queue *q, sim_handle h);

/* Time of a pending event, or NAN for a stale or invalid handle. O(1). */
double sim_queue_time_of(const sim_queue *q, sim_handle h);

/* Removes every pending event; handles issued before become stale. Keeps
 * the allocated memory for reuse. O(n). */
void sim_queue_clear(sim_queue *q);

/* Bytes currently allocated by the queue (heap array and pool). */
size_t sim_queue_memory(const sim_queue *q);

#endif /* SIM_QUEUE_H */
