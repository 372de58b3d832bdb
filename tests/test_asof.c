/* Time travel is as-of: a dashboard that replayed the demo to its end and
 * steps back to a moment shows exactly what a replay stopped at that moment
 * (--once --at) shows, field for field, and nothing learned later. Also
 * the truths of the demo's two scenes that a reader of the raw data would
 * write down: lead time per crowd episode, one "since" per cell, rising
 * reports that are not problems. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/ui/ui_internal.h"
#include "sitrep/buf.h"
#include "sitrep/canvas.h"
#include "sitrep/engine.h"
#include "sitrep/export.h"
#include "sitrep/recording.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"
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

static struct recording *rec;
static struct config cfg;

static void load_demo(void)
{
    char err[512], *errors = NULL;
    char *path;

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

static struct engine *replay_engine(struct fake_clock *clock)
{
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = clock, .speed = 1, .replay = rec};
    char err[256];
    struct engine *e = engine_new(&cfg, &eo, err, sizeof err);

    if (!e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    return e;
}

/* What --once --at shows: a fresh replay fed up to at, one snapshot. */
static struct snapshot *replay_at(time_t at)
{
    struct fake_clock clock = {(int64_t)at * 1000};
    struct engine *e = replay_engine(&clock);
    struct snapshot *snap;

    engine_round(e, 0);
    snap = engine_snapshot(e);
    engine_free(e);
    return snap;
}

static char *json_of(const struct snapshot *snap)
{
    struct buf out = {0};

    export_snapshot(snap, EXPORT_JSON, NULL, &out);
    return buf_detach(&out);
}

/* The first line where a and b differ, for the diagnostic. */
static void first_difference(const char *a, const char *b)
{
    int line = 1;

    for (; *a && *a == *b; a++, b++)
        line += *a == '\n';
    printf("# first difference at line %d:\n#  past: %.*s\n#  --at: %.*s\n", line,
           (int)strcspn(a, "\n"), a, (int)strcspn(b, "\n"), b);
}

/* The detail pane of service i (column col, -1 for the whole service) as
 * text, 100 columns wide. */
