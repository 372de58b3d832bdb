/* The dashboard costs what changes (issue "10,000 sources"): a poll that
 * changes one service has the engine copy that service alone and the grid
 * draw that row alone; at 10,000 rows the filter, the sorts, paging and a
 * jump to a service each take one pass at most, and a frame with nothing
 * new takes none. Work is counted (services copied, rows visited and
 * drawn), never timed; every incremental frame is also compared, cell for
 * cell, with the same screen drawn from scratch. Frame pacing too. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/engine.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define W 120
#define H 40

/* The canvas equals what a fresh view draws from scratch, cell for cell. */
static bool same_as_fresh(const struct canvas *cv, const struct snapshot *snap,
                          const struct dash_view *v, time_t now)
{
    struct canvas *fresh = canvas_new(cv->w, cv->h);
    struct dash_view f = {
        .selected = v->selected,
        .top = v->top,
        .column = v->column,
        .sort = v->sort,
        .problems_only = v->problems_only,
    };
    bool same = true;

    snprintf(f.filter, sizeof f.filter, "%s", v->filter);
    snprintf(f.sel_key, sizeof f.sel_key, "%s", v->sel_key);
    dash_draw(fresh, snap, &f, now);
    for (int y = 0; y < cv->h && same; y++) {
        for (int x = 0; x < cv->w && same; x++) {
            const struct canvas_cell *a = canvas_at(cv, x, y), *b = canvas_at(fresh, x, y);
            same = strcmp(a->text, b->text) == 0 && a->width == b->width && a->role == b->role &&
                   a->attr == b->attr;
            if (!same)
                printf("# differs at %d,%d: '%s' vs '%s'\n", x, y, a->text, b->text);
        }
    }
    dash_view_free(&f);
    canvas_free(fresh);
    return same;
}

static bool on_screen(const struct canvas *cv, const char *text)
{
    struct buf out = {0};
    bool found;

    canvas_dump(cv, &out);
    found = strstr(buf_str(&out), text) != NULL;
    buf_free(&out);
    return found;
}

/* ---- a poll that changes one service ----------------------------------- */

static struct tu_server srv;

static int64_t fake_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

static const char *const fixtures[] = {
    "statuspage/atc0005-check-statuspage__dropbox-components.json",
    "statuspage/atc0005-check-statuspage__box-components.json",
    "statuspage/atc0005-check-statuspage__coinbase-components.json",
    "statuspage/atc0005-check-statuspage__duo-components.json",
    "statuspage/atc0005-check-statuspage__intercom-components.json",
    "statuspage/atc0005-check-statuspage__lastpass-components.json",
};
#define NSVC (sizeof fixtures / sizeof fixtures[0])

