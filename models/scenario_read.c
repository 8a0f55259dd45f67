/* scenario_read.c - reading a scenario file, and loading one.
 *
 * Reading is table-driven (scenario_fields.c). One reader walks the
 * members a group gives, in file order, so an unknown name is caught
 * with the known ones at hand (and the closest suggested). The reader
 * stores a value only when it has the right type and range; anything
 * else is reported and the previous value (the default) kept.
 *
 * scenario_load reads the file's text (scenario_text.c), applies the
 * overrides to its tree (scenario_set.c), reads the tree, then runs the
 * cross-field half of the checker (scenario_check.c: duplicates, station
 * references, role/base/rule, counts) on the result, so every problem of
 * a file is reported once, and none stops the search for the others.
 * Entries whose id or rule could not be read keep an empty id or the
 * default rule and are left out of the cross-field checks that would
 * only repeat the first error.
 */
#include "beatmap.h"
#include "scenario_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* ---- reading ------------------------------------------------------------------------ */

/* A file being read: its messages, the scenario it fills. */
struct reading {
    errs e;                             /* errors of the file */
    scenario *s;                        /* being filled */
    int type_lines[SCENARIO_TYPES_MAX]; /* line of each incident type */
};

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

/* The candidate within 2 edits of word (1 for names of up to 4
 * characters), the closest first, or NULL. */
static const char *closest_by_edits(const char *word, const char *const *cand, size_t n)
{
    const char *best = NULL;
    int best_d = 99;
    for (size_t i = 0; i < n; i++) {
        int d = edit_distance(word, cand[i]);
        if (d <= (strlen(cand[i]) <= 4 ? 1 : 2) && d < best_d) {
            best = cand[i];
            best_d = d;
        }
    }
    return best;
}

const char *scenario_closest(const char *word, const char *const *cand, size_t n)
{
    const char *best = closest_by_edits(word, cand, n);
    size_t wl = strlen(word);
    for (size_t i = 0; !best && wl >= 3 && i < n; i++)
        if (!strncasecmp(cand[i], word, wl))
            best = cand[i];
    return best;
}

/* Reports member m, which table f does not know, with the closest known
 * name (within 2 edits, 1 for names of up to 4 characters) or the list. */
void scn_unknown(errs *e, const config_setting_t *m, const field *f, size_t nf)
{
    const char *name = config_setting_name(m), *names[FIELDS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < nf && n < FIELDS_MAX; i++)
        names[n++] = f[i].name;
    const char *best = closest_by_edits(name, names, n);
    if (best) {
        scn_report(e, m, NULL, "unknown setting (did you mean %s?)", best);
    } else {
        char list[512];
        scn_report(e, m, NULL, "unknown setting (expected one of %s)",
                   scn_join_names(NULL, f, nf, list, sizeof list));
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
            scn_report(e, st, NULL, "expected %s, found %s", scn_expected(f, want, sizeof want),
                       scn_describe(st, found, sizeof found));
            return;
        }
        for (int i = 0; i < f->n; i++)
            out[i] = v;
        return;
    }
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        scn_report(e, st, NULL, "expected %s, found %s", scn_expected(f, want, sizeof want),
                   scn_describe(st, found, sizeof found));
        return;
    }
    int n = config_setting_length(st);
    if (n != f->n) {
        scn_report(e, st, NULL, "expected %s%d numbers, found %d",
                   f->flags & SCALAR_OK ? "one number or " : "", f->n, n);
        return;
    }
    double w[24], sum = 0;
    int ok = 1;
    for (int i = 0; i < n && i < 24; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        if (!config_setting_is_number(el) || !in_range(&f->r, number_of(el)) ||
            ((f->flags & WHOLE) && !is_whole(el))) {
            scn_report(e, el, NULL, "expected %s, found %s",
                       scn_describe_range(&f->r, (f->flags & WHOLE) != 0, want, sizeof want),
                       scn_describe(el, found, sizeof found));
            ok = 0;
            continue;
        }
        w[i] = number_of(el);
        sum += w[i];
    }
    if (!ok || n > 24)
        return;
    if ((f->flags & NONZERO) && sum == 0) {
        scn_report(e, st, NULL, "expected %d numbers >= 0, not all 0, found all 0", f->n);
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
            scn_report(&rd->e, st, NULL, "expected text, found %s",
                       scn_describe(st, found, sizeof found));
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
            scn_report(&rd->e, st, NULL, "expected text of 1 to %d characters, found %s",
                       SCENARIO_NAME_MAX - 1, scn_describe(st, found, sizeof found));
            return -1;
        }
        if ((f->flags & IDENT) && len && !scn_ident_ok(t)) {
            scn_report(&rd->e, st, NULL, "expected %s, found %s", IDENT_TEXT,
                       scn_describe(st, found, sizeof found));
            return -1;
        }
        if (!scn_printable(t)) {
            scn_report(&rd->e, st, NULL, "expected text without control characters, found %s",
                       scn_describe(st, found, sizeof found));
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
    scn_report(&rd->e, st, NULL, "expected %s, found %s", scn_expected(f, want, sizeof want),
               scn_describe(st, found, sizeof found));
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
        scn_report(&rd->e, g, NULL, "expected a group, found %s",
                   scn_describe(g, found, sizeof found));
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
            scn_unknown(&rd->e, m, f, nf);
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
            scn_report(&rd->e, g, f[i].name, "expected %s, found nothing",
                       scn_expected(&f[i], want, sizeof want));
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
        scn_report(e, st, NULL, "expected a list of groups ( { ... }, ... ), found %s",
                   scn_describe(st, found, sizeof found));
        return -1;
    }
    if (n < min && max == INT_MAX)
        scn_report(e, st, NULL, "expected %d or more %s, found %d", min, what, n);
    else if (n < min || n > max)
        scn_report(e, st, NULL, "expected %d to %d %s, found %d", min, max, what, n);
    return n;
}

