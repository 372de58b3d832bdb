/* The detail pane: goldens of a service's timeline, a crowd cell, a failing
 * source and ASCII mode, built through the real model from fixtures and
 * hand-made report series; then its behaviour: scrolling and the line count,
 * hostile text, the rectangle it may draw in at every size, series without
 * counts, expanded rows, and the time helpers it uses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/ui/ui_internal.h"
#include "sitrep/model.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NOW    1795348800 /* 2026-11-22T12:00:00Z, a bucket boundary */
#define BUCKET 900
#define FED    96 /* buckets fed per series: a day */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL NA EU FR APAC\n"
    "[service calls]\nname = Callr\nurl = https://status.callr.example/api/v2/summary.json\n"
    "region = group \"(?i)^(.*)$\" => $1\n"
    "[service meet]\nname = Meet\nurl = https://status.meet.example/api/v2/summary.json\n"
    "region = group \"(?i)^(.*)$\" => $1\n"
    "[source meet crowd]\nformat = reportfeed\nurl = https://crowd.example/meet.json\n"
    "[service chat]\nname = Chat\n"
    "[source chat crowd]\nformat = reportfeed\nurl = https://crowd.example/chat.json\n"
    "[service gone]\nname = Gone\nurl = https://status.gone.example/\n";

enum { CALLR, MEET, CHAT, GONE };
enum { COL_ALL, COL_NA, COL_EU, COL_FR, COL_APAC };

static void add_series(struct evidence *ev, const char *region, int spike, const char *cat1,
                       const char *cat2)
{
    tu_add_series(ev, region, FED, BUCKET, NOW, spike, cat1, cat2);
}

static void feed(struct model *m, size_t svc, size_t src, struct evidence *ev)
{
    evidence_update_level(ev);
    model_source_success(m, svc, src, ev, NOW);
}

static struct snap_crowd *series(struct snapshot *snap, size_t svc, const char *code)
{
    for (size_t i = 0; i < snap->services[svc].ncrowd; i++) {
        if (strcmp(region_code(snap->services[svc].crowd[i].region), code) == 0)
            return &snap->services[svc].crowd[i];
    }
    printf("Bail out! no %s series in service %zu\n", code, svc);
    exit(1);
}

/* Callr: the official incident alone. Meet: the same incident and a crowd
 * spike in FR that began 30 minutes before it, calm in the US (a series
 * without recent counts). Chat: crowd only, FR and JP. Gone: failing with
 * hostile text in its error. */
static struct snapshot *build(struct config *cfg, struct model **m)
{
    struct evidence meet = {0}, chat = {0};

