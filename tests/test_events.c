/* Change events for live viewers, on the demo replayed minute by minute:
 * one event per change, none for the starting state, Last-Event-ID
 * answered from the ring, "resync" when it is too old or unknown, hostile
 * ids refused. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/engine.h"
#include "sitrep/events.h"
#include "sitrep/query.h"
#include "sitrep/recording.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

struct fake_clock {
    int64_t ms;
};

static int64_t fake_now(void *ctx)
{
    return ((struct fake_clock *)ctx)->ms;
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;

    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_parse_id(void)
{
    uint64_t id = 0;

    ok(events_parse_id("42", 2, &id) && id == 42, "Last-Event-ID 42");
    ok(!events_parse_id("", 0, &id) && !events_parse_id("-1", 2, &id) &&
           !events_parse_id(" 1", 2, &id) && !events_parse_id("1e3", 3, &id) &&
           !events_parse_id("18446744073709551616000", 23, &id),
       "empty, signed, blank, exponent and too long ids are refused");
    ok(events_parse_id("0000000000000000007", 19, &id) && id == 7, "leading zeros are digits");
}

static void test_query(void)
{
    char v[16];
    const char *q =
        "service=parley&since=2h&x=a%20b+c&bad=%zz&nul=a%00b&flag&long=0123456789abcdef";

    ok(query_get(q, strlen(q), "service", v, sizeof v) == QUERY_OK && strcmp(v, "parley") == 0,
       "a parameter");
    ok(query_get(q, strlen(q), "x", v, sizeof v) == QUERY_OK && strcmp(v, "a b c") == 0,
       "percent escapes and + decoded");
    ok(query_get(q, strlen(q), "flag", v, sizeof v) == QUERY_OK && v[0] == '\0',
       "a key alone is an empty value");
    is_int(query_get(q, strlen(q), "missing", v, sizeof v), QUERY_ABSENT, "absent");
    is_int(query_get(q, strlen(q), "bad", v, sizeof v), QUERY_INVALID, "a bad escape is invalid");
    is_int(query_get(q, strlen(q), "nul", v, sizeof v), QUERY_INVALID, "so is a NUL");
    is_int(query_get(q, strlen(q), "long", v, sizeof v), QUERY_INVALID,
           "and a value that does not fit");
    is_int(query_get("servicex=1", 10, "service", v, sizeof v), QUERY_ABSENT,
           "a longer key is another key");
}

int main(void)
{
    char err[512], *errors = NULL, *path;
    struct recording *rec = recording_load(SITREP_SRCDIR "/data/demo", err, sizeof err);
    struct config cfg;
    struct fake_clock clock;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .speed = 1};
    struct engine *e;
    struct events *ev = events_new(4096), *small = events_new(8);
    struct buf out = {0};
    size_t first = 0, total = 0;
    uint64_t mid = 0;

    test_parse_id();
    test_query();
    if (!rec) {
        printf("Bail out! demo: %s\n", err);
        return 1;
    }
    path = recording_config_path(rec);
    if (config_load_file(path, &cfg, &errors) != 0) {
        printf("Bail out! %s\n", errors ? errors : "config");
        return 1;
    }
    eo.replay = rec;
    clock.ms = rec->start_ms;
    e = engine_new(&cfg, &eo, err, sizeof err);
    for (; clock.ms <= rec->end_ms; clock.ms += 60000) {
        engine_round(e, 0);
        struct snapshot *snap = engine_snapshot(e);
        size_t n = events_observe(ev, snap);
        events_observe(small, snap);
        if (clock.ms == rec->start_ms)
            first = n;
        total += n;
        if (clock.ms == rec->start_ms + 60 * 60000)
            mid = events_last_id(ev);
        snapshot_free(snap);
    }
    is_int(first, 0, "the starting state is no event");
    ok(total > 20 && events_last_id(ev) == total, "the two scenes make %zu numbered events", total);

    events_write_since(ev, 0, &out);
    ok(count(buf_str(&out), "event: cell\n") > 10 && count(buf_str(&out), "event: incident\n") >= 5,
       "cell changes and incident statements");
    ok(strstr(buf_str(&out), "\"service\":\"parley\",\"region\":\"FR\",\"from\":\"notice\","
                             "\"to\":\"major\",\"possible\":true,\"reported_for\":\"EU\"") != NULL,
       "Parley in FR: from reports rising to major, only possibly, the page naming Europe");
    ok(!strstr(buf_str(&out), "\"from\":\"none\",\"to\":\"ok\""),
       "evidence appearing while all is fine (none to ok) is no event");
    ok(strstr(buf_str(&out), "event: incident\ndata: {\"service\":\"parley\"") &&
           strstr(buf_str(&out), "We are aware"),
       "Parley's statements, with their words");
    ok(!strchr(buf_str(&out), '\x1b'), "no raw control characters");
    buf_reset(&out);
    uint64_t last = events_write_since(ev, mid, &out);
    ok(last == events_last_id(ev) && count(buf_str(&out), "\nid: ") + 1 == total - mid + 0 &&
           !strstr(buf_str(&out), "resync"),
       "Last-Event-ID from an hour in: only what came after (%zu events)", (size_t)(total - mid));
    buf_reset(&out);
    events_write_since(small, 1, &out);
    ok(count(buf_str(&out), "event: resync") == 1 && count(buf_str(&out), "id: ") == 1,
       "an id older than the ring holds: one resync event");
    buf_reset(&out);
    events_write_since(ev, events_last_id(ev) + 5, &out);
    ok(strstr(buf_str(&out), "event: resync") != NULL, "an id from the future: resync");
    buf_reset(&out);
    events_write_since(ev, events_last_id(ev), &out);
    is_int(out.len, 0, "up to date: nothing");
    buf_free(&out);
    events_free(ev);
    events_free(small);
    engine_free(e);
    recording_free(rec);
    config_free(&cfg);
    free(path);
    return tap_done();
}
