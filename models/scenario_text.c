/* scenario_text.c - the text of a scenario file, and its tree.
 *
 * A scenario file is read into memory once and checked, with every file
 * it includes, before libconfig sees it (sizes, lines, NUL bytes, the
 * files @include names); then libconfig reads it into a tree, the
 * reader's and the experiment section's input.
 */
#include "scenario_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the text of a scenario file ---------------------------------------------------------- */

/* libconfig 1.5 reads with a flex scanner whose time grows with the
 * square of the length of one token (a string, name, number, comment or
 * run of spaces of 2 MB takes 5 s), that ends the program (exit) when an
 * included path is a folder or cannot be read, and that would wait on a
 * pipe or read a device for ever. So a scenario file is read into memory
 * once, and it and every file it includes are checked before libconfig
 * sees them: at most SCENARIO_TEXT_MAX bytes in all, no NUL byte, lines
 * and strings of at most SCENARIO_LINE_MAX characters, and every
 * @include naming a regular file that can be read, at most
 * INCLUDE_DEPTH_MAX deep. Included files are read again by libconfig at
 * every parse (1.5 offers no hook to hand it their text). The lexer below
 * follows libconfig's scanner.l: comments, strings with their escapes,
 * and @include at the start of a line. */

#define INCLUDE_DEPTH_MAX 10 /* libconfig 1.5's MAX_INCLUDE_DEPTH */

/* Reads the file `path` whole into *out (malloc'd, NUL-terminated, *len
 * bytes before the NUL), refusing more than max bytes. Returns 0, or -1
 * with errno set (EFBIG: longer than max). */
static int read_all(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    int rc = buf ? 0 : -1;
    while (rc == 0) {
        if (n + 1 >= cap) {
            size_t want = cap * 2 > max + 2 ? max + 2 : cap * 2;
            char *b = want > cap ? realloc(buf, want) : NULL;
            if (!b) {
                errno = want > cap ? ENOMEM : EFBIG;
                rc = -1;
                break;
            }
            buf = b;
            cap = want;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n > max) {
            errno = EFBIG;
            rc = -1;
        } else if (got == 0) {
            if (ferror(f)) {
                if (!errno)
                    errno = EIO;
                rc = -1;
            }
            break;
        }
    }
    int saved = errno;
    fclose(f);
    if (rc != 0) {
        free(buf);
        errno = saved;
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Where the checks of a file's text stand. */
typedef struct text_scan {
    FILE *err;    /* messages */
    const char *dir; /* the top file's folder (includes are found there), or NULL */
    size_t total; /* bytes of the top file and its included files so far */
    int n;        /* problems */
} text_scan;

static int scan_text(text_scan *sc, const char *name, const char *text, size_t len, int depth);

/* Checks the file that `@include "inc"` names (at `line` of file `name`,
 * the depth-th nested include) and what it includes in turn. */
static void scan_include(text_scan *sc, const char *name, int line, const char *inc, int depth)
{
    char shown[SCENARIO_SHOW_SIZE], path[4096];
    scenario_show(inc, shown);
    if (depth > INCLUDE_DEPTH_MAX) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected includes nested at most "
                       "%d deep, found more", shown, INCLUDE_DEPTH_MAX);
        sc->n++;
        return;
    }
    int w = sc->dir ? snprintf(path, sizeof path, "%s/%s", sc->dir, inc)
                    : snprintf(path, sizeof path, "%s", inc);
    struct stat st;
    const char *what = NULL;
    if (!*inc || w < 0 || (size_t)w >= sizeof path) {
        what = *inc ? "a name of up to 4095 characters" : "a file name";
    } else if (stat(path, &st) != 0) {
        int e = errno;
        /* libconfig finds every include from the top file's folder; say
           where it looked, and whether the file is beside the includer */
        char shown_path[SCENARIO_SHOW_SIZE], beside[4096], hint[SCENARIO_SHOW_SIZE + 64] = "";
        const char *slash = strrchr(name, '/');
        int nb = slash ? snprintf(beside, sizeof beside, "%.*s/%s", (int)(slash - name), name, inc)
                       : snprintf(beside, sizeof beside, "%s", inc);
        struct stat bs;
        if (nb > 0 && (size_t)nb < sizeof beside && strcmp(beside, path) &&
            stat(beside, &bs) == 0 && S_ISREG(bs.st_mode)) {
            const char *rel = beside;
            size_t dl = sc->dir ? strlen(sc->dir) : 0;
            if (dl && !strncmp(beside, sc->dir, dl) && beside[dl] == '/')
                rel = beside + dl + 1;
            char shown_rel[SCENARIO_SHOW_SIZE];
            snprintf(hint, sizeof hint, "; there is one beside this file: write @include \"%s\"",
                     scenario_show(rel, shown_rel));
        }
        scenario_error(sc->err, name, line, "@include \"%s\": cannot read the file: %s (looked "
                       "for %s: includes are found from the folder of the scenario file, %s)%s",
                       shown, strerror(e), scenario_show(path, shown_path),
                       sc->dir ? sc->dir : "the current folder", hint);
        sc->n++;
        return;
    } else if (!S_ISREG(st.st_mode)) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected a file, found %s", shown,
                       S_ISDIR(st.st_mode) ? "a folder" : "a device, pipe or socket");
        sc->n++;
        return;
    }
    if (what) {
        scenario_error(sc->err, name, line, "@include \"%s\": expected %s", shown, what);
        sc->n++;
        return;
    }
    char *text;
    size_t len;
    if (read_all(path, SCENARIO_TEXT_MAX - sc->total, &text, &len) != 0) {
        if (errno == EFBIG)
            scenario_error(sc->err, name, line, "@include \"%s\": expected at most %u bytes of "
                           "scenario text with the included files, found more", shown,
                           SCENARIO_TEXT_MAX);
        else
            scenario_error(sc->err, name, line, "@include \"%s\": cannot read the file: %s",
                           shown, strerror(errno));
        sc->n++;
        return;
    }
    sc->total += len;
    /* Messages name an included file as libconfig does (scn_file_name). */
    scan_text(sc, path, text, len, depth);
    free(text);
}

