/* sim_rng.h - random streams: a 64-bit GSL generator and stream derivation.
 *
 * Every random process of a model (arrivals of one area and type, service
 * times, travel, decisions ...) draws from its own stream, and a stream is
 * a pure function of (master seed, replication index, stream id):
 *
 *   seed   = H(master, replication, stream)          64 bits
 *   state  = four successive SplitMix64 outputs from `seed`   256 bits
 *   stream = xoshiro256** started from `state`
 *
 * where H chains the SplitMix64 finaliser (Steele, Lea & Flood 2014):
 *   a = f(master)
 *   b = f((a XOR replication) + K1)        K1 = 0x9e3779b97f4a7c15
 *   H = f((b XOR stream) + K2)             K2 = 0x6a09e667f3bcc909
 * (additions mod 2^64), f = the 64-bit mixing function of SplitMix64, a
 * bijection.
 *
 * Consequences. (1) Two variants of a scenario that ask for the same
 * (replication, stream) get the same numbers: common random numbers come
 * for free as long as a model gives each random process a stable stream
 * id. (2) For a fixed master and replication, distinct stream ids give
 * distinct seeds (f is a bijection); across replications two seeds
 * coincide with probability about n^2 / 2^65 for n streams. (3) Streams
 * start at effectively random points of one cycle of length 2^256 - 1, so
 * two of n streams of length L overlap with probability below
 * n^2 L / 2^256 -- nil in practice. tests/test_rng.c checks reproducibility
 * and the absence of shared output values across many streams.
 *
 * The generator is xoshiro256** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators"), registered as a gsl_rng_type so that
 * every GSL sampler (gsl_ran_*, gsl_rng_uniform ...) accepts it. It was
 * chosen over GSL's mt19937 because mt19937 takes a 32-bit seed (stream
 * seeds would collide by the birthday bound at ~65,000 streams) and is
 * slower; see docs/performance.md.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

/* The generator type: name "xoshiro256**", outputs the full 64-bit range
 * [0, 2^64 - 1], gsl_rng_uniform has 53-bit resolution. gsl_rng_set(r, s)
 * seeds it from a 64-bit s through SplitMix64. */
extern const gsl_rng_type *sim_rng_xoshiro256ss;

/* The 64-bit stream seed H(master, replication, stream). Pure. */
uint64_t sim_rng_derive(uint64_t master, uint64_t replication, uint64_t stream);

/* Allocates a generator positioned at the start of stream
 * (master, replication, stream). Returns NULL when memory is exhausted
 * (GSL's error handler is called first, as for gsl_rng_alloc). The caller
 * owns it and frees it with gsl_rng_free. */
gsl_rng *sim_rng_stream(uint64_t master, uint64_t replication, uint64_t stream);

/* Repositions an existing xoshiro256** generator at the start of stream
 * (master, replication, stream), without allocating. */
void sim_rng_reset(gsl_rng *r, uint64_t master, uint64_t replication,
                   uint64_t stream);

/* ---- inline fast paths ----------------------------------------------------
 * For the hottest loops: the same generator without GSL's function-pointer
 * call. They require a generator of type sim_rng_xoshiro256ss and advance
 * the same sequence that gsl_rng_get would. */

/* The generator state, exposed only so that the functions below inline. */
typedef struct sim_rng_state {
    uint64_t s[4]; /* xoshiro256** state, never all zero */
} sim_rng_state;

/* Next raw 64-bit output (what gsl_rng_get returns). */
static inline uint64_t sim_rng_next(gsl_rng *r)
{
    uint64_t *s = ((sim_rng_state *)r->state)->s;
    const uint64_t x = s[1] * 5;
    const uint64_t result = ((x << 7) | (x >> 57)) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* Uniform double in (0, 1) on the grid (k + 1/2) 2^-52, k = 0 .. 2^52 - 1:
 * never 0 or 1 (safe for log(u)), every value exactly representable. */
static inline double sim_rng_uniform_pos(gsl_rng *r)
{
    return ((double)(sim_rng_next(r) >> 12) + 0.5) * 0x1.0p-52;
}

/* Exponential variate with the given mean, by inversion: -mean log(U).
 * Same distribution as gsl_ran_exponential, one function call cheaper. */
static inline double sim_rng_exponential(gsl_rng *r, double mean)
{
    return -mean * log(sim_rng_uniform_pos(r));
}

/* ---- counter-based draws ----------------------------------------------------
 * Output number `counter` (0, 1, 2 ...) of the SplitMix64 sequence that
 * starts at `key` (Steele, Lea & Flood 2014): a pure function, so a model
 * can attach random numbers to (process, event index) without a generator
 * state, and adding draws elsewhere never shifts them. Take `key` from
 * sim_rng_derive, so that keys of distinct streams differ. */
static inline uint64_t sim_rng_counter(uint64_t key, uint64_t counter)
{
    uint64_t z = key + (counter + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The same as a uniform double in (0, 1), on the grid of
 * sim_rng_uniform_pos. */
static inline double sim_rng_counter_uniform(uint64_t key, uint64_t counter)
{
    return ((double)(sim_rng_counter(key, counter) >> 12) + 0.5) * 0x1.0p-52;
}

#endif /* SIM_RNG_H */
