/* report_plotdata.c - plotdata/ of a results folder: the inputs of the
 * plots/ scripts (see figures.h), one file a figure, in gnuplot's syntax. */
#include "report.h"
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
void report_gstr(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputc('\'', f);
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
    }
    fputc('\'', f);
}

/* s as a string of a data file (targets.dat): gnuplot's data reader takes
 * only double quotes, with no escapes, so a " inside becomes ' and control
 * characters become spaces. (Data files are read, never evaluated: no
 * backquote expansion there.) */
void report_gdstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
        fputc(*s == '"' ? '\'' : (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
    fputc('"', f);
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

/* The sweep on the figure's x axis: the last (the fastest varying);
 * NULL without a sweep. */
static const scenario_sweep *x_sweep(const scenario_plan *p)
{
    return p->nsweeps ? &p->sweep[p->nsweeps - 1] : NULL;
}

/* The lines of the sweep figure: each listed variant (or the one
 * baseline) with each combination of the sweeps before the last. */
static size_t sweep_bases(const scenario_plan *p)
{
    size_t nb = p->nlisted ? p->nlisted : 1;
    for (size_t j = 0; j + 1 < p->nsweeps; j++)
        nb *= p->sweep[j].n;
    return nb;
}

/* The name of line b of the sweep figure: the listed variant's (or
 * "baseline") with one sweep, else the name of the line's first variant
 * without its last part ", SETTING=VALUE". */
static void sweep_base_name(const scenario_plan *p, size_t b, char *out, size_t n)
{
    if (p->nsweeps <= 1) {
        snprintf(out, n, "%s", p->nlisted ? p->listed[b].name : "baseline");
        return;
    }
    const char *name = p->v[b * x_sweep(p)->n].name, *cut = strrchr(name, ',');
    snprintf(out, n, "%.*s", (int)(cut ? (size_t)(cut - name) : strlen(name)), name);
}

/* 1 if every value of the x-axis sweep is a number (*vals filled). */
static int numeric_sweep(const scenario_plan *p, double *vals)
{
    const scenario_sweep *w = x_sweep(p);
    for (size_t k = 0; w && k < w->n; k++) {
        char *end;
        vals[k] = strtod(w->values[k], &end);
        if (end == w->values[k] || *end)
            return 0;
    }
    return w != NULL;
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
        report_gdstr(f, names);
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

/* The day-by-day series of daily.dat and prevention.dat. */
typedef enum {
    DS_CALLS, DS_BUSY, DS_DESK, DS_ONDUTY, DS_OVERTIME, DS_POOL, DS_OOC, DS_ARRESTS,
    DS_PREVENTED
} day_series;

static double day_value(const world_day *day, day_series s)
{
    double on = 0;
    switch (s) {
    case DS_CALLS: return (double)day->incidents;
    case DS_BUSY:
        return (day->act_min[ACT_TRAVEL] + day->act_min[ACT_SCENE] +
                day->act_min[ACT_FOLLOWUP]) / 60;
    case DS_DESK: return day->act_min[ACT_DESK] / 60;
    case DS_ONDUTY:
        for (int a = 1; a < ACT_N; a++)
            on += day->act_min[a];
        return on / 60;
    case DS_OVERTIME: return day->overtime_min / 60;
    case DS_POOL: return (double)day->offender_pool;
    case DS_OOC: return (double)day->out_of_control;
    case DS_ARRESTS: return (double)day->arrests;
    default: return (double)day->prevented;
    }
}

/* The window of days the figures smooth daily.dat with (meta.gp's
 * daily_ma): 7 days, 28 for runs longer than 400 days. */
static size_t daily_window(const experiment *x)
{
    size_t nd = 0;
    for (size_t v = 0; v < x->nvar; v++)
        nd = x->res[v * x->reps].ndays > nd ? x->res[v * x->reps].ndays : nd;
    return nd > 400 ? 28 : 7;
}

/* Mean over the replications of series s of variant v on day d. */
static double day_mean(const experiment *x, size_t v, size_t d, day_series s)
{
    double sum = 0;
    for (size_t k = 0; k < x->reps; k++)
        sum += day_value(&x->res[v * x->reps + k].days[d], s);
    return sum / (double)x->reps;
}

/* Prints the 95 % interval across replications (low high) of the mean of
 * series s of variant v over the w days ending with day d: NaN NaN before
 * the window is full or with fewer than two replications. */
static void day_band(FILE *f, const experiment *x, size_t v, size_t d, size_t w, day_series s,
                     double *scratch)
{
    size_t n = 0;
    for (size_t k = 0; x->reps > 1 && d + 1 >= w && k < x->reps; k++) {
        const world_day *days = x->res[v * x->reps + k].days;
        double sum = 0;
        for (size_t j = d + 1 - w; j <= d; j++)
            sum += day_value(&days[j], s);
        scratch[n++] = sum / (double)w;
    }
    sim_ci c = n ? report_ci_of(scratch, n) : report_no_ci;
    gnum(f, c.low);
    gnum(f, c.high);
}

static void plot_daily(FILE *f, const experiment *x, double *scratch)
{
    size_t w = daily_window(x);
    fprintf(f, "# day incidents busy_hours desk_hours onduty_hours overtime_hours "
               "response_mean_min (means over replications), then the 95 %% interval "
               "across replications (low high) of the trailing %zu-day mean of incidents, "
               "busy_hours and desk_hours (NaN until the window is full, or with one "
               "replication)\n", w);
    static const day_series cols[] = {DS_CALLS, DS_BUSY, DS_DESK, DS_ONDUTY, DS_OVERTIME};
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        size_t nd = x->res[v * x->reps].ndays;
        for (size_t d = 0; d < nd; d++) {
            double rt = 0;
            size_t nrt = 0;
            for (size_t k = 0; k < x->reps; k++) {
                const world_day *day = &x->res[v * x->reps + k].days[d];
                if (day->answered) {
                    rt += day->response_sum / (double)day->answered;
                    nrt++;
                }
            }
            fprintf(f, "%zu", d);
            for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
                gnum(f, day_mean(x, v, d, cols[c]));
            gnum(f, nrt ? rt / (double)nrt : NAN);
            for (size_t c = 0; c < 3; c++)
                day_band(f, x, v, d, w, cols[c], scratch);
            fputc('\n', f);
        }
    }
}

#define PREVENTION_WINDOW 7 /* days: the moving mean of plots/prevention.gp */

static void plot_prevention(FILE *f, const experiment *x, double *scratch)
{
    fputs("# day offender_pool out_of_control arrests incidents prevented_direct (means over "
          "replications; the first two NaN for a variant without the proactive layer), then "
          "95 % intervals across replications (low high) of offender_pool and out_of_control "
          "on the day and of the trailing 7-day mean of arrests and incidents (NaN with one "
          "replication)\n", f);
    static const day_series cols[] = {DS_POOL, DS_OOC, DS_ARRESTS, DS_CALLS, DS_PREVENTED};
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        int pv = x->s[v].prevention.enabled;
        size_t nd = x->res[v * x->reps].ndays;
        for (size_t d = 0; d < nd; d++) {
            fprintf(f, "%zu", d);
            for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
                gnum(f, c < 2 && !pv ? NAN : day_mean(x, v, d, cols[c]));
            for (size_t c = 0; c < 4; c++) {
                if (c < 2 && !pv)
                    fputs(" NaN NaN", f);
                else
                    day_band(f, x, v, d, c < 2 ? 1 : PREVENTION_WINDOW, cols[c], scratch);
            }
            fputc('\n', f);
        }
    }
}

/* Mean response time of beat b's calls in variant v, over the
 * replications (NaN when none was answered). */
static double beat_response(const experiment *x, size_t v, size_t b)
{
    double rsum = 0, ans = 0;
    for (size_t k = 0; k < x->reps; k++) {
        const world_result *w = &x->res[v * x->reps + k];
        rsum += w->beat_response_sum[b];
        ans += (double)w->beat_answered[b];
    }
    return ans > 0 ? rsum / ans : NAN;
}

/* Share of days on which beat b had nobody there in hour h, variant v,
 * mean over the replications. */
static double beat_hour_gap(const experiment *x, size_t v, size_t b, int h)
{
    double g = 0;
    for (size_t k = 0; k < x->reps; k++) {
        const world_result *w = &x->res[v * x->reps + k];
        g += (double)w->beat_hour_gaps[b * 24 + (size_t)h] / (w->observed_min / 1440.0);
    }
    return g / (double)x->reps;
}

/* 1 if variant v has the baseline's beats (same count and places), so
 * that its beats can be compared one by one. */
static int same_beats(const experiment *x, size_t v)
{
    const city *a = &x->c[x->plan.baseline], *b = &x->c[v];
    if (a->nbeats != b->nbeats)
        return 0;
    for (size_t i = 0; i < a->nbeats; i++)
        if (a->beats[i].x != b->beats[i].x || a->beats[i].y != b->beats[i].y)
            return 0;
    return 1;
}

/* The variants drawn against the baseline in the difference figures:
 * every other variant with the baseline's beats, and when there are more
 * than DIFF_MAX, the DIFF_MAX whose mean absolute difference from the
 * baseline (over the beats, or beat-hours) is largest, in plan order.
 * heat: 0 mean response per beat, 1 coverage gap per beat and hour. */
#define DIFF_MAX 6
typedef struct diff_pick {
    size_t v[DIFF_MAX], n;
} diff_pick;

static double diff_value(const experiment *x, size_t v, size_t b, int h, int heat)
{
    size_t base = x->plan.baseline;
    return heat ? beat_hour_gap(x, v, b, h) - beat_hour_gap(x, base, b, h)
                : beat_response(x, v, b) - beat_response(x, base, b);
}

static diff_pick pick_diffs(const experiment *x, int heat)
{
    diff_pick p = {{0}, 0};
    double score[DIFF_MAX];
    size_t nb = x->c[x->plan.baseline].nbeats;
    for (size_t v = 0; v < x->nvar; v++) {
        if (v == x->plan.baseline || !same_beats(x, v))
            continue;
        double sum = 0;
        size_t n = 0;
        for (size_t b = 0; b < nb; b++)
            for (int h = 0; h < (heat ? 24 : 1); h++) {
                double d = diff_value(x, v, b, h, heat);
                if (!isnan(d)) {
                    sum += fabs(d);
                    n++;
                }
            }
        double sc = n ? sum / (double)n : 0;
        size_t at = p.n;
        if (p.n == DIFF_MAX) { /* replace the smallest score, if smaller */
            at = 0;
            for (size_t i = 1; i < p.n; i++)
                if (score[i] < score[at])
                    at = i;
            if (!(sc > score[at]))
                continue;
            for (size_t i = at; i + 1 < p.n; i++) { /* keep plan order */
                p.v[i] = p.v[i + 1];
                score[i] = score[i + 1];
            }
            at = p.n - 1;
        } else {
            p.n++;
        }
        p.v[at] = v;
        score[at] = sc;
    }
    return p;
}

static void plot_map_diff(FILE *f, const experiment *x, const diff_pick *p)
{
    const city *c = &x->c[x->plan.baseline];
    fputs("# x_km y_km half_km shape(0 square, 1 disc) response_diff_min: mean response "
          "of the beat's calls, variant minus baseline (NaN where either answered none); "
          "one block per variant of meta.gp's mapdiff\n", f);
    for (size_t i = 0; i < p->n; i++) {
        fprintf(f, "%s# %s\n", i ? "\n\n" : "", x->plan.v[p->v[i]].name);
        for (size_t b = 0; b < c->nbeats; b++) {
            const city_beat *cb = &c->beats[b];
            gnum(f, cb->x);
            gnum(f, cb->y);
            gnum(f, cb->half);
            fprintf(f, " %d", cb->shape == SHAPE_DISC);
            gnum(f, diff_value(x, p->v[i], b, 0, 0));
            fputc('\n', f);
        }
    }
}

static void plot_heatmap_diff(FILE *f, const experiment *x, const diff_pick *p)
{
    size_t nb = x->c[x->plan.baseline].nbeats;
    fputs("# a matrix per variant of meta.gp's heatdiff: a row per beat, a column per hour "
          "of day, the share of days with nobody there, variant minus baseline\n", f);
    for (size_t i = 0; i < p->n; i++) {
        fprintf(f, "%s# %s\n", i ? "\n\n" : "", x->plan.v[p->v[i]].name);
        for (size_t b = 0; b < nb; b++) {
            for (int h = 0; h < 24; h++)
                gnum(f, diff_value(x, p->v[i], b, h, 1));
            fputc('\n', f);
        }
    }
}

/* Mean response by hour of day per variant with its 95 % interval over
 * the replications (the mean of each replication's hour means). */
static void plot_response_hour(FILE *f, const experiment *x, double *scratch)
{
    fputs("# hour response_mean_min ci95_low ci95_high n: the mean response of the calls "
          "arriving in that hour of day, mean of the replications' means and its 95 % "
          "Student-t interval (NaN with fewer than two replications with calls in it); n "
          "replications with calls in it\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "%s# %s\n", v ? "\n\n" : "", x->plan.v[v].name);
        for (int h = 0; h < 24; h++) {
            for (size_t k = 0; k < x->reps; k++)
                scratch[k] = report_hour_means(&x->res[v * x->reps + k], h, 24,
                                               (double)x->c[v].nbeats).response;
            sim_ci c = report_ci_of(scratch, x->reps);
            fprintf(f, "%d", h);
            gnum(f, c.mean);
            gnum(f, c.low);
            gnum(f, c.high);
            fprintf(f, " %zu\n", c.n);
        }
    }
}

/* The table of settings generated from docs/scenarios.md (the Makefile
 * writes build/models/settings_doc.c). */
static const setting_doc *setting_doc_find(const char *path)
{
    for (size_t k = 0; k < setting_ndocs; k++)
        if (!strcmp(setting_docs[k].path, path))
            return &setting_docs[k];
    return NULL;
}

/* The swept setting as its documentation names it: list entries [3]
 * become [i], a land type land.<type>. */
static void setting_doc_path(char *out, size_t n, const char *path)
{
    size_t o = 0;
    const char *p = path;
    if (!strncmp(p, "land.", 5)) {
        for (int l = 0; l < LAND_NTYPES; l++) {
            size_t len = strlen(land_type_names[l]);
            if (!strncmp(p + 5, land_type_names[l], len) && p[5 + len] == '.') {
                o = (size_t)snprintf(out, n, "land.<type>");
                p += 5 + len;
                break;
            }
        }
    }
    for (; *p && o + 4 < n; p++) {
        if (p[0] == '[' && p[1] >= '0' && p[1] <= '9') {
            const char *q = p + 1;
            while (*q >= '0' && *q <= '9')
                q++;
            if (*q == ']') {
                memcpy(out + o, "[i]", 3);
                o += 3;
                p = q;
                continue;
            }
        }
        out[o++] = *p;
    }
    out[o < n ? o : n - 1] = '\0';
}

/* The x label of the sweep figure: the setting and its unit from the
 * documentation, "officers.[0].per (residents (households) per officer)". */
static void sweep_label(char *out, size_t n, const char *setting)
{
    char path[256];
    setting_doc_path(path, sizeof path, setting);
    const setting_doc *d = setting_doc_find(path);
    if (d && *d->unit)
        snprintf(out, n, "%s (%s)", setting, d->unit);
    else
        snprintf(out, n, "%s", setting);
}

/* The response targets of the land types of the baseline's city, each
 * distinct (priority, minutes) once: meta.gp's target_min[] and
 * target_prio[] (for the sweep figure's target line). */
static void meta_targets(FILE *f, const experiment *x)
{
    const scenario *s = &x->s[x->plan.baseline];
    const city *c = &x->c[x->plan.baseline];
    int present[LAND_NTYPES] = {0};
    for (size_t b = 0; b < c->nbeats; b++)
        present[c->beats[b].land] = 1;
    double tmin[3 * LAND_NTYPES];
    int prio[3 * LAND_NTYPES];
    size_t n = 0;
    for (int pr = 0; pr < 3; pr++)
        for (int l = 0; l < LAND_NTYPES; l++) {
            size_t j = 0;
            while (j < n && !(prio[j] == pr + 1 && tmin[j] == s->land[l].target_min[pr]))
                j++;
            if (present[l] && j == n) {
                tmin[n] = s->land[l].target_min[pr];
                prio[n++] = pr + 1;
            }
        }
    fprintf(f, "ntargets = %zu\narray target_min[%zu] = [", n, n ? n : 1);
    for (size_t j = 0; j < n; j++)
        fprintf(f, "%s%.9g", j ? ", " : "", tmin[j]);
    fprintf(f, "%s]\narray target_prio[%zu] = [", n ? "" : "0", n ? n : 1);
    for (size_t j = 0; j < n; j++)
        fprintf(f, "%s%d", j ? ", " : "", prio[j]);
    fprintf(f, "%s]\n", n ? "" : "0");
}

/* name = N, then array name[N] of the variants' indices (0-based). */
static void meta_pick(FILE *f, const char *name, const diff_pick *p)
{
    fprintf(f, "n%s = %zu\narray %s[%zu] = [", name, p->n, name, p->n ? p->n : 1);
    for (size_t i = 0; i < p->n; i++)
        fprintf(f, "%s%zu", i ? ", " : "", p->v[i]);
    fprintf(f, "%s]\n", p->n ? "" : "0");
}

/* 1 if the baseline's beats are polygons (a city from map layers). */
static int map_has_shapes(const experiment *x)
{
    const city *c = &x->c[x->plan.baseline];
    return c->nbeats > 0 && c->beats[0].poly;
}

static void plot_meta(FILE *f, const experiment *x, int sweep, const vtable *t,
                      const diff_pick *mapdiff, const diff_pick *heatdiff, double *scratch)
{
    const scenario_plan *p = &x->plan;
    fputs("# beatsim plot data: the experiment (see plots/common.gp)\nscenario = ", f);
    report_gstr(f, x->base.name);
    fprintf(f, "\nnvar = %zu\nbaseline = %zu\nbaseline_name = ", x->nvar, p->baseline);
    report_gstr(f, p->v[p->baseline].name);
    fprintf(f, "\narray variant[%zu] = [", x->nvar);
    for (size_t v = 0; v < x->nvar; v++) {
        fputs(v ? ", " : "", f);
        report_gstr(f, p->v[v].name);
    }
    int prevention = 0;
    for (size_t v = 0; v < x->nvar; v++)
        prevention |= x->s[v].prevention.enabled != 0;
    fprintf(f, "]\nreps = %zu\nnbeats = %zu\nprevention = %d\nsweep_setting = ", x->reps,
            x->c[p->baseline].nbeats, prevention);
    report_gstr(f, sweep ? x_sweep(p)->setting : "");
    size_t nb = sweep ? sweep_bases(p) : 0;
    char label[512];
    sweep_label(label, sizeof label, sweep ? x_sweep(p)->setting : "");
    fputs("\nsweep_label = ", f);
    report_gstr(f, label);
    /* the lines are named in the key when they are listed variants or
       combinations of other sweeps */
    fprintf(f, "\nnsweeplisted = %zu\nnsweepbase = %zu\n",
            sweep ? (p->nsweeps > 1 ? nb : p->nlisted) : 0, nb);
    fprintf(f, "daily_ma = %zu\n", daily_window(x));
    fprintf(f, "mapshapes = %d\n", map_has_shapes(x)); /* map_shapes.dat, map_rings.dat */
    if (x->plan.sa.on && t)
        report_sa_meta(f, x, t, scratch);
    meta_targets(f, x);
    meta_pick(f, "mapdiff", mapdiff);
    meta_pick(f, "heatdiff", heatdiff);
    if (sweep && t) {
        size_t nm = 0;
        const char **m = sweep_metric_list(t, p->baseline, &nm);
        fprintf(f, "nsweepmetric = %zu\narray sweep_metric[%zu] = [", nm, nm ? nm : 1);
        for (size_t k = 0; k < nm; k++) {
            fputs(k ? ", " : "", f);
            report_gstr(f, m[k]);
        }
        fputs(nm ? "]\n" : "'']\n", f);
        free(m);
    }
    if (nb) {
        fprintf(f, "array sweepbase[%zu] = [", nb);
        for (size_t i = 0; i < nb; i++) {
            fputs(i ? ", " : "", f);
            char name[160];
            sweep_base_name(p, i, name, sizeof name);
            report_gstr(f, name);
        }
        fputs("]\n", f);
    }
}

static void plot_heatmap(FILE *f, const experiment *x)
{
    size_t v = x->plan.baseline;
    fputs("# a row per beat, a column per hour of day: the share of days on which nobody "
          "was there, baseline, mean over replications\n", f);
    for (size_t b = 0; b < x->c[v].nbeats; b++) {
        for (int h = 0; h < 24; h++)
            gnum(f, beat_hour_gap(x, v, b, h));
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
        double inc = 0, gap = 0;
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            double days = w->observed_min / 1440.0;
            inc += (double)w->beat_incidents[b] / days;
            gap += (double)w->beat_gaps[b] / (days * 24);
        }
        gnum(f, cb->x);
        gnum(f, cb->y);
        gnum(f, cb->half);
        fprintf(f, " %d", cb->shape == SHAPE_DISC);
        gnum(f, beat_response(x, v, b));
        gnum(f, inc / (double)x->reps);
        gnum(f, gap / (double)x->reps);
        fprintf(f, " %d\n", cb->station);
    }
}

