/* scenario.c - the built-in default scenario; reading, checking and
 * writing scenario files; overrides and the experiment section.
 *
 * Reading is table-driven. Every group of a scenario file (run,
 * city.synthetic, each land type, each incident type, each officer group,
 * dispatch, each beat and station, prevention and each of its parts,
 * auxiliary groups and crackdowns) has a table of its settings: name,
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
 *
 * Overrides (PATH=VALUE) edit libconfig's tree of the file before the
 * reader sees it, so they are checked by the same code as the file; the
 * settings they make are remembered, and every message is placed by the
 * setting it is about (locate): an override's origin, or the file and
 * line libconfig recorded, included files too. The writer walks the same
 * tables again, and prints every number so that it reads back bit for
 * bit.
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
#include <strings.h>
#include <sys/stat.h>

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
                                           "per_beat", "on_duty"};
const char *const allocation_rule_names[] = {"residents", "workload", "equal"};
const char *const shift_plan_names[] = {"fixed_3x8", "day_only", "staggered", "flexible",
                                        "continuous", "cross", "rotation"};
const char *const officer_role_names[] = {"station", "beat", "duty", "patrol"};
const char *const absence_kind_names[ABSENCE_KINDS] = {"leave", "sick", "training", "court"};
const char *const dispatch_policy_names[] = {"beat_first", "nearest"};
const char *const work_kind_names[WORK_KINDS] = {"patrol", "visit", "check", "strike"};
const char *const patrol_mode_names[] = {"random", "hotspot"};
const char *const strategy_kind_names[] = {"plan", "strike_heavy", "prevention_first",
                                           "adaptive"};

static const char *const scene_dist_names[] = {"lognormal", "exponential", "fixed"};
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
_Static_assert(sizeof(work_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(patrol_mode) == sizeof(int), "enum size");
_Static_assert(sizeof(strategy_kind) == sizeof(int), "enum size");

/* ---- built-in defaults ---------------------------------------------------------- */

/* Residents per household: 7th national census of China (2020). */
#define DEFAULT_HOUSEHOLD_SIZE 2.62

/* The synthetic city: assumption, see docs/scenarios.md. */
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

/* Travel speed (km/h) and response-time target (min) by land type and
 * priority: assumption, see docs/scenarios.md; the priority-2 and -3
 * targets follow the UK graded response (an emergency within 15 minutes
 * in towns, a "priority" call within the hour), priority 3 twice that. */
static const land_params default_land[LAND_NTYPES] = {
    [LAND_URBAN_RESIDENTIAL] = {30, {15, 60, 120}},
    [LAND_COMMERCIAL] = {25, {15, 60, 120}},
    [LAND_MIXED] = {35, {15, 60, 120}},
    [LAND_RURAL] = {50, {30, 60, 120}},
};

/* Variance of the daily gamma factor: docs/calibration/README.md,
 * Nashville MNPD 2024 daily call counts with the weekday effect removed. */
#define DEFAULT_DAY_FACTOR_VARIANCE 0.0077

enum { NDEFAULT_TYPES = 6 };

/* Rate per 1000 residents per year, priority, officers sent, on-scene time
 * (lognormal mean and sd, min), follow-up (h): assumption, see
 * docs/scenarios.md. */
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
 * dispute_disorder, traffic and assistance: assumption, see docs/scenarios.md. */
static const double type_clearance[NDEFAULT_TYPES] = {0.14, 0.18, 0.5, 0.5, 0.0, 0.46};

/* Which proactive mechanisms act on each type: deterred by presence and
 * familiarity, driven by the offender pool, lowered by target hardening
 * (safe communities): assumption, see docs/scenarios.md. */
static const struct type_mechanisms {
    int opportunistic, offender_driven, hardening;
} type_mechanisms[NDEFAULT_TYPES] = {
    {1, 1, 1}, /* burglary */
    {1, 1, 0}, /* street_theft */
    {1, 0, 0}, /* dispute_disorder */
    {0, 0, 0}, /* traffic */
    {0, 0, 0}, /* assistance */
    {0, 1, 0}, /* violent */
};

/* Calls that need no car: the share resolved by telephone or online report
 * at the station, the share passed to another agency, and whether
 * auxiliary police alone may answer (docs/model.md, "Calls that need no
 * car"). Traffic: accidents belong to the traffic police (Road Traffic
 * Safety Law of the PRC, art. 72), the rest is assumption; assistance:
 * Jiangsu 110 2017, 58.6 % of help requests were car-moving requests
 * passed to 12345, 114 or self-service, lowered for the welfare checks
 * of a type calibrated on US logs; the phone shares are assumption
 * (Fujian 110 2014: about 14 % of valid calls not dispatched). */
static const struct type_nocar {
    double phone_share, divert_share;
    int minor;
} type_nocar[NDEFAULT_TYPES] = {
    {0.0, 0.0, 0}, /* burglary: a scene to examine */
    {0.2, 0.0, 0}, /* street_theft: reports of past thefts online */
    {0.0, 0.0, 0}, /* dispute_disorder */
    {0.0, 0.9, 0}, /* traffic: to the traffic police */
    {0.1, 0.5, 1}, /* assistance: to 12345 */
    {0.0, 0.0, 0}, /* violent */
};
#define DEFAULT_PHONE_MIN 15.0 /* desk minutes of a call resolved by
                                  telephone: assumption */

/* Rate multiplier by land type (urban_residential, commercial, mixed,
 * rural): assumption, see docs/scenarios.md. */
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

#define ONES24 {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}

/* Officer groups, their shares of proactive work (patrol, visit, check,
 * strike), patrol mode and patrol by hour (even): assumption, see
 * docs/scenarios.md. */
/* The force of every group (docs/model.md, "The force"): days lost a year
 * to annual leave (Regulations on Paid Annual Leave of Employees, 2007,
 * art. 3: 5, 10 or 15 days by years of service; 10 for a mid-career
 * officer), sickness (assumption: below the 8.7-12.5 days of police in
 * England and Wales, Hansard 1994, 2004, 2008), training (Ministry of
 * Public Security, opinions on the all-police training campaign: at least
 * 15 days of practical training a year for front-line officers) and court
 * (assumption: Chinese officers rarely testify); a 45-minute meal break
 * per 8 hours (Police Regulations 2003, England and Wales, annex E; no
 * Chinese rule), interrupted by priority-1 calls like desk work
 * (assumption; US practice: meals "subject to call"). */
#define FORCE_DEFAULTS                                                             \
    .absence_days = {10, 8, 15, 0.2}, .break_min = 45, .break_every_h = 8,       \
    .break_interrupt = 1, .desk_interrupt = 1, .crew = ONES24, .rotation_days = 4, \
    .rotation_office_days = 0

static const officer_group default_groups[] = {
    {.name = "response", .role = ROLE_DUTY, .base = BASE_STATION,
     .rule = STAFF_PER_RESIDENTS, .per = 5000, .allocation = ALLOC_WORKLOAD,
     .min_per_station = 5, .shifts = SHIFT_FIXED_3X8, .hours_per_week = 40,
     .desk_share = 0.25, .desk_block_min = 60, .work = {0.25, 0.0, 0.0, 0.0},
     .patrol = PATROL_RANDOM, .patrol_hours = ONES24, FORCE_DEFAULTS},
    {.name = "beat", .role = ROLE_BEAT, .base = BASE_OFFICE, .rule = STAFF_PER_BEAT,
     .per_beat = 1, .allocation = ALLOC_RESIDENTS, .min_per_station = 0,
     .shifts = SHIFT_DAY_ONLY, .hours_per_week = 40, .desk_share = 0.25,
     .desk_block_min = 60, .work = {0.15, 0.20, 0.10, 0.0}, .patrol = PATROL_RANDOM,
     .patrol_hours = ONES24, FORCE_DEFAULTS},
    /* the city patrol tier (巡特警): one per 20,000 residents, about 14 %
       of the city's officers (assumption: no published ratio), patrolling
       hot spots in its free time */
    {.name = "patrol", .role = ROLE_PATROL, .base = BASE_STATION,
     .rule = STAFF_PER_RESIDENTS, .per = 20000, .allocation = ALLOC_RESIDENTS,
     .min_per_station = 0, .shifts = SHIFT_FIXED_3X8, .hours_per_week = 40,
     .desk_share = 0.1, .desk_block_min = 60, .work = {0.5, 0.0, 0.0, 0.0},
     .patrol = PATROL_HOTSPOT, .patrol_hours = ONES24, FORCE_DEFAULTS},
    /* auxiliary police (辅警) riding with the response and patrol units,
       one per officer (Xi'an's cap of one per officer, 2017; one station
       studied had 1.33; Xuzhou's 110 units carried 2.1 people a car,
       2017), never alone (Xi'an: no enforcement alone) */
    {.name = "response_aux", .role = ROLE_DUTY, .base = BASE_STATION,
     .rule = STAFF_PER_RESIDENTS, .per = 5000, .allocation = ALLOC_WORKLOAD,
     .min_per_station = 5, .shifts = SHIFT_FIXED_3X8, .hours_per_week = 40,
     .desk_share = 0.25, .desk_block_min = 60, .patrol = PATROL_RANDOM,
     .patrol_hours = ONES24, FORCE_DEFAULTS, .auxiliary = 1, .crew_with = "response"},
    {.name = "patrol_aux", .role = ROLE_PATROL, .base = BASE_STATION,
     .rule = STAFF_PER_RESIDENTS, .per = 20000, .allocation = ALLOC_RESIDENTS,
     .min_per_station = 0, .shifts = SHIFT_FIXED_3X8, .hours_per_week = 40,
     .desk_share = 0.1, .desk_block_min = 60, .patrol = PATROL_HOTSPOT,
     .patrol_hours = ONES24, FORCE_DEFAULTS, .auxiliary = 1, .crew_with = "patrol"},
};

/* Dispatch: assumption, see docs/scenarios.md. */
static const dispatch_params default_dispatch = {
    .policy = DISPATCH_BEAT_FIRST,
    .preempt = 0,
    /* jurisdiction (属地管理): another station answers only urgent calls */
    .cross_station = 1,
    /* no call held for a reserve: in the default city a reserve for
       priority 3 buys priority 1 little (0.05 min) for 2 minutes more on
       priority 3 (urgent calls interrupt desk work and breaks, take the
       patrol tier and other stations), docs/findings.md; the cutoff form
       is Sacks, Larson & Schaack 1993; at most 30 minutes when set */
    .reserve = {0, 0, 0},
    .hold_max_min = 30,
    .delay_min = 2,
    .detour = 1.1,
    .euclidean = 0,
    .return_to_base = 1,
};

/* Proactive work, offenders and strike (docs/model.md, "Proactive work");
 * one source per setting, see docs/scenarios.md. */
static const prevention_params default_prevention = {
    .enabled = 1,
    .prevention_work = 1,
    .rate_cap = 2.0, /* assumption */
    .deterrence = {
        /* Koper 1995: stops of 10-16 min, residual deterrence lasting
         * about 2 hours */
        .presence_effect = 0.9,
        .residual_max = 1.0,
        .residual_saturation_min = 5,
        .residual_decay_min = 45,
        .watch_km2 = 0.01, /* assumption */
        /* Weisburd 2015, the law of crime concentration */
        .hotspot_crime_share = 0.5,
        .hotspot_area_share = 0.05,
        /* Weisburd et al. 2006, Bowers et al. 2011: diffusion of benefits
         * more common than displacement; 0 = off */
        .spillover = 0.0,
    },
    .patrol = {
        .random_stop_min = 1,   /* a drive-by: assumption */
        .hotspot_stop_min = 15, /* Koper 1995 */
        .move_min = 5,          /* assumption */
        .block_min = 60,        /* assumption */
        .hotspot_beats = 3,     /* assumption */
    },
    .visits = { /* assumption, evidence thin */
        .block_min = 60,
        .household_min = 20,
        /* assumption shaped on time-use surveys: working hours away on
         * weekdays */
        .at_home_weekday = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3,
                            0.3, 0.25, 0.25, 0.25, 0.5, 0.5, 0.25, 0.25,
                            0.25, 0.4, 0.7, 0.7, 0.7, 0.5, 0.1, 0.05},
        .at_home_weekend = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2,
                            0.4, 0.6, 0.6, 0.6, 0.65, 0.65, 0.5, 0.5,
                            0.5, 0.5, 0.7, 0.7, 0.7, 0.5, 0.1, 0.05},
        .memory_days = 365,
        .half_contacts = 0.5,
        .crime_effect = 0.10,
        .clearance_gain = 0.3,
    },
    .key_persons = { /* assumption */
        .check_interval_days = 30,
        .check_min = 30,
        .offender_equivalent = 1.0,
        .recruitment_per_year = 0.2,
    },
    .migrants = { /* assumption */
        .registered_share = 0.7,
        .turnover_per_year = 0.5,
        .recruitment_per_1000 = 2.0,
    },
    .offenders = {
        .per_1000_residents = 2.0, /* assumption */
        /* criminal careers of about 5 years: Piquero, Farrington &
         * Blumstein 2003 */
        .desistance_per_year = 0.2,
        .arrest_share = 0.8,   /* assumption */
        .sentence_days = 180,  /* assumption */
        /* US BJS: 44 % rearrested within a year of release (Alper,
         * Durose & Markman 2018) */
        .recidivism = 0.5,
        .replacement = 0.25,   /* assumption */
        .initial_share = 1.0,  /* the reference state */
    },
    .strike = { /* assumption */
        .clearance_gain = 1.0,
        .half_hours_per_week = 80,
        .arrest_followup_h = 4,
    },
    .safe_communities = {
        .beat_share = {0, 0, 0, 0}, /* none: a programme is a scenario's choice */
        .start_day = 0,
        .setup_days = 180, /* assumption */
        /* Kirkholt project (Forrester et al. 1988) reported larger;
         * assumption */
        .reduction = 0.25,
        .cost_per_household_year = 20, /* assumption */
    },
    .strategy = { /* assumption */
        .kind = STRATEGY_PLAN,
        .window_days = 28,
        .threshold = 1.1,
        .strike_days = 90,
    },
    .scorecard = { /* equal weights: convention; the rest assumption */
        .weights = {1, 1, 1, 1, 1, 1},
        .counterfactual = 0,
        .satisfaction = {0.4, 0.3, 0.3},
        .victimisation_ref = 400, /* assumption: twice the busiest urban
                                     beat's rate */
    },
    .naux = 0,        /* no auxiliary patrols */
    .ncrackdowns = 0, /* no crackdowns */
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
    t->opportunistic = type_mechanisms[k].opportunistic;
    t->offender_driven = type_mechanisms[k].offender_driven;
    t->hardening = type_mechanisms[k].hardening;
    t->phone_share = type_nocar[k].phone_share;
    t->phone_min = DEFAULT_PHONE_MIN;
    t->divert_share = type_nocar[k].divert_share;
    t->minor = type_nocar[k].minor;
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
    t->phone_min = DEFAULT_PHONE_MIN;
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
    for (int w = 0; w < WORK_KINDS; w++)
        g->work[w] = 0; /* no proactive work: assumption */
    g->patrol = PATROL_RANDOM;
    for (int h = 0; h < 24; h++)
        g->patrol_hours[h] = 1;
    const officer_group force = {FORCE_DEFAULTS};
    memcpy(g->absence_days, force.absence_days, sizeof g->absence_days);
    g->break_min = force.break_min;
    g->break_every_h = force.break_every_h;
    g->break_interrupt = force.break_interrupt;
    g->desk_interrupt = force.desk_interrupt;
    memcpy(g->crew, force.crew, sizeof g->crew);
    g->rotation_days = force.rotation_days;
    g->rotation_office_days = force.rotation_office_days;
}

