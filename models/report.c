/* report.c - the summary table and the results folder. */
#include "report.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- metrics across replications --------------------------------------------- */

/* Metric names and one row of values per replication (values[r * n + m]). */
typedef struct table {
    world_metric *names; /* n names, from replication 0 */
    double *values;      /* reps x n */
    size_t n, reps;
} table;

static int table_build(table *t, const report_run *run)
{
    t->reps = run->reps;
    t->n = world_metrics(&run->res[0], run->s, NULL, 0);
    t->names = malloc(t->n * sizeof *t->names);
    t->values = malloc(t->n * run->reps * sizeof *t->values);
    world_metric *row = malloc(t->n * sizeof *row);
    if (!t->names || !t->values || !row) {
        free(t->names);
        free(t->values);
        free(row);
        return -1;
    }
    for (size_t r = 0; r < run->reps; r++) {
        world_metrics(&run->res[r], run->s, r ? row : t->names, t->n);
        for (size_t m = 0; m < t->n; m++)
            t->values[r * t->n + m] = (r ? row : t->names)[m].value;
    }
    free(row);
    return 0;
}

static void table_free(table *t)
{
    free(t->names);
    free(t->values);
}

static long table_find(const table *t, const char *name)
{
    for (size_t m = 0; m < t->n; m++)
        if (!strcmp(t->names[m].name, name))
            return (long)m;
    return -1;
}

/* Mean and 95 % interval of metric m over the replications, ignoring NaN
 * values (a priority with no calls in some replication). */
static sim_ci table_ci(const table *t, size_t m)
{
    double *x = malloc(t->reps * sizeof *x);
    size_t k = 0;
    if (!x)
        return (sim_ci){0, NAN, NAN, NAN, NAN, NAN};
    for (size_t r = 0; r < t->reps; r++) {
        double v = t->values[r * t->n + m];
        if (!isnan(v))
            x[k++] = v;
    }
    sim_ci ci = k ? sim_ci_compute(x, 1, k, 0.05)
                  : (sim_ci){0, NAN, NAN, NAN, NAN, NAN};
    free(x);
    return ci;
}

/* ---- summary table --------------------------------------------------------------- */

typedef struct row {
    const char *label;  /* what a reader sees */
    const char *metric; /* metric name */
    double scale;       /* multiplier for display (100 for shares in %) */
    const char *unit;   /* unit shown */
} row;

static const row rows[] = {
    {"calls per day", "incidents_per_day", 1, ""},
    {"response time, mean", "response_mean_min", 1, "min"},
    {"response time, median", "response_p50_min", 1, "min"},
    {"response time, 90th percentile", "response_p90_min", 1, "min"},
    {"  priority 1, mean", "response_p1_mean_min", 1, "min"},
    {"  priority 1, 90th percentile", "response_p1_p90_min", 1, "min"},
    {"  priority 2, mean", "response_p2_mean_min", 1, "min"},
    {"  priority 2, 90th percentile", "response_p2_p90_min", 1, "min"},
    {"  priority 3, mean", "response_p3_mean_min", 1, "min"},
    {"  priority 3, 90th percentile", "response_p3_p90_min", 1, "min"},
    {"reached within target", "within_target_share", 100, "%"},
    {"calls that waited for an officer", "waited_share", 100, "%"},
    {"wait for dispatch, mean", "queue_wait_mean_min", 1, "min"},
    {"answered by another beat", "cross_beat_share", 100, "%"},
    {"answered by another station", "cross_station_share", 100, "%"},
    {"officers", "officers_count", 1, ""},
    {"officers on duty, mean", "officers_on_duty_mean", 1, ""},
    {"utilisation (calls / on duty)", "utilisation_share", 100, "%"},
    {"on-duty time: travel", "travel_share", 100, "%"},
    {"on-duty time: on scene", "scene_share", 100, "%"},
    {"on-duty time: follow-up", "followup_share", 100, "%"},
    {"on-duty time: desk", "desk_share", 100, "%"},
    {"on-duty time: available", "available_share", 100, "%"},
    {"on-duty time: returning", "return_share", 100, "%"},
    {"overtime", "overtime_hours", 1, "h"},
    {"beat-hours with nobody there", "coverage_gap_share", 100, "%"},
};

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

