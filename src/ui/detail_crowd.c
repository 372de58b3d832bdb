/* The detail pane's crowd section (see detail_internal.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "detail_internal.h"
#include "ui_internal.h"

/* ---- crowd ----------------------------------------------------------------- */

static bool crowd_wanted(const struct detail *d, const struct snap_crowd *c)
{
    if (d->symptom)
        return dl_has_category(c, d->symptom);
    return d->column == REGION_NONE || region_overlaps(d->column, c->region);
}

/* Problems first, worst first, then the most reports. */
static int crowd_order(const void *a, const void *b)
{
    const struct snap_crowd *x = *(const struct snap_crowd *const *)a;
    const struct snap_crowd *y = *(const struct snap_crowd *const *)b;

    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    return (x->count < y->count) - (x->count > y->count);
}

static bool several_crowd_sources(const struct snap_service *s)
{
    for (size_t i = 1; i < s->ncrowd; i++) {
        if (!dl_same_text(s->crowd[i].source, s->crowd[0].source))
            return true;
    }
    return false;
}

static void crowd_numbers(struct detail *d, const struct snap_crowd *c)
{
    const char *code = region_code(c->region);
    const char *what = c->mentions ? "mentions" : "reports";

    if (*code) {
        buf_printf(&d->b, "%-3s ", code);
    } else {
        dl_put_clean(d, c->key, SHORT_COLS);
        buf_putc(&d->b, ' ');
    }
    if (c->mentions) {
        /* what suggests the place: a language, an instance, nothing */
        buf_putc(&d->b, '(');
        dl_put_clean(d, c->key, SHORT_COLS);
        buf_puts(&d->b, ", possible) ");
    }
    if (c->count < 0)
        buf_puts(&d->b, "no complete bucket yet");
    else if (c->baseline > 0)
        buf_printf(&d->b, "%ld %s vs %ld normal (%.1f%s)", c->count, what, c->baseline,
                   (double)c->count / (double)c->baseline, d->ascii ? "x" : "\xc3\x97");
    else
        buf_printf(&d->b, "%ld %s, no baseline yet", c->count, what);
    if (c->source_status != LEVEL_NONE)
        buf_printf(&d->b, ", source says %s", level_name(c->source_status));
    if (level_is_problem(c->level)) {
        buf_printf(&d->b, "%s%s", dl_sep(d), level_name(c->level));
        if (c->problem_since) {
            buf_puts(&d->b, " since ");
            dl_put_clock(d, c->problem_since);
        }
    } else if (c->level == LEVEL_NOTICE && c->rising_since) {
        buf_printf(&d->b, "%srising since ", dl_sep(d));
        dl_put_clock(d, c->rising_since);
        buf_puts(&d->b, ", not yet a problem");
    }
    if (d->column != REGION_NONE && !region_contains(d->column, c->region))
        buf_printf(&d->b, "%scovers more than %s", dl_sep(d), region_code(d->column));
    if (several_crowd_sources(d->s)) {
        buf_printf(&d->b, "%svia ", dl_sep(d));
        dl_put_clean(d, c->source, SHORT_COLS);
    }
    if (c->stale)
        buf_puts(&d->b, " (stale: not in the source's latest answer)");
}

/* How far above normal a bucket was, as one of 8 heights: by the multiple
 * of the baseline when there is one (an outage is a multiple of normal; up
 * to 1.25 times is noise), else against the largest count shown. */
static int spark_height(long count, long baseline, long max)
{
    static const double steps[] = {1.25, 1.5, 2, 4, 8, 16, 32};

    if (baseline > 0) {
        double ratio = (double)count / (double)baseline;
        int h = 0;
        while (h < 7 && ratio > steps[h])
            h++;
        return h;
    }
    return max > 0 ? (int)(count * 7 / max) : 0;
}

/* "  last 12 h", "  last 45 min": what the sparkline spans. */
static void span_label(char *out, size_t outlen, long seconds)
{
    char span[32];

    if (seconds >= 3600 && seconds % 3600 == 0)
        snprintf(out, outlen, "  last %ld h", seconds / 3600);
    else if (seconds % 60 == 0)
        snprintf(out, outlen, "  last %ld min", seconds / 60);
    else {
        time_format_duration(seconds, span, sizeof span);
        snprintf(out, outlen, "  last %s", span);
    }
}

