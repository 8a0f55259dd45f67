/* main.c - the beatsim command line: parses, calls, reports.
 *
 * Subcommands live in the commands[] table. Messages go to stderr,
 * prefixed with the program name; results go to stdout. Exit codes are
 * the beatsim_exit values: 0 success, 1 internal failure, 2 bad input or
 * usage.
 */
#include "experiment.h"
#include "figures.h"
#include "fit_cli.h"
#include "hypercube.h"
#include "mmc.h"
#include "report.h"
#include "sim_stats.h"
#include "allocate.h"
#include "staff_report.h"
#include "version.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
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
    EXIT_USAGE = 2,    /* bad input or usage */
    EXIT_UNMET = 3     /* beatsim staff: a target not met (results written) */
} beatsim_exit;

static const char *progname = "beatsim";

typedef struct command {
    const char *name;                 /* subcommand word */
    int (*fn)(int argc, char **argv); /* argv[0] is the subcommand */
    const char *summary;              /* one line for --help */
    const char *help;                 /* full text for `help NAME` */
} command;

/* ---- argument helpers ------------------------------------------------------ */

/* Parses a whole number in [lo, hi], written in decimal digits only (no
 * sign, space or 0x, as in a scenario file's --set); on failure prints
 * one message naming the flag, what was expected and what was found, and
 * returns -1. */
static int parse_u64(const char *flag, const char *s, unsigned long long lo,
                     unsigned long long hi, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!isdigit((unsigned char)*s) || *end != '\0' || errno || v < lo || v > hi) {
        char shown[SCENARIO_SHOW_SIZE];
        fprintf(stderr, "%s: %s: expected a whole number from %llu to %llu, "
                        "found '%s'\n", progname, flag, lo, hi, scenario_show(s, shown));
        return -1;
    }
    *out = v;
    return 0;
}

/* 1 if s is a decimal number: an optional sign, digits with an optional
 * point (or a point and digits), an optional exponent; no space, no hex,
 * no inf or nan (which strtod would take). */
static int decimal(const char *s)
{
    s += *s == '-' || *s == '+';
    size_t d = strspn(s, "0123456789");
    s += d;
    if (*s == '.') {
        size_t f = strspn(s + 1, "0123456789");
        if (!d && !f)
            return 0;
        s += 1 + f;
    } else if (!d) {
        return 0;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        s += *s == '-' || *s == '+';
        size_t e = strspn(s, "0123456789");
        if (!e)
            return 0;
        s += e;
    }
    return *s == '\0';
}

enum { OPEN = 0, CLOSED = 1 };

/* Parses a finite decimal number (see decimal) between lo and hi, each
 * end closed or open (hi INFINITY: none); same error contract as
 * parse_u64. */
