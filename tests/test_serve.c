/* What sitrep serve answers, without a network: change events on the demo
 * replayed minute by minute (one per change, none for the starting state,
 * Last-Event-ID answered from the ring, "resync" when too old or unknown,
 * hostile ids refused), strict query strings, and every route: statuses,
 * content types, methods, the bearer token. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/engine.h"
#include "sitrep/events.h"
#include "sitrep/query.h"
#include "sitrep/recording.h"
#include "sitrep/routes.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

struct fake_clock {
    int64_t ms;
};

static int64_t fake_now(void *ctx)
{
    return ((struct fake_clock *)ctx)->ms;
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_parse_id(void)
{
    uint64_t id = 0;

    ok(events_parse_id("42", 2, &id) && id == 42, "Last-Event-ID 42");
    ok(!events_parse_id("", 0, &id) && !events_parse_id("-1", 2, &id) &&
           !events_parse_id(" 1", 2, &id) && !events_parse_id("1e3", 3, &id) &&
           !events_parse_id("18446744073709551616000", 23, &id),
       "empty, signed, blank, exponent and too long ids are refused");
    ok(events_parse_id("0000000000000000007", 19, &id) && id == 7, "leading zeros are digits");
}

static void test_query(void)
{
    char v[16];
    const char *q =
        "service=parley&since=2h&x=a%20b+c&bad=%zz&nul=a%00b&flag&long=0123456789abcdef";

    ok(query_get(q, strlen(q), "service", v, sizeof v) == QUERY_OK && strcmp(v, "parley") == 0,
       "a parameter");
    ok(query_get(q, strlen(q), "x", v, sizeof v) == QUERY_OK && strcmp(v, "a b c") == 0,
       "percent escapes and + decoded");
    ok(query_get(q, strlen(q), "flag", v, sizeof v) == QUERY_OK && v[0] == '\0',
       "a key alone is an empty value");
    is_int(query_get(q, strlen(q), "missing", v, sizeof v), QUERY_ABSENT, "absent");
    is_int(query_get(q, strlen(q), "bad", v, sizeof v), QUERY_INVALID, "a bad escape is invalid");
    is_int(query_get(q, strlen(q), "nul", v, sizeof v), QUERY_INVALID, "so is a NUL");
    is_int(query_get(q, strlen(q), "long", v, sizeof v), QUERY_INVALID,
           "and a value that does not fit");
    is_int(query_get("servicex=1", 10, "service", v, sizeof v), QUERY_ABSENT,
           "a longer key is another key");
}

static int fake_history(void *ctx, const char *service, time_t from, time_t now, struct buf *out,
                        char *err, size_t errlen)
{
    (void)ctx;
    (void)err;
    (void)errlen;
    buf_printf(out, "{\"service\":\"%s\",\"from\":%lld,\"now\":%lld}", service ? service : "*",
               (long long)from, (long long)now);
    return 0;
}

static int route(const struct serve_state *st, const char *method, const char *path,
                 const char *query, const char *header, const char *value,
                 struct serve_response *out)
{
    struct serve_request r = {.method = method, .path = path, .query = query};

    if (header && strcmp(header, "accept") == 0)
        r.accept = value;
    if (header && strcmp(header, "authorization") == 0)
        r.authorization = value;
    if (header && strcmp(header, "last-event-id") == 0)
        r.last_event_id = value;
    serve_route(st, &r, out);
    return out->status;
}

static void test_routes(struct snapshot *snap, struct events *ev)
{
    struct metrics *mx = metrics_new();
    struct serve_state st = {.snap = snap, .metrics = mx, .events = ev, .now = 1795460400};
    struct serve_response r;

    metrics_observe(mx, snap);
    is_int(route(&st, "GET", "/healthz", NULL, NULL, NULL, &r), 200, "/healthz");
    buf_free(&r.body);
    ok(route(&st, "GET", "/metrics", NULL, NULL, NULL, &r) == 200 &&
           strncmp(r.content_type, "text/plain; version=0.0.4", 25) == 0 &&
           strstr(buf_str(&r.body), "sitrep_cell_level{service=\"parley\""),
       "/metrics in the text format");
    buf_free(&r.body);
    ok(route(&st, "GET", "/metrics", NULL, "accept",
             "application/openmetrics-text;version=1.0.0,text/plain;q=0.5", &r) == 200 &&
           strncmp(r.content_type, "application/openmetrics-text", 28) == 0 &&
           strstr(buf_str(&r.body), "# EOF\n"),
       "/metrics in OpenMetrics when the scraper asks");
    buf_free(&r.body);
    ok(route(&st, "GET", "/api/v1/snapshot", NULL, NULL, NULL, &r) == 200 &&
           strcmp(r.content_type, "application/json") == 0 &&
           strstr(buf_str(&r.body), "\"generated_at\""),
       "/api/v1/snapshot: the JSON snapshot");
    buf_free(&r.body);
    ok(route(&st, "GET", "/api/v1/events", NULL, "last-event-id", "3", &r) == 200 && r.stream &&
           strstr(buf_str(&r.body), "id: 4\n") && r.event_after == events_last_id(ev),
       "/api/v1/events from Last-Event-ID 3: events 4 on, then the stream");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/api/v1/events", NULL, "last-event-id", "4x", &r), 400,
           "a bad Last-Event-ID: 400");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/api/v1/history", NULL, NULL, NULL, &r), 503,
           "no history without a store: 503");
    buf_free(&r.body);
    st.history = fake_history;
    ok(route(&st, "GET", "/api/v1/history", "service=parley&since=2h", NULL, NULL, &r) == 200 &&
           strcmp(buf_str(&r.body), "{\"service\":\"parley\",\"from\":1795453200,\"now\":"
                                    "1795460400}") == 0,
       "/api/v1/history: the service and window asked for");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/api/v1/history", "since=yesterday", NULL, NULL, &r), 400,
           "a bad since: 400");
    buf_free(&r.body);
    ok(route(&st, "POST", "/metrics", NULL, NULL, NULL, &r) == 405 &&
           strcmp(r.allow, "GET, HEAD") == 0,
       "POST: 405 with Allow");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/etc/passwd", NULL, NULL, NULL, &r), 404, "no files: 404");
    buf_free(&r.body);
    st.token = "s3cret-token";
    ok(route(&st, "GET", "/metrics", NULL, NULL, NULL, &r) == 401 &&
           strcmp(r.www_authenticate, "Bearer") == 0,
       "with a token: 401 without it");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/metrics", NULL, "authorization", "Bearer s3cret-tokeN", &r), 401,
           "401 with a wrong one");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/metrics", NULL, "authorization", "Bearer s3cret-token-and-more", &r),
           401, "401 with a longer one");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/metrics", NULL, "authorization", "Bearer s3cret-token", &r), 200,
           "200 with the right one");
    buf_free(&r.body);
    is_int(route(&st, "GET", "/healthz", NULL, NULL, NULL, &r), 200, "/healthz needs none");
    buf_free(&r.body);
    metrics_free(mx);
}

/* Answers from the latest snapshot are made once per generation: asked
 * again, the same bytes come back even when the snapshot under them has
 * changed; a new generation makes them anew. */
