/* report_plotdata.c - plotdata/ of a results folder: the inputs of the
 * plots/ scripts (see figures.h), one file a figure, in gnuplot's syntax. */
#include "report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Prints v for gnuplot: "NaN" for NaN and infinities. */
static void gnum(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, " %.9g", v);
    else
        fputs(" NaN", f);
}

/* s as a gnuplot string in single quotes: gnuplot expands `command` in
 * double-quoted strings (a name could run a shell command), never in
 * single-quoted ones, where only ' needs doubling; control characters
 * (a newline would end the string) become spaces. */
static void gstr(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', f);
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
    }
    fputc('\'', f);
}

/* The on-duty activities in the order of activity.dat (and of the bars of
 * plots/activity.gp): call work, desk, proactive work, then free time. */
static const int key_acts[] = {ACT_TRAVEL, ACT_SCENE,  ACT_FOLLOWUP, ACT_DESK,  ACT_BREAK,
                               ACT_PATROL, ACT_VISIT,  ACT_CHECK,    ACT_STRIKE, ACT_AVAILABLE,
                               ACT_RETURN};
_Static_assert(sizeof key_acts / sizeof key_acts[0] == ACT_N - 1,
               "activity.dat: every on-duty activity once");
static const char *const sweep_metrics[] = {"response_p90_min", "response_mean_min",
                                            "waited_share", "coverage_gap_share",
                                            "utilisation_share"};

/* 1 if every sweep value of the plan is a number (*vals filled). */
static int numeric_sweep(const scenario_plan *p, double *vals)
{
    for (size_t k = 0; k < p->nsweep; k++) {
        char *end;
        vals[k] = strtod(p->sweep_values[k], &end);
        if (end == p->sweep_values[k] || *end)
            return 0;
    }
    return p->nsweep > 0;
}

/* The metrics of the sweep figure: the main five first (metric=1..5 keep
 * their meaning), then every other metric of the baseline's table.
 * Returns a malloc'd array of *n names borrowed from t. */
static const char **sweep_metric_list(const vtable *t, size_t base, size_t *n)
{
    size_t nmain = sizeof sweep_metrics / sizeof sweep_metrics[0];
    const char **m = malloc((nmain + t[base].n) * sizeof *m);
    *n = 0;
    if (!m)
        return NULL;
    for (size_t k = 0; k < nmain; k++)
        m[(*n)++] = sweep_metrics[k];
    for (size_t k = 0; k < t[base].n; k++) {
        size_t j = 0;
        while (j < nmain && strcmp(sweep_metrics[j], t[base].names[k].name))
            j++;
        if (j == nmain)
            m[(*n)++] = t[base].names[k].name;
    }
    return m;
}

static void plot_meta(FILE *f, const experiment *x, int sweep, const vtable *t)
{
    const scenario_plan *p = &x->plan;
    fputs("# beatsim plot data: the experiment (see plots/common.gp)\nscenario = ", f);
    gstr(f, x->base.name);
    fprintf(f, "\nnvar = %zu\nbaseline = %zu\nbaseline_name = ", x->nvar, p->baseline);
    gstr(f, p->v[p->baseline].name);
    fprintf(f, "\narray variant[%zu] = [", x->nvar);
    for (size_t v = 0; v < x->nvar; v++) {
        fputs(v ? ", " : "", f);
        gstr(f, p->v[v].name);
    }
    int prevention = 0;
    for (size_t v = 0; v < x->nvar; v++)
        prevention |= x->s[v].prevention.enabled != 0;
    fprintf(f, "]\nreps = %zu\nnbeats = %zu\nprevention = %d\nsweep_setting = ", x->reps,
            x->c[p->baseline].nbeats, prevention);
    gstr(f, sweep ? p->sweep_setting : "");
    size_t nb = sweep ? (p->nlisted ? p->nlisted : 1) : 0;
    fprintf(f, "\nnsweepbase = %zu\n", nb);
    if (sweep && t) {
        size_t nm = 0;
        const char **m = sweep_metric_list(t, p->baseline, &nm);
        fprintf(f, "nsweepmetric = %zu\narray sweep_metric[%zu] = [", nm, nm ? nm : 1);
        for (size_t k = 0; k < nm; k++) {
            fputs(k ? ", " : "", f);
            gstr(f, m[k]);
        }
        fputs(nm ? "]\n" : "'']\n", f);
        free(m);
    }
    if (nb) {
        fprintf(f, "array sweepbase[%zu] = [", nb);
        for (size_t i = 0; i < nb; i++) {
            fputs(i ? ", " : "", f);
            gstr(f, p->nlisted ? p->listed[i].name : "baseline");
        }
        fputs("]\n", f);
    }
}

