/* scenario.h - every setting of a police-world run, its defaults, and
 * reading it from a libconfig scenario file.
 *
 * A scenario is plain data: the city (listed beat by beat or generated
 * from a few numbers), land types, incident types, officer groups with
 * their staffing rule and shift plan, dispatch rules and run length. The
 * defaults (scenario_defaults) are the built-in default city of about a
 * million residents; docs/scenarios.md gives each default with its unit and
 * source. Units: minutes for times unless the name says otherwise
 * (`_h` hours, `_days` days), kilometres, km/h.
 *
 * A scenario owns nothing on the heap: every array is a fixed-size member
 * except the explicit beat and station lists and the staffing plan, which
 * scenario_free releases (a scenario is never copied by value).
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SCENARIO_NAME_MAX 48  /* names of the scenario, types, groups, ids */
#define SCENARIO_TYPES_MAX 16 /* incident types */
#define SCENARIO_GROUPS_MAX 8 /* officer groups */
#define SCENARIO_AUX_MAX 8    /* auxiliary patrol groups */
#define SCENARIO_CRACKDOWNS_MAX 8 /* crackdown campaigns */

/* ---- land types ---------------------------------------------------------- */

typedef enum land_type {
    LAND_URBAN_RESIDENTIAL = 0,
    LAND_COMMERCIAL,
    LAND_MIXED,
    LAND_RURAL,
    LAND_NTYPES
} land_type;

/* Setting names of the land types, indexed by land_type:
 * "urban_residential", "commercial", "mixed", "rural". */
extern const char *const land_type_names[LAND_NTYPES];

#define SCENARIO_PRIORITIES 3 /* call priorities 1 (most urgent) .. 3 */

typedef struct land_params {
    double speed_kmh;  /* travel speed of a police car, km/h (> 0) */
    double target_min[SCENARIO_PRIORITIES]; /* response-time target for
                          calls of priority 1, 2, 3 in such a beat */
} land_params;

/* ---- city ----------------------------------------------------------------- */

typedef enum beat_shape { SHAPE_SQUARE = 0, SHAPE_DISC } beat_shape;

/* One beat of an explicit city. */
typedef struct beat_spec {
    char id[SCENARIO_NAME_MAX];      /* unique name */
    char station[SCENARIO_NAME_MAX]; /* id of the owning station */
    land_type land;                  /* land type */
    double residents;                /* residents (>= 0) */
    double households;               /* households (>= 0) */
    double migrant_share;            /* share of residents who are migrants */
    double key_persons;              /* key persons living in the beat */
    double area_km2;                 /* area (>= 0; 0 = a point) */
    double x, y;                     /* centre, km */
    beat_shape shape;                /* square or disc of that area */
    int line;                        /* line in the scenario file, or 0 */
} beat_spec;

/* One station of an explicit city. */
typedef struct station_spec {
    char id[SCENARIO_NAME_MAX]; /* unique name */
    double x, y;                /* position of the station building, km */
    int line;                   /* line in the scenario file, or 0 */
} station_spec;

/* A city read from map layers (city.boundaries, city.stations and the
 * group city.layer; see beatmap.h). Field names are those of the
 * layers' attribute tables. */
#define SCENARIO_PATH_MAX 1024

typedef enum missing_residents {
    MISSING_RESIDENTS_ERROR = 0, /* a beat without residents is an error */
    MISSING_RESIDENTS_AREA       /* it gets a share of layer.residents by area */
} missing_residents;

typedef struct city_layer {
    char boundaries[SCENARIO_PATH_MAX]; /* polygon layer of beats, as
                                           written; "" = none */
    char stations[SCENARIO_PATH_MAX];   /* point layer or CSV; "" = none */
    char boundaries_layer[SCENARIO_NAME_MAX]; /* "" = the first layer */
    char stations_layer[SCENARIO_NAME_MAX];   /* "" = the first layer */
    char id_field[SCENARIO_NAME_MAX];         /* beat id ("id") */
    char station_field[SCENARIO_NAME_MAX];    /* beat's station ("station") */
    char residents_field[SCENARIO_NAME_MAX];  /* optional fields: */
    char households_field[SCENARIO_NAME_MAX];
    char land_field[SCENARIO_NAME_MAX];
    char migrant_share_field[SCENARIO_NAME_MAX];
    char key_persons_field[SCENARIO_NAME_MAX];
    char station_id_field[SCENARIO_NAME_MAX]; /* station id ("id") */
    double residents;                /* city total shared by area among
                                        beats without residents; 0 = none */
    missing_residents missing;       /* what a beat without residents gets */
} city_layer;

/* The synthetic city: an urban core of small square beats around the
 * centre and a ring of larger rural beats, cut into stations of
 * contiguous beats. Deterministic: no random numbers. See city.h. */
typedef struct synthetic_city {
    double residents;             /* total residents */
    int stations;                 /* number of stations (>= 1) */
    double rural_share;           /* share of residents in rural beats */
    double urban_beat_residents;  /* residents per urban beat */
    double rural_beat_residents;  /* residents per rural beat */
    double urban_density_km2;     /* residents per km2 in urban beats */
    double rural_density_km2;     /* residents per km2 in rural beats */
    double commercial_share;      /* share of urban beats that are
                                     commercial (the most central ones) */
    double mixed_share;           /* share of urban beats that are mixed
                                     (next ring); the rest residential */
    double household_size;        /* residents per household */
    double migrant_share_urban;   /* migrant share in urban beats */
    double migrant_share_rural;   /* migrant share in rural beats */
    double key_persons_per_1000;  /* key persons per 1000 residents */
} synthetic_city;

