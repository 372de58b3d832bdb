/* What a viewer of sitrep serve reads: the full JSON of a snapshot, read
 * back, draws and exports exactly what the snapshot itself does (the demo
 * at moments of both scenes, live and time-travelled); the reader refuses
 * what is not a full snapshot without quoting it; the event-stream reader
 * gives the same events however the bytes are cut. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/engine.h"
#include "sitrep/export.h"
#include "sitrep/recording.h"
#include "sitrep/sse.h"
#include "sitrep/xalloc.h"
#include "tap.h"

struct fake_clock {
    int64_t ms;
};

static int64_t fake_now(void *ctx)
{
    return ((struct fake_clock *)ctx)->ms;
}

static struct recording *rec;
static struct config cfg;

static void load_demo(void)
{
    char err[512], *errors = NULL, *path;

    rec = recording_load(SITREP_SRCDIR "/data/demo", err, sizeof err);
    if (!rec) {
        printf("Bail out! demo: %s\n", err);
        exit(1);
    }
    path = recording_config_path(rec);
    if (config_load_file(path, &cfg, &errors) != 0) {
        printf("Bail out! demo config: %s\n", errors ? errors : "?");
        exit(1);
    }
    free(path);
    free(errors);
}

static char *export_of(const struct snapshot *snap, enum export_format f, bool full)
{
    struct export_opts eo = {.full = full, .clock_speed = 1};
    struct buf out = {0};

    export_snapshot(snap, f, &eo, &out);
    return buf_detach(&out);
}

/* The dashboard (the grid with its sparklines and the detail pane of each
 * service in turn) as text. */
static char *screens_of(const struct snapshot *snap)
{
    struct buf all = {0};

    for (size_t i = 0; i < snap->nservices; i++) {
        struct canvas *cv = canvas_new(160, 60);
        struct dash_view view = {.selected = i, .column = -1};
        dash_draw(cv, snap, &view, snap->generated_at);
        canvas_dump(cv, &all);
        canvas_free(cv);
        dash_view_free(&view);
    }
    return buf_detach(&all);
}

