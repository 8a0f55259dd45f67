/* scenario_plan.c - the experiment section of a scenario file.
 *
 * baseline, variants and sweep (scenario_plan_read): the listed variants,
 * each a name and overrides, combined with every value of the sweep into
 * the variants of the plan, each a run of the scenario with its
 * overrides. The scenario's reader leaves this section alone.
 */
#include "scenario_internal.h"

#include "sim_gsa.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_MAX 10000    /* values of one sweep */
#define VARIANTS_MAX 10000 /* variants of a plan, sweep values combined in */
#define ORIGIN_MAX 800  /* "FILE:LINE: PATH" of an override */

/* Member names, for unknown-setting messages. */
static const field variant_fields[] = {{.name = "name"}, {.name = "set"}};
static const field sweep_fields[] = {{.name = "setting"}, {.name = "values"}, {.name = "from"},
                                     {.name = "to"}, {.name = "step"}};
enum { SW_SETTING, SW_VALUES, SW_FROM, SW_TO, SW_STEP };

/* Sets found[i] to the member of group g that f[i] names (NULL if absent)
 * and reports the others. Returns 0, or -1 after reporting if g is no
 * group. */
static int members(errs *e, const config_setting_t *g, const field *f, size_t nf,
                   const config_setting_t **found)
{
    char what[128];
    if (!config_setting_is_group(g)) {
        scn_report(e, g, NULL, "expected a group, found %s", scn_describe(g, what, sizeof what));
        return -1;
    }
    for (size_t i = 0; i < nf; i++)
        found[i] = config_setting_get_member(g, f[i].name);
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        size_t k = 0;
        while (k < nf && strcmp(f[k].name, config_setting_name(m)))
            k++;
        if (k == nf)
            scn_unknown(e, m, f, nf);
    }
    return 0;
}

/* Copies text setting st, member `member` of g (st NULL: absent), of 1 to
 * size - 1 characters into buf. Returns 0, or -1 after reporting. */
static int read_text(errs *e, const config_setting_t *g, const char *member,
                     const config_setting_t *st, char *buf, size_t size)
{
    char found[128];
    const char *t = st && config_setting_type(st) == CONFIG_TYPE_STRING
                        ? config_setting_get_string(st)
                        : NULL;
    if (t && *t && strlen(t) < size && scn_printable(t)) {
        memcpy(buf, t, strlen(t) + 1);
        return 0;
    }
    if (t && *t && strlen(t) < size) {
        scn_report(e, st, NULL, "expected text without control characters, found %s",
                   scn_describe(st, found, sizeof found));
        return -1;
    }
    if (st)
        scn_report(e, st, NULL, "expected text of 1 to %zu characters, found %s", size - 1,
                   scn_describe(st, found, sizeof found));
    else
        scn_report(e, g, member, "expected text of 1 to %zu characters, found nothing", size - 1);
    return -1;
}

/* "FILE:LINE: PATH" of setting st, the origin of the override it gives. */
static const char *origin_of(const errs *e, const config_setting_t *st, char buf[ORIGIN_MAX])
{
    char name[512], path[256];
    int line;
    const char *file = scn_locate(e, st, &line, name, sizeof name);
    scn_setting_path(st, NULL, path, sizeof path);
    if (line)
        snprintf(buf, ORIGIN_MAX, "%s:%d: %s", file, line, path);
    else
        snprintf(buf, ORIGIN_MAX, "%s: %s", file, path);
    return buf;
}

/* Packs copies of sets a[0 .. na) and then *extra (if not NULL) with their
 * strings into one malloc'd block, which free() releases whole. Returns
 * 0 (*out NULL when there are none), or -1 when out of memory. */
static int pack_sets(const scenario_set *a, size_t na, const scenario_set *extra,
                     scenario_set **out)
{
    size_t n = na + (extra != NULL), size = n * sizeof **out;
    for (size_t i = 0; i < n; i++) {
        const scenario_set *x = i < na ? &a[i] : extra;
        size += strlen(x->text) + strlen(x->origin) + 2;
    }
    *out = NULL;
    if (!n)
        return 0;
    scenario_set *v = malloc(size);
    if (!v)
        return -1;
    char *p = (char *)(v + n);
    for (size_t i = 0; i < n; i++) {
        const scenario_set *x = i < na ? &a[i] : extra;
        v[i].text = p;
        p = stpcpy(p, x->text) + 1;
        v[i].origin = p;
        p = stpcpy(p, x->origin) + 1;
    }
    *out = v;
    return 0;
}