/* ---- incident types ---------------------------------------------------------- */

typedef enum scene_dist {
    SCENE_LOGNORMAL = 0, /* lognormal with the given mean and sd */
    SCENE_EXPONENTIAL,   /* exponential with the given mean (sd ignored) */
    SCENE_FIXED          /* always the mean */
} scene_dist;

typedef struct incident_type {
    char name[SCENARIO_NAME_MAX]; /* e.g. "burglary" */
    double rate_per_1000_year;    /* base rate per 1000 residents per year */
    double hour_profile[24];      /* relative weights by hour of day, >= 0,
                                     not all 0; normalised to mean 1 on use */
    double dow_profile[7];        /* relative weights Monday .. Sunday */
    double land_mult[LAND_NTYPES];/* rate multiplier by land type */
    int priority;                 /* 1 = most urgent .. 3 */
    int units;                    /* units (cars with their crews) sent
                                     per call: 1 or 2 */
    scene_dist scene;             /* on-scene time distribution */
    double scene_mean_min;        /* mean on-scene time, minutes (> 0) */
    double scene_sd_min;          /* its standard deviation, minutes */
    double followup_h;            /* follow-up work after the scene by the
                                     first officer, hours (>= 0) */
    double clearance;             /* probability the case is cleared */
    /* which proactive mechanisms act on the type (docs/model.md): */
    int opportunistic;            /* 1: deterred by presence (patrol,
                                     auxiliaries) and by familiarity */
    int offender_driven;          /* 1: rate follows the station's
                                     offender pool; clearance can arrest */
    int hardening;                /* 1: lowered by safe communities */
    /* calls that need no car (docs/model.md "Calls that need no car"): */
    double phone_share;           /* share resolved by telephone or online
                                     report at the station */
    double phone_min;             /* desk minutes each such call takes */
    double divert_share;          /* share passed to another agency (the
                                     12345 hotline, the traffic police):
                                     no police time */
    int minor;                    /* 1: a unit of auxiliary police alone
                                     may answer it */
} incident_type;

/* ---- officers ------------------------------------------------------------------- */

typedef enum officer_role {
    ROLE_STATION = 0, /* station officers: belong to a station only */
    ROLE_BEAT,        /* beat officers: belong to a beat of a station */
    ROLE_DUTY,        /* the station's duty team (值班): station officers
                         who also take the calls resolved by telephone */
    ROLE_PATROL       /* the city patrol tier (巡特警): based at a station
                         but answering calls anywhere */
} officer_role;

typedef enum officer_base {
    BASE_STATION = 0, /* the station building */
    BASE_OFFICE       /* the beat's community police office (its centre);
                         beat officers only */
} officer_base;

typedef enum staffing_rule {
    STAFF_COUNT = 0,      /* `count` officers in total, allocated */
    STAFF_PER_RESIDENTS,  /* one officer per `per` residents */
    STAFF_PER_HOUSEHOLDS, /* one officer per `per` households */
    STAFF_PER_BEAT,       /* `per_beat` officers in every beat (beat role) */
    STAFF_ON_DUTY,        /* headcount sized so that `on_duty` officers
                             are on duty per station (per beat for beat
                             role) in the hours the plan covers, absences
                             allowed for */
    STAFF_PLAN            /* staffing.plan: officers on duty per station
                             and hour block (station roles; what
                             `beatsim staff` writes) */
} staffing_rule;

typedef enum allocation_rule {
    ALLOC_RESIDENTS = 0, /* in proportion to residents */
    ALLOC_WORKLOAD,      /* in proportion to expected officer-hours of calls */
    ALLOC_EQUAL          /* the same to each */
} allocation_rule;

typedef enum shift_plan {
    SHIFT_FIXED_3X8 = 0, /* 00-08, 08-16, 16-24, equal strength */
    SHIFT_DAY_ONLY,      /* 08-17 Monday to Friday */
    SHIFT_STAGGERED,     /* overlapping 8 h shifts, more at noon/evening */
    SHIFT_FLEXIBLE,      /* 8 h shifts placed to follow forecast demand */
    SHIFT_CONTINUOUS,    /* on duty round the clock (validation runs) */
    SHIFT_CROSS,         /* staggered cross shifts of community officers:
                            12:00-20:00 five days, half the units Monday to
                            Friday, half Wednesday to Sunday */
    SHIFT_ROTATION       /* duty rotation: one 24-hour duty from 08:00
                            every rotation_days days, in teams, and
                            rotation_office_days office days (08:00-17:00)
                            at the end of each cycle */
} shift_plan;

extern const char *const staffing_rule_names[]; /* "count", "per_residents",
                                                   "per_households", "per_beat",
                                                   "on_duty", "plan" */
extern const char *const allocation_rule_names[]; /* "residents", "workload",
                                                     "equal" */
extern const char *const shift_plan_names[]; /* "fixed_3x8", "day_only",
                                                "staggered", "flexible",
                                                "continuous", "cross",
                                                "rotation" */
extern const char *const staff_mode_names[];      /* "targets", "budget" */
extern const char *const staff_objective_names[]; /* "wait", "late" */
extern const char *const officer_role_names[]; /* "station", "beat",
                                                  "duty", "patrol" */

/* Kinds of absence, the order of officer_group.absence_days. */
typedef enum absence_kind {
    ABSENCE_LEAVE = 0, /* annual leave */
    ABSENCE_SICK,      /* sickness */
    ABSENCE_TRAINING,  /* training away from duty */
    ABSENCE_COURT,     /* court attendance */
    ABSENCE_KINDS
} absence_kind;

