/* What sitrep serve answers, as a pure function of a request and the
 * engine's latest state: the HTTP server (serve.c) only moves bytes.
 *
 *   GET /                     the text snapshot (a plain status page)
 *   GET /healthz              "ok"
 *   GET /metrics              Prometheus text, OpenMetrics when Accept asks
 *   GET /api/v1/snapshot      the JSON of --once --format json;
 *                             ?full=1 the full JSON a viewer reads,
 *                             &at=TIME a past moment (time travel),
 *                             &window=SECONDS the sparklines' window
 *   GET /api/v1/events        Server-Sent Events (events.h), from
 *                             Last-Event-ID when given
 *   GET /api/v1/history       ?service=ID&since=DUR|TIME: the JSON of
 *                             sitrep export
 * HEAD as GET without the body; any other method 405; unknown paths 404;
 * with a token, every path but /healthz wants "Authorization: Bearer
 * TOKEN" (401 otherwise), compared in constant time. */
#ifndef SITREP_ROUTES_H
#define SITREP_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/buf.h"
#include "sitrep/events.h"
#include "sitrep/metrics.h"
#include "sitrep/snapshot.h"

/* Answers made from the latest snapshot, kept until it changes: a scrape
 * of ten thousand sources or two hundred viewers a second cost one
 * rendering per change, not one per request. Zeroed is empty. */
enum { ROUTE_TEXT, ROUTE_METRICS, ROUTE_OPENMETRICS, ROUTE_JSON, ROUTE_JSON_FULL, ROUTE_CACHED };

struct route_cache {
    uint64_t generation[ROUTE_CACHED]; /* of the snapshot each was made from; 0: none */
    struct buf body[ROUTE_CACHED];
};

void route_cache_free(struct route_cache *c);

struct serve_state {
    const struct snapshot *snap; /* the latest live snapshot */
    uint64_t generation;         /* changes with snap (and the metrics); 0: do not cache */
    struct route_cache *cache;   /* NULL: no cache */
    const struct metrics *metrics;
    const struct events *events;
    /* The stored history as JSON (sitrep export's), NULL when there is
     * none (--no-db): returns 0, or -1 with a message in err. */
    int (*history)(void *ctx, const char *service, time_t from, time_t now, struct buf *out,
                   char *err, size_t errlen);
    void *history_ctx;
    const char *token; /* NULL: none asked for (loopback only) */
    time_t now;
    /* A snapshot other than the latest: at a past moment (0: now) with the
     * sparklines over window_s (0: the server's). The caller frees it;
     * NULL when there is no such thing. */
    struct snapshot *(*snapshot_for)(void *ctx, time_t at, long window_s);
    void *snapshot_ctx;
    double clock_speed; /* for the full JSON (export.h) */
};

struct serve_request {
    const char *method;
    const char *path;
    const char *query;                                  /* without '?', may be NULL */
    const char *accept, *authorization, *last_event_id; /* headers, NULL when absent */
};

struct serve_response {
    int status;
    const char *content_type;
    struct buf body;
    const char *allow;            /* 405: the methods allowed */
    const char *www_authenticate; /* 401 */
    bool stream;                  /* events: body starts a stream... */
    uint64_t event_after;         /* ...that goes on after this event */
};

/* Fills out (zeroed first; the caller frees out->body). */
void serve_route(const struct serve_state *st, const struct serve_request *req,
                 struct serve_response *out);

/* Whether authorization is "Bearer " and token, compared in constant time
 * in the token's length. */
bool serve_token_ok(const char *token, const char *authorization);

#endif
