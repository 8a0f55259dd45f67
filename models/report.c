/* report.c - the results folder: written under a temporary name, with its
 * manifest, replacing an older one only with --force, renamed into place
 * when whole. The files themselves come from report_csv.c,
 * report_plotdata.c and report_html.c. */
#include "report.h"
#include "staff_report.h"
#include "report_internal.h"
#include "calllog.h"
#include "figures.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

unsigned long long report_hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    unsigned long long h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The hash of a resolved.cfg text without its first line, which names the
 * file it was resolved from: the same settings hash alike. */
static unsigned long long report_settings_hash(const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t skip = nl ? (size_t)(nl - text) + 1 : 0;
    return report_hash(text + skip, len - skip);
}

/* ---- the results folder ------------------------------------------------------------ */

/* Removes a results folder: its files and its subfolders of files
 * (plotdata/, figures/), never following links; anything deeper is left
 * (and the folder with it). Returns 0 or -1. */
static int remove_dir_depth(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    struct dirent *de;
    char path[4096];
    int rc = 0;
    while ((de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (report_join_path(path, sizeof path, dir, de->d_name) != 0 || lstat(path, &st) != 0)
            rc = -1;
        else if (S_ISDIR(st.st_mode) ? depth > 0 || remove_dir_depth(path, depth + 1) != 0
                                     : unlink(path) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

static int remove_dir(const char *dir)
{
    return remove_dir_depth(dir, 0);
}

/* Creates every missing parent folder of `path` (not path itself). */
static int make_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    char *last = strrchr(buf, '/');
    if (!last || last == buf)
        return 0;
    *last = '\0';
    for (char *p = buf + 1; ; p++) {
        if (*p == '\0') {
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            break;
        }
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

static int write_files(const char *dir, const report_run *run)
{
    const experiment *x = run->x;
    vtable *t = vtables_build(x);
    double *scratch = malloc((x->reps ? x->reps : 1) * sizeof *scratch);
    int ok = t && scratch && report_plotdata_write(dir, x, t, scratch) == 0 &&
             report_page_inputs(dir, x, t, scratch) == 0 &&
             report_csv_write(dir, x, t, scratch) == 0;
    char path[4096];
    if (ok && run->hypercube) {
        FILE *f = report_join_path(path, sizeof path, dir, "hypercube.csv") ? NULL
                                                                            : fopen(path, "w");
        ok = f && report_hypercube_write(f, x) == 0;
        ok = f && fclose(f) == 0 && ok;
    }
    if (ok && x->plan.sa.on)
        ok = report_sensitivity_write(dir, x, t, scratch) == 0;
    if (ok && run->causes) {
        FILE *f = report_join_path(path, sizeof path, dir, "causes.csv") ? NULL : fopen(path, "w");
        ok = f && causes_csv(f, run->causes) == 0;
        ok = f && fclose(f) == 0 && ok;
    }
    if (ok && x->calls_dir) { /* the per-call log: the runs' spool files joined */
        ok = report_join_path(path, sizeof path, dir, "calls.csv") == 0 &&
             calllog_concat(path, x->calls_dir, x->nvar, x->calls_reps) == 0;
        ok = rmdir(x->calls_dir) == 0 && ok;
    }
    free(scratch);
    vtables_free(t, x->nvar);

    /* resolved.cfg, kept in memory too for the manifest's hash */
    char *text = NULL;
    size_t len = 0;
    FILE *m = ok ? open_memstream(&text, &len) : NULL;
    if (m) {
        ok = scenario_write(&x->base, &x->plan, m) == 0;
        ok = fclose(m) == 0 && ok;
    } else {
        ok = 0;
    }
    if (ok) {
        FILE *f = report_join_path(path, sizeof path, dir, "resolved.cfg") ? NULL : fopen(path, "w");
        ok = f && fwrite(text, 1, len, f) == len;
        ok = f && fclose(f) == 0 && ok;
    }
    if (ok) {
        FILE *f = report_join_path(path, sizeof path, dir, "manifest") ? NULL : fopen(path, "w");
        if (f) {
            fprintf(f, "beatsim %s\nscenario %s\nsource %s\nscenario_hash %016llx\n"
                       "seed %llu\nreplications %zu\nvariants %zu\nbaseline %s\n"
                       "threads %u\ncommand %s\nstarted %s\nfinished %s\n",
                    BEATSIM_VERSION, x->base.name, x->base.source,
                    report_settings_hash(text, len), (unsigned long long)x->base.seed, x->reps,
                    x->nvar, x->plan.v[x->plan.baseline].name, run->jobs,
                    run->command_line ? run->command_line : "",
                    run->started ? run->started : "", run->finished ? run->finished : "");
            ok = !ferror(f);
            ok = fclose(f) == 0 && ok;
        } else {
            ok = 0;
        }
    }
    free(text);
    return ok ? 0 : -1;
}

/* ---- what a results folder holds --------------------------------------------------- */

/* The manifest ends with one line "file NAME" per file beatsim wrote into
 * the folder (NAME relative to it: a top-level file, or one in plotdata/
 * or figures/). Replacing a folder (--force) deletes those files only;
 * anything else found in it is kept, in the new folder. */

/* A list of relative paths (malloc'd strings). */
typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int names_add(names *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

static int names_has(const names *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) /* O(n): a folder holds some 40 files */
        if (!strcmp(l->v[i], s))
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if `name` may be a file beatsim writes: a plain name at the top, or
 * in plotdata/ or figures/ (nothing else is ever deleted). */
static int our_kind_of_name(const char *name)
{
    const char *slash = strchr(name, '/'), *base = slash ? slash + 1 : name;
    if (slash && !((slash - name == 8 && !strncmp(name, "plotdata", 8)) ||
                   (slash - name == 7 && !strncmp(name, "figures", 7))))
        return 0;
    if (!*base || strchr(base, '/') || !strcmp(base, ".") || !strcmp(base, ".."))
        return 0;
    for (const char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return 0;
    return 1;
}

/* Adds the regular files of dir (prefix "" ) and of its subfolders
 * plotdata/ and figures/ to *l. Returns 0 or -1. */
static int list_files(const char *dir, const char *prefix, names *l)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *de;
    char path[4096], rel[4096];
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (report_join_path(path, sizeof path, dir, de->d_name) != 0 || lstat(path, &st) != 0) {
            rc = -1;
            break;
        }
        snprintf(rel, sizeof rel, "%s%s", prefix, de->d_name);
        if (S_ISREG(st.st_mode) && our_kind_of_name(rel))
            rc = names_add(l, rel);
        else if (S_ISDIR(st.st_mode) && !*prefix &&
                 (!strcmp(de->d_name, "plotdata") || !strcmp(de->d_name, "figures"))) {
            char sub[300];
            snprintf(sub, sizeof sub, "%s/", de->d_name);
            rc = list_files(path, sub, l);
        }
    }
    closedir(d);
    return rc;
}

/* Reads the file list of dir's manifest into *l. Returns 1 when dir is a
 * results folder of this program (a plain folder, not a link, whose
 * manifest starts with "beatsim " and lists the files written), else 0. */
static int results_folder_files(const char *dir, names *l)
{
    struct stat st;
    char path[4096], line[4200];
    memset(l, 0, sizeof *l);
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        report_join_path(path, sizeof path, dir, "manifest") != 0 || lstat(path, &st) != 0 ||
        !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fgets(line, sizeof line, f) && !strncmp(line, "beatsim ", 8);
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!strncmp(line, FILE_LINE, strlen(FILE_LINE)) &&
            our_kind_of_name(line + strlen(FILE_LINE)) &&
            names_add(l, line + strlen(FILE_LINE)) != 0)
            ok = 0;
    }
    fclose(f);
    if (!ok || !names_has(l, "manifest")) {
        names_free(l);
        return 0;
    }
    return 1;
}

/* Appends the list of the files in dir (all written by this run) to its
 * manifest, sorted. Returns 0 or -1. */
static int manifest_list(const char *dir)
{
    names l = {0};
    char path[4096];
    int rc = list_files(dir, "", &l);
    if (rc == 0 && !names_has(&l, "manifest"))
        rc = names_add(&l, "manifest"); /* (it is always there) */
    FILE *f = rc == 0 && report_join_path(path, sizeof path, dir, "manifest") == 0 ? fopen(path, "a")
                                                                          : NULL;
    if (f) {
        qsort(l.v, l.n, sizeof *l.v, cmp_names);
        for (size_t i = 0; i < l.n; i++)
            fprintf(f, FILE_LINE "%s\n", l.v[i]);
        rc = ferror(f) ? -1 : 0;
        rc = fclose(f) == 0 ? rc : -1;
    } else {
        rc = -1;
    }
    names_free(&l);
    return rc;
}

int report_manifest_update(const char *dir, FILE *err)
{
    names had, now = {0};
    char path[4096], tmp[4096];
    if (!results_folder_files(dir, &had)) {
        fprintf(err, "beatsim: %s: expected a results folder whose manifest lists its files, "
                     "found none\n", dir);
        return -1;
    }
    /* what plot writes: report.html and the figures */
    int rc = names_add(&now, "report.html");
    for (size_t k = 0; rc == 0 && k < figure_nscripts; k++)
        for (int e = 0; rc == 0 && e < 2; e++) {
            char rel[128];
            struct stat st;
            snprintf(rel, sizeof rel, "figures/%s.%s", figure_scripts[k].name, e ? "svg" : "png");
            if (report_join_path(path, sizeof path, dir, rel) == 0 && lstat(path, &st) == 0 &&
                S_ISREG(st.st_mode) && !names_has(&had, rel))
                rc = names_add(&had, rel);
        }
    if (rc == 0 && !names_has(&had, "report.html"))
        rc = names_add(&had, "report.html");
    names_free(&now);
    /* the manifest again: its lines but the list, then the list */
    FILE *in = NULL, *out = NULL;
    if (rc == 0 && report_join_path(path, sizeof path, dir, "manifest") == 0 &&
        report_join_path(tmp, sizeof tmp, dir, ".manifest.tmp") == 0) {
        in = fopen(path, "r");
        out = in ? fopen(tmp, "w") : NULL;
    }
    if (!in || !out) {
        rc = -1;
    } else {
        char line[4200];
        while (fgets(line, sizeof line, in))
            if (strncmp(line, FILE_LINE, strlen(FILE_LINE)))
                fputs(line, out);
        qsort(had.v, had.n, sizeof *had.v, cmp_names);
        for (size_t i = 0; i < had.n; i++)
            fprintf(out, FILE_LINE "%s\n", had.v[i]);
        rc = ferror(out) || ferror(in) ? -1 : 0;
    }
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc != 0) {
        fprintf(err, "beatsim: %s: cannot update the manifest: %s\n", dir, strerror(errno));
        if (out)
            unlink(tmp);
    }
    names_free(&had);
    return rc;
}

/* Moves old/rel to dir/rel unless dir/rel exists; 0 when moved. */
static int move_over(const char *old, const char *dir, const char *rel)
{
    char from[4096], to[4096];
    struct stat st;
    if (report_join_path(from, sizeof from, old, rel) != 0 || report_join_path(to, sizeof to, dir, rel) != 0 ||
        lstat(to, &st) == 0)
        return -1;
    return rename(from, to);
}

/* The old folder `old` of a replaced results folder `dir`: deletes the
 * files its manifest listed (`ours`), moves everything else into the new
 * folder (where no new file has its name), and removes `old` when it is
 * empty; otherwise it is kept with a warning naming what is left. */
static void keep_theirs(const char *old, const char *dir, const names *ours, FILE *err)
{
    names left = {0};
    DIR *d = opendir(old);
    struct dirent *de;
    char path[4096], sub[4096], rel[4096];
    while (d && (de = readdir(d))) {
        struct stat st;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
            report_join_path(path, sizeof path, old, de->d_name) != 0 || lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) &&
            (!strcmp(de->d_name, "plotdata") || !strcmp(de->d_name, "figures"))) {
            DIR *d2 = opendir(path);
            struct dirent *e2;
            while (d2 && (e2 = readdir(d2))) {
                if (!strcmp(e2->d_name, ".") || !strcmp(e2->d_name, ".."))
                    continue;
                snprintf(rel, sizeof rel, "%s/%s", de->d_name, e2->d_name);
                if (report_join_path(sub, sizeof sub, path, e2->d_name) != 0 || lstat(sub, &st) != 0)
                    continue;
                if (S_ISREG(st.st_mode) && names_has(ours, rel)) {
                    unlink(sub);
                    continue;
                }
                char to[4096];
                if (report_join_path(to, sizeof to, dir, de->d_name) == 0)
                    mkdir(to, 0777); /* (exists when the new run wrote it) */
                if (move_over(old, dir, rel) != 0)
                    names_add(&left, rel);
            }
            if (d2)
                closedir(d2);
            rmdir(path);
            continue;
        }
        if (S_ISREG(st.st_mode) && names_has(ours, de->d_name))
            unlink(path);
        else if (move_over(old, dir, de->d_name) != 0)
            names_add(&left, de->d_name);
    }
    if (d)
        closedir(d);
    if (rmdir(old) != 0) {
        fprintf(err, "beatsim: warning: %s: kept: it holds files beatsim did not write whose "
                     "names the new results in %s use:", old, dir);
        for (size_t i = 0; i < left.n && i < 5; i++)
            fprintf(err, " %s", left.v[i]);
        fprintf(err, "%s\n", left.n > 5 ? " ..." : "");
    }
    names_free(&left);
}

