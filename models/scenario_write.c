/* scenario_write.c - writing a scenario file.
 *
 * Numbers and text in scenario-file syntax, and the writer
 * (scenario_write): it walks the setting tables (scenario_fields.c) and
 * writes every setting resolved, each number so that it reads back bit
 * for bit, and the experiment section as the file gave it.
 */
#include "scenario_internal.h"

#include "sim_gsa.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers and text in scenario-file syntax ------------------------------------------ */

/* v in the shortest form that reads back as the same double, without an
 * exponent below 1e17 ("0.1", "3000", "1e+300"). */
static const char *fmt_exact(double v, char buf[40])
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, 40, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    const char *x = strchr(buf, 'e');
    if (x && atoi(x + 1) >= 0 && atoi(x + 1) < 17) {
        snprintf(buf, 40, "%.*g", atoi(x + 1) + 1, v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, 40, "%.17g", v);
    }
    return buf;
}

/* v as a libconfig float: fmt_exact, with ".0" after a whole number. */
static const char *fmt_float(double v, char buf[40])
{
    fmt_exact(v, buf);
    if (!strpbrk(buf, ".eni"))
        strcat(buf, ".0");
    return buf;
}

/* v as a libconfig integer, with "L" outside the range of int, where
 * libconfig 1.5 would otherwise wrap it. */
const char *scn_fmt_whole(long long v, char buf[40])
{
    snprintf(buf, 40, "%lld%s", v, v > INT_MAX || v < INT_MIN ? "L" : "");
    return buf;
}

/* Character c as it goes inside a scenario-file string (libconfig's
 * escapes \" \\ \n \r \t \f \xNN). */
static const char *escape(unsigned char c, char piece[8])
{
    static const char from[] = "\"\\\n\r\t\f", to[] = "\"\\nrtf";
    const char *k = c ? strchr(from, c) : NULL;
    if (k)
        snprintf(piece, 8, "\\%c", to[k - from]);
    else if (c < 0x20 || c == 0x7f)
        snprintf(piece, 8, "\\x%02x", c);
    else
        snprintf(piece, 8, "%c", c);
    return piece;
}

/* t as a scenario-file string "...", into buf like snprintf: returns the
 * length of the whole text. */
static size_t quote(const char *t, char *buf, size_t size)
{
    char piece[8];
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    for (const char *c = t - 1; c == t - 1 || *c; c++) {
        const char *add = c < t ? "\"" : escape((unsigned char)*c, piece);
        if (n < size)
            snprintf(buf + n, size - n, "%s", add);
        n += strlen(add);
    }
    if (n + 1 < size)
        strcat(buf, "\"");
    return n + 1;
}

static void write_string(FILE *f, const char *t)
{
    char piece[8];
    fputc('"', f);
    for (; *t; t++)
        fputs(escape((unsigned char)*t, piece), f);
    fputc('"', f);
}

/* A double as a sweep value: fmt_exact, so 3000.0 is "3000" (read back as
 * a whole number, which every number setting takes), but with ".0" where
 * libconfig 1.5 would wrap the whole number ("3000000000.0"). */
const char *scn_fmt_value(double v, char buf[40])
{
    fmt_exact(v, buf);
    if (!strpbrk(buf, ".eni") && (v > INT_MAX || v < INT_MIN))
        strcat(buf, ".0");
    return buf;
}

/* The text of scalar st in scenario-file syntax ("3000", "0.5",
 * "\"office\"", "true"), cut to size; NULL if st is no scalar. */
const char *scn_value_text(const config_setting_t *st, char *buf, size_t size)
{
    char num[40];
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        snprintf(buf, size, "%s", scn_fmt_whole(config_setting_get_int64(st), num));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, size, "%s", scn_fmt_value(config_setting_get_float(st), num));
        break;
    case CONFIG_TYPE_BOOL:
        snprintf(buf, size, "%s", config_setting_get_bool(st) ? "true" : "false");
        break;
    case CONFIG_TYPE_STRING:
        quote(config_setting_get_string(st), buf, size);
        break;
    default:
        return NULL;
    }
    return buf;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* The RULE bit of the struct at base if table f has a staffing rule, else 0. */