/* A variant's `set`: a list or array of texts "PATH=VALUE". */
static void read_sets(errs *e, const config_setting_t *st, scenario_variant *v)
{
    char found[128];
    int type = config_setting_type(st);
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
        scn_report(e, st, NULL, "expected a list of texts [ \"PATH=VALUE\", ... ], found %s",
                   scn_describe(st, found, sizeof found));
        return;
    }
    size_t n = (size_t)config_setting_length(st);
    scenario_set *tmp = calloc(n ? n : 1, sizeof *tmp);
    char (*origin)[ORIGIN_MAX] = malloc((n ? n : 1) * sizeof *origin);
    int bad = !tmp || !origin;
    for (size_t j = 0; j < n && tmp && origin; j++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)j);
        if (config_setting_type(el) != CONFIG_TYPE_STRING) {
            scn_report(e, el, NULL, "expected text \"PATH=VALUE\", found %s",
                       scn_describe(el, found, sizeof found));
            bad = 1;
            continue;
        }
        tmp[j] = (scenario_set){config_setting_get_string(el), origin_of(e, el, origin[j])};
    }
    if (!bad && pack_sets(tmp, n, NULL, &v->sets) != 0)
        bad = 2;
    if (bad == 2 || !tmp || !origin)
        scn_report(e, st, NULL, "out of memory");
    v->nsets = bad ? 0 : n;
    free(tmp);
    free(origin);
}

static void read_variants(errs *e, const config_setting_t *st, scenario_plan *p)
{
    int n = scn_list_length(e, st, "variants", INT_MAX);
    if (n <= 0)
        return;
    p->listed = calloc((size_t)n, sizeof *p->listed);
    if (!p->listed) {
        scn_report(e, st, NULL, "out of memory");
        return;
    }
    p->nlisted = (size_t)n;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i), *m[2];
        scenario_variant *v = &p->listed[i];
        if (members(e, el, variant_fields, NELEMS(variant_fields), m) != 0)
            continue;
        if (read_text(e, el, "name", m[0], v->name, sizeof v->name) == 0) {
            for (int j = 0; j < i; j++) {
                if (!strcmp(v->name, p->listed[j].name)) {
                    scn_report(e, m[0], NULL,
                               "expected a name not used by variants.[%d], found \"%s\"", j,
                               v->name);
                    break;
                }
            }
        }
        if (m[1])
            read_sets(e, m[1], v);
    }
}

/* `baseline`: the name of a listed variant ("baseline" without a list). */
static void read_baseline(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const char *t = config_setting_type(st) == CONFIG_TYPE_STRING ? config_setting_get_string(st)
                                                                  : NULL;
    size_t n = p->nlisted ? p->nlisted : 1, k = 0;
    while (t && k < n && strcmp(t, p->nlisted ? p->listed[k].name : "baseline"))
        k++;
    if (t && k < n) {
        p->listed_baseline = k;
        return;
    }
    char names[512], found[128];
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof names; i++) {
        int w = snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                         p->nlisted ? p->listed[i].name : "baseline");
        len += w > 0 ? (size_t)w : 0;
    }
    scn_report(e, st, NULL, "expected the name of a variant (%s%s), found %s",
               n > 1 ? "one of " : "", names, scn_describe(st, found, sizeof found));
}

/* Makes room for n sweep values; 0, or -1 after reporting. */
static int alloc_values(errs *e, const config_setting_t *st, scenario_sweep *w, size_t n)
{
    w->values = calloc(n, sizeof *w->values);
    if (!w->values) {
        scn_report(e, st, NULL, "out of memory");
        return -1;
    }
    w->n = n;
    return 0;
}

/* A sweep value and its index, to find duplicates. */
typedef struct value_ref {
    const char *text; /* borrowed from the plan */
    size_t i;         /* index in sweep.values */
} value_ref;

static int cmp_value_ref(const void *a, const void *b)
{
    const value_ref *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* sweep.values: numbers, text or booleans, all different. */
static void read_values(errs *e, const config_setting_t *st, scenario_sweep *w)
{
    char found[128], text[512];
    int type = config_setting_type(st), n = config_setting_length(st);
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
        scn_report(e, st, NULL, "expected a list of values [ ... ] or ( ... ), found %s",
                   scn_describe(st, found, sizeof found));
        return;
    }
    if (n < 1 || n > SWEEP_MAX) {
        scn_report(e, st, NULL, "expected 1 to %d values, found %d", SWEEP_MAX, n);
        return;
    }
    if (alloc_values(e, st, w, (size_t)n) != 0)
        return;
    int bad = 0;
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        if (!scn_value_text(el, text, sizeof text)) {
            scn_report(e, el, NULL, "expected a number, text or true/false, found %s",
                       scn_describe(el, found, sizeof found));
            bad = 1;
        } else if (!(w->values[i] = strdup(text))) {
            scn_report(e, el, NULL, "out of memory");
            return;
        }
    }
    value_ref *v = bad ? NULL : malloc((size_t)n * sizeof *v);
    for (size_t i = 0; v && i < (size_t)n; i++)
        v[i] = (value_ref){w->values[i], i};
    if (v)
        qsort(v, (size_t)n, sizeof *v, cmp_value_ref);
    for (size_t i = 1, first = 0; v && i < (size_t)n; i++) {
        if (strcmp(v[i].text, v[i - 1].text)) {
            first = i;
            continue;
        }
        char path[160];
        scn_setting_path(st, NULL, path, sizeof path);
        scn_report(e, config_setting_get_elem(st, (unsigned)v[i].i), NULL,
                   "expected a value not used by %s.[%zu], found %s", path, v[first].i,
                   v[i].text);
    }
    free(v);
}