/* An auxiliary patrol group of a file before its settings; `name` and
 * `per_1000_residents` must come from the file. Every land type and hour,
 * a third of an officer's deterrence: assumption. */
static void generic_aux(aux_group *a)
{
    memset(a, 0, sizeof *a);
    for (int l = 0; l < LAND_NTYPES; l++)
        a->land[l] = 1;
    for (int h = 0; h < 24; h++)
        a->hours[h] = 1;
    a->cost_per_hour = 0;
    a->effectiveness = 0.3;
    a->mode = PATROL_RANDOM;
}

/* A crackdown of a file before its settings; `start_day` and `days` must
 * come from the file. Initial deterrence decaying during the campaign and
 * a residual after it (Sherman 1990); the numbers are assumption. */
static void generic_crackdown(crackdown *c)
{
    memset(c, 0, sizeof *c);
    c->strike_share = 0.5;
    c->initial_effect = 0.3;
    c->decay_days = 30;
    c->residual = 0.1;
    c->residual_decay_days = 30;
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
    s->prevention = default_prevention;
}

/* Writes "HEAD: " then fmt with ap as one line of at most 4095 bytes,
 * every control character in it (from a file name, a setting path or a
 * value given by the user) shown as '?' (scenario_show), so that a
 * message stays one line and sends the terminal nothing. */
static void PRINTF_LIKE(3, 0) put_message(FILE *out, const char *head, const char *fmt,
                                          va_list ap)
{
    char buf[4096];
    int n = snprintf(buf, sizeof buf, "%s", head);
    if (n >= 0 && (size_t)n < sizeof buf)
        vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    unsigned char *b = (unsigned char *)buf;
    for (size_t i = 0; b[i]; i++) {
        if (b[i] < 0x20 || b[i] == 0x7f)
            b[i] = '?';
        else if (b[i] == 0xc2 && b[i + 1] >= 0x80 && b[i + 1] <= 0x9f)
            b[i] = b[i + 1] = '?'; /* a C1 control character in UTF-8 */
    }
    fputs(buf, out);
    fputc('\n', out);
}

void scenario_error(FILE *err, const char *source, int line, const char *fmt, ...)
{
    if (!err)
        return;
    char head[1200];
    if (line > 0)
        snprintf(head, sizeof head, "%s:%d: ", source, line);
    else
        snprintf(head, sizeof head, "%s: ", source);
    va_list ap;
    va_start(ap, fmt);
    put_message(err, head, fmt, ap);
    va_end(ap);
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
    K_WEIGHTS, /* double[n]; n numbers in range r */
    K_LEVEL    /* int; a priority level 0 .. 3, or true (1) / false (0) */
} field_kind;

enum { LO_OPEN = 1, HI_OPEN = 2 };

/* Allowed values of a number: lo .. hi, each end closed or open. */
typedef struct range {
    double lo, hi;  /* bounds; -INFINITY / INFINITY for none */
    unsigned open;  /* LO_OPEN, HI_OPEN */
} range;

#define SHARE {0, 1, 0}
#define SPAN(lo, hi, open) {lo, hi, open}

/* Every number has a range that keeps a run's memory and time bounded
 * (docs/scenarios.md gives each with its reason); what depends on
 * several settings at once is checked by budget.c. Shared ranges: */
#define COORD SPAN(-1e5, 1e5, 0)       /* km: a plane far larger than a city */
#define WEIGHT SPAN(0, 1e6, 0)         /* relative weights (normalised on use) */
#define MINUTES SPAN(0, 1440, LO_OPEN) /* a stop or a drive: up to a day */
#define BLOCK SPAN(1, 1440, 0)         /* a block of work, or one attempt in
                                          it: the officers' events come at
                                          most once a minute */
#define PER_YEAR SPAN(0, 365, 0)       /* a yearly rate: at most daily */
#define RUN_DAYS SPAN(0, 2e5, 0)       /* a day of a run: warm-up and run at most */
#define MONEY SPAN(0, 1e9, 0)          /* a cost */

/* 1 if t is a name fit for metric names and CSV cells (see IDENT). */
static int ident_ok(const char *t)
{
    if (!isalpha((unsigned char)t[0]))
        return 0;
    for (; *t; t++)
        if (!isalnum((unsigned char)*t) && !strchr("_-.", *t))
            return 0;
    return 1;
}

#define IDENT_TEXT "a name of letters, digits, '_', '-' and '.' starting with a letter"

/* 1 if t has no control character (names go into CSV cells, the
 * figures' scripts and the report page, one per line). */
static int printable(const char *t)
{
    for (; *t; t++)
        if ((unsigned char)*t < 0x20 || *t == 0x7f)
            return 0;
    return 1;
}

/* Flags: when a setting is required, and extra conditions. */
enum {
    REQ = 1u << 0,     /* always */
    REQ_NEW = 1u << 1, /* in an incident type that is not a built-in one */
    NONZERO = 1u << 2, /* K_WEIGHTS: not all 0 */
    RULE_SHIFT = 3,    /* RULE(r): required and used only under rule r */
    IDENT = 1u << 8,   /* K_TEXT: a name that goes into metric names and
                          CSV cells: letters, digits, '_', '-', '.',
                          starting with a letter */
    SCALAR_OK = 1u << 9, /* K_WEIGHTS: one number stands for all n */
    EMPTY_OK = 1u << 10, /* K_TEXT: "" allowed (none) */
    WHOLE = 1u << 11     /* K_WEIGHTS: whole numbers */
};
#define RULE(r) (1u << (RULE_SHIFT + (r)))
#define RULE_BITS (0x1fu << RULE_SHIFT)

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

#define FIELDS_MAX 48 /* settings in one table */

#define SECTION(nm, fn) {.name = nm, .kind = K_SECTION, .read = fn}
#define REAL(T, m, rg, fl) {.name = #m, .kind = K_REAL, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define INT(T, m, rg, fl) {.name = #m, .kind = K_INT, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define COUNT(T, m, rg, fl) {.name = #m, .kind = K_COUNT, .offset = offsetof(T, m), .r = rg, .flags = fl}
#define SEED(T, m) {.name = #m, .kind = K_SEED, .offset = offsetof(T, m)}
#define BOOL(T, m) {.name = #m, .kind = K_BOOL, .offset = offsetof(T, m)}
#define LEVEL(T, m) {.name = #m, .kind = K_LEVEL, .offset = offsetof(T, m), .r = SPAN(0, 3, 0)}
#define ENUM_AS(nm, T, m, w, fl) \
    {.name = nm, .kind = K_ENUM, .offset = offsetof(T, m), .words = w, .n = (int)NELEMS(w), .flags = fl}
