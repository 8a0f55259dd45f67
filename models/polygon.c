/* polygon.c - beat polygons: slab triangulation, uniform points, the
 * even-odd point test and shared boundaries. See polygon.h. */
#include "polygon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int polygon_add_ring(polygon *p, const double *xy, size_t n)
{
    if (n > 1 && xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1])
        n--;
    double *x = realloc(p->x, (p->nv + n + 1) * sizeof *x);
    if (!x)
        return -1;
    p->x = x;
    double *y = realloc(p->y, (p->nv + n + 1) * sizeof *y);
    if (!y)
        return -1;
    p->y = y;
    size_t *ring = realloc(p->ring, (p->nrings + 2) * sizeof *ring);
    if (!ring)
        return -1;
    p->ring = ring;
    if (p->nrings == 0)
        p->ring[0] = 0;
    for (size_t i = 0; i < n; i++) {
        p->x[p->nv + i] = xy[2 * i];
        p->y[p->nv + i] = xy[2 * i + 1];
    }
    p->nv += n;
    p->nrings++;
    p->ring[p->nrings] = p->nv;
    return 0;
}

typedef struct edge {
    double ylo, yhi; /* ylo < yhi */
    double xlo, xhi; /* x at ylo and at yhi */
} edge;

typedef struct cut {
    double xm, xa, xb; /* x at the slab's middle, bottom, top */
} cut;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_edge(const void *a, const void *b)
{
    const edge *p = a, *q = b;
    return (p->ylo > q->ylo) - (p->ylo < q->ylo);
}

static int cmp_cut(const void *a, const void *b)
{
    const cut *p = a, *q = b;
    if (p->xm != q->xm)
        return (p->xm > q->xm) - (p->xm < q->xm);
    return (p->xa + p->xb > q->xa + q->xb) - (p->xa + p->xb < q->xa + q->xb);
}

static double edge_x(const edge *e, double y)
{
    if (y <= e->ylo)
        return e->xlo;
    if (y >= e->yhi)
        return e->xhi;
    return e->xlo + (y - e->ylo) * (e->xhi - e->xlo) / (e->yhi - e->ylo);
}

/* Walker's alias table over w[0 .. n) (Vose's stable construction). */
static int build_alias(const double *w, size_t n, double total, double *prob, size_t *alias)
{
    size_t *small = malloc(n * sizeof *small), *large = malloc(n * sizeof *large);
    double *q = malloc(n * sizeof *q);
    if (!small || !large || !q) {
        free(small);
        free(large);
        free(q);
        return -1;
    }
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < n; i++) {
        q[i] = w[i] * (double)n / total;
        if (q[i] < 1)
            small[ns++] = i;
        else
            large[nl++] = i;
    }
    while (ns && nl) {
        size_t s = small[--ns], l = large[--nl];
        prob[s] = q[s];
        alias[s] = l;
        q[l] = (q[l] + q[s]) - 1;
        if (q[l] < 1)
            small[ns++] = l;
        else
            large[nl++] = l;
    }
    while (nl) {
        size_t l = large[--nl];
        prob[l] = 1;
        alias[l] = l;
    }
    while (ns) { /* left over by rounding */
        size_t s = small[--ns];
        prob[s] = 1;
        alias[s] = s;
    }
    free(small);
    free(large);
    free(q);
    return 0;
}