/* sweep.from, .to, .step (r[0 .. 2], NULL when absent). */
static void read_range(errs *e, const config_setting_t *sw, const config_setting_t *const *r,
                       scenario_sweep *w)
{
    static const char *const names[3] = {"from", "to", "step"};
    char found[128], num[40];
    double x[3];
    int ok = 1, whole = 1;
    for (int k = 0; k < 3; k++) {
        if (!r[k] || !config_setting_is_number(r[k]) || !isfinite(number_of(r[k]))) {
            scn_report(e, r[k] ? r[k] : sw, r[k] ? NULL : names[k], "expected a number, found %s",
                       r[k] ? scn_describe(r[k], found, sizeof found) : "nothing");
            ok = 0;
            continue;
        }
        x[k] = number_of(r[k]);
        whole &= is_whole(r[k]);
        scn_value_text(r[k], w->range[k], sizeof w->range[k]);
    }
    if (!ok)
        return;
    /* Whole numbers are stepped in integers only while every value fits
       (|value| <= 2^53; beyond, in doubles): from + i step cannot overflow. */
    if (fabs(x[0]) > 0x1p53 || fabs(x[1]) > 0x1p53 || fabs(x[2]) > 0x1p53)
        whole = 0;
    double count = floor((x[1] - x[0]) / x[2] + 1e-9) + 1;
    if (!(x[2] > 0)) {
        scn_report(e, r[2], NULL, "expected a number > 0, found %s",
                   scn_describe(r[2], found, sizeof found));
    } else if (!(x[1] >= x[0])) {
        scn_report(e, r[1], NULL, "expected a number >= from (%s), found %s",
                   scn_fmt_num(x[0], num), scn_describe(r[1], found, sizeof found));
    } else if (!(count <= SWEEP_MAX)) {
        scn_report(e, sw, NULL, count < 1e9 ? "expected at most %d values, found %.0f"
                                             : "expected at most %d values, found %.4g",
                   SWEEP_MAX, count);
    } else if (alloc_values(e, sw, w, (size_t)count) == 0) {
        for (size_t i = 0; i < w->n; i++) {
            if (whole)
                scn_fmt_whole(config_setting_get_int64(r[0]) +
                                  (long long)i * config_setting_get_int64(r[2]), num);
            else
                scn_fmt_value(x[0] + (double)i * x[2], num);
            if (!(w->values[i] = strdup(num))) {
                scn_report(e, sw, NULL, "out of memory");
                return;
            }
            if (i && !strcmp(w->values[i], w->values[i - 1])) {
                scn_report(e, r[2], NULL, "expected a step that changes the value, found %s "
                                          "(the value %s comes twice)",
                           scn_describe(r[2], found, sizeof found), num);
                return;
            }
        }
    }
}

/* One sweep, a group, into *w. */
static void read_one_sweep(errs *e, const config_setting_t *sw, scenario_sweep *w)
{
    const config_setting_t *m[NELEMS(sweep_fields)];
    if (members(e, sw, sweep_fields, NELEMS(sweep_fields), m) != 0)
        return;
    read_text(e, sw, "setting", m[SW_SETTING], w->setting, sizeof w->setting);
    int by_range = m[SW_FROM] || m[SW_TO] || m[SW_STEP];
    if (m[SW_VALUES] && by_range)
        scn_report(e, sw, NULL, "expected values or from, to and step, found both");
    else if (m[SW_VALUES])
        read_values(e, m[SW_VALUES], w);
    else if (by_range)
        read_range(e, sw, m + SW_FROM, w);
    else
        scn_report(e, sw, NULL, "expected values or from, to and step, found neither");
}

/* `sweep`: one group, or a list of groups (a full-factorial grid) whose
 * settings are all different. */
