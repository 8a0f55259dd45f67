/* roster.c - staffing rules (how many officers, where) and shift plans
 * (when they work).
 *
 * roster_build runs in two passes: first the officer count of every unit
 * (a station for station officers, a beat for beat officers) of every
 * group, then the officers themselves with their weekly shifts, unit by
 * unit. Everything is deterministic: ties go to the lower index.
 *
 * Apportionment is Hamilton's largest-remainder method (Balinski & Young,
 * "Fair Representation", 2nd ed., 2001, ch. 2): each unit gets the floor of
 * its quota, the officers left go one each to the largest fractional
 * parts. Fractional parts are compared after rounding to 1e-9 so that
 * quotas equal on paper tie (and go to the lower index) whatever the
 * rounding of doubles. Raising a station to min_per_station over its beats
 * gives each further officer to the beat with the most residents per
 * officer (beats with none first, most residents first).
 *
 * Flexible shifts are a greedy heuristic, not an optimum: officer by
 * officer, shift by shift, the 8-hour window with the largest remaining
 * shortfall sum(target - coverage) is taken, which is the window whose
 * addition most reduces sum((target - coverage)^2). Window sums of the
 * coverage are kept as integers and updated in O(15) per shift, so a unit
 * of n officers with d shifts costs O(n d 168).
 */
#include "roster.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HOURS_WEEK 168
#define MAX_OFFICERS 100000000L /* per group and in total */

/* ---- expected calls and workload ----------------------------------------------- */

double roster_beat_calls_per_week(const scenario *s, const city_beat *b)
{
    double sum = 0;
    for (int k = 0; k < s->ntypes; k++) {
        const incident_type *t = &s->types[k];
        sum += t->rate_per_1000_year / 1000 * b->residents * t->land_mult[b->land] *
               7 / 365.25;
    }
    return sum;
}

double roster_beat_workload_min(const scenario *s, const city_beat *b)
{
    double sum = 0;
    for (int k = 0; k < s->ntypes; k++) {
        const incident_type *t = &s->types[k];
        double calls = t->rate_per_1000_year / 1000 * b->residents *
                       t->land_mult[b->land] * 7 / 365.25;
        sum += calls * (t->units * t->scene_mean_min + t->followup_h * 60);
    }
    return sum;
}

/* ---- apportionment --------------------------------------------------------------- */

typedef struct quota_part {
    long long key; /* fractional part of the quota, in units of 1e-9 */
    long floor;    /* whole part of the quota */
    size_t idx;    /* unit */
} quota_part;

static int cmp_remainder(const void *a, const void *b)
{
    const quota_part *p = a, *q = b;
    if (p->key != q->key)
        return p->key > q->key ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/* Adds to out[0 .. n-1] the split of `total` officers in proportion to
 * w[] by largest remainders (all weights equal when they sum to 0 or
 * less). Returns 0, or -1 when out of memory. O(n log n). */
static int hamilton(long total, const double *w, size_t n, long *out)
{
    if (total <= 0 || n == 0)
        return 0;
    double W = 0;
    for (size_t i = 0; i < n; i++)
        W += w[i] > 0 ? w[i] : 0;
    int equal = !(W > 0) || !isfinite(W);
    quota_part *rem = malloc(n * sizeof *rem);
    if (!rem)
        return -1;
    long given = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = equal ? 1 : (w[i] > 0 ? w[i] : 0);
        double quota = (double)total * wi / (equal ? (double)n : W);
        double fl = floor(quota);
        rem[i] = (quota_part){llround((quota - fl) * 1e9), (long)fl, i};
        given += (long)fl;
    }
    qsort(rem, n, sizeof *rem, cmp_remainder);
    /* the floors leave fewer than n officers; rounding of doubles could
       leave them one over, taken back from the smallest remainders */
    for (size_t t = 0; given < total; t = (t + 1) % n, given++)
        rem[t].floor++;
    for (size_t t = n; given > total && t > 0; t--)
        if (rem[t - 1].floor > 0) {
            rem[t - 1].floor--;
            given--;
        }
    for (size_t t = 0; t < n; t++)
        out[rem[t].idx] += rem[t].floor;
    free(rem);
    return 0;
}

/* Raises the beat officers of station j to at least m, one officer at a
 * time to the station's beat with the most residents per officer; beats
 * with none come first, most residents first. Ties go to the lower beat
 * index. cnt[] is indexed by beat. O((m - have) x beats of the station). */
static void raise_station(const city *c, size_t j, long m, long *cnt)
{
    const city_station *st = &c->stations[j];
    long have = 0;
    for (size_t k = 0; k < st->nbeats; k++)
        have += cnt[c->beat_index[st->first_beat + k]];
    for (; have < m; have++) {
        size_t best = SIZE_MAX;
        double best_ratio = -1;
        for (size_t k = 0; k < st->nbeats; k++) {
            size_t b = c->beat_index[st->first_beat + k];
            double res = c->beats[b].residents;
            double ratio = cnt[b] == 0 ? INFINITY : res / (double)cnt[b];
            if (best == SIZE_MAX || ratio > best_ratio ||
                (isinf(ratio) && isinf(best_ratio) &&
                 res > c->beats[best].residents)) {
                best = b;
                best_ratio = ratio;
            }
        }
        cnt[best]++;
    }
}