static void test_cache(struct snapshot *early, struct snapshot *late)
{
    struct metrics *mx = metrics_new();
    struct route_cache cache = {0};
    struct serve_state st = {.snap = early, .metrics = mx, .generation = 1, .cache = &cache};
    struct serve_response a, b, c, d;
    static const char *const paths[] = {"/", "/metrics", "/api/v1/snapshot"};

    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const char *q = i == 2 ? "full=1" : NULL;
        st.snap = early;
        st.generation = 1;
        route(&st, "GET", paths[i], q, NULL, NULL, &a);
        st.snap = late; /* same generation: the answer made before */
        route(&st, "GET", paths[i], q, NULL, NULL, &b);
        st.generation = 2;
        route(&st, "GET", paths[i], q, NULL, NULL, &c);
        st.cache = NULL; /* what it would be without a cache */
        route(&st, "GET", paths[i], q, NULL, NULL, &d);
        st.cache = &cache;
        ok(a.body.len && a.body.len == b.body.len &&
               memcmp(a.body.data, b.body.data, a.body.len) == 0,
           "%s%s%s: asked again in the same generation, the same bytes", paths[i], q ? "?" : "",
           q ? q : "");
        ok(c.body.len == d.body.len && memcmp(c.body.data, d.body.data, c.body.len) == 0 &&
               (c.body.len != a.body.len || memcmp(c.body.data, a.body.data, a.body.len) != 0),
           "%s: a new generation answers from the new snapshot", paths[i]);
        buf_free(&a.body);
        buf_free(&b.body);
        buf_free(&c.body);
        buf_free(&d.body);
    }
    st.generation = 0; /* 0: never from the cache */
    route(&st, "GET", "/", NULL, NULL, NULL, &a);
    st.snap = early;
    route(&st, "GET", "/", NULL, NULL, NULL, &b);
    ok(a.body.len != b.body.len || memcmp(a.body.data, b.body.data, a.body.len) != 0,
       "generation 0: made anew every time");
    buf_free(&a.body);
    buf_free(&b.body);
    route_cache_free(&cache);
    metrics_free(mx);
}

