/* sim_queue.c - the pending-event list: a 4-ary heap with lazy deletion.
 *
 * Layout. heap[] holds 32-byte entries -- time, tie, payload, kind and
 * record index -- as a 0-based 4-ary heap: the children of i are 4i+1 ..
 * 4i+4. The tie packs priority (top 8 bits) and the insertion sequence
 * number (low 56 bits), so an entry carries its whole ordering key and
 * everything pop must return: comparisons and pops never leave the heap
 * array. The array is 64-byte aligned and offset by three entries, so the
 * four children of a node fill exactly two cache lines.
 *
 * Handles. An event posted without a handle (sim_queue_post) has no
 * record. An event scheduled with a handle gets a record in pool[]: its
 * time, tie, payload, kind and a generation number. The handle is
 * (generation << 32) | record index; the generation is bumped when the
 * record is freed, so stale handles are recognised.
 *
 * Cancellation is lazy (tombstones, as in Redis's ae.c timers): cancel
 * frees the record at once, and its heap entry -- now "dead" because the
 * record's tie no longer matches the entry's (sequence numbers are never
 * reused) -- is discarded when it reaches the root. Reschedule gives the
 * record a new tie and pushes a new entry; the old one dies the same way.
 * Two invariants keep this honest:
 *   - heap[0] is always live (dead entries are purged from the root after
 *     every operation), so peek is O(1) and exact;
 *   - dead entries never outnumber live ones by much: when there are more
 *     dead than live (and more than 64), the heap is compacted and rebuilt
 *     in O(n), so memory stays O(live) and the cost is amortised O(log n)
 *     per cancel or reschedule.
 * Why not a position map (each record knowing its heap index, for eager
 * removal)? Keeping it current costs a random write per level on every
 * sift; measured, that made the hold benchmark 1.3x to 1.6x slower than a
 * plain binary heap (docs/performance.md). With lazy deletion the sifts
 * are as lean as a plain heap's, events without handles cost nothing
 * extra, and an event with a handle costs one record access when popped.
 */
#include "sim_queue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SEQ_BITS 56
#define SEQ_MASK ((UINT64_C(1) << SEQ_BITS) - 1)
#define TIE_FREE UINT64_MAX /* tie of a free record: matches no entry */
#define NIL UINT32_MAX      /* no record / end of the free list */
#define ARITY 4
#define PAD 3               /* entries before heap[0] in the aligned block */

typedef struct entry {
    double time;         /* event time, minutes */
    uint64_t tie;        /* priority << 56 | sequence number */
    sim_payload payload; /* model data */
    uint32_t kind;       /* model-defined kind */
    uint32_t rec;        /* record index, or NIL for an event without handle */
} entry;

_Static_assert(sizeof(entry) == 32, "heap entries must stay 32 bytes");

typedef struct record {
    double time;         /* time of the live entry */
    uint64_t tie;        /* tie of the live entry; TIE_FREE when free */
    sim_payload payload; /* copy of the payload, for reschedule */
    uint32_t kind;       /* copy of the kind; next free index when free */
    uint32_t gen;        /* generation, bumped when the record is freed */
} record;

struct sim_queue {
    entry *heap;        /* heap array (block + PAD), `n` entries used */
    void *block;        /* the 64-byte aligned allocation behind heap */
    size_t n;           /* entries in heap[], live and dead */
    size_t cap;         /* entries allocated in heap[] */
    size_t live;        /* pending events */
    record *pool;       /* event records */
    size_t pool_used;   /* records ever handed out (high-water mark) */
    size_t pool_cap;    /* records allocated */
    uint32_t free_head; /* first free record, or NIL */
    uint64_t next_seq;  /* sequence number of the next schedule */
};

static inline int entry_less(const entry *a, const entry *b)
{
    return a->time < b->time || (a->time == b->time && a->tie < b->tie);
}

static inline int entry_live(const sim_queue *q, const entry *e)
{
    return e->rec == NIL || q->pool[e->rec].tie == e->tie;
}

/* Returns the record a handle names if it is pending, else NULL. */
static record *lookup(const sim_queue *q, sim_handle h)
{
    uint32_t idx = (uint32_t)(h & 0xffffffffu);
    uint32_t gen = (uint32_t)(h >> 32);
    if (h == SIM_HANDLE_NONE || idx >= q->pool_used)
        return NULL;
    record *r = &q->pool[idx];
    return (r->gen == gen && r->tie != TIE_FREE) ? r : NULL;
}