static void read_sweep(errs *e, const config_setting_t *sw, scenario_plan *p)
{
    char found[128];
    if (!config_setting_is_list(sw)) {
        if (!config_setting_is_group(sw)) {
            scn_report(e, sw, NULL, "expected a group or a list of groups ( { ... }, ... ), "
                                    "found %s", scn_describe(sw, found, sizeof found));
            return;
        }
        p->nsweeps = 1;
        read_one_sweep(e, sw, &p->sweep[0]);
        return;
    }
    int n = config_setting_length(sw);
    if (n < 1 || n > SCENARIO_SWEEPS_MAX) {
        scn_report(e, sw, NULL, "expected 1 to %d sweeps, found %d", SCENARIO_SWEEPS_MAX, n);
        return;
    }
    p->sweep_list = 1;
    p->nsweeps = (size_t)n;
    for (size_t i = 0; i < p->nsweeps; i++) {
        const config_setting_t *el = config_setting_get_elem(sw, (unsigned)i);
        read_one_sweep(e, el, &p->sweep[i]);
        for (size_t j = 0; j < i && p->sweep[i].setting[0]; j++)
            if (!strcmp(p->sweep[i].setting, p->sweep[j].setting)) {
                scn_report(e, el, "setting", "expected a setting not swept by sweep.[%zu], "
                           "found \"%s\"", j, p->sweep[i].setting);
                break;
            }
    }
}

static const field report_fields[] = {{.name = "question"}, {.name = "measures"},
                                      {.name = "figures"}};
enum { RP_QUESTION, RP_MEASURES, RP_FIGURES };

/* A list of at most `max` names [a-z0-9_] of 1 to width - 1 characters
 * into names[i * width], their origins into origin[i]. Returns how many,
 * or 0 after reporting. */
static size_t read_names(errs *e, const config_setting_t *st, size_t max, char *names,
                         size_t width, char (*origin)[SCENARIO_ORIGIN_MAX])
{
    char found[128];
    int type = config_setting_type(st), n = config_setting_length(st);
    if ((type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) || n < 1 || (size_t)n > max) {
        scn_report(e, st, NULL, "expected a list of 1 to %zu names [ \"NAME\", ... ], found %s", max,
               scn_describe(st, found, sizeof found));
        return 0;
    }
    for (int i = 0; i < n; i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        const char *t = config_setting_type(el) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(el)
                            : NULL;
        size_t len = t ? strlen(t) : 0;
        if (!len || len >= width || strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789_") != len) {
            scn_report(e, el, NULL, "expected a name of 1 to %zu lower-case letters, digits and _, "
                                "found %s", width - 1, scn_describe(el, found, sizeof found));
            return 0;
        }
        memcpy(names + (size_t)i * width, t, len + 1);
        char o[ORIGIN_MAX];
        snprintf(origin[i], SCENARIO_ORIGIN_MAX, "%s", origin_of(e, el, o));
    }
    return (size_t)n;
}

/* `report`: the question the scenario asks, the measures and figures that
 * answer it (the names are checked against the model's by
 * experiment_load). */
static void read_report(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const config_setting_t *m[NELEMS(report_fields)];
    if (members(e, st, report_fields, NELEMS(report_fields), m) != 0)
        return;
    if (m[RP_QUESTION])
        read_text(e, st, "question", m[RP_QUESTION], p->question, sizeof p->question);
    if (m[RP_MEASURES])
        p->nmeasures = read_names(e, m[RP_MEASURES], SCENARIO_MEASURES_MAX, p->measures[0],
                                  sizeof p->measures[0], p->measure_origin);
    if (m[RP_FIGURES])
        p->nfigures = read_names(e, m[RP_FIGURES], SCENARIO_FIGURES_MAX, p->figures[0],
                                 sizeof p->figures[0], p->figure_origin);
}

/* ---- output --------------------------------------------------------------- */

static const field output_fields[] = {{.name = "calls"}, {.name = "calls_replications"}};
enum { OU_CALLS, OU_CALLS_REPS };

/* `output`: the per-call log (calls.csv) and how many replications of
 * each variant write it. A sensitivity design is refused: its points are
 * runs for indices, not calls to read (checked by the caller). */
static void read_output(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const config_setting_t *m[NELEMS(output_fields)];
    char found[128];
    if (members(e, st, output_fields, NELEMS(output_fields), m) != 0)
        return;
    if (m[OU_CALLS] && config_setting_type(m[OU_CALLS]) != CONFIG_TYPE_BOOL)
        scn_report(e, m[OU_CALLS], NULL, "expected true or false, found %s",
                   scn_describe(m[OU_CALLS], found, sizeof found));
    else if (m[OU_CALLS])
        p->calls = config_setting_get_bool(m[OU_CALLS]);
    if (m[OU_CALLS_REPS]) {
        const config_setting_t *r = m[OU_CALLS_REPS];
        int t = config_setting_type(r);
        long long v = t == CONFIG_TYPE_INT ? config_setting_get_int(r)
                      : t == CONFIG_TYPE_INT64 ? config_setting_get_int64(r) : -1;
        if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || v < 1 || v > 1000000)
            scn_report(e, r, NULL, "expected a whole number from 1 to 1000000, found %s",
                       scn_describe(r, found, sizeof found));
        else
            p->calls_reps = (size_t)v;
    }
}

/* ---- sensitivity ------------------------------------------------------------ */

