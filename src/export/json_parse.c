/* The full JSON snapshot read back (export.h): what a viewer of sitrep
 * serve draws from. The input is remote: every member is checked for its
 * type, every array and string is bounded, levels, regions and names must
 * be ones this sitrep knows, and nothing of the input is quoted in an
 * error. Members the reader does not know are ignored (a newer server may
 * add some); members it needs and cannot read make the whole document
 * fail, so a viewer never draws half a snapshot as if it were whole. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/export.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define MAX_SERVICES 100000
#define MAX_COLUMNS  64
#define MAX_ITEMS    100000 /* per array: components, incidents, updates ... */
#define MAX_HIST     4096
#define MAX_TEXT     (256 * 1024)

struct rd {
    char *err;
    size_t errlen;
    bool failed;
    const char *where; /* the member being read, for the message */
};

__attribute__((format(printf, 2, 3))) static void fail(struct rd *r, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (r->failed)
        return;
    r->failed = true;
    n = snprintf(r->err, r->errlen, "%s: ", r->where ? r->where : "snapshot");
    if (n < 0 || (size_t)n >= r->errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* A member that may be absent or null (NULL then); of the given type
 * otherwise, or the read fails. */
static json_t *member(struct rd *r, const json_t *obj, const char *key, json_type type)
{
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return NULL;
    if (json_typeof(v) != type) {
        fail(r, "'%s' has the wrong type", key);
        return NULL;
    }
    return v;
}

static char *text(struct rd *r, const json_t *obj, const char *key)
{
    json_t *v = member(r, obj, key, JSON_STRING);

    if (!v)
        return NULL;
    if (json_string_length(v) > MAX_TEXT || strlen(json_string_value(v)) != json_string_length(v)) {
        fail(r, "'%s' is too long or holds a NUL", key);
        return NULL;
    }
    return xstrdup(json_string_value(v));
}

/* A text that must be there. */
static char *need_text(struct rd *r, const json_t *obj, const char *key)
{
    char *s = text(r, obj, key);

    if (!s && !r->failed)
        fail(r, "'%s' is missing", key);
    return s;
}

static const char *word(struct rd *r, const json_t *obj, const char *key)
{
    json_t *v = member(r, obj, key, JSON_STRING);

    return v ? json_string_value(v) : NULL;
}

static time_t when(struct rd *r, const json_t *obj, const char *key)
{
    const char *s = word(r, obj, key);
    time_t t;

    if (!s)
        return 0;
    /* after 1970 and before the year 10000: what sitrep writes */
    if (!time_parse_iso8601(s, &t) || t <= 0 || t > (time_t)253402300799LL) {
        fail(r, "'%s' is not an ISO 8601 time", key);
        return 0;
    }
    return t;
}

static bool flag(struct rd *r, const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return false;
    if (!json_is_boolean(v)) {
        fail(r, "'%s' is not true or false", key);
        return false;
    }
    return json_is_true(v);
}

/* A count: null for none (-1). */
static long count(struct rd *r, const json_t *obj, const char *key)
{
    json_t *v = member(r, obj, key, JSON_INTEGER);

    if (!v)
        return -1;
    if (json_integer_value(v) < -1 || json_integer_value(v) > 1000000000000LL) {
        fail(r, "'%s' is out of range", key);
        return -1;
    }
    return (long)json_integer_value(v);
}

static enum level level_of(struct rd *r, const json_t *obj, const char *key)
{
    const char *s = word(r, obj, key);
    enum level l;

    if (!s)
        return LEVEL_NONE;
    if (!level_from_name(s, &l)) {
        fail(r, "'%s' is not a level", key);
        return LEVEL_NONE;
    }
    return l;
}

/* A region this sitrep knows; "" and null are none. A code it does not
 * know (a newer server's) reads as none. */
static region_id region_of(const char *code)
{
    return code && *code ? region_find(code) : REGION_NONE;
}

static json_t *array(struct rd *r, const json_t *obj, const char *key, size_t *n)
{
    json_t *a = member(r, obj, key, JSON_ARRAY);

    *n = a ? json_array_size(a) : 0;
    if (*n > MAX_ITEMS) {
        fail(r, "'%s' has too many items", key);
        *n = 0;
        return NULL;
    }
    return a;
}

/* An array of strings (components, names). */
static char **texts(struct rd *r, const json_t *obj, const char *key, size_t *n)
{
    json_t *a = array(r, obj, key, n);
    char **v;

    if (!a || *n == 0)
        return NULL;
    v = xcalloc(*n, sizeof *v);
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_array_get(a, i);
        if (!json_is_string(s) || strlen(json_string_value(s)) != json_string_length(s) ||
            json_string_length(s) > MAX_TEXT) {
            fail(r, "'%s' holds something other than text", key);
            v[i] = xstrdup("");
        } else {
            v[i] = xstrdup(json_string_value(s));
        }
    }
    return v;
}

static region_id *regions(struct rd *r, const json_t *obj, const char *key, size_t *n)
{
    json_t *a = array(r, obj, key, n);
    region_id *v;
    size_t k = 0;

    if (!a || *n == 0)
        return NULL;
    v = xcalloc(*n, sizeof *v);
    for (size_t i = 0; i < *n; i++) {
        json_t *s = json_array_get(a, i);
        region_id id = json_is_string(s) ? region_of(json_string_value(s)) : REGION_NONE;
        if (!json_is_string(s))
            fail(r, "'%s' holds something other than region codes", key);
        else if (id != REGION_NONE)
            v[k++] = id;
    }
    *n = k;
    return v;
}

/* A sparkline: one level letter a bucket, n of them. */
static unsigned char *hist(struct rd *r, const json_t *obj, const char *key, size_t n)
{
    const char *s = word(r, obj, key);
    unsigned char *v;

    if (!s || n == 0)
        return NULL;
    if (strlen(s) != n) {
        fail(r, "'%s' does not have one letter a history point", key);
        return NULL;
    }
    v = xmalloc(n);
    for (size_t i = 0; i < n; i++) {
        enum level l = LEVEL_COUNT;
        for (int k = 0; k < LEVEL_COUNT; k++) {
            if (level_letter((enum level)k) == s[i])
                l = (enum level)k;
        }
        if (l == LEVEL_COUNT) {
            fail(r, "'%s' holds a letter that is no level", key);
            l = LEVEL_NONE;
        }
        v[i] = (unsigned char)l;
    }
    return v;
}

static long *counts(struct rd *r, const json_t *obj, const char *key, size_t *n)
{
    json_t *a = array(r, obj, key, n);
    long *v;

    if (!a || *n == 0)
        return NULL;
    v = xcalloc(*n, sizeof *v);
    for (size_t i = 0; i < *n; i++) {
        json_t *c = json_array_get(a, i);
        if (json_is_null(c))
            v[i] = -1;
        else if (json_is_integer(c) && json_integer_value(c) >= 0 &&
                 json_integer_value(c) <= 1000000000000LL)
            v[i] = (long)json_integer_value(c);
        else {
            fail(r, "'%s' holds something other than counts", key);
            v[i] = -1;
        }
    }
    return v;
}

static unsigned evidence_of(struct rd *r, const json_t *obj, const char *key)
{
    const char *s = word(r, obj, key);

    for (unsigned k = 0; s && k <= (EVIDENCE_BOTH | EVIDENCE_MENTIONS); k++) {
        if (strcmp(evidence_kind_name(k), s) == 0)
            return k;
    }
    if (s)
        fail(r, "'%s' is not a kind of evidence", key);
    return EVIDENCE_NONE;
}

static void read_cell(struct rd *r, const json_t *j, const struct snap_service *s, size_t nhist,
                      struct snap_cell *c)
{
    const char *unknown;

    c->level = level_of(r, j, "level");
    c->possible = flag(r, j, "possible");
    c->certain = level_of(r, j, "certain_level");
    c->stale = flag(r, j, "stale");
    c->evidence = evidence_of(r, j, "evidence");
    c->reports = count(r, j, "reports");
    c->baseline = count(r, j, "baseline");
    c->mentions = count(r, j, "mentions");
    c->mentions_baseline = count(r, j, "mentions_baseline");
    c->age_s = count(r, j, "age_s");
    c->since = when(r, j, "since");
    c->possible_region = region_of(word(r, j, "possible_region"));
    c->pending = flag(r, j, "pending");
    c->hist = hist(r, j, "hist", nhist);
    c->unknown_src = -1;
    unknown = word(r, j, "unknown_source");
    for (size_t i = 0; unknown && i < s->nsources; i++) {
        if (s->sources[i].id && strcmp(s->sources[i].id, unknown) == 0)
            c->unknown_src = (int)i;
    }
}

static void read_update(struct rd *r, const json_t *j, struct snap_update *u)
{
    u->at = when(r, j, "at");
    u->status = text(r, j, "status");
    u->body = text(r, j, "body");
}

static void read_incident(struct rd *r, const json_t *j, struct snap_incident *inc)
{
    json_t *a;
    size_t n;

    inc->source = need_text(r, j, "source");
    inc->id = need_text(r, j, "id");
    inc->title = text(r, j, "title");
    inc->status = text(r, j, "status");
    inc->impact = text(r, j, "impact");
    inc->url = text(r, j, "url");
    inc->level = level_of(r, j, "level");
    inc->open = flag(r, j, "open");
    inc->maintenance = flag(r, j, "maintenance");
    inc->upcoming = flag(r, j, "upcoming");
    inc->inferred_end = flag(r, j, "inferred_end");
    inc->started_at = when(r, j, "started_at");
    inc->updated_at = when(r, j, "updated_at");
    inc->resolved_at = when(r, j, "resolved_at");
    inc->scheduled_for = when(r, j, "scheduled_for");
    inc->scheduled_until = when(r, j, "scheduled_until");
    inc->components = texts(r, j, "components", &inc->ncomponents);
    inc->regions = regions(r, j, "regions", &inc->nregions);
    a = array(r, j, "updates", &n);
    if (a && n) {
        inc->updates = xcalloc(n, sizeof *inc->updates);
        inc->nupdates = n;
        for (size_t i = 0; i < n; i++) {
            json_t *u = json_array_get(a, i);
            if (!json_is_object(u))
                fail(r, "an update is not an object");
            else
                read_update(r, u, &inc->updates[i]);
        }
    }
}

static enum source_health health_of(struct rd *r, const json_t *obj)
{
    const char *s = word(r, obj, "health");

    for (int k = HEALTH_PENDING; s && k <= HEALTH_BACKING_OFF; k++) {
        if (strcmp(source_health_name((enum source_health)k), s) == 0)
            return (enum source_health)k;
    }
    if (s)
        fail(r, "'health' is not a source's health");
    return HEALTH_PENDING;
}

static void read_source(struct rd *r, const json_t *j, struct snap_source *src)
{
    long status;

    src->id = need_text(r, j, "id");
    src->format = need_text(r, j, "format");
    src->url = text(r, j, "url");
    src->host = text(r, j, "host");
    src->official = flag(r, j, "official");
    src->page_name = text(r, j, "page_name");
    src->ok = flag(r, j, "ok");
    src->has_data = flag(r, j, "has_data");
    src->stale = flag(r, j, "stale");
    src->expired = flag(r, j, "expired");
    src->level = level_of(r, j, "level");
    src->last_attempt = when(r, j, "last_attempt");
    src->last_success = when(r, j, "last_success");
    src->failing_since = when(r, j, "failing_since");
    src->age_s = count(r, j, "age_s");
    src->failures = (int)(count(r, j, "failures") < 0 ? 0 : count(r, j, "failures") % 1000000);
    src->error = text(r, j, "error");
    src->health = health_of(r, j);
    src->next_poll = when(r, j, "next_poll");
    src->backoff_until = when(r, j, "backoff_until");
    status = count(r, j, "http_status");
    src->http_status = status < 0 ? 0 : status;
    src->elapsed_ms = count(r, j, "elapsed_ms");
}

static void read_component(struct rd *r, const json_t *j, struct snap_component *c)
{
    c->source = need_text(r, j, "source");
    c->id = need_text(r, j, "id");
    c->name = text(r, j, "name");
    c->group = text(r, j, "group");
    c->level = level_of(r, j, "level");
    c->region = region_of(word(r, j, "region"));
    c->is_group = flag(r, j, "group_component");
    c->updated_at = when(r, j, "updated_at");
    if (!c->name && !r->failed)
        c->name = xstrdup("");
}

static enum baseline_method method_of(struct rd *r, const json_t *obj)
{
    const char *s = word(r, obj, "baseline_method");

    for (int k = BASELINE_NONE; s && k <= BASELINE_WEEKLY; k++) {
        if (strcmp(baseline_method_name((enum baseline_method)k), s) == 0)
            return (enum baseline_method)k;
    }
    if (s)
        fail(r, "'baseline_method' is not a method");
    return BASELINE_NONE;
}

static void read_crowd(struct rd *r, const json_t *j, struct snap_crowd *c)
{
    json_t *cats;
    size_t n, nb;
    long bucket;

    c->source = need_text(r, j, "source");
    c->key = need_text(r, j, "key");
    c->label = text(r, j, "label");
    c->region = region_of(word(r, j, "region"));
    c->level = level_of(r, j, "level");
    c->detector_level = level_of(r, j, "detector_level");
    c->source_status = level_of(r, j, "source_status");
    /* "kind" came with mentions; a server from before sends reports only */
    c->mentions = word(r, j, "kind") && strcmp(word(r, j, "kind"), "mentions") == 0;
    c->count = count(r, j, c->mentions ? "mentions" : "reports");
    c->baseline = count(r, j, "baseline");
    c->method = method_of(r, j);
    c->bucket_start = when(r, j, "bucket_start");
    bucket = count(r, j, "bucket_s");
    c->bucket_s = bucket > 0 && bucket <= 86400 ? (int)bucket : 0;
    c->problem_since = when(r, j, "problem_since");
    c->rising_since = when(r, j, "rising_since");
    c->stale = flag(r, j, "stale");
    cats = array(r, j, "categories", &n);
    if (cats && n) {
        c->categories = xcalloc(n, sizeof *c->categories);
        c->shares = xcalloc(n, sizeof *c->shares);
        c->ncategories = n;
        for (size_t i = 0; i < n; i++) {
            json_t *cat = json_array_get(cats, i), *share = json_object_get(cat, "share");
            c->categories[i] = json_is_object(cat) ? text(r, cat, "name") : NULL;
            if (!c->categories[i])
                c->categories[i] = xstrdup("");
            if (!json_is_number(share) || json_number_value(share) < 0 ||
                json_number_value(share) > 1.0001)
                fail(r, "a category's share is not a fraction");
            else
                c->shares[i] = json_number_value(share);
        }
    }
    json_t *samples = json_object_get(j, "samples");
    for (size_t i = 0; json_is_array(samples) && i < json_array_size(samples) && i < SNAP_SAMPLES;
         i++) {
        json_t *sm = json_array_get(samples, i);
        char *where = json_is_object(sm) ? text(r, sm, "where") : NULL;
        char *said = json_is_object(sm) ? text(r, sm, "text") : NULL;
        if (!where || !said) {
            free(where);
            free(said);
            fail(r, "a sample post lacks its place or text");
            break;
        }
        c->samples[c->nsamples++] = (struct snap_sample){where, said, when(r, sm, "at")};
    }
    c->counts = counts(r, j, "counts", &c->ncounts);
    c->baselines = counts(r, j, "baselines", &nb);
    if (c->baselines && nb != c->ncounts)
        fail(r, "'baselines' and 'counts' differ in length");
}

static void read_episodes(struct rd *r, const json_t *j, struct snap_service *s)
{
    size_t n;
    json_t *a = array(r, j, "crowd_episodes", &n);

    if (!a || n == 0)
        return;
    s->episodes = xcalloc(n, sizeof *s->episodes);
    s->nepisodes = n;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(a, i);
        struct snap_episode *ep = &s->episodes[i];
        size_t nr;
        region_id *rv;
        if (!json_is_object(e)) {
            fail(r, "an episode is not an object");
            return;
        }
        ep->start = when(r, e, "start");
        ep->end = when(r, e, "end");
        ep->official = when(r, e, "first_official");
        ep->peak = count(r, e, "peak");
        ep->evidence = evidence_of(r, e, "evidence");
        rv = regions(r, e, "regions", &nr);
        for (size_t k = 0; k < nr && k < SNAP_EPISODE_REGIONS; k++)
            ep->regions[ep->nregions++] = rv[k];
        free(rv);
    }
}

