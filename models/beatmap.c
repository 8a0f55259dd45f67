/* beatmap.c - beats and stations from map layers through GDAL/OGR. See
 * beatmap.h and docs/model.md 2 "Beats from a map". */
/* realpath (XSI) */
#define _XOPEN_SOURCE 700

#include "beatmap.h"
#include "budget.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define HOUSEHOLD_SIZE 2.62 /* as scenario_internal.h: DEFAULT_HOUSEHOLD_SIZE */

typedef struct loader {
    FILE *err;
    char path[SCENARIO_PATH_MAX + 1024]; /* the file being read, as named */
    int failed;
} loader;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void fail(loader *l, const char *fmt, ...)
{
    if (l->failed++)
        return;
    if (!l->err)
        return;
    /* one line of printable text whatever the layer's names hold */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (unsigned char *p = (unsigned char *)msg; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            *p = '?';
    for (unsigned char *p = (unsigned char *)l->path; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(l->err, "%s: %s\n", l->path, msg);
}

static void resolve(char *out, size_t n, const char *dir, const char *path)
{
    if (path[0] == '/' || !dir || !dir[0])
        snprintf(out, n, "%s", path);
    else
        snprintf(out, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", path);
}

/* Text of a value for a message, quoted, shortened. */
static const char *quoted(char *buf, size_t n, const char *v)
{
    snprintf(buf, n, "\"%.40s%s\"", v, strlen(v) > 40 ? "..." : "");
    for (char *p = buf; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = '?';
    return buf;
}

/* The dataset at l->path and its layer (name, or the first). */
static GDALDatasetH open_layer(loader *l, const char *name, const char *setting,
                               const char *layer_setting, const char *const *options,
                               OGRLayerH *lyr)
{
    GDALDatasetH ds = GDALOpenEx(l->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, options, NULL);
    if (!ds) {
        FILE *f = fopen(l->path, "rb");
        if (f)
            fclose(f);
        fail(l, "%s: expected a vector layer (shapefile, GeoJSON, GeoPackage, CSV ...), found %s",
             setting, f ? "a file GDAL cannot read as one" : "no such file");
        return NULL;
    }
    *lyr = name[0] ? GDALDatasetGetLayerByName(ds, name) : GDALDatasetGetLayer(ds, 0);
    if (!*lyr) {
        char names[200] = "";
        int n = GDALDatasetGetLayerCount(ds);
        for (int i = 0; i < n && strlen(names) < 150; i++) {
            OGRLayerH x = GDALDatasetGetLayer(ds, i);
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s\"%s\"",
                     i ? ", " : "", OGR_L_GetName(x));
        }
        if (name[0])
            fail(l, "%s: expected a layer named \"%s\", found %s", layer_setting, name,
                 n ? names : "no layers");
        else
            fail(l, "%s: expected a layer, found none", setting);
        GDALClose(ds);
        return NULL;
    }
    return ds;
}

/* Index of field name in lyr, or -1 (with a message when required). */
static int field_index(loader *l, OGRLayerH lyr, const char *name, const char *setting, int req)
{
    if (!name[0])
        return -1;
    OGRFeatureDefnH d = OGR_L_GetLayerDefn(lyr);
    int k = OGR_FD_GetFieldIndex(d, name);
    if (k < 0 && req) {
        char names[240] = "";
        int n = OGR_FD_GetFieldCount(d);
        for (int i = 0; i < n && strlen(names) < 180; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i)));
        fail(l, "city.layer.%s: expected a field \"%s\" in layer \"%s\", found %s%s", setting,
             name, OGR_L_GetName(lyr), n ? "fields " : "no fields", names);
    }
    return k;
}

/* The feature's value of field k as a number into *v: 1 when set, 0 when
 * missing (null or empty text), -1 after a message when not a number. */
static int number_of(loader *l, OGRFeatureH f, int k, long n, const char *id, const char *setting,
                     const char *name, double lo, double hi, double *v)
{
    if (k < 0 || !OGR_F_IsFieldSetAndNotNull(f, k))
        return 0;
    OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, k));
    char buf[64];
    if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
        *v = OGR_F_GetFieldAsDouble(f, k);
        snprintf(buf, sizeof buf, "%g", *v);
    } else {
        const char *s = OGR_F_GetFieldAsString(f, k);
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            return 0;
        char *end;
        errno = 0;
        *v = strtod(s, &end);
        while (isspace((unsigned char)*end))
            end++;
        if (*end || errno || !isfinite(*v)) {
            fail(l, "feature %ld (id %s): city.layer.%s %s: expected a number, found %s", n, id,
                 setting, name, quoted(buf, sizeof buf, s));
            return -1;
        }
        snprintf(buf, sizeof buf, "%g", *v);
    }
    if (!(*v >= lo && *v <= hi)) {
        fail(l, "feature %ld (id %s): city.layer.%s %s: expected a number from %g to %g, found %s",
             n, id, setting, name, lo, hi, buf);
        return -1;
    }
    return 1;
}

