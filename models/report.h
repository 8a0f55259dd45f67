/* report.h - what a run leaves behind: the summary table on the terminal
 * and the results folder of CSV files.
 *
 * A results folder is written under a temporary name beside its final
 * name and renamed into place only when every file is complete, so a
 * folder with the final name is always whole. Files, columns and metric
 * names are described in docs/outputs.md.
 */
#ifndef REPORT_H
#define REPORT_H

#include "causes.h"
#include "experiment.h"

#include <stddef.h>
#include <stdio.h>

typedef struct report_run {
    const experiment *x;      /* the experiment, fully run (borrowed) */
    const char *command_line; /* as typed, for the manifest */
    const char *started;      /* start and end time, for the manifest */
    const char *finished;
    unsigned jobs;            /* threads used (does not change results) */
    int plots;                /* 1: draw the figures with gnuplot */
    const volatile sig_atomic_t *stop; /* non-zero: stop writing (Ctrl-C),
                                          or NULL */
    const cause_step *causes; /* run --causes: the ladder of the baseline
                                 (CAUSES + 1 steps, causes.h) for
                                 causes.csv, or NULL */
    int hypercube;            /* run --hypercube: write hypercube.csv */
} report_run;

/* Prints the readable summary to f: with one variant, every measure's
 * mean (and 95 % Student-t interval with two or more replications); with
 * several, the main measures per variant with the paired difference from
 * the baseline. */
void report_summary(FILE *f, const report_run *run);

/* Whether results may be written to `dir`, before anything runs: it does
 * not exist, or `force` is set and it is a results folder this program
 * wrote (a folder whose manifest lists the files beatsim wrote; anything
 * else is never replaced); and a folder can be made there and written
 * (its missing parents are created to find out). Temporary folders
 * DIR.tmp.PID of runs that were killed are removed, and DIR.old.PID ones
 * (which may hold the user's files) named, with a line to err each.
 * Returns 0, or 2 after a message to err. */
int report_check_out(const char *dir, int force, FILE *err);

/* s as a gnuplot string in single quotes (never expanded), control
 * characters as spaces; and as a string of a gnuplot data file (double
 * quotes, a " inside as '). For plotdata/ files. */
void report_gstr(FILE *f, const char *s);
void report_gdstr(FILE *f, const char *s);

/* Writes a results folder `dir` whole or not at all: checks it as
 * report_check_out does, has fill() write the files into a temporary
 * folder DIR.tmp.PID (fill writes "manifest" with its first lines and
 * returns 0, or 1 after a message to err), lists every file in the
 * manifest and renames the folder into place, replacing an older results
 * folder only with force (keeping what beatsim did not write). Returns 0;
 * 2 for a folder that may not be written; 130 when *stop was set (nothing
 * kept); 1 on other failures (nothing kept). */
int report_folder_write(const char *dir, int force, int (*fill)(const char *tmp, const void *ctx,
                                                                 FILE *err),
                        const void *ctx, const volatile sig_atomic_t *stop, FILE *err);

/* The per-call log's spool folder of results folder `dir`: makes the
 * temporary folder DIR.tmp.PID that report_folder_write later fills (it
 * must not exist yet: call after report_check_out) and in it ".calls",
 * whose path goes to spool[0 .. n). The runs write their spool files
 * there (calllog.h) and report_write joins them into calls.csv and
 * removes the folder. Returns 0, or 1 after a message to err. */
int report_spool_make(const char *dir, char *spool, size_t n, FILE *err);

/* Removes DIR.tmp.PID with everything in it: for a run that failed or
 * was stopped after report_spool_make. */
void report_spool_remove(const char *dir);

/* After `beatsim plot DIR`: adds report.html and the figures to the list
 * of files in DIR's manifest. Returns 0, or -1 after a message. */
int report_manifest_update(const char *dir, FILE *err);

/* Writes summary.csv, differences.csv, replications.csv, by_hour.csv,
 * by_beat.csv, by_officer.csv, daily.csv, scorecard.csv, scorecard_beats.csv
 * (the scorecard per station and beat, with the incidents prevented when
 * the experiment ran counterfactuals), resolved.cfg, manifest, plotdata/
 * (the figures' inputs), figures/ (when run->plots and gnuplot is
 * installed) and report.html into `dir`, through a temporary folder
 * renamed at the end. An existing `dir` is replaced only when `force` is
 * set; then the files the old folder's manifest lists are deleted and
 * everything else in it (the user's files, in it or in plotdata/ and
 * figures/) is moved into the new folder, or, where a new file has its
 * name, left in DIR.old.PID with a warning. The new manifest ends with a
 * line "file NAME" per file written. Returns 0, 2 if `dir` exists and
 * force is not set or it is not a results folder (nothing written), or 1
 * on an I/O failure (then nothing is left under either name); a message
 * naming the path goes to err. */
int report_write(const char *dir, int force, const report_run *run, FILE *err);

/* Writes dir/report.html (through a temporary name) from the files of the
 * results folder dir: manifest, summary.csv, differences.csv,
 * plotdata/about.txt and facts.txt, and the figures' SVG files inlined,
 * so the page is one self-contained file. Returns 0, or -1 after a
 * message to err. */
int report_html(const char *dir, FILE *err);

/* 64-bit FNV-1a hash of a byte string (the scenario hash of a manifest). */
unsigned long long report_hash(const void *data, size_t n);

#endif /* REPORT_H */
