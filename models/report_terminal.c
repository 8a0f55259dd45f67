/* report_terminal.c - the summary printed on the terminal after a run:
 * the scenario's question and its headline measures first, then the main
 * measures (every one with a single variant).
 *
 * Numbers are rounded to what their interval supports (report_fmt_ci):
 * a difference of 3.55 [3.47, 3.62] min is printed so, not to four
 * significant digits of noise, and a constant has no interval. */
#include "report.h"
#include "report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Width of the longest variant name, between 8 and 60. */
static int name_width(const experiment *x)
{
    int w = 8;
    for (size_t v = 0; v < x->nvar; v++)
        if ((int)strlen(x->plan.v[v].name) > w)
            w = (int)strlen(x->plan.v[v].name);
    return w > 60 ? 60 : w;
}

/* A variant's name in w columns: padded, or cut with "..." at its end so
 * that a cut name is never read as another (a value cut short). */
static const char *name_cell(char *buf, size_t n, const char *name, int w)
{
    if ((int)strlen(name) <= w)
        snprintf(buf, n, "%-*s", w, name);
    else
        snprintf(buf, n, "%.*s...", w - 3, name);
    return buf;
}

/* One measure across the variants: a heading, then per variant its mean
 * and interval and its paired difference from the baseline. */
static void measure_block(FILE *f, const experiment *x, const vtable *t, const report_row *r,
                          int w, double *scratch)
{
    size_t b = x->plan.baseline;
    long mb = vtable_find(&t[b], r->metric);
    if (mb < 0)
        return;
    fprintf(f, "\n%s%s%s%s\n", r->label, r->unit[0] ? " (" : "", r->unit,
            r->unit[0] ? ")" : "");
    for (size_t v = 0; v < x->nvar; v++) {
        long m = vtable_find(&t[v], r->metric);
        if (m < 0)
            continue;
        char a[96], d[96];
        report_fmt_ci(a, sizeof a, vtable_ci(&t[v], (size_t)m, scratch), r->scale, 0);
        if (v == b)
            snprintf(d, sizeof d, "(baseline)");
        else
            report_fmt_ci(d, sizeof d, vtable_diff_ci(&t[v], (size_t)m, &t[b], (size_t)mb, scratch),
                          r->scale, 1);
        char name[160];
        name_cell(name, sizeof name, x->plan.v[v].name, w);
        if (!strcmp(d, "-"))
            fprintf(f, "  %s  %s\n", name, a);
        else
            fprintf(f, "  %s  %-28s  %s\n", name, a, d);
    }
}

/* One measure of a single variant: label, value and interval, unit. */
static void measure_line(FILE *f, const vtable *t, const report_row *r, double *scratch)
{
    long m = vtable_find(t, r->metric);
    if (m < 0)
        return;
    char a[96];
    report_fmt_ci(a, sizeof a, vtable_ci(t, (size_t)m, scratch), r->scale, 0);
    /* the unit after the mean: "6.13 min [5.45, 6.81]" */
    char *br = strchr(a, '[');
    if (br)
        br[-1] = '\0';
    int unit = r->unit[0] && strcmp(a, "-");
    fprintf(f, "%-44s %s%s%s%s%s\n", r->label, a, unit ? " " : "", unit ? r->unit : "",
            br ? " " : "", br ? br : "");
}

static void headline(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    const char *names[SCENARIO_MEASURES_MAX];
    size_t n = report_headline(x, t, names, scratch);
    if (x->plan.question[0])
        fprintf(f, "%s\n", x->plan.question);
    if (x->nvar == 1) {
        fprintf(f, "headline (%s)\n",
                x->reps >= 2 ? "mean [95% confidence interval] over the replications"
                             : "one replication: no interval");
        for (size_t k = 0; k < n; k++) {
            char label[96];
            report_row r = report_measure(names[k], label, sizeof label);
            measure_line(f, &t[0], &r, scratch);
        }
        return;
    }
    fprintf(f, "headline: means [95%% confidence intervals] over %zu replication%s; the last "
               "column is the difference from the baseline, %s, paired replication by "
               "replication\n",
            x->reps, x->reps == 1 ? "" : "s", x->plan.v[x->plan.baseline].name);
    int w = name_width(x);
    for (size_t k = 0; k < n; k++) {
        char label[96];
        report_row r = report_measure(names[k], label, sizeof label);
        measure_block(f, x, t, &r, w, scratch);
    }
}

/* The rest: with one variant every measure of the main table, with
 * several the main ones. */