/* An id (or station) text of feature n into out: 0, or -1 after a message. */
static int id_of(loader *l, OGRFeatureH f, int k, long n, const char *setting, const char *name,
                 char out[SCENARIO_NAME_MAX])
{
    char buf[64];
    const char *s = OGR_F_IsFieldSetAndNotNull(f, k) ? OGR_F_GetFieldAsString(f, k) : "";
    size_t len = strlen(s);
    int ok = len > 0 && len < SCENARIO_NAME_MAX && isalpha((unsigned char)s[0]);
    for (size_t i = 0; ok && i < len; i++)
        ok = isalnum((unsigned char)s[i]) || strchr("_-.", s[i]);
    if (!ok) {
        fail(l, "feature %ld: city.layer.%s %s: expected an id of 1 to %d letters, digits and "
                "_-. starting with a letter, found %s", n, setting, name, SCENARIO_NAME_MAX - 1,
             len ? quoted(buf, sizeof buf, s) : "nothing");
        return -1;
    }
    memcpy(out, s, len + 1);
    return 0;
}

/* The local projection: LAEA on the layer's datum centred on the centre
 * of its extent, metres (divided by 1000 on use). */
static OGRCoordinateTransformationH projection(loader *l, OGRLayerH lyr, OGRSpatialReferenceH *out)
{
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(lyr);
    if (!src) {
        fail(l, "city.boundaries: expected a layer with a coordinate reference system (CRS), "
                "found none (give the file one, e.g. ogr2ogr -a_srs EPSG:4326)");
        return NULL;
    }
    OGREnvelope env;
    if (OGR_L_GetExtent(lyr, &env, TRUE) != OGRERR_NONE) {
        fail(l, "city.boundaries: expected a layer with features, found none");
        return NULL;
    }
    OGRSpatialReferenceH s = OSRClone(src), geo = OSRCloneGeogCS(src),
                         dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH to_geo = NULL, ct = NULL;
    if (!s || !geo || !dst)
        goto done;
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(geo, OAMS_TRADITIONAL_GIS_ORDER);
    double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
    to_geo = OCTNewCoordinateTransformation(s, geo);
    if (!to_geo || !OCTTransform(to_geo, 1, &x, &y, NULL) || !isfinite(x) || !isfinite(y)) {
        fail(l, "city.boundaries: expected a CRS that can be turned into longitude and latitude, "
                "found one that cannot");
        goto done;
    }
    if (OSRCopyGeogCSFrom(dst, geo) != OGRERR_NONE || OSRSetLAEA(dst, y, x, 0, 0) != OGRERR_NONE)
        goto done;
    OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
    ct = OCTNewCoordinateTransformation(s, dst);
    if (ct)
        *out = OSRClone(dst);
done:
    if (!ct && !l->failed)
        fail(l, "city.boundaries: expected a CRS PROJ can transform, found one it cannot");
    if (to_geo)
        OCTDestroyCoordinateTransformation(to_geo);
    if (s)
        OSRDestroySpatialReference(s);
    if (geo)
        OSRDestroySpatialReference(geo);
    if (dst)
        OSRDestroySpatialReference(dst);
    return ct;
}