/* A list of 1 .. max groups (see list_entries). */
int scn_list_length(errs *e, const config_setting_t *st, const char *what, int max)
{
    return list_entries(e, st, what, 1, max);
}

/* A list of 0 .. max groups, where the empty list ( ) means none. */
static int list_length_or_none(errs *e, const config_setting_t *st, const char *what, int max)
{
    return list_entries(e, st, what, 0, max);
}

void scn_read_run(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_run_fields, scn_nrun_fields, rd->s, present);
}

void scn_read_synthetic(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    char msg[128];
    if (read_fields(rd, st, scn_synth_fields, scn_nsynth_fields, &rd->s->synth, present) == 0 &&
        scn_shares_problem(&rd->s->synth, msg, sizeof msg)) {
        const config_setting_t *m = config_setting_get_member(st, "mixed_share");
        scn_report(&rd->e, m ? m : st, m ? NULL : "mixed_share", "%s", msg);
    }
}

/* A path setting (city.boundaries, city.stations as a file) into out. */
static void read_path(reading *rd, const config_setting_t *st, char out[SCENARIO_PATH_MAX])
{
    char found[64];
    const char *t = config_setting_type(st) == CONFIG_TYPE_STRING ? config_setting_get_string(st)
                                                                  : NULL;
    if (!t || !t[0] || strlen(t) >= SCENARIO_PATH_MAX) {
        scn_report(&rd->e, st, NULL, "expected the path of a map layer (1 to %d characters), "
                                     "found %s", SCENARIO_PATH_MAX - 1,
                   scn_describe(st, found, sizeof found));
        return;
    }
    snprintf(out, SCENARIO_PATH_MAX, "%s", t);
}

void scn_read_boundaries(reading *rd, const config_setting_t *st)
{
    read_path(rd, st, rd->s->layer.boundaries);
}

void scn_read_layer(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_layer_fields, scn_nlayer_fields, &rd->s->layer, present);
}

