/* report_html.c - report.html: one self-contained page made from the files
 * of a results folder (so `beatsim plot DIR` can remake it). */
#include "report.h"
#include "report_internal.h"
#include "causes.h"

#include <gsl/gsl_cdf.h>

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
    sim_ci ci; /* mean, sd, low, high and n as written; half from them */
} crow;

/* The rows of a CSV file with the variant in column 0, the metric in
 * column `mc` and mean, sd, low, high, n in columns `vc` to `vc+4`. */
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
        if (csv_split(line, fld, 9) < vc + 5)
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
        double v[5];
        for (int j = 0; j < 5; j++)
            v[j] = *fld[vc + j] ? strtod(fld[vc + j], NULL) : NAN;
        /* the half-width as sim_ci_compute has it (the bounds may have
           been clipped to the metric's range) */
        size_t nrep = isnan(v[4]) || v[4] < 0 ? 0 : (size_t)v[4];
        double half = nrep >= 2 && !isnan(v[1])
                          ? gsl_cdf_tdist_Pinv(0.975, (double)(nrep - 1)) * v[1] / sqrt((double)nrep)
                          : NAN;
        c->ci = (sim_ci){nrep, v[0], v[1], half, v[2], v[3]};
    }
    free(text);
    if (!r)
        *n = 0;
    return r;
}

/* One variant's rows of summary.csv or differences.csv (each file writes
 * a variant's rows together), its overrides from facts.txt, and its name. */
typedef struct vrows {
    const char *name;
    const crow *sum, *dif; /* its rows (NULL when none) */
    size_t nsum, ndif;
    const char *what;      /* "officers; settings" from facts.txt, or NULL */
    size_t what_len;
} vrows;

/* The variants of the folder, in the order of summary.csv: a malloc'd
 * array of *nv, or NULL. Lookups then cost a variant's rows, not the
 * whole file's (a sweep may have 10,000 variants). */
static vrows *variants_of(const crow *sum, size_t ns, const crow *dif, size_t nd,
                          const char *facts, size_t *nv)
{
    size_t n = 0;
    for (size_t i = 0; i < ns; i++)
        n += !i || strcmp(sum[i].variant, sum[i - 1].variant);
    vrows *v = calloc(n ? n : 1, sizeof *v);
    *nv = v ? n : 0;
    for (size_t i = 0, k = 0; v && i < ns; i++) {
        if (i && strcmp(sum[i].variant, sum[i - 1].variant))
            k++;
        if (!v[k].nsum++) {
            v[k].name = sum[i].variant;
            v[k].sum = &sum[i];
        }
    }
    /* the differences come in the same order, without the baseline */
    for (size_t i = 0, k = 0; v && i < nd; i++) {
        while (k < n && strcmp(v[k].name, dif[i].variant))
            k++;
        if (k == n)
            break;
        if (!v[k].ndif++)
            v[k].dif = &dif[i];
    }
    /* facts.txt: a line "variant NAME<TAB>..." per variant, in order */
    size_t k = 0;
    for (const char *p = facts; v && p && *p && k < n;) {
        const char *e = strchr(p, '\n'), *tab = strchr(p, '\t');
        size_t len = e ? (size_t)(e - p) : strlen(p), nl = strlen(v[k].name);
        if (!strncmp(p, "variant ", 8) && tab && tab < p + len && (size_t)(tab - p) == 8 + nl &&
            !strncmp(p + 8, v[k].name, nl)) {
            v[k].what = tab + 1;
            v[k].what_len = (size_t)(p + len - tab - 1);
            k++;
        }
        p = e ? e + 1 : p + len;
    }
    return v;
}

/* The row of `metric` among r[0 .. n), or NULL. */
static const crow *find_row(const crow *r, size_t n, const char *metric)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(r[i].metric, metric))
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

/* ---- the page's own inputs: plotdata/headline.txt ----------------------------- */

int report_page_inputs(const char *dir, const experiment *x, const vtable *t, double *scratch)
{
    char path[4096];
    if (report_join_path(path, sizeof path, dir, "plotdata/headline.txt") != 0)
        return -1;
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    const char *names[SCENARIO_MEASURES_MAX];
    size_t n = report_headline(x, t, names, scratch);
    fputs("# the report page's headline: question, measures, figures shown first\n", f);
    if (x->plan.question[0]) {
        fputs("question\t", f);
        for (const char *c = x->plan.question; *c; c++) /* one line */
            fputc(*c == '\n' || *c == '\t' || *c == '\r' ? ' ' : *c, f);
        fputc('\n', f);
    }
    for (size_t k = 0; k < n; k++)
        fprintf(f, "measure\t%s\n", names[k]);
    for (size_t k = 0; k < x->plan.nfigures; k++)
        fprintf(f, "figure\t%s\n", x->plan.figures[k]);
    int ok = !ferror(f);
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* ---- the page ---------------------------------------------------------------------- */

/* The values of the lines "KEY<TAB>VALUE" of text with the given key
 * (at most 64, pointing into text, not NUL-terminated). */
typedef struct strs {
    const char *s[64];
    size_t len[64], n;
} strs;

static strs values_of(const char *text, const char *key)
{
    strs r = {.n = 0};
    size_t kl = strlen(key);
    for (const char *p = text; p && *p && r.n < 64;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > kl && !strncmp(p, key, kl) && p[kl] == '\t') {
            r.s[r.n] = p + kl + 1;
            r.len[r.n++] = n - kl - 1;
        }
        p = e ? e + 1 : p + n;
    }
    return r;
}

/* One cell: a variant's value, and under it its difference from the
 * baseline (when it has one). */
