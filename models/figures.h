/* figures.h - drawing a results folder's figures with gnuplot.
 *
 * The scripts are the files plots/NAME.gp, compiled into the program (the
 * Makefile turns them into build/models/plots_gp.c) so that the program
 * needs no path to find them: plots/common.gp is the prelude fed in front
 * of every other script. Each script reads RESULTS/plotdata/ (written by
 * report_write) and writes RESULTS/figures/NAME.png and NAME.svg. gnuplot
 * runs as an external program, found on the PATH, once per script and
 * format, with the variables dir (the folder) and fmt ("png" or "svg");
 * the same scripts run by hand from the repository root:
 *     gnuplot -e "dir='results/default'; fmt='png'" plots/hour.gp
 */
#ifndef FIGURES_H
#define FIGURES_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

typedef struct figure_script {
    const char *name; /* file name without .gp, e.g. "hour" */
    const char *text; /* the script */
} figure_script;

/* Every plots/NAME.gp, sorted by name (generated). */
extern const figure_script figure_scripts[];
extern const size_t figure_nscripts;

typedef enum figures_status {
    FIGURES_OK = 0,      /* every figure drawn */
    FIGURES_NO_GNUPLOT,  /* gnuplot is not installed: nothing drawn */
    FIGURES_FAILED       /* gnuplot reported a problem (message written) */
} figures_status;

/* Draws every figure of the results folder `dir` (which must hold
 * plotdata/) into dir/figures/, PNG and SVG. Messages (one line when
 * gnuplot is missing; gnuplot's own complaints otherwise) go to err.
 * Stops between figures when *stop (if given) becomes non-zero. */
figures_status figures_draw(const char *dir, const volatile sig_atomic_t *stop, FILE *err);

/* Draws the one figure plots/NAME.gp of `dir` (a figure that is not a
 * run's: staffing, for beatsim staff's folder), as figures_draw does. */
figures_status figures_draw_only(const char *dir, const char *name,
                                 const volatile sig_atomic_t *stop, FILE *err);

#endif /* FIGURES_H */
