/* Reading a Server-Sent Events stream (the WHATWG "text/event-stream"
 * format), as sitrep serve's /api/v1/events writes it, incrementally:
 * bytes in as they arrive, whole events out. The stream is remote input:
 * lines and event data are bounded, a longer one is dropped whole (and
 * counted), never truncated into something else. */
#ifndef SITREP_SSE_H
#define SITREP_SSE_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/buf.h"

#define SSE_MAX_LINE 65536
#define SSE_MAX_DATA (1024 * 1024)

/* One dispatched event. id is the last event id seen on the stream (it
 * carries over, as the format says), "" when none; type is "message" when
 * the event named none. Valid during the callback only. */
struct sse_event {
    const char *id;
    const char *type;
    const char *data; /* lines joined with '\n' */
    size_t len;
};

typedef void (*sse_event_fn)(void *user, const struct sse_event *ev);

struct sse_parser {
    struct buf line, data;
    char id[128], type[64];
    bool has_data, skipping, cr; /* skipping: an over-long line; cr: last byte was CR */
    bool bom_checked;
    int bom_pos;     /* bytes of a byte order mark seen so far */
    long retry_ms;   /* the server's "retry:" advice, -1 when none */
    size_t dropped;  /* over-long lines or events dropped */
    size_t comments; /* ": ping" lines: the server is there */
    sse_event_fn on_event;
    void *user;
};

void sse_init(struct sse_parser *p, sse_event_fn on_event, void *user);
/* Feeds n bytes; calls on_event for each event they complete. */
void sse_feed(struct sse_parser *p, const char *bytes, size_t n);
/* Forgets a partial event (a new connection), keeps the last id. */
void sse_reset(struct sse_parser *p);
void sse_free(struct sse_parser *p);

#endif