static void read_shared(struct rd *r, const json_t *j, struct snap_service *s)
{
    json_t *sh = member(r, j, "shared_cause", JSON_OBJECT);

    if (!sh)
        return;
    s->shared_family = need_text(r, sh, "family");
    s->shared_with = texts(r, sh, "with", &s->nshared_with);
    s->shared_regions = regions(r, sh, "regions", &s->nshared_regions);
}

static void read_network(struct rd *r, const json_t *j, struct snap_service *s)
{
    s->network_hint = text(r, j, "network_hint");
}

/* Reads an array member into a freshly allocated vector of n items. */
#define READ_ALL(r, j, key, vec, nvec, reader)                                                     \
    do {                                                                                           \
        size_t n_;                                                                                 \
        json_t *a_ = array(r, j, key, &n_);                                                        \
        if (a_ && n_) {                                                                            \
            (vec) = xcalloc(n_, sizeof *(vec));                                                    \
            (nvec) = n_;                                                                           \
            for (size_t i_ = 0; i_ < n_ && !(r)->failed; i_++) {                                   \
                json_t *o_ = json_array_get(a_, i_);                                               \
                if (!json_is_object(o_))                                                           \
                    fail(r, "'%s' holds something other than objects", key);                       \
                else                                                                               \
                    reader(r, o_, &(vec)[i_]);                                                     \
            }                                                                                      \
        }                                                                                          \
    } while (0)

