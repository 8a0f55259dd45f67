/* test_roster.c - staffing rules, shift plans and duty queries of roster.c.
 *
 * Staffing is checked on a hand-made city of 3 stations and 6 beats whose
 * every expected count is worked out by hand next to the assertion
 * (largest remainders: floors of the quotas first, then one each to the
 * largest fractional parts, ties to the lower index). Shift plans are
 * checked by counting officers on duty at every half hour of two weeks
 * against the count their templates imply. Nothing here is random.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "city.h"
#include "roster.h"
#include "scenario.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WEEK ROSTER_WEEK_MIN
#define HOUR 60.0
#define DAY 1440.0

/* ---- the test city ---------------------------------------------------------------- */

/* Stations A, B, C; beats (station, residents, households):
 *   b0 A 3000 1000   b1 A 1000 400    -> A 4000 residents, 1400 households
 *   b2 B 2000  800   b3 B 2500 1000   -> B 4500, 1800
 *   b4 C  500  200   b5 C 1000 350    -> C 1500, 550
 * b4 is commercial, the rest urban residential. One incident type of
 * 365.25 calls per 1000 residents a year (7 per 1000 a week), three times
 * that in commercial beats, one officer for 30 min on scene plus 0.5 h of
 * follow-up: 60 officer-minutes a call, so the workload of a station is
 * proportional to residents x land multiplier: A 4000, B 4500, C 2500. */
typedef struct fixture {
    scenario s;
    beat_spec beats[6];
    station_spec stations[3];
    city c;
} fixture;

static void flat_type(incident_type *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "theft");
    t->rate_per_1000_year = 365.25;
    for (int h = 0; h < 24; h++)
        t->hour_profile[h] = 1;
    for (int d = 0; d < 7; d++)
        t->dow_profile[d] = 1;
    for (int l = 0; l < LAND_NTYPES; l++)
        t->land_mult[l] = 1;
    t->land_mult[LAND_COMMERCIAL] = 3;
    t->priority = 2;
    t->units = 1;
    t->scene = SCENE_FIXED;
    t->scene_mean_min = 30;
    t->followup_h = 0.5;
}

/* A station-role group of `count` officers by residents on fixed 3x8. */
static officer_group group(void)
{
    return (officer_group){.name = "g", .role = ROLE_STATION, .base = BASE_STATION,
                           .rule = STAFF_COUNT, .count = 10,
                           .allocation = ALLOC_RESIDENTS, .shifts = SHIFT_FIXED_3X8,
                           .hours_per_week = 40, .line = 7};
}

static fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    scenario *s = &f->s;
    snprintf(s->source, sizeof s->source, "test.cfg");
    const char *sid[3] = {"A", "B", "C"};
    for (int j = 0; j < 3; j++) {
        snprintf(f->stations[j].id, sizeof f->stations[j].id, "%s", sid[j]);
        f->stations[j].x = 0.2;
        f->stations[j].y = 2.0 * j;
    }
    const double res[6] = {3000, 1000, 2000, 2500, 500, 1000};
    const double hh[6] = {1000, 400, 800, 1000, 200, 350};
    for (int i = 0; i < 6; i++) {
        beat_spec *b = &f->beats[i];
        snprintf(b->id, sizeof b->id, "b%d", i);
        snprintf(b->station, sizeof b->station, "%s", sid[i / 2]);
        b->land = i == 4 ? LAND_COMMERCIAL : LAND_URBAN_RESIDENTIAL;
        b->residents = res[i];
        b->households = hh[i];
        b->area_km2 = 1;
        b->x = i % 2;
        b->y = 2.0 * (i / 2);
    }
    s->beats = f->beats;
    s->nbeats = 6;
    s->stations = f->stations;
    s->nstations = 3;
    flat_type(&s->types[0]);
    s->ntypes = 1;
    s->groups[0] = group();
    s->ngroups = 1;
    assert_int_equal(city_build(&f->c, s, stderr), 0);
    return f;
}

static void fixture_free(fixture *f)
{
    city_free(&f->c);
    free(f);
}

