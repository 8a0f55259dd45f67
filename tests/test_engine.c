/* test_engine.c - cmocka tests of sim_engine: clock, handler dispatch, run/stop semantics, scheduling rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "sim_engine.h"
#include "sim_rng.h"
#include "check.h"


enum { LOG_CAP = 4096 };

/* One handler call as seen by the handler. */
typedef struct call {
    double clock;  /* sim_now() during the call */
    double time;   /* ev->time */
    uint64_t id;   /* ev->payload.u64 */
    uint32_t kind; /* ev->kind */
} call;

/* The test model: a log of handler calls plus knobs for the handlers. */
typedef struct model {
    call log[LOG_CAP];
    size_t n;
    uint64_t stop_id;    /* on_record calls sim_engine_stop for this id */
    int chain_left;      /* on_chain reschedules itself while > 0 */
    double chain_delay;  /* delay used by on_chain */
    sim_handle h[4];     /* handles used by on_control */
    int result[8];       /* return values seen by on_control */
    double result_t[2];  /* times seen by on_control */
} model;

static model *model_new(void)
{
    model *m = calloc(1, sizeof *m);
    assert_non_null(m);
    m->stop_id = UINT64_MAX;
    return m;
}

static sim_payload pay(uint64_t v)
{
    sim_payload p;
    p.u64 = v;
    return p;
}

static void log_call(sim_engine *e, const sim_event *ev, model *m)
{
    if (m->n >= LOG_CAP)
        fail_msg("handler log overflow");
    call *c = &m->log[m->n++];
    c->clock = sim_now(e);
    c->time = ev->time;
    c->id = ev->payload.u64;
    c->kind = ev->kind;
}

/* Logs the call; stops the run when the payload is m->stop_id. */
static void on_record(sim_engine *e, const sim_event *ev, void *vm)
{
    model *m = vm;
    log_call(e, ev, m);
    if (ev->payload.u64 == m->stop_id)
        sim_engine_stop(e);
}

/* Logs the call and schedules its successor chain_delay from now. */
static void on_chain(sim_engine *e, const sim_event *ev, void *vm)
{
    model *m = vm;
    log_call(e, ev, m);
    if (m->chain_left-- > 0 &&
        sim_schedule(e, m->chain_delay, 0, ev->kind, pay(ev->payload.u64 + 1)) ==
            SIM_HANDLE_NONE)
        fail_msg("on_chain: schedule refused");
}

/* At its time: cancels h[0], moves h[1] earlier and h[2] later, tries to
 * move h[3] into the past, and tries to cancel its own (popped) handle. */
static void on_control(sim_engine *e, const sim_event *ev, void *vm)
{
    model *m = vm;
    log_call(e, ev, m);
    double now = sim_now(e);
    m->result[0] = sim_cancel(e, m->h[0]);
    m->result[1] = sim_cancel(e, m->h[0]);
    m->result[2] = sim_reschedule(e, m->h[1], now + 1.0);
    m->result[3] = sim_reschedule(e, m->h[2], now + 100.0);
    m->result[4] = sim_reschedule(e, m->h[3], now - 0.5);
    m->result[5] = sim_cancel(e, ev->handle);
    m->result[6] = sim_reschedule(e, ev->handle, now + 1.0);
    m->result[7] = sim_reschedule(e, m->h[3], now); /* "now" is allowed */
    m->result_t[0] = sim_queue_time_of(sim_engine_queue(e), m->h[1]);
    m->result_t[1] = sim_queue_time_of(sim_engine_queue(e), m->h[3]);
}

/* A reference event for sorting: (time, prio, seq). */
typedef struct ref_ev {
    double time;
    uint64_t seq;
    uint32_t kind;
    int prio;
} ref_ev;

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_ev *a = pa;
    const ref_ev *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    if (a->prio != b->prio)
        return a->prio < b->prio ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq ? 1 : 0;
}