int polygon_prepare(polygon *p, char *why, size_t whylen)
{
    free(p->tri);
    free(p->prob);
    free(p->alias);
    p->tri = p->prob = NULL;
    p->alias = NULL;
    p->ntri = 0;
    if (p->nrings == 0 || p->nv == 0) {
        snprintf(why, whylen, "no ring");
        return -1;
    }
    for (size_t r = 0; r < p->nrings; r++)
        if (p->ring[r + 1] - p->ring[r] < 3) {
            snprintf(why, whylen, "a ring of %zu point%s", p->ring[r + 1] - p->ring[r],
                     p->ring[r + 1] - p->ring[r] == 1 ? "" : "s");
            return -1;
        }
    for (size_t i = 0; i < p->nv; i++)
        if (!isfinite(p->x[i]) || !isfinite(p->y[i])) {
            snprintf(why, whylen, "a point that is not a number");
            return -1;
        }
    p->x0 = p->x1 = p->x[0];
    p->y0 = p->y1 = p->y[0];
    for (size_t i = 1; i < p->nv; i++) {
        p->x0 = fmin(p->x0, p->x[i]);
        p->x1 = fmax(p->x1, p->x[i]);
        p->y0 = fmin(p->y0, p->y[i]);
        p->y1 = fmax(p->y1, p->y[i]);
    }

    double *ys = malloc(p->nv * sizeof *ys);
    edge *e = malloc(p->nv * sizeof *e);
    cut *c = malloc(p->nv * sizeof *c);
    size_t cap = 64, nt = 0;
    double *tri = malloc(cap * 6 * sizeof *tri), *w = malloc(cap * sizeof *w);
    int rc = -2;
    if (!ys || !e || !c || !tri || !w)
        goto done;
    memcpy(ys, p->y, p->nv * sizeof *ys);
    qsort(ys, p->nv, sizeof *ys, cmp_double);
    size_t ny = 0;
    for (size_t i = 0; i < p->nv; i++)
        if (ny == 0 || ys[i] != ys[ny - 1])
            ys[ny++] = ys[i];
    size_t ne = 0;
    for (size_t r = 0; r < p->nrings; r++)
        for (size_t i = p->ring[r]; i < p->ring[r + 1]; i++) {
            size_t j = i + 1 < p->ring[r + 1] ? i + 1 : p->ring[r];
            if (p->y[i] == p->y[j])
                continue;
            int up = p->y[i] < p->y[j];
            e[ne++] = up ? (edge){p->y[i], p->y[j], p->x[i], p->x[j]}
                         : (edge){p->y[j], p->y[i], p->x[j], p->x[i]};
        }
    qsort(e, ne, sizeof *e, cmp_edge);
    double total = 0, sx = 0, sy = 0;
    size_t lo = 0; /* edges below lo end below the current slab */
    for (size_t k = 0; k + 1 < ny; k++) {
        double ya = ys[k], yb = ys[k + 1], ym = ya + (yb - ya) / 2;
        while (lo < ne && e[lo].yhi <= ya && e[lo].ylo < ya)
            lo++; /* a prefix only: edges are sorted by ylo, not yhi */
        size_t nc = 0;
        for (size_t i = lo; i < ne && e[i].ylo <= ya; i++)
            if (e[i].yhi >= yb)
                c[nc++] = (cut){edge_x(&e[i], ym), edge_x(&e[i], ya), edge_x(&e[i], yb)};
        if (nc % 2) {
            snprintf(why, whylen, "rings that cross or are not closed");
            rc = -1;
            goto done;
        }
        qsort(c, nc, sizeof *c, cmp_cut);
        for (size_t i = 0; i + 1 < nc; i += 2) {
            const cut *l = &c[i], *rt = &c[i + 1];
            double t[2][6] = {{l->xa, ya, rt->xa, ya, rt->xb, yb},
                              {l->xa, ya, rt->xb, yb, l->xb, yb}};
            double a[2] = {(rt->xa - l->xa) * (yb - ya) / 2, (rt->xb - l->xb) * (yb - ya) / 2};
            for (int h = 0; h < 2; h++) {
                if (!(a[h] > 0))
                    continue;
                if (nt == POLYGON_TRIANGLES_MAX) {
                    snprintf(why, whylen, "a shape cut into more than %d triangles",
                             POLYGON_TRIANGLES_MAX);
                    rc = -1;
                    goto done;
                }
                if (nt == cap) {
                    double *t2 = realloc(tri, cap * 2 * 6 * sizeof *tri);
                    if (!t2)
                        goto done;
                    tri = t2;
                    double *w2 = realloc(w, cap * 2 * sizeof *w);
                    if (!w2)
                        goto done;
                    w = w2;
                    cap *= 2;
                }
                memcpy(tri + 6 * nt, t[h], sizeof t[h]);
                w[nt++] = a[h];
                total += a[h];
                sx += a[h] * (t[h][0] + t[h][2] + t[h][4]) / 3;
                sy += a[h] * (t[h][1] + t[h][3] + t[h][5]) / 3;
            }
        }
    }
    if (nt == 0 || !(total > 0)) {
        snprintf(why, whylen, "no area");
        rc = -1;
        goto done;
    }
    p->prob = malloc(nt * sizeof *p->prob);
    p->alias = malloc(nt * sizeof *p->alias);
    if (!p->prob || !p->alias || build_alias(w, nt, total, p->prob, p->alias) != 0) {
        free(p->prob);
        free(p->alias);
        p->prob = NULL;
        p->alias = NULL;
        goto done;
    }
    p->tri = tri;
    tri = NULL;
    p->ntri = nt;
    p->area = total;
    p->cx = sx / total;
    p->cy = sy / total;
    rc = 0;
done:
    if (rc == -2)
        snprintf(why, whylen, "out of memory");
    free(ys);
    free(e);
    free(c);
    free(tri);
    free(w);
    return rc;
}

void polygon_sample(const polygon *p, double u1, double u2, double u3, double *x, double *y)
{
    double s = u1 * (double)p->ntri;
    size_t i = (size_t)s;
    if (i >= p->ntri)
        i = p->ntri - 1;
    if (s - (double)i >= p->prob[i])
        i = p->alias[i];
    if (u2 + u3 > 1) {
        u2 = 1 - u2;
        u3 = 1 - u3;
    }
    const double *t = p->tri + 6 * i;
    *x = t[0] + u2 * (t[2] - t[0]) + u3 * (t[4] - t[0]);
    *y = t[1] + u2 * (t[3] - t[1]) + u3 * (t[5] - t[1]);
}