/* Officers of group g per station (st[3]) and per beat (bt[6]). */
static void tally(const roster *r, int g, long st[3], long bt[6])
{
    memset(st, 0, 3 * sizeof *st);
    memset(bt, 0, 6 * sizeof *bt);
    for (size_t i = 0; i < r->n; i++) {
        if (r->officers[i].group != g)
            continue;
        st[r->officers[i].station]++;
        if (r->officers[i].beat >= 0)
            bt[r->officers[i].beat]++;
    }
}

/* Builds the roster of f's single group and checks the counts per station
 * (want_st) and, when want_bt is not NULL, per beat. */
static void expect_counts(fixture *f, const long want_st[3], const long *want_bt)
{
    roster r;
    long st[3], bt[6];
    assert_int_equal(roster_build(&r, &f->s, &f->c, stderr), 0);
    tally(&r, 0, st, bt);
    for (int j = 0; j < 3; j++)
        if (st[j] != want_st[j])
            fail_msg("station %d: %ld officers, expected %ld", j, st[j], want_st[j]);
    for (int b = 0; want_bt && b < 6; b++)
        if (bt[b] != want_bt[b])
            fail_msg("beat %d: %ld officers, expected %ld", b, bt[b], want_bt[b]);
    roster_free(&r);
}

/* roster_build expected to fail; returns its messages (owned). */
static char *build_fails(fixture *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    assert_non_null(err);
    roster r;
    assert_int_equal(roster_build(&r, &f->s, &f->c, err), -1);
    fclose(err);
    assert_null(r.officers);
    assert_int_equal(r.n, 0);
    return buf;
}

/* ---- calls and workload ----------------------------------------------------------------- */

/* b0: 3000 residents x 365.25 / 1000 a year = 21 calls a week, 60 min
 * each; b4: 500 x 3 (commercial) -> 10.5 calls. */
static void test_calls_and_workload(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    CHECK_NEAR(roster_beat_calls_per_week(&f->s, &f->c.beats[0]), 21, 1e-12);
    CHECK_NEAR(roster_beat_workload_min(&f->s, &f->c.beats[0]), 1260, 1e-9);
    CHECK_NEAR(roster_beat_calls_per_week(&f->s, &f->c.beats[4]), 10.5, 1e-12);
    f->s.types[0].units = 2; /* 10.5 x (2 x 30 + 30) */
    CHECK_NEAR(roster_beat_workload_min(&f->s, &f->c.beats[4]), 945, 1e-9);
    f->s.types[1] = f->s.types[0]; /* a second type doubles everything */
    f->s.ntypes = 2;
    CHECK_NEAR(roster_beat_calls_per_week(&f->s, &f->c.beats[4]), 21, 1e-12);
    fixture_free(f);
}

/* ---- staffing rules ---------------------------------------------------------------------- */

static void test_count_allocations(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    /* residents 4000 : 4500 : 1500 of 10 -> quotas 4, 4.5, 1.5; floors 4 4 1;
       the last officer goes to the tie .5/.5 at the lower index, B */
    expect_counts(f, (long[]){4, 5, 1}, NULL);
    /* workload 4000 : 4500 : 2500 -> quotas 3.64, 4.09, 2.27; floors 3 4 2;
       the largest remainder is A's */
    f->s.groups[0].allocation = ALLOC_WORKLOAD;
    expect_counts(f, (long[]){4, 4, 2}, NULL);
    /* equal: 3.33 each; the remainder to A */
    f->s.groups[0].allocation = ALLOC_EQUAL;
    expect_counts(f, (long[]){4, 3, 3}, NULL);

    /* the officers themselves, by station, and the indexes */
    f->s.groups[0].allocation = ALLOC_RESIDENTS;
    roster r;
    assert_int_equal(roster_build(&r, &f->s, &f->c, stderr), 0);
    assert_int_equal(r.n, 10);
    const size_t sfirst[4] = {0, 4, 9, 10};
    for (int j = 0; j < 4; j++)
        assert_int_equal(r.station_first[j], sfirst[j]);
    for (int b = 0; b <= 6; b++)
        assert_int_equal(r.beat_first[b], 0);
    for (size_t i = 0; i < r.n; i++) {
        const roster_officer *o = &r.officers[i];
        int j = i < 4 ? 0 : i < 9 ? 1 : 2;
        assert_int_equal(o->group, 0);
        assert_int_equal(o->station, j);
        assert_int_equal(o->beat, -1);
        assert_int_equal(r.station_officers[i], i);
        CHECK_NEAR(o->base_x, f->c.stations[j].x, 0);
        CHECK_NEAR(o->base_y, f->c.stations[j].y, 0);
        assert_int_equal(o->base_beat, f->c.stations[j].beat);
    }
    /* the building at (0.2, 2j) stands nearest the first beat of each */
    assert_int_equal(f->c.stations[1].beat, 2);
    roster_free(&r);
    assert_null(r.officers);

    /* beat role, equal: 8 of 6 beats -> 1 each and the 2 left to b0, b1 */
    f->s.groups[0].role = ROLE_BEAT;
    f->s.groups[0].allocation = ALLOC_EQUAL;
    f->s.groups[0].count = 8;
    expect_counts(f, (long[]){4, 2, 2}, (long[]){2, 2, 1, 1, 1, 1});
    fixture_free(f);
}

