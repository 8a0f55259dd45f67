/* scenario_fields.c - the setting tables of a scenario file.
 *
 * Every group of a scenario file (run, city.synthetic, each land type,
 * each incident type, each officer group, dispatch, each beat and
 * station, prevention and each of its parts, auxiliary groups and
 * crackdowns) has a table of its settings: name, kind, place in its
 * struct, allowed range, and when it is required. The reader
 * (scenario_read.c) walks the members a group gives by its table, the
 * checker (scenario_check.c) walks the same tables over a struct, so a
 * scenario built in code is held to the same ranges as a file, and the
 * writer (scenario_write.c) walks them again to write every setting.
 * The words of the enum settings (scenario.h's *_names) are here too.
 */
#include "scenario_internal.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

/* ---- names ------------------------------------------------------------------ */

const char *const land_type_names[LAND_NTYPES] = {"urban_residential", "commercial",
                                                  "mixed", "rural"};
const char *const staffing_rule_names[] = {"count", "per_residents", "per_households",
                                           "per_beat", "on_duty", "plan"};
const char *const allocation_rule_names[] = {"residents", "workload", "equal"};
const char *const shift_plan_names[] = {"fixed_3x8", "day_only", "staggered", "flexible",
                                        "continuous", "cross", "rotation"};
const char *const staff_mode_names[] = {"targets", "budget"};
const char *const staff_objective_names[] = {"wait", "late"};
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
_Static_assert(STAFF_PLAN + RULE_SHIFT < 9, "a RULE bit for every staffing rule");
_Static_assert(sizeof(allocation_rule) == sizeof(int), "enum size");
_Static_assert(sizeof(shift_plan) == sizeof(int), "enum size");
_Static_assert(sizeof(dispatch_policy) == sizeof(int), "enum size");
_Static_assert(sizeof(work_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(patrol_mode) == sizeof(int), "enum size");
_Static_assert(sizeof(strategy_kind) == sizeof(int), "enum size");

/* ---- setting tables -------------------------------------------------------------- */

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
int scn_ident_ok(const char *t)
{
    if (!isalpha((unsigned char)t[0]))
        return 0;
    for (; *t; t++)
        if (!isalnum((unsigned char)*t) && !strchr("_-.", *t))
            return 0;
    return 1;
}

/* 1 if t has no control character (names go into CSV cells, the
 * figures' scripts and the report page, one per line). */
int scn_printable(const char *t)
{
    for (; *t; t++)
        if ((unsigned char)*t < 0x20 || *t == 0x7f)
            return 0;
    return 1;
}

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

const field scn_root_fields[] = {
    TEXT(scenario, name, 0),
    SECTION("run", scn_read_run),
    SECTION("city", scn_read_city),
    SECTION("land", scn_read_land),
    SECTION("incidents", scn_read_incidents),
    SECTION("officers", scn_read_groups),
    SECTION("dispatch", scn_read_dispatch),
    SECTION("prevention", scn_read_prevention),
    SECTION("staffing", scn_read_staffing),
    /* the experiment section: scenario_plan_read's */
    SECTION("baseline", scn_read_plan_part),
    SECTION("variants", scn_read_plan_part),
    SECTION("sweep", scn_read_plan_part),
    SECTION("sensitivity", scn_read_plan_part),
    SECTION("report", scn_read_plan_part),
    SECTION("output", scn_read_plan_part),
};

const field scn_run_fields[] = {
    REAL(scenario, days, SPAN(0, 1e5, LO_OPEN), 0),
    REAL(scenario, warmup_days, SPAN(0, 1e5, 0), 0),
    SEED(scenario, seed),
    INT(scenario, reps, SPAN(1, 1e6, 0), 0),
};

const field scn_city_fields[] = {
    SECTION("synthetic", scn_read_synthetic),
    SECTION("stations", scn_read_stations),
    SECTION("beats", scn_read_beats),
    SECTION("boundaries", scn_read_boundaries),
    SECTION("layer", scn_read_layer),
};

/* city.layer: the attribute fields of the map layers (beatmap.h). */
static const char *const missing_residents_names[] = {"error", "area"};
_Static_assert(sizeof(missing_residents) == sizeof(int), "enum size");
const field scn_layer_fields[] = {
    TEXT(city_layer, boundaries_layer, EMPTY_OK),
    TEXT(city_layer, stations_layer, EMPTY_OK),
    TEXT(city_layer, id_field, 0),
    TEXT(city_layer, station_field, 0),
    TEXT(city_layer, residents_field, EMPTY_OK),
    TEXT(city_layer, households_field, EMPTY_OK),
    TEXT(city_layer, land_field, EMPTY_OK),
    TEXT(city_layer, migrant_share_field, EMPTY_OK),
    TEXT(city_layer, key_persons_field, EMPTY_OK),
    TEXT(city_layer, station_id_field, 0),
    REAL(city_layer, residents, SPAN(0, 1e8, 0), 0),
    ENUM_AS("missing_residents", city_layer, missing, missing_residents_names, 0),
};
const size_t scn_nlayer_fields = NELEMS(scn_layer_fields);

const field scn_synth_fields[] = {
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

const field scn_station_fields[] = {
    TEXT(station_spec, id, REQ | IDENT),
    REAL(station_spec, x, COORD, REQ),
    REAL(station_spec, y, COORD, REQ),
};

const field scn_beat_fields[] = {
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
const field scn_land_section_fields[] = {
    SECTION("urban_residential", scn_read_land_type),
    SECTION("commercial", scn_read_land_type),
    SECTION("mixed", scn_read_land_type),
    SECTION("rural", scn_read_land_type),
};

const field scn_land_fields[] = {
    REAL(land_params, speed_kmh, SPAN(1, 300, 0), 0),
    WEIGHTS_IN(land_params, target_min, SPAN(0, 1440, LO_OPEN), SCALAR_OK),
};

const field scn_incidents_fields[] = {
    REAL(scenario, day_factor_variance, SPAN(0, 10, 0), 0),
    SECTION("types", scn_read_types),
};

const field scn_type_fields[] = {
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

const field scn_group_fields[] = {
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

const field scn_dispatch_fields[] = {
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
 * (scn_prevention_parts) and the two lists. */
const field scn_prevention_fields[] = {
    BOOL(prevention_params, enabled),
    BOOL(prevention_params, prevention_work),
    REAL(prevention_params, rate_cap, SPAN(1, 10, 0), 0),
    SECTION("deterrence", scn_read_prevention_part),
    SECTION("patrol", scn_read_prevention_part),
    SECTION("visits", scn_read_prevention_part),
    SECTION("key_persons", scn_read_prevention_part),
    SECTION("migrants", scn_read_prevention_part),
    SECTION("offenders", scn_read_prevention_part),
    SECTION("strike", scn_read_prevention_part),
    SECTION("safe_communities", scn_read_prevention_part),
    SECTION("strategy", scn_read_prevention_part),
    SECTION("scorecard", scn_read_prevention_part),
    SECTION("auxiliaries", scn_read_aux),
    SECTION("crackdowns", scn_read_crackdowns),
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

const field scn_aux_fields[] = {
    TEXT(aux_group, name, REQ | IDENT),
    REAL(aux_group, per_1000_residents, SPAN(0, 1000, 0), REQ),
    WEIGHTS_IN(aux_group, land, SHARE, 0),
    WEIGHTS_IN(aux_group, hours, SHARE, 0),
    REAL(aux_group, cost_per_hour, MONEY, 0),
    REAL(aux_group, effectiveness, SHARE, 0),
    ENUM(aux_group, mode, patrol_mode_names, 0),
};

const field scn_crackdown_fields[] = {
    REAL(crackdown, start_day, RUN_DAYS, REQ),
    REAL(crackdown, days, SPAN(0, 2e5, LO_OPEN), REQ),
    REAL(crackdown, strike_share, SHARE, 0),
    REAL(crackdown, initial_effect, SHARE, 0),
    REAL(crackdown, decay_days, SPAN(0, 36500, LO_OPEN), 0),
    REAL(crackdown, residual, SHARE, 0),
    REAL(crackdown, residual_decay_days, SPAN(0, 36500, LO_OPEN), 0),
};

#define PART(m, t) {#m, t, NELEMS(t), offsetof(prevention_params, m)}

const prevention_part scn_prevention_parts[] = {
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

/* staffing: blocks_h, targets and plan have their own readers (the plan's
   rows are as long as the blocks make cells, so it is read last). */
const field scn_staffing_fields[] = {
    TEXT(staffing_params, group, EMPTY_OK),
    SECTION("blocks_h", scn_read_staffing_part),
    BOOL(staffing_params, weekdays),
    SECTION("targets", scn_read_staffing_part),
    INT(staffing_params, reps, SPAN(2, 1000, 0), 0),
    INT(staffing_params, min_on_duty, SPAN(0, 1000, 0), 0),
    INT(staffing_params, max_on_duty, SPAN(1, 1000, 0), 0),
    INT(staffing_params, rounds, SPAN(1, 1000, 0), 0),
    INT(staffing_params, patience, SPAN(0, 1000, 0), 0),
    ENUM(staffing_params, mode, staff_mode_names, 0),
    COUNT(staffing_params, budget, SPAN(0, 1e7, 0), 0),
    COUNT(staffing_params, budget_extra, SPAN(-1e7, 1e7, 0), 0),
    ENUM(staffing_params, objective, staff_objective_names, 0),
    REAL(staffing_params, objective_min, SPAN(0, 1440, LO_OPEN), 0),
    WEIGHTS_IN(staffing_params, weights, SPAN(0, 1e6, 0), NONZERO | SCALAR_OK),
    SECTION("plan", scn_read_staffing_part),
};

_Static_assert(NELEMS(scn_synth_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_root_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_prevention_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(visit_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_aux_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_crackdown_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_prevention_parts) == NELEMS(scn_prevention_fields) - 5,
               "one part per section of prevention but the two lists");
_Static_assert(NELEMS(scn_type_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_group_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_beat_fields) <= FIELDS_MAX, "FIELDS_MAX");
_Static_assert(NELEMS(scn_land_section_fields) == LAND_NTYPES, "one section per land type");

const size_t scn_nroot_fields = NELEMS(scn_root_fields);
const size_t scn_nrun_fields = NELEMS(scn_run_fields);
const size_t scn_ncity_fields = NELEMS(scn_city_fields);
const size_t scn_nsynth_fields = NELEMS(scn_synth_fields);
const size_t scn_nstation_fields = NELEMS(scn_station_fields);
const size_t scn_nbeat_fields = NELEMS(scn_beat_fields);
const size_t scn_nland_section_fields = NELEMS(scn_land_section_fields);
const size_t scn_nland_fields = NELEMS(scn_land_fields);
const size_t scn_nincidents_fields = NELEMS(scn_incidents_fields);
const size_t scn_ntype_fields = NELEMS(scn_type_fields);
const size_t scn_ngroup_fields = NELEMS(scn_group_fields);
const size_t scn_ndispatch_fields = NELEMS(scn_dispatch_fields);
const size_t scn_nprevention_fields = NELEMS(scn_prevention_fields);
const size_t scn_naux_fields = NELEMS(scn_aux_fields);
const size_t scn_ncrackdown_fields = NELEMS(scn_crackdown_fields);
const size_t scn_nprevention_parts = NELEMS(scn_prevention_parts);
const size_t scn_nstaffing_fields = NELEMS(scn_staffing_fields);
const size_t scn_nstaffing_rule_names = NELEMS(staffing_rule_names);
const size_t scn_nofficer_role_names = NELEMS(officer_role_names);