void scn_read_stations(reading *rd, const config_setting_t *st)
{
    if (config_setting_type(st) == CONFIG_TYPE_STRING) { /* a file of stations */
        read_path(rd, st, rd->s->layer.stations);
        return;
    }
    int n = scn_list_length(&rd->e, st, "stations", INT_MAX);
    if (n <= 0)
        return;
    station_spec *v = calloc((size_t)n, sizeof *v);
    if (!v) {
        scn_report(&rd->e, st, NULL, "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, scn_station_fields, scn_nstation_fields, &v[i], present) == 0)
            require(rd, el, scn_station_fields, scn_nstation_fields, present, REQ);
    }
    rd->s->stations = v;
    rd->s->nstations = (size_t)n;
}

void scn_read_beats(reading *rd, const config_setting_t *st)
{
    int n = scn_list_length(&rd->e, st, "beats", INT_MAX);
    if (n <= 0)
        return;
    beat_spec *v = calloc((size_t)n, sizeof *v); /* urban_residential, square */
    if (!v) {
        scn_report(&rd->e, st, NULL, "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, scn_beat_fields, scn_nbeat_fields, &v[i], present) != 0)
            continue;
        require(rd, el, scn_beat_fields, scn_nbeat_fields, present, REQ);
        if (given(scn_beat_fields, scn_nbeat_fields, present, "residents") == 2 &&
            !given(scn_beat_fields, scn_nbeat_fields, present, "households"))
            v[i].households = v[i].residents / DEFAULT_HOUSEHOLD_SIZE;
        /* left out: the synthetic city's rates, once everything is read
           (beat_defaults) */
        if (!given(scn_beat_fields, scn_nbeat_fields, present, "migrant_share"))
            v[i].migrant_share = NAN;
        if (!given(scn_beat_fields, scn_nbeat_fields, present, "key_persons"))
            v[i].key_persons = NAN;
    }
    rd->s->beats = v;
    rd->s->nbeats = (size_t)n;
}

/* The synthetic settings, and the explicit city: beats and stations come
 * together or not at all. */
void scn_read_city(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    if (read_fields(rd, st, scn_city_fields, scn_ncity_fields, NULL, present) != 0)
        return;
    int has_stations = given(scn_city_fields, scn_ncity_fields, present, "stations");
    int has_beats = given(scn_city_fields, scn_ncity_fields, present, "beats");
    const city_layer *cl = &rd->s->layer;
    if (cl->boundaries[0] || cl->stations[0]) { /* a city from map layers */
        if (has_beats)
            scn_report(&rd->e, st, "beats", "expected either city.boundaries or a list of "
                                            "beats, found both");
        else if (has_stations && !cl->stations[0])
            scn_report(&rd->e, st, "stations", "expected the path of a file of stations with "
                                               "city.boundaries (or nothing), found a list");
        else if (!cl->boundaries[0])
            scn_report(&rd->e, st, "boundaries", "expected a layer of beats to go with the "
                                                 "file city.stations, found nothing");
        has_stations = has_beats = 0;
    }
    if (has_beats && !has_stations)
        scn_report(&rd->e, st, "stations", "expected a list of stations to go with city.beats, "
                                           "found nothing");
    if (has_stations && !has_beats)
        scn_report(&rd->e, st, "beats", "expected a list of beats to go with city.stations, "
                                        "found nothing");
    if (!rd->s->nbeats || !rd->s->nstations) { /* one without the other was reported */
        free(rd->s->beats);
        free(rd->s->stations);
        rd->s->beats = NULL;
        rd->s->stations = NULL;
        rd->s->nbeats = rd->s->nstations = 0;
    }
}

void scn_read_land(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_land_section_fields, scn_nland_section_fields, NULL, present);
}

void scn_read_land_type(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    for (int k = 0; k < LAND_NTYPES; k++)
        if (!strcmp(config_setting_name(st), land_type_names[k]))
            read_fields(rd, st, scn_land_fields, scn_nland_fields, &rd->s->land[k], present);
}

void scn_read_incidents(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_incidents_fields, scn_nincidents_fields, rd->s, present);
}

/* A types list replaces the built-in one. An entry that names a built-in
 * type starts from it; any other starts from scn_generic_type and must give
 * its rate and mean on-scene time (and its sd defaults to the mean). */
