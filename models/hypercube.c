/* hypercube.c - Larson's hypercube queueing model (hypercube.h). */
#include "hypercube.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void hypercube_result_free(hypercube_result *r)
{
    free(r->workload);
    free(r->fraction);
    memset(r, 0, sizeof *r);
}

/* 1 if p[0 .. n) is a permutation of 0 .. n-1. */
static int permutation(const int *p, int n)
{
    unsigned seen = 0;
    for (int k = 0; k < n; k++) {
        if (p[k] < 0 || p[k] >= n || (seen >> p[k] & 1u))
            return 0;
        seen |= 1u << p[k];
    }
    return 1;
}

int hypercube_solve(const hypercube_params *p, hypercube_result *out)
{
    memset(out, 0, sizeof *out);
    int N = p->units, J = p->atoms;
    if (N < 1 || N > HYPERCUBE_UNITS_MAX || J < 1 || !p->lambda || !p->pref ||
        !(p->mu > 0) || !isfinite(p->mu))
        return -1;
    double L = 0;
    for (int j = 0; j < J; j++) {
        if (!(p->lambda[j] >= 0) || !isfinite(p->lambda[j]) || !permutation(p->pref + j * N, N))
            return -1;
        L += p->lambda[j];
    }
    if (!(L > 0))
        return -1;
    double rho = L / (N * p->mu);
    if (!(rho < 1))
        return -2;
    double tol = p->tol > 0 ? p->tol : 1e-13;
    int max_iter = p->max_iter > 0 ? p->max_iter : 100000;
    size_t S = (size_t)1 << N, full = S - 1;

    /* up[B * N + i]: the arrival rate that moves state B to B + {i} (the
       atoms whose first free unit in B is i); first[B * J + j] that unit */
    double *up = calloc(S * (size_t)N, sizeof *up), *pi = malloc(S * sizeof *pi);
    double level[HYPERCUBE_UNITS_MAX + 1], sum_level[HYPERCUBE_UNITS_MAX + 1];
    unsigned char *first = malloc(S * (size_t)J);
    out->workload = calloc((size_t)N, sizeof *out->workload);
    out->fraction = calloc((size_t)J * (size_t)N, sizeof *out->fraction);
    if (!up || !pi || !first || !out->workload || !out->fraction) {
        free(up);
        free(pi);
        free(first);
        hypercube_result_free(out);
        return -4;
    }
    for (size_t B = 0; B < full; B++)
        for (int j = 0; j < J; j++) {
            const int *pr = p->pref + j * N;
            int k = 0;
            while (B >> pr[k] & 1u)
                k++;
            first[B * (size_t)J + (size_t)j] = (unsigned char)pr[k];
            up[B * (size_t)N + (size_t)pr[k]] += p->lambda[j];
        }

    /* the exact distribution of the number busy (M/M/N over the finite
       states, normalised to 1 there): level[k] = a^k / k!, scaled */
    double a = L / p->mu, norm = 0;
    level[0] = 1;
    for (int k = 1; k <= N; k++)
        level[k] = level[k - 1] * a / k;
    for (int k = 0; k <= N; k++)
        norm += level[k];
    for (int k = 0; k <= N; k++)
        level[k] /= norm;
    /* start: each level's probability spread evenly over its states */
    double binom[HYPERCUBE_UNITS_MAX + 1];
    binom[0] = 1;
    for (int k = 1; k <= N; k++)
        binom[k] = binom[k - 1] * (N - k + 1) / k;
    for (size_t B = 0; B < S; B++)
        pi[B] = level[__builtin_popcount((unsigned)B)] / binom[__builtin_popcount((unsigned)B)];

    int it = 0, converged = 0;
    while (!converged && it < max_iter) {
        it++;
        double change = 0;
        for (size_t B = 0; B < S; B++) {
            int busy = __builtin_popcount((unsigned)B);
            double in = 0, outflow = busy * p->mu + (B == full ? 0 : L);
            for (int i = 0; i < N; i++) {
                size_t bit = (size_t)1 << i;
                if (B & bit)
                    in += pi[B & ~bit] * up[(B & ~bit) * (size_t)N + (size_t)i];
                else
                    in += pi[B | bit] * p->mu;
            }
            double v = outflow > 0 ? in / outflow : pi[B];
            double d = fabs(v - pi[B]);
            change = d > change ? d : change;
            pi[B] = v;
        }
        /* rescale every level to its exact probability */
        memset(sum_level, 0, sizeof sum_level);
        for (size_t B = 0; B < S; B++)
            sum_level[__builtin_popcount((unsigned)B)] += pi[B];
        for (size_t B = 0; B < S; B++) {
            int k = __builtin_popcount((unsigned)B);
            if (sum_level[k] > 0)
                pi[B] *= level[k] / sum_level[k];
        }
        converged = change < tol;
    }
    if (!converged) {
        free(up);
        free(pi);
        free(first);
        hypercube_result_free(out);
        return -3;
    }

    /* the queue behind the full state: pi_full rho^q, q >= 1 */
    double tail = pi[full] * rho / (1 - rho), total = 1 + tail;
    out->p_wait = (pi[full] + tail) / total;
    out->queue_mean = pi[full] * rho / ((1 - rho) * (1 - rho)) / total;
    for (int i = 0; i < N; i++) {
        double w = tail;
        for (size_t B = 0; B < S; B++)
            if (B >> i & 1u)
                w += pi[B];
        out->workload[i] = w / total;
    }
    for (size_t B = 0; B < full; B++)
        for (int j = 0; j < J; j++)
            out->fraction[(size_t)j * (size_t)N + first[B * (size_t)J + (size_t)j]] +=
                pi[B] / total;
    out->cross = 0;
    for (int j = 0; j < J; j++) {
        for (int n = 0; n < N; n++)
            out->fraction[(size_t)j * (size_t)N + (size_t)n] += out->p_wait / N;
        out->cross += p->lambda[j] / L *
                      (1 - out->fraction[(size_t)j * (size_t)N + (size_t)p->pref[j * N]]);
    }
    out->iterations = it;
    free(up);
    free(pi);
    free(first);
    return 0;
}
