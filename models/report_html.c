/* report_html.c - report.html: one self-contained page made from the files
 * of a results folder (so `beatsim plot DIR` can remake it). */
#include "report.h"
#include "report_internal.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads a whole file into a malloc'd NUL-terminated string, or NULL. */
static char *slurp(const char *dir, const char *name)
{
    char path[4096];
    if (report_join_path(path, sizeof path, dir, name) != 0)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[8192];
    size_t n;
    while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, m);
    fclose(f);
    if (!m || fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Writes s with HTML's special characters escaped. */
static void esc(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(s[i], f);
        }
    }
}

/* Splits one CSV line (fields may be quoted, "" inside quotes) into at
 * most `max` fields, in place. Returns the number of fields. */
static int csv_split(char *line, char **field, int max)
{
    int n = 0;
    char *r = line, *w = line;
    while (n < max) {
        field[n++] = w;
        if (*r == '"') {
            r++;
            for (; *r; r++) {
                if (*r == '"' && r[1] == '"')
                    *w++ = *r++;
                else if (*r == '"')
                    break;
                else
                    *w++ = *r;
            }
            if (*r == '"')
                r++;
        } else {
            while (*r && *r != ',' && *r != '\n' && *r != '\r')
                *w++ = *r++;
        }
        int more = *r == ',';
        *w++ = '\0';
        if (!more)
            break;
        r++;
    }
    return n;
}

/* One parsed row of summary.csv or differences.csv. */
typedef struct crow {
    char variant[160], metric[80];
    double mean, low, high;
} crow;

/* The rows of a CSV file with the variant in column 0, the metric in
 * column `mc` and mean, low, high in columns `vc`, `vc+2`, `vc+3`. */
static crow *read_rows(const char *dir, const char *name, int mc, int vc, size_t *n)
{
    char *text = slurp(dir, name);
    *n = 0;
    if (!text)
        return NULL;
    size_t cap = 64;
    crow *r = malloc(cap * sizeof *r);
    char *save = NULL;
    int first = 1;
    for (char *line = strtok_r(text, "\n", &save); r && line; line = strtok_r(NULL, "\n", &save)) {
        char *fld[9];
        if (first) {
            first = 0;
            continue;
        }
        if (csv_split(line, fld, 9) < vc + 4)
            continue;
        if (*n == cap) {
            crow *b = realloc(r, (cap *= 2) * sizeof *r);
            if (!b) {
                free(r);
                r = NULL;
                break;
            }
            r = b;
        }
        crow *c = &r[(*n)++];
        snprintf(c->variant, sizeof c->variant, "%s", fld[0]);
        snprintf(c->metric, sizeof c->metric, "%s", fld[mc]);
        c->mean = *fld[vc] ? strtod(fld[vc], NULL) : NAN;
        c->low = *fld[vc + 2] ? strtod(fld[vc + 2], NULL) : NAN;
        c->high = *fld[vc + 3] ? strtod(fld[vc + 3], NULL) : NAN;
    }
    free(text);
    if (!r)
        *n = 0;
    return r;
}

static const crow *find_row(const crow *r, size_t n, const char *variant, const char *metric)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(r[i].variant, variant) && !strcmp(r[i].metric, metric))
            return &r[i];
    return NULL;
}

static const struct figure_caption {
    const char *name, *caption;
} figure_captions[] = {
    {"hour", "Demand and supply by hour of day: calls per hour and officers on duty, per "
             "variant."},
    {"response_hour", "Mean response time by hour of day, per variant, with 95 % confidence "
                      "bands over the replications: when responses are slow."},
    {"cdf", "Response time distribution: share of answered calls reached within a given "
            "time, per variant, with the response targets marked."},
    {"activity", "Officers' on-duty time by activity, per variant."},
    {"sweep", "The swept setting against a main measure, with 95 % confidence intervals."},
    {"daily", "Calls and officer-hours per simulated day, per variant, with 95 % bands of "
              "the moving means."},
    {"prevention", "The proactive layer day by day, per variant: active offenders, key "
                   "persons out of control, arrests and calls (7-day means), with 95 % bands."},
    {"heatmap", "Beat x hour of day: share of the hour with nobody present in or assigned "
                "to the beat (baseline)."},
    {"map", "Beats of the city coloured by mean response time (baseline)."},
    {"map_diff", "Mean response time by beat, variant minus baseline (red: slower, blue: "
                 "faster); up to six variants, the farthest from the baseline."},
    {"heatmap_diff", "Beat x hour of day: share of days with nobody there, variant minus "
                     "baseline (red: more often uncovered); up to six variants, the farthest "
                     "from the baseline."},
};

