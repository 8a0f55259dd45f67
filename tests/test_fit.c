/* test_fit.c - the call-log reader (csvlog.c) and the estimators of
 * `beatsim fit` (fit.c): libcsv on quoted fields, embedded newlines, a
 * BOM and CRLF; the time parsers; bad rows by reason with their physical
 * lines; and a synthetic log from known parameters (seeded GSL) whose fit
 * recovers them.
 *
 * Statistical criterion: every recovered figure lies within 4.5 standard
 * errors of the truth (its standard error stated at each check, computed
 * from the known parameters). A normal deviate passes 4.5 sd with
 * probability 1 - 6.8e-6; the file makes 105 such checks, so a correct
 * fit fails with probability below 105 x 6.8e-6 = 7.1e-4 < 1/1000 for
 * any seed (the seed is fixed: the outcome is deterministic). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvlog.h"
#include "fit.h"

#define SEED 20261204UL

static int read_text(csvlog *log, const char *text, const csvlog_options *o)
{
    FILE *f = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    assert_non_null(f);
    FILE *err = fopen("/dev/null", "w");
    int rc = csvlog_read_stream(log, f, "t.csv", o, NULL, err ? err : stderr);
    fclose(f);
    if (err)
        fclose(err);
    return rc;
}

/* ---- the CSV reader ------------------------------------------------------- */

static const char messy[] =
    "\xEF\xBB\xBFtime,Type,beat,note\r\n"
    "10,\"a, b\",B1,\"x\r\ny\"\r\n"        /* lines 2-3: embedded comma and newline */
    "zz,a,B1,n\r\n"                       /* line 4: bad time */
    "20,,B1,\"p\nq\nr\"\r\n"              /* lines 5-7: empty type */
    "\"30\",a,\"B2\",n\r\n"               /* line 8 */
    "\r\n"                                /* line 9: blank */
    "40,a\r\n";                           /* line 10: too few fields */

static void test_csv_messy(void **state)
{
    (void)state;
    csvlog log;
    csvlog_options o = {.map = "time=time,type=type,beat=beat", .replication = -1};
    assert_int_equal(read_text(&log, messy, &o), 0);
    assert_int_equal(log.nrows, 2);
    assert_int_equal(log.types.n, 2);
    assert_string_equal(log.types.name[0], "a, b"); /* case-insensitive "type" */
    assert_string_equal(log.beats.name[1], "B2");
    assert_true(fabs(log.rows[1].t - 30) < 1e-12);
    assert_int_equal(log.bad[BAD_TIME].count, 1);
    assert_int_equal(log.bad[BAD_TIME].lines[0], 4);
    assert_int_equal(log.bad[BAD_TYPE].count, 1);
    assert_int_equal(log.bad[BAD_TYPE].lines[0], 5);
    assert_int_equal(log.bad[BAD_FIELDS].count, 1);
    assert_int_equal(log.bad[BAD_FIELDS].lines[0], 10);
    assert_int_equal(log.lines, 10);
    csvlog_free(&log);
}

static void test_csv_strict_and_missing(void **state)
{
    (void)state;
    csvlog log;
    csvlog_options o = {.map = "time=time,type=type,beat=beat", .replication = -1, .strict = 1};
    assert_int_equal(read_text(&log, messy, &o), 2);
    csvlog_options m = {.map = "time=time,type=kind", .replication = -1};
    assert_int_equal(read_text(&log, messy, &m), 2);
    csvlog_options bad = {.map = "time=time,colour=type", .replication = -1};
    assert_int_equal(read_text(&log, messy, &bad), 2);
    csvlog_options both = {.map = "time=time,date=time", .replication = -1};
    assert_int_equal(read_text(&log, messy, &both), 2);
}

static void test_csv_mojibake_bom_and_date_clock(void **state)
{
    (void)state;
    static const char text[] = "\xC3\xAF\xC2\xBB\xC2\xBF" "D,T,kind\n"
                               "07/06/2024 12:00:00 AM,9:14 PM,\"x\ny\"\n"
                               "07/08/2024 12:00:00 AM,22:17,z\n";
    csvlog log;
    csvlog_options o = {.map = "date=d,clock=t,type=kind", .time_format = "%m/%d/%Y %I:%M:%S %p",
                        .replication = -1};
    assert_int_equal(read_text(&log, text, &o), 0);
    assert_int_equal(log.nrows, 2);
    assert_true(log.calendar);
    /* 2024-07-06 is a Saturday: origin Monday 2024-07-01 */
    assert_int_equal(log.origin_day, 1);
    assert_int_equal(log.origin_month, 7);
    assert_true(fabs(log.rows[0].t - (5 * 1440 + 21 * 60 + 14)) < 1e-9);
    assert_true(fabs(log.rows[1].t - (7 * 1440 + 22 * 60 + 17)) < 1e-9);
    assert_int_equal(log.rows[1].month, 6);
    csvlog_free(&log);
}