/* count with min_per_station: the total stays fixed. */
static void test_count_min_per_station(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    /* 3 each, then 1 by residents: quotas .4 .45 .15 -> B */
    f->s.groups[0].min_per_station = 3;
    expect_counts(f, (long[]){3, 4, 3}, NULL);
    f->s.groups[0].count = 9;
    expect_counts(f, (long[]){3, 3, 3}, NULL);

    /* beat role, 12 with 2 a station: first b0 b1, b3 b2, b5 b4 one each
       (most residents first), then 6 by residents over 10,000: quotas
       1.8 .6 1.2 1.5 .3 .6 -> floors 1 0 1 1 0 0, and the 3 left to the
       remainders .8 (b0), .6 (b1), .6 (b5) */
    f->s.groups[0].role = ROLE_BEAT;
    f->s.groups[0].count = 12;
    f->s.groups[0].min_per_station = 2;
    expect_counts(f, (long[]){5, 4, 3}, (long[]){3, 2, 2, 2, 1, 2});
    /* 9 with 3 a station and 2 beats a station: the third officer goes to
       the beat with more residents per officer (3000 vs 1000 and so on) */
    f->s.groups[0].count = 9;
    f->s.groups[0].min_per_station = 3;
    expect_counts(f, (long[]){3, 3, 3}, (long[]){2, 1, 1, 2, 1, 2});

    f->s.groups[0].role = ROLE_STATION;
    f->s.groups[0].count = 8;
    char *msg = build_fails(f);
    assert_string_equal(msg, "test.cfg:7: officers.[0].count: expected at least 9 "
                             "(min_per_station x stations), found 8\n");
    free(msg);
    fixture_free(f);
}

static void test_per_residents_households(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    officer_group *g = &f->s.groups[0];
    /* station role, 1 per 2000: round(2), round(2.25), round(0.75) */
    g->rule = STAFF_PER_RESIDENTS;
    g->per = 2000;
    expect_counts(f, (long[]){2, 2, 1}, NULL);
    g->min_per_station = 2; /* C raised to 2: the total grows */
    expect_counts(f, (long[]){2, 2, 2}, NULL);

    /* beat role, 1 per 1200: round(2.5) = 3, round(.83) = 1, round(1.67) =
       2, round(2.08) = 2, max(1, round(.42)) = 1, round(.83) = 1 */
    g->role = ROLE_BEAT;
    g->per = 1200;
    g->min_per_station = 0;
    expect_counts(f, (long[]){4, 4, 2}, (long[]){3, 1, 2, 2, 1, 1});
    /* at least 4 a station: C's two go to b5 (1000 per officer against
       500), then to b4 (500 each: the tie goes to the lower index) */
    g->min_per_station = 4;
    expect_counts(f, (long[]){4, 4, 4}, (long[]){3, 1, 2, 2, 2, 2});

    /* households: station role 1 per 1000: round(1.4), round(1.8),
       round(.55) */
    g->role = ROLE_STATION;
    g->rule = STAFF_PER_HOUSEHOLDS;
    g->per = 1000;
    g->min_per_station = 0;
    expect_counts(f, (long[]){1, 2, 1}, NULL);
    /* beat role 1 per 500: 2, round(.8), round(1.6), 2, max(1, round(.4)),
       round(.7) */
    g->role = ROLE_BEAT;
    g->per = 500;
    expect_counts(f, (long[]){3, 4, 2}, (long[]){2, 1, 2, 2, 1, 1});
    fixture_free(f);
}