/* Checks `text` (len bytes) of the file called `name` in messages, then
 * the files it includes (it is itself the depth-th nested include, 0 for
 * the top file). Returns the problems found so far. */
static int scan_text(text_scan *sc, const char *name, const char *text, size_t len, int depth)
{
    enum { NORMAL, STRING, COMMENT, LINE_COMMENT } state = NORMAL;
    int line = 1, string_line = 0;
    size_t line_start = 0, string_start = 0;
    int blank = 1; /* only spaces and tabs so far on this line, in NORMAL */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\0') {
            scenario_error(sc->err, name, line, "expected text, found a NUL byte");
            return ++sc->n;
        }
        if (i - line_start >= SCENARIO_LINE_MAX) {
            size_t e = i;
            while (e < len && text[e] != '\n')
                e++;
            scenario_error(sc->err, name, line, "expected lines of at most %d characters, "
                           "found %zu", SCENARIO_LINE_MAX, e - line_start);
            return ++sc->n;
        }
        if (state == STRING && i - string_start > SCENARIO_LINE_MAX) {
            scenario_error(sc->err, name, string_line, "expected strings of at most %d "
                           "characters, found more", SCENARIO_LINE_MAX);
            return ++sc->n;
        }
        if (c == '\n') {
            line++;
            line_start = i + 1;
            if (state == LINE_COMMENT)
                state = NORMAL;
            blank = state == NORMAL;
            continue;
        }
        switch (state) {
        case LINE_COMMENT:
            break;
        case COMMENT:
            if (c == '*' && i + 1 < len && text[i + 1] == '/') {
                state = NORMAL;
                i++;
            }
            break;
        case STRING:
            if (c == '\\' && i + 1 < len && (text[i + 1] == '"' || text[i + 1] == '\\'))
                i++;
            else if (c == '"')
                state = NORMAL;
            break;
        case NORMAL:
            if (c == ' ' || c == '\t')
                break;
            if (blank && c == '@' && len - i > 9 && !strncmp(text + i, "@include", 8) &&
                (text[i + 8] == ' ' || text[i + 8] == '\t')) {
                /* include_open: ^[ \t]*@include[ \t]+\" */
                size_t j = i + 8;
                while (j < len && (text[j] == ' ' || text[j] == '\t'))
                    j++;
                if (j < len && text[j] == '"') {
                    /* the name, with libconfig's escapes \\ and \" */
                    char inc[4096];
                    size_t k = 0, q = j + 1;
                    int ok = 1;
                    for (; q < len && text[q] != '"' && text[q] != '\n' && ok; q++) {
                        char ch = text[q];
                        if (ch == '\\') {
                            if (q + 1 < len && (text[q + 1] == '\\' || text[q + 1] == '"'))
                                ch = text[++q];
                            else
                                ok = 0; /* libconfig has no rule for it */
                        }
                        if (ch == '\0')
                            ok = 0;
                        if (k + 1 < sizeof inc)
                            inc[k++] = ch;
                    }
                    inc[k] = '\0';
                    if (q >= len || text[q] != '"' || !ok) {
                        scenario_error(sc->err, name, line, "@include: expected a file name "
                                       "in quotes on one line, found %s",
                                       ok ? "no closing quote" : "a '\\' before another character");
                        return ++sc->n;
                    }
                    scan_include(sc, name, line, inc, depth + 1);
                    i = q;
                    blank = 0;
                    break;
                }
            }
            blank = 0;
            if (c == '"') {
                state = STRING;
                string_start = i;
                string_line = line;
            } else if (c == '#' || (c == '/' && i + 1 < len && text[i + 1] == '/')) {
                state = LINE_COMMENT;
            } else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
                state = COMMENT;
                i++;
            }
            break;
        }
    }
    return sc->n;
}

