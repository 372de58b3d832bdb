/* The model: how evidence becomes cells (containment, "possible" for wider
 * regions, none where nothing is known), staleness, since, and snapshots of
 * real fixtures through the real provider and the catalog's region rules. */
#include "config.h"

#include "sitrep/model.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define T0 1795000000 /* 2026-11-18T07:06:40Z */

static const char base_config[] =
    "[sitrep]\ncolumns = ALL NA EU FR JP EMEA\n"
    "[service svc]\nurl = https://example.com/a.json\n"
    "map = c-fr => FR\nmap = c-de => DE\nmap = c-us => US\nmap = c-emea => EMEA\n"
    "map = c-jp => JP\nmap = g-eu => EU\n"
    "[source svc second]\nurl = https://example.com/b.json\ndefault_region = US\n";

enum { ALL, NA, EU, FR, JP, EMEA_COL, NCOLS };

static struct component *add_component(struct evidence *ev, const char *id, enum level level,
                                       const char *group)
{
    ev->components = xreallocarray(ev->components, ev->ncomponents + 1, sizeof *ev->components);
    struct component *c = &ev->components[ev->ncomponents++];
    memset(c, 0, sizeof *c);
    c->id = xstrdup(id);
    c->name = xstrdup(id);
    c->level = level;
    c->region = REGION_NONE;
    if (group) {
        c->group_id = xstrdup(group);
        c->group_name = xstrdup(group);
    }
    return c;
}

static struct incident *add_incident(struct evidence *ev, enum level level, time_t start,
                                     const char *component)
{
    ev->incidents = xreallocarray(ev->incidents, ev->nincidents + 1, sizeof *ev->incidents);
    struct incident *inc = &ev->incidents[ev->nincidents++];
    memset(inc, 0, sizeof *inc);
    inc->id = xstrdup("i1");
    inc->name = xstrdup("Something broke");
    inc->status = xstrdup("investigating");
    inc->impact = xstrdup("major");
    inc->level = level;
    inc->open = true;
    inc->started_at = start;
    if (component) {
        inc->component_ids = xcalloc(1, sizeof *inc->component_ids);
        inc->component_ids[0] = xstrdup(component);
        inc->ncomponent_ids = 1;
    }
    return inc;
}

struct fixture {
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
};

static void setup(struct fixture *f)
{
    memset(f, 0, sizeof *f);
    tu_config(&f->cfg, base_config);
    f->m = model_new(&f->cfg);
}

static const struct snap_cell *snap_cells(struct fixture *f, time_t now)
{
    snapshot_free(f->snap);
    f->snap = model_snapshot(f->m, now);
    return f->snap->services[0].cells;
}

static void teardown(struct fixture *f)
{
    snapshot_free(f->snap);
    model_free(f->m);
    config_free(&f->cfg);
}

static void feed(struct fixture *f, size_t src, struct evidence *ev)
{
    evidence_update_level(ev);
    model_source_success(f->m, 0, src, ev, T0);
}

static void test_containment(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&ev, "c-fr", LEVEL_PARTIAL, NULL);
    add_component(&ev, "c-de", LEVEL_OK, NULL);
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[FR].level, LEVEL_PARTIAL, "FR evidence counts in the FR column");
    is_int(c[EU].level, LEVEL_PARTIAL, "... in EU, which contains FR");
    is_int(c[EMEA_COL].level, LEVEL_PARTIAL, "... in EMEA, a union containing EU");
    is_int(c[ALL].level, LEVEL_PARTIAL, "... and in ALL");
    ok(!c[FR].possible && !c[EU].possible && !c[ALL].possible, "all of them for certain");
    is_int(c[NA].level, LEVEL_NONE, "nothing is known for NA: none, not ok");
    is_int(c[JP].level, LEVEL_NONE, "nothing is known for JP: none, not ok");
    is_int(c[NA].evidence, EVIDENCE_NONE, "and no evidence kind");
    is_int(c[FR].evidence, EVIDENCE_OFFICIAL, "FR rests on official evidence");
    is_int(f.snap->services[0].level, LEVEL_PARTIAL, "the service level is the worst");
    teardown(&f);
}

