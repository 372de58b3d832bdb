/* The fetcher: parallel HTTP(S) transfers on one libcurl multi handle,
 * driven by fetcher_wait() from the single event loop. The only module
 * that knows curl. Hardened as docs/architecture.md says: https/http only (a
 * replay reads its files itself), at most 5 redirects, connect and
 * total and low-speed timeouts, a byte cap counted on decoded bytes,
 * certificate checks always on, proxy variables honoured, HTTP status
 * always checked, an identifying User-Agent. */
#ifndef SITREP_FETCH_H
#define SITREP_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct fetch_opts {
    long connect_timeout_ms;    /* 0: 10 s */
    long total_timeout_ms;      /* 0: 30 s */
    size_t max_bytes;           /* 0: 8 MiB, counted after decompression */
    long max_redirects;         /* 0: 5 */
    long max_host_connections;  /* 0: 2 */
    long max_total_connections; /* 0: 32 */
    const char *ca_file;        /* NULL: the system's CA store */
    bool keep_headers;          /* fill fetch_result.headers (for --record) */
    /* Never wait for a busy connection to see whether it can multiplex:
     * for a viewer, whose event streams hold their HTTP/1.1 connections
     * for good (libcurl would queue the next request behind them). */
    bool no_pipewait;
};

/* What a finished transfer gives its callback. Pointers are valid only
 * during the callback. */
struct fetch_result {
    const char *url;
    bool ok;           /* completed with a 2xx (or a file was read) */
    bool not_modified; /* 304: the caller's copy is current */
    long http_status;  /* 0 when there was no HTTP response */
    bool unreachable;  /* the server did not answer in full: timeout, refused,
                          reset, DNS failure, truncated body */
    const char *body;  /* NUL-terminated; "" when none */
    size_t len;
    const char *error;    /* when !ok: why, one line */
    long retry_after_s;   /* from Retry-After (seconds or a date), 0 when absent */
    const char *etag;     /* validated ETag, or NULL */
    const char *charset;  /* Content-Type's charset, lowercased (httphdr.h), or NULL */
    time_t last_modified; /* from Last-Modified, 0 when absent */
    double elapsed_s;
    /* With keep_headers: the final response's header lines, "Name: value"
     * each ending in a newline, Set-Cookie left out; else NULL. */
    const char *headers;
};

/* One GET. etag and last_modified (NULL / 0 when unknown) make it
 * conditional; timeout_ms 0 keeps the fetcher's total timeout. */
struct fetch_request {
    const char *url;
    const char *etag;
    time_t last_modified;
    long timeout_ms;
    /* Credentials, never logged or echoed: a Bearer token for the request,
     * or HTTP Basic user and password with post set (an OAuth token
     * request, whose body is empty: parameters are in the URL). */
    const char *bearer;
    const char *basic_user, *basic_pass;
    bool post;
    /* With post: the body (copied; NULL for none) and its type. */
    const char *body;
    size_t body_len;
    const char *content_type;
    /* A stream (Server-Sent Events): the body of a 2xx answer goes to
     * on_data as it arrives instead of being kept (false from on_data ends
     * the transfer), with no total timeout; a stream silent for
     * FETCH_STREAM_SILENCE_S is cut. done is still called once at the end
     * (its body is empty). accept, when set, is sent as Accept. */
    bool (*on_data)(void *user, const char *data, size_t len);
    const char *accept;
    /* One more request header, "Name: value", sent only when it is
     * printable ASCII (Last-Event-ID on a reconnection). */
    const char *header;
};

#define FETCH_STREAM_SILENCE_S 45

typedef void (*fetch_done_fn)(void *user, const struct fetch_result *res);

struct fetcher;

/* Returns NULL with a message in err when libcurl cannot be set up. */
struct fetcher *fetcher_new(const struct fetch_opts *opts, char *err, size_t errlen);
/* Aborts running transfers (without calling their callbacks) and frees. */
void fetcher_free(struct fetcher *f);

/* Starts a request. done is called from fetcher_wait() exactly once.
 * Returns 0, or -1 with a message in err (refused scheme, libcurl failure);
 * then done is never called. */
int fetcher_add(struct fetcher *f, const struct fetch_request *req, fetch_done_fn done, void *user,
                char *err, size_t errlen);

/* True when the string may be sent back in If-None-Match: RFC 9110 etagc
 * bytes only, so a hostile ETag cannot inject request headers. */
bool fetcher_etag_valid(const char *etag);

/* Transfers libcurl holds (tests check the poller never gives it more than "connections"). */
size_t fetcher_running(const struct fetcher *f);

/* Waits at most timeout_ms for network activity or for one of the nfds
 * extra descriptors to become readable (ready[i] is set for those), drives
 * the transfers and calls the callbacks of finished ones. Returns 0, or -1
 * when libcurl's multi interface fails. */
int fetcher_wait(struct fetcher *f, const int *fds, size_t nfds, bool *ready, int timeout_ms);

/* The User-Agent sent with every request. */
const char *fetcher_user_agent(void);

/* The libcurl this process runs with, for --version: its version, its TLS
 * library ("" without one), and what it can do. */
struct fetch_library {
    const char *version;
    const char *tls;
    bool http2, ipv6, gzip, brotli, zstd;
};
void fetch_library(struct fetch_library *lib);

#endif
