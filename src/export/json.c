/* JSON export: the contract of docs/architecture.md (generated_at, columns,
 * services with cells, incidents and sources), built with jansson. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"
#include "sitrep/xalloc.h"

/* A sanitized JSON string; remote text never leaves unsanitized. */
static json_t *jtext(const char *raw, unsigned flags)
{
    char *clean;
    json_t *j;

    if (!raw)
        return json_null();
    clean = sanitize_str(raw, 0, flags);
    j = json_string(clean);
    free(clean);
    return j ? j : json_string("");
}

static json_t *jtime(time_t t)
{
    char iso[32];

    if (t == 0)
        return json_null();
    time_format_iso8601(t, iso, sizeof iso);
    return json_string(iso);
}

static json_t *jcount(long n)
{
    return n < 0 ? json_null() : json_integer(n);
}

/* A sparkline as one level_letter() a bucket, oldest first. */
static json_t *jhist(const unsigned char *hist, size_t n)
{
    char *text;
    json_t *j;

    if (!hist || n == 0)
        return json_null();
    text = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        text[i] = level_letter(hist[i] < LEVEL_COUNT ? (enum level)hist[i] : LEVEL_NONE);
    text[n] = '\0';
    j = json_string(text);
    free(text);
    return j;
}

static json_t *jcounts(const long *v, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; v && i < n; i++)
        json_array_append_new(a, jcount(v[i]));
    return a;
}

static json_t *cell_json(const struct snapshot *snap, const struct snap_service *s,
                         const struct snap_cell *c, bool full)
{
    json_t *j = json_pack("{s:s, s:b, s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "level",
                          level_name(c->level), "possible", c->possible, "certain_level",
                          level_name(c->certain), "evidence", evidence_kind_name(c->evidence),
                          "reports", jcount(c->reports), "baseline", jcount(c->baseline), "age_s",
                          jcount(c->age_s), "since", jtime(c->since), "stale", c->stale);
    struct buf note = {0};

    json_object_set_new(j, "possible_region",
                        c->possible && c->possible_region != REGION_NONE
                            ? json_string(region_code(c->possible_region))
                            : json_null());
    json_object_set_new(j, "pending", json_boolean(c->pending));
    /* Public posts are not reports: their own fields, null when none. */
    json_object_set_new(j, "mentions", jcount(c->mentions));
    json_object_set_new(j, "mentions_baseline", jcount(c->mentions_baseline));
    /* Why it is unknown, pending or only possible; sanitized text */
    json_object_set_new(j, "note",
                        snap_cell_note(s, c, snap->generated_at, 0, &note)
                            ? json_string(buf_str(&note))
                            : json_null());
    buf_free(&note);
    if (full) {
        json_object_set_new(j, "hist", jhist(c->hist, snap->nhist));
        json_object_set_new(j, "unknown_source",
                            c->unknown_src >= 0 && (size_t)c->unknown_src < s->nsources
                                ? json_string(s->sources[c->unknown_src].id)
                                : json_null());
    }
    return j;
}

static json_t *updates_json(const struct snap_incident *inc)
{
    json_t *a = json_array();

    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "at", jtime(u->at), "status",
                                           jtext(u->status, 0), "body",
                                           jtext(u->body, SAN_MULTILINE)));
    }
    return a;
}

static json_t *incident_json(const struct snap_incident *inc)
{
    json_t *comps = json_array(), *regions = json_array();

    for (size_t i = 0; i < inc->ncomponents; i++)
        json_array_append_new(comps, jtext(inc->components[i], 0));
    for (size_t i = 0; i < inc->nregions; i++)
        json_array_append_new(regions, json_string(region_code(inc->regions[i])));
    json_t *j = json_pack(
        "{s:o, s:s, s:o, s:o, s:o, s:s, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
        jtext(inc->id, 0), "source", inc->source, "title", jtext(inc->title, 0), "status",
        jtext(inc->status, 0), "impact", jtext(inc->impact, 0), "level", level_name(inc->level),
        "open", inc->open, "maintenance", inc->maintenance, "started_at", jtime(inc->started_at),
        "updated_at", jtime(inc->updated_at), "resolved_at", jtime(inc->resolved_at), "url",
        jtext(inc->url, 0), "components", comps, "regions", regions, "updates", updates_json(inc),
        "scheduled_for", jtime(inc->scheduled_for));

    json_object_set_new(j, "scheduled_until", jtime(inc->scheduled_until));
    json_object_set_new(j, "upcoming", json_boolean(inc->upcoming));
    /* resolved_at is when sitrep saw it leave the page, not the page's word */
    json_object_set_new(j, "inferred_end", json_boolean(inc->inferred_end));
    struct buf words = {0};
    snap_status_describe(inc->status, inc->inferred_end, 0, &words);
    json_object_set_new(j, "status_text", json_string(buf_str(&words)));
    buf_free(&words);
    return j;
}