/* ---- staffing ------------------------------------------------------------------------ */

/* Days worked a week for hours_per_week: round(h / 8) within 1 .. 7. */
static int days_worked(double hours_per_week)
{
    double d = round(hours_per_week / 8);
    return d < 1 ? 1 : d > 7 ? 7 : (int)d;
}

roster_plan roster_group_plan(const officer_group *g)
{
    roster_plan p = {168, 168, 168, 0, 1, 0};
    switch (g->shifts) {
    case SHIFT_FIXED_3X8:
    case SHIFT_STAGGERED:
    case SHIFT_FLEXIBLE:
        p.worked_h = p.duty_h = 8.0 * days_worked(g->hours_per_week);
        break;
    case SHIFT_DAY_ONLY: /* 08-17 Monday to Friday */
        p.covered_h = p.worked_h = p.duty_h = 45;
        break;
    case SHIFT_CROSS: /* 12-20 on every day, five days each */
        p.covered_h = 56;
        p.worked_h = p.duty_h = 40;
        break;
    case SHIFT_ROTATION: {
        double n = g->rotation_days >= 1 ? g->rotation_days : 1;
        p.worked_h = 24 * 7 / n;
        p.duty_h = (24 + 9.0 * g->rotation_office_days) * 7 / n;
        break;
    }
    case SHIFT_CONTINUOUS:
        if (g->rule != STAFF_PLAN)
            return p; /* no absences, relief 1 */
        break;
    }
    if (g->rule == STAFF_PLAN) /* posts of the plan, staffed by officers of
                                  hours_per_week */
        p.worked_h = p.duty_h = g->hours_per_week > 0 ? g->hours_per_week : 40;
    double lost = 0;
    for (int k = 0; k < ABSENCE_KINDS; k++)
        lost += g->absence_days[k];
    p.absent = p.duty_h > 0 ? fmin(1, 8 * lost / (p.duty_h * 365.25 / 7)) : 1;
    p.relief = p.absent < 1 ? p.covered_h / (p.worked_h * (1 - p.absent)) : INFINITY;
    p.missed = g->rule == STAFF_PLAN ? 0 : p.absent;
    return p;
}

/* Checks the settings of group g that roster_build relies on. Returns the
 * number of problems reported. */
static int check_group(const scenario *s, const city *c, int g, FILE *err)
{
    const officer_group *gr = &s->groups[g];
    int problems = 0;
#define GROUP_ERROR(...) (scenario_error(err, s->source, gr->line, __VA_ARGS__), problems++)
    if ((int)gr->role < ROLE_STATION || (int)gr->role > ROLE_PATROL)
        GROUP_ERROR("officers.[%d].role: expected one of station, beat, duty, patrol, "
                    "found %d", g, (int)gr->role);
    if (gr->role == ROLE_BEAT && c->nbeats == 0)
        GROUP_ERROR("officers.[%d].role: expected \"station\" in a city without "
                    "beats, found \"beat\"", g);
    if (gr->role != ROLE_BEAT && gr->base == BASE_OFFICE)
        GROUP_ERROR("officers.[%d].base: expected \"station\" for station "
                    "officers, found \"office\"", g);
    if (gr->min_per_station < 0)
        GROUP_ERROR("officers.[%d].min_per_station: expected a number >= 0, "
                    "found %d", g, gr->min_per_station);
    switch (gr->rule) {
    case STAFF_COUNT:
        if (!(gr->count >= 0 && gr->count <= (double)MAX_OFFICERS))
            GROUP_ERROR("officers.[%d].count: expected a number of officers "
                        "between 0 and %ld, found %.15g", g, MAX_OFFICERS, gr->count);
        if (gr->allocation != ALLOC_RESIDENTS && gr->allocation != ALLOC_WORKLOAD &&
            gr->allocation != ALLOC_EQUAL)
            GROUP_ERROR("officers.[%d].allocation: expected an allocation rule, "
                        "found %d", g, (int)gr->allocation);
        break;
    case STAFF_PER_RESIDENTS:
    case STAFF_PER_HOUSEHOLDS:
        if (!(gr->per > 0) || !isfinite(gr->per))
            GROUP_ERROR("officers.[%d].per: expected a positive number, found %g",
                        g, gr->per);
        break;
    case STAFF_PER_BEAT:
        if (gr->per_beat < 0)
            GROUP_ERROR("officers.[%d].per_beat: expected a number >= 0, found %d",
                        g, gr->per_beat);
        break;
    case STAFF_ON_DUTY: {
        roster_plan pl = roster_group_plan(gr);
        if (!(gr->on_duty > 0) || !(gr->on_duty * pl.relief <= (double)MAX_OFFICERS))
            GROUP_ERROR("officers.[%d].on_duty: expected a positive number of officers "
                        "on duty that a headcount of at most %ld can keep (relief factor "
                        "%.4g), found %g", g, MAX_OFFICERS, pl.relief, gr->on_duty);
        break;
    }
    case STAFF_PLAN:
        if (gr->role != ROLE_STATION && gr->role != ROLE_DUTY)
            GROUP_ERROR("officers.[%d].rule: expected rule \"plan\" for role station or "
                        "duty, found role %s", g, officer_role_names[gr->role]);
        break;
    default:
        GROUP_ERROR("officers.[%d].rule: expected a staffing rule, found %d", g,
                    (int)gr->rule);
    }
    switch (gr->shifts) {
    case SHIFT_FIXED_3X8:
    case SHIFT_STAGGERED:
    case SHIFT_FLEXIBLE:
        if (!(gr->hours_per_week > 0) || !isfinite(gr->hours_per_week))
            GROUP_ERROR("officers.[%d].hours_per_week: expected a positive number, "
                        "found %g", g, gr->hours_per_week);
        break;
    case SHIFT_ROTATION:
        if (gr->rotation_days < 2 || gr->rotation_days > 7 || gr->rotation_office_days < 0 ||
            gr->rotation_office_days >= gr->rotation_days)
            GROUP_ERROR("officers.[%d].rotation_days: expected 2 to 7 days with fewer "
                        "office days (rotation_office_days), found %d and %d", g,
                        gr->rotation_days, gr->rotation_office_days);
        break;
    case SHIFT_DAY_ONLY:
    case SHIFT_CONTINUOUS:
    case SHIFT_CROSS:
        break;
    default:
        GROUP_ERROR("officers.[%d].shifts: expected a shift plan, found %d", g,
                    (int)gr->shifts);
    }
    if (problems == 0 && gr->shifts != SHIFT_CONTINUOUS && !(roster_group_plan(gr).absent < 1))
        GROUP_ERROR("officers.[%d].absence_days: expected fewer days lost than the plan's "
                    "%.4g duty hours a year give (8 hours a day), found %.4g days", g,
                    roster_group_plan(gr).duty_h * 365.25 / 7,
                    gr->absence_days[0] + gr->absence_days[1] + gr->absence_days[2] +
                        gr->absence_days[3]);
#undef GROUP_ERROR
    return problems;
}

