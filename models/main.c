/* main.c - the beatsim command line: parses, calls, reports.
 *
 * Subcommands live in the commands[] table. Messages go to stderr,
 * prefixed with the program name; results go to stdout. Exit codes are
 * the beatsim_exit values: 0 success, 1 internal failure, 2 bad input or
 * usage.
 */
#include "mmc.h"
#include "sim_stats.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BEATSIM_VERSION "0.1.0"

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

/* ---- help and dispatch ------------------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const command commands[] = {
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
