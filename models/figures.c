/* figures.c - running gnuplot on a results folder. */
#include "figures.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs gnuplot with `-e vars` and `prelude` then `script` on standard
 * input; gnuplot's standard error is collected into *msg (malloc'd, may
 * be empty). Returns the exit status, 127 when gnuplot cannot be run, or
 * -1 when the pipes or the process cannot be made. */
static int run_gnuplot(const char *vars, const char *prelude, const char *script,
                       char **msg)
{
    int in[2], er[2];
    *msg = NULL;
    if (pipe(in) != 0)
        return -1;
    if (pipe(er) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]);
        close(in[1]);
        close(er[0]);
        close(er[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(er[1], STDERR_FILENO);
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(er[0]);
        close(er[1]);
        execlp("gnuplot", "gnuplot", "-e", vars, "-", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(er[1]);
    /* The scripts are a few kilobytes, far below a pipe's buffer, so
       writing all before reading cannot deadlock; SIGPIPE is ignored in
       case gnuplot is missing and the pipe has no reader. */
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    const char *parts[3] = {prelude, "\n", script};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(parts[k]), off = 0;
        while (off < n) {
            ssize_t w = write(in[1], parts[k] + off, n - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
    close(in[1]);
    signal(SIGPIPE, old);
    size_t len = 0, cap = 256;
    char *buf = malloc(cap);
    for (;;) {
        if (buf && len + 128 > cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            } else {
                buf = b;
            }
        }
        char sink[128];
        ssize_t r = read(er[0], buf ? buf + len : sink, buf ? cap - len - 1 : sizeof sink);
        if (r <= 0)
            break;
        if (buf)
            len += (size_t)r;
    }
    close(er[0]);
    if (buf)
        buf[len] = '\0';
    *msg = buf;
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

figures_status figures_draw(const char *dir, FILE *err)
{
    /* The folder goes into a gnuplot string in single quotes. */
    if (strchr(dir, '\'') || strchr(dir, '\n')) {
        fprintf(err, "beatsim: %s: figures: a folder name with a quote or a newline "
                     "cannot be passed to gnuplot; figures skipped\n", dir);
        return FIGURES_FAILED;
    }
    char figdir[4096];
    int k = snprintf(figdir, sizeof figdir, "%s/figures", dir);
    if (k < 0 || (size_t)k >= sizeof figdir || (mkdir(figdir, 0777) != 0 && errno != EEXIST)) {
        fprintf(err, "beatsim: %s: cannot create folder: %s\n", figdir, strerror(errno));
        return FIGURES_FAILED;
    }
    const char *prelude = "";
    for (size_t i = 0; i < figure_nscripts; i++)
        if (!strcmp(figure_scripts[i].name, "common"))
            prelude = figure_scripts[i].text;
    figures_status st = FIGURES_OK;
    static const char *const fmts[] = {"png", "svg"};
    for (size_t i = 0; i < figure_nscripts && st != FIGURES_NO_GNUPLOT; i++) {
        if (!strcmp(figure_scripts[i].name, "common"))
            continue;
        for (int f = 0; f < 2; f++) {
            char vars[4200], *msg;
            snprintf(vars, sizeof vars, "dir='%s'; fmt='%s'; common_loaded=1", dir, fmts[f]);
            int rc = run_gnuplot(vars, prelude, figure_scripts[i].text, &msg);
            if (rc == 127) {
                fprintf(err, "beatsim: gnuplot not found: figures skipped (the CSV files "
                             "are written; install gnuplot-nox, or use --no-plots)\n");
                st = FIGURES_NO_GNUPLOT;
            } else if (rc != 0 || (msg && *msg)) {
                fprintf(err, "beatsim: %s: gnuplot %s (%s): %s%s", dir, figure_scripts[i].name,
                        fmts[f], rc ? "failed" : "warned",
                        msg && *msg ? msg : "no message\n");
                if (msg && *msg && msg[strlen(msg) - 1] != '\n')
                    fputc('\n', err);
                st = FIGURES_FAILED;
            }
            free(msg);
            if (st == FIGURES_NO_GNUPLOT)
                break;
        }
    }
    return st;
}
