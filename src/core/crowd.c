/* Crowd reports: bucketed history, baselines and the outage detector (see
 * crowd.h). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/crowd.h"
#include "sitrep/xalloc.h"

#define DAY_S  86400L
#define WEEK_S (7 * DAY_S)

/* An update judges at most this much of the past (a first run, or after a
 * long pause): enough to replay the hysteresis of a recent episode, not a
 * month of old data. */
#define REPLAY_S WEEK_S

void crowd_default_params(struct crowd_params *p)
{
    p->ratio = 2.0;
    p->notice_ratio = 1.5;
    p->min_reports = 10;
    p->duration_s = 1800;
    p->clear_s = 1800;
    p->sigmas = 4;
}

/* ---- history ---------------------------------------------------------- */

/* Bucket numbers are plain int64: t >= 0 only, so division is a floor. */
static int64_t bucket_of(const struct crowd_history *h, time_t t)
{
    return (int64_t)t / h->bucket_s;
}

static int64_t first_index(const struct crowd_history *h)
{
    return bucket_of(h, h->start);
}

static int64_t last_index(const struct crowd_history *h)
{
    return first_index(h) + (int64_t)h->n - 1;
}

/* How many buckets before the newest one are kept. */
static int64_t keep_buckets(const struct crowd_history *h)
{
    return h->keep_s > 0 ? h->keep_s / h->bucket_s : 0;
}

/* The oldest bucket still inside the window; v may hold a few older ones
 * until the next compaction, which get() hides. */
static int64_t oldest_index(const struct crowd_history *h)
{
    int64_t first = first_index(h), last = last_index(h);

    return last - first > keep_buckets(h) ? last - keep_buckets(h) : first;
}

/* Most slots v ever holds: the window plus a quarter for slack, so a
 * compaction (one memmove of the window) happens once per window/4
 * appends. */
static size_t slot_limit(const struct crowd_history *h)
{
    const int64_t most = (int64_t)(SIZE_MAX / sizeof(long) / 4);
    int64_t keep = keep_buckets(h);

    if (keep >= most / 2)
        return (size_t)most; /* "keep everything": xrealloc decides */
    return (size_t)(keep + 1 + keep / 4 + 16);
}

void crowd_history_init(struct crowd_history *h, int bucket_s, long keep_s)
{
    memset(h, 0, sizeof *h);
    h->bucket_s = bucket_s > 0 ? bucket_s : 1;
    h->keep_s = keep_s > 0 ? keep_s : 0;
}

void crowd_history_free(struct crowd_history *h)
{
    int bucket_s = h->bucket_s;
    long keep_s = h->keep_s;

    free(h->v);
    crowd_history_init(h, bucket_s, keep_s);
}

static void history_reserve(struct crowd_history *h, size_t need)
{
    size_t limit = slot_limit(h), cap = h->cap ? h->cap : 16;

    if (need <= h->cap || h->cap >= limit)
        return;
    while (cap < need && cap < limit)
        cap = cap > limit / 2 ? limit : cap * 2;
    if (cap > limit)
        cap = limit;
    h->v = xreallocarray(h->v, cap, sizeof *h->v);
    h->cap = cap;
}

/* Drops the buckets that fall out of the window once newest is the newest
 * bucket (all of them when newest is a window or more ahead). */
static void history_compact(struct crowd_history *h, int64_t newest)
{
    int64_t first = first_index(h);
    int64_t lo = newest - keep_buckets(h);
    size_t drop;

    if (lo <= first)
        return;
    drop = lo - first >= (int64_t)h->n ? h->n : (size_t)(lo - first);
    memmove(h->v, h->v + drop, (h->n - drop) * sizeof *h->v);
    h->n -= drop;
    h->start = h->n ? (time_t)(first + (int64_t)drop) * h->bucket_s : 0;
}

static void fill_missing(long *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i] = -1;
}

static void history_append(struct crowd_history *h, int64_t idx, long count)
{
    size_t need = (size_t)(idx - first_index(h)) + 1;

    history_reserve(h, need);
    if (need > h->cap) {
        history_compact(h, idx);
        if (h->n == 0)
            h->start = (time_t)idx * h->bucket_s;
        need = (size_t)(idx - first_index(h)) + 1;
        history_reserve(h, need);
    }
    fill_missing(h->v + h->n, need - 1 - h->n);
    h->v[need - 1] = count;
    h->n = need;
}

