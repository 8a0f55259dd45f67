/* test_city.c - city_build: the synthetic generator's geometry, residents,
 * land types and stations, explicit cities, and the exact error messages.
 *
 * Expected counts come from the rules in city.h and city.c worked by hand
 * for the small city below: 100,000 residents, 20 % rural, 5000 residents
 * per urban beat at 10,000 per km2 (block side sqrt(0.5) km), 4000 per
 * rural beat at 100 per km2 (m = round(sqrt(40 / 0.5)) = 9 blocks across):
 *   n_u = 80,000 / 5000 = 16, n_r = 20,000 / 4000 = 5;
 *   4 stations: S_r = round(4 x 0.2) = 1, S_u = 3.
 * Nothing here is random.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "city.h"
#include "scenario.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small synthetic city (see the top of the file). */
static void small_city(scenario *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->source, sizeof s->source, "test.cfg");
    s->synth = (synthetic_city){
        .residents = 100000,
        .stations = 4,
        .rural_share = 0.2,
        .urban_beat_residents = 5000,
        .rural_beat_residents = 4000,
        .urban_density_km2 = 10000,
        .rural_density_km2 = 100,
        .commercial_share = 0.1,
        .mixed_share = 0.2,
        .household_size = 2.5,
        .migrant_share_urban = 0.2,
        .migrant_share_rural = 0.05,
        .key_persons_per_1000 = 2,
    };
}

/* Builds *c from *s expecting failure; returns the messages (owned by
 * the caller). */
static char *build_fails(city *c, const scenario *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    assert_non_null(err);
    assert_int_equal(city_build(c, s, err), -1);
    fclose(err);
    assert_null(c->beats);
    assert_int_equal(c->nbeats, 0);
    return buf;
}

/* 1 if the squares (or discs' bounding squares) of beats a and b share
 * more than an edge. */
static int overlap(const city_beat *a, const city_beat *b)
{
    double tol = 1e-9;
    return fabs(a->x - b->x) < a->half + b->half - tol &&
           fabs(a->y - b->y) < a->half + b->half - tol;
}

/* Invariants every built city must satisfy: indexes, sums, bounding box,
 * each station's building beat among its own beats and (synthetic cities,
 * `inside` = 1) the building standing in that beat. */
static void check_invariants(const city *c, int inside)
{
    size_t seen = 0;
    double total = 0;
    for (size_t i = 0; i < c->nbeats; i++) {
        const city_beat *b = &c->beats[i];
        assert_true(b->station >= 0 && (size_t)b->station < c->nstations);
        total += b->residents;
        assert_true(b->x - b->half >= c->x0 - 1e-9 && b->x + b->half <= c->x1 + 1e-9);
        assert_true(b->y - b->half >= c->y0 - 1e-9 && b->y + b->half <= c->y1 + 1e-9);
    }
    CHECK_REL(c->residents, total, 1e-12);
    for (size_t j = 0; j < c->nstations; j++) {
        const city_station *st = &c->stations[j];
        assert_true(st->nbeats >= 1);
        assert_int_equal(st->first_beat, seen);
        double res = 0;
        for (size_t k = 0; k < st->nbeats; k++) {
            size_t i = c->beat_index[st->first_beat + k];
            assert_int_equal(c->beats[i].station, (int)j);
            if (k > 0) /* in beat order */
                assert_true(i > c->beat_index[st->first_beat + k - 1]);
            res += c->beats[i].residents;
        }
        CHECK_REL(st->residents, res, 1e-12);
        seen += st->nbeats;
        assert_true(st->beat >= 0 && (size_t)st->beat < c->nbeats);
        const city_beat *home = &c->beats[st->beat];
        assert_int_equal(home->station, (int)j);
        if (inside) {
            assert_true(fabs(st->x - home->x) <= home->half + 1e-12);
            assert_true(fabs(st->y - home->y) <= home->half + 1e-12);
        }
    }
    assert_int_equal(seen, c->nbeats);
}

