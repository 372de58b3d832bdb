/* The dashboard's timeline view ('t') on the bundled demo: goldens at two
 * sizes and in ASCII, every event's moment in UTC, local time (Paris) and
 * relative to the moment shown, the filters (services, family, region,
 * window), scrolling, and as-of: a moment before a statement reached its
 * page shows no trace of it. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/ui/ui_internal.h"
#include "sitrep/buf.h"
#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/recording.h"
#include "sitrep/timeline.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

static struct recording *rec;
static struct config cfg;

/* The row of the grid showing service id, selected; the view's timeline
 * opened on it. */
static void open_on(struct dash_view *v, const struct snapshot *snap, const char *id)
{
    dash_rows(v, snap);
    for (size_t r = 0; r < v->nrows; r++) {
        if (strcmp(snap->services[v->rows[r].service].id, id) == 0)
            v->selected = r;
    }
    v->timeline.on = false;
    dash_timeline_toggle(v, snap);
}

static char *draw(const struct snapshot *snap, struct dash_view *v, int w, int h)
{
    struct canvas *cv = canvas_new(w, h);
    struct buf out = {0};

    dash_draw(cv, snap, v, snap->generated_at);
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

/* The line of text holding needle, or "" (a static copy). */
static const char *line_with(const char *text, const char *needle)
{
    static char line[512];
    const char *p = strstr(text, needle), *b, *e;

    if (!p)
        return "";
    for (b = p; b > text && b[-1] != '\n'; b--)
        ;
    e = strchr(p, '\n');
    snprintf(line, sizeof line, "%.*s", (int)(e ? e - b : (long)strlen(b)), b);
    return line;
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;

    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void test_goldens(void)
{
    struct snapshot *snap = tu_demo_at(rec, &cfg, 100);
    struct dash_view v = {.column = -1};
    char *text;

    open_on(&v, snap, "parley");
    text = draw(snap, &v, 120, 40);
    ok(tu_golden(text, "tests/golden/timeline-120x40.txt"), "the timeline at 120x40");
    free(text);
    text = draw(snap, &v, 80, 24);
    ok(tu_golden(text, "tests/golden/timeline-80x24.txt"), "the timeline at 80x24");
    free(text);
    v.ascii = true;
    v.timeline.scroll = 0;
    text = draw(snap, &v, 80, 24);
    ok(tu_golden(text, "tests/golden/timeline-80x24-ascii.txt"),
       "the timeline's oldest events at 80x24 in ASCII");
    free(text);
    dash_view_free(&v);
    snapshot_free(snap);
}

/* Parley's first statement (posted 17:58:12 UTC, seen at 18:40): UTC,
 * Paris time and how long before the moment shown, on its row. */
static void test_three_times(void)
{
    struct snapshot *snap = tu_demo_at(rec, &cfg, 100);
    struct dash_view v = {.column = -1};
    char *text;

    open_on(&v, snap, "parley");
    v.timeline.scroll = 0;
    text = draw(snap, &v, 140, 60);
    const char *row = line_with(text, "11-23 17:58:12");
    ok(strstr(row, "18:58 CET") && strstr(row, "41m ago") && strstr(row, "Parley") &&
           strstr(row, "official: "),
       "a statement's row: UTC, local time, 41m ago, the service, what was said");
    ok(strstr(text, "UTC") && strstr(text, "LOCAL") && strstr(text, "AGO") &&
           strstr(text, "WHAT HAPPENED"),
       "the columns are headed");
    row = line_with(text, "in 1d");
    ok(strstr(row, "Mailbox") && strstr(row, "maintenance (upcoming)"),
       "an upcoming maintenance counts down: %s", row);
    free(text);
    dash_view_free(&v);
    snapshot_free(snap);
}

/* The rows the view lists are exactly timeline_build()'s under the filter
 * the view says, and the filter follows the keys' state. */
static void test_filters(void)
{
    struct snapshot *snap = tu_demo_at(rec, &cfg, 100);
    struct dash_view v = {.column = -1};
    struct timeline_filter f;
    size_t all, n;
    char *text;

    open_on(&v, snap, "orbit-messenger");
    free(timeline_build(snap, NULL, &all));
    text = draw(snap, &v, 200, 120);
    ok(strstr(text, "every service | every region | all known") && all > 10,
       "opened: every service, every region, all known (%zu events)", all);
    is_int(count(text, "\n 11-2"), all, "every event has its row");
    free(text);

    dash_timeline_scope(&v, snap);
    dash_timeline_filter(&v, snap, snap->generated_at, &f);
    free(timeline_build(snap, &f, &n));
    text = draw(snap, &v, 200, 120);
    ok(f.service && strcmp(f.service, "orbit-messenger") == 0 && n > 0 && n < all,
       "a: the selected service only (%zu events)", n);
    ok(strstr(text, "Orbit Messenger only") && count(text, "\n 11-2") == n &&
           count(text, "\n 11-2") == count(text, "Orbit Messenger  "),
       "and every row is Orbit Messenger's");
    free(text);

    dash_timeline_scope(&v, snap);
    dash_timeline_filter(&v, snap, snap->generated_at, &f);
    text = draw(snap, &v, 200, 120);
    ok(f.family && strcmp(f.family, "orbit") == 0 && !f.service && strstr(text, "family orbit") &&
           strstr(text, "Orbit Chat") && !strstr(text, "Parley"),
       "a again: its family (Orbit Chat too, not Parley)");
    free(text);
    dash_timeline_scope(&v, snap);
    is_int(v.timeline.scope, DASH_TL_ALL, "a a third time: every service again");

    /* Parley has no family: a goes from it straight back to everything */
    open_on(&v, snap, "parley");
    dash_timeline_scope(&v, snap);
    dash_timeline_scope(&v, snap);
    is_int(v.timeline.scope, DASH_TL_ALL, "a service without a family skips that step");

    /* the cursor's column is the region: Japan saw Orbit, not Parley */
    for (size_t c = 0; c < snap->ncolumns; c++) {
        if (strcmp(region_code(snap->columns[c]), "JP") == 0)
            v.column = (int)c;
    }
    text = draw(snap, &v, 200, 120);
    ok(v.column >= 0 && strstr(text, "| JP |") && strstr(text, "Orbit Messenger") &&
           !strstr(text, "Parley"),
       "h/l: the column's region (JP: Orbit's episode, not Parley's in Europe)");
    free(text);
    v.column = -1;

    /* +: the last 7 days, a day, 6 h, 1 h before the moment shown */
    for (int i = 0; i < 4; i++)
        dash_timeline_window(&v, 1);
    is_int(dash_timeline_window_s(&v), 3600, "+ four times: the last hour");
    dash_timeline_window(&v, 1);
    is_int(dash_timeline_window_s(&v), 3600, "and no narrower");
    dash_timeline_filter(&v, snap, snap->generated_at, &f);
    text = draw(snap, &v, 200, 120);
    ok(strstr(text, "last 1h") && !strstr(text, "11-23 17:10:00") && strstr(text, "11-23 18:"),
       "the last hour: Orbit's 17:10 episode is out, Parley's later statements in");
    free(text);
    for (int i = 0; i < 9; i++)
        dash_timeline_window(&v, -1);
    is_int(dash_timeline_window_s(&v), 0, "- back to everything known");
    dash_view_free(&v);
    snapshot_free(snap);
}

/* What the view lists is what was known at the moment shown: Parley's
 * first statement (posted 17:58:12) reached its page in the poll at 17:59. */
static void test_as_of(void)
{
    struct snapshot *before = tu_demo_at(rec, &cfg, 58), *after = tu_demo_at(rec, &cfg, 59.5);
    struct dash_view v = {.column = -1};
    char *a, *b;

    open_on(&v, before, "parley");
    a = draw(before, &v, 200, 120);
    b = draw(after, &v, 200, 120);
    ok(!strstr(a, "17:58:12") && !strstr(a, "11-23 18:"),
       "17:58: no statement yet, nothing from later");
    ok(strstr(line_with(b, "17:58:12"), "1m ago") != NULL,
       "17:59:30: the statement, posted 17:58:12, a minute before the moment shown");
    free(a);
    free(b);
    dash_view_free(&v);
    snapshot_free(before);
    snapshot_free(after);
}

static void test_scroll(void)
{
    struct snapshot *snap = tu_demo_at(rec, &cfg, 119);
    struct dash_view v = {.column = -1};
    char *text;

    open_on(&v, snap, "parley");
    text = draw(snap, &v, 80, 24);
    int end = v.timeline.scroll;
    ok(end > 0 && v.timeline.page > 0, "opened at the newest events (scrolled %d rows)", end);
    free(text);
    dash_move(&v, snap, -3);
    is_int(v.timeline.scroll, end - 3, "k scrolls the timeline, not the grid");
    dash_move(&v, snap, -1000000);
    is_int(v.timeline.scroll, 0, "g: its top");
    dash_move(&v, snap, 1000000);
    free(draw(snap, &v, 80, 24));
    is_int(v.timeline.scroll, end, "G: its end, clamped when drawn");
    dash_timeline_toggle(&v, snap);
    text = draw(snap, &v, 80, 24);
    ok(!v.timeline.on && !strstr(text, "TIMELINE") && strstr(text, "SERVICE"), "t again: the grid");
    free(text);
    /* one service chosen before, then a filter that hides every row */
    v.timeline.scope = DASH_TL_SERVICE;
    snprintf(v.filter, sizeof v.filter, "no such service");
    dash_rows(&v, snap);
    dash_timeline_toggle(&v, snap);
    text = draw(snap, &v, 120, 40);
    ok(v.nrows == 0 && v.timeline.scope == DASH_TL_ALL && strstr(text, "every service |"),
       "with no row selected the timeline is every service's");
    free(text);
    dash_view_free(&v);
    snapshot_free(snap);
}

int main(void)
{
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    tu_demo_load(&rec, &cfg);
    test_goldens();
    test_three_times();
    test_filters();
    test_as_of();
    test_scroll();
    recording_free(rec);
    config_free(&cfg);
    return tap_done();
}
