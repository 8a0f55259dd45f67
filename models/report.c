/* report.c - the summary table and the results folder. */
#include "report.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    int main;           /* 1: shown when comparing variants */
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
    {"calls that waited for an officer", "waited_share", 100, "%", 1},
    {"wait for dispatch, mean", "queue_wait_mean_min", 1, "min", 0},
    {"answered by another beat", "cross_beat_share", 100, "%", 0},
    {"answered by another station", "cross_station_share", 100, "%", 1},
    {"officers", "officers_count", 1, "", 1},
    {"officers on duty, mean", "officers_on_duty_mean", 1, "", 1},
    {"utilisation (calls / on duty)", "utilisation_share", 100, "%", 1},
    {"on-duty time: travel", "travel_share", 100, "%", 0},
    {"on-duty time: on scene", "scene_share", 100, "%", 0},
    {"on-duty time: follow-up", "followup_share", 100, "%", 0},
    {"on-duty time: desk", "desk_share", 100, "%", 0},
    {"on-duty time: available", "available_share", 100, "%", 0},
    {"on-duty time: returning", "return_share", 100, "%", 0},
    {"overtime", "overtime_hours", 1, "h", 1},
    {"beat-hours with nobody there", "coverage_gap_share", 100, "%", 1},
    {"calls not reached by the end", "unanswered_count", 1, "", 1},
};

#define NROWS (sizeof rows / sizeof rows[0])

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
        if (m < 0)
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
    if (w > 40)
        w = 40;
    fprintf(f, "means with 95%% confidence intervals over %zu replications; "
               "differences are paired against the baseline, %s\n",
            x->reps, x->plan.v[b].name);
    for (size_t k = 0; k < NROWS; k++) {
        if (!rows[k].main || vfind(&t[b], rows[k].metric) < 0)
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
static void write_by_hour(FILE *f, const experiment *x)
{
    fputs("variant,replication,period,hour,incidents_per_hour,response_mean_min,"
          "officers_on_duty_mean,officers_busy_mean,coverage_gap_share\n", f);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[v * x->reps + k];
            double days = w->observed_min / 1440.0, nb = (double)x->c[v].nbeats;
            for (int period = 0; period < 2; period++) {
                int nh = period ? 168 : 24;
                double times = period ? days / 7 : days; /* hours of this kind */
                for (int h = 0; h < nh; h++) {
                    uint64_t inc = 0, gaps = 0;
                    double on = 0, busy = 0;
                    sim_tally rt;
                    sim_tally_init(&rt);
                    for (int j = h; j < 168; j += nh) {
                        inc += w->week_incidents[j];
                        gaps += w->week_gaps[j];
                        on += w->week_onduty_min[j];
                        busy += w->week_busy_min[j];
                        sim_tally_merge(&rt, &w->week_response[j]);
                    }
                    name_col(f, x->plan.v[v].name);
                    fprintf(f, ",%zu,%s,%d", k, period ? "week" : "day", h);
                    num(f, (double)inc / times);
                    num(f, sim_tally_mean(&rt));
                    num(f, on / (times * 60));
                    num(f, busy / (times * 60));
                    num(f, nb > 0 ? (double)gaps / (times * nb) : NAN);
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

static void write_daily(FILE *f, const experiment *x)
{
    fputs("variant,replication,day,incidents,response_mean_min", f);
    for (int a = 0; a < ACT_N; a++)
        fprintf(f, ",%s_hours", world_activity_names[a]);
    fputs(",overtime_hours,coverage_gap_share\n", f);
    for (size_t v = 0; v < x->nvar; v++) {
        double nb = (double)x->c[v].nbeats;
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
                fputc('\n', f);
            }
        }
    }
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

/* ---- the results folder ------------------------------------------------------------ */

/* path = dir/name; 0, or -1 if it does not fit. */
static int join_path(char *path, size_t n, const char *dir, const char *name)
{
    int k = snprintf(path, n, "%s/%s", dir, name);
    return k >= 0 && (size_t)k < n ? 0 : -1;
}

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
        if (join_path(path, sizeof path, dir, de->d_name) != 0 || unlink(path) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
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

typedef enum { F_SUMMARY, F_DIFF, F_REPS, F_HOUR, F_BEAT, F_DAILY, F_NCSV } csv_file;
static const char *const csv_names[F_NCSV] = {"summary.csv", "differences.csv",
                                             "replications.csv", "by_hour.csv",
                                             "by_beat.csv", "daily.csv"};

static int write_files(const char *dir, const report_run *run)
{
    const experiment *x = run->x;
    vtable *t = vtables_build(x);
    double *scratch = malloc((x->reps ? x->reps : 1) * sizeof *scratch);
    int ok = t && scratch;
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
        default: write_daily(f, x); break;
        }
        ok = !ferror(f) && fclose(f) == 0;
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

/* 1 if `dir` looks like a results folder this program wrote: a plain
 * folder (not a link) whose manifest starts with "beatsim ". */
static int is_results_folder(const char *dir)
{
    struct stat st;
    char path[4096], head[9] = {0};
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        join_path(path, sizeof path, dir, "manifest") != 0)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(head, 1, 8, f);
    fclose(f);
    return n == 8 && !memcmp(head, "beatsim ", 8);
}

int report_check_out(const char *dir, int force, FILE *err)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return 0;
    if (!force) {
        fprintf(err, "beatsim: %s: results folder exists; use --force to replace it "
                     "or --out to choose another\n", dir);
        return 2;
    }
    if (!is_results_folder(dir)) {
        fprintf(err, "beatsim: %s: exists and is not a beatsim results folder (no "
                     "manifest); not replaced, even with --force\n", dir);
        return 2;
    }
    return 0;
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
    /* Replace: move the old folder aside, move the new one in, then delete
       the old one; a folder under the final name is always complete. */
    int had_old = lstat(dir, &st) == 0;
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
    if (had_old && remove_dir(old) != 0)
        fprintf(err, "beatsim: warning: %s: could not remove the replaced results "
                     "folder\n", old);
    return 0;
}
