/* sim_grid.h - a uniform-grid spatial index for nearest-point queries.
 *
 * Holds points (x, y) identified by small integer ids chosen by the model
 * (for example the index of a free unit), in a rectangle cut into square
 * cells. Insert, remove and move are O(1); a nearest-point query searches
 * rings of cells outward from the query's cell and stops as soon as no
 * unsearched cell can hold a closer point, so it costs O(points in the
 * cells it visits) -- about O(1) when the cell side is near the mean
 * spacing sqrt(area / points) -- instead of a scan over every point.
 * Distances are right-angle (L1, "Manhattan") or straight-line (L2).
 *
 * Memory: per-id arrays (grown to the largest id inserted) and one head
 * per cell. Not thread-safe: one index belongs to one run.
 */
#ifndef SIM_GRID_H
#define SIM_GRID_H

#include <stddef.h>
#include <stdint.h>

typedef enum sim_metric {
    SIM_METRIC_L1, /* |dx| + |dy|: travel along a street grid */
    SIM_METRIC_L2  /* sqrt(dx^2 + dy^2): straight line */
} sim_metric;

#define SIM_GRID_NONE UINT32_MAX /* "no point" */

typedef struct sim_grid sim_grid;

/* Creates an empty index over [x0, x1] x [y0, y1] with square cells of
 * side `cell` (same unit as the coordinates). Requires x0 < x1, y0 < y1,
 * cell > 0 and at most 2^24 cells. Returns NULL for invalid arguments or
 * when memory is exhausted. */
sim_grid *sim_grid_create(double x0, double y0, double x1, double y1,
                          double cell);
void sim_grid_free(sim_grid *g);

/* Adds point `id` at (x, y), which must lie inside the rectangle; id must
 * not be present and be below SIM_GRID_NONE. Returns 0, or -1 (outside,
 * already present, invalid id, out of memory). */
int sim_grid_insert(sim_grid *g, uint32_t id, double x, double y);

/* Removes point `id`. Returns 0, or -1 if it is not present. */
int sim_grid_remove(sim_grid *g, uint32_t id);

/* Moves a present point to (x, y) inside the rectangle. Returns 0 or -1. */
int sim_grid_move(sim_grid *g, uint32_t id, double x, double y);

/* 1 if `id` is present, else 0. */
int sim_grid_contains(const sim_grid *g, uint32_t id);

/* Number of points present. */
size_t sim_grid_count(const sim_grid *g);

/* The id of the point nearest to (x, y) under `metric`, or SIM_GRID_NONE
 * when the index is empty; the distance goes to *dist if dist is not
 * NULL. The query point may lie outside the rectangle. Ties go to the
 * smaller id, so results do not depend on insertion order. */
uint32_t sim_grid_nearest(const sim_grid *g, double x, double y,
                          sim_metric metric, double *dist);

#endif /* SIM_GRID_H */
