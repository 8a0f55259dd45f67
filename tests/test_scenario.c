/* test_scenario.c - scenario_defaults, scenario_load and scenario_check:
 * the shipped scenario files, and a table of bad inputs with the exact
 * messages each must give; the experiment layer: overrides (with their
 * own table of bad inputs), @include, the experiment section
 * (scenario_plan_read) and resolved files (scenario_write round trips).
 *
 * Runs from the repository root (it reads scenarios/default.cfg and
 * scenarios/validation/mmc.cfg). Bad inputs are written to a fresh
 * directory under /tmp, which is removed afterwards; its name is cut out
 * of the messages before they are compared, so they read "s.cfg:LINE: ...".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario.h"
#include "check.h"

/* ---- helpers ------------------------------------------------------------------ */

static char tmpdir[64]; /* made by setup_tmpdir, removed by remove_tmpdir */

static int setup_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_scenario.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

/* Deletes every occurrence of `cut` from the string s. */
static void cut_all(char *s, const char *cut)
{
    size_t n = strlen(cut);
    char *p;
    while ((p = strstr(s, cut)))
        memmove(p, p + n, strlen(p + n) + 1);
}

/* Origin o without the tmpdir folder in front. */
static const char *rel(const char *o)
{
    size_t n = strlen(tmpdir);
    return !strncmp(o, tmpdir, n) && o[n] == '/' ? o + n + 1 : o;
}

/* Writes `text` to tmpdir/NAME (its folder must exist); path gets the
 * file's path. */