static void test_wider_regions(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&ev, "c-emea", LEVEL_MAJOR, NULL);  /* an "EMEA" problem */
    add_component(&ev, "global-api", LEVEL_OK, NULL); /* no rule: ALL */
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[EU].level, LEVEL_MAJOR, "an EMEA outage shows in the EU column ...");
    ok(c[EU].possible, "... as possible, never as certain");
    is_int(c[EU].certain, LEVEL_OK, "what is certain in EU is only the global ok");
    ok(c[FR].possible && c[FR].level == LEVEL_MAJOR, "FR too is possibly hit");
    ok(!c[EMEA_COL].possible && c[EMEA_COL].level == LEVEL_MAJOR, "the EMEA column is certain");
    ok(!c[ALL].possible && c[ALL].level == LEVEL_MAJOR, "ALL is certain");
    ok(c[NA].level == LEVEL_OK && !c[NA].possible, "NA only gets the global ok");
    teardown(&f);

    setup(&f);
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "global-api", LEVEL_DEGRADED, NULL);
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    ok(c[NA].possible && c[NA].level == LEVEL_DEGRADED && c[JP].possible,
       "a global degradation is possible in every regional column");
    ok(!c[ALL].possible && c[ALL].level == LEVEL_DEGRADED, "and certain in ALL");
    teardown(&f);
}

static void test_groups_and_indicator(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    struct component *g = add_component(&ev, "Regions", LEVEL_PARTIAL, NULL);
    g->is_group = true;
    g->nchildren = 1;
    add_component(&ev, "c-us", LEVEL_PARTIAL, "Regions");
    add_component(&ev, "backups", LEVEL_OK, NULL);
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[NA].level, LEVEL_PARTIAL, "a child in US makes NA partial");
    ok(c[EU].level == LEVEL_OK && !c[EU].possible,
       "its untagged group does not smear the outage over EU");
    teardown(&f);

    setup(&f);
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "c-fr", LEVEL_OK, NULL);
    ev.indicator_level = LEVEL_PARTIAL; /* "major" with nothing else explaining it */
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[ALL].level, LEVEL_PARTIAL, "an unexplained indicator counts at the default region");
    ok(c[FR].possible && c[FR].level == LEVEL_PARTIAL, "and is possible in FR");
    teardown(&f);

    setup(&f);
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "c-fr", LEVEL_DEGRADED, NULL);
    ev.indicator_level = LEVEL_DEGRADED; /* "minor", explained by c-fr */
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    ok(c[JP].level == LEVEL_NONE && c[NA].level == LEVEL_NONE,
       "an indicator the components explain adds nothing elsewhere");
    teardown(&f);
}

static void test_incidents(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&ev, "c-jp", LEVEL_OK, NULL);
    add_incident(&ev, LEVEL_NOTICE, T0 - 600, "c-jp"); /* impact none, still open */
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[JP].level, LEVEL_NOTICE, "an open incident with impact none is a notice in JP");
    is_int(c[JP].since, T0 - 600, "since is the incident's start");
    is_int(c[EU].level, LEVEL_NONE, "it does not leak into EU");
    is_int(f.snap->services[0].nincidents, 1, "the snapshot carries the incident");
    is_int(f.snap->services[0].incidents[0].nregions, 1, "with one region");
    is_str(region_code(f.snap->services[0].incidents[0].regions[0]), "JP", "JP");
    teardown(&f);
}