/* Rings of polygon g (already projected, metres) into p (km). */
static int add_polygon(polygon *p, OGRGeometryH g)
{
    int nr = OGR_G_GetGeometryCount(g);
    for (int r = 0; r < nr; r++) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(g, r);
        int n = OGR_G_GetPointCount(ring);
        double *xy = malloc((size_t)(n > 0 ? n : 1) * 2 * sizeof *xy);
        if (!xy)
            return -1;
        for (int i = 0; i < n; i++) {
            xy[2 * i] = OGR_G_GetX(ring, i) / 1000;
            xy[2 * i + 1] = OGR_G_GetY(ring, i) / 1000;
        }
        int rc = polygon_add_ring(p, xy, (size_t)n);
        free(xy);
        if (rc)
            return -1;
    }
    return 0;
}

/* The polygon of feature n into p. 0, or -1 after a message. */
static int geometry_of(loader *l, OGRFeatureH f, OGRCoordinateTransformationH ct, long n,
                       const char *id, polygon *p)
{
    OGRGeometryH g0 = OGR_F_GetGeometryRef(f);
    if (!g0 || OGR_G_IsEmpty(g0)) {
        fail(l, "feature %ld (id %s): geometry: expected a polygon, found %s", n, id,
             g0 ? "an empty geometry" : "none");
        return -1;
    }
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g0));
    if (t != wkbPolygon && t != wkbMultiPolygon) {
        fail(l, "feature %ld (id %s): geometry: expected a polygon or multipolygon, found a %s", n,
             id, OGR_G_GetGeometryName(g0));
        return -1;
    }
    if (!OGR_G_IsValid(g0)) {
        fail(l, "feature %ld (id %s): geometry: expected a valid polygon (rings closed, not "
                "crossing themselves or each other), found an invalid one", n, id);
        return -1;
    }
    OGRGeometryH g = OGR_G_Clone(g0);
    if (!g || OGR_G_Transform(g, ct) != OGRERR_NONE) {
        if (g)
            OGR_G_DestroyGeometry(g);
        fail(l, "feature %ld (id %s): geometry: expected coordinates in the layer's CRS, found "
                "some that do not transform", n, id);
        return -1;
    }
    int rc = 0;
    if (t == wkbPolygon)
        rc = add_polygon(p, g);
    else
        for (int i = 0; i < OGR_G_GetGeometryCount(g) && !rc; i++)
            rc = add_polygon(p, OGR_G_GetGeometryRef(g, i));
    OGR_G_DestroyGeometry(g);
    char why[80];
    if (rc == 0 && (rc = polygon_prepare(p, why, sizeof why)) == -1)
        fail(l, "feature %ld (id %s): geometry: expected a polygon with area, found %s", n, id,
             why);
    if (rc == -1 && !l->failed)
        fail(l, "feature %ld (id %s): out of memory", n, id);
    return rc ? -1 : 0;
}

typedef struct ref {
    const char *id;
    size_t i;
} ref;

static int cmp_ref(const void *a, const void *b)
{
    const ref *p = a, *q = b;
    int d = strcmp(p->id, q->id);
    return d ? d : (p->i > q->i) - (p->i < q->i);
}

static long find_ref(const ref *r, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(r[lo].id, id) ? (long)r[lo].i : -1;
}

/* Sorted refs to the ids of v[0 .. n) (stride bytes apart); on a repeat,
 * the feature numbers of the first two uses in *a < *b. NULL: memory. */
