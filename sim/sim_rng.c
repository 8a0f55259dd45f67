/* sim_rng.c - xoshiro256** as a GSL generator, and stream derivation.
 *
 * xoshiro256** reference: D. Blackman and S. Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021 (preprint 2018).
 * SplitMix64: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014. Both are written here from the papers'
 * descriptions.
 */
#include "sim_rng.h"

typedef sim_rng_state xoshiro_state;

/* The SplitMix64 output function: a bijection on 64-bit words. */
static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

#define GOLDEN UINT64_C(0x9e3779b97f4a7c15)

/* One step of xoshiro256**: the body of sim_rng_next, on a bare state. */
static inline uint64_t next(xoshiro_state *st)
{
    gsl_rng r = {NULL, st};
    return sim_rng_next(&r);
}

static void xoshiro_set(void *vstate, unsigned long seed)
{
    xoshiro_state *st = vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) {
        x += GOLDEN;
        st->s[i] = mix64(x);
    }
    /* SplitMix64 outputs are a bijection of distinct counters, so four of
     * them are never all zero; keep the guard for clarity. */
    if (!(st->s[0] | st->s[1] | st->s[2] | st->s[3]))
        st->s[0] = 1;
}

static unsigned long xoshiro_get(void *vstate)
{
    return (unsigned long)next(vstate);
}

static double xoshiro_get_double(void *vstate)
{
    return (double)(next(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "xoshiro256**",         /* name */
    UINT64_MAX,             /* max: unsigned long is 64 bits on LP64 */
    0,                      /* min */
    sizeof(xoshiro_state),  /* size */
    &xoshiro_set,
    &xoshiro_get,
    &xoshiro_get_double,
};

_Static_assert(sizeof(unsigned long) == 8, "beatsim needs an LP64 platform");

const gsl_rng_type *sim_rng_xoshiro256ss = &xoshiro_type;

uint64_t sim_rng_derive(uint64_t master, uint64_t replication, uint64_t stream)
{
    uint64_t h = mix64(master);
    h = mix64((h ^ replication) + GOLDEN);
    return mix64((h ^ stream) + UINT64_C(0x6a09e667f3bcc909));
}

gsl_rng *sim_rng_stream(uint64_t master, uint64_t replication, uint64_t stream)
{
    gsl_rng *r = gsl_rng_alloc(sim_rng_xoshiro256ss);
    if (r)
        gsl_rng_set(r, sim_rng_derive(master, replication, stream));
    return r;
}

void sim_rng_reset(gsl_rng *r, uint64_t master, uint64_t replication,
                   uint64_t stream)
{
    gsl_rng_set(r, sim_rng_derive(master, replication, stream));
}
