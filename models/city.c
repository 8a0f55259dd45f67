/* city.c - stations and beats built from a scenario: explicit lists or the
 * synthetic generator.
 *
 * Explicit cities are copied and their station ids resolved through a
 * sorted table of ids (O((B + S) log S), so a national-scale list of beats
 * costs no quadratic lookup).
 *
 * The synthetic generator works on integer grids so that "nearest the
 * centre" never depends on how doubles round:
 *   - block (i, j) is the urban cell centred at (i b, j b) km, b the block
 *     side; the urban beats are the n_u blocks with the smallest i^2 + j^2,
 *     ties broken by (j, i);
 *   - coarse cell (I, J) of side m b covers blocks I m - floor(m/2) ..
 *     I m - floor(m/2) + m - 1 across (the same down), so the coarse grid is
 *     a union of blocks and, for odd m, one coarse cell is centred on the
 *     origin; its centre in doubled block units is 2 (I m - floor(m/2)) +
 *     m - 1, an integer. A coarse cell holding an urban block is not
 *     eligible; the rural beats are the n_r eligible cells nearest the
 *     origin, ties broken by (J, I).
 * Residents: every urban beat has urban_beat_residents except the outermost
 * one (the last in distance order), which takes the remainder R_u - (n_u -
 * 1) urban_beat_residents; since n_u = round(R_u / urban_beat_residents)
 * that remainder lies in (0.5, 1.5] urban_beat_residents (or is R_u itself
 * when n_u = 1), so it is never <= 0. Rural beats share R_r equally. Both
 * totals are exact up to rounding of doubles.
 * Stations: each kind's beats are put in Hilbert-curve order of their grid
 * coordinates (Hilbert 1891; the index computation is the iterative
 * "xy2d" of Warren, Hacker's Delight, 2nd ed., sec. 16-2) and cut into
 * runs of about equal residents: the curve keeps nearby cells together, so
 * a run is a compact patch of the city. Cost: O(B log B) for the sorts,
 * with B the number of grid cells examined (about 1.3 times the beats).
 */
#include "city.h"

#include "beatmap.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

/* Upper bounds that keep the integer grids and their memory in range. */
#define MAX_SYNTH_BEATS (1u << 22) /* beats of one kind */
#define MAX_RURAL_BLOCKS 65536     /* side of a rural beat, in blocks */

/* ---- common to both kinds of city ------------------------------------------ */

void city_free(city *c)
{
    if (!c)
        return;
    for (size_t i = 0; c->beats && i < c->nbeats; i++)
        if (c->beats[i].poly) {
            polygon_free(c->beats[i].poly);
            free(c->beats[i].poly);
        }
    free(c->beats);
    free(c->stations);
    free(c->beat_index);
    free(c->adj_first);
    free(c->adj);
    memset(c, 0, sizeof *c);
}

long city_beat_at(const city *c, double x, double y)
{
    for (size_t i = 0; i < c->nbeats; i++) {
        const city_beat *b = &c->beats[i];
        int in = b->poly ? polygon_contains(b->poly, x, y)
                 : b->shape == SHAPE_DISC ? hypot(x - b->x, y - b->y) <= b->half
                                          : fabs(x - b->x) <= b->half && fabs(y - b->y) <= b->half;
        if (in)
            return (long)i;
    }
    return -1;
}

/* The neighbours of polygon beats: pairs sharing at least
 * BEATMAP_TOUCH_MIN_KM of boundary. Returns 0 or -1 (memory). */
static int polygon_adjacency(city *c)
{
    size_t nb = c->nbeats, cap = 8 * nb + 8, n = 0;
    c->adj_first = malloc((nb + 1) * sizeof *c->adj_first);
    c->adj = malloc(cap * sizeof *c->adj);
    if (!c->adj_first || !c->adj)
        return -1;
    for (size_t i = 0; i < nb; i++) {
        c->adj_first[i] = n;
        for (size_t j = 0; j < nb; j++) {
            if (j == i || polygon_shared_length(c->beats[i].poly, c->beats[j].poly,
                                                BEATMAP_TOUCH_TOL_KM) < BEATMAP_TOUCH_MIN_KM)
                continue;
            if (n == cap) {
                size_t *a = realloc(c->adj, 2 * cap * sizeof *a);
                if (!a)
                    return -1;
                c->adj = a;
                cap *= 2;
            }
            c->adj[n++] = j;
        }
    }
    c->adj_first[nb] = n;
    return 0;
}

