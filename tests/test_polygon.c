/* test_polygon.c - beat polygons (polygon.c) and beats from map layers
 * (beatmap.c): triangulated area, uniform placement, the point test,
 * adjacency of the hand-made layers in tests/data, the projection, and
 * calls placed inside their beats.
 *
 * The layers: tests/data/beats.geojson (UTM zone 33N, metres, near the
 * central meridian): four 1 km squares A1 A2 B1 B2 (station S1), an
 * L-shape L of 3 km2, a 2 x 2 km square H with a 1 x 1 km hole, a
 * multipolygon M of two 1 km squares (station S2); stations.geojson puts
 * S1 in A1 and S2 in L. UTM's scale factor near its central meridian is
 * 0.9996, so a square of 1 km in UTM has 1/0.9996^2 = 1.0008 km2 on the
 * ground: areas are checked within 0.1 %. lonlat.geojson is a square of
 * 0.01 degrees at 47.60 N (CRS84). Random tests are seeded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "beatmap.h"
#include "city.h"
#include "polygon.h"
#include "scenario.h"
#include "sim_rng.h"
#include "check.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 20261204u

static void add(polygon *p, const double *xy, size_t n)
{
    assert_int_equal(polygon_add_ring(p, xy, n), 0);
}

static void prepare(polygon *p)
{
    char why[80];
    int rc = polygon_prepare(p, why, sizeof why);
    if (rc)
        fail_msg("polygon_prepare: %s", why);
}

/* 2 x 2 square with a 1 x 1 hole in the middle (area 3). */
static void holed(polygon *p)
{
    memset(p, 0, sizeof *p);
    const double outer[] = {0, 0, 2, 0, 2, 2, 0, 2, 0, 0};
    const double hole[] = {0.5, 0.5, 0.5, 1.5, 1.5, 1.5, 1.5, 0.5};
    add(p, outer, 5);
    add(p, hole, 4);
    prepare(p);
}

/* Signed shoelace area of ring r. */
static double ring_area(const polygon *p, size_t r)
{
    double a = 0;
    for (size_t i = p->ring[r], j = p->ring[r + 1] - 1; i < p->ring[r + 1]; j = i++)
        a += p->x[j] * p->y[i] - p->x[i] * p->y[j];
    return a / 2;
}

static void test_areas(void **state)
{
    (void)state;
    polygon p;
    holed(&p);
    CHECK_NEAR(p.area, 3, 1e-12);
    CHECK_NEAR(fabs(ring_area(&p, 0)) - fabs(ring_area(&p, 1)), p.area, 1e-12);
    CHECK_NEAR(p.cx, 1, 1e-12);
    CHECK_NEAR(p.cy, 1, 1e-12);
    double sum = 0;
    for (size_t t = 0; t < p.ntri; t++) {
        const double *v = p.tri + 6 * t;
        sum += fabs((v[2] - v[0]) * (v[5] - v[1]) - (v[4] - v[0]) * (v[3] - v[1])) / 2;
    }
    CHECK_NEAR(sum, 3, 1e-12);
    polygon_free(&p);

    /* a concave comb with slanted teeth: the triangles against the shoelace */
    memset(&p, 0, sizeof p);
    const double comb[] = {0, 0, 5, 0, 5, 3, 4.2, 1, 3.5, 3.4, 2.7, 1.2, 2, 3, 1.1, 0.7, 0.3, 2.9};
    add(&p, comb, 9);
    prepare(&p);
    CHECK_NEAR(p.area, fabs(ring_area(&p, 0)), 1e-12);
    polygon_free(&p);

    /* an L and a multipolygon of two squares */
    memset(&p, 0, sizeof p);
    const double l[] = {2, 0, 4, 0, 4, 2, 3, 2, 3, 1, 2, 1};
    add(&p, l, 6);
    prepare(&p);
    CHECK_NEAR(p.area, 3, 1e-12);
    const double sq2[] = {10, 10, 11, 10, 11, 11, 10, 11};
    add(&p, sq2, 4);
    prepare(&p);
    CHECK_NEAR(p.area, 4, 1e-12);
    polygon_free(&p);

    /* not polygons */
    char why[80];
    memset(&p, 0, sizeof p);
    const double two[] = {0, 0, 1, 1};
    add(&p, two, 2);
    assert_int_equal(polygon_prepare(&p, why, sizeof why), -1);
    assert_string_equal(why, "a ring of 2 points");
    polygon_free(&p);
    memset(&p, 0, sizeof p);
    const double flat[] = {0, 0, 1, 0, 2, 0};
    add(&p, flat, 3);
    assert_int_equal(polygon_prepare(&p, why, sizeof why), -1);
    assert_string_equal(why, "no area");
    polygon_free(&p);
}

