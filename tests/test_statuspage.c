/* The Statuspage provider against real captures, hand-written cases, hostile
 * bodies and inputs generated at run time (see tests/fixtures/statuspage/
 * SOURCES.md and tests/fixtures/hostile/README.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/timefmt.h"
#include "tap.h"

#define SP_DIR      "tests/fixtures/statuspage/"
#define HOSTILE_DIR "tests/fixtures/hostile/"

static const char *const real_fixtures[] = {
    "amureki-statuscheck__cloudamqp_maintenance.json",
    "amureki-statuscheck__github_incident.json",
    "atc0005-check-statuspage__box-components-with-problem.json",
    "atc0005-check-statuspage__box-components.json",
    "atc0005-check-statuspage__cisco-urgentnotices-components.json",
    "atc0005-check-statuspage__ciscoamp-components.json",
    "atc0005-check-statuspage__ciscointersight-components.json",
    "atc0005-check-statuspage__ciscokinetic-components.json",
    "atc0005-check-statuspage__coinbase-components.json",
    "atc0005-check-statuspage__digitalocean-components.json",
    "atc0005-check-statuspage__dropbox-components.json",
    "atc0005-check-statuspage__duo-components.json",
    "atc0005-check-statuspage__github-components-with-problem.json",
    "atc0005-check-statuspage__github-components.json",
    "atc0005-check-statuspage__instructure-components.json",
    "atc0005-check-statuspage__intercom-components.json",
    "atc0005-check-statuspage__lastpass-components.json",
    "atc0005-check-statuspage__linode-components-problems.json",
    "atc0005-check-statuspage__linode-components.json",
    "atc0005-check-statuspage__newrelic-components.json",
    "atc0005-check-statuspage__qualys-components.json",
    "atc0005-check-statuspage__reddit-components.json",
    "atc0005-check-statuspage__squarespace-components.json",
    "atc0005-check-statuspage__twilio-components.json",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char err[256];

/* Parses len bytes from an exact-size copy, so ASan sees any over-read. */
static int parse_bytes(const char *body, size_t len, struct evidence *ev)
{
    char *exact = malloc(len ? len : 1);
    int rc;

    if (!exact)
        abort();
    memcpy(exact, body, len);
    memset(ev, 0, sizeof *ev);
    err[0] = '\0';
    rc = provider_statuspage.parse(exact, len, ev, err, sizeof err);
    free(exact);
    return rc;
}

static int parse_file(const char *rel, struct evidence *ev)
{
    size_t len;
    char *body = tap_read_file(rel, &len);
    int rc = parse_bytes(body, len, ev);

    if (rc != 0)
        tap_diag("%s: %s", rel, err);
    free(body);
    return rc;
}

static int parse_fixture(const char *name, struct evidence *ev)
{
    char rel[512];

    snprintf(rel, sizeof rel, "%s%s", SP_DIR, name);
    return parse_file(rel, ev);
}

static int parse_str(const char *s, struct evidence *ev)
{
    return parse_bytes(s, strlen(s), ev);
}

static const struct component *comp(const struct evidence *ev, const char *id)
{
    static const struct component missing = {.level = LEVEL_COUNT};
    const struct component *c = evidence_component(ev, id);

    if (!c)
        tap_diag("no component %s", id);
    return c ? c : &missing;
}

static const struct component *comp_named(const struct evidence *ev, const char *name)
{
    for (size_t i = 0; i < ev->ncomponents; i++) {
        if (strcmp(ev->components[i].name, name) == 0)
            return &ev->components[i];
    }
    return comp(ev, name);
}

static size_t count_level(const struct evidence *ev, enum level level)
{
    size_t n = 0;

    for (size_t i = 0; i < ev->ncomponents; i++)
        n += ev->components[i].level == level;
    return n;
}

static size_t count_groups(const struct evidence *ev)
{
    size_t n = 0;

    for (size_t i = 0; i < ev->ncomponents; i++)
        n += ev->components[i].is_group;
    return n;
}

static time_t iso(const char *s)
{
    time_t t = 0;

    if (!time_parse_iso8601(s, &t))
        tap_diag("bad test timestamp %s", s);
    return t;
}

static bool is_zeroed(const struct evidence *ev)
{
    static const struct evidence zero;

    return memcmp(ev, &zero, sizeof zero) == 0;
}

/* Counts the components array with jansson directly, independently of the parser. */
static size_t json_component_count(const char *name)
{
    char rel[512];
    size_t len, n;
    char *body;
    json_t *root;

    snprintf(rel, sizeof rel, "%s%s", SP_DIR, name);
    body = tap_read_file(rel, &len);
    root = json_loadb(body, len, JSON_DECODE_INT_AS_REAL, NULL);
    n = json_array_size(json_object_get(root, "components"));
    json_decref(root);
    free(body);
    return n;
}

/* ---- real captures ---- */

static void test_real_all(void)
{
    for (size_t i = 0; i < NELEM(real_fixtures); i++) {
        struct evidence ev;
        int rc = parse_fixture(real_fixtures[i], &ev);
        ok(rc == 0, "real %s parses", real_fixtures[i]);
        is_int(ev.ncomponents, json_component_count(real_fixtures[i]), "real %s: component count",
               real_fixtures[i]);
        is_int(count_level(&ev, LEVEL_UNKNOWN), 0, "real %s: no unknown component",
               real_fixtures[i]);
        ok(ev.page_name && ev.page_url, "real %s: page name and url", real_fixtures[i]);
        ok(ev.level >= LEVEL_OK, "real %s: has a level (%s)", real_fixtures[i],
           level_name(ev.level));
        evidence_free(&ev);
    }
}

