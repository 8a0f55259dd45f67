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

/* Interval of metric m of table t; `scratch` holds t->reps doubles. */
sim_ci vtable_ci(const vtable *t, size_t m, double *scratch)
{
    for (size_t k = 0; k < t->reps; k++)
        scratch[k] = t->values[k * t->n + m];
    return report_ci_of(scratch, t->reps);
}

/* Interval of the paired differences a[k] - b[k] of metric ma of table a
 * and mb of table b (replication k against replication k). */
sim_ci vtable_diff_ci(const vtable *a, size_t ma, const vtable *b, size_t mb,
                      double *scratch)
{
    for (size_t k = 0; k < a->reps; k++)
        scratch[k] = a->values[k * a->n + ma] - b->values[k * b->n + mb];
    return report_ci_of(scratch, a->reps);
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
};

const size_t report_nrows = sizeof report_rows / sizeof report_rows[0];

int report_row_hidden(const vtable *t, size_t n, size_t k, double *scratch)
{
    if (report_rows[k].main != 2)
        return 0;
    for (size_t v = 0; v < n; v++) {
        long m = vtable_find(&t[v], "offender_pool_mean");
        if (m >= 0 && !isnan(vtable_ci(&t[v], (size_t)m, scratch).mean))
            return 0;
    }
    return 1;
}

/* Formats a value for the table: 4 significant digits, whole numbers
 * from 10,000 up (no exponents). */
const char *report_fmt(char *buf, size_t n, double v)
{
    if (fabs(v) >= 1e4 && isfinite(v))
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.4g", v);
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
