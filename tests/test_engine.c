/* The engine against the loopback fault server: every fault mode becomes
 * a visible, reasoned source state; backoff, Retry-After, recovery and
 * conditional requests follow the injected clock; connection caps hold;
 * first polls are spread out. */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

#include "sitrep/buf.h"
#include "sitrep/engine.h"
#include "sitrep/timefmt.h"
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

/* A body that is the same bytes as the last one parsed is taken as a 304:
 * not parsed again, the data fresh again; also after a failure between. */
static void test_same_body(void)
{
    static const char path[] = "statuspage/atc0005-check-statuspage__dropbox-components.json";
    struct fake_clock clock = {T0};
    struct config cfg;
    struct buf text = {0};
    struct engine *e;
    struct snapshot *snap;
    size_t parsed, same;
    char *f = xasprintf("f/%s", path);

    add_service(&text, "sp", f);
    e = start(&cfg, buf_str(&text), &clock);
    engine_round(e, 10000);
    poll_when_due(e, &clock);
    engine_parse_counts(e, &parsed, &same);
    ok(parsed == 1 && same == 1, "the second poll's body, the same bytes, is not parsed again");
    set_mode(path, "status=500");
    poll_when_due(e, &clock);
    set_mode(path, "");
    poll_when_due(e, &clock);
    engine_parse_counts(e, &parsed, &same);
    ok(parsed == 1 && same == 2, "nor after a failure in between (%zu parsed, %zu same)", parsed,
       same);
    snap = engine_snapshot(e);
    ok(source_of(snap, "sp")->ok && snap->services[0].ncomponents > 0,
       "and the source is ok again with its components");
    snapshot_free(snap);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
    free(f);
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
    const struct snap_crowd *c = &snap->services[0].crowd[0];
    size_t known = 0;
    for (size_t i = 0; i < c->ncounts; i++)
        known += c->counts[i] >= 0;
    ok(c->bucket_s > 0 && c->ncounts == (size_t)(86400 / c->bucket_s) && c->counts &&
           c->baselines && c->counts[c->ncounts - 1] == c->count &&
           c->baselines[c->ncounts - 1] == c->baseline && known > 1,
       "each series carries a day of its counts, ending with the one judged (%zu of %zu known)",
       known, c->ncounts);
    time_t at = (time_t)(clock.ms / 1000) - 2 * 3600;
    struct snapshot *past = engine_snapshot_at(e, at);
    ok(past->past_partial && past->services[0].ncrowd == 0 && past->services[0].nincidents == 0,
       "two hours back, before the first poll, nothing was known: the counts of then came later");
    snapshot_free(past);
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

/* ---- level history: zoom, per-cell sparklines, time travel ----------- */

/* The history tests replay a scripted status page instead of polling, so
 * every response lands at an exact moment of the injected clock. */

#define T0S   ((time_t)(T0 / 1000)) /* 12:00 UTC, a multiple of a day */
#define MIN_S 60

static const char hist_config[] = "[sitrep]\ncolumns = ALL EU FR DE\n"
                                  "[service svc]\nurl = https://status.example.com/summary.json\n"
                                  "map = c-fr => FR\nmap = c-de => DE\n";

enum { COL_ALL, COL_EU, COL_FR, COL_DE };

static char *iso(time_t t)
{
    char buf[32];

    time_format_iso8601(t, buf, sizeof buf);
    return xstrdup(buf);
}

/* One incident update, for a statuspage body. */
static void put_update(struct buf *b, const char *status, time_t at, bool comma)
{
    char *when = iso(at);

    buf_printf(b, "{\"status\":\"%s\",\"body\":\"%s at %s\",\"created_at\":\"%s\"}%s", status,
               status, when, when, comma ? "," : "");
    free(when);
}

/* The page at each step of the script: FR down from 12:20 to 13:00 with
 * incident i1 (investigating 12:20, identified 12:40, resolved 13:00); i2
 * on DE begins at 12:50. */
static char *page_at(int step)
{
    static const char *const fr[] = {"operational", "major_outage", "major_outage", "operational"};
    struct buf b = {0};
    char *start = iso(T0S + 20 * MIN_S), *start2 = iso(T0S + 50 * MIN_S);
    char *resolved = iso(T0S + 60 * MIN_S);

    buf_printf(&b,
               "{\"page\":{\"id\":\"p\",\"name\":\"Svc\"},"
               "\"status\":{\"indicator\":\"none\",\"description\":\"ok\"},"
               "\"components\":[{\"id\":\"c-fr\",\"name\":\"c-fr\",\"status\":\"%s\"},"
               "{\"id\":\"c-de\",\"name\":\"c-de\",\"status\":\"operational\"}],"
               "\"incidents\":[",
               fr[step]);
    if (step >= 1) {
        buf_printf(&b,
                   "{\"id\":\"i1\",\"name\":\"FR down\",\"status\":\"%s\",\"impact\":\"critical\","
                   "\"created_at\":\"%s\",\"started_at\":\"%s\",%s%s%s"
                   "\"components\":[{\"id\":\"c-fr\"}],\"incident_updates\":[",
                   step == 3   ? "resolved"
                   : step == 2 ? "identified"
                               : "investigating",
                   start, start, step == 3 ? "\"resolved_at\":\"" : "", step == 3 ? resolved : "",
                   step == 3 ? "\"," : "");
        if (step == 3)
            put_update(&b, "resolved", T0S + 60 * MIN_S, true);
        if (step >= 2)
            put_update(&b, "identified", T0S + 40 * MIN_S, true);
        put_update(&b, "investigating", T0S + 20 * MIN_S, false);
        buf_puts(&b, "]}");
    }
    if (step == 3) {
        buf_printf(&b,
                   ",{\"id\":\"i2\",\"name\":\"DE slow\",\"status\":\"investigating\","
                   "\"impact\":\"minor\",\"created_at\":\"%s\",\"components\":[{\"id\":\"c-de\"}],"
                   "\"incident_updates\":[",
                   start2);
        put_update(&b, "investigating", T0S + 50 * MIN_S, false);
        buf_puts(&b, "]}");
    }
    buf_puts(&b, "],\"scheduled_maintenances\":[]}");
    free(start);
    free(start2);
    free(resolved);
    return buf_detach(&b);
}

static char *tmp_dir(void)
{
    return tu_tmpdir("engine");
}

/* Writes the script as a recording in dir/rec and loads it. */
static struct recording *script_recording(const char *dir, const struct config *cfg)
{
    char err[512], *cfg_path = xasprintf("%s/config.ini", dir), *rec_dir;
    static const int at_min[] = {0, 20, 40, 60};
    struct recorder *r;
    struct recording *rec;
    FILE *f = fopen(cfg_path, "w");

    if (!f) {
        printf("Bail out! %s: %s\n", cfg_path, strerror(errno));
        exit(1);
    }
    fputs(hist_config, f);
    fclose(f);
    rec_dir = xasprintf("%s/rec", dir);
    r = recorder_open(rec_dir, cfg_path, T0, NULL, err, sizeof err);
    for (int i = 0; r && i < 4; i++) {
        char *body = page_at(i);
        struct record_entry re = {
            .t_ms = T0 + (at_min[i] * MIN_S + 5) * S,
            .service = cfg->services[0].id,
            .source = cfg->services[0].sources[0].id,
            .url = cfg->services[0].sources[0].url,
            .status = 200,
            .elapsed_ms = 10,
        };
        recorder_add(r, &re, body, strlen(body), true, err, sizeof err);
        free(body);
    }
    if (!r || recorder_close(r, T0 + 3 * 3600 * S, err, sizeof err) != 0 ||
        !(rec = recording_load(rec_dir, err, sizeof err))) {
        printf("Bail out! script recording: %s\n", err);
        exit(1);
    }
    free(cfg_path);
    free(rec_dir);
    return rec;
}

struct hist_run {
    char *dir;
    struct config cfg;
    struct recording *rec;
    struct fake_clock clock;
    struct engine *e;
};

/* Replays the script minute by minute up to until (seconds after T0), a
 * snapshot each minute as the dashboard would take them. */
static void hist_start(struct hist_run *h, struct store *st, long until)
{
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &h->clock, .speed = 1, .store = st};
    char err[256];

    memset(h, 0, sizeof *h);
    h->dir = tmp_dir();
    tu_config(&h->cfg, hist_config);
    h->rec = script_recording(h->dir, &h->cfg);
    eo.replay = h->rec;
    h->clock.ms = T0;
    h->e = engine_new(&h->cfg, &eo, err, sizeof err);
    if (!h->e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    for (; h->clock.ms <= T0 + until * S; h->clock.ms += MIN_S * S) {
        engine_step(h->e, NULL, 0);
        snapshot_free(engine_snapshot(h->e));
    }
    h->clock.ms = T0 + until * S;
}

static void hist_done(struct hist_run *h)
{
    engine_free(h->e);
    recording_free(h->rec);
    config_free(&h->cfg);
    tu_rmtree(h->dir);
    free(h->dir);
}

/* The level a sparkline shows for the moment t. */
static enum level hist_at(const struct snapshot *snap, const unsigned char *hist, time_t t)
{
    long back = (long)((snap->hist_end - (t - t % snap->hist_bucket_s)) / snap->hist_bucket_s);

    if (!hist || back < 0 || back >= (long)snap->nhist)
        return LEVEL_COUNT; /* not on the axis: never a level a test expects */
    return (enum level)hist[snap->nhist - 1 - (size_t)back];
}

struct zoom_case {
    long window, want_window;
    int bucket_s;
    size_t points;
};

static const struct zoom_case zooms[] = {
    {3600, 3600, 300, 12},   {6 * 3600, 6 * 3600, 300, 72},
    {86400, 86400, 900, 96}, {7 * 86400, 7 * 86400, 7200, 84},
    {60, 3600, 300, 12},     {30 * 86400L, 7 * 86400, 7200, 84},
};

static void test_hist_zoom(void)
{
    struct hist_run h;
    time_t now = T0S + 70 * MIN_S, major = T0S + 30 * MIN_S;
    struct snapshot *snap;

    hist_start(&h, NULL, 70 * MIN_S);
    is_int(engine_hist_window(h.e), ENGINE_HIST_DEFAULT_S, "the default window is six hours");
    snap = engine_snapshot(h.e);
    ok(snap->services[0].cells[COL_FR].hist && snap->services[0].cells[COL_DE].hist,
       "every cell carries its own sparkline");
    is_int(hist_at(snap, snap->services[0].cells[COL_FR].hist, major), LEVEL_MAJOR,
           "FR's major bucket 40 minutes ago shows in FR's sparkline");
    is_int(hist_at(snap, snap->services[0].cells[COL_DE].hist, major), LEVEL_OK,
           "while DE's shows ok for that bucket");
    is_int(hist_at(snap, snap->services[0].cells[COL_EU].hist, major), LEVEL_MAJOR,
           "and EU, which holds FR, shows it too");
    is_int(hist_at(snap, snap->services[0].cells[COL_FR].hist, T0S - 5 * MIN_S), LEVEL_NONE,
           "before the first snapshot FR's sparkline knows nothing");
    is_int(hist_at(snap, snap->services[0].hist, major), LEVEL_MAJOR, "the service's one too");
    snapshot_free(snap);
    engine_take_dirty(h.e);
    for (size_t i = 0; i < sizeof zooms / sizeof zooms[0]; i++) {
        const struct zoom_case *z = &zooms[i];
        engine_set_hist_window(h.e, z->window);
        ok(engine_take_dirty(h.e), "window %lds: the next frame is due", z->window);
        is_int(engine_hist_window(h.e), z->want_window, "window %lds: taken as %lds", z->window,
               z->want_window);
        snap = engine_snapshot(h.e);
        ok(snap->hist_bucket_s == z->bucket_s && snap->nhist == z->points,
           "window %lds: %zu points of %ds (got %zu of %d)", z->window, z->points, z->bucket_s,
           snap->nhist, snap->hist_bucket_s);
        ok(snap->hist_end % z->bucket_s == 0 && snap->hist_end <= now &&
               now < snap->hist_end + z->bucket_s,
           "window %lds: the last point is the wall-clock one holding now", z->window);
        /* DE's trouble at 13:00 shares a point with 12:30 only in 2 h ones. */
        ok(hist_at(snap, snap->services[0].cells[COL_FR].hist, major) == LEVEL_MAJOR &&
               hist_at(snap, snap->services[0].cells[COL_DE].hist, major) ==
                   (z->bucket_s < 3600 ? LEVEL_OK : LEVEL_DEGRADED),
           "window %lds: a point is the worst of its buckets, cell by cell", z->window);
        snapshot_free(snap);
    }
    hist_done(&h);
}

static const struct snap_incident *incident(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->services[0].nincidents; i++) {
        if (strcmp(snap->services[0].incidents[i].id, id) == 0)
            return &snap->services[0].incidents[i];
    }
    return NULL;
}