static const field sa_fields[] = {{.name = "method"},   {.name = "samples"},
                                  {.name = "levels"},   {.name = "sampling"},
                                  {.name = "seed"},     {.name = "bootstrap"},
                                  {.name = "factors"},  {.name = "outputs"},
                                  {.name = "compare"}};
enum { SA_METHOD, SA_SAMPLES, SA_LEVELS, SA_SAMPLING, SA_SEED, SA_BOOT, SA_FACTORS, SA_OUTPUTS,
       SA_COMPARE };
static const field factor_fields[] = {{.name = "setting"}, {.name = "min"},
                                      {.name = "max"},     {.name = "mode"},
                                      {.name = "distribution"}, {.name = "whole"}};
enum { FA_SETTING, FA_MIN, FA_MAX, FA_MODE, FA_DIST, FA_WHOLE };

/* One of words[0 .. n) (st NULL: *out keeps its default). */
static void read_word(errs *e, const config_setting_t *st, const char *const *words, int n,
                      int *out)
{
    if (!st)
        return;
    const char *t = config_setting_type(st) == CONFIG_TYPE_STRING ? config_setting_get_string(st)
                                                                  : NULL;
    for (int i = 0; t && i < n; i++)
        if (!strcmp(t, words[i])) {
            *out = i;
            return;
        }
    char list[256] = "", found[128];
    for (int i = 0; i < n; i++) {
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s\"%s\"", i ? (i + 1 < n ? ", " : " or ") : "",
                 words[i]);
    }
    scn_report(e, st, NULL, "expected %s, found %s", list, scn_describe(st, found, sizeof found));
}

/* A number from lo to hi (whole: a whole number) into *out (st NULL:
 * *out keeps its default). Returns 0, or -1 after reporting. */
static int read_num(errs *e, const config_setting_t *st, double lo, double hi, int whole,
                    double *out)
{
    if (!st)
        return 0;
    char found[128], a[32], b[32];
    double v = config_setting_is_number(st) ? number_of(st) : NAN;
    if (isfinite(v) && v >= lo && v <= hi && (!whole || (config_setting_type(st) != CONFIG_TYPE_FLOAT
                                                         && v == floor(v)))) {
        *out = v;
        return 0;
    }
    scn_report(e, st, NULL, "expected %s from %s to %s, found %s",
               whole ? "a whole number" : "a number", scn_fmt_num(lo, a), scn_fmt_num(hi, b),
               scn_describe(st, found, sizeof found));
    return -1;
}

static void read_factor(errs *e, const config_setting_t *g, scenario_factor *f)
{
    static const char *const dists[] = {"uniform", "loguniform", "triangular"};
    const config_setting_t *m[NELEMS(factor_fields)];
    char found[128];
    if (members(e, g, factor_fields, NELEMS(factor_fields), m) != 0)
        return;
    read_text(e, g, "setting", m[FA_SETTING], f->setting, sizeof f->setting);
    read_word(e, m[FA_DIST], dists, 3, &f->dist);
    if (m[FA_WHOLE] && config_setting_type(m[FA_WHOLE]) != CONFIG_TYPE_BOOL)
        scn_report(e, m[FA_WHOLE], NULL, "expected true or false, found %s",
                   scn_describe(m[FA_WHOLE], found, sizeof found));
    else if (m[FA_WHOLE])
        f->whole = config_setting_get_bool(m[FA_WHOLE]);
    f->min = f->max = f->mode = NAN;
    for (int k = FA_MIN; k <= FA_MAX; k++)
        if (!m[k])
            scn_report(e, g, k == FA_MIN ? "min" : "max", "expected a number, found nothing");
    if (!m[FA_MIN] || !m[FA_MAX] || read_num(e, m[FA_MIN], -1e300, 1e300, 0, &f->min) ||
        read_num(e, m[FA_MAX], -1e300, 1e300, 0, &f->max))
        return;
    char a[32];
    if (f->max <= f->min) {
        scn_report(e, m[FA_MAX], NULL, "expected a number above min (%s), found %s",
                   scn_fmt_num(f->min, a), scn_describe(m[FA_MAX], found, sizeof found));
        return;
    }
    if (f->dist == SIM_GSA_LOGUNIFORM && f->min <= 0)
        scn_report(e, m[FA_MIN], NULL, "expected a number above 0 (distribution \"loguniform\"), "
                                      "found %s", scn_describe(m[FA_MIN], found, sizeof found));
    if (f->dist == SIM_GSA_TRIANGULAR && !m[FA_MODE])
        scn_report(e, g, "mode", "expected a number from min to max (distribution "
                                 "\"triangular\"), found nothing");
    else if (f->dist == SIM_GSA_TRIANGULAR)
        read_num(e, m[FA_MODE], f->min, f->max, 0, &f->mode);
    else if (m[FA_MODE])
        scn_report(e, m[FA_MODE], NULL, "expected no mode (distribution \"%s\"), found %s",
                   dists[f->dist], scn_describe(m[FA_MODE], found, sizeof found));
}