#define ENUM(T, m, w, fl) ENUM_AS(#m, T, m, w, fl)
#define TEXT(T, m, fl) {.name = #m, .kind = K_TEXT, .offset = offsetof(T, m), .flags = fl}
#define WEIGHTS_IN(T, m, rg, fl)                                                       \
    {.name = #m, .kind = K_WEIGHTS, .offset = offsetof(T, m), .r = rg,               \
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
static void read_prevention(reading *rd, const config_setting_t *st);
static void read_prevention_part(reading *rd, const config_setting_t *st);
static void read_aux(reading *rd, const config_setting_t *st);
static void read_crackdowns(reading *rd, const config_setting_t *st);
static void read_plan_part(reading *rd, const config_setting_t *st);

static const field root_fields[] = {
    TEXT(scenario, name, 0),
    SECTION("run", read_run),
    SECTION("city", read_city),
    SECTION("land", read_land),
    SECTION("incidents", read_incidents),
    SECTION("officers", read_groups),
    SECTION("dispatch", read_dispatch),
    SECTION("prevention", read_prevention),
    /* the experiment section: scenario_plan_read's */
    SECTION("baseline", read_plan_part),
    SECTION("variants", read_plan_part),
    SECTION("sweep", read_plan_part),
    SECTION("report", read_plan_part),
};

static const field run_fields[] = {
    REAL(scenario, days, SPAN(0, 1e5, LO_OPEN), 0),
    REAL(scenario, warmup_days, SPAN(0, 1e5, 0), 0),
    SEED(scenario, seed),
    INT(scenario, reps, SPAN(1, 1e6, 0), 0),
};

static const field city_fields[] = {
    SECTION("synthetic", read_synthetic),
    SECTION("stations", read_stations),
    SECTION("beats", read_beats),
};

static const field synth_fields[] = {
    REAL(synthetic_city, residents, SPAN(0, 1e8, LO_OPEN), 0),
    INT(synthetic_city, stations, SPAN(1, 10000, 0), 0),
    REAL(synthetic_city, rural_share, SHARE, 0),
    REAL(synthetic_city, urban_beat_residents, SPAN(0, 1e8, LO_OPEN), 0),
    REAL(synthetic_city, rural_beat_residents, SPAN(0, 1e8, LO_OPEN), 0),
    REAL(synthetic_city, urban_density_km2, SPAN(0.01, 1e6, 0), 0),
    REAL(synthetic_city, rural_density_km2, SPAN(0.01, 1e6, 0), 0),
    REAL(synthetic_city, commercial_share, SHARE, 0),
    REAL(synthetic_city, mixed_share, SHARE, 0),
    REAL(synthetic_city, household_size, SPAN(1, 20, 0), 0),
    REAL(synthetic_city, migrant_share_urban, SHARE, 0),
    REAL(synthetic_city, migrant_share_rural, SHARE, 0),
    REAL(synthetic_city, key_persons_per_1000, SPAN(0, 1000, 0), 0),
};

static const field station_fields[] = {
    TEXT(station_spec, id, REQ | IDENT),
    REAL(station_spec, x, COORD, REQ),
    REAL(station_spec, y, COORD, REQ),
};

static const field beat_fields[] = {
    TEXT(beat_spec, id, REQ | IDENT),
    TEXT(beat_spec, station, REQ),
    ENUM(beat_spec, land, land_type_names, 0),
    REAL(beat_spec, residents, SPAN(0, 1e8, 0), REQ),
    REAL(beat_spec, households, SPAN(0, 1e8, 0), 0),
    REAL(beat_spec, migrant_share, SHARE, 0),
    REAL(beat_spec, key_persons, SPAN(0, 1e8, 0), 0),
    REAL(beat_spec, area_km2, SPAN(0, 1e6, 0), REQ),
    REAL(beat_spec, x, COORD, REQ),
    REAL(beat_spec, y, COORD, REQ),
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
    REAL(land_params, speed_kmh, SPAN(1, 300, 0), 0),
    WEIGHTS_IN(land_params, target_min, SPAN(0, 1440, LO_OPEN), SCALAR_OK),
};

static const field incidents_fields[] = {
    REAL(scenario, day_factor_variance, SPAN(0, 10, 0), 0),
    SECTION("types", read_types),
};

static const field type_fields[] = {
    TEXT(incident_type, name, REQ | IDENT),
    REAL(incident_type, rate_per_1000_year, SPAN(0, 1e7, 0), REQ_NEW),
    WEIGHTS_IN(incident_type, hour_profile, WEIGHT, NONZERO),
    WEIGHTS_IN(incident_type, dow_profile, WEIGHT, NONZERO),
    WEIGHTS_IN(incident_type, land_mult, SPAN(0, 100, 0), 0),
    INT(incident_type, priority, SPAN(1, 3, 0), 0),
    INT(incident_type, units, SPAN(1, 2, 0), 0),
    ENUM(incident_type, scene, scene_dist_names, 0),
    REAL(incident_type, scene_mean_min, SPAN(0.1, 1440, 0), REQ_NEW),
    REAL(incident_type, scene_sd_min, SPAN(0, 1440, 0), 0),
    REAL(incident_type, followup_h, SPAN(0, 168, 0), 0),
    REAL(incident_type, clearance, SHARE, 0),
    BOOL(incident_type, opportunistic),
    BOOL(incident_type, offender_driven),
    BOOL(incident_type, hardening),
    REAL(incident_type, phone_share, SHARE, 0),
    REAL(incident_type, phone_min, SPAN(0, 1440, 0), 0),
    REAL(incident_type, divert_share, SHARE, 0), /* phone + divert <= 1 */
    BOOL(incident_type, minor),
};

static const field group_fields[] = {
    TEXT(officer_group, name, REQ | IDENT),
    ENUM(officer_group, role, officer_role_names, 0),
    ENUM(officer_group, base, base_names, 0),
    ENUM(officer_group, rule, staffing_rule_names, REQ),
    COUNT(officer_group, count, SPAN(1, 200000, 0), RULE(STAFF_COUNT)),
    REAL(officer_group, per, SPAN(1, 1e9, 0), RULE(STAFF_PER_RESIDENTS) | RULE(STAFF_PER_HOUSEHOLDS)),
    INT(officer_group, per_beat, SPAN(1, 20, 0), RULE(STAFF_PER_BEAT)),
    ENUM(officer_group, allocation, allocation_rule_names, 0),
    INT(officer_group, min_per_station, SPAN(0, 1000, 0), 0),
    ENUM(officer_group, shifts, shift_plan_names, 0),
    REAL(officer_group, hours_per_week, SPAN(0, 168, LO_OPEN), 0),
    REAL(officer_group, desk_share, SPAN(0, 1, HI_OPEN), 0),
    REAL(officer_group, desk_block_min, SPAN(1, 1440, 0), 0),
    WEIGHTS_IN(officer_group, work, SHARE, 0), /* and sum <= 1: work_problem */
    ENUM(officer_group, patrol, patrol_mode_names, 0),
    WEIGHTS_IN(officer_group, patrol_hours, SPAN(0, 1000, 0), 0),
    REAL(officer_group, on_duty, SPAN(0, 200000, LO_OPEN), RULE(STAFF_ON_DUTY)),
    WEIGHTS_IN(officer_group, absence_days, SPAN(0, 365, 0), 0), /* sum < 250 */
    REAL(officer_group, break_min, SPAN(0, 240, 0), 0),
    REAL(officer_group, break_every_h, SPAN(1, 24, 0), 0),
    LEVEL(officer_group, break_interrupt),
    LEVEL(officer_group, desk_interrupt),
    BOOL(officer_group, auxiliary),
    TEXT(officer_group, crew_with, EMPTY_OK),
    BOOL(officer_group, alone),
    WEIGHTS_IN(officer_group, crew, SPAN(1, 2, 0), SCALAR_OK | WHOLE),
    INT(officer_group, cars, SPAN(0, 200000, 0), 0),
    INT(officer_group, rotation_days, SPAN(2, 7, 0), 0),
    INT(officer_group, rotation_office_days, SPAN(0, 6, 0), 0), /* < rotation_days */
};

static const field dispatch_fields[] = {
    ENUM(dispatch_params, policy, dispatch_policy_names, 0),
    LEVEL(dispatch_params, preempt),
    LEVEL(dispatch_params, cross_station),
    WEIGHTS_IN(dispatch_params, reserve, SPAN(0, 1000, 0), WHOLE), /* non-decreasing */
    REAL(dispatch_params, hold_max_min, SPAN(0, 1e5, 0), 0),
    REAL(dispatch_params, delay_min, SPAN(0, 1440, 0), 0),
    REAL(dispatch_params, detour, SPAN(1, 10, 0), 0),
    ENUM_AS("distance", dispatch_params, euclidean, distance_names, 0),
    BOOL(dispatch_params, return_to_base),
};

/* prevention = { ... }: its own settings, then one group per part
 * (prevention_parts) and the two lists. */
static const field prevention_fields[] = {
    BOOL(prevention_params, enabled),
    BOOL(prevention_params, prevention_work),
    REAL(prevention_params, rate_cap, SPAN(1, 10, 0), 0),
    SECTION("deterrence", read_prevention_part),
    SECTION("patrol", read_prevention_part),
    SECTION("visits", read_prevention_part),
    SECTION("key_persons", read_prevention_part),
    SECTION("migrants", read_prevention_part),
    SECTION("offenders", read_prevention_part),
    SECTION("strike", read_prevention_part),
    SECTION("safe_communities", read_prevention_part),
    SECTION("strategy", read_prevention_part),
    SECTION("scorecard", read_prevention_part),
    SECTION("auxiliaries", read_aux),
    SECTION("crackdowns", read_crackdowns),
};

static const field deterrence_fields[] = {
    REAL(deterrence_params, presence_effect, SHARE, 0),
    REAL(deterrence_params, residual_max, SHARE, 0),
    REAL(deterrence_params, residual_saturation_min, MINUTES, 0),
    REAL(deterrence_params, residual_decay_min, SPAN(0, 10080, LO_OPEN), 0),
    REAL(deterrence_params, watch_km2, SPAN(0, 100, LO_OPEN), 0),
    REAL(deterrence_params, hotspot_crime_share, SHARE, 0),
    REAL(deterrence_params, hotspot_area_share, SPAN(0, 1, LO_OPEN), 0),
    REAL(deterrence_params, spillover, SPAN(-1, 1, 0), 0),
};

static const field patrol_fields[] = {
    REAL(patrol_params, random_stop_min, MINUTES, 0),
    REAL(patrol_params, hotspot_stop_min, MINUTES, 0),
    REAL(patrol_params, move_min, MINUTES, 0),
    REAL(patrol_params, block_min, BLOCK, 0),
    INT(patrol_params, hotspot_beats, SPAN(1, 1000, 0), 0),
};

static const field visit_fields[] = {
    REAL(visit_params, block_min, BLOCK, 0),
    REAL(visit_params, household_min, BLOCK, 0),
    WEIGHTS_IN(visit_params, at_home_weekday, SHARE, 0),
    WEIGHTS_IN(visit_params, at_home_weekend, SHARE, 0),
    REAL(visit_params, memory_days, SPAN(0, 36500, LO_OPEN), 0),
    REAL(visit_params, half_contacts, SPAN(0, 1000, LO_OPEN), 0),
    REAL(visit_params, crime_effect, SHARE, 0),
    REAL(visit_params, clearance_gain, SPAN(0, 100, 0), 0),
};

static const field keyperson_fields[] = {
    REAL(keyperson_params, check_interval_days, SPAN(0, 3650, LO_OPEN), 0),
    REAL(keyperson_params, check_min, BLOCK, 0),
    REAL(keyperson_params, offender_equivalent, SPAN(0, 1000, 0), 0),
    REAL(keyperson_params, recruitment_per_year, PER_YEAR, 0),
};

static const field migrant_fields[] = {
    REAL(migrant_params, registered_share, SHARE, 0),
    REAL(migrant_params, turnover_per_year, PER_YEAR, 0),
    REAL(migrant_params, recruitment_per_1000, SPAN(0, 1000, 0), 0),
};

static const field offender_fields[] = {
    REAL(offender_params, per_1000_residents, SPAN(0, 1000, 0), 0),
    REAL(offender_params, desistance_per_year, PER_YEAR, 0),
    REAL(offender_params, arrest_share, SHARE, 0),
    REAL(offender_params, sentence_days, SPAN(0, 36500, 0), 0),
    REAL(offender_params, recidivism, SHARE, 0),
    REAL(offender_params, replacement, SHARE, 0),
    REAL(offender_params, initial_share, SPAN(0, 100, 0), 0),
};

static const field strike_fields[] = {
    REAL(strike_params, clearance_gain, SPAN(0, 100, 0), 0),
    REAL(strike_params, half_hours_per_week, SPAN(0, 1e6, LO_OPEN), 0),
    REAL(strike_params, arrest_followup_h, SPAN(0, 168, 0), 0),
};

static const field safe_community_fields[] = {
    WEIGHTS_IN(safe_community_params, beat_share, SHARE, 0),
    REAL(safe_community_params, start_day, RUN_DAYS, 0),
    REAL(safe_community_params, setup_days, RUN_DAYS, 0),
    REAL(safe_community_params, reduction, SHARE, 0),
    REAL(safe_community_params, cost_per_household_year, MONEY, 0),
};

static const field strategy_fields[] = {
    ENUM(strategy_params, kind, strategy_kind_names, 0),
    REAL(strategy_params, window_days, SPAN(0, 3650, LO_OPEN), 0),
    REAL(strategy_params, threshold, SPAN(0, 1000, LO_OPEN), 0),
    REAL(strategy_params, strike_days, SPAN(0, 2e5, LO_OPEN), 0),
};

static const field scorecard_fields[] = {
    WEIGHTS_IN(scorecard_params, weights, WEIGHT, 0),
    BOOL(scorecard_params, counterfactual),
    WEIGHTS_IN(scorecard_params, satisfaction, WEIGHT, NONZERO),
    REAL(scorecard_params, victimisation_ref, SPAN(0, 1e9, LO_OPEN), 0),
};

static const field aux_fields[] = {
    TEXT(aux_group, name, REQ | IDENT),
    REAL(aux_group, per_1000_residents, SPAN(0, 1000, 0), REQ),
    WEIGHTS_IN(aux_group, land, SHARE, 0),
    WEIGHTS_IN(aux_group, hours, SHARE, 0),
    REAL(aux_group, cost_per_hour, MONEY, 0),
    REAL(aux_group, effectiveness, SHARE, 0),
    ENUM(aux_group, mode, patrol_mode_names, 0),
};

static const field crackdown_fields[] = {
    REAL(crackdown, start_day, RUN_DAYS, REQ),
    REAL(crackdown, days, SPAN(0, 2e5, LO_OPEN), REQ),
    REAL(crackdown, strike_share, SHARE, 0),
    REAL(crackdown, initial_effect, SHARE, 0),
    REAL(crackdown, decay_days, SPAN(0, 36500, LO_OPEN), 0),
    REAL(crackdown, residual, SHARE, 0),
    REAL(crackdown, residual_decay_days, SPAN(0, 36500, LO_OPEN), 0),
};

/* The groups inside prevention, each with its table and place. */
typedef struct prevention_part {
    const char *name; /* setting name */
    const field *f;   /* its settings */
    size_t nf;
    size_t offset;    /* of its struct in prevention_params */
} prevention_part;

#define PART(m, t) {#m, t, NELEMS(t), offsetof(prevention_params, m)}

static const prevention_part prevention_parts[] = {
    PART(deterrence, deterrence_fields),
    PART(patrol, patrol_fields),
    PART(visits, visit_fields),
    PART(key_persons, keyperson_fields),
    PART(migrants, migrant_fields),
    PART(offenders, offender_fields),
    PART(strike, strike_fields),
    PART(safe_communities, safe_community_fields),
    PART(strategy, strategy_fields),
    PART(scorecard, scorecard_fields),
};

_Static_assert(NELEMS(synth_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(root_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(prevention_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(visit_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(aux_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(crackdown_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(prevention_parts) == NELEMS(prevention_fields) - 5,
               "one part per section of prevention but the two lists");
_Static_assert(NELEMS(type_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(group_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(beat_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(land_section_fields) == LAND_NTYPES, "one section per land type");

/* ---- messages -------------------------------------------------------------------- */

typedef struct overrides overrides;

/* Where errors go, how many there were, and what places them. */
typedef struct errs {
    FILE *out;        /* stream for the messages, or NULL to count only */
    const char *file; /* file named when a setting does not know its own:
                         the top file as given, or "built-in" */
    int n;            /* messages so far */
    const char *dir;  /* folder of the top file, which libconfig puts
                         before the names of included files; NULL: none */
    const config_setting_t *root; /* the file's tree, where complain looks
                                     up its paths; NULL: none */
    const overrides *ov;          /* settings made by overrides, or NULL */
} errs;

static const char *made_by(const overrides *ov, const config_setting_t *st);
static const config_setting_t *lookup_path(const config_setting_t *root, const char *path);

/* Writes "FILE:LINE: PATH: message" (no ":LINE" when line is 0, no
 * "PATH: " when path is empty) and counts it. */
static void PRINTF_LIKE(5, 0) vemit(errs *e, const char *file, int line, const char *path,
                                    const char *fmt, va_list ap)
{
    e->n++;
    if (!e->out)
        return;
    char head[1600], line_no[16] = "";
    if (line > 0)
        snprintf(line_no, sizeof line_no, ":%d", line);
    snprintf(head, sizeof head, "%s%s: %s%s", file, line_no, path ? path : "",
             path && *path ? ": " : "");
    put_message(e->out, head, fmt, ap);
}

/* The name of a file libconfig read, as messages give it: libconfig 1.5
 * names an included file by its @include text, which is relative to the
 * top file's folder. NULL (a string, not a file) is e->file. */
static const char *file_name(const errs *e, const char *file, char *buf, size_t size)
{
    if (!file)
        return e->file;
    if (!e->dir || !strcmp(file, e->file))
        return file;
    snprintf(buf, size, "%s/%s", e->dir, file);
    return buf;
}

/* Where messages about st go: the origin of the override that made st or
 * an ancestor of it (*line = 0), else the file and line of the nearest
 * setting from st up that has a line. */
static const char *locate(const errs *e, const config_setting_t *st, int *line, char *buf,
                          size_t size)
{
    for (; st; st = config_setting_parent(st)) {
        const char *origin = made_by(e->ov, st);
        if (origin) {
            *line = 0;
            return origin;
        }
        if (config_setting_source_line(st) > 0) {
            *line = (int)config_setting_source_line(st);
            return file_name(e, config_setting_source_file(st), buf, size);
        }
    }
    *line = 0;
    return e->file;
}

/* A problem of a struct value, at `line` of e->file (0: unknown); placed
 * by the setting at `path` (or its deepest ancestor) in e->root if given. */
static void PRINTF_LIKE(4, 5) complain(errs *e, int line, const char *path, const char *fmt, ...)
{
    const char *file = e->file;
    char name[512];
    const config_setting_t *st = e->root ? lookup_path(e->root, path) : NULL;
    if (st && st != e->root)
        file = locate(e, st, &line, name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    vemit(e, file, line, path, fmt, ap);
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

/* A problem of setting st (or of its missing member `member`), placed by
 * locate. */
static void PRINTF_LIKE(4, 5) report(errs *e, const config_setting_t *st, const char *member,
                                     const char *fmt, ...)
{
    char path[256], name[512];
    setting_path(st, member, path, sizeof path);
    int line;
    const char *file = locate(e, st, &line, name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    vemit(e, file, line, path, fmt, ap);
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
        char shown[SCENARIO_SHOW_SIZE];
        snprintf(buf, size, "\"%s\"", scenario_show(config_setting_get_string(st), shown));
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
    case K_WEIGHTS: {
        char r[96];
        describe_range(&f->r, (f->flags & WHOLE) != 0, r, sizeof r);
        snprintf(buf, size, "%s%d numbers, each %s", f->flags & SCALAR_OK ? "one number or " : "",
                 f->n, r + (f->flags & WHOLE ? strlen("a whole number ") : strlen("a number ")));
        break;
    }
    case K_LEVEL:
        snprintf(buf, size, "a priority from 0 (none) to 3, or true (1) or false (0)");
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

const char *scenario_closest(const char *word, const char *const *cand, size_t n)
{
    const char *best = NULL;
    int best_d = 99;
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        int d = edit_distance(word, cand[i]);
        if (d <= (strlen(cand[i]) <= 4 ? 1 : 2) && d < best_d) {
            best = cand[i];
            best_d = d;
        }
    }
    for (size_t i = 0; !best && wl >= 3 && i < n; i++)
        if (!strncasecmp(cand[i], word, wl))
            best = cand[i];
    return best;
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
    char found[128], want[256];
    int t = config_setting_type(st);
    if ((f->flags & SCALAR_OK) && config_setting_is_number(st)) {
        double v = number_of(st);
        if (!in_range(&f->r, v) || ((f->flags & WHOLE) && !is_whole(st))) {
            report(e, st, NULL, "expected %s, found %s", expected(f, want, sizeof want),
                   describe(st, found, sizeof found));
            return;
        }
        for (int i = 0; i < f->n; i++)
            out[i] = v;
        return;
    }
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        report(e, st, NULL, "expected %s, found %s", expected(f, want, sizeof want),
               describe(st, found, sizeof found));
        return;
    }
    int n = config_setting_length(st);
    if (n != f->n) {
        report(e, st, NULL, "expected %s%d numbers, found %d",
               f->flags & SCALAR_OK ? "one number or " : "", f->n, n);
        return;
    }
    double w[24], sum = 0;
    int ok = 1;
    for (int i = 0; i < n && i < 24; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        if (!config_setting_is_number(el) || !in_range(&f->r, number_of(el)) ||
            ((f->flags & WHOLE) && !is_whole(el))) {
            report(e, el, NULL, "expected %s, found %s",
                   describe_range(&f->r, (f->flags & WHOLE) != 0, want, sizeof want),
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
    /* A table of sections only has no struct (base NULL): no place. */
    char *p = base ? (char *)base + f->offset : NULL;
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
    case K_LEVEL:
        if (type == CONFIG_TYPE_BOOL) {
            *(int *)p = config_setting_get_bool(st) != 0;
            return 0;
        }
        if (!is_whole(st) || !in_range(&f->r, number_of(st)))
            break;
        *(int *)p = (int)config_setting_get_int64(st);
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
        if ((len == 0 && !(f->flags & EMPTY_OK)) || len >= SCENARIO_NAME_MAX) {
            report(&rd->e, st, NULL, "expected text of 1 to %d characters, found %s",
                   SCENARIO_NAME_MAX - 1, describe(st, found, sizeof found));
            return -1;
        }
        if ((f->flags & IDENT) && len && !ident_ok(t)) {
            report(&rd->e, st, NULL, "expected %s, found %s", IDENT_TEXT,
                   describe(st, found, sizeof found));
            return -1;
        }
        if (!printable(t)) {
            report(&rd->e, st, NULL, "expected text without control characters, found %s",
                   describe(st, found, sizeof found));
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

/* Number of entries of st, which must be a list of min .. max groups
 * ("what" names them); -1 after reporting when st is no list, n < min or
 * n > max after reporting a bad count. */
static int list_entries(errs *e, const config_setting_t *st, const char *what, int min, int max)
{
    char found[128];
    int type = config_setting_type(st), n = config_setting_length(st);
    if (type != CONFIG_TYPE_LIST && !(type == CONFIG_TYPE_ARRAY && n == 0)) {
        report(e, st, NULL, "expected a list of groups ( { ... }, ... ), found %s",
               describe(st, found, sizeof found));
        return -1;
    }
    if (n < min && max == INT_MAX)
        report(e, st, NULL, "expected %d or more %s, found %d", min, what, n);
    else if (n < min || n > max)
        report(e, st, NULL, "expected %d to %d %s, found %d", min, max, what, n);
    return n;
}

/* A list of 1 .. max groups (see list_entries). */
static int list_length(errs *e, const config_setting_t *st, const char *what, int max)
{
    return list_entries(e, st, what, 1, max);
}

/* A list of 0 .. max groups, where the empty list ( ) means none. */
static int list_length_or_none(errs *e, const config_setting_t *st, const char *what, int max)
{
    return list_entries(e, st, what, 0, max);
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
    int n = list_length(&rd->e, st, "stations", INT_MAX);
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
    int n = list_length(&rd->e, st, "beats", INT_MAX);
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
    int n = list_length(&rd->e, st, "incident types", SCENARIO_TYPES_MAX);
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
    int n = list_length(&rd->e, st, "officer groups", SCENARIO_GROUPS_MAX);
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

static void read_prevention(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, prevention_fields, NELEMS(prevention_fields), &rd->s->prevention, present);
}

/* One group of prevention (deterrence, patrol, ...), by its name. */
static void read_prevention_part(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    for (size_t k = 0; k < NELEMS(prevention_parts); k++) {
        const prevention_part *pp = &prevention_parts[k];
        if (!strcmp(config_setting_name(st), pp->name))
            read_fields(rd, st, pp->f, pp->nf, (char *)&rd->s->prevention + pp->offset, present);
    }
}

/* An auxiliaries list replaces the built-in one (empty); ( ) means none.
 * Each entry starts from generic_aux and must give its name and
 * per_1000_residents. */
static void read_aux(reading *rd, const config_setting_t *st)
{
    int n = list_length_or_none(&rd->e, st, "auxiliary groups", SCENARIO_AUX_MAX);
    if (n < 0)
        return; /* keep the built-in list */
    if (n > SCENARIO_AUX_MAX)
        n = SCENARIO_AUX_MAX;
    aux_group v[SCENARIO_AUX_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        generic_aux(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, aux_fields, NELEMS(aux_fields), &v[i], present) == 0)
            require(rd, el, aux_fields, NELEMS(aux_fields), present, REQ);
    }
    memcpy(rd->s->prevention.aux, v, (size_t)n * sizeof v[0]);
    rd->s->prevention.naux = n;
}

/* A crackdowns list replaces the built-in one (empty); ( ) means none.
 * Each entry starts from generic_crackdown and must give start_day and
 * days. */
static void read_crackdowns(reading *rd, const config_setting_t *st)
{
    int n = list_length_or_none(&rd->e, st, "crackdowns", SCENARIO_CRACKDOWNS_MAX);
    if (n < 0)
        return; /* keep the built-in list */
    if (n > SCENARIO_CRACKDOWNS_MAX)
        n = SCENARIO_CRACKDOWNS_MAX;
    crackdown v[SCENARIO_CRACKDOWNS_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        generic_crackdown(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, crackdown_fields, NELEMS(crackdown_fields), &v[i], present) == 0)
            require(rd, el, crackdown_fields, NELEMS(crackdown_fields), present, REQ);
        /* An entry whose period could not be read (reported) has none, so
           that the overlap check does not report it again. */
        if (given(crackdown_fields, NELEMS(crackdown_fields), present, "start_day") != 2 ||
            given(crackdown_fields, NELEMS(crackdown_fields), present, "days") != 2)
            v[i].days = 0;
    }
    memcpy(rd->s->prevention.crackdowns, v, (size_t)n * sizeof v[0]);
    rd->s->prevention.ncrackdowns = n;
}

/* baseline, variants, sweep and report are read by scenario_plan_read. */
static void read_plan_part(reading *rd, const config_setting_t *st)
{
    (void)rd;
    (void)st;
}

/* ---- checking -------------------------------------------------------------------- */

#define SCENE_CV_MAX 10 /* most scene_sd_min / scene_mean_min of a lognormal */

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
        case K_LEVEL:
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
            if ((len == 0 && !(fi->flags & EMPTY_OK)) || len == SCENARIO_NAME_MAX)
                complain(e, line, path, "expected text of 1 to %d characters, found \"%.*s\"",
                         SCENARIO_NAME_MAX - 1, (int)len, p);
            else if ((fi->flags & IDENT) && len && !ident_ok(p))
                complain(e, line, path, "expected %s, found \"%s\"", IDENT_TEXT, p);
            break;
        }
        case K_WEIGHTS: {
            const double *w = (const double *)p;
            double sum = 0;
            int ok = 1;
            for (int k = 0; k < fi->n; k++) {
                if (!in_range(&fi->r, w[k]) || ((fi->flags & WHOLE) && w[k] != floor(w[k]))) {
                    char elem[160];
                    snprintf(elem, sizeof elem, "%s.[%d]", path, k);
                    complain(e, line, elem, "expected %s, found %s",
                             describe_range(&fi->r, (fi->flags & WHOLE) != 0, want, sizeof want),
                             fmt_num(w[k], found));
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

/* A group's shares of proactive work must leave room for each other:
 * "... sum <= 1 ..." message when they overflow, else NULL. Shares out
 * of range (reported on their own) are not added up. */
static const char *work_problem(const officer_group *g, char *buf, size_t size)
{
    double sum = 0;
    for (int k = 0; k < WORK_KINDS; k++) {
        if (!(g->work[k] >= 0 && g->work[k] <= 1))
            return NULL;
        sum += g->work[k];
    }
    if (sum <= 1 + 1e-9) /* shares such as 0.7 + 0.2 + 0.1 add up to a hair over 1 */
        return NULL;
    snprintf(buf, size, "expected %d shares with a sum <= 1, found a sum of %.12g", WORK_KINDS,
             sum);
    return buf;
}

/* The officer groups: ranges, duplicate names, role/base/rule, work. */
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
        int role_ok = (int)g->role >= 0 && (int)g->role < (int)NELEMS(officer_role_names);
        const char *role = role_ok ? officer_role_names[g->role] : "?";
        if (g->role != ROLE_BEAT && g->base == BASE_OFFICE) {
            snprintf(path, sizeof path, "%s.base", prefix);
            complain(e, g->line, path, "expected station for role %s (office is for beat "
                                       "officers), found \"office\"", role);
        }
        if (g->role != ROLE_BEAT && g->rule == STAFF_PER_BEAT) {
            snprintf(path, sizeof path, "%s.rule", prefix);
            complain(e, g->line, path, "expected one of count, per_residents, per_households, "
                                       "on_duty for role %s (per_beat is for beat officers), "
                                       "found \"per_beat\"", role);
        }
        double lost = 0;
        for (int k = 0; k < ABSENCE_KINDS; k++)
            lost += g->absence_days[k] >= 0 && g->absence_days[k] <= 365 ? g->absence_days[k] : 0;
        if (!(lost < 250)) {
            snprintf(path, sizeof path, "%s.absence_days", prefix);
            complain(e, g->line, path, "expected %d numbers with a sum below 250 (the working "
                                       "days of a year), found a sum of %.12g", ABSENCE_KINDS,
                     lost);
        }
        if (g->rotation_office_days >= g->rotation_days && g->rotation_days >= 2 &&
            g->rotation_days <= 7) {
            snprintf(path, sizeof path, "%s.rotation_office_days", prefix);
            complain(e, g->line, path, "expected a whole number from 0 to %d (below "
                                       "rotation_days), found %d",
                     g->rotation_days - 1, g->rotation_office_days);
        }
        if (g->crew_with[0] && memchr(g->crew_with, '\0', SCENARIO_NAME_MAX)) {
            snprintf(path, sizeof path, "%s.crew_with", prefix);
            int j = 0;
            while (j < n && strncmp(s->groups[j].name, g->crew_with, SCENARIO_NAME_MAX))
                j++;
            if (!g->auxiliary)
                complain(e, g->line, path, "expected \"\" for a group of officers (crew_with is "
                                           "for auxiliary police), found \"%s\"", g->crew_with);
            else if (j == n || j == i || s->groups[j].auxiliary)
                complain(e, g->line, path, "expected the name of another group of officers "
                                           "(not auxiliary), found \"%s\"", g->crew_with);
            else if (s->groups[j].role != g->role)
                complain(e, g->line, path, "expected a group of role %s like this one, found "
                                           "\"%s\" of role %s", role, g->crew_with,
                         (int)s->groups[j].role >= 0 &&
                                 (int)s->groups[j].role < (int)NELEMS(officer_role_names)
                             ? officer_role_names[s->groups[j].role]
                             : "?");
        }
        char msg[128];
        if (work_problem(g, msg, sizeof msg)) {
            snprintf(path, sizeof path, "%s.work", prefix);
            complain(e, g->line, path, "%s", msg);
        }
    }
}

/* The prevention section: ranges, the two lists' lengths, unique names of
 * auxiliary groups, crackdowns that do not overlap. */
static void check_prevention(errs *e, const scenario *s, int fields)
{
    const prevention_params *p = &s->prevention;
    char prefix[64], path[96], a[32], b[32], c[32], d[32];
    if (fields) {
        check_fields(e, 0, "prevention", prevention_fields, NELEMS(prevention_fields), p, 0);
        for (size_t k = 0; k < NELEMS(prevention_parts); k++) {
            const prevention_part *pp = &prevention_parts[k];
            snprintf(prefix, sizeof prefix, "prevention.%s", pp->name);
            check_fields(e, 0, prefix, pp->f, pp->nf, (const char *)p + pp->offset, 0);
        }
    }

    int na = p->naux;
    if (na < 0 || na > SCENARIO_AUX_MAX) {
        complain(e, 0, "prevention.auxiliaries", "expected 0 to %d auxiliary groups, found %d",
                 SCENARIO_AUX_MAX, na);
        na = na < 0 ? 0 : SCENARIO_AUX_MAX;
    }
    for (int i = 0; i < na; i++) {
        const aux_group *x = &p->aux[i];
        snprintf(prefix, sizeof prefix, "prevention.auxiliaries.[%d]", i);
        if (fields)
            check_fields(e, x->line, prefix, aux_fields, NELEMS(aux_fields), x, 0);
        for (int j = 0; j < i && x->name[0]; j++) {
            if (!strncmp(x->name, p->aux[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                complain(e, x->line, path, "expected a name not used by "
                                           "prevention.auxiliaries.[%d], found \"%.*s\"",
                         j, SCENARIO_NAME_MAX - 1, x->name);
                break;
            }
        }
    }

    int nc = p->ncrackdowns;
    if (nc < 0 || nc > SCENARIO_CRACKDOWNS_MAX) {
        complain(e, 0, "prevention.crackdowns", "expected 0 to %d crackdowns, found %d",
                 SCENARIO_CRACKDOWNS_MAX, nc);
        nc = nc < 0 ? 0 : SCENARIO_CRACKDOWNS_MAX;
    }
    for (int i = 0; i < nc; i++) {
        const crackdown *x = &p->crackdowns[i];
        snprintf(prefix, sizeof prefix, "prevention.crackdowns.[%d]", i);
        if (fields)
            check_fields(e, x->line, prefix, crackdown_fields, NELEMS(crackdown_fields), x, 0);
        /* Periods [start_day, start_day + days) that cannot be read
           (reported above) are left out. */
        if (!(isfinite(x->start_day) && x->start_day >= 0 && isfinite(x->days) && x->days > 0))
            continue;
        for (int j = 0; j < i; j++) {
            const crackdown *y = &p->crackdowns[j];
            if (!(isfinite(y->start_day) && y->start_day >= 0 && isfinite(y->days) &&
                  y->days > 0) ||
                !(x->start_day < y->start_day + y->days && y->start_day < x->start_day + x->days))
                continue;
            char where[32] = "";
            if (y->line > 0)
                snprintf(where, sizeof where, "line %d: ", y->line);
            complain(e, x->line, prefix, "expected a campaign that does not overlap "
                                         "prevention.crackdowns.[%d] (%sdays %s to %s), found "
                                         "days %s to %s",
                     j, where, fmt_num(y->start_day, a), fmt_num(y->start_day + y->days, b),
                     fmt_num(x->start_day, c), fmt_num(x->start_day + x->days, d));
            break;
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
 * references, role/base/rule, work shares, overlapping crackdowns. type_lines, when not NULL, gives the line
 * of each incident type (the struct does not store it); e->root, when
 * set, places each message by its setting instead. Returns the number of
 * problems, which e counts too. */
static int check(errs *e, const scenario *s, const int *type_lines, int fields)
{
    int before = e->n;
    if (fields) {
        check_fields(e, 0, "", root_fields, NELEMS(root_fields), s, 0);
        check_fields(e, 0, "run", run_fields, NELEMS(run_fields), s, 0);
        check_fields(e, 0, "city.synthetic", synth_fields, NELEMS(synth_fields), &s->synth, 0);
        for (int k = 0; k < LAND_NTYPES; k++) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "land.%s", land_type_names[k]);
            check_fields(e, 0, prefix, land_fields, NELEMS(land_fields), &s->land[k], 0);
        }
        check_fields(e, 0, "incidents", incidents_fields, NELEMS(incidents_fields), s, 0);
        check_fields(e, 0, "dispatch", dispatch_fields, NELEMS(dispatch_fields), &s->dispatch, 0);
        char msg[128];
        if (shares_problem(&s->synth, msg, sizeof msg))
            complain(e, 0, "city.synthetic.mixed_share", "%s", msg);
    }
    const double *rv = s->dispatch.reserve;
    if (rv[0] > rv[1] || rv[1] > rv[2])
        complain(e, 0, "dispatch.reserve", "expected numbers that do not fall from priority "
                 "1 to 3 (a less urgent call keeps at least as many units in reserve), "
                 "found [ %.12g, %.12g, %.12g ]", rv[0], rv[1], rv[2]);

    int nt = s->ntypes;
    if (nt < 1 || nt > SCENARIO_TYPES_MAX) {
        complain(e, 0, "incidents.types", "expected 1 to %d incident types, found %d",
                 SCENARIO_TYPES_MAX, nt);
        nt = nt < 1 ? 0 : SCENARIO_TYPES_MAX;
    }
    for (int i = 0; i < nt; i++) {
        const incident_type *t = &s->types[i];
        int line = type_lines ? type_lines[i] : 0;
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "incidents.types.[%d]", i);
        if (fields)
            check_fields(e, line, prefix, type_fields, NELEMS(type_fields), t, 0);
        if (t->phone_share >= 0 && t->divert_share >= 0 &&
            t->phone_share + t->divert_share > 1 + 1e-9) {
            snprintf(path, sizeof path, "%s.divert_share", prefix);
            complain(e, line, path, "expected a share <= 1 - phone_share (%.12g), found %.12g",
                     1 - t->phone_share, t->divert_share);
        }
        for (int j = 0; j < i && t->name[0]; j++) {
            if (!strncmp(t->name, s->types[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                complain(e, line, path, "expected a name not used by incidents.types.[%d], "
                                        "found \"%.*s\"", j, SCENARIO_NAME_MAX - 1, t->name);
                break;
            }
        }
        /* A lognormal's sigma^2 = log(1 + (sd / mean)^2): a coefficient of
           variation of at most 10 keeps it finite and the scene times of
           the same order as the mean. */
        if (t->scene == SCENE_LOGNORMAL && t->scene_mean_min > 0 &&
            t->scene_sd_min > SCENE_CV_MAX * t->scene_mean_min) {
            char a[32], b[32];
            snprintf(path, sizeof path, "%s.scene_sd_min", prefix);
            complain(e, line, path, "expected at most %d x scene_mean_min (%s) for a lognormal "
                                    "scene, found %s", SCENE_CV_MAX,
                     fmt_num(SCENE_CV_MAX * t->scene_mean_min, a), fmt_num(t->scene_sd_min, b));
        }
    }
    check_groups(e, s, fields);
    check_city(e, s, fields);
    check_prevention(e, s, fields);
    return e->n - before;
}

int scenario_check(const scenario *s, FILE *err)
{
    errs e = {.out = err, .file = s->source};
    return check(&e, s, NULL, 1);
}

/* ---- setting paths --------------------------------------------------------------------- */

/* A path names a setting as the messages do: names and list indices
 * "[n]" joined by '.', e.g. "incidents.types.[2].hour_profile". */

/* Copies the token of path at *p (up to the next '.') into tok, cut to
 * size, sets *len to its full length and moves *p past it and its '.'.
 * Returns 1 if another token follows. */
static int path_token(const char **p, char *tok, size_t size, size_t *len)
{
    *len = strcspn(*p, ".");
    snprintf(tok, size, "%.*s", (int)*len, *p);
    int more = (*p)[*len] == '.';
    *p += *len + (size_t)more;
    return more;
}

/* n for the token "[n]" (len characters), or -1. */
static long path_index(const char *tok, size_t len)
{
    if (len < 3 || len > 11 || tok[0] != '[' || tok[len - 1] != ']')
        return -1;
    long n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (!isdigit((unsigned char)tok[i]))
            return -1;
        n = 10 * n + (tok[i] - '0');
    }
    return n;
}

/* The deepest setting on `path` from root that exists (root if none). */
static const config_setting_t *lookup_path(const config_setting_t *root, const char *path)
{
    const config_setting_t *st = root;
    char tok[128];
    size_t len;
    for (int more = *path != '\0'; more;) {
        more = path_token(&path, tok, sizeof tok, &len);
        int type = config_setting_type(st);
        const config_setting_t *next = NULL;
        if (tok[0] == '[' && (type == CONFIG_TYPE_LIST || type == CONFIG_TYPE_ARRAY) &&
            path_index(tok, len) >= 0)
            next = config_setting_get_elem(st, (unsigned)path_index(tok, len));
        else if (tok[0] != '[' && type == CONFIG_TYPE_GROUP && len < sizeof tok)
            next = config_setting_get_member(st, tok);
        if (!next)
            break;
        st = next;
    }
    return st;
}

/* ---- overrides ------------------------------------------------------------------------- */

/* An override PATH=VALUE changes the file's tree before it is read, so it
 * is checked exactly like the file. VALUE is parsed by libconfig on its
 * own ("v = VALUE;"); the groups missing on PATH are created; the setting
 * at PATH is replaced by a deep copy of the value, at the same place in
 * its group or list. Every setting an override makes is remembered with
 * the override's origin, and messages about it or anything under it name
 * that origin instead of a file and line (locate). */

typedef struct made_setting {
    const config_setting_t *st; /* made by an override */
    const char *origin;         /* the override's origin, borrowed */
} made_setting;

struct overrides {
    made_setting *v; /* malloc'd, oldest first */
    size_t n, cap;
    const config_setting_t *builtin; /* root of the built-in scenario's
                                        tree, or NULL */
};

/* The origin of the override that made st, or NULL. O(n): overrides are
 * few. */
static const char *made_by(const overrides *ov, const config_setting_t *st)
{
    for (size_t i = ov ? ov->n : 0; i-- > 0;)
        if (ov->v[i].st == st)
            return ov->v[i].origin;
    return NULL;
}

static int remember(overrides *ov, const config_setting_t *st, const char *origin)
{
    if (ov->n == ov->cap) {
        size_t cap = ov->cap ? 2 * ov->cap : 16;
        made_setting *v = realloc(ov->v, cap * sizeof *v);
        if (!v)
            return -1;
        ov->v = v;
        ov->cap = cap;
    }
    ov->v[ov->n++] = (made_setting){st, origin};
    return 0;
}

/* Forgets st and everything under it before libconfig frees them, so that
 * a new setting at a freed address is not taken for one of them. */
static void forget(overrides *ov, const config_setting_t *st)
{
    size_t k = 0;
    for (size_t i = 0; i < ov->n; i++) {
        const config_setting_t *p = ov->v[i].st;
        while (p && p != st)
            p = config_setting_parent(p);
        if (!p)
            ov->v[k++] = ov->v[i];
    }
    ov->n = k;
}

/* Adds to parent a deep copy of src called `name` (NULL in a list or
 * array). Returns it, or NULL when libconfig refuses the name. */
static config_setting_t *copy_setting(config_setting_t *parent, const char *name,
                                      const config_setting_t *src)
{
    int type = config_setting_type(src);
    config_setting_t *d = config_setting_add(parent, name, type);
    if (!d)
        return NULL;
    switch (type) {
    case CONFIG_TYPE_INT:
        config_setting_set_int(d, config_setting_get_int(src));
        break;
    case CONFIG_TYPE_INT64:
        config_setting_set_int64(d, config_setting_get_int64(src));
        break;
    case CONFIG_TYPE_FLOAT:
        config_setting_set_float(d, config_setting_get_float(src));
        break;
    case CONFIG_TYPE_BOOL:
        config_setting_set_bool(d, config_setting_get_bool(src));
        break;
    case CONFIG_TYPE_STRING:
        config_setting_set_string(d, config_setting_get_string(src));
        break;
    default: /* group, array, list */
        for (int i = 0; i < config_setting_length(src); i++) {
            const config_setting_t *el = config_setting_get_elem(src, (unsigned)i);
            if (!copy_setting(d, config_setting_name(el), el))
                return NULL;
        }
        break;
    }
    return d;
}

/* Moves the last member or element of st to index i. libconfig 1.5 only
 * appends, and finds members by name and indices by searching st's
 * element vector, so reordering that vector is safe. */
static void move_last_to(config_setting_t *st, unsigned i)
{
    config_list_t *l = st->value.list;
    config_setting_t *last = l->elements[l->length - 1];
    memmove(l->elements + i + 1, l->elements + i, (l->length - 1 - i) * sizeof *l->elements);
    l->elements[i] = last;
}

/* A problem of an override: "ORIGIN: PATH: message". */
static void PRINTF_LIKE(4, 5) blame(errs *e, const char *origin, const char *path,
                                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(e, origin, 0, path, fmt, ap);
    va_end(ap);
}

/* Walks `path` from root, creating missing groups, and replaces the
 * setting at its end by a copy of v; remembers every setting it makes.
 * A list the file does not give (so the built-in one applies) is first
 * copied from the built-in scenario, so that officers.[0].per reaches the
 * built-in first group of a file that lists no officers. Returns 0, or
 * -1 after reporting (and removing the settings it made). */
static int put(errs *e, overrides *ov, config_setting_t *root, const char *path,
               const config_setting_t *v, const char *origin)
{
    config_setting_t *st = root, *made = NULL; /* the first setting made */
    const config_setting_t *bst = ov->builtin; /* same place, built-in tree */
    const config_setting_t *copied = NULL;     /* a list copied from it */
    const char *p = path;
    char tok[128], where[256], found[128];
    for (int more = 1; more;) {
        size_t len, at = (size_t)(p - path);
        more = path_token(&p, tok, sizeof tok, &len);
        int index = tok[0] == '[', type = config_setting_type(st);
        snprintf(where, sizeof where, "%.*s", at ? (int)at - 1 : 13, at ? path : "the top level");
        if (index ? type != CONFIG_TYPE_LIST && type != CONFIG_TYPE_ARRAY
                  : type != CONFIG_TYPE_GROUP) {
            blame(e, origin, path, "expected %s at %s, found %s",
                  index ? "a list or array" : "a group", where, describe(st, found, sizeof found));
            goto fail;
        }
        config_setting_t *next = NULL;
        if (index) {
            int n = config_setting_length(st);
            long i = path_index(tok, len);
            if (i < 0 || i >= n) {
                int cut = len >= 2 && len < sizeof tok && tok[len - 1] == ']';
                snprintf(found, sizeof found, "%.*s", cut ? (int)len - 2 : (int)len, tok + cut);
                if (n)
                    blame(e, origin, path, "expected an index from 0 to %d, found %s", n - 1, found);
                else
                    blame(e, origin, path, "expected no index (%s is empty), found %s", where, found);
                goto fail;
            }
            next = config_setting_get_elem(st, (unsigned)i);
            /* The file's own lists replace the built-in ones whole: their
               elements match no built-in element by position (the file's
               first type need not be burglary). Only inside a list just
               copied from the built-in tree do positions correspond. */
            bst = bst && st == copied &&
                          (config_setting_is_list(bst) || config_setting_is_array(bst))
                      ? config_setting_get_elem(bst, (unsigned)i)
                      : NULL;
        } else if (len < sizeof tok) {
            next = config_setting_get_member(st, tok);
            bst = bst && config_setting_is_group(bst) ? config_setting_get_member(bst, tok) : NULL;
            if (!next && more && bst &&
                (config_setting_is_list(bst) || config_setting_is_array(bst))) {
                next = copy_setting(st, tok, bst);
                if (!next || remember(ov, next, origin) != 0) {
                    blame(e, origin, path, "out of memory");
                    goto fail;
                }
                made = made ? made : next;
                copied = next;
            }
        } else {
            bst = NULL;
        }
        if (next && more) {
            st = next;
            continue;
        }
        if (!more) { /* replace the setting at the end of the path, in place */
            unsigned i = next ? (unsigned)config_setting_index(next) : 0;
            int old = next != NULL;
            if (old) {
                forget(ov, next);
                config_setting_remove_elem(st, i);
            }
            next = len < sizeof tok ? copy_setting(st, index ? NULL : tok, v) : NULL;
            if (next && old)
                move_last_to(st, i);
        } else if (*p == '[') {
            blame(e, origin, path, "expected a list or array at %.*s, found nothing",
                  (int)(at + len), path);
            goto fail;
        } else if (len < sizeof tok) {
            next = config_setting_add(st, tok, CONFIG_TYPE_GROUP);
            made = made ? made : next;
        }
        if (!next) {
            snprintf(found, sizeof found, len ? "\"%.*s\"" : "nothing", (int)len, path + at);
            blame(e, origin, path, "expected a name of letters, digits, '_' and '-' starting "
                                   "with a letter, found %s", found);
            goto fail;
        }
        if (remember(ov, next, origin) != 0) {
            blame(e, origin, path, "out of memory");
            goto fail;
        }
        st = next;
    }
    return 0;
fail:
    if (made) {
        forget(ov, made);
        config_setting_remove_elem(config_setting_parent(made), (unsigned)config_setting_index(made));
    }
    return -1;
}

/* text[0 .. *len) without spaces at either end; sets *len. */
static const char *trim(const char *text, size_t *len)
{
    while (*len && isspace((unsigned char)*text)) {
        text++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)text[*len - 1]))
        (*len)--;
    return text;
}

/* Applies override `set` to the tree under root. Returns 0, or -1 after
 * reporting. */
static int apply_set(errs *e, overrides *ov, config_setting_t *root, const scenario_set *set)
{
    const char *origin = set->origin ? set->origin : "--set";
    const char *text = set->text ? set->text : "", *eq = strchr(text, '=');
    size_t plen = eq ? (size_t)(eq - text) : 0, vlen = eq ? strlen(eq + 1) : 0;
    const char *ptext = trim(text, &plen), *value = eq ? trim(eq + 1, &vlen) : "";
    char path[256];
    char shown[SCENARIO_SHOW_SIZE];
    if (plen == 0 || plen >= sizeof path) {
        blame(e, origin, "", plen ? "expected a setting path of up to 255 characters, found \"%s\""
                                  : "expected PATH=VALUE (e.g. run.days=30), found \"%s\"",
              scenario_show(text, shown));
        return -1;
    }
    snprintf(path, sizeof path, "%.*s", (int)plen, ptext);
    /* An incident type's name decides which built-in defaults it starts
       from: renaming one by an override would give different settings
       when the resolved file (every setting written) is run again. */
    if (!strncmp(path, "incidents.types.[", 17)) {
        const char *close = strchr(path + 17, ']');
        if (close && !strcmp(close, "].name")) {
            blame(e, origin, path, "expected a setting other than a type's name (the name "
                                   "chooses the type's defaults: replace the whole type "
                                   "instead), found %s", path);
            return -1;
        }
    }
    /* The experiment section is read from the file only: an override of
       it would be silently ignored. */
    size_t head = strcspn(path, ".[");
    if ((head == 8 && !strncmp(path, "variants", 8)) || (head == 5 && !strncmp(path, "sweep", 5)) ||
        (head == 8 && !strncmp(path, "baseline", 8)) || (head == 6 && !strncmp(path, "report", 6))) {
        blame(e, origin, path, "expected a scenario setting (variants, baseline, sweep and "
                               "report are read from the file only), found %.*s", (int)head, path);
        return -1;
    }

    /* One setting `v`, read from one line: no room for a second setting
     * or an @include. */
    config_t tmp;
    config_init(&tmp);
    const config_setting_t *v = NULL;
    char *src = malloc(vlen + 8);
    if (src && vlen && !memchr(value, '\n', vlen)) {
        snprintf(src, vlen + 8, "v = %.*s;", (int)vlen, value);
        if (config_read_string(&tmp, src) && config_setting_length(config_root_setting(&tmp)) == 1)
            v = config_setting_get_elem(config_root_setting(&tmp), 0);
    }
    free(src);
    int rc = -1;
    if (!v) {
        char cut[72]; /* the value (not NUL-terminated), to 65 bytes: shown cut */
        snprintf(cut, sizeof cut, "%.*s", (int)(vlen > 65 ? 65 : vlen), value);
        blame(e, origin, path, "expected a value in scenario-file syntax (e.g. 3000, 0.5, "
                               "\"text\", true, [1.0, 2.0]), found %s",
              vlen ? scenario_show(cut, shown) : "nothing");
    }
    else
        rc = put(e, ov, root, path, v, origin);
    config_destroy(&tmp);
    return rc;
}

/* ---- the text of a scenario file ---------------------------------------------------------- */

/* libconfig 1.5 reads with a flex scanner whose time grows with the
 * square of the length of one token (a string, name, number, comment or
 * run of spaces of 2 MB takes 5 s), that ends the program (exit) when an
 * included path is a folder or cannot be read, and that would wait on a
 * pipe or read a device for ever. So a scenario file is read into memory
 * once, and it and every file it includes are checked before libconfig
 * sees them: at most SCENARIO_TEXT_MAX bytes in all, no NUL byte, lines
 * and strings of at most SCENARIO_LINE_MAX characters, and every
 * @include naming a regular file that can be read, at most
 * INCLUDE_DEPTH_MAX deep. Included files are read again by libconfig at
 * every parse (1.5 offers no hook to hand it their text). The lexer below
 * follows libconfig's scanner.l: comments, strings with their escapes,
 * and @include at the start of a line. */

#define INCLUDE_DEPTH_MAX 10 /* libconfig 1.5's MAX_INCLUDE_DEPTH */

const char *scenario_show(const char *text, char buf[SCENARIO_SHOW_SIZE])
{
    size_t n = 0;
    for (; text[n] && n < 64; n++)
        buf[n] = (unsigned char)text[n] < 0x20 || text[n] == 0x7f ? '?' : text[n];
    /* C1 control characters (U+0080 .. U+009F) are written 0xC2 0x80-0x9F
       in UTF-8; a terminal may act on them like on ESC. */
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)buf[i] == 0xc2 && (unsigned char)buf[i + 1] >= 0x80 &&
            (unsigned char)buf[i + 1] <= 0x9f)
            buf[i] = buf[i + 1] = '?';
    if (n == 64 && (unsigned char)buf[63] == 0xc2)
        buf[63] = '?';
    snprintf(buf + n, SCENARIO_SHOW_SIZE - n, "%s", text[n] ? "..." : "");
    return buf;
}

/* Reads the file `path` whole into *out (malloc'd, NUL-terminated, *len
 * bytes before the NUL), refusing more than max bytes. Returns 0, or -1
 * with errno set (EFBIG: longer than max). */
static int read_all(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    int rc = buf ? 0 : -1;
    while (rc == 0) {
        if (n + 1 >= cap) {
            size_t want = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *b = want > cap ? realloc(buf, want) : NULL;
            if (!b) {
                errno = want > cap ? ENOMEM : EFBIG;
                rc = -1;
                break;
            }
            buf = b;
            cap = want;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n > max) {
            errno = EFBIG;
            rc = -1;
        } else if (got == 0) {
            if (ferror(f)) {
                if (!errno)
                    errno = EIO;
                rc = -1;
            }
            break;
        }
    }
    int saved = errno;
    fclose(f);
    if (rc != 0) {
        free(buf);
        errno = saved;
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Where the checks of a file's text stand. */
typedef struct text_scan {
    FILE *err;    /* messages */
    const char *dir; /* the top file's folder (includes are found there), or NULL */
    size_t total; /* bytes of the top file and its included files so far */
    int n;        /* problems */
} text_scan;

static int scan_text(text_scan *sc, const char *name, const char *text, size_t len, int depth);

/* Checks the file that `@include "inc"` names (at `line` of file `name`,
 * the depth-th nested include) and what it includes in turn. */
static void scan_include(text_scan *sc, const char *name, int line, const char *inc, int depth)
{
    char shown[SCENARIO_SHOW_SIZE], path[4096];
    scenario_show(inc, shown);
    if (depth > INCLUDE_DEPTH_MAX) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected includes nested at most "
                       "%d deep, found more", shown, INCLUDE_DEPTH_MAX);
        sc->n++;
        return;
    }
    int w = sc->dir ? snprintf(path, sizeof path, "%s/%s", sc->dir, inc)
                    : snprintf(path, sizeof path, "%s", inc);
    struct stat st;
    const char *what = NULL;
    if (!*inc || w < 0 || (size_t)w >= sizeof path) {
        what = *inc ? "a name of up to 4095 characters" : "a file name";
    } else if (stat(path, &st) != 0) {
        scenario_error(sc->err, name, line, "@include \"%s\": cannot read the file: %s", shown,
                       strerror(errno));
        sc->n++;
        return;
    } else if (!S_ISREG(st.st_mode)) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected a file, found %s", shown,
                       S_ISDIR(st.st_mode) ? "a folder" : "a device, pipe or socket");
        sc->n++;
        return;
    }
    if (what) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected %s", shown, what);
        sc->n++;
        return;
    }
    char *text;
    size_t len;
    if (read_all(path, SCENARIO_TEXT_MAX - sc->total, &text, &len) != 0) {
        if (errno == EFBIG)
            scenario_error(sc->err, name, line, "@include \"%s\": expected at most %u bytes of "
                           "scenario text with the included files, found more", shown,
                           SCENARIO_TEXT_MAX);
        else
            scenario_error(sc->err, name, line, "@include \"%s\": cannot read the file: %s",
                           shown, strerror(errno));
        sc->n++;
        return;
    }
    sc->total += len;
    /* Messages name an included file as libconfig does (file_name). */
    scan_text(sc, path, text, len, depth);
    free(text);
}

/* Checks `text` (len bytes) of the file called `name` in messages, then
 * the files it includes (it is itself the depth-th nested include, 0 for
 * the top file). Returns the problems found so far. */
static int scan_text(text_scan *sc, const char *name, const char *text, size_t len, int depth)
{
    enum { NORMAL, STRING, COMMENT, LINE_COMMENT } state = NORMAL;
    int line = 1, string_line = 0;
    size_t line_start = 0, string_start = 0;
    int blank = 1; /* only spaces and tabs so far on this line, in NORMAL */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\0') {
            scenario_error(sc->err, name, line, "expected text, found a NUL byte");
            return ++sc->n;
        }
        if (i - line_start >= SCENARIO_LINE_MAX) {
            size_t e = i;
            while (e < len && text[e] != '\n')
                e++;
            scenario_error(sc->err, name, line, "expected lines of at most %d characters, "
                           "found %zu", SCENARIO_LINE_MAX, e - line_start);
            return ++sc->n;
        }
        if (state == STRING && i - string_start > SCENARIO_LINE_MAX) {
            scenario_error(sc->err, name, string_line, "expected strings of at most %d "
                           "characters, found more", SCENARIO_LINE_MAX);
            return ++sc->n;
        }
        if (c == '\n') {
            line++;
            line_start = i + 1;
            if (state == LINE_COMMENT)
                state = NORMAL;
            blank = state == NORMAL;
            continue;
        }
        switch (state) {
        case LINE_COMMENT:
            break;
        case COMMENT:
            if (c == '*' && i + 1 < len && text[i + 1] == '/') {
                state = NORMAL;
                i++;
            }
            break;
        case STRING:
            if (c == '\\' && i + 1 < len && (text[i + 1] == '"' || text[i + 1] == '\\'))
                i++;
            else if (c == '"')
                state = NORMAL;
            break;
        case NORMAL:
            if (c == ' ' || c == '\t')
                break;
            if (blank && c == '@' && len - i > 9 && !strncmp(text + i, "@include", 8) &&
                (text[i + 8] == ' ' || text[i + 8] == '\t')) {
                /* include_open: ^[ \t]*@include[ \t]+\" */
                size_t j = i + 8;
                while (j < len && (text[j] == ' ' || text[j] == '\t'))
                    j++;
                if (j < len && text[j] == '"') {
                    /* the name, with libconfig's escapes \\ and \" */
                    char inc[4096];
                    size_t k = 0, q = j + 1;
                    int ok = 1;
                    for (; q < len && text[q] != '"' && text[q] != '\n' && ok; q++) {
                        char ch = text[q];
                        if (ch == '\\') {
                            if (q + 1 < len && (text[q + 1] == '\\' || text[q + 1] == '"'))
                                ch = text[++q];
                            else
                                ok = 0; /* libconfig has no rule for it */
                        }
                        if (ch == '\0')
                            ok = 0;
                        if (k + 1 < sizeof inc)
                            inc[k++] = ch;
                    }
                    inc[k] = '\0';
                    if (q >= len || text[q] != '"' || !ok) {
                        scenario_error(sc->err, name, line, "@include: expected a file name "
                                       "in quotes on one line, found %s",
                                       ok ? "no closing quote" : "a '\\' before another character");
                        return ++sc->n;
                    }
                    scan_include(sc, name, line, inc, depth + 1);
                    i = q;
                    blank = 0;
                    break;
                }
            }
            blank = 0;
            if (c == '"') {
                state = STRING;
                string_start = i;
                string_line = line;
            } else if (c == '#' || (c == '/' && i + 1 < len && text[i + 1] == '/')) {
                state = LINE_COMMENT;
            } else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
                state = COMMENT;
                i++;
            }
            break;
        }
    }
    return sc->n;
}

int scenario_text_set(scenario_text *t, const char *path, const char *data, size_t len,
                      FILE *err)
{
    memset(t, 0, sizeof *t);
    if (len > SCENARIO_TEXT_MAX) {
        scenario_error(err, path, 0, "expected a scenario file of at most %u bytes, found %zu",
                       SCENARIO_TEXT_MAX, len);
        return -1;
    }
    t->path = strdup(path);
    t->buf = malloc(len + 1);
    if (!t->path || !t->buf) {
        scenario_error(err, path, 0, "out of memory");
        scenario_text_free(t);
        return -1;
    }
    memcpy(t->buf, data, len);
    t->buf[len] = '\0';
    t->text = t->buf;
    t->len = len;
    if (scenario_text_check(t, err) != 0) {
        scenario_text_free(t);
        return -1;
    }
    return 0;
}

int scenario_text_check(const scenario_text *t, FILE *err)
{
    if (!t->path)
        return 0; /* the built-in text */
    const char *slash = strrchr(t->path, '/');
    char *dir = slash ? strndup(t->path, (size_t)(slash - t->path)) : NULL;
    if (slash && !dir) {
        scenario_error(err, t->path, 0, "out of memory");
        return -1;
    }
    text_scan sc = {.err = err, .dir = dir, .total = t->len};
    scan_text(&sc, t->path, t->text, t->len, 0);
    free(dir);
    return sc.n ? -1 : 0;
}

int scenario_text_read(scenario_text *t, const char *path, FILE *err)
{
    memset(t, 0, sizeof *t);
    if (!path) {
        t->text = scenario_builtin_text;
        t->len = strlen(scenario_builtin_text);
        return 0;
    }
    char *text;
    size_t len;
    if (read_all(path, SCENARIO_TEXT_MAX, &text, &len) != 0) {
        if (errno == EFBIG)
            scenario_error(err, path, 0, "expected a scenario file of at most %u bytes, found "
                           "more", SCENARIO_TEXT_MAX);
        else
            scenario_error(err, path, 0, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    t->path = strdup(path);
    t->text = t->buf = text;
    t->len = len;
    if (!t->path) {
        scenario_error(err, path, 0, "out of memory");
        scenario_text_free(t);
        return -1;
    }
    if (scenario_text_check(t, err) != 0) {
        scenario_text_free(t);
        return -1;
    }
    return 0;
}

void scenario_text_free(scenario_text *t)
{
    free(t->buf);
    free(t->path);
    memset(t, 0, sizeof *t);
}

/* ---- reading a file's tree ------------------------------------------------------------ */

/* A scenario file as libconfig read it, and what its messages need. */
typedef struct tree {
    config_t cfg; /* the file's settings */
    errs e;       /* messages about them (e.root set once read) */
    char *dir;    /* malloc'd folder of the file, or NULL */
} tree;

static void tree_free(tree *t)
{
    config_destroy(&t->cfg);
    free(t->dir);
    t->dir = NULL;
}

/* Reads the text x into t, its @include resolved in the folder of its
 * file (x->path; NULL: the built-in text). Returns 0, or -1 after
 * reporting to err (then t holds nothing). */
static int tree_read(tree *t, const scenario_text *x, FILE *err)
{
    const char *path = x->path;
    memset(t, 0, sizeof *t);
    config_init(&t->cfg);
    t->e = (errs){.out = err, .file = path ? path : "built-in"};
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (slash) {
        t->dir = strndup(path, (size_t)(slash - path));
        if (!t->dir) {
            scenario_error(err, path, 0, "out of memory");
            tree_free(t);
            return -1;
        }
        config_set_include_dir(&t->cfg, t->dir);
        t->e.dir = t->dir;
    }
    if (config_read_string(&t->cfg, x->text)) {
        t->e.root = config_root_setting(&t->cfg);
        return 0;
    }
    char name[512];
    scenario_error(err, file_name(&t->e, config_error_file(&t->cfg), name, sizeof name),
                   config_error_line(&t->cfg), "%s", config_error_text(&t->cfg));
    tree_free(t);
    return -1;
}

/* ---- loading ---------------------------------------------------------------------------- */

int scenario_load(scenario *s, const char *path, FILE *err)
{
    return scenario_load_set(s, path, NULL, 0, err);
}

int scenario_load_set(scenario *s, const char *path, const scenario_set *sets, size_t nsets,
                      FILE *err)
{
    scenario_text x;
    if (scenario_text_read(&x, path, err) != 0) {
        scenario_defaults(s);
        return -1;
    }
    int rc = scenario_load_text(s, &x, sets, nsets, err);
    scenario_text_free(&x);
    return rc;
}

int scenario_load_text(scenario *s, const scenario_text *x, const scenario_set *sets,
                       size_t nsets, FILE *err)
{
    const char *path = x->path;
    scenario_defaults(s);
    if (path) {
        snprintf(s->source, sizeof s->source, "%s", path);
        /* The name defaults to the file's base name without its extension. */
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        size_t len = strcspn(base, ".");
        if (len > 0)
            snprintf(s->name, sizeof s->name, "%.*s", (int)len, base);
    }
    tree t;
    if (tree_read(&t, x, err) != 0)
        return -1;
    overrides ov = {0};
    t.e.ov = &ov;
    config_setting_t *root = config_root_setting(&t.cfg);
    config_t builtin;
    config_init(&builtin);
    if (nsets)
        ov.builtin = path ? (config_read_string(&builtin, scenario_builtin_text)
                                 ? config_root_setting(&builtin)
                                 : NULL)
                          : root;
    for (size_t i = 0; i < nsets; i++)
        apply_set(&t.e, &ov, root, &sets[i]);
    config_destroy(&builtin);

    reading rd = {.e = t.e, .s = s};
    unsigned char present[FIELDS_MAX];
    read_fields(&rd, root, root_fields, NELEMS(root_fields), s, present);
    check(&rd.e, s, rd.type_lines, 0);
    free(ov.v);
    tree_free(&t);
    if (rd.e.n) {
        scenario_free(s);
        return -1;
    }
    return 0;
}

/* ---- numbers and text in scenario-file syntax ------------------------------------------ */

/* v in the shortest form that reads back as the same double, without an
 * exponent below 1e17 ("0.1", "3000", "1e+300"). */
static const char *fmt_exact(double v, char buf[40])
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, 40, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    const char *x = strchr(buf, 'e');
    if (x && atoi(x + 1) >= 0 && atoi(x + 1) < 17) {
        snprintf(buf, 40, "%.*g", atoi(x + 1) + 1, v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, 40, "%.17g", v);
    }
    return buf;
}

/* v as a libconfig float: fmt_exact, with ".0" after a whole number. */
static const char *fmt_float(double v, char buf[40])
{
    fmt_exact(v, buf);
    if (!strpbrk(buf, ".eni"))
        strcat(buf, ".0");
    return buf;
}

/* v as a libconfig integer, with "L" outside the range of int, where
 * libconfig 1.5 would otherwise wrap it. */
static const char *fmt_whole(long long v, char buf[40])
{
    snprintf(buf, 40, "%lld%s", v, v > INT_MAX || v < INT_MIN ? "L" : "");
    return buf;
}

/* Character c as it goes inside a scenario-file string (libconfig's
 * escapes \" \\ \n \r \t \f \xNN). */
static const char *escape(unsigned char c, char piece[8])
{
    static const char from[] = "\"\\\n\r\t\f", to[] = "\"\\nrtf";
    const char *k = c ? strchr(from, c) : NULL;
    if (k)
        snprintf(piece, 8, "\\%c", to[k - from]);
    else if (c < 0x20 || c == 0x7f)
        snprintf(piece, 8, "\\x%02x", c);
    else
        snprintf(piece, 8, "%c", c);
    return piece;
}

/* t as a scenario-file string "...", into buf like snprintf: returns the
 * length of the whole text. */
static size_t quote(const char *t, char *buf, size_t size)
{
    char piece[8];
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    for (const char *c = t - 1; c == t - 1 || *c; c++) {
        const char *add = c < t ? "\"" : escape((unsigned char)*c, piece);
        if (n < size)
            snprintf(buf + n, size - n, "%s", add);
        n += strlen(add);
    }
    if (n + 1 < size)
        strcat(buf, "\"");
    return n + 1;
}

static void write_string(FILE *f, const char *t)
{
    char piece[8];
    fputc('"', f);
    for (; *t; t++)
        fputs(escape((unsigned char)*t, piece), f);
    fputc('"', f);
}

/* A double as a sweep value: fmt_exact, so 3000.0 is "3000" (read back as
 * a whole number, which every number setting takes), but with ".0" where
 * libconfig 1.5 would wrap the whole number ("3000000000.0"). */
static const char *fmt_value(double v, char buf[40])
{
    fmt_exact(v, buf);
    if (!strpbrk(buf, ".eni") && (v > INT_MAX || v < INT_MIN))
        strcat(buf, ".0");
    return buf;
}

/* The text of scalar st in scenario-file syntax ("3000", "0.5",
 * "\"office\"", "true"), cut to size; NULL if st is no scalar. */
static const char *value_text(const config_setting_t *st, char *buf, size_t size)
{
    char num[40];
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        snprintf(buf, size, "%s", fmt_whole(config_setting_get_int64(st), num));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, size, "%s", fmt_value(config_setting_get_float(st), num));
        break;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, size, "%s", config_setting_get_bool(st) ? "true" : "false");
        break;
    case CONFIG_TYPE_STRING:
        quote(config_setting_get_string(st), buf, size);
        break;
    default:
        return NULL;
    }
    return buf;
}

/* ---- the experiment section ------------------------------------------------------------ */

#define SWEEP_MAX 10000    /* values of one sweep */
#define VARIANTS_MAX 10000 /* variants of a plan, sweep values combined in */
#define ORIGIN_MAX 800  /* "FILE:LINE: PATH" of an override */

/* Member names, for unknown-setting messages. */
static const field variant_fields[] = {{.name = "name"}, {.name = "set"}};
static const field sweep_fields[] = {{.name = "setting"}, {.name = "values"}, {.name = "from"},
                                     {.name = "to"}, {.name = "step"}};
enum { SW_SETTING, SW_VALUES, SW_FROM, SW_TO, SW_STEP };

/* Sets found[i] to the member of group g that f[i] names (NULL if absent)
 * and reports the others. Returns 0, or -1 after reporting if g is no
 * group. */
static int members(errs *e, const config_setting_t *g, const field *f, size_t nf,
                   const config_setting_t **found)
{
    char what[128];
    if (!config_setting_is_group(g)) {
        report(e, g, NULL, "expected a group, found %s", describe(g, what, sizeof what));
        return -1;
    }
    for (size_t i = 0; i < nf; i++)
        found[i] = config_setting_get_member(g, f[i].name);
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        size_t k = 0;
        while (k < nf && strcmp(f[k].name, config_setting_name(m)))
            k++;
        if (k == nf)
            unknown(e, m, f, nf);
    }
    return 0;
}

/* Copies text setting st, member `member` of g (st NULL: absent), of 1 to
 * size - 1 characters into buf. Returns 0, or -1 after reporting. */
static int read_text(errs *e, const config_setting_t *g, const char *member,
                     const config_setting_t *st, char *buf, size_t size)
{
    char found[128];
    const char *t = st && config_setting_type(st) == CONFIG_TYPE_STRING
                        ? config_setting_get_string(st)
                        : NULL;
    if (t && *t && strlen(t) < size && printable(t)) {
        memcpy(buf, t, strlen(t) + 1);
        return 0;
    }
    if (t && *t && strlen(t) < size) {
        report(e, st, NULL, "expected text without control characters, found %s",
               describe(st, found, sizeof found));
        return -1;
    }
    if (st)
        report(e, st, NULL, "expected text of 1 to %zu characters, found %s", size - 1,
               describe(st, found, sizeof found));
    else
        report(e, g, member, "expected text of 1 to %zu characters, found nothing", size - 1);
    return -1;
}

/* "FILE:LINE: PATH" of setting st, the origin of the override it gives. */
static const char *origin_of(const errs *e, const config_setting_t *st, char buf[ORIGIN_MAX])
{
    char name[512], path[256];
    int line;
    const char *file = locate(e, st, &line, name, sizeof name);
    setting_path(st, NULL, path, sizeof path);
    if (line)
        snprintf(buf, ORIGIN_MAX, "%s:%d: %s", file, line, path);
    else
        snprintf(buf, ORIGIN_MAX, "%s: %s", file, path);
    return buf;
}

/* Packs copies of sets a[0 .. na) and then *extra (if not NULL) with their
 * strings into one malloc'd block, which free() releases whole. Returns
 * 0 (*out NULL when there are none), or -1 when out of memory. */
static int pack_sets(const scenario_set *a, size_t na, const scenario_set *extra,
                     scenario_set **out)
{
    size_t n = na + (extra != NULL), size = n * sizeof **out;
    for (size_t i = 0; i < n; i++) {
        const scenario_set *x = i < na ? &a[i] : extra;
        size += strlen(x->text) + strlen(x->origin) + 2;
    }
    *out = NULL;
    if (!n)
        return 0;
    scenario_set *v = malloc(size);
    if (!v)
        return -1;
    char *p = (char *)(v + n);
    for (size_t i = 0; i < n; i++) {
        const scenario_set *x = i < na ? &a[i] : extra;
        v[i].text = p;
        p = stpcpy(p, x->text) + 1;
        v[i].origin = p;
        p = stpcpy(p, x->origin) + 1;
    }
    *out = v;
    return 0;
}

/* A variant's `set`: a list or array of texts "PATH=VALUE". */
static void read_sets(errs *e, const config_setting_t *st, scenario_variant *v)
{
    char found[128];
    int type = config_setting_type(st);
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
        report(e, st, NULL, "expected a list of texts [ \"PATH=VALUE\", ... ], found %s",
               describe(st, found, sizeof found));
        return;
    }
    size_t n = (size_t)config_setting_length(st);
    scenario_set *tmp = calloc(n ? n : 1, sizeof *tmp);
    char (*origin)[ORIGIN_MAX] = malloc((n ? n : 1) * sizeof *origin);
    int bad = !tmp || !origin;
    for (size_t j = 0; j < n && tmp && origin; j++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)j);
        if (config_setting_type(el) != CONFIG_TYPE_STRING) {
            report(e, el, NULL, "expected text \"PATH=VALUE\", found %s",
                   describe(el, found, sizeof found));
            bad = 1;
            continue;
        }
        tmp[j] = (scenario_set){config_setting_get_string(el), origin_of(e, el, origin[j])};
    }
    if (!bad && pack_sets(tmp, n, NULL, &v->sets) != 0)
        bad = 2;
    if (bad == 2 || !tmp || !origin)
        report(e, st, NULL, "out of memory");
    v->nsets = bad ? 0 : n;
    free(tmp);
    free(origin);
}

static void read_variants(errs *e, const config_setting_t *st, scenario_plan *p)
{
    int n = list_length(e, st, "variants", INT_MAX);
    if (n <= 0)
        return;
    p->listed = calloc((size_t)n, sizeof *p->listed);
    if (!p->listed) {
        report(e, st, NULL, "out of memory");
        return;
    }
    p->nlisted = (size_t)n;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i), *m[2];
        scenario_variant *v = &p->listed[i];
        if (members(e, el, variant_fields, NELEMS(variant_fields), m) != 0)
            continue;
        if (read_text(e, el, "name", m[0], v->name, sizeof v->name) == 0) {
            for (int j = 0; j < i; j++) {
                if (!strcmp(v->name, p->listed[j].name)) {
                    report(e, m[0], NULL, "expected a name not used by variants.[%d], found \"%s\"",
                           j, v->name);
                    break;
                }
            }
        }
        if (m[1])
            read_sets(e, m[1], v);
    }
}

