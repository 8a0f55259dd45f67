/* scenario_set.c - setting paths and overrides (PATH=VALUE).
 *
 * Overrides (PATH=VALUE, from --set or an experiment's variants) edit
 * libconfig's tree of the file before the reader sees it, so they are
 * checked by the same code as the file; the settings they make are
 * remembered, so that every message about one names the override's
 * origin (scn_made_by, asked by scn_locate).
 */
#include "scenario_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- setting paths --------------------------------------------------------------------- */

/* A path names a setting as the messages do: names and list indices
 * "[n]" joined by '.', e.g. "incidents.types.[2].hour_profile". */

/* Copies the token of path at *p (up to the next '.') into tok, cut to
 * size, sets *len to its full length and moves *p past it and its '.'.
 * Returns 1 if another token follows. */
static int path_token(const char **p, char *tok, size_t size, size_t *len)
{
    *len = strcspn(*p, ".");
    snprintf(tok, size, "%.*s", (int)*len, *p);
    int more = (*p)[*len] == '.';
    *p += *len + (size_t)more;
    return more;
}

/* n for the token "[n]" (len characters), or -1. */
static long path_index(const char *tok, size_t len)
{
    if (len < 3 || len > 11 || tok[0] != '[' || tok[len - 1] != ']')
        return -1;
    long n = 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (!isdigit((unsigned char)tok[i]))
            return -1;
        n = 10 * n + (tok[i] - '0');
    }
    return n;
}

/* The deepest setting on `path` from root that exists (root if none). */
const config_setting_t *scn_lookup_path(const config_setting_t *root, const char *path)
{
    const config_setting_t *st = root;
    char tok[128];
    size_t len;
    for (int more = *path != '\0'; more;) {
        more = path_token(&path, tok, sizeof tok, &len);
        int type = config_setting_type(st);
        const config_setting_t *next = NULL;
        if (tok[0] == '[' && (type == CONFIG_TYPE_LIST || type == CONFIG_TYPE_ARRAY) &&
            path_index(tok, len) >= 0)
            next = config_setting_get_elem(st, (unsigned)path_index(tok, len));
        else if (tok[0] != '[' && type == CONFIG_TYPE_GROUP && len < sizeof tok)
            next = config_setting_get_member(st, tok);
        if (!next)
            break;
        st = next;
    }
    return st;
}

/* ---- overrides ------------------------------------------------------------------------- */

/* An override PATH=VALUE changes the file's tree before it is read, so it
 * is checked exactly like the file. VALUE is parsed by libconfig on its
 * own ("v = VALUE;"); the groups missing on PATH are created; the setting
 * at PATH is replaced by a deep copy of the value, at the same place in
 * its group or list. Every setting an override makes is remembered with
 * the override's origin, and messages about it or anything under it name
 * that origin instead of a file and line (scn_locate). */

/* The origin of the override that made st, or NULL. O(n): overrides are
 * few. */
const char *scn_made_by(const overrides *ov, const config_setting_t *st)
{
    for (size_t i = ov ? ov->n : 0; i-- > 0;)
        if (ov->v[i].st == st)
            return ov->v[i].origin;
    return NULL;
}

static int remember(overrides *ov, const config_setting_t *st, const char *origin)
{
    if (ov->n == ov->cap) {
        size_t cap = ov->cap ? 2 * ov->cap : 16;
        made_setting *v = realloc(ov->v, cap * sizeof *v);
        if (!v)
            return -1;
        ov->v = v;
        ov->cap = cap;
    }
    ov->v[ov->n++] = (made_setting){st, origin};
    return 0;
}

/* Forgets st and everything under it before libconfig frees them, so that
 * a new setting at a freed address is not taken for one of them. */
static void forget(overrides *ov, const config_setting_t *st)
{
    size_t k = 0;
    for (size_t i = 0; i < ov->n; i++) {
        const config_setting_t *p = ov->v[i].st;
        while (p && p != st)
            p = config_setting_parent(p);
        if (!p)
            ov->v[k++] = ov->v[i];
    }
    ov->n = k;
}