/* The small synthetic city, checked against the numbers worked by hand. */
static void test_synthetic_small(void **state)
{
    (void)state;
    scenario s;
    small_city(&s);
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 21);
    assert_int_equal(c.nstations, 4);
    CHECK_REL(c.residents, 100000.0, 1e-12);

    double b = sqrt(0.5), rmax_urban = 0;
    int land[LAND_NTYPES] = {0};
    double urban_res = 0;
    for (size_t i = 0; i < c.nbeats; i++) {
        const city_beat *bt = &c.beats[i];
        land[bt->land]++;
        assert_int_equal(bt->shape, SHAPE_SQUARE);
        CHECK_REL(bt->households, bt->residents / 2.5, 1e-12);
        CHECK_REL(bt->key_persons, bt->residents * 0.002, 1e-12);
        CHECK_REL(bt->area_km2, 4 * bt->half * bt->half, 1e-12);
        if (i < 16) { /* urban beats come first */
            assert_int_not_equal(bt->land, LAND_RURAL);
            CHECK_REL(bt->half, b / 2, 1e-12);
            CHECK_REL(bt->residents, 5000.0, 1e-12);
            assert_true(bt->migrant_share == 0.2);
            urban_res += bt->residents;
            rmax_urban = fmax(rmax_urban, hypot(bt->x, bt->y));
        } else {
            assert_int_equal(bt->land, LAND_RURAL);
            CHECK_REL(bt->half, 9 * b / 2, 1e-12);
            CHECK_REL(bt->residents, 4000.0, 1e-12);
            assert_true(bt->migrant_share == 0.05);
        }
    }
    CHECK_REL(urban_res, 80000.0, 1e-12);
    /* land: round(0.1 x 16) = 2 commercial, round(0.2 x 16) = 3 mixed */
    assert_int_equal(land[LAND_COMMERCIAL], 2);
    assert_int_equal(land[LAND_MIXED], 3);
    assert_int_equal(land[LAND_URBAN_RESIDENTIAL], 11);
    assert_int_equal(land[LAND_RURAL], 5);
    /* commercial nearest the centre, then mixed, then residential */
    double far[LAND_NTYPES] = {0}, near[LAND_NTYPES] = {INFINITY, INFINITY, INFINITY, INFINITY};
    for (size_t i = 0; i < 16; i++) {
        double d = hypot(c.beats[i].x, c.beats[i].y);
        far[c.beats[i].land] = fmax(far[c.beats[i].land], d);
        near[c.beats[i].land] = fmin(near[c.beats[i].land], d);
    }
    assert_true(far[LAND_COMMERCIAL] <= near[LAND_MIXED] + 1e-12);
    assert_true(far[LAND_MIXED] <= near[LAND_URBAN_RESIDENTIAL] + 1e-12);
    /* no two beats overlap; rural beats lie beyond the urban core */
    for (size_t i = 0; i < c.nbeats; i++)
        for (size_t k = i + 1; k < c.nbeats; k++)
            assert_false(overlap(&c.beats[i], &c.beats[k]));
    for (size_t i = 16; i < c.nbeats; i++)
        assert_true(hypot(c.beats[i].x, c.beats[i].y) > rmax_urban);
    /* ids, and stations of one kind each: three urban, one rural */
    assert_string_equal(c.beats[0].id, "B0001");
    assert_string_equal(c.beats[20].id, "B0021");
    assert_string_equal(c.stations[0].id, "S01");
    assert_string_equal(c.stations[3].id, "S04");
    for (size_t j = 0; j < 4; j++) {
        const city_station *st = &c.stations[j];
        for (size_t k = 0; k < st->nbeats; k++) {
            int rural = c.beats[c.beat_index[st->first_beat + k]].land == LAND_RURAL;
            assert_int_equal(rural, j == 3);
        }
    }
    assert_int_equal(c.stations[3].nbeats, 5);
    /* 16 urban beats of 5000 into 3 stations: cuts where the cumulative
       residents reach 1/3 and 2/3 of 80,000, i.e. after beats 6 and 11 */
    assert_int_equal(c.stations[0].nbeats, 6);
    assert_int_equal(c.stations[1].nbeats, 5);
    assert_int_equal(c.stations[2].nbeats, 5);
    city_free(&c);
    assert_null(c.beats);
    assert_int_equal(c.nbeats, 0);
}

/* Number of connected pieces of station j's beats, two beats touching
 * when their squares share an edge. */
