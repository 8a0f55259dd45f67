/* bench.c - beatsim benchmarks: prints one figure per line, "name value unit".
 *
 *   mmc_events_per_s        the M/M/c reference model (c = 10, rho = 0.9)
 *                           on the engine, all statistics on
 *   plain_mmc_mt19937_...   the same queue as a bare hand-written loop on
 *                           a plain binary heap with GSL's MT19937: the
 *                           yardstick for the figure above
 *   hold_<n>_ops_per_s      event-list throughput in the hold model: with
 *                           n events pending, pop the first and post one
 *                           at its time plus an Exp(1) increment
 *   hold_handles_<n>_...    the same with every event scheduled with a
 *                           handle (cancellable)
 *   baseline_hold_<n>_...   the same on a plain binary heap of whole events
 *                           (baseline_heap.c), the yardstick
 *   *_time_vs_baseline      our time per operation / the baseline's (the
 *                           target is at most 1.2)
 *   city_<k>x_...           the default city (about 1,000,000 residents)
 *                           scaled k = 1, 4, 16 times (residents and
 *                           stations), one simulated year, no warm-up:
 *                           wall time per simulated year, calls and events
 *                           per second, seconds per million calls (flat
 *                           when the cost grows with calls, not with
 *                           officers x calls), and the peak resident
 *                           memory after that size ran
 *                           (the reactive model: prevention.enabled off);
 *                           calls are all calls received, car calls those
 *                           a unit was sent to
 *   legacy_1x_...           the same at 1x with the force of earlier
 *                           versions (response and beat officers only; no
 *                           absences, breaks, interruptions, jurisdiction,
 *                           reserve or calls without a car): the same
 *                           workload as the default city before them, for
 *                           before/after figures
 *   proactive_5y_...        the default city over 5 simulated years with
 *                           every proactive mechanism on (patrol, visits,
 *                           checks, strike work, auxiliaries, safe
 *                           communities, spill-over, a crackdown, the
 *                           adaptive strategy) against the same city
 *                           reactive: wall time, events per second and
 *                           the ratio (the target is at most 2)
 *   hypercube_12_units_s    Larson's hypercube model solved for 12 units
 *                           and 40 atoms with preferences by distance
 *                           (rho 0.75), median of BENCH_REPEATS solves (the
 *                           target is under 1 s)
 *   staff_default_...       beatsim staff on the default city (20 stations,
 *                           six 4-hour blocks) for p90_p1=15 in every
 *                           station and block, on every core: wall time of
 *                           the whole search (the target is under 2 min on
 *                           2 cores), plans simulated, and how it ended
 *                           (docs/outputs.md's status names);
 *                           run once (BENCH_QUICK: 30-day runs, 3 rounds)
 *   causes_default_s        beatsim analytic --causes on the default city
 *                           (ten simulations of staffing.reps replications
 *                           of a year), run once
 *   cube_default_s          the hypercube model of every station and block
 *                           of the default city (analytic --hypercube
 *                           without the simulation), median of
 *                           BENCH_REPEATS
 *   sensitivity_morris_...  a Morris design of 3 factors x 4 trajectories on
 *                           the default city (30-day runs, every core):
 *                           runs a second, the points' loading, and the
 *                           design with the indices of one output beside
 *                           the runs' time (the target: negligible)
 *   polygon_beats_...       the default city's beats as an explicit city of
 *                           squares, and the same squares as polygon beats
 *                           (what city.boundaries gives: triangulated,
 *                           calls placed by the alias table), one
 *                           simulated year, reactive: seconds per million
 *                           calls of each and the ratio (the target is at
 *                           most 1.05)
 *   fit_1000000_rows_s      beatsim fit's read and fit (csvlog_read, fit_log)
 *                           of a generated log of 1,000,000 rows (ISO 8601
 *                           times, 12 types, 200 beats in 20 stations,
 *                           dispatched/arrived/cleared), median of
 *                           BENCH_REPEATS (the target is under 5 s); the
 *                           log is written to a temporary file first,
 *                           untimed. BENCH_FIT_ROWS=N runs this one alone
 *                           with N rows.
 *   peak_rss_kib            peak resident memory of this process
 *
 * Each timing is the median of BENCH_REPEATS runs. Set BENCH_QUICK=1 in the
 * environment for a short smoke run.
 */
