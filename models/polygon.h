/* polygon.h - the geometry of a beat read from a map: a polygon with
 * holes, or several (a multipolygon), in km on the local projection.
 *
 * A polygon is a set of closed rings, outer boundaries and holes alike;
 * a point is inside when a ray from it crosses the rings an odd number of
 * times (the even-odd rule), which is right for any valid (OGC simple
 * features) polygon or multipolygon. polygon_prepare cuts the area into
 * triangles once (a horizontal slab decomposition: between two
 * consecutive vertex heights the edges that cross the slab are ordered by
 * x and taken in pairs, each pair a trapezoid, each trapezoid two
 * triangles) and builds a Walker alias table over their areas, so that a
 * uniform point costs three uniforms and no search (polygon_sample).
 *
 * Ownership: a polygon owns its arrays; polygon_free releases them.
 * Nothing here is global; every function is pure given its arguments.
 */
#ifndef POLYGON_H
#define POLYGON_H

#include <stddef.h>

typedef struct polygon {
    double *x, *y;      /* vertices of every ring, ring after ring */
    size_t *ring;       /* ring r: vertices ring[r] .. ring[r+1]-1 */
    size_t nrings;      /* (ring has nrings + 1 entries) */
    size_t nv;          /* vertices */
    /* set by polygon_prepare: */
    double area;        /* km2 */
    double cx, cy;      /* centroid of the area */
    double x0, y0, x1, y1; /* bounding box */
    size_t ntri;
    double *tri;        /* 6 numbers a triangle: ax ay bx by cx cy */
    double *prob;       /* alias table: keep triangle i with prob[i], */
    size_t *alias;      /* else take alias[i] */
} polygon;

/* Appends a ring of n points (xy interleaved; a closing point equal to
 * the first is dropped). Returns 0, or -1 when memory is exhausted (the
 * polygon is then unchanged). */
int polygon_add_ring(polygon *p, const double *xy, size_t n);

/* At most this many triangles a polygon (about 256 MB): a beat's
 * boundary of a few thousand vertices gives about twice as many; only a
 * comb-like shape comes near (the slabs times the pairs in each). */
#define POLYGON_TRIANGLES_MAX 4000000

/* Triangulates p and fills its derived members. Returns 0; -1 with a
 * short reason in why (e.g. "a ring of 2 points", "no area", too many
 * triangles) when p is not a polygon with area; -2 when memory is exhausted. */
int polygon_prepare(polygon *p, char *why, size_t whylen);

/* A point of p from three uniforms in [0, 1): uniform over the area. */
void polygon_sample(const polygon *p, double u1, double u2, double u3, double *x, double *y);

/* 1 if (x, y) is inside p (even-odd rule; a point on an edge may go
 * either way), else 0. O(vertices). */
int polygon_contains(const polygon *p, double x, double y);

/* Length of boundary that a and b share (edges of the one lying within
 * tol of edges of the other), km. O(edges of a x edges of b) for the
 * edges whose boxes meet. */
double polygon_shared_length(const polygon *a, const polygon *b, double tol);

/* Deep copy of src into *dst. Returns 0, or -1 (memory; *dst empty). */
int polygon_copy(polygon *dst, const polygon *src);

void polygon_free(polygon *p);

#endif /* POLYGON_H */