extern const char *const absence_kind_names[ABSENCE_KINDS]; /* "leave",
                                     "sick", "training", "court" */

/* Kinds of proactive work, the order of officer_group.work. */
typedef enum work_kind {
    WORK_PATROL = 0, /* patrol (random or hot-spot) */
    WORK_VISIT,      /* community visits (beat officers) */
    WORK_CHECK,      /* key-person checks (beat officers) */
    WORK_STRIKE,     /* investigation and enforcement */
    WORK_KINDS
} work_kind;

extern const char *const work_kind_names[WORK_KINDS]; /* "patrol", "visit",
                                                        "check", "strike" */

typedef enum patrol_mode {
    PATROL_RANDOM = 0, /* drive-by patrol over the whole beat */
    PATROL_HOTSPOT     /* stops at the beat's hot spots */
} patrol_mode;

extern const char *const patrol_mode_names[]; /* "random", "hotspot" */

typedef struct officer_group {
    char name[SCENARIO_NAME_MAX]; /* e.g. "response", "beat" */
    officer_role role;            /* station or beat officers */
    officer_base base;            /* where they start and return */
    staffing_rule rule;           /* how many */
    double count;                 /* STAFF_COUNT: total officers */
    double per;                   /* STAFF_PER_*: residents (households)
                                     per officer */
    int per_beat;                 /* STAFF_PER_BEAT: officers per beat */
    double on_duty;               /* STAFF_ON_DUTY: officers on duty per
                                     station (beat role: per beat) */
    allocation_rule allocation;   /* STAFF_COUNT: split across stations
                                     (station role) or beats (beat role) */
    int min_per_station;          /* every station gets at least this many
                                     of this group; with STAFF_COUNT the
                                     total stays fixed */
    shift_plan shifts;            /* shift plan */
    double hours_per_week;        /* contracted hours per officer */
    double desk_share;            /* share of on-duty time owed to desk work */
    double desk_block_min;        /* length of one desk session */
    double work[WORK_KINDS];      /* how the time no call and no desk
                                     work takes splits between patrol,
                                     visits, checks and strike work
                                     (sum <= 1; the rest is spent
                                     available at base). Station officers
                                     neither visit nor check. */
    patrol_mode patrol;           /* how the group patrols */
    /* the force (docs/model.md "The force") */
    double absence_days[ABSENCE_KINDS]; /* working days of 8 hours lost a
                                     year per officer: leave, sickness,
                                     training, court */
    double break_min;             /* a meal break, minutes (0: none) */
    double break_every_h;         /* one break per this many hours of a
                                     shift, due in the middle of each */
    int break_interrupt;          /* calls of priority <= this take an
                                     officer from a break (0: none) */
    int desk_interrupt;           /* calls of priority <= this take an
                                     officer from desk work (0: none) */
    int auxiliary;                /* 1: auxiliary police (辅警), not
                                     sworn officers */
    char crew_with[SCENARIO_NAME_MAX]; /* auxiliary police: the officer
                                     group whose units they ride in ("":
                                     none) */
    int alone;                    /* auxiliary police: without an officer
                                     they form units that take minor calls
                                     (0: they work at the desk) */
    double crew[24];              /* officers per unit (1 or 2) by the hour
                                     of day a shift starts */
    int cars;                     /* cars per station for the group's units
                                     (0: one per unit) */
    int rotation_days;            /* SHIFT_ROTATION: cycle length, days */
    int rotation_office_days;     /* SHIFT_ROTATION: office days a cycle */
    double patrol_hours[24];      /* weight of the patrol share by hour of
                                     day: 1 the share as given, 0 no
                                     patrol, 2 twice it (all shares are
                                     scaled down together if they would
                                     then exceed 1) */
    int line;                     /* line in the scenario file, or 0 */
} officer_group;

/* ---- dispatch ------------------------------------------------------------------ */

typedef enum dispatch_policy {
    DISPATCH_BEAT_FIRST = 0, /* beat officer, then nearest of the station,
                                then nearest of other stations */
    DISPATCH_NEAREST         /* nearest available officer anywhere */
} dispatch_policy;

extern const char *const dispatch_policy_names[]; /* "beat_first", "nearest" */

typedef struct dispatch_params {
    dispatch_policy policy; /* who is sent */
    int preempt;            /* calls of priority <= this (0: none) may take
                               officers from desk work, breaks, follow-up
                               and travel to lower-priority calls */
    int cross_station;      /* calls of priority <= this (0: none) may be
                               answered by another station's officers
                               (the patrol tier answers any call) */
    double reserve[SCENARIO_PRIORITIES]; /* a call of priority p is held
                               while its station has reserve[p-1] free
                               units or fewer */
    double hold_max_min;    /* a held call is sent after this long */
    double delay_min;       /* call handling and dispatch delay before
                               travel starts */
    double detour;          /* road distance / right-angle distance */
    int euclidean;          /* 1: straight-line instead of right-angle */
    int return_to_base;     /* 1: a free officer drives back to base;
                               0: waits where the last job ended */
} dispatch_params;

/* ---- prevention, offenders and strike (docs/model.md, "Proactive work") --- */

/* Presence deters opportunistic crime at the place watched (Koper 1995);
 * a beat's share deterred is the share of its crime in watched places. */
typedef struct deterrence_params {
    double presence_effect;         /* share of crime at a watched place
                                       deterred while police are there */
    double residual_max;            /* share deterred just after a long stop */
    double residual_saturation_min; /* stop length at which the residual
                                       reaches 63 % of its maximum */
    double residual_decay_min;      /* mean life of the residual effect */
    double watch_km2;               /* area one patrol watches at a stop */
    double hotspot_crime_share;     /* share of a beat's opportunistic
                                       crime at its hot spots */
    double hotspot_area_share;      /* share of the beat's area they cover */
    double spillover;               /* > 0: that share of deterred crime is
                                       displaced to neighbouring beats;
                                       < 0: diffusion of benefits (they
                                       fall by that share of it) */
} deterrence_params;

