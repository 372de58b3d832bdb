/* What sitrep serve answers (see routes.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/export.h"
#include "sitrep/query.h"
#include "sitrep/routes.h"
#include "sitrep/timefmt.h"

#define HISTORY_DEFAULT_S 86400

bool serve_token_ok(const char *token, const char *authorization)
{
    static const char prefix[] = "Bearer ";
    size_t n = strlen(token), given;
    unsigned char diff = 0;

    if (!authorization || strncmp(authorization, prefix, sizeof prefix - 1) != 0)
        return false;
    authorization += sizeof prefix - 1;
    given = strlen(authorization);
    /* every byte of the token is compared, whatever matched before */
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)token[i] ^ (unsigned char)(i < given ? authorization[i] : 0);
    return diff == 0 && given == n && n > 0;
}

void route_cache_free(struct route_cache *c)
{
    for (size_t i = 0; i < ROUTE_CACHED; i++)
        buf_free(&c->body[i]);
    memset(c, 0, sizeof *c);
}

/* out's body from the cache when it was made from this snapshot; made
 * (and kept) otherwise. */
static void latest(const struct serve_state *st, int which, bool om, const struct export_opts *eo,
                   struct serve_response *out)
{
    struct route_cache *c = st->cache;
    struct buf *into = &out->body;

    if (c && st->generation && c->generation[which] == st->generation) {
        if (c->body[which].len)
            buf_append(&out->body, c->body[which].data, c->body[which].len);
        return;
    }
    if (c && st->generation) {
        buf_reset(&c->body[which]);
        into = &c->body[which];
    }
    if (which == ROUTE_METRICS || which == ROUTE_OPENMETRICS)
        metrics_write(st->metrics, st->snap, om, into);
    else
        export_snapshot(st->snap, which == ROUTE_TEXT ? EXPORT_TEXT : EXPORT_JSON, eo, into);
    if (into != &out->body) {
        c->generation[which] = st->generation;
        if (into->len)
            buf_append(&out->body, into->data, into->len);
    }
}

static void text(struct serve_response *out, int status, const char *msg)
{
    out->status = status;
    out->content_type = "text/plain; charset=utf-8";
    buf_puts(&out->body, msg);
}

static bool openmetrics_wanted(const char *accept)
{
    return accept && strstr(accept, "application/openmetrics-text");
}

static void events(const struct serve_state *st, const struct serve_request *req,
                   struct serve_response *out)
{
    uint64_t after = events_last_id(st->events);

    if (req->last_event_id &&
        !events_parse_id(req->last_event_id, strlen(req->last_event_id), &after)) {
        text(out, 400, "bad Last-Event-ID\n");
        return;
    }
    out->status = 200;
    out->content_type = "text/event-stream";
    out->stream = true;
    buf_puts(&out->body, "retry: 5000\n: sitrep events\n\n");
    out->event_after = events_write_since(st->events, after, &out->body);
}

static void history(const struct serve_state *st, const struct serve_request *req,
                    struct serve_response *out)
{
    char service[128], since[64], err[300];
    const char *q = req->query ? req->query : "";
    enum query_result has_service = query_get(q, strlen(q), "service", service, sizeof service);
    enum query_result has_since = query_get(q, strlen(q), "since", since, sizeof since);
    time_t from = st->now - HISTORY_DEFAULT_S, at;
    long dur;

    if (!st->history) {
        text(out, 503, "no history: this sitrep keeps none (--no-db)\n");
        return;
    }
    if (has_service == QUERY_INVALID || has_since == QUERY_INVALID) {
        text(out, 400, "bad query\n");
        return;
    }
    if (has_since == QUERY_OK) {
        if (time_parse_iso8601(since, &at))
            from = at;
        else if (time_parse_duration(since, &dur) && dur > 0)
            from = st->now - dur;
        else {
            text(out, 400, "bad since (want 90m, 24h, 7d or 2026-11-23T17:00:00Z)\n");
            return;
        }
    }
    if (st->history(st->history_ctx, has_service == QUERY_OK ? service : NULL, from, st->now,
                    &out->body, err, sizeof err) != 0) {
        buf_reset(&out->body);
        text(out, 500, "history could not be read\n");
        return;
    }
    out->status = 200;
    out->content_type = "application/json";
}

