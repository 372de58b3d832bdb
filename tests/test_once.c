/* --once's memory savings change no byte: the last snapshot, built while
 * the engine lets go of its poller, transfers, journal and model
 * (engine_snapshot_last), prints what an ordinary snapshot of the same
 * engine prints, in every --once format, with the same exit status; an
 * engine without a past (no journal, no level rows) shows what one with
 * them shows. Run under the sanitizers, it also shows that nothing let go
 * is read afterwards. And the formats written a piece at a time (json,
 * csv) write what they write whole. */
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

#define T0 1795348800000LL /* 2026-11-22T12:00:00Z in ms */

struct fake_clock {
    int64_t ms;
};

static int64_t fake_now(void *ctx)
{
    return ((struct fake_clock *)ctx)->ms;
}

static struct tu_server srv;

/* Every format --once prints (svg is sitrep export's), and the two
 * variants of text and JSON. */
struct variant {
    enum export_format format;
    struct export_opts opts;
    const char *name;
};

static const struct variant variants[] = {
    {EXPORT_TEXT, {0}, "text"},     {EXPORT_TEXT, {.ascii = true}, "text --ascii"},
    {EXPORT_JSON, {0}, "json"},     {EXPORT_JSON, {.full = true}, "json full"},
    {EXPORT_CSV, {0}, "csv"},       {EXPORT_MARKDOWN, {0}, "markdown"},
    {EXPORT_NAGIOS, {0}, "nagios"}, {EXPORT_HTML, {0}, "html"},
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

static void emit(void *ctx, const char *data, size_t len)
{
    buf_append(ctx, data, len);
}

/* What run_once() writes for snap in each variant, and the exit status
 * --exit-status gives. */
struct printed {
    struct buf out[NVARIANTS];
    int status;
};

static void print_all(const struct snapshot *snap, struct printed *p)
{
    for (size_t v = 0; v < NVARIANTS; v++) {
        p->out[v] = (struct buf){0};
        export_snapshot_stream(snap, variants[v].format, &variants[v].opts, emit, &p->out[v]);
    }
    p->status = snapshot_nagios(snap);
}

static void compare(struct printed *a, struct printed *b, const char *what)
{
    for (size_t v = 0; v < NVARIANTS; v++) {
        bool same = a->out[v].len == b->out[v].len &&
                    memcmp(buf_str(&a->out[v]), buf_str(&b->out[v]), a->out[v].len) == 0;
        ok(same && a->out[v].len > 0, "%s: %s, byte for byte (%zu bytes)", what, variants[v].name,
           a->out[v].len);
        buf_free(&a->out[v]);
        buf_free(&b->out[v]);
    }
    is_int(b->status, a->status, "%s: the same exit status", what);
}

/* Streamed (as --once writes) or built whole (as sitrep serve does), the
 * same bytes: the big formats stream a service at a time. */
static void check_stream(const struct snapshot *snap, const struct printed *p, const char *what)
{
    for (size_t v = 0; v < NVARIANTS; v++) {
        struct buf whole = {0};
        export_snapshot(snap, variants[v].format, &variants[v].opts, &whole);
        ok(whole.len == p->out[v].len &&
               memcmp(buf_str(&whole), buf_str(&p->out[v]), whole.len) == 0,
           "%s: %s streamed is the whole export", what, variants[v].name);
        buf_free(&whole);
    }
}

static struct engine *engine_of(const struct config *cfg, const struct engine_opts *eo)
{
    char err[256];
    struct engine *e = engine_new(cfg, eo, err, sizeof err);

    if (!e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    return e;
}

/* ---- polling: the loopback server, many services ---------------------- */

static void add_service(struct buf *cfg, const char *id, const char *path, const char *more)
{
    char *url = tu_server_url(&srv, path);

    buf_printf(cfg, "[service %s]\nurl = %s\n%s\n", id, url, more);
    free(url);
}

static void test_polled(void)
{
    struct fake_clock clock = {T0};
    struct engine_opts eo = {
        .clock = fake_now, .clock_ctx = &clock, .once = true, .no_past = true, .seed = 42};
    struct buf text = {0};
    struct config cfg;
    struct printed a, b;

    buf_puts(&text, "[sitrep]\ncolumns = ALL,NA,EU,APAC,DE\ntimeout = 3s\n");
    add_service(&text, "calls", "f/e2e/calls-summary.json", "region = group \"(?i)^(.*)$\" => $1");
    add_service(&text, "linode",
                "f/statuspage/atc0005-check-statuspage__linode-components-problems.json",
                "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1");
    add_service(&text, "github", "f/statuspage/atc0005-check-statuspage__github-components.json",
                "");
    add_service(&text, "dropbox", "f/statuspage/atc0005-check-statuspage__dropbox-components.json",
                "");
    add_service(&text, "gone", "f/e2e/no-such-file.json", "");
    add_service(&text, "flaky", "f/e2e/calls-summary.json?status=503&retry_after=120", "");
    add_service(&text, "html", "f/e2e/html-error.html", "");
    tu_config(&cfg, buf_str(&text));
    struct engine *e = engine_of(&cfg, &eo);
    ok(engine_round(e, 20000) == 0, "one round over seven services");
    clock.ms += 1500;

    struct snapshot *ordinary = engine_snapshot(e);
    print_all(ordinary, &a);
    check_stream(ordinary, &a, "polled");
    struct snapshot *last = engine_snapshot_last(e);
    print_all(last, &b);
    is_int(last->nservices, 7, "the last snapshot has every service");
    ok(last->sources_ok == 4 && last->sources_failing == 3,
       "four sources ok, three failing (%zu, %zu)", last->sources_ok, last->sources_failing);
    compare(&a, &b, "polled");
    is_int(engine_flush(e, NULL, 0), 0, "the engine still flushes (nothing to write)");
    snapshot_free(ordinary);
    snapshot_free(last);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
}

/* ---- replay: the demo, with and without a past -------------------------- */

static void test_demo(struct recording *rec, const struct config *cfg, int64_t at)
{
    double minutes = (double)(at - rec->start_ms) / 60000;
    struct fake_clock clock = {at};
    struct engine_opts with = {.clock = fake_now,
                               .clock_ctx = &clock,
                               .once = true,
                               .no_sparklines = true,
                               .speed = 1,
                               .replay = rec};
    struct engine_opts without = with;
    struct printed a, b;
    char what[64];

    without.no_past = true;
    snprintf(what, sizeof what, "demo at %.0f min", minutes);
    struct engine *e1 = engine_of(cfg, &with), *e2 = engine_of(cfg, &without);
    engine_round(e1, 0);
    engine_round(e2, 0);
    ok(engine_history_oldest(e1) > 0 && engine_history_oldest(e2) == 0,
       "demo at %.0f min: only the engine with a past keeps one", minutes);
    ok(!engine_reconfigure(e2, cfg), "demo at %.0f min: nor can one without a past be reloaded",
       minutes);
    struct snapshot *s1 = engine_snapshot(e1), *s2 = engine_snapshot_last(e2);
    print_all(s1, &a);
    print_all(s2, &b);
    check_stream(s1, &a, what);
    compare(&a, &b, what);
    snapshot_free(s1);
    snapshot_free(s2);
    engine_free(e1);
    engine_free(e2);
}

int main(void)
{
    struct recording *rec;
    struct config cfg;

    tu_demo_load(&rec, &cfg);
    test_demo(rec, &cfg, rec->start_ms + 20 * 60000);
    test_demo(rec, &cfg, rec->end_ms); /* everything fed */
    recording_free(rec);
    config_free(&cfg);
    tu_server_start(&srv, 100);
    test_polled();
    tu_server_stop(&srv);
    return tap_done();
}
