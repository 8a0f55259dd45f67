/* replay.c - feeds files to a fuzz target's LLVMFuzzerTestOneInput
 * without libFuzzer, so that any compiler can replay the seed corpus and
 * the regression inputs (make test).
 *
 *   replay FILE_OR_FOLDER...
 *
 * A folder gives its regular files in name order. Exits 0 when every
 * input was replayed; an input that fails aborts, and is named (with
 * REPLAY_VERBOSE set in the environment every input is named before it
 * runs, for a sanitizer's report, which exits otherwise); 2 on a file
 * that cannot be read. */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input being replayed, named when it aborts. */
static char current[4096];

static void on_abort(int sig)
{
    (void)sig;
    static const char head[] = "replay: failed on ";
    if (write(2, head, sizeof head - 1) < 0 || write(2, current, strlen(current)) < 0 ||
        write(2, "\n", 1) < 0)
        _exit(134);
    _exit(134);
}

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        return -1;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 65536 > cap) {
            cap = 2 * cap + 65536;
            char *b = realloc(buf, cap);
            if (!b)
                abort();
            buf = b;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    snprintf(current, sizeof current, "%s", path);
    if (getenv("REPLAY_VERBOSE")) /* (a sanitizer's report exits without abort) */
        fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    free(buf);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    signal(SIGABRT, on_abort);
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: not found\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (replay_file(argv[i]) != 0)
                return 2;
            n++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d)
            return 2;
        char **names = NULL;
        size_t k = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            if (k == cap && !(names = realloc(names, (cap = 2 * cap + 64) * sizeof *names)))
                abort();
            if (!(names[k++] = strdup(de->d_name)))
                abort();
        }
        closedir(d);
        qsort(names, k, sizeof *names, cmp_str);
        for (size_t j = 0; j < k; j++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], names[j]);
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                if (replay_file(path) != 0)
                    return 2;
                n++;
            }
            free(names[j]);
        }
        free(names);
    }
    fprintf(stderr, "replay: %zu inputs, no failure\n", n);
    return 0;
}