static void test_one_poll(void)
{
    int64_t clock = 1795348800000LL;
    struct engine_opts eo = {.clock = fake_now, .clock_ctx = &clock, .seed = 3};
    char err[256], *url = tu_server_url(&srv, "f/");
    struct buf text = {0};
    struct config cfg;
    struct snapshot *snap = NULL;
    struct snap_delta d = {0};
    struct dash_view v = {.column = -1};
    struct canvas *cv = canvas_new(W, H);

    /* services 0 and 3 are polled every 30 s, the others every half hour */
    buf_printf(&text, "[sitrep]\ninterval = 30m\nfloor = 5s\ncolumns = ALL NA EU APAC\n");
    for (size_t i = 0; i < NSVC; i++)
        buf_printf(&text, "[service s%zu]\nname = Service %zu\nurl = %s%s\n%s", i, i, url,
                   fixtures[i], i == 0 || i == 3 ? "interval = 30s\n" : "");
    tu_config(&cfg, buf_str(&text));
    struct engine *e = engine_new(&cfg, &eo, err, sizeof err);
    engine_round(e, 10000);

    ok(engine_snapshot_update(e, &snap, &d) && d.all, "the first update is a whole snapshot");
    dash_note_delta(&v, snap, &d);
    dash_draw(cv, snap, &v, (time_t)(clock / 1000));
    ok(snap->generation != 0 && v.work.drawn > 0, "and the first frame draws every row (%zu)",
       v.work.drawn);

    v.work = (struct dash_work){0};
    ok(!engine_snapshot_update(e, &snap, &d) && d.ncopied == 0 && !d.all,
       "no poll since: nothing is copied");
    dash_note_delta(&v, snap, &d);
    dash_draw(cv, snap, &v, (time_t)(clock / 1000));
    ok(v.work.visited == 0 && v.work.drawn == 0,
       "a frame with nothing new visits no service and draws no row (%zu, %zu)", v.work.visited,
       v.work.drawn);
    ok(same_as_fresh(cv, snap, &v, (time_t)(clock / 1000)), "and the screen is the same");

    /* service 3's page starts failing; service 0's answers the same bytes */
    char *path = xasprintf("set/%s?status=500", fixtures[3]), *r = tu_server_get(&srv, path);
    free(r);
    free(path);
    /* only those two are due: the loop runs until both have answered */
    int64_t was0 = engine_poll_state(e, 0, 0)->last_start_ms;
    clock += 40 * 1000;
    for (int i = 0; i < 400; i++) {
        engine_step(e, NULL, 25);
        if (engine_poll_state(e, 3, 0)->http_status == 500 &&
            engine_poll_state(e, 0, 0)->last_start_ms > was0 && engine_idle(e))
            break;
    }
    v.work = (struct dash_work){0};
    ok(engine_snapshot_update(e, &snap, &d) && !d.all, "two polls: an update in place");
    ok(d.ncopied == 2 &&
           ((d.copied[0] == 0 && d.copied[1] == 3) || (d.copied[0] == 3 && d.copied[1] == 0)),
       "only the two services polled are copied (%zu)", d.ncopied);
    ok(d.nrows == 1 && d.rows[0] == 3,
       "only service 3's row shows something new (its cells are stale now)");
    ok(snap->services[3].sources[0].stale && snap->services[3].cells[0].stale, "the copy says so");
    dash_note_delta(&v, snap, &d);
    dash_draw(cv, snap, &v, (time_t)(clock / 1000));
    is_int((long)v.work.drawn, 1, "the frame draws that row alone");
    ok(v.work.visited <= NSVC, "and counts the levels once, no sort (%zu)", v.work.visited);
    ok(same_as_fresh(cv, snap, &v, (time_t)(clock / 1000)),
       "the screen is what a whole redraw shows");

    /* what is on screen is copied anew without a poll: its ages move on */
    long age = snap->services[1].sources[0].age_s;
    clock += 10 * 1000;
    engine_snapshot_touch(e, 1);
    v.work = (struct dash_work){0};
    ok(engine_snapshot_update(e, &snap, &d) && !d.all && d.ncopied == 1 && d.copied[0] == 1 &&
           d.nrows == 0,
       "a service on screen is copied anew on its own; its row is the same");
    const struct snap_source *src1 = &snap->services[1].sources[0];
    ok(src1->age_s == (long)(clock / 1000 - src1->last_success) && src1->age_s >= age + 50,
       "its age is the clock's now (%ld s, was %ld s when last copied)", src1->age_s, age);
    dash_note_delta(&v, snap, &d);
    dash_draw(cv, snap, &v, (time_t)(clock / 1000));
    ok(v.work.drawn == 0 && v.work.visited == 0, "the grid draws nothing for it");

    /* a minute after the last whole one, the snapshot is built whole:
     * what time alone changes reaches the services off screen too */
    clock += ENGINE_LIVE_REFRESH_S * 1000;
    ok(engine_snapshot_update(e, &snap, &d) && d.all,
       "a minute on, the snapshot is built whole again");
    ok(snap->services[5].sources[0].age_s >= ENGINE_LIVE_REFRESH_S,
       "with every service's age (%ld s)", snap->services[5].sources[0].age_s);

    snap_delta_free(&d);
    snapshot_free(snap);
    dash_view_free(&v);
    canvas_free(cv);
    engine_free(e);
    config_free(&cfg);
    buf_free(&text);
    free(url);
}

/* ---- 10,000 rows --------------------------------------------------------- */

#define BIG 10000

