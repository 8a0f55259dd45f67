/* report.c - the summary table and the results folder. */
#include "report.h"
#include "figures.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

/* Lines of a manifest listing the files written (see "what a results
 * folder holds" below). */
#define FILE_LINE "file "

/* ---- metrics across replications ------------------------------------------- */

/* One variant's metrics: names (from replication 0) and one row of values
 * per replication, values[k * n + m]. */
typedef struct vtable {
    world_metric *names;
    double *values;
    size_t n, reps;
} vtable;

static void vtables_free(vtable *t, size_t nvar)
{
    for (size_t v = 0; t && v < nvar; v++) {
        free(t[v].names);
        free(t[v].values);
    }
    free(t);
}

/* The metric tables of every variant, or NULL when memory ran out. */
static vtable *vtables_build(const experiment *x)
{
    vtable *t = calloc(x->nvar, sizeof *t);
    if (!t)
        return NULL;
    for (size_t v = 0; v < x->nvar; v++) {
        const world_result *res = &x->res[v * x->reps];
        vtable *tv = &t[v];
        tv->reps = x->reps;
        tv->n = world_metrics(&res[0], &x->s[v], NULL, 0);
        tv->names = malloc(tv->n * sizeof *tv->names);
        tv->values = malloc(tv->n * x->reps * sizeof *tv->values);
        world_metric *row = malloc(tv->n * sizeof *row);
        if (!tv->names || !tv->values || !row) {
            free(row);
            vtables_free(t, x->nvar);
            return NULL;
        }
        world_metrics(&res[0], &x->s[v], tv->names, tv->n);
        for (size_t k = 0; k < x->reps; k++) {
            world_metrics(&res[k], &x->s[v], row, tv->n);
            for (size_t m = 0; m < tv->n; m++)
                tv->values[k * tv->n + m] = row[m].value;
        }
        free(row);
    }
    return t;
}

static long vfind(const vtable *t, const char *name)
{
    for (size_t m = 0; m < t->n; m++)
        if (!strcmp(t->names[m].name, name))
            return (long)m;
    return -1;
}

static const sim_ci no_ci = {0, NAN, NAN, NAN, NAN, NAN};

/* Mean and 95 % interval of x[0 .. n) without its NaN values (a priority
 * with no calls in some replication). */
static sim_ci ci_of(double *x, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            x[k++] = x[i];
    return k ? sim_ci_compute(x, 1, k, 0.05) : no_ci;
}

/* Interval of metric m of table t; `scratch` holds t->reps doubles. */
static sim_ci metric_ci(const vtable *t, size_t m, double *scratch)
{
    for (size_t k = 0; k < t->reps; k++)
        scratch[k] = t->values[k * t->n + m];
    return ci_of(scratch, t->reps);
}

/* Interval of the paired differences a[k] - b[k] of metric ma of table a
 * and mb of table b (replication k against replication k). */
static sim_ci diff_ci(const vtable *a, size_t ma, const vtable *b, size_t mb,
                      double *scratch)
{
    for (size_t k = 0; k < a->reps; k++)
        scratch[k] = a->values[k * a->n + ma] - b->values[k * b->n + mb];
    return ci_of(scratch, a->reps);
}

/* ---- summary table ----------------------------------------------------------- */

typedef struct row {
    const char *label;  /* what a reader sees */
    const char *metric; /* metric name */
    double scale;       /* multiplier for display (100 for shares in %) */
    const char *unit;   /* unit shown */
    int main;           /* 1: shown when comparing variants; 2: the same,
                           for runs with the proactive layer on only */
} row;

static const row rows[] = {
    {"calls per day", "incidents_per_day", 1, "", 0},
    {"response time, mean", "response_mean_min", 1, "min", 1},
    {"response time, median", "response_p50_min", 1, "min", 0},
    {"response time, 90th percentile", "response_p90_min", 1, "min", 1},
    {"  priority 1, mean", "response_p1_mean_min", 1, "min", 1},
    {"  priority 1, 90th percentile", "response_p1_p90_min", 1, "min", 1},
    {"  priority 2, mean", "response_p2_mean_min", 1, "min", 0},
    {"  priority 2, 90th percentile", "response_p2_p90_min", 1, "min", 0},
    {"  priority 3, mean", "response_p3_mean_min", 1, "min", 0},
    {"  priority 3, 90th percentile", "response_p3_p90_min", 1, "min", 0},
    {"reached within target", "within_target_share", 100, "%", 1},
    {"  priority 1", "within_target_p1_share", 100, "%", 0},
    {"calls resolved without a car", "calls_without_car_share", 100, "%", 0},
    {"calls that waited for a unit", "waited_share", 100, "%", 1},
    {"  held for the station's reserve", "held_share", 100, "%", 0},
    {"wait for dispatch, mean", "queue_wait_mean_min", 1, "min", 0},
    {"first unit: the beat's own officer", "first_own_beat_share", 100, "%", 0},
    {"first unit: the own station", "first_own_station_share", 100, "%", 0},
    {"first unit: the patrol tier", "first_patrol_share", 100, "%", 1},
    {"first unit: another station", "first_other_station_share", 100, "%", 1},
    {"officers", "officers_count", 1, "", 1},
    {"auxiliary police", "auxiliary_police_count", 1, "", 0},
    {"officers on duty, mean", "officers_on_duty_mean", 1, "", 1},
    {"relief factor (officers / on duty)", "relief_factor", 1, "", 0},
    {"shifts lost to absence", "absence_share", 100, "%", 0},
    {"utilisation (calls / on duty)", "utilisation_share", 100, "%", 1},
    {"on-duty time: travel", "travel_share", 100, "%", 0},
    {"on-duty time: on scene", "scene_share", 100, "%", 0},
    {"on-duty time: follow-up", "followup_share", 100, "%", 0},
    {"on-duty time: desk", "desk_share", 100, "%", 0},
    {"on-duty time: breaks", "break_share", 100, "%", 0},
    {"on-duty time: available", "available_share", 100, "%", 0},
    {"on-duty time: returning", "return_share", 100, "%", 0},
    {"overtime", "overtime_hours", 1, "h", 1},
    {"beat-hours with nobody there", "coverage_gap_share", 100, "%", 1},
    {"calls not reached by the end", "unanswered_count", 1, "", 1},
    /* the proactive layer (hidden when it is off) */
    {"on-duty time: proactive work", "proactive_share", 100, "%", 2},
    {"calls prevented (direct)", "prevented_direct_count", 1, "", 2},
    {"burglaries", "incidents_burglary_count", 1, "", 2},
    {"arrests", "arrests_count", 1, "", 2},
    {"active offenders, mean", "offender_pool_mean", 1, "", 2},
    {"key persons out of control, mean", "out_of_control_mean", 1, "", 2},
    {"households reached by visits", "contacts_count", 1, "", 2},
    {"familiarity, mean (0-1)", "familiarity_mean", 1, "", 2},
    {"migrants registered", "registered_share", 100, "%", 2},
    {"residents' satisfaction (0-100)", "satisfaction_index", 1, "", 2},
};

/* 1 if row k is for the proactive layer and none of the n tables t[]
 * ran with it (offender_pool_mean is undefined then). */
static int hidden(const vtable *t, size_t n, size_t k, double *scratch);

#define NROWS (sizeof rows / sizeof rows[0])

static int hidden(const vtable *t, size_t n, size_t k, double *scratch)
{
    if (rows[k].main != 2)
        return 0;
    for (size_t v = 0; v < n; v++) {
        long m = vfind(&t[v], "offender_pool_mean");
        if (m >= 0 && !isnan(metric_ci(&t[v], (size_t)m, scratch).mean))
            return 0;
    }
    return 1;
}

/* Formats a value for the table: 4 significant digits, whole numbers
 * from 10,000 up (no exponents). */
