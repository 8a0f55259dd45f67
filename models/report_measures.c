/* report_measures.c - every variant's metrics across replications, their
 * 95 % intervals, the table of main measures and how they are printed
 * (see report_internal.h). */
#include "report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- metrics across replications ------------------------------------------- */

void vtables_free(vtable *t, size_t nvar)
{
    for (size_t v = 0; t && v < nvar; v++) {
        free(t[v].names);
        free(t[v].values);
    }
    free(t);
}

/* The metric tables of every variant, or NULL when memory ran out. */
vtable *vtables_build(const experiment *x)
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

long vtable_find(const vtable *t, const char *name)
{
    for (size_t m = 0; m < t->n; m++)
        if (!strcmp(t->names[m].name, name))
            return (long)m;
    return -1;
}

const sim_ci report_no_ci = {0, NAN, NAN, NAN, NAN, NAN};

/* Mean and 95 % interval of x[0 .. n) without its NaN values (a priority
 * with no calls in some replication). */
sim_ci report_ci_of(double *x, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            x[k++] = x[i];
    return k ? sim_ci_compute(x, 1, k, 0.05) : report_no_ci;
}

/* The values metric `name` can take: every metric is a count, a time, a
 * share or a mean of those, so none is below 0; shares and familiarity
 * are at most 1 and the satisfaction index at most 100. */
static void metric_bounds(const char *name, double *lo, double *hi)
{
    size_t n = strlen(name);
    *lo = 0;
    *hi = INFINITY;
    if ((n >= 6 && !strcmp(name + n - 6, "_share")) || !strcmp(name, "familiarity_mean"))
        *hi = 1;
    else if (!strcmp(name, "satisfaction_index"))
        *hi = 100;
}

/* c with its bounds moved inside [lo, hi]: the mean of values in [lo, hi]
 * lies there too, so the intersection covers it at least as often as the
 * Student-t interval does. */
static sim_ci clip(sim_ci c, double lo, double hi)
{
    if (!isnan(c.low) && c.low < lo)
        c.low = lo;
    if (!isnan(c.high) && c.high > hi)
        c.high = hi;
    return c;
}

sim_ci vtable_ci(const vtable *t, size_t m, double *scratch)
{
    for (size_t k = 0; k < t->reps; k++)
        scratch[k] = t->values[k * t->n + m];
    double lo, hi;
    metric_bounds(t->names[m].name, &lo, &hi);
    return clip(report_ci_of(scratch, t->reps), lo, hi);
}

sim_ci vtable_diff_ci(const vtable *a, size_t ma, const vtable *b, size_t mb,
                      double *scratch)
{
    for (size_t k = 0; k < a->reps; k++)
        scratch[k] = a->values[k * a->n + ma] - b->values[k * b->n + mb];
    double lo, hi; /* a difference of two values in [lo, hi] */
    metric_bounds(a->names[ma].name, &lo, &hi);
    return clip(report_ci_of(scratch, a->reps), lo - hi, hi - lo);
}

/* ---- the main measures ------------------------------------------------------ */

const report_row report_rows[] = {
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
    {"  part: calls reached within target", "satisfaction_response_share", 100, "%", 2},
    {"  part: free from victimisation", "satisfaction_safety_share", 100, "%", 2},
    {"  part: familiarity (by households)", "satisfaction_familiarity_share", 100, "%", 2},
};

const size_t report_nrows = sizeof report_rows / sizeof report_rows[0];

/* 1 if any of the n tables t[] ran the proactive layer (offender_pool_mean
 * is undefined without it). */
static int proactive(const vtable *t, size_t n, double *scratch)
{
    for (size_t v = 0; v < n; v++) {
        long m = vtable_find(&t[v], "offender_pool_mean");
        if (m >= 0 && !isnan(vtable_ci(&t[v], (size_t)m, scratch).mean))
            return 1;
    }
    return 0;
}

int report_row_hidden(const vtable *t, size_t n, size_t k, double *scratch)
{
    return report_rows[k].main == 2 && !proactive(t, n, scratch);
}

/* Labels of measures that are not rows of the main table but that
 * scenarios ask about. */
static const report_row extra_labels[] = {
    {"incidents (all calls)", "incidents_count", 1, "", 0},
    {"active offenders at the end", "offender_pool_end", 1, "", 0},
    {"days of strike campaigns", "strike_period_days", 1, "days", 0},
    {"key persons out of control, share", "out_of_control_share", 100, "%", 0},
    {"key persons checked", "checks_count", 1, "", 0},
    {"calls cleared", "cleared_share", 100, "%", 0},
    {"auxiliary patrol cost", "auxiliary_cost", 1, "", 0},
    {"safe-community cost", "safe_community_cost", 1, "", 0},
    {"hours of follow-up work", "followup_hours", 1, "h", 0},
    {"hours of patrol", "patrol_hours", 1, "h", 0},
    {"hours of visits", "visit_hours", 1, "h", 0},
    {"hours of key-person checks", "check_hours", 1, "h", 0},
    {"hours of strike work", "strike_hours", 1, "h", 0},
    {"hours of desk work", "desk_hours", 1, "h", 0},
    {"home visits made", "visit_attempts_count", 1, "", 0},
    {"units on duty, mean", "units_on_duty_mean", 1, "", 0},
    {"response time, urban residential beats, mean", "response_urban_residential_mean_min", 1,
     "min", 0},
    {"response time, commercial beats, mean", "response_commercial_mean_min", 1, "min", 0},
    {"response time, mixed beats, mean", "response_mixed_mean_min", 1, "min", 0},
    {"response time, rural beats, mean", "response_rural_mean_min", 1, "min", 0},
    {"reached within target, urban residential beats", "within_target_urban_residential_share",
     100, "%", 0},
    {"reached within target, commercial beats", "within_target_commercial_share", 100, "%", 0},
    {"reached within target, mixed beats", "within_target_mixed_share", 100, "%", 0},
    {"reached within target, rural beats", "within_target_rural_share", 100, "%", 0},
};

