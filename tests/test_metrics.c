/* Prometheus metrics of a snapshot: the cells, states, evidence, sources,
 * fetch histograms, crowd counts and incidents; both formats; golden
 * files; and, when promtool is installed, its check of the text format. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sitrep/metrics.h"
#include "sitrep/model.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL NA EU APAC\n"
    "[service calls]\nname = Callr\nurl = https://x/\nregion = group \"(?i)^(.*)$\" => $1\n"
    "[source calls crowd]\nformat = reportfeed\nurl = https://crowd.example/c.json\n"
    "[service gone]\nname = Gone\nurl = https://z/\n";

static struct snapshot *build(struct config *cfg, struct model **m)
{
    struct evidence crowd = {0};
    struct source_timing t = {.elapsed_ms = 320};

    tu_config(cfg, config_text);
    *m = model_new(cfg);
    model_source_timing(*m, 0, 0, &t);
    tu_feed(*m, cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    tu_add_series(&crowd, "FR", 96, 900, NOW, 6, NULL, NULL);
    evidence_update_level(&crowd);
    model_source_success(*m, 0, 1, &crowd, NOW - 30);
    t.elapsed_ms = 4200;
    model_source_timing(*m, 1, 0, &t);
    model_source_failure(*m, 1, 0, "HTTP 404", NOW - 10);
    return model_snapshot(*m, NOW);
}

/* The value of the sample whose name and labels start the line as given. */
static const char *sample(const char *text, const char *start)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, start, strlen(start)) == 0)
            return p + strlen(start);
    }
    return NULL;
}

static void promtool_check(const char *text)
{
    char path[] = "/tmp/sitrep-metrics-XXXXXX";
    int fd = mkstemp(path);
    char cmd[200];
    int rc;

    if (access("/usr/bin/promtool", X_OK) != 0) {
        tap_skip("promtool is not installed");
        close(fd);
        unlink(path);
        return;
    }
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        printf("Bail out! cannot write %s\n", path);
    close(fd);
    snprintf(cmd, sizeof cmd, "promtool check metrics < %s >/dev/null 2>&1", path);
    rc = system(cmd);
    is_int(rc, 0, "promtool check metrics accepts the text format (lint included)");
    unlink(path);
}

int main(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap = build(&cfg, &m);
    struct metrics *mx = metrics_new();
    struct buf text = {0}, om = {0};
    const char *v;

    metrics_observe(mx, snap);
    metrics_observe(mx, snap); /* the same polls: counted once */
    metrics_write(mx, snap, false, &text);
    metrics_write(mx, snap, true, &om);
    v = sample(buf_str(&text), "sitrep_cell_level{service=\"calls\",region=\"EU\"} ");
    ok(v && atoi(v) == 5, "EU is major: level 5");
    ok(!sample(buf_str(&text), "sitrep_cell_level{service=\"gone\""),
       "an unknown cell has no level sample (not 0, not ok)");
    v = sample(buf_str(&text),
               "sitrep_cell_state{service=\"gone\",region=\"EU\",sitrep_cell_state=\"unknown\"} ");
    ok(v && atoi(v) == 1, "its state says unknown");
    v = sample(buf_str(&text),
               "sitrep_cell_state{service=\"calls\",region=\"APAC\",sitrep_cell_state=\"none\"} ");
    ok(v && atoi(v) == 1, "no evidence is the state none");
    v = sample(buf_str(&text),
               "sitrep_cell_evidence{service=\"calls\",region=\"EU\",kind=\"crowd\"} ");
    ok(v && atoi(v) == 1, "EU's level rests on crowd reports too");
    v = sample(buf_str(&text), "sitrep_source_up{service=\"gone\",source=\"status\"} ");
    ok(v && atoi(v) == 0, "the failing source is down");
    v = sample(buf_str(&text), "sitrep_fetch_duration_seconds_bucket{service=\"gone\","
                               "source=\"status\",le=\"5\"} ");
    ok(v && atoi(v) == 1 &&
           sample(buf_str(&text), "sitrep_fetch_duration_seconds_bucket{"
                                  "service=\"gone\",source=\"status\",le=\"2.5\"} 0"),
       "its 4.2 s poll falls in the 5 s bucket, counted once");
    v = sample(buf_str(&text),
               "sitrep_crowd_reports{service=\"calls\",source=\"crowd\",region=\"FR\"} ");
    ok(v && atoi(v) == 200, "the crowd series' latest count");
    v = sample(buf_str(&text), "sitrep_incidents_open{service=\"calls\"} ");
    ok(v && atoi(v) == 1, "one open incident");
    ok(!strstr(buf_str(&text), "log in") && !strstr(buf_str(&text), "Users"),
       "no incident text in any label");
    ok(strstr(buf_str(&om), "# TYPE sitrep_cell_state stateset\n") &&
           strstr(buf_str(&om), "# TYPE sitrep_build info\n") &&
           strcmp(buf_str(&om) + om.len - 6, "# EOF\n") == 0,
       "OpenMetrics: a StateSet, an info metric, and # EOF");
    ok(tu_golden(buf_str(&text), "tests/golden/metrics.txt"), "the text format matches its golden");
    ok(tu_golden(buf_str(&om), "tests/golden/metrics-openmetrics.txt"),
       "OpenMetrics matches its golden");
    promtool_check(buf_str(&text));
    buf_free(&text);
    buf_free(&om);
    metrics_free(mx);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