/* Weight of a unit (beats first .. first+n-1 of beat_index, or the one
 * beat `b` when n == 0) for allocation rule a. */
static double unit_weight(allocation_rule a, const city *c, const double *work,
                          const size_t *beats, size_t n)
{
    if (a == ALLOC_EQUAL)
        return 1;
    double w = 0;
    for (size_t k = 0; k < n; k++)
        w += a == ALLOC_WORKLOAD ? work[beats[k]] : c->beats[beats[k]].residents;
    return w;
}

/* The index of station `id` in the city, or -1. */
static long plan_station(const city *c, const char *id)
{
    for (size_t j = 0; j < c->nstations; j++)
        if (!strncmp(c->stations[j].id, id, SCENARIO_NAME_MAX))
            return (long)j;
    return -1;
}

/* The row of staffing.plan for station `id`, or -1. */
static long plan_row(const scenario *s, const char *id)
{
    for (size_t i = 0; i < s->staffing.nplan; i++)
        if (!strncmp(s->staffing.plan_station[i], id, SCENARIO_NAME_MAX))
            return (long)i;
    return -1;
}

/* Officer counts of group g into cnt[] (per station for station role, per
 * beat for beat role; zeroed by the caller). work[] is the workload per
 * beat (may be NULL unless the group allocates by workload). Returns 0, or
 * -1 after a message (count below the minimum, out of memory). */
