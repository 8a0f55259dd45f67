/* sim_grid.c - a uniform-grid spatial index for nearest-point queries.
 *
 * Each cell heads a doubly linked list of the ids in it; the links, the
 * coordinates and the cell of every id live in arrays indexed by id, so
 * insert and remove touch no allocator once the arrays are large enough.
 */
#include "sim_grid.h"

#include <math.h>
#include <stdlib.h>

#define ABSENT UINT32_MAX

struct sim_grid {
    double x0, y0, x1, y1; /* the rectangle */
    double cell;           /* cell side */
    size_t nx, ny;         /* cells across and down */
    uint32_t *head;        /* first id in each cell, or ABSENT */
    uint32_t *next, *prev; /* links per id */
    uint32_t *cell_of;     /* cell per id, ABSENT when not present */
    double *px, *py;       /* coordinates per id */
    size_t cap;            /* length of the per-id arrays */
    size_t count;          /* points present */
};

sim_grid *sim_grid_create(double x0, double y0, double x1, double y1,
                          double cell)
{
    if (!(x0 < x1 && y0 < y1 && cell > 0) || !isfinite(x1 - x0) ||
        !isfinite(y1 - y0))
        return NULL;
    double nx = ceil((x1 - x0) / cell), ny = ceil((y1 - y0) / cell);
    if (nx < 1)
        nx = 1;
    if (ny < 1)
        ny = 1;
    if (nx * ny > (double)(1 << 24))
        return NULL;
    sim_grid *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    *g = (sim_grid){x0, y0, x1, y1, cell, (size_t)nx, (size_t)ny,
                    NULL, NULL, NULL, NULL, NULL, NULL, 0, 0};
    g->head = malloc(g->nx * g->ny * sizeof *g->head);
    if (!g->head) {
        free(g);
        return NULL;
    }
    for (size_t i = 0; i < g->nx * g->ny; i++)
        g->head[i] = ABSENT;
    return g;
}

void sim_grid_free(sim_grid *g)
{
    if (!g)
        return;
    free(g->head);
    free(g->next);
    free(g->prev);
    free(g->cell_of);
    free(g->px);
    free(g->py);
    free(g);
}

/* Grows the per-id arrays to hold `id`. Returns 0 or -1. */
static int reserve(sim_grid *g, uint32_t id)
{
    if (id < g->cap)
        return 0;
    size_t cap = g->cap ? g->cap : 64;
    while (cap <= id)
        cap *= 2;
    uint32_t *n = realloc(g->next, cap * sizeof *n);
    if (n)
        g->next = n;
    uint32_t *p = realloc(g->prev, cap * sizeof *p);
    if (p)
        g->prev = p;
    uint32_t *c = realloc(g->cell_of, cap * sizeof *c);
    if (c)
        g->cell_of = c;
    double *x = realloc(g->px, cap * sizeof *x);
    if (x)
        g->px = x;
    double *y = realloc(g->py, cap * sizeof *y);
    if (y)
        g->py = y;
    if (!n || !p || !c || !x || !y)
        return -1; /* arrays keep their old contents and length */
    for (size_t i = g->cap; i < cap; i++)
        g->cell_of[i] = ABSENT;
    g->cap = cap;
    return 0;
}

static int inside(const sim_grid *g, double x, double y)
{
    return x >= g->x0 && x <= g->x1 && y >= g->y0 && y <= g->y1;
}

static size_t cell_index(const sim_grid *g, double x, double y)
{
    size_t cx = (size_t)((x - g->x0) / g->cell);
    size_t cy = (size_t)((y - g->y0) / g->cell);
    if (cx >= g->nx)
        cx = g->nx - 1;
    if (cy >= g->ny)
        cy = g->ny - 1;
    return cy * g->nx + cx;
}

static void link(sim_grid *g, uint32_t id, double x, double y)
{
    size_t c = cell_index(g, x, y);
    g->px[id] = x;
    g->py[id] = y;
    g->cell_of[id] = (uint32_t)c;
    g->prev[id] = ABSENT;
    g->next[id] = g->head[c];
    if (g->head[c] != ABSENT)
        g->prev[g->head[c]] = id;
    g->head[c] = id;
}