static void test_qualys(void)
{
    struct evidence ev;

    ok(parse_fixture("atc0005-check-statuspage__qualys-components.json", &ev) == 0, "qualys");
    is_int(ev.ncomponents, 271, "qualys: 271 components");
    const struct component *eu = comp_named(&ev, "EU Platform 1");
    ok(eu->is_group, "qualys: EU Platform 1 is a group");
    is_int(eu->level, LEVEL_MAJOR, "qualys: EU Platform 1 is major");
    ok(eu->nchildren > 0, "qualys: EU Platform 1 has children (%u)", eu->nchildren);
    is_int(comp(&ev, "2pz4b2l3ptdz")->level, LEVEL_MAJOR, "qualys: GAV in EU Platform 1 major");
    is_str(comp(&ev, "2pz4b2l3ptdz")->group_name, "EU Platform 1", "qualys: its group name");
    is_int(count_level(&ev, LEVEL_MAJOR), 2, "qualys: two major_outage components");
    is_int(count_level(&ev, LEVEL_MAINTENANCE), 7, "qualys: seven under_maintenance");
    is_str(comp(&ev, "cd30hsg0vqw3")->status, "under_maintenance", "qualys: raw status kept");
    is_int(ev.indicator_level, LEVEL_NONE, "qualys: components.json has no indicator");
    ok(ev.indicator == NULL, "qualys: indicator NULL");
    is_int(ev.level, LEVEL_MAJOR, "qualys: page level major (above maintenance)");
    evidence_free(&ev);
}

static void test_coinbase(void)
{
    struct evidence ev;

    ok(parse_fixture("atc0005-check-statuspage__coinbase-components.json", &ev) == 0, "coinbase");
    const struct component *g = comp(&ev, "574f73dm7f5h");
    is_str(g->name, "Digital Currencies", "coinbase: group name");
    is_int(g->level, LEVEL_PARTIAL, "coinbase: group partial");
    is_int(g->nchildren, 113, "coinbase: group has 113 children");
    is_int(comp(&ev, "fj9b58pwqrd8")->level, LEVEL_MAINTENANCE, "coinbase: Horizen maintenance");
    is_int(comp(&ev, "t5cf13g9yx1h")->level, LEVEL_PARTIAL, "coinbase: GYEN partial");
    is_str(comp(&ev, "t5cf13g9yx1h")->group_name, "Digital Currencies", "coinbase: child group");
    is_int(count_groups(&ev), 3, "coinbase: three groups");
    is_int(ev.level, LEVEL_PARTIAL, "coinbase: page level partial");
    evidence_free(&ev);
}

static void test_linode(void)
{
    struct evidence ev;

    ok(parse_fixture("atc0005-check-statuspage__linode-components-problems.json", &ev) == 0,
       "linode problems");
    is_int(count_level(&ev, LEVEL_PARTIAL), 8, "linode: 8 partial_outage");
    const struct component *regions = comp(&ev, "kb0cf2d0rryb");
    is_str(regions->name, "Regions", "linode: Regions group");
    ok(regions->is_group, "linode: Regions is a group");
    is_int(regions->level, LEVEL_PARTIAL, "linode: Regions partial");
    is_int(regions->nchildren, 11, "linode: Regions has 11 children");
    const struct component *newark = comp_named(&ev, "US-East (Newark)");
    is_str(newark->group_name, "Regions", "linode: Newark in Regions");
    is_str(newark->group_id, "kb0cf2d0rryb", "linode: Newark group_id");
    is_int(newark->level, LEVEL_PARTIAL, "linode: Newark partial");
    ok(!newark->is_group && newark->nchildren == 0, "linode: Newark is a leaf");
    is_int(ev.level, LEVEL_PARTIAL, "linode: page level partial");
    evidence_free(&ev);
    ok(parse_fixture("atc0005-check-statuspage__linode-components.json", &ev) == 0, "linode");
    is_int(ev.level, LEVEL_OK, "linode quiet: ok");
    evidence_free(&ev);
}

static void test_duo(void)
{
    struct evidence ev;
    size_t children = 0;

    ok(parse_fixture("atc0005-check-statuspage__duo-components.json", &ev) == 0, "duo");
    is_int(ev.ncomponents, 539, "duo: 539 components");
    ok(count_groups(&ev) >= 69, "duo: 69+ groups (%zu)", count_groups(&ev));
    is_int(count_level(&ev, LEVEL_OK), 539, "duo: all ok");
    is_int(ev.level, LEVEL_OK, "duo: page level ok");
    for (size_t i = 0; i < ev.ncomponents; i++)
        children += ev.components[i].nchildren;
    is_int(children, ev.ncomponents - count_groups(&ev), "duo: every leaf has a parent");
    evidence_free(&ev);
}

