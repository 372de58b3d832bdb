/* The poller's queue: its heap and host lists as plain data, then the
 * poller against the loopback server: never more transfers at once than
 * allowed, timeouts that count from a transfer's real start, per-host caps
 * that do not hold other hosts back, and the open-file limit. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../src/net/net_internal.h"
#include "sitrep/buf.h"
#include "sitrep/poller.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

static struct tu_server srv, srv2;

/* ---- the heap and the hosts ------------------------------------------ */

static void test_heap(void)
{
    enum { N = 500 };
    struct due_heap h;
    int64_t key, last = INT64_MIN;
    bool sorted = true, all = true;
    size_t popped = 0;
    unsigned seed = 7;

    due_heap_init(&h, N);
    for (uint32_t s = 0; s < N; s++) {
        seed = seed * 1103515245u + 12345u;
        due_heap_set(&h, s, (int64_t)(seed % 1000));
    }
    /* moves and removals keep the order */
    for (uint32_t s = 0; s < N; s += 7)
        due_heap_set(&h, s, (int64_t)(s % 13) * 100);
    for (uint32_t s = 3; s < N; s += 11)
        due_heap_remove(&h, s);
    due_heap_remove(&h, 3); /* twice: a no-op */
    size_t removed = 0;
    for (uint32_t s = 3; s < N; s += 11)
        removed++;
    ok(h.n == N - removed, "set adds each slot once, remove takes it out (%zu)", h.n);
    while (due_heap_peek(&h, &key) != QUEUE_NONE) {
        uint32_t s = due_heap_pop(&h);
        sorted &= key >= last;
        all &= h.pos[s] == QUEUE_NONE;
        last = key;
        popped++;
    }
    ok(sorted && all, "slots come out earliest due first, %zu of them", popped);
    ok(due_heap_pop(&h) == QUEUE_NONE, "an empty heap gives none");
    due_heap_free(&h);
}

static void test_hosts(void)
{
    struct hosts t;
    uint32_t a, b, c;

    hosts_init(&t, 8);
    a = hosts_intern(&t, "https://Status.Example.com/api/v2/summary.json");
    b = hosts_intern(&t, "https://user@status.example.com/other?x=1");
    c = hosts_intern(&t, "https://status.example.com:8443/api");
    ok(a == b && a != c, "one host whatever the case, path or userinfo; the port counts");
    ok(strcmp(t.v[a].name, "status.example.com") == 0, "named host[:port] in lower case (%s)",
       t.v[a].name);
    hosts_park(&t, a, 5);
    hosts_park(&t, a, 2);
    hosts_park(&t, c, 4);
    t.v[a].running = 2;
    hosts_wake(&t, a, 2);
    ok(hosts_take_ready(&t, 2) == QUEUE_NONE, "a full host wakes no one");
    t.v[a].running = 1;
    hosts_wake(&t, a, 2);
    hosts_wake(&t, a, 2);
    ok(hosts_take_ready(&t, 2) == 5, "a host with room gives its first waiter");
    t.v[a].running = 2; /* the caller started it */
    ok(hosts_take_ready(&t, 2) == QUEUE_NONE, "then none while it is full again");
    ok(hosts_parked(&t) == 2, "two still wait");
    hosts_free(&t);
}

static void test_plan(void)
{
    long raise = 0;

    ok(poller_plan_running(300, 20000, 20000, &raise) == 300 && raise == 20000,
       "300 at once fit a limit of 20000 as it is");
    ok(poller_plan_running(600, 1024, 4096, &raise) == 600 && raise == 128 + 600 * 2,
       "600 need the soft limit raised to %ld, within the hard one", raise);
    ok(poller_plan_running(600, 1024, 1024, &raise) == (1024 - 128) / 2 && raise == 1024,
       "with a hard limit of 1024, (1024 - 128) / 2 at once");
    ok(poller_plan_running(100000, 20000, -1, &raise) == POLLER_MAX_RUNNING,
       "100000 at once become %d, whatever the limit", POLLER_MAX_RUNNING);
    ok(poller_plan_running(5, 100, 100, &raise) == 1, "a tiny limit still leaves one");
}