static void test_contains(void **state)
{
    (void)state;
    polygon p;
    holed(&p);
    assert_int_equal(polygon_contains(&p, 0.25, 0.25), 1);
    assert_int_equal(polygon_contains(&p, 1.0, 1.0), 0);  /* in the hole */
    assert_int_equal(polygon_contains(&p, 1.75, 1.0), 1);
    assert_int_equal(polygon_contains(&p, 2.5, 1.0), 0);  /* outside */
    assert_int_equal(polygon_contains(&p, -0.1, 1.0), 0);
    polygon_free(&p);
    memset(&p, 0, sizeof p);
    const double l[] = {2, 0, 4, 0, 4, 2, 3, 2, 3, 1, 2, 1};
    add(&p, l, 6);
    prepare(&p);
    assert_int_equal(polygon_contains(&p, 2.5, 1.5), 0); /* the L's notch */
    assert_int_equal(polygon_contains(&p, 3.5, 1.5), 1);
    assert_int_equal(polygon_contains(&p, 2.5, 0.5), 1);
    polygon_free(&p);
}

/* Uniform placement: N points in the holed square, counted in a grid of
 * 8 x 8 cells of 0.25; the 16 cells of the hole get none, the other 48
 * N/48 each. Pearson's chi-square with 47 degrees of freedom is refused
 * above its 0.999 quantile (82.7): a false failure once in 1000 seeds. */
static void chi_square(const polygon *p, gsl_rng *g, double *stat, long *outside)
{
    enum { K = 8, N = 48000 };
    long n[K][K] = {{0}};
    *outside = 0;
    for (long i = 0; i < N; i++) {
        double u1 = sim_rng_uniform_pos(g), u2 = sim_rng_uniform_pos(g);
        double x, y;
        polygon_sample(p, u1, u2, sim_rng_uniform_pos(g), &x, &y);
        if (!polygon_contains(p, x, y))
            (*outside)++;
        int a = (int)(x / 0.25), b = (int)(y / 0.25);
        if (a >= 0 && a < K && b >= 0 && b < K)
            n[a][b]++;
    }
    *stat = 0;
    for (int a = 0; a < K; a++)
        for (int b = 0; b < K; b++) {
            int hole = a >= 2 && a < 6 && b >= 2 && b < 6;
            if (hole) {
                *outside += n[a][b];
                continue;
            }
            double e = N / 48.0;
            *stat += (n[a][b] - e) * (n[a][b] - e) / e;
        }
}

static void test_uniform(void **state)
{
    (void)state;
    polygon p;
    holed(&p);
    gsl_rng *g = sim_rng_stream(SEED, 0, 1);
    double stat;
    long outside;
    chi_square(&p, g, &stat, &outside);
    gsl_rng_free(g);
    double crit = gsl_cdf_chisq_Qinv(1e-3, 47);
    if (!(stat <= crit))
        fail_msg("chi-square %g > %g (0.999 quantile, 47 df)", stat, crit);
    /* points on the boundary may count either way: none strictly outside */
    assert_true(outside <= 2);
    polygon_free(&p);
}