static int staff_group(const scenario *s, const city *c, int g, const double *work,
                       long *cnt, FILE *err)
{
    const officer_group *gr = &s->groups[g];
    size_t S = c->nstations, B = c->nbeats;
    long m = gr->min_per_station;
    int beat_role = gr->role == ROLE_BEAT;

    if (gr->rule == STAFF_COUNT) {
        long total = (long)llround(gr->count);
        if ((double)total < (double)m * (double)S) {
            scenario_error(err, s->source, gr->line,
                   "officers.[%d].count: expected at least %.15g "
                   "(min_per_station x stations), found %.15g",
                   g, (double)m * (double)S, gr->count);
            return -1;
        }
        size_t n = beat_role ? B : S;
        double *w = malloc((n ? n : 1) * sizeof *w);
        if (!w) {
            scenario_error(err, s->source, gr->line, "officers.[%d]: out of memory", g);
            return -1;
        }
        for (size_t i = 0; i < n; i++) {
            if (beat_role) {
                w[i] = unit_weight(gr->allocation, c, work, &i, 1);
            } else {
                const city_station *st = &c->stations[i];
                w[i] = unit_weight(gr->allocation, c, work,
                                   c->beat_index + st->first_beat, st->nbeats);
            }
        }
        if (m > 0) {
            for (size_t j = 0; j < S; j++) {
                if (beat_role)
                    raise_station(c, j, m, cnt);
                else
                    cnt[j] = m;
            }
        }
        int rc = hamilton(total - m * (long)S, w, n, cnt);
        free(w);
        if (rc != 0) {
            scenario_error(err, s->source, gr->line, "officers.[%d]: out of memory", g);
            return -1;
        }
        return 0;
    }

    if (gr->rule == STAFF_PLAN) { /* one officer per post */
        const staffing_params *p = &s->staffing;
        size_t cells = (size_t)staffing_cells(p);
        for (size_t i = 0; i < p->nplan; i++)
            if (plan_station(c, p->plan_station[i]) < 0) {
                scenario_error(err, s->source, p->plan_line[i],
                               "staffing.plan.[%zu].station: expected the id of a station of "
                               "the city, found \"%.*s\"", i, SCENARIO_NAME_MAX - 1,
                               p->plan_station[i]);
                return -1;
            }
        for (size_t j = 0; j < S; j++) {
            long row = plan_row(s, c->stations[j].id);
            if (row < 0) {
                scenario_error(err, s->source, gr->line,
                               "staffing.plan: expected a row for every station, found none "
                               "for station \"%s\"", c->stations[j].id);
                return -1;
            }
            for (size_t k = 0; k < cells; k++)
                if (p->plan_on_duty[(size_t)row * cells + k] > cnt[j])
                    cnt[j] = p->plan_on_duty[(size_t)row * cells + k];
        }
        return 0;
    }

    if (gr->rule == STAFF_ON_DUTY) {
        /* the headcount that keeps on_duty on duty, absences allowed for */
        long k = (long)ceil(gr->on_duty * roster_group_plan(gr).relief - 1e-9);
        size_t n = beat_role ? B : S;
        for (size_t i = 0; i < n; i++)
            cnt[i] = k;
        for (size_t j = 0; j < S; j++) {
            if (beat_role)
                raise_station(c, j, m, cnt);
            else if (cnt[j] < m)
                cnt[j] = m;
        }
        return 0;
    }

    if (beat_role) {
        for (size_t b = 0; b < B; b++) {
            const city_beat *bt = &c->beats[b];
            double x = gr->rule == STAFF_PER_RESIDENTS    ? bt->residents
                       : gr->rule == STAFF_PER_HOUSEHOLDS ? bt->households
                                                          : 0;
            double k = gr->rule == STAFF_PER_BEAT ? gr->per_beat : round(x / gr->per);
            cnt[b] = gr->rule == STAFF_PER_BEAT ? (long)k : (k < 1 ? 1 : (long)k);
        }
        for (size_t j = 0; j < S; j++)
            raise_station(c, j, m, cnt);
    } else {
        for (size_t j = 0; j < S; j++) {
            const city_station *st = &c->stations[j];
            double x = 0;
            for (size_t k = 0; k < st->nbeats; k++)
                x += gr->rule == STAFF_PER_HOUSEHOLDS
                         ? c->beats[c->beat_index[st->first_beat + k]].households
                         : c->beats[c->beat_index[st->first_beat + k]].residents;
            double k = gr->rule == STAFF_PER_BEAT
                           ? (double)gr->per_beat * (double)st->nbeats
                           : round(x / gr->per);
            cnt[j] = k < (double)m ? m : (long)k;
        }
    }
    return 0;
}

/* ---- shift plans ------------------------------------------------------------------------ */

static int cmp_shift(const void *a, const void *b)
{
    const roster_shift *p = a, *q = b;
    return (p->start_min > q->start_min) - (p->start_min < q->start_min);
}

/* Appends a shift of len_h hours starting at hour h of the cycle. */
static void add_shift(roster_officer *o, int h, double len_h)
{
    if (o->nshifts < ROSTER_SHIFTS_MAX)
        o->shifts[o->nshifts] = (roster_shift){fmod(h * 60.0, o->period_min),
                                               len_h * 60};
    o->nshifts++; /* counted even past the maximum, so the caller can tell */
}

/* Fixed templates (start hours of 8 h shifts) shared out over the n
 * officers of a unit: officer k takes template (k + unit) mod T -- the
 * unit's index turns the rotation, so that small units (a beat's one or
 * two officers) do not all take the first templates -- and the q-th of
 * the c officers on a template starts on day (floor(7 q / c) + 3 unit)
 * mod 7 and works d consecutive days: the unit's index turns the week
 * too, so that units with one officer a template (a station's three of
 * the patrol tier) do not all rest at the weekend (3 generates every day
 * mod 7). */
static void fixed_plan(roster_officer *o, size_t n, const int *start_h, size_t T,
                       int d, size_t unit)
{
    size_t count[8] = {0}, seen[8] = {0};
    for (size_t k = 0; k < n; k++)
        count[(k + unit) % T]++;
    for (size_t k = 0; k < n; k++) {
        size_t j = (k + unit) % T, q = seen[j]++;
        int day0 = (int)((q * 7 / count[j] + 3 * unit) % 7);
        for (int t = 0; t < d; t++)
            add_shift(&o[k], ((day0 + t) % 7) * 24 + start_h[j], 8);
    }
}

