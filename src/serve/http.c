/* The HTTP server of sitrep serve (see http.h). */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "sitrep/http.h"
#include "sitrep/xalloc.h"

#define DEFAULT_CONNS   1200
#define DEFAULT_TIMEOUT 30
/* Request line and headers, and the buffers of one connection: a 10 MB
 * header is refused, not read. */
#define CONN_MEMORY  (64 * 1024)
#define STREAM_BLOCK 4096

/* One request in progress; an event stream lives as long as its request. */
struct conn {
    struct http_server *h;
    struct MHD_Connection *c;
    char *query;
    bool stream, suspended, closing, ping;
    uint64_t after;
    struct buf pending;
    size_t off;
    struct conn *prev, *next; /* streams only */
};

struct http_server {
    struct MHD_Daemon *d;
    http_state_fn state;
    void *ctx;
    struct conn *streams;
};

/* The raw request target, before MHD splits and decodes it: the query
 * string is ours to parse (strictly, query.h). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct conn *k = xcalloc(1, sizeof *k);
    const char *q = strchr(uri, '?');

    k->h = cls;
    k->c = c;
    k->query = q ? xstrdup(q + 1) : NULL;
    return k;
}

static void unlink_stream(struct http_server *h, struct conn *k)
{
    if (!k->stream)
        return;
    if (k->prev)
        k->prev->next = k->next;
    else
        h->streams = k->next;
    if (k->next)
        k->next->prev = k->prev;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req,
                         enum MHD_RequestTerminationCode why)
{
    struct conn *k = *req;

    (void)cls;
    (void)c;
    (void)why;
    if (!k)
        return;
    unlink_stream(k->h, k);
    buf_free(&k->pending);
    free(k->query);
    free(k);
    *req = NULL;
}

/* An event stream's body: what is pending, then the events after the
 * last one sent; suspended while there is none. A viewer that fell out of
 * the ring gets its resync event and the end of the stream. */
static ssize_t read_stream(void *cls, uint64_t pos, char *out, size_t max)
{
    struct conn *k = cls;
    size_t n;

    (void)pos;
    if (k->off >= k->pending.len) {
        struct serve_state st = {0};
        if (k->closing)
            return MHD_CONTENT_READER_END_OF_STREAM;
        buf_reset(&k->pending);
        k->off = 0;
        k->h->state(k->h->ctx, &st);
        k->after = events_write_since(st.events, k->after, &k->pending);
        k->closing = strstr(buf_str(&k->pending), "\nevent: resync\n") != NULL;
        if (k->pending.len == 0 && k->ping)
            buf_puts(&k->pending, ": ping\n\n");
        k->ping = false;
        if (k->pending.len == 0) {
            MHD_suspend_connection(k->c);
            k->suspended = true;
            return 0;
        }
    }
    n = k->pending.len - k->off < max ? k->pending.len - k->off : max;
    memcpy(out, k->pending.data + k->off, n);
    k->off += n;
    return (ssize_t)n;
}

static void add_headers(struct MHD_Response *r, const struct serve_response *out)
{
    MHD_add_response_header(r, "Content-Type", out->content_type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (out->allow)
        MHD_add_response_header(r, "Allow", out->allow);
    if (out->www_authenticate)
        MHD_add_response_header(r, "WWW-Authenticate", out->www_authenticate);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req)
{
    struct http_server *h = cls;
    struct conn *k = *req;
    struct serve_state st = {0};
    struct serve_request rq = {.method = method, .path = url};
    struct serve_response out;
    struct MHD_Response *r;
    enum MHD_Result ok;

    (void)version;
    (void)upload;
    if (!k)
        return MHD_NO;
    if (*upload_size) {
        *upload_size = 0; /* a body is never read: the answer is 405 */
        return MHD_YES;
    }
    rq.query = k->query;
    rq.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
    rq.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    rq.last_event_id = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Last-Event-ID");
    h->state(h->ctx, &st);
    serve_route(&st, &rq, &out);
    if (out.stream && strcmp(method, "GET") == 0) {
        k->stream = true;
        k->after = out.event_after;
        k->pending = out.body;
        memset(&out.body, 0, sizeof out.body);
        k->next = h->streams;
        if (h->streams)
            h->streams->prev = k;
        h->streams = k;
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK, read_stream, k, NULL);
    } else { /* the body is handed over, not copied: a scrape can be megabytes */
        size_t len = out.body.len;
        char *body = buf_detach(&out.body);
        r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
        if (!r)
            free(body);
    }
    if (!r) {
        buf_free(&out.body);
        return MHD_NO;
    }
    add_headers(r, &out);
    ok = MHD_queue_response(c, (unsigned)out.status, r);
    MHD_destroy_response(r);
    buf_free(&out.body);
    return ok;
}

/* The listening address: numeric only, so no name lookup can block. */
static int parse_address(const char *addr, unsigned short port, struct sockaddr_storage *ss,
                         bool *v6)
{
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

    memset(ss, 0, sizeof *ss);
    *v6 = false;
    if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        return 0;
    }
    if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        *v6 = true;
        return 0;
    }
    return -1;
}

struct http_server *http_start(const struct http_opts *o, http_state_fn state, void *ctx, char *err,
                               size_t errlen)
{
    struct http_server *h = xcalloc(1, sizeof *h);
    struct sockaddr_storage ss;
    unsigned conns = o->max_conns ? o->max_conns : DEFAULT_CONNS;
    unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME;
    bool v6;

    if (parse_address(o->address ? o->address : "127.0.0.1", o->port, &ss, &v6) != 0) {
        snprintf(err, errlen, "'%s' is not a numeric IPv4 or IPv6 address", o->address);
        free(h);
        return NULL;
    }
    if (v6)
        flags |= MHD_USE_IPv6;
    h->state = state;
    h->ctx = ctx;
    h->d = MHD_start_daemon(
        flags, o->port, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        o->per_ip ? o->per_ip : conns, MHD_OPTION_CONNECTION_TIMEOUT,
        o->timeout_s ? o->timeout_s : DEFAULT_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)CONN_MEMORY, MHD_OPTION_URI_LOG_CALLBACK, on_uri, h, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, h, MHD_OPTION_END);
    if (!h->d) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use, or not an address here?)",
                 o->address ? o->address : "127.0.0.1", o->port);
        free(h);
        return NULL;
    }
    return h;
}

void http_events_ready(struct http_server *h)
{
    for (struct conn *k = h->streams; k; k = k->next) {
        if (k->suspended) {
            k->suspended = false;
            MHD_resume_connection(k->c);
        }
    }
}

void http_ping(struct http_server *h)
{
    for (struct conn *k = h->streams; k; k = k->next)
        k->ping = true;
    http_events_ready(h);
}

void http_stop(struct http_server *h)
{
    if (!h)
        return;
    for (struct conn *k = h->streams; k; k = k->next) {
        k->closing = true;
        k->off = k->pending.len;
    }
    http_events_ready(h); /* MHD must not stop with suspended connections */
    MHD_stop_daemon(h->d);
    free(h);
}

int http_fd(const struct http_server *h)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD);

    return i ? i->epoll_fd : -1;
}

long http_timeout_ms(const struct http_server *h)
{
    MHD_UNSIGNED_LONG_LONG ms;

    if (MHD_get_timeout(h->d, &ms) != MHD_YES)
        return -1;
    return ms > 60000 ? 60000 : (long)ms;
}

void http_run(struct http_server *h)
{
    MHD_run(h->d);
}

unsigned short http_port(const struct http_server *h)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);

    return i ? i->port : 0;
}

const char *http_library_version(void)
{
    return MHD_get_version();
}
