/* scenario.c - the built-in default scenario, and reading and checking
 * scenario files.
 *
 * Reading is table-driven. Every group of a scenario file (run,
 * city.synthetic, each land type, each incident type, each officer group,
 * dispatch, each beat and station) has a table of its settings: name,
 * kind, place in its struct, allowed range, and when it is required. One
 * reader walks the members a group gives, in file order, so an unknown
 * name is caught with the known ones at hand (and the closest suggested),
 * and one checker walks the same tables over a struct, so a scenario built
 * in code is held to the same ranges as a file.
 *
 * The reader stores a value only when it has the right type and range;
 * anything else is reported and the previous value (the default) kept.
 * scenario_load then runs the cross-field half of the checker
 * (duplicates, station references, role/base/rule, counts) on the result,
 * so every problem of a file is reported once, and none stops the search
 * for the others. Entries whose id or rule could not be read keep an
 * empty id or the default rule and are left out of the cross-field checks
 * that would only repeat the first error.
 */
#include "scenario.h"

#include <libconfig.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- names ------------------------------------------------------------------ */

const char *const land_type_names[LAND_NTYPES] = {"urban_residential", "commercial",
                                                  "mixed", "rural"};
const char *const staffing_rule_names[] = {"count", "per_residents", "per_households",
                                           "per_beat"};
const char *const allocation_rule_names[] = {"residents", "workload", "equal"};
const char *const shift_plan_names[] = {"fixed_3x8", "day_only", "staggered", "flexible",
                                        "continuous"};
const char *const dispatch_policy_names[] = {"beat_first", "nearest"};

static const char *const scene_dist_names[] = {"lognormal", "exponential", "fixed"};
static const char *const role_names[] = {"station", "beat"};
static const char *const base_names[] = {"station", "office"};
static const char *const shape_names[] = {"square", "disc"};
static const char *const distance_names[] = {"right_angle", "straight_line"};

/* The reader stores enum settings through an int. */
_Static_assert(sizeof(land_type) == sizeof(int), "enum size");
_Static_assert(sizeof(beat_shape) == sizeof(int), "enum size");
_Static_assert(sizeof(scene_dist) == sizeof(int), "enum size");
_Static_assert(sizeof(officer_role) == sizeof(int), "enum size");
_Static_assert(sizeof(officer_base) == sizeof(int), "enum size");
_Static_assert(sizeof(staffing_rule) == sizeof(int), "enum size");
_Static_assert(sizeof(allocation_rule) == sizeof(int), "enum size");
_Static_assert(sizeof(shift_plan) == sizeof(int), "enum size");
_Static_assert(sizeof(dispatch_policy) == sizeof(int), "enum size");

/* ---- built-in defaults ---------------------------------------------------------- */

/* Residents per household: assumption, see docs/model.md. */
#define DEFAULT_HOUSEHOLD_SIZE 2.62

/* The synthetic city: assumption, see docs/model.md. */
static const synthetic_city default_synth = {
    .residents = 1000000,
    .stations = 20,
    .rural_share = 0.2,
    .urban_beat_residents = 5000,
    .rural_beat_residents = 10000,
    .urban_density_km2 = 10000,
    .rural_density_km2 = 300,
    .commercial_share = 0.1,
    .mixed_share = 0.3,
    .household_size = DEFAULT_HOUSEHOLD_SIZE,
    .migrant_share_urban = 0.3,
    .migrant_share_rural = 0.1,
    .key_persons_per_1000 = 1.0,
};

/* Travel speed (km/h) and response-time target (min) by land type:
 * assumption, see docs/model.md. */
static const land_params default_land[LAND_NTYPES] = {
    [LAND_URBAN_RESIDENTIAL] = {30, 15},
    [LAND_COMMERCIAL] = {25, 15},
    [LAND_MIXED] = {35, 15},
    [LAND_RURAL] = {50, 30},
};

/* Variance of the daily gamma factor: docs/calibration/README.md,
 * Nashville MNPD 2024 daily call counts with the weekday effect removed. */
#define DEFAULT_DAY_FACTOR_VARIANCE 0.0077

enum { NDEFAULT_TYPES = 6 };

/* Rate per 1000 residents per year, priority, officers sent, on-scene time
 * (lognormal mean and sd, min), follow-up (h): assumption, see
 * docs/model.md. */
static const struct type_basics {
    const char *name;              /* setting name of the type */
    double rate_per_1000_year;     /* calls per 1000 residents per year */
    int priority, units;           /* 1 = most urgent; officers sent */
    double scene_mean_min;         /* mean on-scene time */
    double scene_sd_min;           /* its standard deviation */
    double followup_h;             /* desk work after the scene, hours */
} type_basics[NDEFAULT_TYPES] = {
    /* name             rate prio units mean   sd  followup */
    {"burglary",          6,  2,   1,    60,   40,  2.0},
    {"street_theft",     14,  3,   1,    40,   30,  1.0},
    {"dispute_disorder", 24,  2,   1,    35,   25,  0.5},
    {"traffic",          30,  2,   1,    45,   30,  0.5},
    {"assistance",       38,  3,   1,    30,   25,  0.25},
    {"violent",           8,  1,   2,    70,   50,  3.0},
};

/* Share of cases cleared: FBI Crime in the United States 2019, clearance
 * rates (burglary 14.1 %, larceny-theft 18.4 %, violent 45.5 %);
 * dispute_disorder, traffic and assistance: assumption, see docs/model.md. */
static const double type_clearance[NDEFAULT_TYPES] = {0.14, 0.18, 0.5, 0.5, 0.0, 0.46};

/* Rate multiplier by land type (urban_residential, commercial, mixed,
 * rural): assumption, see docs/model.md. */
static const double type_land_mult[NDEFAULT_TYPES][LAND_NTYPES] = {
    {1.2, 0.8, 1.0, 0.6}, /* burglary */
    {0.8, 2.5, 1.2, 0.3}, /* street_theft */
    {1.0, 1.3, 1.1, 0.7}, /* dispute_disorder */
    {0.8, 1.5, 1.2, 0.9}, /* traffic */
    {1.0, 1.2, 1.0, 0.8}, /* assistance */
    {0.9, 1.5, 1.1, 0.6}, /* violent */
};

/* Weights by hour of day 0..23: docs/calibration/README.md, Nashville MNPD
 * 2024 call times (burglary smoothed with a circular 1-2-1 kernel). */
