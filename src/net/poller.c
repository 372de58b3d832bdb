/* The poller (see poller.h): a per-source schedule on top of the fetcher. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "net_internal.h"
#include "sitrep/buf.h"
#include "sitrep/credentials.h"
#include "sitrep/poller.h"
#include "sitrep/xalloc.h"

#define TOKEN_MARGIN_MS 60000 /* renew a token this long before it expires */

/* One a source: ten thousand of them add up, so no holes between fields. */
struct slot {
    struct poller *p;
    const struct source_conf *conf;
    char *url;        /* conf->url with the provider's defaults; NULL: conf->url as it is */
    char *cursor_url; /* url with the source's cursor, NULL when it has none */
    char *req_url;    /* the running request's URL, times filled in; NULL between polls */
    struct poll_state st;
    /* sources with auth: credentials, a Bearer token and its expiry */
    struct credentials creds;
    char *token;
    int64_t token_expires_ms;
    uint32_t svc, src;
    uint32_t host; /* in p->hosts */
    bool parked;   /* due, waiting behind its host's cap */
    bool creds_loaded;
    bool retried_401; /* one fresh token per poll after a 401 */
    bool polled;      /* finished at least once */
};

struct poller {
    const struct config *cfg;
    struct fetcher *f;
    struct poll_opts opts;
    poll_clock_fn clock;
    void *clock_ctx;
    poll_done_fn done;
    void *user;
    uint64_t rng;
    struct slot *slots;
    size_t nslots;
    size_t *first;   /* per service, the index of its first slot */
    size_t running;  /* slots with a transfer (a token's or the data's) */
    size_t unpolled; /* slots never finished */
    size_t max_running;
    uint32_t per_host;
    struct due_heap due; /* idle slots by next_due_ms */
    struct hosts hosts;
};

void poller_default_opts(struct poll_opts *opts)
{
    *opts = (struct poll_opts){
        .start_spread_ms = 5000,
        .jitter_pct = 10,
        .backoff_cap_ms = 30L * 60 * 1000,
        .retry_after_cap_ms = 60L * 60 * 1000,
        .slow_ms = 5000,
    };
}

/* xorshift64*: small, seedable, plenty for jitter. */
static uint64_t next_random(struct poller *p)
{
    p->rng ^= p->rng >> 12;
    p->rng ^= p->rng << 25;
    p->rng ^= p->rng >> 27;
    return p->rng * 0x2545F4914F6CDD1DULL;
}

/* A uniform value in [lo, hi]. */
static int64_t random_between(struct poller *p, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)(next_random(p) % (uint64_t)(hi - lo + 1));
}

static int64_t now_ms(const struct poller *p)
{
    return p->clock(p->clock_ctx);
}

static int64_t interval_ms(const struct poller *p, const struct slot *s)
{
    return (int64_t)config_source_interval(p->cfg, s->conf) * 1000;
}

static int64_t floor_ms(const struct poller *p)
{
    return (int64_t)p->cfg->floor_s * 1000;
}

static const char *slot_url(const struct slot *s)
{
    return s->url ? s->url : s->conf->url;
}