/* Copies the <svg ...>...</svg> element of a gnuplot SVG file. */
static int inline_svg(FILE *f, const char *dir, const char *name)
{
    char file[128];
    snprintf(file, sizeof file, "figures/%s.svg", name);
    char *svg = slurp(dir, file);
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    const char *end = start ? strstr(start, "</svg>") : NULL;
    if (end) /* a truncated file would swallow the rest of the page */
        fwrite(start, 1, (size_t)(end + 6 - start), f);
    free(svg);
    return end != NULL;
}

static void html_page(FILE *f, const char *dir)
{
    char *manifest = slurp(dir, "manifest"), *about = slurp(dir, "plotdata/about.txt");
    char *facts = slurp(dir, "plotdata/facts.txt");
    size_t ns, nd;
    crow *sum = read_rows(dir, "summary.csv", 1, 2, &ns);
    crow *dif = read_rows(dir, "differences.csv", 2, 3, &nd);
    char name[160] = "results", base[160] = "", line[1024];
    for (const char *p = manifest; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        if (!strncmp(line, "scenario ", 9))
            snprintf(name, sizeof name, "%.*s", (int)sizeof name - 1, line + 9);
        else if (!strncmp(line, "baseline ", 9))
            snprintf(base, sizeof base, "%.*s", (int)sizeof base - 1, line + 9);
        p = e ? e + 1 : p + n;
    }
    /* variants in their order of first appearance in summary.csv */
    const char **var = malloc((ns ? ns : 1) * sizeof *var);
    size_t nv = 0;
    for (size_t i = 0; var && i < ns; i++) {
        size_t k = 0;
        while (k < nv && strcmp(var[k], sum[i].variant))
            k++;
        if (k == nv)
            var[nv++] = sum[i].variant;
    }

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>beatsim: ", f);
    esc(f, name, SIZE_MAX);
    fputs("</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;"
          "color:#222;line-height:1.4}\n"
          "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}\n"
          "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}\n"
          "table{border-collapse:collapse;font-size:.9em;margin:.5em 0}\n"
          "td,th{border:1px solid #ddd;padding:.3em .6em;vertical-align:top}\n"
          "th{background:#f0f0f0;text-align:left}td.n{text-align:right;white-space:nowrap}\n"
          "small{color:#555}.d{color:#14527a}\n"
          "figure{margin:1.5em 0}figure svg{width:100%;height:auto;max-width:900px;"
          "display:block}\nfigcaption{font-size:.9em;color:#444}\n"
          "</style>\n</head>\n<body>\n<h1>beatsim results: ", f);
    esc(f, name, SIZE_MAX);
    fputs("</h1>\n<h2>What was run</h2>\n<pre>", f);
    esc(f, about ? about : "", SIZE_MAX);
    fputs("</pre>\n<table>\n", f);
    for (const char *p = facts; p && *p;) {
        const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (tab && tab < p + n) {
            fputs("<tr><th>", f);
            esc(f, p, (size_t)(tab - p));
            fputs("</th><td>", f);
            esc(f, tab + 1, (size_t)(p + n - tab - 1));
            fputs("</td></tr>\n", f);
        }
        p = e ? e + 1 : p + n;
    }
    fputs("</table>\n<pre>", f);
    /* the manifest without its list of files (the same after beatsim plot) */
    const char *list = manifest ? strstr(manifest, "\n" FILE_LINE) : NULL;
    esc(f, manifest ? manifest : "", list ? (size_t)(list - manifest) + 1 : SIZE_MAX);
    fputs("</pre>\n<h2>Main measures</h2>\n<p>Means over the replications with 95 % "
          "Student-t confidence intervals in brackets. Under each variant other than "
          "the baseline, <span class=\"d\">&Delta;</span> is its difference from the "
          "baseline, paired replication by replication (the variants see the same "
          "calls), with its own interval.</p>\n<table>\n<tr><th>measure</th>", f);
    for (size_t v = 0; v < nv; v++) {
        fputs("<th>", f);
        esc(f, var[v], SIZE_MAX);
        if (!strcmp(var[v], base))
            fputs(" <small>(baseline)</small>", f);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    int proactive = 0; /* any variant with the proactive layer on */
    for (size_t v = 0; v < nv; v++) {
        const crow *pool = find_row(sum, ns, var[v], "offender_pool_mean");
        proactive |= pool && !isnan(pool->mean);
    }
    for (size_t k = 0; k < report_nrows && nv > 0; k++) {
        if (!find_row(sum, ns, var[0], report_rows[k].metric) || (report_rows[k].main == 2 && !proactive))
            continue;
        double sc = report_rows[k].scale;
        char a[32], lo[32], hi[32];
        fputs("<tr><td>", f);
        esc(f, report_rows[k].label[0] == ' ' ? report_rows[k].label + 2 : report_rows[k].label, SIZE_MAX);
        if (report_rows[k].unit[0])
            fprintf(f, " (%s)", report_rows[k].unit);
        fputs("</td>", f);
        for (size_t v = 0; v < nv; v++) {
            const crow *c = find_row(sum, ns, var[v], report_rows[k].metric);
            const crow *d = find_row(dif, nd, var[v], report_rows[k].metric);
            fputs("<td class=\"n\">", f);
            if (c && !isnan(c->mean)) {
                fputs(report_fmt(a, sizeof a, c->mean * sc), f);
                if (!isnan(c->low))
                    fprintf(f, " <small>[%s, %s]</small>", report_fmt(lo, sizeof lo, c->low * sc),
                            report_fmt(hi, sizeof hi, c->high * sc));
            } else {
                fputs("&ndash;", f);
            }
            if (d && !isnan(d->mean)) {
                fprintf(f, "<br><span class=\"d\">&Delta; %s%s</span>", d->mean >= 0 ? "+" : "",
                        report_fmt(a, sizeof a, d->mean * sc));
                if (!isnan(d->low))
                    fprintf(f, " <small>[%s, %s]</small>", report_fmt(lo, sizeof lo, d->low * sc),
                            report_fmt(hi, sizeof hi, d->high * sc));
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n<p>Every measure of every replication: summary.csv, differences.csv "
          "and replications.csv beside this page.</p>\n<h2>Figures</h2>\n", f);
    int nfig = 0;
    for (size_t k = 0; k < sizeof figure_captions / sizeof figure_captions[0]; k++) {
        fprintf(f, "<figure id=\"fig-%s\">\n", figure_captions[k].name);
        if (inline_svg(f, dir, figure_captions[k].name)) {
            nfig++;
            fprintf(f, "<figcaption>Figure %d. %s</figcaption>\n</figure>\n", nfig,
                    figure_captions[k].caption);
        } else {
            fputs("</figure>\n", f);
        }
    }
    if (!nfig)
        fputs("<p>No figures: gnuplot was not available or --no-plots was given.</p>\n", f);
    /* A check a browser runs on load: how many figures it drew with a
       non-empty size, and whether any script error happened (the test
       suite reads these attributes in headless Chromium). */
    fputs("<script>\n"
          "window.addEventListener('error', function () {\n"
          "  document.body.setAttribute('data-errors', 'yes'); });\n"
          "window.addEventListener('load', function () {\n"
          "  var figs = document.querySelectorAll('figure svg'), ok = 0;\n"
          "  for (var i = 0; i < figs.length; i++) {\n"
          "    var b = figs[i].getBoundingClientRect();\n"
          "    if (b.width > 100 && b.height > 50 &&\n"
          "        figs[i].querySelectorAll('path, polygon, rect, image, circle').length > 0) ok++;\n"
          "  }\n"
          "  document.body.setAttribute('data-figures', String(figs.length));\n"
          "  document.body.setAttribute('data-figures-drawn', String(ok));\n"
          "  if (!document.body.hasAttribute('data-errors'))\n"
          "    document.body.setAttribute('data-errors', 'no');\n"
          "});\n</script>\n</body>\n</html>\n", f);
    free(var);
    free(manifest);
    free(about);
    free(facts);
    free(sum);
    free(dif);
}

int report_html(const char *dir, FILE *err)
{
    char path[4096], tmp[4096];
    if (report_join_path(path, sizeof path, dir, "report.html") != 0 ||
        report_join_path(tmp, sizeof tmp, dir, ".report.html.tmp") != 0)
        return -1;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(err, "beatsim: %s: cannot write: %s\n", tmp, strerror(errno));
        return -1;
    }
    html_page(f, dir);
    int ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(err, "beatsim: %s: cannot write: %s\n", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}
