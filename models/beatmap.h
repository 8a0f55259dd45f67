/* beatmap.h - a city's beats and stations read from map layers through
 * GDAL/OGR (shapefile, GeoJSON, GeoPackage, CSV ...).
 *
 * The beats' polygon layer (city.boundaries) and the stations' point
 * layer or CSV (city.stations) are reprojected from their own CRS to a
 * Lambert azimuthal equal-area projection centred on the centre of the
 * boundaries' extent, on the layer's own datum, in km (docs/model.md 2).
 * Every beat becomes a beat_spec (centre = centroid of its area, area from
 * the geometry) with its polygon, every station a station_spec, so the
 * rest of the model sees an explicit city.
 *
 * GDAL is used at load only: the run never calls it (the polygons are
 * triangulated once, polygon.h). GDAL's own messages are silenced while
 * loading; every problem is reported once, as
 *   FILE: feature N (id X): SETTING FIELD: expected ..., found ...
 * and the load stops at the first.
 */
#ifndef BEATMAP_H
#define BEATMAP_H

#include "polygon.h"
#include "scenario.h"

#include <stdio.h>

/* Reads s->layer's layers into s->beats, s->stations and
 * s->beat_polygons (replacing any lists; all owned by *s, freed by
 * scenario_free). Relative paths are taken from folder dir (NULL: the
 * working directory). Beats without migrant_share or key_persons get NAN
 * (the scenario reader fills them as for a listed beat). Returns 0, or -1
 * after one message to err (when err is not NULL); then *s's lists are
 * unchanged. */
int beatmap_load(scenario *s, const char *dir, FILE *err);

/* Index of the first of the n polygons that contains (x, y), or -1. A
 * point exactly on a shared edge goes to one of the two beats. */
long beatmap_find(const polygon *polys, size_t n, double x, double y);

/* Two beats are neighbours when they share at least this much boundary
 * (km) within BEATMAP_TOUCH_TOL_KM: 10 m within 1 m (assumption: digitising
 * slack of a city map; corners alone do not count). */
#define BEATMAP_TOUCH_MIN_KM 0.01
#define BEATMAP_TOUCH_TOL_KM 0.001

#endif /* BEATMAP_H */