typedef struct patrol_params {
    double random_stop_min;  /* time a random patrol watches one place */
    double hotspot_stop_min; /* length of a hot-spot stop */
    double move_min;         /* driving between stops */
    double block_min;        /* one patrol block in one beat */
    int hotspot_beats;       /* station officers on hot-spot patrol rotate
                                over the station's beats with the most
                                opportunistic crime: how many */
} patrol_params;

typedef struct visit_params {
    double block_min;             /* one block of visits */
    double household_min;         /* minutes per household attempted */
    double at_home_weekday[24];   /* probability a visit finds someone
                                     home and willing, by hour, Mon-Fri */
    double at_home_weekend[24];   /* the same, Saturday and Sunday */
    double memory_days;           /* mean life of a contact's effect */
    double half_contacts;         /* recent contacts per household at
                                     which familiarity is 1/2 */
    double crime_effect;          /* share of opportunistic and offender
                                     crime removed at familiarity 1 */
    double clearance_gain;        /* relative raise of clearance (tip-offs)
                                     at familiarity 1 */
} visit_params;

typedef struct keyperson_params {
    double check_interval_days;   /* a key person must be checked this often */
    double check_min;             /* one check attempt */
    double offender_equivalent;   /* an out-of-control key person offends
                                     like this many active offenders */
    double recruitment_per_year;  /* new offenders per out-of-control key
                                     person-year */
} keyperson_params;

typedef struct migrant_params {
    double registered_share;      /* registration coverage without visits
                                     (the equilibrium of self-registration
                                     and turnover) */
    double turnover_per_year;     /* share of migrants replaced a year;
                                     newcomers are unregistered */
    double recruitment_per_1000;  /* new offenders per 1000 unregistered
                                     migrant-years */
} migrant_params;

typedef struct offender_params {
    double per_1000_residents;    /* reference pool: active offenders at
                                     which offender-driven types have
                                     their base rate */
    double desistance_per_year;   /* rate an active offender stops */
    double arrest_share;          /* share of cleared offender-driven
                                     cases that arrest an offender */
    double sentence_days;         /* incapacitation after an arrest */
    double recidivism;            /* share of released who offend again */
    double replacement;           /* share of removed offenders replaced
                                     at once by a newcomer */
    double initial_share;         /* pool at the start, times the
                                     reference (1: at equilibrium; above
                                     1: order has worsened) */
} offender_params;

typedef struct strike_params {
    double clearance_gain;        /* most relative raise of the clearance
                                     of offender-driven types */
    double half_hours_per_week;   /* station strike hours a week at which
                                     half the gain is reached */
    double arrest_followup_h;     /* extra follow-up work per arrest */
} strike_params;

/* Guards, security committees, volunteers (a list). */
typedef struct aux_group {
    char name[SCENARIO_NAME_MAX];
    double per_1000_residents;    /* patrollers on duty per 1000 residents
                                   * in the hours they work */
    double land[LAND_NTYPES];     /* share of beats of each land type they
                                     patrol (1 = all) */
    double hours[24];             /* on duty (share) by hour of day */
    double cost_per_hour;         /* cost of one patroller-hour */
    double effectiveness;         /* deterrence relative to an officer */
    patrol_mode mode;             /* random or hot-spot */
    int line;
} aux_group;

typedef struct safe_community_params {
    double beat_share[LAND_NTYPES]; /* share of beats of each land type in
                                       the programme (those with the most
                                       hardening-type crime per household) */
    double start_day;             /* programme starts (run time, days) */
    double setup_days;            /* no effect before set-up is done */
    double reduction;             /* share of hardening-type crime removed */
    double cost_per_household_year;
} safe_community_params;

/* A crackdown campaign (a list). */
typedef struct crackdown {
    double start_day;             /* run time, days */
    double days;                  /* length */
    double strike_share;          /* share of officers whose prevention
                                     work turns into strike work */
    double initial_effect;        /* share of offender-driven crime deterred
                                     at the start, decaying */
    double decay_days;            /* mean life of that initial effect */
    double residual;              /* share deterred when it ends, decaying */
    double residual_decay_days;   /* mean life of the residual */
    int line;
} crackdown;

typedef enum strategy_kind {
    STRATEGY_PLAN = 0,         /* each group's own work shares */
    STRATEGY_STRIKE_HEAVY,     /* strike first, little prevention */
    STRATEGY_PREVENTION_FIRST, /* prevention first, little strike */
    STRATEGY_ADAPTIVE          /* prevention first; strike-heavy for a
                                  period when the rolling rate crosses the
                                  threshold */
} strategy_kind;

extern const char *const strategy_kind_names[]; /* "plan", "strike_heavy",
                                                   "prevention_first",
                                                   "adaptive" */

typedef struct strategy_params {
    strategy_kind kind;
    double window_days;           /* rolling window of the adaptive rule */
    double threshold;             /* switch when the rolling rate of
                                     opportunistic and offender-driven
                                     incidents exceeds this times their
                                     expected rate at base (the order of
                                     the reference state) */
    double strike_days;           /* how long the strike period lasts */
} strategy_params;

/* Scorecard indicators, the order of scorecard_params.weights. */
enum { SCORE_INCIDENTS = 0, SCORE_RESPONSE, SCORE_CLEARANCE, SCORE_OUT_OF_CONTROL,
       SCORE_CONTACTS, SCORE_SATISFACTION, SCORE_N };