static const double type_hour_profile[NDEFAULT_TYPES][24] = {
    {0.787, 0.713, 0.600, 0.562, 0.675, 0.600, 0.525, 0.713, 1.24, 1.61, 1.27, 1.46,
     1.88, 1.46, 1.20, 1.35, 1.27, 1.12, 1.05, 0.938, 0.938, 0.750, 0.562, 0.712},
    {0.522, 0.348, 0.483, 0.290, 0.290, 0.290, 0.773, 0.696, 1.00, 1.53, 1.14, 1.49,
     1.45, 1.39, 1.68, 1.80, 1.60, 1.70, 1.04, 1.43, 1.28, 0.676, 0.522, 0.580},
    {0.774, 0.975, 0.516, 0.401, 0.459, 0.115, 0.201, 0.631, 1.00, 0.975, 1.06, 1.29,
     0.889, 1.32, 1.23, 1.78, 1.69, 1.38, 1.41, 1.29, 1.38, 1.06, 1.29, 0.889},
    {0.619, 0.408, 0.404, 0.324, 0.215, 0.450, 0.589, 1.24, 1.27, 1.29, 1.17, 0.955,
     1.21, 1.43, 1.38, 1.48, 1.57, 1.47, 1.09, 1.07, 1.14, 1.06, 1.14, 1.04},
    {0.739, 0.494, 0.404, 0.401, 0.375, 0.343, 0.614, 0.861, 1.10, 1.26, 1.33, 1.40,
     1.36, 1.38, 1.41, 1.58, 1.38, 1.26, 1.28, 0.954, 1.07, 0.977, 1.04, 0.983},
    {1.36, 1.23, 0.778, 0.540, 0.346, 0.367, 0.432, 0.432, 0.713, 0.583, 0.734, 0.864,
     0.864, 1.27, 1.23, 0.972, 0.907, 1.02, 1.17, 1.38, 1.77, 1.77, 1.68, 1.58},
};

/* Weights by day of week, Monday..Sunday: docs/calibration/README.md,
 * Nashville MNPD 2024 call times; burglary from Berkeley PD 2018-2019
 * offence dates. */
static const double type_dow_profile[NDEFAULT_TYPES][7] = {
    {0.894, 0.886, 1.07, 0.912, 1.31, 1.04, 0.886},  /* burglary (Berkeley) */
    {1.10, 1.09, 0.912, 1.04, 1.01, 0.940, 0.901},   /* street_theft */
    {1.20, 1.03, 1.07, 0.984, 0.975, 1.01, 0.740},   /* dispute_disorder */
    {0.949, 1.18, 1.16, 1.15, 1.05, 0.848, 0.656},   /* traffic */
    {1.04, 1.10, 1.09, 1.05, 1.05, 0.880, 0.798},    /* assistance */
    {0.932, 0.873, 0.797, 0.918, 1.07, 1.21, 1.20},  /* violent */
};

/* Officer groups: assumption, see docs/model.md. */
static const officer_group default_groups[] = {
    {.name = "response", .role = ROLE_STATION, .base = BASE_STATION,
     .rule = STAFF_PER_RESIDENTS, .per = 5000, .allocation = ALLOC_WORKLOAD,
     .min_per_station = 5, .shifts = SHIFT_FIXED_3X8, .hours_per_week = 40,
     .desk_share = 0.25, .desk_block_min = 60},
    {.name = "beat", .role = ROLE_BEAT, .base = BASE_OFFICE, .rule = STAFF_PER_BEAT,
     .per_beat = 1, .allocation = ALLOC_RESIDENTS, .min_per_station = 0,
     .shifts = SHIFT_DAY_ONLY, .hours_per_week = 40, .desk_share = 0.25,
     .desk_block_min = 60},
};

/* Dispatch: assumption, see docs/model.md. */
static const dispatch_params default_dispatch = {
    .policy = DISPATCH_BEAT_FIRST,
    .preempt = 0,
    .delay_min = 2,
    .detour = 1.1,
    .euclidean = 0,
    .return_to_base = 1,
};

/* Built-in incident type k. */
static void default_type(int k, incident_type *t)
{
    const struct type_basics *b = &type_basics[k];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", b->name);
    t->rate_per_1000_year = b->rate_per_1000_year;
    memcpy(t->hour_profile, type_hour_profile[k], sizeof t->hour_profile);
    memcpy(t->dow_profile, type_dow_profile[k], sizeof t->dow_profile);
    memcpy(t->land_mult, type_land_mult[k], sizeof t->land_mult);
    t->priority = b->priority;
    t->units = b->units;
    t->scene = SCENE_LOGNORMAL;
    t->scene_mean_min = b->scene_mean_min;
    t->scene_sd_min = b->scene_sd_min;
    t->followup_h = b->followup_h;
    t->clearance = type_clearance[k];
}

/* Index of the built-in incident type called `name`, or -1. */
static int builtin_type(const char *name)
{
    for (int k = 0; k < NDEFAULT_TYPES; k++)
        if (!strcmp(type_basics[k].name, name))
            return k;
    return -1;
}

/* An incident type of a file that names no built-in one; the required
 * rate and mean on-scene time must come from the file. */
static void generic_type(incident_type *t)
{
    memset(t, 0, sizeof *t);
    for (int h = 0; h < 24; h++)
        t->hour_profile[h] = 1;
    for (int d = 0; d < 7; d++)
        t->dow_profile[d] = 1;
    for (int l = 0; l < LAND_NTYPES; l++)
        t->land_mult[l] = 1;
    t->priority = 2;
    t->units = 1;
    t->scene = SCENE_LOGNORMAL;
}

/* An officer group of a file before its settings; `rule` and the rule's
 * parameter must come from the file. */
static void generic_group(officer_group *g)
{
    memset(g, 0, sizeof *g);
    g->role = ROLE_STATION;
    g->base = BASE_STATION;
    g->rule = STAFF_COUNT;
    g->allocation = ALLOC_RESIDENTS;
    g->min_per_station = 0;
    g->shifts = SHIFT_FIXED_3X8;
    g->hours_per_week = 40;
    g->desk_share = 0.25;
    g->desk_block_min = 60;
}

void scenario_defaults(scenario *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "default");
    snprintf(s->source, sizeof s->source, "built-in");
    s->days = 365;
    s->warmup_days = 7;
    s->seed = 1;
    s->reps = 1;
    s->synth = default_synth;
    s->beats = NULL;
    s->nbeats = 0;
    s->stations = NULL;
    s->nstations = 0;
    memcpy(s->land, default_land, sizeof s->land);
    for (int k = 0; k < NDEFAULT_TYPES; k++)
        default_type(k, &s->types[k]);
    s->ntypes = NDEFAULT_TYPES;
    s->day_factor_variance = DEFAULT_DAY_FACTOR_VARIANCE;
    memcpy(s->groups, default_groups, sizeof default_groups);
    s->ngroups = (int)NELEMS(default_groups);
    s->dispatch = default_dispatch;
}

void scenario_error(FILE *err, const char *source, int line, const char *fmt, ...)
{
    if (!err)
        return;
    if (line > 0)
        fprintf(err, "%s:%d: ", source, line);
    else
        fprintf(err, "%s: ", source);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputc('\n', err);
}

void scenario_free(scenario *s)
{
    free(s->beats);
    free(s->stations);
    s->beats = NULL;
    s->nbeats = 0;
    s->stations = NULL;
    s->nstations = 0;
}

/* ---- setting tables -------------------------------------------------------------- */

typedef struct reading reading;

typedef enum field_kind {
    K_SECTION, /* a group or list with its own reader (`read`) */
    K_REAL,    /* double; a number in the file */
    K_INT,     /* int; a whole number in the file */
    K_COUNT,   /* double holding a whole number */
    K_SEED,    /* uint64_t; a whole number >= 0 */
    K_BOOL,    /* int 0 or 1; true or false in the file */
    K_ENUM,    /* int (an enum); one of `words` in the file */
    K_TEXT,    /* char[SCENARIO_NAME_MAX]; 1 .. SCENARIO_NAME_MAX-1 chars */
    K_WEIGHTS  /* double[n]; n numbers >= 0 */
} field_kind;

