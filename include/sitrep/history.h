/* Level history for the sparklines and for time travel: for each row (the
 * engine keeps one per service and one per cell), what it showed in each
 * wall-clock bucket (5 minutes by default), the same buckets for every row
 * so all sparklines share one time axis. Plain data: the engine fills it
 * from the store at start and from every snapshot after.
 *
 * A bucket of a row holds one byte, packed by hist_pack(): the worst level
 * it was told in that bucket, the evidence kinds behind that level and
 * whether the level was only "possible". An empty byte (0) is LEVEL_NONE
 * with no evidence: nothing is known. */
#ifndef SITREP_HISTORY_H
#define SITREP_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/level.h"

#define HIST_LEVEL_MASK     0x0fu
#define HIST_EVIDENCE_SHIFT 4
#define HIST_EVIDENCE_MASK  0x30u /* enum evidence_kind bits, shifted */
#define HIST_POSSIBLE       0x40u

/* Two bits of evidence: mentions (1 << 2) are kept as crowd evidence. */
static inline unsigned char hist_pack(enum level level, unsigned evidence, bool possible)
{
    if (evidence & 4u)
        evidence |= 2u;
    return (unsigned char)(((unsigned)level & HIST_LEVEL_MASK) |
                           ((evidence << HIST_EVIDENCE_SHIFT) & HIST_EVIDENCE_MASK) |
                           (possible ? HIST_POSSIBLE : 0));
}

static inline enum level hist_level(unsigned char v)
{
    return (enum level)(v & HIST_LEVEL_MASK);
}

static inline unsigned hist_evidence(unsigned char v)
{
    return (v & HIST_EVIDENCE_MASK) >> HIST_EVIDENCE_SHIFT;
}

static inline bool hist_possible(unsigned char v)
{
    return (v & HIST_POSSIBLE) != 0;
}

/* Two packed values of one row and bucket: the worse level wins whole; at
 * the same level the evidence kinds add up and the level is "possible" only
 * when both said so (certain evidence outweighs a guess). */
unsigned char hist_merge(unsigned char a, unsigned char b);

struct history;

/* Keeps nbuckets buckets of bucket_s seconds for each of nrows rows. */
struct history *history_new(size_t nrows, int bucket_s, size_t nbuckets);
void history_free(struct history *h);

int history_bucket_s(const struct history *h);
size_t history_rows(const struct history *h);
/* The start of the bucket holding t. */
time_t history_bucket(const struct history *h, time_t t);

/* Row row showed v (hist_pack()) during the bucket holding t: the bucket
 * keeps the hist_merge() of all it was told. Noting a newer bucket than the
 * one a slot of the ring holds forgets that older bucket for every row; a
 * bucket already pushed out of the ring is ignored. */
void history_note(struct history *h, size_t row, time_t t, unsigned char v);

/* The n buckets up to and including the one holding end, oldest first,
 * into out (packed; 0 where nothing is known). */
void history_get(const struct history *h, size_t row, time_t end, unsigned char *out, size_t n);
/* n points of k buckets each, up to and including the point holding end,
 * oldest first, into out: points start at multiples of k * bucket_s
 * seconds, each the hist_merge() of its buckets, 0 where nothing is known. */
void history_points(const struct history *h, size_t row, time_t end, int k, unsigned char *out,
                    size_t n);
/* The same for every row at once: out holds nrows x n bytes, row after
 * row. Cheaper than one history_points() call per row. */
void history_points_rows(const struct history *h, time_t end, int k, unsigned char *out, size_t n);

/* The start of the oldest bucket still held, 0 when none is. */
time_t history_oldest(const struct history *h);
/* The bytes the history holds: a row keeps its level's runs, so a row
 * whose level holds all week costs a few bytes, not a byte per bucket. */
size_t history_bytes(const struct history *h);

#endif
