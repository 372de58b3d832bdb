/* The HTTP server of sitrep serve, on libmicrohttpd, driven from the one
 * event loop: it has no thread of its own; its sockets sit behind one
 * descriptor (http_fd) that the loop waits on beside curl's, and
 * http_run() does whatever is ready. What to answer is routes.h's.
 *
 * Limits: a connection limit (and one per client address), a timeout for
 * connections that stop moving, a memory limit per connection that caps
 * the request line and headers. Event streams (SSE) are suspended while
 * there is nothing new and resumed by http_events_ready(); a viewer too
 * slow for the event ring gets a resync and is let go; one that stops
 * reading times out. Nothing a client sends can make the loop wait. */
#ifndef SITREP_HTTP_H
#define SITREP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/routes.h"

struct http_opts {
    const char *address; /* numeric IPv4 or IPv6; NULL: 127.0.0.1 */
    unsigned short port; /* 0: any free one (http_port() says which) */
    unsigned max_conns;  /* 0: 1200 */
    unsigned per_ip;     /* 0: max_conns */
    unsigned timeout_s;  /* 0: 30 */
};

struct http_server;

/* Starts listening. state() gives the routes' view of the engine at the
 * moment of a request. Returns NULL with a message in err. */
typedef void (*http_state_fn)(void *ctx, struct serve_state *st);
struct http_server *http_start(const struct http_opts *o, http_state_fn state, void *ctx, char *err,
                               size_t errlen);
/* Resumes every suspended stream, stops listening, frees. */
void http_stop(struct http_server *h);

/* The descriptor to wait on (readable when anything is ready). */
int http_fd(const struct http_server *h);
/* The most the loop may wait before calling http_run(), in ms; -1: no limit. */
long http_timeout_ms(const struct http_server *h);
/* Does all that is ready, without waiting. */
void http_run(struct http_server *h);
/* New events exist: suspended streams go on. */
void http_events_ready(struct http_server *h);
/* Sends every event stream an SSE comment, so that a reader can tell a
 * quiet server from a lost one (call it every HTTP_PING_S). */
#define HTTP_PING_S 15
void http_ping(struct http_server *h);

unsigned short http_port(const struct http_server *h);
/* The libmicrohttpd this process runs with ("0.9.75"), for --version. */
const char *http_library_version(void);

#endif