enum { LO_OPEN = 1, HI_OPEN = 2 };

/* Allowed values of a number: lo .. hi, each end closed or open. */
typedef struct range {
    double lo, hi;  /* bounds; -INFINITY / INFINITY for none */
    unsigned open;  /* LO_OPEN, HI_OPEN */
} range;

#define ANY {-INFINITY, INFINITY, 0}
#define POS {0, INFINITY, LO_OPEN}
#define NONNEG {0, INFINITY, 0}
#define SHARE {0, 1, 0}
#define AT_LEAST_1 {1, INFINITY, 0}
#define SPAN(lo, hi, open) {lo, hi, open}

/* Flags: when a setting is required, and extra conditions. */
enum {
    REQ = 1u << 0,     /* always */
    REQ_NEW = 1u << 1, /* in an incident type that is not a built-in one */
    NONZERO = 1u << 2, /* K_WEIGHTS: not all 0 */
    RULE_SHIFT = 3     /* RULE(r): required and used only under rule r */
};
#define RULE(r) (1u << (RULE_SHIFT + (r)))
#define RULE_BITS (0xfu << RULE_SHIFT)

typedef struct field {
    const char *name;         /* setting name */
    field_kind kind;          /* type in the file and in the struct */
    size_t offset;            /* of the value in its struct */
    range r;                  /* K_REAL, K_INT, K_COUNT: allowed values */
    const char *const *words; /* K_ENUM: the words, in enum order */
    int n;                    /* K_ENUM: words; K_WEIGHTS: numbers */
    unsigned flags;           /* REQ, REQ_NEW, NONZERO, RULE(r) */
    void (*read)(reading *rd, const config_setting_t *st); /* K_SECTION */
} field;

#define FIELDS_MAX 16 /* settings in one table */

#define SECTION(nm, fn) {.name = nm, .kind = K_SECTION, .read = fn}
#define REAL(T, m, rg, fl) {.name = #m, .kind = K_REAL, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define INT(T, m, rg, fl) {.name = #m, .kind = K_INT, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define COUNT(T, m, rg, fl) {.name = #m, .kind = K_COUNT, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define SEED(T, m) {.name = #m, .kind = K_SEED, .offset = offsetof(T, m)}
#define BOOL(T, m) {.name = #m, .kind = K_BOOL, .offset = offsetof(T, m)}
#define ENUM_AS(nm, T, m, w, fl) \
    {.name = nm, .kind = K_ENUM, .offset = offsetof(T, m), .words = w, .n = (int)NELEMS(w), .flags = fl}
#define ENUM(T, m, w, fl) ENUM_AS(#m, T, m, w, fl)
#define TEXT(T, m, fl) {.name = #m, .kind = K_TEXT, .offset = offsetof(T, m), .flags = fl}
#define WEIGHTS(T, m, fl)                                                              \
    {.name = #m, .kind = K_WEIGHTS, .offset = offsetof(T, m), .r = NONNEG,           \
     .n = (int)NELEMS(((T *)0)->m), .flags = fl}

static void read_run(reading *rd, const config_setting_t *st);
static void read_city(reading *rd, const config_setting_t *st);
static void read_synthetic(reading *rd, const config_setting_t *st);
static void read_stations(reading *rd, const config_setting_t *st);
static void read_beats(reading *rd, const config_setting_t *st);
static void read_land(reading *rd, const config_setting_t *st);
static void read_land_type(reading *rd, const config_setting_t *st);
static void read_incidents(reading *rd, const config_setting_t *st);
static void read_types(reading *rd, const config_setting_t *st);
static void read_groups(reading *rd, const config_setting_t *st);
static void read_dispatch(reading *rd, const config_setting_t *st);

static const field root_fields[] = {
    TEXT(scenario, name, 0),
    SECTION("run", read_run),
    SECTION("city", read_city),
    SECTION("land", read_land),
    SECTION("incidents", read_incidents),
    SECTION("officers", read_groups),
    SECTION("dispatch", read_dispatch),
};

static const field run_fields[] = {
    REAL(scenario, days, SPAN(0, 1e5, LO_OPEN), 0),
    REAL(scenario, warmup_days, NONNEG, 0),
    SEED(scenario, seed),
    INT(scenario, reps, SPAN(1, 1e6, 0), 0),
};

static const field city_fields[] = {
    SECTION("synthetic", read_synthetic),
    SECTION("stations", read_stations),
    SECTION("beats", read_beats),
};

static const field synth_fields[] = {
    REAL(synthetic_city, residents, POS, 0),
    INT(synthetic_city, stations, AT_LEAST_1, 0),
    REAL(synthetic_city, rural_share, SHARE, 0),
    REAL(synthetic_city, urban_beat_residents, POS, 0),
    REAL(synthetic_city, rural_beat_residents, POS, 0),
    REAL(synthetic_city, urban_density_km2, POS, 0),
    REAL(synthetic_city, rural_density_km2, POS, 0),
    REAL(synthetic_city, commercial_share, SHARE, 0),
    REAL(synthetic_city, mixed_share, SHARE, 0),
    REAL(synthetic_city, household_size, POS, 0),
    REAL(synthetic_city, migrant_share_urban, SHARE, 0),
    REAL(synthetic_city, migrant_share_rural, SHARE, 0),
    REAL(synthetic_city, key_persons_per_1000, NONNEG, 0),
};

static const field station_fields[] = {
    TEXT(station_spec, id, REQ),
    REAL(station_spec, x, ANY, REQ),
    REAL(station_spec, y, ANY, REQ),
};

static const field beat_fields[] = {
    TEXT(beat_spec, id, REQ),
    TEXT(beat_spec, station, REQ),
    ENUM(beat_spec, land, land_type_names, 0),
    REAL(beat_spec, residents, NONNEG, REQ),
    REAL(beat_spec, households, NONNEG, 0),
    REAL(beat_spec, migrant_share, SHARE, 0),
    REAL(beat_spec, key_persons, NONNEG, 0),
    REAL(beat_spec, area_km2, NONNEG, REQ),
    REAL(beat_spec, x, ANY, REQ),
    REAL(beat_spec, y, ANY, REQ),
    ENUM(beat_spec, shape, shape_names, 0),
};

/* In land_type order. */
static const field land_section_fields[] = {
    SECTION("urban_residential", read_land_type),
    SECTION("commercial", read_land_type),
    SECTION("mixed", read_land_type),
    SECTION("rural", read_land_type),
};

static const field land_fields[] = {
    REAL(land_params, speed_kmh, POS, 0),
    REAL(land_params, target_min, POS, 0),
};

static const field incidents_fields[] = {
    REAL(scenario, day_factor_variance, NONNEG, 0),
    SECTION("types", read_types),
};

static const field type_fields[] = {
    TEXT(incident_type, name, REQ),
    REAL(incident_type, rate_per_1000_year, NONNEG, REQ_NEW),
    WEIGHTS(incident_type, hour_profile, NONZERO),
    WEIGHTS(incident_type, dow_profile, NONZERO),
    WEIGHTS(incident_type, land_mult, 0),
    INT(incident_type, priority, SPAN(1, 3, 0), 0),
    INT(incident_type, units, SPAN(1, 2, 0), 0),
    ENUM(incident_type, scene, scene_dist_names, 0),
    REAL(incident_type, scene_mean_min, POS, REQ_NEW),
    REAL(incident_type, scene_sd_min, NONNEG, 0),
    REAL(incident_type, followup_h, NONNEG, 0),
    REAL(incident_type, clearance, SHARE, 0),
};