    tu_config(cfg, config_text);
    *m = model_new(cfg);
    tu_feed(*m, cfg, CALLR, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    tu_feed(*m, cfg, MEET, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    add_series(&meet, "FR", 6, "Login", "Calls");
    add_series(&meet, "US", 0, NULL, NULL);
    feed(*m, MEET, 1, &meet);
    add_series(&chat, "FR", 4, "Messages", "Login");
    add_series(&chat, "JP", 3, NULL, NULL);
    feed(*m, CHAT, 0, &chat);
    model_source_failure(*m, GONE, 0,
                         "HTTP 503 <html>\x1b[2J\x07 Service \xe2\x80\xae"
                         "evil\xe2\x80\xac unavailable",
                         NOW - 10);
    struct snapshot *snap = model_snapshot(*m, NOW);
    struct snap_crowd *fr = series(snap, MEET, "FR");
    if (!fr->counts || fr->ncounts < 12) {
        printf("Bail out! the model gave Meet's FR series no recent counts\n");
        exit(1);
    }
    fr->counts[fr->ncounts - 12] = -1; /* a bucket nobody counted */
    return snap;
}

/* ---- drawing helpers ------------------------------------------------------ */

struct pane {
    size_t svc;
    long column;
    const char *child;
    unsigned san;
};

static int draw(struct canvas *cv, int x, int y, int w, int h, const struct snapshot *snap,
                const struct pane *p, int scroll)
{
    struct detail_target t = {p->svc, p->column, p->child};

    return detail_draw(cv, x, y, w, h, snap, &t, scroll, NOW, p->san);
}

/* The pane alone on a canvas of its size, as text. */
static char *screen(const struct snapshot *snap, const struct pane *p, int w, int h, int scroll,
                    int *total)
{
    struct canvas *cv = canvas_new(w, h);
    struct buf out = {0};
    int n = draw(cv, 0, 0, w, h, snap, p, scroll);

    if (total)
        *total = n;
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

static void golden(const struct snapshot *snap, const struct pane *p, int w, int h,
                   const char *file, const char *what)
{
    char *text = screen(snap, p, w, h, 0, NULL);

    ok(tu_golden(text, file), "%s matches %s", what, file);
    free(text);
}

/* The n-th line of text (0-based), as a new string; "" past the end. */
static char *line_of(const char *text, int n)
{
    for (; n > 0 && text; n--) {
        text = strchr(text, '\n');
        text = text ? text + 1 : NULL;
    }
    if (!text)
        return xstrdup("");
    const char *end = strchr(text, '\n');
    return xstrndup(text, end ? (size_t)(end - text) : strlen(text));
}

static const struct pane callr = {CALLR, -1, NULL, 0};
static const struct pane meet_fr = {MEET, COL_FR, NULL, 0};
static const struct pane meet_ascii = {MEET, -1, NULL, SAN_ASCII};
static const struct pane chat = {CHAT, -1, NULL, 0};
static const struct pane gone = {GONE, -1, NULL, 0};

/* ---- tests ------------------------------------------------------------------ */

static void test_goldens(const struct snapshot *snap)
{
    golden(snap, &callr, 80, 12, "tests/golden/detail-callr-80x12.txt",
           "Callr's timeline at 80x12");
    golden(snap, &callr, 120, 20, "tests/golden/detail-callr-120x20.txt",
           "Callr's timeline at 120x20");
    golden(snap, &meet_fr, 80, 24, "tests/golden/detail-cell-fr.txt",
           "a crowd cell (Meet in FR) at 80x24");
    golden(snap, &chat, 80, 14, "tests/golden/detail-crowd-only.txt",
           "a crowd-only service at 80x14");
    golden(snap, &gone, 80, 8, "tests/golden/detail-failing.txt", "a failing source at 80x8");
    golden(snap, &meet_ascii, 80, 30, "tests/golden/detail-ascii.txt",
           "Meet in ASCII mode at 80x30");
}

static void test_timeline(const struct snapshot *snap)
{
    char *s = screen(snap, &callr, 100, 40, 0, NULL);
    const char *second = strstr(s, "11:40 UTC (12:40 CET), 20 min ago \xc2\xb7 identified");
    const char *first = strstr(s, "11:05 UTC (12:05 CET), 55 min ago \xc2\xb7 investigating");

    ok(second && first && second < first, "updates newest first, in UTC, local time and ago");
    ok(strstr(s, "identified\n") && strstr(s, "investigating\n"), "each update has its status");
    ok(strstr(s, "started 11:00 UTC (12:00 CET), 1 h ago") != NULL, "the start, local and ago");
    ok(strstr(s, "affects: Europe - Login, Europe - Calls") != NULL, "affected components");
    ok(strstr(s, "We are aware that users lose connectivity.\n") &&
           strstr(s, "\n     We are investigating.\n"),
       "a body's paragraphs stay separate lines");
    ok(strstr(s, "Components not ok") && strstr(s, "Europe - Login: major in EU"),
       "components not ok, with level and region");
    ok(strstr(s, "Europe - Calls: partial in EU") != NULL && strstr(s, "Europe: major") == NULL,
       "groups with members are not listed twice");
    ok(strstr(s, "Sources\n") && strstr(s, "status.callr.example (official): ok, data 1m old"),
       "the source with its health and age");
    free(s);

    /* Wrapped, not cut: at 40 columns every word of the second update shows. */
    s = screen(snap, &callr, 40, 60, 0, NULL);
    ok(strstr(s, "hardest.") && strstr(s, "France is hit"), "long lines wrap at 40 columns");
    int widest = 0;
    for (int i = 0; i < 60; i++) {
        char *l = line_of(s, i);
        int cw = sanitize_width(l);
        widest = cw > widest ? cw : widest;
        free(l);
    }
    ok(widest <= 40, "no line wider than the pane (widest %d)", widest);
    free(s);
}

static void test_crowd(struct snapshot *snap)
{
    char *s = screen(snap, &meet_fr, 100, 40, 0, NULL);

    ok(strstr(s, "Meet \xc2\xb7 FR: major (official and crowd) since") != NULL,
       "the cell's head: service, column, level, evidence");
    ok(strstr(s, "FR  200 reports vs ") && strstr(s, " normal ("), "reports against baseline");
    ok(strstr(s, "Login 52%, Calls 31%") != NULL, "problem categories with shares");
    ok(strstr(s, "crowd led official by 30m") != NULL, "the crowd's lead over official");
    ok(strstr(s, "peak 200 at ") != NULL, "the peak and when");
    ok(strstr(s, "\xe2\x96\x81 \xe2\x96\x81") && strstr(s, "\xe2\x96\x86  last 12 h"),
       "a sparkline of counts against baseline, with its gap and span");
    ok(strstr(s, "US ") == NULL, "a series outside the column is left out of the cell");
    free(s);

    s = screen(snap, &chat, 100, 40, 0, NULL);
    ok(strstr(s, "no official word yet; crowd problems for") != NULL, "official silence, crowd");
    ok(strstr(s, "no official source configured: crowd reports only") != NULL,
       "why there is no incident");
    free(s);

    /* Series without recent counts still say their numbers. */
    struct snap_crowd *fr = series(snap, MEET, "FR"), *us = series(snap, MEET, "US");
    long *counts[] = {fr->counts, fr->baselines, us->counts, us->baselines};
    fr->counts = fr->baselines = us->counts = us->baselines = NULL;
    s = screen(snap, &(struct pane){MEET, -1, NULL, 0}, 100, 40, 0, NULL);
    ok(strstr(s, "FR  200 reports vs") && strstr(s, "US  18 reports") && !strstr(s, "last 12 h") &&
           !strstr(s, "peak") && strstr(s, "\n     Login 52%, Calls 31%\n"),
       "series without counts (NULL) show numbers and categories, no sparkline or peak");
    free(s);
    fr->counts = counts[0];
    fr->baselines = counts[1];
    us->counts = counts[2];
    us->baselines = counts[3];
}

static void test_failing(const struct snapshot *snap)
{
    char *s = screen(snap, &gone, 100, 10, 0, NULL);

    ok(strstr(s, "status.gone.example (official): failing after 1 failure: HTTP 503") != NULL,
       "a failing source with its error");
    ok(strstr(s, "no data yet: the official page has not been read") != NULL,
       "why there is no incident: not read yet");
    free(s);
}

/* Time travel: the snapshot already shows the past; the pane says so. */
static void test_past(struct snapshot *snap)
{
    snap->past_at = NOW - 3600;
    char *s = screen(snap, &callr, 100, 10, 0, NULL);
    ok(strstr(s, "\n  as it stood at 11:00 UTC (12:00 CET)\n") != NULL,
       "a snapshot of the past says which moment it shows");
    free(s);
    snap->past_at = 0;
}

static bool cell_safe(const struct canvas_cell *c, bool ascii)
{
    for (const unsigned char *p = (const unsigned char *)c->text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || (ascii && *p >= 0x80))
            return false;
        if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xae || p[2] == 0xac || p[2] == 0x8f))
            return false;
    }
    return true;
}