static void sift_up(entry *heap, size_t i, entry x)
{
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;
        if (!entry_less(&x, &heap[parent]))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = x;
}

/* Fills the hole at i with x, restoring heap order below i. */
static void sift_down(entry *heap, size_t n, size_t i, entry x)
{
    for (;;) {
        size_t first = ARITY * i + 1;
        if (first >= n)
            break;
        size_t best = first;
        size_t end = first + ARITY <= n ? first + ARITY : n;
        for (size_t c = first + 1; c < end; c++)
            if (entry_less(&heap[c], &heap[best]))
                best = c;
        if (!entry_less(&heap[best], &x))
            break;
        heap[i] = heap[best];
        i = best;
    }
    heap[i] = x;
}

/* Removes the root entry. */
static void remove_root(sim_queue *q)
{
    if (--q->n > 0)
        sift_down(q->heap, q->n, 0, q->heap[q->n]);
}

/* Discards dead entries from the root, restoring "heap[0] is live". */
static void purge_root(sim_queue *q)
{
    while (q->n > q->live && !entry_live(q, &q->heap[0]))
        remove_root(q);
}

/* Inserts entry x at the bottom and sifts it up. The heap array must
 * have room (reserve_entry). */
static inline void insert(sim_queue *q, entry x)
{
    sift_up(q->heap, q->n++, x);
    q->live++;
}

/* Drops every dead entry and rebuilds the heap (Floyd's O(n) build). */
static void compact(sim_queue *q)
{
    size_t k = 0;
    for (size_t i = 0; i < q->n; i++)
        if (entry_live(q, &q->heap[i]))
            q->heap[k++] = q->heap[i];
    q->n = k;
    if (k > 1)
        for (size_t i = (k - 2) / ARITY + 1; i-- > 0;)
            sift_down(q->heap, k, i, q->heap[i]);
}

static void maybe_compact(sim_queue *q)
{
    size_t dead = q->n - q->live;
    if (dead > 64 && dead > q->live)
        compact(q);
}

static void free_record(sim_queue *q, uint32_t idx)
{
    record *r = &q->pool[idx];
    r->tie = TIE_FREE;
    /* Generation 0 is never used, so no handle is ever 0. A record whose
     * generation would wrap is retired instead of reused, so a stale
     * handle can never name a later event. */
    if (++r->gen != 0) {
        r->kind = q->free_head;
        q->free_head = idx;
    }
}

/* Makes room for one more heap entry. Returns 0 when memory is exhausted. */
static int reserve_entry(sim_queue *q)
{
    if (q->n < q->cap)
        return 1;
    size_t cap = q->cap * 2;
    void *block = aligned_alloc(64, ((cap + PAD) * sizeof(entry) + 63) / 64 * 64);
    if (!block)
        return 0;
    entry *heap = (entry *)block + PAD;
    memcpy(heap, q->heap, q->n * sizeof *heap);
    free(q->block);
    q->block = block;
    q->heap = heap;
    q->cap = cap;
    return 1;
}

sim_queue *sim_queue_create(size_t capacity_hint)
{
    size_t cap = capacity_hint < 16 ? 16 : capacity_hint;
    sim_queue *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->block = aligned_alloc(64, ((cap + PAD) * sizeof(entry) + 63) / 64 * 64);
    q->pool = malloc(16 * sizeof *q->pool);
    if (!q->block || !q->pool) {
        sim_queue_free(q);
        return NULL;
    }
    q->heap = (entry *)q->block + PAD;
    q->cap = cap;
    q->pool_cap = 16;
    q->free_head = NIL;
    return q;
}

void sim_queue_free(sim_queue *q)
{
    if (!q)
        return;
    free(q->block);
    free(q->pool);
    free(q);
}

static int valid_args(double time, int priority)
{
    return isfinite(time) && priority >= SIM_PRIORITY_MIN &&
           priority <= SIM_PRIORITY_MAX;
}