/* `baseline`: the name of a listed variant ("baseline" without a list). */
static void read_baseline(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const char *t = config_setting_type(st) == CONFIG_TYPE_STRING ? config_setting_get_string(st)
                                                                  : NULL;
    size_t n = p->nlisted ? p->nlisted : 1, k = 0;
    while (t && k < n && strcmp(t, p->nlisted ? p->listed[k].name : "baseline"))
        k++;
    if (t && k < n) {
        p->listed_baseline = k;
        return;
    }
    char names[512], found[128];
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof names; i++) {
        int w = snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                         p->nlisted ? p->listed[i].name : "baseline");
        len += w > 0 ? (size_t)w : 0;
    }
    report(e, st, NULL, "expected the name of a variant (%s%s), found %s", n > 1 ? "one of " : "",
           names, describe(st, found, sizeof found));
}

/* Makes room for n sweep values; 0, or -1 after reporting. */
static int alloc_values(errs *e, const config_setting_t *st, scenario_plan *p, size_t n)
{
    p->sweep_values = calloc(n, sizeof *p->sweep_values);
    if (!p->sweep_values) {
        report(e, st, NULL, "out of memory");
        return -1;
    }
    p->nsweep = n;
    return 0;
}

/* A sweep value and its index, to find duplicates. */
typedef struct value_ref {
    const char *text; /* borrowed from the plan */
    size_t i;         /* index in sweep.values */
} value_ref;