static void test_shared(void **state)
{
    (void)state;
    polygon a = {0}, b = {0}, c = {0};
    const double sa[] = {0, 0, 1, 0, 1, 1, 0, 1};
    const double sb[] = {1, 0.5, 2, 0.5, 2, 1.5, 1, 1.5}; /* shares x = 1, y 0.5 .. 1 */
    const double sc[] = {1, 1, 2, 1, 2, 2, 1, 2};         /* a corner only */
    add(&a, sa, 4);
    add(&b, sb, 4);
    add(&c, sc, 4);
    prepare(&a);
    prepare(&b);
    prepare(&c);
    CHECK_NEAR(polygon_shared_length(&a, &b, 1e-6), 0.5, 1e-12);
    CHECK_NEAR(polygon_shared_length(&b, &a, 1e-6), 0.5, 1e-12);
    CHECK_NEAR(polygon_shared_length(&a, &c, 1e-6), 0, 1e-12);
    polygon copy;
    assert_int_equal(polygon_copy(&copy, &b), 0);
    CHECK_NEAR(copy.area, 1, 1e-12);
    assert_int_equal(polygon_contains(&copy, 1.5, 1), 1);
    polygon_free(&copy);
    polygon_free(&a);
    polygon_free(&b);
    polygon_free(&c);
}

/* The hand-made layer as a scenario's city. */
static void layer_scenario(scenario *s, const char *stations)
{
    scenario_defaults(s);
    snprintf(s->layer.boundaries, sizeof s->layer.boundaries, "tests/data/beats.geojson");
    snprintf(s->layer.stations, sizeof s->layer.stations, "%s", stations);
    assert_int_equal(beatmap_load(s, NULL, stderr), 0);
}

static long beat_named(const city *c, const char *id)
{
    for (size_t i = 0; i < c->nbeats; i++)
        if (!strcmp(c->beats[i].id, id))
            return (long)i;
    fail_msg("no beat %s", id);
    return -1;
}

static void test_layer(void **state)
{
    (void)state;
    scenario s;
    layer_scenario(&s, "tests/data/stations.geojson");
    assert_int_equal(s.nbeats, 7);
    assert_int_equal(s.nstations, 2);
    city c;
    assert_int_equal(city_build(&c, &s, stderr), 0);
    const char *ids[] = {"A1", "A2", "B1", "B2", "L", "H", "M"};
    const double area[] = {1, 1, 1, 1, 3, 3, 2};
    for (int i = 0; i < 7; i++) {
        long b = beat_named(&c, ids[i]);
        CHECK_REL(c.beats[b].area_km2, area[i], 1e-3);
    }
    assert_int_equal(c.beats[beat_named(&c, "A1")].land, LAND_COMMERCIAL);
    CHECK_NEAR(c.beats[beat_named(&c, "B1")].households, 4000, 0);
    CHECK_NEAR(c.beats[beat_named(&c, "A2")].households, 11000 / 2.62, 1e-9);
    CHECK_NEAR(c.residents, 70000, 1e-9);

    /* neighbours: shared edges, not corners */
    const char *want[7] = {"A2 B1", "A1 B2 L", "A1 B2 H", "A2 B1 H", "A2 M", "B1 B2 M", "L H"};
    for (int i = 0; i < 7; i++) {
        long b = beat_named(&c, ids[i]);
        char got[64] = "";
        for (size_t k = c.adj_first[b]; k < c.adj_first[b + 1]; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", got[0] ? " " : "",
                     c.beats[c.adj[k]].id);
        /* in beat order: A1 A2 B1 B2 L H M */
        assert_string_equal(got, want[i]);
    }

    /* the stations stand in their beats; city_beat_at finds them */
    assert_int_equal(city_beat_at(&c, c.stations[0].x, c.stations[0].y), beat_named(&c, "A1"));
    assert_int_equal(city_beat_at(&c, c.stations[1].x, c.stations[1].y), beat_named(&c, "L"));
    /* the hole of H is in no beat */
    long h = beat_named(&c, "H");
    assert_int_equal(city_beat_at(&c, c.beats[h].x, c.beats[h].y), -1);

    /* calls: the points draw_call takes (polygon_sample) fall inside their beat */
    gsl_rng *g = sim_rng_stream(SEED, 0, 2);
    for (size_t b = 0; b < c.nbeats; b++)
        for (int k = 0; k < 2000; k++) {
            double u1 = sim_rng_uniform_pos(g), u2 = sim_rng_uniform_pos(g), x, y;
            polygon_sample(c.beats[b].poly, u1, u2, sim_rng_uniform_pos(g), &x, &y);
            long at = city_beat_at(&c, x, y);
            if (at != (long)b)
                fail_msg("a point of beat %s at (%g, %g) lies in beat %ld", c.beats[b].id, x, y,
                         at);
        }
    gsl_rng_free(g);
    city_free(&c);
    scenario_free(&s);

    /* without a stations file: one station per station name, at the
       area-weighted centroid of its beats */
    layer_scenario(&s, "");
    assert_int_equal(s.nstations, 2);
    assert_string_equal(s.stations[0].id, "S1");
    CHECK_NEAR(s.stations[0].x, (s.beats[0].x + s.beats[1].x + s.beats[2].x + s.beats[3].x) / 4,
               1e-3);
    scenario_free(&s);
}

