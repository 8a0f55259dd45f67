/* roster.h - who the officers are and when they work: staffing rules and
 * shift plans.
 *
 * Staffing (per officer group, see scenario.h):
 *   count          `count` officers split across stations (station role)
 *                  or beats (beat role) in proportion to residents,
 *                  expected workload or equally, by the largest-remainder
 *                  method (Hamilton); with min_per_station = m every
 *                  station first gets m (beat role: spread over its beats,
 *                  most residents first) and the rest is split -- the
 *                  total is fixed;
 *   per_residents  station role: round(station residents / per) per
 *   per_households station; beat role: round(beat residents / per) per
 *                  beat, at least 1;
 *   per_beat       k officers in every beat (beat role);
 *   on_duty        ceil(on_duty x relief) per station (per beat for beat
 *                  role), where relief = covered / (worked x (1 - a)):
 *                  the hours a week the plan covers, the duty hours a week
 *                  of one officer under it, and the share of shifts lost
 *                  to absence (roster_group_plan);
 *   plan           staffing.plan gives the officers present per station
 *                  and hour block (cell, scenario.h); the roster holds
 *                  one officer per post: post k of a station is on duty
 *                  in the hours whose cell plans more than k, as one
 *                  shift per run of such hours (all week: continuous),
 *                  the group's shift plan unused, no absences drawn; the
 *                  headcount that staffs it is the officer-hours a week
 *                  / (hours_per_week x (1 - a)) (staff.h);
 * with the ratio and per-beat rules, stations below min_per_station are
 * then raised to it (beat role: extra officers to the beats with most
 * residents per officer) and the total grows.
 * Workload of a beat = sum over incident types of expected calls per week
 * x (units x mean on-scene time + follow-up time), travel excluded.
 *
 * Roles duty and patrol are placed like station officers (per station, at
 * the station building); what sets them apart is what they do (world).
 *
 * Shift plans give every officer a pattern of on-duty intervals over a
 * cycle (minutes from Monday 00:00 of the first week, repeated every
 * cycle: a week, or rotation_days days for the rotation plan; an interval
 * may run past the end of the cycle and then wraps). Officers are grouped into units
 * (all officers of one group in one station, or in one beat for beat
 * officers) and patterned within the unit:
 *   fixed_3x8   shifts 00-08, 08-16, 16-24; officer k of a unit of n takes
 *               shift k mod 3 and works d = round(hours_per_week / 8)
 *               consecutive days (at most 7), the start day spread evenly
 *               over the officers on the same shift;
 *   day_only    08-17 on Monday .. Friday (hours_per_week is ignored);
 *   staggered   five overlapping 8 h shifts 00-08, 08-16, 11-19, 16-24,
 *               18-02, assigned as fixed_3x8 does (more officers at
 *               11-19 and 18-24);
 *   flexible    d shifts of 8 h per officer, placed greedily officer by
 *               officer at the start hour that most reduces the squared
 *               shortfall against a target on-duty strength per hour of
 *               the week proportional to the unit's forecast calls, with
 *               at least 8 h rest between one officer's shifts. For
 *               station officers the target is the station's TOTAL
 *               strength: the officers of the station's other groups
 *               (placed first, flexible groups last) count towards it,
 *               so the flexible group fills what they leave (nights and
 *               weekends around beat officers' office hours);
 *   continuous  on duty all the time (no shifts, no overtime);
 *   cross       staggered cross shifts of community officers: 12-20 on
 *               five days, Monday-Friday for officers whose (unit + k)
 *               is even, Wednesday-Sunday for the others;
 *   rotation    a cycle of N = rotation_days days: officer k is in team
 *               t = (k + unit) mod N, on a 24-hour duty from 08:00 on day
 *               t of each cycle, and on 08:00-17:00 office days the last
 *               rotation_office_days days of its cycle (counted from its
 *               duty day; the day after a duty is a rest day unless the
 *               office days fill the cycle).
 * Auxiliary police with crew_with = G take, officer by officer, the shift
 * pattern of G's officers of the same station (or beat): the k-th of a
 * unit that of the (k mod n)-th of G's n there, so they come on duty
 * together and can ride in one unit (world). Without G's officers in the
 * unit they keep their own plan.
 *
 * Absences: each shift of an officer of group g is lost with probability
 * a_g = min(1, 8 h x sum(absence_days) / duty hours a year), a working day
 * counting 8 hours (continuous officers: never).
 */
