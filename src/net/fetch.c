/* The fetcher (see fetch.h): libcurl's multi interface, hardened. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "sitrep/buf.h"
#include "sitrep/fetch.h"
#include "sitrep/httphdr.h"
#include "sitrep/redact.h"
#include "sitrep/xalloc.h"

#define DEFAULT_CONNECT_MS 10000L
#define DEFAULT_TOTAL_MS   30000L
#define DEFAULT_MAX_BYTES  (8u * 1024 * 1024)
#define DEFAULT_REDIRECTS  5L
#define LOW_SPEED_BYTES    64L /* bytes per second ... */
#define LOW_SPEED_TIME     15L /* ... sustained this long, or the transfer is cut */
#define MAX_CONN_AGE_S     3600L
/* libcurl's receive buffer, one per running transfer: its 16 KB default
 * is 5 MB at 300 transfers at once; the body is copied out of it anyway. */
#define RECV_BUFFER_BYTES 4096L

struct transfer {
    struct fetcher *f;
    struct transfer *prev, *next; /* the fetcher's list of running ones */
    CURL *easy;
    struct curl_slist *headers;
    struct buf body;
    bool too_big;
    bool (*on_data)(void *user, const char *data, size_t len);
    bool stopped;     /* on_data asked to end the stream */
    bool conditional; /* sent If-None-Match or If-Modified-Since */
    fetch_done_fn done;
    void *user;
    char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
    CURLM *multi;
    struct fetch_opts opts;
    size_t running;
    char *ca_file; /* opts.ca_file's own copy: the config it came from may be replaced */
    struct transfer *transfers;
};

const char *fetcher_user_agent(void)
{
    return PACKAGE_NAME "/" PACKAGE_VERSION " (+" PACKAGE_BUGREPORT ")";
}

struct fetcher *fetcher_new(const struct fetch_opts *opts, char *err, size_t errlen)
{
    static bool global_done;
    struct fetcher *f;

    if (!global_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(err, errlen, "libcurl initialisation failed");
            return NULL;
        }
        global_done = true;
    }
    f = xcalloc(1, sizeof *f);
    if (opts)
        f->opts = *opts;
    f->ca_file = xstrdup_or_null(f->opts.ca_file);
    f->opts.ca_file = f->ca_file;
    if (!f->opts.connect_timeout_ms)
        f->opts.connect_timeout_ms = DEFAULT_CONNECT_MS;
    if (!f->opts.total_timeout_ms)
        f->opts.total_timeout_ms = DEFAULT_TOTAL_MS;
    if (!f->opts.max_bytes)
        f->opts.max_bytes = DEFAULT_MAX_BYTES;
    if (!f->opts.max_redirects)
        f->opts.max_redirects = DEFAULT_REDIRECTS;
    if (!f->opts.max_host_connections)
        f->opts.max_host_connections = 2;
    if (!f->opts.max_total_connections)
        f->opts.max_total_connections = 32;
    f->multi = curl_multi_init();
    if (!f->multi) {
        snprintf(err, errlen, "libcurl multi handle could not be created");
        free(f->ca_file);
        free(f);
        return NULL;
    }
    curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, f->opts.max_host_connections);
    curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, f->opts.max_total_connections);
    curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    return f;
}

static void transfer_link(struct fetcher *f, struct transfer *t)
{
    t->next = f->transfers;
    if (f->transfers)
        f->transfers->prev = t;
    f->transfers = t;
    f->running++;
}

static void transfer_unlink(struct fetcher *f, struct transfer *t)
{
    if (t->prev)
        t->prev->next = t->next;
    else
        f->transfers = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = t->next = NULL;
    f->running--;
}

static void transfer_free(struct transfer *t)
{
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(t->easy);
    buf_free(&t->body);
    free(t);
}

void fetcher_free(struct fetcher *f)
{
    if (!f)
        return;
    while (f->transfers) {
        struct transfer *t = f->transfers;
        transfer_unlink(f, t);
        curl_multi_remove_handle(f->multi, t->easy);
        transfer_free(t);
    }
    curl_multi_cleanup(f->multi);
    free(f->ca_file);
    free(f);
}

/* libcurl hands decoded bytes here: the cap holds for gzip bombs and for
 * bodies without Content-Length, which MAXFILESIZE does not stop on 7.88. */