int polygon_contains(const polygon *p, double x, double y)
{
    if (x < p->x0 || x > p->x1 || y < p->y0 || y > p->y1)
        return 0;
    int in = 0;
    for (size_t r = 0; r < p->nrings; r++)
        for (size_t i = p->ring[r], j = p->ring[r + 1] - 1; i < p->ring[r + 1]; j = i++)
            if ((p->y[i] > y) != (p->y[j] > y) &&
                x < p->x[j] + (y - p->y[j]) * (p->x[i] - p->x[j]) / (p->y[i] - p->y[j]))
                in = !in;
    return in;
}

/* Length of segment (bx0,by0)-(bx1,by1) lying within tol of segment a. */
static double overlap(double ax0, double ay0, double ax1, double ay1, double bx0, double by0,
                      double bx1, double by1, double tol)
{
    double dx = ax1 - ax0, dy = ay1 - ay0, len = hypot(dx, dy);
    if (!(len > 0))
        return 0;
    double ux = dx / len, uy = dy / len;
    double d0 = (bx0 - ax0) * uy - (by0 - ay0) * ux, d1 = (bx1 - ax0) * uy - (by1 - ay0) * ux;
    if (fabs(d0) > tol || fabs(d1) > tol)
        return 0;
    double t0 = (bx0 - ax0) * ux + (by0 - ay0) * uy, t1 = (bx1 - ax0) * ux + (by1 - ay0) * uy;
    double lo = fmax(0, fmin(t0, t1)), hi = fmin(len, fmax(t0, t1));
    return hi > lo ? hi - lo : 0;
}

double polygon_shared_length(const polygon *a, const polygon *b, double tol)
{
    if (a->x0 > b->x1 + tol || b->x0 > a->x1 + tol || a->y0 > b->y1 + tol || b->y0 > a->y1 + tol)
        return 0;
    double sum = 0;
    for (size_t r = 0; r < a->nrings; r++)
        for (size_t i = a->ring[r], j = a->ring[r + 1] - 1; i < a->ring[r + 1]; j = i++) {
            double ex0 = fmin(a->x[i], a->x[j]) - tol, ex1 = fmax(a->x[i], a->x[j]) + tol;
            double ey0 = fmin(a->y[i], a->y[j]) - tol, ey1 = fmax(a->y[i], a->y[j]) + tol;
            if (ex1 < b->x0 || ex0 > b->x1 || ey1 < b->y0 || ey0 > b->y1)
                continue;
            for (size_t s = 0; s < b->nrings; s++)
                for (size_t k = b->ring[s], l = b->ring[s + 1] - 1; k < b->ring[s + 1]; l = k++) {
                    if (fmax(b->x[k], b->x[l]) < ex0 || fmin(b->x[k], b->x[l]) > ex1 ||
                        fmax(b->y[k], b->y[l]) < ey0 || fmin(b->y[k], b->y[l]) > ey1)
                        continue;
                    sum += overlap(a->x[j], a->y[j], a->x[i], a->y[i], b->x[l], b->y[l],
                                   b->x[k], b->y[k], tol);
                }
        }
    return sum;
}

int polygon_copy(polygon *dst, const polygon *src)
{
    memset(dst, 0, sizeof *dst);
    *dst = *src;
    dst->x = dst->y = dst->tri = dst->prob = NULL;
    dst->ring = dst->alias = NULL;
    size_t nv = src->nv ? src->nv : 1, nt = src->ntri ? src->ntri : 1;
    dst->x = malloc(nv * sizeof *dst->x);
    dst->y = malloc(nv * sizeof *dst->y);
    dst->ring = malloc((src->nrings + 1) * sizeof *dst->ring);
    dst->tri = malloc(nt * 6 * sizeof *dst->tri);
    dst->prob = malloc(nt * sizeof *dst->prob);
    dst->alias = malloc(nt * sizeof *dst->alias);
    if (!dst->x || !dst->y || !dst->ring || !dst->tri || !dst->prob || !dst->alias) {
        polygon_free(dst);
        return -1;
    }
    if (src->nv) {
        memcpy(dst->x, src->x, src->nv * sizeof *dst->x);
        memcpy(dst->y, src->y, src->nv * sizeof *dst->y);
    }
    if (src->ring)
        memcpy(dst->ring, src->ring, (src->nrings + 1) * sizeof *dst->ring);
    if (src->ntri) {
        memcpy(dst->tri, src->tri, src->ntri * 6 * sizeof *dst->tri);
        memcpy(dst->prob, src->prob, src->ntri * sizeof *dst->prob);
        memcpy(dst->alias, src->alias, src->ntri * sizeof *dst->alias);
    }
    return 0;
}

void polygon_free(polygon *p)
{
    free(p->x);
    free(p->y);
    free(p->ring);
    free(p->tri);
    free(p->prob);
    free(p->alias);
    memset(p, 0, sizeof *p);
}