static void test_staleness(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&ev, "c-fr", LEVEL_DEGRADED, NULL);
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0 + 30);
    ok(!c[FR].stale && c[FR].age_s == 30, "fresh data is not stale; age 30 s");
    model_source_failure(f.m, 0, 0, "HTTP 503", T0 + 60);
    c = snap_cells(&f, T0 + 60);
    ok(c[FR].level == LEVEL_DEGRADED && c[FR].stale, "a failed poll keeps the data, marked stale");
    is_int(c[FR].age_s, 60, "with its age");
    const struct snap_source *s = &f.snap->services[0].sources[0];
    ok(!s->ok && s->stale && !s->expired && strcmp(s->error, "HTTP 503") == 0,
       "the source says stale and why");
    is_int(f.snap->sources_stale, 1, "the snapshot counts one stale source");
    for (int i = 2; i <= f.cfg.expire_failures; i++)
        model_source_failure(f.m, 0, 0, "timeout", T0 + 60 * i);
    c = snap_cells(&f, T0 + 400);
    is_int(c[FR].level, LEVEL_UNKNOWN, "after repeated failures the cells become unknown");
    is_int(c[NA].level, LEVEL_NONE, "only where the source had said something");
    ok(f.snap->services[0].sources[0].expired, "the source is expired");
    is_int(f.snap->sources_failing, 1, "and counted as failing");
    model_source_unchanged(f.m, 0, 0, T0 + 460);
    c = snap_cells(&f, T0 + 460);
    ok(c[FR].level == LEVEL_DEGRADED && !c[FR].stale && c[FR].age_s == 0,
       "a 304 brings the old data back as fresh");
    teardown(&f);

    setup(&f);
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "c-fr", LEVEL_OK, NULL);
    feed(&f, 0, &ev);
    model_source_failure(f.m, 0, 0, "timeout", T0 + 60);
    c = snap_cells(&f, T0 + 60 + f.cfg.expire_age_s + 1);
    is_int(c[FR].level, LEVEL_UNKNOWN, "old enough data becomes unknown even after one failure");
    teardown(&f);

    setup(&f);
    model_source_failure(f.m, 0, 1, "could not resolve host", T0);
    c = snap_cells(&f, T0);
    ok(c[NA].level == LEVEL_UNKNOWN && c[ALL].level == LEVEL_UNKNOWN,
       "a source that never worked is unknown where it speaks (US default: NA, ALL)");
    is_int(c[JP].level, LEVEL_NONE, "and none elsewhere");
    teardown(&f);
}

static void test_health(void)
{
    struct fixture f;
    struct evidence ev = {0};
    struct source_timing slow = {.next_poll = T0 + 60, .elapsed_ms = 6200, .slow = true};
    struct source_timing backoff = {.next_poll = T0 + 200, .backoff_until = T0 + 200};

    setup(&f);
    snap_cells(&f, T0);
    is_int(f.snap->services[0].sources[0].health, HEALTH_PENDING, "never polled: pending");
    add_component(&ev, "c-fr", LEVEL_OK, NULL);
    feed(&f, 0, &ev);
    model_source_timing(f.m, 0, 0, &slow);
    snap_cells(&f, T0);
    is_str(source_health_name(f.snap->services[0].sources[0].health), "slow",
           "a poll that took 6.2 s makes the source slow");
    is_int(f.snap->services[0].sources[0].elapsed_ms, 6200, "with its time");
    model_source_timing(f.m, 0, 0, &backoff);
    model_source_failure(f.m, 0, 0, "HTTP 429", T0 + 60);
    snap_cells(&f, T0 + 60);
    is_str(source_health_name(f.snap->services[0].sources[0].health), "backing_off",
           "a failure with a backoff ahead is backing off");
    is_int(f.snap->services[0].sources[0].backoff_until, T0 + 200, "until when");
    snap_cells(&f, T0 + 201);
    is_str(source_health_name(f.snap->services[0].sources[0].health), "failing",
           "once the backoff is over it is just failing");
    teardown(&f);
}

static void test_since(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&ev, "c-fr", LEVEL_OK, NULL);
    feed(&f, 0, &ev);
    c = snap_cells(&f, T0);
    is_int(c[FR].since, T0, "a first ok is ok since the first look");
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "c-fr", LEVEL_MAJOR, NULL)->updated_at = T0 + 100;
    evidence_update_level(&ev);
    model_source_success(f.m, 0, 0, &ev, T0 + 120);
    c = snap_cells(&f, T0 + 120);
    is_int(c[FR].since, T0 + 100, "a change takes the evidence's own time");
    c = snap_cells(&f, T0 + 500);
    is_int(c[FR].since, T0 + 100, "since stays while the level stays");
    memset(&ev, 0, sizeof ev);
    add_component(&ev, "c-fr", LEVEL_OK, NULL);
    evidence_update_level(&ev);
    model_source_success(f.m, 0, 0, &ev, T0 + 600);
    c = snap_cells(&f, T0 + 600);
    is_int(c[FR].since, T0 + 600, "recovery is dated when we saw it");
    teardown(&f);
}

static void test_two_sources(void)
{
    struct fixture f;
    struct evidence a = {0}, b = {0};
    const struct snap_cell *c;

    setup(&f);
    add_component(&a, "c-fr", LEVEL_OK, NULL);
    add_component(&b, "anything", LEVEL_MAJOR, NULL); /* default region US */
    feed(&f, 0, &a);
    feed(&f, 1, &b);
    c = snap_cells(&f, T0);
    ok(c[NA].level == LEVEL_MAJOR && !c[NA].possible, "the US page's outage is certain in NA");
    ok(c[EU].level == LEVEL_OK && c[FR].level == LEVEL_OK, "the EU side stays ok");
    is_int(c[JP].level, LEVEL_NONE, "JP has no evidence from either");
    is_int(f.snap->sources_ok, 2, "two sources ok");
    teardown(&f);
}

