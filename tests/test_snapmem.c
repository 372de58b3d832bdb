/* A snapshot of ten thousand services has to be small (issue "10,000
 * sources"): a service's component and source strings live in the array
 * that holds them, and its sparkline rows in one allocation where equal
 * rows are stored once. These tests hold the layout to what it promises:
 * the strings read the same as a snapshot read back from JSON (each string
 * its own allocation there), rows share memory exactly when they are equal,
 * an update in place and a moment in the past keep both true, and the
 * sanitizer build frees all of it once. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/engine.h"
#include "sitrep/export.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

static struct tu_server srv;

static int64_t fake_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

static const char *const fixtures[] = {
    "statuspage/atc0005-check-statuspage__dropbox-components.json",
    "statuspage/atc0005-check-statuspage__linode-components-problems.json",
    "statuspage/atc0005-check-statuspage__duo-components.json",
    "statuspage/atc0005-check-statuspage__intercom-components.json",
};
#define NSVC (sizeof fixtures / sizeof fixtures[0])

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Rows share memory exactly when they hold the same levels. */
static bool rows_shared_iff_equal(const struct snapshot *snap, const struct snap_service *s)
{
    size_t n = 1 + snap->ncolumns;
    const unsigned char *row[16];

    if (n > 16 || !s->hist)
        return false;
    for (size_t r = 0; r < n; r++)
        row[r] = r == 0 ? s->hist : s->cells[r - 1].hist;
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++) {
            bool eq = memcmp(row[a], row[b], snap->nhist) == 0;
            if (eq != (row[a] == row[b]))
                return false;
        }
    }
    return true;
}

/* Every row ends with the level its cell (or the service) shows. */
static bool rows_end_at_levels(const struct snapshot *snap, const struct snap_service *s)
{
    size_t last = snap->nhist - 1;

    if (s->hist[last] != (unsigned char)s->level)
        return false;
    for (size_t c = 0; c < snap->ncolumns; c++) {
        if (s->cells[c].hist[last] != (unsigned char)s->cells[c].level)
            return false;
    }
    return true;
}

/* The packed strings read the same as the JSON round trip's own ones. */
static void check_strings(const struct snapshot *snap)
{
    struct export_opts eo = {.full = true, .clock_speed = 1};
    struct buf out = {0};
    char err[256];

    export_snapshot(snap, EXPORT_JSON, &eo, &out);
    struct snapshot *back = snapshot_from_json(buf_str(&out), out.len, NULL, err, sizeof err);
    ok(back && back->nservices == snap->nservices, "the snapshot reads back from JSON (%s)",
       back ? "" : err);
    for (size_t i = 0; back && i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i], *b = &back->services[i];
        bool strings = s->ncomponents == b->ncomponents && s->nsources == b->nsources;
        bool inside = true, one_source = true;
        const char *end = (const char *)(s->components + s->ncomponents);
        for (size_t k = 0; strings && k < s->ncomponents; k++) {
            const struct snap_component *c = &s->components[k], *d = &b->components[k];
            strings = same(c->source, d->source) && same(c->id, d->id) && same(c->name, d->name) &&
                      same(c->group, d->group);
            inside = inside && c->id > end && c->name > end && (!c->group || c->group > end);
            one_source = one_source && c->source == s->components[0].source;
        }
        for (size_t k = 0; strings && k < s->nsources; k++) {
            const struct snap_source *x = &s->sources[k], *y = &b->sources[k];
            strings = same(x->id, y->id) && same(x->format, y->format) && same(x->url, y->url) &&
                      same(x->host, y->host) && same(x->page_name, y->page_name);
        }
        ok(strings, "%s: %zu components' and the source's strings read the same", s->id,
           s->ncomponents);
        ok(s->components_inline && s->sources_inline && inside && one_source,
           "%s: they live after the arrays, one copy of the source id", s->id);
    }
    if (back)
        snapshot_free(back);
    buf_free(&out);
}

static void test_layout(void)
{
    int64_t clock = 1795348800000LL;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .seed = 5};
    char err[256], *url = tu_server_url(&srv, "f/");
    struct buf text = {0};
    struct config cfg;
    struct snap_delta d = {0};

    /* expire_failures = 1: the first failure makes the cells unknown, a
     * change of level inside one history bucket */
    buf_printf(&text, "[sitrep]\ninterval = 30m\nfloor = 5s\nexpire_failures = 1\n"
                      "columns = ALL NA EU APAC\n");
    for (size_t i = 0; i < NSVC; i++)
        buf_printf(&text, "[service s%zu]\nname = Service %zu\nurl = %s%s\n%s", i, i, url,
                   fixtures[i], i == 2 ? "interval = 30s\n" : "");
    tu_config(&cfg, buf_str(&text));
    struct engine *e = engine_new(&cfg, &eo, err, sizeof err);
    engine_round(e, 10000);

    struct snapshot *snap = NULL;
    ok(engine_snapshot_update(e, &snap, &d) && d.all, "the first live snapshot is built whole");
    ok(snap->nhist > 1, "the snapshot has sparklines (%zu points)", snap->nhist);
    size_t shared = 0;
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        ok(s->hist_mem && rows_shared_iff_equal(snap, s),
           "%s: its sparkline rows share memory exactly when equal", s->id);
        for (size_t c = 0; c < snap->ncolumns; c++)
            shared += s->cells[c].hist == s->hist;
    }
    ok(shared > 0, "quiet columns share the service's row (%zu cells)", shared);
    check_strings(snap);

    /* service 2 starts failing: copied in place, the others untouched */
    char *path = xasprintf("set/%s?status=500", fixtures[2]), *r = tu_server_get(&srv, path);
    free(r);
    free(path);
    const unsigned char *other = snap->services[1].hist_mem;
    clock += 40 * 1000;
    for (int i = 0; i < 400 && engine_poll_state(e, 2, 0)->http_status != 500; i++)
        engine_step(e, NULL, 25);
    ok(engine_snapshot_update(e, &snap, &d) && !d.all, "a failing poll updates in place");
    ok(snap->services[2].sources[0].stale && snap->services[2].sources_inline &&
           rows_shared_iff_equal(snap, &snap->services[2]),
       "the copy is packed the same way and says the source is stale");
    ok(snap->services[1].hist_mem == other, "a service not copied keeps its rows");
    check_strings(snap);

    /* a moment in the past, before the failure but in the same history
     * bucket (which keeps the worst it was told: unknown): the rows end
     * with what that moment showed, ok, not with the rest of the bucket */
    ok(snap->services[2].level == LEVEL_UNKNOWN, "service 2 is unknown now");
    struct snapshot *past = engine_snapshot_at(e, (time_t)(clock / 1000) - 20);
    bool ends = past->nhist > 0, shares = true;
    for (size_t i = 0; ends && i < past->nservices; i++) {
        ends = rows_end_at_levels(past, &past->services[i]);
        shares = shares && rows_shared_iff_equal(past, &past->services[i]);
    }
    ok(!past->past_partial && past->services[2].level == LEVEL_OK && ends,
       "a past snapshot's rows end at that moment's levels (service 2 ok then)");
    ok(shares, "and share memory exactly when equal");

    snapshot_free(past);
    snap_delta_free(&d);
    snapshot_free(snap);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
    free(url);
}

int main(void)
{
    tu_server_start(&srv, 100);
    test_layout();
    tu_server_stop(&srv);
    return tap_done();
}
