/* test_budget.c - the limits that keep a run's memory and time bounded
 * (models/budget.c): each check at its limit and just past it, with the
 * message it gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "check.h"

/* Runs check(s, err) and returns its messages (malloc'd). */
static char *messages_of(int (*check)(const scenario *, FILE *), const scenario *s, int want)
{
    char *msg = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&msg, &len);
    assert_non_null(err);
    assert_int_equal(check(s, err), want);
    assert_int_equal(fclose(err), 0);
    return msg;
}

/* The synthetic city's beats, counted as the generator counts them. */
static void test_city(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    snprintf(s.source, sizeof s.source, "t.cfg");
    /* 1e8 residents: 16000 urban and 2000 rural beats */
    s.synth.residents = 1e8;
    free(messages_of(budget_city, &s, 0));
    city c;
    s.synth.urban_beat_residents = 4000; /* 20000 + 2000 */
    char *msg = messages_of(budget_city, &s, 1);
    assert_string_equal(msg, "t.cfg: city.synthetic: expected a city of at most 20000 beats, "
                             "found 20000 urban and 2000 rural beats (residents per beat: "
                             "urban_beat_residents, rural_beat_residents)\n");
    free(msg);
    s.synth.urban_beat_residents = 4445; /* 17998 + 2000: fits */
    free(messages_of(budget_city, &s, 0));
    s.synth.residents = 1e6;
    s.synth.urban_beat_residents = 5000;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    assert_int_equal(c.nbeats, 180); /* the count budget_city makes: 160 + 20 */
    city_free(&c);
}

/* Calls a day and per replication, prison places, key persons, officers. */
static void test_run(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    snprintf(s.source, sizeof s.source, "t.cfg");
    city c;
    roster r;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    assert_int_equal(budget_officers(&s, &c, stderr), 0);
    assert_int_equal(roster_build(&r, &s, &c, stderr), 0);
    /* the default city: 120 calls per 1000 residents a year, with the
       land multipliers about 319 a day at base */
    double day = budget_calls_per_day(&s, &c);
    assert_true(day > 300 && day < 330);
    assert_int_equal(budget_run(&s, &c, &r, stderr), 0);

    char *msg = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&msg, &len);
    assert_non_null(err);
    /* calls a day: every rate x 2000 at rate_cap 2 */
    for (int k = 0; k < s.ntypes; k++)
        s.types[k].rate_per_1000_year *= 2000;
    assert_int_equal(budget_run(&s, &c, &r, err), 2); /* and the prison */
    for (int k = 0; k < s.ntypes; k++)
        s.types[k].rate_per_1000_year /= 2000;
    /* calls per replication: 2 x 319 a day for 2e5 days = 1.3e8; x 10 */
    s.days = 1e5;
    s.warmup_days = 1e5;
    assert_int_equal(budget_run(&s, &c, &r, err), 0);
    for (int k = 0; k < s.ntypes; k++)
        s.types[k].rate_per_1000_year *= 10;
    assert_int_equal(budget_run(&s, &c, &r, err), 1);
    for (int k = 0; k < s.ntypes; k++)
        s.types[k].rate_per_1000_year /= 10;
    s.days = 365;
    s.warmup_days = 7;
    /* the prison: about 77 offender-driven calls a day x 2 x 0.8 =
       about 124 arrests a day at most; 36500 days fit 4.5e6 places */
    s.prevention.offenders.sentence_days = 36500;
    assert_int_equal(budget_run(&s, &c, &r, err), 0);
    s.prevention.enabled = 0; /* no prison without the proactive layer */
    assert_int_equal(budget_run(&s, &c, &r, err), 0);
    assert_int_equal(fclose(err), 0);
    /* (numbers in the messages are rounded, %.3g) */
    assert_non_null(strstr(msg, "t.cfg: incidents: expected at most 1000000 calls a day, found "
                                "about 1.28e+06 (residents x rate_per_1000_year x land_mult x "
                                "prevention.rate_cap)\n"));
    assert_non_null(strstr(msg, "t.cfg: prevention.offenders.sentence_days: expected at most "));
    assert_non_null(strstr(msg, "t.cfg: run: expected at most 1000000000 calls in a "
                                "replication, found about 1.28e+09 (6.38e+03 a day for "
                                "warmup_days + days = 200000 days)\n"));
    free(msg);
    roster_free(&r);

    /* officers: one per resident is refused before the roster is made
       (1e6 + rounding 0.5 x 20 stations + 5 x 20 minimum + 180 beat
       officers, and the default's other groups: patrol and patrol_aux 60
       each, response_aux 310) */
    s.prevention.enabled = 1;
    s.groups[0].per = 1;
    msg = NULL;
    err = open_memstream(&msg, &len);
    assert_int_equal(budget_officers(&s, &c, err), 1);
    assert_int_equal(fclose(err), 0);
    assert_string_equal(msg, "t.cfg: officers: expected at most 200000 officers in all, found "
                             "about 1000720\n");
    free(msg);
    city_free(&c);
}

/* The results estimate is not below what a replication keeps. */
static void test_result_bytes(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    city c;
    roster r;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    assert_int_equal(roster_build(&r, &s, &c, stderr), 0);
    double b = budget_result_bytes(&s, &c, &r);
    /* 4 histograms of 2689 bins (2 x 8 bytes each), 366 days of 176
       bytes, 180 beats of 288 bytes, the struct: about 0.3 MB */
    assert_true(b > 4 * 2689 * 16 + 366 * 176 + 180 * 288);
    assert_true(b < 400000);
    roster_free(&r);
    city_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city),
        cmocka_unit_test(test_run),
        cmocka_unit_test(test_result_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
