/* scenario_messages.c - the messages of scenario files.
 *
 * Every problem is reported once, as one line "FILE:LINE: PATH: message"
 * that sends the terminal no control character, and counted, so that
 * none stops the search for the others. A message is placed by the
 * setting it is about (scn_locate): an override's origin, or the file
 * and line libconfig recorded, included files too; a problem of a
 * struct value (scn_complain) by the setting at its path in the file's
 * tree, when there is one. The texts of what a setting holds
 * (scn_describe) and what a setting of the tables expects (scn_expected)
 * are here too.
 */
#include "scenario_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Writes "HEAD: " then fmt with ap as one line of at most 4095 bytes,
 * every control character in it (from a file name, a setting path or a
 * value given by the user) shown as '?' (scenario_show), so that a
 * message stays one line and sends the terminal nothing. */
static void PRINTF_LIKE(3, 0) put_message(FILE *out, const char *head, const char *fmt,
                                          va_list ap)
{
    char buf[4096];
    int n = snprintf(buf, sizeof buf, "%s", head);
    if (n >= 0 && (size_t)n < sizeof buf)
        vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    unsigned char *b = (unsigned char *)buf;
    for (size_t i = 0; b[i]; i++) {
        if (b[i] < 0x20 || b[i] == 0x7f)
            b[i] = '?';
        else if (b[i] == 0xc2 && b[i + 1] >= 0x80 && b[i + 1] <= 0x9f)
            b[i] = b[i + 1] = '?'; /* a C1 control character in UTF-8 */
    }
    fputs(buf, out);
    fputc('\n', out);
}

void scenario_error(FILE *err, const char *source, int line, const char *fmt, ...)
{
    if (!err)
        return;
    char head[1200];
    if (line > 0)
        snprintf(head, sizeof head, "%s:%d: ", source, line);
    else
        snprintf(head, sizeof head, "%s: ", source);
    va_list ap;
    va_start(ap, fmt);
    put_message(err, head, fmt, ap);
    va_end(ap);
}

const char *scenario_show(const char *text, char buf[SCENARIO_SHOW_SIZE])
{
    size_t n = 0;
    for (; text[n] && n < 64; n++)
        buf[n] = (unsigned char)text[n] < 0x20 || text[n] == 0x7f ? '?' : text[n];
    /* C1 control characters (U+0080 .. U+009F) are written 0xC2 0x80-0x9F
       in UTF-8; a terminal may act on them like on ESC. */
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)buf[i] == 0xc2 && (unsigned char)buf[i + 1] >= 0x80 &&
            (unsigned char)buf[i + 1] <= 0x9f)
            buf[i] = buf[i + 1] = '?';
    if (n == 64 && (unsigned char)buf[63] == 0xc2)
        buf[63] = '?';
    snprintf(buf + n, SCENARIO_SHOW_SIZE - n, "%s", text[n] ? "..." : "");
    return buf;
}

/* Writes "FILE:LINE: PATH: message" (no ":LINE" when line is 0, no
 * "PATH: " when path is empty) and counts it. */
void PRINTF_LIKE(5, 0) scn_vemit(errs *e, const char *file, int line, const char *path,
                                 const char *fmt, va_list ap)
{
    e->n++;
    if (!e->out)
        return;
    char head[1600], line_no[16] = "";
    if (line > 0)
        snprintf(line_no, sizeof line_no, ":%d", line);
    snprintf(head, sizeof head, "%s%s: %s%s", file, line_no, path ? path : "",
             path && *path ? ": " : "");
    put_message(e->out, head, fmt, ap);
}

/* The name of a file libconfig read, as messages give it: libconfig 1.5
 * names an included file by its @include text, which is relative to the
 * top file's folder. NULL (a string, not a file) is e->file. */
const char *scn_file_name(const errs *e, const char *file, char *buf, size_t size)
{
    if (!file)
        return e->file;
    if (!e->dir || !strcmp(file, e->file))
        return file;
    snprintf(buf, size, "%s/%s", e->dir, file);
    return buf;
}

/* Where messages about st go: the origin of the override that made st or
 * an ancestor of it (*line = 0), else the file and line of the nearest
 * setting from st up that has a line. */
const char *scn_locate(const errs *e, const config_setting_t *st, int *line, char *buf,
                       size_t size)
{
    for (; st; st = config_setting_parent(st)) {
        const char *origin = scn_made_by(e->ov, st);
        if (origin) {
            *line = 0;
            return origin;
        }
        if (config_setting_source_line(st) > 0) {
            *line = (int)config_setting_source_line(st);
            return scn_file_name(e, config_setting_source_file(st), buf, size);
        }
    }
    *line = 0;
    return e->file;
}

/* A problem of a struct value, at `line` of e->file (0: unknown); placed
 * by the setting at `path` (or its deepest ancestor) in e->root if given. */