int sim_queue_post(sim_queue *q, double time, int priority, uint32_t kind,
                   sim_payload payload)
{
    if (!valid_args(time, priority) || !reserve_entry(q))
        return -1;
    uint64_t tie = ((uint64_t)priority << SEQ_BITS) | (q->next_seq++ & SEQ_MASK);
    insert(q, (entry){time, tie, payload, kind, NIL});
    return 0;
}

sim_handle sim_queue_schedule(sim_queue *q, double time, int priority,
                              uint32_t kind, sim_payload payload)
{
    if (!valid_args(time, priority) || !reserve_entry(q))
        return SIM_HANDLE_NONE;
    if (q->free_head == NIL && q->pool_used == q->pool_cap) {
        size_t cap = q->pool_cap * 2;
        record *p = cap < NIL ? realloc(q->pool, cap * sizeof *p) : NULL;
        if (!p)
            return SIM_HANDLE_NONE;
        q->pool = p;
        q->pool_cap = cap;
    }
    uint32_t idx;
    if (q->free_head != NIL) {
        idx = q->free_head;
        q->free_head = q->pool[idx].kind;
    } else {
        idx = (uint32_t)q->pool_used++;
        q->pool[idx].gen = 1;
    }
    uint64_t tie = ((uint64_t)priority << SEQ_BITS) | (q->next_seq++ & SEQ_MASK);
    record *r = &q->pool[idx];
    r->time = time;
    r->tie = tie;
    r->payload = payload;
    r->kind = kind;
    insert(q, (entry){time, tie, payload, kind, idx});
    return ((uint64_t)r->gen << 32) | idx;
}

int sim_queue_cancel(sim_queue *q, sim_handle h)
{
    if (!lookup(q, h))
        return 0;
    free_record(q, (uint32_t)(h & 0xffffffffu));
    q->live--;
    purge_root(q);
    maybe_compact(q);
    return 1;
}

int sim_queue_reschedule(sim_queue *q, sim_handle h, double time)
{
    record *r = lookup(q, h);
    if (!r || !isfinite(time))
        return 0;
    if (!reserve_entry(q))
        return 0;
    uint64_t tie = (r->tie & ~SEQ_MASK) | (q->next_seq++ & SEQ_MASK);
    r->tie = tie; /* the old entry is dead from here on */
    r->time = time;
    q->live--; /* the old entry's event, counted again by insert */
    insert(q, (entry){time, tie, r->payload, r->kind, (uint32_t)(h & 0xffffffffu)});
    purge_root(q);
    maybe_compact(q);
    return 1;
}

int sim_queue_pop(sim_queue *q, sim_event *out)
{
    if (q->live == 0)
        return 0;
    const entry *top = &q->heap[0]; /* live, by invariant */
    out->time = top->time;
    out->payload = top->payload;
    out->kind = top->kind;
    out->priority = (uint8_t)(top->tie >> SEQ_BITS);
    out->handle = SIM_HANDLE_NONE;
    if (top->rec != NIL) {
        out->handle = ((uint64_t)q->pool[top->rec].gen << 32) | top->rec;
        free_record(q, top->rec);
    }
    q->live--;
    remove_root(q);
    purge_root(q);
    return 1;
}

int sim_queue_pop_until(sim_queue *q, double limit, sim_event *out)
{
    if (q->live == 0 || q->heap[0].time > limit)
        return 0;
    return sim_queue_pop(q, out);
}

double sim_queue_peek_time(const sim_queue *q)
{
    return q->live ? q->heap[0].time : INFINITY;
}

size_t sim_queue_size(const sim_queue *q)
{
    return q->live;
}

int sim_queue_pending(const sim_queue *q, sim_handle h)
{
    return lookup(q, h) != NULL;
}

double sim_queue_time_of(const sim_queue *q, sim_handle h)
{
    const record *r = lookup(q, h);
    return r ? r->time : NAN;
}

void sim_queue_clear(sim_queue *q)
{
    for (size_t i = 0; i < q->n; i++)
        if (q->heap[i].rec != NIL && entry_live(q, &q->heap[i]))
            free_record(q, q->heap[i].rec);
    q->n = q->live = 0;
}

size_t sim_queue_memory(const sim_queue *q)
{
    return sizeof *q + (q->cap + PAD) * sizeof *q->heap +
           q->pool_cap * sizeof *q->pool;
}