static ref *sorted_ids(const void *v, size_t n, size_t stride, size_t *a, size_t *b)
{
    ref *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return NULL;
    for (size_t i = 0; i < n; i++)
        r[i] = (ref){(const char *)v + i * stride, i};
    qsort(r, n, sizeof *r, cmp_ref);
    *a = *b = 0;
    for (size_t i = 1; i < n; i++)
        if (!strcmp(r[i].id, r[i - 1].id) && (*b == 0 || r[i].i < *b)) {
            *a = r[i - 1].i + 1;
            *b = r[i].i + 1;
        }
    return r;
}

typedef struct loaded {
    beat_spec *beats;
    polygon *polys;
    size_t nbeats, cap;
    station_spec *stations;
    size_t nstations;
} loaded;

static void loaded_free(loaded *d)
{
    for (size_t i = 0; i < d->nbeats; i++)
        polygon_free(&d->polys[i]);
    free(d->polys);
    free(d->beats);
    free(d->stations);
    memset(d, 0, sizeof *d);
}

static int read_beats(loader *l, const city_layer *cl, OGRLayerH lyr,
                      OGRCoordinateTransformationH ct, loaded *d)
{
    int kid = field_index(l, lyr, cl->id_field, "id_field", 1);
    int kst = field_index(l, lyr, cl->station_field, "station_field", 1);
    if (l->failed)
        return -1;
    int kres = field_index(l, lyr, cl->residents_field, "residents_field", 0);
    int khh = field_index(l, lyr, cl->households_field, "households_field", 0);
    int kland = field_index(l, lyr, cl->land_field, "land_field", 0);
    int kmig = field_index(l, lyr, cl->migrant_share_field, "migrant_share_field", 0);
    int kkp = field_index(l, lyr, cl->key_persons_field, "key_persons_field", 0);
    OGR_L_ResetReading(lyr);
    OGRFeatureH f;
    long n = 0;
    while (!l->failed && (f = OGR_L_GetNextFeature(lyr))) {
        n++;
        if (n > BUDGET_BEATS_MAX) { /* before the memory: budget.h */
            OGR_F_Destroy(f);
            fail(l, "city.boundaries: expected at most %d beats, found more features",
                 BUDGET_BEATS_MAX);
            return -1;
        }
        if (d->nbeats == d->cap) {
            size_t cap = d->cap ? 2 * d->cap : 64;
            beat_spec *b = realloc(d->beats, cap * sizeof *b);
            if (b)
                d->beats = b;
            polygon *p = b ? realloc(d->polys, cap * sizeof *p) : NULL;
            if (!p) {
                OGR_F_Destroy(f);
                fail(l, "out of memory");
                return -1;
            }
            d->polys = p;
            d->cap = cap;
        }
        beat_spec *b = &d->beats[d->nbeats];
        polygon *p = &d->polys[d->nbeats];
        memset(b, 0, sizeof *b);
        memset(p, 0, sizeof *p);
        d->nbeats++;
        if (id_of(l, f, kid, n, "id_field", cl->id_field, b->id) == 0 &&
            id_of(l, f, kst, n, "station_field", cl->station_field, b->station) == 0 &&
            geometry_of(l, f, ct, n, b->id, p) == 0) {
            b->area_km2 = p->area;
            b->x = p->cx;
            b->y = p->cy;
            b->shape = SHAPE_SQUARE;
            b->line = 0;
            double v;
            int got = number_of(l, f, kres, n, b->id, "residents_field", cl->residents_field, 0,
                                1e8, &v);
            b->residents = got == 1 ? v : NAN;
            got = number_of(l, f, khh, n, b->id, "households_field", cl->households_field, 0,
                            1e8, &v);
            b->households = got == 1 ? v : NAN;
            got = number_of(l, f, kmig, n, b->id, "migrant_share_field",
                            cl->migrant_share_field, 0, 1, &v);
            b->migrant_share = got == 1 ? v : NAN;
            got = number_of(l, f, kkp, n, b->id, "key_persons_field", cl->key_persons_field, 0,
                            1e8, &v);
            b->key_persons = got == 1 ? v : NAN;
            b->land = LAND_URBAN_RESIDENTIAL;
            if (kland >= 0 && OGR_F_IsFieldSetAndNotNull(f, kland) && !l->failed) {
                const char *t = OGR_F_GetFieldAsString(f, kland);
                int k = 0;
                while (k < LAND_NTYPES && strcmp(t, land_type_names[k]))
                    k++;
                char buf[64];
                if (k == LAND_NTYPES)
                    fail(l, "feature %ld (id %s): city.layer.land_field %s: expected "
                            "urban_residential, commercial, mixed or rural, found %s",
                         n, b->id, cl->land_field, quoted(buf, sizeof buf, t));
                b->land = (land_type)k;
            }
        }
        OGR_F_Destroy(f);
    }
    if (!l->failed && d->nbeats == 0)
        fail(l, "city.boundaries: expected at least one beat, found no features");
    if (l->failed)
        return -1;
    size_t a, c;
    ref *r = sorted_ids(d->beats, d->nbeats, sizeof *d->beats, &a, &c);
    if (!r) {
        fail(l, "out of memory");
        return -1;
    }
    free(r);
    if (c) {
        char buf[64];
        fail(l, "feature %zu (id %s): city.layer.id_field %s: expected an id not used by feature "
                "%zu, found %s", c, d->beats[c - 1].id, cl->id_field, a,
             quoted(buf, sizeof buf, d->beats[c - 1].id));
        return -1;
    }
    return 0;
}