#include "baseline_heap.h"
#include "csvlog.h"
#include "fit.h"
#include "hypercube.h"
#include "causes.h"
#include "city.h"
#include "cube.h"
#include "mmc.h"
#include "roster.h"
#include "scenario.h"
#include "world.h"
#include "sim_queue.h"
#include "sim_rng.h"
#include "allocate.h"
#include "experiment.h"
#include "sim_gsa.h"
#include "polygon.h"
#include "staff.h"
#include "staff_report.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BENCH_REPEATS 5

static int quick;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* ---- hold model ---------------------------------------------------------- */

#define NINC (1u << 20)

/* Exp(1) increments drawn once, so both heaps see the same work and the
 * generator's cost does not dilute the comparison. */
static double *make_increments(void)
{
    double *inc = malloc(NINC * sizeof *inc);
    gsl_rng *r = sim_rng_stream(42, 0, 0);
    if (!inc || !r)
        abort();
    for (size_t i = 0; i < NINC; i++)
        inc[i] = gsl_ran_exponential(r, 1.0);
    gsl_rng_free(r);
    return inc;
}

/* The hold model on sim_queue; `handles` schedules every event with a
 * handle (cancellable), otherwise events are posted. */
static double hold_queue(size_t n, size_t ops, const double *inc, int handles)
{
    sim_queue *q = sim_queue_create(n);
    sim_payload pl = {.u64 = 0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (handles)
            sim_queue_schedule(q, inc[k++ & (NINC - 1)], 0, 0, pl);
        else
            sim_queue_post(q, inc[k++ & (NINC - 1)], 0, 0, pl);
    sim_event ev = {0};
    double t0 = now_s();
    if (handles)
        for (size_t i = 0; i < ops; i++) {
            sim_queue_pop(q, &ev);
            sim_queue_schedule(q, ev.time + inc[k++ & (NINC - 1)], 0, 0, pl);
        }
    else
        for (size_t i = 0; i < ops; i++) {
            sim_queue_pop(q, &ev);
            sim_queue_post(q, ev.time + inc[k++ & (NINC - 1)], 0, 0, pl);
        }
    double dt = now_s() - t0;
    sim_queue_free(q);
    return (double)ops / dt;
}

static double hold_baseline(size_t n, size_t ops, const double *inc)
{
    bheap h = {0};
    sim_payload pl = {.u64 = 0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        bh_push(&h, inc[k++ & (NINC - 1)], 0, 0, pl);
    bh_event ev = {0};
    double t0 = now_s();
    for (size_t i = 0; i < ops; i++) {
        bh_pop(&h, &ev);
        bh_push(&h, ev.time + inc[k++ & (NINC - 1)], 0, 0, pl);
    }
    double dt = now_s() - t0;
    bh_free(&h);
    return (double)ops / dt;
}

static void bench_hold(size_t n, const double *inc)
{
    size_t ops = quick ? 200000 : 5000000;
    double q[BENCH_REPEATS], h[BENCH_REPEATS], b[BENCH_REPEATS];
    int reps = quick ? 1 : BENCH_REPEATS;
    for (int r = 0; r < reps; r++) {
        q[r] = hold_queue(n, ops, inc, 0);
        h[r] = hold_queue(n, ops, inc, 1);
        b[r] = hold_baseline(n, ops, inc);
    }
    double mq = median(q, reps), mh = median(h, reps), mb = median(b, reps);
    printf("hold_%zu_ops_per_s %.4g ops/s\n", n, mq);
    printf("hold_handles_%zu_ops_per_s %.4g ops/s\n", n, mh);
    printf("baseline_hold_%zu_ops_per_s %.4g ops/s\n", n, mb);
    printf("hold_%zu_time_vs_baseline %.3f x\n", n, mb / mq);
    printf("hold_handles_%zu_time_vs_baseline %.3f x\n", n, mb / mh);
}

/* ---- M/M/c ------------------------------------------------------------------- */

/* The yardstick for the M/M/c figure: the same queue as a hand-written
 * loop on the plain binary heap, with GSL's MT19937 and
 * gsl_ran_exponential, counting waits only -- no engine, no statistics. */
static double plain_mmc(double length_min)
{
    enum { ARRIVAL, DEPARTURE };
    const double arrival_mean = 30.0 / 9.0, service_mean = 30.0;
    const unsigned servers = 10;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    bheap h = {0};
    sim_payload pl = {.u64 = 0};
    unsigned busy = 0;
    uint64_t waiting = 0, waited = 0, events = 0;
    bh_event ev = {0};
    double t0 = now_s();
    bh_push(&h, gsl_ran_exponential(r, arrival_mean), 0, ARRIVAL, pl);
    while (bh_pop(&h, &ev) && ev.time < length_min) {
        events++;
        if (ev.kind == ARRIVAL) {
            if (busy < servers) {
                busy++;
                bh_push(&h, ev.time + gsl_ran_exponential(r, service_mean), 0,
                        DEPARTURE, pl);
            } else
                waiting++;
            bh_push(&h, ev.time + gsl_ran_exponential(r, arrival_mean), 0,
                    ARRIVAL, pl);
        } else if (waiting) {
            waiting--;
            waited++;
            bh_push(&h, ev.time + gsl_ran_exponential(r, service_mean), 0,
                    DEPARTURE, pl);
        } else
            busy--;
    }
    double dt = now_s() - t0;
    bh_free(&h);
    gsl_rng_free(r);
    if (waited == 0)
        abort(); /* keeps the loop's work observable */
    return (double)events / dt;
}

static void bench_mmc(void)
{
    mmc_params p = {.servers = 10, .service_rate = 1.0 / 30,
                    .arrival_rate = 0.9 * 10 / 30.0, .warmup_min = 0,
                    .length_min = quick ? 3e5 : 1e7, .seed = 7};
    double rate[BENCH_REPEATS];
    int reps = quick ? 1 : BENCH_REPEATS;
    uint64_t events = 0;
    for (int r = 0; r < reps; r++) {
        mmc_result res;
        p.replication = (uint64_t)r;
        double t0 = now_s();
        if (mmc_run(&p, &res) != 0)
            abort();
        double dt = now_s() - t0;
        rate[r] = (double)res.events / dt;
        events = res.events;
    }
    double plain[BENCH_REPEATS];
    for (int r = 0; r < reps; r++)
        plain[r] = plain_mmc(p.length_min);
    double m = median(rate, reps), mp = median(plain, reps);
    printf("mmc_events_per_run %llu events\n", (unsigned long long)events);
    printf("mmc_events_per_s %.4g events/s\n", m);
    printf("plain_mmc_mt19937_events_per_s %.4g events/s\n", mp);
    printf("mmc_speed_vs_plain %.3f x\n", m / mp);
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* The default city as it was before the force (absences, breaks, crews,
 * tiers, jurisdiction, calls without a car): its response and beat
 * officers only, everything new neutral; the same workload as the
 * default city of earlier versions, for before/after figures. */
static void legacy_force(scenario *s)
{
    s->ngroups = 2;
    s->groups[0].role = ROLE_STATION;
    for (int g = 0; g < s->ngroups; g++) {
        officer_group *gr = &s->groups[g];
        for (int k = 0; k < ABSENCE_KINDS; k++)
            gr->absence_days[k] = 0;
        gr->break_min = 0;
        gr->break_interrupt = gr->desk_interrupt = 0;
    }
    for (int k = 0; k < s->ntypes; k++)
        s->types[k].phone_share = s->types[k].divert_share = 0;
    s->dispatch.cross_station = 3;
    for (int p = 0; p < SCENARIO_PRIORITIES; p++)
        s->dispatch.reserve[p] = 0;
}

/* Twelve units on a 4 x 3 grid of stations 2 km apart, 40 atoms on a
 * 8 x 5 grid over the same area, each atom's list by right-angle distance
 * (ties by unit index). */
static void bench_hypercube(void)
{
    enum { N = 12, J = 40 };
    double lambda[J], mu = 1.0 / 40, d[N];
    int pref[J * N];
    for (int j = 0; j < J; j++) {
        double x = (j % 8) * 6.0 / 7, y = (j / 8) * 4.0 / 4;
        lambda[j] = 0.75 * N * mu / J;
        for (int n = 0; n < N; n++) {
            d[n] = fabs(x - (n % 4) * 2.0) + fabs(y - (n / 4) * 2.0);
            pref[j * N + n] = n;
        }
        for (int a = 1; a < N; a++) /* insertion sort by distance */
            for (int b = a; b > 0 && d[pref[j * N + b]] < d[pref[j * N + b - 1]]; b--) {
                int t = pref[j * N + b];
                pref[j * N + b] = pref[j * N + b - 1];
                pref[j * N + b - 1] = t;
            }
    }
    hypercube_params p = {.units = N, .atoms = J, .lambda = lambda, .pref = pref, .mu = mu};
    double t[BENCH_REPEATS];
    int sweeps = 0;
    for (int r = 0; r < BENCH_REPEATS; r++) {
        hypercube_result res;
        double t0 = now_s();
        if (hypercube_solve(&p, &res) != 0)
            abort();
        t[r] = now_s() - t0;
        sweeps = res.iterations;
        hypercube_result_free(&res);
    }
    printf("hypercube_12_units_s %.4g s (%d sweeps)\n", median(t, BENCH_REPEATS), sweeps);
}

/* beatsim staff on the default city: targets mode for p90_p1=15, or
 * budget mode for today's headcount + 100. */
static void bench_analytic(void)
{
    scenario s;
    scenario_defaults(&s);
    if (quick)
        s.days = 30;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    staff_opts o = {.jobs = cores > 0 ? (unsigned)cores : 1};
    cause_step st[CAUSES + 1];
    double t0 = now_s();
    if (causes_run(&s, &o, st, stderr) != 0)
        abort();
    printf("causes_default_s %.4g s (%d steps of %d replications of %g days, %u threads)\n",
           now_s() - t0, CAUSES + 1, s.staffing.reps, s.days, o.jobs);

    city c;
    roster r;
    analytic_demand d;
    if (city_build(&c, &s, stderr) != 0 || roster_build(&r, &s, &c, stderr) != 0 ||
        analytic_demand_init(&d, &s, &c, &r, staff_planned_group(&s)) != 0)
        abort();
    size_t SK = c.nstations * (size_t)d.ncells;
    cube_cell *cells = calloc(SK, sizeof *cells);
    double t[BENCH_REPEATS];
    int reps = quick ? 1 : BENCH_REPEATS, solved = 0;
    for (int k = 0; k < reps; k++) {
        double a = now_s();
        if (!cells || cube_solve(&s, &c, &r, &d, CUBE_UNITS_DEFAULT, cells) != 0)
            abort();
        t[k] = now_s() - a;
    }
    for (size_t i = 0; i < SK; i++)
        solved += cells[i].status == CUBE_SOLVED;
    printf("cube_default_s %.4g s (%d of %zu station-blocks solved)\n", median(t, reps),
           solved, SK);
    free(cells);
    analytic_demand_free(&d);
    roster_free(&r);
    city_free(&c);
    scenario_free(&s);
}

static void bench_staff(int budget)
{
    scenario s;
    scenario_defaults(&s);
    char msg[256];
    if (budget) {
        s.staffing.mode = STAFF_MODE_BUDGET;
        s.staffing.budget_extra = 100;
    } else if (staffing_target_parse("p90_p1=15", &s.staffing.targets[0], msg, sizeof msg) ==
               0) {
        s.staffing.ntargets = 1;
    } else {
        abort();
    }
    if (quick) {
        s.days = 30;
        s.staffing.rounds = 3;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    staff_opts o = {.jobs = cores > 0 ? (unsigned)cores : 1};
    staff_result r;
    double t0 = now_s();
    if ((budget ? alloc_search(&s, &o, &r, stderr) : staff_search(&s, &o, &r, stderr)) != 0)
        abort();
    double dt = now_s() - t0;
    if (budget) {
        printf("staff_budget_default_s %.4g s (%d evaluations, today's included; status %s)\n",
               dt, r.evaluations, staff_status_name(r.status));
    } else {
        printf("staff_default_s %.4g s\n", dt);
        printf("staff_default_evaluations %d plans (%d replications of %g days each, %u "
               "threads)\n", r.evaluations, s.staffing.reps, s.days, o.jobs);
        printf("staff_default_s_per_evaluation %.4g s\n",
               dt / (r.evaluations ? r.evaluations : 1));
        printf("staff_default_status %s\n", staff_status_name(r.status));
    }
    staff_result_free(&r);
    scenario_free(&s);
}

/* A Morris design on the default city: its runs a second, and what the
 * design and the indices (1000 bootstrap resamples) cost beside them. */
static void bench_sensitivity(void)
{
    static const char text[] =
        "run = { days = 30.0; warmup_days = 1.0; reps = 1; };\n"
        "sensitivity = { method = \"morris\"; samples = 4; factors = (\n"
        "  { setting = \"dispatch.delay_min\"; min = 1.0; max = 4.0; },\n"
        "  { setting = \"officers.[0].desk_share\"; min = 0.1; max = 0.4; },\n"
        "  { setting = \"prevention.offenders.recidivism\"; min = 0.3; max = 0.75; } ); };\n";
    scenario_text t;
    experiment x;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double t0 = now_s();
    if (scenario_text_set(&t, "bench_sensitivity.cfg", text, sizeof text - 1, stderr) != 0 ||
        experiment_load_text(&x, &t, NULL, 0, stderr) != 0)
        abort();
    double load = now_s() - t0;
    t0 = now_s();
    if (experiment_run(&x, cores > 0 ? (unsigned)cores : 1, NULL, NULL, NULL) != 0)
        abort();
    double run = now_s() - t0;
    /* the design made again and the indices of one output, as the report
       does for each */
    const scenario_sensitivity *sa = &x.plan.sa;
    double *y = malloc(x.nvar * sizeof *y);
    sim_gsa_factor fa[SCENARIO_FACTORS_MAX];
    sim_gsa d;
    t0 = now_s();
    if (!y || scenario_sa_design(sa, &d) != 0)
        abort();
    for (size_t q = 0; q < x.nvar; q++)
        y[q] = (double)x.res[q * x.reps].incidents;
    if (sim_gsa_indices(&d, y, sa->bootstrap, sa->seed, fa) != 0)
        abort();
    double analysis = now_s() - t0;
    printf("sensitivity_morris_points %zu (30-day runs of the default city, %ld threads)\n",
           x.nvar, cores);
    printf("sensitivity_morris_runs_per_s %.3g runs/s\n", (double)x.nruns / run);
    printf("sensitivity_morris_load_s %.3g s (every point loaded, checked and built)\n", load);
    printf("sensitivity_morris_analysis_s %.3g s (design and indices of one output, %zu "
           "bootstrap resamples: %.2g %% of the runs' time)\n",
           analysis, sa->bootstrap, 100 * analysis / run);
    sim_gsa_free(&d);
    free(y);
    experiment_free(&x);
    scenario_text_free(&t);
}

static void bench_city(int k, int legacy)
{
    const char *name = legacy ? "legacy" : "city";
    scenario s;
    scenario_defaults(&s);
    if (legacy)
        legacy_force(&s);
    s.synth.residents *= k;
    s.synth.stations *= k;
    s.warmup_days = 0;
    s.days = quick ? 30 : 365.25;
    s.prevention.enabled = 0;
    city c;
    roster r;
    double t0 = now_s();
    if (city_build(&c, &s, stderr) != 0 || roster_build(&r, &s, &c, stderr) != 0)
        abort();
    double build_s = now_s() - t0;
    int reps = quick ? 1 : (k >= 16 ? 3 : BENCH_REPEATS);
    double wall[BENCH_REPEATS];
    uint64_t calls = 0, car_calls = 0, events = 0;
    for (int rep = 0; rep < reps; rep++) {
        world_result w;
        t0 = now_s();
        if (world_run(&s, &c, &r, (uint64_t)rep, &w) != 0)
            abort();
        wall[rep] = now_s() - t0;
        calls = w.incidents;
        car_calls = w.car_calls;
        events = w.events;
        world_result_free(&w);
    }
    double m = median(wall, reps), year = s.days / 365.25;
    printf("%s_%dx_residents %.0f\n", name, k, c.residents);
    printf("%s_%dx_people %zu\n", name, k, r.n);
    printf("%s_%dx_calls_per_year %.4g calls\n", name, k, (double)calls / year);
    printf("%s_%dx_car_calls_per_year %.4g calls\n", name, k, (double)car_calls / year);
    printf("%s_%dx_build_s %.3g s\n", name, k, build_s);
    printf("%s_%dx_wall_per_sim_year_s %.3g s\n", name, k, m / year);
    printf("%s_%dx_sim_years_per_s %.3g\n", name, k, year / m);
    printf("%s_%dx_calls_per_s %.4g calls/s\n", name, k, (double)calls / m);
    printf("%s_%dx_events_per_s %.4g events/s\n", name, k, (double)events / m);
    printf("%s_%dx_events_per_call %.3g\n", name, k, (double)events / (double)calls);
    printf("%s_%dx_s_per_million_calls %.3g s\n", name, k, m / ((double)calls / 1e6));
    printf("%s_%dx_s_per_million_car_calls %.3g s\n", name, k, m / ((double)car_calls / 1e6));
    printf("%s_%dx_peak_rss_kib %ld KiB\n", name, k, peak_rss_kib());
    roster_free(&r);
    city_free(&c);
    scenario_free(&s);
}

/* Median wall time of runs of *s, with events per second. */
static double time_runs(const scenario *s, int reps, double *events_per_s)
{
    city c;
    roster r;
    if (city_build(&c, s, stderr) != 0 || roster_build(&r, s, &c, stderr) != 0)
        abort();
    double wall[BENCH_REPEATS], ev[BENCH_REPEATS];
    for (int rep = 0; rep < reps; rep++) {
        world_result w;
        double t0 = now_s();
        if (world_run(s, &c, &r, (uint64_t)rep, &w) != 0)
            abort();
        wall[rep] = now_s() - t0;
        ev[rep] = (double)w.events / wall[rep];
        world_result_free(&w);
    }
    roster_free(&r);
    city_free(&c);
    *events_per_s = median(ev, reps);
    return median(wall, reps);
}

static void bench_proactive(void)
{
    scenario s;
    scenario_defaults(&s);
    s.warmup_days = 0;
    s.days = quick ? 60 : 5 * 365.25;
    int reps = quick ? 1 : 3;
    prevention_params *pv = &s.prevention;
    pv->enabled = 1;
    pv->strategy.kind = STRATEGY_ADAPTIVE;
    pv->deterrence.spillover = -0.2;
    for (int l = 0; l < LAND_NTYPES; l++)
        pv->safe_communities.beat_share[l] = 0.3;
    pv->naux = 1;
    pv->aux[0] = (aux_group){.name = "guards", .per_1000_residents = 0.5, .cost_per_hour = 20,
                             .effectiveness = 0.3, .mode = PATROL_RANDOM};
    for (int l = 0; l < LAND_NTYPES; l++)
        pv->aux[0].land[l] = 1;
    for (int h = 0; h < 24; h++)
        pv->aux[0].hours[h] = 1;
    pv->ncrackdowns = 1;
    pv->crackdowns[0] = (crackdown){.start_day = 400, .days = 60, .strike_share = 0.3,
                                    .initial_effect = 0.2, .decay_days = 20, .residual = 0.05,
                                    .residual_decay_days = 60};
    double ev_on, ev_off;
    double on = time_runs(&s, reps, &ev_on);
    pv->enabled = 0;
    double off = time_runs(&s, reps, &ev_off);
    double years = s.days / 365.25;
    printf("proactive_5y_sim_years %.3g\n", years);
    printf("proactive_5y_wall_s %.3g s\n", on);
    printf("proactive_5y_events_per_s %.4g events/s\n", ev_on);
    printf("reactive_5y_wall_s %.3g s\n", off);
    printf("reactive_5y_events_per_s %.4g events/s\n", ev_off);
    printf("proactive_5y_time_vs_reactive %.3f x\n", on / off);
    scenario_free(&s);
}

/* *s (defaults) made the explicit city of c's beats, as squares or as
 * the same squares given as polygons. */
static void explicit_city(scenario *s, const city *c, int polygons)
{
    s->nbeats = c->nbeats;
    s->nstations = c->nstations;
    s->beats = calloc(c->nbeats, sizeof *s->beats);
    s->stations = calloc(c->nstations, sizeof *s->stations);
    if (polygons)
        s->beat_polygons = calloc(c->nbeats, sizeof *s->beat_polygons);
    if (!s->beats || !s->stations || (polygons && !s->beat_polygons))
        abort();
    for (size_t j = 0; j < c->nstations; j++) {
        memcpy(s->stations[j].id, c->stations[j].id, sizeof s->stations[j].id);
        s->stations[j].x = c->stations[j].x;
        s->stations[j].y = c->stations[j].y;
    }
    for (size_t i = 0; i < c->nbeats; i++) {
        const city_beat *b = &c->beats[i];
        beat_spec *sp = &s->beats[i];
        memcpy(sp->id, b->id, sizeof sp->id);
        memcpy(sp->station, c->stations[b->station].id, sizeof sp->station);
        sp->land = b->land;
        sp->residents = b->residents;
        sp->households = b->households;
        sp->migrant_share = b->migrant_share;
        sp->key_persons = b->key_persons;
        sp->area_km2 = b->area_km2;
        sp->x = b->x;
        sp->y = b->y;
        sp->shape = SHAPE_SQUARE;
        if (polygons) {
            double h = b->half, xy[] = {b->x - h, b->y - h, b->x + h, b->y - h,
                                        b->x + h, b->y + h, b->x - h, b->y + h};
            char why[80];
            if (polygon_add_ring(&s->beat_polygons[i], xy, 4) != 0 ||
                polygon_prepare(&s->beat_polygons[i], why, sizeof why) != 0)
                abort();
        }
    }
}

static void bench_polygon_beats(void)
{
    scenario base;
    scenario_defaults(&base);
    city c0;
    if (city_build(&c0, &base, stderr) != 0)
        abort();
    scenario s[2];
    city c[2];
    roster r[2];
    for (int poly = 0; poly < 2; poly++) {
        scenario_defaults(&s[poly]);
        s[poly].warmup_days = 0;
        s[poly].days = quick ? 30 : 365.25;
        s[poly].prevention.enabled = 0;
        explicit_city(&s[poly], &c0, poly);
        if (city_build(&c[poly], &s[poly], stderr) != 0 ||
            roster_build(&r[poly], &s[poly], &c[poly], stderr) != 0)
            abort();
    }
    /* the two alternate, so that a machine's drift hits both alike */
    int reps = quick ? 1 : BENCH_REPEATS;
    double per[2][BENCH_REPEATS];
    for (int rep = 0; rep < reps; rep++)
        for (int poly = 0; poly < 2; poly++) {
            world_result w;
            double t0 = now_s();
            if (world_run(&s[poly], &c[poly], &r[poly], (uint64_t)rep, &w) != 0)
                abort();
            per[poly][rep] = (now_s() - t0) / ((double)w.incidents / 1e6);
            world_result_free(&w);
        }
    double spc[2] = {median(per[0], reps), median(per[1], reps)};
    printf("polygon_beats_squares_s_per_million_calls %.3g s\n", spc[0]);
    printf("polygon_beats_polygons_s_per_million_calls %.3g s\n", spc[1]);
    printf("polygon_beats_time_vs_squares %.3f x\n", spc[1] / spc[0]);
    for (int poly = 0; poly < 2; poly++) {
        roster_free(&r[poly]);
        city_free(&c[poly]);
        scenario_free(&s[poly]);
    }
    city_free(&c0);
    scenario_free(&base);
}

/* A log of `rows` calls over 2 years in ISO 8601 times, to a temporary
 * file whose name is put in path[]. */
static void make_fit_log(long rows, char path[64])
{
    snprintf(path, 64, "/tmp/beatsim-bench-fit-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "w");
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (!f || !g)
        abort();
    gsl_rng_set(g, 11);
    fputs("time,type,priority,beat,station,dispatched,arrived,cleared\n", f);
    long day0 = csvlog_days_from_civil(2023, 1, 2);
    for (long i = 0; i < rows; i++) {
        double t = gsl_rng_uniform(g) * 730 * 1440;
        int y, m, d;
        for (int k = 0; k < 4; k++) {
            double u = t + (k ? 1 + 10 * k * gsl_rng_uniform(g) : 0);
            long day = (long)(u / 1440);
            int mi = (int)(u - day * 1440.0);
            csvlog_civil_from_days(day0 + day, &y, &m, &d);
            if (k == 0) {
                unsigned b = (unsigned)gsl_rng_uniform_int(g, 200);
                fprintf(f, "%04d-%02d-%02d %02d:%02d:%02d,type%lu,%lu,B%03u,S%02u", y, m, d,
                        mi / 60, mi % 60, (int)(60 * gsl_rng_uniform(g)),
                        gsl_rng_uniform_int(g, 12), 1 + gsl_rng_uniform_int(g, 3), b, b / 10);
            } else {
                fprintf(f, ",%04d-%02d-%02dT%02d:%02d:00", y, m, d, mi / 60, mi % 60);
            }
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0)
        abort();
    gsl_rng_free(g);
}

static void bench_fit(long rows)
{
    char path[64];
    make_fit_log(rows, path);
    double t[BENCH_REPEATS];
    int reps = quick ? 1 : BENCH_REPEATS;
    size_t n = 0;
    for (int k = 0; k < reps; k++) {
        double a = now_s();
        csvlog log;
        fit_result r;
        csvlog_options o = {.replication = -1};
        if (csvlog_read(&log, path, &o, NULL, stderr) != 0 || fit_log(&r, &log, stderr) != 0)
            abort();
        t[k] = now_s() - a;
        n = log.nrows;
        fit_free(&r);
        csvlog_free(&log);
    }
    unlink(path);
    printf("fit_%ld_rows_s %.4g s (%zu calls read and fitted; target under 5 s for 1000000)\n",
           rows, median(t, reps), n);
}

int main(void)
{
    const char *fr = getenv("BENCH_FIT_ROWS");
    if (fr && *fr) {
        quick = 1;
        bench_fit(atol(fr) > 0 ? atol(fr) : 1000);
        return 0;
    }
    const char *qe = getenv("BENCH_QUICK");
    quick = qe && *qe && strcmp(qe, "0") != 0;
    printf("# beatsim benchmarks: median of %d runs%s\n",
           quick ? 1 : BENCH_REPEATS, quick ? " (quick)" : "");
    bench_city(1, 1);
    bench_city(1, 0);
    bench_city(4, 0);
    bench_city(16, 0);
    bench_proactive();
    bench_polygon_beats();
    bench_mmc();
    bench_hypercube();
    bench_staff(0);
    bench_staff(1);
    bench_analytic();
    bench_sensitivity();
    double *inc = make_increments();
    bench_hold(1000, inc);
    bench_hold(100000, inc);
    bench_hold(1000000, inc);
    free(inc);
    bench_fit(1000000);
    printf("peak_rss_kib %ld KiB\n", peak_rss_kib());
    return 0;
}