static struct snapshot *big_snapshot(void)
{
    struct snapshot *snap = xcalloc(1, sizeof *snap);
    static const char *const codes[] = {"ALL", "NA", "EU", "APAC"};

    snap->generated_at = 1795348800;
    snap->ncolumns = 4;
    snap->columns = xcalloc(4, sizeof *snap->columns);
    for (size_t c = 0; c < 4; c++)
        snap->columns[c] = region_find(codes[c]);
    snap->nservices = BIG;
    snap->services = xcalloc(BIG, sizeof *snap->services);
    for (size_t i = 0; i < BIG; i++) {
        struct snap_service *s = &snap->services[i];
        /* names out of config order, so the name sort moves them */
        s->id = xasprintf("svc%05zu", (i * 7919) % BIG);
        s->name = xasprintf("Service %05zu", (i * 7919) % BIG);
        s->order = i;
        s->level = i % 97 == 0 ? LEVEL_MAJOR : i % 13 == 0 ? LEVEL_DEGRADED : LEVEL_OK;
        s->since = 1795348800 - (time_t)(i % 500) * 60;
        s->cells = xcalloc(4, sizeof *s->cells);
        for (size_t c = 0; c < 4; c++) {
            s->cells[c].level = c == 2 ? s->level : LEVEL_OK;
            s->cells[c].reports = s->cells[c].baseline = s->cells[c].mentions = -1;
            s->cells[c].age_s = 30;
            s->cells[c].unknown_src = -1;
        }
    }
    snap->generation = 1; /* a live snapshot, as engine_snapshot_update() gives */
    return snap;
}

static void frame(struct canvas *cv, const struct snapshot *snap, struct dash_view *v)
{
    v->work = (struct dash_work){0};
    dash_draw(cv, snap, v, snap->generated_at);
}

static const char *selected_id(const struct snapshot *snap, const struct dash_view *v)
{
    return v->nrows ? snap->services[v->rows[v->selected].service].id : "";
}

