/* csvlog.c - reading a call log through libcsv, with column mapping and
 * time parsing (csvlog.h).
 *
 * The file is fed to libcsv one physical line at a time, so that every
 * row knows the line it starts on even when quoted fields hold newlines:
 * a row starts on the line being fed when the parser was between rows
 * before that line. Distinct strings (types, beats, stations) are interned
 * through an open-addressing hash table (FNV-1a), so a row costs O(1)
 * look-ups whatever the number of beats. */
#define _XOPEN_SOURCE 700 /* strptime */
#include "csvlog.h"

#include "scenario.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

const char *const csvlog_col_names[LOGCOL_N] = {
    "time", "date", "clock", "type", "priority", "beat", "station",
    "dispatched", "arrived", "cleared", "replication", "variant"};

const char *const csvlog_reason_names[BAD_NREASONS] = {
    "too few fields", "time not read", "empty call type", "priority not read",
    "empty beat", "dispatched/arrived/cleared not read"};

/* ---- dates and times ------------------------------------------------------ */

long csvlog_days_from_civil(int y, int m, int d)
{
    /* H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013). */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void csvlog_civil_from_days(long days, int *year, int *month, int *day)
{
    /* Hinnant's civil_from_days, the inverse of the above. */
    long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dm[m - 1];
}

static int when_ok(const csvlog_when *w)
{
    return w->year >= 1900 && w->year <= 9999 && w->month >= 1 && w->month <= 12 &&
           w->day >= 1 && w->day <= days_in_month(w->year, w->month) && w->hour >= 0 &&
           w->hour <= 23 && w->minute >= 0 && w->minute <= 59 && w->second >= 0 &&
           w->second < 61;
}

static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

int csvlog_parse_iso(const char *s, csvlog_when *w)
{
    memset(w, 0, sizeof *w);
    const char *p = skip_blanks(s);
    if (digits(&p, 4, &w->year) || *p++ != '-' || digits(&p, 2, &w->month) || *p++ != '-' ||
        digits(&p, 2, &w->day))
        return -1;
    if (*p == 'T' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        if (digits(&p, 2, &w->hour) || *p++ != ':' || digits(&p, 2, &w->minute))
            return -1;
        if (*p == ':') {
            p++;
            int sec;
            if (digits(&p, 2, &sec))
                return -1;
            w->second = sec;
            if (*p == '.' || *p == ',') {
                double f = 0.1;
                for (p++; isdigit((unsigned char)*p); p++, f /= 10)
                    w->second += (*p - '0') * f;
            }
        }
        if (*p == 'Z') {
            w->has_offset = 1;
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
            if (digits(&p, 2, &oh))
                return -1;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && digits(&p, 2, &om))
                return -1;
            if (oh > 14 || om > 59)
                return -1;
            w->has_offset = 1;
            w->offset_min = sign * (oh * 60 + om);
        }
    }
    p = skip_blanks(p);
    return *p == '\0' && when_ok(w) ? 0 : -1;
}

int csvlog_parse_format(const char *s, const char *fmt, csvlog_when *w)
{
    memset(w, 0, sizeof *w);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_mday = 1;
    const char *end = strptime(s, fmt, &tm);
    if (!end)
        return -1;
    end = skip_blanks(end);
    if (*end)
        return -1;
    w->year = tm.tm_year + 1900;
    w->month = tm.tm_mon + 1;
    w->day = tm.tm_mday;
    w->hour = tm.tm_hour;
    w->minute = tm.tm_min;
    w->second = tm.tm_sec;
    return when_ok(w) ? 0 : -1;
}

int csvlog_parse_clock(const char *s, csvlog_when *w)
{
    const char *p = skip_blanks(s);
    int h = 0, m, sec = 0, n = 0;
    while (isdigit((unsigned char)*p) && n < 2)
        h = h * 10 + (*p++ - '0'), n++;
    if (n == 0 || *p++ != ':' || digits(&p, 2, &m))
        return -1;
    if (*p == ':') {
        p++;
        if (digits(&p, 2, &sec))
            return -1;
    }
    p = skip_blanks(p);
    if (*p) {
        int pm;
        if (!strncasecmp(p, "AM", 2))
            pm = 0;
        else if (!strncasecmp(p, "PM", 2))
            pm = 1;
        else
            return -1;
        if (*skip_blanks(p + 2) || h < 1 || h > 12)
            return -1;
        h = h % 12 + 12 * pm;
    }
    if (h > 23 || m > 59 || sec > 60)
        return -1;
    w->hour = h;
    w->minute = m;
    w->second = sec;
    return 0;
}

