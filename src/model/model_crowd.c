/* Crowd reports in the model: each report series of a source becomes a
 * track with its bucket history and detector state; tracks contribute to
 * cells like official evidence does, with their counts and baselines. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/xalloc.h"

/* Four weeks and a day: the weekly baseline then has four past weeks,
 * twice CROWD_MIN_WEEKS; about 22 KB per 15-minute series. */
#define TRACK_KEEP_S ((4 * 7L + 1) * 86400)

/* A snapshot's counts series covers a day, in at most this many buckets
 * (a day of one-minute ones). */
#define SERIES_S   86400L
#define SERIES_MAX 1440

static void samples_free(struct snap_sample *v, size_t *n)
{
    for (size_t i = 0; i < *n; i++) {
        free(v[i].where);
        free(v[i].text);
    }
    *n = 0;
}

static void samples_copy(struct snap_sample *dst, size_t *ndst, const struct snap_sample *src,
                         size_t n)
{
    for (size_t i = 0; i < n && i < SNAP_SAMPLES; i++) {
        dst[i].where = xstrdup(src[i].where);
        dst[i].text = xstrdup(src[i].text);
        dst[i].at = src[i].at;
    }
    *ndst = n < SNAP_SAMPLES ? n : SNAP_SAMPLES;
}

static void track_free(struct crowd_track *t)
{
    samples_free(t->samples, &t->nsamples);
    free(t->key);
    free(t->label);
    crowd_history_free(&t->counts);
    crowd_history_free(&t->base);
    crowd_history_free(&t->applied);
    for (size_t i = 0; i < t->ncats; i++)
        free(t->cats[i].name);
    free(t->cats);
}

void crowd_tracks_free(struct source_state *s)
{
    for (size_t i = 0; i < s->ntracks; i++)
        track_free(&s->tracks[i]);
    free(s->tracks);
    s->tracks = NULL;
    s->ntracks = 0;
}

/* The series' region: what the provider resolved, else the source's rules
 * (maps, regexes, its default region) on the source's name for it. */
static region_id series_region(const struct source_conf *conf, const struct report_series *r)
{
    if (r->region != REGION_NONE)
        return r->region;
    return region_rules_apply(conf->rules, r->region_text, r->region_text, NULL);
}

/* A series is known by its region and its label: one source may carry
 * several series for a country (two company pages on one site). */
static char *track_key(const struct report_series *r)
{
    return xasprintf("%s\x1f%s", r->region_text ? r->region_text : "", r->label ? r->label : "");
}

static struct crowd_track *track_by_key(struct source_state *s, const char *key)
{
    for (size_t i = 0; i < s->ntracks; i++) {
        if (strcmp(s->tracks[i].key, key) == 0)
            return &s->tracks[i];
    }
    return NULL;
}

/* A new track for key; region_text is the source's name for its region. */
static struct crowd_track *add_track(struct source_state *s, const char *key,
                                     const char *region_text, int bucket_s)
{
    struct report_series probe = {.region = REGION_NONE, .region_text = (char *)region_text};
    struct crowd_track *t;

    s->tracks = xreallocarray(s->tracks, s->ntracks + 1, sizeof *s->tracks);
    t = &s->tracks[s->ntracks++];
    memset(t, 0, sizeof *t);
    t->key = xstrdup(key);
    t->region = series_region(s->conf, &probe);
    crowd_history_init(&t->counts, bucket_s, TRACK_KEEP_S);
    crowd_history_init(&t->base, bucket_s, TRACK_KEEP_S);
    crowd_history_init(&t->applied, bucket_s, SERIES_S + 3600);
    crowd_state_init(&t->state);
    return t;
}

static struct crowd_track *find_track(struct source_state *s, const struct report_series *r)
{
    char *key = track_key(r);
    struct crowd_track *t = track_by_key(s, key);

    if (!t)
        t = add_track(s, key, r->region_text, r->bucket_s);
    if (r->region != REGION_NONE)
        t->region = r->region; /* the provider knows better than a restored guess */
    free(key);
    return t;
}