/* The polygon beats as their triangles, each filled by the beat's
 * values (the columns of map.dat, so map.gp's column numbers hold), and
 * their rings as outlines. */
static void plot_map_shapes(FILE *f, const experiment *x)
{
    size_t v = x->plan.baseline;
    const city *c = &x->c[v];
    fputs("# polygon beats as triangles (4 points, closed, a blank line after each): x_km y_km "
          "0 0 response_mean_min incidents_per_day coverage_gap_share station\n", f);
    for (size_t b = 0; b < c->nbeats; b++) {
        const polygon *p = c->beats[b].poly;
        double inc = 0, gap = 0;
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            double days = w->observed_min / 1440.0;
            inc += (double)w->beat_incidents[b] / days;
            gap += (double)w->beat_gaps[b] / (days * 24);
        }
        double resp = beat_response(x, v, b);
        for (size_t t = 0; p && t < p->ntri; t++) {
            for (int k = 0; k < 4; k++) {
                gnum(f, p->tri[6 * t + 2 * (k % 3)]);
                gnum(f, p->tri[6 * t + 2 * (k % 3) + 1]);
                fputs(" 0 0", f);
                gnum(f, resp);
                gnum(f, inc / (double)x->reps);
                gnum(f, gap / (double)x->reps);
                fprintf(f, " %d\n", c->beats[b].station);
            }
            fputc('\n', f);
        }
    }
}

