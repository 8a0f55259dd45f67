/* staff_report.c - what beatsim staff and beatsim analytic write: the
 * plan as a scenario, the tables, the terminal summary (staff_report.h;
 * columns in docs/outputs.md "beatsim staff"). */
#include "staff_report.h"

#include "figures.h"
#include "report.h"
#include "version.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/* The day ("all" or Mon..Sun) and hours [start, end) of cell k. */
static void cell_span(const staffing_params *p, int k, const char **day, int *start, int *end)
{
    int b = k % p->nblocks;
    *day = p->weekdays ? day_names[k / p->nblocks] : "all";
    *start = p->block_h[b];
    *end = b + 1 < p->nblocks ? p->block_h[b + 1] : 24;
}

/* A CSV cell of a number, empty for NaN. */
static void num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, ",%.6g", v);
    else if (isinf(v))
        fputs(",inf", f);
    else
        fputs(",", f);
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

int staff_analytic_csv(FILE *f, const scenario *s, const city *c, const analytic_demand *d,
                       const double *planned, const world_cell *sim)
{
    const staffing_params *p = &s->staffing;
    fputs("station,day,start_h,end_h,car_calls_per_h,planned_on_duty,units,"
          "utilisation_erlang,p_wait_erlang,wait_p1_mean_min_erlang,response_p1_mean_min_erlang",
          f);
    if (sim)
        fputs(",car_calls_per_h_sim,utilisation_sim,p_wait_sim,response_p1_mean_min_sim", f);
    fputc('\n', f);
    int K = d->ncells;
    for (size_t j = 0; j < d->nstations; j++)
        for (int k = 0; k < K; k++) {
            const char *day;
            int a, b;
            cell_span(p, k, &day, &a, &b);
            analytic_cell ac;
            analytic_eval(d, j, k, planned[j * (size_t)K + (size_t)k], &ac);
            fprintf(f, "%s,%s,%d,%d", c->stations[j].id, day, a, b);
            num(f, ac.lambda * 60);
            num(f, planned[j * (size_t)K + (size_t)k]);
            num(f, ac.servers);
            num(f, ac.util);
            num(f, ac.p_wait);
            num(f, ac.wait_mean_min[0]);
            num(f, ac.response_mean_min[0]);
            if (sim) {
                const world_cell *w = &sim[j * (size_t)K + (size_t)k];
                /* observed hours of the cell: the station's unit time is
                   not it; the beats' hours are, per beat */
                size_t nb = d->beat_first[j + 1] - d->beat_first[j];
                double hours = nb ? (double)w->beat_hours / (double)nb : NAN;
                double calls = (double)(w->calls[0] + w->calls[1] + w->calls[2]);
                num(f, ratio(calls, hours));
                num(f, ratio(w->unit_busy_min, w->unit_on_min));
                num(f, ratio((double)w->waited, calls));
                num(f, ratio(w->response_sum[0], (double)w->answered[0]));
            }
            fputc('\n', f);
        }
    return ferror(f) ? -1 : 0;
}

int cube_csv(FILE *f, const scenario *s, const city *c, const analytic_demand *d,
             const cube_cell *cells, const world_cell *sim)
{
    fputs("station,day,start_h,end_h,status,units,beat_units,car_calls_per_h,p_wait,"
          "cross_share,own_beat_share,workload_min,workload_max,workload_station,"
          "workload_beat", f);
    if (sim)
        fputs(",p_wait_sim,own_beat_share_sim", f);
    fputc('\n', f);
    int K = d->ncells;
    for (size_t j = 0; j < d->nstations; j++)
        for (int k = 0; k < K; k++) {
            size_t i = j * (size_t)K + (size_t)k;
            const cube_cell *x = &cells[i];
            const char *day;
            int a, b;
            cell_span(&s->staffing, k, &day, &a, &b);
            const double *l = &d->lambda[i * ANALYTIC_PRIORITIES];
            fprintf(f, "%s,%s,%d,%d,%s,%d,%d", c->stations[j].id, day, a, b,
                    cube_status_names[x->status], x->units, x->beat_units);
            num(f, (l[0] + l[1] + l[2]) * 60);
            num(f, x->p_wait);
            num(f, x->cross);
            num(f, x->own_beat);
            num(f, x->load_min);
            num(f, x->load_max);
            num(f, x->load_station);
            num(f, x->load_beat);
            if (sim) {
                const world_cell *w = &sim[i];
                double calls = (double)(w->calls[0] + w->calls[1] + w->calls[2]);
                num(f, ratio((double)w->waited, calls));
                num(f, ratio((double)w->own_beat, (double)w->dispatched));
            }
            fputc('\n', f);
        }
    return ferror(f) ? -1 : 0;
}