static const field group_fields[] = {
    TEXT(officer_group, name, REQ),
    ENUM(officer_group, role, role_names, 0),
    ENUM(officer_group, base, base_names, 0),
    ENUM(officer_group, rule, staffing_rule_names, REQ),
    COUNT(officer_group, count, AT_LEAST_1, RULE(STAFF_COUNT)),
    REAL(officer_group, per, POS, RULE(STAFF_PER_RESIDENTS) | RULE(STAFF_PER_HOUSEHOLDS)),
    INT(officer_group, per_beat, SPAN(1, 20, 0), RULE(STAFF_PER_BEAT)),
    ENUM(officer_group, allocation, allocation_rule_names, 0),
    INT(officer_group, min_per_station, SPAN(0, 1000, 0), 0),
    ENUM(officer_group, shifts, shift_plan_names, 0),
    REAL(officer_group, hours_per_week, SPAN(0, 168, LO_OPEN), 0),
    REAL(officer_group, desk_share, SPAN(0, 1, HI_OPEN), 0),
    REAL(officer_group, desk_block_min, POS, 0),
};

static const field dispatch_fields[] = {
    ENUM(dispatch_params, policy, dispatch_policy_names, 0),
    BOOL(dispatch_params, preempt),
    REAL(dispatch_params, delay_min, NONNEG, 0),
    REAL(dispatch_params, detour, AT_LEAST_1, 0),
    ENUM_AS("distance", dispatch_params, euclidean, distance_names, 0),
    BOOL(dispatch_params, return_to_base),
};