struct poller *poller_new(const struct config *cfg, struct fetcher *f, const struct poll_opts *opts,
                          poll_clock_fn clock, void *clock_ctx, poll_done_fn done, void *user)
{
    struct poller *p = xcalloc(1, sizeof *p);
    size_t n = 0;

    p->cfg = cfg;
    p->f = f;
    if (opts)
        p->opts = *opts;
    else
        poller_default_opts(&p->opts);
    p->clock = clock;
    p->clock_ctx = clock_ctx;
    p->done = done;
    p->user = user;
    p->rng = p->opts.seed ? p->opts.seed : (uint64_t)now_ms(p) ^ ((uint64_t)(uintptr_t)p << 16);
    p->rng |= 1;
    p->max_running = (size_t)(p->opts.max_running > 0 ? p->opts.max_running : cfg->connections);
    p->per_host = (uint32_t)(p->opts.per_host > 0 ? p->opts.per_host : cfg->per_host);
    if (p->max_running < 1)
        p->max_running = 1;
    if (p->per_host < 1)
        p->per_host = 1;
    for (size_t i = 0; i < cfg->nservices; i++)
        n += cfg->services[i].nsources;
    p->slots = xcalloc(n ? n : 1, sizeof *p->slots);
    p->first = xcalloc(cfg->nservices ? cfg->nservices : 1, sizeof *p->first);
    due_heap_init(&p->due, n);
    hosts_init(&p->hosts, n);
    int64_t now = now_ms(p);
    for (size_t i = 0; i < cfg->nservices; i++) {
        p->first[i] = p->nslots;
        for (size_t j = 0; j < cfg->services[i].nsources; j++) {
            struct slot *s = &p->slots[p->nslots];
            s->p = p;
            s->svc = (uint32_t)i;
            s->src = (uint32_t)j;
            s->conf = &cfg->services[i].sources[j];
            s->url = provider_request_url(s->conf->provider, s->conf->url);
            if (strcmp(s->url, s->conf->url) == 0) { /* most URLs: not kept twice */
                free(s->url);
                s->url = NULL;
            }
            s->host = hosts_intern(&p->hosts, slot_url(s));
            s->st.next_due_ms = now + random_between(p, 0, p->opts.start_spread_ms);
            due_heap_set(&p->due, (uint32_t)p->nslots, s->st.next_due_ms);
            p->nslots++;
        }
    }
    p->unpolled = p->nslots;
    return p;
}

void poller_free(struct poller *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nslots; i++) {
        free(p->slots[i].st.etag);
        free(p->slots[i].url);
        free(p->slots[i].cursor_url);
        free(p->slots[i].req_url);
        credentials_free(&p->slots[i].creds);
        if (p->slots[i].token) {
            memset(p->slots[i].token, 0, strlen(p->slots[i].token));
            free(p->slots[i].token);
        }
    }
    free(p->slots);
    free(p->first);
    due_heap_free(&p->due);
    hosts_free(&p->hosts);
    free(p);
}

/* ---- after a poll ---------------------------------------------------- */

static bool worth_backing_off(const struct slot *s, const struct fetch_result *res)
{
    /* 429 and 5xx ask for it; no full answer (timeout, refused, reset, DNS)
     * is as good a reason not to hammer. A 404 or a bad body is not. A 401
     * to a source that sends no credentials will not change by asking
     * again every minute (a Mastodon instance that shows its timelines to
     * logged-in readers only). */
    return !res->ok && (res->http_status == 429 || res->http_status >= 500 || res->unreachable ||
                        (res->http_status == 401 && s->conf->auth == AUTH_NONE));
}

/* The interval with +- jitter_pct, never under the floor. */
static int64_t jittered(struct poller *p, int64_t interval)
{
    int64_t spread = interval * p->opts.jitter_pct / 100;
    int64_t v = random_between(p, interval - spread, interval + spread);

    return v < floor_ms(p) ? floor_ms(p) : v;
}

/* Full jitter over an exponentially growing window that starts at the
 * interval: never sooner than a normal poll, on average much later. */
static int64_t backoff_delay(struct poller *p, struct slot *s, const struct fetch_result *res)
{
    int64_t interval = interval_ms(p, s), window = interval, cap = p->opts.backoff_cap_ms;
    int64_t delay, retry_after;

    if (res->http_status == 401 && s->conf->auth == AUTH_NONE)
        return jittered(p, cap); /* a login will not come by itself: the longest wait */
    if (s->st.backoff_level < 30)
        s->st.backoff_level++;
    for (int i = 0; i < s->st.backoff_level && window < cap; i++)
        window *= 2;
    if (window > cap)
        window = cap < interval ? interval : cap;
    delay = random_between(p, interval, window);
    retry_after = (int64_t)res->retry_after_s * 1000;
    if (retry_after > p->opts.retry_after_cap_ms)
        retry_after = p->opts.retry_after_cap_ms;
    return retry_after > delay ? retry_after : delay;
}