static size_t on_write(char *data, size_t size, size_t nmemb, void *userp)
{
    struct transfer *t = userp;
    size_t n = size * nmemb;

    if (t->on_data) {
        long status = 0;
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300) {
            if (!t->on_data(t->user, data, n)) {
                t->stopped = true;
                return 0;
            }
            return n;
        }
    }
    if (t->body.len + n > t->f->opts.max_bytes) {
        t->too_big = true;
        return 0;
    }
    buf_append(&t->body, data, n);
    return n;
}

static bool scheme_is(const char *url, const char *scheme)
{
    size_t n = strlen(scheme);

    return strncasecmp(url, scheme, n) == 0 && url[n] == ':';
}

/* Which schemes a URL may use, and where its redirects may go. */
static int pick_protocols(const char *url, const char **protos, const char **redir)
{
    if (scheme_is(url, "https")) {
        *protos = "https";
        *redir = "https";
    } else if (scheme_is(url, "http")) {
        *protos = "http";
        *redir = "http,https";
    } else {
        return -1;
    }
    return 0;
}

static void set_options(struct transfer *t, const char *url, const char *protos, const char *redir)
{
    const struct fetch_opts *o = &t->f->opts;
    CURL *e = t->easy;

    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protos);
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, redir);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, o->max_redirects);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->total_timeout_ms);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_TIME);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, fetcher_user_agent());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->ca_file)
        curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_file);
    curl_easy_setopt(e, CURLOPT_MAXLIFETIME_CONN, MAX_CONN_AGE_S);
    /* Waiting to learn whether a connection multiplexes pays over TLS,
     * where ALPN tells at the handshake; over plain http it is known only
     * from the first answer, and every other transfer to the host would
     * wait for it with its timeout running. */
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, !o->no_pipewait && scheme_is(url, "https") ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_FILETIME, 1L);
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, RECV_BUFFER_BYTES);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)t);
}

bool fetcher_etag_valid(const char *etag)
{
    return http_etag_valid(etag);
}

/* A token may only hold header-safe bytes; anything else is not sent. */
static bool token_safe(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
            return false;
    }
    return true;
}

/* A header line: printable ASCII with spaces, a colon after a name. */
static bool token_safe_line(const char *s)
{
    const char *colon = strchr(s, ':');

    if (!colon || colon == s)
        return false;
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
            return false;
    }
    return true;
}

static void set_credentials(struct transfer *t, const struct fetch_request *req)
{
    if (req->bearer && *req->bearer && token_safe(req->bearer)) {
        char *h = xasprintf("Authorization: Bearer %s", req->bearer);
        t->headers = curl_slist_append(t->headers, h);
        memset(h, 0, strlen(h)); /* keep secrets out of freed memory */
        free(h);
    }
    if (req->basic_user && req->basic_pass) {
        curl_easy_setopt(t->easy, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(t->easy, CURLOPT_USERNAME, req->basic_user);
        curl_easy_setopt(t->easy, CURLOPT_PASSWORD, req->basic_pass);
    }
    if (req->post) {
        curl_easy_setopt(t->easy, CURLOPT_POST, 1L);
        curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE, (long)(req->body ? req->body_len : 0));
        curl_easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, req->body ? req->body : "");
    }
    if (req->post && req->content_type) {
        char *h = xasprintf("Content-Type: %s", req->content_type);
        t->headers = curl_slist_append(t->headers, h);
        free(h);
    }
}