static int pieces(const city *c, size_t j)
{
    const city_station *st = &c->stations[j];
    size_t n = st->nbeats;
    int *comp = malloc(n * sizeof *comp);
    assert_non_null(comp);
    for (size_t k = 0; k < n; k++)
        comp[k] = (int)k;
    for (int changed = 1; changed;) { /* label propagation, O(n^2) a pass */
        changed = 0;
        for (size_t a = 0; a < n; a++)
            for (size_t q = 0; q < n; q++) {
                const city_beat *u = &c->beats[c->beat_index[st->first_beat + a]];
                const city_beat *v = &c->beats[c->beat_index[st->first_beat + q]];
                double dx = fabs(u->x - v->x), dy = fabs(u->y - v->y), h = u->half + v->half;
                int touch = (fabs(dx - h) < 1e-9 && dy < h - 1e-9) ||
                            (fabs(dy - h) < 1e-9 && dx < h - 1e-9);
                if (touch && comp[q] < comp[a]) {
                    comp[a] = comp[q];
                    changed = 1;
                }
            }
    }
    int count = 0;
    for (size_t k = 0; k < n; k++)
        count += comp[k] == (int)k;
    free(comp);
    return count;
}

/* A city of a million residents: exact totals, no overlaps, stations of
 * about equal residents within each kind, and urban stations mostly of
 * one piece. (A Hilbert run over a disc of cells can step across a notch
 * of the disc's edge, so a few urban stations come in two pieces; rural
 * stations sit on a ring of few large cells around the core and are
 * often split by its hole, so only the urban ones are counted.) */
static void test_synthetic_million(void **state)
{
    (void)state;
    scenario s;
    small_city(&s);
    s.synth.residents = 1e6;
    s.synth.stations = 20;
    s.synth.urban_beat_residents = 3000;
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    /* n_u = round(800,000 / 3000) = 267, the last taking 800,000 - 266 x
       3000 = 2000; n_r = 200,000 / 4000 = 50 */
    assert_int_equal(c.nbeats, 267 + 50);
    CHECK_REL(c.residents, 1e6, 1e-12);
    int small = 0;
    for (size_t i = 0; i < 267; i++)
        small += c.beats[i].residents != 3000;
    assert_int_equal(small, 1);
    for (size_t i = 0; i < c.nbeats; i++)
        for (size_t k = i + 1; k < c.nbeats; k++)
            assert_false(overlap(&c.beats[i], &c.beats[k]));
    /* stations: S_r = round(20 x 0.2) = 4, S_u = 16; residents per
       station within one beat of the kind's mean */
    int split = 0, urban_st = 0;
    for (size_t j = 0; j < c.nstations; j++) {
        const city_station *st = &c.stations[j];
        int rural = c.beats[c.beat_index[st->first_beat]].land == LAND_RURAL;
        urban_st += !rural;
        double mean = rural ? 200000.0 / 4 : 800000.0 / 16;
        double beat = rural ? 4000 : 3000;
        assert_true(fabs(st->residents - mean) <= beat + 1e-6);
        if (!rural)
            split += pieces(&c, j) > 1;
    }
    assert_int_equal(urban_st, 16);
    print_message("  1e6 residents: %zu beats, %d of %d urban stations in more than "
                  "one piece\n", c.nbeats, split, urban_st);
    assert_true(split <= urban_st / 4);
    city_free(&c);
}

/* The benchmark's largest city (16 x 1e6) builds with exact totals. */
static void test_synthetic_16m(void **state)
{
    (void)state;
    scenario s;
    small_city(&s);
    s.synth.residents = 16e6;
    s.synth.stations = 320;
    s.synth.urban_beat_residents = 3000;
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 4267 + 800); /* round(12.8e6 / 3000), 3.2e6 / 4000 */
    CHECK_REL(c.residents, 16e6, 1e-9);
    assert_string_equal(c.stations[0].id, "S001");
    assert_string_equal(c.stations[319].id, "S320");
    city_free(&c);
}

/* The built-in default city (scenario_defaults): 800,000 urban residents
 * at 5000 a beat = 160 urban beats; 200,000 rural at 10,000 = 20 rural
 * beats of m = round(sqrt((10,000 / 300) / 0.5)) = 8 blocks across (an
 * even m: coarse cells are not centred on the origin); 20 stations, 4
 * of them rural. Scaled 16 times for the benchmark's largest city. */
