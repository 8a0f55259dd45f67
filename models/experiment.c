/* experiment.c - loading the variants of a scenario and running their
 * replications on a pool of threads. */
#include "experiment.h"

#include "calllog.h"
#include "figures.h"
#include "budget.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- loading ----------------------------------------------------------------- */

/* Prints the lines of `text` not yet in *seen (the stream `log` writes
 * *seen; it is flushed to keep *seen current) to err, and logs them. */
static void print_new_lines(const char *text, char **seen, FILE *log, FILE *err)
{
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) + 1 : strlen(p);
        fflush(log);
        int dup = 0;
        for (const char *q = *seen; q && *q && !dup;) {
            const char *qe = strchr(q, '\n');
            size_t qn = qe ? (size_t)(qe - q) + 1 : strlen(q);
            dup = qn == n && !memcmp(q, p, n);
            q += qn;
        }
        if (!dup) {
            fwrite(p, 1, n, err);
            fwrite(p, 1, n, log);
        }
        p += n;
    }
}

/* The city and roster of scenario *s into *c and *r, each after the
 * budget check that bounds it, then the check of the run. Returns 0, or
 * -1 after messages to `to`. */
static int build(const scenario *s, city *c, roster *r, FILE *to)
{
    if (budget_city(s, to) != 0 || city_build(c, s, to) != 0)
        return -1;
    if (budget_officers(s, c, to) != 0 || roster_build(r, s, c, to) != 0)
        return -1;
    return budget_run(s, c, r, to) != 0 ? -1 : 0;
}

int experiment_load(experiment *x, const char *path, const scenario_set *sets,
                    size_t nsets, FILE *err)
{
    memset(x, 0, sizeof *x);
    /* The file is read (and checked) once; every variant parses its text. */
    scenario_text text;
    if (scenario_text_read(&text, path, err) != 0)
        return -1;
    int rc = experiment_load_text(x, &text, sets, nsets, err);
    scenario_text_free(&text);
    return rc;
}

/* Metric names want[0 .. n) (width apart) against names[0 .. nm): a
 * message for each unknown one. Returns 1 if any was unknown, else 0. */
static int check_measures(const char *want, size_t width, size_t n,
                          const char (*origin)[SCENARIO_ORIGIN_MAX], const char **names,
                          size_t nm, FILE *err)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = want + i * width;
        size_t k = 0;
        while (k < nm && strcmp(names[k], w))
            k++;
        if (k < nm)
            continue;
        const char *near = scenario_closest(w, names, nm);
        fprintf(err, "%s: expected the name of a measure (docs/outputs.md, section 3), found "
                     "\"%s\"%s%s%s\n",
                origin[i], w, near ? "; did you mean \"" : "", near ? near : "",
                near ? "\"?" : "");
        bad = 1;
    }
    return bad;
}

/* The report section's names against the model's: each measure (and
 * each output of a sensitivity analysis) a metric of the baseline
 * variant, each figure one of plots/. Returns 0, or -1 after a message
 * per unknown name. */
static int check_report(const experiment *x, FILE *err)
{
    const scenario_plan *p = &x->plan;
    size_t nm = 0;
    world_metric *m = p->nmeasures || p->sa.noutputs
                          ? world_metric_names(&x->s[p->baseline], &nm)
                          : NULL;
    const char **names = malloc((nm + figure_nscripts + 1) * sizeof *names);
    if ((nm == 0 && (p->nmeasures || p->sa.noutputs)) || !names) {
        fprintf(err, "beatsim: out of memory\n");
        free(m);
        free(names);
        return -1;
    }
    for (size_t k = 0; k < nm; k++)
        names[k] = m[k].name;
    int bad = check_measures(p->measures[0], sizeof p->measures[0], p->nmeasures,
                             p->measure_origin, names, nm, err);
    bad |= check_measures(p->sa.outputs[0], sizeof p->sa.outputs[0], p->sa.noutputs,
                          p->sa.output_origin, names, nm, err);
    size_t nf = 0; /* the figures: every script but the prelude */
    char list[512] = "";
    for (size_t k = 0; k < figure_nscripts; k++)
        if (strcmp(figure_scripts[k].name, "common")) {
            names[nf++] = figure_scripts[k].name;
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s\"%s\"", len ? ", " : "",
                     figure_scripts[k].name);
        }
    for (size_t i = 0; i < p->nfigures; i++) {
        size_t k = 0;
        while (k < nf && strcmp(names[k], p->figures[i]))
            k++;
        if (k == nf) {
            const char *near = scenario_closest(p->figures[i], names, nf);
            fprintf(err, "%s: expected one of the figures %s, found \"%s\"%s%s%s\n",
                    p->figure_origin[i], list, p->figures[i], near ? "; did you mean \"" : "",
                    near ? near : "", near ? "\"?" : "");
            bad = 1;
        }
    }
    free(m);
    free(names);
    return bad ? -1 : 0;
}

