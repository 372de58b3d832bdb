/* Fuzz target for what a viewer of sitrep serve (--remote) parses: the
 * full JSON snapshot and the event stream. The first byte picks: even, the
 * rest is a snapshot document; odd, an event stream fed in two pieces cut
 * where the second byte says. Invariants: an accepted snapshot writes a
 * full JSON that reads back to the same full JSON (a fixed point, so what a
 * viewer draws is what it read); events stay within their bounds. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/export.h"
#include "sitrep/sse.h"

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x))                                                                                  \
            abort();                                                                               \
    } while (0)

static void on_event(void *user, const struct sse_event *ev)
{
    (void)user;
    CHECK(ev->len <= SSE_MAX_DATA);
    CHECK(strlen(ev->id) < 128 && strlen(ev->type) < 64 && *ev->type);
}

static void snapshot_doc(const char *doc, size_t n)
{
    struct export_opts eo = {.full = true};
    struct buf a = {0}, b = {0};
    char err[300];
    struct snapshot *snap = snapshot_from_json(doc, n, NULL, err, sizeof err), *again;

    if (!snap) {
        CHECK(strlen(err) > 0);
        return;
    }
    export_snapshot(snap, EXPORT_JSON, &eo, &a);
    again = snapshot_from_json(a.data, a.len, NULL, err, sizeof err);
    if (!again)
        fprintf(stderr, "re-read failed: %s\n", err);
    CHECK(again != NULL);
    export_snapshot(again, EXPORT_JSON, &eo, &b);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    snapshot_free(snap);
    snapshot_free(again);
    buf_free(&a);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sse_parser p;
    size_t cut;

    if (size < 2)
        return 0;
    if ((data[0] & 1) == 0) {
        snapshot_doc((const char *)data + 1, size - 1);
        return 0;
    }
    cut = data[1] % (size - 1);
    sse_init(&p, on_event, NULL);
    sse_feed(&p, (const char *)data + 2, cut);
    sse_feed(&p, (const char *)data + 2 + cut, size - 2 - cut);
    sse_free(&p);
    return 0;
}
