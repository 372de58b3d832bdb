/* The engine against the loopback fault server: every fault mode becomes
 * a visible, reasoned source state; backoff, Retry-After, recovery and
 * conditional requests follow the injected clock; connection caps hold;
 * first polls are spread out. */
#include "config.h"

#include "sitrep/buf.h"
#include "sitrep/engine.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define T0 1795348800000LL /* 2026-11-22T12:00:00Z in ms */
#define S  1000LL

struct fake_clock {
    int64_t ms;
};

static int64_t fake_now(void *ctx)
{
    return ((struct fake_clock *)ctx)->ms;
}

static struct tu_server srv;

/* A [service ID] section polling path?query on the test server. */
static void add_service(struct buf *cfg, const char *id, const char *path)
{
    char *url = tu_server_url(&srv, path);

    buf_printf(cfg, "[service %s]\nurl = %s\n", id, url);
    free(url);
}

static const struct snap_source *source_of(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return &snap->services[i].sources[0];
    }
    printf("Bail out! no source %s\n", id);
    exit(1);
}

static struct engine *start(struct config *cfg, const char *text, struct fake_clock *clock)
{
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = clock, .once = true, .seed = 42};
    char err[256];
    struct engine *e;

    tu_config(cfg, text);
    e = engine_new(cfg, &eo, err, sizeof err);
    if (!e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    return e;
}

/* ---- every fault mode, one round ------------------------------------- */

struct fault_case {
    const char *id, *path;
    const char *error; /* a piece of the expected error; NULL: no error */
    enum source_health health;
};

static const struct fault_case faults[] = {
    {"good", "f/statuspage/atc0005-check-statuspage__github-components.json", NULL, HEALTH_OK},
    {"hang", "f/e2e/calls-summary.json?mode=hang", "timed out", HEALTH_BACKING_OFF},
    {"drip", "f/e2e/calls-summary.json?mode=drip", "timed out", HEALTH_BACKING_OFF},
    {"truncated", "f/e2e/calls-summary.json?mode=truncate", "remaining", HEALTH_BACKING_OFF},
    {"big", "f/e2e/calls-summary.json?mode=big", "Maximum file size exceeded", HEALTH_FAILING},
    {"biglen0", "f/e2e/calls-summary.json?mode=big_nolength", "body too large", HEALTH_FAILING},
    {"bomb", "f/e2e/calls-summary.json?mode=gzip_bomb", "body too large", HEALTH_FAILING},
    {"loop", "f/e2e/calls-summary.json?mode=loop", "redirects", HEALTH_FAILING},
    {"tofile", "f/e2e/calls-summary.json?mode=to_file", "file", HEALTH_FAILING},
    {"toftp", "f/e2e/calls-summary.json?mode=to_ftp", "ftp", HEALTH_FAILING},
    {"r429", "f/e2e/calls-summary.json?status=429&retry_after=120", "HTTP 429", HEALTH_BACKING_OFF},
    {"r500", "f/e2e/calls-summary.json?status=500", "HTTP 500", HEALTH_BACKING_OFF},
    {"r503", "f/e2e/calls-summary.json?status=503", "HTTP 503", HEALTH_BACKING_OFF},
    {"html", "f/e2e/html-error.html", "HTML", HEALTH_FAILING},
    {"reset", "f/e2e/calls-summary.json?mode=reset", "", HEALTH_BACKING_OFF},
    {"missing", "f/e2e/missing.json", "HTTP 404", HEALTH_FAILING},
};

static void test_fault_modes(void)
{
    struct fake_clock clock = {T0};
    struct buf text = {0};
    struct config cfg;
    struct engine *e;
    struct snapshot *snap;

    buf_puts(&text, "[sitrep]\ntimeout = 3s\nconnect_timeout = 2s\nmax_size = 1M\n"
                    "per_host = 32\nconnections = 32\n");
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        add_service(&text, faults[i].id, faults[i].path);
    e = start(&cfg, buf_str(&text), &clock);
    ok(engine_round(e, 20000) == 0, "one round over every fault mode ends by the timeouts");
    snap = engine_snapshot(e);
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        const struct fault_case *fc = &faults[i];
        const struct snap_source *s = source_of(snap, fc->id);
        if (!fc->error) {
            ok(s->ok && s->health == HEALTH_OK && s->has_data, "%s: ok with data", fc->id);
            continue;
        }
        ok(!s->ok && s->error && strstr(s->error, fc->error), "%s: failing with a reason (%s)",
           fc->id, s->error ? s->error : "(none)");
        is_str(source_health_name(s->health), source_health_name(fc->health), "%s: health", fc->id);
        is_int(snap->services[i].level, LEVEL_UNKNOWN, "%s: its service is unknown, not ok",
               fc->id);
    }
    const struct snap_source *r429 = source_of(snap, "r429");
    ok(r429 && r429->backoff_until >= T0 / 1000 + 120, "429: no retry before Retry-After (120 s)");
    is_int(snap->sources_ok, 1, "the status line counts one source ok");
    is_int(snap->sources_failing, sizeof faults / sizeof faults[0] - 1, "and the rest failing");
    snapshot_free(snap);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* ---- a page that fails, backs off and comes back --------------------- */