static void put_file(const char *name, const char *text, char path[128])
{
    snprintf(path, 128, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* A stream for messages, and what was written to it with tmpdir cut out
 * (malloc'd, caller frees). */
static FILE *open_messages(char **messages, size_t *len)
{
    FILE *err = open_memstream(messages, len);
    assert_non_null(err);
    return err;
}

static void close_messages(FILE *err, char **messages)
{
    assert_int_equal(fclose(err), 0);
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s/", tmpdir);
    cut_all(*messages, prefix);
}

/* Writes `text` to tmpdir/NAME (text NULL: the built-in scenario), loads
 * it into *s with the overrides sets[0 .. nsets) and returns the status;
 * *messages (malloc'd, caller frees) gets what was written to `err`, with
 * the directory cut out. The file is removed. */
static int load_set_text(const char *name, const char *text, const scenario_set *sets,
                         size_t nsets, scenario *s, char **messages)
{
    char path[128];
    if (text)
        put_file(name, text, path);
    size_t len;
    FILE *err = open_messages(messages, &len);
    int rc = scenario_load_set(s, text ? path : NULL, sets, nsets, err);
    close_messages(err, messages);
    if (text)
        assert_int_equal(remove(path), 0);
    return rc;
}

static int load_text(const char *name, const char *text, scenario *s, char **messages)
{
    return load_set_text(name, text, NULL, 0, s, messages);
}

/* scenario_plan_read of `text` written to tmpdir/NAME (NULL: the built-in
 * scenario), with its messages captured like load_set_text's. */
static int plan_text(const char *name, const char *text, scenario_plan *p, char **messages)
{
    char path[128];
    if (text)
        put_file(name, text, path);
    size_t len;
    FILE *err = open_messages(messages, &len);
    int rc = scenario_plan_read(p, text ? path : NULL, err);
    close_messages(err, messages);
    if (text)
        assert_int_equal(remove(path), 0);
    return rc;
}

/* scenario_check of *s with its messages captured like load_text's. */
static int check_text(const scenario *s, char **messages)
{
    size_t len;
    FILE *err = open_memstream(messages, &len);
    assert_non_null(err);
    int n = scenario_check(s, err);
    assert_int_equal(fclose(err), 0);
    return n;
}

/* Every number, enum and name of two scenarios, except name, source and
 * the `line` fields; numbers bit for bit. */
static void assert_same_scenario(const scenario *got, const scenario *want)
{
#define SAME(f)                                                                \
    do {                                                                       \
        assert_time_equal((double)got->f, (double)want->f);                    \
        assert_memory_equal(&got->f, &want->f, sizeof got->f);                 \
    } while (0)
    SAME(days);
    SAME(warmup_days);
    assert_true(got->seed == want->seed);
    SAME(reps);

    SAME(synth.residents);
    SAME(synth.stations);
    SAME(synth.rural_share);
    SAME(synth.urban_beat_residents);
    SAME(synth.rural_beat_residents);
    SAME(synth.urban_density_km2);
    SAME(synth.rural_density_km2);
    SAME(synth.commercial_share);
    SAME(synth.mixed_share);
    SAME(synth.household_size);
    SAME(synth.migrant_share_urban);
    SAME(synth.migrant_share_rural);
    SAME(synth.key_persons_per_1000);
    assert_int_equal(got->nbeats, want->nbeats);
    assert_int_equal(got->nstations, want->nstations);
    assert_true((got->beats == NULL) == (want->beats == NULL));
    assert_true((got->stations == NULL) == (want->stations == NULL));
    for (size_t i = 0; i < want->nstations; i++) {
        assert_string_equal(got->stations[i].id, want->stations[i].id);
        SAME(stations[i].x);
        SAME(stations[i].y);
    }
    for (size_t i = 0; i < want->nbeats; i++) {
        assert_string_equal(got->beats[i].id, want->beats[i].id);
        assert_string_equal(got->beats[i].station, want->beats[i].station);
        SAME(beats[i].land);
        SAME(beats[i].residents);
        SAME(beats[i].households);
        SAME(beats[i].migrant_share);
        SAME(beats[i].key_persons);
        SAME(beats[i].area_km2);
        SAME(beats[i].x);
        SAME(beats[i].y);
        SAME(beats[i].shape);
    }

    for (int l = 0; l < LAND_NTYPES; l++) {
        SAME(land[l].speed_kmh);
        for (int p = 0; p < SCENARIO_PRIORITIES; p++)
            SAME(land[l].target_min[p]);
    }

    SAME(day_factor_variance);
    assert_int_equal(got->ntypes, want->ntypes);
    for (int i = 0; i < want->ntypes; i++) {
        assert_string_equal(got->types[i].name, want->types[i].name);
        SAME(types[i].rate_per_1000_year);
        for (int h = 0; h < 24; h++)
            SAME(types[i].hour_profile[h]);
        for (int d = 0; d < 7; d++)
            SAME(types[i].dow_profile[d]);
        for (int l = 0; l < LAND_NTYPES; l++)
            SAME(types[i].land_mult[l]);
        SAME(types[i].priority);
        SAME(types[i].units);
        SAME(types[i].scene);
        SAME(types[i].scene_mean_min);
        SAME(types[i].scene_sd_min);
        SAME(types[i].followup_h);
        SAME(types[i].clearance);
        SAME(types[i].opportunistic);
        SAME(types[i].offender_driven);
        SAME(types[i].hardening);
        SAME(types[i].phone_share);
        SAME(types[i].phone_min);
        SAME(types[i].divert_share);
        SAME(types[i].minor);
    }

    assert_int_equal(got->ngroups, want->ngroups);
    for (int i = 0; i < want->ngroups; i++) {
        assert_string_equal(got->groups[i].name, want->groups[i].name);
        SAME(groups[i].role);
        SAME(groups[i].base);
        SAME(groups[i].rule);
        SAME(groups[i].count);
        SAME(groups[i].per);
        SAME(groups[i].per_beat);
        SAME(groups[i].allocation);
        SAME(groups[i].min_per_station);
        SAME(groups[i].shifts);
        SAME(groups[i].hours_per_week);
        SAME(groups[i].desk_share);
        SAME(groups[i].desk_block_min);
        for (int k = 0; k < WORK_KINDS; k++)
            SAME(groups[i].work[k]);
        SAME(groups[i].patrol);
        for (int h = 0; h < 24; h++)
            SAME(groups[i].patrol_hours[h]);
        SAME(groups[i].on_duty);
        for (int k = 0; k < ABSENCE_KINDS; k++)
            SAME(groups[i].absence_days[k]);
        SAME(groups[i].break_min);
        SAME(groups[i].break_every_h);
        SAME(groups[i].break_interrupt);
        SAME(groups[i].desk_interrupt);
        SAME(groups[i].auxiliary);
        assert_string_equal(got->groups[i].crew_with, want->groups[i].crew_with);
        SAME(groups[i].alone);
        for (int h = 0; h < 24; h++)
            SAME(groups[i].crew[h]);
        SAME(groups[i].cars);
        SAME(groups[i].rotation_days);
        SAME(groups[i].rotation_office_days);
    }

    SAME(dispatch.policy);
    SAME(dispatch.preempt);
    SAME(dispatch.cross_station);
    for (int p = 0; p < SCENARIO_PRIORITIES; p++)
        SAME(dispatch.reserve[p]);
    SAME(dispatch.hold_max_min);
    SAME(dispatch.delay_min);
    SAME(dispatch.detour);
    SAME(dispatch.euclidean);
    SAME(dispatch.return_to_base);

    SAME(prevention.enabled);
    SAME(prevention.prevention_work);
    SAME(prevention.rate_cap);
    SAME(prevention.deterrence.presence_effect);
    SAME(prevention.deterrence.residual_max);
    SAME(prevention.deterrence.residual_saturation_min);
    SAME(prevention.deterrence.residual_decay_min);
    SAME(prevention.deterrence.watch_km2);
    SAME(prevention.deterrence.hotspot_crime_share);
    SAME(prevention.deterrence.hotspot_area_share);
    SAME(prevention.deterrence.spillover);
    SAME(prevention.patrol.random_stop_min);
    SAME(prevention.patrol.hotspot_stop_min);
    SAME(prevention.patrol.move_min);
    SAME(prevention.patrol.block_min);
    SAME(prevention.patrol.hotspot_beats);
    SAME(prevention.visits.block_min);
    SAME(prevention.visits.household_min);
    for (int h = 0; h < 24; h++) {
        SAME(prevention.visits.at_home_weekday[h]);
        SAME(prevention.visits.at_home_weekend[h]);
    }
    SAME(prevention.visits.memory_days);
    SAME(prevention.visits.half_contacts);
    SAME(prevention.visits.crime_effect);
    SAME(prevention.visits.clearance_gain);
    SAME(prevention.key_persons.check_interval_days);
    SAME(prevention.key_persons.check_min);
    SAME(prevention.key_persons.offender_equivalent);
    SAME(prevention.key_persons.recruitment_per_year);
    SAME(prevention.migrants.registered_share);
    SAME(prevention.migrants.turnover_per_year);
    SAME(prevention.migrants.recruitment_per_1000);
    SAME(prevention.offenders.per_1000_residents);
    SAME(prevention.offenders.desistance_per_year);
    SAME(prevention.offenders.arrest_share);
    SAME(prevention.offenders.sentence_days);
    SAME(prevention.offenders.recidivism);
    SAME(prevention.offenders.replacement);
    SAME(prevention.offenders.initial_share);
    SAME(prevention.strike.clearance_gain);
    SAME(prevention.strike.half_hours_per_week);
    SAME(prevention.strike.arrest_followup_h);
    for (int l = 0; l < LAND_NTYPES; l++)
        SAME(prevention.safe_communities.beat_share[l]);
    SAME(prevention.safe_communities.start_day);
    SAME(prevention.safe_communities.setup_days);
    SAME(prevention.safe_communities.reduction);
    SAME(prevention.safe_communities.cost_per_household_year);
    SAME(prevention.strategy.kind);
    SAME(prevention.strategy.window_days);
    SAME(prevention.strategy.threshold);
    SAME(prevention.strategy.strike_days);
    for (int k = 0; k < SCORE_N; k++)
        SAME(prevention.scorecard.weights[k]);
    SAME(prevention.scorecard.counterfactual);
    for (int k = 0; k < 3; k++)
        SAME(prevention.scorecard.satisfaction[k]);
    SAME(prevention.scorecard.victimisation_ref);
    assert_int_equal(got->prevention.naux, want->prevention.naux);
    for (int i = 0; i < want->prevention.naux; i++) {
        assert_string_equal(got->prevention.aux[i].name, want->prevention.aux[i].name);
        SAME(prevention.aux[i].per_1000_residents);
        for (int l = 0; l < LAND_NTYPES; l++)
            SAME(prevention.aux[i].land[l]);
        for (int h = 0; h < 24; h++)
            SAME(prevention.aux[i].hours[h]);
        SAME(prevention.aux[i].cost_per_hour);
        SAME(prevention.aux[i].effectiveness);
        SAME(prevention.aux[i].mode);
    }
    assert_int_equal(got->prevention.ncrackdowns, want->prevention.ncrackdowns);
    for (int i = 0; i < want->prevention.ncrackdowns; i++) {
        SAME(prevention.crackdowns[i].start_day);
        SAME(prevention.crackdowns[i].days);
        SAME(prevention.crackdowns[i].strike_share);
        SAME(prevention.crackdowns[i].initial_effect);
        SAME(prevention.crackdowns[i].decay_days);
        SAME(prevention.crackdowns[i].residual);
        SAME(prevention.crackdowns[i].residual_decay_days);
    }
#undef SAME
}

/* ---- defaults and the shipped files --------------------------------------------- */

static void test_defaults_consistent(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    char *msg;
    assert_int_equal(check_text(&s, &msg), 0);
    assert_string_equal(msg, "");
    free(msg);
    assert_string_equal(s.name, "default");
    assert_string_equal(s.source, "built-in");
    assert_int_equal(s.ntypes, 6);
    assert_int_equal(s.ngroups, 5);
    assert_int_equal(s.groups[0].role, ROLE_DUTY);
    assert_int_equal(s.groups[2].role, ROLE_PATROL);
    assert_true(s.groups[3].auxiliary && !strcmp(s.groups[3].crew_with, "response"));
    assert_true(s.groups[4].auxiliary && !strcmp(s.groups[4].crew_with, "patrol"));
    assert_time_equal(s.groups[0].absence_days[ABSENCE_TRAINING], 15.0);
    assert_time_equal(s.groups[0].break_min, 45.0);
    assert_int_equal(s.groups[0].desk_interrupt, 1);
    assert_time_equal(s.types[3].divert_share, 0.9);
    assert_int_equal(s.dispatch.cross_station, 1);
    assert_time_equal(s.dispatch.reserve[2], 0.0);
    assert_time_equal(s.land[LAND_RURAL].target_min[0], 30.0);
    assert_string_equal(s.types[5].name, "violent");
    assert_int_equal(s.types[5].units, 2);
    assert_time_equal(s.types[0].clearance, 0.14);
    assert_time_equal(s.types[0].hour_profile[12], 1.88);
    assert_time_equal(s.types[0].dow_profile[4], 1.31);
    assert_string_equal(s.groups[1].name, "beat");
    assert_int_equal(s.groups[1].rule, STAFF_PER_BEAT);
    assert_time_equal(s.groups[0].work[WORK_STRIKE], 0.0);
    assert_time_equal(s.groups[1].work[WORK_VISIT], 0.20);
    assert_int_equal(s.groups[1].patrol, PATROL_RANDOM);
    assert_int_equal(s.types[0].hardening, 1);
    assert_int_equal(s.types[2].offender_driven, 0);
    assert_int_equal(s.types[5].offender_driven, 1);
    assert_int_equal(s.types[5].opportunistic, 0);
    assert_int_equal(s.prevention.enabled, 1);
    assert_time_equal(s.prevention.deterrence.hotspot_area_share, 0.05);
    assert_time_equal(s.prevention.visits.at_home_weekday[18], 0.7);
    assert_time_equal(s.prevention.visits.at_home_weekend[12], 0.65);
    assert_int_equal(s.prevention.strategy.kind, STRATEGY_PLAN);
    assert_time_equal(s.prevention.scorecard.satisfaction[0], 0.4);
    assert_int_equal(s.prevention.naux, 0);
    assert_int_equal(s.prevention.ncrackdowns, 0);
    assert_null(s.beats);
    scenario_free(&s); /* nothing to free: harmless */
    assert_null(s.beats);
}

static void test_name_tables(void **state)
{
    (void)state;
    assert_string_equal(land_type_names[LAND_RURAL], "rural");
    assert_string_equal(staffing_rule_names[STAFF_PER_HOUSEHOLDS], "per_households");
    assert_string_equal(allocation_rule_names[ALLOC_EQUAL], "equal");
    assert_string_equal(shift_plan_names[SHIFT_CONTINUOUS], "continuous");
    assert_string_equal(dispatch_policy_names[DISPATCH_NEAREST], "nearest");
    assert_string_equal(work_kind_names[WORK_CHECK], "check");
    assert_string_equal(work_kind_names[WORK_STRIKE], "strike");
    assert_string_equal(patrol_mode_names[PATROL_HOTSPOT], "hotspot");
    assert_string_equal(strategy_kind_names[STRATEGY_PREVENTION_FIRST], "prevention_first");
    assert_string_equal(strategy_kind_names[STRATEGY_ADAPTIVE], "adaptive");
}

static void test_default_file_equals_defaults(void **state)
{
    (void)state;
    scenario got, want;
    assert_int_equal(scenario_load(&got, "scenarios/default.cfg", stderr), 0);
    scenario_defaults(&want);
    assert_same_scenario(&got, &want);
    assert_string_equal(got.name, "default");
    assert_string_equal(got.source, "scenarios/default.cfg");
    scenario_free(&got);
}

static void test_mmc_file(void **state)
{
    (void)state;
    scenario s;
    assert_int_equal(scenario_load(&s, "scenarios/validation/mmc.cfg", stderr), 0);
    assert_string_equal(s.name, "validation_mmc");
    assert_time_equal(s.days, 2000);
    assert_time_equal(s.warmup_days, 20);

    assert_int_equal(s.nstations, 1);
    assert_string_equal(s.stations[0].id, "S1");
    assert_time_equal(s.stations[0].x, 0);
    assert_time_equal(s.stations[0].y, 0);
    assert_int_equal(s.nbeats, 1);
    const beat_spec *b = &s.beats[0];
    assert_string_equal(b->id, "B1");
    assert_string_equal(b->station, "S1");
    assert_int_equal(b->land, LAND_URBAN_RESIDENTIAL);
    assert_time_equal(b->residents, 1000);
    assert_time_equal(b->households, 1000 / 2.62);
    assert_time_equal(b->area_km2, 0);
    assert_time_equal(b->x, 0);
    assert_time_equal(b->y, 0);
    assert_int_equal(b->shape, SHAPE_SQUARE);
    assert_int_equal(b->line, 33);
    /* left out: the synthetic city's migrant share and key persons */
    assert_time_equal(b->migrant_share, 0.3);
    assert_time_equal(b->key_persons, 1000 * 1.0 / 1000);

    assert_time_equal(s.day_factor_variance, 0);
    assert_int_equal(s.ntypes, 1);
    const incident_type *t = &s.types[0];
    assert_string_equal(t->name, "call");
    /* lambda = 0.3 calls per minute for the 1000 residents */
    CHECK_REL(t->rate_per_1000_year / (365.25 * 24 * 60), 0.3, 1e-15);
    for (int h = 0; h < 24; h++)
        assert_time_equal(t->hour_profile[h], 1);
    for (int d = 0; d < 7; d++)
        assert_time_equal(t->dow_profile[d], 1);
    for (int l = 0; l < LAND_NTYPES; l++)
        assert_time_equal(t->land_mult[l], 1);
    assert_int_equal(t->priority, 1);
    assert_int_equal(t->units, 1);
    assert_int_equal(t->scene, SCENE_EXPONENTIAL);
    assert_time_equal(t->scene_mean_min, 30);
    assert_time_equal(t->followup_h, 0);
    assert_time_equal(t->clearance, 0);

    assert_int_equal(s.ngroups, 1);
    const officer_group *g = &s.groups[0];
    assert_string_equal(g->name, "servers");
    assert_int_equal(g->role, ROLE_STATION);
    assert_int_equal(g->base, BASE_STATION);
    assert_int_equal(g->rule, STAFF_COUNT);
    assert_time_equal(g->count, 10);
    assert_int_equal(g->shifts, SHIFT_CONTINUOUS);
    assert_time_equal(g->desk_share, 0);

    assert_int_equal(s.dispatch.policy, DISPATCH_NEAREST);
    assert_int_equal(s.dispatch.preempt, 0);
    assert_time_equal(s.dispatch.delay_min, 0);
    assert_time_equal(s.dispatch.detour, 1);
    assert_int_equal(s.dispatch.return_to_base, 1);

    /* the pure reactive model */
    assert_int_equal(s.prevention.enabled, 0);
    for (int k = 0; k < WORK_KINDS; k++)
        assert_time_equal(g->work[k], 0);
    assert_int_equal(t->opportunistic + t->offender_driven + t->hardening, 0);
    scenario_free(&s);
    assert_null(s.beats);
    assert_null(s.stations);
    assert_int_equal(s.nbeats, 0);
}

/* ---- what a file leaves out ------------------------------------------------------ */

static void test_partial_file(void **state)
{
    (void)state;
    scenario s, d;
    char *msg;
    scenario_defaults(&d);
    int rc = load_text("partial.cfg",
                       "run = { seed = 123456789012L; };\n"
                       "incidents = { types = (\n"
                       "  { name = \"violent\"; rate_per_1000_year = 10; },\n"
                       "  { name = \"fraud\"; rate_per_1000_year = 2.5; scene_mean_min = 20; }\n"
                       "); };\n"
                       "officers = ( { name = \"all\"; rule = \"per_households\"; per = 900; } );\n"
                       "dispatch = { distance = \"straight_line\"; };\n",
                       &s, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(rc, 0);
    assert_string_equal(s.name, "partial"); /* the file's base name */
    assert_true(s.seed == UINT64_C(123456789012));
    assert_time_equal(s.days, d.days);

    /* A built-in name starts from the built-in type. */
    assert_int_equal(s.ntypes, 2);
    assert_time_equal(s.types[0].rate_per_1000_year, 10);
    assert_int_equal(s.types[0].priority, d.types[5].priority);
    assert_int_equal(s.types[0].units, 2);
    assert_time_equal(s.types[0].hour_profile[20], d.types[5].hour_profile[20]);
    assert_time_equal(s.types[0].clearance, d.types[5].clearance);
    assert_int_equal(s.types[0].opportunistic, 0);
    assert_int_equal(s.types[0].offender_driven, 1);

    /* Any other name starts from the generic type; sd = mean. */
    const incident_type *t = &s.types[1];
    assert_time_equal(t->rate_per_1000_year, 2.5);
    assert_time_equal(t->scene_mean_min, 20);
    assert_time_equal(t->scene_sd_min, 20);
    assert_int_equal(t->priority, 2);
    assert_int_equal(t->units, 1);
    assert_int_equal(t->scene, SCENE_LOGNORMAL);
    assert_time_equal(t->hour_profile[3], 1);
    assert_time_equal(t->dow_profile[6], 1);
    assert_time_equal(t->land_mult[2], 1);
    assert_time_equal(t->followup_h, 0);
    assert_time_equal(t->clearance, 0);
    assert_int_equal(t->opportunistic, 0);
    assert_int_equal(t->offender_driven, 0);
    assert_int_equal(t->hardening, 0);

    /* Officer groups start from the generic group. */
    assert_int_equal(s.ngroups, 1);
    const officer_group *g = &s.groups[0];
    assert_int_equal(g->rule, STAFF_PER_HOUSEHOLDS);
    assert_time_equal(g->per, 900);
    assert_int_equal(g->role, ROLE_STATION);
    assert_int_equal(g->base, BASE_STATION);
    assert_int_equal(g->allocation, ALLOC_RESIDENTS);
    assert_int_equal(g->min_per_station, 0);
    assert_int_equal(g->shifts, SHIFT_FIXED_3X8);
    assert_time_equal(g->hours_per_week, 40);
    assert_time_equal(g->desk_share, 0.25);
    assert_time_equal(g->desk_block_min, 60);
    for (int k = 0; k < WORK_KINDS; k++)
        assert_time_equal(g->work[k], 0);
    assert_int_equal(g->patrol, PATROL_RANDOM);
    assert_int_equal(g->line, 6);

    assert_int_equal(s.dispatch.euclidean, 1);
    assert_int_equal(s.dispatch.policy, DISPATCH_BEAT_FIRST);
    scenario_free(&s);
}

static void test_missing_file(void **state)
{
    (void)state;
    scenario s;
    char *msg;
    size_t len;
    FILE *err = open_memstream(&msg, &len);
    assert_non_null(err);
    assert_int_equal(scenario_load(&s, "no/such/file.cfg", err), -1);
    fclose(err);
    assert_string_equal(msg, "no/such/file.cfg: cannot read the file: No such file or directory\n");
    free(msg);
    assert_null(s.beats);
}

/* The prevention section: a part given keeps the rest of its defaults,
 * list entries start from their generic values, ( ) means none. */
static void test_prevention_file(void **state)
{
    (void)state;
    scenario s, d;
    char *msg;
    scenario_defaults(&d);
    int rc = load_text("p.cfg",
                       "officers = ( { name = \"r\"; rule = \"count\"; count = 40;\n"
                       "               work = [ 0.5, 0.0, 0.0, 0.5 ]; patrol = \"hotspot\"; } );\n"
                       "prevention = {\n"
                       "  prevention_work = false;\n"
                       "  deterrence = { spillover = -0.25; };\n"
                       "  strategy = { kind = \"adaptive\"; threshold = 1.5; };\n"
                       "  auxiliaries = (\n"
                       "    { name = \"guards\"; per_1000_residents = 0.5; mode = \"hotspot\"; },\n"
                       "    { name = \"volunteers\"; per_1000_residents = 1.0;\n"
                       "      land = [ 1.0, 0.0, 0.5, 0.0 ]; effectiveness = 0.1; }\n"
                       "  );\n"
                       "  crackdowns = ( { start_day = 50.0; days = 30; },\n"
                       "                 { start_day = 80; days = 10.0; residual = 0.2; } );\n"
                       "};\n",
                       &s, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(rc, 0);
    assert_time_equal(s.groups[0].work[WORK_PATROL], 0.5);
    assert_time_equal(s.groups[0].work[WORK_STRIKE], 0.5);
    assert_int_equal(s.groups[0].patrol, PATROL_HOTSPOT);
    const prevention_params *p = &s.prevention;
    assert_int_equal(p->enabled, 1);
    assert_int_equal(p->prevention_work, 0);
    assert_time_equal(p->deterrence.spillover, -0.25);
    assert_time_equal(p->deterrence.presence_effect, d.prevention.deterrence.presence_effect);
    assert_int_equal(p->strategy.kind, STRATEGY_ADAPTIVE);
    assert_time_equal(p->strategy.threshold, 1.5);
    assert_time_equal(p->strategy.window_days, d.prevention.strategy.window_days);
    assert_time_equal(p->offenders.recidivism, d.prevention.offenders.recidivism);

    assert_int_equal(p->naux, 2);
    assert_string_equal(p->aux[0].name, "guards");
    assert_time_equal(p->aux[0].per_1000_residents, 0.5);
    assert_int_equal(p->aux[0].mode, PATROL_HOTSPOT);
    for (int l = 0; l < LAND_NTYPES; l++)
        assert_time_equal(p->aux[0].land[l], 1);
    for (int h = 0; h < 24; h++)
        assert_time_equal(p->aux[0].hours[h], 1);
    assert_time_equal(p->aux[0].cost_per_hour, 0);
    assert_time_equal(p->aux[0].effectiveness, 0.3);
    assert_int_equal(p->aux[0].line, 8);
    assert_time_equal(p->aux[1].land[2], 0.5);
    assert_time_equal(p->aux[1].effectiveness, 0.1);
    assert_int_equal(p->aux[1].mode, PATROL_RANDOM);

    /* back to back is no overlap */
    assert_int_equal(p->ncrackdowns, 2);
    assert_time_equal(p->crackdowns[0].start_day, 50);
    assert_time_equal(p->crackdowns[0].days, 30);
    assert_time_equal(p->crackdowns[0].strike_share, 0.5);
    assert_time_equal(p->crackdowns[0].initial_effect, 0.3);
    assert_time_equal(p->crackdowns[0].decay_days, 30);
    assert_time_equal(p->crackdowns[0].residual, 0.1);
    assert_time_equal(p->crackdowns[0].residual_decay_days, 30);
    assert_time_equal(p->crackdowns[1].residual, 0.2);
    assert_int_equal(p->crackdowns[1].line, 13);

    /* empty lists, as ( ) or [ ] */
    rc = load_text("p.cfg", "prevention = { auxiliaries = ( ); crackdowns = [ ]; };\n", &s, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(rc, 0);
    assert_int_equal(s.prevention.naux, 0);
    assert_int_equal(s.prevention.ncrackdowns, 0);
}

/* ---- scenario_check on a scenario built in code ---------------------------------------- */

static void test_check_built(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.days = -1;
    s.types[2].hour_profile[5] = -0.5;
    s.types[3].units = 3;
    snprintf(s.groups[1].name, sizeof s.groups[1].name, "response");
    s.groups[0].base = BASE_OFFICE;
    s.groups[1].per_beat = 0;
    s.groups[0].count = 0; /* not used by per_residents: no error */
    s.dispatch.detour = 0.9;
    s.stations = calloc(2, sizeof *s.stations);
    s.beats = calloc(2, sizeof *s.beats);
    assert_non_null(s.stations);
    assert_non_null(s.beats);
    s.nstations = 2;
    s.nbeats = 2;
    snprintf(s.stations[0].id, sizeof s.stations[0].id, "S1");
    snprintf(s.stations[1].id, sizeof s.stations[1].id, "S2");
    s.stations[1].line = 7;
    for (int i = 0; i < 2; i++) {
        snprintf(s.beats[i].id, sizeof s.beats[i].id, "B1");
        s.beats[i].residents = 100;
    }
    snprintf(s.beats[0].station, sizeof s.beats[0].station, "S2");
    snprintf(s.beats[1].station, sizeof s.beats[1].station, "S3");
    s.beats[1].line = 9;
    s.beats[1].migrant_share = 2;

    char *msg;
    assert_int_equal(check_text(&s, &msg), 10);
    assert_string_equal(msg,
        "built-in: run.days: expected a number > 0 and <= 100000, found -1\n"
        "built-in: dispatch.detour: expected a number from 1 to 10, found 0.9\n"
        "built-in: incidents.types.[2].hour_profile.[5]: expected a number from 0 to 1000000, found -0.5\n"
        "built-in: incidents.types.[3].units: expected a whole number from 1 to 2, found 3\n"
        "built-in: officers.[0].base: expected station for role duty (office is for beat "
        "officers), found \"office\"\n"
        "built-in: officers.[1].per_beat: expected a whole number from 1 to 20, found 0\n"
        "built-in: officers.[1].name: expected a name not used by officers.[0], found \"response\"\n"
        "built-in:9: city.beats.[1].migrant_share: expected a number from 0 to 1, found 2\n"
        "built-in:9: city.beats.[1].id: expected an id not used by city.beats.[0], found \"B1\"\n"
        "built-in:9: city.beats.[1].station: expected the id of a station, found \"S3\"\n");
    free(msg);
    scenario_free(&s);
    assert_null(s.beats);
    assert_null(s.stations);
}

static void test_check_prevention_built(void **state)
{
    (void)state;
    scenario s;
    scenario_defaults(&s);
    s.groups[0].work[WORK_PATROL] = 0.95;   /* sum 1.05 */
    s.groups[0].work[WORK_STRIKE] = 0.10;
    s.groups[1].work[WORK_CHECK] = 1.5;      /* out of range: no sum too */
    s.prevention.rate_cap = 0.5;
    s.prevention.visits.at_home_weekend[3] = 1.5;
    s.prevention.strategy.kind = (strategy_kind)7;
    s.prevention.scorecard.satisfaction[0] = 0;
    s.prevention.scorecard.satisfaction[1] = 0;
    s.prevention.scorecard.satisfaction[2] = 0;
    s.prevention.naux = 2;
    for (int i = 0; i < 2; i++) {
        aux_group *a = &s.prevention.aux[i];
        memset(a, 0, sizeof *a);
        snprintf(a->name, sizeof a->name, "guards");
        a->per_1000_residents = 1;
        a->effectiveness = 0.3;
        a->line = 20 + i;
    }
    s.prevention.aux[0].hours[5] = 2;
    s.prevention.ncrackdowns = 3;
    const double period[3][2] = {{10, 30}, {50, 10}, {35, 20}};
    for (int i = 0; i < 3; i++) {
        crackdown *c = &s.prevention.crackdowns[i];
        memset(c, 0, sizeof *c);
        c->start_day = period[i][0];
        c->days = period[i][1];
        c->decay_days = c->residual_decay_days = 1;
        c->line = i == 2 ? 31 : 0;
    }
    char *msg;
    assert_int_equal(check_text(&s, &msg), 9);
    assert_string_equal(msg,
        "built-in: officers.[0].work: expected 4 shares with a sum <= 1, found a sum of 1.05\n"
        "built-in: officers.[1].work.[2]: expected a number from 0 to 1, found 1.5\n"
        "built-in: prevention.rate_cap: expected a number from 1 to 10, found 0.5\n"
        "built-in: prevention.visits.at_home_weekend.[3]: expected a number from 0 to 1, found 1.5\n"
        "built-in: prevention.strategy.kind: expected one of plan, strike_heavy, "
        "prevention_first, adaptive, found 7\n"
        "built-in: prevention.scorecard.satisfaction: expected 3 numbers >= 0, not all 0, "
        "found all 0\n"
        "built-in:20: prevention.auxiliaries.[0].hours.[5]: expected a number from 0 to 1, found 2\n"
        "built-in:21: prevention.auxiliaries.[1].name: expected a name not used by "
        "prevention.auxiliaries.[0], found \"guards\"\n"
        "built-in:31: prevention.crackdowns.[2]: expected a campaign that does not overlap "
        "prevention.crackdowns.[0] (days 10 to 40), found days 35 to 55\n");
    free(msg);
}

/* ---- bad inputs and their messages ----------------------------------------------------- */

typedef struct bad_case {
    const char *what; /* what the case covers */
    const char *text; /* the file */
    const char *msgs; /* everything written to err */
} bad_case;

#define CITY_1 "city = {\n  stations = ( { id = \"S1\"; x = 0.0; y = 0.0; } );\n"

static const bad_case bad_cases[] = {
    {"syntax error",
     "run = {\n  days = ;\n};\n",
     "s.cfg:2: syntax error\n"},
    {"unknown setting with a suggestion",
     "run = {\n  dayz = 3.0;\n};\n",
     "s.cfg:2: run.dayz: unknown setting (did you mean days?)\n"},
    {"unknown setting, transposed letters, at the top",
     "dispacth = { };\n",
     "s.cfg:1: dispacth: unknown setting (did you mean dispatch?)\n"},
    {"unknown setting without a suggestion",
     "run = { length = 3.0; };\n",
     "s.cfg:1: run.length: unknown setting (expected one of days, warmup_days, seed, reps)\n"},
    {"unknown setting in a list entry",
     "officers = ( { name = \"x\"; rule = \"count\"; count = 3; shift = \"day_only\"; } );\n",
     "s.cfg:1: officers.[0].shift: unknown setting (did you mean shifts?)\n"},
    {"text for a number",
     "run = { days = \"ten\"; };\n",
     "s.cfg:1: run.days: expected a number > 0 and <= 100000, found \"ten\"\n"},
    {"float for an int",
     "run = {\n  days = 10;\n  reps = 2.5;\n};\n",
     "s.cfg:3: run.reps: expected a whole number from 1 to 1000000, found 2.5\n"},
    {"number for text",
     "dispatch = { policy = 3; };\n",
     "s.cfg:1: dispatch.policy: expected text, found 3\n"},
    {"number for a boolean",
     "dispatch = { return_to_base = 1; };\n",
     "s.cfg:1: dispatch.return_to_base: expected true or false, found 1\n"},
    {"a priority level out of range",
     "dispatch = { preempt = 4; cross_station = \"all\"; };\n",
     "s.cfg:1: dispatch.preempt: expected a priority from 0 (none) to 3, or true (1) or false "
     "(0), found 4\n"
     "s.cfg:1: dispatch.cross_station: expected a priority from 0 (none) to 3, or true (1) or "
     "false (0), found \"all\"\n"},
    {"number for a group",
     "run = 3;\n",
     "s.cfg:1: run: expected a group, found 3\n"},
    {"group for a list",
     "incidents = { types = { name = \"x\"; }; };\n",
     "s.cfg:1: incidents.types: expected a list of groups ( { ... }, ... ), found a group { ... }\n"},
    {"out of range",
     "run = { days = -1; };\n",
     "s.cfg:1: run.days: expected a number > 0 and <= 100000, found -1\n"},
    {"out of range: share, half-open range, negative seed",
     "city = { synthetic = { rural_share = 1.5; }; };\n"
     "officers = ( { name = \"x\"; rule = \"count\"; count = 3; desk_share = 1.0; } );\n"
     "run = { seed = -1; };\n",
     "s.cfg:1: city.synthetic.rural_share: expected a number from 0 to 1, found 1.5\n"
     "s.cfg:2: officers.[0].desk_share: expected a number >= 0 and < 1, found 1.0\n"
     "s.cfg:3: run.seed: expected a whole number >= 0, found -1\n"},
    {"shares of commercial and mixed beats over 1",
     "city = { synthetic = {\n  commercial_share = 0.6;\n  mixed_share = 0.6; }; };\n",
     "s.cfg:3: city.synthetic.mixed_share: expected a number <= 0.4 (1 - commercial_share), "
     "found 0.6\n"},
    {"wrong list length",
     "incidents = { types = ( { name = \"burglary\";\n"
     "  hour_profile = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,\n"
     "                  1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]; } ); };\n",
     "s.cfg:2: incidents.types.[0].hour_profile: expected 24 numbers, found 23\n"},
    {"negative weight, all-zero profile",
     "incidents = { types = ( { name = \"burglary\";\n"
     "  dow_profile = [1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 1.0];\n"
     "  hour_profile = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n"
     "                  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; } ); };\n",
     "s.cfg:2: incidents.types.[0].dow_profile.[3]: expected a number from 0 to 1000000, found -1.0\n"
     "s.cfg:3: incidents.types.[0].hour_profile: expected 24 numbers >= 0, not all 0, "
     "found all 0\n"},
    {"missing required settings of a new incident type",
     "incidents = {\n  types = (\n    { name = \"fraud\";\n      priority = 1; }\n  );\n};\n",
     "s.cfg:3: incidents.types.[0].rate_per_1000_year: expected a number from 0 to 10000000, found nothing\n"
     "s.cfg:3: incidents.types.[0].scene_mean_min: expected a number from 0.1 to 1440, found nothing\n"},
    {"missing rule and missing rule parameter",
     "officers = (\n  { name = \"a\"; },\n  { name = \"b\"; rule = \"count\"; }\n);\n",
     "s.cfg:2: officers.[0].rule: expected one of count, per_residents, per_households, "
     "per_beat, on_duty, plan, found nothing\n"
     "s.cfg:3: officers.[1].count: expected a whole number from 1 to 200000, found nothing\n"},
    {"float for a whole count",
     "officers = ( { name = \"x\"; rule = \"count\"; count = 10.0; } );\n",
     "s.cfg:1: officers.[0].count: expected a whole number from 1 to 200000, found 10.0\n"},
    {"empty list",
     "officers = ();\n",
     "s.cfg:1: officers: expected 1 to 8 officer groups, found 0\n"},
    {"name too long",
     "name = \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\";\n",
     "s.cfg:1: name: expected text of 1 to 47 characters, found "
     "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\"\n"},
    {"beat naming an unknown station",
     CITY_1
     "  beats = (\n"
     "    { id = \"B1\"; station = \"S1\"; residents = 10.0; area_km2 = 1.0; x = 0.0; y = 0.0; },\n"
     "    { id = \"B2\"; station = \"S9\"; residents = 10.0; area_km2 = 1.0; x = 0.0; y = 0.0; }\n"
     "  );\n};\n",
     "s.cfg:5: city.beats.[1].station: expected the id of a station, found \"S9\"\n"},
    {"missing required beat settings",
     CITY_1
     "  beats = ( { id = \"B1\"; station = \"S1\"; land = \"rural\"; } );\n};\n",
     "s.cfg:3: city.beats.[0].residents: expected a number from 0 to 100000000, found nothing\n"
     "s.cfg:3: city.beats.[0].area_km2: expected a number from 0 to 1000000, found nothing\n"
     "s.cfg:3: city.beats.[0].x: expected a number from -100000 to 100000, found nothing\n"
     "s.cfg:3: city.beats.[0].y: expected a number from -100000 to 100000, found nothing\n"},
    {"duplicate station id",
     "city = {\n"
     "  stations = ( { id = \"S1\"; x = 0.0; y = 0.0; },\n"
     "               { id = \"S1\"; x = 1.0; y = 0.0; } );\n"
     "  beats = ( { id = \"B1\"; station = \"S1\"; residents = 1.0; area_km2 = 1.0; "
     "x = 0.0; y = 0.0; } );\n};\n",
     "s.cfg:3: city.stations.[1].id: expected an id not used by city.stations.[0], "
     "found \"S1\"\n"},
    {"duplicate type name",
     "incidents = { types = (\n  { name = \"traffic\"; },\n  { name = \"traffic\"; }\n); };\n",
     "s.cfg:3: incidents.types.[1].name: expected a name not used by incidents.types.[0], "
     "found \"traffic\"\n"},
    {"beats without stations",
     "city = { beats = ( { id = \"B1\"; station = \"S1\"; residents = 1.0; area_km2 = 1.0; "
     "x = 0.0; y = 0.0; } ); };\n",
     "s.cfg:1: city.stations: expected a list of stations to go with city.beats, found nothing\n"},
    {"bad enum word",
     "officers = (\n  { name = \"x\"; rule = \"count\"; count = 3;\n    shifts = \"nightly\"; }\n);\n",
     "s.cfg:3: officers.[0].shifts: expected one of fixed_3x8, day_only, staggered, flexible, "
     "continuous, cross, rotation, found \"nightly\"\n"},
    {"role and base, role and rule",
     "officers = (\n"
     "  { name = \"a\"; role = \"station\"; base = \"office\"; rule = \"count\"; count = 3; },\n"
     "  { name = \"b\"; rule = \"per_beat\"; per_beat = 2; }\n);\n",
     "s.cfg:2: officers.[0].base: expected station for role station (office is for beat "
     "officers), found \"office\"\n"
     "s.cfg:3: officers.[1].rule: expected one of count, per_residents, per_households, "
     "on_duty for role station (per_beat is for beat officers), found \"per_beat\"\n"},
    {"the force: crews, crew_with, rotation, absences, shares, reserve",
     "officers = (\n"
     "  { name = \"a\"; rule = \"count\"; count = 3; crew = 3; crew_with = \"b\"; },\n"
     "  { name = \"b\"; auxiliary = true; rule = \"count\"; count = 3; crew_with = \"c\";\n"
     "    shifts = \"rotation\"; rotation_days = 3; rotation_office_days = 3;\n"
     "    absence_days = [ 100.0, 100.0, 50.0, 0.0 ]; }\n);\n"
     "incidents = { types = ( { name = \"traffic\"; phone_share = 0.5; divert_share = 0.6; } ); };\n"
     "dispatch = { reserve = [ 1, 0, 2 ]; };\n",
     "s.cfg:2: officers.[0].crew: expected one number or 24 numbers, each from 1 to 2, found 3\n"
     "s.cfg:8: dispatch.reserve: expected numbers that do not fall from priority 1 to 3 (a less "
     "urgent call keeps at least as many units in reserve), found [ 1, 0, 2 ]\n"
     "s.cfg:7: incidents.types.[0].divert_share: expected a share <= 1 - phone_share (0.5), "
     "found 0.6\n"
     "s.cfg:2: officers.[0].crew_with: expected \"\" for a group of officers (crew_with is for "
     "auxiliary police), found \"b\"\n"
     "s.cfg:5: officers.[1].absence_days: expected 4 numbers with a sum below 250 (the working "
     "days of a year), found a sum of 250\n"
     "s.cfg:4: officers.[1].rotation_office_days: expected a whole number from 0 to 2 (below "
     "rotation_days), found 3\n"
     "s.cfg:3: officers.[1].crew_with: expected the name of another group of officers (not "
     "auxiliary), found \"c\"\n"},
    {"type mechanisms are booleans",
     "incidents = { types = ( { name = \"burglary\"; hardening = 1; } ); };\n",
     "s.cfg:1: incidents.types.[0].hardening: expected true or false, found 1\n"},
    {"work: wrong length, a share over 1, patrol mode",
     "officers = (\n"
     "  { name = \"a\"; rule = \"count\"; count = 3; work = [ 0.1, 0.1 ]; },\n"
     "  { name = \"b\"; rule = \"count\"; count = 3; work = [ 0.1, 1.1, 0.0, 0.0 ];\n"
     "    patrol = \"hot_spot\"; }\n);\n",
     "s.cfg:2: officers.[0].work: expected 4 numbers, found 2\n"
     "s.cfg:3: officers.[1].work.[1]: expected a number from 0 to 1, found 1.1\n"
     "s.cfg:4: officers.[1].patrol: expected one of random, hotspot, found \"hot_spot\"\n"},
    {"work shares over 1 in all",
     "officers = (\n  { name = \"a\"; rule = \"count\"; count = 3;\n"
     "    work = [ 0.6, 0.0, 0.2, 0.3 ]; }\n);\n",
     "s.cfg:3: officers.[0].work: expected 4 shares with a sum <= 1, found a sum of 1.1\n"},
    {"prevention: unknown setting, part and member",
     "prevention = {\n  enabeld = true;\n  deterence = { };\n  patrol = { blok_min = 3.0; };\n};\n",
     "s.cfg:2: prevention.enabeld: unknown setting (did you mean enabled?)\n"
     "s.cfg:3: prevention.deterence: unknown setting (did you mean deterrence?)\n"
     "s.cfg:4: prevention.patrol.blok_min: unknown setting (did you mean block_min?)\n"},
    {"prevention: ranges",
     "prevention = {\n  rate_cap = 0.5;\n"
     "  deterrence = { spillover = -1.5; hotspot_area_share = 0.0; };\n"
     "  patrol = { hotspot_beats = 0; block_min = 0.0; };\n"
     "  visits = { at_home_weekday = [ 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3,\n"
     "                                 0.3, 0.25, 0.25, 0.25, 1.5, 0.5, 0.25, 0.25,\n"
     "                                 0.25, 0.4, 0.7, 0.7, 0.7, 0.5, 0.1, 0.05 ]; };\n"
     "  strategy = { kind = \"strike\"; };\n"
     "  scorecard = { satisfaction = [ 0.0, 0.0, 0.0 ]; };\n};\n",
     "s.cfg:2: prevention.rate_cap: expected a number from 1 to 10, found 0.5\n"
     "s.cfg:3: prevention.deterrence.spillover: expected a number from -1 to 1, found -1.5\n"
     "s.cfg:3: prevention.deterrence.hotspot_area_share: expected a number > 0 and <= 1, "
     "found 0.0\n"
     "s.cfg:4: prevention.patrol.hotspot_beats: expected a whole number from 1 to 1000, found 0\n"
     "s.cfg:4: prevention.patrol.block_min: expected a number from 1 to 1440, found 0.0\n"
     "s.cfg:6: prevention.visits.at_home_weekday.[12]: expected a number from 0 to 1, found 1.5\n"
     "s.cfg:8: prevention.strategy.kind: expected one of plan, strike_heavy, prevention_first, "
     "adaptive, found \"strike\"\n"
     "s.cfg:9: prevention.scorecard.satisfaction: expected 3 numbers >= 0, not all 0, "
     "found all 0\n"},
    {"auxiliaries: missing name and rate, duplicate name, bad hours",
     "prevention = { auxiliaries = (\n"
     "  { cost_per_hour = 10.0; },\n"
     "  { name = \"g\"; per_1000_residents = 1.0; },\n"
     "  { name = \"g\"; per_1000_residents = 1.0; hours = [ 1.0 ]; }\n); };\n",
     "s.cfg:2: prevention.auxiliaries.[0].name: expected text, found nothing\n"
     "s.cfg:2: prevention.auxiliaries.[0].per_1000_residents: expected a number from 0 to 1000, "
     "found nothing\n"
     "s.cfg:4: prevention.auxiliaries.[2].hours: expected 24 numbers, found 1\n"
     "s.cfg:4: prevention.auxiliaries.[2].name: expected a name not used by "
     "prevention.auxiliaries.[1], found \"g\"\n"},
    {"auxiliaries and crackdowns: not lists",
     "prevention = { auxiliaries = { name = \"g\"; }; crackdowns = 3; };\n",
     "s.cfg:1: prevention.auxiliaries: expected a list of groups ( { ... }, ... ), "
     "found a group { ... }\n"
     "s.cfg:1: prevention.crackdowns: expected a list of groups ( { ... }, ... ), found 3\n"},
    {"crackdowns: missing period, overlapping",
     "prevention = { crackdowns = (\n"
     "  { start_day = 10.0; days = 30.0; },\n"
     "  { days = 5.0; },\n"
     "  { start_day = 100.0; days = 10.0; },\n"
     "  { start_day = 39.5; days = 1.0; },\n"
     "  { start_day = 105.0; days = 0.0; }\n); };\n",
     "s.cfg:3: prevention.crackdowns.[1].start_day: expected a number from 0 to 200000, found nothing\n"
     "s.cfg:6: prevention.crackdowns.[4].days: expected a number > 0 and <= 200000, found 0.0\n"
     "s.cfg:5: prevention.crackdowns.[3]: expected a campaign that does not overlap "
     "prevention.crackdowns.[0] (line 2: days 10 to 40), found days 39.5 to 40.5\n"},
    {"two errors in one file",
     "run = {\n  days = 0;\n};\ndispatch = {\n  policy = \"closest\";\n};\n",
     "s.cfg:2: run.days: expected a number > 0 and <= 100000, found 0\n"
     "s.cfg:5: dispatch.policy: expected one of beat_first, nearest, found \"closest\"\n"},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        scenario s;
        char *msg;
        int rc = load_text("s.cfg", c->text, &s, &msg);
        if (rc != -1 || strcmp(msg, c->msgs) != 0) {
            print_error("case \"%s\": returned %d\n--- expected:\n%s--- got:\n%s", c->what, rc,
                        c->msgs, msg);
            failed++;
        }
        /* A failed load leaves nothing on the heap. */
        if (s.beats || s.stations || s.nbeats || s.nstations) {
            print_error("case \"%s\": explicit city left behind\n", c->what);
            failed++;
        }
        free(msg);
    }
    assert_int_equal(failed, 0);
}

static void test_too_many_types(void **state)
{
    (void)state;
    char text[4096] = "incidents = { types = (";
    for (int i = 0; i <= SCENARIO_TYPES_MAX; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len,
                 "%s{ name = \"t%d\"; rate_per_1000_year = 1; scene_mean_min = 1; }",
                 i ? ", " : "", i);
    }
    strcat(text, "); };\n");
    scenario s;
    char *msg;
    assert_int_equal(load_text("s.cfg", text, &s, &msg), -1);
    assert_string_equal(msg, "s.cfg:1: incidents.types: expected 1 to 16 incident types, found 17\n");
    free(msg);
}

static void test_too_many_aux(void **state)
{
    (void)state;
    char text[4096] = "prevention = { auxiliaries = (";
    for (int i = 0; i <= SCENARIO_AUX_MAX; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "%s{ name = \"a%d\"; per_1000_residents = 1; }",
                 i ? ", " : "", i);
    }
    strcat(text, "); };\n");
    scenario s;
    char *msg;
    assert_int_equal(load_text("s.cfg", text, &s, &msg), -1);
    assert_string_equal(msg, "s.cfg:1: prevention.auxiliaries: expected 0 to 8 auxiliary groups, "
                             "found 9\n");
    free(msg);
}

/* ---- the built-in text and overrides ------------------------------------------------------- */

/* The compiled-in text is scenarios/default.cfg, and gives the defaults. */
static void test_builtin_text(void **state)
{
    (void)state;
    FILE *f = fopen("scenarios/default.cfg", "r");
    assert_non_null(f);
    char *text = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&text, &cap, '\0', f); /* the whole file: it has no NUL */
    fclose(f);
    assert_true(n > 0);
    assert_string_equal(scenario_builtin_text, text);
    free(text);

    scenario got, want;
    char *msg;
    assert_int_equal(load_set_text(NULL, NULL, NULL, 0, &got, &msg), 0);
    assert_string_equal(msg, "");
    free(msg);
    scenario_defaults(&want);
    assert_same_scenario(&got, &want);
    assert_string_equal(got.name, "default");
    assert_string_equal(got.source, "built-in");
}

/* Overrides of every kind on the built-in scenario; what they do not name
 * keeps its default. */
static void test_sets_builtin(void **state)
{
    (void)state;
    const scenario_set sets[] = {
        {"run.days=30", "--set"},                               /* int for a float */
        {" dispatch.policy = \"nearest\" ", "--set"},           /* enum, spaces */
        {"dispatch.preempt=true", "--set"},                     /* boolean */
        {"incidents.types.[2].dow_profile=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]", "--set"},
        {"incidents.types.[0].hour_profile.[3]=9.5", "--set"},  /* array element */
        {"officers.[0].per=3000", "--set"},                     /* list element's member */
        {"officers.[1]={ name = \"foot\"; role = \"beat\"; base = \"office\"; "
         "rule = \"per_beat\"; per_beat = 2; }", "--set"},      /* a whole element */
        {"run.days=31.5", "--set"},                             /* the last one wins */
    };
    scenario s, d;
    char *msg;
    assert_int_equal(load_set_text(NULL, NULL, sets, sizeof sets / sizeof sets[0], &s, &msg), 0);
    assert_string_equal(msg, "");
    free(msg);
    scenario_defaults(&d);
    assert_time_equal(s.days, 31.5);
    assert_time_equal(s.warmup_days, d.warmup_days);
    assert_int_equal(s.dispatch.policy, DISPATCH_NEAREST);
    assert_int_equal(s.dispatch.preempt, 1);
    assert_time_equal(s.dispatch.detour, d.dispatch.detour);
    for (int k = 0; k < 7; k++)
        assert_time_equal(s.types[2].dow_profile[k], k + 1.0);
    assert_time_equal(s.types[0].hour_profile[3], 9.5);
    assert_time_equal(s.types[0].hour_profile[4], d.types[0].hour_profile[4]);
    assert_time_equal(s.groups[0].per, 3000);
    assert_string_equal(s.groups[0].name, "response");
    assert_int_equal(s.ngroups, 5); /* replaced in place, not appended */
    assert_string_equal(s.groups[1].name, "foot");
    assert_int_equal(s.groups[1].per_beat, 2);
    assert_int_equal(s.groups[1].shifts, SHIFT_FIXED_3X8); /* a new group's default */
}

/* Overrides on a file: missing groups are created, the file's settings
 * outside the paths stay. */
static void test_sets_file(void **state)
{
    (void)state;
    const scenario_set sets[] = {
        {"dispatch.preempt=true", "--set"}, /* the file has no dispatch group */
        {"city.synthetic.stations=4", "--set"}, /* nor a city group */
        {"officers.[0].per = 900.0", "--set"},
        {"name=\"other\"", "--set"},
        {"incidents.types=( { name = \"fraud\"; rate_per_1000_year = 2.0; "
         "scene_mean_min = 20.0; } )", "--set"}, /* a list of groups */
    };
    scenario s;
    char *msg;
    int rc = load_set_text("f.cfg",
                           "run = { days = 3.0; };\n"
                           "officers = ( { name = \"all\"; rule = \"per_residents\"; per = 1.0; } );\n",
                           sets, sizeof sets / sizeof sets[0], &s, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(rc, 0);
    assert_time_equal(s.days, 3);
    assert_int_equal(s.dispatch.preempt, 1);
    assert_int_equal(s.dispatch.return_to_base, 1);
    assert_int_equal(s.synth.stations, 4);
    assert_int_equal(s.ngroups, 1);
    assert_time_equal(s.groups[0].per, 900);
    assert_string_equal(s.name, "other");
    assert_int_equal(s.ntypes, 1);
    assert_string_equal(s.types[0].name, "fraud");
    assert_time_equal(s.types[0].scene_sd_min, 20);
}

typedef struct set_case {
    const char *what;    /* what the case covers */
    const char *file;    /* the file, or NULL for the built-in scenario */
    const char *sets[3]; /* the overrides, up to the first NULL */
    const char *origin;  /* their origin, NULL: "--set" */
    const char *msgs;    /* everything written to err */
} set_case;

static const set_case set_cases[] = {
    {"bad syntax", NULL, {"run.days=ten"}, NULL,
     "--set: run.days: expected a value in scenario-file syntax (e.g. 3000, 0.5, \"text\", true, "
     "[1.0, 2.0]), found ten\n"},
    {"two settings for one", NULL, {"run.days=1; run.reps=2"}, NULL,
     "--set: run.days: expected a value in scenario-file syntax (e.g. 3000, 0.5, \"text\", true, "
     "[1.0, 2.0]), found 1; run.reps=2\n"},
    {"no value", NULL, {"run.days= "}, NULL,
     "--set: run.days: expected a value in scenario-file syntax (e.g. 3000, 0.5, \"text\", true, "
     "[1.0, 2.0]), found nothing\n"},
    {"no '='", NULL, {"run.days"}, NULL,
     "--set: expected PATH=VALUE (e.g. run.days=30), found \"run.days\"\n"},
    {"no path", NULL, {" =3"}, NULL,
     "--set: expected PATH=VALUE (e.g. run.days=30), found \" =3\"\n"},
    {"index past the end", NULL, {"officers.[5].per=1"}, NULL,
     "--set: officers.[5].per: expected an index from 0 to 4, found 5\n"},
    {"index into the built-in empty list of auxiliaries", "run = { days = 1.0; };\n",
     {"prevention.auxiliaries.[0].per_1000_residents=1"}, NULL,
     "--set: prevention.auxiliaries.[0].per_1000_residents: expected no index "
     "(prevention.auxiliaries is empty), found 0\n"},
    {"index past the end of a file's crackdowns",
     "prevention = { crackdowns = ( { start_day = 1.0; days = 2.0; } ); };\n",
     {"prevention.crackdowns.[1].days=1"}, NULL,
     "--set: prevention.crackdowns.[1].days: expected an index from 0 to 0, found 1\n"},
    {"an override that makes crackdowns overlap: placed by the entry",
     "prevention = { crackdowns = (\n  { start_day = 1.0; days = 2.0; },\n"
     "  { start_day = 5.0; days = 2.0; }\n); };\n",
     {"prevention.crackdowns.[1].start_day=2"}, NULL,
     "s.cfg:3: prevention.crackdowns.[1]: expected a campaign that does not overlap "
     "prevention.crackdowns.[0] (line 2: days 1 to 3), found days 2 to 4\n"},
    {"index not a number", NULL, {"incidents.types.[x].units=1"}, NULL,
     "--set: incidents.types.[x].units: expected an index from 0 to 5, found x\n"},
    {"index into a missing list", NULL, {"city.beats.[0].x=1.0"}, NULL,
     "--set: city.beats.[0].x: expected a list or array at city.beats, found nothing\n"},
    {"index into a group", NULL, {"run.[0]=1"}, NULL,
     "--set: run.[0]: expected a list or array at run, found a group { ... }\n"},
    {"path through a number", NULL, {"run.days.x=1"}, NULL,
     "--set: run.days.x: expected a group at run.days, found 365.0\n"},
    {"path through a list", NULL, {"officers.per=1"}, NULL,
     "--set: officers.per: expected a group at officers, found a list ( ... )\n"},
    {"bad name, empty name", NULL, {"run.9x=1", "run..x=1"}, NULL,
     "--set: run.9x: expected a name of letters, digits, '_' and '-' starting with a letter, "
     "found \"9x\"\n"
     "--set: run..x: expected a name of letters, digits, '_' and '-' starting with a letter, "
     "found nothing\n"},
    {"unknown setting with a suggestion", NULL, {"run.dayz=3"}, NULL,
     "--set: run.dayz: unknown setting (did you mean days?)\n"},
    {"unknown group, created", NULL, {"dispacth.policy=\"nearest\""}, NULL,
     "--set: dispacth: unknown setting (did you mean dispatch?)\n"},
    {"out of range", NULL, {"run.days=-1"}, NULL,
     "--set: run.days: expected a number > 0 and <= 100000, found -1\n"},
    {"wrong types", NULL, {"dispatch.return_to_base=1", "run.reps=2.5", "officers.[0].shifts=3"}, NULL,
     "--set: run.reps: expected a whole number from 1 to 1000000, found 2.5\n"
     "--set: officers.[0].shifts: expected text, found 3\n"
     "--set: dispatch.return_to_base: expected true or false, found 1\n"},
    {"a replaced group, checked whole", NULL,
     {"dispatch={ policy = \"closest\"; }", "officers.[0]={ name = \"x\"; }"}, NULL,
     "--set: officers.[0].rule: expected one of count, per_residents, per_households, per_beat, "
     "on_duty, plan, found nothing\n"
     "--set: dispatch.policy: expected one of beat_first, nearest, found \"closest\"\n"
     "built-in:239: officers.[3].crew_with: expected the name of another group of officers "
     "(not auxiliary), found \"response\"\n"},
    {"a check across settings", NULL, {"officers.[1].name=\"response\""}, NULL,
     "--set: officers.[1].name: expected a name not used by officers.[0], found \"response\"\n"},
    {"the origin of a variant's override", NULL, {"run.days=0"}, "v.cfg:7: variants.[1].set.[0]",
     "v.cfg:7: variants.[1].set.[0]: run.days: expected a number > 0 and <= 100000, found 0\n"},
    {"errors of the file and of the overrides", "run = {\n  reps = 0;\n};\n",
     {"run.days=0", "run.seed=-2"}, NULL,
     "s.cfg:2: run.reps: expected a whole number from 1 to 1000000, found 0\n"
     "--set: run.days: expected a number > 0 and <= 100000, found 0\n"
     "--set: run.seed: expected a whole number >= 0, found -2\n"},
    {"a group made by one override, a member by another", "run = { days = 1.0; };\n",
     {"dispatch.preempt=true", "dispatch.delay_min=-1", "dispatch.detour=\"far\""}, NULL,
     "--set: dispatch.delay_min: expected a number from 0 to 1440, found -1\n"
     "--set: dispatch.detour: expected a number from 1 to 10, found \"far\"\n"},
};

static void test_set_errors(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        const set_case *c = &set_cases[i];
        scenario_set sets[3];
        size_t n = 0;
        while (n < 3 && c->sets[n]) {
            sets[n] = (scenario_set){c->sets[n], c->origin ? c->origin : "--set"};
            n++;
        }
        scenario s;
        char *msg;
        int rc = load_set_text("s.cfg", c->file, sets, n, &s, &msg);
        if (rc != -1 || strcmp(msg, c->msgs) != 0) {
            print_error("case \"%s\": returned %d\n--- expected:\n%s--- got:\n%s", c->what, rc,
                        c->msgs, msg);
            failed++;
        }
        assert_null(s.beats);
        free(msg);
    }
    assert_int_equal(failed, 0);
}

/* ---- @include ------------------------------------------------------------------------------- */

/* Includes are found in the top file's folder, also from an included file
 * (libconfig 1.5 has one include folder); messages name the included
 * file and its line. */
static void test_include(void **state)
{
    (void)state;
    char dir[128], sub[128], top[128], a[128], b[128];
    snprintf(dir, sizeof dir, "%s/inc", tmpdir);
    snprintf(sub, sizeof sub, "%s/inc/common", tmpdir);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    put_file("inc/top.cfg", "run = {\n  @include \"common/a.cfg\"\n  reps = 2;\n};\n", top);
    put_file("inc/common/a.cfg", "days = 12.0;\n@include \"common/b.cfg\"\n", a);
    put_file("inc/common/b.cfg", "\nwarmup_days = 3.0;\n", b);

    scenario s;
    char *msg;
    size_t len;
    FILE *err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), 0);
    close_messages(err, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_time_equal(s.days, 12);
    assert_time_equal(s.warmup_days, 3);
    assert_int_equal(s.reps, 2);
    assert_string_equal(s.name, "top");

    /* A bad value in each included file, a bad override of a setting
     * from an included file, and a syntax error in an included file. */
    put_file("inc/common/a.cfg", "days = -12.0;\n@include \"common/b.cfg\"\n", a);
    put_file("inc/common/b.cfg", "\nwarmup_days = -3.0;\n", b);
    const scenario_set set = {"run.reps=0", "--set"};
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load_set(&s, top, &set, 1, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg,
                        "inc/common/a.cfg:1: run.days: expected a number > 0 and <= 100000, found -12.0\n"
                        "inc/common/b.cfg:2: run.warmup_days: expected a number from 0 to 100000, found -3.0\n"
                        "--set: run.reps: expected a whole number from 1 to 1000000, found 0\n");
    free(msg);
    put_file("inc/common/b.cfg", "\nwarmup_days = ;\n", b);
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg, "inc/common/b.cfg:2: syntax error\n");
    free(msg);

    /* scenario_plan_read reads includes the same way. */
    put_file("inc/common/b.cfg", "variants = ( { name = \"x\"; set = [ \"run.days=1\" ]; } );\n", b);
    put_file("inc/top.cfg", "\n@include \"common/b.cfg\"\n", top);
    scenario_plan p;
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_plan_read(&p, top, err), 0);
    close_messages(err, &msg);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(p.n, 1);
    assert_string_equal(rel(p.v[0].sets[0].origin), "inc/common/b.cfg:1: variants.[0].set.[0]");
    scenario_plan_free(&p);

    assert_int_equal(remove(b), 0);
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg, "inc/top.cfg:2: @include \"common/b.cfg\": cannot read the file: "
                             "No such file or directory (looked for inc/common/b.cfg: includes "
                             "are found from the folder of the scenario file, inc)\n");
    free(msg);

    /* Nested includes are found from the top file's folder too; a file of
     * that name beside the including file is pointed out. */
    put_file("inc/common/b.cfg", "\n", b);
    put_file("inc/common/a.cfg", "@include \"b.cfg\"\n", a);
    put_file("inc/top.cfg", "@include \"common/a.cfg\"\n", top);
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg, "inc/common/a.cfg:1: @include \"b.cfg\": cannot read the file: "
                             "No such file or directory (looked for inc/b.cfg: includes are "
                             "found from the folder of the scenario file, inc); there is one "
                             "beside this file: write @include \"common/b.cfg\"\n");
    free(msg);
    assert_int_equal(remove(b), 0);

    /* Include targets are checked before libconfig reads them: it ends
     * the program on a folder, and would read a device for ever. */
    char zero[160];
    snprintf(zero, sizeof zero, "%s/inc/zero", tmpdir);
    assert_int_equal(symlink("/dev/zero", zero), 0);
    put_file("inc/top.cfg", "@include \"common\"\n  @include \"/dev/zero\"\n"
                            "@include \"zero\"\n", top);
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg, "inc/top.cfg:1: @include \"common\": expected a file, found a folder\n"
                             "inc/top.cfg:2: @include \"/dev/zero\": cannot read the file: "
                             "No such file or directory (looked for inc//dev/zero: includes "
                             "are found from the folder of the scenario file, inc)\n"
                             "inc/top.cfg:3: @include \"zero\": expected a file, found a device, "
                             "pipe or socket\n");
    free(msg);
    assert_int_equal(remove(zero), 0);
    /* (an include that includes itself, and one inside a comment or a
       string, which libconfig does not read) */
    put_file("inc/top.cfg", "/* @include \"x\" */ name = \"\n@include \\\"x\\\"\";\n"
                            "@include \"top.cfg\"\n", top);
    err = open_messages(&msg, &len);
    assert_int_equal(scenario_load(&s, top, err), -1);
    close_messages(err, &msg);
    assert_string_equal(msg, "inc/top.cfg:3: @include \"top.cfg\": expected includes nested at "
                             "most 10 deep, found more\n");
    free(msg);
    assert_int_equal(remove(top), 0);

    assert_int_equal(remove(a), 0);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* The text checks: libconfig's scanner takes time quadratic in the length
 * of a token, so lines and strings are limited, and so is the size. */