/* ---- interning ------------------------------------------------------------- */

typedef struct intern {
    csvlog_names *names;
    int32_t *slot;   /* owned: index + 1, 0 = empty */
    size_t nslot;    /* power of two */
} intern;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int intern_grow(intern *in)
{
    size_t n = in->nslot ? in->nslot * 2 : 64;
    int32_t *s = calloc(n, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < in->names->n; i++) {
        size_t j = (size_t)fnv1a(in->names->name[i]) & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = (int32_t)i + 1;
    }
    free(in->slot);
    in->slot = s;
    in->nslot = n;
    return 0;
}

/* The index of `s` in the table, added when `add` (else -1 when absent);
 * -2 when out of memory. */
static int intern_find(intern *in, const char *s, int add)
{
    if (!in->nslot && intern_grow(in) != 0)
        return -2;
    size_t j = (size_t)fnv1a(s) & (in->nslot - 1);
    for (; in->slot[j]; j = (j + 1) & (in->nslot - 1))
        if (!strcmp(in->names->name[in->slot[j] - 1], s))
            return in->slot[j] - 1;
    if (!add)
        return -1;
    csvlog_names *nm = in->names;
    if (nm->n >= (size_t)INT32_MAX - 1)
        return -2;
    if (nm->n == nm->cap) {
        size_t c = nm->cap ? nm->cap * 2 : 16;
        char **a = realloc(nm->name, c * sizeof *a);
        if (!a)
            return -2;
        nm->name = a;
        long *b = realloc(nm->count, c * sizeof *b);
        if (!b)
            return -2;
        nm->count = b;
        nm->cap = c;
    }
    char *copy = strdup(s);
    if (!copy)
        return -2;
    int idx = (int)nm->n;
    nm->name[nm->n] = copy;
    nm->count[nm->n++] = 0;
    in->slot[j] = idx + 1;
    if (nm->n * 2 > in->nslot && intern_grow(in) != 0)
        return -2;
    return idx;
}

static void names_free(csvlog_names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->name[i]);
    free(n->name);
    free(n->count);
    memset(n, 0, sizeof *n);
}

/* ---- the reader's state ---------------------------------------------------- */

typedef struct reader {
    csvlog *log;
    const csvlog_options *o;
    const csvlog_typemap *tm;
    intern tm_index;          /* tm->from, interned */
    csvlog_names tm_names;
    const char *path;
    FILE *err;
    /* the record being read */
    char *buf;                /* field bytes, each NUL-terminated */
    size_t blen, bcap;
    size_t *off;              /* start of each field in buf */
    size_t nf, fcap;
    long line;                /* physical line being fed (1-based) */
    long cand;                /* line a row starting now would start on */
    long rec_line;            /* line the current record started on */
    /* the header */
    int header_done;
    char **header;            /* owned copies */
    size_t nheader;
    int col[LOGCOL_N];        /* column index of each key, or -1 */
    const char *mapped[LOGCOL_N]; /* the name the map gave (borrowed) */
    char *map_copy;           /* owned: the map text, cut into names */
    int explicit_map;
    intern types, beats, stations;
    double tmin;              /* earliest time (absolute minutes) */
    int rep_set;              /* calls.csv: replication chosen */
    long rep;
    char *variant;            /* owned: variant chosen, or NULL */
    int rc;                   /* 0, or the failure's exit code */
    int tz_set;
    int mode;                 /* times: 0 none read yet, 1 calendar, 2 minutes */
    size_t bs_cap;            /* entries of log->beat_station */
} reader;