static void test_small_real(void)
{
    struct evidence ev;

    ok(parse_fixture("atc0005-check-statuspage__github-components-with-problem.json", &ev) == 0,
       "github problem");
    is_int(ev.level, LEVEL_PARTIAL, "github problem: partial");
    is_int(count_level(&ev, LEVEL_PARTIAL), 1, "github problem: one partial component");
    is_str(ev.page_name, "GitHub", "github problem: page name");
    evidence_free(&ev);
    ok(parse_fixture("atc0005-check-statuspage__lastpass-components.json", &ev) == 0, "lastpass");
    is_int(ev.level, LEVEL_DEGRADED, "lastpass: degraded");
    is_int(count_level(&ev, LEVEL_DEGRADED), 3, "lastpass: three degraded components");
    is_int(ev.indicator_level, LEVEL_NONE, "lastpass: components.json, no indicator");
    is_int(ev.nincidents, 0, "lastpass: no incidents");
    evidence_free(&ev);
    ok(parse_fixture("atc0005-check-statuspage__ciscokinetic-components.json", &ev) == 0,
       "cisco kinetic");
    is_int(ev.level, LEVEL_DEGRADED, "cisco kinetic: degraded");
    evidence_free(&ev);
}

static void test_cloudamqp(void)
{
    struct evidence ev;

    ok(parse_fixture("amureki-statuscheck__cloudamqp_maintenance.json", &ev) == 0, "cloudamqp");
    is_str(ev.indicator, "maintenance", "cloudamqp: raw indicator");
    is_str(ev.description, "Service Under Maintenance", "cloudamqp: description");
    is_int(ev.indicator_level, LEVEL_MAINTENANCE, "cloudamqp: indicator level");
    is_int(ev.level, LEVEL_MAINTENANCE, "cloudamqp: page level maintenance");
    is_int(ev.updated_at, iso("2020-07-16T21:10:37Z"), "cloudamqp: page updated_at");
    is_int(ev.nincidents, 1, "cloudamqp: one maintenance");
    const struct incident *m = &ev.incidents[0];
    ok(m->maintenance && m->open, "cloudamqp: in-progress maintenance is open");
    is_int(m->level, LEVEL_MAINTENANCE, "cloudamqp: maintenance level");
    is_str(m->status, "in_progress", "cloudamqp: raw status");
    is_str(m->url, "http://stspg.io/3crfld0dxr87", "cloudamqp: shortlink");
    is_int(m->ncomponent_ids, 1, "cloudamqp: one affected id (deduplicated)");
    is_str(m->ncomponent_ids ? m->component_ids[0] : NULL, "m9jl6sdbs4vb", "cloudamqp: its id");
    is_int(m->scheduled_for, iso("2020-07-16T21:00:00Z"), "cloudamqp: scheduled_for");
    is_int(m->scheduled_until, iso("2020-07-16T23:00:00Z"), "cloudamqp: scheduled_until");
    is_int(m->started_at, iso("2020-07-09T23:37:08Z"), "cloudamqp: started_at");
    is_int(m->nupdates, 2, "cloudamqp: two updates");
    is_str(m->updates[0].status, "in_progress", "cloudamqp: newest update first");
    is_int(comp(&ev, "m9jl6sdbs4vb")->level, LEVEL_MAINTENANCE, "cloudamqp: component maint");
    is_int(comp(&ev, "m9jl6sdbs4vb")->updated_at, iso("2020-07-16T21:10:37Z"),
           "cloudamqp: component updated_at");
    evidence_free(&ev);
}

static void test_github_incident(void)
{
    struct evidence ev;

    ok(parse_fixture("amureki-statuscheck__github_incident.json", &ev) == 0, "github incident");
    is_int(ev.nincidents, 3, "github incident: 1 incident + 2 maintenances");
    /* Both open ones first, newest start first: the maintenance began later. */
    const struct incident *web = &ev.incidents[0];
    is_str(web->id, "k7mf5z1gz05c", "github incident: open maintenance (newer) first");
    ok(web->open && web->maintenance, "github incident: in_progress maintenance open");
    is_int(web->level, LEVEL_MAINTENANCE, "github incident: maintenance level despite minor");
    is_int(web->nupdates, 2, "github incident: maintenance has two updates");
    ok(web->nupdates == 2 && web->updates[0].at > web->updates[1].at,
       "github incident: updates newest first");
    is_str(web->updates[0].status, "in_progress", "github incident: newest is in_progress");
    const struct incident *inc = &ev.incidents[1];
    is_str(inc->id, "cp306tmzcl0y", "github incident: the open incident second");
    ok(inc->open && !inc->maintenance, "github incident: open, not maintenance");
    is_str(inc->impact, "critical", "github incident: raw impact");
    is_int(inc->level, LEVEL_MAJOR, "github incident: critical -> major");
    is_int(inc->created_at, iso("2014-05-14T20:22:39Z"), "github incident: offset applied");
    is_int(inc->resolved_at, 0, "github incident: resolved_at null -> 0");
    is_int(inc->nupdates, 1, "github incident: one update");
    is_str(inc->updates[0].status, "identified", "github incident: update status");
    ok(strstr(inc->updates[0].body, "ham sandwiches") != NULL, "github incident: update body");
    is_str(ev.incidents[2].id, "w1zdr745wmfy", "github incident: scheduled one last");
    ok(!ev.incidents[2].open, "github incident: scheduled maintenance not open");
    is_int(ev.indicator_level, LEVEL_PARTIAL, "github incident: indicator major -> partial");
    is_int(ev.level, LEVEL_MAJOR, "github incident: page level major");
    evidence_free(&ev);
}

/* ---- hand-written cases ---- */