void report_summary(FILE *f, const report_run *run)
{
    table t;
    if (table_build(&t, run) != 0) {
        fprintf(f, "(summary unavailable: out of memory)\n");
        return;
    }
    int ci = run->reps >= 2;
    fprintf(f, "%-34s %10s %s\n", "measure", "mean",
            ci ? "unit   95% confidence interval" : "unit");
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        long m = table_find(&t, rows[k].metric);
        if (m < 0)
            continue;
        sim_ci c = table_ci(&t, (size_t)m);
        double sc = rows[k].scale;
        char a[32], lo[32], hi[32];
        if (isnan(c.mean)) {
            fprintf(f, "%-34s %10s\n", rows[k].label, "-");
        } else if (ci && !isnan(c.half)) {
            fprintf(f, "%-34s %10s %-5s  [%s, %s]\n", rows[k].label,
                    fmt(a, sizeof a, c.mean * sc), rows[k].unit,
                    fmt(lo, sizeof lo, c.low * sc), fmt(hi, sizeof hi, c.high * sc));
        } else {
            int w = rows[k].unit[0] ? (int)strlen(rows[k].unit) : 0;
            fprintf(f, "%-34s %10s%s%.*s\n", rows[k].label, fmt(a, sizeof a, c.mean * sc),
                    w ? " " : "", w, rows[k].unit);
        }
    }
    table_free(&t);
}

/* ---- results folder ----------------------------------------------------------------- */

/* Removes a flat folder of files. Returns 0 or -1. */
static int remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    struct dirent *de;
    char path[4096];
    int rc = 0;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (unlink(path) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

/* Creates every missing parent folder of `path`. */
static int make_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "w");
}

/* Prints v as a CSV field: empty for NaN, "inf" for infinity, else the
 * shortest form that reads back to the same double. */
static void csv_num(FILE *f, double v)
{
    if (isnan(v))
        return;
    if (isinf(v))
        fputs(v > 0 ? "inf" : "-inf", f);
    else
        fprintf(f, "%.17g", v);
}

