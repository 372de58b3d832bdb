/* Crowd reports: the bucket history, the baselines and the detector, on
 * synthetic Poisson series from a fixed-seed generator (every run sees the
 * same numbers). */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>

#include "sitrep/crowd.h"
#include "tap.h"

#define BS   900 /* 15-minute buckets unless a test says otherwise */
#define HOUR 3600L
#define DAY  86400L
#define WEEK (7 * DAY)
/* 2023-11-14 00:00 UTC: midnight, so a time of day is an offset from it */
#define T0 ((time_t)1699920000)

/* ---- synthetic series --------------------------------------------------- */

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

/* Uniform in (0, 1]: never 0, so logs and products stay finite. */
static double rng_unit(struct rng *r)
{
    return ((double)(rng_next(r) >> 11) + 1) / 9007199254740992.0;
}

static long poisson(struct rng *r, double lam)
{
    if (lam < 30) { /* Knuth: count uniforms until their product drops below e^-lam */
        double limit = exp(-lam), prod = rng_unit(r);
        long k = 0;

        while (prod > limit) {
            prod *= rng_unit(r);
            k++;
        }
        return k;
    }
    double z = sqrt(-2 * log(rng_unit(r))) * cos(2 * M_PI * rng_unit(r));
    double v = floor(lam + sqrt(lam) * z + 0.5);

    return v < 0 ? 0 : (long)v;
}

typedef double (*rate_fn)(time_t t, double lam);

static double flat(time_t t, double lam)
{
    (void)t;
    return lam;
}

/* Puts Poisson counts into the n buckets from `from`. */
static void fill(struct crowd_history *h, struct rng *r, time_t from, int n, rate_fn f, double lam)
{
    for (int i = 0; i < n; i++) {
        time_t t = from + (time_t)i * h->bucket_s;

        crowd_history_put(h, t, poisson(r, f(t, lam)));
    }
}

/* Puts one count and judges everything complete at the bucket's end, as
 * the model does after each poll; returns the level then. */
static enum level feed(struct crowd_state *st, struct crowd_history *h, time_t t, long count,
                       const struct crowd_params *p)
{
    crowd_history_put(h, t, count);
    crowd_update(st, h, NULL, t + h->bucket_s, p);
    return st->level;
}

/* ---- 1. history ----------------------------------------------------------- */

static void test_history_basics(void)
{
    struct crowd_history h;

    crowd_history_init(&h, BS, 2 * DAY);
    is_int(crowd_history_get(&h, T0), -1, "an empty history has no buckets");
    is_int(crowd_history_last(&h), 0, "an empty history has no last bucket");
    crowd_history_put(&h, T0 + 100, 5);
    is_int(crowd_history_get(&h, T0), 5, "a count lands in the bucket containing its time");
    is_int(crowd_history_get(&h, T0 + BS - 1), 5, "the bucket covers its whole width");
    is_int(crowd_history_get(&h, T0 + BS), -1, "the next bucket is still empty");
    is_int(crowd_history_last(&h), T0, "last is the start of the newest bucket");
    crowd_history_put(&h, T0 + 3 * BS + 17, 8);
    is_int(crowd_history_last(&h), T0 + 3 * BS, "last follows an append");
    is_int(crowd_history_get(&h, T0 + 2 * BS), -1, "skipped buckets read -1");
    crowd_history_put(&h, T0 + 3 * BS + 500, 9);
    is_int(crowd_history_get(&h, T0 + 3 * BS), 9, "a put overwrites its bucket");
    crowd_history_put(&h, T0, -4);
    is_int(crowd_history_get(&h, T0), 5, "a negative count is ignored");
    crowd_history_put(&h, T0 - 2 * BS, 3);
    is_int(crowd_history_get(&h, T0 - 2 * BS), 3, "a bucket before the first is prepended");
    is_int(crowd_history_get(&h, T0 - BS), -1, "the gap a prepend leaves reads -1");
    ok(crowd_history_get(&h, T0) == 5 && crowd_history_get(&h, T0 + 3 * BS) == 9,
       "a prepend keeps the later buckets where they were");
    is_int(h.start, T0 - 2 * BS, "start moves back to the prepended bucket");
    is_int(crowd_history_last(&h), T0 + 3 * BS, "a prepend does not change last");
    crowd_history_put(&h, T0 + 3 * BS - 2 * DAY - BS, 1);
    is_int(crowd_history_get(&h, T0 + 3 * BS - 2 * DAY - BS), -1,
           "a bucket older than keep_s before the newest is refused");
    crowd_history_put(&h, T0 + 2 * DAY + 3 * BS, 4);
    is_int(crowd_history_get(&h, T0 + 3 * BS), 9, "a bucket exactly keep_s old is kept");
    ok(crowd_history_get(&h, T0 + 2 * BS) == -1 && crowd_history_get(&h, T0) == -1 &&
           crowd_history_get(&h, T0 - 2 * BS) == -1,
       "buckets older than keep_s before the newest are dropped");
    crowd_history_put(&h, T0 + 100 * DAY, 6);
    ok(crowd_history_get(&h, T0 + 2 * DAY + 3 * BS) == -1 && h.n == 1 && h.start == T0 + 100 * DAY,
       "a jump of more than keep_s keeps only the new bucket");
    crowd_history_free(&h);
    ok(h.v == NULL && h.n == 0 && h.bucket_s == BS, "free leaves an empty, usable history");
    crowd_history_put(&h, 0, 7);
    ok(crowd_history_get(&h, 0) == 7 && crowd_history_get(&h, -5) == -1,
       "time 0 is a bucket; negative times are not");
    crowd_history_free(&h);
}

