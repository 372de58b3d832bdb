/* The level history ring: rows kept apart, the worst of a bucket wins,
 * a reused slot forgets its old bucket for every row, points of several
 * buckets aggregate worst-of on wall-clock boundaries, and the packed
 * evidence and "possible" bits come back as they went in. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sitrep/history.h"
#include "sitrep/snapshot.h"
#include "tap.h"

#define T0 1795348800 /* 2026-11-22T12:00:00Z, a multiple of a day */
#define B  300

static enum level level_at(const struct history *h, size_t row, time_t t)
{
    unsigned char v;

    history_get(h, row, t, &v, 1);
    return hist_level(v);
}

static void test_pack(void)
{
    bool all = true;

    for (int l = LEVEL_NONE; l < LEVEL_COUNT; l++) {
        for (unsigned ev = 0; ev <= EVIDENCE_BOTH; ev++) {
            for (int p = 0; p < 2; p++) {
                unsigned char v = hist_pack((enum level)l, ev, p);
                all &= hist_level(v) == (enum level)l && hist_evidence(v) == ev &&
                       hist_possible(v) == (bool)p;
            }
        }
    }
    ok(all, "every level, evidence kind and possible flag round-trips through one byte");
    is_int(hist_pack(LEVEL_NONE, 0, false), 0, "nothing known packs to 0, what calloc gives");
}

static void test_rows(void)
{
    struct history *h = history_new(3, B, 12);
    unsigned char v;

    history_note(h, 0, T0 + 10, hist_pack(LEVEL_MAJOR, EVIDENCE_OFFICIAL, false));
    history_note(h, 2, T0 + 20, hist_pack(LEVEL_DEGRADED, EVIDENCE_CROWD, true));
    is_int(level_at(h, 0, T0), LEVEL_MAJOR, "row 0 keeps its own level");
    is_int(level_at(h, 1, T0), LEVEL_NONE, "row 1, never told, knows nothing");
    history_get(h, 2, T0 + B - 1, &v, 1);
    ok(hist_level(v) == LEVEL_DEGRADED && hist_evidence(v) == EVIDENCE_CROWD && hist_possible(v),
       "row 2 keeps level, evidence and possible, anywhere in the bucket");
    is_int(level_at(h, 0, T0 + B), LEVEL_NONE, "the next bucket is unknown");
    is_int(level_at(h, 3, T0), LEVEL_NONE, "a row past the end reads as unknown");
    history_note(h, 3, T0, hist_pack(LEVEL_MAJOR, 0, false)); /* ignored, no crash */
    is_int(history_rows(h), 3, "three rows");
    history_free(h);
}

static void test_worst_wins(void)
{
    struct history *h = history_new(1, B, 12);
    unsigned char v;

    history_note(h, 0, T0, hist_pack(LEVEL_OK, EVIDENCE_OFFICIAL, false));
    history_note(h, 0, T0 + 60, hist_pack(LEVEL_MAJOR, EVIDENCE_CROWD, true));
    history_note(h, 0, T0 + 120, hist_pack(LEVEL_OK, EVIDENCE_OFFICIAL, false));
    history_get(h, 0, T0, &v, 1);
    ok(hist_level(v) == LEVEL_MAJOR && hist_evidence(v) == EVIDENCE_CROWD && hist_possible(v),
       "a major in the middle of a bucket outlasts the ok after it, with its own evidence");
    history_note(h, 0, T0 + 180, hist_pack(LEVEL_MAJOR, EVIDENCE_OFFICIAL, false));
    history_get(h, 0, T0, &v, 1);
    ok(hist_evidence(v) == EVIDENCE_BOTH && !hist_possible(v),
       "at the same level the kinds add up and certain evidence outweighs possible");
    history_free(h);
}