static void test_time_travel(void)
{
    struct hist_run h;
    time_t now = T0S + 65 * MIN_S, at = now - 30 * MIN_S; /* 12:35 */
    struct snapshot *live, *past;
    const struct snap_incident *inc;

    hist_start(&h, NULL, 65 * MIN_S);
    is_int(engine_history_oldest(h.e), T0S, "the history goes back to the first snapshot");
    live = engine_snapshot(h.e);
    past = engine_snapshot_at(h.e, at);
    inc = incident(live, "i1");
    ok(live->past_at == 0 && live->services[0].cells[COL_FR].level == LEVEL_OK && inc &&
           !inc->open && inc->nupdates == 3 && incident(live, "i2"),
       "now: FR is ok again, i1 resolved with three updates, i2 open");
    is_int(past->past_at, at, "30 minutes back: the snapshot says which moment it shows");
    is_int(past->generated_at, at, "and is dated then");
    is_int(past->services[0].cells[COL_FR].level, LEVEL_MAJOR, "FR was down then");
    is_int(past->services[0].cells[COL_DE].level, LEVEL_OK, "DE was fine");
    is_int(past->services[0].cells[COL_EU].level, LEVEL_MAJOR, "EU showed FR's outage");
    is_int(past->services[0].cells[COL_FR].evidence, EVIDENCE_OFFICIAL, "on official evidence");
    ok(!past->services[0].cells[COL_FR].stale && past->services[0].cells[COL_FR].since != 0 &&
           past->services[0].cells[COL_FR].since <= T0S + 20 * MIN_S + 5 * MIN_S,
       "not stale, and down since the bucket it went down in");
    is_int(past->services[0].level, LEVEL_MAJOR, "the service was major");
    inc = incident(past, "i1");
    ok(inc != NULL, "i1 had begun");
    if (inc) {
        ok(inc->open && inc->resolved_at == 0, "and was still open (it was resolved later)");
        is_int(inc->nupdates, 1, "with only the update posted by then");
        is_str(inc->status, "investigating", "its status then");
        is_int(inc->level, LEVEL_MAJOR, "at its level");
    }
    ok(incident(past, "i2") == NULL, "i2, begun later, is not there yet");
    {
        enum level fr = LEVEL_COUNT, de = LEVEL_COUNT;
        for (size_t k = 0; k < past->services[0].ncomponents; k++) {
            const struct snap_component *c = &past->services[0].components[k];
            if (strcmp(c->name, "c-fr") == 0)
                fr = c->level;
            else if (strcmp(c->name, "c-de") == 0)
                de = c->level;
        }
        ok(fr == LEVEL_MAJOR && de == LEVEL_OK,
           "components then, as the page said then: c-fr major, c-de ok (got %s, %s)",
           level_name(fr), level_name(de));
    }
    is_int(past->services[0].sources[0].age_s, (long)(at - (T0S + 20 * MIN_S + 5)),
           "the source's data was as old as it was then, not as it is now");
    is_int(hist_at(past, past->services[0].cells[COL_FR].hist, at), LEVEL_MAJOR,
           "the sparklines end at that moment");
    ok(past->hist_end <= at && at < past->hist_end + past->hist_bucket_s,
       "their last point holds it");
    is_int(hist_at(past, past->services[0].cells[COL_FR].hist, T0S + 60 * MIN_S), LEVEL_COUNT,
           "and know nothing after it");
    snapshot_free(past);
    past = engine_snapshot_at(h.e, now + 60);
    is_int(past->past_at, 0, "a moment not yet past is the live view");
    snapshot_free(past);
    past = engine_snapshot_at(h.e, T0S - 86400);
    is_int(past->services[0].cells[COL_FR].level, LEVEL_NONE,
           "a moment before the history knows nothing");
    snapshot_free(past);
    snapshot_free(live);
    hist_done(&h);
}