static void read_service(struct rd *r, const json_t *j, const struct snapshot *snap,
                         struct snap_service *s)
{
    json_t *cells;

    s->id = need_text(r, j, "id");
    s->name = need_text(r, j, "name");
    s->family = text(r, j, "family");
    s->level = level_of(r, j, "level");
    s->since = when(r, j, "since");
    s->evidence = evidence_of(r, j, "evidence");
    s->order = count(r, j, "order") < 0 ? 0 : (size_t)count(r, j, "order");
    READ_ALL(r, j, "incidents", s->incidents, s->nincidents, read_incident);
    READ_ALL(r, j, "sources", s->sources, s->nsources, read_source);
    READ_ALL(r, j, "components", s->components, s->ncomponents, read_component);
    READ_ALL(r, j, "crowd", s->crowd, s->ncrowd, read_crowd);
    s->crowd_since = when(r, j, "crowd_since");
    s->official_since = when(r, j, "official_since");
    s->lead_s = count(r, j, "lead_s");
    s->official_silent = flag(r, j, "official_silent");
    s->official_first = flag(r, j, "official_first");
    read_episodes(r, j, s);
    read_shared(r, j, s);
    read_network(r, j, s);
    s->hist = hist(r, j, "hist", snap->nhist);
    if (r->failed)
        return;
    s->cells = xcalloc(snap->ncolumns ? snap->ncolumns : 1, sizeof *s->cells);
    cells = member(r, j, "cells", JSON_OBJECT);
    for (size_t c = 0; c < snap->ncolumns; c++) {
        json_t *cell = cells ? json_object_get(cells, region_code(snap->columns[c])) : NULL;
        s->cells[c] = (struct snap_cell){.reports = -1,
                                         .baseline = -1,
                                         .mentions = -1,
                                         .mentions_baseline = -1,
                                         .age_s = -1,
                                         .unknown_src = -1,
                                         .possible_region = REGION_NONE};
        if (cell && !json_is_object(cell))
            fail(r, "a cell is not an object");
        else if (cell)
            read_cell(r, cell, s, snap->nhist, &s->cells[c]);
    }
}

