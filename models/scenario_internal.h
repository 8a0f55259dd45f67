/* scenario_internal.h - what the files of the scenario module share
 * (private to them; the public API is scenario.h).
 *
 * Scenarios are one subject split over files of one concept each:
 *   scenario_defaults.c  the built-in default scenario, and the starting
 *                        values of the entries a file lists
 *   scenario_fields.c    the setting tables: every group's settings, their
 *                        kind, place in their struct, range and when they
 *                        are required; the words of the enum settings
 *   scenario_messages.c  messages: where one goes (file and line, setting
 *                        path, override origin) and what a setting holds
 *                        or a setting expects
 *   scenario_read.c      reading a file's tree by the tables, and loading
 *                        (scenario_load*)
 *   scenario_check.c     checking a scenario by the tables and across
 *                        settings (scenario_check)
 *   scenario_set.c       setting paths, and overrides PATH=VALUE
 *   scenario_text.c      the text of a scenario file (read once, its
 *                        includes and sizes checked) and its libconfig tree
 *   scenario_plan.c      the experiment section: variants, baseline, sweep
 *   scenario_write.c     numbers and text in scenario-file syntax, and the
 *                        writer (scenario_write)
 * Functions and tables shared between these files carry the prefix scn_;
 * three small helpers on the numbers of a file are static inline below.
 */
#ifndef SCENARIO_INTERNAL_H
#define SCENARIO_INTERNAL_H

#include "scenario.h"

#include <libconfig.h>

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Residents per household: 7th national census of China (2020). The
 * synthetic city's default, and a listed beat's households when the file
 * gives its residents only. */
#define DEFAULT_HOUSEHOLD_SIZE 2.62

/* ---- the setting tables (scenario_fields.c) ------------------------------------- */

/* A file being read into a scenario (scenario_read.c). */
typedef struct reading reading;

typedef enum field_kind {
    K_SECTION, /* a group or list with its own reader (`read`) */
    K_REAL,    /* double; a number in the file */
    K_INT,     /* int; a whole number in the file */
    K_COUNT,   /* double holding a whole number */
    K_SEED,    /* uint64_t; a whole number >= 0 */
    K_BOOL,    /* int 0 or 1; true or false in the file */
    K_ENUM,    /* int (an enum); one of `words` in the file */
    K_TEXT,    /* char[SCENARIO_NAME_MAX]; 1 .. SCENARIO_NAME_MAX-1 chars */
    K_WEIGHTS, /* double[n]; n numbers in range r */
    K_LEVEL    /* int; a priority level 0 .. 3, or true (1) / false (0) */
} field_kind;

enum { LO_OPEN = 1, HI_OPEN = 2 };

/* Allowed values of a number: lo .. hi, each end closed or open. */
typedef struct range {
    double lo, hi;  /* bounds; -INFINITY / INFINITY for none */
    unsigned open;  /* LO_OPEN, HI_OPEN */
} range;

#define IDENT_TEXT "a name of letters, digits, '_', '-' and '.' starting with a letter"

/* Flags: when a setting is required, and extra conditions. */
enum {
    REQ = 1u << 0,     /* always */
    REQ_NEW = 1u << 1, /* in an incident type that is not a built-in one */
    NONZERO = 1u << 2, /* K_WEIGHTS: not all 0 */
    RULE_SHIFT = 3,    /* RULE(r): required and used only under rule r */
    IDENT = 1u << 9,   /* K_TEXT: a name that goes into metric names and
                          CSV cells: letters, digits, '_', '-', '.',
                          starting with a letter */
    SCALAR_OK = 1u << 10, /* K_WEIGHTS: one number stands for all n */
    EMPTY_OK = 1u << 11, /* K_TEXT: "" allowed (none) */
    WHOLE = 1u << 12     /* K_WEIGHTS: whole numbers */
};
#define RULE(r) (1u << (RULE_SHIFT + (r)))
#define RULE_BITS (0x3fu << RULE_SHIFT) /* one bit for each staffing_rule */

typedef struct field {
    const char *name;         /* setting name */
    field_kind kind;          /* type in the file and in the struct */
    size_t offset;            /* of the value in its struct */
    range r;                  /* K_REAL, K_INT, K_COUNT: allowed values */
    const char *const *words; /* K_ENUM: the words, in enum order */
    int n;                    /* K_ENUM: words; K_WEIGHTS: numbers */
    unsigned flags;           /* REQ, REQ_NEW, NONZERO, RULE(r) */
    void (*read)(reading *rd, const config_setting_t *st); /* K_SECTION */
} field;