static void test_synthetic_defaults(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 180);
    assert_int_equal(c.nstations, 20);
    CHECK_REL(c.residents, s.synth.residents, 1e-12);
    double rmax_urban = 0;
    for (size_t i = 0; i < 160; i++) {
        assert_int_not_equal(c.beats[i].land, LAND_RURAL);
        rmax_urban = fmax(rmax_urban, hypot(c.beats[i].x, c.beats[i].y));
    }
    for (size_t i = 160; i < 180; i++) {
        assert_int_equal(c.beats[i].land, LAND_RURAL);
        CHECK_REL(c.beats[i].half, 4 * sqrt(0.5), 1e-12);
        assert_true(hypot(c.beats[i].x, c.beats[i].y) > rmax_urban);
    }
    for (size_t i = 0; i < c.nbeats; i++)
        for (size_t k = i + 1; k < c.nbeats; k++)
            assert_false(overlap(&c.beats[i], &c.beats[k]));
    int rural_st = 0;
    for (size_t j = 0; j < c.nstations; j++)
        rural_st += c.beats[c.beat_index[c.stations[j].first_beat]].land == LAND_RURAL;
    assert_int_equal(rural_st, 4);
    city_free(&c);

    s.synth.residents *= 16;
    s.synth.stations *= 16;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 16 * 180);
    CHECK_REL(c.residents, s.synth.residents, 1e-12);
    city_free(&c);
}

/* One kind only, and a single station taking both kinds. */
static void test_synthetic_kinds(void **state)
{
    (void)state;
    scenario s;
    city c;
    small_city(&s);
    s.synth.rural_share = 0;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 20);
    assert_int_equal(c.nstations, 4);
    CHECK_REL(c.residents, 100000.0, 1e-12);
    city_free(&c);

    small_city(&s);
    s.synth.rural_share = 1;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nbeats, 25);
    for (size_t i = 0; i < c.nbeats; i++)
        assert_int_equal(c.beats[i].land, LAND_RURAL);
    city_free(&c);

    small_city(&s);
    s.synth.stations = 1;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    assert_int_equal(c.nstations, 1);
    assert_int_equal(c.stations[0].nbeats, 21);
    city_free(&c);

    /* residents not a multiple of the beat size: the outermost urban beat
       takes the remainder 81,000 - 15 x 5000 = 6000 */
    small_city(&s);
    s.synth.residents = 101250; /* R_u = 81,000, R_r = 20,250 */
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 1);
    CHECK_REL(c.residents, 101250.0, 1e-12);
    int odd = 0;
    for (size_t i = 0; i < 16; i++)
        if (c.beats[i].residents != 5000) {
            CHECK_REL(c.beats[i].residents, 6000.0, 1e-12);
            odd++;
        }
    assert_int_equal(odd, 1);
    for (size_t i = 16; i < 21; i++)
        CHECK_REL(c.beats[i].residents, 4050.0, 1e-12);
    city_free(&c);
}

/* More stations than the beats can hold: the message gives the largest
 * count that works (20: S_r = round(0.2 x 20) = 4 <= 5, S_u = 16). */
static void test_synthetic_errors(void **state)
{
    (void)state;
    scenario s;
    city c;
    small_city(&s);
    s.synth.stations = 30;
    char *msg = build_fails(&c, &s);
    assert_string_equal(msg, "test.cfg: city.synthetic.stations: expected at most 20 "
                             "stations for this many beats (16 urban, 5 rural), found 30\n");
    free(msg);

    small_city(&s);
    s.synth.residents = 0;
    msg = build_fails(&c, &s);
    assert_string_equal(msg, "test.cfg: city.synthetic.stations: expected at most 0 "
                             "stations for this many beats (0 urban, 0 rural), found 4\n");
    free(msg);

    small_city(&s);
    s.synth.urban_density_km2 = 0;
    s.synth.mixed_share = 1.5;
    msg = build_fails(&c, &s);
    assert_string_equal(msg, "test.cfg: city.synthetic.urban_density_km2: expected a "
                             "positive number, found 0\n"
                             "test.cfg: city.synthetic.mixed_share: expected a share "
                             "between 0 and 1, found 1.5\n");
    free(msg);
}