static int parse_real(const char *flag, const char *s, double lo, int lo_closed,
                      double hi, int hi_closed, double *out)
{
    errno = 0;
    double v = decimal(s) ? strtod(s, NULL) : NAN;
    int ok = !errno && isfinite(v) && (lo_closed ? v >= lo : v > lo) &&
             (hi_closed ? v <= hi : v < hi);
    if (!ok) {
        char shown[SCENARIO_SHOW_SIZE];
        scenario_show(s, shown);
        if (isfinite(hi))
            fprintf(stderr, "%s: %s: expected a number %s %g and %s %g, found '%s'\n",
                    progname, flag, lo_closed ? ">=" : ">", lo, hi_closed ? "<=" : "<", hi,
                    shown);
        else
            fprintf(stderr, "%s: %s: expected a number %s %g, found '%s'\n",
                    progname, flag, lo_closed ? ">=" : ">", lo, shown);
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

/* Appends override `v` of --set to sets[0 .. cap); -1 after a message
 * when it is no PATH=VALUE or there are too many. */
static int push_set(scenario_set *sets, size_t *n, size_t cap, const char *v)
{
    char shown[SCENARIO_SHOW_SIZE];
    if (!strchr(v, '=')) {
        fprintf(stderr, "%s: --set: expected PATH=VALUE, found '%s'\n", progname,
                scenario_show(v, shown));
        return -1;
    }
    if (*n >= cap) {
        fprintf(stderr, "%s: --set: expected at most %zu overrides, found more\n", progname, cap);
        return -1;
    }
    sets[(*n)++] = (scenario_set){v, "--set"};
    return 0;
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
    "  --service-min M  mean service time, minutes, 0.001 to 1e6 (default 30)\n"
    "  --reps N         replications (default 10)\n"
    "  --seed S         master seed (default 1)\n"
    "  --warmup-min W   warm-up discarded per replication, minutes\n"
    "                   (default 1000 mean service times)\n"
    "  --length-min L   observed length per replication, minutes\n"
    "                   (default 100000 mean service times); warm-up and length\n"
    "                   at most 1e9 customers a replication\n";

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
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: mmc: unknown option '%s' (see 'beatsim help mmc')\n",
                    progname, scenario_show(a, shown));
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
            bad = parse_real(a, v, 0, OPEN, 1, OPEN, &rho);
        else if (!strcmp(a, "--service-min"))
            bad = parse_real(a, v, 0.001, CLOSED, 1e6, CLOSED, &service_min);
        else if (!strcmp(a, "--warmup-min"))
            bad = parse_real(a, v, 0, CLOSED, INFINITY, OPEN, &warmup);
        else
            bad = parse_real(a, v, 0, OPEN, INFINITY, OPEN, &length);
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
    /* A replication's time is its customers: at most 1e9 (about the
       calls limit of a police run, docs/scenarios.md "Limits"). */
    double customers = (p.warmup_min + p.length_min) * p.arrival_rate;
    if (!(customers <= 1e9)) {
        fprintf(stderr, "%s: mmc: --warmup-min and --length-min: expected at most 1e+09 "
                        "customers a replication ((warmup + length) x arrival rate), found "
                        "about %.3g\n", progname, customers);
        return EXIT_USAGE;
    }
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

/* ---- beatsim run and check ------------------------------------------------------ */

static const char run_help[] =
    "usage: beatsim run [SCENARIO.cfg] [--reps N] [--seed S] [--days D]\n"
    "                   [--jobs N] [--set PATH=VALUE]... [--out DIR] [--force]\n"
    "                   [--quiet] [--no-plots] [--causes] [--hypercube] [--calls]\n"
    "\n"
    "Runs every variant of the scenario file (or the built-in default city of\n"
    "about 1,000,000 residents when no file is given, the same as\n"
    "scenarios/default.cfg) for the same replications, prints a summary and\n"
    "writes the results folder. Replication k of every variant sees the same\n"
    "calls wherever the variants do not change them (common random numbers);\n"
    "differences are paired against the baseline variant. The summary leads\n"
    "with the scenario's question and headline measures (its report section,\n"
    "docs/scenarios.md), then the main measures. A sensitivity section runs\n"
    "its design points as the variants (Morris or Sobol'), and the summary,\n"
    "sensitivity.csv and report.html lead with each setting's effect.\n"
    "\n"
    "  --reps N          replications (sets run.reps; file default 1)\n"
    "  --seed S          master seed, 0 to 2^63-1 (sets run.seed; default 1)\n"
    "  --days D          observed days per replication after the warm-up, > 0 and\n"
    "                    <= 100000 (sets run.days; default 365)\n"
    "  --jobs N          threads (default: all cores); results do not depend\n"
    "                    on it\n"
    "  --set PATH=VALUE  override one setting, e.g. --set officers.[0].per=3000\n"
    "                    or --set dispatch.preempt=true (repeatable; checked like\n"
    "                    the file; a variant's own settings come after)\n"
    "  --out DIR         results folder (default results/<scenario name>)\n"
    "  --force           replace an existing results folder (deleting only the\n"
    "                    files beatsim wrote, listed in its manifest)\n"
    "  --quiet           no progress on stderr (shown only on a terminal)\n"
    "  --no-plots        no figures (they need gnuplot; without it the run says\n"
    "                    so in one line and writes everything else)\n"
    "  --causes          also run the baseline with its departures from Erlang C\n"
    "                    switched off one after another (as beatsim analytic\n"
    "                    --causes: staffing.reps replications each, ten times),\n"
    "                    into causes.csv and the report's queueing section\n"
    "  --hypercube       also solve Larson's hypercube model of the baseline's\n"
    "                    stations and blocks of up to 12 units (as beatsim\n"
    "                    analytic --hypercube) into hypercube.csv and the report\n"
    "  --calls           also write calls.csv, one row per observed call (its\n"
    "                    times, place, units, response; as output.calls = true;\n"
    "                    output.calls_replications caps the replications logged)\n"
    "\n"
    "Results: summary.csv, differences.csv, replications.csv, by_hour.csv,\n"
    "by_beat.csv, by_officer.csv, daily.csv, scorecard.csv and\n"
    "scorecard_beats.csv (per station and beat), resolved.cfg (reruns to the\n"
    "same results), manifest, figures/ (PNG and SVG) and report.html (one\n"
    "self-contained page), and calls.csv with --calls; see docs/outputs.md.\n"
    "Settings: docs/scenarios.md.\n"
    "With prevention.scorecard.counterfactual, every variant also runs without\n"
    "prevention work (twice the runs) to count the incidents it prevents.\n"
    "\n"
    "Your own beat map: city.boundaries = \"beats.shp\" (any polygon layer GDAL\n"
    "reads: shapefile, GeoJSON, GeoPackage ...) and optionally city.stations =\n"
    "\"stations.gpkg\" (points, or a CSV of lon/lat); city.layer names the\n"
    "fields (id_field, station_field, residents_field ...). Paths are taken\n"
    "from the scenario file's folder; beats become their polygons, reprojected\n"
    "to local equal-area km (docs/model.md 2, docs/scenarios.md).\n";

static const char plot_help[] =
    "usage: beatsim plot RESULTS_DIR\n"
    "\n"
    "Draws the figures of a results folder again with gnuplot (figures/*.png\n"
    "and *.svg, from its plotdata/) and rewrites its report.html, e.g. after\n"
    "installing gnuplot or editing a script in plots/.\n";

static const char check_help[] =
    "usage: beatsim check SCENARIO.cfg [--set PATH=VALUE]...\n"
    "\n"
    "Reads and checks the scenario file and every variant in it, builds their\n"
    "cities and officers, and reports every problem as\n"
    "FILE:LINE: setting.path: expected ..., found ...  without running\n"
    "anything. Exit code 0 when the file is good, 2 when it is not.\n";

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

/* Options shared by run and check. */
typedef struct run_opts {
    const char *file, *out;
    int force, quiet, no_plots, causes, cube, calls;
    unsigned long long jobs;
    scenario_set sets[260]; /* --set, --reps, --seed, --days, in order */
    char own[3][64];        /* texts made for --reps, --seed, --days */
    size_t nsets;
} run_opts;

/* Parses the options of `run` (check = 0) or `check` (check = 1).
 * Returns -1 when done (help printed), EXIT_USAGE on a bad option, else
 * EXIT_OK. */
static int parse_run(int argc, char **argv, int check, run_opts *o)
{
    memset(o, 0, sizeof *o);
    const char *name = check ? "check" : "run";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(check ? check_help : run_help, stdout);
            return -1;
        }
        if (!check && !strcmp(a, "--force")) {
            o->force = 1;
        } else if (!check && !strcmp(a, "--quiet")) {
            o->quiet = 1;
        } else if (!check && !strcmp(a, "--no-plots")) {
            o->no_plots = 1;
        } else if (!check && !strcmp(a, "--causes")) {
            o->causes = 1;
        } else if (!check && !strcmp(a, "--hypercube")) {
            o->cube = 1;
        } else if (!check && !strcmp(a, "--calls")) {
            o->calls = 1;
        } else if (!strcmp(a, "--set") ||
                   (!check && (!strcmp(a, "--reps") || !strcmp(a, "--seed") ||
                               !strcmp(a, "--days") || !strcmp(a, "--out") ||
                               !strcmp(a, "--jobs")))) {
            if (!(v = flag_value(argc, argv, &i)))
                return EXIT_USAGE;
            unsigned long long u;
            double d;
            if (o->nsets >= sizeof o->sets / sizeof o->sets[0]) {
                fprintf(stderr, "%s: %s: expected at most %zu overrides, found more\n",
                        progname, a, sizeof o->sets / sizeof o->sets[0]);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--set")) {
                if (push_set(o->sets, &o->nsets, sizeof o->sets / sizeof o->sets[0], v) != 0)
                    return EXIT_USAGE;
            } else if (!strcmp(a, "--reps")) {
                if (parse_u64(a, v, 1, 1000000, &u))
                    return EXIT_USAGE;
                snprintf(o->own[0], sizeof o->own[0], "run.reps=%llu", u);
                o->sets[o->nsets++] = (scenario_set){o->own[0], "--reps"};
            } else if (!strcmp(a, "--seed")) {
                if (parse_u64(a, v, 0, INT64_MAX, &u))
                    return EXIT_USAGE;
                snprintf(o->own[1], sizeof o->own[1], "run.seed=%lluL", u);
                o->sets[o->nsets++] = (scenario_set){o->own[1], "--seed"};
            } else if (!strcmp(a, "--days")) {
                if (parse_real(a, v, 0, OPEN, 1e5, CLOSED, &d))
                    return EXIT_USAGE;
                snprintf(o->own[2], sizeof o->own[2], "run.days=%.17g", d);
                o->sets[o->nsets++] = (scenario_set){o->own[2], "--days"};
            } else if (!strcmp(a, "--jobs")) {
                if (parse_u64(a, v, 1, 1024, &o->jobs))
                    return EXIT_USAGE;
            } else {
                if (!*v) {
                    fprintf(stderr, "%s: --out: expected a folder, found ''\n", progname);
                    return EXIT_USAGE;
                }
                o->out = v;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: %s: unknown option '%s' (see 'beatsim help %s')\n",
                    progname, name, scenario_show(a, shown), name);
            return EXIT_USAGE;
        } else if (o->file) {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: %s: expected one scenario file, found a second: '%s'\n",
                    progname, name, scenario_show(a, shown));
            return EXIT_USAGE;
        } else {
            o->file = a;
        }
    }
    if (check && !o->file) {
        fprintf(stderr, "%s: check: expected a scenario file, found nothing\n", progname);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int cmd_check(int argc, char **argv)
{
    run_opts o;
    int rc = parse_run(argc, argv, 1, &o);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    experiment x;
    if (experiment_load(&x, o.file, o.sets, o.nsets, stderr) != 0)
        return EXIT_USAGE;
    printf("%s: ok: %zu variant%s x %zu replication%s; %zu stations, %zu beats; officers:",
           o.file, x.nvar, x.nvar == 1 ? "" : "s", x.reps, x.reps == 1 ? "" : "s",
           x.c[x.plan.baseline].nstations, x.c[x.plan.baseline].nbeats);
    if (x.nvar > 12) { /* a long sweep or a sensitivity design: the range */
        size_t lo = SIZE_MAX, hi = 0, alo = SIZE_MAX, ahi = 0;
        for (size_t v = 0; v < x.nvar; v++) {
            size_t n = x.r[v].nsworn, a = x.r[v].n - x.r[v].nsworn;
            lo = n < lo ? n : lo;
            hi = n > hi ? n : hi;
            alo = a < alo ? a : alo;
            ahi = a > ahi ? a : ahi;
        }
        printf(lo == hi ? " %zu" : " %zu to %zu", lo, hi);
        if (ahi) /* and auxiliary police */
            printf(alo == ahi ? " + %zu auxiliary" : " + %zu to %zu auxiliary", alo, ahi);
        printf(" over the %zu variants\n", x.nvar);
    }
    for (size_t v = 0; v < x.nvar && x.nvar <= 12; v++) {
        printf(" %s %zu", x.plan.v[v].name, x.r[v].nsworn);
        if (x.r[v].n > x.r[v].nsworn) /* and auxiliary police */
            printf(" + %zu auxiliary", x.r[v].n - x.r[v].nsworn);
        fputs(v + 1 < x.nvar ? "," : "\n", stdout);
    }
    experiment_free(&x);
    return EXIT_OK;
}

static int cmd_plot(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(plot_help, stdout);
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: plot: unknown option '%s' (see 'beatsim help plot')\n",
                    progname, scenario_show(argv[i], shown));
            return EXIT_USAGE;
        }
        if (dir) {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: plot: expected one results folder, found a second: '%s'\n",
                    progname, scenario_show(argv[i], shown));
            return EXIT_USAGE;
        }
        dir = argv[i];
    }
    char path[4096];
    struct stat st;
    if (!dir) {
        fprintf(stderr, "%s: plot: expected a results folder, found nothing\n", progname);
        return EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/plotdata/meta.gp", dir);
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: plot: %s: expected a results folder of this version (with "
                        "plotdata/meta.gp), found none\n", progname, dir);
        return EXIT_USAGE;
    }
    figures_status fs = figures_draw(dir, NULL, stderr);
    if (report_html(dir, stderr) != 0 || report_manifest_update(dir, stderr) != 0)
        return EXIT_INTERNAL;
    if (fs != FIGURES_OK)
        return EXIT_INTERNAL;
    printf("figures: %s/figures/\nreport: %s/report.html\n", dir, dir);
    return EXIT_OK;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Ctrl-C and SIGTERM set `interrupted` until restore_signals. */