/* One engine writes the history, another reads it back at start. */
static void test_hist_store(void)
{
    struct hist_run h;
    struct engine_opts eo = {.clock = fake_now, .seed = 1};
    struct store_opts so = {0};
    char err[512], *path;
    struct store *st;
    struct snapshot *snap;
    struct engine *e;
    struct config cfg;
    time_t major = T0S + 30 * MIN_S;

    char *dir = tmp_dir();
    path = xasprintf("%s/history.db", dir);
    st = store_open(path, &so, NULL, err, sizeof err);
    if (!st) {
        printf("Bail out! store_open %s: %s\n", path, err);
        exit(1);
    }
    hist_start(&h, st, 70 * MIN_S);
    ok(engine_flush(h.e, err, sizeof err) >= 0, "the first engine writes its history");
    struct fake_clock clock = h.clock;
    hist_done(&h);
    store_close(st);

    st = store_open(path, &so, NULL, err, sizeof err);
    tu_config(&cfg, hist_config);
    eo.clock_ctx = &clock;
    eo.store = st;
    e = engine_new(&cfg, &eo, err, sizeof err);
    snap = engine_snapshot(e);
    is_int(hist_at(snap, snap->services[0].cells[COL_FR].hist, major), LEVEL_MAJOR,
           "a new engine on the same store shows FR's outage in FR's sparkline");
    is_int(hist_at(snap, snap->services[0].cells[COL_DE].hist, major), LEVEL_OK,
           "DE, never stored for that bucket, as ok beside its service");
    is_int(hist_at(snap, snap->services[0].hist, major), LEVEL_MAJOR, "the service's own");
    snapshot_free(snap);
    snap = engine_snapshot_at(e, major);
    ok(snap->services[0].cells[COL_FR].level == LEVEL_MAJOR &&
           snap->services[0].cells[COL_FR].evidence == EVIDENCE_OFFICIAL &&
           snap->services[0].cells[COL_DE].level == LEVEL_OK,
       "and time travel there shows the cells of then, with their evidence");
    snapshot_free(snap);
    engine_free(e);

    /* Three days later: the first frame reads one day back, the backfill
     * the rest of the week. */
    struct fake_clock later = clock;
    later.ms += 3 * 86400 * 1000LL;
    eo.clock_ctx = &later;
    e = engine_new(&cfg, &eo, err, sizeof err);
    ok(engine_history_oldest(e) == 0 || engine_history_oldest(e) > major,
       "three days on, a new engine starts with the last day only");
    engine_backfill(e);
    ok(engine_history_oldest(e) != 0 && engine_history_oldest(e) <= major,
       "the backfill reads the rest of the week");
    snap = engine_snapshot_at(e, major);
    is_int(snap->services[0].cells[COL_FR].level, LEVEL_MAJOR,
           "and time travel reaches FR's outage three days back");
    snapshot_free(snap);
    engine_free(e);
    store_close(st);
    config_free(&cfg);
    tu_rmtree(dir);
    free(dir);
    free(path);
}

int main(void)
{
    test_hist_zoom();
    test_time_travel();
    test_hist_store();
    tu_server_start(&srv, 2000);
    test_fault_modes();
    test_backoff_and_recovery();
    test_last_modified();
    test_etag_validation();
    test_same_body();
    test_downdetector();
    test_downdetector_partial();
    test_downdetector_credentials();
    test_connection_caps();
    test_start_spread();
    tu_server_stop(&srv);
    return tap_done();
}