/* Copies the buckets of t before before into a track of s of the same key. */
static void seed_track(struct source_state *s, const struct crowd_track *t, time_t before)
{
    const struct crowd_history *h = &t->counts;
    time_t last = crowd_history_last(h);
    struct crowd_track *d;
    char *region_text;

    if (!h->start || h->start >= before)
        return;
    d = track_by_key(s, t->key);
    if (!d) {
        region_text = xstrndup(t->key, strcspn(t->key, "\x1f"));
        d = add_track(s, t->key, region_text, h->bucket_s);
        free(region_text);
    }
    if (d->counts.bucket_s != h->bucket_s)
        return;
    for (time_t b = h->start; b <= last && b < before; b += h->bucket_s) {
        long c = crowd_history_get(h, b), base = crowd_history_get(&t->base, b);
        if (c >= 0)
            crowd_history_put(&d->counts, b, c);
        if (base >= 0)
            crowd_history_put(&d->base, b, base);
    }
}

/* ---- the journal: counts taken in, for the store ---------------------- */

static void journal(struct model *m, size_t svc, size_t src, const struct crowd_track *t,
                    time_t bucket, long count, long baseline)
{
    if (!m->journal)
        return;
    if (m->nchanges == m->capchanges) {
        m->capchanges = m->capchanges ? m->capchanges * 2 : 64;
        m->changes = xreallocarray(m->changes, m->capchanges, sizeof *m->changes);
    }
    m->changes[m->nchanges++] = (struct count_change){
        .svc = svc,
        .src = src,
        .key = xstrdup(t->key),
        .bucket = bucket,
        .bucket_s = t->counts.bucket_s,
        .count = count,
        .baseline = baseline,
    };
}

void crowd_changes_free(struct model *m)
{
    for (size_t i = 0; i < m->nchanges; i++)
        free(m->changes[i].key);
    free(m->changes);
    m->changes = NULL;
    m->nchanges = m->capchanges = 0;
}

void model_journal(struct model *m, bool on)
{
    m->journal = on;
    if (!on)
        crowd_changes_free(m);
}

void model_take_counts(struct model *m, crowd_count_fn fn, void *ctx)
{
    for (size_t i = 0; i < m->nchanges; i++) {
        const struct count_change *c = &m->changes[i];
        const struct service_state *s = &m->services[c->svc];
        struct crowd_count out = {
            .service = s->conf->id,
            .source = s->sources[c->src].conf->id,
            .key = c->key,
            .bucket = c->bucket,
            .bucket_s = c->bucket_s,
            .count = c->count,
            .baseline = c->baseline,
        };
        fn(ctx, &out);
    }
    crowd_changes_free(m);
}

void model_crowd_restore(struct model *m, size_t svc, size_t src, const struct crowd_count *c)
{
    struct source_state *s;
    struct crowd_track *t;

    if (svc >= m->nservices || src >= m->services[svc].conf->nsources || c->bucket_s <= 0 ||
        86400 % c->bucket_s != 0 || c->count < 0)
        return;
    s = &m->services[svc].sources[src];
    t = track_by_key(s, c->key);
    if (!t) {
        char *region_text = xstrndup(c->key, strcspn(c->key, "\x1f"));
        t = add_track(s, c->key, region_text, c->bucket_s);
        free(region_text);
    }
    if (t->counts.bucket_s != c->bucket_s)
        return;
    crowd_history_put(&t->counts, c->bucket, c->count);
    if (c->baseline >= 0)
        crowd_history_put(&t->base, c->bucket, c->baseline);
}

/* The start of counts[0]: given, or counted back from the bucket in
 * progress at fetch time. */
static time_t series_start(const struct report_series *r, time_t now)
{
    time_t current = now - now % r->bucket_s;

    if (r->start)
        return r->start;
    return current - (time_t)(r->ncounts ? r->ncounts - 1 : 0) * r->bucket_s;
}

static void take_categories(struct crowd_track *t, struct report_series *r)
{
    if (!r->ncategories)
        return; /* keep the last known split */
    for (size_t i = 0; i < t->ncats; i++)
        free(t->cats[i].name);
    free(t->cats);
    t->cats = r->categories;
    t->ncats = r->ncategories;
    r->categories = NULL;
    r->ncategories = 0;
}

static void ingest_series(struct model *m, size_t svc, struct source_state *s,
                          struct report_series *r, time_t now)
{
    struct crowd_track *t;
    time_t start;