static void test_history_alignment(void)
{
    static const int widths[] = {60, 300, 900, 3600, 7};
    struct rng r = {0x243F6A8885A308D3ULL};
    int bad = 0;

    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        struct crowd_history h;

        crowd_history_init(&h, widths[w], 30 * DAY);
        for (int i = 0; i < 200; i++) {
            time_t t = T0 + (time_t)(rng_next(&r) % (20 * DAY));
            time_t b = t / widths[w] * widths[w];

            crowd_history_put(&h, t, i);
            bad += crowd_history_get(&h, b) != i || crowd_history_get(&h, b + widths[w] - 1) != i;
            bad += h.start % widths[w] != 0;
        }
        crowd_history_free(&h);
    }
    is_int(bad, 0, "arbitrary times land in the bucket that contains them, for 5 widths");
}

/* Appends with gaps and occasional backfills, as a long-running poller
 * does: the array stays within the window plus its slack. */
static void test_history_bounded(void)
{
    struct crowd_history h;
    size_t window = 2 * DAY / BS + 1, max_cap = 0;
    int wrong = 0;

    crowd_history_init(&h, BS, 2 * DAY);
    for (long i = 0; i < 100000; i++) {
        time_t t = T0 + (time_t)i * BS;

        if (i % 7 != 3) /* a gap now and then */
            crowd_history_put(&h, t, i);
        if (i % 50 == 0 && i > 100)
            crowd_history_put(&h, t - 40 * BS, i - 40); /* a late backfill */
        max_cap = h.cap > max_cap ? h.cap : max_cap;
    }
    for (long k = 0; k < (long)window; k++) {
        long i = 99999 - k, got = crowd_history_get(&h, T0 + (time_t)i * BS);

        wrong += got != (i % 7 == 3 ? -1 : i) && !(i % 50 == 10 && got == i);
    }
    is_int(wrong, 0, "after 100k puts the last 2 days read back exactly");
    is_int(crowd_history_get(&h, T0 + (time_t)(99999 - window) * BS), -1,
           "and the bucket before them is gone");
    ok(max_cap <= window + window / 4 + 16,
       "memory stays bounded: at most %zu slots for a %zu-bucket window", max_cap, window);
    crowd_history_free(&h);
}

/* ---- 2. baselines ----------------------------------------------------------- */

/* 10 reports a bucket at night, 100 at 18:00: a smooth daily rhythm. */
static double daily_rhythm(time_t t, double lam)
{
    double hours = (double)((t - T0) % DAY) / HOUR;

    (void)lam;
    return 55 + 45 * cos(2 * M_PI * (hours - 18) / 24);
}

/* 40 on weekdays, 10 on the two days of the weekend. */
static double weekly_rhythm(time_t t, double lam)
{
    (void)lam;
    return (t - T0) / DAY % 7 >= 5 ? 10 : 40;
}