/* 1 if process pid is gone (so the temporary folders it named are stale). */
static int gone(long pid)
{
    return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Temporary folders DIR.tmp.PID and DIR.old.PID left by runs that were
 * killed (SIGKILL, a crash): a .tmp folder holds only what such a run
 * wrote and is removed; an .old folder is the results folder that run
 * was replacing, which may hold the user's files: it is named, never
 * removed. */
static void stale_folders(const char *dir, FILE *err)
{
    char parent[4096], path[8200];
    const char *slash = strrchr(dir, '/'), *base = slash ? slash + 1 : dir;
    if (slash)
        snprintf(parent, sizeof parent, "%.*s", slash == dir ? 1 : (int)(slash - dir), dir);
    else
        snprintf(parent, sizeof parent, ".");
    size_t bl = strlen(base);
    DIR *d = opendir(parent);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        const char *n = de->d_name;
        if (strncmp(n, base, bl) || (strncmp(n + bl, ".tmp.", 5) && strncmp(n + bl, ".old.", 5)))
            continue;
        const char *digits = n + bl + 5;
        size_t nd = strspn(digits, "0123456789");
        if (nd == 0 || nd > 9 || digits[nd] || !gone(atol(digits)))
            continue;
        if (slash)
            snprintf(path, sizeof path, "%s/%s", parent, n);
        else
            snprintf(path, sizeof path, "%s", n);
        if (n[bl + 1] == 't') {
            if (remove_dir(path) == 0)
                fprintf(err, "beatsim: removed %s, left unfinished by a run that was killed\n",
                        path);
            else
                fprintf(err, "beatsim: warning: %s: left unfinished by a run that was killed; "
                             "could not remove it all\n", path);
        } else {
            fprintf(err, "beatsim: warning: %s: the results folder a killed run was replacing; "
                         "not removed (it may hold files that are not beatsim's)\n", path);
        }
    }
    if (d)
        closedir(d);
}