static void test_csv_replication_variant(void **state)
{
    (void)state;
    static const char text[] = "replication,variant,call,time,type,priority,beat,station\n"
                               "0,base,1,5.5,a,1,B1,S1\n"
                               "0,other,2,6,a,2,B1,S1\n"
                               "1,base,3,7,a,9,B1,S1\n"
                               "0,base,4,8,b,9,B2,S1\n";
    csvlog log;
    csvlog_options o = {.replication = -1};
    assert_int_equal(read_text(&log, text, &o), 0);
    assert_int_equal(log.nrows, 2);
    assert_int_equal(log.skipped_other, 2);
    assert_int_equal(log.rows[1].priority, 3); /* 9 -> 3 */
    csvlog_free(&log);
    csvlog_options v = {.replication = 1, .variant = "base"};
    assert_int_equal(read_text(&log, text, &v), 0);
    assert_int_equal(log.nrows, 1);
    csvlog_free(&log);
}

/* ---- the time parsers ------------------------------------------------------- */

static void test_time_parsers(void **state)
{
    (void)state;
    csvlog_when w;
    assert_int_equal(csvlog_parse_iso("2024-07-06 21:14:40", &w), 0);
    assert_int_equal(w.hour, 21);
    assert_int_equal(w.minute, 14);
    assert_true(w.second == 40 && !w.has_offset);
    assert_int_equal(csvlog_parse_iso("2024-07-06T21:14:40.5+05:30", &w), 0);
    assert_true(w.has_offset && w.offset_min == 330 && w.second == 40.5);
    assert_int_equal(csvlog_parse_iso("2024-07-06T21:14Z", &w), 0);
    assert_true(w.has_offset && w.offset_min == 0);
    assert_int_equal(csvlog_parse_iso("2024-02-30 01:00", &w), -1);
    assert_int_equal(csvlog_parse_iso("2024-07-06 25:00", &w), -1);
    assert_int_equal(csvlog_parse_iso("2024-07-06 21:14 x", &w), -1);
    assert_int_equal(csvlog_parse_iso("12.5", &w), -1);
    assert_int_equal(csvlog_parse_format("11/04/2023 6:08:26 PM", "%m/%d/%Y %I:%M:%S %p", &w), 0);
    assert_int_equal(w.hour, 18);
    assert_int_equal(w.day, 4);
    assert_int_equal(csvlog_parse_format("11/04/2023", "%m/%d/%Y %I:%M:%S %p", &w), -1);
    assert_int_equal(csvlog_parse_clock("12:05 AM", &w), 0);
    assert_int_equal(w.hour, 0);
    assert_int_equal(csvlog_parse_clock("12:05:09 pm", &w), 0);
    assert_int_equal(w.hour, 12);
    assert_int_equal(csvlog_parse_clock("13:05 PM", &w), -1);
    assert_int_equal(csvlog_parse_clock("7:5", &w), -1);
    /* 2024-01-01 was a Monday, 1970-01-01 a Thursday */
    long d = csvlog_days_from_civil(2024, 1, 1);
    assert_int_equal((d + 3) % 7, 0);
    assert_int_equal(csvlog_days_from_civil(1970, 1, 1), 0);
    int y, m, dd;
    csvlog_civil_from_days(d + 59, &y, &m, &dd);
    assert_true(y == 2024 && m == 2 && dd == 29);
}

static void test_time_zone(void **state)
{
    (void)state;
    static const char text[] = "time,type\n2024-07-06T21:14:40Z,a\n2024-07-06 21:14:40,a\n";
    csvlog log;
    csvlog_options o = {.map = "time=time,type=type", .tz = "America/Chicago", .replication = -1};
    assert_int_equal(read_text(&log, text, &o), 0);
    /* 21:14:40 UTC is 16:14:40 CDT; the second row has no offset: as written */
    double sat = 5 * 1440;
    assert_true(fabs(log.rows[0].t - (sat + 16 * 60 + 14 + 40.0 / 60)) < 1e-6);
    assert_true(fabs(log.rows[1].t - (sat + 21 * 60 + 14 + 40.0 / 60)) < 1e-6);
    csvlog_free(&log);
    csvlog_options bad = {.map = "time=time,type=type", .tz = "Nowhere/Atlantis", .replication = -1};
    assert_int_equal(read_text(&log, text, &bad), 2);
}