static json_t *source_json(const struct snap_source *s, bool full)
{
    json_t *j = json_pack(
        "{s:s, s:s, s:o, s:b, s:b, s:b, s:s, s:o, s:o, s:o, s:i, s:o, s:o}", "id", s->id, "format",
        s->format, "url", jtext(s->url, 0), "ok", s->ok, "stale", s->stale, "expired", s->expired,
        "level", level_name(s->level), "last_success", jtime(s->last_success), "last_attempt",
        jtime(s->last_attempt), "age_s", jcount(s->age_s), "failures", s->failures, "error",
        jtext(s->error, 0), "page_name", jtext(s->page_name, 0));

    json_object_set_new(j, "health", json_string(source_health_name(s->health)));
    json_object_set_new(j, "next_poll", jtime(s->next_poll));
    json_object_set_new(j, "backoff_until", jtime(s->backoff_until));
    json_object_set_new(j, "http_status",
                        s->http_status ? json_integer(s->http_status) : json_null());
    json_object_set_new(j, "elapsed_ms", jcount(s->elapsed_ms));
    if (full) {
        json_object_set_new(j, "host", jtext(s->host, 0));
        json_object_set_new(j, "official", json_boolean(s->official));
        json_object_set_new(j, "has_data", json_boolean(s->has_data));
        json_object_set_new(j, "failing_since", jtime(s->failing_since));
    }
    return j;
}

/* Components are many (Duo has 539): only those not ok are listed, all of
 * them in full. */
static json_t *components_json(const struct snap_service *svc, bool full)
{
    json_t *a = json_array();

    for (size_t i = 0; i < svc->ncomponents; i++) {
        const struct snap_component *c = &svc->components[i];
        if (!full && (c->level == LEVEL_OK || c->level == LEVEL_NONE))
            continue;
        json_t *j = json_pack("{s:s, s:o, s:o, s:o, s:s, s:s, s:b}", "source", c->source, "id",
                              jtext(c->id, 0), "name", jtext(c->name, 0), "group",
                              jtext(c->group, 0), "level", level_name(c->level), "region",
                              region_code(c->region), "group_component", c->is_group);
        if (full)
            json_object_set_new(j, "updated_at", jtime(c->updated_at));
        json_array_append_new(a, j);
    }
    return a;
}