/* In a child: the limit lowered for real, then asked for more than it holds. */
static void test_fit_rlimit(void)
{
    int status = 0;
    pid_t pid = fork();

    if (pid == 0) {
        struct rlimit rl = {.rlim_cur = 400, .rlim_max = 400};
        char note[400];
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            _exit(3);
        long got = poller_fit_running(500, note, sizeof note);
        if (got != (400 - 128) / 2 || !strstr(note, "connections = 500: using 136") ||
            !strstr(note, "open-file limit"))
            _exit(1);
        got = poller_fit_running(50, note, sizeof note);
        _exit(got == 50 && note[0] == '\0' ? 0 : 2);
    }
    waitpid(pid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "under ulimit -n 400, 500 at once become 136 and the note says why; 50 fit quietly "
       "(child status %d)",
       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* ---- the poller on the loopback server ------------------------------- */

static int64_t real_now(void *ctx)
{
    struct timespec ts;

    (void)ctx;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct finished {
    size_t n, ok;
    /* sources whose slot holds, after their poll, what it held before
     * (plus an ETag): no request URL, handle or body kept */
    size_t held_same;
    size_t order[64]; /* service indices as they finished */
    char errors[512];
};

static void on_done(void *user, size_t svc, size_t src, const struct fetch_result *res)
{
    struct finished *f = user;

    (void)src;
    if (f->n < 64)
        f->order[f->n] = svc;
    f->n++;
    if (res->ok)
        f->ok++;
    else if (strlen(f->errors) < 300)
        snprintf(f->errors + strlen(f->errors), sizeof f->errors - strlen(f->errors), "%s; ",
                 res->error ? res->error : "?");
}

/* Runs every source once; returns the poller's peak of running transfers. */
static size_t run_all(const char *text, struct finished *fin, int deadline_s)
{
    struct config cfg;
    struct fetch_opts fo = {0};
    struct poll_opts po;
    char err[256];
    struct fetcher *f;
    struct poller *p;
    size_t peak = 0;
    int64_t end = real_now(NULL) + deadline_s * 1000LL;

    tu_config(&cfg, text);
    /* libcurl gets the same caps as the poller, as the engine sets it up */
    fo.max_total_connections = cfg.connections;
    fo.max_host_connections = cfg.per_host;
    f = fetcher_new(&fo, err, sizeof err);
    poller_default_opts(&po);
    po.start_spread_ms = 0;
    po.seed = 3;
    memset(fin, 0, sizeof *fin);
    p = poller_new(&cfg, f, &po, real_now, NULL, on_done, fin);
    size_t before[64];
    for (size_t i = 0; i < cfg.nservices && i < 64; i++)
        before[i] = poller_held_bytes(p, i, 0);
    poller_start_due(p);
    while ((!poller_idle(p) || poller_next_due(p) == 0) && real_now(NULL) < end) {
        if (poller_running(p) > peak)
            peak = poller_running(p);
        if (fetcher_running(f) > poller_running(p))
            peak = 1000; /* libcurl holds more than the poller knows of */
        fetcher_wait(f, NULL, 0, NULL, 100);
        poller_start_due(p);
    }
    for (size_t i = 0; i < cfg.nservices && i < 64; i++) {
        const struct poll_state *st = poller_state(p, i, 0);
        fin->held_same +=
            poller_held_bytes(p, i, 0) == before[i] + (st->etag ? strlen(st->etag) + 1 : 0);
    }
    poller_free(p);
    fetcher_free(f);
    config_free(&cfg);
    return peak;
}

static void add_source(struct buf *b, const struct tu_server *s, int i, const char *query)
{
    char *path = xasprintf("f/e2e/calls-summary.json?%s&n=%d", query, i);
    char *url = tu_server_url(s, path);

    buf_printf(b, "[service s%d]\nurl = %s\n", i, url);
    free(url);
    free(path);
}

static void test_cap(void)
{
    struct buf text = {0};
    struct finished fin;
    size_t peak;

    tu_server_stop(&srv);
    tu_server_start(&srv, 500); /* fresh counters */
    buf_puts(&text, "[sitrep]\nconnections = 3\nper_host = 10\n");
    for (int i = 0; i < 12; i++)
        add_source(&text, &srv, i, "delay=0.2");
    peak = run_all(buf_str(&text), &fin, 30);
    ok(fin.n == 12 && fin.ok == 12, "twelve sources, all fetched (%zu of %zu: %s)", fin.ok, fin.n,
       fin.errors);
    ok(peak == 3, "never more than connections = 3 running, in the poller or in libcurl (%zu)",
       peak);
    is_int(fin.held_same, 12,
           "after its poll a source's slot holds what it held before, "
           "and its validators: no request, handle or body");
    char *stats = tu_server_get(&srv, "stats");
    ok(stats && strstr(stats, "\"max_inflight\": 3,"), "the server saw at most three at once (%s)",
       stats ? stats : "no answer");
    free(stats);
    buf_free(&text);
}

/* Eight half-second answers, two at a time, a one-second timeout: the last
 * start two seconds after the first. Timed from the queue, they would fail. */
static void test_timeout_from_start(void)
{
    struct buf text = {0};
    struct finished fin;

    buf_puts(&text, "[sitrep]\nconnections = 2\nper_host = 2\ntimeout = 1s\n");
    for (int i = 0; i < 8; i++)
        add_source(&text, &srv, i, "delay=0.5");
    run_all(buf_str(&text), &fin, 30);
    ok(fin.n == 8 && fin.ok == 8,
       "a timeout counts from the transfer's start, not its wait in the queue (%zu of %zu ok: %s)",
       fin.ok, fin.n, fin.errors);
    buf_free(&text);
}

/* A slow host at its cap does not hold a fast one back. */
static void test_per_host(void)
{
    struct buf text = {0};
    struct finished fin;
    bool fast_first = true;

    tu_server_start(&srv2, 100);
    buf_puts(&text, "[sitrep]\nconnections = 4\nper_host = 2\n");
    for (int i = 0; i < 6; i++)
        add_source(&text, &srv, i, "delay=1.5");
    for (int i = 6; i < 8; i++)
        add_source(&text, &srv2, i, "delay=0.05");
    run_all(buf_str(&text), &fin, 30);
    ok(fin.n == 8 && fin.ok == 8, "both hosts' sources fetched (%zu of %zu)", fin.ok, fin.n);
    for (size_t i = 0; i < 2 && i < fin.n; i++)
        fast_first &= fin.order[i] >= 6;
    ok(fast_first, "the fast host's two finish first (order %zu %zu ...)", fin.order[0],
       fin.order[1]);
    char *stats = tu_server_get(&srv2, "stats");
    ok(stats && strstr(stats, "\"max_inflight\": 2,"), "per_host = 2 holds on the second host (%s)",
       stats ? stats : "no answer");
    free(stats);
    tu_server_stop(&srv2);
    buf_free(&text);
}

int main(void)
{
    test_heap();
    test_hosts();
    test_plan();
    test_fit_rlimit();
    tu_server_start(&srv, 500);
    test_cap();
    test_timeout_from_start();
    test_per_host();
    tu_server_stop(&srv);
    return tap_done();
}