void scn_read_types(reading *rd, const config_setting_t *st)
{
    int n = scn_list_length(&rd->e, st, "incident types", SCENARIO_TYPES_MAX);
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
                    ? scn_builtin_type(config_setting_get_string(nm))
                    : -1;
        if (k >= 0)
            scn_default_type(k, &v[i]);
        else
            scn_generic_type(&v[i]);
        rd->type_lines[i] = config_setting_source_line(el);
        unsigned char present[FIELDS_MAX];
        if (read_fields(rd, el, scn_type_fields, scn_ntype_fields, &v[i], present) != 0)
            continue;
        require(rd, el, scn_type_fields, scn_ntype_fields, present, REQ | (k < 0 ? REQ_NEW : 0));
        if (k < 0 && !given(scn_type_fields, scn_ntype_fields, present, "scene_sd_min"))
            v[i].scene_sd_min = v[i].scene_mean_min;
    }
    memcpy(rd->s->types, v, (size_t)n * sizeof v[0]);
    rd->s->ntypes = n;
}

/* An officers list replaces the built-in groups. Each entry starts from
 * scn_generic_group and must give its name, its rule and that rule's
 * parameter. */
void scn_read_groups(reading *rd, const config_setting_t *st)
{
    int n = scn_list_length(&rd->e, st, "officer groups", SCENARIO_GROUPS_MAX);
    if (n <= 0)
        return; /* keep the built-in groups */
    if (n > SCENARIO_GROUPS_MAX)
        n = SCENARIO_GROUPS_MAX;
    officer_group v[SCENARIO_GROUPS_MAX];
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        scn_generic_group(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, scn_group_fields, scn_ngroup_fields, &v[i], present) != 0)
            continue;
        unsigned need = REQ;
        if (given(scn_group_fields, scn_ngroup_fields, present, "rule") == 2)
            need |= RULE(v[i].rule);
        /* An unreadable role (reported) is taken as the one the rule and
         * base allow, so that check_groups (scenario_check.c) does
         * not report it again. */
        if (given(scn_group_fields, scn_ngroup_fields, present, "role") == 1)
            v[i].role = v[i].rule == STAFF_PER_BEAT || v[i].base == BASE_OFFICE ? ROLE_BEAT
                                                                                : ROLE_STATION;
        require(rd, el, scn_group_fields, scn_ngroup_fields, present, need);
    }
    memcpy(rd->s->groups, v, (size_t)n * sizeof v[0]);
    rd->s->ngroups = n;
}

void scn_read_dispatch(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_dispatch_fields, scn_ndispatch_fields, &rd->s->dispatch, present);
}

void scn_read_prevention(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    read_fields(rd, st, scn_prevention_fields, scn_nprevention_fields, &rd->s->prevention, present);
}

/* One group of prevention (deterrence, patrol, ...), by its name. */
void scn_read_prevention_part(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    for (size_t k = 0; k < scn_nprevention_parts; k++) {
        const prevention_part *pp = &scn_prevention_parts[k];
        if (!strcmp(config_setting_name(st), pp->name))
            read_fields(rd, st, pp->f, pp->nf, (char *)&rd->s->prevention + pp->offset, present);
    }
}

/* An auxiliaries list replaces the built-in one (empty); ( ) means none.
 * Each entry starts from scn_generic_aux and must give its name and
 * per_1000_residents. */
void scn_read_aux(reading *rd, const config_setting_t *st)
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
        scn_generic_aux(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, scn_aux_fields, scn_naux_fields, &v[i], present) == 0)
            require(rd, el, scn_aux_fields, scn_naux_fields, present, REQ);
    }
    memcpy(rd->s->prevention.aux, v, (size_t)n * sizeof v[0]);
    rd->s->prevention.naux = n;
}

/* A crackdowns list replaces the built-in one (empty); ( ) means none.
 * Each entry starts from scn_generic_crackdown and must give start_day and
 * days. */