static void test_incidentio(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-incidentio-summary.json", &ev) == 0, "incident.io summary");
    is_int(ev.ncomponents, 5, "incident.io: 5 components");
    is_int(ev.nincidents, 0, "incident.io: null incidents and maintenances");
    is_int(comp_named(&ev, "API")->level, LEVEL_MAJOR, "incident.io: full-outage -> major");
    is_int(comp_named(&ev, "ChatGPT")->level, LEVEL_PARTIAL, "incident.io: partial-outage");
    is_int(comp_named(&ev, "Playground")->level, LEVEL_DEGRADED, "incident.io: degraded-perf.");
    is_int(comp_named(&ev, "Fine-tuning")->level, LEVEL_MAINTENANCE, "incident.io: maintenance");
    is_str(comp_named(&ev, "API")->status, "full-outage", "incident.io: raw status kept");
    ok(!comp_named(&ev, "API")->group_id && !comp_named(&ev, "API")->is_group,
       "incident.io: flat components");
    is_int(count_groups(&ev), 0, "incident.io: no groups");
    is_int(ev.indicator_level, LEVEL_MAJOR, "incident.io: critical -> major");
    is_int(ev.level, LEVEL_MAJOR, "incident.io: page level major");
    evidence_free(&ev);
}

static void test_indicator_none_open_incident(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-indicator-none-open-incident.json", &ev) == 0, "indicator none");
    is_int(ev.indicator_level, LEVEL_OK, "indicator none: indicator says ok");
    is_int(count_level(&ev, LEVEL_OK), 2, "indicator none: components ok");
    is_int(ev.nincidents, 1, "indicator none: one incident");
    ok(ev.incidents[0].open, "indicator none: monitoring incident is open");
    is_int(ev.incidents[0].level, LEVEL_NOTICE, "indicator none: impact none -> notice");
    is_int(ev.level, LEVEL_NOTICE, "indicator none: page level notice, not ok");
    is_str(ev.incidents[0].url, "https://stspg.io/abc123", "indicator none: shortlink");
    is_int(ev.incidents[0].started_at, iso("2026-09-23T09:38:00Z"), "indicator none: started");
    evidence_free(&ev);
}

static void test_updates_out_of_order(void)
{
    static const char *const bodies[] = {
        "fourth, no display_at",
        "third (a), same time as (b)",
        "third (b), display_at unparsable",
        "second",
        "first",
    };
    static const char *const ids[] = {"cmp-a", "cmp-c", "cmp-b"};
    struct evidence ev;

    ok(parse_fixture("sitrep-updates-out-of-order.json", &ev) == 0, "shuffled updates");
    is_int(ev.nincidents, 2, "shuffled: two incidents");
    const struct incident *inc = &ev.incidents[0];
    is_str(inc->id, "shuffled", "shuffled: the open one first");
    is_str(ev.incidents[1].id, "old-resolved", "shuffled: the resolved one last");
    ok(!ev.incidents[1].open, "shuffled: resolved is not open");
    is_int(ev.incidents[1].level, LEVEL_MAJOR, "shuffled: resolved keeps its mapped level");
    is_int(inc->nupdates, NELEM(bodies), "shuffled: all updates kept");
    for (size_t i = 0; i < NELEM(bodies) && i < inc->nupdates; i++)
        is_str(inc->updates[i].body, bodies[i], "shuffled: update %zu", i);
    is_int(inc->updates[0].at, iso("2026-03-01T11:30:00Z"), "shuffled: created_at fallback");
    is_int(inc->nupdates > 3 ? inc->updates[3].at : 0, iso("2026-03-01T10:30:00Z"),
           "shuffled: display_at wins over created_at");
    is_int(inc->ncomponent_ids, NELEM(ids), "shuffled: affected ids deduplicated");
    for (size_t i = 0; i < NELEM(ids) && i < inc->ncomponent_ids; i++)
        is_str(inc->component_ids[i], ids[i], "shuffled: affected id %zu in first-seen order", i);
    is_int(ev.level, LEVEL_DEGRADED, "shuffled: resolved critical does not count");
    evidence_free(&ev);
}

static void test_interleaved_groups(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-interleaved-groups.json", &ev) == 0, "interleaved groups");
    is_int(ev.ncomponents, 7, "interleaved: 7 components");
    is_str(ev.components[0].id, "ams", "interleaved: document order kept");
    is_str(comp(&ev, "ams")->group_name, "Europe", "interleaved: child before its group");
    is_int(comp(&ev, "grp-eu")->nchildren, 3, "interleaved: Europe has 3 children");
    is_int(comp(&ev, "grp-us")->nchildren, 1, "interleaved: North America has 1 child");
    is_str(comp(&ev, "api-us")->group_name, "North America", "interleaved: API (US) group");
    is_str(comp(&ev, "api-eu")->group_name, "Europe", "interleaved: API (EU) group");
    is_str(comp(&ev, "eu-eu")->group_name, "Europe", "interleaved: child named like its group");
    is_int(comp(&ev, "eu-eu")->nchildren, 0, "interleaved: same-name child has no children");
    ok(comp(&ev, "lonely")->group_name == NULL, "interleaved: ungrouped has no group name");
    is_int(comp(&ev, "lonely")->nchildren, 0, "interleaved: name twin gets no children");
    is_int(comp(&ev, "grp-eu")->level, LEVEL_PARTIAL, "interleaved: Europe partial");
    is_int(comp(&ev, "grp-us")->level, LEVEL_MAJOR, "interleaved: North America major");
    is_int(comp(&ev, "grp-eu")->position, 1, "interleaved: position");
    is_int(ev.level, LEVEL_MAJOR, "interleaved: page level major");
    evidence_free(&ev);
}

