/* test_queue.c - cmocka tests of sim_queue: pop order, ties, cancel, reschedule, pool reuse, bad arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "sim_queue.h"
#include "sim_rng.h"
#include "check.h"


/* The reference model of one event: the key (time, prio, seq) decides the
 * order; seq mirrors the queue's counter (bumped at schedule and
 * reschedule). */
typedef struct ref_ev {
    double time;
    uint64_t seq;
    uint64_t id;       /* stored as the payload */
    sim_handle handle;
    uint32_t kind;
    int prio;
} ref_ev;

static int ref_less(const ref_ev *a, const ref_ev *b)
{
    if (a->time != b->time)
        return a->time < b->time;
    if (a->prio != b->prio)
        return a->prio < b->prio;
    return a->seq < b->seq;
}

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_ev *a = pa;
    const ref_ev *b = pb;
    return ref_less(a, b) ? -1 : ref_less(b, a) ? 1 : 0;
}

static sim_payload pay(uint64_t v)
{
    sim_payload p;
    p.u64 = v;
    return p;
}

static gsl_rng *rng_new(uint64_t seed)
{
    gsl_rng *r = sim_rng_stream(seed, 0, 0);
    assert_non_null(r);
    return r;
}

static uint32_t rand_below(gsl_rng *r, uint32_t n)
{
    return (uint32_t)gsl_rng_uniform_int(r, n);
}

/* A time that ties often: half the draws come from {0, 0.5, ..., 3.5},
 * half are continuous in [0, 4). */
static double tie_heavy_time(gsl_rng *r)
{
    if (rand_below(r, 2) == 0)
        return 0.5 * rand_below(r, 8);
    return 4.0 * gsl_rng_uniform(r);
}

/* Mostly priorities 0..3 (many exact key ties), sometimes the full range. */
static int tie_heavy_prio(gsl_rng *r)
{
    return rand_below(r, 8) == 0 ? (int)rand_below(r, 256) : (int)rand_below(r, 4);
}

/* Schedules *e into q (filling its handle and seq) and checks the handle. */
static void ref_schedule(sim_queue *q, ref_ev *e, uint64_t *seq)
{
    e->seq = (*seq)++;
    e->handle = sim_queue_schedule(q, e->time, e->prio, e->kind, pay(e->id));
    assert_true(e->handle != SIM_HANDLE_NONE);
}

/* Like ref_schedule, without a handle (sim_queue_post). */
static void ref_post(sim_queue *q, ref_ev *e, uint64_t *seq)
{
    e->seq = (*seq)++;
    e->handle = SIM_HANDLE_NONE;
    assert_int_equal(sim_queue_post(q, e->time, e->prio, e->kind, pay(e->id)), 0);
}

/* Pops one event and checks it is exactly *want. */
static void pop_expect(sim_queue *q, const ref_ev *want)
{
    sim_event ev;
    assert_time_equal(sim_queue_peek_time(q), want->time);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_time_equal(ev.time, want->time);
    assert_int_equal(ev.payload.u64, want->id);
    assert_int_equal(ev.kind, want->kind);
    assert_int_equal(ev.priority, want->prio);
    assert_int_equal(ev.handle, want->handle);
}

/* Asserts that h names no pending event, through every handle entry point. */
static void assert_stale(sim_queue *q, sim_handle h)
{
    size_t n = sim_queue_size(q);
    assert_int_equal(sim_queue_pending(q, h), 0);
    assert_true(isnan(sim_queue_time_of(q, h)));
    assert_int_equal(sim_queue_cancel(q, h), 0);
    assert_int_equal(sim_queue_reschedule(q, h, 1.0), 0);
    assert_int_equal(sim_queue_size(q), n);
}

/* Index of the first event of live[0..n) in key order (brute force). */
static size_t ref_min(const ref_ev *live, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (ref_less(&live[i], &live[best]))
            best = i;
    return best;
}

/* Schedules n events (tie-heavy times, or all at one time), sorts a copy with qsort and
 * checks that popping returns exactly the sorted order. */