static void test_text_limits(void **state)
{
    (void)state;
    size_t n = 2u << 20;
    char *big = malloc(n + 64);
    assert_non_null(big);
    static const struct {
        const char *head, *tail;
        char fill;
        const char *msg;
    } cases[] = {
        {"name = \"", "\";\n", 'a', "t.cfg:1: expected lines of at most 65536 characters, "
                                       "found 2097162\n"},
        {"# ", "\nname = \"x\";\n", ' ', "t.cfg:1: expected lines of at most 65536 "
                                          "characters, found 2097154\n"},
        /* a string over many lines: its length, not the lines' */
        {"\nname = \"", "\";\n", '\n', "t.cfg:2: expected strings of at most 65536 "
                                         "characters, found more\n"},
        {"name = \"x\";\n", "", '\0', "t.cfg:3: expected text, found a NUL byte\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t h = strlen(cases[i].head), t = strlen(cases[i].tail);
        memcpy(big, cases[i].head, h);
        memset(big + h, cases[i].fill, n);
        memcpy(big + h + n, cases[i].tail, t);
        if (cases[i].fill == '\0')
            memset(big + h, '\n', 1); /* the NUL on line 3 */
        scenario_text x;
        char *msg;
        size_t len;
        FILE *err = open_messages(&msg, &len);
        assert_int_equal(scenario_text_set(&x, "t.cfg", big, h + n + t, err), -1);
        close_messages(err, &msg);
        assert_string_equal(msg, cases[i].msg);
        free(msg);
    }
    free(big);
    /* a file over the size limit, and a good one */
    scenario_text x;
    char *msg;
    size_t len;
    FILE *err = open_messages(&msg, &len);
    assert_int_equal(scenario_text_set(&x, "t.cfg", "", (size_t)SCENARIO_TEXT_MAX + 1, err), -1);
    assert_int_equal(scenario_text_set(&x, "t.cfg", "run = { days = 2.0; };", 22, err), 0);
    close_messages(err, &msg);
    assert_string_equal(msg, "t.cfg: expected a scenario file of at most 16777216 bytes, "
                             "found 16777217\n");
    free(msg);
    scenario s;
    assert_int_equal(scenario_load_text(&s, &x, NULL, 0, stderr), 0);
    assert_time_equal(s.days, 2);
    scenario_free(&s);
    scenario_text_free(&x);
}

/* ---- the experiment section ------------------------------------------------------------------ */

/* Names of the n variants of p, "|"-joined, and the texts of variant v's
 * sets, for compact comparisons. */
static const char *plan_names(const scenario_plan *p, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "|" : "", p->v[i].name);
    return buf;
}