typedef struct scorecard_params {
    double weights[SCORE_N];      /* incidents, response, clearance, key
                                     persons out of control, contacts,
                                     satisfaction */
    int counterfactual;           /* 1: also run every variant without
                                     prevention work (common random
                                     numbers) to count incidents prevented */
    double satisfaction[3];       /* weights of the satisfaction index:
                                     response within target, freedom from
                                     victimisation, familiarity */
    double victimisation_ref;     /* opportunistic or offender-driven calls
                                     per 1000 households a year
                                     at which the victimisation part is 0 */
} scorecard_params;

typedef struct prevention_params {
    int enabled;                  /* 0: the reactive model (no proactive
                                     work, every rate at its base) */
    int prevention_work;          /* 0: no patrol, visits, checks,
                                     auxiliaries or safe communities (the
                                     scorecard's counterfactual) */
    double rate_cap;              /* most a rate can rise above its base
                                     (offender pool, key persons) */
    deterrence_params deterrence;
    patrol_params patrol;
    visit_params visits;
    keyperson_params key_persons;
    migrant_params migrants;
    offender_params offenders;
    strike_params strike;
    safe_community_params safe_communities;
    strategy_params strategy;
    scorecard_params scorecard;
    aux_group aux[SCENARIO_AUX_MAX];
    int naux;
    crackdown crackdowns[SCENARIO_CRACKDOWNS_MAX];
    int ncrackdowns;
} prevention_params;

/* ---- staffing: targets, hour blocks and a plan (docs/scenarios.md) ------ */

#define STAFF_BLOCKS_MAX 24  /* hour blocks of a day */
#define STAFF_TARGETS_MAX 8  /* targets */
#define STAFF_TARGET_TEXT 32 /* bytes of a target as written, "p90_p1=15" */

/* What a target measures (docs/model.md "Staffing"). */
typedef enum staff_measure {
    MEASURE_WITHIN = 0, /* pNN_pK=T: at least NN % of priority-K car calls
                           reached within T minutes */
    MEASURE_MEAN,       /* mean_pK=T: mean response of priority K <= T min */
    MEASURE_PWAIT,      /* pwait=X: share of car calls that found no unit
                           free <= X */
    MEASURE_UTIL,       /* util=X: busy share of the station's unit time
                           <= X */
    MEASURE_GAP,        /* gap=X: share of beat-hours with nobody <= X */
    MEASURE_N
} staff_measure;

typedef struct staff_target {
    char text[STAFF_TARGET_TEXT]; /* as written, e.g. "p90_p1=15@station" */
    staff_measure measure;
    int priority;       /* MEASURE_WITHIN, MEASURE_MEAN: 1 .. 3; else 0 */
    double share;       /* MEASURE_WITHIN: NN / 100 */
    double max;         /* the bound: minutes, or a share */
    int per_station;    /* 0: in every station and hour block; 1: in every
                           station over the whole week */
} staff_target;

/* What beatsim staff does (docs/model.md "Staffing"). */
typedef enum staff_mode {
    STAFF_MODE_TARGETS = 0, /* the fewest officers meeting the targets */
    STAFF_MODE_BUDGET       /* a given headcount spread to minimise the objective */
} staff_mode;

/* Budget mode's objective, per week (allocate.h). */
typedef enum staff_objective {
    OBJECTIVE_WAIT = 0, /* weighted minutes car calls wait for a first unit */
    OBJECTIVE_LATE      /* weighted car calls reached after objective_min */
} staff_objective;

/* The staffing section. The plan (rows, on_duty) is the only heap part:
 * nplan rows of ncells numbers each, owned, freed by scenario_free. */
typedef struct staffing_params {
    char group[SCENARIO_NAME_MAX]; /* the officer group planned ("": the
                                      first non-auxiliary group of role
                                      station or duty) */
    int nblocks;                   /* hour blocks of a day, 1 .. 24 */
    int block_h[STAFF_BLOCKS_MAX]; /* their start hours: 0 first, rising */
    int weekdays;                  /* 1: every day of the week its own
                                      blocks (7 x nblocks cells a week) */
    staff_target targets[STAFF_TARGETS_MAX];
    int ntargets;
    int reps;                      /* replications per evaluation */
    int min_on_duty;               /* fewest officers on duty, any block */
    int max_on_duty;               /* the cap per station and block */
    int rounds;                    /* most evaluations of the search */
    int patience;                  /* targets mode: evaluations without a smaller
                                      confirmed plan before it stops (0: none) */
    int mode;                      /* staff_mode */
    double budget;                 /* budget mode: headcount of the group
                                      (0: today's) */
    double budget_extra;           /* budget mode: officers added to it
                                      (negative: taken away) */
    int objective;                 /* staff_objective */
    double objective_min;          /* late: minutes */
    double weights[3];             /* the objective's weight by priority */
    /* the plan: officers of the group with rule "plan" on duty */
    char (*plan_station)[SCENARIO_NAME_MAX]; /* nplan station ids */
    int *plan_on_duty;             /* [row * ncells + cell] */
    int *plan_line;                /* each row's line in the file, or 0 */
    size_t nplan;
    /* not a file setting: world_run records per station and cell
       (world_result.cells) when 1 */
    int record;
} staffing_params;

/* Cells of a week: nblocks, or 7 x nblocks with weekdays. */
int staffing_cells(const staffing_params *p);

/* The cell of hour of the week h (0 = Monday 00:00-01:00). */
int staffing_cell_of_hour(const staffing_params *p, int h);

