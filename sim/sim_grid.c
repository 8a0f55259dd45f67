/* sim_grid.c - a uniform-grid spatial index for nearest-point queries.
 *
 * Each cell heads a doubly linked list of the ids in it; the links, the
 * coordinates and the cell of every id live in one node array indexed by
 * id, so insert and remove touch no allocator once it is large enough.
 */
#include "sim_grid.h"

#include <math.h>
#include <stdlib.h>

#define ABSENT UINT32_MAX

typedef struct node {
    double x, y;     /* coordinates */
    uint32_t next;   /* next id in the same cell, or ABSENT */
    uint32_t prev;   /* previous id in the same cell, or ABSENT */
    uint32_t cell;   /* cell index, ABSENT when the id is not present */
} node;

struct sim_grid {
    double x0, y0, x1, y1; /* the rectangle */
    double cell;           /* cell side */
    size_t nx, ny;         /* cells across and down */
    uint32_t *head;        /* first id in each cell, or ABSENT */
    node *node;            /* per id */
    size_t cap;            /* length of node[] */
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
    *g = (sim_grid){x0, y0, x1, y1, cell, (size_t)nx, (size_t)ny, NULL, NULL, 0, 0};
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
    free(g->node);
    free(g);
}

/* Grows node[] to hold `id`. Returns 0, or -1 (node[] unchanged). */
static int reserve(sim_grid *g, uint32_t id)
{
    if (id < g->cap)
        return 0;
    size_t cap = g->cap ? g->cap : 64;
    while (cap <= id)
        cap *= 2;
    node *n = realloc(g->node, cap * sizeof *n);
    if (!n)
        return -1;
    for (size_t i = g->cap; i < cap; i++)
        n[i].cell = ABSENT;
    g->node = n;
    g->cap = cap;
    return 0;
}

static int inside(const sim_grid *g, double x, double y)
{
    return x >= g->x0 && x <= g->x1 && y >= g->y0 && y <= g->y1;
}

/* Column (or row) of coordinate v, clamped into 0 .. n-1. */
static long clamp_cell(double v, double origin, double cell, size_t n)
{
    double f = floor((v - origin) / cell);
    return f < 0 ? 0 : f >= (double)n ? (long)n - 1 : (long)f;
}

static size_t cell_index(const sim_grid *g, double x, double y)
{
    return (size_t)clamp_cell(y, g->y0, g->cell, g->ny) * g->nx +
           (size_t)clamp_cell(x, g->x0, g->cell, g->nx);
}

static void link(sim_grid *g, uint32_t id, double x, double y)
{
    size_t c = cell_index(g, x, y);
    node *n = &g->node[id];
    *n = (node){x, y, g->head[c], ABSENT, (uint32_t)c};
    if (n->next != ABSENT)
        g->node[n->next].prev = id;
    g->head[c] = id;
}

static void unlink_id(sim_grid *g, uint32_t id)
{
    node *n = &g->node[id];
    if (n->prev != ABSENT)
        g->node[n->prev].next = n->next;
    else
        g->head[n->cell] = n->next;
    if (n->next != ABSENT)
        g->node[n->next].prev = n->prev;
    n->cell = ABSENT;
}

int sim_grid_contains(const sim_grid *g, uint32_t id)
{
    return id < g->cap && g->node[id].cell != ABSENT;
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
    for (uint32_t id = g->head[cy * g->nx + cx]; id != ABSENT; id = g->node[id].next) {
        double d = distance(m, g->node[id].x - x, g->node[id].y - y);
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
        long qx = clamp_cell(x, g->x0, g->cell, g->nx);
        long qy = clamp_cell(y, g->y0, g->cell, g->ny);
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