static const char *set_texts(const scenario_variant *v, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < v->nsets && len < size; j++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", j ? "|" : "", v->sets[j].text);
    return buf;
}

static void test_plan_none(void **state)
{
    (void)state;
    const char *texts[] = {NULL, "run = { days = 2.0; };\n"};
    for (size_t i = 0; i < 2; i++) {
        scenario_plan p;
        char *msg;
        assert_int_equal(plan_text("s.cfg", texts[i], &p, &msg), 0);
        assert_string_equal(msg, "");
        free(msg);
        assert_int_equal(p.n, 1);
        assert_string_equal(p.v[0].name, "baseline");
        assert_int_equal(p.v[0].nsets, 0);
        assert_int_equal(p.baseline, 0);
        assert_int_equal(p.nsweeps, 0);
        assert_int_equal(p.nlisted, 0);
        scenario_plan_free(&p);
        assert_null(p.v);
    }
}

static void test_plan_variants(void **state)
{
    (void)state;
    scenario_plan p;
    char *msg, buf[512];
    assert_int_equal(plan_text("v.cfg",
                               "variants = (\n"
                               "  { name = \"today\"; },\n"
                               "  { name = \"more\";\n"
                               "    set = [ \"officers.[0].per = 3000\",\n"
                               "            \"dispatch.preempt=true\" ]; },\n"
                               "  { name = \"list\"; set = ( \"run.days=3\" ); }\n"
                               ");\n"
                               "baseline = \"more\";\n",
                               &p, &msg),
                     0);
    assert_string_equal(msg, "");
    free(msg);
    assert_string_equal(plan_names(&p, buf, sizeof buf), "today|more|list");
    assert_int_equal(p.baseline, 1);
    assert_int_equal(p.v[0].nsets, 0);
    assert_string_equal(set_texts(&p.v[1], buf, sizeof buf),
                        "officers.[0].per = 3000|dispatch.preempt=true");
    assert_string_equal(rel(p.v[1].sets[0].origin), "v.cfg:4: variants.[1].set.[0]");
    assert_string_equal(rel(p.v[1].sets[1].origin), "v.cfg:5: variants.[1].set.[1]");
    assert_string_equal(rel(p.v[2].sets[0].origin), "v.cfg:6: variants.[2].set.[0]");
    assert_int_equal(p.nsweeps, 0);
    scenario_plan_free(&p);
}

