/* Charts from the stored history, for `sitrep export --format svg|html`:
 * a service's crowd counts with the baseline the detector would have
 * used for each bucket (hour of week, time of day, the source's own, or a
 * rolling median: crowd.h), its official statements, and the stored
 * level of each column, over a window up to now. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "sitrep/chart.h"
#include "sitrep/crowd.h"
#include "sitrep/store.h"
#include "sitrep/xalloc.h"

/* Crowd history read before the window, so the first buckets of it have
 * the weeks a baseline wants (as the live detector keeps them). */
#define LOOKBACK_S (29 * 86400L)
#define KEEP_S     (30 * 86400L)

struct acc_series {
    char *source, *key;
    struct crowd_history counts, base;
};

struct acc_sample {
    char region[16];
    time_t bucket;
    int bucket_s;
    enum level level;
};

struct acc {
    struct chart *c;
    struct acc_series *v;
    size_t n;
    struct acc_sample *samples; /* the strips are drawn once the window is known */
    size_t nsamples;
    int step_s;    /* of the level strips */
    time_t latest; /* the end of the newest thing stored */
};

static void seen(struct acc *a, time_t end)
{
    if (end > a->latest)
        a->latest = end;
}

static struct acc_series *series_for(struct acc *a, const struct store_crowd *c)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->v[i].source, c->source) == 0 && strcmp(a->v[i].key, c->key) == 0)
            return a->v[i].counts.bucket_s == c->bucket_s ? &a->v[i] : NULL;
    }
    if (c->bucket_s <= 0 || 86400 % c->bucket_s)
        return NULL;
    a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
    struct acc_series *s = &a->v[a->n++];
    s->source = xstrdup(c->source);
    s->key = xstrdup(c->key);
    crowd_history_init(&s->counts, c->bucket_s, KEEP_S);
    crowd_history_init(&s->base, c->bucket_s, KEEP_S);
    return s;
}

static bool on_crowd(void *ctx, const struct store_crowd *c)
{
    struct acc_series *s = series_for(ctx, c);

    seen(ctx, c->bucket + c->bucket_s);
    if (s) {
        crowd_history_put(&s->counts, c->bucket, c->count);
        if (c->baseline >= 0)
            crowd_history_put(&s->base, c->bucket, c->baseline);
    }
    return true;
}

/* The window's buckets of one series, with the baseline of each. */
static void add_series(struct chart *c, const struct acc_series *s)
{
    int w = s->counts.bucket_s;
    time_t first = c->from - c->from % w, last = crowd_history_last(&s->counts);
    size_t n = (size_t)((c->to - first) / w + 1);
    struct chart_series *o;

    c->series = xreallocarray(c->series, c->nseries + 1, sizeof *c->series);
    o = &c->series[c->nseries++];
    o->label = xstrndup(s->key, strcspn(s->key, "\x1f"));
    o->bucket_s = w;
    o->start = first;
    o->n = n;
    o->counts = xcalloc(n, sizeof *o->counts);
    o->baselines = xcalloc(n, sizeof *o->baselines);
    for (size_t i = 0; i < n; i++) {
        time_t t = first + (time_t)i * w;
        struct baseline b;
        o->counts[i] = crowd_history_get(&s->counts, t);
        /* no "normal" drawn past the counts: nothing was measured there */
        o->baselines[i] = t <= last && crowd_baseline(&s->counts, &s->base, t, &b) && b.value >= 0
                              ? (long)(b.value + 0.5)
                              : -1;
    }
}

static bool on_statement(void *ctx, const struct store_statement *s)
{
    struct chart *c = ((struct acc *)ctx)->c;

    seen(ctx, s->at);
    c->markers = xreallocarray(c->markers, c->nmarkers + 1, sizeof *c->markers);
    c->markers[c->nmarkers++] = (struct chart_marker){
        .at = s->at,
        .status = xstrdup(s->status ? s->status : ""),
        .title = xstrdup(s->title ? s->title : ""),
        .body = xstrdup(s->body ? s->body : ""),
    };
    return true;
}

static struct chart_strip *strip_for(struct acc *a, const char *region)
{
    struct chart *c = a->c;

    for (size_t i = 0; i < c->nstrips; i++) {
        if (strcmp(c->strips[i].label, region) == 0)
            return &c->strips[i];
    }
    c->strips = xreallocarray(c->strips, c->nstrips + 1, sizeof *c->strips);
    struct chart_strip *st = &c->strips[c->nstrips++];
    st->label = xstrdup(region);
    st->start = c->from - c->from % a->step_s;
    st->step_s = a->step_s;
    st->n = (size_t)((c->to - st->start) / a->step_s + 1);
    st->levels = xcalloc(st->n, 1);
    return st;
}

static bool on_sample(void *ctx, const struct store_sample *s, int bucket_s)
{
    struct acc *a = ctx;

    seen(a, s->bucket + bucket_s);
    if (strcmp(s->region, "*") == 0 || strlen(s->region) >= sizeof a->samples[0].region)
        return true; /* the columns say where */
    a->samples = xreallocarray(a->samples, a->nsamples + 1, sizeof *a->samples);
    struct acc_sample *k = &a->samples[a->nsamples++];
    snprintf(k->region, sizeof k->region, "%s", s->region);
    k->bucket = s->bucket;
    k->bucket_s = bucket_s;
    k->level = s->level;
    return true;
}

/* Each stored sample into its column's strip, worst level per step. */
static void add_strips(struct acc *a)
{
    for (size_t i = 0; i < a->nsamples; i++) {
        const struct acc_sample *s = &a->samples[i];
        struct chart_strip *st = strip_for(a, s->region);
        for (time_t t = s->bucket; t < s->bucket + s->bucket_s; t += st->step_s) {
            if (t < st->start)
                continue;
            size_t k = (size_t)((t - st->start) / st->step_s);
            if (k < st->n)
                st->levels[k] = (unsigned char)level_worst((enum level)st->levels[k], s->level);
        }
    }
}

int history_chart(struct store *st, const char *service, const char *name, time_t from, time_t to,
                  struct chart *c, char *err, size_t errlen)
{
    struct acc a = {.c = c};
    int rc;

    memset(c, 0, sizeof *c);
    c->title = xstrdup(name ? name : service);
    c->from = from;
    c->to = to;
    rc = store_read_crowd(st, service, NULL, from - LOOKBACK_S, on_crowd, &a, err, errlen);
    if (rc == 0)
        rc = store_read_statements(st, service, from, to + 1, on_statement, &a, err, errlen);
    if (rc == 0)
        rc = store_read_samples(st, service, NULL, from - from % 3600, to + 1, on_sample, &a, err,
                                errlen);
    /* The window ends with what is stored: a week-old incident's chart is
     * not a week of empty axis. */
    if (a.latest > from && a.latest < to)
        c->to = a.latest;
    a.step_s = c->to - c->from > 2 * 86400 ? 3600 : 300;
    add_strips(&a);
    free(a.samples);
    for (size_t i = 0; i < a.n; i++) {
        if (rc == 0)
            add_series(c, &a.v[i]);
        free(a.v[i].source);
        free(a.v[i].key);
        crowd_history_free(&a.v[i].counts);
        crowd_history_free(&a.v[i].base);
    }
    free(a.v);
    return rc;
}
