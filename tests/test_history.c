/* The level history ring: rows kept apart, the worst of a bucket wins,
 * a reused slot forgets its old bucket for every row, points of several
 * buckets aggregate worst-of on wall-clock boundaries, and the packed
 * evidence and "possible" bits come back as they went in. */
#include "config.h"

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

int main(void)
{
    test_pack();
    test_rows();
    test_worst_wins();
    test_wrap();
    test_aggregate();
    return tap_done();
}
