/* scenario_staffing.c - the staffing section of a scenario: hour blocks,
 * targets and a plan (scenario.h, docs/scenarios.md "staffing").
 *
 * The reader of the section is in scenario_read.c and its writer in
 * scenario_write.c, with the other sections; here are what the section's
 * values mean (cells of the week, the text of a target) and the checks
 * that need the rest of the scenario (group names, rules, targets that
 * cannot be met or contradict each other).
 */
#include "scenario_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int staffing_cells(const staffing_params *p)
{
    return p->nblocks * (p->weekdays ? 7 : 1);
}

int staffing_cell_of_hour(const staffing_params *p, int h)
{
    int hd = h % 24, b = 0;
    while (b + 1 < p->nblocks && p->block_h[b + 1] <= hd)
        b++;
    return p->weekdays ? (h / 24 % 7) * p->nblocks + b : b;
}

void staffing_cell_hours(const staffing_params *p, double hours[7 * STAFF_BLOCKS_MAX])
{
    for (int k = 0; k < 7 * STAFF_BLOCKS_MAX; k++)
        hours[k] = 0;
    for (int h = 0; h < 168; h++)
        hours[staffing_cell_of_hour(p, h)]++;
}

/* Skips spaces. */
static const char *skip(const char *t)
{
    while (*t == ' ' || *t == '\t')
        t++;
    return t;
}

int staffing_target_parse(const char *text, staff_target *t, char *msg, size_t msgsz)
{
    char show[SCENARIO_SHOW_SIZE];
    memset(t, 0, sizeof *t);
    const char *expect = "a target MEASURE=VALUE[@block|@station] with MEASURE one of pNN_pK "
                         "(NN 1..99, K 1..3), mean_pK, pwait, util, gap";
    size_t len = strlen(text);
    if (len >= sizeof t->text) {
        snprintf(msg, msgsz, "expected %s in at most %zu characters, found \"%s\"", expect,
                 sizeof t->text - 1, scenario_show(text, show));
        return -1;
    }
    memcpy(t->text, text, len + 1);
    const char *p = skip(text), *eq = strchr(p, '=');
    if (!eq) {
        snprintf(msg, msgsz, "expected %s, found \"%s\"", expect, scenario_show(text, show));
        return -1;
    }
    size_t n = (size_t)(eq - p);
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    char name[16];
    if (n == 0 || n >= sizeof name) {
        snprintf(msg, msgsz, "expected %s, found \"%s\"", expect, scenario_show(text, show));
        return -1;
    }
    memcpy(name, p, n);
    name[n] = '\0';
    int nn = 0, k = 0;
    char tail;
    if (!strcmp(name, "pwait")) {
        t->measure = MEASURE_PWAIT;
    } else if (!strcmp(name, "util")) {
        t->measure = MEASURE_UTIL;
    } else if (!strcmp(name, "gap")) {
        t->measure = MEASURE_GAP;
    } else if (sscanf(name, "mean_p%d%c", &k, &tail) == 1 && k >= 1 && k <= 3 &&
               name[6] >= '1' && name[6] <= '3' && !name[7]) {
        t->measure = MEASURE_MEAN;
        t->priority = k;
    } else if (name[0] == 'p' && isdigit((unsigned char)name[1]) &&
               sscanf(name, "p%d_p%d%c", &nn, &k, &tail) == 2 && nn >= 1 && nn <= 99 &&
               k >= 1 && k <= 3 && (name[1] != '0') && strlen(name) == (nn > 9 ? 6u : 5u)) {
        t->measure = MEASURE_WITHIN;
        t->priority = k;
        t->share = nn / 100.0;
    } else {
        snprintf(msg, msgsz, "expected %s, found \"%s\"", expect, scenario_show(name, show));
        return -1;
    }
    const char *v = skip(eq + 1);
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || errno || !isfinite(x)) {
        snprintf(msg, msgsz, "expected a number after \"%s=\", found \"%s\"", name,
                 scenario_show(v, show));
        return -1;
    }
    const char *r = skip(end);
    if (*r == '@') {
        r = skip(r + 1);
        size_t m = strcspn(r, " \t");
        if (m == 5 && !strncmp(r, "block", 5))
            t->per_station = 0;
        else if (m == 7 && !strncmp(r, "station", 7))
            t->per_station = 1;
        else {
            snprintf(msg, msgsz, "expected @block or @station after \"%s=%g\", found \"@%s\"",
                     name, x, scenario_show(r, show));
            return -1;
        }
        r = skip(r + m);
    }
    if (*r) {
        snprintf(msg, msgsz, "expected nothing after the target, found \"%s\"",
                 scenario_show(r, show));
        return -1;
    }
    int minutes = t->measure == MEASURE_WITHIN || t->measure == MEASURE_MEAN;
    if (minutes && !(x > 0 && x <= 1440)) {
        snprintf(msg, msgsz, "expected minutes > 0 and <= 1440 for %s, found %g", name, x);
        return -1;
    }
    if (t->measure == MEASURE_PWAIT && !(x > 0 && x < 1)) {
        snprintf(msg, msgsz, "expected a share > 0 and < 1 for pwait (no number of officers "
                             "makes waiting impossible), found %g", x);
        return -1;
    }
    if (t->measure == MEASURE_UTIL && !(x > 0 && x < 1)) {
        snprintf(msg, msgsz, "expected a share > 0 and < 1 for util, found %g", x);
        return -1;
    }
    if (t->measure == MEASURE_GAP && !(x >= 0 && x < 1)) {
        snprintf(msg, msgsz, "expected a share >= 0 and < 1 for gap, found %g", x);
        return -1;
    }
    t->max = x;
    return 0;
}