static void plot_hour(FILE *f, const experiment *x)
{
    fputs("# hour incidents_per_hour officers_on_duty officers_busy response_mean_min "
          "coverage_gap_share (means over replications)\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        for (int h = 0; h < 24; h++) {
            double col[5] = {0};
            for (size_t k = 0; k < x->reps; k++) {
                hour_means m = report_hour_means(&x->res[v * x->reps + k], h, 24,
                                             (double)x->c[v].nbeats);
                col[0] += m.incidents;
                col[1] += m.onduty;
                col[2] += m.busy;
                col[3] += m.response;
                col[4] += m.gap;
            }
            fprintf(f, "%d", h);
            for (int c = 0; c < 5; c++)
                gnum(f, col[c] / (double)x->reps);
            fputc('\n', f);
        }
    }
}

static void plot_cdf(FILE *f, const experiment *x)
{
    fputs("# minutes share: the response time below which that share of answered calls "
          "falls (quantiles averaged over replications)\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        for (int i = 0; i <= 200; i++) {
            double p = i / 200.0, q = 0;
            for (size_t k = 0; k < x->reps; k++)
                q += sim_quant_quantile(&x->res[v * x->reps + k].response_q[0], p);
            gnum(f, q / (double)x->reps);
            gnum(f, p);
            fputc('\n', f);
        }
    }
}

static void plot_targets(FILE *f, const experiment *x)
{
    const scenario *s = &x->s[x->plan.baseline];
    const city *c = &x->c[x->plan.baseline];
    int present[LAND_NTYPES] = {0}, done[LAND_NTYPES] = {0};
    for (size_t b = 0; b < c->nbeats; b++)
        present[c->beats[b].land] = 1;
    fputs("# target_min \"land types\"\n", f);
    for (int l = 0; l < LAND_NTYPES; l++) {
        if (!present[l] || done[l])
            continue;
        char names[160] = "";
        for (int m = l; m < LAND_NTYPES; m++)
            if (present[m] && s->land[m].target_min[0] == s->land[l].target_min[0]) {
                done[m] = 1;
                size_t n = strlen(names);
                snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "",
                         land_type_names[m]);
            }
        fprintf(f, "%.9g ", s->land[l].target_min[0]); /* priority 1 */
        gstr(f, names);
        fputc('\n', f);
    }
}

static void plot_activity(FILE *f, const experiment *x)
{
    fputs("# variant travel scene followup desk break patrol visit check strike available return "
          "(variant: its index in meta.gp; percent of on-duty time, means over "
          "replications)\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%zu", v);
        for (size_t a = 0; a < sizeof key_acts / sizeof key_acts[0]; a++) {
            double sum = 0;
            for (size_t k = 0; k < x->reps; k++) {
                const world_result *w = &x->res[v * x->reps + k];
                double on = 0;
                for (int b = 1; b < ACT_N; b++)
                    on += w->act_min[b];
                sum += on > 0 ? 100 * w->act_min[key_acts[a]] / on : NAN;
            }
            gnum(f, sum / (double)x->reps);
        }
        fputc('\n', f);
    }
}

static void plot_daily(FILE *f, const experiment *x)
{
    fputs("# day incidents busy_hours desk_hours onduty_hours overtime_hours "
          "response_mean_min (means over replications)\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        size_t nd = x->res[v * x->reps].ndays;
        for (size_t d = 0; d < nd; d++) {
            double col[6] = {0};
            size_t nrt = 0;
            for (size_t k = 0; k < x->reps; k++) {
                const world_day *day = &x->res[v * x->reps + k].days[d];
                double on = 0;
                for (int a = 1; a < ACT_N; a++)
                    on += day->act_min[a];
                col[0] += (double)day->incidents;
                col[1] += (day->act_min[ACT_TRAVEL] + day->act_min[ACT_SCENE] +
                           day->act_min[ACT_FOLLOWUP]) / 60;
                col[2] += day->act_min[ACT_DESK] / 60;
                col[3] += on / 60;
                col[4] += day->overtime_min / 60;
                if (day->answered) {
                    col[5] += day->response_sum / (double)day->answered;
                    nrt++;
                }
            }
            fprintf(f, "%zu", d);
            for (int c = 0; c < 5; c++)
                gnum(f, col[c] / (double)x->reps);
            gnum(f, nrt ? col[5] / (double)nrt : NAN);
            fputc('\n', f);
        }
    }
}

