/* test_mmc.c - the M/M/c reference model on the engine against Erlang C.
 *
 * Expected values come from the Erlang C formula (Gross, Shortt, Thompson
 * & Harris, "Fundamentals of Queueing Theory", 4th ed., sec. 2.3),
 * computed in the test by mmc_erlang_c and, for the known-answer test, by
 * the textbook sum formula written out here independently.
 *
 * Statistical criterion. For each case we run R independent replications
 * (distinct random streams), each with a warm-up of at least 12
 * relaxation times 1/(c mu (1 - sqrt(rho))^2) discarded, and form the
 * Student-t interval of the replication means at confidence 1 - ALPHA.
 * The test fails if theory lies outside. With ALPHA = 5e-5 per comparison
 * and 12 comparisons (3 cases x 4 measures), the chance that a correct
 * simulator fails is at most 12 x 5e-5 = 6e-4 (Bonferroni), below 1 in
 * 1000. To keep the test from being toothless, each interval must also be
 * narrow (half-width within 6 % of the theoretical value, 1 % for
 * utilisation), and a negative control checks that the same data reject
 * the theory of a queue with 3 % more traffic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "mmc.h"
#include "sim_stats.h"

#include <math.h>
#include <stdio.h>

#define ALPHA 5e-5
#define REPS 20

enum { M_PWAIT, M_WAIT, M_QUEUE, M_UTIL, NM };
static const char *const names[NM] = {"P(wait)", "mean wait", "mean queue",
                                      "utilisation"};

typedef struct mmc_case {
    unsigned c;      /* servers */
    double rho;      /* utilisation */
    double length;   /* observed length, mean service times */
    double rel_tol;  /* required CI half-width relative to theory */
} mmc_case;

/* Runs REPS replications and fills ci[] with the interval per measure. */
static void run_case(const mmc_case *k, sim_ci ci[NM], mmc_params *p)
{
    double mu = 1.0 / 20.0; /* mean service 20 min */
    double relax = 1.0 / (k->c * mu * pow(1.0 - sqrt(k->rho), 2));
    *p = (mmc_params){
        .servers = k->c,
        .service_rate = mu,
        .arrival_rate = k->rho * k->c * mu,
        .warmup_min = fmax(12.0 * relax, 100.0 / mu),
        .length_min = k->length / mu,
        .seed = 20261129,
    };
    double v[REPS * NM];
    for (int r = 0; r < REPS; r++) {
        mmc_result res;
        p->replication = (uint64_t)r;
        assert_int_equal(mmc_run(p, &res), 0);
        assert_true(res.customers > 1000);
        v[r * NM + M_PWAIT] = res.p_wait;
        v[r * NM + M_WAIT] = res.wait_mean_min;
        v[r * NM + M_QUEUE] = res.queue_mean;
        v[r * NM + M_UTIL] = res.utilisation;
    }
    for (int m = 0; m < NM; m++)
        ci[m] = sim_ci_compute(v + m, NM, REPS, ALPHA);
}

static void check_case(const mmc_case *k)
{
    sim_ci ci[NM];
    mmc_params p;
    run_case(k, ci, &p);
    mmc_theory th;
    assert_int_equal(mmc_erlang_c(p.servers, p.arrival_rate, p.service_rate, &th), 0);
    double theory[NM] = {th.p_wait, th.wait_mean_min, th.queue_mean, th.utilisation};
    for (int m = 0; m < NM; m++) {
        double tol = m == M_UTIL ? 0.01 : k->rel_tol;
        printf("  M/M/%u rho %.2f %-12s theory %9.5f  sim %9.5f  CI [%9.5f, %9.5f]\n",
               k->c, k->rho, names[m], theory[m], ci[m].mean, ci[m].low, ci[m].high);
        assert_true(ci[m].low <= theory[m] && theory[m] <= ci[m].high);
        assert_true(ci[m].half <= tol * theory[m]);
    }
    /* Negative control: 3 % more traffic must be rejected by the mean wait
     * interval (its theory differs by far more than the half-width). */
    mmc_theory hot;
    assert_int_equal(mmc_erlang_c(p.servers, 1.03 * p.arrival_rate,
                                  p.service_rate, &hot), 0);
    assert_false(ci[M_WAIT].low <= hot.wait_mean_min &&
                 hot.wait_mean_min <= ci[M_WAIT].high);
}