static const struct poll_state *state0(struct engine *e)
{
    return engine_poll_state(e, 0, 0);
}

/* Moves the clock to the next due time and runs one round. */
static void poll_when_due(struct engine *e, struct fake_clock *clock)
{
    if (state0(e)->next_due_ms > clock->ms)
        clock->ms = state0(e)->next_due_ms;
    engine_round(e, 10000);
}

static void set_mode(const char *path, const char *query)
{
    char *ctl = xasprintf("set/%s?%s", path, query);
    free(tu_server_get(&srv, ctl));
    free(ctl);
}

static void test_backoff_and_recovery(void)
{
    const char *path = "statuspage/atc0005-check-statuspage__lastpass-components.json";
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    struct snapshot *snap;
    int64_t t;

    buf_puts(&text, "[sitrep]\ninterval = 60s\nexpire_failures = 4\ntimeout = 3s\n");
    add_service(&text, "lp", "f/statuspage/atc0005-check-statuspage__lastpass-components.json");
    e = start(&cfg, buf_str(&text), &clock);
    set_mode(path, "");
    engine_round(e, 10000);
    t = clock.ms;
    ok(state0(e)->next_due_ms >= t + 54 * S && state0(e)->next_due_ms <= t + 66 * S,
       "after a good poll the next is one interval away, +-10 %% jitter");
    is_int(state0(e)->backoff_level, 0, "no backoff");

    set_mode(path, "status=503");
    poll_when_due(e, &clock);
    t = clock.ms;
    snap = engine_snapshot(e);
    const struct snap_source *s = &snap->services[0].sources[0];
    ok(s->health == HEALTH_BACKING_OFF && strstr(s->error, "HTTP 503") && s->has_data,
       "one poll after the page fails, the source says why and is backing off");
    ok(snap->services[0].cells[0].stale && snap->services[0].cells[0].level == LEVEL_DEGRADED,
       "its cells keep the last good data, marked stale");
    ok(s->age_s >= 54, "with its age (%lds)", s->age_s);
    snapshot_free(snap);
    ok(state0(e)->backoff_until_ms >= t + 60 * S && state0(e)->backoff_until_ms <= t + 120 * S,
       "first backoff: full jitter between one and two intervals");

    ok(engine_refresh(e) == 0 && state0(e)->next_due_ms == state0(e)->backoff_until_ms,
       "a refresh does not cut a backoff short");
    poll_when_due(e, &clock);
    t = clock.ms;
    ok(state0(e)->backoff_until_ms >= t + 60 * S && state0(e)->backoff_until_ms <= t + 240 * S,
       "second backoff: up to four intervals");
    for (int i = 0; i < 8; i++)
        poll_when_due(e, &clock);
    t = clock.ms;
    ok(state0(e)->backoff_until_ms <= t + 30 * 60 * S,
       "the backoff stops growing at its 30 min cap");
    snap = engine_snapshot(e);
    is_int(snap->services[0].cells[0].level, LEVEL_UNKNOWN,
           "after expire_failures failures the cells are unknown");
    snapshot_free(snap);

    set_mode(path, "status=429&retry_after=99999");
    poll_when_due(e, &clock);
    t = clock.ms;
    ok(state0(e)->backoff_until_ms >= t + 3600 * S - S &&
           state0(e)->backoff_until_ms <= t + 3600 * S,
       "a huge Retry-After is honoured but clamped to one hour");

    set_mode(path, "etag=v1");
    poll_when_due(e, &clock);
    snap = engine_snapshot(e);
    s = &snap->services[0].sources[0];
    ok(s->ok && s->health == HEALTH_OK && !snap->services[0].cells[0].stale &&
           snap->services[0].cells[0].level == LEVEL_DEGRADED && s->age_s == 0,
       "when the page returns, the first poll after the backoff shows fresh data");
    is_int(state0(e)->backoff_level, 0, "the backoff is reset");
    is_str(state0(e)->etag, "\"v1\"", "the ETag is kept");
    snapshot_free(snap);

    poll_when_due(e, &clock);
    char *hits = tu_server_get(&srv, "hits/statuspage/"
                                     "atc0005-check-statuspage__lastpass-components.json");
    ok(hits && strstr(hits, "\"not_modified\": 1"),
       "the next poll is conditional and gets a 304 "
       "(%s)",
       hits ? hits : "no answer");
    free(hits);
    snap = engine_snapshot(e);
    ok(snap->services[0].sources[0].ok && snap->services[0].cells[0].level == LEVEL_DEGRADED,
       "a 304 keeps the data, fresh");
    snapshot_free(snap);

    t = clock.ms;
    is_int(engine_refresh(e), 0, "right after a poll, a refresh waits for the floor");
    clock.ms = t + 30 * S;
    is_int(engine_refresh(e), 1, "once the floor has passed, a refresh polls at once");
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

static void test_last_modified(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;

    add_service(&text, "gh",
                "f/statuspage/atc0005-check-statuspage__github-components.json?last_modified=1");
    e = start(&cfg, buf_str(&text), &clock);
    engine_round(e, 10000);
    is_int(state0(e)->last_modified, 1700000000, "Last-Modified is remembered");
    poll_when_due(e, &clock);
    is_int(state0(e)->http_status, 304, "and sent back: If-Modified-Since gets a 304");
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* A server's ETag goes back in a request header: only etagc bytes may. */
static void test_etag_validation(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;

    ok(fetcher_etag_valid("\"abc\"") && fetcher_etag_valid("W/\"x-1\""), "ordinary ETags pass");
    ok(!fetcher_etag_valid("\"a\r\nX-Evil: 1\"") && !fetcher_etag_valid("\"a b\"") &&
           !fetcher_etag_valid("") && !fetcher_etag_valid("\"\x7f\""),
       "CR/LF, blanks, DEL and empty ones do not");
    add_service(&text, "sp",
                "f/statuspage/atc0005-check-statuspage__dropbox-components.json?etag=a%20b");
    e = start(&cfg, buf_str(&text), &clock);
    engine_round(e, 10000);
    ok(state0(e)->etag == NULL, "an ETag with a blank is not kept");
    poll_when_due(e, &clock);
    is_int(state0(e)->http_status, 200, "so it is never sent back (no 304)");
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* ---- the Downdetector API: tokens, expiry, revocation, 429, partial pages */

static long hits(const char *what)
{
    char *path = xasprintf("hits/%s", what), *body = tu_server_get(&srv, path);
    const char *at = body ? strstr(body, "\"hits\": ") : NULL;
    long n = at ? strtol(at + 8, NULL, 10) : -1;

    free(path);
    free(body);
    return n;
}

static void dd_config(struct buf *text, const char *ids)
{
    char *base = tu_server_url(&srv, "dd/v2");

    buf_printf(text,
               "[sitrep]\ninterval = 5m\n[service m]\nformat = downdetector\nauth = downdetector\n"
               "token_url = %s/tokens?grant_type=client_credentials\n"
               "url = %s/companies?ids=%s\n",
               base, base, ids);
    free(base);
}

static void test_downdetector(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    struct snapshot *snap;
    long tokens;

    setenv("SITREP_DOWNDETECTOR_CLIENT_ID", "test-id", 1);
    setenv("SITREP_DOWNDETECTOR_CLIENT_SECRET", "test-secret", 1);
    free(tu_server_get(&srv, "set/dd?expires_in=3600"));
    dd_config(&text, "20488,30139,118");
    e = start(&cfg, buf_str(&text), &clock);
    tokens = hits("dd/tokens");
    engine_round(e, 10000);
    snap = engine_snapshot(e);
    ok(snap->services[0].sources[0].ok && snap->services[0].ncrowd == 3,
       "a token, then the companies: three country series");
    snapshot_free(snap);
    is_int(hits("dd/tokens") - tokens, 1, "one token request for the first poll");
    poll_when_due(e, &clock);
    is_int(hits("dd/tokens") - tokens, 1, "the token is reused while it is valid");

    free(tu_server_get(&srv, "set/dd?revoke=1"));
    poll_when_due(e, &clock);
    snap = engine_snapshot(e);
    ok(snap->services[0].sources[0].ok, "a revoked token: 401, a fresh token, the poll succeeds");
    snapshot_free(snap);
    is_int(hits("dd/tokens") - tokens, 2, "exactly one more token request");

    free(tu_server_get(&srv, "set/dd?expires_in=120"));
    clock.ms += 3600 * S; /* the hour-long token is about to expire */
    poll_when_due(e, &clock);
    is_int(hits("dd/tokens") - tokens, 3, "a token within a minute of expiry is renewed first");
    clock.ms += 90 * S;
    poll_when_due(e, &clock);
    is_int(hits("dd/tokens") - tokens, 4, "a short-lived token is renewed before it runs out");

    free(tu_server_get(&srv, "set/dd?status=429&retry_after=900"));
    poll_when_due(e, &clock);
    snap = engine_snapshot(e);
    const struct snap_source *s = &snap->services[0].sources[0];
    ok(s->health == HEALTH_BACKING_OFF && strstr(s->error, "HTTP 429") &&
           state0(e)->backoff_until_ms >= clock.ms + 900 * S,
       "a 429 from the API backs off for its Retry-After");
    ok(snap->services[0].crowd[0].count >= 0 && snap->services[0].cells[0].stale,
       "the crowd data stays, stale");
    snapshot_free(snap);

    free(tu_server_get(&srv, "set/dd?"));
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* A page where the API left a company out or sent it without stats: the
 * others are fresh, that one keeps its data, stale. */
static void test_downdetector_partial(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    struct snapshot *snap;
    size_t stale = 0;

    dd_config(&text, "20471,20488,30127");
    e = start(&cfg, buf_str(&text), &clock);
    engine_round(e, 10000);
    free(tu_server_get(&srv, "set/dd?fixture=companies-partial.json"));
    poll_when_due(e, &clock);
    snap = engine_snapshot(e);
    for (size_t i = 0; i < snap->services[0].ncrowd; i++)
        stale += snap->services[0].crowd[i].stale;
    ok(snap->services[0].sources[0].ok && snap->services[0].ncrowd == 3 && stale == 1,
       "a partial page: two series fresh, the company sent without stats stale (%zu of %zu)", stale,
       snap->services[0].ncrowd);
    snapshot_free(snap);
    free(tu_server_get(&srv, "set/dd?"));
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

static void test_downdetector_credentials(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    struct snapshot *snap;

    unsetenv("SITREP_DOWNDETECTOR_CLIENT_SECRET");
    dd_config(&text, "20488");
    e = start(&cfg, buf_str(&text), &clock);
    engine_round(e, 10000);
    snap = engine_snapshot(e);
    const struct snap_source *s = &snap->services[0].sources[0];
    ok(!s->ok && strstr(s->error, "no credentials") && s->health == HEALTH_FAILING,
       "no credentials: a visible state naming what to set (%s)", s->error);
    snapshot_free(snap);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* ---- caps and spreading ---------------------------------------------- */

static void test_connection_caps(void)
{
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    char id[16];

    tu_server_stop(&srv);
    tu_server_start(&srv, 500); /* fresh counters */
    buf_puts(&text, "[sitrep]\nper_host = 3\n");
    for (int i = 0; i < 12; i++) {
        snprintf(id, sizeof id, "s%d", i);
        char *path = xasprintf("f/e2e/calls-summary.json?delay=0.3&n=%d", i);
        add_service(&text, id, path);
        free(path);
    }
    e = start(&cfg, buf_str(&text), &clock);
    ok(engine_round(e, 20000) == 0, "twelve slow sources on one host all finish");
    char *stats = tu_server_get(&srv, "stats");
    ok(stats && strstr(stats, "\"max_inflight\": 3,"),
       "never more than per_host = 3 requests at once on that host (%s)",
       stats ? stats : "no answer");
    free(stats);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

static void test_start_spread(void)
{
    struct fake_clock clock = {T0};
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .seed = 7};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    char err[256];
    int64_t lo = INT64_MAX, hi = 0;
    size_t distinct = 0;

    for (int i = 0; i < 200; i++)
        buf_printf(&text, "[service s%d]\nurl = https://example.com/%d.json\n", i, i);
    tu_config(&cfg, buf_str(&text));
    e = engine_new(&cfg, &eo, err, sizeof err);
    for (size_t i = 0; i < cfg.nservices; i++) {
        int64_t due = engine_poll_state(e, i, 0)->next_due_ms;
        lo = due < lo ? due : lo;
        hi = due > hi ? due : hi;
        distinct += i == 0 || due != engine_poll_state(e, i - 1, 0)->next_due_ms;
    }
    ok(lo >= T0 && hi <= T0 + 5000 && hi - lo > 4000,
       "200 sources start spread over five seconds, not at once");
    ok(distinct > 150, "at %zu distinct moments", distinct);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

int main(void)
{
    tu_server_start(&srv, 2000);
    test_fault_modes();
    test_backoff_and_recovery();
    test_last_modified();
    test_etag_validation();
    test_downdetector();
    test_downdetector_partial();
    test_downdetector_credentials();
    test_connection_caps();
    test_start_spread();
    tu_server_stop(&srv);
    return tap_done();
}