_Static_assert(NELEMS(synth_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(type_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(group_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(beat_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(land_section_fields) == LAND_NTYPES, "one section per land type");

/* ---- messages -------------------------------------------------------------------- */

/* Where errors go and how many there were. */
typedef struct errs {
    FILE *out;        /* stream for the messages, or NULL to count only */
    const char *file; /* file named when a setting does not know its own */
    int n;            /* messages so far */
} errs;

/* Writes "FILE:LINE: PATH: message" (no ":LINE" when line is 0, no
 * "PATH: " when path is empty) and counts it. */
static void PRINTF_LIKE(5, 0) vemit(errs *e, const char *file, int line, const char *path,
                                    const char *fmt, va_list ap)
{
    e->n++;
    if (!e->out)
        return;
    if (line > 0)
        fprintf(e->out, "%s:%d: ", file, line);
    else
        fprintf(e->out, "%s: ", file);
    if (path && *path)
        fprintf(e->out, "%s: ", path);
    vfprintf(e->out, fmt, ap);
    fputc('\n', e->out);
}

/* A problem of a struct value, at `line` of e->file (0: unknown). */
static void PRINTF_LIKE(4, 5) complain(errs *e, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(e, e->file, line, path, fmt, ap);
    va_end(ap);
}

/* The libconfig path of st, e.g. "incidents.types.[2].priority", then
 * ".member" if member is not NULL. */
static void setting_path(const config_setting_t *st, const char *member, char *buf, size_t size)
{
    const config_setting_t *chain[32];
    int depth = 0;
    for (; st && config_setting_parent(st) && depth < 32; st = config_setting_parent(st))
        chain[depth++] = st;
    size_t len = 0;
    buf[0] = '\0';
    while (depth-- > 0 || member) {
        const char *sep = len ? "." : "";
        int w;
        if (depth < 0) {
            w = snprintf(buf + len, size - len, "%s%s", sep, member);
            member = NULL;
        } else if (config_setting_name(chain[depth])) {
            w = snprintf(buf + len, size - len, "%s%s", sep, config_setting_name(chain[depth]));
        } else {
            w = snprintf(buf + len, size - len, "%s[%d]", sep, config_setting_index(chain[depth]));
        }
        if (w < 0 || (size_t)w >= size - len)
            break; /* truncated */
        len += (size_t)w;
    }
}

/* A problem of setting st (or of its missing member `member`), at the
 * nearest line and file libconfig knows. */
static void PRINTF_LIKE(4, 5) report(errs *e, const config_setting_t *st, const char *member,
                                     const char *fmt, ...)
{
    char path[256];
    setting_path(st, member, path, sizeof path);
    int line = 0;
    const char *file = NULL;
    for (const config_setting_t *p = st; p && (!line || !file); p = config_setting_parent(p)) {
        if (!line)
            line = config_setting_source_line(p);
        if (!file)
            file = config_setting_source_file(p);
    }
    va_list ap;
    va_start(ap, fmt);
    vemit(e, file ? file : e->file, line, path, fmt, ap);
    va_end(ap);
}

/* The shortest text that reads back as v (32 bytes are enough). */
static const char *fmt_num(double v, char buf[32])
{
    snprintf(buf, 32, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, 32, "%.17g", v);
    return buf;
}

/* What a setting holds, for "found ...": its value, or its shape. */
static const char *describe(const config_setting_t *st, char *buf, size_t size)
{
    char num[32];
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        snprintf(buf, size, "%d", config_setting_get_int(st));
        break;
    case CONFIG_TYPE_INT64:
        snprintf(buf, size, "%lld", config_setting_get_int64(st));
        break;
    case CONFIG_TYPE_FLOAT: /* "10.0", not "10", where a whole number is expected */
        fmt_num(config_setting_get_float(st), num);
        snprintf(buf, size, "%s%s", num, strpbrk(num, ".eni") ? "" : ".0");
        break;
    case CONFIG_TYPE_STRING: {
        const char *t = config_setting_get_string(st);
        snprintf(buf, size, "\"%.64s%s\"", t, strlen(t) > 64 ? "..." : "");
        break;
    }
    case CONFIG_TYPE_BOOL:
        snprintf(buf, size, "%s", config_setting_get_bool(st) ? "true" : "false");
        break;
    case CONFIG_TYPE_GROUP:
        snprintf(buf, size, "a group { ... }");
        break;
    case CONFIG_TYPE_ARRAY:
        snprintf(buf, size, "%s", config_setting_length(st) ? "an array [ ... ]" : "[ ]");
        break;
    case CONFIG_TYPE_LIST:
        snprintf(buf, size, "%s", config_setting_length(st) ? "a list ( ... )" : "( )");
        break;
    default:
        snprintf(buf, size, "nothing");
        break;
    }
    return buf;
}

/* "a, b, c": n words, or the names of n fields when words is NULL. */
static const char *join_names(const char *const *words, const field *f, size_t n, char *buf,
                              size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         words ? words[i] : f[i].name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return buf;
}

/* What a number in range r is, e.g. "a number > 0 and <= 168". */
static const char *describe_range(const range *r, int whole, char *buf, size_t size)
{
    const char *what = whole ? "a whole number" : "a number";
    const char *lo_op = r->open & LO_OPEN ? ">" : ">=";
    const char *hi_op = r->open & HI_OPEN ? "<" : "<=";
    char lo[32], hi[32];
    fmt_num(r->lo, lo);
    fmt_num(r->hi, hi);
    int has_lo = r->lo > -INFINITY, has_hi = r->hi < INFINITY;
    if (has_lo && has_hi && !r->open)
        snprintf(buf, size, "%s from %s to %s", what, lo, hi);
    else if (has_lo && has_hi)
        snprintf(buf, size, "%s %s %s and %s %s", what, lo_op, lo, hi_op, hi);
    else if (has_lo)
        snprintf(buf, size, "%s %s %s", what, lo_op, lo);
    else if (has_hi)
        snprintf(buf, size, "%s %s %s", what, hi_op, hi);
    else
        snprintf(buf, size, "%s", what);
    return buf;
}

/* What field f expects, for "expected ...". */
static const char *expected(const field *f, char *buf, size_t size)
{
    switch (f->kind) {
    case K_REAL:
        return describe_range(&f->r, 0, buf, size);
    case K_INT:
    case K_COUNT:
        return describe_range(&f->r, 1, buf, size);
    case K_SEED:
        snprintf(buf, size, "a whole number >= 0");
        break;
    case K_BOOL:
        snprintf(buf, size, "true or false");
        break;
    case K_ENUM: {
        char list[256];
        snprintf(buf, size, "one of %s", join_names(f->words, NULL, (size_t)f->n, list, sizeof list));
        break;
    }
    case K_TEXT:
        snprintf(buf, size, "text");
        break;
    case K_WEIGHTS:
        snprintf(buf, size, "%d numbers", f->n);
        break;
    case K_SECTION:
        snprintf(buf, size, "a group");
        break;
    }
    return buf;
}

/* ---- reading ------------------------------------------------------------------------ */

struct reading {
    errs e;                             /* errors of the file */
    scenario *s;                        /* being filled */
    int type_lines[SCENARIO_TYPES_MAX]; /* line of each incident type */
};

static int in_range(const range *r, double v)
{
    return isfinite(v) && (r->open & LO_OPEN ? v > r->lo : v >= r->lo) &&
           (r->open & HI_OPEN ? v < r->hi : v <= r->hi);
}

static int is_whole(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
}

static double number_of(const config_setting_t *st)
{
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(st);
    case CONFIG_TYPE_INT64:
        return (double)config_setting_get_int64(st);
    default:
        return config_setting_get_float(st);
    }
}

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions), ignoring case; 99 for names over 63 characters. */
static int edit_distance(const char *a, const char *b)
{
    size_t m = strlen(a), n = strlen(b);
    if (m > 63 || n > 63)
        return 99;
    int d[64][64];
    for (size_t i = 0; i <= m; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= n; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= m; i++) {
        for (size_t j = 1; j <= n; j++) {
            int ai = tolower((unsigned char)a[i - 1]), bj = tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j - 1] + (ai != bj);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == bj && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[m][n];
}

/* Reports member m, which table f does not know, with the closest known
 * name (within 2 edits, 1 for names of up to 4 characters) or the list. */
static void unknown(errs *e, const config_setting_t *m, const field *f, size_t nf)
{
    const char *name = config_setting_name(m), *best = NULL;
    int best_d = 99;
    for (size_t i = 0; i < nf; i++) {
        int d = edit_distance(name, f[i].name);
        if (d <= (strlen(f[i].name) <= 4 ? 1 : 2) && d < best_d) {
            best = f[i].name;
            best_d = d;
        }
    }
    if (best) {
        report(e, m, NULL, "unknown setting (did you mean %s?)", best);
    } else {
        char list[512];
        report(e, m, NULL, "unknown setting (expected one of %s)",
               join_names(NULL, f, nf, list, sizeof list));
    }
}

/* Reads K_WEIGHTS setting st into out[0 .. f->n - 1]; all or nothing. */
static void read_weights(errs *e, const config_setting_t *st, const field *f, double *out)
{
    char found[128];
    int t = config_setting_type(st);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        report(e, st, NULL, "expected %d numbers, found %s", f->n, describe(st, found, sizeof found));
        return;
    }
    int n = config_setting_length(st);
    if (n != f->n) {
        report(e, st, NULL, "expected %d numbers, found %d", f->n, n);
        return;
    }
    double w[24], sum = 0;
    int ok = 1;
    for (int i = 0; i < n && i < 24; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        if (!config_setting_is_number(el) || !in_range(&f->r, number_of(el))) {
            char want[64];
            report(e, el, NULL, "expected %s, found %s", describe_range(&f->r, 0, want, sizeof want),
                   describe(el, found, sizeof found));
            ok = 0;
            continue;
        }
        w[i] = number_of(el);
        sum += w[i];
    }
    if (!ok || n > 24)
        return;
    if ((f->flags & NONZERO) && sum == 0) {
        report(e, st, NULL, "expected %d numbers >= 0, not all 0, found all 0", f->n);
        return;
    }
    memcpy(out, w, (size_t)n * sizeof *w);
}

/* Reads scalar or K_WEIGHTS setting st of field f into base; stores only a
 * valid value. Returns 0, or -1 after reporting. */
static int read_value(reading *rd, const config_setting_t *st, const field *f, void *base)
{
    char *p = (char *)base + f->offset;
    char want[256], found[128];
    int type = config_setting_type(st);
    switch (f->kind) {
    case K_REAL:
        if (!config_setting_is_number(st) || !in_range(&f->r, number_of(st)))
            break;
        *(double *)p = number_of(st);
        return 0;
    case K_INT:
        if (!is_whole(st) || !in_range(&f->r, number_of(st)) ||
            config_setting_get_int64(st) > INT_MAX || config_setting_get_int64(st) < INT_MIN)
            break;
        *(int *)p = (int)config_setting_get_int64(st);
        return 0;
    case K_COUNT:
        if (!is_whole(st) || !in_range(&f->r, number_of(st)))
            break;
        *(double *)p = number_of(st);
        return 0;
    case K_SEED:
        if (!is_whole(st) || config_setting_get_int64(st) < 0)
            break;
        *(uint64_t *)p = (uint64_t)config_setting_get_int64(st);
        return 0;
    case K_BOOL:
        if (type != CONFIG_TYPE_BOOL)
            break;
        *(int *)p = config_setting_get_bool(st) != 0;
        return 0;
    case K_ENUM:
    case K_TEXT: {
        if (type != CONFIG_TYPE_STRING) {
            report(&rd->e, st, NULL, "expected text, found %s", describe(st, found, sizeof found));
            return -1;
        }
        const char *t = config_setting_get_string(st);
        if (f->kind == K_ENUM) {
            for (int i = 0; i < f->n; i++) {
                if (!strcmp(t, f->words[i])) {
                    *(int *)p = i;
                    return 0;
                }
            }
            break;
        }
        size_t len = strlen(t);
        if (len == 0 || len >= SCENARIO_NAME_MAX) {
            report(&rd->e, st, NULL, "expected text of 1 to %d characters, found %s",
                   SCENARIO_NAME_MAX - 1, describe(st, found, sizeof found));
            return -1;
        }
        memcpy(p, t, len + 1);
        return 0;
    }
    case K_WEIGHTS: {
        int before = rd->e.n;
        read_weights(&rd->e, st, f, (double *)p);
        return rd->e.n == before ? 0 : -1;
    }
    case K_SECTION:
        f->read(rd, st);
        return 0;
    }
    report(&rd->e, st, NULL, "expected %s, found %s", expected(f, want, sizeof want),
           describe(st, found, sizeof found));
    return -1;
}

/* Reads the members of group g into base by table f, in file order,
 * calling the readers of K_SECTION members. present[i] (FIELDS_MAX
 * entries) is set to 0 when field i is absent, 1 when given but invalid,
 * 2 when read. Returns 0, or -1 after reporting if g is not a group. */
static int read_fields(reading *rd, const config_setting_t *g, const field *f, size_t nf,
                       void *base, unsigned char *present)
{
    memset(present, 0, FIELDS_MAX);
    if (!config_setting_is_group(g)) {
        char found[128];
        report(&rd->e, g, NULL, "expected a group, found %s", describe(g, found, sizeof found));
        return -1;
    }
    int n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        size_t k = 0;
        while (k < nf && strcmp(f[k].name, name))
            k++;
        if (k == nf) {
            unknown(&rd->e, m, f, nf);
            continue;
        }
        present[k] = read_value(rd, m, &f[k], base) == 0 ? 2 : 1;
    }
    return 0;
}