/* Adds to parent a deep copy of src called `name` (NULL in a list or
 * array). Returns it, or NULL when libconfig refuses the name. */
static config_setting_t *copy_setting(config_setting_t *parent, const char *name,
                                      const config_setting_t *src)
{
    int type = config_setting_type(src);
    config_setting_t *d = config_setting_add(parent, name, type);
    if (!d)
        return NULL;
    switch (type) {
    case CONFIG_TYPE_INT:
        config_setting_set_int(d, config_setting_get_int(src));
        break;
    case CONFIG_TYPE_INT64:
        config_setting_set_int64(d, config_setting_get_int64(src));
        break;
    case CONFIG_TYPE_FLOAT:
        config_setting_set_float(d, config_setting_get_float(src));
        break;
    case CONFIG_TYPE_BOOL:
        config_setting_set_bool(d, config_setting_get_bool(src));
        break;
    case CONFIG_TYPE_STRING:
        config_setting_set_string(d, config_setting_get_string(src));
        break;
    default: /* group, array, list */
        for (int i = 0; i < config_setting_length(src); i++) {
            const config_setting_t *el = config_setting_get_elem(src, (unsigned)i);
            if (!copy_setting(d, config_setting_name(el), el))
                return NULL;
        }
        break;
    }
    return d;
}

/* Moves the last member or element of st to index i. libconfig 1.5 only
 * appends, and finds members by name and indices by searching st's
 * element vector, so reordering that vector is safe. */
static void move_last_to(config_setting_t *st, unsigned i)
{
    config_list_t *l = st->value.list;
    config_setting_t *last = l->elements[l->length - 1];
    memmove(l->elements + i + 1, l->elements + i, (l->length - 1 - i) * sizeof *l->elements);
    l->elements[i] = last;
}

/* A problem of an override: "ORIGIN: PATH: message". */
static void PRINTF_LIKE(4, 5) blame(errs *e, const char *origin, const char *path,
                                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scn_vemit(e, origin, 0, path, fmt, ap);
    va_end(ap);
}

/* Walks `path` from root, creating missing groups, and replaces the
 * setting at its end by a copy of v; remembers every setting it makes.
 * A list the file does not give (so the built-in one applies) is first
 * copied from the built-in scenario, so that officers.[0].per reaches the
 * built-in first group of a file that lists no officers. Returns 0, or
 * -1 after reporting (and removing the settings it made). */
