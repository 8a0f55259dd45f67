/* report_sensitivity.c - the indices of a sensitivity analysis from the
 * runs of its design points (sensitivity.csv, sensitivity_points.csv;
 * see report_internal.h and sim_gsa.h). */
#include "report.h"
#include "report_internal.h"

#include "sim_gsa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const morris_names[SIM_GSA_INDICES] = {"mu_star", "mu", "sigma"};
static const char *const sobol_names[SIM_GSA_INDICES] = {"S1", "ST", NULL};

/* A number, or nothing for NaN. */
static void num(FILE *f, double v)
{
    if (isnan(v))
        fputs(",", f);
    else
        fprintf(f, ",%.10g", v);
}

/* The outputs analysed: the section's, else the report's headline. */
static size_t outputs(const experiment *x, const vtable *t, const char **out, double *scratch)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    if (!sa->noutputs)
        return report_headline(x, t, out, scratch);
    for (size_t k = 0; k < sa->noutputs; k++)
        out[k] = sa->outputs[k];
    return sa->noutputs;
}

/* v[u]: the mean of metric `name` over variant u's replications (NaN
 * where a replication has none, or the variant lacks the metric). */
static void variant_means(const experiment *x, const vtable *t, const char *name, double *v)
{
    for (size_t u = 0; u < x->nvar; u++) {
        long m = vtable_find(&t[u], name);
        double s = 0;
        for (size_t k = 0; k < t[u].reps && m >= 0; k++)
            s += t[u].values[k * t[u].n + (size_t)m];
        v[u] = m >= 0 && t[u].reps ? s / (double)t[u].reps : NAN;
    }
}

int report_sa_compute(const experiment *x, const vtable *t, double *scratch, report_sa *r)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    memset(r, 0, sizeof *r);
    r->no = outputs(x, t, r->out, scratch);
    size_t k = sa->nfactors;
    if (scenario_sa_design(sa, &r->d) != 0)
        return -1;
    size_t np = r->d.npoints;
    r->runs = sa->ncompare ? 2 : 1;
    r->v = malloc((r->no * x->nvar + 1) * sizeof *r->v);
    r->y = malloc((r->no * np + 1) * sizeof *r->y);
    r->fa = malloc((r->no * k + 1) * sizeof *r->fa);
    r->above = calloc(r->no + 1, sizeof *r->above);
    r->below = calloc(r->no + 1, sizeof *r->below);
    if (!r->v || !r->y || !r->fa || !r->above || !r->below || np * r->runs != x->nvar) {
        report_sa_free(r);
        return -1;
    }
    for (size_t o = 0; o < r->no; o++) {
        double *y = r->y + o * np, *v = r->v + o * x->nvar;
        sim_gsa_factor *fa = r->fa + o * k;
        variant_means(x, t, r->out[o], v);
        for (size_t q = 0; q < np; q++) {
            y[q] = r->runs == 2 ? v[2 * q + 1] - v[2 * q] : v[q];
            r->above[o] += y[q] > 0;
            r->below[o] += y[q] < 0;
        }
        /* an output missing at some point has no indices */
        if (sim_gsa_indices(&r->d, y, sa->bootstrap, sa->seed, fa) != 0)
            for (size_t i = 0; i < k; i++)
                for (int c = 0; c < SIM_GSA_INDICES; c++)
                    fa[i].idx[c] = (sim_gsa_index){NAN, NAN, NAN};
    }
    return 0;
}

void report_sa_free(report_sa *r)
{
    sim_gsa_free(&r->d);
    free(r->v);
    free(r->y);
    free(r->fa);
    free(r->above);
    free(r->below);
    memset(r, 0, sizeof *r);
}

const char *report_sa_index_name(const scenario_sensitivity *sa, int c)
{
    return (sa->method == SIM_GSA_MORRIS ? morris_names : sobol_names)[c];
}

void report_sa_label(const scenario_sensitivity *sa, const char *name, char *out, size_t n)
{
    char label[96];
    report_row row = report_measure(name, label, sizeof label);
    const char *d = sa->ncompare ? "difference in " : "";
    if (sa->method == SIM_GSA_MORRIS && row.unit[0])
        snprintf(out, n, "%s%s (%s)", d, row.label, row.unit);
    else
        snprintf(out, n, "%s%s", d, row.label);
}

void report_sa_meta(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    const char *out[SCENARIO_MEASURES_MAX];
    size_t no = outputs(x, t, out, scratch);
    fprintf(f, "sa_method = \"%s\"\nsa_noutputs = %zu\narray sa_output[%zu] = [",
            sa->method == SIM_GSA_MORRIS ? "morris" : "sobol", no, no ? no : 1);
    for (size_t o = 0; o < no; o++) {
        char name[96];
        snprintf(name, sizeof name, "%s%s", out[o], sa->ncompare ? "_difference" : "");
        fputs(o ? ", " : "", f);
        report_gstr(f, name);
    }
    fprintf(f, "%s]\narray sa_label[%zu] = [", no ? "" : "''", no ? no : 1);
    for (size_t o = 0; o < no; o++) {
        char label[160];
        report_sa_label(sa, out[o], label, sizeof label);
        fputs(o ? ", " : "", f);
        report_gstr(f, label);
    }
    fputs(no ? "]\n" : "'']\n", f);
}