static void test_orphan_group_id(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-orphan-group-id.json", &ev) == 0, "orphan group_id");
    is_str(comp(&ev, "orphan")->group_id, "gone-group", "orphan: group_id kept");
    ok(comp(&ev, "orphan")->group_name == NULL, "orphan: group_name NULL");
    ok(comp(&ev, "real-group")->is_group, "orphan: empty group is still a group");
    is_int(comp(&ev, "real-group")->nchildren, 0, "orphan: empty group has no children");
    ok(comp(&ev, "self")->group_name == NULL, "orphan: self-parent is not linked");
    is_int(comp(&ev, "self")->nchildren, 0, "orphan: self-parent has no children");
    ok(!comp(&ev, "self")->is_group, "orphan: self-parent is not a group");
    is_int(ev.level, LEVEL_DEGRADED, "orphan: page level degraded");
    evidence_free(&ev);
}

static void test_maintenances(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-maintenances.json", &ev) == 0, "maintenances");
    is_int(ev.nincidents, 2, "maintenances: two");
    const struct incident *run = &ev.incidents[0], *up = &ev.incidents[1];
    is_str(run->id, "running", "maintenances: in-progress first");
    ok(run->open && run->maintenance, "maintenances: in_progress open");
    is_int(run->level, LEVEL_MAINTENANCE, "maintenances: open one is maintenance (impact minor)");
    is_int(run->ncomponent_ids, 1, "maintenances: running affects one component");
    is_str(run->ncomponent_ids ? run->component_ids[0] : NULL, "web", "maintenances: web");
    is_str(up->id, "upcoming", "maintenances: upcoming second");
    ok(!up->open && up->maintenance, "maintenances: scheduled not open");
    is_int(up->level, LEVEL_PARTIAL, "maintenances: upcoming keeps its impact level");
    is_int(up->scheduled_for, iso("2026-06-20T01:00:00Z"), "maintenances: scheduled_for");
    is_str(up->ncomponent_ids ? up->component_ids[0] : NULL, "db", "maintenances: upcoming db");
    is_int(ev.indicator_level, LEVEL_OK, "maintenances: indicator none");
    is_int(ev.level, LEVEL_MAINTENANCE, "maintenances: page level maintenance, not partial");
    is_int(ev.updated_at, iso("2026-06-10T20:15:00Z"), "maintenances: page time with offset");
    evidence_free(&ev);
}

static void test_unknown_status(void)
{
    struct evidence ev;

    ok(parse_fixture("sitrep-unknown-status.json", &ev) == 0, "unknown status");
    is_int(comp(&ev, "boom")->level, LEVEL_UNKNOWN, "unknown: exploded -> unknown");
    is_str(comp(&ev, "boom")->status, "exploded", "unknown: raw status kept");
    is_int(comp(&ev, "num")->level, LEVEL_UNKNOWN, "unknown: numeric status -> unknown");
    ok(comp(&ev, "num")->status == NULL, "unknown: numeric status not kept");
    is_int(comp(&ev, "none")->level, LEVEL_UNKNOWN, "unknown: missing status -> unknown");
    is_int(comp(&ev, "fine")->level, LEVEL_OK, "unknown: operational still ok");
    is_int(ev.indicator_level, LEVEL_UNKNOWN, "unknown: odd indicator -> unknown");
    is_str(ev.indicator, "apocalyptic", "unknown: raw indicator kept");
    is_int(ev.nincidents, 2, "unknown: two incidents");
    is_str(ev.incidents[0].name, "(untitled)", "unknown: nameless, newest first");
    ok(ev.incidents[1].open, "unknown: unknown incident status counts as open");
    is_int(ev.incidents[1].level, LEVEL_UNKNOWN, "unknown: unknown impact -> unknown");
    is_int(ev.level, LEVEL_UNKNOWN, "unknown: page level unknown, never ok");
    evidence_free(&ev);
}

/* Bodies written inline: shapes of the other endpoints. */
static void test_endpoint_shapes(void)
{
    struct evidence ev;

    ok(parse_str("{\"page\":{\"name\":\"S\"},\"status\":{\"indicator\":\"minor\","
                 "\"description\":\"Minor Service Outage\"}}",
                 &ev) == 0,
       "status.json parses");
    is_int(ev.level, LEVEL_DEGRADED, "status.json: degraded");
    ok(ev.ncomponents == 0 && ev.nincidents == 0, "status.json: nothing else");
    evidence_free(&ev);
    ok(parse_str("{\"page\":{\"name\":\"S\"},\"components\":[],\"status\":{\"indicator\":"
                 "\"none\"}}",
                 &ev) == 0,
       "summary without incidents keys parses");
    is_int(ev.level, LEVEL_OK, "summary without incidents keys: ok");
    evidence_free(&ev);
    ok(parse_str("{\"status\":{\"indicator\":null,\"description\":\"?\"}}", &ev) == 0,
       "null indicator parses");
    is_int(ev.indicator_level, LEVEL_NONE, "null indicator: no indicator level");
    is_str(ev.description, "?", "null indicator: description kept");
    evidence_free(&ev);
    ok(parse_str("{\"page\":null,\"status\":null,\"components\":null}", &ev) == 0,
       "all-null document parses");
    is_int(ev.level, LEVEL_NONE, "all-null document: no evidence at all");
    evidence_free(&ev);
    ok(parse_str("{\"incidents\":[{\"id\":\"a\",\"status\":\"resolved\",\"impact\":\"major\"},"
                 "{\"id\":\"b\",\"status\":\"postmortem\",\"impact\":\"critical\"},"
                 "{\"id\":\"c\",\"status\":\"completed\",\"impact\":\"maintenance\"},"
                 "{\"id\":\"d\",\"status\":\"in_progress\",\"impact\":\"none\"}]}",
                 &ev) == 0,
       "incidents.json parses");
    is_int(ev.nincidents, 4, "incidents.json: four");
    is_str(ev.incidents[0].id, "d", "incidents.json: the in-progress one first");
    ok(ev.incidents[0].maintenance && ev.incidents[0].open, "incidents.json: maintenance inside");
    ok(ev.nincidents == 4 && !ev.incidents[1].open && !ev.incidents[2].open &&
           !ev.incidents[3].open,
       "incidents.json: resolved, postmortem, completed closed");
    is_int(ev.level, LEVEL_MAINTENANCE, "incidents.json: closed ones do not count");
    evidence_free(&ev);
}