/* Residents shared by area among the beats without them. */
static void test_residents_by_area(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    snprintf(s.layer.boundaries, sizeof s.layer.boundaries, "tests/data/beats.geojson");
    snprintf(s.layer.residents_field, sizeof s.layer.residents_field, "no_such_field");
    assert_int_equal(beatmap_load(&s, NULL, NULL), -1); /* the default: an error */
    s.layer.missing = MISSING_RESIDENTS_AREA;
    s.layer.residents = 120000;
    assert_int_equal(beatmap_load(&s, NULL, stderr), 0);
    double total = 0;
    for (size_t i = 0; i < s.nbeats; i++)
        total += s.beats[i].area_km2;
    for (size_t i = 0; i < s.nbeats; i++)
        CHECK_REL(s.beats[i].residents, 120000 * s.beats[i].area_km2 / total, 1e-12);
    scenario_free(&s);
}

/* Ellipsoidal area of the cell lon 0 .. dlon (radians), lat p1 .. p2 on
 * WGS 84: a^2 dlon (q(p2) - q(p1)) / 2 with the authalic q (Snyder 1987,
 * Map Projections - A Working Manual, eq. 3-12). */
static double cell_area_km2(double dlon, double p1, double p2)
{
    const double a = 6378.137, f = 1 / 298.257223563, e2 = f * (2 - f), e = sqrt(e2);
    double q[2], p[2] = {p1, p2};
    for (int k = 0; k < 2; k++) {
        double s = sin(p[k]);
        q[k] = (1 - e2) * (s / (1 - e2 * s * s) - log((1 - e * s) / (1 + e * s)) / (2 * e));
    }
    return a * a * dlon * (q[1] - q[0]) / 2;
}

static void test_projection(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    snprintf(s.layer.boundaries, sizeof s.layer.boundaries, "tests/data/lonlat.geojson");
    s.layer.residents = 1000;
    s.layer.missing = MISSING_RESIDENTS_AREA;
    assert_int_equal(beatmap_load(&s, NULL, stderr), 0);
    const double d = 3.14159265358979323846 / 180;
    double want = cell_area_km2(0.01 * d, 47.60 * d, 47.61 * d);
    CHECK_REL(s.beats[0].area_km2, want, 1e-3);
    /* centred on the extent: the centroid is near (0, 0) */
    CHECK_NEAR(s.beats[0].x, 0, 1e-3);
    CHECK_NEAR(s.beats[0].y, 0, 1e-3);
    scenario_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_areas),
        cmocka_unit_test(test_contains),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_shared),
        cmocka_unit_test(test_layer),
        cmocka_unit_test(test_residents_by_area),
        cmocka_unit_test(test_projection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