/* Forecast calls per hour of the week for beats[0 .. nb-1], up to a
 * constant factor; profiles normalised to mean 1. */
static void unit_demand(const scenario *s, const city *c, const size_t *beats,
                        size_t nb, double demand[HOURS_WEEK])
{
    for (int h = 0; h < HOURS_WEEK; h++)
        demand[h] = 0;
    for (int k = 0; k < s->ntypes; k++) {
        const incident_type *t = &s->types[k];
        double a = 0, hm = 0, dm = 0;
        for (size_t i = 0; i < nb; i++)
            a += t->rate_per_1000_year * c->beats[beats[i]].residents *
                 t->land_mult[c->beats[beats[i]].land];
        for (int h = 0; h < 24; h++)
            hm += t->hour_profile[h] / 24;
        for (int dd = 0; dd < 7; dd++)
            dm += t->dow_profile[dd] / 7;
        if (!(a > 0) || !(hm > 0) || !(dm > 0))
            continue;
        for (int h = 0; h < HOURS_WEEK; h++)
            demand[h] += a * t->hour_profile[h % 24] / hm * t->dow_profile[h / 24] / dm;
    }
}

/* Flexible plan for the n officers of a unit: d shifts of 8 h each,
 * placed greedily (see the top of the file) against a target strength
 * proportional to the unit's forecast calls. */
static void flexible_plan(roster_officer *o, size_t n, int d,
                          const double demand[HOURS_WEEK], const double *base)
{
    double sum = 0, target[HOURS_WEEK], t8[HOURS_WEEK];
    double c8[HOURS_WEEK] = {0}; /* officers on duty summed over each window */
    double hours = (double)n * d * 8;
    for (int h = 0; h < HOURS_WEEK; h++) {
        sum += demand[h];
        hours += base ? base[h] : 0;
    }
    /* The officers already on duty (other groups of the station) count
       towards the target: the total strength, not this group's alone,
       follows the demand. */
    for (int h = 0; base && h < HOURS_WEEK; h++)
        for (int i = 0; i < 8; i++)
            c8[(h - i + HOURS_WEEK) % HOURS_WEEK] += base[h];
    for (int h = 0; h < HOURS_WEEK; h++)
        target[h] = sum > 0 ? demand[h] / sum * hours : hours / HOURS_WEEK;
    for (int h = 0; h < HOURS_WEEK; h++) {
        t8[h] = 0;
        for (int i = 0; i < 8; i++)
            t8[h] += target[(h + i) % HOURS_WEEK];
    }
    for (size_t k = 0; k < n; k++) {
        /* forbidden[s]: a shift at s would overlap a placed one or leave
           less than 8 h of rest next to it */
        unsigned char forbidden[HOURS_WEEK] = {0};
        for (int t = 0; t < d; t++) {
            int best = -1;
            double best_score = 0;
            for (int h = 0; h < HOURS_WEEK; h++) {
                if (forbidden[h])
                    continue;
                double score = t8[h] - (double)c8[h];
                if (best < 0 || score > best_score) {
                    best = h;
                    best_score = score;
                }
            }
            if (best < 0)
                break;
            add_shift(&o[k], best, 8);
            for (int dlt = -15; dlt <= 15; dlt++)
                forbidden[(best + dlt + HOURS_WEEK) % HOURS_WEEK] = 1;
            for (int dlt = -7; dlt <= 7; dlt++)
                c8[(best + dlt + HOURS_WEEK) % HOURS_WEEK] += 8 - abs(dlt);
        }
    }
}

/* Gives the n officers o[0 .. n-1] of one unit of group gr their shifts;
 * beats[0 .. nb-1] are the unit's beats (for the flexible plan). */
static void unit_shifts(const scenario *s, const city *c, const officer_group *gr,
                        roster_officer *o, size_t n, const size_t *beats, size_t nb,
                        size_t unit, const double *base)
{
    static const int start_3x8[] = {0, 8, 16};
    static const int start_staggered[] = {0, 8, 11, 16, 18};
    int d = days_worked(gr->hours_per_week);
    double demand[HOURS_WEEK];
    switch (gr->shifts) {
    case SHIFT_FIXED_3X8:
        fixed_plan(o, n, start_3x8, 3, d, unit);
        break;
    case SHIFT_STAGGERED:
        fixed_plan(o, n, start_staggered, 5, d, unit);
        break;
    case SHIFT_DAY_ONLY:
        for (size_t k = 0; k < n; k++)
            for (int day = 0; day < 5; day++)
                add_shift(&o[k], day * 24 + 8, 9);
        break;
    case SHIFT_FLEXIBLE:
        unit_demand(s, c, beats, nb, demand);
        flexible_plan(o, n, d, demand, base);
        break;
    case SHIFT_CONTINUOUS:
        for (size_t k = 0; k < n; k++)
            o[k].continuous = 1;
        break;
    case SHIFT_CROSS: /* 12-20, Mon-Fri or Wed-Sun by unit and officer */
        for (size_t k = 0; k < n; k++)
            for (int day = 0; day < 5; day++)
                add_shift(&o[k], ((day + ((unit + k) % 2 ? 2 : 0)) % 7) * 24 + 12, 8);
        break;
    case SHIFT_ROTATION: { /* teams: a 24 h duty, office days before the next */
        int N = gr->rotation_days, office = gr->rotation_office_days;
        for (size_t k = 0; k < n; k++) {
            int team = (int)((k + unit) % (size_t)N);
            o[k].period_min = N * 1440.0;
            add_shift(&o[k], team * 24 + 8, 24);
            for (int day = N - office; day < N; day++)
                add_shift(&o[k], ((team + day) % N) * 24 + 8, 9);
        }
        break;
    }
    }
    for (size_t k = 0; k < n; k++)
        if (o[k].nshifts <= ROSTER_SHIFTS_MAX)
            qsort(o[k].shifts, (size_t)o[k].nshifts, sizeof o[k].shifts[0], cmp_shift);
}