static unsigned rules_of(const field *f, size_t nf, const void *base)
{
    for (size_t i = 0; i < nf; i++) {
        if (!strcmp(f[i].name, "rule")) {
            int r = *(const int *)((const char *)base + f[i].offset);
            return r >= 0 && r < f[i].n ? RULE(r) : 0;
        }
    }
    return 0;
}

/* Writes the value of field fi of the struct at base; long weight lists
 * wrap onto lines starting at column col (col < 0: no wrapping). */
static void write_value(FILE *f, const field *fi, const void *base, int col)
{
    const char *p = (const char *)base + fi->offset;
    char num[40], text[SCENARIO_NAME_MAX];
    switch (fi->kind) {
    case K_REAL:
        fputs(fmt_float(*(const double *)p, num), f);
        break;
    case K_COUNT: {
        double v = *(const double *)p;
        fputs(fabs(v) < 9e18 ? scn_fmt_whole((long long)v, num) : fmt_exact(v, num), f);
        break;
    }
    case K_INT:
    case K_LEVEL:
        fprintf(f, "%d", *(const int *)p);
        break;
    case K_SEED: {
        unsigned long long v = *(const uint64_t *)p;
        fprintf(f, "%llu%s", v, v > INT_MAX ? "L" : "");
        break;
    }
    case K_BOOL:
        fputs(*(const int *)p ? "true" : "false", f);
        break;
    case K_ENUM: {
        int v = *(const int *)p;
        if (v >= 0 && v < fi->n)
            write_string(f, fi->words[v]);
        else
            fprintf(f, "%d", v);
        break;
    }
    case K_TEXT:
        snprintf(text, sizeof text, "%.*s", SCENARIO_NAME_MAX - 1, p);
        write_string(f, text);
        break;
    case K_WEIGHTS:
        fputs("[ ", f);
        for (int k = 0; k < fi->n; k++) {
            if (k && k % 8 == 0 && col >= 0)
                fprintf(f, ",\n%*s", col, "");
            else if (k)
                fputs(", ", f);
            double v = ((const double *)p)[k];
            if ((fi->flags & WHOLE) && fabs(v) < 9e18)
                fputs(scn_fmt_whole((long long)v, num), f);
            else
                fputs(fmt_float(v, num), f);
        }
        fputs(" ]", f);
        break;
    case K_SECTION:
        break;
    }
}

/* Writes "name = value;" for every setting of table t in the struct at
 * base, the first where the file stands; the others on new lines at
 * column indent, or on the same line when indent < 0. Sections and the
 * numbers of other staffing rules are left out. */
/* 1 if setting fi of the struct at base holds the value the reader
 * derives when the setting is left out: a beat's households from its
 * residents, a new incident type's sd from its mean. Such values are not
 * written, so that a variant changing the residents or the mean derives
 * them again, exactly as it did in the run that wrote the file. */
static int derived(const field *t, const field *fi, const void *base)
{
    if (t == scn_beat_fields && !strcmp(fi->name, "households")) {
        const beat_spec *b = base;
        return b->households == b->residents / DEFAULT_HOUSEHOLD_SIZE;
    }
    if (t == scn_type_fields && !strcmp(fi->name, "scene_sd_min")) {
        const incident_type *k = base;
        return scn_builtin_type(k->name) < 0 && k->scene_sd_min == k->scene_mean_min;
    }
    return 0;
}

static void write_fields(FILE *f, int indent, const field *t, size_t nt, const void *base)
{
    unsigned rules = rules_of(t, nt, base);
    int first = 1;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind == K_SECTION || ((t[i].flags & RULE_BITS) && !(t[i].flags & rules)) ||
            derived(t, &t[i], base))
            continue;
        if (!first)
            fprintf(f, indent < 0 ? " " : "\n%*s", indent, "");
        first = 0;
        fprintf(f, "%s = ", t[i].name);
        write_value(f, &t[i], base, indent < 0 ? -1 : indent + (int)strlen(t[i].name) + 5);
        fputc(';', f);
    }
}

/* Writes `name = ( { ... }, ... );` at column indent: n entries of table
 * t lying stride bytes apart from first, each on one line or one setting
 * a line. */