/* ---- hostile bodies ---- */

struct hostile {
    const char *file;
    bool parses;
    const char *err_has; /* failures: a fragment the message must contain */
};

static const struct hostile hostile_cases[] = {
    {"truncated.json", false, "truncated"},
    {"not-json.txt", false, "invalid JSON"},
    {"html-503.html", false, "HTML"},
    {"empty.json", false, "empty"},
    {"whitespace-only.json", false, "empty"},
    {"bom-utf8-valid.json", true, NULL},
    {"utf16le-bom.json", true, NULL},
    {"wrong-type-components-string.json", false, "'components' is a string, expected an array"},
    {"wrong-type-components-object.json", false, "'components' is an object, expected an array"},
    {"wrong-type-component-number.json", false, "component 1 is a number, expected an object"},
    {"wrong-type-component-no-id.json", false, "component 1 has no id"},
    {"wrong-type-status-number.json", false, "'status' is a number, expected an object"},
    {"wrong-type-page-string.json", false, "'page' is a string, expected an object"},
    {"wrong-type-incidents-string.json", false, "'incidents' is a string, expected an array"},
    {"wrong-type-incident-number.json", false, "incident 1 is a number, expected an object"},
    {"wrong-type-maintenances-object.json", false, "'scheduled_maintenances' is an object"},
    {"wrong-type-incident-updates-object.json", true, NULL},
    {"wrong-type-created-at-number.json", true, NULL},
    {"wrong-type-fields-mixed.json", true, NULL},
    {"root-array.json", false, "not a Statuspage document"},
    {"root-string.json", false, "invalid JSON"},
    {"root-no-known-field.json", false, "not a Statuspage document"},
    {"int-2p63-position.json", true, NULL},
    {"real-overflow-1e999.json", false, "at byte"},
    {"nesting-2049.json", false, "nesting too deep"},
    {"duplicate-keys.json", true, NULL},
    {"terminal-escapes.json", true, NULL},
    {"raw-control-bytes.json", false, "at byte"},
    {"nul-escape.json", false, "at byte"},
    {"invalid-utf8.json", false, "at byte"},
    {"lone-surrogate.json", false, "at byte"},
    {"trailing-garbage.json", false, "trailing data"},
    {"unknown-enum-status.json", true, NULL},
};

/* The message must be short, printable and free of anything from the body. */
static bool err_is_clean(const char *e)
{
    for (const char *p = e; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    }
    return *e && !strstr(e, "<html") && !strstr(e, "<!DOCTYPE") && !strstr(e, "Service Unav") &&
           !strstr(e, "\x1b");
}

static void test_hostile_table(void)
{
    for (size_t i = 0; i < NELEM(hostile_cases); i++) {
        const struct hostile *h = &hostile_cases[i];
        char rel[512];
        struct evidence ev;
        int rc;

        snprintf(rel, sizeof rel, "%s%s", HOSTILE_DIR, h->file);
        rc = parse_file(rel, &ev);
        if (h->parses) {
            ok(rc == 0, "hostile %s parses", h->file);
        } else {
            ok(rc == -1, "hostile %s fails", h->file);
            ok(err_is_clean(err), "hostile %s: clean message (%s)", h->file, err);
            ok(strstr(err, h->err_has) != NULL, "hostile %s: message says '%s'", h->file,
               h->err_has);
            ok(is_zeroed(&ev), "hostile %s: evidence left zeroed", h->file);
        }
        evidence_free(&ev);
    }
}

static void test_hostile_values(void)
{
    struct evidence ev;

    parse_file(HOSTILE_DIR "bom-utf8-valid.json", &ev);
    is_str(ev.page_name, "BOM page", "BOM: page name");
    is_int(ev.level, LEVEL_DEGRADED, "BOM: level");
    evidence_free(&ev);
    parse_file(HOSTILE_DIR "int-2p63-position.json", &ev);
    is_int(comp(&ev, "big")->position, 2147483647, "2^63: position clamped to INT_MAX");
    is_int(comp(&ev, "neg")->position, -2147483647 - 1, "-2^63-1: clamped to INT_MIN");
    is_int(ev.level, LEVEL_OK, "2^63: level ok");
    evidence_free(&ev);
    parse_file(HOSTILE_DIR "duplicate-keys.json", &ev);
    is_str(ev.indicator, "critical", "dup keys: last indicator wins");
    is_int(ev.ncomponents, 1, "dup keys: last components array wins");
    is_str(ev.ncomponents ? ev.components[0].name : NULL, "winner", "dup keys: its component");
    evidence_free(&ev);
    parse_file(HOSTILE_DIR "unknown-enum-status.json", &ev);
    is_int(comp(&ev, "c1")->level, LEVEL_UNKNOWN, "exploded: unknown");
    is_int(ev.level, LEVEL_UNKNOWN, "exploded: page level unknown though indicator says none");
    evidence_free(&ev);
    parse_file(HOSTILE_DIR "wrong-type-incident-updates-object.json", &ev);
    is_int(ev.nincidents == 1 ? ev.incidents[0].nupdates : 99, 0, "updates object: ignored");
    is_int(ev.level, LEVEL_PARTIAL, "updates object: the incident still counts");
    evidence_free(&ev);
    parse_file(HOSTILE_DIR "wrong-type-created-at-number.json", &ev);
    is_int(ev.nincidents == 1 ? ev.incidents[0].created_at : 99, 0, "numeric created_at -> 0");
    is_str(ev.nincidents == 1 && ev.incidents[0].nupdates == 1 ? ev.incidents[0].updates[0].body
                                                               : NULL,
           "", "numeric body -> empty");
    evidence_free(&ev);
}

