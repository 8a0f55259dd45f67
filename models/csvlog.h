/* csvlog.h - reading a call log (CSV, one row per call) for `beatsim fit`.
 *
 * The file is parsed by libcsv (quoted fields, embedded commas and
 * newlines, CRLF); a UTF-8 byte-order mark, or one that was decoded as
 * Latin-1 and re-encoded (bytes c3 af c2 bb c2 bf), is dropped from the
 * first header. The columns the fit uses are named by a map
 * ("time=COL,type=COL,..."; docs/scenarios.md "beatsim fit"); names are
 * matched exactly, then case-insensitively.
 *
 * Times: every row gets `t`, minutes since the Monday 00:00 on or before
 * the log's first day (the model's convention: t = 0 is a Monday 00:00).
 * Calendar timestamps (ISO 8601 or a strptime format) are read as local
 * wall-clock time; a zone offset in the timestamp is applied, and the
 * instant shown in the zone of `tz` (the zone's rules through the C
 * library), only when `tz` is given. Plain numbers are minutes since a
 * Monday 00:00 already (beatsim's own calls.csv).
 *
 * A row that cannot be read is counted under its reason with the first
 * physical line numbers (lines of the file, embedded newlines counted),
 * and skipped; with `strict` the first such row fails the read. */
#ifndef CSVLOG_H
#define CSVLOG_H

#include <stddef.h>
#include <stdio.h>

/* The columns a map can name. */
typedef enum csvlog_col {
    LOGCOL_TIME = 0,   /* time of the call (a timestamp or minutes) */
    LOGCOL_DATE,       /* the date, when the clock time is in another column */
    LOGCOL_CLOCK,      /* the clock time H:MM[:SS] [AM|PM], with LOGCOL_DATE */
    LOGCOL_TYPE,       /* call type (text) */
    LOGCOL_PRIORITY,   /* priority (an integer) */
    LOGCOL_BEAT,       /* beat id (text) */
    LOGCOL_STATION,    /* station id (text) owning the beat */
    LOGCOL_DISPATCHED, /* time a unit was dispatched */
    LOGCOL_ARRIVED,    /* time the first unit arrived */
    LOGCOL_CLEARED,    /* time the call was cleared */
    LOGCOL_REPLICATION,/* beatsim's calls.csv: the replication */
    LOGCOL_VARIANT,    /* beatsim's calls.csv: the variant */
    LOGCOL_N
} csvlog_col;

/* Map keys, indexed by csvlog_col: "time", "date", "clock", ... */
extern const char *const csvlog_col_names[LOGCOL_N];

#define CSVLOG_LINES_SHOWN 5   /* first line numbers kept per bad-row reason */
#define CSVLOG_PRIORITY_MAX 3  /* model priorities 1 .. 3 */

/* Why a row was skipped. */
typedef enum csvlog_reason {
    BAD_FIELDS = 0,  /* fewer fields than the header */
    BAD_TIME,        /* time (or date/clock) missing or not a time */
    BAD_TYPE,        /* call type empty */
    BAD_PRIORITY,    /* priority missing or not an integer >= 1 */
    BAD_BEAT,        /* beat empty */
    BAD_DURATION,    /* dispatched/arrived/cleared present but not a time */
    BAD_NREASONS
} csvlog_reason;

extern const char *const csvlog_reason_names[BAD_NREASONS];

typedef struct csvlog_bad {
    long count;                      /* rows skipped for this reason */
    long lines[CSVLOG_LINES_SHOWN];  /* the first of them, physical lines */
} csvlog_bad;

/* One call as read. */
typedef struct csvlog_row {
    double t;           /* minutes since the origin Monday 00:00 */
    double arrive_min;  /* minutes from dispatched to arrived, or -1 */
    double scene_min;   /* minutes from arrived to cleared, or -1 */
    int type;           /* index into csvlog.types */
    int priority;       /* 1 .. CSVLOG_PRIORITY_MAX */
    int beat;           /* index into csvlog.beats */
    int month;          /* calendar month 0 .. 11, or -1 (numeric times) */
} csvlog_row;