static void test_per_beat(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    officer_group *g = &f->s.groups[0];
    g->role = ROLE_BEAT;
    g->base = BASE_OFFICE;
    g->rule = STAFF_PER_BEAT;
    g->per_beat = 2;
    expect_counts(f, (long[]){4, 4, 4}, (long[]){2, 2, 2, 2, 2, 2});
    /* a second group behind the first: ordered by group, station, beat */
    f->s.groups[1] = group();
    f->s.groups[1].count = 3;
    f->s.groups[1].allocation = ALLOC_EQUAL;
    f->s.ngroups = 2;
    roster r;
    assert_int_equal(roster_build(&r, &f->s, &f->c, stderr), 0);
    assert_int_equal(r.n, 15);
    for (size_t i = 0; i < 12; i++) {
        const roster_officer *o = &r.officers[i];
        assert_int_equal(o->group, 0);
        assert_int_equal(o->beat, (int)(i / 2));
        assert_int_equal(o->station, (int)(i / 4));
        assert_int_equal(o->base_beat, o->beat); /* the community office */
        CHECK_NEAR(o->base_x, f->c.beats[o->beat].x, 0);
        CHECK_NEAR(o->base_y, f->c.beats[o->beat].y, 0);
        assert_int_equal(r.beat_officers[i], i);
    }
    for (size_t i = 12; i < 15; i++) {
        assert_int_equal(r.officers[i].group, 1);
        assert_int_equal(r.officers[i].station, (int)(i - 12));
    }
    for (int b = 0; b <= 6; b++)
        assert_int_equal(r.beat_first[b], (size_t)(2 * b));
    /* station 1: its four beat officers, then its station officer */
    assert_int_equal(r.station_first[1], 5);
    assert_int_equal(r.station_first[2], 10);
    const size_t st1[5] = {4, 5, 6, 7, 13};
    for (int k = 0; k < 5; k++)
        assert_int_equal(r.station_officers[5 + k], st1[k]);
    roster_free(&r);

    /* station role: per_beat x the station's beats; based at the station */
    f->s.ngroups = 1;
    g->role = ROLE_STATION;
    g->base = BASE_STATION;
    g->per_beat = 1;
    expect_counts(f, (long[]){2, 2, 2}, NULL);
    g->per_beat = 0; /* nobody: allowed */
    assert_int_equal(roster_build(&r, &f->s, &f->c, stderr), 0);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.station_first[3], 0);
    roster_free(&r);
    fixture_free(f);
}

static void test_errors(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    f->s.groups[0].base = BASE_OFFICE;
    f->s.groups[1] = group();
    f->s.groups[1].rule = STAFF_PER_RESIDENTS;
    f->s.groups[1].per = 0;
    f->s.groups[1].line = 0;
    f->s.ngroups = 2;
    char *msg = build_fails(f);
    assert_string_equal(msg,
        "test.cfg:7: officers.[0].base: expected \"station\" for station officers, "
        "found \"office\"\n"
        "test.cfg: officers.[1].per: expected a positive number, found 0\n");
    free(msg);

    /* a city without beats (only possible when built by hand) */
    f->s.ngroups = 1;
    f->s.groups[0] = group();
    f->s.groups[0].role = ROLE_BEAT;
    city full = f->c;
    f->c.nbeats = 0;
    msg = build_fails(f);
    assert_string_equal(msg, "test.cfg:7: officers.[0].role: expected \"station\" in a "
                             "city without beats, found \"beat\"\n");
    free(msg);
    f->c = full;
    fixture_free(f);
}

/* ---- shift plans ---------------------------------------------------------------------------- */

/* Officers of station j on duty at time t. */
static int on_duty(const roster *r, int j, double t)
{
    int n = 0;
    for (size_t k = r->station_first[j]; k < r->station_first[j + 1]; k++)
        n += roster_on_duty(&r->officers[r->station_officers[k]], t);
    return n;
}