static void test_hostile_mixed_types(void)
{
    struct evidence ev;

    parse_file(HOSTILE_DIR "wrong-type-fields-mixed.json", &ev);
    ok(ev.page_name == NULL && ev.page_url == NULL, "mixed: non-string page fields dropped");
    is_int(ev.indicator_level, LEVEL_UNKNOWN, "mixed: numeric indicator -> unknown");
    ok(ev.indicator == NULL && ev.description == NULL, "mixed: non-string status fields dropped");
    const struct component *c = comp(&ev, "c1");
    is_str(c->name, "c1", "mixed: null name -> id");
    ok(c->group_id == NULL && !c->is_group, "mixed: wrong group fields ignored");
    is_int(c->position, 0, "mixed: string position -> 0");
    is_int(c->level, LEVEL_UNKNOWN, "mixed: array status -> unknown");
    is_int(ev.nincidents, 1, "mixed: one incident");
    const struct incident *inc = &ev.incidents[0];
    ok(inc->id == NULL && inc->impact == NULL && inc->url == NULL, "mixed: odd incident fields");
    is_str(inc->name, "(untitled)", "mixed: object name -> (untitled)");
    ok(inc->open, "mixed: null status -> open");
    is_int(inc->ncomponent_ids, 1, "mixed: only the string code is an id");
    is_int(inc->nupdates, 2, "mixed: only object updates are kept");
    evidence_free(&ev);
}

static void test_terminal_escapes(void)
{
    struct evidence ev;

    ok(parse_file(HOSTILE_DIR "terminal-escapes.json", &ev) == 0, "escapes parse");
    is_str(comp(&ev, "esc")->name,
           "\x1b]52;c;SGVsbG8gY2xpcGJvYXJk\x07"
           "Clipboard",
           "escapes: OSC 52 kept verbatim (sanitizing is not the parser's job)");
    is_str(comp(&ev, "bidi")->name,
           "abc\xe2\x80\xae"
           "gnp.exe",
           "escapes: U+202E kept");
    is_str(comp(&ev, "cr")->name, "ok\rFAKE OPERATIONAL", "escapes: CR kept");
    is_int(comp(&ev, "cr")->level, LEVEL_PARTIAL, "escapes: level from status, not name");
    is_str(ev.page_name, "Evil\x1b]0;pwned\x07 page", "escapes: page name raw");
    ok(ev.nincidents == 1 && ev.incidents[0].nupdates == 1, "escapes: incident and update");
    if (ev.nincidents == 1 && ev.incidents[0].nupdates == 1)
        is_str(ev.incidents[0].updates[0].body,
               "line1\r\nline2\x1b[31m red \xc2\x9b c1 \xe2\x80\xae", "escapes: body raw");
    is_int(ev.level, LEVEL_MAJOR, "escapes: page level major");
    evidence_free(&ev);
}

/* ---- generated at run time ---- */

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_deep_nesting(void)
{
    size_t depth = 3000, len = 2 * depth + 16;
    char *body = malloc(len);
    struct evidence ev;
    size_t n = 0;

    if (!body)
        abort();
    n += (size_t)sprintf(body, "{\"components\":");
    memset(body + n, '[', depth);
    memset(body + n + depth, ']', depth);
    n += 2 * depth;
    body[n++] = '}';
    ok(parse_bytes(body, n, &ev) == -1, "3000-deep nesting fails");
    ok(strstr(err, "nesting too deep") != NULL, "3000-deep: says why (%s)", err);
    ok(is_zeroed(&ev), "3000-deep: evidence zeroed");
    free(body);
}

static void test_huge_string(void)
{
    size_t big = 5 * 1024 * 1024;
    const char *head = "{\"components\":[{\"id\":\"big\",\"status\":\"operational\",\"name\":\"";
    const char *tail = "\"}]}";
    size_t hl = strlen(head), tl = strlen(tail);
    char *body = malloc(hl + big + tl);
    struct evidence ev;

    if (!body)
        abort();
    memcpy(body, head, hl);
    memset(body + hl, 'x', big);
    memcpy(body + hl + big, tail, tl);
    ok(parse_bytes(body, hl + big + tl, &ev) == 0, "5 MB name parses");
    is_int(ev.ncomponents == 1 ? strlen(ev.components[0].name) : 0, big, "5 MB name copied whole");
    evidence_free(&ev);
    free(body);
}