/* 2,000 random events of three kinds (many ties) are handled in (time,
 * priority, insertion) order, each with the clock equal to its time and
 * the model pointer passed through. */
static void test_time_order_and_clock(void **state)
{
    (void)state;
    enum { N = 2000 };
    gsl_rng *r = sim_rng_stream(UINT64_C(0xe0e0001), 0, 0);
    assert_non_null(r);
    model *m = model_new();
    sim_engine *e = sim_engine_create(3, m);
    assert_non_null(e);
    for (uint32_t k = 0; k < 3; k++)
        assert_int_equal(sim_engine_on(e, k, on_record), 0);
    ref_ev *ref = calloc(N, sizeof *ref);
    assert_non_null(ref);
    for (size_t i = 0; i < N; i++) {
        ref[i].time = gsl_rng_uniform_int(r, 2) ? 0.25 * (double)gsl_rng_uniform_int(r, 40)
                                                : 10.0 * gsl_rng_uniform(r);
        ref[i].prio = (int)gsl_rng_uniform_int(r, 3);
        ref[i].kind = (uint32_t)gsl_rng_uniform_int(r, 3);
        ref[i].seq = i; /* the payload too */
        sim_handle h = (i % 2)
            ? sim_schedule_at(e, ref[i].time, ref[i].prio, ref[i].kind, pay(i))
            : sim_schedule(e, ref[i].time, ref[i].prio, ref[i].kind, pay(i));
        assert_true(h != SIM_HANDLE_NONE);
    }
    assert_int_equal(sim_queue_size(sim_engine_queue(e)), N);
    qsort(ref, N, sizeof *ref, ref_cmp);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, N);
    for (size_t i = 0; i < N; i++) {
        assert_time_equal(m->log[i].time, ref[i].time);
        assert_time_equal(m->log[i].clock, ref[i].time);
        assert_int_equal(m->log[i].id, ref[i].seq);
        assert_int_equal(m->log[i].kind, ref[i].kind);
    }
    assert_int_equal(sim_engine_events(e), N);
    assert_time_equal(sim_now(e), ref[N - 1].time);
    free(ref);
    sim_engine_free(e);
    free(m);
    gsl_rng_free(r);
}

/* sim_schedule from a handler is relative to the handler's clock: a chain
 * of delay-1.5 events starting at 0.5 runs at 0.5, 2.0, 3.5, ... */
static void test_handler_schedules_relative(void **state)
{
    (void)state;
    model *m = model_new();
    m->chain_left = 9;
    m->chain_delay = 1.5;
    sim_engine *e = sim_engine_create(1, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_chain), 0);
    assert_true(sim_schedule(e, 0.5, 0, 0, pay(0)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 10);
    for (size_t i = 0; i < 10; i++) {
        assert_time_equal(m->log[i].time, 0.5 + 1.5 * (double)i);
        assert_time_equal(m->log[i].clock, 0.5 + 1.5 * (double)i);
        assert_int_equal(m->log[i].id, i);
    }
    assert_time_equal(sim_now(e), 14.0);
    sim_engine_free(e);
    free(m);
}

/* Negative, NaN and infinite delays, times in the past, bad kinds and bad
 * priorities are refused and leave the queue unchanged; delay 0 and time
 * == now are accepted. */