static int cmp_value_ref(const void *a, const void *b)
{
    const value_ref *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* sweep.values: numbers, text or booleans, all different. */
static void read_values(errs *e, const config_setting_t *st, scenario_plan *p)
{
    char found[128], text[512];
    int type = config_setting_type(st), n = config_setting_length(st);
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
        report(e, st, NULL, "expected a list of values [ ... ] or ( ... ), found %s",
               describe(st, found, sizeof found));
        return;
    }
    if (n < 1 || n > SWEEP_MAX) {
        report(e, st, NULL, "expected 1 to %d values, found %d", SWEEP_MAX, n);
        return;
    }
    if (alloc_values(e, st, p, (size_t)n) != 0)
        return;
    int bad = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        if (!value_text(el, text, sizeof text)) {
            report(e, el, NULL, "expected a number, text or true/false, found %s",
                   describe(el, found, sizeof found));
            bad = 1;
        } else if (!(p->sweep_values[i] = strdup(text))) {
            report(e, el, NULL, "out of memory");
            return;
        }
    }
    value_ref *v = bad ? NULL : malloc((size_t)n * sizeof *v);
    for (size_t i = 0; v && i < (size_t)n; i++)
        v[i] = (value_ref){p->sweep_values[i], i};
    if (v)
        qsort(v, (size_t)n, sizeof *v, cmp_value_ref);
    for (size_t i = 1, first = 0; v && i < (size_t)n; i++) {
        if (strcmp(v[i].text, v[i - 1].text)) {
            first = i;
            continue;
        }
        report(e, config_setting_get_elem(st, (unsigned)v[i].i), NULL,
               "expected a value not used by sweep.values.[%zu], found %s", v[first].i, v[i].text);
    }
    free(v);
}