/* 5,000 components: 50 groups listed after their 99 children each. */
static char *many_components(size_t *len)
{
    char *body = malloc(5000 * 160 + 64), *p = body;

    if (!body)
        abort();
    p += sprintf(p, "{\"page\":{\"name\":\"Big\"},\"components\":[");
    for (int g = 0; g < 50; g++) {
        for (int c = 0; c < 99; c++)
            p += sprintf(p,
                         "{\"id\":\"c%d-%d\",\"name\":\"Leaf\",\"status\":\"%s\","
                         "\"group_id\":\"g%d\",\"position\":%d},",
                         g, c, g == 7 && c == 3 ? "partial_outage" : "operational", g, c);
        p += sprintf(p,
                     "{\"id\":\"g%d\",\"name\":\"Group\",\"status\":\"operational\","
                     "\"group\":true},",
                     g);
    }
    p[-1] = ']';
    p += sprintf(p, "}");
    *len = (size_t)(p - body);
    return body;
}

static void test_many_components(void)
{
    size_t len;
    char *body = many_components(&len);
    struct evidence ev;
    double t0 = now_ms();
    int rc = parse_bytes(body, len, &ev);

    tap_diag("5,000 components (%zu bytes) parsed in %.2f ms", len, now_ms() - t0);
    ok(rc == 0, "5,000 components parse");
    is_int(ev.ncomponents, 5000, "5,000 components: count");
    is_int(count_groups(&ev), 50, "5,000 components: 50 groups");
    is_int(comp(&ev, "g49")->nchildren, 99, "5,000 components: last group has 99 children");
    is_str(comp(&ev, "c7-3")->group_name, "Group", "5,000 components: child linked");
    is_int(comp(&ev, "g7")->level, LEVEL_PARTIAL, "5,000 components: group raised by child");
    is_int(ev.level, LEVEL_PARTIAL, "5,000 components: page partial");
    evidence_free(&ev);
    free(body);
}

static void test_empty_id(void)
{
    struct evidence ev;

    ok(parse_str("{\"components\":[{\"id\":\"\",\"name\":\"Blank\"}]}", &ev) == -1,
       "empty id fails");
    is_str(err, "component 0 has no id", "empty id: message");
    ok(is_zeroed(&ev), "empty id: evidence zeroed");
}

/* The parser reads with the project's JSON reader, which takes a scalar
 * root and numbers past a double; a Statuspage body is refused for them as
 * it was when jansson read it, and a raw NUL byte is no JSON at all. */
static void test_strict_json(void)
{
    static const char nul_after_number[] = "{\"components\":[{\"id\":\"c\",\"position\":1\0}]}";
    char digits[480];
    struct evidence ev;

    ok(parse_str("  \"All Systems Operational\"", &ev) == -1 &&
           strstr(err, "invalid JSON syntax at byte 2") && strstr(err, "the root is a string"),
       "scalar root refused (%s)", err);
    ok(parse_str("{\"components\":[{\"id\":\"c\",\"position\":-1e999}]}", &ev) == -1 &&
           strstr(err, "number out of range at byte 36"),
       "-1e999 refused where it is (%s)", err);
    snprintf(digits, sizeof digits, "{\"components\":[{\"id\":\"c\",\"position\":1%0400d}]}", 0);
    ok(parse_str(digits, &ev) == -1 && strstr(err, "number out of range"),
       "a 401-digit integer refused (%s)", err);
    snprintf(digits, sizeof digits, "{\"components\":[{\"id\":\"c\",\"position\":1%0300d}]}", 0);
    ok(parse_str(digits, &ev) == 0, "a 301-digit integer is a double (%s)", err);
    is_int(ev.ncomponents ? ev.components[0].position : 0, 2147483647, "  and clamps to INT_MAX");
    evidence_free(&ev);
    ok(parse_str("{\"components\":[{\"id\":\"c\",\"position\":1e-999}]}", &ev) == 0,
       "1e-999 underflows to 0, which a double holds (%s)", err);
    evidence_free(&ev);
    ok(parse_bytes(nul_after_number, sizeof nul_after_number - 1, &ev) == -1 &&
           strstr(err, "at byte 37"),
       "a NUL byte after a number refused (%s)", err);
    ok(is_zeroed(&ev), "strict: evidence zeroed");
}

static void test_small_errbuf(void)
{
    struct evidence ev;
    char tiny[8];
    const char *body = "{\"components\":\"x\"}";

    memset(&ev, 0, sizeof ev);
    memset(tiny, 'Z', sizeof tiny);
    ok(provider_statuspage.parse(body, strlen(body), &ev, tiny, sizeof tiny) == -1,
       "tiny error buffer: fails");
    ok(memchr(tiny, '\0', sizeof tiny) != NULL, "tiny error buffer: message truncated safely");
    ok(provider_find("statuspage") == &provider_statuspage, "provider is in the table");
}

int main(void)
{
    test_real_all();
    test_qualys();
    test_coinbase();
    test_linode();
    test_duo();
    test_small_real();
    test_cloudamqp();
    test_github_incident();
    test_incidentio();
    test_indicator_none_open_incident();
    test_updates_out_of_order();
    test_interleaved_groups();
    test_orphan_group_id();
    test_maintenances();
    test_unknown_status();
    test_endpoint_shapes();
    test_hostile_table();
    test_hostile_values();
    test_hostile_mixed_types();
    test_terminal_escapes();
    test_deep_nesting();
    test_huge_string();
    test_many_components();
    test_empty_id();
    test_small_errbuf();
    test_strict_json();
    return tap_done();
}