/* hours[k]: the hours of the week in cell k, for every cell. */
void staffing_cell_hours(const staffing_params *p, double hours[7 * STAFF_BLOCKS_MAX]);

/* Parses one target "MEASURE=VALUE[@block|@station]" (spaces allowed
 * around '=' and '@'). Returns 0, or -1 with what was expected and found
 * in msg[0 .. msgsz). Checks the value's range; not against a scenario. */
int staffing_target_parse(const char *text, staff_target *t, char *msg, size_t msgsz);

/* ---- the whole scenario ------------------------------------------------------------ */

typedef struct scenario {
    char name[SCENARIO_NAME_MAX];   /* used for the results folder */
    char source[1024];              /* file it was read from, or "built-in" */

    /* run */
    double days;                    /* observed length after warm-up, days */
    double warmup_days;             /* discarded start, days */
    uint64_t seed;                  /* master seed */
    int reps;                       /* replications */

    /* city: explicit when nbeats > 0, else synthetic */
    synthetic_city synth;
    beat_spec *beats;               /* owned; NULL when synthetic */
    size_t nbeats;
    station_spec *stations;         /* owned; NULL when synthetic */
    size_t nstations;
    city_layer layer;               /* map layers the lists came from */
    struct polygon *beat_polygons;  /* owned; nbeats polygons when the beats
                                       came from city.boundaries, else NULL */

    land_params land[LAND_NTYPES];

    /* incidents */
    incident_type types[SCENARIO_TYPES_MAX];
    int ntypes;
    double day_factor_variance;     /* variance of the gamma day factor
                                       (mean 1); 0 = none */

    /* officers */
    officer_group groups[SCENARIO_GROUPS_MAX];
    int ngroups;

    dispatch_params dispatch;

    prevention_params prevention;

    staffing_params staffing;
} scenario;

/* Fills *s with the built-in default scenario (the synthetic city of about
 * 1,000,000 residents). Allocates nothing. */
void scenario_defaults(scenario *s);

/* Reads a libconfig scenario file over the defaults: every setting the
 * file gives replaces the default, everything else keeps it (except
 * `name`, which defaults to the file's base name up to its first dot, and
 * `source`, which is `path`). Lists (incidents.types, officers) replace
 * the built-in list as a whole; see scenarios/default.cfg for every
 * setting. All errors of the file are reported, not only the first. On
 * success
 * returns 0. On bad input returns -1 after writing one line per error to
 * `err` (if not NULL) in the form
 *     FILE:LINE: setting.path: expected ..., found ...
 * and *s holds no heap memory. */
int scenario_load(scenario *s, const char *path, FILE *err);

/* Checks the consistency of a scenario (ranges, station references,
 * duplicate ids, at least one group and one type). Returns the number of
 * problems found, each written to `err` as above (file and line taken from
 * the *_spec / group `line` fields where known). */
int scenario_check(const scenario *s, FILE *err);

/* ---- overrides, variants and resolved files (the experiment layer) ------- */

/* One override "PATH=VALUE": PATH as in the messages (run.days,
 * officers.[0].per, incidents.types.[2].hour_profile), VALUE in libconfig
 * syntax (3000, 0.5, "text", true, [1.0, 2.0]). Spaces around '=' are
 * allowed. `origin` names the override in messages: "--set" for the
 * command line, "FILE:LINE: variants.[1].set.[0]" for a variant. */
typedef struct scenario_set {
    const char *text;   /* "PATH=VALUE" */
    const char *origin; /* how messages name it */
} scenario_set;

/* The text of scenarios/default.cfg, compiled into the program. */
extern const char scenario_builtin_text[];

/* A run of a scenario under one set of overrides. */
typedef struct scenario_variant {
    char name[128];     /* unique; "baseline" when the file has none */
    scenario_set *sets; /* owned, with its text and origin strings (one
                           block: free(sets) releases all); NULL when
                           nsets is 0 */
    size_t nsets;
    size_t col0;        /* sets[col0 .. col0 + plan's ncols) set the
                           design columns, in their order */
} scenario_variant;

/* The experiment section of a scenario file, read by scenario_plan_read:
 *
 *   baseline = "today";     name of the baseline variant (default: the
 *                           first one)
 *   variants = ( { name = "today"; },
 *                { name = "ratio3000"; set = [ "officers.[0].per = 3000" ]; } );
 *   sweep = { setting = "officers.[0].per"; values = [ 3000.0, 5000.0 ]; };
 *       or  sweep = { setting = "..."; from = 3000.0; to = 8000.0; step = 1000.0; };
 *       or  sweep = ( { setting = "..."; values = ...; }, { ... }, ... );
 *
 * Every variant (or one variant "baseline" with no overrides when the file
 * has no variants list) is combined with every sweep value (the sweep
 * adds "SETTING=VALUE" after the variant's own sets); the combined
 * variant is named "VARIANT/SETTING=VALUE", or "SETTING=VALUE" when the
 * file has no variants list. A list of sweeps is a full-factorial grid:
 * every combination of their values, the first sweep varying slowest and
 * the last fastest, named "S1=V1, S2=V2, ..." (after "VARIANT/"). The
 * baseline of a swept plan is the combination of the baseline variant
 * with the first value of every sweep. */
#define SCENARIO_QUESTION_MAX 512 /* bytes of report.question */
#define SCENARIO_MEASURES_MAX 12  /* entries of report.measures */
#define SCENARIO_FIGURES_MAX 8    /* entries of report.figures */
#define SCENARIO_ORIGIN_MAX 512   /* bytes of an origin "FILE:LINE: PATH" */
#define SCENARIO_FACTORS_MAX 20   /* factors of a sensitivity analysis */
#define SCENARIO_SWEEPS_MAX 20    /* sweeps of a full-factorial grid */

