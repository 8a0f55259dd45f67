/* test_scenario.c - scenario_defaults, scenario_load and scenario_check:
 * the shipped scenario files, and a table of bad inputs with the exact
 * messages each must give.
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

/* Writes `text` to tmpdir/NAME, loads it into *s and returns the status;
 * *messages (malloc'd, caller frees) gets what was written to `err`, with
 * the directory cut out. The file is removed. */
static int load_text(const char *name, const char *text, scenario *s, char **messages)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);

    size_t len;
    FILE *err = open_memstream(messages, &len);
    assert_non_null(err);
    int rc = scenario_load(s, path, err);
    assert_int_equal(fclose(err), 0);
    assert_int_equal(remove(path), 0);

    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s/", tmpdir);
    cut_all(*messages, prefix);
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

/* Every number, enum and name of two scenarios, except name and source. */
static void assert_same_scenario(const scenario *got, const scenario *want)
{
#define SAME(f) assert_time_equal((double)got->f, (double)want->f)
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
    assert_true(got->beats == NULL && want->beats == NULL);
    assert_true(got->stations == NULL && want->stations == NULL);

    for (int l = 0; l < LAND_NTYPES; l++) {
        SAME(land[l].speed_kmh);
        SAME(land[l].target_min);
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
    }

    SAME(dispatch.policy);
    SAME(dispatch.preempt);
    SAME(dispatch.delay_min);
    SAME(dispatch.detour);
    SAME(dispatch.euclidean);
    SAME(dispatch.return_to_base);
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
    assert_int_equal(s.ngroups, 2);
    assert_string_equal(s.types[5].name, "violent");
    assert_int_equal(s.types[5].units, 2);
    assert_time_equal(s.types[0].clearance, 0.14);
    assert_time_equal(s.types[0].hour_profile[12], 1.88);
    assert_time_equal(s.types[0].dow_profile[4], 1.31);
    assert_string_equal(s.groups[1].name, "beat");
    assert_int_equal(s.groups[1].rule, STAFF_PER_BEAT);
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
    assert_int_equal(b->line, 24);

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
        "built-in: dispatch.detour: expected a number >= 1, found 0.9\n"
        "built-in: incidents.types.[2].hour_profile.[5]: expected a number >= 0, found -0.5\n"
        "built-in: incidents.types.[3].units: expected a whole number from 1 to 2, found 3\n"
        "built-in: officers.[0].base: expected station for role station (office is for beat "
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
     "dispatch = { preempt = 1; };\n",
     "s.cfg:1: dispatch.preempt: expected true or false, found 1\n"},
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
     "s.cfg:2: incidents.types.[0].dow_profile.[3]: expected a number >= 0, found -1.0\n"
     "s.cfg:3: incidents.types.[0].hour_profile: expected 24 numbers >= 0, not all 0, "
     "found all 0\n"},
    {"missing required settings of a new incident type",
     "incidents = {\n  types = (\n    { name = \"fraud\";\n      priority = 1; }\n  );\n};\n",
     "s.cfg:3: incidents.types.[0].rate_per_1000_year: expected a number >= 0, found nothing\n"
     "s.cfg:3: incidents.types.[0].scene_mean_min: expected a number > 0, found nothing\n"},
    {"missing rule and missing rule parameter",
     "officers = (\n  { name = \"a\"; },\n  { name = \"b\"; rule = \"count\"; }\n);\n",
     "s.cfg:2: officers.[0].rule: expected one of count, per_residents, per_households, "
     "per_beat, found nothing\n"
     "s.cfg:3: officers.[1].count: expected a whole number >= 1, found nothing\n"},
    {"float for a whole count",
     "officers = ( { name = \"x\"; rule = \"count\"; count = 10.0; } );\n",
     "s.cfg:1: officers.[0].count: expected a whole number >= 1, found 10.0\n"},
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
     "s.cfg:3: city.beats.[0].residents: expected a number >= 0, found nothing\n"
     "s.cfg:3: city.beats.[0].area_km2: expected a number >= 0, found nothing\n"
     "s.cfg:3: city.beats.[0].x: expected a number, found nothing\n"
     "s.cfg:3: city.beats.[0].y: expected a number, found nothing\n"},
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
     "continuous, found \"nightly\"\n"},
    {"role and base, role and rule",
     "officers = (\n"
     "  { name = \"a\"; role = \"station\"; base = \"office\"; rule = \"count\"; count = 3; },\n"
     "  { name = \"b\"; rule = \"per_beat\"; per_beat = 2; }\n);\n",
     "s.cfg:2: officers.[0].base: expected station for role station (office is for beat "
     "officers), found \"office\"\n"
     "s.cfg:3: officers.[1].rule: expected one of count, per_residents, per_households for "
     "role station (per_beat is for beat officers), found \"per_beat\"\n"},
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_tables),
        cmocka_unit_test(test_defaults_consistent),
        cmocka_unit_test(test_default_file_equals_defaults),
        cmocka_unit_test(test_mmc_file),
        cmocka_unit_test(test_partial_file),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_check_built),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_too_many_types),
    };
    return cmocka_run_group_tests(tests, setup_tmpdir, remove_tmpdir);
}
