/* report_terminal.c - the summary printed on the terminal after a run. */
#include "report.h"
#include "report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One variant: every measure, mean and interval. */
static void summary_one(FILE *f, const vtable *t, double *scratch)
{
    int ci = t->reps >= 2;
    fprintf(f, "%-34s %10s %s\n", "measure", "mean",
            ci ? "unit   95% confidence interval" : "unit");
    for (size_t k = 0; k < report_nrows; k++) {
        long m = vtable_find(t, report_rows[k].metric);
        if (m < 0 || report_row_hidden(t, 1, k, scratch))
            continue;
        sim_ci c = vtable_ci(t, (size_t)m, scratch);
        double sc = report_rows[k].scale;
        char a[32], lo[32], hi[32];
        if (isnan(c.mean))
            fprintf(f, "%-34s %10s\n", report_rows[k].label, "-");
        else if (ci && !isnan(c.half))
            fprintf(f, "%-34s %10s %-5s  [%s, %s]\n", report_rows[k].label,
                    report_fmt(a, sizeof a, c.mean * sc), report_rows[k].unit,
                    report_fmt(lo, sizeof lo, c.low * sc), report_fmt(hi, sizeof hi, c.high * sc));
        else
            fprintf(f, "%-34s %10s%s%s\n", report_rows[k].label, report_fmt(a, sizeof a, c.mean * sc),
                    report_rows[k].unit[0] ? " " : "", report_rows[k].unit);
    }
}

/* Several variants: per main measure, each variant's mean and interval,
 * and its paired difference from the baseline. */
static void summary_many(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    size_t b = x->plan.baseline;
    int w = 8;
    for (size_t v = 0; v < x->nvar; v++)
        if ((int)strlen(x->plan.v[v].name) > w)
            w = (int)strlen(x->plan.v[v].name);
    if (w > 64)
        w = 64;
    fprintf(f, "means with 95%% confidence intervals over %zu replications; "
               "differences are paired against the baseline, %s\n",
            x->reps, x->plan.v[b].name);
    for (size_t k = 0; k < report_nrows; k++) {
        if (!report_rows[k].main || vtable_find(&t[b], report_rows[k].metric) < 0 || report_row_hidden(t, x->nvar, k, scratch))
            continue;
        double sc = report_rows[k].scale;
        fprintf(f, "\n%s%s%s%s\n", report_rows[k].label[0] == ' ' ? report_rows[k].label + 2 : report_rows[k].label,
                report_rows[k].unit[0] ? " (" : "", report_rows[k].unit, report_rows[k].unit[0] ? ")" : "");
        long mb = vtable_find(&t[b], report_rows[k].metric);
        for (size_t v = 0; v < x->nvar; v++) {
            long m = vtable_find(&t[v], report_rows[k].metric);
            char a[32], lo[32], hi[32];
            if (m < 0)
                continue;
            sim_ci c = vtable_ci(&t[v], (size_t)m, scratch);
            fprintf(f, "  %-*.*s %10s", w, w, x->plan.v[v].name, report_fmt(a, sizeof a, c.mean * sc));
            if (!isnan(c.half))
                fprintf(f, "  [%s, %s]", report_fmt(lo, sizeof lo, c.low * sc),
                        report_fmt(hi, sizeof hi, c.high * sc));
            if (v != b) {
                sim_ci d = vtable_diff_ci(&t[v], (size_t)m, &t[b], (size_t)mb, scratch);
                if (!isnan(d.mean)) {
                    fprintf(f, "   %s%s", d.mean >= 0 ? "+" : "", report_fmt(a, sizeof a, d.mean * sc));
                    if (!isnan(d.half))
                        fprintf(f, " [%s, %s]", report_fmt(lo, sizeof lo, d.low * sc),
                                report_fmt(hi, sizeof hi, d.high * sc));
                }
            } else {
                fprintf(f, "   (baseline)");
            }
            fputc('\n', f);
        }
    }
}

void report_summary(FILE *f, const report_run *run)
{
    const experiment *x = run->x;
    vtable *t = vtables_build(x);
    double *scratch = malloc((x->reps ? x->reps : 1) * sizeof *scratch);
    if (!t || !scratch)
        fprintf(f, "(summary unavailable: out of memory)\n");
    else if (x->nvar == 1)
        summary_one(f, &t[0], scratch);
    else
        summary_many(f, x, t, scratch);
    free(scratch);
    vtables_free(t, x->nvar);
}
