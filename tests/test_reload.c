/* 'c' and Ctrl+R keep what the engine knows (issue "Every sentence true"):
 * a new config that names the same sources goes on in the same engine —
 * a replay keeps its place, the history its rows (a new column's rebuilt
 * from the journal), the model what it was told, the poller every
 * schedule (nothing polled sooner for it); other sources need a new
 * engine. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/engine.h"
#include "sitrep/export.h"
#include "sitrep/recording.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

static struct recording *rec;

static int64_t fake_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

static char *json_of(const struct snapshot *snap)
{
    struct buf out = {0};

    export_snapshot(snap, EXPORT_JSON, NULL, &out);
    return buf_detach(&out);
}

static size_t col(const struct snapshot *snap, const char *code)
{
    for (size_t c = 0; c < snap->ncolumns; c++) {
        if (strcmp(region_code(snap->columns[c]), code) == 0)
            return c;
    }
    printf("Bail out! no column %s\n", code);
    exit(1);
}

static size_t svc(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return i;
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static void demo_config(struct config *cfg)
{
    char *path = recording_config_path(rec), *errors = NULL;

    if (config_load_file(path, cfg, &errors) != 0) {
        printf("Bail out! %s\n", errors ? errors : "?");
        exit(1);
    }
    free(path);
    free(errors);
}

/* The demo replayed as the dashboard does, to minutes after its start. */
static void run_to(struct engine *e, int64_t *clock, double minutes)
{
    int64_t end = rec->start_ms + (int64_t)(minutes * 60000);

    for (; *clock <= end; *clock += 20000) {
        for (int i = 0; i < 1000 && engine_replay_due(e); i++)
            engine_step(e, NULL, 0);
    }
    *clock = end;
    for (int i = 0; i < 1000 && engine_replay_due(e); i++)
        engine_step(e, NULL, 0);
}

static void test_columns(void)
{
    struct config a, b;
    int64_t clock = rec->start_ms;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .speed = 1, .replay = rec};
    char err[256];

    demo_config(&a);
    demo_config(&b); /* the same sources; the columns chosen with 'c' */
    ok(config_set_columns(&b, "ALL FR DE JP", err, sizeof err) == 0, "columns ALL FR DE JP");
    struct engine *e = engine_new(&a, &eo, err, sizeof err);
    run_to(e, &clock, 100);
    struct snapshot *before = engine_snapshot(e);

    ok(engine_reconfigure(e, &b), "the same sources: the engine goes on with the new config");
    struct snapshot *after = engine_snapshot(e);
    size_t p = svc(after, "parley");
    is_int(after->ncolumns, 4, "with its columns");
    ok(after->services[p].crowd_since == before->services[p].crowd_since &&
           after->services[p].lead_s == before->services[p].lead_s &&
           after->services[p].nincidents == before->services[p].nincidents,
       "what the model was told stays: Parley's episode, lead time, incidents");
    size_t fr0 = col(before, "FR"), fr1 = col(after, "FR");
    ok(before->nhist == after->nhist &&
           memcmp(before->services[p].cells[fr0].hist, after->services[p].cells[fr1].hist,
                  after->nhist) == 0,
       "a column that stays keeps its sparkline (FR)");
    bool de_known = false;
    size_t de = col(after, "DE");
    for (size_t k = 0; k < after->nhist; k++)
        de_known |= after->services[p].cells[de].hist[k] != LEVEL_NONE;
    ok(de_known, "a new column's sparkline is rebuilt from what the journal holds (DE)");

    /* Field for field what a fresh replay with the new columns says */
    struct engine_opts fo = eo;
    int64_t fclock = clock;
    fo.clock_ctx = &fclock;
    struct engine *fresh = engine_new(&b, &fo, err, sizeof err);
    engine_round(fresh, 0);
    struct snapshot *want = engine_snapshot(fresh);
    char *x = json_of(after), *y = json_of(want);
    ok(strcmp(x, y) == 0, "the snapshot is a fresh replay's under the new columns");
    free(x);
    free(y);

    /* the replay keeps its place: going on needs no response it had */
    ok(engine_replay_due(e) == 0, "the replay is not started over (nothing due at 18:40)");
    run_to(e, &clock, 119);
    struct snapshot *end = engine_snapshot(e);
    is_int(end->services[svc(end, "parley")].level, LEVEL_OK, "and plays on to the end");
    ok(engine_history_oldest(e) == (time_t)(rec->start_ms / 1000) ||
           engine_history_oldest(e) <= (time_t)(rec->start_ms / 1000) + 300,
       "time travel still reaches the start");
    struct snapshot *past = engine_snapshot_at(e, (time_t)(rec->start_ms / 1000) + 70 * 60);
    is_int(past->services[svc(past, "parley")].level, LEVEL_MAJOR,
           "and shows Parley major at 18:10, as before the reload");

    snapshot_free(past);
    snapshot_free(end);
    snapshot_free(want);
    engine_free(fresh);
    snapshot_free(before);
    snapshot_free(after);

    /* other sources: a new engine is the caller's to start */
    struct config c;
    demo_config(&c);
    free(c.services[0].sources[0].url);
    c.services[0].sources[0].url = xstrdup("https://elsewhere.example/feed.json");
    ok(!engine_reconfigure(e, &c), "another source URL: refused, nothing changed");
    struct snapshot *still = engine_snapshot(e);
    is_int(still->ncolumns, 4, "the engine keeps the config it had");
    snapshot_free(still);
    engine_free(e);
    config_free(&a);
    config_free(&b);
    config_free(&c);
}