/* /api/v1/snapshot: the latest, or another moment or window (a viewer's
 * time travel and zoom), in the plain or the full JSON. */
static void snapshot(const struct serve_state *st, const struct serve_request *req,
                     struct serve_response *out)
{
    char full[8], at_s[64], window_s[32], *end;
    const char *q = req->query ? req->query : "";
    enum query_result has_full = query_get(q, strlen(q), "full", full, sizeof full);
    enum query_result has_at = query_get(q, strlen(q), "at", at_s, sizeof at_s);
    enum query_result has_window = query_get(q, strlen(q), "window", window_s, sizeof window_s);
    struct export_opts eo = {.clock_speed = st->clock_speed};
    struct snapshot *other = NULL;
    time_t at = 0;
    long window = 0;

    if (has_full == QUERY_INVALID || has_at == QUERY_INVALID || has_window == QUERY_INVALID) {
        text(out, 400, "bad query\n");
        return;
    }
    if (has_full == QUERY_OK) {
        if (strcmp(full, "1") != 0 && strcmp(full, "0") != 0) {
            text(out, 400, "bad full (want 0 or 1)\n");
            return;
        }
        eo.full = full[0] == '1';
    }
    if (has_at == QUERY_OK && (!time_parse_iso8601(at_s, &at) || at <= 0)) {
        text(out, 400, "bad at (want a time such as 2026-11-23T17:00:00Z)\n");
        return;
    }
    if (has_window == QUERY_OK) {
        window = strtol(window_s, &end, 10);
        if (*end || end == window_s || window < 0 || window > 366L * 86400) {
            text(out, 400, "bad window (want seconds)\n");
            return;
        }
    }
    if ((at && at < st->now) || window) {
        other = st->snapshot_for ? st->snapshot_for(st->snapshot_ctx, at < st->now ? at : 0, window)
                                 : NULL;
        if (!other) {
            text(out, 404, "no such snapshot here\n");
            return;
        }
    }
    out->status = 200;
    out->content_type = "application/json";
    if (other)
        export_snapshot(other, EXPORT_JSON, &eo, &out->body);
    else
        latest(st, eo.full ? ROUTE_JSON_FULL : ROUTE_JSON, false, &eo, out);
    snapshot_free(other);
}

void serve_route(const struct serve_state *st, const struct serve_request *req,
                 struct serve_response *out)
{
    const char *path = req->path ? req->path : "";
    struct export_opts eo = {0};

    memset(out, 0, sizeof *out);
    if (!req->method || (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)) {
        out->allow = "GET, HEAD";
        text(out, 405, "only GET and HEAD\n");
        return;
    }
    if (strcmp(path, "/healthz") == 0) {
        text(out, 200, "ok\n");
        return;
    }
    if (st->token && !serve_token_ok(st->token, req->authorization)) {
        out->www_authenticate = "Bearer";
        text(out, 401, "a bearer token is needed\n");
        return;
    }
    if (strcmp(path, "/") == 0) {
        out->status = 200;
        out->content_type = "text/plain; charset=utf-8";
        latest(st, ROUTE_TEXT, false, &eo, out);
    } else if (strcmp(path, "/metrics") == 0) {
        bool om = openmetrics_wanted(req->accept);
        out->status = 200;
        out->content_type = metrics_content_type(om);
        latest(st, om ? ROUTE_OPENMETRICS : ROUTE_METRICS, om, &eo, out);
    } else if (strcmp(path, "/api/v1/snapshot") == 0) {
        snapshot(st, req, out);
    } else if (strcmp(path, "/api/v1/events") == 0) {
        events(st, req, out);
    } else if (strcmp(path, "/api/v1/history") == 0) {
        history(st, req, out);
    } else {
        text(out, 404, "not found\n");
    }
}