static void value_cell(FILE *f, const crow *c, const crow *d, const report_row *r)
{
    char a[96];
    fputs("<td class=\"n\">", f);
    if (c && !isnan(c->ci.mean)) {
        report_fmt_ci(a, sizeof a, c->ci, r->scale, 0);
        char *br = strchr(a, '[');
        if (br) {
            br[-1] = '\0';
            fprintf(f, "%s <small>%s</small>", a, br);
        } else {
            fputs(a, f);
        }
    } else {
        fputs("&ndash;", f);
    }
    if (d && !isnan(d->ci.mean)) {
        report_fmt_ci(a, sizeof a, d->ci, r->scale, 1);
        char *br = strchr(a, '[');
        if (br)
            br[-1] = '\0';
        fprintf(f, "<br><span class=\"d\">&Delta; %s</span>", a);
        if (br)
            fprintf(f, " <small>%s</small>", br);
    }
    fputs("</td>", f);
}

/* A measure's heading: label and unit. */
static void measure_head(FILE *f, const report_row *r, const char *tag)
{
    fprintf(f, "<%s>", tag);
    esc(f, r->label, SIZE_MAX);
    if (r->unit[0])
        fprintf(f, " <small>(%s)</small>", r->unit);
    fprintf(f, "</%s>", tag);
}

