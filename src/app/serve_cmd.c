/* sitrep serve: the engine without a terminal, and an HTTP server beside
 * it in the same loop (http.h). Each change of the model makes a new
 * snapshot, which the metrics, the change events and every answer read. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/events.h"
#include "sitrep/http.h"
#include "sitrep/loop.h"
#include "sitrep/metrics.h"
#include "sitrep/routes.h"
#include "sitrep/xalloc.h"

#define SERVE_TICK_MS 1000
#define EVENT_RING    4096
#define REFRESH_MS    250

/* The self-pipe of the signals that end serve. */
static int stop_pipe[2] = {-1, -1};

static void on_stop(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t ignored = write(stop_pipe[1], &b, 1);

    (void)ignored;
    errno = saved;
}

static int setup_stop(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    struct sigaction sa;

    if (pipe(stop_pipe) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(stop_pipe[i], F_SETFL, fcntl(stop_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_stop;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    return 0;
}

struct serve_run {
    struct app *app;
    struct snapshot *snap;
    uint64_t generation; /* of snap, for the answers' cache */
    struct route_cache cache;
    int64_t refreshed_ms; /* when snap was made (monotonic) */
    struct metrics *metrics;
    struct events *events;
    char token[APP_TOKEN_MAX];
    bool has_token;
};

static int history(void *ctx, const char *service, time_t from, time_t now, struct buf *out,
                   char *err, size_t errlen)
{
    struct serve_run *r = ctx;

    return history_write(r->app->store, EXPORT_JSON, service, from, now, out, err, errlen);
}

static struct snapshot *snapshot_for(void *ctx, time_t at, long window_s)
{
    struct serve_run *r = ctx;

    return engine_snapshot_with(r->app->engine, at, window_s);
}

/* How fast this server's clock runs, for viewers between snapshots. */
static double clock_speed(const struct app *app)
{
    if (app->recording)
        return app->cli.at_given ? 0 : app->vclock.speed;
    return app->cli.now ? 0 : 1;
}

static void state(void *ctx, struct serve_state *st)
{
    struct serve_run *r = ctx;

    st->snapshot_for = snapshot_for;
    st->snapshot_ctx = r;
    st->clock_speed = clock_speed(r->app);
    st->snap = r->snap;
    st->generation = r->generation;
    st->cache = &r->cache;
    st->metrics = r->metrics;
    st->events = r->events;
    st->history = r->app->store ? history : NULL;
    st->history_ctx = r;
    st->token = r->has_token ? r->token : NULL;
    st->now = app_now(r->app);
}

/* "127.0.0.1:10377", "[::1]:10377", ":10377" (loopback), "0.0.0.0:80". */
static int parse_listen(const char *s, char *addr, size_t addrlen, unsigned short *port)
{
    const char *colon = strrchr(s, ':');
    char *end;
    long p;

    if (!colon)
        return -1;
    p = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || p < 0 || p > 65535)
        return -1;
    *port = (unsigned short)p;
    if (colon == s) {
        snprintf(addr, addrlen, "127.0.0.1");
    } else if (s[0] == '[' && colon[-1] == ']') {
        snprintf(addr, addrlen, "%.*s", (int)(colon - s - 2), s + 1);
    } else {
        snprintf(addr, addrlen, "%.*s", (int)(colon - s), s);
    }
    return 0;
}

static bool loopback(const char *addr)
{
    return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0;
}

/* A thousand viewers are a thousand descriptors: ask for the room. */
static void raise_nofile(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static void refresh(struct serve_run *r, struct http_server *h)
{
    snapshot_free(r->snap);
    r->snap = engine_snapshot(r->app->engine);
    r->generation++;
    r->refreshed_ms = app_mono_ms();
    metrics_observe(r->metrics, r->snap);
    if (events_observe(r->events, r->snap) > 0)
        http_events_ready(h);
    alerts_observe(r->app->alerts, r->snap, engine_data_now(r->app->engine));
}

/* Polling thousands of sources changes the model many times a second: a
 * new snapshot at most every REFRESH_MS then, so its cost follows time, not
 * polls. A replay goes on making one per change: its clock can run
 * hundreds of times faster, and every change must reach the events. */
static bool due_refresh(const struct serve_run *r)
{
    return r->app->recording || app_mono_ms() - r->refreshed_ms >= REFRESH_MS;
}

/* The same alerts as the dashboard's line mode: the command, the webhook,
 * a line on stderr for each; never a bell. */
static void run_alerts(struct serve_run *r)
{
    struct app *app = r->app;
    char msg[400];

    alerts_fire(app->alerts, NULL, engine_data_now(app->engine));
    alerts_deliver(app->alerts, app_now(app), engine_post, app->engine);
    if (alerts_take_message(app->alerts, msg, sizeof msg))
        fprintf(stderr, "sitrep serve: %s\n", msg);
}

static void set_flag(void *flag)
{
    *(bool *)flag = true;
}

/* The server's descriptor is libmicrohttpd's epoll set: readable when a
 * connection wants something. */
static void serve_http(void *h)
{
    http_run(h);
}

static int serve_loop(struct serve_run *r, struct http_server *h)
{
    struct loop *loop = loop_new();
    bool stop = false;
    int64_t pinged = app_mono_ms();
    int rc = EXIT_OK;

    loop_add(loop, "signals", stop_pipe[0], set_flag, &stop);
    loop_add(loop, "http", http_fd(h), serve_http, h);
    while (!stop) {
        if (app_mono_ms() - pinged >= HTTP_PING_S * 1000) {
            http_ping(h);
            pinged = app_mono_ms();
        }
        long wait = SERVE_TICK_MS, hw = http_timeout_ms(h);
        if (hw >= 0 && hw < wait)
            wait = hw;
        if (!due_refresh(r)) { /* a change held back is made in time */
            long left = REFRESH_MS - (long)(app_mono_ms() - r->refreshed_ms);
            if (left < wait)
                wait = left < 1 ? 1 : left;
        }
        if (engine_step(r->app->engine, loop, (int)wait) != 0) {
            rc = EXIT_RUNTIME;
            break;
        }
        if (stop)
            break;
        if (due_refresh(r) && engine_take_dirty(r->app->engine))
            refresh(r, h);
        run_alerts(r);
        http_run(h); /* its timeouts, and the events refresh() made ready */
    }
    loop_free(loop);
    return rc;
}

int app_serve(struct app *app)
{
    struct serve_run r = {.app = app};
    struct http_opts o = {.port = SITREP_SERVE_PORT};
    struct http_server *h;
    char addr[64] = "127.0.0.1", err[400];
    int rc;

    if (app->cli.listen && parse_listen(app->cli.listen, addr, sizeof addr, &o.port) != 0) {
        fprintf(stderr, "sitrep serve: bad --listen '%s' (want ADDR:PORT, [ADDR]:PORT or :PORT)\n",
                app->cli.listen);
        return EXIT_USAGE;
    }
    if (app->cli.token_file) {
        if (app_read_token(app->cli.token_file, r.token, sizeof r.token, err, sizeof err) != 0) {
            fprintf(stderr, "sitrep serve: --token-file %s\n", err);
            return EXIT_USAGE;
        }
        r.has_token = true;
    }
    if (!loopback(addr) && !r.has_token) {
        fprintf(stderr,
                "sitrep serve: listening on %s (beyond this machine) needs "
                "--token-file: anyone who can reach it would read everything\n",
                addr);
        return EXIT_USAGE;
    }
    if (setup_stop() != 0) {
        fprintf(stderr, "sitrep serve: cannot set up signal handling: %s\n", strerror(errno));
        return EXIT_RUNTIME;
    }
    raise_nofile();
    o.address = addr;
    r.metrics = metrics_new();
    r.events = events_new(EVENT_RING);
    h = http_start(&o, state, &r, err, sizeof err);
    if (!h) {
        fprintf(stderr, "sitrep serve: %s\n", err);
        metrics_free(r.metrics);
        events_free(r.events);
        return EXIT_RUNTIME;
    }
    fprintf(stderr,
            "sitrep serve: listening on http://%s%s%s:%u/ (/metrics, /api/v1/snapshot, "
            "/api/v1/events, /api/v1/history, /healthz)%s\n",
            strchr(addr, ':') ? "[" : "", addr, strchr(addr, ':') ? "]" : "", http_port(h),
            r.has_token ? ", bearer token required" : "");
    /* A replay starts from everything due by now, as --once would show it. */
    if (app->recording)
        engine_round(app->engine, 0);
    refresh(&r, h);
    app_check_store(app);
    rc = serve_loop(&r, h);
    http_stop(h);
    snapshot_free(r.snap);
    route_cache_free(&r.cache);
    metrics_free(r.metrics);
    events_free(r.events);
    memset(r.token, 0, sizeof r.token);
    return rc;
}