static void test_ten_thousand(void)
{
    struct snapshot *snap = big_snapshot();
    struct canvas *cv = canvas_new(W, H);
    struct dash_view v = {.column = -1};
    time_t now = snap->generated_at;

    frame(cv, snap, &v);
    ok(v.nrows == BIG && v.grid_h > 10, "10,000 rows, %d on screen", v.grid_h);
    size_t page = (size_t)v.grid_h;

    frame(cv, snap, &v);
    ok(v.work.visited == 0 && v.work.drawn == 0,
       "a tick with nothing new: no service visited, no row drawn (%zu, %zu)", v.work.visited,
       v.work.drawn);

    v.work = (struct dash_work){0};
    dash_move(&v, snap, (int)page - 1); /* page down, as the key does, twice */
    dash_move(&v, snap, (int)page - 1);
    frame(cv, snap, &v);
    ok(v.work.visited == 0 && v.work.drawn <= page,
       "page down: no service visited, only the window drawn (%zu, %zu)", v.work.visited,
       v.work.drawn);
    ok(v.top > 0 && same_as_fresh(cv, snap, &v, now), "and the screen is the next page");
    dash_move(&v, snap, -2 * ((int)page - 1));
    frame(cv, snap, &v);
    ok(v.work.visited == 0 && v.top == 0, "page up: likewise");

    snprintf(v.filter, sizeof v.filter, "service 0999"); /* '/' as typed */
    frame(cv, snap, &v);
    ok(v.nrows == 10 && v.work.visited <= BIG && v.work.drawn <= page,
       "/ service 0999: 10 rows, one pass over the services (%zu), the window drawn (%zu)",
       v.work.visited, v.work.drawn);
    ok(on_screen(cv, "Service 09990") && on_screen(cv, "filter \"service 0999\""),
       "the canvas shows the matches and the filter");
    snprintf(v.filter, sizeof v.filter, "service 09993");
    frame(cv, snap, &v);
    ok(v.nrows == 1 && v.work.visited <= BIG, "one more letter: one row, one pass (%zu)",
       v.work.visited);

    /* a jump: the filter finds the service, Esc gives the whole list back
     * with the selection on it */
    v.filter[0] = '\0';
    frame(cv, snap, &v);
    ok(strcmp(selected_id(snap, &v), "svc09993") == 0 && v.selected >= v.top &&
           v.selected < v.top + page && v.work.visited <= BIG,
       "jump: back in the whole list on Service 09993, on screen, one pass (%zu)", v.work.visited);
    ok(same_as_fresh(cv, snap, &v, now), "and the screen is that list scrolled to it");

    v.sort = DASH_SORT_NAME;
    frame(cv, snap, &v);
    ok(v.work.visited <= 2 * BIG && v.work.drawn <= page,
       "sort by name: one sort and one pass (%zu visited), the window drawn (%zu)", v.work.visited,
       v.work.drawn);
    ok(strcmp(selected_id(snap, &v), "svc09993") == 0, "the selection stays on its service");
    dash_move(&v, snap, -1000000);
    frame(cv, snap, &v);
    ok(on_screen(cv, "Service 00000") && v.work.visited == 0,
       "the top of the name order is Service 00000, reached without a pass");
    dash_move(&v, snap, 1000000);
    frame(cv, snap, &v);
    ok(on_screen(cv, "Service 09999") && v.work.visited == 0, "the end: Service 09999");

    /* a poll changes one service on screen: it alone is drawn again; its
     * level does not move it in the name order, so nothing is sorted */
    size_t svc = v.rows[v.selected - 2].service;
    struct snap_delta d = {0};
    snap->services[svc].level = LEVEL_PARTIAL;
    snap->services[svc].cells[2].level = LEVEL_PARTIAL;
    snap->generation++;
    snap_delta_add(&d, svc, true);
    dash_note_delta(&v, snap, &d);
    frame(cv, snap, &v);
    ok(v.work.drawn == 1 && v.work.visited <= BIG,
       "one row changed: one row drawn, the title's counts made again (%zu, %zu)", v.work.drawn,
       v.work.visited);
    ok(same_as_fresh(cv, snap, &v, now), "the screen is what a whole redraw shows");

    /* by severity a new level moves the row: sorted again, once */
    v.sort = DASH_SORT_SEVERITY;
    frame(cv, snap, &v);
    snap->services[svc].level = LEVEL_MAJOR;
    snap->generation++;
    dash_note_delta(&v, snap, &d);
    frame(cv, snap, &v);
    ok(v.work.visited <= 3 * BIG && v.work.drawn <= page,
       "by severity a change of level sorts once (%zu), draws the window (%zu)", v.work.visited,
       v.work.drawn);
    ok(same_as_fresh(cv, snap, &v, now), "and the screen is right");
    frame(cv, snap, &v);
    ok(v.work.visited == 0 && v.work.drawn == 0, "the next tick: nothing");

    snap_delta_free(&d);
    dash_view_free(&v);
    canvas_free(cv);
    snapshot_free(snap);
}

/* ---- frame pacing ----------------------------------------------------- */

static void test_pacing(void)
{
    struct dash_pace p = {.since_ms = 0, .cost_ms = 1, .pending = true};

    is_int(dash_frame_wait(&p), DASH_FRAME_MS, "a change waits for the frame interval");
    p.cost_ms = 20;
    is_int(dash_frame_wait(&p), 20 * DASH_FRAME_COST_X,
           "after a 20 ms frame, changes wait 40 times that");
    p.cost_ms = 500;
    is_int(dash_frame_wait(&p), DASH_FRAME_MAX_MS, "but never more than the most");
    p.since_ms = 300;
    p.cost_ms = 1;
    is_int(dash_frame_wait(&p), 0, "a change after the interval is drawn at once");
    p.since_ms = 100;
    p.acted = true;
    is_int(dash_frame_wait(&p), 0, "a key is answered at once");
    p.acted = p.pending = false;
    is_int(dash_frame_wait(&p), DASH_TICK_MS - 100, "nothing new: the next tick");
}

int main(void)
{
    tu_server_start(&srv, 100);
    test_one_poll();
    tu_server_stop(&srv);
    test_ten_thousand();
    test_pacing();
    return tap_done();
}