int causes_csv(FILE *f, const cause_step steps[CAUSES + 1])
{
    fputs("step,off,cells,unstable_cells,car_calls_week,overloaded", f);
    static const char *const names[4] = {"p_wait", "wait_min", "wait_p1_min", "utilisation"};
    for (int q = 0; q < 4; q++)
        fprintf(f, ",%s_sim,%s_sim_half,%s_erlang", names[q], names[q], names[q]);
    fputc('\n', f);
    for (int k = 0; k <= CAUSES; k++) {
        const cause_step *st = &steps[k];
        const cause_measure *m[4] = {&st->p_wait, &st->wait, &st->wait_p1, &st->util};
        fprintf(f, "%d,%s,%d,%d", k, k ? cause_names[k - 1] : "none", st->cells,
                st->unstable);
        num(f, st->car_calls_week);
        fprintf(f, ",%d", st->overloaded);
        for (int q = 0; q < 4; q++) {
            num(f, m[q]->sim);
            num(f, m[q]->half);
            num(f, m[q]->erlang);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* ---- beatsim staff's folder -------------------------------------------------------- */

typedef struct fill_ctx {
    const scenario *s;
    const city *c;
    const staff_result *r;
    const analytic_demand *d;
    const char *command;
    const volatile sig_atomic_t *stop;
} fill_ctx;

static FILE *open_in(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    return fopen(path, "w");
}

static int close_ok(FILE *f, int ok)
{
    if (!f)
        return 0;
    ok = !ferror(f) && ok;
    return fclose(f) == 0 && ok;
}

/* plotdata/meta.gp (what plots/staffing.gp reads besides the data) and
 * staffing.dat (a line per station and cell: the plan, today's, the
 * cell's text). */
static int write_plotdata(const char *dir, const scenario *s, const staff_result *r)
{
    const staffing_params *p = &s->staffing;
    int K = r->ncells;
    size_t S = r->nstations;
    char path[4200];
    FILE *f = open_in(dir, "plotdata/meta.gp", path, sizeof path);
    if (!f)
        return -1;
    fputs("# beatsim staff plot data (see plots/staffing.gp)\nscenario = ", f);
    report_gstr(f, s->name);
    fprintf(f, "\nreps = %d\nstaff_cells = %d\nstaff_stations = %zu\nstaff_weekdays = %d\n"
               "staff_goal = ", p->reps, K, S, p->weekdays);
    char goal[STAFF_TARGETS_MAX * (STAFF_TARGET_TEXT + 2) + 64] = "";
    if (r->budget.on) {
        snprintf(goal, sizeof goal, "a budget of %g officers, fewest %s", r->budget.officers,
                 p->objective == OBJECTIVE_WAIT ? "minutes waiting" : "late calls");
    } else {
        for (int i = 0; i < p->ntargets; i++) {
            if (i)
                strcat(goal, ", ");
            strcat(goal, p->targets[i].text);
        }
    }
    report_gstr(f, goal);
    fprintf(f, "\narray cell_label[%d]\n", K);
    for (int k = 0; k < K; k++) {
        const char *day;
        int a, b;
        char text[32];
        cell_span(p, k, &day, &a, &b);
        snprintf(text, sizeof text, "%s%s%02d-%02d", p->weekdays ? day : "",
                 p->weekdays ? " " : "", a, b);
        fprintf(f, "cell_label[%d] = ", k + 1);
        report_gstr(f, text);
        fputc('\n', f);
    }
    fprintf(f, "array station_label[%zu]\n", S);
    for (size_t j = 0; j < S; j++) {
        fprintf(f, "station_label[%zu] = ", j + 1);
        report_gstr(f, r->station[j]);
        fputc('\n', f);
    }
    int ok = close_ok(f, 1);
    if (ok && (f = open_in(dir, "plotdata/staffing.dat", path, sizeof path))) {
        fputs("# cell (0-based column), station (0-based row), officers on duty in the plan,\n"
              "# today's (mean), \"the plan (change from today)\"\n", f);
        for (size_t j = 0; j < S; j++)
            for (int k = 0; k < K; k++) {
                size_t i = j * (size_t)K + (size_t)k;
                char text[64];
                snprintf(text, sizeof text, "%d (%+.1f)", r->plan[i], r->plan[i] - r->today[i]);
                fprintf(f, "%d %zu %d %.4g ", k, j, r->plan[i], r->today[i]);
                report_gdstr(f, text);
                fputc('\n', f);
            }
        ok = close_ok(f, 1);
    } else {
        ok = 0;
    }
    return ok ? 0 : -1;
}

/* budget.csv: per station and cell, the hours and car calls of a week,
 * the staffing today, by Erlang C's allocation and in the plan, and the
 * objective of a week today (simulated) and in the plan (Erlang C and
 * simulated). */
static int write_budget_csv(FILE *f, const scenario *s, const staff_result *r)
{
    const staffing_params *p = &s->staffing;
    const analytic_demand *d = &r->demand;
    int K = r->ncells;
    double hk[7 * STAFF_BLOCKS_MAX];
    staffing_cell_hours(p, hk);
    fputs("station,day,start_h,end_h,hours_week,car_calls_week,today_on_duty,erlang_on_duty,"
          "plan_on_duty,objective_today_sim,objective_plan_erlang,objective_plan_sim\n", f);
    for (size_t j = 0; j < r->nstations; j++)
        for (int k = 0; k < K; k++) {
            const char *day;
            int a, b;
            size_t i = j * (size_t)K + (size_t)k;
            double calls = 0;
            for (int q = 0; q < ANALYTIC_PRIORITIES; q++)
                calls += d->lambda[i * ANALYTIC_PRIORITIES + (size_t)q] * 60 * hk[k];
            cell_span(p, k, &day, &a, &b);
            fprintf(f, "%s,%s,%d,%d,%g,%.6g,%.4g,%d,%d", r->station[j], day, a, b, hk[k], calls,
                    r->today[i], r->analytic[i], r->plan[i]);
            num(f, r->budget.cell_today[i]);
            num(f, r->budget.cell_erlang[i]);
            num(f, r->budget.cell_sim[i]);
            fputc('\n', f);
        }
    return !ferror(f);
}

static int fill(const char *dir, const void *ctx, FILE *err)
{
    const fill_ctx *x = ctx;
    const scenario *s = x->s;
    const staff_result *r = x->r;
    const staffing_params *p = &s->staffing;
    int K = r->ncells, nt = r->ntargets;
    size_t S = r->nstations;
    char path[4200];
    int ok = 1;

    /* plan.cfg: the scenario with the plan, every setting resolved */
    scenario plan;
    FILE *f = NULL;
    if (staff_plan_scenario(s, x->c, r->group, r->plan, &plan) != 0) {
        fprintf(err, "beatsim: out of memory\n");
        return 1;
    }
    f = open_in(dir, "plan.cfg", path, sizeof path);
    ok = f && scenario_write(&plan, NULL, f) == 0;
    ok = close_ok(f, ok);
    staff_plan_free(&plan);

    /* staffing.csv: the plan beside today's and the Erlang C start */
    if (ok && (f = open_in(dir, "staffing.csv", path, sizeof path))) {
        fputs("station,day,start_h,end_h,today_on_duty,erlang_on_duty,plan_on_duty,"
              "change\n", f);
        for (size_t j = 0; j < S; j++)
            for (int k = 0; k < K; k++) {
                const char *day;
                int a, b;
                size_t i = j * (size_t)K + (size_t)k;
                cell_span(p, k, &day, &a, &b);
                fprintf(f, "%s,%s,%d,%d,%.4g,", r->station[j], day, a, b, r->today[i]);
                if (r->analytic[i] >= 0) /* empty: no count meets the targets */
                    fprintf(f, "%d", r->analytic[i]);
                fprintf(f, ",%d,%.4g\n", r->plan[i], r->plan[i] - r->today[i]);
            }
        ok = close_ok(f, 1);
    } else {
        ok = 0;
    }

    /* targets.csv: each target's estimate and bound where it applies */
    if (ok && (f = open_in(dir, "targets.csv", path, sizeof path))) {
        fputs("station,day,start_h,end_h,target,estimate,bound,met\n", f);
        for (size_t j = 0; j < S; j++)
            for (int t = 0; t < nt; t++) {
                const staff_target *tg = &p->targets[t];
                if (tg->per_station) {
                    const staff_stat *st = &r->whole[j * (size_t)nt + (size_t)t];
                    fprintf(f, "%s,week,,,\"%s\"", r->station[j], tg->text);
                    num(f, st->est);
                    num(f, st->bound);
                    fprintf(f, ",%d\n", st->met);
                    continue;
                }
                for (int k = 0; k < K; k++) {
                    const char *day;
                    int a, b;
                    const staff_stat *st = &r->cell[(j * (size_t)K + (size_t)k) * (size_t)nt +
                                                    (size_t)t];
                    cell_span(p, k, &day, &a, &b);
                    fprintf(f, "%s,%s,%d,%d,\"%s\"", r->station[j], day, a, b, tg->text);
                    num(f, st->est);
                    num(f, st->bound);
                    fprintf(f, ",%d\n", st->met);
                }
            }
        ok = close_ok(f, 1);
    } else {
        ok = 0;
    }

    /* analytic.csv: Erlang C for the plan beside its simulation */
    double *planned = malloc((S * (size_t)K + 1) * sizeof *planned);
    if (ok && planned && (f = open_in(dir, "analytic.csv", path, sizeof path))) {
        for (size_t i = 0; i < S * (size_t)K; i++)
            planned[i] = r->plan[i];
        ok = close_ok(f, staff_analytic_csv(f, s, x->c, x->d, planned, r->sim) == 0);
    } else {
        ok = 0;
    }
    free(planned);

    /* budget.csv: budget mode's objective per station and cell */
    if (ok && r->budget.on && (f = open_in(dir, "budget.csv", path, sizeof path))) {
        ok = close_ok(f, write_budget_csv(f, s, r));
    } else if (r->budget.on) {
        ok = 0;
    }

    /* plotdata/ and the figure (an extra: a problem with it is reported,
       the tables are kept) */
    if (ok) {
        snprintf(path, sizeof path, "%s/plotdata", dir);
        ok = mkdir(path, 0777) == 0 && write_plotdata(dir, s, r) == 0;
        if (ok)
            figures_draw_only(dir, "staffing", x->stop, err);
    }
    if (ok && (f = open_in(dir, "manifest", path, sizeof path))) {
        fprintf(f, "beatsim %s\nscenario %s\nsource %s\nseed %llu\nreplications %d\n"
                   "command %s\nmode %s\nstatus %s\nevaluations %d\n",
                BEATSIM_VERSION, s->name, s->source, (unsigned long long)s->seed, p->reps,
                x->command ? x->command : "", staff_mode_names[r->budget.on],
                staff_status_name(r->status), r->evaluations);
        ok = close_ok(f, 1);
    } else {
        ok = 0;
    }
    if (!ok)
        fprintf(err, "beatsim: %s: cannot write: %s\n", path, errno ? strerror(errno) : "error");
    return ok ? 0 : 1;
}

const char *staff_status_name(staff_status st)
{
    switch (st) {
    case STAFF_DONE:
        return "done";
    case STAFF_ROUNDS:
        return "rounds";
    case STAFF_CAPPED:
        return "capped";
    case STAFF_UNMET:
        return "unmet";
    case STAFF_SETTLED:
        return "settled";
    }
    return "?";
}

int staff_write(const char *dir, int force, const scenario *s, const city *c,
                const staff_result *r, const analytic_demand *d, const char *command,
                const volatile sig_atomic_t *stop, FILE *err)
{
    fill_ctx x = {s, c, r, d, command, stop};
    return report_folder_write(dir, force, fill, &x, stop, err);
}

void staff_summary(FILE *f, const scenario *s, const staff_result *r)
{
    const staffing_params *p = &s->staffing;
    int K = r->ncells;
    size_t S = r->nstations;
    fprintf(f, "\nofficers of group \"%s\" on duty, mean over the week's hours:\n",
            s->groups[r->group].name);
    fprintf(f, "  %-12s %8s %8s %8s\n", "station", "today", "Erlang C", "plan");
    double tt = 0, ta = 0, tp = 0;
    for (size_t j = 0; j < S; j++) {
        double a = 0, b = 0, c = 0;
        for (int h = 0; h < 168; h++) {
            size_t i = j * (size_t)K + (size_t)staffing_cell_of_hour(p, h);
            a += r->today[i] / 168;
            b += (r->analytic[i] >= 0 ? r->analytic[i] : NAN) / 168.0;
            c += r->plan[i] / 168.0;
        }
        tt += a;
        ta += b;
        tp += c;
        char eb[16];
        if (isnan(b))
            snprintf(eb, sizeof eb, "-");
        else
            snprintf(eb, sizeof eb, "%.1f", b);
        fprintf(f, "  %-12s %8.1f %8s %8.1f\n", r->station[j], a, eb, c);
    }
    char et[16];
    if (isnan(ta))
        snprintf(et, sizeof et, "-");
    else
        snprintf(et, sizeof et, "%.1f", ta);
    fprintf(f, "  %-12s %8.1f %8s %8.1f\n", "all", tt, et, tp);
    if (isnan(ta))
        fputs("  (Erlang C \"-\": no number of officers meets a target there by the model: the\n"
          "  dispatch delay and the travel alone exceed it)\n", f);
    fprintf(f, "\nheadcount of the group: today %.0f; the plan needs %.0f (its officer-hours "
               "a week / (%g h x (1 - %.3f absent)))\n",
            r->headcount_today, ceil(r->headcount_plan - 1e-9), r->hours_per_week, r->absent);
    if (r->budget.on) {
        const staff_budget *b = &r->budget;
        fprintf(f, "budget: %g officers of the group, %.0f officer-hours a week on duty; the plan "
                   "places %.0f (%.0f unplaced: %s)\n",
                b->officers, b->hours, b->hours - b->unspent_h, b->unspent_h,
                b->unspent_h > 0 ? "no block fits them or gains by them" : "none");
        if (p->objective == OBJECTIVE_WAIT)
            fprintf(f, "\nobjective, a week: minutes car calls wait for a unit, weighted %g, %g, %g "
                       "by priority 1, 2, 3\n", p->weights[0], p->weights[1], p->weights[2]);
        else
            fprintf(f, "\nobjective, a week: car calls reached after %g min (or never), weighted "
                       "%g, %g, %g by priority 1, 2, 3\n", p->objective_min, p->weights[0],
                    p->weights[1], p->weights[2]);
        fprintf(f, "  %-14s %12s %24s\n", "", "Erlang C", "simulated (95 % interval)");
        fprintf(f, "  %-14s %12.5g %12.5g +- %-9.3g\n", "today", b->erlang_today, b->sim_today,
                b->sim_today_half);
        fprintf(f, "  %-14s %12.5g %12.5g +- %-9.3g\n", "the plan", b->erlang_plan, b->sim_plan,
                b->sim_plan_half);
        fprintf(f, "  %-14s %12s %12.5g +- %-9.3g (the same replications)\n", "plan - today", "",
                b->sim_diff, b->sim_diff_half);
        fprintf(f, "evaluations: %d of %d replications each (today's included); %s\n",
                r->evaluations, p->reps,
                r->status == STAFF_DONE    ? "Erlang C corrected by the simulation gave a plan "
                                             "already simulated: the search settled"
                : r->status == STAFF_UNMET ? "the budget cannot keep up with the calls: in the "
                                             "simulation they outgrew the plan's officers"
                                           : "staffing.rounds ran out before the search settled");
        if (p->ntargets)
            fputs("targets: checked, not required, in budget mode (see targets.csv)\n", f);
        return;
    }
    fprintf(f, "evaluations: %d of %d replications each; ", r->evaluations, p->reps);
    switch (r->status) {
    case STAFF_DONE:
        fputs("every target confirmed at 95 % in every station and block, and no block can "
              "lose an officer\n", f);
        break;
    case STAFF_ROUNDS:
        fputs("every target confirmed at 95 %, but staffing.rounds ran out before every "
              "removal was tried: the plan may not be minimal\n", f);
        break;
    case STAFF_SETTLED:
        fprintf(f, "every target confirmed at 95 %%; no smaller plan was confirmed in the "
                   "last %d evaluations (staffing.patience), so the search stopped before "
                   "every removal was tried: the plan may not be minimal\n", p->patience);
        break;
    case STAFF_CAPPED:
    case STAFF_UNMET:
        fputs("NOT every target is met (see targets.csv)\n", f);
        break;
    }
}