static void test_plan_sweep(void **state)
{
    (void)state;
    static const struct {
        const char *text;   /* the file */
        const char *names;  /* the variants' names, "|"-joined */
        const char *origin; /* of the sweep's override */
    } cases[] = {
        {"\nsweep = {\n  setting = \"officers.[0].per\";\n"
         "  values = ( 3000, 0.1, 5000.0, \"x\", true, 1e3, 3000000000L );\n};\n",
         "officers.[0].per=3000|officers.[0].per=0.1|officers.[0].per=5000|"
         "officers.[0].per=\"x\"|officers.[0].per=true|officers.[0].per=1000|"
         "officers.[0].per=3000000000L",
         "s.cfg:2: sweep"},
        {"sweep = { setting = \"run.reps\"; values = [ 1, 2 ]; };\n",
         "run.reps=1|run.reps=2", "s.cfg:1: sweep"},
        {"sweep = { setting = \"run.days\"; from = 1000; to = 3500; step = 1000; };\n",
         "run.days=1000|run.days=2000|run.days=3000", "s.cfg:1: sweep"},
        /* 0.1 + 2 * 0.1 is not 0.3 in binary: the text says so */
        {"sweep = { setting = \"run.days\"; from = 0.1; to = 0.3; step = 0.1; };\n",
         "run.days=0.1|run.days=0.2|run.days=0.30000000000000004", "s.cfg:1: sweep"},
        {"sweep = { setting = \"run.days\"; from = 1; to = 2; step = 0.5; };\n",
         "run.days=1|run.days=1.5|run.days=2", "s.cfg:1: sweep"},
        {"sweep = { setting = \"run.days\"; from = 5.0; to = 5.0; step = 1.0; };\n",
         "run.days=5", "s.cfg:1: sweep"},
        /* a whole float beyond int stays a float, as libconfig 1.5 would
         * wrap the integer */
        {"sweep = { setting = \"run.days\"; values = [ 3e9, 1e20 ]; };\n",
         "run.days=3000000000.0|run.days=1e+20", "s.cfg:1: sweep"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scenario_plan p;
        char *msg, buf[1024];
        assert_int_equal(plan_text("s.cfg", cases[i].text, &p, &msg), 0);
        assert_string_equal(msg, "");
        free(msg);
        assert_string_equal(plan_names(&p, buf, sizeof buf), cases[i].names);
        for (size_t k = 0; k < p.n; k++) {
            assert_int_equal(p.v[k].nsets, 1);
            assert_string_equal(p.v[k].sets[0].text, p.v[k].name);
            assert_string_equal(rel(p.v[k].sets[0].origin), cases[i].origin);
        }
        assert_int_equal(p.baseline, 0);
        assert_int_equal(p.nsweeps, 1);
        assert_int_equal(p.sweep[0].n, p.n);
        assert_int_equal(p.ncols, 1);
        for (size_t k = 0; k < p.n; k++)
            assert_string_equal(scenario_plan_col(&p, k, 0), strchr(p.v[k].name, '=') + 1);
        scenario_plan_free(&p);
    }
}

/* Variants x sweep: every variant with every value, variant-major; the
 * baseline is the baseline variant with the first value. */
static void test_plan_variants_sweep(void **state)
{
    (void)state;
    scenario_plan p;
    char *msg, buf[512];
    assert_int_equal(plan_text("s.cfg",
                               "baseline = \"b\";\n"
                               "variants = ( { name = \"a\"; },\n"
                               "             { name = \"b\"; set = [ \"run.days=3\" ]; } );\n"
                               "sweep = { setting = \"run.reps\"; values = [ 1, 2 ]; };\n",
                               &p, &msg),
                     0);
    assert_string_equal(msg, "");
    free(msg);
    assert_string_equal(plan_names(&p, buf, sizeof buf),
                        "a/run.reps=1|a/run.reps=2|b/run.reps=1|b/run.reps=2");
    assert_int_equal(p.baseline, 2);
    assert_string_equal(p.sweep[0].setting, "run.reps");
    assert_int_equal(p.ncols, 1);
    assert_string_equal(scenario_plan_col_name(&p, 0), "run.reps");
    assert_string_equal(scenario_plan_col(&p, 3, 0), "2");
    assert_string_equal(set_texts(&p.v[0], buf, sizeof buf), "run.reps=1");
    assert_string_equal(set_texts(&p.v[3], buf, sizeof buf), "run.days=3|run.reps=2");
    assert_string_equal(rel(p.v[3].sets[0].origin), "s.cfg:3: variants.[1].set.[0]");
    assert_string_equal(rel(p.v[3].sets[1].origin), "s.cfg:4: sweep");
    scenario_plan_free(&p);
}

/* A list of sweeps: the full-factorial grid, the last sweep fastest,
 * after every listed variant; the design columns are the sweeps'. */
static void test_plan_factorial(void **state)
{
    (void)state;
    scenario_plan p;
    char *msg, buf[2048];
    assert_int_equal(plan_text("s.cfg",
                               "baseline = \"b\";\n"
                               "variants = ( { name = \"a\"; },\n"
                               "             { name = \"b\"; set = [ \"run.days=3\" ]; } );\n"
                               "sweep = ( { setting = \"run.reps\"; values = [ 1, 2 ]; },\n"
                               "          { setting = \"run.seed\"; from = 5; to = 7; step = 1; } );\n",
                               &p, &msg),
                     0);
    assert_string_equal(msg, "");
    free(msg);
    assert_int_equal(p.n, 12);
    assert_int_equal(p.nsweeps, 2);
    assert_int_equal(p.sweep_list, 1);
    assert_string_equal(plan_names(&p, buf, sizeof buf),
                        "a/run.reps=1, run.seed=5|a/run.reps=1, run.seed=6|a/run.reps=1, run.seed=7|"
                        "a/run.reps=2, run.seed=5|a/run.reps=2, run.seed=6|a/run.reps=2, run.seed=7|"
                        "b/run.reps=1, run.seed=5|b/run.reps=1, run.seed=6|b/run.reps=1, run.seed=7|"
                        "b/run.reps=2, run.seed=5|b/run.reps=2, run.seed=6|b/run.reps=2, run.seed=7");
    assert_int_equal(p.baseline, 6);
    assert_string_equal(set_texts(&p.v[11], buf, sizeof buf), "run.days=3|run.reps=2|run.seed=7");
    assert_string_equal(rel(p.v[11].sets[1].origin), "s.cfg:4: sweep.[0]");
    assert_string_equal(rel(p.v[11].sets[2].origin), "s.cfg:5: sweep.[1]");
    assert_int_equal(p.ncols, 2);
    assert_string_equal(scenario_plan_col_name(&p, 0), "run.reps");
    assert_string_equal(scenario_plan_col_name(&p, 1), "run.seed");
    assert_string_equal(scenario_plan_col(&p, 4, 0), "2");
    assert_string_equal(scenario_plan_col(&p, 4, 1), "6");
    assert_string_equal(scenario_plan_col(&p, 11, 1), "7");
    scenario_plan_free(&p);
    /* without listed variants: no prefix, the first values' combination
       is the baseline */
    assert_int_equal(plan_text("s.cfg",
                               "sweep = ( { setting = \"run.reps\"; values = [ 1, 2 ]; },\n"
                               "          { setting = \"name\"; values = [ \"x\" ]; } );\n",
                               &p, &msg),
                     0);
    free(msg);
    assert_string_equal(plan_names(&p, buf, sizeof buf),
                        "run.reps=1, name=\"x\"|run.reps=2, name=\"x\"");
    assert_int_equal(p.baseline, 0);
    assert_int_equal(p.v[1].col0, 0);
    scenario_plan_free(&p);
}

static const bad_case plan_cases[] = {
    {"variants not a list",
     "variants = { name = \"a\"; };\n",
     "s.cfg:1: variants: expected a list of groups ( { ... }, ... ), found a group { ... }\n"},
    {"empty variants",
     "variants = ();\n",
     "s.cfg:1: variants: expected 1 or more variants, found 0\n"},
    {"a variant that is no group",
     "variants = ( \"a\" );\n",
     "s.cfg:1: variants.[0]: expected a group, found \"a\"\n"},
    {"names: missing, empty, a number, duplicate",
     "variants = (\n  { set = [ ]; },\n  { name = \"\"; },\n  { name = 3; },\n"
     "  { name = \"a\"; },\n  { name = \"a\"; }\n);\n",
     "s.cfg:2: variants.[0].name: expected text of 1 to 127 characters, found nothing\n"
     "s.cfg:3: variants.[1].name: expected text of 1 to 127 characters, found \"\"\n"
     "s.cfg:4: variants.[2].name: expected text of 1 to 127 characters, found 3\n"
     "s.cfg:6: variants.[4].name: expected a name not used by variants.[3], found \"a\"\n"},
    {"name too long",
     "variants = ( { name = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"; } );\n",
     "s.cfg:1: variants.[0].name: expected text of 1 to 127 characters, found "
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"\n"},
    {"unknown member of a variant",
     "variants = ( { name = \"a\"; sets = [ \"run.days=1\" ]; } );\n",
     "s.cfg:1: variants.[0].sets: unknown setting (did you mean set?)\n"},
    {"set not a list, set entry not text",
     "variants = ( { name = \"a\"; set = \"run.days=1\"; },\n"
     "             { name = \"b\"; set = ( \"run.days=1\", 2 ); } );\n",
     "s.cfg:1: variants.[0].set: expected a list of texts [ \"PATH=VALUE\", ... ], found "
     "\"run.days=1\"\n"
     "s.cfg:2: variants.[1].set.[1]: expected text \"PATH=VALUE\", found 2\n"},
    {"baseline not a variant",
     "variants = ( { name = \"a\"; }, { name = \"b\"; } );\nbaseline = \"c\";\n",
     "s.cfg:2: baseline: expected the name of a variant (one of a, b), found \"c\"\n"},
    {"baseline without variants",
     "baseline = 1;\n",
     "s.cfg:1: baseline: expected the name of a variant (baseline), found 1\n"},
    {"sweep not a group",
     "sweep = [ 1, 2 ];\n",
     "s.cfg:1: sweep: expected a group or a list of groups ( { ... }, ... ), found an array "
     "[ ... ]\n"},
    {"sweeps: an empty list",
     "sweep = ( );\n",
     "s.cfg:1: sweep: expected 1 to 20 sweeps, found 0\n"},
    {"sweeps: an entry no group, a setting swept twice, a value twice",
     "sweep = ( 3,\n  { setting = \"run.days\"; values = [ 1.0, 2.0 ]; },\n"
     "  { setting = \"run.days\"; values = [ 1.0, 1.0 ]; } );\n",
     "s.cfg:1: sweep.[0]: expected a group, found 3\n"
     "s.cfg:3: sweep.[2].values.[1]: expected a value not used by sweep.[2].values.[0], "
     "found 1\n"
     "s.cfg:3: sweep.[2].setting: expected a setting not swept by sweep.[1], found "
     "\"run.days\"\n"},
    {"sweeps: the grid too large",
     "sweep = ( { setting = \"run.days\"; from = 1; to = 200; step = 1; },\n"
     "          { setting = \"run.reps\"; from = 1; to = 60; step = 1; } );\n",
     "s.cfg:1: sweep: expected at most 10000 variants (listed variants x sweep values), found "
     "12000\n"},
    {"sweep: unknown member, no setting, neither values nor range",
     "sweep = { value = [ 1 ]; };\n",
     "s.cfg:1: sweep.value: unknown setting (did you mean values?)\n"
     "s.cfg:1: sweep.setting: expected text of 1 to 127 characters, found nothing\n"
     "s.cfg:1: sweep: expected values or from, to and step, found neither\n"},
    {"sweep: values and a range",
     "sweep = { setting = \"run.days\"; values = [ 1 ]; step = 1; };\n",
     "s.cfg:1: sweep: expected values or from, to and step, found both\n"},
    {"sweep: empty values",
     "sweep = { setting = \"run.days\"; values = [ ]; };\n",
     "s.cfg:1: sweep.values: expected 1 to 10000 values, found 0\n"},
    {"sweep: values not a list",
     "sweep = { setting = \"run.days\"; values = 3; };\n",
     "s.cfg:1: sweep.values: expected a list of values [ ... ] or ( ... ), found 3\n"},
    {"sweep: a value that is no scalar (duplicates then unchecked)",
     "sweep = { setting = \"run.days\";\n  values = ( 1.0, [ 2.0 ], 3, 1.0, 1.0 ); };\n",
     "s.cfg:2: sweep.values.[1]: expected a number, text or true/false, found an array [ ... ]\n"},
    {"sweep: a value twice",
     "sweep = { setting = \"run.days\";\n  values = ( 1.0, 3, 1, \"x\", 1.0 ); };\n",
     "s.cfg:2: sweep.values.[2]: expected a value not used by sweep.values.[0], found 1\n"
     "s.cfg:2: sweep.values.[4]: expected a value not used by sweep.values.[0], found 1\n"},
    {"sweep: range parts missing or not numbers",
     "sweep = { setting = \"run.days\"; from = \"a\"; to = 3.0; };\n",
     "s.cfg:1: sweep.from: expected a number, found \"a\"\n"
     "s.cfg:1: sweep.step: expected a number, found nothing\n"},
    {"sweep: step 0",
     "sweep = { setting = \"run.days\"; from = 1.0; to = 3.0; step = 0; };\n",
     "s.cfg:1: sweep.step: expected a number > 0, found 0\n"},
    {"sweep: to below from",
     "sweep = { setting = \"run.days\";\n  from = 3.0;\n  to = 1.0;\n  step = 1; };\n",
     "s.cfg:3: sweep.to: expected a number >= from (3), found 1.0\n"},
    {"sweep: too many values",
     "sweep = { setting = \"run.days\"; from = 1; to = 10000; step = 0.5; };\n",
     "s.cfg:1: sweep: expected at most 10000 values, found 19999\n"},
    {"sweep: a step too small to change the value",
     "sweep = { setting = \"run.days\"; from = 1e17; to = 100000000000000032.0; step = 1.0; };\n",
     "s.cfg:1: sweep.step: expected a step that changes the value, found 1.0 (the value "
     "1e+17 comes twice)\n"},
    {"sweep: combined names too long",
     "variants = ( { name = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"; } );\n"
     "sweep = { setting = \"run.days\"; values = [ 1.5 ]; };\n",
     "s.cfg:2: sweep: expected variant names of up to 127 characters, found "
     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/run.days=1.5\" (128 characters)\n"},
    {"syntax error",
     "variants = ( { name = \"a\" } ;\n",
     "s.cfg:1: syntax error\n"},
};