static void remember_validators(struct slot *s, const struct fetch_result *res)
{
    if (res->not_modified)
        return; /* a 304 confirms what we hold */
    free(s->st.etag);
    s->st.etag = res->etag ? xstrdup(res->etag) : NULL;
    s->st.last_modified = res->last_modified;
}

static void schedule(struct poller *p, struct slot *s, const struct fetch_result *res)
{
    int64_t now = now_ms(p);

    s->st.http_status = res->http_status;
    s->st.elapsed_ms = (long)(res->elapsed_s * 1000);
    s->st.slow = res->ok && s->st.elapsed_ms > p->opts.slow_ms;
    if (res->ok)
        remember_validators(s, res);
    if (worth_backing_off(s, res)) {
        s->st.backoff_until_ms = now + backoff_delay(p, s, res);
        s->st.next_due_ms = s->st.backoff_until_ms;
        return;
    }
    s->st.backoff_level = 0;
    s->st.backoff_until_ms = 0;
    s->st.next_due_ms = now + jittered(p, interval_ms(p, s));
}

static uint32_t slot_no(const struct poller *p, const struct slot *s)
{
    return (uint32_t)(s - p->slots);
}

/* The poll of s is over: its room goes to the next in line. */
static void finish(struct poller *p, struct slot *s, const struct fetch_result *res)
{
    struct host_entry *h = &p->hosts.v[s->host];

    s->st.running = false;
    p->running--;
    h->running--;
    hosts_wake(&p->hosts, s->host, p->per_host);
    if (!s->polled) {
        s->polled = true;
        p->unpolled--;
    }
    schedule(p, s, res);
    due_heap_set(&p->due, slot_no(p, s), s->st.next_due_ms);
    p->done(p->user, s->svc, s->src, res);
    /* Nothing of a poll stays for the next one but validators: the next
     * request's URL is made anew (its times change anyway). */
    free(s->req_url);
    s->req_url = NULL;
}

/* A poll that failed before any transfer (credentials, refused URL). */
static void fail_early(struct poller *p, struct slot *s, const char *why)
{
    struct fetch_result r = {.url = slot_url(s), .body = "", .error = why};

    finish(p, s, &r);
}

static void start_token(struct poller *p, struct slot *s);

static void drop_token(struct slot *s)
{
    if (s->token) {
        memset(s->token, 0, strlen(s->token));
        free(s->token);
    }
    s->token = NULL;
    s->token_expires_ms = 0;
}

static void on_done(void *user, const struct fetch_result *res)
{
    struct slot *s = user;
    struct poller *p = s->p;

    if (s->conf->auth != AUTH_NONE && res->http_status == 401 && !s->retried_401) {
        /* revoked or expired early: one fresh token, then the same poll */
        s->retried_401 = true;
        drop_token(s);
        start_token(p, s);
        return;
    }
    s->retried_401 = false;
    finish(p, s, res);
    poller_start_due(p);
}

char *poller_expand_times(const char *url, int64_t now_s)
{
    struct buf b = {0};
    const char *p = url;

    for (const char *at; (at = strstr(p, "{now")) != NULL;) {
        char *end;
        long long back = 0;
        const char *q = at + 4;
        if (*q == '-') {
            back = strtoll(q + 1, &end, 10);
            q = end == q + 1 || back < 0 || back > 366LL * 86400 ? NULL : end;
        }
        if (!q || *q != '}') { /* not a time: kept as it is */
            buf_append(&b, p, (size_t)(at - p) + 4);
            p = at + 4;
            continue;
        }
        buf_append(&b, p, (size_t)(at - p));
        buf_printf(&b, "%lld", (long long)now_s - back);
        p = q + 1;
    }
    buf_puts(&b, p);
    return buf_detach(&b);
}