static void catch_signals(struct sigaction *old_int, struct sigaction *old_term)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, old_int);
    sigaction(SIGTERM, &sa, old_term);
}

static void restore_signals(const struct sigaction *old_int, const struct sigaction *old_term)
{
    sigaction(SIGINT, old_int, NULL);
    sigaction(SIGTERM, old_term, NULL);
}

typedef struct progress_ctx {
    struct timespec t0;
} progress_ctx;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

static void show_progress(size_t done, size_t total, void *ctx)
{
    double el = seconds_since(&((progress_ctx *)ctx)->t0);
    fprintf(stderr, "\r%s: %zu/%zu runs, %.1f s elapsed, about %.0f s left   ", progname,
            done, total, el, el / (double)done * (double)(total - done));
}

static void causes_progress(const char *line, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "%s: causes: %s\n", progname, line);
}

static void iso_now(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tmv;
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tmv));
}

static int cmd_run(int argc, char **argv)
{
    run_opts o;
    int rc = parse_run(argc, argv, 0, &o);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    experiment x;
    if (experiment_load(&x, o.file, o.sets, o.nsets, stderr) != 0)
        return EXIT_USAGE;

    /* The default folder is results/NAME with NAME reduced to letters,
       digits, '-', '_' and '.' (never a path); --out without trailing
       slashes. */
    char outbuf[4096];
    if (!o.out) {
        char name[SCENARIO_NAME_MAX];
        size_t k = 0;
        for (const char *p = x.base.name; *p && k + 1 < sizeof name; p++)
            name[k++] = isalnum((unsigned char)*p) || strchr("-_.", *p) ? *p : '_';
        name[k] = '\0';
        if (!strcmp(name, ".") || !strcmp(name, "..") || !k)
            snprintf(name, sizeof name, "scenario");
        snprintf(outbuf, sizeof outbuf, "results/%s", name);
    } else {
        snprintf(outbuf, sizeof outbuf, "%s", o.out);
        for (size_t k = strlen(outbuf); k > 1 && outbuf[k - 1] == '/'; k--)
            outbuf[k - 1] = '\0';
    }
    o.out = outbuf;
    if (report_check_out(o.out, o.force, stderr) != 0) {
        experiment_free(&x);
        return EXIT_USAGE;
    }
    /* The per-call log (output.calls, --calls): a spool file per run in
       the results folder's temporary folder, joined into calls.csv. */
    if (o.calls && x.plan.sa.on) {
        fprintf(stderr, "%s: %s: --calls: expected a scenario without a sensitivity section "
                        "(its design points are runs for the indices, not calls to read), "
                        "found one\n", progname, x.base.source);
        experiment_free(&x);
        return EXIT_USAGE;
    }
    x.plan.calls |= o.calls;
    char spool[4200];
    if (x.plan.calls) {
        if (report_spool_make(o.out, spool, sizeof spool, stderr) != 0) {
            experiment_free(&x);
            return EXIT_INTERNAL;
        }
        x.calls_dir = spool;
        x.calls_reps = x.plan.calls_reps && x.plan.calls_reps < x.reps ? x.plan.calls_reps
                                                                       : x.reps;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = o.jobs ? (unsigned)o.jobs : cores > 0 ? (unsigned)cores : 1;
    if ((o.causes || o.cube) && staff_planned_group(&x.s[x.plan.baseline]) < 0) {
        fprintf(stderr, "%s: %s: %s: expected a group of officers of role station or "
                        "duty to compare with Erlang C (staffing.group), found none\n",
                progname, x.base.source, o.causes ? "--causes" : "--hypercube");
        experiment_free(&x);
        return EXIT_USAGE;
    }

    const scenario *b = &x.base;
    const city *c = &x.c[x.plan.baseline];
    char aux_text[64] = "";
    size_t naux = x.r[x.plan.baseline].n - x.r[x.plan.baseline].nsworn;
    if (naux)
        snprintf(aux_text, sizeof aux_text, " and %zu auxiliary police", naux);
    printf("beatsim %s: scenario %s (%s)\n"
           "%zu station%s, %zu beat%s, %.0f residents, %zu officer%s%s; %d incident type%s\n"
           "%zu variant%s x %zu replication%s of %g days after %g days warm-up, seed %llu\n\n",
           BEATSIM_VERSION, b->name, b->source, c->nstations, c->nstations == 1 ? "" : "s",
           c->nbeats, c->nbeats == 1 ? "" : "s", c->residents, x.r[x.plan.baseline].nsworn,
           x.r[x.plan.baseline].nsworn == 1 ? "" : "s", aux_text, b->ntypes,
           b->ntypes == 1 ? "" : "s", x.nvar, x.nvar == 1 ? "" : "s", x.reps,
           x.reps == 1 ? "" : "s", b->days, b->warmup_days, (unsigned long long)b->seed);
    fflush(stdout);

    char started[32], finished[32];
    iso_now(started, sizeof started);
    progress_ctx pc;
    clock_gettime(CLOCK_MONOTONIC, &pc.t0);
    int progress = !o.quiet && isatty(STDERR_FILENO);
    struct sigaction old_int, old_term;
    catch_signals(&old_int, &old_term);
    int run = experiment_run(&x, jobs, &interrupted, progress ? show_progress : NULL, &pc);
    if (progress)
        fputc('\n', stderr);
    cause_step steps[CAUSES + 1];
    if (run == 0 && o.causes) {
        staff_opts so = {jobs, &interrupted, progress ? causes_progress : NULL, NULL};
        int cr = causes_run(&x.s[x.plan.baseline], &so, steps, stderr);
        run = cr == 0 ? 0 : cr == 130 ? 1 : cr == 2 ? -3 : -1;
    }
    iso_now(finished, sizeof finished);

    if (run != 0) {
        restore_signals(&old_int, &old_term);
        if (run > 0)
            fprintf(stderr, "%s: run: interrupted after %zu of %zu runs; no results "
                            "written\n", progname, x.nres, x.nruns);
        else if (run == -3)
            fprintf(stderr, "%s: run: --causes: the ladder could not be built (above); no "
                            "results written\n", progname);
        else if (run == -2)
            fprintf(stderr, "%s: %s: variant %s%s, replication %zu: overloaded: %llu calls "
                            "waited for a unit on day %.1f of the run (more than a week of "
                            "its %.0f calls a day): the officers cannot keep up with the "
                            "calls; add officers or lower the rates; no results written\n",
                    progname, x.base.source, x.plan.v[x.over_variant % x.nvar].name,
                    x.over_variant >= x.nvar ? " (counterfactual)" : "", x.over_rep,
                    (unsigned long long)x.over.overload_waiting, x.over.overload_day,
                    x.over.calls_per_day_expected);
        else if (x.calls_failed)
            fprintf(stderr, "%s: %s: cannot write the per-call log: %s; no results written\n",
                    progname, spool, strerror(errno));
        else
            fprintf(stderr, "%s: run: out of memory; no results written\n", progname);
        if (x.calls_dir)
            report_spool_remove(o.out);
        experiment_free(&x);
        return run > 0 ? 130 : run == -2 || run == -3 ? EXIT_USAGE : EXIT_INTERNAL;
    }
    char *cmdline = join_args(argc + 1, argv - 1);
    /* The results first (the signal handlers stay until they are whole:
       a Ctrl-C now removes the unfinished folder), then the summary. */
    report_run rr = {&x, cmdline, started, finished, jobs, !o.no_plots, &interrupted,
                     o.causes ? steps : NULL, o.cube};
    int wr = report_write(o.out, o.force, &rr, stderr);
    if (x.calls_dir && wr != 0) /* what report_write did not take */
        report_spool_remove(o.out);
    restore_signals(&old_int, &old_term);
    if (wr == 130)
        fprintf(stderr, "%s: run: interrupted while writing the results; none written\n",
                progname);
    if (wr == 0) {
        report_summary(stdout, &rr);
        printf("\nresults: %s/\n", o.out);
    }
    free(cmdline);
    experiment_free(&x);
    return wr == 0 ? EXIT_OK : wr == 2 ? EXIT_USAGE : wr == 130 ? 130 : EXIT_INTERNAL;
}

/* ---- beatsim staff and beatsim analytic ------------------------------------------ */

static const char staff_help[] =
    "usage: beatsim staff SCENARIO.cfg [--targets T1,T2,...] [--budget B]\n"
    "                     [--set PATH=VALUE]... [--reps N] [--out DIR] [--force]\n"
    "                     [--jobs N] [--quiet]\n"
    "\n"
    "Finds the fewest officers of one group (staffing.group; default the first\n"
    "group of role station or duty) on duty per station and hour block\n"
    "(staffing.blocks_h, staffing.weekdays) that meet every target: it starts\n"
    "from Erlang C per station and block, then simulates the plan with the same\n"
    "replications each time, adds an officer where a target is not confirmed\n"
    "at 95 %% confidence and removes one where the targets hold without it.\n"
    "\n"
    "A target is MEASURE=VALUE, optionally @block (in every station and hour\n"
    "block, the default) or @station (per station over the whole week):\n"
    "  pNN_pK=T   at least NN %% of priority-K car calls reached within T min\n"
    "  mean_pK=T  mean response of priority K at most T min\n"
    "  pwait=X    share of car calls that found no unit free at most X\n"
    "  util=X     busy share of the station's unit time at most X\n"
    "  gap=X      share of beat-hours with nobody there at most X\n"
    "e.g. --targets p90_p1=15,pwait=0.2 (these replace staffing.targets).\n"
    "\n"
    "Budget mode (--budget, or staffing.mode = \"budget\"): spreads a headcount of\n"
    "the group over stations and blocks so that the objective (staffing.objective:\n"
    "\"wait\", car calls' minutes waiting for a unit a week, or \"late\", car calls\n"
    "reached after staffing.objective_min; each priority weighted by\n"
    "staffing.weights) is smallest: one officer at a time where Erlang C says the\n"
    "objective falls most, then Erlang C corrected cell by cell by simulation\n"
    "until the plan repeats; prints what the plan buys against today's staffing\n"
    "on the same replications, and writes budget.csv. Targets, if any, are\n"
    "checked but not required.\n"
    "\n"
    "Writes DIR (default results/NAME-staff): plan.cfg (the scenario with the\n"
    "plan: 'beatsim run DIR/plan.cfg' reruns it), staffing.csv (today, Erlang C\n"
    "and the plan per station and block), targets.csv, analytic.csv and a\n"
    "manifest; prints officers per station and the headcount the plan needs.\n"
    "Exit code 0 when every target is met, 3 when the search stopped at\n"
    "staffing.max_on_duty or ran out of rounds before meeting them (the folder\n"
    "is written and says where), 2 for bad input.\n"
    "\n"
    "  --targets LIST  targets, comma-separated (see above)\n"
    "  --budget B      budget mode: B officers of the group, +N / -N officers more\n"
    "                  or fewer than today's, or 'today' (today's, reallocated)\n"
    "  --set PATH=V    override a scenario setting (as in beatsim run)\n"
    "  --reps N        replications per evaluation (staffing.reps, default 10)\n"
    "  --out DIR       results folder\n"
    "  --force         replace an existing results folder\n"
    "  --jobs N        threads (default: all cores)\n"
    "  --quiet         no progress lines\n";

static const char analytic_help[] =
    "usage: beatsim analytic SCENARIO.cfg [--set PATH=VALUE]... [--reps N]\n"
    "                        [--jobs N] [--no-sim] [--causes | --hypercube]\n"
    "                        [--max-units N] [--quiet]\n"
    "\n"
    "Prints, as CSV, the Erlang C model of every station and hour block\n"
    "(staffing.blocks_h): car calls an hour, the planned group's officers on\n"
    "duty today, units serving, utilisation, P(wait), the mean wait and response\n"
    "of priority 1 -- and beside them the same measures simulated with today's\n"
    "staffing (staffing.reps replications; --no-sim leaves them out). Columns:\n"
    "docs/outputs.md \"analytic.csv\".\n"
    "\n"
    "--causes prints instead why the two differ: the simulation rerun on the same\n"
    "replications with its departures from Erlang C's model switched off one\n"
    "after another (proactive work; desk work and breaks; the patrol tier; help\n"
    "across stations, reserve and pre-emption; absences; two-unit calls; travel\n"
    "and dispatch delay; demand varying inside a block; the shape of service\n"
    "times), each step beside Erlang C for the scenario as changed so far, over\n"
    "the cells where Erlang C is stable: P(wait), mean wait, priority 1's mean\n"
    "wait and utilisation with 95 %% intervals. Columns: docs/outputs.md\n"
    "\"causes.csv\"; the model: docs/model.md \"Why the simulation and Erlang C\n"
    "differ\".\n"
    "\n"
    "--hypercube prints instead Larson's hypercube model of every station and\n"
    "block with at most --max-units units on duty (default 12, at most 16):\n"
    "the units at their bases (the station, beat officers' beats), each beat's\n"
    "calls sent by the scenario's dispatch policy to the first free unit of its\n"
    "preference list; P(wait), the share of calls answered from another base\n"
    "than the first preference's and by the beat's own officer, the least and\n"
    "most busy base, beside the simulated P(wait) and own-beat share\n"
    "(docs/outputs.md \"hypercube.csv\").\n"
    "\n"
    "  --set PATH=V    override a scenario setting (as in beatsim run)\n"
    "  --reps N        replications (staffing.reps, default 10)\n"
    "  --jobs N        threads (default: all cores)\n"
    "  --no-sim        the models only, no simulation\n"
    "  --causes        the ladder of causes (ten simulations)\n"
    "  --hypercube     the hypercube model per station and block\n"
    "  --max-units N   --hypercube: largest station solved (1 to 16, default 12)\n"
    "  --quiet         no progress lines (--causes)\n";

/* Options of staff and analytic. */
typedef struct staff_cli {
    const char *file, *out, *targets, *budget;
    int force, quiet, no_sim, causes, cube;
    unsigned long long jobs, reps, max_units;
    scenario_set sets[256];
    size_t nsets;
} staff_cli;

static int parse_staff(int argc, char **argv, int analytic, staff_cli *o)
{
    memset(o, 0, sizeof *o);
    const char *name = analytic ? "analytic" : "staff";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        char shown[SCENARIO_SHOW_SIZE];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(analytic ? analytic_help : staff_help, stdout);
            return -1;
        }
        if (!analytic && !strcmp(a, "--force")) {
            o->force = 1;
        } else if (!strcmp(a, "--quiet")) {
            o->quiet = 1;
        } else if (analytic && !strcmp(a, "--no-sim")) {
            o->no_sim = 1;
        } else if (analytic && !strcmp(a, "--causes")) {
            o->causes = 1;
        } else if (analytic && !strcmp(a, "--hypercube")) {
            o->cube = 1;
        } else if (!strcmp(a, "--set") || !strcmp(a, "--reps") || !strcmp(a, "--jobs") ||
                   (analytic && !strcmp(a, "--max-units")) ||
                   (!analytic && (!strcmp(a, "--targets") || !strcmp(a, "--out") ||
                                  !strcmp(a, "--budget")))) {
            if (!(v = flag_value(argc, argv, &i)))
                return EXIT_USAGE;
            if (!strcmp(a, "--set")) {
                if (push_set(o->sets, &o->nsets, sizeof o->sets / sizeof o->sets[0], v) != 0)
                    return EXIT_USAGE;
            } else if (!strcmp(a, "--reps")) {
                if (parse_u64(a, v, 2, 1000, &o->reps))
                    return EXIT_USAGE;
            } else if (!strcmp(a, "--jobs")) {
                if (parse_u64(a, v, 1, 64, &o->jobs))
                    return EXIT_USAGE;
            } else if (!strcmp(a, "--max-units")) {
                if (parse_u64(a, v, 1, HYPERCUBE_UNITS_MAX, &o->max_units))
                    return EXIT_USAGE;
            } else if (!strcmp(a, "--targets")) {
                o->targets = v;
            } else if (!strcmp(a, "--budget")) {
                o->budget = v;
            } else {
                if (!*v) {
                    fprintf(stderr, "%s: --out: expected a folder, found ''\n", progname);
                    return EXIT_USAGE;
                }
                o->out = v;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s: %s: unknown option '%s' (see 'beatsim help %s')\n", progname,
                    name, scenario_show(a, shown), name);
            return EXIT_USAGE;
        } else if (o->file) {
            fprintf(stderr, "%s: %s: expected one scenario file, found a second: '%s'\n",
                    progname, name, scenario_show(a, shown));
            return EXIT_USAGE;
        } else {
            o->file = a;
        }
    }
    if (!o->file) {
        fprintf(stderr, "%s: %s: expected a scenario file, found nothing\n", progname, name);
        return EXIT_USAGE;
    }
    if (o->no_sim && o->causes) {
        fprintf(stderr, "%s: analytic: --causes: expected a simulation, found --no-sim too\n",
                progname);
        return EXIT_USAGE;
    }
    if (o->causes && o->cube) {
        fprintf(stderr, "%s: analytic: --causes: expected one of --causes and --hypercube, "
                        "found both\n", progname);
        return EXIT_USAGE;
    }
    if (o->max_units && !o->cube) {
        fprintf(stderr, "%s: analytic: --max-units: expected --hypercube with it, found "
                        "none\n", progname);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Loads the scenario of staff or analytic, with --targets and --reps.
 * Returns 0, or EXIT_USAGE after a message. */
static int load_staff(const staff_cli *o, scenario *s)
{
    if (scenario_load_set(s, o->file, o->sets, o->nsets, stderr) != 0)
        return EXIT_USAGE;
    staffing_params *p = &s->staffing;
    if (o->reps)
        p->reps = (int)o->reps;
    if (o->budget) {
        const char *v = o->budget;
        unsigned long long n = 0;
        char *end;
        int sign = *v == '+' ? 1 : *v == '-' ? -1 : 0;
        const char *digits = v + (sign != 0);
        errno = 0;
        if (strcmp(v, "today") != 0)
            n = strtoull(digits, &end, 10);
        if (strcmp(v, "today") != 0 &&
            (!isdigit((unsigned char)*digits) || *end || errno || n > 10000000 ||
             (!sign && n == 0))) {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(stderr, "%s: --budget: expected a headcount from 1 to 10000000, +N or -N "
                            "officers more or fewer than today's, or 'today', found '%s'\n",
                    progname, scenario_show(v, shown));
            scenario_free(s);
            return EXIT_USAGE;
        }
        p->mode = STAFF_MODE_BUDGET;
        p->budget = sign ? 0 : (double)n;
        p->budget_extra = sign ? sign * (double)n : 0;
    }
    if (o->targets) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", o->targets);
        if (strlen(o->targets) >= sizeof buf) {
            fprintf(stderr, "%s: --targets: expected at most %zu characters, found %zu\n",
                    progname, sizeof buf - 1, strlen(o->targets));
            scenario_free(s);
            return EXIT_USAGE;
        }
        p->ntargets = 0;
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            char msg[256];
            if (p->ntargets >= STAFF_TARGETS_MAX) {
                fprintf(stderr, "%s: --targets: expected at most %d targets, found more\n",
                        progname, STAFF_TARGETS_MAX);
                scenario_free(s);
                return EXIT_USAGE;
            }
            if (staffing_target_parse(tok, &p->targets[p->ntargets], msg, sizeof msg) != 0) {
                fprintf(stderr, "%s: --targets: target %d: %s\n", progname, p->ntargets + 1,
                        msg);
                scenario_free(s);
                return EXIT_USAGE;
            }
            p->ntargets++;
        }
    }
    if ((o->targets || o->budget) && scenario_check(s, stderr) != 0) {
        scenario_free(s);
        return EXIT_USAGE;
    }
    return 0;
}