static void test_hostile(struct snapshot *snap)
{
    static const struct pane panes[] = {{CALLR, -1, NULL, 0},
                                        {GONE, -1, NULL, 0},
                                        {CALLR, -1, NULL, SAN_ASCII},
                                        {GONE, -1, NULL, SAN_ASCII},
                                        {MEET, -1, NULL, SAN_ASCII}};
    struct canvas *cv = canvas_new(60, 80);
    bool safe = true;

    for (size_t i = 0; i < sizeof panes / sizeof panes[0]; i++) {
        draw(cv, 0, 0, 60, 80, snap, &panes[i], 0);
        for (int y = 0; y < 80; y++)
            for (int x = 0; x < 60; x++)
                safe &= cell_safe(canvas_at(cv, x, y), panes[i].san & SAN_ASCII);
    }
    ok(safe, "no control, bidi or (in ASCII mode) non-ASCII byte reaches the canvas");
    canvas_free(cv);

    /* The canvas turns raw controls into '?': the text must arrive clean. */
    char *s = screen(snap, &callr, 120, 30, 0, NULL);
    ok(strstr(s, "Users cannot log in or start calls in Europe\n") != NULL,
       "an OSC 52 sequence is removed from a title, not shown");
    ok(strstr(s, "Still investigating the cause; France is hit hardest.\n") != NULL,
       "bidi overrides, BEL and backspaces are removed from a body");
    free(s);
    s = screen(snap, &gone, 120, 10, 0, NULL);
    ok(strstr(s, "Service evil unavailable") && !strstr(s, "[2J") && !strchr(s, '?'),
       "an error quoting a server is cleaned");
    free(s);

    /* A huge body of wide characters and words, in every narrow width. */
    struct snap_update *u = &snap->services[CALLR].incidents[0].updates[0];
    struct buf big = {0};
    for (int i = 0; i < 3000; i++)
        buf_puts(&big, i % 3 ? "\xe6\xbc\xa2\xe5\xad\x97 word\x1b[31m " : "averyveryverylongword ");
    char *saved = u->body;
    u->body = buf_detach(&big);
    int prev = 0, ok_all = 1;
    for (int w = 1; w <= 6; w++) {
        int n;
        char *t = screen(snap, &callr, w, 3, 5, &n);
        ok_all &= n > 0 && (w == 1 || n <= prev) && !strchr(t, '\x1b');
        prev = n;
        free(t);
    }
    ok(ok_all, "a huge body of wide characters wraps at widths 1 to 6");
    free(u->body);
    u->body = saved;
}