int experiment_load_text(experiment *x, const scenario_text *text, const scenario_set *sets,
                         size_t nsets, FILE *err)
{
    memset(x, 0, sizeof *x);
    if (scenario_plan_read_text(&x->plan, text, err) != 0)
        return -1;
    /* Messages go through `seen`: every line is printed once, so a
       problem of the file itself is not repeated for every variant, while
       each variant's own problems are all reported (but for the design
       points of a sensitivity analysis: only the first failing one's). */
    char *seen = NULL;
    size_t seen_len = 0;
    FILE *msg = open_memstream(&seen, &seen_len);
    if (!msg) {
        fprintf(err, "beatsim: out of memory\n");
        scenario_plan_free(&x->plan);
        return -1;
    }
    int bad = scenario_load_text(&x->base, text, sets, nsets, msg) != 0;
    fflush(msg);
    fputs(seen, err);
    size_t n = x->plan.n;
    x->s = calloc(2 * n, sizeof *x->s);
    x->c = calloc(2 * n, sizeof *x->c);
    x->r = calloc(2 * n, sizeof *x->r);
    x->has_cf = calloc(n, sizeof *x->has_cf);
    if (!x->s || !x->c || !x->r || !x->has_cf) {
        fprintf(err, "beatsim: out of memory\n");
        fclose(msg);
        free(seen);
        experiment_free(x);
        return -1;
    }
    x->nvar = n; /* every struct below is zeroed or whole: safe to free */
    /* Variant v: the command line's overrides, then the variant's own;
       its counterfactual (slot n + v) adds one more. */
    static const scenario_set no_prevention = {"prevention.prevention_work=false",
                                               "scorecard counterfactual"};
    for (size_t v = 0; v < n; v++) {
        const scenario_variant *var = &x->plan.v[v];
        size_t m = nsets + var->nsets;
        scenario_set *all = malloc((m + 1) * sizeof *all);
        if (!all) {
            fprintf(err, "beatsim: out of memory\n");
            bad = 1;
            break;
        }
        if (nsets)
            memcpy(all, sets, nsets * sizeof *all);
        if (var->nsets)
            memcpy(all + nsets, var->sets, var->nsets * sizeof *all);
        all[m] = no_prevention;
        char *mine = NULL;
        size_t mine_len = 0;
        FILE *vm = open_memstream(&mine, &mine_len);
        FILE *to = vm ? vm : err;
        int rc = scenario_load_text(&x->s[v], text, all, m, to);
        /* every run keeps its per-station, per-block records: the report
           puts Erlang C beside them (analytic.csv) */
        x->s[v].staffing.record = 1;
        if (rc != 0 || build(&x->s[v], &x->c[v], &x->r[v], to) != 0) {
            bad = 1;
        } else if (x->r[v].n == 0) {
            fprintf(to, "%s: variant %s: officers: expected at least one officer, found 0 "
                        "(every group's rule rounds to none)\n",
                    x->s[v].source, x->plan.v[v].name);
            bad = 1;
        } else if (x->s[v].prevention.enabled && x->s[v].prevention.scorecard.counterfactual) {
            size_t u = n + v;
            x->has_cf[v] = 1;
            x->ncf++;
            if (scenario_load_text(&x->s[u], text, all, m + 1, to) != 0 ||
                (x->s[u].staffing.record = 1, build(&x->s[u], &x->c[u], &x->r[u], to)) != 0)
                bad = 1;
        }
        free(all);
        if (vm) {
            fclose(vm);
            print_new_lines(mine, &seen, msg, err);
            free(mine);
        }
        /* a sensitivity analysis's points differ only in the factors'
           values: the first point that fails says what is wrong */
        if (bad && x->plan.sa.on)
            break;
    }
    fclose(msg);
    free(seen);
    const scenario *b = &x->base;
    for (size_t v = 0; v < n && !bad; v++)
        if (x->s[v].reps != b->reps || x->s[v].seed != b->seed) {
            fprintf(err, "%s: variant %s: run.reps and run.seed: expected the "
                         "baseline's (%d, %llu), found (%d, %llu)\n",
                    b->source, x->plan.v[v].name, b->reps, (unsigned long long)b->seed,
                    x->s[v].reps, (unsigned long long)x->s[v].seed);
            bad = 1;
        }
    if (!bad) {
        /* Every run's results are kept until they are written (the
           storage itself is made by experiment_run). */
        double per_rep = 0;
        for (size_t u = 0; u < 2 * n; u++)
            if (u < n || x->has_cf[u - n])
                per_rep += budget_result_bytes(&x->s[u], &x->c[u], &x->r[u]);
        double most = floor((double)BUDGET_RESULTS_BYTES_MAX / per_rep);
        if ((double)b->reps > most) {
            scenario_error(err, b->source, 0, "run.reps: expected at most %.0f replications "
                           "(the results of one replication of %zu run%s take about %.3g MB, "
                           "and all results at most %llu MB), found %d",
                           most, n + x->ncf, n + x->ncf == 1 ? "" : "s", per_rep / 1e6,
                           BUDGET_RESULTS_BYTES_MAX >> 20, b->reps);
            bad = 1;
        }
        x->reps = (size_t)b->reps;
        x->nruns = (n + x->ncf) * x->reps;
    }
    if (!bad && check_report(x, err) != 0)
        bad = 1;
    if (bad) {
        experiment_free(x);
        return -1;
    }
    return 0;
}