/* plotdata/sensitivity.dat: a block per output (two blank lines apart),
 * a row per factor: the setting, the main index (mu*, or ST) and its
 * interval, the other (sigma, or S1) and its interval; Morris' effects
 * scaled as the report shows them (shares in %). */
static int plot_data(const char *dir, const experiment *x, const report_sa *r)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    char path[4096];
    if (report_join_path(path, sizeof path, dir, "plotdata/sensitivity.dat") != 0)
        return -1;
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int morris = sa->method == SIM_GSA_MORRIS, a = morris ? 0 : 1, b = morris ? 2 : 0;
    size_t k = sa->nfactors;
    fprintf(f, "# setting %s lo hi %s lo hi, a block per output\n", morris ? "mu_star" : "ST",
            morris ? "sigma" : "S1");
    for (size_t o = 0; o < r->no; o++) {
        char label[96];
        double sc = morris ? report_measure(r->out[o], label, sizeof label).scale : 1;
        fprintf(f, "%s# %s\n", o ? "\n\n" : "", r->out[o]);
        for (size_t i = 0; i < k; i++) {
            const sim_gsa_factor *fa = &r->fa[o * k + i];
            fprintf(f, "\"%s\"", sa->factor[i].setting); /* a path: no quotes in it */
            for (int c = 0; c < 2; c++) {
                const sim_gsa_index *e = &fa->idx[c ? b : a];
                fprintf(f, " %.10g %.10g %.10g", sc * e->est, sc * e->lo, sc * e->hi);
            }
            fputc('\n', f);
        }
    }
    int ok = !ferror(f);
    return fclose(f) == 0 && ok ? 0 : -1;
}

int report_sensitivity_write(const char *dir, const experiment *x, const vtable *t,
                             double *scratch)
{
    const scenario_sensitivity *sa = &x->plan.sa;
    report_sa r;
    if (report_sa_compute(x, t, scratch, &r) != 0)
        return -1;
    size_t k = sa->nfactors, np = r.d.npoints;
    char path[4096];
    FILE *f = NULL, *g = NULL;
    int ok = !report_join_path(path, sizeof path, dir, "sensitivity.csv") &&
             (f = fopen(path, "w")) &&
             !report_join_path(path, sizeof path, dir, "sensitivity_points.csv") &&
             (g = fopen(path, "w"));
    if (ok) {
        fputs("method,output,setting,index,estimate,ci95_low,ci95_high\n", f);
        for (size_t o = 0; o < r.no; o++)
            for (size_t i = 0; i < k; i++)
                for (int c = 0; c < SIM_GSA_INDICES && report_sa_index_name(sa, c); c++) {
                    const sim_gsa_index *e = &r.fa[o * k + i].idx[c];
                    fprintf(f, "%s,%s%s,", sa->method == SIM_GSA_MORRIS ? "morris" : "sobol",
                            r.out[o], r.runs == 2 ? "_difference" : "");
                    report_csv_text(f, sa->factor[i].setting);
                    fprintf(f, ",%s", report_sa_index_name(sa, c));
                    num(f, e->est);
                    num(f, e->lo);
                    num(f, e->hi);
                    fputc('\n', f);
                }
        /* the design: each point's factor values and output means */
        fputs("variant", g);
        for (size_t i = 0; i < k; i++) {
            fputc(',', g);
            report_csv_text(g, sa->factor[i].setting);
        }
        for (size_t o = 0; o < r.no; o++)
            if (r.runs == 2)
                fprintf(g, ",%s,%s_compared,%s_difference", r.out[o], r.out[o], r.out[o]);
            else
                fprintf(g, ",%s", r.out[o]);
        fputc('\n', g);
        for (size_t q = 0; q < np; q++) {
            report_csv_text(g, x->plan.v[q * r.runs].name);
            for (size_t i = 0; i < k; i++)
                num(g, scenario_factor_value(&sa->factor[i], r.d.u[q * k + i]));
            for (size_t o = 0; o < r.no; o++) {
                if (r.runs == 2) {
                    num(g, r.v[o * x->nvar + 2 * q]);
                    num(g, r.v[o * x->nvar + 2 * q + 1]);
                }
                num(g, r.y[o * np + q]);
            }
            fputc('\n', g);
        }
    }
    ok = f && fclose(f) == 0 && ok;
    ok = g && fclose(g) == 0 && ok;
    ok = ok && plot_data(dir, x, &r) == 0;
    report_sa_free(&r);
    return ok ? 0 : -1;
}

void report_sa_index_text(double v, double lo, double hi, char *est, char *ci, size_t n)
{
    char a[32], b[32];
    snprintf(est, n, "%s", isnan(v) ? "" : report_fmt(a, sizeof a, v));
    if (isnan(v) || isnan(lo) || (lo == v && hi == v))
        snprintf(ci, n, "%s", "");
    else
        snprintf(ci, n, " [%s, %s]", report_fmt(a, sizeof a, lo), report_fmt(b, sizeof b, hi));
}