static void test_schedule_refused(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(2, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e, 1, on_record), 0);
    sim_queue *q = sim_engine_queue(e);

    assert_int_equal(sim_schedule(e, -1.0, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, -1e-300, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, NAN, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, -INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, 1.0, 0, 2, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, 1.0, -1, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, 1.0, 256, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule_at(e, NAN, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule_at(e, INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule_at(e, 1.0, 0, UINT32_MAX, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_size(q), 0);

    /* advance the clock to 10 */
    assert_true(sim_schedule_at(e, 10.0, 0, 0, pay(1)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_time_equal(sim_now(e), 10.0);

    assert_int_equal(sim_schedule_at(e, 9.999, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule_at(e, 0.0, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule_at(e, -INFINITY, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_schedule(e, -0.001, 0, 0, pay(0)), SIM_HANDLE_NONE);
    /* 10 + (-1e-300) rounds to 10, but a negative delay is still refused */
    assert_int_equal(sim_schedule(e, -1e-300, 0, 0, pay(0)), SIM_HANDLE_NONE);
    assert_int_equal(sim_queue_size(q), 0);

    sim_handle a = sim_schedule_at(e, 10.0, 0, 1, pay(2)); /* at now */
    sim_handle b = sim_schedule(e, 0.0, 0, 0, pay(3));     /* delay 0 */
    sim_handle c = sim_schedule(e, 2.5, 0, 1, pay(4));
    assert_true(a != SIM_HANDLE_NONE && b != SIM_HANDLE_NONE && c != SIM_HANDLE_NONE);
    assert_time_equal(sim_queue_time_of(q, c), 12.5);
    assert_int_equal(sim_reschedule(e, c, 9.0), 0);   /* into the past */
    assert_int_equal(sim_reschedule(e, c, NAN), 0);
    assert_time_equal(sim_queue_time_of(q, c), 12.5);
    assert_int_equal(sim_queue_size(q), 3);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 4);
    assert_int_equal(m->log[1].id, 2);
    assert_int_equal(m->log[2].id, 3);
    assert_int_equal(m->log[3].id, 4);
    assert_time_equal(m->log[3].clock, 12.5);
    sim_engine_free(e);
    free(m);
}

/* run(stop_time) handles events exactly at stop_time (also ones scheduled
 * there by a handler), leaves later ones pending, sets the clock to
 * stop_time, and a later run continues; a stop time before now does not
 * move the clock back. */
static void test_run_until_stop_time(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(2, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e, 1, on_chain), 0);
    sim_queue *q = sim_engine_queue(e);
    const double t[] = {1.0, 2.0, 3.0, nextafter(3.0, 4.0), 5.0, 10.0};
    for (uint64_t i = 0; i < 6; i++)
        assert_true(sim_schedule_at(e, t[i], 0, 0, pay(i)) != SIM_HANDLE_NONE);
    /* a chain event at 2.0 that schedules one successor with delay 1.0,
     * landing exactly on the stop time 3.0 */
    m->chain_left = 1;
    m->chain_delay = 1.0;
    assert_true(sim_schedule_at(e, 2.0, 1, 1, pay(100)) != SIM_HANDLE_NONE);

    assert_int_equal(sim_engine_run(e, 3.0), SIM_STOP_TIME);
    assert_int_equal(m->n, 5); /* 1, 2, chain@2, 3, chain@3 */
    assert_time_equal(m->log[3].time, 3.0);
    assert_int_equal(m->log[3].id, 2);
    assert_time_equal(m->log[4].time, 3.0);
    assert_int_equal(m->log[4].id, 101);
    assert_time_equal(sim_now(e), 3.0);
    assert_int_equal(sim_queue_size(q), 3);
    assert_time_equal(sim_queue_peek_time(q), t[3]);

    /* next run: one event, then the clock is advanced to 4.25 */
    assert_int_equal(sim_engine_run(e, 4.25), SIM_STOP_TIME);
    assert_int_equal(m->n, 6);
    assert_time_equal(m->log[5].time, t[3]);
    assert_time_equal(sim_now(e), 4.25);
    assert_int_equal(sim_queue_size(q), 2);

    /* a stop time in the past processes nothing and keeps the clock */
    assert_int_equal(sim_engine_run(e, 1.0), SIM_STOP_TIME);
    assert_int_equal(m->n, 6);
    assert_time_equal(sim_now(e), 4.25);

    /* after advancing to 4.25, scheduling at 4.1 is in the past */
    assert_int_equal(sim_schedule_at(e, 4.1, 0, 0, pay(0)), SIM_HANDLE_NONE);

    assert_int_equal(sim_engine_run(e, 7.0), SIM_STOP_TIME);
    assert_int_equal(m->n, 7);
    assert_time_equal(m->log[6].clock, 5.0);
    assert_time_equal(sim_now(e), 7.0);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 8);
    assert_time_equal(sim_now(e), 10.0);
    assert_int_equal(sim_engine_events(e), 8);
    sim_engine_free(e);
    free(m);
}

/* With nothing to do, run returns SIM_STOP_EMPTY (also for stop_time =
 * INFINITY, where the clock must stay finite) and calls no handler. */
static void test_run_empty(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(1, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_time_equal(sim_now(e), 0.0);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_time_equal(sim_now(e), 0.0);
    assert_int_equal(sim_engine_run(e, 50.0), SIM_STOP_EMPTY);
    assert_true(isfinite(sim_now(e)));

    /* after the last event has run */
    double t0 = sim_now(e);
    assert_true(sim_schedule(e, 3.0, 0, 0, pay(1)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 1);
    assert_time_equal(sim_now(e), t0 + 3.0);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 1);
    assert_int_equal(sim_engine_events(e), 1);
    assert_time_equal(sim_now(e), t0 + 3.0);
    sim_engine_free(e);
    free(m);
}

/* sim_engine_stop in a handler ends the run right after that handler with
 * SIM_STOP_REQUEST (even with same-time events left); the next run goes on
 * and is not stopped by the old request. */
static void test_stop_request(void **state)
{
    (void)state;
    model *m = model_new();
    m->stop_id = 2;
    sim_engine *e = sim_engine_create(1, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_true(sim_schedule_at(e, 1.0, 0, 0, pay(1)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule_at(e, 2.0, 0, 0, pay(2)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule_at(e, 2.0, 0, 0, pay(3)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule_at(e, 4.0, 0, 0, pay(4)) != SIM_HANDLE_NONE);

    assert_int_equal(sim_engine_run(e, 100.0), SIM_STOP_REQUEST);
    assert_int_equal(m->n, 2);
    assert_int_equal(m->log[1].id, 2);
    assert_time_equal(sim_now(e), 2.0); /* not advanced to 100 */
    assert_int_equal(sim_queue_size(sim_engine_queue(e)), 2);
    assert_int_equal(sim_engine_events(e), 2);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 4);
    assert_int_equal(m->log[2].id, 3);
    assert_int_equal(m->log[3].id, 4);
    sim_engine_free(e);
    free(m);
}

/* An event whose kind has no handler stops the run with SIM_STOP_ERROR and
 * reports that kind; earlier events ran, later ones are still pending. */
static void test_missing_handler(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(3, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e, 2, on_record), 0);
    assert_true(sim_schedule_at(e, 1.0, 0, 0, pay(1)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule_at(e, 2.0, 0, 1, pay(2)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule_at(e, 3.0, 0, 2, pay(3)) != SIM_HANDLE_NONE);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_ERROR);
    assert_int_equal(sim_engine_error_kind(e), 1);
    assert_int_equal(m->n, 1);
    assert_int_equal(m->log[0].id, 1);
    assert_int_equal(sim_queue_size(sim_engine_queue(e)), 1);
    assert_time_equal(sim_queue_peek_time(sim_engine_queue(e)), 3.0);

    /* a second engine: the unhandled kind is the last one, 2 */
    model *m2 = model_new();
    sim_engine *e2 = sim_engine_create(3, m2);
    assert_non_null(e2);
    assert_int_equal(sim_engine_on(e2, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e2, 1, on_record), 0);
    assert_true(sim_schedule_at(e2, 1.0, 0, 2, pay(1)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_engine_run(e2, 5.0), SIM_STOP_ERROR);
    assert_int_equal(sim_engine_error_kind(e2), 2);
    assert_int_equal(m2->n, 0);
    assert_int_equal(sim_engine_events(e2), 0);
    sim_engine_free(e2);
    free(m2);
    sim_engine_free(e);
    free(m);
}

/* A handler cancels one event, moves one earlier and one later, is refused
 * a move into the past and any operation on its own popped handle. */
static void test_cancel_reschedule_in_handler(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(2, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e, 1, on_control), 0);
    assert_true(sim_schedule_at(e, 1.0, 0, 1, pay(0)) != SIM_HANDLE_NONE); /* control */
    m->h[0] = sim_schedule_at(e, 1.5, 0, 0, pay(10)); /* cancelled */
    m->h[1] = sim_schedule_at(e, 9.0, 0, 0, pay(11)); /* to 2.0 */
    m->h[2] = sim_schedule_at(e, 3.0, 0, 0, pay(12)); /* to 101.0 */
    m->h[3] = sim_schedule_at(e, 5.0, 0, 0, pay(13)); /* past refused, then to 1.0 */
    for (int i = 0; i < 4; i++)
        assert_true(m->h[i] != SIM_HANDLE_NONE);

    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->result[0], 1); /* cancel */
    assert_int_equal(m->result[1], 0); /* second cancel: stale */
    assert_int_equal(m->result[2], 1); /* earlier */
    assert_int_equal(m->result[3], 1); /* later */
    assert_int_equal(m->result[4], 0); /* into the past */
    assert_int_equal(m->result[5], 0); /* own handle: already popped */
    assert_int_equal(m->result[6], 0);
    assert_int_equal(m->result[7], 1); /* to now */
    assert_time_equal(m->result_t[0], 2.0);
    assert_time_equal(m->result_t[1], 1.0);

    const uint64_t want_id[] = {0, 13, 11, 12};
    const double want_t[] = {1.0, 1.0, 2.0, 101.0};
    assert_int_equal(m->n, 4);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(m->log[i].id, want_id[i]);
        assert_time_equal(m->log[i].clock, want_t[i]);
    }
    assert_int_equal(sim_engine_events(e), 4);
    sim_engine_free(e);
    free(m);
}

/* sim_engine_events counts handled events across runs, starting at 0. */
static void test_event_count(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(1, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_events(e), 0);
    for (uint64_t i = 0; i < 25; i++)
        assert_true(sim_schedule_at(e, (double)i, 0, 0, pay(i)) != SIM_HANDLE_NONE);
    sim_handle h = sim_schedule_at(e, 30.0, 0, 0, pay(99));
    assert_int_equal(sim_cancel(e, h), 1); /* cancelled: never counted */
    assert_int_equal(sim_engine_run(e, 9.5), SIM_STOP_TIME);
    assert_int_equal(sim_engine_events(e), 10);
    assert_int_equal(sim_engine_run(e, 20.0), SIM_STOP_TIME);
    assert_int_equal(sim_engine_events(e), 21);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(sim_engine_events(e), 25);
    assert_int_equal(m->n, 25);
    sim_engine_free(e);
    free(m);
}

static void on_other(sim_engine *e, const sim_event *ev, void *vm)
{
    (void)e;
    (void)ev;
    model *m = vm;
    m->result[0]++;
}

/* create with nkinds 0 fails; sim_engine_on refuses kinds out of range and
 * a second registration replaces the first. */
/* sim_post and sim_post_at: posted events interleave with scheduled ones
 * in (time, priority, sequence) order, arrive with no handle, and bad
 * delays, past times and kinds out of range are refused. */
static void test_post(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(2, m);
    assert_non_null(e);
    sim_engine_on(e, 0, on_record);
    sim_engine_on(e, 1, on_record);
    assert_int_equal(sim_post(e, 2.0, 0, 0, pay(1)), 0);
    assert_true(sim_schedule(e, 2.0, 0, 1, pay(2)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_post_at(e, 2.0, 0, 0, pay(3)), 0);
    assert_int_equal(sim_post(e, 2.0, 1, 1, pay(4)), 0); /* later: priority 1 */
    assert_int_equal(sim_post(e, 1.0, 5, 0, pay(0)), 0); /* earlier time wins */
    assert_int_equal(sim_post(e, -1.0, 0, 0, pay(9)), -1);
    assert_int_equal(sim_post(e, NAN, 0, 0, pay(9)), -1);
    assert_int_equal(sim_post(e, INFINITY, 0, 0, pay(9)), -1);
    assert_int_equal(sim_post(e, 1.0, 0, 2, pay(9)), -1);
    assert_int_equal(sim_post(e, 1.0, 256, 0, pay(9)), -1);
    assert_int_equal(sim_queue_size(sim_engine_queue(e)), 5);
    assert_int_equal(sim_engine_run(e, 1.5), SIM_STOP_TIME);
    assert_int_equal(sim_post_at(e, 1.0, 0, 0, pay(9)), -1); /* in the past */
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->n, 5);
    for (uint64_t i = 0; i < 5; i++)
        assert_int_equal(m->log[i].id, i);
    sim_engine_free(e);
    free(m);
}

/* A posted event carries no handle: nothing can cancel it. */
static void on_check_no_handle(sim_engine *e, const sim_event *ev, void *vm)
{
    (void)e;
    model *m = vm;
    m->result[0] = ev->handle == SIM_HANDLE_NONE;
}

static void test_post_has_no_handle(void **state)
{
    (void)state;
    model *m = model_new();
    sim_engine *e = sim_engine_create(1, m);
    sim_engine_on(e, 0, on_check_no_handle);
    assert_int_equal(sim_post(e, 1.0, 0, 0, pay(0)), 0);
    assert_int_equal(sim_cancel(e, SIM_HANDLE_NONE), 0);
    assert_int_equal(sim_engine_run(e, 10.0), SIM_STOP_EMPTY);
    assert_int_equal(m->result[0], 1);
    sim_engine_free(e);
    free(m);
}

static void test_create_and_on(void **state)
{
    (void)state;
    assert_null(sim_engine_create(0, NULL));
    sim_engine_free(NULL);

    model *m = model_new();
    sim_engine *e = sim_engine_create(4, m);
    assert_non_null(e);
    assert_int_equal(sim_engine_on(e, 3, on_record), 0);
    assert_int_equal(sim_engine_on(e, 4, on_record), -1);
    assert_int_equal(sim_engine_on(e, UINT32_MAX, on_record), -1);
    assert_time_equal(sim_now(e), 0.0);
    assert_int_equal(sim_queue_size(sim_engine_queue(e)), 0);

    assert_int_equal(sim_engine_on(e, 0, on_record), 0);
    assert_int_equal(sim_engine_on(e, 0, on_other), 0); /* replaces */
    assert_true(sim_schedule(e, 1.0, 0, 0, pay(0)) != SIM_HANDLE_NONE);
    assert_true(sim_schedule(e, 2.0, 0, 3, pay(1)) != SIM_HANDLE_NONE);
    assert_int_equal(sim_engine_run(e, INFINITY), SIM_STOP_EMPTY);
    assert_int_equal(m->result[0], 1); /* on_other ran for kind 0 */
    assert_int_equal(m->n, 1);         /* on_record only for kind 3 */
    assert_int_equal(m->log[0].kind, 3);
    sim_engine_free(e);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_order_and_clock),
        cmocka_unit_test(test_handler_schedules_relative),
        cmocka_unit_test(test_schedule_refused),
        cmocka_unit_test(test_run_until_stop_time),
        cmocka_unit_test(test_run_empty),
        cmocka_unit_test(test_stop_request),
        cmocka_unit_test(test_missing_handler),
        cmocka_unit_test(test_cancel_reschedule_in_handler),
        cmocka_unit_test(test_event_count),
        cmocka_unit_test(test_post),
        cmocka_unit_test(test_post_has_no_handle),
        cmocka_unit_test(test_create_and_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