/* sweep.from, .to, .step (r[0 .. 2], NULL when absent). */
static void read_range(errs *e, const config_setting_t *sw, const config_setting_t *const *r,
                       scenario_plan *p)
{
    static const char *const names[3] = {"from", "to", "step"};
    char found[128], num[40];
    double x[3];
    int ok = 1, whole = 1;
    for (int k = 0; k < 3; k++) {
        if (!r[k] || !config_setting_is_number(r[k]) || !isfinite(number_of(r[k]))) {
            report(e, r[k] ? r[k] : sw, r[k] ? NULL : names[k], "expected a number, found %s",
                   r[k] ? describe(r[k], found, sizeof found) : "nothing");
            ok = 0;
            continue;
        }
        x[k] = number_of(r[k]);
        whole &= is_whole(r[k]);
        value_text(r[k], p->sweep_range[k], sizeof p->sweep_range[k]);
    }
    if (!ok)
        return;
    /* Whole numbers are stepped in integers only while every value fits
       (|value| <= 2^53; beyond, in doubles): from + i step cannot overflow. */
    if (fabs(x[0]) > 0x1p53 || fabs(x[1]) > 0x1p53 || fabs(x[2]) > 0x1p53)
        whole = 0;
    double count = floor((x[1] - x[0]) / x[2] + 1e-9) + 1;
    if (!(x[2] > 0)) {
        report(e, r[2], NULL, "expected a number > 0, found %s", describe(r[2], found, sizeof found));
    } else if (!(x[1] >= x[0])) {
        report(e, r[1], NULL, "expected a number >= from (%s), found %s", fmt_num(x[0], num),
               describe(r[1], found, sizeof found));
    } else if (!(count <= SWEEP_MAX)) {
        report(e, sw, NULL, count < 1e9 ? "expected at most %d values, found %.0f"
                                         : "expected at most %d values, found %.4g",
               SWEEP_MAX, count);
    } else if (alloc_values(e, sw, p, (size_t)count) == 0) {
        for (size_t i = 0; i < p->nsweep; i++) {
            if (whole)
                fmt_whole(config_setting_get_int64(r[0]) +
                              (long long)i * config_setting_get_int64(r[2]), num);
            else
                fmt_value(x[0] + (double)i * x[2], num);
            if (!(p->sweep_values[i] = strdup(num))) {
                report(e, sw, NULL, "out of memory");
                return;
            }
            if (i && !strcmp(p->sweep_values[i], p->sweep_values[i - 1])) {
                report(e, r[2], NULL, "expected a step that changes the value, found %s "
                                      "(the value %s comes twice)",
                       describe(r[2], found, sizeof found), num);
                return;
            }
        }
    }
}