static void staff_progress(const char *line, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "%s: staff: %s\n", progname, line);
}

static unsigned default_jobs(unsigned long long jobs)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return jobs ? (unsigned)jobs : cores > 0 ? (unsigned)cores : 1;
}

static int cmd_staff(int argc, char **argv)
{
    staff_cli o;
    int rc = parse_staff(argc, argv, 0, &o);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    scenario s;
    if ((rc = load_staff(&o, &s)) != 0)
        return rc;
    char out[4096];
    if (o.out) {
        snprintf(out, sizeof out, "%s", o.out);
        for (size_t k = strlen(out); k > 1 && out[k - 1] == '/'; k--)
            out[k - 1] = '\0';
    } else {
        char name[SCENARIO_NAME_MAX];
        size_t k = 0;
        for (const char *p = s.name; *p && k + 1 < sizeof name; p++)
            name[k++] = isalnum((unsigned char)*p) || strchr("-_.", *p) ? *p : '_';
        name[k] = '\0';
        snprintf(out, sizeof out, "results/%s-staff", k ? name : "scenario");
    }
    if (report_check_out(out, o.force, stderr) != 0) {
        scenario_free(&s);
        return EXIT_USAGE;
    }
    struct sigaction old_int, old_term;
    catch_signals(&old_int, &old_term);
    staff_opts so = {default_jobs(o.jobs), &interrupted, o.quiet ? NULL : staff_progress, NULL};
    const staffing_params *sp = &s.staffing;
    if (sp->mode == STAFF_MODE_BUDGET) {
        char what[64];
        if (sp->budget > 0)
            snprintf(what, sizeof what, "%g officers", sp->budget);
        else if (sp->budget_extra != 0)
            snprintf(what, sizeof what, "today's headcount %+g officers", sp->budget_extra);
        else
            snprintf(what, sizeof what, "today's headcount");
        printf("beatsim %s: staff %s (%s): budget of %s, objective %s (weights %g, %g, %g), "
               "%d block%s a %s, %d replications of %g days each\n", BEATSIM_VERSION, s.name,
               s.source, what, staff_objective_names[sp->objective], sp->weights[0],
               sp->weights[1], sp->weights[2], sp->nblocks, sp->nblocks == 1 ? "" : "s",
               sp->weekdays ? "day" : "day, every day", sp->reps, s.days);
    } else {
        printf("beatsim %s: staff %s (%s): %d target%s, %d block%s a %s, %d replications of "
               "%g days each\n", BEATSIM_VERSION, s.name, s.source, sp->ntargets,
               sp->ntargets == 1 ? "" : "s", sp->nblocks, sp->nblocks == 1 ? "" : "s",
               sp->weekdays ? "day" : "day, every day", sp->reps, s.days);
    }
    fflush(stdout);
    staff_result r;
    int sr = s.staffing.mode == STAFF_MODE_BUDGET ? alloc_search(&s, &so, &r, stderr)
                                                   : staff_search(&s, &so, &r, stderr);
    city c;
    int wr = sr;
    if (sr == 0) {
        if (city_build(&c, &s, stderr) != 0) {
            wr = 2;
        } else {
            char *cmdline = join_args(argc + 1, argv - 1);
            wr = staff_write(out, o.force, &s, &c, &r, &r.demand, cmdline, &interrupted,
                             stderr);
            free(cmdline);
            city_free(&c);
        }
    }
    restore_signals(&old_int, &old_term);
    if (sr == 130 || wr == 130)
        fprintf(stderr, "%s: staff: interrupted; no results written\n", progname);
    rc = sr == 130 || wr == 130 ? 130 : sr == 2 || wr == 2 ? EXIT_USAGE
                                      : sr != 0 || wr != 0 ? EXIT_INTERNAL : EXIT_OK;
    if (rc == EXIT_OK) {
        staff_summary(stdout, &s, &r);
        if (r.status == STAFF_CAPPED) {
            int k = r.cap_cell, nb = s.staffing.nblocks, b = k % nb;
            static const char *const days[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                "Friday", "Saturday", "Sunday"};
            fprintf(stderr, "%s: staff: %s: target \"%s\" is not met in station %s, %s %02d:00-"
                            "%02d:00, even with staffing.max_on_duty = %d officers on duty "
                            "(estimate %.4g there); raise the cap or relax the target\n",
                    progname, s.source, s.staffing.targets[r.cap_target].text,
                    r.station[r.cap_station], s.staffing.weekdays ? days[k / nb] : "every day",
                    s.staffing.block_h[b], b + 1 < nb ? s.staffing.block_h[b + 1] : 24,
                    s.staffing.max_on_duty, r.cap_est);
            rc = EXIT_UNMET;
        } else if (r.status == STAFF_UNMET && r.budget.on) {
            fprintf(stderr, "%s: staff: %s: a budget of %g officers cannot keep up with the "
                            "calls (the simulation's backlog outgrew every plan tried); raise "
                            "the budget\n", progname, s.source, r.budget.officers);
            rc = EXIT_UNMET;
        } else if (r.status == STAFF_UNMET) {
            fprintf(stderr, "%s: staff: %s: staffing.rounds (%d) ran out before every target "
                            "was confirmed; raise it, or --reps for tighter bounds\n",
                    progname, s.source, s.staffing.rounds);
            rc = EXIT_UNMET;
        }
        printf("\nresults: %s/\n", out);
    }
    if (sr == 0)
        staff_result_free(&r);
    scenario_free(&s);
    return rc;
}