static char *detail_text(const struct snapshot *snap, size_t i, long col)
{
    struct canvas *cv = canvas_new(100, 60);
    struct detail_target t = {.service = i, .column = col};
    struct buf out = {0};

    detail_draw(cv, 0, 0, 100, 60, snap, &t, 0, snap->generated_at, 0);
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

/* Every service's detail pane, whole and per column, drawn from the past
 * shown and from --at's snapshot of the same moment, is the same text. */
static bool same_details(const struct snapshot *past, struct snapshot *then)
{
    bool same = true;

    then->past_at = past->past_at; /* both say "as it stood at" */
    for (size_t i = 0; i < past->nservices && same; i++) {
        for (long col = -1; col < (long)past->ncolumns && same; col++) {
            char *a = detail_text(past, i, col), *b = detail_text(then, i, col);
            same = strcmp(a, b) == 0;
            if (!same) {
                tap_diag("%s, column %ld:", past->services[i].id, col);
                first_difference(a, b);
            }
            free(a);
            free(b);
        }
    }
    then->past_at = 0;
    return same;
}

static const struct snap_service *service(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return &snap->services[i];
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static time_t at_min(double minutes)
{
    return (time_t)(rec->start_ms / 1000) + (time_t)(minutes * 60);
}

/* Moments inside both waves, just before and after Parley's statements
 * (its first incident reaches the page in the poll at 17:59:00.468, its
 * second at 18:29:00.651) and after the first is resolved. */
static const double moments[] = {
    20, 40, 52, 55, 57, 58.9, 59, 59.02, 61, 75, 85, 89, 90, 95, 100, 110, 119.5,
};

static void test_as_of(void)
{
    struct fake_clock clock = {rec->start_ms};
    struct engine *e = replay_engine(&clock);

    /* The dashboard: the replay runs to its end, a step and a snapshot
     * for every response, the clock moving 20 s at a time. */
    for (; clock.ms <= rec->end_ms; clock.ms += 20000) {
        for (int i = 0; i < 1000 && !engine_replay_done(e); i++) {
            engine_step(e, NULL, 0);
            snapshot_free(engine_snapshot(e));
            if (engine_replay_due(e) == 0)
                break;
        }
    }
    clock.ms = rec->end_ms;
    for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++) {
        time_t at = at_min(moments[i]);
        struct snapshot *past = engine_snapshot_at(e, at), *then = replay_at(at);
        char *a = json_of(past), *b = json_of(then), when[32];
        time_format_iso8601(at, when, sizeof when);
        if (!ok(strcmp(a, b) == 0 && !past->past_partial,
                "%s (+%gm): the past shown is --at's snapshot, field for field", when, moments[i]))
            first_difference(a, b);
        ok(same_details(past, then), "%s: every detail pane reads the same", when);
        free(a);
        free(b);
        snapshot_free(past);
        snapshot_free(then);
    }
    /* Stepping back and forth in any order gives the same answers. */
    for (size_t i = sizeof moments / sizeof moments[0]; i-- > 0;) {
        time_t at = at_min(moments[i]);
        struct snapshot *past = engine_snapshot_at(e, at), *then = replay_at(at);
        char *a = json_of(past), *b = json_of(then);
        ok(strcmp(a, b) == 0, "+%gm again, stepping backwards", moments[i]);
        free(a);
        free(b);
        snapshot_free(past);
        snapshot_free(then);
    }
    engine_free(e);
}

/* Parley: crowd problems in FR from 17:50 (confirmed by the duration rule
 * at 18:00), first official word dated 17:54:12: the crowd led by 4m12s,
 * for the whole episode, through the second wave too. */
static void test_lead_time(void)
{
    static const struct {
        double at;
        long lead_s;
        bool silent;
    } cases[] = {
        {57, -1, false}, /* reports rising, not yet a problem: no episode */
        {61, 252, false},  {75, 252, false},  {88, 252, false}, {90, 252, false},
        {100, 252, false}, {115, 252, false}, {119, -1, false}, /* the crowd is clear */
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct snapshot *snap = replay_at(at_min(cases[i].at));
        const struct snap_service *p = service(snap, "parley");
        is_int(p->lead_s, cases[i].lead_s, "+%gm: Parley's lead time", cases[i].at);
        is_int(p->official_silent, cases[i].silent, "+%gm: official word given", cases[i].at);
        if (cases[i].lead_s > 0) {
            char t[32];
            time_format_iso8601(p->crowd_since, t, sizeof t);
            is_str(t, "2026-11-23T17:50:00Z", "+%gm: the crowd episode began at 17:50",
                   cases[i].at);
        }
        snapshot_free(snap);
    }
    /* The Orbit apps: no official word at all. */
    struct snapshot *snap = replay_at(at_min(45));
    const struct snap_service *o = service(snap, "orbit-messenger");
    ok(o->crowd_since && o->official_silent && o->lead_s == -1,
       "Orbit Messenger: a crowd episode with no official word, no lead time to give");
    snapshot_free(snap);
}

/* One since per cell: the service's (ALL) since is no later than any cell
 * at the same level, and every view of one moment reads the same. */
static void test_one_since(void)
{
    for (size_t m = 0; m < sizeof moments / sizeof moments[0]; m++) {
        struct snapshot *snap = replay_at(at_min(moments[m]));
        bool good = true;
        for (size_t i = 0; i < snap->nservices; i++) {
            const struct snap_service *s = &snap->services[i];
            for (size_t c = 0; c < snap->ncolumns; c++) {
                const struct snap_cell *cell = &s->cells[c];
                if (cell->level == s->level && level_is_notable(s->level) && cell->since &&
                    s->since > cell->since) {
                    good = false;
                    tap_diag("%s: service %s since %ld, but %s since %ld", s->id,
                             level_name(s->level), (long)s->since, region_code(snap->columns[c]),
                             (long)cell->since);
                }
                if (snap->columns[c] == region_all() && cell->since != s->since) {
                    good = false;
                    tap_diag("%s: ALL cell since %ld, service since %ld", s->id, (long)cell->since,
                             (long)s->since);
                }
            }
        }
        ok(good, "+%gm: a service is not dated later than its own cells at its level", moments[m]);
        snapshot_free(snap);
    }
}

/* Reports rising before the duration rule are a notice, not a problem. */
static void test_rising(void)
{
    struct snapshot *snap = replay_at(at_min(57));
    const struct snap_service *p = service(snap, "parley");
    bool rising = false, problem = false;

    for (size_t i = 0; i < p->ncrowd; i++) {
        rising |= p->crowd[i].level == LEVEL_NOTICE && p->crowd[i].rising_since != 0 &&
                  p->crowd[i].problem_since == 0;
        problem |= level_is_problem(p->crowd[i].level);
    }
    ok(rising && !problem, "17:57: Parley's crowd reports are rising, not yet a problem");
    ok(p->crowd_since == 0, "and no crowd episode has begun");
    snapshot_free(snap);
}

/* The merged timeline at the end of the demo: both scenes, in order,
 * episodes that ended with their end, filters by service and region. */
static void test_timeline(void)
{
    struct snapshot *snap = replay_at(at_min(119));
    size_t n, nparley, njp;
    struct timeline_event *v = timeline_build(snap, NULL, &n);
    bool sorted = true, orbit = false, parley_crowd = false, statements = false;

    for (size_t i = 0; i < n; i++) {
        const struct timeline_event *e = &v[i];
        sorted &= i == 0 || v[i - 1].at <= e->at;
        if (e->kind == TIMELINE_CROWD && strcmp(e->service->id, "orbit-messenger") == 0)
            /* from 17:00: public posts came ten minutes before the reports */
            orbit = e->at == at_min(0) && e->until > e->at && e->peak > 100 &&
                    (e->evidence & EVIDENCE_MENTIONS) && (e->evidence & EVIDENCE_CROWD);
        if (e->kind == TIMELINE_CROWD && strcmp(e->service->id, "parley") == 0)
            parley_crowd = e->at == at_min(50) && e->until != 0;
        statements |= e->kind == TIMELINE_STATEMENT && strcmp(e->service->id, "parley") == 0;
    }
    ok(n > 10 && sorted, "the timeline at 18:59 holds %zu events, oldest first", n);
    ok(orbit,
       "the Orbit Messenger episode: from 17:00 (mentions, then reports), ended, with its peak");
    ok(parley_crowd && statements, "Parley's crowd episode from 17:50 and its statements");
    free(v);

    struct timeline_filter f = {.service = "parley", .region = REGION_NONE};
    v = timeline_build(snap, &f, &nparley);
    bool only = nparley > 0;
    for (size_t i = 0; i < nparley; i++)
        only &= strcmp(v[i].service->id, "parley") == 0;
    ok(only, "filtered by service: only Parley's %zu events", nparley);
    free(v);
    f = (struct timeline_filter){.family = "orbit", .region = region_find("US")};
    v = timeline_build(snap, &f, &njp);
    is_int(njp, 0, "the Orbit family in the US: nothing (their trouble was in Europe and Japan)");
    free(v);
    snapshot_free(snap);
}

int main(void)
{
    load_demo();
    test_as_of();
    test_lead_time();
    test_one_since();
    test_rising();
    test_timeline();
    recording_free(rec);
    config_free(&cfg);
    return tap_done();
}