/* The headline: variants as rows, the headline measures as columns. */
static void headline_table(FILE *f, const strs *ms, const vrows *var, size_t nv, const char *base)
{
    fputs("<div class=\"wide\"><table class=\"head\">\n<tr><th>variant</th>", f);
    for (size_t k = 0; k < ms->n; k++) {
        char metric[80], label[96];
        snprintf(metric, sizeof metric, "%.*s", (int)ms->len[k], ms->s[k]);
        report_row r = report_measure(metric, label, sizeof label);
        measure_head(f, &r, "th");
    }
    fputs("</tr>\n", f);
    for (size_t v = 0; v < nv; v++) {
        const vrows *x = &var[v];
        fputs("<tr><th>", f);
        esc(f, x->name, SIZE_MAX);
        if (!strcmp(x->name, base))
            fputs(" <small>(baseline)</small>", f);
        if (x->what) { /* long override lists cut, whole in the tooltip */
            size_t cut = x->what_len;
            if (cut > 120) {
                cut = 100;
                while (cut > 0 && ((unsigned char)x->what[cut] & 0xC0) == 0x80)
                    cut--; /* not inside a UTF-8 character */
            }
            fputs("<br><small class=\"set\" title=\"", f);
            esc(f, x->what, x->what_len);
            fputs("\">", f);
            esc(f, x->what, cut);
            fputs(cut < x->what_len ? "&hellip; (all: resolved.cfg)</small>" : "</small>", f);
        }
        fputs("</th>", f);
        for (size_t k = 0; k < ms->n; k++) {
            char metric[80], label[96];
            snprintf(metric, sizeof metric, "%.*s", (int)ms->len[k], ms->s[k]);
            report_row r = report_measure(metric, label, sizeof label);
            value_cell(f, find_row(x->sum, x->nsum, metric), find_row(x->dif, x->ndif, metric),
                       &r);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table></div>\n", f);
}

/* Every main measure: measures as rows, variants as columns. */
static void measures_table(FILE *f, const vrows *var, size_t nv, const char *base)
{
    int proactive = 0; /* any variant with the proactive layer on */
    for (size_t v = 0; v < nv; v++) {
        const crow *pool = find_row(var[v].sum, var[v].nsum, "offender_pool_mean");
        proactive |= pool && !isnan(pool->ci.mean);
    }
    fputs("<div class=\"wide\"><table>\n<tr><th>measure</th>", f);
    for (size_t v = 0; v < nv; v++) {
        fputs("<th>", f);
        esc(f, var[v].name, SIZE_MAX);
        if (!strcmp(var[v].name, base))
            fputs(" <small>(baseline)</small>", f);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (size_t k = 0; k < report_nrows && nv > 0; k++) {
        if (!find_row(var[0].sum, var[0].nsum, report_rows[k].metric) ||
            (report_rows[k].main == 2 && !proactive))
            continue;
        char label[96];
        report_row r = report_measure(report_rows[k].metric, label, sizeof label);
        fputs("<tr>", f);
        measure_head(f, &r, "th");
        for (size_t v = 0; v < nv; v++)
            value_cell(f, find_row(var[v].sum, var[v].nsum, r.metric),
                       find_row(var[v].dif, var[v].ndif, r.metric), &r);
        fputs("</tr>\n", f);
    }
    fputs("</table></div>\n", f);
}

/* The scorecard, when its counterfactual runs were made (the prevented
 * column is filled): per variant and station, from scorecard.csv. */
static int scorecard_table(FILE *f, const char *dir)
{
    char *text = slurp(dir, "scorecard.csv");
    if (!text)
        return 0;
    /* the columns shown, found by their names in the header line: the
       variant, the station, then numbers; a row without "prevented" had
       no counterfactual */
    enum { C_VAR, C_STATION, C_PREV = 3, C_N = 40 };
    static const struct {
        const char *name, *head;
        int digits;
    } cols[] = {{"variant", "variant", 0},
                {"station", "station", 0},
                {"incidents", "incidents", 0},
                {"prevented", "prevented by prevention work", 0},
                {"response_mean_min", "response, mean (min)", 1},
                {"arrests", "arrests", 0},
                {"out_of_control_mean", "key persons out of control", 1},
                {"satisfaction", "satisfaction (0-100)", 1},
                {"score", "score", 1}};
    enum { NCOLS = sizeof cols / sizeof cols[0] };
    int at[NCOLS], nf = 0;
    int shown = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *fld[C_N];
        int n = csv_split(line, fld, C_N);
        if (!nf) { /* the header */
            nf = n;
            for (int k = 0; k < NCOLS; k++) {
                at[k] = 0;
                while (at[k] < n && strcmp(fld[at[k]], cols[k].name))
                    at[k]++;
                if (at[k] == n)
                    nf = -1; /* not the file this page knows */
            }
            if (nf < 0)
                break;
            continue;
        }
        if (n != nf || !*fld[at[C_PREV]])
            continue; /* no counterfactual: nothing prevented to show */
        if (!shown++) {
            fputs("<p>Per station, means over the replications; <em>prevented</em> is the "
                  "counterfactual's incidents minus the variant's (the same replications "
                  "run without prevention work). Every column, and every beat, in "
                  "<a href=\"scorecard.csv\">scorecard.csv</a> and "
                  "<a href=\"scorecard_beats.csv\">scorecard_beats.csv</a>.</p>\n"
                  "<div class=\"wide tall\"><table>\n<tr>",
                  f);
            for (int k = 0; k < NCOLS; k++)
                fprintf(f, "<th>%s</th>", cols[k].head);
            fputs("</tr>\n", f);
        }
        fputs("<tr><th>", f);
        esc(f, fld[at[C_VAR]], SIZE_MAX);
        fputs("</th><td>", f);
        esc(f, fld[at[C_STATION]], SIZE_MAX);
        fputs("</td>", f);
        for (int k = C_STATION + 1; k < NCOLS; k++) {
            const char *v = fld[at[k]];
            if (*v)
                fprintf(f, "<td class=\"n\">%.*f</td>", cols[k].digits, strtod(v, NULL));
            else
                fputs("<td class=\"n\">&ndash;</td>", f);
        }
        fputs("</tr>\n", f);
    }
    if (shown)
        fputs("</table></div>\n", f);
    free(text);
    return shown > 0;
}

/* Finds the columns want[0 .. nw-1] in a header of n fields: at[k] the
 * field of want[k]. Returns n, or -1 when one is missing (not the file
 * the page knows). */
static int header_columns(char **fld, int n, const char *const *want, int nw, int *at)
{
    for (int k = 0; k < nw; k++) {
        at[k] = 0;
        while (at[k] < n && strcmp(fld[at[k]], want[k]))
            at[k]++;
        if (at[k] == n)
            return -1;
    }
    return n;
}

/* A row of the tables by hour block: its day ("all", or Mon..Sun) and hours. */
typedef struct block_key {
    char day[8];
    int a, b;
} block_key;

enum { BLOCKS_MAX = 7 * 24 };

/* The row of block (day, a .. b) among key[0 .. *n - 1], added at the end
 * when new; -1 when the table is full. */
static int block_find(block_key *key, int *n, const char *day, int a, int b)
{
    int k = 0;
    while (k < *n && !(key[k].a == a && !strcmp(key[k].day, day)))
        k++;
    if (k == *n) {
        if (*n == BLOCKS_MAX)
            return -1;
        snprintf(key[k].day, sizeof key[k].day, "%s", day);
        key[k].a = a;
        key[k].b = b;
        ++*n;
    }
    return k;
}

/* The row's heading cell: "Mon 08-12", or "08-12" every day. */
static void block_th(FILE *f, const block_key *key)
{
    fputs("<tr><th style=\"white-space: nowrap\">", f);
    if (strcmp(key->day, "all"))
        esc(f, key->day, SIZE_MAX), fputc(' ', f);
    fprintf(f, "%02d&ndash;%02d</th>", key->a, key->b);
}

/* The queueing-theory section: analytic.csv summed over the stations,
 * one row per hour block (calls and units added, P(wait) and the
 * priority-1 response weighted by calls, utilisation by units). Returns 1
 * when it wrote the table. */
static int analytic_table(FILE *f, const char *dir)
{
    char *text = slurp(dir, "analytic.csv");
    if (!text)
        return 0;
    enum { C_N = 24 };
    static const char *const want[] = {"day", "start_h", "end_h", "car_calls_per_h", "units",
                                       "utilisation_erlang", "p_wait_erlang",
                                       "response_p1_mean_min_erlang", "car_calls_per_h_sim",
                                       "utilisation_sim", "p_wait_sim",
                                       "response_p1_mean_min_sim"};
    enum { DAY, START, END, CALLS, UNITS, UE, PE, RE, CS, US, PS, RS, NW };
    int at[NW], nf = 0, nb = 0;
    block_key key[BLOCKS_MAX];
    struct block {
        double calls, units, ue, pe, re, cs, us, ps, rs, wre, wrs;
    } *bl = calloc(BLOCKS_MAX, sizeof *bl);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); bl && line;
         line = strtok_r(NULL, "\n", &save)) {
        char *fld[C_N];
        int n = csv_split(line, fld, C_N);
        if (!nf) {
            if ((nf = header_columns(fld, n, want, NW, at)) < 0)
                break;
            continue;
        }
        if (n != nf)
            continue;
        int k = block_find(key, &nb, fld[at[DAY]], atoi(fld[at[START]]), atoi(fld[at[END]]));
        if (k < 0)
            continue;
        struct block *x = &bl[k];
        double calls = strtod(fld[at[CALLS]], NULL), units = strtod(fld[at[UNITS]], NULL);
        double cs = strtod(fld[at[CS]], NULL), re = strtod(fld[at[RE]], NULL),
               rs = strtod(fld[at[RS]], NULL);
        x->calls += calls;
        x->units += units;
        x->ue += strtod(fld[at[UE]], NULL) * units;
        x->pe += strtod(fld[at[PE]], NULL) * calls;
        x->cs += cs;
        x->us += strtod(fld[at[US]], NULL) * units;
        x->ps += strtod(fld[at[PS]], NULL) * cs;
        if (isfinite(re)) {
            x->re += re * calls;
            x->wre += calls;
        }
        if (isfinite(rs)) {
            x->rs += rs * cs;
            x->wrs += cs;
        }
    }
    int shown = 0;
    for (int k = 0; k < nb; k++) {
        const struct block *x = &bl[k];
        if (!shown++)
            fputs("<p>Per hour block, all stations: what Erlang C gives from the scenario's own "
                  "rates and busy times, each station alone with its units on duty (the "
                  "PCAM model, <code>docs/model.md</code> section 7b), beside what the "
                  "simulation of the baseline measured. The model leaves out help across "
                  "stations, the patrol tier, officers away from the station when sent, "
                  "demand that changes within a block, two-unit calls, desk work and "
                  "breaks: where the columns part, those are why (<code>beatsim run --causes</code> "
                  "shows which). Per station: "
                  "<a href=\"analytic.csv\">analytic.csv</a>; "
                  "<code>beatsim staff</code> sizes the stations for targets.</p>\n"
                  "<div class=\"wide\"><table>\n<tr><th>block</th><th>car calls an hour "
                  "(model)</th><th>simulated</th><th>units</th><th>P(wait), Erlang C</th>"
                  "<th>simulated</th><th>utilisation, Erlang C</th><th>simulated</th>"
                  "<th>priority-1 response, model (min)</th><th>simulated</th></tr>\n",
                  f);
        block_th(f, &key[k]);
        fprintf(f, "<td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td>",
                x->calls, x->cs, x->units);
        fprintf(f, "<td class=\"n\">%.1f %%</td><td class=\"n\">%.1f %%</td>",
                x->calls > 0 ? 100 * x->pe / x->calls : 0, x->cs > 0 ? 100 * x->ps / x->cs : 0);
        fprintf(f, "<td class=\"n\">%.1f %%</td><td class=\"n\">%.1f %%</td>",
                x->units > 0 ? 100 * x->ue / x->units : 0, x->units > 0 ? 100 * x->us / x->units : 0);
        if (x->wre > 0)
            fprintf(f, "<td class=\"n\">%.1f</td>", x->re / x->wre);
        else
            fputs("<td class=\"n\">&ndash;</td>", f);
        if (x->wrs > 0)
            fprintf(f, "<td class=\"n\">%.1f</td></tr>\n", x->rs / x->wrs);
        else
            fputs("<td class=\"n\">&ndash;</td></tr>\n", f);
    }
    if (shown)
        fputs("</table></div>\n<p class=\"note\">Stations the model finds overloaded in a "
              "block (more work than units) are left out of that block's model response; "
              "simulated P(wait) counts the calls no unit anywhere could be sent to at "
              "once.</p>\n", f);
    free(bl);
    free(text);
    return shown > 0;
}