/* beatsim analytic --causes: the ladder to standard output. */
static int analytic_causes(const staff_cli *o, const scenario *s)
{
    struct sigaction old_int, old_term;
    catch_signals(&old_int, &old_term);
    staff_opts so = {default_jobs(o->jobs), &interrupted, o->quiet ? NULL : causes_progress,
                     NULL};
    cause_step steps[CAUSES + 1];
    int rc = causes_run(s, &so, steps, stderr);
    restore_signals(&old_int, &old_term);
    if (rc == 130) {
        fprintf(stderr, "%s: analytic: interrupted; nothing printed\n", progname);
        return 130;
    }
    if (rc != 0)
        return rc == 2 ? EXIT_USAGE : EXIT_INTERNAL;
    return causes_csv(stdout, steps) == 0 && fflush(stdout) == 0 ? EXIT_OK : EXIT_INTERNAL;
}

/* beatsim analytic --hypercube: hypercube.csv to standard output. */
static int analytic_cube(const staff_cli *o, const scenario *s, const city *c, const roster *r,
                         const analytic_demand *d, const world_cell *sim)
{
    size_t SK = c->nstations * (size_t)d->ncells;
    cube_cell *cells = calloc(SK + 1, sizeof *cells);
    int max = o->max_units ? (int)o->max_units : CUBE_UNITS_DEFAULT;
    if (!cells || cube_solve(s, c, r, d, max, cells) != 0) {
        free(cells);
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_INTERNAL;
    }
    int rc = cube_csv(stdout, s, c, d, cells, sim) == 0 ? EXIT_OK : EXIT_INTERNAL;
    free(cells);
    return rc;
}