static void plot_prevention(FILE *f, const experiment *x)
{
    fputs("# day offender_pool out_of_control arrests incidents prevented_direct (means over "
          "replications; the first two NaN for a variant without the proactive layer)\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        int pv = x->s[v].prevention.enabled;
        size_t nd = x->res[v * x->reps].ndays;
        for (size_t d = 0; d < nd; d++) {
            double col[5] = {0};
            for (size_t k = 0; k < x->reps; k++) {
                const world_day *day = &x->res[v * x->reps + k].days[d];
                col[0] += (double)day->offender_pool;
                col[1] += (double)day->out_of_control;
                col[2] += (double)day->arrests;
                col[3] += (double)day->incidents;
                col[4] += (double)day->prevented;
            }
            fprintf(f, "%zu", d);
            for (int c = 0; c < 5; c++)
                gnum(f, c < 2 && !pv ? NAN : col[c] / (double)x->reps);
            fputc('\n', f);
        }
    }
}

static void plot_heatmap(FILE *f, const experiment *x)
{
    size_t v = x->plan.baseline;
    const city *c = &x->c[v];
    for (size_t b = 0; b < c->nbeats; b++) {
        for (int h = 0; h < 24; h++) {
            double g = 0;
            for (size_t k = 0; k < x->reps; k++) {
                const world_result *w = &x->res[v * x->reps + k];
                g += (double)w->beat_hour_gaps[b * 24 + (size_t)h] / (w->observed_min / 1440.0);
            }
            gnum(f, g / (double)x->reps);
        }
        fputc('\n', f);
    }
}

static void plot_map(FILE *f, const experiment *x)
{
    size_t v = x->plan.baseline;
    const city *c = &x->c[v];
    fputs("# x_km y_km half_km shape(0 square, 1 disc) response_mean_min "
          "incidents_per_day coverage_gap_share station\n", f);
    for (size_t b = 0; b < c->nbeats; b++) {
        const city_beat *cb = &c->beats[b];
        double rsum = 0, ans = 0, inc = 0, gap = 0;
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            double days = w->observed_min / 1440.0;
            rsum += w->beat_response_sum[b];
            ans += (double)w->beat_answered[b];
            inc += (double)w->beat_incidents[b] / days;
            gap += (double)w->beat_gaps[b] / (days * 24);
        }
        gnum(f, cb->x);
        gnum(f, cb->y);
        gnum(f, cb->half);
        fprintf(f, " %d", cb->shape == SHAPE_DISC);
        gnum(f, ans > 0 ? rsum / ans : NAN);
        gnum(f, inc / (double)x->reps);
        gnum(f, gap / (double)x->reps);
        fprintf(f, " %d\n", cb->station);
    }
}

static void plot_sweep(FILE *f, const experiment *x, const vtable *t, const double *vals,
                       double *scratch)
{
    const scenario_plan *p = &x->plan;
    size_t nb = p->nlisted ? p->nlisted : 1, ns = p->nsweep, nm = 0;
    const char **names = sweep_metric_list(t, p->baseline, &nm);
    if (!names)
        return;
    fprintf(f, "# value, then mean ci95_low ci95_high of each metric in meta.gp's "
               "sweep_metric order\n# swept setting: %s\n", p->sweep_setting);
    for (size_t i = 0; i < nb; i++) {
        fprintf(f, "%s# %s\n", i ? "\n\n" : "", p->nlisted ? p->listed[i].name : "baseline");
        for (size_t k = 0; k < ns; k++) {
            size_t v = i * ns + k;
            gnum(f, vals[k]);
            for (size_t m = 0; m < nm; m++) {
                long mi = vtable_find(&t[v], names[m]);
                sim_ci c = mi >= 0 ? vtable_ci(&t[v], (size_t)mi, scratch) : report_no_ci;
                gnum(f, c.mean);
                gnum(f, isnan(c.low) ? c.mean : c.low);
                gnum(f, isnan(c.high) ? c.mean : c.high);
            }
            fputc('\n', f);
        }
    }
    free(names);
}