/* ---- recovering known parameters ------------------------------------------- */

#define NB 12
#define NS 3
#define DAYS 728
#define V_TRUE 0.02
static const double w_true[7] = {1.1, 1.1, 1.1, 1.1, 1.2, 0.8, 0.6}; /* mean 1 */
static const double prio_true[3] = {0.2, 0.5, 0.3};
#define MU_TRUE 3.4
#define SIGMA_TRUE 0.6

static double h_true(int h) { return 1 + 0.5 * sin(2 * 3.14159265358979323846 * h / 24); } /* mean 1 */
static double rate_a(int b) { return 1 + 0.5 * b; }                      /* calls a day */
#define RATE_B 0.5

static char *synthetic_log(void)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, SEED);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("time,type,priority,beat,station,dispatched,arrived,cleared\n", f);
    for (int d = 0; d < DAYS; d++) {
        double factor = gsl_ran_gamma(g, 1 / V_TRUE, V_TRUE);
        for (int b = 0; b < NB; b++)
            for (int k = 0; k < 2; k++)
                for (int h = 0; h < 24; h++) {
                    double mean = (k ? RATE_B : rate_a(b)) * w_true[d % 7] * h_true(h) / 24 * factor;
                    unsigned n = gsl_ran_poisson(g, mean);
                    for (unsigned i = 0; i < n; i++) {
                        double t = d * 1440.0 + h * 60 + 60 * gsl_rng_uniform(g);
                        double u = gsl_rng_uniform(g);
                        int p = u < prio_true[0] ? 1 : u < prio_true[0] + prio_true[1] ? 2 : 3;
                        double scene = exp(MU_TRUE + SIGMA_TRUE * gsl_ran_ugaussian(g));
                        fprintf(f, "%.4f,%s,%d,B%02d,S%d,%.4f,%.4f,%.6f\n", t, k ? "b" : "a", p,
                                b, b % NS, t, t + 8, t + 8 + scene);
                    }
                }
    }
    fclose(f);
    gsl_rng_free(g);
    return text;
}

static void smooth24(double *w, int n)
{
    double c[FIT_WEEK];
    for (int i = 0; i < n; i++)
        c[i] = (w[(i + n - 1) % n] + 2 * w[i] + w[(i + 1) % n]) / 4;
    memcpy(w, c, (size_t)n * sizeof *w);
}

