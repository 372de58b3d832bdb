/* Level history (see history.h): a ring of buckets per service, each slot
 * stamped with the bucket it holds so a stale slot reads as unknown. A
 * stamp is the bucket number plus one, so a zeroed slot is empty and the
 * calloc'd ring costs no memory until it is used. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/history.h"
#include "sitrep/xalloc.h"

struct history {
    size_t nservices, nbuckets;
    int bucket_s;
    unsigned char *levels; /* nservices x nbuckets */
    uint32_t *stamps;      /* the bucket number (t / bucket_s) + 1 a slot holds, 0 */
};

struct history *history_new(size_t nservices, int bucket_s, size_t nbuckets)
{
    struct history *h = xcalloc(1, sizeof *h);
    size_t n = nservices * nbuckets;

    h->nservices = nservices;
    h->nbuckets = nbuckets ? nbuckets : 1;
    h->bucket_s = bucket_s > 0 ? bucket_s : 300;
    h->levels = xcalloc(n ? n : 1, 1);
    h->stamps = xcalloc(n ? n : 1, sizeof *h->stamps);
    return h;
}

void history_free(struct history *h)
{
    if (!h)
        return;
    free(h->levels);
    free(h->stamps);
    free(h);
}

int history_bucket_s(const struct history *h)
{
    return h->bucket_s;
}

static long long bucket_no(const struct history *h, time_t t)
{
    long long b = (long long)t / h->bucket_s;

    return (long long)t < 0 && (long long)t % h->bucket_s ? b - 1 : b;
}

time_t history_bucket(const struct history *h, time_t t)
{
    return (time_t)(bucket_no(h, t) * h->bucket_s);
}

void history_note(struct history *h, size_t svc, time_t t, enum level level)
{
    long long b = bucket_no(h, t);
    size_t i;

    if (svc >= h->nservices || b < 0 || b >= UINT32_MAX || (unsigned)level >= LEVEL_COUNT)
        return;
    i = svc * h->nbuckets + (size_t)(b % (long long)h->nbuckets);
    if (h->stamps[i] > b + 1)
        return; /* the slot already holds a newer bucket */
    if (h->stamps[i] < b + 1) {
        h->stamps[i] = (uint32_t)(b + 1);
        h->levels[i] = (unsigned char)level;
    } else {
        h->levels[i] = (unsigned char)level_worst((enum level)h->levels[i], level);
    }
}

void history_get(const struct history *h, size_t svc, time_t end, unsigned char *out, size_t n)
{
    long long last = bucket_no(h, end);

    for (size_t k = 0; k < n; k++) {
        long long b = last - (long long)(n - 1 - k);
        size_t i =
            svc * h->nbuckets + (size_t)((b % (long long)h->nbuckets + (long long)h->nbuckets) %
                                         (long long)h->nbuckets);
        out[k] = svc < h->nservices && b >= 0 && h->stamps[i] == b + 1 ? h->levels[i] : LEVEL_NONE;
    }
}