static int put(errs *e, overrides *ov, config_setting_t *root, const char *path,
               const config_setting_t *v, const char *origin)
{
    config_setting_t *st = root, *made = NULL; /* the first setting made */
    const config_setting_t *bst = ov->builtin; /* same place, built-in tree */
    const config_setting_t *copied = NULL;     /* a list copied from it */
    const char *p = path;
    char tok[128], where[256], found[128];
    for (int more = 1; more;) {
        size_t len, at = (size_t)(p - path);
        more = path_token(&p, tok, sizeof tok, &len);
        int index = tok[0] == '[', type = config_setting_type(st);
        snprintf(where, sizeof where, "%.*s", at ? (int)at - 1 : 13, at ? path : "the top level");
        if (index ? type != CONFIG_TYPE_LIST && type != CONFIG_TYPE_ARRAY
                  : type != CONFIG_TYPE_GROUP) {
            blame(e, origin, path, "expected %s at %s, found %s",
                  index ? "a list or array" : "a group", where,
                  scn_describe(st, found, sizeof found));
            goto fail;
        }
        config_setting_t *next = NULL;
        if (index) {
            int n = config_setting_length(st);
            long i = path_index(tok, len);
            if (i < 0 || i >= n) {
                int cut = len >= 2 && len < sizeof tok && tok[len - 1] == ']';
                snprintf(found, sizeof found, "%.*s", cut ? (int)len - 2 : (int)len, tok + cut);
                if (n)
                    blame(e, origin, path, "expected an index from 0 to %d, found %s", n - 1, found);
                else
                    blame(e, origin, path, "expected no index (%s is empty), found %s", where, found);
                goto fail;
            }
            next = config_setting_get_elem(st, (unsigned)i);
            /* The file's own lists replace the built-in ones whole: their
               elements match no built-in element by position (the file's
               first type need not be burglary). Only inside a list just
               copied from the built-in tree do positions correspond. */
            bst = bst && st == copied &&
                          (config_setting_is_list(bst) || config_setting_is_array(bst))
                      ? config_setting_get_elem(bst, (unsigned)i)
                      : NULL;
        } else if (len < sizeof tok) {
            next = config_setting_get_member(st, tok);
            bst = bst && config_setting_is_group(bst) ? config_setting_get_member(bst, tok) : NULL;
            if (!next && more && bst &&
                (config_setting_is_list(bst) || config_setting_is_array(bst))) {
                next = copy_setting(st, tok, bst);
                if (!next || remember(ov, next, origin) != 0) {
                    blame(e, origin, path, "out of memory");
                    goto fail;
                }
                made = made ? made : next;
                copied = next;
            }
        } else {
            bst = NULL;
        }
        if (next && more) {
            st = next;
            continue;
        }
        if (!more) { /* replace the setting at the end of the path, in place */
            unsigned i = next ? (unsigned)config_setting_index(next) : 0;
            int old = next != NULL;
            if (old) {
                forget(ov, next);
                config_setting_remove_elem(st, i);
            }
            next = len < sizeof tok ? copy_setting(st, index ? NULL : tok, v) : NULL;
            if (next && old)
                move_last_to(st, i);
        } else if (*p == '[') {
            blame(e, origin, path, "expected a list or array at %.*s, found nothing",
                  (int)(at + len), path);
            goto fail;
        } else if (len < sizeof tok) {
            next = config_setting_add(st, tok, CONFIG_TYPE_GROUP);
            made = made ? made : next;
        }
        if (!next) {
            snprintf(found, sizeof found, len ? "\"%.*s\"" : "nothing", (int)len, path + at);
            blame(e, origin, path, "expected a name of letters, digits, '_' and '-' starting "
                                   "with a letter, found %s", found);
            goto fail;
        }
        if (remember(ov, next, origin) != 0) {
            blame(e, origin, path, "out of memory");
            goto fail;
        }
        st = next;
    }
    return 0;
fail:
    if (made) {
        forget(ov, made);
        config_setting_remove_elem(config_setting_parent(made), (unsigned)config_setting_index(made));
    }
    return -1;
}

/* text[0 .. *len) without spaces at either end; sets *len. */
static const char *trim(const char *text, size_t *len)
{
    while (*len && isspace((unsigned char)*text)) {
        text++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)text[*len - 1]))
        (*len)--;
    return text;
}

/* Applies override `set` to the tree under root. Returns 0, or -1 after
 * reporting. */