/* Residents and households of beats without them. */
static int fill_residents(loader *l, const city_layer *cl, loaded *d)
{
    double given = 0, open_area = 0;
    size_t first_missing = 0;
    for (size_t i = 0; i < d->nbeats; i++) {
        if (isnan(d->beats[i].residents)) {
            open_area += d->beats[i].area_km2;
            if (!first_missing)
                first_missing = i + 1;
        } else
            given += d->beats[i].residents;
    }
    if (first_missing && cl->missing == MISSING_RESIDENTS_ERROR) {
        fail(l, "feature %zu (id %s): city.layer.residents_field %s: expected a number of "
                "residents (or city.layer.missing_residents = \"area\"), found nothing",
             first_missing, d->beats[first_missing - 1].id, cl->residents_field);
        return -1;
    }
    if (first_missing && !(cl->residents > given)) {
        fail(l, "feature %zu (id %s): city.layer.residents: expected a city total above the "
                "%g residents the layer gives, to share by area among the beats without "
                "residents, found %g", first_missing, d->beats[first_missing - 1].id, given,
             cl->residents);
        return -1;
    }
    for (size_t i = 0; i < d->nbeats; i++) {
        beat_spec *b = &d->beats[i];
        if (isnan(b->residents))
            b->residents = (cl->residents - given) * b->area_km2 / open_area;
        if (isnan(b->households))
            b->households = b->residents / HOUSEHOLD_SIZE;
    }
    return 0;
}