    if (r->bucket_s <= 0 || r->ncounts == 0)
        return;
    t = find_track(s, r);
    if (t->counts.bucket_s != r->bucket_s)
        return; /* a source that changes its bucket width mid-run: keep the first */
    start = series_start(r, now);
    for (size_t i = 0; i < r->ncounts; i++) {
        time_t b = start + (time_t)i * r->bucket_s;
        long base = r->baseline && r->baseline[i] >= 0 ? r->baseline[i] : -1;
        bool changed = crowd_history_get(&t->counts, b) != r->counts[i] ||
                       (base >= 0 && crowd_history_get(&t->base, b) != base);
        crowd_history_put(&t->counts, b, r->counts[i]);
        if (base >= 0)
            crowd_history_put(&t->base, b, base);
        if (changed && crowd_history_get(&t->counts, b) == r->counts[i])
            journal(m, svc, (size_t)(s - m->services[svc].sources), t, b, r->counts[i], base);
    }
    if (r->baseline_now >= 0)
        crowd_history_put(&t->base, now, r->baseline_now);
    free(t->label);
    t->label = xstrdup_or_null(r->label);
    t->status = r->status;
    t->updated = now;
    take_categories(t, r);
    crowd_update(&t->state, &t->counts, &t->base, now, &m->cfg->crowd);
}

void crowd_ingest_mentions(struct model *m, size_t svc, size_t src, struct report_series *r,
                           const region_id *regions, size_t n, const struct snap_sample *samples,
                           size_t nsamples, time_t now)
{
    struct source_state *s = &m->services[svc].sources[src];
    struct crowd_track *t;

    char *key = track_key(r);

    ingest_series(m, svc, s, r, now);
    t = track_by_key(s, key);
    free(key);
    if (!t)
        return;
    t->mentions = true;
    t->nalso = 0;
    for (size_t i = 1; i < n && t->nalso < MENTION_MAX_REGIONS; i++)
        t->also[t->nalso++] = regions[i];
    if (nsamples) { /* else keep the last ones seen */
        samples_free(t->samples, &t->nsamples);
        samples_copy(t->samples, &t->nsamples, samples, nsamples);
    }
}

void crowd_ingest(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now)
{
    struct source_state *s = &m->services[svc].sources[src];

    for (size_t i = 0; i < ev->nreports; i++)
        ingest_series(m, svc, s, &ev->reports[i], now);
}

static enum level track_level(const struct crowd_track *t)
{
    return level_worst(t->state.level, t->status);
}

/* When a track's shown level began: a problem from the start of the run
 * that confirmed it, reports rising from the rise. */
static time_t track_level_since(const struct crowd_track *t, enum level level)
{
    if (level_is_problem(level))
        return t->state.problem_since;
    return level_is_notable(level) ? t->state.rising_since : 0;
}

void crowd_contribs(const struct config *cfg, const struct source_state *s, time_t now,
                    struct contribs *cs)
{
    bool expired = source_expired(cfg, s, now);

    for (size_t i = 0; i < s->ntracks; i++) {
        const struct crowd_track *t = &s->tracks[i];
        bool old = now - t->updated > cfg->expire_age_s;
        enum level level = track_level(t);
        time_t since = track_level_since(t, level);
        if (!t->updated)
            continue; /* restored from history, not sent since */
        if (expired || old) {
            level = LEVEL_UNKNOWN;
            since = old ? t->updated + cfg->expire_age_s + 1 : source_expired_since(cfg, s);
        }
        for (size_t r = 0; r <= (t->mentions ? t->nalso : 0); r++) {
            region_id where = r ? t->also[r - 1] : t->region;
            struct contrib *k = contrib_add(cs, where, level, since,
                                            t->mentions ? EVIDENCE_MENTIONS : EVIDENCE_CROWD);
            if (!k)
                continue;
            k->age_s = (long)(now - t->updated);
            k->stale = s->failures > 0 || t->updated < s->last_success;
            k->reports = t->state.last_count;
            k->baseline = t->state.last_baseline;
            k->possible_only = t->mentions;
            k->secondary = r > 0;
            k->series = t;
        }
    }
}