int scn_apply_set(errs *e, overrides *ov, config_setting_t *root, const scenario_set *set)
{
    const char *origin = set->origin ? set->origin : "--set";
    const char *text = set->text ? set->text : "", *eq = strchr(text, '=');
    size_t plen = eq ? (size_t)(eq - text) : 0, vlen = eq ? strlen(eq + 1) : 0;
    const char *ptext = trim(text, &plen), *value = eq ? trim(eq + 1, &vlen) : "";
    char path[256];
    char shown[SCENARIO_SHOW_SIZE];
    if (plen == 0 || plen >= sizeof path) {
        blame(e, origin, "", plen ? "expected a setting path of up to 255 characters, found \"%s\""
                                  : "expected PATH=VALUE (e.g. run.days=30), found \"%s\"",
              scenario_show(text, shown));
        return -1;
    }
    snprintf(path, sizeof path, "%.*s", (int)plen, ptext);
    /* List entries are path tokens of their own: "officers.[0].per", as
       libconfig writes them; "officers[0].per" gets the right spelling. */
    for (const char *b = strchr(path, '['); b; b = strchr(b + 1, '['))
        if (b > path && (isalnum((unsigned char)b[-1]) || b[-1] == '_' || b[-1] == ']') &&
            isdigit((unsigned char)b[1]) && b[1 + strspn(b + 1, "0123456789")] == ']') {
            char fixed[2 * sizeof path];
            size_t k = 0;
            for (const char *c = path; *c && k + 2 < sizeof fixed; c++) {
                if (*c == '[' && c > path && c[-1] != '.')
                    fixed[k++] = '.';
                if (*c == ']' && c[1] && c[1] != '.' && c[1] != '[') {
                    fixed[k++] = ']';
                    fixed[k++] = '.';
                    continue;
                }
                fixed[k++] = *c;
            }
            fixed[k] = '\0';
            blame(e, origin, path, "expected list entries written as their own part of the "
                                   "path, .[N] (did you mean %s?), found %s", fixed, path);
            return -1;
        }
    /* An incident type's name decides which built-in defaults it starts
       from: renaming one by an override would give different settings
       when the resolved file (every setting written) is run again. */
    if (!strncmp(path, "incidents.types.[", 17)) {
        const char *close = strchr(path + 17, ']');
        if (close && !strcmp(close, "].name")) {
            blame(e, origin, path, "expected a setting other than a type's name (the name "
                                   "chooses the type's defaults: replace the whole type "
                                   "instead), found %s", path);
            return -1;
        }
    }
    /* So is the output section (run --calls for the command line). */
    if (!strncmp(path, "output", 6) && (!path[6] || path[6] == '.' || path[6] == '[')) {
        blame(e, origin, path, "expected a scenario setting (the output section is read "
                               "from the file only; --calls of beatsim run writes calls.csv), "
                               "found output");
        return -1;
    }
    /* The experiment section is read from the file only: an override of
       it would be silently ignored. */
    size_t head = strcspn(path, ".[");
    if ((head == 8 && !strncmp(path, "variants", 8)) || (head == 5 && !strncmp(path, "sweep", 5)) ||
        (head == 8 && !strncmp(path, "baseline", 8)) || (head == 6 && !strncmp(path, "report", 6)) ||
        (head == 11 && !strncmp(path, "sensitivity", 11))) {
        blame(e, origin, path, "expected a scenario setting (variants, baseline, sweep, "
                               "sensitivity and report are read from the file only), found %.*s",
              (int)head, path);
        return -1;
    }

    /* One setting `v`, read from one line: no room for a second setting
     * or an @include. */
    config_t tmp;
    config_init(&tmp);
    const config_setting_t *v = NULL;
    char *src = malloc(vlen + 8);
    if (src && vlen && !memchr(value, '\n', vlen)) {
        snprintf(src, vlen + 8, "v = %.*s;", (int)vlen, value);
        if (config_read_string(&tmp, src) && config_setting_length(config_root_setting(&tmp)) == 1)
            v = config_setting_get_elem(config_root_setting(&tmp), 0);
    }
    free(src);
    int rc = -1;
    if (!v) {
        char cut[72]; /* the value (not NUL-terminated), to 65 bytes: shown cut */
        snprintf(cut, sizeof cut, "%.*s", (int)(vlen > 65 ? 65 : vlen), value);
        blame(e, origin, path, "expected a value in scenario-file syntax (e.g. 3000, 0.5, "
                               "\"text\", true, [1.0, 2.0]), found %s",
              vlen ? scenario_show(cut, shown) : "nothing");
    }
    else
        rc = put(e, ov, root, path, v, origin);
    config_destroy(&tmp);
    return rc;
}