void PRINTF_LIKE(4, 5) scn_complain(errs *e, int line, const char *path, const char *fmt, ...)
{
    const char *file = e->file;
    char name[512];
    const config_setting_t *st = e->root ? scn_lookup_path(e->root, path) : NULL;
    if (st && st != e->root)
        file = scn_locate(e, st, &line, name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    scn_vemit(e, file, line, path, fmt, ap);
    va_end(ap);
}

/* The libconfig path of st, e.g. "incidents.types.[2].priority", then
 * ".member" if member is not NULL. */
void scn_setting_path(const config_setting_t *st, const char *member, char *buf, size_t size)
{
    const config_setting_t *chain[32];
    int depth = 0;
    for (; st && config_setting_parent(st) && depth < 32; st = config_setting_parent(st))
        chain[depth++] = st;
    size_t len = 0;
    buf[0] = '\0';
    while (depth-- > 0 || member) {
        const char *sep = len ? "." : "";
        int w;
        if (depth < 0) {
            w = snprintf(buf + len, size - len, "%s%s", sep, member);
            member = NULL;
        } else if (config_setting_name(chain[depth])) {
            w = snprintf(buf + len, size - len, "%s%s", sep, config_setting_name(chain[depth]));
        } else {
            w = snprintf(buf + len, size - len, "%s[%d]", sep, config_setting_index(chain[depth]));
        }
        if (w < 0 || (size_t)w >= size - len)
            break; /* truncated */
        len += (size_t)w;
    }
}

/* A problem of setting st (or of its missing member `member`), placed by
 * scn_locate. */
void PRINTF_LIKE(4, 5) scn_report(errs *e, const config_setting_t *st, const char *member,
                                  const char *fmt, ...)
{
    char path[256], name[512];
    scn_setting_path(st, member, path, sizeof path);
    int line;
    const char *file = scn_locate(e, st, &line, name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    scn_vemit(e, file, line, path, fmt, ap);
    va_end(ap);
}

/* The shortest text that reads back as v (32 bytes are enough). */
const char *scn_fmt_num(double v, char buf[32])
{
    snprintf(buf, 32, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, 32, "%.17g", v);
    return buf;
}

/* What a setting holds, for "found ...": its value, or its shape. */
const char *scn_describe(const config_setting_t *st, char *buf, size_t size)
{
    char num[32];
    switch (config_setting_type(st)) {
    case CONFIG_TYPE_INT:
        snprintf(buf, size, "%d", config_setting_get_int(st));
        break;
    case CONFIG_TYPE_INT64:
        snprintf(buf, size, "%lld", config_setting_get_int64(st));
        break;
    case CONFIG_TYPE_FLOAT: /* "10.0", not "10", where a whole number is expected */
        scn_fmt_num(config_setting_get_float(st), num);
        snprintf(buf, size, "%s%s", num, strpbrk(num, ".eni") ? "" : ".0");
        break;
    case CONFIG_TYPE_STRING: {
        char shown[SCENARIO_SHOW_SIZE];
        snprintf(buf, size, "\"%s\"", scenario_show(config_setting_get_string(st), shown));
        break;
    }
    case CONFIG_TYPE_BOOL:
        snprintf(buf, size, "%s", config_setting_get_bool(st) ? "true" : "false");
        break;
    case CONFIG_TYPE_GROUP:
        snprintf(buf, size, "a group { ... }");
        break;
    case CONFIG_TYPE_ARRAY:
        snprintf(buf, size, "%s", config_setting_length(st) ? "an array [ ... ]" : "[ ]");
        break;
    case CONFIG_TYPE_LIST:
        snprintf(buf, size, "%s", config_setting_length(st) ? "a list ( ... )" : "( )");
        break;
    default:
        snprintf(buf, size, "nothing");
        break;
    }
    return buf;
}

/* "a, b, c": n words, or the names of n fields when words is NULL. */
const char *scn_join_names(const char *const *words, const field *f, size_t n, char *buf,
                           size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         words ? words[i] : f[i].name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return buf;
}

/* What a number in range r is, e.g. "a number > 0 and <= 168". */
const char *scn_describe_range(const range *r, int whole, char *buf, size_t size)
{
    const char *what = whole ? "a whole number" : "a number";
    const char *lo_op = r->open & LO_OPEN ? ">" : ">=";
    const char *hi_op = r->open & HI_OPEN ? "<" : "<=";
    char lo[32], hi[32];
    scn_fmt_num(r->lo, lo);
    scn_fmt_num(r->hi, hi);
    int has_lo = r->lo > -INFINITY, has_hi = r->hi < INFINITY;
    if (has_lo && has_hi && !r->open)
        snprintf(buf, size, "%s from %s to %s", what, lo, hi);
    else if (has_lo && has_hi)
        snprintf(buf, size, "%s %s %s and %s %s", what, lo_op, lo, hi_op, hi);
    else if (has_lo)
        snprintf(buf, size, "%s %s %s", what, lo_op, lo);
    else if (has_hi)
        snprintf(buf, size, "%s %s %s", what, hi_op, hi);
    else
        snprintf(buf, size, "%s", what);
    return buf;
}

/* What field f expects, for "expected ...". */
const char *scn_expected(const field *f, char *buf, size_t size)
{
    switch (f->kind) {
    case K_REAL:
        return scn_describe_range(&f->r, 0, buf, size);
    case K_INT:
    case K_COUNT:
        return scn_describe_range(&f->r, 1, buf, size);
    case K_SEED:
        snprintf(buf, size, "a whole number >= 0");
        break;
    case K_BOOL:
        snprintf(buf, size, "true or false");
        break;
    case K_ENUM: {
        char list[256];
        snprintf(buf, size, "one of %s",
                 scn_join_names(f->words, NULL, (size_t)f->n, list, sizeof list));
        break;
    }
    case K_TEXT:
        snprintf(buf, size, "text");
        break;
    case K_WEIGHTS: {
        char r[96];
        scn_describe_range(&f->r, (f->flags & WHOLE) != 0, r, sizeof r);
        snprintf(buf, size, "%s%d numbers, each %s", f->flags & SCALAR_OK ? "one number or " : "",
                 f->n, r + (f->flags & WHOLE ? strlen("a whole number ") : strlen("a number ")));
        break;
    }
    case K_LEVEL:
        snprintf(buf, size, "a priority from 0 (none) to 3, or true (1) or false (0)");
        break;
    case K_SECTION:
        snprintf(buf, size, "a group");
        break;
    }
    return buf;
}