static const char *fmt(char *buf, size_t n, double v)
{
    if (fabs(v) >= 1e4 && isfinite(v))
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.4g", v);
    return buf;
}

/* One variant: every measure, mean and interval. */
static void summary_one(FILE *f, const vtable *t, double *scratch)
{
    int ci = t->reps >= 2;
    fprintf(f, "%-34s %10s %s\n", "measure", "mean",
            ci ? "unit   95% confidence interval" : "unit");
    for (size_t k = 0; k < NROWS; k++) {
        long m = vfind(t, rows[k].metric);
        if (m < 0 || hidden(t, 1, k, scratch))
            continue;
        sim_ci c = metric_ci(t, (size_t)m, scratch);
        double sc = rows[k].scale;
        char a[32], lo[32], hi[32];
        if (isnan(c.mean))
            fprintf(f, "%-34s %10s\n", rows[k].label, "-");
        else if (ci && !isnan(c.half))
            fprintf(f, "%-34s %10s %-5s  [%s, %s]\n", rows[k].label,
                    fmt(a, sizeof a, c.mean * sc), rows[k].unit,
                    fmt(lo, sizeof lo, c.low * sc), fmt(hi, sizeof hi, c.high * sc));
        else
            fprintf(f, "%-34s %10s%s%s\n", rows[k].label, fmt(a, sizeof a, c.mean * sc),
                    rows[k].unit[0] ? " " : "", rows[k].unit);
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
    for (size_t k = 0; k < NROWS; k++) {
        if (!rows[k].main || vfind(&t[b], rows[k].metric) < 0 || hidden(t, x->nvar, k, scratch))
            continue;
        double sc = rows[k].scale;
        fprintf(f, "\n%s%s%s%s\n", rows[k].label[0] == ' ' ? rows[k].label + 2 : rows[k].label,
                rows[k].unit[0] ? " (" : "", rows[k].unit, rows[k].unit[0] ? ")" : "");
        long mb = vfind(&t[b], rows[k].metric);
        for (size_t v = 0; v < x->nvar; v++) {
            long m = vfind(&t[v], rows[k].metric);
            char a[32], lo[32], hi[32];
            if (m < 0)
                continue;
            sim_ci c = metric_ci(&t[v], (size_t)m, scratch);
            fprintf(f, "  %-*.*s %10s", w, w, x->plan.v[v].name, fmt(a, sizeof a, c.mean * sc));
            if (!isnan(c.half))
                fprintf(f, "  [%s, %s]", fmt(lo, sizeof lo, c.low * sc),
                        fmt(hi, sizeof hi, c.high * sc));
            if (v != b) {
                sim_ci d = diff_ci(&t[v], (size_t)m, &t[b], (size_t)mb, scratch);
                if (!isnan(d.mean)) {
                    fprintf(f, "   %s%s", d.mean >= 0 ? "+" : "", fmt(a, sizeof a, d.mean * sc));
                    if (!isnan(d.half))
                        fprintf(f, " [%s, %s]", fmt(lo, sizeof lo, d.low * sc),
                                fmt(hi, sizeof hi, d.high * sc));
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

/* path = dir/name; 0, or -1 if it does not fit. */
static int join_path(char *path, size_t n, const char *dir, const char *name)
{
    int k = snprintf(path, n, "%s/%s", dir, name);
    return k >= 0 && (size_t)k < n ? 0 : -1;
}

/* ---- CSV files ------------------------------------------------------------------- */

/* Prints ",v": empty for NaN, "inf" for infinity, else the shortest form
 * that reads back to the same double. */
static void num(FILE *f, double v)
{
    fputc(',', f);
    if (isnan(v))
        return;
    if (isinf(v))
        fputs(v > 0 ? "inf" : "-inf", f);
    else
        fprintf(f, "%.17g", v);
}

/* Prints ",v" for a count. */
static void cnt(FILE *f, unsigned long long v)
{
    fprintf(f, ",%llu", v);
}

static void ci_cols(FILE *f, sim_ci c)
{
    num(f, c.mean);
    num(f, c.sd);
    num(f, c.low);
    num(f, c.high);
    cnt(f, c.n);
}

/* Variant names are free text: quote them for CSV. */
static void name_col(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_summary(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    fputs("variant,metric,mean,sd,ci95_low,ci95_high,n\n", f);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t m = 0; m < t[v].n; m++) {
            name_col(f, x->plan.v[v].name);
            fprintf(f, ",%s", t[v].names[m].name);
            ci_cols(f, metric_ci(&t[v], m, scratch));
            fputc('\n', f);
        }
}

static void write_differences(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    size_t b = x->plan.baseline;
    fputs("variant,baseline,metric,mean_difference,sd,ci95_low,ci95_high,n\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        if (v == b)
            continue;
        for (size_t m = 0; m < t[v].n; m++) {
            long mb = vfind(&t[b], t[v].names[m].name);
            if (mb < 0)
                continue;
            name_col(f, x->plan.v[v].name);
            fputc(',', f);
            name_col(f, x->plan.v[b].name);
            fprintf(f, ",%s", t[v].names[m].name);
            ci_cols(f, diff_ci(&t[v], m, &t[b], (size_t)mb, scratch));
            fputc('\n', f);
        }
    }
}

static void write_replications(FILE *f, const experiment *x, const vtable *t)
{
    fputs("variant,replication,metric,value\n", f);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t k = 0; k < x->reps; k++)
            for (size_t m = 0; m < t[v].n; m++) {
                name_col(f, x->plan.v[v].name);
                fprintf(f, ",%zu,%s", k, t[v].names[m].name);
                num(f, t[v].values[k * t[v].n + m]);
                fputc('\n', f);
            }
}

/* by_hour.csv: per hour of the day (the seven days pooled) and per hour
 * of the week; figures per hour of that kind observed. */
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

static hour_means hour_means_of(const world_result *w, int h, int nh, double nb)
{
    uint64_t inc = 0, gaps = 0;
    double on = 0, busy = 0, times = 0; /* whole hours observed */
    sim_tally rt;
    sim_tally_init(&rt);
    for (int j = h; j < 168; j += nh) {
        times += w->week_hours[j];
        inc += w->week_incidents[j];
        gaps += w->week_gaps[j];
        on += w->week_onduty_min[j];
        busy += w->week_busy_min[j];
        sim_tally_merge(&rt, &w->week_response[j]);
    }
    return (hour_means){
        times > 0 ? (double)inc / times : NAN, sim_tally_mean(&rt),
        times > 0 ? on / (times * 60) : NAN, times > 0 ? busy / (times * 60) : NAN,
        nb > 0 && times > 0 ? (double)gaps / (times * nb) : NAN};
}

static void write_by_hour(FILE *f, const experiment *x)
{
    fputs("variant,replication,period,hour,incidents_per_hour,response_mean_min,"
          "officers_on_duty_mean,officers_busy_mean,coverage_gap_share\n", f);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            for (int period = 0; period < 2; period++) {
                int nh = period ? 168 : 24;
                for (int h = 0; h < nh; h++) {
                    hour_means m = hour_means_of(w, h, nh, (double)x->c[v].nbeats);
                    name_col(f, x->plan.v[v].name);
                    fprintf(f, ",%zu,%s,%d", k, period ? "week" : "day", h);
                    num(f, m.incidents);
                    num(f, m.response);
                    num(f, m.onduty);
                    num(f, m.busy);
                    num(f, m.gap);
                    fputc('\n', f);
                }
            }
        }
}

static void write_by_beat(FILE *f, const experiment *x)
{
    fputs("variant,replication,beat,station,land,residents,x_km,y_km,area_km2,"
          "incidents_per_day,response_mean_min,within_target_share,"
          "coverage_gap_share\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        const city *c = &x->c[v];
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            double days = w->observed_min / 1440.0;
            for (size_t b = 0; b < c->nbeats; b++) {
                const city_beat *cb = &c->beats[b];
                double ans = (double)w->beat_answered[b];
                name_col(f, x->plan.v[v].name);
                fprintf(f, ",%zu,%s,%s,%s", k, cb->id, c->stations[cb->station].id,
                        land_type_names[cb->land]);
                num(f, cb->residents);
                num(f, cb->x);
                num(f, cb->y);
                num(f, cb->area_km2);
                num(f, (double)w->beat_incidents[b] / days);
                num(f, ans > 0 ? w->beat_response_sum[b] / ans : NAN);
                num(f, ans > 0 ? (double)w->beat_within[b] / ans : NAN);
                num(f, (double)w->beat_gaps[b] / (days * 24.0));
                fputc('\n', f);
            }
        }
    }
}

static void write_by_officer(FILE *f, const experiment *x)
{
    fputs("variant,replication,officer,group,station,beat,busy_hours_per_week\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        const roster *r = &x->r[v];
        const city *c = &x->c[v];
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            for (size_t i = 0; i < r->n; i++) {
                const roster_officer *o = &r->officers[i];
                name_col(f, x->plan.v[v].name);
                fprintf(f, ",%zu,%zu,%s,%s,%s", k, i, x->s[v].groups[o->group].name,
                        c->stations[o->station].id, o->beat >= 0 ? c->beats[o->beat].id : "");
                num(f, w->observed_min > 0 ? w->officer_busy_min[i] / w->observed_min * 168 : NAN);
                fputc('\n', f);
            }
        }
    }
}

static void write_daily(FILE *f, const experiment *x)
{
    fputs("variant,replication,day,incidents,response_mean_min", f);
    for (int a = 0; a < ACT_N; a++)
        fprintf(f, ",%s_hours", world_activity_names[a]);
    fputs(",overtime_hours,coverage_gap_share,prevented,arrests,contacts,offender_pool,"
          "out_of_control,strike_period\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        double nb = (double)x->c[v].nbeats;
        int pv = x->s[v].prevention.enabled;
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            for (size_t d = 0; d < w->ndays; d++) {
                const world_day *day = &w->days[d];
                name_col(f, x->plan.v[v].name);
                fprintf(f, ",%zu,%zu", k, d);
                cnt(f, day->incidents);
                num(f, day->answered ? day->response_sum / (double)day->answered : NAN);
                for (int a = 0; a < ACT_N; a++)
                    num(f, day->act_min[a] / 60);
                num(f, day->overtime_min / 60);
                num(f, nb > 0 ? (double)day->gap_hours / (24 * nb) : NAN);
                cnt(f, day->prevented);
                cnt(f, day->arrests);
                cnt(f, day->contacts);
                /* states of the proactive layer: empty without it */
                num(f, pv ? (double)day->offender_pool : NAN);
                num(f, pv ? (double)day->out_of_control : NAN);
                num(f, pv ? (double)day->strike_period : NAN);
                fputc('\n', f);
            }
        }
    }
}

/* ---- the scorecard (scorecard.csv, scorecard_beats.csv) ----------------------- */

/* Columns of a unit (a station or a beat) in one replication. */
enum {
    SC_INCIDENTS, SC_CRIMES, SC_PREVENTED_DIRECT, SC_RESPONSE, SC_CLEARED, SC_ARRESTS,
    SC_POOL, SC_OOC, SC_CONTACTS, SC_FAMILIARITY, SC_SATISFACTION,
    SC_PATROL, SC_VISIT, SC_CHECK, SC_STRIKE, SC_NCOL
};
static const char *const sc_names[SC_NCOL] = {
    "incidents", "crimes", "prevented_direct", "response_mean_min", "cleared_share",
    "arrests", "offender_pool_mean", "out_of_control_mean", "contacts", "familiarity_mean",
    "satisfaction", "patrol_hours", "visit_hours", "check_hours", "strike_hours"};

/* The beats of unit u: station u's beats (stations), or beat u alone. */
typedef struct unit_beats {
    const size_t *idx; /* NULL: the single beat `one` */
    size_t n, one;
} unit_beats;

static unit_beats beats_of(const city *c, int stations, size_t u)
{
    if (stations)
        return (unit_beats){c->beat_index + c->stations[u].first_beat, c->stations[u].nbeats, 0};
    return (unit_beats){NULL, 1, u};
}

static size_t ub_at(const unit_beats *ub, size_t i)
{
    return ub->idx ? ub->idx[i] : ub->one;
}

/* Calls arriving in unit u in result w. */
static double unit_incidents(const world_result *w, const unit_beats *ub)
{
    double n = 0;
    for (size_t i = 0; i < ub->n; i++)
        n += (double)w->beat_incidents[ub_at(ub, i)];
    return n;
}

/* Every column of unit u (station u when `stations`, else beat u) in
 * result w of scenario s; NaN where undefined (station-only columns of a
 * beat, a share of nothing, the proactive layer's states when it is off). */
static void unit_values(const world_result *w, const scenario *s, int stations, size_t u,
                        const unit_beats *ub, double *col)
{
    double inc = 0, crimes = 0, prev = 0, rsum = 0, ans = 0, cleared = 0, ooc = 0,
           contacts = 0, fam = 0, famw = 0, sat = 0, satw = 0;
    double work[WORK_KINDS] = {0};
    int pv = s->prevention.enabled;
    for (size_t i = 0; i < ub->n; i++) {
        size_t b = ub_at(ub, i);
        double hh = w->beat_households[b];
        inc += (double)w->beat_incidents[b];
        crimes += (double)w->beat_crimes[b];
        prev += (double)w->beat_prevented[b];
        rsum += w->beat_response_sum[b];
        ans += (double)w->beat_answered[b];
        cleared += (double)w->beat_cleared[b];
        if (w->ooc_samples)
            ooc += w->beat_ooc_sum[b] / w->ooc_samples;
        contacts += (double)w->beat_contacts[b];
        if (w->pday_samples) {
            /* one beat: its own value; a station: weighted by households */
            double wt = stations ? hh : 1;
            fam += wt * w->beat_fam_sum[b] / w->pday_samples;
            famw += wt;
        }
        double sb = world_satisfaction(w, s, b);
        if (!isnan(sb)) {
            double wt = stations ? hh : 1;
            sat += wt * sb;
            satw += wt;
        }
        if (!stations) /* a station's own totals also hold its strike work */
            for (int k = 0; k < WORK_KINDS; k++)
                work[k] += w->beat_work_min[b * WORK_KINDS + (size_t)k];
    }
    if (stations)
        for (int k = 0; k < WORK_KINDS; k++)
            work[k] = w->station_work_min[u * WORK_KINDS + (size_t)k];
    col[SC_INCIDENTS] = inc;
    col[SC_CRIMES] = crimes;
    col[SC_PREVENTED_DIRECT] = prev;
    col[SC_RESPONSE] = ans > 0 ? rsum / ans : NAN;
    col[SC_CLEARED] = inc > 0 ? cleared / inc : NAN;
    col[SC_ARRESTS] = stations ? (double)w->station_arrests[u] : NAN;
    col[SC_POOL] = stations && pv && w->pday_samples ? w->station_pool_sum[u] / w->pday_samples
                                                     : NAN;
    col[SC_OOC] = pv && w->ooc_samples ? ooc : NAN;
    col[SC_CONTACTS] = contacts;
    col[SC_FAMILIARITY] = pv && famw > 0 ? fam / famw : NAN;
    col[SC_SATISFACTION] = satw > 0 ? sat / satw : NAN;
    col[SC_PATROL] = work[WORK_PATROL] / 60;
    col[SC_VISIT] = work[WORK_VISIT] / 60;
    col[SC_CHECK] = work[WORK_CHECK] / 60;
    col[SC_STRIKE] = stations ? work[WORK_STRIKE] / 60 : NAN;
}

/* Relative rating of x among units whose mean is m: 1 + (x - m) / m when
 * more is better, 1 - (x - m) / m when less is; NaN (the indicator is
 * left out of the unit's score) when x is undefined or m is 0 or
 * undefined (an indicator that is 0 everywhere, such as contacts without
 * visits, tells no unit apart). */
static double rating(double x, double m, int more)
{
    if (isnan(x) || isnan(m) || m == 0)
        return NAN;
    double d = (x - m) / m;
    return more ? 1 + d : 1 - d;
}

/* Writes the scorecard of every variant for its stations (`stations`) or
 * its beats. Returns 0, or -1 when memory ran out. */
static int write_scorecard(FILE *f, const experiment *x, int stations, double *scratch)
{
    fprintf(f, "variant,%s,households,key_persons", stations ? "station,beats" : "beat,station");
    for (int c = 0; c < SC_NCOL; c++) {
        fprintf(f, ",%s", sc_names[c]);
        if (c == SC_PREVENTED_DIRECT)
            fputs(",prevented,prevented_ci95_low,prevented_ci95_high", f);
    }
    fputs(",score\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        const city *c = &x->c[v];
        const scenario *s = &x->s[v];
        size_t nu = stations ? c->nstations : c->nbeats;
        double *mean = malloc((nu ? nu : 1) * SC_NCOL * sizeof *mean);
        double *ind = malloc((nu ? nu : 1) * SCORE_N * sizeof *ind);
        double *size = malloc((nu ? nu : 1) * 2 * sizeof *size);
        sim_ci *prev = malloc((nu ? nu : 1) * sizeof *prev);
        double vals[SC_NCOL];
        if (!mean || !ind || !size || !prev) {
            free(mean);
            free(ind);
            free(size);
            free(prev);
            return -1;
        }
        for (size_t u = 0; u < nu; u++) {
            unit_beats ub = beats_of(c, stations, u);
            double sum[SC_NCOL] = {0}, hh = 0, kp = 0;
            size_t cnt[SC_NCOL] = {0};
            for (size_t k = 0; k < x->reps; k++) {
                const world_result *w = &x->res[v * x->reps + k];
                unit_values(w, s, stations, u, &ub, vals);
                for (int j = 0; j < SC_NCOL; j++)
                    if (!isnan(vals[j])) {
                        sum[j] += vals[j];
                        cnt[j]++;
                    }
                const world_result *cf = experiment_counterfactual(x, v, k);
                scratch[k] = cf ? unit_incidents(cf, &ub) - unit_incidents(w, &ub) : NAN;
            }
            prev[u] = ci_of(scratch, x->reps);
            for (int j = 0; j < SC_NCOL; j++)
                mean[u * SC_NCOL + (size_t)j] = cnt[j] ? sum[j] / (double)cnt[j] : NAN;
            for (size_t i = 0; i < ub.n; i++) {
                hh += c->beats[ub_at(&ub, i)].households;
                kp += (double)llround(c->beats[ub_at(&ub, i)].key_persons);
            }
            size[2 * u] = hh;
            size[2 * u + 1] = kp;
            /* the indicators of the score, per household or key person so
               that units of different size compare */
            const double *m = &mean[u * SC_NCOL];
            double *in = &ind[u * SCORE_N];
            in[SCORE_INCIDENTS] = hh > 0 ? m[SC_INCIDENTS] / hh : NAN;
            in[SCORE_RESPONSE] = m[SC_RESPONSE];
            in[SCORE_CLEARANCE] = m[SC_CLEARED];
            in[SCORE_OUT_OF_CONTROL] = kp > 0 ? m[SC_OOC] / kp : NAN;
            in[SCORE_CONTACTS] = hh > 0 ? m[SC_CONTACTS] / hh : NAN;
            in[SCORE_SATISFACTION] = m[SC_SATISFACTION];
        }
        /* each indicator's mean over the units where it is defined */
        static const int more[SCORE_N] = {0, 0, 1, 0, 1, 1};
        double imean[SCORE_N];
        for (int i = 0; i < SCORE_N; i++) {
            double sm = 0;
            size_t n = 0;
            for (size_t u = 0; u < nu; u++)
                if (!isnan(ind[u * SCORE_N + (size_t)i])) {
                    sm += ind[u * SCORE_N + (size_t)i];
                    n++;
                }
            imean[i] = n ? sm / (double)n : NAN;
        }
        const double *wt = s->prevention.scorecard.weights;
        for (size_t u = 0; u < nu; u++) {
            const double *m = &mean[u * SC_NCOL];
            double num_ = 0, den = 0;
            for (int i = 0; i < SCORE_N; i++) {
                double r = rating(ind[u * SCORE_N + (size_t)i], imean[i], more[i]);
                if (!isnan(r) && wt[i] > 0) {
                    num_ += wt[i] * r;
                    den += wt[i];
                }
            }
            name_col(f, x->plan.v[v].name);
            if (stations)
                fprintf(f, ",%s,%zu", c->stations[u].id, c->stations[u].nbeats);
            else
                fprintf(f, ",%s,%s", c->beats[u].id, c->stations[c->beats[u].station].id);
            num(f, size[2 * u]);
            num(f, size[2 * u + 1]);
            for (int j = 0; j < SC_NCOL; j++) {
                num(f, m[j]);
                if (j == SC_PREVENTED_DIRECT) {
                    num(f, prev[u].mean);
                    num(f, prev[u].low);
                    num(f, prev[u].high);
                }
            }
            num(f, den > 0 ? 100 * num_ / den : NAN);
            fputc('\n', f);
        }
        free(mean);
        free(ind);
        free(size);
        free(prev);
    }
    return 0;
}

/* ---- plot data (inputs of the plots/ scripts, see figures.h) ------------------- */

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
                hour_means m = hour_means_of(&x->res[v * x->reps + k], h, 24,
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
                long mi = vfind(&t[v], names[m]);
                sim_ci c = mi >= 0 ? metric_ci(&t[v], (size_t)mi, scratch) : no_ci;
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

/* Writes dir/plotdata/. Returns 0 or -1. */
static int write_plotdata(const char *dir, const experiment *x, const vtable *t,
                          double *scratch)
{
    char pd[4096], path[4096];
    if (join_path(pd, sizeof pd, dir, "plotdata") != 0 || mkdir(pd, 0777) != 0)
        return -1;
    double *vals = malloc((x->plan.nsweep ? x->plan.nsweep : 1) * sizeof *vals);
    if (!vals)
        return -1;
    int sweep = numeric_sweep(&x->plan, vals), ok = 1;
    for (int k = 0; ok && k < P_N; k++) {
        if (k == P_SWEEP && !sweep)
            continue;
        FILE *f = join_path(path, sizeof path, pd, plot_names[k]) ? NULL : fopen(path, "w");
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

unsigned long long report_hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The hash of a resolved.cfg text without its first line, which names the
 * file it was resolved from: the same settings hash alike. */
static unsigned long long settings_hash(const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t skip = nl ? (size_t)(nl - text) + 1 : 0;
    return report_hash(text + skip, len - skip);
}

/* ---- report.html ----------------------------------------------------------------- */

/* Reads a whole file into a malloc'd NUL-terminated string, or NULL. */
static char *slurp(const char *dir, const char *name)
{
    char path[4096];
    if (join_path(path, sizeof path, dir, name) != 0)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[8192];
    size_t n;
    while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(f);
    if (!m || fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Writes s with HTML's special characters escaped. */
static void esc(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(s[i], f);
        }
    }
}

/* Splits one CSV line (fields may be quoted, "" inside quotes) into at
 * most `max` fields, in place. Returns the number of fields. */
static int csv_split(char *line, char **field, int max)
{
    int n = 0;
    char *r = line, *w = line;
    while (n < max) {
        field[n++] = w;
        if (*r == '"') {
            r++;
            for (; *r; r++) {
                if (*r == '"' && r[1] == '"')
                    *w++ = *r++;
                else if (*r == '"')
                    break;
                else
                    *w++ = *r;
            }
            if (*r == '"')
                r++;
        } else {
            while (*r && *r != ',' && *r != '\n' && *r != '\r')
                *w++ = *r++;
        }
        int more = *r == ',';
        *w++ = '\0';
        if (!more)
            break;
        r++;
    }
    return n;
}

/* One parsed row of summary.csv or differences.csv. */
typedef struct crow {
    char variant[160], metric[80];
    double mean, low, high;
} crow;

/* The rows of a CSV file with the variant in column 0, the metric in
 * column `mc` and mean, low, high in columns `vc`, `vc+2`, `vc+3`. */
static crow *read_rows(const char *dir, const char *name, int mc, int vc, size_t *n)
{
    char *text = slurp(dir, name);
    *n = 0;
    if (!text)
        return NULL;
    size_t cap = 64;
    crow *r = malloc(cap * sizeof *r);
    char *save = NULL;
    int first = 1;
    for (char *line = strtok_r(text, "\n", &save); r && line; line = strtok_r(NULL, "\n", &save)) {
        char *fld[9];
        if (first) {
            first = 0;
            continue;
        }
        if (csv_split(line, fld, 9) < vc + 4)
            continue;
        if (*n == cap) {
            crow *b = realloc(r, (cap *= 2) * sizeof *r);
            if (!b) {
                free(r);
                r = NULL;
                break;
            }
            r = b;
        }
        crow *c = &r[(*n)++];
        snprintf(c->variant, sizeof c->variant, "%s", fld[0]);
        snprintf(c->metric, sizeof c->metric, "%s", fld[mc]);
        c->mean = *fld[vc] ? strtod(fld[vc], NULL) : NAN;
        c->low = *fld[vc + 2] ? strtod(fld[vc + 2], NULL) : NAN;
        c->high = *fld[vc + 3] ? strtod(fld[vc + 3], NULL) : NAN;
    }
    free(text);
    if (!r)
        *n = 0;
    return r;
}

static const crow *find_row(const crow *r, size_t n, const char *variant, const char *metric)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(r[i].variant, variant) && !strcmp(r[i].metric, metric))
            return &r[i];
    return NULL;
}

static const struct figure_caption {
    const char *name, *caption;
} figure_captions[] = {
    {"hour", "Demand and supply by hour of day: calls per hour and officers on duty, per "
             "variant."},
    {"cdf", "Response time distribution: share of answered calls reached within a given "
            "time, per variant, with the response targets marked."},
    {"activity", "Officers' on-duty time by activity, per variant."},
    {"sweep", "The swept setting against a main measure, with 95 % confidence intervals."},
    {"daily", "Calls and officer-hours per simulated day, per variant."},
    {"prevention", "The proactive layer day by day, per variant: active offenders, key "
                   "persons out of control, arrests and calls (7-day means)."},
    {"heatmap", "Beat x hour of day: share of the hour with nobody present in or assigned "
                "to the beat (baseline)."},
    {"map", "Beats of the city coloured by mean response time (baseline)."},
};

/* Copies the <svg ...>...</svg> element of a gnuplot SVG file. */
static int inline_svg(FILE *f, const char *dir, const char *name)
{
    char file[128];
    snprintf(file, sizeof file, "figures/%s.svg", name);
    char *svg = slurp(dir, file);
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    const char *end = start ? strstr(start, "</svg>") : NULL;
    if (end) /* a truncated file would swallow the rest of the page */
        fwrite(start, 1, (size_t)(end + 6 - start), f);
    free(svg);
    return end != NULL;
}

static void html_page(FILE *f, const char *dir)
{
    char *manifest = slurp(dir, "manifest"), *about = slurp(dir, "plotdata/about.txt");
    char *facts = slurp(dir, "plotdata/facts.txt");
    size_t ns, nd;
    crow *sum = read_rows(dir, "summary.csv", 1, 2, &ns);
    crow *dif = read_rows(dir, "differences.csv", 2, 3, &nd);
    char name[160] = "results", base[160] = "", line[1024];
    for (const char *p = manifest; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        if (!strncmp(line, "scenario ", 9))
            snprintf(name, sizeof name, "%.*s", (int)sizeof name - 1, line + 9);
        else if (!strncmp(line, "baseline ", 9))
            snprintf(base, sizeof base, "%.*s", (int)sizeof base - 1, line + 9);
        p = e ? e + 1 : p + n;
    }
    /* variants in their order of first appearance in summary.csv */
    const char **var = malloc((ns ? ns : 1) * sizeof *var);
    size_t nv = 0;
    for (size_t i = 0; var && i < ns; i++) {
        size_t k = 0;
        while (k < nv && strcmp(var[k], sum[i].variant))
            k++;
        if (k == nv)
            var[nv++] = sum[i].variant;
    }

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>beatsim: ", f);
    esc(f, name, SIZE_MAX);
    fputs("</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;"
          "color:#222;line-height:1.4}\n"
          "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}\n"
          "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}\n"
          "table{border-collapse:collapse;font-size:.9em;margin:.5em 0}\n"
          "td,th{border:1px solid #ddd;padding:.3em .6em;vertical-align:top}\n"
          "th{background:#f0f0f0;text-align:left}td.n{text-align:right;white-space:nowrap}\n"
          "small{color:#555}.d{color:#14527a}\n"
          "figure{margin:1.5em 0}figure svg{width:100%;height:auto;max-width:900px;"
          "display:block}\nfigcaption{font-size:.9em;color:#444}\n"
          "</style>\n</head>\n<body>\n<h1>beatsim results: ", f);
    esc(f, name, SIZE_MAX);
    fputs("</h1>\n<h2>What was run</h2>\n<pre>", f);
    esc(f, about ? about : "", SIZE_MAX);
    fputs("</pre>\n<table>\n", f);
    for (const char *p = facts; p && *p;) {
        const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (tab && tab < p + n) {
            fputs("<tr><th>", f);
            esc(f, p, (size_t)(tab - p));
            fputs("</th><td>", f);
            esc(f, tab + 1, (size_t)(p + n - tab - 1));
            fputs("</td></tr>\n", f);
        }
        p = e ? e + 1 : p + n;
    }
    fputs("</table>\n<pre>", f);
    /* the manifest without its list of files (the same after beatsim plot) */
    const char *list = manifest ? strstr(manifest, "\n" FILE_LINE) : NULL;
    esc(f, manifest ? manifest : "", list ? (size_t)(list - manifest) + 1 : SIZE_MAX);
    fputs("</pre>\n<h2>Main measures</h2>\n<p>Means over the replications with 95 % "
          "Student-t confidence intervals in brackets. Under each variant other than "
          "the baseline, <span class=\"d\">&Delta;</span> is its difference from the "
          "baseline, paired replication by replication (the variants see the same "
          "calls), with its own interval.</p>\n<table>\n<tr><th>measure</th>", f);
    for (size_t v = 0; v < nv; v++) {
        fputs("<th>", f);
        esc(f, var[v], SIZE_MAX);
        if (!strcmp(var[v], base))
            fputs(" <small>(baseline)</small>", f);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    int proactive = 0; /* any variant with the proactive layer on */
    for (size_t v = 0; v < nv; v++) {
        const crow *pool = find_row(sum, ns, var[v], "offender_pool_mean");
        proactive |= pool && !isnan(pool->mean);
    }
    for (size_t k = 0; k < NROWS && nv > 0; k++) {
        if (!find_row(sum, ns, var[0], rows[k].metric) || (rows[k].main == 2 && !proactive))
            continue;
        double sc = rows[k].scale;
        char a[32], lo[32], hi[32];
        fputs("<tr><td>", f);
        esc(f, rows[k].label[0] == ' ' ? rows[k].label + 2 : rows[k].label, SIZE_MAX);
        if (rows[k].unit[0])
            fprintf(f, " (%s)", rows[k].unit);
        fputs("</td>", f);
        for (size_t v = 0; v < nv; v++) {
            const crow *c = find_row(sum, ns, var[v], rows[k].metric);
            const crow *d = find_row(dif, nd, var[v], rows[k].metric);
            fputs("<td class=\"n\">", f);
            if (c && !isnan(c->mean)) {
                fputs(fmt(a, sizeof a, c->mean * sc), f);
                if (!isnan(c->low))
                    fprintf(f, " <small>[%s, %s]</small>", fmt(lo, sizeof lo, c->low * sc),
                            fmt(hi, sizeof hi, c->high * sc));
            } else {
                fputs("&ndash;", f);
            }
            if (d && !isnan(d->mean)) {
                fprintf(f, "<br><span class=\"d\">&Delta; %s%s</span>", d->mean >= 0 ? "+" : "",
                        fmt(a, sizeof a, d->mean * sc));
                if (!isnan(d->low))
                    fprintf(f, " <small>[%s, %s]</small>", fmt(lo, sizeof lo, d->low * sc),
                            fmt(hi, sizeof hi, d->high * sc));
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n<p>Every measure of every replication: summary.csv, differences.csv "
          "and replications.csv beside this page.</p>\n<h2>Figures</h2>\n", f);
    int nfig = 0;
    for (size_t k = 0; k < sizeof figure_captions / sizeof figure_captions[0]; k++) {
        fprintf(f, "<figure id=\"fig-%s\">\n", figure_captions[k].name);
        if (inline_svg(f, dir, figure_captions[k].name)) {
            nfig++;
            fprintf(f, "<figcaption>Figure %d. %s</figcaption>\n</figure>\n", nfig,
                    figure_captions[k].caption);
        } else {
            fputs("</figure>\n", f);
        }
    }
    if (!nfig)
        fputs("<p>No figures: gnuplot was not available or --no-plots was given.</p>\n", f);
    /* A check a browser runs on load: how many figures it drew with a
       non-empty size, and whether any script error happened (the test
       suite reads these attributes in headless Chromium). */
    fputs("<script>\n"
          "window.addEventListener('error', function () {\n"
          "  document.body.setAttribute('data-errors', 'yes'); });\n"
          "window.addEventListener('load', function () {\n"
          "  var figs = document.querySelectorAll('figure svg'), ok = 0;\n"
          "  for (var i = 0; i < figs.length; i++) {\n"
          "    var b = figs[i].getBoundingClientRect();\n"
          "    if (b.width > 100 && b.height > 50 &&\n"
          "        figs[i].querySelectorAll('path, polygon, rect, image, circle').length > 0) ok++;\n"
          "  }\n"
          "  document.body.setAttribute('data-figures', String(figs.length));\n"
          "  document.body.setAttribute('data-figures-drawn', String(ok));\n"
          "  if (!document.body.hasAttribute('data-errors'))\n"
          "    document.body.setAttribute('data-errors', 'no');\n"
          "});\n</script>\n</body>\n</html>\n", f);
    free(var);
    free(manifest);
    free(about);
    free(facts);
    free(sum);
    free(dif);
}

int report_html(const char *dir, FILE *err)
{
    char path[4096], tmp[4096];
    if (join_path(path, sizeof path, dir, "report.html") != 0 ||
        join_path(tmp, sizeof tmp, dir, ".report.html.tmp") != 0)
        return -1;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(err, "beatsim: %s: cannot write: %s\n", tmp, strerror(errno));
        return -1;
    }
    html_page(f, dir);
    int ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(err, "beatsim: %s: cannot write: %s\n", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* ---- the results folder ------------------------------------------------------------ */

/* Removes a results folder: its files and its subfolders of files
 * (plotdata/, figures/), never following links; anything deeper is left
 * (and the folder with it). Returns 0 or -1. */
static int remove_dir_depth(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    struct dirent *de;
    char path[4096];
    int rc = 0;
    while ((de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (join_path(path, sizeof path, dir, de->d_name) != 0 || lstat(path, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode) ? depth > 0 || remove_dir_depth(path, depth + 1) != 0
                                     : unlink(path) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

static int remove_dir(const char *dir)
{
    return remove_dir_depth(dir, 0);
}

/* Creates every missing parent folder of `path` (not path itself). */
static int make_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    char *last = strrchr(buf, '/');
    if (!last || last == buf)
        return 0;
    *last = '\0';
    for (char *p = buf + 1; ; p++) {
        if (*p == '\0') {
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            break;
        }
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

typedef enum {
    F_SUMMARY, F_DIFF, F_REPS, F_HOUR, F_BEAT, F_OFFICER, F_DAILY, F_SCORE, F_SCORE_BEATS, F_NCSV
} csv_file;
static const char *const csv_names[F_NCSV] = {"summary.csv", "differences.csv",
                                             "replications.csv", "by_hour.csv",
                                             "by_beat.csv", "by_officer.csv", "daily.csv",
                                             "scorecard.csv", "scorecard_beats.csv"};

static int write_files(const char *dir, const report_run *run)
{
    const experiment *x = run->x;
    vtable *t = vtables_build(x);
    double *scratch = malloc((x->reps ? x->reps : 1) * sizeof *scratch);
    int ok = t && scratch && write_plotdata(dir, x, t, scratch) == 0;
    char path[4096];
    for (int k = 0; ok && k < F_NCSV; k++) {
        FILE *f = join_path(path, sizeof path, dir, csv_names[k]) ? NULL : fopen(path, "w");
        if (!f) {
            ok = 0;
            break;
        }
        switch ((csv_file)k) {
        case F_SUMMARY: write_summary(f, x, t, scratch); break;
        case F_DIFF: write_differences(f, x, t, scratch); break;
        case F_REPS: write_replications(f, x, t); break;
        case F_HOUR: write_by_hour(f, x); break;
        case F_BEAT: write_by_beat(f, x); break;
        case F_OFFICER: write_by_officer(f, x); break;
        case F_DAILY: write_daily(f, x); break;
        case F_SCORE: ok = write_scorecard(f, x, 1, scratch) == 0; break;
        default: ok = write_scorecard(f, x, 0, scratch) == 0; break;
        }
        ok = !ferror(f) && ok;
        ok = fclose(f) == 0 && ok;
    }
    free(scratch);
    vtables_free(t, x->nvar);

    /* resolved.cfg, kept in memory too for the manifest's hash */
    char *text = NULL;
    size_t len = 0;
    FILE *m = ok ? open_memstream(&text, &len) : NULL;
    if (m) {
        ok = scenario_write(&x->base, &x->plan, m) == 0;
        ok = fclose(m) == 0 && ok;
    } else {
        ok = 0;
    }
    if (ok) {
        FILE *f = join_path(path, sizeof path, dir, "resolved.cfg") ? NULL : fopen(path, "w");
        ok = f && fwrite(text, 1, len, f) == len;
        ok = f && fclose(f) == 0 && ok;
    }
    if (ok) {
        FILE *f = join_path(path, sizeof path, dir, "manifest") ? NULL : fopen(path, "w");
        if (f) {
            fprintf(f, "beatsim %s\nscenario %s\nsource %s\nscenario_hash %016llx\n"
                       "seed %llu\nreplications %zu\nvariants %zu\nbaseline %s\n"
                       "threads %u\ncommand %s\nstarted %s\nfinished %s\n",
                    BEATSIM_VERSION, x->base.name, x->base.source,
                    settings_hash(text, len), (unsigned long long)x->base.seed, x->reps,
                    x->nvar, x->plan.v[x->plan.baseline].name, run->jobs,
                    run->command_line ? run->command_line : "",
                    run->started ? run->started : "", run->finished ? run->finished : "");
            ok = !ferror(f);
            ok = fclose(f) == 0 && ok;
        } else {
            ok = 0;
        }
    }
    free(text);
    return ok ? 0 : -1;
}

/* ---- what a results folder holds --------------------------------------------------- */

/* The manifest ends with one line "file NAME" per file beatsim wrote into
 * the folder (NAME relative to it: a top-level file, or one in plotdata/
 * or figures/). Replacing a folder (--force) deletes those files only;
 * anything else found in it is kept, in the new folder. */

/* A list of relative paths (malloc'd strings). */
typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int names_add(names *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

static int names_has(const names *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) /* O(n): a folder holds some 40 files */
        if (!strcmp(l->v[i], s))
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if `name` may be a file beatsim writes: a plain name at the top, or
 * in plotdata/ or figures/ (nothing else is ever deleted). */
static int our_kind_of_name(const char *name)
{
    const char *slash = strchr(name, '/'), *base = slash ? slash + 1 : name;
    if (slash && !((slash - name == 8 && !strncmp(name, "plotdata", 8)) ||
                   (slash - name == 7 && !strncmp(name, "figures", 7))))
        return 0;
    if (!*base || strchr(base, '/') || !strcmp(base, ".") || !strcmp(base, ".."))
        return 0;
    for (const char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return 0;
    return 1;
}

/* Adds the regular files of dir (prefix "" ) and of its subfolders
 * plotdata/ and figures/ to *l. Returns 0 or -1. */
static int list_files(const char *dir, const char *prefix, names *l)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *de;
    char path[4096], rel[4096];
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (join_path(path, sizeof path, dir, de->d_name) != 0 || lstat(path, &st) != 0) {
            rc = -1;
            break;
        }
        snprintf(rel, sizeof rel, "%s%s", prefix, de->d_name);
        if (S_ISREG(st.st_mode) && our_kind_of_name(rel))
            rc = names_add(l, rel);
        else if (S_ISDIR(st.st_mode) && !*prefix &&
                 (!strcmp(de->d_name, "plotdata") || !strcmp(de->d_name, "figures"))) {
            char sub[300];
            snprintf(sub, sizeof sub, "%s/", de->d_name);
            rc = list_files(path, sub, l);
        }
    }
    closedir(d);
    return rc;
}

/* Reads the file list of dir's manifest into *l. Returns 1 when dir is a
 * results folder of this program (a plain folder, not a link, whose
 * manifest starts with "beatsim " and lists the files written), else 0. */
static int results_folder_files(const char *dir, names *l)
{
    struct stat st;
    char path[4096], line[4200];
    memset(l, 0, sizeof *l);
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        join_path(path, sizeof path, dir, "manifest") != 0 || lstat(path, &st) != 0 ||
        !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(line, sizeof line, f) && !strncmp(line, "beatsim ", 8);
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!strncmp(line, FILE_LINE, strlen(FILE_LINE)) &&
            our_kind_of_name(line + strlen(FILE_LINE)) &&
            names_add(l, line + strlen(FILE_LINE)) != 0)
            ok = 0;
    }
    fclose(f);
    if (!ok || !names_has(l, "manifest")) {
        names_free(l);
        return 0;
    }
    return 1;
}

/* Appends the list of the files in dir (all written by this run) to its
 * manifest, sorted. Returns 0 or -1. */
static int manifest_list(const char *dir)
{
    names l = {0};
    char path[4096];
    int rc = list_files(dir, "", &l);
    if (rc == 0 && !names_has(&l, "manifest"))
        rc = names_add(&l, "manifest"); /* (it is always there) */
    FILE *f = rc == 0 && join_path(path, sizeof path, dir, "manifest") == 0 ? fopen(path, "a")
                                                                          : NULL;
    if (f) {
        qsort(l.v, l.n, sizeof *l.v, cmp_names);
        for (size_t i = 0; i < l.n; i++)
            fprintf(f, FILE_LINE "%s\n", l.v[i]);
        rc = ferror(f) ? -1 : 0;
        rc = fclose(f) == 0 ? rc : -1;
    } else {
        rc = -1;
    }
    names_free(&l);
    return rc;
}

int report_manifest_update(const char *dir, FILE *err)
{
    names had, now = {0};
    char path[4096], tmp[4096];
    if (!results_folder_files(dir, &had)) {
        fprintf(err, "beatsim: %s: expected a results folder whose manifest lists its files, "
                     "found none\n", dir);
        return -1;
    }
    /* what plot writes: report.html and the figures */
    int rc = names_add(&now, "report.html");
    for (size_t k = 0; rc == 0 && k < figure_nscripts; k++)
        for (int e = 0; rc == 0 && e < 2; e++) {
            char rel[128];
            struct stat st;
            snprintf(rel, sizeof rel, "figures/%s.%s", figure_scripts[k].name, e ? "svg" : "png");
            if (join_path(path, sizeof path, dir, rel) == 0 && lstat(path, &st) == 0 &&
                S_ISREG(st.st_mode) && !names_has(&had, rel))
                rc = names_add(&had, rel);
        }
    if (rc == 0 && !names_has(&had, "report.html"))
        rc = names_add(&had, "report.html");
    names_free(&now);
    /* the manifest again: its lines but the list, then the list */
    FILE *in = NULL, *out = NULL;
    if (rc == 0 && join_path(path, sizeof path, dir, "manifest") == 0 &&
        join_path(tmp, sizeof tmp, dir, ".manifest.tmp") == 0) {
        in = fopen(path, "r");
        out = in ? fopen(tmp, "w") : NULL;
    }
    if (!in || !out) {
        rc = -1;
    } else {
        char line[4200];
        while (fgets(line, sizeof line, in))
            if (strncmp(line, FILE_LINE, strlen(FILE_LINE)))
                fputs(line, out);
        qsort(had.v, had.n, sizeof *had.v, cmp_names);
        for (size_t i = 0; i < had.n; i++)
            fprintf(out, FILE_LINE "%s\n", had.v[i]);
        rc = ferror(out) || ferror(in) ? -1 : 0;
    }
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc != 0) {
        fprintf(err, "beatsim: %s: cannot update the manifest: %s\n", dir, strerror(errno));
        if (out)
            unlink(tmp);
    }
    names_free(&had);
    return rc;
}

/* Moves old/rel to dir/rel unless dir/rel exists; 0 when moved. */
static int move_over(const char *old, const char *dir, const char *rel)
{
    char from[4096], to[4096];
    struct stat st;
    if (join_path(from, sizeof from, old, rel) != 0 || join_path(to, sizeof to, dir, rel) != 0 ||
        lstat(to, &st) == 0)
        return -1;
    return rename(from, to);
}

/* The old folder `old` of a replaced results folder `dir`: deletes the
 * files its manifest listed (`ours`), moves everything else into the new
 * folder (where no new file has its name), and removes `old` when it is
 * empty; otherwise it is kept with a warning naming what is left. */
static void keep_theirs(const char *old, const char *dir, const names *ours, FILE *err)
{
    names left = {0};
    DIR *d = opendir(old);
    struct dirent *de;
    char path[4096], sub[4096], rel[4096];
    while (d && (de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
            join_path(path, sizeof path, old, de->d_name) != 0 || lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) &&
            (!strcmp(de->d_name, "plotdata") || !strcmp(de->d_name, "figures"))) {
            DIR *d2 = opendir(path);
            struct dirent *e2;
            while (d2 && (e2 = readdir(d2))) {
                if (!strcmp(e2->d_name, ".") || !strcmp(e2->d_name, ".."))
                    continue;
                snprintf(rel, sizeof rel, "%s/%s", de->d_name, e2->d_name);
                if (join_path(sub, sizeof sub, path, e2->d_name) != 0 || lstat(sub, &st) != 0)
                    continue;
                if (S_ISREG(st.st_mode) && names_has(ours, rel)) {
                    unlink(sub);
                    continue;
                }
                char to[4096];
                if (join_path(to, sizeof to, dir, de->d_name) == 0)
                    mkdir(to, 0777); /* (exists when the new run wrote it) */
                if (move_over(old, dir, rel) != 0)
                    names_add(&left, rel);
            }
            if (d2)
                closedir(d2);
            rmdir(path);
            continue;
        }
        if (S_ISREG(st.st_mode) && names_has(ours, de->d_name))
            unlink(path);
        else if (move_over(old, dir, de->d_name) != 0)
            names_add(&left, de->d_name);
    }
    if (d)
        closedir(d);
    if (rmdir(old) != 0) {
        fprintf(err, "beatsim: warning: %s: kept: it holds files beatsim did not write whose "
                     "names the new results in %s use:", old, dir);
        for (size_t i = 0; i < left.n && i < 5; i++)
            fprintf(err, " %s", left.v[i]);
        fprintf(err, "%s\n", left.n > 5 ? " ..." : "");
    }
    names_free(&left);
}

/* 1 if process pid is gone (so the temporary folders it named are stale). */
static int gone(long pid)
{
    return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Temporary folders DIR.tmp.PID and DIR.old.PID left by runs that were
 * killed (SIGKILL, a crash): a .tmp folder holds only what such a run
 * wrote and is removed; an .old folder is the results folder that run
 * was replacing, which may hold the user's files: it is named, never
 * removed. */
static void stale_folders(const char *dir, FILE *err)
{
    char parent[4096], path[8200];
    const char *slash = strrchr(dir, '/'), *base = slash ? slash + 1 : dir;
    if (slash)
        snprintf(parent, sizeof parent, "%.*s", slash == dir ? 1 : (int)(slash - dir), dir);
    else
        snprintf(parent, sizeof parent, ".");
    size_t bl = strlen(base);
    DIR *d = opendir(parent);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        const char *n = de->d_name;
        if (strncmp(n, base, bl) || (strncmp(n + bl, ".tmp.", 5) && strncmp(n + bl, ".old.", 5)))
            continue;
        const char *digits = n + bl + 5;
        size_t nd = strspn(digits, "0123456789");
        if (nd == 0 || nd > 9 || digits[nd] || !gone(atol(digits)))
            continue;
        if (slash)
            snprintf(path, sizeof path, "%s/%s", parent, n);
        else
            snprintf(path, sizeof path, "%s", n);
        if (n[bl + 1] == 't') {
            if (remove_dir(path) == 0)
                fprintf(err, "beatsim: removed %s, left unfinished by a run that was killed\n",
                        path);
            else
                fprintf(err, "beatsim: warning: %s: left unfinished by a run that was killed; "
                             "could not remove it all\n", path);
        } else {
            fprintf(err, "beatsim: warning: %s: the results folder a killed run was replacing; "
                         "not removed (it may hold files that are not beatsim's)\n", path);
        }
    }
    if (d)
        closedir(d);
}

/* Whether results can be written at dir (which does not exist, or will
 * be replaced): creates its missing parent folders, then a temporary
 * folder beside it with a file in it, and removes both. Returns 0, or 2
 * after a message. */
static int probe_out(const char *dir, FILE *err)
{
    char tmp[4096], file[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    snprintf(file, sizeof file, "%s/.probe", tmp);
    if (make_parents(dir) != 0 || mkdir(tmp, 0777) != 0) {
        fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(errno));
        return 2;
    }
    FILE *f = fopen(file, "w");
    int ok = f && fputs("beatsim\n", f) >= 0;
    ok = f && fclose(f) == 0 && ok;
    int saved = errno;
    unlink(file);
    rmdir(tmp);
    if (!ok) {
        fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(saved));
        return 2;
    }
    return 0;
}

int report_check_out(const char *dir, int force, FILE *err)
{
    struct stat st;
    stale_folders(dir, err);
    if (lstat(dir, &st) != 0) {
        if (errno != ENOENT) {
            fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(errno));
            return 2;
        }
        return probe_out(dir, err);
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(err, "beatsim: %s: exists and is %s, not a results folder; choose another "
                     "--out\n", dir, S_ISLNK(st.st_mode) ? "a link" : S_ISREG(st.st_mode) ? "a file"
                                                                          : "no folder");
        return 2;
    }
    names ours;
    int is_ours = results_folder_files(dir, &ours);
    names_free(&ours);
    if (!is_ours) {
        fprintf(err, "beatsim: %s: exists and is not a beatsim results folder (a folder whose "
                     "manifest lists the files beatsim wrote); not replaced, even with "
                     "--force\n", dir);
        return 2;
    }
    if (!force) {
        fprintf(err, "beatsim: %s: results folder exists; use --force to replace it "
                     "or --out to choose another\n", dir);
        return 2;
    }
    return probe_out(dir, err);
}

int report_write(const char *dir, int force, const report_run *run, FILE *err)
{
    struct stat st;
    if (report_check_out(dir, force, err) != 0)
        return 2;
    char tmp[4096], old[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    snprintf(old, sizeof old, "%s.old.%ld", dir, (long)getpid());
    if (make_parents(dir) != 0 || mkdir(tmp, 0777) != 0) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", tmp, strerror(errno));
        return 1;
    }
    if (write_files(tmp, run) != 0) {
        fprintf(err, "beatsim: %s: cannot write results: %s\n", tmp,
                errno ? strerror(errno) : "out of memory");
        remove_dir(tmp);
        return 1;
    }
    /* Figures and the page are extras: a problem with them is reported
       but the results are kept. */
    if (run->plots && !(run->stop && *run->stop))
        figures_draw(tmp, run->stop, err);
    if (!(run->stop && *run->stop) && report_html(tmp, err) != 0) {
        remove_dir(tmp);
        return 1;
    }
    errno = 0;
    if (!(run->stop && *run->stop) && manifest_list(tmp) != 0) {
        fprintf(err, "beatsim: %s/manifest: cannot write: %s\n", tmp,
                errno ? strerror(errno) : "out of memory");
        remove_dir(tmp);
        return 1;
    }
    if (run->stop && *run->stop) {
        remove_dir(tmp);
        return 130;
    }
    /* Replace: move the old folder aside, move the new one in, then delete
       the files of the old one that beatsim wrote and move the rest into
       the new one; a folder under the final name is always complete. */
    int had_old = lstat(dir, &st) == 0;
    names ours = {0};
    if (had_old && !results_folder_files(dir, &ours)) {
        fprintf(err, "beatsim: %s: is no longer a beatsim results folder; not replaced\n", dir);
        remove_dir(tmp);
        return 2;
    }
    if (had_old && rename(dir, old) != 0) {
        fprintf(err, "beatsim: %s: cannot replace: %s\n", dir, strerror(errno));
        remove_dir(tmp);
        names_free(&ours);
        return 1;
    }
    if (rename(tmp, dir) != 0) {
        fprintf(err, "beatsim: %s: cannot create: %s\n", dir, strerror(errno));
        if (had_old)
            rename(old, dir);
        remove_dir(tmp);
        names_free(&ours);
        return 1;
    }
    if (had_old)
        keep_theirs(old, dir, &ours, err);
    names_free(&ours);
    return 0;
}