static void first_difference(const char *a, const char *b)
{
    int line = 1;

    for (; *a && *a == *b; a++, b++)
        line += *a == '\n';
    printf("# first difference at line %d:\n#  sent: %.*s\n#  read: %.*s\n", line,
           (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
}

static void same(const char *what, const char *a, const char *b, const char *when)
{
    bool eq = strcmp(a, b) == 0;

    ok(eq, "%s: %s read back is the same", when, what);
    if (!eq)
        first_difference(a, b);
}

/* Sends snap through the full JSON and compares everything drawn and
 * exported from both. */
static void round_trip(struct snapshot *snap, const char *when)
{
    char *full = export_of(snap, EXPORT_JSON, true), err[300];
    double speed = -1;
    struct snapshot *back = snapshot_from_json(full, strlen(full), &speed, err, sizeof err);

    ok(back != NULL, "%s: the full JSON is read back (%s)", when, back ? "ok" : err);
    if (!back) {
        free(full);
        return;
    }
    is_int((long)(speed * 10), 10, "%s: with its clock's speed", when);
    static const enum export_format formats[] = {EXPORT_JSON, EXPORT_TEXT, EXPORT_CSV,
                                                 EXPORT_MARKDOWN, EXPORT_NAGIOS};
    static const char *const names[] = {"the JSON", "the text", "the CSV", "the Markdown",
                                        "the Nagios line"};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        char *a = export_of(snap, formats[f], false), *b = export_of(back, formats[f], false);
        same(names[f], a, b, when);
        free(a);
        free(b);
    }
    char *again = export_of(back, EXPORT_JSON, true);
    same("the full JSON", full, again, when);
    char *sa = screens_of(snap), *sb = screens_of(back);
    same("every screen (grid, sparklines, detail panes)", sa, sb, when);
    free(sa);
    free(sb);
    free(again);
    free(full);
    snapshot_free(back);
}

static void demo_round_trips(void)
{
    static const long moments[] = {30 * 60, 70 * 60, 150 * 60};
    struct fake_clock clock = {0};
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .speed = 1, .replay = rec};
    char err[256], when[64];
    struct engine *e;

    clock.ms = rec->start_ms;
    e = engine_new(&cfg, &eo, err, sizeof err);
    if (!e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    for (size_t m = 0; m < sizeof moments / sizeof moments[0]; m++) {
        clock.ms = rec->start_ms + moments[m] * 1000;
        while (engine_replay_due(e))
            engine_step(e, NULL, 0);
        struct snapshot *snap = engine_snapshot(e);
        snprintf(when, sizeof when, "demo at %ldm", moments[m] / 60);
        round_trip(snap, when);
        snapshot_free(snap);
    }
    /* time travel: a past moment, as a viewer asks the server for it */
    struct snapshot *past = engine_snapshot_at(e, (time_t)(rec->start_ms / 1000) + 40 * 60);
    ok(past->past_at != 0, "the past snapshot is one");
    round_trip(past, "demo 40m, time-travelled from the end");
    snapshot_free(past);
    engine_free(e);
}

/* ---- refusals ------------------------------------------------------------ */

static const char marker[] = "PRIVATE-MARKER-4242";

static void refused(const char *doc, const char *why_part, const char *what)
{
    char err[300] = "";
    struct snapshot *snap = snapshot_from_json(doc, strlen(doc), NULL, err, sizeof err);

    ok(snap == NULL && strstr(err, why_part) && !strstr(err, marker), "refused: %s (%s)", what,
       err);
    snapshot_free(snap);
}

/* A minimal full snapshot with one service, its cell and a source, where
 * one member can be swapped for a bad one. */
static char *doc_with(const char *from, const char *to)
{
    static const char base[] =
        "{\"format\": \"" SNAPSHOT_JSON_FULL "\", \"generated_at\": \"2026-11-23T18:10:00Z\","
        " \"columns\": [\"ALL\", \"FR\"], \"history\": {\"points\": 3, \"bucket_s\": 300, "
        "\"end\": \"2026-11-23T18:10:00Z\"},"
        " \"services\": [{\"id\": \"parley\", \"name\": \"Parley\", \"level\": \"major\","
        " \"hist\": \"ooM\", \"sources\": [{\"id\": \"status\", \"format\": \"statuspage\"}],"
        " \"cells\": {\"ALL\": {\"level\": \"major\"}, \"FR\": {\"level\": \"partial\", "
        "\"hist\": \"o.P\"}}}]}";
    struct buf b = {0};
    const char *at = strstr(base, from);

    if (!at)
        return xstrdup(base);
    buf_append(&b, base, (size_t)(at - base));
    buf_puts(&b, to);
    buf_puts(&b, at + strlen(from));
    return buf_detach(&b);
}

static void refusals(void)
{
    char err[300], *d;
    struct snapshot *snap;

    d = doc_with("", "");
    snap = snapshot_from_json(d, strlen(d), NULL, err, sizeof err);
    ok(snap && snap->nservices == 1 && snap->ncolumns == 2 &&
           snap->services[0].cells[1].level == LEVEL_PARTIAL &&
           snap->services[0].cells[1].hist[2] == LEVEL_PARTIAL &&
           snap->services[0].hist[0] == LEVEL_OK,
       "a minimal full snapshot reads (%s)", snap ? "ok" : err);
    snapshot_free(snap);
    free(d);

    refused("PRIVATE-MARKER-4242 is not json", "not JSON", "not JSON");
    refused("[1, 2]", "not an object", "an array");
    refused("{\"generated_at\": \"PRIVATE-MARKER-4242\"}", "not a full sitrep snapshot",
            "the plain JSON (no format)");
    struct {
        const char *from, *to, *why, *what;
    } bad[] = {
        {"\"level\": \"major\",", "\"level\": \"PRIVATE-MARKER-4242\",", "not a level",
         "a level it does not know"},
        {"\"level\": \"major\",", "\"level\": 5,", "wrong type", "a level as a number"},
        {"\"hist\": \"ooM\"", "\"hist\": \"oM\"", "one letter a history point",
         "a sparkline of the wrong length"},
        {"\"hist\": \"ooM\"", "\"hist\": \"oZM\"", "no level",
         "a sparkline letter that is no level"},
        {"[\"ALL\", \"FR\"]", "[\"ALL\", \"PRIVATE-MARKER-4242\"]", "column",
         "a column it does not know"},
        {"[\"ALL\", \"FR\"]", "[\"ALL\", \"ALL\"]", "twice", "a column twice"},
        {"[\"ALL\", \"FR\"]", "[]", "columns", "no columns"},
        {"\"generated_at\": \"2026-11-23T18:10:00Z\"", "\"generated_at\": \"PRIVATE-MARKER-4242\"",
         "ISO 8601", "a time that is none"},
        {"\"points\": 3", "\"points\": 999999", "axis", "a history axis out of range"},
        {"\"id\": \"parley\", ", "", "'id' is missing", "a service without an id"},
        {"{\"id\": \"status\", \"format\": \"statuspage\"}", "\"PRIVATE-MARKER-4242\"",
         "other than objects", "a source that is not an object"},
        {"\"name\": \"Parley\"", "\"name\": \"Parley\", \"name\": \"PRIVATE-MARKER-4242\"",
         "not JSON", "a member twice"},
    };
    char *plain = doc_with("", "");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = doc_with(bad[i].from, bad[i].to);
        ok(strcmp(d, plain) != 0, "test document %zu is changed", i);
        refused(d, bad[i].why, bad[i].what);
        free(d);
    }
    free(plain);
}