/* url without its parameter named like param's ("min_id="), then param. */
static char *with_param(const char *url, const char *param)
{
    size_t keylen = strcspn(param, "=") + 1, n = strcspn(url, "#");
    const char *q = memchr(url, '?', n);
    struct buf b = {0};

    if (!q) {
        buf_printf(&b, "%.*s?%s", (int)n, url, param);
        return buf_detach(&b);
    }
    buf_append(&b, url, (size_t)(q - url));
    char sep = '?';
    for (const char *at = q + 1; at < url + n;) {
        size_t len = strcspn(at, "&#");
        if (at + len > url + n)
            len = (size_t)(url + n - at);
        if (len && strncmp(at, param, keylen) != 0) {
            buf_putc(&b, sep);
            buf_append(&b, at, len);
            sep = '&';
        }
        at += len + 1;
    }
    buf_printf(&b, "%c%s", sep, param);
    return buf_detach(&b);
}

void poller_set_cursor(struct poller *p, size_t svc, size_t src, const char *param)
{
    struct slot *s;

    if (svc >= p->cfg->nservices || src >= p->cfg->services[svc].nsources || !param ||
        !strchr(param, '=') || strpbrk(param, "&#? \r\n"))
        return;
    s = &p->slots[p->first[svc] + src];
    free(s->cursor_url);
    s->cursor_url = with_param(slot_url(s), param);
}

/* ---- starting polls -------------------------------------------------- */

static void start_data(struct poller *p, struct slot *s)
{
    free(s->req_url);
    s->req_url = poller_expand_times(s->cursor_url ? s->cursor_url : slot_url(s), now_ms(p) / 1000);
    struct fetch_request req = {
        .url = s->req_url,
        .etag = s->st.etag,
        .last_modified = s->st.last_modified,
        .timeout_ms = (long)config_source_timeout(p->cfg, s->conf) * 1000,
        .bearer = s->token,
        /* the URL's own user:password, kept out of the URL (config.h) */
        .basic_user = s->conf->url_user,
        .basic_pass = s->conf->url_password ? s->conf->url_password : "",
    };
    char err[256];

    if (fetcher_add(p->f, &req, on_done, s, err, sizeof err) != 0)
        fail_early(p, s, err);
}

static void on_token_done(void *user, const struct fetch_result *res)
{
    struct slot *s = user;
    struct poller *p = s->p;
    long expires_s;
    char err[256], why[300];

    if (!res->ok) {
        struct fetch_result r = *res;
        snprintf(why, sizeof why, "token request: %s", res->error ? res->error : "failed");
        r.error = why;
        /* nothing of the token exchange travels further (a recording): */
        r.url = slot_url(s);
        r.body = "";
        r.len = 0;
        r.headers = NULL;
        finish(p, s, &r);
        poller_start_due(p);
        return;
    }
    drop_token(s);
    if (oauth_parse_token(res->body, res->len, &s->token, &expires_s, err, sizeof err) != 0) {
        snprintf(why, sizeof why, "token request: %s", err);
        fail_early(p, s, why);
        poller_start_due(p);
        return;
    }
    s->token_expires_ms = now_ms(p) + expires_s * 1000;
    start_data(p, s);
}

/* The token endpoint: token_url, else the API's own next to url. */
static char *token_url(const struct source_conf *conf)
{
    const char *host = strstr(conf->url, "://");
    size_t origin;

    if (conf->token_url)
        return xstrdup(conf->token_url);
    host = host ? host + 3 : conf->url;
    origin = (size_t)(host - conf->url) + strcspn(host, "/?#");
    return xasprintf("%.*s/v2/tokens?grant_type=client_credentials", (int)origin, conf->url);
}

static void start_token(struct poller *p, struct slot *s)
{
    char *url = token_url(s->conf), err[256];
    struct fetch_request req = {
        .url = url,
        .timeout_ms = (long)config_source_timeout(p->cfg, s->conf) * 1000,
        .basic_user = s->creds.client_id,
        .basic_pass = s->creds.client_secret,
        .post = true,
    };
    int rc = fetcher_add(p->f, &req, on_token_done, s, err, sizeof err);

    free(url);
    if (rc != 0)
        fail_early(p, s, err);
}