/* One swept setting (docs/scenarios.md, section 5). */
typedef struct scenario_sweep {
    char setting[128]; /* the swept path */
    char **values;     /* n values as scenario-file text ("3000", "0.1",
                          "\"office\"", "true"): numbers in the shortest
                          form that reads back, 3000.0 as "3000"; owned */
    size_t n;
    char range[3][32]; /* from, to, step as text when the sweep gives a
                          range, else "" */
} scenario_sweep;

/* One factor of `sensitivity` (docs/scenarios.md, section 5). */
typedef struct scenario_factor {
    char setting[128]; /* a setting path */
    double min, max;   /* its range */
    double mode;       /* triangular: the most likely value */
    int dist;          /* sim_gsa_dist: uniform, loguniform, triangular */
    int whole;         /* 1: rounded to a whole number */
} scenario_factor;

/* `sensitivity`: a global sensitivity analysis, whose design points are
 * the plan's variants (sim_gsa.h has the methods). */
typedef struct scenario_sensitivity {
    int on;            /* 0: none */
    int method;        /* sim_gsa_method */
    int sampling;      /* sim_gsa_sampling (Sobol' only) */
    size_t samples;    /* Morris trajectories r, or Sobol' rows N */
    int levels;        /* Morris grid levels p */
    uint64_t seed;     /* design and bootstrap */
    size_t bootstrap;  /* resamples of the intervals */
    scenario_factor factor[SCENARIO_FACTORS_MAX];
    size_t nfactors;
    char outputs[SCENARIO_MEASURES_MAX][64]; /* metric names; 0: the headline */
    size_t noutputs;
    char output_origin[SCENARIO_MEASURES_MAX][SCENARIO_ORIGIN_MAX];
    scenario_set *compare;      /* `compare`: overrides of a second run of each
                                   point, whose paired difference from the
                                   point is the output (owned, one block);
                                   NULL: none */
    size_t ncompare;
} scenario_sensitivity;

typedef struct scenario_plan {
    scenario_variant *v;     /* n variants, owned */
    size_t n;
    size_t baseline;         /* index into v */

    /* The section as the file gives it, before the sweeps are combined
     * in, so that scenario_write can write it back: */
    scenario_variant *listed; /* the variants list (nlisted), owned;
                                 NULL when the file has none */
    size_t nlisted;
    size_t listed_baseline;   /* index into listed */
    scenario_sweep sweep[SCENARIO_SWEEPS_MAX]; /* nsweeps swept settings */
    size_t nsweeps;           /* 0: no sweep */
    int sweep_list;           /* 1: the file gives a list of sweeps */

    /* The design columns: ncols settings whose value every variant sets
     * (the sweeps', or a sensitivity analysis' factors), written beside
     * each row of summary.csv, differences.csv and replications.csv.
     * Column j of variant v is scenario_plan_col(p, v, j). */
    size_t ncols;

    /* The report section: what the scenario asks and what answers it. */
    char question[SCENARIO_QUESTION_MAX]; /* one sentence, or "" */
    char measures[SCENARIO_MEASURES_MAX][64]; /* nmeasures metric names
                                 (docs/outputs.md) the report leads with;
                                 the file's order */
    size_t nmeasures;         /* 0: the default headline (report_internal.h) */
    char figures[SCENARIO_FIGURES_MAX][32];   /* figures shown first */
    size_t nfigures;
    /* "FILE:LINE: report.measures.[i]" of each, for messages about names
       that only the model knows (checked by experiment_load) */
    char measure_origin[SCENARIO_MEASURES_MAX][SCENARIO_ORIGIN_MAX];
    char figure_origin[SCENARIO_FIGURES_MAX][SCENARIO_ORIGIN_MAX];

    /* A sensitivity analysis: variant q is design point q (sim_gsa_design
       of these settings), named "point Q" (1 first, the baseline); with
       `compare`, variants 2q and 2q + 1 are point q as designed and with
       the compare overrides after the factors' ("point Q compared"). */
    scenario_sensitivity sa;

    /* The output section (read from the file only; run --calls sets
       calls too): */
    int calls;                /* 1: write calls.csv, the per-call log */
    size_t calls_reps;        /* output.calls_replications: replications of
                                 each variant logged; 0: all */
} scenario_plan;

/* The design of sensitivity section *sa (sim_gsa_design of its settings:
 * the same points every time it is made). Returns 0, or -1 (memory). */
struct sim_gsa;
int scenario_sa_design(const scenario_sensitivity *sa, struct sim_gsa *d);

/* The name of design column j (< p->ncols): its setting path. */
const char *scenario_plan_col_name(const scenario_plan *p, size_t j);

/* Variant v's value of design column j as scenario-file text ("3000",
 * "\"office\"", "true"): borrowed from the plan. */
const char *scenario_plan_col(const scenario_plan *p, size_t v, size_t j);

/* Factor *f's value at quantile u of its distribution (rounded when
 * `whole`): the value its override sets at a design point. */
double scenario_factor_value(const scenario_factor *f, double u);

/* Reads the experiment section of `path` (NULL: the built-in scenario,
 * which has none: one variant "baseline"). Checks names (unique, 1 to 127
 * characters, also once combined with the sweep), the baseline name, the
 * shape of `set`, `sweep` (values: numbers, text or booleans, distinct;
 * or from/to/step with step > 0, from <= to and at most 10000 values,
 * value i = from + i * step, whole numbers when all three are); the
 * overrides themselves are validated when each variant is loaded. The
 * origin of a variant's override is "FILE:LINE: variants.[i].set.[j]",
 * of the sweep's "FILE:LINE: sweep". Errors as scenario_load. Returns 0
 * or -1 (then *p holds nothing). */