int fetcher_add(struct fetcher *f, const struct fetch_request *req, fetch_done_fn done, void *user,
                char *err, size_t errlen)
{
    const char *protos, *redir, *url = req->url, *etag = req->etag;
    time_t last_modified = req->last_modified;
    struct transfer *t;

    if (pick_protocols(url, &protos, &redir) != 0) {
        snprintf(err, errlen, "refused URL scheme (only https and http)");
        return -1;
    }
    t = xcalloc(1, sizeof *t);
    t->f = f;
    t->done = done;
    t->user = user;
    t->easy = curl_easy_init();
    if (!t->easy) {
        snprintf(err, errlen, "libcurl could not create a transfer");
        free(t);
        return -1;
    }
    set_options(t, url, protos, redir);
    if (req->timeout_ms > 0)
        curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, req->timeout_ms);
    if (etag && fetcher_etag_valid(etag)) {
        char *h = xasprintf("If-None-Match: %s", etag);
        t->headers = curl_slist_append(t->headers, h);
        free(h);
        t->conditional = true;
    }
    set_credentials(t, req);
    if (req->accept) {
        char *h = xasprintf("Accept: %s", req->accept);
        t->headers = curl_slist_append(t->headers, h);
        free(h);
    }
    if (req->header && token_safe_line(req->header))
        t->headers = curl_slist_append(t->headers, req->header);
    if (req->on_data) {
        t->on_data = req->on_data;
        curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, 0L);
        curl_easy_setopt(t->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(t->easy, CURLOPT_LOW_SPEED_TIME, (long)FETCH_STREAM_SILENCE_S);
        curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, NULL); /* bytes as they come */
        /* A connection of its own, never offered to other requests: they
         * would wait behind a body that does not end. */
        curl_easy_setopt(t->easy, CURLOPT_PIPEWAIT, 0L);
        curl_easy_setopt(t->easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(t->easy, CURLOPT_FORBID_REUSE, 1L);
    }
    if (t->headers)
        curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
    if (last_modified > 0) {
        curl_easy_setopt(t->easy, CURLOPT_TIMECONDITION, (long)CURL_TIMECOND_IFMODSINCE);
        curl_easy_setopt(t->easy, CURLOPT_TIMEVALUE_LARGE, (curl_off_t)last_modified);
        t->conditional = true;
    }
    if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
        snprintf(err, errlen, "libcurl refused the transfer");
        transfer_free(t);
        return -1;
    }
    transfer_link(f, t);
    return 0;
}

size_t fetcher_running(const struct fetcher *f)
{
    return f->running;
}

/* Copies a response header's value when it is printable ASCII. */
static const char *header_value(CURL *e, const char *name, char *out, size_t outlen)
{
    struct curl_header *h = NULL;

    if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value)
        return NULL;
    snprintf(out, outlen, "%s", h->value);
    for (char *p = out; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return NULL;
    }
    return out;
}

/* Our own reading of Retry-After (httphdr.c): libcurl's gave negative
 * values for past dates before 8.12. */
static long retry_after(CURL *e)
{
    char value[300];
    long s = 0;

    if (header_value(e, "Retry-After", value, sizeof value) &&
        http_retry_after(value, time(NULL), &s))
        return s;
    return 0;
}

static bool is_unreachable(CURLcode rc)
{
    static const CURLcode codes[] = {
        CURLE_OPERATION_TIMEDOUT,    CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST,
        CURLE_COULDNT_RESOLVE_PROXY, CURLE_RECV_ERROR,      CURLE_SEND_ERROR,
        CURLE_GOT_NOTHING,           CURLE_PARTIAL_FILE,
    };

    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (rc == codes[i])
            return true;
    }
    return false;
}

