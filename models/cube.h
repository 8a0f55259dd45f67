/* cube.h - Larson's hypercube model (hypercube.h) of a scenario's own
 * stations, per station and staffing cell (beatsim analytic --hypercube):
 * who answers which beat's calls, and how unequal the units' workloads
 * are, where Erlang C (analytic.h) sees only a pool of identical servers.
 *
 * The model of station j in cell k:
 *   - units: the station's officers on duty in the cell, absences allowed
 *     for (as analytic.h counts them: the planned group and the station's
 *     other groups, auxiliaries and the patrol tier left out), grouped by
 *     their base (the station, or a beat officer's beat office) and, per
 *     base, the mean on-duty units rounded to the nearest whole number
 *     (the model needs whole units);
 *   - atoms: the station's beats, each with its share of the station's
 *     car calls (analytic_demand.beat_share) of the cell's rate;
 *   - preferences: the scenario's dispatch policy with every unit at its
 *     base: beat_first, the beat's own beat officers, then the station's
 *     other units by distance from their base to the beat's centre (the
 *     right-angle or straight-line metric of dispatch.euclidean); nearest,
 *     every unit by that distance; ties by the units' order (station
 *     units first, then beat officers by beat);
 *   - service: exponential with the cell's mean work per call (Erlang C's,
 *     travel included), the same for every unit; no help across stations.
 * P(wait) is then Erlang C's exactly (the number busy is the same
 * birth-death chain); what the model adds is each unit's workload and the
 * share of calls answered by other than the first preference.
 */
#ifndef CUBE_H
#define CUBE_H

#include "analytic.h"
#include "city.h"
#include "roster.h"
#include "scenario.h"

#define CUBE_UNITS_DEFAULT 12 /* largest station solved unless told */

typedef enum cube_status {
    CUBE_SOLVED = 0,
    CUBE_NO_UNITS,   /* no unit on duty (rounded) */
    CUBE_NO_CALLS,   /* no car calls */
    CUBE_TOO_MANY,   /* more units than the limit */
    CUBE_UNSTABLE,   /* more work than units */
    CUBE_FAILED      /* the sweeps did not converge */
} cube_status;

extern const char *const cube_status_names[]; /* "solved", "no_units", ... */

/* One station and cell. */
typedef struct cube_cell {
    cube_status status;
    int units, beat_units;  /* units; of them, beat officers */
    double p_wait;          /* share of calls finding every unit busy */
    double cross;           /* share of calls answered by a unit of another
                               base than the first preference's (units of
                               one base are interchangeable) */
    double own_beat;        /* share of the calls of beats with a beat
                               officer answered by one of that beat's
                               (NAN: no beat officer on duty) */
    double load_min, load_max; /* smallest and largest workload of a
                                  base (its units' mean: units of one base
                                  are interchangeable) */
    double load_station, load_beat; /* mean workload of the station-based
                                       units, of the beat officers (NAN:
                                       none) */
} cube_cell;

/* Solves every station and cell of scenario *s on city *c with roster *r
 * and its Erlang C demand *d, stations with at most max_units units;
 * out[j * ncells + k]. Returns 0, or -1 when memory is exhausted. */
int cube_solve(const scenario *s, const city *c, const roster *r, const analytic_demand *d,
               int max_units, cube_cell *out);

#endif /* CUBE_H */