static void test_plan_errors(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof plan_cases / sizeof plan_cases[0]; i++) {
        const bad_case *c = &plan_cases[i];
        scenario_plan p;
        char *msg;
        int rc = plan_text("s.cfg", c->text, &p, &msg);
        if (rc != -1 || strcmp(msg, c->msgs) != 0) {
            print_error("case \"%s\": returned %d\n--- expected:\n%s--- got:\n%s", c->what, rc,
                        c->msgs, msg);
            failed++;
        }
        if (p.v || p.n || p.listed || p.nsweeps || p.sweep[0].values) {
            print_error("case \"%s\": plan left behind\n", c->what);
            failed++;
        }
        free(msg);
    }
    assert_int_equal(failed, 0);
}

/* The scenario reader takes the experiment section and leaves it alone. */
static void test_plan_ignored_by_reader(void **state)
{
    (void)state;
    scenario s;
    char *msg;
    assert_int_equal(load_text("s.cfg",
                               "baseline = \"a\";\n"
                               "variants = ( { name = \"a\"; set = [ \"run.days=1\" ]; } );\n"
                               "sweep = { setting = \"run.reps\"; values = [ 1, 2 ]; };\n",
                               &s, &msg),
                     0);
    assert_string_equal(msg, "");
    free(msg);
    assert_time_equal(s.days, 365);
}

