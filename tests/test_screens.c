/* Screens: the dashboard drawn into a canvas and dumped as text, compared
 * with golden files at 80x24 and 120x40, plus the edges: ASCII, compact,
 * too small, and every size from 1x1 up without a crash. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/model.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL NA LATAM EU MEA APAC\n"
    "[service calls]\nname = Callr\nurl = https://x/\nregion = group \"(?i)^(.*)$\" => $1\n"
    "[service linode]\nname = Linode\nurl = https://y/\n"
    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
    "[service github]\nname = GitHub\nurl = https://z/\n"
    "[service qualys]\nname = Qualys\nurl = https://q/\n"
    "region = group \"^(US|EU|IN|CA|AE|AU|UK) Platform\" => $1\n"
    "[service dropbox]\nname = Dropbox\nurl = https://d/\n"
    "[service gone]\nname = A service with a very long name indeed\nurl = https://g/\n";

static struct snapshot *build(struct config *cfg, struct model **m)
{
    tu_config(cfg, config_text);
    *m = model_new(cfg);
    tu_feed(*m, cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    tu_feed(*m, cfg, 1, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            NOW - 30);
    tu_feed(
        *m, cfg, 2, 0,
        "tests/fixtures/statuspage/atc0005-check-statuspage__github-components-with-problem.json",
        NOW - 20);
    tu_feed(*m, cfg, 3, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__qualys-components.json", NOW - 20);
    tu_feed(*m, cfg, 4, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__dropbox-components.json",
            NOW - 20);
    model_source_failure(*m, 5, 0, "Could not resolve host: status.example.com", NOW - 5);
    return model_snapshot(*m, NOW);
}

static char *screen(const struct snapshot *snap, int w, int h, size_t selected, bool ascii)
{
    struct canvas *cv = canvas_new(w, h);
    struct dash_view view = {.selected = selected, .ascii = ascii};
    struct buf out = {0};

    dash_draw(cv, snap, &view, NOW);
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

static void golden(const struct snapshot *snap, int w, int h, size_t sel, bool ascii,
                   const char *file, const char *what)
{
    char *text = screen(snap, w, h, sel, ascii);

    ok(tu_golden(text, file), "%s matches %s", what, file);
    free(text);
}

static void test_goldens(const struct snapshot *snap)
{
    golden(snap, 80, 24, 0, false, "tests/golden/dash-80x24.txt", "the grid at 80x24");
    golden(snap, 120, 40, 0, false, "tests/golden/dash-120x40.txt", "the grid at 120x40");
    golden(snap, 80, 24, 5, false, "tests/golden/dash-80x24-failing.txt",
           "the failing service selected at 80x24");
    golden(snap, 80, 24, 0, true, "tests/golden/dash-80x24-ascii.txt", "ASCII mode at 80x24");
    golden(snap, 40, 12, 1, false, "tests/golden/dash-40x12.txt", "the compact grid at 40x12");
    golden(snap, 20, 5, 0, false, "tests/golden/dash-too-small.txt", "too small at 20x5");
}

static void test_content(const struct snapshot *snap)
{
    char *s = screen(snap, 80, 24, 0, false);

    ok(strstr(s, "\xe2\x9c\x95 MAJOR") != NULL, "a certain major cell reads '\xe2\x9c\x95 MAJOR'");
    ok(strstr(s, "\xe2\x96\xb2 part?") != NULL,
       "a possible partial cell reads '\xe2\x96\xb2 part?'");
    ok(strstr(s, "\xc2\xb7 -") != NULL, "a cell without evidence reads '\xc2\xb7 -'");
    ok(strstr(s, "Users cannot log in") != NULL, "the selected service's incident is shown");
    ok(!strchr(s, '\x1b') && !strstr(s, "\xe2\x80\xae"), "no escape or bidi character on screen");
    free(s);
    s = screen(snap, 80, 24, 0, true);
    int ascii_only = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        ascii_only &= *p < 0x80;
    ok(ascii_only, "ASCII mode draws only ASCII");
    free(s);
}

static void test_every_size(const struct snapshot *snap)
{
    struct canvas *cv = canvas_new(1, 1);
    struct dash_view view = {.selected = 3};
    int bad = 0;

    for (int w = 1; w <= 300; w += (w < 100 ? 1 : 7)) {
        for (int h = 1; h <= 100; h += (h < 30 ? 1 : 9)) {
            canvas_resize(cv, w, h);
            dash_draw(cv, snap, &view, NOW);
            for (int y = 0; y < h; y++) {
                int cols = 0;
                for (int x = 0; x < w; x++)
                    cols += canvas_at(cv, x, y)->width ? canvas_at(cv, x, y)->width : 0;
                bad |= cols != w;
            }
        }
    }
    ok(!bad, "every size from 1x1 to 300x100 draws, every row exactly as wide as the canvas");
    canvas_free(cv);
}

static void test_selection(const struct snapshot *snap)
{
    struct dash_view view = {0};

    dash_move(&view, snap, -5);
    is_int(view.selected, 0, "moving up from the top stays at the top");
    dash_move(&view, snap, 100);
    is_int(view.selected, snap->nservices - 1, "moving far down stops at the last service");
    struct canvas *cv = canvas_new(80, 8);
    dash_draw(cv, snap, &view, NOW);
    ok(view.top > 0 && view.selected < view.top + 4, "a short screen scrolls to the selection");
    canvas_free(cv);
}

/* A day of history on every row: services alternate between calm and a
 * problem that started two hours ago; one has a gap (no data). */
static void add_history(struct snapshot *snap)
{
    snap->nhist = 288;
    snap->hist_bucket_s = 300;
    snap->hist_end = NOW - NOW % 300;
    for (size_t i = 0; i < snap->nservices; i++) {
        unsigned char *h = malloc(snap->nhist);
        for (size_t k = 0; k < snap->nhist; k++) {
            size_t ago = snap->nhist - 1 - k;
            h[k] = ago < 24 ? (unsigned char)snap->services[i].level : LEVEL_OK;
            if (i == 3 && ago >= 30 && ago < 36)
                h[k] = LEVEL_NONE;
        }
        snap->services[i].hist = h;
    }
}

static void test_history(struct snapshot *snap)
{
    char *text, *row;

    add_history(snap);
    golden(snap, 120, 40, 0, false, "tests/golden/dash-120x40-history.txt",
           "sparklines beside the grid at 120x40");
    golden(snap, 120, 40, 0, true, "tests/golden/dash-120x40-history-ascii.txt",
           "ASCII sparklines at 120x40");
    text = screen(snap, 80, 24, 0, false);
    ok(strstr(text, "LAST") == NULL, "at 80x24 the grid keeps the room: no sparklines");
    free(text);
    text = screen(snap, 120, 40, 0, false);
    row = strstr(text, "Callr");
    ok(row && strstr(row, "\xe2\x96\x88") && strstr(row, "\xe2\x96\x81"),
       "Callr's sparkline goes from ok to major");
    free(text);
    test_every_size(snap);
}

int main(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap = build(&cfg, &m);

    test_goldens(snap);
    test_content(snap);
    test_every_size(snap);
    test_selection(snap);
    test_history(snap);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
