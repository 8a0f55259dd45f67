/* main.c - the beatsim command line: parses, calls, reports.
 *
 * Subcommands live in the commands[] table. Messages go to stderr,
 * prefixed with the program name; results go to stdout. Exit codes are
 * the beatsim_exit values: 0 success, 1 internal failure, 2 bad input or
 * usage.
 */
#include "city.h"
#include "mmc.h"
#include "report.h"
#include "roster.h"
#include "scenario.h"
#include "sim_stats.h"
#include "version.h"
#include "world.h"

#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum beatsim_exit {
    EXIT_OK = 0,       /* success */
    EXIT_INTERNAL = 1, /* internal failure (out of memory, I/O) */
    EXIT_USAGE = 2     /* bad input or usage */
} beatsim_exit;

static const char *progname = "beatsim";

typedef struct command {
    const char *name;                 /* subcommand word */
    int (*fn)(int argc, char **argv); /* argv[0] is the subcommand */
    const char *summary;              /* one line for --help */
    const char *help;                 /* full text for `help NAME` */
} command;

/* ---- argument helpers ------------------------------------------------------ */

/* Parses a whole number in [lo, hi]; on failure prints one message naming
 * the flag, what was expected and what was found, and returns -1. */
static int parse_u64(const char *flag, const char *s, unsigned long long lo,
                     unsigned long long hi, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *s == '-' || *end != '\0' || errno || v < lo || v > hi) {
        fprintf(stderr, "%s: %s: expected a whole number from %llu to %llu, "
                        "found '%s'\n", progname, flag, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* Parses a finite real in the open interval (lo, hi) or [lo, hi) when
 * lo_closed; same error contract as parse_u64. */
static int parse_real(const char *flag, const char *s, double lo, int lo_closed,
                      double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    int ok = *s != '\0' && *end == '\0' && !errno && isfinite(v) &&
             (lo_closed ? v >= lo : v > lo) && v < hi;
    if (!ok) {
        if (isfinite(hi))
            fprintf(stderr, "%s: %s: expected a number %s %g and < %g, found '%s'\n",
                    progname, flag, lo_closed ? ">=" : ">", lo, hi, s);
        else
            fprintf(stderr, "%s: %s: expected a number %s %g, found '%s'\n",
                    progname, flag, lo_closed ? ">=" : ">", lo, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* Returns the value after flag argv[*i], advancing *i, or NULL with a
 * message when it is missing. */
static const char *flag_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "%s: %s: expected a value after it, found nothing\n",
                progname, argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* ---- beatsim mmc -------------------------------------------------------------- */

static const char mmc_help[] =
    "usage: beatsim mmc [--servers C] [--rho R] [--service-min M]\n"
    "                   [--reps N] [--seed S] [--warmup-min W] [--length-min L]\n"
    "\n"
    "Runs the M/M/c reference queue on the simulation engine and compares it\n"
    "with Erlang C: C servers, Poisson arrivals, exponential service with\n"
    "mean M minutes, utilisation R = lambda M / C. Prints, per measure, the\n"
    "mean over N independent replications with its 95 % Student-t\n"
    "confidence interval, and the theoretical value.\n"
    "\n"
    "  --servers C      servers (default 10)\n"
    "  --rho R          utilisation, 0 < R < 1 (default 0.9)\n"
    "  --service-min M  mean service time, minutes (default 30)\n"
    "  --reps N         replications (default 10)\n"
    "  --seed S         master seed (default 1)\n"
    "  --warmup-min W   warm-up discarded per replication, minutes\n"
    "                   (default 1000 mean service times)\n"
    "  --length-min L   observed length per replication, minutes\n"
    "                   (default 100000 mean service times)\n";

static int cmd_mmc(int argc, char **argv)
{
    unsigned long long servers = 10, reps = 10, seed = 1;
    double rho = 0.9, service_min = 30, warmup = NAN, length = NAN;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(mmc_help, stdout);
            return EXIT_OK;
        }
        if (!strcmp(a, "--servers") || !strcmp(a, "--reps") ||
            !strcmp(a, "--seed") || !strcmp(a, "--rho") ||
            !strcmp(a, "--service-min") || !strcmp(a, "--warmup-min") ||
            !strcmp(a, "--length-min")) {
            if (!(v = flag_value(argc, argv, &i)))
                return EXIT_USAGE;
        } else {
            fprintf(stderr, "%s: mmc: unknown option '%s' (see 'beatsim help mmc')\n",
                    progname, a);
            return EXIT_USAGE;
        }
        int bad = 0;
        if (!strcmp(a, "--servers"))
            bad = parse_u64(a, v, 1, 100000, &servers);
        else if (!strcmp(a, "--reps"))
            bad = parse_u64(a, v, 2, 1000000, &reps);
        else if (!strcmp(a, "--seed"))
            bad = parse_u64(a, v, 0, UINT64_MAX, &seed);
        else if (!strcmp(a, "--rho"))
            bad = parse_real(a, v, 0, 0, 1, &rho);
        else if (!strcmp(a, "--service-min"))
            bad = parse_real(a, v, 0, 0, INFINITY, &service_min);
        else if (!strcmp(a, "--warmup-min"))
            bad = parse_real(a, v, 0, 1, INFINITY, &warmup);
        else
            bad = parse_real(a, v, 0, 0, INFINITY, &length);
        if (bad)
            return EXIT_USAGE;
    }
    mmc_params p = {
        .servers = (unsigned)servers,
        .service_rate = 1.0 / service_min,
        .arrival_rate = rho * (double)servers / service_min,
        .warmup_min = isnan(warmup) ? 1000 * service_min : warmup,
        .length_min = isnan(length) ? 100000 * service_min : length,
        .seed = seed,
    };
    mmc_theory th;
    mmc_erlang_c(p.servers, p.arrival_rate, p.service_rate, &th);

    enum { M_PWAIT, M_WAIT, M_QUEUE, M_UTIL, M_P90, NM };
    double *v = malloc(reps * NM * sizeof *v);
    if (!v) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_INTERNAL;
    }
    printf("beatsim %s: M/M/%llu reference queue, rho %.4g, mean service %g min,\n"
           "%llu replications of %g min after %g min warm-up, seed %llu\n\n",
           BEATSIM_VERSION, servers, rho, service_min, reps, p.length_min,
           p.warmup_min, seed);
    for (unsigned long long r = 0; r < reps; r++) {
        mmc_result res;
        p.replication = r;
        if (mmc_run(&p, &res) != 0) {
            fprintf(stderr, "%s: mmc: replication %llu failed (out of memory)\n",
                    progname, r);
            free(v);
            return EXIT_INTERNAL;
        }
        double *row = v + r * NM;
        row[M_PWAIT] = res.p_wait;
        row[M_WAIT] = res.wait_mean_min;
        row[M_QUEUE] = res.queue_mean;
        row[M_UTIL] = res.utilisation;
        row[M_P90] = res.wait_p90_min;
    }
    static const char *names[NM] = {"wait_probability_share", "wait_mean_min",
                                    "queue_mean_calls", "utilisation_share",
                                    "wait_p90_min"};
    /* P(W > t) = C exp(-(c mu - lambda) t) for t > 0 gives the p90 wait. */
    double p90 = th.p_wait > 0.1
                     ? log(th.p_wait / 0.1) / (p.servers * p.service_rate - p.arrival_rate)
                     : 0.0;
    double theory[NM] = {th.p_wait, th.wait_mean_min, th.queue_mean,
                         th.utilisation, p90};
    printf("%-24s %12s %25s %12s\n", "metric", "simulated", "95% CI", "Erlang C");
    for (int m = 0; m < NM; m++) {
        sim_ci ci = sim_ci_compute(v + m, NM, reps, 0.05);
        printf("%-24s %12.5g   [%10.5g, %10.5g] %12.5g\n", names[m], ci.mean,
               ci.low, ci.high, theory[m]);
    }
    free(v);
    return EXIT_OK;
}

/* ---- beatsim run -------------------------------------------------------------- */

static const char run_help[] =
    "usage: beatsim run [SCENARIO.cfg] [--reps N] [--seed S] [--days D]\n"
    "                   [--out DIR] [--force] [--quiet]\n"
    "\n"
    "Runs the police world: the scenario file, or the built-in default city\n"
    "of about 1,000,000 residents when no file is given. Prints a summary\n"
    "table (means over the replications with 95 % Student-t confidence\n"
    "intervals when N >= 2) and writes CSV files to the results folder.\n"
    "\n"
    "  --reps N     replications (default: the scenario's run.reps, 1)\n"
    "  --seed S     master seed (default: the scenario's run.seed, 1)\n"
    "  --days D     observed days per replication after the warm-up\n"
    "               (default: the scenario's run.days, 365)\n"
    "  --out DIR    results folder (default results/<scenario name>)\n"
    "  --force      replace an existing results folder\n"
    "  --quiet      no progress lines on stderr\n"
    "\n"
    "Results: summary.csv, replications.csv, by_hour.csv, by_beat.csv and\n"
    "manifest; see docs/model.md. Scenario settings: docs/model.md.\n";

/* Joins argv into one line for the manifest. */
static char *join_args(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

static int cmd_run(int argc, char **argv)
{
    const char *file = NULL, *out = NULL;
    unsigned long long reps = 0, seed = 0;
    int have_seed = 0, force = 0, quiet = 0;
    double days = NAN;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(run_help, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--force")) {
            force = 1;
        } else if (!strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--reps") || !strcmp(a, "--seed") || !strcmp(a, "--days") ||
                   !strcmp(a, "--out")) {
            if (!(v = flag_value(argc, argv, &i)))
                return EXIT_USAGE;
            int bad = 0;
            if (!strcmp(a, "--reps"))
                bad = parse_u64(a, v, 1, 1000000, &reps);
            else if (!strcmp(a, "--seed"))
                bad = parse_u64(a, v, 0, UINT64_MAX, &seed), have_seed = 1;
            else if (!strcmp(a, "--days"))
                bad = parse_real(a, v, 0, 0, 1e5 + 1e-9, &days);
            else
                out = v;
            if (bad)
                return EXIT_USAGE;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: run: unknown option '%s' (see 'beatsim help run')\n",
                    progname, a);
            return EXIT_USAGE;
        } else if (file) {
            fprintf(stderr, "%s: run: expected one scenario file, found a second: '%s'\n",
                    progname, a);
            return EXIT_USAGE;
        } else {
            file = a;
        }
    }

    scenario s;
    if (file) {
        if (scenario_load(&s, file, stderr) != 0)
            return EXIT_USAGE;
    } else {
        scenario_defaults(&s);
    }
    if (reps)
        s.reps = (int)reps;
    if (have_seed)
        s.seed = seed;
    if (!isnan(days))
        s.days = days;

    char outbuf[4096];
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "results/%s", s.name);
        out = outbuf;
    }
    struct stat st;
    if (!force && stat(out, &st) == 0) {
        fprintf(stderr, "%s: %s: results folder exists; use --force to replace it "
                        "or --out to choose another\n", progname, out);
        scenario_free(&s);
        return EXIT_USAGE;
    }

    city c;
    roster r;
    if (city_build(&c, &s, stderr) != 0) {
        scenario_free(&s);
        return EXIT_USAGE;
    }
    if (roster_build(&r, &s, &c, stderr) != 0) {
        city_free(&c);
        scenario_free(&s);
        return EXIT_USAGE;
    }
    printf("beatsim %s: scenario %s (%s)\n"
           "%zu stations, %zu beats, %.0f residents, %zu officers; %d incident types\n"
           "%d replication%s of %g days after %g days warm-up, seed %llu\n\n",
           BEATSIM_VERSION, s.name, s.source, c.nstations, c.nbeats, c.residents, r.n,
           s.ntypes, s.reps, s.reps == 1 ? "" : "s", s.days, s.warmup_days,
           (unsigned long long)s.seed);
    fflush(stdout);

    int rc = EXIT_OK;
    int progress = !quiet && isatty(STDERR_FILENO);
    world_result *res = calloc((size_t)s.reps, sizeof *res);
    char *cmdline = join_args(argc + 1, argv - 1);
    size_t done = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!res || !cmdline) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc = EXIT_INTERNAL;
    }
    for (; rc == EXIT_OK && done < (size_t)s.reps; done++) {
        if (world_run(&s, &c, &r, done, &res[done]) != 0) {
            fprintf(stderr, "%s: run: replication %zu failed: out of memory\n", progname,
                    done);
            rc = EXIT_INTERNAL;
            break;
        }
        if (progress) {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double el = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
            fprintf(stderr, "\r%s: replication %zu/%d, %.1f s elapsed, about %.0f s left  ",
                    progname, done + 1, s.reps, el,
                    el / (double)(done + 1) * (double)((size_t)s.reps - done - 1));
        }
    }
    if (progress)
        fputc('\n', stderr);
    if (rc == EXIT_OK) {
        report_run run = {&s, &c, res, (size_t)s.reps, cmdline};
        report_summary(stdout, &run);
        int wr = report_write(out, force, &run, stderr);
        if (wr == 0)
            printf("\nresults: %s/\n", out);
        else
            rc = wr == 2 ? EXIT_USAGE : EXIT_INTERNAL;
    }
    for (size_t k = 0; res && k < done; k++)
        world_result_free(&res[k]);
    free(res);
    free(cmdline);
    roster_free(&r);
    city_free(&c);
    scenario_free(&s);
    return rc;
}

/* ---- help and dispatch ------------------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const command commands[] = {
    {"run", cmd_run, "run a scenario (default: the built-in city) and write results",
     run_help},
    {"mmc", cmd_mmc, "run the M/M/c reference queue and compare with Erlang C",
     mmc_help},
    {"help", cmd_help, "show help for a command",
     "usage: beatsim help [COMMAND]\n"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: beatsim COMMAND [OPTIONS]\n"
               "       beatsim --help | --version\n\n"
               "beatsim is a discrete-event simulator of police deployment.\n\n"
               "commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'beatsim help COMMAND' for a command's options.\n"
               "Exit codes: 0 success, 1 internal failure, 2 bad input or usage.\n");
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "%s: help: unknown command '%s'\n", progname, argv[1]);
        return EXIT_USAGE;
    }
    fputs(c->help, stdout);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("beatsim %s\n", BEATSIM_VERSION);
        return EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "%s: unknown command '%s' (see 'beatsim --help')\n",
                progname, argv[1]);
        return EXIT_USAGE;
    }
    return c->fn(argc - 1, argv + 1);
}