/* Builds one group of `per_station` officers in each station with plan p
 * and the given contracted hours a week. */
static void plan_roster_hours(fixture *f, roster *r, shift_plan p, long per_station,
                              double hours_per_week)
{
    f->s.groups[0] = group();
    f->s.groups[0].hours_per_week = hours_per_week;
    f->s.groups[0].count = 3.0 * (double)per_station;
    f->s.groups[0].allocation = ALLOC_EQUAL;
    f->s.groups[0].shifts = p;
    assert_int_equal(roster_build(r, &f->s, &f->c, stderr), 0);
    assert_int_equal(r->n, (size_t)(3 * per_station));
}

static void plan_roster(fixture *f, roster *r, shift_plan p, long per_station)
{
    plan_roster_hours(f, r, p, per_station, 40);
}

/* Shifts of every officer sorted, inside the week, of the given length. */
static void check_shifts(const roster *r, int nshifts, double len)
{
    for (size_t i = 0; i < r->n; i++) {
        const roster_officer *o = &r->officers[i];
        assert_int_equal(o->continuous, 0);
        assert_int_equal(o->nshifts, nshifts);
        for (int k = 0; k < o->nshifts; k++) {
            assert_true(o->shifts[k].start_min >= 0 && o->shifts[k].start_min < WEEK);
            CHECK_NEAR(o->shifts[k].len_min, len, 0);
            if (k > 0)
                assert_true(o->shifts[k].start_min > o->shifts[k - 1].start_min);
        }
    }
}

/* 21 officers on 00-08, 08-16, 16-24, 7 a shift each starting one day
 * later than the one before and working 5 days: 5 on duty at any time. */
static void test_fixed_3x8(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    roster r;
    plan_roster(f, &r, SHIFT_FIXED_3X8, 21);
    check_shifts(&r, 5, 8 * HOUR);
    for (int j = 0; j < 3; j++)
        for (double t = 0; t < 2 * WEEK; t += 30)
            if (on_duty(&r, j, t) != 5)
                fail_msg("station %d at minute %g: %d on duty", j, t, on_duty(&r, j, t));
    roster_free(&r);
    /* 20 hours a week: round(2.5) = 3 days, so 3 of the 7 officers of each
       shift are at work on any day */
    plan_roster_hours(f, &r, SHIFT_FIXED_3X8, 21, 20);
    check_shifts(&r, 3, 8 * HOUR);
    for (double t = 15; t < WEEK; t += 30)
        assert_int_equal(on_duty(&r, 0, t), 3);
    roster_free(&r);
    fixture_free(f);
}

static void test_day_only(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    roster r;
    plan_roster(f, &r, SHIFT_DAY_ONLY, 2);
    check_shifts(&r, 5, 9 * HOUR);
    for (double t = 0; t < 2 * WEEK; t += 30) {
        double w = fmod(t, WEEK), hod = fmod(w, DAY) / HOUR;
        int want = w < 5 * DAY && hod >= 8 && hod < 17;
        for (size_t i = 0; i < r.n; i++)
            if (roster_on_duty(&r.officers[i], t) != want)
                fail_msg("officer %zu at minute %g: expected %d", i, t, want);
    }
    roster_free(&r);
    fixture_free(f);
}

/* 35 officers on five templates, 7 each, 5 of every 7 at work each day:
 * 5 x (templates covering the hour). Templates 00-08, 08-16, 11-19,
 * 16-24 and 18-02 (the last spilling into the next day) cover
 *   hour  0-1  2-7  8-10  11-15  16-17  18  19-23
 *         2    1    1     2      2      3   2      */
static void test_staggered(void **state)
{
    (void)state;
    static const int cover[24] = {2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
                                  2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2};
    fixture *f = fixture_new();
    roster r;
    plan_roster(f, &r, SHIFT_STAGGERED, 35);
    check_shifts(&r, 5, 8 * HOUR);
    for (double t = 0; t < 2 * WEEK; t += 30) {
        int h = (int)(fmod(t, DAY) / HOUR);
        if (on_duty(&r, 1, t) != 5 * cover[h])
            fail_msg("minute %g: %d on duty, expected %d", t, on_duty(&r, 1, t),
                     5 * cover[h]);
    }
    roster_free(&r);
    fixture_free(f);
}