#define FIELDS_MAX 48 /* settings in one table */

/* The groups inside prevention, each with its table and place. */
typedef struct prevention_part {
    const char *name; /* setting name */
    const field *f;   /* its settings */
    size_t nf;
    size_t offset;    /* of its struct in prevention_params */
} prevention_part;

/* The tables, each with its number of settings (scn_nX for table scn_X):
 * the top level of a file (root), run, city, city.synthetic, a listed
 * station and beat, land (one section per land type, in land_type
 * order) and one land type, incidents and an incident type, an officer
 * group, dispatch, prevention, an auxiliary group, a crackdown and
 * staffing; and the parts of prevention. */
extern const field scn_root_fields[], scn_run_fields[], scn_city_fields[], scn_synth_fields[],
    scn_station_fields[], scn_beat_fields[], scn_land_section_fields[], scn_land_fields[],
    scn_incidents_fields[], scn_type_fields[], scn_group_fields[], scn_dispatch_fields[],
    scn_prevention_fields[], scn_aux_fields[], scn_crackdown_fields[], scn_staffing_fields[];
extern const size_t scn_nroot_fields, scn_nrun_fields, scn_ncity_fields, scn_nsynth_fields,
    scn_nstation_fields, scn_nbeat_fields, scn_nland_section_fields, scn_nland_fields,
    scn_nincidents_fields, scn_ntype_fields, scn_ngroup_fields, scn_ndispatch_fields,
    scn_nprevention_fields, scn_naux_fields, scn_ncrackdown_fields, scn_nstaffing_fields;
extern const prevention_part scn_prevention_parts[];
extern const size_t scn_nprevention_parts;

/* The number of words of staffing_rule_names and officer_role_names. */
extern const size_t scn_nstaffing_rule_names, scn_nofficer_role_names;

/* 1 if t is a name fit for metric names and CSV cells (see IDENT). */
int scn_ident_ok(const char *t);

/* 1 if t has no control character (names go into CSV cells, the
 * figures' scripts and the report page, one per line). */
int scn_printable(const char *t);

/* ---- the built-in defaults (scenario_defaults.c) ---------------------------------- */

/* Sets *t to built-in incident type k (0 .. the number of built-in types). */
void scn_default_type(int k, incident_type *t);

/* Index of the built-in incident type called `name`, or -1. */
int scn_builtin_type(const char *name);

/* An incident type of a file that names no built-in one; the required
 * rate and mean on-scene time must come from the file. */
void scn_generic_type(incident_type *t);

/* An officer group of a file before its settings; `rule` and the rule's
 * parameter must come from the file. */
void scn_generic_group(officer_group *g);

/* An auxiliary patrol group of a file before its settings; `name` and
 * `per_1000_residents` must come from the file. */
void scn_generic_aux(aux_group *a);

/* A crackdown of a file before its settings; `start_day` and `days` must
 * come from the file. */
void scn_generic_crackdown(crackdown *c);

/* ---- messages (scenario_messages.c) ----------------------------------------------- */

typedef struct overrides overrides;

/* Where errors go, how many there were, and what places them. */
typedef struct errs {
    FILE *out;        /* stream for the messages, or NULL to count only */
    const char *file; /* file named when a setting does not know its own:
                         the top file as given, or "built-in" */
    int n;            /* messages so far */
    const char *dir;  /* folder of the top file, which libconfig puts
                         before the names of included files; NULL: none */
    const config_setting_t *root; /* the file's tree, where scn_complain
                                     looks up its paths; NULL: none */
    const overrides *ov;          /* settings made by overrides, or NULL */
} errs;

/* Writes "FILE:LINE: PATH: message" (no ":LINE" when line is 0, no
 * "PATH: " when path is empty), every control character shown as '?',
 * and counts it (in e->n, also when e->out is NULL). */
void PRINTF_LIKE(5, 0) scn_vemit(errs *e, const char *file, int line, const char *path,
                                 const char *fmt, va_list ap);

/* A problem of setting st (or of its missing member `member`), placed by
 * scn_locate and named by its path (scn_setting_path); counted. */