/* `sensitivity`: the method, the sample size and the factors. */
static void read_sensitivity(errs *e, const config_setting_t *st, scenario_plan *p)
{
    static const char *const methods[] = {"morris", "sobol"}, *const samplings[] = {"sobol", "lhs"};
    scenario_sensitivity *sa = &p->sa;
    const config_setting_t *m[NELEMS(sa_fields)];
    char found[128];
    if (members(e, st, sa_fields, NELEMS(sa_fields), m) != 0)
        return;
    sa->on = 1;
    read_word(e, m[SA_METHOD], methods, 2, &sa->method);
    read_word(e, m[SA_SAMPLING], samplings, 2, &sa->sampling);
    if (m[SA_SAMPLING] && sa->method != SIM_GSA_SOBOL)
        scn_report(e, m[SA_SAMPLING], NULL, "expected no sampling (method \"morris\" makes its "
                   "own trajectories), found %s", scn_describe(m[SA_SAMPLING], found, sizeof found));
    if (m[SA_LEVELS] && sa->method != SIM_GSA_MORRIS)
        scn_report(e, m[SA_LEVELS], NULL, "expected no levels (method \"sobol\"), found %s",
                   scn_describe(m[SA_LEVELS], found, sizeof found));
    double samples = sa->method == SIM_GSA_MORRIS ? 10 : 128, levels = 4, seed = 1, boot = 1000;
    read_num(e, m[SA_SAMPLES], 2, VARIANTS_MAX, 1, &samples);
    if (!read_num(e, m[SA_LEVELS], 2, 1000, 1, &levels) && (int)levels % 2)
        scn_report(e, m[SA_LEVELS], NULL, "expected an even number of levels (Delta = p / (2 (p - "
                   "1)) moves between the grid's halves), found %s",
                   scn_describe(m[SA_LEVELS], found, sizeof found));
    read_num(e, m[SA_SEED], 0, 9007199254740992.0, 1, &seed);
    read_num(e, m[SA_BOOT], 0, 100000, 1, &boot);
    sa->samples = (size_t)samples;
    sa->levels = (int)levels;
    sa->seed = (uint64_t)seed;
    sa->bootstrap = (size_t)boot;
    const config_setting_t *fl = m[SA_FACTORS];
    int n = fl ? config_setting_length(fl) : 0;
    if (!fl || !config_setting_is_list(fl) || n < 1 || n > SCENARIO_FACTORS_MAX) {
        if (fl)
            scn_report(e, fl, NULL, "expected a list of 1 to %d factors ( { setting = ...; min = "
                       "...; max = ...; }, ... ), found %s", SCENARIO_FACTORS_MAX,
                       scn_describe(fl, found, sizeof found));
        else
            scn_report(e, st, "factors", "expected a list of 1 to %d factors, found nothing",
                       SCENARIO_FACTORS_MAX);
        return;
    }
    sa->nfactors = (size_t)n;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(fl, (unsigned)i);
        read_factor(e, g, &sa->factor[i]);
        for (int j = 0; j < i && sa->factor[i].setting[0]; j++)
            if (!strcmp(sa->factor[i].setting, sa->factor[j].setting)) {
                scn_report(e, config_setting_get_member(g, "setting"), NULL,
                           "expected a setting not varied by factors.[%d], found \"%s\"", j,
                           sa->factor[i].setting);
                break;
            }
    }
    if (m[SA_OUTPUTS])
        sa->noutputs = read_names(e, m[SA_OUTPUTS], SCENARIO_MEASURES_MAX, sa->outputs[0],
                                  sizeof sa->outputs[0], sa->output_origin);
    if (m[SA_COMPARE]) {
        scenario_variant cmp = {.name = ""};
        read_sets(e, m[SA_COMPARE], &cmp);
        if (!e->n && !cmp.nsets)
            scn_report(e, m[SA_COMPARE], NULL, "expected a list of 1 or more texts "
                       "[ \"PATH=VALUE\", ... ], found an empty list");
        sa->compare = cmp.sets;
        sa->ncompare = cmp.nsets;
    }
}

int scenario_sa_design(const scenario_sensitivity *sa, sim_gsa *d)
{
    return sim_gsa_design(d, sa->method, sa->nfactors, sa->samples, sa->levels, sa->sampling,
                          sa->seed);
}

double scenario_factor_value(const scenario_factor *f, double u)
{
    double v = sim_gsa_value(f->dist, f->min, f->max, f->mode, u);
    return f->whole ? round(v) : v;
}