static void start(struct poller *p, struct slot *s, int64_t now)
{
    char err[300];

    s->st.last_start_ms = now;
    s->st.running = true;
    p->running++;
    p->hosts.v[s->host].running++;
    if (s->conf->auth == AUTH_NONE) {
        start_data(p, s);
        return;
    }
    if (!s->creds_loaded) {
        if (credentials_load(s->conf->credentials, &s->creds, err, sizeof err) != 0) {
            fail_early(p, s, err);
            return;
        }
        s->creds_loaded = true;
    }
    if (s->token && s->token_expires_ms - now > TOKEN_MARGIN_MS)
        start_data(p, s);
    else
        start_token(p, s);
}

/* The next slot that may start now: one waiting behind a host that has
 * room again (it has waited longest), else the earliest due one, parking
 * those whose host is full on the way. */
static struct slot *next_startable(struct poller *p, int64_t now)
{
    uint32_t n = hosts_take_ready(&p->hosts, p->per_host);
    int64_t due;

    if (n != QUEUE_NONE) {
        p->slots[n].parked = false;
        return &p->slots[n];
    }
    while ((n = due_heap_peek(&p->due, &due)) != QUEUE_NONE && due <= now) {
        struct slot *s = &p->slots[n];
        due_heap_pop(&p->due);
        if (p->hosts.v[s->host].running < p->per_host)
            return s;
        s->parked = true;
        hosts_park(&p->hosts, s->host, n);
    }
    return NULL;
}

void poller_start_due(struct poller *p)
{
    int64_t now = now_ms(p);
    struct slot *s;

    while (p->running < p->max_running && (s = next_startable(p, now)))
        start(p, s, now);
}

/* Makes slot i due as soon as its floor and any backoff allow; true when
 * that is now or it is already waiting for room. */
static bool due_soon(struct poller *p, size_t i, int64_t now)
{
    struct slot *s = &p->slots[i];
    int64_t earliest = now;

    if (s->st.running || s->parked)
        return s->parked;
    if (s->st.last_start_ms && s->st.last_start_ms + floor_ms(p) > earliest)
        earliest = s->st.last_start_ms + floor_ms(p);
    if (s->st.backoff_until_ms > earliest)
        earliest = s->st.backoff_until_ms;
    if (earliest < s->st.next_due_ms) {
        s->st.next_due_ms = earliest;
        due_heap_set(&p->due, (uint32_t)i, earliest);
    }
    return s->st.next_due_ms <= now;
}

size_t poller_refresh(struct poller *p)
{
    int64_t now = now_ms(p);
    size_t ready = 0;

    for (size_t i = 0; i < p->nslots; i++)
        ready += due_soon(p, i, now);
    return ready;
}

int64_t poller_next_due(const struct poller *p)
{
    int64_t now = now_ms(p), due;
    const struct hosts *t = &p->hosts;

    if (p->running >= p->max_running)
        return -1;
    for (uint32_t h = t->ready_head; h != QUEUE_NONE; h = t->v[h].ready_next) {
        if (t->v[h].park_head != QUEUE_NONE && t->v[h].running < p->per_host)
            return 0;
    }
    if (due_heap_peek(&p->due, &due) == QUEUE_NONE)
        return -1;
    return due <= now ? 0 : due - now;
}

bool poller_idle(const struct poller *p)
{
    return p->running == 0;
}

size_t poller_running(const struct poller *p)
{
    return p->running;
}

/* Heap entries due by now: the heap order lets the walk stop early. */
static size_t due_by(const struct due_heap *h, size_t i, int64_t now)
{
    if (i >= h->n || h->key[i] > now)
        return 0;
    return 1 + due_by(h, 2 * i + 1, now) + due_by(h, 2 * i + 2, now);
}

size_t poller_queued(const struct poller *p)
{
    return hosts_parked(&p->hosts) + due_by(&p->due, 0, now_ms(p));
}

bool poller_all_polled(const struct poller *p)
{
    return p->unpolled == 0 && p->running == 0;
}

