/* fuzz_common.h - what both fuzz targets do with an input: the checks of
 * `beatsim check` (every message a line of printable text), then a short
 * run of every variant the checks accept. Included by fuzz_scenario.c
 * and fuzz_set.c only; each is linked either with libFuzzer (make fuzz)
 * or with replay.c (make test replays the seeds and regressions).
 *
 * The property held: an input that the checks accept runs without a
 * crash, a sanitizer report or running out of memory. Only runs that
 * take a moment are made (the first FUZZ_RUNS_MAX runs, each at most one
 * simulated day without warm-up, with a bounded number of calls and
 * officers): the time and memory of longer ones are bounded by the
 * limits of budget.h, which tests/test_accepted.c samples.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include "budget.h"
#include "experiment.h"
#include "world.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_VARIANTS_MAX 64  /* larger plans: loading alone takes long */
#define FUZZ_CALLS_MAX 20000  /* expected calls of a run made */
#define FUZZ_OFFICERS_MAX 500 /* officers of a run made */
#define FUZZ_RUNS_MAX 4       /* runs made of one input */

/* A stream for messages; fuzz_messages_done checks and frees them. */
static FILE *fuzz_messages(char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    FILE *f = open_memstream(buf, len);
    if (!f)
        abort();
    return f;
}

/* Aborts unless every message is one line of at most 4096 bytes without
 * a control character (what reaches a terminal), then frees them. */
static void fuzz_messages_done(FILE *f, char **bufp)
{
    if (fclose(f) != 0)
        abort();
    char *buf = *bufp; /* set by fclose */
    size_t col = 0;
    for (const unsigned char *c = (const unsigned char *)buf; *c; c++) {
        if (*c == '\n') {
            col = 0;
            continue;
        }
        if (*c < 0x20 || *c == 0x7f || ++col > 4096 ||
            (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f))
            abort();
    }
    if (col != 0) /* every message ends its line */
        abort();
    free(buf);
}

/* A target that only checks messages defines FUZZ_MESSAGES_ONLY first. */
#ifndef FUZZ_MESSAGES_ONLY

/* Runs replication 0 of every variant and counterfactual of x that is
 * cheap enough (see above), shortened; aborts when a run fails. */
static inline void fuzz_run(const experiment *x)
{
    int runs = 0;
    for (size_t u = 0; u < 2 * x->nvar && runs < FUZZ_RUNS_MAX; u++) {
        if (u >= x->nvar && !x->has_cf[u - x->nvar])
            continue;
        scenario s = x->s[u]; /* a copy: its city lists stay borrowed */
        s.days = fmin(s.days, 1.0);
        s.warmup_days = 0;
        double cap = s.prevention.enabled ? s.prevention.rate_cap : 1;
        double calls = budget_calls_per_day(&s, &x->c[u]) * cap * (s.days + s.warmup_days);
        if (!(calls <= FUZZ_CALLS_MAX) || x->r[u].n > FUZZ_OFFICERS_MAX)
            continue;
        world_result w;
        runs++;
        if (world_run(&s, &x->c[u], &x->r[u], 0, &w) != 0)
            abort(); /* an accepted input that runs out of memory */
        world_result_free(&w);
    }
}

/* Loads the experiment of text t with sets[0 .. nsets) as beatsim check
 * does and runs what it accepts. */
static inline void fuzz_experiment(const scenario_text *t, const scenario_set *sets, size_t nsets)
{
    char *buf;
    size_t len;
    FILE *msg = fuzz_messages(&buf, &len);
    scenario_plan p;
    if (scenario_plan_read_text(&p, t, msg) == 0) {
        size_t n = p.n;
        scenario_plan_free(&p);
        experiment x;
        if (n <= FUZZ_VARIANTS_MAX && experiment_load_text(&x, t, sets, nsets, msg) == 0) {
            fuzz_run(&x);
            experiment_free(&x);
        }
    }
    fuzz_messages_done(msg, &buf);
}

#endif /* FUZZ_MESSAGES_ONLY */

#endif /* FUZZ_COMMON_H */