static void test_fit_recovers(void **state)
{
    (void)state;
    char *text = synthetic_log();
    csvlog log;
    csvlog_options o = {.replication = -1};
    assert_int_equal(read_text(&log, text, &o), 0);
    free(text);
    fit_result r;
    assert_int_equal(fit_log(&r, &log, stderr), 0);
    assert_int_equal(r.ntypes, 2);
    assert_int_equal(r.ndays, DAYS);
    const fit_type *a = &r.types[0];
    assert_string_equal(a->name, "a");
    double D = DAYS;
    /* beat rates: Var(n_b) = D r + D v r^2 (Poisson-gamma) */
    for (int k = 0; k < 2; k++)
        for (size_t b = 0; b < r.nbeats; b++) {
            int bi = atoi(log.beats.name[b] + 1);
            double truth = k ? RATE_B : rate_a(bi);
            double se = sqrt(truth / D + V_TRUE * truth * truth / D);
            assert_true(fabs(r.types[k].beat_rate[b] - truth) < 4.5 * se);
        }
    /* hour profile of type a: the estimator's mean is the smoothed truth;
       se of a weight <= w sqrt(24 / (n w)) (Poisson, smoothing ignored:
       conservative) */
    double ht[24];
    for (int h = 0; h < 24; h++)
        ht[h] = h_true(h);
    smooth24(ht, 24);
    for (int h = 0; h < 24; h++)
        assert_true(fabs(a->hour[h] - ht[h]) < 4.5 * ht[h] * sqrt(24 / ((double)a->n * ht[h])));
    /* hour-of-week weights: not sparse, smoothed over 168 bins */
    assert_false(a->separable);
    double wk[FIT_WEEK];
    for (int h = 0; h < FIT_WEEK; h++)
        wk[h] = h_true(h % 24) * w_true[h / 24];
    smooth24(wk, FIT_WEEK);
    for (int h = 0; h < FIT_WEEK; h++) {
        /* Poisson se w sqrt(168 / (n w)), and the day factor's share of a
           bin's 104 days: w sqrt(v / 104) */
        double se = wk[h] * sqrt(FIT_WEEK / ((double)a->n * wk[h]) + V_TRUE / (DAYS / 7.0));
        if (h % 12 == 0) /* 14 bins, spread over the week */
            assert_true(fabs(a->week[h] - wk[h]) < 4.5 * se);
    }
    /* weekday: se w sqrt(1 / (104 m w) + v / 104), m = 45 calls a day */
    for (int d = 0; d < 7; d++) {
        double se = w_true[d] * sqrt(1 / (DAYS / 7.0 * 45 * w_true[d]) + V_TRUE / (DAYS / 7.0));
        assert_true(fabs(a->dow[d] - w_true[d]) < 4.5 * se);
    }
    /* day factor: Var N = m + v m^2 with m = 51; the sample variance of D
       days has se about sqrt(2 / D) Var, so v has se sqrt(2 / D) Var / m^2 */
    double m = 51, var = m + V_TRUE * m * m;
    assert_true(fabs(r.day_factor_variance - V_TRUE) < 4.5 * sqrt(2 / D) * var / (m * m));
    /* priority shares: multinomial se sqrt(p (1 - p) / n) */
    for (int p = 0; p < 3; p++) {
        double share = (double)a->prio_n[p] / (double)a->n;
        assert_true(fabs(share - prio_true[p]) <
                    4.5 * sqrt(prio_true[p] * (1 - prio_true[p]) / (double)a->n));
    }
    assert_int_equal(a->priority, 2);
    /* lognormal MLE: se of mu sigma / sqrt(n), of sigma sigma / sqrt(2 n) */
    assert_int_equal(a->scene_n, a->n);
    assert_true(fabs(a->scene_mu - MU_TRUE) < 4.5 * SIGMA_TRUE / sqrt((double)a->n));
    assert_true(fabs(a->scene_sigma - SIGMA_TRUE) < 4.5 * SIGMA_TRUE / sqrt(2.0 * (double)a->n));
    /* dispatch to arrival: exactly 8 minutes (to the 4 decimals written) */
    assert_true(fabs(r.arrival[0].median - 8) < 1e-3);
    fit_free(&r);
    csvlog_free(&log);
}

/* A beat with few calls is pulled toward its station's rate. */
static void test_fit_shrinks(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fputs("time,type,beat,station\n", f);
    /* station S0: beats X (1 call), Y and Z (60 each) over 60 days;
       station S1: beats U, W (5 each) */
    for (int i = 0; i < 60; i++) {
        fprintf(f, "%d,a,Y,S0\n%d,a,Z,S0\n", i * 1440 + 1, i * 1440 + 2);
        if (i % 12 == 0)
            fprintf(f, "%d,a,U,S1\n%d,a,W,S1\n", i * 1440 + 3, i * 1440 + 4);
    }
    fputs("5,a,X,S0\n", f);
    fclose(f);
    csvlog log;
    csvlog_options o = {.replication = -1};
    assert_int_equal(read_text(&log, text, &o), 0);
    free(text);
    fit_result r;
    assert_int_equal(fit_log(&r, &log, stderr), 0);
    size_t x = 0;
    while (strcmp(log.beats.name[x], "X"))
        x++;
    double raw = 1.0 / 60, station = 121.0 / (3 * 60);
    assert_true(r.types[0].beat_rate[x] > raw && r.types[0].beat_rate[x] < station);
    fit_free(&r);
    csvlog_free(&log);
}

static void test_chisq(void **state)
{
    (void)state;
    double o[3] = {10, 20, 30}, e[3] = {20, 20, 20};
    fit_gof g = fit_chisq(o, e, 3, 0);
    assert_true(fabs(g.chi2 - 10) < 1e-12);
    assert_int_equal(g.df, 2);
    assert_true(fabs(g.p - exp(-5)) < 1e-12); /* chi-square 2 df: Q = e^(-x/2) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_messy),
        cmocka_unit_test(test_csv_strict_and_missing),
        cmocka_unit_test(test_csv_mojibake_bom_and_date_clock),
        cmocka_unit_test(test_csv_replication_variant),
        cmocka_unit_test(test_time_parsers),
        cmocka_unit_test(test_time_zone),
        cmocka_unit_test(test_fit_recovers),
        cmocka_unit_test(test_fit_shrinks),
        cmocka_unit_test(test_chisq),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
