/* calllog.c - the per-call log: rows written as calls close into one
 * spool file per run, joined in a fixed order into calls.csv. */
#include "calllog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char calllog_header[] =
    "replication,variant,call,time,type,priority,beat,station,x,y,queued,dispatched,"
    "arrived,cleared,units,response,waited,cross_beat,cross_station\n";

/* FIRST_OWN_BEAT and FIRST_OTHER_STATION of world.h, repeated so that this
 * module needs nothing of the world (checked in world.c). */
enum { KIND_OWN_BEAT = 0, KIND_OTHER_STATION = 3 };

int calllog_open(calllog *log, const char *path, const char *variant, uint64_t rep)
{
    memset(log, 0, sizeof *log);
    log->f = fopen(path, "w");
    if (!log->f)
        return -1;
    log->variant = variant;
    log->rep = rep;
    return 0;
}

/* ",s": in double quotes (a '"' doubled) when `always` or when s holds a
 * comma, a quote or a line end; bare otherwise. */
static void text(FILE *f, const char *s, int always)
{
    fputc(',', f);
    if (!always && !strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* ",t" with six decimals (a microminute: exact to the second and
 * better), empty for NAN. */
static void minutes(FILE *f, double t)
{
    if (isnan(t))
        fputc(',', f);
    else
        fprintf(f, ",%.6f", t);
}

void calllog_write(calllog *log, const calllog_row *r)
{
    FILE *f = log->f;
    fprintf(f, "%llu", (unsigned long long)log->rep);
    text(f, log->variant, 1);
    fprintf(f, ",%llu", (unsigned long long)r->call);
    minutes(f, r->time);
    text(f, r->type, 0);
    fprintf(f, ",%d", r->priority);
    text(f, r->beat, 0);
    text(f, r->station, 0);
    fprintf(f, ",%.6f,%.6f", r->x, r->y);
    minutes(f, r->queued);
    minutes(f, r->dispatched);
    minutes(f, r->arrived);
    minutes(f, r->cleared);
    fputc(',', f);
    for (int k = 0; k < r->nunits; k++)
        fprintf(f, k ? ";%ld" : "%ld", r->units[k]);
    minutes(f, r->arrived - r->time); /* NAN when it was not reached */
    minutes(f, r->dispatched - r->time);
    if (r->first_kind < 0)
        fputs(",,\n", f);
    else
        fprintf(f, ",%d,%d\n", r->first_kind != KIND_OWN_BEAT,
                r->first_kind == KIND_OTHER_STATION);
    if (ferror(f))
        log->failed = 1;
}

int calllog_close(calllog *log)
{
    if (!log || !log->f)
        return 0;
    int failed = log->failed || ferror(log->f);
    int saved = errno;
    if (fclose(log->f) != 0)
        failed = 1;
    else if (failed)
        errno = saved ? saved : EIO;
    memset(log, 0, sizeof *log);
    return failed ? -1 : 0;
}

int calllog_spool_path(char *buf, size_t n, const char *dir, size_t v, size_t rep)
{
    int w = snprintf(buf, n, "%s/calls_%zu_%zu.csv", dir, v, rep);
    return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* Appends file `path` to out. Returns 0, or -1 (errno set). */
static int append(FILE *out, const char *path)
{
    FILE *in = fopen(path, "r");
    if (!in)
        return -1;
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            break;
    int rc = ferror(in) || ferror(out) ? -1 : 0;
    fclose(in);
    return rc;
}

int calllog_concat(const char *out, const char *dir, size_t nvar, size_t nrep)
{
    char tmp[4200], path[4200];
    int w = snprintf(tmp, sizeof tmp, "%s.tmp", out);
    if (w < 0 || (size_t)w >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    int rc = fputs(calllog_header, f) < 0 ? -1 : 0;
    for (size_t v = 0; rc == 0 && v < nvar; v++)
        for (size_t k = 0; rc == 0 && k < nrep; k++) {
            if (calllog_spool_path(path, sizeof path, dir, v, k) != 0) {
                errno = ENAMETOOLONG;
                rc = -1;
            } else if (append(f, path) != 0) {
                rc = -1;
            } else {
                remove(path);
            }
        }
    int saved = errno;
    if (fclose(f) != 0 && rc == 0) {
        saved = errno;
        rc = -1;
    }
    if (rc == 0 && rename(tmp, out) != 0) {
        saved = errno;
        rc = -1;
    }
    if (rc != 0) {
        remove(tmp);
        errno = saved;
    }
    return rc;
}
