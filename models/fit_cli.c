/* fit_cli.c - the `beatsim fit` subcommand: its flags, then csvlog_read,
 * fit_log and fit_report_write (docs/scenarios.md "beatsim fit"). Kept
 * out of main.c, which only dispatches to fit_cli_main. */
#include "fit_cli.h"

#include "csvlog.h"
#include "fit.h"
#include "fit_report.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char fit_cli_help[] =
    "usage: beatsim fit LOG.csv --out FITTED.cfg [OPTIONS]\n"
    "\n"
    "Reads a call log (CSV, one row per call) and writes a scenario fragment\n"
    "FITTED.cfg (incidents.types and incidents.day_factor_variance, to\n"
    "@include in a scenario) and fit.csv beside it (observed against fitted by\n"
    "hour of week, hour, weekday, month, beat, priority and day, with a\n"
    "chi-square per block). Bad rows are counted by reason and skipped.\n"
    "\n"
    "  --out FILE          the fragment to write (required); fit.csv goes in\n"
    "                      its folder\n"
    "  --map KEY=COL,...   the log's columns: time, or date and clock; type,\n"
    "                      priority, beat, station, dispatched, arrived,\n"
    "                      cleared, replication, variant. Default: beatsim's\n"
    "                      own calls.csv (each of its columns used if present)\n"
    "  --types FILE        CSV log_type,model_type[,priority]: the model type\n"
    "                      (and priority) of each log type; others: \"other\"\n"
    "  --time-format FMT   strptime format of the times (default: ISO 8601,\n"
    "                      or plain minutes since a Monday 00:00)\n"
    "  --tz ZONE           show times with a zone offset in ZONE\n"
    "  --residents N       the residents of the city the fragment is for\n"
    "                      (default 1000000, the built-in city)\n"
    "  --replication N     calls.csv: the replication to fit (default: the\n"
    "                      first row's)\n"
    "  --variant NAME      calls.csv: the variant to fit (default: the first\n"
    "                      row's)\n"
    "  --strict            any bad row is an error (exit 2)\n"
    "  --quiet             no summary\n";

static int need(int argc, char **argv, int *i, const char **v)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "beatsim: fit: %s: expected a value after it, found nothing\n", argv[*i]);
        return -1;
    }
    *v = argv[++*i];
    return 0;
}

int fit_cli_main(int argc, char **argv)
{
    const char *logp = NULL, *out = NULL, *types = NULL, *v;
    csvlog_options o = {.replication = -1};
    double residents = 1e6;
    int quiet = 0;
    char shown[SCENARIO_SHOW_SIZE];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(fit_cli_help, stdout);
            return 0;
        }
        if (!strcmp(a, "--strict")) {
            o.strict = 1;
            continue;
        }
        if (!strcmp(a, "--quiet")) {
            quiet = 1;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            static const char *const valued[] = {"--out",      "--map",         "--types",
                                                 "--time-format", "--tz",       "--residents",
                                                 "--replication", "--variant"};
            size_t k = 0;
            while (k < sizeof valued / sizeof *valued && strcmp(valued[k], a))
                k++;
            if (k == sizeof valued / sizeof *valued) {
                fprintf(stderr, "beatsim: fit: unknown option '%s' (see 'beatsim help fit')\n",
                        scenario_show(a, shown));
                return 2;
            }
            if (need(argc, argv, &i, &v) != 0)
                return 2;
            if (!strcmp(a, "--out"))
                out = v;
            else if (!strcmp(a, "--map"))
                o.map = v;
            else if (!strcmp(a, "--types"))
                types = v;
            else if (!strcmp(a, "--time-format")) {
                if (!*v || !strchr(v, '%')) {
                    fprintf(stderr, "beatsim: fit: --time-format: expected a strptime format "
                                    "such as \"%%m/%%d/%%Y %%I:%%M:%%S %%p\", found '%s'\n",
                            scenario_show(v, shown));
                    return 2;
                }
                o.time_format = v;
            } else if (!strcmp(a, "--tz"))
                o.tz = v;
            else if (!strcmp(a, "--variant"))
                o.variant = v;
            else {
                char *end;
                errno = 0;
                double x = strtod(v, &end);
                int whole = !strcmp(a, "--replication");
                if (end == v || *end || errno || !(x >= (whole ? 0 : 1)) || x > 1e10 ||
                    (whole && x != (double)(long)x) || !isdigit((unsigned char)*v)) {
                    fprintf(stderr, "beatsim: fit: %s: expected %s, found '%s'\n", a,
                            whole ? "a whole number >= 0" : "a number of residents from 1 to 1e10",
                            scenario_show(v, shown));
                    return 2;
                }
                if (whole)
                    o.replication = (long)x;
                else
                    residents = x;
            }
            continue;
        }
        if (logp) {
            fprintf(stderr, "beatsim: fit: expected one log file, found '%s' too\n",
                    scenario_show(a, shown));
            return 2;
        }
        logp = a;
    }
    if (!logp || !out) {
        fprintf(stderr, "beatsim: fit: expected LOG.csv and --out FITTED.cfg, found %s "
                        "(see 'beatsim help fit')\n",
                logp ? "no --out" : "no log file");
        return 2;
    }
    csvlog_typemap tm;
    int rc;
    if (types && (rc = csvlog_typemap_read(&tm, types, stderr)) != 0)
        return rc;
    csvlog log;
    rc = csvlog_read(&log, logp, &o, types ? &tm : NULL, stderr);
    if (types)
        csvlog_typemap_free(&tm);
    if (rc)
        return rc;
    fit_result r;
    if ((rc = fit_log(&r, &log, stderr)) == 0) {
        rc = fit_report_write(&r, &log, logp, out, residents, stderr);
        if (!rc && !quiet) {
            fit_report_summary(&r, &log, logp, stdout);
            printf("wrote %s and fit.csv beside it\n", out);
        }
        fit_free(&r);
    }
    csvlog_free(&log);
    return rc;
}