static void test_baseline_rolling_source(void)
{
    struct crowd_history h, src;
    struct rng r = {0x13198A2E03707344ULL};
    struct baseline b;

    crowd_history_init(&h, BS, 15 * DAY);
    crowd_history_init(&src, BS, 15 * DAY);
    ok(!crowd_baseline(&h, NULL, T0, &b) && b.method == BASELINE_NONE,
       "nothing is known about an empty history");
    fill(&h, &r, T0, 7, flat, 50);
    ok(!crowd_baseline(&h, NULL, T0 + 7 * BS, &b), "7 buckets are too few for a rolling median");
    fill(&h, &r, T0 + 7 * BS, 5, flat, 50);
    ok(crowd_baseline(&h, NULL, T0 + 12 * BS, &b) && b.method == BASELINE_ROLLING,
       "3 hours of history give a rolling baseline");
    ok(fabs(b.value - 50) <= 8, "the rolling median is near the rate (%.1f for 50)", b.value);
    crowd_history_put(&src, T0 + 12 * BS, 40);
    ok(crowd_baseline(&h, &src, T0 + 12 * BS + 60, &b) && b.method == BASELINE_SOURCE &&
           b.value == 40,
       "the source's baseline for the bucket wins over a short history");
    ok(fabs(b.scale - (sqrt(40) + 1)) < 1e-9, "the source's scale is sqrt(b) + 1 (%.2f)", b.scale);
    ok(crowd_baseline(&h, &src, T0 + 13 * BS, &b) && b.method == BASELINE_ROLLING,
       "a bucket the source gave no baseline for falls back to rolling");
    is_str(baseline_method_name(BASELINE_SOURCE), "source", "method names");
    is_str(baseline_method_name((enum baseline_method)42), "none", "an unknown method is none");
    crowd_history_free(&h);
    crowd_history_free(&src);
}

static void test_baseline_daily(void)
{
    struct crowd_history h, src;
    struct rng r = {0xA4093822299F31D0ULL};
    struct baseline b;
    double worst = 0;

    crowd_history_init(&h, BS, 15 * DAY);
    crowd_history_init(&src, BS, 15 * DAY);
    fill(&h, &r, T0, 2 * 96 + 72, daily_rhythm, 0);
    crowd_history_put(&src, T0 + 2 * DAY + 18 * HOUR, 30);
    ok(crowd_baseline(&h, &src, T0 + 2 * DAY + 18 * HOUR, &b) && b.method == BASELINE_SOURCE,
       "after 2 days the source's baseline still comes first");
    fill(&h, &r, T0 + 2 * DAY + 18 * HOUR, 96, daily_rhythm, 0);
    for (int i = 0; i < 96; i++) {
        time_t t = T0 + 3 * DAY + 18 * HOUR + (time_t)i * BS;

        if (!crowd_baseline(&h, &src, t, &b) || b.method != BASELINE_DAILY)
            worst = INFINITY;
        else
            worst = fmax(worst, fabs(b.value - daily_rhythm(t, 0)) / sqrt(daily_rhythm(t, 0)));
        crowd_history_put(&h, t, poisson(&r, daily_rhythm(t, 0)));
    }
    ok(worst < 2.5, "after 3 days the daily median tracks the rhythm all day (worst %.2f sd)",
       worst);
    crowd_baseline(&h, NULL, T0 + 4 * DAY + 18 * HOUR, &b);
    ok(b.value > 80, "at the 18:00 peak the daily baseline is the peak (%.0f), not the mean",
       b.value);
    crowd_history_free(&h);
    crowd_history_free(&src);
}

static void test_baseline_weekly(void)
{
    struct crowd_history h;
    struct rng r = {0x082EFA98EC4E6C89ULL};
    struct baseline b;
    time_t sat3 = T0 + 2 * WEEK + 5 * DAY + 12 * HOUR;

    crowd_history_init(&h, BS, 30 * DAY);
    fill(&h, &r, T0 + WEEK, (int)(WEEK / BS) + 5 * 96 + 48, weekly_rhythm, 0);
    ok(crowd_baseline(&h, NULL, sat3, &b) && b.method == BASELINE_DAILY,
       "with one week of history the baseline is daily");
    ok(b.value > 25, "and on a weekend day it expects a weekday (%.0f)", b.value);
    fill(&h, &r, T0, (int)(WEEK / BS), weekly_rhythm, 0);
    ok(crowd_baseline(&h, NULL, sat3, &b) && b.method == BASELINE_WEEKLY,
       "with two weeks of history the baseline is weekly");
    ok(fabs(b.value - 10) <= 3, "and it expects the weekend (%.0f for 10)", b.value);
    crowd_history_free(&h);
}

/* The scale of a Poisson series is its standard deviation sqrt(lambda),
 * widened by 1/sqrt(n) and 1 for small counts (crowd.h). */
