/* mmc.c - the M/M/c reference queue on the engine, and Erlang C. */
#include "mmc.h"

#include "sim_engine.h"
#include "sim_rng.h"
#include "sim_stats.h"

#include <math.h>
#include <stdlib.h>

enum { EV_ARRIVAL, EV_DEPARTURE, EV_WARMUP_END, EV_KINDS };
enum { STREAM_ARRIVAL, STREAM_SERVICE };

typedef struct mmc_state {
    const mmc_params *p;
    double arrival_mean;/* 1 / lambda, minutes */
    double service_mean;/* 1 / mu, minutes */
    gsl_rng *arrivals;  /* inter-arrival times */
    gsl_rng *service;   /* service times */
    double *fifo;       /* arrival times of waiting customers (ring) */
    size_t cap, head, len;
    unsigned busy;      /* servers busy */
    double warm_end;    /* end of the warm-up, minutes */
    sim_tally wait;     /* waits of customers arriving after warm-up */
    sim_quant wait_q;   /* the same, for quantiles */
    uint64_t waited;    /* of those, customers who waited */
    sim_timeavg qlen;   /* customers waiting */
    sim_timeavg nbusy;  /* servers busy */
    int failed;         /* memory exhausted inside a handler */
} mmc_state;

static const sim_payload NO_PAYLOAD = {.u64 = 0};

static void start_service(sim_engine *e, mmc_state *s, double arrived)
{
    double now = sim_now(e);
    if (arrived >= s->warm_end) {
        double w = now - arrived;
        sim_tally_add(&s->wait, w);
        sim_quant_add(&s->wait_q, w);
        s->waited += w > 0;
    }
    double dt = sim_rng_exponential(s->service, s->service_mean);
    if (sim_post(e, dt, 0, EV_DEPARTURE, NO_PAYLOAD) != 0)
        s->failed = 1;
}

static void on_arrival(sim_engine *e, const sim_event *ev, void *model)
{
    (void)ev;
    mmc_state *s = model;
    double now = sim_now(e);
    if (s->busy < s->p->servers) {
        s->busy++;
        sim_timeavg_set(&s->nbusy, now, s->busy);
        start_service(e, s, now);
    } else {
        if (s->len == s->cap) {
            size_t cap = s->cap * 2;
            double *f = malloc(cap * sizeof *f);
            if (!f) {
                s->failed = 1;
                sim_engine_stop(e);
                return;
            }
            for (size_t i = 0; i < s->len; i++)
                f[i] = s->fifo[(s->head + i) % s->cap];
            free(s->fifo);
            s->fifo = f;
            s->cap = cap;
            s->head = 0;
        }
        s->fifo[(s->head + s->len++) % s->cap] = now;
        sim_timeavg_set(&s->qlen, now, (double)s->len);
    }
    double dt = sim_rng_exponential(s->arrivals, s->arrival_mean);
    if (sim_post(e, dt, 0, EV_ARRIVAL, NO_PAYLOAD) != 0)
        s->failed = 1;
}

static void on_departure(sim_engine *e, const sim_event *ev, void *model)
{
    (void)ev;
    mmc_state *s = model;
    double now = sim_now(e);
    if (s->len > 0) {
        double arrived = s->fifo[s->head];
        s->head = (s->head + 1) % s->cap;
        s->len--;
        sim_timeavg_set(&s->qlen, now, (double)s->len);
        start_service(e, s, arrived);
    } else {
        s->busy--;
        sim_timeavg_set(&s->nbusy, now, s->busy);
    }
}

static void on_warmup_end(sim_engine *e, const sim_event *ev, void *model)
{
    (void)ev;
    mmc_state *s = model;
    sim_timeavg_restart(&s->qlen, sim_now(e));
    sim_timeavg_restart(&s->nbusy, sim_now(e));
}

int mmc_erlang_c(unsigned c, double lambda, double mu, mmc_theory *out)
{
    if (c == 0 || !(lambda > 0) || !(mu > 0) || !(lambda < c * mu))
        return -1;
    double a = lambda / mu, b = 1.0;
    for (unsigned k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    double pc = c * b / (c - a * (1.0 - b));
    out->p_wait = pc;
    out->wait_mean_min = pc / (c * mu - lambda);
    out->queue_mean = lambda * out->wait_mean_min;
    out->utilisation = a / c;
    return 0;
}

int mmc_run(const mmc_params *p, mmc_result *out)
{
    if (p->servers == 0 || !(p->arrival_rate > 0) || !(p->service_rate > 0) ||
        !(p->warmup_min >= 0) || !(p->length_min > 0))
        return -1;
    mmc_state s = {.p = p, .cap = 64, .warm_end = p->warmup_min,
                   .arrival_mean = 1.0 / p->arrival_rate,
                   .service_mean = 1.0 / p->service_rate};
    int rc = -1;
    sim_engine *e = sim_engine_create(EV_KINDS, &s);
    s.arrivals = sim_rng_stream(p->seed, p->replication, STREAM_ARRIVAL);
    s.service = sim_rng_stream(p->seed, p->replication, STREAM_SERVICE);
    s.fifo = malloc(s.cap * sizeof *s.fifo);
    /* Waits are quantised at 0.1 % relative above 1e-3 mean service
     * times; anything beyond 1e4 mean service times counts as overflow. */
    double unit = 1.0 / p->service_rate;
    if (!e || !s.arrivals || !s.service || !s.fifo ||
        sim_quant_init(&s.wait_q, 1e-3 * unit, 1e4 * unit, 1e-3) != 0)
        goto done;
    sim_engine_on(e, EV_ARRIVAL, on_arrival);
    sim_engine_on(e, EV_DEPARTURE, on_departure);
    sim_engine_on(e, EV_WARMUP_END, on_warmup_end);
    sim_tally_init(&s.wait);
    sim_timeavg_init(&s.qlen, 0.0, 0.0);
    sim_timeavg_init(&s.nbusy, 0.0, 0.0);

    double end = p->warmup_min + p->length_min;
    /* The warm-up boundary runs before any other event at that time. */
    if (sim_post_at(e, p->warmup_min, 0, EV_WARMUP_END, NO_PAYLOAD) != 0 ||
        sim_post(e, sim_rng_exponential(s.arrivals, s.arrival_mean), 0,
                 EV_ARRIVAL, NO_PAYLOAD) != 0)
        goto done;
    sim_engine_run(e, end);
    if (s.failed)
        goto done;
    out->wait_mean_min = sim_tally_mean(&s.wait);
    out->wait_p90_min = sim_quant_quantile(&s.wait_q, 0.9);
    out->p_wait = s.wait.n ? (double)s.waited / (double)s.wait.n : NAN;
    out->queue_mean = sim_timeavg_mean(&s.qlen, end);
    out->utilisation = sim_timeavg_mean(&s.nbusy, end) / p->servers;
    out->customers = s.wait.n;
    out->events = sim_engine_events(e);
    rc = 0;
done:
    sim_quant_free(&s.wait_q);
    free(s.fifo);
    gsl_rng_free(s.service);
    gsl_rng_free(s.arrivals);
    sim_engine_free(e);
    return rc;
}