static void test_scroll(const struct snapshot *snap)
{
    const struct pane *panes[] = {&callr, &meet_fr, &chat};

    for (size_t i = 0; i < sizeof panes / sizeof panes[0]; i++) {
        int total, n, same = 1;
        free(screen(snap, panes[i], 70, 1, 0, &total));
        char *full = screen(snap, panes[i], 70, total + 3, 0, &n);
        char *last = line_of(full, total - 1), *after = line_of(full, total);
        ok(total > 5 && n == total && *last && !*after,
           "the return value is the number of lines of content (%d)", total);
        free(last);
        free(after);
        for (int k = 0; k <= total; k++) {
            char *win = screen(snap, panes[i], 70, 4, k, &n);
            same &= n == total;
            for (int r = 0; r < 4; r++) {
                char *a = line_of(win, r), *b = line_of(full, k + r);
                same &= strcmp(a, b) == 0;
                free(a);
                free(b);
            }
            free(win);
        }
        ok(same, "scrolling by k shows content lines k.. and returns the same total");
        free(full);
    }
}

/* Draws into a rectangle of a canvas full of markers: nothing outside it
 * may change, and every row inside is whole (no half of a wide glyph). */
static void test_rectangle(struct snapshot *snap)
{
    static const struct pane panes[] = {
        {CALLR, -1, NULL, 0},      {MEET, COL_FR, NULL, 0}, {MEET, COL_EU, NULL, SAN_ASCII},
        {CHAT, COL_APAC, NULL, 0}, {GONE, COL_NA, NULL, 0}, {CALLR, COL_EU, "Europe - Login", 0},
    };
    int bad = 0, checked = 0;

    for (size_t i = 0; i < sizeof panes / sizeof panes[0]; i++) {
        for (int w = 0; w <= 90; w += w < 12 ? 1 : 13) {
            for (int h = 0; h <= 30; h += h < 4 ? 1 : 7) {
                struct canvas *cv = canvas_new(w + 6, h + 4);
                canvas_fill(cv, 0, 0, w + 6, h + 4, "#", ROLE_ERROR, ATTR_BOLD);
                draw(cv, 3, 2, w, h, snap, &panes[i], (int)(i % 3));
                for (int y = 0; y < h + 4; y++) {
                    int cols = 0;
                    for (int x = 0; x < w + 6; x++) {
                        const struct canvas_cell *c = canvas_at(cv, x, y);
                        bool inside = x >= 3 && x < 3 + w && y >= 2 && y < 2 + h;
                        if (!inside)
                            bad += strcmp(c->text, "#") || c->role != ROLE_ERROR;
                        cols += c->width;
                    }
                    bad += cols != w + 6;
                }
                canvas_free(cv);
                checked++;
            }
        }
    }
    ok(!bad && checked > 100, "%d draws from 0x0 to 90x30 stay inside their rectangle", checked);
}