static void test_baseline_scale(void)
{
    static const double lams[] = {25, 400, 10000};
    struct rng r = {0x452821E638D01377ULL};

    for (size_t i = 0; i < sizeof lams / sizeof lams[0]; i++) {
        struct crowd_history h;
        struct baseline b;
        double sd = sqrt(lams[i]);

        crowd_history_init(&h, BS, 15 * DAY);
        fill(&h, &r, T0, 96, flat, lams[i]);
        crowd_baseline(&h, NULL, T0 + DAY, &b);
        ok(b.scale >= sd && b.scale <= 1.25 * sd + 1,
           "the scale of Poisson(%g) is about sqrt: %.2f for %.2f", lams[i], b.scale, sd);
        crowd_history_free(&h);
    }
}

/* With no spread at all the scale is the Poisson term alone, widened for a
 * median of few buckets: (1 + 1/sqrt(n)) sqrt(b) + 1. */
static void test_baseline_scale_formula(void)
{
    static const int sizes[] = {8, 96};

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct crowd_history h;
        struct baseline b;
        double want = (1 + 1 / sqrt(sizes[i])) * 10 + 1;

        crowd_history_init(&h, BS, 15 * DAY);
        for (int k = 0; k < sizes[i]; k++)
            crowd_history_put(&h, T0 + (time_t)k * BS, 100);
        crowd_baseline(&h, NULL, T0 + DAY, &b);
        ok(b.value == 100 && fabs(b.scale - want) < 1e-9,
           "a flat 100 over %d buckets: scale %.3f (want %.3f)", sizes[i], b.scale, want);
        crowd_history_free(&h);
    }
}

static void test_baseline_spread_and_outage(void)
{
    struct crowd_history h;
    struct rng r = {0xBE5466CF34E90C6CULL};
    struct baseline b;

    crowd_history_init(&h, BS, 15 * DAY);
    for (int i = 0; i < 96; i++)
        crowd_history_put(&h, T0 + (time_t)i * BS, 100 + (long)(rng_next(&r) % 61) - 30);
    crowd_baseline(&h, NULL, T0 + DAY, &b);
    ok(b.scale > 18, "noisier than Poisson: the MAD sets the scale (%.1f > sqrt 10)", b.scale);
    fill(&h, &r, T0 + DAY, 24, flat, 300);
    crowd_baseline(&h, NULL, T0 + DAY + 6 * HOUR, &b);
    ok(fabs(b.value - 100) <= 15, "6 h into an outage the rolling median is still %.0f", b.value);
    fill(&h, &r, T0 + DAY + 6 * HOUR, 32, flat, 300);
    crowd_baseline(&h, NULL, T0 + DAY + 14 * HOUR, &b);
    ok(b.value > 200, "past half of its window an outage becomes the rolling baseline (%.0f)",
       b.value);
    crowd_history_free(&h);
}

/* ---- 3. a spike is caught within the configured duration ------------------ */

/* A day of Poisson(lam) history, judged up to its last bucket, as a
 * detector that has been running. */
static void warm_up(struct crowd_state *st, struct crowd_history *h, struct rng *r, int bucket_s,
                    double lam, const struct crowd_params *p)
{
    int n = (int)(DAY / bucket_s);

    crowd_history_init(h, bucket_s, 15 * DAY);
    crowd_state_init(st);
    fill(h, r, T0, n, flat, lam);
    crowd_update(st, h, NULL, T0 + DAY, p);
}

/* Exactly 3 lam for 30 minutes: reports rising (a notice, not a problem)
 * on the first spiking bucket, major when the high buckets have lasted
 * duration_s, dated from the first of them. */
static void spike_case(double lam, int bucket_s)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    struct rng r = {0x3F84D5B5B5470917ULL ^ (uint64_t)lam};
    time_t spike = T0 + DAY, major_at = 0;
    int nspike = (int)(1800 / bucket_s);

    crowd_default_params(&p);
    warm_up(&st, &h, &r, bucket_s, lam, &p);
    is_int(st.level, LEVEL_OK, "lambda %g, %d s buckets: a day of noise is ok", lam, bucket_s);
    for (int i = 0; i < nspike; i++) {
        time_t t = spike + (time_t)i * bucket_s;
        enum level l = feed(&st, &h, t, (long)(3 * lam), &p);

        if (i == 0)
            ok(l == LEVEL_NOTICE && st.problem_since == 0 && st.rising_since == spike,
               "lambda %g: rising (a notice, no problem yet) on the first spiking bucket", lam);
        if (l == LEVEL_MAJOR && !major_at)
            major_at = t + bucket_s; /* known once that bucket is complete */
    }
    ok(major_at && major_at - spike <= p.duration_s + bucket_s,
       "lambda %g, %d s buckets: major %ld s after the spike began (limit %d)", lam, bucket_s,
       (long)(major_at - spike), p.duration_s + bucket_s);
    is_int(st.problem_since, spike, "lambda %g: problem_since is the spike's start", lam);
    crowd_history_free(&h);
}

