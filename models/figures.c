/* figures.c - running gnuplot on a results folder. */
#include "figures.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define GNUPLOT_TIMEOUT_S 120 /* per script and format */

/* Runs gnuplot with `-e vars` and `prelude` then `script` on standard
 * input; gnuplot's standard error is collected into *msg (malloc'd, may
 * be empty). Returns the exit status, 127 when gnuplot cannot be run, -2
 * when it was killed after GNUPLOT_TIMEOUT_S seconds, or -1 when the
 * pipes or the process cannot be made. */
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
        /* -d: no user init file (~/.gnuplot), so figures look the same
           for everybody */
        execlp("gnuplot", "gnuplot", "-d", "-e", vars, "-", (char *)NULL);
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
    /* Read its messages until it ends; a gnuplot that has not ended after
       GNUPLOT_TIMEOUT_S seconds (it should take well under one) is killed. */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int timed_out = 0;
    for (;;) {
        struct pollfd pfd = {er[0], POLLIN, 0};
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double left = GNUPLOT_TIMEOUT_S - (double)(t1.tv_sec - t0.tv_sec);
        if (left <= 0 || poll(&pfd, 1, (int)(left * 1000)) == 0) {
            kill(pid, SIGKILL);
            timed_out = 1;
            break;
        }
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
    int status = 0;
    pid_t w;
    while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    if (timed_out)
        return -2;
    if (w < 0) /* already reaped (SIGCHLD ignored): judge by its messages */
        return 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Scripts drawn only when asked for by name (figures_draw_only): not a
 * run's figures. */
static int standalone(const char *name)
{
    return !strcmp(name, "staffing");
}

static figures_status draw(const char *dir, const char *only, const volatile sig_atomic_t *stop,
                           FILE *err);

figures_status figures_draw(const char *dir, const volatile sig_atomic_t *stop, FILE *err)
{
    return draw(dir, NULL, stop, err);
}

figures_status figures_draw_only(const char *dir, const char *name,
                                 const volatile sig_atomic_t *stop, FILE *err)
{
    return draw(dir, name, stop, err);
}

static figures_status draw(const char *dir, const char *only, const volatile sig_atomic_t *stop,
                           FILE *err)
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
        if (stop && *stop)
            return FIGURES_FAILED;
        if (!strcmp(figure_scripts[i].name, "common") ||
            (only ? strcmp(figure_scripts[i].name, only) != 0
                  : standalone(figure_scripts[i].name)))
            continue;
        for (int f = 0; f < 2; f++) {
            char vars[4200], *msg;
            snprintf(vars, sizeof vars, "dir='%s'; fmt='%s'; common_loaded=1", dir, fmts[f]);
            int rc = run_gnuplot(vars, prelude, figure_scripts[i].text, &msg);
            if (rc == 127) {
                fprintf(err, "beatsim: gnuplot not found: figures skipped (the CSV files "
                             "are written; install gnuplot-nox, or use --no-plots)\n");
                st = FIGURES_NO_GNUPLOT;
            } else if (stop && *stop) {
                st = FIGURES_FAILED; /* interrupted: gnuplot got the signal too */
            } else if (rc != 0 || (msg && *msg)) {
                fprintf(err, "beatsim: figure %s (%s): gnuplot %s: %s", figure_scripts[i].name,
                        fmts[f], rc == -2 ? "timed out" : rc ? "failed" : "warned",
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