/* A company with one page per region (Datadog's sites): one row, each
 * page's evidence in its own region's columns only, whatever it is. */
static void test_regional_pages(void)
{
    static const char text[] = "[sitrep]\ncolumns = ALL NA EU DE FR APAC JP AU\n"
                               "[service dd]\nurl = https://us.example/\ndefault_region = US\n"
                               "[source dd eu1]\nurl = https://eu.example/\ndefault_region = DE\n"
                               "[source dd ap1]\nurl = https://jp.example/\ndefault_region = JP\n"
                               "[source dd ap2]\nurl = https://au.example/\ndefault_region = AU\n";
    enum { C_ALL, C_NA, C_EU, C_DE, C_FR, C_APAC, C_JP, C_AU };
    struct fixture f;
    struct evidence us = {0}, eu = {0}, jp = {0};
    const struct snap_cell *c;

    memset(&f, 0, sizeof f);
    tu_config(&f.cfg, text);
    f.m = model_new(&f.cfg);
    add_component(&us, "Metrics", LEVEL_OK, NULL);
    add_component(&eu, "Metrics", LEVEL_OK, NULL);
    add_incident(&eu, LEVEL_MAJOR, T0 - 600, NULL); /* page-wide: no component named */
    add_component(&jp, "Logs", LEVEL_PARTIAL, NULL);
    feed(&f, 0, &us);
    feed(&f, 1, &eu);
    feed(&f, 2, &jp);
    model_source_failure(f.m, 0, 3, "HTTP 503", T0);
    c = snap_cells(&f, T0);
    is_int(f.snap->nservices, 1, "four pages, one row");
    ok(c[C_NA].level == LEVEL_OK && !c[C_NA].possible, "NA: the US page says ok");
    ok(c[C_DE].level == LEVEL_MAJOR && !c[C_DE].possible && c[C_EU].level == LEVEL_MAJOR &&
           !c[C_EU].possible,
       "the EU1 page's page-wide incident is certain in DE and EU");
    is_int(c[C_FR].level, LEVEL_NONE, "FR: no page speaks for it (DE's is not France's)");
    ok(c[C_JP].level == LEVEL_PARTIAL && c[C_APAC].level == LEVEL_PARTIAL,
       "the AP1 page's partial component in JP and APAC");
    is_int(c[C_AU].level, LEVEL_UNKNOWN, "the AP2 page that fails: AU unknown");
    is_int(c[C_ALL].level, LEVEL_MAJOR, "ALL: the worst page");
    ok(f.snap->services[0].nincidents == 1 &&
           strcmp(f.snap->services[0].incidents[0].source, "eu1") == 0 &&
           f.snap->services[0].incidents[0].nregions == 1 &&
           f.snap->services[0].incidents[0].regions[0] == region_find("DE"),
       "the incident names its page and that page's region");
    teardown(&f);
}

