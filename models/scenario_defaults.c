/* scenario_defaults.c - the built-in default scenario.
 *
 * The built-in default scenario (scenario_defaults: a synthetic city of
 * about a million residents; docs/scenarios.md gives each default with
 * its unit and source), the values an entry of a file starts from before
 * its settings are read (a built-in incident type when the file names
 * one, else a generic type, group, auxiliary group or crackdown), and
 * scenario_free.
 */
#include "polygon.h"
#include "scenario_internal.h"

#include <stdlib.h>
#include <string.h>

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

/* Staffing (docs/scenarios.md "staffing"): six 4-hour blocks a day, the
 * same every day of the week (an assumption: the blocks of the issue that
 * asked for the mode, and a common choice of staffing studies, which
 * plan by blocks of 4 to 8 hours); no targets until a user sets them; the
 * search's replications, bounds and rounds are assumptions sized so that
 * the default city's search takes minutes (docs/model.md "Staffing"). */
static const staffing_params default_staffing = {
    .nblocks = 6,
    .block_h = {0, 4, 8, 12, 16, 20},
    .reps = 10,
    .min_on_duty = 1,
    .max_on_duty = 50,
    .rounds = 40,
    .patience = 8,
    .objective_min = 15,
    .weights = {1, 1, 1},
};

/* Built-in incident type k. */
void scn_default_type(int k, incident_type *t)
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
int scn_builtin_type(const char *name)
{
    for (int k = 0; k < NDEFAULT_TYPES; k++)
        if (!strcmp(type_basics[k].name, name))
            return k;
    return -1;
}

/* An incident type of a file that names no built-in one; the required
 * rate and mean on-scene time must come from the file. */
void scn_generic_type(incident_type *t)
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
void scn_generic_group(officer_group *g)
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
void scn_generic_aux(aux_group *a)
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
void scn_generic_crackdown(crackdown *c)
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
    s->layer = (city_layer){.id_field = "id", .station_field = "station",
                            .residents_field = "residents", .households_field = "households",
                            .land_field = "land", .migrant_share_field = "migrant_share",
                            .key_persons_field = "key_persons", .station_id_field = "id",
                            .missing = MISSING_RESIDENTS_ERROR};
    s->nstations = 0;
    memcpy(s->land, default_land, sizeof s->land);
    for (int k = 0; k < NDEFAULT_TYPES; k++)
        scn_default_type(k, &s->types[k]);
    s->ntypes = NDEFAULT_TYPES;
    s->day_factor_variance = DEFAULT_DAY_FACTOR_VARIANCE;
    memcpy(s->groups, default_groups, sizeof default_groups);
    s->ngroups = (int)NELEMS(default_groups);
    s->dispatch = default_dispatch;
    s->prevention = default_prevention;
    s->staffing = default_staffing;
}

void scenario_free_plan(scenario *s)
{
    staffing_params *p = &s->staffing;
    free(p->plan_station);
    free(p->plan_on_duty);
    free(p->plan_line);
    p->plan_station = NULL;
    p->plan_on_duty = NULL;
    p->plan_line = NULL;
    p->nplan = 0;
}

void scenario_free(scenario *s)
{
    scenario_free_plan(s);
    for (size_t i = 0; s->beat_polygons && i < s->nbeats; i++)
        polygon_free(&s->beat_polygons[i]);
    free(s->beat_polygons);
    s->beat_polygons = NULL;
    free(s->beats);
    free(s->stations);
    s->beats = NULL;
    s->nbeats = 0;
    s->stations = NULL;
    s->nstations = 0;
}