/* The design points of `sensitivity` as the plan's variants. */
static void combine_sensitivity(errs *e, const config_setting_t *st, scenario_plan *p)
{
    const scenario_sensitivity *sa = &p->sa;
    if (p->nlisted || p->nsweeps) {
        scn_report(e, st, NULL, "expected sensitivity alone, found it with %s (its design points "
                   "are the variants)", p->nlisted ? "variants" : "a sweep");
        return;
    }
    size_t k = sa->nfactors, per = sa->method == SIM_GSA_MORRIS ? k + 1 : k + 2,
           runs = sa->ncompare ? 2 : 1; /* variants a point */
    if (sa->samples > VARIANTS_MAX / per / runs) {
        scn_report(e, st, "samples", "expected at most %d variants (%s%s), found %zu",
                   VARIANTS_MAX, sa->method == SIM_GSA_MORRIS ? "samples x (factors + 1)"
                                                              : "samples x (factors + 2)",
                   runs > 1 ? " x 2 with compare" : "", sa->samples * per * runs);
        return;
    }
    sim_gsa d;
    if (scenario_sa_design(sa, &d) != 0 ||
        !(p->v = calloc(d.npoints * runs, sizeof *p->v))) {
        sim_gsa_free(&d);
        scn_report(e, e->root, NULL, "out of memory");
        return;
    }
    p->n = d.npoints * runs;
    p->ncols = k;
    char origin[SCENARIO_FACTORS_MAX][ORIGIN_MAX];
    const config_setting_t *fl = config_setting_get_member(st, "factors");
    for (size_t i = 0; i < k; i++)
        origin_of(e, config_setting_get_member(config_setting_get_elem(fl, (unsigned)i),
                                               "setting"), origin[i]);
    int width = snprintf(NULL, 0, "%zu", d.npoints);
    for (size_t u = 0; u < d.npoints * runs; u++) {
        size_t q = u / runs;
        scenario_variant *v = &p->v[u];
        snprintf(v->name, sizeof v->name, "point %0*zu%s", width, q + 1,
                 u % runs ? " compared" : "");
        scenario_set sets[SCENARIO_FACTORS_MAX];
        char text[SCENARIO_FACTORS_MAX][160], num[32];
        for (size_t i = 0; i < k; i++) {
            const scenario_factor *f = &sa->factor[i];
            snprintf(text[i], sizeof text[i], "%s=%s", f->setting,
                     scn_fmt_num(scenario_factor_value(f, d.u[q * k + i]), num));
            sets[i] = (scenario_set){text[i], origin[i]};
        }
        /* the compared run: the factors, then the compare overrides */
        size_t n = k, extra = u % runs ? sa->ncompare : 0;
        scenario_set *all = malloc((k + extra) * sizeof *all);
        if (all) {
            memcpy(all, sets, k * sizeof *all);
            if (extra)
                memcpy(all + k, sa->compare, extra * sizeof *all);
            n += extra;
        }
        if (!all || pack_sets(all, n, NULL, &v->sets) != 0) {
            free(all);
            sim_gsa_free(&d);
            scn_report(e, e->root, NULL, "out of memory");
            return;
        }
        free(all);
        v->nsets = n;
    }
    p->baseline = 0;
    sim_gsa_free(&d);
}

/* The variants of the plan: every listed variant (or the one "baseline")
 * with every combination of the sweeps' values, the last sweep varying
 * fastest. The names must fit scenario_variant.name. */