#ifndef ROSTER_H
#define ROSTER_H

#include "city.h"
#include "scenario.h"

#include <stddef.h>
#include <stdio.h>

#define ROSTER_WEEK_MIN 10080.0 /* minutes in a week */
#define ROSTER_SHIFTS_MAX 24    /* on-duty intervals per officer per week (a
                                   staffing plan of six blocks a day needs
                                   up to 21) */

typedef struct roster_shift {
    double start_min; /* minute of the week, [0, ROSTER_WEEK_MIN) */
    double len_min;   /* length, minutes (> 0) */
} roster_shift;

typedef struct roster_officer {
    int group;            /* index into scenario.groups */
    double period_min;    /* length of the shift cycle (ROSTER_WEEK_MIN, or
                             rotation_days days; 0 is taken as a week) */
    int station;          /* index into city.stations */
    int beat;             /* index into city.beats, or -1 (station role) */
    double base_x, base_y;/* where the officer starts and returns, km */
    int base_beat;        /* the beat the base lies in */
    int continuous;       /* 1: always on duty (shifts unused) */
    int nshifts;          /* weekly shifts, sorted by start */
    roster_shift shifts[ROSTER_SHIFTS_MAX];
} roster_officer;

/* What a group's plan means for staffing (roster_group_plan). */
typedef struct roster_plan {
    double covered_h;   /* hours a week the plan covers */
    double worked_h;    /* duty hours a week of one officer that cover them */
    double duty_h;      /* all duty hours a week of one officer (rotation:
                           office days too) */
    double absent;      /* share of shifts lost to absence, a_g */
    double relief;      /* headcount per on-duty post: covered / (worked x
                           (1 - absent)); INFINITY when absent is 1 */
    double missed;      /* share of shifts the run drops for absence: absent,
                           but 0 under rule plan, whose numbers are officers
                           present (the headcount covers the absences) */
} roster_plan;

typedef struct roster {
    roster_officer *officers; /* grouped by group, then station, then beat */
    size_t n;                 /* people: officers and auxiliary police */
    size_t nsworn;            /* of them, sworn officers */
    roster_plan plan[SCENARIO_GROUPS_MAX]; /* per group */
    size_t *beat_first;       /* beat officers of beat b:                 */
    size_t *beat_officers;    /* beat_officers[beat_first[b] .. beat_first[b+1]) */
    size_t *station_first;    /* all officers of station s:               */
    size_t *station_officers; /* station_officers[station_first[s] ..
                                 station_first[s+1]) */
} roster;

/* The plan of group g (see roster_plan). */
roster_plan roster_group_plan(const officer_group *g);

/* Expected calls per week in beat b, summed over the incident types. */
double roster_beat_calls_per_week(const scenario *s, const city_beat *b);

/* Expected officer-minutes of call work per week in beat b (see above). */
double roster_beat_workload_min(const scenario *s, const city_beat *b);

/* Builds the officers of every group of *s over city *c. Returns 0, or -1
 * after writing a message to `err` (a beat-role rule in a city without
 * beats, count below min_per_station x stations, more than
 * ROSTER_SHIFTS_MAX shifts a week ...) or when memory is exhausted; then
 * *r holds nothing. */
int roster_build(roster *r, const scenario *s, const city *c, FILE *err);

void roster_free(roster *r);

/* 1 if the officer is on duty at time t (minutes from the run start, which
 * is a Monday 00:00) by its plan (absences aside), else 0. */
int roster_on_duty(const roster_officer *o, double t);

/* The start of the officer's first on-duty interval that begins after
 * time t (strictly), as an absolute time; +INFINITY for a continuous
 * officer or one with no shifts. If `len` is not NULL the interval's
 * length goes there. */
double roster_next_start(const roster_officer *o, double t, double *len);

#endif /* ROSTER_H */