/* Whether results can be written at dir (which does not exist, or will
 * be replaced): creates its missing parent folders, then a temporary
 * folder beside it with a file in it, and removes both. Returns 0, or 2
 * after a message. */
static int probe_out(const char *dir, FILE *err)
{
    char tmp[4096], file[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    snprintf(file, sizeof file, "%s/.probe", tmp);
    /* (it exists when this run spools its per-call log there) */
    if (make_parents(dir) != 0 || (mkdir(tmp, 0777) != 0 && errno != EEXIST)) {
        fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(errno));
        return 2;
    }
    FILE *f = fopen(file, "w");
    int ok = f && fputs("beatsim\n", f) >= 0;
    ok = f && fclose(f) == 0 && ok;
    int saved = errno;
    unlink(file);
    rmdir(tmp);
    if (!ok) {
        fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(saved));
        return 2;
    }
    return 0;
}

int report_check_out(const char *dir, int force, FILE *err)
{
    struct stat st;
    stale_folders(dir, err);
    if (lstat(dir, &st) != 0) {
        if (errno != ENOENT) {
            fprintf(err, "beatsim: %s: cannot write results there: %s\n", dir, strerror(errno));
            return 2;
        }
        return probe_out(dir, err);
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(err, "beatsim: %s: exists and is %s, not a results folder; choose another "
                     "--out\n", dir, S_ISLNK(st.st_mode) ? "a link" : S_ISREG(st.st_mode) ? "a file"
                                                                          : "no folder");
        return 2;
    }
    names ours;
    int is_ours = results_folder_files(dir, &ours);
    names_free(&ours);
    if (!is_ours) {
        fprintf(err, "beatsim: %s: exists and is not a beatsim results folder (a folder whose "
                     "manifest lists the files beatsim wrote); not replaced, even with "
                     "--force\n", dir);
        return 2;
    }
    if (!force) {
        fprintf(err, "beatsim: %s: results folder exists; use --force to replace it "
                     "or --out to choose another\n", dir);
        return 2;
    }
    return probe_out(dir, err);
}