static void test_children(struct snapshot *snap)
{
    char *s = screen(snap, &(struct pane){CALLR, -1, "Europe - Login", 0}, 100, 30, 0, NULL);

    ok(strstr(s, "Callr \xe2\x80\xba Europe - Login: major in EU, updated 11:05 UTC") != NULL,
       "an expanded component: its name, level and region");
    ok(strstr(s, "Component\n") && !strstr(s, "Europe - Calls: partial"),
       "only that component is listed");
    ok(strstr(s, "Users cannot log in") != NULL, "with the incident that names it");
    free(s);
    s = screen(snap, &(struct pane){MEET, -1, "Login", 0}, 100, 30, 0, NULL);
    ok(strstr(s, "Meet \xe2\x80\xba Login: reported in FR 52%") && !strstr(s, "US  "),
       "an expanded symptom: where the crowd reports it");
    free(s);
    s = screen(snap, &(struct pane){CALLR, COL_NA, NULL, 0}, 100, 30, 0, NULL);
    ok(strstr(s, "no incident about NA (1 elsewhere)") && strstr(s, "all 2 ok in NA"),
       "a quiet column says the incident is elsewhere");
    free(s);
}

/* The alerts' change log (alerts_annotate() fills it in the program). */
static void test_changes(struct snapshot *snap)
{
    struct snap_service *s = &snap->services[MEET];
    char *text;

    text = screen(snap, &meet_fr, 100, 60, 0, NULL);
    ok(!strstr(text, "Changes"), "no Changes section before any change was announced");
    free(text);
    s->changes = xcalloc(3, sizeof *s->changes);
    s->nchanges = 3;
    s->changes[0] =
        (struct snap_change){.at = NOW - 300, .from = LEVEL_MAJOR, .to = LEVEL_OK, .nregions = 1};
    s->changes[0].regions = xcalloc(1, sizeof(region_id));
    s->changes[0].regions[0] = region_find("FR");
    s->changes[0].evidence = EVIDENCE_BOTH;
    s->changes[1] = (struct snap_change){
        .at = NOW - 1200, .from = LEVEL_OK, .to = LEVEL_UNKNOWN, .nregions = 1};
    s->changes[1].regions = xcalloc(1, sizeof(region_id));
    s->changes[1].regions[0] = region_find("NA");
    s->changes[1].note = xstrdup("HTTP 503 \x1b]52;c;eA==\x07\xe2\x80\xae"
                                 "evil");
    s->changes[2] = (struct snap_change){
        .at = NOW - 3600, .from = LEVEL_OK, .to = LEVEL_MAJOR, .evidence = EVIDENCE_CROWD};

    text = screen(snap, &(struct pane){MEET, -1, NULL, 0}, 100, 80, 0, NULL);
    const char *sec = strstr(text, "Changes\n");
    const char *fr =
        strstr(text, "11:55 UTC (12:55 CET), 5 min ago \xc2\xb7 major \xe2\x86\x92 ok in FR "
                     "\xc2\xb7 official and crowd");
    const char *na =
        strstr(text, "ok \xe2\x86\x92 unknown in NA \xc2\xb7 source failing: HTTP 503");
    const char *all = strstr(text, "11:00 UTC (12:00 CET), 1 h ago \xc2\xb7 ok \xe2\x86\x92 major "
                                   "\xc2\xb7 crowd only");
    const char *crowd = strstr(text, "Crowd reports\n");
    ok(sec && fr && na && all && sec < fr && fr < na && na < all && all < crowd,
       "the service's changes near the top, newest first: time UTC and local, from -> to in "
       "columns, evidence");
    ok(!strstr(text, "52;c") && !strstr(text, "\xe2\x80\xae") && strstr(text, "evil"),
       "a failing source's hostile error is sanitized");
    free(text);

    text = screen(snap, &meet_fr, 100, 80, 0, NULL);
    ok(strstr(text, "major \xe2\x86\x92 ok in FR") && !strstr(text, "in NA") &&
           strstr(text, "ok \xe2\x86\x92 major \xc2\xb7 crowd only"),
       "a cell's pane: that column's changes and the service's own");
    free(text);

    text = screen(snap, &meet_ascii, 100, 80, 0, NULL);
    ok(strstr(text, "major -> ok in FR - official and crowd") != NULL, "ASCII: -> and -");
    free(text);
    snap_changes_free(s->changes, s->nchanges);
    s->changes = xcalloc(9, sizeof *s->changes);
    s->nchanges = 9;
    for (size_t i = 0; i < 9; i++)
        s->changes[i] = (struct snap_change){.at = NOW - 600 * (time_t)(i + 1),
                                             .from = i % 2 ? LEVEL_OK : LEVEL_MAJOR,
                                             .to = i % 2 ? LEVEL_MAJOR : LEVEL_OK};
    text = screen(snap, &(struct pane){MEET, -1, NULL, 0}, 100, 80, 0, NULL);
    ok(strstr(text, "1 h ago \xc2\xb7 ok") && !strstr(text, "1 h 10 min ago") &&
           strstr(text, "and 3 earlier\n"),
       "the latest six, and how many earlier");
    free(text);
    snap_changes_free(s->changes, s->nchanges);
    s->changes = NULL;
    s->nchanges = 0;
}