/* ---- building the roster --------------------------------------------------------------------- */

void roster_free(roster *r)
{
    if (!r)
        return;
    free(r->officers);
    free(r->beat_first);
    free(r->beat_officers);
    free(r->station_first);
    free(r->station_officers);
    memset(r, 0, sizeof *r);
}

/* Shifts of the n posts of plan row `row`: post k is on duty in the
 * hours of the week whose cell plans more than k officers, one shift per
 * run of such hours (a run may wrap past Sunday midnight). */
static void plan_shifts(const staffing_params *p, long row, roster_officer *o, size_t n)
{
    size_t cells = (size_t)staffing_cells(p);
    const int *on = p->plan_on_duty + (size_t)row * cells;
    for (size_t k = 0; k < n; k++) {
        int up[HOURS_WEEK], all = 1, off = -1;
        for (int h = 0; h < HOURS_WEEK; h++) {
            up[h] = on[staffing_cell_of_hour(p, h)] > (int)k;
            all &= up[h];
            if (!up[h] && off < 0)
                off = h;
        }
        if (all) {
            o[k].continuous = 1;
            continue;
        }
        for (int i = 1; i <= HOURS_WEEK; i++) { /* from the first hour off */
            int h = (off + i) % HOURS_WEEK;
            if (up[h] && !up[(h + HOURS_WEEK - 1) % HOURS_WEEK]) {
                int len = 0;
                while (up[(h + len) % HOURS_WEEK])
                    len++;
                add_shift(&o[k], h, len);
            }
        }
        qsort(o[k].shifts, (size_t)(o[k].nshifts < ROSTER_SHIFTS_MAX ? o[k].nshifts
                                                                     : ROSTER_SHIFTS_MAX),
              sizeof o[k].shifts[0], cmp_shift);
    }
}

/* Fills the officers of one unit of group g: n officers of station j
 * (beat b, or -1 for station officers) starting at o[0]. */
static void fill_unit(const scenario *s, const city *c, int g, size_t j, int b,
                      roster_officer *o, size_t n, const double *base)
{
    const officer_group *gr = &s->groups[g];
    const city_station *st = &c->stations[j];
    if (n == 0)
        return;
    for (size_t k = 0; k < n; k++) {
        roster_officer *x = &o[k];
        memset(x, 0, sizeof *x);
        x->group = g;
        x->period_min = ROSTER_WEEK_MIN;
        x->station = (int)j;
        x->beat = b;
        if (b >= 0 && gr->base == BASE_OFFICE) {
            x->base_x = c->beats[b].x;
            x->base_y = c->beats[b].y;
            x->base_beat = b;
        } else {
            x->base_x = st->x;
            x->base_y = st->y;
            x->base_beat = st->beat;
        }
    }
    if (gr->rule == STAFF_PLAN) {
        plan_shifts(&s->staffing, plan_row(s, st->id), o, n);
    } else if (b >= 0) {
        size_t one = (size_t)b;
        unit_shifts(s, c, gr, o, n, &one, 1, one, NULL);
    } else {
        unit_shifts(s, c, gr, o, n, c->beat_index + st->first_beat, st->nbeats, j, base);
    }
}

/* Adds the on-duty hours of the week of officers o[0 .. n-1] to cov. */
static void add_coverage(const roster_officer *o, size_t n, double cov[HOURS_WEEK])
{
    for (size_t k = 0; k < n; k++) {
        if (o[k].continuous) {
            for (int h = 0; h < HOURS_WEEK; h++)
                cov[h] += 1;
            continue;
        }
        if (o[k].period_min != ROSTER_WEEK_MIN) { /* another cycle: its mean */
            double on = 0;
            for (int i = 0; i < o[k].nshifts && i < ROSTER_SHIFTS_MAX; i++)
                on += o[k].shifts[i].len_min;
            for (int h = 0; h < HOURS_WEEK; h++)
                cov[h] += on / o[k].period_min;
            continue;
        }
        for (int i = 0; i < o[k].nshifts && i < ROSTER_SHIFTS_MAX; i++) {
            int h0 = (int)(o[k].shifts[i].start_min / 60), len = (int)(o[k].shifts[i].len_min / 60);
            for (int t = 0; t < len; t++)
                cov[(h0 + t) % HOURS_WEEK] += 1;
        }
    }
}