/* The baseline bucket b was judged against, -1 when none. Cached: the
 * inputs of a past bucket's baseline (the counts before it, the source's
 * baseline for it) rarely change once it is complete, and working it out
 * again for every bucket of every snapshot would cost milliseconds. Buckets
 * older than the cache (time travel) are worked out each time. */
static long applied_baseline(struct crowd_track *t, time_t b)
{
    long v = crowd_history_get(&t->applied, b);
    struct baseline bl;

    if (v >= 0)
        return v - 1;
    crowd_baseline(&t->counts, &t->base, b, &bl);
    v = bl.method == BASELINE_NONE || bl.value < 0 ? 0 : (long)(bl.value + 0.5) + 1;
    crowd_history_put(&t->applied, b, v);
    return v - 1;
}

/* o's counts and baselines: a day of buckets ending with o->bucket_start. */
static void snap_series(struct snap_crowd *o, struct crowd_track *t)
{
    size_t n;

    if (!o->bucket_start || o->bucket_s <= 0)
        return;
    n = (size_t)(SERIES_S / o->bucket_s);
    n = n < 1 ? 1 : n > SERIES_MAX ? SERIES_MAX : n;
    o->counts = xcalloc(n, sizeof *o->counts);
    o->baselines = xcalloc(n, sizeof *o->baselines);
    o->ncounts = n;
    for (size_t i = 0; i < n; i++) {
        time_t b = o->bucket_start - (time_t)(n - 1 - i) * o->bucket_s;
        o->counts[i] = b >= 0 ? crowd_history_get(&t->counts, b) : -1;
        o->baselines[i] = b >= 0 ? applied_baseline(t, b) : -1;
    }
    /* The last one is the detector's own, exactly. */
    o->baselines[n - 1] = o->baseline;
}

static void snap_track(struct snap_crowd *o, struct crowd_track *t, const struct source_state *s)
{
    o->source = xstrdup(s->conf->id);
    o->key = xstrndup(t->key, strcspn(t->key, "\x1f"));
    o->label = xstrdup_or_null(t->label);
    o->region = t->region;
    o->mentions = t->mentions;
    samples_copy(o->samples, &o->nsamples, t->samples, t->nsamples);
    o->level = track_level(t);
    o->detector_level = t->state.level;
    o->source_status = t->status;
    o->count = t->state.last_count;
    o->baseline = t->state.last_baseline < 0 ? -1 : (long)(t->state.last_baseline + 0.5);
    o->method = t->state.last_method;
    o->bucket_s = t->counts.bucket_s;
    o->bucket_start = t->state.judged_until ? t->state.judged_until - o->bucket_s : 0;
    o->problem_since = t->state.problem_since;
    o->rising_since = t->state.rising_since;
    o->stale = t->updated < s->last_success;
    o->categories = xcalloc(t->ncats, sizeof *o->categories);
    o->shares = xcalloc(t->ncats, sizeof *o->shares);
    o->ncategories = t->ncats;
    for (size_t i = 0; i < t->ncats; i++) {
        o->categories[i] = xstrdup(t->cats[i].name);
        o->shares[i] = t->cats[i].share;
    }
    snap_series(o, t);
}

void snap_crowd_fill(struct snap_service *o, struct service_state *s)
{
    size_t n = 0;

    for (size_t j = 0; j < s->conf->nsources; j++)
        n += s->sources[j].ntracks;
    if (!n)
        return;
    o->crowd = xcalloc(n, sizeof *o->crowd);
    for (size_t j = 0; j < s->conf->nsources; j++) {
        struct source_state *src = &s->sources[j];
        for (size_t i = 0; i < src->ntracks; i++) {
            if (!src->tracks[i].updated)
                continue;
            snap_track(&o->crowd[o->ncrowd++], &src->tracks[i], src);
        }
    }
}

void model_seed_crowd(struct model *dst, const struct model *src, time_t before)
{
    for (size_t i = 0; i < src->nservices && i < dst->nservices; i++) {
        const struct service_state *s = &src->services[i];
        for (size_t j = 0; j < s->conf->nsources; j++) {
            const struct source_state *from = &s->sources[j];
            for (size_t k = 0; k < from->ntracks; k++)
                seed_track(&dst->services[i].sources[j], &from->tracks[k], before);
        }
    }
}