static void test_continuous(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    roster r;
    plan_roster(f, &r, SHIFT_CONTINUOUS, 2);
    for (size_t i = 0; i < r.n; i++) {
        const roster_officer *o = &r.officers[i];
        assert_int_equal(o->continuous, 1);
        assert_int_equal(o->nshifts, 0);
        for (double t = 0; t < 2 * WEEK; t += 97)
            assert_int_equal(roster_on_duty(o, t), 1);
        double len = -1;
        assert_true(isinf(roster_next_start(o, 5, &len)));
    }
    roster_free(&r);
    fixture_free(f);
}

/* Flexible shifts with the built-in incident types (their hour profiles
 * peak at 15:00 and bottom out at 03:00-05:00): every officer works
 * round(40 / 8) = 5 shifts of 8 h with at least 8 h between them, the
 * unit's officer-hours are exactly n x 40, and the strength follows the
 * demand: more officers at 15:00 than at 04:00 on every day, and a
 * correlation above 0.8 between officers on duty and forecast calls by
 * hour of the week. */
static void test_flexible(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    scenario d;
    scenario_defaults(&d);
    memcpy(f->s.types, d.types, sizeof f->s.types);
    f->s.ntypes = d.ntypes;
    roster r;
    plan_roster(f, &r, SHIFT_FLEXIBLE, 30);
    check_shifts(&r, 5, 8 * HOUR);
    for (size_t i = 0; i < r.n; i++) {
        const roster_officer *o = &r.officers[i];
        for (int k = 0; k < o->nshifts; k++) {
            const roster_shift *a = &o->shifts[k], *b = &o->shifts[(k + 1) % o->nshifts];
            double gap = b->start_min - (a->start_min + a->len_min);
            if (k + 1 == o->nshifts)
                gap += WEEK;
            if (gap < 8 * HOUR)
                fail_msg("officer %zu: %g min rest after shift %d", i, gap, k);
        }
    }
    for (int j = 0; j < 3; j++) {
        double hours = 0, demand[168], strength[168];
        for (int h = 0; h < 168; h++) {
            demand[h] = 0;
            for (int k = 0; k < f->s.ntypes; k++) {
                const incident_type *t = &f->s.types[k];
                double hm = 0, dm = 0;
                for (int q = 0; q < 24; q++)
                    hm += t->hour_profile[q] / 24;
                for (int q = 0; q < 7; q++)
                    dm += t->dow_profile[q] / 7;
                for (size_t b = 0; b < 6; b++)
                    if (f->c.beats[b].station == j)
                        demand[h] += t->rate_per_1000_year * f->c.beats[b].residents *
                                     t->land_mult[f->c.beats[b].land] *
                                     t->hour_profile[h % 24] / hm *
                                     t->dow_profile[h / 24] / dm;
            }
            strength[h] = on_duty(&r, j, h * HOUR + 30);
            hours += strength[h];
        }
        CHECK_NEAR(hours, 30 * 40, 0);
        for (int day = 0; day < 7; day++)
            assert_true(strength[day * 24 + 15] > strength[day * 24 + 4]);
        double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
        for (int h = 0; h < 168; h++)
            ma += demand[h] / 168, mb += strength[h] / 168;
        for (int h = 0; h < 168; h++) {
            sab += (demand[h] - ma) * (strength[h] - mb);
            saa += (demand[h] - ma) * (demand[h] - ma);
            sbb += (strength[h] - mb) * (strength[h] - mb);
        }
        double rho = sab / sqrt(saa * sbb);
        print_message("  flexible, station %d: correlation with demand %.3f, "
                      "%g officers at Mon 04:00, %g at Mon 15:00\n",
                      j, rho, strength[4], strength[15]);
        assert_true(rho > 0.8);
    }
    roster_free(&r);
    fixture_free(f);
}