static void read_sweep(errs *e, const config_setting_t *sw, scenario_plan *p)
{
    const config_setting_t *m[NELEMS(sweep_fields)];
    if (members(e, sw, sweep_fields, NELEMS(sweep_fields), m) != 0)
        return;
    read_text(e, sw, "setting", m[SW_SETTING], p->sweep_setting, sizeof p->sweep_setting);
    int by_range = m[SW_FROM] || m[SW_TO] || m[SW_STEP];
    if (m[SW_VALUES] && by_range)
        report(e, sw, NULL, "expected values or from, to and step, found both");
    else if (m[SW_VALUES])
        read_values(e, m[SW_VALUES], p);
    else if (by_range)
        read_range(e, sw, m + SW_FROM, p);
    else
        report(e, sw, NULL, "expected values or from, to and step, found neither");
}

static const field report_fields[] = {{.name = "question"}, {.name = "measures"},
                                      {.name = "figures"}};
enum { RP_QUESTION, RP_MEASURES, RP_FIGURES };

/* A list of at most `max` names [a-z0-9_] of 1 to width - 1 characters
 * into names[i * width], their origins into origin[i]. Returns how many,
 * or 0 after reporting. */
static size_t read_names(errs *e, const config_setting_t *st, size_t max, char *names,
                         size_t width, char (*origin)[SCENARIO_ORIGIN_MAX])
{
    char found[128];
    int type = config_setting_type(st), n = config_setting_length(st);
    if ((type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) || n < 1 || (size_t)n > max) {
        report(e, st, NULL, "expected a list of 1 to %zu names [ \"NAME\", ... ], found %s", max,
               describe(st, found, sizeof found));
        return 0;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        const char *t = config_setting_type(el) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(el)
                            : NULL;
        if (!t || !*t || strlen(t) >= width || strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(t)) {
            report(e, el, NULL, "expected a name of 1 to %zu lower-case letters, digits and _, "
                                "found %s", width - 1, describe(el, found, sizeof found));
            return 0;
        }
        memcpy(names + (size_t)i * width, t, strlen(t) + 1);
        char o[ORIGIN_MAX];
        snprintf(origin[i], SCENARIO_ORIGIN_MAX, "%s", origin_of(e, el, o));
    }
    return (size_t)n;
}

/* `report`: the question the scenario asks, the measures and figures that
 * answer it (the names are checked against the model's by
 * experiment_load). */