static int cmd_analytic(int argc, char **argv)
{
    staff_cli o;
    int rc = parse_staff(argc, argv, 1, &o);
    if (rc != EXIT_OK)
        return rc < 0 ? EXIT_OK : rc;
    scenario s;
    if ((rc = load_staff(&o, &s)) != 0)
        return rc;
    if (o.causes) {
        rc = analytic_causes(&o, &s);
        scenario_free(&s);
        return rc;
    }
    int g = staff_planned_group(&s);
    city c;
    roster r;
    if (g < 0) {
        fprintf(stderr, "%s: %s: staffing.group: expected a group of officers of role station "
                        "or duty, found none\n", progname, s.source);
        scenario_free(&s);
        return EXIT_USAGE;
    }
    if (city_build(&c, &s, stderr) != 0) {
        scenario_free(&s);
        return EXIT_USAGE;
    }
    if (roster_build(&r, &s, &c, stderr) != 0) {
        city_free(&c);
        scenario_free(&s);
        return EXIT_USAGE;
    }
    size_t SK = c.nstations * (size_t)staffing_cells(&s.staffing);
    analytic_demand d;
    world_cell *sim = o.no_sim ? NULL : calloc(SK + 1, sizeof *sim);
    staff_stat *cell = calloc(SK * STAFF_TARGETS_MAX + 1, sizeof *cell),
               *whole = calloc(c.nstations * STAFF_TARGETS_MAX + 1, sizeof *whole);
    rc = EXIT_INTERNAL;
    if ((sim || o.no_sim) && cell && whole && analytic_demand_init(&d, &s, &c, &r, g) == 0) {
        staff_opts so = {default_jobs(o.jobs), NULL, NULL, NULL};
        int ev = sim ? staff_evaluate(&s, &c, g, NULL, &so, cell, whole, sim, stderr) : 0;
        if (ev < 0)
            rc = EXIT_USAGE;
        else if (!o.cube)
            rc = staff_analytic_csv(stdout, &s, &c, &d, d.today, sim) == 0 ? EXIT_OK
                                                                             : EXIT_INTERNAL;
        else
            rc = analytic_cube(&o, &s, &c, &r, &d, sim);
        analytic_demand_free(&d);
    } else {
        fprintf(stderr, "%s: out of memory\n", progname);
    }
    free(sim);
    free(cell);
    free(whole);
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
    {"check", cmd_check, "check a scenario file and its variants without running",
     check_help},
    {"plot", cmd_plot, "draw a results folder's figures again and rewrite report.html",
     plot_help},
    {"staff", cmd_staff, "find the fewest officers per station and hour block for targets",
     staff_help},
    {"analytic", cmd_analytic, "Erlang C per station and hour block beside the simulation",
     analytic_help},
    {"mmc", cmd_mmc, "run the M/M/c reference queue and compare with Erlang C",
     mmc_help},
    {"fit", fit_cli_main, "fit incident types to a call log (CSV) and write a fragment",
     fit_cli_help},
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
               "Exit codes: 0 success, 1 internal failure, 2 bad input or usage,\n"
               "3 a staffing target not met (staff), 130 interrupted.\n");
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
        char shown[SCENARIO_SHOW_SIZE];
        fprintf(stderr, "%s: help: unknown command '%s'\n", progname,
                scenario_show(argv[1], shown));
        return EXIT_USAGE;
    }
    fputs(c->help, stdout);
    return EXIT_OK;
}

/* The exit code after `rc`, once standard output is flushed: a write
 * error (a full disk, /dev/full) is an I/O failure with a message; a
 * closed pipe (beatsim run | head) is not, its reader chose to stop. */
static int finish_stdout(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    int e = errno;
    if (e == EPIPE)
        return rc;
    fprintf(stderr, "%s: standard output: %s\n", progname, e ? strerror(e) : "write error");
    return rc == EXIT_OK ? EXIT_INTERNAL : rc;
}

static int dispatch(int argc, char **argv);

int main(int argc, char **argv)
{
    return finish_stdout(dispatch(argc, argv));
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    /* A closed output pipe (beatsim run ... | head) must not kill a run
       before its results are written: writes to it fail instead. */
    signal(SIGPIPE, SIG_IGN);
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
        char shown[SCENARIO_SHOW_SIZE];
        fprintf(stderr, "%s: unknown command '%s' (see 'beatsim --help')\n",
                progname, scenario_show(argv[1], shown));
        return EXIT_USAGE;
    }
    return c->fn(argc - 1, argv + 1);
}
