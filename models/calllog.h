/* calllog.h - the per-call log (calls.csv): one row per observed call,
 * written as the call closes, so memory does not grow with calls.
 *
 * A run writes its rows to a file of its own (a spool file, one per
 * variant and replication, in the results folder's temporary folder);
 * when every run is done calllog_concat joins them, in (variant,
 * replication) order, under one header into calls.csv, so the bytes do
 * not depend on the thread count. Columns and their meaning:
 * docs/outputs.md "calls.csv".
 */
#ifndef CALLLOG_H
#define CALLLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The header line of calls.csv (with its '\n'). */
extern const char calllog_header[];

/* One call as it ended. Times in minutes of run time (t = 0 is Monday
 * 00:00 at the start of the warm-up); NAN for what did not happen. */
typedef struct calllog_row {
    uint64_t call;        /* 1, 2, ...: the observed calls of the run in
                             order of arrival */
    double time;          /* arrival of the call */
    const char *type;     /* incident type's name (borrowed) */
    int priority;         /* 1 .. 3 */
    const char *beat;     /* beat id (borrowed) */
    const char *station;  /* station id (borrowed) */
    double x, y;          /* place, km */
    double queued;        /* when it went to wait for a first unit (its
                             arrival time), NAN when a unit was sent at once
                             or no car was needed */
    double dispatched;    /* first unit sent */
    double arrived;       /* first unit at the scene */
    double cleared;       /* last unit left the scene */
    long units[2];        /* officer ids (roster index) of the units that
                             reached the scene, in order of arrival */
    int nunits;           /* 0 .. 2 */
    int first_kind;       /* FIRST_* of world.h of the first unit sent, or
                             -1 when none was sent */
} calllog_row;

/* A run's log: the spool file and the labels of its rows. */
typedef struct calllog {
    FILE *f;              /* the spool file (owned between open and close) */
    const char *variant;  /* variant name (borrowed, valid until close) */
    uint64_t rep;         /* replication */
    int failed;           /* 1 after a write error */
} calllog;

/* Opens the spool file `path` for writing (truncates). Returns 0, or -1
 * with errno set (then *log holds nothing). */
int calllog_open(calllog *log, const char *path, const char *variant, uint64_t rep);

/* Writes one row (CSV: variant quoted, names quoted when they need it,
 * times %.6f, '\n' line end). A write error is kept in log->failed. */
void calllog_write(calllog *log, const calllog_row *r);

/* Closes the spool file. Returns 0, or -1 when a write failed or closing
 * did (errno set). NULL-safe; *log holds nothing afterwards. */
int calllog_close(calllog *log);

/* The path of the spool file of run (v, rep) in folder dir into
 * buf[0 .. n). Returns 0, or -1 when it does not fit. */
int calllog_spool_path(char *buf, size_t n, const char *dir, size_t v, size_t rep);

/* Writes `out` (through out + ".tmp", renamed when whole): the header,
 * then the spool files of runs (v, rep) for v < nvar, rep < nrep of
 * folder dir in that order, each removed once copied. Returns 0, or -1
 * with errno set (then out is not written). */
int calllog_concat(const char *out, const char *dir, size_t nvar, size_t nrep);

#endif /* CALLLOG_H */
