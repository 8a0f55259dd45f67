/* report_csv.c - the CSV files of a results folder: summary, paired
 * differences, replications, by hour, beat, officer and day, and the
 * scorecard per station and beat (columns: docs/outputs.md). */
#include "report_internal.h"
#include "staff_report.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

void report_csv_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The header's design columns: ",SETTING" for each swept setting (or
 * sensitivity factor), then the end of the line. */
static void design_header(FILE *f, const scenario_plan *p)
{
    for (size_t j = 0; j < p->ncols; j++)
        fprintf(f, ",%s", scenario_plan_col_name(p, j));
    fputc('\n', f);
}

/* Variant v's values of the design columns, then the end of the line:
 * numbers and true/false bare, text (scenario-file "...") as a CSV text. */
static void design_cols(FILE *f, const scenario_plan *p, size_t v)
{
    for (size_t j = 0; j < p->ncols; j++) {
        const char *t = scenario_plan_col(p, v, j);
        fputc(',', f);
        if (*t != '"') {
            fputs(t, f);
            continue;
        }
        /* a libconfig string: its characters, \" and \\ undone */
        fputc('"', f);
        for (const char *c = t + 1; *c && !(*c == '"' && !c[1]); c++) {
            if (*c == '\\' && c[1])
                c++;
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fputc('"', f);
    }
    fputc('\n', f);
}

static void write_summary(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    fputs("variant,metric,mean,sd,ci95_low,ci95_high,n", f);
    design_header(f, &x->plan);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t m = 0; m < t[v].n; m++) {
            report_csv_text(f, x->plan.v[v].name);
            fprintf(f, ",%s", t[v].names[m].name);
            ci_cols(f, vtable_ci(&t[v], m, scratch));
            design_cols(f, &x->plan, v);
        }
}

static void write_differences(FILE *f, const experiment *x, const vtable *t, double *scratch)
{
    size_t b = x->plan.baseline;
    fputs("variant,baseline,metric,mean_difference,sd,ci95_low,ci95_high,n", f);
    design_header(f, &x->plan);
    for (size_t v = 0; v < x->nvar; v++) {
        if (v == b)
            continue;
        for (size_t m = 0; m < t[v].n; m++) {
            long mb = vtable_find(&t[b], t[v].names[m].name);
            if (mb < 0)
                continue;
            report_csv_text(f, x->plan.v[v].name);
            fputc(',', f);
            report_csv_text(f, x->plan.v[b].name);
            fprintf(f, ",%s", t[v].names[m].name);
            ci_cols(f, vtable_diff_ci(&t[v], m, &t[b], (size_t)mb, scratch));
            design_cols(f, &x->plan, v);
        }
    }
}

static void write_replications(FILE *f, const experiment *x, const vtable *t)
{
    fputs("variant,replication,metric,value", f);
    design_header(f, &x->plan);
    for (size_t v = 0; v < x->nvar; v++)
        for (size_t k = 0; k < x->reps; k++)
            for (size_t m = 0; m < t[v].n; m++) {
                report_csv_text(f, x->plan.v[v].name);
                fprintf(f, ",%zu,%s", k, t[v].names[m].name);
                num(f, t[v].values[k * t[v].n + m]);
                design_cols(f, &x->plan, v);
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
            for (int period = 0; period < 2; period++) {
                int nh = period ? 168 : 24;
                for (int h = 0; h < nh; h++) {
                    hour_means m = report_hour_means(w, h, nh, (double)x->c[v].nbeats);
                    report_csv_text(f, x->plan.v[v].name);
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
                report_csv_text(f, x->plan.v[v].name);
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
                report_csv_text(f, x->plan.v[v].name);
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
                report_csv_text(f, x->plan.v[v].name);
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
            prev[u] = report_ci_of(scratch, x->reps);
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
            report_csv_text(f, x->plan.v[v].name);
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

typedef enum {
    F_SUMMARY, F_DIFF, F_REPS, F_HOUR, F_BEAT, F_OFFICER, F_DAILY, F_SCORE, F_SCORE_BEATS,
    F_ANALYTIC, F_NCSV
} csv_file;
static const char *const csv_names[F_NCSV] = {"summary.csv", "differences.csv",
                                             "replications.csv", "by_hour.csv",
                                             "by_beat.csv", "by_officer.csv", "daily.csv",
                                             "scorecard.csv", "scorecard_beats.csv",
                                             "analytic.csv"};

/* analytic.csv (cube 0): Erlang C per station and hour block of the
 * baseline beside its simulation (the records summed over the
 * replications), the columns of beatsim analytic; hypercube.csv (cube 1):
 * Larson's model of the same (cube.h), the columns of beatsim analytic
 * --hypercube (docs/outputs.md). A scenario without a group to plan (no
 * group of role station or duty) gets a header only. */
static int write_queue_model(FILE *f, const experiment *x, int cube)
{
    size_t b = x->plan.baseline;
    const scenario *s = &x->s[b];
    const city *c = &x->c[b];
    int g = staff_planned_group(s);
    size_t SK = c->nstations * (size_t)staffing_cells(&s->staffing);
    if (g < 0) {
        fputs(cube ? "station,day,start_h,end_h,status\n" : "station,day,start_h,end_h\n", f);
        return 0;
    }
    analytic_demand d;
    world_cell *sum = calloc(SK + 1, sizeof *sum);
    cube_cell *cells = cube ? calloc(SK + 1, sizeof *cells) : NULL;
    int rc = -1;
    if (sum && (cells || !cube) && analytic_demand_init(&d, s, c, &x->r[b], g) == 0) {
        for (size_t k = 0; k < x->reps; k++) {
            const world_result *w = &x->res[b * x->reps + k];
            for (size_t i = 0; w->cells && i < SK; i++)
                world_cell_add(&sum[i], &w->cells[i]);
        }
        if (!cube)
            rc = staff_analytic_csv(f, s, c, &d, d.today, sum);
        else if (cube_solve(s, c, &x->r[b], &d, CUBE_UNITS_DEFAULT, cells) == 0)
            rc = cube_csv(f, s, c, &d, cells, sum);
        analytic_demand_free(&d);
    }
    free(sum);
    free(cells);
    return rc;
}

int report_hypercube_write(FILE *f, const experiment *x)
{
    return write_queue_model(f, x, 1);
}

int report_csv_write(const char *dir, const experiment *x, const vtable *t, double *scratch)
{
    char path[4096];
    int ok = 1;
    for (int k = 0; ok && k < F_NCSV; k++) {
        FILE *f = report_join_path(path, sizeof path, dir, csv_names[k]) ? NULL : fopen(path, "w");
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
        case F_ANALYTIC: ok = write_queue_model(f, x, 0) == 0; break;
        default: ok = write_scorecard(f, x, 0, scratch) == 0; break;
        }
        ok = !ferror(f) && ok;
        ok = fclose(f) == 0 && ok;
    }
    return ok ? 0 : -1;
}
