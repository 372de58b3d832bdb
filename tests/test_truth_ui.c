/* Every sentence the dashboard says is true (issue "Every sentence true",
 * the screen's part): offline is unknown, not problems, in the title, the
 * status line, presentation mode and the detail pane, which says why;
 * crowd reports rising before the duration rule are a notice, worded and
 * counted as one; one "since" per service, the same in the detail pane
 * (whole and its ALL cell) and in the Markdown export of the same moment. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/ui/ui_internal.h"
#include "sitrep/buf.h"
#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/export.h"
#include "sitrep/model.h"
#include "sitrep/recording.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static struct recording *rec;
static struct config demo;

static char *dash(const struct snapshot *snap, struct dash_view *v, int w, int h, time_t now)
{
    struct canvas *cv = canvas_new(w, h);
    struct buf out = {0};

    dash_draw(cv, snap, v, now);
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

static char *detail(const struct snapshot *snap, size_t i, long col, time_t now)
{
    struct canvas *cv = canvas_new(110, 60);
    struct detail_target t = {.service = i, .column = col};
    struct buf out = {0};

    detail_draw(cv, 0, 0, 110, 60, snap, &t, 0, now, 0);
    canvas_dump(cv, &out);
    canvas_free(cv);
    return buf_detach(&out);
}

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

static size_t service_index(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return i;
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

/* ---- offline -------------------------------------------------------- */

static void test_offline(void)
{
    struct config cfg;
    struct model *m;
    struct dash_view v = {.column = -1};
    char *text;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU FR\n"
                    "[service a]\nname = Alpha\nurl = https://a.example/\n"
                    "[service b]\nname = Beta\nurl = https://b.example/\n"
                    "[service c]\nname = Gamma\nurl = https://c.example/\n");
    m = model_new(&cfg);
    for (size_t i = 0; i < 3; i++)
        model_source_failure(m, i, 0, "Could not resolve host", NOW - 65);
    struct snapshot *snap = model_snapshot(m, NOW);

    text = dash(snap, &v, 100, 30, NOW);
    const char *lines[] = {strtok(text, "\n")};
    ok(strstr(lines[0], "3 unknown") && !strstr(lines[0], "major"),
       "offline: the title counts 3 unknown, no problem");
    free(text);
    text = dash(snap, &v, 100, 30, NOW);
    ok(strstr(text, "| 0 problems, 3 unknown |") != NULL,
       "the status line: 0 problems, 3 unknown, apart");
    ok(strstr(text, "could not be read: a.example failing since 11:58 UTC: Could not resolve host"),
       "the detail pane says why there is no evidence: the source, since when, the reason");
    free(text);

    v.present = true;
    text = dash(snap, &v, 100, 30, NOW);
    ok(strstr(text, "0 of 3 services with problems, 3 unknown") != NULL,
       "presentation mode: 0 of 3 with problems, 3 unknown");
    ok(count(text, "could not be read since 11:58 UTC: ") == 3 &&
           !strstr(text, "no incident posted") && !strstr(text, "ALL CLEAR"),
       "each card says its page could not be read, never 'no incident posted'");
    free(text);

    for (long col = 0; col < 3; col++) {
        text = detail(snap, 1, col, NOW);
        ok(strstr(line_with(text, "Beta \xc2\xb7"), "unknown (no evidence)") &&
               strstr(text, "could not be read: b.example failing since") &&
               !strstr(line_with(text, "Beta \xc2\xb7"), "official"),
           "Beta's %s cell: unknown with no evidence, and why; never 'official'",
           region_code(snap->columns[col]));
        free(text);
    }
    dash_view_free(&v);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- words, not enum values ----------------------------------------- */

/* A snake_case word (in_progress, under_maintenance) anywhere in text. */
static const char *raw_enum(const char *text)
{
    for (const char *p = text; (p = strchr(p, '_')); p++) {
        if (p > text && p[-1] >= 'a' && p[-1] <= 'z' && p[1] >= 'a' && p[1] <= 'z')
            return p;
    }
    return NULL;
}

/* A page in the middle of a maintenance (in_progress, its components
 * under_maintenance): every view says it in words, and none counts it as
 * a problem. */