/* A cell "x [lo, hi]" of a measure: value, 95 % half-width, scale. */
static void causes_cell(FILE *f, const char *v, const char *half, double scale, const char *unit)
{
    double x = strtod(v, NULL), h = strtod(half, NULL);
    if (!*v)
        fputs("<td class=\"n\">&ndash;</td>", f);
    else if (*half && isfinite(h))
        fprintf(f, "<td class=\"n\">%.2f%s <span class=\"ci\">&plusmn; %.2f</span></td>",
                x * scale, unit, h * scale);
    else
        fprintf(f, "<td class=\"n\">%.2f%s</td>", x * scale, unit);
}

/* The ladder of run --causes (causes.csv): a lead naming the steps that
 * moved the simulated P(wait) most, then a row a step, the simulated
 * measures beside Erlang C's. Returns 1 when it wrote the table. */
static int causes_table(FILE *f, const char *dir)
{
    char *text = slurp(dir, "causes.csv");
    if (!text)
        return 0;
    enum { C_N = 32, ROWS = CAUSES + 1 };
    static const char *const want[] = {"off", "cells", "unstable_cells", "overloaded",
                                       "p_wait_sim", "p_wait_sim_half", "p_wait_erlang",
                                       "wait_min_sim", "wait_min_sim_half", "wait_min_erlang",
                                       "wait_p1_min_sim", "wait_p1_min_sim_half",
                                       "wait_p1_min_erlang", "utilisation_sim",
                                       "utilisation_erlang"};
    enum { OFF, CELLS, UNST, OVER, PS, PH, PE, WS, WH, WE, W1S, W1H, W1E, US, UE, NW };
    char *row[ROWS][NW];
    int at[NW], nf = 0, n = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && n < ROWS;
         line = strtok_r(NULL, "\n", &save)) {
        char *fld[C_N];
        int m = csv_split(line, fld, C_N);
        if (!nf) {
            if ((nf = header_columns(fld, m, want, NW, at)) < 0)
                break;
            continue;
        }
        if (m != nf)
            continue;
        for (int k = 0; k < NW; k++)
            row[n][k] = fld[at[k]];
        n++;
    }
    if (n == 0) {
        free(text);
        return 0;
    }
    /* the two steps that moved the simulated P(wait) most */
    int top[2] = {-1, -1};
    double move[ROWS] = {0};
    for (int r = 1; r < n; r++) {
        if (!*row[r][PS] || !*row[r - 1][PS])
            continue;
        move[r] = strtod(row[r][PS], NULL) - strtod(row[r - 1][PS], NULL);
        if (top[0] < 0 || fabs(move[r]) > fabs(move[top[0]])) {
            top[1] = top[0];
            top[0] = r;
        } else if (top[1] < 0 || fabs(move[r]) > fabs(move[top[1]])) {
            top[1] = r;
        }
    }
    const char *unst = row[0][UNST];
    fputs("<h3>Why the two differ</h3>\n<p>", f);
    for (int q = 0; q < 2; q++) {
        int r = top[q], k = 0;
        if (r < 0)
            break;
        while (k < CAUSES && strcmp(row[r][OFF], cause_names[k]))
            k++;
        fputs(q ? "; switching off " : "Switching off ", f);
        esc(f, k < CAUSES ? cause_labels[k] : row[r][OFF], SIZE_MAX);
        fprintf(f, " %s %s by %.1f points", move[r] > 0 ? "raised" : "lowered",
                q ? "it" : "the simulated P(wait)", 100 * fabs(move[r]));
    }
    fprintf(f, "%s The baseline simulated again on the same calls with its departures from "
               "Erlang C's model switched off one after another, each row with those of the "
               "rows above it off too (<code>beatsim run --causes</code>; "
               "<code>docs/model.md</code> &ldquo;Why the simulation and Erlang C "
               "differ&rdquo;: the order matters, a step's share of the gap depends on what "
               "is already off). Over the %s station-blocks where Erlang C is stable",
            top[0] >= 0 ? "." : "", row[0][CELLS]);
    if (strcmp(unst, "0"))
        fprintf(f, " (%s left out: more work than units)", unst);
    fputs("; means over the replications &plusmn; the half-width of the 95 % interval. After "
          "the last row the simulation is Erlang C's model but for officers finishing calls "
          "after their shift and a block's queue carried into the next. Per step: "
          "<a href=\"causes.csv\">causes.csv</a>.</p>\n<div class=\"wide\"><table>\n<tr>"
          "<th>switched off</th><th>P(wait), simulated</th><th>Erlang C</th><th>mean wait, "
          "simulated (min)</th><th>Erlang C</th><th>priority 1 (min)</th><th>Erlang C</th>"
          "<th>utilisation, simulated</th><th>Erlang C</th></tr>\n", f);
    for (int r = 0; r < n; r++) {
        int k = 0;
        while (k < CAUSES && strcmp(row[r][OFF], cause_names[k]))
            k++;
        fputs("<tr><th>", f);
        if (!strcmp(row[r][OFF], "none"))
            fputs("nothing (as given)", f);
        else
            fputs("+ ", f), esc(f, k < CAUSES ? cause_labels[k] : row[r][OFF], SIZE_MAX);
        fputs("</th>", f);
        if (!strcmp(row[r][OVER], "1")) {
            fputs("<td colspan=\"8\">overloaded: the calls outgrew the units</td></tr>\n", f);
            continue;
        }
        causes_cell(f, row[r][PS], row[r][PH], 100, " %");
        causes_cell(f, row[r][PE], "", 100, " %");
        causes_cell(f, row[r][WS], row[r][WH], 1, "");
        causes_cell(f, row[r][WE], "", 1, "");
        causes_cell(f, row[r][W1S], row[r][W1H], 1, "");
        causes_cell(f, row[r][W1E], "", 1, "");
        causes_cell(f, row[r][US], "", 100, " %");
        causes_cell(f, row[r][UE], "", 100, " %");
        fputs("</tr>\n", f);
    }
    fputs("</table></div>\n", f);
    free(text);
    return 1;
}