/* With Poisson spike counts (mean 3 lam) over many trials: how often a
 * 30-minute spike reaches major, and the delay to major of a 2-hour one. */
static void spike_trials(double lam, double want_caught)
{
    struct crowd_params p;
    struct rng r = {0x0801F2E2858EFC16ULL + (uint64_t)lam};
    int trials = 100, caught = 0, reached = 0;
    double delay_sum = 0, delay_max = 0;

    crowd_default_params(&p);
    for (int k = 0; k < trials; k++) {
        struct crowd_history h;
        struct crowd_state st;
        time_t spike = T0 + DAY, major_at = 0;

        warm_up(&st, &h, &r, BS, lam, &p);
        for (int i = 0; i < 8 && !major_at; i++) {
            time_t t = spike + (time_t)i * BS;

            if (feed(&st, &h, t, poisson(&r, 3 * lam), &p) == LEVEL_MAJOR)
                major_at = t + BS;
        }
        caught += major_at && major_at - spike <= p.duration_s;
        reached += major_at != 0;
        if (major_at) {
            delay_sum += (double)(major_at - spike);
            delay_max = fmax(delay_max, (double)(major_at - spike));
        }
        crowd_history_free(&h);
    }
    tap_diag("lambda %g, 3x Poisson spikes: %d/%d caught as major within 30 min; a 2 h outage "
             "reached major in %d/%d, mean delay %.0f s, worst %.0f s",
             lam, caught, trials, reached, trials, reached ? delay_sum / reached : 0, delay_max);
    ok(caught >= want_caught * trials && reached == trials,
       "lambda %g: at least %.0f%% of 3x spikes caught in 30 min, every 2 h outage caught", lam,
       100 * want_caught);
}

/* ---- 4. Poisson noise at the baseline raises no alarm ---------------------- */

struct noise_tally {
    long buckets, alarms, notices; /* buckets judged at degraded or major; at notice */
    long episodes;                 /* times the level rose to degraded or major */
    int weeks, weeks_alarm, weeks_notice;
};

/* One simulated week of Poisson(lam) after a warm-up day, as it is
 * judged bucket by bucket. */
static void noise_week(struct rng *r, double lam, const struct crowd_params *p,
                       struct noise_tally *t)
{
    struct crowd_history h;
    struct crowd_state st;
    long alarms = 0, notices = 0;

    warm_up(&st, &h, r, BS, lam, p);
    for (time_t at = T0 + DAY; at < T0 + 8 * DAY; at += BS) {
        enum level was = st.level, l = feed(&st, &h, at, poisson(r, lam), p);

        t->episodes += l >= LEVEL_DEGRADED && was < LEVEL_DEGRADED;
        alarms += l >= LEVEL_DEGRADED;
        notices += l == LEVEL_NOTICE;
        t->buckets++;
    }
    t->alarms += alarms;
    t->notices += notices;
    t->weeks++;
    t->weeks_alarm += alarms > 0;
    t->weeks_notice += notices > 0;
    crowd_history_free(&h);
}

static struct noise_tally noise_run(double lam, int weeks, const struct crowd_params *p,
                                    const char *what)
{
    struct rng r = {0xC0AC29B7C97C50DDULL ^ ((uint64_t)lam << 20)};
    struct noise_tally t = {0};

    for (int w = 0; w < weeks; w++)
        noise_week(&r, lam, p, &t);
    tap_diag("%s, Poisson(%g), %d weeks: alarm buckets %.2g/bucket, %.2g episodes/week, "
             "%d of %d weeks with one; notice buckets %.2g/bucket, %d weeks with one",
             what, lam, weeks, (double)t.alarms / t.buckets, (double)t.episodes / weeks,
             t.weeks_alarm, weeks, (double)t.notices / t.buckets, t.weeks_notice);
    return t;
}

