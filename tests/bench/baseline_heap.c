/* baseline_heap.c - the yardstick for the event list: a plain binary heap. */
#include "baseline_heap.h"

#include <stdlib.h>

static inline int less(const bh_event *x, const bh_event *y)
{
    return x->time < y->time || (x->time == y->time && x->tie < y->tie);
}

void bh_push(bheap *h, double time, int priority, uint32_t kind,
             sim_payload payload)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 1024;
        h->a = realloc(h->a, h->cap * sizeof *h->a);
        if (!h->a)
            abort();
    }
    bh_event x = {time, ((uint64_t)priority << 56) | h->seq++, payload, kind};
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!less(&x, &h->a[p]))
            break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = x;
}

int bh_pop(bheap *h, bh_event *out)
{
    if (h->n == 0)
        return 0;
    *out = h->a[0];
    bh_event x = h->a[--h->n];
    size_t i = 0, n = h->n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && less(&h->a[c + 1], &h->a[c]))
            c++;
        if (!less(&h->a[c], &x))
            break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (n)
        h->a[i] = x;
    return 1;
}

void bh_free(bheap *h)
{
    free(h->a);
    *h = (bheap){0};
}