/* present[] of the field called `name` (which must be in the table). */
static int given(const field *f, size_t nf, const unsigned char *present, const char *name)
{
    for (size_t i = 0; i < nf; i++)
        if (!strcmp(f[i].name, name))
            return present[i];
    return 0;
}

/* Reports every field of group g that `need` makes required (a field is
 * required when its flags share a bit with need) and g does not give. */
static void require(reading *rd, const config_setting_t *g, const field *f, size_t nf,
                    const unsigned char *present, unsigned need)
{
    for (size_t i = 0; i < nf; i++) {
        if ((f[i].flags & need) && !present[i]) {
            char want[256];
            report(&rd->e, g, f[i].name, "expected %s, found nothing",
                   expected(&f[i], want, sizeof want));
        }
    }
}

/* Number of entries of st, which must be a list of 1 .. max groups
 * ("what" names them); -1 after reporting when st is no list, 0 or n > max
 * after reporting a bad count. */
static int list_length(reading *rd, const config_setting_t *st, const char *what, int max)
{
    char found[128];
    int type = config_setting_type(st), n = config_setting_length(st);
    if (type != CONFIG_TYPE_LIST && !(type == CONFIG_TYPE_ARRAY && n == 0)) {
        report(&rd->e, st, NULL, "expected a list of groups ( { ... }, ... ), found %s",
               describe(st, found, sizeof found));
        return -1;
    }
    if (n < 1 && max == INT_MAX)
        report(&rd->e, st, NULL, "expected 1 or more %s, found 0", what);
    else if (n < 1 || n > max)
        report(&rd->e, st, NULL, "expected 1 to %d %s, found %d", max, what, n);
    return n;
}

static void read_run(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, run_fields, NELEMS(run_fields), rd->s, present);
}

/* Commercial and mixed beats share the urban beats: "... <= 1 -
 * commercial_share" message when they overflow, else NULL. */
static const char *shares_problem(const synthetic_city *c, char *buf, size_t size)
{
    if (c->commercial_share + c->mixed_share <= 1)
        return NULL;
    char a[32], b[32];
    snprintf(buf, size, "expected a number <= %s (1 - commercial_share), found %s",
             fmt_num(1 - c->commercial_share, a), fmt_num(c->mixed_share, b));
    return buf;
}

static void read_synthetic(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    char msg[128];
    if (read_fields(rd, st, synth_fields, NELEMS(synth_fields), &rd->s->synth, present) == 0 &&
        shares_problem(&rd->s->synth, msg, sizeof msg)) {
        const config_setting_t *m = config_setting_get_member(st, "mixed_share");
        report(&rd->e, m ? m : st, m ? NULL : "mixed_share", "%s", msg);
    }
}

static void read_stations(reading *rd, const config_setting_t *st)
{
    int n = list_length(rd, st, "stations", INT_MAX);
    if (n <= 0)
        return;
    station_spec *v = calloc((size_t)n, sizeof *v);
    if (!v) {
        report(&rd->e, st, NULL, "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, station_fields, NELEMS(station_fields), &v[i], present) == 0)
            require(rd, el, station_fields, NELEMS(station_fields), present, REQ);
    }
    rd->s->stations = v;
    rd->s->nstations = (size_t)n;
}

static void read_beats(reading *rd, const config_setting_t *st)
{
    int n = list_length(rd, st, "beats", INT_MAX);
    if (n <= 0)
        return;
    beat_spec *v = calloc((size_t)n, sizeof *v); /* urban_residential, square */
    if (!v) {
        report(&rd->e, st, NULL, "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, beat_fields, NELEMS(beat_fields), &v[i], present) != 0)
            continue;
        require(rd, el, beat_fields, NELEMS(beat_fields), present, REQ);
        if (given(beat_fields, NELEMS(beat_fields), present, "residents") == 2 &&
            !given(beat_fields, NELEMS(beat_fields), present, "households"))
            v[i].households = v[i].residents / DEFAULT_HOUSEHOLD_SIZE;
    }
    rd->s->beats = v;
    rd->s->nbeats = (size_t)n;
}

/* The synthetic settings, and the explicit city: beats and stations come
 * together or not at all. */
static void read_city(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    if (read_fields(rd, st, city_fields, NELEMS(city_fields), NULL, present) != 0)
        return;
    int has_stations = given(city_fields, NELEMS(city_fields), present, "stations");
    int has_beats = given(city_fields, NELEMS(city_fields), present, "beats");
    if (has_beats && !has_stations)
        report(&rd->e, st, "stations", "expected a list of stations to go with city.beats, "
                                       "found nothing");
    if (has_stations && !has_beats)
        report(&rd->e, st, "beats", "expected a list of beats to go with city.stations, "
                                    "found nothing");
    if (!rd->s->nbeats || !rd->s->nstations)
        scenario_free(rd->s); /* one without the other was reported */
}

static void read_land(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, land_section_fields, NELEMS(land_section_fields), NULL, present);
}

static void read_land_type(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    for (int k = 0; k < LAND_NTYPES; k++)
        if (!strcmp(config_setting_name(st), land_type_names[k]))
            read_fields(rd, st, land_fields, NELEMS(land_fields), &rd->s->land[k], present);
}

static void read_incidents(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, incidents_fields, NELEMS(incidents_fields), rd->s, present);
}

/* A types list replaces the built-in one. An entry that names a built-in
 * type starts from it; any other starts from generic_type and must give
 * its rate and mean on-scene time (and its sd defaults to the mean). */