static void crowd_spark(struct detail *d, const struct snap_crowd *c, enum style_role role)
{
    static const char *const utf8[8] = {
        "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
        "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
    }; /* ▁ to █ */
    static const char *const plain[8] = {"_", ".", ":", "-", "=", "+", "*", "#"};
    const int indent = 5;
    char label[48];
    long max = 0;

    if (!c->counts || c->ncounts == 0 || c->bucket_s <= 0)
        return;
    int room = d->width - indent;
    int n = (int)(c->ncounts < SPARK_MAX ? c->ncounts : SPARK_MAX);
    span_label(label, sizeof label, (long)n * c->bucket_s);
    if (n + (int)strlen(label) > room) {
        n = room - (int)strlen(label);
        span_label(label, sizeof label, (long)n * c->bucket_s);
    }
    if (n < MIN_TEXT_COLS) { /* too narrow for a label: the bars alone */
        n = room < (int)c->ncounts ? room : (int)c->ncounts;
        label[0] = '\0';
    }
    if (n <= 0)
        return;
    size_t first = c->ncounts - (size_t)n;
    for (size_t i = first; i < c->ncounts; i++)
        max = c->counts[i] > max ? c->counts[i] : max;
    for (size_t i = first; i < c->ncounts; i++) {
        long base = c->baselines ? c->baselines[i] : -1;
        if (c->counts[i] < 0)
            buf_putc(&d->b, ' ');
        else
            buf_puts(&d->b, (d->ascii ? plain : utf8)[spark_height(c->counts[i], base, max)]);
    }
    buf_puts(&d->b, label);
    dl_add_line(d, role, 0, indent, indent, true);
}

/* "peak 200 at 11:45 UTC (12:45 CET) · Login 52%, Calls 31%" */
static void crowd_more(struct detail *d, const struct snap_crowd *c)
{
    /* A calm series' peak is noise. */
    if (level_is_problem(c->level) && c->counts && c->ncounts > 0 && c->bucket_s > 0) {
        size_t peak = 0;
        for (size_t i = 1; i < c->ncounts; i++)
            peak = c->counts[i] > c->counts[peak] ? i : peak;
        if (c->counts[peak] > 0) {
            time_t at = c->bucket_start - (time_t)(c->ncounts - 1 - peak) * c->bucket_s;
            buf_printf(&d->b, "peak %ld at ", c->counts[peak]);
            dl_put_clock(d, at);
        }
    }
    for (size_t i = 0; i < c->ncategories && i < CATS_MAX; i++) {
        if (i == 0)
            dl_put_sep(d);
        else
            buf_puts(&d->b, ", ");
        dl_put_clean(d, c->categories[i], SHORT_COLS);
        buf_printf(&d->b, " %.0f%%", c->shares[i] * 100);
    }
    if (d->b.len)
        dl_add(d, ROLE_DIM, 0, 5, 5);
}

static void crowd_series(struct detail *d, const struct snap_crowd *c)
{
    bool problem = level_is_problem(c->level);
    enum style_role role = problem ? style_mark_role(c->level) : ROLE_TEXT;

    crowd_numbers(d, c);
    dl_add(d, role, problem ? ATTR_BOLD : 0, 1, 5);
    crowd_spark(d, c, problem ? role : ROLE_DIM);
    crowd_more(d, c);
    for (size_t i = 0; i < c->nsamples; i++) { /* what is being counted, as posted */
        snap_sample_describe(&c->samples[i], d->san, 100, &d->b);
        dl_add(d, ROLE_DIM, 0, 3, 5);
    }
}

static bool has_crowd_source(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (!s->sources[i].official)
            return true;
    }
    return false;
}

/* Mentions are not reports, and the title says which the section holds. */
static const char *crowd_title(const struct snap_service *s)
{
    bool reports = false, mentions = false;

    for (size_t i = 0; i < s->ncrowd; i++) {
        mentions |= s->crowd[i].mentions;
        reports |= !s->crowd[i].mentions;
    }
    return mentions && reports ? "Crowd reports and mentions"
           : mentions          ? "Crowd mentions (public posts)"
                               : "Crowd reports";
}

void detail_crowd(struct detail *d)
{
    const struct snap_service *s = d->s;
    const struct snap_crowd **pick;
    size_t n = 0;

    if (s->ncrowd == 0 && !has_crowd_source(s))
        return; /* an official page alone: nothing to say here */
    dl_section(d, crowd_title(s));
    pick = xcalloc(s->ncrowd + 1, sizeof *pick);
    for (size_t i = 0; i < s->ncrowd; i++) {
        if (crowd_wanted(d, &s->crowd[i]))
            pick[n++] = &s->crowd[i];
    }
    qsort(pick, n, sizeof *pick, crowd_order);
    /* The service's lead and shared cause, unless the column has no part
     * in them. */
    if (n > 0 && snap_lead_describe(s, d->now, &d->b))
        dl_add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
    if (n > 0 && snap_shared_describe(s, d->san, &d->b))
        dl_add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
    if (n > 0 && s->network_hint) {
        dl_put_clean(d, s->network_hint, 0);
        dl_add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
    }
    for (size_t i = 0; i < n; i++)
        crowd_series(d, pick[i]);
    free(pick);
    if (s->ncrowd == 0)
        buf_puts(&d->b, "no reports read yet");
    else if (n == 0 && d->symptom)
        buf_puts(&d->b, "no series reports this problem");
    else if (n == 0)
        buf_printf(&d->b, "none about %s (%zu series elsewhere)", region_code(d->column),
                   s->ncrowd);
    if (d->b.len)
        dl_add(d, ROLE_DIM, 0, 1, 3);
}