/* Light single server: M/M/1 at rho 0.5. */
static void test_mm1_light(void **state)
{
    (void)state;
    mmc_case k = {1, 0.5, 2e5, 0.06};
    check_case(&k);
}

/* Moderate: M/M/5 at rho 0.8. */
static void test_mm5_moderate(void **state)
{
    (void)state;
    mmc_case k = {5, 0.8, 1e5, 0.06};
    check_case(&k);
}

/* Heavy: M/M/10 at rho 0.95, long relaxation, the hard case. */
static void test_mm10_heavy(void **state)
{
    (void)state;
    mmc_case k = {10, 0.95, 2e5, 0.06};
    check_case(&k);
}

/* Known answers: Erlang C from the textbook sum
 *   C = [a^c / c! * c/(c-a)] / [sum_{k<c} a^k/k! + a^c/c! * c/(c-a)]
 * evaluated directly, against mmc_erlang_c's Erlang B recursion; and the
 * M/M/1 closed forms P(wait) = rho, Wq = rho / (mu - lambda). */
static void test_erlang_c_known(void **state)
{
    (void)state;
    unsigned cs[] = {1, 2, 5, 10, 30};
    double rhos[] = {0.1, 0.5, 0.9, 0.99};
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++)
        for (size_t j = 0; j < sizeof rhos / sizeof rhos[0]; j++) {
            unsigned c = cs[i];
            double mu = 0.25, lambda = rhos[j] * c * mu, a = lambda / mu;
            double sum = 0, term = 1; /* a^k / k! */
            for (unsigned k = 0; k < c; k++) {
                sum += term;
                term *= a / (k + 1);
            }
            double top = term * c / (c - a);
            double pc = top / (sum + top);
            mmc_theory th;
            assert_int_equal(mmc_erlang_c(c, lambda, mu, &th), 0);
            assert_true(fabs(th.p_wait - pc) <= 1e-12 * pc);
            assert_true(fabs(th.wait_mean_min - pc / (c * mu - lambda)) <=
                        1e-12 * th.wait_mean_min);
            assert_true(fabs(th.queue_mean - lambda * th.wait_mean_min) <=
                        1e-12 * th.queue_mean);
            assert_true(fabs(th.utilisation - rhos[j]) <= 1e-15);
        }
    mmc_theory th;
    assert_int_equal(mmc_erlang_c(1, 0.3, 0.5, &th), 0);
    assert_true(fabs(th.p_wait - 0.6) < 1e-15);
    assert_true(fabs(th.wait_mean_min - 0.6 / 0.2) < 1e-12);
    /* unstable or invalid queues are refused */
    assert_int_equal(mmc_erlang_c(2, 1.0, 0.5, &th), -1);
    assert_int_equal(mmc_erlang_c(0, 1.0, 0.5, &th), -1);
    assert_int_equal(mmc_erlang_c(2, -1.0, 0.5, &th), -1);
}

/* A replication is a pure function of its parameters; invalid parameters
 * are refused. */
static void test_mmc_deterministic(void **state)
{
    (void)state;
    mmc_params p = {.servers = 3, .service_rate = 0.1, .arrival_rate = 0.2,
                    .warmup_min = 100, .length_min = 1e5, .seed = 9,
                    .replication = 4};
    mmc_result a, b, c;
    assert_int_equal(mmc_run(&p, &a), 0);
    assert_int_equal(mmc_run(&p, &b), 0);
    assert_memory_equal(&a, &b, sizeof a);
    p.replication = 5;
    assert_int_equal(mmc_run(&p, &c), 0);
    assert_true(a.wait_mean_min != c.wait_mean_min);
    p.servers = 0;
    assert_int_equal(mmc_run(&p, &c), -1);
    p.servers = 3;
    p.length_min = 0;
    assert_int_equal(mmc_run(&p, &c), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_erlang_c_known),
        cmocka_unit_test(test_mmc_deterministic),
        cmocka_unit_test(test_mm1_light),
        cmocka_unit_test(test_mm5_moderate),
        cmocka_unit_test(test_mm10_heavy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