/* An explicit city of two stations and four beats. */
static void explicit_city(scenario *s, beat_spec beats[4], station_spec st[2])
{
    memset(s, 0, sizeof *s);
    snprintf(s->source, sizeof s->source, "city.cfg");
    st[0] = (station_spec){.id = "north", .x = 0, .y = 10, .line = 3};
    st[1] = (station_spec){.id = "south", .x = 1, .y = -9, .line = 4};
    beats[0] = (beat_spec){.id = "n1", .station = "north", .land = LAND_COMMERCIAL,
                           .residents = 1000, .households = 400, .area_km2 = 4,
                           .x = 0, .y = 8, .shape = SHAPE_SQUARE, .line = 6};
    beats[1] = (beat_spec){.id = "s1", .station = "south", .land = LAND_RURAL,
                           .residents = 500, .households = 200, .area_km2 = 3.14159265358979323846,
                           .x = 0, .y = -10, .shape = SHAPE_DISC, .line = 7};
    beats[2] = (beat_spec){.id = "n2", .station = "north", .residents = 2000,
                           .households = 900, .area_km2 = 1, .x = 2, .y = 10, .line = 8};
    beats[3] = (beat_spec){.id = "s2", .station = "south", .residents = 0,
                           .area_km2 = 0, .x = 3, .y = -9, .line = 0};
    s->beats = beats;
    s->nbeats = 4;
    s->stations = st;
    s->nstations = 2;
}

static void test_explicit(void **state)
{
    (void)state;
    scenario s;
    beat_spec beats[4];
    station_spec st[2];
    explicit_city(&s, beats, st);
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    check_invariants(&c, 0);
    assert_int_equal(c.nbeats, 4);
    assert_int_equal(c.nstations, 2);
    assert_int_equal(c.beats[0].station, 0);
    assert_int_equal(c.beats[1].station, 1);
    assert_int_equal(c.beats[2].station, 0);
    assert_int_equal(c.beats[3].station, 1);
    assert_string_equal(c.beats[2].id, "n2");
    assert_string_equal(c.stations[1].id, "south");
    CHECK_NEAR(c.beats[0].half, 1.0, 1e-12);   /* square of 4 km2 */
    CHECK_NEAR(c.beats[1].half, 1.0, 1e-12);   /* disc of pi km2 */
    CHECK_NEAR(c.beats[3].half, 0.0, 0);       /* a point */
    assert_int_equal(c.beats[1].land, LAND_RURAL);
    /* grouped by station, in beat order */
    size_t want[4] = {0, 2, 1, 3};
    for (size_t k = 0; k < 4; k++)
        assert_int_equal(c.beat_index[k], want[k]);
    CHECK_NEAR(c.stations[0].residents, 3000, 0);
    /* north (0, 10): n2 at (2, 10) is nearer than n1 at (0, 8)? both 2 km:
       the tie goes to the lower index, n1; south (1, -9): s2 at (3, -9) is
       2 km away, s1 at (0, -10) sqrt 2 */
    assert_int_equal(c.stations[0].beat, 0);
    assert_int_equal(c.stations[1].beat, 1);
    CHECK_NEAR(c.stations[1].x, 1, 0); /* the building stays where it is */
    /* bounding box: n2 reaches y = 10.5, s1 y = -11, s2 x = 3 */
    CHECK_NEAR(c.x0, -1, 1e-12);
    CHECK_NEAR(c.x1, 3, 1e-12);
    CHECK_NEAR(c.y0, -11, 1e-12);
    CHECK_NEAR(c.y1, 10.5, 1e-12);
    CHECK_NEAR(c.residents, 3500, 0);
    city_free(&c);
}

/* Unknown station ids and stations without beats, each reported. */
static void test_explicit_errors(void **state)
{
    (void)state;
    scenario s;
    beat_spec beats[4];
    station_spec st[2];
    city c;
    explicit_city(&s, beats, st);
    snprintf(beats[1].station, sizeof beats[1].station, "S9");
    snprintf(beats[3].station, sizeof beats[3].station, "North");
    char *msg = build_fails(&c, &s);
    assert_string_equal(msg,
        "city.cfg:7: city.beats.[1].station: expected the id of a station, found \"S9\"\n"
        "city.cfg: city.beats.[3].station: expected the id of a station, found \"North\"\n"
        "city.cfg:4: city.stations.[1]: expected at least one beat of station \"south\", "
        "found none\n");
    free(msg);

    explicit_city(&s, beats, st);
    beats[0].area_km2 = -1;
    msg = build_fails(&c, &s);
    assert_string_equal(msg, "city.cfg:6: city.beats.[0].area_km2: expected a number "
                             ">= 0, found -1\n");
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synthetic_small),
        cmocka_unit_test(test_synthetic_million),
        cmocka_unit_test(test_synthetic_16m),
        cmocka_unit_test(test_synthetic_defaults),
        cmocka_unit_test(test_synthetic_kinds),
        cmocka_unit_test(test_synthetic_errors),
        cmocka_unit_test(test_explicit),
        cmocka_unit_test(test_explicit_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