static void unlink_id(sim_grid *g, uint32_t id)
{
    uint32_t c = g->cell_of[id];
    if (g->prev[id] != ABSENT)
        g->next[g->prev[id]] = g->next[id];
    else
        g->head[c] = g->next[id];
    if (g->next[id] != ABSENT)
        g->prev[g->next[id]] = g->prev[id];
    g->cell_of[id] = ABSENT;
}

int sim_grid_contains(const sim_grid *g, uint32_t id)
{
    return id < g->cap && g->cell_of[id] != ABSENT;
}

int sim_grid_insert(sim_grid *g, uint32_t id, double x, double y)
{
    if (id == SIM_GRID_NONE || !inside(g, x, y) || sim_grid_contains(g, id) ||
        reserve(g, id) != 0)
        return -1;
    link(g, id, x, y);
    g->count++;
    return 0;
}

int sim_grid_remove(sim_grid *g, uint32_t id)
{
    if (!sim_grid_contains(g, id))
        return -1;
    unlink_id(g, id);
    g->count--;
    return 0;
}

int sim_grid_move(sim_grid *g, uint32_t id, double x, double y)
{
    if (!sim_grid_contains(g, id) || !inside(g, x, y))
        return -1;
    unlink_id(g, id);
    link(g, id, x, y);
    return 0;
}

size_t sim_grid_count(const sim_grid *g)
{
    return g->count;
}

static double distance(sim_metric m, double dx, double dy)
{
    return m == SIM_METRIC_L1 ? fabs(dx) + fabs(dy) : hypot(dx, dy);
}

/* Scans one cell, improving (*best, *best_id). */
static void scan_cell(const sim_grid *g, size_t cx, size_t cy, double x,
                      double y, sim_metric m, double *best, uint32_t *best_id)
{
    for (uint32_t id = g->head[cy * g->nx + cx]; id != ABSENT; id = g->next[id]) {
        double d = distance(m, g->px[id] - x, g->py[id] - y);
        if (d < *best || (d == *best && id < *best_id)) {
            *best = d;
            *best_id = id;
        }
    }
}

uint32_t sim_grid_nearest(const sim_grid *g, double x, double y,
                          sim_metric metric, double *dist)
{
    double best = INFINITY;
    uint32_t best_id = SIM_GRID_NONE;
    if (g->count > 0) {
        /* the query's cell, clamped into the grid */
        double fx = floor((x - g->x0) / g->cell), fy = floor((y - g->y0) / g->cell);
        long qx = fx < 0 ? 0 : fx >= (double)g->nx ? (long)g->nx - 1 : (long)fx;
        long qy = fy < 0 ? 0 : fy >= (double)g->ny ? (long)g->ny - 1 : (long)fy;
        /* distance from the query to its (clamped) cell in the max-norm:
         * non-zero only for queries outside the rectangle */
        double gap_x = fmax(0, fmax(g->x0 + qx * g->cell - x, x - (g->x0 + (qx + 1) * g->cell)));
        double gap_y = fmax(0, fmax(g->y0 + qy * g->cell - y, y - (g->y0 + (qy + 1) * g->cell)));
        double gap = fmax(gap_x, gap_y);
        long rmax = (long)(g->nx > g->ny ? g->nx : g->ny);
        for (long r = 0; r <= rmax; r++) {
            /* points in ring r are at least max(r - 1 cells, gap) away in
             * the max-norm, which bounds L1 and L2 from below */
            if (r > 0 && fmax((double)(r - 1) * g->cell, gap) > best)
                break;
            for (long cy = qy - r; cy <= qy + r; cy++) {
                if (cy < 0 || cy >= (long)g->ny)
                    continue;
                int edge_row = cy == qy - r || cy == qy + r;
                for (long cx = qx - r; cx <= qx + r; cx += edge_row ? 1 : 2 * r) {
                    if (cx >= 0 && cx < (long)g->nx)
                        scan_cell(g, (size_t)cx, (size_t)cy, x, y, metric,
                                  &best, &best_id);
                    if (r == 0)
                        break;
                }
            }
        }
    }
    if (dist)
        *dist = best;
    return best_id;
}