/* The unit suffixes of metric names (docs/outputs.md), longest first. */
static const struct {
    const char *suffix, *unit;
    double scale;
} suffixes[] = {{"_per_day", "per day", 1}, {"_share", "%", 100}, {"_hours", "h", 1},
                {"_count", "", 1},          {"_days", "days", 1}, {"_min", "min", 1}};

report_row report_measure(const char *metric, char *label, size_t n)
{
    for (size_t k = 0; k < report_nrows; k++)
        if (!strcmp(report_rows[k].metric, metric)) {
            report_row r = report_rows[k];
            size_t parent = k; /* "  priority 1" under "reached within target" */
            while (parent > 0 && report_rows[parent].label[0] == ' ')
                parent--;
            if (parent != k) {
                const char *pl = report_rows[parent].label, *comma = strrchr(pl, ',');
                snprintf(label, n, "%.*s, %s", (int)(comma ? (size_t)(comma - pl) : strlen(pl)),
                         pl, r.label + strspn(r.label, " "));
            } else {
                snprintf(label, n, "%s", r.label);
            }
            r.label = label;
            return r;
        }
    for (size_t k = 0; k < sizeof extra_labels / sizeof extra_labels[0]; k++)
        if (!strcmp(extra_labels[k].metric, metric)) {
            report_row r = extra_labels[k];
            snprintf(label, n, "%s", r.label);
            r.label = label;
            return r;
        }
    /* from the name: "response_first_patrol_mean_min" -> "response first
       patrol mean" in min */
    report_row r = {label, metric, 1, "", 0};
    size_t len = strlen(metric);
    for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        size_t sl = strlen(suffixes[k].suffix);
        if (len > sl && !strcmp(metric + len - sl, suffixes[k].suffix)) {
            len -= sl;
            r.unit = suffixes[k].unit;
            r.scale = suffixes[k].scale;
            break;
        }
    }
    snprintf(label, n, "%.*s", (int)len, metric);
    for (char *c = label; *c; c++)
        if (*c == '_')
            *c = ' ';
    return r;
}

static const char *const default_reactive[] = {
    "response_p1_mean_min", "response_p1_p90_min", "within_target_p1_share", "waited_share",
    "utilisation_share", "first_other_station_share"};
static const char *const default_proactive[] = {
    "incidents_count", "prevented_direct_count", "offender_pool_end", "out_of_control_mean",
    "satisfaction_index", "response_p1_mean_min"};

size_t report_headline(const experiment *x, const vtable *t, const char **out, double *scratch)
{
    const scenario_plan *p = &x->plan;
    size_t n = 0;
    if (p->nmeasures) {
        for (size_t k = 0; k < p->nmeasures && k < SCENARIO_MEASURES_MAX; k++)
            out[n++] = p->measures[k];
        return n;
    }
    int pro = proactive(t, x->nvar, scratch);
    const char *const *d = pro ? default_proactive : default_reactive;
    size_t nd = pro ? sizeof default_proactive / sizeof *d : sizeof default_reactive / sizeof *d;
    for (size_t k = 0; k < nd; k++)
        out[n++] = d[k];
    return n;
}

/* Decimals that show v to 4 significant digits (none for whole numbers,
 * and from 1,000 up), at most 6. */
static int sig4_decimals(double v)
{
    /* whole numbers, up to rounding in the sums, as such */
    if (!(fabs(v) > 0) || !isfinite(v) || fabs(v - round(v)) <= 1e-9 * fmax(1, fabs(v)))
        return 0;
    int d = 3 - (int)floor(log10(fabs(v)));
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

/* v rounded to `d` decimals (d < 0: to 10^-d) as text, never "-0". */
static const char *fixed(char *buf, size_t n, double v, int d)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : v > 0 ? "inf" : "-inf");
        return buf;
    }
    if (d < 0) {
        double q = pow(10, -d);
        v = round(v / q) * q;
        d = 0;
    }
    snprintf(buf, n, "%.*f", d, v);
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf)); /* "-0.00" is 0 */
    return buf;
}

const char *report_fmt(char *buf, size_t n, double v)
{
    return fixed(buf, n, v, sig4_decimals(v));
}

const char *report_fmt_ci(char *buf, size_t n, sim_ci c, double scale, int sign)
{
    double mean = c.mean * scale, half = c.half * scale;
    char m[48], lo[48], hi[48];
    if (isnan(mean)) {
        snprintf(buf, n, "-");
        return buf;
    }
    /* no width worth showing: a constant up to rounding in the sums */
    int interval = c.n >= 2 && isfinite(half) && half > 1e-9 * fabs(mean);
    /* the half-width to two significant digits fixes the last digit */
    int d = interval ? 1 - (int)floor(log10(half)) : sig4_decimals(mean);
    if (d > 9)
        d = 9;
    fixed(m, sizeof m, mean, d);
    const char *plus = sign && m[0] != '-' && strspn(m, "0.") != strlen(m) ? "+" : "";
    if (interval)
        snprintf(buf, n, "%s%s [%s, %s]", plus, m, fixed(lo, sizeof lo, c.low * scale, d),
                 fixed(hi, sizeof hi, c.high * scale, d));
    else
        snprintf(buf, n, "%s%s", plus, m);
    return buf;
}

hour_means report_hour_means(const world_result *w, int h, int nh, double nb)
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