static void check_sorted_pop(uint64_t seed, size_t n, int all_same_time)
{
    gsl_rng *r = rng_new(seed);
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    ref_ev *ref = calloc(n, sizeof *ref);
    assert_non_null(ref);
    uint64_t seq = 0;
    for (size_t i = 0; i < n; i++) {
        ref[i].time = all_same_time ? 7.25 : tie_heavy_time(r);
        ref[i].prio = tie_heavy_prio(r);
        ref[i].kind = (uint32_t)gsl_rng_get(r);
        ref[i].id = i;
        ref_schedule(q, &ref[i], &seq);
        assert_int_equal(sim_queue_size(q), i + 1);
    }
    qsort(ref, n, sizeof *ref, ref_cmp);
    for (size_t i = 0; i < n; i++) {
        pop_expect(q, &ref[i]);
        assert_int_equal(sim_queue_size(q), n - 1 - i);
    }
    sim_event ev;
    assert_int_equal(sim_queue_pop(q, &ev), 0);
    free(ref);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* 20,000 random events, half of them on 8 shared times, pop in exactly the
 * (time, priority, insertion) order of a qsorted reference. */
static void test_pop_order_random(void **state)
{
    (void)state;
    check_sorted_pop(UINT64_C(0x5eed0001), 20000, 0);
}

/* 20,000 events all at one time: order is decided by priority and
 * insertion order alone. */
static void test_pop_order_all_ties(void **state)
{
    (void)state;
    check_sorted_pop(UINT64_C(0x5eed0002), 20000, 1);
}

/* Hold model: pops interleaved with pushes at (last popped time + delta),
 * delta often 0 or a multiple of 0.25 (ties); every pop is checked against
 * a brute-force minimum over the reference set. The pending count rises,
 * then drains to zero. */
static void test_hold_interleaved(void **state)
{
    (void)state;
    enum { OPS = 60000, CAP = OPS };
    gsl_rng *r = rng_new(UINT64_C(0x5eed0003));
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    ref_ev *live = calloc(CAP, sizeof *live);
    assert_non_null(live);
    size_t n = 0;
    uint64_t seq = 0, next_id = 0;
    double last = 0.0;
    for (int op = 0; op < OPS || n > 0; op++) {
        /* push bias: grow during the first half, shrink afterwards */
        double p_push = op < OPS / 2 ? 0.6 : op < OPS ? 0.4 : 0.0;
        if (n == 0 || gsl_rng_uniform(r) < p_push) {
            ref_ev *e = &live[n++];
            e->time = rand_below(r, 3) == 0 ? last + 0.25 * rand_below(r, 4)
                                            : last + 10.0 * gsl_rng_uniform(r);
            e->prio = (int)rand_below(r, 3);
            e->kind = rand_below(r, 5);
            e->id = next_id++;
            ref_schedule(q, e, &seq);
        } else {
            size_t m = ref_min(live, n);
            pop_expect(q, &live[m]);
            last = live[m].time;
            live[m] = live[--n];
        }
        assert_int_equal(sim_queue_size(q), n);
    }
    assert_true(next_id > 20000); /* the run really was long */
    free(live);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* Random mix of schedule, pop, cancel, reschedule and operations on stale
 * handles, checked op by op against a brute-force reference (size, peek,
 * time_of, every popped event, stale handles refused even after their
 * records are recycled). */
static void test_random_mixed_ops(void **state)
{
    (void)state;
    enum { OPS = 50000, CAP = OPS, NDEAD = 256 };
    gsl_rng *r = rng_new(UINT64_C(0x5eed0004));
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    ref_ev *live = calloc(CAP, sizeof *live);
    assert_non_null(live);
    sim_handle dead[NDEAD] = {0};
    size_t n = 0, ndead = 0;
    uint64_t seq = 0, next_id = 0;
    unsigned counts[5] = {0};
    for (int op = 0; op < OPS; op++) {
        uint32_t what = rand_below(r, 10);
        if (n == 0 || what < 4) { /* schedule */
            ref_ev *e = &live[n++];
            e->time = tie_heavy_time(r) + 0.5 * (op / 100);
            e->prio = tie_heavy_prio(r);
            e->kind = rand_below(r, 1000);
            e->id = next_id++;
            /* a third of the events are posted without a handle, so dead
             * entries of cancelled events sit among handle-less ones */
            if (rand_below(r, 3) == 0)
                ref_post(q, e, &seq);
            else
                ref_schedule(q, e, &seq);
            counts[0]++;
        } else if (what < 6) { /* pop */
            size_t m = ref_min(live, n);
            pop_expect(q, &live[m]);
            dead[ndead++ % NDEAD] = live[m].handle;
            live[m] = live[--n];
            counts[1]++;
        } else if (what < 8) { /* cancel a random pending event */
            size_t k = rand_below(r, (uint32_t)n);
            if (live[k].handle == SIM_HANDLE_NONE)
                continue; /* posted: nothing can cancel it */
            assert_int_equal(sim_queue_cancel(q, live[k].handle), 1);
            dead[ndead++ % NDEAD] = live[k].handle;
            live[k] = live[--n];
            counts[2]++;
        } else if (what < 9) { /* reschedule a random pending event */
            size_t k = rand_below(r, (uint32_t)n);
            if (live[k].handle == SIM_HANDLE_NONE)
                continue;
            live[k].time = tie_heavy_time(r) + 0.5 * (op / 100);
            live[k].seq = seq++;
            assert_int_equal(
                sim_queue_reschedule(q, live[k].handle, live[k].time), 1);
            counts[3]++;
        } else if (ndead > 0) { /* a stale handle is refused */
            size_t k = rand_below(r, (uint32_t)(ndead < NDEAD ? ndead : NDEAD));
            assert_stale(q, dead[k]);
            counts[4]++;
        }
        assert_int_equal(sim_queue_size(q), n);
        if (n > 0) {
            assert_time_equal(sim_queue_peek_time(q), live[ref_min(live, n)].time);
            size_t k = rand_below(r, (uint32_t)n);
            if (live[k].handle != SIM_HANDLE_NONE) {
                assert_int_equal(sim_queue_pending(q, live[k].handle), 1);
                assert_time_equal(sim_queue_time_of(q, live[k].handle), live[k].time);
            }
        } else {
            assert_true(isinf(sim_queue_peek_time(q)));
        }
    }
    /* drain and check the rest */
    while (n > 0) {
        size_t m = ref_min(live, n);
        pop_expect(q, &live[m]);
        live[m] = live[--n];
    }
    for (int i = 0; i < 5; i++)
        assert_true(counts[i] > 1000); /* every kind of op was exercised */
    free(live);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* At identical time and priority events pop in insertion order; at equal
 * time a lower priority number pops first; time dominates priority. */
static void test_equal_time_determinism(void **state)
{
    (void)state;
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_event ev;

    /* 1000 events at the same (time, priority): FIFO */
    for (uint64_t i = 0; i < 1000; i++)
        assert_true(sim_queue_schedule(q, 42.0, 7, 0, pay(i)) != SIM_HANDLE_NONE);
    for (uint64_t i = 0; i < 1000; i++) {
        assert_int_equal(sim_queue_pop(q, &ev), 1);
        assert_int_equal(ev.payload.u64, i);
    }

    /* 30 events at time 1 with priorities 0, 1, 2 interleaved, plus an
     * earlier event with the worst priority and a later one with the best */
    assert_true(sim_queue_schedule(q, 1.5, 0, 0, pay(1000)) != SIM_HANDLE_NONE);
    for (uint64_t i = 0; i < 30; i++)
        assert_true(sim_queue_schedule(q, 1.0, (int)((i * 7) % 3), 0, pay(i)) !=
                    SIM_HANDLE_NONE);
    assert_true(sim_queue_schedule(q, 0.5, 255, 0, pay(2000)) != SIM_HANDLE_NONE);

    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.payload.u64, 2000);
    assert_int_equal(ev.priority, 255);
    for (uint64_t prio = 0; prio < 3; prio++)
        for (uint64_t i = 0; i < 30; i++) {
            if ((i * 7) % 3 != prio)
                continue;
            assert_int_equal(sim_queue_pop(q, &ev), 1);
            assert_int_equal(ev.payload.u64, i);
            assert_int_equal(ev.priority, prio);
            assert_time_equal(ev.time, 1.0);
        }
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.payload.u64, 1000);

    /* extreme priorities at one time: 255 after 0 even if scheduled first */
    assert_true(sim_queue_schedule(q, 3.0, SIM_PRIORITY_MAX, 0, pay(1)) !=
                SIM_HANDLE_NONE);
    assert_true(sim_queue_schedule(q, 3.0, SIM_PRIORITY_MIN, 0, pay(2)) !=
                SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.payload.u64, 2);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.payload.u64, 1);
    assert_int_equal(sim_queue_size(q), 0);
    sim_queue_free(q);
}