static void test_timefmt(void)
{
    char out[96];

    setenv("TZ", "Europe/Paris", 1);
    tzset();
    time_format_clock(NOW - 20 * 60, NOW, out, sizeof out);
    is_str(out, "11:40 UTC (12:40 CET)", "a clock in UTC and local time");
    time_format_clock(NOW - 12 * 3600 - 10 * 60, NOW, out, sizeof out);
    is_str(out, "2026-11-21 23:50 UTC (2026-11-22 00:50 CET)", "dates when not today");
    time_format_clock(NOW + 11 * 3600 + 30 * 60, NOW, out, sizeof out);
    is_str(out, "23:30 UTC (2026-11-23 00:30 CET)", "the local date when it differs");
    time_format_clock(0, NOW, out, sizeof out);
    is_str(out, "an unknown time", "0 is unknown");
    setenv("TZ", "UTC", 1);
    tzset();
    time_format_clock(NOW - 20 * 60, NOW, out, sizeof out);
    is_str(out, "11:40 UTC", "no local part when local is UTC");
    setenv("TZ", "Europe/Paris", 1);
    tzset();

    static const struct {
        long s;
        const char *want;
    } ago[] = {
        {0, "0 s ago"},
        {59, "59 s ago"},
        {60, "1 min ago"},
        {37 * 60, "37 min ago"},
        {3600, "1 h ago"},
        {3900, "1 h 05 min ago"},
        {86400 + 4 * 3600, "1 d 04 h ago"},
        {-1200, "in 20 min"},
    };
    for (size_t i = 0; i < sizeof ago / sizeof ago[0]; i++) {
        time_format_ago(ago[i].s, out, sizeof out);
        is_str(out, ago[i].want, "%ld seconds ago", ago[i].s);
    }
}

int main(void)
{
    struct config cfg;
    struct model *m;

    setenv("TZ", "Europe/Paris", 1);
    tzset();
    struct snapshot *snap = build(&cfg, &m);
    test_timefmt();
    test_goldens(snap);
    test_timeline(snap);
    test_crowd(snap);
    test_failing(snap);
    test_past(snap);
    test_hostile(snap);
    test_scroll(snap);
    test_rectangle(snap);
    test_children(snap);
    test_changes(snap);
    ok(detail_draw(NULL, 0, 0, 0, 5, snap, &(struct detail_target){0, -1, NULL}, 0, NOW, 0) == 0,
       "a zero-width pane has no lines");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