/* Auxiliary police with crew_with = G take the shift patterns of G's
 * officers of their station (or beat; the two groups share a role): the
 * k-th of a unit that of the (k mod n)-th of G's n there (see the top of
 * roster.h). first[u], count[u]: G's officers of unit u, a run of the
 * array (officers are grouped by group, station, beat). O(officers +
 * units) per group. Returns 0 or -1 (out of memory). */
static int copy_crew_shifts(roster *r, const scenario *s, const city *c)
{
    for (int g = 0; g < s->ngroups; g++) {
        const officer_group *gr = &s->groups[g];
        if (!gr->auxiliary || !gr->crew_with[0])
            continue;
        int G = 0;
        while (G < s->ngroups && strncmp(s->groups[G].name, gr->crew_with, SCENARIO_NAME_MAX))
            G++;
        if (G == s->ngroups)
            continue;
        int beat_role = gr->role == ROLE_BEAT;
        size_t nu = beat_role ? c->nbeats : c->nstations;
        size_t *first = calloc(nu ? nu : 1, sizeof *first), *count = calloc(nu ? nu : 1, sizeof *count);
        size_t *seen = calloc(nu ? nu : 1, sizeof *seen);
        if (!first || !count || !seen) {
            free(first);
            free(count);
            free(seen);
            return -1;
        }
        for (size_t j = 0; j < r->n; j++) {
            const roster_officer *q = &r->officers[j];
            size_t u = beat_role ? (size_t)q->beat : (size_t)q->station;
            if (q->group == G && count[u]++ == 0)
                first[u] = j;
        }
        for (size_t i = 0; i < r->n; i++) {
            roster_officer *o = &r->officers[i];
            size_t u = beat_role ? (size_t)o->beat : (size_t)o->station;
            if (o->group != g || count[u] == 0)
                continue;
            const roster_officer *q = &r->officers[first[u] + seen[u]++ % count[u]];
            o->period_min = q->period_min;
            o->continuous = q->continuous;
            o->nshifts = q->nshifts;
            memcpy(o->shifts, q->shifts, sizeof o->shifts);
        }
        free(first);
        free(count);
        free(seen);
    }
    return 0;
}

/* Builds the two CSR indexes of r (officers must be filled). */
static int build_index(roster *r, const city *c)
{
    size_t B = c->nbeats, S = c->nstations, nbo = 0;
    r->beat_first = calloc(B + 1, sizeof *r->beat_first);
    r->station_first = calloc(S + 1, sizeof *r->station_first);
    for (size_t i = 0; i < r->n; i++)
        nbo += r->officers[i].beat >= 0;
    r->beat_officers = malloc((nbo ? nbo : 1) * sizeof *r->beat_officers);
    r->station_officers = malloc((r->n ? r->n : 1) * sizeof *r->station_officers);
    if (!r->beat_first || !r->station_first || !r->beat_officers ||
        !r->station_officers)
        return -1;
    for (size_t i = 0; i < r->n; i++) {
        if (r->officers[i].beat >= 0)
            r->beat_first[r->officers[i].beat + 1]++;
        r->station_first[r->officers[i].station + 1]++;
    }
    for (size_t b = 0; b < B; b++)
        r->beat_first[b + 1] += r->beat_first[b];
    for (size_t j = 0; j < S; j++)
        r->station_first[j + 1] += r->station_first[j];
    size_t *bfill = calloc(B + 1, sizeof *bfill), *sfill = calloc(S + 1, sizeof *sfill);
    if (!bfill || !sfill) {
        free(bfill);
        free(sfill);
        return -1;
    }
    for (size_t i = 0; i < r->n; i++) {
        const roster_officer *o = &r->officers[i];
        if (o->beat >= 0)
            r->beat_officers[r->beat_first[o->beat] + bfill[o->beat]++] = i;
        r->station_officers[r->station_first[o->station] + sfill[o->station]++] = i;
    }
    free(bfill);
    free(sfill);
    return 0;
}