static int fail(reader *r, int code)
{
    if (!r->rc)
        r->rc = code;
    return code;
}

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->rc)
        return;
    if (r->nf == 0)
        r->rec_line = r->cand;
    if (r->nf == r->fcap) {
        size_t c = r->fcap ? r->fcap * 2 : 32;
        size_t *o = realloc(r->off, c * sizeof *o);
        if (!o) {
            fail(r, 1);
            return;
        }
        r->off = o;
        r->fcap = c;
    }
    if (r->blen + len + 1 > r->bcap) {
        size_t c = r->bcap ? r->bcap : 1024;
        while (c < r->blen + len + 1)
            c *= 2;
        char *b = realloc(r->buf, c);
        if (!b) {
            fail(r, 1);
            return;
        }
        r->buf = b;
        r->bcap = c;
    }
    r->off[r->nf++] = r->blen;
    if (len)
        memcpy(r->buf + r->blen, data, len);
    r->buf[r->blen + len] = '\0';
    r->blen += len + 1;
}

static const char *field(const reader *r, int col)
{
    return r->buf + r->off[col];
}

/* The field of key k, trimmed of blanks (in place), or NULL when unmapped. */
static const char *value(reader *r, csvlog_col k)
{
    if (r->col[k] < 0)
        return NULL;
    char *s = r->buf + r->off[r->col[k]];
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* ---- the header and the map ------------------------------------------------- */

static void list_columns(reader *r, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->nheader && used + 1 < n; i++) {
        char shown[SCENARIO_SHOW_SIZE];
        int w = snprintf(out + used, n - used, "%s%s", i ? ", " : "",
                         scenario_show(r->header[i], shown));
        if (w < 0 || (size_t)w >= n - used) {
            if (n > 4)
                strcpy(out + n - 4, "...");
            return;
        }
        used += (size_t)w;
    }
}

static int find_column(reader *r, const char *name)
{
    for (size_t i = 0; i < r->nheader; i++)
        if (!strcmp(r->header[i], name))
            return (int)i;
    for (size_t i = 0; i < r->nheader; i++)
        if (!strcasecmp(r->header[i], name))
            return (int)i;
    return -1;
}