static int read_stations(loader *l, const city_layer *cl, const char *dir,
                         OGRSpatialReferenceH dst, loaded *d)
{
    resolve(l->path, sizeof l->path, dir, cl->stations);
    const char *csv[] = {"X_POSSIBLE_NAMES=x,lon,long,longitude",
                         "Y_POSSIBLE_NAMES=y,lat,latitude", "KEEP_GEOM_COLUMNS=NO", NULL};
    OGRLayerH lyr;
    GDALDatasetH ds = open_layer(l, cl->stations_layer, "city.stations", "city.layer.stations_layer", csv,
                                 &lyr);
    if (!ds)
        return -1;
    int rc = -1;
    OGRCoordinateTransformationH ct = NULL;
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(lyr), own = NULL;
    GDALDriverH drv = GDALGetDatasetDriver(ds);
    if (!src && drv && !strcmp(GDALGetDriverShortName(drv), "CSV")) {
        /* a CSV of longitudes and latitudes: WGS 84 (docs/scenarios.md) */
        own = OSRNewSpatialReference(NULL);
        if (own && OSRImportFromEPSG(own, 4326) == OGRERR_NONE)
            src = own;
    }
    if (!src) {
        fail(l, "city.stations: expected a layer with a coordinate reference system (CRS), "
                "found none");
        goto done;
    }
    OGRSpatialReferenceH s = OSRClone(src);
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    ct = OCTNewCoordinateTransformation(s, dst);
    OSRDestroySpatialReference(s);
    if (!ct) {
        fail(l, "city.stations: expected a CRS PROJ can transform, found one it cannot");
        goto done;
    }
    int kid = field_index(l, lyr, cl->station_id_field, "station_id_field", 1);
    if (l->failed)
        goto done;
    GIntBig count = OGR_L_GetFeatureCount(lyr, TRUE);
    if (count <= 0 || count > 100000) {
        fail(l, "city.stations: expected 1 to 100000 stations, found %lld", (long long)count);
        goto done;
    }
    d->stations = calloc((size_t)count, sizeof *d->stations);
    if (!d->stations) {
        fail(l, "out of memory");
        goto done;
    }
    OGR_L_ResetReading(lyr);
    OGRFeatureH f;
    long n = 0;
    while (!l->failed && (size_t)n < (size_t)count && (f = OGR_L_GetNextFeature(lyr))) {
        n++;
        station_spec *st = &d->stations[d->nstations++];
        if (id_of(l, f, kid, n, "station_id_field", cl->station_id_field, st->id) == 0) {
            OGRGeometryH g = OGR_F_GetGeometryRef(f);
            if (!g || OGR_G_IsEmpty(g) || wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint) {
                fail(l, "feature %ld (id %s): geometry: expected a point, found %s", n, st->id,
                     !g ? "none" : OGR_G_IsEmpty(g) ? "an empty geometry"
                                                    : OGR_G_GetGeometryName(g));
            } else {
                double x = OGR_G_GetX(g, 0), y = OGR_G_GetY(g, 0);
                if (!OCTTransform(ct, 1, &x, &y, NULL) || !isfinite(x) || !isfinite(y))
                    fail(l, "feature %ld (id %s): geometry: expected a point in the layer's CRS, "
                            "found one that does not transform", n, st->id);
                st->x = x / 1000;
                st->y = y / 1000;
                if (!l->failed && beatmap_find(d->polys, d->nbeats, st->x, st->y) < 0)
                    fail(l, "feature %ld (id %s): geometry: expected a point inside a beat of "
                            "city.boundaries, found one outside every beat", n, st->id);
            }
        }
        OGR_F_Destroy(f);
    }
    if (!l->failed) {
        size_t a, c;
        ref *r = sorted_ids(d->stations, d->nstations, sizeof *d->stations, &a, &c);
        if (!r)
            fail(l, "out of memory");
        else if (c) {
            char buf[64];
            fail(l, "feature %zu (id %s): city.layer.station_id_field %s: expected an id not "
                    "used by feature %zu, found %s", c, d->stations[c - 1].id,
                 cl->station_id_field, a, quoted(buf, sizeof buf, d->stations[c - 1].id));
        }
        free(r);
    }
    rc = l->failed ? -1 : 0;
done:
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (own)
        OSRDestroySpatialReference(own);
    GDALClose(ds);
    return rc;
}

/* Stations named by the beats, each at the area-weighted centroid of
 * its beats, in the order of first appearance. */