static json_t *crowd_json(const struct snap_crowd *c, bool full)
{
    json_t *cats = json_array();
    json_t *j;

    for (size_t i = 0; i < c->ncategories; i++)
        json_array_append_new(cats, json_pack("{s:o, s:f}", "name", jtext(c->categories[i], 0),
                                              "share", c->shares[i]));
    j = json_pack("{s:s, s:o, s:o, s:s, s:s, s:s, s:s}", "source", c->source, "key",
                  jtext(c->key, 0), "label", jtext(c->label, 0), "region", region_code(c->region),
                  "level", level_name(c->level), "detector_level", level_name(c->detector_level),
                  "source_status", level_name(c->source_status));
    json_object_set_new(j, "kind", json_string(c->mentions ? "mentions" : "reports"));
    json_object_set_new(j, "reports", jcount(c->mentions ? -1 : c->count));
    json_object_set_new(j, "mentions", jcount(c->mentions ? c->count : -1));
    json_object_set_new(j, "baseline", jcount(c->baseline));
    json_object_set_new(j, "baseline_method", json_string(baseline_method_name(c->method)));
    json_object_set_new(j, "bucket_start", jtime(c->bucket_start));
    json_object_set_new(j, "bucket_s", json_integer(c->bucket_s));
    json_object_set_new(j, "problem_since", jtime(c->problem_since));
    json_object_set_new(j, "stale", json_boolean(c->stale));
    json_object_set_new(j, "categories", cats);
    if (c->nsamples) {
        json_t *samples = json_array();
        for (size_t i = 0; i < c->nsamples; i++)
            json_array_append_new(samples,
                                  json_pack("{s:o, s:o, s:o}", "at", jtime(c->samples[i].at),
                                            "where", jtext(c->samples[i].where, 0), "text",
                                            jtext(c->samples[i].text, 0)));
        json_object_set_new(j, "samples", samples);
    }
    if (full) {
        json_object_set_new(j, "rising_since", jtime(c->rising_since));
        json_object_set_new(j, "counts", jcounts(c->counts, c->ncounts));
        json_object_set_new(j, "baselines", jcounts(c->baselines, c->baselines ? c->ncounts : 0));
    }
    return j;
}

static json_t *shared_json(const struct snap_service *svc)
{
    json_t *with = json_array(), *regions = json_array();

    if (!svc->shared_family) {
        json_decref(with);
        json_decref(regions);
        return json_null();
    }
    for (size_t i = 0; i < svc->nshared_with; i++)
        json_array_append_new(with, jtext(svc->shared_with[i], 0));
    for (size_t i = 0; i < svc->nshared_regions; i++)
        json_array_append_new(regions, json_string(region_code(svc->shared_regions[i])));
    return json_pack("{s:o, s:o, s:o}", "family", jtext(svc->shared_family, 0), "with", with,
                     "regions", regions);
}

/* Crowd against official: lead time, silence, shared cause. */
static void add_fusion(json_t *j, const struct snap_service *svc, bool full)
{
    json_t *crowd = json_array();

    for (size_t i = 0; i < svc->ncrowd; i++)
        json_array_append_new(crowd, crowd_json(&svc->crowd[i], full));
    json_object_set_new(j, "crowd", crowd);
    json_object_set_new(j, "crowd_since", jtime(svc->crowd_since));
    json_object_set_new(j, "official_since", jtime(svc->official_since));
    json_object_set_new(j, "lead_s", jcount(svc->lead_s));
    json_object_set_new(j, "official_silent", json_boolean(svc->official_silent));
    json_object_set_new(j, "shared_cause", shared_json(svc));
    if (svc->network_hint)
        json_object_set_new(j, "network_hint", jtext(svc->network_hint, 0));
    json_t *episodes = json_array();
    for (size_t i = 0; i < svc->nepisodes; i++) {
        const struct snap_episode *ep = &svc->episodes[i];
        json_t *regions = json_array();
        for (size_t r = 0; r < ep->nregions; r++)
            json_array_append_new(regions, json_string(region_code(ep->regions[r])));
        json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "start", jtime(ep->start), "end",
                              jtime(ep->end), "first_official", jtime(ep->official), "peak",
                              jcount(ep->peak), "regions", regions);
        /* said only when mentions are behind it: peak then counts authors */
        if (ep->evidence & EVIDENCE_MENTIONS)
            json_object_set_new(o, "evidence", json_string(evidence_kind_name(ep->evidence)));
        json_array_append_new(episodes, o);
    }
    json_object_set_new(j, "crowd_episodes", episodes);
}

/* Maintenances announced for the next seven days: news, not problems. */
static json_t *upcoming_json(const struct snap_service *svc)
{
    json_t *a = json_array();

    for (size_t i = 0; i < svc->nincidents; i++) {
        const struct snap_incident *inc = &svc->incidents[i];
        if (!inc->upcoming)
            continue;
        json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "source", inc->source,
                                           "id", jtext(inc->id, 0), "title", jtext(inc->title, 0),
                                           "scheduled_for", jtime(inc->scheduled_for),
                                           "scheduled_until", jtime(inc->scheduled_until), "url",
                                           jtext(inc->url, 0)));
    }
    return a;
}