void PRINTF_LIKE(4, 5) scn_report(errs *e, const config_setting_t *st, const char *member,
                                  const char *fmt, ...);

/* A problem of a struct value, at `line` of e->file (0: unknown); placed
 * by the setting at `path` (or its deepest ancestor) in e->root if given;
 * counted. */
void PRINTF_LIKE(4, 5) scn_complain(errs *e, int line, const char *path, const char *fmt, ...);

/* The name of a file libconfig read, as messages give it: libconfig 1.5
 * names an included file by its @include text, which is relative to the
 * top file's folder; the result is file, e->file or buf (size bytes).
 * NULL (a string, not a file) is e->file. */
const char *scn_file_name(const errs *e, const char *file, char *buf, size_t size);

/* Where messages about st go: the origin of the override that made st or
 * an ancestor of it (*line = 0), else the file and line of the nearest
 * setting from st up that has a line; buf (size bytes) may hold the
 * name. */
const char *scn_locate(const errs *e, const config_setting_t *st, int *line, char *buf,
                       size_t size);

/* The libconfig path of st into buf (size bytes, cut to fit), e.g.
 * "incidents.types.[2].priority", then ".member" if member is not NULL. */
void scn_setting_path(const config_setting_t *st, const char *member, char *buf, size_t size);

/* The shortest text that reads back as v (32 bytes are enough); buf. */
const char *scn_fmt_num(double v, char buf[32]);

/* What a setting holds, for "found ...": its value, or its shape; buf. */
const char *scn_describe(const config_setting_t *st, char *buf, size_t size);

/* "a, b, c": n words, or the names of n fields when words is NULL; buf. */
const char *scn_join_names(const char *const *words, const field *f, size_t n, char *buf,
                           size_t size);

/* What a number in range r is, e.g. "a number > 0 and <= 168" ("a whole
 * number" when whole); buf. */
const char *scn_describe_range(const range *r, int whole, char *buf, size_t size);

/* What field f expects, for "expected ..."; buf. */
const char *scn_expected(const field *f, char *buf, size_t size);

/* ---- reading (scenario_read.c) ------------------------------------------------------ */

/* 1 if v is finite and in range r. */
static inline int in_range(const range *r, double v)
{
    return isfinite(v) && (r->open & LO_OPEN ? v > r->lo : v >= r->lo) &&
           (r->open & HI_OPEN ? v < r->hi : v <= r->hi);
}

/* 1 if st holds a whole number (libconfig's int or int64). */
static inline int is_whole(const config_setting_t *st)
{
    int t = config_setting_type(st);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
}

/* The number st holds, as a double (st must be a number). */
static inline double number_of(const config_setting_t *st)
{
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        return config_setting_get_int(st);
    case CONFIG_TYPE_INT64:
        return (double)config_setting_get_int64(st);
    default:
        return config_setting_get_float(st);
    }
}

/* Reports member m, which table f (nf settings) does not know, with the
 * closest known name (within 2 edits, 1 for names of up to 4
 * characters) or the list. */
void scn_unknown(errs *e, const config_setting_t *m, const field *f, size_t nf);

/* Number of entries of st, which must be a list of 1 .. max groups
 * ("what" names them); -1 after reporting when st is no list, n < 1 or
 * n > max after reporting a bad count. */
int scn_list_length(errs *e, const config_setting_t *st, const char *what, int max);

/* The readers of the K_SECTION settings of the tables, one a section:
 * each reads group (or list) st into rd's scenario, reporting what is
 * wrong and keeping the previous value of what it cannot read.
 * scn_read_plan_part reads nothing: the experiment section (and report) is
 * scenario_plan_read's. */