int main(void)
{
    char err[512], *errors = NULL, *path;
    struct recording *rec = recording_load(SITREP_SRCDIR "/data/demo", err, sizeof err);
    struct config cfg;
    struct fake_clock clock;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .speed = 1};
    struct engine *e;
    struct events *ev = events_new(4096), *small = events_new(8);
    struct buf out = {0};
    size_t first = 0, total = 0;
    uint64_t mid = 0;
    struct snapshot *early = NULL;

    test_parse_id();
    test_query();
    if (!rec) {
        printf("Bail out! demo: %s\n", err);
        return 1;
    }
    path = recording_config_path(rec);
    if (config_load_file(path, &cfg, &errors) != 0) {
        printf("Bail out! %s\n", errors ? errors : "config");
        return 1;
    }
    eo.replay = rec;
    clock.ms = rec->start_ms;
    e = engine_new(&cfg, &eo, err, sizeof err);
    for (; clock.ms <= rec->end_ms; clock.ms += 60000) {
        engine_round(e, 0);
        struct snapshot *snap = engine_snapshot(e);
        size_t n = events_observe(ev, snap);
        events_observe(small, snap);
        if (clock.ms == rec->start_ms)
            first = n;
        total += n;
        if (clock.ms == rec->start_ms + 60 * 60000)
            mid = events_last_id(ev);
        if (clock.ms + 60000 > rec->end_ms) {
            test_routes(snap, ev);
            test_cache(early, snap);
        }
        if (clock.ms == rec->start_ms + 30 * 60000)
            early = snap;
        else
            snapshot_free(snap);
    }
    snapshot_free(early);
    is_int(first, 0, "the starting state is no event");
    ok(total > 20 && events_last_id(ev) == total, "the two scenes make %zu numbered events", total);

    events_write_since(ev, 0, &out);
    ok(count(buf_str(&out), "event: cell\n") > 10 && count(buf_str(&out), "event: incident\n") >= 5,
       "cell changes and incident statements");
    ok(strstr(buf_str(&out), "\"service\":\"parley\",\"region\":\"FR\",\"from\":\"notice\","
                             "\"to\":\"major\",\"possible\":true,\"reported_for\":\"EU\"") != NULL,
       "Parley in FR: from reports rising to major, only possibly, the page naming Europe");
    ok(!strstr(buf_str(&out), "\"from\":\"none\",\"to\":\"ok\""),
       "evidence appearing while all is fine (none to ok) is no event");
    ok(strstr(buf_str(&out), "event: incident\ndata: {\"service\":\"parley\"") &&
           strstr(buf_str(&out), "We are aware"),
       "Parley's statements, with their words");
    ok(!strchr(buf_str(&out), '\x1b'), "no raw control characters");
    buf_reset(&out);
    uint64_t last = events_write_since(ev, mid, &out);
    ok(last == events_last_id(ev) && count(buf_str(&out), "\nid: ") + 1 == total - mid + 0 &&
           !strstr(buf_str(&out), "resync"),
       "Last-Event-ID from an hour in: only what came after (%zu events)", (size_t)(total - mid));
    buf_reset(&out);
    events_write_since(small, 1, &out);
    ok(count(buf_str(&out), "event: resync") == 1 && count(buf_str(&out), "id: ") == 1,
       "an id older than the ring holds: one resync event");
    buf_reset(&out);
    events_write_since(ev, events_last_id(ev) + 5, &out);
    ok(strstr(buf_str(&out), "event: resync") != NULL, "an id from the future: resync");
    buf_reset(&out);
    events_write_since(ev, events_last_id(ev), &out);
    is_int(out.len, 0, "up to date: nothing");
    buf_free(&out);
    events_free(ev);
    events_free(small);
    engine_free(e);
    recording_free(rec);
    config_free(&cfg);
    free(path);
    return tap_done();
}