/* Flexible station officers fill around the other groups: in the default
 * city with the response group on flexible shifts and the beat officers
 * on office hours, every station has fewer response officers on duty on
 * Wednesday at 11:00 (beat officers at work) than at 20:00 (gone), and its
 * total strength follows the demand more closely than the response group
 * alone does. */
static void test_flexible_around_others(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.groups[0].shifts = SHIFT_FLEXIBLE;
    city c;
    roster r;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    assert_int_equal(roster_build(&r, &s, &c, stderr), 0);
    for (size_t j = 0; j < c.nstations; j++) {
        double resp[168] = {0}, total[168] = {0}, demand[168] = {0};
        for (size_t i = 0; i < r.n; i++) {
            const roster_officer *o = &r.officers[i];
            if (o->station != (int)j)
                continue;
            for (int h = 0; h < 168; h++) {
                int on = roster_on_duty(o, h * 60.0 + 30);
                total[h] += on;
                resp[h] += o->group == 0 ? on : 0;
            }
        }
        for (size_t k = 0; k < c.stations[j].nbeats; k++) {
            const city_beat *b = &c.beats[c.beat_index[c.stations[j].first_beat + k]];
            for (int t = 0; t < s.ntypes; t++) {
                const incident_type *ty = &s.types[t];
                double hm = 0, dm = 0;
                for (int q = 0; q < 24; q++)
                    hm += ty->hour_profile[q] / 24;
                for (int q = 0; q < 7; q++)
                    dm += ty->dow_profile[q] / 7;
                for (int h = 0; h < 168; h++)
                    demand[h] += ty->rate_per_1000_year * b->residents * ty->land_mult[b->land] *
                                 ty->hour_profile[h % 24] / hm * ty->dow_profile[h / 24] / dm;
            }
        }
        int wed11 = 2 * 24 + 11, wed20 = 2 * 24 + 20;
        assert_true(resp[wed11] < resp[wed20]);
        double corr[2];
        for (int which = 0; which < 2; which++) {
            const double *x = which ? total : resp;
            double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
            for (int h = 0; h < 168; h++)
                ma += demand[h] / 168, mb += x[h] / 168;
            for (int h = 0; h < 168; h++) {
                sab += (demand[h] - ma) * (x[h] - mb);
                saa += (demand[h] - ma) * (demand[h] - ma);
                sbb += (x[h] - mb) * (x[h] - mb);
            }
            corr[which] = sab / sqrt(saa * sbb);
        }
        if (j == 0)
            print_message("  flexible around beat officers, station 0: response %g on Wed "
                          "11:00, %g at 20:00; correlation with demand: response %.3f, "
                          "total %.3f\n", resp[wed11], resp[wed20], corr[0], corr[1]);
        assert_true(corr[1] > corr[0]);
    }
    roster_free(&r);
    city_free(&c);
}

/* ---- duty queries ------------------------------------------------------------------------------ */

/* An officer working Monday 08:00-16:00 and Sunday 18:00-02:00 (across
 * the end of the week). */
static void test_duty_queries(void **state)
{
    (void)state;
    roster_officer o;
    memset(&o, 0, sizeof o);
    o.nshifts = 2;
    o.shifts[0] = (roster_shift){8 * HOUR, 8 * HOUR};
    o.shifts[1] = (roster_shift){6 * DAY + 18 * HOUR, 8 * HOUR};
    /* on duty */
    assert_int_equal(roster_on_duty(&o, 0), 1);              /* Mon 00:00, week 0 */
    assert_int_equal(roster_on_duty(&o, 2 * HOUR - 1), 1);
    assert_int_equal(roster_on_duty(&o, 2 * HOUR), 0);       /* the end is open */
    assert_int_equal(roster_on_duty(&o, 8 * HOUR), 1);       /* the start is closed */
    assert_int_equal(roster_on_duty(&o, 16 * HOUR), 0);
    assert_int_equal(roster_on_duty(&o, WEEK - 1), 1);
    assert_int_equal(roster_on_duty(&o, WEEK + HOUR), 1);    /* Mon 01:00, week 1 */
    assert_int_equal(roster_on_duty(&o, 3 * WEEK + 12 * HOUR), 1);
    assert_int_equal(roster_on_duty(&o, 3 * WEEK + 17 * HOUR), 0);
    /* next start, strictly after t, with its length */
    double len = 0;
    assert_time_equal(roster_next_start(&o, 0, &len), 8 * HOUR);
    CHECK_NEAR(len, 480, 0);
    assert_time_equal(roster_next_start(&o, 8 * HOUR, NULL), 6 * DAY + 18 * HOUR);
    assert_time_equal(roster_next_start(&o, 6 * DAY + 18 * HOUR, NULL), WEEK + 8 * HOUR);
    assert_time_equal(roster_next_start(&o, WEEK - 1, NULL), WEEK + 8 * HOUR);
    assert_time_equal(roster_next_start(&o, 5 * WEEK + 7 * DAY - 6 * HOUR, NULL),
                      6 * WEEK + 8 * HOUR);
    assert_time_equal(roster_next_start(&o, 2 * WEEK + 3 * DAY, &len),
                      2 * WEEK + 6 * DAY + 18 * HOUR);
    CHECK_NEAR(len, 480, 0);
    o.nshifts = 0; /* nobody */
    assert_int_equal(roster_on_duty(&o, 100), 0);
    assert_true(isinf(roster_next_start(&o, 100, &len)));
}

