/* fit_report.c - the fragment and fit.csv of `beatsim fit` (fit_report.h).
 *
 * fit.csv: block,type,key,observed,fitted; each block ends with a row of
 * key "chi2" giving observed = the chi-square statistic, fitted = its
 * degrees of freedom and a last column p (GSL's upper tail). */
#include "fit_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const dow_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static void block_end(FILE *f, const char *block, const char *type, fit_gof g)
{
    fprintf(f, "%s,%s,chi2,%.4f,%d,%.6g\n", block, type, g.chi2, g.df, g.p);
}

static int write_csv(FILE *f, const fit_result *r, const csvlog *log)
{
    fputs("block,type,key,observed,fitted,p\n", f);
    double *obs = malloc((r->nbeats > 168 ? r->nbeats : 168) * sizeof *obs);
    double *exp_ = malloc((r->nbeats > 168 ? r->nbeats : 168) * sizeof *exp_);
    if (!obs || !exp_) {
        free(obs), free(exp_);
        return -1;
    }
    for (size_t k = 0; k < r->ntypes; k++) {
        const fit_type *t = &r->types[k];
        for (int h = 0; h < FIT_WEEK; h++)
            fprintf(f, "hour_of_week,%s,%s %02d,%.0f,%.4f,\n", t->name, dow_names[h / 24], h % 24,
                    t->week_obs[h], t->week_exp_sep[h]);
        block_end(f, "hour_of_week", t->name,
                  fit_chisq(t->week_obs, t->week_exp_sep, FIT_WEEK, 23 + 6));
        double ho[24] = {0}, he[24];
        for (int h = 0; h < FIT_WEEK; h++)
            ho[h % 24] += t->week_obs[h];
        for (int h = 0; h < 24; h++) {
            he[h] = (double)t->n * t->hour[h] / 24;
            fprintf(f, "hour,%s,%02d,%.0f,%.4f,\n", t->name, h, ho[h], he[h]);
        }
        block_end(f, "hour", t->name, fit_chisq(ho, he, 24, 0));
        double wo[7] = {0}, we[7], z = 0;
        for (int h = 0; h < FIT_WEEK; h++)
            wo[h / 24] += t->week_obs[h];
        for (int d = 0; d < 7; d++)
            z += t->dow[d] * (double)r->days_w[d];
        for (int d = 0; d < 7; d++) {
            we[d] = z > 0 ? (double)t->n * t->dow[d] * (double)r->days_w[d] / z : 0;
            fprintf(f, "weekday,%s,%s,%.0f,%.4f,\n", t->name, dow_names[d], wo[d], we[d]);
        }
        block_end(f, "weekday", t->name, fit_chisq(wo, we, 7, 6));
        if (t->month_obs) {
            double me[12];
            for (int m = 0; m < 12; m++) {
                me[m] = (double)t->n * r->month_days[m] / (double)r->ndays;
                fprintf(f, "month,%s,%02d,%.0f,%.4f,\n", t->name, m + 1, t->month_obs[m], me[m]);
            }
            block_end(f, "month", t->name, fit_chisq(t->month_obs, me, 12, 0));
        }
        for (size_t b = 0; b < r->nbeats; b++) {
            obs[b] = t->beat_obs[b];
            exp_[b] = t->beat_rate[b] * (double)r->ndays;
            fprintf(f, "beat,%s,%s,%.0f,%.4f,\n", t->name, log->beats.name[b], obs[b], exp_[b]);
        }
        block_end(f, "beat", t->name, fit_chisq(obs, exp_, r->nbeats, 0));
        for (int p = 0; p < CSVLOG_PRIORITY_MAX; p++)
            fprintf(f, "priority,%s,%d,%ld,%.4f,\n", t->name, p + 1, t->prio_n[p],
                    t->prio_n[0] + t->prio_n[1] + t->prio_n[2] > 0
                        ? (double)t->prio_n[p] /
                              (double)(t->prio_n[0] + t->prio_n[1] + t->prio_n[2])
                        : 0.0);
        if (t->scene_n > 0)
            fprintf(f, "scene_lognormal,%s,mu sigma,%.6f,%.6f,\n", t->name, t->scene_mu,
                    t->scene_sigma);
    }
    for (size_t k = 0; k < r->ntypes; k++)
        fprintf(f, "type,all,%s,%ld,%.4f,\n", r->types[k].name, r->types[k].n,
                r->types[k].calls_per_day * (double)r->ndays);
    for (long d = 0; d < r->ndays; d++)
        fprintf(f, "day,all,%ld,%.0f,%.4f,\n", r->first_day + d, r->daily[d], r->daily_exp[d]);
    /* Poisson dispersion test of the daily totals about the weekday means */
    block_end(f, "day", "all", fit_chisq(r->daily, r->daily_exp, (size_t)r->ndays, 6));
    for (int p = 0; p <= CSVLOG_PRIORITY_MAX; p++)
        if (r->arrival[p].n > 0) {
            char key[16];
            snprintf(key, sizeof key, p ? "priority %d" : "all", p);
            fprintf(f, "arrival_mean_median,%s,%s,%.4f,%.4f,\n", "all", key, r->arrival[p].mean,
                    r->arrival[p].median);
            fprintf(f, "arrival_p90_n,%s,%s,%.4f,%ld,\n", "all", key, r->arrival[p].p90,
                    r->arrival[p].n);
        }
    free(obs);
    free(exp_);
    return 0;
}

