/* report_internal.h - what the files of the report share (private to
 * report*.c): every variant's metrics across replications, their
 * intervals, the table of main measures and how numbers are printed.
 *
 *   report_measures.c  the tables below and their intervals
 *   report_terminal.c  the summary printed on the terminal
 *   report_csv.c       summary.csv ... scorecard_beats.csv
 *   report_plotdata.c  plotdata/, the inputs of the plots/ scripts
 *   report_html.c      report.html, from the files of a results folder
 *   report.c           the results folder: temporary name, manifest,
 *                      --force, rename into place
 */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include "experiment.h"
#include "sim_gsa.h"

#include <stdio.h>

/* Lines of a manifest listing the files written (see report.c). */
#define FILE_LINE "file "

/* One variant's metrics: names (from replication 0) and one row of values
 * per replication, values[k * n + m]. */
typedef struct vtable {
    world_metric *names;
    double *values;
    size_t n, reps;
} vtable;

/* The metric tables of every variant of x, or NULL when memory ran out;
 * free with vtables_free(t, x->nvar) (NULL is fine). */
vtable *vtables_build(const experiment *x);
void vtables_free(vtable *t, size_t nvar);

/* The index of metric `name` in t, or -1. */
long vtable_find(const vtable *t, const char *name);

/* An interval with no values (n = 0, everything NaN). */
extern const sim_ci report_no_ci;

/* Mean and 95 % Student-t interval of x[0 .. n) without its NaN values (a
 * priority with no calls in some replication); x is reordered. */
sim_ci report_ci_of(double *x, size_t n);

/* Interval of metric m of table t; `scratch` holds t->reps doubles. The
 * bounds are kept inside the values the metric can take (at least 0;
 * shares at most 1), see report_measures.c. */
sim_ci vtable_ci(const vtable *t, size_t m, double *scratch);

/* Interval of the paired differences a[k] - b[k] of metric ma of table a
 * and mb of table b (replication k against replication k); a share's
 * within [-1, 1]. */
sim_ci vtable_diff_ci(const vtable *a, size_t ma, const vtable *b, size_t mb,
                      double *scratch);

/* A main measure of the summary tables. */
typedef struct report_row {
    const char *label;  /* what a reader sees */
    const char *metric; /* metric name */
    double scale;       /* multiplier for display (100 for shares in %) */
    const char *unit;   /* unit shown */
    int main;           /* 1: shown when comparing variants; 2: the same,
                           for runs with the proactive layer on only */
} report_row;

extern const report_row report_rows[];
extern const size_t report_nrows;

/* How metric `metric` is shown: its row of the main table if it has one,
 * else a label made from its name (underscores as spaces, the unit suffix
 * as the unit). The label is written to label[0 .. n) (64 bytes are
 * enough), which the returned row points to. */
report_row report_measure(const char *metric, char *label, size_t n);

/* The headline measures of experiment x (tables t): the scenario's
 * report.measures, or by default the priority-1 response, the share within
 * target, waits, utilisation and help from other stations - or, when a
 * variant runs the proactive layer, incidents, incidents prevented, the
 * offender pool at the end, key persons out of control and satisfaction.
 * Writes at most SCENARIO_MEASURES_MAX names (borrowed) to out. */
size_t report_headline(const experiment *x, const vtable *t, const char **out, double *scratch);

/* 1 if row k is for the proactive layer and none of the n tables t[]
 * ran with it (offender_pool_mean is undefined then). */
int report_row_hidden(const vtable *t, size_t n, size_t k, double *scratch);

/* Formats a value for the tables: 4 significant digits in fixed notation
 * (whole numbers from 1,000 up, at most 6 decimals). Returns buf. */
const char *report_fmt(char *buf, size_t n, double v);

/* Formats the interval c scaled by `scale` (100 for shares in %) as
 * "mean [low, high]", every number rounded to the decimal place of the
 * second significant digit of the half-width; as "mean" alone (4
 * significant digits) when there is no interval (one replication) or it
 * has no width (a constant); as "-" when the mean is undefined. With
 * `sign`, a positive mean gets a "+" (a difference). Returns buf (96
 * bytes are always enough). */
const char *report_fmt_ci(char *buf, size_t n, sim_ci c, double scale, int sign);

/* Means per whole observed hour over the hours h, h + nh, ... of the week
 * of result w (nh = 24: an hour of the day; 168: of the week), for a city
 * of nb beats; NaN where that hour was never observed whole. */