/* ---- the event stream ------------------------------------------------------ */

struct seen {
    struct buf log;
    size_t n;
};

static void log_event(void *user, const struct sse_event *ev)
{
    struct seen *s = user;

    buf_printf(&s->log, "[%s|%s|%.*s]", ev->id, ev->type, (int)ev->len, ev->data);
    s->n++;
}

static const char stream[] = "\xef\xbb\xbfretry: 5000\r\n: sitrep events\r\n\r\n"
                             "id: 1\nevent: cell\ndata: {\"a\":1}\n\n"
                             ": ping\n\n"
                             "id: 2\revent: service\rdata: line one\rdata: line two\r\r"
                             "data:no space\n\n"
                             "event: ignored-without-data\n\n"
                             "id\ndata: id cleared\n\n";
static const char expect[] = "[1|cell|{\"a\":1}][2|service|line one\nline two]"
                             "[2|message|no space][|message|id cleared]";

static void sse_cuts(void)
{
    size_t len = sizeof stream - 1;
    bool all_same = true;

    for (size_t cut = 0; cut <= len; cut++) {
        struct seen s = {0};
        struct sse_parser p;
        sse_init(&p, log_event, &s);
        sse_feed(&p, stream, cut);
        sse_feed(&p, stream + cut, len - cut);
        if (strcmp(buf_str(&s.log), expect) != 0 || p.retry_ms != 5000 || p.comments != 2) {
            if (all_same)
                printf("# cut at %zu: %s (retry %ld, comments %zu)\n", cut, buf_str(&s.log),
                       p.retry_ms, p.comments);
            all_same = false;
        }
        sse_free(&p);
        buf_free(&s.log);
    }
    ok(all_same, "the same events, ids, retry and comments however the stream is cut in two");

    struct seen s = {0};
    struct sse_parser p;
    sse_init(&p, log_event, &s);
    for (size_t i = 0; i < len; i++)
        sse_feed(&p, stream + i, 1);
    is_str(buf_str(&s.log), expect, "and fed a byte at a time");
    sse_free(&p);
    buf_free(&s.log);

    /* an over-long line is dropped whole, and what follows still reads */
    struct buf big = {0};
    buf_puts(&big, "data: ");
    for (int i = 0; i < SSE_MAX_LINE + 10; i++)
        buf_putc(&big, 'x');
    buf_puts(&big, "\nid: 9\ndata: after\n\n");
    s = (struct seen){0};
    sse_init(&p, log_event, &s);
    sse_feed(&p, big.data, big.len);
    is_str(buf_str(&s.log), "[9|message|after]", "an over-long line is dropped, not cut short");
    ok(p.dropped == 1, "and counted");
    sse_free(&p);
    buf_free(&s.log);
    buf_free(&big);

    /* an id holding NUL is ignored; a new connection keeps the last id */
    static const char nul[] = "id: 3\ndata: a\n\nid: 4\0x\ndata: b\n\n";
    s = (struct seen){0};
    sse_init(&p, log_event, &s);
    sse_feed(&p, nul, sizeof nul - 1);
    sse_feed(&p, "data: half", 10);
    sse_reset(&p);
    sse_feed(&p, "data: c\n\n", 9);
    is_str(buf_str(&s.log), "[3|message|a][3|message|b][3|message|c]",
           "an id with a NUL is ignored; a reconnection forgets half an event, keeps the id");
    sse_free(&p);
    buf_free(&s.log);
}

int main(void)
{
    load_demo();
    demo_round_trips();
    refusals();
    sse_cuts();
    config_free(&cfg);
    recording_free(rec);
    return tap_done();
}