/* A libconfig float: always with a '.' or an exponent. */
static void real(FILE *f, double v)
{
    char b[40];
    snprintf(b, sizeof b, "%.6g", v);
    fputs(b, f);
    if (!strpbrk(b, ".eEn"))
        fputs(".0", f);
}

static void weights_out(FILE *f, const double *w, int n)
{
    fputs("[ ", f);
    for (int i = 0; i < n; i++) {
        if (i)
            fputs(i % 8 ? ", " : ",\n                       ", f);
        real(f, w[i] > 0 ? w[i] : 0);
    }
    fputs(" ]", f);
}

static void write_cfg(FILE *f, const fit_result *r, const csvlog *log, const char *log_path,
                      double residents)
{
    long n = 0;
    for (size_t k = 0; k < r->ntypes; k++)
        n += r->types[k].n;
    fprintf(f, "# Fitted by beatsim fit from %s: %ld calls over %ld days", log_path, n, r->ndays);
    if (log->calendar)
        fprintf(f, " (day 0 = Monday %04d-%02d-%02d)", log->origin_year, log->origin_month,
                log->origin_day);
    fprintf(f, ".\n# Rates per 1000 residents of a city of %.0f residents; land_mult 1 so the\n"
               "# city's calls a day are the log's. Include it after the city:\n"
               "#   @include \"this file\"\n",
            residents);
    fputs("incidents = {\n  day_factor_variance = ", f);
    real(f, r->day_factor_variance);
    fputs(";\n  types = (\n", f);
    for (size_t k = 0; k < r->ntypes; k++) {
        const fit_type *t = &r->types[k];
        fprintf(f, "    { name = \"%s\";  # %ld calls, %.4g a day\n      rate_per_1000_year = ",
                t->name, t->n, t->calls_per_day);
        real(f, t->calls_per_day * 365.25 / (residents / 1000));
        fputs(";\n      hour_profile = ", f);
        weights_out(f, t->hour, 24);
        fputs(";\n      dow_profile = ", f);
        weights_out(f, t->dow, 7);
        fputs(";\n      land_mult = [ 1.0, 1.0, 1.0, 1.0 ];\n", f);
        if (t->priority)
            fprintf(f, "      priority = %d;  # shares %.3f %.3f %.3f\n", t->priority,
                    (double)t->prio_n[0] / (double)t->n, (double)t->prio_n[1] / (double)t->n,
                    (double)t->prio_n[2] / (double)t->n);
        if (t->scene_n > 1) {
            fputs("      scene = \"lognormal\"; scene_mean_min = ", f);
            real(f, t->scene_mean < 0.1 ? 0.1 : t->scene_mean > 1440 ? 1440 : t->scene_mean);
            fputs("; scene_sd_min = ", f);
            real(f, t->scene_sd > 1440 ? 1440 : t->scene_sd);
            fprintf(f, ";  # MLE of %ld times\n", t->scene_n);
        } else {
            fputs("      scene = \"lognormal\"; scene_mean_min = ", f);
            real(f, FIT_SCENE_MEAN_ASSUMED);
            fputs("; scene_sd_min = ", f);
            real(f, FIT_SCENE_SD_ASSUMED);
            fputs(";  # no on-scene times in the log: assumption\n", f);
        }
        fprintf(f, "    }%s\n", k + 1 < r->ntypes ? "," : "");
    }
    fputs("  );\n};\n", f);
}