static void test_noise(void)
{
    static const double lams[] = {2, 5, 20, 100, 500};
    struct crowd_params p, loose, looser;
    long alarms = 0, loose_alarms = 0, looser_alarms = 0;

    crowd_default_params(&p);
    loose = p;
    loose.ratio = 1.3;
    loose.min_reports = 3;
    looser = loose;
    looser.sigmas = 2;
    for (size_t i = 0; i < sizeof lams / sizeof lams[0]; i++) {
        alarms += noise_run(lams[i], 20, &p, "default").alarms;
        loose_alarms += noise_run(lams[i], 4, &loose, "ratio 1.3, min 3").alarms;
        looser_alarms += noise_run(lams[i], 4, &looser, "ratio 1.3, min 3, sigmas 2").alarms;
    }
    is_int(alarms, 0, "no alarm in 100 simulated weeks of Poisson noise at 2 .. 500 a bucket");
    ok(looser_alarms > 0,
       "a looser detector does raise false alarms on the same noise (%ld buckets), so the "
       "count is real",
       looser_alarms);
    tap_diag("ratio 1.3 and min 3 alone: %ld alarm buckets (the 4-sigma bar decides at small "
             "counts)",
             loose_alarms);
}

/* ---- 5. a daily rhythm is not an outage once history knows it ------------- */

/* From 5 at 08:00 to 120 at 20:00 and back, a sine. */
static double sine_rhythm(time_t t, double lam)
{
    double hours = (double)((t - T0) % DAY) / HOUR;

    (void)lam;
    return 62.5 + 57.5 * cos(2 * M_PI * (hours - 20) / 24);
}

/* Also 5 .. 120 with the peak at 20:00, but flat most of the day and the
 * evening rise within a few hours (the sine's shape to the 8th power). */
static double peaky_rhythm(time_t t, double lam)
{
    double hours = (double)((t - T0) % DAY) / HOUR;

    (void)lam;
    return 5 + 115 * pow((1 + cos(2 * M_PI * (hours - 20) / 24)) / 2, 8);
}

/* Judges the 8th day after `days` days of history (7, or 0.5 for 12 h);
 * returns the number of its buckets judged degraded or major. */
static int eighth_day(rate_fn f, double days, uint64_t seed, enum baseline_method *method)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    struct rng r = {seed};
    time_t day8 = T0 + 7 * DAY;
    int n = (int)(days * DAY / BS), alarms = 0;

    crowd_default_params(&p);
    crowd_history_init(&h, BS, 15 * DAY);
    crowd_state_init(&st);
    fill(&h, &r, day8 - (time_t)n * BS, n, f, 0);
    crowd_update(&st, &h, NULL, day8, &p); /* a restart replays the history */
    for (time_t t = day8; t < day8 + DAY; t += BS)
        alarms += feed(&st, &h, t, poisson(&r, f(t, 0)), &p) >= LEVEL_DEGRADED;
    *method = st.last_method;
    crowd_history_free(&h);
    return alarms;
}

static void test_rhythm(void)
{
    int week_sine = 0, week_peaky = 0, half_sine = 0, half_peaky = 0, half_peaky_runs = 0;
    enum baseline_method m_week = BASELINE_DAILY, m_half = BASELINE_ROLLING, m;

    for (uint64_t k = 1; k <= 5; k++) {
        int a;

        week_sine += eighth_day(sine_rhythm, 7, 0x9216D5D98979FB1BULL * k, &m);
        m_week = m != BASELINE_DAILY ? m : m_week;
        week_peaky += eighth_day(peaky_rhythm, 7, 0xD1310BA698DFB5ACULL * k, &m);
        m_week = m != BASELINE_DAILY ? m : m_week;
        half_sine += eighth_day(sine_rhythm, 0.5, 0x2FFD72DBD01ADFB7ULL * k, &m);
        m_half = m != BASELINE_ROLLING ? m : m_half;
        a = eighth_day(peaky_rhythm, 0.5, 0xB8E1AFED6A267E96ULL * k, &m);
        m_half = m != BASELINE_ROLLING ? m : m_half;
        half_peaky += a;
        half_peaky_runs += a > 0;
    }
    is_int(m_week, BASELINE_DAILY, "with a week of history the 8th day is judged on daily medians");
    is_int(m_half, BASELINE_ROLLING, "with 12 h of history it is judged on the rolling median");
    is_int(week_sine, 0, "a sine from 5 to 120 raises no alarm in 5 simulated 8th days");
    is_int(week_peaky, 0, "nor does a sharp evening peak from 5 to 120");
    tap_diag("12 h of history: the sine gives %d alarm buckets (its 24 h median and MAD are "
             "wide enough), the evening peak %d",
             half_sine, half_peaky);
    is_int(half_peaky_runs, 5,
           "with only 12 h of history the evening peak looks like an outage "
           "every time: the week of history is what makes the difference");
}

/* ---- 6. hysteresis on the way down ------------------------------------------ */