void scn_read_crackdowns(reading *rd, const config_setting_t *st)
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
        scn_generic_crackdown(&v[i]);
        v[i].line = config_setting_source_line(el);
        if (read_fields(rd, el, scn_crackdown_fields, scn_ncrackdown_fields, &v[i], present) == 0)
            require(rd, el, scn_crackdown_fields, scn_ncrackdown_fields, present, REQ);
        /* An entry whose period could not be read (reported) has none, so
           that the overlap check does not report it again. */
        if (given(scn_crackdown_fields, scn_ncrackdown_fields, present, "start_day") != 2 ||
            given(scn_crackdown_fields, scn_ncrackdown_fields, present, "days") != 2)
            v[i].days = 0;
    }
    memcpy(rd->s->prevention.crackdowns, v, (size_t)n * sizeof v[0]);
    rd->s->prevention.ncrackdowns = n;
}

/* baseline, variants, sweep and report are read by scenario_plan_read. */
void scn_read_plan_part(reading *rd, const config_setting_t *st)
{
    (void)rd;
    (void)st;
}

/* ---- staffing -------------------------------------------------------------------------- */

/* blocks_h, targets and plan: read by scn_read_staffing once the rest of
 * the section is known. */
void scn_read_staffing_part(reading *rd, const config_setting_t *st)
{
    (void)rd;
    (void)st;
}

/* An array of whole numbers or of strings, 0 .. max long ("what" names
 * the elements); its length, or -1 after reporting. */
static int read_array(errs *e, const config_setting_t *st, int type, const char *what, int min,
                      int max)
{
    char found[128];
    int n = config_setting_length(st);
    if (config_setting_type(st) != CONFIG_TYPE_ARRAY ||
        (n > 0 && config_setting_type(config_setting_get_elem(st, 0)) != type)) {
        scn_report(e, st, NULL, "expected an array [ ... ] of %s, found %s", what,
                   scn_describe(st, found, sizeof found));
        return -1;
    }
    if (n < min || n > max) {
        if (min == max)
            scn_report(e, st, NULL, "expected %d %s, found %d", min, what, n);
        else
            scn_report(e, st, NULL, "expected %d to %d %s, found %d", min, max, what, n);
        return -1;
    }
    return n;
}

static void read_blocks(reading *rd, const config_setting_t *st, staffing_params *p)
{
    int n = read_array(&rd->e, st, CONFIG_TYPE_INT, "start hours", 1, STAFF_BLOCKS_MAX);
    if (n < 0)
        return;
    int h[STAFF_BLOCKS_MAX];
    for (int i = 0; i < n; i++) {
        h[i] = config_setting_get_int_elem(st, i);
        if (i == 0 ? h[i] != 0 : !(h[i] > h[i - 1] && h[i] < 24)) {
            scn_report(&rd->e, st, NULL, "expected start hours of the day rising from 0 and "
                                         "below 24, found %d %s", h[i],
                       i ? "after a later or equal hour, or past 23" : "first");
            return;
        }
    }
    memcpy(p->block_h, h, (size_t)n * sizeof h[0]);
    p->nblocks = n;
}

static void read_targets(reading *rd, const config_setting_t *st, staffing_params *p)
{
    int n = read_array(&rd->e, st, CONFIG_TYPE_STRING, "targets (text)", 0, STAFF_TARGETS_MAX);
    if (n < 0)
        return;
    staff_target v[STAFF_TARGETS_MAX];
    int before = rd->e.n;
    for (int i = 0; i < n; i++) {
        char msg[256];
        if (staffing_target_parse(config_setting_get_string_elem(st, i), &v[i], msg,
                                  sizeof msg) != 0)
            scn_report(&rd->e, st, NULL, "target %d: %s", i + 1, msg);
    }
    if (rd->e.n != before)
        return;
    memcpy(p->targets, v, (size_t)n * sizeof v[0]);
    p->ntargets = n;
}

/* A row of the plan: its station (the text at offset 0 of the row's
   station id) and on_duty, read by hand. */
static const field plan_row_fields[] = {
    {.name = "station", .kind = K_TEXT, .offset = 0},
    {.name = "on_duty", .kind = K_SECTION, .read = scn_read_staffing_part},
};