static void read_columns(struct rd *r, const json_t *root, struct snapshot *snap)
{
    size_t n;
    json_t *a = array(r, root, "columns", &n);

    if (!a || n == 0 || n > MAX_COLUMNS) {
        fail(r, "'columns' is missing, empty or too long");
        return;
    }
    snap->columns = xcalloc(n, sizeof *snap->columns);
    snap->ncolumns = n;
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(a, i);
        snap->columns[i] = json_is_string(c) ? region_find(json_string_value(c)) : REGION_NONE;
        if (snap->columns[i] == REGION_NONE) {
            fail(r, "a column is not a region this sitrep knows (a newer server?)");
            return;
        }
        for (size_t k = 0; k < i; k++) {
            if (snap->columns[k] == snap->columns[i])
                fail(r, "a column is there twice");
        }
    }
}

static void read_axis(struct rd *r, const json_t *root, struct snapshot *snap)
{
    json_t *h = member(r, root, "history", JSON_OBJECT);
    long points, bucket;

    if (!h)
        return;
    r->where = "history";
    points = count(r, h, "points");
    bucket = count(r, h, "bucket_s");
    if (points < 0 || points > MAX_HIST || (points > 0 && (bucket <= 0 || bucket > 7 * 86400))) {
        fail(r, "the sparklines' axis is out of range");
        return;
    }
    snap->nhist = (size_t)points;
    snap->hist_bucket_s = (int)bucket;
    snap->hist_end = when(r, h, "end");
    r->where = NULL;
}