/* What to read and how. All strings borrowed for the call. */
typedef struct csvlog_options {
    const char *map;          /* the --map text, or NULL: beatsim's calls.csv
                                 columns (each used when present) */
    const char *time_format;  /* strptime format of timestamps, or NULL: ISO
                                 8601 or plain minutes */
    const char *tz;           /* zone name (TZ rules), or NULL */
    const char *variant;      /* calls.csv: the variant to take, or NULL:
                                 the first row's */
    long replication;         /* calls.csv: the replication, or -1: the
                                 first row's */
    int strict;               /* 1: any bad row is an error */
} csvlog_options;

/* A string table: distinct values in order of first appearance. */
typedef struct csvlog_names {
    char **name;    /* owned */
    long *count;    /* rows with each value */
    size_t n, cap;
} csvlog_names;

typedef struct csvlog {
    csvlog_row *rows;        /* owned */
    size_t nrows, cap;
    csvlog_names types;      /* call types as written (after --types) */
    csvlog_names beats;      /* beat ids ("all" when the log has none) */
    int *beat_station;       /* owned: station index of each beat */
    csvlog_names stations;   /* station ids ("all" when none) */
    int calendar;            /* 1: timestamps were calendar times */
    int origin_year, origin_month, origin_day; /* calendar: the origin Monday */
    long lines;              /* physical lines read */
    long skipped_other;      /* rows of other replications / variants */
    csvlog_bad bad[BAD_NREASONS];
    int has[LOGCOL_N];       /* 1: the column was found */
} csvlog;

/* A --types file: log type (and optional priority) -> model type. */
typedef struct csvlog_typemap {
    char **from;     /* owned: log type as written */
    char **to;       /* owned: model type name */
    int *priority;   /* owned: priority to give, or 0: the log's */
    size_t n;
} csvlog_typemap;

/* Reads `path` into *log (zeroed first) with the options and, when `tm`
 * is not NULL, the type map applied (unlisted types become "other").
 * Returns 0 on success, 2 on bad input (one message on `err` naming the
 * file, the line and the setting or column: a mapped column missing, a
 * bad --map, --strict and a bad row, no usable row), 1 on an I/O or
 * memory failure (a message). On failure *log is freed. */
int csvlog_read(csvlog *log, const char *path, const csvlog_options *o,
                const csvlog_typemap *tm, FILE *err);

/* Reads from `f` (named `path` in messages); as csvlog_read. */
int csvlog_read_stream(csvlog *log, FILE *f, const char *path, const csvlog_options *o,
                       const csvlog_typemap *tm, FILE *err);

void csvlog_free(csvlog *log);

/* Reads a --types file: CSV rows `log_type,model_type[,priority]`, an
 * optional header `log_type,model_type[,priority]`. Returns 0, or 2 with
 * one message FILE:LINE (model type not a valid name, priority not 1..3,
 * a log type listed twice), 1 on I/O failure. */
int csvlog_typemap_read(csvlog_typemap *tm, const char *path, FILE *err);
void csvlog_typemap_free(csvlog_typemap *tm);

/* ---- the time parsers (exposed for the tests) ---- */

/* A calendar time as read: wall clock, and the zone offset when given. */
typedef struct csvlog_when {
    int year, month, day;    /* month 1 .. 12 */
    int hour, minute;
    double second;
    int has_offset;          /* 1: the text gave a zone offset */
    int offset_min;          /* its value, minutes east of UTC */
} csvlog_when;

/* ISO 8601: YYYY-MM-DD, then 'T' or ' ' and hh:mm[:ss[.fff]], then
 * optionally 'Z' or +hh[:mm] / -hh[:mm]; a date alone is 00:00. Returns 0
 * or -1 (the text is not such a time, or a field is out of range). */
int csvlog_parse_iso(const char *s, csvlog_when *w);

/* `fmt` through strptime (the whole text must be used; trailing blanks
 * allowed). Returns 0 or -1. */
int csvlog_parse_format(const char *s, const char *fmt, csvlog_when *w);

/* A clock time H:MM[:SS] with an optional AM/PM (12-hour clock): sets
 * hour, minute, second only. Returns 0 or -1. */
int csvlog_parse_clock(const char *s, csvlog_when *w);

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's
 * days_from_civil); weekday of day `d`: (d + 3) mod 7 with 0 = Monday. */
long csvlog_days_from_civil(int year, int month, int day);

/* The date of day `days` since 1970-01-01 (month 1 .. 12). */
void csvlog_civil_from_days(long days, int *year, int *month, int *day);

#endif