/* ---- the poller's schedules ---------------------------------------- */

static struct tu_server srv;

static long hits(const char *what)
{
    char *path = xasprintf("hits/%s", what), *body = tu_server_get(&srv, path);
    const char *at = body ? strstr(body, "\"hits\": ") : NULL;
    long n = at ? strtol(at + 8, NULL, 10) : -1;

    free(path);
    free(body);
    return n;
}

/* A live engine polled its source a moment ago; a reload that changes the
 * columns polls nothing sooner: the schedule, the floor and the ETag stay. */
static void test_schedules(void)
{
    static const char fixture[] = "statuspage/atc0005-check-statuspage__dropbox-components.json";
    int64_t clock = 1795348800000LL;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .seed = 7};
    char err[256], *url = tu_server_url(&srv, "f/");
    char *text = xasprintf("[sitrep]\ninterval = 2m\ncolumns = ALL EU\n[service d]\nurl = "
                           "%s%s?etag=abc\n",
                           url, fixture);
    struct config a, b;

    tu_config(&a, text);
    tu_config(&b, text);
    config_set_columns(&b, "ALL NA EU FR", err, sizeof err);
    struct engine *e = engine_new(&a, &eo, err, sizeof err);
    engine_round(e, 10000);
    struct poll_state was = *engine_poll_state(e, 0, 0);
    long polled = hits(fixture);
    ok(polled == 1 && was.etag && was.next_due_ms > clock, "polled once, an ETag kept");

    clock += 5000; /* five seconds later: 'c' */
    ok(engine_reconfigure(e, &b), "new columns, the same source: the engine goes on");
    config_free(&a); /* the old config goes, as app_reload frees it */
    const struct poll_state *now = engine_poll_state(e, 0, 0);
    ok(now->next_due_ms == was.next_due_ms && now->last_start_ms == was.last_start_ms &&
           now->etag && strcmp(now->etag, "\"abc\"") == 0,
       "its schedule, last start and ETag are the poller's as before");
    for (int i = 0; i < 5; i++)
        engine_step(e, NULL, 0);
    engine_refresh(e); /* 'r' right after: the floor still holds */
    for (int i = 0; i < 5; i++)
        engine_step(e, NULL, 0);
    is_int(hits(fixture), polled, "nothing is polled sooner for the reload, not even on r");
    struct snapshot *snap = engine_snapshot(e);
    ok(snap->ncolumns == 4 && snap->services[0].sources[0].has_data,
       "the new columns show the data already fetched");
    snapshot_free(snap);

    clock = now->next_due_ms;
    engine_round(e, 10000);
    now = engine_poll_state(e, 0, 0);
    ok(hits(fixture) == polled + 1 && now->http_status == 304,
       "at its time it polls again, conditionally (304)");
    engine_free(e);
    config_free(&b);
    free(text);
    free(url);
}

/* A journal too small to keep a source's last body: after the reload the
 * rebuilt model has no data for it, so its body hash is forgotten with its
 * validators and the same bytes, fetched again, are parsed again (not
 * taken as "unchanged" for a model that holds nothing). */
static void test_hash_reset(void)
{
    static const char fixture[] = "statuspage/atc0005-check-statuspage__linode-components.json";
    int64_t clock = 1795348800000LL;
    struct engine_opts eo = {
        .clock = fake_now, .clock_ctx = &clock, .seed = 7, .journal_max_bytes = 1};
    char err[256], *url = tu_server_url(&srv, "f/");
    char *text = xasprintf("[sitrep]\ninterval = 1m\nfloor = 5s\ncolumns = ALL EU\n"
                           "[service l]\nurl = %s%s\n",
                           url, fixture);
    struct config a, b;
    size_t parsed, same;

    tu_config(&a, text);
    tu_config(&b, text);
    config_set_columns(&b, "ALL NA EU", err, sizeof err);
    struct engine *e = engine_new(&a, &eo, err, sizeof err);
    engine_round(e, 10000);
    clock += 2 * 60000;
    engine_round(e, 10000);
    engine_parse_counts(e, &parsed, &same);
    ok(parsed == 1 && same == 1, "the second answer, the same bytes, is not parsed (%zu, %zu)",
       parsed, same);

    ok(engine_reconfigure(e, &b), "a reload with new columns keeps the engine");
    config_free(&a);
    struct snapshot *snap = engine_snapshot(e);
    ok(!snap->services[0].sources[0].has_data,
       "the journal kept nothing: the rebuilt model has no data for the source");
    snapshot_free(snap);

    clock += 10000; /* past the floor: it is fetched whole again */
    engine_round(e, 10000);
    engine_parse_counts(e, &parsed, &same);
    ok(parsed == 2, "the same bytes fetched again are parsed again (%zu parsed, %zu same)", parsed,
       same);
    snap = engine_snapshot(e);
    ok(snap->services[0].sources[0].has_data && snap->services[0].ncomponents > 0,
       "and the source shows its components again");
    snapshot_free(snap);
    engine_free(e);
    config_free(&b);
    free(text);
    free(url);
}

int main(void)
{
    struct config tmp;

    tu_demo_load(&rec, &tmp); /* the recording; each test loads its configs */
    config_free(&tmp);
    test_columns();
    tu_server_start(&srv, 100);
    test_schedules();
    test_hash_reset();
    tu_server_stop(&srv);
    recording_free(rec);
    return tap_done();
}