/* A day of exactly 100 a bucket: baseline 100, scale about 12, so 300 is
 * high, 160 elevated and 100 quiet, with no noise to blur the steps. */
static void steady(struct crowd_state *st, struct crowd_history *h, const struct crowd_params *p)
{
    crowd_history_init(h, BS, 15 * DAY);
    crowd_state_init(st);
    for (time_t t = T0; t < T0 + DAY; t += BS)
        crowd_history_put(h, t, 100);
    crowd_update(st, h, NULL, T0 + DAY, p);
}

static void test_hysteresis(void)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    time_t t = T0 + DAY, start = t;

    crowd_default_params(&p);
    steady(&st, &h, &p);
    is_int(feed(&st, &h, t, 300, &p), LEVEL_NOTICE, "first high bucket: reports rising");
    ok(st.problem_since == 0 && st.rising_since == start,
       "rising is not a problem yet: no problem_since, rising_since its start");
    is_int(feed(&st, &h, t += BS, 300, &p), LEVEL_MAJOR, "second (duration_s met): major");
    is_int(st.problem_since, start, "the problem is dated from the first high bucket");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_MAJOR, "one quiet bucket keeps major");
    is_int(st.quiet_run, 1, "and counts one quiet bucket");
    is_int(feed(&st, &h, t += BS, 300, &p), LEVEL_MAJOR, "a high bucket after it keeps major");
    is_int(st.problem_since, start, "without a new episode: problem_since is kept");
    is_int(feed(&st, &h, t += BS, 160, &p), LEVEL_MAJOR, "an elevated bucket keeps major");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_MAJOR, "quiet for 15 min: still major");
    is_int(st.problem_since, start, "problem_since is kept through the episode");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_OK, "quiet for clear_s (30 min): ok");
    ok(st.problem_since == 0 && st.rising_since == 0, "both times are cleared with the episode");
    is_int(feed(&st, &h, t += BS, 300, &p), LEVEL_NOTICE, "a new rise starts as a notice");
    ok(st.rising_since == t && st.problem_since == 0, "with its own rise, and no problem");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_NOTICE,
           "a rise does not drop to ok on one quiet bucket");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_OK, "but does after clear_s");
    ok(st.problem_since == 0 && st.rising_since == 0,
       "a rise that faded before the duration rule leaves nothing behind");
    is_int(feed(&st, &h, t += BS, 160, &p), LEVEL_OK, "one elevated bucket is not a notice");
    is_int(st.rising_since, 0, "nor a rise");
    is_int(feed(&st, &h, t += BS, 160, &p), LEVEL_NOTICE, "two in a row are");
    is_int(st.rising_since, t - BS, "rising since the first of the two");
    is_int(st.problem_since, 0, "a notice has no high run, so no problem_since");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_NOTICE, "one quiet bucket keeps the notice");
    is_int(feed(&st, &h, t += BS, 100, &p), LEVEL_OK, "clear_s of quiet ends it");
    ok(st.last_count == 100 && st.last_baseline == 100 && st.last_method == BASELINE_ROLLING,
       "last_count, last_baseline and last_method describe the last bucket");
    crowd_history_free(&h);
}

/* ---- 7. edge cases -------------------------------------------------------- */

static void test_gaps(void)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    time_t t = T0 + DAY;

    crowd_default_params(&p);
    steady(&st, &h, &p);
    feed(&st, &h, t, 300, &p);
    feed(&st, &h, t += BS, 300, &p);
    crowd_update(&st, &h, NULL, t + 5 * BS, &p); /* an hour without data */
    ok(st.level == LEVEL_MAJOR && st.quiet_run == 0 && st.judged_until == t + BS,
       "missing buckets in an outage neither clear it nor count as quiet");
    is_int(feed(&st, &h, t += 5 * BS, 100, &p), LEVEL_MAJOR,
           "the first quiet bucket after the gap keeps major");
    is_int(feed(&st, &h, t += 2 * BS, 100, &p), LEVEL_OK,
           "a second, after another gap, makes clear_s of quiet buckets: ok");
    crowd_update(&st, &h, NULL, t + 6 * BS, &p);
    crowd_history_put(&h, t + BS, 300); /* a count that arrives late */
    crowd_update(&st, &h, NULL, t + 6 * BS, &p);
    ok(st.level == LEVEL_NOTICE && st.last_count == 300 && st.judged_until == t + 2 * BS,
       "a late count for a bucket after the newest one is still judged");
    crowd_update(&st, &h, NULL, t + 6 * BS, &p);
    is_int(st.judged_until, t + 2 * BS, "judging again at the same time changes nothing");
    crowd_history_put(&h, t + 2 * BS + 60, 500);
    crowd_update(&st, &h, NULL, t + 2 * BS + 120, &p);
    ok(st.level == LEVEL_NOTICE && st.high_run == 1,
       "the bucket in progress is not judged before it is complete");
    crowd_history_free(&h);
}