/* Cancelling a random third of 5,000 pending events: each cancel returns 1
 * once then 0, the size follows, survivors keep their times, cancelled
 * events never pop, and popped handles are refused afterwards. */
static void test_cancel_random_subset(void **state)
{
    (void)state;
    enum { N = 5000 };
    gsl_rng *r = rng_new(UINT64_C(0x5eed0005));
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    ref_ev *ref = calloc(N, sizeof *ref);
    unsigned char *gone = calloc(N, 1);
    assert_non_null(ref);
    assert_non_null(gone);
    uint64_t seq = 0;
    for (size_t i = 0; i < N; i++) {
        ref[i].time = tie_heavy_time(r);
        ref[i].prio = tie_heavy_prio(r);
        ref[i].kind = (uint32_t)i;
        ref[i].id = i;
        ref_schedule(q, &ref[i], &seq);
    }
    size_t left = N;
    for (int pass = 0; pass < 2 * N; pass++) {
        size_t i = rand_below(r, N);
        if (gone[i])
            continue; /* a repeated pick; stale case checked below */
        if (rand_below(r, 3) != 0)
            continue;
        assert_int_equal(sim_queue_cancel(q, ref[i].handle), 1);
        gone[i] = 1;
        left--;
        assert_int_equal(sim_queue_size(q), left);
        assert_stale(q, ref[i].handle); /* includes cancel() == 0 */
    }
    assert_true(left < N * 3 / 4 && left > N / 4);

    /* survivors are untouched; build their sorted reference */
    ref_ev *keep = calloc(left, sizeof *keep);
    assert_non_null(keep);
    size_t k = 0;
    for (size_t i = 0; i < N; i++) {
        if (gone[i]) {
            assert_stale(q, ref[i].handle);
            continue;
        }
        assert_int_equal(sim_queue_pending(q, ref[i].handle), 1);
        assert_time_equal(sim_queue_time_of(q, ref[i].handle), ref[i].time);
        keep[k++] = ref[i];
    }
    assert_int_equal(k, left);
    qsort(keep, left, sizeof *keep, ref_cmp);
    for (size_t i = 0; i < left; i++) {
        pop_expect(q, &keep[i]);
        assert_stale(q, keep[i].handle);
    }
    assert_int_equal(sim_queue_size(q), 0);
    for (size_t i = 0; i < N; i++)
        assert_stale(q, ref[i].handle);
    free(keep);
    free(gone);
    free(ref);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* Cancel of the first, last and a middle event, and of nonsense handles. */
static void test_cancel_edges(void **state)
{
    (void)state;
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_handle h[10];
    for (int i = 0; i < 10; i++) {
        h[i] = sim_queue_schedule(q, (double)(10 - i), 0, (uint32_t)i, pay((uint64_t)i));
        assert_true(h[i] != SIM_HANDLE_NONE);
    }
    assert_int_equal(sim_queue_cancel(q, h[9]), 1); /* the earliest (t=1) */
    assert_time_equal(sim_queue_peek_time(q), 2.0);
    assert_int_equal(sim_queue_cancel(q, h[0]), 1); /* the latest (t=10) */
    assert_int_equal(sim_queue_cancel(q, h[4]), 1); /* t=6 */
    assert_int_equal(sim_queue_cancel(q, SIM_HANDLE_NONE), 0);
    assert_int_equal(sim_queue_cancel(q, UINT64_C(0xffffffffffffffff)), 0);
    assert_int_equal(sim_queue_cancel(q, (h[1] & 0xffffffffu) | (UINT64_C(77) << 32)), 0);
    assert_int_equal(sim_queue_size(q), 7);
    const double want[] = {2, 3, 4, 5, 7, 8, 9};
    for (size_t i = 0; i < 7; i++) {
        sim_event ev;
        assert_int_equal(sim_queue_pop(q, &ev), 1);
        assert_time_equal(ev.time, want[i]);
        assert_int_equal(ev.kind, 10 - (int)want[i]);
    }
    sim_queue_free(q);
}

/* Reschedule moves events earlier and later, keeps the handle, kind,
 * priority and payload, refuses non-finite times, and gives the event a
 * fresh sequence number (it goes after events already at that key). */
static void test_reschedule(void **state)
{
    (void)state;
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_event ev;

    sim_handle a = sim_queue_schedule(q, 10.0, 1, 100, pay(1));
    sim_handle b = sim_queue_schedule(q, 20.0, 1, 200, pay(2));
    sim_handle c = sim_queue_schedule(q, 30.0, 1, 300, pay(3));
    assert_true(a && b && c);

    assert_int_equal(sim_queue_reschedule(q, c, 5.0), 1);  /* earlier */
    assert_int_equal(sim_queue_reschedule(q, a, 25.0), 1); /* later */
    assert_int_equal(sim_queue_pending(q, a), 1);
    assert_int_equal(sim_queue_pending(q, c), 1);
    assert_time_equal(sim_queue_time_of(q, c), 5.0);
    assert_time_equal(sim_queue_time_of(q, a), 25.0);
    assert_time_equal(sim_queue_peek_time(q), 5.0);

    /* non-finite times refused; the event stays where it was */
    assert_int_equal(sim_queue_reschedule(q, b, NAN), 0);
    assert_int_equal(sim_queue_reschedule(q, b, INFINITY), 0);
    assert_int_equal(sim_queue_reschedule(q, b, -INFINITY), 0);
    assert_time_equal(sim_queue_time_of(q, b), 20.0);

    const sim_handle order_h[] = {c, b, a};
    const uint32_t order_k[] = {300, 200, 100};
    const double order_t[] = {5.0, 20.0, 25.0};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sim_queue_pop(q, &ev), 1);
        assert_int_equal(ev.handle, order_h[i]);
        assert_int_equal(ev.kind, order_k[i]);
        assert_int_equal(ev.payload.u64, order_k[i] / 100);
        assert_int_equal(ev.priority, 1);
        assert_time_equal(ev.time, order_t[i]);
    }

    /* fresh sequence: z, scheduled first, is moved onto the key of x and y
     * and must come after them */
    sim_handle z = sim_queue_schedule(q, 50.0, 1, 0, pay(30));
    sim_handle x = sim_queue_schedule(q, 10.0, 1, 0, pay(10));
    sim_handle y = sim_queue_schedule(q, 10.0, 1, 0, pay(20));
    /* but priority still beats sequence: w (prio 0) stays ahead */
    sim_handle w = sim_queue_schedule(q, 60.0, 0, 0, pay(5));
    assert_true(z && x && y && w);
    assert_int_equal(sim_queue_reschedule(q, z, 10.0), 1);
    assert_int_equal(sim_queue_reschedule(q, w, 10.0), 1);
    /* rescheduling x to its own time sends it behind y and z */
    assert_int_equal(sim_queue_reschedule(q, x, 10.0), 1);
    const uint64_t want[] = {5, 20, 30, 10};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(sim_queue_pop(q, &ev), 1);
        assert_int_equal(ev.payload.u64, want[i]);
    }
    assert_int_equal(sim_queue_size(q), 0);
    sim_queue_free(q);
}