int scenario_text_set(scenario_text *t, const char *path, const char *data, size_t len,
                      FILE *err)
{
    memset(t, 0, sizeof *t);
    if (len > SCENARIO_TEXT_MAX) {
        scenario_error(err, path, 0, "expected a scenario file of at most %u bytes, found %zu",
                       SCENARIO_TEXT_MAX, len);
        return -1;
    }
    t->path = strdup(path);
    t->buf = malloc(len + 1);
    if (!t->path || !t->buf) {
        scenario_error(err, path, 0, "out of memory");
        scenario_text_free(t);
        return -1;
    }
    memcpy(t->buf, data, len);
    t->buf[len] = '\0';
    t->text = t->buf;
    t->len = len;
    if (scenario_text_check(t, err) != 0) {
        scenario_text_free(t);
        return -1;
    }
    return 0;
}

int scenario_text_check(const scenario_text *t, FILE *err)
{
    if (!t->path)
        return 0; /* the built-in text */
    const char *slash = strrchr(t->path, '/');
    char *dir = slash ? strndup(t->path, (size_t)(slash - t->path)) : NULL;
    if (slash && !dir) {
        scenario_error(err, t->path, 0, "out of memory");
        return -1;
    }
    text_scan sc = {.err = err, .dir = dir, .total = t->len};
    scan_text(&sc, t->path, t->text, t->len, 0);
    free(dir);
    return sc.n ? -1 : 0;
}

int scenario_text_read(scenario_text *t, const char *path, FILE *err)
{
    memset(t, 0, sizeof *t);
    if (!path) {
        t->text = scenario_builtin_text;
        t->len = strlen(scenario_builtin_text);
        return 0;
    }
    char *text;
    size_t len;
    if (read_all(path, SCENARIO_TEXT_MAX, &text, &len) != 0) {
        if (errno == EFBIG)
            scenario_error(err, path, 0, "expected a scenario file of at most %u bytes, found "
                           "more", SCENARIO_TEXT_MAX);
        else
            scenario_error(err, path, 0, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    t->path = strdup(path);
    t->text = t->buf = text;
    t->len = len;
    if (!t->path) {
        scenario_error(err, path, 0, "out of memory");
        scenario_text_free(t);
        return -1;
    }
    if (scenario_text_check(t, err) != 0) {
        scenario_text_free(t);
        return -1;
    }
    return 0;
}

void scenario_text_free(scenario_text *t)
{
    free(t->buf);
    free(t->path);
    memset(t, 0, sizeof *t);
}

/* ---- reading a file's tree ------------------------------------------------------------ */

void scn_tree_free(tree *t)
{
    config_destroy(&t->cfg);
    free(t->dir);
    t->dir = NULL;
}

/* Reads the text x into t, its @include resolved in the folder of its
 * file (x->path; NULL: the built-in text). Returns 0, or -1 after
 * reporting to err (then t holds nothing). */
int scn_tree_read(tree *t, const scenario_text *x, FILE *err)
{
    const char *path = x->path;
    memset(t, 0, sizeof *t);
    config_init(&t->cfg);
    t->e = (errs){.out = err, .file = path ? path : "built-in"};
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (slash) {
        t->dir = strndup(path, (size_t)(slash - path));
        if (!t->dir) {
            scenario_error(err, path, 0, "out of memory");
            scn_tree_free(t);
            return -1;
        }
        config_set_include_dir(&t->cfg, t->dir);
        t->e.dir = t->dir;
    }
    if (config_read_string(&t->cfg, x->text)) {
        t->e.root = config_root_setting(&t->cfg);
        return 0;
    }
    char name[512];
    scenario_error(err, scn_file_name(&t->e, config_error_file(&t->cfg), name, sizeof name),
                   config_error_line(&t->cfg), "%s", config_error_text(&t->cfg));
    scn_tree_free(t);
    return -1;
}