void experiment_free(experiment *x)
{
    for (size_t k = 0; x->res && k < 2 * x->nvar * x->reps; k++)
        world_result_free(&x->res[k]);
    for (size_t v = 0; v < 2 * x->nvar; v++) {
        roster_free(&x->r[v]);
        city_free(&x->c[v]);
        scenario_free(&x->s[v]);
    }
    free(x->res);
    free(x->has_cf);
    free(x->s);
    free(x->c);
    free(x->r);
    scenario_free(&x->base);
    scenario_plan_free(&x->plan);
    memset(x, 0, sizeof *x);
}

const world_result *experiment_counterfactual(const experiment *x, size_t v, size_t k)
{
    if (v >= x->nvar || k >= x->reps || !x->has_cf || !x->has_cf[v] || !x->res)
        return NULL;
    return &x->res[(x->nvar + v) * x->reps + k];
}

/* ---- running ---------------------------------------------------------------------- */

/* The work shared by the threads: the next run to start, how many have
 * finished, and whether any failed; guarded by `lock`. */
typedef struct pool {
    experiment *x;
    const volatile sig_atomic_t *stop;
    pthread_mutex_t lock;
    pthread_cond_t progress; /* signalled when a run finishes */
    size_t next, done, total;
    const size_t *slot;      /* slot[j]: the variant-or-counterfactual
                                index u of run j (its result is
                                res[u * reps + rep]) */
    int failed;              /* -1 out of memory, -2 overloaded */
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    experiment *x = p->x;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int quit = p->next >= p->total || p->failed || (p->stop && *p->stop);
        size_t k = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (quit)
            break;
        size_t u = p->slot[k / x->reps], rep = k % x->reps;
        /* the per-call log: variants only (not counterfactuals), the
           first calls_reps replications, a spool file per run */
        calllog log, *lp = NULL;
        char path[4200];
        int log_failed = 0;
        if (x->calls_dir && u < x->nvar && rep < x->calls_reps) {
            if (calllog_spool_path(path, sizeof path, x->calls_dir, u, rep) != 0 ||
                calllog_open(&log, path, x->plan.v[u].name, rep) != 0)
                log_failed = 1;
            else
                lp = &log;
        }
        int rc = log_failed ? -1
                            : world_run_log(&x->s[u], &x->c[u], &x->r[u], rep,
                                            &x->res[u * x->reps + rep], p->stop, lp);
        if (lp && calllog_close(lp) != 0 && rc == 0) {
            rc = -1;
            log_failed = 1;
            world_result_free(&x->res[u * x->reps + rep]);
        }
        pthread_mutex_lock(&p->lock);
        if (log_failed && !p->failed) {
            p->failed = -1;
            x->calls_failed = 1;
        } else if (rc == WORLD_OVERLOADED && p->failed != -2) {
            p->failed = -2;
            x->over_variant = u;
            x->over_rep = rep;
            x->over = x->res[u * x->reps + rep];
        } else if (rc < 0 && !p->failed) {
            p->failed = -1;
        } else if (rc == 0) {
            p->done++;
        }
        pthread_cond_signal(&p->progress);
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

int experiment_run(experiment *x, unsigned jobs, const volatile sig_atomic_t *stop,
                   experiment_progress progress, void *ctx)
{
    if (!x->res && !(x->res = calloc(2 * x->nvar * x->reps, sizeof *x->res)))
        return -1;
    /* The variants first, then the counterfactuals, in variant order. */
    size_t *slot = malloc((x->nvar + x->ncf + 1) * sizeof *slot), ns = 0;
    if (!slot)
        return -1;
    for (size_t v = 0; v < x->nvar; v++)
        slot[ns++] = v;
    for (size_t v = 0; v < x->nvar; v++)
        if (x->has_cf[v])
            slot[ns++] = x->nvar + v;
    pool p = {.x = x, .stop = stop, .total = ns * x->reps, .slot = slot};
    if (jobs < 1)
        jobs = 1;
    if (jobs > p.total)
        jobs = p.total ? (unsigned)p.total : 1;
    pthread_t *t = calloc(jobs, sizeof *t);
    if (!t) {
        free(slot);
        return -1;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.progress, NULL);
    unsigned started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&t[started], NULL, worker, &p) != 0)
            break;
    if (started == 0)
        p.failed = -1;
    /* Report progress until all runs are done, one failed, or a stop is
       asked for; wake at least every 0.2 s to notice a stop. */
    size_t shown = 0;
    pthread_mutex_lock(&p.lock);
    while (p.done < p.total && !p.failed && !(stop && *stop)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p.progress, &p.lock, &ts);
        if (p.done > shown && progress) {
            shown = p.done;
            pthread_mutex_unlock(&p.lock);
            progress(shown, p.total, ctx);
            pthread_mutex_lock(&p.lock);
        }
    }
    pthread_mutex_unlock(&p.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
    free(slot);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.progress);
    x->nres = p.done;
    if (p.done == p.total)
        return 0;
    return p.failed ? p.failed : 1;
}