/* The real pages, through the real provider and region rules. */
static void test_real_fixtures(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    enum { R_ALL, R_NA, R_LATAM, R_EU, R_MEA, R_APAC };

    tu_config(&cfg, "[sitrep]\ncolumns = ALL NA LATAM EU MEA APAC\n"
                    "[service linode]\nurl = https://x/\n"
                    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
                    "[service qualys]\nurl = https://y/\n"
                    "region = group \"^(US|EU|IN|CA|AE|AU|UK) Platform\" => $1\n"
                    "[service kinetic]\nurl = https://z/\nregion = group \"^(US|EU)$\" => $1\n");
    m = model_new(&cfg);
    is_int(
        tu_feed(
            m, &cfg, 0, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            T0),
        0, "Linode's problem file parses");
    is_int(tu_feed(m, &cfg, 1, 0,
                   "tests/fixtures/statuspage/atc0005-check-statuspage__qualys-components.json",
                   T0),
           0, "Qualys parses");
    is_int(
        tu_feed(m, &cfg, 2, 0,
                "tests/fixtures/statuspage/atc0005-check-statuspage__ciscokinetic-components.json",
                T0),
        0, "Cisco Kinetic parses");
    snap = model_snapshot(m, T0);
    const struct snap_cell *lin = snap->services[0].cells, *q = snap->services[1].cells,
                           *k = snap->services[2].cells;
    ok(lin[R_NA].level == LEVEL_PARTIAL && lin[R_EU].level == LEVEL_PARTIAL &&
           lin[R_APAC].level == LEVEL_PARTIAL && !lin[R_EU].possible,
       "Linode: partial outage certain in NA, EU and APAC");
    ok(lin[R_LATAM].level == LEVEL_OK && lin[R_MEA].level == LEVEL_OK,
       "Linode: LATAM and MEA only see the global ok components");
    is_int(q[R_EU].level, LEVEL_MAJOR, "Qualys: the EU platform's major outage is in EU");
    is_int(q[R_NA].level, LEVEL_MAINTENANCE, "Qualys: US/CA platforms are under maintenance");
    is_int(q[R_APAC].level, LEVEL_MAINTENANCE, "Qualys: IN platform maintenance is in APAC");
    is_int(q[R_MEA].level, LEVEL_MAINTENANCE, "Qualys: AE platform maintenance is in MEA");
    is_int(snap->services[1].level, LEVEL_MAJOR, "Qualys overall: major ranks above maintenance");
    ok(k[R_NA].level == LEVEL_DEGRADED && k[R_EU].level == LEVEL_OK,
       "Cisco Kinetic: the degraded components are in the US group, EU is fine");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* A hostile or broken body after a good one: the error is the source's,
 * the data shown is the good one, marked stale. */
static void test_bad_body_keeps_data(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL\n[service lp]\nurl = https://x/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__lastpass-components.json", T0);
    is_int(tu_feed(m, &cfg, 0, 0, "tests/fixtures/e2e/html-error.html", T0 + 60), -1,
           "an HTML page is refused by the provider");
    snap = model_snapshot(m, T0 + 60);
    const struct snap_source *src = &snap->services[0].sources[0];
    ok(snap->services[0].cells[0].level == LEVEL_DEGRADED && snap->services[0].cells[0].stale,
       "the cell keeps LastPass's degraded state, marked stale");
    ok(!src->ok && src->has_data && src->error && strstr(src->error, "HTML"),
       "the source carries the parse error: %s", src->error ? src->error : "(null)");
    is_int(src->last_success, T0, "and the time of the last good data");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* A summary lists only unresolved incidents: one that leaves the page
 * stays in the timeline for a day, ended by inference (the page never said
 * "resolved"), then goes. */
static void test_gone_incidents(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    const char *calm =
        "tests/fixtures/statuspage/atc0005-check-statuspage__dropbox-components.json";

    tu_config(&cfg, "[sitrep]\ncolumns = ALL\n[service c]\nurl = https://x/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", T0);
    snap = model_snapshot(m, T0);
    size_t open_before = snap->services[0].nincidents;
    ok(open_before > 0 && snap->services[0].incidents[0].open, "an open incident");
    char *title = xstrdup(snap->services[0].incidents[0].title);
    snapshot_free(snap);

    tu_feed(m, &cfg, 0, 0, calm, T0 + 600);
    snap = model_snapshot(m, T0 + 600);
    const struct snap_service *s = &snap->services[0];
    ok(s->nincidents == open_before && !s->incidents[0].open &&
           strcmp(s->incidents[0].title, title) == 0,
       "after it left the page it is still in the timeline, not open");
    ok(s->incidents[0].inferred_end && strcmp(s->incidents[0].status, "resolved") != 0,
       "ended by inference, its last status kept (%s): the page never said resolved",
       s->incidents[0].status);
    is_int(s->incidents[0].resolved_at, T0 + 600, "as of when it left");
    ok(s->incidents[0].nupdates > 0, "with the statements it had");
    is_int(s->cells[0].level, LEVEL_OK, "and it no longer counts on the grid");
    snapshot_free(snap);

    tu_feed(m, &cfg, 0, 0, calm, T0 + 600 + 86400 + 60);
    snap = model_snapshot(m, T0 + 600 + 86400 + 60);
    is_int(snap->services[0].nincidents, 0, "a day later it is forgotten");
    snapshot_free(snap);
    free(title);
    model_free(m);
    config_free(&cfg);
}

static const struct snap_incident *by_title(const struct snapshot *snap, const char *title)
{
    for (size_t i = 0; i < snap->services[0].nincidents; i++) {
        if (strcmp(snap->services[0].incidents[i].title, title) == 0)
            return &snap->services[0].incidents[i];
    }
    return NULL;
}

/* A maintenance is in progress in its window (or when the page says so),
 * dated from when it was scheduled to begin, not from its posting; one
 * announced for the coming week is upcoming, never a current problem. */
static void test_maintenance_windows(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    const char *fx = "tests/fixtures/statuspage/sitrep-maintenances.json";
    time_t web_from = 1781121600;      /* 2026-06-10T20:00:00Z */
    time_t storage_from = 1781917200;  /* 2026-06-20T01:00:00Z */
    time_t storage_until = 1781931600; /* 2026-06-20T05:00:00Z */
    const struct snap_incident *web, *storage;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL\n[service mt]\nurl = https://x/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, fx, web_from + 3600);
    snap = model_snapshot(m, web_from + 3600);
    web = by_title(snap, "Web tier upgrade");
    storage = by_title(snap, "Storage migration");
    ok(web && web->open && web->maintenance && web->started_at == web_from,
       "in progress, dated from its scheduled start (20:00), not its posting five days before");
    ok(storage && !storage->open && !storage->upcoming,
       "nine days ahead: neither current nor among the coming week's");
    is_int(snap->services[0].level, LEVEL_MAINTENANCE, "the service is in maintenance");
    ok(!level_is_problem(snap->services[0].level), "which is not a problem");
    snapshot_free(snap);

    tu_feed(m, &cfg, 0, 0, fx, storage_from - 3 * 86400);
    snap = model_snapshot(m, storage_from - 3 * 86400);
    storage = by_title(snap, "Storage migration");
    ok(storage && storage->upcoming && !storage->open,
       "three days ahead: upcoming, not in progress");
    ok(snap->services[0].cells[0].level != LEVEL_MAJOR, "its impact (major) is no current problem");
    snapshot_free(snap);

    tu_feed(m, &cfg, 0, 0, fx, storage_from + 600);
    snap = model_snapshot(m, storage_from + 600);
    storage = by_title(snap, "Storage migration");
    ok(storage && storage->open && !storage->upcoming && storage->level == LEVEL_MAINTENANCE,
       "in its window it is in progress, though the page still says scheduled");
    is_int(storage ? storage->started_at : 0, storage_from, "dated from its scheduled start");
    snapshot_free(snap);

    snap = model_snapshot(m, storage_until + 60);
    storage = by_title(snap, "Storage migration");
    ok(storage && !storage->open, "after its window it is over");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* Regions are kept from the previous poll only for the same component under
 * the same names: a renamed one is mapped again. */
static void test_regions_follow_renames(void)
{
    struct fixture f;
    struct evidence ev = {0};
    const struct snap_cell *cells;

    setup(&f);
    struct component *c = add_component(&ev, "x1", LEVEL_MAJOR, NULL);
    free(c->name);
    c->name = xstrdup("c-fr");
    feed(&f, 0, &ev);
    cells = snap_cells(&f, T0);
    ok(cells[FR].level == LEVEL_MAJOR && cells[JP].level != LEVEL_MAJOR,
       "first poll: the component named c-fr is in FR");
    c = add_component(&ev, "x1", LEVEL_MAJOR, NULL);
    free(c->name);
    c->name = xstrdup("c-fr");
    feed(&f, 0, &ev);
    cells = snap_cells(&f, T0);
    ok(cells[FR].level == LEVEL_MAJOR, "the same page again: still FR");
    c = add_component(&ev, "x1", LEVEL_MAJOR, NULL);
    free(c->name);
    c->name = xstrdup("c-jp");
    feed(&f, 0, &ev);
    cells = snap_cells(&f, T0);
    ok(cells[JP].level == LEVEL_MAJOR && cells[FR].level != LEVEL_MAJOR,
       "renamed c-jp under the same id: mapped again, now JP (FR %s, JP %s)",
       level_name(cells[FR].level), level_name(cells[JP].level));
    teardown(&f);
}

int main(void)
{
    test_containment();
    test_wider_regions();
    test_groups_and_indicator();
    test_incidents();
    test_staleness();
    test_health();
    test_since();
    test_two_sources();
    test_regional_pages();
    test_real_fixtures();
    test_bad_body_keeps_data();
    test_gone_incidents();
    test_maintenance_windows();
    test_regions_follow_renames();
    return tap_done();
}