/* Pops one event, schedules one at popped time + delta (delta >= 0), and
 * checks popped times never decrease. */
static void hold_once(sim_queue *q, gsl_rng *r, double *last)
{
    sim_event ev;
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    if (!(ev.time >= *last))
        fail_msg("hold: popped %.17g after %.17g", ev.time, *last);
    *last = ev.time;
    double t = ev.time + (rand_below(r, 4) == 0 ? 0.0 : 100.0 * gsl_rng_uniform(r));
    if (sim_queue_schedule(q, t, (int)rand_below(r, 4), ev.kind, ev.payload) ==
        SIM_HANDLE_NONE)
        fail_msg("hold: schedule failed");
}

/* 1,000 pending events and 1,000,000 hold operations: after the first
 * round the memory footprint never grows (records are recycled). */
static void test_pool_reuse_steady(void **state)
{
    (void)state;
    enum { PENDING = 1000, HOLDS = 1000000 };
    gsl_rng *r = rng_new(UINT64_C(0x5eed0006));
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    size_t m0 = sim_queue_memory(q);
    for (uint64_t i = 0; i < PENDING; i++)
        assert_true(sim_queue_schedule(q, 100.0 * gsl_rng_uniform(r), 0, 0,
                                       pay(i)) != SIM_HANDLE_NONE);
    double last = -INFINITY;
    for (int i = 0; i < PENDING; i++) /* the first round */
        hold_once(q, r, &last);
    size_t m1 = sim_queue_memory(q);
    assert_true(m1 > m0); /* the queue did grow to hold 1000 events */
    for (int i = 0; i < HOLDS; i++) {
        hold_once(q, r, &last);
        if (sim_queue_memory(q) > m1)
            fail_msg("memory grew from %zu to %zu after %d holds", m1,
                     sim_queue_memory(q), i + 1);
    }
    assert_int_equal(sim_queue_size(q), PENDING);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* 1,000 pending events and 300,000 cancel+schedule and reschedule
 * operations (no pops): after the first round of 10,000 the memory
 * footprint never grows, and every event is still where it should be. */
static void test_pool_reuse_cancel_reschedule(void **state)
{
    (void)state;
    enum { PENDING = 1000, FIRST = 10000, OPS = 300000 };
    gsl_rng *r = rng_new(UINT64_C(0x5eed0008));
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_handle h[PENDING];
    double t[PENDING];
    for (size_t i = 0; i < PENDING; i++) {
        t[i] = 1000.0 * gsl_rng_uniform(r);
        h[i] = sim_queue_schedule(q, t[i], 0, 0, pay(i));
        assert_true(h[i] != SIM_HANDLE_NONE);
    }
    size_t m1 = 0;
    for (int op = 0; op < FIRST + OPS; op++) {
        size_t k = rand_below(r, PENDING);
        t[k] = 1000.0 * gsl_rng_uniform(r);
        if (rand_below(r, 2) == 0) {
            assert_int_equal(sim_queue_reschedule(q, h[k], t[k]), 1);
        } else {
            assert_int_equal(sim_queue_cancel(q, h[k]), 1);
            h[k] = sim_queue_schedule(q, t[k], 0, 0, pay(k));
            assert_true(h[k] != SIM_HANDLE_NONE);
        }
        if (op == FIRST - 1)
            m1 = sim_queue_memory(q);
        else if (op >= FIRST && sim_queue_memory(q) > m1)
            fail_msg("memory grew from %zu to %zu after %d operations", m1,
                     sim_queue_memory(q), op + 1 - FIRST);
    }
    assert_int_equal(sim_queue_size(q), PENDING);
    for (size_t i = 0; i < PENDING; i++)
        assert_time_equal(sim_queue_time_of(q, h[i]), t[i]);
    /* drain: times ascend and each event pops exactly once */
    unsigned char seen[PENDING] = {0};
    double last = -INFINITY;
    sim_event ev;
    while (sim_queue_pop(q, &ev)) {
        assert_true(ev.time >= last);
        last = ev.time;
        assert_true(ev.payload.u64 < PENDING);
        assert_int_equal(seen[ev.payload.u64], 0);
        seen[ev.payload.u64] = 1;
        assert_time_equal(ev.time, t[ev.payload.u64]);
    }
    for (size_t i = 0; i < PENDING; i++)
        assert_int_equal(seen[i], 1);
    sim_queue_free(q);
    gsl_rng_free(r);
}

/* A record recycled after pop or cancel gives a new handle (same pool
 * slot, new generation); the old handle stays refused and cannot touch
 * the new event. */
static void test_recycled_handle_generation(void **state)
{
    (void)state;
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_event ev;

    sim_handle a = sim_queue_schedule(q, 1.0, 0, 1, pay(1));
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    sim_handle b = sim_queue_schedule(q, 2.0, 0, 2, pay(2));
    assert_true(a != SIM_HANDLE_NONE && b != SIM_HANDLE_NONE);
    assert_int_equal(a & 0xffffffffu, b & 0xffffffffu); /* same record */
    assert_true(a != b);
    assert_stale(q, a);
    assert_int_equal(sim_queue_pending(q, b), 1);
    assert_time_equal(sim_queue_time_of(q, b), 2.0);

    /* the same through cancel */
    assert_int_equal(sim_queue_cancel(q, b), 1);
    sim_handle c = sim_queue_schedule(q, 3.0, 0, 3, pay(3));
    assert_int_equal(b & 0xffffffffu, c & 0xffffffffu);
    assert_true(c != a && c != b);
    assert_stale(q, a);
    assert_stale(q, b);
    assert_int_equal(sim_queue_size(q), 1);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.handle, c);
    assert_int_equal(ev.kind, 3);
    assert_time_equal(ev.time, 3.0);
    sim_queue_free(q);
}

