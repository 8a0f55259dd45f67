/* baseline_heap.h - the yardstick for the event list: a plain binary heap.
 *
 * What a careful programmer writes first for a discrete-event simulator:
 * a binary heap of whole events (time, priority + sequence tie-break, kind,
 * payload), ordered like sim_queue, without cancellation or handles. It
 * lives in its own translation unit, as sim_queue does, so neither gets
 * the advantage of being inlined into the benchmark loop.
 */
#ifndef BASELINE_HEAP_H
#define BASELINE_HEAP_H

#include "sim_queue.h"

#include <stddef.h>
#include <stdint.h>

typedef struct bh_event {
    double time;         /* event time */
    uint64_t tie;        /* priority << 56 | sequence */
    sim_payload payload; /* model data */
    uint32_t kind;       /* event kind */
} bh_event;

typedef struct bheap {
    bh_event *a;   /* the heap, 0-based, children of i at 2i+1, 2i+2 */
    size_t n;      /* events held */
    size_t cap;    /* events allocated */
    uint64_t seq;  /* next sequence number */
} bheap;

/* Pushes an event; aborts when memory is exhausted (benchmark only). */
void bh_push(bheap *h, double time, int priority, uint32_t kind,
             sim_payload payload);
/* Pops the first event into *out; returns 0 when empty. */
int bh_pop(bheap *h, bh_event *out);
void bh_free(bheap *h);

#endif /* BASELINE_HEAP_H */