/* Allocates the three arrays of c for nb beats and ns stations (zeroed).
 * Returns 0 or -1 (nothing left allocated). */
static int alloc_city(city *c, size_t nb, size_t ns)
{
    memset(c, 0, sizeof *c);
    c->beats = calloc(nb ? nb : 1, sizeof *c->beats);
    c->stations = calloc(ns ? ns : 1, sizeof *c->stations);
    c->beat_index = calloc(nb ? nb : 1, sizeof *c->beat_index);
    if (!c->beats || !c->stations || !c->beat_index) {
        city_free(c);
        return -1;
    }
    c->nbeats = nb;
    c->nstations = ns;
    return 0;
}

/* Fills beat_index (beats grouped by station, in beat order), each
 * station's first_beat, nbeats and residents, the bounding box and the
 * total. Every beat's station must be valid. O(B + S). */
static void index_beats(city *c)
{
    for (size_t j = 0; j < c->nstations; j++) {
        c->stations[j].nbeats = 0;
        c->stations[j].residents = 0;
    }
    for (size_t i = 0; i < c->nbeats; i++)
        c->stations[c->beats[i].station].nbeats++;
    size_t first = 0;
    for (size_t j = 0; j < c->nstations; j++) {
        c->stations[j].first_beat = first;
        first += c->stations[j].nbeats;
        c->stations[j].nbeats = 0; /* refilled below */
    }
    c->residents = 0;
    c->x0 = c->y0 = INFINITY;
    c->x1 = c->y1 = -INFINITY;
    for (size_t i = 0; i < c->nbeats; i++) {
        const city_beat *b = &c->beats[i];
        city_station *st = &c->stations[b->station];
        c->beat_index[st->first_beat + st->nbeats++] = i;
        st->residents += b->residents;
        c->residents += b->residents;
        if (b->poly) {
            c->x0 = fmin(c->x0, b->poly->x0);
            c->y0 = fmin(c->y0, b->poly->y0);
            c->x1 = fmax(c->x1, b->poly->x1);
            c->y1 = fmax(c->y1, b->poly->y1);
            continue;
        }
        c->x0 = fmin(c->x0, b->x - b->half);
        c->y0 = fmin(c->y0, b->y - b->half);
        c->x1 = fmax(c->x1, b->x + b->half);
        c->y1 = fmax(c->y1, b->y + b->half);
    }
    if (c->nbeats == 0)
        c->x0 = c->y0 = c->x1 = c->y1 = 0;
}

/* The beat of station j whose centre is nearest (straight line) to (x, y);
 * ties go to the lower beat index. The station must have a beat. */
static int nearest_own_beat(const city *c, size_t j, double x, double y)
{
    const city_station *st = &c->stations[j];
    double best = INFINITY;
    int beat = -1;
    for (size_t k = 0; k < st->nbeats; k++) {
        size_t i = c->beat_index[st->first_beat + k];
        double d = hypot(c->beats[i].x - x, c->beats[i].y - y);
        if (d < best || beat < 0) {
            best = d;
            beat = (int)i;
        }
    }
    return beat;
}

/* ---- explicit city ----------------------------------------------------------- */

typedef struct id_ref {
    const char *id; /* borrowed from the scenario */
    size_t index;   /* station index */
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    const id_ref *p = a, *q = b;
    int d = strcmp(p->id, q->id);
    if (d != 0)
        return d;
    return (p->index > q->index) - (p->index < q->index);
}