static void test_wrap(void)
{
    struct history *h = history_new(2, B, 4);

    history_note(h, 0, T0, hist_pack(LEVEL_MAJOR, 0, false));
    history_note(h, 1, T0, hist_pack(LEVEL_PARTIAL, 0, false));
    is_int(history_oldest(h), T0, "the oldest bucket held is the first one noted");
    history_note(h, 0, T0 + 4 * B, hist_pack(LEVEL_OK, 0, false)); /* the same slot */
    is_int(level_at(h, 0, T0 + 4 * B), LEVEL_OK, "a bucket a ring later takes the slot");
    is_int(level_at(h, 1, T0 + 4 * B), LEVEL_NONE,
           "and the other rows of that slot forget the old bucket");
    is_int(level_at(h, 0, T0), LEVEL_NONE, "the old bucket reads as unknown");
    is_int(level_at(h, 1, T0), LEVEL_NONE, "for every row");
    history_note(h, 1, T0, hist_pack(LEVEL_MAJOR, 0, false));
    is_int(level_at(h, 1, T0 + 4 * B), LEVEL_NONE, "a late note for the old bucket is ignored");
    is_int(history_oldest(h), T0 + 4 * B, "the oldest bucket held moves on");
    history_note(h, 0, T0 + B, hist_pack(LEVEL_NOTICE, 0, false));
    is_int(level_at(h, 0, T0 + B), LEVEL_NOTICE,
           "a bucket still inside the ring is filled in late");
    is_int(history_oldest(h), T0 + B, "and is the oldest now");
    history_free(h);

    h = history_new(1, B, 4);
    is_int(history_oldest(h), 0, "an empty history holds nothing");
    history_free(h);
}

static void test_aggregate(void)
{
    struct history *h = history_new(2, B, 48);
    static const enum level lv[] = {LEVEL_OK,     LEVEL_MAJOR, LEVEL_OK, LEVEL_OK,
                                    LEVEL_NOTICE, LEVEL_OK,    LEVEL_OK};
    unsigned char out[4], rows[2 * 3];

    /* T0 is a multiple of three buckets: points are [T0, T0+3B), ... */
    for (int i = 0; i < 7; i++)
        history_note(h, 0, T0 + i * B, hist_pack(lv[i], EVIDENCE_OFFICIAL, false));
    history_note(h, 1, T0 + 5 * B, hist_pack(LEVEL_DEGRADED, EVIDENCE_CROWD, false));
    history_points(h, 0, T0 + 7 * B, 3, out, 4);
    is_int(hist_level(out[0]), LEVEL_NONE, "a point before anything was noted is unknown");
    is_int(hist_level(out[1]), LEVEL_MAJOR, "a point of three buckets is their worst");
    is_int(hist_level(out[2]), LEVEL_NOTICE, "the next point is the worst of its own three");
    is_int(hist_level(out[3]), LEVEL_OK, "the last point holds end and starts on a multiple");
    ok(hist_evidence(out[1]) == EVIDENCE_OFFICIAL, "points keep the evidence of their worst");
    history_points(h, 0, T0 + 8 * B + 299, 3, out, 1);
    is_int(hist_level(out[0]), LEVEL_OK, "any end inside a point picks the same point");
    history_points_rows(h, T0 + 5 * B, 3, rows, 3);
    ok(hist_level(rows[1]) == LEVEL_MAJOR && hist_level(rows[2]) == LEVEL_NOTICE &&
           hist_level(rows[3 + 2]) == LEVEL_DEGRADED && hist_level(rows[3 + 1]) == LEVEL_NONE,
       "every row at once: row after row, each aggregated on its own");
    history_free(h);
}

/* The plain ring the history was before it kept runs: a byte per row and
 * bucket. The runs must read exactly as this does. */
struct flat {
    size_t nrows, nb;
    long long newest;
    uint32_t *stamps;
    unsigned char *v;
};

static void flat_note(struct flat *f, size_t row, time_t t, unsigned char v)
{
    long long b = t / B;
    size_t slot = (size_t)(b % (long long)f->nb);

    if (f->newest >= 0 && b <= f->newest - (long long)f->nb)
        return;
    if (f->stamps[slot] > b + 1)
        return;
    if (f->stamps[slot] < b + 1) {
        memset(f->v + slot * f->nrows, 0, f->nrows);
        f->stamps[slot] = (uint32_t)(b + 1);
    }
    f->v[slot * f->nrows + row] = hist_merge(f->v[slot * f->nrows + row], v);
    if (b > f->newest)
        f->newest = b;
}

static unsigned char flat_get(const struct flat *f, size_t row, long long b)
{
    size_t slot = (size_t)(b % (long long)f->nb);

    if (b < 0 || b <= f->newest - (long long)f->nb || f->stamps[slot] != (uint32_t)(b + 1))
        return 0;
    return f->v[slot * f->nrows + row];
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (unsigned)(rnd_state % n);
}