/* out's folder joined with "fit.csv" */
static void beside(const char *out, const char *name, char *buf, size_t n)
{
    const char *slash = strrchr(out, '/');
    if (slash)
        snprintf(buf, n, "%.*s/%s", (int)(slash - out), out, name);
    else
        snprintf(buf, n, "%s", name);
}

int fit_report_write(const fit_result *r, const csvlog *log, const char *log_path,
                     const char *out_cfg, double residents, FILE *err)
{
    char csv[4096], tcfg[4200], tcsv[4200];
    beside(out_cfg, "fit.csv", csv, sizeof csv);
    snprintf(tcfg, sizeof tcfg, "%s.tmp.%ld", out_cfg, (long)getpid());
    snprintf(tcsv, sizeof tcsv, "%s.tmp.%ld", csv, (long)getpid());
    FILE *a = fopen(tcfg, "w");
    FILE *b = a ? fopen(tcsv, "w") : NULL;
    int ok = a && b;
    if (ok) {
        write_cfg(a, r, log, log_path, residents);
        if (write_csv(b, r, log) != 0)
            ok = 0, errno = ENOMEM;
    }
    const char *bad = !a ? tcfg : !b ? tcsv : !ok ? tcsv : NULL;
    int e = errno;
    if (a && (ferror(a) | fclose(a)) && ok)
        ok = 0, bad = tcfg, e = errno;
    if (b && (ferror(b) | fclose(b)) && ok)
        ok = 0, bad = tcsv, e = errno;
    if (ok && rename(tcsv, csv) != 0)
        ok = 0, bad = csv, e = errno;
    if (ok && rename(tcfg, out_cfg) != 0)
        ok = 0, bad = out_cfg, e = errno;
    if (!ok) {
        fprintf(err, "beatsim: fit: %s: %s\n", bad ? bad : out_cfg, strerror(e ? e : EIO));
        unlink(tcfg);
        unlink(tcsv);
        return 1;
    }
    return 0;
}

void fit_report_summary(const fit_result *r, const csvlog *log, const char *log_path, FILE *f)
{
    long bad = 0;
    for (int i = 0; i < BAD_NREASONS; i++)
        bad += log->bad[i].count;
    fprintf(f, "%s: %ld lines, %zu calls fitted over %ld days, %ld bad rows skipped", log_path,
            log->lines, log->nrows, r->ndays, bad);
    if (log->skipped_other)
        fprintf(f, ", %ld rows of other replications/variants", log->skipped_other);
    fputs("\n", f);
    for (int i = 0; i < BAD_NREASONS; i++) {
        const csvlog_bad *b = &log->bad[i];
        if (!b->count)
            continue;
        fprintf(f, "  %-36s %8ld  (lines", csvlog_reason_names[i], b->count);
        for (long j = 0; j < b->count && j < CSVLOG_LINES_SHOWN; j++)
            fprintf(f, " %ld", b->lines[j]);
        fputs(b->count > CSVLOG_LINES_SHOWN ? " ...)\n" : ")\n", f);
    }
    fprintf(f, "day factor variance %.4g (method of moments after the weekday effect)\n",
            r->day_factor_variance);
    fprintf(f, "%-24s %8s %10s %4s %10s %10s\n", "type", "calls", "per day", "prio",
            "scene mean", "scene sd");
    for (size_t k = 0; k < r->ntypes; k++) {
        const fit_type *t = &r->types[k];
        fprintf(f, "%-24s %8ld %10.3f %4d", t->name, t->n, t->calls_per_day, t->priority);
        if (t->scene_n > 1)
            fprintf(f, " %10.1f %10.1f\n", t->scene_mean, t->scene_sd);
        else
            fputs("          -          -\n", f);
    }
    for (int p = 0; p <= CSVLOG_PRIORITY_MAX; p++)
        if (r->arrival[p].n > 0)
            fprintf(f, "dispatch to arrival, %s%.0d: n %ld, mean %.1f, median %.1f, p90 %.1f min\n",
                    p ? "priority " : "all", p, r->arrival[p].n, r->arrival[p].mean,
                    r->arrival[p].median, r->arrival[p].p90);
}