/* Parses the --map text into r->mapped[]. Returns 0 or 2 (a message). */
static int parse_map(reader *r, const char *map)
{
    for (int k = 0; k < LOGCOL_N; k++)
        r->mapped[k] = NULL;
    if (!map) {
        for (int k = 0; k < LOGCOL_N; k++)
            if (k != LOGCOL_DATE && k != LOGCOL_CLOCK)
                r->mapped[k] = csvlog_col_names[k];
        return 0;
    }
    r->explicit_map = 1;
    if (!(r->map_copy = strdup(map)))
        return fail(r, 1);
    char *save = NULL;
    for (char *item = strtok_r(r->map_copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char shown[SCENARIO_SHOW_SIZE];
        char *eq = strchr(item, '=');
        if (!eq || eq == item || !eq[1]) {
            fprintf(r->err, "beatsim: fit: --map: expected KEY=COLUMN, found '%s'\n",
                    scenario_show(item, shown));
            return fail(r, 2);
        }
        *eq = '\0';
        int k = 0;
        while (k < LOGCOL_N && strcmp(csvlog_col_names[k], item))
            k++;
        if (k == LOGCOL_N) {
            fprintf(r->err,
                    "beatsim: fit: --map: expected a key time, date, clock, type, priority, "
                    "beat, station, dispatched, arrived, cleared, replication or variant, "
                    "found '%s'\n",
                    scenario_show(item, shown));
            return fail(r, 2);
        }
        if (r->mapped[k]) {
            fprintf(r->err, "beatsim: fit: --map: %s: expected once, found twice\n", item);
            return fail(r, 2);
        }
        r->mapped[k] = eq + 1;
    }
    int t = r->mapped[LOGCOL_TIME] != NULL, d = r->mapped[LOGCOL_DATE] != NULL,
        c = r->mapped[LOGCOL_CLOCK] != NULL;
    if ((t && (d || c)) || (!t && !(d && c))) {
        fprintf(r->err, "beatsim: fit: --map: expected time=COLUMN, or date=COLUMN with "
                        "clock=COLUMN, found %s\n",
                t ? "time with date or clock" : d ? "date without clock"
                : c ? "clock without date" : "neither");
        return fail(r, 2);
    }
    return 0;
}

static int on_header(reader *r)
{
    if (!(r->header = calloc(r->nf ? r->nf : 1, sizeof *r->header)))
        return fail(r, 1);
    r->nheader = r->nf;
    for (size_t i = 0; i < r->nf; i++) {
        const char *h = field(r, (int)i);
        if (i == 0) { /* a BOM, or one decoded as Latin-1 and re-encoded */
            if (!strncmp(h, "\xEF\xBB\xBF", 3))
                h += 3;
            else if (!strncmp(h, "\xC3\xAF\xC2\xBB\xC2\xBF", 6))
                h += 6;
        }
        if (!(r->header[i] = strdup(h)))
            return fail(r, 1);
    }
    for (int k = 0; k < LOGCOL_N; k++) {
        r->col[k] = r->mapped[k] ? find_column(r, r->mapped[k]) : -1;
        if (r->mapped[k] && r->col[k] < 0 && (r->explicit_map || k == LOGCOL_TIME)) {
            char cols[512], shown[SCENARIO_SHOW_SIZE];
            list_columns(r, cols, sizeof cols);
            fprintf(r->err, "%s:%ld: --map %s=%s: expected a column of the header, found "
                            "none (columns: %s)\n",
                    r->path, r->rec_line, csvlog_col_names[k], scenario_show(r->mapped[k], shown),
                    cols);
            return fail(r, 2);
        }
        r->log->has[k] = r->col[k] >= 0;
    }
    r->header_done = 1;
    return 0;
}

/* ---- a row ------------------------------------------------------------------- */

/* Absolute local minutes of a calendar time (days since 1970 x 1440 + the
 * wall clock), with the offset and the zone applied when tz is given. */
static double when_minutes(const reader *r, const csvlog_when *w, int *month)
{
    long days = csvlog_days_from_civil(w->year, w->month, w->day);
    double m = days * 1440.0 + w->hour * 60 + w->minute + w->second / 60;
    *month = w->month - 1;
    if (w->has_offset && r->tz_set) {
        time_t epoch = (time_t)floor((m - w->offset_min) * 60);
        struct tm lt;
        if (localtime_r(&epoch, &lt)) {
            double frac = (m - w->offset_min) * 60 - (double)epoch;
            days = csvlog_days_from_civil(lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday);
            m = days * 1440.0 + lt.tm_hour * 60 + lt.tm_min + (lt.tm_sec + frac) / 60;
            *month = lt.tm_mon;
        }
    }
    return m;
}

/* A plain number of minutes: 1, else 0. */
static int minutes_of(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *skip_blanks(end) || errno == ERANGE || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* Reads a time field: 0 (and *t, *month) or -1. The first time read
 * decides whether the log's times are calendar times or minutes. */
static int time_of(reader *r, const char *s, double *t, int *month)
{
    csvlog_when w;
    if (!*s)
        return -1;
    if (r->mode != 2 && (r->o->time_format ? csvlog_parse_format(s, r->o->time_format, &w) == 0
                                           : csvlog_parse_iso(s, &w) == 0)) {
        r->mode = 1;
        r->log->calendar = 1;
        *t = when_minutes(r, &w, month);
        return 0;
    }
    if (r->mode != 1 && !r->o->time_format && minutes_of(s, t)) {
        r->mode = 2;
        *month = -1;
        return 0;
    }
    return -1;
}

static const char *time_expected(const reader *r)
{
    static char buf[160];
    if (r->o->time_format) {
        snprintf(buf, sizeof buf, "a time in the format %s", r->o->time_format);
        return buf;
    }
    return r->mode == 1   ? "an ISO 8601 time (YYYY-MM-DD hh:mm[:ss])"
           : r->mode == 2 ? "a time in minutes (a number)"
                          : "an ISO 8601 time or minutes";
}

static int bad_row(reader *r, csvlog_reason why, csvlog_col k, const char *expected,
                   const char *found)
{
    csvlog_bad *b = &r->log->bad[why];
    if (b->count < CSVLOG_LINES_SHOWN)
        b->lines[b->count] = r->rec_line;
    b->count++;
    if (r->o->strict) {
        char shown[SCENARIO_SHOW_SIZE];
        const char *col = k < LOGCOL_N && r->col[k] >= 0 ? r->header[r->col[k]] : "row";
        char cshown[SCENARIO_SHOW_SIZE];
        if (found && *found)
            fprintf(r->err, "%s:%ld: %s: expected %s, found '%s'\n", r->path, r->rec_line,
                    scenario_show(col, cshown), expected, scenario_show(found, shown));
        else
            fprintf(r->err, "%s:%ld: %s: expected %s, found %s\n", r->path, r->rec_line,
                    scenario_show(col, cshown), expected, found ? "an empty field" : "fewer fields");
        return fail(r, 2);
    }
    return 0;
}

static int add_name(reader *r, intern *in, const char *s)
{
    int i = intern_find(in, s, 1);
    if (i < 0)
        fail(r, 1);
    else
        in->names->count[i]++;
    return i;
}

static void on_row(reader *r)
{
    csvlog *log = r->log;
    size_t need = 0;
    for (int k = 0; k < LOGCOL_N; k++)
        if (r->col[k] >= 0 && (size_t)r->col[k] + 1 > need)
            need = (size_t)r->col[k] + 1;
    if (r->nf < need) {
        if (!(r->nf == 1 && !*field(r, 0))) /* a blank line is no row */
            bad_row(r, BAD_FIELDS, LOGCOL_N, "as many fields as the header", NULL);
        return;
    }
    /* calls.csv: one replication and one variant */
    const char *v;
    if ((v = value(r, LOGCOL_REPLICATION)) != NULL) {
        char *end;
        long rep = strtol(v, &end, 10);
        if (!r->rep_set) {
            r->rep = r->o->replication >= 0 ? r->o->replication : rep;
            r->rep_set = 1;
        }
        if (rep != r->rep || end == v) {
            log->skipped_other++;
            return;
        }
    }
    if ((v = value(r, LOGCOL_VARIANT)) != NULL) {
        if (!r->variant && !(r->variant = strdup(r->o->variant ? r->o->variant : v))) {
            fail(r, 1);
            return;
        }
        if (strcmp(v, r->variant)) {
            log->skipped_other++;
            return;
        }
    }
    csvlog_row row = {.arrive_min = -1, .scene_min = -1, .priority = 0};
    if (r->col[LOGCOL_TIME] >= 0) {
        v = value(r, LOGCOL_TIME);
        if (time_of(r, v, &row.t, &row.month) != 0) {
            bad_row(r, BAD_TIME, LOGCOL_TIME, time_expected(r), v);
            return;
        }
    } else {
        const char *d = value(r, LOGCOL_DATE), *c = value(r, LOGCOL_CLOCK);
        csvlog_when w;
        int ok = r->o->time_format ? csvlog_parse_format(d, r->o->time_format, &w) == 0
                                   : csvlog_parse_iso(d, &w) == 0;
        if (!ok) {
            bad_row(r, BAD_TIME, LOGCOL_DATE,
                    r->o->time_format ? time_expected(r) : "an ISO 8601 date (YYYY-MM-DD)", d);
            return;
        }
        if (csvlog_parse_clock(c, &w) != 0) {
            bad_row(r, BAD_TIME, LOGCOL_CLOCK, "a clock time H:MM[:SS] [AM|PM]", c);
            return;
        }
        log->calendar = 1;
        r->mode = 1;
        row.t = when_minutes(r, &w, &row.month);
    }
    const char *type = "all";
    if ((v = value(r, LOGCOL_TYPE)) != NULL) {
        if (!*v) {
            bad_row(r, BAD_TYPE, LOGCOL_TYPE, "a call type", v);
            return;
        }
        type = v;
    }
    int map_prio = 0;
    if (r->tm) {
        int i = intern_find(&r->tm_index, type, 0);
        if (i == -2) {
            fail(r, 1);
            return;
        }
        type = i >= 0 ? r->tm->to[i] : "other";
        map_prio = i >= 0 ? r->tm->priority[i] : 0;
    }
    if ((v = value(r, LOGCOL_PRIORITY)) != NULL && !map_prio) {
        char *end;
        long p = strtol(v, &end, 10);
        if (end == v || *skip_blanks(end) || p < 1) {
            bad_row(r, BAD_PRIORITY, LOGCOL_PRIORITY, "a priority (an integer >= 1)", v);
            return;
        }
        row.priority = p > CSVLOG_PRIORITY_MAX ? CSVLOG_PRIORITY_MAX : (int)p;
    }
    if (map_prio)
        row.priority = map_prio;
    const char *beat = "all", *station = "all";
    if ((v = value(r, LOGCOL_BEAT)) != NULL) {
        if (!*v) {
            bad_row(r, BAD_BEAT, LOGCOL_BEAT, "a beat id", v);
            return;
        }
        beat = v;
    }
    if ((v = value(r, LOGCOL_STATION)) != NULL && *v)
        station = v;
    double tt[3];
    int have[3] = {0, 0, 0};
    for (int j = 0; j < 3; j++) {
        csvlog_col k = (csvlog_col)(LOGCOL_DISPATCHED + j);
        if ((v = value(r, k)) == NULL || !*v)
            continue;
        int month;
        if (time_of(r, v, &tt[j], &month) != 0) {
            bad_row(r, BAD_DURATION, k, time_expected(r), v);
            return;
        }
        have[j] = 1;
    }
    if (have[0] && have[1])
        row.arrive_min = tt[1] - tt[0] >= 0 ? tt[1] - tt[0] : -1;
    if (have[1] && have[2])
        row.scene_min = tt[2] - tt[1] >= 0 ? tt[2] - tt[1] : -1;
    int ti = add_name(r, &r->types, type);
    int bi = add_name(r, &r->beats, beat);
    int si = add_name(r, &r->stations, station);
    if (ti < 0 || bi < 0 || si < 0)
        return;
    if (log->beats.count[bi] == 1) { /* a new beat: its station is its first row's */
        if (log->beats.n > r->bs_cap) {
            size_t c = log->beats.cap;
            int *bs = realloc(log->beat_station, c * sizeof *bs);
            if (!bs) {
                fail(r, 1);
                return;
            }
            log->beat_station = bs;
            r->bs_cap = c;
        }
        log->beat_station[bi] = si;
    }
    row.type = ti;
    row.beat = bi;
    if (log->nrows == log->cap) {
        size_t c = log->cap ? log->cap * 2 : 4096;
        csvlog_row *a = realloc(log->rows, c * sizeof *a);
        if (!a) {
            fail(r, 1);
            return;
        }
        log->rows = a;
        log->cap = c;
    }
    log->rows[log->nrows++] = row;
    if (row.t < r->tmin)
        r->tmin = row.t;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    reader *r = ctx;
    if (r->rc)
        return;
    if (!r->header_done)
        on_header(r);
    else
        on_row(r);
    r->nf = 0;
    r->blen = 0;
}

/* ---- the file -------------------------------------------------------------- */

static int tz_ok(const char *tz)
{
    if (!strcmp(tz, "UTC") || !strcmp(tz, "GMT"))
        return 1;
    if (!*tz || tz[0] == '/' || strstr(tz, ".."))
        return 0;
    const char *dir = getenv("TZDIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void reader_free(reader *r)
{
    free(r->buf);
    free(r->off);
    for (size_t i = 0; i < r->nheader; i++)
        free(r->header[i]);
    free(r->header);
    free(r->map_copy);
    free(r->variant);
    free(r->types.slot);
    free(r->beats.slot);
    free(r->stations.slot);
    free(r->tm_index.slot);
    free(r->tm_names.name); /* the strings belong to the type map */
    free(r->tm_names.count);
}

void csvlog_free(csvlog *log)
{
    free(log->rows);
    names_free(&log->types);
    names_free(&log->beats);
    names_free(&log->stations);
    free(log->beat_station);
    memset(log, 0, sizeof *log);
}

int csvlog_read_stream(csvlog *log, FILE *f, const char *path, const csvlog_options *o,
                       const csvlog_typemap *tm, FILE *err)
{
    memset(log, 0, sizeof *log);
    reader r;
    memset(&r, 0, sizeof r);
    r.log = log;
    r.o = o;
    r.tm = tm;
    r.path = path;
    r.err = err;
    r.tmin = INFINITY;
    r.types.names = &log->types;
    r.beats.names = &log->beats;
    r.stations.names = &log->stations;
    r.tm_index.names = &r.tm_names;
    char *old_tz = NULL;
    if (o->tz) {
        if (!tz_ok(o->tz)) {
            char shown[SCENARIO_SHOW_SIZE];
            fprintf(err, "beatsim: fit: --tz: expected a zone of the time-zone database "
                         "(e.g. America/Los_Angeles or UTC), found '%s'\n",
                    scenario_show(o->tz, shown));
            return 2;
        }
        const char *t = getenv("TZ");
        if (t && !(old_tz = strdup(t)))
            return 1;
        setenv("TZ", o->tz, 1);
        tzset();
        r.tz_set = 1;
    }
    if (tm) {
        for (size_t i = 0; i < tm->n && !r.rc; i++) {
            /* the table's strings stay the type map's: intern copies, so
               free the copies at the end through tm_names */
            if (intern_find(&r.tm_index, tm->from[i], 1) < 0)
                r.rc = 1;
        }
    }
    struct csv_parser p;
    if (!r.rc && parse_map(&r, o->map) == 0 && csv_init(&p, CSV_APPEND_NULL) == 0) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while (!r.rc && (n = getline(&line, &cap, f)) > 0) {
            r.line++;
            log->lines = r.line;
            char *s = line;
            if (r.line == 1) {
                if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
                    s += 3, n -= 3;
            }
            if (p.pstate == 0)
                r.cand = r.line;
            if (csv_parse(&p, s, (size_t)n, on_field, on_record, &r) != (size_t)n && !r.rc) {
                fprintf(err, "%s:%ld: %s\n", path, r.line, csv_strerror(csv_error(&p)));
                r.rc = csv_error(&p) == CSV_EPARSE ? 2 : 1;
            }
        }
        if (!r.rc && ferror(f)) {
            fprintf(err, "%s: %s\n", path, strerror(errno));
            r.rc = 1;
        }
        if (!r.rc)
            csv_fini(&p, on_field, on_record, &r);
        csv_free(&p);
        free(line);
    }
    /* tm_names' strings were copied by intern_find: free them */
    for (size_t i = 0; i < r.tm_names.n; i++)
        free(r.tm_names.name[i]);
    if (o->tz) {
        if (old_tz)
            setenv("TZ", old_tz, 1);
        else
            unsetenv("TZ");
        tzset();
        free(old_tz);
    }
    if (!r.rc && !r.header_done) {
        fprintf(err, "%s:1: expected a header line naming the columns, found an empty file\n",
                path);
        r.rc = 2;
    }
    if (!r.rc && log->nrows == 0) {
        long bad = 0;
        for (int i = 0; i < BAD_NREASONS; i++)
            bad += log->bad[i].count;
        fprintf(err, "%s:%ld: expected at least one call to fit, found none (%ld bad rows)\n",
                path, log->lines, bad);
        r.rc = 2;
    }
    if (!r.rc && log->calendar) { /* origin: the Monday on or before the first day */
        long day = (long)floor(r.tmin / 1440);
        long monday = day - ((day % 7 + 7 + 3) % 7);
        double origin = monday * 1440.0;
        for (size_t i = 0; i < log->nrows; i++)
            log->rows[i].t -= origin;
        csvlog_civil_from_days(monday, &log->origin_year, &log->origin_month,
                               &log->origin_day);
    }
    int rc = r.rc;
    reader_free(&r);
    if (rc)
        csvlog_free(log);
    return rc;
}

int csvlog_read(csvlog *log, const char *path, const csvlog_options *o,
                const csvlog_typemap *tm, FILE *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        memset(log, 0, sizeof *log);
        fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
        return 2;
    }
    int rc = csvlog_read_stream(log, f, path, o, tm, err);
    fclose(f);
    return rc;
}

/* ---- the type map ---------------------------------------------------------- */

typedef struct tm_reader {
    csvlog_typemap *tm;
    const char *path;
    FILE *err;
    char *fields[3];
    size_t nf;
    long line, cand, rec_line;
    long records;  /* records seen */
    int rc;
} tm_reader;

static void tm_field(void *data, size_t len, void *ctx)
{
    tm_reader *r = ctx;
    if (r->rc)
        return;
    if (r->nf == 0)
        r->rec_line = r->cand;
    if (r->nf >= 3) {
        r->nf++;
        return;
    }
    char *s = malloc(len + 1);
    if (!s) {
        r->rc = 1;
        return;
    }
    memcpy(s, data, len);
    s[len] = '\0';
    r->fields[r->nf++] = s;
}

static int ident_ok(const char *t)
{
    if (!isalpha((unsigned char)t[0]) || strlen(t) >= SCENARIO_NAME_MAX)
        return 0;
    for (; *t; t++)
        if (!isalnum((unsigned char)*t) && *t != '_' && *t != '-' && *t != '.')
            return 0;
    return 1;
}

static void tm_record(int c, void *ctx)
{
    (void)c;
    tm_reader *r = ctx;
    size_t nf = r->nf;
    r->nf = 0;
    size_t kept = nf < 3 ? nf : 3;
    char shown[SCENARIO_SHOW_SIZE];
    if (r->rc)
        goto out;
    if (nf == 1 && !*r->fields[0])
        goto out;
    if (r->records++ == 0 && nf >= 2 && !strcmp(r->fields[0], "log_type") &&
        !strcmp(r->fields[1], "model_type"))
        goto out; /* the header */
    if (nf < 2 || nf > 3) {
        fprintf(r->err, "%s:%ld: expected log_type,model_type[,priority], found %zu fields\n",
                r->path, r->rec_line, nf);
        r->rc = 2;
        goto out;
    }
    if (!ident_ok(r->fields[1])) {
        fprintf(r->err, "%s:%ld: model_type: expected %s, found '%s'\n", r->path, r->rec_line,
                "a name of letters, digits, '_', '-' and '.' starting with a letter",
                scenario_show(r->fields[1], shown));
        r->rc = 2;
        goto out;
    }
    int prio = 0;
    if (nf == 3 && *r->fields[2]) {
        char *end;
        long p = strtol(r->fields[2], &end, 10);
        if (*end || p < 1 || p > CSVLOG_PRIORITY_MAX) {
            fprintf(r->err, "%s:%ld: priority: expected 1, 2 or 3, found '%s'\n", r->path,
                    r->rec_line, scenario_show(r->fields[2], shown));
            r->rc = 2;
            goto out;
        }
        prio = (int)p;
    }
    for (size_t i = 0; i < r->tm->n; i++)
        if (!strcmp(r->tm->from[i], r->fields[0])) {
            fprintf(r->err, "%s:%ld: log_type: expected each type once, found '%s' again\n",
                    r->path, r->rec_line, scenario_show(r->fields[0], shown));
            r->rc = 2;
            goto out;
        }
    csvlog_typemap *tm = r->tm;
    char **a = realloc(tm->from, (tm->n + 1) * sizeof *a);
    if (a)
        tm->from = a;
    char **b = realloc(tm->to, (tm->n + 1) * sizeof *b);
    if (b)
        tm->to = b;
    int *pr = realloc(tm->priority, (tm->n + 1) * sizeof *pr);
    if (pr)
        tm->priority = pr;
    if (!a || !b || !pr) {
        r->rc = 1;
        goto out;
    }
    tm->from[tm->n] = r->fields[0];
    tm->to[tm->n] = r->fields[1];
    tm->priority[tm->n++] = prio;
    r->fields[0] = r->fields[1] = NULL;
out:
    for (size_t i = 0; i < kept; i++) {
        free(r->fields[i]);
        r->fields[i] = NULL;
    }
}

int csvlog_typemap_read(csvlog_typemap *tm, const char *path, FILE *err)
{
    memset(tm, 0, sizeof *tm);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
        return 2;
    }
    tm_reader r = {.tm = tm, .path = path, .err = err};
    struct csv_parser p;
    if (csv_init(&p, 0) != 0) {
        fclose(f);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!r.rc && (n = getline(&line, &cap, f)) > 0) {
        r.line++;
        char *s = line;
        if (r.line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
            s += 3, n -= 3;
        if (p.pstate == 0)
            r.cand = r.line;
        if (csv_parse(&p, s, (size_t)n, tm_field, tm_record, &r) != (size_t)n && !r.rc)
            r.rc = 1;
    }
    if (!r.rc)
        csv_fini(&p, tm_field, tm_record, &r);
    csv_free(&p);
    free(line);
    fclose(f);
    if (!r.rc && tm->n == 0) {
        fprintf(err, "%s:1: expected rows log_type,model_type[,priority], found none\n", path);
        r.rc = 2;
    }
    if (r.rc)
        csvlog_typemap_free(tm);
    return r.rc;
}

void csvlog_typemap_free(csvlog_typemap *tm)
{
    for (size_t i = 0; i < tm->n; i++) {
        free(tm->from[i]);
        free(tm->to[i]);
    }
    free(tm->from);
    free(tm->to);
    free(tm->priority);
    memset(tm, 0, sizeof *tm);
}