static void test_small_counts(void)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    time_t t = T0;
    int problems = 0;

    crowd_default_params(&p);
    crowd_history_init(&h, BS, 15 * DAY);
    crowd_state_init(&st);
    for (int i = 0; i < 7; i++)
        feed(&st, &h, t + (time_t)i * BS, 0, &p);
    ok(st.level == LEVEL_NONE && st.last_count == 0 && st.last_baseline == -1 &&
           st.last_method == BASELINE_NONE,
       "before a baseline exists a bucket is recorded but not judged");
    for (t += 7 * BS; t < T0 + DAY; t += BS)
        feed(&st, &h, t, 0, &p);
    is_int(st.level, LEVEL_OK, "a day of zeros is ok");
    for (int i = 0; i < 8 * 96; i++, t += BS)
        problems += level_is_problem(feed(&st, &h, t, 1 + i % 3, &p));
    is_int(problems, 0, "1, 2, 3 reports a bucket after zeros (below min_reports) never alarm");
    crowd_history_free(&h);
}

static void test_huge_counts(void)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    long big = 1000000000L;
    time_t t = (time_t)4102444800LL; /* 2100-01-01 */

    crowd_default_params(&p);
    crowd_history_init(&h, BS, 15 * DAY);
    crowd_state_init(&st);
    for (int i = 0; i < 96; i++, t += BS)
        feed(&st, &h, t, big + i % 5, &p);
    is_int(st.level, LEVEL_OK, "a billion reports a bucket, steady, is ok");
    feed(&st, &h, t, LONG_MAX > 4 * big ? 3 * big : LONG_MAX, &p);
    is_int(feed(&st, &h, t + BS, LONG_MAX, &p), LEVEL_MAJOR,
           "three billion then LONG_MAX: major, no overflow");
    is_int(st.last_count, LONG_MAX, "the count is kept as it came");
    crowd_history_free(&h);
}

/* A restart on a long history judges only the last week: an outage that
 * has been running for 8 days is seen from a week back, not from its start. */
static void test_replay_limit(void)
{
    struct crowd_params p;
    struct crowd_history h;
    struct crowd_state st;
    time_t end = T0 + 30 * DAY, plateau = end - 8 * DAY;

    crowd_default_params(&p);
    crowd_history_init(&h, BS, 30 * DAY);
    crowd_state_init(&st);
    for (time_t t = T0; t < end; t += BS)
        crowd_history_put(&h, t, t < plateau ? 100 : 400);
    crowd_update(&st, &h, NULL, end, &p);
    is_int(st.level, LEVEL_MAJOR, "the running outage is major after a restart");
    is_int(st.problem_since, end - 7 * DAY, "judged from 7 days back, not from 30");
    is_int(st.judged_until, end, "up to the last complete bucket");
    crowd_history_free(&h);
}

static void test_state_init(void)
{
    struct crowd_state st;
    struct crowd_params p;

    crowd_state_init(&st);
    ok(st.level == LEVEL_NONE && st.judged_until == 0 && st.problem_since == 0 &&
           st.last_count == -1 && st.last_baseline == -1 && st.last_method == BASELINE_NONE,
       "a new state has judged nothing");
    crowd_default_params(&p);
    ok(p.ratio == 2.0 && p.notice_ratio == 1.5 && p.min_reports == 10 && p.duration_s == 1800 &&
           p.clear_s == 1800 && p.sigmas == 4,
       "default params");
}

int main(void)
{
    test_history_basics();
    test_history_alignment();
    test_history_bounded();
    test_baseline_rolling_source();
    test_baseline_daily();
    test_baseline_weekly();
    test_baseline_scale();
    test_baseline_scale_formula();
    test_baseline_spread_and_outage();
    spike_case(20, BS);
    spike_case(200, BS);
    spike_case(20, 300);
    spike_trials(20, 0.85);
    spike_trials(200, 1.0);
    test_noise();
    test_rhythm();
    test_hysteresis();
    test_gaps();
    test_small_counts();
    test_huge_counts();
    test_replay_limit();
    test_state_init();
    return tap_done();
}