static void write_list(FILE *f, int indent, const char *name, const field *t, size_t nt,
                       const void *first, size_t stride, size_t n, int one_line)
{
    fprintf(f, "%*s%s = (\n", indent, "", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%*s{ ", indent + 2, "");
        write_fields(f, one_line ? -1 : indent + 4, t, nt, (const char *)first + i * stride);
        fprintf(f, " }%s\n", i + 1 < n ? "," : "");
    }
    fprintf(f, "%*s);\n", indent, "");
}

/* A list of names: [ "a", "b" ]. */
static void write_names(FILE *f, const char *key, const char *names, size_t width, size_t n)
{
    fprintf(f, "  %s = [ ", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        write_string(f, names + i * width);
    }
    fputs(" ];\n", f);
}

/* The report section, when the file has one. */
static void write_report(FILE *f, const scenario_plan *p)
{
    if (!p->question[0] && !p->nmeasures && !p->nfigures)
        return;
    fputs("\n# What the scenario asks, and what answers it.\nreport = {\n", f);
    if (p->question[0]) {
        fputs("  question = ", f);
        write_string(f, p->question);
        fputs(";\n", f);
    }
    if (p->nmeasures)
        write_names(f, "measures", p->measures[0], sizeof p->measures[0], p->nmeasures);
    if (p->nfigures)
        write_names(f, "figures", p->figures[0], sizeof p->figures[0], p->nfigures);
    fputs("};\n", f);
}

/* The output section, when it says anything. */
static void write_output(FILE *f, const scenario_plan *p)
{
    if (!p->calls && !p->calls_reps)
        return;
    fprintf(f, "\n# What the run writes besides the results.\noutput = {\n  calls = %s;\n",
            p->calls ? "true" : "false");
    if (p->calls_reps)
        fprintf(f, "  calls_replications = %zu;\n", p->calls_reps);
    fputs("};\n", f);
}

/* The sensitivity section, every setting written out. */
static void write_sensitivity(FILE *f, const scenario_sensitivity *sa)
{
    static const char *const dists[] = {"uniform", "loguniform", "triangular"};
    char a[40], b[40];
    int morris = sa->method == SIM_GSA_MORRIS;
    fputs("\n# A global sensitivity analysis: each design point is a variant.\n"
          "sensitivity = {\n", f);
    fprintf(f, "  method = \"%s\";\n  samples = %zu;\n", morris ? "morris" : "sobol",
            sa->samples);
    if (morris)
        fprintf(f, "  levels = %d;\n", sa->levels);
    else
        fprintf(f, "  sampling = \"%s\";\n", sa->sampling == SIM_GSA_LHS ? "lhs" : "sobol");
    fprintf(f, "  seed = %s;\n  bootstrap = %zu;\n  factors = (\n",
            scn_fmt_whole((long long)sa->seed, a), sa->bootstrap);
    for (size_t i = 0; i < sa->nfactors; i++) {
        const scenario_factor *x = &sa->factor[i];
        fputs("    { setting = ", f);
        write_string(f, x->setting);
        fprintf(f, "; min = %s; max = %s; distribution = \"%s\";", fmt_float(x->min, a),
                fmt_float(x->max, b), dists[x->dist]);
        if (x->dist == SIM_GSA_TRIANGULAR)
            fprintf(f, " mode = %s;", fmt_float(x->mode, a));
        if (x->whole)
            fputs(" whole = true;", f);
        fprintf(f, " }%s\n", i + 1 < sa->nfactors ? "," : "");
    }
    fputs("  );\n", f);
    if (sa->noutputs)
        write_names(f, "outputs", sa->outputs[0], sizeof sa->outputs[0], sa->noutputs);
    for (size_t j = 0; j < sa->ncompare; j++) {
        fputs(j ? ",\n              " : "  compare = [ ", f);
        write_string(f, sa->compare[j].text);
    }
    if (sa->ncompare)
        fputs(" ];\n", f);
    fputs("};\n", f);
}

/* The experiment section as the file gave it (see scenario_plan). */
static void write_plan(FILE *f, const scenario_plan *p)
{
    if (p->sa.on) { /* its variants are its design points */
        write_report(f, p);
        write_output(f, p);
        write_sensitivity(f, &p->sa);
        return;
    }
    int swept = p->nsweeps > 0;
    const scenario_variant *v = p->nlisted ? p->listed : swept ? NULL : p->v;
    size_t n = p->nlisted ? p->nlisted : swept ? 0 : p->n;
    size_t base = p->nlisted ? p->listed_baseline : p->baseline;
    /* One "baseline" without overrides is what a file without variants gives. */
    if (n == 1 && !v[0].nsets && !strcmp(v[0].name, "baseline"))
        n = 0;
    write_report(f, p);
    write_output(f, p);
    if (!n && !swept)
        return;
    fputs("\n# The experiment: each variant (with every sweep value) is a run of the\n"
          "# scenario above with its overrides.\n", f);
    if (n) {
        fputs("baseline = ", f);
        write_string(f, v[base < n ? base : 0].name);
        fputs(";\nvariants = (\n", f);
        for (size_t i = 0; i < n; i++) {
            fputs("  { name = ", f);
            write_string(f, v[i].name);
            fputs(";", f);
            for (size_t j = 0; j < v[i].nsets; j++) {
                fputs(j ? ",\n            " : "\n    set = [ ", f);
                write_string(f, v[i].sets[j].text);
            }
            fprintf(f, "%s }%s\n", v[i].nsets ? " ];" : "", i + 1 < n ? "," : "");
        }
        fputs(");\n", f);
    }
    if (swept) {
        fputs(p->sweep_list ? "sweep = (\n" : "", f);
        for (size_t j = 0; j < p->nsweeps; j++) {
            const scenario_sweep *w = &p->sweep[j];
            const char *in = p->sweep_list ? "  " : "";
            fprintf(f, "%s%s{\n%s  setting = ", in, p->sweep_list ? "" : "sweep = ", in);
            write_string(f, w->setting);
            if (w->range[0][0]) {
                fprintf(f, ";\n%s  from = %s;\n%s  to = %s;\n%s  step = %s;\n", in, w->range[0], in,
                        w->range[1], in, w->range[2]);
            } else {
                fprintf(f, ";\n%s  values = ( ", in);
                for (size_t k = 0; k < w->n; k++)
                    fprintf(f, "%s%s", k ? k % 8 ? ", " : ",\n              " : "", w->values[k]);
                fputs(" );\n", f);
            }
            fprintf(f, "%s}%s\n", in,
                    !p->sweep_list ? ";" : j + 1 < p->nsweeps ? "," : "");
        }
        fputs(p->sweep_list ? ");\n" : "", f);
    }
}

/* The staffing section: its settings, the blocks, the targets as
 * written and the plan's rows. */
static void write_staffing(FILE *f, const staffing_params *p)
{
    fputs("\nstaffing = {\n  ", f);
    write_fields(f, 2, scn_staffing_fields, scn_nstaffing_fields, p);
    fputs("\n  blocks_h = [ ", f);
    for (int b = 0; b < p->nblocks && b < STAFF_BLOCKS_MAX; b++)
        fprintf(f, "%s%d", b ? ", " : "", p->block_h[b]);
    fputs(" ];\n  targets = [ ", f);
    for (int i = 0; i < p->ntargets && i < STAFF_TARGETS_MAX; i++) {
        fputs(i ? ", " : "", f);
        write_string(f, p->targets[i].text);
    }
    fputs(" ];\n", f);
    if (p->nplan) {
        int cells = staffing_cells(p);
        fputs("  plan = (\n", f);
        for (size_t i = 0; i < p->nplan; i++) {
            char id[SCENARIO_NAME_MAX];
            snprintf(id, sizeof id, "%.*s", SCENARIO_NAME_MAX - 1, p->plan_station[i]);
            fputs("    { station = ", f);
            write_string(f, id);
            fputs("; on_duty = [ ", f);
            for (int c = 0; c < cells; c++)
                fprintf(f, "%s%d", c ? ", " : "", p->plan_on_duty[i * (size_t)cells + (size_t)c]);
            fprintf(f, " ]; }%s\n", i + 1 < p->nplan ? "," : "");
        }
        fputs("  );\n", f);
    }
    fputs("};\n", f);
}

int scenario_write(const scenario *s, const scenario_plan *plan, FILE *f)
{
    fputs("# Written by beatsim: every setting resolved, from ", f);
    for (const char *c = s->source; *c; c++) /* one comment line */
        fputc((unsigned char)*c < 0x20 ? '?' : *c, f);
    fputs(".\n\n", f);
    write_fields(f, 0, scn_root_fields, scn_nroot_fields, s);
    fputs("\n\nrun = {\n  ", f);
    write_fields(f, 2, scn_run_fields, scn_nrun_fields, s);
    fputs("\n};\n\ncity = {\n  synthetic = {\n    ", f);
    write_fields(f, 4, scn_synth_fields, scn_nsynth_fields, &s->synth);
    fputs("\n  };\n", f);
    if (s->beat_polygons) { /* a city from map layers: the layers again */
        fputs("  boundaries = ", f);
        write_string(f, s->layer.boundaries);
        fputs(";\n", f);
        if (s->layer.stations[0]) {
            fputs("  stations = ", f);
            write_string(f, s->layer.stations);
            fputs(";\n", f);
        }
        fputs("  layer = {\n    ", f);
        write_fields(f, 4, scn_layer_fields, scn_nlayer_fields, &s->layer);
        fputs("\n  };\n", f);
    } else if (s->nstations || s->nbeats) {
        write_list(f, 2, "stations", scn_station_fields, scn_nstation_fields, s->stations,
                   sizeof *s->stations, s->nstations, 1);
        write_list(f, 2, "beats", scn_beat_fields, scn_nbeat_fields, s->beats, sizeof *s->beats,
                   s->nbeats, 1);
    }
    fputs("};\n\nland = {\n", f);
    for (int k = 0; k < LAND_NTYPES; k++) {
        fprintf(f, "  %s = { ", land_type_names[k]);
        write_fields(f, -1, scn_land_fields, scn_nland_fields, &s->land[k]);
        fputs(" };\n", f);
    }
    fputs("};\n\nincidents = {\n  ", f);
    write_fields(f, 2, scn_incidents_fields, scn_nincidents_fields, s);
    fputc('\n', f);
    write_list(f, 2, "types", scn_type_fields, scn_ntype_fields, s->types, sizeof *s->types,
               (size_t)(s->ntypes > 0 ? s->ntypes : 0), 0);
    fputs("};\n\n", f);
    write_list(f, 0, "officers", scn_group_fields, scn_ngroup_fields, s->groups, sizeof *s->groups,
               (size_t)(s->ngroups > 0 ? s->ngroups : 0), 0);
    fputs("\ndispatch = {\n  ", f);
    write_fields(f, 2, scn_dispatch_fields, scn_ndispatch_fields, &s->dispatch);
    fputs("\n};\n\nprevention = {\n  ", f);
    const prevention_params *p = &s->prevention;
    write_fields(f, 2, scn_prevention_fields, scn_nprevention_fields, p);
    fputc('\n', f);
    for (size_t k = 0; k < scn_nprevention_parts; k++) {
        const prevention_part *pp = &scn_prevention_parts[k];
        fprintf(f, "  %s = {\n    ", pp->name);
        write_fields(f, 4, pp->f, pp->nf, (const char *)p + pp->offset);
        fputs("\n  };\n", f);
    }
    int na = p->naux < 0 ? 0 : p->naux > SCENARIO_AUX_MAX ? SCENARIO_AUX_MAX : p->naux;
    int nc = p->ncrackdowns < 0                         ? 0
             : p->ncrackdowns > SCENARIO_CRACKDOWNS_MAX ? SCENARIO_CRACKDOWNS_MAX
                                                        : p->ncrackdowns;
    write_list(f, 2, "auxiliaries", scn_aux_fields, scn_naux_fields, p->aux, sizeof p->aux[0],
               (size_t)na, 0);
    write_list(f, 2, "crackdowns", scn_crackdown_fields, scn_ncrackdown_fields, p->crackdowns,
               sizeof p->crackdowns[0], (size_t)nc, 0);
    fputs("};\n", f);
    write_staffing(f, &s->staffing);
    if (plan)
        write_plan(f, plan);
    return ferror(f) ? -1 : 0;
}