/* The leading comment block of the scenario file (what it asks), or
 * nothing for the built-in scenario. */
static void plot_about(FILE *f, const experiment *x)
{
    int builtin = !strcmp(x->base.source, "built-in");
    FILE *in = builtin ? NULL : fopen(x->base.source, "r");
    if (!in) {
        fputs(builtin ? "The built-in default city of beatsim (scenarios/default.cfg).\n"
                      : "(The scenario file could not be read again for its comment.)\n",
              f);
        return;
    }
    char line[1024];
    while (fgets(line, sizeof line, in)) {
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#')
            p++;
        else if (p[0] == '/' && p[1] == '/')
            p += 2;
        else if (*p == '\n' || *p == '\0')
            continue;
        else
            break;
        fputs(*p == ' ' ? p + 1 : p, f);
    }
    fclose(in);
}

/* Key settings as "key<TAB>value" lines for the report page. */
static void plot_facts(FILE *f, const experiment *x)
{
    const scenario *s = &x->base;
    const city *c = &x->c[x->plan.baseline];
    fprintf(f, "scenario\t%s (%s)\n", s->name, s->source);
    fprintf(f, "city\t%zu stations, %zu beats, %.0f residents\n", c->nstations, c->nbeats,
            c->residents);
    fprintf(f, "run\t%zu variant%s x %zu replication%s of %g days after %g days of warm-up\n",
            x->nvar, x->nvar == 1 ? "" : "s", x->reps, x->reps == 1 ? "" : "s", s->days,
            s->warmup_days);
    fprintf(f, "seed\t%llu\n", (unsigned long long)s->seed);
    fprintf(f, "baseline\t%s\n", x->plan.v[x->plan.baseline].name);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "variant %s\t%zu officers", x->plan.v[v].name, x->r[v].nsworn);
        if (x->r[v].n > x->r[v].nsworn)
            fprintf(f, " and %zu auxiliary police", x->r[v].n - x->r[v].nsworn);
        for (size_t k = 0; k < x->plan.v[v].nsets; k++)
            fprintf(f, "%s%s", k ? "; " : "; ", x->plan.v[v].sets[k].text);
        fputc('\n', f);
    }
}

typedef enum {
    P_META, P_HOUR, P_CDF, P_TARGETS, P_ACTIVITY, P_DAILY, P_PREVENTION, P_HEATMAP, P_MAP,
    P_SWEEP, P_ABOUT, P_FACTS, P_N
} plot_file;
static const char *const plot_names[P_N] = {
    "meta.gp", "hour.dat", "cdf.dat", "targets.dat", "activity.dat", "daily.dat",
    "prevention.dat", "heatmap.dat", "map.dat", "sweep.dat", "about.txt", "facts.txt"};

int report_plotdata_write(const char *dir, const experiment *x, const vtable *t,
                          double *scratch)
{
    char pd[4096], path[4096];
    if (report_join_path(pd, sizeof pd, dir, "plotdata") != 0 || mkdir(pd, 0777) != 0)
        return -1;
    double *vals = malloc((x->plan.nsweep ? x->plan.nsweep : 1) * sizeof *vals);
    if (!vals)
        return -1;
    int sweep = numeric_sweep(&x->plan, vals), ok = 1;
    for (int k = 0; ok && k < P_N; k++) {
        if (k == P_SWEEP && !sweep)
            continue;
        FILE *f = report_join_path(path, sizeof path, pd, plot_names[k]) ? NULL : fopen(path, "w");
        if (!f) {
            ok = 0;
            break;
        }
        switch ((plot_file)k) {
        case P_META: plot_meta(f, x, sweep, t); break;
        case P_HOUR: plot_hour(f, x); break;
        case P_CDF: plot_cdf(f, x); break;
        case P_TARGETS: plot_targets(f, x); break;
        case P_ACTIVITY: plot_activity(f, x); break;
        case P_DAILY: plot_daily(f, x); break;
        case P_PREVENTION: plot_prevention(f, x); break;
        case P_HEATMAP: plot_heatmap(f, x); break;
        case P_MAP: plot_map(f, x); break;
        case P_SWEEP: plot_sweep(f, x, t, vals, scratch); break;
        case P_ABOUT: plot_about(f, x); break;
        default: plot_facts(f, x); break;
        }
        ok = !ferror(f);
        ok = fclose(f) == 0 && ok;
    }
    free(vals);
    return ok ? 0 : -1;
}