/* run --hypercube (hypercube.csv): per block over the stations solved, the
 * model's share of calls answered by the call's own beat officer and from
 * another base, beside the simulated own-beat share, and the least and
 * most busy base. Returns 1 when it wrote the table. */
static int hypercube_table(FILE *f, const char *dir)
{
    char *text = slurp(dir, "hypercube.csv");
    if (!text)
        return 0;
    enum { C_N = 24 };
    static const char *const want[] = {"day", "start_h", "end_h", "status", "units",
                                       "beat_units", "car_calls_per_h", "cross_share",
                                       "own_beat_share", "workload_min", "workload_max",
                                       "own_beat_share_sim"};
    enum { DAY, START, END, STATUS, UNITS, BEATU, CALLS, CROSS, OWN, WMIN, WMAX, OWNS, NW };
    block_key key[BLOCKS_MAX];
    struct block {
        int cells, solved;
        double units, beat_units, calls, cross, wown, own, owns, wmin, wmax;
    } *bl = calloc(BLOCKS_MAX, sizeof *bl);
    int at[NW], nf = 0, nb = 0;
    double all_w = 0, all_own = 0, all_owns = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); bl && line;
         line = strtok_r(NULL, "\n", &save)) {
        char *fld[C_N];
        int n = csv_split(line, fld, C_N);
        if (!nf) {
            if ((nf = header_columns(fld, n, want, NW, at)) < 0)
                break;
            continue;
        }
        if (n != nf)
            continue;
        int k = block_find(key, &nb, fld[at[DAY]], atoi(fld[at[START]]), atoi(fld[at[END]]));
        if (k < 0)
            continue;
        struct block *x = &bl[k];
        if (!x->cells++) {
            x->wmin = INFINITY;
            x->wmax = -INFINITY;
        }
        if (strcmp(fld[at[STATUS]], "solved"))
            continue;
        double calls = strtod(fld[at[CALLS]], NULL);
        x->solved++;
        x->units += strtod(fld[at[UNITS]], NULL);
        x->beat_units += strtod(fld[at[BEATU]], NULL);
        x->calls += calls;
        x->cross += strtod(fld[at[CROSS]], NULL) * calls;
        x->wmin = fmin(x->wmin, strtod(fld[at[WMIN]], NULL));
        x->wmax = fmax(x->wmax, strtod(fld[at[WMAX]], NULL));
        if (*fld[at[OWN]] && *fld[at[OWNS]]) {
            double o = strtod(fld[at[OWN]], NULL), os = strtod(fld[at[OWNS]], NULL);
            x->wown += calls;
            x->own += o * calls;
            x->owns += os * calls;
            all_w += calls;
            all_own += o * calls;
            all_owns += os * calls;
        }
    }
    int shown = 0;
    for (int k = 0; k < nb; k++) {
        const struct block *x = &bl[k];
        if (!shown++) {
            fputs("<h3>Larson's hypercube model of each station</h3>\n<p>", f);
            if (all_w > 0)
                fprintf(f, "With every unit waiting at its base, the model sends %.0f %% of "
                           "the calls of beats with a beat officer on duty to that officer; "
                           "in the simulation the beat officers answer %.0f %% of them: a "
                           "gap is time they spend away from their base or on other work, "
                           "which the model does not see. ",
                        100 * all_own / all_w, 100 * all_owns / all_w);
            fputs("Per block, the stations of up to 12 units on duty (<code>beatsim run "
                  "--hypercube</code>; <code>docs/model.md</code> 7b): each beat's calls go "
                  "to the first free unit of its preference list under the scenario's "
                  "dispatch policy; P(wait) is Erlang C's, what the model adds is who answers "
                  "which beat and how unequal the workloads are. Per station: "
                  "<a href=\"hypercube.csv\">hypercube.csv</a>.</p>\n<div class=\"wide\">"
                  "<table>\n<tr><th>block</th><th>stations solved</th><th>units</th>"
                  "<th>of them beat officers</th><th>calls to their own beat officer, model"
                  "</th><th>simulated</th><th>answered from another base, model</th>"
                  "<th>least busy base</th><th>busiest base</th></tr>\n", f);
        }
        block_th(f, &key[k]);
        fprintf(f, "<td class=\"n\">%d of %d</td>", x->solved, x->cells);
        if (!x->solved) {
            fputs("<td colspan=\"7\">&ndash;</td></tr>\n", f);
            continue;
        }
        fprintf(f, "<td class=\"n\">%.0f</td><td class=\"n\">%.0f</td>", x->units,
                x->beat_units);
        if (x->wown > 0)
            fprintf(f, "<td class=\"n\">%.1f %%</td><td class=\"n\">%.1f %%</td>",
                    100 * x->own / x->wown, 100 * x->owns / x->wown);
        else
            fputs("<td class=\"n\">&ndash;</td><td class=\"n\">&ndash;</td>", f);
        fprintf(f, "<td class=\"n\">%.1f %%</td><td class=\"n\">%.1f %%</td>"
                   "<td class=\"n\">%.1f %%</td></tr>\n",
                x->calls > 0 ? 100 * x->cross / x->calls : 0, 100 * x->wmin, 100 * x->wmax);
    }
    if (shown)
        fputs("</table></div>\n", f);
    free(bl);
    free(text);
    return shown > 0;
}