static void describe_failure(struct transfer *t, CURLcode rc, struct fetch_result *r, char *msg,
                             size_t msglen)
{
    if (t->too_big)
        snprintf(msg, msglen, "body too large (over %zu bytes)", t->f->opts.max_bytes);
    else if (t->stopped)
        snprintf(msg, msglen, "stream ended by the reader");
    else if (rc != CURLE_OK)
        snprintf(msg, msglen, "%s", t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
    else
        snprintf(msg, msglen, "HTTP %ld", r->http_status);
    redact_in_place(msg); /* a URL in curl's words may carry a redirect's userinfo */
    r->error = msg;
}

/* The final response's headers as "Name: value\n" lines. Cookies are
 * someone's session: they are never kept. */
static void collect_headers(CURL *e, struct buf *out)
{
    struct curl_header *prev = NULL, *h;

    while ((h = curl_easy_nextheader(e, CURLH_HEADER, -1, prev))) {
        if (strcasecmp(h->name, "Set-Cookie") != 0)
            buf_printf(out, "%s: %s\n", h->name, h->value ? h->value : "");
        prev = h;
    }
}

static void finish(struct transfer *t, CURLcode rc)
{
    struct buf headers = {0};
    struct fetch_result r = {0};
    char msg[CURL_ERROR_SIZE + 64], etag[300], ctype[300], charset[48];
    char *url = NULL;
    curl_off_t filetime = -1;
    long unmet = 0;

    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.http_status);

    curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME, &r.elapsed_s);
    curl_easy_getinfo(t->easy, CURLINFO_CONDITION_UNMET, &unmet);
    r.url = url ? url : "";
    r.retry_after_s = retry_after(t->easy);
    r.body = buf_str(&t->body);
    r.len = t->body.len;
    bool is_file = scheme_is(r.url, "file");
    if (rc == CURLE_OK && !t->too_big &&
        (is_file || (r.http_status >= 200 && r.http_status < 300))) {
        r.ok = true;
        r.not_modified = unmet != 0 && t->conditional;
    } else if (rc == CURLE_OK && r.http_status == 304 && t->conditional) {
        r.ok = r.not_modified = true;
    } else if (rc == CURLE_OK && r.http_status == 304) {
        /* "unchanged" when we asked for no comparison: nothing to keep */
        snprintf(msg, sizeof msg, "HTTP 304 Not Modified to a request that held no earlier copy");
        r.error = msg;
    } else {
        describe_failure(t, rc, &r, msg, sizeof msg);
        r.unreachable = !t->too_big && is_unreachable(rc);
    }
    if (r.ok && !is_file) {
        const char *e = header_value(t->easy, "ETag", etag, sizeof etag);
        r.etag = e && fetcher_etag_valid(e) ? e : NULL;
        curl_easy_getinfo(t->easy, CURLINFO_FILETIME_T, &filetime);
        r.last_modified = filetime > 0 ? (time_t)filetime : 0;
    }
    if (!is_file && header_value(t->easy, "Content-Type", ctype, sizeof ctype) &&
        http_content_charset(ctype, charset, sizeof charset))
        r.charset = charset;
    if (t->f->opts.keep_headers && !is_file) {
        collect_headers(t->easy, &headers);
        r.headers = buf_str(&headers);
    }
    t->done(t->user, &r);
    buf_free(&headers);
}

static void drain_messages(struct fetcher *f)
{
    CURLMsg *msg;
    int left;

    while ((msg = curl_multi_info_read(f->multi, &left))) {
        struct transfer *t = NULL;
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *e = msg->easy_handle;
        CURLcode rc = msg->data.result; /* msg is invalid after remove_handle */
        curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&t);
        curl_multi_remove_handle(f->multi, e);
        if (t) {
            transfer_unlink(f, t);
            finish(t, rc);
            transfer_free(t);
        }
    }
}

int fetcher_wait(struct fetcher *f, const int *fds, size_t nfds, bool *ready, int timeout_ms)
{
    struct curl_waitfd few[8], *extra = nfds <= 8 ? few : xcalloc(nfds, sizeof *extra);
    int still = 0;
    CURLMcode mc;

    for (size_t i = 0; i < nfds; i++) {
        extra[i] = (struct curl_waitfd){.fd = fds[i], .events = CURL_WAIT_POLLIN};
        ready[i] = false;
    }
    mc = curl_multi_poll(f->multi, extra, (unsigned)nfds, timeout_ms < 0 ? 0 : timeout_ms, NULL);
    for (size_t i = 0; mc == CURLM_OK && i < nfds; i++)
        ready[i] = (extra[i].revents & CURL_WAIT_POLLIN) != 0;
    if (extra != few)
        free(extra);
    if (mc != CURLM_OK)
        return -1;
    if (curl_multi_perform(f->multi, &still) != CURLM_OK)
        return -1;
    drain_messages(f);
    return 0;
}

void fetch_library(struct fetch_library *lib)
{
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);

    lib->version = v->version;
    lib->tls = v->ssl_version ? v->ssl_version : "";
    lib->http2 = (v->features & CURL_VERSION_HTTP2) != 0;
    lib->ipv6 = (v->features & CURL_VERSION_IPV6) != 0;
    lib->gzip = (v->features & CURL_VERSION_LIBZ) != 0;
    lib->brotli = (v->features & CURL_VERSION_BROTLI) != 0;
    lib->zstd = (v->features & CURL_VERSION_ZSTD) != 0;
}
