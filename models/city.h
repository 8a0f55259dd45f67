/* city.h - stations and beats: the geography of a run.
 *
 * A city is built once from a scenario (explicit lists, or the synthetic
 * generator) and then read-only: every replication and every variant that
 * does not change the city shares it.
 *
 * The synthetic generator lays the city on a grid of square blocks, one
 * urban beat per block of side sqrt(urban_beat_residents /
 * urban_density_km2): the urban beats take the blocks nearest the centre
 * (the most central commercial_share of them commercial, the next
 * mixed_share mixed, the rest urban residential). Rural beats are larger
 * squares of m x m blocks (m = round(sqrt(rural area / urban area)), at
 * least 1) on a coarse grid around the urban core, nearest first. Beats are
 * ordered along a Hilbert curve and cut into stations of contiguous beats
 * with about equal residents (urban and rural beats in separate stations,
 * in proportion to their residents); a station stands at the beat centre
 * nearest the resident-weighted centroid of its beats. Urban beats hold
 * urban_beat_residents each but the outermost, which takes the remainder;
 * rural beats share the rural residents equally; so totals are exact.
 * Coarse cells touching the urban core are left empty: the core sits in a
 * belt of unpopulated land (parks, industry, fields) before the rural ring.
 */
#ifndef CITY_H
#define CITY_H

#include "polygon.h"
#include "scenario.h"

#include <stddef.h>
#include <stdio.h>

typedef struct city_beat {
    char id[SCENARIO_NAME_MAX]; /* name ("B0001" when generated) */
    int station;                /* index into city.stations */
    land_type land;             /* land type */
    double residents;           /* residents */
    double households;          /* households */
    double migrant_share;       /* share of residents who are migrants */
    double key_persons;         /* key persons */
    double area_km2;            /* area */
    double x, y;                /* centre (also its community police
                                   office), km */
    beat_shape shape;           /* square or disc */
    double half;                /* half side (square) or radius (disc), km;
                                   a polygon's: that of the square of its
                                   area */
    polygon *poly;              /* owned; the beat's polygon when it came
                                   from a map (city.boundaries), else NULL:
                                   then calls fall in it, not the square */
} city_beat;

typedef struct city_station {
    char id[SCENARIO_NAME_MAX]; /* name ("S01" when generated) */
    double x, y;                /* the station building, km */
    int beat;                   /* the beat the building stands in */
    size_t first_beat, nbeats;  /* its beats: beat_index[first .. first+n) */
    double residents;           /* sum over its beats */
} city_station;

typedef struct city {
    city_beat *beats;           /* nbeats beats */
    size_t nbeats;
    city_station *stations;     /* nstations stations */
    size_t nstations;
    size_t *beat_index;         /* beat indices grouped by station */
    double x0, y0, x1, y1;      /* bounding box of all beats, km */
    double residents;           /* total */
    /* Beats that share a boundary, when the beats are polygons (NULL
     * otherwise): beat i's neighbours are adj[adj_first[i] ..
     * adj_first[i+1]), in increasing order. Computed once by city_build. */
    size_t *adj_first, *adj;
} city;

/* Builds the city of scenario *s (explicit when s->nbeats > 0, else
 * synthetic). Returns 0, or -1 after writing one message per problem to
 * `err` (a beat naming an unknown station, a station with no beat, a
 * synthetic city with fewer beats than stations ...) or when memory is
 * exhausted; then *c holds nothing. */
int city_build(city *c, const scenario *s, FILE *err);

void city_free(city *c);

/* Index of the beat containing (x, y), or -1: the first polygon beat
 * (polygon_contains) or square / disc beat that holds the point. O(beats x
 * vertices); for assigning points to beats, not for the hot path. */
long city_beat_at(const city *c, double x, double y);

#endif /* CITY_H */