static void read_plan(reading *rd, const config_setting_t *st, staffing_params *p)
{
    int n = list_length_or_none(&rd->e, st, "plan rows", 100000);
    if (n <= 0)
        return;
    int cells = staffing_cells(p);
    char(*id)[SCENARIO_NAME_MAX] = calloc((size_t)n, sizeof *id);
    int *on = calloc((size_t)n * (size_t)cells, sizeof *on), *line = calloc((size_t)n, sizeof *line);
    if (!id || !on || !line) {
        free(id);
        free(on);
        free(line);
        scn_report(&rd->e, st, NULL, "out of memory");
        return;
    }
    int before = rd->e.n;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        unsigned char present[FIELDS_MAX];
        line[i] = config_setting_source_line(el);
        if (read_fields(rd, el, plan_row_fields, NELEMS(plan_row_fields), id[i], present) != 0)
            continue;
        if (!present[0])
            scn_report(&rd->e, el, "station", "expected the id of a station, found nothing");
        const config_setting_t *m = config_setting_get_member(el, "on_duty");
        if (!m) {
            scn_report(&rd->e, el, "on_duty", "expected %d numbers of officers on duty (one "
                                              "per hour block%s), found nothing",
                       cells, p->weekdays ? " of each day" : "");
            continue;
        }
        int k = read_array(&rd->e, m, CONFIG_TYPE_INT, "numbers of officers on duty", cells,
                           cells);
        for (int c = 0; c < k; c++) {
            int v = config_setting_get_int_elem(m, c);
            if (v < 0 || v > 1000) {
                scn_report(&rd->e, m, NULL, "expected officers on duty from 0 to 1000 in "
                                            "every block, found %d in block %d", v, c + 1);
                break;
            }
            on[(size_t)i * (size_t)cells + (size_t)c] = v;
        }
    }
    if (rd->e.n != before) {
        free(id);
        free(on);
        free(line);
        return;
    }
    scenario_free_plan(rd->s);
    p->plan_station = id;
    p->plan_on_duty = on;
    p->plan_line = line;
    p->nplan = (size_t)n;
}

void scn_read_staffing(reading *rd, const config_setting_t *st)
{
    unsigned char present[FIELDS_MAX];
    staffing_params *p = &rd->s->staffing;
    if (read_fields(rd, st, scn_staffing_fields, scn_nstaffing_fields, p, present) != 0)
        return;
    const config_setting_t *m;
    if ((m = config_setting_get_member(st, "blocks_h")))
        read_blocks(rd, m, p);
    if ((m = config_setting_get_member(st, "targets")))
        read_targets(rd, m, p);
    if ((m = config_setting_get_member(st, "plan")))
        read_plan(rd, m, p);
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

/* A listed beat without migrant_share or key_persons gets the synthetic
 * city's (city.synthetic.migrant_share_urban or _rural by its land type,
 * key_persons_per_1000 of its residents), so that registration and
 * key-person work have something to act on in a user's own city. */
static void beat_defaults(scenario *s)
{
    const synthetic_city *c = &s->synth;
    for (size_t i = 0; i < s->nbeats; i++) {
        beat_spec *b = &s->beats[i];
        if (isnan(b->migrant_share))
            b->migrant_share = b->land == LAND_RURAL ? c->migrant_share_rural
                                                     : c->migrant_share_urban;
        if (isnan(b->key_persons))
            b->key_persons = isfinite(b->residents) ? b->residents * c->key_persons_per_1000 / 1000
                                                    : 0;
    }
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
    if (scn_tree_read(&t, x, err) != 0)
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
        scn_apply_set(&t.e, &ov, root, &sets[i]);
    config_destroy(&builtin);

    reading rd = {.e = t.e, .s = s};
    unsigned char present[FIELDS_MAX];
    read_fields(&rd, root, scn_root_fields, scn_nroot_fields, s, present);
    if (!rd.e.n && s->layer.boundaries[0]) {
        /* layer paths are taken from the scenario file's folder */
        char dir[sizeof s->source] = "";
        const char *slash = path ? strrchr(path, '/') : NULL;
        if (slash)
            snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
        if (beatmap_load(s, dir, rd.e.out) != 0)
            rd.e.n++; /* its one message is written */
    }
    beat_defaults(s);
    scn_check(&rd.e, s, rd.type_lines, 0);
    free(ov.v);
    scn_tree_free(&t);
    if (rd.e.n) {
        scenario_free(s);
        return -1;
    }
    return 0;
}