static int write_files(const char *dir, const report_run *run, const table *t)
{
    const scenario *s = run->s;
    const city *c = run->c;
    int ok = 1;
    FILE *f;

    if ((f = open_in(dir, "summary.csv"))) {
        fputs("variant,metric,mean,sd,ci95_low,ci95_high,n\n", f);
        for (size_t m = 0; m < t->n; m++) {
            sim_ci ci = table_ci(t, m);
            fprintf(f, "baseline,%s,", t->names[m].name);
            csv_num(f, ci.mean);
            fputc(',', f);
            csv_num(f, ci.sd);
            fputc(',', f);
            csv_num(f, ci.low);
            fputc(',', f);
            csv_num(f, ci.high);
            fprintf(f, ",%zu\n", ci.n);
        }
        ok &= fclose(f) == 0;
    } else {
        ok = 0;
    }

    if ((f = open_in(dir, "replications.csv"))) {
        fputs("variant,replication,metric,value\n", f);
        for (size_t r = 0; r < t->reps; r++)
            for (size_t m = 0; m < t->n; m++) {
                fprintf(f, "baseline,%zu,%s,", r, t->names[m].name);
                csv_num(f, t->values[r * t->n + m]);
                fputc('\n', f);
            }
        ok &= fclose(f) == 0;
    } else {
        ok = 0;
    }

    if ((f = open_in(dir, "by_hour.csv"))) {
        fputs("variant,replication,hour,incidents_per_day,response_mean_min,"
              "officers_on_duty_mean,officers_busy_mean,coverage_gap_share\n", f);
        for (size_t r = 0; r < t->reps; r++) {
            const world_result *w = &run->res[r];
            double days = w->observed_min / 1440.0;
            for (int h = 0; h < 24; h++) {
                fprintf(f, "baseline,%zu,%d,", r, h);
                csv_num(f, (double)w->hour_incidents[h] / days);
                fputc(',', f);
                csv_num(f, sim_tally_mean(&w->hour_response[h]));
                fputc(',', f);
                csv_num(f, w->hour_onduty_min[h] / (days * 60.0));
                fputc(',', f);
                csv_num(f, w->hour_busy_min[h] / (days * 60.0));
                fputc(',', f);
                csv_num(f, c->nbeats ? (double)w->hour_gaps[h] / (days * (double)c->nbeats)
                                     : NAN);
                fputc('\n', f);
            }
        }
        ok &= fclose(f) == 0;
    } else {
        ok = 0;
    }

    if ((f = open_in(dir, "by_beat.csv"))) {
        fputs("variant,replication,beat,station,land,residents,x_km,y_km,area_km2,"
              "incidents_per_day,response_mean_min,within_target_share,"
              "coverage_gap_share\n", f);
        for (size_t r = 0; r < t->reps; r++) {
            const world_result *w = &run->res[r];
            double days = w->observed_min / 1440.0;
            for (size_t b = 0; b < c->nbeats; b++) {
                const city_beat *cb = &c->beats[b];
                fprintf(f, "baseline,%zu,%s,%s,%s,", r, cb->id, c->stations[cb->station].id,
                        land_type_names[cb->land]);
                csv_num(f, cb->residents);
                fputc(',', f);
                csv_num(f, cb->x);
                fputc(',', f);
                csv_num(f, cb->y);
                fputc(',', f);
                csv_num(f, cb->area_km2);
                fputc(',', f);
                csv_num(f, (double)w->beat_incidents[b] / days);
                fputc(',', f);
                csv_num(f, w->beat_answered[b]
                               ? w->beat_response_sum[b] / (double)w->beat_answered[b]
                               : NAN);
                fputc(',', f);
                csv_num(f, w->beat_answered[b]
                               ? (double)w->beat_within[b] / (double)w->beat_answered[b]
                               : NAN);
                fputc(',', f);
                csv_num(f, (double)w->beat_gaps[b] / (days * 24.0));
                fputc('\n', f);
            }
        }
        ok &= fclose(f) == 0;
    } else {
        ok = 0;
    }

    if ((f = open_in(dir, "manifest"))) {
        char when[64];
        time_t now = time(NULL);
        struct tm tmv;
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tmv));
        fprintf(f, "beatsim %s\nscenario %s\nsource %s\nseed %llu\nreplications %zu\n"
                   "days %.17g\nwarmup_days %.17g\ncommand %s\nwritten %s\n",
                BEATSIM_VERSION, s->name, s->source, (unsigned long long)s->seed,
                run->reps, s->days, s->warmup_days,
                run->command_line ? run->command_line : "", when);
        ok &= fclose(f) == 0;
    } else {
        ok = 0;
    }
    return ok ? 0 : -1;
}

int report_write(const char *dir, int force, const report_run *run, FILE *err)
{
    struct stat st;
    if (stat(dir, &st) == 0 && !force) {
        fprintf(err, "beatsim: %s: results folder exists; use --force to replace it "
                     "or --out to choose another\n", dir);
        return 2;
    }
    char tmp[4096], old[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    snprintf(old, sizeof old, "%s.old.%ld", dir, (long)getpid());
    table t;
    if (make_parents(dir) != 0 || mkdir(tmp, 0777) != 0) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", tmp, strerror(errno));
        return 1;
    }
    if (table_build(&t, run) != 0) {
        remove_dir(tmp);
        fprintf(err, "beatsim: out of memory writing results\n");
        return 1;
    }
    int rc = write_files(tmp, run, &t);
    table_free(&t);
    if (rc != 0) {
        fprintf(err, "beatsim: %s: cannot write results: %s\n", tmp, strerror(errno));
        remove_dir(tmp);
        return 1;
    }
    /* Replace: move the old folder aside, move the new one in, then delete
       the old one; a folder under the final name is always complete. */
    int had_old = stat(dir, &st) == 0;
    if (had_old && rename(dir, old) != 0) {
        fprintf(err, "beatsim: %s: cannot replace: %s\n", dir, strerror(errno));
        remove_dir(tmp);
        return 1;
    }
    if (rename(tmp, dir) != 0) {
        fprintf(err, "beatsim: %s: cannot create: %s\n", dir, strerror(errno));
        if (had_old)
            rename(old, dir);
        remove_dir(tmp);
        return 1;
    }
    if (had_old)
        remove_dir(old);
    return 0;
}
