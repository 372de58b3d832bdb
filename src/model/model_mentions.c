/* Mentions in the model: public posts become counts of distinct authors per
 * five-minute bucket, one series per group of places the posts suggest
 * (a language, an instance's country, or nothing: ALL). The series then go
 * through the same detector as report counts (model_crowd.c).
 *
 * Posts arrive late (an instance hears of a remote post minutes after it
 * was written) and a cursor only promises each post once per instance, so
 * the last MENTION_OPEN_S of buckets stay open: their posts are kept (key,
 * author, bucket, group; never the text) and the buckets are counted again
 * at every answer. Older posts are forgotten, and a post for a bucket that
 * has closed is not counted. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/xalloc.h"

#define MENTION_BUCKET_S 300
#define MENTION_OPEN_S   (30 * 60)
/* How far back the first answer may date the start of the counts. */
#define MENTION_FIRST_S (24 * 3600)

struct tally_post {
    char *key, *author;
    time_t bucket;
    size_t group;
};

struct tally_group {
    char *key; /* "lang:fr", "site:JP", "any" */
    region_id regions[MENTION_MAX_REGIONS];
    size_t nregions;
    /* Counted before: a new group's buckets since the tally began are
     * known to be zero (every post since then was seen), so its first count
     * goes back that far and the baseline has its quiet past. */
    bool counted;
    struct snap_sample samples[SNAP_SAMPLES]; /* the latest posts, newest first */
    size_t nsamples;
};

struct mention_tally {
    struct tally_post *posts;
    size_t nposts;
    struct tally_group *groups;
    size_t ngroups;
    time_t first; /* the first bucket counted */
};

void mention_tally_free(struct mention_tally *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nposts; i++) {
        free(t->posts[i].key);
        free(t->posts[i].author);
    }
    free(t->posts);
    for (size_t i = 0; i < t->ngroups; i++) {
        free(t->groups[i].key);
        for (size_t k = 0; k < t->groups[i].nsamples; k++) {
            free(t->groups[i].samples[k].where);
            free(t->groups[i].samples[k].text);
        }
    }
    free(t->groups);
    free(t);
}

static size_t group_for(struct mention_tally *t, const char *key, const region_id *regions,
                        size_t n)
{
    struct tally_group *g;

    for (size_t i = 0; i < t->ngroups; i++) {
        if (strcmp(t->groups[i].key, key) == 0)
            return i;
    }
    t->groups = xreallocarray(t->groups, t->ngroups + 1, sizeof *t->groups);
    g = &t->groups[t->ngroups];
    memset(g, 0, sizeof *g);
    g->key = xstrdup(key);
    g->nregions = n;
    if (n)
        memcpy(g->regions, regions, n * sizeof *regions);
    if (n == 0) {
        g->regions[0] = region_all();
        g->nregions = 1;
    }
    return t->ngroups++;
}

/* The places a post suggests: its language, else its keyword's, else its
 * author's instance; none of them: anywhere. */
static size_t place_group(struct mention_tally *t, const struct mention *p, const char *kw_lang)
{
    region_id regions[MENTION_MAX_REGIONS];
    const char *lang = p->lang && *p->lang ? p->lang : kw_lang;
    size_t n = mention_lang_regions(lang, regions, MENTION_MAX_REGIONS);
    char *key;
    size_t g;

    if (n) {
        key = xasprintf("lang:%.*s", (int)strcspn(lang, "-_"), lang);
    } else {
        regions[0] = mention_instance_region(p->author);
        n = regions[0] != REGION_NONE;
        key = n ? xasprintf("site:%s", region_code(regions[0])) : xstrdup("any");
    }
    if (strncmp(key, "lang:", 5) == 0) {
        for (char *c = key + 5; *c; c++)
            *c = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
    }
    g = group_for(t, key, regions, n);
    free(key);
    return g;
}

static bool seen(const struct mention_tally *t, const char *key)
{
    for (size_t i = 0; i < t->nposts; i++) {
        if (strcmp(t->posts[i].key, key) == 0)
            return true;
    }
    return false;
}

/* Whether a post speaks of the service: a source with keywords needs one of
 * them; one without (a hashtag's own timeline) takes every post the stop
 * phrases leave. *lang is the matching keyword's language. */
static bool post_matches(const struct mention_rules *r, const struct mention *p, const char **lang)
{
    int k;

    *lang = NULL;
    if (p->bot || !p->text || !p->key || !p->author)
        return false;
    k = mention_match(r, p->text);
    if (k >= 0 && r->keywords[k].lang[0])
        *lang = r->keywords[k].lang;
    return k >= 0 || k == MENTION_ANY;
}

/* Keeps the post as the group's newest sample: its instance, not its
 * author, and the start of its text. */