static json_t *service_json(const struct snapshot *snap, const struct snap_service *svc, bool full)
{
    json_t *cells = json_object(), *incidents = json_array(), *sources = json_array(), *j;

    for (size_t c = 0; c < snap->ncolumns; c++)
        json_object_set_new(cells, region_code(snap->columns[c]),
                            cell_json(snap, svc, &svc->cells[c], full));
    for (size_t i = 0; i < svc->nincidents; i++)
        json_array_append_new(incidents, incident_json(&svc->incidents[i]));
    for (size_t i = 0; i < svc->nsources; i++)
        json_array_append_new(sources, source_json(&svc->sources[i], full));
    j = json_pack("{s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id", jtext(svc->id, 0), "name",
                  jtext(svc->name, 0), "family", jtext(svc->family, 0), "level",
                  level_name(svc->level), "since", jtime(svc->since), "cells", cells, "incidents",
                  incidents, "sources", sources, "components", components_json(svc, full));
    add_fusion(j, svc, full);
    json_object_set_new(j, "upcoming", upcoming_json(svc));
    if (full) {
        json_object_set_new(j, "hist", jhist(svc->hist, snap->nhist));
        json_object_set_new(j, "evidence", json_string(evidence_kind_name(svc->evidence)));
        json_object_set_new(j, "official_first", json_boolean(svc->official_first));
        json_object_set_new(j, "order", json_integer((json_int_t)svc->order));
    }
    return j;
}

/* What only a viewer needs: the sparklines' axis, how far back history
 * goes, the moment shown when it is past, the producer's clock. */
static void add_full(json_t *root, const struct snapshot *snap, const struct export_opts *opts)
{
    json_object_set_new(root, "format", json_string(SNAPSHOT_JSON_FULL));
    json_object_set_new(root, "history",
                        json_pack("{s:I, s:i, s:o}", "points", (json_int_t)snap->nhist, "bucket_s",
                                  snap->hist_bucket_s, "end",
                                  jtime(snap->nhist ? snap->hist_end : 0)));
    json_object_set_new(root, "history_oldest", jtime(snap->history_oldest));
    json_object_set_new(root, "history_problem", jtext(snap->history_problem, 0));
    json_object_set_new(root, "past_at", jtime(snap->past_at));
    json_object_set_new(root, "past_partial", json_boolean(snap->past_partial));
    json_object_set_new(root, "clock_speed", json_real(opts->clock_speed));
}

/* The merged timeline, oldest first. */
static json_t *timeline_json(const struct snapshot *snap)
{
    size_t n;
    struct timeline_event *v = timeline_build(snap, NULL, &n);
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &v[i];
        json_t *regions = json_array(), *j;
        struct buf what = {0};
        timeline_describe(e, 0, &what);
        for (size_t r = 0; r < e->nregions; r++)
            json_array_append_new(regions, json_string(region_code(e->regions[r])));
        if (e->nregions == 0 && e->incident) {
            for (size_t r = 0; r < e->incident->nregions; r++)
                json_array_append_new(regions, json_string(region_code(e->incident->regions[r])));
        }
        j = json_pack("{s:o, s:s, s:o, s:s, s:o, s:o}", "at", jtime(e->at), "kind",
                      timeline_kind_name(e->kind), "service", jtext(e->service->id, 0), "level",
                      level_name(e->level), "regions", regions, "text",
                      json_string(buf_str(&what)));
        if (e->incident) {
            json_object_set_new(j, "title", jtext(e->incident->title, 0));
            json_object_set_new(j, "url", jtext(e->incident->url, 0));
        }
        if (e->update) {
            json_object_set_new(j, "status", jtext(e->update->status, 0));
            json_object_set_new(j, "body", jtext(e->update->body, SAN_MULTILINE));
        }
        if (e->kind == TIMELINE_CROWD)
            json_object_set_new(j, "peak", jcount(e->peak));
        if (e->until)
            json_object_set_new(j, "until", jtime(e->until));
        buf_free(&what);
        json_array_append_new(a, j);
    }
    free(v);
    return a;
}

/* Services counted by what the chosen columns show: problems and unknowns
 * apart, never one for the other. */