/* map_diff.dat's values on the polygon beats' triangles: one block per
 * variant of mapdiff (two blank lines apart), a triangle a sub-block. */
static void plot_map_diff_shapes(FILE *f, const experiment *x, const diff_pick *pk)
{
    const city *c = &x->c[x->plan.baseline];
    fputs("# polygon beats as triangles, one block per variant of meta.gp's mapdiff: x_km y_km "
          "0 0 response_diff_min (as map_diff.dat)\n", f);
    for (size_t i = 0; i < pk->n; i++) {
        fprintf(f, "%s# %s\n", i ? "\n\n" : "", x->plan.v[pk->v[i]].name);
        for (size_t b = 0; b < c->nbeats; b++) {
            const polygon *p = c->beats[b].poly;
            double d = diff_value(x, pk->v[i], b, 0, 0);
            for (size_t t = 0; p && t < p->ntri; t++) {
                for (int k = 0; k < 4; k++) {
                    gnum(f, p->tri[6 * t + 2 * (k % 3)]);
                    gnum(f, p->tri[6 * t + 2 * (k % 3) + 1]);
                    fputs(" 0 0", f);
                    gnum(f, d);
                    fputc('\n', f);
                }
                if (b + 1 < c->nbeats || t + 1 < p->ntri)
                    fputc('\n', f);
            }
        }
    }
}