#define SAMPLE_TEXT 280
static void add_sample(struct tally_group *g, const struct mention *p)
{
    const char *at = strrchr(p->author, '@');
    size_t n = strlen(p->text), k = 0;

    while (k < g->nsamples && g->samples[k].at >= p->at)
        k++; /* newest first, whatever order the posts come in */
    if (k == SNAP_SAMPLES)
        return;
    if (g->nsamples == SNAP_SAMPLES) {
        free(g->samples[SNAP_SAMPLES - 1].where);
        free(g->samples[SNAP_SAMPLES - 1].text);
        g->nsamples--;
    }
    memmove(&g->samples[k + 1], &g->samples[k], (g->nsamples - k) * sizeof *g->samples);
    if (n > SAMPLE_TEXT) {
        n = SAMPLE_TEXT;
        while (n > 0 && (p->text[n] & 0xC0) == 0x80)
            n--; /* not inside a character */
    }
    g->samples[k] = (struct snap_sample){
        .where = xstrdup(at && at[1] ? at + 1 : "?"),
        .text = xstrndup(p->text, n),
        .at = p->at,
    };
    g->nsamples++;
}

static void add_post(struct mention_tally *t, const struct mention *p, time_t bucket, size_t g)
{
    add_sample(&t->groups[g], p);
    t->posts = xreallocarray(t->posts, t->nposts + 1, sizeof *t->posts);
    t->posts[t->nposts++] = (struct tally_post){
        .key = xstrdup(p->key),
        .author = xstrdup(p->author),
        .bucket = bucket,
        .group = g,
    };
}

/* Distinct authors of group g in bucket b: a flood from one account is one. */
static long authors(const struct mention_tally *t, size_t g, time_t b)
{
    long n = 0;

    for (size_t i = 0; i < t->nposts; i++) {
        const struct tally_post *p = &t->posts[i];
        bool again = false;
        if (p->group != g || p->bucket != b)
            continue;
        for (size_t j = 0; j < i && !again; j++)
            again = t->posts[j].group == g && t->posts[j].bucket == b &&
                    strcmp(t->posts[j].author, p->author) == 0;
        n += !again;
    }
    return n;
}

static void forget_before(struct mention_tally *t, time_t oldest)
{
    size_t k = 0;

    for (size_t i = 0; i < t->nposts; i++) {
        if (t->posts[i].bucket >= oldest) {
            t->posts[k++] = t->posts[i];
            continue;
        }
        free(t->posts[i].key);
        free(t->posts[i].author);
    }
    t->nposts = k;
}

static void count_group(struct model *m, size_t svc, size_t src, struct mention_tally *t, size_t g,
                        time_t from, time_t current, time_t now)
{
    size_t n = (size_t)((current - from) / MENTION_BUCKET_S) + 1;
    struct report_series r = {
        .region_text = t->groups[g].key,
        .region = t->groups[g].regions[0],
        .bucket_s = MENTION_BUCKET_S,
        .start = from,
        .counts = xcalloc(n, sizeof(long)),
        .ncounts = n,
        .baseline_now = -1,
        .status = LEVEL_NONE,
    };

    for (size_t i = 0; i < n; i++)
        r.counts[i] = authors(t, g, from + (time_t)i * MENTION_BUCKET_S);
    crowd_ingest_mentions(m, svc, src, &r, t->groups[g].regions, t->groups[g].nregions,
                          t->groups[g].samples, t->groups[g].nsamples, now);
    free(r.counts);
}

static void count_groups(struct model *m, size_t svc, size_t src, struct mention_tally *t,
                         time_t from, time_t current, time_t now)
{
    time_t back = t->first < current - MENTION_FIRST_S ? current - MENTION_FIRST_S : t->first;

    for (size_t g = 0; g < t->ngroups; g++) {
        count_group(m, svc, src, t, g, t->groups[g].counted ? from : back, current, now);
        t->groups[g].counted = true;
    }
}

void mentions_ingest(struct model *m, size_t svc, size_t src, const struct evidence *ev, time_t now)
{
    struct source_state *s = &m->services[svc].sources[src];
    const struct mention_rules *rules = &s->conf->match;
    time_t current = now - now % MENTION_BUCKET_S, open = current - MENTION_OPEN_S, from;
    struct mention_tally *t = s->tally;
    bool first = !t;

    if (first && ev->nmentions == 0 && !s->conf->provider->mentions)
        return; /* not a source of posts */
    if (first) {
        t = s->tally = xcalloc(1, sizeof *t);
        t->first = current;
        /* A quiet answer is a count of zero for anywhere, not nothing. */
        group_for(t, "any", NULL, 0);
    }
    for (size_t i = 0; i < ev->nmentions; i++) {
        const struct mention *p = &ev->mentions[i];
        time_t b = p->at - p->at % MENTION_BUCKET_S;
        const char *lang;
        if (p->at <= 0 || b > current)
            continue; /* undated, or dated in the future */
        if (first && b < t->first && b >= current - MENTION_FIRST_S)
            t->first = b; /* the first answer dates the quiet before it */
        if (b < (first ? t->first : open) || !post_matches(rules, p, &lang) || seen(t, p->key))
            continue;
        add_post(t, p, b, place_group(t, p, lang));
    }
    from = first || t->first > open ? t->first : open;
    count_groups(m, svc, src, t, from, current, now);
    forget_before(t, open);
}