int scenario_plan_read(scenario_plan *p, const char *path, FILE *err);

/* Frees what *p owns and empties it (NULL-safe). */
void scenario_plan_free(scenario_plan *p);

/* The name among cand[0 .. n) that `word` was most likely meant to be:
 * one within a couple of edits (ignoring case), else one that starts with
 * word, else NULL. For "did you mean" in messages. */
const char *scenario_closest(const char *word, const char *const *cand, size_t n);

/* ---- the text of a scenario file ------------------------------------------ */

#define SCENARIO_TEXT_MAX (16u << 20) /* bytes of a file with its includes */
#define SCENARIO_LINE_MAX 65536       /* characters of a line, of a string */

/* A scenario file read into memory once, so that every variant of an
 * experiment parses the same bytes. */
typedef struct scenario_text {
    char *path;       /* the file as given (owned); NULL: the built-in text */
    const char *text; /* its bytes, NUL-terminated */
    size_t len;       /* bytes before the NUL */
    char *buf;        /* what the struct owns of text (NULL: built-in) */
} scenario_text;

/* Reads the file `path` (NULL: the built-in scenario_builtin_text) into
 * *t and checks what libconfig could not take well (it takes time
 * quadratic in the length of one token, and ends the program on an
 * include it cannot read): at most SCENARIO_TEXT_MAX bytes with every
 * file it includes, no NUL byte, lines and strings of at most
 * SCENARIO_LINE_MAX characters, each `@include` naming a regular file
 * that can be read (in the top file's folder), nested at most 10 deep.
 * Returns 0, or -1 after messages as scenario_load's (FILE:LINE: ...;
 * "FILE: cannot read the file: REASON"); then *t holds nothing. */
int scenario_text_read(scenario_text *t, const char *path, FILE *err);

/* As scenario_text_read for a file whose bytes are data[0 .. len), called
 * `path` in messages (its folder is where includes are found); copies
 * them. */
int scenario_text_set(scenario_text *t, const char *path, const char *data, size_t len,
                      FILE *err);

/* The checks of scenario_text_read on *t (and the files it includes, read
 * again). Returns 0, or -1 after messages. */
int scenario_text_check(const scenario_text *t, FILE *err);

/* Frees what *t owns and empties it (NULL-safe fields). */
void scenario_text_free(scenario_text *t);

/* As scenario_load_set and scenario_plan_read, on a text already read. */
int scenario_load_text(scenario *s, const scenario_text *t, const scenario_set *sets,
                       size_t nsets, FILE *err);
int scenario_plan_read_text(scenario_plan *p, const scenario_text *t, FILE *err);

/* ---- showing user text in messages --------------------------------------- */

#define SCENARIO_SHOW_SIZE 72 /* 64 characters, "...", NUL */

/* `text` as messages show it, in buf: at most 64 bytes (then "..."), with
 * every control character (ASCII and the UTF-8 C1 range) as '?', so that
 * a message stays one line and nothing reaches the terminal as a command.
 * Returns buf. */
const char *scenario_show(const char *text, char buf[SCENARIO_SHOW_SIZE]);

/* As scenario_load, for the file `path` or, when path is NULL, the
 * built-in default scenario (scenario_builtin_text, source "built-in",
 * name "default"); then applies sets[0 .. nsets) in order, each replacing
 * or adding one setting of the file's tree before anything is read, so an
 * override is validated exactly like the file (unknown setting with a
 * suggestion, type, range, consistency). Errors about an override read
 *     ORIGIN: PATH: expected ..., found ...
 * A path into a list must name an existing element; missing groups on the
 * path are created. `@include "F"` in a file is resolved relative to the
 * folder of the scenario file, also inside an included file (libconfig
 * 1.5 has one include folder per file it reads), and errors in an
 * included file name that file and its line. All errors are reported;
 * returns 0 or -1, and on -1 *s holds no heap memory. */
int scenario_load_set(scenario *s, const char *path, const scenario_set *sets,
                      size_t nsets, FILE *err);

/* Writes *s as a complete scenario file: every setting, the synthetic
 * block and the explicit city lists when the scenario has them, numbers
 * in the shortest form that reads back bit for bit (at most %.17g; whole
 * doubles as "5000.0", so they stay floats). An officer group's number
 * for a staffing rule other than its own (count, per, per_beat) is left
 * out: a group read from a file holds 0 there, which the reader would
 * refuse. So scenario_load of the output gives a scenario equal to *s in
 * every setting but the `line` fields. If `plan` is not NULL its experiment
 * section is appended as the file gave it (the variants list and the
 * sweep, not their combinations), so the file reruns the whole
 * experiment. Returns 0, or -1 on an output error. */
int scenario_write(const scenario *s, const scenario_plan *plan, FILE *f);

/* Writes one user-error line "SOURCE:LINE: message" (or "SOURCE: message"
 * when line is 0) to err, NULL-safe: the one format of every message about
 * a scenario, for the modules that build on it (city, roster). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void scenario_error(FILE *err, const char *source, int line, const char *fmt, ...);

/* Frees the explicit beat and station lists (NULL-safe; leaves the
 * scenario synthetic) and the staffing plan. */
void scenario_free(scenario *s);

/* Frees the staffing plan only (NULL-safe; nplan becomes 0). */
void scenario_free_plan(scenario *s);

#endif /* SCENARIO_H */