/* ---- resolved files ---------------------------------------------------------------------------- */

/* Writes *s (and *plan) with scenario_write to tmpdir/w.cfg, loads it back
 * into *got (and *gotp if not NULL) and removes it; text (malloc'd,
 * caller frees) gets the file. */
static void write_and_read(const scenario *s, const scenario_plan *plan, scenario *got,
                           scenario_plan *gotp, char **text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/w.cfg", tmpdir);
    size_t len;
    FILE *m = open_memstream(text, &len);
    assert_non_null(m);
    assert_int_equal(scenario_write(s, plan, m), 0);
    assert_int_equal(fclose(m), 0);
    put_file("w.cfg", *text, path);
    if (scenario_load(got, path, stderr) != 0)
        fail_msg("the written file does not load:\n%s", *text);
    if (gotp)
        assert_int_equal(scenario_plan_read(gotp, path, stderr), 0);
    assert_int_equal(remove(path), 0);
}

static void test_write_defaults(void **state)
{
    (void)state;
    scenario s, got;
    char *text;
    scenario_defaults(&s);
    write_and_read(&s, NULL, &got, NULL, &text);
    assert_same_scenario(&got, &s);
    assert_string_equal(got.name, "default");
    /* whole doubles stay floats, counts and enums read as written */
    assert_non_null(strstr(text, "\n    residents = 1000000.0;\n"));
    assert_non_null(strstr(text, "\n    stations = 20;\n"));
    assert_non_null(strstr(text, "\n    rule = \"per_residents\";\n    per = 5000.0;\n"));
    assert_non_null(strstr(text, "\n  distance = \"right_angle\";\n"));
    assert_null(strstr(text, "count =")); /* no group counts heads */
    assert_non_null(strstr(text, "\n  auxiliaries = (\n  );\n")); /* empty lists */
    free(text);
}