void scn_read_run(reading *rd, const config_setting_t *st);
void scn_read_city(reading *rd, const config_setting_t *st);
void scn_read_synthetic(reading *rd, const config_setting_t *st);
void scn_read_stations(reading *rd, const config_setting_t *st);
void scn_read_beats(reading *rd, const config_setting_t *st);
void scn_read_boundaries(reading *rd, const config_setting_t *st);
void scn_read_layer(reading *rd, const config_setting_t *st);
extern const field scn_layer_fields[];
extern const size_t scn_nlayer_fields;
void scn_read_land(reading *rd, const config_setting_t *st);
void scn_read_land_type(reading *rd, const config_setting_t *st);
void scn_read_incidents(reading *rd, const config_setting_t *st);
void scn_read_types(reading *rd, const config_setting_t *st);
void scn_read_groups(reading *rd, const config_setting_t *st);
void scn_read_dispatch(reading *rd, const config_setting_t *st);
void scn_read_prevention(reading *rd, const config_setting_t *st);
void scn_read_prevention_part(reading *rd, const config_setting_t *st);
void scn_read_aux(reading *rd, const config_setting_t *st);
void scn_read_crackdowns(reading *rd, const config_setting_t *st);
void scn_read_plan_part(reading *rd, const config_setting_t *st);
void scn_read_staffing(reading *rd, const config_setting_t *st);
void scn_read_staffing_part(reading *rd, const config_setting_t *st);

/* ---- checking (scenario_check.c) ---------------------------------------------------- */

/* Everything scenario_check does; with fields = 0 only what the reader
 * cannot see from one group: counts, duplicate names and ids, station
 * references, role/base/rule, work shares, overlapping crackdowns.
 * type_lines, when not NULL, gives the line of each incident type (the
 * struct does not store it); e->root, when set, places each message by
 * its setting instead. Returns the number of problems, which e counts
 * too. */
int scn_check(errs *e, const scenario *s, const int *type_lines, int fields);

/* Commercial and mixed beats share the urban beats: "... <= 1 -
 * commercial_share" message in buf when they overflow, else NULL. */
const char *scn_shares_problem(const synthetic_city *c, char *buf, size_t size);

/* The staffing section's checks that need the rest of the scenario
 * (scenario_staffing.c): blocks, the group planned, rule "plan" and its
 * rows, repeated or contradictory targets, response targets below the
 * dispatch delay. */
void scn_check_staffing(errs *e, const scenario *s);

/* ---- setting paths and overrides (scenario_set.c) ---------------------------------- */

/* A setting made by an override. */
typedef struct made_setting {
    const config_setting_t *st; /* made by an override */
    const char *origin;         /* the override's origin, borrowed */
} made_setting;

/* The settings overrides made in a file's tree, with their origins; all
 * zero for none. Its user frees v. */
struct overrides {
    made_setting *v; /* malloc'd, oldest first */
    size_t n, cap;
    const config_setting_t *builtin; /* root of the built-in scenario's
                                        tree, or NULL */
};

/* The deepest setting on `path` from root that exists (root if none). */
const config_setting_t *scn_lookup_path(const config_setting_t *root, const char *path);

/* The origin of the override that made st, or NULL (ov NULL: none). */
const char *scn_made_by(const overrides *ov, const config_setting_t *st);

/* Applies override `set` to the tree under root, remembering in ov the
 * settings it makes. Returns 0, or -1 after reporting to e. */
int scn_apply_set(errs *e, overrides *ov, config_setting_t *root, const scenario_set *set);

/* ---- a file's tree (scenario_text.c) ----------------------------------------------- */

/* A scenario file as libconfig read it, and what its messages need. */
typedef struct tree {
    config_t cfg; /* the file's settings */
    errs e;       /* messages about them (e.root set once read) */
    char *dir;    /* malloc'd folder of the file, or NULL */
} tree;

/* Reads the text x into t, its @include resolved in the folder of its
 * file (x->path; NULL: the built-in text). Returns 0 (then scn_tree_free
 * releases t), or -1 after reporting to err (then t holds nothing). */
int scn_tree_read(tree *t, const scenario_text *x, FILE *err);

void scn_tree_free(tree *t);

/* ---- numbers and text in scenario-file syntax (scenario_write.c) ------------------- */

/* v as a libconfig integer, with "L" outside the range of int, where
 * libconfig 1.5 would otherwise wrap it; buf. */
const char *scn_fmt_whole(long long v, char buf[40]);

/* A double as a sweep value: the shortest form that reads back as v, so
 * 3000.0 is "3000" (read back as a whole number, which every number
 * setting takes), but with ".0" where libconfig 1.5 would wrap the whole
 * number ("3000000000.0"); buf. */
const char *scn_fmt_value(double v, char buf[40]);

/* The text of scalar st in scenario-file syntax ("3000", "0.5",
 * "\"office\"", "true"), cut to size; NULL if st is no scalar. */
const char *scn_value_text(const config_setting_t *st, char *buf, size_t size);

#endif