/* NaN/inf times and priorities outside [0, 255] are refused; negative
 * finite times are fine; pop on empty returns 0 and leaves *out alone;
 * peek on empty is +INFINITY. */
static void test_invalid_arguments(void **state)
{
    (void)state;
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    assert_int_equal(sim_queue_size(q), 0);
    double pk = sim_queue_peek_time(q);
    assert_true(isinf(pk) && pk > 0);

    assert_int_equal(sim_queue_schedule(q, NAN, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_schedule(q, INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_schedule(q, -INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_schedule(q, 1.0, -1, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_schedule(q, 1.0, 256, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_schedule(q, 1.0, 100000, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_size(q), 0);

    sim_event ev = {.time = 123.0, .kind = 77, .priority = 9};
    assert_int_equal(sim_queue_pop(q, &ev), 0);
    assert_time_equal(ev.time, 123.0);
    assert_int_equal(ev.kind, 77);
    assert_int_equal(ev.priority, 9);

    /* boundary priorities and negative times are valid */
    assert_true(sim_queue_schedule(q, 0.0, SIM_PRIORITY_MAX, 1, pay(0)) != SIM_HANDLE_NONE);
    assert_true(sim_queue_schedule(q, -5.0, SIM_PRIORITY_MIN, 2, pay(0)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_size(q), 2);
    assert_time_equal(sim_queue_peek_time(q), -5.0);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.kind, 2);
    assert_int_equal(sim_queue_pop(q, &ev), 1);
    assert_int_equal(ev.kind, 1);
    assert_int_equal(ev.priority, 255);
    assert_int_equal(sim_queue_pop(q, &ev), 0);
    pk = sim_queue_peek_time(q);
    assert_true(isinf(pk) && pk > 0);

    /* handles that were never issued */
    assert_stale(q, SIM_HANDLE_NONE);
    assert_stale(q, UINT64_C(0x0000000100000005));
    sim_queue_free(q);
    sim_queue_free(NULL);
}

/* clear() empties the queue, makes every old handle stale (also after
 * their records are reused), and the queue works normally afterwards. */
static void test_clear(void **state)
{
    (void)state;
    enum { N = 100 };
    sim_queue *q = sim_queue_create(0);
    assert_non_null(q);
    sim_handle h[N];
    for (int i = 0; i < N; i++) {
        h[i] = sim_queue_schedule(q, (double)(i % 7), i % 3, (uint32_t)i, pay((uint64_t)i));
        assert_true(h[i] != SIM_HANDLE_NONE);
    }
    size_t mem = sim_queue_memory(q);
    sim_queue_clear(q);
    assert_int_equal(sim_queue_size(q), 0);
    assert_true(isinf(sim_queue_peek_time(q)));
    sim_event ev;
    assert_int_equal(sim_queue_pop(q, &ev), 0);
    for (int i = 0; i < N; i++)
        assert_stale(q, h[i]);
    assert_int_equal(sim_queue_memory(q), mem); /* memory kept for reuse */

    /* refill: records are reused, old handles still refused */
    sim_handle g[N];
    for (int i = 0; i < N; i++) {
        g[i] = sim_queue_schedule(q, (double)(N - i), 0, (uint32_t)i, pay((uint64_t)i));
        assert_true(g[i] != SIM_HANDLE_NONE);
    }
    assert_int_equal(sim_queue_memory(q), mem);
    for (int i = 0; i < N; i++)
        assert_stale(q, h[i]);
    assert_int_equal(sim_queue_size(q), N);
    for (int i = N - 1; i >= 0; i--) {
        assert_int_equal(sim_queue_pop(q, &ev), 1);
        assert_int_equal(ev.handle, g[i]);
        assert_int_equal(ev.kind, i);
    }
    sim_queue_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pop_order_random),
        cmocka_unit_test(test_pop_order_all_ties),
        cmocka_unit_test(test_hold_interleaved),
        cmocka_unit_test(test_random_mixed_ops),
        cmocka_unit_test(test_equal_time_determinism),
        cmocka_unit_test(test_cancel_random_subset),
        cmocka_unit_test(test_cancel_edges),
        cmocka_unit_test(test_reschedule),
        cmocka_unit_test(test_pool_reuse_steady),
        cmocka_unit_test(test_pool_reuse_cancel_reschedule),
        cmocka_unit_test(test_recycled_handle_generation),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
