/* fit_report.h - what `beatsim fit` writes: the scenario fragment and
 * fit.csv beside it (docs/outputs.md "beatsim fit"). */
#ifndef FIT_REPORT_H
#define FIT_REPORT_H

#include "fit.h"

#include <stdio.h>

#define FIT_SCENE_MEAN_ASSUMED 30.0 /* on-scene mean when the log has none:
                                       assumption (docs/scenarios.md) */
#define FIT_SCENE_SD_ASSUMED 20.0   /* its sd: assumption */

/* Writes the fragment `out_cfg` (incidents.day_factor_variance and
 * incidents.types, the rates per 1000 residents of a city of `residents`)
 * and fit.csv in the same folder, each to a temporary name first and
 * renamed when both are whole. `log_path` is named in the fragment's
 * first comment. Returns 0, or 1 with a message on an I/O failure
 * (nothing left behind). */
int fit_report_write(const fit_result *r, const csvlog *log, const char *log_path,
                     const char *out_cfg, double residents, FILE *err);

/* Prints the summary of the read and the fit to `f`: calls, days, bad
 * rows by reason with their first lines, types. */
void fit_report_summary(const fit_result *r, const csvlog *log, const char *log_path, FILE *f);

#endif