static void plot_map_rings(FILE *f, const experiment *x)
{
    const city *c = &x->c[x->plan.baseline];
    fputs("# the rings of the polygon beats (closed, a blank line after each): x_km y_km 0 "
          "beat\n", f);
    for (size_t b = 0; b < c->nbeats; b++) {
        const polygon *p = c->beats[b].poly;
        for (size_t r = 0; p && r < p->nrings; r++) {
            for (size_t i = p->ring[r]; i <= p->ring[r + 1]; i++) {
                size_t j = i < p->ring[r + 1] ? i : p->ring[r];
                gnum(f, p->x[j]);
                gnum(f, p->y[j]);
                fprintf(f, " 0 %zu\n", b);
            }
            fputc('\n', f);
        }
    }
}

static void plot_sweep(FILE *f, const experiment *x, const vtable *t, const double *vals,
                       double *scratch)
{
    const scenario_plan *p = &x->plan;
    size_t nb = sweep_bases(p), ns = x_sweep(p)->n, nm = 0;
    const char **names = sweep_metric_list(t, p->baseline, &nm);
    if (!names)
        return;
    fprintf(f, "# value, then mean ci95_low ci95_high of each metric in meta.gp's "
               "sweep_metric order\n# swept setting: %s\n", x_sweep(p)->setting);
    for (size_t i = 0; i < nb; i++) {
        char name[160];
        sweep_base_name(p, i, name, sizeof name);
        fprintf(f, "%s# %s\n", i ? "\n\n" : "", name);
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
/* v rounded to a whole number with commas between thousands. */
static const char *thousands(char *buf, size_t n, double v)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", fabs(v) < 1e18 ? round(v) : 0);
    size_t len = strlen(digits), lead = digits[0] == '-', k = 0;
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        if (i > lead && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

static void plot_facts(FILE *f, const experiment *x)
{
    const scenario *s = &x->base;
    const city *c = &x->c[x->plan.baseline];
    fprintf(f, "scenario\t%s (%s)\n", s->name, s->source);
    char people[40];
    fprintf(f, "city\t%zu station%s, %zu beat%s, %s residents\n", c->nstations,
            c->nstations == 1 ? "" : "s", c->nbeats, c->nbeats == 1 ? "" : "s",
            thousands(people, sizeof people, c->residents));
    fprintf(f, "run\t%zu variant%s x %zu replication%s of %g day%s after %g day%s of warm-up\n",
            x->nvar, x->nvar == 1 ? "" : "s", x->reps, x->reps == 1 ? "" : "s", s->days,
            s->days == 1 ? "" : "s", s->warmup_days, s->warmup_days == 1 ? "" : "s");
    fprintf(f, "seed\t%llu\n", (unsigned long long)s->seed);
    fprintf(f, "baseline\t%s\n", x->plan.v[x->plan.baseline].name);
    for (size_t v = 0; v < x->nvar; v++) {
        fprintf(f, "variant %s\t%zu officers", x->plan.v[v].name, x->r[v].nsworn);
        if (x->r[v].n > x->r[v].nsworn)
            fprintf(f, " and %zu auxiliary police", x->r[v].n - x->r[v].nsworn);
        for (size_t k = 0; k < x->plan.v[v].nsets; k++) /* a sweep's name is its value */
            if (x->plan.v[v].nsets > 1 || strcmp(x->plan.v[v].sets[k].text, x->plan.v[v].name))
                fprintf(f, "; %s", x->plan.v[v].sets[k].text);
        fputc('\n', f);
    }
}

typedef enum {
    P_META, P_HOUR, P_RESPONSE_HOUR, P_CDF, P_TARGETS, P_ACTIVITY, P_DAILY, P_PREVENTION,
    P_HEATMAP, P_HEATMAP_DIFF, P_MAP, P_MAP_DIFF, P_SWEEP, P_ABOUT, P_FACTS,
    P_MAP_SHAPES, P_MAP_RINGS, P_MAP_DIFF_SHAPES, P_N
} plot_file;
static const char *const plot_names[P_N] = {
    "meta.gp", "hour.dat", "response_hour.dat", "cdf.dat", "targets.dat", "activity.dat",
    "daily.dat", "prevention.dat", "heatmap.dat", "heatmap_diff.dat", "map.dat",
    "map_diff.dat", "sweep.dat", "about.txt", "facts.txt", "map_shapes.dat", "map_rings.dat",
    "map_diff_shapes.dat"};

int report_plotdata_write(const char *dir, const experiment *x, const vtable *t,
                          double *scratch)
{
    char pd[4096], path[4096];
    if (report_join_path(pd, sizeof pd, dir, "plotdata") != 0 || mkdir(pd, 0777) != 0)
        return -1;
    double *vals = malloc((x_sweep(&x->plan) ? x_sweep(&x->plan)->n : 1) * sizeof *vals);
    if (!vals)
        return -1;
    int sweep = numeric_sweep(&x->plan, vals), ok = 1;
    diff_pick mapdiff = pick_diffs(x, 0), heatdiff = pick_diffs(x, 1);
    for (int k = 0; ok && k < P_N; k++) {
        if ((k == P_SWEEP && !sweep) || (k == P_MAP_DIFF && !mapdiff.n) ||
            (k == P_HEATMAP_DIFF && !heatdiff.n) ||
            ((k == P_MAP_SHAPES || k == P_MAP_RINGS) && !map_has_shapes(x)) ||
            (k == P_MAP_DIFF_SHAPES && (!mapdiff.n || !map_has_shapes(x))))
            continue;
        FILE *f = report_join_path(path, sizeof path, pd, plot_names[k]) ? NULL : fopen(path, "w");
        if (!f) {
            ok = 0;
            break;
        }
        switch ((plot_file)k) {
        case P_META: plot_meta(f, x, sweep, t, &mapdiff, &heatdiff, scratch); break;
        case P_HOUR: plot_hour(f, x); break;
        case P_RESPONSE_HOUR: plot_response_hour(f, x, scratch); break;
        case P_CDF: plot_cdf(f, x); break;
        case P_TARGETS: plot_targets(f, x); break;
        case P_ACTIVITY: plot_activity(f, x); break;
        case P_DAILY: plot_daily(f, x, scratch); break;
        case P_PREVENTION: plot_prevention(f, x, scratch); break;
        case P_HEATMAP: plot_heatmap(f, x); break;
        case P_HEATMAP_DIFF: plot_heatmap_diff(f, x, &heatdiff); break;
        case P_MAP: plot_map(f, x); break;
        case P_MAP_DIFF: plot_map_diff(f, x, &mapdiff); break;
        case P_SWEEP: plot_sweep(f, x, t, vals, scratch); break;
        case P_ABOUT: plot_about(f, x); break;
        case P_MAP_SHAPES: plot_map_shapes(f, x); break;
        case P_MAP_RINGS: plot_map_rings(f, x); break;
        case P_MAP_DIFF_SHAPES: plot_map_diff_shapes(f, x, &mapdiff); break;
        default: plot_facts(f, x); break;
        }
        ok = !ferror(f);
        ok = fclose(f) == 0 && ok;
    }
    free(vals);
    return ok ? 0 : -1;
}