/* What report_write puts in the temporary folder: the results, the
 * figures and the page. */
static int fill_run(const char *tmp, const void *ctx, FILE *err)
{
    const report_run *run = ctx;
    if (write_files(tmp, run) != 0) {
        fprintf(err, "beatsim: %s: cannot write results: %s\n", tmp,
                errno ? strerror(errno) : "out of memory");
        return 1;
    }
    /* Figures and the page are extras: a problem with them is reported
       but the results are kept. */
    if (run->plots && !(run->stop && *run->stop))
        figures_draw(tmp, run->stop, err);
    if (!(run->stop && *run->stop) && report_html(tmp, err) != 0)
        return 1;
    return 0;
}

int report_write(const char *dir, int force, const report_run *run, FILE *err)
{
    return report_folder_write(dir, force, fill_run, run, run->stop, err);
}

int report_folder_write(const char *dir, int force, int (*fill)(const char *tmp, const void *ctx,
                                                                 FILE *err),
                        const void *ctx, const volatile sig_atomic_t *stop, FILE *err)
{
    struct stat st;
    if (report_check_out(dir, force, err) != 0)
        return 2;
    char tmp[4096], old[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    snprintf(old, sizeof old, "%s.old.%ld", dir, (long)getpid());
    /* (it exists, made by report_spool_make, when the run spooled its
       per-call log there) */
    if (make_parents(dir) != 0 || (mkdir(tmp, 0777) != 0 && errno != EEXIST)) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", tmp, strerror(errno));
        return 1;
    }
    errno = 0;
    if (fill(tmp, ctx, err) != 0) {
        remove_dir(tmp);
        return 1;
    }
    errno = 0;
    if (!(stop && *stop) && manifest_list(tmp) != 0) {
        fprintf(err, "beatsim: %s/manifest: cannot write: %s\n", tmp,
                errno ? strerror(errno) : "out of memory");
        remove_dir(tmp);
        return 1;
    }
    if (stop && *stop) {
        remove_dir(tmp);
        return 130;
    }
    /* Replace: move the old folder aside, move the new one in, then delete
       the files of the old one that beatsim wrote and move the rest into
       the new one; a folder under the final name is always complete. */
    int had_old = lstat(dir, &st) == 0;
    names ours = {0};
    if (had_old && !results_folder_files(dir, &ours)) {
        fprintf(err, "beatsim: %s: is no longer a beatsim results folder; not replaced\n", dir);
        remove_dir(tmp);
        return 2;
    }
    if (had_old && rename(dir, old) != 0) {
        fprintf(err, "beatsim: %s: cannot replace: %s\n", dir, strerror(errno));
        remove_dir(tmp);
        names_free(&ours);
        return 1;
    }
    if (rename(tmp, dir) != 0) {
        fprintf(err, "beatsim: %s: cannot create: %s\n", dir, strerror(errno));
        if (had_old)
            rename(old, dir);
        remove_dir(tmp);
        names_free(&ours);
        return 1;
    }
    if (had_old)
        keep_theirs(old, dir, &ours, err);
    names_free(&ours);
    return 0;
}

int report_spool_make(const char *dir, char *spool, size_t n, FILE *err)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    int w = snprintf(spool, n, "%s/.calls", tmp);
    if (w < 0 || (size_t)w >= n) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", tmp, strerror(ENAMETOOLONG));
        return 1;
    }
    if (make_parents(dir) != 0 || mkdir(tmp, 0777) != 0 || mkdir(spool, 0777) != 0) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", spool, strerror(errno));
        remove_dir(tmp);
        return 1;
    }
    return 0;
}

void report_spool_remove(const char *dir)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dir, (long)getpid());
    remove_dir(tmp);
}