/* The files of the folder, linked, with what each holds. */
static const struct {
    const char *file, *what;
} folder_files[] = {
    {"summary.csv", "every measure of every variant: mean, sd and 95 % interval"},
    {"differences.csv", "every measure's paired difference from the baseline"},
    {"replications.csv", "every measure of every replication"},
    {"by_hour.csv", "calls, response, officers on duty and coverage by hour of day and week"},
    {"by_beat.csv", "calls, response and coverage per beat"},
    {"by_officer.csv", "hours busy per officer"},
    {"daily.csv", "the day-by-day series"},
    {"scorecard.csv", "the target-management scorecard per station"},
    {"scorecard_beats.csv", "the scorecard per beat"},
    {"analytic.csv", "Erlang C per station and hour block beside the simulation (baseline)"},
    {"hypercube.csv", "run --hypercube: Larson's hypercube model of each station and block "
                      "beside the simulation"},
    {"causes.csv", "run --causes: the baseline with its departures from Erlang C switched off "
                   "one after another"},
    {"sensitivity.csv", "the sensitivity analysis: each setting's indices per output, with "
                        "95 % bootstrap intervals"},
    {"sensitivity_points.csv", "the sensitivity analysis's design points: each one's "
                               "settings and outputs"},
    {"resolved.cfg", "every setting of the run, as a scenario file that reruns it"},
    {"manifest", "version, seed, command line and the list of files"},
};

static const char page_style[] =
    "body{font-family:system-ui,'DejaVu Sans','WenQuanYi Micro Hei',"
    "sans-serif;max-width:1100px;margin:1.2em auto;padding:0 1em;color:#222;"
    "line-height:1.4}\n"
    "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;"
    "border-bottom:1px solid #ccc}\n"
    "p.q{font-size:1.15em;margin:.3em 0 .6em}\n"
    "nav{font-size:.9em;margin:.4em 0 .8em}nav a{margin-right:1em}\n"
    "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em;"
    "white-space:pre-wrap;overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;font-size:.9em;margin:.4em 0}\n"
    "td,th{border:1px solid #ddd;padding:.3em .6em;vertical-align:top}\n"
    "th{background:#f0f0f0;text-align:left;font-weight:600}\n"
    "td.n{text-align:right;white-space:nowrap}\n"
    "table.facts th{white-space:nowrap}table.facts td{overflow-wrap:anywhere}\n"
    "div.wide{max-width:100%;overflow-x:auto}div.tall{max-height:32em;overflow-y:auto}\n"
    "div.wide tr>:first-child{position:sticky;left:0;z-index:1}\n"
    "div.wide td:first-child{background:#fff}\n"
    "table.head th{max-width:14em}table.head tr>th:first-child{min-width:16em;max-width:24em}\n"
    "small.set{font-weight:normal;overflow-wrap:anywhere}\n"
    "p.run{margin:.2em 0}p.note{font-size:.85em;color:#444}\n"
    "small{color:#555}.d{color:#14527a}\n"
    "figure{margin:1.2em 0}figure svg{width:100%;height:auto;max-width:900px;"
    "display:block}\nfigcaption{font-size:.9em;color:#444}\n";

/* Figure `name` with its caption, numbered; 1 if drawn. */
static int figure(FILE *f, const char *dir, const char *name, const char *caption, int *nfig)
{
    fprintf(f, "<figure id=\"fig-%s\">\n", name);
    if (!inline_svg(f, dir, name)) {
        fputs("</figure>\n", f);
        return 0;
    }
    fprintf(f, "<figcaption>Figure %d. %s</figcaption>\n</figure>\n", ++*nfig, caption);
    return 1;
}

/* The sensitivity analysis (sensitivity.csv): per output, a row per
 * setting with each index and its bootstrap interval, then the output's
 * figure. Returns 1 when the folder has one, else 0. */
/* Column `name` of sensitivity_points.csv: the points where it is above
 * and below 0 (the sign of a compared difference). Returns the points,
 * or 0 when the column is missing. */
static size_t points_sign(const char *dir, const char *name, size_t *above, size_t *below)
{
    char *text = slurp(dir, "sensitivity_points.csv"), *save = NULL;
    int col = -1;
    size_t n = 0;
    *above = *below = 0;
    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        char *fld[80];
        int nf = csv_split(line, fld, 80);
        if (col < 0) { /* the header */
            for (int c = 0; c < nf; c++)
                col = !strcmp(fld[c], name) ? c : col;
            if (col < 0)
                break;
            continue;
        }
        if (col < nf && *fld[col]) {
            double v = strtod(fld[col], NULL);
            *above += v > 0;
            *below += v < 0;
            n++;
        }
    }
    free(text);
    return n;
}