int roster_build(roster *r, const scenario *s, const city *c, FILE *err)
{
    memset(r, 0, sizeof *r);
    int ng = s->ngroups;
    size_t S = c->nstations, B = c->nbeats;
    long *cnt[SCENARIO_GROUPS_MAX] = {0};
    double *work = NULL;
    double (*cov)[HOURS_WEEK] = NULL; /* on duty per hour of the week, by station */
    int rc = -1, problems = 0;

    for (int g = 0; g < ng; g++)
        problems += check_group(s, c, g, err);
    if (problems > 0)
        return -1;
    for (int g = 0; g < ng; g++)
        if (s->groups[g].rule == STAFF_COUNT && s->groups[g].allocation == ALLOC_WORKLOAD)
            work = work ? work : malloc((B ? B : 1) * sizeof *work);
    if (work)
        for (size_t b = 0; b < B; b++)
            work[b] = roster_beat_workload_min(s, &c->beats[b]);

    /* pass 1: counts */
    size_t total = 0;
    for (int g = 0; g < ng; g++) {
        size_t n = s->groups[g].role == ROLE_BEAT ? B : S;
        cnt[g] = calloc(n ? n : 1, sizeof *cnt[g]);
        if (!cnt[g] || (s->groups[g].rule == STAFF_COUNT &&
                        s->groups[g].allocation == ALLOC_WORKLOAD && !work)) {
            scenario_error(err, s->source, s->groups[g].line, "officers.[%d]: out of memory", g);
            goto done;
        }
        if (staff_group(s, c, g, work, cnt[g], err) != 0)
            goto done;
        for (size_t i = 0; i < n; i++)
            total += (size_t)cnt[g][i];
        if (total > (size_t)MAX_OFFICERS) {
            scenario_error(err, s->source, s->groups[g].line,
                   "officers.[%d]: expected at most %ld officers in all, found %zu",
                   g, MAX_OFFICERS, total);
            goto done;
        }
    }

    /* pass 2: officers, by group, station, beat */
    r->officers = malloc((total ? total : 1) * sizeof *r->officers);
    if (!r->officers) {
        scenario_error(err, s->source, 0, "officers: out of memory");
        goto done;
    }
    r->n = total;
    /* Groups on flexible shifts are placed last, station by station,
       against what the station's other officers already cover (cov). */
    cov = calloc(S ? S : 1, sizeof *cov);
    if (!cov) {
        scenario_error(err, s->source, 0, "officers: out of memory");
        goto done;
    }
    for (int flex = 0; flex < 2; flex++) {
        size_t at = 0;
        for (int g = 0; g < ng; g++) {
            int mine = (s->groups[g].shifts == SHIFT_FLEXIBLE) == flex;
            for (size_t j = 0; j < S; j++) {
                const city_station *st = &c->stations[j];
                if (s->groups[g].role != ROLE_BEAT) {
                    size_t n = (size_t)cnt[g][j];
                    if (mine) {
                        fill_unit(s, c, g, j, -1, r->officers + at, n, cov[j]);
                        add_coverage(r->officers + at, n, cov[j]);
                    }
                    at += n;
                    continue;
                }
                for (size_t k = 0; k < st->nbeats; k++) {
                    size_t b = c->beat_index[st->first_beat + k], n = (size_t)cnt[g][b];
                    if (mine) {
                        fill_unit(s, c, g, j, (int)b, r->officers + at, n, NULL);
                        add_coverage(r->officers + at, n, cov[j]);
                    }
                    at += n;
                }
            }
        }
    }
    if (copy_crew_shifts(r, s, c) != 0) {
        scenario_error(err, s->source, 0, "officers: out of memory");
        goto done;
    }
    for (int g = 0; g < ng; g++)
        r->plan[g] = roster_group_plan(&s->groups[g]);
    for (size_t i = 0; i < r->n; i++)
        r->nsworn += !s->groups[r->officers[i].group].auxiliary;
    for (size_t i = 0; i < r->n; i++)
        if (r->officers[i].nshifts > ROSTER_SHIFTS_MAX) {
            int g = r->officers[i].group;
            scenario_error(err, s->source, s->groups[g].line,
                   "officers.[%d].shifts: expected at most %d shifts a week, found %d",
                   g, ROSTER_SHIFTS_MAX, r->officers[i].nshifts);
            goto done;
        }
    if (build_index(r, c) != 0) {
        scenario_error(err, s->source, 0, "officers: out of memory");
        goto done;
    }
    rc = 0;
done:
    for (int g = 0; g < ng; g++)
        free(cnt[g]);
    free(work);
    free(cov);
    if (rc != 0)
        roster_free(r);
    return rc;
}

/* ---- duty queries ------------------------------------------------------------------------------ */

int roster_on_duty(const roster_officer *o, double t)
{
    if (o->continuous)
        return 1;
    double P = o->period_min > 0 ? o->period_min : ROSTER_WEEK_MIN, w = fmod(t, P);
    if (w < 0)
        w += P;
    for (int i = 0; i < o->nshifts; i++) {
        double a = o->shifts[i].start_min, e = a + o->shifts[i].len_min;
        if ((a <= w && w < e) || w + P < e)
            return 1;
    }
    return 0;
}

double roster_next_start(const roster_officer *o, double t, double *len)
{
    double best = INFINITY, best_len = 0;
    if (!o->continuous)
        for (int i = 0; i < o->nshifts; i++) {
            double a = o->shifts[i].start_min;
            double P = o->period_min > 0 ? o->period_min : ROSTER_WEEK_MIN;
            double T = a + P * (floor((t - a) / P) + 1);
            /* guard the floor against rounding either way */
            if (T <= t)
                T += P;
            else if (T - P > t)
                T -= P;
            if (T < best) {
                best = T;
                best_len = o->shifts[i].len_min;
            }
        }
    if (len)
        *len = isinf(best) ? 0 : best_len;
    return best;
}
