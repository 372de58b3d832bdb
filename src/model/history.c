/* Level history (see history.h): a ring of buckets, each holding one byte
 * for every row, laid out bucket after bucket with one stamp per bucket:
 * the bucket number plus one, so a zeroed slot is empty and the calloc'd
 * ring costs no memory until a bucket is used. A slot whose stamp is not
 * the bucket asked for reads as unknown. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/history.h"
#include "sitrep/xalloc.h"

struct history {
    size_t nrows, nbuckets;
    int bucket_s;
    long long newest; /* the newest bucket number noted, -1 when none */
    uint32_t *stamps; /* per slot: the bucket number it holds + 1, 0 when empty */
    unsigned char *v; /* nbuckets x nrows: slot after slot */
};

unsigned char hist_merge(unsigned char a, unsigned char b)
{
    enum level la = hist_level(a), lb = hist_level(b);

    if (la != lb)
        return la > lb ? a : b;
    return (unsigned char)(((a | b) & ~HIST_POSSIBLE) | (a & b & HIST_POSSIBLE));
}

struct history *history_new(size_t nrows, int bucket_s, size_t nbuckets)
{
    struct history *h = xcalloc(1, sizeof *h);

    h->nrows = nrows;
    h->nbuckets = nbuckets ? nbuckets : 1;
    h->bucket_s = bucket_s > 0 ? bucket_s : 300;
    h->newest = -1;
    h->stamps = xcalloc(h->nbuckets, sizeof *h->stamps);
    h->v = xcalloc(h->nbuckets, nrows ? nrows : 1);
    return h;
}

void history_free(struct history *h)
{
    if (!h)
        return;
    free(h->v);
    free(h->stamps);
    free(h);
}

int history_bucket_s(const struct history *h)
{
    return h->bucket_s;
}

size_t history_rows(const struct history *h)
{
    return h->nrows;
}

/* Floor division: a time before the epoch is in the bucket below. */
static long long floor_div(long long a, long long b)
{
    return a / b - (a % b != 0 && a < 0);
}

static long long bucket_no(const struct history *h, time_t t)
{
    return floor_div((long long)t, h->bucket_s);
}

time_t history_bucket(const struct history *h, time_t t)
{
    return (time_t)(bucket_no(h, t) * h->bucket_s);
}

static size_t slot_of(const struct history *h, long long b)
{
    return (size_t)(b % (long long)h->nbuckets);
}

/* The slot holding bucket b, or NULL when the ring does not hold it. */
static const unsigned char *bucket_at(const struct history *h, long long b)
{
    size_t slot;

    if (b < 0 || b >= UINT32_MAX)
        return NULL;
    slot = slot_of(h, b);
    return h->stamps[slot] == (uint32_t)(b + 1) ? h->v + slot * h->nrows : NULL;
}

void history_note(struct history *h, size_t row, time_t t, unsigned char v)
{
    long long b = bucket_no(h, t);
    size_t slot;

    if (row >= h->nrows || b < 0 || b >= UINT32_MAX ||
        (h->newest >= 0 && b <= h->newest - (long long)h->nbuckets))
        return;
    slot = slot_of(h, b);
    if (h->stamps[slot] > b + 1)
        return; /* the slot already holds a newer bucket */
    if (h->stamps[slot] < b + 1) {
        memset(h->v + slot * h->nrows, 0, h->nrows);
        h->stamps[slot] = (uint32_t)(b + 1);
    }
    h->v[slot * h->nrows + row] = hist_merge(h->v[slot * h->nrows + row], v);
    if (b > h->newest)
        h->newest = b;
}

/* rows [first, first + nrows) into out (nrows x n), zeroed first. */
static void get_rows(const struct history *h, size_t first, size_t nrows, time_t end, int k,
                     unsigned char *out, size_t n)
{
    long long last;

    if (k <= 0)
        k = 1;
    last = floor_div(bucket_no(h, end), k);
    memset(out, 0, nrows * n);
    for (size_t p = 0; p < n; p++) {
        long long g = last - (long long)(n - 1 - p);
        for (long long b = g * k; b < (g + 1) * k; b++) {
            const unsigned char *bucket = bucket_at(h, b);
            if (!bucket)
                continue;
            for (size_t r = 0; r < nrows; r++)
                out[r * n + p] = hist_merge(out[r * n + p], bucket[first + r]);
        }
    }
}

void history_get(const struct history *h, size_t row, time_t end, unsigned char *out, size_t n)
{
    history_points(h, row, end, 1, out, n);
}

void history_points(const struct history *h, size_t row, time_t end, int k, unsigned char *out,
                    size_t n)
{
    if (row >= h->nrows) {
        memset(out, 0, n);
        return;
    }
    get_rows(h, row, 1, end, k, out, n);
}

void history_points_rows(const struct history *h, time_t end, int k, unsigned char *out, size_t n)
{
    get_rows(h, 0, h->nrows, end, k, out, n);
}

time_t history_oldest(const struct history *h)
{
    long long oldest = -1;

    if (h->newest < 0)
        return 0;
    for (long long b = h->newest - (long long)h->nbuckets + 1; b <= h->newest; b++) {
        if (bucket_at(h, b)) {
            oldest = b;
            break;
        }
    }
    return oldest < 0 ? 0 : (time_t)(oldest * h->bucket_s);
}