static int sensitivity_section(FILE *f, const char *dir, int *nfig)
{
    char *text = slurp(dir, "sensitivity.csv"), *save = NULL, out[64] = "", set[160] = "";
    if (!text)
        return 0;
    int first = 1, nout = 0, morris = 0;
    fputs("<h2 id=\"sensitivity\">Sensitivity analysis</h2>\n", f);
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *fld[8];
        if (first || csv_split(line, fld, 8) < 7) {
            first = 0;
            continue;
        }
        morris = !strcmp(fld[0], "morris");
        if (strcmp(out, fld[1])) { /* a new output: its table */
            if (nout++) {
                char name[96];
                snprintf(name, sizeof name, "sensitivity_%s", out);
                fputs("</tr></table></div>\n", f);
                figure(f, dir, nout == 2 ? "sensitivity" : name, "The table above as bars.", nfig);
            }
            snprintf(out, sizeof out, "%s", fld[1]);
            set[0] = '\0';
            /* with compare the output is a difference: NAME_difference */
            char label[96], metric[64];
            size_t len = strlen(out), sl = strlen("_difference");
            int diff = len > sl && !strcmp(out + len - sl, "_difference");
            snprintf(metric, sizeof metric, "%.*s", (int)(diff ? len - sl : len), out);
            report_row row = report_measure(metric, label, sizeof label);
            size_t above, below, np = diff ? points_sign(dir, out, &above, &below) : 0;
            if (np) {
                fputs("<p>Difference in ", f);
                esc(f, row.label, SIZE_MAX);
                fprintf(f, ", compared less as designed: above 0 at %zu of %zu points, below "
                           "at %zu.</p>\n", above, np, below);
            }
            fputs("<div class=\"wide\"><table><caption>", f);
            esc(f, diff ? "difference in " : "", SIZE_MAX);
            esc(f, row.label, SIZE_MAX);
            if (morris && row.unit[0]) { /* the effects are in the output's unit */
                fputs(" (", f);
                esc(f, strcmp(row.unit, "%") ? row.unit : "as a fraction", SIZE_MAX);
                fputs(")", f);
            }
            fputs(morris ? "</caption>\n<tr><th>setting</th><th>&mu;* (mean |effect|)</th>"
                           "<th>&mu; (mean effect)</th><th>&sigma; (spread)</th>"
                         : "</caption>\n<tr><th>setting</th><th>S1 (first order)</th>"
                           "<th>ST (total)</th>", f);
        }
        if (strcmp(set, fld[2])) { /* a new row */
            snprintf(set, sizeof set, "%s", fld[2]);
            fputs("</tr>\n<tr><th>", f);
            esc(f, set, SIZE_MAX);
            fputs("</th>", f);
        }
        char est[48], ci[48];
        report_sa_index_text(*fld[4] ? strtod(fld[4], NULL) : NAN,
                             *fld[5] ? strtod(fld[5], NULL) : NAN,
                             *fld[6] ? strtod(fld[6], NULL) : NAN, est, ci, sizeof est);
        if (!*est)
            fputs("<td>&ndash;</td>", f);
        else if (!*ci)
            fprintf(f, "<td>%s</td>", est);
        else /* ci is " [lo, hi]" */
            fprintf(f, "<td>%s <span class=\"ci\">%s</span></td>", est, ci + 1);
    }
    if (nout) {
        char name[96];
        snprintf(name, sizeof name, "sensitivity_%s", out);
        fputs("</tr></table></div>\n", f);
        figure(f, dir, nout == 1 ? "sensitivity" : name, "The table above as bars.", nfig);
    }
    fprintf(f, "<p class=\"note\">%s 95 %% bootstrap intervals over the design's %s. Each "
               "design point is a variant of the headline below (sensitivity_points.csv: "
               "its settings and outputs).</p>\n",
            morris ? "Morris elementary effects: the change in the output when a setting "
                     "moves across its whole range (in quantiles of its distribution), in "
                     "the output's own unit (shares as fractions); &mu;* ranks the settings, "
                     "&sigma; large beside &mu;* means interactions or curvature."
                   : "Sobol' indices: the share of the output's variance over the design "
                     "that a setting explains alone (S1) and with its interactions (ST); "
                     "estimates of few rows can fall outside 0&ndash;1.",
            morris ? "trajectories" : "rows");
    free(text);
    return 1;
}