typedef struct hour_means {
    double incidents;  /* calls per hour */
    double response;   /* mean response of those calls, min */
    double onduty;     /* officers on duty */
    double busy;       /* officers on calls */
    double gap;        /* share of beats with nobody there */
} hour_means;
hour_means report_hour_means(const world_result *w, int h, int nh, double nb);

/* path = dir/name; 0, or -1 if it does not fit. */
static inline int report_join_path(char *path, size_t n, const char *dir, const char *name)
{
    int k = snprintf(path, n, "%s/%s", dir, name);
    return k >= 0 && (size_t)k < n ? 0 : -1;
}

/* Writes the CSV files of the results folder (summary.csv ...
 * scorecard_beats.csv, see docs/outputs.md) into dir. Returns 0 or -1. */
int report_csv_write(const char *dir, const experiment *x, const vtable *t, double *scratch);

/* Free text (a variant's name, a setting path) as one quoted CSV field. */
void report_csv_text(FILE *f, const char *s);

/* A sensitivity analysis from the runs of its design points (the plan's
 * variants): the outputs analysed (the section's, else the headline),
 * each point's mean of each over its replications, and the indices. */
typedef struct report_sa {
    const char *out[SCENARIO_MEASURES_MAX]; /* no output metrics */
    size_t no;
    sim_gsa d;         /* the design, made again from the section */
    size_t runs;       /* variants a point: 1, or 2 with compare */
    double *v;         /* v[o * nvar + u]: output o's mean over variant u's
                          replications */
    double *y;         /* y[o * d.npoints + q]: the output analysed at point q:
                          its mean, or with compare the compared run's mean
                          less the point's (paired: the same replications) */
    size_t *above, *below; /* per output: points with y above / below 0 */
    sim_gsa_factor *fa;/* fa[o * k + i]: factor i's indices for output o
                          (NAN where an output is missing at some point) */
} report_sa;

/* Fills *r for plan x (x->plan.sa.on). Returns 0, or -1 (memory). */
int report_sa_compute(const experiment *x, const vtable *t, double *scratch, report_sa *r);
void report_sa_free(report_sa *r);
/* Index c's name ("mu_star", "mu", "sigma"; "S1", "ST"; NULL past them). */
const char *report_sa_index_name(const scenario_sensitivity *sa, int c);
/* Output `name`'s label as the summary, figure and page show it: its
 * label ("difference in ..." with compare), with its unit for Morris. */
void report_sa_label(const scenario_sensitivity *sa, const char *name, char *out, size_t n);

/* The sensitivity figure's variables for plotdata/meta.gp: sa_method,
 * sa_noutputs, sa_output[] (metric names) and sa_label[] (axis labels). */
void report_sa_meta(FILE *f, const experiment *x, const vtable *t, double *scratch);

/* A sensitivity index as the summary and the page show it: its estimate
 * into est ("" when it is NaN) and " [lo, hi]" into ci ("" when the
 * interval is missing or a point), each of n bytes. */
void report_sa_index_text(double v, double lo, double hi, char *est, char *ci, size_t n);

/* sensitivity.csv and sensitivity_points.csv of a plan with a
 * sensitivity analysis (docs/outputs.md) into dir, and the figure's data,
 * dir/plotdata/sensitivity.dat (made after report_plotdata_write).
 * Returns 0 or -1. */
int report_sensitivity_write(const char *dir, const experiment *x, const vtable *t,
                             double *scratch);

/* hypercube.csv of run --hypercube (docs/outputs.md) to f. Returns 0, or
 * -1 (out of memory, a write error). */
int report_hypercube_write(FILE *f, const experiment *x);

/* Writes dir/plotdata/ (see figures.h). Returns 0 or -1. */
int report_plotdata_write(const char *dir, const experiment *x, const vtable *t,
                          double *scratch);

/* Writes dir/plotdata/headline.txt, what report.html leads with: lines
 * "question<TAB>TEXT", "measure<TAB>METRIC" (report_headline) and
 * "figure<TAB>NAME" (report.figures). Returns 0 or -1. */
int report_page_inputs(const char *dir, const experiment *x, const vtable *t, double *scratch);

/* A setting of docs/scenarios.md and its unit ("" where it has none), as
 * the documentation writes it: list entries as [i], land types as
 * <type> ("officers.[i].per"). Generated from docs/scenarios.md by the
 * Makefile (build/models/settings_doc.c); sorted as there. */
typedef struct setting_doc {
    const char *path;
    const char *unit;
} setting_doc;
extern const setting_doc setting_docs[];
extern const size_t setting_ndocs;

#endif /* REPORT_INTERNAL_H */