const struct poll_state *poller_state(const struct poller *p, size_t svc, size_t src)
{
    if (svc >= p->cfg->nservices || src >= p->cfg->services[svc].nsources)
        return NULL;
    return &p->slots[p->first[svc] + src].st;
}

/* ---- how many at once ------------------------------------------------- */

long poller_plan_running(long wanted, long soft, long hard, long *raise_to)
{
    long fit, need;

    if (wanted < 1)
        wanted = 1;
    if (wanted > POLLER_MAX_RUNNING)
        wanted = POLLER_MAX_RUNNING;
    need = POLLER_FD_RESERVE + wanted * POLLER_FDS_PER_TRANSFER;
    *raise_to = soft;
    if (need <= soft)
        return wanted;
    if (hard < 0 || need <= hard) { /* negative: unlimited */
        *raise_to = need;
        return wanted;
    }
    *raise_to = hard;
    fit = (hard - POLLER_FD_RESERVE) / POLLER_FDS_PER_TRANSFER;
    return fit < 1 ? 1 : fit;
}

static long rlim_long(rlim_t v)
{
    return v == RLIM_INFINITY || v > (rlim_t)0x7fffffff ? -1 : (long)v;
}

long poller_fit_running(long wanted, char *note, size_t notelen)
{
    struct rlimit rl;
    long raise_to, soft, hard, got;

    note[0] = '\0';
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return wanted < POLLER_MAX_RUNNING ? wanted : POLLER_MAX_RUNNING;
    soft = rlim_long(rl.rlim_cur);
    hard = rlim_long(rl.rlim_max);
    if (soft < 0) /* unlimited */
        soft = 0x7fffffff;
    got = poller_plan_running(wanted, soft, hard, &raise_to);
    if (raise_to > soft) {
        rl.rlim_cur = (rlim_t)raise_to;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0) /* keep what we have */
            got = poller_plan_running(wanted, soft, soft, &raise_to);
    }
    if (got < wanted && wanted > POLLER_MAX_RUNNING && got == POLLER_MAX_RUNNING)
        snprintf(note, notelen,
                 "connections = %ld: using %d, the most one sitrep runs at once "
                 "(more would only cost memory)",
                 wanted, POLLER_MAX_RUNNING);
    else if (got < wanted)
        snprintf(note, notelen,
                 "connections = %ld: using %ld, as the open-file limit (ulimit -n, %ld) "
                 "allows with %d kept for the database, the terminal and the server",
                 wanted, got, raise_to, POLLER_FD_RESERVE);
    return got;
}

/* ---- a reload ---------------------------------------------------------- */

void poller_retarget(struct poller *p, const struct config *cfg)
{
    p->cfg = cfg;
    for (size_t i = 0; i < p->nslots; i++) {
        struct slot *s = &p->slots[i];
        s->conf = &cfg->services[s->svc].sources[s->src];
    }
}

void poller_forget(struct poller *p, size_t svc, size_t src)
{
    struct slot *s;

    if (svc >= p->cfg->nservices || src >= p->cfg->services[svc].nsources)
        return;
    s = &p->slots[p->first[svc] + src];
    free(s->st.etag);
    s->st.etag = NULL;
    s->st.last_modified = 0;
    free(s->cursor_url); /* what came before the cursor is wanted again too */
    s->cursor_url = NULL;
    due_soon(p, p->first[svc] + src, now_ms(p));
}

static size_t str_bytes(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

size_t poller_held_bytes(const struct poller *p, size_t svc, size_t src)
{
    const struct slot *s;

    if (svc >= p->cfg->nservices || src >= p->cfg->services[svc].nsources)
        return 0;
    s = &p->slots[p->first[svc] + src];
    return sizeof *s + str_bytes(s->url) + str_bytes(s->cursor_url) + str_bytes(s->req_url) +
           str_bytes(s->st.etag) + str_bytes(s->token) + str_bytes(s->creds.client_id) +
           str_bytes(s->creds.client_secret);
}