static void read_types(reading *rd, const config_setting_t *st)
{
    int n = list_length(rd, st, "incident types", SCENARIO_TYPES_MAX);
    if (n <= 0)
        return; /* keep the built-in types */
    if (n > SCENARIO_TYPES_MAX)
        n = SCENARIO_TYPES_MAX;
    incident_type v[SCENARIO_TYPES_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        const config_setting_t *nm =
            config_setting_is_group(el) ? config_setting_get_member(el, "name") : NULL;
        int k = nm && config_setting_type(nm) == CONFIG_TYPE_STRING
                    ? builtin_type(config_setting_get_string(nm))
                    : -1;
        if (k >= 0)
            default_type(k, &v[i]);
        else
            generic_type(&v[i]);
        rd->type_lines[i] = config_setting_source_line(el);
        unsigned char present[FIELDS_MAX];
        if (read_fields(rd, el, type_fields, NELEMS(type_fields), &v[i], present) != 0)
            continue;
        require(rd, el, type_fields, NELEMS(type_fields), present, REQ | (k < 0 ? REQ_NEW : 0));
        if (k < 0 && !given(type_fields, NELEMS(type_fields), present, "scene_sd_min"))
            v[i].scene_sd_min = v[i].scene_mean_min;
    }
    memcpy(rd->s->types, v, (size_t)n * sizeof v[0]);
    rd->s->ntypes = n;
}

/* An officers list replaces the built-in groups. Each entry starts from
 * generic_group and must give its name, its rule and that rule's
 * parameter. */
static void read_groups(reading *rd, const config_setting_t *st)
{
    int n = list_length(rd, st, "officer groups", SCENARIO_GROUPS_MAX);
    if (n <= 0)
        return; /* keep the built-in groups */
    if (n > SCENARIO_GROUPS_MAX)
        n = SCENARIO_GROUPS_MAX;
    officer_group v[SCENARIO_GROUPS_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        generic_group(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, group_fields, NELEMS(group_fields), &v[i], present) != 0)
            continue;
        unsigned need = REQ;
        if (given(group_fields, NELEMS(group_fields), present, "rule") == 2)
            need |= RULE(v[i].rule);
        /* An unreadable role (reported) is taken as the one the rule and
         * base allow, so that check_groups does not report it again. */
        if (given(group_fields, NELEMS(group_fields), present, "role") == 1)
            v[i].role = v[i].rule == STAFF_PER_BEAT || v[i].base == BASE_OFFICE ? ROLE_BEAT
                                                                                : ROLE_STATION;
        require(rd, el, group_fields, NELEMS(group_fields), present, need);
    }
    memcpy(rd->s->groups, v, (size_t)n * sizeof v[0]);
    rd->s->ngroups = n;
}

static void read_dispatch(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, dispatch_fields, NELEMS(dispatch_fields), &rd->s->dispatch, present);
}

/* ---- checking -------------------------------------------------------------------- */

/* Checks the values of table f in the struct at base against their
 * ranges; fields used only under a staffing rule are checked when `rules`
 * (RULE bits) includes it. */
static void check_fields(errs *e, int line, const char *prefix, const field *f, size_t nf,
                         const void *base, unsigned rules)
{
    for (size_t i = 0; i < nf; i++) {
        const field *fi = &f[i];
        const char *p = (const char *)base + fi->offset;
        char path[128], want[256], found[128];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", fi->name);
        if (fi->kind == K_SECTION || ((fi->flags & RULE_BITS) && !(fi->flags & rules)))
            continue;
        found[0] = '\0';
        switch (fi->kind) {
        case K_REAL:
            if (!in_range(&fi->r, *(const double *)p))
                fmt_num(*(const double *)p, found);
            break;
        case K_COUNT: {
            double v = *(const double *)p;
            if (!in_range(&fi->r, v) || v != floor(v))
                fmt_num(v, found);
            break;
        }
        case K_INT:
            if (!in_range(&fi->r, *(const int *)p))
                snprintf(found, sizeof found, "%d", *(const int *)p);
            break;
        case K_BOOL:
        case K_ENUM: {
            int v = *(const int *)p;
            if (v < 0 || v >= (fi->kind == K_BOOL ? 2 : fi->n))
                snprintf(found, sizeof found, "%d", v);
            break;
        }
        case K_TEXT: {
            size_t len = strnlen(p, SCENARIO_NAME_MAX);
            if (len == 0 || len == SCENARIO_NAME_MAX)
                complain(e, line, path, "expected text of 1 to %d characters, found \"%.*s\"",
                         SCENARIO_NAME_MAX - 1, (int)len, p);
            break;
        }
        case K_WEIGHTS: {
            const double *w = (const double *)p;
            double sum = 0;
            int ok = 1;
            for (int k = 0; k < fi->n; k++) {
                if (!in_range(&fi->r, w[k])) {
                    char elem[160];
                    snprintf(elem, sizeof elem, "%s.[%d]", path, k);
                    complain(e, line, elem, "expected %s, found %s",
                             describe_range(&fi->r, 0, want, sizeof want), fmt_num(w[k], found));
                    ok = 0;
                }
                sum += w[k];
            }
            found[0] = '\0';
            if (ok && (fi->flags & NONZERO) && sum == 0)
                complain(e, line, path, "expected %d numbers >= 0, not all 0, found all 0", fi->n);
            break;
        }
        case K_SEED:
        case K_SECTION:
            break;
        }
        if (found[0])
            complain(e, line, path, "expected %s, found %s", expected(fi, want, sizeof want), found);
    }
}

/* An id and the index of its entry. */
typedef struct id_ref {
    const char *id; /* borrowed from the scenario */
    size_t i;       /* index of the beat or station */
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strncmp(x->id, y->id, SCENARIO_NAME_MAX);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int cmp_id(const void *a, const void *b)
{
    return strncmp(((const id_ref *)a)->id, ((const id_ref *)b)->id, SCENARIO_NAME_MAX);
}

/* Sorts the ids of n entries lying `stride` bytes apart from id0 (then by
 * index) and sets first[i] to the lowest index with the id of entry i.
 * Returns the sorted malloc'd array, or NULL when out of memory. O(n log n). */
static id_ref *sort_ids(const char *id0, size_t n, size_t stride, size_t *first)
{
    id_ref *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++)
        v[i] = (id_ref){id0 + i * stride, i};
    qsort(v, n, sizeof *v, cmp_id_ref);
    for (size_t i = 0; i < n; i++)
        first[v[i].i] = i && !cmp_id(&v[i], &v[i - 1]) ? first[v[i - 1].i] : v[i].i;
    return v;
}