/* Random notes (mostly forward, some back in time, repeats in a bucket,
 * gaps, laps of the ring) read back the same as the plain ring, bucket
 * by bucket and as points of several buckets. */
static void test_like_flat(void)
{
    enum { ROWS = 6, NB = 48, STEPS = 20000 };
    struct history *h = history_new(ROWS, B, NB);
    struct flat f = {ROWS, NB, -1, calloc(NB, sizeof(uint32_t)), calloc(NB, ROWS)};
    static const enum level lv[] = {LEVEL_NONE, LEVEL_OK, LEVEL_NOTICE, LEVEL_DEGRADED,
                                    LEVEL_MAJOR};
    long long b = T0 / B;
    size_t bad = 0, badpts = 0, checks = 0;
    unsigned char got[NB + 8], pts[ROWS * 10];

    for (int step = 0; step < STEPS; step++) {
        unsigned op = rnd(100);
        if (op < 30)
            b++;
        else if (op < 32)
            b += 1 + rnd(NB + 10);                    /* a gap, sometimes longer than the ring */
        long long at = op < 90 ? b : b - rnd(NB + 4); /* some notes land in the past */
        size_t row = rnd(ROWS);
        unsigned char v = hist_pack(lv[rnd(5) * rnd(2)], rnd(4), rnd(5) == 0);
        history_note(h, row, (time_t)(at * B + rnd(B)), v);
        flat_note(&f, row, (time_t)(at * B), v);
        if (step % 97 == 0) {
            for (size_t r = 0; r < ROWS; r++) {
                history_get(h, r, (time_t)((b + 2) * B), got, NB + 8);
                for (size_t i = 0; i < NB + 8; i++) {
                    checks++;
                    unsigned char w = flat_get(&f, r, b + 2 - (long long)(NB + 8 - 1 - i));
                    if (got[i] != w && !bad)
                        tap_diag("step %d row %zu bucket %lld: got %02x want %02x", step, r,
                                 b + 2 - (long long)(NB + 8 - 1 - i) - T0 / B, got[i], w);
                    bad += got[i] != w;
                }
            }
            history_points_rows(h, (time_t)(b * B), 5, pts, 10);
            for (size_t r = 0; r < ROWS; r++) {
                long long last = b / 5;
                for (size_t p = 0; p < 10; p++) {
                    unsigned char want = 0;
                    long long g = last - (long long)(10 - 1 - p);
                    for (long long x = g * 5; x < (g + 1) * 5; x++)
                        want = hist_merge(want, flat_get(&f, r, x));
                    badpts += pts[r * 10 + p] != want;
                }
            }
        }
    }
    is_int(bad, 0, "%zu buckets read back after %d random notes: as the plain ring", checks, STEPS);
    is_int(badpts, 0, "points of five buckets, every row at once: as the plain ring");
    history_free(h);
    free(f.stamps);
    free(f.v);
}

/* A week of 5-minute buckets where the level seldom changes costs a few
 * bytes a row, not a byte per bucket and row. */
static void test_runs_are_small(void)
{
    enum { ROWS = 800, NB = 2016 };
    struct history *h = history_new(ROWS, B, NB);

    for (long long i = 0; i < NB + 100; i++) {
        for (size_t r = 0; r < ROWS; r++) {
            enum level l = r % 8 == 0 && i % 500 < 30 ? LEVEL_DEGRADED : LEVEL_OK;
            history_note(h, r, (time_t)(T0 + i * B), hist_pack(l, EVIDENCE_OFFICIAL, false));
        }
    }
    size_t bytes = history_bytes(h), flat = (size_t)ROWS * NB;
    ok(bytes * 20 < flat, "a week of %d rows: %zu bytes (a byte per bucket: %zu)", ROWS, bytes,
       flat);
    unsigned char v[NB];
    history_get(h, 8, (time_t)(T0 + (NB + 99) * B), v, NB);
    size_t degraded = 0;
    for (size_t i = 0; i < NB; i++)
        degraded += hist_level(v[i]) == LEVEL_DEGRADED;
    is_int(degraded, 4 * 30, "a row that changed keeps each change in the ring");
    history_free(h);
}

int main(void)
{
    test_pack();
    test_rows();
    test_worst_wins();
    test_wrap();
    test_aggregate();
    test_like_flat();
    test_runs_are_small();
    return tap_done();
}
