/* Level history for the sparklines: for each service, the worst level it
 * showed in each wall-clock bucket (5 minutes by default), the same buckets
 * for every service so all sparklines share one time axis. Plain data: the
 * engine fills it from the store at start and from every snapshot after. */
#ifndef SITREP_HISTORY_H
#define SITREP_HISTORY_H

#include <stddef.h>
#include <time.h>

#include "sitrep/level.h"

struct history;

/* Keeps nbuckets buckets of bucket_s seconds for each of nservices. */
struct history *history_new(size_t nservices, int bucket_s, size_t nbuckets);
void history_free(struct history *h);

int history_bucket_s(const struct history *h);
/* The start of the bucket holding t. */
time_t history_bucket(const struct history *h, time_t t);

/* Service svc was at level during the bucket holding t: the bucket keeps
 * the worst it was told. Buckets older than the window are ignored. */
void history_note(struct history *h, size_t svc, time_t t, enum level level);

/* The n buckets up to and including the one holding end, oldest first,
 * into out; LEVEL_NONE where nothing is known. */
void history_get(const struct history *h, size_t svc, time_t end, unsigned char *out, size_t n);

#endif