/* Index of the first (lowest-index) station called id, or -1. O(log S). */
static long find_station(const id_ref *refs, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(refs[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(refs[lo].id, id) == 0 ? (long)refs[lo].index : -1;
}

static int build_explicit(city *c, const scenario *s, FILE *err)
{
    size_t nb = s->nbeats, ns = s->nstations;
    id_ref *refs = malloc((ns ? ns : 1) * sizeof *refs);
    if (!refs || alloc_city(c, nb, ns) != 0) {
        free(refs);
        scenario_error(err, s->source, 0, "city: out of memory");
        return -1;
    }
    for (size_t j = 0; j < ns; j++)
        refs[j] = (id_ref){s->stations[j].id, j};
    qsort(refs, ns, sizeof *refs, cmp_id_ref);

    int problems = 0;
    for (size_t j = 0; j < ns; j++) {
        const station_spec *sp = &s->stations[j];
        city_station *st = &c->stations[j];
        memcpy(st->id, sp->id, sizeof st->id);
        st->id[sizeof st->id - 1] = '\0';
        st->x = sp->x;
        st->y = sp->y;
    }
    for (size_t i = 0; i < nb; i++) {
        const beat_spec *sp = &s->beats[i];
        city_beat *b = &c->beats[i];
        memcpy(b->id, sp->id, sizeof b->id);
        b->id[sizeof b->id - 1] = '\0';
        long st = find_station(refs, ns, sp->station);
        if (st < 0) {
            scenario_error(err, s->source, sp->line,
                   "city.beats.[%zu].station: expected the id of a station, "
                   "found \"%s\"", i, sp->station);
            problems++;
        }
        if (!(sp->area_km2 >= 0) || !isfinite(sp->area_km2)) {
            scenario_error(err, s->source, sp->line,
                   "city.beats.[%zu].area_km2: expected a number >= 0, found %g",
                   i, sp->area_km2);
            problems++;
        }
        b->station = (int)st;
        b->land = sp->land;
        b->residents = sp->residents;
        b->households = sp->households;
        b->migrant_share = sp->migrant_share;
        b->key_persons = sp->key_persons;
        b->area_km2 = sp->area_km2;
        b->x = sp->x;
        b->y = sp->y;
        b->shape = sp->shape;
        b->half = sp->shape == SHAPE_DISC ? sqrt(sp->area_km2 / PI)
                                          : sqrt(sp->area_km2) / 2;
        if (s->beat_polygons) {
            if (!(b->poly = malloc(sizeof *b->poly)) ||
                polygon_copy(b->poly, &s->beat_polygons[i]) != 0) {
                free(b->poly);
                b->poly = NULL;
                scenario_error(err, s->source, 0, "city: out of memory");
                problems++;
            }
        }
        if (st >= 0)
            c->stations[st].nbeats++;
    }
    for (size_t j = 0; j < ns; j++)
        if (c->stations[j].nbeats == 0) {
            scenario_error(err, s->source, s->stations[j].line,
                   "city.stations.[%zu]: expected at least one beat of station "
                   "\"%s\", found none", j, s->stations[j].id);
            problems++;
        }
    free(refs);
    if (problems > 0) {
        city_free(c);
        return -1;
    }
    index_beats(c);
    for (size_t j = 0; j < ns; j++)
        c->stations[j].beat = nearest_own_beat(c, j, c->stations[j].x,
                                               c->stations[j].y);
    if (s->beat_polygons && polygon_adjacency(c) != 0) {
        city_free(c);
        scenario_error(err, s->source, 0, "city: out of memory");
        return -1;
    }
    return 0;
}

/* ---- synthetic city: grids ---------------------------------------------------- */

/* A grid cell: block coordinates (urban) or coarse coordinates (rural),
 * with the squared distance of its centre from the origin in integer
 * units (blocks for urban cells, half blocks for coarse ones). */
typedef struct cell {
    int32_t x, y;
    int64_t d2;
} cell;

static int cmp_cell(const void *a, const void *b)
{
    const cell *p = a, *q = b;
    if (p->d2 != q->d2)
        return p->d2 < q->d2 ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return (p->x > q->x) - (p->x < q->x);
}

/* floor(a / m) for m > 0. */
static int64_t floor_div(int64_t a, int64_t m)
{
    int64_t q = a / m;
    return (a % m != 0 && a < 0) ? q - 1 : q;
}

/* The n blocks nearest the origin, in order, or NULL when out of memory.
 * A disc of radius rho = sqrt(n / pi) + 2 holds at least n lattice points
 * (Gauss's circle problem: the count exceeds pi (rho - 1/sqrt 2)^2), and
 * every block outside the square [-rho, rho]^2 is farther than rho, so
 * sorting that square suffices. *rho_out gets max(|i|, |j|) over them. */
static cell *urban_blocks(size_t n, int64_t *rho_out)
{
    int64_t rho = (int64_t)ceil(sqrt((double)n / PI) + 2);
    size_t side = (size_t)(2 * rho + 1), m = side * side;
    cell *v = malloc(m * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    for (int64_t j = -rho; j <= rho; j++)
        for (int64_t i = -rho; i <= rho; i++)
            v[k++] = (cell){(int32_t)i, (int32_t)j, i * i + j * j};
    qsort(v, m, sizeof *v, cmp_cell);
    int64_t far = 0;
    for (size_t t = 0; t < n; t++) {
        far = llabs(v[t].x) > far ? llabs(v[t].x) : far;
        far = llabs(v[t].y) > far ? llabs(v[t].y) : far;
    }
    *rho_out = far;
    return v;
}

/* Centre of coarse cell index I in doubled block units. */
static int64_t coarse_centre2(int64_t I, int64_t m)
{
    return 2 * (I * m - m / 2) + m - 1;
}

/* The n eligible coarse cells (side m blocks) nearest the origin, in
 * order, or NULL when out of memory. Coarse cells holding any of the nu
 * urban blocks u[] (all within max(|i|,|j|) <= rho_u) are not eligible.
 * The square [-P, P]^2 of coarse cells is sorted; any cell outside it is
 * at least L = 2 (P + 1) m - 1 half-blocks away, so the choice is final
 * when the n-th eligible cell is nearer than L, else P doubles. */
static cell *rural_cells(size_t n, int64_t m, const cell *u, size_t nu,
                         int64_t rho_u)
{
    int64_t P = (rho_u + m - 1) / m + 3 + (int64_t)ceil(sqrt((double)n / PI));
    for (;;) {
        size_t side = (size_t)(2 * P + 1), total = side * side;
        unsigned char *urban = calloc(total, 1);
        cell *v = malloc(total * sizeof *v);
        if (!urban || !v) {
            free(urban);
            free(v);
            return NULL;
        }
        for (size_t t = 0; t < nu; t++) {
            int64_t I = floor_div(u[t].x + m / 2, m) + P;
            int64_t J = floor_div(u[t].y + m / 2, m) + P;
            urban[(size_t)J * side + (size_t)I] = 1;
        }
        size_t k = 0;
        for (int64_t J = -P; J <= P; J++)
            for (int64_t I = -P; I <= P; I++) {
                if (urban[(size_t)(J + P) * side + (size_t)(I + P)])
                    continue;
                int64_t cx = coarse_centre2(I, m), cy = coarse_centre2(J, m);
                v[k++] = (cell){(int32_t)I, (int32_t)J, cx * cx + cy * cy};
            }
        free(urban);
        qsort(v, k, sizeof *v, cmp_cell);
        int64_t L = 2 * (P + 1) * m - 1;
        if (k >= n && (n == 0 || v[n - 1].d2 < L * L))
            return v;
        free(v);
        P *= 2;
    }
}

/* ---- synthetic city: Hilbert order and stations ---------------------------------- */

/* Distance of (x, y) along the Hilbert curve filling the n x n square, n a
 * power of two (Warren, Hacker's Delight, 2nd ed., sec. 16-2). */
static uint64_t hilbert_index(uint64_t n, uint64_t x, uint64_t y)
{
    uint64_t d = 0;
    for (uint64_t s = n / 2; s > 0; s /= 2) {
        uint64_t rx = (x & s) > 0, ry = (y & s) > 0;
        d += s * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            uint64_t t = x;
            x = y;
            y = t;
        }
    }
    return d;
}

typedef struct keyed {
    uint64_t key; /* Hilbert index */
    size_t idx;   /* position in the distance order */
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/* Sorts the n cells v[] into Hilbert order of their coordinates (shifted
 * to be non-negative) by writing the permutation to order[]. Returns 0 or
 * -1 when out of memory. */
static int hilbert_order(const cell *v, size_t n, size_t *order)
{
    if (n == 0)
        return 0;
    keyed *k = malloc(n * sizeof *k);
    if (!k)
        return -1;
    int64_t x0 = v[0].x, y0 = v[0].y, x1 = v[0].x, y1 = v[0].y;
    for (size_t t = 1; t < n; t++) {
        x0 = v[t].x < x0 ? v[t].x : x0;
        y0 = v[t].y < y0 ? v[t].y : y0;
        x1 = v[t].x > x1 ? v[t].x : x1;
        y1 = v[t].y > y1 ? v[t].y : y1;
    }
    uint64_t span = (uint64_t)((x1 - x0 > y1 - y0 ? x1 - x0 : y1 - y0) + 1);
    uint64_t side = 1;
    while (side < span)
        side *= 2;
    for (size_t t = 0; t < n; t++)
        k[t] = (keyed){hilbert_index(side, (uint64_t)(v[t].x - x0),
                                     (uint64_t)(v[t].y - y0)), t};
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t t = 0; t < n; t++)
        order[t] = k[t].idx;
    free(k);
    return 0;
}

/* Cuts beats first .. first+n-1 (already in Hilbert order) into ns runs of
 * about equal residents, numbered from station0: a run ends after the beat
 * that takes the cumulative residents to k / ns of the total, or earlier
 * when just enough beats are left to give every later run one. Requires
 * n >= ns >= 1. */
static void cut_stations(city *c, size_t first, size_t n, size_t ns,
                         size_t station0)
{
    double total = 0, cum = 0;
    for (size_t t = 0; t < n; t++)
        total += c->beats[first + t].residents;
    size_t k = 0;
    for (size_t t = 0; t < n; t++) {
        c->beats[first + t].station = (int)(station0 + k);
        cum += c->beats[first + t].residents;
        size_t beats_left = n - t - 1, runs_left = ns - 1 - k;
        if (runs_left > 0 &&
            (beats_left == runs_left ||
             cum >= (double)(k + 1) * total / (double)ns - 1e-9 * total))
            k++;
    }
}

/* Number of digits of n in base 10 (1 for 0). */
static int digits(size_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* Writes prefix and n zero-padded to `width` digits (at most 20) into
 * out[SCENARIO_NAME_MAX], e.g. ('B', 7, 4) -> "B0007". */
static void format_id(char *out, char prefix, size_t n, int width)
{
    char buf[24];
    int len = 0;
    do {
        buf[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    while (len < width && len < 20)
        buf[len++] = '0';
    out[0] = prefix;
    for (int t = 0; t < len; t++)
        out[1 + t] = buf[len - 1 - t];
    out[1 + len] = '\0';
}

/* ---- synthetic city: the generator ------------------------------------------------ */

/* Stations of each kind for S stations: urban and rural in proportion to
 * their residents, at least one of each when both kinds have beats --
 * except that a single station (S = 1) takes every beat; it then counts
 * as urban (*su = 1, *sr = 0). */
static void split_stations(size_t S, size_t nu, size_t nr, double Ru, double Rr,
                           size_t *su, size_t *sr)
{
    if (nr == 0) {
        *su = S, *sr = 0;
    } else if (nu == 0) {
        *su = 0, *sr = S;
    } else if (S == 1) {
        *su = 1, *sr = 0;
    } else {
        double x = round((double)S * Rr / (Ru + Rr));
        if (x > (double)S - 1)
            x = (double)S - 1;
        if (x < 1)
            x = 1;
        *sr = (size_t)x;
        *su = S - *sr;
    }
}

/* Checks the synthetic parameters the generator divides by or counts
 * with. Returns the number of problems reported. */
static int check_synth(const scenario *s, FILE *err)
{
    const synthetic_city *p = &s->synth;
    int problems = 0;
    struct {
        const char *name;
        double v;
        int positive; /* 1: > 0 required, 0: >= 0 */
    } num[] = {
        {"residents", p->residents, 0},
        {"urban_beat_residents", p->urban_beat_residents, 1},
        {"rural_beat_residents", p->rural_beat_residents, 1},
        {"urban_density_km2", p->urban_density_km2, 1},
        {"rural_density_km2", p->rural_density_km2, 1},
        {"household_size", p->household_size, 1},
    };
    for (size_t t = 0; t < sizeof num / sizeof num[0]; t++)
        if (!isfinite(num[t].v) || num[t].v < 0 || (num[t].positive && num[t].v == 0)) {
            scenario_error(err, s->source, 0, "city.synthetic.%s: expected a %s number, found %g",
                   num[t].name, num[t].positive ? "positive" : "non-negative",
                   num[t].v);
            problems++;
        }
    struct {
        const char *name;
        double v;
    } share[] = {
        {"rural_share", p->rural_share},
        {"commercial_share", p->commercial_share},
        {"mixed_share", p->mixed_share},
    };
    for (size_t t = 0; t < sizeof share / sizeof share[0]; t++)
        if (!(share[t].v >= 0 && share[t].v <= 1)) {
            scenario_error(err, s->source, 0,
                   "city.synthetic.%s: expected a share between 0 and 1, found %g",
                   share[t].name, share[t].v);
            problems++;
        }
    if (p->stations < 1) {
        scenario_error(err, s->source, 0,
               "city.synthetic.stations: expected at least 1 station, found %d",
               p->stations);
        problems++;
    }
    return problems;
}

/* Beats of one kind for R residents at `per` residents a beat. */
static size_t beats_for(double R, double per)
{
    if (!(R > 0))
        return 0;
    double n = round(R / per);
    return n < 1 ? 1 : n > (double)MAX_SYNTH_BEATS + 1 ? MAX_SYNTH_BEATS + 1 : (size_t)n;
}

/* Fills *b from the generator's numbers: a square of side `side` km. */
static void set_beat(city_beat *b, const synthetic_city *p, land_type land,
                     double residents, double x, double y, double side,
                     double migrant_share)
{
    b->land = land;
    b->residents = residents;
    b->households = residents / p->household_size;
    b->migrant_share = migrant_share;
    b->key_persons = residents * p->key_persons_per_1000 / 1000;
    b->area_km2 = side * side;
    b->x = x;
    b->y = y;
    b->shape = SHAPE_SQUARE;
    b->half = side / 2;
}

static int build_synthetic(city *c, const scenario *s, FILE *err)
{
    const synthetic_city *p = &s->synth;
    if (check_synth(s, err) > 0)
        return -1;
    double R = p->residents, Ru = R * (1 - p->rural_share), Rr = R * p->rural_share;
    size_t nu = beats_for(Ru, p->urban_beat_residents);
    size_t nr = beats_for(Rr, p->rural_beat_residents);
    if (nu > MAX_SYNTH_BEATS || nr > MAX_SYNTH_BEATS) {
        scenario_error(err, s->source, 0,
               "city.synthetic.%s: expected at most %u %s beats, found more",
               nu > MAX_SYNTH_BEATS ? "urban_beat_residents" : "rural_beat_residents",
               MAX_SYNTH_BEATS, nu > MAX_SYNTH_BEATS ? "urban" : "rural");
        return -1;
    }
    double b = sqrt(p->urban_beat_residents / p->urban_density_km2);
    double mr = round(sqrt((p->rural_beat_residents / p->rural_density_km2) / (b * b)));
    if (!(mr <= MAX_RURAL_BLOCKS)) {
        scenario_error(err, s->source, 0,
               "city.synthetic.rural_density_km2: expected rural beats at most %d "
               "urban blocks across, found %g", MAX_RURAL_BLOCKS, mr);
        return -1;
    }
    int64_t m = mr < 1 ? 1 : (int64_t)mr;

    size_t S = (size_t)p->stations, su, sr;
    split_stations(S, nu, nr, Ru, Rr, &su, &sr);
    if (su > nu || sr > nr) {
        size_t best = 0; /* the largest station count this city can take */
        for (size_t t = nu + nr; t >= 1 && best == 0; t--) {
            size_t a, r2;
            split_stations(t, nu, nr, Ru, Rr, &a, &r2);
            if (a <= nu && r2 <= nr)
                best = t;
        }
        scenario_error(err, s->source, 0,
               "city.synthetic.stations: expected at most %zu stations for this "
               "many beats (%zu urban, %zu rural), found %d",
               best, nu, nr, p->stations);
        return -1;
    }

    int64_t rho_u = 0;
    cell *u = nu ? urban_blocks(nu, &rho_u) : NULL;
    cell *r = (nu && !u) ? NULL : rural_cells(nr, m, u, nu, rho_u);
    size_t *order = malloc((nu + nr + 1) * sizeof *order);
    if ((nu && !u) || !r || !order || alloc_city(c, nu + nr, S) != 0) {
        free(u);
        free(r);
        free(order);
        scenario_error(err, s->source, 0, "city: out of memory");
        return -1;
    }
    if (hilbert_order(u, nu, order) != 0 || hilbert_order(r, nr, order + nu) != 0) {
        free(u);
        free(r);
        free(order);
        city_free(c);
        scenario_error(err, s->source, 0, "city: out of memory");
        return -1;
    }

    /* urban beats: land and residents by distance rank, placed in Hilbert
       order */
    size_t ncom = (size_t)round(p->commercial_share * (double)nu);
    size_t nmix = (size_t)round(p->mixed_share * (double)nu);
    ncom = ncom > nu ? nu : ncom;
    nmix = nmix > nu - ncom ? nu - ncom : nmix;
    for (size_t t = 0; t < nu; t++) {
        size_t rank = order[t];
        land_type land = rank < ncom          ? LAND_COMMERCIAL
                         : rank < ncom + nmix ? LAND_MIXED
                                              : LAND_URBAN_RESIDENTIAL;
        double res = rank + 1 < nu ? p->urban_beat_residents
                                   : Ru - (double)(nu - 1) * p->urban_beat_residents;
        set_beat(&c->beats[t], p, land, res, u[rank].x * b, u[rank].y * b, b,
                 p->migrant_share_urban);
    }
    /* rural beats */
    double side = (double)m * b;
    for (size_t t = 0; t < nr; t++) {
        const cell *q = &r[order[nu + t]];
        set_beat(&c->beats[nu + t], p, LAND_RURAL, Rr / (double)nr,
                 (double)coarse_centre2(q->x, m) * b / 2,
                 (double)coarse_centre2(q->y, m) * b / 2, side,
                 p->migrant_share_rural);
    }
    free(u);
    free(r);
    free(order);

    int bw = digits(nu + nr) > 4 ? digits(nu + nr) : 4;
    int sw = digits(S) > 2 ? digits(S) : 2;
    for (size_t t = 0; t < nu + nr; t++)
        format_id(c->beats[t].id, 'B', t + 1, bw);
    for (size_t j = 0; j < S; j++)
        format_id(c->stations[j].id, 'S', j + 1, sw);
    if (sr == 0) {
        cut_stations(c, 0, nu + nr, su, 0); /* nr == 0, or one station */
    } else if (su == 0) {
        cut_stations(c, 0, nr, sr, 0); /* nu == 0 */
    } else {
        cut_stations(c, 0, nu, su, 0);
        cut_stations(c, nu, nr, sr, su);
    }
    index_beats(c);

    /* station buildings: the own beat nearest the resident-weighted
       centroid (the plain centroid when the station has no residents) */
    for (size_t j = 0; j < S; j++) {
        city_station *st = &c->stations[j];
        double w = 0, x = 0, y = 0;
        for (size_t k = 0; k < st->nbeats; k++) {
            const city_beat *bt = &c->beats[c->beat_index[st->first_beat + k]];
            double wk = st->residents > 0 ? bt->residents : 1;
            w += wk;
            x += wk * bt->x;
            y += wk * bt->y;
        }
        st->beat = nearest_own_beat(c, j, x / w, y / w);
        st->x = c->beats[st->beat].x;
        st->y = c->beats[st->beat].y;
    }
    return 0;
}

/* ---- entry point --------------------------------------------------------------------- */

int city_build(city *c, const scenario *s, FILE *err)
{
    memset(c, 0, sizeof *c);
    return s->nbeats > 0 ? build_explicit(c, s, err) : build_synthetic(c, s, err);
}