static void read_report(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const config_setting_t *m[NELEMS(report_fields)];
    if (members(e, st, report_fields, NELEMS(report_fields), m) != 0)
        return;
    if (m[RP_QUESTION])
        read_text(e, st, "question", m[RP_QUESTION], p->question, sizeof p->question);
    if (m[RP_MEASURES])
        p->nmeasures = read_names(e, m[RP_MEASURES], SCENARIO_MEASURES_MAX, p->measures[0],
                                  sizeof p->measures[0], p->measure_origin);
    if (m[RP_FIGURES])
        p->nfigures = read_names(e, m[RP_FIGURES], SCENARIO_FIGURES_MAX, p->figures[0],
                                 sizeof p->figures[0], p->figure_origin);
}

/* The variants of the plan: every listed variant (or the one "baseline")
 * with every sweep value. The names must fit scenario_variant.name. */
static void combine(errs *e, const config_setting_t *sw, scenario_plan *p)
{
    size_t nv = p->nlisted ? p->nlisted : 1, ns = p->nsweep ? p->nsweep : 1;
    char origin[ORIGIN_MAX] = "";
    if (nv > VARIANTS_MAX / ns) { /* each is loaded, built and run */
        report(e, sw ? sw : config_setting_get_member(e->root, "variants"), NULL,
               "expected at most %d variants (listed variants x sweep values), found %zu",
               VARIANTS_MAX, nv * ns);
        return;
    }
    if (p->nsweep)
        origin_of(e, sw, origin);
    p->v = calloc(nv * ns, sizeof *p->v);
    if (!p->v) {
        report(e, e->root, NULL, "out of memory");
        return;
    }
    p->n = nv * ns;
    for (size_t i = 0; i < nv; i++) {
        const scenario_variant *l = p->nlisted ? &p->listed[i] : NULL;
        for (size_t k = 0; k < ns; k++) {
            scenario_variant *v = &p->v[i * ns + k];
            char text[ORIGIN_MAX] = ""; /* "SETTING=VALUE": < 128 + 1 + 512 */
            if (p->nsweep)
                snprintf(text, sizeof text, "%s=%s", p->sweep_setting, p->sweep_values[k]);
            const char *vname = l ? l->name : p->nsweep ? "" : "baseline";
            const char *slash = l && *text ? "/" : "";
            int w = snprintf(v->name, sizeof v->name, "%s%s%s", vname, slash, text);
            if (w < 0 || (size_t)w >= sizeof v->name) {
                report(e, sw, NULL, "expected variant names of up to %zu characters, found "
                                    "\"%s%s%s\" (%d characters)",
                       sizeof v->name - 1, vname, slash, text, w);
                return;
            }
            scenario_set extra = {text, origin};
            if (pack_sets(l ? l->sets : NULL, l ? l->nsets : 0, *text ? &extra : NULL,
                          &v->sets) != 0) {
                report(e, e->root, NULL, "out of memory");
                return;
            }
            v->nsets = (l ? l->nsets : 0) + (*text != '\0');
        }
    }
    p->baseline = p->listed_baseline * ns;
}

int scenario_plan_read(scenario_plan *p, const char *path, FILE *err)
{
    scenario_text x;
    memset(p, 0, sizeof *p);
    if (scenario_text_read(&x, path, err) != 0)
        return -1;
    int rc = scenario_plan_read_text(p, &x, err);
    scenario_text_free(&x);
    return rc;
}

int scenario_plan_read_text(scenario_plan *p, const scenario_text *x, FILE *err)
{
    memset(p, 0, sizeof *p);
    tree t;
    if (tree_read(&t, x, err) != 0)
        return -1;
    errs *e = &t.e;
    const config_setting_t *vl = config_setting_get_member(e->root, "variants");
    const config_setting_t *bl = config_setting_get_member(e->root, "baseline");
    const config_setting_t *sw = config_setting_get_member(e->root, "sweep");
    const config_setting_t *rp = config_setting_get_member(e->root, "report");
    if (rp)
        read_report(e, rp, p);
    if (vl)
        read_variants(e, vl, p);
    if (bl && !e->n) /* the names it must match were read */
        read_baseline(e, bl, p);
    if (sw)
        read_sweep(e, sw, p);
    if (!e->n)
        combine(e, sw, p);
    int n = e->n;
    tree_free(&t);
    if (n) {
        scenario_plan_free(p);
        return -1;
    }
    return 0;
}

static void free_variants(scenario_variant *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].sets);
    free(v);
}

void scenario_plan_free(scenario_plan *p)
{
    if (!p)
        return;
    free_variants(p->v, p->n);
    free_variants(p->listed, p->nlisted);
    for (size_t k = 0; p->sweep_values && k < p->nsweep; k++)
        free(p->sweep_values[k]);
    free(p->sweep_values);
    memset(p, 0, sizeof *p);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* The RULE bit of the struct at base if table f has a staffing rule, else 0. */
static unsigned rules_of(const field *f, size_t nf, const void *base)
{
    for (size_t i = 0; i < nf; i++) {
        if (!strcmp(f[i].name, "rule")) {
            int r = *(const int *)((const char *)base + f[i].offset);
            return r >= 0 && r < f[i].n ? RULE(r) : 0;
        }
    }
    return 0;
}

/* Writes the value of field fi of the struct at base; long weight lists
 * wrap onto lines starting at column col (col < 0: no wrapping). */
static void write_value(FILE *f, const field *fi, const void *base, int col)
{
    const char *p = (const char *)base + fi->offset;
    char num[40], text[SCENARIO_NAME_MAX];
    switch (fi->kind) {
    case K_REAL:
        fputs(fmt_float(*(const double *)p, num), f);
        break;
    case K_COUNT: {
        double v = *(const double *)p;
        fputs(fabs(v) < 9e18 ? fmt_whole((long long)v, num) : fmt_exact(v, num), f);
        break;
    }
    case K_INT:
    case K_LEVEL:
        fprintf(f, "%d", *(const int *)p);
        break;
    case K_SEED: {
        unsigned long long v = *(const uint64_t *)p;
        fprintf(f, "%llu%s", v, v > INT_MAX ? "L" : "");
        break;
    }
    case K_BOOL:
        fputs(*(const int *)p ? "true" : "false", f);
        break;
    case K_ENUM: {
        int v = *(const int *)p;
        if (v >= 0 && v < fi->n)
            write_string(f, fi->words[v]);
        else
            fprintf(f, "%d", v);
        break;
    }
    case K_TEXT:
        snprintf(text, sizeof text, "%.*s", SCENARIO_NAME_MAX - 1, p);
        write_string(f, text);
        break;
    case K_WEIGHTS:
        fputs("[ ", f);
        for (int k = 0; k < fi->n; k++) {
            if (k && k % 8 == 0 && col >= 0)
                fprintf(f, ",\n%*s", col, "");
            else if (k)
                fputs(", ", f);
            double v = ((const double *)p)[k];
            if ((fi->flags & WHOLE) && fabs(v) < 9e18)
                fputs(fmt_whole((long long)v, num), f);
            else
                fputs(fmt_float(v, num), f);
        }
        fputs(" ]", f);
        break;
    case K_SECTION:
        break;
    }
}

/* Writes "name = value;" for every setting of table t in the struct at
 * base, the first where the file stands; the others on new lines at
 * column indent, or on the same line when indent < 0. Sections and the
 * numbers of other staffing rules are left out. */
/* 1 if setting fi of the struct at base holds the value the reader
 * derives when the setting is left out: a beat's households from its
 * residents, a new incident type's sd from its mean. Such values are not
 * written, so that a variant changing the residents or the mean derives
 * them again, exactly as it did in the run that wrote the file. */
static int derived(const field *t, const field *fi, const void *base)
{
    if (t == beat_fields && !strcmp(fi->name, "households")) {
        const beat_spec *b = base;
        return b->households == b->residents / DEFAULT_HOUSEHOLD_SIZE;
    }
    if (t == type_fields && !strcmp(fi->name, "scene_sd_min")) {
        const incident_type *k = base;
        return builtin_type(k->name) < 0 && k->scene_sd_min == k->scene_mean_min;
    }
    return 0;
}

static void write_fields(FILE *f, int indent, const field *t, size_t nt, const void *base)
{
    unsigned rules = rules_of(t, nt, base);
    int first = 1;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind == K_SECTION || ((t[i].flags & RULE_BITS) && !(t[i].flags & rules)) ||
            derived(t, &t[i], base))
            continue;
        if (!first)
            fprintf(f, indent < 0 ? " " : "\n%*s", indent, "");
        first = 0;
        fprintf(f, "%s = ", t[i].name);
        write_value(f, &t[i], base, indent < 0 ? -1 : indent + (int)strlen(t[i].name) + 5);
        fputc(';', f);
    }
}

/* Writes `name = ( { ... }, ... );` at column indent: n entries of table
 * t lying stride bytes apart from first, each on one line or one setting
 * a line. */
static void write_list(FILE *f, int indent, const char *name, const field *t, size_t nt,
                       const void *first, size_t stride, size_t n, int one_line)
{
    fprintf(f, "%*s%s = (\n", indent, "", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%*s{ ", indent + 2, "");
        write_fields(f, one_line ? -1 : indent + 4, t, nt, (const char *)first + i * stride);
        fprintf(f, " }%s\n", i + 1 < n ? "," : "");
    }
    fprintf(f, "%*s);\n", indent, "");
}

/* A list of names: [ "a", "b" ]. */
static void write_names(FILE *f, const char *key, const char *names, size_t width, size_t n)
{
    fprintf(f, "  %s = [ ", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        write_string(f, names + i * width);
    }
    fputs(" ];\n", f);
}

/* The report section, when the file has one. */
static void write_report(FILE *f, const scenario_plan *p)
{
    if (!p->question[0] && !p->nmeasures && !p->nfigures)
        return;
    fputs("\n# What the scenario asks, and what answers it.\nreport = {\n", f);
    if (p->question[0]) {
        fputs("  question = ", f);
        write_string(f, p->question);
        fputs(";\n", f);
    }
    if (p->nmeasures)
        write_names(f, "measures", p->measures[0], sizeof p->measures[0], p->nmeasures);
    if (p->nfigures)
        write_names(f, "figures", p->figures[0], sizeof p->figures[0], p->nfigures);
    fputs("};\n", f);
}

/* The experiment section as the file gave it (see scenario_plan). */
static void write_plan(FILE *f, const scenario_plan *p)
{
    int swept = p->sweep_setting[0] && p->nsweep;
    const scenario_variant *v = p->nlisted ? p->listed : swept ? NULL : p->v;
    size_t n = p->nlisted ? p->nlisted : swept ? 0 : p->n;
    size_t base = p->nlisted ? p->listed_baseline : p->baseline;
    /* One "baseline" without overrides is what a file without variants gives. */
    if (n == 1 && !v[0].nsets && !strcmp(v[0].name, "baseline"))
        n = 0;
    write_report(f, p);
    if (!n && !swept)
        return;
    fputs("\n# The experiment: each variant (with every sweep value) is a run of the\n"
          "# scenario above with its overrides.\n", f);
    if (n) {
        fputs("baseline = ", f);
        write_string(f, v[base < n ? base : 0].name);
        fputs(";\nvariants = (\n", f);
        for (size_t i = 0; i < n; i++) {
            fputs("  { name = ", f);
            write_string(f, v[i].name);
            fputs(";", f);
            for (size_t j = 0; j < v[i].nsets; j++) {
                fputs(j ? ",\n            " : "\n    set = [ ", f);
                write_string(f, v[i].sets[j].text);
            }
            fprintf(f, "%s }%s\n", v[i].nsets ? " ];" : "", i + 1 < n ? "," : "");
        }
        fputs(");\n", f);
    }
    if (swept) {
        fputs("sweep = {\n  setting = ", f);
        write_string(f, p->sweep_setting);
        if (p->sweep_range[0][0]) {
            fprintf(f, ";\n  from = %s;\n  to = %s;\n  step = %s;\n", p->sweep_range[0],
                    p->sweep_range[1], p->sweep_range[2]);
        } else {
            fputs(";\n  values = ( ", f);
            for (size_t k = 0; k < p->nsweep; k++)
                fprintf(f, "%s%s", k ? k % 8 ? ", " : ",\n              " : "", p->sweep_values[k]);
            fputs(" );\n", f);
        }
        fputs("};\n", f);
    }
}

int scenario_write(const scenario *s, const scenario_plan *plan, FILE *f)
{
    fputs("# Written by beatsim: every setting resolved, from ", f);
    for (const char *c = s->source; *c; c++) /* one comment line */
        fputc((unsigned char)*c < 0x20 ? '?' : *c, f);
    fputs(".\n\n", f);
    write_fields(f, 0, root_fields, NELEMS(root_fields), s);
    fputs("\n\nrun = {\n  ", f);
    write_fields(f, 2, run_fields, NELEMS(run_fields), s);
    fputs("\n};\n\ncity = {\n  synthetic = {\n    ", f);
    write_fields(f, 4, synth_fields, NELEMS(synth_fields), &s->synth);
    fputs("\n  };\n", f);
    if (s->nstations || s->nbeats) {
        write_list(f, 2, "stations", station_fields, NELEMS(station_fields), s->stations,
                   sizeof *s->stations, s->nstations, 1);
        write_list(f, 2, "beats", beat_fields, NELEMS(beat_fields), s->beats, sizeof *s->beats,
                   s->nbeats, 1);
    }
    fputs("};\n\nland = {\n", f);
    for (int k = 0; k < LAND_NTYPES; k++) {
        fprintf(f, "  %s = { ", land_type_names[k]);
        write_fields(f, -1, land_fields, NELEMS(land_fields), &s->land[k]);
        fputs(" };\n", f);
    }
    fputs("};\n\nincidents = {\n  ", f);
    write_fields(f, 2, incidents_fields, NELEMS(incidents_fields), s);
    fputc('\n', f);
    write_list(f, 2, "types", type_fields, NELEMS(type_fields), s->types, sizeof *s->types,
               (size_t)(s->ntypes > 0 ? s->ntypes : 0), 0);
    fputs("};\n\n", f);
    write_list(f, 0, "officers", group_fields, NELEMS(group_fields), s->groups, sizeof *s->groups,
               (size_t)(s->ngroups > 0 ? s->ngroups : 0), 0);
    fputs("\ndispatch = {\n  ", f);
    write_fields(f, 2, dispatch_fields, NELEMS(dispatch_fields), &s->dispatch);
    fputs("\n};\n\nprevention = {\n  ", f);
    const prevention_params *p = &s->prevention;
    write_fields(f, 2, prevention_fields, NELEMS(prevention_fields), p);
    fputc('\n', f);
    for (size_t k = 0; k < NELEMS(prevention_parts); k++) {
        const prevention_part *pp = &prevention_parts[k];
        fprintf(f, "  %s = {\n    ", pp->name);
        write_fields(f, 4, pp->f, pp->nf, (const char *)p + pp->offset);
        fputs("\n  };\n", f);
    }
    int na = p->naux < 0 ? 0 : p->naux > SCENARIO_AUX_MAX ? SCENARIO_AUX_MAX : p->naux;
    int nc = p->ncrackdowns < 0                         ? 0
             : p->ncrackdowns > SCENARIO_CRACKDOWNS_MAX ? SCENARIO_CRACKDOWNS_MAX
                                                        : p->ncrackdowns;
    write_list(f, 2, "auxiliaries", aux_fields, NELEMS(aux_fields), p->aux, sizeof p->aux[0],
               (size_t)na, 0);
    write_list(f, 2, "crackdowns", crackdown_fields, NELEMS(crackdown_fields), p->crackdowns,
               sizeof p->crackdowns[0], (size_t)nc, 0);
    fputs("};\n", f);
    if (plan)
        write_plan(f, plan);
    return ferror(f) ? -1 : 0;
}