static json_t *summary_json(const struct snapshot *snap)
{
    struct snap_tally t;
    struct buf headline = {0};
    json_t *j;

    snapshot_tally(snap, &t);
    snap_tally_describe(&t, &headline);
    j = json_pack("{s:s, s:o, s:i, s:i, s:i}", "level", level_name(snapshot_worst(snap)),
                  "last_poll", jtime(snap->last_poll), "sources_ok", (int)snap->sources_ok,
                  "sources_stale", (int)snap->sources_stale, "sources_failing",
                  (int)snap->sources_failing);
    json_object_set_new(j, "services", json_integer((json_int_t)snap->nservices));
    json_object_set_new(j, "problems", json_integer((json_int_t)t.problems));
    json_object_set_new(j, "problems_possible_only", json_integer((json_int_t)t.possible));
    json_object_set_new(j, "maintenance", json_integer((json_int_t)t.maintenance));
    json_object_set_new(j, "notices", json_integer((json_int_t)t.notices));
    json_object_set_new(j, "unknown", json_integer((json_int_t)t.unknown));
    json_object_set_new(j, "ok", json_integer((json_int_t)t.ok));
    json_object_set_new(j, "no_data", json_integer((json_int_t)t.none));
    json_object_set_new(j, "headline", json_string(buf_str(&headline)));
    buf_free(&headline);
    return j;
}

/* Writes one service, dumped on its own, at the depth of the services
 * array (four more spaces a line): the same text as one whole dump. */
static void emit_service(const struct snapshot *snap, const struct snap_service *svc, bool full,
                         export_emit_fn emit, void *ctx)
{
    json_t *j = service_json(snap, svc, full);
    char *text = json_dumps(j, JSON_INDENT(2));
    const char *p = text, *nl;

    json_decref(j);
    if (!text)
        return;
    emit(ctx, "    ", 4);
    while ((nl = strchr(p, '\n'))) {
        emit(ctx, p, (size_t)(nl - p) + 1);
        emit(ctx, "    ", 4);
        p = nl + 1;
    }
    emit(ctx, p, strlen(p));
    free(text);
}

/* The document is dumped with an empty services array, and the services go
 * out one at a time in its place: a snapshot of 10,000 services never
 * becomes one jansson tree and one string (hundreds of MB) at once. */
void export_json_stream(const struct snapshot *snap, const struct export_opts *opts,
                        export_emit_fn emit, void *ctx)
{
    static const char hole[] = "\n  \"services\": []"; /* a key of the top level */
    json_t *columns = json_array(), *root;
    bool full = opts && opts->full;
    char *text, *at;

    /* JSON is always UTF-8: opts->ascii does not apply */
    for (size_t c = 0; c < snap->ncolumns; c++)
        json_array_append_new(columns, json_string(region_code(snap->columns[c])));
    root = json_pack("{s:o, s:o, s:o, s:[], s:o}", "generated_at", jtime(snap->generated_at),
                     "columns", columns, "summary", summary_json(snap), "services", "timeline",
                     timeline_json(snap));
    if (full)
        add_full(root, snap, opts);
    if (snap->remote_problem) /* a viewer: the servers it cannot read */
        json_object_set_new(root, "servers_problem", jtext(snap->remote_problem, 0));
    text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    if (!text)
        return;
    at = snap->nservices ? strstr(text, hole) : NULL;
    if (!at) {
        emit(ctx, text, strlen(text));
    } else {
        emit(ctx, text, (size_t)(at - text) + sizeof hole - 2); /* up to the '[' */
        emit(ctx, "\n", 1);
        for (size_t i = 0; i < snap->nservices; i++) {
            if (i)
                emit(ctx, ",\n", 2);
            emit_service(snap, &snap->services[i], full, emit, ctx);
        }
        emit(ctx, "\n  ]", 4);
        at += sizeof hole - 1;
        emit(ctx, at, strlen(at));
    }
    emit(ctx, "\n", 1);
    free(text);
}

static void emit_buf(void *ctx, const char *data, size_t len)
{
    buf_append(ctx, data, len);
}

void export_json(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    export_json_stream(snap, opts, emit_buf, out);
}