static void html_page(FILE *f, const char *dir)
{
    char *manifest = slurp(dir, "manifest"), *about = slurp(dir, "plotdata/about.txt");
    char *facts = slurp(dir, "plotdata/facts.txt"), *head = slurp(dir, "plotdata/headline.txt");
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
    size_t nv;
    vrows *var = variants_of(sum, ns, dif, nd, facts, &nv);
    strs question = values_of(head, "question"), ms = values_of(head, "measure");
    strs lead = values_of(head, "figure");

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>beatsim: ", f);
    esc(f, name, SIZE_MAX);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", page_style);
    esc(f, name, SIZE_MAX);
    fputs("</h1>\n", f);
    if (question.n) {
        fputs("<p class=\"q\">", f);
        esc(f, question.s[0], question.len[0]);
        fputs("</p>\n", f);
    }
    /* what was run, from the resolved settings: one paragraph */
    strs town = values_of(facts, "city"), run = values_of(facts, "run");
    strs seed = values_of(facts, "seed"), scen = values_of(facts, "scenario");
    fputs("<p class=\"run\">", f);
    if (run.n) {
        esc(f, run.s[0], run.len[0]);
        fputs(", seed ", f);
        esc(f, seed.n ? seed.s[0] : "?", seed.n ? seed.len[0] : SIZE_MAX);
    }
    if (town.n) {
        fputs("; the city: ", f);
        esc(f, town.s[0], town.len[0]);
    }
    if (scen.n) {
        fputs(". Scenario ", f);
        esc(f, scen.s[0], scen.len[0]);
    }
    fputs(".</p>\n", f);
    /* a sensitivity analysis answers first: its section leads the page */
    char *sens = NULL;
    size_t sens_len = 0;
    int sens_figs = 0;
    FILE *ssf = open_memstream(&sens, &sens_len);
    int has_sens = ssf && sensitivity_section(ssf, dir, &sens_figs);
    if (ssf)
        fclose(ssf);
    fputs("<nav>Contents: ", f);
    if (has_sens)
        fputs("<a href=\"#sensitivity\">Sensitivity analysis</a>", f);
    fputs("<a href=\"#headline\">Headline</a><a href=\"#figures\">Figures</a>", f);
    char *score = NULL; /* the scorecard section, made first to know if it exists */
    size_t score_len = 0;
    FILE *sf = open_memstream(&score, &score_len);
    int has_score = sf && scorecard_table(sf, dir);
    if (sf)
        fclose(sf);
    if (has_score)
        fputs("<a href=\"#scorecard\">Scorecard</a>", f);
    char *queue = NULL; /* the queueing-theory section, likewise */
    size_t queue_len = 0;
    FILE *qf = open_memstream(&queue, &queue_len);
    int has_queue = qf && analytic_table(qf, dir);
    has_queue = (qf && hypercube_table(qf, dir)) || has_queue;
    has_queue = (qf && causes_table(qf, dir)) || has_queue;
    if (qf)
        fclose(qf);
    if (has_queue)
        fputs("<a href=\"#queueing\">Queueing theory</a>", f);
    fputs("<a href=\"#measures\">All main measures</a><a href=\"#files\">Files</a>"
          "<a href=\"#scenario\">Scenario file and manifest</a></nav>\n", f);

    if (has_sens)
        fwrite(sens, 1, sens_len, f);
    free(sens);
    fputs("<h2 id=\"headline\">Headline</h2>\n", f);
    if (nv)
        headline_table(f, &ms, var, nv, base);
    fputs("<p class=\"note\">Means over the replications, 95 % confidence intervals in "
          "brackets (Student-t; a share's kept within 0&ndash;100 %), rounded to what the "
          "interval supports; no brackets: the same in every replication, or one "
          "replication. <span class=\"d\">&Delta;</span>: the difference from the "
          "baseline, paired replication by replication (the variants see the same "
          "calls), with its own interval.</p>\n", f);

    /* the figures: those the scenario names first, then the rest */
    fputs("<h2 id=\"figures\">Figures</h2>\n", f);
    size_t ncap = sizeof figure_captions / sizeof figure_captions[0];
    unsigned char done[64] = {0};
    int nfig = sens_figs; /* numbered after the sensitivity figures */
    for (size_t j = 0; j < lead.n; j++)
        for (size_t k = 0; k < ncap && k < 64; k++)
            if (!done[k] && strlen(figure_captions[k].name) == lead.len[j] &&
                !strncmp(figure_captions[k].name, lead.s[j], lead.len[j])) {
                done[k] = 1;
                figure(f, dir, figure_captions[k].name, figure_captions[k].caption, &nfig);
            }
    for (size_t k = 0; k < ncap; k++)
        if (k >= 64 || !done[k])
            figure(f, dir, figure_captions[k].name, figure_captions[k].caption, &nfig);
    if (!nfig && !sens_figs)
        fputs("<p>No figures: gnuplot was not available or --no-plots was given.</p>\n", f);

    if (has_score) {
        fputs("<h2 id=\"scorecard\">Scorecard</h2>\n", f);
        fwrite(score, 1, score_len, f);
    }
    free(score);
    if (has_queue) {
        fputs("<h2 id=\"queueing\">Queueing theory beside the simulation</h2>\n", f);
        fwrite(queue, 1, queue_len, f);
    }
    free(queue);

    fputs("<h2 id=\"measures\">All main measures</h2>\n", f);
    measures_table(f, var, nv, base);

    fputs("<h2 id=\"files\">Files</h2>\n<p>Beside this page, in the results folder "
          "(columns: docs/outputs.md):</p>\n<ul>\n", f);
    for (size_t k = 0; k < sizeof folder_files / sizeof folder_files[0]; k++) {
        char path[4096];
        if (report_join_path(path, sizeof path, dir, folder_files[k].file) == 0 &&
            access(path, F_OK) == 0)
            fprintf(f, "<li><a href=\"%s\">%s</a>: %s</li>\n", folder_files[k].file,
                    folder_files[k].file, folder_files[k].what);
    }
    fputs("<li>figures/: every figure as PNG and SVG; plotdata/: their inputs</li>\n</ul>\n",
          f);

    fputs("<h2 id=\"scenario\">Scenario file and manifest</h2>\n<details><summary>The "
          "scenario file's own description</summary>\n<pre>", f);
    esc(f, about ? about : "", SIZE_MAX);
    fputs("</pre></details>\n<details><summary>Manifest</summary>\n<pre>", f);
    /* the manifest without its list of files (the same after beatsim plot) */
    const char *list = manifest ? strstr(manifest, "\n" FILE_LINE) : NULL;
    esc(f, manifest ? manifest : "", list ? (size_t)(list - manifest) + 1 : SIZE_MAX);
    fputs("</pre></details>\n", f);
    /* A check a browser runs on load: how many figures it drew with a
       non-empty size, whether the page is wider than the window, and
       whether any script error happened (the test suite reads these
       attributes in headless Chromium). */
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
          "  var de = document.documentElement;\n"
          "  document.body.setAttribute('data-overflow',\n"
          "    de.scrollWidth > de.clientWidth ? String(de.scrollWidth) : 'no');\n"
          "  var h = document.getElementById('headline');\n"
          "  document.body.setAttribute('data-headline-top',\n"
          "    h ? String(Math.round(h.getBoundingClientRect().top)) : 'none');\n"
          "  if (!document.body.hasAttribute('data-errors'))\n"
          "    document.body.setAttribute('data-errors', 'no');\n"
          "});\n</script>\n</body>\n</html>\n", f);
    free(var);
    free(manifest);
    free(about);
    free(facts);
    free(head);
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