static void combine(errs *e, const config_setting_t *sw, scenario_plan *p)
{
    size_t nv = p->nlisted ? p->nlisted : 1, m = p->nsweeps;
    double total = (double)nv; /* exact up to 2^53, and no overflow */
    for (size_t j = 0; j < m; j++)
        total *= (double)p->sweep[j].n;
    if (total > VARIANTS_MAX) { /* each is loaded, built and run */
        scn_report(e, sw ? sw : config_setting_get_member(e->root, "variants"), NULL,
                   total < 1e15 ? "expected at most %d variants (listed variants x sweep "
                                  "values), found %.0f"
                                : "expected at most %d variants (listed variants x sweep "
                                  "values), found %.4g",
                   VARIANTS_MAX, total);
        return;
    }
    size_t ns = (size_t)total / nv;
    char origin[SCENARIO_SWEEPS_MAX][ORIGIN_MAX];
    for (size_t j = 0; j < m; j++)
        origin_of(e, p->sweep_list ? config_setting_get_elem(sw, (unsigned)j) : sw, origin[j]);
    p->v = calloc(nv * ns, sizeof *p->v);
    if (!p->v) {
        scn_report(e, e->root, NULL, "out of memory");
        return;
    }
    p->n = nv * ns;
    p->ncols = m;
    char text[SCENARIO_SWEEPS_MAX][ORIGIN_MAX]; /* "SETTING=VALUE": < 128 + 1 + 512 */
    for (size_t i = 0; i < nv; i++) {
        const scenario_variant *l = p->nlisted ? &p->listed[i] : NULL;
        size_t nl = l ? l->nsets : 0;
        for (size_t k = 0; k < ns; k++) {
            scenario_variant *v = &p->v[i * ns + k];
            scenario_set sets[SCENARIO_SWEEPS_MAX];
            char parts[ORIGIN_MAX * 2] = ""; /* "S1=V1, S2=V2, ..." */
            size_t len = 0;
            for (size_t j = m, r = k; j-- > 0; r /= p->sweep[j].n) {
                const scenario_sweep *w = &p->sweep[j];
                snprintf(text[j], sizeof text[j], "%s=%s", w->setting, w->values[r % w->n]);
                sets[j] = (scenario_set){text[j], origin[j]};
            }
            for (size_t j = 0; j < m && len < sizeof parts; j++) {
                int c = snprintf(parts + len, sizeof parts - len, "%s%s", j ? ", " : "", text[j]);
                len += c > 0 ? (size_t)c : 0;
            }
            const char *vname = l ? l->name : m ? "" : "baseline";
            const char *slash = l && m ? "/" : "";
            int w = snprintf(v->name, sizeof v->name, "%s%s%s", vname, slash, parts);
            if (w < 0 || (size_t)w >= sizeof v->name) {
                scn_report(e, sw, NULL, "expected variant names of up to %zu characters, found "
                                        "\"%s%s%.*s\" (%d characters)",
                           sizeof v->name - 1, vname, slash, 400, parts, w);
                return;
            }
            scenario_set *all = malloc((nl + m + 1) * sizeof *all);
            if (all) {
                if (nl)
                    memcpy(all, l->sets, nl * sizeof *all);
                if (m)
                    memcpy(all + nl, sets, m * sizeof *all);
            }
            if (!all || pack_sets(all, nl + m, NULL, &v->sets) != 0) {
                free(all);
                scn_report(e, e->root, NULL, "out of memory");
                return;
            }
            free(all);
            v->nsets = nl + m;
            v->col0 = nl;
        }
    }
    p->baseline = p->listed_baseline * ns;
}

const char *scenario_plan_col_name(const scenario_plan *p, size_t j)
{
    return p->sa.on ? p->sa.factor[j].setting : p->sweep[j].setting;
}

const char *scenario_plan_col(const scenario_plan *p, size_t v, size_t j)
{
    const char *t = p->v[v].sets[p->v[v].col0 + j].text;
    const char *eq = strchr(t, '=');
    return eq ? eq + 1 : t;
}

int scenario_plan_read(scenario_plan *p, const char *path, FILE *err)
{
    scenario_text x;
    memset(p, 0, sizeof *p);
    if (scenario_text_read(&x, path, err) != 0)
        return -1;
    int rc = scenario_plan_read_text(p, &x, err);
    scenario_text_free(&x);
    return rc;
}

int scenario_plan_read_text(scenario_plan *p, const scenario_text *x, FILE *err)
{
    memset(p, 0, sizeof *p);
    tree t;
    if (scn_tree_read(&t, x, err) != 0)
        return -1;
    errs *e = &t.e;
    const config_setting_t *vl = config_setting_get_member(e->root, "variants");
    const config_setting_t *bl = config_setting_get_member(e->root, "baseline");
    const config_setting_t *sw = config_setting_get_member(e->root, "sweep");
    const config_setting_t *rp = config_setting_get_member(e->root, "report");
    const config_setting_t *sa = config_setting_get_member(e->root, "sensitivity");
    const config_setting_t *ou = config_setting_get_member(e->root, "output");
    if (rp)
        read_report(e, rp, p);
    if (ou)
        read_output(e, ou, p);
    if (sa)
        read_sensitivity(e, sa, p);
    if (sa && p->calls)
        scn_report(e, config_setting_get_member(ou, "calls"), NULL,
                   "expected false with a sensitivity section (its design points are runs "
                   "for the indices, not calls to read), found true");
    if (vl)
        read_variants(e, vl, p);
    if (bl && !e->n) /* the names it must match were read */
        read_baseline(e, bl, p);
    if (sw)
        read_sweep(e, sw, p);
    if (!e->n && sa)
        combine_sensitivity(e, sa, p);
    else if (!e->n)
        combine(e, sw, p);
    int n = e->n;
    scn_tree_free(&t);
    if (n) {
        scenario_plan_free(p);
        return -1;
    }
    return 0;
}

static void free_variants(scenario_variant *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].sets);
    free(v);
}

void scenario_plan_free(scenario_plan *p)
{
    if (!p)
        return;
    free_variants(p->v, p->n);
    free_variants(p->listed, p->nlisted);
    for (size_t j = 0; j < p->nsweeps; j++) {
        for (size_t k = 0; p->sweep[j].values && k < p->sweep[j].n; k++)
            free(p->sweep[j].values[k]);
        free(p->sweep[j].values);
    }
    free(p->sa.compare);
    memset(p, 0, sizeof *p);
}