static int stations_from_beats(loader *l, loaded *d)
{
    d->stations = calloc(d->nbeats, sizeof *d->stations);
    double *w = calloc(d->nbeats, sizeof *w);
    ref *r = malloc(d->nbeats * sizeof *r);
    if (!d->stations || !w || !r) {
        free(w);
        free(r);
        fail(l, "out of memory");
        return -1;
    }
    size_t nr = 0;
    for (size_t i = 0; i < d->nbeats; i++) {
        const beat_spec *b = &d->beats[i];
        long k = -1;
        for (size_t j = 0; j < nr && k < 0; j++) /* few stations: a scan */
            if (!strcmp(r[j].id, b->station))
                k = (long)r[j].i;
        if (k < 0) {
            k = (long)d->nstations++;
            memcpy(d->stations[k].id, b->station, sizeof b->station);
            r[nr++] = (ref){d->stations[k].id, (size_t)k};
        }
        d->stations[k].x += b->area_km2 * b->x;
        d->stations[k].y += b->area_km2 * b->y;
        w[k] += b->area_km2;
    }
    for (size_t k = 0; k < d->nstations; k++) {
        d->stations[k].x /= w[k];
        d->stations[k].y /= w[k];
    }
    free(w);
    free(r);
    return 0;
}

/* Every beat's station exists in the stations file. */
static int check_station_refs(loader *l, const city_layer *cl, loaded *d)
{
    size_t a, c;
    ref *r = sorted_ids(d->stations, d->nstations, sizeof *d->stations, &a, &c);
    if (!r) {
        fail(l, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < d->nbeats && !l->failed; i++)
        if (find_ref(r, d->nstations, d->beats[i].station) < 0) {
            char buf[64];
            fail(l, "feature %zu (id %s): city.layer.station_field %s: expected the id of a "
                    "station of city.stations, found %s", i + 1, d->beats[i].id,
                 cl->station_field, quoted(buf, sizeof buf, d->beats[i].station));
        }
    free(r);
    return l->failed ? -1 : 0;
}

/* path (from folder dir) made absolute in place when it exists and fits. */
static void absolute(char path[SCENARIO_PATH_MAX], const char *dir)
{
    char full[SCENARIO_PATH_MAX + 1024];
    resolve(full, sizeof full, dir, path);
    char *r = realpath(full, NULL);
    if (r && strlen(r) < SCENARIO_PATH_MAX)
        memcpy(path, r, strlen(r) + 1);
    free(r);
}

int beatmap_load(scenario *s, const char *dir, FILE *err)
{
    const city_layer *cl = &s->layer;
    loader l = {.err = err};
    loaded d = {0};
    resolve(l.path, sizeof l.path, dir, cl->boundaries);
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRLayerH lyr;
    OGRSpatialReferenceH dst = NULL;
    OGRCoordinateTransformationH ct = NULL;
    GDALDatasetH ds = open_layer(&l, cl->boundaries_layer, "city.boundaries",
                                  "city.layer.boundaries_layer", NULL, &lyr);
    if (ds && (ct = projection(&l, lyr, &dst)) && read_beats(&l, cl, lyr, ct, &d) == 0 &&
        fill_residents(&l, cl, &d) == 0) {
        if (cl->stations[0]) {
            if (read_stations(&l, cl, dir, dst, &d) == 0) {
                resolve(l.path, sizeof l.path, dir, cl->boundaries);
                check_station_refs(&l, cl, &d);
            }
        } else
            stations_from_beats(&l, &d);
    }
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (dst)
        OSRDestroySpatialReference(dst);
    if (ds)
        GDALClose(ds);
    CPLPopErrorHandler();
    if (l.failed) {
        loaded_free(&d);
        return -1;
    }
    for (size_t i = 0; i < s->nbeats && s->beat_polygons; i++)
        polygon_free(&s->beat_polygons[i]);
    free(s->beat_polygons);
    free(s->beats);
    free(s->stations);
    /* the paths as absolute ones, so that a written scenario (resolved.cfg,
       in another folder) names the same files */
    absolute(s->layer.boundaries, dir);
    if (cl->stations[0])
        absolute(s->layer.stations, dir);
    s->beats = d.beats;
    s->beat_polygons = d.polys;
    s->nbeats = d.nbeats;
    s->stations = d.stations;
    s->nstations = d.nstations;
    return 0;
}

long beatmap_find(const polygon *polys, size_t n, double x, double y)
{
    for (size_t i = 0; i < n; i++)
        if (polygon_contains(&polys[i], x, y))
            return (long)i;
    return -1;
}
