/* Crowd reports: keeping bucketed report counts, computing what is normal
 * for a bucket (the baseline), and deciding when reports are significantly
 * above it for long enough to call it a problem — Downdetector's rule.
 * Pure arithmetic on plain data: no I/O, no clock of its own.
 *
 * Baseline, in order of preference:
 *   weekly  — the median of the same hour-of-week bucket over past weeks,
 *             when at least CROWD_MIN_WEEKS weeks of history exist;
 *   daily   — the median of the same time-of-day bucket over past days,
 *             when at least CROWD_MIN_DAYS days exist (handles the daily
 *             rhythm after a few days);
 *   source  — the source's own baseline for the bucket, when it gives one;
 *   rolling — the median of the last 24 h before the bucket (at least
 *             CROWD_MIN_ROLLING buckets), robust to a spike in progress.
 * The weekly and daily medians also take the two buckets beside each past
 * one (three a day or week), so one noisy bucket does not set the bar.
 * Its noise scale is max(1.4826 * MAD, (1 + 1/sqrt(n)) * sqrt(b) + 1) for a
 * median b of n buckets, and sqrt(b) + 1 for the source's baseline. That is
 * Poisson noise made safe for small counts: b + 4 (sqrt(b) + 1) =
 * (sqrt(b) + 2)^2 is four standard deviations after the square root that
 * evens out Poisson noise, so it covers the long upper tail of a count of
 * 5 or 20 (plain b + 4 sqrt(b) let a false "possible problems" through in
 * most simulated weeks at 5 reports a bucket); 1/sqrt(n) covers a median
 * of a few buckets that came out low.
 *
 * A complete bucket with count c and baseline b (b below 1 counts as 1 in
 * the ratios) is
 *   high      when c >= min_reports and c >= ratio * b and
 *             c >= b + sigmas * scale;
 *   elevated  when c >= min_reports / 2 and c >= notice_ratio * b and
 *             c >= b + (sigmas - 1) * scale;
 *   quiet     otherwise.
 * The level follows the buckets in order, with hysteresis both ways:
 *   major    ("problems detected") once high buckets have lasted duration_s,
 *            the problem dated from the first bucket of that run;
 *   notice   ("reports rising", an early warning and not a problem) on the
 *            first high bucket, or after two elevated-or-high buckets in a
 *            row; a rise that fades before duration_s leaves nothing else;
 *   ok       from any of those only after clear_s of quiet buckets;
 *   a level never drops by one step on a single quiet bucket. */
#ifndef SITREP_CROWD_H
#define SITREP_CROWD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/level.h"

#define CROWD_MIN_WEEKS   2
#define CROWD_MIN_DAYS    3
#define CROWD_MIN_ROLLING 8

struct crowd_params {
    double ratio;        /* "problems": count >= ratio x baseline; default 2.0 */
    double notice_ratio; /* "elevated"; default 1.5 */
    long min_reports;    /* fewer reports in a bucket are never a problem; default 10 */
    int duration_s;      /* high this long = problems detected; default 30 min */
    int clear_s;         /* quiet this long before the level comes down; default 30 min */
    /* How many noise scales above the baseline "high" starts; default 4
     * (elevated: one less). The only knob for series of a few reports a
     * bucket, where the ratio and min_reports are not what decides. 0 (a
     * zeroed struct) means the default. */
    double sigmas;
};

void crowd_default_params(struct crowd_params *p);

/* Counts in wall-clock buckets of bucket_s seconds, keeping keep_s of the
 * most recent ones. A zeroed struct is invalid: use crowd_history_init().
 * Times are >= 0 (earlier ones are ignored). v[i] is the bucket starting at
 * start + i * bucket_s; it may still hold a few buckets older than keep_s
 * (a quarter of the window and 16 buckets at most), dropped in one move
 * when space runs out so that appending stays O(1) amortised;
 * crowd_history_get() and the baselines no longer see them. */
struct crowd_history {
    int bucket_s;
    long keep_s;
    time_t start; /* start of v[0], a multiple of bucket_s; 0 when empty */
    long *v;      /* -1: no data for that bucket */
    size_t n, cap;
};

void crowd_history_init(struct crowd_history *h, int bucket_s, long keep_s);
/* Frees the buckets; h stays a valid empty history of the same widths. */
void crowd_history_free(struct crowd_history *h);
/* Sets the count of the bucket containing time t (rounded down to the
 * bucket), overwriting what was there; drops buckets older than keep_s
 * before the newest one. Negative counts are ignored, and so is a bucket
 * that is already older than keep_s before the newest one. Buckets before
 * the first one are filled in (the gap reads -1). */
void crowd_history_put(struct crowd_history *h, time_t t, long count);
/* The count of the bucket containing t, or -1 when there is none. */
long crowd_history_get(const struct crowd_history *h, time_t t);
/* The start of the newest bucket with data, or 0 when empty. */
time_t crowd_history_last(const struct crowd_history *h);

enum baseline_method {
    BASELINE_NONE,
    BASELINE_ROLLING,
    BASELINE_SOURCE,
    BASELINE_DAILY,
    BASELINE_WEEKLY,
};

/* "none", "rolling", "source", "daily", "weekly". */
const char *baseline_method_name(enum baseline_method m);

struct baseline {
    double value;
    double scale;
    enum baseline_method method;
};

/* The baseline of the bucket starting at t, from h's buckets before t (and
 * source_base, the source's own baselines in the same buckets, may be NULL).
 * Returns false (method NONE) when nothing is known yet. */
bool crowd_baseline(const struct crowd_history *h, const struct crowd_history *source_base,
                    time_t t, struct baseline *out);

/* What the detector carries from one update to the next, per series. */
struct crowd_state {
    enum level level;     /* LEVEL_NONE until a bucket was judged */
    time_t judged_until;  /* end of the last bucket judged; 0 = none */
    int high_run;         /* consecutive high buckets */
    int elevated_run;     /* consecutive elevated-or-high buckets */
    int quiet_run;        /* consecutive quiet buckets */
    time_t rising_since;  /* first elevated or high bucket since the level was ok, 0 */
    time_t problem_since; /* start of the high run that lasted duration_s, 0 */
    long last_count;      /* count and baseline of the last judged bucket */
    double last_baseline; /* (both -1 when none) */
    enum baseline_method last_method;
};

void crowd_state_init(struct crowd_state *st);

/* Judges, in order, every complete bucket of h that ends at or before now
 * and after st->judged_until, updating st. Buckets without data are skipped
 * (they neither raise nor clear); those after the newest bucket with data
 * stay unjudged, so a count that arrives late is still judged. A bucket
 * with data but no baseline yet updates last_count and leaves the level
 * alone. At most the last 7 days are judged (a first run, or after a long
 * pause): enough to replay the hysteresis of a recent episode. */
void crowd_update(struct crowd_state *st, const struct crowd_history *h,
                  const struct crowd_history *source_base, time_t now,
                  const struct crowd_params *p);

#endif