static void read_root(struct rd *r, const json_t *root, struct snapshot *snap, double *speed)
{
    const char *format = word(r, root, "format");
    json_t *summary, *services, *cs;
    size_t n;

    if (!format || strcmp(format, SNAPSHOT_JSON_FULL) != 0) {
        fail(r, "not a full sitrep snapshot (format '%s' wanted)", SNAPSHOT_JSON_FULL);
        return;
    }
    snap->generated_at = when(r, root, "generated_at");
    read_columns(r, root, snap);
    read_axis(r, root, snap);
    snap->history_oldest = when(r, root, "history_oldest");
    snap->history_problem = text(r, root, "history_problem");
    snap->past_at = when(r, root, "past_at");
    snap->past_partial = flag(r, root, "past_partial");
    cs = json_object_get(root, "clock_speed");
    if (speed)
        *speed = json_is_number(cs) && json_number_value(cs) >= 0 && json_number_value(cs) < 1e7
                     ? json_number_value(cs)
                     : 1.0;
    summary = member(r, root, "summary", JSON_OBJECT);
    if (summary) {
        long ok = count(r, summary, "sources_ok"), st = count(r, summary, "sources_stale"),
             fl = count(r, summary, "sources_failing");
        snap->last_poll = when(r, summary, "last_poll");
        snap->sources_ok = ok < 0 ? 0 : (size_t)ok;
        snap->sources_stale = st < 0 ? 0 : (size_t)st;
        snap->sources_failing = fl < 0 ? 0 : (size_t)fl;
    }
    services = array(r, root, "services", &n);
    if (r->failed)
        return;
    if (n > MAX_SERVICES) {
        fail(r, "too many services");
        return;
    }
    snap->services = xcalloc(n ? n : 1, sizeof *snap->services);
    for (size_t i = 0; i < n && !r->failed; i++) {
        json_t *s = json_array_get(services, i);
        r->where = "services";
        if (!json_is_object(s)) {
            fail(r, "a service is not an object");
            break;
        }
        snap->nservices++;
        read_service(r, s, snap, &snap->services[i]);
    }
    r->where = NULL;
}

struct snapshot *snapshot_from_json(const char *text, size_t len, double *clock_speed, char *err,
                                    size_t errlen)
{
    struct rd r = {.err = err, .errlen = errlen};
    struct snapshot *snap;
    json_error_t je;
    json_t *root;

    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "not JSON (line %d, column %d)", je.line, je.column);
        return NULL;
    }
    if (!json_is_object(root)) {
        snprintf(err, errlen, "not a snapshot: the document is not an object");
        json_decref(root);
        return NULL;
    }
    snap = xcalloc(1, sizeof *snap);
    read_root(&r, root, snap, clock_speed);
    json_decref(root);
    if (r.failed) {
        snapshot_free(snap);
        return NULL;
    }
    return snap;
}