/* Numbers that need every digit, exponents, big whole numbers, escapes. */
static void test_write_exact(void **state)
{
    (void)state;
    scenario s, got;
    char *text;
    scenario_defaults(&s);
    snprintf(s.name, sizeof s.name, "q\"b\\s'");
    s.days = 0.1 + 0.2;
    s.warmup_days = 1e-300;
    s.seed = UINT64_C(1) << 40;
    s.synth.residents = 1e8;
    s.synth.household_size = 1 + 1.0 / 3;
    s.land[LAND_RURAL].speed_kmh = 1.5;
    s.dispatch.detour = 1 + 0x1p-52;
    s.types[0].hour_profile[0] = 0x1p-1074; /* the smallest subnormal */
    s.types[1].rate_per_1000_year = 123456.125;
    s.groups[0].rule = STAFF_COUNT;
    s.groups[0].count = 200000;
    s.groups[0].per = 0;     /* as a count group read from a file has it */
    s.groups[1].per_beat = 20;
    write_and_read(&s, NULL, &got, NULL, &text);
    assert_same_scenario(&got, &s);
    assert_string_equal(got.name, s.name);
    assert_non_null(strstr(text, "name = \"q\\\"b\\\\s'\";"));
    assert_non_null(strstr(text, "days = 0.30000000000000004;"));
    assert_non_null(strstr(text, "seed = 1099511627776L;"));
    assert_non_null(strstr(text, "count = 200000;"));
    assert_non_null(strstr(text, "residents = 100000000.0;"));
    /* the count group has no `per` (the groups after it have theirs) */
    char *g0 = strstr(text, "name = \"response\";"), *g1 = strstr(text, "name = \"beat\";");
    assert_true(g0 && g1 && g0 < g1);
    *g1 = '\0';
    assert_null(strstr(g0, "per = "));
    free(text);

    /* Numbers beyond every range are written exactly too (a scenario built
       in code), though they do not read back: exponents from 1e17, whole
       counts beyond int with L. */
    s.synth.residents = 1e17;
    s.land[LAND_MIXED].speed_kmh = 1e16;
    s.groups[0].count = 3e9;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(&s, NULL, f), 0);
    assert_int_equal(fclose(f), 0);
    assert_non_null(strstr(text, "count = 3000000000L;"));
    assert_non_null(strstr(text, "residents = 1e+17;"));
    assert_non_null(strstr(text, "speed_kmh = 10000000000000000.0;"));
    free(text);
}

static void test_write_city(void **state)
{
    (void)state;
    scenario s, got;
    char *msg, *text;
    assert_int_equal(load_text("c.cfg",
                               "city = {\n"
                               "  stations = ( { id = \"North\"; x = 0.5; y = -1.0; },\n"
                               "               { id = \"South\"; x = 0.0; y = 7.25; } );\n"
                               "  beats = (\n"
                               "    { id = \"B1\"; station = \"North\"; residents = 1000.0;\n"
                               "      area_km2 = 0.3; x = 0.1; y = 0.2; },\n"
                               "    { id = \"B2\"; station = \"South\"; land = \"rural\"; shape = \"disc\";\n"
                               "      residents = 20.0; households = 7.0; migrant_share = 0.15;\n"
                               "      key_persons = 2.0; area_km2 = 40.0; x = -3.0; y = 1e-3; },\n"
                               "    { id = \"B3\"; station = \"North\"; land = \"commercial\";\n"
                               "      residents = 0.0; area_km2 = 0.0; x = 2.0; y = 2.0; }\n"
                               "  );\n"
                               "};\n",
                               &s, &msg),
                     0);
    assert_string_equal(msg, "");
    free(msg);
    write_and_read(&s, NULL, &got, NULL, &text);
    assert_same_scenario(&got, &s);
    assert_int_equal(got.nbeats, 3);
    assert_int_equal(got.nstations, 2);
    free(text);
    scenario_free(&got);
    scenario_free(&s);
}

/* Every prevention setting away from its default, with lists, reads back. */
static void test_write_prevention(void **state)
{
    (void)state;
    scenario s, got;
    char *text;
    scenario_defaults(&s);
    s.types[1].hardening = 1;
    s.types[0].opportunistic = 0;
    s.groups[0].work[WORK_VISIT] = 0.1 + 0.2;
    s.groups[1].patrol = PATROL_HOTSPOT;
    prevention_params *p = &s.prevention;
    p->enabled = 0;
    p->prevention_work = 0;
    p->rate_cap = 3.5;
    p->deterrence.presence_effect = 0.7;
    p->deterrence.residual_max = 0.6;
    p->deterrence.residual_saturation_min = 7;
    p->deterrence.residual_decay_min = 120;
    p->deterrence.watch_km2 = 1.0 / 3;
    p->deterrence.hotspot_crime_share = 0.4;
    p->deterrence.hotspot_area_share = 0.1;
    p->deterrence.spillover = -0.2;
    p->patrol.random_stop_min = 2;
    p->patrol.hotspot_stop_min = 12;
    p->patrol.move_min = 3;
    p->patrol.block_min = 90;
    p->patrol.hotspot_beats = 5;
    p->visits.block_min = 45;
    p->visits.household_min = 15;
    for (int h = 0; h < 24; h++) {
        p->visits.at_home_weekday[h] = h / 24.0;
        p->visits.at_home_weekend[h] = 1 - h / 48.0;
    }
    p->visits.memory_days = 200;
    p->visits.half_contacts = 1;
    p->visits.crime_effect = 0.2;
    p->visits.clearance_gain = 0.5;
    p->key_persons.check_interval_days = 14;
    p->key_persons.check_min = 20;
    p->key_persons.offender_equivalent = 0.5;
    p->key_persons.recruitment_per_year = 0.1;
    p->migrants.registered_share = 0.9;
    p->migrants.turnover_per_year = 0.3;
    p->migrants.recruitment_per_1000 = 1;
    p->offenders.per_1000_residents = 3;
    p->offenders.desistance_per_year = 0.25;
    p->offenders.arrest_share = 0.6;
    p->offenders.sentence_days = 365;
    p->offenders.recidivism = 0.44;
    p->offenders.replacement = 0.1;
    p->offenders.initial_share = 1.5;
    s.groups[0].patrol_hours[20] = 2.5;
    s.groups[1].patrol_hours[3] = 0;
    p->strike.clearance_gain = 0.5;
    p->strike.half_hours_per_week = 40;
    p->strike.arrest_followup_h = 6;
    p->safe_communities.beat_share[LAND_URBAN_RESIDENTIAL] = 0.2;
    p->safe_communities.beat_share[LAND_MIXED] = 0.1;
    p->safe_communities.start_day = 30;
    p->safe_communities.setup_days = 90;
    p->safe_communities.reduction = 0.4;
    p->safe_communities.cost_per_household_year = 35.5;
    p->strategy.kind = STRATEGY_STRIKE_HEAVY;
    p->strategy.window_days = 14;
    p->strategy.threshold = 1.25;
    p->strategy.strike_days = 60;
    for (int k = 0; k < SCORE_N; k++)
        p->scorecard.weights[k] = k;
    p->scorecard.counterfactual = 1;
    p->scorecard.satisfaction[0] = 0;
    p->scorecard.satisfaction[2] = 2;
    p->scorecard.victimisation_ref = 50;
    p->naux = 1;
    aux_group *a = &p->aux[0];
    snprintf(a->name, sizeof a->name, "security_committee");
    a->per_1000_residents = 0.75;
    for (int l = 0; l < LAND_NTYPES; l++)
        a->land[l] = l == LAND_RURAL ? 0 : 1;
    for (int h = 0; h < 24; h++)
        a->hours[h] = h >= 8 && h < 20 ? 1 : 0.25;
    a->cost_per_hour = 12.5;
    a->effectiveness = 0.2;
    a->mode = PATROL_HOTSPOT;
    p->ncrackdowns = 1;
    crackdown *c = &p->crackdowns[0];
    c->start_day = 100;
    c->days = 45;
    c->strike_share = 0.6;
    c->initial_effect = 0.35;
    c->decay_days = 20;
    c->residual = 0.05;
    c->residual_decay_days = 40;
    char *msg;
    assert_int_equal(check_text(&s, &msg), 0);
    free(msg);
    write_and_read(&s, NULL, &got, NULL, &text);
    assert_same_scenario(&got, &s);
    assert_non_null(strstr(text, "\n    kind = \"strike_heavy\";\n"));
    assert_non_null(strstr(text, "\n  auxiliaries = (\n    { name = \"security_committee\";\n"));
    assert_non_null(strstr(text, "\n  crackdowns = (\n    { start_day = 100.0;\n"));
    free(text);
}

/* A plan written and read back gives the same variants and overrides. */
static void test_write_plan(void **state)
{
    (void)state;
    static const char *const texts[] = {
        /* (parenthesised: one entry of several lines) */
        ("baseline = \"b\";\n"
         "variants = ( { name = \"a\"; },\n"
         "             { name = \"b\"; set = [ \"run.days=3\", \"name=\\\"x\\\\y\\\"\" ]; } );\n"
         "sweep = { setting = \"run.reps\"; values = ( 1, 2.5, \"x\", false, 3000000000L, 3e9 ); };\n"),
        ("variants = ( { name = \"a\"; set = [ \"run.days = 3\" ]; }, { name = \"b\"; } );\n"
         "baseline = \"b\";\n"),
        "sweep = { setting = \"run.days\"; from = 0.1; to = 0.5; step = 0.1; };\n",
        "sweep = { setting = \"run.days\"; from = 1.0; to = 3.0; step = 1.0; };\n",
        "sweep = { setting = \"run.reps\"; from = 1; to = 3; step = 1; };\n",
        ("variants = ( { name = \"a\"; }, { name = \"b\"; set = [ \"run.days=3\" ]; } );\n"
         "sweep = ( { setting = \"run.reps\"; from = 1; to = 2; step = 1; },\n"
         "          { setting = \"name\"; values = ( \"x\", \"y, \\\"z\\\"\" ); } );\n"),
        "sweep = ( { setting = \"run.days\"; values = [ 1.5 ]; } );\n",
        "run = { days = 2.0; };\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        scenario s, got;
        scenario_plan p, gotp;
        char *msg, *text, a[1024], b[1024];
        assert_int_equal(plan_text("p.cfg", texts[i], &p, &msg), 0);
        assert_string_equal(msg, "");
        free(msg);
        scenario_defaults(&s);
        write_and_read(&s, &p, &got, &gotp, &text);
        assert_same_scenario(&got, &s);
        assert_string_equal(plan_names(&gotp, a, sizeof a), plan_names(&p, b, sizeof b));
        assert_int_equal(gotp.baseline, p.baseline);
        assert_int_equal(gotp.nsweeps, p.nsweeps);
        assert_int_equal(gotp.sweep_list, p.sweep_list);
        for (size_t j = 0; j < p.nsweeps; j++)
            assert_string_equal(gotp.sweep[j].setting, p.sweep[j].setting);
        for (size_t k = 0; k < p.n; k++)
            assert_string_equal(set_texts(&gotp.v[k], a, sizeof a), set_texts(&p.v[k], b, sizeof b));
        free(text);
        scenario_plan_free(&p);
        scenario_plan_free(&gotp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_tables),
        cmocka_unit_test(test_defaults_consistent),
        cmocka_unit_test(test_default_file_equals_defaults),
        cmocka_unit_test(test_mmc_file),
        cmocka_unit_test(test_partial_file),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_prevention_file),
        cmocka_unit_test(test_check_built),
        cmocka_unit_test(test_check_prevention_built),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_too_many_types),
        cmocka_unit_test(test_too_many_aux),
        cmocka_unit_test(test_builtin_text),
        cmocka_unit_test(test_sets_builtin),
        cmocka_unit_test(test_sets_file),
        cmocka_unit_test(test_set_errors),
        cmocka_unit_test(test_include),
        cmocka_unit_test(test_text_limits),
        cmocka_unit_test(test_plan_none),
        cmocka_unit_test(test_plan_factorial),
        cmocka_unit_test(test_plan_variants),
        cmocka_unit_test(test_plan_sweep),
        cmocka_unit_test(test_plan_variants_sweep),
        cmocka_unit_test(test_plan_errors),
        cmocka_unit_test(test_plan_ignored_by_reader),
        cmocka_unit_test(test_write_defaults),
        cmocka_unit_test(test_write_exact),
        cmocka_unit_test(test_write_city),
        cmocka_unit_test(test_write_prevention),
        cmocka_unit_test(test_write_plan),
    };
    return cmocka_run_group_tests(tests, setup_tmpdir, remove_tmpdir);
}