static void test_words(void)
{
    struct config cfg;
    struct model *m;
    time_t t;
    struct dash_view v = {.column = -1};
    char *text;

    time_parse_iso8601("2026-06-10T21:00:00Z", &t);
    tu_config(&cfg, "[sitrep]\ncolumns = ALL NA EU\n"
                    "[service m]\nname = Maint\nurl = https://m.example/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, "tests/fixtures/statuspage/sitrep-maintenances.json", t - 30);
    struct snapshot *snap = model_snapshot(m, t);
    const char *views[] = {"grid", "detail", "timeline", "presentation"};
    for (int k = 0; k < 4; k++) {
        v.timeline.on = k == 2;
        v.present = k == 3;
        v.focus = DASH_FOCUS_GRID;
        if (k == 1)
            text = detail(snap, 0, -1, t);
        else
            text = dash(snap, &v, 140, 50, t);
        const char *raw = raw_enum(text);
        /* presentation mode shows problems only: none here */
        const char *said = k == 3 ? "0 of 1 services with problems" : "aintenance";
        ok(!raw && strstr(text, said), "%s: %s in words, no raw value%s%.20s", views[k],
           k == 3 ? "no problem" : "the maintenance", raw ? ": " : "", raw ? raw - 8 : "");
        if (k == 0)
            ok(strstr(text, "| 0 problems |") != NULL, "and it is not counted as a problem");
        free(text);
    }
    dash_view_free(&v);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- early warning -------------------------------------------------- */

/* At 17:57 Parley's crowd reports in France have been high since 17:50,
 * not yet for the ten minutes the demo's rule asks. */
static void test_rising(void)
{
    struct snapshot *snap = tu_demo_at(rec, &demo, 57);
    size_t p = service_index(snap, "parley"), problems = 0;
    struct dash_view v = {.column = -1};
    char *text, want[64];

    for (size_t i = 0; i < snap->nservices; i++)
        problems += level_is_problem(snap->services[i].level);
    is_int(snap->services[p].level, LEVEL_NOTICE, "17:57: Parley is a notice");

    text = dash(snap, &v, 120, 40, snap->generated_at);
    const char *row = line_with(text, "Parley ");
    ok(strstr(row, "RISE") && !strstr(row, "MAJOR") && !strstr(row, "PART") && !strstr(row, "DEGR"),
       "its row reads RISE, no problem level: %s", row);
    snprintf(want, sizeof want, "| %zu problems |", problems);
    ok(strstr(text, want) != NULL, "the status line counts %zu problems, Parley not among them",
       problems);
    free(text);

    v.present = true;
    text = dash(snap, &v, 120, 40, snap->generated_at);
    snprintf(want, sizeof want, "%zu of %zu services with problems", problems, snap->nservices);
    ok(strstr(text, want) && !strstr(text, "Parley"), "presentation mode: no card for Parley");
    free(text);

    text = detail(snap, p, -1, snap->generated_at);
    ok(strstr(text, "Parley: crowd reports rising since 17:50 UTC, for 7m, not yet a problem") &&
           !strstr(text, "problems since"),
       "the detail pane words it as rising, not yet a problem");
    ok(strstr(text, "FR ") &&
           strstr(line_with(text, " FR "), "rising since 17:50 UTC, not yet a problem"),
       "and France's line says since when it rises");
    free(text);
    dash_view_free(&v);
    snapshot_free(snap);
}

/* ---- one since ------------------------------------------------------ */

/* "HH:MM" after the first "since " (or "**Since** ") of text's first line with needle. */
static void since_of(const char *text, const char *needle, char *out, size_t outlen)
{
    const char *l = line_with(text, needle), *s = strstr(l, "since ");

    if (!s)
        s = strstr(l, "Since** "); /* Markdown's bold heading */
    const char *iso = s ? strstr(s, "2026-11-23 ") : NULL;

    snprintf(out, outlen, "%.5s", iso ? iso + 11 : s ? s + 6 : "none");
}

static void test_one_since(void)
{
    static const double moments[] = {30, 52, 61, 75, 90, 100, 110};
    int checked = 0;
    bool same = true;

    for (size_t k = 0; k < sizeof moments / sizeof moments[0]; k++) {
        struct snapshot *snap = tu_demo_at(rec, &demo, moments[k]);
        struct buf md = {0};
        export_snapshot(snap, EXPORT_MARKDOWN, &(struct export_opts){0}, &md);
        for (size_t i = 0; i < snap->nservices; i++) {
            const struct snap_service *s = &snap->services[i];
            if (!level_is_problem(s->level))
                continue;
            char *whole = detail(snap, i, -1, snap->generated_at);
            char *all = detail(snap, i, 0, snap->generated_at);
            char head[80], a[16], b[16], c[16];
            snprintf(head, sizeof head, "## %s ", s->name);
            const char *sec = strstr(buf_str(&md), head);
            since_of(whole, s->name, a, sizeof a);
            since_of(all, s->name, b, sizeof b);
            since_of(sec ? sec : "", "**Since** ", c, sizeof c);
            if (strcmp(a, b) != 0 || strcmp(a, c) != 0) {
                same = false;
                tap_diag("+%gm %s: detail %s, ALL cell %s, Markdown %s", moments[k], s->id, a, b,
                         c);
            }
            checked++;
            free(whole);
            free(all);
        }
        buf_free(&md);
        snapshot_free(snap);
    }
    ok(same && checked > 20,
       "one since: the detail pane, its ALL cell and the Markdown export agree (%d services at "
       "7 moments)",
       checked);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    tu_demo_load(&rec, &demo);
    test_offline();
    test_words();
    test_rising();
    test_one_since();
    recording_free(rec);
    config_free(&demo);
    return tap_done();
}