/* 1 if a and b constrain the same quantity in the same scope. */
static int same_quantity(const staff_target *a, const staff_target *b)
{
    return a->measure == b->measure && a->priority == b->priority &&
           a->share == b->share && a->per_station == b->per_station;
}

void scn_check_staffing(errs *e, const scenario *s)
{
    const staffing_params *p = &s->staffing;
    char path[64];
    if (p->nblocks < 1 || p->nblocks > STAFF_BLOCKS_MAX || p->block_h[0] != 0) {
        scn_complain(e, 0, "staffing.blocks_h", "expected 1 to %d start hours from 0, rising",
                     STAFF_BLOCKS_MAX);
    } else {
        for (int b = 1; b < p->nblocks; b++)
            if (!(p->block_h[b] > p->block_h[b - 1] && p->block_h[b] < 24))
                scn_complain(e, 0, "staffing.blocks_h",
                             "expected start hours rising from 0 and below 24, found %d after %d",
                             p->block_h[b], p->block_h[b - 1]);
    }
    if (p->min_on_duty > p->max_on_duty)
        scn_complain(e, 0, "staffing.min_on_duty", "expected at most max_on_duty (%d), found %d",
                     p->max_on_duty, p->min_on_duty);
    if (p->budget > 0 && p->budget_extra != 0)
        scn_complain(e, 0, "staffing.budget_extra", "expected staffing.budget (a headcount) or "
                     "budget_extra (officers added to today's), found both");
    if (p->mode != STAFF_MODE_BUDGET && (p->budget > 0 || p->budget_extra != 0))
        scn_complain(e, 0, p->budget > 0 ? "staffing.budget" : "staffing.budget_extra",
                     "expected staffing.mode = \"budget\" with a budget, found mode \"%s\"",
                     staff_mode_names[p->mode == STAFF_MODE_BUDGET]);
    /* the group planned */
    int planned = -1;
    for (int g = 0; g < s->ngroups && g < SCENARIO_GROUPS_MAX; g++)
        if (p->group[0] ? !strncmp(p->group, s->groups[g].name, SCENARIO_NAME_MAX)
                        : (planned < 0 && !s->groups[g].auxiliary &&
                           (s->groups[g].role == ROLE_STATION || s->groups[g].role == ROLE_DUTY)))
            planned = g;
    if (p->group[0] && planned < 0)
        scn_complain(e, 0, "staffing.group", "expected the name of an officer group, found \"%s\"",
                     p->group);
    else if (planned >= 0 && (s->groups[planned].auxiliary ||
                              (s->groups[planned].role != ROLE_STATION &&
                               s->groups[planned].role != ROLE_DUTY)))
        scn_complain(e, 0, "staffing.group", "expected a group of officers (not auxiliary) of "
                                             "role station or duty, found \"%s\"",
                     s->groups[planned].name);
    /* rule plan */
    int nplan = 0;
    for (int g = 0; g < s->ngroups && g < SCENARIO_GROUPS_MAX; g++) {
        const officer_group *og = &s->groups[g];
        if (og->rule != STAFF_PLAN)
            continue;
        snprintf(path, sizeof path, "officers.[%d].rule", g);
        if (nplan++)
            scn_complain(e, og->line, path, "expected rule \"plan\" in one group only, found it "
                                            "in a second");
        if (og->auxiliary || (og->role != ROLE_STATION && og->role != ROLE_DUTY))
            scn_complain(e, og->line, path, "expected rule \"plan\" for officers (not auxiliary) "
                                            "of role station or duty, found role %s",
                         (int)og->role >= 0 && (int)og->role < (int)scn_nofficer_role_names
                             ? officer_role_names[og->role]
                             : "?");
        if (!p->nplan)
            scn_complain(e, og->line, path, "expected a staffing.plan to go with rule \"plan\", "
                                            "found none");
    }
    for (size_t i = 0; i < p->nplan; i++)
        for (size_t j = 0; j < i; j++)
            if (!strncmp(p->plan_station[i], p->plan_station[j], SCENARIO_NAME_MAX)) {
                snprintf(path, sizeof path, "staffing.plan.[%zu].station", i);
                scn_complain(e, p->plan_line ? p->plan_line[i] : 0, path,
                             "expected a station not planned by staffing.plan.[%zu], found "
                             "\"%s\"", j, p->plan_station[i]);
                break;
            }
    /* targets */
    for (int i = 0; i < p->ntargets && i < STAFF_TARGETS_MAX; i++) {
        const staff_target *t = &p->targets[i];
        snprintf(path, sizeof path, "staffing.targets.[%d]", i);
        for (int j = 0; j < i; j++)
            if (same_quantity(t, &p->targets[j]))
                scn_complain(e, 0, path, "expected one bound on each quantity, found \"%s\" "
                                         "after \"%s\" (contradictory or repeated)",
                             t->text, p->targets[j].text);
        if ((t->measure == MEASURE_WITHIN || t->measure == MEASURE_MEAN) &&
            t->max < s->dispatch.delay_min)
            scn_complain(e, 0, path, "expected a response time of at least the dispatch delay "
                                     "(dispatch.delay_min = %g min; no call is reached "
                                     "sooner), found \"%s\"",
                         s->dispatch.delay_min, t->text);
    }
}
