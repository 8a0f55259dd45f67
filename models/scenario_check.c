/* scenario_check.c - checking a scenario.
 *
 * The checker walks the setting tables (scenario_fields.c) over a
 * scenario's structs, so a scenario built in code is held to the same
 * ranges as a file (scenario_check), and checks what no one group shows:
 * counts, duplicate names and ids, station references, role/base/rule,
 * work shares, overlapping crackdowns. scenario_load runs only that
 * cross-field half, the reader having checked every value it stored.
 */
#include "scenario_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
                scn_fmt_num(*(const double *)p, found);
            break;
        case K_COUNT: {
            double v = *(const double *)p;
            if (!in_range(&fi->r, v) || v != floor(v))
                scn_fmt_num(v, found);
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
                scn_complain(e, line, path, "expected text of 1 to %d characters, found \"%.*s\"",
                             SCENARIO_NAME_MAX - 1, (int)len, p);
            else if ((fi->flags & IDENT) && len && !scn_ident_ok(p))
                scn_complain(e, line, path, "expected %s, found \"%s\"", IDENT_TEXT, p);
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
                    scn_complain(e, line, elem, "expected %s, found %s",
                                 scn_describe_range(&fi->r, (fi->flags & WHOLE) != 0, want,
                                                    sizeof want),
                                 scn_fmt_num(w[k], found));
                    ok = 0;
                }
                sum += w[k];
            }
            found[0] = '\0';
            if (ok && (fi->flags & NONZERO) && sum == 0)
                scn_complain(e, line, path, "expected %d numbers >= 0, not all 0, found all 0",
                             fi->n);
            break;
        }
        case K_SEED:
        case K_SECTION:
            break;
        }
        if (found[0])
            scn_complain(e, line, path, "expected %s, found %s",
                         scn_expected(fi, want, sizeof want), found);
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
        scn_complain(e, 0, "officers", "expected 1 to %d officer groups, found %d",
                     SCENARIO_GROUPS_MAX, n);
        n = n < 1 ? 0 : SCENARIO_GROUPS_MAX;
    }
    for (int i = 0; i < n; i++) {
        const officer_group *g = &s->groups[i];
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "officers.[%d]", i);
        int rule_ok = (int)g->rule >= 0 && (int)g->rule < (int)scn_nstaffing_rule_names;
        if (fields)
            check_fields(e, g->line, prefix, scn_group_fields, scn_ngroup_fields, g,
                         rule_ok ? RULE(g->rule) : 0);
        for (int j = 0; j < i && g->name[0]; j++) {
            if (!strncmp(g->name, s->groups[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                scn_complain(e, g->line, path,
                             "expected a name not used by officers.[%d], found \"%.*s\"", j,
                             SCENARIO_NAME_MAX - 1, g->name);
                break;
            }
        }
        int role_ok = (int)g->role >= 0 && (int)g->role < (int)scn_nofficer_role_names;
        const char *role = role_ok ? officer_role_names[g->role] : "?";
        if (g->role != ROLE_BEAT && g->base == BASE_OFFICE) {
            snprintf(path, sizeof path, "%s.base", prefix);
            scn_complain(e, g->line, path, "expected station for role %s (office is for beat "
                                           "officers), found \"office\"", role);
        }
        if (g->role != ROLE_BEAT && g->rule == STAFF_PER_BEAT) {
            snprintf(path, sizeof path, "%s.rule", prefix);
            scn_complain(e, g->line, path, "expected one of count, per_residents, per_households, "
                                           "on_duty for role %s (per_beat is for beat officers), "
                                           "found \"per_beat\"", role);
        }
        double lost = 0;
        for (int k = 0; k < ABSENCE_KINDS; k++)
            lost += g->absence_days[k] >= 0 && g->absence_days[k] <= 365 ? g->absence_days[k] : 0;
        if (!(lost < 250)) {
            snprintf(path, sizeof path, "%s.absence_days", prefix);
            scn_complain(e, g->line, path, "expected %d numbers with a sum below 250 (the working "
                                           "days of a year), found a sum of %.12g", ABSENCE_KINDS,
                         lost);
        }
        if (g->rotation_office_days >= g->rotation_days && g->rotation_days >= 2 &&
            g->rotation_days <= 7) {
            snprintf(path, sizeof path, "%s.rotation_office_days", prefix);
            scn_complain(e, g->line, path, "expected a whole number from 0 to %d (below "
                                           "rotation_days), found %d",
                         g->rotation_days - 1, g->rotation_office_days);
        }
        if (g->crew_with[0] && memchr(g->crew_with, '\0', SCENARIO_NAME_MAX)) {
            snprintf(path, sizeof path, "%s.crew_with", prefix);
            int j = 0;
            while (j < n && strncmp(s->groups[j].name, g->crew_with, SCENARIO_NAME_MAX))
                j++;
            if (!g->auxiliary)
                scn_complain(e, g->line, path, "expected \"\" for a group of officers "
                                               "(crew_with is for auxiliary police), found "
                                               "\"%s\"", g->crew_with);
            else if (j == n || j == i || s->groups[j].auxiliary)
                scn_complain(e, g->line, path, "expected the name of another group of officers "
                                               "(not auxiliary), found \"%s\"", g->crew_with);
            else if (s->groups[j].role != g->role)
                scn_complain(e, g->line, path, "expected a group of role %s like this one, found "
                                               "\"%s\" of role %s", role, g->crew_with,
                             (int)s->groups[j].role >= 0 &&
                                     (int)s->groups[j].role < (int)scn_nofficer_role_names
                                 ? officer_role_names[s->groups[j].role]
                                 : "?");
        }
        char msg[128];
        if (work_problem(g, msg, sizeof msg)) {
            snprintf(path, sizeof path, "%s.work", prefix);
            scn_complain(e, g->line, path, "%s", msg);
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
        check_fields(e, 0, "prevention", scn_prevention_fields, scn_nprevention_fields, p, 0);
        for (size_t k = 0; k < scn_nprevention_parts; k++) {
            const prevention_part *pp = &scn_prevention_parts[k];
            snprintf(prefix, sizeof prefix, "prevention.%s", pp->name);
            check_fields(e, 0, prefix, pp->f, pp->nf, (const char *)p + pp->offset, 0);
        }
    }

    int na = p->naux;
    if (na < 0 || na > SCENARIO_AUX_MAX) {
        scn_complain(e, 0, "prevention.auxiliaries", "expected 0 to %d auxiliary groups, found %d",
                     SCENARIO_AUX_MAX, na);
        na = na < 0 ? 0 : SCENARIO_AUX_MAX;
    }
    for (int i = 0; i < na; i++) {
        const aux_group *x = &p->aux[i];
        snprintf(prefix, sizeof prefix, "prevention.auxiliaries.[%d]", i);
        if (fields)
            check_fields(e, x->line, prefix, scn_aux_fields, scn_naux_fields, x, 0);
        for (int j = 0; j < i && x->name[0]; j++) {
            if (!strncmp(x->name, p->aux[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                scn_complain(e, x->line, path, "expected a name not used by "
                                               "prevention.auxiliaries.[%d], found \"%.*s\"",
                             j, SCENARIO_NAME_MAX - 1, x->name);
                break;
            }
        }
    }

    int nc = p->ncrackdowns;
    if (nc < 0 || nc > SCENARIO_CRACKDOWNS_MAX) {
        scn_complain(e, 0, "prevention.crackdowns", "expected 0 to %d crackdowns, found %d",
                     SCENARIO_CRACKDOWNS_MAX, nc);
        nc = nc < 0 ? 0 : SCENARIO_CRACKDOWNS_MAX;
    }
    for (int i = 0; i < nc; i++) {
        const crackdown *x = &p->crackdowns[i];
        snprintf(prefix, sizeof prefix, "prevention.crackdowns.[%d]", i);
        if (fields)
            check_fields(e, x->line, prefix, scn_crackdown_fields, scn_ncrackdown_fields, x, 0);
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
            scn_complain(e, x->line, prefix, "expected a campaign that does not overlap "
                                             "prevention.crackdowns.[%d] (%sdays %s to %s), found "
                                             "days %s to %s",
                         j, where, scn_fmt_num(y->start_day, a),
                         scn_fmt_num(y->start_day + y->days, b), scn_fmt_num(x->start_day, c),
                         scn_fmt_num(x->start_day + x->days, d));
            break;
        }
    }
}

/* The explicit city: ranges, duplicate ids, station references. */
static void check_city(errs *e, const scenario *s, int fields)
{
    if ((s->nbeats > 0) != (s->nstations > 0) || (s->nbeats && !s->beats) ||
        (s->nstations && !s->stations)) {
        scn_complain(e, 0, s->nbeats ? "city.stations" : "city.beats",
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
        scn_complain(e, 0, "city", "out of memory");
        goto done;
    }
    char prefix[48], path[64];
    for (size_t i = 0; i < s->nstations; i++) {
        const station_spec *st = &s->stations[i];
        snprintf(prefix, sizeof prefix, "city.stations.[%zu]", i);
        if (fields)
            check_fields(e, st->line, prefix, scn_station_fields, scn_nstation_fields, st, 0);
        if (st->id[0] && sfirst[i] != i) {
            snprintf(path, sizeof path, "%s.id", prefix);
            scn_complain(e, st->line, path,
                         "expected an id not used by city.stations.[%zu], found \"%.*s\"",
                         sfirst[i], SCENARIO_NAME_MAX - 1, st->id);
        }
    }
    for (size_t i = 0; i < s->nbeats; i++) {
        const beat_spec *b = &s->beats[i];
        snprintf(prefix, sizeof prefix, "city.beats.[%zu]", i);
        if (fields)
            check_fields(e, b->line, prefix, scn_beat_fields, scn_nbeat_fields, b, 0);
        if (b->id[0] && bfirst[i] != i) {
            snprintf(path, sizeof path, "%s.id", prefix);
            scn_complain(e, b->line, path,
                         "expected an id not used by city.beats.[%zu], found \"%.*s\"",
                         bfirst[i], SCENARIO_NAME_MAX - 1, b->id);
        }
        id_ref key = {b->station, 0};
        if (b->station[0] && memchr(b->station, '\0', SCENARIO_NAME_MAX) &&
            !bsearch(&key, sids, s->nstations, sizeof *sids, cmp_id)) {
            snprintf(path, sizeof path, "%s.station", prefix);
            scn_complain(e, b->line, path, "expected the id of a station, found \"%s\"",
                         b->station);
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
int scn_check(errs *e, const scenario *s, const int *type_lines, int fields)
{
    int before = e->n;
    if (fields) {
        check_fields(e, 0, "", scn_root_fields, scn_nroot_fields, s, 0);
        check_fields(e, 0, "run", scn_run_fields, scn_nrun_fields, s, 0);
        check_fields(e, 0, "city.synthetic", scn_synth_fields, scn_nsynth_fields, &s->synth, 0);
        for (int k = 0; k < LAND_NTYPES; k++) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "land.%s", land_type_names[k]);
            check_fields(e, 0, prefix, scn_land_fields, scn_nland_fields, &s->land[k], 0);
        }
        check_fields(e, 0, "incidents", scn_incidents_fields, scn_nincidents_fields, s, 0);
        check_fields(e, 0, "dispatch", scn_dispatch_fields, scn_ndispatch_fields, &s->dispatch, 0);
        char msg[128];
        if (scn_shares_problem(&s->synth, msg, sizeof msg))
            scn_complain(e, 0, "city.synthetic.mixed_share", "%s", msg);
    }
    const double *rv = s->dispatch.reserve;
    if (rv[0] > rv[1] || rv[1] > rv[2])
        scn_complain(e, 0, "dispatch.reserve", "expected numbers that do not fall from priority "
                     "1 to 3 (a less urgent call keeps at least as many units in reserve), "
                     "found [ %.12g, %.12g, %.12g ]", rv[0], rv[1], rv[2]);

    int nt = s->ntypes;
    if (nt < 1 || nt > SCENARIO_TYPES_MAX) {
        scn_complain(e, 0, "incidents.types", "expected 1 to %d incident types, found %d",
                     SCENARIO_TYPES_MAX, nt);
        nt = nt < 1 ? 0 : SCENARIO_TYPES_MAX;
    }
    for (int i = 0; i < nt; i++) {
        const incident_type *t = &s->types[i];
        int line = type_lines ? type_lines[i] : 0;
        char prefix[32], path[64];
        snprintf(prefix, sizeof prefix, "incidents.types.[%d]", i);
        if (fields)
            check_fields(e, line, prefix, scn_type_fields, scn_ntype_fields, t, 0);
        if (t->phone_share >= 0 && t->divert_share >= 0 &&
            t->phone_share + t->divert_share > 1 + 1e-9) {
            snprintf(path, sizeof path, "%s.divert_share", prefix);
            scn_complain(e, line, path, "expected a share <= 1 - phone_share (%.12g), found %.12g",
                         1 - t->phone_share, t->divert_share);
        }
        for (int j = 0; j < i && t->name[0]; j++) {
            if (!strncmp(t->name, s->types[j].name, SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "%s.name", prefix);
                scn_complain(e, line, path, "expected a name not used by incidents.types.[%d], "
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
            scn_complain(e, line, path, "expected at most %d x scene_mean_min (%s) for a lognormal "
                                        "scene, found %s", SCENE_CV_MAX,
                         scn_fmt_num(SCENE_CV_MAX * t->scene_mean_min, a),
                         scn_fmt_num(t->scene_sd_min, b));
        }
    }
    check_groups(e, s, fields);
    check_city(e, s, fields);
    check_prevention(e, s, fields);
    if (fields)
        check_fields(e, 0, "staffing", scn_staffing_fields, scn_nstaffing_fields, &s->staffing, 0);
    scn_check_staffing(e, s);
    return e->n - before;
}

int scenario_check(const scenario *s, FILE *err)
{
    errs e = {.out = err, .file = s->source};
    return scn_check(&e, s, NULL, 1);
}

/* Commercial and mixed beats share the urban beats: "... <= 1 -
 * commercial_share" message when they overflow, else NULL. */
const char *scn_shares_problem(const synthetic_city *c, char *buf, size_t size)
{
    if (c->commercial_share + c->mixed_share <= 1)
        return NULL;
    char a[32], b[32];
    snprintf(buf, size, "expected a number <= %s (1 - commercial_share), found %s",
             scn_fmt_num(1 - c->commercial_share, a), scn_fmt_num(c->mixed_share, b));
    return buf;
}