/* The officer groups: ranges, duplicate names, role/base/rule. */
static void check_groups(errs *e, const scenario *s, int fields)
{
    int n = s->ngroups;
    if (n < 1 || n > SCENARIO_GROUPS_MAX) {
        complain(e, 0, "officers", "expected 1 to %d officer groups, found %d",
                 SCENARIO_GROUPS_MAX, n);
        n = n < 1 ? 0 : SCENARIO_GROUPS_MAX;
    }
    for (int i = 0; i < n; i++) {
        const officer_group *g = &s->groups[i];
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "officers.[%d]", i);
        int rule_ok = (int)g->rule >= 0 && (int)g->rule < (int)NELEMS(staffing_rule_names);
        if (fields)
            check_fields(e, g->line, prefix, group_fields, NELEMS(group_fields), g,
                         rule_ok ? RULE(g->rule) : 0);
        for (int j = 0; j < i && g->name[0]; j++) {
            if (!strncmp(g->name, s->groups[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                complain(e, g->line, path, "expected a name not used by officers.[%d], found \"%.*s\"",
                         j, SCENARIO_NAME_MAX - 1, g->name);
                break;
            }
        }
        if (g->role == ROLE_STATION && g->base == BASE_OFFICE) {
            snprintf(path, sizeof path, "%s.base", prefix);
            complain(e, g->line, path, "expected station for role station (office is for beat "
                                       "officers), found \"office\"");
        }
        if (g->role == ROLE_STATION && g->rule == STAFF_PER_BEAT) {
            snprintf(path, sizeof path, "%s.rule", prefix);
            complain(e, g->line, path, "expected one of count, per_residents, per_households for "
                                       "role station (per_beat is for beat officers), found "
                                       "\"per_beat\"");
        }
    }
}

/* The explicit city: ranges, duplicate ids, station references. */
static void check_city(errs *e, const scenario *s, int fields)
{
    if ((s->nbeats > 0) != (s->nstations > 0) || (s->nbeats && !s->beats) ||
        (s->nstations && !s->stations)) {
        complain(e, 0, s->nbeats ? "city.stations" : "city.beats",
                 "expected a list of %s to go with city.%s, found nothing",
                 s->nbeats ? "stations" : "beats", s->nbeats ? "beats" : "stations");
        return;
    }
    if (!s->nbeats)
        return;
    size_t *sfirst = malloc(s->nstations * sizeof *sfirst);
    size_t *bfirst = malloc(s->nbeats * sizeof *bfirst);
    id_ref *sids = sfirst ? sort_ids((const char *)s->stations + offsetof(station_spec, id),
                                     s->nstations, sizeof s->stations[0], sfirst)
                          : NULL;
    id_ref *bids = bfirst ? sort_ids((const char *)s->beats + offsetof(beat_spec, id), s->nbeats,
                                     sizeof s->beats[0], bfirst)
                          : NULL;
    if (!sids || !bids) {
        complain(e, 0, "city", "out of memory");
        goto done;
    }
    char prefix[48], path[64];
    for (size_t i = 0; i < s->nstations; i++) {
        const station_spec *st = &s->stations[i];
        snprintf(prefix, sizeof prefix, "city.stations.[%zu]", i);
        if (fields)
            check_fields(e, st->line, prefix, station_fields, NELEMS(station_fields), st, 0);
        if (st->id[0] && sfirst[i] != i) {
            snprintf(path, sizeof path, "%s.id", prefix);
            complain(e, st->line, path, "expected an id not used by city.stations.[%zu], found \"%.*s\"",
                     sfirst[i], SCENARIO_NAME_MAX - 1, st->id);
        }
    }
    for (size_t i = 0; i < s->nbeats; i++) {
        const beat_spec *b = &s->beats[i];
        snprintf(prefix, sizeof prefix, "city.beats.[%zu]", i);
        if (fields)
            check_fields(e, b->line, prefix, beat_fields, NELEMS(beat_fields), b, 0);
        if (b->id[0] && bfirst[i] != i) {
            snprintf(path, sizeof path, "%s.id", prefix);
            complain(e, b->line, path, "expected an id not used by city.beats.[%zu], found \"%.*s\"",
                     bfirst[i], SCENARIO_NAME_MAX - 1, b->id);
        }
        id_ref key = {b->station, 0};
        if (b->station[0] && memchr(b->station, '\0', SCENARIO_NAME_MAX) &&
            !bsearch(&key, sids, s->nstations, sizeof *sids, cmp_id)) {
            snprintf(path, sizeof path, "%s.station", prefix);
            complain(e, b->line, path, "expected the id of a station, found \"%s\"", b->station);
        }
    }
done:
    free(sids);
    free(bids);
    free(sfirst);
    free(bfirst);
}

/* Everything scenario_check does; with fields = 0 only what the reader
 * cannot see from one group: counts, duplicate names and ids, station
 * references, role/base/rule. type_lines, when not NULL, gives the line
 * of each incident type (the struct does not store it). */
static int check(const scenario *s, FILE *err, const int *type_lines, int fields)
{
    errs e = {err, s->source, 0};
    if (fields) {
        check_fields(&e, 0, "", root_fields, NELEMS(root_fields), s, 0);
        check_fields(&e, 0, "run", run_fields, NELEMS(run_fields), s, 0);
        check_fields(&e, 0, "city.synthetic", synth_fields, NELEMS(synth_fields), &s->synth, 0);
        for (int k = 0; k < LAND_NTYPES; k++) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "land.%s", land_type_names[k]);
            check_fields(&e, 0, prefix, land_fields, NELEMS(land_fields), &s->land[k], 0);
        }
        check_fields(&e, 0, "incidents", incidents_fields, NELEMS(incidents_fields), s, 0);
        check_fields(&e, 0, "dispatch", dispatch_fields, NELEMS(dispatch_fields), &s->dispatch, 0);
        char msg[128];
        if (shares_problem(&s->synth, msg, sizeof msg))
            complain(&e, 0, "city.synthetic.mixed_share", "%s", msg);
    }

    int nt = s->ntypes;
    if (nt < 1 || nt > SCENARIO_TYPES_MAX) {
        complain(&e, 0, "incidents.types", "expected 1 to %d incident types, found %d",
                 SCENARIO_TYPES_MAX, nt);
        nt = nt < 1 ? 0 : SCENARIO_TYPES_MAX;
    }
    for (int i = 0; i < nt; i++) {
        const incident_type *t = &s->types[i];
        int line = type_lines ? type_lines[i] : 0;
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "incidents.types.[%d]", i);
        if (fields)
            check_fields(&e, line, prefix, type_fields, NELEMS(type_fields), t, 0);
        for (int j = 0; j < i && t->name[0]; j++) {
            if (!strncmp(t->name, s->types[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                complain(&e, line, path, "expected a name not used by incidents.types.[%d], "
                                         "found \"%.*s\"", j, SCENARIO_NAME_MAX - 1, t->name);
                break;
            }
        }
    }
    check_groups(&e, s, fields);
    check_city(&e, s, fields);
    return e.n;
}

int scenario_check(const scenario *s, FILE *err)
{
    return check(s, err, NULL, 1);
}

/* ---- loading -------------------------------------------------------------------------- */

int scenario_load(scenario *s, const char *path, FILE *err)
{
    scenario_defaults(s);
    snprintf(s->source, sizeof s->source, "%s", path);
    /* The name defaults to the file's base name without its extension. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t len = strcspn(base, ".");
    if (len > 0) {
        if (len >= sizeof s->name)
            len = sizeof s->name - 1;
        memcpy(s->name, base, len);
        s->name[len] = '\0';
    }

    config_t cfg;
    config_init(&cfg);
    errno = 0;
    if (!config_read_file(&cfg, path)) {
        int saved = errno;
        if (err && config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
            fprintf(err, "%s: cannot read the file%s%s\n", path, saved ? ": " : "",
                    saved ? strerror(saved) : "");
        else if (err)
            fprintf(err, "%s:%d: %s\n", config_error_file(&cfg) ? config_error_file(&cfg) : path,
                    config_error_line(&cfg), config_error_text(&cfg));
        config_destroy(&cfg);
        return -1;
    }
    reading rd = {.e = {err, path, 0}, .s = s};
    unsigned char present[FIELDS_MAX];
    read_fields(&rd, config_root_setting(&cfg), root_fields, NELEMS(root_fields), s, present);
    config_destroy(&cfg);

    int n = rd.e.n + check(s, err, rd.type_lines, 0);
    if (n) {
        scenario_free(s);
        return -1;
    }
    return 0;
}