static void main_measures(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    int w = name_width(x);
    fprintf(f, "\n%s\n", x->nvar == 1 ? "all measures" : "main measures");
    for (size_t k = 0; k < report_nrows; k++) {
        if ((x->nvar > 1 && !report_rows[k].main) ||
            report_row_hidden(t, x->nvar, k, scratch))
            continue;
        if (x->nvar == 1) {
            measure_line(f, &t[0], &report_rows[k], scratch);
        } else {
            char label[96];
            report_row r = report_measure(report_rows[k].metric, label, sizeof label);
            measure_block(f, x, t, &r, w, scratch);
        }
    }
}

/* A sensitivity analysis: per output, its factors from the most to the
 * least influential (mu*, or ST), each index with its bootstrap
 * interval; the design points' own results are in the files. */
static void sensitivity(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    report_sa r;
    if (x->plan.question[0])
        fprintf(f, "%s\n", x->plan.question);
    if (report_sa_compute(x, t, scratch, &r) != 0) {
        fprintf(f, "(sensitivity analysis unavailable: out of memory)\n");
        return;
    }
    int morris = sa->method == SIM_GSA_MORRIS;
    size_t k = sa->nfactors;
    fprintf(f, "sensitivity analysis: %s, %zu %s x %zu points = %zu design points, %zu "
               "replication%s each; 95%% bootstrap intervals (%zu resamples)\n",
            morris ? "Morris elementary effects (mu*: mean absolute effect of a factor's "
                     "whole range; sigma: its spread, from interactions or curvature)"
                   : "Sobol' indices (S1: share of the variance a factor explains alone; "
                     "ST: with its interactions)",
            sa->samples, morris ? "trajectories" : "rows", morris ? k + 1 : k + 2, r.d.npoints,
            x->reps, x->reps == 1 ? "" : "s", sa->bootstrap);
    if (r.runs == 2) { /* each point run twice: the output is the paired difference */
        fputs("each point run again with", f);
        for (size_t j = 0; j < sa->ncompare; j++)
            fprintf(f, "%s %s", j ? "," : "", sa->compare[j].text);
        fputs(": the outputs are the compared run's less the point's\n", f);
    }
    int w = 12;
    for (size_t i = 0; i < k; i++)
        w = (int)strlen(sa->factor[i].setting) > w ? (int)strlen(sa->factor[i].setting) : w;
    for (size_t o = 0; o < r.no; o++) {
        char label[96], head[160];
        report_row row = report_measure(r.out[o], label, sizeof label);
        const sim_gsa_factor *fa = r.fa + o * k;
        /* Morris' effects are in the output's unit; Sobol's are shares */
        double sc = morris ? row.scale : 1;
        report_sa_label(sa, r.out[o], head, sizeof head);
        fprintf(f, "\n%s\n", head);
        if (r.runs == 2)
            fprintf(f, "  compared minus as designed: above 0 at %zu of %zu points, below at "
                       "%zu\n", r.above[o], r.d.npoints, r.below[o]);
        fprintf(f, "  %-*s  %-30s  %s\n", w, "setting", morris ? "mu*" : "ST",
                morris ? "sigma" : "S1");
        size_t order[SCENARIO_FACTORS_MAX];
        int main_c = morris ? 0 : 1, other = morris ? 2 : 0;
        for (size_t i = 0; i < k; i++) { /* by the main index, largest first */
            size_t j = i;
            double v = fa[i].idx[main_c].est;
            while (j > 0 && (isnan(fa[order[j - 1]].idx[main_c].est) ||
                             fa[order[j - 1]].idx[main_c].est < v))
                order[j] = order[j - 1], j--;
            order[j] = i;
        }
        for (size_t n = 0; n < k; n++) {
            size_t i = order[n];
            char a[96], b[96];
            for (int c = 0; c < 2; c++) {
                const sim_gsa_index *e = &fa[i].idx[c ? other : main_c];
                char est[48], ci[48];
                report_sa_index_text(sc * e->est, sc * e->lo, sc * e->hi, est, ci, sizeof est);
                snprintf(c ? b : a, 96, "%s%s", *est ? est : "-", ci);
            }
            fprintf(f, "  %-*s  %-30s  %s\n", w, sa->factor[i].setting, a, b);
        }
    }
    fprintf(f, "\n(each design point's results: sensitivity_points.csv, summary.csv)\n");
    report_sa_free(&r);
}

void report_summary(FILE *f, const report_run *run)
{
    const experiment *x = run->x;
    vtable *t = vtables_build(x);
    double *scratch = malloc((x->reps ? x->reps : 1) * sizeof *scratch);
    if (!t || !scratch) {
        fprintf(f, "(summary unavailable: out of memory)\n");
    } else if (x->plan.sa.on) {
        sensitivity(f, x, t, scratch);
    } else {
        headline(f, x, t, scratch);
        main_measures(f, x, t, scratch);
    }
    free(scratch);
    vtables_free(t, x->nvar);
}