/* Backfill of a bucket older than v[0] but still inside the window. */
static void history_prepend(struct crowd_history *h, int64_t idx, long count)
{
    size_t shift = (size_t)(first_index(h) - idx);

    history_reserve(h, h->n + shift);
    memmove(h->v + shift, h->v, h->n * sizeof *h->v);
    h->v[0] = count;
    fill_missing(h->v + 1, shift - 1);
    h->n += shift;
    h->start = (time_t)idx * h->bucket_s;
}

void crowd_history_put(struct crowd_history *h, time_t t, long count)
{
    int64_t idx;

    if (count < 0 || t < 0)
        return;
    idx = bucket_of(h, t);
    if (h->n == 0) {
        history_reserve(h, 1);
        h->v[0] = count;
        h->n = 1;
        h->start = (time_t)idx * h->bucket_s;
    } else if (idx > last_index(h)) {
        history_append(h, idx, count);
    } else if (last_index(h) - idx > keep_buckets(h)) {
        return; /* older than the window: it would be dropped at once */
    } else if (idx < first_index(h)) {
        history_prepend(h, idx, count);
    } else {
        h->v[idx - first_index(h)] = count;
    }
}

long crowd_history_get(const struct crowd_history *h, time_t t)
{
    int64_t idx;

    if (h->n == 0 || t < 0)
        return -1;
    idx = bucket_of(h, t);
    if (idx < oldest_index(h) || idx > last_index(h))
        return -1;
    return h->v[idx - first_index(h)];
}

time_t crowd_history_last(const struct crowd_history *h)
{
    return h->n ? (time_t)last_index(h) * h->bucket_s : 0;
}

/* ---- baseline --------------------------------------------------------- */

const char *baseline_method_name(enum baseline_method m)
{
    static const char *const names[] = {
        [BASELINE_NONE] = "none",   [BASELINE_ROLLING] = "rolling", [BASELINE_SOURCE] = "source",
        [BASELINE_DAILY] = "daily", [BASELINE_WEEKLY] = "weekly",
    };

    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "none";
}

/* A bag of counts; most fit on the stack, a day of one-minute buckets
 * does not. */
struct sample {
    double *x;
    size_t n, cap;
    double local[128];
};

static void sample_init(struct sample *s)
{
    s->x = s->local;
    s->n = 0;
    s->cap = sizeof s->local / sizeof s->local[0];
}

static void sample_free(struct sample *s)
{
    if (s->x != s->local)
        free(s->x);
}