/* ---- the built-in scenario --------------------------------------------------------------------- */

/* The default city and groups build: response officers one per 5000
 * residents and at least 5 a station, one day-shift beat officer per
 * beat. */
static void test_defaults(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    city c;
    roster r;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    assert_int_equal(roster_build(&r, &s, &c, stderr), 0);
    size_t n[5] = {0};
    for (size_t i = 0; i < r.n; i++)
        n[r.officers[i].group]++;
    size_t want = 0, want_patrol = 0;
    for (size_t j = 0; j < c.nstations; j++) {
        double k = round(c.stations[j].residents / 5000);
        want += k < 5 ? 5 : (size_t)k;
        want_patrol += (size_t)round(c.stations[j].residents / 20000);
    }
    assert_int_equal(n[0], want);             /* response */
    assert_int_equal(n[1], c.nbeats);         /* beat */
    assert_int_equal(n[2], want_patrol);      /* patrol tier */
    assert_int_equal(n[3], want);             /* auxiliary police with response */
    assert_int_equal(n[4], want_patrol);      /* ... and with the patrol tier */
    assert_int_equal(r.nsworn, n[0] + n[1] + n[2]);
    /* auxiliary police take their partners' shifts, one by one */
    for (size_t i = 0, k = 0; i < r.n; i++) {
        if (r.officers[i].group != 3)
            continue;
        while (r.officers[k].group != 0 || r.officers[k].station != r.officers[i].station)
            k++;
        assert_int_equal(r.officers[i].nshifts, r.officers[k].nshifts);
        assert_memory_equal(r.officers[i].shifts, r.officers[k].shifts,
                            sizeof r.officers[i].shifts);
        k++;
    }
    /* the patrol tier (one officer a shift template per station) is on
       duty every day of the week: the week turns with the station */
    for (int day = 0; day < 7; day++) {
        int on = 0;
        for (size_t i = 0; i < r.n; i++)
            on += r.officers[i].group == 2 && roster_on_duty(&r.officers[i], day * 1440.0 + 720);
        assert_in_range(on, 12, 17); /* 20 stations x 5/7 = 14.3 */
    }
    print_message("  default city: %zu beats, %zu stations, %zu response, %zu beat, %zu patrol "
                  "officers, %zu auxiliary police\n", c.nbeats, c.nstations, n[0], n[1], n[2],
                  n[3] + n[4]);
    roster_free(&r);
    city_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calls_and_workload),
        cmocka_unit_test(test_count_allocations),
        cmocka_unit_test(test_count_min_per_station),
        cmocka_unit_test(test_per_residents_households),
        cmocka_unit_test(test_per_beat),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fixed_3x8),
        cmocka_unit_test(test_day_only),
        cmocka_unit_test(test_staggered),
        cmocka_unit_test(test_continuous),
        cmocka_unit_test(test_flexible),
        cmocka_unit_test(test_flexible_around_others),
        cmocka_unit_test(test_duty_queries),
        cmocka_unit_test(test_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
