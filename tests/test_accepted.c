/* test_accepted.c - the property of the checks (models/scenario_*.c,
 * models/budget.c): an input that `beatsim check` accepts runs to the end
 * in bounded memory and time, and one it refuses gets a message.
 *
 * The inputs are sampled, with a fixed seed, as overrides of the built-in
 * scenario: 1 to 4 of its numeric and boolean settings (every one that
 * scenarios/default.cfg gives, found by walking its tree) set to values
 * drawn from the ranges' edges and far beyond them (0, 1e-300, -1, 1e308,
 * the default times 1e-3 .. 1e3, ...). Each accepted sample runs, short
 * (one simulated day without warm-up, as the fuzz targets run; the
 * length of a run is bounded on its own by budget.h), every variant and
 * counterfactual, under a limit on the address space (4 GiB, not under
 * AddressSanitizer, which reserves more) and an alarm: running out of
 * memory, crashing or taking more than 10 minutes for all fails the test.
 * Deterministic: no timing is measured.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libconfig.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "budget.h"
#include "experiment.h"
#include "sim_rng.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

enum { SAMPLES = 2000, SETS_MAX = 4 };

/* A scalar setting of the built-in tree: its path and kind. */
typedef struct setting {
    char path[128];
    int type;       /* CONFIG_TYPE_INT, _INT64, _FLOAT or _BOOL */
    double value;   /* the built-in value */
} setting;

/* Adds the scalar settings under st (path so far `at`) to v. */
static void walk(const config_setting_t *st, const char *at, setting *v, size_t *n, size_t max)
{
    for (int i = 0; i < config_setting_length(st); i++) {
        const config_setting_t *el = config_setting_get_elem(st, (unsigned)i);
        char path[128];
        if (config_setting_name(el))
            snprintf(path, sizeof path, "%s%s%s", at, *at ? "." : "", config_setting_name(el));
        else
            snprintf(path, sizeof path, "%s.[%d]", at, i);
        int t = config_setting_type(el);
        if (t == CONFIG_TYPE_GROUP || t == CONFIG_TYPE_LIST || t == CONFIG_TYPE_ARRAY) {
            walk(el, path, v, n, max);
        } else if ((t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT ||
                    t == CONFIG_TYPE_BOOL) && *n < max) {
            setting *s = &v[(*n)++];
            snprintf(s->path, sizeof s->path, "%s", path);
            s->type = t;
            s->value = t == CONFIG_TYPE_FLOAT  ? config_setting_get_float(el)
                       : t == CONFIG_TYPE_BOOL ? config_setting_get_bool(el)
                                               : (double)config_setting_get_int64(el);
        }
    }
}

/* "PATH=VALUE" for setting s with a value drawn by g, into buf. */
static void draw(const setting *s, gsl_rng *g, char *buf, size_t size)
{
    static const double edges[] = {0, 1e-300, 1e-9, 0.001, 0.5, 1, 2, 3, 20, 60, 168, 1440,
                                   1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12, 1e308, -1, -1e308};
    static const long long whole[] = {0, 1, 2, 3, 5, 20, 1000, 10000, 100000, 1000000,
                                      2147483647LL, 5000000000LL, -1};
    size_t ne = sizeof edges / sizeof edges[0], nw = sizeof whole / sizeof whole[0];
    double u = gsl_rng_uniform(g);
    if (s->type == CONFIG_TYPE_BOOL) {
        snprintf(buf, size, "%s=%s", s->path, u < 0.5 ? "true" : "false");
    } else if (s->type == CONFIG_TYPE_FLOAT) {
        double v = u < 0.5 ? edges[gsl_rng_uniform_int(g, ne)]
                           : s->value * pow(10, (double)gsl_rng_uniform_int(g, 7) - 3);
        snprintf(buf, size, "%s=%.17g%s", s->path, v, v == floor(v) && fabs(v) < 1e15 ? ".0" : "");
    } else {
        long long v = u < 0.5 ? whole[gsl_rng_uniform_int(g, nw)]
                              : llround(s->value * (double)gsl_rng_uniform_int(g, 5));
        snprintf(buf, size, "%s=%lld%s", s->path, v, v > 2147483647LL || v < -2147483647LL ? "L" : "");
    }
}

/* Every message is one line of printable text. */
static void check_messages(const char *m)
{
    size_t col = 0;
    for (const unsigned char *c = (const unsigned char *)m; *c; c++) {
        if (*c == '\n') {
            col = 0;
            continue;
        }
        assert_true(*c >= 0x20 && *c != 0x7f);
        assert_true(++col <= 4096);
    }
    assert_int_equal(col, 0);
}

static void test_accepted_inputs_run(void **state)
{
    (void)state;
#ifndef UNDER_ASAN
    struct rlimit rl = {4ull << 30, 4ull << 30};
    assert_int_equal(setrlimit(RLIMIT_AS, &rl), 0);
#endif
    alarm(600); /* SIGALRM ends the program: a failure */
    config_t cfg;
    config_init(&cfg);
    assert_int_equal(config_read_string(&cfg, scenario_builtin_text), CONFIG_TRUE);
    static setting all[512];
    size_t n = 0;
    walk(config_root_setting(&cfg), "", all, &n, sizeof all / sizeof all[0]);
    config_destroy(&cfg);
    assert_true(n > 100); /* the built-in file's numbers and switches */

    gsl_rng *g = sim_rng_stream(17, 0, 0);
    assert_non_null(g);
    scenario_text t;
    assert_int_equal(scenario_text_read(&t, NULL, stderr), 0);
    size_t accepted = 0, runs = 0;
    for (int k = 0; k < SAMPLES; k++) {
        char texts[SETS_MAX][192];
        scenario_set sets[SETS_MAX];
        size_t m = 1 + gsl_rng_uniform_int(g, SETS_MAX);
        for (size_t j = 0; j < m; j++) {
            draw(&all[gsl_rng_uniform_int(g, n)], g, texts[j], sizeof texts[j]);
            sets[j] = (scenario_set){texts[j], "--set"};
        }
        char *msg = NULL;
        size_t len = 0;
        FILE *err = open_memstream(&msg, &len);
        assert_non_null(err);
        experiment x;
        int rc = experiment_load_text(&x, &t, sets, m, err);
        assert_int_equal(fclose(err), 0);
        check_messages(msg);
        if (rc != 0) {
            assert_true(len > 0); /* refused: with a message */
            free(msg);
            continue;
        }
        assert_int_equal(len, 0);
        free(msg);
        accepted++;
        for (size_t u = 0; u < 2 * x.nvar; u++) {
            if (u >= x.nvar && !x.has_cf[u - x.nvar])
                continue;
            scenario s = x.s[u]; /* its city lists stay borrowed */
            s.days = fmin(s.days, 1.0);
            s.warmup_days = 0;
            world_result w;
            if (world_run(&s, &x.c[u], &x.r[u], 0, &w) != 0) {
                for (size_t j = 0; j < m; j++)
                    fprintf(stderr, "  accepted but failed to run: --set '%s'\n", texts[j]);
                fail();
            }
            world_result_free(&w);
            runs++;
        }
        experiment_free(&x);
    }
    fprintf(stderr, "  %d samples: %zu accepted (%zu runs), %zu refused\n", SAMPLES, accepted,
            runs, SAMPLES - accepted);
    /* the samples test both sides: neither all refused nor all accepted */
    assert_true(accepted >= SAMPLES / 10 && accepted <= SAMPLES * 9 / 10);
    scenario_text_free(&t);
    gsl_rng_free(g);
    alarm(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted_inputs_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