static void sample_push(struct sample *s, double v)
{
    if (s->n == s->cap) {
        double *x = xreallocarray(NULL, s->cap * 2, sizeof *x);

        memcpy(x, s->x, s->n * sizeof *x);
        sample_free(s);
        s->x = x;
        s->cap *= 2;
    }
    s->x[s->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Sorts x in place. */
static double median(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* Poisson noise of a count around b, as a scale for b + k scale: sqrt(b) + 1
 * puts b + 4 scale at (sqrt(b) + 2)^2, four standard deviations once the
 * square root has made the noise even, so the long upper tail of small
 * counts is covered. A median of n buckets is itself uncertain (a low one
 * lowers the bar): widen by 1 / sqrt(n). n = 0: the source's baseline. */
static double poisson_scale(double b, size_t n)
{
    double widen = n ? 1 + 1 / sqrt((double)n) : 1;

    return sqrt(fmax(b, 0)) * widen + 1;
}

/* The value is the median and the scale the larger of the spread of the
 * sample (1.4826 MAD estimates a standard deviation) and Poisson noise. */
static void baseline_from(struct sample *s, enum baseline_method m, struct baseline *out)
{
    double med = median(s->x, s->n);

    for (size_t i = 0; i < s->n; i++)
        s->x[i] = fabs(s->x[i] - med);
    out->value = med;
    out->scale = fmax(1.4826 * median(s->x, s->n), poisson_scale(med, s->n));
    out->method = m;
}

/* Collects the buckets at t - k period and its two neighbours, k = 1 ..
 * max_k or as far back as h goes; returns how many periods had data. */
static int collect_periodic(const struct crowd_history *h, time_t t, long period, int max_k,
                            struct sample *s)
{
    time_t oldest = (time_t)oldest_index(h) * h->bucket_s;
    int with_data = 0;

    for (int k = 1; k <= max_k && t - k * period + h->bucket_s >= oldest; k++) {
        bool any = false;

        for (int d = -1; d <= 1; d++) {
            time_t at = t - k * period + d * h->bucket_s;
            long c = at >= 0 ? crowd_history_get(h, at) : -1;

            if (c >= 0) {
                sample_push(s, (double)c);
                any = true;
            }
        }
        with_data += any;
    }
    return with_data;
}

static bool baseline_periodic(const struct crowd_history *h, time_t t, long period, int max_k,
                              int min_k, enum baseline_method m, struct baseline *out)
{
    struct sample s;
    bool found;

    sample_init(&s);
    found = collect_periodic(h, t, period, max_k, &s) >= min_k;
    if (found)
        baseline_from(&s, m, out);
    sample_free(&s);
    return found;
}

/* The last 24 h: while an outage covers less than half of it, the median
 * and the MAD still describe the quiet buckets. */
static bool baseline_rolling(const struct crowd_history *h, time_t t, struct baseline *out)
{
    time_t oldest = (time_t)oldest_index(h) * h->bucket_s;
    time_t from = t - DAY_S > oldest ? t - DAY_S : oldest;
    struct sample s;
    bool found;

    sample_init(&s);
    for (time_t at = from; at < t; at += h->bucket_s) {
        long c = crowd_history_get(h, at);

        if (c >= 0)
            sample_push(&s, (double)c);
    }
    found = s.n >= CROWD_MIN_ROLLING;
    if (found)
        baseline_from(&s, BASELINE_ROLLING, out);
    sample_free(&s);
    return found;
}

static bool baseline_source(const struct crowd_history *src, time_t t, struct baseline *out)
{
    long c = src ? crowd_history_get(src, t) : -1;

    if (c < 0)
        return false;
    out->value = (double)c;
    out->scale = poisson_scale(out->value, 0);
    out->method = BASELINE_SOURCE;
    return true;
}

bool crowd_baseline(const struct crowd_history *h, const struct crowd_history *source_base,
                    time_t t, struct baseline *out)
{
    int max_weeks;

    out->value = -1;
    out->scale = 0;
    out->method = BASELINE_NONE;
    if (t < 0)
        return false;
    t -= t % h->bucket_s;
    max_weeks = (int)(h->keep_s / WEEK_S + 1 < 520 ? h->keep_s / WEEK_S + 1 : 520);
    if (h->n) {
        if (baseline_periodic(h, t, WEEK_S, max_weeks, CROWD_MIN_WEEKS, BASELINE_WEEKLY, out) ||
            baseline_periodic(h, t, DAY_S, 7, CROWD_MIN_DAYS, BASELINE_DAILY, out))
            return true;
    }
    if (baseline_source(source_base, t, out))
        return true;
    return h->n && baseline_rolling(h, t, out);
}

/* ---- detector --------------------------------------------------------- */

void crowd_state_init(struct crowd_state *st)
{
    memset(st, 0, sizeof *st);
    st->level = LEVEL_NONE;
    st->last_count = -1;
    st->last_baseline = -1;
    st->last_method = BASELINE_NONE;
}

enum bucket_class { BUCKET_QUIET, BUCKET_ELEVATED, BUCKET_HIGH };

static enum bucket_class classify(long count, const struct baseline *b,
                                  const struct crowd_params *p)
{
    double c = (double)count;
    double ref = fmax(b->value, 1.0); /* a zero baseline must not make any count infinite */
    double sigmas = p->sigmas > 0 ? p->sigmas : 4;

    if (count >= p->min_reports && c >= p->ratio * ref && c >= b->value + sigmas * b->scale)
        return BUCKET_HIGH;
    if (c >= p->min_reports / 2.0 && c >= p->notice_ratio * ref &&
        c >= b->value + fmax(sigmas - 1, 0) * b->scale)
        return BUCKET_ELEVATED;
    return BUCKET_QUIET;
}

/* Whether a run of n buckets has lasted at least want_s. */
static bool lasted(int n, int bucket_s, int want_s)
{
    return (int64_t)n * bucket_s >= want_s;
}

static void count_runs(struct crowd_state *st, enum bucket_class cls)
{
    st->high_run = cls == BUCKET_HIGH ? st->high_run + 1 : 0;
    st->elevated_run = cls != BUCKET_QUIET ? st->elevated_run + 1 : 0;
    st->quiet_run = cls == BUCKET_QUIET ? st->quiet_run + 1 : 0;
}

/* The level only rises during an episode and comes down to ok in one step
 * after clear_s of quiet buckets. High buckets that have not yet lasted
 * duration_s are an early warning (notice, "reports rising"), not a
 * problem: only a high run that lasts makes one, dated from its start. */
static void step_level(struct crowd_state *st, enum bucket_class cls, time_t at, int bucket_s,
                       const struct crowd_params *p)
{
    enum level want = LEVEL_OK;

    count_runs(st, cls);
    if (st->high_run > 0 && lasted(st->high_run, bucket_s, p->duration_s)) {
        want = LEVEL_MAJOR;
        if (st->problem_since == 0)
            st->problem_since = at - (time_t)(st->high_run - 1) * bucket_s;
    } else if (st->high_run > 0 || st->elevated_run >= 2) {
        want = LEVEL_NOTICE;
    }
    if (want != LEVEL_OK && st->rising_since == 0)
        st->rising_since = at - (time_t)(st->elevated_run - 1) * bucket_s;
    if (st->level == LEVEL_NONE)
        st->level = LEVEL_OK;
    st->level = level_worst(st->level, want);
    if (st->level != LEVEL_OK && st->quiet_run > 0 && lasted(st->quiet_run, bucket_s, p->clear_s)) {
        st->level = LEVEL_OK;
        st->problem_since = 0;
        st->rising_since = 0;
    }
}

static void judge_bucket(struct crowd_state *st, const struct crowd_history *h,
                         const struct crowd_history *source_base, time_t at, long count,
                         const struct crowd_params *p)
{
    struct baseline b;

    st->last_count = count;
    if (!crowd_baseline(h, source_base, at, &b)) {
        /* nothing is known yet: neither ok nor a problem */
        st->last_baseline = -1;
        st->last_method = BASELINE_NONE;
        return;
    }
    st->last_baseline = b.value;
    st->last_method = b.method;
    step_level(st, classify(count, &b, p), at, h->bucket_s, p);
}

/* The first bucket to judge: the one after judged_until, but never more
 * than the replayed week before end (a first run, or a long pause: older
 * buckets would only cost time, the week rebuilds the hysteresis). */
static time_t first_to_judge(const struct crowd_state *st, const struct crowd_history *h,
                             time_t end)
{
    time_t oldest = (time_t)oldest_index(h) * h->bucket_s;
    time_t from = st->judged_until;

    if (end > REPLAY_S && from < end - REPLAY_S)
        from = end - REPLAY_S;
    if (from % h->bucket_s)
        from += h->bucket_s - from % h->bucket_s;
    return from > oldest ? from : oldest;
}

void crowd_update(struct crowd_state *st, const struct crowd_history *h,
                  const struct crowd_history *source_base, time_t now, const struct crowd_params *p)
{
    time_t end, at;

    if (h->n == 0 || now < 0)
        return;
    /* Trailing buckets without data stay unjudged: a late count for them
     * is still judged in order when it arrives. */
    end = crowd_history_last(h) + h->bucket_s;
    if (now < end)
        end = now - now % h->bucket_s;
    for (at = first_to_judge(st, h, end); at + h->bucket_s <= end; at += h->bucket_s) {
        long count = crowd_history_get(h, at);

        if (count < 0)
            continue;
        judge_bucket(st, h, source_base, at, count, p);
        st->judged_until = at + h->bucket_s;
    }
}
